package matcher

import (
	"hash/maphash"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
)

// The entries of a Matcher are held in one compact store, prepared once when
// the Matcher is built: every distinct name token of the list is interned in
// a token table (its text, skeleton key, phonetic keys, letter counts and
// weight computed once), each name form is a run of token IDs, and the
// biographic data is kept in flat arrays. Scoring a candidate reads only the
// store; the lists.Entry is read again only to explain a reported match.

// tokenKey identifies a token of the table.
type tokenKey struct {
	text string
	kind normalize.PartKind
	// abjad: read from a name written without its vowels (Arabic script),
	// compared more loosely (tokenSim), so kept apart from the same text
	// written in Latin letters.
	abjad bool
}

// tokenTable interns the name tokens of a list.
type tokenTable struct {
	toks []token
	// brief holds what the compound bounds read of each token
	// (tokenBrief): two bytes a token, read where its 300 would cost a
	// cache miss each (entrySims.shape, for each entry a query meets).
	brief []uint16
	// filt holds what simRow's first test reads of each token (listFilter).
	filt []listFilter
	ids  map[tokenKey]uint32
	// freq counts the entries whose names carry each key, once per entry
	// (all of an entry's names and romanisations are added as one name).
	freq normalize.Frequencies
	// frozen: freq is another Matcher's, read and never added to
	// (WithFrequenciesOf).
	frozen bool
}

// id returns the ID of the token, adding it if it is new.
func (tt *tokenTable) id(p *normalize.Part, abjad bool) uint32 {
	k := tokenKey{p.Text, p.Kind, abjad}
	if id, ok := tt.ids[k]; ok {
		return id
	}
	id := uint32(len(tt.toks))
	tt.toks = append(tt.toks, token{text: p.Text, key: p.Key, kind: p.Kind, letters: countLetters(p.Text), abjad: abjad})
	tt.ids[k] = id
	return id
}

// lookup returns the ID of a token of the table, or false.
func (tt *tokenTable) lookup(text string, kind normalize.PartKind) (uint32, bool) {
	id, ok := tt.ids[tokenKey{text, kind, false}]
	return id, ok
}

// weight is the weight of a token of kind with key: fixed for particles and
// initials, the inverse document frequency of the key for names.
func (tt *tokenTable) weight(key string, kind normalize.PartKind) float64 {
	return kindWeight(kind, tt.freq.Weight(key))
}

// finish computes what every token needs once the whole list is counted:
// its weight and phonetic keys, on all CPUs.
func (tt *tokenTable) finish(from int) {
	tt.brief = tt.brief[:min(from, len(tt.brief))]
	tt.brief = append(tt.brief, make([]uint16, len(tt.toks)-len(tt.brief))...)
	tt.filt = tt.filt[:min(from, len(tt.filt))]
	tt.filt = append(tt.filt, make([]listFilter, len(tt.toks)-len(tt.filt))...)
	parallel(len(tt.toks)-from, func(lo, hi int) {
		for i := from + lo; i < from+hi; i++ {
			t := &tt.toks[i]
			t.weight = tt.weight(t.key, t.kind)
			t.dm1, t.dm2 = normalize.Sounds(t.text)
			prepareToken(t, tt.freq.Weight(t.key))
			tt.brief[i] = tokenBrief(t)
			tt.filt[i] = newListFilter(t)
		}
	})
}

// tokenBrief packs what entrySims.shape reads of token t into 16 bits:
// its length (at most math.MaxUint8, more than shape tells apart), the
// letterSlot of its first letter, and whether it is a name (briefName) or
// a syllable (briefSyllable).
func tokenBrief(t *token) uint16 {
	b := uint16(min(len(t.text), math.MaxUint8))
	if t.text != "" {
		b |= uint16(letterSlot(t.text[0])) << 8
	}
	switch t.kind {
	case normalize.PartName:
		b |= briefName
	case normalize.PartSyllable:
		b |= briefSyllable
	}
	return b
}

// The bits of a tokenBrief above its length and letter slot.
const (
	briefName     = 1 << 13
	briefSyllable = 1 << 14
)

