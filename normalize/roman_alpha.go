package normalize

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The alphabetic scripts that romanise letter by letter: Greek, Armenian
// and Georgian. Sources of the tables: Greek — ELOT 743:1982 / ISO 843
// (type 2, transcription), the system of Greek passports and of the UN
// (UNGEGN, 1987); Armenian — BGN/PCGN 1981 (Eastern) and the Western Armenian
// consonant values; Georgian — the national system of 2002 (also BGN/PCGN
// 2009), aspiration marks dropped.

// greekLetter is a lower-case Greek letter with the diaeresis it carried.
type greekLetter struct {
	r     rune
	diaer bool
}

func greekLetters(word string) []greekLetter {
	var ls []greekLetter
	for _, r := range norm.NFD.String(word) {
		switch {
		case r == 0x0308:
			if len(ls) > 0 {
				ls[len(ls)-1].diaer = true
			}
		case unicode.Is(unicode.Mn, r):
		default:
			r = unicode.ToLower(r)
			if r == 'ς' {
				r = 'σ'
			}
			ls = append(ls, greekLetter{r: r})
		}
	}
	return ls
}

var greekBase = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th", 'ι': "i", 'κ': "k",
	'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p", 'ρ': "r", 'σ': "s", 'τ': "t", 'υ': "y",
	'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o", 'ϊ': "i", 'ϋ': "y",
}

// greekVoiced are the letters before which αυ ευ ηυ are av ev iv.
const greekVoiced = "αεηιοωυβγδζλμνρ"

// romanizeGreekWord writes one Greek word: ELOT 743 (phonetic false) or a
// phonetic spelling (αι e, ει οι υ i, initial μπ b, ντ d, γκ g).
func romanizeGreekWord(word string, phonetic bool) string {
	ls := greekLetters(word)
	var b strings.Builder
	n := len(ls)
	at := func(i int) rune {
		if i < n {
			return ls[i].r
		}
		return 0
	}
	for i := 0; i < n; i++ {
		c, next := ls[i].r, at(i+1)
		nextPlain := i+1 < n && !ls[i+1].diaer
		switch {
		case (c == 'α' || c == 'ε' || c == 'η') && next == 'υ' && nextPlain:
			v := map[rune]string{'α': "a", 'ε': "e", 'η': "i"}[c]
			if i+2 < n && strings.ContainsRune(greekVoiced, at(i+2)) {
				b.WriteString(v + "v")
			} else {
				b.WriteString(v + "f")
			}
			i++
		case c == 'ο' && next == 'υ' && nextPlain:
			b.WriteString("ou")
			i++
		case phonetic && c == 'α' && next == 'ι' && nextPlain:
			b.WriteString("e")
			i++
		case phonetic && (c == 'ε' || c == 'ο') && next == 'ι' && nextPlain:
			b.WriteString("i")
			i++
		case c == 'γ' && (next == 'γ' || next == 'ξ' || next == 'χ'):
			b.WriteString("n")
		case c == 'γ' && next == 'κ':
			if phonetic {
				if i == 0 {
					b.WriteString("g")
				} else {
					b.WriteString("ng")
				}
			} else {
				b.WriteString("gk")
			}
			i++
		case phonetic && c == 'μ' && next == 'π':
			if i == 0 {
				b.WriteString("b")
			} else {
				b.WriteString("mb")
			}
			i++
		case phonetic && c == 'ν' && next == 'τ':
			if i == 0 {
				b.WriteString("d")
			} else {
				b.WriteString("nd")
			}
			i++
		case phonetic && c == 'υ':
			b.WriteString("i")
		default:
			if v, ok := greekBase[c]; ok {
				b.WriteString(v)
			} else {
				b.WriteRune(c)
			}
		}
	}
	return b.String()
}

func romanizeGreek(seg string) []string {
	return byWord(seg, func(w string) []string {
		return []string{romanizeGreekWord(w, false), romanizeGreekWord(w, true)}
	})
}

