package screening

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
)

// TestFiltersNeverClearSilently: a filter value that names nothing the
// screener holds is an error naming what it holds, and the names people use
// for a list or regime find it.
func TestFiltersNeverClearSilently(t *testing.T) {
	s := screener(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name      string
		lists     []string
		listTypes []string
		wantErr   string // "" : must find QDi.006
	}{
		{"source as written", []string{"UN"}, nil, ""},
		{"source lower case", []string{"un"}, nil, ""},
		{"regime as written", nil, []string{"Al-Qaida"}, ""},
		{"regime lower case", nil, []string{"al-qaida"}, ""},
		{"regime other spelling", nil, []string{"Al-Qaeda"}, ""},
		{"regime by ISIL", nil, []string{"ISIL/Da'esh"}, ""},
		{"regime by resolution", nil, []string{"1267"}, ""},
		{"list not loaded", []string{"OFAC"}, nil, `"OFAC" is not a list being screened (the lists are UN)`},
		{"unknown regime", nil, []string{"Al-Qaida-ish"}, `"Al-Qaida-ish" is not a regime`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := s.Screen(ctx, raqib.Query{Name: "Ayman al-Zawahiri", Lists: tc.lists, ListTypes: tc.listTypes})
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, ErrBadQuery)
				assert.Contains(t, err.Error(), tc.wantErr)
				if tc.listTypes != nil {
					assert.Contains(t, err.Error(), "Al-Qaida", "the error names the regimes held")
				}
				return
			}
			require.NoError(t, err)
			require.NotEmpty(t, res.Matches)
			assert.Equal(t, "UN:QDi.006", res.Matches[0].EntryID)
			assert.Equal(t, raqib.Hit, res.Decision())
		})
	}
}

// TestReplaceRefusesListsThatHide: an empty list, a list that lost most of
// its entries and a replacement without a list serving now are refused with
// the numbers, and the old snapshot keeps serving; Force accepts the shrink.
func TestReplaceRefusesListsThatHide(t *testing.T) {
	full, small := qaidaList(t)
	ctx := context.Background()
	s, err := New(ctx, WithLists(full))
	require.NoError(t, err)
	defer s.Close()

	other := &lists.List{Source: "NATIONAL", Version: "1", Entries: []lists.Entry{{ID: "NATIONAL:1", Source: "NATIONAL", Ref: "1",
		Kind: lists.KindPerson, Names: []lists.Name{{Full: "DJAMEL LOUNICI", Quality: lists.NamePrimary}}}}}
	for _, tc := range []struct {
		name string
		ls   []*lists.List
		want string
	}{
		{"nil", nil, "no lists"},
		{"nil list", []*lists.List{nil}, "list 0 is nil"},
		{"empty list", []*lists.List{{Source: "UN", Version: "x"}}, "holds no entries"},
		{"shrunk list", []*lists.List{small}, "would shrink from 1009 to 343 entries (66%, more than the 10% allowed)"},
		{"list left out", []*lists.List{other}, "list UN (1009 entries, version 2026-05-08T23:00:06.922Z) is not in the replacement"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := s.Replace(ctx, tc.ls)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Equal(t, len(full.Entries), s.Entries(), "the old snapshot keeps serving")
		})
	}
	require.NoError(t, s.Replace(ctx, []*lists.List{small}, Force()))
	assert.Equal(t, len(small.Entries), s.Entries())
	require.NoError(t, s.Replace(ctx, []*lists.List{{Source: "UN", Version: "emptied"}}, Force()), "the operator may force even an empty list")
	assert.Zero(t, s.Entries())
	require.Error(t, s.Replace(ctx, nil, Force()), "but never no lists at all")

	_, err = New(ctx, WithLists(&lists.List{Source: "UN", Version: "x"}))
	require.ErrorContains(t, err, "holds no entries")
	s2, err := New(ctx, WithLists(full), WithMaxShrink(0.7))
	require.NoError(t, err)
	require.NoError(t, s2.Replace(ctx, []*lists.List{small}), "66% is within a 70% allowance")
	require.NoError(t, s2.Close())
}

