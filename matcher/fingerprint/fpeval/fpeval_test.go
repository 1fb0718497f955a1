package fpeval

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/matcher/fingerprint"
	"github.com/raqib/raqib/matcher/fingerprint/fingerprinttest"
)

func TestScores(t *testing.T) {
	s := Scores{
		Genuine:  []float64{0.1, 0.5, 0.6, 0.7, 0.8},
		Impostor: []float64{0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.5, 0.52, 0.55},
	}
	fmr, fnmr := s.At(0.5)
	assert.InDelta(t, 0.3, fmr, 1e-12, "0.5, 0.52, 0.55 at or above")
	assert.InDelta(t, 0.2, fnmr, 1e-12, "0.1 below")

	tests := []struct {
		fmr      float64
		wantThr  float64
		wantOK   bool
		wantFNMR float64
	}{
		{0.1, math.Nextafter(0.52, 1), true, 0.4},   // one impostor allowed: 0.55
		{0.2, math.Nextafter(0.5, 1), true, 0.4},    // two allowed
		{0.01, math.Nextafter(0.55, 1), false, 0.4}, // not resolvable with 10 pairs
	}
	for _, tt := range tests {
		fnmr, thr, ok := s.FNMRAt(tt.fmr)
		assert.Equal(t, tt.wantThr, thr, "fmr %v", tt.fmr)
		assert.Equal(t, tt.wantOK, ok, "fmr %v", tt.fmr)
		assert.InDelta(t, tt.wantFNMR, fnmr, 1e-12, "fmr %v", tt.fmr)
		got, _ := s.At(thr)
		assert.LessOrEqual(t, got, tt.fmr+1e-12)
	}
	// EER: at 0.5 FMR 0.3 / FNMR 0.2 (the closest), just above 0.5 FMR 0.2 / FNMR 0.4.
	assert.InDelta(t, 0.25, s.EER(), 1e-12)
	assert.True(t, math.IsNaN(Scores{}.EER()))
	assert.Equal(t, 0.5, Quantile(s.Impostor, 0.75))
}

func TestDetectFormat(t *testing.T) {
	r := &fingerprint.Record{ResX: 197, ResY: 197, Views: []fingerprint.View{{Minutiae: make([]fingerprint.Minutia, 5)}}}
	iso, err := r.AppendISO(nil)
	require.NoError(t, err)
	ansi, err := r.AppendANSI(nil)
	require.NoError(t, err)
	assert.Equal(t, fingerprint.FormatISO, DetectFormat(iso))
	assert.Equal(t, fingerprint.FormatANSI, DetectFormat(ansi))
	assert.Equal(t, "", DetectFormat([]byte("GIF89a......")))
}

func TestLoadFVCAndRun(t *testing.T) {
	bad := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(bad, "DB1_alice_1.iso"), nil, 0o644))
	_, err := LoadFVC(bad)
	assert.ErrorContains(t, err, "DB1_alice_1.iso: not an FVC template name")

	dir := t.TempDir()
	g := fingerprinttest.New(3)
	for db := 1; db <= 2; db++ {
		for f := 101; f <= 103; f++ {
			fg := g.Finger()
			for i := 1; i <= 4; i++ {
				name := filepath.Join(dir, strings.Join([]string{"valid_fvc2002_DB" + string(rune('0'+db)), "B", itoa(f), itoa(i)}, "_")+".iso")
				require.NoError(t, os.WriteFile(name, g.ISO(fg), 0o644))
			}
		}
	}
	ts, err := LoadFVC(dir)
	require.NoError(t, err)
	require.Len(t, ts, 24)
	assert.Equal(t, "FVC2002 DB1", ts[0].Group)
	assert.Equal(t, "101", ts[0].Finger)
	assert.Equal(t, 1, ts[0].Impression)

	rep, err := Run(context.Background(), fingerprint.MinutiaeMatcher{}, ts, Options{Cross: true})
	require.NoError(t, err)
	require.Len(t, rep.Groups, 2)
	g1 := rep.Groups[0]
	assert.Len(t, g1.FVC.Genuine, 3*6, "6 pairs of 4 impressions per finger")
	assert.Len(t, g1.FVC.Impostor, 3, "first impressions of 3 fingers")
	assert.Len(t, g1.Extended.Impostor, 3*16, "every impression of every other finger")
	assert.Len(t, rep.Overall.Extended.Impostor, 2*48)
	assert.Len(t, rep.Overall.Cross.Impostor, 2*48+12*12)
	assert.Len(t, rep.Overall.Cross.Genuine, 36)
	assert.Equal(t, 36+96+144, rep.Comparisons)
	assert.Empty(t, rep.Failed)
	assert.Less(t, rep.Overall.Cross.EER(), 0.05)

	var b strings.Builder
	require.NoError(t, rep.WriteTable(&b, 0.2))
	assert.Contains(t, b.String(), "| FVC2002 DB2 | extended | 18 | 48 |")
	assert.Contains(t, b.String(), "| overall | cross-group | 36 | 240 |")
	b.Reset()
	require.NoError(t, rep.WriteDistribution(&b))
	assert.Contains(t, b.String(), "overall (cross-group)")
	b.Reset()
	require.NoError(t, WriteHistogram(&b, rep.Overall.Cross, 0.1))
	assert.Contains(t, b.String(), "[0.000,0.100)")

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Run(ctx, fingerprint.MinutiaeMatcher{}, ts, Options{})
	assert.ErrorIs(t, err, context.Canceled)
}

func itoa(i int) string {
	s := ""
	for ; i > 0; i /= 10 {
		s = string(rune('0'+i%10)) + s
	}
	return s
}

func TestLoadManifest(t *testing.T) {
	dir := t.TempDir()
	g := fingerprinttest.New(4)
	fg := g.Finger()
	for _, n := range []string{"a1.iso", "a2.iso"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, n), g.ISO(fg), 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.bin"), []byte("not a record"), 0o644))
	tests := []struct {
		name, body, err string
		want            int
	}{
		{"ok", "file,finger,impression,group\na1.iso,alice\na2.iso,alice,,site1\n", "", 2},
		{"explicit impressions", "a2.iso,alice,2\na1.iso,alice,1\n", "", 2},
		{"too few fields", "a1.iso\n", "m.csv:1: want file,finger", 0},
		{"bad impression", "a1.iso,alice,zero\n", "m.csv:1: impression \"zero\"", 0},
		{"missing file", "a1.iso,alice\nnope.iso,bob\n", "m.csv:2:", 0},
		{"not a record", "bad.bin,bob\n", "not an ISO 19794-2 or ANSI 378", 0},
		{"empty", "# nothing\n", "no templates", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, "m.csv")
			require.NoError(t, os.WriteFile(p, []byte(tt.body), 0o644))
			ts, err := LoadManifest(p)
			if tt.err != "" {
				require.Error(t, err)
				assert.ErrorContains(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.Len(t, ts, tt.want)
		})
	}
	ts, err := LoadManifest(filepath.Join(dir, "m.csv"))
	require.Error(t, err)
	assert.Nil(t, ts)
}
