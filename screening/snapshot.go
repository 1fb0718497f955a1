package screening

import (
	"context"
	"fmt"
	"sync"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
	biometricpkg "github.com/raqib/raqib/screening/biometric"
)

// snapshot is one immutable version of the lists, indexed. Screening reads a
// snapshot; Replace swaps in a new one. It holds the entries of the lists it
// was built from (not copies: the lists must not be modified while the
// snapshot serves), the matcher's compact store of them, and the index.
type snapshot struct {
	lists []ListInfo
	tab   *entryTable
	m     *matcher.Matcher
	index *termIndex
	dict  *dict
	// frequent is the number of entries from which a key is frequent.
	frequent int
	docs     map[string][]int32 // normalised document number -> entries
	byID     map[string]int32   // entry ID -> entry
	faces    *biometricpkg.FaceGallery
	fingers  *biometricpkg.FingerprintGallery
	// skipped holds the biometric templates that could not be read, each
	// naming its entry; the entries themselves are screened.
	skipped []error
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

// build indexes the entries of ls. dir, when not empty, holds an on-disk index.
func build(ctx context.Context, ls []*lists.List, cfg *config, dir string) (*snapshot, error) {
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
				return nil, fmt.Errorf("screening: entry %s is in %s and again in %s", e.ID, tab.mem[prev].Source, l.Source)
			}
			byID[e.ID] = int32(len(tab.mem))
			tab.mem = append(tab.mem, e)
			tab.add(e)
		}
		infos = append(infos, newListInfo(l))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m := matcher.New(tab.mem, matcherOptions(cfg)...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ti, err := buildIndex(ctx, m, n, dir)
	if err != nil {
		return nil, err
	}
	return newSnapshot(infos, tab, byID, m, ti, cfg, func(fn func(i int, e *lists.Entry)) {
		for i, e := range tab.mem {
			if len(e.Faces) > 0 || len(e.Fingerprints) > 0 {
				fn(i, e)
			}
		}
	})
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

// newSnapshot puts together a snapshot of indexed entries; biometric calls
// its fn with each entry that has face or fingerprint templates.
func newSnapshot(infos []ListInfo, tab *entryTable, byID map[string]int32, m *matcher.Matcher, ti *termIndex, cfg *config, biometric func(fn func(i int, e *lists.Entry))) (*snapshot, error) {
	s := &snapshot{lists: infos, tab: tab, byID: byID, m: m, index: ti, docs: map[string][]int32{}, idle: make(chan struct{})}
	s.skipped = m.Skipped()
	s.sources, s.types = filterNames(tab)
	s.frequent = frequentFrom(tab.len())
	s.faces = &biometricpkg.FaceGallery{Thresholds: cfg.faceThresholds}
	s.fingers = &biometricpkg.FingerprintGallery{Matcher: cfg.fingers, SamePosition: true, Thresholds: cfg.fingerThresholds}
	biometric(func(i int, e *lists.Entry) {
		if len(e.Faces) > 0 {
			// Templates the matcher could not read are already in skipped.
			_ = s.faces.AddEntry(e)
		}
		// The gallery holds the matcher's preparation of each template.
		for j, f := range m.Fingerprints(i) {
			if f.Features != nil {
				s.fingers.AddPrepared(e.ID, e.Source, biometricpkg.FingerprintHash(e.Fingerprints[j]), f)
			}
		}
	})
	m.Documents(func(i int, number string) { s.docs[number] = append(s.docs[number], int32(i)) })
	s.dict = newDict(m)
	return s, nil
}

// close closes the index and removes its directory, if it is a temporary one.
func (s *snapshot) close() error {
	err := s.index.close()
	if cerr := s.tab.close(); err == nil {
		err = cerr
	}
	return err
}

// diffSnapshots returns what changed from the entries of a to those of b,
// by entry ID (lists.Diff over all their lists at once).
func diffSnapshots(a, b *snapshot) (lists.Delta, error) {
	view := func(s *snapshot) (*lists.List, error) {
		l := &lists.List{Entries: make([]lists.Entry, s.tab.len())}
		err := s.tab.each(func(i int, e *lists.Entry) error {
			l.Entries[i] = *e
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
