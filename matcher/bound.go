package matcher

import (
	"math/bits"
	"sync"
	"sync/atomic"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/normalize"
)

// Bound prepares and scores many queries against a few entries — the
// parties of a monitor against the entries a list update changed — sharing
// the work of a name token across the queries that have it ("muhammad",
// "ali" and the other common names of a population): a token is prepared
// once (Prepare), and its similarities with the tokens of an entry are
// computed once (ScoreAbove, Below), not once a query. The answers are
// those of the Matcher: Prepare gives the Prepared that Matcher.Prepare
// gives, ScoreAbove the score and answer of Matcher.ScoreAbove, and
// Below(p, i, floor) is true only when ScoreAbove(p, i, floor) rules the
// pair out without comparing names.
//
// A Bound belongs to one Matcher and is used by one goroutine at a time; it
// keeps what it computed until it is dropped, so it is made for one batch
// of comparisons (a re-screen after a list update), not kept for good.
type Bound struct {
	m      *Matcher
	toks   map[boundToken]int32  // a query token -> its number here
	shapes map[int32]*entryShape // entry -> its distinct tokens and forms, and the rows met
	es     entrySims
	// last is the query whose tokens' numbers are in ids, and cur their
	// rows against the entry last loaded (-r for row r-1 of curShared).
	last *Prepared
	ids  []int32
	cur  []int32
	// restored is the query Restore made last, from the Keeper's tokens
	// kept; keeper is that Keeper, and fromKept[k] the number here of its
	// token k, plus one (0: not known yet); restoredBy is the Binding it
	// was restored through.
	restored   *Prepared
	kept       *Kept
	restoredBy *Binding
	room       []qtoken // for the tokens of the next query restored
	keeper     *Keeper
	fromKept   []int32
	// prepared are the query tokens Prepare made.
	prepared map[boundToken]qtoken
	// shared are the rows computed once for every Bound of a batch
	// (Binding.Rows), nil without; sharedSplit is rowSum.split of each of
	// its rows, as this Bound learnt it (shared.sums are read only), and
	// curShared the rows of the entry last loaded, when it has any.
	shared      *Rows
	sharedSplit []uint8
	curShared   *sharedEntry
	// rows are the rows of similarities computed, each in chunk (or an
	// earlier chunk), and sums what entrySims keeps of each beside it.
	rows  [][]float32
	sums  []rowSum
	chunk []float32
}

// rowSum is what entrySims reads of one query token's row of similarities
// with an entry's tokens before comparing names: the best similarity, the
// weight of the heaviest token it is like, and those tokens (bit l: the
// entry's token l), as entrySims.load makes them; and whether the token
// could be matched with two adjacent tokens of the entry (entrySims.splits:
// 0 not asked yet, 1 no, 2 yes).
type rowSum struct {
	max, heavy float32
	like       uint64
	split      uint8
}

// boundChunk is how many similarities the Bound allocates at a time.
const boundChunk = 1 << 16

// boundToken is what makes a query token: two query tokens alike in these
// are prepared alike by one Matcher (addQueryForm), so they are alike to
// every list token.
type boundToken struct {
	text, key string
	kind      normalize.PartKind
	abjad     bool
}

// bound returns the token as a boundToken.
func (q *qtoken) bound() boundToken {
	return boundToken{text: q.text, key: q.key, kind: q.kind, abjad: q.abjad}
}

// entryShape is the part of entrySims that depends on the entry alone: its
// distinct tokens, their weights and the local indexes of each form's
// tokens; and, once nameBound asked for them, the compounds and acronyms
// its tokens allow.
type entryShape struct {
	ok  bool // false: the entry is too large for entrySims
	ids []uint32
	loc []uint8
	at  []uint16
	w   []float32 // entrySims.weigh's, nil until the entry is loaded
	// shapes, joined and acronyms are entrySims.shape's,
	// entrySims.joinedForms' and entrySims.acronyms', nil (joinedKnown,
	// acronymsKnown false) until nameBound made them.
	shapes        *compoundShapes
	joined        []joinedForm
	joinedKnown   bool
	acronyms      []uint32
	acronymsKnown bool
	// rowAt[t] is the number in the Bound's rows of the similarities of
	// query token number t with ids, plus one (0: not computed yet).
	rowAt []int32
}

// entrySims.like holds an entry's tokens as the bits of a rowSum.
var _ [64 - maxEntryTokens]struct{}

