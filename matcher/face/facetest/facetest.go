// Package facetest makes synthetic face embeddings for tests and
// evaluations: each identity is a unit centroid, each "photo" of it the
// centroid plus Gaussian noise, normalised. With the default noise,
// genuine pairs of 512-d vectors have cosines around 0.55–0.8 and impostor
// pairs around 0.03 ± 0.05, the shape of a modern face model's
// distributions. Everything is deterministic for a seed (PCG).
package facetest

import (
	"math"
	"math/rand/v2"
)

// Model is the model ID of the vectors made here.
const Model = "facetest-512"

// Generator makes synthetic embeddings. It is not safe for concurrent use.
type Generator struct {
	rng    *rand.Rand
	dim    int
	common []float32 // a direction every face shares a little of
	// Noise is the norm range of the per-photo noise vector; New sets
	// [0.55, 0.85].
	NoiseMin, NoiseMax float64
}

// New returns a Generator of dim-dimensional vectors seeded with seed.
func New(seed uint64, dim int) *Generator {
	g := &Generator{rng: rand.New(rand.NewPCG(seed, 0xface)), dim: dim, NoiseMin: 0.55, NoiseMax: 0.85}
	g.common = g.gauss(1)
	return g
}

// gauss returns a random vector with norm about scale.
func (g *Generator) gauss(scale float64) []float32 {
	v := make([]float32, g.dim)
	s := scale / math.Sqrt(float64(g.dim))
	for i := range v {
		v[i] = float32(g.rng.NormFloat64() * s)
	}
	return v
}

// Identity returns a new identity centroid (unit norm).
func (g *Generator) Identity() []float32 {
	v := g.gauss(1)
	for i := range v {
		v[i] += 0.2 * g.common[i]
	}
	return unit(v)
}

// Sample returns one noisy, normalised embedding of identity id.
func (g *Generator) Sample(id []float32) []float32 {
	noise := g.gauss(g.NoiseMin + g.rng.Float64()*(g.NoiseMax-g.NoiseMin))
	for i := range noise {
		noise[i] += id[i]
	}
	return unit(noise)
}

func unit(v []float32) []float32 {
	var ss float64
	for _, x := range v {
		ss += float64(x) * float64(x)
	}
	inv := 1 / math.Sqrt(ss)
	for i := range v {
		v[i] = float32(float64(v[i]) * inv)
	}
	return v
}
