package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/screening"
)

func TestScreenNames(t *testing.T) {
	code, out, errs := screen(t, "", "Ayman al-Zawahiri", "Peter Schmidt")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "  hit: UN:QDi.006 AIMAN MUHAMMED RABI AL-ZAWAHIRI (Al-Qaida list, born 1951-06-19, Egypt)  score ")
	assert.Contains(t, out, "    matched name ")
	assert.Contains(t, out, "      name         +")
	assert.Contains(t, out, "Peter Schmidt\n  clear: no match among")
}

// jsonLine is a -json line: a screening.Result, or an error line.
type jsonLine struct {
	screening.Result
	Decision string `json:"decision"`
	Error    string `json:"error"`
}

func decode(t *testing.T, out string) []jsonLine {
	t.Helper()
	var got []jsonLine
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var jl jsonLine
		require.NoError(t, json.Unmarshal([]byte(l), &jl), l)
		got = append(got, jl)
	}
	return got
}

func TestScreenQueriesJSON(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "queries.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join([]string{
		`{"id":"q1","name":"Jamal Lounici","birth_date":"1962-02-01","nationality":"DZ"}`,
		`{"id":"q2","name":"Anna Maria Eriksson","birth_date":"1974-08-12","nationality":"SE"}`,
		`{"id":"q3","name":`, // cut short
		``,
		`{"id":"q4","nmae":"typo in a field"}`,
		`{"id":"q5","documents":[{"type":"passport","number":"1084010"}]}`,
		`{"id":"q6"}`,
		`{"name":"Jamal Lounici","birth_date":19620201}`,
		`["Jamal Lounici"]`,
	}, "\n")), 0o644))
	code, out, errs := screen(t, "", "-json", "-stats", "-queries", path)
	require.Equal(t, 0, code, errs)

	got := decode(t, out)
	require.Len(t, got, 8, "one line per query, the broken ones too")
	assert.Equal(t, "q1", got[0].QueryID)
	assert.Equal(t, "hit", got[0].Decision)
	require.NotEmpty(t, got[0].Matches)
	m := got[0].Matches[0]
	assert.Equal(t, "UN:QDi.155", m.EntryID)
	assert.Equal(t, "UN", m.List)
	assert.Equal(t, "QDi.155", m.Ref)
	assert.Equal(t, "DJAMEL LOUNICI", m.Name)
	assert.Equal(t, "Al-Qaida", m.ListType)
	assert.Equal(t, "hit", string(m.Decision))
	assert.NotEmpty(t, m.Features)
	require.Len(t, got[0].Lists, 1)
	assert.Equal(t, "UN", got[0].Lists[0].Source)
	assert.Equal(t, "clear", got[1].Decision)
	assert.Empty(t, got[1].Matches)
	assert.Equal(t, "UN:QDi.006", got[4].Matches[0].EntryID)

	// Bad lines: the message once, in words, with the line's own ID.
	for i, want := range map[int]struct{ id, err string }{
		2: {"q3", path + ":3: the JSON ends too early (the line is cut short?)"},
		3: {"q4", path + `:5: unknown field "nmae"`},
		5: {"q6", path + ":7: screening: bad query: matcher: query has no name, document or biometrics"},
		6: {path + ":8", path + ":8: birth_date: want a string, got a number"},
		7: {path + ":9", path + ":9: want a JSON object, got an array"},
	} {
		assert.Equal(t, "error", got[i].Decision, i)
		assert.Equal(t, want.id, got[i].QueryID, i)
		assert.Equal(t, want.err, got[i].Error, i)
		assert.NotContains(t, got[i].Error, "raqib.", "no Go type names")
		assert.Equal(t, 1, strings.Count(got[i].Error, path), "the path named once")
	}

	// stderr: the bad lines, then the stats line.
	errLines := strings.Split(strings.TrimSpace(errs), "\n")
	require.Len(t, errLines, 6, errs)
	assert.Equal(t, "screen: "+path+":3 (id q3): the JSON ends too early (the line is cut short?)", errLines[0])
	assert.Equal(t, "screen: "+path+":8: birth_date: want a string, got a number", errLines[3])
	var st stats
	require.NoError(t, json.Unmarshal([]byte(errLines[5]), &st))
	assert.Equal(t, 1009, st.Entries)
	assert.Equal(t, 8, st.Queries)
	assert.Equal(t, 5, st.Errors)
	assert.Greater(t, st.P99US, 0.0)
}

// TestScreenText checks the text output of a bad line: named once.
//
// Before: "stdin:1: error: stdin:1: json: cannot unmarshal number into Go
// struct field Query.name of type string".
func TestScreenText(t *testing.T) {
	code, out, errs := screen(t, `{"name":5}`+"\n"+`{"id":"x7","name":"Jamal Lounici"`+"\n", "-queries", "-")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "stdin:1\n  error: name: want a string, got a number\n")
	assert.Contains(t, out, "stdin:2 (id x7)\n  error: the JSON ends too early")
	assert.Equal(t, "screen: stdin:1: name: want a string, got a number\nscreen: stdin:2 (id x7): the JSON ends too early (the line is cut short?)\n", errs)
	assert.NotContains(t, out, "Go ")
}

func TestScreenStdinThresholdLimit(t *testing.T) {
	in := `{"id":"a","name":"Mohammed Hassan"}` + "\n"
	args := []string{"-un=false", "-list", ofacSDN, "-json", "-threshold", "0.3", "-queries", "-"}
	code, out, errs := screen(t, in, args...)
	require.Equal(t, 0, code, errs)
	got := decode(t, out)
	require.Len(t, got, 1)
	require.Greater(t, len(got[0].Matches), 1, "matches under the review threshold too")
	for i, m := range got[0].Matches {
		assert.GreaterOrEqual(t, m.Score, 0.3)
		if i > 0 {
			assert.LessOrEqual(t, m.Score, got[0].Matches[i-1].Score, "best first")
		}
	}
	code, out, errs = screen(t, in, append(args, "-limit", "1")...)
	require.Equal(t, 0, code, errs)
	got = decode(t, out)
	require.Len(t, got, 1)
	assert.Len(t, got[0].Matches, 1)
}
