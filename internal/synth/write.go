package synth

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/raqib/raqib/lists"
)

// namesakes counts, for one query, the entries other than its own that
// share its name (all of the query's name parts, whatever their spelling
// and order) or its first given name and family name, with and without the
// same birth year among the entry's dates.
type namesakes struct {
	Full, FullYear               int
	GivenFamily, GivenFamilyYear int
}

// Summary describes a written set.
type Summary struct {
	Seed      uint64         `json:"seed"`
	Entries   int            `json:"entries"`
	Positives int            `json:"positives"`
	Negatives int            `json:"negatives"`
	Cultures  map[string]int `json:"cultures"` // entries per culture
	Names     int            `json:"names"`    // name forms in the list
	Native    int            `json:"native_script_names"`
	// Negatives that share a name with an entry — their whole name (every
	// element they present, whatever its spelling and order), or their first
	// given and family name, each alone and with a birth year among the
	// entry's dates — counted as negatives with at least one such entry.
	NegFull            int     `json:"negatives_sharing_full_name"`
	NegFullYear        int     `json:"negatives_sharing_full_name_and_birth_year"`
	NegGivenFamily     int     `json:"negatives_sharing_given_and_family_name"`
	NegGivenFamilyYear int     `json:"negatives_sharing_given_and_family_name_and_birth_year"`
	PosFull            int     `json:"positives_with_a_full_name_namesake"`
	Seconds            float64 `json:"seconds"`
}

// chunkSize is how many entries a worker makes at a time.
const chunkSize = 2048

type chunkOut struct {
	buf   bytes.Buffer
	keys  []entryKeys
	err   error
	ready chan struct{}
}

type entryKeys struct {
	full, gf   uint64
	y0, y1     int
	culture    string
	names, nat int
}

// Write writes a synthetic set into dir (created if need be): list.jsonl,
// the list of n entries of a seed in the Raqib watchlist format with a
// header line; queries.jsonl, the queries of Queries(seed, n, opts...), one
// JSON object a line in the query format of examples/screen; truth.csv,
// what each query is (query_id, entry_id — empty for a negative — culture,
// changes, and the four namesake counts); and summary.json. The list is made
// by all CPUs, streamed in order, in memory bounded by a few chunks.
func Write(ctx context.Context, dir string, seed uint64, n int, opts ...Option) (*Summary, error) {
	t0 := time.Now()
	if n < 1 || n > MaxEntries {
		return nil, fmt.Errorf("synth: %d entries: want 1 to %d", n, MaxEntries)
	}
	qs, err := Queries(seed, n, opts...)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	sum := &Summary{Seed: seed, Entries: n, Cultures: map[string]int{}}
	for _, q := range qs {
		if q.EntryID == "" {
			sum.Negatives++
		} else {
			sum.Positives++
		}
	}
	counts := make([]namesakes, len(qs))
	byFull := map[uint64][]int{}
	byGF := map[uint64][]int{}
	for i, q := range qs {
		byFull[q.fullKey] = append(byFull[q.fullKey], i)
		byGF[q.gfKey] = append(byGF[q.gfKey], i)
	}
	own := map[string]int{}
	for i, q := range qs {
		if q.EntryID != "" {
			own[q.EntryID] = i
		}
	}

	path := filepath.Join(dir, "list.jsonl")
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	hw := lists.NewWriter(bw)
	if err := hw.WriteHeader(lists.Header{Source: Source, Version: fmt.Sprintf("seed-%d", seed),
		Description: fmt.Sprintf("Synthetic watchlist (internal/synth), seed %d: made-up people, not real ones.", seed)}); err != nil {
		return nil, fmt.Errorf("synth: %s: %w", path, err)
	}
	if err := hw.Flush(); err != nil {
		return nil, fmt.Errorf("synth: %s: %w", path, err)
	}

	// Workers make chunks; the writer takes them in order.
	workers := runtime.GOMAXPROCS(0)
	nchunks := (n + chunkSize - 1) / chunkSize
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	queue := make(chan *chunkOut, 2*workers)
	jobs := make(chan int)
	outs := make([]*chunkOut, nchunks)
	for c := range outs {
		outs[c] = &chunkOut{ready: make(chan struct{})}
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range jobs {
				o := outs[c]
				o.err = makeChunk(seed, c*chunkSize, min(n, (c+1)*chunkSize), o)
				close(o.ready)
			}
		}()
	}
	go func() {
		defer close(jobs)
		defer close(queue)
		for c := 0; c < nchunks; c++ {
			select {
			case queue <- outs[c]: // bounds how far the workers run ahead
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- c:
			case <-ctx.Done():
				return
			}
		}
	}()
	base := 0
	var werr error
	for o := range queue {
		select {
		case <-o.ready:
		case <-ctx.Done(): // its job may never have been sent
			if werr == nil {
				werr = ctx.Err()
			}
			continue
		}
		if werr == nil {
			if err := ctx.Err(); err != nil {
				werr = err
			} else if o.err != nil {
				werr = o.err
			} else if _, err := bw.Write(o.buf.Bytes()); err != nil {
				werr = fmt.Errorf("synth: %s: %w", path, err)
			}
			if werr != nil {
				cancel()
			}
		}
		for j, k := range o.keys {
			sum.Cultures[k.culture]++
			sum.Names += k.names
			sum.Native += k.nat
			id := fmt.Sprintf("%s:%09d", Source, base+j+1)
			oi, mine := own[id]
			for _, qi := range byFull[k.full] {
				if mine && qi == oi {
					continue
				}
				counts[qi].Full++
				if k.y0 <= qs[qi].year && qs[qi].year <= k.y1 {
					counts[qi].FullYear++
				}
			}
			for _, qi := range byGF[k.gf] {
				if mine && qi == oi {
					continue
				}
				counts[qi].GivenFamily++
				if k.y0 <= qs[qi].year && qs[qi].year <= k.y1 {
					counts[qi].GivenFamilyYear++
				}
			}
		}
		base += len(o.keys)
		o.buf = bytes.Buffer{}
		o.keys = nil
	}
	wg.Wait()
	if werr == nil && base != n {
		werr = ctx.Err()
		if werr == nil {
			werr = fmt.Errorf("synth: %s: %d of %d entries written", path, base, n)
		}
	}
	if werr != nil {
		return nil, werr
	}
	if err := bw.Flush(); err != nil {
		return nil, fmt.Errorf("synth: %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("synth: %s: %w", path, err)
	}

	if err := writeQueries(filepath.Join(dir, "queries.jsonl"), qs); err != nil {
		return nil, err
	}
	if err := writeTruth(filepath.Join(dir, "truth.csv"), qs, counts); err != nil {
		return nil, err
	}
	for i, q := range qs {
		c := counts[i]
		if q.EntryID != "" {
			if c.Full > 0 {
				sum.PosFull++
			}
			continue
		}
		if c.Full > 0 {
			sum.NegFull++
		}
		if c.FullYear > 0 {
			sum.NegFullYear++
		}
		if c.GivenFamily > 0 {
			sum.NegGivenFamily++
		}
		if c.GivenFamilyYear > 0 {
			sum.NegGivenFamilyYear++
		}
	}
	sum.Seconds = time.Since(t0).Seconds()
	b, _ := json.MarshalIndent(sum, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "summary.json"), append(b, '\n'), 0o644); err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	return sum, nil
}

