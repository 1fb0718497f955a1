package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/raqib/raqib/internal/synth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "set")
	var out, errb bytes.Buffer
	code := run([]string{"-n", "500", "-seed", "4", "-pos", "20", "-neg", "30", "-out", dir}, &out, &errb)
	require.Equal(t, 0, code, errb.String())
	var sum synth.Summary
	require.NoError(t, json.Unmarshal(out.Bytes(), &sum))
	assert.Equal(t, 500, sum.Entries)
	assert.Equal(t, 20, sum.Positives)
	assert.Equal(t, 30, sum.Negatives)
	for _, f := range []string{"list.jsonl", "queries.jsonl", "truth.csv", "summary.json"} {
		st, err := os.Stat(filepath.Join(dir, f))
		require.NoError(t, err, f)
		assert.Positive(t, st.Size(), f)
	}
}

func TestRunBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{},                               // no -out
		{"-out", t.TempDir(), "-n", "0"}, // no people
		{"-out", t.TempDir(), "-n", "10", "-pos", "11"},
		{"-out", t.TempDir(), "-neg", "-1"},
		{"-out", t.TempDir(), "extra"},
		{"-nosuchflag"},
	} {
		var out, errb bytes.Buffer
		assert.Equal(t, 2, run(args, &out, &errb), "%v", args)
		assert.NotEmpty(t, errb.String(), "%v", args)
	}
	var out, errb bytes.Buffer
	assert.Equal(t, 0, run([]string{"-h"}, &out, &errb))
}

func TestRunUnwritable(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(f, nil, 0o644))
	var out, errb bytes.Buffer
	assert.Equal(t, 1, run([]string{"-n", "10", "-pos", "2", "-neg", "2", "-out", filepath.Join(f, "sub")}, &out, &errb))
	assert.Contains(t, errb.String(), "synthlist:")
}
