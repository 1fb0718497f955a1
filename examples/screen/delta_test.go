package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/examples/internal/cli/clitest"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
)

// The OpenSanctions export and its four deltas, in version order
// (testdata/lists/README.md).
const ftmSample = "../../testdata/lists/ftm/opensanctions-sample.ftm.json"

var ftmDeltas = []string{
	"../../testdata/lists/ftm/delta-20240527194702-wnk.json", // ADD AL-QAIDA IN IRAQ (NK-2T3S8…), ADD Janan Agha
	"../../testdata/lists/ftm/delta-20240528014702-pfh.json", // ADD AL-QAIDA IN IRAQ as NK-500Poltergeist, MOD NK-2T3S8… to Foobar Foobargroup
	"../../testdata/lists/ftm/delta-20240528074703-npf.json", // DEL NK-500Poltergeist
	"../../testdata/lists/ftm/delta-20240528134729-3iv.json", // ADD Vladimir Nikolaevich PLOTNIKOV
}

// deltaArgs is -delta for each of the first n deltas.
func deltaArgs(n int) []string {
	var args []string
	for _, d := range ftmDeltas[:n] {
		args = append(args, "-delta", d)
	}
	return args
}

// fileDigest is the SHA-256 of a file, in hex.
func fileDigest(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// chainDigest is the digest docs/formats.md gives a list updated by FtM
// deltas, computed here from the files: the export's SHA-256, then for each
// delta the SHA-256 of "PREVIOUS\nDELTA_FILE_SHA256\n".
func chainDigest(t *testing.T, base string, deltas ...string) string {
	t.Helper()
	d := fileDigest(t, base)
	for _, p := range deltas {
		sum := sha256.Sum256([]byte(d + "\n" + fileDigest(t, p) + "\n"))
		d = hex.EncodeToString(sum[:])
	}
	return d
}

// result is what the tests read of a -json line.
type result struct {
	Decision string `json:"decision"`
	Matches  []struct {
		EntryID string `json:"entry_id"`
	} `json:"matches"`
	Lists []screening.ListInfo `json:"lists"`
}

// outcome is "clear", or the decision and the best match's entry.
func (r result) outcome() string {
	if len(r.Matches) == 0 {
		return r.Decision
	}
	return r.Decision + " " + r.Matches[0].EntryID
}

// screenJSON screens names with -json and returns one result a name.
func screenJSON(t *testing.T, args []string, names ...string) []result {
	t.Helper()
	code, out, errs := screen(t, "", append(append(args, "-json"), names...)...)
	require.Equal(t, 0, code, errs)
	var rs []result
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r result
		require.NoError(t, json.Unmarshal(sc.Bytes(), &r))
		rs = append(rs, r)
	}
	require.NoError(t, sc.Err())
	require.Len(t, rs, len(names), out)
	return rs
}

