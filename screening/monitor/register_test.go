package monitor

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
)

// person is an entry of the small lists of these tests.
func person(ref, name, dob, doc string) lists.Entry {
	e := lists.Entry{ID: "NWL:" + ref, Source: "NWL", Ref: ref, Kind: lists.KindPerson,
		Names: []lists.Name{{Full: name, Quality: lists.NamePrimary}}}
	if dob != "" {
		e.BirthDates = []lists.BirthDate{{Text: dob}}
		e.BirthDates[0].From, e.BirthDates[0].To = dob, dob
	}
	if doc != "" {
		e.Documents = []lists.Document{{Type: "passport", Number: doc, Normalized: doc}}
	}
	return e
}

// smallList is a national watchlist of invented people.
func smallList(version string, es ...lists.Entry) *lists.List {
	l := &lists.List{Source: "NWL", Version: version, Entries: es}
	for i := range l.Entries {
		l.Entries[i].ListVersion = version
	}
	return l
}

var (
	karim   = person("1", "Karim Belkacemi", "1988-03-14", "DZ8841207")
	youssef = person("2", "Youssef El Haddad", "1979-11-02", "")
	svetla  = person("3", "Svetlana Morozova", "1985-06-01", "")
	tarek   = person("4", "Tarek Bouzidane", "1990-01-20", "")
)

func newSmall(t *testing.T, opts ...Option) (*screening.Screener, *Monitor, *lists.List) {
	t.Helper()
	l := smallList("v1", karim, youssef, svetla)
	s, err := screening.New(context.Background(), screening.WithLists(l))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	m, err := New(context.Background(), s, append([]Option{WithLists(l)}, opts...)...)
	require.NoError(t, err)
	t.Cleanup(func() { m.Close() })
	return s, m, l
}

func kinds(evs []Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, string(e.Kind)+" "+e.Party+" "+e.Entry)
	}
	return out
}

func TestRegister(t *testing.T) {
	ctx := context.Background()
	_, m, _ := newSmall(t)

	evs, err := m.Register(ctx,
		Party{ID: "p1", Query: raqib.Query{Name: "Karim Belkacemi", BirthDate: "1988-03-14"}},
		Party{ID: "p2", Query: raqib.Query{Name: "Jane Doe"}},
		Party{ID: "p3", Query: raqib.Query{Documents: []raqib.Document{{Number: "DZ 884 1207"}}}})
	require.NoError(t, err)
	assert.Equal(t, []string{"new p1 NWL:1", "new p3 NWL:1"}, kinds(evs))
	e := evs[0]
	assert.Equal(t, int64(1), e.Seq)
	assert.Equal(t, CauseRegister, e.Cause)
	assert.Equal(t, raqib.Hit, e.Decision)
	assert.Empty(t, e.Before)
	assert.Equal(t, []ListVersion{{Source: "NWL", Version: "v1"}}, e.After)
	require.NotNil(t, e.Match)
	assert.Equal(t, "Karim Belkacemi", e.Match.MatchedName)
	assert.NotEmpty(t, e.Match.Features, "the evidence")
	assert.Equal(t, raqib.Round(e.Match.Score), e.Score)

	for _, tc := range []struct {
		name  string
		ps    []Party
		kinds []string
	}{
		{"the same query again changes nothing", []Party{{ID: "p1", Query: raqib.Query{Name: "Karim Belkacemi", BirthDate: "1988-03-14"}}}, nil},
		{"a new query re-screens", []Party{{ID: "p1", Query: raqib.Query{Name: "Youssef El Haddad"}}}, []string{"new p1 NWL:2", "retracted p1 NWL:1"}},
		{"a changed score", []Party{{ID: "p1", Query: raqib.Query{Name: "Youssef El Haddad", BirthDate: "1979-11-02"}}}, []string{"changed p1 NWL:2"}},
		{"the last of repeated IDs counts", []Party{{ID: "p2", Query: raqib.Query{Name: "Svetlana Morozova"}}, {ID: "p2", Query: raqib.Query{Name: "Jane Doe"}}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evs, err := m.Register(ctx, tc.ps...)
			require.NoError(t, err)
			assert.Equal(t, tc.kinds, kinds(evs))
		})
	}
	ch := mustEvents(t, m, 2)
	require.Len(t, ch, 3)
	assert.Equal(t, Changed, ch[2].Kind)
	assert.Equal(t, raqib.Hit, ch[2].Previous)
	assert.Equal(t, raqib.Hit, ch[2].Decision)
	assert.Greater(t, ch[2].Score, ch[2].PreviousScore, "the birth date agrees: a higher score")

	evs, err = m.Unregister(ctx, "p1")
	require.NoError(t, err)
	assert.Equal(t, []string{"retracted p1 NWL:2"}, kinds(evs))
	assert.Equal(t, CauseUnregister, evs[0].Cause)
	_, _, ok := m.Party("p1")
	assert.False(t, ok)
	_, err = m.Unregister(ctx, "p3", "nobody")
	assert.ErrorIs(t, err, ErrUnknownParty)
	_, alerts, ok := m.Party("p3")
	require.True(t, ok, "nothing is removed when one ID is unknown")
	assert.Len(t, alerts, 1)
	st := m.Stats()
	assert.Equal(t, 2, st.Parties)
	assert.Equal(t, 1, st.Alerts)
	assert.Equal(t, int64(6), st.Events)
}

