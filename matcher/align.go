package matcher

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
)

// simCache holds the similarities of a query's tokens with the list tokens
// already compared: a candidate list shares most of its tokens
// ("muhammad", "ali") with the others, so each pair is computed once per
// query. For each list token met, a row of its similarities with every
// query token, computed at once (one look-up per list token, not per pair:
// a query read from Arabic script has a score of tokens). Open addressing
// on the list token's ID, whose slot holds all a look-up reads but the row
// (one cache line, not three: a query meets hundreds of list tokens, and
// the look-ups were a tenth of its first-level cache misses at 100,000
// people).
type simCache struct {
	slots []simSlot
	rows  []float32
	n     int
	width int // query tokens: the length of a row
	// filt holds, for each query token, what simRow's first test reads of
	// it, side by side: a query read from Arabic script has a score of
	// tokens, each compared with every list token met.
	filt []qfilter
	// groups are the groups of more than one query token that one test may
	// rule out together (readings of one word), when the query has at most
	// 64 tokens.
	groups []qgroup
	// whole holds, once wholeKnown is set, each query form's ordinary
	// tokens written as one word (wholeForms).
	whole      wholeForms
	wholeKnown bool
	// named are the best pairs of forms bestName found for entries whose
	// names reached the score asked of them (remember, recall).
	named []namedPair
}

// namedPair is what bestName returned for entry i: the best score, the
// query form qi and the entry's form fj it came from, their ratio and
// weight, under the namesake scale scale.
type namedPair struct {
	i, qi, fj                  int
	best, ratio, weight, scale float64
}

// remember keeps what bestName returned for entry i under p's namesake
// scale, for Compare to explain the entry without comparing its forms
// again: only a result that is bestName's for any need (best at least the
// need it was asked for).
func (p *Prepared) remember(i int, best float64, qi, fj int, ratio, weight float64) {
	if p.sims == nil {
		return
	}
	p.sims.named = append(p.sims.named, namedPair{i: i, qi: qi, fj: fj, best: best, ratio: ratio, weight: weight, scale: p.scale})
}

// recall returns what remember kept for entry i under p's namesake scale.
func (p *Prepared) recall(i int) (np namedPair, ok bool) {
	if p.sims == nil {
		return np, false
	}
	for _, np := range p.sims.named {
		if np.i == i && np.scale == p.scale {
			return np, true
		}
	}
	return np, false
}

// qgroup is a group of query tokens for simRow's first test: plain names
// of one skeleton key with the same flags (qfPlain, qfSyllable, qfAbjad,
// qfNoAlt) — the readings of one word of a name in Arabic script, which
// differ in the vowels the script leaves out — whose test against a list
// token of another key is made once, from bounds of its members, when it
// has more than one. members has bit i set for query token i; letters
// holds the most of each letter a member has, present the letters some
// member has and all the letters every member has, nick the nickname bits
// of all, firsts bit letterSlot(c) for each member's first letter c, min
// and max the shortest and longest member's length.
type qgroup struct {
	letters      letterCounts
	members      uint64
	nick         uint64
	key          string
	keyHash      uint64 // keyHash(key)
	present, all uint32
	firsts       uint32
	min, max     uint8
	flags        uint8
}

// unlikeAll reports whether every member of group g is unlike list token
// id, whose filter is lf (tokenSimHow's first test), it being a plain
// name, generic word or acronym (not an Abd name's short form) of lb
// letters, fb the bit of its first letter in g.firsts: a member's letters
// in common with it are at most those of g.letters, at most max less the
// letters every member has and it lacks, at most lb less those of its that
// no member has; and fewLetters is only truer of a longer member, and of
// one whose first letter is not its.
func (g *qgroup) unlikeAll(tt *tokenTable, lf *listFilter, id uint32, lb int, fb uint32, need, want, anyOf uint8) bool {
	if g.flags&need != want || g.flags&anyOf == 0 || g.nick&lf.textBit != 0 {
		return false
	}
	la, same := int(g.min), g.firsts&fb != 0
	up := min(int(g.max)-bits.OnesCount32(g.all&^lf.present), lb-bits.OnesCount32(lf.present&^g.present))
	return (fewLetters(up, la, lb, same) || fewLetters(g.letters.common(&lf.letters), la, lb, same)) && !tt.sameKey(g.keyHash, g.key, id)
}

// groupable are the flags a query token's group is chosen by.
const groupable = qfPlain | qfSyllable | qfAbjad | qfNoAlt

// qfilter is what simRow's first test (tokenSimHow's unlike) reads of a
// query token, in 64 bytes rather than the token's 300.
type qfilter struct {
	letters  letterCounts
	nickBits uint64
	keyHash  uint64 // keyHash(key)
	present  uint32
	listID   uint32 // the same token on the list, when onList
	n        uint8  // letters, at most 255 (more: no first test)
	first    byte
	flags    uint8 // qf* bits
}

// The bits of qfilter.flags.
const (
	qfPlain    = 1 << iota // a name, not an Abd name's short form, of at most 255 letters
	qfSyllable             // one Chinese or Korean syllable as written
	qfAbjad                // read from a script without vowels
	qfNoAlt                // no other transliteration system's spelling
	qfOnList               // the token is on the list (listID)
)

// readingFlags returns how token t is read, as simRow's first test asks
// of either side: its qfSyllable, qfAbjad and qfNoAlt bits.
func readingFlags(t *token) uint8 {
	var f uint8
	if t.syllable {
		f |= qfSyllable
	}
	if t.abjad {
		f |= qfAbjad
	}
	if t.alt == "" {
		f |= qfNoAlt
	}
	return f
}

// filters fills c.filt from the query tokens.
func (c *simCache) filters(toks []qtoken) {
	c.filt = c.filt[:0]
	for i := range toks {
		q := &toks[i]
		f := qfilter{letters: q.letters, nickBits: q.nickBits, keyHash: keyHash(q.key), present: q.present, listID: q.listID, first: q.text[0]}
		f.flags = readingFlags(&q.token)
		if q.kind == normalize.PartName && !q.abdBase && len(q.text) <= math.MaxUint8 {
			f.flags |= qfPlain
			f.n = uint8(len(q.text))
		}
		if q.onList {
			f.flags |= qfOnList
		}
		c.filt = append(c.filt, f)
	}
	c.group(toks)
}

// group fills c.groups from the query tokens and c.filt.
func (c *simCache) group(toks []qtoken) {
	c.groups = c.groups[:0]
	if len(toks) > 64 {
		return
	}
	for i := range c.filt {
		f := &c.filt[i]
		if f.flags&qfPlain == 0 {
			continue
		}
		g := -1
		for k := range c.groups {
			if h := &c.groups[k]; h.flags == f.flags&groupable && h.key == toks[i].key {
				g = k
				break
			}
		}
		if g < 0 {
			g = len(c.groups)
			c.groups = append(c.groups, qgroup{key: toks[i].key, keyHash: f.keyHash, flags: f.flags & groupable, all: f.present, min: f.n, max: f.n})
		}
		h := &c.groups[g]
		for w := range h.letters {
			h.letters[w] = maxBytes(h.letters[w], f.letters[w])
		}
		h.members |= 1 << i
		h.nick |= f.nickBits
		h.present |= f.present
		h.all &= f.present
		h.firsts |= 1 << letterSlot(f.first)
		h.min, h.max = min(h.min, f.n), max(h.max, f.n)
	}
	// A group of one is tested as its token is.
	c.groups = slices.DeleteFunc(c.groups, func(g qgroup) bool { return bits.OnesCount64(g.members) < 2 })
}

// maxBytes is the bytewise maximum of two words of letter counts (bytes
// below 128: letterCounts.common).
func maxBytes(a, b uint64) uint64 {
	ge := ((a | high7) - b) & high7
	mask := (ge >> 7) * 0xff
	return (a & mask) | (b &^ mask)
}

// simSlot is a slot of simCache's table: a list token's ID plus one (0:
// an empty slot), the number of its row, and its like bits (bit q set
// when the row's similarity with query token q is above 0, for the first
// 64 query tokens).
type simSlot struct {
	id   uint32
	row  int32
	like uint64
}

// row returns the row of list token id and its like bits, if it has one.
func (c *simCache) row(id uint32) ([]float32, uint64, bool) {
	if len(c.slots) == 0 {
		return nil, 0, false
	}
	mask := uint32(len(c.slots) - 1)
	for h := hashID(id) & mask; ; h = (h + 1) & mask {
		switch sl := &c.slots[h]; sl.id {
		case id + 1:
			o := int(sl.row) * c.width
			return c.rows[o : o+c.width], sl.like, true
		case 0:
			return nil, 0, false
		}
	}
}

// add makes the row of list token id, which must have none, for the
// caller to fill, and returns it with its slot (for its like bits).
func (c *simCache) add(id uint32) ([]float32, *simSlot) {
	if 2*(c.n+1) > len(c.slots) {
		c.grow()
	}
	mask := uint32(len(c.slots) - 1)
	h := hashID(id) & mask
	for c.slots[h].id != 0 {
		h = (h + 1) & mask
	}
	o := len(c.rows)
	c.rows = append(c.rows, make([]float32, c.width)...)
	c.slots[h] = simSlot{id: id + 1, row: int32(c.n)}
	c.n++
	return c.rows[o : o+c.width], &c.slots[h]
}

// simCaches keeps the tables of released Prepared queries for the next ones.
var simCaches = sync.Pool{New: func() any { return new(simCache) }}

// maxKeptSims is the size in slots (128 kB) beyond which a released table
// is not kept: one query with very many candidates must not make every
// later one clear a large table.
const maxKeptSims = 1 << 13

// reset empties the cache, keeping its memory unless it grew large.
func (c *simCache) reset() {
	if len(c.slots) > maxKeptSims {
		c.slots, c.rows = nil, nil
	} else {
		clear(c.slots)
		c.rows = c.rows[:0]
	}
	c.n, c.width = 0, 0
	c.named = c.named[:0]
	c.whole.forms, c.wholeKnown = c.whole.forms[:0], false
}

