package monitor

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	mathbits "math/bits"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
	"github.com/raqib/raqib/screening"
	"github.com/raqib/raqib/screening/audit"
)

// scoreMargin is how far below the review threshold a party's score
// against a changed entry may be and the party still be screened forward:
// room for the drift of the weights between the lists' own matcher, which
// scores the candidates here, and the Screener's serving weights.
const scoreMargin = 0.05

// screenChunk is how many parties are screened, and their events written,
// at a time.
const screenChunk = 2048

// unscored are the fields of an entry that screening reads neither to
// retrieve nor to score an entry, nor to filter it: a change in them alone
// changes no score (TestUnscoredFields holds the Screener to it).
var unscored = map[string]bool{
	"list_version": true, "programs": true, "titles": true, "designations": true, "addresses": true,
	"listed_on": true, "remarks": true, "interpol_link": true, "cross_refs": true, "raw": true,
}

// scoredChange reports whether a change of these fields may change scores.
func scoredChange(fields []string) bool {
	for _, f := range fields {
		if !unscored[f] {
			return true
		}
	}
	return false
}

func defaultWorkers() int { return runtime.GOMAXPROCS(0) }

// onUpdate follows one Replace of the Screener.
func (m *Monitor) onUpdate(_ context.Context, u screening.Update) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.usable() != nil {
		return
	}
	start := time.Now()
	rep := &UpdateReport{Time: start.UTC(), Before: versions(u.Before), After: versions(u.After)}
	if m.view != nil && !u.Reweighed && m.weights == nil && m.cfg.policy != alwaysFull {
		// The Screener kept its weights (an incremental Replace): those of
		// the lists it was last indexed from, the lists before this change.
		m.setBase()
	}
	if u.Reweighed {
		m.weights, m.base, m.baseSorted = nil, nil, nil // the lists after this change are the next base
		m.sinceBase, m.dicts = nil, segmentDicts{}
	}
	if m.view != nil {
		if err := m.view.apply(&u); err != nil {
			// The view no longer follows the Screener: from now on every
			// change re-screens everyone.
			m.view = nil
			rep.Why = err.Error()
		}
	}
	m.deltaBefore, m.delta = m.delta, nil
	if m.view != nil && m.base != nil {
		m.delta = m.deltaEntries(&u)
	}
	full, why := m.choose(&u)
	if rep.Why == "" {
		rep.Why = why
	}
	// The re-screen is the Monitor's, not the caller's: it goes on when the
	// caller of Replace gives up, and stops only at Close.
	ctx := m.ctx
	var err error
	if full {
		rep.Full = true
		err = m.rescreenAll(ctx, CauseLists, rep.Before, rep)
	} else {
		err = m.rescreenDelta(ctx, &u, rep)
	}
	if err == nil {
		err = m.setLists(rep.After)
	}
	if err == nil && u.Reweighed && rep.Full && m.view != nil && m.cfg.policy != alwaysFull {
		// The lists after a reweighing are the base of the incremental
		// Replaces that follow: their matcher is made now, beside the full
		// re-screen, not in the first update that needs it.
		m.setBase()
	}
	rep.Elapsed = time.Since(start)
	m.rw.Lock()
	m.last = rep
	m.rw.Unlock()
	if err != nil && m.err == nil && !errors.Is(err, context.Canceled) {
		m.err = err
	}
}

// choose says whether an update re-screens every party, and why.
func (m *Monitor) choose(u *screening.Update) (bool, string) {
	switch {
	case m.cfg.policy == alwaysFull:
		return true, "every change re-screens every party (WithFullRescreen)"
	case m.view == nil:
		return true, "the monitor was not given the lists (WithLists)"
	case u.Reweighed && m.cfg.policy != trustDelta:
		return true, "the token weights changed with the lists: every score may have moved"
	case !slices.Equal(m.lists, versions(u.Before)):
		return true, "the alerts were not found on the lists replaced"
	}
	return false, ""
}

// setLists records that the alerts are those of lists lv.
func (m *Monitor) setLists(lv []ListVersion) error {
	m.rw.Lock()
	m.lists = lv
	m.rw.Unlock()
	return m.commit([]record{{Op: opLists, Lists: m.listState()}}, nil)
}

func (m *Monitor) listState() *listsState {
	review, hit := m.s.Thresholds()
	return &listsState{Lists: m.lists, Review: review, Hit: hit, Library: audit.LibraryVersion()}
}

// rescreenAll screens every party again.
func (m *Monitor) rescreenAll(ctx context.Context, cause Cause, before []ListVersion, rep *UpdateReport) error {
	ids := sortedKeys(m.parties)
	pts := make([]*party, len(ids))
	for i, id := range ids {
		pts[i] = m.parties[id]
	}
	return m.screen(ctx, pts, cause, before, rep)
}

