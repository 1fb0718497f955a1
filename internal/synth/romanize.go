package synth

import "strings"

// Romanisation of Russian and Ukrainian Cyrillic, by the systems that put
// the spellings of one name on different lists and documents:
//
//   - BGN/PCGN 1947 (US and UK geographic names; the style of most English-language
//     lists), with its diacritics dropped: Сергеев → Sergeyev, Соловьёв → Solovyev.
//   - ICAO Doc 9303 Part 3 (2015) table for the machine-readable zone, used in
//     Russian passports since 2013: Sergeev, Iurii, Natalia.
//   - the common English press style: ё → yo, -ий → -y (Dmitry, Solovyov).
//   - the French style: у → ou, ш → ch, ч → tch, ж → j (Chevtchenko, Oulianov).
//   - the German (Duden) style: в → w, ж/ш → sch, ч → tsch, х → ch (Gorbatschow).
//
// Ukrainian follows the national system of 2010 (Cabinet resolution 55: г → h,
// и → y, і → i, є/ї/ю/я → ye/yi/yu/ya at the start of a word, ie/i/iu/ia
// elsewhere), the ICAO table, and the older g-spelling of Soviet documents.

type cyrSystem int

const (
	sysBGN cyrSystem = iota
	sysICAO
	sysPopular
	sysFrench
	sysGerman
)

var cyrBase = map[rune][5]string{
	//       BGN      ICAO    popular  French   German
	'а': {"a", "a", "a", "a", "a"},
	'б': {"b", "b", "b", "b", "b"},
	'в': {"v", "v", "v", "v", "w"},
	'г': {"g", "g", "g", "g", "g"},
	'д': {"d", "d", "d", "d", "d"},
	'ж': {"zh", "zh", "zh", "j", "sch"},
	'з': {"z", "z", "z", "z", "s"},
	'и': {"i", "i", "i", "i", "i"},
	'к': {"k", "k", "k", "k", "k"},
	'л': {"l", "l", "l", "l", "l"},
	'м': {"m", "m", "m", "m", "m"},
	'н': {"n", "n", "n", "n", "n"},
	'о': {"o", "o", "o", "o", "o"},
	'п': {"p", "p", "p", "p", "p"},
	'р': {"r", "r", "r", "r", "r"},
	'с': {"s", "s", "s", "s", "s"},
	'т': {"t", "t", "t", "t", "t"},
	'у': {"u", "u", "u", "ou", "u"},
	'ф': {"f", "f", "f", "f", "f"},
	'х': {"kh", "kh", "kh", "kh", "ch"},
	'ц': {"ts", "ts", "ts", "ts", "z"},
	'ч': {"ch", "ch", "ch", "tch", "tsch"},
	'ш': {"sh", "sh", "sh", "ch", "sch"},
	'щ': {"shch", "shch", "shch", "chtch", "schtsch"},
	'ъ': {"", "ie", "", "", ""},
	'ы': {"y", "y", "y", "y", "y"},
	'ь': {"", "", "", "", ""},
	'э': {"e", "e", "e", "e", "e"},
	'й': {"y", "i", "y", "i", "j"},
	'ю': {"yu", "iu", "yu", "iou", "ju"},
	'я': {"ya", "ia", "ya", "ia", "ja"},
}

func isCyrVowel(c rune) bool { return strings.ContainsRune("аеёиоуыэюяіїє", c) }

