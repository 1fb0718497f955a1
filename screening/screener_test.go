package screening

import (
	"context"
	"errors"
	"fmt"
	"github.com/raqib/raqib"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
)

// defaultScreener is built once: the embedded UN list, default options.
var (
	defaultOnce sync.Once
	defaultS    *Screener
	defaultErr  error
)

func screener(t testing.TB) *Screener {
	t.Helper()
	defaultOnce.Do(func() { defaultS, defaultErr = New(context.Background()) })
	require.NoError(t, defaultErr)
	return defaultS
}

func TestScreenEmbeddedList(t *testing.T) {
	s := screener(t)
	for _, tc := range []struct {
		name string
		q    raqib.Query
		want string
		dec  raqib.Decision
	}{
		{"primary name", raqib.Query{Name: "AIMAN MUHAMMED RABI AL-ZAWAHIRI"}, "UN:QDi.006", raqib.Hit},
		{"common spelling", raqib.Query{Name: "Ayman al-Zawahiri", BirthDate: "1951", Nationality: "EG"}, "UN:QDi.006", raqib.Hit},
		{"arabic script", raqib.Query{Name: "أيمن محمد ربيع الظواهري"}, "UN:QDi.006", raqib.Hit},
		{"alias", raqib.Query{Name: "Jamal Lounici", BirthDate: "1962-02-01", Nationality: "DZ"}, "UN:QDi.155", raqib.Hit},
		{"french spelling", raqib.Query{Name: "Abdarrahmane ould Mohamed el Houcein"}, "UN:QDi.298", raqib.Hit},
		{"officer's spelling", raqib.Query{Name: "Abdul Rahman Ould Mohamed el Houcein"}, "UN:QDi.298", ""},
		{"passport only", raqib.Query{Documents: []raqib.Document{{Type: "passport", Number: "1084010"}}}, "UN:QDi.006", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Screen(context.Background(), tc.q)
			require.NoError(t, err)
			require.NotEmpty(t, res.Matches)
			m := res.Matches[0]
			assert.Equal(t, tc.want, m.EntryID, "%+v", m)
			assert.NotEmpty(t, m.Decision)
			if tc.dec != "" {
				assert.Equal(t, tc.dec, m.Decision, "%+v", m.Features)
			}
			assert.NotEmpty(t, m.Features)
			require.Len(t, res.Lists, 1)
			assert.Equal(t, "UN", res.Lists[0].Source)
			assert.NotEmpty(t, res.Lists[0].Version)
		})
	}
}

func TestScreenClearsTravellers(t *testing.T) {
	s := screener(t)
	for _, q := range []raqib.Query{
		{Name: "Mohammed al-Hassan", BirthDate: "1990-03-04", Nationality: "JO"},
		{Name: "Anna Maria Eriksson", BirthDate: "1974-08-12", Nationality: "SE"},
		{Name: "Ahmed Ali", BirthDate: "2001-11-30", Nationality: "EG", Gender: "male"},
	} {
		res, err := s.Screen(context.Background(), q)
		require.NoError(t, err)
		for _, m := range res.Matches {
			assert.NotEqual(t, raqib.Hit, m.Decision, "%q hit %s %q %.3f", q.Name, m.EntryID, m.MatchedName, m.Score)
		}
	}
}

func TestScreenDeterministic(t *testing.T) {
	s := screener(t)
	q := raqib.Query{Name: "Mohamed Ali", BirthDate: "1970"}
	a, err := s.Screen(context.Background(), q)
	require.NoError(t, err)
	for i := 0; i < 3; i++ {
		b, err := s.Screen(context.Background(), q)
		require.NoError(t, err)
		b.Elapsed = a.Elapsed
		assert.Equal(t, a, b)
	}
}

func TestScreenFilters(t *testing.T) {
	s := screener(t)
	q := raqib.Query{Name: "Ayman al-Zawahiri", ListTypes: []string{"Al-Qaida"}}
	res, err := s.Screen(context.Background(), q)
	require.NoError(t, err)
	require.NotEmpty(t, res.Matches)
	for _, m := range res.Matches {
		assert.Equal(t, "Al-Qaida", m.Entry.ListType)
	}
	q.ListTypes = []string{"DPRK"}
	res, err = s.Screen(context.Background(), q)
	require.NoError(t, err)
	for _, m := range res.Matches {
		assert.NotEqual(t, "UN:QDi.006", m.EntryID)
	}
	res, err = s.Screen(context.Background(), raqib.Query{Name: "Ayman al-Zawahiri", Kind: lists.KindOrganisation})
	require.NoError(t, err)
	for _, m := range res.Matches {
		assert.Equal(t, lists.KindOrganisation, m.Entry.Kind)
	}
}

