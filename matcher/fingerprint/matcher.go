package fingerprint

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/bits"
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

// DefaultThreshold is MinutiaeMatcher's decision threshold, set on real
// templates (see docs/biometrics.md).
const DefaultThreshold = 0.228

// DefaultMaxRotation is the largest rotation, in degrees, between two
// impressions of one finger that MinutiaeMatcher considers unless told
// otherwise: fingers are captured upright (a live-scan platen, an e-gate,
// a ten-print card's box), each impression within about ±35° of the
// finger's axis, so two impressions of one finger differ by at most about
// 70°; an alignment rotated more can only pair minutiae by chance.
const DefaultMaxRotation = 75

// Limits on what Prepare accepts: no real template comes near them (a
// ten-print record of rolled impressions holds about 1,000 minutiae), and
// they bound the work of one comparison (docs/biometrics.md gives the
// worst case measured).
const (
	// MaxViews is the most finger views (with enough minutiae to compare) a
	// record may hold: ten fingers and some second views.
	MaxViews = 16
	// MaxMinutiae is the most minutiae one finger view may hold.
	MaxMinutiae = 200
	// MaxRecordMinutiae is the most minutiae a record may hold in all.
	MaxRecordMinutiae = 1500
)

// ErrLimit is returned (wrapped) by Prepare for a record beyond MaxViews,
// MaxMinutiae or MaxRecordMinutiae.
var ErrLimit = errors.New("fingerprint: template beyond the matcher's limits")

// MinutiaeMatcher is the built-in minutiae matcher. Its zero value is ready to use.
//
// It pairs local structures (each minutia's edges to its nearest neighbours,
// described by length and the two minutia directions relative to the edge,
// all invariant to rotation and translation), lets each compatible pair of
// edges vote for the two minutia correspondences it implies, and then
// consolidates globally: the best-supported edge pairs seed rigid alignments,
// each refined by a least-squares fit on the minutiae it pairs, with a
// pairing tolerance that grows with the distance from the alignment's centre
// (skin stretches more away from where the fingers were aligned); an
// alignment turned further than two impressions of one upright finger can
// be (MaxRotation, DefaultMaxRotation) is not tried. The score
// weighs each pair by how closely it agrees and normalises by the number of
// minutiae of each finger that fall inside the other's area, so that a partial
// impression is neither punished for the minutiae it could not show nor
// rewarded for showing few. Prepare also scores each view against its own
// mirror image and against itself with every minutia direction reversed
// (impostors with exactly its statistics); what that chance score exceeds a
// typical one by is taken off the view's comparisons, so that templates that
// pair well by chance (small, sparse, regular ones) are discounted. A
// comparison that reaches a score where decisions are made is then
// discounted by what the probe's mirror image scores against the
// candidate: an impostor pair with exactly this pair's minutiae counts,
// areas and overlap, so that what two templates pair by chance is measured
// rather than modelled (the pair cohort; see docs/biometrics.md).
type MinutiaeMatcher struct {
	// Thresh overrides DefaultThreshold when not zero.
	Thresh float64
	// MaxRotation overrides DefaultMaxRotation (degrees) when not zero:
	// 180 or more (or a negative value) allows any rotation, for templates
	// whose capture does not keep the finger upright (a scanner mounted
	// sideways, latent prints, rolled prints of unknown orientation).
	MaxRotation float64
}