func TestRegisterRefuses(t *testing.T) {
	ctx := context.Background()
	_, m, _ := newSmall(t)
	long := make([]byte, MaxIDBytes+1)
	for i := range long {
		long[i] = 'x'
	}
	for _, tc := range []struct {
		name string
		ps   []Party
		want string
	}{
		{"empty ID", []Party{{Query: raqib.Query{Name: "A B"}}}, "empty party ID"},
		{"long ID", []Party{{ID: string(long), Query: raqib.Query{Name: "A B"}}}, "at most 200"},
		{"control character", []Party{{ID: "a\nb", Query: raqib.Query{Name: "A B"}}}, "control character"},
		{"nothing to compare", []Party{{ID: "ok", Query: raqib.Query{Name: "Jane Doe"}}, {ID: "empty", Query: raqib.Query{BirthDate: "1980"}}}, `party "empty"`},
		{"beyond the limits", []Party{{ID: "big", Query: raqib.Query{Name: string(long) + " " + string(long)}}}, "invalid query"},
		{"a list not served", []Party{{ID: "f", Query: raqib.Query{Name: "Jane Doe", Lists: []string{"OFAC"}}}}, "not a list being screened"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := m.Register(ctx, tc.ps...)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), "Jane", "errors never quote a query")
			assert.Zero(t, m.Stats().Parties, "nothing is registered")
		})
	}
}

func TestEventsAndWait(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	var hooked []Event
	_, m, _ := newSmall(t, WithMaxEvents(2), WithEventHook(func(evs []Event) {
		mu.Lock()
		defer mu.Unlock()
		hooked = append(hooked, evs...)
	}))
	wctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	assert.ErrorIs(t, m.Wait(wctx, 0), context.DeadlineExceeded, "no event yet")
	cancel()
	done := make(chan error)
	go func() { done <- m.Wait(ctx, 0) }()
	for _, p := range []Party{
		{ID: "a", Query: raqib.Query{Name: "Karim Belkacemi"}},
		{ID: "b", Query: raqib.Query{Name: "Youssef El Haddad"}},
		{ID: "c", Query: raqib.Query{Name: "Svetlana Morozova"}},
	} {
		_, err := m.Register(ctx, p)
		require.NoError(t, err)
	}
	require.NoError(t, <-done)
	evs := mustEvents(t, m, 1)
	assert.Equal(t, []string{"new b NWL:2", "new c NWL:3"}, kinds(evs))
	evs, err := m.Events(1, 1)
	require.NoError(t, err)
	assert.Len(t, evs, 1, "limit")
	_, err = m.Events(0, 0)
	assert.ErrorIs(t, err, ErrEventsGone, "only the last two are kept")
	evs, err = m.Events(3, 0)
	require.NoError(t, err)
	assert.Empty(t, evs)
	mu.Lock()
	assert.Len(t, hooked, 3, "the hook saw every event")
	mu.Unlock()
	require.NoError(t, m.Close())
	assert.ErrorIs(t, m.Wait(ctx, 3), ErrClosed)
	_, err = m.Register(ctx, Party{ID: "d", Query: raqib.Query{Name: "Tarek"}})
	assert.ErrorIs(t, err, ErrClosed)
}