func (c *simCache) grow() {
	old := c.slots
	size := max(256, 2*len(old))
	c.slots = make([]simSlot, size)
	mask := uint32(size - 1)
	for _, sl := range old {
		if sl.id != 0 {
			h := hashID(sl.id-1) & mask
			for c.slots[h].id != 0 {
				h = (h + 1) & mask
			}
			c.slots[h] = sl
		}
	}
}

func hashID(id uint32) uint32 {
	h := id * 0x9e3779b1
	return h ^ h>>16
}

// cache returns p's similarity cache, taken from simCaches on first use.
func (p *Prepared) cache() *simCache {
	if p.sims == nil {
		p.sims = simCaches.Get().(*simCache)
		p.sims.width = len(p.toks)
		p.sims.filters(p.toks)
	}
	return p.sims
}

// sim is the similarity of query token qi with list token id.
func (m *Matcher) sim(p *Prepared, qi uint8, id uint32) float64 {
	r, _ := m.simRow(p, id)
	return float64(r[qi])
}

// simRow returns the similarities of list token id with every query token
// of p, computing them on first use, and the query tokens (of the first
// 64) whose similarity is above 0, as bits. (Rounded to float32 as the
// cache holds them, so that a pair scores the same however it is reached.)
func (m *Matcher) simRow(p *Prepared, id uint32) ([]float32, uint64) {
	if r, like, ok := p.cache().row(id); ok {
		return r, like
	}
	r, slot := p.sims.add(id)
	// like: the first 64 query tokens whose similarity is above 0 (a
	// shift of 64 or more sets no bit).
	var like uint64
	// The list token's filter, one cache line where the token is five
	// (and its text another); the token itself only for the pairs the
	// filter does not rule out.
	lf := &m.tt.filt[id]
	// tokenSim's first test (unlike), written out, the list token's part
	// once: most pairs are ruled out by it, and cost no call. A query
	// token takes the test when its flags masked by need are want and it
	// has one of the flags anyOf: a plain name, not a syllable when the
	// list token is one, and read from Arabic script or without another
	// spelling (either side read so, or neither with one).
	// (Against a generic word or an acronym of an organisation's name the
	// test is the same: tokenSimHow compares a name with either by the
	// letters and keys alone.)
	plain := lf.flags&lfPlain != 0
	lb, first := int(lf.n), lf.first
	need, want, anyOf := uint8(qfPlain), uint8(qfPlain), uint8(qfPlain)
	if lf.flags&lfSyllable != 0 {
		need |= qfSyllable
	}
	switch {
	case lf.flags&lfAbjad != 0:
	case lf.flags&lfNoAlt != 0:
		anyOf = qfAbjad | qfNoAlt
	default:
		need |= qfAbjad
		want |= qfAbjad
	}
	// The readings of one word unlike the list token all at once (none
	// is the list token itself: that has their key).
	var skip uint64
	if plain {
		fb := uint32(1) << letterSlot(first)
		for gi := range p.sims.groups {
			if g := &p.sims.groups[gi]; g.unlikeAll(&m.tt, lf, id, lb, fb, need, want, anyOf) {
				skip |= g.members
			}
		}
	}
	filt := p.sims.filt[:len(r)]
	// The query tokens left, by the bits of 64 at a time.
	for w := 0; w*64 < len(filt); w++ {
		left := ^uint64(0)
		if n := len(filt) - w*64; n < 64 {
			left = 1<<n - 1
		}
		if w == 0 {
			left &^= skip
		}
		for ; left != 0; left &= left - 1 {
			qi := w*64 + bits.TrailingZeros64(left)
			q := &filt[qi]
			if q.flags&qfOnList != 0 && q.listID == id {
				r[qi] = 1
				like |= 1 << qi
				continue
			}
			if plain && q.flags&need == want && q.flags&anyOf != 0 && q.nickBits&lf.textBit == 0 {
				la, same := int(q.n), q.first == first
				up := min(la-bits.OnesCount32(q.present&^lf.present), lb-bits.OnesCount32(lf.present&^q.present))
				if fewLetters(up, la, lb, same) {
					if !m.tt.sameKey(q.keyHash, p.toks[qi].key, id) {
						continue
					}
				} else if c := q.letters.common(&lf.letters); !m.tt.sameKey(q.keyHash, p.toks[qi].key, id) {
					// tokenSimHow's next tests, for a pair of other keys (and
					// not of two syllables: need) that unlike's conditions
					// hold for: no rule before its letters' test applies.
					if fewLetters(c, la, lb, same) || surelyUnlike(&p.toks[qi].token, &m.tt.toks[id], c) {
						continue
					}
				}
			}
			lt := &m.tt.toks[id]
			if q.flags&qfPlain != 0 {
				// The test above is unlike's (or unlike's conditions fail):
				// not made twice.
				r[qi] = float32(simLike(&p.toks[qi].token, lt))
			} else {
				r[qi] = float32(tokenSim(&p.toks[qi].token, lt))
			}
			if r[qi] > 0 {
				like |= 1 << qi
			}
		}
	}
	slot.like = like
	return r, like
}

// alignment is the result of matching the tokens of two name forms.
type alignment struct {
	// score is ratio × weight, what bestName ranks forms by.
	score float64
	// ratio is how much the two names agree, in [0,1]: 1 for the same
	// tokens; weight is how much that agreement proves, from the rarity of
	// what matched (min(1, infoBase + infoSlope×S)).
	ratio, weight float64
	qm            uint16 // bit i: query token i matched
	tm            uint16 // bit j: list token j matched
	// conflict: both names keep name tokens the other lacks; numbers: their
	// numbers differ; whole: matched as the whole names written as one word.
	conflict, numbers, whole bool
}

// pairing is one matched pair of an alignment, for explanations: query
// token i with list token j (and j2 when a compound or an acronym takes
// more than one list token), and why.
type pairing struct {
	i, j, j2 int
	qi2      int // a second query token (a split compound), or -1
	how      how
}

// side is the tokens of one name form, for alignment.
type side struct {
	toks [maxTokens]*token
	n    int
	// first is the index of the first name token; after has bit i set for
	// the tokens after the first connector (bin, ibn, ould): a nasab chain's
	// father's and forefathers' names.
	first int
	after uint16
}

// unmatched counts the name tokens of s that matched (bit i of mask: token
// i) leaves unmatched, those of them not read from Arabic script (which can
// make a conflict), and reports whether a number is among them.
func (s *side) unmatched(mask uint16) (names, conflicting int, number bool) {
	for i := 0; i < s.n; i++ {
		if mask&(1<<i) != 0 {
			continue
		}
		switch k := s.toks[i].kind; {
		case k == normalize.PartNumber:
			number = true
		case named(k):
			names++
			if !s.toks[i].abjad {
				conflicting++
			}
		}
	}
	return names, conflicting, number
}

// roles finds the first name token and the tokens after a connector.
func (s *side) roles() {
	s.first, s.after = -1, 0
	conn := false
	for i, t := range s.toks[:s.n] {
		switch {
		case t.kind == normalize.PartParticle:
			conn = true
		case conn:
			s.after |= 1 << i
		case s.first < 0 && (t.kind == normalize.PartName || t.kind == normalize.PartSyllable):
			s.first = i
		}
	}
}