// Armenian, Eastern (BGN/PCGN 1981); the Western variant swaps the voiced
// and voiceless stops and affricates (Hakob / Hagop).
var armenianBase = map[rune]string{
	'ա': "a", 'բ': "b", 'գ': "g", 'դ': "d", 'ե': "e", 'զ': "z", 'է': "e", 'ը': "y", 'թ': "t", 'ժ': "zh",
	'ի': "i", 'լ': "l", 'խ': "kh", 'ծ': "ts", 'կ': "k", 'հ': "h", 'ձ': "dz", 'ղ': "gh", 'ճ': "ch", 'մ': "m",
	'յ': "y", 'ն': "n", 'շ': "sh", 'ո': "o", 'չ': "ch", 'պ': "p", 'ջ': "j", 'ռ': "r", 'ս': "s", 'վ': "v",
	'տ': "t", 'ր': "r", 'ց': "ts", 'ւ': "v", 'փ': "p", 'ք': "k", 'օ': "o", 'ֆ': "f", 'և': "ev",
}

var armenianWestern = map[rune]string{'բ': "p", 'պ': "b", 'գ': "k", 'կ': "g", 'դ': "t", 'տ': "d", 'ջ': "ch",
	'ճ': "j", 'ձ': "ts", 'ծ': "dz"}

func romanizeArmenianWord(word string, western bool) string {
	rs := []rune(strings.ToLower(word))
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == 'ո' && i+1 < len(rs) && rs[i+1] == 'ւ':
			b.WriteString("u")
			i++
			continue
		case c == 'ե' && i == 0:
			b.WriteString("ye")
			continue
		case c == 'ո' && i == 0:
			b.WriteString("vo")
			continue
		}
		if western {
			if v, ok := armenianWestern[c]; ok {
				b.WriteString(v)
				continue
			}
		}
		if v, ok := armenianBase[c]; ok {
			b.WriteString(v)
		} else if !unicode.Is(unicode.Mn, c) {
			b.WriteRune(c)
		}
	}
	return b.String()
}

func romanizeArmenian(seg string) []string {
	return byWord(seg, func(w string) []string {
		return []string{romanizeArmenianWord(w, false), romanizeArmenianWord(w, true)}
	})
}

// Georgian (Mkhedruli; Mtavruli capitals fold to it), national system 2002.
var georgianBase = map[rune]string{
	'ა': "a", 'ბ': "b", 'გ': "g", 'დ': "d", 'ე': "e", 'ვ': "v", 'ზ': "z", 'თ': "t", 'ი': "i", 'კ': "k",
	'ლ': "l", 'მ': "m", 'ნ': "n", 'ო': "o", 'პ': "p", 'ჟ': "zh", 'რ': "r", 'ს': "s", 'ტ': "t", 'უ': "u",
	'ფ': "p", 'ქ': "k", 'ღ': "gh", 'ყ': "q", 'შ': "sh", 'ჩ': "ch", 'ც': "ts", 'ძ': "dz", 'წ': "ts", 'ჭ': "ch",
	'ხ': "kh", 'ჯ': "j", 'ჰ': "h", 'ჱ': "e", 'ჲ': "y", 'ჳ': "w", 'ჴ': "q", 'ჵ': "o", 'ჶ': "f",
}

func romanizeGeorgian(seg string) []string {
	return byWord(seg, func(w string) []string {
		var b strings.Builder
		for _, c := range w {
			switch {
			case c >= 0x1C90 && c <= 0x1CBF: // Mtavruli capital -> Mkhedruli
				c = c - 0x1C90 + 0x10D0
			case c >= 0x10A0 && c <= 0x10C5: // Asomtavruli -> Mkhedruli
				c = c - 0x10A0 + 0x2D00
			}
			if v, ok := georgianBase[c]; ok {
				b.WriteString(v)
			} else if !unicode.Is(unicode.Mn, c) {
				b.WriteRune(c)
			}
		}
		return []string{b.String()}
	})
}

// byWord romanises a segment word by word with f, which gives each word's
// spellings best first, and returns the whole-segment spellings: the i-th
// takes each word's i-th spelling (or its last one).
func byWord(seg string, f func(string) []string) []string {
	words := strings.FieldsFunc(seg, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r) })
	per := make([][]string, 0, len(words))
	maxN := 0
	for _, w := range words {
		v := f(w)
		if len(v) == 0 {
			continue
		}
		per = append(per, v)
		maxN = max(maxN, len(v))
	}
	return combineForms(per, maxN, " ")
}

// combineForms joins per-part spellings: the i-th result takes each part's
// i-th spelling (or its last); duplicates are dropped.
func combineForms(per [][]string, n int, sep string) []string {
	var out []string
	for i := 0; i < n; i++ {
		var b strings.Builder
		for k, v := range per {
			if k > 0 {
				b.WriteString(sep)
			}
			b.WriteString(v[min(i, len(v)-1)])
		}
		s := b.String()
		if !contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}
