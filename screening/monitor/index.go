package monitor

import (
	"hash/maphash"
	"maps"
	"math"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
	"github.com/raqib/raqib/normalize"
	"github.com/raqib/raqib/screening"
)

// The reverse direction. Screening retrieves an entry for a query only
// through what the two share (package screening, retrieve.go): a skeleton
// key of a name token; a token that sounds like, or is one edit from, a list
// token carrying one of the entry's keys; two adjacent query tokens written
// as one of the entry's tokens; the whole name written as one word, one edit
// from one of the entry's names so written; a document number; a face or
// fingerprint; a token typed in Latin letters whose key no listed name
// has, two edits from a list token of the same first letter (one edit for
// four letters; linked whatever the key). Frequent keys are read only in pairs
// of one name form, with a birth year, or alone for a name that found nothing
// else, which still needs a shared key. The link index holds every party under
// each of these terms, so that for an entry that changed it finds every
// party that may retrieve it — a superset: the scoring step and the forward
// screening that follow decide. Nothing here depends on the lists' weights.

// Retrieval's limits: a token is looked up one edit away from fuzzyMinLen
// letters, as screening does (its query tokens and its list tokens both from
// five letters: a four-letter token meets no one-edit neighbour there), a
// name written as one word from joinedMinLen to joinedMaxLen letters, widened
// (screening: 8 to 32).
const (
	// nearMinLen and twoEditsMinLen are screening's (dict.go): tokens of
	// four letters are looked up one edit away, of five or more two.
	nearMinLen     = 4
	twoEditsMinLen = 5
	fuzzyMinLen    = 5
	joinedMinLen   = 7
	joinedMaxLen   = 40
	maxTermLength  = 64
)

// term is a token (or compound) text of some party's names.
type term struct {
	text    string
	key     string
	parties []int32
	typed   bool   // some party types it in Latin letters (not romanised): in byStart
	letters uint32 // of a typed term: the letters it has (normalize.LetterSet)
}

// partyTerms is what the index holds of one party, to remove it again.
type partyTerms struct {
	terms  []int32
	joined []int32
	docs   []string
	years  []int // birth years, a year either side
	face   bool
	finger bool
	scope  scope
}

// scope is what the Screener's filter of a query keeps (package screening,
// filter.go): a kind of entry (a query with a birth date or a gender is a
// person's), and the sources of q.Lists, folded as the Screener folds them.
// The filter drops a candidate before it is scored, so an entry out of a
// party's scope cannot be an alert of that party. (Regimes, q.ListTypes,
// are not mirrored: every regime is in scope.)
type scope struct {
	kind    lists.Kind
	sources []string // nil: every source
}

func scopeOf(q *raqib.Query) scope {
	sc := scope{kind: q.Kind}
	if sc.kind == "" && (q.BirthDate != "" || q.Gender != "") {
		sc.kind = lists.KindPerson
	}
	for _, l := range q.Lists {
		sc.sources = append(sc.sources, screening.FoldListName(l))
	}
	return sc
}

// excludes reports whether the filter surely leaves e out. An entry of a
// kind the Screener does not know is kept: the Screener reads it as of no
// kind, which a kind filter drops, but keeping it only costs a score.
func (sc scope) excludes(e *lists.Entry) bool {
	switch e.Kind {
	case lists.KindPerson, lists.KindOrganisation, lists.KindVessel, lists.KindAircraft:
		if sc.kind != "" && e.Kind != sc.kind {
			return true
		}
	}
	return sc.sources != nil && !slices.Contains(sc.sources, screening.FoldListName(e.Source))
}

// scopeCode is a scope in a byte, for the links of an update: the kind's
// code (kindCode), and scopeSources when the scope names sources.
type scopeCode uint8

const scopeSources scopeCode = 8

// kindCode codes a kind of entry: 0 for none, 1 to 4 for the kinds the
// filter tells apart, 5 for any other.
func kindCode(k lists.Kind) scopeCode {
	switch k {
	case "":
		return 0
	case lists.KindPerson:
		return 1
	case lists.KindOrganisation:
		return 2
	case lists.KindVessel:
		return 3
	case lists.KindAircraft:
		return 4
	}
	return 5
}

// entryKindCode is the code of an entry of kind k, 0 for a kind the filter
// keeps whatever the scope (see scope.excludes).
func entryKindCode(k lists.Kind) scopeCode {
	if c := kindCode(k); c < 5 {
		return c
	}
	return 0
}

// code returns the scope's code.
func (sc scope) code() scopeCode {
	c := kindCode(sc.kind)
	if sc.sources != nil {
		c |= scopeSources
	}
	return c
}

// excludes is scope.excludes for an entry of kind code ek (entryKindCode)
// from the scope's code; a scope that names sources is asked in full.
func (c scopeCode) excludes(ek scopeCode, full func() bool) bool {
	if c&scopeSources != 0 {
		return full()
	}
	return ek != 0 && c != 0 && c != ek
}

