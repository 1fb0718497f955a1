package biometric

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher/face"
)

// ErrUnknownModel is returned (wrapped) when a probe's face model has no
// vector in the gallery.
var ErrUnknownModel = errors.New("biometric: unknown face model")

// FaceGallery is an exact 1:N gallery of face embeddings, one contiguous
// block of vectors per model. Its zero value is an empty gallery using
// face.DefaultThreshold; set Thresholds (and Quantize) before the first Add.
type FaceGallery struct {
	// Thresholds holds the decision threshold of each model.
	Thresholds face.Thresholds
	// Quantize also stores every vector as int8 and scans those, then
	// re-ranks exactly in float32 a shortlist chosen with a proven error
	// bound, so Search returns exactly the top k of the float scan. It
	// costs 25% more memory.
	Quantize bool

	mu     sync.RWMutex
	models map[string]*faceModel
}

type faceModel struct {
	dim    int
	ids    []string
	hashes [][sha256.Size]byte
	vecs   []float32 // len(ids) × dim, normalised
	maxPer int       // most vectors of one entry
	perID  map[string]int

	// Quantized copy: q[i*dim:] = round(v · scale_i), with deq[i] = 1/scale_i
	// and qerr[i] = ‖v − q·deq‖.
	q    []int8
	deq  []float32
	qerr []float32
}

// Len returns the number of vectors in the gallery.
func (g *FaceGallery) Len() int {
	g.mu.RLock()
	defer g.mu.RUnlock()
	n := 0
	for _, m := range g.models {
		n += len(m.ids)
	}
	return n
}

// Threshold returns the decision threshold of model.
func (g *FaceGallery) Threshold(model string) float64 { return g.Thresholds.For(model) }

// Grow makes room for n more vectors of model with dimension dim, to avoid
// re-allocations while filling a large gallery.
func (g *FaceGallery) Grow(model string, dim, n int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	m := g.model(model, dim)
	if m.dim != dim {
		return
	}
	m.vecs = slices.Grow(m.vecs, n*dim)
	m.ids = slices.Grow(m.ids, n)
	m.hashes = slices.Grow(m.hashes, n)
	if g.Quantize {
		m.q = slices.Grow(m.q, n*dim)
		m.deq = slices.Grow(m.deq, n)
		m.qerr = slices.Grow(m.qerr, n)
	}
}

func (g *FaceGallery) model(name string, dim int) *faceModel {
	if g.models == nil {
		g.models = make(map[string]*faceModel)
	}
	m := g.models[name]
	if m == nil {
		m = &faceModel{dim: dim, perID: make(map[string]int)}
		g.models[name] = m
	}
	return m
}

// Add adds one face template of entry id. The vector is normalised; every
// vector of a model must have the model's dimension.
func (g *FaceGallery) Add(id string, t lists.FaceTemplate) error {
	if t.Model == "" {
		return fmt.Errorf("biometric: entry %s: face template without model", id)
	}
	v, err := face.Normalize(t.Vector)
	if err != nil {
		return fmt.Errorf("biometric: entry %s: %w", id, err)
	}
	hash := faceHash(t)
	g.mu.Lock()
	defer g.mu.Unlock()
	m := g.model(t.Model, len(v))
	if m.dim != len(v) {
		return fmt.Errorf("biometric: entry %s: %w: model %q has %d dimensions, vector %d",
			id, face.ErrDimension, t.Model, m.dim, len(v))
	}
	m.ids = append(m.ids, id)
	m.hashes = append(m.hashes, hash)
	m.vecs = append(m.vecs, v...)
	m.perID[id]++
	m.maxPer = max(m.maxPer, m.perID[id])
	if g.Quantize {
		m.q, m.deq, m.qerr = quantize(m.q, m.deq, m.qerr, v)
	}
	return nil
}

// AddEntry adds every face template of e; it returns the errors of the
// templates it could not add, joined.
func (g *FaceGallery) AddEntry(e *lists.Entry) error {
	var errs []error
	for i, t := range e.Faces {
		if err := g.Add(e.ID, t); err != nil {
			errs = append(errs, fmt.Errorf("face %d: %w", i+1, err))
		}
	}
	return errors.Join(errs...)
}

