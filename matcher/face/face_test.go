package face_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher/face"
	"github.com/raqib/raqib/matcher/face/facetest"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name string
		in   []float32
		want []float32
		err  string
	}{
		{"3-4-5", []float32{3, 4}, []float32{0.6, 0.8}, ""},
		{"already unit", []float32{0, -1, 0}, []float32{0, -1, 0}, ""},
		{"empty", nil, nil, "empty"},
		{"zero", []float32{0, 0}, nil, "norm 0"},
		{"nan", []float32{1, float32(math.NaN())}, nil, "component 1"},
		{"inf", []float32{float32(math.Inf(1))}, nil, "component 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := face.Normalize(tt.in)
			if tt.err != "" {
				require.ErrorIs(t, err, face.ErrVector)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.InDeltaSlice(t, tt.want, got, 1e-6)
		})
	}
}

func TestDot(t *testing.T) {
	for _, n := range []int{0, 1, 7, 8, 9, 31, 512} {
		a, b := make([]float32, n), make([]float32, n)
		var want float64
		for i := range a {
			a[i], b[i] = float32(i%7)-3, float32(i%5)*0.5
			want += float64(a[i]) * float64(b[i])
		}
		assert.InDelta(t, want, face.Dot(a, b), 1e-3, "n=%d", n)
	}
	assert.Equal(t, float32(2), face.Dot([]float32{1, 1, 5}, []float32{1, 1}), "shorter length")
}

func TestCompare(t *testing.T) {
	a := lists.FaceTemplate{Model: "m1", Vector: []float32{1, 0}}
	tests := []struct {
		name string
		b    lists.FaceTemplate
		want float64
		err  error
	}{
		{"same", lists.FaceTemplate{Model: "m1", Vector: []float32{2, 0}}, 1, nil},
		{"orthogonal", lists.FaceTemplate{Model: "m1", Vector: []float32{0, 3}}, 0, nil},
		{"opposite", lists.FaceTemplate{Model: "m1", Vector: []float32{-1, 0}}, -1, nil},
		{"other model", lists.FaceTemplate{Model: "m2", Vector: []float32{1, 0}}, 0, face.ErrModelMismatch},
		{"other dimension", lists.FaceTemplate{Model: "m1", Vector: []float32{1, 0, 0}}, 0, face.ErrDimension},
		{"zero", lists.FaceTemplate{Model: "m1", Vector: []float32{0, 0}}, 0, face.ErrVector},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := face.Compare(a, tt.b)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				return
			}
			require.NoError(t, err)
			assert.InDelta(t, tt.want, got, 1e-6)
		})
	}
}

func TestThresholds(t *testing.T) {
	th := face.Thresholds{"arcface-r100": 0.36}
	assert.Equal(t, 0.36, th.For("arcface-r100"))
	assert.Equal(t, face.DefaultThreshold, th.For("other"))
	var zero face.Thresholds
	assert.Equal(t, face.DefaultThreshold, zero.For("x"))
}

// TestSyntheticSeparation checks that facetest's genuine and impostor
// cosines have the intended shape: no overlap at the default threshold.
func TestSyntheticSeparation(t *testing.T) {
	g := facetest.New(1, 512)
	const ids = 200
	cents := make([][]float32, ids)
	samples := make([][2][]float32, ids)
	for i := range cents {
		cents[i] = g.Identity()
		samples[i] = [2][]float32{g.Sample(cents[i]), g.Sample(cents[i])}
	}
	var gmin, gsum, imax, isum float64
	gmin = 1
	imax = -1
	n := 0
	for i := range ids {
		s := float64(face.Dot(samples[i][0], samples[i][1]))
		gmin, gsum = min(gmin, s), gsum+s
		for j := i + 1; j < ids; j++ {
			s := float64(face.Dot(samples[i][0], samples[j][1]))
			imax, isum = max(imax, s), isum+s
			n++
		}
	}
	t.Logf("genuine mean %.3f min %.3f; impostor mean %.3f max %.3f", gsum/ids, gmin, isum/float64(n), imax)
	assert.InDelta(t, 0.65, gsum/ids, 0.1)
	assert.InDelta(t, 0.03, isum/float64(n), 0.03)
	assert.Greater(t, gmin, face.DefaultThreshold)
	assert.Less(t, imax, 0.3)
	// Deterministic for a seed.
	assert.Equal(t, facetest.New(9, 16).Identity(), facetest.New(9, 16).Identity())
}

func BenchmarkDot512(b *testing.B) {
	g := facetest.New(1, 512)
	x, y := g.Identity(), g.Identity()
	for b.Loop() {
		face.Dot(x, y)
	}
}

func ExampleCompare() {
	a := lists.FaceTemplate{Model: "arcface-r100", Vector: []float32{0.6, 0.8, 0}}
	b := lists.FaceTemplate{Model: "arcface-r100", Vector: []float32{3, 4, 5}}
	s, err := face.Compare(a, b)
	if err != nil {
		fmt.Println(err)
		return
	}
	th := face.Thresholds{"arcface-r100": 0.4}
	fmt.Printf("cosine %.3f, same person: %v\n", s, s >= th.For(b.Model))
	_, err = face.Compare(a, lists.FaceTemplate{Model: "facenet-128", Vector: []float32{1, 0, 0}})
	fmt.Println(err)
	// Output:
	// cosine 0.707, same person: true
	// face: vectors of different models: "arcface-r100" and "facenet-128"
}
