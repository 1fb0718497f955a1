package synth

import "math/bits"

// rng is a small deterministic generator (SplitMix64, Steele, Lea and Flood,
// "Fast splittable pseudorandom number generators", OOPSLA 2014). Its
// output depends on nothing but its seed: not on the Go version, the
// platform or math/rand, so that a seed gives the same list everywhere.
type rng struct{ s uint64 }

// mix is the SplitMix64 finaliser.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// streams keep the draws of entries, positives and negatives apart.
const (
	streamEntry    = 0x656e747279 // "entry"
	streamPositive = 0x706f73     // "pos"
	streamNegative = 0x6e6567     // "neg"
	streamOrder    = 0x6f7264     // "ord"
)

// newRNG returns the generator of item i of a stream under a seed.
func newRNG(seed uint64, stream uint64, i uint64) *rng {
	return &rng{s: mix(mix(seed^0x9e3779b97f4a7c15) ^ mix(stream+0x632be59bd9b4e019) ^ (i * 0xd1b54a32d192ed03))}
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return mix(r.s)
}

// intn returns a uniform integer in [0, n), n > 0 (Lemire's method, unbiased).
func (r *rng) intn(n int) int {
	if n <= 1 {
		return 0
	}
	un := uint64(n)
	hi, lo := bits.Mul64(r.next(), un)
	if lo < un {
		t := -un % un
		for lo < t {
			hi, lo = bits.Mul64(r.next(), un)
		}
	}
	return int(hi)
}

// chance reports true with probability permille/1000.
func (r *rng) chance(permille int) bool { return r.intn(1000) < permille }

// between returns a uniform integer in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// choose picks an index by integer weights (not all zero).
func (r *rng) choose(weights ...int) int {
	t := 0
	for _, w := range weights {
		t += w
	}
	x := r.intn(t)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}
