package normalize

import (
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOneEditApart(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"pekarov", "pekarow", true}, {"murod", "mourod", true}, {"faiz", "afiz", true},
		{"same", "same", true}, {"abcde", "abxdf", false}, {"zawahiri", "zawahri", true}, {"ab", "abcd", false},
		{"", "a", true}, {"", "", true}, {"ab", "ba", true}, {"abc", "cab", false},
	} {
		assert.Equal(t, tc.want, OneEditApart(tc.a, tc.b), "%s %s", tc.a, tc.b)
		assert.Equal(t, tc.want, OneEditApart(tc.b, tc.a), "%s %s", tc.b, tc.a)
	}
}

// osaDistance is the optimal-string-alignment distance of a and b over the
// whole dynamic programme: the reference EditDistance's band and
// WithinEdits must agree with.
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
			got := EditDistance(a, b, limit)
			if want <= limit {
				require.Equal(t, want, got, "%q %q limit %d", a, b, limit)
			} else {
				require.Equal(t, limit+1, got, "%q %q limit %d", a, b, limit)
			}
		}
	}
}

func TestWithinEdits(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		k    int
		want bool
	}{
		{"ergashwc", "ergashev", 2, true}, // two substitutions
		{"ergashwc", "ergashev", 1, false},
		{"vjizy", "vijay", 2, true},    // a swap and a substitution
		{"ceervo", "ceferov", 2, true}, // an insertion and a swap
		{"femg", "feng", 1, true},      // one substitution
		{"mye", "meyer", 2, true},      // two insertions
		{"aned", "anas", 1, false},     // two substitutions
		{"muhammad", "mohammed", 2, true},
		{"smith", "jones", 3, false},
		{"", "ab", 2, true},
		{"", "abc", 2, false},
		{"abc", "abc", 0, true},
	} {
		assert.Equal(t, tc.want, WithinEdits(tc.a, tc.b, tc.k), "%q %q %d", tc.a, tc.b, tc.k)
		assert.Equal(t, tc.want, WithinEdits(tc.b, tc.a, tc.k), "%q %q %d", tc.b, tc.a, tc.k)
	}
	// Against the full computation, on random words of a small alphabet
	// (so that near words are common).
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, rng.IntN(10))
		for i := range b {
			b[i] = "abcd"[rng.IntN(4)]
		}
		return string(b)
	}
	for range 20000 {
		a, b, k := word(), word(), rng.IntN(4)
		require.Equal(t, osaDistance(a, b) <= k, WithinEdits(a, b, k), "%q %q %d", a, b, k)
	}
}

func TestLetterSet(t *testing.T) {
	assert.Equal(t, uint32(1<<0|1<<1|1<<2), LetterSet("cabbage"[:4]))
	assert.Equal(t, uint32(1<<26|1<<0), LetterSet("a-a"))
	// Words k edits apart differ by at most k letters each way.
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		b := make([]byte, 1+rng.IntN(9))
		for i := range b {
			b[i] = "abcdefg"[rng.IntN(7)]
		}
		c := []byte(string(b))
		for range 1 + rng.IntN(2) {
			c[rng.IntN(len(c))] = "abcdefg"[rng.IntN(7)]
		}
		a, s := LetterSet(string(b)), LetterSet(string(c))
		require.LessOrEqual(t, bits.OnesCount32(a&^s), 2, "%s %s", b, c)
		require.LessOrEqual(t, bits.OnesCount32(s&^a), 2, "%s %s", b, c)
	}
}
