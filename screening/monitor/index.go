package monitor

import (
	"hash/maphash"
	"math"
	"slices"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
	"github.com/raqib/raqib/normalize"
)

// The reverse direction. Screening retrieves an entry for a query only
// through what the two share (package screening, retrieve.go): a skeleton
// key of a name token; a token that sounds like, or is one edit from, a list
// token carrying one of the entry's keys; two adjacent query tokens written
// as one of the entry's tokens; the whole name written as one word, one edit
// from one of the entry's names so written; a document number; a face or
// fingerprint. Frequent keys are read only in pairs or with a birth year,
// which still needs a shared key. The link index holds every party under
// each of these terms, so that for an entry that changed it finds every
// party that may retrieve it — a superset: the scoring step and the forward
// screening that follow decide. Nothing here depends on the lists' weights.

// Retrieval's limits, widened: a token is looked up one edit away from
// fuzzyMinLen letters (screening reads five), a name written as one word
// from joinedMinLen to joinedMaxLen letters (screening: 8 to 32).
const (
	fuzzyMinLen   = 4
	joinedMinLen  = 7
	joinedMaxLen  = 40
	maxTermLength = 64
)

// term is a token (or compound) text of some party's names.
type term struct {
	text    string
	key     string
	parties []int32
}

// partyTerms is what the index holds of one party, to remove it again.
type partyTerms struct {
	terms  []int32
	joined []int32
	docs   []string
	years  []int // birth years, a year either side
	face   bool
	finger bool
}

// linkIndex is the index of the parties by the terms of retrieval.
type linkIndex struct {
	seed   maphash.Seed
	texts  map[string]int32 // token text -> term
	terms  []term
	byKey  map[string][]int32 // skeleton key -> terms
	byPh   map[string][]int32 // Double Metaphone key -> terms
	byDel  map[uint64][]int32 // hash of a term's text or of one of its one-letter deletions -> terms
	joined map[string]int32   // a name written as one word -> joined term
	jterms []term
	jDel   map[uint64][]int32
	docs   map[string][]int32 // normalised document number -> parties
	faces  []int32
	prints []int32
}

