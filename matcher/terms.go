package matcher

import (
	"slices"
	"strings"

	"github.com/raqib/raqib/normalize"
)

// What an index needs from the Matcher: the tokens of the list and of a
// query, with their keys and how many entries carry each key. The Matcher
// owns the tokens (interned once); the index decides which terms to look up.

// QueryToken is a distinct ordinary token of a prepared query's names.
type QueryToken struct {
	Text string
	// Key is the token's skeleton key (normalize.Skeleton), Phonetic its
	// Double Metaphone keys ("" when none).
	Key      string
	Phonetic [2]string
	// Weight is the token's weight on the list, in (0,1]: how rare its key is.
	Weight float64
	// OnList reports that the list has this very token (not only its key).
	OnList bool
	// Romanised reports that the token is only in names the query writes
	// in another script, read into Latin letters (normalize.Romanize): a
	// guess at a spelling, not a spelling typed.
	Romanised bool
	// Variants are the token's other keys: its key in another
	// transliteration system's letters (normalize.AltSpelling), the key of
	// the token without an article written joined to it ("aljawfi"), and
	// the key of the token without an article written inside it between
	// two names ("inamulhaq" as "inamhaq", the X-ul-Y names of South Asia:
	// Inam-ul-Haq, Habib-ur-Rahman), and for a syllable of a Chinese or
	// Korean name, keys of its syllables that every romanisation of them
	// shares ("zhang", "cheung"). They are for a dictionary of the list's
	// tokens under the same keys (Matcher.ListTokenVariants); the keys
	// before the syllables' (which start with a byte 0) are also skeleton
	// keys of other tokens.
	Variants []string
	// Pieces are the syllable keys (as in Variants) of the first and of the
	// second syllable of the ways a Chinese or Korean given name written as
	// one word may be cut in two ("minfang": min, fang), for a list that
	// writes them apart ("MIN-FANG"); for an Abd name written as one word,
	// the second is the skeleton key of the divine name after the article
	// ("abdulsamad": samad), for a list that writes it apart.
	Pieces [2][]string
}

// Tokens returns the distinct ordinary tokens of the query's names (every
// form and reading), particles and initials left out.
func (p *Prepared) Tokens() []QueryToken {
	// typed has bit i set for each token i of a form written in Latin.
	var typed [maxQueryTokens/64 + 1]uint64
	for f := range p.forms {
		if normalize.IsLatin(p.forms[f].orig) {
			for _, i := range p.forms[f].toks {
				typed[i/64] |= 1 << (i % 64)
			}
		}
	}
	out := make([]QueryToken, 0, len(p.toks))
	for i := range p.toks {
		t := &p.toks[i]
		if !ordinary(t.kind) {
			continue
		}
		out = append(out, QueryToken{Text: t.text, Key: t.key, Phonetic: [2]string{t.dm1, t.dm2}, Weight: t.weight, OnList: t.onList,
			Romanised: typed[i/64]&(1<<(i%64)) == 0, Variants: t.variants(nil), Pieces: t.pieces()})
	}
	return out
}

// Compound is two adjacent ordinary tokens of a query form written as one
// ("badur rehman" as "badurrehman"), or a connector and the name after it
// ("ben ali" as "benali"), for a list that writes them as one token; A and
// B are the indexes of the two tokens in Tokens() (both the name's, for a
// connector).
type Compound struct {
	Text, Key string
	// Variants are the compound's syllable keys (as QueryToken.Variants
	// gives a token's) when both tokens are syllables of a Chinese or
	// Korean name: "wei chien" as "weijian", "ye-chong" as "yejong".
	Variants []string
	A, B     int
}

