package screening

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
	biometricpkg "github.com/raqib/raqib/screening/biometric"
)

// A snapshot is one immutable version of the lists, indexed. Screening reads
// a snapshot; Replace swaps in a new one. Its entries are in one or two
// segments: the base, indexed from all the lists, and after an incremental
// Replace a delta, indexed from the entries added or changed since the base
// and weighed with the base's name frequencies, while the base entries
// removed or changed are hidden. Entry numbers run over the base, then the
// delta. A segment may be shared by several snapshots; it is closed when
// the last of them is.

// segment is one indexed set of entries.
type segment struct {
	tab   *entryTable
	m     *matcher.Matcher
	index *termIndex
	dict  *dict
	// frequent is the number of entries from which a key is frequent.
	frequent int
	docs     map[string][]int32 // normalised document number -> entries
	byID     map[string]int32   // entry ID -> entry
	// hashes are each entry's content digest, for telling which entries a
	// new version of the lists changed; made when first needed.
	hashOnce sync.Once
	hashes   []uint64
	versions []string
	hashErr  error
	refs     atomic.Int32 // snapshots using the segment
}

func newSegment(tab *entryTable, byID map[string]int32, m *matcher.Matcher, ti *termIndex, frequent int) *segment {
	g := &segment{tab: tab, m: m, index: ti, byID: byID, frequent: frequent, docs: map[string][]int32{}}
	// The documents' map is made while the dictionary is.
	var wg sync.WaitGroup
	wg.Go(func() { m.Documents(func(i int, number string) { g.docs[number] = append(g.docs[number], int32(i)) }) })
	g.dict = newDict(m)
	wg.Wait()
	return g
}

// release ends one snapshot's use of the segment, closing it after the last.
func (g *segment) release() error {
	if g.refs.Add(-1) > 0 {
		return nil
	}
	err := g.index.close()
	if cerr := g.tab.close(); err == nil {
		err = cerr
	}
	return err
}

type snapshot struct {
	lists []ListInfo
	base  *segment
	delta *segment // nil unless an incremental Replace made one
	// hidden marks the base entries removed or changed since the base.
	hidden []bool
	live   int // entries not hidden
	// revised holds the base entries changed only in what the index does
	// not read, as they are now.
	revised map[int32]*lists.Entry
	// relabel gives the list version now serving of base entries read
	// from an older version of their list and unchanged since.
	relabel map[versionKey]string
	// reweighed: the snapshot's name weights are not those of the one it
	// replaced (Update.Reweighed).
	reweighed bool

	faces   *biometricpkg.FaceGallery
	fingers *biometricpkg.FingerprintGallery
	// skipped holds the biometric templates that could not be read, each
	// naming its entry; the entries themselves are screened.
	skipped []error
	// sources and types are the lists and regimes the snapshot holds, by
	// their folded names (see FoldListName), for the query filters.
	sources map[string]string
	types   map[string][]string

	mu      sync.Mutex
	refs    int           // screens using the snapshot
	retired bool          // replaced or closed: no new screens
	idle    chan struct{} // closed once retired and no screen uses it
}

// segments returns the snapshot's segments, the base first, with the entry
// number each starts at.
func (s *snapshot) segments() ([2]*segment, [2]int, int) {
	if s.delta == nil {
		return [2]*segment{s.base}, [2]int{}, 1
	}
	return [2]*segment{s.base, s.delta}, [2]int{0, s.base.tab.len()}, 2
}

// seg returns the segment of entry i and i's number in it.
func (s *snapshot) seg(i int) (*segment, int) {
	if n := s.base.tab.len(); i >= n {
		return s.delta, i - n
	}
	return s.base, i
}

// segFor returns the segment of entry i, the query as prepared for it (ps:
// the query prepared for each segment, as retrieve takes them) and i's
// number in the segment.
func (s *snapshot) segFor(ps []*matcher.Prepared, i int) (*segment, *matcher.Prepared, int) {
	g, j := s.seg(i)
	if g != s.base {
		return g, ps[1], j
	}
	return g, ps[0], j
}

// entry returns entry i.
func (s *snapshot) entry(i int) (*lists.Entry, error) {
	g, j := s.seg(i)
	if g == s.base && s.revised != nil {
		if e, ok := s.revised[int32(j)]; ok {
			return e, nil
		}
	}
	e, err := g.tab.entry(j)
	if err != nil || g != s.base {
		return e, err
	}
	return s.relabeled(e), nil
}

// relabeled returns e, an entry of the base, with the version of its list
// now serving.
func (s *snapshot) relabeled(e *lists.Entry) *lists.Entry {
	if v, ok := s.relabel[versionKey{e.Source, e.ListVersion}]; ok {
		c := *e
		c.ListVersion = v
		return &c
	}
	return e
}

