package matcher

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/internal/synth"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
)

// boundQueries returns real listed people as yente's queries present them
// (every step-th row of its UN positives, the treated ones: typos,
// reordered names) and synthetic people on no list.
func boundQueries(t *testing.T, step, synthetic int) []raqib.Query {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "eval", "yente-candidates", "positives_un_treated.csv"))
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	var qs []raqib.Query
	for i, rec := range recs[1:] {
		if i%step == 0 {
			qs = append(qs, raqib.Query{Name: rec[0], BirthDate: rec[5], Gender: rec[4], Nationality: rec[7]})
		}
	}
	sq, err := synth.Queries(11, 1000, synth.WithPositives(0), synth.WithNegatives(synthetic))
	require.NoError(t, err)
	for _, q := range sq {
		qs = append(qs, q.Query)
	}
	return qs
}

// TestBoundScoreAbove holds Bound.Prepare and Bound.ScoreAbove to
// Matcher.Prepare and Matcher.ScoreAbove on the real UN list: the same
// Prepared for every query, and for every pair of a query and an entry and
// every floor the same score and the same answer, with one Bound shared by
// all the queries (so that a token prepared, and a row of similarities
// computed, for one query's token serve the next query with that token);
// and a pair that Below rules out is never one that ScoreAbove keeps.
func TestBoundScoreAbove(t *testing.T) {
	es := unEntries(t)
	m := New(es)
	qs := boundQueries(t, 12, 60)
	// Every tenth entry, in turn by query (every entry meets a tenth of
	// the queries): seconds under the race detector.
	const step = 10
	bd := m.NewBound()
	var kept, ruledOut, compared int
	for _, floor := range []float64{0, 0.5, 0.65, 0.85} {
		for qi, q := range qs {
			p, err := m.Prepare(q)
			require.NoError(t, err)
			// The Bound's Prepare: the same Prepared, its tokens maybe
			// prepared for an earlier query.
			pb, err := bd.Prepare(q)
			require.NoError(t, err)
			require.Equal(t, p, pb, "query %d (%q)", qi, q.Name)
			for i := qi % step; i < m.Len(); i += step {
				want, wantOK := m.ScoreAbove(p, i, floor)
				below := bd.Below(pb, i, floor)
				got, gotOK := bd.ScoreAbove(pb, i, floor)
				require.Equal(t, wantOK, gotOK, "query %d (%q), entry %s, floor %v", qi, q.Name, es[i].ID, floor)
				if wantOK {
					require.Equal(t, want, got, "query %d (%q), entry %s, floor %v", qi, q.Name, es[i].ID, floor)
					require.False(t, below, "query %d, entry %s: ruled out but scores %v >= %v", qi, es[i].ID, want, floor)
					kept++
				} else if below {
					ruledOut++
				}
				compared++
			}
			p.Release()
			pb.Release()
		}
	}
	t.Logf("%d pairs: %d kept, %d ruled out by the bound", compared, kept, ruledOut)
	assert.Positive(t, kept)
	assert.Positive(t, ruledOut)
}

// TestBoundFallsBack: the pairs the bound does not apply to (a query with
// a face, a query without a name) are scored as Matcher.ScoreAbove scores
// them.
func TestBoundFallsBack(t *testing.T) {
	ents := testEntries()
	es := []*lists.Entry{&ents[0], &ents[1], &ents[2]}
	m := New(es)
	bd := m.NewBound()
	for _, tc := range []struct {
		name string
		q    raqib.Query
	}{
		{"a document, no name", raqib.Query{Documents: []raqib.Document{{Type: "passport", Number: "1084010", Country: "EG"}}}},
		{"a name", raqib.Query{Name: "Ayman al-Zawahiri", BirthDate: "1951-06-19"}},
		{"a name of frequent tokens", raqib.Query{Name: "Mohammed Abdullah Saleh"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := m.Prepare(tc.q)
			require.NoError(t, err)
			defer p.Release()
			for i := range es {
				for _, floor := range []float64{-1, 0, 0.65} {
					want, wantOK := m.ScoreAbove(p, i, floor)
					got, gotOK := bd.ScoreAbove(p, i, floor)
					assert.Equal(t, wantOK, gotOK, "entry %d, floor %v", i, floor)
					if wantOK {
						assert.Equal(t, want, got, "entry %d, floor %v", i, floor)
					}
				}
			}
		})
	}
}

// BenchmarkBound compares preparing and scoring synthetic people against a
// few entries with a Matcher, query by query, and with one Bound shared by
// all of them, as the monitor does after a list update (2,000 queries
// against every 16th entry of the UN list, floor 0.65).
//
//	go test -run '^$' -bench BenchmarkBound -benchtime 3x ./matcher
func BenchmarkBound(b *testing.B) {
	es := unEntries(b)
	m := New(es)
	sq, err := synth.Queries(11, 1000, synth.WithPositives(0), synth.WithNegatives(2000))
	require.NoError(b, err)
	const floor = 0.65
	b.Run("matcher", func(b *testing.B) {
		for range b.N {
			for _, q := range sq {
				p, err := m.Prepare(q.Query)
				require.NoError(b, err)
				for i := 0; i < m.Len(); i += 16 {
					m.ScoreAbove(p, i, floor)
				}
				p.Release()
			}
		}
	})
	b.Run("bound", func(b *testing.B) {
		for range b.N {
			bd := m.NewBound()
			for _, q := range sq {
				p, err := bd.Prepare(q.Query)
				require.NoError(b, err)
				for i := 0; i < m.Len(); i += 16 {
					bd.ScoreAbove(p, i, floor)
				}
				p.Release()
			}
		}
	})
}

