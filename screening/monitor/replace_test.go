package monitor

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
)

// TestRealIncrementalReplace follows a real update as a service meets it:
// the Screener indexes the UN list of 2025-11-20 to 2026-05-08 incrementally
// (its weights kept, Update.Reweighed false), the Monitor takes its
// incremental path with the Screener's weights, and its alerts equal a full
// re-screen of every party by that Screener.
func TestRealIncrementalReplace(t *testing.T) {
	ctx := context.Background()
	s, m, _, next := followUNUpdate(t)
	step, n := 3, 200
	if raceEnabled {
		step, n = 12, 40
	}
	ps := append(yenteParties(t, step, ""), synthParties(t, n, "")...)
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
// replaces: by slot, each slot's versions in the order they were linked.
func TestBySlot(t *testing.T) {
	tests := []struct {
		name string
		in   []scorePair
		n    int
		want []scorePair
	}{
		{"empty", nil, 3, []scorePair{}},
		{"one", []scorePair{{2, 0}}, 3, []scorePair{{2, 0}}},
		{"by slot, versions kept in order",
			[]scorePair{{4, 0}, {1, 0}, {4, 1}, {0, 2}, {1, 2}, {4, 3}, {0, 5}},
			5,
			[]scorePair{{0, 2}, {0, 5}, {1, 0}, {1, 2}, {4, 0}, {4, 1}, {4, 3}}},
		{"the last slot", []scorePair{{9, 1}, {0, 0}, {9, 2}}, 10, []scorePair{{0, 0}, {9, 1}, {9, 2}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, bySlot(tc.in, tc.n))
		})
	}
}
