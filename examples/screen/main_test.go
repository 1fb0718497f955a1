package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/examples/internal/cli/clitest"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
)

const (
	national = "../../testdata/watchlists/national.jsonl"
	demo     = "../../testdata/screen/queries.jsonl"
	ofacSDN  = "../../testdata/screen/ofac/sdn.csv"
	un2025   = "../../testdata/lists/un-consolidated-2025-11-20.xml"
)

// Screeners are built once per set of lists and options for all tests.
var shared clitest.Screeners

func TestMain(m *testing.M) {
	build := newScreener
	newScreener = func(ctx context.Context, ls []*lists.List, set settings) (*screening.Screener, func(), error) {
		s, err := shared.Get(ls, fmt.Sprint(set), func() (*screening.Screener, error) {
			s, _, err := build(ctx, ls, set)
			return s, err
		})
		return s, func() {}, err
	}
	os.Exit(m.Run())
}

// screen runs the program with stdin and returns its exit status, stdout and
// stderr.
func screen(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestDumpDefault(t *testing.T) {
	code, out, errs := screen(t, "", "-dump")
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs)
	assert.Equal(t, 1+1009, strings.Count(out, "\n"), "a header, then one line per entry")
	var h lists.Header
	require.NoError(t, json.Unmarshal([]byte(out[:strings.IndexByte(out, '\n')]), &h))
	want, err := lists.Default()
	require.NoError(t, err)
	assert.Equal(t, lists.Header{Format: lists.WatchlistFormat, Source: "UN", Version: want.Version, Digest: want.Digest}, h)

	// The dump reads back as a watchlist with the same entries.
	l, err := lists.Read(strings.NewReader(out), "dump.jsonl")
	require.NoError(t, err)
	assert.Equal(t, "UN", l.Source)
	assert.Equal(t, want.Version, l.Version)
	require.Len(t, l.Entries, len(want.Entries))
	for i := range want.Entries {
		require.Equal(t, want.Entries[i], l.Entries[i])
	}
}

func TestDumpLists(t *testing.T) {
	tests := []struct {
		args  []string
		lines int
	}{
		{[]string{"-list", "../../testdata/lists/un-consolidated-2020-11-30.xml"}, 1018}, // a UN list replaces the embedded one
		{[]string{"-un=false", "-list", ofacSDN}, 322},
		{[]string{"-list", national}, 1009 + 5},
		{[]string{"-un=false", "-list", "../../testdata/lists/uk-conlist-2018-04-13-isil.csv", "-list", un2025}, 344 + 1000},
	}
	for _, tt := range tests {
		code, out, errs := screen(t, "", append(tt.args, "-dump")...)
		require.Equal(t, 0, code, errs)
		assert.Equal(t, 1+tt.lines, strings.Count(out, "\n"), tt.args)
	}
}

