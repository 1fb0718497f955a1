package screening

import (
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/internal/synth"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
)

// retrieveOn runs retrieval for q on snap as Screen does, with s's window,
// and returns it (r.cands: every candidate it met) and the candidates kept.
func retrieveOn(t *testing.T, s *Screener, snap *snapshot, q raqib.Query) (r *retrieval, kept []int) {
	t.Helper()
	filt, err := snap.newFilter(&q)
	require.NoError(t, err)
	segs, _, nseg := snap.segments()
	var ps [2]*matcher.Prepared
	for k := range nseg {
		ps[k], err = segs[k].m.Prepare(q)
		require.NoError(t, err)
		defer ps[k].Release()
	}
	r = new(retrieval)
	kept, _, err = snap.retrieve(context.Background(), ps[:nseg], filt, s.cfg.window, r)
	require.NoError(t, err)
	return r, kept
}

// retrievedIDs returns the entries that retrieval keeps for q on the
// snapshot s serves now, by ID, and the room it leaves to gain and lose
// entries (Result.RoomToGain, RoomToLose).
func retrievedIDs(t *testing.T, s *Screener, q raqib.Query) (ids []string, gain, lose int) {
	t.Helper()
	snap, err := s.acquire()
	require.NoError(t, err)
	defer snap.release()
	r, cands := retrieveOn(t, s, snap, q)
	for _, i := range cands {
		e, err := snap.entry(i)
		require.NoError(t, err)
		ids = append(ids, e.ID)
	}
	slices.Sort(ids)
	return ids, r.gain, r.lose
}

// TestRoom holds Result.RoomToGain and RoomToLose to what they promise, on
// the real UN list and two incremental Replaces, each removing every 40th
// entry and adding a copy of every 50th under a new ID (the second meets
// the first's copies in the index's delta, beside its own): a query whose
// retrieval gains and loses no more entries than its rooms keeps every
// other candidate, and meets no other entry. The entries lost are counted
// among those retrieval met (Result.Met, which holds every candidate kept),
// as screening/monitor counts them: the synthetic queries carry birth
// dates, so organisations they meet are left out by the filter, and their
// removal is counted too. A small window makes the rooms bind for many
// names.
func TestRoom(t *testing.T) {
	ctx := context.Background()
	cur, err := lists.Load("../testdata/lists/un-consolidated-2025-11-20.xml")
	require.NoError(t, err)
	const window = 12
	s, err := New(ctx, WithLists(cur), WithWindow(window))
	require.NoError(t, err)
	defer s.Close()
	var got []Update
	s.Subscribe(func(_ context.Context, u Update) { got = append(got, u) })

	qs := entryQueries(cur)
	syn, err := synth.Queries(3, 1000, synth.WithPositives(0), synth.WithNegatives(300))
	require.NoError(t, err)
	for _, q := range syn {
		qs = append(qs, q.Query)
	}
	type before struct {
		ids, met   []string
		gain, lose int
	}
	was := make([]before, len(qs))
	for step := range 2 {
		gainBound, loseBound, free := 0, 0, 0
		for i, q := range qs {
			ids, gain, lose := retrievedIDs(t, s, q)
			res, err := s.Screen(WithMet(ctx), q)
			require.NoError(t, err)
			require.Equal(t, [2]int{gain, lose}, [2]int{res.RoomToGain, res.RoomToLose}, "query %d: Screen reports the rooms retrieval leaves", i)
			require.GreaterOrEqual(t, gain, 0)
			require.GreaterOrEqual(t, lose, 0)
			// (A full window may hold more than its size: the candidates
			// tied with its last, keepTies.)
			left := max(0, window-len(ids))
			require.LessOrEqual(t, gain, left, "query %d: the room to gain is at most what the window has left", i)
			if res.WindowFull {
				assert.Zero(t, gain, "query %d: a full window leaves no room", i)
				assert.Zero(t, lose, "query %d: a full window leaves no room", i)
			}
			switch {
			case gain < left:
				gainBound++ // a read that depended on the window's room, or a common name's last read
			case lose < math.MaxInt:
				loseBound++
			default:
				free++
			}
			for _, id := range ids {
				if res.Met != nil {
					_, found := slices.BinarySearch(res.Met, id)
					require.True(t, found, "query %d: %s was kept, so retrieval met it", i, id)
				}
			}
			was[i] = before{ids, res.Met, gain, lose}
		}
		require.Positive(t, gainBound, "some queries have reads made while the window had room")
		require.Positive(t, free, "some queries have no such reads")

		next := &lists.List{Source: cur.Source, Version: fmt.Sprintf("%s-room%d", cur.Version, step)}
		removed, added := map[string]bool{}, map[string]bool{}
		for i, e := range cur.Entries {
			if i%40 == 7+step*10 {
				removed[e.ID] = true
				continue
			}
			next.Entries = append(next.Entries, e)
			if i%50 == 3+step*20 {
				c := e
				c.Ref += fmt.Sprintf("-copy%d", step)
				c.ID += fmt.Sprintf("-copy%d", step)
				added[c.ID] = true
				next.Entries = append(next.Entries, c)
			}
		}
		require.NoError(t, s.Replace(ctx, []*lists.List{next}))
		require.Len(t, got, step+1)
		require.False(t, got[step].Reweighed, "the Replace is incremental: the weights and the frequent limit are kept")
		cur = next

		checked, changedAll := 0, 0
		for i, q := range qs {
			ids, _, _ := retrievedIDs(t, s, q)
			lost, gained := 0, 0
			var kept []string
			for _, id := range was[i].ids {
				if !removed[id] {
					kept = append(kept, id)
				}
			}
			// The entries lost are counted among those retrieval met, as
			// the monitor counts them (Result.Met): an entry met and then
			// left out by the filter or the window may still have decided
			// a read. (Met is nil for a full window, whose room is 0, and
			// for a query whose room to lose is unbounded.)
			met := was[i].met
			if met == nil {
				met = was[i].ids
			}
			for _, id := range met {
				if removed[id] {
					lost++
				}
			}
			var now []string
			for _, id := range ids {
				if added[id] {
					gained++
				} else {
					now = append(now, id)
				}
			}
			if lost+gained == 0 {
				continue
			}
			changedAll++
			if gained > was[i].gain || lost > was[i].lose {
				continue
			}
			checked++
			assert.Equal(t, kept, now, "step %d, query %d (room to gain %d, to lose %d; %d lost, %d gained): the other candidates stay",
				step, i, was[i].gain, was[i].lose, lost, gained)
		}
		t.Logf("step %d: %d queries: %d with reads bound by the room to gain, %d more by the room to lose, %d by neither; %d meet a changed entry, %d of them within their rooms",
			step, len(qs), gainBound, loseBound, free, changedAll, checked)
		require.Positive(t, checked, "the Replace reaches queries within their room")
	}
}
