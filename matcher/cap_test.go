package matcher

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/internal/synth"
	"github.com/raqib/raqib/lists"
)

// TestNameCap holds nameCap, the bound ScoreAbove reads before an entry's
// names, to what the name feature adds to every score: on the real UN list
// (real names, Arabic script among them) and on a synthetic list of 20,000
// people (whose common names lower the namesake scale), for listed and
// unlisted queries, the name's agreement times its weight never exceeds the
// cap under the scale the comparison used.
func TestNameCap(t *testing.T) {
	var syn []*lists.Entry
	require.NoError(t, synth.Entries(context.Background(), 5, 20000, func(e *lists.Entry) error {
		syn = append(syn, e)
		return nil
	}))
	sq, err := synth.Queries(5, 20000, synth.WithPositives(60), synth.WithNegatives(60))
	require.NoError(t, err)
	var synQs []raqib.Query
	for _, q := range sq {
		synQs = append(synQs, q.Query)
	}
	un := unEntries(t)
	var unQs []raqib.Query
	for _, q := range boundQueries(t, 12, 40) {
		unQs = append(unQs, q)
	}
	for i := 0; i < len(un); i += 25 {
		for _, n := range un[i].Names {
			unQs = append(unQs, raqib.Query{Name: n.Full}) // original scripts too
		}
	}
	for _, tc := range []struct {
		name string
		es   []*lists.Entry
		qs   []raqib.Query
		step int
	}{
		{"UN", un, unQs, 7},
		{"synthetic 20k", syn, synQs, 97},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := New(tc.es)
			pairs, tight := 0, 0
			for qi, q := range tc.qs {
				p, err := m.Prepare(q)
				require.NoError(t, err)
				if len(p.forms) == 0 {
					p.Release()
					continue
				}
				for i := qi % tc.step; i < m.Len(); i += tc.step {
					r := m.Compare(p, i, tc.es[i])
					require.Equal(t, raqib.FeatureName, r.Features[0].Name)
					share, limit := r.Features[0].Score*r.Features[0].Weight, p.nameCap()
					require.LessOrEqual(t, share, limit+1e-12, "%q against %s", q.Name, tc.es[i].ID)
					pairs++
					if share > limit-0.05 {
						tight++
					}
				}
				p.Release()
			}
			require.Greater(t, pairs, 10000)
			// The cap is reached: it is the bound, not a constant above it.
			require.Greater(t, tight, 0)
			t.Logf("%d pairs, %d within 0.05 of the cap", pairs, tight)
		})
	}
}
