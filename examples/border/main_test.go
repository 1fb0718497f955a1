package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/examples/internal/cli/clitest"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize/mrz"
	"github.com/raqib/raqib/screening"
)

// The decisions as the output writes them.
const (
	decHit    = string(raqib.Hit)
	decReview = string(raqib.Review)
	decClear  = string(raqib.Clear)
)

const (
	national = "../../testdata/watchlists/national.jsonl"
	flight   = "../../testdata/border/flight.jsonl"
)

// Screeners are built once per set of lists for all tests, and remember
// what they screened: the README's three runs of the 300-passenger manifest
// (JSON Lines and CSV, which plan the same queries) screen each passenger
// once. Under -race that is the difference between seconds and minutes.
var shared clitest.Screeners

func TestMain(m *testing.M) {
	build := newScreener
	var mu sync.Mutex
	memos := map[*screening.Screener]*memo{}
	newScreener = func(ctx context.Context, ls []*lists.List) (screener, error) {
		s, err := shared.Get(ls, "", func() (*screening.Screener, error) {
			s, err := build(ctx, ls)
			if err != nil {
				return nil, err
			}
			return s.(*screening.Screener), nil
		})
		if err != nil {
			return nil, err
		}
		mu.Lock()
		defer mu.Unlock()
		if memos[s] == nil {
			memos[s] = &memo{Screener: s, done: map[string]screening.BatchResult{}}
		}
		return memos[s], nil
	}
	os.Exit(m.Run())
}

// memo is a screener that screens each distinct query once.
type memo struct {
	*screening.Screener
	mu   sync.Mutex
	done map[string]screening.BatchResult // by the query's JSON
}

func (m *memo) ScreenBatch(ctx context.Context, qs []raqib.Query) ([]screening.BatchResult, error) {
	keys := make([]string, len(qs))
	var todo []raqib.Query
	var todoKeys []string
	asked := map[string]bool{}
	m.mu.Lock()
	for i, q := range qs {
		b, err := json.Marshal(q)
		if err != nil {
			m.mu.Unlock()
			return nil, err
		}
		keys[i] = string(b)
		if _, ok := m.done[keys[i]]; !ok && !asked[keys[i]] {
			asked[keys[i]] = true
			todo, todoKeys = append(todo, q), append(todoKeys, keys[i])
		}
	}
	m.mu.Unlock()
	rs, err := m.Screener.ScreenBatch(ctx, todo)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for k, key := range todoKeys {
		m.done[key] = rs[k]
	}
	out := make([]screening.BatchResult, len(qs))
	for i := range qs {
		out[i] = m.done[keys[i]]
	}
	return out, nil
}

// border runs the program and returns its exit status, stdout and stderr.
func border(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	return borderIn(t, "", args...)
}

// borderIn runs the program with stdin.
func borderIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// jsonLines decodes -json output.
func jsonLines(t *testing.T, out string) []jsonLine {
	t.Helper()
	var ls []jsonLine
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l jsonLine
		require.NoError(t, json.Unmarshal(sc.Bytes(), &l), sc.Text())
		ls = append(ls, l)
	}
	return ls
}