// A versionKey is a version of one source's list.
type versionKey struct{ source, version string }

// lookup returns the number of the entry with the ID, if the snapshot
// serves it.
func (s *snapshot) lookup(id string) (int, bool) {
	if s.delta != nil {
		if j, ok := s.delta.byID[id]; ok {
			return s.base.tab.len() + int(j), true
		}
	}
	if j, ok := s.base.byID[id]; ok && !s.isHidden(int(j)) {
		return int(j), true
	}
	return 0, false
}

func (s *snapshot) isHidden(i int) bool { return s.hidden != nil && i < len(s.hidden) && s.hidden[i] }

// each calls fn with every entry the snapshot serves, by number.
func (s *snapshot) each(fn func(i int, e *lists.Entry) error) error {
	segs, off, n := s.segments()
	for k := range n {
		err := segs[k].tab.each(func(j int, e *lists.Entry) error {
			if k == 0 {
				if s.isHidden(j) {
					return nil
				}
				if r, ok := s.revised[int32(j)]; ok {
					e = r
				} else {
					e = s.relabeled(e)
				}
			}
			return fn(off[k]+j, e)
		})
		if err != nil {
			return err
		}
	}
	return nil
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

// newListInfo describes l.
func newListInfo(l *lists.List) ListInfo {
	li := ListInfo{Source: l.Source, Version: l.Version, Digest: l.Digest, Entries: len(l.Entries), Skipped: len(l.Skipped)}
	for i, err := range l.Skipped {
		if i == maxSkippedNamed {
			li.SkippedRecords = append(li.SkippedRecords, fmt.Sprintf("... and %d more", len(l.Skipped)-i))
			break
		}
		li.SkippedRecords = append(li.SkippedRecords, err.Error())
	}
	return li
}

// collect puts the entries of ls in an entry table, refusing an entry that
// is on two lists, and describes the lists.
func collect(ls []*lists.List) (*entryTable, map[string]int32, []ListInfo, error) {
	n := 0
	for _, l := range ls {
		n += len(l.Entries)
	}
	tab := &entryTable{mem: make([]*lists.Entry, 0, n)}
	byID := make(map[string]int32, n)
	var infos []ListInfo
	for _, l := range ls {
		for i := range l.Entries {
			e := &l.Entries[i]
			if prev, dup := byID[e.ID]; dup {
				return nil, nil, nil, fmt.Errorf("screening: entry %s is in %s and again in %s", e.ID, tab.mem[prev].Source, l.Source)
			}
			byID[e.ID] = int32(len(tab.mem))
			tab.mem = append(tab.mem, e)
			tab.add(e)
		}
		infos = append(infos, newListInfo(l))
	}
	return tab, byID, infos, nil
}

// build indexes the entries of ls. dir, when not empty, holds an on-disk index.
func build(ctx context.Context, ls []*lists.List, cfg *config, dir string) (*snapshot, error) {
	tab, byID, infos, err := collect(ls)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m := matcher.New(tab.mem, matcherOptions(cfg)...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	frequent := frequentFrom(tab.len())
	ti, err := buildIndex(ctx, m, tab.len(), dir, frequent)
	if err != nil {
		return nil, err
	}
	s := &snapshot{lists: infos, base: newSegment(tab, byID, m, ti, frequent), reweighed: true}
	s.finish(cfg)
	return s, nil
}

// matcherOptions are the matcher options of cfg.
func matcherOptions(cfg *config) []matcher.Option {
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
	return mopts
}

// finish takes the snapshot's segments into use and makes what spans them:
// the biometric galleries, the names of its lists and regimes.
func (s *snapshot) finish(cfg *config) {
	s.idle = make(chan struct{})
	segs, _, n := s.segments()
	s.live = 0
	for k := range n {
		segs[k].refs.Add(1)
		s.skipped = append(s.skipped, segs[k].m.Skipped()...)
		s.live += segs[k].tab.len()
	}
	for _, h := range s.hidden {
		if h {
			s.live--
		}
	}
	s.sources, s.types = s.filterNames()
	s.faces = &biometricpkg.FaceGallery{Thresholds: cfg.faceThresholds}
	s.fingers = &biometricpkg.FingerprintGallery{Matcher: cfg.fingers, SamePosition: true, Thresholds: cfg.fingerThresholds}
	for k := range n {
		g := segs[k]
		for _, j := range g.tab.biometric {
			if k == 0 && s.isHidden(j) {
				continue
			}
			e, err := g.tab.entry(j)
			if err != nil {
				s.skipped = append(s.skipped, err)
				continue
			}
			if len(e.Faces) > 0 {
				// Templates the matcher could not read are already in skipped.
				_ = s.faces.AddEntry(e)
			}
			// The gallery holds the matcher's preparation of each template.
			for t, f := range g.m.Fingerprints(j) {
				if f.Features != nil {
					s.fingers.AddPrepared(e.ID, e.Source, biometricpkg.FingerprintHash(e.Fingerprints[t]), f)
				}
			}
		}
	}
}

// close releases the snapshot's segments.
func (s *snapshot) close() error {
	segs, _, n := s.segments()
	var err error
	for k := range n {
		if cerr := segs[k].release(); err == nil {
			err = cerr
		}
	}
	return err
}

// diffSnapshots returns what changed from the entries of a to those of b,
// by entry ID (lists.Diff over all their lists at once).
func diffSnapshots(a, b *snapshot) (lists.Delta, error) {
	view := func(s *snapshot) (*lists.List, error) {
		l := &lists.List{Entries: make([]lists.Entry, 0, s.live)}
		err := s.each(func(i int, e *lists.Entry) error {
			l.Entries = append(l.Entries, *e)
			return nil
		})
		return l, err
	}
	la, err := view(a)
	if err != nil {
		return lists.Delta{}, err
	}
	lb, err := view(b)
	if err != nil {
		return lists.Delta{}, err
	}
	return lists.Diff(la, lb), nil
}

// maxIncremental is the share of the base's entries that may have changed,
// been added or removed for Replace to index only those (the rest served by
// the base as it is). Beyond it the whole lists are indexed again, so that
// the name weights follow the lists and the delta stays small.
const maxIncremental = 0.10

// entrySeed keys the entries' content digests, compared within the process.
var entrySeed = maphash.MakeSeed()

// digests returns the content digest of each entry of the segment and the
// list version it was read from. It is computed once, when an incremental
// Replace first needs it.
func (g *segment) digests(ctx context.Context) ([]uint64, []string, error) {
	g.hashOnce.Do(func() { g.hashes, g.versions, g.hashErr = g.tab.digests(ctx) })
	return g.hashes, g.versions, g.hashErr
}

// digests returns the content digest of each entry of t — of its JSON
// encoding as the index directory stores it, without its list_version: an
// entry a new version of its list leaves as it was is the same entry — and
// the list version of each, on every CPU.
func (t *entryTable) digests(ctx context.Context) ([]uint64, []string, error) {
	n := t.len()
	sums, vers := make([]uint64, n), make([]string, n)
	workers := min(runtime.GOMAXPROCS(0), max(1, n/1024))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*n/workers, (w+1)*n/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[w] = t.digestRange(ctx, lo, hi, sums, vers)
		}()
	}
	wg.Wait()
	return sums, vers, errors.Join(errs...)
}

