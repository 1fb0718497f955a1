package screening

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/raqib/raqib/matcher"
)

// Retrieval finds the entries that may be the person screened, at a cost
// that does not grow with the list: it reads the posting lists of the
// query's rare keys (and their spelling variants), reads frequent keys only
// through their pairs with the query's other frequent keys and through its
// birth years, and keeps at most the window's number of candidates — the
// best by what they share with the query, weighted by how rare it is, and
// by their birth dates, nationalities and gender. The Result says when the
// window was full: the name is common on the lists, and an officer should
// know that only the likeliest of its bearers were compared.

// Alternatives of a query token, by how much a match on them says.
const (
	qualityKey      = 1.0  // the token's own skeleton key: the same name
	qualityPhonetic = 0.8  // a token that sounds the same
	qualityVariant  = 0.8  // another transliteration system's spelling, the name without its joined article, the same syllables
	qualityOneEdit  = 0.7  // a token one edit away: a typo
	qualityNear     = 0.6  // a token two edits away (one for a short one), when nothing closer is
	yearAgreement   = 0.05 // a frequent key found with the query's birth year
)

// yearNarrow is how many windows of entries a frequent key may have for
// its bearers born in one year to be about a window's worth (birth years
// spread over some sixty): read with the query's birth year whatever the
// room (retrieveNames). The name frequencies decide it, not the postings,
// so that an incremental Replace, which keeps them, decides the same.
const yearNarrow = 32

// DefaultWindow is the most candidates one query has scored.
const DefaultWindow = 256

// commonBudget is the most postings read for a query whose name is one
// frequent token and nothing else ("Muhammad"): such a name cannot reach the
// review threshold alone, and its bearers are ranked by biographic data.
const commonBudget = 20000

// maxQueryKeys bounds the distinct tokens of a query that retrieve (a mask
// bit each).
const maxQueryKeys = 64

// candidate is an entry retrieved for a query.
type candidate struct {
	entry int32
	score float32 // what it shares with the query, weighted by rarity
	rank  float32 // score and biographic agreement, to choose the window
	// joined is the weight the name written as one word found it with.
	joined float32
	mask   uint64 // the query tokens it matched
}

// retrieval is the per-query state of retrieval, pooled: its map and slices
// keep their memory from one query to the next.
type retrieval struct {
	at    candMap // entry -> index in cands
	cands []candidate
	kept  []candidate // the candidates the filter keeps, the window first
	// off is the number of the segment's first entry, hidden its entries
	// to leave out (the base's, after an incremental Replace).
	off    int32
	hidden []bool
	ids    []uint32
	keys   []altKey
	later  []laterKey
	// near are the rare keys, nearFreq the frequent ones, of list tokens
	// a few edits from a query token (dict.near), read last.
	near     []laterKey
	nearFreq []freqKey
	post     postingsBuf
	out      []int
	// shared are the candidates (indexes in cands) found by a pair's term
	// that more than one pair of query tokens reaches; count, fhash,
	// peers and others are completeOne's scratch (all but count:
	// freqTokens).
	shared []int32
	count  []int
	fhash  []uint32
	peers  freqLinks
	others freqLinks
	// gain and lose are Result.RoomToGain and RoomToLose, as retrieve
	// leaves them.
	gain, lose int
}

// freqKey is a frequent key that a query token (tok, in Tokens) reaches
// with its own key or a spelling variant's, and the weight it counts for.
type freqKey struct {
	tok    int
	key    string
	weight float64
}

// laterKey is a rare key of a query token's variant, read after the rest.
type laterKey struct {
	key    string
	tok    int
	weight float64
}

type altKey struct {
	key     string
	quality float64
	variant bool // one of the token's other keys, or a list token's
}

var retrievals = sync.Pool{New: func() any { return new(retrieval) }}

func (r *retrieval) reset() {
	r.at.reset(r.cands)
	r.cands = r.cands[:0]
	r.out = r.out[:0]
}

