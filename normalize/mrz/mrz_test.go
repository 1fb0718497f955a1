package mrz

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/normalize"
)

func TestMain(m *testing.M) {
	// A fixed clock, so century inference does not change with the date the
	// tests run.
	now = func() time.Time { return time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC) }
	os.Exit(m.Run())
}

// ICAO Doc 9303 specimen zones (Parts 4 to 7 and Part 11 appendix D).
const (
	specTD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" +
		"L898902C36UTO7408122F1204159ZE184226B<<<<<10"
	specTD1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n" +
		"7408122F1204159UTO<<<<<<<<<<<6\n" +
		"ERIKSSON<<ANNA<MARIA<<<<<<<<<<"
	specTD2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\n" +
		"D231458907UTO7408122F1204159<<<<<<<6"
	specMRVA = "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" +
		"L8988901C4XXX4009078F96121096ZE184226B<<<<<<"
	specMRVB = "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\n" +
		"L8988901C4XXX4009078F9612109<<<<<<<<"
	specTD1Long = "I<UTOD23145890<7349<<<<<<<<<<<\n" +
		"3407127M9507122UTO<<<<<<<<<<<2\n" +
		"STEVENSON<<PETER<JOHN<<<<<<<<<"
	specTD2Long = "I<UTOSTEVENSON<<PETER<JOHN<<<<<<<<<<\n" +
		"D23145890<UTO3407127M95071227349<<<8"
)

func day(s string) normalize.DateRange {
	return normalize.DateRange{From: s, To: s, Precision: normalize.PrecisionDay}
}

func TestParseSpecimens(t *testing.T) {
	tests := []struct {
		name       string
		zone       string
		format     Format
		code       string
		state      string
		surname    string
		given      []string
		number     string
		nat        string
		birth      normalize.DateRange
		sex        string
		expiry     string
		opt1, opt2 string
		checks     []Field
	}{
		{"TD3 passport", specTD3, TD3, "P", "UTO", "ERIKSSON", []string{"ANNA", "MARIA"}, "L898902C3", "UTO",
			day("1974-08-12"), "F", "2012-04-15", "ZE184226B", "",
			[]Field{FieldDocumentNumber, FieldBirthDate, FieldExpiryDate, FieldOptional1, FieldComposite}},
		{"TD1 card", specTD1, TD1, "I", "UTO", "ERIKSSON", []string{"ANNA", "MARIA"}, "D23145890", "UTO",
			day("1974-08-12"), "F", "2012-04-15", "", "",
			[]Field{FieldDocumentNumber, FieldBirthDate, FieldExpiryDate, FieldComposite}},
		{"TD2 card", specTD2, TD2, "I", "UTO", "ERIKSSON", []string{"ANNA", "MARIA"}, "D23145890", "UTO",
			day("1974-08-12"), "F", "2012-04-15", "", "",
			[]Field{FieldDocumentNumber, FieldBirthDate, FieldExpiryDate, FieldComposite}},
		{"MRV-A visa", specMRVA, MRVA, "V", "UTO", "ERIKSSON", []string{"ANNA", "MARIA"}, "L8988901C", "XXX",
			day("1940-09-07"), "F", "1996-12-10", "6ZE184226B", "",
			[]Field{FieldDocumentNumber, FieldBirthDate, FieldExpiryDate}},
		{"MRV-B visa", specMRVB, MRVB, "V", "UTO", "ERIKSSON", []string{"ANNA", "MARIA"}, "L8988901C", "XXX",
			day("1940-09-07"), "F", "1996-12-10", "", "",
			[]Field{FieldDocumentNumber, FieldBirthDate, FieldExpiryDate}},
		{"TD1 long document number", specTD1Long, TD1, "I", "UTO", "STEVENSON", []string{"PETER", "JOHN"}, "D23145890734", "UTO",
			day("1934-07-12"), "M", "1995-07-12", "", "",
			[]Field{FieldDocumentNumber, FieldBirthDate, FieldExpiryDate, FieldComposite}},
		{"TD2 long document number", specTD2Long, TD2, "I", "UTO", "STEVENSON", []string{"PETER", "JOHN"}, "D23145890734", "UTO",
			day("1934-07-12"), "M", "1995-07-12", "", "",
			[]Field{FieldDocumentNumber, FieldBirthDate, FieldExpiryDate, FieldComposite}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse(tt.zone)
			require.NoError(t, err)
			assert.Equal(t, tt.format, m.Format)
			assert.Equal(t, tt.code, m.DocumentCode)
			assert.Equal(t, tt.state, m.IssuingState)
			assert.Equal(t, tt.surname, m.Surname)
			assert.Equal(t, tt.given, m.GivenNames)
			assert.False(t, m.NameTruncated)
			assert.Equal(t, tt.number, m.DocumentNumber)
			assert.Equal(t, tt.nat, m.Nationality)
			assert.Equal(t, tt.birth, m.Birth)
			assert.Equal(t, tt.sex, m.Sex)
			assert.Equal(t, tt.expiry, m.ExpiryDate)
			assert.Equal(t, tt.opt1, m.Optional1)
			assert.Equal(t, tt.opt2, m.Optional2)
			var fields []Field
			for _, c := range m.Checks {
				fields = append(fields, c.Field)
				assert.True(t, c.OK, "check %s: want %c got %c", c.Field, c.Want, c.Got)
			}
			assert.Equal(t, tt.checks, fields)
			assert.True(t, m.Valid())
			assert.Empty(t, m.Warnings)
		})
	}
}