// checkManifest checks the -json output of the 300-passenger demonstration
// manifest (TestREADME runs it, from the CSV manifest as the README does):
// the three listed passengers are hits on their entries, and no one else
// alerts. Line numbers count the CSV header when csv is set.
func checkManifest(t *testing.T, out, errs string, csv bool) {
	t.Helper()
	lines := jsonLines(t, out)
	require.Len(t, lines, manifestSize)
	first := 1
	if csv {
		first = 2
	}
	want := map[string]string{"PAX063": "UN:QDi.006", "PAX107": "UN:QDi.082", "PAX251": "UN:QDi.155"}
	var falseAlerts []string
	for i, l := range lines {
		require.Equal(t, fmt.Sprintf("PAX%03d", i+1), l.ID, "output in manifest order")
		require.Equal(t, i+first, l.Line)
		require.Empty(t, l.Error)
		if entry, ok := want[l.ID]; ok {
			require.Equal(t, decHit, l.Decision, "%s: %s", l.ID, l.Reason)
			require.NotEmpty(t, l.Matches)
			assert.Equal(t, entry, l.Matches[0].EntryID, l.Reason)
			assert.Equal(t, raqib.Hit, l.Matches[0].Decision)
			assert.True(t, strings.HasPrefix(l.Reason, entry+" "), l.Reason)
			assert.NotEmpty(t, l.Matches[0].Features)
			continue
		}
		switch l.Decision {
		case decClear:
			assert.Empty(t, l.Matches, l.ID)
			assert.Contains(t, l.Reason, "no listed entry scored", l.ID)
		case decHit, decReview:
			falseAlerts = append(falseAlerts, fmt.Sprintf("%s %s %q -> %s %s %.3f", l.ID, l.Decision, l.Name,
				l.Matches[0].EntryID, l.Matches[0].Name, l.Matches[0].Score))
		default:
			t.Errorf("%s: decision %q", l.ID, l.Decision)
		}
	}
	assert.Empty(t, falseAlerts, "passengers on no list who alerted")
	assert.Contains(t, errs, fmt.Sprintf("%d passengers: %d hit, %d review, %d clear, 0 errors",
		manifestSize, len(want)+0, 0, manifestSize-len(want)), "summary on stderr with -json")

	// The Zawahiri passenger came as an MRZ only: check what the zone said.
	zaw := lines[62]
	require.NotNil(t, zaw.MRZ)
	assert.Equal(t, "TD3", zaw.MRZ.Format)
	assert.True(t, zaw.MRZ.Valid)
	assert.Contains(t, zaw.Reason, "passport 1084010 equal")
}

// TestManifestCSV checks that the CSV manifest says what the JSON Lines one
// says: the same passengers planned into the same queries.
func TestManifestCSV(t *testing.T) {
	read := func(path string) []passenger {
		f, err := os.Open(path)
		require.NoError(t, err)
		defer f.Close()
		ps, err := readManifest(f, filepath.Base(path))
		require.NoError(t, err)
		return ps
	}
	pj, pc := read(manifestJSONL), read(manifestCSV)
	require.Len(t, pj, manifestSize)
	require.Len(t, pc, manifestSize)
	for i := range pj {
		require.NoError(t, pj[i].Err)
		require.NoError(t, pc[i].Err)
		a, err := planFor(&pj[i])
		require.NoError(t, err, pj[i].ID)
		b, err := planFor(&pc[i])
		require.NoError(t, err, pc[i].ID)
		require.Equal(t, a.Query, b.Query, pj[i].ID)
		require.Equal(t, a.Notes, b.Notes, pj[i].ID)
		assert.Equal(t, i+2, pc[i].Line, "CSV lines count the header")
	}
}

// TestText checks the readable output and the summary, on the listed
// passengers and the first ten others of the manifest (the whole manifest is
// TestREADME's).
func TestText(t *testing.T) {
	all, err := os.ReadFile(manifestJSONL)
	require.NoError(t, err)
	var small []string
	for _, l := range strings.Split(strings.TrimSpace(string(all)), "\n") {
		if strings.Contains(l, `"PAX0`) && l < `{"id":"PAX011"` || strings.Contains(l, "ELZAWAHRY") ||
			strings.Contains(l, "Lounisi") || strings.Contains(l, "المتصدق") {
			small = append(small, l)
		}
	}
	require.Len(t, small, 13)
	path := filepath.Join(t.TempDir(), "small.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(small, "\n")+"\n"), 0o644))

	code, out, errs := border(t, "-manifest", path, "-alerts")
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs, "no progress bar when stderr is not a terminal")
	for _, want := range []string{
		"PAX063   HIT    AYMAN MOHAMED RABIE ELZAWAHRY (1951-06-19, EGY) [MRZ]",
		"UN:QDi.006 AIMAN MUHAMMED RABI AL-ZAWAHIRI (Al-Qaida list, born 1951-06-19, Egypt)",
		"PAX107   HIT    منير المتصدق (1974-04-03, MAR)",
		"UN:QDi.082 MOUNIR EL MOTASSADEQ",
		"PAX251   HIT    Jamal Lounisi (1962-02-01, DZA)",
		"UN:QDi.155 DJAMEL LOUNICI (Al-Qaida list, born 1962-02-01, Algeria)",
		"birth_date",
		"13 passengers: 3 hit, 0 review, 10 clear, 0 errors",
		"lists: UN 2026-05-08",
		"hit    PAX251  Jamal Lounisi -> UN:QDi.155 DJAMEL LOUNICI (0.9",
	} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, "CLEAR", "-alerts leaves clear passengers out")
}

