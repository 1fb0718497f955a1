package normalize

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// style is one tradition of romanising Arabic. Romanize writes a name once
// per style and keeps the distinct results.
type style struct {
	cons    map[rune]string // consonants that differ from base
	short   string          // inserted short vowel
	initial string          // short vowel after a word-initial consonant
	longU   string          // و as a vowel
	longI   string          // ي as a vowel
	taMarb  string          // final ة
	article string          // ال
	abd     string          // عبد before an article
	bin     string          // بن
	abu     string          // ابو
	allah   string          // عبد + الله
	foreign bool            // a name of foreign origin: vowels only where written
	finalH  string          // a final ه
	maqsura string          // final ى
	carrier bool            // an initial alef before و or ي only carries that vowel
}

// baseCons holds the consonants as the common English spelling writes them.
var baseCons = map[rune]string{
	'ب': "b", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d", 'ذ': "dh", 'ر': "r", 'ز': "z",
	'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d", 'ط': "t", 'ظ': "z", 'ع': "", 'غ': "gh", 'ف': "f", 'ق': "q",
	'ك': "k", 'ل': "l", 'م': "m", 'ن': "n", 'ه': "h", 'و': "w", 'ي': "y", 'ء': "", 'ئ': "", 'ؤ': "",
	'پ': "p", 'چ': "ch", 'ژ': "zh", 'گ': "g", 'ڤ': "v", 'ة': "h",
	// Pashto
	'ځ': "z", 'څ': "s", 'ټ': "t", 'ډ': "d", 'ړ': "r", 'ښ': "sh", 'ږ': "zh", 'ڼ': "n",
}

// persianStyle is the spelling of names from Afghanistan, Iran and Pakistan
// written in the Persian, Dari, Pashto or Urdu alphabets: ض ذ ظ are z, ث is
// s, a final ه is a (Zada), Abd al- is Abdul.
var persianStyle = style{cons: map[rune]string{'ض': "z", 'ذ': "z", 'ظ': "z", 'ث': "s", 'ق': "q", 'ط': "t"},
	short: "a", initial: "a", longU: "u", longI: "i", taMarb: "a", article: "ul", abd: "abdul", bin: "bin",
	abu: "abu", allah: "abdullah", finalH: "a", maqsura: "i"}

// hasPersianLetters reports whether s has letters of the Persian, Pashto or
// Urdu alphabets that Arabic lacks.
func hasPersianLetters(s string) bool {
	return strings.ContainsAny(s, "یکگپچژځڅټډړښږڼۀےہھ")
}

var styles = []style{
	// A: the UN list and the common English spelling (ALA-LC without marks).
	{short: "a", initial: "a", longU: "u", longI: "i", taMarb: "a", article: "al", abd: "abd", bin: "bin", abu: "abu", allah: "abdullah", maqsura: "a"},
	// C: Egyptian and Gulf English spelling.
	{cons: map[rune]string{'ث': "s", 'ذ': "z", 'ق': "k", 'ظ': "z"}, short: "a", initial: "a", longU: "ou", longI: "ee", taMarb: "ah",
		article: "el", abd: "abdel", bin: "bin", abu: "abu", allah: "abdallah", maqsura: "a"},
	// B: French (Maghreb, West Africa).
	{cons: map[rune]string{'ث': "t", 'ج': "dj", 'ش': "ch", 'ذ': "d", 'ق': "k", 'غ': "gh", 'ض': "d"}, short: "e", initial: "a",
		longU: "ou", longI: "i", taMarb: "a", article: "el", abd: "abdel", bin: "ben", abu: "abou", allah: "abdellah", maqsura: "a", carrier: true},
	// E: foreign names written in Arabic script (European, African, Asian):
	// g for ج and غ, o for و, e for an unwritten vowel, final ه as e.
	{cons: map[rune]string{'ج': "g", 'غ': "g", 'ق': "k", 'ث': "th", 'ذ': "d", 'ض': "d", 'ظ': "z"}, short: "e", initial: "e",
		longU: "o", longI: "i", taMarb: "a", article: "al", abd: "abd", bin: "bin", abu: "abu", allah: "abdullah", foreign: true, finalH: "e", maqsura: "i", carrier: true},
	// F: foreign names, second reading: u for و, e for ي, c for ك, p for ب, v for ف.
	{cons: map[rune]string{'ج': "j", 'غ': "g", 'ق': "c", 'ك': "c", 'ب': "p", 'ف': "v", 'ث': "t", 'ذ': "d", 'ض': "d", 'ظ': "z", 'خ': "h"}, short: "", initial: "",
		longU: "u", longI: "e", taMarb: "e", article: "el", abd: "abd", bin: "ben", abu: "abu", allah: "abdallah", foreign: true, finalH: "a", maqsura: "i", carrier: true},
}