func TestCheckDigit(t *testing.T) {
	tests := []struct {
		in   string
		want byte
	}{
		{"L898902C3", '6'}, // ICAO 9303 Part 4 specimen
		{"740812", '2'},
		{"120415", '9'},
		{"ZE184226B<<<<<", '1'},
		{"D23145890734", '9'}, // TD1 long number, Part 11 appendix D
		{"520727", '3'},       // ICAO 9303 Part 3 worked example
		{"AB2134<<<", '5'},    // Part 3: fillers count as 0
		{"", '0'},
		{"l898902c3", '6'}, // lower case counts as upper case
	}
	for _, tt := range tests {
		assert.Equal(t, string(tt.want), string(CheckDigit(tt.in)), tt.in)
	}
}

func TestParseBadCheckDigits(t *testing.T) {
	// Each zone is the TD3 specimen with one character changed.
	tests := []struct {
		name   string
		zone   string
		failed []Field
	}{
		{"document number check digit", strings.Replace(specTD3, "L898902C36", "L898902C37", 1),
			[]Field{FieldDocumentNumber, FieldComposite}},
		{"document number altered", strings.Replace(specTD3, "L898902C36", "L898912C36", 1),
			[]Field{FieldDocumentNumber, FieldComposite}},
		{"birth date altered", strings.Replace(specTD3, "7408122F", "7408132F", 1),
			[]Field{FieldBirthDate, FieldComposite}},
		{"expiry check digit", strings.Replace(specTD3, "1204159Z", "1204158Z", 1),
			[]Field{FieldExpiryDate, FieldComposite}},
		{"personal number altered", strings.Replace(specTD3, "ZE184226B", "ZE184227B", 1),
			[]Field{FieldOptional1, FieldComposite}},
		{"composite only", strings.TrimSuffix(specTD3, "0") + "1", []Field{FieldComposite}},
		// Sex is outside every check digit: the zone still verifies.
		{"sex altered", strings.Replace(specTD3, "7408122F", "7408122M", 1), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse(tt.zone)
			require.NoError(t, err, "a bad check digit is not a parse error")
			var failed []Field
			for _, c := range m.Checks {
				if !c.OK {
					failed = append(failed, c.Field)
					assert.NotEqual(t, c.Want, c.Got)
				}
			}
			assert.Equal(t, tt.failed, failed)
			assert.Equal(t, len(tt.failed) == 0, m.Valid())
		})
	}
}

