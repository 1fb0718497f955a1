package mrz

import (
	"fmt"
	"strings"
)

// Document holds the data Build writes into a zone. Text fields take A-Z and
// 0-9 (lower case is upper-cased; spaces, hyphens, apostrophes and commas in
// names become fillers); empty fields are written as fillers.
type Document struct {
	DocumentCode   string   // "P", "I", "V", ...; one or two characters
	IssuingState   string   // ICAO 3-letter code
	Surname        string   // primary identifier
	GivenNames     []string // secondary identifier components
	DocumentNumber string   // up to 9 characters; TD1 and TD2 take longer numbers (overflow into the optional data)
	Nationality    string
	BirthDate      string // YYMMDD; '<' for unknown parts
	Sex            string // "M", "F", or "" / "X" / "<" for unspecified
	ExpiryDate     string // YYMMDD
	Optional1      string // TD3/MRV: personal number or optional data; TD1: line 1 optional data
	Optional2      string // TD1 line 2 / TD2 optional data
}

// Build writes d as a zone of format f, lines separated by "\n", computing
// every check digit. A name too long for its field is cut, as ICAO 9303
// truncation leaves it: with no filler in the last position. Build returns an
// error for a character that has no place in a zone or a field too long for
// the format.
func Build(f Format, d Document) (string, error) {
	n, width := f.lines()
	if n == 0 {
		return "", fmt.Errorf("mrz: build: unknown format %v", f)
	}
	code, err := fit("document code", d.DocumentCode, 2, false)
	if err != nil {
		return "", err
	}
	// Parse tells visas from TD2 and TD3 documents by their leading 'V'.
	if visa := code[0] == 'V'; visa != (f == MRVA || f == MRVB) && f != TD1 {
		return "", fmt.Errorf("mrz: build: document code %q in %v: visas, and only visas, start with V", d.DocumentCode, f)
	}
	state, err := fit("issuing state", d.IssuingState, 3, false)
	if err != nil {
		return "", err
	}
	nat, err := fit("nationality", d.Nationality, 3, false)
	if err != nil {
		return "", err
	}
	birth, err := fit("birth date", d.BirthDate, 6, false)
	if err != nil {
		return "", err
	}
	expiry, err := fit("expiry date", d.ExpiryDate, 6, false)
	if err != nil {
		return "", err
	}
	sex := "<"
	switch strings.ToUpper(d.Sex) {
	case "M", "F", "X":
		sex = strings.ToUpper(d.Sex)
	case "", "<":
	default:
		return "", fmt.Errorf("mrz: build: sex %q is not M, F, X or empty", d.Sex)
	}
	number, err := clean("document number", d.DocumentNumber, false)
	if err != nil {
		return "", err
	}
	nameWidth := width - 5
	if f == TD1 {
		nameWidth = 30
	}
	name, err := buildName(d.Surname, d.GivenNames, nameWidth)
	if err != nil {
		return "", err
	}

	// The number, its check digit and any overflow (TD1/TD2 only).
	numField, numCheck, overflow := number, string(CheckDigit(number)), ""
	if len(number) > 9 {
		if f != TD1 && f != TD2 {
			return "", fmt.Errorf("mrz: build: document number %q longer than 9 characters in %v", number, f)
		}
		numField, numCheck = number[:9], "<"
		overflow = number[9:] + string(CheckDigit(number)) + "<"
	}
	numField = pad(numField, 9)

	var lines []string
	switch f {
	case TD1:
		opt1, err := fit("optional data 1", overflow+d.Optional1, 15, false)
		if err != nil {
			return "", err
		}
		opt2, err := fit("optional data 2", d.Optional2, 11, false)
		if err != nil {
			return "", err
		}
		l1 := code + state + numField + numCheck + opt1
		l2 := birth + string(CheckDigit(birth)) + sex + expiry + string(CheckDigit(expiry)) + nat + opt2
		l2 += string(CheckDigit(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]))
		lines = []string{l1, l2, name}
	case TD2:
		opt, err := fit("optional data 2", overflow+d.Optional2, 7, false)
		if err != nil {
			return "", err
		}
		l2 := numField + numCheck + nat + birth + string(CheckDigit(birth)) + sex + expiry + string(CheckDigit(expiry)) + opt
		l2 += string(CheckDigit(l2[0:10] + l2[13:20] + l2[21:35]))
		lines = []string{code + state + name, l2}
	case TD3:
		opt, err := fit("personal number", d.Optional1, 14, false)
		if err != nil {
			return "", err
		}
		optCheck := string(CheckDigit(opt))
		if strings.Trim(opt, "<") == "" {
			optCheck = "<"
		}
		l2 := numField + numCheck + nat + birth + string(CheckDigit(birth)) + sex + expiry + string(CheckDigit(expiry)) + opt + optCheck
		l2 += string(CheckDigit(l2[0:10] + l2[13:20] + l2[21:43]))
		lines = []string{code + state + name, l2}
	case MRVA, MRVB:
		opt, err := fit("optional data", d.Optional1, width-28, false)
		if err != nil {
			return "", err
		}
		l2 := numField + numCheck + nat + birth + string(CheckDigit(birth)) + sex + expiry + string(CheckDigit(expiry)) + opt
		lines = []string{code + state + name, l2}
	}
	return strings.Join(lines, "\n"), nil
}

// clean upper-cases s and checks its characters; names also turn separators
// into fillers.
func clean(what, s string, name bool) (string, error) {
	b := []byte(strings.ToUpper(strings.TrimSpace(s)))
	for i, c := range b {
		switch {
		case c == '<' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' && !name:
		case name && (c == ' ' || c == '-' || c == '\'' || c == ',' || c == '.'):
			b[i] = '<'
		default:
			return "", fmt.Errorf("mrz: build: %s %q: character %q has no place in a zone", what, s, []rune(s[i:])[0])
		}
	}
	return string(b), nil
}

// fit cleans s and pads it with fillers to width.
func fit(what, s string, width int, name bool) (string, error) {
	c, err := clean(what, s, name)
	if err != nil {
		return "", err
	}
	if len(c) > width {
		return "", fmt.Errorf("mrz: build: %s %q is longer than %d characters", what, s, width)
	}
	return pad(c, width), nil
}

func pad(s string, width int) string {
	if len(s) >= width {
		return s
	}
	return s + strings.Repeat("<", width-len(s))
}

// buildName writes "SURNAME<<GIVEN<NAMES", cut to width.
func buildName(surname string, given []string, width int) (string, error) {
	s, err := clean("surname", surname, true)
	if err != nil {
		return "", err
	}
	s = collapse(s)
	if len(given) > 0 {
		var g []string
		for _, n := range given {
			c, err := clean("given name", n, true)
			if err != nil {
				return "", err
			}
			if c = collapse(c); c != "" {
				g = append(g, c)
			}
		}
		if len(g) > 0 {
			s += "<<" + strings.Join(g, "<")
		}
	}
	if len(s) > width {
		s = strings.TrimRight(s[:width], "<")
		if len(s) < width {
			// A cut that lands on fillers leaves a shorter name: ICAO
			// truncation keeps the last position alphabetic, so the name is
			// simply shorter and not marked.
			return pad(s, width), nil
		}
		return s, nil
	}
	return pad(s, width), nil
}

// collapse trims fillers and reduces runs of them to one.
func collapse(s string) string {
	return strings.Join(components(s), "<")
}
