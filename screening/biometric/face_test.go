package biometric

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher/face"
	"github.com/raqib/raqib/matcher/face/facetest"
)

// fillFaces adds n synthetic identities (IDs "F0".."F<n-1>") to g and
// returns their centroids.
func fillFaces(t testing.TB, g *FaceGallery, seed uint64, dim, n int) [][]float32 {
	t.Helper()
	gen := facetest.New(seed, dim)
	g.Grow(facetest.Model, dim, n)
	cents := make([][]float32, n)
	for i := range cents {
		cents[i] = gen.Identity()
		require.NoError(t, g.Add(fmt.Sprintf("F%d", i), lists.FaceTemplate{Model: facetest.Model, Vector: gen.Sample(cents[i])}))
	}
	return cents
}

func TestFaceGallerySearch(t *testing.T) {
	for _, quant := range []bool{false, true} {
		t.Run(fmt.Sprintf("quantize=%v", quant), func(t *testing.T) {
			g := &FaceGallery{Thresholds: face.Thresholds{facetest.Model: 0.5}, Quantize: quant}
			cents := fillFaces(t, g, 1, 128, 20000) // > minShard: parallel shards
			gen := facetest.New(2, 128)
			require.Equal(t, 20000, g.Len())
			for _, i := range []int{0, 4095, 4096, 12345, 19999} {
				probe := lists.FaceTemplate{Model: facetest.Model, Vector: gen.Sample(cents[i])}
				ms, err := g.Search(context.Background(), probe, 5)
				require.NoError(t, err)
				require.Len(t, ms, 5)
				assert.Equal(t, fmt.Sprintf("F%d", i), ms[0].ID)
				assert.True(t, ms[0].Hit)
				assert.False(t, ms[1].Hit, "an impostor at %.3f", ms[1].Score)
				assert.Len(t, ms[0].Template, 64)
				for j := 1; j < len(ms); j++ {
					assert.GreaterOrEqual(t, ms[j-1].Score, ms[j].Score)
				}
			}
			// An unseen face: no hit.
			ms, err := g.Search(context.Background(), lists.FaceTemplate{Model: facetest.Model, Vector: gen.Sample(gen.Identity())}, 3)
			require.NoError(t, err)
			assert.False(t, ms[0].Hit)
		})
	}
}

// TestQuantizedSameTopK shows that the int8 scan with its float re-rank
// returns exactly the float scan's top k, scores included.
func TestQuantizedSameTopK(t *testing.T) {
	exact := &FaceGallery{}
	quant := &FaceGallery{Quantize: true}
	gen := facetest.New(3, 256)
	cents := make([][]float32, 300)
	for i := range cents {
		cents[i] = gen.Identity()
	}
	// Many near-duplicates make the ranking hard.
	for i := range 9000 { // two shards
		tmpl := lists.FaceTemplate{Model: facetest.Model, Vector: gen.Sample(cents[i%len(cents)])}
		id := fmt.Sprintf("E%d", i)
		require.NoError(t, exact.Add(id, tmpl))
		require.NoError(t, quant.Add(id, tmpl))
	}
	for q := range 20 {
		probe := lists.FaceTemplate{Model: facetest.Model, Vector: gen.Sample(cents[q])}
		for _, k := range []int{1, 10, 60} {
			want, err := exact.Search(context.Background(), probe, k)
			require.NoError(t, err)
			got, err := quant.Search(context.Background(), probe, k)
			require.NoError(t, err)
			require.Equal(t, want, got, "probe %d k %d", q, k)
		}
	}
}

func TestFaceGalleryErrors(t *testing.T) {
	var g FaceGallery
	ctx := context.Background()
	ms, err := g.Search(ctx, lists.FaceTemplate{Model: "m", Vector: []float32{1}}, 3)
	assert.ErrorIs(t, err, ErrUnknownModel, "empty gallery")
	assert.Nil(t, ms)
	require.NoError(t, g.Add("A", lists.FaceTemplate{Model: "m", Vector: []float32{1, 0}}))
	assert.ErrorIs(t, g.Add("B", lists.FaceTemplate{Model: "m", Vector: []float32{1, 0, 0}}), face.ErrDimension)
	assert.ErrorIs(t, g.Add("B", lists.FaceTemplate{Model: "m", Vector: []float32{0, 0}}), face.ErrVector)
	assert.ErrorContains(t, g.Add("B", lists.FaceTemplate{Vector: []float32{1}}), "without model")

	tests := []struct {
		name  string
		probe lists.FaceTemplate
		err   error
	}{
		{"unknown model", lists.FaceTemplate{Model: "other", Vector: []float32{1, 0}}, ErrUnknownModel},
		{"dimension", lists.FaceTemplate{Model: "m", Vector: []float32{1, 0, 0}}, face.ErrDimension},
		{"zero vector", lists.FaceTemplate{Model: "m", Vector: []float32{0, 0}}, face.ErrVector},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := g.Search(ctx, tt.probe, 1)
			assert.ErrorIs(t, err, tt.err)
		})
	}
	ms, err = g.Search(ctx, lists.FaceTemplate{Model: "m", Vector: []float32{0, 5}}, 0)
	assert.NoError(t, err)
	assert.Empty(t, ms)
}