// arLetter is one letter of an Arabic token after preprocessing.
type arLetter struct {
	r      rune
	vowel  string // a written short vowel (harakat), if any
	shadda bool
	hamza  byte // 'a' for أ, 'i' for إ, 'm' for آ
}

// arabicLetters splits a token into letters, reading harakat and shadda and
// dropping other marks and tatweel; each letter is read as arabicKeyRune
// reads it, with the hamza of an alef form noted.
func arabicLetters(tok string) []arLetter {
	ls := make([]arLetter, 0, len(tok)/2+1) // two bytes a letter
	for _, r := range tok {
		switch {
		case r == 0x064E || r == 0x064B: // fatha, fathatan
			if n := len(ls); n > 0 {
				ls[n-1].vowel = "a"
			}
			continue
		case r == 0x064F || r == 0x064C:
			if n := len(ls); n > 0 {
				ls[n-1].vowel = "u"
			}
			continue
		case r == 0x0650 || r == 0x064D:
			if n := len(ls); n > 0 {
				ls[n-1].vowel = "i"
			}
			continue
		case r == 0x0651:
			if n := len(ls); n > 0 {
				ls[n-1].shadda = true
			}
			continue
		}
		k := arabicKeyRune(r)
		if k < 0 {
			continue
		}
		l := arLetter{r: k}
		switch r {
		case 'أ', 'ٱ', 'ا':
			l.hamza = 'a'
		case 'إ':
			l.hamza = 'i'
		case 'آ':
			l.hamza = 'm'
		}
		ls = append(ls, l)
	}
	return ls
}

// arabicKeyRune is the letter r of an Arabic word is read as: alef and
// hamza-on-alef forms as ا, the Persian and Urdu forms of yeh, kaf and heh
// as the Arabic ones, any other letter as itself; -1 for a mark (harakat,
// shadda, sukun and the others), tatweel or a zero-width joiner.
func arabicKeyRune(r rune) rune {
	switch {
	case r >= 0x064B && r <= 0x065F || r == 0x0640 || r == 0x0670 || r >= 0x06D6 && r <= 0x06ED || r == 0x200C || r == 0x200D:
		return -1
	case r == 'أ' || r == 'ٱ' || r == 'ا' || r == 'إ' || r == 'آ':
		return 'ا'
	case r == 'ی' || r == 'ے':
		return 'ي'
	case r == 'ک':
		return 'ك'
	case r == 'ۀ' || r == 'ە' || r == 'ہ' || r == 'ھ':
		return 'ه'
	}
	return r
}

// isVowelLetter reports whether letter i of ls is read as a long vowel.
func isVowelLetter(ls []arLetter, i int) bool {
	switch ls[i].r {
	case 'ا', 'ى':
		return i > 0
	case 'و', 'ي':
		if i == 0 || ls[i].vowel != "" || ls[i].shadda {
			return false
		}
		prev := ls[i-1].r
		if prev == 'ا' && i > 1 {
			return false // after a long a: a consonant (Dawud, Hayat)
		}
		if i+1 < len(ls) && ls[i+1].r == 'ا' && i+2 < len(ls) {
			return false // w/y before a long a: Diyab, Suwar
		}
		return true
	}
	return false
}

