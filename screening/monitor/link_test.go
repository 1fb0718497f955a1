package monitor

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
	"github.com/raqib/raqib/screening"
)

// TestEvalLinkCoversRetrieval holds the reverse index to what screening
// retrieves. Some entries of a real list are moved to a source "D" of their
// own (the snapshot holds the same entries, so the same counts, weights and
// dictionary); each party, screened with the filter lists=D, has as
// candidates the D entries retrieval finds for it (Result.Candidates counts
// them). The index, asked for each D entry as if it had just been added,
// must link every party to every D entry that scores 0.5 or more for it
// (well below the review threshold), and to about as many D entries as
// retrieval finds: retrieval also meets a few entries by a collision of
// 32-bit hashes of names written as one word (package screening, dict.go),
// which score nothing.
func TestEvalLinkCoversRetrieval(t *testing.T) {
	step, n, every := 12, 300, 7
	if fullEval() {
		step, n, every = 1, 20000, 5
	}
	base := unList(t, "2026-05-08")
	for off := 0; off < every; off++ {
		if !fullEval() && off > 0 {
			break
		}
		t.Run(fmt.Sprint("every ", every, " from ", off), func(t *testing.T) {
			un, d := splitD(base, every, off)
			linkCoverage(t, un, d, yenteParties(t, step, "D"), synthParties(t, n, "D"), false)
		})
	}
}

// TestEvalLinkCoversDeltaRetrieval is TestEvalLinkCoversRetrieval after
// an incremental Replace: the D entries (one in twelve, within the tenth
// an incremental Replace takes) are added to a Screener that served the
// others, so that they sit in its delta segment, where retrieval reads
// spellings from the delta's own dictionary; the index links them through
// that dictionary (the rules an update gives the new versions of its
// delta) and must still cover retrieval.
func TestEvalLinkCoversDeltaRetrieval(t *testing.T) {
	step, n := 12, 300
	if fullEval() {
		step, n = 1, 20000
	}
	un, d := splitD(unList(t, "2026-05-08"), 12, 5)
	linkCoverage(t, un, d, yenteParties(t, step, "D"), synthParties(t, n, "D"), true)
}

// splitD moves every every-th entry of base, from off, to a list of source
// D.
func splitD(base *lists.List, every, off int) (un, d *lists.List) {
	un = &lists.List{Source: "UN", Version: base.Version}
	d = &lists.List{Source: "D", Version: base.Version}
	for i, e := range base.Entries {
		if i%every == off {
			e.ID, e.Source = "D:"+e.Ref, "D"
			d.Entries = append(d.Entries, e)
		} else {
			un.Entries = append(un.Entries, e)
		}
	}
	return un, d
}

