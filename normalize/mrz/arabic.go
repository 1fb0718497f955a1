package mrz

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/raqib/raqib/normalize"
)

// The ICAO Doc 9303 Part 3 (section 6, table C) transliteration of Arabic
// script in the MRZ. Letters with a plain Latin equivalent are one character;
// the others are written with the escape character X before one or two
// letters (ح is XH, ث is XTH). Shadda doubles the letter; short vowels are not
// written. ة is XTA, or XAH at the end of a name component.
var (
	xPlain = map[byte]rune{
		'A': 'ا', 'B': 'ب', 'T': 'ت', 'J': 'ج', 'D': 'د', 'R': 'ر', 'Z': 'ز', 'S': 'س',
		'E': 'ع', 'G': 'غ', 'F': 'ف', 'Q': 'ق', 'K': 'ك', 'L': 'ل', 'M': 'م', 'N': 'ن',
		'H': 'ه', 'W': 'و', 'Y': 'ي', 'U': 'ؤ', 'I': 'إ', 'P': 'پ',
	}
	// xCodes maps the letters after the X escape to their Arabic-script
	// letter, Arabic first, then the Persian, Urdu and Pashto letters of the
	// same table.
	xCodes = map[string]rune{
		"E": 'ء', "AA": 'آ', "AE": 'أ', "I": 'ئ', "XA": 'ٱ', "TH": 'ث', "H": 'ح', "KH": 'خ',
		"DH": 'ذ', "SH": 'ش', "SS": 'ص', "DZ": 'ض', "TT": 'ط', "ZZ": 'ظ', "AY": 'ى',
		"TA": 'ة', "AH": 'ة',
		"XT": 'ٹ', "RT": 'ټ', "KE": 'ځ', "XH": 'څ', "C": 'چ', "XD": 'ڈ', "DR": 'ډ', "XR": 'ڑ',
		"RR": 'ړ', "RX": 'ږ', "J": 'ژ', "XS": 'ښ', "KK": 'ک', "XK": 'ګ', "NG": 'ڭ', "GG": 'گ',
		"NN": 'ں', "XN": 'ڼ', "DO": 'ھ', "YH": 'ۀ', "XG": 'ہ', "GE": 'ۂ', "TG": 'ۃ', "YA": 'ی',
		"XY": 'ۍ', "YB": 'ے', "BE": 'ۓ',
	}
)

const shadda = 'ّ'

// decodeX reads one name component in the X scheme as Arabic letters. ok is
// false when the component has a letter or an X sequence the scheme does not
// use; xs counts the X sequences and strong reports a three-letter one (XTH,
// XKH, XAE...), which Latin names hardly ever contain, unlike XH (Albanian
// XHAFERI) or XI and XE (XIN, XENIA).
func decodeX(tok string) (letters []rune, xs int, strong, ok bool) {
	for i := 0; i < len(tok); {
		c := tok[i]
		if c != 'X' {
			r, found := xPlain[c]
			if !found {
				return nil, 0, false, false
			}
			letters = append(letters, r)
			i++
			continue
		}
		matched := false
		for _, n := range []int{2, 1} {
			if i+1+n > len(tok) {
				continue
			}
			code := tok[i+1 : i+1+n]
			if r, found := xCodes[code]; found {
				letters = append(letters, r)
				xs++
				if n == 2 {
					strong = true
				}
				i += 1 + n
				matched = true
				break
			}
		}
		if !matched {
			return nil, 0, false, false
		}
	}
	return letters, xs, strong, len(letters) > 0
}

// consonantRun returns the longest run of consonants in an X-scheme
// component, counting each X sequence as one letter.
func consonantRun(tok string) int {
	best, run := 0, 0
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		switch c {
		case 'A', 'E', 'I', 'O', 'U', 'W', 'Y':
			run = 0
			continue
		case 'X':
			i++ // the escaped letter is part of this consonant
			if i+1 < len(tok) && isUpperConsonant(tok[i]) && isUpperConsonant(tok[i+1]) && tok[i] == tok[i+1] {
				i++
			}
		}
		run++
		best = max(best, run)
	}
	return best
}

func isUpperConsonant(c byte) bool {
	return 'A' <= c && c <= 'Z' && !strings.ContainsRune("AEIOUWY", rune(c))
}

// xName decodes the name components (given names first, then the surname
// components) when the whole name reads as the X scheme. A name is taken to
// be in the scheme when every component decodes (C, O, V and a lone X do
// not) and either it has an X sequence together with a three-letter one
// (XTH, XKH, XAE...) or a run of three consonants (MXHMD, ALRXHMN), or most
// of its components are vowel-poor (a run of three consonants, or less than
// one vowel letter A, E, I, U in five; for exactly half, at most one letter
// in four of the whole name is a vowel): the scheme writes no short vowels,
// Latin spellings do. JMAL LWNYSY (جمال لونيسي) needs no escape at all. The
// component a truncation cut may fail to decode: it is left out.
func (m *MRZ) xName() (tokens []string, arabic [][]rune, ok bool) {
	all := append(append([]string(nil), m.GivenNames...), strings.Fields(m.Surname)...)
	cut := -1 // the component a truncation cut: the last one in the field
	if m.NameTruncated {
		if len(m.GivenNames) > 0 {
			cut = len(m.GivenNames) - 1
		} else {
			cut = len(all) - 1
		}
	}
	xs, strong, run, letters, vowels, poor := 0, false, 0, 0, 0, 0
	for i, t := range all {
		w, n, s, good := decodeX(t)
		if !good {
			if i == cut {
				continue
			}
			return nil, nil, false
		}
		tokens = append(tokens, t)
		arabic = append(arabic, w)
		v := strings.Count(t, "A") + strings.Count(t, "E") + strings.Count(t, "I") + strings.Count(t, "U")
		r := consonantRun(t)
		letters += len(t)
		vowels += v
		xs += n
		strong = strong || s
		run = max(run, r)
		if len(t) >= 3 && (r >= 3 || v*5 < len(t)) {
			poor++
		}
	}
	if len(tokens) == 0 {
		return nil, nil, false
	}
	marked := xs > 0 && (strong || run >= 3)
	vowelPoor := poor*2 > len(tokens) || poor*2 == len(tokens) && vowels*4 <= letters
	if !marked && !vowelPoor {
		return nil, nil, false
	}
	return tokens, arabic, true
}

