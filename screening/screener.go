// Package screening screens people and organisations against sanctions lists
// and watchlists. A Screener indexes the entries of one or more lists in bleve
// (one document per name form: folded tokens, skeleton keys, phonetic keys),
// retrieves for each query every entry that may be the same person, asks
// package matcher to score those candidates precisely, and returns the matches
// above the review threshold with a decision and an explanation. It is safe
// for concurrent use, and swaps list snapshots atomically while it serves.
package screening

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
	"github.com/raqib/raqib/matcher/face"
	"github.com/raqib/raqib/matcher/fingerprint"
)

// Query is what is known about a person or organisation to screen; see
// matcher.Query for its fields.
type Query = matcher.Query

// Feature is one piece of evidence behind a match score.
type Feature = matcher.Feature

// Document is an identity document presented with a query.
type Document = matcher.Document

// Decision is what a match asks of the officer.
type Decision string

// The decisions of a match. A match below the review threshold is not reported.
const (
	Hit    Decision = "hit"    // stop: the score is at or above the hit threshold
	Review Decision = "review" // look: the score is at or above the review threshold
)

// ErrBadQuery is wrapped by the errors Screen returns for a query that cannot
// be screened: nothing to compare (matcher.ErrEmptyQuery), an unusable face
// vector or fingerprint template, a face model the lists do not hold.
var ErrBadQuery = errors.New("bad query")

// Default thresholds, chosen from the measurements in the README (recall on the
// yente positives, false alerts on its 50,000 negatives).
const (
	DefaultReviewThreshold = 0.70
	DefaultHitThreshold    = 0.85
	DefaultLimit           = 10
)

// Match is one entry that may be the person screened.
type Match struct {
	Entry       *lists.Entry `json:"-"`
	EntryID     string       `json:"entry_id"`
	Score       float64      `json:"score"`
	Decision    Decision     `json:"decision"`
	MatchedName string       `json:"matched_name"`
	// MatchedForm is the form of MatchedName that was compared, when it differs
	// from the name as written (a romanisation of an Arabic-script name).
	MatchedForm string    `json:"matched_form,omitempty"`
	Features    []Feature `json:"features"`
}

// Result is the outcome of screening one query.
type Result struct {
	QueryID string  `json:"id,omitempty"`
	Matches []Match `json:"matches"`
	// Lists names the lists and versions the query was screened against.
	Lists []ListInfo `json:"lists"`
	// Candidates is the number of entries that were scored.
	Candidates int `json:"candidates"`
	// Warnings names query fields that could not be read and were not compared.
	Warnings []string `json:"warnings,omitempty"`
	// Elapsed is the time Screen took.
	Elapsed time.Duration `json:"-"`
}

// Screener screens queries against a snapshot of lists.
type Screener struct {
	snap atomic.Pointer[snapshot]
	cfg  config
	mu   sync.Mutex // serialises Replace
}

type config struct {
	lists       []*lists.List
	review, hit float64
	minScore    float64
	limit       int
	workers     int
	indexDir    string

	faceThresholds face.Thresholds
	fingers        fingerprint.Matcher
}

// Option configures a Screener.
type Option func(*config) error

// WithLists screens against the given lists instead of the embedded UN list.
func WithLists(ls ...*lists.List) Option {
	return func(c *config) error {
		for _, l := range ls {
			if l == nil {
				return errors.New("screening: WithLists: nil list")
			}
		}
		c.lists = append(c.lists, ls...)
		return nil
	}
}

// WithThresholds sets the review and hit thresholds (0 < review <= hit <= 1).
func WithThresholds(review, hit float64) Option {
	return func(c *config) error {
		if !(review > 0 && review <= hit && hit <= 1) {
			return fmt.Errorf("screening: thresholds review=%v hit=%v: want 0 < review <= hit <= 1", review, hit)
		}
		c.review, c.hit = review, hit
		return nil
	}
}