// NewBound returns an empty Bound over the entries of m.
func (m *Matcher) NewBound() *Bound {
	return &Bound{m: m, toks: map[boundToken]int32{}, shapes: map[int32]*entryShape{}}
}

// ScoreAbove is Matcher.ScoreAbove with the token similarities shared:
// the same score and the same ok for every pair. A pair that the names'
// bound rules out costs no comparison of names, and one that it does not is
// compared with the similarities the Bound holds.
func (b *Bound) ScoreAbove(p *Prepared, i int, floor float64) (score float64, ok bool) {
	m := b.m
	if floor < 0 || len(p.forms) == 0 || p.face != nil || len(p.fingers) > 0 || len(p.toks) > maxSimQuery {
		// Biometrics, a query without a name or too large: no bound.
		return m.ScoreAbove(p, i, floor)
	}
	var fa [maxFeatures]raqib.Feature
	fs, rest := b.rest(p, i, fa[:0])
	sh := b.load(p, i)
	if sh == nil {
		return m.ScoreAbove(p, i, floor)
	}
	below := rest+m.nameBound(p, i, &b.es) < floor
	b.keep(sh)
	if below {
		return 0, false
	}
	b.fill()
	// The name feature as eval makes it: its agreement weighed by what the
	// agreement proves, or nothing matched (score 0, weight 1, adding 0).
	// Summed in eval's order, the name first.
	_, _, fj, ratio, weight := m.bestName(p, i, &b.es, floor-rest)
	sum := 0.0
	if fj >= 0 {
		sum += ratio * weight
	}
	for _, f := range fs {
		sum += f.Score * f.Weight
	}
	score = squash(sum)
	return score, score >= floor
}

// Below reports whether p surely scores less than floor against entry i,
// as ScoreAbove would find before comparing any pair of names. It is false
// whenever that bound does not apply (a query with a face or fingerprints,
// or without a name; an entry or query too large for the bound), and for a
// pair that the names' comparison decides.
func (b *Bound) Below(p *Prepared, i int, floor float64) bool {
	if floor < 0 || len(p.forms) == 0 || p.face != nil || len(p.fingers) > 0 || len(p.toks) > maxSimQuery {
		return false
	}
	var fa [maxFeatures]raqib.Feature
	_, rest := b.rest(p, i, fa[:0])
	sh := b.load(p, i)
	if sh == nil {
		return false
	}
	below := rest+b.m.nameBound(p, i, &b.es) < floor
	b.keep(sh)
	return below
}

// rest appends to fs the features of p against entry i but the name, and
// returns them with their sum as eval counts them (eval's placeholder of the
// name, of score 0, adds nothing); it sets the namesake scale of the
// comparison.
func (b *Bound) rest(p *Prepared, i int, fs []raqib.Feature) ([]raqib.Feature, float64) {
	m := b.m
	fs = m.appendBiographic(fs, p, i, nil, explainer(false))
	return fs, m.sumOthers(p, fs)
}

// Restore is Binding.Restore, the Bound noting the numbers the Keeper
// gave the query's tokens: it then finds the tokens' rows of similarities
// without looking the tokens up. The Prepared it returns holds its tokens
// in the Bound's room for them, and is valid until the next Restore: a
// caller restores, scores and releases one query at a time.
func (b *Bound) Restore(bnd *Binding, q raqib.Query, kp *Kept) (p *Prepared, fresh *Kept) {
	if b.restored != nil && cap(b.restored.toks) > cap(b.room) {
		b.room = b.restored.toks[:0]
	}
	p, fresh = bnd.restore(q, kp, b.room)
	if b.keeper != bnd.k {
		b.keeper, b.fromKept = bnd.k, b.fromKept[:0]
	}
	b.restored, b.kept, b.restoredBy = p, kp, bnd
	return p, fresh
}

// number sets b.ids to the numbers of p's tokens here, once for all the
// entries p meets.
func (b *Bound) number(p *Prepared) {
	b.last, b.ids = p, b.ids[:0]
	var kept []int32
	if p == b.restored && len(b.kept.toks) == len(p.toks) {
		kept = b.kept.toks
	}
	for qi := range p.toks {
		if kept != nil {
			if k := int(kept[qi]); k < len(b.fromKept) && b.fromKept[k] > 0 {
				b.ids = append(b.ids, b.fromKept[k]-1)
				continue
			}
		}
		k := p.toks[qi].bound()
		t, ok := b.toks[k]
		if !ok {
			t = int32(len(b.toks))
			b.toks[k] = t
		}
		b.ids = append(b.ids, t)
		if kept != nil {
			k := int(kept[qi])
			if k >= len(b.fromKept) {
				b.fromKept = append(b.fromKept, make([]int32, k+1-len(b.fromKept))...)
			}
			b.fromKept[k] = t + 1
		}
	}
}