// versionField opens the list version in an entry's JSON encoding.
var versionField = []byte(`,"list_version":"`)

// digestRange digests entries [lo,hi) of t: an entry in memory by its
// encoding, an entry on disk by the bytes stored, read in blocks.
func (t *entryTable) digestRange(ctx context.Context, lo, hi int, sums []uint64, vers []string) error {
	if t.mem != nil {
		for i := lo; i < hi; i++ {
			if i%4096 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			e := *t.mem[i]
			vers[i], e.ListVersion = e.ListVersion, ""
			b, err := json.Marshal(&e)
			if err != nil {
				return fmt.Errorf("screening: entry %s: %w", t.ids[i], err)
			}
			sums[i] = maphash.Bytes(entrySeed, b)
		}
		return nil
	}
	const block = 1 << 20
	var buf []byte
	intern := map[string]string{}
	var h maphash.Hash
	h.SetSeed(entrySeed)
	for i := lo; i < hi; {
		if err := ctx.Err(); err != nil {
			return err
		}
		// Entries [i,j) in one read of about a block.
		j := i + 1
		for j < hi && t.offsets[j+1]-t.offsets[i] <= block {
			j++
		}
		size := t.offsets[j] - t.offsets[i]
		if int64(cap(buf)) < size {
			buf = make([]byte, size)
		}
		b := buf[:size]
		if _, err := t.file.ReadAt(b, t.offsets[i]); err != nil {
			return fmt.Errorf("screening: %s: entries %d-%d: %w", t.file.Name(), i, j-1, err)
		}
		for k := i; k < j; k++ {
			rec := bytes.TrimSuffix(b[t.offsets[k]-t.offsets[i]:t.offsets[k+1]-t.offsets[i]], []byte("\n"))
			h.Reset()
			at := bytes.Index(rec, versionField)
			if at < 0 {
				h.Write(rec)
			} else {
				v, n, err := jsonString(rec[at+len(versionField)-1:])
				if err != nil {
					return fmt.Errorf("screening: %s: entry %d: list_version: %w", t.file.Name(), k, err)
				}
				if vers[k] = intern[string(v)]; vers[k] == "" {
					vers[k] = string(v)
					intern[vers[k]] = vers[k]
				}
				h.Write(rec[:at])
				h.Write(rec[at+len(versionField)-1+n:])
			}
			sums[k] = h.Sum64()
		}
		i = j
	}
	return nil
}