// WithMinScore reports matches scoring at least f, below the review threshold
// too (their decision is then empty). The default is the review threshold.
func WithMinScore(f float64) Option {
	return func(c *config) error {
		if f < 0 || f > 1 {
			return fmt.Errorf("screening: min score %v outside [0,1]", f)
		}
		c.minScore = f
		return nil
	}
}

// WithLimit sets the most matches reported per query (default 10).
func WithLimit(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("screening: limit %d: want > 0", n)
		}
		c.limit = n
		return nil
	}
}

// WithConcurrency sets how many queries ScreenBatch screens at once
// (default: the number of CPUs).
func WithConcurrency(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("screening: concurrency %d: want > 0", n)
		}
		c.workers = n
		return nil
	}
}

// WithFaceThresholds sets the decision threshold (cosine similarity) of each
// face model the embedding application uses. Raqib does not guess a model's
// operating point: a model without a threshold uses face.DefaultThreshold.
func WithFaceThresholds(t face.Thresholds) Option {
	return func(c *config) error {
		for model, v := range t {
			if !(v > -1 && v <= 1) {
				return fmt.Errorf("screening: face threshold %v for model %q outside (-1,1]", v, model)
			}
		}
		c.faceThresholds = t
		return nil
	}
}

// WithFingerprintMatcher plugs in an agency's own fingerprint matcher (AFIS)
// in place of the built-in minutiae matcher.
func WithFingerprintMatcher(m fingerprint.Matcher) Option {
	return func(c *config) error {
		if m == nil {
			return errors.New("screening: WithFingerprintMatcher: nil matcher")
		}
		c.fingers = m
		return nil
	}
}

// WithIndexDir keeps the index on disk in dir (which must not exist yet)
// instead of in memory, for very large lists. The directory is the Screener's
// own: Replace builds the next index beside it (dir.1, dir.2, ...) and removes
// the old one once no screen uses it; Close removes the last.
func WithIndexDir(dir string) Option {
	return func(c *config) error {
		c.indexDir = dir
		return nil
	}
}

// New builds a Screener. Without WithLists it screens against the embedded UN
// Security Council Consolidated List.
func New(ctx context.Context, opts ...Option) (*Screener, error) {
	s := &Screener{cfg: config{
		review: DefaultReviewThreshold, hit: DefaultHitThreshold,
		minScore: -1, limit: DefaultLimit, workers: runtime.GOMAXPROCS(0),
	}}
	for _, o := range opts {
		if err := o(&s.cfg); err != nil {
			return nil, err
		}
	}
	if s.cfg.minScore < 0 {
		s.cfg.minScore = s.cfg.review
	}
	ls := s.cfg.lists
	s.cfg.lists = nil
	if len(ls) == 0 {
		def, err := lists.Default()
		if err != nil {
			return nil, fmt.Errorf("screening: embedded list: %w", err)
		}
		ls = []*lists.List{def}
	}
	snap, err := build(ctx, ls, &s.cfg, s.cfg.indexDir)
	if err != nil {
		return nil, err
	}
	s.snap.Store(snap)
	return s, nil
}