// quantize appends the int8 form of unit vector v.
func quantize(q []int8, deq, qerr []float32, v []float32) ([]int8, []float32, []float32) {
	var mx float32
	for _, x := range v {
		mx = max(mx, abs32(x))
	}
	scale := 127 / mx
	inv := mx / 127
	var e float64
	for _, x := range v {
		c := int8(math.Round(float64(x * scale)))
		q = append(q, c)
		d := float64(x) - float64(c)*float64(inv)
		e += d * d
	}
	return q, append(deq, inv), append(qerr, float32(math.Sqrt(e)))
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// minShard is the smallest number of vectors worth a goroutine.
const minShard = 4096

// Search returns the k entries whose vectors are the most similar to the
// probe's, best first (ties in the order the templates were added). The probe's model must be in
// the gallery and its vector of the model's dimension.
func (g *FaceGallery) Search(ctx context.Context, probe lists.FaceTemplate, k int) ([]Match, error) {
	if k <= 0 {
		return nil, nil
	}
	q, err := face.Normalize(probe.Vector)
	if err != nil {
		return nil, fmt.Errorf("biometric: face probe: %w", err)
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	m := g.models[probe.Model]
	if m == nil {
		return nil, fmt.Errorf("%w: %q", ErrUnknownModel, probe.Model)
	}
	if m.dim != len(q) {
		return nil, fmt.Errorf("biometric: face probe: %w: model %q has %d dimensions, probe %d",
			face.ErrDimension, probe.Model, m.dim, len(q))
	}
	n := len(m.ids)
	kv := min(k*m.maxPer, n) // vectors to keep so that k distinct entries survive
	var top []scored
	if g.Quantize && len(m.deq) == n {
		top, err = m.scanQuantized(ctx, q, kv)
	} else {
		top, err = m.scan(ctx, q, kv)
	}
	if err != nil {
		return nil, err
	}
	thr := g.Thresholds.For(probe.Model)
	out := make([]Match, 0, k)
	seen := make(map[string]bool, len(top))
	for _, s := range top {
		id := m.ids[s.idx]
		if seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, Match{ID: id, Score: float64(s.score), Hit: float64(s.score) >= thr, Template: hex.EncodeToString(m.hashes[s.idx][:])})
		if len(out) == k {
			break
		}
	}
	return out, nil
}

// shards splits n vectors into at most GOMAXPROCS ranges of at least minShard.
func shards(n int) [][2]int {
	p := max(1, min(runtime.GOMAXPROCS(0), n/minShard))
	out := make([][2]int, p)
	for i := range p {
		out[i] = [2]int{i * n / p, (i + 1) * n / p}
	}
	return out
}

// parallel runs f on each shard, each in its own goroutine but the last.
func parallel(sh [][2]int, f func(w, lo, hi int)) {
	var wg sync.WaitGroup
	for w, r := range sh[:len(sh)-1] {
		wg.Go(func() { f(w, r[0], r[1]) })
	}
	last := sh[len(sh)-1]
	f(len(sh)-1, last[0], last[1])
	wg.Wait()
}

const ctxEvery = 2048 // vectors between context checks

// scan is the exact float32 scan; it returns the top kv vectors, best first.
func (m *faceModel) scan(ctx context.Context, q []float32, kv int) ([]scored, error) {
	sh := shards(len(m.ids))
	tops := make([]topK, len(sh))
	errs := make([]error, len(sh))
	dim := m.dim
	parallel(sh, func(w, lo, hi int) {
		t := newTopK(kv)
		for i := lo; i < hi; i++ {
			if (i-lo)%ctxEvery == 0 && ctx.Err() != nil {
				errs[w] = ctx.Err()
				return
			}
			s := face.Dot(q, m.vecs[i*dim:(i+1)*dim])
			if !t.full() || s >= t.min() {
				t.push(s, int32(i))
			}
		}
		tops[w] = t
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var all []scored
	for _, t := range tops {
		all = append(all, t.items...)
	}
	return best(all, kv), nil
}

// best sorts items best first and keeps n.
func best(items []scored, n int) []scored {
	slices.SortFunc(items, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.idx, b.idx))
	})
	return items[:min(n, len(items))]
}

// scanQuantized scans the int8 vectors. For vector i the approximate score
// a_i = q8·v8_i · deq_q · deq_i differs from the exact one by at most
// b_i = e_q(1+e_i) + e_i (e = the quantisation residual norms, both vectors
// being unit), so every vector of the exact top kv has a_i + b_i at least
// the kv-th largest a_j − b_j. Those candidates are re-ranked in float32.
func (m *faceModel) scanQuantized(ctx context.Context, q []float32, kv int) ([]scored, error) {
	qq, qdeq, qerr := quantize(make([]int8, 0, len(q)), nil, nil, q)
	dq, eq := qdeq[0], qerr[0]
	sh := shards(len(m.ids))
	lows := make([]topK, len(sh))
	cands := make([][]scored, len(sh))
	errs := make([]error, len(sh))
	dim := m.dim
	parallel(sh, func(w, lo, hi int) {
		low := newTopK(kv)
		var cand []scored
		for i := lo; i < hi; i++ {
			if (i-lo)%ctxEvery == 0 && ctx.Err() != nil {
				errs[w] = ctx.Err()
				return
			}
			a := float32(dotInt8(qq, m.q[i*dim:(i+1)*dim])) * dq * m.deq[i]
			b := eq*(1+m.qerr[i]) + m.qerr[i] + 1e-6 // and float rounding
			if low.full() && a+b < low.min() {
				continue
			}
			cand = append(cand, scored{a + b, int32(i)})
			if !low.full() || a-b > low.min() {
				low.push(a-b, int32(i))
			}
		}
		lows[w], cands[w] = low, cand
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var lb []scored
	for _, l := range lows {
		lb = append(lb, l.items...)
	}
	lb = best(lb, kv)
	floor := float32(math.Inf(-1))
	if len(lb) == kv {
		floor = lb[kv-1].score
	}
	exact := newTopK(kv)
	for _, cs := range cands {
		for _, c := range cs {
			if c.score < floor {
				continue
			}
			i := int(c.idx)
			exact.push(face.Dot(q, m.vecs[i*dim:(i+1)*dim]), c.idx)
		}
	}
	return best(exact.items, kv), nil
}

// dotInt8 is the int8 dot product, unrolled eight ways.
func dotInt8(a, b []int8) int32 {
	n := min(len(a), len(b))
	a, b = a[:n], b[:n]
	var s0, s1, s2, s3 int32
	i := 0
	for ; i+8 <= n; i += 8 {
		aa, bb := a[i:i+8:i+8], b[i:i+8:i+8]
		s0 += int32(aa[0])*int32(bb[0]) + int32(aa[4])*int32(bb[4])
		s1 += int32(aa[1])*int32(bb[1]) + int32(aa[5])*int32(bb[5])
		s2 += int32(aa[2])*int32(bb[2]) + int32(aa[6])*int32(bb[6])
		s3 += int32(aa[3])*int32(bb[3]) + int32(aa[7])*int32(bb[7])
	}
	for ; i < n; i++ {
		s0 += int32(a[i]) * int32(b[i])
	}
	return s0 + s1 + s2 + s3
}
