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

// commonAlert is a name of the batch that draws a review or a hit: its
// best entry's line, its score, and whether that entry bears the very name
// (veryName).
type commonAlert struct {
	name, line string
	score      float64
	very       bool
}

// veryName reports whether the best name form of entry i is the query's
// very name up to spelling: every token of each side (names, connectors,
// initials) paired with one of the other's as the same token, a spelling
// variant, a typing variant or another transliteration system's spelling,
// at a similarity of oneTypo or more, and nothing left over on either side
// (order aside: lists write names in either order). A nickname, a compound,
// a name or a connector left out ("Ahmed Abdullah", "Abdoullah Ould
// Ahmed": son of Ahmed), or the consonants alone of a name read from
// Arabic script ("omar", امیر read "ameer", 0.82) is not the very name.
func veryName(m *Matcher, p *Prepared, i int) bool {
	_, qi, fj, _, _ := m.bestName(p, i, nil, 0)
	if qi < 0 {
		return false
	}
	var ex []pairing
	qf, tf := &p.forms[qi], &m.st.forms[fj]
	al := m.align(p, qf, tf, nil, nil, &ex)
	if al.whole {
		return false
	}
	ids := m.st.formTokens(tf)
	for _, pr := range ex {
		switch pr.how {
		case howSame, howSpelling, howTypo, howTranslit, howParticle:
		default:
			return false
		}
		if pr.j2 != -1 || pr.qi2 != -1 || tokenSim(&p.toks[qf.toks[pr.i]].token, &m.tt.toks[ids[pr.j]]) < oneTypo {
			return false
		}
	}
	return al.qm == 1<<len(qf.toks)-1 && al.tm == 1<<len(ids)-1
}

// commonNameAlerts screens every name of the batch against every entry of
// m (no index: the matcher's own bound, ScoreAbove, decides) and returns,
// for each name with an entry at the review threshold or above, its best
// entry and score, best first.
func commonNameAlerts(t testing.TB, m *Matcher, entries []*lists.Entry, names []string) []commonAlert {
	const review = 0.70 // screening's thresholds (README)
	var mu sync.Mutex
	var alerts []commonAlert
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
					very := veryName(m, p, at)
					mu.Lock()
					alerts = append(alerts, commonAlert{name, fmt.Sprintf("%.3f %q -> %s %q: %s", best, name, entries[at].ID, r.MatchedName, r.Features[0].Detail), best, very})
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
	sort.Slice(alerts, func(a, b int) bool {
		if alerts[a].score != alerts[b].score {
			return alerts[a].score > alerts[b].score
		}
		return alerts[a].name < alerts[b].name
	})
	return alerts
}

// commonNameShares logs the alerts and returns the share of the names that
// draw one, and the share whose best entry does not bear the very name.
func commonNameShares(t *testing.T, alerts []commonAlert, names int) (all, false float64) {
	nFalse := 0
	for _, a := range alerts {
		tag := "false alert"
		if a.very {
			tag = "the very name"
		} else {
			nFalse++
		}
		t.Logf("  alert (%s): %s", tag, a.line)
	}
	return float64(len(alerts)) / float64(names), float64(nFalse) / float64(names)
}

// TestCommonNamesUN screens the batch against the embedded UN list and holds
// the share of names that draw a review or a hit (names-v2 asks for 3%; 21%
// before it on the issue's own batch, 19.5% on this one). An alert whose
// entry bears the very name (veryName: Mohammad Ahmadi is UN:TAi.031) is
// counted all the same — a namesake is what a name alone cannot tell apart
// — and the share of the others is held too.
func TestCommonNamesUN(t *testing.T) {
	es := unEntries(t)
	names := commonNameQueries()
	require.Len(t, names, 200)
	alerts := commonNameAlerts(t, New(es), es, names)
	all, falseShare := commonNameShares(t, alerts, len(names))
	t.Logf("common names vs the UN list (%d entries): %d of %d draw a review or a hit (%.1f%%); %.1f%% not the list's very name",
		len(es), len(alerts), len(names), 100*all, 100*falseShare)
	// Measured: 3.0% (6 of 200; 1.5% not the very name); 5.5% before the
	// abjad, derived-name and common-key rules of 2026-12-02, 19.5% before
	// names-v2. docs/normalize.md says what is left.
	assert.LessOrEqual(t, all, 0.03)
	assert.LessOrEqual(t, falseShare, 0.015)
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
		if a.score >= 0.85 {
			hits++
		}
	}
	all, falseShare := commonNameShares(t, alerts, len(names))
	t.Logf("common names vs %d synthetic entries: %d of %d draw a review or a hit (%.1f%%; %.1f%% not an entry's very name), %d a hit",
		len(es), len(alerts), len(names), 100*all, 100*falseShare, hits)
}
