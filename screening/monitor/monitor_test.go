package monitor

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
)

// partiesFor returns the parties of an update test: yente UN positives,
// synthetic people and the delta's own names, all restricted to source.
func partiesFor(t testing.TB, d lists.Delta, source string) []Party {
	step, n, every := 24, 150, 6
	if fullEval() {
		step, n, every = 1, 20000, 1
	}
	ps := yenteParties(t, step, source)
	ps = append(ps, synthParties(t, n, source)...)
	for i, p := range deltaParties(d, source) {
		if i%every == 0 {
			ps = append(ps, p)
		}
	}
	return ps
}

// TestIncrementalEqualsFull follows real updates of the UN list along the
// incremental path — the reverse index, the lists' matcher, the forward
// screening of the parties reached — and checks that the alerts are those
// of a full re-screen of every party, entry for entry, decision for
// decision and score for score. The lists are paired so that the weights do
// not change (ghostLists), as Update.Reweighed = false promises.
func TestEvalIncrementalEqualsFull(t *testing.T) {
	for _, tc := range []struct{ from, to string }{
		{"2020-11-30", "2025-11-20"},
		{"2025-11-20", "2026-05-08"},
	} {
		t.Run(tc.from+"_"+tc.to, func(t *testing.T) {
			if raceEnabled && !fullEval() && tc.from == "2020-11-30" {
				t.Skip("under the race detector, one update (the other runs without it)")
			}
			ctx := context.Background()
			before, after, d := ghostLists(unList(t, tc.from), unList(t, tc.to))
			s, err := screening.New(ctx, screening.WithLists(before...))
			require.NoError(t, err)
			defer s.Close()
			m, err := New(ctx, s, WithLists(before...), withTrustDelta())
			require.NoError(t, err)
			defer m.Close()
			ps := partiesFor(t, d, "UN")
			_, err = m.Register(ctx, ps...)
			require.NoError(t, err)
			want, failed := truth(t, s, ps)
			require.Empty(t, failed)
			require.Empty(t, diffAlerts(want, alertsOf(m)), "registration")
			events := m.Stats().Events

			require.NoError(t, s.Replace(ctx, after, screening.Force()))
			rep := m.Stats().LastUpdate
			require.NotNil(t, rep)
			assert.False(t, rep.Full, rep.Why)
			want, failed = truth(t, s, ps)
			require.Empty(t, failed)
			require.Empty(t, diffAlerts(want, alertsOf(m)), "after the update (%+v)", *rep)
			assert.Less(t, rep.Screened, len(ps), "the update screens a part of the parties")
			assert.Positive(t, m.Stats().Events-events, "the update raised, changed or retracted alerts")
			t.Logf("%d parties, %d alerts; update: %d entry versions, %d linked, %d scored, %d screened, %d events, %v",
				len(ps), countAlerts(want), rep.Entries, rep.Linked, rep.Scored, rep.Screened, rep.Events, rep.Elapsed)
		})
	}
}

// TestFullRescreenOnReweigh follows a real Replace, whose weights change:
// every party is screened again, and the alerts are a full re-screen's.
func TestFullRescreenOnReweigh(t *testing.T) {
	ctx := context.Background()
	s, m, prev, next := followUNUpdate(t)
	ps := append(yenteParties(t, 16, ""), synthParties(t, 100, "")...)
	_, err := m.Register(ctx, ps...)
	require.NoError(t, err)
	// Reindex: the weights follow the new list (a small change alone would
	// be indexed incrementally, weights kept).
	require.NoError(t, s.Replace(ctx, []*lists.List{next}, screening.Reindex()))
	rep := m.Stats().LastUpdate
	require.NotNil(t, rep)
	assert.True(t, rep.Full)
	assert.Contains(t, rep.Why, "weights")
	assert.Equal(t, len(ps), rep.Screened)
	want, _ := truth(t, s, ps)
	require.Empty(t, diffAlerts(want, alertsOf(m)))
	assert.Equal(t, "2026-05-08T23:00:06.922Z", m.Stats().Lists[0].Version, "the alerts are those of the new list")
	for _, e := range mustEvents(t, m, 0) {
		if e.Cause == CauseLists {
			assert.Equal(t, "2025-11-20T23:00:09.067Z", e.Before[0].Version)
			assert.Equal(t, "2026-05-08T23:00:06.922Z", e.After[0].Version)
		}
	}
	// The lists reindexed are the base of the next incremental Replace:
	// back to the list before, weighed as the new list weighs.
	require.NoError(t, s.Replace(ctx, []*lists.List{prev}))
	rep = m.Stats().LastUpdate
	require.False(t, rep.Full, "a small change after the reindex is followed incrementally: %s", rep.Why)
	want, _ = truth(t, s, ps)
	require.Empty(t, diffAlerts(want, alertsOf(m)))
}

// TestFtMDeltas follows OpenSanctions' real delta files, one after the
// other, on the incremental path, against a full re-screen at each step.
func TestFtMDeltas(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(testdataLists, "ftm")
	base := loadList(t, filepath.Join(dir, "opensanctions-sample.ftm.json"))
	paths, err := filepath.Glob(filepath.Join(dir, "delta-*.json"))
	require.NoError(t, err)
	require.Len(t, paths, 4)
	// The lists, one per step, and their parties: every entity's names.
	steps := []*lists.List{base}
	var all lists.Delta
	for _, p := range paths {
		next, d, err := lists.LoadFtMDelta(ctx, steps[len(steps)-1], p)
		require.NoError(t, err)
		steps = append(steps, next)
		all.Added = append(all.Added, d.Added...)
		all.Changed = append(all.Changed, d.Changed...)
	}
	for _, e := range base.Entries {
		all.Added = append(all.Added, e)
	}
	ps := append(deltaParties(all, base.Source), synthParties(t, 100, base.Source)...)
	ps = append(ps, Party{ID: "plotnikov", Query: raqib.Query{Name: "Vladimir Plotnikov", Lists: []string{base.Source}}},
		Party{ID: "aqi", Query: raqib.Query{Name: "Al Qaida in Iraq", Lists: []string{base.Source}}})
	for i := 1; i < len(steps); i++ {
		before, after, _ := ghostLists(steps[i-1], steps[i])
		s, err := screening.New(ctx, screening.WithLists(before...))
		require.NoError(t, err)
		m, err := New(ctx, s, WithLists(before...), withTrustDelta())
		require.NoError(t, err)
		_, err = m.Register(ctx, ps...)
		require.NoError(t, err)
		require.NoError(t, s.Replace(ctx, after, screening.Force()))
		want, failed := truth(t, s, ps)
		require.Empty(t, failed)
		assert.Empty(t, diffAlerts(want, alertsOf(m)), paths[i-1])
		assert.False(t, m.Stats().LastUpdate.Full)
		m.Close()
		s.Close()
	}
}

func mustEvents(t testing.TB, m *Monitor, since int64) []Event {
	t.Helper()
	evs, err := m.Events(since, 0)
	require.NoError(t, err)
	return evs
}

// regime returns the entries of l whose reference starts with prefix.
func regime(l *lists.List, prefix string) *lists.List {
	out := &lists.List{Source: l.Source, Version: l.Version, Digest: l.Digest}
	for _, e := range l.Entries {
		if len(e.Ref) >= len(prefix) && e.Ref[:len(prefix)] == prefix {
			out.Entries = append(out.Entries, e)
		}
	}
	return out
}
