package screening

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/whitespace"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
	"github.com/raqib/raqib/screening/biometric"
)

// Fields of an index document (one per name form).
const (
	fieldTokens   = "tok" // folded name tokens
	fieldKeys     = "key" // skeleton keys
	fieldPhonetic = "ph"  // Double Metaphone keys
	fieldJoined   = "all" // the form's tokens written as one word
	analyzerName  = "raqib_terms"
)

// A term found in more than maxTermShare of the name forms (and in more
// than minFrequentDocs of them) is too frequent to retrieve candidates on its
// own: "muhammad" would bring back a quarter of the list.
const (
	maxTermShare    = 0.02
	minFrequentDocs = 40
	// searchSize is how many name forms a search asks for first; when more
	// match, it asks again for all of them (up to maxSearchSize).
	searchSize    = 256
	maxSearchSize = 20000
)

// snapshot is one immutable version of the lists, indexed. Screening reads a
// snapshot; Replace swaps in a new one.
type snapshot struct {
	lists    []ListInfo
	entries  []lists.Entry
	targets  []*matcher.Target
	m        *matcher.Matcher
	index    bleve.Index
	docFreq  map[string]int   // field+"\x00"+term -> number of forms holding it
	docs     map[string][]int // normalised document number -> entry indexes
	frequent int              // document frequency from which a term is frequent
	forms    int
	byID     map[string]int // entry ID -> index
	faces    *biometric.FaceGallery
	fingers  *biometric.FingerprintGallery
	// skipped holds the biometric templates that could not be read, each
	// naming its entry; the entries themselves are screened.
	skipped []error
	dir     string // the on-disk index, if any
	// sources and types are the lists and regimes the snapshot holds, by
	// their folded names (see foldName), for the query filters.
	sources map[string]string
	types   map[string][]string

	mu      sync.Mutex
	refs    int           // screens using the snapshot
	retired bool          // replaced or closed: no new screens
	idle    chan struct{} // closed once retired and no screen uses it
}

// tryAcquire counts one more screen on the snapshot, unless it is retired.
func (s *snapshot) tryAcquire() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.retired {
		return false
	}
	s.refs++
	return true
}

// release ends a screen begun with tryAcquire.
func (s *snapshot) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refs--
	if s.refs == 0 && s.retired {
		close(s.idle)
	}
}

// retire stops new screens on the snapshot and returns a channel closed once
// the last screen is done.
func (s *snapshot) retire() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.retired {
		s.retired = true
		if s.refs == 0 {
			close(s.idle)
		}
	}
	return s.idle
}

// listInfos returns a copy of the snapshot's list descriptions.
func (s *snapshot) listInfos() []ListInfo {
	out := make([]ListInfo, len(s.lists))
	copy(out, s.lists)
	return out
}

func indexMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	// The stock analyzers stem and fold in ways that break names (the Arabic
	// one turns حسين into حس): terms are prepared by matcher/normalize, and the
	// index only splits them on spaces.
	if err := im.AddCustomAnalyzer(analyzerName, map[string]any{
		"type":          custom.Name,
		"tokenizer":     whitespace.Name,
		"token_filters": []string{},
	}); err != nil {
		return nil, fmt.Errorf("screening: index mapping: %w", err)
	}
	dm := bleve.NewDocumentStaticMapping()
	for _, f := range []string{fieldTokens, fieldKeys, fieldPhonetic, fieldJoined} {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = analyzerName
		fm.Store = false
		fm.IncludeTermVectors = false
		fm.IncludeInAll = false
		fm.DocValues = false
		dm.AddFieldMappingsAt(f, fm)
	}
	im.DefaultMapping = dm
	im.DefaultAnalyzer = analyzerName
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im, nil
}

