package synth

import (
	"context"
	"testing"
)

func BenchmarkEntry(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = Entry(1, i)
	}
}

func BenchmarkWrite(b *testing.B) {
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Write(context.Background(), dir, 1, 20000, WithPositives(100), WithNegatives(100)); err != nil {
			b.Fatal(err)
		}
	}
}