// align matches the tokens of a query form with those of a stored form,
// whatever their order, and scores the match: matched tokens count by their
// similarity and weight; unmatched tokens cost by what they are (see
// scoring.go): a query name the list lacks costs its weight, or less when
// the whole listed name is matched; a list name the query lacks a share of
// its weight, or all of it when the query has a name of its own in its
// place (a conflict). ex, when not nil, receives the pairs.
func (m *Matcher) align(p *Prepared, qf *qform, tf *form, es *entrySims, loc []uint8, ex *[]pairing) alignment {
	ids := m.st.formTokens(tf)
	var q, t side
	q.n, t.n = min(len(qf.toks), maxTokens), len(ids)
	for i := 0; i < q.n; i++ {
		q.toks[i] = &p.toks[qf.toks[i]].token
	}
	for j, id := range ids {
		t.toks[j] = &m.tt.toks[id]
	}
	q.roles()
	t.roles()
	// Nasab order: when both names are chains (X bin Y), the person's own
	// name never matches a father's: "X bin Y" and "Y bin X" are a father
	// and his son.
	chains := q.after != 0 && t.after != 0
	type pair struct {
		s    float32 // the similarities are float32 (simCache)
		i, j uint8
	}
	var pairs [maxTokens * maxTokens]pair
	np := 0
	for i := 0; i < q.n; i++ {
		qi := qf.toks[i]
		for j := 0; j < t.n; j++ {
			if chains && (i == q.first && t.after&(1<<j) != 0 || j == t.first && q.after&(1<<i) != 0) {
				continue
			}
			var s float64
			if es != nil {
				// es.sims holds only the pairs that are alike (load).
				if es.like[loc[j]]&(1<<qi) == 0 {
					continue
				}
				s = float64(es.sims[qi][loc[j]])
			} else {
				s = m.sim(p, qi, ids[j])
			}
			if s > 0 {
				pairs[np] = pair{float32(s), uint8(i), uint8(j)}
				np++
			}
		}
	}
	// Greedy assignment, best pairs first; ties by position so the result is deterministic.
	ps := pairs[:np]
	for a := 1; a < len(ps); a++ {
		for b := a; b > 0 && better(float64(ps[b].s), int(ps[b].i), int(ps[b].j), float64(ps[b-1].s), int(ps[b-1].i), int(ps[b-1].j)); b-- {
			ps[b], ps[b-1] = ps[b-1], ps[b]
		}
	}
	var al alignment
	var num, info float64
	weakest := 1.0 // the least similarity of a matched pair of names
	for _, pr := range ps {
		i, j, s := int(pr.i), int(pr.j), float64(pr.s)
		if al.qm&(1<<i) != 0 || al.tm&(1<<j) != 0 {
			continue
		}
		al.qm |= 1 << i
		al.tm |= 1 << j
		num += s * (q.toks[i].weight + t.toks[j].weight)
		if named(q.toks[i].kind) && named(t.toks[j].kind) {
			info += s * q.toks[i].weight
			weakest = min(weakest, s)
		}
		if ex != nil {
			_, h := tokenSimHow(q.toks[i], t.toks[j])
			*ex = append(*ex, pairing{i: i, j: j, j2: -1, qi2: -1, how: h})
		}
	}
	// Joined and split compounds: "binladen" against "bin laden", "abdulhai" against "abdul hai".
	n1, i1 := joinSplit(&q, &t, &al.qm, &al.tm, true, ex)
	n2, i2 := joinSplit(&t, &q, &al.tm, &al.qm, false, ex)
	// An acronym against the initials of the other name: "IBM" and
	// "International Business Machines Corporation".
	n3, i3 := acronym(&q, &t, &al.qm, &al.tm, true, ex)
	n4, i4 := acronym(&t, &q, &al.tm, &al.qm, false, ex)
	num += n1 + n2 + n3 + n4
	info += i1 + i2 + i3 + i4

	// What is left unmatched. Tokens read from Arabic script, whose
	// spellings are guesses, leave a name unmatched without being a name of
	// their own: they make no conflict.
	_, cq, numQ := q.unmatched(al.qm)
	ul, cl, numT := t.unmatched(al.tm)
	al.conflict = cq > 0 && cl > 0
	al.numbers = numQ && numT
	den := 0.0
	for i := 0; i < q.n; i++ {
		tk := q.toks[i]
		w := tk.weight
		switch {
		case al.qm&(1<<i) != 0:
		case tk.kind == normalize.PartLegalForm:
			w = 0 // a legal form the other name lacks, or another one: not evidence against
		case tk.kind == normalize.PartGeneric:
			w *= unmatchedListCost // "trading", "company": the distinctive words decide
		case named(tk.kind) && tk.kind != normalize.PartNumber:
			w = max(w, unmatchedQueryFloor)
			if ul == 0 && weakest >= extraQueryMinSim {
				w *= extraQueryCost
			}
		}
		den += w
	}
	// The list's unmatched names, as many as the query's, heaviest first,
	// are in conflict with them.
	conflicts := min(cq, cl)
	var costed uint16
	for ; conflicts > 0; conflicts-- {
		best := -1
		for j := 0; j < t.n; j++ {
			if tk := t.toks[j]; al.tm&(1<<j) == 0 && costed&(1<<j) == 0 && named(tk.kind) && tk.kind != normalize.PartNumber && !tk.abjad &&
				(best < 0 || tk.weight > t.toks[best].weight) {
				best = j
			}
		}
		costed |= 1 << best
		den += conflictListCost * t.toks[best].weight
	}
	// A name the list gives and the query lacks costs a share of its
	// weight: little when what matched is specific, more when it is common
	// ("Ahmed Hassan" against AHMED MAHMOUD HASSAN: the name that would
	// tell them apart is the one missing).
	miss := unmatchedListCost + (1-unmatchedListCost)*(1-min(1, max(0, info-commonInfo)/(specificInfo-commonInfo)))
	for j := 0; j < t.n; j++ {
		tk := t.toks[j]
		switch {
		case al.tm&(1<<j) != 0:
			den += tk.weight
		case costed&(1<<j) != 0, tk.kind == normalize.PartLegalForm:
		case tk.kind == normalize.PartGeneric, !named(tk.kind):
			den += unmatchedListCost * tk.weight
		default:
			den += miss * tk.weight
		}
	}
	if den > 0 {
		al.ratio = num / den
		if al.numbers {
			al.ratio *= numberConflict
		}
		al.weight = p.infoFactor(info)
		al.score = al.ratio * al.weight
	}
	// A space in the wrong place ("LAUREN TNKUNDA" for "LAURENT NKUNDA")
	// breaks tokens but not the letters: compare the names written as one word.
	if al.score < 0.9 && !numQ && !numT {
		if r, w := joinedSim(&q, &t, p.infoFactor(qf.weight)); r*w > al.score {
			al = alignment{score: r * w, ratio: r, weight: w, qm: 1<<q.n - 1, tm: 1<<t.n - 1, whole: true}
			if ex != nil {
				*ex = (*ex)[:0]
			}
		}
	}
	return al
}

// acronym matches an acronym of a (a token written as initials, "IBM",
// "I.B.M."; or the only name token of a) with the initials of b's unmatched
// words, when they are all of them; it returns the weighted similarity it
// adds and the information of the query tokens it matched.
func acronym(a, b *side, am, bm *uint16, aIsQuery bool, ex *[]pairing) (num, info float64) {
	x, names := -1, 0
	for i, t := range a.toks[:a.n] {
		if named(t.kind) {
			names++
		}
		if *am&(1<<i) == 0 && (t.kind == normalize.PartAcronym && len(t.text) >= 2 || t.kind == normalize.PartName && len(t.text) >= 3) && len(t.text) <= maxAcronym {
			if x >= 0 && a.toks[x].kind == normalize.PartAcronym {
				continue
			}
			x = i
		}
	}
	if x < 0 || a.toks[x].kind != normalize.PartAcronym && names != 1 {
		return 0, 0
	}
	at := a.toks[x].text
	k, words := 0, uint16(0)
	for j, t := range b.toks[:b.n] {
		if *bm&(1<<j) != 0 {
			continue
		}
		l := normalize.Part{Text: t.text, Kind: t.kind}.AcronymLetters()
		if l == "" {
			continue
		}
		if k+len(l) > len(at) || at[k:k+len(l)] != l {
			return 0, 0
		}
		k += len(l)
		words |= 1 << j
	}
	if k != len(at) || words&(words-1) == 0 {
		return 0, 0 // not all the letters, or one word only
	}
	*am |= 1 << x
	*bm |= words
	w, first := 0.0, -1
	for j := 0; j < b.n; j++ {
		if words&(1<<j) != 0 {
			w += b.toks[j].weight
			if first < 0 {
				first = j
			}
		}
	}
	num = acronymSim * (a.toks[x].weight + w)
	if aIsQuery {
		info = acronymSim * a.toks[x].weight
	} else {
		info = acronymSim * w
	}
	if ex != nil {
		if aIsQuery {
			*ex = append(*ex, pairing{i: x, j: first, j2: -2, qi2: -1, how: howAcronym})
		} else {
			*ex = append(*ex, pairing{i: first, j: x, j2: -1, qi2: -2, how: howAcronym})
		}
	}
	return num, info
}

// joinedLen is the length of the ordinary tokens of s written as one word.
func (s *side) joinedLen() int {
	n := 0
	for _, t := range s.toks[:s.n] {
		if ordinary(t.kind) {
			n += len(t.text)
		}
	}
	return n
}

// addLetters adds the letter counts of the ordinary tokens of s to c.
func (s *side) addLetters(c *letterCounts) {
	for _, t := range s.toks[:s.n] {
		if ordinary(t.kind) {
			c.add(&t.letters)
		}
	}
}

// joined writes the ordinary tokens of s as one word into buf.
func (s *side) joined(buf []byte) []byte {
	for _, t := range s.toks[:s.n] {
		if ordinary(t.kind) {
			buf = append(buf, t.text...)
		}
	}
	return buf
}

// joinedSim compares two forms written as one word, in order: one edit in a
// long name (two in a very long one) still matches; nothing else does (and
// no edit in a Chinese or Korean name: one letter is another syllable). w
// is what the query form's weight proves (Prepared.infoFactor); it returns
// the agreement and its weight.
func joinedSim(q, t *side, w float64) (ratio, weight float64) {
	la, lb := q.joinedLen(), t.joinedLen()
	if la < 8 || lb < 8 || !lengthsClose(la, lb) || la > maxFast || lb > maxFast {
		return 0, 0
	}
	maxEdits := 1
	if min(la, lb) >= 14 {
		maxEdits = 2
	}
	if q.syllables() || t.syllables() {
		maxEdits = 0
	}
	// With the spaces in the same places the tokens have said it all ("anna
	// ivanova", "anna ivanov" is no space in the wrong place).
	if sameBoundaries(q, t) {
		return 0, 0
	}
	// Each edit changes at most one letter of the counts on each side: when
	// the letters the two share leave more unmatched, no comparison is needed.
	var ca, cb letterCounts
	q.addLetters(&ca)
	t.addLetters(&cb)
	if max(la, lb)-ca.common(&cb) > maxEdits {
		return 0, 0
	}
	var ba, bb [maxFast]byte
	a, b := q.joined(ba[:0]), t.joined(bb[:0])
	d := 0
	if maxEdits == 0 {
		if string(a) != string(b) {
			return 0, 0
		}
	} else if d = normalize.EditDistance(string(a), string(b), maxEdits); d > maxEdits {
		return 0, 0
	}
	return joinedSame - joinedPerEdi*float64(d), w
}

// sameBoundaries reports whether the ordinary tokens of q and t, written
// as one word, have their spaces at the same offsets.
func sameBoundaries(q, t *side) bool {
	i, j, oq, ot := 0, 0, 0, 0
	for {
		for i < q.n && !ordinary(q.toks[i].kind) {
			i++
		}
		for j < t.n && !ordinary(t.toks[j].kind) {
			j++
		}
		if i == q.n || j == t.n {
			return i == q.n && j == t.n
		}
		oq += len(q.toks[i].text)
		ot += len(t.toks[j].text)
		i++
		j++
		for i < q.n && !ordinary(q.toks[i].kind) {
			i++
		}
		for j < t.n && !ordinary(t.toks[j].kind) {
			j++
		}
		if i == q.n || j == t.n {
			return i == q.n && j == t.n
		}
		if oq != ot {
			return false
		}
	}
}

// syllables reports whether s holds syllables of a Chinese or Korean name.
func (s *side) syllables() bool {
	for _, t := range s.toks[:s.n] {
		if t.kind == normalize.PartSyllable {
			return true
		}
	}
	return false
}

func better(s1 float64, i1, j1 int, s2 float64, i2, j2 int) bool {
	if s1 != s2 {
		return s1 > s2
	}
	if i1 != i2 {
		return i1 < i2
	}
	return j1 < j2
}

