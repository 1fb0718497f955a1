package mrz

// CheckDigit returns the ICAO 9303 check digit ('0' to '9') of s: each
// character's value (0-9 for digits, 10-35 for A-Z, 0 for '<' and anything
// else) times the weights 7, 3, 1 repeated, summed, modulo 10. Lower-case
// letters count like upper-case ones.
func CheckDigit(s string) byte {
	weights := [3]int{7, 3, 1}
	sum := 0
	for i := 0; i < len(s); i++ {
		sum += charValue(s[i]) * weights[i%3]
	}
	return byte('0' + sum%10)
}

func charValue(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'A' <= c && c <= 'Z':
		return int(c-'A') + 10
	case 'a' <= c && c <= 'z':
		return int(c-'a') + 10
	}
	return 0
}

// confusions are the OCR-B characters engines commonly read for one another,
// as (letter, digit) pairs.
var confusions = [...][2]byte{{'O', '0'}, {'Q', '0'}, {'D', '0'}, {'I', '1'}, {'L', '1'}, {'B', '8'}, {'S', '5'}, {'Z', '2'}, {'G', '6'}}

// letterToDigit returns the digit a letter is commonly misread for.
func letterToDigit(c byte) (byte, bool) {
	for _, p := range confusions {
		if p[0] == c {
			return p[1], true
		}
	}
	return 0, false
}

// digitToLetter returns the letter a digit is commonly misread for (the first
// such letter: 0 is read for O before Q or D).
func digitToLetter(c byte) (byte, bool) {
	for _, p := range confusions {
		if p[1] == c {
			return p[0], true
		}
	}
	return 0, false
}

// digitsToLetters replaces the digits of an alphabetic field by the letters
// they are commonly misread for. changed reports a replacement; bad reports a
// digit with no such letter.
func digitsToLetters(s string) (fixed string, changed, bad bool) {
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			continue
		}
		l, ok := digitToLetter(c)
		if !ok {
			bad = true
			continue
		}
		if b == nil {
			b = []byte(s)
		}
		b[i] = l
	}
	if b == nil {
		return s, false, bad
	}
	return string(b), true, bad
}

// oneSwapFix looks for the single OCR confusion in data (a letter for a digit
// or a digit for a letter) whose correction makes check verify. It returns
// the corrected data when exactly one such swap exists.
func oneSwapFix(data string, check byte) (string, bool) {
	if check < '0' || check > '9' {
		return "", false
	}
	var found string
	n := 0
	b := []byte(data)
	for i, c := range b {
		for _, p := range confusions {
			var to byte
			switch c {
			case p[0]:
				to = p[1]
			case p[1]:
				to = p[0]
			default:
				continue
			}
			b[i] = to
			if CheckDigit(string(b)) == check {
				n++
				found = string(b)
			}
			b[i] = c
		}
	}
	return found, n == 1
}

// lettersToDigits replaces the letters of a numeric field by the digits they
// are commonly misread for.
func lettersToDigits(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if d, ok := letterToDigit(s[i]); ok {
			if b == nil {
				b = []byte(s)
			}
			b[i] = d
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}
