package main

import (
	"context"
	"io"
	"testing"
)

// BenchmarkManifest screens the 300-passenger manifest (index built once,
// outside the timing): ns/op is the time for the whole manifest.
func BenchmarkManifest(b *testing.B) {
	args := []string{"-manifest", manifestJSONL, "-json"}
	ctx := context.Background()
	if code := run(ctx, args, nil, io.Discard, io.Discard); code != 0 {
		b.Fatalf("exit status %d", code)
	}
	b.ResetTimer()
	for b.Loop() {
		run(ctx, args, nil, io.Discard, io.Discard)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/manifestSize/1e3, "us/passenger")
}