// joinSplit matches each unmatched token of a with two adjacent unmatched
// tokens of b written as one, and returns the weighted similarity it adds and
// the information of the query tokens it matched (aIsQuery tells which side
// is the query).
func joinSplit(a, b *side, am, bm *uint16, aIsQuery bool, ex *[]pairing) (num, info float64) {
	// Nothing to do unless b has two adjacent tokens unmatched.
	free := ^*bm & (1<<b.n - 1)
	if free&(free>>1) == 0 || ^*am&(1<<a.n-1) == 0 {
		return 0, 0
	}
	for i := 0; i < a.n; i++ {
		if *am&(1<<i) != 0 || a.toks[i].kind != normalize.PartName && a.toks[i].kind != normalize.PartSyllable {
			continue
		}
		syl := a.toks[i].kind == normalize.PartSyllable
		at := a.toks[i].text
		for j := 0; j+1 < b.n; j++ {
			if *bm&(1<<j) != 0 || *bm&(1<<(j+1)) != 0 {
				continue
			}
			b1, b2 := b.toks[j].text, b.toks[j+1].text
			var s float64
			if syl || b.toks[j].kind == normalize.PartSyllable {
				// Syllables: the same ones, in some romanisation ("jongun",
				// "chong un").
				if d := len(at) - len(b1) - len(b2); d < -3 || d > 3 || !a.toks[i].syllabic || !b.toks[j].syllabic || !b.toks[j+1].syllabic ||
					!compoundSyllables(a.toks[i], b.toks[j], b.toks[j+1]) {
					continue
				}
				s = sameSyllables
				if at == b1+b2 {
					s = 1
				}
			} else {
				if len(b1)+len(b2) < len(at)-2 || len(b1)+len(b2) > len(at)+2 || b1[0] != at[0] {
					continue
				}
				if s = jaroWinklerJoined(at, b1, b2); s < compoundMin {
					continue
				}
			}
			*am |= 1 << i
			*bm |= 1<<j | 1<<(j+1)
			num += s * (a.toks[i].weight + b.toks[j].weight + b.toks[j+1].weight)
			if aIsQuery {
				info += s * a.toks[i].weight
			} else {
				info += s * (b.toks[j].weight + b.toks[j+1].weight)
			}
			if ex != nil {
				if aIsQuery {
					*ex = append(*ex, pairing{i: i, j: j, j2: j + 1, qi2: -1, how: howCompound})
				} else {
					*ex = append(*ex, pairing{i: j, qi2: j + 1, j: i, j2: -1, how: howCompound})
				}
			}
			break
		}
	}
	return num, info
}

// bestName returns the best name score over every pair of query form and
// form of entry i, and the indexes of that pair (the query form, and the
// form in the store; -1 when nothing matched); ratio and weight are the
// agreement and weight of that pair (best = ratio × weight). es, when not
// nil, holds the token similarities of the entry (see entrySims.load). A
// caller that needs only a score of at least need learns nothing from the
// pairs whose bound is lower (when nameBound has filled es): they are not
// compared, and a result below need may be below the best.
func (m *Matcher) bestName(p *Prepared, i int, es *entrySims, need float64) (best float64, qi, fj int, ratio, weight float64) {
	qi, fj = -1, -1
	lo, hi := int(m.st.formAt[i]), int(m.st.formAt[i+1])
	if es != nil && es.bounded {
		return m.bestNameBounded(p, i, es, need)
	}
	for a := range p.forms {
		for j := lo; j < hi; j++ {
			tf := &m.st.forms[j]
			var loc []uint8
			if es != nil {
				loc = es.loc[es.at[j-lo]:es.at[j-lo+1]]
			}
			al := m.align(p, &p.forms[a], tf, es, loc, nil)
			w := al.weight * qualityFactor[tf.quality]
			s := al.ratio * w
			if s > best || s == best && s > 0 && al.ratio > ratio {
				best, qi, fj, ratio, weight = s, a, j, al.ratio, w
				if best >= 1 {
					return best, qi, fj, ratio, weight
				}
			}
		}
	}
	return best, qi, fj, ratio, weight
}

// boundSlack absorbs the rounding of a bound computed in another order
// than the score it bounds.
const boundSlack = 1e-9

// formBoundSlack absorbs the rounding of one bound that is at most another
// in exact arithmetic (formBound of fewer or lesser similarities).
const formBoundSlack = 1e-6

// bestNameBounded is bestName once nameBound has filled es: it bounds each
// pair of query form and entry form, aligns the pairs from the highest
// bound down, and stops at the first bound below the best score found. It
// returns what bestName returns: the pair of the highest score, of those
// the highest ratio, of those the first in the order bestName compares
// them — unless that score is below need, whose pairs it does not align.
func (m *Matcher) bestNameBounded(p *Prepared, i int, es *entrySims, need float64) (best float64, qi, fj int, ratio, weight float64) {
	qi, fj = -1, -1
	lo, hi := int(m.st.formAt[i]), int(m.st.formAt[i+1])
	nf := hi - lo
	ps := es.pairs[:0]
	var quality [maxEntryForms]float64
	for j := 0; j < nf; j++ {
		quality[j] = qualityFactor[m.st.forms[lo+j].quality]
	}
	for a := range p.forms {
		fmask := p.forms[a].mask()
		for j := 0; j < nf; j++ {
			// The pair's bound is at most the form's (nameBound's: the same
			// bound over all the entry's tokens, no list token left out)
			// times the quality; a pair that cannot reach need is left
			// out, as it would be below (with room for rounding).
			if es.formBound[a]*quality[j]+formBoundSlack < need {
				continue
			}
			b := m.pairBound(p, es, a, j, fmask) * quality[j]
			if b > 0 && b+boundSlack >= need {
				ps = append(ps, formPair{b, a, j})
			}
		}
	}
	// Highest bound first; ties in bestName's order.
	es.pairs = ps
	slices.SortFunc(ps, func(x, y formPair) int {
		if x.b != y.b {
			return cmp.Compare(y.b, x.b)
		}
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.j, y.j))
	})
	for _, pr := range ps {
		if pr.b+boundSlack < best {
			break
		}
		if best >= 1 && (pr.a > qi || pr.a == qi && lo+pr.j > fj) {
			continue // the first pair in order that scores 1 is the one
		}
		tf := &m.st.forms[lo+pr.j]
		al := m.align(p, &p.forms[pr.a], tf, es, es.loc[es.at[pr.j]:es.at[pr.j+1]], nil)
		w := al.weight * quality[pr.j]
		s := al.ratio * w
		earlier := pr.a < qi || pr.a == qi && lo+pr.j < fj
		if best >= 1 && s >= 1 || // (only earlier pairs are compared once one scores 1)
			best < 1 && (s > best || s == best && s > 0 && (al.ratio > ratio || al.ratio == ratio && earlier)) {
			best, qi, fj, ratio, weight = s, pr.a, lo+pr.j, al.ratio, w
		}
	}
	return best, qi, fj, ratio, weight
}

// pairBound bounds the name score of query form a against form j of the
// entry whose similarities es holds, before the form's quality, from what
// nameBound found of the entry: formBound of each query token's best
// similarity with a token of the form (1 where a compound or an acronym
// could match it there), and what the form's tokens like no query token
// surely cost; or the whole name's bound, when the form written as one
// word may match it. fmask is qf.mask().
func (m *Matcher) pairBound(p *Prepared, es *entrySims, a, j int, fmask uint32) float64 {
	qf := &p.forms[a]
	nq := min(len(qf.toks), maxTokens)
	loc := es.loc[es.at[j]:es.at[j+1]]
	// Each query token's best similarity with a token of the form,
	// and the heaviest token of the form it is like, from the pairs
	// that are alike (like), not every pair. unliked: the form's
	// tokens like no token of the query form.
	var best, heavy [maxSimQuery]float32
	unliked := false
	for _, l := range loc {
		set := es.like[l] & fmask
		unliked = unliked || set == 0
		for ; set != 0; set &= set - 1 {
			qi := bits.TrailingZeros32(set)
			best[qi] = max(best[qi], es.sims[qi][l])
			heavy[qi] = max(heavy[qi], es.w[l])
		}
	}
	// The compounds nameBound found possible in some form of the
	// entry, of those this form allows (align compares the form's
	// tokens alone).
	lifted := es.lifted[a]
	if lifted != 0 {
		lifted = m.formLifted(p, qf, loc, es, lifted)
	}
	var sims, lw [maxTokens]float64
	for k := 0; k < nq; k++ {
		sims[k], lw[k] = float64(best[qf.toks[k]]), float64(heavy[qf.toks[k]])
		if lifted&(1<<k) != 0 {
			sims[k], lw[k] = 1, max(lw[k], compoundWeight)
		}
		if es.acro[a]&(1<<k) != 0 {
			sims[k], lw[k] = 1, max(lw[k], acronymWeight)
		}
	}
	// With no compound or acronym possible, a list token like no
	// query token is left unmatched, and costs at least
	// unmatchedListCost of its weight (a legal form nothing).
	// And with a name of the list's left so, an unmatched query
	// name costs no less than max(its weight, unmatchedQueryFloor):
	// extraQueryCost is for a list name wholly matched.
	listCost, nameLeft := 0.0, false
	if lifted|es.acro[a] == 0 && unliked {
		for _, l := range loc {
			if t := &m.tt.toks[es.ids[l]]; es.like[l]&fmask == 0 && t.kind != normalize.PartLegalForm {
				listCost += unmatchedListCost * t.weight
				nameLeft = nameLeft || named(t.kind) && t.kind != normalize.PartNumber
			}
		}
	}
	b := m.formBound(p, qf, sims[:nq], lw[:nq], listCost, nameLeft)
	if es.joinable[a]&(1<<j) != 0 {
		b = max(b, joinedSame*p.infoFactor(qf.weight))
	}
	return b
}

