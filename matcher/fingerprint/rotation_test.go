package fingerprint_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/matcher/fingerprint"
	"github.com/raqib/raqib/matcher/fingerprint/fingerprinttest"
	"github.com/raqib/raqib/matcher/fingerprint/fpeval"
)

// rotated returns a copy of the record's first view turned by deg degrees
// (image coordinates) about its minutiae's centroid, moved into a frame
// large enough that no coordinate is negative.
func rotated(r *fingerprint.Record, deg float64) *fingerprint.Record {
	ms := r.Views[0].Minutiae
	var cx, cy float64
	for _, m := range ms {
		cx += float64(m.X)
		cy += float64(m.Y)
	}
	cx, cy = cx/float64(len(ms)), cy/float64(len(ms))
	sin, cos := math.Sincos(deg * math.Pi / 180)
	out := &fingerprint.Record{ResX: r.ResX, ResY: r.ResY, Views: []fingerprint.View{{Position: r.Views[0].Position}}}
	for _, m := range ms {
		dx, dy := float64(m.X)-cx, float64(m.Y)-cy
		m.X = uint16(math.Round(500 + cos*dx - sin*dy))
		m.Y = uint16(math.Round(500 + sin*dx + cos*dy))
		// Record angles are counter-clockwise with y up: a turn by deg
		// in image coordinates (y down) turns them by -deg.
		m.Angle = math.Mod(m.Angle-deg+720, 360)
		out.Views[0].Minutiae = append(out.Views[0].Minutiae, m)
	}
	return out
}

// TestMaxRotation checks that an impression turned further than two
// impressions of one upright finger can be (DefaultMaxRotation) is not
// matched by default, and is at any rotation with MaxRotation 180: on
// synthetic fingers, and on the first impression of the first finger of
// each FVC2002 database when ../shared holds them.
func TestMaxRotation(t *testing.T) {
	g := fingerprinttest.New(7)
	var recs []*fingerprint.Record
	for range 5 {
		recs = append(recs, g.Impression(g.Finger()))
	}
	t.Run("synthetic", func(t *testing.T) { checkRotations(t, recs) })
	t.Run("FVC2002", func(t *testing.T) {
		ts, err := fpeval.LoadFVC(fvcDir(t))
		require.NoError(t, err)
		var real []*fingerprint.Record
		for i := 0; i < len(ts); i += 80 { // 80 templates a database
			r, err := fingerprint.Parse(ts[i].Format, ts[i].Data)
			require.NoError(t, err, ts[i].Name)
			real = append(real, r)
		}
		require.Len(t, real, 4)
		checkRotations(t, real)
	})
}

func checkRotations(t *testing.T, recs []*fingerprint.Record) {
	tests := []struct {
		deg         float64
		maxRotation float64
		hit         bool
	}{
		{0, 0, true},
		{45, 0, true},
		{-70, 0, true},
		{70, 0, true},
		{85, 0, false},
		{-120, 0, false},
		{180, 0, false},
		{85, 90, true},
		{-120, 180, true},
		{180, 180, true},
		{180, -1, true},
	}
	for i, imp := range recs {
		probe, err := fingerprint.PrepareRecord(imp)
		require.NoError(t, err)
		for _, tt := range tests {
			t.Run(fmt.Sprintf("template %d turned %v° at MaxRotation %v", i, tt.deg, tt.maxRotation), func(t *testing.T) {
				cand, err := fingerprint.PrepareRecord(rotated(imp, tt.deg))
				require.NoError(t, err)
				m := fingerprint.MinutiaeMatcher{MaxRotation: tt.maxRotation}
				s := m.Compare(probe, cand)
				if tt.hit {
					assert.GreaterOrEqual(t, s, m.Threshold())
				} else {
					assert.Less(t, s, m.Threshold())
				}
			})
		}
	}
}