// build indexes the entries of ls. dir, when not empty, holds an on-disk index.
func build(ctx context.Context, ls []*lists.List, cfg *config, dir string) (*snapshot, error) {
	s := &snapshot{docFreq: map[string]int{}, docs: map[string][]int{}, byID: map[string]int{}, idle: make(chan struct{})}
	s.faces = &biometric.FaceGallery{Thresholds: cfg.faceThresholds}
	s.fingers = &biometric.FingerprintGallery{Matcher: cfg.fingers, SamePosition: true, Thresholds: cfg.fingerThresholds}
	n := 0
	for _, l := range ls {
		n += len(l.Entries)
	}
	s.entries = make([]lists.Entry, 0, n)
	seen := make(map[string]string, n)
	for _, l := range ls {
		for i := range l.Entries {
			e := &l.Entries[i]
			if prev, dup := seen[e.ID]; dup {
				return nil, fmt.Errorf("screening: entry %s is in %s and again in %s", e.ID, prev, l.Source)
			}
			seen[e.ID] = l.Source
			s.entries = append(s.entries, *e)
		}
		s.lists = append(s.lists, newListInfo(l))
	}
	var mopts []matcher.Option
	if cfg.faceThresholds != nil {
		mopts = append(mopts, matcher.WithFaceThresholds(cfg.faceThresholds))
	}
	if cfg.fingers != nil {
		mopts = append(mopts, matcher.WithFingerprintMatcher(cfg.fingers))
	}
	if cfg.fingerThresholds != nil {
		mopts = append(mopts, matcher.WithFingerprintThresholds(cfg.fingerThresholds))
	}
	s.m = matcher.New(s.entries, mopts...)
	s.sources, s.types = filterNames(s.entries)

	im, err := indexMapping()
	if err != nil {
		return nil, err
	}
	// scorch, bleve's current index format, also runs in memory (an empty
	// path); it builds and searches faster than NewMemOnly's upsidedown index.
	s.index, err = bleve.NewUsing(dir, im, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("screening: create index: %w", err)
	}
	s.dir = dir
	ok := false
	defer func() {
		if !ok {
			s.close()
		}
	}()

	s.targets = make([]*matcher.Target, len(s.entries))
	batch := s.index.NewBatch()
	for i := range s.entries {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		e := &s.entries[i]
		s.byID[e.ID] = i
		t := s.m.Target(e)
		s.targets[i] = t
		for _, err := range t.Skipped {
			s.skipped = append(s.skipped, fmt.Errorf("%s: %w", e.ID, err))
		}
		if len(e.Faces) > 0 {
			// Templates the matcher could not read are already in skipped.
			_ = s.faces.AddEntry(e)
		}
		// The gallery holds the matcher's preparation of each template.
		for j, f := range t.Fingerprints() {
			if f.Features != nil {
				s.fingers.AddPrepared(e.ID, e.Source, biometric.FingerprintHash(e.Fingerprints[j]), f)
			}
		}
		for j, f := range t.Forms() {
			var tok, key, ph []string
			for _, term := range f.Terms {
				tok = append(tok, term.Text)
				if term.Key != "" {
					key = append(key, term.Key)
				}
				ph = append(ph, term.Phonetic...)
			}
			doc := map[string]any{
				fieldTokens:   strings.Join(tok, " "),
				fieldKeys:     strings.Join(key, " "),
				fieldPhonetic: strings.Join(ph, " "),
				fieldJoined:   f.Joined,
			}
			countTerms(s.docFreq, fieldTokens, tok)
			countTerms(s.docFreq, fieldKeys, key)
			countTerms(s.docFreq, fieldPhonetic, ph)
			if err := batch.Index(strconv.Itoa(i)+"."+strconv.Itoa(j), doc); err != nil {
				return nil, fmt.Errorf("screening: index %s: %w", s.entries[i].ID, err)
			}
			s.forms++
		}
		for _, d := range s.entries[i].Documents {
			if d.Normalized != "" {
				s.docs[d.Normalized] = append(s.docs[d.Normalized], i)
			}
		}
		if batch.Size() >= 4096 {
			if err := s.index.Batch(batch); err != nil {
				return nil, fmt.Errorf("screening: index batch: %w", err)
			}
			batch.Reset()
		}
	}
	if err := s.index.Batch(batch); err != nil {
		return nil, fmt.Errorf("screening: index batch: %w", err)
	}
	s.frequent = max(minFrequentDocs, int(maxTermShare*float64(s.forms)))
	ok = true
	return s, nil
}

// newListInfo describes l.
func newListInfo(l *lists.List) ListInfo {
	li := ListInfo{Source: l.Source, Version: l.Version, Entries: len(l.Entries), Skipped: len(l.Skipped)}
	for i, err := range l.Skipped {
		if i == maxSkippedNamed {
			li.SkippedRecords = append(li.SkippedRecords, fmt.Sprintf("... and %d more", len(l.Skipped)-i))
			break
		}
		li.SkippedRecords = append(li.SkippedRecords, err.Error())
	}
	return li
}

// close closes the index and removes its directory, if it has one.
func (s *snapshot) close() error {
	err := s.index.Close()
	if s.dir != "" {
		if rerr := os.RemoveAll(s.dir); err == nil {
			err = rerr
		}
	}
	return err
}

// countTerms counts each distinct term of one form once.
func countTerms(df map[string]int, field string, terms []string) {
	for i, t := range terms {
		dup := false
		for _, u := range terms[:i] {
			if u == t {
				dup = true
				break
			}
		}
		if !dup {
			df[field+"\x00"+t]++
		}
	}
}