// briefLen and briefSlot read a tokenBrief's length and letter slot.
func briefLen(b uint16) int  { return int(b & 0xff) }
func briefSlot(b uint16) int { return int(b>>8) & 0x1f }

// form is one name form of an entry: a run of token IDs in the store.
type form struct {
	start uint32 // index of the first token in store.ftok
	n     uint8  // number of tokens
	// acro is the index, plus one, of the form's token that an acronym of
	// a query's words could match (acronymToken), 0 for none.
	acro uint8
	// joined is the length of the form's ordinary tokens written as one
	// word, at most math.MaxUint8 (longer than any joinedSim compares):
	// nameBound compares a query's name written as one word only with
	// forms of about its length, and reads the tokens of those alone.
	joined  uint8
	quality lists.NameQuality
	name    uint16  // index in Entry.Names
	weight  float32 // summed weights of the ordinary tokens
}

// pdate is a prepared birth date: an interval of days written as yyyymmdd.
type pdate struct {
	from, to uint32
	idx      uint16 // index in Entry.BirthDates; 0 for a query
}

// pdoc is a prepared document of an entry.
type pdoc struct {
	number  string // normalize.DocumentNumber
	key     string // normalize.DocumentKey
	typ     string // docType
	country string // alpha-2 or ""
	idx     uint16 // index in Entry.Documents
}

// store is the prepared entries of a Matcher, in flat arrays indexed by
// entry: entry i's forms are forms[formAt[i]:formAt[i+1]], and likewise for
// the other per-entry runs.
type store struct {
	forms  []form
	ftok   []uint32
	formAt []uint32
	// ranks holds, for each entry, what an index ranks it by in one
	// record (rankRecords): Biographic and UnmatchedCost read it for
	// thousands of candidates a query, where the arrays above would cost
	// a cache miss each. natCodes are the nationality codes it names.
	ranks    []rankRecord
	natCodes []string

	dates  []pdate
	dateAt []uint32
	// nats holds the alpha-2 codes of nationalities and citizenships.
	nats    []string
	natAt   []uint32
	gender  []uint8 // 0 unknown, 1 male, 2 female
	docs    []pdoc
	docAt   []uint32
	places  []string // folded words of the places of birth
	placeAt []uint32
	// lay is what comparisons read of each entry's tokens (layout).
	lay entryLayout
}

// preparedEntry is what a build worker makes of one entry before its tokens
// are interned.
type preparedEntry struct {
	forms  []entryForm
	dates  []pdate
	nats   []string
	gender uint8
	docs   []pdoc
	places []string
}

type entryForm struct {
	parts   []normalize.Part
	quality lists.NameQuality
	name    int
	text    string // the folded form, for explanations
	abjad   bool   // read from a name in a script without vowels
}

// Scored returns the part of e that a Matcher reads: its names, birth dates
// and places, nationalities, citizenships, gender, documents and biometric
// templates (prepareEntry, Matcher.Fingerprints). Two entries with the same
// Scored part score alike against every query; screening's incremental
// Replace keeps an entry indexed when only the rest of it changed.
func Scored(e *lists.Entry) lists.Entry {
	return lists.Entry{Names: e.Names, BirthDates: e.BirthDates, BirthPlaces: e.BirthPlaces,
		Nationalities: e.Nationalities, Citizenships: e.Citizenships, Gender: e.Gender,
		Documents: e.Documents, Faces: e.Faces, Fingerprints: e.Fingerprints}
}