// linkCoverage screens the parties (and parties named after a third of the
// D entries) with the filter lists=D on a Screener of un and d, and holds
// the link of each D entry, as if it had just been added, to what
// retrieval finds. With delta, the Screener first serves un alone and then
// adds d by an incremental Replace, and the D entries are linked as an
// update links the new versions of its delta segment.
func linkCoverage(t *testing.T, un, d *lists.List, yente, synthetic []Party, delta bool) {
	ctx := context.Background()
	var s *screening.Screener
	var err error
	if delta {
		s, err = screening.New(ctx, screening.WithLists(un), screening.WithMinScore(0.5), screening.WithLimit(1000))
		require.NoError(t, err)
		require.NoError(t, s.Replace(ctx, []*lists.List{un, d}))
	} else {
		s, err = screening.New(ctx, screening.WithLists(un, d), screening.WithMinScore(0.5), screening.WithLimit(1000))
		require.NoError(t, err)
	}
	defer s.Close()
	ps := append(yente, synthetic...)
	for i, e := range d.Entries {
		if i%3 == 0 && len(e.Names) > 0 {
			ps = append(ps, Party{ID: "d-" + e.ID, Query: raqib.Query{Name: e.Names[0].Full, Lists: []string{"D"}}})
		}
	}
	qs := make([]raqib.Query, len(ps))
	for i := range ps {
		qs[i] = ps[i].Query
	}
	res, err := s.ScreenBatch(ctx, qs)
	require.NoError(t, err)

	// The index of the parties, and every D entry linked.
	x := newLinkIndex()
	tok := matcher.New(nil)
	pts := make([]partyTerms, len(ps))
	for i := range ps {
		p, err := tok.Prepare(ps[i].Query)
		require.NoError(t, err)
		pts[i] = x.add(int32(i), p, &ps[i].Query)
		p.Release()
	}
	entries := func(ls ...*lists.List) []*lists.Entry {
		var out []*lists.Entry
		for _, l := range ls {
			for i := range l.Entries {
				out = append(out, &l.Entries[i])
			}
		}
		return out
	}
	var r *rules
	var dm *matcher.Matcher
	if delta {
		// The base's weights and counts, and the delta's dictionary.
		weights := matcher.New(entries(un))
		dm = matcher.New(entries(d), matcher.WithFrequenciesOf(weights))
		dict := newDictionary()
		dict.addMatcher(dm)
		r = newRules(weights.KeyDF, weights.Len(), dict)
		// The entries served are the base's and the delta's.
		served := matcherKeys(weights, nil)
		for k := range matcherKeys(dm, nil) {
			served[k] = true
		}
		r.stable = stableKeys(served, dm)
	} else {
		all := matcher.New(entries(un, d))
		dm = matcher.New(entries(d))
		dict := newDictionary()
		dict.addMatcher(all)
		// The Screener indexed the lists whole, in one segment, as
		// after a Replace that reweighs (the tighter of the two ways
		// the rules count phonetic keys).
		r = newRules(all.KeyDF, all.Len(), dict)
		r.segment = segmentPhones(all, all.KeyDF)
		r.stable = stableKeys(matcherKeys(all, nil), dm)
	}
	l := &linker{x: x, r: r,
		years: func(s int32) []int { return pts[s].years }}
	l.alone = func(s int32) int { return l.r.alone(x, pts[s], nil) }
	linked := make([]map[string]bool, len(ps))
	for k := range d.Entries {
		et := newEntryTerms(dm, k, &d.Entries[k], r.df)
		l.link(&et, func(s int32) {
			if linked[s] == nil {
				linked[s] = map[string]bool{}
			}
			linked[s][d.Entries[k].ID] = true
		})
	}
	retrieved, candidates, pairs, matches, short := 0, 0, 0, 0, 0
	for i, r := range res {
		require.NoError(t, r.Err)
		if r.Result.Candidates > 0 {
			retrieved++
		}
		candidates += r.Result.Candidates
		pairs += len(linked[i])
		if len(linked[i]) < r.Result.Candidates {
			short++
			t.Logf("party %s: retrieval finds %d D entries, the index links %d", ps[i].ID, r.Result.Candidates, len(linked[i]))
		}
		for _, m := range r.Result.Matches {
			matches++
			assert.True(t, linked[i][m.EntryID], "party %s matches %s (%.3f), which the index does not link", ps[i].ID, m.EntryID, m.Score)
		}
	}
	assert.LessOrEqual(t, short, max(2, len(ps)/500), "parties that retrieval reaches more often than the index links")
	t.Logf("%d D entries, %d parties: %d retrieve one (%d (party, entry) pairs), %d pairs score 0.5 or more; %d pairs linked",
		len(d.Entries), len(ps), retrieved, candidates, matches, pairs)
}

// TestLinkWorkers holds the linking of real updates on several goroutines
// to the linking on one: the same parties linked to each entry version, each
// once, in the same order, whatever the number of workers (run it under
// -race too). The updates are the UN list of 2025-11-20 to 2026-05-08 and
// back, both incremental: the new versions sit in the Screener's delta
// segment, and on the way back the old ones too.
func TestLinkWorkers(t *testing.T) {
	ctx := context.Background()
	s, m, old, next := followUNUpdate(t)
	ps := updateParties(t, 300)
	_, err := m.Register(ctx, ps...)
	require.NoError(t, err)
	var runs []*linkRun
	var made [][][]int32
	m.mu.Lock()
	m.cfg.workers = 3
	m.linkHook = func(lr *linkRun, linked [][]int32) {
		runs = append(runs, lr)
		made = append(made, linked)
	}
	m.mu.Unlock()
	require.NoError(t, s.Replace(ctx, []*lists.List{next}))
	require.NoError(t, s.Replace(ctx, []*lists.List{old}))
	m.mu.Lock()
	defer m.mu.Unlock()
	require.Len(t, runs, 2, "both Replaces are followed incrementally")
	for i, lr := range runs {
		one := lr.links(1)
		pairs, withLinks := 0, 0
		for k, slots := range one {
			if len(slots) > 0 {
				withLinks++
			}
			seen := map[int32]bool{}
			for _, s := range slots {
				require.False(t, seen[s], "update %d, version %d (%s): slot %d linked twice", i, k, lr.vers[k].ID, s)
				seen[s] = true
			}
			pairs += len(slots)
		}
		require.GreaterOrEqual(t, withLinks, 2, "update %d: parties are linked to several versions", i)
		for _, tc := range []struct {
			name  string
			links [][]int32
		}{
			{"the update's own, on 3 workers", made[i]},
			{"2 workers", lr.links(2)},
			{"5 workers", lr.links(5)},
			{"a worker a version", lr.links(len(lr.vers))},
		} {
			t.Run(fmt.Sprint("update ", i, ": ", tc.name), func(t *testing.T) {
				assert.Equal(t, one, tc.links)
			})
		}
		t.Logf("update %d: %d entry versions (%d linked to parties), %d (party, version) pairs linked", i, len(lr.vers), withLinks, pairs)
	}
}