// TestBadLines checks that bad passenger lines are reported, counted and
// written as errors, with the passenger's own ID when the line has one, and
// do not stop the others.
func TestBadLines(t *testing.T) {
	tests := []struct {
		file   string
		errors map[string]string // passenger ID -> its error
		ok     map[string]string // passenger ID -> its decision
	}{
		{"../../testdata/border/bad.jsonl", map[string]string{
			"BAD1": "bad.jsonl:2: the JSON ends too early (the line is cut short?)",
			"BAD2": `bad.jsonl:3: unknown field "nmae"`,
			"BAD3": "bad.jsonl:4: no name, MRZ, document number or face: nothing to screen",
			"BAD4": "bad.jsonl:5: mrz: 1 lines, want 2",
			"BAD5": "bad.jsonl:6: face: no model ID",
			"BAD6": "bad.jsonl:7: more than one JSON value on the line",
			"BAD7": "bad.jsonl:8: a zone (mrz, visa_mrz) is a string or an array of lines",
		}, map[string]string{"OK1": decHit, "OK2": decHit, "OK3": decClear}},
		{"../../testdata/border/bad.csv", map[string]string{
			"BAD1": "bad.csv:3: 4 fields, the header has 9",
			"BAD2": `bad.csv:4: face_vector: "zero" is not a number`,
			"BAD3": `bad.csv:5: bare " in non-quoted-field`,
			"BAD4": "bad.csv:6: no name, MRZ, document number or face: nothing to screen",
		}, map[string]string{"OK1": decHit, "OK2": decHit, "OK3": decClear}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			code, out, errs := border(t, "-manifest", tt.file, "-json")
			require.Equal(t, 0, code, "a bad line is not fatal: %s", errs)
			lines := jsonLines(t, out)
			require.Len(t, lines, len(tt.errors)+len(tt.ok))
			for _, l := range lines {
				if want, ok := tt.errors[l.ID]; ok {
					assert.Equal(t, decError, l.Decision, l.ID)
					assert.Contains(t, l.Error, filepath.Dir(tt.file)+"/"+want, l.ID)
					assert.Equal(t, 1, strings.Count(l.Error, filepath.Base(tt.file)), "the file named once: %s", l.Error)
					assert.Equal(t, l.Error, l.Reason)
					assert.Empty(t, l.Matches)
					assert.Contains(t, errs, "border: "+l.Error+"\n", "reported on stderr")
					continue
				}
				want, ok := tt.ok[l.ID]
				require.True(t, ok, "unexpected passenger %s", l.ID)
				assert.Equal(t, want, l.Decision, "%s: %s", l.ID, l.Reason)
				assert.Empty(t, l.Error)
			}
			assert.Contains(t, errs, fmt.Sprintf("%d passengers: 2 hit, 0 review, 1 clear, %d errors", len(lines), len(tt.errors)))
		})
	}
}