// maxRotation returns the largest rotation Compare tries, in radians.
func (m MinutiaeMatcher) maxRotation() float64 {
	d := m.MaxRotation
	if d == 0 {
		d = DefaultMaxRotation
	}
	if d >= 180 || d < 0 {
		return math.Pi
	}
	return d * math.Pi / 180
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

// PrepareRecord builds the features of an already parsed record. Views with
// fewer than 4 minutiae are left out; a record beyond MaxViews, MaxMinutiae
// or MaxRecordMinutiae is an error wrapping ErrLimit.
func PrepareRecord(r *Record) (Features, error) {
	var f minutiaeFeatures
	n, total := 0, 0
	for i := range r.Views {
		v := &r.Views[i]
		if len(v.Minutiae) > MaxMinutiae {
			return nil, fmt.Errorf("%w: finger view %d has %d minutiae, more than MaxMinutiae (%d)", ErrLimit, i+1, len(v.Minutiae), MaxMinutiae)
		}
		if len(v.Minutiae) >= minMinutiae {
			n++
			total += len(v.Minutiae)
		}
	}
	if n > MaxViews {
		return nil, fmt.Errorf("%w: %d finger views, more than MaxViews (%d)", ErrLimit, n, MaxViews)
	}
	if total > MaxRecordMinutiae {
		return nil, fmt.Errorf("%w: %d minutiae, more than MaxRecordMinutiae (%d)", ErrLimit, total, MaxRecordMinutiae)
	}
	for i := range r.Views {
		if len(r.Views[i].Minutiae) < minMinutiae {
			continue
		}
		f.views = append(f.views, prepareView(&r.Views[i], scale(r.ResX), scale(r.ResY)))
		if tuning.zBeta != 0 || tuning.pairBeta != 0 {
			vf := &f.views[len(f.views)-1]
			vf.z, vf.mirror = chanceScore(&r.Views[i], vf, scale(r.ResX), scale(r.ResY))
		}
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
func (m MinutiaeMatcher) Compare(probe, candidate Features) float64 {
	p, ok1 := probe.(*minutiaeFeatures)
	c, ok2 := candidate.(*minutiaeFeatures)
	if !ok1 || !ok2 || p == nil || c == nil {
		return 0
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	rot := m.maxRotation()
	best := 0.0
	for i := range p.views {
		for j := range c.views {
			best = max(best, s.compareViews(&p.views[i], &c.views[j], rot))
		}
	}
	return best
}

// params are the matcher's tuning. Distances in pixels at 500 dpi, angles in
// 1/256 of a turn.
type params struct {
	neighbours int     // nearest neighbours per minutia (edges)
	minEdge    float32 // shorter edges are too noisy to orient
	maxEdge    float32
	edgeTol    float32 // edge length tolerance: edgeTol + edgeTolRel·length
	edgeTolRel float32
	betaTol    int // relative angle tolerance of an edge
	seeds      int // alignments tried
	refits     int // the best alignments refined
	// minSupport: a seed whose two minutia correspondences have fewer
	// edge votes in all is not tried (but for the best one): on FVC2002
	// and synthetic fingers none of them ever gave the best alignment.
	minSupport int
	// Pairing tolerance after alignment: r0 + rk·d pixels, at most rMax, and
	// a0 + ak·d angle units, d the distance from the alignment's centre.
	r0, rk, rMax float32
	a0, ak       float32
	// typeDiff is the weight of a pair whose minutia types differ.
	typeDiff float32
	// minCount: each side counts at least this many minutiae in the overlap.
	minCount float32
	// priorCount and priorRate: the share of the common minutiae that pair
	// is estimated as if priorCount more common minutiae had been seen, of
	// which a share priorRate paired, so that a handful of paired minutiae
	// never makes a match on its own, and the few minutiae of a small
	// overlap weigh as the evidence they are.
	priorCount, priorRate float32
	// margin widens each finger's area (the convex hull of its minutiae).
	margin float32
	// minOverlapShare: each side counts at least this share of its minutiae.
	minOverlapShare float32
	// outW: the weight of a minutia outside the other finger's area in the
	// normalisation (1: all minutiae count; 0: only those in the overlap).
	outW float32
	// Local support: a pair whose minutiae the edge votes did not link
	// counts voteBase, one with voteFull votes or more counts 1.
	voteBase, voteFull float32
	// nearD and nearR: a seed whose alignment maps its probe edge's
	// midpoint within nearD pixels of where a tried alignment maps it, at
	// a rotation within nearR radians of that one's, is not tried.
	nearD, nearR float64
	// Self-cohort normalisation: a view's chance score z is its raw score
	// against its own mirror image and against itself with every minutia
	// direction reversed (impostors with its own minutiae count, spread
	// and area); a comparison scores its raw score less zBeta times what
	// the two views' mean z exceeds zRef by (nothing when it does not).
	zBeta, zRef float32
	// Pair cohort normalisation: a comparison whose score (after the
	// self-cohort normalisation) reaches pairGate scores less pairBeta
	// times the raw score of the probe's mirror image against the
	// candidate (an impostor pair with this pair's minutiae counts, areas
	// and overlap); one under it less pairBeta times the views' mean
	// chance score z, the estimate of the same without a comparison.
	pairBeta, pairGate float32
}

// typeWeight[a][b] is the weight factor of a pair of minutiae of types a
// and b: tuning.typeDiff when they differ and neither is TypeOther, set by
// setTuning.
var typeWeight [4][4]float32

// voteWeight[v] is the weight factor of a pair whose minutiae v edge votes
// linked (tuning.voteBase to 1), set by setTuning.
var voteWeight [256]float32

func init() { setTuning(tuning) }

// setTuning makes t the matcher's tuning; features prepared before are
// not to be compared after.
func setTuning(t params) {
	tuning = t
	for a := range typeWeight {
		for b := range typeWeight[a] {
			typeWeight[a][b] = 1
			if a != b && a != int(TypeOther) && b != int(TypeOther) {
				typeWeight[a][b] = t.typeDiff
			}
		}
	}
	for v := range voteWeight {
		voteWeight[v] = 1
		if t.voteBase < 1 {
			voteWeight[v] = t.voteBase + (1-t.voteBase)*min(1, float32(v)/t.voteFull)
		}
	}
}

var tuning = params{
	neighbours: 6, minEdge: 8, maxEdge: 160, edgeTol: 7, edgeTolRel: 0.06, betaTol: 18,
	seeds: 20, refits: 3, minSupport: 5,
	r0: 14, rk: 0.02, rMax: 20,
	a0: 28, ak: 0,
	typeDiff:        0.5,
	minCount:        0,
	priorCount:      10,
	priorRate:       0.25,
	margin:          20,
	minOverlapShare: 0,
	outW:            0.5,
	voteBase:        0.4, voteFull: 5,
	nearD: 4, nearR: 0.05,
	zBeta: 0.6, zRef: 0.19,
	pairBeta: 0.2, pairGate: 0.2,
}

const (
	minMinutiae = 4
	// fullMinutiae: a view of fewer minutiae scores in proportion.
	fullMinutiae = 12
	// angleShift: the local step's bitsets of candidate edges are by bins
	// of 8/256 of a turn of each relative angle.
	angleShift = 3
	angleBins  = 256 >> angleShift
	footCell   = 16 // footprint cell size, pixels
	maxRefits  = 8
	// pairsPerEdge caps the compatible edge pairs of a comparison, per probe edge.
	pairsPerEdge = 32
	// maxPairWork bounds the candidate minutia pairs the alignments of two
	// views may examine before no more are tried: the most real and
	// synthetic fingers need is 1,112 (FVC2002, fingerprinttest), minutiae
	// packed on a lattice need ten times that.
	maxPairWork = 4000
	// histTop: the support histogram that picks the seeds has a bin for
	// each support below it and one for all from it up.
	histTop     = 63
	gridScale   = 1
	maxFootGrid = 64 // cells per side at most
)

type viewFeatures struct {
	// z is the view's chance score (tuning.zBeta), mirror its mirror image
	// (tuning.pairBeta).
	z      float32
	mirror *mirrorView
	x, y   []float32
	a      []uint8 // direction in image coordinates, 1/256 turn
	t      []MinutiaType
	// keys holds both directions of every nearest-neighbour edge, as a
	// candidate offers them, by length; kdir holds their directions, and
	// krank their rank by relative angles then length (which breaks ties
	// between seeds). first[l] is the number of them shorter than l pixels.
	// Bitsets of them (words words each) by bin of relative angle:
	// b1set[bin*words:][:words] holds those whose b1 is within the angle
	// tolerance of some angle of the bin, b2set the same for b2.
	keys  []edgeKey
	kdir  []float32
	krank []uint16
	first []uint16
	words int
	b1set []uint64
	b2set []uint64
	// query holds the edges from each minutia to its own nearest
	// neighbours (a probe needs only those), by length, as the local step
	// looks them up: length range and relative angles; qdir holds their
	// directions.
	query []edgeQuery
	qdir  []float32
	// The minutiae in the order of a grid of cells of the largest pairing
	// radius, row by row.
	gx0, gy0 float32
	cells    []cellMinutia
	// The finger's area: a bitmap of footCell cells inside the convex hull
	// of the minutiae widened by tuning.margin.
	fx0, fy0, fcell float32
	finv            float32 // 1 / fcell
	fw, fh          int
	foot            []uint64
	// near: a grid of cells of half the footprint's, each with the
	// minutiae (indexes in cells, in their order) within the largest
	// pairing radius of some point of the cell:
	// nearList[near[k]&^nearFoot:near[k+1]&^nearFoot] for cell k, and
	// near[k]&nearFoot set when the cell is in the footprint. A probe
	// minutia pairs only with those of its cell, and one in a cell
	// without any is skipped at once.
	nx0, ny0, ninv float32
	nw, nh         int
	near           []uint16
	nearList       []uint8
}

// cellMinutia is a minutia in the pairing grid.
type cellMinutia struct {
	x, y float32
	a    uint8
	t    MinutiaType
	i    uint8 // index in the view
}

// edgeKey is what the local step reads of a candidate edge.
type edgeKey struct {
	d            float32
	b1, b2, i, j uint8
}

// edgeQuery is a probe edge as the local step reads it: the candidate
// edges within its tolerances have a length from dlo to dhi, so at least
// l0 and less than l1+1 pixels.
type edgeQuery struct {
	dlo, dhi     float32
	l0, l1       uint16
	b1, b2, i, j uint8
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
	f := viewFeatures{x: make([]float32, n), y: make([]float32, n), a: make([]uint8, n), t: make([]MinutiaType, n)}
	for i, m := range v.Minutiae {
		f.x[i], f.y[i] = float32(m.X)*sx, float32(m.Y)*sy
		// Record angles are counter-clockwise with y up; image y grows down.
		f.a[i] = angleCode(-m.Angle * math.Pi / 180)
		f.t[i] = m.Type
	}
	// Each minutia's nearest neighbours, both directions of each edge.
	type nb struct {
		d float64
		j int
	}
	// near: the nearest so far, by (d, j), kept by insertion (j grows,
	// so a later one of the same length comes after).
	kn := max(tuning.neighbours, 0)
	near := make([]nb, 0, kn)
	var edges []edge
	seen := make([]uint64, (n*n+63)/64) // bit i*n+j: edge i -> j made
	for i := range n {
		near = near[:0]
		for j := range n {
			if j == i {
				continue
			}
			d := math.Hypot(float64(f.x[j]-f.x[i]), float64(f.y[j]-f.y[i]))
			if d < float64(tuning.minEdge) || d > float64(tuning.maxEdge) {
				continue
			}
			m := len(near)
			if m < kn {
				near = append(near, nb{})
			} else if m == 0 || d >= near[m-1].d {
				continue
			} else {
				m--
			}
			for m > 0 && d < near[m-1].d {
				near[m] = near[m-1]
				m--
			}
			near[m] = nb{d, j}
		}
		for _, e := range near {
			for k, ij := range [2][2]int{{i, e.j}, {e.j, i}} {
				key := ij[0]*n + ij[1]
				if seen[key>>6]&(1<<(key&63)) != 0 {
					continue
				}
				seen[key>>6] |= 1 << (key & 63)
				ed := makeEdge(&f, ij[0], ij[1])
				ed.fwd = k == 0
				edges = append(edges, ed)
			}
		}
	}
	// The rank of each edge by cells of its relative angles, then length.
	slices.SortFunc(edges, func(a, b edge) int {
		if ca, cb := edgeCell(a), edgeCell(b); ca != cb {
			return ca - cb
		}
		return cmp.Compare(a.d, b.d)
	})
	rank := make([]uint16, len(edges))
	var fwd []edge
	for k, e := range edges {
		rank[k] = uint16(k)
		if e.fwd {
			fwd = append(fwd, e)
		}
	}
	// By length (ties by that rank): sorted as integers, the bits of a
	// length (never negative) ordered as the length is, then the rank.
	order := make([]uint64, len(edges))
	for k := range order {
		order[k] = uint64(math.Float32bits(edges[k].d))<<32 | uint64(k)
	}
	slices.Sort(order)
	f.keys = make([]edgeKey, len(edges))
	f.kdir = make([]float32, len(edges))
	f.krank = make([]uint16, len(edges))
	for k, key := range order {
		o := uint32(key)
		e := edges[o]
		f.keys[k] = edgeKey{d: e.d, b1: e.b1, b2: e.b2, i: e.i, j: e.j}
		f.kdir[k] = e.dir
		f.krank[k] = rank[o]
	}
	f.buildEdgeIndex()
	// fwd is in the order of edgeCell then length; sorted by length as it
	// always was.
	slices.SortFunc(fwd, func(a, b edge) int { return cmp.Compare(a.d, b.d) })
	f.query = make([]edgeQuery, len(fwd))
	f.qdir = make([]float32, len(fwd))
	for k := range fwd {
		f.query[k] = makeQuery(&fwd[k], len(f.first)-1)
		f.qdir[k] = fwd[k].dir
	}
	f.buildGrid()
	f.buildFootprint()
	f.buildNear()
	return f
}

func (f *viewFeatures) buildGrid() {
	x0, y0, x1, y1 := f.x[0], f.y[0], f.x[0], f.y[0]
	for i := range f.x {
		x0, x1 = min(x0, f.x[i]), max(x1, f.x[i])
		y0, y1 = min(y0, f.y[i]), max(y1, f.y[i])
	}
	// Cells of the largest pairing radius; coarser for very spread views,
	// so that the grid stays small.
	size := max(gridScale*tuning.rMax, (x1-x0)/64, (y1-y0)/64)
	ginv := 1 / size
	f.gx0, f.gy0 = x0, y0
	gw := int((x1-x0)*ginv) + 1
	gh := int((y1-y0)*ginv) + 1
	next := make([]uint16, gw*gh+1)
	cell := make([]int, len(f.x))
	for i := range f.x {
		cell[i] = min(int((f.y[i]-y0)*ginv), gh-1)*gw + min(int((f.x[i]-x0)*ginv), gw-1)
		next[cell[i]+1]++
	}
	for k := 1; k < len(next); k++ {
		next[k] += next[k-1]
	}
	f.cells = make([]cellMinutia, len(f.x))
	for i, k := range cell {
		f.cells[next[k]] = cellMinutia{x: f.x[i], y: f.y[i], a: f.a[i], t: f.t[i], i: uint8(i)}
		next[k]++
	}
}

// buildFootprint rasterises the convex hull of the minutiae, widened by
// tuning.margin, into the footprint bitmap.
func (f *viewFeatures) buildFootprint() {
	hull := convexHull(f.x, f.y)
	ls := edgeLengths(hull)
	m := tuning.margin
	x0, y0, x1, y1 := f.gx0, f.gy0, f.gx0, f.gy0
	for i := range f.x {
		x0, x1 = min(x0, f.x[i]), max(x1, f.x[i])
		y0, y1 = min(y0, f.y[i]), max(y1, f.y[i])
	}
	m = min(m, 2000)
	// The bitmap covers the bounding box widened by the larger of the
	// margin and the largest pairing radius, as the near grid does.
	e := max(m, tuning.rMax)
	x0, y0, x1, y1 = x0-e, y0-e, x1+e, y1+e
	f.fcell = max(footCell, (x1-x0)/maxFootGrid, (y1-y0)/maxFootGrid)
	f.fx0, f.fy0, f.finv = x0, y0, 1/f.fcell
	f.fw = int((x1-x0)/f.fcell) + 1
	f.fh = int((y1-y0)/f.fcell) + 1
	f.foot = make([]uint64, (f.fw*f.fh+63)/64)
	for cy := range f.fh {
		for cx := range f.fw {
			px := x0 + (float32(cx)+0.5)*f.fcell
			py := y0 + (float32(cy)+0.5)*f.fcell
			if insideHull(hull, ls, px, py, m) {
				k := cy*f.fw + cx
				f.foot[k>>6] |= 1 << (k & 63)
			}
		}
	}
}

// buildNear makes the near grid: the minutiae within reach of each cell.
func (f *viewFeatures) buildNear() {
	// Cells half the footprint's, from the same origin but for a border
	// of one empty cell on the low side (so that a point left of or above
	// the grid reads as outside with one unsigned test): a point's near
	// cell (cx, cy) lies in footprint cell ((cx-1)>>1, (cy-1)>>1), as the
	// scale by a power of two is exact, and the grid covers the
	// footprint's.
	r := tuning.rMax
	x0, y0 := f.fx0, f.fy0
	cell := f.fcell / 2
	f.nx0, f.ny0, f.ninv = x0-cell, y0-cell, 1/cell
	f.nw, f.nh = 2*f.fw+1, 2*f.fh+1
	counts := make([]uint16, f.nw*f.nh+1)
	// A minutia is within reach of a cell when it is within r plus half
	// the cell's diagonal of its centre. Counted, then listed, each cell's
	// minutiae in the order of f.cells.
	reach := r + cell*math.Sqrt2/2
	each := func(m *cellMinutia, fn func(k int)) {
		cx0, cx1 := int((m.x-reach-x0)*f.ninv), int((m.x+reach-x0)*f.ninv)
		cy0, cy1 := int((m.y-reach-y0)*f.ninv), int((m.y+reach-y0)*f.ninv)
		for cy := max(cy0, 0); cy <= min(cy1, f.nh-2); cy++ {
			for cx := max(cx0, 0); cx <= min(cx1, f.nw-2); cx++ {
				dx := x0 + (float32(cx)+0.5)*cell - m.x
				dy := y0 + (float32(cy)+0.5)*cell - m.y
				if dx*dx+dy*dy <= reach*reach {
					fn((cy+1)*f.nw + cx + 1)
				}
			}
		}
	}
	for k := range f.cells {
		each(&f.cells[k], func(c int) { counts[c+1]++ })
	}
	for c := 1; c < len(counts); c++ {
		counts[c] += counts[c-1]
	}
	f.nearList = make([]uint8, counts[len(counts)-1])
	next := slices.Clone(counts)
	for k := range f.cells {
		each(&f.cells[k], func(c int) {
			f.nearList[next[c]] = uint8(k)
			next[c]++
		})
	}
	f.near = counts
	for c := range f.nw * f.nh {
		if cx, cy := c%f.nw, c/f.nw; cx > 0 && cy > 0 && f.footBit((cx-1)>>1, (cy-1)>>1) {
			f.near[c] |= nearFoot
		}
	}
}

// nearFoot marks, in viewFeatures.near, a near cell inside the footprint.
// The lists hold fewer than 1<<15 minutiae: at most MaxMinutiae, each in
// the lists of at most 8 × 8 cells (cells are at least 8 px, the reach
// under 26 px).
const nearFoot = 1 << 15

// inFoot reports whether (x, y) lies in the view's footprint.
func (f *viewFeatures) inFoot(x, y float32) bool {
	if x < f.fx0 || y < f.fy0 {
		return false
	}
	return f.footBit(int((x-f.fx0)*f.finv), int((y-f.fy0)*f.finv))
}

// footBit reports whether footprint cell (cx, cy), cx and cy not
// negative, is in the footprint.
func (f *viewFeatures) footBit(cx, cy int) bool {
	if cx >= f.fw || cy >= f.fh {
		return false
	}
	k := cy*f.fw + cx
	return f.foot[k>>6]&(1<<(k&63)) != 0
}

// convexHull returns the convex hull of the points, counter-clockwise in
// image coordinates (monotone chain); fewer than 3 points are returned as they are.
func convexHull(xs, ys []float32) [][2]float32 {
	pts := make([][2]float32, len(xs))
	for i := range xs {
		pts[i] = [2]float32{xs[i], ys[i]}
	}
	slices.SortFunc(pts, func(a, b [2]float32) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	pts = slices.Compact(pts)
	if len(pts) < 3 {
		return pts
	}
	cross := func(o, a, b [2]float32) float32 {
		return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0])
	}
	h := make([][2]float32, 0, 2*len(pts))
	for _, p := range pts {
		for len(h) >= 2 && cross(h[len(h)-2], h[len(h)-1], p) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	lower := len(h) + 1
	for i := len(pts) - 2; i >= 0; i-- {
		p := pts[i]
		for len(h) >= lower && cross(h[len(h)-2], h[len(h)-1], p) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, p)
	}
	return h[:len(h)-1]
}

// edgeLengths returns the length of each edge of polygon h, from h[i] to
// h[i+1] (the last to h[0]).
func edgeLengths(h [][2]float32) []float32 {
	ls := make([]float32, len(h))
	for i := range h {
		a, b := h[i], h[(i+1)%len(h)]
		ls[i] = float32(math.Hypot(float64(b[0]-a[0]), float64(b[1]-a[1])))
	}
	return ls
}

// insideHull reports whether (x, y) is within margin of the convex polygon h
// (counter-clockwise), whose edges have lengths ls: on the inner side of
// every edge, less margin.
func insideHull(h [][2]float32, ls []float32, x, y, margin float32) bool {
	switch len(h) {
	case 0:
		return false
	case 1, 2:
		// A point or a segment: within margin of it.
		a, b := h[0], h[len(h)-1]
		return segDist(a, b, x, y) <= margin
	}
	for i := range h {
		a, b := h[i], h[(i+1)%len(h)]
		ex, ey := b[0]-a[0], b[1]-a[1]
		l := ls[i]
		if l == 0 {
			continue
		}
		// Signed distance to the left of a->b (inside for a counter-clockwise hull).
		if (ex*(y-a[1])-ey*(x-a[0]))/l < -margin {
			return false
		}
	}
	return true
}

func segDist(a, b [2]float32, x, y float32) float32 {
	ex, ey := b[0]-a[0], b[1]-a[1]
	l2 := ex*ex + ey*ey
	t := float32(0)
	if l2 > 0 {
		t = min(1, max(0, ((x-a[0])*ex+(y-a[1])*ey)/l2))
	}
	dx, dy := a[0]+t*ex-x, a[1]+t*ey-y
	return float32(math.Hypot(float64(dx), float64(dy)))
}

// makeQuery returns the local step's look-up of probe edge e; lengths of
// top pixels or more are counted as top-1.
func makeQuery(e *edge, top int) edgeQuery {
	tol := tuning.edgeTol + tuning.edgeTolRel*e.d
	q := edgeQuery{dlo: e.d - tol, dhi: e.d + tol, b1: e.b1, b2: e.b2, i: e.i, j: e.j}
	q.l0 = uint16(min(max(math.Floor(float64(q.dlo)), 0), float64(top)))
	q.l1 = uint16(min(max(math.Floor(float64(q.dhi)), 0), float64(top-1)))
	return q
}

// buildEdgeIndex makes first and the bitsets of the candidate edges.
func (f *viewFeatures) buildEdgeIndex() {
	top := int(tuning.maxEdge) + 2 // every edge is shorter
	f.first = make([]uint16, top+1)
	k := 0
	for l := range f.first {
		for k < len(f.keys) && f.keys[k].d < float32(l) {
			k++
		}
		f.first[l] = uint16(k)
	}
	f.words = (len(f.keys) + 63) / 64
	f.b1set = make([]uint64, angleBins*f.words)
	f.b2set = make([]uint64, angleBins*f.words)
	// A bin holds an edge when some angle of the bin is within the
	// tolerance of the edge's: the bins of the angles within it.
	// Each bin is visited once, from the first angle of the tolerance
	// that lies in it.
	bt := tuning.betaTol
	for k, e := range f.keys {
		bit := uint64(1) << (k & 63)
		for d := -bt; d <= bt; {
			a := e.b1 + uint8(d)
			f.b1set[int(a)>>angleShift*f.words+k>>6] |= bit
			d += 1<<angleShift - int(a&(1<<angleShift-1))
		}
		for d := -bt; d <= bt; {
			a := e.b2 + uint8(d)
			f.b2set[int(a)>>angleShift*f.words+k>>6] |= bit
			d += 1<<angleShift - int(a&(1<<angleShift-1))
		}
	}
}

// edgeCell is the cell of relative angles that ranks the candidate edges.
func edgeCell(e edge) int { return int(e.b1>>4)*8 + int(e.b2>>5) }

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
	a, b uint16 // edge indexes in probe and candidate
	// v1, v2: the votes of the two minutia correspondences it implies.
	v1, v2 uint16
	// key orders the pairs: the votes of the two minutia correspondences
	// (the high bits), then the probe edge's length (its index in p.query),
	// then the candidate edge's rank, first first (0xffff less krank).
	key uint64
}

// candPair is a possible minutia pair of one alignment.
type candPair struct {
	cost float32
	i, j uint8
	w    float32
}

type scratch struct {
	votes []uint8
	pairs []edgePair
	seeds []edgePair // the pairs of most support
	cand  []candPair
	// ckeys: the order of the candidate pairs (their index in the low
	// 16 bits).
	ckeys []uint64
	// usedP[i] == epoch: probe minutia i is paired in the pairing under
	// way (usedC the same for the candidate's), so that nothing needs
	// clearing between pairings.
	usedP, usedC []uint32
	epoch        uint32
	sel          []candPair // the pairs of the last pairing
	tried        []seed
	order        []uint8 // indexes in tried
	// maxRot: alignments rotated more (radians) are not tried; π tries all.
	maxRot float64
}

// seed is an alignment tried: the transform, the summed weight of its
// pairs, and the least-squares fit on them.
type seed struct {
	t, fit transform
	w      float32
	ub     float64 // upper bound of the score
	inP    int     // probe minutiae in the candidate's footprint
	n      int     // pairs
}

var scratchPool = sync.Pool{New: func() any { return &scratch{maxRot: math.Pi} }}

func adiff(a, b uint8) int {
	d := int(int8(a - b))
	if d < 0 {
		return -d
	}
	return d
}

// transform is a rigid alignment of the probe onto the candidate.
type transform struct {
	rot, tx, ty float64
	sn, cs      float32 // sine and cosine of rot
	// cx, cy: the centre of the alignment in candidate coordinates, where it
	// is most accurate.
	cx, cy float32
}

// mirrorView is a view's mirror image, prepared the first time a
// comparison needs it: a gallery's templates, compared as candidates, never
// need theirs, so only probes hold one.
type mirrorView struct {
	once   sync.Once
	v      View // the mirrored minutiae, until prepared
	sx, sy float32
	f      viewFeatures
}

// features returns the mirror image's features, preparing them once.
func (m *mirrorView) features() *viewFeatures {
	m.once.Do(func() {
		m.f = prepareView(&m.v, m.sx, m.sy)
		m.v = View{}
	})
	return &m.f
}

// chanceScore returns the raw score of view v (prepared as f) against
// copies of itself that no genuine impression resembles: its mirror image,
// and itself with every minutia direction reversed; and the mirror image,
// to be prepared again when a comparison needs it.
func chanceScore(v *View, f *viewFeatures, sx, sy float32) (float32, *mirrorView) {
	var mx uint16
	for _, m := range v.Minutiae {
		mx = max(mx, m.X)
	}
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	c := View{Minutiae: make([]Minutia, len(v.Minutiae))}
	sum := 0.0
	var mv *mirrorView
	for _, mirror := range []bool{true, false} {
		for i, m := range v.Minutiae {
			if mirror {
				m.X, m.Angle = mx-m.X, 180-m.Angle
			} else {
				m.Angle += 180
			}
			c.Minutiae[i] = m
		}
		cf := prepareView(&c, sx, sy)
		sum += s.rawCompare(f, &cf)
		if mirror && tuning.pairBeta != 0 {
			mv = &mirrorView{v: View{Minutiae: slices.Clone(c.Minutiae)}, sx: sx, sy: sy}
		}
	}
	return float32(sum / 2), mv
}

// compareViews returns the score of two views, aligned at rotations of at
// most maxRot radians (their cohorts at every rotation): the raw score less
// tuning.zBeta times what their mean chance score exceeds tuning.zRef by,
// less tuning.pairBeta times the pair's chance score (the probe's mirror
// image against the candidate when the score so far reaches
// tuning.pairGate, else the views' mean chance score).
func (s *scratch) compareViews(p, c *viewFeatures, maxRot float64) float64 {
	s.maxRot = maxRot
	best := s.rawCompare(p, c)
	// The cohorts are compared at every rotation: they estimate how well
	// a template pairs by chance, and every alignment is a sample of that.
	s.maxRot = math.Pi
	z := (p.z + c.z) / 2
	if tuning.zBeta != 0 {
		best -= float64(tuning.zBeta * max(z-tuning.zRef, 0))
	}
	if tuning.pairBeta != 0 && p.mirror != nil {
		chance := float64(z)
		if best >= float64(tuning.pairGate) {
			chance = s.rawCompare(p.mirror.features(), c)
		}
		best -= float64(tuning.pairBeta) * chance
	}
	return min(max(best, 0), 1)
}

// rawCompare returns the score of the best alignment of two views.
func (s *scratch) rawCompare(p, c *viewFeatures) float64 {
	tried, order := s.align(p, c)
	best := 0.0
	for _, k := range order {
		sd := &tried[k]
		if sd.ub <= best {
			break
		}
		best = max(best, s.score(p, c, sd))
	}
	// A view of fewer than fullMinutiae minutiae is too little to make a
	// match on its own, however well it pairs.
	if n := min(len(p.x), len(c.x)); n < fullMinutiae {
		best *= float64(n) / fullMinutiae
	}
	return min(best, 1)
}

// align returns the alignments of p onto c tried, and their indexes by
// decreasing upper bound of the score; none when nothing pairs.
func (s *scratch) align(p, c *viewFeatures) ([]seed, []uint8) {
	np, nc := len(p.x), len(c.x)
	if np == 0 || nc == 0 {
		return nil, nil
	}
	s.votes = slices.Grow(s.votes[:0], np*nc)[:np*nc]
	clear(s.votes)
	pairs := s.localPairs(p, c)
	if len(pairs) == 0 {
		return nil, nil
	}
	votes := s.votes
	// The pairs of most support: those at or above the support level that
	// leaves at least top of them (a histogram of support, the last bin
	// holding all from histTop up), then the top of those, best first.
	top := min(tuning.seeds, len(pairs))
	var hist [histTop + 1]uint16
	for k := range pairs {
		pr := &pairs[k]
		sup := uint32(votes[pr.v1]) + uint32(votes[pr.v2])
		pr.key = uint64(sup) << 32 // the rest of the key for the seeds only
		hist[min(sup, histTop)]++
	}
	level, n := uint32(histTop), int(hist[histTop])
	for n < top {
		level--
		n += int(hist[level])
	}
	seeds := s.seeds[:0]
	for _, pr := range pairs {
		if min(uint32(pr.key>>32), histTop) >= level {
			pr.key |= uint64(pr.a)<<16 | uint64(0xffff-c.krank[pr.b])
			seeds = append(seeds, pr)
		}
	}
	s.seeds = seeds
	partialTop(seeds, top)
	// Global step: the best-supported edge pairs seed alignments.
	s.usedC = slices.Grow(s.usedC[:0], nc)[:nc]
	s.usedP = slices.Grow(s.usedP[:0], np)[:np]
	// Each seed's alignment pairs the minutiae; the best few are refined
	// by a least-squares fit on their pairs and paired again.
	tried := s.tried[:0]
	work := 0 // candidate minutia pairs examined by the alignments so far
	// The weights of the heaviest alignments so far, as many as are
	// refined: only an alignment among them can be.
	var topBuf [maxRefits]float32
	topW := topBuf[:min(tuning.refits, maxRefits)]
	nTop := 0
	for k := range top {
		if k > 0 && int(seeds[k].key>>32) < tuning.minSupport {
			break // sorted: the rest have no more support
		}
		a, b := seeds[k].a, seeds[k].b
		e, f := &p.query[a], &c.keys[b]
		rot := float64(c.kdir[b] - p.qdir[a])
		// Rotated more than two impressions of one finger are (c.kdir and
		// p.qdir are in [-π, π], so rot in [-2π, 2π]).
		if r := math.Abs(rot); min(r, 2*math.Pi-r) > s.maxRot {
			continue
		}
		// Rotate the probe's edge midpoint onto the candidate's.
		sin, cos := math.Sincos(rot)
		mx := float64(p.x[e.i]+p.x[e.j]) / 2
		my := float64(p.y[e.i]+p.y[e.j]) / 2
		nx := float64(c.x[f.i]+c.x[f.j]) / 2
		ny := float64(c.y[f.i]+c.y[f.j]) / 2
		t := transform{rot: rot, tx: nx - (cos*mx - sin*my), ty: ny - (sin*mx + cos*my), sn: float32(sin), cs: float32(cos), cx: float32(nx), cy: float32(ny)}
		// An alignment close to one already tried, where this one is most
		// accurate, pairs the same minutiae.
		if t.nearAt(tried, mx, my) {
			continue
		}
		if work > maxPairWork {
			break // only degenerate templates come here
		}
		n, w, inP := s.pairUp(p, c, t)
		work += len(s.cand)
		sd := seed{t: t, w: w, ub: s.bound(p, c, n, w, inP), inP: inP, n: n}
		// Only the alignments with the most weight are refined: fit those
		// while their pairs are at hand.
		if n >= 3 && len(topW) > 0 && (nTop < len(topW) || w > topW[nTop-1]) {
			sd.fit = s.refit(p, c)
			k := min(nTop, len(topW)-1)
			for k > 0 && topW[k-1] < w {
				topW[k] = topW[k-1]
				k--
			}
			topW[k] = w
			nTop = min(nTop+1, len(topW))
		}
		tried = append(tried, sd)
	}
	// Refine the alignments with the most weight, then score them all, by
	// decreasing upper bound until none can do better.
	// The alignments in order of weight (by insertion: they are few, at
	// most tuning.seeds); the heaviest are refined.
	order := s.order[:0]
	for k := range tried {
		order = append(order, uint8(k))
		for m := len(order) - 1; m > 0 && tried[order[m-1]].w < tried[order[m]].w; m-- {
			order[m-1], order[m] = order[m], order[m-1]
		}
	}
	s.order = order
	for _, k := range order[:min(len(order), tuning.refits, maxRefits)] {
		sd := &tried[k]
		if sd.w <= 0 || sd.fit == (transform{}) {
			break
		}
		if r := math.Abs(sd.fit.rot); min(r, 2*math.Pi-r) > s.maxRot {
			continue // the fit turned it beyond the limit
		}
		if n, w, inP := s.pairUp(p, c, sd.fit); w > sd.w {
			sd.t, sd.w, sd.ub, sd.inP, sd.n = sd.fit, w, s.bound(p, c, n, w, inP), inP, n
		}
	}
	// Then by upper bound of the score: scored until none can do better.
	for k := 1; k < len(order); k++ {
		for m := k; m > 0 && tried[order[m-1]].ub < tried[order[m]].ub; m-- {
			order[m-1], order[m] = order[m], order[m-1]
		}
	}
	s.tried = tried
	return tried, order
}

// localPairs is the local step: the compatible pairs of edges of p and
// c, each voting for the two minutia correspondences it implies (s.votes).
// For each probe edge in turn, the candidate edges of about its length
// (c.first) that the bitsets of both its relative angles hold are checked
// against the tolerances.
func (s *scratch) localPairs(p, c *viewFeatures) []edgePair {
	nc := len(c.x)
	bt := uint8(tuning.betaTol)
	bt2 := 2 * bt
	// Real fingers give at most 8 compatible candidate edges per probe edge
	// (FVC2002 and synthetic): the cap only bounds degenerate templates
	// (minutiae on a lattice, all of one direction).
	maxPairs := min(pairsPerEdge*len(p.query), 0xffff)
	pairs := slices.Grow(s.pairs[:0], maxPairs)[:maxPairs]
	n := 0
	keys, first, votes := c.keys, c.first, s.votes
	words, b1set, b2set := c.words, c.b1set, c.b2set
	query := p.query
local:
	for ai := range query {
		// The probe edge's fields as locals: the loops below write
		// memory the compiler cannot tell apart from the edge's.
		e := &query[ai]
		lo, hi := int(first[e.l0]), int(first[e.l1+1])
		if lo >= hi {
			continue
		}
		dlo, dhi := e.dlo, e.dhi
		eb1, eb2 := e.b1+bt, e.b2+bt
		vi, vj := int(e.i)*nc, int(e.j)*nc
		o1, o2 := int(e.b1>>angleShift)*words, int(e.b2>>angleShift)*words
		w0, w1 := lo>>6, (hi-1)>>6
		for w := w0; w <= w1; w++ {
			m := b1set[o1+w] & b2set[o2+w]
			if w == w0 {
				m &= ^uint64(0) << (lo & 63)
			}
			if w == w1 {
				m &= ^uint64(0) >> (63 - (hi-1)&63)
			}
			for m != 0 {
				k := w<<6 | bits.TrailingZeros64(m)
				m &= m - 1
				f := &keys[k]
				// |int8(e.b1 - f.b1)| > betaTol, without a branch: the
				// difference shifted by betaTol falls outside 0..2·betaTol.
				if f.d < dlo || f.d > dhi || eb1-f.b1 > bt2 || eb2-f.b2 > bt2 {
					continue
				}
				if n == maxPairs {
					break local
				}
				v1, v2 := vi+int(f.i), vj+int(f.j)
				pairs[n] = edgePair{a: uint16(ai), b: uint16(k), v1: uint16(v1), v2: uint16(v2)}
				n++
				if votes[v1] < 255 {
					votes[v1]++
				}
				if votes[v2] < 255 {
					votes[v2]++
				}
			}
		}
	}
	s.pairs = pairs
	return pairs[:n]
}

// nearAt reports whether some alignment of tried maps probe point (mx, my)
// near where t does, at about t's rotation.
func (t transform) nearAt(tried []seed, mx, my float64) bool {
	tp := &tuning
	for k := range tried {
		u := &tried[k].t
		dr := math.Abs(t.rot - u.rot)
		if dr >= tp.nearR && dr <= 2*math.Pi-tp.nearR {
			continue
		}
		sn, cs := float64(u.sn), float64(u.cs)
		dx := cs*mx - sn*my + u.tx - float64(t.cx)
		dy := sn*mx + cs*my + u.ty - float64(t.cy)
		if dx*dx+dy*dy < tp.nearD*tp.nearD {
			return true
		}
	}
	return false
}

// bound returns an upper bound of score for n pairs of summed weight w
// and inP probe minutiae in the candidate's footprint: the paired
// minutiae count as common on both sides.
func (s *scratch) bound(p, c *viewFeatures, n int, w float32, inP int) float64 {
	tp := &tuning
	fn := float32(n)
	ip := float32(max(inP, n))
	op := max(ip+tp.outW*(float32(len(p.x))-ip), tp.minCount, tp.minOverlapShare*float32(len(p.x)))
	oc := max(fn+tp.outW*float32(len(c.x)-n), tp.minCount, tp.minOverlapShare*float32(len(c.x)))
	return pairedShare(w, op, oc)
}

// pairedShare is the score: the estimated share of the common minutiae
// (op and oc, their geometric mean) that pair, with summed pair weight w.
func pairedShare(w, op, oc float32) float64 {
	tp := &tuning
	return float64(w+tp.priorCount*tp.priorRate) / max(math.Sqrt(float64(op*oc))+float64(tp.priorCount), 1)
}

// score normalises the summed pair weight of alignment sd by the minutiae
// of each side that fall in the other's footprint (inP of the probe's, as
// pairUp counted them), the paired minutiae counted as common on both
// sides, wherever the footprints put them.
func (s *scratch) score(p, c *viewFeatures, sd *seed) float64 {
	np, nc := len(p.x), len(c.x)
	t := sd.t
	// Candidate minutiae, taken back to probe coordinates, in the probe's area.
	sn, cs := -t.sn, t.cs
	ftx, fty := float32(t.tx), float32(t.ty)
	inC := 0
	for j := range nc {
		x, y := c.x[j]-ftx, c.y[j]-fty
		if p.inFoot(cs*x-sn*y, sn*x+cs*y) {
			inC++
		}
	}
	tp := &tuning
	ip, ic := float32(max(sd.inP, sd.n)), float32(max(inC, sd.n))
	op := max(ip+tp.outW*(float32(np)-ip), tp.minCount, tp.minOverlapShare*float32(np))
	oc := max(ic+tp.outW*(float32(nc)-ic), tp.minCount, tp.minOverlapShare*float32(nc))
	return pairedShare(sd.w, op, oc)
}

// partialTop moves the k pairs of highest key to the front, best first.
func partialTop(pairs []edgePair, k int) {
	// Insertion into the sorted prefix pairs[:k].
	for i := 1; i < len(pairs); i++ {
		x := pairs[i]
		if i >= k && x.key <= pairs[k-1].key {
			continue
		}
		j := min(i, k-1)
		if i >= k {
			pairs[i] = pairs[k-1]
		}
		for j > 0 && x.key > pairs[j-1].key {
			pairs[j] = pairs[j-1]
			j--
		}
		pairs[j] = x
	}
}

// pairUp aligns the probe with t and pairs its minutiae one-to-one with the
// candidate's, closest pairs first, within a tolerance that grows with the
// distance from the alignment's centre. It returns the number of pairs,
// their summed weight and the number of probe minutiae that fall in the
// candidate's footprint, and leaves the pairs in s.sel.
func (s *scratch) pairUp(p, c *viewFeatures, t transform) (int, float32, int) {
	rc := angleCode(t.rot)
	sn, cs, fx, fy := t.sn, t.cs, float32(t.tx), float32(t.ty)
	tp := &tuning
	nc := len(c.x)
	pa, pt, py_ := p.a[:len(p.x)], p.t[:len(p.x)], p.y[:len(p.x)]
	nx0, ny0, ninv, nw, nh := c.nx0, c.ny0, c.ninv, uint(c.nw), uint(c.nh)
	near, list, cells := c.near, c.nearList, c.cells
	votes := s.votes[:len(p.x)*nc]
	cand := s.cand[:0]
	inP := 0
	for i, px := range p.x {
		py := py_[i]
		x, y := cs*px-sn*py+fx, sn*px+cs*py+fy
		// Left of or above the grid by less than a cell truncates to
		// its empty border, by more to a negative index.
		gx, gy := uint(int((x-nx0)*ninv)), uint(int((y-ny0)*ninv))
		if gx >= nw || gy >= nh {
			continue
		}
		k := gy*nw + gx
		v := near[k]
		inP += int(v >> 15)
		lo, hi := int(v&^nearFoot), int(near[k+1]&^nearFoot)
		if lo == hi {
			continue
		}
		ox, oy := x-t.cx, y-t.cy
		dc := float32(math.Sqrt(float64(ox*ox + oy*oy)))
		r := min(tp.r0+tp.rk*dc, tp.rMax)
		at := tp.a0 + tp.ak*dc
		r2 := r * r
		a, tw := pa[i]+rc, &typeWeight[pt[i]&3]
		// lo < hi: the loop's test at its end only.
		for q := lo; ; {
			m := &cells[list[q]]
			dx, dy := m.x-x, m.y-y
			d := dx*dx + dy*dy
			if d <= r2 {
				if da := float32(adiff(a, m.a)); da <= at {
					u, v := d/r2, da/at
					cost := 0.5*u + 0.5*v*v
					w := (1 - cost) * tw[m.t&3]
					w *= voteWeight[votes[i*nc+int(m.i)]]
					cand = append(cand, candPair{cost: cost, i: uint8(i), j: m.i, w: w})
				}
			}
			if q++; q == hi {
				break
			}
		}
	}
	s.cand = cand
	// The order of the pairs by cost, stably: (cost, index) keys sorted
	// by insertion, as the pairs are few, unless the minutiae are packed
	// closer than the pairing radius.
	keys := slices.Grow(s.ckeys[:0], len(cand))[:len(cand)]
	if len(cand) > 64 {
		keys = s.sortMany(cand, keys)
	} else {
		for k := range cand {
			x := uint64(math.Float32bits(cand[k].cost))<<32 | uint64(k)
			m := k
			for m > 0 && keys[m-1] > x {
				keys[m] = keys[m-1]
				m--
			}
			keys[m] = x
		}
	}
	s.ckeys = keys
	s.epoch++
	if s.epoch == 0 { // wrapped around: older marks could read as this one
		clear(s.usedC[:cap(s.usedC)])
		clear(s.usedP[:cap(s.usedP)])
		s.epoch = 1
	}
	ep := s.epoch
	usedP, usedC := s.usedP, s.usedC
	sel := s.sel[:0]
	var w float32
	for _, key := range keys {
		cp := cand[uint16(key)]
		if usedP[cp.i] == ep || usedC[cp.j] == ep {
			continue
		}
		usedP[cp.i] = ep
		usedC[cp.j] = ep
		sel = append(sel, cp)
		w += cp.w
	}
	s.sel = sel
	return len(sel), w, inP
}

// sortMany returns the order of many candidate pairs (more than 64: the
// minutiae are packed closer than the pairing radius) by cost, ties
// broken by the minutiae, deterministically, as keys whose low 16 bits
// index cand.
func (s *scratch) sortMany(cand []candPair, keys []uint64) []uint64 {
	keys = keys[:0]
	if len(cand) <= 0xffff {
		// Sorted as integers (cost, i, j, index), the bits of a cost
		// (never negative) ordered as the cost is.
		for k, cp := range cand {
			keys = append(keys, uint64(math.Float32bits(cp.cost))<<32|uint64(cp.i)<<24|uint64(cp.j)<<16|uint64(k))
		}
		slices.Sort(keys)
	} else {
		// (cost, i, j) is unique: each cell lists a minutia once.
		slices.SortFunc(cand, func(a, b candPair) int {
			return cmp.Or(cmp.Compare(a.cost, b.cost), int(a.i)-int(b.i), int(a.j)-int(b.j))
		})
		for k := range cand {
			keys = append(keys, uint64(k))
		}
	}
	return keys
}

// refit returns the least-squares rigid transform of the pairs in s.sel,
// each weighted by its pair weight, centred on their centroid.
func (s *scratch) refit(p, c *viewFeatures) transform {
	var px, py, qx, qy, sw float64
	for _, cp := range s.sel {
		w := float64(cp.w)
		px += w * float64(p.x[cp.i])
		py += w * float64(p.y[cp.i])
		qx += w * float64(c.x[cp.j])
		qy += w * float64(c.y[cp.j])
		sw += w
	}
	px, py, qx, qy = px/sw, py/sw, qx/sw, qy/sw
	var sxx, sxy float64
	for _, cp := range s.sel {
		w := float64(cp.w)
		ax, ay := float64(p.x[cp.i])-px, float64(p.y[cp.i])-py
		bx, by := float64(c.x[cp.j])-qx, float64(c.y[cp.j])-qy
		sxx += w * (ax*bx + ay*by)
		sxy += w * (ax*by - ay*bx)
	}
	rot := math.Atan2(sxy, sxx)
	sin, cos := math.Sincos(rot)
	return transform{rot: rot, tx: qx - (cos*px - sin*py), ty: qy - (sin*px + cos*py), sn: float32(sin), cs: float32(cos), cx: float32(qx), cy: float32(qy)}
}