// TestDeltaScreening applies the real deltas one after the other and
// screens the names they add, change and remove: what is screened is the
// list they lead to, named by the last delta's version and the digest chain.
func TestDeltaScreening(t *testing.T) {
	names := []string{"Janan Agha", "AL-QAIDA IN IRAQ", "Foobar Foobargroup", "Vladimir Plotnikov", "Vitaly Yurievich KUZMENKO"}
	const (
		janan   = "hit eu_fsf:NK-2sJaJRaPJcWUfMbHjTtWcL"
		aqi     = "hit eu_fsf:NK-2T3S8Hu29ktYnKSTgQp2wL" // renamed Foobar Foobargroup by the second delta
		aqi500  = "hit eu_fsf:NK-500Poltergeist"
		plotnik = "hit eu_fsf:Q4365364"
		kuzm    = "hit eu_fsf:NK-2Ka3UvopqbpZmVDFjWd4LA" // in the export, touched by no delta
	)
	tests := []struct {
		name    string
		deltas  int
		version string
		entries int
		want    []string // for names, in order
	}{
		{"export alone", 0, "sha256:" + fileDigest(t, ftmSample)[:16], 6, []string{"clear", "clear", "clear", "clear", kuzm}},
		{"ADDs", 1, "20240527194702-wnk", 8, []string{janan, aqi, "clear", "clear", kuzm}},
		{"an ADD and a MOD", 2, "20240528014702-pfh", 9, []string{janan, aqi500, aqi, "clear", kuzm}},
		{"a DEL", 3, "20240528074703-npf", 8, []string{janan, "clear", aqi, "clear", kuzm}},
		{"all four", 4, "20240528134729-3iv", 9, []string{janan, "clear", aqi, plotnik, kuzm}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"-un=false", "-list", ftmSample}, deltaArgs(tt.deltas)...)
			rs := screenJSON(t, args, names...)
			for i, r := range rs {
				assert.Equal(t, tt.want[i], r.outcome(), names[i])
				require.Len(t, r.Lists, 1)
				l := r.Lists[0]
				// The export's Address entity, which is not read; the real
				// deltas skip nothing.
				if assert.Len(t, l.SkippedRecords, 1) {
					assert.True(t, strings.HasPrefix(l.SkippedRecords[0], ftmSample+":4: record NK-2MQE6AmhAk4tqhENJAMUG9: 1 entity of schema Address not read"), l.SkippedRecords[0])
				}
				l.SkippedRecords = nil
				assert.Equal(t, screening.ListInfo{
					Source: "eu_fsf", Version: tt.version, Digest: chainDigest(t, ftmSample, ftmDeltas[:tt.deltas]...),
					Entries: tt.entries, Skipped: 1,
				}, l, names[i])
			}
		})
	}
}

// TestDeltaBesideUN checks that the deltas update the FtM list and leave
// the embedded UN list screened beside it as it is.
func TestDeltaBesideUN(t *testing.T) {
	un, err := lists.Default()
	require.NoError(t, err)
	rs := screenJSON(t, append([]string{"-list", ftmSample}, deltaArgs(4)...), "Vladimir Plotnikov")
	assert.Equal(t, "hit eu_fsf:Q4365364", rs[0].outcome())
	require.Len(t, rs[0].Lists, 2)
	assert.Equal(t, screening.ListInfo{Source: "UN", Version: un.Version, Digest: un.Digest, Entries: len(un.Entries)}, rs[0].Lists[0])
	assert.Equal(t, "20240528134729-3iv", rs[0].Lists[1].Version)
	assert.Equal(t, 9, rs[0].Lists[1].Entries)
}

// TestDeltaDumpStats checks -dump and -stats after deltas: the dump's
// header names the list's new version and digest chain, every entry
// carries the version, and the entries are those the deltas leave.
func TestDeltaDumpStats(t *testing.T) {
	tests := []struct {
		deltas  int
		version string
		refs    []string // refs added to the export's six
	}{
		{2, "20240528014702-pfh", []string{"NK-2T3S8Hu29ktYnKSTgQp2wL", "NK-2sJaJRaPJcWUfMbHjTtWcL", "NK-500Poltergeist"}},
		{4, "20240528134729-3iv", []string{"NK-2T3S8Hu29ktYnKSTgQp2wL", "NK-2sJaJRaPJcWUfMbHjTtWcL", "Q4365364"}},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			args := append([]string{"-un=false", "-list", ftmSample}, deltaArgs(tt.deltas)...)
			code, out, errs := screen(t, "", append(args, "-dump")...)
			require.Equal(t, 0, code, errs)
			for _, d := range ftmDeltas[:tt.deltas] {
				assert.Contains(t, errs, "screen: -delta "+d+": eu_fsf ", "each delta's changes counted")
			}
			l, err := lists.Read(strings.NewReader(out), "dump.jsonl")
			require.NoError(t, err)
			assert.Equal(t, "eu_fsf", l.Source)
			assert.Equal(t, tt.version, l.Version)
			var h lists.Header
			require.NoError(t, json.Unmarshal([]byte(out[:strings.IndexByte(out, '\n')]), &h))
			assert.Equal(t, tt.version, h.Version)
			assert.Equal(t, chainDigest(t, ftmSample, ftmDeltas[:tt.deltas]...), h.Digest)
			var refs []string
			for _, e := range l.Entries {
				assert.Equal(t, tt.version, e.ListVersion, e.ID)
				refs = append(refs, e.Ref)
			}
			require.Len(t, refs, 6+len(tt.refs))
			assert.Equal(t, tt.refs, refs[6:], "the entities the deltas add, at the end")

			code, _, errs = screen(t, "", append(args, "-stats", "x")...)
			require.Equal(t, 0, code, errs)
			var st stats
			require.NoError(t, json.Unmarshal([]byte(errs[strings.LastIndex(strings.TrimSpace(errs), "\n")+1:]), &st), errs)
			assert.Equal(t, 6+len(tt.refs), st.Entries)
		})
	}
}