// TestAlerts checks that -alerts shows the hits, the reviews and the
// passengers whose data could not be read, each by its own ID, and leaves
// out the clear ones; the summary names every alert and every error.
func TestAlerts(t *testing.T) {
	code, out, errs := border(t, "-manifest", "../../testdata/border/bad.jsonl", "-alerts")
	require.Equal(t, 0, code, errs)
	for _, want := range []string{
		"OK1      HIT    Jamal Lounisi (1962-02-01, DZA)\n",
		"OK2      HIT    AYMAN MOHAMED RABIE ELZAWAHRY (1951-06-19, EGY) [MRZ]\n",
		"BAD1     ERROR  \n         ../../testdata/border/bad.jsonl:2: the JSON ends too early",
		"BAD2     ERROR  \n",
		"\n10 passengers: 2 hit, 0 review, 1 clear, 7 errors\n",
		"\nhit    OK1  Jamal Lounisi -> UN:QDi.155 DJAMEL LOUNICI (0.9",
		"\nerror  BAD1  ../../testdata/border/bad.jsonl:2: the JSON ends too early",
		"\nerror  BAD7  ../../testdata/border/bad.jsonl:8: a zone",
	} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, "OK3", "-alerts leaves clear passengers out")
	assert.NotContains(t, out, "bad.jsonl:2 ", "a passenger with an ID is named by it")
}

// TestBadCheckDigit screens a listed person's zone whose document-number
// check digit fails: still a hit on the name, but the number is not used as
// evidence, and the reason says so.
func TestBadCheckDigit(t *testing.T) {
	code, out, errs := border(t, "-manifest", "../../testdata/border/bad.jsonl", "-json")
	require.Equal(t, 0, code, errs)
	var got *jsonLine
	for _, l := range jsonLines(t, out) {
		if l.ID == "OK2" {
			got = &l
		}
	}
	require.NotNil(t, got)
	assert.Equal(t, decHit, got.Decision)
	assert.Equal(t, "UN:QDi.006", got.Matches[0].EntryID)
	require.NotNil(t, got.MRZ)
	assert.False(t, got.MRZ.Valid)
	assert.Equal(t, []string{"document_number", "composite"}, got.MRZ.FailedChecks)
	assert.Contains(t, got.Reason, `MRZ document number 1084010 fails its check digit (read '5', computed '4'): not used as evidence`)
	assert.Contains(t, got.Reason, "MRZ composite check digit fails")
	assert.Contains(t, got.Notes, `MRZ document number 1084010 fails its check digit (read '5', computed '4'): not used as evidence`)
	assert.NotContains(t, got.Reason, "1084010 equal", "an unverified number is no evidence")
	for _, f := range got.Matches[0].Features {
		if f.Name == raqib.FeatureDocument {
			assert.LessOrEqual(t, f.Score*f.Weight, 0.0, f.Detail)
		}
	}
}

