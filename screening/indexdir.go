package screening

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
)

// An index directory holds everything a Screener needs, written once by
// BuildIndex and opened in seconds by Open, by as many processes as serve
// it (nothing in it is written after it is built):
//
//	raqib-index.json  what the index holds: its lists (source, version,
//	                  digest, entries, skipped records), its entries and
//	                  shards, the Raqib version that built it
//	matcher.bin       the prepared entries (matcher.Matcher.WriteTo)
//	entries.jsonl     every entry in full, one JSON object a line
//	entries.bin       the entries' IDs, kinds, sources and regimes, and
//	                  where each line of entries.jsonl starts
//	shard0 ...        bleve indexes of the entries' terms, one per CPU
//	                  of the machine that built them (opened read-only)
//
// A list larger than memory wants is built from its file (lists.File)
// without being held whole.

const (
	metaFile    = "raqib-index.json"
	matcherFile = "matcher.bin"
	entriesFile = "entries.jsonl"
	columnsFile = "entries.bin"
	// indexFormat changes whenever the layout of the directory does. Format
	// 2 stores each shard document's _id without indexing it as a term
	// (newShardBuilder); format 1 also indexed it, which nothing read, so
	// Open reads both.
	indexFormat = 2
	oldFormat   = 1
)

// ErrBadIndex is wrapped by the errors of Open for a directory that is not
// a complete index written by this version of BuildIndex.
var ErrBadIndex = errors.New("not an index directory built by this version of Raqib (or damaged)")

var errBadIndex = ErrBadIndex

// indexMeta is raqib-index.json.
type indexMeta struct {
	Format  int        `json:"raqib_index"`
	Library string     `json:"library"`
	Built   time.Time  `json:"built"`
	Lists   []ListInfo `json:"lists"`
	Entries int        `json:"entries"`
	Shards  int        `json:"shards"`
	// Biometric names the entries with face or fingerprint templates.
	Biometric []int `json:"biometric,omitempty"`
}