// romanizeArabicToken writes one Arabic token in style st. It returns the
// words it makes (an article is a word of its own).
func romanizeArabicToken(ls []arLetter, st *style) string {
	var b strings.Builder
	n := len(ls)
	b.Grow(2*n + 2)
	// consonant indices and vowel letters
	var room [32]bool
	vow := room[:0]
	if n <= len(room) {
		vow = room[:n]
	} else {
		vow = make([]bool, n)
	}
	for i := range ls {
		vow[i] = isVowelLetter(ls, i)
	}
	// Initial اي/او: a diphthong (Ayman, Aws) in the Arabic styles, a
	// silent carrier of the vowel (Iran, Europa, Obama) in the others.
	if !st.carrier && n > 2 && ls[0].r == 'ا' && (ls[1].r == 'و' || ls[1].r == 'ي') {
		vow[1] = false
	}
	lastWasVowel := false
	for i := 0; i < n; i++ {
		l := ls[i]
		if vow[i] {
			switch l.r {
			case 'ا':
				b.WriteString("a")
			case 'ى':
				b.WriteString(st.maqsura)
			case 'و':
				b.WriteString(st.longU)
			case 'ي':
				b.WriteString(st.longI)
			}
			lastWasVowel = true
			continue
		}
		if l.r == 'ا' { // initial alef: a vowel, or the carrier of the vowel و or ي after it
			if i+1 < n && vow[i+1] && (ls[i+1].r == 'و' || ls[i+1].r == 'ي') {
				continue
			}
			switch l.hamza {
			case 'i':
				b.WriteString("i")
			default:
				b.WriteString("a")
			}
			lastWasVowel = true
			continue
		}
		if l.r == 'ة' {
			if i == n-1 {
				if !lastWasVowel {
					b.WriteString(st.taMarb)
				} else {
					b.WriteString("h")
				}
			} else {
				b.WriteString("t")
			}
			lastWasVowel = false
			continue
		}
		if l.r == 'ه' && i == n-1 && i > 0 && st.finalH != "" {
			b.WriteString(st.finalH)
			continue
		}
		var c string
		if l.r == 'ت' && i+1 < n && ls[i+1].r == 'ش' && st.foreign {
			c = "ch"
			i++
			l = ls[i]
		} else {
			var ok bool
			c, ok = st.cons[l.r]
			if !ok {
				c, ok = baseCons[l.r]
				if !ok {
					c = Fold(string(l.r))
				}
			}
		}
		b.WriteString(c)
		if l.shadda && len(c) == 1 {
			b.WriteString(c)
		}
		lastWasVowel = false
		// Decide on a short vowel after this consonant.
		if l.vowel != "" {
			b.WriteString(l.vowel)
			lastWasVowel = true
			continue
		}
		if i == n-1 || vow[i+1] || ls[i+1].r == 'ة' && i+1 == n-1 {
			continue // the next letter gives the vowel (final ة writes its own)
		}
		// Length of the consonant run from i to the next vowel letter or the end.
		j := i
		for j < n && !vow[j] && !(ls[j].r == 'ا') && ls[j].r != 'ة' {
			j++
		}
		runLen := j - i // consonants i..j-1
		atEnd := j == n || ls[j].r == 'ة' && j == n-1
		// position of i within its run: find the run start
		k := i
		for k > 0 && !vow[k-1] && ls[k-1].r != 'ا' && ls[k-1].r != 'ة' {
			k--
		}
		pos := i - k
		total := pos + runLen // whole run length
		wordInitial := k == 0
		insert := false
		switch {
		case wordInitial && pos == 0:
			insert = true
		case atEnd && runLen == 2:
			// vowel before the last consonant of a final run
			insert = true
			if wordInitial && total == 3 && pos == 1 {
				// CCC word: CaCaC (hasan): the initial consonant already has its vowel
				insert = true
			}
		case !atEnd && runLen == 2 && total >= 3:
			insert = true
		}
		if st.foreign && !(wordInitial && pos == 0 && total >= 2) {
			insert = false
		}
		if insert {
			if wordInitial && pos == 0 {
				b.WriteString(st.initial)
			} else {
				b.WriteString(st.short)
			}
			lastWasVowel = true
		}
	}
	return b.String()
}

