package screening

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRadixSortJoined(t *testing.T) {
	for _, n := range []int{0, 10, 5000, 70000} {
		r := rand.New(rand.NewPCG(1, uint64(n)))
		js := make([]joinedEntry, n)
		for i := range js {
			js[i] = joinedEntry{h: r.Uint32() % 5000, entry: int32(i)}
		}
		want := slices.Clone(js)
		slices.SortStableFunc(want, func(a, b joinedEntry) int { return cmp.Compare(a.h, b.h) })
		assert.Equal(t, want, radixSortJoined(js), "n=%d", n)
	}
}

func TestWithinOneEdit(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"pekarov", "pekarow", true}, {"murod", "mourod", true}, {"faiz", "afiz", true},
		{"same", "same", true}, {"abcde", "abxdf", false}, {"zawahiri", "zawahri", true}, {"ab", "abcd", false},
	} {
		assert.Equal(t, tc.want, withinOneEdit(tc.a, tc.b), "%s %s", tc.a, tc.b)
		assert.Equal(t, tc.want, withinOneEdit(tc.b, tc.a), "%s %s", tc.b, tc.a)
	}
}
