package normalize

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Cleaner returns the clean-up chain of Clean as a composable x/text
// transformer: NFKC, Unicode case folding, canonical decomposition with all
// non-spacing marks removed (Latin diacritics, Arabic tashkeel, superscript
// alef, Quranic marks, and the hamza and madda of أ إ آ ؤ ئ, which leaves their
// carriers ا و ي), then the Arabic unification, digit mapping and
// punctuation-to-space step described at Clean, then NFC. Each call returns a
// new transformer; a transformer is not safe for concurrent use.
func Cleaner() transform.Transformer {
	return transform.Chain(norm.NFKC, cases.Fold(), norm.NFD, runes.Remove(runes.In(unicode.Mn)), &spacer{unify: unifyFull}, norm.NFC)
}

var (
	cleanerPool = sync.Pool{New: func() any { return Cleaner() }}
)

// Clean returns s in the form names are compared in, lower case, with words
// separated by single spaces and no space at either end:
//
//   - NFKC, case folding (ß -> ss), diacritics and all other non-spacing marks
//     removed (é -> e; Arabic tashkeel, superscript alef and Quranic marks);
//   - Arabic letter variants unified: أ إ آ ٱ -> ا, ؤ -> و, ئ ى ی ے -> ي,
//     ة ۀ ە ہ ھ -> ه, ک -> ك, گ -> ك, پ -> ب, چ -> ج, ژ -> ز, ڤ -> ف; standalone
//     hamza ء, tatweel ـ, zero-width joiners and bidi controls are deleted;
//   - Arabic-Indic and Persian digits become ASCII digits;
//   - apostrophes and ayn/hamza signs (' ’ ‘ ʼ ʻ ʿ ʾ ` ´) are deleted, so that
//     "Sa'id" is "said" and "O'Brien" is "obrien";
//   - every other character that is not a letter or a digit (spaces, hyphens,
//     dots, commas, brackets, '<', symbols) ends a word: "al-Zawahiri" is
//     "al zawahiri", "SURNAME<<GIVEN" is "surname given".
//
// Note that a comma, being punctuation, is lost: ParseName reads the comma of
// "SURNAME, Given" before it cleans.
func Clean(s string) string {
	if isASCII(s) {
		return cleanASCII(s)
	}
	t := cleanerPool.Get().(transform.Transformer)
	t.Reset()
	out, _, err := transform.String(t, s)
	cleanerPool.Put(t)
	if err != nil {
		return ""
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// cleanASCII is the fast path of Clean for ASCII text.
func cleanASCII(s string) string {
	// Return s itself when it is already clean.
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ' ' && i > 0 && i < len(s)-1 && s[i-1] != ' ') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	pending := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			if pending && len(b) > 0 {
				b = append(b, ' ')
			}
			pending = false
			b = append(b, c)
		case c == '\'' || c == '`':
			// deleted
		default:
			pending = true
		}
	}
	return string(b)
}

type unifyLevel int

const (
	unifyFull unifyLevel = iota
	unifyLight
)

