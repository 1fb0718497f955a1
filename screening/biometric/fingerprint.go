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
// using fingerprint.MinutiaeMatcher; set Matcher and Thresholds before the
// first Add.
type FingerprintGallery struct {
	// Matcher prepares and compares the templates; nil means
	// fingerprint.MinutiaeMatcher{}.
	Matcher fingerprint.Matcher
	// SamePosition skips gallery templates whose finger position is known
	// and differs from the probe's known position. Off by default, as
	// positions are often mislabelled.
	SamePosition bool
	// Thresholds are the decision thresholds of the entries' sources
	// (lists.Entry.Source); a source without one uses the matcher's.
	Thresholds fingerprint.Thresholds

	mu      sync.RWMutex
	items   []fpItem
	entries []fpEntry
	byID    map[string]int32
}

type fpItem struct {
	entry    int32
	position int
	hash     string
	feat     fingerprint.Features
}

type fpEntry struct {
	id, source string
	items      []int32
}

func (g *FingerprintGallery) matcher() fingerprint.Matcher {
	if g.Matcher == nil {
		return fingerprint.MinutiaeMatcher{}
	}
	return g.Matcher
}

// Threshold returns the decision threshold of the gallery's matcher (of
// the sources without a threshold of their own).
func (g *FingerprintGallery) Threshold() float64 { return g.matcher().Threshold() }

// ThresholdFor returns the decision threshold of an entry source.
func (g *FingerprintGallery) ThresholdFor(source string) float64 {
	return g.Thresholds.For(source, g.matcher())
}

// Len returns the number of templates in the gallery.
func (g *FingerprintGallery) Len() int {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return len(g.items)
}

// Add prepares and adds one fingerprint template of entry id (of no
// particular source: the matcher's threshold applies).
func (g *FingerprintGallery) Add(id string, t lists.FingerprintTemplate) error {
	return g.add(id, "", t)
}

func (g *FingerprintGallery) add(id, source string, t lists.FingerprintTemplate) error {
	f, err := g.matcher().Prepare(t.Format, t.Data)
	if err != nil {
		return fmt.Errorf("biometric: entry %s: fingerprint (position %d): %w", id, t.Position, err)
	}
	g.AddPrepared(id, source, FingerprintHash(t), fingerprint.Prepared{Position: t.Position, Features: f})
	return nil
}

// AddPrepared adds a template of entry id of source that the gallery's
// matcher has already prepared, with its FingerprintHash, for a caller that
// holds the prepared templates anyway (one preparation per template).
func (g *FingerprintGallery) AddPrepared(id, source, hash string, f fingerprint.Prepared) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.byID == nil {
		g.byID = make(map[string]int32)
	}
	e, ok := g.byID[id]
	if !ok {
		e = int32(len(g.entries))
		g.byID[id] = e
		g.entries = append(g.entries, fpEntry{id: id, source: source})
	}
	g.entries[e].items = append(g.entries[e].items, int32(len(g.items)))
	g.items = append(g.items, fpItem{entry: e, position: f.Position, hash: hash, feat: f.Features})
}

// AddEntry adds every fingerprint template of e, under e's source; it
// returns the errors of the templates it could not add, joined.
func (g *FingerprintGallery) AddEntry(e *lists.Entry) error {
	var errs []error
	for i, t := range e.Fingerprints {
		if err := g.add(e.ID, e.Source, t); err != nil {
			errs = append(errs, fmt.Errorf("fingerprint %d: %w", i+1, err))
		}
	}
	return errors.Join(errs...)
}

// fpChunk is the number of templates a worker takes at a time.
const fpChunk = 16

// Search compares the probe with every template of the gallery in parallel
// and returns the k best entries, best first (ties in the order the entries
// were added). An entry's score is its best template's.
func (g *FingerprintGallery) Search(ctx context.Context, probe lists.FingerprintTemplate, k int) ([]Match, error) {
	return g.SearchPerson(ctx, []lists.FingerprintTemplate{probe}, k)
}

