package matcher

import (
	"fmt"
	"strings"

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
	k := uint64(qi+1)<<32 | uint64(id)
	if v, ok := p.sims.get(k); ok {
		return float64(v)
	}
	v := tokenSim(&q.token, &m.tt.toks[id])
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
func (m *Matcher) align(p *Prepared, qf *qform, tf *form) alignment {
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
		for j := 0; j < t.n; j++ {
			if s := m.sim(p, qf.toks[i], ids[j]); s > 0 {
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
		al.score = num / den * min(1, infoBase+infoSlope*info)
	}
	// A space in the wrong place ("LAUREN TNKUNDA" for "LAURENT NKUNDA")
	// breaks tokens but not the letters: compare the names written as one word.
	if al.score < 0.9 {
		if s := joinedSim(&q, &t, qf.weight); s > al.score {
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
		if t.kind == normalize.PartName {
			n += len(t.text)
		}
	}
	return n
}

// joined writes the ordinary tokens of s as one word into buf.
func (s *side) joined(buf []byte) []byte {
	for _, t := range s.toks[:s.n] {
		if t.kind == normalize.PartName {
			buf = append(buf, t.text...)
		}
	}
	return buf
}

// joinedSim compares two forms written as one word, in order: one edit in a
// long name (two in a very long one) still matches; nothing else does. qw is
// the query form's weight.
func joinedSim(q, t *side, qw float64) float64 {
	la, lb := q.joinedLen(), t.joinedLen()
	if la < 8 || lb < 8 || !lengthsClose(la, lb) || la > maxFast || lb > maxFast {
		return 0
	}
	var ba, bb [maxFast]byte
	a, b := q.joined(ba[:0]), t.joined(bb[:0])
	maxEdits := 1
	if min(la, lb) >= 14 {
		maxEdits = 2
	}
	d := editDistance(string(a), string(b), maxEdits)
	if d > maxEdits {
		return 0
	}
	return (0.95 - 0.03*float64(d)) * min(1, infoBase+infoSlope*qw)
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
			if s < 0.93 {
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
// form in the store; -1 when nothing matched).
func (m *Matcher) bestName(p *Prepared, i int) (best float64, qi, fj int) {
	qi, fj = -1, -1
	lo, hi := int(m.st.formAt[i]), int(m.st.formAt[i+1])
	for a := range p.forms {
		for j := lo; j < hi; j++ {
			tf := &m.st.forms[j]
			al := m.align(p, &p.forms[a], tf)
			s := al.score * qualityFactor[tf.quality]
			if s > best {
				best, qi, fj = s, a, j
			}
		}
	}
	return best, qi, fj
}

// nameDetail explains a name score in words; text is the form compared, and
// readAs tells that it is not the name as written (a romanisation).
func (m *Matcher) nameDetail(p *Prepared, qf *qform, tf *form, e *lists.Entry, text string, score float64, readAs bool) string {
	al := m.align(p, qf, tf)
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