// cand returns the candidate of entry e of the segment being read,
// made when new, or nil for a hidden entry, left out.
func (r *retrieval) cand(e int32) *candidate {
	if r.hidden != nil && int(e) < len(r.hidden) && r.hidden[e] {
		return nil
	}
	e += r.off
	k, ok := r.at.get(e)
	if !ok {
		k = int32(len(r.cands))
		r.at.put(e, k, r.cands)
		r.cands = append(r.cands, candidate{entry: e})
	}
	return &r.cands[k]
}

// add counts entry e of the segment being read as having matched query
// token j with weight w; a token already matched keeps its first (best)
// weight. A hidden entry is left out.
func (r *retrieval) add(e int32, j int, w float64) {
	if c := r.cand(e); c != nil {
		c.add(j, w)
	}
}

// add counts query token j (none when j < 0: w counts anyway) as matched
// by the candidate, weighing w, once.
func (c *candidate) add(j int, w float64) {
	switch {
	case j < 0:
		c.score += float32(w)
	case c.mask&(1<<j) == 0:
		c.mask |= 1 << j
		c.score += float32(w)
	}
}

// addJoined counts entry e of the segment being read as found by the query's
// name written as one word, with weight w: the best weight it is found with
// counts, once.
func (r *retrieval) addJoined(e int32, w float64) {
	if c := r.cand(e); c != nil && float32(w) > c.joined {
		c.score += float32(w) - c.joined
		c.joined = float32(w)
	}
}

// complete gives each of cs (candidates of the segment of d being read)
// the weight of each frequent key of freq that one of its names carries,
// for a query token it has not matched (see completeOne); all is
// freqTokens(freq), made once a query.
func (r *retrieval) complete(d *dict, cs []candidate, freq []freqKey, all uint64) {
	for k := range cs {
		r.completeOne(d, &cs[k], freq, all)
	}
}

// freqTokens returns the query tokens that reach a frequent key of freq,
// and notes for completeOne the keyHash of each key in r.fhash; in r.peers,
// for each key of freq, the others of freq with that key and another query
// token (the key's peers: another query token reaches it too); and in
// r.others, for each, the keys of freq of its query token that differ from
// it. They are found once a query, so that a candidate's completion
// compares no key strings.
func (r *retrieval) freqTokens(freq []freqKey) uint64 {
	var all uint64
	r.fhash = r.fhash[:0]
	r.peers.reset()
	r.others.reset()
	for i, f := range freq {
		all |= 1 << f.tok
		r.fhash = append(r.fhash, keyHash(f.key))
		for j, g := range freq {
			if j != i && g.key == f.key && g.tok != f.tok {
				r.peers.to = append(r.peers.to, int32(j))
			}
			if g.tok == f.tok && g.key != f.key {
				r.others.to = append(r.others.to, int32(j))
			}
		}
		r.peers.end = append(r.peers.end, int32(len(r.peers.to)))
		r.others.end = append(r.others.end, int32(len(r.others.to)))
	}
	return all
}

// freqLinks holds, for each key of a query's freq, a set of other keys of
// freq: those of key i are to[end[i-1]:end[i]].
type freqLinks struct {
	to, end []int32
}

func (l *freqLinks) reset() { l.to, l.end = l.to[:0], l.end[:0] }

// of returns the keys linked to key i.
func (l *freqLinks) of(i int) []int32 {
	start := int32(0)
	if i > 0 {
		start = l.end[i-1]
	}
	return l.to[start:l.end[i]]
}

