package screening

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher/fingerprint"
	"github.com/raqib/raqib/matcher/fingerprint/fingerprinttest"
)

// TestTwoFingers: a traveller's two index fingers, each alone under the
// threshold of the watchlist's source, are a hit together (fused), on
// fingerprints alone; one of them is not.
func TestTwoFingers(t *testing.T) {
	gen := fingerprinttest.New(2322)
	right, left := gen.Finger(), gen.Finger()
	tmpl := func(pos int, f fingerprinttest.Finger) lists.FingerprintTemplate {
		return lists.FingerprintTemplate{Format: fingerprint.FormatISO, Position: pos, Data: gen.ISO(f)}
	}
	entry := lists.Entry{ID: "NAT:1", Source: "NAT", Ref: "1", Kind: lists.KindPerson,
		Names:        []lists.Name{{Full: "Karim Haddad", Quality: lists.NamePrimary}},
		Fingerprints: []lists.FingerprintTemplate{tmpl(2, right), tmpl(7, left)}}
	var others []lists.Entry
	for i := range 30 {
		others = append(others, lists.Entry{ID: "NAT:x" + string(rune('a'+i)), Source: "NAT", Ref: "x", Kind: lists.KindPerson,
			Names:        []lists.Name{{Full: "Someone Else", Quality: lists.NamePrimary}},
			Fingerprints: []lists.FingerprintTemplate{tmpl(2, gen.Finger()), tmpl(7, gen.Finger())}})
	}
	q := raqib.Query{Fingerprints: []lists.FingerprintTemplate{tmpl(2, right), tmpl(7, left)}}

	// The threshold between the better finger alone and the two fused.
	var m fingerprint.MinutiaeMatcher
	score := func(a, b lists.FingerprintTemplate) float64 {
		fa, err := m.Prepare(a.Format, a.Data)
		require.NoError(t, err)
		fb, err := m.Prepare(b.Format, b.Data)
		require.NoError(t, err)
		return m.Compare(fa, fb)
	}
	r, l := score(q.Fingerprints[0], entry.Fingerprints[0]), score(q.Fingerprints[1], entry.Fingerprints[1])
	fused := m.Fuse([]float64{r, l})
	require.Greater(t, fused, max(r, l)+0.01, "right %.3f left %.3f", r, l)
	thr := (max(r, l) + fused) / 2

	list := &lists.List{Source: "NAT", Version: "1", Entries: append([]lists.Entry{entry}, others...)}
	s, err := New(context.Background(), WithLists(list), WithFingerprintThreshold("NAT", thr))
	require.NoError(t, err)
	defer s.Close()

	res, err := s.Screen(context.Background(), q)
	require.NoError(t, err)
	require.NotEmpty(t, res.Matches)
	top := res.Matches[0]
	assert.Equal(t, "NAT:1", top.EntryID)
	assert.Equal(t, raqib.Hit, top.Decision)
	var fp raqib.Feature
	for _, f := range top.Features {
		if f.Name == raqib.FeatureFingerprint {
			fp = f
		}
	}
	assert.Equal(t, 1.0, fp.Score)
	assert.Contains(t, fp.Detail, "2 fingers (right index")
	assert.Contains(t, fp.Detail, "the same person")

	one := raqib.Query{Fingerprints: q.Fingerprints[:1]}
	res, err = s.Screen(context.Background(), one)
	require.NoError(t, err)
	for _, mt := range res.Matches {
		assert.NotEqual(t, raqib.Hit, mt.Decision, "one finger under the source's threshold: %s %.3f", mt.EntryID, mt.Score)
	}
}

func TestWithFingerprintThreshold(t *testing.T) {
	for _, v := range []float64{0, -0.1, 1.5} {
		_, err := New(context.Background(), WithFingerprintThreshold("UN", v))
		assert.ErrorContains(t, err, "outside (0,1]", "%v", v)
	}
}
