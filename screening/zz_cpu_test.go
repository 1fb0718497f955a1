package screening

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestZZCPU(t *testing.T) {
	if os.Getenv("ZZCPU") == "" {
		t.Skip()
	}
	s := screener(t)
	ctx := context.Background()
	for _, set := range []string{"positives_un_untreated.csv", "negatives_global.csv"} {
		rows := readYente(t, set)
		if len(rows) > 5000 {
			rows = rows[:5000]
		}
		for _, r := range rows[:200] {
			s.Screen(ctx, r.query(""))
		}
		c0 := cpuTime()
		for _, r := range rows {
			if _, err := s.Screen(ctx, r.query("")); err != nil {
				t.Fatal(err)
			}
		}
		d := cpuTime() - c0
		t.Logf("%s: %d queries, %.1f CPU-µs/query", set, len(rows), float64(d.Microseconds())/float64(len(rows)))
	}
}

// zzLoop screens the rows; callgrind counts its instructions alone
// (--toggle-collect).
//
//go:noinline
func zzLoop(s *Screener, qs []yenteRow) {
	ctx := context.Background()
	for _, r := range qs {
		s.Screen(ctx, r.query(""))
	}
}

func TestZZInstr(t *testing.T) {
	if os.Getenv("ZZINSTR") == "" {
		t.Skip()
	}
	s := screener(t)
	rows := readYente(t, os.Getenv("ZZINSTR"))
	rows = rows[:min(300, len(rows))]
	zzLoop(s, rows[:20]) // warm
	zzLoop(s, rows)
}