func TestParseOCRConfusions(t *testing.T) {
	tests := []struct {
		name      string
		zone      string
		field     Field
		corrected string
		birth     normalize.DateRange
	}{
		{"O for 0 in the birth date", strings.Replace(specTD3, "7408122F", "74O8122F", 1),
			FieldBirthDate, "740812", day("1974-08-12")},
		{"I and S in the birth date", strings.Replace(specTD3, "7408122F", "74O8I2SF", 1),
			FieldBirthDate, "740812", day("1974-08-12")},
		{"B for 8 in the expiry check digit", strings.Replace(specTD2, "1204159<", "120415B<", 1),
			FieldExpiryDate, "8", day("1974-08-12")},
		{"O for 0 in the document number", strings.Replace(specTD3, "L898902C36", "L8989O2C36", 1),
			FieldDocumentNumber, "L898902C3", day("1974-08-12")},
		{"Z for 2 in the check digit", strings.Replace(specTD3, "7408122F", "740812ZF", 1),
			FieldBirthDate, "2", day("1974-08-12")},
		{"0 for O in the nationality", strings.Replace(specTD3, "C36UTO", "C36UT0", 1),
			FieldNationality, "UTO", day("1974-08-12")},
		{"1 for I in the name", strings.Replace(specTD3, "ERIKSSON", "ER1KSSON", 1),
			FieldName, "ERIKSSON<<ANNA<MARIA", day("1974-08-12")},
		{"K for fillers after the name", strings.Replace(specTD3, "MARIA<<<<<<<<<<<<<<<<<<<", "MARIAKKKKKKKKKKKKKKKKKKK", 1),
			FieldName, "ERIKSSON<<ANNA<MARIA", day("1974-08-12")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse(tt.zone)
			require.NoError(t, err)
			var got *Warning
			for i, w := range m.Warnings {
				if w.Field == tt.field && w.Corrected != "" {
					got = &m.Warnings[i]
					break
				}
			}
			require.NotNil(t, got, "no warning with a correction for %s in %+v", tt.field, m.Warnings)
			assert.Equal(t, tt.corrected, got.Corrected)
			assert.NotEmpty(t, got.Message)
			assert.Equal(t, tt.birth, m.Birth, "derived dates use the corrected reading")
		})
	}
	// The name is read with the correction applied.
	m, err := Parse(strings.Replace(specTD3, "ERIKSSON", "ER1KSSON", 1))
	require.NoError(t, err)
	assert.Equal(t, "ERIKSSON", m.Surname)
	m, err = Parse(strings.Replace(specTD3, "MARIA<<<<<<<<<<<<<<<<<<<", "MARIAKKKKKKKKKKKKKKKKKKK", 1))
	require.NoError(t, err)
	assert.Equal(t, []string{"ANNA", "MARIA"}, m.GivenNames)
	assert.False(t, m.NameTruncated)
	assert.True(t, m.Valid(), "the name is outside every check digit")
	// A digit no letter is confused with stays, with a warning.
	m, err = Parse(strings.Replace(specTD3, "ERIKSSON", "ER7KSSON", 1))
	require.NoError(t, err)
	assert.Equal(t, "ER7KSSON", m.Surname)
	require.Len(t, m.Warnings, 1)
	assert.Equal(t, FieldName, m.Warnings[0].Field)
	// A letter read for a digit in a checked field is not trusted: the check
	// fails until the reading is corrected.
	m, err = Parse(strings.Replace(specTD3, "7408122F", "74O8122F", 1))
	require.NoError(t, err)
	assert.False(t, m.Valid())
	assert.Equal(t, "74O812", m.BirthDate, "fields keep the text as read")
	c, _ := m.Check(FieldBirthDate)
	assert.False(t, c.OK)
	var verifies bool
	for _, w := range m.Warnings {
		verifies = verifies || w.Field == FieldBirthDate && strings.Contains(w.Message, "verifies the corrected reading")
	}
	assert.True(t, verifies, "%+v", m.Warnings)
}

