package screening

import (
	"context"
	"fmt"
	"github.com/raqib/raqib"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
)

// The speed figures of the README: the full embedded UN list, the 683
// untreated yente positives (name, birth date, nationality) screened in a loop.

func benchQueries(b testing.TB) []raqib.Query {
	rows := readYente(b, "positives_un_untreated.csv")
	qs := make([]raqib.Query, len(rows))
	for i, r := range rows {
		qs[i] = r.query(fmt.Sprint(i))
	}
	return qs
}

// BenchmarkBuild measures building the index of the embedded list, and the
// heap it holds afterwards.
func BenchmarkBuild(b *testing.B) {
	l, err := lists.Default()
	require.NoError(b, err)
	ctx := context.Background()
	var s *Screener
	for b.Loop() {
		s, err = New(ctx, WithLists(l))
		require.NoError(b, err)
	}
	b.StopTimer()
	s = nil
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	s, err = New(ctx, WithLists(l))
	require.NoError(b, err)
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MiB")
	runtime.KeepAlive(s)
}

// BenchmarkScreen screens one query at a time and reports the p50 and p99
// latency of a single Screen.
func BenchmarkScreen(b *testing.B) {
	s := screener(b)
	qs := benchQueries(b)
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	i := 0
	for b.Loop() {
		t0 := time.Now()
		if _, err := s.Screen(ctx, qs[i%len(qs)]); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
		i++
	}
	reportLatency(b, lat)
}

// BenchmarkScreenBatch screens the 683 queries as one batch per iteration and
// reports queries per second.
func BenchmarkScreenBatch(b *testing.B) {
	s := screener(b)
	qs := benchQueries(b)
	ctx := context.Background()
	n := 0
	start := time.Now()
	for b.Loop() {
		if _, err := s.ScreenBatch(ctx, qs); err != nil {
			b.Fatal(err)
		}
		n += len(qs)
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "queries/s")
}

// reportLatency reports the median and 99th percentile of lat.
func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}
