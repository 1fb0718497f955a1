package matcher

import (
	"fmt"
	"strings"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
)

// maxTokens bounds the tokens of one name form that take part in alignment, so
// that a hostile 10,000-word "name" costs no more than a long real one.
const maxTokens = 12

// Weights of the parts of a name that are not ordinary tokens.
const (
	particleWeight = 0.1  // bin, ibn, ould, ...: never a match on their own
	initialWeight  = 0.35 // "M." stands for a name but says little
	// unmatchedListCost is the share of its weight that a list-side token left
	// unmatched costs: a missing middle name on the query side costs little.
	unmatchedListCost = 0.3
	// unmatchedQueryFloor is the least an unmatched query token costs: a
	// frequent given name weighs little when it matches, but a query name the
	// entry lacks is evidence against, however common the name.
	unmatchedQueryFloor = 0.6
	// minTokenSim is the lowest token similarity that counts as a match.
	minTokenSim = 0.80
	// jwOnlyMin is the lowest Jaro-Winkler similarity that counts on its own,
	// without a shared skeleton or phonetic key.
	jwOnlyMin = 0.88
	// A name match proves as much as the rarity of what matched: the name
	// score is scaled by min(1, infoBase + infoSlope×S), S being the summed
	// frequency weights of the matched query tokens. "Mohammed Hassan" (S ≈
	// 0.6 on the UN list) matches at most ~0.8; "Ayman Zawahiri" (S ≈ 1.2) fully.
	infoBase  = 0.55
	infoSlope = 0.4
)

// quality factors: a low-quality alias proves less than the primary name.
var qualityFactor = map[lists.NameQuality]float64{
	lists.NamePrimary:        1,
	lists.NameGood:           1,
	lists.NameOriginalScript: 1,
	lists.NameFormer:         0.97,
	lists.NameLow:            0.92,
}

type token struct {
	text     string
	key      string
	dm1, dm2 string
	kind     normalize.PartKind
	weight   float64
	letters  letterCounts
}

// letterCounts counts the letters a-z of a token (other bytes in slot 26),
// to bound the similarity of two tokens before computing it.
type letterCounts [27]uint8

func countLetters(s string) letterCounts {
	var c letterCounts
	for i := 0; i < len(s); i++ {
		b := s[i]
		k := 26
		if b >= 'a' && b <= 'z' {
			k = int(b - 'a')
		}
		if c[k] < 255 {
			c[k]++
		}
	}
	return c
}

// common is the number of letters two tokens share, counted with multiplicity:
// an upper bound of the matches Jaro counts.
func (c *letterCounts) common(d *letterCounts) int {
	n := 0
	for i := range c {
		n += int(min(c[i], d[i]))
	}
	return n
}

type nameForm struct {
	name    int // index in Entry.Names; -1 for a query
	quality lists.NameQuality
	text    string // the form compared, folded Latin
	toks    []token
	joined  string  // the texts of the ordinary tokens, concatenated
	weight  float64 // the summed weights of the ordinary tokens
}

// latinForms returns the Latin forms under which a name is compared: the
// name itself for Latin script (as written, so that ParseName still sees
// "SURNAME, Given" and MRZ fillers), the romanisations for a name with
// letters of any other script (Arabic, Cyrillic, Greek, Hebrew, Han, Hangul,
// kana, ... or a name written half in one script and half in Latin).
func latinForms(s string) []string {
	if normalize.IsLatin(s) {
		return []string{s}
	}
	return normalize.Romanize(s)
}

// form parses one Latin form of a name (of Entry.Names[name], or -1 for a
// query) into weighted tokens; ok is false when nothing of it is left.
func (m *Matcher) form(s string, name int, q lists.NameQuality) (f nameForm, ok bool) {
	n := normalize.ParseName(s)
	f = nameForm{name: name, quality: q, text: normalize.Fold(normalize.Clean(s))}
	for _, p := range n.Parts {
		if len(f.toks) == maxTokens {
			break
		}
		if p.Text == "" {
			continue
		}
		t := token{text: p.Text, key: p.Key, kind: p.Kind, letters: countLetters(p.Text)}
		t.dm1, t.dm2, _ = normalize.Phonetic(p.Text)
		switch p.Kind {
		case normalize.PartParticle:
			t.weight = particleWeight
		case normalize.PartInitial:
			t.weight = initialWeight
		case normalize.PartTitle:
			continue
		default:
			t.weight = m.freq.Weight(p.Key)
			f.joined += p.Text
			f.weight += t.weight
		}
		f.toks = append(f.toks, t)
	}
	return f, len(f.toks) > 0
}

