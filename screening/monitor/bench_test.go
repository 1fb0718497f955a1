package monitor

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
)

// The measurement of docs/monitor.md: 100,000 synthetic parties (the scale
// generator's people on no list, internal/synth), the UN update 2025-11-20
// -> 2026-05-08 with the weights kept (ghostLists), the time the Monitor
// takes to follow it on the incremental path and on the full one, and its
// memory. Behind RAQIB_EVAL=1 (it registers 100,000 parties first: about a
// minute). RAQIB_MONITOR_PARTIES sets another number of parties.
//
//	RAQIB_EVAL=1 go test -run '^$' -bench BenchmarkUpdate -benchtime 3x ./screening/monitor

// updateBench is the state the benchmarks share: a Monitor with its
// parties, the two Screeners and the updates between them.
type updateBench struct {
	m        *Monitor
	sA, sB   *screening.Screener
	ab, ba   screening.Update
	parties  []Party
	heap     uint64 // bytes the Monitor holds with its parties
	register time.Duration
}

var (
	benchOnce sync.Once
	bench     *updateBench
	benchErr  error
)

func benchParties() int {
	if n, err := strconv.Atoi(os.Getenv("RAQIB_MONITOR_PARTIES")); err == nil && n > 0 {
		return n
	}
	return 100000
}

