package matcher

import (
	"fmt"
	"strings"
	"sync"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
)

// simCache holds the similarities of a query's tokens with list tokens
// already compared: a candidate list shares most of its tokens
// ("muhammad", "ali") with the others, so each pair is computed once per
// query. Open addressing; a key is (query token+1)<<32 | list token ID.
type simCache struct {
	keys []uint64
	vals []float32
	n    int
}

func (c *simCache) get(k uint64) (float32, bool) {
	if len(c.keys) == 0 {
		return 0, false
	}
	mask := uint64(len(c.keys) - 1)
	for h := hashKey(k) & mask; ; h = (h + 1) & mask {
		switch c.keys[h] {
		case k:
			return c.vals[h], true
		case 0:
			return 0, false
		}
	}
}

func (c *simCache) put(k uint64, v float32) {
	if 2*(c.n+1) > len(c.keys) {
		c.grow()
	}
	mask := uint64(len(c.keys) - 1)
	h := hashKey(k) & mask
	for c.keys[h] != 0 && c.keys[h] != k {
		h = (h + 1) & mask
	}
	if c.keys[h] == 0 {
		c.n++
	}
	c.keys[h], c.vals[h] = k, v
}

// simCaches keeps the tables of released Prepared queries for the next ones.
var simCaches = sync.Pool{New: func() any { return new(simCache) }}

// reset empties the cache, keeping its memory.
func (c *simCache) reset() {
	clear(c.keys)
	c.n = 0
}

func (c *simCache) grow() {
	old, oldv := c.keys, c.vals
	size := max(256, 2*len(old))
	c.keys, c.vals, c.n = make([]uint64, size), make([]float32, size), 0
	for i, k := range old {
		if k != 0 {
			c.put(k, oldv[i])
		}
	}
}

func hashKey(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
}

// sim is the similarity of query token qi with list token id.
func (m *Matcher) sim(p *Prepared, qi uint8, id uint32) float64 {
	q := &p.toks[qi]
	if q.onList && q.listID == id {
		return 1
	}
	if p.sims == nil {
		p.sims = simCaches.Get().(*simCache)
	}
	k := uint64(qi+1)<<32 | uint64(id)
	if v, ok := p.sims.get(k); ok {
		return float64(v)
	}
	// Rounded as the cache holds it, so that a pair scores the same
	// whether it was computed now or read back.
	v := float64(float32(tokenSim(&q.token, &m.tt.toks[id])))
	p.sims.put(k, float32(v))
	return v
}

// alignment is the result of matching the tokens of two name forms.
type alignment struct {
	score float64
	qm    uint16 // bit i: query token i matched
	tm    uint16 // bit j: list token j matched
}

// side is the tokens of one name form, for alignment.
type side struct {
	toks [maxTokens]*token
	n    int
}