// TestScreenKindFilterOneKind: on lists whose entries are all of one kind,
// a kind filter is answered without reading each entry's kind — and still
// answered: the other kind finds nothing, the same kind everything.
func TestScreenKindFilterOneKind(t *testing.T) {
	ctx := context.Background()
	l := &lists.List{Source: "NAT", Version: "1", Entries: []lists.Entry{
		{ID: "NAT:1", Source: "NAT", Ref: "1", Kind: lists.KindPerson, Names: []lists.Name{{Full: "Karim Belkacemi", Quality: lists.NamePrimary}}},
		{ID: "NAT:2", Source: "NAT", Ref: "2", Kind: lists.KindPerson, Names: []lists.Name{{Full: "Karim Belkacem", Quality: lists.NamePrimary}}},
	}}
	s, err := New(ctx, WithLists(l))
	require.NoError(t, err)
	for _, tc := range []struct {
		q    raqib.Query
		want int
	}{
		{raqib.Query{Name: "Karim Belkacemi"}, 2},
		{raqib.Query{Name: "Karim Belkacemi", Kind: lists.KindPerson}, 2},
		{raqib.Query{Name: "Karim Belkacemi", BirthDate: "1988"}, 2},
		{raqib.Query{Name: "Karim Belkacemi", Kind: lists.KindOrganisation}, 0},
		{raqib.Query{Name: "Karim Belkacemi", Kind: lists.KindVessel}, 0},
	} {
		res, err := s.Screen(ctx, tc.q)
		require.NoError(t, err)
		assert.Equal(t, tc.want, res.Candidates, "%+v", tc.q)
	}
}

func TestScreenErrors(t *testing.T) {
	s := screener(t)
	_, err := s.Screen(context.Background(), raqib.Query{})
	require.Error(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = s.Screen(ctx, raqib.Query{Name: "Ayman al-Zawahiri"})
	require.ErrorIs(t, err, context.Canceled)
	_, err = New(context.Background(), WithThresholds(0.9, 0.5))
	require.Error(t, err)
}

func TestScreenBatchOrderedAndConcurrent(t *testing.T) {
	s := screener(t)
	names := []string{"Ayman al-Zawahiri", "Djamel Lounici", "", "Abdarrahmane ould Mohamed el Houcein", "Hambali"}
	var qs []raqib.Query
	for i := 0; i < 40; i++ {
		qs = append(qs, raqib.Query{ID: fmt.Sprint(i), Name: names[i%len(names)]})
	}
	out, err := s.ScreenBatch(context.Background(), qs)
	require.NoError(t, err)
	require.Len(t, out, len(qs))
	for i, br := range out {
		if names[i%len(names)] == "" {
			require.Error(t, br.Err)
			continue
		}
		require.NoError(t, br.Err)
		assert.Equal(t, qs[i].ID, br.Result.QueryID)
		single, err := s.Screen(context.Background(), qs[i])
		require.NoError(t, err)
		single.Elapsed = br.Result.Elapsed
		assert.Equal(t, single, br.Result)
	}
}

// qaidaList returns the embedded UN list and a list of its Al-Qaida (2253)
// entries only.
func qaidaList(t *testing.T) (full, small *lists.List) {
	t.Helper()
	full, err := lists.Default()
	require.NoError(t, err)
	small = &lists.List{Source: "UN", Version: "al-qaida-only"}
	for _, e := range full.Entries {
		if e.ListType == "Al-Qaida" {
			small.Entries = append(small.Entries, e)
		}
	}
	return full, small
}

// TestReplaceWhileScreening swaps lists while screens run (run it with -race).
func TestReplaceWhileScreening(t *testing.T) {
	full, small := qaidaList(t)
	s, err := New(context.Background(), WithLists(small))
	require.NoError(t, err)
	ctx := context.Background()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := s.Screen(ctx, raqib.Query{Name: "Ayman al-Zawahiri"})
				if !assert.NoError(t, err) {
					return
				}
				assert.Len(t, res.Lists, 1)
				assert.NotEmpty(t, res.Matches)
			}
		}()
	}
	for i := 0; i < 3; i++ {
		l := small
		if i%2 == 0 {
			l = full
		}
		// Forced: the test is about swapping while screening, and small is
		// a shrink that Replace refuses by default.
		require.NoError(t, s.Replace(ctx, []*lists.List{l}, Force()))
	}
	// A failed replacement keeps the old snapshot.
	dup := &lists.List{Source: "UN", Version: "dup", Entries: []lists.Entry{full.Entries[0], full.Entries[0]}}
	require.Error(t, s.Replace(ctx, []*lists.List{dup}))
	close(stop)
	wg.Wait()
	assert.Equal(t, full.Version, s.Lists()[0].Version)
	assert.Equal(t, len(full.Entries), s.Entries())
}

func TestNewCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New(ctx)
	require.True(t, errors.Is(err, context.Canceled), "%v", err)
}

func ExampleScreener_Screen() {
	ctx := context.Background()
	s, err := New(ctx) // the embedded UN Security Council Consolidated List
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := s.Screen(ctx, raqib.Query{Name: "Ayman al-Zawahiri", BirthDate: "1951", Nationality: "EG"})
	if err != nil {
		fmt.Println(err)
		return
	}
	m := res.Matches[0]
	fmt.Println(m.EntryID, m.Decision, m.MatchedName)
	// Output: UN:QDi.006 hit Al Zawahiri Ayman
}

// TestSmallWatchlist checks that a national watchlist of a few entries weighs
// names as the UN list does: its own handful of names says nothing about
// which are common.
func TestSmallWatchlist(t *testing.T) {
	wl := &lists.List{Source: "NATIONAL", Version: "1", Entries: []lists.Entry{
		{ID: "NATIONAL:1", Source: "NATIONAL", Ref: "1", Kind: lists.KindPerson,
			Names: []lists.Name{{Full: "DJAMEL LOUNICI", Quality: lists.NamePrimary}}},
		{ID: "NATIONAL:2", Source: "NATIONAL", Ref: "2", Kind: lists.KindPerson,
			Names: []lists.Name{{Full: "MOHAMMED HASSAN ALI", Quality: lists.NamePrimary}}},
	}}
	s, err := New(context.Background(), WithLists(wl))
	require.NoError(t, err)
	res, err := s.Screen(context.Background(), raqib.Query{Name: "Jamal Lounici"})
	require.NoError(t, err)
	require.NotEmpty(t, res.Matches)
	assert.Equal(t, "NATIONAL:1", res.Matches[0].EntryID)
	assert.Equal(t, raqib.Hit, res.Matches[0].Decision)

	res, err = s.Screen(context.Background(), raqib.Query{Name: "Mohamed Hassan"})
	require.NoError(t, err)
	for _, m := range res.Matches {
		assert.NotEqual(t, raqib.Hit, m.Decision, "common names alone are not a hit: %s %.3f", m.EntryID, m.Score)
	}
}

func TestIndexDir(t *testing.T) {
	_, small := qaidaList(t)
	dir := filepath.Join(t.TempDir(), "index")
	ctx := context.Background()
	s, err := New(ctx, WithLists(small), WithIndexDir(dir))
	require.NoError(t, err)
	require.DirExists(t, dir)
	res, err := s.Screen(ctx, raqib.Query{Name: "Djamel Lounici"})
	require.NoError(t, err)
	require.NotEmpty(t, res.Matches)
	assert.Equal(t, "UN:QDi.155", res.Matches[0].EntryID)

	// The same lists again: nothing to index, the index serves on.
	require.NoError(t, s.Replace(ctx, []*lists.List{small}))
	require.DirExists(t, dir)
	require.NoError(t, s.Replace(ctx, []*lists.List{small}, Reindex()))
	assert.Eventually(t, func() bool {
		_, err := os.Stat(dir)
		return os.IsNotExist(err)
	}, 5*time.Second, 20*time.Millisecond, "the replaced index is removed")
	res, err = s.Screen(ctx, raqib.Query{Name: "Djamel Lounici"})
	require.NoError(t, err)
	assert.Equal(t, "UN:QDi.155", res.Matches[0].EntryID)
	require.NoError(t, s.Close())
	entries, err := os.ReadDir(filepath.Dir(dir))
	require.NoError(t, err)
	assert.Empty(t, entries, "Close removes the last index")
}