// particles of Arabic names, romanised per style.
func arabicParticle(w string, st *style) (string, bool) {
	switch w {
	case "بن":
		return st.bin, true
	case "ابن":
		return "ibn", true
	case "بنت":
		return "bint", true
	case "ولد":
		return "ould", true
	case "ابو":
		return st.abu, true
	case "ام":
		return "umm", true
	case "الله":
		return "allah", true
	}
	return "", false
}

// romanizeArabic writes an Arabic-script name in style st.
func romanizeArabic(words []string, st *style, lex lexicon, lexRank int) string {
	return romanizeArabicWith(words, st, source{lex: lex, lexRank: lexRank, learnRank: -1})
}

// source says where romanizeWord takes a word's spelling from: the lexicon
// (rank lexRank), then the learnt letter model (rank learnRank, or none when
// negative), then the rules of the style.
type source struct {
	lex       lexicon
	lexRank   int
	learnRank int
	cache     map[string][]string
	words     []arWord // the words' keys, when computed once for all styles
	// letters, when not nil, keeps the letters of the words romanised by
	// the rules, for the other styles (of one name) to read again.
	letters *[]wordLetters
}

// wordLetters are the letters of a word (arabicLetters).
type wordLetters struct {
	w  string
	ls []arLetter
}

// lettersOf returns arabicLetters(w), once per word for the styles of one
// name when src keeps them.
func (src source) lettersOf(w string) []arLetter {
	if src.letters == nil {
		return arabicLetters(w)
	}
	for _, wl := range *src.letters {
		if wl.w == w {
			return wl.ls
		}
	}
	ls := arabicLetters(w)
	*src.letters = append(*src.letters, wordLetters{w, ls})
	return ls
}

// arWord is a word of an Arabic-script name with its lexicon key.
type arWord struct {
	key    string
	arabic bool // of Arabic script (else folded and kept)
}

// arabicWords computes the keys of a name's words once for all styles.
func arabicWords(words []string) []arWord {
	out := make([]arWord, len(words))
	for i, w := range words {
		out[i].arabic = DetectScript(w) == ScriptArabic
		if out[i].arabic {
			out[i].key = arabicKey(w)
		}
	}
	return out
}

func romanizeArabicWith(words []string, st *style, src source) string {
	lex, lexRank := src.lex, src.lexRank
	info := src.words
	if len(info) != len(words) {
		info = arabicWords(words)
	}
	out := make([]string, 0, len(words)+2)
	for i := 0; i < len(words); i++ {
		w := words[i]
		if !info[i].arabic {
			out = append(out, Fold(w))
			continue
		}
		key := info[i].key
		// Abd + Allah, Abd + al-X.
		if key == "عبد" && i+1 < len(words) {
			nk := info[i+1].key
			if nk == "الله" {
				out = append(out, st.allah)
				i++
				continue
			}
			if strings.HasPrefix(nk, "ال") && len([]rune(nk)) > 3 {
				rest := romanizeWord(nk[len("ال"):], st, src)
				if st.abd == "abd" {
					out = append(out, "abd", st.article, rest)
				} else {
					out = append(out, st.abd, rest)
				}
				i++
				continue
			}
		}
		if p, ok := arabicParticle(key, st); ok {
			out = append(out, p)
			continue
		}
		// Joined عبدالله / عبدالرحمن.
		if strings.HasPrefix(key, "عبدال") && len([]rune(key)) > 5 {
			if lex != nil {
				if v := lex.lookup(key, lexRank); v != "" {
					out = append(out, v)
					continue
				}
			}
			rest := key[len("عبدال"):]
			if rest == "له" {
				out = append(out, st.allah)
				continue
			}
			// Written as when the words are apart (Abd al-Rahman, Abdel
			// Rahman): ParseName joins them again into one part.
			if st.abd == "abd" {
				out = append(out, "abd", st.article, romanizeWord(rest, st, src))
			} else {
				out = append(out, st.abd, romanizeWord(rest, st, src))
			}
			continue
		}
		if strings.HasPrefix(key, "ال") && len([]rune(key)) > 3 {
			if lex != nil {
				if v := lex.lookup(key, lexRank); v != "" {
					// Keep the article a word of its own, as the list writes it.
					switch {
					case len(v) > 4 && (strings.HasPrefix(v, "al") || strings.HasPrefix(v, "el")):
						out = append(out, v[:2], v[2:])
					case len(v) > 3 && isVowel(v[0]) && v[1] == v[2] && !isVowel(v[1]):
						// The article assimilated to a sun letter: eddine, essid.
						out = append(out, v)
					default:
						out = append(out, st.article, v)
					}
					continue
				}
			}
			out = append(out, st.article, romanizeWord(key[len("ال"):], st, src))
			continue
		}
		out = append(out, romanizeWord(w, st, src))
	}
	return strings.Join(out, " ")
}