// BuildIndex builds an index of the lists in dir, which must not exist yet,
// for Open to serve, and returns the lists it holds. Each list is read one entry at a time (a watchlist file
// given as lists.File is never held whole), prepared on every CPU and
// indexed in shards built in parallel. On error, or when ctx is done, dir is
// removed. Lists are checked as New checks them: none may hold no entries,
// and no entry may be on two of them.
func BuildIndex(ctx context.Context, dir string, srcs ...lists.Source) (_ []ListInfo, err error) {
	if len(srcs) == 0 {
		return nil, errors.New("screening: BuildIndex: no lists")
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, fmt.Errorf("screening: BuildIndex: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	ef, err := os.Create(filepath.Join(dir, entriesFile))
	if err != nil {
		return nil, fmt.Errorf("screening: BuildIndex: %w", err)
	}
	defer ef.Close()
	bw := bufio.NewWriterSize(ef, 1<<20)
	// Each entry is encoded into one reused buffer: an Encoder writes what
	// json.Marshal returns, and a newline, without a new slice per entry.
	var line bytes.Buffer
	enc := json.NewEncoder(&line)
	tab := &entryTable{offsets: []int64{0}}
	byID := map[string]string{} // entry ID -> its source
	mb := matcher.NewBuilder()
	meta := indexMeta{Format: indexFormat, Library: raqib.LibraryVersion(), Built: time.Now().UTC()}
	for _, src := range srcs {
		n0 := tab.len()
		l, err := src.Scan(ctx, func(e *lists.Entry) error {
			if prev, dup := byID[e.ID]; dup {
				return fmt.Errorf("entry %s is in %s and again in %s", e.ID, prev, e.Source)
			}
			byID[e.ID] = e.Source
			line.Reset()
			if err := enc.Encode(e); err != nil {
				return fmt.Errorf("entry %s: %w", e.ID, err)
			}
			bw.Write(line.Bytes())
			tab.add(e)
			tab.offsets = append(tab.offsets, tab.offsets[len(tab.offsets)-1]+int64(line.Len()))
			if len(e.Faces) > 0 || len(e.Fingerprints) > 0 {
				meta.Biometric = append(meta.Biometric, tab.len()-1)
			}
			mb.Add(e)
			return nil
		})
		if err != nil {
			mb.Matcher()
			return nil, fmt.Errorf("screening: BuildIndex: %w", err)
		}
		l.Entries = make([]lists.Entry, tab.len()-n0) // counted, not kept
		if err := checkLists([]*lists.List{l}); err != nil {
			mb.Matcher()
			return nil, fmt.Errorf("screening: BuildIndex: %w", err)
		}
		li := newListInfo(l)
		meta.Lists = append(meta.Lists, li)
	}
	byID = nil // a million strings the garbage collector need not mark while the shards are built
	if err := bw.Flush(); err != nil {
		mb.Matcher()
		return nil, fmt.Errorf("screening: BuildIndex: %s: %w", entriesFile, err)
	}
	m := mb.Matcher()
	meta.Entries = tab.len()
	// The prepared entries and their columns are written, and the entries
	// synced, while the shards are built: the files wait on the disk, the
	// shards on the CPUs.
	var wg sync.WaitGroup
	var werr [3]error
	wg.Go(func() {
		werr[0] = writeFile(filepath.Join(dir, matcherFile), func(f *os.File) error { _, err := m.WriteTo(f); return err })
	})
	wg.Go(func() {
		werr[1] = writeFile(filepath.Join(dir, columnsFile), func(f *os.File) error { return tab.writeColumns(f) })
	})
	wg.Go(func() {
		if err := ef.Sync(); err != nil {
			werr[2] = fmt.Errorf("screening: BuildIndex: %w", err)
		}
	})
	ti, err := buildIndex(ctx, m, tab.len(), filepath.Join(dir, "shards"), frequentFrom(tab.len()))
	wg.Wait()
	if err != nil {
		return nil, err
	}
	meta.Shards = len(ti.shards)
	ti.owned = false // the directory is the index's, kept
	if err := ti.close(); err != nil {
		return nil, fmt.Errorf("screening: BuildIndex: %w", err)
	}
	if err := errors.Join(werr[:]...); err != nil {
		return nil, err
	}
	// The description last: a directory without it is not an index.
	b, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("screening: BuildIndex: %w", err)
	}
	if err := writeFile(filepath.Join(dir, metaFile), func(f *os.File) error { _, err := f.Write(append(b, '\n')); return err }); err != nil {
		return nil, err
	}
	return meta.Lists, nil
}

// writeFile creates path, lets write fill it, and syncs it.
func writeFile(path string, write func(*os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("screening: %w", err)
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("screening: %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("screening: %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("screening: %s: %w", path, err)
	}
	return nil
}

// Open returns a Screener serving the index BuildIndex wrote in dir. It
// reads the prepared entries and maps the term index into memory; the
// entries themselves stay in the directory and are read when a match is
// reported. The directory must not change while the Screener serves it (it
// is never written). Options are New's (WithLists and WithIndexDir do not
// apply: Replace builds the next lists in memory).
func Open(ctx context.Context, dir string, opts ...Option) (*Screener, error) {
	s, err := configure(opts)
	if err != nil {
		return nil, err
	}
	if len(s.cfg.lists) > 0 || s.cfg.indexDir != "" {
		return nil, errors.New("screening: Open: WithLists and WithIndexDir do not apply to an index directory")
	}
	snap, err := openSnapshot(ctx, dir, &s.cfg)
	if err != nil {
		return nil, err
	}
	s.snap.Store(snap)
	return s, nil
}

func openSnapshot(ctx context.Context, dir string, cfg *config) (*snapshot, error) {
	bad := func(err error) error { return fmt.Errorf("screening: Open %s: %w", dir, err) }
	mb, err := os.ReadFile(filepath.Join(dir, metaFile))
	if err != nil {
		return nil, bad(fmt.Errorf("%w: %w", ErrBadIndex, err))
	}
	var meta indexMeta
	if err := json.Unmarshal(mb, &meta); err != nil || meta.Format != indexFormat && meta.Format != oldFormat {
		return nil, bad(fmt.Errorf("%w: %s: format %d, want %d", ErrBadIndex, metaFile, meta.Format, indexFormat))
	}
	cb, err := os.ReadFile(filepath.Join(dir, columnsFile))
	if err != nil {
		return nil, bad(err)
	}
	tab, err := readColumns(cb)
	cb = nil
	if err != nil {
		return nil, bad(err)
	}
	if tab.len() != meta.Entries {
		return nil, bad(fmt.Errorf("%w: %d entries in %s, %d in %s", ErrBadIndex, tab.len(), columnsFile, meta.Entries, metaFile))
	}
	if tab.file, err = os.Open(filepath.Join(dir, entriesFile)); err != nil {
		return nil, bad(err)
	}
	// The shards and the map of entry IDs need nothing of the matcher:
	// they are opened and made while it is read.
	var (
		wg    sync.WaitGroup
		ti    *termIndex
		tiErr error
		byID  map[string]int32
	)
	ok := false
	defer func() {
		wg.Wait()
		if !ok {
			tab.close()
			if ti != nil {
				ti.close()
			}
		}
	}()
	if fi, err := tab.file.Stat(); err != nil || fi.Size() != tab.offsets[len(tab.offsets)-1] {
		return nil, bad(fmt.Errorf("%w: %s is not the size its table says", ErrBadIndex, entriesFile))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	bio := map[int]*lists.Entry{}
	for _, i := range meta.Biometric {
		if i < 0 || i >= tab.len() {
			return nil, bad(fmt.Errorf("%w: biometric entry %d", ErrBadIndex, i))
		}
		if bio[i], err = tab.entry(i); err != nil {
			return nil, bad(err)
		}
	}
	wg.Go(func() { ti, tiErr = openIndex(filepath.Join(dir, "shards"), meta.Shards, tab.len()) })
	wg.Go(func() {
		byID = make(map[string]int32, tab.len())
		for i, id := range tab.ids {
			byID[id] = int32(i)
		}
	})
	mf, err := os.Open(filepath.Join(dir, matcherFile))
	if err != nil {
		return nil, bad(err)
	}
	m, err := matcher.Read(mf, bio, matcherOptions(cfg)...)
	mf.Close()
	if err != nil {
		return nil, bad(err)
	}
	if m.Len() != tab.len() {
		return nil, bad(fmt.Errorf("%w: %d entries in %s, %d in %s", ErrBadIndex, m.Len(), matcherFile, tab.len(), columnsFile))
	}
	wg.Wait()
	if tiErr != nil {
		return nil, bad(tiErr)
	}
	tab.biometric = meta.Biometric
	snap := &snapshot{lists: meta.Lists, base: newSegment(tab, byID, m, ti, frequentFrom(tab.len())), reweighed: true}
	snap.finish(cfg)
	ok = true
	return snap, nil
}

// openIndex opens the shards of an index directory read-only.
func openIndex(dir string, shards, entries int) (*termIndex, error) {
	ti := &termIndex{dir: dir}
	for s := range shards {
		sh, err := openShard(ti.shardDir(s))
		if err != nil {
			ti.close()
			return nil, fmt.Errorf("%w: shard %d: %w", ErrBadIndex, s, err)
		}
		ti.shards = append(ti.shards, sh)
	}
	n := 0
	for _, sh := range ti.shards {
		n += len(sh.entry)
	}
	if n != entries {
		ti.close()
		return nil, fmt.Errorf("%w: the shards hold %d entries, want %d", ErrBadIndex, n, entries)
	}
	return ti, nil
}

// openShard opens one shard of an index directory read-only.
func openShard(dir string) (*shard, error) {
	idx, err := bleve.OpenUsing(dir, map[string]any{"read_only": true})
	if err != nil {
		return nil, err
	}
	sh := &shard{idx: idx}
	if err := sh.open(-1); err != nil {
		sh.close()
		return nil, err
	}
	return sh, nil
}
