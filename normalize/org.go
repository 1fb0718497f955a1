package normalize

import (
	_ "embed"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Organisation names: legal forms, numbers, generic words and acronyms.
// ParseName tags them (PartLegalForm, PartNumber, PartGeneric, PartAcronym)
// so that a matcher can weigh them as what they are.

// The legal forms are those of OpenSanctions' org_types.yml (rigour
// @8f4044d, MIT), converted into data/org_types.tsv by
// TestGenerateDataTables: one line per type with its display and compare
// forms, its generic class (LLC, JSC, LP, ...) and its aliases
// (abbreviations, spellings, translations).
//
//go:embed data/org_types.tsv
var orgTypesTSV string

// legalAlias is one written form of a legal form, as cleaned tokens.
type legalAlias struct {
	toks         []string
	canon, class string
}

var legalOnce struct {
	once    sync.Once
	byFirst map[string][]legalAlias
}

// orgTokens cleans an alias into the tokens ParseName would see: Cyrillic is
// romanised, other scripts give nothing (their forms are left out: ParseName
// sees such names romanised, and the romanisations of legal forms are not
// the table's).
func orgTokens(s string) []string {
	if !isASCII(s) && !IsLatin(s) {
		if DetectScript(s) != ScriptCyrillic || !isLatinOrCyrillic(s) {
			return nil
		}
		r := Romanize(s)
		if len(r) == 0 {
			return nil
		}
		s = r[0]
	}
	return strings.Fields(Fold(Clean(joinDotted(s, nil))))
}

// isLatinOrCyrillic reports whether every letter of s is Latin or Cyrillic.
func isLatinOrCyrillic(s string) bool {
	for _, r := range s {
		if sc, ok := scriptOf(r); ok && sc != ScriptLatin && sc != ScriptCyrillic {
			return false
		}
	}
	return true
}

func legalForms() map[string][]legalAlias {
	legalOnce.once.Do(func() {
		m := map[string][]legalAlias{}
		seen := map[string]bool{}
		for _, line := range strings.Split(orgTypesTSV, "\n") {
			if line == "" || line[0] == '#' {
				continue
			}
			fs := strings.Split(line, "\t")
			if len(fs) != 4 {
				continue
			}
			display, compare, generic := fs[0], fs[1], fs[2]
			aliases := strings.Split(fs[3], "|")
			canon := ""
			for _, c := range []string{compare, display} {
				if t := orgTokens(c); len(t) > 0 {
					canon = strings.Join(t, "")
					break
				}
			}
			if canon == "" {
				for _, a := range aliases {
					if t := orgTokens(a); len(t) > 0 {
						canon = strings.Join(t, "")
						break
					}
				}
			}
			if canon == "" {
				continue
			}
			class := strings.ToLower(generic)
			if class == "" {
				class = canon
			}
			for _, a := range append([]string{display, compare}, aliases...) {
				t := orgTokens(a)
				if len(t) == 0 {
					continue
				}
				k := strings.Join(t, " ")
				if seen[k] || ambiguousLegal[k] {
					continue // the first type that has an alias keeps it
				}
				seen[k] = true
				m[t[0]] = append(m[t[0]], legalAlias{toks: t, canon: canon, class: class})
			}
		}
		for k, l := range m {
			sort.SliceStable(l, func(i, j int) bool { return len(l[i].toks) > len(l[j].toks) })
			m[k] = l
		}
		legalOnce.byFirst = m
	})
	return legalOnce.byFirst
}

// ambiguousLegal are aliases of one or two letters that are also common
// syllables of personal names (Chinese, Korean, Vietnamese): they are never
// taken for a legal form.
var ambiguousLegal = map[string]bool{"yu": true, "ku": true, "ek": true, "ev": true, "eg": true, "ll": true,
	"lt": true, "lc": true, "an": true, "ho": true, "ha": true, "il": true}

// shortLegal are the legal forms of one word of three letters or less that
// are taken for one at the end of a name: the abbreviations in wide use.
// Others of that length ("gu", "sem", "dou", "as") are syllables that end
// personal names far more often (measured on the yente negatives and the UN
// list's individuals: 0.5% of their names ended in one).
var shortLegal = map[string]bool{"ltd": true, "inc": true, "llc": true, "plc": true, "ag": true, "kg": true,
	"sa": true, "ab": true, "nv": true, "bv": true, "oy": true, "spa": true, "srl": true, "sas": true, "jsc": true,
	"ooo": true, "oao": true, "zao": true, "pao": true, "bhd": true, "pte": true, "pty": true, "lda": true,
	"kft": true, "doo": true, "fze": true, "fzc": true, "wll": true, "lp": true, "llp": true,
	"ohg": true, "mbh": true, "aps": true, "asa": true, "sae": true, "spc": true, "tbk": true}

// legalPrefixes are the short legal forms written before the name (ООО
// "Ромашка", PT Bank ...), which may stand first.
var legalPrefixes = map[string]bool{"ooo": true, "oao": true, "zao": true, "pao": true, "ao": true, "pt": true,
	"cv": true, "tov": true, "pat": true, "prat": true, "ip": true, "ud": true, "ooo.": true}

// matchLegal returns the legal form that starts at words[i] and how many
// words it takes (0 for none). A form of one word of three letters or less
// counts only at the end of the name, or first when it is written before
// names (OOO, PT).
func matchLegal(words []string, i int) (legalAlias, int) {
	for _, a := range legalForms()[words[i]] {
		n := len(a.toks)
		if i+n > len(words) {
			continue
		}
		ok := true
		for k := 1; k < n; k++ {
			if words[i+k] != a.toks[k] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if n == 1 && len(a.toks[0]) <= 3 && !(i+1 == len(words) && shortLegal[a.toks[0]] || i == 0 && legalPrefixes[a.toks[0]]) {
			continue
		}
		return a, n
	}
	return legalAlias{}, 0
}

// genericWords are words of organisation names that say what kind of
// organisation it is rather than which (compiled for Raqib: the English
// words and their common French, Spanish, Italian, German, Russian, Persian
// and Arabic equivalents as romanised on sanctions lists).
var genericWords = map[string]bool{
	"the": true, "of": true, "and": true, "for": true, "und": true, "et": true,
	"company": true, "companies": true, "co": true, "corporation": true, "corp": true, "group": true, "groupe": true,
	"grupo": true, "gruppo": true, "gruppe": true, "holding": true, "holdings": true, "bank": true, "banque": true,
	"banco": true, "trading": true, "trade": true, "traders": true, "commercial": true, "commerce": true,
	"international": true, "intl": true, "internationale": true, "internacional": true, "national": true,
	"global": true, "general": true, "industries": true, "industry": true, "industrial": true, "enterprise": true,
	"enterprises": true, "services": true, "service": true, "import": true, "export": true, "investment": true,
	"investments": true, "management": true, "development": true, "partners": true, "associates": true,
	"establishment": true, "agency": true, "office": true, "center": true, "centre": true,
	"compagnie": true, "compania": true, "companhia": true, "societe": true, "sociedad": true, "firma": true,
	"kompaniya": true, "sherkat": true, "shirkat": true, "sharikat": true, "sharika": true, "sherkate": true,
	"muassasat": true, "moassese": true, "tejarat": true, "tijarat": true, "tejarati": true,
}

// numberWords are English number words, cardinal and ordinal, with their
// values.
var numberWords = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
	"fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
	"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80,
	"ninetieth": 90,
}

// numberScale are the multiplying number words.
var numberScale = map[string]int{"hundred": 100, "hundredth": 100, "thousand": 1000, "thousandth": 1000}

// readNumber reads the number that starts at words[i]: digits ("12", with
// an ordinal ending: "12th", "1st"), English number words ("twelve",
// "twenty one", "two hundred", "twelfth") or a Roman numeral of I, V and X
// (II to XXXIX; not first in the name, and not "vi" or "xi", which are name
// syllables too). "ten" before a name is the Dutch particle (ten Boom), not
// a number. It returns the value's digits and the words taken.
func readNumber(words []string, i int) (string, int) {
	w := words[i]
	if d := digitsOf(w); d != "" {
		return d, 1
	}
	if _, ok := numberWords[w]; ok && !(w == "ten" && i+1 < len(words) && !isNumberWord(words[i+1])) {
		total, cur, n := 0, 0, 0
		for i+n < len(words) {
			x := words[i+n]
			if v, ok := numberWords[x]; ok {
				if cur%10 != 0 && v >= 1 || cur%100 != 0 && v >= 10 && cur >= 20 {
					break // "twelve three" is two numbers
				}
				cur += v
				n++
				continue
			}
			if s, ok := numberScale[x]; ok && cur > 0 && total+cur < 1e9 {
				cur *= s
				if s >= 1000 {
					total += cur
					cur = 0
				}
				n++
				continue
			}
			if x == "and" && n > 0 && i+n+1 < len(words) {
				if _, ok := numberWords[words[i+n+1]]; ok {
					n++
					continue
				}
			}
			break
		}
		return strconv.Itoa(total + cur), n
	}
	if i > 0 && len(w) >= 2 && w != "vi" && w != "xi" {
		if v := romanValue(w); v > 0 {
			return strconv.Itoa(v), 1
		}
	}
	return "", 0
}

// isNumberWord reports whether w is an English number word or a scale.
func isNumberWord(w string) bool {
	_, a := numberWords[w]
	_, b := numberScale[w]
	return a || b
}

// digitsOf returns the value of a token of digits, with an ordinal suffix
// allowed (1st 2nd 3rd 4th), without leading zeros; "" for anything else.
func digitsOf(w string) string {
	j := 0
	for j < len(w) && w[j] >= '0' && w[j] <= '9' {
		j++
	}
	if j == 0 {
		return ""
	}
	switch w[j:] {
	case "", "st", "nd", "rd", "th":
	default:
		return ""
	}
	d := strings.TrimLeft(w[:j], "0")
	if d == "" {
		d = "0"
	}
	return d
}

// romanValue returns the value of a well-formed Roman numeral of I, V and X
// below 40, or 0.
func romanValue(w string) int {
	for i := 0; i < len(w); i++ {
		if w[i] != 'i' && w[i] != 'v' && w[i] != 'x' {
			return 0
		}
	}
	v := 0
	rest := w
	for strings.HasPrefix(rest, "x") && v < 30 {
		v += 10
		rest = rest[1:]
	}
	units := []string{"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"}
	for u := len(units) - 1; u >= 1; u-- {
		if rest == units[u] {
			return v + u
		}
	}
	if rest == "" && v > 0 {
		return v
	}
	return 0
}

// joinDotted writes dotted initials as one word: "I.B.M." -> "IBM", "U.S.A"
// -> "USA" (two letters or more, each followed by a dot but perhaps the
// last, no space between). It records the joined words in found (lower
// case) when found is not nil.
func joinDotted(s string, found map[string]bool) string {
	if strings.IndexByte(s, '.') < 0 {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); {
		// A run: letter '.' letter '.' ... at a word start.
		j := i
		var letters []rune
		if i == 0 || !isLetterRune(rs[i-1]) {
			for j+1 < len(rs) && isLetterRune(rs[j]) && rs[j+1] == '.' {
				letters = append(letters, rs[j])
				j += 2
			}
			if len(letters) >= 1 && j < len(rs) && isLetterRune(rs[j]) && (j+1 == len(rs) || !isLetterRune(rs[j+1])) {
				letters = append(letters, rs[j]) // a last letter without its dot
				j++
			}
		}
		if len(letters) >= 2 && (j == len(rs) || !isLetterRune(rs[j])) {
			b.WriteString(string(letters))
			b.WriteByte(' ')
			if found != nil {
				found[strings.ToLower(Fold(string(letters)))] = true
			}
			i = j
			continue
		}
		b.WriteRune(rs[i])
		i++
	}
	return b.String()
}

func isLetterRune(r rune) bool {
	_, ok := scriptOf(r)
	return ok
}

// Acronym returns the initials of the name's words that an acronym of it
// would take — its names, initials and generic words, and its acronyms
// whole, but not "the", "of", "and", "for", legal forms, numbers or the
// words for company — or "" when fewer than two letters: "International
// Business Machines Corporation" gives "ibm", "Royal Bank of Scotland plc"
// "rbs", "Lashkar-e-Taiba" "let".
func (n Name) Acronym() string {
	var b strings.Builder
	for _, p := range n.Parts {
		b.WriteString(p.AcronymLetters())
	}
	if b.Len() < 2 {
		return ""
	}
	return b.String()
}

// AcronymLetters returns what part p gives to the acronym of its name: the
// first letter of a name, an initial or a generic word but the/of/and/for
// and the words for company; the letters of an acronym; nothing for a
// particle, a title, a legal form or a number.
func (p Part) AcronymLetters() string {
	if p.Text == "" {
		return ""
	}
	switch p.Kind {
	case PartName, PartInitial, PartSyllable:
		return p.Text[:1]
	case PartAcronym:
		return p.Text
	case PartGeneric:
		switch p.Text {
		case "the", "of", "and", "for", "und", "et", "company", "co", "corporation", "corp", "companies", "no", "nr", "number":
			return ""
		}
		return p.Text[:1]
	}
	return ""
}