// TestDeltaErrors checks that a -delta that cannot be applied as given
// stops the program with exit status 2 and a message naming the file,
// before anything is screened.
func TestDeltaErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "delta-20240601000000-abc.json")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	missing := filepath.Join(dir, "delta-20240601000000-xyz.json")
	zala := "../../testdata/lists/ftm/zala-synthetic-excerpt.ftm.json"
	tests := []struct {
		name  string
		args  []string
		want  string
		named string // the file the message names (once)
	}{
		{"missing file", []string{"-list", ftmSample, "-delta", missing},
			"screen: -delta " + missing + ": open: no such file or directory\n", missing},
		{"empty file", []string{"-list", ftmSample, "-delta", empty},
			"screen: -delta " + empty + ": an empty file: no ADD, MOD or DEL lines", empty},
		{"the export given as a delta", []string{"-list", ftmSample, "-delta", ftmSample},
			"screen: -delta " + ftmSample + ":1: a list file (ftm-jsonl), not an FtM delta", ftmSample},
		{"a UN list given as a delta", []string{"-list", ftmSample, "-delta", un2025},
			"screen: -delta " + un2025 + ":1: a list file (un-xml), not an FtM delta", un2025},
		{"no FtM list: the embedded UN list only", []string{"-delta", ftmDeltas[0]},
			"screen: -delta " + ftmDeltas[0] + ": no -list is a file of FollowTheMoney entities", ftmDeltas[0]},
		{"no FtM list: a watchlist", []string{"-un=false", "-list", national, "-delta", ftmDeltas[0]},
			"screen: -delta " + ftmDeltas[0] + ": no -list is a file of FollowTheMoney entities", ftmDeltas[0]},
		{"two FtM lists", []string{"-un=false", "-list", ftmSample, "-list", zala, "-delta", ftmDeltas[0]},
			ftmSample + " and " + zala + " are both FollowTheMoney entity files", zala},
		{"out of order", []string{"-un=false", "-list", ftmSample, "-delta", ftmDeltas[1], "-delta", ftmDeltas[0]},
			"screen: -delta " + ftmDeltas[0] + ": version 20240527194702-wnk does not follow 20240528014702-pfh of " + ftmDeltas[1], ftmDeltas[0]},
		{"the same delta twice", []string{"-un=false", "-list", ftmSample, "-delta", ftmDeltas[0], "-delta", ftmDeltas[0]},
			"give the deltas in version order, each once", ""},
		{"a delta given as a list", []string{"-un=false", "-list", ftmDeltas[0]},
			"screen: " + ftmDeltas[0] + ":1: not a list: an FtM delta file", ftmDeltas[0]},
		{"an empty flag", []string{"-list", ftmSample, "-delta", ""}, `invalid value "" for flag -delta: empty path`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := screen(t, "", append(tt.args, "Janan Agha")...)
			assert.Equal(t, 2, code, errs)
			assert.Empty(t, out)
			assert.Contains(t, errs, tt.want)
			if tt.named != "" {
				assert.Equal(t, 1, strings.Count(errs[strings.LastIndex(strings.TrimSpace(errs), "\n")+1:], tt.named), "the file named once in the error: %s", errs)
			}
		})
	}

	// A file that is no delta is said at once, before the lists load (whose
	// skipped records would be named first).
	_, _, errs := screen(t, "", "-list", ftmSample, "-delta", missing, "x")
	assert.NotContains(t, errs, "skipped record")
}

