package matcher

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// osaDistance is the optimal-string-alignment distance of a and b over the
// whole dynamic programme: the reference editDistance's band must agree
// with.
func osaDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestEditDistanceBand(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		// Few letters, so that close strings are common.
		b := make([]byte, r.IntN(maxFast+1))
		for i := range b {
			b[i] = "abcde"[r.IntN(5)]
		}
		return string(b)
	}
	edit := func(s string) string {
		b := []byte(s)
		for range r.IntN(6) {
			switch k := r.IntN(len(b) + 1); {
			case len(b) >= maxFast || r.IntN(3) == 0 && k < len(b):
				b = append(b[:k], b[min(k+1, len(b)):]...)
			case r.IntN(2) == 0 && k+1 < len(b):
				b[k], b[k+1] = b[k+1], b[k]
			default:
				b = append(b[:k], append([]byte{"abcde"[r.IntN(5)]}, b[k:]...)...)
			}
		}
		return string(b)
	}
	for n := 0; n < 20000; n++ {
		a := word()
		b := edit(a)
		if n%4 == 0 {
			b = word()
		}
		if len(b) > maxFast {
			b = b[:maxFast]
		}
		want := osaDistance(a, b)
		for _, limit := range []int{0, 1, 2, 3, 5, 16, 64, 100} {
			got := editDistance(a, b, limit)
			if want <= limit {
				require.Equal(t, want, got, "%q %q limit %d", a, b, limit)
			} else {
				require.Equal(t, limit+1, got, "%q %q limit %d", a, b, limit)
			}
		}
	}
}