// completeOne gives c the weight of each frequent key of freq that one of
// its names carries, for a query token that it has not matched (all are the
// tokens of freq): the first key of the token's in freq, the token's own
// before its variants'. A key that several query tokens reach
// ("chong" and "jung" both reach a Korean syllable's key) counts for one
// more of them only where the name carries it once more than for those it
// already counts for (and that no other key of the name can count for):
// "Jeong Jong Yeong" has it twice, "Jeong Yeong-ho" once.
func (r *retrieval) completeOne(d *dict, c *candidate, freq []freqKey, all uint64) {
	m := d.m
	if all&^c.mask == 0 {
		return
	}
	m.EntryForms(int(c.entry-r.off), func(toks []uint32) {
		missing := all &^ c.mask
		if missing == 0 {
			return
		}
		// How many of the form's tokens carry each key of freq.
		r.count = r.count[:0]
		for range freq {
			r.count = append(r.count, 0)
		}
		for _, id := range toks {
			h := d.keyHash[id]
			for i := range freq {
				if r.fhash[i] == h {
					if _, key, _, _ := m.ListToken(id); freq[i].key == key {
						r.count[i]++
					}
				}
			}
		}
		for i, f := range freq {
			bit := uint64(1) << f.tok
			if missing&bit == 0 || r.count[i] == 0 {
				continue
			}
			need := 1
			for _, g := range r.peers.of(i) {
				if c.mask&(1<<freq[g].tok) == 0 {
					continue
				}
				other := false
				for _, h := range r.others.of(int(g)) {
					if r.count[h] > 0 {
						other = true
						break
					}
				}
				if !other {
					need++
				}
			}
			if r.count[i] >= need {
				c.mask |= bit
				c.score += float32(f.weight)
				missing &^= bit
			}
		}
	})
}

// retrieve fills r with the candidates of ps (the query prepared for each
// segment of the snapshot), filtered, and returns their entries ascending;
// full reports that the window was full (or a common name's postings were
// cut at commonBudget) so that only the best were kept.
func (s *snapshot) retrieve(ctx context.Context, ps []*matcher.Prepared, f *filter, window int, r *retrieval) (cands []int, full bool, err error) {
	segs, off, n := s.segments()
	r.gain, r.lose = window, math.MaxInt
	for k := range n {
		g, p := segs[k], ps[k]
		r.off, r.hidden = int32(off[k]), nil
		if k == 0 {
			r.hidden = s.hidden
		}
		for _, key := range p.DocumentKeys() {
			for _, i := range g.docs[key] {
				r.add(i, -1, 4) // an equal document number outranks any name
			}
		}
		if p.HasName() {
			segFull, err := g.retrieveNames(ctx, p, window, r)
			if err != nil {
				return nil, false, err
			}
			full = full || segFull
		}
	}
	// Filters first, so that the window holds only entries that may be reported.
	// (The window is chosen in a copy: r.cands keeps every entry that the
	// map holds, to empty it after.)
	cs := append(r.kept[:0], r.cands...)
	if f != nil {
		kept := cs[:0]
		for _, c := range cs {
			if f.allows(s, int(c.entry)) {
				kept = append(kept, c)
			}
		}
		cs = kept
	}
	r.kept = cs
	r.gain = max(0, min(r.gain, window-len(cs)))
	if len(cs) > window {
		r.lose = 0 // one lost, and the next is chosen
		full = true
		// Rank by what the names share, less what the matcher will charge
		// for the rest of the entry's name (of namesakes who share the
		// query's words, "ALI MASRI" before "Ali Hassan al-Masri" for "Ali
		// Masri"), then by biographic agreement; only the window is
		// chosen, not the rest sorted.
		//
		// The window best by what the names share are ranked first; the
		// least of their ranks is one the window's last reaches, so a
		// candidate that cannot reach it with every biographic field in
		// full agreement (and no unmatched cost) is left unranked, out of
		// the window.
		rankOf := func(c *candidate) float32 {
			g, p, j := s.segFor(ps, int(c.entry))
			return c.score + float32(2*g.m.Biographic(p, j)-g.m.UnmatchedCost(j, float64(c.score)))
		}
		for k := range cs {
			cs[k].rank = cs[k].score
		}
		selectTop(cs, window)
		least := float32(math.Inf(1))
		for k := range cs[:window] {
			cs[k].rank = rankOf(&cs[k])
			least = min(least, cs[k].rank)
		}
		most := 0.0
		for _, p := range ps {
			most = max(most, p.MaxBiographic())
		}
		for k := range cs[window:] {
			c := &cs[window+k]
			if c.score+float32(2*most) < least {
				c.rank = float32(math.Inf(-1))
				continue
			}
			// Its unmatched cost may already leave it short of least,
			// whatever its biographic agreement (rankOf's sum, made the
			// same way: rounding keeps the order, so the bound holds in
			// float32 too).
			g, p, j := s.segFor(ps, int(c.entry))
			unm := g.m.UnmatchedCost(j, float64(c.score))
			if c.score+float32(2*most-unm) < least {
				c.rank = float32(math.Inf(-1))
				continue
			}
			c.rank = c.score + float32(2*g.m.Biographic(p, j)-unm)
		}
		selectTop(cs, window)
		cs = cs[:keepTies(cs, window)]
	}
	for _, c := range cs {
		r.out = append(r.out, int(c.entry))
	}
	sort.Ints(r.out)
	return r.out, full, nil
}

