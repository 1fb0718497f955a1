package normalize

import "strings"

// Kana to Latin in modified Hepburn, the romanisation of Japanese passports:
// し shi, ち chi, つ tsu, ふ fu, じ ぢ ji, ず づ zu, small っ doubles the next
// consonant (tch before ch), ん n. Long vowels are written three ways, the
// spellings Japanese names take: (1) Hepburn without macrons, the long vowel
// written once (おう ō o: Satō Sato, Tarō Taro, ゆうこ Yuko); (2) as written
// in kana (Satou, Tarou, Yuuko: "wāpuro" spelling); (3) the passport long o
// "oh" at the end of a word (Satoh, Taroh). ー lengthens the vowel before it.

var kanaBase = map[rune]string{
	'あ': "a", 'い': "i", 'う': "u", 'え': "e", 'お': "o",
	'か': "ka", 'き': "ki", 'く': "ku", 'け': "ke", 'こ': "ko", 'が': "ga", 'ぎ': "gi", 'ぐ': "gu", 'げ': "ge", 'ご': "go",
	'さ': "sa", 'し': "shi", 'す': "su", 'せ': "se", 'そ': "so", 'ざ': "za", 'じ': "ji", 'ず': "zu", 'ぜ': "ze", 'ぞ': "zo",
	'た': "ta", 'ち': "chi", 'つ': "tsu", 'て': "te", 'と': "to", 'だ': "da", 'ぢ': "ji", 'づ': "zu", 'で': "de", 'ど': "do",
	'な': "na", 'に': "ni", 'ぬ': "nu", 'ね': "ne", 'の': "no",
	'は': "ha", 'ひ': "hi", 'ふ': "fu", 'へ': "he", 'ほ': "ho", 'ば': "ba", 'び': "bi", 'ぶ': "bu", 'べ': "be", 'ぼ': "bo",
	'ぱ': "pa", 'ぴ': "pi", 'ぷ': "pu", 'ぺ': "pe", 'ぽ': "po",
	'ま': "ma", 'み': "mi", 'む': "mu", 'め': "me", 'も': "mo",
	'や': "ya", 'ゆ': "yu", 'よ': "yo", 'ら': "ra", 'り': "ri", 'る': "ru", 'れ': "re", 'ろ': "ro",
	'わ': "wa", 'ゐ': "i", 'ゑ': "e", 'を': "o", 'ん': "n", 'ゔ': "vu",
	'ぁ': "a", 'ぃ': "i", 'ぅ': "u", 'ぇ': "e", 'ぉ': "o", 'ゃ': "ya", 'ゅ': "yu", 'ょ': "yo", 'ゎ': "wa",
}

// toHiragana maps katakana to hiragana (ヴ to ゔ); other runes are kept.
func toHiragana(r rune) rune {
	if r >= 0x30A1 && r <= 0x30F6 {
		return r - 0x60
	}
	return r
}

// kanaSyllables reads kana into Hepburn syllables (with their long-vowel
// marks kept as "-").
func kanaSyllables(w string) []string {
	rs := []rune(w)
	var out []string
	for i := 0; i < len(rs); i++ {
		r := toHiragana(rs[i])
		if r == 'ー' {
			out = append(out, "-")
			continue
		}
		if r == 'っ' {
			out = append(out, "*")
			continue
		}
		s, ok := kanaBase[r]
		if !ok {
			continue
		}
		if i+1 < len(rs) {
			switch n := toHiragana(rs[i+1]); n {
			case 'ゃ', 'ゅ', 'ょ':
				y := kanaBase[n] // ya yu yo
				switch {
				case strings.HasSuffix(s, "i") && (strings.HasPrefix(s, "sh") || strings.HasPrefix(s, "ch") || s == "ji"):
					s = s[:len(s)-1] + y[1:]
				case strings.HasSuffix(s, "i"):
					s = s[:len(s)-1] + y
				}
				i++
			case 'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ':
				// Foreign sounds: ファ fa, ティ ti, ウィ wi, ジェ je, シェ she, チェ che.
				v := kanaBase[n]
				switch {
				case s == "fu" || s == "vu":
					s = s[:1] + v
				case s == "te" || s == "de":
					s = s[:1] + v
				case s == "u":
					s = "w" + v
				case s == "shi" || s == "chi" || s == "ji":
					s = s[:len(s)-1] + v
				case s == "tsu":
					s = "ts" + v
				default:
					s = s[:len(s)-1] + v
				}
				i++
			}
		}
		out = append(out, s)
	}
	return out
}

const (
	longOnce = iota // Hepburn without macrons
	longKana        // as written
	longOh          // passport "oh" at the end
)

func isVowelByte(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

// writeKana joins Hepburn syllables in one of the long-vowel styles.
func writeKana(syl []string, style int) string {
	var b strings.Builder
	for i := 0; i < len(syl); i++ {
		s := syl[i]
		switch s {
		case "*": // っ: double the next consonant
			if i+1 < len(syl) && syl[i+1] != "" && !isVowelByte(syl[i+1][0]) && syl[i+1] != "-" {
				if strings.HasPrefix(syl[i+1], "ch") {
					b.WriteByte('t')
				} else {
					b.WriteByte(syl[i+1][0])
				}
			}
			continue
		case "-":
			if style == longKana {
				if cur := b.String(); len(cur) > 0 && isVowelByte(cur[len(cur)-1]) {
					b.WriteByte(cur[len(cur)-1])
				}
			}
			continue
		}
		cur := b.String()
		last := byte(0)
		if len(cur) > 0 {
			last = cur[len(cur)-1]
		}
		if style != longKana && len(s) == 1 && isVowelByte(s[0]) && last != 0 {
			// A long vowel: ou, oo, uu, aa, ii written once (ei and ie are not long).
			if (s == "u" && (last == 'o' || last == 'u')) || (s == "o" && last == 'o') || (s == "a" && last == 'a') {
				if style == longOh && last == 'o' && i == len(syl)-1 {
					b.WriteByte('h')
				}
				continue
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

func romanizeKanaWord(w string) []string {
	syl := kanaSyllables(w)
	var out []string
	for _, st := range []int{longOnce, longKana, longOh} {
		if s := writeKana(syl, st); s != "" && !contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
