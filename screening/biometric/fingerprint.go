package biometric

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher/fingerprint"
)

// FingerprintGallery is a 1:N gallery of fingerprint templates, compared in
// parallel by a fingerprint.Matcher. Its zero value is an empty gallery
// using fingerprint.MinutiaeMatcher; set Matcher before the first Add.
type FingerprintGallery struct {
	// Matcher prepares and compares the templates; nil means
	// fingerprint.MinutiaeMatcher{}.
	Matcher fingerprint.Matcher
	// SamePosition skips gallery templates whose finger position is known
	// and differs from the probe's known position. Off by default, as
	// positions are often mislabelled.
	SamePosition bool

	mu     sync.RWMutex
	items  []fpItem
	perID  map[string]int
	maxPer int
}

type fpItem struct {
	id       string
	hash     string
	position int
	feat     fingerprint.Features
}

func (g *FingerprintGallery) matcher() fingerprint.Matcher {
	if g.Matcher == nil {
		return fingerprint.MinutiaeMatcher{}
	}
	return g.Matcher
}

// Threshold returns the decision threshold of the gallery's matcher.
func (g *FingerprintGallery) Threshold() float64 { return g.matcher().Threshold() }

// Len returns the number of templates in the gallery.
func (g *FingerprintGallery) Len() int {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return len(g.items)
}

// Add prepares and adds one fingerprint template of entry id.
func (g *FingerprintGallery) Add(id string, t lists.FingerprintTemplate) error {
	f, err := g.matcher().Prepare(t.Format, t.Data)
	if err != nil {
		return fmt.Errorf("biometric: entry %s: fingerprint (position %d): %w", id, t.Position, err)
	}
	it := fpItem{id: id, hash: FingerprintHash(t), position: t.Position, feat: f}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.perID == nil {
		g.perID = make(map[string]int)
	}
	g.items = append(g.items, it)
	g.perID[id]++
	g.maxPer = max(g.maxPer, g.perID[id])
	return nil
}

// AddEntry adds every fingerprint template of e; it returns the errors of
// the templates it could not add, joined.
func (g *FingerprintGallery) AddEntry(e *lists.Entry) error {
	var errs []error
	for i, t := range e.Fingerprints {
		if err := g.Add(e.ID, t); err != nil {
			errs = append(errs, fmt.Errorf("fingerprint %d: %w", i+1, err))
		}
	}
	return errors.Join(errs...)
}

// fpChunk is the number of templates a worker takes at a time.
const fpChunk = 64

// Search compares the probe with every template of the gallery in parallel
// and returns the k best entries, best first (ties in the order the templates were added). An entry's
// score is its best template's.
func (g *FingerprintGallery) Search(ctx context.Context, probe lists.FingerprintTemplate, k int) ([]Match, error) {
	if k <= 0 {
		return nil, nil
	}
	m := g.matcher()
	pf, err := m.Prepare(probe.Format, probe.Data)
	if err != nil {
		return nil, fmt.Errorf("biometric: fingerprint probe: %w", err)
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	items := g.items
	kv := min(k*max(g.maxPer, 1), len(items))
	if kv == 0 {
		return nil, nil
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), (len(items)+fpChunk-1)/fpChunk))
	tops := make([]topK, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	work := func(w int) {
		t := newTopK(kv)
		for ctx.Err() == nil {
			lo := int(next.Add(fpChunk)) - fpChunk
			if lo >= len(items) {
				break
			}
			for i := lo; i < min(lo+fpChunk, len(items)); i++ {
				it := &items[i]
				if g.SamePosition && probe.Position != 0 && it.position != 0 && it.position != probe.Position {
					continue
				}
				s := float32(m.Compare(pf, it.feat))
				if !t.full() || s >= t.min() {
					t.push(s, int32(i))
				}
			}
		}
		tops[w] = t
	}
	for w := 1; w < workers; w++ {
		wg.Go(func() { work(w) })
	}
	work(0)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var all []scored
	for _, t := range tops {
		all = append(all, t.items...)
	}
	all = best(all, kv)
	thr := m.Threshold()
	out := make([]Match, 0, k)
	seen := make(map[string]bool, len(all))
	for _, s := range all {
		it := &items[s.idx]
		if seen[it.id] {
			continue
		}
		seen[it.id] = true
		out = append(out, Match{ID: it.id, Score: float64(s.score), Hit: float64(s.score) >= thr, Template: it.hash})
		if len(out) == k {
			break
		}
	}
	return out, nil
}