// maxTies is how far past the window keepTies may go, in windows: a name
// so common that more of its bearers tie than that is cut at that bound
// (the Result says the window was full), whatever the list's order.
const maxTies = 2

// keepTies returns how many of cs to keep, the window's k best at its front
// (selectTop): k, and those of the rest whose rank equals the least kept
// rank, moved to follow them, up to maxTies×k in all (the first entries of
// them). Retrieval cannot tell tied candidates apart (the same name forms,
// no birth date to rank them by: 352 entries are "ALI MASRI" or "Ali
// al-Masri" for "ALI MASR" at 1M people), so the window does not cut
// between them by the list's order.
func keepTies(cs []candidate, k int) int {
	if k == 0 || len(cs) <= k {
		return min(k, len(cs))
	}
	least := cs[0].rank
	for _, c := range cs[1:k] {
		least = min(least, c.rank)
	}
	n := k
	for i := k; i < len(cs); i++ {
		if cs[i].rank == least {
			cs[n], cs[i] = cs[i], cs[n]
			n++
		}
	}
	if n > maxTies*k {
		// The first entries of the tied, as the window's own, so that the
		// same list keeps the same ones whatever order they were found in.
		selectTop(cs[k:n], maxTies*k-k)
		n = maxTies * k
	}
	return n
}

// hasRoom reports whether the window has room for more candidates (counted
// before the filter), and lowers r.gain and r.lose to what keeps that
// answer: an entry gained may leave no room, one lost may give some.
func (r *retrieval) hasRoom(window int) bool {
	if len(r.cands) >= window {
		r.lose = 0
		return false
	}
	r.gain = min(r.gain, window-1-len(r.cands))
	return true
}