func TestFaceGalleryEntries(t *testing.T) {
	var g FaceGallery
	e := &lists.Entry{ID: "W:1", Faces: []lists.FaceTemplate{
		{Model: "m", Vector: []float32{1, 0, 0}},
		{Model: "m", Vector: []float32{0.9, 0.1, 0}},
		{Model: "m", Vector: []float32{0, 0}}, // bad: reported, others kept
	}}
	err := g.AddEntry(e)
	assert.ErrorContains(t, err, "face 3")
	require.NoError(t, g.AddEntry(&lists.Entry{ID: "W:2", Faces: []lists.FaceTemplate{{Model: "m", Vector: []float32{0.95, 0.3, 0}}}}))
	ms, err := g.Search(context.Background(), lists.FaceTemplate{Model: "m", Vector: []float32{1, 0, 0}}, 2)
	require.NoError(t, err)
	require.Len(t, ms, 2, "two distinct entries although W:1 has two vectors on top")
	assert.Equal(t, "W:1", ms[0].ID)
	assert.InDelta(t, 1, ms[0].Score, 1e-6)
	assert.Equal(t, FaceHash(e.Faces[0]), ms[0].Template)
	assert.Equal(t, "W:2", ms[1].ID)
}

func TestFaceSearchCancelled(t *testing.T) {
	g := &FaceGallery{}
	fillFaces(t, g, 1, 16, 10000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := g.Search(ctx, lists.FaceTemplate{Model: facetest.Model, Vector: make16()}, 1)
	assert.ErrorIs(t, err, context.Canceled)
}

func make16() []float32 {
	v := make([]float32, 16)
	v[0] = 1
	return v
}

func TestHashes(t *testing.T) {
	a := lists.FaceTemplate{Model: "m", Vector: []float32{1, 2}}
	assert.Len(t, FaceHash(a), 64)
	assert.Equal(t, FaceHash(a), FaceHash(lists.FaceTemplate{Model: "m", Vector: []float32{1, 2}}))
	assert.NotEqual(t, FaceHash(a), FaceHash(lists.FaceTemplate{Model: "n", Vector: []float32{1, 2}}))
	assert.NotEqual(t, FaceHash(a), FaceHash(lists.FaceTemplate{Model: "m", Vector: []float32{1, 2.0001}}))
	f := lists.FingerprintTemplate{Format: "iso19794-2", Data: []byte("FMR")}
	// sha256("iso19794-2\x00FMR")
	assert.Len(t, FingerprintHash(f), 64)
	assert.NotEqual(t, FingerprintHash(f), FingerprintHash(lists.FingerprintTemplate{Format: "ansi378", Data: []byte("FMR")}))
}

// benchFaces measures the p50 latency of an exact 1:N scan of n 512-d vectors.
func benchFaces(b *testing.B, n int, quant bool) {
	g := &FaceGallery{Quantize: quant}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	cents := fillFaces(b, g, 1, 512, n)
	gen := facetest.New(2, 512)
	probes := make([]lists.FaceTemplate, 64)
	for i := range probes {
		probes[i] = lists.FaceTemplate{Model: facetest.Model, Vector: gen.Sample(cents[(i*7919)%n])}
	}
	cents = nil
	runtime.GC()
	runtime.ReadMemStats(&after)
	perVector := float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
	lat := make([]float64, 0, 1024)
	b.ResetTimer()
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
	if cpu := cpuNanos() - cpu0; cpu > 0 {
		// CPU time per search: on a shared machine, wall time depends on
		// whether the other cores are free; this does not (much).
		b.ReportMetric(float64(cpu)/1e6/float64(b.N), "cpu_ms/op")
	}
	b.ReportMetric(perVector, "B/vector")
	b.ReportMetric(percentile(lat, 0.5), "p50_ms")
	b.ReportMetric(percentile(lat, 0.99), "p99_ms")
}

func BenchmarkFaceSearch100k(b *testing.B)     { benchFaces(b, 100_000, false) }
func BenchmarkFaceSearch100kInt8(b *testing.B) { benchFaces(b, 100_000, true) }
func BenchmarkFaceSearch1M(b *testing.B)       { bench1M(b, false) }
func BenchmarkFaceSearch1MInt8(b *testing.B)   { bench1M(b, true) }

// bench1M runs only when asked for by name or with RAQIB_EVAL=1: it
// allocates 2–2.5 GB.
func bench1M(b *testing.B, quant bool) {
	if os.Getenv("RAQIB_EVAL") != "1" && !benchNamed(b) {
		b.Skip("1M-vector benchmark: set RAQIB_EVAL=1 or name it with -bench")
	}
	benchFaces(b, 1_000_000, quant)
}