// screen screens pts forward, a chunk at a time, and commits the events.
func (m *Monitor) screen(ctx context.Context, pts []*party, cause Cause, before []ListVersion, rep *UpdateReport) error {
	for lo := 0; lo < len(pts); lo += screenChunk {
		chunk := pts[lo:min(lo+screenChunk, len(pts))]
		qs := make([]raqib.Query, len(chunk))
		for i, pt := range chunk {
			qs[i] = pt.q
		}
		res, err := m.s.ScreenBatch(screening.WithMet(ctx), qs)
		if err != nil {
			return err
		}
		var recs []record
		var evs []Event
		for i, pt := range chunk {
			rep.Screened++
			r := res[i]
			if r.Err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				rep.Failed++
				if code := errCode(r.Err); code != pt.failed {
					pt.failed = code
					evs = append(evs, Event{Time: time.Now().UTC(), Kind: Failed, Cause: cause, Party: pt.id,
						Before: before, After: versions(m.s.Lists()), Error: code})
				}
				continue
			}
			pt.failed = ""
			pt.setRoom(r.Result)
			evs = append(evs, m.diff(pt, r.Result, cause, before)...)
			if full := r.Result.WindowFull; full != pt.windowFull {
				pt.windowFull = full
				recs = append(recs, record{Op: opWindow, ID: pt.id, Flag: full})
			}
		}
		rep.Events += len(evs)
		if err := m.commit(recs, evs); err != nil {
			return err
		}
	}
	return nil
}

