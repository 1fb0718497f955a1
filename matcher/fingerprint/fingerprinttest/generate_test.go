package fingerprinttest_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/matcher/fingerprint"
	"github.com/raqib/raqib/matcher/fingerprint/fingerprinttest"
)

func TestDeterministic(t *testing.T) {
	a, b := fingerprinttest.New(5), fingerprinttest.New(5)
	fa, fb := a.Finger(), b.Finger()
	assert.Equal(t, fa, fb)
	assert.Equal(t, a.ISO(fa), b.ISO(fb))
	c := fingerprinttest.New(6)
	assert.NotEqual(t, fa, c.Finger())
}

func TestImpressions(t *testing.T) {
	g := fingerprinttest.New(1)
	var masters, kept, n int
	for range 200 {
		f := g.Finger()
		require.GreaterOrEqual(t, f.Len(), 25)
		require.LessOrEqual(t, f.Len(), 70)
		masters += f.Len()
		data := g.ISO(f)
		r, err := fingerprint.ParseISO(data)
		require.NoError(t, err)
		require.Len(t, r.Views, 1)
		assert.Equal(t, uint16(fingerprinttest.Width), r.Width)
		assert.Equal(t, uint16(fingerprinttest.Res), r.ResX)
		assert.Equal(t, f.Position, r.Views[0].Position)
		for _, m := range r.Views[0].Minutiae {
			assert.Less(t, m.X, uint16(fingerprinttest.Width))
			assert.Less(t, m.Y, uint16(fingerprinttest.Height))
			assert.Contains(t, []fingerprint.MinutiaType{fingerprint.TypeRidgeEnding, fingerprint.TypeBifurcation}, m.Type)
		}
		kept += len(r.Views[0].Minutiae)
		n++
	}
	// 20% lost, 10% spurious, some pushed out of the frame: 75–90% of the master count.
	ratio := float64(kept) / float64(masters)
	assert.InDelta(t, 0.83, ratio, 0.08, "impression/master minutiae ratio")
	assert.InDelta(t, 47.5, float64(masters)/float64(n), 4, "mean master minutiae")
}

func ExampleGenerator() {
	g := fingerprinttest.New(42)
	finger := g.Finger()
	rec := g.Impression(finger) // rotated, shifted, distorted, noisy
	data, err := rec.AppendISO(nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(data[:3]), "record,", finger.Len() >= 25, len(rec.Views[0].Minutiae) > 0)
	// Output: FMR record, true true
}