// prepareEntry turns an entry into comparable forms without interning them;
// it reads nothing shared and runs on any goroutine.
func prepareEntry(e *lists.Entry) preparedEntry {
	var pe preparedEntry
	// A name in Latin letters is one form; one in another script, a few.
	pe.forms = make([]entryForm, 0, len(e.Names)+2)
	for i, n := range e.Names {
		for _, s := range latinForms(n.Full) {
			if f, ok := parseForm(s); ok {
				f.quality, f.name = n.Quality, i
				f.abjad = abjad(n.Full)
				pe.forms = append(pe.forms, f)
			}
		}
	}
	for i, b := range e.BirthDates {
		if d, ok := toPdate(b.DateRange); ok {
			d.idx = uint16(min(i, 0xffff))
			pe.dates = append(pe.dates, d)
		}
	}
	for _, set := range [][]lists.Country{e.Nationalities, e.Citizenships} {
		for _, c := range set {
			if c.Code != "" && !slices.Contains(pe.nats, c.Code) {
				pe.nats = append(pe.nats, c.Code)
			}
		}
	}
	switch e.Gender {
	case "male":
		pe.gender = 1
	case "female":
		pe.gender = 2
	}
	for i, d := range e.Documents {
		n := d.Normalized
		if n == "" {
			n = normalize.DocumentNumber(d.Number)
		}
		if n == "" {
			continue
		}
		pe.docs = append(pe.docs, pdoc{number: n, key: normalize.DocumentKey(d.Number), typ: docType(d.Type),
			country: d.Country.Code, idx: uint16(min(i, 0xffff))})
	}
	for _, p := range e.BirthPlaces {
		for _, w := range placeTokens(placeText(p)) {
			if !slices.Contains(pe.places, w) {
				pe.places = append(pe.places, w)
			}
		}
	}
	return pe
}

func placeText(p lists.Place) string {
	if p.Text != "" {
		return p.Text
	}
	return strings.Join(nonEmpty(p.City, p.StateProvince, p.Country.Text), ", ")
}

// parseForm parses one Latin form of a name into its parts, titles left out
// and at most maxTokens parts kept; ok is false when nothing is left.
func parseForm(s string) (entryForm, bool) {
	n := normalize.ParseName(s)
	f := entryForm{text: normalize.Fold(normalize.Clean(s))}
	// The parts are kept in ParseName's own slice, in place: it is new at
	// every call, and what is kept never runs ahead of what is read.
	f.parts = n.Parts[:0]
	for _, p := range n.Parts {
		if len(f.parts) == maxTokens {
			break
		}
		if p.Text == "" || p.Kind == normalize.PartTitle {
			continue
		}
		f.parts = append(f.parts, p)
	}
	return f, len(f.parts) > 0
}

// toPdate converts a date range to days written as yyyymmdd.
func toPdate(r normalize.DateRange) (pdate, bool) {
	f, ok1 := ymd(r.From)
	t, ok2 := ymd(r.To)
	if !ok1 || !ok2 || t < f {
		return pdate{}, false
	}
	return pdate{from: f, to: t}, true
}

// ymd reads "YYYY-MM-DD" as the number yyyymmdd.
func ymd(s string) (uint32, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	var n uint32
	for i := 0; i < 10; i++ {
		if i == 4 || i == 7 {
			continue
		}
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint32(c-'0')
	}
	return n, true
}

// formWeights sets the weight of the forms from index from on, once the
// token weights are known, their acronym tokens and their lengths written
// as one word, and makes every entry's rank record.
func (m *Matcher) formWeights(from int) {
	tt, st := &m.tt, &m.st
	for i := from; i < len(st.forms); i++ {
		f := &st.forms[i]
		w, n := 0.0, 0
		ids := st.ftok[f.start : f.start+uint32(f.n)]
		for _, id := range ids {
			if t := &tt.toks[id]; ordinary(t.kind) {
				w += t.weight
				n += len(t.text)
			}
		}
		f.weight = float32(w)
		f.acro = uint8(tt.acronymToken(ids) + 1)
		f.joined = uint8(min(n, math.MaxUint8))
	}
	st.rankRecords()
	st.layout(tt)
}

// acronymToken returns the index of the token of a form of tokens ids that
// could be an acronym of a query's words (acronym): an acronym token (of 2
// to maxAcronym letters), or the form's only name (3 to maxAcronym
// letters); -1 for none.
func (tt *tokenTable) acronymToken(ids []uint32) int {
	n, x := 0, -1
	for j, id := range ids {
		t := &tt.toks[id]
		if named(t.kind) {
			n++
		}
		if (t.kind == normalize.PartAcronym && len(t.text) >= 2 || t.kind == normalize.PartName && len(t.text) >= 3) && len(t.text) <= maxAcronym {
			if x < 0 || t.kind == normalize.PartAcronym {
				x = j
			}
		}
	}
	if x < 0 || tt.toks[ids[x]].kind != normalize.PartAcronym && n != 1 {
		return -1
	}
	return x
}