func TestParseDates(t *testing.T) {
	zone := func(birth, expiry string) string {
		z, err := Build(TD3, Document{DocumentCode: "P", IssuingState: "UTO", Surname: "X", DocumentNumber: "1",
			Nationality: "UTO", BirthDate: birth, ExpiryDate: expiry})
		require.NoError(t, err)
		return z
	}
	tests := []struct {
		birth, expiry string
		wantBirth     normalize.DateRange
		wantExpiry    string
		warn          bool
	}{
		{"620201", "300101", day("1962-02-01"), "2030-01-01", false},
		{"261128", "361127", day("2026-11-28"), "2036-11-27", false}, // born today
		{"261129", "361127", day("1926-11-29"), "2036-11-27", false}, // would be tomorrow
		{"050101", "960101", day("2005-01-01"), "1996-01-01", false},
		{"000229", "300101", day("2000-02-29"), "2030-01-01", false},
		{"62<<<<", "300101", normalize.DateRange{From: "1962-01-01", To: "1962-12-31", Precision: normalize.PrecisionYear}, "2030-01-01", false},
		{"6202<<", "300101", normalize.DateRange{From: "1962-02-01", To: "1962-02-28", Precision: normalize.PrecisionMonth}, "2030-01-01", false},
		{"<<<<<<", "<<<<<<", normalize.DateRange{}, "", false},
		{"621301", "300101", normalize.DateRange{}, "2030-01-01", true},
		{"620230", "301301", normalize.DateRange{}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.birth+"/"+tt.expiry, func(t *testing.T) {
			m, err := Parse(zone(tt.birth, tt.expiry))
			require.NoError(t, err)
			assert.Equal(t, tt.birth, m.BirthDate)
			assert.Equal(t, tt.wantBirth, m.Birth)
			assert.Equal(t, tt.expiry, m.Expiry)
			assert.Equal(t, tt.wantExpiry, m.ExpiryDate)
			assert.Equal(t, tt.warn, len(m.Warnings) > 0, "%+v", m.Warnings)
			assert.True(t, m.Valid(), "unknown parts are fillers, which check as 0")
		})
	}
}

func TestParseInputTolerance(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"CRLF and spaces", "  " + strings.ReplaceAll(specTD3, "\n", " \r\n  ") + "\r\n"},
		{"blank lines", "\n\n" + strings.ReplaceAll(specTD3, "\n", "\n\n") + "\n\n"},
		{"lower case", strings.ToLower(specTD3)},
		{"one line", strings.ReplaceAll(specTD3, "\n", "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse(tt.in)
			require.NoError(t, err)
			assert.Equal(t, TD3, m.Format)
			assert.Equal(t, "ERIKSSON", m.Surname)
			assert.True(t, m.Valid())
			assert.Equal(t, strings.Split(specTD3, "\n"), m.Lines)
		})
	}
	for _, z := range []string{specTD1, specTD2} {
		m, err := Parse(strings.ReplaceAll(z, "\n", ""))
		require.NoError(t, err)
		assert.True(t, m.Valid())
	}
}

func TestParseErrors(t *testing.T) {
	l1, l2, _ := strings.Cut(specTD3, "\n")
	tests := []struct {
		name      string
		in        string
		line, col int
		contains  string
	}{
		{"empty", "", 0, 0, "empty"},
		{"spaces only", " \n \r\n", 0, 0, "empty"},
		{"one short line", l1, 0, 0, "1 lines"},
		{"four lines", specTD1 + "\n" + l1[:30], 4, 0, "more than 3"},
		{"short second line", l1 + "\n" + l2[:43], 2, 0, "43 characters, want 44"},
		{"odd first line", l1[:40] + "\n" + l2, 1, 0, "40 characters"},
		{"TD1 line too long", strings.Replace(specTD1, "\n7408", "<\n7408", 1), 1, 0, "31 characters, want 30"},
		{"bad character", strings.Replace(specTD3, "ANNA<MARIA", "ANNA MARIA", 1), 1, 20, "' '"},
		{"non-ASCII", strings.Replace(specTD3, "ERIKSSON", "ERIKßSON", 1), 1, 10, "'ß'"},
		{"hyphen", strings.Replace(specTD3, "L898902C3", "L898-02C3", 1), 2, 5, "'-'"},
		{"huge line", strings.Repeat("A", 1000), 1, 0, "not a zone line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse(tt.in)
			require.Error(t, err)
			assert.Nil(t, m)
			var pe *ParseError
			require.True(t, errors.As(err, &pe), "%T", err)
			assert.Equal(t, tt.line, pe.Line, err.Error())
			assert.Equal(t, tt.col, pe.Column, err.Error())
			assert.Contains(t, err.Error(), tt.contains)
			assert.True(t, strings.HasPrefix(err.Error(), "mrz: "))
		})
	}
}

