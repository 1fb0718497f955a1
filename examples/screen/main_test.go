package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/raqib/raqib/lists"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDumpDefault(t *testing.T) {
	var out, errb bytes.Buffer
	require.Equal(t, 0, run([]string{"-dump"}, nil, &out, &errb), errb.String())
	assert.Empty(t, errb.String())
	assert.Equal(t, 1009, bytes.Count(out.Bytes(), []byte("\n")), "one line per entry, no header")
	// The dump reads back as a watchlist with the same entries.
	l, err := lists.Read(bytes.NewReader(out.Bytes()), "dump.jsonl")
	require.NoError(t, err)
	want, err := lists.Default()
	require.NoError(t, err)
	require.Len(t, l.Entries, len(want.Entries))
	for i := range want.Entries {
		require.Equal(t, want.Entries[i], l.Entries[i])
	}
	sc := bufio.NewScanner(bytes.NewReader(out.Bytes()))
	sc.Buffer(nil, lists.MaxLine)
	require.True(t, sc.Scan())
	assert.True(t, strings.HasPrefix(sc.Text(), `{"id":"UN:`), sc.Text()[:40])
}

func TestDumpLists(t *testing.T) {
	tests := []struct {
		lists []string
		lines int
	}{
		{[]string{"../../testdata/lists/un-consolidated-2020-11-30.xml"}, 1018},
		{[]string{"../../testdata/lists/ofac-sdn-2021-07/sdn.csv"}, 8976},
		{[]string{"../../testdata/lists/uk-conlist-2018-04-13-isil.csv", "../../testdata/lists/un-consolidated-2025-11-20.xml"}, 344 + 1000},
	}
	for _, tt := range tests {
		var args []string
		for _, l := range tt.lists {
			args = append(args, "-list", l)
		}
		var out, errb bytes.Buffer
		require.Equal(t, 0, run(append(args, "-dump"), nil, &out, &errb), errb.String())
		assert.Equal(t, tt.lines, bytes.Count(out.Bytes(), []byte("\n")), tt.lists)
	}
}

func TestSharedData(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/data/un/*.xml")
	if len(files) == 0 {
		t.Skip("../shared/data not present")
	}
	files = append(files, "../../../shared/data/ofac/sdn-2021-07/sdn.csv", "../../../shared/data/ofac/sdn-2024-05-03.csv", "../../../shared/data/uk/conlist-2018-04-13.csv")
	for _, f := range files {
		var out, errb bytes.Buffer
		require.Equal(t, 0, run([]string{"-list", f}, nil, &out, &errb), errb.String())
		assert.Contains(t, out.String(), "entries", f)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	un, err := os.ReadFile("../../lists/default/un-consolidated-2026-05-08.xml")
	require.NoError(t, err)
	trunc := filepath.Join(dir, "trunc.xml")
	require.NoError(t, os.WriteFile(trunc, un[:len(un)/3], 0o644))
	badcsv := filepath.Join(dir, "sdn.csv")
	require.NoError(t, os.WriteFile(badcsv, []byte("36,\"AERO,-0-\n173,\"X\",-0-\n"), 0o644))
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-list", filepath.Join(dir, "missing.xml")}, "missing.xml"},
		{[]string{"-list", trunc, "-dump"}, "trunc.xml:" + strconv.Itoa(bytes.Count(un[:len(un)/3], []byte("\n"))+1) + ": truncated"},
		{[]string{"-list", badcsv}, "sdn.csv:1: "},
		{[]string{"-nosuchflag"}, "flag provided but not defined"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		assert.Equal(t, 2, run(tt.args, nil, &out, &errb), tt.args)
		assert.Contains(t, errb.String(), tt.want)
		assert.Empty(t, out.String())
	}
}