// load readies b.es for nameBound to bound p against entry i, as
// entrySims.load would, but for the similarities themselves (fill copies
// them): the entry's tokens and forms, and what each query token's row of
// similarities says, taken from those already computed for the token. It
// returns the entry's shape, nil when the entry is too large for entrySims.
func (b *Bound) load(p *Prepared, i int) *entryShape {
	sh := b.shape(i)
	if !sh.ok {
		return nil
	}
	es := &b.es
	es.forget()
	es.n = len(sh.ids)
	copy(es.ids[:], sh.ids)
	copy(es.loc[:], sh.loc)
	copy(es.at[:], sh.at)
	if sh.w == nil {
		b.weigh(sh)
	} else {
		copy(es.w[:], sh.w)
	}
	es.shapes = sh.shapes
	if sh.joinedKnown {
		es.joined, es.joinedKnown, es.joinedAll = sh.joined, true, true
	}
	if sh.acronymsKnown {
		es.nAcronyms = copy(es.acronymIDs[:], sh.acronyms)
		es.acronymsKnown = true
	}
	b.cur = b.cur[:0]
	// The rows computed for every Bound, for a query restored from the
	// Keeper; the others are this Bound's own.
	var kept []int32
	b.curShared = nil
	if b.shared != nil && p == b.restored && b.restoredBy == b.shared.bnd && len(b.kept.toks) == len(p.toks) {
		if se := &b.shared.ents[i]; se.rowAt != nil {
			b.curShared, kept = se, b.kept.toks
		}
	}
	for qi := range p.toks {
		var s *rowSum
		var split uint8
		if kept != nil {
			if r := b.curShared.rowAt[kept[qi]]; r > 0 {
				b.cur = append(b.cur, -r)
				s, split = &b.curShared.sums[r-1], b.sharedSplit[b.curShared.base+r-1]
			}
		}
		if s == nil {
			if b.last != p {
				b.number(p)
			}
			r := b.row(&p.toks[qi], b.ids[qi], sh)
			b.cur = append(b.cur, r)
			s = &b.sums[r]
			split = s.split
		}
		es.rowMax[qi], es.rowHeavy[qi] = s.max, s.heavy
		if split != 0 {
			es.splitKnown |= 1 << qi
			if split == 2 {
				es.split |= 1 << qi
			}
		}
	}
	return sh
}

// weigh sets the weights of the tokens of shape sh (loaded in b.es), as
// entrySims.weigh makes them.
func (b *Bound) weigh(sh *entryShape) {
	es := &b.es
	es.n = len(sh.ids)
	copy(es.ids[:], sh.ids)
	es.weigh(b.m)
	sh.w = append([]float32(nil), es.w[:es.n]...)
}

// sum returns the rowSum of row r of b.cur (a shared row when negative) and
// where its split is kept.
func (b *Bound) sum(r int32) (*rowSum, *uint8) {
	if r < 0 {
		return &b.curShared.sums[-r-1], &b.sharedSplit[b.curShared.base-r-1]
	}
	return &b.sums[r], &b.sums[r].split
}

// keep keeps what nameBound found of the entry alone in sh, and of a query
// token and the entry beside the token's row.
func (b *Bound) keep(sh *entryShape) {
	es := &b.es
	for qi, r := range b.cur {
		if _, split := b.sum(r); *split == 0 && es.splitKnown&(1<<qi) != 0 {
			*split = 1 + uint8(es.split>>qi&1)
		}
	}
	if es.shapes != nil && sh.shapes == nil {
		c := *es.shapes
		sh.shapes = &c
	}
	if es.joinedKnown && es.joinedAll && !sh.joinedKnown {
		sh.joined = append([]joinedForm(nil), es.joined...)
		sh.joinedKnown = true
	}
	if es.acronymsKnown && !sh.acronymsKnown {
		sh.acronyms = append([]uint32(nil), es.acronymIDs[:es.nAcronyms]...)
		sh.acronymsKnown = true
	}
}