// align matches the tokens of a query form with those of a stored form,
// whatever their order, and scores the match: matched tokens count by their
// similarity and weight; unmatched query tokens cost their whole weight,
// unmatched list tokens a share of theirs.
func (m *Matcher) align(p *Prepared, qf *qform, tf *form, es *entrySims, loc []uint8) alignment {
	ids := m.st.formTokens(tf)
	var q, t side
	q.n, t.n = min(len(qf.toks), maxTokens), len(ids)
	for i := 0; i < q.n; i++ {
		q.toks[i] = &p.toks[qf.toks[i]].token
	}
	for j, id := range ids {
		t.toks[j] = &m.tt.toks[id]
	}
	type pair struct {
		i, j int
		s    float64
	}
	var pairs [maxTokens * maxTokens]pair
	np := 0
	for i := 0; i < q.n; i++ {
		qi := qf.toks[i]
		for j := 0; j < t.n; j++ {
			var s float64
			if es != nil {
				s = float64(es.sims[qi][loc[j]])
			} else {
				s = m.sim(p, qi, ids[j])
			}
			if s > 0 {
				pairs[np] = pair{i, j, s}
				np++
			}
		}
	}
	// Greedy assignment, best pairs first; ties by position so the result is deterministic.
	ps := pairs[:np]
	for a := 1; a < len(ps); a++ {
		for b := a; b > 0 && better(ps[b].s, ps[b].i, ps[b].j, ps[b-1].s, ps[b-1].i, ps[b-1].j); b-- {
			ps[b], ps[b-1] = ps[b-1], ps[b]
		}
	}
	var al alignment
	var num, info float64
	for _, pr := range ps {
		if al.qm&(1<<pr.i) != 0 || al.tm&(1<<pr.j) != 0 {
			continue
		}
		al.qm |= 1 << pr.i
		al.tm |= 1 << pr.j
		num += pr.s * (q.toks[pr.i].weight + t.toks[pr.j].weight)
		if q.toks[pr.i].kind == normalize.PartName && t.toks[pr.j].kind == normalize.PartName {
			info += pr.s * q.toks[pr.i].weight
		}
	}
	// Joined and split compounds: "binladen" against "bin laden", "abdulhai" against "abdul hai".
	n1, i1 := joinSplit(&q, &t, &al.qm, &al.tm, true)
	n2, i2 := joinSplit(&t, &q, &al.tm, &al.qm, false)
	num += n1 + n2
	info += i1 + i2

	den := 0.0
	for i := 0; i < q.n; i++ {
		w := q.toks[i].weight
		if al.qm&(1<<i) == 0 && q.toks[i].kind == normalize.PartName {
			w = max(w, unmatchedQueryFloor)
		}
		den += w
	}
	for j := 0; j < t.n; j++ {
		if al.tm&(1<<j) != 0 {
			den += t.toks[j].weight
		} else {
			den += unmatchedListCost * t.toks[j].weight
		}
	}
	if den > 0 {
		al.score = num / den * p.infoFactor(info)
	}
	// A space in the wrong place ("LAUREN TNKUNDA" for "LAURENT NKUNDA")
	// breaks tokens but not the letters: compare the names written as one word.
	if al.score < 0.9 {
		if s := joinedSim(&q, &t, p.infoFactor(qf.weight)); s > al.score {
			al.score = s
			al.qm, al.tm = 1<<q.n-1, 1<<t.n-1
		}
	}
	return al
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
// long name (two in a very long one) still matches; nothing else does.
// factor is what the query form's weight proves (Matcher.infoFactor).
func joinedSim(q, t *side, factor float64) float64 {
	la, lb := q.joinedLen(), t.joinedLen()
	if la < 8 || lb < 8 || !lengthsClose(la, lb) || la > maxFast || lb > maxFast {
		return 0
	}
	maxEdits := 1
	if min(la, lb) >= 14 {
		maxEdits = 2
	}
	// Each edit changes at most one letter of the counts on each side: when
	// the letters the two share leave more unmatched, no comparison is needed.
	var ca, cb letterCounts
	q.addLetters(&ca)
	t.addLetters(&cb)
	if max(la, lb)-ca.common(&cb) > maxEdits {
		return 0
	}
	var ba, bb [maxFast]byte
	a, b := q.joined(ba[:0]), t.joined(bb[:0])
	d := editDistance(string(a), string(b), maxEdits)
	if d > maxEdits {
		return 0
	}
	return (joinedSame - joinedPerEdi*float64(d)) * factor
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
func joinSplit(a, b *side, am, bm *uint16, aIsQuery bool) (num, info float64) {
	// Nothing to do unless b has two adjacent tokens unmatched.
	free := ^*bm & (1<<b.n - 1)
	if free&(free>>1) == 0 || ^*am&(1<<a.n-1) == 0 {
		return 0, 0
	}
	for i := 0; i < a.n; i++ {
		if *am&(1<<i) != 0 || a.toks[i].kind != normalize.PartName {
			continue
		}
		at := a.toks[i].text
		for j := 0; j+1 < b.n; j++ {
			if *bm&(1<<j) != 0 || *bm&(1<<(j+1)) != 0 {
				continue
			}
			b1, b2 := b.toks[j].text, b.toks[j+1].text
			if len(b1)+len(b2) < len(at)-2 || len(b1)+len(b2) > len(at)+2 || b1[0] != at[0] {
				continue
			}
			s := jaroWinklerJoined(at, b1, b2)
			if s < compoundMin {
				continue
			}
			*am |= 1 << i
			*bm |= 1<<j | 1<<(j+1)
			num += s * (a.toks[i].weight + b.toks[j].weight + b.toks[j+1].weight)
			if aIsQuery {
				info += s * a.toks[i].weight
			} else {
				info += s * (b.toks[j].weight + b.toks[j+1].weight)
			}
			break
		}
	}
	return num, info
}

// bestName returns the best name score over every pair of query form and
// form of entry i, and the indexes of that pair (the query form, and the
// form in the store; -1 when nothing matched). es, when not nil, holds the
// token similarities of the entry (see entrySims.load).
func (m *Matcher) bestName(p *Prepared, i int, es *entrySims) (best float64, qi, fj int) {
	qi, fj = -1, -1
	lo, hi := int(m.st.formAt[i]), int(m.st.formAt[i+1])
	for a := range p.forms {
		for j := lo; j < hi; j++ {
			tf := &m.st.forms[j]
			var loc []uint8
			if es != nil {
				loc = es.loc[es.at[j-lo]:es.at[j-lo+1]]
			}
			al := m.align(p, &p.forms[a], tf, es, loc)
			s := al.score * qualityFactor[tf.quality]
			if s > best {
				best, qi, fj = s, a, j
				if best >= 1 {
					return best, qi, fj
				}
			}
		}
	}
	return best, qi, fj
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
	ids  [maxEntryTokens]uint32
	n    int
	sims [maxSimQuery][maxEntryTokens]float32
	// loc[at[f]:at[f+1]] are the local indexes of the tokens of form f.
	loc [maxEntryRefs]uint8
	at  [maxEntryForms + 1]uint16
}

// load fills es for entry i; it returns false when the entry or the query
// is too large for it.
func (es *entrySims) load(m *Matcher, p *Prepared, i int) bool {
	st := &m.st
	forms := st.entryForms(i)
	if len(forms) > maxEntryForms || len(p.toks) > maxSimQuery {
		return false
	}
	es.n = 0
	refs := 0
	// A small open-addressing table from token ID to local index (+1).
	var slot [2 * maxEntryTokens]uint8
	var slotID [2 * maxEntryTokens]uint32
	for f := range forms {
		es.at[f] = uint16(refs)
		for _, id := range st.formTokens(&forms[f]) {
			h := (id * 0x9e3779b1) >> 25 // 7 bits
			for slot[h] != 0 && slotID[h] != id {
				h = (h + 1) & (2*maxEntryTokens - 1)
			}
			var k int
			if slot[h] != 0 {
				k = int(slot[h] - 1)
			} else {
				if es.n == maxEntryTokens {
					return false
				}
				k = es.n
				es.ids[k] = id
				es.n++
				slot[h], slotID[h] = uint8(k+1), id
			}
			if refs == maxEntryRefs {
				return false
			}
			es.loc[refs] = uint8(k)
			refs++
		}
	}
	es.at[len(forms)] = uint16(refs)
	for qi := range p.toks {
		for k := 0; k < es.n; k++ {
			es.sims[qi][k] = float32(m.sim(p, uint8(qi), es.ids[k]))
		}
	}
	return true
}

// nameDetail explains a name score in words; text is the form compared, and
// readAs tells that it is not the name as written (a romanisation).
func (m *Matcher) nameDetail(p *Prepared, qf *qform, tf *form, e *lists.Entry, text string, score float64, readAs bool) string {
	al := m.align(p, qf, tf, nil, nil)
	var matched, missingQ []string
	for i, k := range qf.toks {
		tk := &p.toks[k]
		if al.qm&(1<<i) != 0 {
			matched = append(matched, tk.text)
		} else if tk.kind == normalize.PartName {
			missingQ = append(missingQ, tk.text)
		}
	}
	n := e.Names[tf.name]
	var b strings.Builder
	fmt.Fprintf(&b, "%q vs %s name %q", qf.text, qualityWord(n.Quality), n.Full)
	if readAs {
		fmt.Fprintf(&b, " (read as %q)", text)
	}
	fmt.Fprintf(&b, ": %.2f", score)
	if len(matched) > 0 {
		fmt.Fprintf(&b, "; matched %s", strings.Join(matched, ", "))
	}
	if len(missingQ) > 0 {
		fmt.Fprintf(&b, "; not on the list: %s", strings.Join(missingQ, ", "))
	}
	return b.String()
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

// maxBoundTokens is the most distinct tokens of an entry nameBound looks at;
// an entry with more gets no bound.
const maxBoundTokens = 64

// nameBound returns an upper bound of the name score of entry i against p,
// from es, the best similarity of each query token with any token of the
// entry: it supposes every query token that is like some token of the
// entry matched against a list token of the greatest weight, and every
// other one unmatched. A query token that a compound could match (joined or
// split tokens) counts as matched; a whole-name comparison is bounded by its
// best possible value where some form shares enough letters.
func (m *Matcher) nameBound(p *Prepared, i int, es *entrySims) float64 {
	st := &m.st
	// The entry's forms written as one word: their lengths and letters.
	type joined struct {
		n       int
		letters letterCounts
	}
	var js [maxEntryForms]joined
	nj := 0
	for _, f := range st.entryForms(i) {
		var jf joined
		for _, id := range st.formTokens(&f) {
			if t := &m.tt.toks[id]; ordinary(t.kind) {
				jf.n += len(t.text)
				jf.letters.add(&t.letters)
			}
		}
		if jf.n >= 8 && jf.n <= maxFast {
			js[nj] = jf
			nj++
		}
	}
	best := 0.0
	for a := range p.forms {
		qf := &p.forms[a]
		var sims [maxTokens]float64
		nq := min(len(qf.toks), maxTokens)
		for k := 0; k < nq; k++ {
			row := &es.sims[qf.toks[k]]
			for j := 0; j < es.n; j++ {
				sims[k] = max(sims[k], float64(row[j]))
			}
		}
		m.compoundBound(p, qf, i, es, sims[:nq])
		// The ratio of align is Σ s(wq+wl) / (Σ (wq+wl) + unmatched costs)
		// over the matched pairs: at most B/(B+U), with B the most the
		// matched weights can be (a list token weighs at most 1, the two
		// of a compound 2) and U what the tokens like nothing of the entry
		// surely cost.
		b, u, info := 0.0, 0.0, 0.0
		for k := 0; k < nq; k++ {
			q := &p.toks[qf.toks[k]]
			switch {
			case sims[k] > 0:
				b += q.weight + 2
				info += sims[k] * q.weight
			case q.kind == normalize.PartName:
				u += max(q.weight, unmatchedQueryFloor)
			default:
				u += q.weight
			}
		}
		if b > 0 {
			best = max(best, b/(b+u)*p.infoFactor(info))
		}
		// The whole name written as one word (joinedSim), where some form
		// shares all but an edit or two of its letters.
		if jq := qf.joinedLen(p); jq >= 8 && jq <= maxFast && nj > 0 {
			var ql letterCounts
			for _, k := range qf.toks {
				if t := &p.toks[k]; ordinary(t.kind) {
					ql.add(&t.letters)
				}
			}
			for _, jf := range js[:nj] {
				edits := 1
				if min(jq, jf.n) >= 14 {
					edits = 2
				}
				if lengthsClose(jq, jf.n) && max(jq, jf.n)-ql.common(&jf.letters) <= edits {
					best = max(best, joinedSame*p.infoFactor(qf.weight))
					break
				}
			}
		}
		if best >= 1 {
			return 1
		}
	}
	return best
}

// joinedLen is the length of the form's ordinary tokens written as one word.
func (qf *qform) joinedLen(p *Prepared) int {
	n := 0
	for _, k := range qf.toks {
		if t := &p.toks[k]; ordinary(t.kind) {
			n += len(t.text)
		}
	}
	return n
}

// compoundBound sets to 1 the similarity of the query tokens of qf that no
// token of entry i is like but a joined or split compound (joinSplit) could
// match in one of its forms.
func (m *Matcher) compoundBound(p *Prepared, qf *qform, i int, es *entrySims, sims []float64) {
	for k := range sims {
		if sims[k] > 0 && (k+1 == len(sims) || sims[k+1] > 0) {
			continue
		}
		q := &p.toks[qf.toks[k]]
		// Two adjacent query tokens against one ordinary list token.
		if k+1 < len(sims) {
			q2 := &p.toks[qf.toks[k+1]]
			l := len(q.text) + len(q2.text)
			for _, id := range es.ids[:es.n] {
				t := &m.tt.toks[id]
				if t.kind == normalize.PartName && t.text[0] == q.text[0] && l >= len(t.text)-2 && l <= len(t.text)+2 {
					sims[k], sims[k+1] = 1, 1
					break
				}
			}
		}
		// An ordinary query token against two adjacent list tokens.
		if sims[k] == 0 && q.kind == normalize.PartName {
			for f, fm := 0, m.st.entryForms(i); f < len(fm) && sims[k] == 0; f++ {
				ids := m.st.formTokens(&fm[f])
				for j := 0; j+1 < len(ids); j++ {
					b1, b2 := &m.tt.toks[ids[j]], &m.tt.toks[ids[j+1]]
					l := len(b1.text) + len(b2.text)
					if b1.text[0] == q.text[0] && l >= len(q.text)-2 && l <= len(q.text)+2 {
						sims[k] = 1
						break
					}
				}
			}
		}
	}
}

// infoFactor is what a name match proves, from info, the summed weights of
// the query tokens it matched: min(1, infoBase + infoSlope×info×scale),
// scale being the namesake scale of the comparison being made (see
// namesakeScale and Matcher.eval).
func (p *Prepared) infoFactor(info float64) float64 {
	return min(1, infoBase+infoSlope*info*p.scale)
}
