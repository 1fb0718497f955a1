package matcher

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
)

// TestKeeperRestore holds a kept and restored Prepared to Matcher.Prepare:
// queries prepared by one Matcher (an empty one, weighed with the embedded
// UN list's names, as a monitor prepares its parties when it registers
// them), kept, then restored for other Matchers — the UN list's own, a
// Matcher of a few of its entries with its frequencies (a list update's
// scorer), and one of other entries with frequencies of their own — must
// be the Prepared each Matcher's Prepare gives, field for field, and score
// alike against the entries. Restoring again after the kept forms were
// refreshed gives the same, and a second Matcher of the same frequencies
// only looks the tokens up.
func TestKeeperRestore(t *testing.T) {
	es := unEntries(t)
	un := New(es)
	few := New(es[:40], WithFrequenciesOf(un))
	again := New(es[40:90], WithFrequenciesOf(un))
	other := New(es[300:900])
	qs := boundQueries(t, 15, 80)
	qs = append(qs,
		raqib.Query{Name: "Abu Bakr al-Baghdadi", AltNames: []string{"ابو بكر البغدادي"}, BirthDate: "1971",
			Documents: []raqib.Document{{Type: "passport", Number: "A1234567", Country: "IQ"}}, BirthPlace: "Samarra, Iraq"},
		raqib.Query{Name: "Kim Jong Un", BirthDate: "1984-01-08", Nationality: "KP", Gender: "male"},
		raqib.Query{Name: "Ri Yong-ho", BirthDate: "1974-01-32", Nationality: "Atlantis"}, // fields not understood: warnings
		raqib.Query{Documents: []raqib.Document{{Number: "X99"}}},                         // no name
	)
	tok := New(nil)
	k := NewKeeper()
	kept := make([]*Kept, len(qs))
	for i, q := range qs {
		p, err := tok.Prepare(q)
		require.NoError(t, err, "query %d", i)
		kp, ok := k.Keep(tok, p)
		require.True(t, ok)
		kept[i] = kp
	}
	for _, tc := range []struct {
		name string
		m    *Matcher
	}{{"the list's own", un}, {"an update's, its frequencies", few}, {"the next update's", again}, {"other frequencies", other}} {
		b := k.Bind(tc.m)
		if tc.m == again {
			require.Zero(t, b.Prepared, "%s: the same frequencies as the Matcher bound before", tc.name)
		}
		require.Equal(t, k.Tokens(), b.Prepared+b.Looked)
		bd := tc.m.NewBound()
		for i, q := range qs {
			want, err := tc.m.Prepare(q)
			require.NoError(t, err)
			got, fresh := bd.Restore(b, q, kept[i])
			require.Equal(t, want, got, "%s: query %d (%q)", tc.name, i, q.Name)
			if fresh != nil {
				kept[i] = fresh
				again, fresh2 := b.Restore(q, fresh)
				require.Nil(t, fresh2)
				require.Equal(t, want, again)
			}
			for e := i % 7; e < tc.m.Len(); e += 7 {
				ws, wok := tc.m.ScoreAbove(want, e, 0.5)
				gs, gok := bd.ScoreAbove(got, e, 0.5)
				require.Equal(t, wok, gok, "%s: query %d, entry %d", tc.name, i, e)
				require.Equal(t, ws, gs, "%s: query %d, entry %d", tc.name, i, e)
			}
			want.Release()
			got.Release()
		}
	}
}

// TestKeeperFingerprints: a query with fingerprints is not kept (its
// templates are the Matcher's to prepare).
func TestKeeperFingerprints(t *testing.T) {
	m := New(nil)
	p := &Prepared{fingers: []preparedFinger{{}}}
	_, ok := NewKeeper().Keep(m, p)
	require.False(t, ok)
}
