package fingerprint

import "math"

// buildOrientation estimates the ridge orientation in every footprint cell
// from the directions of the minutiae around it (doubled angles, so that
// directions half a turn apart agree), weighted by a Gaussian of their
// distance: of holds, for each cell, the mean doubled-angle vector, whose
// length is the coherence (0 where no minutia is near).
func (f *viewFeatures) buildOrientation() {
	tp := &tuning
	n := f.fw * f.fh
	f.ofx = make([]float32, n)
	f.ofy = make([]float32, n)
	s2 := 2 * tp.ofSigma * tp.ofSigma
	r2 := 9 * tp.ofSigma * tp.ofSigma
	for cy := range f.fh {
		for cx := range f.fw {
			if !f.footBit(cx, cy) {
				continue
			}
			px := f.fx0 + (float32(cx)+0.5)*f.fcell
			py := f.fy0 + (float32(cy)+0.5)*f.fcell
			var vx, vy, w float64
			for i := range f.x {
				dx, dy := f.x[i]-px, f.y[i]-py
				d2 := dx*dx + dy*dy
				if d2 > r2 {
					continue
				}
				g := math.Exp(float64(-d2 / s2))
				a := float64(f.a[i]) * 4 * math.Pi / 256
				vx += g * math.Cos(a)
				vy += g * math.Sin(a)
				w += g
			}
			if w < float64(tp.ofMinW) {
				continue
			}
			k := cy*f.fw + cx
			f.ofx[k], f.ofy[k] = float32(vx/w), float32(vy/w)
		}
	}
}

// orientationAgreement returns, for alignment t of p onto c, the mean
// agreement of the two orientation fields over the cells both estimate
// (the cosine of twice the angle between them, weighted by both
// coherences), and the number of those cells.
func orientationAgreement(p, c *viewFeatures, t transform) (float32, int) {
	sn, cs := t.sn, t.cs
	ftx, fty := float32(t.tx), float32(t.ty)
	s2, c2 := 2*sn*cs, cs*cs-sn*sn // the doubled rotation
	var dot, norm float32
	shared := 0
	for cy := range c.fh {
		for cx := range c.fw {
			k := cy*c.fw + cx
			ux, uy := c.ofx[k], c.ofy[k]
			if ux == 0 && uy == 0 {
				continue
			}
			x := c.fx0 + (float32(cx)+0.5)*c.fcell - ftx
			y := c.fy0 + (float32(cy)+0.5)*c.fcell - fty
			qx, qy := cs*x+sn*y, -sn*x+cs*y
			if qx < p.fx0 || qy < p.fy0 {
				continue
			}
			gx, gy := int((qx-p.fx0)*p.finv), int((qy-p.fy0)*p.finv)
			if gx >= p.fw || gy >= p.fh {
				continue
			}
			m := gy*p.fw + gx
			vx, vy := p.ofx[m], p.ofy[m]
			if vx == 0 && vy == 0 {
				continue
			}
			rx, ry := c2*vx-s2*vy, s2*vx+c2*vy
			dot += rx*ux + ry*uy
			norm += float32(math.Sqrt(float64((vx*vx + vy*vy) * (ux*ux + uy*uy))))
			shared++
		}
	}
	if norm == 0 {
		return 0, 0
	}
	return dot / norm, shared
}

// unpairedAgreement returns the summed agreement, with the other side's
// orientation field, of the minutiae of each side that alignment t does
// not pair (s.sel holds its pairs) and that fall in the other's
// footprint: the cosine of twice the angle between the minutia's
// direction and the field, times the field's coherence; the mean of the
// two sides' sums.
func (s *scratch) unpairedAgreement(p, c *viewFeatures, t transform) float32 {
	pp := make([]bool, len(p.x))
	pc := make([]bool, len(c.x))
	for _, cp := range s.sel {
		pp[cp.i], pc[cp.j] = true, true
	}
	sn, cs := t.sn, t.cs
	ftx, fty := float32(t.tx), float32(t.ty)
	rot := float64(t.rot)
	look := func(f *viewFeatures, x, y float32) (float32, float32, bool) {
		if x < f.fx0 || y < f.fy0 {
			return 0, 0, false
		}
		gx, gy := int((x-f.fx0)*f.finv), int((y-f.fy0)*f.finv)
		if gx >= f.fw || gy >= f.fh || !f.footBit(gx, gy) {
			return 0, 0, false
		}
		k := gy*f.fw + gx
		return f.ofx[k], f.ofy[k], true
	}
	var ap, ac float32
	for i := range p.x {
		if pp[i] {
			continue
		}
		x, y := cs*p.x[i]-sn*p.y[i]+ftx, sn*p.x[i]+cs*p.y[i]+fty
		if vx, vy, ok := look(c, x, y); ok {
			a := 2 * (float64(p.a[i])*2*math.Pi/256 + rot)
			ap += float32(math.Cos(a))*vx + float32(math.Sin(a))*vy
		}
	}
	for j := range c.x {
		if pc[j] {
			continue
		}
		x, y := c.x[j]-ftx, c.y[j]-fty
		qx, qy := cs*x+sn*y, -sn*x+cs*y
		if vx, vy, ok := look(p, qx, qy); ok {
			a := 2 * (float64(c.a[j])*2*math.Pi/256 - rot)
			ac += float32(math.Cos(a))*vx + float32(math.Sin(a))*vy
		}
	}
	return (ap + ac) / 2
}