// TestAloneCache holds the cache of rules.alone to the limits it is given:
// the same on every read, the limit of a party without frequent keys of its
// own (math.MaxInt) above any number of entries, and "never" (-1) below
// every one.
func TestAloneCache(t *testing.T) {
	tests := []struct {
		name  string
		limit int
		want  int
	}{
		{"never", -1, -1},
		{"no entries", 0, 0},
		{"a frequent key's entries", 37, 37},
		{"no limit", math.MaxInt, math.MaxInt32 - 2},
		{"beyond int32", math.MaxInt32 + 5, math.MaxInt32 - 2},
	}
	c := make(aloneCache, len(tests))
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			reads := 0
			read := func() int {
				reads++
				return tc.limit
			}
			for range 3 {
				assert.Equal(t, tc.want, c.get(int32(i), read))
			}
			assert.Equal(t, 1, reads, "read once")
			if tc.limit > 1<<20 {
				assert.Greater(t, c.get(int32(i), read), 1<<30, "above any number of entries")
			}
		})
	}
}

// TestUpdateWorkers: monitors that count the links of an update on one
// worker, and on three over small ranges of slots, follow the same two
// Replaces (the UN update and back, both incremental) alike: the same
// parties linked, scored and screened, the same pairs and events, and each
// party left with the same rooms and the same entries its retrieval may now
// meet.
func TestUpdateWorkers(t *testing.T) {
	ctx := context.Background()
	s, m1, old, next := followUNUpdate(t)
	ps := updateParties(t, 300)
	m3, err := New(ctx, s, WithLists(old), WithConcurrency(3))
	require.NoError(t, err)
	t.Cleanup(func() { m3.Close() })
	m1.mu.Lock()
	m1.cfg.workers = 1
	m1.mu.Unlock()
	m3.mu.Lock()
	m3.countSpan = 7 // ranges that split the parties of one version
	m3.mu.Unlock()
	for _, m := range []*Monitor{m1, m3} {
		_, err := m.Register(ctx, ps...)
		require.NoError(t, err)
	}
	for i, l := range []*lists.List{next, old} {
		require.NoError(t, s.Replace(ctx, []*lists.List{l}))
		r1, r3 := *m1.Stats().LastUpdate, *m3.Stats().LastUpdate
		require.False(t, r1.Full, "update %d is followed incrementally: %s", i, r1.Why)
		require.Positive(t, r1.Linked, "update %d links parties", i)
		for _, r := range []*UpdateReport{&r1, &r3} {
			r.Time, r.Elapsed, r.Matcher, r.Linking, r.Scoring, r.Screening = time.Time{}, 0, 0, 0, 0, 0
		}
		assert.Equal(t, r1, r3, "update %d", i)
		assert.Empty(t, diffAlerts(alertsOf(m1), alertsOf(m3)), "update %d", i)
		for id, p1 := range m1.parties {
			p3 := m3.parties[id]
			require.NotNil(t, p3, id)
			assert.Equal(t, p1.room, p3.room, "update %d, party %s: room", i, id)
			assert.Equal(t, p1.met, p3.met, "update %d, party %s: met", i, id)
			assert.Equal(t, p1.gained, p3.gained, "update %d, party %s: gained", i, id)
		}
		t.Logf("update %d: %d linked, %d scored (%d pairs), %d screened (%d for their room)",
			i, r1.Linked, r1.Scored, r1.Pairs, r1.Screened, r1.NoRoom)
	}
}

