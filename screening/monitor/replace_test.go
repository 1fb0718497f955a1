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
