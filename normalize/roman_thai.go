package normalize

import "strings"

// Thai to Latin by the Royal Thai General System of Transcription (RTGS,
// Royal Institute of Thailand, 1999): consonants have an initial and a final
// value (ช ch/t, ร r/n, ล l/n, บ b/p), tone marks are not written, vowels
// written before their consonant (เ แ โ ใ ไ) are read after it, ์
// (thanthakhat) silences the letters it marks, and a syllable with no
// written vowel has o when a final consonant closes it (สม som) and a
// otherwise (สบาย sabai). Syllables are found by the written vowels and the
// usual initial clusters; a second reading writes the aspirated consonants
// without h (ph p, th t, kh k) and ว as v, as many Thai passports spell names.

type thaiCons struct{ initial, final string }

var thaiConsonants = map[rune]thaiCons{
	'ก': {"k", "k"}, 'ข': {"kh", "k"}, 'ฃ': {"kh", "k"}, 'ค': {"kh", "k"}, 'ฅ': {"kh", "k"}, 'ฆ': {"kh", "k"},
	'ง': {"ng", "ng"}, 'จ': {"ch", "t"}, 'ฉ': {"ch", "t"}, 'ช': {"ch", "t"}, 'ซ': {"s", "t"}, 'ฌ': {"ch", "t"},
	'ญ': {"y", "n"}, 'ฎ': {"d", "t"}, 'ฏ': {"t", "t"}, 'ฐ': {"th", "t"}, 'ฑ': {"th", "t"}, 'ฒ': {"th", "t"},
	'ณ': {"n", "n"}, 'ด': {"d", "t"}, 'ต': {"t", "t"}, 'ถ': {"th", "t"}, 'ท': {"th", "t"}, 'ธ': {"th", "t"},
	'น': {"n", "n"}, 'บ': {"b", "p"}, 'ป': {"p", "p"}, 'ผ': {"ph", "p"}, 'ฝ': {"f", "p"}, 'พ': {"ph", "p"},
	'ฟ': {"f", "p"}, 'ภ': {"ph", "p"}, 'ม': {"m", "m"}, 'ย': {"y", "i"}, 'ร': {"r", "n"}, 'ล': {"l", "n"},
	'ว': {"w", "o"}, 'ศ': {"s", "t"}, 'ษ': {"s", "t"}, 'ส': {"s", "t"}, 'ห': {"h", ""}, 'ฬ': {"l", "n"},
	'อ': {"", ""}, 'ฮ': {"h", ""}, 'ฤ': {"rue", ""}, 'ฦ': {"lue", ""},
}

const (
	thaiLead   = "เแโใไ"
	thaiTones  = "\u0E48\u0E49\u0E4A\u0E4B" // ่ ้ ๊ ๋
	thaiSilent = '\u0E4C'                   // ์
	thaiLowSon = "งญนมยรลว"                 // silent ห before these
)

// thaiVowelSign reports whether r is a vowel written after, above or below
// its consonant.
func thaiVowelSign(r rune) bool {
	return r == 'ะ' || r == 'ั' || r == 'า' || r == 'ำ' || r >= 'ิ' && r <= 'ู' || r == '็'
}

func isThaiCons(r rune) bool {
	_, ok := thaiConsonants[r]
	return ok && r != 'ฤ' && r != 'ฦ'
}

var thaiClusters = map[string]bool{
	"กร": true, "กล": true, "กว": true, "ขร": true, "ขล": true, "ขว": true, "คร": true, "คล": true, "คว": true,
	"ตร": true, "ปร": true, "ปล": true, "พร": true, "พล": true, "ผล": true, "บร": true, "บล": true, "ดร": true,
	"ฟร": true, "ฟล": true, "ทร": true,
}