// TestListMeaning checks what -list and -un mean: -list adds to the
// embedded UN list, -un=false screens the -list files only (that a UN list
// given with -list replaces the embedded one is TestDumpLists'). The text
// output starts with the lists screened, and every JSON line names them.
//
// Before: -list replaced the embedded UN list, so that screening against a
// national watchlist silently cleared every UN-listed person, and the text
// output never named the lists.
func TestListMeaning(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		lists   string // the first line of the output
		lounisi string // the decision for a UN-listed man
		karim   string // the decision for a man on the national list
	}{
		{"embedded UN list", nil, "lists: UN 2026-05-08T23:00:06.922Z (1009 entries)", "hit", "clear"},
		// The lists of the README's command (and of TestDemoQueries): one
		// index for the three.
		{"UN list plus OFAC's and a national list", []string{"-list", ofacSDN, "-list", national},
			"lists: UN 2026-05-08T23:00:06.922Z (1009 entries); OFAC " + ofacVersion(t) + " (322 entries); NWL 2026-11-01 (5 entries)", "hit", "hit"},
		{"only the national list", []string{"-un=false", "-list", national}, "lists: NWL 2026-11-01 (5 entries)", "clear", "hit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := screen(t, "", append(tt.args, "Jamal Lounisi", "Kareem Belkacemi")...)
			require.Equal(t, 0, code, errs)
			first, rest, _ := strings.Cut(out, "\n")
			assert.Equal(t, tt.lists, first)
			blocks := strings.Split(strings.TrimSpace(rest), "\n\n")
			require.Len(t, blocks, 2, out)
			for i, want := range []string{tt.lounisi, tt.karim} {
				if want == "clear" {
					assert.Contains(t, blocks[i], "\n  clear: no match", blocks[i])
				} else {
					assert.Contains(t, blocks[i], "\n  "+want+": ", blocks[i])
				}
			}

			// The JSON lines name the lists too.
			code, out, errs = screen(t, "", append(tt.args, "-json", "Jamal Lounisi")...)
			require.Equal(t, 0, code, errs)
			var r struct {
				Decision string               `json:"decision"`
				Lists    []screening.ListInfo `json:"lists"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &r))
			assert.Equal(t, tt.lounisi, r.Decision)
			var names []string
			for _, l := range r.Lists {
				names = append(names, fmt.Sprintf("%s %s (%d entries)", l.Source, l.Version, l.Entries))
			}
			assert.Equal(t, tt.lists, "lists: "+strings.Join(names, "; "))
		})
	}

	code, out, errs := screen(t, "", "-un=false", "x")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Contains(t, errs, "screen: no lists: give -list PATH, or drop -un=false")
}

// ofacVersion is the version of the OFAC excerpt: its file names none, so
// it is its digest's.
func ofacVersion(t *testing.T) string {
	l, err := lists.Load(ofacSDN)
	require.NoError(t, err)
	require.NotEmpty(t, l.Version)
	return l.Version
}

// TestStrict checks what happens to a list record that cannot be read: it
// is named on standard error and counted in the lists line, and with
// -strict the program refuses to start.
//
// Before: the record was named on standard error and the run went on with
// exit status 0 and no way to stop it; the output said nothing.
func TestStrict(t *testing.T) {
	good, err := os.ReadFile(national)
	require.NoError(t, err)
	bad := filepath.Join(t.TempDir(), "national-bad.jsonl")
	// Line 7: an entry with a kind the format does not know.
	require.NoError(t, os.WriteFile(bad, append(good, []byte(`{"id":"NWL:2026-0099","kind":"persn","names":[{"full":"Omar Saidi"}]}`+"\n")...), 0o644))

	// -un=false: a small index, and the UN list has nothing to skip.
	code, out, errs := screen(t, "", "-un=false", "-list", bad, "Kareem Belkacemi")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, errs, "screen: skipped record: "+bad+":7: ", "the record named by file and line")
	assert.True(t, strings.HasPrefix(out, "lists: NWL 2026-11-01 (5 entries, 1 record skipped)\n"), out)

	code, out, errs = screen(t, "", "-strict", "-list", bad, "Kareem Belkacemi")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Contains(t, errs, "screen: skipped record: "+bad+":7: ")
	assert.Contains(t, errs, "screen: 1 list record could not be read (named above): -strict refuses to screen without them")

	code, _, errs = screen(t, "", "-strict", "-un=false", "-list", national, "Kareem Belkacemi")
	assert.Equal(t, 0, code, "-strict with lists read whole: %s", errs)
}

// TestEvalSharedData loads the real list files of ../shared/data (when they
// stand beside the repository) as the program's -list. Parsing them takes
// half a minute under -race, and package lists tests them in full: this
// runs with RAQIB_EVAL=1 only, in CI's evaluation run.
func TestEvalSharedData(t *testing.T) {
	if os.Getenv("RAQIB_EVAL") == "" {
		t.Skip("set RAQIB_EVAL=1")
	}
	files, _ := filepath.Glob("../../../shared/data/un/*.xml")
	if len(files) == 0 {
		t.Skip("../shared/data not present")
	}
	files = append(files, "../../../shared/data/ofac/sdn-2021-07/sdn.csv", "../../../shared/data/ofac/sdn-2024-05-03.csv", "../../../shared/data/uk/conlist-2018-04-13.csv")
	for _, f := range files {
		code, out, errs := screen(t, "", "-un=false", "-list", f)
		require.Equal(t, 0, code, errs)
		assert.Regexp(t, `^lists: \S+ \S+ \(\d+ entries`, out, f)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o644))
		return p
	}
	un, err := os.ReadFile("../../lists/default/un-consolidated-2026-05-08.xml")
	require.NoError(t, err)
	trunc := write("trunc.xml", un[:len(un)/3])
	badcsv := write("sdn.csv", []byte("36,\"AERO,-0-\n173,\"X\",-0-\n"))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`{"name":"Jamal Lounisi"}` + "\n"))
	zw.Close()
	gzQueries := write("queries.jsonl.gz", gz.Bytes())
	html := write("queries.html", []byte("<!DOCTYPE html>\n<html><body>Not found</body></html>\n"))
	latin1 := write("latin1.jsonl", []byte("{\"name\":\"Ren\xe9 M\xfcller\"}\n"))
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-list", filepath.Join(dir, "missing.xml")}, "screen: " + filepath.Join(dir, "missing.xml") + ": open: no such file or directory\n"},
		{[]string{"-list", trunc, "-dump"}, "trunc.xml:" + strconv.Itoa(bytes.Count(un[:len(un)/3], []byte("\n"))+1) + ": truncated"},
		{[]string{"-list", badcsv}, "sdn.csv:1: "},
		{[]string{"-nosuchflag"}, "flag provided but not defined"},
		{[]string{"-queries", filepath.Join(dir, "missing.jsonl")}, "screen: open " + filepath.Join(dir, "missing.jsonl") + ": no such file or directory\n"},
		{[]string{"-queries", gzQueries}, "screen: " + gzQueries + ": a gzip-compressed file: decompress it first (gunzip)\n"},
		{[]string{"-queries", html}, "screen: " + html + ": an HTML page, not a data file"},
		{[]string{"-queries", latin1}, "screen: " + latin1 + ": text that is not UTF-8"},
		{[]string{"-queries", national}, "NWL"}, // a list given as queries: its header is no query
		{[]string{"-threshold", "2", "x"}, "-threshold 2: want a score in [0,1]"},
		{[]string{"-limit", "0", "x"}, "-limit 0: want > 0"},
		{[]string{"-window", "0", "x"}, "-window 0: want > 0"},
		{[]string{"-dump", "x"}, "-dump writes the lists and screens nothing"},
	}
	for _, tt := range tests {
		code, out, errs := screen(t, "", tt.args...)
		if tt.want == "NWL" {
			// Not fatal: each line is reported as a bad query.
			assert.Equal(t, 0, code, tt.args)
			assert.Contains(t, errs, `unknown field "raqib_watchlist"`)
			continue
		}
		assert.Equal(t, 2, code, tt.args)
		assert.Contains(t, errs, tt.want, tt.args)
		assert.Empty(t, out, tt.args)
		if strings.Contains(tt.want, dir) {
			assert.Equal(t, 1, strings.Count(errs, dir), "the path named once: %s", errs)
		}
	}
}

// TestDemoQueries screens the demonstration queries of the README against
// the UN list, OFAC and the national list, as the README's command does.
func TestDemoQueries(t *testing.T) {
	in, err := os.ReadFile(demo)
	require.NoError(t, err)
	code, out, errs := screen(t, string(in), "-json", "-list", ofacSDN, "-list", national, "-queries", "-")
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs)
	got := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		n++
		var r struct {
			ID       string `json:"id"`
			Decision string `json:"decision"`
			Matches  []struct {
				EntryID string `json:"entry_id"`
			} `json:"matches"`
			Lists []screening.ListInfo `json:"lists"`
		}
		require.NoError(t, json.Unmarshal(sc.Bytes(), &r))
		require.Len(t, r.Lists, 3, "UN, OFAC and NWL")
		got[r.ID] = r.Decision
		if len(r.Matches) > 0 {
			got[r.ID] += " " + r.Matches[0].EntryID
		}
	}
	assert.Equal(t, strings.Count(strings.TrimSpace(string(in)), "\n")+1, n)
	for id, want := range demoWant {
		assert.Equal(t, want, got[id], id)
	}
	assert.Len(t, got, len(demoWant))
}

// demoWant is what each demonstration query gives (see
// testdata/screen/README.md).
var demoWant = map[string]string{
	"q1":  "hit UN:QDi.155",    // Jamal Lounici: DJAMEL LOUNICI
	"q2":  "hit UN:QDi.006",    // أيمن الظواهري
	"q3":  "hit UN:QDi.006",    // a name and the reading of an Egyptian passport
	"q4":  "review UN:QDi.006", // his passport number alone: a look, not a stop
	"q5":  "hit UN:IQi.001",    // صدام حسين التكريتي, on the UN list and OFAC's
	"q6":  "hit OFAC:8279",     // Viktor Bout
	"q7":  "hit NWL:2026-0042",
	"q8":  "hit NWL:2026-0051", // Cyrillic
	"q9":  "hit NWL:2026-0057", // an organisation
	"q10": "clear",
	"q11": "clear",
	"q12": "clear",
}

// TestREADME runs every examples/screen command of the README as written,
// from the repository's root: each exits 0 and writes what the README says
// it writes.
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	cmds, err := clitest.Commands(readme, "./examples/screen")
	require.NoError(t, err)
	require.Len(t, cmds, 7, "the two commands' one, the four of examples/screen's section, the two of large watchlists'")
	tmp := t.TempDir()
	t.Chdir("../..")
	for i, c := range cmds {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			// The index directory the README writes under /tmp, here in a
			// directory of the test's own.
			for k, a := range c.Args {
				if strings.HasPrefix(a, "/tmp/") {
					c.Args[k] = filepath.Join(tmp, strings.TrimPrefix(a, "/tmp/"))
				}
			}
			stdin, err := c.Input()
			require.NoError(t, err, c.Line)
			code, out, errs := screen(t, stdin, c.Args...)
			require.Equal(t, 0, code, "%s: %s", c.Line, errs)
			assert.Empty(t, errs, c.Line)
			switch {
			case slices.Contains(c.Args, "-build-index"):
				assert.Contains(t, out, "index built in", c.Line)
			case slices.Contains(c.Args, "-index"):
				assert.True(t, strings.HasPrefix(out, "lists: "), "%s: the lists first:\n%s", c.Line, out)
				assert.Contains(t, out, "NWL:2026-0042", c.Line)
				assert.Contains(t, out, "UN:QDi.006", c.Line)
			case slices.Contains(c.Args, "-dump"):
				l, err := lists.Read(strings.NewReader(out), c.Stdout)
				require.NoError(t, err, c.Line)
				assert.Equal(t, "OFAC", l.Source)
				assert.Len(t, l.Entries, 322)
			case slices.Contains(c.Args, "-json"):
				assert.Equal(t, len(demoWant), strings.Count(out, "\n"), c.Line)
			default:
				assert.True(t, strings.HasPrefix(out, "lists: "), "%s: the lists first:\n%s", c.Line, out)
				assert.Contains(t, out, "UN:QDi.006", c.Line)
			}
		})
	}
}

// TestWindow holds -window to the candidates a common name is compared
// with: a small window is full and says so, the default is not.
func TestWindow(t *testing.T) {
	for _, tt := range []struct {
		args []string
		most int
		full bool
	}{
		{[]string{"-window", "2"}, 2 * 2, true}, // ties may take it to twice the window
		{nil, screening.DefaultWindow, false},
	} {
		code, out, errs := screen(t, "", append(append([]string{"-json"}, tt.args...), "Mohammad Hassan")...)
		require.Equal(t, 0, code, errs)
		var r struct {
			Candidates int  `json:"candidates"`
			WindowFull bool `json:"window_full"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &r), out)
		assert.Equal(t, tt.full, r.WindowFull, tt.args)
		assert.LessOrEqual(t, r.Candidates, tt.most, tt.args)
		if !tt.full {
			assert.Greater(t, r.Candidates, 2*2, "the default window compares every entry that shares the name")
		}
	}
}
