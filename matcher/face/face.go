// Package face compares face embedding vectors made by an embedding
// application's face model.
//
// A vector is compared only with vectors of the same model: vectors of
// different models live in different spaces and their similarity means
// nothing. Vectors are L2-normalised, so their similarity is a cosine in
// [-1, 1]. Raqib does not guess a model's operating point: the application
// that makes the embeddings sets a threshold per model (Thresholds);
// DefaultThreshold is only a conservative fallback.
package face

import (
	"errors"
	"fmt"
	"math"

	"github.com/raqib/raqib/lists"
)

// DefaultThreshold is the cosine similarity at or above which two faces of
// a model without a configured threshold are taken to be the same person. It
// is deliberately high (for ArcFace-like 512-d models, 0.5 is well above the
// usual operating points for a false match rate of 1e-4); set the model's
// own threshold in Thresholds.
const DefaultThreshold = 0.5

// Thresholds maps a model ID to its decision threshold (cosine similarity).
type Thresholds map[string]float64

// For returns the threshold of model, or DefaultThreshold when t has none.
func (t Thresholds) For(model string) float64 {
	if v, ok := t[model]; ok {
		return v
	}
	return DefaultThreshold
}

// Errors returned (wrapped) by this package and the face gallery.
var (
	ErrModelMismatch = errors.New("face: vectors of different models")
	ErrDimension     = errors.New("face: vector dimension mismatch")
	ErrVector        = errors.New("face: unusable vector")
)

// Normalize returns a copy of v scaled to unit L2 norm. It fails on an
// empty vector, a zero vector and one holding NaN or infinity.
func Normalize(v []float32) ([]float32, error) {
	if len(v) == 0 {
		return nil, fmt.Errorf("%w: empty", ErrVector)
	}
	var ss float64
	for i, x := range v {
		f := float64(x)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("%w: component %d is %v", ErrVector, i, x)
		}
		ss += f * f
	}
	if ss == 0 || math.IsInf(ss, 0) {
		return nil, fmt.Errorf("%w: norm %v", ErrVector, math.Sqrt(ss))
	}
	inv := 1 / math.Sqrt(ss)
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = float32(float64(x) * inv)
	}
	return out, nil
}

// Compare returns the cosine similarity of two face templates, which must
// come from the same model and have the same dimension.
func Compare(a, b lists.FaceTemplate) (float64, error) {
	if a.Model != b.Model {
		return 0, fmt.Errorf("%w: %q and %q", ErrModelMismatch, a.Model, b.Model)
	}
	if len(a.Vector) != len(b.Vector) {
		return 0, fmt.Errorf("%w: %d and %d", ErrDimension, len(a.Vector), len(b.Vector))
	}
	na, err := Normalize(a.Vector)
	if err != nil {
		return 0, err
	}
	nb, err := Normalize(b.Vector)
	if err != nil {
		return 0, err
	}
	return float64(Dot(na, nb)), nil
}

// Dot returns the dot product of a and b over the length of the shorter.
// It is the kernel of the exact 1:N scan: unrolled eight ways with four
// independent accumulators.
func Dot(a, b []float32) float32 {
	n := min(len(a), len(b))
	a, b = a[:n], b[:n]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+8 <= n; i += 8 {
		aa, bb := a[i:i+8:i+8], b[i:i+8:i+8]
		s0 += aa[0]*bb[0] + aa[4]*bb[4]
		s1 += aa[1]*bb[1] + aa[5]*bb[5]
		s2 += aa[2]*bb[2] + aa[6]*bb[6]
		s3 += aa[3]*bb[3] + aa[7]*bb[7]
	}
	for ; i < n; i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}