// linkIndex is the index of the parties by the terms of retrieval.
type linkIndex struct {
	seed  maphash.Seed
	texts map[string]int32 // token text -> term
	terms []term
	byKey map[string][]int32 // skeleton key -> terms
	byPh  map[string][]int32 // Double Metaphone key -> terms
	byVar map[string][]int32 // another key of a term (matcher.QueryToken.Variants) -> terms
	byDel map[uint64][]int32 // hash of a term's text or of one of its one-letter deletions -> terms
	// byStart holds the typed terms of nearMinLen letters or more by
	// first letter and length (startKey).
	byStart map[uint16][]int32
	joined  map[string]int32 // a name written as one word -> joined term
	jterms  []term
	jDel    map[uint64][]int32
	docs    map[string][]int32 // normalised document number -> parties
	faces   []int32
	prints  []int32
}

func newLinkIndex() *linkIndex {
	return &linkIndex{
		seed: maphash.MakeSeed(), texts: map[string]int32{}, byKey: map[string][]int32{},
		byPh: map[string][]int32{}, byVar: map[string][]int32{}, byDel: map[uint64][]int32{}, byStart: map[uint16][]int32{}, joined: map[string]int32{},
		jDel: map[uint64][]int32{}, docs: map[string][]int32{},
	}
}

func (x *linkIndex) hash(s string) uint64 { return maphash.String(x.seed, s) }

// deletions calls fn with the hash of s and of each of its one-letter
// deletions.
func (x *linkIndex) deletions(s string, fn func(h uint64)) {
	fn(x.hash(s))
	var buf [maxTermLength]byte
	for i := range len(s) {
		b := append(append(buf[:0], s[:i]...), s[i+1:]...)
		fn(maphash.Bytes(x.seed, b))
	}
}

// term returns the term of text, adding it (under key and phonetic) if new.
//
// A text first met as a compound ("il han" written "ilhan") has no
// phonetic keys until it is met as a token: they are added then.
func (x *linkIndex) term(text, key string, ph [2]string) int32 {
	id, ok := x.texts[text]
	if !ok {
		id = int32(len(x.terms))
		x.terms = append(x.terms, term{text: text, key: key})
		x.texts[text] = id
		if key != "" {
			x.byKey[key] = append(x.byKey[key], id)
		}
		if len(text) >= fuzzyMinLen && len(text) <= maxTermLength {
			x.deletions(text, func(h uint64) { x.byDel[h] = append(x.byDel[h], id) })
		}
	}
	for _, p := range ph {
		if p != "" && !slices.Contains(x.byPh[p], id) {
			x.byPh[p] = append(x.byPh[p], id)
		}
	}
	return id
}

// startKey is the key of byStart: a token's first letter and length.
func startKey(text string) uint16 { return uint16(text[0])<<8 | uint16(len(text)) }

// addVariants indexes term id under its other keys vs
// (matcher.QueryToken.Variants and Pieces, matcher.Compound.Variants).
func (x *linkIndex) addVariants(id int32, vs []string) {
	for _, v := range vs {
		if !slices.Contains(x.byVar[v], id) {
			x.byVar[v] = append(x.byVar[v], id)
		}
	}
}

// add indexes party slot: p is its query as a matcher prepared it (only its
// tokens, compounds, joined names and documents are read, none of which
// depends on the list), q the query.
func (x *linkIndex) add(slot int32, p *matcher.Prepared, q *raqib.Query) partyTerms {
	pt := partyTerms{scope: scopeOf(q)}
	addTerm := func(id int32) {
		if !slices.Contains(pt.terms, id) {
			pt.terms = append(pt.terms, id)
			x.terms[id].parties = append(x.terms[id].parties, slot)
		}
	}
	for _, t := range p.Tokens() {
		id := x.term(t.Text, t.Key, t.Phonetic)
		addTerm(id)
		if tm := &x.terms[id]; !t.Romanised && !tm.typed && len(t.Text) >= nearMinLen && len(t.Text) <= maxTermLength {
			tm.typed, tm.letters = true, normalize.LetterSet(t.Text)
			k := startKey(t.Text)
			x.byStart[k] = append(x.byStart[k], id)
		}
		x.addVariants(id, t.Variants)
		x.addVariants(id, t.Pieces[0])
		x.addVariants(id, t.Pieces[1])
	}
	for _, c := range p.Compounds() {
		id := x.term(c.Text, c.Key, [2]string{})
		addTerm(id)
		x.addVariants(id, c.Variants)
	}
	for _, j := range p.Joined() {
		if len(j) < joinedMinLen || len(j) > joinedMaxLen {
			continue
		}
		id, ok := x.joined[j]
		if !ok {
			id = int32(len(x.jterms))
			x.jterms = append(x.jterms, term{text: j})
			x.joined[j] = id
			x.deletions(j, func(h uint64) { x.jDel[h] = append(x.jDel[h], id) })
		}
		if !slices.Contains(pt.joined, id) {
			pt.joined = append(pt.joined, id)
			x.jterms[id].parties = append(x.jterms[id].parties, slot)
		}
	}
	for _, d := range p.DocumentKeys() {
		if !slices.Contains(pt.docs, d) {
			pt.docs = append(pt.docs, d)
			x.docs[d] = append(x.docs[d], slot)
		}
	}
	for _, y := range p.BirthYears(yearsPerDate) {
		for d := -1; d <= 1; d++ {
			if !slices.Contains(pt.years, y+d) {
				pt.years = append(pt.years, y+d)
			}
		}
	}
	if q.Face != nil {
		pt.face = true
		x.faces = append(x.faces, slot)
	}
	if len(q.Fingerprints) > 0 {
		pt.finger = true
		x.prints = append(x.prints, slot)
	}
	return pt
}