// romanizeWord romanises one Arabic word, from the lexicon when it knows it.
func romanizeWord(w string, st *style, src source) string {
	if src.lex != nil {
		if v := src.lex.lookup(arabicKey(w), src.lexRank); v != "" {
			return v
		}
	}
	if src.learnRank >= 0 {
		var sp []string
		if src.cache != nil {
			sp = src.cache[w]
		}
		if sp == nil {
			sp = cachedLearntSpellings(w)
			if src.cache != nil {
				src.cache[w] = sp
			}
		}
		if len(sp) > 0 {
			r := src.learnRank
			if r >= len(sp) {
				r = len(sp) - 1
			}
			return sp[r]
		}
	}
	return cleanASCII(romanizeArabicToken(src.lettersOf(w), st))
}

// learnCache keeps the letter model's spellings of the words seen, for all
// callers: name words recur (محمد, عبد, الله), and the model's beam search is
// most of the cost of romanising a name. It stops growing at
// maxLearnCache words; the spellings of a word never change.
var (
	learnCache     sync.Map // string -> []string
	learnCacheSize atomic.Int64
)

const maxLearnCache = 50000

func cachedLearntSpellings(w string) []string {
	if v, ok := learnCache.Load(w); ok {
		return v.([]string)
	}
	sp := learntSpellings(w, 4)
	if learnCacheSize.Load() < maxLearnCache {
		if _, loaded := learnCache.LoadOrStore(w, sp); !loaded {
			learnCacheSize.Add(1)
		}
	}
	return sp
}

// arabicKey is the lexicon key of an Arabic word: marks removed, alef and
// hamza forms unified, ى and ة kept (each letter as arabicKeyRune reads
// it). A word that is its own key (most are: names are seldom written
// with harakat) is returned as it is.
func arabicKey(w string) string {
	own := true
	for _, r := range w {
		if r == utf8.RuneError || arabicKeyRune(r) != r {
			own = false
			break
		}
	}
	if own {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		if k := arabicKeyRune(r); k >= 0 {
			b.WriteRune(k)
		}
	}
	return b.String()
}

// cyrillic transliteration (BGN/PCGN-like) and a French-like variant.
var cyrA = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e", 'ё': "e", 'є': "ye", 'ж': "zh", 'з': "z",
	'и': "i", 'і': "i", 'ї': "yi", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ў': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya", 'ә': "a", 'ғ': "gh", 'қ': "q", 'ң': "ng",
	'ө': "o", 'ұ': "u", 'ү': "u", 'һ': "h", 'ҳ': "h", 'ҷ': "j", 'ӣ': "i", 'ӯ': "u",
}