// tokenSim returns how alike two tokens are, in [0,1]; 0 below minTokenSim.
func tokenSim(a, b *token) float64 {
	if a.text == b.text {
		return 1
	}
	if a.kind == normalize.PartInitial || b.kind == normalize.PartInitial {
		// "M." may stand for "Mohammed"; it proves no more than that.
		if a.text[0] == b.text[0] {
			return minTokenSim
		}
		return 0
	}
	if a.kind == normalize.PartParticle || b.kind == normalize.PartParticle {
		if a.kind == b.kind && a.key == b.key {
			return 0.95
		}
		return 0
	}
	sameKey := a.key != "" && a.key == b.key
	if !sameKey {
		// Jaro-Winkler at least 0.8 needs a Jaro of at least 2/3, so the shared
		// letters m must give m/len(a) + m/len(b) >= 1; below that no rule
		// here can match the tokens.
		c := a.letters.common(&b.letters)
		if c*(len(a.text)+len(b.text)) < len(a.text)*len(b.text) {
			return 0
		}
	}
	jw := jaroWinkler(a.text, b.text)
	s := 0.0
	// Letters alone: Jaro-Winkler rewards a shared beginning, so it is
	// trusted only between tokens of about the same length ("willi" is not
	// "williams", "mohamed" is not "mohamdamin").
	if jw >= jwOnlyMin && lengthsClose(len(a.text), len(b.text)) {
		s = min(jw, 0.94)
	}
	// One typo in a long token is still the same token; in a short one, only
	// two letters swapped ("sko" for "sok", "afiz" for "faiz").
	if s < 0.9 && len(a.text) >= 3 && len(b.text) >= 3 && lengthsClose(len(a.text), len(b.text)) && editDistance(a.text, b.text, 1) == 1 {
		if len(a.text) >= 5 && len(b.text) >= 5 {
			s = 0.9
		} else if len(a.text) == len(b.text) && swapped(a.text, b.text) {
			s = 0.88
		}
	}
	// The same skeleton key is a spelling of the same name (Muhammad,
	// Mohammed) — but a short key ("kn": Cain, Queen, Khan) is shared by too
	// many names to count without letters that agree as well.
	if sameKey {
		switch {
		case jw >= 0.9:
			s = max(s, 0.95)
		case jw >= 0.8 || (len(a.key) >= 3 && jw >= 0.7):
			s = max(s, 0.92)
		case len(a.key) >= 3 || jw >= 0.7:
			s = max(s, 0.85)
		}
	}
	// Sounding alike counts when the letters are not far apart either.
	if s < 0.9 && jw >= 0.8 && a.dm1 != "" && (a.dm1 == b.dm1 || a.dm1 == b.dm2 || (a.dm2 != "" && a.dm2 == b.dm1)) {
		s = 0.9
	}
	if s < minTokenSim {
		return 0
	}
	return s
}

// swapped reports whether a and b, of equal length, differ only by two
// adjacent letters exchanged.
func swapped(a, b string) bool {
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// lengthsClose reports whether two token lengths differ by at most two
// letters or a fifth of the longer.
func lengthsClose(a, b int) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= 2 || d*5 <= max(a, b)
}

// alignment is the result of matching the tokens of two name forms.
type alignment struct {
	score float64
	qm    uint16 // bit i: query token i matched
	tm    uint16 // bit j: list token j matched
}