// TestDeltaStrict checks a delta line that cannot be read: it is named on
// standard error by file and line and the rest is applied; with -strict the
// program refuses to start.
func TestDeltaStrict(t *testing.T) {
	dir := t.TempDir()
	// The export without its Address entity (which is not read, and which
	// -strict refuses on its own).
	b, err := os.ReadFile(ftmSample)
	require.NoError(t, err)
	var keep []string
	for _, line := range strings.SplitAfter(string(b), "\n") {
		if !strings.Contains(line, `"schema":"Address"`) && line != "" {
			keep = append(keep, line)
		}
	}
	require.Len(t, keep, 6)
	base := filepath.Join(dir, "sample.ftm.json")
	require.NoError(t, os.WriteFile(base, []byte(strings.Join(keep, "")), 0o644))
	// The first delta with a third line of an operation OpenSanctions never
	// writes (its last line, like every real delta's, has no newline).
	d, err := os.ReadFile(ftmDeltas[0])
	require.NoError(t, err)
	require.False(t, strings.HasSuffix(string(d), "\n"))
	d = append(d, '\n')
	bad := filepath.Join(dir, filepath.Base(ftmDeltas[0]))
	require.NoError(t, os.WriteFile(bad, append(d, []byte(`{"op":"UPSERT","entity":{"id":"NK-x"}}`+"\n")...), 0o644))

	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"real deltas, -strict", append([]string{"-strict", "-un=false", "-list", base}, deltaArgs(4)...), 0,
			[]string{"screen: -delta " + ftmDeltas[3] + ": eu_fsf 20240528074703-npf -> 20240528134729-3iv: 1 added, 0 removed, 0 changed\n"}},
		{"a bad line", []string{"-un=false", "-list", base, "-delta", bad}, 0,
			[]string{"screen: skipped record: " + bad + ":3: ", `unknown operation "UPSERT"`, "-> 20240527194702-wnk: 2 added, 0 removed, 0 changed"}},
		{"a bad line, -strict", []string{"-strict", "-un=false", "-list", base, "-delta", bad}, 2,
			[]string{"screen: skipped record: " + bad + ":3: ", "screen: -delta " + bad + ": 1 record could not be read (named above): -strict refuses to screen without them\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := screen(t, "", append(tt.args, "Janan Agha")...)
			require.Equal(t, tt.code, code, errs)
			for _, w := range tt.want {
				assert.Contains(t, errs, w)
			}
			if tt.code != 0 {
				assert.Empty(t, out)
				return
			}
			assert.Contains(t, out, "\n  hit: eu_fsf:NK-2sJaJRaPJcWUfMbHjTtWcL Janan Agha", out)
		})
	}
}

// TestDeltaREADME runs the README's -delta command as written, from the
// repository's root. (It is written in its paragraph, not in the sh block
// of commands that TestREADME runs, since it writes to standard error
// what each delta changed.)
func TestDeltaREADME(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	m := regexp.MustCompile("`(go run ./examples/screen [^`]*-delta [^`]*)`").FindAllSubmatch(readme, -1)
	require.Len(t, m, 1, "one -delta command in the README")
	cmds, err := clitest.Commands([]byte("```sh\n"+string(m[0][1])+"\n```\n"), "./examples/screen")
	require.NoError(t, err)
	require.Len(t, cmds, 1)
	t.Chdir("../..")
	code, out, errs := screen(t, "", cmds[0].Args...)
	require.Equal(t, 0, code, errs)
	assert.True(t, strings.HasPrefix(out, "lists: eu_fsf 20240528134729-3iv (9 entries"), out)
	assert.Contains(t, string(readme), "(list `eu_fsf 20240528134729-3iv`)", "what the README says it screens")
	assert.Contains(t, out, "\n  hit: eu_fsf:NK-2sJaJRaPJcWUfMbHjTtWcL Janan Agha", out)
	assert.Contains(t, out, "\n  hit: eu_fsf:Q4365364 Vladimir Nikolaevich PLOTNIKOV", out)
}