var cyrB = map[rune]string{'х': "h", 'ж': "j", 'у': "ou", 'ч': "tch", 'ш': "ch", 'ю': "iou", 'я': "ia", 'й': "i", 'ц': "tz", 'щ': "chtch", 'е': "e"}

func romanizeCyrillic(s string, alt bool) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if alt {
			if v, ok := cyrB[r]; ok {
				b.WriteString(v)
				continue
			}
		} else if r == 'е' && (i == 0 || strings.ContainsRune("аеёиоуыэюяьъ ", rs[i-1])) {
			b.WriteString("ye")
			continue
		}
		if v, ok := cyrA[r]; ok {
			b.WriteString(v)
		} else {
			b.WriteRune(r)
		}
	}
	return Fold(b.String())
}

// maxRomanizations bounds the spellings Romanize returns.
const maxRomanizations = 8

// Romanize returns Latin spellings of a name, best first, distinct, lower
// case, cleaned (as Clean) and ASCII — but for the letters of a script it
// has no romaniser for (Tamil, Khmer, ...) and the Latin letters Fold does
// not know, which are kept as they are. The first is a spelling a person
// would write (for an explanation shown to an officer), not a matching key.
//
// A name is romanised by runs of one script, each by its own romaniser, and
// the runs joined again: the i-th spelling of "محمد Ahmed" is the i-th
// spelling of محمد followed by "ahmed". Latin runs and runs of a script
// with no romaniser are Fold(Clean(run)). The romanisers:
//
//   - Arabic script: see romanizeArabicName — at most eight spellings from
//     the lexicon, the learnt letter model and the rule styles; Arabic-script
//     titles and honorifics (شيخ, الشيخ, حاج, الحاج, ملا, مولوي, مولانا,
//     أستاذ, استاد, قاري, مفتي, دكتور) are written in one Latin spelling that
//     ParseName takes for a title (sheikh, haji, mullah, maulavi, maulana,
//     ustad, qari, mufti, dr).
//   - Cyrillic: a BGN/PCGN-like and a French-like spelling.
//   - Greek: ELOT 743 and a phonetic spelling; Armenian: Eastern and
//     Western values; Georgian: the national system; Hebrew: two guesses of
//     the unwritten vowels; Devanagari: Hunterian, with and without the Hindi
//     deletion of the inherent a; Thai: RTGS, and without the h of aspirates;
//     Ethiopic: two readings of the sixth-order vowel.
//   - Hangul: the Revised Romanization with the usual spelling of the family
//     name, the North Korean system (a McCune–Reischauer variant), and variants.
//   - Han characters and kana: Mandarin (pinyin, Wade–Giles), Korean and
//     Japanese (Hepburn) readings; see romanizeCJK.
//
// A name with no letters gives nil.
func Romanize(s string) []string {
	if len(s) > 1024 {
		s = s[:1024]
	}
	if isASCII(s) {
		if c := cleanASCII(s); c != "" {
			return []string{c}
		}
		return nil
	}
	if IsLatin(s) {
		c := foldClean(s)
		if c == "" {
			return nil
		}
		if IsLatin(c) {
			return []string{c}
		}
		s = c // cleaning made letters of a script (U+0345 folds to ι)
	}
	s = norm.NFKC.String(s)
	runs := scriptRuns(s)
	if len(runs) == 1 {
		if runs[0].script == ScriptArabic {
			return romanizeArabicName(runs[0].text) // cleaned, distinct, at most eight
		}
		return finishForms(romanizeRun(runs[0], true))
	}
	per := make([][]string, 0, len(runs))
	n := 0
	for i, r := range runs {
		if v := romanizeRun(r, i == 0); len(v) > 0 {
			per = append(per, v)
			n = max(n, len(v))
		}
	}
	return finishForms(combineForms(per, n, " "))
}

