package screening

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/internal/synth"
	"github.com/raqib/raqib/lists"
)

// entryQueries returns a query for the primary name and first birth date of
// every entry of ls.
func entryQueries(ls ...*lists.List) []raqib.Query {
	var qs []raqib.Query
	for _, l := range ls {
		for _, e := range l.Entries {
			if len(e.Names) == 0 {
				continue
			}
			q := raqib.Query{ID: e.ID, Name: e.Names[0].Full}
			if len(e.BirthDates) > 0 {
				q.BirthDate = e.BirthDates[0].Text
			}
			qs = append(qs, q)
		}
	}
	return qs
}

// TestReplaceIncremental: a Replace with a list that changed little (the UN
// list of 2025-11-20 to that of 2026-05-08) indexes only the entries that
// changed, and answers as a Screener built from the new list does.
func TestReplaceIncremental(t *testing.T) {
	ctx := context.Background()
	prev, err := lists.Load("../testdata/lists/un-consolidated-2025-11-20.xml")
	require.NoError(t, err)
	cur, err := lists.Default()
	require.NoError(t, err)
	d := lists.Diff(prev, cur)
	require.NotEmpty(t, d.Added, "the test needs entries added between the versions")
	require.NotEmpty(t, d.Removed)
	require.NotEmpty(t, d.Changed)

	// An index opened from a directory and one built in memory reach the
	// same entries through their digests (disk bytes, in-memory encodings).
	dir := filepath.Join(t.TempDir(), "index")
	_, err = BuildIndex(ctx, dir, prev)
	require.NoError(t, err)
	opened, err := Open(ctx, dir)
	require.NoError(t, err)
	defer opened.Close()
	inMem, err := New(ctx, WithLists(prev))
	require.NoError(t, err)
	defer inMem.Close()
	fresh, err := New(ctx, WithLists(cur))
	require.NoError(t, err)
	defer fresh.Close()

	qs := entryQueries(cur, &lists.List{Entries: d.Removed})
	for name, s := range map[string]*Screener{"opened": opened, "in memory": inMem} {
		t.Run(name, func(t *testing.T) {
			var got []Update
			s.Subscribe(func(_ context.Context, u Update) { got = append(got, u) })
			require.NoError(t, s.Replace(ctx, []*lists.List{cur}))
			snap := s.current()
			require.NotNil(t, snap.delta, "indexed incrementally")
			// Changed entries are indexed again, or, when only what the
			// index does not read changed (the INTERPOL links of this
			// update), held beside the index as they are now.
			hidden := snap.base.tab.len() - (snap.live - snap.delta.tab.len())
			assert.NotEmpty(t, snap.revised)
			assert.Equal(t, len(d.Added)+len(d.Changed), snap.delta.tab.len()+len(snap.revised), "the delta holds the entries added and changed")
			assert.Equal(t, len(d.Removed)+snap.delta.tab.len()-len(d.Added), hidden, "the base hides the entries removed and changed")
			now := map[string]*lists.Entry{}
			for i := range cur.Entries {
				now[cur.Entries[i].ID] = &cur.Entries[i]
			}
			assert.Equal(t, len(cur.Entries), s.Entries())
			assert.Equal(t, fresh.Lists(), s.Lists())
			require.Len(t, got, 1)
			assert.False(t, got[0].Reweighed, "an incremental Replace keeps the weights")
			assert.Len(t, got[0].Delta.Added, len(d.Added))
			assert.Len(t, got[0].Delta.Removed, len(d.Removed))
			assert.Len(t, got[0].Delta.Changed, len(d.Changed))

			removed := map[string]bool{}
			for _, e := range d.Removed {
				removed[e.ID] = true
			}
			same, n := 0, 0
			for _, q := range qs {
				a, err := s.Screen(ctx, q)
				require.NoError(t, err)
				b, err := fresh.Screen(ctx, q)
				require.NoError(t, err)
				for _, m := range a.Matches {
					require.False(t, removed[m.EntryID], "%s: removed entry %s reported", q.ID, m.EntryID)
					require.Equal(t, cur.Version, m.Entry.ListVersion, "%s: %s reported with its old list version", q.ID, m.EntryID)
					require.Empty(t, lists.ChangedFields(now[m.EntryID], m.Entry), "%s: %s reported as it was", q.ID, m.EntryID)
				}
				if len(b.Matches) == 0 {
					continue
				}
				n++
				// The weights are the old list's: scores move a little, the
				// entry ranked first and the decision on it do not.
				if len(a.Matches) > 0 && a.Matches[0].EntryID == b.Matches[0].EntryID &&
					a.Matches[0].Decision == b.Matches[0].Decision &&
					math.Abs(a.Matches[0].Score-b.Matches[0].Score) < 0.02 {
					same++
				}
			}
			t.Logf("%d of %d queries: the same first match and decision as a full build", same, n)
			assert.GreaterOrEqual(t, float64(same)/float64(n), 0.99)
		})
	}
}

