package monitor

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
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
			var cpu time.Duration
			for n := range b.N {
				var lc *linkCensus
				if n == 0 && tc.p == trustDelta && os.Getenv("RAQIB_LINK_CENSUS") == "1" {
					lc = newLinkCensus(ub.m)
					ub.m.linkTrace = lc.add
				}
				cpu0 := cpuTime()
				rep = ub.follow(ub.sB, ub.ab, tc.p)
				cpu = cpuTime() - cpu0
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
			reportUpdate(b, tc.name, rep, cpu)
		})
	}
}

// reportUpdate reports what following one update took.
func reportUpdate(b *testing.B, name string, rep *UpdateReport, cpu time.Duration) {
	b.ReportMetric(float64(rep.Elapsed.Milliseconds()), "ms/update")
	b.ReportMetric(float64(cpu.Milliseconds()), "cpu-ms/update")
	b.ReportMetric(float64(rep.Screened), "screened")
	b.ReportMetric(float64(rep.Scored), "scored")
	b.Logf("%s: %d entry versions, %d linked, %d scored (%d pairs), %d screened (%d for their room), %d events, %v, CPU %v (matcher %v, linking %v, scoring %v, screening %v)",
		name, rep.Entries, rep.Linked, rep.Scored, rep.Pairs, rep.Screened, rep.NoRoom, rep.Events, rep.Elapsed.Round(time.Millisecond), cpu.Round(time.Millisecond),
		rep.Matcher.Round(time.Millisecond), rep.Linking.Round(time.Millisecond), rep.Scoring.Round(time.Millisecond), rep.Screening.Round(time.Millisecond))
}

// updateProfile starts a CPU profile of the incremental update alone
// into the file RAQIB_UPDATE_CPUPROFILE names (go test's -cpuprofile also
// holds the setup and the full re-screen), that of round n > 0 into the
// name followed by "." and n; it returns what stops it.
func updateProfile(b *testing.B, round int) (stop func()) {
	path := os.Getenv("RAQIB_UPDATE_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	if round > 0 {
		path = fmt.Sprintf("%s.%d", path, round)
	}
	f, err := os.Create(path)
	require.NoError(b, err)
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		b.Logf("no profile of the update: %v", err) // go test's -cpuprofile runs
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		require.NoError(b, f.Close())
	}
}

// realBench is the state of BenchmarkUpdateReal: a Screener serving UN
// 2025-11-20 and a Monitor following it, with the parties registered.
type realBench struct {
	m         *Monitor
	s         *screening.Screener
	old, next *lists.List
	parties   []Party
	heap      uint64        // bytes the Monitor holds with its parties
	register  time.Duration // what registering the parties took
	followed  bool          // m followed an update (and its reverse)
}

var (
	realOnce sync.Once
	realB    *realBench
	realErr  error
)

func setupRealBench(b *testing.B) *realBench {
	if !fullEval() {
		b.Skip("RAQIB_EVAL=1: registers 100,000 parties")
	}
	realOnce.Do(func() {
		ctx := context.Background()
		rb := &realBench{old: unList(b, "2025-11-20"), next: unList(b, "2026-05-08")}
		if rb.s, realErr = screening.New(ctx, screening.WithLists(rb.old)); realErr != nil {
			return
		}
		rb.parties = synthParties(b, benchParties(), "")
		if realErr = rb.fresh(ctx); realErr == nil {
			realB = rb
		}
	})
	if realErr != nil {
		b.Fatal(realErr)
	}
	return realB
}

// fresh replaces rb.m by a new Monitor of the Screener, which must serve
// UN 2025-11-20, with the parties registered, and measures what it holds.
func (rb *realBench) fresh(ctx context.Context) error {
	if rb.m != nil {
		if err := rb.m.Close(); err != nil {
			return err
		}
		rb.m = nil
	}
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	start := time.Now()
	m, err := New(ctx, rb.s, WithLists(rb.old))
	if err != nil {
		return err
	}
	for lo := 0; lo < len(rb.parties); lo += 10000 {
		if _, err := m.Register(ctx, rb.parties[lo:min(lo+10000, len(rb.parties))]...); err != nil {
			m.Close()
			return err
		}
	}
	rb.register = time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&m1)
	rb.m, rb.heap, rb.followed = m, m1.HeapAlloc-m0.HeapAlloc, false
	return nil
}

