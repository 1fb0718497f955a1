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
	"maps"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
	"github.com/raqib/raqib/matcher/face"
	"github.com/raqib/raqib/matcher/fingerprint"
)

// ErrBadQuery is wrapped by the errors Screen returns for a query that cannot
// be screened as it is: beyond the limits of raqib.Query.Validate, nothing to
// compare (matcher.ErrEmptyQuery), an unusable face vector or fingerprint
// template, a face model the lists do not hold, a list or regime filter that
// names nothing the Screener holds. Such a query is the caller's to correct
// (an HTTP service answers it with 400), not a failure of the Screener.
var ErrBadQuery = errors.New("bad query")

// ErrClosed is returned by a Screener used after Close.
var ErrClosed = errors.New("screening: screener closed")

// Default thresholds, chosen from the measurements in the README (recall on the
// yente positives, false alerts on its 50,000 negatives).
const (
	DefaultReviewThreshold = 0.70
	DefaultHitThreshold    = 0.85
	DefaultLimit           = 10
	// DefaultMaxShrink is the share of its entries a list may lose in a
	// Replace without being forced (see WithMaxShrink).
	DefaultMaxShrink = 0.10
)

// Screener screens queries against a snapshot of lists.
type Screener struct {
	snap atomic.Pointer[snapshot] // nil once closed
	cfg  config
	mu   sync.Mutex // serialises Replace and Close
	seq  int        // numbers the on-disk indexes of Replace
	// retiring counts the replaced snapshots still waiting for their last
	// screen before they close; Close waits for them.
	retiring sync.WaitGroup
	// subs are the functions Subscribe registered, by registration number.
	subs   map[int]func(context.Context, Update)
	subSeq int
}

// Update is one change of the lists a Screener serves, as Replace made it:
// the lists before and after, and entry by entry what changed (by entry ID,
// over all the lists). Reweighed reports that the token weights of names
// changed with the lists, so that the scores of entries that did not change
// may have moved too: only a re-screen of everything is then exact. The
// entries are the Screener's own and must not be modified.
type Update struct {
	Before, After []ListInfo
	Delta         lists.Delta
	Reweighed     bool
}

// Subscribe calls fn with every Update from now on, once the new lists serve
// and before Replace returns (fn must not call Replace or Close). It
// returns a function that ends the subscription.
func (s *Screener) Subscribe(fn func(context.Context, Update)) (cancel func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.subs == nil {
		s.subs = map[int]func(context.Context, Update){}
	}
	s.subSeq++
	n := s.subSeq
	s.subs[n] = fn
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		delete(s.subs, n)
	}
}

type config struct {
	lists       []*lists.List
	review, hit float64
	minScore    float64
	limit       int
	window      int
	maxShrink   float64
	workers     int
	indexDir    string

	faceThresholds   face.Thresholds
	fingers          fingerprint.Matcher
	fingerThresholds fingerprint.Thresholds
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
		if !(f >= 0 && f <= 1) {
			return fmt.Errorf("screening: min score %v outside [0,1]", f)
		}
		c.minScore = f
		return nil
	}
}