// Replace builds an index of ls and swaps it in atomically: screens already
// running finish on the old snapshot, later ones use the new. If the build
// fails, the old snapshot keeps serving.
func (s *Screener) Replace(ctx context.Context, ls ...*lists.List) error {
	if len(ls) == 0 {
		return errors.New("screening: Replace: no lists")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	dir := ""
	if s.cfg.indexDir != "" {
		dir = fmt.Sprintf("%s.%d", s.cfg.indexDir, replaceSeq.Add(1))
	}
	snap, err := build(ctx, ls, &s.cfg, dir)
	if err != nil {
		return err
	}
	old := s.snap.Swap(snap)
	// Screens in flight may still read the old index: close it once they are done.
	go old.closeWhenIdle()
	return nil
}

var replaceSeq atomic.Int64

// acquire returns the snapshot now serving, counted as in use until the caller
// decrements its refs.
func (s *Screener) acquire() *snapshot {
	for {
		snap := s.snap.Load()
		snap.refs.Add(1)
		if s.snap.Load() == snap {
			return snap
		}
		snap.refs.Add(-1)
	}
}

// closeWhenIdle closes the snapshot's index once no screen uses it.
func (snap *snapshot) closeWhenIdle() {
	for snap.refs.Load() > 0 {
		time.Sleep(10 * time.Millisecond)
	}
	snap.close()
}

// Close releases the index (and removes an on-disk one, see WithIndexDir)
// once the screens in flight are done. The Screener must not be used after.
func (s *Screener) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := s.snap.Load()
	for snap.refs.Load() > 0 {
		time.Sleep(10 * time.Millisecond)
	}
	return snap.close()
}

// Lists describes the lists of the snapshot now serving.
func (s *Screener) Lists() []ListInfo {
	return append([]ListInfo(nil), s.snap.Load().lists...)
}

// Skipped reports the biometric templates of the lists now serving that could
// not be read (each error names its entry): those entries are screened on
// everything else.
func (s *Screener) Skipped() []error {
	return append([]error(nil), s.snap.Load().skipped...)
}

// Entries returns the number of entries of the snapshot now serving.
func (s *Screener) Entries() int { return len(s.snap.Load().entries) }

// Thresholds returns the review and hit thresholds.
func (s *Screener) Thresholds() (review, hit float64) { return s.cfg.review, s.cfg.hit }