// mask returns the query tokens of qf that align compares, as the bits of
// entrySims.like.
func (qf *qform) mask() uint32 {
	var fmask uint32
	for _, qi := range qf.toks[:min(len(qf.toks), maxTokens)] {
		fmask |= 1 << qi
	}
	return fmask
}

// formLifted returns the bits of lifted (nameBound's compounds of query
// form qf against all the entry's tokens, bit k for the form's token k)
// whose compound the entry's form of local tokens loc allows, as align
// compares the form's tokens alone: token k against two adjacent tokens of
// the form, or tokens k and k+1 written as one against a token of the form
// (compoundCould, which joinSplit's match needs).
func (m *Matcher) formLifted(p *Prepared, qf *qform, loc []uint8, es *entrySims, lifted uint16) uint16 {
	var out uint16
	nq := min(len(qf.toks), maxTokens)
	for k := 0; k < nq; k++ {
		if lifted&(1<<k) == 0 {
			continue
		}
		q := &p.toks[qf.toks[k]].token
		if out&(1<<k) == 0 {
			for x := 0; x+1 < len(loc); x++ {
				if compoundCould(q, &m.tt.toks[es.ids[loc[x]]], &m.tt.toks[es.ids[loc[x+1]]]) {
					out |= 1 << k
					break
				}
			}
		}
		if k+1 < nq && lifted&(1<<(k+1)) != 0 {
			q2 := &p.toks[qf.toks[k+1]].token
			for _, l := range loc {
				if compoundCould(&m.tt.toks[es.ids[l]], q, q2) {
					out |= 3 << k
					break
				}
			}
		}
	}
	return out
}

// Limits of entrySims: an entry or query beyond them is compared through
// the query's similarity cache alone.
const (
	maxEntryTokens = 64  // distinct tokens of one entry
	maxEntryForms  = 64  // forms of one entry
	maxSimQuery    = 32  // distinct tokens of the query
	maxEntryRefs   = 512 // tokens of all the forms of one entry
)

// entrySims is the similarity of each query token with each distinct token
// of one entry, computed once for all the entry's forms: nameBound reads it
// to skip the entry, align to compare its forms.
type entrySims struct {
	ids [maxEntryTokens]uint32
	w   [maxEntryTokens]float32 // their weights (rounded up)
	n   int
	// sims[q][l] is the similarity of query token q with the entry's
	// token l where like[l] has bit q set, and is not read where it has
	// not (0: load writes only the pairs that are alike).
	sims [maxSimQuery][maxEntryTokens]float32
	// loc[at[f]:at[f+1]] are the local indexes of the tokens of form f.
	loc [maxEntryRefs]uint8
	at  [maxEntryForms + 1]uint16
	// What nameBound found, for bestName to bound each pair of forms (when
	// bounded is set): lifted[a] has bit k set when a compound could match
	// token k of query form a, acro[a] when an acronym could; joinable[a] bit f when
	// form f of the entry, written as one word, has all but an edit or two
	// of the letters of query form a.
	lifted, acro [maxBoundForms]uint16
	joinable     [maxBoundForms]uint64
	// formBound[a] is nameBound's bound of query form a against the entry.
	formBound [maxBoundForms]float64
	bounded   bool
	// What compoundBound found for the entry: splitKnown bit k when split
	// bit k says whether query token k could be matched with two adjacent
	// tokens of a form; joinKnown[a] bit b when joinOK[a] bit b says
	// whether query tokens a and b written as one could be matched with a
	// token.
	splitKnown, split uint32
	joinKnown, joinOK [maxSimQuery]uint32
	// shapes says, once it is not nil, which compounds the entry's tokens
	// allow at all (compoundShapes): shapeRoom, or what a Bound kept of
	// the entry.
	shapes    *compoundShapes
	shapeRoom compoundShapes
	// brief and seen are shape's scratch space: the tokenBrief of each
	// local token, and the pairs of local tokens met.
	brief [maxEntryTokens]uint16
	seen  [maxEntryTokens]uint64
	// joined are, once joinedKnown is set, the entry's forms that
	// nameBound compares written as one word (joinedForms): in joinedRoom,
	// or what a Bound kept of the entry. joinedAll: they are all the
	// entry's forms of the lengths joinedSim compares, not only those of
	// about the lengths of this query's (joinedForms), and may be kept.
	joined                 []joinedForm
	joinedRoom             [maxEntryForms]joinedForm
	joinedKnown, joinedAll bool
	// acronymIDs[:nAcronyms] are, once acronymsKnown is set, the tokens of
	// the entry's forms that could be acronyms (acronyms).
	acronymIDs    [maxEntryForms]uint32
	nAcronyms     int
	acronymsKnown bool
	// pairs is bestNameBounded's room for its pairs of forms.
	pairs []formPair
	// rowMax[q] is the best similarity of query token q with a token of
	// the entry, rowHeavy[q] the weight of the heaviest token of the
	// entry's it is like; like[l] has bit q set when query token q is like
	// the entry's token l at all (load).
	rowMax, rowHeavy [maxSimQuery]float32
	like             [maxEntryTokens]uint32
}

// compoundShapes are the first letters and lengths of an entry's name
// tokens and of its pairs of adjacent tokens written as one: compoundCould
// cannot hold for a length and first letter they lack. Syllables, which
// compoundCould compares by length alone, are only noted.
type compoundShapes struct {
	tok, pair       [27]uint64 // bit n of [c]: a token (pair) of n letters beginning with c
	tokSyl, pairSyl bool
	// names[:nNames] are the entry's name tokens, each a local index and
	// the letterSlot of its first letter; pairs[:nPairs] its distinct pairs
	// of adjacent tokens (of any form) whose first is not a syllable, by
	// their local indexes, with the letterSlot of the first. A reader takes
	// those of the letter it asks for: an entry has a few of each, and
	// sorting them by letter cost more than every reading of them.
	names  [maxEntryTokens][2]uint8
	pairs  [maxEntryRefs][3]uint8
	nNames uint8
	nPairs uint16
}

// letterSlot is the index of a token's first letter in compoundShapes.
func letterSlot(b byte) int {
	if b >= 'a' && b <= 'z' {
		return int(b - 'a')
	}
	return 26
}

// lengthsNear reports whether mask has a bit within two of n (bit 63
// standing for 63 letters or more).
func lengthsNear(mask uint64, n int) bool {
	lo, hi := min(63, max(0, n-2)), min(63, n+2)
	return mask&((uint64(1)<<(hi-lo+1)-1)<<lo) != 0
}

// shape returns the compoundShapes of entry i, made once.
func (es *entrySims) shape(m *Matcher, i int) *compoundShapes {
	if es.shapes != nil {
		return es.shapes
	}
	sh := &es.shapeRoom
	es.shapes = sh
	sh.tok, sh.pair, sh.tokSyl, sh.pairSyl = [27]uint64{}, [27]uint64{}, false, false
	sh.nNames, sh.nPairs = 0, 0
	brief := es.brief[:es.n]
	for l, id := range es.ids[:es.n] {
		b := m.tt.brief[id]
		brief[l] = b
		switch {
		case b&briefSyllable != 0:
			sh.tokSyl = true
		case b&briefName != 0:
			c := briefSlot(b)
			sh.tok[c] |= 1 << min(63, briefLen(b))
			sh.names[sh.nNames] = [2]uint8{uint8(l), uint8(c)}
			sh.nNames++
		}
	}
	// The distinct pairs of adjacent tokens, by their local indexes.
	seen := es.seen[:es.n]
	clear(seen)
	for f := range m.st.entryForms(i) {
		loc := es.loc[es.at[f]:es.at[f+1]]
		for j := 0; j+1 < len(loc); j++ {
			l1, l2 := loc[j], loc[j+1]
			b1, b2 := brief[l1], brief[l2]
			if b1&briefSyllable != 0 {
				sh.pairSyl = true
				continue
			}
			c := briefSlot(b1)
			sh.pair[c] |= 1 << min(63, briefLen(b1)+briefLen(b2))
			if seen[l1]&(1<<l2) == 0 {
				seen[l1] |= 1 << l2
				sh.pairs[sh.nPairs] = [3]uint8{l1, l2, uint8(c)}
				sh.nPairs++
			}
		}
	}
	return sh
}

// forget drops what nameBound and compoundBound found for the last pair
// of query and entry.
func (es *entrySims) forget() {
	es.bounded = false
	es.splitKnown, es.split, es.shapes, es.acronymsKnown = 0, 0, nil, false
	es.joined, es.joinedKnown, es.joinedAll = nil, false, false
	clear(es.joinKnown[:])
}

// weigh fills es.w from the weights of es.ids, rounded up to float32.
func (es *entrySims) weigh(m *Matcher) {
	for k, id := range es.ids[:es.n] {
		w := m.tt.toks[id].weight
		f := float32(w)
		if float64(f) < w {
			f = math.Nextafter32(f, math.MaxFloat32)
		}
		es.w[k] = f
	}
}

// The most weight the list tokens a query token is matched with can have:
// two list tokens of a compound, each weighing at most 1 (kindWeight), and
// the words of a name an acronym stands for.
const (
	compoundWeight = 2
	acronymWeight  = maxTokens
)

// formPair is a pair of query form a and entry form j (of the entry's)
// with the bound b of its score.
type formPair struct {
	b    float64
	a, j int
}

// maxBoundForms is the most query forms whose bounds entrySims keeps.
const maxBoundForms = 32

