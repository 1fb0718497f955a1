package matcher

import (
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
// one byte a letter packed eight to a word, to bound the similarity of two
// tokens before computing it. Counts stop at 127.
type letterCounts [4]uint64

func countLetters(s string) letterCounts {
	var c letterCounts
	for i := 0; i < len(s); i++ {
		c.inc(s[i])
	}
	return c
}

func (c *letterCounts) inc(b byte) {
	k := 26
	if b >= 'a' && b <= 'z' {
		k = int(b - 'a')
	}
	w, sh := k/8, uint(k%8)*8
	if (c[w]>>sh)&0xff < 127 {
		c[w] += 1 << sh
	}
}

// add adds d's counts to c (counts of names of at most 127 letters).
func (c *letterCounts) add(d *letterCounts) {
	for w := range c {
		c[w] += d[w]
	}
}

const (
	high7 = 0x8080808080808080
	ones8 = 0x0101010101010101
)

// common is the number of letters two tokens share, counted with
// multiplicity: an upper bound of the matches Jaro counts. It takes the
// bytewise minimum of the packed counts without a loop over letters.
func (c *letterCounts) common(d *letterCounts) int {
	n := uint64(0)
	for w := range c {
		a, b := c[w], d[w]
		// High bit of each byte of ge: a >= b (bytes below 128, so the
		// subtraction borrows across no byte).
		ge := ((a | high7) - b) & high7
		mask := (ge >> 7) * 0xff
		m := (b & mask) | (a &^ mask)
		n += (m * ones8) >> 56
	}
	return int(n)
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
	la, lb := len(a.text), len(b.text)
	sameKey := a.key != "" && a.key == b.key
	c := a.letters.common(&b.letters)
	if !sameKey {
		// Jaro-Winkler at least 0.8 needs a Jaro of at least 2/3, so the shared
		// letters m must give m/len(a) + m/len(b) >= 1; without a shared first
		// letter (no Winkler prefix) it needs a Jaro of 0.8, m/len(a) +
		// m/len(b) >= 1.4. Below that no rule here can match the tokens.
		if c*(la+lb) < la*lb || (a.text[0] != b.text[0] && 5*c*(la+lb) < 7*la*lb) {
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
	// (One edit leaves all but one letter shared.)
	if s < 0.9 && la >= 3 && lb >= 3 && max(la, lb)-c <= 1 && lengthsClose(la, lb) && editDistance(a.text, b.text, 1) == 1 {
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
