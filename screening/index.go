package screening

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/whitespace"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	segapi "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/raqib/raqib/matcher"
)

// The index holds one bleve document per entry. Its terms are what retrieval
// needs and nothing more — no stored fields, no scores:
//
//	k  the skeleton key of each ordinary name token ("mhmd", "zwhr")
//	p  a pair of frequent keys of one name form ("hsn_mhmd"): "Muhammad
//	   Hasan" is one selective term, not two huge posting lists
//	y  a frequent key or pair with a birth year of the entry ("mhmd@1962",
//	   "hsn_mhmd@1962", "mhmd@-" without one): a common name narrowed by
//	   the year the query gives
//
// Spelling variants (same phonetic key, one edit away) are found in the
// token dictionary (dict.go), which turns them into more keys to look up;
// names written as one word ("laurentnkunda", for names whose spaces fell
// in the wrong place) are looked up there too.
const (
	fieldKey  = "k"
	fieldPair = "p"
	fieldYear = "y"

	analyzerName = "raqib_terms"
)

// Frequent keys. A key that more entries carry than frequentKeys allows is
// not read on its own (its posting list is long and says little): it is
// looked up through its pairs with the query's other frequent keys and
// through the query's birth years.
const (
	minFrequentEntries = 40     // on any list, more than this is frequent...
	frequentShare      = 0.0002 // ...and so is more than this share of the list...
	maxRareEntries     = 5000   // ...and, on any list, more than this
	// yearsPerDate bounds the years one birth date adds as terms.
	yearsPerDate = 5
)

// frequentFrom returns the number of entries from which a key of a list of
// n entries is frequent.
func frequentFrom(n int) int {
	return min(maxRareEntries, max(minFrequentEntries, int(frequentShare*float64(n))))
}

// shardFrom is the size from which a list is indexed in parallel shards, one
// per CPU; inMemoryUpTo the size up to which the index is built in memory
// without WithIndexDir (larger ones go to a temporary directory, mapped into
// memory: bleve's in-memory segments are several times larger than its
// files, and its offline builder merges them into one).
const (
	shardFrom    = 50000
	inMemoryUpTo = 200000
)

// bleve's offline builder makes a segment of each batch of builderBatch
// documents, then merges them into one, builderMergeMax at a time. Larger
// batches mean fewer segments to merge but hold more documents in memory
// (a few kB each while their segment is made). Without the _id terms a
// document holds less: at 1M entries, batches of 50,000 (10 segments a
// shard) took about a tenth less CPU than batches of 20,000 (25), under
// the same peak RSS (screen -build-index's soft memory limit), and batches
// of 100,000 no less than 50,000. The segments are merged all at once, so
// that each posting is written once more, not twice or three times as
// merging ten at a time did.
const (
	builderBatch    = 50000
	builderMergeMax = 1 << 16
)

// termIndex is the bleve index of a snapshot, in one or more shards.
type termIndex struct {
	shards []*shard
	dir    string // the directory of an on-disk index; "" in memory
	owned  bool   // dir is the index's own: removed when the index is closed
	// read keeps the entries of the terms read so far (postingsCache).
	read postingsCache
}

// postingsCache holds the entries of terms already read from a termIndex,
// up to a budget of bytes: the same frequent keys, pairs and years come
// back query after query (of the terms the 2,000 queries of the 100k
// synthetic set read, a quarter had been read before, and they hold three
// quarters of the postings), and each read costs a lookup in every shard's
// term dictionary and the decoding of its posting list. The index does not
// change once opened, so what is kept stays true; terms that hold nothing
// are kept too (an empty list), as their lookup costs as much. Once the
// budget is spent, terms not kept are read from the index as before.
type postingsCache struct {
	mu    sync.RWMutex
	terms map[string][]int32
	bytes int
}

// postingsCacheBytes is the budget of a postingsCache: at 1M people the
// terms of 2,000 mixed queries take about 12 MiB.
const postingsCacheBytes = 64 << 20

// get returns the entries kept for key.
func (c *postingsCache) get(key []byte) ([]int32, bool) {
	c.mu.RLock()
	es, ok := c.terms[string(key)]
	c.mu.RUnlock()
	return es, ok
}