// makeChunk writes entries [from, to) into o.
func makeChunk(seed uint64, from, to int, o *chunkOut) error {
	w := lists.NewWriter(&o.buf)
	o.keys = make([]entryKeys, 0, to-from)
	for i := from; i < to; i++ {
		g := generate(seed, i)
		if err := w.Write(&g.e); err != nil {
			return fmt.Errorf("synth: entry %s: %w", g.e.ID, err)
		}
		full, gf := g.p.nameKeys(g.rd.show)
		k := entryKeys{full: full, gf: gf, y0: g.years[0], y1: g.years[1], culture: g.p.cult.name, names: len(g.e.Names)}
		if k.y0 == 0 {
			k.y0, k.y1 = 1, 0 // no dates: no year agrees
		}
		for _, nm := range g.e.Names {
			if nm.Quality == lists.NameOriginalScript {
				k.nat++
			}
		}
		o.keys = append(o.keys, k)
	}
	return w.Flush()
}

func writeQueries(path string, qs []Query) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range qs {
		if err := enc.Encode(&qs[i].Query); err != nil {
			return fmt.Errorf("synth: %s: %w", path, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("synth: %s: %w", path, err)
	}
	return f.Close()
}

// TruthHeader is the header of truth.csv.
var TruthHeader = []string{"query_id", "entry_id", "culture", "changes",
	"namesakes_full", "namesakes_full_same_year", "namesakes_given_family", "namesakes_given_family_same_year"}

func writeTruth(path string, qs []Query, counts []namesakes) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	defer f.Close()
	w := csv.NewWriter(f)
	w.Write(TruthHeader)
	for i, q := range qs {
		c := counts[i]
		w.Write([]string{q.ID, q.EntryID, q.Culture, strings.Join(q.Changes, ";"),
			strconv.Itoa(c.Full), strconv.Itoa(c.FullYear), strconv.Itoa(c.GivenFamily), strconv.Itoa(c.GivenFamilyYear)})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("synth: %s: %w", path, err)
	}
	return f.Close()
}