// remove takes party slot out of the index (its terms stay, empty).
func (x *linkIndex) remove(slot int32, pt partyTerms) {
	drop := func(s []int32) []int32 {
		if i := slices.Index(s, slot); i >= 0 {
			s[i] = s[len(s)-1]
			s = s[:len(s)-1]
		}
		return s
	}
	for _, id := range pt.terms {
		x.terms[id].parties = drop(x.terms[id].parties)
	}
	for _, id := range pt.joined {
		x.jterms[id].parties = drop(x.jterms[id].parties)
	}
	for _, d := range pt.docs {
		if x.docs[d] = drop(x.docs[d]); len(x.docs[d]) == 0 {
			delete(x.docs, d)
		}
	}
	if pt.face {
		x.faces = drop(x.faces)
	}
	if pt.finger {
		x.prints = drop(x.prints)
	}
}

// listToken is a token of the lists: its text, phonetic keys and other keys
// (matcher.ListTokenVariants).
type listToken struct {
	text string
	ph   [2]string
	vars []string
}

// dictionary holds the tokens of the lists by skeleton key, for the
// spelling variants retrieval reads (a query token that sounds like, or is
// one edit from, any list token of an entry's key retrieves the entry), and
// the tokens already held. One text may be two tokens of two keys ("ltd" a
// name, key "ld", and a legal form, key "legal:llc"): each key has it.
type dictionary struct {
	byKey map[string][]listToken
	seen  map[[2]string]int // (text, key) -> index in byKey[key]
}

func newDictionary() *dictionary {
	return &dictionary{byKey: map[string][]listToken{}, seen: map[[2]string]int{}}
}

// clone returns a copy of d that addMatcher may change without changing d
// (the tokens' variants are clipped: an append to them copies).
func (d *dictionary) clone() *dictionary {
	c := &dictionary{byKey: make(map[string][]listToken, len(d.byKey)), seen: maps.Clone(d.seen)}
	for k, ts := range d.byKey {
		ts = slices.Clone(ts)
		for i := range ts {
			ts[i].vars = slices.Clip(ts[i].vars)
		}
		c.byKey[k] = slices.Clip(ts)
	}
	return c
}

// addMatcher adds the tokens of m's entries. One text of one key may be
// tokens of several kinds (a name, and a syllable of a Chinese or Korean
// name: "ri"), whose other keys differ: the token held has all of them.
func (d *dictionary) addMatcher(m *matcher.Matcher) {
	for id := uint32(0); id < uint32(m.ListTokens()); id++ {
		text, key, ph, word := m.ListToken(id)
		if !word || key == "" {
			continue
		}
		if k, ok := d.seen[[2]string{text, key}]; ok {
			t := &d.byKey[key][k]
			for _, v := range m.ListTokenVariants(id, nil) {
				if !slices.Contains(t.vars, v) {
					t.vars = append(t.vars, v)
				}
			}
			continue
		}
		d.seen[[2]string{text, key}] = len(d.byKey[key])
		d.byKey[key] = append(d.byKey[key], listToken{text, ph, m.ListTokenVariants(id, nil)})
	}
}

// phoneStats are, for each phonetic key, what retrieval's dictionary of one
// segment of the index counts to decide whether to read it (package
// screening, dict.go): the list tokens under it, and the entries the
// distinct skeleton keys of those tokens carry. Retrieval reads a phonetic
// key only when both are small (maxPhoneTokens tokens, the frequent limit).
type phoneStats struct {
	tokens map[string]int
	df     map[string]int
}

// addToken counts a list token into ps as retrieval's dictionary does
// (ordinary tokens of three letters or more, under each of their phonetic
// keys), with keys counted by df; seen holds the (phonetic key, token text)
// and (phonetic key, skeleton key) pairs counted already.
func (ps *phoneStats) addToken(text, key string, ph [2]string, word bool, df func(string) int, seen map[[2]string]bool) {
	if !word || len(text) < 3 {
		return
	}
	for k, p := range ph {
		if p == "" || k == 1 && p == ph[0] {
			continue
		}
		if t := [2]string{p, "t:" + text}; !seen[t] {
			seen[t] = true
			ps.tokens[p]++
		}
		if kk := [2]string{p, "k:" + key}; !seen[kk] {
			seen[kk] = true
			ps.df[p] += df(key)
		}
	}
}

