package biometric

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
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
	fs := fillFingers(t, &g, gen, 120)
	require.Equal(t, 120, g.Len())
	assert.Equal(t, fingerprint.DefaultThreshold, g.Threshold())
	hits := 0
	for i := 0; i < len(fs); i += 6 {
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
	assert.GreaterOrEqual(t, hits, 19, "rank-1 hits out of 20")
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

// countingMatcher wraps the built-in matcher, counts comparisons and
// cancels its context at the cancelAt-th one.
type countingMatcher struct {
	fingerprint.MinutiaeMatcher
	n        atomic.Int64
	cancelAt int64
	after    atomic.Int64 // comparisons started after the cancel
	cancel   context.CancelFunc
}

func (m *countingMatcher) Compare(p, c fingerprint.Features) float64 {
	n := m.n.Add(1)
	if n == m.cancelAt {
		m.cancel()
	} else if n > m.cancelAt {
		m.after.Add(1)
	}
	return m.MinutiaeMatcher.Compare(p, c)
}

func TestFingerprintSearchCancelled(t *testing.T) {
	gen := fingerprinttest.New(21)
	ctx, cancel := context.WithCancel(context.Background())
	cm := &countingMatcher{cancelAt: 50, cancel: cancel}
	g := FingerprintGallery{Matcher: cm}
	fs := fillFingers(t, &g, gen, 500)
	probes := []lists.FingerprintTemplate{
		{Format: fingerprint.FormatISO, Data: gen.ISO(fs[7])},
		{Format: fingerprint.FormatISO, Data: gen.ISO(fs[8])},
	}
	_, err := g.SearchPerson(ctx, probes, 5)
	require.ErrorIs(t, err, context.Canceled)
	// Each worker finishes the comparison it is in, and starts no other:
	// a cancelled search stops within one comparison (tens of µs).
	workers := int64(runtime.GOMAXPROCS(0))
	assert.LessOrEqual(t, cm.after.Load(), workers, "comparisons after the cancel")
	assert.Less(t, cm.n.Load(), int64(2*500), "far from the whole gallery")
}

func TestFingerprintSearchPerson(t *testing.T) {
	gen := fingerprinttest.New(22)
	var g FingerprintGallery
	right, left := gen.Finger(), gen.Finger()
	e := &lists.Entry{ID: "W:1", Source: "NATIONAL", Fingerprints: []lists.FingerprintTemplate{
		{Format: fingerprint.FormatISO, Position: 2, Data: gen.ISO(right)},
		{Format: fingerprint.FormatISO, Position: 7, Data: gen.ISO(left)},
	}}
	require.NoError(t, g.AddEntry(e))
	fillFingers(t, &g, gen, 50)
	probe := []lists.FingerprintTemplate{
		{Format: fingerprint.FormatISO, Position: 2, Data: gen.ISO(right)},
		{Format: fingerprint.FormatISO, Position: 7, Data: gen.ISO(left)},
	}
	both, err := g.SearchPerson(context.Background(), probe, 3)
	require.NoError(t, err)
	require.Len(t, both, 3)
	assert.Equal(t, "W:1", both[0].ID)
	assert.True(t, both[0].Hit)
	r, err := g.Search(context.Background(), probe[0], 1)
	require.NoError(t, err)
	l, err := g.Search(context.Background(), probe[1], 1)
	require.NoError(t, err)
	require.Equal(t, "W:1", r[0].ID)
	require.Equal(t, "W:1", l[0].ID)
	m := fingerprint.MinutiaeMatcher{}
	assert.InDelta(t, m.Fuse([]float64{r[0].Score, l[0].Score}), both[0].Score, 1e-6, "the two fingers fused")
	assert.GreaterOrEqual(t, both[0].Score, max(r[0].Score, l[0].Score))

	// A source's own threshold decides its entries' hits.
	g2 := FingerprintGallery{Thresholds: fingerprint.Thresholds{"NATIONAL": 0.99}}
	require.NoError(t, g2.AddEntry(e))
	ms, err := g2.SearchPerson(context.Background(), probe, 1)
	require.NoError(t, err)
	assert.Equal(t, both[0].Score, ms[0].Score)
	assert.False(t, ms[0].Hit, "under NATIONAL's threshold 0.99")
	assert.Equal(t, 0.99, g2.ThresholdFor("NATIONAL"))
	assert.Equal(t, fingerprint.DefaultThreshold, g2.ThresholdFor("UN"))

	// Prepared once by the caller, searched the same.
	var g3 FingerprintGallery
	for _, tm := range e.Fingerprints {
		f, err := m.Prepare(tm.Format, tm.Data)
		require.NoError(t, err)
		g3.AddPrepared(e.ID, e.Source, FingerprintHash(tm), fingerprint.Prepared{Position: tm.Position, Features: f})
	}
	var ps []fingerprint.Prepared
	for _, p := range probe {
		f, err := m.Prepare(p.Format, p.Data)
		require.NoError(t, err)
		ps = append(ps, fingerprint.Prepared{Position: p.Position, Features: f})
	}
	ms, err = g3.SearchPrepared(context.Background(), ps, 1)
	require.NoError(t, err)
	assert.Equal(t, both[0], ms[0])

	_, err = g.SearchPerson(context.Background(), []lists.FingerprintTemplate{probe[0], {Format: "wsq"}}, 1)
	assert.ErrorContains(t, err, "probe 2")
}

// TestFingerprintProbeLimits: a probe far beyond any real template (255
// views of 255 minutiae, 391 KB) is refused at once, naming the limit,
// instead of costing minutes against the gallery.
func TestFingerprintProbeLimits(t *testing.T) {
	var g FingerprintGallery
	gen := fingerprinttest.New(23)
	fillFingers(t, &g, gen, 20)
	huge := &fingerprint.Record{ResX: 197, ResY: 197}
	for v := range 255 {
		view := fingerprint.View{Position: uint8(v % 11)}
		for i := range 255 {
			view.Minutiae = append(view.Minutiae, fingerprint.Minutia{Type: 1, X: uint16(i * 3 % 400), Y: uint16(i * 7 % 500), Angle: float64(i % 360)})
		}
		huge.Views = append(huge.Views, view)
	}
	data, err := huge.AppendISO(nil)
	require.NoError(t, err)
	require.Greater(t, len(data), 390_000)
	_, err = g.Search(context.Background(), lists.FingerprintTemplate{Format: fingerprint.FormatISO, Data: data}, 1)
	require.ErrorIs(t, err, fingerprint.ErrLimit)
	assert.ErrorContains(t, err, "MaxMinutiae")
}