// put keeps a copy of es for key while the budget allows.
func (c *postingsCache) put(key []byte, es []int32) {
	// The key, the slice and about as much again for the map's own.
	size := 2*len(key) + 48 + 4*len(es)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bytes+size > postingsCacheBytes {
		return
	}
	if _, ok := c.terms[string(key)]; ok {
		return
	}
	if c.terms == nil {
		c.terms = map[string][]int32{}
	}
	var kept []int32
	if len(es) > 0 {
		kept = slices.Clone(es)
	}
	c.terms[string(key)] = kept
	c.bytes += size
}

// shard is one bleve index of a contiguous range of entries.
type shard struct {
	idx    bleve.Index
	reader index.IndexReader
	// entry maps the index's internal document numbers to entries.
	entry []int32
	// segs are the segments of the reader's scorch snapshot, whose
	// dictionaries and posting lists postings reads directly (nil: through
	// the reader's TermFieldReader); readers keeps their per-goroutine
	// buffers (*segReaders).
	segs    []segRef
	readers sync.Pool
}

// segRef is one segment of a shard's snapshot: its documents are the
// shard's numbers offset to offset+Count()-1, less those deleted.
type segRef struct {
	seg     segapi.Segment
	offset  uint64
	deleted *roaring.Bitmap
}

// segReaders are what one query reads a shard's segments with, kept for
// the next query: each segment's dictionary of a field (a vellum reader
// each), and a posting list and an iterator each, which bleve's segments
// fill again instead of allocating new ones.
type segReaders struct {
	fields []string
	dicts  [][]segapi.TermDictionary // dicts[f][k]: field f, segment k
	pl     []segapi.PostingsList
	it     []segapi.PostingsIterator
	term   []byte
}

