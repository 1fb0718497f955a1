package normalize

import (
	"strings"
	"unicode"
)

// documentNoise holds words that lists write around a document number
// ("Qatari passport number 00868774", "CAR diplomatic passport no. D00000897").
var documentNoise = map[string]bool{"no": true, "nr": true, "num": true, "number": true, "n": true, "passport": true,
	"id": true, "card": true, "national": true, "diplomatic": true, "identity": true, "identification": true,
	"issued": true, "by": true, "in": true, "on": true, "of": true, "the": true, "and": true}

// DocumentNumber returns the comparable form of an identity document number:
// NFKC, upper case, with spaces, hyphens, dots, slashes, '<' fillers and all
// other separators dropped ("d-379312" -> "D379312", "33202-7126636-9" ->
// "3320271266369"). When the text is a phrase around a number ("Qatari
// passport number 00868774"), words of three letters or more and the
// abbreviations "no."/"nr." are dropped when some other token holds a digit;
// one- and two-letter series letters ("BN 4196361") are kept.
func DocumentNumber(s string) string {
	if len(s) > 256 {
		s = s[:256]
	}
	s = Fold(s)
	fields := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ':' || r == ',' || r == ';' })
	hasDigit := func(f string) bool { return strings.IndexFunc(f, unicode.IsDigit) >= 0 }
	phrase := false
	if len(fields) > 1 {
		for _, f := range fields {
			if hasDigit(f) {
				phrase = true
				break
			}
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, f := range fields {
		if phrase && !hasDigit(f) {
			w := strings.Trim(strings.ToLower(f), ".#°º")
			letters := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
			if documentNoise[w] || letters && len(w) >= 3 {
				continue
			}
		}
		for _, r := range f {
			switch {
			case r >= 'a' && r <= 'z':
				b.WriteByte(byte(r - 'a' + 'A'))
			case r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
				b.WriteByte(byte(r))
			case unicode.IsDigit(r):
				if d := unicode.ToUpper(r); d >= 0x0660 && d <= 0x0669 {
					b.WriteByte(byte('0' + d - 0x0660))
				} else if d >= 0x06F0 && d <= 0x06F9 {
					b.WriteByte(byte('0' + d - 0x06F0))
				} else if d >= 0xFF10 && d <= 0xFF19 {
					b.WriteByte(byte('0' + d - 0xFF10))
				}
			case unicode.IsLetter(r):
				b.WriteString(strings.ToUpper(string(r)))
			}
		}
	}
	return b.String()
}

// DocumentKey returns DocumentNumber(s) with the characters that OCR and
// typists confuse folded together: O Q D -> 0, I L -> 1, Z -> 2, S -> 5,
// G -> 6, B -> 8. Two numbers with equal keys but different DocumentNumber
// forms are a possible confusion, not a match: callers should say so.
func DocumentKey(s string) string {
	n := []byte(DocumentNumber(s))
	for i, c := range n {
		switch c {
		case 'O', 'Q', 'D':
			n[i] = '0'
		case 'I', 'L':
			n[i] = '1'
		case 'Z':
			n[i] = '2'
		case 'S':
			n[i] = '5'
		case 'G':
			n[i] = '6'
		case 'B':
			n[i] = '8'
		}
	}
	return string(n)
}
