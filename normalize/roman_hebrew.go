package normalize

import "strings"

// Hebrew to Latin. The consonants follow the simplified romanisation of the
// Academy of the Hebrew Language (2006), as Israeli passports write names:
// ב b/v, כ k/kh, פ p/f (with or without dagesh), ח kh, צ ts, ש sh, ג׳ j,
// ז׳ zh, צ׳ ch. Vowel points (niqqud) are read when written; unpointed text,
// the usual case, does not write most vowels, so the spellings guess them:
// ו and י between consonants are read o and i, an unwritten vowel is
// supplied between two consonants, and a final ה after a consonant is a
// vowel. Two readings are returned: (1) ו o, supplied vowel e, final ה e
// (Moshe, Meir); (2) ו v, supplied vowel a, final ה a (David, Sarah).

type hebLetter struct {
	r      rune
	vowel  string // a written vowel point
	dagesh bool
	geresh bool
	sin    bool // ש with the sin dot
}

func hebrewLetters(w string) []hebLetter {
	var ls []hebLetter
	last := func() *hebLetter {
		if len(ls) == 0 {
			return &hebLetter{}
		}
		return &ls[len(ls)-1]
	}
	for _, r := range w {
		switch {
		case r == 0x05B7 || r == 0x05B8 || r == 0x05B2 || r == 0x05B3 && false:
			last().vowel = "a"
		case r == 0x05B6 || r == 0x05B5 || r == 0x05B1:
			last().vowel = "e"
		case r == 0x05B4:
			last().vowel = "i"
		case r == 0x05B9 || r == 0x05BA || r == 0x05B3:
			last().vowel = "o"
		case r == 0x05BB:
			last().vowel = "u"
		case r == 0x05B0: // sheva: mostly silent
			last().vowel = "-"
		case r == 0x05BC:
			last().dagesh = true
		case r == 0x05C2:
			last().sin = true
		case r == 0x05F3 || r == '\'' || r == 0x2019:
			last().geresh = true
		case r >= 0x05D0 && r <= 0x05EA:
			ls = append(ls, hebLetter{r: r})
		case r == 0x05F0: // וו
			ls = append(ls, hebLetter{r: 'ו'}, hebLetter{r: 'ו'})
		case r == 0x05F1:
			ls = append(ls, hebLetter{r: 'ו'}, hebLetter{r: 'י'})
		case r == 0x05F2:
			ls = append(ls, hebLetter{r: 'י'}, hebLetter{r: 'י'})
		}
	}
	return ls
}

var hebCons = map[rune]string{
	'ב': "v", 'ג': "g", 'ד': "d", 'ה': "h", 'ז': "z", 'ח': "kh", 'ט': "t", 'כ': "kh", 'ך': "kh", 'ל': "l",
	'מ': "m", 'ם': "m", 'נ': "n", 'ן': "n", 'ס': "s", 'פ': "f", 'ף': "f", 'צ': "ts", 'ץ': "ts", 'ק': "k",
	'ר': "r", 'ש': "sh", 'ת': "t",
}