// TestFatal checks the exit status 2 and the message for bad flags and
// manifests that cannot be read at all.
func TestFatal(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		return p
	}
	empty := write("empty.jsonl", "\n\n")
	array := write("array.json", `[{"name":"x"}]`)
	unknown := write("unknown.csv", "id,name,seat\n1,Anna,12A\n")
	noName := write("noname.csv", "id,birth_date\n1,1974-08-12\n")
	dup := write("dup.csv", "name,NAME\na,b\n")
	long := write("long.jsonl", `{"name":"`+strings.Repeat("a", maxLine)+`"}`+"\n")
	longCSV := write("long.csv", "name,birth_date\nAnna,1974\n\"Bob"+strings.Repeat("b", 2*maxLine)+"\"\n")
	gz := write("manifest.jsonl.gz", "\x1f\x8b\x08\x00\x00\x00\x00\x00")
	html := write("manifest.jsonl", "<!doctype html><html><head><title>Sign in</title></head></html>")
	tests := []struct {
		args []string
		msg  string
	}{
		{[]string{"-nosuch"}, "flag provided but not defined: -nosuch"},
		{nil, "-manifest is required"},
		{[]string{"-manifest", manifestJSONL, "extra"}, `unexpected argument "extra"`},
		{[]string{"-manifest", filepath.Join(dir, "missing.jsonl")}, "border: open " + filepath.Join(dir, "missing.jsonl") + ": no such file or directory\n"},
		{[]string{"-manifest", empty}, "empty.jsonl: empty manifest"},
		{[]string{"-manifest", array}, "array.json:1: a JSON array"},
		{[]string{"-manifest", unknown}, `unknown.csv:1: column 3 "seat" is not a manifest column`},
		{[]string{"-manifest", noName}, "noname.csv:1: the header has no name, surname or mrz column"},
		{[]string{"-manifest", dup}, `dup.csv:1: column "name" appears twice`},
		{[]string{"-manifest", long}, "long.jsonl:1: line longer than"},
		{[]string{"-manifest", longCSV}, "long.csv: after line 2: line longer than 1048576 bytes"},
		{[]string{"-manifest", gz}, "border: " + gz + ": a gzip-compressed file: decompress it first (gunzip)\n"},
		{[]string{"-manifest", html}, "border: " + html + ": an HTML page, not a data file"},
		{[]string{"-manifest", manifestJSONL, "-list", filepath.Join(dir, "nolist.xml")}, "nolist.xml"},
		{[]string{"-manifest", manifestJSONL, "-un=false"}, "border: no lists: give -list PATH"},
	}
	for _, tt := range tests {
		code, out, errs := border(t, tt.args...)
		assert.Equal(t, 2, code, "%v: %s", tt.args, errs)
		assert.Empty(t, out, tt.args)
		assert.Contains(t, errs, tt.msg, tt.args)
	}
	code, _, errs := border(t, "-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, errs, "-manifest PATH")
}

// TestLists checks what -list, -un and -strict mean at a border post, the
// same as in examples/screen: -list adds to the embedded UN list, -un=false
// screens only the -list files, -strict refuses a list with records that
// could not be read. A manifest on standard input.
func TestLists(t *testing.T) {
	manifest := `{"id":"A","name":"Kareem Belkacemi","birth_date":"1988-03-14","nationality":"DZA"}
{"id":"B","name":"Jamal Lounisi","birth_date":"1962-02-01","nationality":"DZA"}
`
	good, err := os.ReadFile(national)
	require.NoError(t, err)
	bad := filepath.Join(t.TempDir(), "national-bad.jsonl")
	require.NoError(t, os.WriteFile(bad, append(good, `{"id":"NWL:X","kind":"persn","names":[{"full":"Omar Saidi"}]}`+"\n"...), 0o644))

	tests := []struct {
		args       []string
		a, b, list string
	}{
		{[]string{"-list", national}, decHit, decHit, "lists: UN 2026-05-08T23:00:06.922Z (1009 entries); NWL 2026-11-01 (5 entries)"},
		{[]string{"-un=false", "-list", national}, decHit, decClear, "lists: NWL 2026-11-01 (5 entries)"},
		{[]string{"-un=false", "-list", bad}, decHit, decClear, "lists: NWL 2026-11-01 (5 entries, 1 record skipped)"},
	}
	for _, tt := range tests {
		code, out, errs := borderIn(t, manifest, append(tt.args, "-manifest", "-", "-json")...)
		require.Equal(t, 0, code, errs)
		lines := jsonLines(t, out)
		require.Len(t, lines, 2)
		assert.Equal(t, tt.a, lines[0].Decision, "%v: %s", tt.args, lines[0].Reason)
		assert.Equal(t, tt.b, lines[1].Decision, "%v: %s", tt.args, lines[1].Reason)
		if tt.a == decHit {
			assert.Equal(t, "NWL:2026-0042", lines[0].Matches[0].EntryID)
			assert.Equal(t, "NWL", lines[0].Matches[0].List)
		}
		assert.Contains(t, errs, "\n"+tt.list+"\n", tt.args)
		require.NotEmpty(t, lines[0].Lists)
		assert.Equal(t, "NWL", lines[0].Lists[len(lines[0].Lists)-1].Source, "each line names the lists")
	}

	code, out, errs := borderIn(t, manifest, "-strict", "-un=false", "-list", bad, "-manifest", "-")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Contains(t, errs, "border: skipped record: "+bad+":7: ")
	assert.Contains(t, errs, "border: 1 list record could not be read (named above): -strict refuses to screen without them\n")
}

