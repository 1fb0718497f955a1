package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScreenNames(t *testing.T) {
	var out, errb bytes.Buffer
	require.Equal(t, 0, run([]string{"Ayman al-Zawahiri", "Peter Schmidt"}, nil, &out, &errb), errb.String())
	s := out.String()
	assert.Contains(t, s, "UN:QDi.006")
	assert.Contains(t, s, "hit")
	assert.Contains(t, s, "Peter Schmidt\n  clear")
}

func TestScreenQueriesJSON(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "queries.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join([]string{
		`{"id":"q1","name":"Jamal Lounici","birth_date":"1962-02-01","nationality":"DZ"}`,
		`{"id":"q2","name":"Anna Maria Eriksson","birth_date":"1974-08-12","nationality":"SE"}`,
		`{"id":"q3","name":`, // broken line
		``,
		`{"id":"q4","nmae":"typo in a field"}`,
		`{"id":"q5","documents":[{"type":"passport","number":"1084010"}]}`,
		`{"id":"q6"}`,
	}, "\n")), 0o644))
	var out, errb bytes.Buffer
	require.Equal(t, 0, run([]string{"-json", "-stats", "-queries", path}, nil, &out, &errb))

	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 6, "one line per query, the broken ones too")
	var got []outLine
	for _, l := range lines {
		var ol outLine
		require.NoError(t, json.Unmarshal([]byte(l), &ol), l)
		got = append(got, ol)
	}
	assert.Equal(t, "q1", got[0].ID)
	require.NotEmpty(t, got[0].Matches)
	m := got[0].Matches[0]
	assert.Equal(t, "UN:QDi.155", m.EntryID)
	assert.Equal(t, "UN", m.List)
	assert.Equal(t, "QDi.155", m.Ref)
	assert.Equal(t, "DJAMEL LOUNICI", m.Name)
	assert.Equal(t, "hit", string(m.Decision))
	assert.NotEmpty(t, m.Features)
	assert.Empty(t, got[1].Matches)
	assert.Contains(t, got[2].Error, path+":3:")
	assert.Contains(t, got[3].Error, `unknown field "nmae"`)
	assert.Equal(t, "UN:QDi.006", got[4].Matches[0].EntryID)
	assert.Contains(t, got[5].Error, "no name, document or biometrics")

	// stderr: the two bad lines, the empty query, then the stats line.
	errLines := strings.Split(strings.TrimSpace(errb.String()), "\n")
	require.Len(t, errLines, 4, errb.String())
	var st stats
	require.NoError(t, json.Unmarshal([]byte(errLines[3]), &st))
	assert.Equal(t, 1009, st.Entries)
	assert.Equal(t, 6, st.Queries)
	assert.Equal(t, 3, st.Errors)
	assert.Greater(t, st.P99US, 0.0)
}

func TestScreenStdinThresholdLimit(t *testing.T) {
	var out, errb bytes.Buffer
	in := strings.NewReader(`{"id":"a","name":"Mohammed Hassan"}` + "\n")
	require.Equal(t, 0, run([]string{"-json", "-threshold", "0.3", "-limit", "3", "-queries", "-"}, in, &out, &errb), errb.String())
	var ol outLine
	require.NoError(t, json.Unmarshal(out.Bytes(), &ol))
	require.Len(t, ol.Matches, 3)
	for i, m := range ol.Matches {
		assert.GreaterOrEqual(t, m.Score, 0.3)
		if i > 0 {
			assert.LessOrEqual(t, m.Score, ol.Matches[i-1].Score, "best first")
		}
	}
}

func TestScreenBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-threshold", "2", "x"},
		{"-limit", "0", "x"},
		{"-queries", filepath.Join(t.TempDir(), "missing.jsonl")},
	} {
		var out, errb bytes.Buffer
		assert.Equal(t, 2, run(args, nil, &out, &errb), args)
		assert.NotEmpty(t, errb.String())
	}
}
