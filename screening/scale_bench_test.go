package screening

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
)

// BenchmarkScaleSet measures a synthetic set made by cmd/synthlist (its
// list.jsonl, queries.jsonl and truth.csv in RAQIB_BENCH_SET) against an
// index directory built from its list (RAQIB_BENCH_INDEX; built into a
// temporary directory first when that is empty), as docs/scale.md reports
// it (RAQIB_BENCH_WINDOW=N opens it with WithWindow(N)):
//
//	go run ./cmd/synthlist -n 1000000 -seed 1 -out /tmp/syn1m
//	go run ./examples/screen -un=false -list /tmp/syn1m/list.jsonl -build-index /tmp/idx1m
//	RAQIB_BENCH_SET=/tmp/syn1m RAQIB_BENCH_INDEX=/tmp/idx1m go test -run '^$' -bench ScaleSet -benchtime 1x -timeout 60m ./screening
//
// Each operation is one pass: open opens the index (and reports the heap it
// holds); screen screens every query once, one Screen at a time (p50, p99;
// ns/op and allocs/op are those of the whole pass); batch screens them all
// with one ScreenBatch (queries/s); quality, once over all the
// queries, the window recall (the expected entry among the candidates
// before re-scoring), the positives ranked first with hit or with any
// alert, and the negatives with any hit or alert.
func BenchmarkScaleSet(b *testing.B) {
	set := os.Getenv("RAQIB_BENCH_SET")
	if set == "" {
		b.Skip("RAQIB_BENCH_SET=DIR (a set written by cmd/synthlist) runs the scale benchmarks")
	}
	ctx := context.Background()
	dir := os.Getenv("RAQIB_BENCH_INDEX")
	if dir == "" {
		dir = filepath.Join(b.TempDir(), "index")
		_, err := BuildIndex(ctx, dir, lists.File(filepath.Join(set, "list.jsonl")))
		require.NoError(b, err)
	}
	qs, want := readSet(b, set)
	var s *Screener
	b.Run("open", func(b *testing.B) {
		for b.Loop() {
			if s != nil {
				require.NoError(b, s.Close())
			}
			runtime.GC()
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			var opts []Option
			if w := os.Getenv("RAQIB_BENCH_WINDOW"); w != "" {
				n, err := strconv.Atoi(w)
				require.NoError(b, err, "RAQIB_BENCH_WINDOW")
				opts = append(opts, WithWindow(n))
			}
			var err error
			s, err = Open(ctx, dir, opts...)
			require.NoError(b, err)
			runtime.GC()
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MiB")
		}
	})
	require.NotNil(b, s, "the open sub-benchmark opens the index the others use: keep it in -bench (ScaleSet/(open|quality))")
	defer s.Close()
	b.Run("screen", func(b *testing.B) {
		var lat []time.Duration
		b.ReportAllocs()
		for b.Loop() {
			for _, q := range qs {
				t0 := time.Now()
				if _, err := s.Screen(ctx, q); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
			}
		}
		reportLatency(b, lat)
	})
	b.Run("batch", func(b *testing.B) {
		n := 0
		t0 := time.Now()
		for b.Loop() {
			rs, err := s.ScreenBatch(ctx, qs)
			require.NoError(b, err)
			for _, r := range rs {
				require.NoError(b, r.Err)
			}
			n += len(qs)
		}
		b.ReportMetric(float64(n)/time.Since(t0).Seconds(), "queries/s")
	})
	b.Run("quality", func(b *testing.B) {
		for b.Loop() {
			st := scaleQuality(b, s, qs, want)
			b.ReportMetric(100*float64(st.inWindow)/float64(st.pos), "window-recall-%")
			b.ReportMetric(100*float64(st.posHit)/float64(st.pos), "pos-hit-%")
			b.ReportMetric(100*float64(st.posAlert)/float64(st.pos), "pos-alert-%")
			b.ReportMetric(100*float64(st.negHit)/float64(st.neg), "neg-hit-%")
			b.ReportMetric(100*float64(st.negAlert)/float64(st.neg), "neg-alert-%")
			b.ReportMetric(100*float64(st.full)/float64(len(qs)), "window-full-%")
		}
	})
}