// rankRecord is an entry's ranking data (store.ranks): the weight of its
// lightest form, its birth date and nationality when it has at most one
// of each, and its gender.
type rankRecord struct {
	light    float32
	from, to uint32 // the birth date's range, when it has one
	nat      uint16 // index in natCodes, when it has one nationality
	gender   uint8
	// counts holds how many birth dates (bits 0-1) and nationalities
	// (bits 2-3) the entry has, 2 for more than one (read from the
	// store's arrays then), and whether it has documents (rankDocs) and
	// places of birth (rankPlaces), so that an entry without them costs
	// no read of those arrays: 16 bytes a record.
	counts uint8
}

// The bits of rankRecord.counts above the counts.
const (
	rankDocs   = 1 << 4
	rankPlaces = 1 << 5
)

func (r *rankRecord) dates() uint8 { return r.counts & 3 }
func (r *rankRecord) nats() uint8  { return r.counts >> 2 & 3 }

// rankRecords makes st.ranks once the form weights are known.
func (st *store) rankRecords() {
	n := len(st.gender)
	st.ranks = slices.Grow(st.ranks[:0], n)[:n]
	st.natCodes = st.natCodes[:0]
	codes := map[string]uint16{}
	for i := range st.ranks {
		r := rankRecord{light: st.lightest(i), gender: st.gender[i]}
		ds := st.dates[st.dateAt[i]:st.dateAt[i+1]]
		r.counts = uint8(min(len(ds), 2))
		if len(ds) == 1 {
			r.from, r.to = ds[0].from, ds[0].to
		}
		ns := st.nats[st.natAt[i]:st.natAt[i+1]]
		nats := min(len(ns), 2)
		if len(ns) == 1 {
			k, ok := codes[ns[0]]
			if !ok && len(st.natCodes) < math.MaxUint16 {
				k, ok = uint16(len(st.natCodes)), true
				codes[ns[0]] = k
				st.natCodes = append(st.natCodes, ns[0])
			}
			if !ok {
				nats = 2 // too many codes to name: read from the arrays
			}
			r.nat = k
		}
		r.counts |= uint8(nats) << 2
		if st.docAt[i+1] > st.docAt[i] {
			r.counts |= rankDocs
		}
		if st.placeAt[i+1] > st.placeAt[i] {
			r.counts |= rankPlaces
		}
		st.ranks[i] = r
	}
}

// lightest returns the weight of entry i's lightest form, low-quality
// aliases left out unless the entry has nothing else (0 for no form).
func (st *store) lightest(i int) float32 {
	var w float32
	any := false
	for pass := 0; pass < 2 && !any; pass++ {
		for _, f := range st.entryForms(i) {
			if pass == 0 && f.quality == lists.NameLow {
				continue
			}
			if !any || f.weight < w {
				w, any = f.weight, true
			}
		}
	}
	return w
}

// add interns one prepared entry into the store and counts its keys; keys
// is scratch space.
func (m *Matcher) add(pe *preparedEntry, all []normalize.Part) []normalize.Part {
	tt, st := &m.tt, &m.st
	if st.formAt == nil {
		st.formAt, st.dateAt, st.natAt, st.docAt, st.placeAt = []uint32{0}, []uint32{0}, []uint32{0}, []uint32{0}, []uint32{0}
	}
	first := len(st.forms)
	for _, f := range pe.forms {
		start := uint32(len(st.ftok))
		for i := range f.parts {
			p := &f.parts[i]
			st.ftok = append(st.ftok, tt.id(p, f.abjad))
			all = append(all, *p)
		}
		nf := form{start: start, n: uint8(len(f.parts)), quality: f.quality, name: uint16(min(f.name, 0xffff))}
		// The same tokens under another name or romanisation add nothing but
		// work; keep the better quality.
		if j := sameForm(st, first, start, nf.n); j >= 0 {
			if qualityFactor[nf.quality] > qualityFactor[st.forms[j].quality] {
				st.forms[j].quality, st.forms[j].name = nf.quality, nf.name
			}
			st.ftok = st.ftok[:start]
			continue
		}
		st.forms = append(st.forms, nf)
	}
	if !tt.frozen {
		tt.freq.Add(normalize.Name{Parts: all})
	}
	st.formAt = append(st.formAt, uint32(len(st.forms)))
	st.dates = append(st.dates, pe.dates...)
	st.dateAt = append(st.dateAt, uint32(len(st.dates)))
	st.nats = append(st.nats, pe.nats...)
	st.natAt = append(st.natAt, uint32(len(st.nats)))
	st.gender = append(st.gender, pe.gender)
	st.docs = append(st.docs, pe.docs...)
	st.docAt = append(st.docAt, uint32(len(st.docs)))
	st.places = append(st.places, pe.places...)
	st.placeAt = append(st.placeAt, uint32(len(st.places)))
	return all
}