// ArabicName returns the holder's name in Arabic script when the MRZ writes
// it in the ICAO Doc 9303 Part 3 transliteration of Arabic ("MXHMD" ->
// "محمد"), given names first; doubled letters become a letter with shadda.
// It returns "" for other names. NameVariants romanises it with
// normalize.Romanize.
func (m *MRZ) ArabicName() string {
	_, arabic, ok := m.xName()
	if !ok {
		return ""
	}
	var b strings.Builder
	for i, word := range arabic {
		if i > 0 {
			b.WriteByte(' ')
		}
		for j, r := range word {
			if j > 0 && r == word[j-1] && isArabicConsonant(r) {
				b.WriteRune(shadda)
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// NameVariants returns the holder's name as a screening query, in the order
// "GIVEN NAMES SURNAME": the name as read first. When the name is written in
// the ICAO Arabic transliteration (see ArabicName), the variants add the name
// with the X escapes dropped (as ICAO tells operators to read it) and the
// first four spellings normalize.Romanize gives the decoded Arabic name (the
// romaniser of the rest of Raqib: lexicon of frequent name words, learnt
// letter model, rule styles), in upper case: "MXHMD" gives "MOHAMMED",
// "MUHAMMAD", ... The result has no duplicates.
func (m *MRZ) NameVariants() []string {
	plain := strings.Join(append(append([]string(nil), m.GivenNames...), m.Surname), " ")
	plain = strings.TrimSpace(plain)
	if plain == "" {
		return nil
	}
	out := []string{plain}
	tokens, _, ok := m.xName()
	if !ok {
		return out
	}
	stripped := make([]string, len(tokens))
	for i, t := range tokens {
		stripped[i] = stripX(t)
	}
	out = appendNew(out, strings.Join(stripped, " "))
	const maxVariants = 4
	for i, r := range normalize.Romanize(m.ArabicName()) {
		if i == maxVariants {
			break
		}
		out = appendNew(out, strings.ToUpper(r))
	}
	return out
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// stripX drops the X escapes of a component (MXHMD -> MHMD).
func stripX(t string) string {
	return strings.ReplaceAll(t, "X", "")
}

func isArabicConsonant(r rune) bool {
	switch r {
	case 'ا', 'و', 'ي', 'ى', 'ة', 'ء', 'أ', 'إ', 'آ', 'ؤ', 'ئ', 'ٱ':
		return false
	}
	return r >= 0x0620 && r <= 0x06FF
}

// xEncode maps Arabic-script letters to their MRZ spelling; built from the
// decoding tables.
var xEncode = func() map[rune]string {
	m := make(map[rune]string, len(xPlain)+len(xCodes))
	for c, r := range xPlain {
		m[r] = string(c)
	}
	for code, r := range xCodes {
		if r == 'ة' {
			continue // depends on the position
		}
		m[r] = "X" + code
	}
	return m
}()

// ArabicToMRZ writes a name in Arabic script in the ICAO Doc 9303 Part 3
// transliteration for the MRZ ("محمد" -> "MXHMD"): letters by table C, shadda
// as a doubled letter, ة as XAH at the end of a component and XTA elsewhere,
// short vowels, tanwin, sukun and tatweel dropped. Components stay separated
// by single spaces (Build turns them into fillers). ASCII letters are kept,
// upper-cased; other characters are dropped.
func ArabicToMRZ(name string) string {
	name = norm.NFKC.String(name) // presentation forms and the lam-alef ligatures
	var b strings.Builder
	words := strings.FieldsFunc(name, func(r rune) bool {
		return r == ' ' || r == '-' || r == '\u200c' || r == '\u200f' || r == '\u200e' || r == ',' || r == '.'
	})
	for _, w := range words {
		var word strings.Builder
		rs := []rune(w)
		last := ""
		for i, r := range rs {
			var code string
			switch {
			case r == shadda:
				code = last
			case r == 'ة':
				code = "XTA"
				if i == len(rs)-1 || !isArabicLetterAfter(rs[i+1:]) {
					code = "XAH"
				}
			case 'a' <= r && r <= 'z':
				code = string(r - 'a' + 'A')
			case 'A' <= r && r <= 'Z':
				code = string(r)
			default:
				code = xEncode[r]
			}
			word.WriteString(code)
			if code != "" && r != shadda {
				last = code
			}
		}
		if word.Len() == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(word.String())
	}
	return b.String()
}

// isArabicLetterAfter reports whether rs holds a letter (not only marks).
func isArabicLetterAfter(rs []rune) bool {
	for _, r := range rs {
		if _, ok := xEncode[r]; ok {
			return true
		}
	}
	return false
}