// TestReplaceIncrementalSteps: changes accumulate in the delta over several
// Replaces; a large change, or Reindex, indexes everything again.
func TestReplaceIncrementalSteps(t *testing.T) {
	ctx := context.Background()
	old, err := lists.Load("../testdata/lists/un-consolidated-2020-11-30.xml")
	require.NoError(t, err)
	cur, err := lists.Default()
	require.NoError(t, err)
	s, err := New(ctx, WithLists(cur))
	require.NoError(t, err)
	defer s.Close()
	var got []Update
	s.Subscribe(func(_ context.Context, u Update) { got = append(got, u) })

	// One alias added to one entry, one entry delisted.
	next := *cur
	next.Version = cur.Version + "-next"
	next.Entries = slices.Clone(cur.Entries)
	for i := range next.Entries {
		next.Entries[i].ListVersion = next.Version
	}
	i := slices.IndexFunc(next.Entries, func(e lists.Entry) bool { return e.ID == "UN:QDi.006" })
	require.GreaterOrEqual(t, i, 0)
	e := &next.Entries[i]
	e.Names = append(slices.Clone(e.Names), lists.Name{Full: "Yusuf Karamanli Oztepe", Quality: lists.NameGood})
	next.Entries = slices.Delete(next.Entries, 0, 1)
	require.NoError(t, s.Replace(ctx, []*lists.List{&next}))
	snap := s.current()
	require.NotNil(t, snap.delta)
	assert.Equal(t, 1, snap.delta.tab.len())
	res, err := s.Screen(ctx, raqib.Query{Name: "Yusuf Karamanli Oztepe"})
	require.NoError(t, err)
	require.NotEmpty(t, res.Matches)
	assert.Equal(t, "UN:QDi.006", res.Matches[0].EntryID)
	assert.Equal(t, next.Version, res.Matches[0].Entry.ListVersion)
	res, err = s.Screen(ctx, raqib.Query{Name: cur.Entries[0].Names[0].Full})
	require.NoError(t, err)
	for _, m := range res.Matches {
		assert.NotEqual(t, cur.Entries[0].ID, m.EntryID, "delisted")
	}

	// A second small change: the delta holds both.
	third := next
	third.Entries = slices.Clone(next.Entries)
	third.Entries = append(third.Entries, lists.Entry{ID: "UN:QDi.999", Source: "UN", Ref: "QDi.999", Kind: lists.KindPerson,
		ListType: "Al-Qaida", Names: []lists.Name{{Full: "Tariq Zubayr Al-Hamdani", Quality: lists.NameGood}}})
	require.NoError(t, s.Replace(ctx, []*lists.List{&third}))
	snap = s.current()
	require.NotNil(t, snap.delta)
	assert.Equal(t, 2, snap.delta.tab.len())
	res, err = s.Screen(ctx, raqib.Query{Name: "Tariq Zubayr al Hamdani", Kind: lists.KindPerson})
	require.NoError(t, err)
	require.NotEmpty(t, res.Matches)
	assert.Equal(t, "UN:QDi.999", res.Matches[0].EntryID)
	require.Len(t, got, 2)
	assert.False(t, got[1].Reweighed)
	assert.Len(t, got[1].Delta.Added, 1)

	// Reindex: everything indexed again, weights and all.
	require.NoError(t, s.Replace(ctx, []*lists.List{&third}, Reindex()))
	assert.Nil(t, s.current().delta)
	assert.True(t, got[2].Reweighed)
	assert.Equal(t, len(third.Entries), s.Entries())

	// Six years of changes are too many for a delta.
	require.NoError(t, s.Replace(ctx, []*lists.List{old}, Force()))
	assert.Nil(t, s.current().delta)
	assert.True(t, got[3].Reweighed)
}