// dictionaries returns the dictionaries of field in every segment of sh.
func (r *segReaders) dictionaries(sh *shard, field string) ([]segapi.TermDictionary, error) {
	for f, name := range r.fields {
		if name == field {
			return r.dicts[f], nil
		}
	}
	ds := make([]segapi.TermDictionary, len(sh.segs))
	for k, sg := range sh.segs {
		d, err := sg.seg.Dictionary(field)
		if err != nil {
			return nil, fmt.Errorf("screening: index: field %s: %w", field, err)
		}
		ds[k] = d
	}
	r.fields = append(r.fields, field)
	r.dicts = append(r.dicts, ds)
	return ds, nil
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
	for _, f := range []string{fieldKey, fieldPair, fieldYear} {
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
	return termsMapping{im}, nil
}

// termsDoc is the index document of one entry: its terms, field by field.
// The terms are prepared already (matcher/normalize makes the keys) and
// distinct, so they skip bleve's analysis: termsMapping gives them to the
// index as fields of their own (termsField) instead of text for its
// analyzer to split, and adds no _all field. All the terms of a document
// share one string and one byte slice.
type termsDoc struct {
	text   string // the terms, one after the other
	bytes  []byte // the same bytes
	ends   []int  // where each term ends
	fields [3]termsField
	tf     []index.TokenFreq // one for each term, made on first use
	id     string            // the document's ID (newShardBuilder)
	withID bool              // whether it has its _id field
}

// docTerms makes the index documents of a Matcher's entries; its scratch
// space is reused from one entry to the next, so it is used by one
// goroutine.
type docTerms struct {
	m        *matcher.Matcher
	frequent int
	// toks is what entryDoc reads of each list token, found once for all
	// the documents (newTokenTerms); nil: looked up in m, token by token.
	toks  *tokenTerms
	years []int
	keys  []string    // the entry's keys (the Matcher's own strings)
	freq  []string    // its frequent keys
	pairs [][2]string // its pairs of frequent keys, each sorted
	buf   []byte      // the terms written out, one after the other
	base  []byte      // a frequent key or pair, before its years
	ends  []int       // where each term of buf ends
}

// entryDoc returns the index document of entry i:
//
//	k  every key of an ordinary token of its names
//	p  each pair of frequent keys of one name form ("hsn_mhmd")
//	y  each frequent key and pair with each birth year of the entry
//	   ("mhmd@1962", "hsn_mhmd@1962"), or with "-" for an entry without
//	   one: a common name is read narrowed by the year the query gives
func (dt *docTerms) entryDoc(i int) *termsDoc {
	m := dt.m
	dt.keys, dt.freq, dt.pairs = dt.keys[:0], dt.freq[:0], dt.pairs[:0]
	var fk [16]string // the frequent keys of one form
	m.EntryForms(i, func(toks []uint32) {
		nf := 0
		for _, id := range toks {
			key, frequent := dt.token(id)
			if key == "" {
				continue
			}
			if !containsString(dt.keys, key) {
				dt.keys = append(dt.keys, key)
			}
			if frequent && nf < len(fk) && !containsString(fk[:nf], key) {
				fk[nf] = key
				nf++
				if !containsString(dt.freq, key) {
					dt.freq = append(dt.freq, key)
				}
			}
		}
		for a := 0; a < nf; a++ {
			for b := a + 1; b < nf; b++ {
				p := [2]string{fk[a], fk[b]}
				if p[1] < p[0] {
					p[0], p[1] = p[1], p[0]
				}
				if !slices.Contains(dt.pairs, p) {
					dt.pairs = append(dt.pairs, p)
				}
			}
		}
	})
	dt.years = m.EntryYears(i, yearsPerDate, dt.years[:0])
	dt.buf, dt.ends = dt.buf[:0], dt.ends[:0]
	for _, k := range dt.keys {
		dt.buf = append(dt.buf, k...)
		dt.ends = append(dt.ends, len(dt.buf))
	}
	nk := len(dt.ends)
	for _, p := range dt.pairs {
		dt.buf = appendPair(dt.buf, p)
		dt.ends = append(dt.ends, len(dt.buf))
	}
	np := len(dt.ends)
	if len(dt.freq) > 0 {
		withYears := func(base []byte) {
			if len(dt.years) == 0 {
				dt.buf = append(append(dt.buf, base...), noYear...)
				dt.ends = append(dt.ends, len(dt.buf))
			}
			for _, y := range dt.years {
				dt.buf = strconv.AppendInt(append(append(dt.buf, base...), '@'), int64(y), 10)
				dt.ends = append(dt.ends, len(dt.buf))
			}
		}
		for _, k := range dt.freq {
			dt.base = append(dt.base[:0], k...)
			withYears(dt.base)
		}
		for _, p := range dt.pairs {
			dt.base = appendPair(dt.base[:0], p)
			withYears(dt.base)
		}
	}
	doc := &termsDoc{bytes: bytes.Clone(dt.buf), ends: slices.Clone(dt.ends)}
	doc.text = string(doc.bytes)
	doc.fields = [3]termsField{
		{doc: doc, name: fieldKey, lo: 0, hi: nk},
		{doc: doc, name: fieldPair, lo: nk, hi: np},
		{doc: doc, name: fieldYear, lo: np, hi: len(doc.ends)},
	}
	return doc
}

// token returns the key of list token id, or "" for a token that is not a
// word of a name (a particle, an initial, a title) or has no key, and
// whether the key is frequent.
func (dt *docTerms) token(id uint32) (key string, frequent bool) {
	if dt.toks != nil {
		return dt.toks.keys[id], dt.toks.frequent[id]
	}
	_, key, _, ok := dt.m.ListToken(id)
	if !ok {
		return "", false
	}
	return key, key != "" && dt.m.KeyDF(key) > dt.frequent
}

// tokenTerms is the key of each list token of a Matcher ("" for one that
// is not a word or has none) and whether it is frequent: what docTerms reads
// of a token for every form that has it, found once per token, on all CPUs.
type tokenTerms struct {
	keys     []string
	frequent []bool
}

func newTokenTerms(m *matcher.Matcher, frequent int) *tokenTerms {
	n := m.ListTokens()
	tt := &tokenTerms{keys: make([]string, n), frequent: make([]bool, n)}
	parallelRange(n, func(lo, hi int) {
		for id := lo; id < hi; id++ {
			_, key, _, ok := m.ListToken(uint32(id))
			if ok && key != "" {
				tt.keys[id], tt.frequent[id] = key, m.KeyDF(key) > frequent
			}
		}
	})
	return tt
}

// parallelRange runs fn over [0,n) in one range per CPU.
func parallelRange(n int, fn func(lo, hi int)) {
	w := runtime.GOMAXPROCS(0)
	if n < 4096 || w == 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for k := range w {
		wg.Go(func() { fn(k*n/w, (k+1)*n/w) })
	}
	wg.Wait()
}

// appendPair appends the term of a pair of frequent keys (pairTerm).
func appendPair(b []byte, p [2]string) []byte {
	return append(append(append(b, p[0]...), '_'), p[1]...)
}

// termsField is one field of a termsDoc: terms lo to hi of its document.
// It is what bleve's analysis of the field would make — each term once,
// indexed, not stored, without term vectors or doc values — made directly.
type termsField struct {
	doc    *termsDoc
	name   string
	lo, hi int
	tfs    index.TokenFrequencies // made on first use
}

func (f *termsField) term(k int) (string, []byte) {
	from := 0
	if k > 0 {
		from = f.doc.ends[k-1]
	}
	to := f.doc.ends[k]
	return f.doc.text[from:to], f.doc.bytes[from:to:to]
}

func (f *termsField) Name() string                        { return f.name }
func (f *termsField) ArrayPositions() []uint64            { return nil }
func (f *termsField) Options() index.FieldIndexingOptions { return index.IndexField }
func (f *termsField) Analyze()                            {}
func (f *termsField) Value() []byte                       { return nil }
func (f *termsField) EncodedFieldType() byte              { return 't' }
func (f *termsField) AnalyzedLength() int                 { return f.hi - f.lo }

func (f *termsField) NumPlainTextBytes() uint64 {
	n := 0
	for k := f.lo; k < f.hi; k++ {
		t, _ := f.term(k)
		n += len(t)
	}
	return uint64(n)
}

// Size is an estimate: bleve counts it in its statistics only.
func (f *termsField) Size() int { return 64 + 64*(f.hi-f.lo) }

func (f *termsField) AnalyzedTokenFrequencies() index.TokenFrequencies {
	if f.tfs != nil {
		return f.tfs
	}
	f.tfs = make(index.TokenFrequencies, f.hi-f.lo)
	if f.doc.tf == nil {
		f.doc.tf = make([]index.TokenFreq, len(f.doc.ends))
	}
	for k := f.lo; k < f.hi; k++ {
		t, b := f.term(k)
		if prev, ok := f.tfs[t]; ok {
			prev.SetFrequency(prev.Frequency() + 1)
			continue
		}
		x := &f.doc.tf[k]
		x.Term = b
		x.SetFrequency(1)
		f.tfs[t] = x
	}
	return f.tfs
}

// A termsDoc given to scorch's offline builder directly (newShardBuilder)
// is its own index.Document: its fields, and the entry's number as a stored
// _id that is not indexed. bleve's own documents index every _id as a term
// of its own (a million distinct terms at 1M entries, each with its
// dictionary entry, bitmap and posting list, written and merged again) that
// nothing here reads: a shard maps its document numbers to entries through
// the stored _id (shard.open).

func (d *termsDoc) ID() string         { return d.id }
func (d *termsDoc) HasComposite() bool { return false }
func (d *termsDoc) Indexed() bool      { return true }

// AddIDField is called by the builder before a document is indexed: the
// _id it adds is stored, not indexed.
func (d *termsDoc) AddIDField() { d.withID = true }

func (d *termsDoc) VisitFields(visit index.FieldVisitor) {
	if d.withID {
		visit(idField(d.id))
	}
	for k := range d.fields {
		if f := &d.fields[k]; f.hi > f.lo {
			visit(f)
		}
	}
}

func (d *termsDoc) VisitComposite(index.CompositeFieldVisitor) {}

func (d *termsDoc) Size() int { return 128 + len(d.text) + 16*len(d.ends) }

func (d *termsDoc) NumPlainTextBytes() uint64 { return uint64(len(d.text) + len(d.id)) }

func (d *termsDoc) StoredFieldsBytes() uint64 { return uint64(len(d.id)) }

// idField is a document's _id, stored and not indexed: zap stores field 0
// of every document as its _id and, for an _id without terms, writes an
// empty dictionary.
type idField string

func (f idField) Name() string                        { return "_id" }
func (f idField) Value() []byte                       { return []byte(f) }
func (f idField) ArrayPositions() []uint64            { return nil }
func (f idField) EncodedFieldType() byte              { return 't' }
func (f idField) Analyze()                            {}
func (f idField) Options() index.FieldIndexingOptions { return index.StoreField }
func (f idField) AnalyzedLength() int                 { return 0 }
func (f idField) NumPlainTextBytes() uint64           { return uint64(len(f)) }

func (f idField) AnalyzedTokenFrequencies() index.TokenFrequencies { return nil }

// newShardBuilder returns scorch's offline builder of a shard in dir, with
// what bleve.NewBuilder writes beside it (the index's metadata and
// mapping) for bleve.Open to open it; documents are given to it as
// *termsDoc, with their id set.
func newShardBuilder(dir string, im mapping.IndexMapping) (*scorch.Builder, error) {
	if err := im.Validate(); err != nil {
		return nil, fmt.Errorf("screening: index mapping: %w", err)
	}
	mb, err := json.Marshal(im)
	if err != nil {
		return nil, fmt.Errorf("screening: index mapping: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("screening: index builder: %w", err)
	}
	meta, err := json.Marshal(map[string]string{"storage": scorch.Name, "index_type": scorch.Name})
	if err != nil {
		return nil, fmt.Errorf("screening: index builder: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), meta, 0o600); err != nil {
		return nil, fmt.Errorf("screening: index builder: %w", err)
	}
	b, err := scorch.NewBuilder(map[string]any{
		"path":            filepath.Join(dir, "store"),
		"buildPathPrefix": filepath.Dir(dir),
		"batchSize":       builderBatch,
		"mergeMax":        builderMergeMax,
		"internal":        map[string][]byte{"_mapping": mb},
	})
	if err != nil {
		return nil, fmt.Errorf("screening: index builder: %w", err)
	}
	return b, nil
}

// termsMapping is the index mapping, which maps a *termsDoc to its fields
// directly (anything else as the mapping says).
type termsMapping struct {
	*mapping.IndexMappingImpl
}

func (tm termsMapping) MapDocument(doc *document.Document, data any) error {
	td, ok := data.(*termsDoc)
	if !ok {
		return tm.IndexMappingImpl.MapDocument(doc, data)
	}
	for k := range td.fields {
		if f := &td.fields[k]; f.hi > f.lo {
			doc.AddField(f)
		}
	}
	doc.SetIndexed()
	return nil
}

// noYear ends the year term of an entry without a birth date.
const noYear = "@-"

// pairTerm is the term of two frequent keys found in one name form.
func pairTerm(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + "_" + b
}

// yearTerm is the term of a frequent key with a birth year.
func yearTerm(key string, year int) string { return key + "@" + strconv.Itoa(year) }

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// buildIndex indexes the n entries of m. dir, when not empty, is where the
// index is written; otherwise a small list is indexed in memory and a large
// one in a temporary directory.
func buildIndex(ctx context.Context, m *matcher.Matcher, n int, dir string, frequent int) (*termIndex, error) {
	ti := &termIndex{dir: dir}
	if dir == "" && n > inMemoryUpTo {
		d, err := os.MkdirTemp("", "raqib-index-")
		if err != nil {
			return nil, fmt.Errorf("screening: a temporary directory for the index of %d entries: %w (use WithIndexDir)", n, err)
		}
		ti.dir, ti.owned = d, true
	}
	if ti.dir != "" && !ti.owned {
		// WithIndexDir: the directory is the Screener's own.
		if err := os.Mkdir(ti.dir, 0o755); err != nil {
			return nil, fmt.Errorf("screening: index directory: %w", err)
		}
		ti.owned = true
	}
	ok := false
	defer func() {
		if !ok {
			ti.close()
		}
	}()
	nshards := 1
	if n >= shardFrom {
		nshards = runtime.GOMAXPROCS(0)
	}
	ti.shards = make([]*shard, nshards)
	errs := make([]error, nshards)
	toks := newTokenTerms(m, frequent)
	var wg sync.WaitGroup
	for s := range nshards {
		lo, hi := s*n/nshards, (s+1)*n/nshards
		wg.Add(1)
		go func() {
			defer wg.Done()
			ti.shards[s], errs[s] = buildShard(ctx, &docTerms{m: m, frequent: frequent, toks: toks}, lo, hi, ti.shardDir(s))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	ok = true
	return ti, nil
}

func (ti *termIndex) shardDir(s int) string {
	if ti.dir == "" {
		return ""
	}
	return filepath.Join(ti.dir, "shard"+strconv.Itoa(s))
}

// buildShard indexes entries [lo,hi) of dt's Matcher, in memory when dir
// is "", else with bleve's offline builder in dir.
func buildShard(ctx context.Context, dt *docTerms, lo, hi int, dir string) (*shard, error) {
	im, err := indexMapping()
	if err != nil {
		return nil, err
	}
	sh := &shard{}
	if dir == "" {
		// scorch in memory: one batch makes one segment (an in-memory scorch
		// index merges nothing, and every segment costs each look-up).
		if sh.idx, err = bleve.NewUsing("", im, scorch.Name, scorch.Name, nil); err != nil {
			return nil, fmt.Errorf("screening: create index: %w", err)
		}
		b := sh.idx.NewBatch()
		for i := lo; i < hi; i++ {
			if (i-lo)%1024 == 0 && ctx.Err() != nil {
				sh.idx.Close()
				return nil, ctx.Err()
			}
			if err := b.Index(strconv.Itoa(i), dt.entryDoc(i)); err != nil {
				sh.idx.Close()
				return nil, fmt.Errorf("screening: index entry %d: %w", i, err)
			}
		}
		if err := sh.idx.Batch(b); err != nil {
			sh.idx.Close()
			return nil, fmt.Errorf("screening: index: %w", err)
		}
	} else {
		bld, err := newShardBuilder(dir, im)
		if err != nil {
			return nil, err
		}
		for i := lo; i < hi; i++ {
			if (i-lo)%1024 == 0 && ctx.Err() != nil {
				bld.Close()
				return nil, ctx.Err()
			}
			doc := dt.entryDoc(i)
			doc.id = strconv.Itoa(i)
			if err := bld.Index(doc); err != nil {
				bld.Close()
				return nil, fmt.Errorf("screening: index entry %d: %w", i, err)
			}
		}
		if err := bld.Close(); err != nil {
			return nil, fmt.Errorf("screening: index: %w", err)
		}
		if sh.idx, err = bleve.OpenUsing(dir, map[string]any{"read_only": true}); err != nil {
			return nil, fmt.Errorf("screening: open index: %w", err)
		}
	}
	if err := sh.open(hi - lo); err != nil {
		sh.close()
		return nil, err
	}
	return sh, nil
}

// open takes the shard's reader and maps its internal document numbers to
// entries; docs is the number of documents it must hold, or -1.
func (sh *shard) open(docs int) error {
	ai, err := sh.idx.Advanced()
	if err != nil {
		return fmt.Errorf("screening: index: %w", err)
	}
	if sh.reader, err = ai.Reader(); err != nil {
		return fmt.Errorf("screening: index reader: %w", err)
	}
	dr, err := sh.reader.DocIDReaderAll()
	if err != nil {
		return fmt.Errorf("screening: index: %w", err)
	}
	defer dr.Close()
	sh.entry = make([]int32, 0, max(docs, 0))
	for {
		id, err := dr.Next()
		if err != nil {
			return fmt.Errorf("screening: index: %w", err)
		}
		if id == nil {
			break
		}
		if id.Value() != uint64(len(sh.entry)) {
			return fmt.Errorf("screening: index: document numbers not dense (%d at %d)", id.Value(), len(sh.entry))
		}
		ext, err := sh.reader.ExternalID(id)
		if err != nil {
			return fmt.Errorf("screening: index: %w", err)
		}
		e, err := strconv.Atoi(ext)
		if err != nil {
			return fmt.Errorf("screening: index: document %q: %w", ext, err)
		}
		sh.entry = append(sh.entry, int32(e))
	}
	if docs >= 0 && len(sh.entry) != docs {
		return fmt.Errorf("screening: index holds %d documents, want %d", len(sh.entry), docs)
	}
	if snap, ok := sh.reader.(*scorch.IndexSnapshot); ok {
		var offset uint64
		for _, ss := range snap.Segments() {
			sh.segs = append(sh.segs, segRef{seg: ss.Segment(), offset: offset, deleted: ss.Deleted()})
			offset += ss.Segment().Count()
		}
		if offset != uint64(len(sh.entry)) {
			// Not the numbering postings knows: read through bleve's search.
			sh.segs = nil
		}
		sh.readers.New = func() any {
			return &segReaders{pl: make([]segapi.PostingsList, len(sh.segs)), it: make([]segapi.PostingsIterator, len(sh.segs))}
		}
	}
	return nil
}

func (sh *shard) close() error {
	var err error
	if sh.reader != nil {
		err = sh.reader.Close()
	}
	if sh.idx != nil {
		if cerr := sh.idx.Close(); err == nil {
			err = cerr
		}
	}
	return err
}

// close closes the index and removes a temporary directory.
func (ti *termIndex) close() error {
	var err error
	for _, sh := range ti.shards {
		if sh == nil {
			continue
		}
		if cerr := sh.close(); err == nil {
			err = cerr
		}
	}
	if ti.owned {
		if rerr := os.RemoveAll(ti.dir); err == nil {
			err = rerr
		}
	}
	return err
}

// postings calls fn with the entry of every document that holds term in
// field, and returns how many there were.
func (ti *termIndex) postings(ctx context.Context, field, term string, buf *postingsBuf, fn func(entry int32)) (int, error) {
	buf.key = append(append(buf.key[:0], field...), 0)
	buf.key = append(buf.key, term...)
	if es, ok := ti.read.get(buf.key); ok {
		for _, e := range es {
			fn(e)
		}
		return len(es), nil
	}
	buf.entries = buf.entries[:0]
	n, err := ti.readPostings(ctx, field, term, &buf.tfd, func(e int32) {
		buf.entries = append(buf.entries, e)
		fn(e)
	})
	if err == nil {
		ti.read.put(buf.key, buf.entries)
	}
	return n, err
}

// postingsBuf is what one query reads postings with: its term's key in the
// cache, the entries read, and bleve's reader's document.
type postingsBuf struct {
	key     []byte
	entries []int32
	tfd     index.TermFieldDoc
}

// readPostings is postings read from the index's shards.
func (ti *termIndex) readPostings(ctx context.Context, field, term string, tfd *index.TermFieldDoc, fn func(entry int32)) (int, error) {
	n := 0
	for _, sh := range ti.shards {
		if sh.segs != nil {
			k, err := sh.segmentPostings(field, term, fn)
			n += k
			if err != nil {
				return n, err
			}
			continue
		}
		tfr, err := sh.reader.TermFieldReader(ctx, []byte(term), field, false, false, false)
		if err != nil {
			return n, fmt.Errorf("screening: index: %w", err)
		}
		for {
			d, err := tfr.Next(tfd)
			if err != nil {
				tfr.Close()
				return n, fmt.Errorf("screening: index: %w", err)
			}
			if d == nil {
				break
			}
			fn(sh.entry[d.ID.Value()])
			n++
		}
		tfr.Close()
	}
	return n, nil
}

// segmentPostings is postings in one shard, read from its segments'
// dictionaries and posting lists: no search, no hit to allocate, the
// buffers of the last query that read the shard filled again.
func (sh *shard) segmentPostings(field, term string, fn func(entry int32)) (int, error) {
	r := sh.readers.Get().(*segReaders)
	defer sh.readers.Put(r)
	ds, err := r.dictionaries(sh, field)
	if err != nil {
		return 0, err
	}
	r.term = append(r.term[:0], term...)
	n := 0
	for k, d := range ds {
		pl, err := d.PostingsList(r.term, sh.segs[k].deleted, r.pl[k])
		if err != nil {
			return n, fmt.Errorf("screening: index: term %q: %w", term, err)
		}
		if pl.Count() == 0 {
			continue // (the segment's shared empty list: not kept)
		}
		r.pl[k] = pl
		it := pl.Iterator(false, false, false, r.it[k])
		r.it[k] = it
		for {
			p, err := it.Next()
			if err != nil {
				return n, fmt.Errorf("screening: index: term %q: %w", term, err)
			}
			if p == nil {
				break
			}
			fn(sh.entry[sh.segs[k].offset+p.Number()])
			n++
		}
	}
	return n, nil
}

// sortedUnique sorts xs and drops repeats.
func sortedUnique(xs []int) []int {
	sort.Ints(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}
