package monitor

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/internal/synth"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
)

// The data of the tests: the UN lists of 2020-11-30 and 2025-11-20 in the
// repository, 2026-05-08 embedded (and in ../shared), the OpenSanctions
// sample and its real delta files; parties drawn from the yente UN
// positives (real listed people, as queries present them), synthetic people
// on no list (internal/synth) and the names of the entries that change.

const (
	testdataLists = "../../testdata/lists"
	yenteDir      = "../../testdata/eval/yente-candidates"
)

func fullEval() bool { return os.Getenv("RAQIB_EVAL") == "1" }

var (
	listCache   = map[string]*lists.List{}
	listCacheMu sync.Mutex
)

// loadList loads a list once per test binary ("" is the embedded UN list).
func loadList(t testing.TB, path string) *lists.List {
	t.Helper()
	listCacheMu.Lock()
	defer listCacheMu.Unlock()
	if l, ok := listCache[path]; ok {
		return l
	}
	var l *lists.List
	var err error
	if path == "" {
		l, err = lists.Default()
	} else {
		l, err = lists.Load(path)
	}
	require.NoError(t, err, path)
	listCache[path] = l
	return l
}

func unList(t testing.TB, date string) *lists.List {
	if date == "2026-05-08" {
		return loadList(t, "")
	}
	return loadList(t, filepath.Join(testdataLists, "un-consolidated-"+date+".xml"))
}

// yenteParties returns every step-th row of the yente UN positives (the
// untreated and the treated), as parties restricted to source.
func yenteParties(t testing.TB, step int, source string) []Party {
	t.Helper()
	var out []Party
	for _, name := range []string{"positives_un_untreated.csv", "positives_un_treated.csv"} {
		f, err := os.Open(filepath.Join(yenteDir, name))
		require.NoError(t, err)
		r := csv.NewReader(f)
		r.FieldsPerRecord = 8
		recs, err := r.ReadAll()
		f.Close()
		require.NoError(t, err)
		for i, rec := range recs[1:] {
			if i%step != 0 {
				continue
			}
			q := raqib.Query{Name: rec[0], BirthDate: rec[5], Nationality: rec[7]}
			if source != "" {
				q.Lists = []string{source}
			}
			out = append(out, Party{ID: fmt.Sprintf("%s-%d", name[13:16], i), Query: q})
		}
	}
	return out
}

// updateParties returns the parties the tests of a real update register:
// every third yente UN positive and n synthetic people on no list, or,
// under the race detector (which slows indexing about tenfold), every
// twelfth and n/5.
func updateParties(t testing.TB, n int) []Party {
	t.Helper()
	step := 3
	if raceEnabled {
		step, n = 12, n/5
	}
	return append(yenteParties(t, step, ""), synthParties(t, n, "")...)
}

// synthParties returns n synthetic people on no list (seed 11).
func synthParties(t testing.TB, n int, source string) []Party {
	t.Helper()
	qs, err := synth.Queries(11, 1000, synth.WithPositives(0), synth.WithNegatives(n))
	require.NoError(t, err)
	out := make([]Party, len(qs))
	for i := range qs {
		q := qs[i].Query
		q.ID = ""
		if source != "" {
			q.Lists = []string{source}
		}
		out[i] = Party{ID: fmt.Sprintf("syn-%06d", i), Query: q}
	}
	return out
}

// deltaParties returns parties named like the entries that d adds, removes
// and changes: their primary names as written and with a typo, and a party
// with a document of theirs, so that an update raises, changes and
// retracts alerts.
func deltaParties(d lists.Delta, source string) []Party {
	var es []lists.Entry
	es = append(es, d.Added...)
	es = append(es, d.Removed...)
	for _, c := range d.Changed {
		if scoredChange(c.Fields) {
			es = append(es, *c.New)
		}
	}
	var out []Party
	for i, e := range es {
		if len(e.Names) == 0 {
			continue
		}
		name := e.Names[0].Full
		q := raqib.Query{Name: name}
		if len(e.BirthDates) > 0 {
			q.BirthDate = e.BirthDates[0].From
		}
		if source != "" {
			q.Lists = []string{source}
		}
		out = append(out, Party{ID: fmt.Sprintf("delta-%d-a", i), Query: q})
		if r := []rune(name); len(r) > 6 {
			r[len(r)/2], r[len(r)/2+1] = r[len(r)/2+1], r[len(r)/2]
			q2 := raqib.Query{Name: string(r), Lists: q.Lists}
			out = append(out, Party{ID: fmt.Sprintf("delta-%d-b", i), Query: q2})
		}
		for _, doc := range e.Documents {
			if doc.Number != "" {
				q3 := raqib.Query{Documents: []raqib.Document{{Number: doc.Number}}, Lists: q.Lists}
				out = append(out, Party{ID: fmt.Sprintf("delta-%d-d", i), Query: q3})
				break
			}
		}
	}
	return out
}