func TestParseNames(t *testing.T) {
	tests := []struct {
		name      string
		zoneName  string // the TD3 name field, unpadded
		surname   string
		given     []string
		truncated bool
	}{
		{"compound surname", "VAN<DER<BERG<<JAN", "VAN DER BERG", []string{"JAN"}, false},
		{"surname only", "MADONNA", "MADONNA", nil, false},
		{"no surname", "<<ANNA", "", []string{"ANNA"}, false},
		// A name that fills its field may have been cut.
		{"truncated", "MACHINE<READABLE<TRAVEL<<DOCUMENT<ABCDE", "MACHINE READABLE TRAVEL", []string{"DOCUMENT", "ABCDE"}, true},
		{"full, ending in a filler", "MACHINE<READABLE<TRAVEL<<DOCUMENT<ABCD<", "MACHINE READABLE TRAVEL", []string{"DOCUMENT", "ABCD"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			field := tt.zoneName + strings.Repeat("<", 39-len(tt.zoneName))
			l2 := strings.Split(specTD3, "\n")[1]
			m, err := Parse("P<UTO" + field + "\n" + l2)
			require.NoError(t, err)
			assert.Equal(t, tt.surname, m.Surname)
			assert.Equal(t, tt.given, m.GivenNames)
			assert.Equal(t, tt.truncated, m.NameTruncated)
		})
	}
}

func TestParseWarnings(t *testing.T) {
	l1, l2, _ := strings.Cut(specTD3, "\n")
	m, err := Parse(strings.Replace(l1, "P<", "I<", 1) + "\n" + strings.Replace(l2, "7408122F", "7408122Q", 1))
	require.NoError(t, err)
	assert.Equal(t, TD3, m.Format)
	var fields []Field
	for _, w := range m.Warnings {
		fields = append(fields, w.Field)
	}
	assert.ElementsMatch(t, []Field{FieldDocumentCode, FieldSex}, fields)
	assert.Equal(t, "", m.Sex)

	// The unused personal number may take '<' or '0' as its check digit.
	for _, c := range []string{"<", "0"} {
		z := "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159<<<<<<<<<<<<<<" + c
		composite := CheckDigit(z[45:55] + z[58:65] + z[66:88])
		m, err := Parse(z + string(composite))
		require.NoError(t, err)
		assert.True(t, m.Valid(), "check digit %q: %+v", c, m.Checks)
	}
}

func TestMRZCheck(t *testing.T) {
	m, err := Parse(specMRVB)
	require.NoError(t, err)
	c, ok := m.Check(FieldBirthDate)
	assert.True(t, ok)
	assert.Equal(t, Check{Field: FieldBirthDate, Want: '8', Got: '8', OK: true}, c)
	_, ok = m.Check(FieldComposite)
	assert.False(t, ok, "visas have no composite check digit")
	var nilMRZ *MRZ
	assert.False(t, nilMRZ.Valid())
	assert.False(t, (&MRZ{}).Valid())
}

func TestFormatString(t *testing.T) {
	assert.Equal(t, "TD1", TD1.String())
	assert.Equal(t, "TD2", TD2.String())
	assert.Equal(t, "TD3", TD3.String())
	assert.Equal(t, "MRV-A", MRVA.String())
	assert.Equal(t, "MRV-B", MRVB.String())
	assert.Equal(t, "Format(0)", Format(0).String())
}
