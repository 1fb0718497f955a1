package matcher

import (
	"math/rand/v2"
	"testing"

	"github.com/antzucaro/matchr"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/normalize"
)

// jaroWinklerRef is jaroWinkler as it was before it kept its matches in
// bits: the reference the faster one must equal, bit for bit.
func jaroWinklerRef(a, b string) float64 {
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return 0
	}
	if la > maxFast || lb > maxFast || !ascii(a) || !ascii(b) {
		return matchr.JaroWinkler(a, b, false)
	}
	window := max(la, lb)/2 - 1
	if window < 0 {
		window = 0
	}
	var ma, mb [maxFast]bool
	m := 0
	for i := 0; i < la; i++ {
		lo, hi := max(0, i-window), min(lb-1, i+window)
		for j := lo; j <= hi; j++ {
			if !mb[j] && a[i] == b[j] {
				ma[i], mb[j] = true, true
				m++
				break
			}
		}
	}
	if m == 0 {
		return 0
	}
	t, k := 0, 0
	for i := 0; i < la; i++ {
		if !ma[i] {
			continue
		}
		for !mb[k] {
			k++
		}
		if a[i] != b[k] {
			t++
		}
		k++
	}
	fm := float64(m)
	jaro := (fm/float64(la) + fm/float64(lb) + (fm-float64(t/2))/fm) / 3
	if jaro <= 0.7 {
		return jaro
	}
	p := 0
	for p < 4 && p < la && p < lb && a[p] == b[p] && (a[p] < '0' || a[p] > '9') {
		p++
	}
	return jaro + float64(p)*0.1*(1-jaro)
}

func TestJaroWinklerBits(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	// Letters and the digits that share their slots (p-y), and the
	// lengths of every window.
	const alphabet = "aeimnprsuy0123456789"
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	for n := 0; n < 100000; n++ {
		a, b := word(r.IntN(maxFast+1)), word(r.IntN(maxFast+1))
		if n%2 == 0 {
			a, b = word(r.IntN(12)), word(r.IntN(12))
		}
		require.Equal(t, jaroWinklerRef(a, b), jaroWinkler(a, b), "%q %q", a, b)
	}
	for _, p := range metricPairs {
		require.Equal(t, jaroWinklerRef(p[0], p[1]), jaroWinkler(p[0], p[1]), "%q %q", p[0], p[1])
	}
}

// fewEdits says what the dynamic programme says, from letters in common or
// without them.
func TestFewEdits(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 50000; n++ {
		a := make([]byte, 1+r.IntN(14))
		for i := range a {
			a[i] = "abdehlmnrs"[r.IntN(10)]
		}
		b := []byte(string(a))
		for range r.IntN(5) {
			b[r.IntN(len(b))] = "abdehlmnrs"[r.IntN(10)]
		}
		if r.IntN(3) == 0 {
			b = b[:1+r.IntN(len(b))]
		}
		ca, cb := countLetters(string(a)), countLetters(string(b))
		for limit := 0; limit <= 4; limit++ {
			want := normalize.EditDistance(string(a), string(b), limit) <= limit
			require.Equal(t, want, fewEdits(string(a), string(b), ca.common(&cb), limit), "%q %q %d", a, b, limit)
		}
	}
}