// finishForms cleans and folds spellings and drops duplicates and empty ones.
func finishForms(forms []string) []string {
	var out []string
	for _, v := range forms {
		v = foldClean(v)
		if v == "" || contains(out, v) {
			continue
		}
		out = append(out, v)
		if len(out) == maxRomanizations {
			break
		}
	}
	return out
}

// scriptRun is a stretch of a name in one script. Han and kana make one run
// (Japanese mixes them); characters of no script (spaces, punctuation,
// marks, digits) belong to the run they are in.
type scriptRun struct {
	script Script
	text   string
}

func scriptRuns(s string) []scriptRun {
	var runs []scriptRun
	start := 0
	cur := Script(-1)
	for i, r := range s {
		sc, ok := scriptOf(r)
		if !ok {
			continue
		}
		if sc == ScriptKana {
			sc = ScriptHan
		}
		if cur == -1 {
			cur = sc
			continue
		}
		if sc != cur {
			runs = append(runs, scriptRun{script: cur, text: s[start:i]})
			start, cur = i, sc
		}
	}
	if cur == -1 {
		cur = ScriptOther
	}
	return append(runs, scriptRun{script: cur, text: s[start:]})
}

// romanizeRun romanises one run; first says it begins the name. A run that
// its romaniser cannot read (characters no table knows) is kept as written,
// folded and cleaned: a name is never left with nothing to compare.
func romanizeRun(r scriptRun, first bool) []string {
	if v := romanizeRunWith(r, first); len(v) > 0 {
		return v
	}
	if c := foldClean(r.text); c != "" {
		return []string{c}
	}
	return nil
}

// wordRomanizers are the romanisers of the alphabetic scripts, which read a
// run word by word whatever its place in the name.
var wordRomanizers = map[Script]func(string) []string{
	ScriptGreek: romanizeGreek, ScriptHebrew: romanizeHebrew, ScriptArmenian: romanizeArmenian,
	ScriptGeorgian: romanizeGeorgian, ScriptDevanagari: romanizeDevanagari, ScriptThai: romanizeThai,
	ScriptEthiopic: romanizeEthiopic,
}

func romanizeRunWith(r scriptRun, first bool) []string {
	switch r.script {
	case ScriptArabic:
		return romanizeArabicName(r.text)
	case ScriptCyrillic:
		lw := strings.ToLower(strings.Join(strings.FieldsFunc(r.text, notLetterOrMark), " "))
		return []string{romanizeCyrillic(lw, false), romanizeCyrillic(lw, true)}
	case ScriptHangul:
		return romanizeHangul(r.text, false, first)
	case ScriptHan, ScriptKana:
		return romanizeCJK(r.text, first)
	}
	if f, ok := wordRomanizers[r.script]; ok {
		return f(r.text)
	}
	if c := foldClean(r.text); c != "" {
		return []string{c}
	}
	return nil
}

// foldClean is Fold(Clean(s)) with the spaces made single again where Fold
// emptied a word ("ʔ 0" -> "0").
func foldClean(s string) string {
	c := Clean(s)
	if isASCII(c) {
		return c
	}
	f := Fold(c)
	if f == "" || f[0] == ' ' || f[len(f)-1] == ' ' || strings.Contains(f, "  ") {
		f = strings.Join(strings.Fields(f), " ")
	}
	return f
}

func notLetterOrMark(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) }

// arabicTitles maps the arabicKey of Arabic-script titles and honorifics to
// the Latin spelling ParseName takes for a title.
var arabicTitles = map[string]string{
	"شيخ": "sheikh", "الشيخ": "sheikh", "حاج": "haji", "الحاج": "haji", "حاجي": "haji", "ملا": "mullah",
	"الملا": "mullah", "مولوي": "maulavi", "مولوى": "maulavi", "مولانا": "maulana", "استاذ": "ustad", "استاد": "ustad",
	"الاستاذ": "ustad", "قاري": "qari", "القاري": "qari", "مفتي": "mufti", "المفتي": "mufti", "دكتور": "dr",
	"الدكتور": "dr", "مهندس": "engineer", "المهندس": "engineer",
}