// load fills es for entry i; it returns false when the entry or the query
// is too large for it.
func (es *entrySims) load(m *Matcher, p *Prepared, i int) bool {
	st := &m.st
	forms := st.entryForms(i)
	if len(forms) > maxEntryForms || len(p.toks) > maxSimQuery {
		return false
	}
	// The entry's distinct tokens, their weights and each form token's
	// local index, as layout made them.
	lay := &st.lay
	lo, hi := lay.at[i], lay.at[i+1]
	rlo, rhi := lay.refAt[i], lay.refAt[i+1]
	if hi-lo > maxEntryTokens || rhi-rlo > maxEntryRefs {
		return false
	}
	es.forget()
	es.n = copy(es.ids[:], lay.ids[lo:hi])
	copy(es.w[:], lay.w[lo:hi])
	copy(es.loc[:], lay.loc[rlo:rhi])
	refs := 0
	for f := range forms {
		es.at[f] = uint16(refs)
		refs += int(forms[f].n)
	}
	es.at[len(forms)] = uint16(refs)
	// The similarities, and what nameBound reads of them, in one pass.
	nq := len(p.toks)
	clear(es.rowMax[:nq])
	clear(es.rowHeavy[:nq])
	// Only the pairs that are alike are written: the rest are read as 0
	// through like, and left as an earlier entry left them.
	for k := 0; k < es.n; k++ {
		w := es.w[k]
		row, like := m.simRow(p, es.ids[k])
		es.like[k] = uint32(like)
		for ; like != 0; like &= like - 1 {
			qi := bits.TrailingZeros64(like)
			v := row[qi]
			es.sims[qi][k] = v
			es.rowMax[qi], es.rowHeavy[qi] = max(es.rowMax[qi], v), max(es.rowHeavy[qi], w)
		}
	}
	return true
}

// nameDetail explains a name comparison in words an officer reads: the
// names as written (and read, when written in another script), how much
// they agree and how much that proves, which query token went with which
// list token and why, and what is left over on either side.
func (m *Matcher) nameDetail(p *Prepared, qf *qform, tf *form, e *lists.Entry, ratio, weight float64) string {
	var ex []pairing
	al := m.align(p, qf, tf, nil, nil, &ex)
	ids := m.st.formTokens(tf)
	qtok := func(i int) string { return p.toks[qf.toks[i]].text }
	ltok := func(j int) string { return m.tt.toks[ids[j]].text }
	n := e.Names[tf.name]
	var b strings.Builder
	b.WriteString(quoteRead(qf.orig, qf.read, qf.text))
	fmt.Fprintf(&b, " vs %s name %s", qualityWord(n.Quality), quoteRead(n.Full, m.readAs(n.Full), m.formWords(tf)))
	switch {
	case al.whole:
		fmt.Fprintf(&b, ": agreement %.2f, written as one word", ratio)
	case ratio >= 1:
		b.WriteString(": the same name")
	default:
		fmt.Fprintf(&b, ": agreement %.2f", ratio)
	}
	switch {
	case weight >= 0.995:
	case weight >= 0.8:
		fmt.Fprintf(&b, " (weight %.2f: names of some rarity)", weight)
	default:
		fmt.Fprintf(&b, " (weight %.2f: common names, too common to decide on alone)", weight)
	}
	if q, l := len(qf.toks), len(ids); q == 1 || l == 1 {
		switch {
		case q == 1 && l == 1:
			b.WriteString("; both are names of one token")
		case q == 1:
			b.WriteString("; the query is a name of one token")
		default:
			b.WriteString("; the list's name is of one token")
		}
	}
	if len(ex) > 0 {
		b.WriteString("; ")
		for k, pr := range ex {
			if k > 0 {
				b.WriteString(", ")
			}
			switch {
			case pr.how == howAcronym && pr.j2 == -2:
				fmt.Fprintf(&b, "%s → the initials of %s (acronym)", qtok(pr.i), strings.Join(m.unmatchedWords(tf, pr.j), " "))
			case pr.how == howAcronym:
				fmt.Fprintf(&b, "the initials of the query → %s (acronym)", ltok(pr.j))
			case pr.j2 >= 0:
				fmt.Fprintf(&b, "%s → %s %s (%s)", qtok(pr.i), ltok(pr.j), ltok(pr.j2), pr.how)
			case pr.qi2 >= 0:
				fmt.Fprintf(&b, "%s %s → %s (%s)", qtok(pr.i), qtok(pr.qi2), ltok(pr.j), pr.how)
			default:
				fmt.Fprintf(&b, "%s → %s (%s)", qtok(pr.i), ltok(pr.j), pr.how)
			}
		}
	}
	var missQ, missL []string
	for i, k := range qf.toks {
		if tk := &p.toks[k]; al.qm&(1<<i) == 0 && named(tk.kind) {
			missQ = append(missQ, tk.text)
		}
	}
	for j, id := range ids {
		if tk := &m.tt.toks[id]; al.tm&(1<<j) == 0 && named(tk.kind) {
			missL = append(missL, tk.text)
		}
	}
	if len(missQ) > 0 {
		fmt.Fprintf(&b, "; not on the list: %s", strings.Join(missQ, ", "))
		if len(missL) == 0 {
			b.WriteString(" (more names than the list gives)")
		}
	}
	if len(missL) > 0 {
		fmt.Fprintf(&b, "; not in the query: %s", strings.Join(missL, ", "))
	}
	if al.numbers {
		b.WriteString("; the numbers differ: another one of a series")
	} else if al.conflict {
		b.WriteString("; each name has a name the other lacks: evidence of two people")
	}
	return b.String()
}

// readAs returns the first romanisation of an entry's name not written in
// Latin letters (quoteRead's reading; any for one that is), computed once
// for the names explanations quote again and again.
func (m *Matcher) readAs(name string) string {
	if normalize.IsLatin(name) {
		return ""
	}
	if r, ok := m.reads.Load(name); ok {
		return r.(string)
	}
	read := ""
	if r := normalize.Romanize(name); len(r) > 0 {
		read = r[0]
	}
	m.reads.Store(name, read)
	return read
}

// quoteRead quotes a name as written and, when it is written in another
// script, the spelling it is read as (read: its first romanisation, any for
// a name in Latin letters); compared is the form compared, shown when it
// is not that spelling.
func quoteRead(written, read, compared string) string {
	if normalize.IsLatin(written) {
		return fmt.Sprintf("%q", written)
	}
	if read == "" || read == compared {
		return fmt.Sprintf("%q (read as %q)", written, compared)
	}
	return fmt.Sprintf("%q (read as %q, compared as %q)", written, read, compared)
}

// formWords returns the tokens of a stored form as words.
func (m *Matcher) formWords(tf *form) string {
	var b strings.Builder
	for k, id := range m.st.formTokens(tf) {
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(m.tt.toks[id].text)
	}
	return b.String()
}

// unmatchedWords returns the words of a stored form from token j on that
// an acronym took (those that give letters).
func (m *Matcher) unmatchedWords(tf *form, j int) []string {
	var out []string
	for _, id := range m.st.formTokens(tf)[j:] {
		t := &m.tt.toks[id]
		if (normalize.Part{Text: t.text, Kind: t.kind}).AcronymLetters() != "" {
			out = append(out, t.text)
		}
	}
	return out
}

func qualityWord(q lists.NameQuality) string {
	switch q {
	case lists.NamePrimary:
		return "primary"
	case lists.NameGood:
		return "alias"
	case lists.NameLow:
		return "low-quality alias"
	case lists.NameFormer:
		return "former"
	case lists.NameOriginalScript:
		return "original-script"
	}
	return string(q)
}

// nameBound returns an upper bound of the name score of entry i against p,
// from es, the best similarity of each query token with any token of the
// entry and the heaviest token it is like (formBound, for each query
// form). A query token that a compound or an acronym could match counts as
// matched; a whole-name comparison is bounded by its best possible value
// where some form shares enough letters. What it finds per query form is
// kept in es for bestName's bounds of each pair of forms.
func (m *Matcher) nameBound(p *Prepared, i int, es *entrySims) float64 {
	best := 0.0
	es.bounded = len(p.forms) <= maxBoundForms
	// The forms written as one word, and whether any may be joinable,
	// found once per query (not for a Bound's query, which has no
	// similarity cache: each form's, as it comes).
	var whole *wholeForms
	wholeMay := true
	lo, hi := 8, maxFast // the lengths of the query's forms written as one word
	if p.sims != nil {
		whole = p.wholeForms()
		lo, hi = whole.min, whole.max
		wholeMay = whole.n == 1 || whole.n > 1 && whole.may(es.joinedForms(m, i, lo, hi))
	}
	for a := range p.forms {
		qf := &p.forms[a]
		var sims, lw [maxTokens]float64
		nq := min(len(qf.toks), maxTokens)
		for k := 0; k < nq; k++ {
			sims[k], lw[k] = float64(es.rowMax[qf.toks[k]]), float64(es.rowHeavy[qf.toks[k]])
		}
		lifted := m.compoundBound(p, qf, i, es, nq)
		acro := m.acronymBound(qf, i, es, nq)
		for set := lifted | acro; set != 0; set &= set - 1 {
			k := bits.TrailingZeros16(set)
			sims[k] = 1
			if lifted&(1<<k) != 0 {
				lw[k] = max(lw[k], compoundWeight)
			}
			if acro&(1<<k) != 0 {
				lw[k] = max(lw[k], acronymWeight)
			}
		}
		fb := m.formBound(p, qf, sims[:nq], lw[:nq], 0, false)
		// The whole name written as one word (joinedSim), where some form
		// shares all but an edit or two of its letters.
		var joinable uint64
		var wf wholeForm
		if whole != nil {
			wf = whole.forms[a]
		} else {
			wf = qf.whole(p)
		}
		if wf.n >= 8 && wf.n <= maxFast && wholeMay {
			jq := wf.n
			for _, jf := range es.joinedForms(m, i, lo, hi) {
				edits := 1
				if min(jq, jf.n) >= 14 {
					edits = 2
				}
				if lengthsClose(jq, jf.n) && max(jq, jf.n)-wf.letters.common(&jf.letters) <= edits {
					fb = max(fb, joinedSame*p.infoFactor(qf.weight))
					joinable |= 1 << jf.f
				}
			}
		}
		if es.bounded {
			es.joinable[a], es.lifted[a], es.acro[a], es.formBound[a] = joinable, lifted, acro, fb
		}
		best = max(best, fb)
	}
	return min(best, 1)
}

// wholeForm is a query form's ordinary tokens written as one word: its
// length and letters.
type wholeForm struct {
	n       int
	letters letterCounts
}

