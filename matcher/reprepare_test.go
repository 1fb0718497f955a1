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

// TestKeeperForget: a token that no query kept holds any more is
// forgotten — no longer bound, its room taken by the next token kept — and
// the queries still kept, and those kept after, restore as Matcher.Prepare
// prepares them.
func TestKeeperForget(t *testing.T) {
	es := unEntries(t)
	sc := New(es[:50], WithFrequenciesOf(New(es)))
	tok := New(nil)
	qs := []raqib.Query{
		{Name: "Karim Belkacemi"},      // 0: forgotten
		{Name: "Karim Haddad"},         // 1: shares "karim" with 0
		{Name: "Ivan Petrovich Sokol"}, // 2: forgotten
		{Name: "Zhang Wei"},            // 3: kept after, in the room forgotten
		{Name: "Olumide Adebayo Okafor"},
	}
	k := NewKeeper()
	kept := make([]*Kept, len(qs))
	keep := func(i int) {
		p, err := tok.Prepare(qs[i])
		require.NoError(t, err)
		kept[i], _ = k.Keep(tok, p)
		p.Release()
	}
	for i := range 3 {
		keep(i)
	}
	all := k.Tokens()
	slots := len(k.toks)
	k.Forget(kept[0])
	require.Equal(t, all-1, k.Tokens(), "only belkacemi is forgotten: karim is Karim Haddad's too")
	k.Forget(kept[2])
	require.Equal(t, 2, k.Tokens(), "karim and haddad are left")
	keep(3)
	keep(4)
	require.Equal(t, 7, k.Tokens())
	require.Equal(t, max(slots, 7), len(k.toks), "the tokens kept after take the room of those forgotten")
	b := k.Bind(sc)
	require.Equal(t, k.Tokens(), b.Prepared+b.Looked, "a token forgotten is not bound")
	bd := sc.NewBound()
	for _, i := range []int{1, 3, 4} {
		want, err := sc.Prepare(qs[i])
		require.NoError(t, err)
		got, _ := bd.Restore(b, qs[i], kept[i])
		require.Equal(t, want, got, "query %d (%q)", i, qs[i].Name)
	}
}