// TestScoreAboveSound: the bound ScoreAbove (and so Bound) reads before
// comparing names never rules out a pair that scores floor or more — the
// monitor leaves a party unscreened on it. The queries are real listed
// people as yente presents them, synthetic people, and the UN list's
// organisations with generic words and legal forms added ("trading
// company", "group holding"), which the list's names lack.
func TestScoreAboveSound(t *testing.T) {
	es := unEntries(t)
	m := New(es)
	type pair struct {
		q raqib.Query
		i int
	}
	var ps []pair
	for i, e := range es {
		if e.Kind != lists.KindOrganisation {
			continue
		}
		for _, extra := range []string{" trading company", " group holding company", " international trading group bank", " national bank ltd"} {
			ps = append(ps, pair{raqib.Query{Name: e.Names[0].Full + extra}, i})
		}
	}
	for k, q := range boundQueries(t, 24, 30) {
		for i := k % 20; i < m.Len(); i += 20 {
			ps = append(ps, pair{q, i})
		}
	}
	bd := m.NewBound()
	unsound := 0
	for _, pr := range ps {
		p, err := m.Prepare(pr.q)
		require.NoError(t, err)
		s := m.Score(p, pr.i)
		for _, floor := range []float64{0.5, 0.65, 0.7, 0.85} {
			if s < floor {
				continue
			}
			_, ok := m.ScoreAbove(p, pr.i, floor)
			_, bok := bd.ScoreAbove(p, pr.i, floor)
			if !ok || !bok {
				unsound++
				t.Errorf("%q against %s scores %.3f, but ScoreAbove(%v) rules it out (matcher %v, bound %v)", pr.q.Name, es[pr.i].ID, s, floor, ok, bok)
			}
		}
		p.Release()
	}
	assert.Zero(t, unsound, "of %d pairs", len(ps))
}

// TestQueryTokenFromList holds a query token taken from the list's token
// of the same text and kind (queryToken) to the token prepared anew
// (newQueryToken), read from Latin letters and from an abjad script, for
// every token of the UN list: the copy is the same token.
func TestQueryTokenFromList(t *testing.T) {
	m := New(unEntries(t))
	n := 0
	for id := range m.tt.toks {
		lt := &m.tt.toks[id]
		if lt.abjad {
			continue // lookup finds the Latin token of a text
		}
		pt := normalize.Part{Text: lt.text, Key: lt.key, Kind: lt.kind}
		for _, ab := range []bool{false, true} {
			got := m.queryToken(&pt, ab, nil)
			require.True(t, got.onList, lt.text)
			require.Equal(t, uint32(id), got.listID, lt.text)
			require.Equal(t, m.newQueryToken(&pt, ab), got.token, "%q abjad %v", lt.text, ab)
			n++
		}
	}
	require.Greater(t, n, 4000)
}

// TestBoundRows holds the Bounds of one Rows, on two goroutines at once,
// to Matcher.ScoreAbove on the real UN list: queries kept from the empty
// Matcher, as a monitor keeps its parties, restored for an update's scorer
// (a few entries, the list's frequencies) and scored against the entries
// whose rows were computed for them, and against others (whose rows each
// Bound computes itself), for every floor the same score and answer.
func TestBoundRows(t *testing.T) {
	es := unEntries(t)
	un := New(es)
	sc := New(es[100:160], WithFrequenciesOf(un))
	qs := boundQueries(t, 15, 80)
	qs = append(qs, raqib.Query{Name: "Abu Bakr al-Baghdadi", AltNames: []string{"ابو بكر البغدادي"}, BirthDate: "1971"},
		raqib.Query{Documents: []raqib.Document{{Number: "X99"}}}) // no name
	tok := New(nil)
	k := NewKeeper()
	kept := make([]*Kept, len(qs))
	for i, q := range qs {
		p, err := tok.Prepare(q)
		require.NoError(t, err, "query %d", i)
		kept[i], _ = k.Keep(tok, p)
		p.Release()
	}
	bnd := k.Bind(sc)
	// Entry e's rows are those of every third query, from e on; the last
	// ten entries have none.
	shared := func(q, e int) bool { return e < sc.Len()-10 && (q+e)%3 == 0 }
	rs := bnd.Rows(func(e int) []*Kept {
		var out []*Kept
		for q := range qs {
			if shared(q, e) {
				out = append(out, kept[q])
			}
		}
		return out
	}, 2)
	require.Positive(t, rs.total)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			bd := rs.NewBound()
			for q := w; q < len(qs); q += 2 {
				want, err := sc.Prepare(qs[q])
				if err != nil {
					errs[w] = err
					return
				}
				got, fresh := bd.Restore(bnd, qs[q], kept[q])
				_ = fresh
				for e := range sc.Len() {
					for _, floor := range []float64{0, 0.5, 0.65} {
						ws, wok := sc.ScoreAbove(want, e, floor)
						gs, gok := bd.ScoreAbove(got, e, floor)
						if wok != gok || (wok && ws != gs) {
							errs[w] = fmt.Errorf("query %d (%q), entry %s (rows shared: %v), floor %v: %v %v, want %v %v",
								q, qs[q].Name, es[100+e].ID, shared(q, e), floor, gs, gok, ws, wok)
							return
						}
					}
				}
				want.Release()
				got.Release()
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
}
