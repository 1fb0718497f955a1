package matcher

import (
	"github.com/raqib/raqib/normalize"
)

// ordinary reports whether a name part of kind k is compared as a word of
// the name: anything but a particle, an initial or a title (names, and the
// legal forms, numbers and generic words of organisation names).
func ordinary(k normalize.PartKind) bool {
	return k != normalize.PartParticle && k != normalize.PartInitial && k != normalize.PartTitle
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
		s = min(jw, jwOnlyMax)
	}
	// One typo in a long token is still the same token; in a short one, only
	// two letters swapped ("sko" for "sok", "afiz" for "faiz").
	// (One edit leaves all but one letter shared.)
	if s < oneTypo && la >= 3 && lb >= 3 && max(la, lb)-c <= 1 && lengthsClose(la, lb) && editDistance(a.text, b.text, 1) == 1 {
		if len(a.text) >= 5 && len(b.text) >= 5 {
			s = oneTypo
		} else if len(a.text) == len(b.text) && swapped(a.text, b.text) {
			s = swappedShort
		}
	}
	// The same skeleton key is a spelling of the same name (Muhammad,
	// Mohammed) — but a short key ("kn": Cain, Queen, Khan) is shared by too
	// many names to count without letters that agree as well.
	if sameKey {
		switch {
		case jw >= 0.9:
			s = max(s, sameKeyClose)
		case jw >= 0.8 || (len(a.key) >= 3 && jw >= 0.7):
			s = max(s, sameKeyNear)
		case len(a.key) >= 3 || jw >= 0.7:
			s = max(s, sameKeyFar)
		}
	}
	// Sounding alike counts when the letters are not far apart either.
	if s < samePhonetic && jw >= 0.8 && a.dm1 != "" && (a.dm1 == b.dm1 || a.dm1 == b.dm2 || (a.dm2 != "" && a.dm2 == b.dm1)) {
		s = samePhonetic
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