// retrieveNames adds the candidates of the query's names to r.
func (s *segment) retrieveNames(ctx context.Context, p *matcher.Prepared, window int, r *retrieval) (full bool, err error) {
	m := s.m
	toks := p.Tokens()
	if len(toks) > maxQueryKeys {
		toks = toks[:maxQueryKeys]
	}
	read := func(field, term string, fn func(e int32)) (int, error) {
		return s.index.postings(ctx, field, term, &r.post, fn)
	}
	// Frequent keys of the query's tokens (their own, or a spelling
	// variant's), read only in pairs and with birth years below.
	var freq []freqKey
	addFreq := func(j int, key string, w float64) {
		if !slices.ContainsFunc(freq, func(f freqKey) bool { return f.tok == j && f.key == key }) {
			freq = append(freq, freqKey{j, key, w})
		}
	}
	found := 0
	start := len(r.cands)
	r.later, r.near, r.nearFreq = r.later[:0], r.near[:0], r.nearFreq[:0]
	// The syllables of a given name written as one ("minfang") count as
	// query tokens of their own (a mask bit each, after the tokens'), for
	// a list that writes them apart ("MIN-FANG"): each weighs half the
	// name, as a variant.
	// The name after "Abd al-" of an Abd name written as one word
	// ("abdalsamad") is such a piece too, for a list that writes it apart or
	// joined to something else ("Benabdal-samad"); its key is a list
	// token's own. Readings of one name ("abdalsamad", "abdelsamed") that
	// give the same piece count it once.
	bit := len(toks)
	var seen []string
	pieces := func(t *matcher.QueryToken) {
		for _, keys := range t.Pieces {
			if len(keys) == 0 {
				continue
			}
			if bit >= maxQueryKeys {
				return
			}
			if !slices.ContainsFunc(keys, func(k string) bool { return !slices.Contains(seen, k) }) {
				continue
			}
			seen = append(seen, keys...)
			w := t.Weight / 2 * qualityVariant
			add := func(key string) {
				switch kdf := m.KeyDF(key); {
				case kdf == 0:
				case kdf > s.frequent:
					addFreq(bit, key, w)
				case !slices.ContainsFunc(r.later, func(l laterKey) bool { return l.tok == bit && l.key == key }):
					r.later = append(r.later, laterKey{key, bit, w})
				}
			}
			for _, k := range keys {
				add(k) // none for a syllable key: no list token's own
			}
			for _, id := range s.dict.variants("", keys, r.ids[:0]) {
				_, key, _, _ := m.ListToken(id)
				add(key)
			}
			bit++
		}
	}
	for j, t := range toks {
		pieces(&t)
		// The token's own key, then the keys of its spelling variants (a
		// frequent own key still lets a rare variant retrieve: "pekarow"
		// is frequent, "pekarov" is not).
		r.keys = r.keys[:0]
		if m.KeyDF(t.Key) > 0 {
			r.keys = append(r.keys, altKey{t.Key, qualityKey, false})
		}
		// The token's other keys (another transliteration system's
		// spelling, the name without a joined article, the same Chinese or
		// Korean syllables), and the list tokens whose other keys are the
		// token's: variants as good as a sound.
		for _, v := range t.Variants {
			if m.KeyDF(v) > 0 && !slices.ContainsFunc(r.keys, func(a altKey) bool { return a.key == v }) {
				r.keys = append(r.keys, altKey{v, qualityVariant, true})
			}
		}
		r.ids = s.dict.variants(t.Key, t.Variants, r.ids[:0])
		nv := len(r.ids)
		// The same sound, and one edit away: a typo, or another system's
		// spelling ("pekarow", "pekarov"), even when the list has the
		// query's spelling too (for someone else). Only for a token typed:
		// a name read from another script comes as every reading
		// normalize.Romanize gives it, which are its spellings, and the
		// sounds and typos of guesses are guesses of guesses (on the UN
		// list they cost two fifths of an Arabic-script query's work, and
		// no evaluation figure moved without them).
		np := nv
		if !t.Romanised {
			r.ids = s.dict.phonetic(t.Phonetic, s.frequent, r.ids)
			np = len(r.ids)
			r.ids = s.dict.oneEdit(t.Text, r.ids)
		}
		for n, id := range r.ids {
			_, key, _, _ := m.ListToken(id)
			a := altKey{key, qualityPhonetic, n < nv}
			switch {
			case n < nv:
				a.quality = qualityVariant
			case n >= np:
				a.quality = qualityOneEdit
			}
			if !slices.ContainsFunc(r.keys, func(b altKey) bool { return b.key == key }) {
				r.keys = append(r.keys, a)
			}
		}
		if !t.Romanised && m.KeyDF(t.Key) == 0 {
			// No name on the lists has the token's skeleton key: perhaps
			// a typo beyond one edit, read last, while the window has room
			// (below). (The name frequencies, not the tokens, decide it:
			// an incremental Replace keeps them, so that it is decided the
			// same before and after.) Not for a name read from another
			// script, whose romanisations stand for its spellings.
			for _, id := range s.dict.near(t.Text, r.ids[:0]) {
				if _, key, _, _ := m.ListToken(id); !slices.ContainsFunc(r.keys, func(b altKey) bool { return b.key == key }) {
					r.keys = append(r.keys, altKey{key, qualityNear, true})
				}
			}
		}
		for _, a := range r.keys {
			kdf := m.KeyDF(a.key)
			w := t.Weight * a.quality
			switch {
			case kdf == 0:
				continue
			case a.quality == qualityNear && kdf > s.frequent:
				r.nearFreq = append(r.nearFreq, freqKey{j, a.key, w})
				continue
			case a.quality == qualityNear:
				r.near = append(r.near, laterKey{a.key, j, w})
				continue
			case kdf > s.frequent:
				addFreq(j, a.key, w)
				continue
			}
			if a.variant {
				// Read last, so that what the name finds as written
				// decides what else is read while the window has room.
				r.later = append(r.later, laterKey{a.key, j, w})
				continue
			}
			n, err := read(fieldKey, a.key, func(e int32) { r.add(e, j, w) })
			if err != nil {
				return false, err
			}
			found += n
		}
	}
	// Two query tokens that the list writes as one ("badur rehman" for
	// "ABDURREHMAN"): the compound's key, a list token one edit away, or a
	// list token whose other keys are the compound's (the same syllables,
	// "wei chien" for WEIJIAN; the name without its article, "inam haq" and
	// "mati ul qadir" for INAMULHAQ and MATIULQADIR).
	for _, c := range p.Compounds() {
		r.keys = r.keys[:0]
		if kdf := m.KeyDF(c.Key); kdf > 0 {
			r.keys = append(r.keys, altKey{c.Key, qualityKey, false})
		}
		r.ids = s.dict.oneEdit(c.Text, r.ids[:0])
		ne := len(r.ids)
		r.ids = s.dict.variants(c.Key, c.Variants, r.ids)
		for n, id := range r.ids {
			a := altKey{quality: qualityOneEdit}
			if n >= ne {
				a.quality = qualityVariant
			}
			if _, a.key, _, _ = m.ListToken(id); !slices.ContainsFunc(r.keys, func(b altKey) bool { return b.key == a.key }) {
				r.keys = append(r.keys, a)
			}
		}
		ta, tb := toks[c.A], toks[c.B]
		for _, a := range r.keys {
			kdf := m.KeyDF(a.key)
			if kdf == 0 {
				continue
			}
			if kdf > s.frequent {
				// A frequent compound ("ben ali" for BENALI) pairs with
				// the query's other frequent keys, as a token would.
				addFreq(c.A, a.key, (ta.Weight+tb.Weight)*a.quality)
				continue
			}
			n, err := read(fieldKey, a.key, func(e int32) {
				r.add(e, c.A, ta.Weight*a.quality)
				r.add(e, c.B, tb.Weight*a.quality)
			})
			if err != nil {
				return false, err
			}
			found += n
		}
	}
	rareEnd := len(r.cands)
	// Frequent keys: through their pairs, and through the query's birth
	// years (a year either side: a birth date a year off is a near miss, not
	// a different person; and entries without a birth date).
	var ys []string
	for _, y := range p.BirthYears(yearsPerDate) {
		for d := -1; d <= 1; d++ {
			if t := "@" + strconv.Itoa(y+d); !slices.Contains(ys, t) {
				ys = append(ys, t)
			}
		}
	}
	if len(ys) > 0 {
		ys = append(ys, noYear)
	}
	// readPair reads the postings of term, the pair of fa and fb (pair,
	// with a year when agree says the year agrees).
	var pairsRead, multiPairs []string
	readPair := func(fa, fb freqKey, pair, field, term string, agree bool) error {
		// Two tokens may reach one key (a syllable of one, the other's
		// own): a term is read once, for the first pair that reaches it,
		// and the entries it finds are marked when another pair reaches
		// it too (completed below).
		if slices.Contains(pairsRead, term) {
			return nil
		}
		pairsRead = append(pairsRead, term)
		multi := slices.Contains(multiPairs, pair)
		n, err := read(field, term, func(e int32) {
			r.add(e, fa.tok, fa.weight)
			r.add(e, fb.tok, fb.weight)
			if agree {
				r.add(e, -1, yearAgreement)
			}
			if multi {
				if k, ok := r.at.get(e + r.off); ok {
					r.shared = append(r.shared, k)
				}
			}
		})
		found += n
		return err
	}
	// eachPair calls fn with each pair of frequent keys of two query tokens
	// while more allows.
	eachPair := func(more func() bool, fn func(fa, fb freqKey) error) error {
		for a := 0; a < len(freq) && more(); a++ {
			for b := a + 1; b < len(freq) && more(); b++ {
				if freq[a].tok == freq[b].tok || freq[a].key == freq[b].key {
					continue
				}
				if err := fn(freq[a], freq[b]); err != nil {
					return err
				}
			}
		}
		return nil
	}
	always := func() bool { return true }
	// The pairs' terms that more than one pair of query tokens reach.
	{
		type reach struct {
			term string
			toks uint64
		}
		var seenPairs []reach
		_ = eachPair(always, func(fa, fb freqKey) error {
			t, toks := pairTerm(fa.key, fb.key), uint64(1)<<fa.tok|uint64(1)<<fb.tok
			switch i := slices.IndexFunc(seenPairs, func(x reach) bool { return x.term == t }); {
			case i < 0:
				seenPairs = append(seenPairs, reach{t, toks})
			case seenPairs[i].toks != toks && !slices.Contains(multiPairs, t):
				multiPairs = append(multiPairs, t)
			}
			return nil
		})
	}
	r.shared = r.shared[:0]
	if err := eachPair(always, func(fa, fb freqKey) error {
		pair := pairTerm(fa.key, fb.key)
		if len(ys) == 0 {
			return readPair(fa, fb, pair, fieldPair, pair, false)
		}
		for _, y := range ys {
			if err := readPair(fa, fb, pair, fieldYear, pair+y, y != noYear); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return false, err
	}
	// A birth year narrows, it must not exclude: a year mistyped or with
	// two digits swapped ("1948" for "1984") would hide the listed person.
	// While the window has room, the pairs are read without the year too
	// (those with the year rank first, by yearAgreement).
	if len(ys) > 0 {
		if err := eachPair(func() bool { return r.hasRoom(window) }, func(fa, fb freqKey) error {
			pair := pairTerm(fa.key, fb.key)
			return readPair(fa, fb, pair, fieldPair, pair, false)
		}); err != nil {
			return false, err
		}
	}
	// Each frequent key alone, with the query's birth year (for a name whose
	// other words are misspelt beyond the variants: "LUKAS MYE" for Lukas
	// Meyer). With the year itself it is narrow — a given name one person
	// in fifty bears, born in one year of some sixty, is a few hundred
	// entries at a million people — and read always, the rarest key first:
	// the window ranks them by their birth dates with the rest. The year
	// either side and the entries without a year only while the window has
	// room.
	if len(ys) > 0 {
		var exact []string // the year terms of the query's own years
		for _, y := range p.BirthYears(yearsPerDate) {
			exact = append(exact, "@"+strconv.Itoa(y))
		}
		byRarity := slices.Clone(freq)
		slices.SortStableFunc(byRarity, func(a, b freqKey) int { return cmp.Compare(m.KeyDF(a.key), m.KeyDF(b.key)) })
		room := true
		for _, f := range byRarity {
			room = room && r.hasRoom(window)
			for _, y := range ys {
				if !room && (m.KeyDF(f.key) > yearNarrow*window || !slices.Contains(exact, y)) {
					continue
				}
				n, err := read(fieldYear, f.key+y, func(e int32) {
					r.add(e, f.tok, f.weight)
					if y != noYear {
						r.add(e, -1, yearAgreement)
					}
				})
				if err != nil {
					return false, err
				}
				found += n
			}
		}
	}
	// The rare keys of the tokens' variants. (A common name that found
	// nothing as written still reads its bearers below.)
	variantOnly := 0
	laterStart := len(r.cands)
	for _, l := range r.later {
		n0 := len(r.cands)
		if _, err := read(fieldKey, l.key, func(e int32) { r.add(e, l.tok, l.weight) }); err != nil {
			return false, err
		}
		variantOnly += len(r.cands) - n0
	}
	// List tokens a few edits from a query token that nothing closer
	// reaches, while the window has room: a typo beyond one edit must not
	// take the place of what the name finds as written. The frequent ones
	// pair with the query's other frequent keys.
	for _, l := range r.near {
		if !r.hasRoom(window) {
			break
		}
		n0 := len(r.cands)
		if _, err := read(fieldKey, l.key, func(e int32) { r.add(e, l.tok, l.weight) }); err != nil {
			return false, err
		}
		variantOnly += len(r.cands) - n0
	}
	for _, nf := range r.nearFreq {
		for _, f := range freq {
			if f.tok == nf.tok || f.key == nf.key {
				continue
			}
			if !r.hasRoom(window) {
				break
			}
			// (Not counted as found: what the name found decides the
			// common name's read below, whatever the room.)
			n0 := len(r.cands)
			if _, err := read(fieldPair, pairTerm(nf.key, f.key), func(e int32) {
				r.add(e, nf.tok, nf.weight)
				r.add(e, f.tok, f.weight)
			}); err != nil {
				return false, err
			}
			variantOnly += len(r.cands) - n0
		}
	}
	// More candidates than the window holds are ranked by what they share
	// with the query. Those found by a rare key were not looked for under
	// the query's frequent keys, read only in pairs: an entry found by its
	// rare compound "lihsueh" must also count the frequent "tsang" it
	// shares with "LI-HSUEH TSANG", or namesakes of the frequent words
	// outrank it.
	//
	// And a pair's term is read once, for the first two query tokens that
	// reach it: when two tokens reach one key ("chong" and "jung" both reach
	// one Korean syllable's key), the entries it finds are credited for one
	// of them, and those whose names carry the key twice are completed for
	// the other ("Jeong Jong Yeong" for "CHONG YONG JUNG").
	if len(r.cands) > window && len(freq) > 0 {
		all := r.freqTokens(freq)
		r.complete(s.dict, r.cands[start:rareEnd], freq, all)
		r.complete(s.dict, r.cands[laterStart:], freq, all)
		// (An entry that several such terms find, or one term with
		// several years, is completed once.)
		slices.Sort(r.shared)
		r.shared = slices.Compact(r.shared)
		for _, k := range r.shared {
			r.completeOne(s.dict, &r.cands[k], freq, all)
		}
	}
	// The name written as one word, within one edit of an entry's: spaces in
	// the wrong place ("LAUREN TNKUNDA"), perhaps with a typo. The entry's
	// name is then the query's as a whole: each token counts as matched, and
	// the whole name's weight counts again — in full when the letters are
	// the query's, as a typo's when one differs — once: an entry that
	// several joined forms reach gains no more.
	all := 0.0
	for _, t := range toks {
		all += t.Weight
	}
	for _, jn := range p.Joined() {
		s.dict.joinedOneEdit(jn, func(e int32, same bool) {
			q := qualityOneEdit
			if same {
				q = qualityKey
			}
			if c := r.cand(e); c != nil {
				for j, t := range toks {
					c.add(j, t.Weight*q)
				}
			}
			r.addJoined(e, all*q)
			found++
		})
	}
	// A name of frequent tokens that retrieved nothing through pairs or
	// years (one common token, "Muhammad"): read its rarest key, up to a
	// budget.
	common := found == 0 && len(freq) > 0 && len(r.cands) == variantOnly
	switch {
	case common:
		r.gain = 0 // the read below depends on finding nothing else
	case len(freq) > 0:
		// It would be made if every entry found otherwise were lost.
		r.lose = max(0, min(r.lose, len(r.cands)-variantOnly-1))
	}
	if common {
		best := freq[0]
		for _, f := range freq[1:] {
			if m.KeyDF(f.key) < m.KeyDF(best.key) {
				best = f
			}
		}
		n := 0
		for _, sh := range s.index.shards {
			tfr, err := sh.reader.TermFieldReader(ctx, []byte(best.key), fieldKey, false, false, false)
			if err != nil {
				return false, err
			}
			for n < commonBudget {
				d, err := tfr.Next(&r.post.tfd)
				if err != nil {
					tfr.Close()
					return false, err
				}
				if d == nil {
					break
				}
				r.add(sh.entry[d.ID.Value()], best.tok, best.weight)
				n++
			}
			tfr.Close()
		}
		if n >= commonBudget {
			r.gain, r.lose = 0, 0
			full = true
		}
	}
	return full, nil
}