// stableKeys returns served, the keys of the ordinary tokens of the entries
// served after an update (matcherKeys), less those that a token of changed
// (a matcher of the entry versions the update changed, old and new) has:
// keys that entries served both before and after the update carry.
func stableKeys(served map[string]bool, changed *matcher.Matcher) map[string]bool {
	for id := uint32(0); id < uint32(changed.ListTokens()); id++ {
		_, key, _, _ := changed.ListToken(id)
		delete(served, key)
	}
	return served
}

// matcherKeys returns the keys of the ordinary tokens of m's entries, of
// those entries i for which keep(i) is true when keep is not nil.
func matcherKeys(m *matcher.Matcher, keep func(i int) bool) map[string]bool {
	out := map[string]bool{}
	if keep == nil {
		for id := uint32(0); id < uint32(m.ListTokens()); id++ {
			if _, key, _, word := m.ListToken(id); word && key != "" {
				out[key] = true
			}
		}
		return out
	}
	for i := range m.Len() {
		if !keep(i) {
			continue
		}
		m.EntryForms(i, func(toks []uint32) {
			for _, id := range toks {
				if _, key, _, word := m.ListToken(id); word && key != "" {
					out[key] = true
				}
			}
		})
	}
	return out
}

// segmentPhones returns the phonetic counts of a segment of the index made
// of m's entries, with keys counted by df.
func segmentPhones(m *matcher.Matcher, df func(string) int) *phoneStats {
	ps := &phoneStats{tokens: map[string]int{}, df: map[string]int{}}
	seen := map[[2]string]bool{}
	for id := uint32(0); id < uint32(m.ListTokens()); id++ {
		text, key, ph, word := m.ListToken(id)
		ps.addToken(text, key, ph, word, df, seen)
	}
	return ps
}

// reads reports whether retrieval may read phonetic key p in a segment whose
// counts are at least those of ps.
func (ps *phoneStats) reads(p string, frequent int) bool {
	return ps.tokens[p] <= maxPhoneTokens && ps.df[p] <= frequent
}

// Retrieval's restrictions, mirrored so that the mirror never links less
// than retrieval reads (package screening, index.go and retrieve.go): a key
// carried by more than frequentFrom(n) entries is read only through a pair
// with another frequent key of the query, or with its birth year (or that of
// an entry without one), or alone, for a name that found nothing else (see
// rules.alone); a phonetic key of more than maxPhoneTokens list
// tokens, or whose tokens' keys are carried by more than frequentFrom(n)
// entries in all, is not read. A token is looked up one edit away whether
// the lists have it or not.
const (
	minFrequentEntries = 40
	frequentShare      = 0.002
	maxRareEntries     = 5000
	maxPhoneTokens     = 64
	yearsPerDate       = 5
)

// frequentFrom is the number of entries from which retrieval takes a key
// of lists of n entries as frequent.
func frequentFrom(n int) int {
	return min(maxRareEntries, max(minFrequentEntries, int(frequentShare*float64(n))))
}

// rules are the lists' facts the restrictions need.
type rules struct {
	df       func(key string) int // entries carrying a key
	frequent int                  // a key is frequent above this
	dict     *dictionary
	// stable holds keys that entries served both before and after the
	// update carry: a query with such a key of its own, rare, retrieves
	// something through it.
	stable map[string]bool
	// segment, when not nil, holds the phonetic counts of the one segment
	// of the index that every entry linked under these rules is in. When it
	// is nil, each entry's own tokens are all that is surely in its segment
	// (an incremental Replace indexes the entries it adds in a segment of
	// their own, whose dictionary is small: there retrieval reads phonetic
	// keys that it does not read in the base).
	segment *phoneStats
}

// newRules returns the restrictions of an index whose base holds n entries
// and whose keys df counts: the counts retrieval reads, so that the limits
// are retrieval's own (an incremental Replace keeps both, and weighs the
// entries it adds with them).
func newRules(df func(string) int, n int, dict *dictionary) *rules {
	return &rules{df: df, frequent: frequentFrom(n), dict: dict}
}

// entryTerms is what retrieval indexes of one entry: the keys of its name
// tokens, its names written as one word, its document numbers, and whether
// it has biometrics.
type entryTerms struct {
	keys   []string
	tokens []string // the texts of its name tokens, for nicknames
	joined []string
	docs   []string
	years  []int
	// forms holds, for each name form of two keys or more, its keys (bit
	// k: keys[k], keyBit): retrieval reads a pair of frequent keys only as
	// the term of a pair found in one form.
	forms  []uint64
	face   bool
	finger bool
	// phones are the phonetic counts of the entry's own tokens: a lower
	// bound of those of the segment of the index it is in.
	phones *phoneStats
}