// TestSlotYears holds the linkers' table of a party's years to the years
// themselves: the same overlaps, and the years that do not fit read from the
// party.
func TestSlotYears(t *testing.T) {
	entry := []int{1959, 1960, 1961}
	tests := []struct {
		name      string
		years     []int
		elsewhere bool
		overlap   bool
	}{
		{"none", nil, false, false},
		{"one date", []int{1960, 1959, 1961}, false, true},
		{"apart", []int{1970, 1969, 1971}, false, false},
		{"the edge of the range", []int{1962, 1961, 1963}, false, true},
		{"a date's full span", []int{1954, 1955, 1956, 1957, 1958, 1953, 1959}, false, true},
		{"more than fit", []int{1950, 1951, 1952, 1953, 1954, 1955, 1956, 1961}, true, true},
		{"a year beyond int16", []int{40000, 1961}, true, true},
		{"below int16", []int{-40000}, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var y slotYears
			y.set(tc.years)
			if tc.elsewhere {
				assert.Equal(t, uint8(yearsElsewhere), y.n)
				return
			}
			require.Equal(t, len(tc.years), int(y.n))
			assert.Equal(t, tc.overlap, y.overlapsRange(entry, 1959, 1961))
			assert.Equal(t, tc.overlap, overlapsRange(tc.years, entry, 1959, 1961))
		})
	}
}

// TestLinksMeetRetrieval holds the links of a real update (UN 2025-11-20 ->
// 2026-05-08, incremental) to what the parties' retrieval meets after it:
// every new version that a party's screening meets (Result.Met, for the
// parties whose room to lose is bounded) is linked to it. And it holds the
// two ways the links keep to what retrieval reads: the phonetic counts of
// the delta segment its new versions sit in, and no frequent key read alone
// for a party whose last screening left room to gain (it found something
// else) — without them the same update links more, and nothing retrieval
// meets that they do not.
func TestLinksMeetRetrieval(t *testing.T) {
	ctx := context.Background()
	s, m, old, next := followUNUpdate(t)
	ps := updateParties(t, 1500)
	// A name of one word, each word of the names of the entries the update
	// adds: a common one finds nothing else, and its retrieval reads the
	// word's key alone.
	had := map[string]bool{}
	for _, e := range old.Entries {
		had[e.ID] = true
	}
	words := map[string]bool{}
	for _, e := range next.Entries {
		if had[e.ID] {
			continue
		}
		for _, n := range e.Names {
			for _, w := range strings.Fields(n.Full) {
				if w = strings.Trim(w, ",.()"); len(w) >= 3 && !words[w] {
					words[w] = true
					ps = append(ps, Party{ID: "word-" + w, Query: raqib.Query{Name: w}})
				}
			}
		}
	}
	_, err := m.Register(ctx, ps...)
	require.NoError(t, err)
	var lr *linkRun
	var made [][]int32
	m.mu.Lock()
	m.linkHook = func(r *linkRun, linked [][]int32) { lr, made = r, linked }
	m.mu.Unlock()
	var u screening.Update
	cancel := s.Subscribe(func(_ context.Context, up screening.Update) { u = up })
	require.NoError(t, s.Replace(ctx, []*lists.List{next}))
	cancel()
	require.NotNil(t, lr, "the Replace is followed incrementally")
	nNew := newVersions(&u.Delta)
	newVersion := map[string]int{}
	for k, e := range lr.vers[:nNew] {
		newVersion[e.ID] = k
	}

	m.mu.Lock()
	defer m.mu.Unlock()
	linked := func(links []int32, slot int32) bool {
		_, ok := slices.BinarySearch(links, slot)
		return ok
	}
	qs := make([]raqib.Query, len(ps))
	for i := range ps {
		qs[i] = ps[i].Query
	}
	res, err := s.ScreenBatch(screening.WithMet(ctx), qs)
	require.NoError(t, err)
	// What retrieval meets of a party whose room to lose is not bounded
	// (Met is nil): the candidates a Screener indexed as s is (the same
	// Replace) reports as matches when it reports every score.
	all, err := screening.New(ctx, screening.WithLists(old), screening.WithMinScore(0), screening.WithLimit(screening.DefaultWindow))
	require.NoError(t, err)
	t.Cleanup(func() { all.Close() })
	require.NoError(t, all.Replace(ctx, []*lists.List{next}))
	every, err := all.ScreenBatch(ctx, qs)
	require.NoError(t, err)
	checked, unbounded := 0, 0
	for i, r := range res {
		require.NoError(t, r.Err)
		require.NoError(t, every[i].Err)
		slot := m.parties[ps[i].ID].slot
		met := r.Result.Met
		if met == nil {
			for _, mt := range every[i].Result.Matches {
				met = append(met, mt.EntryID)
			}
			if len(met) > 0 {
				unbounded++
			}
		}
		for _, id := range met {
			if k, ok := newVersion[id]; ok {
				checked++
				assert.True(t, linked(made[k], slot), "party %s meets %s, which the update did not link to it", ps[i].ID, id)
			}
		}
	}
	// (Under -race, the parties are a fifth and the lists one regime's.)
	least := 100
	if raceEnabled {
		least = 20
	}
	require.Greater(t, checked, least, "(party, new version) pairs retrieval meets")
	require.Greater(t, unbounded, least, "parties whose room to lose is not bounded, checked by their matches")
	alone := 0
	for k := range nNew {
		for _, slot := range made[k] {
			if pt := lr.slots[slot]; strings.HasPrefix(pt.id, "word-") && pt.room.gain == 0 {
				alone++
			}
		}
	}
	require.Greater(t, alone, least/10, "links of one-word names that found nothing else")

	// The same update linked without either restriction.
	count := func(links [][]int32) (n int) {
		for k := range nNew {
			n += len(links[k])
		}
		return n
	}
	rooms := make([]room, len(lr.slots))
	for s, pt := range lr.slots {
		if pt != nil {
			rooms[s], pt.room = pt.room, roomUnknown
		}
	}
	noRoom := lr.links(2)
	segs := map[*rules]*phoneStats{}
	for _, r := range lr.rules {
		if r.segment != nil && r != lr.after {
			segs[r] = r.segment
			r.segment = nil
		}
	}
	loose := lr.links(2)
	for r, seg := range segs {
		r.segment = seg
	}
	for s, pt := range lr.slots {
		if pt != nil {
			pt.room = rooms[s]
		}
	}
	for k := range nNew {
		for _, slot := range made[k] {
			require.True(t, linked(noRoom[k], slot) && linked(loose[k], slot), "version %s: slot %d linked only with the restrictions", lr.vers[k].ID, slot)
		}
	}
	t.Logf("%d pairs met by retrieval; new versions linked: %d, %d without the rooms, %d without the delta's phonetic counts either", checked, count(made), count(noRoom), count(loose))
	assert.Less(t, count(made), count(noRoom), "the rooms spare links")
	if !raceEnabled { // one regime's versions need no phonetic key left out
		assert.Less(t, count(noRoom), count(loose), "the delta segment's phonetic counts spare links")
	}
}