// WithMaxShrink sets the largest share of its entries (in [0,1]; default
// DefaultMaxShrink) that a list may lose in a Replace: a list that shrinks by
// more, or a list of the serving snapshot that is missing from the
// replacement, is refused unless the Replace is forced (Force). A file cut in
// half, or a list whose records lost their reference numbers, is a list that
// would hide listed people.
func WithMaxShrink(share float64) Option {
	return func(c *config) error {
		if !(share >= 0 && share <= 1) {
			return fmt.Errorf("screening: max shrink %v outside [0,1]", share)
		}
		c.maxShrink = share
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

// WithWindow sets the most candidates one query has scored (default
// DefaultWindow). A query whose names more entries share is screened
// against the n likeliest of them, ranked by the rarity of what they share
// and by birth date, nationality and gender, and its Result says so
// (WindowFull).
func WithWindow(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("screening: window %d: want > 0", n)
		}
		c.window = n
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

// WithFingerprintThreshold sets the fingerprint decision threshold of the
// entries of one list source (lists.Entry.Source), or with source "" of every
// source without its own, in place of the fingerprint matcher's. Every
// extractor scores differently: calibrate on your own labelled templates
// with cmd/fpcalibrate (docs/biometrics.md). Repeat it for several sources.
func WithFingerprintThreshold(source string, t float64) Option {
	return func(c *config) error {
		if !(t > 0 && t <= 1) {
			return fmt.Errorf("screening: fingerprint threshold %v for source %q outside (0,1]", t, source)
		}
		if c.fingerThresholds == nil {
			c.fingerThresholds = fingerprint.Thresholds{}
		}
		c.fingerThresholds[source] = t
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

// configure returns a Screener with the defaults and opts applied, its lists
// not yet built.
func configure(opts []Option) (*Screener, error) {
	s := &Screener{cfg: config{
		review: DefaultReviewThreshold, hit: DefaultHitThreshold,
		minScore: -1, limit: DefaultLimit, window: DefaultWindow, workers: runtime.GOMAXPROCS(0), maxShrink: DefaultMaxShrink,
	}}
	for _, o := range opts {
		if err := o(&s.cfg); err != nil {
			return nil, err
		}
	}
	if s.cfg.minScore < 0 {
		s.cfg.minScore = s.cfg.review
	}
	return s, nil
}

// New builds a Screener. Without WithLists it screens against the embedded UN
// Security Council Consolidated List.
func New(ctx context.Context, opts ...Option) (*Screener, error) {
	s, err := configure(opts)
	if err != nil {
		return nil, err
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
	if err := checkLists(ls); err != nil {
		return nil, fmt.Errorf("screening: New: %w", err)
	}
	snap, err := build(ctx, ls, &s.cfg, s.cfg.indexDir)
	if err != nil {
		return nil, err
	}
	s.snap.Store(snap)
	return s, nil
}

// ReplaceOption modifies one Replace.
type ReplaceOption func(*replaceConfig)

type replaceConfig struct{ force, reindex bool }

// Force makes Replace accept lists that shrank by more than WithMaxShrink
// allows, or that hold no entries: the operator has checked them.
func Force() ReplaceOption { return func(c *replaceConfig) { c.force = true } }

// Reindex makes Replace index the lists whole even when few entries
// changed, so that the name weights follow the lists as they are now.
func Reindex() ReplaceOption { return func(c *replaceConfig) { c.reindex = true } }

// Replace builds an index of ls and swaps it in atomically: screens already
// running finish on the old snapshot, later ones use the new. If the build
// fails, or the lists fail the checks below, the old snapshot keeps serving
// and the error says why.
//
// When at most a tenth of the entries serving changed, were added or were
// removed (a daily list update), Replace indexes only those: the entries
// serving unchanged stay in the index they are in, the changed and removed
// ones are hidden from it, and the new ones are weighed with the name
// frequencies of that index, so that every other entry scores as it did
// (Update.Reweighed is false). A larger change, or Reindex, indexes the
// lists whole.
//
// Unless forced (Force), Replace refuses a list with no entries, a list that
// has lost more than WithMaxShrink of the entries it has in the snapshot
// serving, and a replacement that leaves out a list of the snapshot serving;
// the error gives the numbers.
func (s *Screener) Replace(ctx context.Context, ls []*lists.List, opts ...ReplaceOption) error {
	var rc replaceConfig
	for _, o := range opts {
		o(&rc)
	}
	if err := checkLists(ls); err != nil {
		if !rc.force || len(ls) == 0 {
			return fmt.Errorf("screening: Replace: %w", err)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.snap.Load()
	if old == nil {
		return ErrClosed
	}
	if !rc.force {
		if err := checkShrink(old.lists, ls, s.cfg.maxShrink); err != nil {
			return fmt.Errorf("screening: Replace: %w", err)
		}
	}
	var snap *snapshot
	if !rc.reindex {
		var err error
		if snap, err = old.update(ctx, ls, &s.cfg); err != nil {
			return fmt.Errorf("screening: Replace: %w", err)
		}
	}
	if snap == nil {
		dir := ""
		if s.cfg.indexDir != "" {
			s.seq++
			dir = fmt.Sprintf("%s.%d", s.cfg.indexDir, s.seq)
		}
		var err error
		if snap, err = build(ctx, ls, &s.cfg, dir); err != nil {
			return err
		}
	}
	s.snap.Store(snap)
	if len(s.subs) > 0 {
		u := Update{Before: old.listInfos(), After: snap.listInfos(), Reweighed: snap.reweighed}
		var derr error
		if u.Delta, derr = diffSnapshots(old, snap); derr != nil {
			// The new lists serve; the subscribers are told nothing changed
			// entry by entry but everything was reweighed, so that they
			// re-screen everything.
			u.Delta, u.Reweighed = lists.Delta{}, true
		}
		for _, n := range slices.Sorted(maps.Keys(s.subs)) {
			s.subs[n](ctx, u)
		}
	}
	// Screens in flight may still read the old index: close it once they are done.
	idle := old.retire()
	s.retiring.Add(1)
	go func() {
		defer s.retiring.Done()
		<-idle
		old.close()
	}()
	return nil
}

// checkLists refuses no lists, a nil list and a list with no entries.
func checkLists(ls []*lists.List) error {
	if len(ls) == 0 {
		return errors.New("no lists")
	}
	for i, l := range ls {
		if l == nil {
			return fmt.Errorf("list %d is nil", i)
		}
		if len(l.Entries) == 0 {
			return fmt.Errorf("list %s %s holds no entries: refused (a list with no entries screens everyone clear)", l.Source, l.Version)
		}
	}
	return nil
}

// checkShrink refuses a replacement in which a list serving now has lost
// more than maxShrink of its entries, or is missing.
func checkShrink(serving []ListInfo, ls []*lists.List, maxShrink float64) error {
	next := map[string]int{}
	for _, l := range ls {
		next[l.Source] += len(l.Entries)
	}
	for _, li := range serving {
		n, ok := next[li.Source]
		if !ok {
			return fmt.Errorf("list %s (%d entries, version %s) is not in the replacement: refused; force the replace to drop it", li.Source, li.Entries, li.Version)
		}
		if li.Entries > 0 && float64(li.Entries-n) > maxShrink*float64(li.Entries) {
			return fmt.Errorf("list %s would shrink from %d to %d entries (%.0f%%, more than the %.0f%% allowed): refused; check the file, or force the replace",
				li.Source, li.Entries, n, 100*float64(li.Entries-n)/float64(li.Entries), 100*maxShrink)
		}
	}
	return nil
}

// acquire returns the snapshot now serving, counted as in use until the
// caller releases it; ErrClosed after Close.
func (s *Screener) acquire() (*snapshot, error) {
	for {
		snap := s.snap.Load()
		if snap == nil {
			return nil, ErrClosed
		}
		if snap.tryAcquire() {
			return snap, nil
		}
		// Retired between the load and the acquire: the next one is stored.
	}
}

// Close releases the index (and removes an on-disk one, see WithIndexDir)
// once the screens in flight are done, and waits for replaced snapshots to
// be released too. Later calls of the Screener's methods return ErrClosed;
// closing again does nothing.
func (s *Screener) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := s.snap.Swap(nil)
	if snap == nil {
		return nil
	}
	<-snap.retire()
	err := snap.close()
	s.retiring.Wait()
	return err
}

// current returns the snapshot serving now, or nil after Close.
func (s *Screener) current() *snapshot { return s.snap.Load() }

// Lists describes the lists of the snapshot now serving (none after Close).
func (s *Screener) Lists() []ListInfo {
	snap := s.current()
	if snap == nil {
		return nil
	}
	return snap.listInfos()
}

// Skipped reports the biometric templates of the lists now serving that could
// not be read (each error names its entry): those entries are screened on
// everything else.
func (s *Screener) Skipped() []error {
	snap := s.current()
	if snap == nil {
		return nil
	}
	return append([]error(nil), snap.skipped...)
}

// Entries returns the number of entries of the snapshot now serving.
func (s *Screener) Entries() int {
	snap := s.current()
	if snap == nil {
		return 0
	}
	return snap.live
}

// Thresholds returns the review and hit thresholds.
func (s *Screener) Thresholds() (review, hit float64) { return s.cfg.review, s.cfg.hit }

// Screen screens one query: the matches scoring at least the review threshold
// (or WithMinScore), best first, at most the limit.
func (s *Screener) Screen(ctx context.Context, q raqib.Query) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	start := time.Now()
	if err := q.Validate(); err != nil {
		return nil, fmt.Errorf("screening: %w: %w", ErrBadQuery, err)
	}
	snap, err := s.acquire()
	if err != nil {
		return nil, err
	}
	defer snap.release()
	filt, err := snap.newFilter(&q)
	if err != nil {
		return nil, fmt.Errorf("screening: %w: %w", ErrBadQuery, err)
	}
	// The query prepared for each segment (their tokens are their own).
	segs, _, nseg := snap.segments()
	var ps [2]*matcher.Prepared
	for k := range nseg {
		if ps[k], err = segs[k].m.Prepare(q); err != nil {
			return nil, fmt.Errorf("screening: %w: %w", ErrBadQuery, err)
		}
		defer ps[k].Release()
	}
	p := ps[0]
	res := &Result{QueryID: q.ID, Lists: snap.listInfos(), Warnings: p.Warnings}
	r := retrievals.Get().(*retrieval)
	defer func() {
		r.reset()
		retrievals.Put(r)
	}()
	cands, full, err := snap.retrieve(ctx, ps[:nseg], filt, s.cfg.window, r)
	if err != nil {
		return nil, err
	}
	res.RoomToGain, res.RoomToLose = r.gain, r.lose
	if !full && r.lose < math.MaxInt && wantsMet(ctx) {
		res.Met = snap.metIDs(r)
	}
	bio, err := snap.biometricCandidates(ctx, &q, p.Fingerprints(), s.cfg.limit, res)
	if err != nil {
		return nil, err
	}
	if filt != nil {
		kept := bio[:0]
		for _, i := range bio {
			if filt.allows(snap, i) {
				kept = append(kept, i)
			}
		}
		bio = kept
	}
	cands = union(cands, bio)
	if full {
		res.WindowFull = true
		res.Warnings = append(res.Warnings, fmt.Sprintf("the name is common on these lists: only the %d likeliest of the entries that share it were compared; a birth date, nationality or document narrows the search", len(cands)))
	}
	type scored struct {
		i     int
		score float64
	}
	var keep []scored
	for n, i := range cands {
		if n%64 == 63 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		g, pg, j := snap.segFor(ps[:nseg], i)
		if sc, ok := g.m.ScoreAbove(pg, j, s.cfg.minScore); ok && sc > 0 {
			keep = append(keep, scored{i, sc})
		}
	}
	res.Candidates = len(cands)
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
		g, pg, j := snap.segFor(ps[:nseg], k.i)
		e, err := snap.entry(k.i)
		if err != nil {
			return nil, err
		}
		r := g.m.Compare(pg, j, e)
		m := newMatch(e)
		m.Score, m.MatchedName, m.MatchedForm, m.Features = r.Score, r.MatchedName, r.MatchedForm, r.Features
		m.Decision = s.decide(r.Score)
		res.Matches = append(res.Matches, m)
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// biometricCandidates searches the face and fingerprint galleries for the
// query's biometrics and returns the indexes of the k best entries of each
// search, ascending; fps are the query's fingerprints as the matcher
// prepared them, searched together (each entry's fingers fused). A query
// with a face model the galleries do not hold is an error; biometrics
// against lists that hold none are a warning.
func (snap *snapshot) biometricCandidates(ctx context.Context, q *raqib.Query, fps []fingerprint.Prepared, k int, res *Result) ([]int, error) {
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
				if i, ok := snap.lookup(m.ID); ok {
					out = append(out, i)
				}
			}
		}
	}
	if len(fps) > 0 {
		if snap.fingers.Len() == 0 {
			res.Warnings = append(res.Warnings, "fingerprints: the lists hold no fingerprint templates: not compared")
		} else {
			// The query's fingers together, as matcher.Prepare made them.
			ms, err := snap.fingers.SearchPrepared(ctx, fps, k)
			if err != nil {
				return nil, fmt.Errorf("screening: %w: fingerprints: %w", ErrBadQuery, err)
			}
			for _, m := range ms {
				if i, ok := snap.lookup(m.ID); ok {
					out = append(out, i)
				}
			}
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

// decide is the decision of a score.
func (s *Screener) decide(score float64) raqib.Decision {
	switch {
	case score >= s.cfg.hit:
		return raqib.Hit
	case score >= s.cfg.review:
		return raqib.Review
	}
	return raqib.Clear
}

// BatchResult is the outcome of one query of a batch: a result or an error.
type BatchResult struct {
	Result *Result
	Err    error
}

// ScreenBatch screens queries concurrently and returns their outcomes in the
// order of queries: one BatchResult for each query, always. A query that
// fails has its error in its BatchResult and does not stop the others. When
// ctx is done before the batch is, the queries screened so far keep their
// results, the others get ctx's error, and ctx's error is returned too
// (nil when every query was screened, however late).
func (s *Screener) ScreenBatch(ctx context.Context, queries []raqib.Query) ([]BatchResult, error) {
	out := make([]BatchResult, len(queries))
	var next atomic.Int64
	var cut atomic.Bool // a query was left unscreened because ctx was done
	var wg sync.WaitGroup
	workers := min(s.cfg.workers, len(queries))
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(queries) {
					return
				}
				if err := ctx.Err(); err != nil {
					out[i].Err = err
					cut.Store(true)
					continue
				}
				r, err := s.Screen(ctx, queries[i])
				if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
					cut.Store(true)
				}
				out[i] = BatchResult{Result: r, Err: err}
			}
		}()
	}
	wg.Wait()
	if cut.Load() {
		return out, ctx.Err()
	}
	return out, nil
}