func setupUpdateBench(b *testing.B) *updateBench {
	if !fullEval() {
		b.Skip("RAQIB_EVAL=1: registers 100,000 parties")
	}
	benchOnce.Do(func() {
		ctx := context.Background()
		before, after, _ := ghostLists(unList(b, "2025-11-20"), unList(b, "2026-05-08"))
		ub := &updateBench{}
		if ub.sA, benchErr = screening.New(ctx, screening.WithLists(before...)); benchErr != nil {
			return
		}
		if ub.sB, benchErr = screening.New(ctx, screening.WithLists(before...)); benchErr != nil {
			return
		}
		// The updates, as the Screener gives them.
		var got []screening.Update
		cancel := ub.sB.Subscribe(func(_ context.Context, u screening.Update) { got = append(got, u) })
		if benchErr = ub.sB.Replace(ctx, after, screening.Force()); benchErr != nil {
			return
		}
		cancel()
		sBA, err := screening.New(ctx, screening.WithLists(after...))
		if benchErr = err; err != nil {
			return
		}
		cancel = sBA.Subscribe(func(_ context.Context, u screening.Update) { got = append(got, u) })
		benchErr = sBA.Replace(ctx, before, screening.Force())
		cancel()
		sBA.Close()
		if benchErr != nil {
			return
		}
		ub.ab, ub.ba = got[0], got[1]
		ub.parties = synthParties(b, benchParties(), "UN")
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		if ub.m, benchErr = New(ctx, ub.sA, WithLists(before...), withTrustDelta()); benchErr != nil {
			return
		}
		start := time.Now()
		for lo := 0; lo < len(ub.parties); lo += 10000 {
			if _, benchErr = ub.m.Register(ctx, ub.parties[lo:min(lo+10000, len(ub.parties))]...); benchErr != nil {
				return
			}
		}
		ub.register = time.Since(start)
		runtime.GC()
		runtime.ReadMemStats(&m1)
		ub.heap = m1.HeapAlloc - m0.HeapAlloc
		bench = ub
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return bench
}

// follow makes the Monitor follow update u, served by s.
func (ub *updateBench) follow(s *screening.Screener, u screening.Update, p policy) *UpdateReport {
	ub.m.s = s
	ub.m.cfg.policy = p
	ub.m.onUpdate(context.Background(), u)
	return ub.m.Stats().LastUpdate
}

// BenchmarkUpdate follows the UN update with 100,000 parties registered:
// incremental (the reverse index, the lists' matcher, the forward screening
// of what they reach) and full (every party screened again). The alerts of
// the two are compared after the first.
func BenchmarkUpdate(b *testing.B) {
	ub := setupUpdateBench(b)
	b.Logf("%d parties registered (screened) in %v; the monitor holds %.1f MiB (%.0f bytes a party)",
		len(ub.parties), ub.register, float64(ub.heap)/(1<<20), float64(ub.heap)/float64(len(ub.parties)))
	for _, tc := range []struct {
		name string
		p    policy
	}{{"incremental", trustDelta}, {"full", alwaysFull}} {
		b.Run(tc.name, func(b *testing.B) {
			var rep *UpdateReport
			for n := range b.N {
				var lc *linkCensus
				if n == 0 && tc.p == trustDelta && os.Getenv("RAQIB_LINK_CENSUS") == "1" {
					lc = newLinkCensus(ub.m)
					ub.m.linkTrace = lc.add
				}
				rep = ub.follow(ub.sB, ub.ab, tc.p)
				b.StopTimer()
				if lc != nil {
					ub.m.linkTrace = nil
					lc.log(b, ub.m, ub.ab)
				}
				require.Nil(b, ub.m.err)
				want, _ := truth(b, ub.sB, ub.parties)
				if d := diffAlerts(want, alertsOf(ub.m)); d != "" {
					b.Fatalf("%s: alerts differ from a full re-screen:\n%s", tc.name, d)
				}
				ub.follow(ub.sA, ub.ba, alwaysFull) // back to the lists before
				b.StartTimer()
			}
			b.ReportMetric(float64(rep.Elapsed.Milliseconds()), "ms/update")
			b.ReportMetric(float64(rep.Screened), "screened")
			b.ReportMetric(float64(rep.Scored), "scored")
			b.Logf("%s: %d entry versions, %d linked, %d scored (%d pairs), %d screened, %d events, %v (matcher %v, linking %v, scoring %v, screening %v)",
				tc.name, rep.Entries, rep.Linked, rep.Scored, rep.Pairs, rep.Screened, rep.Events, rep.Elapsed, rep.Matcher, rep.Linking, rep.Scoring, rep.Screening)
		})
	}
}

// linkCensus counts the links of one update by the rules that made them
// (RAQIB_LINK_CENSUS=1): the measurement of what makes the reverse index
// link so many parties.
type linkCensus struct {
	pairs map[uint64]uint16 // slot<<16 | entry version -> the rules, a bit each
	// alerts, full: the parties with alerts, and with a full window,
	// before the update.
	alerts, full map[int32]bool
}

func newLinkCensus(m *Monitor) *linkCensus {
	c := &linkCensus{pairs: map[uint64]uint16{}, alerts: map[int32]bool{}, full: map[int32]bool{}}
	for _, pt := range m.parties {
		if len(pt.alerts) > 0 {
			c.alerts[pt.slot] = true
		}
		if pt.windowFull {
			c.full[pt.slot] = true
		}
	}
	return c
}

func (c *linkCensus) add(slot int32, version int, r linkRule) {
	c.pairs[uint64(slot)<<16|uint64(version)] |= 1 << r
}

// log reports, for the new versions and for the old ones, how many parties
// and (party, version) pairs each rule links, and how many it alone links.
func (c *linkCensus) log(b *testing.B, m *Monitor, u screening.Update) {
	nNew := len(u.Delta.Added)
	for _, ch := range u.Delta.Changed {
		if scoredChange(ch.Fields) {
			nNew++
		}
	}
	for _, side := range []string{"new", "old"} {
		var pairs, only [nRules]int
		parties := [nRules]map[int32]bool{}
		partiesOnly := map[int32]uint16{}
		total := 0
		for k, mask := range c.pairs {
			slot, v := int32(k>>16), int(k&0xffff)
			if (v < nNew) != (side == "new") {
				continue
			}
			total++
			partiesOnly[slot] |= mask
			for r := range nRules {
				if mask&(1<<r) == 0 {
					continue
				}
				pairs[r]++
				if parties[r] == nil {
					parties[r] = map[int32]bool{}
				}
				parties[r][slot] = true
				if mask == 1<<r {
					only[r]++
				}
			}
		}
		var alone [nRules]int
		for _, mask := range partiesOnly {
			for r := range nRules {
				if mask == 1<<r {
					alone[r]++
				}
			}
		}
		na, nf := 0, 0
		for slot := range partiesOnly {
			if c.alerts[slot] {
				na++
			}
			if c.full[slot] {
				nf++
			}
		}
		b.Logf("%s versions: %d pairs linked, %d parties (%d of the %d with alerts, %d of the %d with a full window)",
			side, total, len(partiesOnly), na, len(c.alerts), nf, len(c.full))
		for r := range nRules {
			if pairs[r] > 0 {
				b.Logf("  %-9s %7d pairs (%7d by it alone), %6d parties (%6d by it alone)", r, pairs[r], only[r], len(parties[r]), alone[r])
			}
		}
	}
}

var _ = lists.Diff
