package fingerprint

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sync"
)

// Features is a template prepared for comparison by a Matcher. Only the
// Matcher that made it can compare it.
type Features any

// Matcher compares fingerprint templates. It is the plug-in point for an
// agency's own AFIS: Prepare runs once per stored template and once per
// probe, Compare runs for every probe-candidate pair and must be safe for
// concurrent use.
type Matcher interface {
	// Prepare parses a template in the named format (FormatISO, FormatANSI, or
	// the AFIS's own) and extracts what Compare needs.
	Prepare(format string, data []byte) (Features, error)
	// Compare returns the similarity of two prepared templates in [0, 1].
	Compare(probe, candidate Features) float64
	// Threshold returns the score at or above which Compare means "same finger".
	Threshold() float64
}

// DefaultThreshold is MinutiaeMatcher's decision threshold. On the
// synthetic evaluation of fingerprinttest (1,000 fingers × 4 impressions,
// 499,500 impostor pairs) the false match rate at 0.16 is below 0.01% (see
// docs/biometrics.md). Real templates from a real extractor need their own
// calibration: set MinutiaeMatcher.Thresh.
const DefaultThreshold = 0.16

// MinutiaeMatcher is the built-in minutiae matcher. Its zero value is ready to use.
//
// It pairs local structures (each minutia's edges to its nearest neighbours,
// described by length and the two minutia directions relative to the edge,
// all invariant to rotation and translation), lets each compatible pair of
// edges vote for the two minutia correspondences it implies, and then
// consolidates globally: the best-supported edge pairs seed rigid alignments,
// each refined by a least-squares fit on the minutiae it pairs, and the score
// is the largest number n of minutiae paired one-to-one within a tolerance
// that absorbs noise and skin distortion, as n² / (n_probe · n_candidate).
type MinutiaeMatcher struct {
	// Thresh overrides DefaultThreshold when not zero.
	Thresh float64
}

// Threshold returns m.Thresh, or DefaultThreshold when it is zero.
func (m MinutiaeMatcher) Threshold() float64 {
	if m.Thresh != 0 {
		return m.Thresh
	}
	return DefaultThreshold
}

// Prepare parses the record and builds the local structures of every finger view.
func (MinutiaeMatcher) Prepare(format string, data []byte) (Features, error) {
	r, err := Parse(format, data)
	if err != nil {
		return nil, err
	}
	return PrepareRecord(r)
}

// PrepareRecord builds the features of an already parsed record.
func PrepareRecord(r *Record) (Features, error) {
	var f minutiaeFeatures
	for i := range r.Views {
		if len(r.Views[i].Minutiae) < minMinutiae {
			continue
		}
		f.views = append(f.views, prepareView(&r.Views[i], scale(r.ResX), scale(r.ResY)))
	}
	if len(f.views) == 0 {
		return nil, fmt.Errorf("fingerprint: no finger view with at least %d minutiae", minMinutiae)
	}
	return &f, nil
}

// scale returns the factor from a resolution in pixels per centimetre to
// the matcher's 500 dpi (196.85 px/cm); 1 when the record gives none.
func scale(res uint16) float32 {
	if res == 0 {
		return 1
	}
	return 500 / 2.54 / float32(res)
}