func newLinkIndex() *linkIndex {
	return &linkIndex{
		seed: maphash.MakeSeed(), texts: map[string]int32{}, byKey: map[string][]int32{},
		byPh: map[string][]int32{}, byDel: map[uint64][]int32{}, joined: map[string]int32{},
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

// add indexes party slot: p is its query as a matcher prepared it (only its
// tokens, compounds, joined names and documents are read, none of which
// depends on the list), q the query.
func (x *linkIndex) add(slot int32, p *matcher.Prepared, q *raqib.Query) partyTerms {
	var pt partyTerms
	addTerm := func(id int32) {
		if !slices.Contains(pt.terms, id) {
			pt.terms = append(pt.terms, id)
			x.terms[id].parties = append(x.terms[id].parties, slot)
		}
	}
	for _, t := range p.Tokens() {
		addTerm(x.term(t.Text, t.Key, t.Phonetic))
	}
	for _, c := range p.Compounds() {
		addTerm(x.term(c.Text, c.Key, [2]string{}))
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

// listToken is a token of the lists: its text and phonetic keys.
type listToken struct {
	text string
	ph   [2]string
}

// dictionary holds the tokens of the lists: by skeleton key, for the
// spelling variants retrieval reads (a query token that sounds like, or is
// one edit from, any list token of an entry's key retrieves the entry); the
// number of list tokens of each phonetic key; and the tokens' texts.
type dictionary struct {
	byKey  map[string][]listToken
	phones map[string]int
	texts  map[string]bool
}

func newDictionary() *dictionary {
	return &dictionary{byKey: map[string][]listToken{}, phones: map[string]int{}, texts: map[string]bool{}}
}

// addMatcher adds the tokens of m's entries.
func (d *dictionary) addMatcher(m *matcher.Matcher) {
	for id := uint32(0); id < uint32(m.ListTokens()); id++ {
		text, key, ph, word := m.ListToken(id)
		if !word || key == "" || d.texts[text] {
			continue
		}
		d.texts[text] = true
		d.byKey[key] = append(d.byKey[key], listToken{text, ph})
		for k, p := range ph {
			if p != "" && (k == 0 || p != ph[0]) {
				d.phones[p]++
			}
		}
	}
}

// Retrieval's restrictions, mirrored with a margin so that the mirror never
// links less than retrieval reads (package screening, index.go and
// retrieve.go): a key carried by more than frequentFrom(n) entries is read
// only through a pair with another frequent key of the query, or with its
// birth year (or that of an entry without one), or, for a name of frequent
// tokens only, alone; a phonetic key
// of more than maxPhoneTokens list tokens is not read. A token is looked up
// one edit away whether the lists have it or not.
const (
	minFrequentEntries = 40
	frequentShare      = 0.002
	maxRareEntries     = 5000
	maxPhoneTokens     = 64
	yearsPerDate       = 5
	// ruleMargin widens each limit: a key is taken as frequent only above
	// ruleMargin × retrieval's limit, a phonetic key as too common only
	// above ruleMargin × its limit.
	ruleMargin = 2
)

// frequentFrom is the number of entries from which retrieval takes a key
// of lists of n entries as frequent.
func frequentFrom(n int) int {
	return min(maxRareEntries, max(minFrequentEntries, int(frequentShare*float64(n))))
}

// rules are the lists' facts the restrictions need.
type rules struct {
	df       func(key string) int // entries carrying a key
	frequent int                  // a key is frequent above this (margin applied)
	rareUpTo int                  // a key is surely rare up to this
	phoneCap int                  // a phonetic key of more list tokens is not read
	dict     *dictionary
}

// newRules returns the restrictions of lists of n entries whose keys df
// counts.
func newRules(df func(string) int, n int, dict *dictionary) *rules {
	f := frequentFrom(n)
	return &rules{df: df, frequent: ruleMargin * f, rareUpTo: f / ruleMargin, phoneCap: ruleMargin * maxPhoneTokens, dict: dict}
}

// lenientRules restricts nothing: for the lists before a change, whose
// counts are not kept.
func lenientRules(dict *dictionary) *rules {
	return &rules{df: func(string) int { return 0 }, frequent: math.MaxInt, phoneCap: math.MaxInt, dict: dict}
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
	face   bool
	finger bool
}

// newEntryTerms reads entry i of m (a matcher built over the entries that
// changed), as screening indexes it.
func newEntryTerms(m *matcher.Matcher, i int, e *lists.Entry) entryTerms {
	var et entryTerms
	var buf []byte
	m.EntryForms(i, func(toks []uint32) {
		buf = buf[:0]
		for _, id := range toks {
			text, key, _, word := m.ListToken(id)
			if !word {
				continue
			}
			buf = append(buf, text...)
			if key != "" && !slices.Contains(et.keys, key) {
				et.keys = append(et.keys, key)
			}
			if !slices.Contains(et.tokens, text) {
				et.tokens = append(et.tokens, text)
			}
		}
		if len(buf) >= joinedMinLen && len(buf) <= joinedMaxLen && !slices.Contains(et.joined, string(buf)) {
			et.joined = append(et.joined, string(buf))
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
	prone func(slot int32) bool
	// freq[slot] holds the frequent keys of the entry the party reaches.
	freq map[int32][]string
	// trace, when not nil, is told the rule of every link (for the
	// measurements of the tests).
	trace func(slot int32, r linkRule)
}

// linkRule names the rule that made a link.
type linkRule uint8

const (
	ruleKey       linkRule = iota // a rare key of the entry, the party's own
	rulePhone                     // a rare key, through a list token's sound
	ruleEdit                      // a rare key, through a list token one edit away
	rulePair                      // two frequent keys
	ruleProne                     // a frequent key, the party's name of frequent tokens only
	ruleYear                      // a frequent key, with a birth year of the entry's
	ruleNoYear                    // a frequent key, the party's year and an entry without one
	ruleNickname                  // a nickname
	ruleJoined                    // the name written as one word
	ruleDocument                  // a document number
	ruleBiometric                 // a face or fingerprints on both sides
	nRules
)

func (r linkRule) String() string {
	return [...]string{"key", "phonetic", "one edit", "pair", "prone", "year", "no year", "nickname", "joined", "document", "biometric"}[r]
}

// link calls mark with every party that may retrieve an entry of terms et
// (a party may be marked more than once).
func (l *linker) link(et *entryTerms, mark0 func(slot int32)) {
	x, r := l.x, l.r
	clear(l.freq)
	mark := func(slot int32, rule linkRule) {
		if l.trace != nil {
			l.trace(slot, rule)
		}
		mark0(slot)
	}
	// reach records that slot reaches the entry's key k.
	reach := func(slot int32, k string, frequent bool, rule linkRule) {
		if !frequent {
			mark(slot, rule)
			return
		}
		if !slices.Contains(l.freq[slot], k) {
			l.freq[slot] = append(l.freq[slot], k)
		}
	}
	parties := func(id int32, k string, frequent bool, rule linkRule) {
		for _, s := range x.terms[id].parties {
			reach(s, k, frequent, rule)
		}
	}
	for _, k := range et.keys {
		frequent := r.df(k) > r.frequent
		for _, id := range x.byKey[k] {
			parties(id, k, frequent, ruleKey)
		}
		// Spelling variants: every list token of the key, as a query token
		// may reach it by sound or by one edit.
		for _, t := range r.dict.byKey[k] {
			for _, p := range t.ph {
				if p == "" || r.dict.phones[p] > r.phoneCap {
					continue
				}
				for _, id := range x.byPh[p] {
					parties(id, k, frequent, rulePhone)
				}
			}
			if len(t.text) < fuzzyMinLen || len(t.text) > maxTermLength {
				continue
			}
			x.deletions(t.text, func(h uint64) {
				for _, id := range x.byDel[h] {
					if normalize.OneEditApart(x.terms[id].text, t.text) {
						parties(id, k, frequent, ruleEdit)
					}
				}
			})
		}
	}
	// A frequent key alone retrieves through a second frequent key, a birth
	// year (and a query's year reaches the entries without one), or for a
	// name of frequent tokens only.
	for s, ks := range l.freq {
		ys := l.years(s)
		switch {
		case len(ks) >= 2:
			mark(s, rulePair)
		case l.prone(s):
			mark(s, ruleProne)
		case overlaps(ys, et.years):
			mark(s, ruleYear)
		case len(ys) > 0 && len(et.years) == 0:
			mark(s, ruleNoYear)
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

func overlaps(a, b []int) bool {
	for _, y := range a {
		if slices.Contains(b, y) {
			return true
		}
	}
	return false
}

// prone reports whether a party's name is of frequent tokens only, as far
// as the rules can tell: retrieval may then read one of its keys alone.
func (r *rules) prone(x *linkIndex, pt partyTerms) bool {
	for _, id := range pt.terms {
		if df := r.df(x.terms[id].key); df > 0 && df <= r.rareUpTo {
			return false
		}
	}
	return true
}