// fill copies into b.es the similarities of the query last loaded with
// the entry's tokens, and which query tokens each entry token is like.
func (b *Bound) fill() {
	es := &b.es
	clear(es.like[:es.n])
	for qi, r := range b.cur {
		if r < 0 {
			copy(es.sims[qi][:es.n], b.curShared.rows[-r-1])
		} else {
			copy(es.sims[qi][:es.n], b.rows[r])
		}
		s, _ := b.sum(r)
		for like := s.like; like != 0; like &= like - 1 {
			es.like[bits.TrailingZeros64(like)] |= 1 << qi
		}
	}
}

// shape returns the distinct tokens and forms of entry i.
func (b *Bound) shape(i int) *entryShape {
	if sh, ok := b.shapes[int32(i)]; ok {
		return sh
	}
	st := &b.m.st
	forms := st.entryForms(i)
	sh := &entryShape{}
	b.shapes[int32(i)] = sh
	if len(forms) > maxEntryForms {
		return sh
	}
	local := map[uint32]uint8{}
	for f := range forms {
		sh.at = append(sh.at, uint16(len(sh.loc)))
		for _, id := range st.formTokens(&forms[f]) {
			k, ok := local[id]
			if !ok {
				if len(sh.ids) == maxEntryTokens {
					return sh
				}
				k = uint8(len(sh.ids))
				local[id] = k
				sh.ids = append(sh.ids, id)
			}
			if len(sh.loc) == maxEntryRefs {
				return sh
			}
			sh.loc = append(sh.loc, k)
		}
	}
	sh.at = append(sh.at, uint16(len(sh.loc)))
	sh.ok = true
	return sh
}

// row returns the number in b.rows of the similarities of query token q,
// number t, with the tokens of an entry of shape sh (whose weights es
// holds), computing them the first time a token like q meets the entry
// (the values simRow gives: rounded to float32, 1 for the list's very
// token), and their rowSum beside them.
func (b *Bound) row(q *qtoken, t int32, sh *entryShape) int32 {
	if int(t) >= len(sh.rowAt) {
		sh.rowAt = append(sh.rowAt, make([]int32, max(int(t)+1, 2*len(sh.rowAt))-len(sh.rowAt))...)
	}
	if r := sh.rowAt[t]; r > 0 {
		return r - 1
	}
	n := len(sh.ids)
	if cap(b.chunk)-len(b.chunk) < n {
		b.chunk = make([]float32, 0, max(boundChunk, n))
	}
	o := len(b.chunk)
	b.chunk = b.chunk[:o+n]
	s := b.m.simRowSum(q, sh, b.chunk[o:o+n])
	b.rows = append(b.rows, b.chunk[o:o+n:o+n])
	b.sums = append(b.sums, s)
	sh.rowAt[t] = int32(len(b.rows))
	return int32(len(b.rows) - 1)
}

// simRowSum writes into row the similarities of query token q with the
// tokens of an entry of shape sh (the values simRow gives: rounded to
// float32, 1 for the list's very token), and returns their rowSum.
func (m *Matcher) simRowSum(q *qtoken, sh *entryShape, row []float32) rowSum {
	var s rowSum
	for l, id := range sh.ids {
		v := float32(1)
		if !q.onList || q.listID != id {
			v = float32(tokenSim(&q.token, &m.tt.toks[id]))
		}
		row[l] = v
		if v > 0 {
			s.like |= 1 << l
			s.max, s.heavy = max(s.max, v), max(s.heavy, sh.w[l])
		}
	}
	return s
}

// Rows are rows of similarities of a Keeper's tokens, as a Binding
// prepares them, with entries of the Binding's Matcher, computed once for
// every Bound of a batch (Rows.NewBound): the Bounds of several goroutines
// then share them, reading only, instead of each computing the rows of the
// tokens its queries meet.
type Rows struct {
	bnd   *Binding
	ents  []sharedEntry // by entry
	total int32         // rows in all
}

// sharedEntry is the rows of one entry: rowAt[k] is the number in rows of
// the row of the Keeper's token k, plus one (0: none), and base the number
// of the rows of the entries before it.
type sharedEntry struct {
	rowAt []int32
	rows  [][]float32
	sums  []rowSum
	base  int32
}

