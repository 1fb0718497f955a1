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
	self := m.Compare(a, a)
	assert.Greater(t, self, m.Threshold())
	assert.InDelta(t, self, m.Compare(a, b), 1e-6, "the same score as the record against itself")
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
// miss a pair within tolerance: the local step finds every pair of probe
// and candidate edges within the length and angle tolerances (against all
// pairs, one by one), the bitsets of a bin of relative angles hold every
// candidate edge within the angle tolerance of an angle of the bin, and
// every minutia within the largest pairing radius of a point is in the
// near list of the point's cell, whose footprint bit is the footprint's at
// the point.
func TestIndexesMissNothing(t *testing.T) {
	bt := tuning.betaTol
	var pv, cv View
	for i := range 70 {
		pv.Minutiae = append(pv.Minutiae, Minutia{X: uint16(30 + i*41%330), Y: uint16(20 + i*67%440), Angle: float64(i * 53 % 360)})
		cv.Minutiae = append(cv.Minutiae, Minutia{X: uint16(25 + i*43%320), Y: uint16(35 + i*59%430), Angle: float64(i * 47 % 360)})
	}
	p, c := prepareView(&pv, 1, 1), prepareView(&cv, 1, 1)
	for x := range 256 {
		bin := x >> angleShift
		for k, e := range c.keys {
			if adiff(uint8(x), e.b1) <= bt {
				require.NotZero(t, c.b1set[bin*c.words+k>>6]&(1<<(k&63)), "angle %d, edge %d (b1 %d)", x, k, e.b1)
			}
			if adiff(uint8(x), e.b2) <= bt {
				require.NotZero(t, c.b2set[bin*c.words+k>>6]&(1<<(k&63)), "angle %d, edge %d (b2 %d)", x, k, e.b2)
			}
		}
	}
	want := map[[2]int]bool{}
	for a, e := range p.query {
		for k, f := range c.keys {
			if f.d >= e.dlo && f.d <= e.dhi && adiff(e.b1, f.b1) <= bt && adiff(e.b2, f.b2) <= bt {
				want[[2]int{a, k}] = true
			}
		}
	}
	s := new(scratch)
	s.votes = make([]uint8, len(p.x)*len(c.x))
	got := map[[2]int]bool{}
	for _, pr := range s.localPairs(&p, &c) {
		got[[2]int{int(pr.a), int(pr.b)}] = true
	}
	require.NotEmpty(t, want)
	require.Equal(t, want, got)
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
			// The near cell's footprint bit is the footprint's at the point.
			inNear := false
			if x >= f.nx0 && y >= f.ny0 {
				gx, gy := int((x-f.nx0)*f.ninv), int((y-f.ny0)*f.ninv)
				if gx < f.nw && gy < f.nh {
					inNear = f.near[gy*f.nw+gx]&nearFoot != 0
				}
			}
			require.Equal(t, f.inFoot(x, y), inNear, "footprint at (%.1f, %.1f)", x, y)
			for i := range f.x {
				dx, dy := f.x[i]-x, f.y[i]-y
				if dx*dx+dy*dy <= tuning.rMax*tuning.rMax {
					require.True(t, near[uint8(i)], "minutia %d near (%.1f, %.1f)", i, x, y)
				}
			}
		}
	}
}

// nearMinutiae returns, as the pairing reads them, the indexes in f.cells
// of the minutiae that may be within the largest pairing radius of (x, y).
func (f *viewFeatures) nearMinutiae(x, y float32) []uint8 {
	if x < f.nx0 || y < f.ny0 {
		return nil
	}
	cx, cy := int((x-f.nx0)*f.ninv), int((y-f.ny0)*f.ninv)
	if cx >= f.nw || cy >= f.nh {
		return nil
	}
	k := cy*f.nw + cx
	return f.nearList[f.near[k]&^nearFoot : f.near[k+1]&^nearFoot]
}