// Screen screens one query: the matches scoring at least the review threshold
// (or WithMinScore), best first, at most the limit.
func (s *Screener) Screen(ctx context.Context, q Query) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	start := time.Now()
	snap := s.acquire()
	defer snap.refs.Add(-1)
	p, err := snap.m.Prepare(q)
	if err != nil {
		return nil, fmt.Errorf("screening: %w: %w", ErrBadQuery, err)
	}
	if q.Kind == "" && (q.BirthDate != "" || q.Gender != "") {
		// Only a person has a birth date or a gender.
		q.Kind = lists.KindPerson
	}
	res := &Result{QueryID: q.ID, Lists: snap.lists, Warnings: p.Warnings}
	type scored struct {
		i     int
		score float64
	}
	var keep []scored
	best := 0.0
	rank := func(cands []int) error {
		if q.Kind != "" || len(q.Lists) > 0 || len(q.ListTypes) > 0 {
			cands = snap.filter(cands, &q)
		}
		for n, i := range cands {
			if n%64 == 63 && ctx.Err() != nil {
				return ctx.Err()
			}
			sc := snap.m.Score(p, snap.targets[i])
			best = max(best, sc)
			if sc >= s.cfg.minScore && sc > 0 {
				keep = append(keep, scored{i, sc})
			}
		}
		res.Candidates += len(cands)
		return nil
	}
	cands, err := snap.candidates(ctx, p, false)
	if err != nil {
		return nil, err
	}
	bio, err := snap.biometricCandidates(ctx, &q, s.cfg.limit, res)
	if err != nil {
		return nil, err
	}
	cands = union(cands, bio)
	if err := rank(cands); err != nil {
		return nil, err
	}
	if best < s.cfg.hit && p.HasName() {
		// No hit yet: look further, for names with a typo in a rare token or
		// a space in the wrong place, which the exact terms cannot find.
		more, err := snap.candidates(ctx, p, true)
		if err != nil {
			return nil, err
		}
		if err := rank(minus(more, cands)); err != nil {
			return nil, err
		}
	}
	sort.Slice(keep, func(a, b int) bool {
		if keep[a].score != keep[b].score {
			return keep[a].score > keep[b].score
		}
		return keep[a].i < keep[b].i
	})
	if len(keep) > s.cfg.limit {
		keep = keep[:s.cfg.limit]
	}
	// Only the matches reported are explained.
	for _, k := range keep {
		r := snap.m.Compare(p, snap.targets[k.i])
		m := Match{
			Entry: &snap.entries[k.i], EntryID: snap.entries[k.i].ID,
			Score: r.Score, MatchedName: r.MatchedName, MatchedForm: r.MatchedForm,
			Features: r.Features,
		}
		switch {
		case r.Score >= s.cfg.hit:
			m.Decision = Hit
		case r.Score >= s.cfg.review:
			m.Decision = Review
		}
		res.Matches = append(res.Matches, m)
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// filter keeps the candidates that pass the query's kind, list and list-type filters.
func (snap *snapshot) filter(cands []int, q *Query) []int {
	out := cands[:0]
	for _, i := range cands {
		e := &snap.entries[i]
		if q.Kind != "" && e.Kind != q.Kind {
			continue
		}
		if len(q.Lists) > 0 && !contains(q.Lists, e.Source) {
			continue
		}
		if len(q.ListTypes) > 0 && !contains(q.ListTypes, e.ListType) {
			continue
		}
		out = append(out, i)
	}
	return out
}

// biometricCandidates searches the face and fingerprint galleries for the
// query's biometrics and returns the indexes of the k best entries of each
// search, ascending. A query with a face model the galleries do not hold is
// an error; biometrics against lists that hold none are a warning.
func (snap *snapshot) biometricCandidates(ctx context.Context, q *Query, k int, res *Result) ([]int, error) {
	var out []int
	if q.Face != nil {
		if snap.faces.Len() == 0 {
			res.Warnings = append(res.Warnings, "face: the lists hold no face templates: not compared")
		} else {
			ms, err := snap.faces.Search(ctx, *q.Face, k)
			if err != nil {
				return nil, fmt.Errorf("screening: %w: face: %w", ErrBadQuery, err)
			}
			for _, m := range ms {
				out = append(out, snap.byID[m.ID])
			}
		}
	}
	for i, fp := range q.Fingerprints {
		if snap.fingers.Len() == 0 {
			res.Warnings = append(res.Warnings, "fingerprints: the lists hold no fingerprint templates: not compared")
			break
		}
		ms, err := snap.fingers.Search(ctx, fp, k)
		if err != nil {
			return nil, fmt.Errorf("screening: %w: fingerprints[%d]: %w", ErrBadQuery, i, err)
		}
		for _, m := range ms {
			out = append(out, snap.byID[m.ID])
		}
	}
	sort.Ints(out)
	return out, nil
}

// union merges two ascending lists of indexes without duplicates.
func union(a, b []int) []int {
	if len(b) == 0 {
		return a
	}
	out := make([]int, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		var x int
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			x = a[i]
			i++
		case i == len(a) || b[j] < a[i]:
			x = b[j]
			j++
		default:
			x = a[i]
			i++
			j++
		}
		if len(out) == 0 || out[len(out)-1] != x {
			out = append(out, x)
		}
	}
	return out
}

// minus returns the elements of a that are not in b; both ascending.
func minus(a, b []int) []int {
	var out []int
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j < len(b) && b[j] == x {
			continue
		}
		out = append(out, x)
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// BatchResult is the outcome of one query of a batch: a result or an error.
type BatchResult struct {
	Result *Result
	Err    error
}

// ScreenBatch screens queries concurrently and returns their outcomes in the
// order of queries. A query that fails has its error in its BatchResult and
// does not stop the others; a cancelled context stops the batch and is returned.
func (s *Screener) ScreenBatch(ctx context.Context, queries []Query) ([]BatchResult, error) {
	out := make([]BatchResult, len(queries))
	var next atomic.Int64
	var wg sync.WaitGroup
	workers := min(s.cfg.workers, len(queries))
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(queries) || ctx.Err() != nil {
					return
				}
				r, err := s.Screen(ctx, queries[i])
				out[i] = BatchResult{Result: r, Err: err}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