// whole returns qf's ordinary tokens written as one word.
func (qf *qform) whole(p *Prepared) wholeForm {
	var wf wholeForm
	for _, k := range qf.toks {
		if t := &p.toks[k]; ordinary(t.kind) {
			wf.n += len(t.text)
			wf.letters.add(&t.letters)
		}
	}
	return wf
}

// wholeForms are the query's forms written as one word (wholeForm, by
// form), and of the n of those of a length joinedSim compares (8 to
// maxFast letters) the least and most letters, min and max, and the most
// of each letter, letters; over when a form's letters count 128 or more
// of one letter (which letterCounts.common does not read). (With one such
// form, nameBound's own test of it is the test.)
type wholeForms struct {
	forms       []wholeForm
	n, min, max int
	letters     letterCounts
	over        bool
}

// wholeForms returns p's forms written as one word, made once per query.
func (p *Prepared) wholeForms() *wholeForms {
	c := p.cache()
	w := &c.whole
	if c.wholeKnown {
		return w
	}
	c.wholeKnown = true
	w.n, w.min, w.max, w.letters, w.over = 0, math.MaxInt, -1, letterCounts{}, false
	for a := range p.forms {
		wf := p.forms[a].whole(p)
		w.forms = append(w.forms, wf)
		if wf.n >= 8 && wf.n <= maxFast {
			w.n++
			w.min, w.max = min(w.min, wf.n), max(w.max, wf.n)
			w.over = w.over || wf.letters.over()
			for k := range w.letters {
				w.letters[k] = maxBytes(w.letters[k], wf.letters[k])
			}
		}
	}
	return w
}

// may reports whether some query form written as one word could be
// within the edits nameBound allows (two at most) of one of the entry's
// forms js written as one word: of about the length of one, and with all
// but two of its letters among the most of each the forms have.
func (w *wholeForms) may(js []joinedForm) bool {
	if w.over {
		return true
	}
	for _, jf := range js {
		if max(w.min, jf.n)-w.letters.common(&jf.letters) <= 2 && lengthsNearRange(w.min, w.max, jf.n) {
			return true
		}
	}
	return false
}

// lengthsNearRange reports whether some length from lo to hi is
// lengthsClose to n: n itself, or the nearest of them, lo or hi (nearer
// by one letter is closer by one, and farther from n only by the one
// letter the longer may grow).
func lengthsNearRange(lo, hi, n int) bool {
	switch {
	case lo > hi:
		return false
	case n < lo:
		return lengthsClose(lo, n)
	case n > hi:
		return lengthsClose(hi, n)
	}
	return true
}

// joinedForm is a form of an entry written as one word: its length and
// letters (of its ordinary tokens), and its number.
type joinedForm struct {
	n       int
	f       int // the form
	letters letterCounts
}

// joinedForms returns, once per entry, the forms of entry i whose ordinary
// tokens written as one word are of a length joinedSim compares (8 to
// maxFast letters) and lengthsClose to one from lo to hi (the query's forms
// written as one word: no other is compared with them), with their
// letters. The lengths are the forms' own (form.joined): only the tokens
// of the forms returned are read.
func (es *entrySims) joinedForms(m *Matcher, i, lo, hi int) []joinedForm {
	if es.joinedKnown {
		return es.joined
	}
	st := &m.st
	js := es.joinedRoom[:0]
	forms := st.entryForms(i)
	for f := range forms {
		n := int(forms[f].joined)
		if n < 8 || n > maxFast || !lengthsNearRange(lo, hi, n) {
			continue
		}
		jf := joinedForm{f: f, n: n}
		for _, id := range st.formTokens(&forms[f]) {
			if lf := &m.tt.filt[id]; lf.flags&lfOrdinary != 0 {
				jf.letters.add(&lf.letters)
			}
		}
		js = append(js, jf)
	}
	es.joined, es.joinedKnown, es.joinedAll = js, true, lo <= 8 && hi >= maxFast
	return js
}

// formBound bounds the name score of query form qf against names in which
// its token k is at best sims[k] like a token whose weight (or, matched as
// a compound or an acronym, the weights of the list tokens it takes) is at
// most lw[k], and whose tokens left unmatched cost at least listCost.
//
// align's ratio is N/D: each matched query token k adds s·x to N and x to
// D, with s ≤ sims[k] and x its weight and its list token's (between wq
// and wq+lw[k]); an unmatched one adds to D no less
// than unmatchedCost (more when nameLeft: a list name surely unmatched);
// the list's unmatched tokens add listCost. The most
// N/D can be over those choices is found by Dinkelbach's method: for a
// ratio r each token takes the choice of the greatest n − r·d, which gives
// a greater ratio, until none does. The weight (infoFactor) is bounded by
// the information of every token at its best similarity.
func (m *Matcher) formBound(p *Prepared, qf *qform, sims, lw []float64, listCost float64, nameLeft bool) float64 {
	var wq, xmax, cost [maxTokens]float64
	info, fixed := 0.0, listCost
	like := false // some token is like a list token
	tc := p.tokenCosts()
	for k, s := range sims {
		q := &tc[qf.toks[k]]
		c := q.cost
		if nameLeft {
			c = q.costLeft
		}
		if s <= 0 {
			fixed += c
			continue
		}
		like = true
		wq[k], cost[k] = q.weight, c
		xmax[k] = q.weight + lw[k]
		info += s * q.weight
	}
	if !like {
		return 0
	}
	r := 0.0
	for range 2 * maxTokens {
		num, den := 0.0, fixed
		for k, s := range sims {
			if s <= 0 {
				continue
			}
			// The three choices: matched with the heaviest or the lightest
			// list token, or unmatched.
			n, d := s*xmax[k], xmax[k]
			if s < r {
				n, d = s*wq[k], wq[k]
			}
			if -r*cost[k] > n-r*d {
				n, d = 0, cost[k]
			}
			num += n
			den += d
		}
		if den <= 0 {
			return p.infoFactor(info)
		}
		if next := num / den; next > r {
			r = next
		} else {
			break
		}
	}
	return min(1, r) * p.infoFactor(info)
}

// tokenCost is what formBound reads of a query token: its weight and
// unmatchedCost without and with a list name left unmatched.
type tokenCost struct {
	weight, cost, costLeft float64
}

// tokenCosts returns the tokenCost of each of p's tokens, made once per
// query (formBound is asked for every pair of forms a query meets).
func (p *Prepared) tokenCosts() []tokenCost {
	if len(p.costs) != len(p.toks) {
		p.costs = make([]tokenCost, len(p.toks))
		for i := range p.toks {
			q := &p.toks[i]
			p.costs[i] = tokenCost{q.weight, unmatchedCost(q, false), unmatchedCost(q, true)}
		}
	}
	return p.costs
}

// unmatchedCost is the least a query token left unmatched adds to the
// denominator of align's ratio (nameLeft: when a name of the list's is
// surely left unmatched too).
func unmatchedCost(q *qtoken, nameLeft bool) float64 {
	switch {
	case q.kind == normalize.PartLegalForm:
		return 0
	case q.kind == normalize.PartGeneric:
		return q.weight * unmatchedListCost
	case named(q.kind) && q.kind != normalize.PartNumber:
		if nameLeft {
			return max(q.weight, unmatchedQueryFloor)
		}
		return extraQueryCost * max(q.weight, unmatchedQueryFloor)
	}
	return q.weight
}

// acronymBound returns the first nq query tokens of qf that an acronym
// could match, as bits: a query acronym (or the query's only name) against
// the initials of a form of entry i, or the query's words against an
// acronym of the entry (or a form's only name).
func (m *Matcher) acronymBound(qf *qform, i int, es *entrySims, nq int) uint16 {
	all := uint16(1)<<nq - 1
	for _, id := range es.acronyms(m, i) {
		if subsequence(m.tt.toks[id].text, qf.initials) {
			return all
		}
	}
	return qf.acronymToks & all
}

// acronymParts returns the initials of qf's words, in order, and the
// tokens an acronym of the entry's could match as a whole: an acronym, or
// the form's only name (of 3 to maxAcronym letters).
func (p *Prepared) acronymParts(qf *qform) (string, uint16) {
	names := 0
	for _, k := range qf.toks {
		if named(p.toks[k].kind) {
			names++
		}
	}
	var buf [2 * maxTokens]byte
	ql := buf[:0]
	var whole uint16
	for n, k := range qf.toks {
		t := &p.toks[k]
		if n < 16 && (t.kind == normalize.PartAcronym || names == 1 && t.kind == normalize.PartName && len(t.text) >= 3 && len(t.text) <= maxAcronym) {
			whole |= 1 << n
		}
		if l := (normalize.Part{Text: t.text, Kind: t.kind}).AcronymLetters(); len(ql)+len(l) <= len(buf) {
			ql = append(ql, l...)
		}
	}
	return string(ql), whole
}

// acronyms returns, once per entry, the token of each form of entry i that
// could be an acronym of a query's words (acronym): an acronym token, or
// the form's only name (3 to maxAcronym letters), as the store found it
// (form.acro).
func (es *entrySims) acronyms(m *Matcher, i int) []uint32 {
	if es.acronymsKnown {
		return es.acronymIDs[:es.nAcronyms]
	}
	es.acronymsKnown, es.nAcronyms = true, 0
	forms := m.st.entryForms(i)
	for k := range forms {
		if f := &forms[k]; f.acro != 0 && es.nAcronyms < len(es.acronymIDs) {
			es.acronymIDs[es.nAcronyms] = m.st.ftok[f.start+uint32(f.acro)-1]
			es.nAcronyms++
		}
	}
	return es.acronymIDs[:es.nAcronyms]
}

// subsequence reports whether the letters of s occur in b in order.
func subsequence(s, b string) bool {
	k := 0
	for i := 0; i < len(b) && k < len(s); i++ {
		if b[i] == s[k] {
			k++
		}
	}
	return k == len(s)
}