// TestFlight runs the README's flight with the national watchlist: a
// passenger found by his passport's zone alone, and one who presents a
// passport and a visa whose issuing state spells his name its own way.
func TestFlight(t *testing.T) {
	code, out, errs := border(t, "-manifest", flight, "-list", national, "-json")
	require.Equal(t, 0, code, errs)
	lines := jsonLines(t, out)
	want := map[string]string{"FL01": "hit NWL:2026-0042", "FL02": "hit NWL:2026-0043", "FL03": "hit UN:QDi.155",
		"FL04": "clear", "FL05": "clear", "FL06": "clear"}
	got := map[string]string{}
	for _, l := range lines {
		got[l.ID] = l.Decision
		if len(l.Matches) > 0 {
			got[l.ID] += " " + l.Matches[0].EntryID
		}
	}
	assert.Equal(t, want, got)
	assert.Contains(t, errs, "\n6 passengers: 3 hit, 0 review, 3 clear, 0 errors\n")

	fl03 := lines[2]
	require.NotNil(t, fl03.MRZ)
	require.NotNil(t, fl03.VisaMRZ)
	assert.Equal(t, "MRV-A", fl03.VisaMRZ.Format)
	assert.Equal(t, "DJAMEL LOUNICI", fl03.Name)
	assert.Equal(t, []string{"JAMAL LOUNISSI"}, fl03.AltNames, "the visa's spelling screened too")
	assert.Contains(t, fl03.Notes, "visa MRZ document number FR4471902 is a visa's: it identifies the visa, not its holder, and is not compared")

	fl05 := lines[4]
	assert.Contains(t, fl05.Reason, "MRZ document number NO4519377 fails its check digit (read '8', computed '3'): not used as evidence")
	assert.Equal(t, "INGRID MARIE HANSEN", fl05.Name)
}

// TestProgress checks that -progress draws a bar on stderr and ends it.
func TestProgress(t *testing.T) {
	code, _, errs := border(t, "-manifest", "../../testdata/border/bad.jsonl", "-progress", "-alerts")
	require.Equal(t, 0, code)
	assert.Contains(t, errs, "screening 100%")
	assert.Contains(t, errs, "(10/10, ")
	assert.Contains(t, errs, "passengers")
	code, _, errs = border(t, "-manifest", "../../testdata/border/bad.jsonl", "-progress=false", "-alerts")
	require.Equal(t, 0, code)
	assert.NotContains(t, errs, "screening ")
	code, _, errs = border(t, "-manifest", "../../testdata/border/bad.jsonl", "-alerts")
	require.Equal(t, 0, code)
	assert.NotContains(t, errs, "screening ", "no bar when stderr is not a terminal")
}

// TestFace checks that a face embedding in either format reaches the query.
func TestFace(t *testing.T) {
	tests := []struct{ format, text string }{
		{"jsonl", `{"id":"F1","name":"Anna Eriksson","face":{"model":"facetest-512","vector":[0.6,0.8]}}`},
		{"csv", "id,name,face_model,face_vector\nF1,Anna Eriksson,facetest-512,\"[0.6, 0.8]\""},
		{"csv", "id,name,face_model,face_vector\nF1,Anna Eriksson,facetest-512,0.6;0.8"},
	}
	for _, tt := range tests {
		ps, err := readManifest(strings.NewReader(tt.text), "m."+tt.format)
		require.NoError(t, err, tt.text)
		require.Len(t, ps, 1)
		require.NoError(t, ps[0].Err)
		pl, err := planFor(&ps[0])
		require.NoError(t, err)
		assert.Equal(t, &lists.FaceTemplate{Model: "facetest-512", Vector: []float32{0.6, 0.8}}, pl.Query.Face, tt.text)
	}
	for _, bad := range []string{
		`{"name":"A","face":{"model":"m","vector":[]}}`,
		`{"name":"A","face":{"vector":[1]}}`,
		"name,face_model,face_vector\nA,,1 2",
		"name,face_model,face_vector\nA,m,1 NaN",
	} {
		ps, err := readManifest(strings.NewReader(bad), "m")
		require.NoError(t, err, bad)
		require.Len(t, ps, 1)
		assert.ErrorContains(t, ps[0].Err, "face", bad)
	}
}