// BenchmarkUpdateReal follows the same UN update as a service meets it: the
// Screener replaces UN 2025-11-20 by 2026-05-08 incrementally (its weights
// kept, no ghost lists, no withTrustDelta) and the Monitor follows on its
// incremental path; then, back to back on the same snapshot, every party is
// screened again as the full path does. The incremental path's alerts are
// compared with a full re-screen.
//
// Each round is the same work: it starts from a Monitor made anew with the
// parties registered against UN 2025-11-20 (a Monitor that followed the
// update and its reverse holds other rooms, and screens other parties). The
// machine's speed moves from minute to minute, so each round's update is
// compared with the full re-screen that follows it at once, and the ratios
// reported are the median and the least of the rounds' (-benchtime 5x;
// go test runs one round before the five, on a Monitor of its own).
func BenchmarkUpdateReal(b *testing.B) {
	rb := setupRealBench(b)
	b.Logf("%d parties registered in %v; the monitor holds %.1f MiB (%.0f bytes a party)",
		len(rb.parties), rb.register.Round(time.Millisecond), float64(rb.heap)/(1<<20), float64(rb.heap)/float64(len(rb.parties)))
	ctx := context.Background()
	var inc, full *UpdateReport
	var incCPU, fullCPU time.Duration
	var incGC, fullGC uint32 // garbage collections during each
	var ms runtime.MemStats
	var wallX, cpuX, incMS, incCPUMS []float64 // each round's
	for n := range b.N {
		if rb.followed {
			b.StopTimer()
			require.NoError(b, rb.fresh(ctx))
			b.StartTimer()
		}
		rb.followed = true
		var lc *linkCensus
		if n == 0 && os.Getenv("RAQIB_LINK_CENSUS") == "1" {
			lc = newLinkCensus(rb.m)
			rb.m.linkTrace = lc.add
		}
		var u screening.Update
		cancel := rb.s.Subscribe(func(_ context.Context, up screening.Update) { u = up })
		runtime.ReadMemStats(&ms)
		gc0 := ms.NumGC
		stop := updateProfile(b, n)
		cpu0 := cpuTime()
		require.NoError(b, rb.s.Replace(ctx, []*lists.List{rb.next}))
		incCPU = cpuTime() - cpu0
		stop()
		runtime.ReadMemStats(&ms)
		incGC = ms.NumGC - gc0
		cancel()
		if lc != nil {
			rb.m.linkTrace = nil
			lc.log(b, rb.m, u)
		}
		inc = rb.m.Stats().LastUpdate
		b.StopTimer()
		require.Nil(b, rb.m.err)
		require.False(b, inc.Full, "the Replace is followed incrementally: %s", inc.Why)
		if n == 0 {
			want, _ := truth(b, rb.s, rb.parties)
			if d := diffAlerts(want, alertsOf(rb.m)); d != "" {
				b.Fatalf("alerts differ from a full re-screen:\n%s", d)
			}
		}
		// The full path on the same snapshot: every party screened again.
		full = &UpdateReport{Full: true}
		runtime.ReadMemStats(&ms)
		gc0 = ms.NumGC
		cpu0 = cpuTime()
		start := time.Now()
		rb.m.mu.Lock()
		err := rb.m.rescreenAll(rb.m.ctx, CauseLists, rb.m.lists, full)
		rb.m.mu.Unlock()
		full.Elapsed = time.Since(start)
		fullCPU = cpuTime() - cpu0
		runtime.ReadMemStats(&ms)
		fullGC = ms.NumGC - gc0
		require.NoError(b, err)
		require.Zero(b, full.Events, "a full re-screen after the incremental one changes nothing")
		require.NoError(b, rb.s.Replace(ctx, []*lists.List{rb.old})) // back to the lists before
		b.StartTimer()
		wallX = append(wallX, float64(full.Elapsed)/float64(inc.Elapsed))
		cpuX = append(cpuX, float64(fullCPU)/float64(incCPU))
		incMS = append(incMS, float64(inc.Elapsed.Microseconds())/1000)
		incCPUMS = append(incCPUMS, float64(incCPU.Microseconds())/1000)
		b.Logf("round %d: incremental %v (CPU %v), full %v (CPU %v): %.1fx faster (CPU %.1fx); garbage collections: incremental %d, full %d",
			n+1, inc.Elapsed.Round(time.Millisecond), incCPU.Round(time.Millisecond), full.Elapsed.Round(time.Millisecond),
			fullCPU.Round(time.Millisecond), wallX[n], cpuX[n], incGC, fullGC)
	}
	reportUpdate(b, "real incremental (last round)", inc, incCPU)
	b.ReportMetric(median(incMS), "ms/update")
	b.ReportMetric(median(incCPUMS), "cpu-ms/update")
	b.ReportMetric(median(wallX), "x-faster")
	b.ReportMetric(slices.Min(wallX), "x-faster-least")
	b.ReportMetric(median(cpuX), "x-faster-cpu")
	b.Logf("real full (last round): %d screened; over %d rounds the incremental path was %.1fx faster in wall time (median; least %.1fx), %.1fx in CPU (least %.1fx)",
		full.Screened, len(wallX), median(wallX), slices.Min(wallX), median(cpuX), slices.Min(cpuX))
}

// median returns the median of xs (the mean of the middle two of an even
// number), which must not be empty.
func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
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
	nNew := newVersions(&u.Delta)
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