// changedList returns l with one entry in every 200 given another name and
// as many entries added (copies under new IDs with a name changed): a list
// update of 1%.
func changedList(l *lists.List) *lists.List {
	next := *l
	next.Version = l.Version + "-next"
	next.Entries = slices.Clone(l.Entries)
	for i := 0; i < len(l.Entries); i += 200 {
		e := &next.Entries[i]
		e.Names = append(slices.Clone(e.Names), lists.Name{Full: e.Names[0].Full + " Junior", Quality: lists.NameGood})
		c := l.Entries[i+1]
		c.ID, c.Ref = c.ID+"-new", c.Ref+"-new"
		c.Names = []lists.Name{{Full: "Abu " + c.Names[0].Full, Quality: lists.NamePrimary}}
		next.Entries = append(next.Entries, c)
	}
	return &next
}

// BenchmarkReplace measures a Replace that indexes everything (Reindex)
// against one of a list that changed by 1%, on the UN list and, with
// RAQIB_BENCH_LARGE=1, on 100,000 synthetic people:
//
//	RAQIB_BENCH_LARGE=1 go test -run '^$' -bench Replace -benchmem -timeout 30m ./screening
func BenchmarkReplace(b *testing.B) {
	ctx := context.Background()
	un, err := lists.Default()
	require.NoError(b, err)
	sizes := []*lists.List{un}
	if os.Getenv("RAQIB_BENCH_LARGE") != "" {
		l := &lists.List{Source: "SYN", Version: "seed-1"}
		require.NoError(b, synth.Entries(ctx, 1, 100_000, func(e *lists.Entry) error {
			l.Entries = append(l.Entries, *e)
			return nil
		}))
		sizes = append(sizes, l)
	}
	for _, l := range sizes {
		next := changedList(l)
		s, err := New(ctx, WithLists(l))
		require.NoError(b, err)
		name := fmt.Sprintf("%s-%d", l.Source, len(l.Entries))
		b.Run(name+"/reindex", func(b *testing.B) {
			for b.Loop() {
				require.NoError(b, s.Replace(ctx, []*lists.List{l}, Reindex()))
			}
		})
		b.Run(name+"/changed-1pct", func(b *testing.B) {
			for b.Loop() {
				require.NoError(b, s.Replace(ctx, []*lists.List{next}))
			}
			require.NotNil(b, s.current().delta)
		})
		s.Close()
	}
}

// TestReplaceIncrementalDropsList: a small list dropped (forced) by an
// incremental Replace is no longer a filter that resolves: a query asking
// for it is an error, not a silent clear.
func TestReplaceIncrementalDropsList(t *testing.T) {
	ctx := context.Background()
	un, err := lists.Default()
	require.NoError(t, err)
	nwl, err := lists.Load("../testdata/watchlists/national.jsonl")
	require.NoError(t, err)
	s, err := New(ctx, WithLists(un, nwl))
	require.NoError(t, err)
	defer s.Close()
	q := raqib.Query{Name: "Karim Belkacemi", Lists: []string{nwl.Source}}
	res, err := s.Screen(ctx, q)
	require.NoError(t, err)
	require.NotEmpty(t, res.Matches)

	require.Error(t, s.Replace(ctx, []*lists.List{un}), "dropping a list needs Force")
	require.NoError(t, s.Replace(ctx, []*lists.List{un}, Force()))
	snap := s.current()
	require.Nil(t, snap.delta)
	require.NotNil(t, snap.hidden, "indexed incrementally: the list's entries hidden")
	_, err = s.Screen(ctx, q)
	require.ErrorIs(t, err, ErrBadQuery)
	assert.Contains(t, err.Error(), nwl.Source)
	assert.Equal(t, len(un.Entries), s.Entries())
}