// sameForm returns the index of a form of the entry begun at form index
// first whose tokens equal the n tokens at ftok[start:], or -1.
func sameForm(st *store, first int, start uint32, n uint8) int {
	toks := st.ftok[start : start+uint32(n)]
	for j := first; j < len(st.forms); j++ {
		f := &st.forms[j]
		if f.n == n && slices.Equal(st.ftok[f.start:f.start+uint32(f.n)], toks) {
			return j
		}
	}
	return -1
}

// parallel runs fn over [0,n) split into one range per CPU.
func parallel(n int, fn func(lo, hi int)) {
	w := runtime.GOMAXPROCS(0)
	if n < 4096 || w == 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	step := (n + w - 1) / w
	for lo := 0; lo < n; lo += step {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			fn(lo, hi)
		}(lo, min(lo+step, n))
	}
	wg.Wait()
}

// entryForms returns the forms of entry i.
func (st *store) entryForms(i int) []form { return st.forms[st.formAt[i]:st.formAt[i+1]] }

// formTokens returns the token IDs of a form.
func (st *store) formTokens(f *form) []uint32 { return st.ftok[f.start : f.start+uint32(f.n)] }

// listFilter is what simRow's first test (tokenSimHow's unlike) reads of a
// list token, in one 64-byte cache line rather than the token's five and
// its text's: a query meets hundreds of list tokens, most of which the
// test rules out, and at 100,000 people their cache misses were a fifth of
// a query's. n is the token's length, first its first letter, keyHash
// keyHash(key), flags the lf* bits.
type listFilter struct {
	letters letterCounts
	textBit uint64
	keyHash uint64
	present uint32
	n       uint32
	first   byte
	flags   uint8
}

// The bits of listFilter.flags: qfPlain's for a plain list token (of
// more kinds than a plain query token), qfSyllable, qfAbjad and qfNoAlt
// (readingFlags) as for a query token, and lfOrdinary.
const (
	lfPlain    = qfPlain    // a name, generic word or acronym, not an Abd name's short form
	lfSyllable = qfSyllable // one Chinese or Korean syllable as written
	lfAbjad    = qfAbjad    // read from a script without vowels
	lfNoAlt    = qfNoAlt    // no other transliteration system's spelling
	lfOrdinary = qfOnList << 1
)

func newListFilter(t *token) listFilter {
	f := listFilter{letters: t.letters, textBit: t.textBit, keyHash: keyHash(t.key), present: t.present, n: uint32(len(t.text))}
	if t.text != "" {
		f.first = t.text[0]
	}
	f.flags = readingFlags(t)
	if (t.kind == normalize.PartName || t.kind == normalize.PartGeneric || t.kind == normalize.PartAcronym) && !t.abdBase {
		f.flags |= lfPlain
	}
	if ordinary(t.kind) {
		f.flags |= lfOrdinary // not a particle, initial or title
	}
	return f
}

// keySeed seeds keyHash, the same for every table of the process.
var keySeed = maphash.MakeSeed()

// keyHash hashes a skeleton key, for a test of two keys' equality that
// reads neither when their hashes differ.
func keyHash(key string) uint64 { return maphash.String(keySeed, key) }

// sameKey reports whether a key of hash h (keyHash(key)) is the key of
// list token id.
func (tt *tokenTable) sameKey(h uint64, key string, id uint32) bool {
	return h == tt.filt[id].keyHash && key == tt.toks[id].key
}