// align matches the tokens of a query form with those of a list form,
// whatever their order, and scores the match: matched tokens count by their
// similarity and weight; unmatched query tokens cost their whole weight,
// unmatched list tokens a share of theirs.
func align(q, t *nameForm) alignment {
	nq, nt := len(q.toks), len(t.toks)
	type pair struct {
		i, j int
		s    float64
	}
	var pairs [maxTokens * maxTokens]pair
	np := 0
	for i := 0; i < nq; i++ {
		for j := 0; j < nt; j++ {
			if s := tokenSim(&q.toks[i], &t.toks[j]); s > 0 {
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
	for _, p := range ps {
		if al.qm&(1<<p.i) != 0 || al.tm&(1<<p.j) != 0 {
			continue
		}
		al.qm |= 1 << p.i
		al.tm |= 1 << p.j
		num += p.s * (q.toks[p.i].weight + t.toks[p.j].weight)
		if q.toks[p.i].kind == normalize.PartName && t.toks[p.j].kind == normalize.PartName {
			info += p.s * q.toks[p.i].weight
		}
	}
	// Joined and split compounds: "binladen" against "bin laden", "abdulhai" against "abdul hai".
	n1, i1 := joinSplit(q, t, &al.qm, &al.tm, true)
	n2, i2 := joinSplit(t, q, &al.tm, &al.qm, false)
	num += n1 + n2
	info += i1 + i2

	den := 0.0
	for i := 0; i < nq; i++ {
		w := q.toks[i].weight
		if al.qm&(1<<i) == 0 && q.toks[i].kind == normalize.PartName {
			w = max(w, unmatchedQueryFloor)
		}
		den += w
	}
	for j := 0; j < nt; j++ {
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
		if s := joinedSim(q, t); s > al.score {
			al.score = s
			al.qm, al.tm = 1<<nq-1, 1<<nt-1
		}
	}
	return al
}

// joinedSim compares two forms written as one word, in order: one edit in a
// long name (two in a very long one) still matches; nothing else does.
func joinedSim(q, t *nameForm) float64 {
	a, b := q.joined, t.joined
	if len(a) < 8 || len(b) < 8 || !lengthsClose(len(a), len(b)) {
		return 0
	}
	maxEdits := 1
	if min(len(a), len(b)) >= 14 {
		maxEdits = 2
	}
	d := editDistance(a, b, maxEdits)
	if d > maxEdits {
		return 0
	}
	return (0.95 - 0.03*float64(d)) * min(1, infoBase+infoSlope*q.weight)
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
func joinSplit(a, b *nameForm, am, bm *uint16, aIsQuery bool) (num, info float64) {
	for i := range a.toks {
		if *am&(1<<i) != 0 || a.toks[i].kind != normalize.PartName {
			continue
		}
		at := a.toks[i].text
		for j := 0; j+1 < len(b.toks); j++ {
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
// target form, and the indexes of that pair (-1 when nothing matched).
func (m *Matcher) bestName(p *Prepared, t *Target) (best float64, qi, ti int) {
	qi, ti = -1, -1
	for i := range p.forms {
		for j := range t.forms {
			al := align(&p.forms[i], &t.forms[j])
			s := al.score * qualityFactor[t.forms[j].quality]
			if s > best {
				best, qi, ti = s, i, j
			}
		}
	}
	return best, qi, ti
}

// nameDetail explains a name score in words; readAs tells that the form
// compared is not the name as written (a romanisation).
func nameDetail(q, t *nameForm, n lists.Name, score float64, readAs bool) string {
	al := align(q, t)
	var matched, missingQ []string
	for i, tk := range q.toks {
		if al.qm&(1<<i) != 0 {
			matched = append(matched, tk.text)
		} else if tk.kind == normalize.PartName {
			missingQ = append(missingQ, tk.text)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%q vs %s name %q", q.text, qualityWord(n.Quality), n.Full)
	if readAs {
		fmt.Fprintf(&b, " (read as %q)", t.text)
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

// appendTerms appends the index terms of the ordinary tokens of f; with
// dedup, tokens already in out are skipped.
func appendTerms(out []Term, f *nameForm, dedup bool) []Term {
next:
	for _, t := range f.toks {
		if t.kind != normalize.PartName {
			continue
		}
		if dedup {
			for _, o := range out {
				if o.Text == t.text {
					continue next
				}
			}
		}
		term := Term{Text: t.text, Key: t.key}
		if t.dm1 != "" {
			term.Phonetic = append(term.Phonetic, t.dm1)
		}
		if t.dm2 != "" && t.dm2 != t.dm1 {
			term.Phonetic = append(term.Phonetic, t.dm2)
		}
		out = append(out, term)
	}
	return out
}