// newEntryTerms reads entry i of m (a matcher built over the entries that
// changed), as screening indexes it; df counts the entries of a key in the
// lists served.
func newEntryTerms(m *matcher.Matcher, i int, e *lists.Entry, df func(string) int) entryTerms {
	et := entryTerms{phones: &phoneStats{tokens: map[string]int{}, df: map[string]int{}}}
	seen := map[[2]string]bool{}
	var buf []byte
	m.EntryForms(i, func(toks []uint32) {
		buf = buf[:0]
		var form uint64
		nk := 0 // the form's keys, each once
		for _, id := range toks {
			text, key, ph, word := m.ListToken(id)
			et.phones.addToken(text, key, ph, word, df, seen)
			if !word {
				continue
			}
			buf = append(buf, text...)
			if key != "" {
				ki := slices.Index(et.keys, key)
				if ki < 0 {
					ki = len(et.keys)
					et.keys = append(et.keys, key)
				}
				if form&keyBit(ki) == 0 || ki >= 63 {
					nk++
				}
				form |= keyBit(ki)
			}
			if !slices.Contains(et.tokens, text) {
				et.tokens = append(et.tokens, text)
			}
		}
		if len(buf) >= joinedMinLen && len(buf) <= joinedMaxLen && !slices.Contains(et.joined, string(buf)) {
			et.joined = append(et.joined, string(buf))
		}
		if nk >= 2 && !slices.Contains(et.forms, form) {
			et.forms = append(et.forms, form)
		}
	})
	for _, d := range e.Documents {
		for _, n := range []string{d.Normalized, normalize.DocumentNumber(d.Number)} {
			if n != "" && !slices.Contains(et.docs, n) {
				et.docs = append(et.docs, n)
			}
		}
	}
	et.years = m.EntryYears(i, yearsPerDate, nil)
	et.face = len(e.Faces) > 0
	et.finger = len(e.Fingerprints) > 0
	return et
}

// linker links the parties to one entry version at a time; it keeps the
// scratch space of the frequent keys.
type linker struct {
	x     *linkIndex
	r     *rules
	years func(slot int32) []int
	// yt, when not nil, holds the years of the parties by slot: years
	// reads those it does not hold.
	yt []slotYears
	// alone is rules.alone of a party.
	alone func(slot int32) int
	// freq[slot] is what the party reaches of the frequent keys of the entry
	// being linked (when its call is that link's), and touched the slots
	// it holds for that entry.
	freq    []freqReach
	touched []int32
	call    int32
	// seen[term] is the call, and the key plus one (0: a rare key), that
	// last reached the term's parties: the same reach again does nothing.
	seen []uint64
	// trace, when not nil, is told the rule of every link (for the
	// measurements of the tests).
	trace func(slot int32, r linkRule)
	// sh is what the linkers of one update share (nil: made at the first
	// link, for this linker alone).
	sh *linkShared
	// near and edits are this linker's copies of what it read of sh's,
	// read without a lock.
	near, edits map[string][]int32
}

// linkShared is what the linkers of one update read once for all of them,
// safe for concurrent use: the index does not change during an update, and
// every rules of an update counts keys alike (the index's base).
type linkShared struct {
	// dfs[term] is the number of entries carrying the term's key, plus
	// one (0: not read yet).
	dfs []atomic.Int32
	// near and edits hold, by the text of a list token, the terms two
	// edits from it (ruleNear's test) and one edit from it (ruleEdit's):
	// one list token is met under many entries' keys (and both as it was
	// and as it is). Two linkers may compute one text at once; they find
	// the same terms, and the second keeps the first's.
	mu          sync.RWMutex
	near, edits map[string][]int32
}

// newLinkShared returns the shared reads of the linkers of index x.
func newLinkShared(x *linkIndex) *linkShared {
	return &linkShared{dfs: make([]atomic.Int32, len(x.terms)), near: map[string][]int32{}, edits: map[string][]int32{}}
}

// cached returns the terms of text in c, if they were computed.
func (sh *linkShared) cached(c map[string][]int32, text string) ([]int32, bool) {
	sh.mu.RLock()
	ids, ok := c[text]
	sh.mu.RUnlock()
	return ids, ok
}

// keep stores the terms ids of text in c, unless another linker did first,
// and returns those stored.
func (sh *linkShared) keep(c map[string][]int32, text string, ids []int32) []int32 {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if had, ok := c[text]; ok {
		return had
	}
	c[text] = ids
	return ids
}