// TestArabicZone screens a zone that writes the name in the ICAO Doc 9303
// transliteration of Arabic (فيصل احمد بن علي الزهراني as FYXSSL AXHMD BN ELY
// ALZHRANY) with a passport number the list does not have: the name alone,
// read in Arabic script and in the spellings other states print, finds the
// entry, in one query.
func TestArabicZone(t *testing.T) {
	z, err := mrz.Build(mrz.TD3, mrz.Document{DocumentCode: "P", IssuingState: "SAU", Surname: "ALZHRANY",
		GivenNames: []string{"FYXSSL", "AXHMD", "BN", "ELY"}, DocumentNumber: "K5550123", Nationality: "SAU",
		BirthDate: "860119", Sex: "M", ExpiryDate: "290101"})
	require.NoError(t, err)
	line, err := json.Marshal(map[string]any{"id": "Z1", "mrz": strings.Split(z, "\n")})
	require.NoError(t, err)
	code, out, errs := borderIn(t, string(line), "-manifest", "-", "-json")
	require.Equal(t, 0, code, errs)
	lines := jsonLines(t, out)
	require.Len(t, lines, 1)
	l := lines[0]
	assert.Equal(t, "FYXSSL AXHMD BN ELY ALZHRANY", l.Name)
	assert.Contains(t, l.AltNames, "فيصل احمد بن علي الزهراني")
	assert.GreaterOrEqual(t, len(l.AltNames), 3, "the name without X, in Arabic script, and the spellings other states print")
	require.NotEmpty(t, l.Matches, l.Reason)
	assert.Equal(t, "UN:QDi.392", l.Matches[0].EntryID, l.Reason)
	assert.Contains(t, []string{decHit, decReview}, l.Decision, l.Reason)
}

// TestREADME runs every examples/border command of the README as written,
// from the repository's root, and checks the figures the README gives for
// the demonstration manifest and the flight.
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	cmds, err := clitest.Commands(readme, "./examples/border")
	require.NoError(t, err)
	require.Len(t, cmds, 4)
	// The lines the README says the demonstration run ends with.
	block := regexp.MustCompile("(?s)The run ends with.*?```\n(.*?)```").FindSubmatch(readme)
	require.NotNil(t, block, "README: the demonstration's summary")
	var summary []string
	for _, l := range strings.Split(strings.TrimSpace(string(block[1])), "\n") {
		if !strings.HasPrefix(l, "time: ") {
			summary = append(summary, l)
		}
	}
	require.Len(t, summary, 5)

	t.Chdir("../..")
	for i, c := range cmds {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			stdin, err := c.Input()
			require.NoError(t, err, c.Line)
			code, out, errs := borderIn(t, stdin, c.Args...)
			require.Equal(t, 0, code, "%s: %s", c.Line, errs)
			text := out
			if c.Stdout != "" {
				text = errs // the summary of a -json run
				checkManifest(t, out, errs, strings.HasSuffix(c.Args[1], ".csv"))
			}
			// Compare the summary only: a failure shows it, not 300 passengers.
			text = text[strings.LastIndex(text, "\n\n")+1:]
			want := summary
			if strings.Contains(c.Line, "flight.jsonl") {
				want = []string{"6 passengers: 3 hit, 0 review, 3 clear, 0 errors"}
			}
			for _, l := range want {
				assert.True(t, strings.Contains(text, "\n"+l+"\n"), "%s\nthe README's line\n%s\nis not in the summary\n%s", c.Line, l, text)
			}
		})
	}
}