// romanizeRussian returns the spellings of a Russian Cyrillic name (one or
// more words), one per system, without repeats, the BGN/PCGN form first.
func romanizeRussian(cyr string) []string {
	var out []string
	for sys := sysBGN; sys <= sysGerman; sys++ {
		s := romanizeRussianWith(cyr, sys)
		dup := false
		for _, x := range out {
			dup = dup || x == s
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

func romanizeRussianWith(cyr string, sys cyrSystem) string {
	var words []string
	for _, w := range strings.Fields(cyr) {
		words = append(words, capitalizeWord(romanizeRussianWord([]rune(strings.ToLower(w)), sys)))
	}
	return strings.Join(words, " ")
}

func romanizeRussianWord(rs []rune, sys cyrSystem) string {
	var b strings.Builder
	for i, c := range rs {
		var prev rune
		if i > 0 {
			prev = rs[i-1]
		}
		start := i == 0 || prev == '-'
		afterVowel := start || isCyrVowel(prev) || prev == 'ь' || prev == 'ъ'
		last := i == len(rs)-1
		switch c {
		case '-':
			b.WriteRune(c)
			continue
		case 'е':
			switch {
			case afterVowel && (sys == sysBGN || sys == sysPopular):
				b.WriteString("ye")
			case afterVowel && sys == sysGerman:
				b.WriteString("je")
			case afterVowel && sys == sysFrench && !start:
				b.WriteString("ie")
			default:
				b.WriteString("e")
			}
			continue
		case 'ё':
			hush := prev == 'ж' || prev == 'ч' || prev == 'ш' || prev == 'щ'
			switch sys {
			case sysBGN:
				if afterVowel {
					b.WriteString("ye")
				} else {
					b.WriteString("e")
				}
			case sysICAO:
				b.WriteString("e")
			case sysPopular:
				if hush {
					b.WriteString("o")
				} else {
					b.WriteString("yo")
				}
			case sysFrench:
				b.WriteString("io")
			case sysGerman:
				if hush {
					b.WriteString("o")
				} else {
					b.WriteString("jo")
				}
			}
			continue
		case 'й':
			// -ий, -ый at the end: Dmitriy / Dmitrii / Dmitry / Dmitri / Dmitri
			if last && (prev == 'и' || prev == 'ы') {
				switch sys {
				case sysPopular:
					s := b.String()
					b.Reset()
					b.WriteString(strings.TrimSuffix(s, "i"))
					if strings.HasSuffix(s, "i") {
						b.WriteString("y")
					}
					continue
				case sysFrench, sysGerman:
					continue
				}
			}
		case 'с':
			if (sys == sysFrench || sys == sysGerman) && i > 0 && !last && isCyrVowel(prev) && isCyrVowel(rs[i+1]) {
				b.WriteString("ss")
				continue
			}
		case 'в':
			if sys == sysGerman && last && (prev == 'о' || prev == 'е' || prev == 'ё') {
				b.WriteString("w")
				continue
			}
		}
		if x, ok := cyrBase[c]; ok {
			b.WriteString(x[sys])
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// romanizeUkrainian returns the spellings of a Ukrainian Cyrillic name: the
// national system of 2010, the ICAO table, the older g-spelling.
func romanizeUkrainian(cyr string) []string {
	var out []string
	for sys := 0; sys < 3; sys++ {
		var words []string
		for _, w := range strings.Fields(cyr) {
			words = append(words, capitalizeWord(romanizeUkrainianWord([]rune(strings.ToLower(w)), sys)))
		}
		s := strings.Join(words, " ")
		dup := false
		for _, x := range out {
			dup = dup || x == s
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

var ukrBase = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "h", 'ґ': "g", 'д': "d", 'е': "e", 'ж': "zh", 'з': "z", 'и': "y",
	'і': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
	'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ь': "", '\'': "", '’': "",
}

func romanizeUkrainianWord(rs []rune, sys int) string {
	var b strings.Builder
	for i, c := range rs {
		start := i == 0 || rs[i-1] == '-'
		switch c {
		case 'є', 'ї', 'й', 'ю', 'я':
			initial := map[rune]string{'є': "ye", 'ї': "yi", 'й': "y", 'ю': "yu", 'я': "ya"}
			medial := map[rune]string{'є': "ie", 'ї': "i", 'й': "i", 'ю': "iu", 'я': "ia"}
			if start && sys != 1 {
				b.WriteString(initial[c])
			} else {
				b.WriteString(medial[c])
			}
			continue
		case 'г':
			if sys == 2 {
				b.WriteString("g")
				continue
			}
		}
		if x, ok := ukrBase[c]; ok {
			b.WriteString(x)
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// capitalizeWord capitalises a word and each part after a hyphen.
func capitalizeWord(w string) string {
	parts := strings.Split(w, "-")
	for i, p := range parts {
		parts[i] = capitalize(p)
	}
	return strings.Join(parts, "-")
}