// jsonString reads the JSON string that b begins with, returning its value
// and the length of its encoding.
func jsonString(b []byte) ([]byte, int, error) {
	escaped := false
	for k := 1; k < len(b); k++ {
		switch b[k] {
		case '\\':
			escaped = true
			k++
		case '"':
			if !escaped {
				return b[1:k], k + 1, nil
			}
			var s string
			if err := json.Unmarshal(b[:k+1], &s); err != nil {
				return nil, 0, err
			}
			return []byte(s), k + 1, nil
		}
	}
	return nil, 0, errors.New("unterminated string")
}

// sameScored reports whether e scores as entry j of g does: the same ID,
// source, kind and list type, and the same matcher.Scored part.
func sameScored(g *segment, j int, e *lists.Entry) (bool, error) {
	old, err := g.tab.entry(j)
	if err != nil {
		return false, err
	}
	return SameIndexed(old, e), nil
}

// scoredPart encodes what the index and the matcher read of e.
func scoredPart(e *lists.Entry) []byte {
	s := matcher.Scored(e)
	s.ID, s.Source, s.Kind, s.ListType = e.ID, e.Source, e.Kind, e.ListType
	b, err := json.Marshal(&s)
	if err != nil {
		return nil
	}
	return b
}

// update returns a snapshot of ls that keeps the base segment of s and
// indexes only the entries of ls the base does not hold unchanged, weighed
// with the base's name frequencies, hiding the base entries that changed or
// are gone. It returns nil when more changed than maxIncremental allows:
// the lists are then indexed whole.
func (s *snapshot) update(ctx context.Context, ls []*lists.List, cfg *config) (*snapshot, error) {
	base := s.base
	if base.tab.len() == 0 {
		return nil, nil
	}
	tab, _, infos, err := collect(ls)
	if err != nil {
		return nil, err
	}
	limit := int(maxIncremental * float64(base.tab.len()))
	if d := tab.len() - base.tab.len(); d > limit || -d > limit {
		return nil, nil
	}
	have, haveVer, err := base.digests(ctx)
	if err != nil {
		return nil, err
	}
	want, wantVer, err := tab.digests(ctx)
	if err != nil {
		return nil, err
	}
	kept := make([]bool, base.tab.len())
	// The entries are copied, so that the snapshot does not hold the
	// arrays of the new lists.
	var fresh []*lists.Entry
	var revised map[int32]*lists.Entry
	relabel := map[versionKey]string{}
	for i, e := range tab.mem {
		j, ok := base.byID[e.ID]
		if ok && have[j] == want[i] {
			// The same entry, maybe of a new version of its list: the
			// base's copy is reported with the version now serving, one
			// for all the entries of its source and version.
			k := versionKey{base.tab.source(int(j)), haveVer[j]}
			if v, ok := relabel[k]; ok && v != wantVer[i] {
				return nil, nil
			}
			relabel[k] = wantVer[i]
			kept[j] = true
			continue
		}
		c := *e
		if ok {
			// Changed in what the index does not read (remarks, links):
			// indexed as it was, reported as it is now.
			same, err := sameScored(base, int(j), &c)
			if err != nil {
				return nil, err
			}
			if same {
				if revised == nil {
					revised = map[int32]*lists.Entry{}
				}
				revised[j] = &c
				kept[j] = true
				continue
			}
		}
		if fresh = append(fresh, &c); len(fresh) > limit {
			return nil, nil
		}
	}
	gone := 0
	hidden := make([]bool, len(kept))
	for j, k := range kept {
		if !k {
			hidden[j] = true
			gone++
		}
	}
	if len(fresh)+gone > limit {
		return nil, nil
	}
	next := &snapshot{lists: infos, base: base, revised: revised}
	if gone > 0 {
		next.hidden = hidden
	}
	for k, v := range relabel {
		if k.version == v {
			delete(relabel, k)
		}
	}
	if len(relabel) > 0 {
		next.relabel = relabel
	}
	if len(fresh) > 0 {
		dt := &entryTable{mem: fresh}
		byID := make(map[string]int32, len(fresh))
		for k, e := range fresh {
			byID[e.ID] = int32(k)
			dt.add(e)
		}
		m := matcher.New(fresh, append(matcherOptions(cfg), matcher.WithFrequenciesOf(base.m))...)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ti, err := buildIndex(ctx, m, len(fresh), "", base.frequent)
		if err != nil {
			return nil, err
		}
		next.delta = newSegment(dt, byID, m, ti, base.frequent)
	}
	next.finish(cfg)
	return next, nil
}
