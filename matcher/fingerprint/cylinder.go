package fingerprint

import (
	"math"
	"math/bits"
)

// Local descriptors in the spirit of Minutia Cylinder-Code: each minutia
// gets a cylinder, a grid of mccNs × mccNs cells over a disk of radius
// tuning.mccR centred on it and turned to its direction, with mccNd layers
// of relative direction. A cell's bit of layer k is set when the minutiae
// near the cell, whose directions relative to the centre minutia's fall
// near layer k's, contribute more than tuning.mccMu (a Gaussian of the
// distance to the cell times the share of a Gaussian of the direction
// difference that falls in the layer). A cell is valid when it lies in the
// disk and in the finger's footprint, so that two partial impressions
// compare their cylinders only where both fingers were seen.
const (
	mccNs    = 16
	mccNd    = 6
	mccWords = mccNs * mccNs / 64
)

// cylinder is one minutia's descriptor: a word of cells a layer, and the
// valid cells; mask is zero for a minutia with too little around it.
type cylinder struct {
	bits [mccNd][mccWords]uint64
	mask [mccWords]uint64
	ok   bool
}

// buildCylinders makes the cylinder of every minutia of f (its footprint
// made).
func (f *viewFeatures) buildCylinders() {
	tp := &tuning
	n := len(f.x)
	f.cyl = make([]cylinder, n)
	r := tp.mccR
	ds := 2 * r / mccNs
	sigS := tp.mccSigS
	reach := 3 * sigS
	norm := 1 / (sigS * float32(math.Sqrt(2*math.Pi)))
	dd := 2 * math.Pi / mccNd
	sigD := float64(tp.mccSigD)
	erfK := 1 / (sigD * math.Sqrt2)
	diskCells := 0
	for cv := range mccNs {
		for cu := range mccNs {
			lu, lv := (float32(cu)-(mccNs-1)/2.0)*ds, (float32(cv)-(mccNs-1)/2.0)*ds
			if lu*lu+lv*lv <= r*r {
				diskCells++
			}
		}
	}
	var sum [mccNs * mccNs][mccNd]float32
	for i := range n {
		th := float64(f.a[i]) * 2 * math.Pi / 256
		sn, cs := math.Sincos(th)
		s, c := float32(sn), float32(cs)
		var mask [mccWords]uint64
		nvalid := 0
		for cv := range mccNs {
			for cu := range mccNs {
				lu, lv := (float32(cu)-(mccNs-1)/2.0)*ds, (float32(cv)-(mccNs-1)/2.0)*ds
				if lu*lu+lv*lv > r*r {
					continue
				}
				x, y := f.x[i]+c*lu-s*lv, f.y[i]+s*lu+c*lv
				if f.inFoot(x, y) {
					cell := cv*mccNs + cu
					mask[cell>>6] |= 1 << (cell & 63)
					nvalid++
				}
			}
		}
		contrib := 0
		sum = [mccNs * mccNs][mccNd]float32{}
		for t := range n {
			if t == i {
				continue
			}
			dx, dy := f.x[t]-f.x[i], f.y[t]-f.y[i]
			if dx*dx+dy*dy > (r+reach)*(r+reach) {
				continue
			}
			contrib++
			// The neighbour in the cylinder's frame.
			lu, lv := c*dx+s*dy, -s*dx+c*dy
			// Its direction relative to the centre's, in -π..π.
			rel := float64(int8(f.a[t]-f.a[i])) * 2 * math.Pi / 256
			var cd [mccNd]float32
			for k := range mccNd {
				phi := -math.Pi + (float64(k)+0.5)*dd
				al := math.Remainder(phi-rel, 2*math.Pi)
				cd[k] = float32(0.5 * (math.Erf((al+dd/2)*erfK) - math.Erf((al-dd/2)*erfK)))
			}
			for cell := range mccNs * mccNs {
				if mask[cell>>6]&(1<<(cell&63)) == 0 {
					continue
				}
				cu, cv := cell%mccNs, cell/mccNs
				eu := (float32(cu)-(mccNs-1)/2.0)*ds - lu
				ev := (float32(cv)-(mccNs-1)/2.0)*ds - lv
				d2 := eu*eu + ev*ev
				if d2 > reach*reach {
					continue
				}
				g := norm * float32(math.Exp(float64(-d2/(2*sigS*sigS))))
				for k := range mccNd {
					sum[cell][k] += g * cd[k]
				}
			}
		}
		if contrib < 2 || float32(nvalid) < tp.mccMinValid*float32(diskCells) {
			continue
		}
		cy := &f.cyl[i]
		cy.mask, cy.ok = mask, true
		for cell := range mccNs * mccNs {
			for k := range mccNd {
				if sum[cell][k] > tp.mccMu {
					cy.bits[k][cell>>6] |= 1 << (cell & 63)
				}
			}
		}
	}
	f.diskCells = uint16(diskCells)
}

// cylinderSim returns the similarity of two cylinders over the cells both
// hold valid: 1 less the distance of their bits over the sum of their
// norms; 0 when too few cells are valid in both.
func cylinderSim(a, b *cylinder, minCells int) float32 {
	var m [mccWords]uint64
	nm := 0
	for w := range mccWords {
		m[w] = a.mask[w] & b.mask[w]
		nm += bits.OnesCount64(m[w])
	}
	if nm < minCells {
		return 0
	}
	na, nb, nx := 0, 0, 0
	for k := range mccNd {
		for w := range mccWords {
			x, y := a.bits[k][w]&m[w], b.bits[k][w]&m[w]
			na += bits.OnesCount64(x)
			nb += bits.OnesCount64(y)
			nx += bits.OnesCount64(x ^ y)
		}
	}
	if na+nb == 0 {
		return 0
	}
	return 1 - float32(math.Sqrt(float64(nx))/(math.Sqrt(float64(na))+math.Sqrt(float64(nb))))
}

// localSimilarity returns the mean of the top similarities of the
// cylinders of p and c (MCC's Local Similarity Sort): as many as a
// sigmoid of the smaller minutiae count gives, from 4 to 12.
func localSimilarity(p, c *viewFeatures, votes []uint8) float32 {
	const minNP, maxNP = 4, 12
	nmin := min(len(p.x), len(c.x))
	np := minNP + int(math.Round(float64(maxNP-minNP)/(1+math.Exp(-0.4*float64(nmin-20)))))
	var top [maxNP]float32
	minCells := int(tuning.mccMinShared * float32(min(p.diskCells, c.diskCells)))
	for i := range p.cyl {
		a := &p.cyl[i]
		if !a.ok {
			continue
		}
		for j := range c.cyl {
			b := &c.cyl[j]
			if votes != nil && votes[i*len(c.x)+j] == 0 {
				continue
			}
			if !b.ok || adiff(p.a[i], c.a[j]) > 64 {
				continue
			}
			s := cylinderSim(a, b, minCells)
			if s <= top[np-1] {
				continue
			}
			k := np - 1
			for k > 0 && top[k-1] < s {
				top[k] = top[k-1]
				k--
			}
			top[k] = s
		}
	}
	var sum float32
	for _, s := range top[:np] {
		sum += s
	}
	return sum / float32(np)
}
