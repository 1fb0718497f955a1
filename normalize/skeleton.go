package normalize

import "github.com/antzucaro/matchr"

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// stripCompound removes the article inside a joined Abd/Abu compound so that
// "abdalrahman", "abdulrahman", "abderrahmane", "abdurrahman" and "abdrahman"
// share a skeleton, as do "abualhasan", "abulhasan" and "abuhasan". It returns
// the prefix ("abd" or "abu") and what follows the article.
func stripCompound(s string) (prefix, rest string) {
	switch {
	case len(s) > 5 && s[:3] == "abd":
		prefix, rest = "abd", s[3:]
	case len(s) > 5 && s[:3] == "abu", len(s) > 5 && s[:3] == "abo":
		prefix, rest = "abu", s[3:]
		if rest[0] == 'u' { // abou
			rest = rest[1:]
		}
	default:
		return "", s
	}
	i := 0
	for i < len(rest) && isVowel(rest[i]) {
		i++
	}
	switch {
	case i < len(rest)-1 && rest[i] == 'l':
		return prefix, rest[i+1:]
	case prefix == "abd" && i > 0 && i+2 < len(rest) && rest[i] == rest[i+1] && !isVowel(rest[i]):
		return prefix, rest[i+1:]
	}
	return prefix, rest
}

// dinArticles are the endings of a joined "X al-Din" whose article the
// skeleton drops, so that "salahaldin" = "salahuddin" = "salah al din".
var dinArticles = []string{"aldin", "eldin", "uldin", "oldin", "ildin", "aldeen", "eldeen", "uldeen", "aldine", "eldine"}

// cutDinArticle returns s without a final al-Din ending, when it has one
// after at least three letters.
func cutDinArticle(s string) (string, bool) {
	if len(s) < 8 || s[len(s)-1] != 'n' && s[len(s)-1] != 'e' {
		return "", false
	}
	for _, d := range dinArticles {
		if len(s) >= len(d)+3 && s[len(s)-len(d):] == d {
			return s[:len(s)-len(d)], true
		}
	}
	return "", false
}

// Skeleton returns the spelling-family key of one ASCII-folded, lower-case
// name token: a consonant skeleton in which the letters that romanisations of
// one Arabic (or Cyrillic) letter vary between fall together. Vowels, and w
// and y inside a word, are dropped; doubled letters count once; a final h
// after a vowel is dropped (Fatimah = Fatima); and
//
//	q k g gh c(+a,o,u) ck -> k    kh -> h    t d th dh -> d    j dj zh -> j
//	s z c(+e,i,y) sh ch sch -> s  ph v f -> f    p -> b    x -> ks
//
// with t before s, z, c, ch or sh dropped (tch = ch, ts = s), the article of
// a joined Abd/Abu compound removed (abdulrahman = abderrahmane = abdrahman;
// abulhasan = abuhasan) and that of a joined al-Din (salahaldin =
// salahuddin). So "muhammad", "mohammed", "mohamed" and "muhamad" all give
// "mhmd"; "husayn", "hussein", "houcein" and "husain" give "hsn" (as do
// "hassan" and "hasan": the skeleton is a recall key, not a verdict);
// "qadhafi", "gaddafi" and "kadhafi" give "kdf". Non-letters are ignored. A
// token with no consonant gives its first letter; an empty one gives "".
func Skeleton(token string) string {
	var buf [48]byte
	out := buf[:0]
	prefix, s := stripCompound(token)
	if prefix != "" {
		out = append(out, 'b', 'd')
		if prefix == "abu" {
			out = out[:1]
			out = append(out, 'b')
		}
		out = skeletonAppend(out, s, false)
	} else if base, ok := cutDinArticle(s); ok {
		out = skeletonAppend(out, base, true)
		out = skeletonAppend(out, "din", false)
	} else {
		out = skeletonAppend(out, s, true)
	}
	if len(out) == 0 {
		for i := 0; i < len(token); i++ {
			if c := token[i]; c >= 'a' && c <= 'z' {
				return token[i : i+1]
			}
		}
		return ""
	}
	return string(out)
}

