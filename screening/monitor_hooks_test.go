package screening

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/internal/synth"
	"github.com/raqib/raqib/lists"
)

// TestResultMet holds Result.Met (asked for with WithMet) to what retrieval
// met, on the real UN list with a small window (so that the rooms bind for
// many names) and after an incremental Replace (the delta's entries met
// beside the base's): when the room to lose is bounded and the window not
// full, Met is the ID of every candidate retrieval made, before the filter
// and the window — the entries kept among them — ascending, and nil
// otherwise, or when not asked for.
func TestResultMet(t *testing.T) {
	ctx := context.Background()
	cur, err := lists.Load("../testdata/lists/un-consolidated-2025-11-20.xml")
	require.NoError(t, err)
	s, err := New(ctx, WithLists(cur), WithWindow(12))
	require.NoError(t, err)
	defer s.Close()
	qs := entryQueries(cur)
	syn, err := synth.Queries(5, 1000, synth.WithPositives(0), synth.WithNegatives(300))
	require.NoError(t, err)
	for _, q := range syn {
		qs = append(qs, q.Query)
	}
	next := &lists.List{Source: cur.Source, Version: cur.Version + "-met"}
	for i, e := range cur.Entries {
		if i%40 == 7 {
			continue
		}
		next.Entries = append(next.Entries, e)
		if i%50 == 3 {
			c := e
			c.ID += "-copy"
			next.Entries = append(next.Entries, c)
		}
	}
	for step := range 2 {
		bounded, inDelta := 0, 0
		for i, q := range qs {
			plain, err := s.Screen(ctx, q)
			require.NoError(t, err)
			require.Nil(t, plain.Met, "step %d, query %d: not asked for", step, i)
			res, err := s.Screen(WithMet(ctx), q)
			require.NoError(t, err)
			if res.WindowFull || res.RoomToLose == math.MaxInt {
				assert.Nil(t, res.Met, "step %d, query %d: no room to lose to bound", step, i)
				continue
			}
			bounded++
			// What retrieval made, by ID.
			snap, err := s.acquire()
			require.NoError(t, err)
			r, kept := retrieveOn(t, s, snap, q)
			var want []string
			for _, c := range r.cands {
				e, err := snap.entry(int(c.entry))
				require.NoError(t, err)
				want = append(want, e.ID)
				if int(c.entry) >= snap.base.tab.len() {
					inDelta++
				}
			}
			for _, j := range kept {
				e, err := snap.entry(j)
				require.NoError(t, err)
				assert.Contains(t, res.Met, e.ID, "step %d, query %d: a candidate kept was met", step, i)
			}
			snap.release()
			slices.Sort(want)
			require.Equal(t, want, res.Met, "step %d, query %d: Met holds what retrieval met, ascending", step, i)
		}
		t.Logf("step %d: %d queries, %d with a bounded room to lose; %d of their candidates met in the delta", step, len(qs), bounded, inDelta)
		require.Positive(t, bounded)
		if step == 1 {
			require.Positive(t, inDelta, "after the Replace, entries of the delta are met")
		}
		if step == 0 {
			require.NoError(t, s.Replace(ctx, []*lists.List{next}))
		}
	}
}