// Rows computes, on workers goroutines, the rows of the tokens of the
// queries kept(i) gives with entry i, for every entry i of the Matcher
// (nil: none): the rows a Bound of the Rows reads when it scores a query
// restored from kp against entry i. A query that the Bound does not bound
// (with a face, or too many tokens) and an entry too large for it need
// none, and have none.
func (bnd *Binding) Rows(kept func(i int) []*Kept, workers int) *Rows {
	m := bnd.m
	rs := &Rows{bnd: bnd, ents: make([]sharedEntry, m.Len())}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := m.NewBound()
			var toks []int32
			var seen []bool
			for {
				i := int(next.Add(1) - 1)
				if i >= len(rs.ents) {
					return
				}
				kps := kept(i)
				if len(kps) == 0 {
					continue
				}
				sh := b.shape(i)
				if !sh.ok {
					continue
				}
				if seen == nil {
					seen = make([]bool, len(bnd.toks))
				}
				toks = toks[:0]
				for _, kp := range kps {
					if kp.face != nil || len(kp.toks) > maxSimQuery || len(kp.forms) == 0 {
						continue
					}
					for _, k := range kp.toks {
						if !seen[k] {
							seen[k] = true
							toks = append(toks, k)
						}
					}
				}
				if len(toks) == 0 {
					continue
				}
				b.weigh(sh)
				n := len(sh.ids)
				se := &rs.ents[i]
				se.rowAt = make([]int32, len(bnd.toks))
				se.rows = make([][]float32, len(toks))
				se.sums = make([]rowSum, len(toks))
				chunk := make([]float32, n*len(toks))
				for r, k := range toks {
					seen[k] = false
					row := chunk[r*n : (r+1)*n : (r+1)*n]
					se.sums[r] = m.simRowSum(&bnd.toks[k], sh, row)
					se.rows[r] = row
					se.rowAt[k] = int32(r + 1)
				}
			}
		}()
	}
	wg.Wait()
	for i := range rs.ents {
		rs.ents[i].base = rs.total
		rs.total += int32(len(rs.ents[i].rows))
	}
	return rs
}

// NewBound returns an empty Bound over the Binding's Matcher that reads
// the rows of rs for the queries restored through the Binding.
func (rs *Rows) NewBound() *Bound {
	b := rs.bnd.m.NewBound()
	b.shared, b.sharedSplit = rs, make([]uint8, rs.total)
	return b
}

// Prepare is Matcher.Prepare, sharing the work of preparing each name
// token (its sounds, nicknames, syllables, weight) across the queries that
// have it: the same Prepared, made faster for a population whose names
// repeat.
func (b *Bound) Prepare(q raqib.Query) (*Prepared, error) {
	if b.prepared == nil {
		b.prepared = map[boundToken]qtoken{}
	}
	return b.m.prepare(q, b.prepared)
}

// queryToken prepares token pt of a query's name (read from an abjad script
// when ab), or returns it from shared when a token like it was prepared
// there before, adding it to shared otherwise (when shared is not nil).
func (m *Matcher) queryToken(pt *normalize.Part, ab bool, shared map[boundToken]qtoken) qtoken {
	k := boundToken{text: pt.Text, key: pt.Key, kind: pt.Kind, abjad: ab}
	if qt, ok := shared[k]; ok {
		return qt
	}
	var qt qtoken
	qt.listID, qt.onList = m.tt.lookup(pt.Text, pt.Kind)
	if qt.onList {
		// The same text and kind on the list, prepared with the list by
		// what prepares it here (its key, sounds, weight and the rest
		// depend on the text, kind and the list's frequencies alone), but
		// for being read from an abjad script: most readings of an
		// Arabic-script name are names of the list.
		qt.token = m.tt.toks[qt.listID]
		if qt.abjad != ab {
			qt.abjad = ab
			if qt.bare != nil {
				b := *qt.bare
				b.abjad = ab
				qt.bare = &b
			}
		}
	} else {
		qt.token = m.newQueryToken(pt, ab)
	}
	if shared != nil {
		shared[k] = qt
	}
	return qt
}

// newQueryToken prepares token pt of a query's name (read from an abjad
// script when ab) as the list's tokens are prepared (tokenTable.finish).
func (m *Matcher) newQueryToken(pt *normalize.Part, ab bool) token {
	t := token{text: pt.Text, key: pt.Key, kind: pt.Kind, letters: countLetters(pt.Text), abjad: ab}
	t.dm1, t.dm2 = normalize.Sounds(pt.Text)
	t.weight = m.tt.weight(pt.Key, pt.Kind)
	prepareToken(&t, m.tt.freq.Weight(pt.Key))
	return t
}