// SearchPerson compares several fingers of one person (each a template,
// with its finger position when known) with every template of the gallery
// and returns the k best entries, best first. An entry's score fuses, with
// fingerprint.Fuse, the best comparison of each of its fingers (see
// fingerprint.Fingers: one comparison per finger, each template once), so
// that two fingers that agree outweigh one; with one probe it is the
// entry's best template's score. Match.Hit compares it with the threshold
// of the entry's source; Match.Template is the entry's template that scored best.
func (g *FingerprintGallery) SearchPerson(ctx context.Context, probes []lists.FingerprintTemplate, k int) ([]Match, error) {
	m := g.matcher()
	ps := make([]fingerprint.Prepared, len(probes))
	for i, p := range probes {
		f, err := m.Prepare(p.Format, p.Data)
		if err != nil {
			if len(probes) == 1 {
				return nil, fmt.Errorf("biometric: fingerprint probe: %w", err)
			}
			return nil, fmt.Errorf("biometric: fingerprint probe %d: %w", i+1, err)
		}
		ps[i] = fingerprint.Prepared{Position: p.Position, Features: f}
	}
	return g.SearchPrepared(ctx, ps, k)
}

// SearchPrepared is SearchPerson for probes already prepared by the
// gallery's matcher. The search stops within one comparison per worker once
// ctx is cancelled, and returns ctx's error.
func (g *FingerprintGallery) SearchPrepared(ctx context.Context, probes []fingerprint.Prepared, k int) ([]Match, error) {
	if k <= 0 || len(probes) == 0 {
		return nil, nil
	}
	m := g.matcher()
	g.mu.RLock()
	defer g.mu.RUnlock()
	items := g.items
	if len(items) == 0 {
		return nil, nil
	}
	np := len(probes)
	// scores[i*np+p]: item i against probe p; -1 where not compared.
	scores := make([]float32, len(items)*np)
	done := ctx.Done()
	stopped := func() bool {
		select {
		case <-done:
			return true
		default:
			return false
		}
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), (len(items)+fpChunk-1)/fpChunk))
	var next atomic.Int64
	var wg sync.WaitGroup
	work := func() {
		for !stopped() {
			lo := int(next.Add(fpChunk)) - fpChunk
			if lo >= len(items) {
				return
			}
			for i := lo; i < min(lo+fpChunk, len(items)); i++ {
				it := &items[i]
				for p := range probes {
					// Checked before every comparison: a cancelled search
					// stops within one comparison per worker.
					if stopped() {
						return
					}
					s := &scores[i*np+p]
					if g.SamePosition && probes[p].Position != 0 && it.position != 0 && it.position != probes[p].Position {
						*s = -1
						continue
					}
					*s = float32(m.Compare(probes[p].Features, it.feat))
				}
			}
		}
	}
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Each entry's score, then the k best entries.
	t := newTopK(min(k, len(g.entries)))
	bestItem := make([]int32, len(g.entries)) // the entry's best-scoring item
	var cs []fingerprint.Comparison
	var fs []float64
	for e := range g.entries {
		en := &g.entries[e]
		top, bi := float32(-1), int32(-1)
		cs = cs[:0]
		for ci, i := range en.items {
			for p := range probes {
				s := scores[int(i)*np+p]
				if s < 0 {
					continue
				}
				if s > top {
					top, bi = s, i
				}
				if np > 1 && len(en.items) > 1 {
					cs = append(cs, fingerprint.Comparison{Probe: p, Candidate: ci,
						ProbePosition: probes[p].Position, CandidatePosition: items[i].position, Score: float64(s)})
				}
			}
		}
		if bi < 0 {
			continue // nothing compared (other fingers only)
		}
		bestItem[e] = bi
		score := top
		if len(cs) > 1 {
			fs = fs[:0]
			for _, c := range fingerprint.Fingers(cs) {
				fs = append(fs, c.Score)
			}
			score = max(score, float32(fingerprint.Fuse(m, fs)))
		}
		if !t.full() || score >= t.min() {
			t.push(score, int32(e))
		}
	}
	ranked := best(t.items, len(t.items))
	out := make([]Match, 0, len(ranked))
	for _, s := range ranked {
		en := &g.entries[s.idx]
		out = append(out, Match{ID: en.id, Score: float64(s.score), Hit: float64(s.score) >= g.ThresholdFor(en.source),
			Template: items[bestItem[s.idx]].hash})
	}
	return out, nil
}