// skeletonAppend appends the skeleton of s to out; initial says whether s
// begins a word (so that an initial w or y counts as a consonant).
func skeletonAppend(out []byte, s string, initial bool) []byte {
	last := byte(0) // class of the last consonant written with no vowel since
	if len(out) > 0 {
		last = out[len(out)-1]
	}
	n := len(s)
	at := func(i int) byte {
		if i < n {
			return s[i]
		}
		return 0
	}
	start := true
	for i := 0; i < n; i++ {
		c := s[i]
		if c < 'a' || c > 'z' {
			continue
		}
		var k byte
		next := at(i + 1)
		switch c {
		case 'a', 'e', 'i', 'o', 'u':
			last = 0
			start = false
			continue
		case 'w', 'y':
			if initial && start && isVowel(next) {
				k = c
			} else {
				last = 0
				start = false
				continue
			}
		case 'h':
			if i == n-1 && i > 0 && isVowel(s[i-1]) {
				continue
			}
			k = 'h'
		case 'k':
			if next == 'h' {
				i++
				k = 'h'
			} else {
				k = 'k'
			}
		case 'g':
			if next == 'h' {
				i++
			}
			k = 'k'
		case 'q':
			k = 'k'
		case 'c':
			switch {
			case next == 'h':
				i++
				k = 's'
			case next == 'k':
				i++
				k = 'k'
			case next == 'e' || next == 'i' || next == 'y':
				k = 's'
			default:
				k = 'k'
			}
		case 's':
			switch {
			case next == 'h':
				i++
				k = 's'
			case next == 'c' && at(i+2) == 'h':
				i += 2
				k = 's'
			default:
				k = 's'
			}
		case 't', 'd':
			// tch, tsh, ts, tz: the t is part of the affricate.
			if c == 't' && (next == 's' || next == 'z' || next == 'c' && at(i+2) != 'k') {
				continue
			}
			switch {
			case next == 'h':
				i++
			case c == 'd' && next == 'j':
				i++
				k = 'j'
			}
			if k == 0 {
				k = 'd'
			}
		case 'p':
			if next == 'h' {
				i++
				k = 'f'
			} else {
				k = 'b'
			}
		case 'v', 'f':
			k = 'f'
		case 'x':
			if last != 'k' {
				out = append(out, 'k')
			}
			last = 'k'
			k = 's'
		case 'z':
			if next == 'h' {
				i++
				k = 'j'
			} else {
				k = 's'
			}
		default:
			k = c
		}
		start = false
		if k == last {
			continue
		}
		out = append(out, k)
		last = k
	}
	return out
}

// Phonetic returns the phonetic keys of one ASCII-folded token: the primary
// and secondary Double Metaphone codes and the NYSIIS code (from
// github.com/antzucaro/matchr).
func Phonetic(token string) (dm1, dm2, nysiis string) {
	if token == "" {
		return "", "", ""
	}
	dm1, dm2 = Sounds(token)
	return dm1, dm2, matchr.NYSIIS(token)
}

// Sounds returns the primary and secondary Double Metaphone codes of one
// ASCII-folded token, as Phonetic does, without the NYSIIS code that
// Phonetic computes as well.
func Sounds(token string) (dm1, dm2 string) {
	if token == "" {
		return "", ""
	}
	return matchr.DoubleMetaphone(token)
}

// AltSpelling returns token respelled from the conventions of other
// transliteration systems into the English ones Skeleton is made for, or ""
// when the respelling has the same skeleton key: German, Dutch and Polish
// romanisations of Russian and other Slavic names write w for v, j for y and
// ch for kh (Sawelow, Fjodorow, Michajlowa for Savelov, Fyodorov,
// Mikhaylova: the systems agree on the sounds, not the letters); Persian,
// Urdu and Turkish readings of the Arabic letters thā' and dhāl write s and
// z where Arabic ones write th and dh (Usman, Osman for Uthman; Zakir for
// Dhakir); French romanisations of Arabic and Berber names write ou for an
// initial wāw before a vowel (Oualid, Ouazzani, Ouahbi for Walid, Wazzani,
// Wahbi).
// Skeleton of both spellings reaches a name written either way; neither key
// alone is a verdict.
func AltSpelling(token string) string {
	if len(token) > 46 {
		return ""
	}
	if len(token) >= 5 && token[0] == 'o' && token[1] == 'u' && isVowel(token[2]) {
		// A French spelling, whose other letters are not German ones. (Before
		// a consonant, ou is as often the vowel u: Oussama, Oukacha.)
		if alt := "w" + token[1:]; Skeleton(alt) != Skeleton(token) {
			return alt
		}
		return ""
	}
	var buf [48]byte
	out := buf[:0]
	changed := false
	for i := 0; i < len(token); i++ {
		c := token[i]
		var prev, next byte
		if i > 0 {
			prev = token[i-1]
		}
		if i+1 < len(token) {
			next = token[i+1]
		}
		switch {
		case c == 'w':
			out, changed = append(out, 'v'), true
		case c == 'j' && prev != 'd':
			out, changed = append(out, 'y'), true
		case c == 'c' && next == 'h' && prev != 's' && prev != 't':
			out, changed = append(out, 'k', 'h'), true
			i++
		case (c == 't' || c == 'd') && next == 'h' && prev != 's' && prev != 'c':
			if c == 't' {
				out = append(out, 's')
			} else {
				out = append(out, 'z')
			}
			changed = true
			i++
		default:
			out = append(out, c)
		}
	}
	if !changed {
		return ""
	}
	alt := string(out)
	if Skeleton(alt) == Skeleton(token) {
		return ""
	}
	return alt
}
