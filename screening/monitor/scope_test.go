package monitor

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
)

// TestScopeCode holds the links' byte-sized scope to scope.excludes, for
// every kind of query and entry, with and without sources.
func TestScopeCode(t *testing.T) {
	kinds := []lists.Kind{"", lists.KindPerson, lists.KindOrganisation, lists.KindVessel, lists.KindAircraft, "other"}
	queries := []raqib.Query{{Name: "a"}, {Name: "a", BirthDate: "1970"}, {Name: "a", Gender: "f"}}
	for _, k := range kinds {
		queries = append(queries, raqib.Query{Name: "a", Kind: k}, raqib.Query{Name: "a", Kind: k, Lists: []string{"UN"}})
	}
	for _, q := range queries {
		sc := scopeOf(&q)
		for _, ek := range kinds {
			for _, src := range []string{"UN", "OFAC"} {
				e := &lists.Entry{Kind: ek, Source: src}
				want := sc.excludes(e)
				full := false
				got := sc.code().excludes(entryKindCode(ek), func() bool { full = true; return sc.excludes(e) })
				assert.Equal(t, want, got, "query kind %q lists %v, entry kind %q source %s", q.Kind, q.Lists, ek, src)
				assert.Equal(t, sc.sources != nil, full, "only a scope with sources is asked in full")
			}
		}
	}
}
