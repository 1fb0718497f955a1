package biometric

import (
	"flag"
	"slices"
	"strings"
	"testing"
	"time"
)

var epoch = time.Now()

func nanotime() int64 { return int64(time.Since(epoch)) }

func percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

// benchNamed reports whether -test.bench names b explicitly (not "." or a wildcard).
func benchNamed(b *testing.B) bool {
	f := flag.Lookup("test.bench")
	if f == nil {
		return false
	}
	pat := f.Value.String()
	name := strings.TrimPrefix(b.Name(), "Benchmark")
	return strings.Contains(pat, name)
}