// romanizeArabicName writes an Arabic-script name: at most eight whole-name
// spellings, in this order: (1) each word's commonest spelling in the
// embedded lexicon of frequent words, else the best spelling of the letter
// model; (1a) for a name written with Persian, Pashto or Urdu letters, the
// rules in the Afghan/Iranian/Pakistani manner (ض ذ ظ as z, ث as s, final ه
// as a, Abdul); (2) the lexicon's and the model's second choices; (3) the
// letter model alone; (4) the rules in the UN list's and ALA-LC's manner
// (Abd al-Rahman, q, j, sh, kh, dh, u, i, final a); (5) the French manner
// (Abdel, Ben, Abou, dj, ch, ou, k, e); (6, 7) two readings for foreign names
// in Arabic script (g for ج and غ, o or u for و, vowels only where written);
// (8) the Egyptian and Gulf English manner (Abdel, k, ou, ee, final ah) with
// the lexicon's third choices. Duplicates are dropped. The lexicon and the
// letter model (each Arabic letter in the context of its neighbours, with
// the Latin strings it aligns to) are learnt from the training splits of
// public transliteration sets (see TestGenerateTables). The rules supply
// unwritten short vowels by syllable: a vowel after a word-initial
// consonant, and before the last consonant of a run of three or of a final
// run of two (CaCaC). Particles (بن ابن بنت ولد ابو ام) and Abd/Allah
// compounds have fixed spellings. The article ال is written as a word of its
// own (al or el), which ParseName removes.
func romanizeArabicName(s string) []string {
	// Split into words on anything that is neither a letter nor a mark.
	words := strings.FieldsFunc(s, func(r rune) bool {
		return !(r >= 0x0600 && r <= 0x06FF && r != 0x060C && r != 0x061B && r != 0x061F && r != 0x066A && r != 0x066B && r != 0x066C && r != 0x06D4 ||
			r >= 0x0750 && r <= 0x077F || r == 0x200C || r == 0x200D || unicodeLetterOrDigit(r))
	})
	// Titles and honorifics: one fixed spelling that ParseName recognises.
	for i, w := range words {
		if t, ok := arabicTitles[arabicKey(w)]; ok && len(words) > 1 {
			words[i] = t
		}
	}
	var out []string
	add := func(v string) {
		v = Fold(Clean(v))
		if v == "" {
			return
		}
		for _, o := range out {
			if o == v {
				return
			}
		}
		if len(out) < maxRomanizations {
			out = append(out, v)
		}
	}
	lex := defaultLexicon()
	cache := map[string][]string{}
	ws := arabicWords(words)
	letters := new([]wordLetters)
	add(romanizeArabicWith(words, &styles[0], source{lex: lex, lexRank: 0, learnRank: 0, cache: cache, words: ws, letters: letters}))
	if hasPersianLetters(s) {
		add(romanizeArabicWith(words, &persianStyle, source{learnRank: -1, words: ws, letters: letters}))
	}
	add(romanizeArabicWith(words, &styles[0], source{lex: lex, lexRank: 1, learnRank: 1, cache: cache, words: ws, letters: letters}))
	add(romanizeArabicWith(words, &styles[0], source{learnRank: 0, cache: cache, words: ws, letters: letters}))
	add(romanizeArabicWith(words, &styles[0], source{learnRank: -1, words: ws, letters: letters}))
	add(romanizeArabicWith(words, &styles[2], source{learnRank: -1, words: ws, letters: letters}))
	add(romanizeArabicWith(words, &styles[3], source{learnRank: -1, words: ws, letters: letters}))
	add(romanizeArabicWith(words, &styles[4], source{learnRank: -1, words: ws, letters: letters}))
	add(romanizeArabicWith(words, &styles[1], source{lex: lex, lexRank: 2, learnRank: 2, cache: cache, words: ws, letters: letters}))
	add(romanizeArabicWith(words, &styles[1], source{learnRank: -1, words: ws, letters: letters}))
	return out
}
