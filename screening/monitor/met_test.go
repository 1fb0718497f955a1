package monitor

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
)

// TestLostAmongMet holds the narrowing of the room to lose to what each
// party's retrieval met (screening.Result.Met, metSet): an entry lost counts
// against a party's room only when its retrieval met it. The list makes
// "omar" and "haddad" frequent keys, read in pairs; the party, Omar Haddad
// born 1970, is a person, and three organisations named Omar Haddad (no
// birth year: the pair's entries without a year are read with it) fill its
// window of three before its filter drops them, so that the pair is not
// read without the year, and a person of that name born 1972 is not met.
// When one of the organisations is delisted, a full re-screen reads the
// pair without the year and raises an alert on that person, who did not
// change. The Monitor must screen the party forward for its room: it met
// the organisation removed. A Monitor told that the party met nothing —
// the narrowing gone wrong — must miss the alert.
func TestLostAmongMet(t *testing.T) {
	ctx := context.Background()
	var es []lists.Entry
	for i := range 45 {
		es = append(es, person(fmt.Sprintf("o%d", i), fmt.Sprintf("Omar Zubeidat%c%c", 'a'+i%26, 'a'+i/26), "1900-01-01", ""),
			person(fmt.Sprintf("h%d", i), fmt.Sprintf("Wissam%c%c Haddad", 'a'+i%26, 'a'+i/26), "1900-01-01", ""))
	}
	for i := range 3 {
		o := lists.Entry{ID: fmt.Sprintf("NWL:org%d", i), Source: "NWL", Ref: fmt.Sprintf("org%d", i), Kind: lists.KindOrganisation,
			Names: []lists.Name{{Full: "Omar Haddad", Quality: lists.NamePrimary}}}
		es = append(es, o)
	}
	es = append(es, person("b", "Haddad Omar", "1972-05-05", ""))
	before := smallList("v1", es...)
	var kept []lists.Entry
	for _, e := range before.Entries {
		if e.ID != "NWL:org0" {
			kept = append(kept, e)
		}
	}
	after := smallList("v2", kept...)

	s, err := screening.New(ctx, screening.WithLists(before), screening.WithWindow(3))
	require.NoError(t, err)
	defer s.Close()
	omar := Party{ID: "omar", Query: raqib.Query{Name: "Omar Haddad", BirthDate: "1970-05-05"}}
	ps := []Party{omar}
	res, err := s.Screen(screening.WithMet(ctx), omar.Query)
	require.NoError(t, err)
	require.Empty(t, res.Matches, "the person born 1972 is not met before the update")
	require.Zero(t, res.RoomToLose, "the window had no room for the pair without the year")
	require.Contains(t, res.Met, "NWL:org0", "the organisations are met before the filter drops them")

	good, err := New(ctx, s, WithLists(before))
	require.NoError(t, err)
	defer good.Close()
	blind, err := New(ctx, s, WithLists(before))
	require.NoError(t, err)
	defer blind.Close()
	for _, m := range []*Monitor{good, blind} {
		_, err := m.Register(ctx, ps...)
		require.NoError(t, err)
	}
	require.NotNil(t, blind.parties["omar"].met)
	blind.parties["omar"].met = metSet{}

	require.NoError(t, s.Replace(ctx, []*lists.List{after}))
	rep := good.Stats().LastUpdate
	require.False(t, rep.Full, "the Replace is followed incrementally: %s", rep.Why)
	want, _ := truth(t, s, ps)
	require.Contains(t, want["omar"], "NWL:b", "a full re-screen meets the person born 1972")
	assert.Empty(t, diffAlerts(want, alertsOf(good)), "the alerts equal a full re-screen")
	assert.Equal(t, 1, rep.NoRoom, "the party that met the organisation removed is screened for its room")
	assert.NotEmpty(t, diffAlerts(want, alertsOf(blind)), "counting the organisation as not met misses the alert")
}

// TestHashSetAmong holds the count of lost entries among those met to at
// least the entries both hold, when hashes repeat or collide.
func TestHashSetAmong(t *testing.T) {
	tests := []struct {
		name      string
		lost, met []uint32
		want      int32
	}{
		{"none met", []uint32{5, 9}, nil, 0},
		{"none lost", nil, []uint32{1, 2}, 0},
		{"one of two", []uint32{2, 7}, []uint32{1, 2, 3}, 1},
		{"both", []uint32{2, 3}, []uint32{1, 2, 3}, 2},
		{"a low-bit twin that is not held", []uint32{2}, []uint32{66}, 0},
		{"two lost of one hash, one met", []uint32{4, 4}, []uint32{4}, 2},
		{"one lost, two met of its hash", []uint32{4}, []uint32{4, 4}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var h hashSet
			for _, x := range tc.lost {
				h.add(x)
			}
			assert.Equal(t, tc.want, h.among(tc.met))
		})
	}
	assert.Nil(t, metOf(&screening.Result{}), "a room to lose not bounded leaves what was met unknown")
	assert.Equal(t, metSet{}, metOf(&screening.Result{Met: []string{}}), "a bounded room that met nothing")
}
