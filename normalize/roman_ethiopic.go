package normalize

import "strings"

// Ethiopic (Ge'ez script: Amharic, Tigrinya) to Latin. Each character is a
// consonant with one of seven vowels (the orders ä u i a e ə o) or a
// labialised form (wa); the table gives the consonant of each row of eight
// code points of the Ethiopic block (U+1200-U+137F), in the BGN/PCGN 1967
// romanisation of Amharic without diacritics (ሸ sh, ቸ ch, ኘ ny, ዠ zh, ጀ j;
// the ejectives ቀ ጠ ጨ ጰ ጸ as q t ch p ts). As names are usually written,
// the first order ä is e (መለስ Meles), the sixth order ə is silent at the
// end of a word and before a vowel; two readings differ inside words: (1)
// ə silent (Haile, Slase), (2) ə written e and the first order a (Hayle,
// Selase).

var ethiopicRows = map[rune]string{
	0x1200: "h", 0x1208: "l", 0x1210: "h", 0x1218: "m", 0x1220: "s", 0x1228: "r", 0x1230: "s", 0x1238: "sh",
	0x1240: "q", 0x1250: "q", 0x1260: "b", 0x1268: "v", 0x1270: "t", 0x1278: "ch", 0x1280: "h", 0x1290: "n",
	0x1298: "ny", 0x12A0: "", 0x12A8: "k", 0x12B8: "kh", 0x12C8: "w", 0x12D0: "", 0x12D8: "z", 0x12E0: "zh",
	0x12E8: "y", 0x12F0: "d", 0x12F8: "d", 0x1300: "j", 0x1308: "g", 0x1318: "g", 0x1320: "t", 0x1328: "ch",
	0x1330: "p", 0x1338: "ts", 0x1340: "ts", 0x1348: "f", 0x1350: "p",
}

// ethiopicLabial are the rows of labialised consonants (qw, kw, gw, hw),
// whose eight places are wä, -, wi, wa, we, wə, -, -.
var ethiopicLabial = map[rune]string{0x1248: "qu", 0x1258: "qu", 0x1288: "hu", 0x12B0: "ku", 0x12C0: "khu", 0x1310: "gu"}

func romanizeEthiopicWord(w string, style int) string {
	var b strings.Builder
	rs := []rune(w)
	for i, r := range rs {
		if r < 0x1200 || r > 0x137F {
			continue
		}
		row := r &^ 7
		order := int(r & 7)
		last := i == len(rs)-1
		if q, ok := ethiopicLabial[row]; ok {
			b.WriteString(q)
			switch order {
			case 0, 3:
				b.WriteString("a")
			case 2:
				b.WriteString("i")
			case 4:
				b.WriteString("e")
			}
			continue
		}
		c, ok := ethiopicRows[row]
		if !ok {
			continue
		}
		glottal := row == 0x12A0 || row == 0x12D0
		b.WriteString(c)
		switch order {
		case 0:
			if glottal || style == 1 {
				b.WriteString("a")
			} else {
				b.WriteString("e")
			}
		case 1:
			b.WriteString("u")
		case 2:
			b.WriteString("i")
		case 3:
			b.WriteString("a")
		case 4:
			b.WriteString("e")
		case 5:
			// ə: silent at the end, before a vowel-initial letter and in
			// the first reading; e inside a word in the second.
			if glottal {
				b.WriteString("e")
			} else if style == 1 && !last && i+1 < len(rs) {
				if nr := rs[i+1] &^ 7; nr != 0x12A0 && nr != 0x12D0 && rs[i+1]&7 != 5 {
					b.WriteString("e")
				}
			}
		case 6:
			b.WriteString("o")
		case 7:
			b.WriteString("wa")
		}
	}
	return b.String()
}

func romanizeEthiopic(seg string) []string {
	return byWord(seg, func(w string) []string {
		return []string{romanizeEthiopicWord(w, 0), romanizeEthiopicWord(w, 1)}
	})
}