func romanizeHebrewWord(w string, style int) string {
	ls := hebrewLetters(w)
	n := len(ls)
	pointed := false
	for _, l := range ls {
		if l.vowel != "" {
			pointed = true
		}
	}
	supply, finalH := "e", "e"
	if style == 1 {
		supply, finalH = "a", "a"
	}
	isCons := func(i int) bool {
		if i < 0 || i >= n {
			return false
		}
		switch ls[i].r {
		case 'א', 'ע':
			return false
		}
		return true
	}
	var b strings.Builder
	vowelAfter := make([]bool, n) // the letter at i is followed by a vowel sound
	for i := 0; i < n; i++ {
		l := ls[i]
		r := l.r
		var out string
		isVowel := false
		switch {
		case r == 'א' || r == 'ע':
			// A vowel carrier: a at the start or between consonants.
			if l.vowel != "" && l.vowel != "-" {
				out = l.vowel
			} else if i+1 < n && (ls[i+1].r == 'ו' || ls[i+1].r == 'י') && i == 0 {
				out = "" // the vowel is the next letter's (Uri, Ilan)
			} else if i == n-1 {
				out = ""
				if i > 0 && !vowelAfter[i-1] {
					out = "a"
				}
			} else {
				out = "a"
			}
			isVowel = out != ""
		case r == 'ו':
			switch {
			case i+1 < n && ls[i+1].r == 'ו':
				out = "v"
				i++
			case l.vowel == "o" || l.dagesh && l.vowel == "" && i > 0:
				if l.vowel == "o" {
					out, isVowel = "o", true
				} else {
					out, isVowel = "u", true
				}
			case i == 0:
				out = "v"
			case !pointed && i > 0 && isCons(i-1) && !vowelAfter[i-1] && (i == n-1 || isCons(i+1) || ls[i+1].r == 'ה' && i+1 == n-1):
				if style == 1 && i < n-1 {
					out = "v"
				} else {
					out, isVowel = "o", true
				}
			default:
				out = "v"
			}
		case r == 'י':
			switch {
			case i+1 < n && ls[i+1].r == 'י':
				out = "y"
				i++
			case i == 0:
				out = "y"
			case l.vowel == "" && i > 0 && !vowelAfter[i-1] && isCons(i-1) || i == n-1 && i > 0 && vowelAfter[i-1] == false:
				out, isVowel = "i", true
			case i > 0 && vowelAfter[i-1] && i == n-1:
				out, isVowel = "i", true // diphthong: Yishai, Hai
			default:
				out = "y"
			}
		case r == 'ה' && i == n-1 && i > 0:
			if ls[i-1].vowel != "" && ls[i-1].vowel != "-" || vowelAfter[i-1] {
				out = "" // a silent mater lectionis after a vowel
			} else {
				out, isVowel = finalH, true
			}
		default:
			c := hebCons[r]
			switch r {
			case 'ב':
				if l.dagesh || i == 0 {
					c = "b"
				}
			case 'כ':
				if l.dagesh || i == 0 {
					c = "k"
				}
			case 'פ':
				if l.dagesh || i == 0 {
					c = "p"
				}
			case 'ש':
				if l.sin {
					c = "s"
				}
			}
			if l.geresh {
				switch r {
				case 'ג':
					c = "j"
				case 'ז':
					c = "zh"
				case 'צ', 'ץ':
					c = "ch"
				}
			}
			out = c
		}
		b.WriteString(out)
		if isVowel {
			if i > 0 {
				vowelAfter[i-1] = true
			}
			vowelAfter[i] = true
			continue
		}
		// A written vowel point, or a supplied vowel before the next consonant.
		switch {
		case l.vowel != "" && l.vowel != "-" && r != 'א' && r != 'ע':
			b.WriteString(l.vowel)
			vowelAfter[i] = true
		case !pointed && out != "" && isCons(i) && i+1 < n && needsSupply(ls, i, style):
			b.WriteString(supply)
			vowelAfter[i] = true
		}
	}
	return b.String()
}

// needsSupply reports whether the consonant at i of unpointed text needs a
// supplied vowel: the next letter is a consonant that is not itself read as
// a vowel, and not the final consonant of a cluster at the end of a word.
func needsSupply(ls []hebLetter, i, style int) bool {
	n := len(ls)
	next := ls[i+1].r
	switch next {
	case 'א', 'ע':
		return false
	case 'ו', 'י':
		// ו/י after a consonant and before a consonant or the end is a vowel
		// (in the second reading a medial ו is v).
		if next == 'ו' && style == 1 && i+2 < n {
			return true
		}
		if i+2 >= n {
			return false
		}
		switch ls[i+2].r {
		case 'א', 'ע', 'ו', 'י':
			return true
		}
		return false
	case 'ה':
		return i+1 != n-1
	}
	return true
}

func romanizeHebrew(seg string) []string {
	return byWord(seg, func(w string) []string {
		return []string{romanizeHebrewWord(w, 0), romanizeHebrewWord(w, 1)}
	})
}