// ghostLists returns lists before and after an update from old to new (one
// source) whose token weights are the same: before holds old and, as a list
// "GHOST" that no party screens, the entries new has and old has not (added,
// and changed as they are now); after holds new and, as GHOST, the entries
// old had (removed, and changed as they were). Both hold the same entries,
// so every count, weight and dictionary of the two snapshots is the same —
// what Update.Reweighed = false promises — and the update of the source's
// entries is the change to follow.
func ghostLists(old, new *lists.List) (before, after []*lists.List, d lists.Delta) {
	d = lists.Diff(old, new)
	ghost := func(version string, es ...[]lists.Entry) *lists.List {
		l := &lists.List{Source: "GHOST", Version: version}
		// One entry in both, so that neither ghost list is empty.
		l.Entries = append(l.Entries, lists.Entry{ID: "GHOST:filler", Source: "GHOST", Ref: "filler", Kind: lists.KindPerson,
			Names: []lists.Name{{Full: "Qqzx Vvyj", Quality: lists.NamePrimary}}})
		for _, set := range es {
			for _, e := range set {
				e.ID, e.Ref, e.Source = "GHOST:"+e.ID, e.ID, "GHOST"
				l.Entries = append(l.Entries, e)
			}
		}
		return l
	}
	var newer, older []lists.Entry
	newer = append(newer, d.Added...)
	older = append(older, d.Removed...)
	for _, c := range d.Changed {
		newer = append(newer, *c.New)
		older = append(older, *c.Old)
	}
	return []*lists.List{old, ghost("before", newer)}, []*lists.List{new, ghost("after", older)}, d
}

// scored is an alert as a comparison sees it.
type scored struct {
	Decision raqib.Decision
	Score    float64
}

// truth screens every party on s, as a full re-screen does, and returns
// their alerts (party -> entry -> decision and rounded score) and the
// parties that could not be screened.
func truth(t testing.TB, s *screening.Screener, ps []Party) (map[string]map[string]scored, map[string]bool) {
	t.Helper()
	qs := make([]raqib.Query, len(ps))
	for i := range ps {
		qs[i] = ps[i].Query
	}
	res, err := s.ScreenBatch(context.Background(), qs)
	require.NoError(t, err)
	out := map[string]map[string]scored{}
	failed := map[string]bool{}
	for i, r := range res {
		if r.Err != nil {
			failed[ps[i].ID] = true
			continue
		}
		for _, m := range r.Result.Matches {
			if m.Decision == raqib.Hit || m.Decision == raqib.Review {
				if out[ps[i].ID] == nil {
					out[ps[i].ID] = map[string]scored{}
				}
				out[ps[i].ID][m.EntryID] = scored{m.Decision, raqib.Round(m.Score)}
			}
		}
	}
	return out, failed
}

// alertsOf returns m's open alerts as truth does.
func alertsOf(m *Monitor) map[string]map[string]scored {
	out := map[string]map[string]scored{}
	for _, a := range m.Alerts() {
		if out[a.Party] == nil {
			out[a.Party] = map[string]scored{}
		}
		out[a.Party][a.Entry] = scored{a.Decision, a.Score}
	}
	return out
}

// diffAlerts describes how got differs from want, party by party (at most
// 20 lines), "" when they are equal.
func diffAlerts(want, got map[string]map[string]scored) string {
	var lines []string
	ids := map[string]bool{}
	for id := range want {
		ids[id] = true
	}
	for id := range got {
		ids[id] = true
	}
	for _, id := range sortedKeys(ids) {
		w, g := want[id], got[id]
		for _, e := range sortedKeys(w) {
			if gv, ok := g[e]; !ok || gv != w[e] {
				lines = append(lines, fmt.Sprintf("%s %s: want %v, got %v (present %v)", id, e, w[e], gv, ok))
			}
		}
		for _, e := range sortedKeys(g) {
			if _, ok := w[e]; !ok {
				lines = append(lines, fmt.Sprintf("%s %s: want none, got %v", id, e, g[e]))
			}
		}
	}
	sort.Strings(lines)
	if len(lines) > 20 {
		lines = append(lines[:20], fmt.Sprintf("... %d more", len(lines)-20))
	}
	out := ""
	for _, l := range lines {
		out += l + "\n"
	}
	return out
}

func countAlerts(a map[string]map[string]scored) int {
	n := 0
	for _, m := range a {
		n += len(m)
	}
	return n
}

// followUNUpdate returns a Screener serving the UN list of 2025-11-20 and a
// Monitor following it, with that list and the next one (2026-05-08); under
// -race, only the Al-Qaida list's individuals of each version. Both close
// when the test ends.
func followUNUpdate(t *testing.T) (*screening.Screener, *Monitor, *lists.List, *lists.List) {
	t.Helper()
	ctx := context.Background()
	old, next := unList(t, "2025-11-20"), unList(t, "2026-05-08")
	if raceEnabled {
		old, next = regime(old, "QDi."), regime(next, "QDi.")
	}
	s, err := screening.New(ctx, screening.WithLists(old))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	m, err := New(ctx, s, WithLists(old))
	require.NoError(t, err)
	t.Cleanup(func() { m.Close() })
	return s, m, old, next
}

// newVersions returns how many new entry versions an update of delta d
// scores, the first of rescreenDelta's versions: the entries added and the
// new version of each entry changed in a field screening reads.
func newVersions(d *lists.Delta) int {
	n := len(d.Added)
	for _, c := range d.Changed {
		if scoredChange(c.Fields) {
			n++
		}
	}
	return n
}