func romanizeThaiWord(w string, plain bool) string {
	var rs []rune
	for _, r := range w {
		if !strings.ContainsRune(thaiTones, r) {
			rs = append(rs, r)
		}
	}
	// ์ silences the letter before it (with its vowel sign), and a
	// consonant left before that with no vowel of its own (จันทร์ chan).
	var clean []rune
	for i := 0; i < len(rs); i++ {
		if rs[i] == thaiSilent {
			// drop the marked letter and its vowel sign
			for len(clean) > 0 && thaiVowelSign(clean[len(clean)-1]) {
				clean = clean[:len(clean)-1]
			}
			if len(clean) > 0 {
				clean = clean[:len(clean)-1]
			}
			// a dangling consonant after a closed syllable goes too
			if k := len(clean); k >= 3 && isThaiCons(clean[k-1]) && isThaiCons(clean[k-2]) && thaiVowelSign(clean[k-3]) {
				clean = clean[:k-1]
			}
			continue
		}
		clean = append(clean, rs[i])
	}
	rs = clean
	n := len(rs)
	at := func(i int) rune {
		if i >= 0 && i < n {
			return rs[i]
		}
		return 0
	}
	cons := func(r rune, final bool) string {
		c := thaiConsonants[r]
		v := c.initial
		if final {
			v = c.final
		}
		if plain {
			switch v {
			case "ph":
				v = "p"
			case "th":
				v = "t"
			case "kh":
				v = "k"
			case "w":
				v = "v"
			}
		}
		return v
	}
	var b strings.Builder
	i := 0
	closed := false // the last syllable ended with a final consonant
	for i < n {
		// A lone consonant at the end after a closed syllable is silent
		// (วัตร wat, ลักษณ์ lak).
		if i == n-1 && closed && isThaiCons(at(i)) {
			break
		}
		closed = false
		lead := rune(0)
		if strings.ContainsRune(thaiLead, at(i)) {
			lead = at(i)
			i++
		}
		c := at(i)
		if c == 'ฤ' || c == 'ฦ' {
			b.WriteString(thaiConsonants[c].initial)
			i++
			continue
		}
		if !isThaiCons(c) {
			if c == 'ๆ' || c == 'ฯ' || c == 0 {
				i++
				continue
			}
			if thaiVowelSign(c) || c == 'ำ' {
				i++ // a stray vowel sign
				continue
			}
			b.WriteRune(c)
			i++
			continue
		}
		i++
		initial := cons(c, false)
		// Silent ห before a low sonorant, silent อ before ย.
		if (c == 'ห' && strings.ContainsRune(thaiLowSon, at(i)) || c == 'อ' && at(i) == 'ย') && (lead != 0 || thaiVowelSign(at(i+1)) || at(i+1) == 'อ' || at(i+1) == 'ว' || isThaiCons(at(i+1))) {
			c = at(i)
			initial = cons(c, false)
			i++
		}
		// An initial cluster, when a vowel follows it or a leading vowel precedes it.
		if isThaiCons(at(i)) && thaiClusters[string([]rune{c, at(i)})] && (lead != 0 || thaiVowelSign(at(i+1)) || at(i+1) == 'อ' && i+2 < n) {
			second := at(i)
			if c == 'ท' && second == 'ร' || c == 'ซ' {
				initial = "s" // ทร is s (ทราย sai)
			} else {
				initial += cons(second, false)
			}
			i++
		}
		b.WriteString(initial)
		// The vowel.
		vowel := ""
		closedByVowel := false // the vowel itself ends the syllable (no final may follow)
		switch lead {
		case 'เ':
			switch {
			case at(i) == 'า' && at(i+1) == 'ะ':
				vowel, i = "o", i+2
				closedByVowel = true
			case at(i) == 'า':
				vowel, i = "ao", i+1
				closedByVowel = true
			case at(i) == 'ี' && at(i+1) == 'ย':
				vowel, i = "ia", i+2
			case at(i) == 'ื' && at(i+1) == 'อ':
				vowel, i = "uea", i+2
			case at(i) == 'ิ':
				vowel, i = "oe", i+1
			case at(i) == 'อ':
				vowel, i = "oe", i+1
			case at(i) == 'ะ':
				vowel, i = "e", i+1
				closedByVowel = true
			case at(i) == '็':
				vowel, i = "e", i+1
			default:
				vowel = "e"
			}
		case 'แ':
			vowel = "ae"
			if at(i) == 'ะ' || at(i) == '็' {
				i++
			}
		case 'โ':
			vowel = "o"
			if at(i) == 'ะ' {
				i++
			}
		case 'ใ', 'ไ':
			vowel = "ai"
			closedByVowel = true
			if at(i) == 'ย' && (i+1 >= n) {
				i++ // ไทย: the ย is silent
			}
		default:
			switch r := at(i); {
			case r == 'ั' && at(i+1) == 'ว':
				vowel, i = "ua", i+2
			case r == 'ั':
				vowel, i = "a", i+1
			case r == 'ะ' || r == 'า':
				vowel, i = "a", i+1
				closedByVowel = r == 'ะ'
			case r == 'ำ':
				vowel, i = "am", i+1
				closedByVowel = true
			case r == 'ิ' || r == 'ี':
				vowel, i = "i", i+1
			case r == 'ึ' || r == 'ื':
				vowel, i = "ue", i+1
				if at(i) == 'อ' {
					i++
				}
			case r == 'ุ' || r == 'ู':
				vowel, i = "u", i+1
			case r == '็' && at(i+1) == 'อ':
				vowel, i = "o", i+2
			case r == 'อ' && i+1 < n && !thaiVowelSign(at(i+1)) || r == 'อ' && i+1 == n:
				vowel, i = "o", i+1
			case r == 'ร' && at(i+1) == 'ร':
				// รร: an before a final, a + n at the end.
				vowel, i = "a", i+2
				if !isThaiCons(at(i)) || thaiVowelSign(at(i+1)) || strings.ContainsRune(thaiLead, at(i+1)) {
					vowel = "an"
				}
			case r == 'ว' && isThaiCons(at(i+1)) && !thaiVowelSign(at(i+2)) && !(at(i+1) == 'อ'):
				vowel, i = "ua", i+1
			default:
				// No written vowel: o if a final consonant closes the syllable,
				// a otherwise.
				if isThaiCons(r) && (i+1 >= n || !thaiVowelSign(at(i+1)) && at(i+1) != 'อ' && !(at(i+1) == 'ว' && isThaiCons(at(i+2)))) && r != 'อ' {
					vowel = "o"
				} else {
					vowel = "a"
				}
			}
		}
		b.WriteString(vowel)
		if closedByVowel {
			continue
		}
		// A final consonant: one not followed by a vowel sign of its own.
		if f := at(i); isThaiCons(f) && f != 'อ' && !thaiVowelSign(at(i+1)) && !(at(i+1) == 'อ' && i+2 <= n && f != 'ว') && !(at(i+1) == 'ว' && isThaiCons(at(i+2)) && i+2 < n) {
			fv := cons(f, true)
			if f == 'ย' && (strings.HasSuffix(vowel, "i") || vowel == "ai") {
				fv = ""
			}
			if f == 'ว' && (vowel == "a" || vowel == "e" || vowel == "ae" || vowel == "ia") {
				fv = "o"
			}
			b.WriteString(fv)
			closed = fv != ""
			i++
		}
	}
	return b.String()
}

func romanizeThai(seg string) []string {
	return byWord(seg, func(w string) []string {
		return []string{romanizeThaiWord(w, false), romanizeThaiWord(w, true)}
	})
}