// rescreenDelta screens forward only the parties that the change of u may
// affect (see the package documentation):
//
//   - every party with an alert on an entry removed or changed;
//   - every party the reverse index links to an entry version that changed
//     scoring (added, removed, or changed in a field screening reads, each
//     version as it was and as it is) and that had a full window or a
//     failed screening, or has alerts and biometrics: for them the change
//     may move the other candidates too;
//   - every party with alerts linked to more new versions, or old ones,
//     than its room to gain, or to lose (screening.Result.RoomToGain and
//     RoomToLose, less the versions linked since it was screened), and
//     every party without linked to more old versions than its room to
//     lose: the change may let its retrieval read otherwise;
//   - every other party linked to an added or changed entry that its filter
//     keeps and that the lists' matcher scores at the review threshold or
//     within scoreMargin of it (or that shares biometrics with it).
func (m *Monitor) rescreenDelta(ctx context.Context, u *screening.Update, rep *UpdateReport) error {
	d := &u.Delta
	var vers []*lists.Entry // the new versions, then the old ones
	touched := map[string]bool{}
	for i := range d.Added {
		vers = append(vers, &d.Added[i])
	}
	for _, c := range d.Changed {
		// An entry changed only in what screening does not read stays
		// indexed in the Screener as it was (screening's incremental
		// Replace keeps it; a reindex reweighs, and takes the full path):
		// its alerts keep their scores, and a full re-screen keeps them
		// as they are.
		if scoredChange(c.Fields) {
			touched[c.ID] = true
			vers = append(vers, c.New)
		}
	}
	nNew := len(vers)
	for i := range d.Removed {
		touched[d.Removed[i].ID] = true
		vers = append(vers, &d.Removed[i])
	}
	for _, c := range d.Changed {
		if scoredChange(c.Fields) {
			vers = append(vers, c.Old)
		}
	}
	rep.Entries = len(vers)
	cand := make([]bool, len(m.slots))
	for id := range touched {
		for pid := range m.byEntry[id] {
			cand[m.parties[pid].slot] = true
		}
	}
	// The hashes of the versions' IDs (metSet), and the old versions that
	// count as lost for every party linked to them, whatever it met: those
	// of a segment whose dictionary the update rebuilds (the delta of the
	// update before, or every entry when the lists are indexed whole), where
	// an entry lost may change which spellings retrieval reads. (The base's
	// dictionary and postings stay as they were: an entry lost there is
	// hidden, its postings still counted, and retrieval reads for the
	// others what it read, unless it met the entry.)
	verHash := make([]uint32, len(vers))
	lostAll := make([]bool, len(vers))
	for k, e := range vers {
		verHash[k] = metHash(e.ID)
		lostAll[k] = k >= nNew // until the old versions are known to sit in the base
	}
	var bound chan *matcher.Binding
	var sc *scorer
	var linked [][]int32 // by version, the slots of the parties linked to it
	t0 := time.Now()
	if len(vers) > 0 {
		// The weights the Screener scores with: those of the base (an
		// incremental Replace keeps them), or, after a reweighing (the
		// tests' withTrustDelta), those of the lists served.
		w, served := m.weights, m.delta
		if w == nil {
			w = matcher.New(m.view.sorted())
		}
		// What follows is made on goroutines of its own where it is
		// independent:
		//
		//   - the entry versions, weighed as the Screener weighs them: the
		//     scorer of the new ones, as the Screener's delta segment scores
		//     them (a matcher of the entries it changed, with the base's
		//     frequencies), and what the links read of each;
		//   - the entries of the Screener's delta segment (dmDelta), and the
		//     dictionary of their tokens;
		//   - the dictionary of the base's tokens, and that of the delta
		//     segment of the update before (both kept between updates,
		//     m.dicts);
		//   - the keys of the tokens of the base's entries served as they are.
		var dm, dmDelta *matcher.Matcher
		var deltaDict, baseDict, beforeDict *dictionary
		var servedBase map[string]bool
		incremental := !u.Reweighed && m.base != nil && m.delta != nil
		var wg sync.WaitGroup
		do := func(fn func()) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				fn()
			}()
		}
		do(func() { dm = matcher.New(vers, matcher.WithFrequenciesOf(w)) })
		if served != nil {
			do(func() {
				dmDelta = matcher.New(served.entries, matcher.WithFrequenciesOf(w))
				if incremental {
					deltaDict = newDictionary()
					deltaDict.addMatcher(dmDelta)
				}
			})
		}
		if m.weights != nil {
			do(func() {
				baseDict = m.dicts.base(m.weights)
				if incremental && m.deltaBefore != nil {
					beforeDict = m.dicts.before(m.weights, m.deltaBefore)
				}
			})
			do(func() { servedBase = m.servedBaseKeys() })
		}
		wg.Wait()
		sc = &scorer{m: dm}
		rep.Matcher = time.Since(t0)
		// The dictionary holds the tokens of the entries served, of the
		// versions old and new, and of the base, which keeps the tokens of
		// entries removed since: the base's and the delta segment's tokens
		// hold those of every entry served.
		var dict *dictionary
		if baseDict != nil {
			dict = baseDict.clone() // (w is the base's matcher)
		} else {
			dict = newDictionary()
			dict.addMatcher(w)
		}
		dict.addMatcher(dm)
		if dmDelta != nil {
			dict.addMatcher(dmDelta)
		}
		// The index before and after an incremental Replace has one base:
		// the same name frequencies, the same frequent limit. (With
		// withTrustDelta, the tests' ghost lists keep every count.)
		base := w.Len()
		before := newRules(w.KeyDF, base, dict)
		after := newRules(w.KeyDF, base, dict)
		if m.weights == nil {
			before.stable = stableKeys(matcherKeys(w, nil), dm)
		} else {
			// The keys of the entries served: those of the base's entries
			// served as they are, and those of the delta segment's.
			for k := range matcherKeys(dmDelta, nil) {
				servedBase[k] = true
			}
			before.stable = stableKeys(servedBase, dm)
		}
		after.stable = before.stable
		// inDelta holds the new versions that an incremental Replace
		// indexes in its delta segment, whose dictionary — the only one
		// retrieval reads spellings from for them — holds the tokens of
		// the delta's entries alone: the new versions are linked through
		// those (inDelta's rules), not every list token of their keys.
		//
		// An old version was, before the update, in the base (whose
		// dictionary holds the base's entries' tokens: the weights'
		// matcher's) or in the delta segment of the update before
		// (deltaBefore): it is linked through that one dictionary.
		var inDelta, wasDelta map[string]bool
		var delta, beforeBase, beforeDelta *rules
		segRules := func(dd *dictionary) *rules {
			r := newRules(w.KeyDF, base, dd)
			r.stable = after.stable
			return r
		}
		if u.Reweighed {
			// The lists after were indexed whole, in one segment: the
			// entries served.
			after.segment = segmentPhones(w, w.KeyDF)
		} else if incremental {
			inDelta, delta = m.delta.ids, segRules(deltaDict)
			// The new versions of the delta sit in its segment alone,
			// whose dictionary counts the delta's tokens: retrieval reads
			// there the phonetic keys those counts allow, not every key
			// of the version's own tokens.
			delta.segment = segmentPhones(dmDelta, dmDelta.KeyDF)
			m.dicts.keepDelta(m.weights, m.delta, deltaDict)
			beforeBase = segRules(baseDict)
			beforeDelta = beforeBase
			if m.deltaBefore != nil {
				wasDelta, beforeDelta = m.deltaBefore.ids, segRules(beforeDict)
			}
			for k, e := range vers[nNew:] {
				lostAll[nNew+k] = wasDelta[e.ID]
			}
		}
		// The new versions as retrieval reads the lists now, the old ones
		// as it read them before (only parties with alerts need them).
		rs := make([]*rules, len(vers))
		for k, e := range vers {
			switch {
			case k >= nNew && beforeBase == nil:
				rs[k] = before
			case k >= nNew && wasDelta[e.ID]:
				rs[k] = beforeDelta
			case k >= nNew:
				rs[k] = beforeBase
			case inDelta[e.ID]:
				rs[k] = delta
			default:
				rs[k] = after
			}
		}
		lr := &linkRun{x: m.index, slots: m.slots, dm: dm, vers: vers, rules: rs, after: after, df: w.KeyDF, trace: m.linkTrace}
		linked = lr.links(m.cfg.workers)
		if m.linkHook != nil {
			m.linkHook(lr, linked)
		}
		// The kept parties' tokens are looked up in the scorer's token
		// table (Keeper.Bind) while the links are counted, when a new
		// version is linked to anyone: it needs only the scorer.
		for k := range nNew {
			if len(linked[k]) > 0 {
				bound = make(chan *matcher.Binding, 1)
				go func() { bound <- m.keeper.Bind(sc.m) }()
				break
			}
		}
	}
	// The old versions lost among what a party met, unless lost for all.
	var lostMet hashSet
	for k := nNew; k < len(vers); k++ {
		if !lostAll[k] {
			lostMet.add(verHash[k])
		}
	}
	// The links counted party by party, on the workers, a range of slots
	// each (a party's reads and writes are its own), each party's versions
	// in order: what follows depends neither on how the links were made nor
	// on how they are counted.
	cr := &countRun{slots: m.slots, vers: vers, nNew: nNew, linked: linked, lostAll: lostAll,
		verHash: verHash, lostMet: &lostMet, cand: cand, span: m.countSpan}
	cr.run(m.cfg.workers)
	t1 := time.Now()
	rep.Linking = t1.Sub(t0) - rep.Matcher
	// The linked parties to score against the new versions, by slot: each
	// party's run of pairs, its versions in order.
	var slots []int32
	var runs [][]scorePair
	for i := range cr.out {
		o := &cr.out[i]
		rep.Linked += o.linked
		rep.NoRoom += o.noRoom
		rep.Pairs += len(o.toScore)
		for j, s := range o.slots {
			end := len(o.toScore)
			if j+1 < len(o.starts) {
				end = int(o.starts[j+1])
			}
			slots = append(slots, s)
			runs = append(runs, o.toScore[o.starts[j]:end])
		}
	}
	rep.Scored = len(slots)
	hits := make([]bool, len(slots))
	// The parties kept prepared, restored for this update's scorer (only
	// their tokens' numbers in its token table change, and, after a
	// reweighing, their weights).
	var bnd *matcher.Binding
	if bound != nil {
		bnd = <-bound
	}
	var rows *matcher.Rows
	fresh := make([]*matcher.Kept, len(slots))
	if len(slots) > 0 {
		if bnd == nil {
			bnd = m.keeper.Bind(sc.m)
		}
		// The rows of token similarities the kept parties read, each made
		// once for both workers (the parties of one population share most
		// of their tokens), by new version.
		byVersion := make([][]*matcher.Kept, nNew)
		for j, s := range slots {
			if kp := m.slots[s].kept; kp != nil {
				for _, k := range runs[j] {
					byVersion[k.version] = append(byVersion[k.version], kp)
				}
			}
		}
		rows = bnd.Rows(func(i int) []*matcher.Kept {
			if i < nNew {
				return byVersion[i]
			}
			return nil
		}, m.cfg.workers)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(m.cfg.workers, len(slots)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			bd := rows.NewBound() // the token similarities shared, and this worker's own
			for {
				j := int(next.Add(1) - 1)
				if j >= len(slots) || ctx.Err() != nil {
					return
				}
				pt := m.slots[slots[j]]
				hits[j], fresh[j] = sc.reaches(pt, vers, runs[j], m.review-scoreMargin, bd, bnd)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for j, h := range hits {
		if h {
			cand[slots[j]] = true
		}
		if fresh[j] != nil {
			m.slots[slots[j]].kept = fresh[j]
		}
	}
	t2 := time.Now()
	rep.Scoring = t2.Sub(t1)
	var pts []*party
	for s, c := range cand {
		if c && m.slots[s] != nil {
			pts = append(pts, m.slots[s])
		}
	}
	sort.Slice(pts, func(a, b int) bool { return pts[a].id < pts[b].id })
	err := m.screen(ctx, pts, CauseLists, rep.Before, rep)
	rep.Screening = time.Since(t2)
	return err
}

// setBase makes the lists the view holds now the base of the incremental
// Replaces to come: the lists the Screener was last indexed from whole,
// whose name frequencies it weighs with until it reweighs (weights), and
// their entries (base, and baseSorted in the order weights holds them).
func (m *Monitor) setBase() {
	m.baseSorted = m.view.sorted()
	m.weights = matcher.New(m.baseSorted)
	m.base = maps.Clone(m.view.entries)
	m.delta = nil // the base serves alone
	m.sinceBase = &deltaSet{ids: map[string]bool{}}
	// The base's dictionary, made now for the updates to come (as the
	// weights are), not in the first that reads it.
	m.dicts = segmentDicts{}
	m.dicts.base(m.weights)
}

// servedBaseKeys returns the keys of the name tokens of the base's entries
// served as they are (not in the Screener's delta segment, m.delta), from
// the base's matcher.
func (m *Monitor) servedBaseKeys() map[string]bool {
	return matcherKeys(m.weights, func(i int) bool {
		id := m.baseSorted[i].ID
		return m.view.entries[id] != nil && !m.delta.ids[id]
	})
}

// segmentDicts keeps the dictionaries of the segments of the Screener's
// index between updates: that of the base's tokens (the weights' matcher's),
// made once for the updates until the base changes, and that of the entries
// of the delta segment of the last update, which the next reads as the
// segment its old versions were in. Each is held with what it was made of,
// and read again only for the same (a new base is a new matcher, a new
// delta a new deltaSet).
type segmentDicts struct {
	baseW  *matcher.Matcher
	baseD  *dictionary
	deltaW *matcher.Matcher
	deltaS *deltaSet
	deltaD *dictionary
}

// base returns the dictionary of the tokens of w's entries, made the first
// time. Its readers must not change it (dictionary.clone).
func (d *segmentDicts) base(w *matcher.Matcher) *dictionary {
	if d.baseW != w || d.baseD == nil {
		bd := newDictionary()
		bd.addMatcher(w)
		d.baseW, d.baseD = w, bd
	}
	return d.baseD
}

// keepDelta keeps dd, the dictionary of the tokens of a matcher of the
// entries of ds with the frequencies of w.
func (d *segmentDicts) keepDelta(w *matcher.Matcher, ds *deltaSet, dd *dictionary) {
	d.deltaW, d.deltaS, d.deltaD = w, ds, dd
}

// before returns the dictionary of the tokens of a matcher of the entries
// of ds with the frequencies of w: the one kept, when it is of those, or
// one made now.
func (d *segmentDicts) before(w *matcher.Matcher, ds *deltaSet) *dictionary {
	if d.deltaS == ds && d.deltaW == w && d.deltaD != nil {
		return d.deltaD
	}
	dd := newDictionary()
	dd.addMatcher(matcher.New(ds.entries, matcher.WithFrequenciesOf(w)))
	return dd
}

// bySlot returns the pairs ps, made version after version, ordered by slot
// (in [lo, hi)), each slot's versions in order: a counting sort, stable, so
// that the versions stay in the order they were linked in.
func bySlot(ps []scorePair, lo, hi int) []scorePair {
	at := make([]int32, hi-lo+1)
	for _, p := range ps {
		at[int(p.slot)-lo+1]++
	}
	for s := 1; s <= hi-lo; s++ {
		at[s] += at[s-1]
	}
	out := make([]scorePair, len(ps))
	for _, p := range ps {
		i := int(p.slot) - lo
		out[at[i]] = p
		at[i]++
	}
	return out
}

// countRun counts the links of one update party by party: for each party
// linked, the versions new and old linked to it, whether it must be
// screened forward (cand), its rooms after the update, the new versions its
// retrieval may now meet (party.gained), and the new versions to score it
// against. Each range of slots is counted by one goroutine, each party's
// versions in order, so that the counts are those of one pass version after
// version, whatever the number of workers (TestUpdateWorkers).
type countRun struct {
	slots   []*party // by slot, nil for a free one
	vers    []*lists.Entry
	nNew    int       // vers[:nNew] are the new versions
	linked  [][]int32 // by version, the slots linked to it, ascending (linkRun.links)
	lostAll []bool    // by version: lost for every party linked to it, whatever it met
	verHash []uint32  // by version, metHash of its ID
	lostMet *hashSet  // the old versions lost among what a party met, unless lost for all
	cand    []bool    // by slot: screened forward
	span    int       // the slots a goroutine counts at a time (0: rangeSlots)
	out     []countOut
}

// countOut is what one range of slots of a countRun counted.
type countOut struct {
	linked, noRoom int // the parties linked, and those screened for their room
	// slots are the parties to score, ascending; toScore their pairs, party
	// after party, slots[j]'s from starts[j].
	slots   []int32
	starts  []int32
	toScore []scorePair
}

// run counts the links on workers goroutines, into out (by range).
func (c *countRun) run(workers int) {
	span := cmp.Or(c.span, rangeSlots)
	c.out = make([]countOut, (len(c.slots)+span-1)/span)
	kinds := make([]scopeCode, len(c.vers))
	for k, e := range c.vers {
		kinds[k] = entryKindCode(e.Kind)
	}
	inRanges(len(c.slots), workers, span, func(lo, hi int) { c.count(lo, hi, kinds, &c.out[lo/span]) })
}

// count counts the links of the parties of slots [lo, hi) into o; kinds are
// the versions' entryKindCode.
func (c *countRun) count(lo, hi int, kinds []scopeCode, o *countOut) {
	var ps []scorePair // the range's links, version after version
	for k, l := range c.linked {
		i, _ := slices.BinarySearch(l, int32(lo))
		for ; i < len(l) && int(l[i]) < hi; i++ {
			ps = append(ps, scorePair{l[i], int32(k)})
		}
	}
	ps = bySlot(ps, lo, hi)
	for a := 0; a < len(ps); {
		b := a + 1
		for b < len(ps) && ps[b].slot == ps[a].slot {
			b++
		}
		c.party(ps[a:b], kinds, o)
		a = b
	}
}

// party counts the links ps of one party (its versions in order).
func (c *countRun) party(ps []scorePair, kinds []scopeCode, o *countOut) {
	s := ps[0].slot
	pt := c.slots[s]
	if pt == nil {
		return // (the index links no free slot)
	}
	kind := slotScored
	switch {
	case pt.windowFull || pt.failed != "" ||
		(len(pt.alerts) > 0 && (pt.q.Face != nil || len(pt.q.Fingerprints) > 0)):
		kind = slotForward
	case len(pt.alerts) > 0:
		kind = slotAlerts
	}
	scope, met := pt.terms.scope.code(), pt.met != nil
	start := len(o.toScore)
	var n, nOld, nLost int32
	for _, p := range ps {
		k := int(p.version)
		n++
		switch {
		case k < c.nNew:
		case !met || c.lostAll[k]:
			nOld++
			nLost++ // (those it met are counted below)
		default:
			nOld++
		}
		switch {
		case c.cand[s]:
		case kind == slotForward:
			c.cand[s] = true
		case k < c.nNew && !scope.excludes(kinds[k], func() bool { return pt.terms.scope.excludes(c.vers[k]) }):
			// (An entry the party's filter leaves out cannot be an alert
			// of it.)
			o.toScore = append(o.toScore, p)
		}
	}
	o.linked++
	if met {
		nLost += c.lostMet.among(pt.met) + c.lostMet.among(pt.gained)
	}
	switch {
	case c.cand[s]:
	case kind == slotAlerts && !pt.room.fits(n-nOld, nLost):
		// The versions linked may change what the window's room lets
		// retrieval read, and with it the party's other candidates, its
		// alerts among them: only a screening tells.
		c.cand[s] = true
		o.noRoom++
	case kind == slotScored && pt.room.known() && !pt.room.fits(0, nLost):
		// Without alerts, only entries lost can matter: they may give
		// retrieval room to read more, and meet an entry that did not
		// change. (A party taken up from the store, whose room is not
		// known, is not screened for this.)
		c.cand[s] = true
		o.noRoom++
	}
	// Each new version linked may be one more of the entries its retrieval
	// meets, each old one it met one fewer; a screening measures the room
	// again.
	pt.room = pt.room.after(n-nOld, nLost)
	// What its retrieval meets may now hold the new versions linked to it,
	// as the next update counts (a screening measures it again).
	if met {
		for _, p := range ps {
			if int(p.version) < c.nNew {
				pt.gained = append(pt.gained, c.verHash[p.version])
			}
		}
	}
	switch {
	case c.cand[s]:
		o.toScore = o.toScore[:start] // screened forward, not scored
	case len(o.toScore) > start:
		o.slots = append(o.slots, s)
		o.starts = append(o.starts, int32(start))
	}
}

// deltaSet is the entries of a delta segment, and their IDs.
type deltaSet struct {
	entries []*lists.Entry
	ids     map[string]bool
}

// deltaEntries returns the entries served (the view, after u) that an
// incremental Replace from the base indexes in its delta segment: those the
// base lacks, and those changed since the base in what screening reads
// (the Screener keeps in its base an entry changed in other fields only,
// TestUnscoredFields), as the Screener tells them apart
// (screening.SameIndexed): the delta's entries, no more, no fewer, since
// the links read the counts of its dictionary (rules.segment).
//
// An entry u does not touch is served as it was, and the base holds it as
// it did: it is in the delta segment when it was in the one of the last
// update from the same base (m.sinceBase). Only the entries u touches are
// compared with the base, unless no such delta is known (TestDeltaEntries).
func (m *Monitor) deltaEntries(u *screening.Update) *deltaSet {
	prev := m.sinceBase
	if prev == nil {
		d := m.deltaEntriesAll()
		m.sinceBase = d
		return d
	}
	d := &deltaSet{ids: maps.Clone(prev.ids)}
	touched := func(id string) {
		delete(d.ids, id)
		if e := m.view.entries[id]; e != nil && m.inDelta(id, e) {
			d.ids[id] = true
		}
	}
	for i := range u.Delta.Removed {
		touched(u.Delta.Removed[i].ID)
	}
	for _, c := range u.Delta.Changed {
		touched(c.ID)
	}
	for i := range u.Delta.Added {
		touched(u.Delta.Added[i].ID)
	}
	for id := range d.ids {
		d.entries = append(d.entries, m.view.entries[id])
	}
	slices.SortFunc(d.entries, func(a, b *lists.Entry) int { return cmp.Compare(a.ID, b.ID) })
	m.sinceBase = d
	return d
}

// deltaEntriesAll is deltaEntries, every entry served compared with the
// base.
func (m *Monitor) deltaEntriesAll() *deltaSet {
	d := &deltaSet{ids: map[string]bool{}}
	for id, e := range m.view.entries {
		if m.inDelta(id, e) {
			d.entries = append(d.entries, e)
			d.ids[id] = true
		}
	}
	slices.SortFunc(d.entries, func(a, b *lists.Entry) int { return cmp.Compare(a.ID, b.ID) })
	return d
}

// inDelta reports whether e, entry id served, is in the delta segment of an
// incremental Replace from the base.
func (m *Monitor) inDelta(id string, e *lists.Entry) bool {
	b := m.base[id]
	return b == nil || b != e && !screening.SameIndexed(b, e)
}

// hashSet is a few hashes (metSet's), sorted, a hash as many times as it
// was added, with a mask of their low bits that rules most others out at
// once.
type hashSet struct {
	mask uint64
	hs   []uint32
}

func (h *hashSet) add(x uint32) {
	h.mask |= 1 << (x & 63)
	i, _ := slices.BinarySearch(h.hs, x)
	h.hs = slices.Insert(h.hs, i, x)
}

// among counts the pairs of a hash of s (in any order) and the same hash in
// h: at least the entries of s that h holds, however many share a hash.
func (h *hashSet) among(s []uint32) int32 {
	n := int32(0)
	for _, x := range s {
		if h.mask&(1<<(x&63)) == 0 {
			continue
		}
		for i, _ := slices.BinarySearch(h.hs, x); i < len(h.hs) && h.hs[i] == x; i++ {
			n++
		}
	}
	return n
}

// slotKind is what the links of an update read of a party.
type slotKind uint8

const (
	slotScored  slotKind = iota // scored against the new versions linked to it
	slotForward                 // screened forward when linked: a full window, a failed screening, or alerts and biometrics
	slotAlerts                  // alerts: scored when the versions linked to it fit in its room, else screened forward
)

// scorePair is a party (by slot) to score against a new version (by its
// number in the update's versions).
type scorePair struct {
	slot, version int32
}

// scorer scores parties against the new entry versions of an update (by
// their number in it) with a matcher of the versions weighed with the
// frequencies the Screener's snapshot weighs with — those of the lists it
// was last indexed from whole (Monitor.weights), since an incremental
// Replace keeps them: the Screener scores the entries it adds or changes
// with such a matcher, of the entries of its delta segment, and an entry
// scores alike in any matcher of these frequencies.
type scorer struct {
	m *matcher.Matcher
}

// reaches reports whether pt may score floor or more against one of the
// entry versions ks of vers: by the matcher's score, or because both have
// biometrics (compared with thresholds only the Screener knows), or because
// the matcher cannot read the query (the forward screening then decides).
// bd, the worker's Bound, scores with the token similarities it shares
// across parties; a party kept prepared is restored through bnd (fresh is
// what to keep of it instead, when its forms' weights changed), the others
// are prepared by bd.
func (sc *scorer) reaches(pt *party, vers []*lists.Entry, ks []scorePair, floor float64, bd *matcher.Bound, bnd *matcher.Binding) (hit bool, fresh *matcher.Kept) {
	for _, k := range ks {
		e := vers[k.version]
		if (pt.q.Face != nil && len(e.Faces) > 0) || (len(pt.q.Fingerprints) > 0 && len(e.Fingerprints) > 0) {
			return true, nil
		}
	}
	var p *matcher.Prepared
	if pt.kept != nil {
		p, fresh = bd.Restore(bnd, pt.q, pt.kept)
	} else {
		var err error
		if p, err = bd.Prepare(pt.q); err != nil {
			return true, nil
		}
	}
	defer p.Release()
	for _, k := range ks {
		if _, ok := bd.ScoreAbove(p, int(k.version), floor); ok {
			return true, fresh
		}
	}
	return false, fresh
}

// listView is the Monitor's view of the entries the Screener serves,
// following every Update's Delta, for the lists' own matcher.
type listView struct {
	entries map[string]*lists.Entry
}

// newListView makes the view of ls, which must be the lists the Screener
// serves (serving).
func newListView(ls []*lists.List, serving []screening.ListInfo) (*listView, error) {
	if len(ls) != len(serving) {
		return nil, fmt.Errorf("monitor: WithLists: %d lists given, the screener serves %d", len(ls), len(serving))
	}
	v := &listView{entries: map[string]*lists.Entry{}}
	for i, l := range ls {
		s := serving[i]
		if l.Source != s.Source || l.Version != s.Version || l.Digest != s.Digest || len(l.Entries) != s.Entries {
			return nil, fmt.Errorf("monitor: WithLists: list %d is %s %s (%d entries), the screener serves %s %s (%d entries)",
				i, l.Source, l.Version, len(l.Entries), s.Source, s.Version, s.Entries)
		}
		for j := range l.Entries {
			v.entries[l.Entries[j].ID] = &l.Entries[j]
		}
	}
	return v, nil
}

// apply follows u's Delta; an error says the view and the Screener parted.
func (v *listView) apply(u *screening.Update) error {
	d := &u.Delta
	for i := range d.Removed {
		if v.entries[d.Removed[i].ID] == nil {
			return fmt.Errorf("the update removes %s, which the monitor's view of the lists lacks", d.Removed[i].ID)
		}
		delete(v.entries, d.Removed[i].ID)
	}
	for _, c := range d.Changed {
		if v.entries[c.ID] == nil {
			return fmt.Errorf("the update changes %s, which the monitor's view of the lists lacks", c.ID)
		}
		v.entries[c.ID] = c.New
	}
	for i := range d.Added {
		v.entries[d.Added[i].ID] = &d.Added[i]
	}
	n := 0
	for _, l := range u.After {
		n += l.Entries
	}
	if n != len(v.entries) {
		return fmt.Errorf("the monitor's view of the lists holds %d entries after the update, the screener %d", len(v.entries), n)
	}
	return nil
}

// sorted returns the entries by ID.
func (v *listView) sorted() []*lists.Entry {
	out := make([]*lists.Entry, 0, len(v.entries))
	for _, e := range v.entries {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *lists.Entry) int {
		if a.ID < b.ID {
			return -1
		}
		if a.ID > b.ID {
			return 1
		}
		return 0
	})
	return out
}

// linkRun is the linking of one update's entry versions: vers[k], entry k
// of dm, linked under rules[k].
type linkRun struct {
	x     *linkIndex
	slots []*party // by slot, nil for a free one
	dm    *matcher.Matcher
	vers  []*lists.Entry
	rules []*rules
	// after bounds what a party's frequent keys read alone (rules.alone);
	// df counts the entries of a key, as every rules of the run does.
	after *rules
	df    func(string) int
	// trace, when not nil, is told every link (Monitor.linkTrace).
	trace func(slot int32, version int, r linkRule)
}

// links returns, for each entry version, the slots of the parties linked
// to it, each once, ascending. The versions are linked on workers
// goroutines (one with trace), each by one linker: the lists do not depend
// on the number of workers (TestLinkWorkers).
func (lr *linkRun) links(workers int) [][]int32 {
	x := lr.x
	sh := newLinkShared(x)
	alone := make(aloneCache, len(lr.slots))
	aloneOf := func(s int32) int {
		return alone.get(s, func() int {
			pt := lr.slots[s]
			switch {
			case pt == nil:
				return -1
			case pt.room.known() && pt.room.gain > 0:
				// Its retrieval found something else when it was screened
				// (reading a key alone leaves no room to gain: package
				// screening, retrieve.go), and still does: it would find
				// nothing else only once it lost more than its room to
				// lose, and is then screened again whatever it is linked
				// to (countRun).
				return -1
			}
			return lr.after.alone(x, pt.terms, func(id int32) int { return sh.termDF(x, lr.df, id) })
		})
	}
	years := func(s int32) []int {
		if pt := lr.slots[s]; pt != nil {
			return pt.terms.years
		}
		return nil
	}
	out := make([][]int32, len(lr.vers))
	workers = max(1, min(workers, len(lr.vers)))
	if lr.trace != nil {
		workers = 1
	}
	// The parties' years side by side, read once from each party (on the
	// workers) rather than at every frequent key that reaches it.
	yt := make([]slotYears, len(lr.slots))
	inRanges(len(yt), workers, rangeSlots, func(lo, hi int) {
		for s := lo; s < hi; s++ {
			if pt := lr.slots[s]; pt != nil {
				yt[s].set(pt.terms.years)
			}
		}
	})
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := &linker{x: x, years: years, yt: yt, alone: aloneOf, sh: sh}
			seen := make([]uint64, (len(lr.slots)+63)/64) // the slots linked to this version, a bit each
			for {
				k := int(next.Add(1) - 1)
				if k >= len(lr.vers) {
					return
				}
				l.r = lr.rules[k]
				et := newEntryTerms(lr.dm, k, lr.vers[k], lr.df)
				if lr.trace != nil {
					l.trace = func(slot int32, r linkRule) { lr.trace(slot, k, r) }
				}
				n := 0
				l.link(&et, func(slot int32) {
					if w, bit := slot>>6, uint64(1)<<(slot&63); seen[w]&bit == 0 {
						seen[w] |= bit
						n++
					}
				})
				// The slots marked, ascending, and the marks cleared.
				got := make([]int32, 0, n)
				for w, bits := range seen {
					if bits == 0 {
						continue
					}
					seen[w] = 0
					for ; bits != 0; bits &= bits - 1 {
						got = append(got, int32(w<<6|mathbits.TrailingZeros64(bits)))
					}
				}
				out[k] = got
			}
		}()
	}
	wg.Wait()
	return out
}

// rangeSlots is how many slots a worker of inRanges takes at a time.
const rangeSlots = 4096

// inRanges calls fn with consecutive ranges [lo, hi) of span numbers (the
// last may be shorter) that cover [0, n), on up to workers goroutines, and
// returns when every call has.
func inRanges(n, workers, span int, fn func(lo, hi int)) {
	workers = max(1, min(workers, (n+span-1)/span))
	if workers == 1 {
		for lo := 0; lo < n; lo += span {
			fn(lo, min(lo+span, n))
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := int(next.Add(int64(span)) - int64(span))
				if lo >= n {
					return
				}
				fn(lo, min(lo+span, n))
			}
		}()
	}
	wg.Wait()
}
