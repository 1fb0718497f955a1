package matcher

import (
	"testing"

	"github.com/antzucaro/matchr"
	"github.com/stretchr/testify/assert"

	"github.com/raqib/raqib/normalize"
)

// Spelling pairs from the UN list and the yente sets, and some edge cases.
var metricPairs = [][2]string{
	{"mohammed", "muhammad"}, {"husayn", "hussein"}, {"houcein", "husayn"}, {"zawahiri", "zawahri"},
	{"attiqullah", "attiiqullah"}, {"gasmi", "gassmi"}, {"abdul", "abudl"}, {"taha", "taah"},
	{"sok", "sko"}, {"faiz", "afiz"}, {"laurentnkunda", "laurentnkunda"}, {"williams", "willi"},
	{"a", "a"}, {"a", "b"}, {"ab", "ba"}, {"", "x"}, {"martha", "marhta"}, {"dwayne", "duane"},
	{"dixon", "dicksonx"}, {"abdarrahmane", "abdalrahman"}, {"kadhafi", "qadhafi"},
}

func TestJaroWinklerAgreesWithMatchr(t *testing.T) {
	for _, p := range metricPairs {
		assert.InDelta(t, matchr.JaroWinkler(p[0], p[1], false), jaroWinkler(p[0], p[1]), 1e-9, "%q %q", p[0], p[1])
	}
}

func TestEditDistanceAgreesWithMatchr(t *testing.T) {
	for _, p := range metricPairs {
		want := matchr.DamerauLevenshtein(p[0], p[1])
		for limit := 0; limit <= 2; limit++ {
			got := normalize.EditDistance(p[0], p[1], limit)
			if want <= limit {
				assert.Equal(t, want, got, "%q %q limit %d", p[0], p[1], limit)
			} else {
				assert.Equal(t, limit+1, got, "%q %q limit %d", p[0], p[1], limit)
			}
		}
	}
}

func FuzzMetrics(f *testing.F) {
	for _, p := range metricPairs {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		// The metrics compare name tokens (a query's names are bounded by
		// raqib.MaxNameRunes); the quadratic reference implementations on
		// inputs of megabytes only make the fuzzer's workers miss its
		// deadline.
		if len(a)+len(b) > 4096 {
			t.Skip()
		}
		jw := jaroWinkler(a, b)
		if jw < 0 || jw > 1+1e-9 {
			t.Fatalf("jaroWinkler(%q, %q) = %v", a, b, jw)
		}
		if ascii(a) && ascii(b) {
			if m := matchr.JaroWinkler(a, b, false); len(a) <= maxFast && len(b) <= maxFast && (m-jw > 1e-9 || jw-m > 1e-9) {
				t.Fatalf("jaroWinkler(%q, %q) = %v, matchr %v", a, b, jw, m)
			}
			// Within one edit, optimal string alignment and Damerau-Levenshtein agree.
			if d, m := normalize.EditDistance(a, b, 1), matchr.DamerauLevenshtein(a, b); min(m, 2) != d {
				t.Fatalf("normalize.EditDistance(%q, %q, 1) = %d, Damerau-Levenshtein %d", a, b, d, m)
			}
		}
	})
}
