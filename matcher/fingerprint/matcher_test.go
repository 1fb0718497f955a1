package fingerprint

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMatcherSmallAndForeign(t *testing.T) {
	var m MinutiaeMatcher
	tiny := &Record{ResX: 197, ResY: 197, Views: []View{{Minutiae: []Minutia{
		{X: 100, Y: 100, Angle: 10}, {X: 140, Y: 110, Angle: 80}, {X: 120, Y: 160, Angle: 200}, {X: 170, Y: 150, Angle: 300},
	}}}}
	f, err := PrepareRecord(tiny)
	require.NoError(t, err)
	s := m.Compare(f, f)
	assert.Greater(t, s, 0.0, "identical minutiae pair up")
	assert.Less(t, s, m.Threshold(), "but four minutiae never make a match")

	_, err = PrepareRecord(&Record{Views: []View{{Minutiae: make([]Minutia, 3)}}})
	assert.ErrorContains(t, err, "at least 4 minutiae")
	assert.Zero(t, m.Compare(f, 42), "features of another matcher")
	assert.Zero(t, m.Compare(nil, f))
	assert.Equal(t, 0.3, MinutiaeMatcher{Thresh: 0.3}.Threshold())
}

func TestMatcherResolution(t *testing.T) {
	// The same finger recorded at 1000 dpi (394 px/cm) has doubled coordinates.
	var ms500, ms1000 []Minutia
	pts := [][3]uint16{{100, 100, 10}, {160, 120, 80}, {120, 190, 200}, {200, 170, 300}, {90, 240, 45},
		{230, 60, 120}, {150, 260, 330}, {60, 170, 250}, {210, 250, 15}, {130, 40, 170},
		{250, 130, 95}, {40, 90, 280}, {180, 300, 60}, {100, 320, 140}, {260, 220, 210}, {20, 250, 30}}
	for _, p := range pts {
		ms500 = append(ms500, Minutia{X: p[0], Y: p[1], Angle: float64(p[2])})
		ms1000 = append(ms1000, Minutia{X: 2 * p[0], Y: 2 * p[1], Angle: float64(p[2])})
	}
	a, err := PrepareRecord(&Record{ResX: 197, ResY: 197, Views: []View{{Minutiae: ms500}}})
	require.NoError(t, err)
	b, err := PrepareRecord(&Record{ResX: 394, ResY: 394, Views: []View{{Minutiae: ms1000}}})
	require.NoError(t, err)
	var m MinutiaeMatcher
	assert.InDelta(t, 1, m.Compare(a, b), 1e-9)
}

func TestMatcherLimits(t *testing.T) {
	view := func(n int, pos uint8) View {
		v := View{Position: pos}
		for i := range n {
			v.Minutiae = append(v.Minutiae, Minutia{Type: TypeRidgeEnding, X: uint16(10 + i*7%300), Y: uint16(10 + i*13%400), Angle: float64(i * 37 % 360)})
		}
		return v
	}
	many := func(views, n int) *Record {
		r := &Record{ResX: 197, ResY: 197}
		for v := range views {
			r.Views = append(r.Views, view(n, uint8(v%11)))
		}
		return r
	}
	tests := []struct {
		name string
		r    *Record
		err  string
	}{
		{"at the limits", many(MaxViews, 30), ""},
		{"one view too many", many(MaxViews+1, 30), "17 finger views, more than MaxViews (16)"},
		{"views too small to compare do not count", &Record{Views: append(many(MaxViews, 20).Views, view(3, 1), view(2, 2))}, ""},
		{"a view at MaxMinutiae", many(1, MaxMinutiae), ""},
		{"a view beyond", many(2, MaxMinutiae+1), "finger view 1 has 201 minutiae, more than MaxMinutiae (200)"},
		{"too many minutiae in all", many(MaxViews, 100), "1600 minutiae, more than MaxRecordMinutiae (1500)"},
		{"the 391 KB record of 255 × 255", many(255, 255), "more than MaxMinutiae"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := PrepareRecord(tt.r)
			if tt.err == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, ErrLimit)
			assert.ErrorContains(t, err, tt.err)
		})
	}
}

// TestIndexesMissNothing checks that the look-ups of the comparison never
// miss a pair within tolerance: every candidate edge within a probe edge's
// angle tolerance lies in a cell the probe edge lists, and every minutia
// within the largest pairing radius of a point is in the near list of the
// point's cell.
func TestIndexesMissNothing(t *testing.T) {
	bt := tuning.betaTol
	for _, tt := range []struct{ b1, b2 uint8 }{{0, 0}, {255, 255}, {17, 30}, {128, 7}, {240, 250}, {12, 31}, {100, 200}} {
		e := edge{b1: tt.b1, b2: tt.b2}
		listed := map[int]bool{}
		queryCells(&e, func(cell int) { listed[cell] = true })
		for d1 := -bt; d1 <= bt; d1++ {
			for d2 := -bt; d2 <= bt; d2++ {
				f := edge{b1: tt.b1 + uint8(int8(d1)), b2: tt.b2 + uint8(int8(d2))}
				assert.True(t, listed[edgeCell(f)], "probe (%d, %d), candidate (%d, %d)", tt.b1, tt.b2, f.b1, f.b2)
			}
		}
	}
	var v View
	for i := range 60 {
		v.Minutiae = append(v.Minutiae, Minutia{X: uint16(40 + i*37%300), Y: uint16(30 + i*53%420), Angle: float64(i * 41 % 360)})
	}
	f := prepareView(&v, 1, 1)
	for y := float32(-30); y < 500; y += 3.7 {
		for x := float32(-30); x < 380; x += 3.3 {
			near := map[uint8]bool{}
			for _, k := range f.nearMinutiae(x, y) {
				near[f.cells[k].i] = true
			}
			for i := range f.x {
				dx, dy := f.x[i]-x, f.y[i]-y
				if dx*dx+dy*dy <= tuning.rMax*tuning.rMax {
					require.True(t, near[uint8(i)], "minutia %d near (%.1f, %.1f)", i, x, y)
				}
			}
		}
	}
}
