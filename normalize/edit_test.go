package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