// Compare returns the best score over all pairs of views; 0 when either
// side was not made by a MinutiaeMatcher.
func (MinutiaeMatcher) Compare(probe, candidate Features) float64 {
	p, ok1 := probe.(*minutiaeFeatures)
	c, ok2 := candidate.(*minutiaeFeatures)
	if !ok1 || !ok2 || p == nil || c == nil {
		return 0
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	best := 0.0
	for i := range p.views {
		for j := range c.views {
			best = max(best, compareViews(&p.views[i], &c.views[j], s))
		}
	}
	return best
}

// Tuning. Distances in pixels at 500 dpi, angles in 1/256 of a turn.
const (
	minMinutiae   = 4
	minScoreCount = 15
	neighbours    = 6   // nearest neighbours per minutia (edges)
	minEdge       = 8.0 // shorter edges are too noisy to orient
	maxEdge       = 160.0
	edgeTol       = 9.0 // edge length tolerance: edgeTol + edgeTolRel·length
	edgeTolRel    = 0.08
	betaTol       = 22   // ≈ 31°
	seeds         = 10   // alignments tried
	pairRadius    = 18.0 // pairing radius after alignment
	pairRadiusSq  = pairRadius * pairRadius
	pairAngle     = 28 // ≈ 39°
	bucketShift   = 4
	buckets       = 256 >> bucketShift
)

type viewFeatures struct {
	x, y []float32
	a    []uint8 // direction in image coordinates, 1/256 turn
	// edges holds both directions of every nearest-neighbour edge, sorted by
	// b1 bucket (b1 >> bucketShift), then by length; bucket k is
	// edges[bucket[k]:bucket[k+1]].
	edges  []edge
	bucket [buckets + 1]uint16
	// fwd holds the edges from each minutia to its own nearest neighbours
	// (a probe needs only those; a candidate offers both directions).
	fwd []edge
	// A grid of cellSize cells over the minutiae, for pairing: the minutiae
	// of cell k are cellIdx[cellStart[k]:cellStart[k+1]].
	gx0, gy0  float32
	gw, gh    int
	cellStart []uint16
	cellIdx   []uint8
}

type edge struct {
	d      float32
	dir    float32 // radians, image coordinates
	i, j   uint8
	b1, b2 uint8 // minutia directions relative to the edge
	fwd    bool  // j is one of i's nearest neighbours
}

type minutiaeFeatures struct{ views []viewFeatures }

func angleCode(rad float64) uint8 {
	return uint8(int(math.Round(rad*128/math.Pi)) & 0xff)
}

func prepareView(v *View, sx, sy float32) viewFeatures {
	n := len(v.Minutiae)
	f := viewFeatures{x: make([]float32, n), y: make([]float32, n), a: make([]uint8, n)}
	for i, m := range v.Minutiae {
		f.x[i], f.y[i] = float32(m.X)*sx, float32(m.Y)*sy
		// Record angles are counter-clockwise with y up; image y grows down.
		f.a[i] = angleCode(-m.Angle * math.Pi / 180)
	}
	// Each minutia's nearest neighbours, both directions of each edge.
	type nb struct {
		d float64
		j int
	}
	near := make([]nb, 0, n)
	seen := make(map[[2]uint8]bool, n*neighbours*2)
	for i := range n {
		near = near[:0]
		for j := range n {
			if j == i {
				continue
			}
			d := math.Hypot(float64(f.x[j]-f.x[i]), float64(f.y[j]-f.y[i]))
			if d >= minEdge && d <= maxEdge {
				near = append(near, nb{d, j})
			}
		}
		slices.SortFunc(near, func(a, b nb) int { return cmp.Compare(a.d, b.d) })
		for _, e := range near[:min(len(near), neighbours)] {
			for k, ij := range [2][2]int{{i, e.j}, {e.j, i}} {
				key := [2]uint8{uint8(ij[0]), uint8(ij[1])}
				if seen[key] {
					continue
				}
				seen[key] = true
				ed := makeEdge(&f, ij[0], ij[1])
				ed.fwd = k == 0
				f.edges = append(f.edges, ed)
			}
		}
	}
	slices.SortFunc(f.edges, func(a, b edge) int {
		return cmp.Or(cmp.Compare(a.b1>>bucketShift, b.b1>>bucketShift), cmp.Compare(a.d, b.d))
	})
	if len(f.edges) > 0xffff {
		f.edges = f.edges[:0xffff] // cannot happen with 255 minutiae and 6 neighbours
	}
	for _, e := range f.edges {
		f.bucket[int(e.b1>>bucketShift)+1]++
		if e.fwd {
			f.fwd = append(f.fwd, e)
		}
	}
	for k := 1; k <= buckets; k++ {
		f.bucket[k] += f.bucket[k-1]
	}
	slices.SortFunc(f.fwd, func(a, b edge) int { return cmp.Compare(a.d, b.d) })
	f.buildGrid()
	return f
}

const cellSize = pairRadius

func (f *viewFeatures) buildGrid() {
	x0, y0, x1, y1 := f.x[0], f.y[0], f.x[0], f.y[0]
	for i := range f.x {
		x0, x1 = min(x0, f.x[i]), max(x1, f.x[i])
		y0, y1 = min(y0, f.y[i]), max(y1, f.y[i])
	}
	f.gx0, f.gy0 = x0, y0
	f.gw = int((x1-x0)/cellSize) + 1
	f.gh = int((y1-y0)/cellSize) + 1
	f.cellStart = make([]uint16, f.gw*f.gh+1)
	cell := make([]int, len(f.x))
	for i := range f.x {
		cell[i] = int((f.y[i]-y0)/cellSize)*f.gw + int((f.x[i]-x0)/cellSize)
		f.cellStart[cell[i]+1]++
	}
	for k := 1; k < len(f.cellStart); k++ {
		f.cellStart[k] += f.cellStart[k-1]
	}
	f.cellIdx = make([]uint8, len(f.x))
	next := slices.Clone(f.cellStart)
	for i, k := range cell {
		f.cellIdx[next[k]] = uint8(i)
		next[k]++
	}
}

func makeEdge(f *viewFeatures, i, j int) edge {
	dx, dy := float64(f.x[j]-f.x[i]), float64(f.y[j]-f.y[i])
	dir := math.Atan2(dy, dx)
	dc := angleCode(dir)
	return edge{
		d: float32(math.Hypot(dx, dy)), dir: float32(dir),
		i: uint8(i), j: uint8(j), b1: f.a[i] - dc, b2: f.a[j] - dc,
	}
}

type edgePair struct {
	a, b    uint16 // edge indexes in probe and candidate
	support uint16
}

type scratch struct {
	votes []uint8
	pairs []edgePair
	used  []bool
	match []int16
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func adiff(a, b uint8) int {
	d := int(int8(a - b))
	if d < 0 {
		return -d
	}
	return d
}

func compareViews(p, c *viewFeatures, s *scratch) float64 {
	np, nc := len(p.x), len(c.x)
	if np == 0 || nc == 0 {
		return 0
	}
	s.votes = slices.Grow(s.votes[:0], np*nc)[:np*nc]
	clear(s.votes)
	s.pairs = s.pairs[:0]
	// Local step: compatible edge pairs vote for minutia correspondences.
	var start [buckets]int
	for ai := range p.fwd {
		e := &p.fwd[ai]
		tol := float32(edgeTol) + float32(edgeTolRel)*e.d
		dlo, dhi := e.d-tol, e.d+tol
		last := (e.b1 + betaTol) >> bucketShift
		for bk := (e.b1 - betaTol) >> bucketShift; ; bk = (bk + 1) % buckets {
			// Probe edges come by increasing length, so each bucket's
			// lower bound only moves forward.
			bs := c.edges[c.bucket[bk]:c.bucket[bk+1]]
			lo := start[bk]
			for lo < len(bs) && bs[lo].d < dlo {
				lo++
			}
			start[bk] = lo
			for bi := lo; bi < len(bs); bi++ {
				f := &bs[bi]
				if f.d > dhi {
					break
				}
				if adiff(e.b1, f.b1) > betaTol || adiff(e.b2, f.b2) > betaTol {
					continue
				}
				s.pairs = append(s.pairs, edgePair{a: uint16(ai), b: uint16(int(c.bucket[bk]) + bi)})
				v := &s.votes[int(e.i)*nc+int(f.i)]
				if *v < 255 {
					*v++
				}
				v = &s.votes[int(e.j)*nc+int(f.j)]
				if *v < 255 {
					*v++
				}
			}
			if bk == last {
				break
			}
		}
	}
	if len(s.pairs) == 0 {
		return 0
	}
	for k := range s.pairs {
		e, f := &p.fwd[s.pairs[k].a], &c.edges[s.pairs[k].b]
		s.pairs[k].support = uint16(s.votes[int(e.i)*nc+int(f.i)]) + uint16(s.votes[int(e.j)*nc+int(f.j)])
	}
	// Global step: the best-supported edge pairs seed alignments.
	top := min(seeds, len(s.pairs))
	partialTop(s.pairs, top, p)
	s.used = slices.Grow(s.used[:0], nc)[:nc]
	s.match = slices.Grow(s.match[:0], np)[:np]
	best := 0
	for k := range top {
		e, f := &p.fwd[s.pairs[k].a], &c.edges[s.pairs[k].b]
		rot := float64(f.dir - e.dir)
		// Rotate the probe's edge midpoint onto the candidate's.
		sin, cos := math.Sincos(rot)
		mx := float64(p.x[e.i]+p.x[e.j]) / 2
		my := float64(p.y[e.i]+p.y[e.j]) / 2
		nx := float64(c.x[f.i]+c.x[f.j]) / 2
		ny := float64(c.y[f.i]+c.y[f.j]) / 2
		tx := nx - (cos*mx - sin*my)
		ty := ny - (sin*mx + cos*my)
		n := pairUp(p, c, s, rot, tx, ty)
		if n >= 4 && 2*n >= best {
			rot, tx, ty = refit(p, c, s)
			n = max(n, pairUp(p, c, s, rot, tx, ty))
		}
		best = max(best, n)
	}
	// Small views count as minScoreCount minutiae, so that a handful of
	// paired minutiae never makes a match on its own.
	return float64(best*best) / float64(max(np, minScoreCount)*max(nc, minScoreCount))
}

// partialTop moves the k best-supported pairs to the front, best first.
func partialTop(pairs []edgePair, k int, p *viewFeatures) {
	better := func(x, y edgePair) bool {
		if x.support != y.support {
			return x.support > y.support
		}
		return p.fwd[x.a].d > p.fwd[y.a].d
	}
	// Insertion into the sorted prefix pairs[:k].
	for i := 1; i < len(pairs); i++ {
		if i >= k && !better(pairs[i], pairs[k-1]) {
			continue
		}
		x := pairs[i]
		j := min(i, k-1)
		if i >= k {
			pairs[i] = pairs[k-1]
		}
		for j > 0 && better(x, pairs[j-1]) {
			pairs[j] = pairs[j-1]
			j--
		}
		pairs[j] = x
	}
}

// pairUp aligns the probe with (rot, tx, ty) and pairs its minutiae
// one-to-one with the candidate's, greedily by distance. It returns the
// number of pairs and leaves them in s.match (-1 for none).
func pairUp(p, c *viewFeatures, s *scratch, rot, tx, ty float64) int {
	sin, cos := math.Sincos(rot)
	rc := angleCode(rot)
	sn, cs, fx, fy := float32(sin), float32(cos), float32(tx), float32(ty)
	clear(s.used)
	n := 0
	for i := range p.x {
		s.match[i] = -1
		px, py := p.x[i], p.y[i]
		x, y, a := cs*px-sn*py+fx, sn*px+cs*py+fy, p.a[i]+rc
		// The cells within pairRadius of (x, y).
		cx0 := int((x - pairRadius - c.gx0) / cellSize)
		cy0 := int((y - pairRadius - c.gy0) / cellSize)
		cx1 := int((x + pairRadius - c.gx0) / cellSize)
		cy1 := int((y + pairRadius - c.gy0) / cellSize)
		if x+pairRadius < c.gx0 || y+pairRadius < c.gy0 || cx0 >= c.gw || cy0 >= c.gh {
			continue
		}
		cx0, cy0 = max(cx0, 0), max(cy0, 0)
		cx1, cy1 = min(cx1, c.gw-1), min(cy1, c.gh-1)
		bestD := float32(pairRadiusSq)
		for cy := cy0; cy <= cy1; cy++ {
			row := cy * c.gw
			for _, j := range c.cellIdx[c.cellStart[row+cx0]:c.cellStart[row+cx1+1]] {
				if s.used[j] {
					continue
				}
				dx, dy := c.x[j]-x, c.y[j]-y
				d := dx*dx + dy*dy
				if d <= bestD && adiff(a, c.a[j]) <= pairAngle {
					bestD = d
					s.match[i] = int16(j)
				}
			}
		}
		if j := s.match[i]; j >= 0 {
			s.used[j] = true
			n++
		}
	}
	return n
}

// refit returns the least-squares rigid transform of the pairs in s.match.
func refit(p, c *viewFeatures, s *scratch) (rot, tx, ty float64) {
	var px, py, qx, qy float64
	n := 0
	for i, j := range s.match {
		if j < 0 {
			continue
		}
		px += float64(p.x[i])
		py += float64(p.y[i])
		qx += float64(c.x[j])
		qy += float64(c.y[j])
		n++
	}
	fn := float64(n)
	px, py, qx, qy = px/fn, py/fn, qx/fn, qy/fn
	var sxx, sxy float64
	for i, j := range s.match {
		if j < 0 {
			continue
		}
		ax, ay := float64(p.x[i])-px, float64(p.y[i])-py
		bx, by := float64(c.x[j])-qx, float64(c.y[j])-qy
		sxx += ax*bx + ay*by
		sxy += ax*by - ay*bx
	}
	rot = math.Atan2(sxy, sxx)
	sin, cos := math.Sincos(rot)
	return rot, qx - (cos*px - sin*py), qy - (sin*px + cos*py)
}
