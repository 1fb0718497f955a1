package screening

import (
	"context"
	"fmt"
	"sync"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
	"github.com/raqib/raqib/screening/biometric"
)

// snapshot is one immutable version of the lists, indexed. Screening reads a
// snapshot; Replace swaps in a new one. It holds the entries of the lists it
// was built from (not copies: the lists must not be modified while the
// snapshot serves), the matcher's compact store of them, and the index.
type snapshot struct {
	lists   []ListInfo
	entries []*lists.Entry
	m       *matcher.Matcher
	index   *termIndex
	dict    *dict
	// frequent is the number of entries from which a key is frequent.
	frequent int
	docs     map[string][]int32 // normalised document number -> entries
	byID     map[string]int32   // entry ID -> entry
	faces    *biometric.FaceGallery
	fingers  *biometric.FingerprintGallery
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
	s := &snapshot{docs: map[string][]int32{}, idle: make(chan struct{})}
	n := 0
	for _, l := range ls {
		n += len(l.Entries)
	}
	s.entries = make([]*lists.Entry, 0, n)
	s.byID = make(map[string]int32, n)
	for _, l := range ls {
		for i := range l.Entries {
			e := &l.Entries[i]
			if prev, dup := s.byID[e.ID]; dup {
				return nil, fmt.Errorf("screening: entry %s is in %s and again in %s", e.ID, s.entries[prev].Source, l.Source)
			}
			s.byID[e.ID] = int32(len(s.entries))
			s.entries = append(s.entries, e)
		}
		s.lists = append(s.lists, newListInfo(l))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
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
	s.skipped = s.m.Skipped()
	s.sources, s.types = filterNames(s.entries)
	s.frequent = frequentFrom(n)
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	s.faces = &biometric.FaceGallery{Thresholds: cfg.faceThresholds}
	s.fingers = &biometric.FingerprintGallery{Matcher: cfg.fingers, SamePosition: true, Thresholds: cfg.fingerThresholds}
	for i, e := range s.entries {
		if len(e.Faces) > 0 {
			// Templates the matcher could not read are already in skipped.
			_ = s.faces.AddEntry(e)
		}
		// The gallery holds the matcher's preparation of each template.
		for j, f := range s.m.Fingerprints(i) {
			if f.Features != nil {
				s.fingers.AddPrepared(e.ID, e.Source, biometric.FingerprintHash(e.Fingerprints[j]), f)
			}
		}
		for _, d := range e.Documents {
			if d.Normalized != "" {
				s.docs[d.Normalized] = append(s.docs[d.Normalized], int32(i))
			}
		}
	}
	var err error
	if s.index, err = buildIndex(ctx, s.m, n, dir); err != nil {
		return nil, err
	}
	s.dict = newDict(s.m)
	return s, nil
}

// close closes the index and removes its directory, if it is a temporary one.
func (s *snapshot) close() error { return s.index.close() }

// diffSnapshots returns what changed from the entries of a to those of b,
// by entry ID (lists.Diff over all their lists at once).
func diffSnapshots(a, b *snapshot) lists.Delta {
	view := func(s *snapshot) *lists.List {
		l := &lists.List{Entries: make([]lists.Entry, len(s.entries))}
		for i, e := range s.entries {
			l.Entries[i] = *e
		}
		return l
	}
	return lists.Diff(view(a), view(b))
}