// unifyRune maps one rune for the spacer: the rune to write, or -1 to delete
// it, or ' ' to end a word.
func unifyRune(r rune, level unifyLevel) rune {
	switch {
	case r < utf8.RuneSelf:
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		if r == '\'' || r == '`' {
			return -1
		}
		return ' '
	case r >= 0x0660 && r <= 0x0669:
		return '0' + r - 0x0660
	case r >= 0x06F0 && r <= 0x06F9:
		return '0' + r - 0x06F0
	}
	switch r {
	case 'ٱ', 'أ', 'إ', 'آ', 'ٲ', 'ٳ':
		return 'ا'
	case 'ؤ':
		return 'و'
	case 'ئ', 'ی', 'ۍ', 'ێ':
		return 'ي'
	case 'ک', 'ڪ':
		return 'ك'
	case 'ـ', 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x061C,
		0x2018, 0x2019, 0x02BC, 0x02BB, 0x02BF, 0x02BE, 0x00B4, 0x2032:
		return -1
	}
	if level == unifyFull {
		switch r {
		case 'ى', 'ے', 'ۓ':
			return 'ي'
		case 'ة', 'ۀ', 'ە', 'ہ', 'ھ', 'ۃ':
			return 'ه'
		case 'گ':
			return 'ك'
		case 'پ':
			return 'ب'
		case 'چ':
			return 'ج'
		case 'ژ':
			return 'ز'
		case 'ڤ', 'ڥ':
			return 'ف'
		case 'ء':
			return -1
		}
	} else {
		switch r {
		case 'ۀ', 'ە', 'ہ', 'ھ':
			return 'ه'
		case 'ے', 'ۓ':
			return 'ي'
		}
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		if unicode.IsDigit(r) && !unicode.IsLetter(r) {
			if d := unicode.ToLower(r); d != r {
				return d
			}
		}
		return r
	}
	if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) {
		return r
	}
	return ' '
}

// spacer is the transformer step that unifies Arabic letters, maps digits,
// deletes apostrophes and joiners, and turns every run of other characters
// into one space, with no space at either end.
type spacer struct {
	unify   unifyLevel
	started bool // a word character has been written
	pending bool // a space is owed before the next word character
}

func (t *spacer) Reset() { t.started, t.pending = false, false }

func (t *spacer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		r, size := rune(src[nSrc]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(src[nSrc:])
			if size == 1 && !atEOF && !utf8.FullRune(src[nSrc:]) {
				return nDst, nSrc, transform.ErrShortSrc
			}
		}
		m := unifyRune(r, t.unify)
		switch {
		case m < 0:
		case m == ' ':
			if t.started {
				t.pending = true
			}
		default:
			need := utf8.RuneLen(m)
			if need < 0 {
				m, need = utf8.RuneError, 3
			}
			if t.pending {
				need++
			}
			if nDst+need > len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			if t.pending {
				dst[nDst] = ' '
				nDst++
				t.pending = false
			}
			nDst += utf8.EncodeRune(dst[nDst:], m)
			t.started = true
		}
		nSrc += size
	}
	return nDst, nSrc, nil
}

// foldMap holds the ASCII spellings of Latin letters that have no
// decomposition.
var foldMap = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE", 'ø': "o", 'Ø': "O",
	'ł': "l", 'Ł': "L", 'đ': "d", 'Đ': "D", 'ð': "d", 'Ð': "D", 'þ': "th", 'Þ': "TH",
	'ı': "i", 'ħ': "h", 'Ħ': "H", 'ŋ': "ng", 'ĸ': "k", 'ſ': "s", 'ƒ': "f", 'ɛ': "e",
	'ə': "e", 'Ə': "E", 'ɔ': "o", 'ʃ': "sh", 'ʒ': "zh", 'ɣ': "gh", 'ʔ': "",
	'ʕ': "", 'ʿ': "", 'ʾ': "", 'ʼ': "", 'ʻ': "", '’': "", '‘': "", 'ĳ': "ij",
}

// Fold returns s with its Latin letters folded to ASCII: diacritics removed
// (é -> e, ç -> c), and the letters with no decomposition spelt out
// (ß -> ss, æ -> ae, ø -> o, ł -> l, đ ð -> d, þ -> th, ı -> i, ə -> e).
// ASCII characters, case and punctuation are kept as they are; characters of
// other scripts are kept unchanged; invalid UTF-8 bytes are dropped.
// Fold(Clean(s)) is ASCII for Latin text.
func Fold(s string) string {
	if isASCII(s) {
		return s
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case r < utf8.RuneSelf:
			b.WriteByte(byte(r))
		case unicode.Is(unicode.Mn, r):
		default:
			if f, ok := foldMap[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return norm.NFC.String(b.String())
}
