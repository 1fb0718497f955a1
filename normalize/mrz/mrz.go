package mrz

import (
	"fmt"
	"strings"
	"time"

	"github.com/raqib/raqib/normalize"
)

// Format is the layout of a machine-readable zone. The zero value is an
// unknown format.
type Format int

// The layouts of ICAO Doc 9303 Parts 4 to 7.
const (
	TD1  Format = iota + 1 // ID card, 3 lines of 30 characters (Part 5)
	TD2                    // ID card, 2 lines of 36 characters (Part 6)
	TD3                    // passport, 2 lines of 44 characters (Part 4)
	MRVA                   // full-size visa, 2 lines of 44 characters (Part 7)
	MRVB                   // small visa, 2 lines of 36 characters (Part 7)
)

// String returns the name ICAO uses for the format ("TD3", "MRV-A", ...).
func (f Format) String() string {
	switch f {
	case TD1:
		return "TD1"
	case TD2:
		return "TD2"
	case TD3:
		return "TD3"
	case MRVA:
		return "MRV-A"
	case MRVB:
		return "MRV-B"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// lines returns the number of lines and their length for the format.
func (f Format) lines() (n, width int) {
	switch f {
	case TD1:
		return 3, 30
	case TD2, MRVB:
		return 2, 36
	case TD3, MRVA:
		return 2, 44
	}
	return 0, 0
}

// Field names a field of the zone in Checks and Warnings.
type Field string

// The fields of a zone.
const (
	FieldDocumentCode   Field = "document_code"
	FieldIssuingState   Field = "issuing_state"
	FieldName           Field = "name"
	FieldDocumentNumber Field = "document_number"
	FieldNationality    Field = "nationality"
	FieldBirthDate      Field = "birth_date"
	FieldSex            Field = "sex"
	FieldExpiryDate     Field = "expiry_date"
	FieldOptional1      Field = "optional_data_1" // TD3: the personal number, which has its own check digit
	FieldOptional2      Field = "optional_data_2"
	FieldComposite      Field = "composite"
)

// Check is the verification of one check digit: Want is the digit computed
// from the zone, Got the character read at the check-digit position.
type Check struct {
	Field Field
	Want  byte
	Got   byte
	OK    bool
}

// Warning reports something suspect in a field that did not stop parsing,
// such as a letter where only digits may stand. Corrected, when not empty, is
// the reading of the field the parser proposes instead (for an OCR
// confusion, the field with the confused characters replaced).
type Warning struct {
	Field     Field
	Message   string
	Corrected string
}

// MRZ is a parsed machine-readable zone. String fields hold the text as read,
// with '<' fillers removed (inner fillers of names become spaces); Birth,
// ExpiryDate and NameVariants use the OCR-corrected reading when a Warning
// proposed one.
type MRZ struct {
	Format         Format
	Lines          []string // the zone as parsed: upper case, one entry per line
	DocumentCode   string   // "P", "PO", "I", "ID", "V", ...
	IssuingState   string   // ICAO 3-letter code ("D" for Germany), fillers removed
	Surname        string   // primary identifier; components separated by spaces
	GivenNames     []string // secondary identifier components
	NameTruncated  bool     // the name filled its field: it may have been cut
	DocumentNumber string   // with a TD1/TD2 long-number overflow joined in
	Nationality    string
	BirthDate      string              // YYMMDD as read ('<' for unknown parts)
	Birth          normalize.DateRange // the birth date as an interval; zero when unreadable
	Sex            string              // "M", "F" or "" (unspecified: '<' or 'X')
	Expiry         string              // YYMMDD as read
	ExpiryDate     string              // ISO 8601 date; "" when unreadable
	Optional1      string              // TD3/MRV: personal number or optional data; TD1: line 1 optional data
	Optional2      string              // TD1 line 2 / TD2 optional data
	Checks         []Check
	Warnings       []Warning
}

// Valid reports whether the zone had check digits and every one of them
// verified.
func (m *MRZ) Valid() bool {
	if m == nil || len(m.Checks) == 0 {
		return false
	}
	for _, c := range m.Checks {
		if !c.OK {
			return false
		}
	}
	return true
}

// Check returns the result for one field's check digit and whether the zone
// has one.
func (m *MRZ) Check(f Field) (Check, bool) {
	for _, c := range m.Checks {
		if c.Field == f {
			return c, true
		}
	}
	return Check{}, false
}

// ParseError is returned by Parse for text that is not a zone: a wrong number
// or length of lines, or a character outside [A-Z0-9<]. Line and Column count
// from 1; Column is 0 when the whole line is at fault.
type ParseError struct {
	Line, Column int
	Msg          string
}

func (e *ParseError) Error() string {
	switch {
	case e.Line == 0:
		return "mrz: " + e.Msg
	case e.Column == 0:
		return fmt.Sprintf("mrz: line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("mrz: line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// now is the clock used to infer centuries; tests replace it.
var now = time.Now

// Parse reads a machine-readable zone. The lines may be separated by "\n" or
// "\r\n", surrounded by spaces and blank lines, and in lower case; a zone on a
// single line of 90, 72 or 88 characters (as chip readers print it) is split
// into its lines. The format follows from the number and length of the lines
// (and a leading 'V' for visas). Parse returns a *ParseError for anything that
// is not a zone; check-digit failures and OCR confusions are not errors: they
// are reported in MRZ.Checks and MRZ.Warnings.
func Parse(text string) (*MRZ, error) {
	lines, err := splitLines(text)
	if err != nil {
		return nil, err
	}
	f, err := detect(lines)
	if err != nil {
		return nil, err
	}
	m := &MRZ{Format: f, Lines: lines}
	switch f {
	case TD1:
		m.parseTD1()
	case TD2, MRVB:
		m.parseTwoLine(31, 36)
	default:
		m.parseTwoLine(39, 44)
	}
	m.checkCode()
	return m, nil
}

const maxLine = 200 // longer input is not a zone; stop before copying it

func splitLines(text string) ([]string, error) {
	var lines []string
	for n, raw := range strings.Split(text, "\n") {
		s := strings.TrimSpace(raw) // also drops the '\r' of "\r\n"
		if s == "" {
			continue
		}
		if len(s) > maxLine {
			return nil, &ParseError{Line: n + 1, Msg: fmt.Sprintf("%d characters: not a zone line", len(s))}
		}
		if len(lines) == 3 {
			return nil, &ParseError{Line: n + 1, Msg: "more than 3 lines"}
		}
		b := []byte(s)
		for i, c := range b {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
				b[i] = c
			}
			if !(c == '<' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
				r := []rune(s[i:])[0]
				return nil, &ParseError{Line: n + 1, Column: i + 1, Msg: fmt.Sprintf("character %q is not allowed (only A-Z, 0-9 and '<')", r)}
			}
		}
		lines = append(lines, string(b))
	}
	if len(lines) == 1 {
		s := lines[0]
		switch len(s) {
		case 90:
			lines = []string{s[:30], s[30:60], s[60:]}
		case 72:
			lines = []string{s[:36], s[36:]}
		case 88:
			lines = []string{s[:44], s[44:]}
		}
	}
	return lines, nil
}

func detect(lines []string) (Format, error) {
	var f Format
	switch len(lines) {
	case 0:
		return 0, &ParseError{Msg: "no zone: the text is empty"}
	case 3:
		f = TD1
	case 2:
		visa := lines[0][0] == 'V'
		switch len(lines[0]) {
		case 36:
			f = TD2
			if visa {
				f = MRVB
			}
		case 44:
			f = TD3
			if visa {
				f = MRVA
			}
		default:
			return 0, &ParseError{Line: 1, Msg: fmt.Sprintf("%d characters, want 36 (TD2, MRV-B) or 44 (TD3, MRV-A)", len(lines[0]))}
		}
	default:
		return 0, &ParseError{Msg: fmt.Sprintf("%d lines, want 2 (TD2, TD3, MRV) or 3 (TD1); a single line must have 90, 72 or 88 characters", len(lines))}
	}
	_, width := f.lines()
	for i, l := range lines {
		if len(l) != width {
			return 0, &ParseError{Line: i + 1, Msg: fmt.Sprintf("%d characters, want %d for %v", len(l), width, f)}
		}
	}
	return f, nil
}

func (m *MRZ) warn(f Field, corrected, format string, args ...any) {
	m.Warnings = append(m.Warnings, Warning{Field: f, Message: fmt.Sprintf(format, args...), Corrected: corrected})
}

// parseTwoLine reads TD2, TD3 and the visas, whose second lines share a layout
// up to the expiry check digit. nameWidth is the width of the name field (line
// 1 from column 6); width the line length.
func (m *MRZ) parseTwoLine(nameWidth, width int) {
	l1, l2 := m.Lines[0], m.Lines[1]
	m.DocumentCode = trimFill(l1[0:2])
	m.IssuingState = m.alpha(FieldIssuingState, l1[2:5])
	m.parseName(l1[5 : 5+nameWidth])

	number, numberCheck := l2[0:9], l2[9]
	m.Nationality = m.alpha(FieldNationality, l2[10:13])
	m.parseBirth(l2[13:19])
	m.parseSex(l2[20])
	m.parseExpiry(l2[21:27])

	switch m.Format {
	case TD3:
		m.Optional1 = trimFill(l2[28:42])
		m.setNumber(number, numberCheck, "")
		m.check(FieldBirthDate, l2[13:19], l2[19])
		m.check(FieldExpiryDate, l2[21:27], l2[27])
		// An unused personal number may carry '<' or '0' as its check digit.
		if opt := l2[28:42]; trimFill(opt) == "" && (l2[42] == '<' || l2[42] == '0') {
			m.Checks = append(m.Checks, Check{Field: FieldOptional1, Want: l2[42], Got: l2[42], OK: true})
		} else {
			m.check(FieldOptional1, opt, l2[42])
		}
		m.check(FieldComposite, l2[0:10]+l2[13:20]+l2[21:43], l2[43])
	case TD2:
		opt := l2[28:35]
		m.Optional2 = trimFill(opt)
		if numberCheck == '<' && opt[0] != '<' {
			m.setNumber(number, numberCheck, opt)
		} else {
			m.setNumber(number, numberCheck, "")
		}
		m.check(FieldBirthDate, l2[13:19], l2[19])
		m.check(FieldExpiryDate, l2[21:27], l2[27])
		m.check(FieldComposite, l2[0:10]+l2[13:20]+l2[21:35], l2[35])
	default: // visas: no optional-data or composite check digit
		m.Optional1 = trimFill(l2[28:width])
		m.setNumber(number, numberCheck, "")
		m.check(FieldBirthDate, l2[13:19], l2[19])
		m.check(FieldExpiryDate, l2[21:27], l2[27])
	}
}

func (m *MRZ) parseTD1() {
	l1, l2, l3 := m.Lines[0], m.Lines[1], m.Lines[2]
	m.DocumentCode = trimFill(l1[0:2])
	m.IssuingState = m.alpha(FieldIssuingState, l1[2:5])
	number, numberCheck, opt1 := l1[5:14], l1[14], l1[15:30]
	m.parseBirth(l2[0:6])
	m.parseSex(l2[7])
	m.parseExpiry(l2[8:14])
	m.Nationality = m.alpha(FieldNationality, l2[15:18])
	m.Optional2 = trimFill(l2[18:29])
	m.parseName(l3)

	if numberCheck == '<' && opt1[0] != '<' {
		m.setNumber(number, numberCheck, opt1)
	} else {
		m.Optional1 = trimFill(opt1)
		m.setNumber(number, numberCheck, "")
	}
	m.check(FieldBirthDate, l2[0:6], l2[6])
	m.check(FieldExpiryDate, l2[8:14], l2[14])
	m.check(FieldComposite, l1[5:30]+l2[0:7]+l2[8:15]+l2[18:29], l2[29])
}

// setNumber records the document number and verifies its check digit. When
// overflow is not empty the number is longer than 9 characters (TD1 and TD2,
// ICAO 9303 Parts 5 and 6): its check-digit position holds '<' and the rest of
// the number, then its check digit, then a filler, open the optional data.
func (m *MRZ) setNumber(number string, check byte, overflow string) {
	if overflow == "" {
		m.DocumentNumber = trimFill(number)
		m.check(FieldDocumentNumber, number, check)
		return
	}
	end := strings.IndexByte(overflow, '<')
	if end < 0 {
		end = len(overflow)
	}
	rest := overflow[end:]
	if end < 2 {
		// A single character cannot be both more number and its check
		// digit: read it as the check digit of a 9-character number.
		m.DocumentNumber = trimFill(number)
		m.check(FieldDocumentNumber, number, overflow[0])
		m.warn(FieldDocumentNumber, "", "the check digit stands after a filler, at the start of the optional data")
	} else {
		full := number + overflow[:end-1]
		m.DocumentNumber = full
		m.check(FieldDocumentNumber, full, overflow[end-1])
	}
	opt := trimFill(rest)
	if m.Format == TD1 {
		m.Optional1 = opt
	} else {
		m.Optional2 = opt
	}
}

// check verifies the check digit got over data and records the result,
// warning about OCR confusions in the check digit itself and proposing a
// corrected reading of an alphanumeric field when one confusion explains a
// failure.
func (m *MRZ) check(f Field, data string, got byte) {
	want := CheckDigit(data)
	c := Check{Field: f, Want: want, Got: got, OK: want == got}
	m.Checks = append(m.Checks, c)
	if c.OK {
		return
	}
	if d, ok := letterToDigit(got); ok {
		if d == want {
			m.warn(f, string(d), "check digit read as %q: OCR confusion for %q, which verifies", got, d)
		} else {
			m.warn(f, string(d), "check digit read as %q: OCR confusion for %q, which does not verify either (want %q)", got, d, want)
		}
		return
	}
	if f == FieldBirthDate || f == FieldExpiryDate {
		// The date's own confusions were reported when it was read; say
		// whether the corrected reading verifies.
		if fixed := lettersToDigits(data); fixed != data && CheckDigit(fixed) == got {
			m.warn(f, fixed, "check digit fails on %q but verifies the corrected reading %q", data, fixed)
		}
		return
	}
	if f == FieldComposite {
		return
	}
	// An alphanumeric field may hold one confused character: propose the
	// reading that verifies when exactly one single swap does.
	if fix, ok := oneSwapFix(data, got); ok {
		m.warn(f, trimFill(fix), "check digit fails; reading %q instead of %q verifies (OCR confusion)", trimFill(fix), trimFill(data))
	}
}

// checkCode warns about a document code that does not fit the format.
func (m *MRZ) checkCode() {
	code := m.Lines[0][0]
	ok := true
	switch m.Format {
	case TD3:
		ok = code == 'P'
	case MRVA, MRVB:
		ok = code == 'V'
	case TD1, TD2:
		ok = code == 'I' || code == 'A' || code == 'C'
	}
	if !ok {
		m.warn(FieldDocumentCode, "", "document code %q is unusual for %v", m.DocumentCode, m.Format)
	}
}

// alpha returns a 3-letter code field with fillers removed, warning about
// digits read where only letters may stand.
func (m *MRZ) alpha(f Field, s string) string {
	s = trimFill(s)
	if fixed, changed, bad := digitsToLetters(s); bad {
		m.warn(f, "", "%q: a country code holds only letters", s)
	} else if changed {
		m.warn(f, fixed, "%q holds digits: OCR confusion for %q", s, fixed)
	}
	return s
}

// parseSex reads the sex field with normalize.ParseGender (M, F, and X or
// '<' for unspecified), the one gender parser of Raqib.
func (m *MRZ) parseSex(c byte) {
	g, ok := normalize.ParseGender(string(c))
	switch {
	case !ok || c != 'M' && c != 'F' && c != 'X' && c != '<':
		m.warn(FieldSex, "", "sex %q is not M, F, X or '<'", c)
	case g == "male":
		m.Sex = "M"
	case g == "female":
		m.Sex = "F"
	}
}

// parseName splits a name field: primary identifier, "<<", secondary
// identifier, components separated by '<'. A field whose last character is
// not a filler may have been truncated. Digits read for letters (0 for O...)
// are corrected, with a warning.
func (m *MRZ) parseName(field string) {
	// OCR engines often read the filler as K: a name ending in three or
	// more K is taken to end in fillers.
	if k := len(field) - len(strings.TrimRight(field, "K")); k >= 3 {
		fixed := field[:len(field)-k] + strings.Repeat("<", k)
		m.warn(FieldName, trimFill(fixed), "the name ends in %d K: OCR confusion for fillers", k)
		field = fixed
	}
	m.NameTruncated = field[len(field)-1] != '<'
	switch fixed, changed, bad := digitsToLetters(field); {
	case bad:
		m.warn(FieldName, "", "the name holds digits")
	case changed:
		m.warn(FieldName, trimFill(fixed), "the name holds digits: OCR confusion for letters")
		field = fixed
	}
	primary, secondary, _ := strings.Cut(strings.TrimRight(field, "<"), "<<")
	m.Surname = strings.Join(components(primary), " ")
	m.GivenNames = components(secondary)
}

// components splits a name identifier on fillers, dropping empty parts.
func components(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "<") {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

func trimFill(s string) string { return strings.Trim(s, "<") }

// parseBirth reads the YYMMDD birth date. ICAO 9303 Part 3 lets a state fill
// unknown parts with '<': "74<<<<" is a year only.
func (m *MRZ) parseBirth(s string) {
	m.BirthDate = s
	d, ok := m.digits(FieldBirthDate, s)
	if !ok {
		return
	}
	r, err := birthRange(d, now())
	if err != nil {
		m.warn(FieldBirthDate, "", "%v", err)
		return
	}
	m.Birth = r
}

func (m *MRZ) parseExpiry(s string) {
	m.Expiry = s
	d, ok := m.digits(FieldExpiryDate, s)
	if !ok || strings.Contains(d, "<") {
		return
	}
	t, err := time.Parse("060102", d)
	if err != nil {
		m.warn(FieldExpiryDate, "", "%q is not a calendar date", d)
		return
	}
	// time.Parse maps 69-99 to 19yy and 00-68 to 20yy; expiry dates lie at
	// most a few decades from today, so use 20yy unless that is more than 50
	// years ahead.
	y := 2000 + t.Year()%100
	if y > now().Year()+50 {
		y -= 100
	}
	m.ExpiryDate = fmt.Sprintf("%04d-%02d-%02d", y, t.Month(), t.Day())
}

// digits returns a numeric field with OCR-confused letters replaced, warning
// about them; ok is false when the field holds other letters.
func (m *MRZ) digits(f Field, s string) (string, bool) {
	b := []byte(s)
	changed := false
	for i, c := range b {
		if c >= '0' && c <= '9' || c == '<' {
			continue
		}
		d, ok := letterToDigit(c)
		if !ok {
			m.warn(f, "", "%q: a date holds only digits", s)
			return "", false
		}
		b[i] = d
		changed = true
	}
	if changed {
		m.warn(f, string(b), "%q holds letters: OCR confusion for %q", s, b)
	}
	return string(b), true
}

// birthRange turns YYMMDD (digits, '<' for unknown parts) into an interval,
// choosing the century that does not put the date in the future.
func birthRange(d string, today time.Time) (normalize.DateRange, error) {
	if strings.Contains(d[0:2], "<") {
		return normalize.DateRange{}, nil // year unknown: nothing to say
	}
	yy := int(d[0]-'0')*10 + int(d[1]-'0')
	year := 2000 + yy
	monthKnown := !strings.Contains(d[2:4], "<")
	dayKnown := monthKnown && !strings.Contains(d[4:6], "<")
	switch {
	case dayKnown:
		t, err := time.Parse("20060102", fmt.Sprintf("%04d%s", year, d[2:6]))
		if err != nil {
			if t2, err2 := time.Parse("20060102", fmt.Sprintf("%04d%s", year-100, d[2:6])); err2 == nil {
				// 29 February of a leap year of the 1900s only.
				t = t2
			} else {
				return normalize.DateRange{}, fmt.Errorf("%q is not a calendar date", d)
			}
		}
		if t.After(today) {
			t = t.AddDate(-100, 0, 0)
		}
		s := t.Format("2006-01-02")
		return normalize.DateRange{From: s, To: s, Precision: normalize.PrecisionDay}, nil
	case monthKnown:
		mm := int(d[2]-'0')*10 + int(d[3]-'0')
		if mm < 1 || mm > 12 {
			return normalize.DateRange{}, fmt.Errorf("%q: month %02d does not exist", d, mm)
		}
		first := time.Date(year, time.Month(mm), 1, 0, 0, 0, 0, time.UTC)
		if first.After(today) {
			first = first.AddDate(-100, 0, 0)
		}
		last := first.AddDate(0, 1, -1)
		return normalize.DateRange{From: first.Format("2006-01-02"), To: last.Format("2006-01-02"), Precision: normalize.PrecisionMonth}, nil
	}
	if year > today.Year() {
		year -= 100
	}
	return normalize.DateRange{From: fmt.Sprintf("%04d-01-01", year), To: fmt.Sprintf("%04d-12-31", year), Precision: normalize.PrecisionYear}, nil
}