// nearTerms returns the typed terms whose key no listed name has and that
// are two edits from list token text (one for four letters), of the same
// first letter: those retrieval reads a list token for (ruleNear).
func (l *linker) nearTerms(text string) []int32 {
	if ids, ok := l.near[text]; ok {
		return ids
	}
	if ids, ok := l.sh.cached(l.sh.near, text); ok {
		return l.own(&l.near, text, ids)
	}
	x := l.x
	var ids []int32
	set := normalize.LetterSet(text)
	for n := max(nearMinLen, len(text)-2); n <= len(text)+2; n++ {
		k := 1
		if n >= twoEditsMinLen {
			k = 2
		}
		for _, id := range x.byStart[startKey(text[:1])&0xff00|uint16(n)] {
			tm := &x.terms[id]
			if bits.OnesCount32(set&^tm.letters) > k || bits.OnesCount32(tm.letters&^set) > k || l.keyListed(id) {
				continue
			}
			if normalize.WithinEdits(tm.text, text, k) {
				ids = append(ids, id)
			}
		}
	}
	return l.own(&l.near, text, l.sh.keep(l.sh.near, text, ids))
}

// editTerms returns the terms one edit from list token text (ruleEdit).
func (l *linker) editTerms(text string) []int32 {
	if ids, ok := l.edits[text]; ok {
		return ids
	}
	if ids, ok := l.sh.cached(l.sh.edits, text); ok {
		return l.own(&l.edits, text, ids)
	}
	x := l.x
	var ids []int32
	x.deletions(text, func(h uint64) {
		for _, id := range x.byDel[h] {
			if normalize.OneEditApart(x.terms[id].text, text) && !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	})
	return l.own(&l.edits, text, l.sh.keep(l.sh.edits, text, ids))
}

// own keeps the terms ids of text in the linker's copy c, and returns them.
func (l *linker) own(c *map[string][]int32, text string, ids []int32) []int32 {
	if *c == nil {
		*c = map[string][]int32{}
	}
	(*c)[text] = ids
	return ids
}

// termDF returns the number of entries carrying term id's key.
func (l *linker) termDF(id int32) int { return l.sh.termDF(l.x, l.r.df, id) }

// termDF returns the number of entries carrying term id's key of x, df
// counting the entries of a key (as every rules of the update does).
func (sh *linkShared) termDF(x *linkIndex, df func(string) int, id int32) int {
	c := &sh.dfs[id]
	if d := c.Load(); d > 0 {
		return int(d) - 1
	}
	d := df(x.terms[id].key)
	c.Store(int32(min(d, math.MaxInt32-1) + 1))
	return d
}

// keyListed reports whether a listed name has term id's key.
func (l *linker) keyListed(id int32) bool { return l.termDF(id) > 0 }

// freqReach is what a party reaches of an entry's frequent keys: the first
// one (an index into entryTerms.keys), whether it reaches another too, the
// fewest entries that carry one of them, and all of them (keyBit).
type freqReach struct {
	call  int32
	key   int32
	multi bool
	minDF int
	keys  uint64
}

// keyBit is the bit of the entry's key k in entryTerms.forms and
// freqReach.keys; the keys from the 64th on share the last bit, so that a
// form or party with one of them meets every other one (a pair is then
// linked whether it is read or not).
func keyBit(k int) uint64 { return 1 << min(k, 63) }

// paired reports whether one name form of et holds two of the keys of f: a
// pair of frequent keys that retrieval may read (package screening,
// index.go, pairTerm).
func (et *entryTerms) paired(f *freqReach) bool {
	for _, form := range et.forms {
		if got := form & f.keys; bits.OnesCount64(got) >= 2 || got&keyBit(63) != 0 {
			return true
		}
	}
	return false
}

// linkRule names the rule that made a link.
type linkRule uint8

const (
	ruleKey       linkRule = iota // a rare key of the entry, the party's own
	rulePhone                     // a rare key, through a list token's sound
	ruleEdit                      // a rare key, through a list token one edit away
	ruleNear                      // a key, through a list token two edits from a typed token that nothing closer reaches
	ruleVariant                   // a key, through another key of a token (matcher.QueryToken.Variants)
	rulePair                      // two frequent keys
	ruleAlone                     // a frequent key read alone, the rarest of a name that found nothing else
	ruleYear                      // a frequent key, with a birth year of the entry's
	ruleNoYear                    // a frequent key, the party's year and an entry without one
	ruleNickname                  // a nickname
	ruleJoined                    // the name written as one word
	ruleDocument                  // a document number
	ruleBiometric                 // a face or fingerprints on both sides
	nRules
)

func (r linkRule) String() string {
	return [...]string{"key", "phonetic", "one edit", "near", "variant", "pair", "alone", "year", "no year", "nickname", "joined", "document", "biometric"}[r]
}

// link calls mark with every party that may retrieve an entry of terms et
// (a party may be marked more than once).
func (l *linker) link(et *entryTerms, mark0 func(slot int32)) {
	x, r := l.x, l.r
	if l.sh == nil {
		l.sh = newLinkShared(x)
	}
	l.call++
	l.touched = l.touched[:0]
	phones := r.segment
	if phones == nil {
		phones = et.phones
	}
	mark := func(slot int32, rule linkRule) {
		if l.trace != nil {
			l.trace(slot, rule)
		}
		mark0(slot)
	}
	// reach records that slot reaches the entry's key ki, of df entries.
	reach := func(slot int32, ki, df int, frequent bool, rule linkRule) {
		if !frequent {
			mark(slot, rule)
			return
		}
		if int(slot) >= len(l.freq) {
			l.freq = append(l.freq, make([]freqReach, int(slot)+1-len(l.freq)+len(l.freq)/2)...)
		}
		f := &l.freq[slot]
		switch {
		case f.call != l.call:
			*f = freqReach{call: l.call, key: int32(ki), minDF: df, keys: keyBit(ki)}
			l.touched = append(l.touched, slot)
		case int(f.key) != ki:
			f.multi = true
			f.minDF = min(f.minDF, df)
			f.keys |= keyBit(ki)
		}
	}
	if len(l.seen) < len(x.terms) {
		l.seen = append(l.seen, make([]uint64, len(x.terms)-len(l.seen))...)
	}
	parties := func(id int32, ki, df int, frequent bool, rule linkRule) {
		// A term's parties marked through a rare key, or reached through
		// this frequent key, for this entry already: again changes nothing
		// (but for the census of the rules, which counts each).
		stamp := uint64(l.call) << 32
		if frequent {
			stamp |= uint64(ki) + 1
		}
		if l.trace == nil {
			if seen := l.seen[id]; seen == stamp || seen == uint64(l.call)<<32 {
				return
			}
			l.seen[id] = stamp
		}
		for _, s := range x.terms[id].parties {
			reach(s, ki, df, frequent, rule)
		}
	}
	for ki, k := range et.keys {
		df := r.df(k)
		frequent := df > r.frequent
		for _, id := range x.byKey[k] {
			parties(id, ki, df, frequent, ruleKey)
		}
		// Spelling variants: every list token of the key, as a query token
		// may reach it by sound or by one edit.
		for _, t := range r.dict.byKey[k] {
			// Its other keys, as a query token's key or other key.
			for _, v := range t.vars {
				for _, id := range x.byKey[v] {
					parties(id, ki, df, frequent, ruleVariant)
				}
				for _, id := range x.byVar[v] {
					parties(id, ki, df, frequent, ruleVariant)
				}
			}
			for _, p := range t.ph {
				if p == "" || !phones.reads(p, r.frequent) {
					continue
				}
				for _, id := range x.byPh[p] {
					parties(id, ki, df, frequent, rulePhone)
				}
			}
			// A typed query token two edits away (one for four letters)
			// whose key no listed name has, which retrieval then reads:
			// every such meeting links (a superset).
			if len(t.text) >= nearMinLen && len(t.text) <= maxTermLength {
				for _, id := range l.nearTerms(t.text) {
					parties(id, ki, df, frequent, ruleNear)
				}
			}
			if len(t.text) < fuzzyMinLen || len(t.text) > maxTermLength {
				continue
			}
			for _, id := range l.editTerms(t.text) {
				parties(id, ki, df, frequent, ruleEdit)
			}
		}
	}
	// A query token's other key (another transliteration system's
	// spelling, a joined article, the same syllables) may be the entry's
	// key. (An entry token's own other keys are its dictionary token's,
	// read above: the dictionary holds the changed versions' tokens too.)
	for ki, k := range et.keys {
		df := r.df(k)
		for _, id := range x.byVar[k] {
			parties(id, ki, df, df > r.frequent, ruleVariant)
		}
	}
	// A frequent key alone retrieves through a second frequent key, a birth
	// year (and a query's year reaches the entries without one), or for a
	// name of frequent tokens only.
	ylo, yhi := math.MaxInt, math.MinInt
	for _, y := range et.years {
		ylo, yhi = min(ylo, y), max(yhi, y)
	}
	for _, s := range l.touched {
		f := &l.freq[s]
		switch {
		case f.multi && et.paired(f):
			mark(s, rulePair)
		case f.minDF <= l.alone(s):
			mark(s, ruleAlone)
		default:
			// The party's years, from the linkers' table when it holds
			// them (a party's own memory is far).
			var overlap, has bool
			if l.yt != nil && l.yt[s].n != yearsElsewhere {
				y := &l.yt[s]
				overlap, has = y.overlapsRange(et.years, ylo, yhi), y.n > 0
			} else {
				ys := l.years(s)
				overlap, has = overlapsRange(ys, et.years, ylo, yhi), len(ys) > 0
			}
			switch {
			case overlap:
				mark(s, ruleYear)
			case has && len(et.years) == 0:
				mark(s, ruleNoYear)
			}
		}
	}
	// Nicknames and other forms of a given name: the matcher compares them,
	// so they are linked too (exact texts).
	for _, t := range et.tokens {
		for _, n := range normalize.Nicknames(t) {
			if id, ok := x.texts[n]; ok {
				for _, s := range x.terms[id].parties {
					mark(s, ruleNickname)
				}
			}
		}
	}
	// A name written as one word: screening looks the query's and its
	// one-letter deletions up among the entry's and theirs (two edits apart
	// at most), so every such meeting links, unverified.
	for _, j := range et.joined {
		x.deletions(j, func(h uint64) {
			for _, id := range x.jDel[h] {
				for _, s := range x.jterms[id].parties {
					mark(s, ruleJoined)
				}
			}
		})
	}
	for _, d := range et.docs {
		for _, s := range x.docs[d] {
			mark(s, ruleDocument)
		}
	}
	if et.face {
		for _, s := range x.faces {
			mark(s, ruleBiometric)
		}
	}
	if et.finger {
		for _, s := range x.prints {
			mark(s, ruleBiometric)
		}
	}
}

// slotYears holds a party's years (partyTerms.years) beside the others',
// for the linkers of one update (linkRun.links): n of them in ys, or n is
// yearsElsewhere when they do not fit (more of them, or a year beyond
// int16) and are read from the party.
type slotYears struct {
	n  uint8
	ys [7]int16 // one birth date's years (yearsPerDate, and one either side)
}

// yearsElsewhere is slotYears.n for years read from the party.
const yearsElsewhere = math.MaxUint8

// set holds ys in y.
func (y *slotYears) set(ys []int) {
	y.n = yearsElsewhere
	if len(ys) > len(y.ys) {
		return
	}
	for i, v := range ys {
		if v < math.MinInt16 || v > math.MaxInt16 {
			return
		}
		y.ys[i] = int16(v)
	}
	y.n = uint8(len(ys))
}

// overlapsRange is overlapsRange of the years y holds.
func (y *slotYears) overlapsRange(b []int, lo, hi int) bool {
	for _, v := range y.ys[:y.n] {
		if v := int(v); v >= lo && v <= hi && slices.Contains(b, v) {
			return true
		}
	}
	return false
}

// overlapsRange reports whether a and b share a year; b's years are all in
// [lo, hi].
func overlapsRange(a, b []int, lo, hi int) bool {
	for _, y := range a {
		if y >= lo && y <= hi && slices.Contains(b, y) {
			return true
		}
	}
	return false
}

// alone returns the largest number of entries a frequent key may carry for
// retrieval to read it alone for a party (not through a pair or a birth
// year), or -1 when it never does. Retrieval reads one frequent key alone
// only for a name that found nothing else (a name of frequent tokens, or of
// tokens the lists lack), and then only the rarest of the query's frequent
// keys (package screening, retrieve.go: "A name of frequent tokens that
// retrieved nothing"). The party's own keys of more than r.frequent entries
// are surely among the query's frequent keys (retrieval adds every token's
// and compound's own key), so the rarest is at most the rarest of them; a
// party with none gets no limit.
//
// A party with a rare key of its own that an entry served before and after
// the update carries never has a key read alone: retrieval reads the rare
// key and finds that entry, before and after (in whichever segment of the
// index it is; an entry hidden since the base is not served, and a key of
// the entries changed is not taken as stable).
//
// termDF, when not nil, counts the entries of a term's key as r.df does.
func (r *rules) alone(x *linkIndex, pt partyTerms, termDF func(int32) int) int {
	if len(pt.terms) > maxQueryKeys {
		// Retrieval reads only the query's first tokens: its own keys may
		// not all count.
		return math.MaxInt
	}
	limit := math.MaxInt
	for _, id := range pt.terms {
		key := x.terms[id].key
		var df int
		if termDF != nil {
			df = termDF(id)
		} else {
			df = r.df(key)
		}
		if df > 0 && df <= r.frequent && r.stable[key] {
			return -1
		}
		if df > r.frequent {
			limit = min(limit, df)
		}
	}
	return limit
}

// aloneCache holds rules.alone of each party (by slot) once read, for the
// linkers of one update; safe for concurrent use.
type aloneCache []atomic.Int32

// get returns rules.alone of slot s, read by read the first time. A limit
// beyond math.MaxInt32-2 (a party without frequent keys of its own has
// none: math.MaxInt) is held, and returned, as math.MaxInt32-2: above any
// number of entries, so it lets every frequent key be read alone, as the
// limit does. (It was held as the int32 of the limit plus 2, which wrapped
// math.MaxInt to -1: after its first link, such a party was never linked
// by a frequent key read alone.)
func (c aloneCache) get(s int32, read func() int) int {
	if v := c[s].Load(); v != 0 {
		return int(v) - 2
	}
	a := min(read(), math.MaxInt32-2)
	c[s].Store(int32(a + 2))
	return a
}

// maxQueryKeys is the most tokens of a query retrieval reads (package
// screening, retrieve.go).
const maxQueryKeys = 64