// Compounds returns the distinct compounds of adjacent ordinary tokens of
// the query's forms, and of connectors with the names they introduce.
func (p *Prepared) Compounds() []Compound {
	// Index of each of p.toks in Tokens(), -1 for the tokens it leaves out.
	var at [maxQueryTokens]int
	n := 0
	for i := range p.toks {
		at[i] = -1
		if ordinary(p.toks[i].kind) {
			at[i] = n
			n++
		}
	}
	pairs := 0
	for f := range p.forms {
		pairs += max(0, len(p.forms[f].toks)-1)
	}
	out := make([]Compound, 0, pairs)
	for f := range p.forms {
		ts := p.forms[f].toks
		for k := 0; k+1 < len(ts); k++ {
			a, b := at[ts[k]], at[ts[k+1]]
			if a < 0 && p.toks[ts[k]].kind == normalize.PartParticle {
				// A connector and the name it introduces, written as one
				// ("ben ali" for BENALI): the compound stands for the name.
				a = b
			}
			if a < 0 || b < 0 {
				continue
			}
			ta, tb := &p.toks[ts[k]], &p.toks[ts[k+1]]
			// (The readings of a name in Arabic script repeat most pairs:
			// one already there is not written out again.)
			if slices.ContainsFunc(out, func(c Compound) bool {
				return len(c.Text) == len(ta.text)+len(tb.text) && c.Text[:len(ta.text)] == ta.text && c.Text[len(ta.text):] == tb.text
			}) {
				continue
			}
			text := ta.text + tb.text
			out = append(out, Compound{Text: text, Key: normalize.Skeleton(text), Variants: syllablePairKeys(&ta.token, &tb.token), A: a, B: b})
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Joined returns the distinct forms of the query's name written as one word
// (ordinary tokens only), for names whose spaces fell in the wrong place.
func (p *Prepared) Joined() []string {
	var out []string
	var buf [2 * maxFast]byte
	for i := range p.forms {
		b := buf[:0]
		for _, k := range p.forms[i].toks {
			if t := &p.toks[k]; ordinary(t.kind) {
				b = append(b, t.text...)
			}
		}
		if len(b) > 0 && !slices.ContainsFunc(out, func(o string) bool { return o == string(b) }) {
			if out == nil {
				out = make([]string, 0, len(p.forms))
			}
			out = append(out, string(b))
		}
	}
	return out
}

// DocumentKeys returns the normalised numbers of the query's documents, for
// exact identifier look-ups.
func (p *Prepared) DocumentKeys() []string {
	out := make([]string, 0, len(p.docs))
	for _, d := range p.docs {
		out = append(out, d.number)
	}
	return out
}

// HasName reports whether the query has a name to compare.
func (p *Prepared) HasName() bool { return len(p.forms) > 0 }

// BirthYears returns the years the query's birth dates cover, at most max
// of them (a wide range says little about the year).
func (p *Prepared) BirthYears(max int) []int {
	var out []int
	for _, d := range p.dates {
		for y := int(d.from / 10000); y <= int(d.to/10000) && len(out) < max; y++ {
			if !containsInt(out, y) {
				out = append(out, y)
			}
		}
	}
	return out
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// KeyDF returns the number of entries of the Matcher whose names carry key.
func (m *Matcher) KeyDF(key string) int { return m.tt.freq.DF(key) }

// ListTokens returns the number of distinct tokens of the list's names;
// token IDs are 0 to ListTokens()-1.
func (m *Matcher) ListTokens() int { return len(m.tt.toks) }

// ListToken returns the text, key and phonetic keys of list token id, and
// whether it is a word of the name (not a particle, an initial or a title).
func (m *Matcher) ListToken(id uint32) (text, key string, phonetic [2]string, word bool) {
	t := &m.tt.toks[id]
	return t.text, t.key, [2]string{t.dm1, t.dm2}, ordinary(t.kind)
}

// ListTokenVariants appends to out the other keys of list token id, as
// QueryToken.Variants gives them for a query's.
func (m *Matcher) ListTokenVariants(id uint32, out []string) []string {
	return m.tt.toks[id].variants(out)
}

// syllablePairKeys returns the syllable keys of a and b read as one
// token, when each is one syllable of a Chinese or Korean name.
func syllablePairKeys(a, b *token) []string {
	if !a.syllable || !b.syllable {
		return nil
	}
	var out []string
	for _, ra := range a.readings {
		for _, rb := range b.readings {
			if len(out) < maxSyllableKeys {
				out = append(out, syllableKey(ra, rb))
			}
		}
	}
	return out
}

// syllableKey is the key of syllables rs whatever their romanisation: a
// byte 0 (no skeleton key has one), then the syllables' IDs.
func syllableKey(rs ...uint16) string {
	b := make([]byte, 1, 1+2*len(rs))
	for _, r := range rs {
		b = append(b, byte(r>>8), byte(r))
	}
	return string(b)
}

// pieces returns the keys of the two syllables of the token's cuts in two,
// or the key of the name after "Abd al-" of an Abd name written as one word
// (QueryToken.Pieces).
func (t *token) pieces() (out [2][]string) {
	if t.kind == normalize.PartName {
		if rest, ok := abdName(t.text); ok {
			if key := normalize.Skeleton(rest); len(key) >= 2 {
				out[1] = []string{key}
			}
		}
		return out
	}
	if t.kind != normalize.PartSyllable || t.syllable {
		return out
	}
	for _, c := range t.cuts {
		if len(c) != 2 {
			continue
		}
		for k, rs := range c {
			for _, r := range rs {
				if key := syllableKey(r); len(out[k]) < maxSyllableKeys && !slices.Contains(out[k], key) {
					out[k] = append(out[k], key)
				}
			}
		}
	}
	return out
}

// abdName returns the name after "Abd" and its article of an Abd name
// (Abd al-X, "servant of X": one of the divine names) written as one word:
// "samad" of "abdalsamad", "abdulsamad" and "abdelsamad", "rahman" of
// "abdurrahman" (the article's l assimilated to a sun letter, written
// twice). Lists write these names joined, apart ("Abdul Samad", "Abd
// al-Samad") and joined to what comes before ("Benabdal-samad"): the divine
// name is the part they all write alike. Not "abdallah" and "abdullah",
// whose rest is God's name itself.
func abdName(token string) (string, bool) {
	if len(token) < 8 || !strings.HasPrefix(token, "abd") || !isVowelByte(token[3]) {
		return "", false
	}
	var rest string
	switch c := token[4]; {
	case c == 'l':
		rest = token[5:]
	case !isVowelByte(c) && token[5] == c:
		rest = token[5:]
	default:
		return "", false
	}
	if len(rest) < 3 || strings.HasPrefix(rest, "lah") || strings.HasPrefix(rest, "llah") {
		return "", false
	}
	return rest, true
}

// innerArticle returns token without an article written inside it between
// two names of three letters or more: "ul", or "u" and a sun letter doubled
// ("inamulhaq" is "inamhaq", "habiburrahman" "habibrahman", "shamsuzzaman"
// "shamszaman"), as South Asian X-ul-Y names are written joined. Abd names,
// which join their article anyway, are left to their own rules.
func innerArticle(token string) (string, bool) {
	if len(token) < 8 || strings.HasPrefix(token, "abd") {
		return "", false
	}
	for i := 3; i+5 <= len(token); i++ {
		if token[i] != 'u' {
			continue
		}
		switch c := token[i+1]; {
		case c == 'l':
		case (c == 'd' || c == 'r' || c == 's' || c == 't' || c == 'z' || c == 'n') && token[i+2] == c:
		default:
			continue
		}
		// The name after the article: "haq" of "inamulhaq", "rahman" of
		// "habiburrahman" (the sun letter written twice).
		if rest := token[i+2:]; len(rest) >= 3 && !isVowelByte(rest[0]) {
			return token[:i] + rest, true
		}
	}
	return "", false
}

// maxSyllableKeys bounds the syllable keys of one token (its readings, or
// the readings of each way of cutting it, combined).
const maxSyllableKeys = 16

// variants appends the token's other keys (QueryToken.Variants) to out.
func (t *token) variants(out []string) []string {
	if t.alt != "" {
		out = append(out, t.alt)
	}
	if t.bare != nil {
		out = append(out, t.bare.key)
	}
	if t.kind == normalize.PartName {
		if r, ok := innerArticle(t.text); ok {
			if k := normalize.Skeleton(r); k != t.key && !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	if t.kind != normalize.PartSyllable {
		return out
	}
	// The syllables of a Chinese or Korean name, whatever the romanisation.
	n := 0
	key := func(rs ...uint16) {
		out = append(out, syllableKey(rs...))
		n++
	}
	if t.syllable {
		for _, r := range t.readings {
			if n < maxSyllableKeys {
				key(r)
			}
		}
	}
	var ids []uint16
	var each func(c []normalize.Readings)
	each = func(c []normalize.Readings) {
		if len(c) == 0 {
			if n < maxSyllableKeys {
				key(ids...)
			}
			return
		}
		for _, r := range c[0] {
			ids = append(ids, r)
			each(c[1:])
			ids = ids[:len(ids)-1]
		}
	}
	// Cuts in two first: with the bound on keys, a token's three-syllable
	// readings ("cho-ng-hui") must not crowd out its two ("chong-hui").
	for _, c := range t.cuts {
		if len(c) == 2 {
			each(c)
		}
	}
	for _, c := range t.cuts {
		if len(c) != 2 {
			each(c)
		}
	}
	return out
}

// EntryForms calls fn for each name form of entry i with the IDs of its
// tokens, in order. The slice is the Matcher's own: fn must not keep or
// modify it.
func (m *Matcher) EntryForms(i int, fn func(tokens []uint32)) {
	for _, f := range m.st.entryForms(i) {
		fn(m.st.formTokens(&f))
	}
}

// UnmatchedCost returns what the name comparison charges entry i for the
// weight of its lightest name form (low-quality aliases left out, unless
// the entry has nothing else) beyond shared, the weight a query shares
// with it: unmatchedListCost of it, as align charges a list token no query
// token matches. An index ranks namesakes by it before they are scored.
func (m *Matcher) UnmatchedCost(i int, shared float64) float64 {
	return unmatchedListCost * max(0, float64(m.st.ranks[i].light)-shared)
}

// EntryYears returns the birth years of entry i's birth dates, at most max
// of them per date (a wide range says little about the year).
func (m *Matcher) EntryYears(i int, max int, out []int) []int {
	for _, d := range m.st.dates[m.st.dateAt[i]:m.st.dateAt[i+1]] {
		n := 0
		for y := int(d.from / 10000); y <= int(d.to/10000) && n < max; y++ {
			if !containsInt(out, y) {
				out = append(out, y)
			}
			n++
		}
	}
	return out
}

// Biographic returns the part of the score of entry i that its birth
// dates, nationalities and gender make against p: what an index can use to
// rank candidates that share only common names with the query, before they
// are scored.
func (m *Matcher) Biographic(p *Prepared, i int) float64 {
	st := &m.st
	r := &st.ranks[i] // the same data as the arrays, in one record
	sum := 0.0
	if len(p.dates) > 0 {
		var d [1]pdate
		f := birthDateFeature(p, st.rankDates(i, &d), nil, false)
		sum += f.Score * f.Weight
	}
	if p.country != "" {
		f := nationalityFeature(p.country, "", st.rankNats(i), nil, false)
		sum += f.Score * f.Weight
	}
	if p.gender != 0 {
		f := genderFeature(p.gender, r.gender, false)
		sum += f.Score * f.Weight
	}
	return sum
}

// rankDates returns entry i's birth dates as its rank record holds them
// (one date in d, for a comparison that explains nothing: without its
// index in Entry.BirthDates), or from the store's arrays when it has more.
func (st *store) rankDates(i int, d *[1]pdate) []pdate {
	r := &st.ranks[i]
	switch r.dates() {
	case 0:
		return nil
	case 1:
		d[0] = pdate{from: r.from, to: r.to}
		return d[:]
	}
	return st.dates[st.dateAt[i]:st.dateAt[i+1]]
}

// rankNats returns entry i's nationalities as its rank record holds them,
// or from the store's arrays when it has more than one.
func (st *store) rankNats(i int) []string {
	r := &st.ranks[i]
	switch r.nats() {
	case 0:
		return nil
	case 1:
		return st.natCodes[r.nat : r.nat+1]
	}
	return st.nats[st.natAt[i]:st.natAt[i+1]]
}

// MaxBiographic returns the most that Biographic gives any entry against
// p: each of the query's birth date, nationality and gender agreeing in
// full. An index skips ranking a candidate whose name share and this cannot
// reach the candidates it keeps.
func (p *Prepared) MaxBiographic() float64 {
	sum := 0.0
	if len(p.dates) > 0 {
		sum += dateSameDay * birthDateAgreeWeight
	}
	if p.country != "" {
		sum += nationalityAgreeWeight
	}
	if p.gender != 0 {
		sum += genderAgreeWeight
	}
	return sum
}

// Documents calls fn with each document number of each entry (normalised,
// as compared), for exact identifier look-ups.
func (m *Matcher) Documents(fn func(i int, number string)) {
	st := &m.st
	for i := 0; i < m.Len(); i++ {
		for _, d := range st.docs[st.docAt[i]:st.docAt[i+1]] {
			fn(i, d.number)
		}
	}
}