// TestPaired holds entryTerms.paired to retrieval's pairs of frequent keys:
// two keys a party reaches pair only when one name form of the entry holds
// both, and the keys from the 64th on, which share a bit, pair with each
// other whatever their forms (a link too many, never one too few).
func TestPaired(t *testing.T) {
	forms := func(fs ...[]int) []uint64 {
		var out []uint64
		for _, f := range fs {
			var b uint64
			for _, k := range f {
				b |= keyBit(k)
			}
			out = append(out, b)
		}
		return out
	}
	reach := func(ks ...int) *freqReach {
		f := &freqReach{}
		for _, k := range ks {
			f.keys |= keyBit(k)
		}
		return f
	}
	tests := []struct {
		name  string
		forms []uint64
		f     *freqReach
		want  bool
	}{
		{"both in one form", forms([]int{0, 1, 2}), reach(0, 2), true},
		{"each in another form", forms([]int{0, 1}, []int{2, 3}), reach(0, 2), false},
		{"one key reached", forms([]int{0, 1}), reach(1), false},
		{"no form of two keys", nil, reach(0, 1), false},
		{"two of three in the second form", forms([]int{0, 4}, []int{1, 2, 3}), reach(0, 2, 3), true},
		{"keys beyond the 63rd", forms([]int{0, 70}), reach(64), true},
		{"the 63rd and the 64th", forms([]int{63, 64}), reach(63), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			et := &entryTerms{forms: tc.forms}
			assert.Equal(t, tc.want, et.paired(tc.f))
		})
	}
}