// compoundBound returns the first nq query tokens of qf that a joined or
// split compound (joinSplit) could match in one of the forms of entry i, as
// bits: a token like another in one form may be matched as a compound in
// another. What joins and splits found before for the entry is read here,
// without a call.
func (m *Matcher) compoundBound(p *Prepared, qf *qform, i int, es *entrySims, nq int) uint16 {
	var lifted uint16
	for k := 0; k < nq; k++ {
		qk := qf.toks[k]
		// Two adjacent query tokens against one list token.
		if k+1 < nq {
			qb := qf.toks[k+1]
			if bit := uint32(1) << qb; es.joinKnown[qk]&bit != 0 {
				if es.joinOK[qk]&bit != 0 {
					lifted |= 3 << k
				}
			} else if es.joins(m, p, i, qk, qb) {
				lifted |= 3 << k
			}
		}
		// A query token against two adjacent list tokens.
		if bit := uint32(1) << qk; es.splitKnown&bit != 0 {
			if es.split&bit != 0 {
				lifted |= 1 << k
			}
		} else if es.splits(m, p, i, qk) {
			lifted |= 1 << k
		}
	}
	return lifted
}

// joins reports whether query tokens a and b written as one could be
// matched with a token of entry i, whose tokens es holds (compoundCould),
// remembering the answer for the entry.
func (es *entrySims) joins(m *Matcher, p *Prepared, i int, a, b uint8) bool {
	bit := uint32(1) << b
	if es.joinKnown[a]&bit != 0 {
		return es.joinOK[a]&bit != 0
	}
	q, q2 := &p.toks[a].token, &p.toks[b].token
	ok := false
	switch sh := es.shape(m, i); {
	case q.kind == normalize.PartSyllable || sh.tokSyl:
		for _, id := range es.ids[:es.n] {
			if ok = compoundCould(&m.tt.toks[id], q, q2); ok {
				break
			}
		}
	case lengthsNear(sh.tok[letterSlot(q.text[0])], len(q.text)+len(q2.text)):
		// Two readings of words of a name in Arabic script: when no name
		// of the entry's may join any of the first word's readings with
		// any of the second's, none is asked one by one.
		if ga, gb := p.sims.groupOf(a), p.sims.groupOf(b); ga != nil && gb != nil && !es.mayJoin(m, sh, ga, gb) {
			for set := uint32(ga.members); set != 0; set &= set - 1 {
				k := bits.TrailingZeros32(set)
				es.joinKnown[k] |= uint32(gb.members)
				es.joinOK[k] &^= uint32(gb.members)
			}
			return false
		}
		// Without syllables, compoundCould wants a name that begins as q
		// does: those of the entry's names that begin with its letter.
		c := uint8(letterSlot(q.text[0]))
		for _, nt := range sh.names[:sh.nNames] {
			if nt[1] != c {
				continue
			}
			if ok = compoundCould(&m.tt.toks[es.ids[nt[0]]], q, q2); ok {
				break
			}
		}
	}
	es.joinKnown[a] |= bit
	if ok {
		es.joinOK[a] |= bit
	} else {
		es.joinOK[a] &^= bit
	}
	return ok
}

// splits reports whether query token k could be matched with two adjacent
// tokens of a form of entry i (compoundCould), remembering the answer for
// the entry.
func (es *entrySims) splits(m *Matcher, p *Prepared, i int, k uint8) bool {
	bit := uint32(1) << k
	if es.splitKnown&bit != 0 {
		return es.split&bit != 0
	}
	q := &p.toks[k].token
	ok := false
	if q.kind != normalize.PartName && q.kind != normalize.PartSyllable {
		es.splitKnown |= bit
		return false
	}
	sh := es.shape(m, i)
	if q.kind != normalize.PartSyllable && !sh.pairSyl {
		if g := p.sims.groupOf(k); g != nil {
			es.splitGroup(m, p, sh, g)
			return es.split&bit != 0
		}
		if !lengthsNear(sh.pair[letterSlot(q.text[0])], len(q.text)) {
			es.splitKnown |= bit
			return false
		}
		// Without syllables, compoundCould wants a pair whose first token
		// begins as q does: the entry's distinct pairs that begin with its
		// letter.
		c := uint8(letterSlot(q.text[0]))
		for _, pr := range sh.pairs[:sh.nPairs] {
			if pr[2] != c {
				continue
			}
			if compoundCould(q, &m.tt.toks[es.ids[pr[0]]], &m.tt.toks[es.ids[pr[1]]]) {
				ok = true
				break
			}
		}
	} else {
		for f, fm := 0, m.st.entryForms(i); f < len(fm) && !ok; f++ {
			ids := m.st.formTokens(&fm[f])
			for j := 0; j+1 < len(ids); j++ {
				if compoundCould(q, &m.tt.toks[ids[j]], &m.tt.toks[ids[j+1]]) {
					ok = true
					break
				}
			}
		}
	}
	es.splitKnown |= bit
	if ok {
		es.split |= bit
	}
	return ok
}

// mayJoin reports whether compoundCould could hold for a name of the
// entry (whose shape is sh, without syllables) with a member of group ga
// and a member of group gb written as one: a name that begins with a
// first letter of ga's, of a length within two of theirs together, with
// letters in common enough for its test (at most those it has in common
// with ga.letters and gb.letters together, over at least ga.min + gb.min
// letters).
func (es *entrySims) mayJoin(m *Matcher, sh *compoundShapes, ga, gb *qgroup) bool {
	both := ga.letters
	both.add(&gb.letters)
	if both.over() {
		return true // compoundCould decides
	}
	lbMin := int(ga.min) + int(gb.min)
	lo, hi := lbMin-2, int(ga.max)+int(gb.max)+2
	for _, nt := range sh.names[:sh.nNames] {
		if ga.firsts&(1<<nt[1]) == 0 {
			continue
		}
		t := &m.tt.toks[es.ids[nt[0]]]
		la := len(t.text)
		if la < lo || la > hi {
			continue
		}
		n := float64(t.letters.common(&both))
		if n/float64(la)+n/float64(lbMin)+1 >= 3*(compoundMin-0.4)/0.6-1e-9 {
			return true
		}
	}
	return false
}

// groupOf returns the group of query token k (simCache.group), or nil.
func (c *simCache) groupOf(k uint8) *qgroup {
	if c == nil {
		return nil
	}
	for gi := range c.groups {
		if g := &c.groups[gi]; g.members&(1<<k) != 0 {
			return g
		}
	}
	return nil
}

// splitGroup is splits for the members of group g not known yet, plain
// names, against an entry without syllables in its pairs (whose shape is
// sh): the entry's pairs of adjacent tokens are scanned once for them
// all, and compoundCould is asked of a member only for a pair that meets
// what it asks of the group — a first letter of a member, a length within
// two of one, and letters in common (at most those of g.letters, over at
// least g.min letters) enough for its test.
func (es *entrySims) splitGroup(m *Matcher, p *Prepared, sh *compoundShapes, g *qgroup) {
	todo := uint32(g.members) &^ es.splitKnown
	lo, hi := int(g.min)-2, int(g.max)+2
	for firsts := g.firsts; firsts != 0; firsts &= firsts - 1 {
		c := bits.TrailingZeros32(firsts)
		var mem uint32 // the members of todo that begin with letter c
		for set := todo; set != 0; set &= set - 1 {
			if k := bits.TrailingZeros32(set); letterSlot(p.toks[k].text[0]) == c {
				mem |= 1 << k
			}
		}
		for _, pr := range sh.pairs[:sh.nPairs] {
			if mem&^es.split == 0 {
				break
			}
			if int(pr[2]) != c {
				continue
			}
			b1, b2 := &m.tt.toks[es.ids[pr[0]]], &m.tt.toks[es.ids[pr[1]]]
			if lb := len(b1.text) + len(b2.text); lb < lo || lb > hi || !g.mayCompound(b1, b2, lb) {
				continue
			}
			for set := mem &^ es.split; set != 0; set &= set - 1 {
				if k := bits.TrailingZeros32(set); compoundCould(&p.toks[k].token, b1, b2) {
					es.split |= 1 << k
				}
			}
		}
	}
	es.splitKnown |= todo
}

// mayCompound reports whether compoundCould's test of the letters could
// hold for a member of g with b1 and b2 (of lb letters): a member has at
// most the letters in common with them that g.letters has, and at least
// g.min letters.
func (g *qgroup) mayCompound(b1, b2 *token, lb int) bool {
	pair := b1.letters
	pair.add(&b2.letters)
	if pair.over() {
		return true // compoundCould decides
	}
	c := float64(g.letters.common(&pair))
	return c/float64(g.min)+c/float64(lb)+1 >= 3*(compoundMin-0.4)/0.6-1e-9
}

// compoundCould reports whether joinSplit could match token a with b1 and
// b2 written as one: the same syllables (joinSplit's own test),
// or a name that begins as b1 does, of about the length, and shares enough
// letters with them for a Jaro-Winkler similarity of compoundMin (which
// needs Jaro ≥ (compoundMin−0.4)/0.6, and Jaro ≤ (c/|a| + c/|b| + 1)/3 for
// c letters in common).
func compoundCould(a, b1, b2 *token) bool {
	la, lb := len(a.text), len(b1.text)+len(b2.text)
	if a.kind != normalize.PartName && a.kind != normalize.PartSyllable {
		return false
	}
	if a.kind == normalize.PartSyllable || b1.kind == normalize.PartSyllable {
		return la-lb >= -3 && la-lb <= 3 && a.syllabic && b1.syllabic && b2.syllabic && compoundSyllables(a, b1, b2)
	}
	if lb < la-2 || lb > la+2 || b1.text[0] != a.text[0] {
		return false
	}
	pair := b1.letters
	pair.add(&b2.letters)
	c := float64(a.letters.common(&pair))
	return c/float64(la)+c/float64(lb)+1 >= 3*(compoundMin-0.4)/0.6-1e-9
}

// infoFactor is what a name match proves, from info, the summed weights of
// the query tokens it matched: min(1, infoBase + infoSlope×info×scale),
// scale being the namesake scale of the comparison being made (see
// namesakeScale and Matcher.eval).
func (p *Prepared) infoFactor(info float64) float64 {
	return min(1, infoBase+infoSlope*info*p.scale)
}
