package biometric

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher/fingerprint"
	"github.com/raqib/raqib/matcher/fingerprint/fingerprinttest"
)

// fillFingers adds n synthetic fingers (IDs "P0".."P<n-1>", one impression
// each) to g and returns the masters.
func fillFingers(t testing.TB, g *FingerprintGallery, gen *fingerprinttest.Generator, n int) []fingerprinttest.Finger {
	t.Helper()
	fs := make([]fingerprinttest.Finger, n)
	for i := range fs {
		fs[i] = gen.Finger()
		tmpl := lists.FingerprintTemplate{Format: fingerprint.FormatISO, Position: int(fs[i].Position), Data: gen.ISO(fs[i])}
		require.NoError(t, g.Add(fmt.Sprintf("P%d", i), tmpl))
	}
	return fs
}

func TestFingerprintGallerySearch(t *testing.T) {
	var g FingerprintGallery
	gen := fingerprinttest.New(11)
	fs := fillFingers(t, &g, gen, 300)
	require.Equal(t, 300, g.Len())
	assert.Equal(t, fingerprint.DefaultThreshold, g.Threshold())
	hits := 0
	for i := 0; i < len(fs); i += 10 {
		probe := lists.FingerprintTemplate{Format: fingerprint.FormatISO, Data: gen.ISO(fs[i])}
		ms, err := g.Search(context.Background(), probe, 3)
		require.NoError(t, err)
		require.Len(t, ms, 3)
		if ms[0].ID == fmt.Sprintf("P%d", i) && ms[0].Hit {
			hits++
		}
		assert.False(t, ms[1].Hit, "probe %d: second %s at %.3f", i, ms[1].ID, ms[1].Score)
		assert.GreaterOrEqual(t, ms[0].Score, ms[1].Score)
	}
	assert.GreaterOrEqual(t, hits, 29, "rank-1 hits out of 30")
	// A finger not in the gallery hits nothing.
	probe := lists.FingerprintTemplate{Format: fingerprint.FormatISO, Data: gen.ISO(gen.Finger())}
	ms, err := g.Search(context.Background(), probe, 1)
	require.NoError(t, err)
	assert.False(t, ms[0].Hit, "score %.3f", ms[0].Score)
}

func TestFingerprintGalleryPositionsAndEntries(t *testing.T) {
	gen := fingerprinttest.New(12)
	f := gen.Finger()
	e := &lists.Entry{ID: "W:7", Fingerprints: []lists.FingerprintTemplate{
		{Format: fingerprint.FormatISO, Position: 2, Data: gen.ISO(f)},
		{Format: fingerprint.FormatISO, Position: 3, Data: []byte("FMR\x00 20\x00garbage")},
	}}
	g := FingerprintGallery{SamePosition: true}
	err := g.AddEntry(e)
	require.Error(t, err)
	assert.ErrorContains(t, err, "fingerprint 2")
	assert.ErrorContains(t, err, "W:7")
	assert.ErrorIs(t, err, fingerprint.ErrTruncated)
	assert.Equal(t, 1, g.Len())

	probe := lists.FingerprintTemplate{Format: fingerprint.FormatISO, Position: 2, Data: gen.ISO(f)}
	ms, err := g.Search(context.Background(), probe, 5)
	require.NoError(t, err)
	require.Len(t, ms, 1)
	assert.Equal(t, "W:7", ms[0].ID)
	assert.True(t, ms[0].Hit)
	assert.Equal(t, FingerprintHash(e.Fingerprints[0]), ms[0].Template)

	probe.Position = 7 // another finger: skipped
	ms, err = g.Search(context.Background(), probe, 5)
	require.NoError(t, err)
	assert.Empty(t, ms)
	probe.Position = 0 // unknown: compared
	ms, err = g.Search(context.Background(), probe, 5)
	require.NoError(t, err)
	assert.Len(t, ms, 1)

	_, err = g.Search(context.Background(), lists.FingerprintTemplate{Format: "wsq", Data: probe.Data}, 1)
	assert.ErrorContains(t, err, "unknown template format")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = g.Search(ctx, probe, 1)
	assert.ErrorIs(t, err, context.Canceled)
}

// constMatcher is a stand-in AFIS: it proves the Matcher plug-in point.
type constMatcher struct{}

func (constMatcher) Prepare(format string, data []byte) (fingerprint.Features, error) {
	return len(data), nil
}
func (constMatcher) Compare(p, c fingerprint.Features) float64 {
	if p.(int) == c.(int) {
		return 1
	}
	return 0.1
}
func (constMatcher) Threshold() float64 { return 0.9 }

func TestFingerprintGalleryPluggedMatcher(t *testing.T) {
	g := FingerprintGallery{Matcher: constMatcher{}}
	require.NoError(t, g.Add("A", lists.FingerprintTemplate{Format: "afis", Data: []byte("abc")}))
	require.NoError(t, g.Add("B", lists.FingerprintTemplate{Format: "afis", Data: []byte("abcd")}))
	ms, err := g.Search(context.Background(), lists.FingerprintTemplate{Format: "afis", Data: []byte("xyzw")}, 2)
	require.NoError(t, err)
	require.Len(t, ms, 2)
	assert.Equal(t, Match{ID: "B", Score: 1, Hit: true, Template: ms[0].Template}, ms[0])
	assert.Equal(t, "A", ms[1].ID)
	assert.False(t, ms[1].Hit)
}

func BenchmarkFingerprintSearch10k(b *testing.B) {
	var g FingerprintGallery
	gen := fingerprinttest.New(13)
	fs := fillFingers(b, &g, gen, 10_000)
	probes := make([]lists.FingerprintTemplate, 16)
	for i := range probes {
		probes[i] = lists.FingerprintTemplate{Format: fingerprint.FormatISO, Data: gen.ISO(fs[i*97])}
	}
	lat := make([]float64, 0, 64)
	i := 0
	cpu0 := cpuNanos()
	for b.Loop() {
		start := nanotime()
		if _, err := g.Search(context.Background(), probes[i%len(probes)], 10); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, float64(nanotime()-start)/1e6)
		i++
	}
	b.ReportMetric(percentile(lat, 0.5), "p50_ms")
	b.ReportMetric(float64(10_000*b.N)/b.Elapsed().Seconds(), "cmp/s")
	if cpu := cpuNanos() - cpu0; cpu > 0 {
		b.ReportMetric(float64(10_000*b.N)/(float64(cpu)/1e9), "cmp/cpu-s")
	}
}
