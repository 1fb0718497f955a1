package matcher

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/internal/synth"
	"github.com/raqib/raqib/lists"
)

// The name-only false-alert benchmark: the commonest given names and
// family names of ten naming cultures, each given name with each family
// name (the feminine form where the culture has one), screened by name
// alone — no birth date, nationality or gender — against every entry of a
// list. Such a traveller shares a name with many people; a review or a hit
// on the name alone is a false alert unless the list holds that very name.
// The names are the public frequency facts of each country (national
// statistics offices' and civil registries' rankings of given names and
// surnames, as the synthetic lists' tables cite them), five given names
// and four family names each: 200 names.
var commonNames = []struct {
	culture string
	given   []string
	family  []string
	// feminine, when set, is the family names' feminine forms, for the
	// given names marked with a trailing "*".
	feminine []string
}{
	{"arabic", []string{"Mohammed", "Ahmed", "Ali", "Omar", "Fatima*"}, []string{"Hassan", "Ibrahim", "Mahmoud", "Abdullah"}, nil},
	{"persian", []string{"Mohammad", "Ali", "Reza", "Fatemeh*", "Zahra*"}, []string{"Mohammadi", "Hosseini", "Ahmadi", "Rezaei"}, nil},
	{"south-asian", []string{"Rahul", "Amit", "Priya*", "Sunita*", "Muhammad"}, []string{"Kumar", "Sharma", "Singh", "Khan"}, nil},
	{"turkish", []string{"Mehmet", "Mustafa", "Ahmet", "Ayşe*", "Fatma*"}, []string{"Yılmaz", "Kaya", "Demir", "Şahin"}, nil},
	{"russian", []string{"Aleksandr", "Sergei", "Dmitry", "Elena*", "Olga*"}, []string{"Ivanov", "Smirnov", "Kuznetsov", "Popov"},
		[]string{"Ivanova", "Smirnova", "Kuznetsova", "Popova"}},
	{"english", []string{"James", "John", "Michael", "Mary*", "Sarah*"}, []string{"Smith", "Johnson", "Williams", "Brown"}, nil},
	{"spanish", []string{"José", "Juan", "Luis", "María*", "Carmen*"}, []string{"García", "Rodríguez", "González", "Fernández"}, nil},
	{"french-german", []string{"Thomas", "Pierre", "Michel", "Marie*", "Anna*"}, []string{"Müller", "Schmidt", "Martin", "Bernard"}, nil},
	{"chinese", []string{"Wei", "Fang", "Min", "Jing", "Lei"}, []string{"Wang", "Li", "Zhang", "Liu"}, nil},
	{"korean", []string{"Min-jun", "Ji-hoon", "Hyun-woo", "Seo-yeon*", "Ji-woo*"}, []string{"Kim", "Lee", "Park", "Choi"}, nil},
}

// commonNameQueries returns the batch, family name first for Chinese and
// Korean names as they are written at home.
func commonNameQueries() []string {
	var out []string
	for _, c := range commonNames {
		for _, g := range c.given {
			fem := g[len(g)-1] == '*'
			if fem {
				g = g[:len(g)-1]
			}
			for k, f := range c.family {
				if fem && c.feminine != nil {
					f = c.feminine[k]
				}
				if c.culture == "chinese" || c.culture == "korean" {
					out = append(out, f+" "+g)
				} else {
					out = append(out, g+" "+f)
				}
			}
		}
	}
	return out
}

// commonNameAlerts screens every name of the batch against every entry of
// m (no index: the matcher's own bound, ScoreAbove, decides) and returns,
// for each name with an entry at the review threshold or above, its best
// entry and score.
func commonNameAlerts(t testing.TB, m *Matcher, entries []*lists.Entry, names []string) []string {
	const review = 0.70 // screening's thresholds (README)
	type alert struct {
		name, line string
		score      float64
	}
	var mu sync.Mutex
	var alerts []alert
	var wg sync.WaitGroup
	work := make(chan string)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range work {
				p, err := m.Prepare(raqib.Query{Name: name})
				if err != nil {
					continue
				}
				best, at := 0.0, -1
				for i := range entries {
					if s, ok := m.ScoreAbove(p, i, review); ok && s > best {
						best, at = s, i
					}
				}
				if at >= 0 {
					r := m.Compare(p, at, entries[at])
					mu.Lock()
					alerts = append(alerts, alert{name, fmt.Sprintf("%.3f %q -> %s %q: %s", best, name, entries[at].ID, r.MatchedName, r.Features[0].Detail), best})
					mu.Unlock()
				}
				p.Release()
			}
		}()
	}
	for _, n := range names {
		work <- n
	}
	close(work)
	wg.Wait()
	sort.Slice(alerts, func(a, b int) bool { return alerts[a].score > alerts[b].score })
	out := make([]string, len(alerts))
	for i, a := range alerts {
		out[i] = a.line
	}
	return out
}

// TestCommonNamesUN screens the batch against the embedded UN list and holds
// the share of names that draw a review or a hit (names-v2 asks for 3%; 21%
// before it on the issue's own batch, 19.5% on this one).
func TestCommonNamesUN(t *testing.T) {
	es := unEntries(t)
	names := commonNameQueries()
	require.Len(t, names, 200)
	alerts := commonNameAlerts(t, New(es), es, names)
	for _, a := range alerts {
		t.Log("  alert:", a)
	}
	share := float64(len(alerts)) / float64(len(names))
	t.Logf("common names vs the UN list (%d entries): %d of %d draw a review or a hit (%.1f%%)", len(es), len(alerts), len(names), 100*share)
	// Measured: 8.5% (17 of 200; 19.5% before names-v2, on this batch). The
	// issue asks for 3%: docs/normalize.md says what is left.
	assert.LessOrEqual(t, share, 0.10)
}

// TestCommonNamesSynthetic screens the batch against the synthetic list of
// 100,000 people (internal/synth, seed 1; docs/scale.md), whose names are
// drawn from the same frequency facts: there the commonest names have
// namesakes on the list, so an alert is often a true namesake, and the
// figure is reported, not held. RAQIB_EVAL=1; RAQIB_SYNTH_N sets the size.
func TestCommonNamesSynthetic(t *testing.T) {
	if os.Getenv("RAQIB_EVAL") == "" {
		t.Skip("RAQIB_EVAL=1 screens the common names against 100,000 synthetic entries")
	}
	n := 100000
	if s := os.Getenv("RAQIB_SYNTH_N"); s != "" {
		fmt.Sscan(s, &n)
	}
	var es []*lists.Entry
	require.NoError(t, synth.Entries(context.Background(), 1, n, func(e *lists.Entry) error {
		c := *e
		es = append(es, &c)
		return nil
	}))
	names := commonNameQueries()
	alerts := commonNameAlerts(t, New(es), es, names)
	hits := 0
	for _, a := range alerts {
		var s float64
		fmt.Sscan(a, &s)
		if s >= 0.85 {
			hits++
		}
		t.Log("  alert:", a)
	}
	t.Logf("common names vs %d synthetic entries: %d of %d draw a review or a hit (%.1f%%), %d a hit",
		len(es), len(alerts), len(names), 100*float64(len(alerts))/float64(len(names)), hits)
}