// TestUpdateSmall follows a small list through added, changed and removed
// entries, on the incremental path and the full one, with the events each
// gives.
func TestUpdateSmall(t *testing.T) {
	ctx := context.Background()
	for _, full := range []bool{false, true} {
		t.Run(map[bool]string{false: "incremental", true: "full"}[full], func(t *testing.T) {
			opts := []Option{withTrustDelta()}
			if full {
				opts = []Option{WithFullRescreen()}
			}
			s, m, _ := newSmall(t, opts...)
			ps := []Party{
				{ID: "karim", Query: raqib.Query{Name: "Karim Belkacemi", BirthDate: "1988-03-14"}},
				{ID: "tarek", Query: raqib.Query{Name: "Tarek Bouzidane"}},
				{ID: "svet", Query: raqib.Query{Name: "Svetlana Morozova"}},
				{ID: "doe", Query: raqib.Query{Name: "Jane Doe"}},
			}
			_, err := m.Register(ctx, ps...)
			require.NoError(t, err)
			// Karim's birth date changes, Tarek is listed, Svetlana delisted.
			k2 := karim
			k2.BirthDates = []lists.BirthDate{{Text: "1978-03-14"}}
			k2.BirthDates[0].From, k2.BirthDates[0].To = "1978-03-14", "1978-03-14"
			next := smallList("v2", k2, youssef, tarek)
			before := m.Stats().Events
			require.NoError(t, s.Replace(ctx, []*lists.List{next}, screening.Force()))
			evs := mustEvents(t, m, before)
			assert.Equal(t, []string{"changed karim NWL:1", "retracted svet NWL:3", "new tarek NWL:4"}, kinds(evs))
			for _, e := range evs {
				assert.Equal(t, CauseLists, e.Cause)
				assert.Equal(t, "v1", e.Before[0].Version)
				assert.Equal(t, "v2", e.After[0].Version)
			}
			rep := m.Stats().LastUpdate
			assert.Equal(t, full, rep.Full)
			if !full {
				assert.Equal(t, 4, rep.Entries, "tarek; karim as he is; svetlana; karim as he was")
				assert.Equal(t, 3, rep.Screened, "not Jane Doe")
			}
			want, _ := truth(t, s, ps)
			assert.Empty(t, diffAlerts(want, alertsOf(m)))
		})
	}
}

// TestUpdateUnscoredChange: a change in fields screening does not read
// re-screens no one, not even the party with an alert on the entry (the
// Screener keeps the entry indexed as it was, its score the same), and the
// alerts stay those of a full re-screen.
func TestUpdateUnscoredChange(t *testing.T) {
	ctx := context.Background()
	s, m, _ := newSmall(t, withTrustDelta())
	ps := []Party{{ID: "karim", Query: raqib.Query{Name: "Karim Belkacemi"}},
		{ID: "y", Query: raqib.Query{Name: "Youssef El Haddad"}}}
	_, err := m.Register(ctx, ps...)
	require.NoError(t, err)
	_, before, ok := m.Party("karim")
	require.True(t, ok)
	require.NotEmpty(t, before)
	k2 := karim
	k2.Remarks, k2.ListedOn = "Remarks changed.", "2026-12-01"
	require.NoError(t, s.Replace(ctx, []*lists.List{smallList("v2", k2, youssef, svetla)}))
	rep := m.Stats().LastUpdate
	assert.False(t, rep.Full)
	assert.Zero(t, rep.Entries)
	assert.Zero(t, rep.Screened)
	assert.Zero(t, rep.Events)
	_, after, _ := m.Party("karim")
	assert.Equal(t, before, after)
	want, _ := truth(t, s, ps)
	assert.Empty(t, diffAlerts(want, alertsOf(m)))
}

// TestViewParts: a Monitor given other lists than the Screener's is refused;
// one whose view parts from the Screener falls back to full re-screens.
func TestViewParts(t *testing.T) {
	ctx := context.Background()
	l := smallList("v1", karim, youssef)
	s, err := screening.New(ctx, screening.WithLists(l))
	require.NoError(t, err)
	defer s.Close()
	_, err = New(ctx, s, WithLists(smallList("v0", karim)))
	assert.ErrorContains(t, err, "the screener serves NWL v1")
	m, err := New(ctx, s, WithLists(l), withTrustDelta())
	require.NoError(t, err)
	defer m.Close()
	m.mu.Lock()
	delete(m.view.entries, karim.ID) // as if the view had missed an update
	m.mu.Unlock()
	k2 := karim
	k2.Names = append(k2.Names, lists.Name{Full: "Karim Belkacem", Quality: lists.NameGood})
	require.NoError(t, s.Replace(ctx, []*lists.List{smallList("v2", k2, youssef)}))
	rep := m.Stats().LastUpdate
	assert.True(t, rep.Full)
	assert.Contains(t, rep.Why, "lacks")
	assert.False(t, m.Stats().Incremental)
	assert.Nil(t, errors.Unwrap(nil))
}
