package monitor

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
)

// TestRealIncrementalReplace follows a real update as a service meets it:
// the Screener indexes the UN list of 2025-11-20 to 2026-05-08 incrementally
// (its weights kept, Update.Reweighed false), the Monitor takes its
// incremental path with the Screener's weights, and its alerts equal a full
// re-screen of every party by that Screener.
func TestRealIncrementalReplace(t *testing.T) {
	ctx := context.Background()
	s, m, _, next := followUNUpdate(t)
	ps := updateParties(t, 200)
	_, err := m.Register(ctx, ps...)
	require.NoError(t, err)
	require.NoError(t, s.Replace(ctx, []*lists.List{next}))
	rep := m.Stats().LastUpdate
	require.NotNil(t, rep)
	require.False(t, rep.Full, "an incremental Replace is followed incrementally: %s", rep.Why)
	assert.Less(t, rep.Screened, len(ps))
	want, _ := truth(t, s, ps)
	require.Empty(t, diffAlerts(want, alertsOf(m)))
	t.Logf("%d parties: %d linked, %d scored, %d screened", len(ps), rep.Linked, rep.Scored, rep.Screened)
}

// TestBySlot holds the counting sort of the pairs to score to the sort it
// replaces: by slot, each slot's versions in the order they were linked,
// over the whole of the slots or over a range of them (countRun.count).
func TestBySlot(t *testing.T) {
	tests := []struct {
		name   string
		in     []scorePair
		lo, hi int
		want   []scorePair
	}{
		{"empty", nil, 0, 3, []scorePair{}},
		{"one", []scorePair{{2, 0}}, 0, 3, []scorePair{{2, 0}}},
		{"by slot, versions kept in order",
			[]scorePair{{4, 0}, {1, 0}, {4, 1}, {0, 2}, {1, 2}, {4, 3}, {0, 5}},
			0, 5,
			[]scorePair{{0, 2}, {0, 5}, {1, 0}, {1, 2}, {4, 0}, {4, 1}, {4, 3}}},
		{"the last slot", []scorePair{{9, 1}, {0, 0}, {9, 2}}, 0, 10, []scorePair{{0, 0}, {9, 1}, {9, 2}}},
		{"a range of slots",
			[]scorePair{{8195, 0}, {8192, 1}, {8195, 1}, {12287, 1}, {8192, 4}},
			8192, 12288,
			[]scorePair{{8192, 1}, {8192, 4}, {8195, 0}, {8195, 1}, {12287, 1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, bySlot(tc.in, tc.lo, tc.hi))
		})
	}
}

// TestReplaceAfterChurn: parties unregistered, and registered again with
// other names, leave the Keeper holding the tokens of the parties
// registered now — no more — and the update that follows still equals a
// full re-screen (the tokens kept in the room of those forgotten restore
// as the scorer prepares them).
func TestReplaceAfterChurn(t *testing.T) {
	ctx := context.Background()
	s, m, _, next := followUNUpdate(t)
	n := 300
	if raceEnabled {
		n = 60
	}
	ps := append(yenteParties(t, 6, ""), synthParties(t, n, "")...)
	_, err := m.Register(ctx, ps...)
	require.NoError(t, err)
	all := m.keeper.Tokens()
	var gone []string
	var moved []Party
	live := map[string]Party{}
	for i, p := range ps {
		switch {
		case i%3 == 0:
			gone = append(gone, p.ID)
		case i%5 == 0:
			// Registered again with the name of another party.
			q := p.Query
			q.Name = ps[(i+len(ps)/2)%len(ps)].Query.Name + " " + ps[(i+7)%len(ps)].Query.Name
			moved = append(moved, Party{ID: p.ID, Query: q})
			live[p.ID] = moved[len(moved)-1]
		default:
			live[p.ID] = p
		}
	}
	_, err = m.Unregister(ctx, gone...)
	require.NoError(t, err)
	_, err = m.Register(ctx, moved...)
	require.NoError(t, err)
	// The Keeper holds what a Keeper of the parties registered now holds.
	fresh := matcher.NewKeeper()
	var now []Party
	for _, p := range live {
		now = append(now, p)
		pp, err := m.tok.Prepare(p.Query)
		require.NoError(t, err)
		fresh.Keep(m.tok, pp)
		pp.Release()
	}
	assert.Equal(t, fresh.Tokens(), m.keeper.Tokens())
	assert.Less(t, m.keeper.Tokens(), all, "the tokens of the parties gone are forgotten")
	require.NoError(t, s.Replace(ctx, []*lists.List{next}))
	rep := m.Stats().LastUpdate
	require.False(t, rep.Full, rep.Why)
	want, _ := truth(t, s, now)
	require.Empty(t, diffAlerts(want, alertsOf(m)))
	t.Logf("%d parties, %d now: %d tokens kept, %d before; %d scored, %d screened", len(ps), len(now), m.keeper.Tokens(), all, rep.Scored, rep.Screened)
}

// TestDeltaEntries holds the delta segment that an update counts from the
// entries it touches (deltaEntries) to the one every entry served, compared
// with the base, gives (deltaEntriesAll), over Replaces from one base: the
// UN update, back, and again.
func TestDeltaEntries(t *testing.T) {
	ctx := context.Background()
	s, m, old, next := followUNUpdate(t)
	for i, l := range []*lists.List{next, old, next} {
		require.NoError(t, s.Replace(ctx, []*lists.List{l}))
		m.mu.Lock()
		require.NotNil(t, m.delta, "update %d: the lists are followed from their base", i)
		require.NotNil(t, m.base)
		want := m.deltaEntriesAll()
		got := m.delta
		m.mu.Unlock()
		assert.Equal(t, want.ids, got.ids, "update %d", i)
		assert.Equal(t, want.entries, got.entries, "update %d", i)
		if i == 0 {
			assert.NotEmpty(t, got.ids, "the update changes entries")
		}
		t.Logf("update %d: %d entries in the delta segment", i, len(got.ids))
	}
}