func TestLifecycle(t *testing.T) {
	_, small := qaidaList(t)
	ctx := context.Background()
	s, err := New(ctx, WithLists(small))
	require.NoError(t, err)
	require.NoError(t, s.Close())
	require.NoError(t, s.Close(), "closing twice does nothing")
	assert.ErrorIs(t, s.Replace(ctx, []*lists.List{small}), ErrClosed)
	_, err = s.Screen(ctx, raqib.Query{Name: "Djamel Lounici"})
	assert.ErrorIs(t, err, ErrClosed)
	assert.Nil(t, s.Lists())
	assert.Zero(t, s.Entries())

	for _, o := range []Option{WithMinScore(math.NaN()), WithMaxShrink(math.NaN()), WithThresholds(math.NaN(), 0.9), WithMaxShrink(2)} {
		_, err := New(ctx, WithLists(small), o)
		assert.Error(t, err)
	}
}

// TestResultsAreCopies: a caller that edits a result does not edit the
// snapshot.
func TestResultsAreCopies(t *testing.T) {
	s := screener(t)
	res, err := s.Screen(context.Background(), raqib.Query{Name: "Djamel Lounici"})
	require.NoError(t, err)
	res.Lists[0].Version = "edited"
	assert.NotEqual(t, "edited", s.Lists()[0].Version)
}

func TestQueryLimits(t *testing.T) {
	s := screener(t)
	for _, q := range []raqib.Query{
		{Name: strings.Repeat("محمد ", 400)},
		{Name: strings.Repeat("a ", 45)},
		{Name: "Ayman", BirthDate: strings.Repeat("1", 300)},
		{Name: "Ayman", Documents: make([]raqib.Document, 40)},
		{Name: "Ayman", Fingerprints: []lists.FingerprintTemplate{{Format: strings.Repeat("x", 5<<20)}}},
		{Name: "bad \xff utf-8"},
	} {
		_, err := s.Screen(context.Background(), q)
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrBadQuery)
		assert.ErrorIs(t, err, raqib.ErrInvalidQuery)
		assert.Less(t, len(err.Error()), 200, "the error does not quote the query")
	}
}

// TestScreenBatchTimeoutKeepsResults: a batch whose context ends returns what
// was screened, and an error for each query that was not.
func TestScreenBatchTimeoutKeepsResults(t *testing.T) {
	s := screener(t)
	// Seconds of work and a deadline long enough that some queries finish
	// on a loaded machine (under -race, beside other test binaries).
	qs := make([]raqib.Query, 20000)
	for i := range qs {
		qs[i] = raqib.Query{Name: "Ayman al-Zawahiri"}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	out, err := s.ScreenBatch(ctx, qs)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.Len(t, out, len(qs))
	done, failed := 0, 0
	for _, r := range out {
		switch {
		case r.Err == nil:
			require.NotNil(t, r.Result)
			done++
		case errors.Is(r.Err, context.DeadlineExceeded):
			failed++
		default:
			t.Fatalf("unexpected error %v", r.Err)
		}
	}
	assert.Positive(t, done, "the queries screened before the deadline keep their results")
	assert.Positive(t, failed)
	assert.Equal(t, len(qs), done+failed)
}

// TestSubscribe: a Replace tells its subscribers what changed, entry by
// entry, with the lists before and after.
func TestSubscribe(t *testing.T) {
	ctx := context.Background()
	old, err := lists.Load("../testdata/lists/un-consolidated-2020-11-30.xml")
	require.NoError(t, err)
	cur, err := lists.Default()
	require.NoError(t, err)
	s, err := New(ctx, WithLists(old))
	require.NoError(t, err)
	defer s.Close()
	var got []Update
	cancel := s.Subscribe(func(_ context.Context, u Update) { got = append(got, u) })
	require.NoError(t, s.Replace(ctx, []*lists.List{cur}, Force()))
	require.Len(t, got, 1)
	want := lists.Diff(old, cur)
	assert.Len(t, got[0].Delta.Added, len(want.Added))
	assert.Len(t, got[0].Delta.Removed, len(want.Removed))
	assert.Len(t, got[0].Delta.Changed, len(want.Changed))
	assert.Equal(t, old.Version, got[0].Before[0].Version)
	assert.Equal(t, cur.Version, got[0].After[0].Version)
	cancel()
	require.NoError(t, s.Replace(ctx, []*lists.List{cur}))
	assert.Len(t, got, 1, "no update after cancel")
}