// BenchmarkPrepareParties measures what keeping the parties prepared
// between updates would cost, and save: the time to prepare a synthetic
// party with a Bound of the UN list's matcher (the scoring step prepares
// every party it scores, once an update), and the memory the prepared
// parties hold (their matcher.Prepared, after a GC). 20,000 parties
// unless RAQIB_MONITOR_PARTIES says otherwise.
//
//	go test -run '^$' -bench BenchmarkPrepareParties -benchtime 1x ./screening/monitor
func BenchmarkPrepareParties(b *testing.B) {
	n := 20000
	if os.Getenv("RAQIB_MONITOR_PARTIES") != "" {
		n = benchParties()
	}
	ps := synthParties(b, n, "")
	l := unList(b, "2026-05-08")
	es := make([]*lists.Entry, len(l.Entries))
	for i := range l.Entries {
		es[i] = &l.Entries[i]
	}
	sc := &scorer{m: matcher.New(es)}
	b.ResetTimer()
	for range b.N {
		bd := sc.m.NewBound()
		held := make([]*matcher.Prepared, 0, len(ps))
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		cpu0 := cpuTime()
		start := time.Now()
		for i := range ps {
			p, err := bd.Prepare(ps[i].Query)
			require.NoError(b, err)
			p.Release()
			held = append(held, p)
		}
		elapsed, cpu := time.Since(start), cpuTime()-cpu0
		bd = nil
		runtime.GC()
		runtime.ReadMemStats(&m1)
		b.ReportMetric(float64(elapsed.Nanoseconds())/float64(len(ps)), "ns/party")
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(len(ps)), "cpu-ns/party")
		b.ReportMetric(float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/float64(len(ps)), "held-B/party")
		runtime.KeepAlive(held)
		held = nil

		// What the Monitor keeps instead (matcher.Keeper): the parties as
		// the empty matcher of registration prepared them, kept, then
		// restored for the scorer — twice, as two updates do (the first
		// restore refreshes the forms' weights for the scorer's
		// frequencies, the second only looks the tokens up).
		tok := matcher.New(nil)
		runtime.GC()
		runtime.ReadMemStats(&m0)
		k := matcher.NewKeeper()
		kept := make([]*matcher.Kept, len(ps))
		for i := range ps {
			p, err := tok.Prepare(ps[i].Query)
			require.NoError(b, err)
			kept[i], _ = k.Keep(tok, p)
			p.Release()
		}
		runtime.GC()
		runtime.ReadMemStats(&m1)
		b.ReportMetric(float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/float64(len(ps)), "kept-B/party")
		for round := range 2 {
			cpu0 = cpuTime()
			bnd := k.Bind(sc.m)
			for i := range ps {
				p, fresh := bnd.Restore(ps[i].Query, kept[i])
				if fresh != nil {
					kept[i] = fresh
				}
				p.Release()
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(len(ps)), fmt.Sprintf("restore%d-cpu-ns/party", round+1))
		}
		b.ReportMetric(float64(k.Tokens()), "kept-tokens")
		runtime.KeepAlive(kept)
	}
}

// BenchmarkLink measures the linking of a real update alone: the UN update
// 2025-11-20 -> 2026-05-08 as a service meets it (an incremental Replace),
// with 100,000 synthetic parties registered (RAQIB_MONITOR_PARTIES sets
// another number), its entry versions linked on 1 and on 2 workers. The
// wall and CPU times of the two say what the workers save, and cost.
// Behind RAQIB_EVAL=1.
//
//	RAQIB_EVAL=1 go test -run '^$' -bench BenchmarkLink -benchtime 10x ./screening/monitor
func BenchmarkLink(b *testing.B) {
	if !fullEval() {
		b.Skip("RAQIB_EVAL=1: registers 100,000 parties")
	}
	ctx := context.Background()
	old, next := unList(b, "2025-11-20"), unList(b, "2026-05-08")
	s, err := screening.New(ctx, screening.WithLists(old))
	require.NoError(b, err)
	defer s.Close()
	m, err := New(ctx, s, WithLists(old))
	require.NoError(b, err)
	defer m.Close()
	ps := synthParties(b, benchParties(), "")
	for lo := 0; lo < len(ps); lo += 10000 {
		_, err := m.Register(ctx, ps[lo:min(lo+10000, len(ps))]...)
		require.NoError(b, err)
	}
	var lr *linkRun
	var want [][]int32
	m.mu.Lock()
	m.linkHook = func(r *linkRun, linked [][]int32) { lr, want = r, linked }
	m.mu.Unlock()
	require.NoError(b, s.Replace(ctx, []*lists.List{next}))
	require.NotNil(b, lr, "the Replace is followed incrementally")
	pairs := 0
	for _, l := range want {
		pairs += len(l)
	}
	b.Logf("%d parties, %d entry versions, %d (party, version) pairs linked", len(ps), len(lr.vers), pairs)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprint(workers, " workers"), func(b *testing.B) {
			var got [][]int32
			cpu0 := cpuTime()
			for range b.N {
				got = lr.links(workers)
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			b.StopTimer()
			require.Equal(b, want, got)
		})
	}
}
