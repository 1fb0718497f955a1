package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/matcher/fingerprint/fingerprinttest"
)

// fvcDir writes 2 databases × 4 fingers × 4 impressions of synthetic
// fingers with FVC names.
func fvcDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	g := fingerprinttest.New(5)
	for db := 1; db <= 2; db++ {
		for f := 101; f <= 104; f++ {
			fg := g.Finger()
			for i := 1; i <= 4; i++ {
				name := fmt.Sprintf("valid_fvc2002_DB%d_B_%d_%d.iso", db, f, i)
				require.NoError(t, os.WriteFile(filepath.Join(dir, name), g.ISO(fg), 0o644))
			}
		}
	}
	return dir
}

func TestRun(t *testing.T) {
	dir := fvcDir(t)
	manifest := filepath.Join(dir, "pairs.csv")
	require.NoError(t, os.WriteFile(manifest, []byte("file,finger\nvalid_fvc2002_DB1_B_101_1.iso,a\nvalid_fvc2002_DB1_B_101_2.iso,a\nvalid_fvc2002_DB1_B_102_1.iso,b\nnope.iso,c\n"), 0o644))
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{"fvc", []string{"-fvc", dir, "-cross", "-hist", "0.1"}, 0, []string{
			"32 templates, 496 comparisons",
			"| FVC2002 DB1 | FVC | 24 | 6 |",
			"| overall | cross-group | 48 | 448 |",
			"threshold for FMR <= 0.001 on the overall cross-group impostors (448 pairs)",
			"NOT resolvable",
			"[0.000,0.100)",
		}, ""},
		{"one group", []string{"-fvc", dir, "-groups", "DB2", "-fmr", "0.1"}, 0, []string{"16 templates", "| FVC2002 DB2 | extended | 24 | 96 |"}, ""},
		{"any rotation", []string{"-fvc", dir, "-groups", "DB1", "-max-rotation", "180"}, 0, []string{"16 templates", "| FVC2002 DB1 | extended | 24 | 96 |"}, ""},
		{"bad rotation", []string{"-fvc", dir, "-max-rotation", "x"}, 2, nil, "invalid value"},
		{"no input", nil, 2, nil, "give -fvc DIR or -manifest FILE"},
		{"bad fmr", []string{"-fvc", dir, "-fmr", "2"}, 2, nil, "-fmr 2: want 0 < fmr < 1"},
		{"no such group", []string{"-fvc", dir, "-groups", "DB9"}, 2, nil, "no templates in groups DB9"},
		{"missing dir", []string{"-fvc", filepath.Join(dir, "none")}, 2, nil, "no such file or directory"},
		{"manifest names the line", []string{"-manifest", manifest}, 2, nil, "pairs.csv:5:"},
		{"unknown flag", []string{"-nope"}, 2, nil, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb strings.Builder
			code := run(context.Background(), tt.args, &out, &errb)
			assert.Equal(t, tt.code, code, "stderr: %s", errb.String())
			for _, s := range tt.stdout {
				assert.Contains(t, out.String(), s)
			}
			if tt.stderr != "" {
				assert.Contains(t, errb.String(), tt.stderr)
			}
		})
	}
}