// scaleStats counts what BenchmarkScaleSet's quality run saw.
type scaleStats struct {
	pos, neg, inWindow, posHit, posAlert, negHit, negAlert, full int
}

// scaleQuality screens every query once and counts, for the positives,
// whether the expected entry was in the window and how it was decided,
// and for the negatives whether anything alerted.
func scaleQuality(b *testing.B, s *Screener, qs []raqib.Query, want []string) scaleStats {
	ctx := context.Background()
	var st scaleStats
	snap := s.current()
	for i, q := range qs {
		res, err := s.Screen(ctx, q)
		require.NoError(b, err)
		if res.WindowFull {
			st.full++
		}
		if want[i] == "" {
			st.neg++
			for _, m := range res.Matches {
				if m.Decision == raqib.Hit {
					st.negHit++
					break
				}
			}
			if len(res.Matches) > 0 {
				st.negAlert++
			}
			continue
		}
		st.pos++
		if len(res.Matches) > 0 && res.Matches[0].EntryID == want[i] {
			st.posAlert++
			if res.Matches[0].Decision == raqib.Hit {
				st.posHit++
			}
		}
		// The window, before re-scoring.
		segs, _, nseg := snap.segments()
		var ps [2]*matcher.Prepared
		for k := range nseg {
			ps[k], err = segs[k].m.Prepare(q)
			require.NoError(b, err)
		}
		filt, err := snap.newFilter(&q)
		require.NoError(b, err)
		r := retrievals.Get().(*retrieval)
		cands, _, err := snap.retrieve(ctx, ps[:nseg], filt, s.cfg.window, r)
		require.NoError(b, err)
		if at, ok := snap.lookup(want[i]); ok && slices.Contains(cands, at) {
			st.inWindow++
		}
		r.reset()
		retrievals.Put(r)
		for k := range nseg {
			ps[k].Release()
		}
	}
	return st
}

// readSet reads the queries of a synthetic set and the entry each expects
// ("" for a negative), from queries.jsonl and truth.csv.
func readSet(b testing.TB, dir string) ([]raqib.Query, []string) {
	f, err := os.Open(filepath.Join(dir, "truth.csv"))
	require.NoError(b, err)
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	truth := map[string]string{}
	for first := true; ; first = false {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(b, err)
		if !first {
			require.GreaterOrEqual(b, len(rec), 2, "truth.csv")
			truth[rec[0]] = rec[1]
		}
	}
	qf, err := os.Open(filepath.Join(dir, "queries.jsonl"))
	require.NoError(b, err)
	defer qf.Close()
	var qs []raqib.Query
	var want []string
	sc := bufio.NewScanner(qf)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		var q raqib.Query
		require.NoError(b, json.Unmarshal(sc.Bytes(), &q), fmt.Sprintf("queries.jsonl:%d", line))
		e, ok := truth[q.ID]
		require.True(b, ok, "queries.jsonl:%d: %s is not in truth.csv", line, q.ID)
		qs = append(qs, q)
		want = append(want, e)
	}
	require.NoError(b, sc.Err())
	return qs, want
}

// BenchmarkBuildIndex builds the index of a synthetic set's list
// (RAQIB_BENCH_SET, as BenchmarkScaleSet) into a temporary directory, as
// screen -build-index does; with -cpuprofile it says where the build goes:
//
//	RAQIB_BENCH_SET=/tmp/syn100000 go test -run '^$' -bench BuildIndex -benchtime 1x -cpuprofile cpu.out ./screening
func BenchmarkBuildIndex(b *testing.B) {
	set := os.Getenv("RAQIB_BENCH_SET")
	if set == "" {
		b.Skip("RAQIB_BENCH_SET=DIR (a set written by cmd/synthlist) runs the scale benchmarks")
	}
	ctx := context.Background()
	for k := 0; b.Loop(); k++ {
		dir := filepath.Join(b.TempDir(), "index"+strconv.Itoa(k))
		_, err := BuildIndex(ctx, dir, lists.File(filepath.Join(set, "list.jsonl")))
		require.NoError(b, err)
	}
}