// candidates returns the indexes of the entries that may match p, in
// ascending order: every entry with a name form that shares a token, a
// skeleton key or a phonetic key with the query — frequent terms count only
// together with another term — and every entry holding one of the query's
// document numbers. With fuzzy, it returns instead the entries found by the
// fuzzy queries only: tokens within an edit of a list token, and the name
// written as one word within an edit or two.
func (s *snapshot) candidates(ctx context.Context, p *matcher.Prepared, fuzzy bool) ([]int, error) {
	set := map[int]struct{}{}
	if !fuzzy {
		for _, k := range p.DocumentKeys() {
			for _, i := range s.docs[k] {
				set[i] = struct{}{}
			}
		}
	}
	if p.HasName() {
		q := s.nameQuery(p, fuzzy)
		if q != nil {
			req := bleve.NewSearchRequestOptions(q, searchSize, 0, false)
			req.Score = bleve.ScoreNone
			res, err := s.index.SearchInContext(ctx, req)
			// Without scores bleve stops at Size hits and does not count the
			// rest: a full page means there may be more.
			if err == nil && len(res.Hits) >= searchSize {
				req.Size = maxSearchSize
				res, err = s.index.SearchInContext(ctx, req)
			}
			if err != nil {
				return nil, fmt.Errorf("screening: search: %w", err)
			}
			if len(res.Hits) >= maxSearchSize {
				return nil, fmt.Errorf("screening: the query's names retrieve more than %d name forms; add birth date, nationality or a fuller name", maxSearchSize)
			}
			for _, h := range res.Hits {
				dot := strings.IndexByte(h.ID, '.')
				i, err := strconv.Atoi(h.ID[:dot])
				if err != nil {
					return nil, fmt.Errorf("screening: bad document id %q", h.ID)
				}
				set[i] = struct{}{}
			}
		}
	}
	out := make([]int, 0, len(set))
	for i := range set {
		out = append(out, i)
	}
	sort.Ints(out)
	return out, nil
}

// nameQuery builds the retrieval query for a prepared query's names.
//
// Exact (fuzzy false): each query token asks for its folded text, skeleton
// key or phonetic keys; a token whose key is frequent on the list
// ("muhammad") retrieves only together with another frequent token, and
// frequent phonetic keys are left out.
//
// Fuzzy: each token of five letters or more that the list does not know asks
// for the list tokens within one edit of it, and the whole name written as one
// word asks for the forms within one edit of it (two from 14 letters).
func (s *snapshot) nameQuery(p *matcher.Prepared, fuzzy bool) query.Query {
	if fuzzy {
		return s.fuzzyNameQuery(p)
	}
	var rare, frequent []query.Query
	for _, t := range p.Terms() {
		var alts []query.Query
		term := func(field, v string) int {
			df := s.docFreq[field+"\x00"+v]
			if df > 0 {
				tq := bleve.NewTermQuery(v)
				tq.SetField(field)
				alts = append(alts, tq)
			}
			return df
		}
		df := term(fieldTokens, t.Text)
		if t.Key != "" && t.Key != t.Text {
			df = max(df, term(fieldKeys, t.Key))
		}
		isFrequent := df > s.frequent
		if !isFrequent {
			for _, ph := range t.Phonetic {
				if s.docFreq[fieldPhonetic+"\x00"+ph] <= s.frequent {
					term(fieldPhonetic, ph)
				}
			}
		}
		switch {
		case len(alts) == 0:
			continue
		case isFrequent:
			frequent = append(frequent, disjunction(alts))
		default:
			rare = append(rare, disjunction(alts))
		}
	}
	switch {
	case len(frequent) >= 2:
		// Two frequent tokens together ("muhammad" and "hasan") are specific enough.
		dq := bleve.NewDisjunctionQuery(frequent...)
		dq.SetMin(2)
		rare = append(rare, dq)
	case len(rare) == 0 && len(frequent) == 1:
		rare = frequent
	}
	if len(rare) == 0 {
		return nil
	}
	return disjunction(rare)
}

func (s *snapshot) fuzzyNameQuery(p *matcher.Prepared) query.Query {
	var qs []query.Query
	fuzzyTerm := func(field, v string, edits int) {
		fq := bleve.NewFuzzyQuery(v)
		fq.SetField(field)
		fq.SetFuzziness(edits)
		qs = append(qs, fq)
	}
	for _, t := range p.Terms() {
		known := s.docFreq[fieldTokens+"\x00"+t.Text] > 0 || s.docFreq[fieldKeys+"\x00"+t.Key] > 0
		if !known && len(t.Text) >= 5 {
			fuzzyTerm(fieldTokens, t.Text, 1)
		}
	}
	for _, j := range p.Joined() {
		switch {
		case len(j) >= 14:
			fuzzyTerm(fieldJoined, j, 2)
		case len(j) >= 8:
			fuzzyTerm(fieldJoined, j, 1)
		}
	}
	if len(qs) == 0 {
		return nil
	}
	return disjunction(qs)
}

// disjunction is the query matching any of qs.
func disjunction(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}
