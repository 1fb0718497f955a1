package mrz

import (
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics, that it returns either a zone or
// a *ParseError, and that what it returns is consistent.
func FuzzParse(f *testing.F) {
	for _, s := range []string{specTD3, specTD1, specTD2, specMRVA, specMRVB, specTD1Long, specTD2Long,
		strings.ReplaceAll(specTD3, "\n", ""), strings.ToLower(specTD1),
		"P<UTOALRAZY<<ABW<BKR<MXHMD<BN<ZKRYA<<<<<<<<<\nA1234567<6UTO6202013M3001019<<<<<<<<<<<<<<<6",
		"I<UTOD23145890<7<<<<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<",
		"P<UTOX<<XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n74O8I2SZB<UTO74<<<<<X<<<<<<<<<<<<<<<<<<<<<<<",
		"", "\n", "P<", "\r\n\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := Parse(s)
		if err != nil {
			if m != nil {
				t.Fatalf("both a zone and an error: %v", err)
			}
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		n, width := m.Format.lines()
		if len(m.Lines) != n {
			t.Fatalf("%v with %d lines", m.Format, len(m.Lines))
		}
		for _, l := range m.Lines {
			if len(l) != width {
				t.Fatalf("%v line of %d characters", m.Format, len(l))
			}
		}
		if len(m.Checks) == 0 {
			t.Fatal("no checks")
		}
		_ = m.Valid()
		_ = m.NameVariants()
		_ = m.ArabicName()
		if m.Birth.From > m.Birth.To {
			t.Fatalf("birth range %+v", m.Birth)
		}
		// A parsed zone parses again to the same result.
		again, err := Parse(strings.Join(m.Lines, "\n"))
		if err != nil || again.Valid() != m.Valid() || again.DocumentNumber != m.DocumentNumber {
			t.Fatalf("reparse differs: %v", err)
		}
	})
}

// FuzzBuild checks that Build never panics and that what it builds parses
// back as a valid zone.
func FuzzBuild(f *testing.F) {
	f.Add(int(TD3), "P", "UTO", "ERIKSSON", "ANNA MARIA", "L898902C3", "UTO", "740812", "F", "120415", "ZE184226B", "")
	f.Add(int(TD1), "I", "UTO", "STEVENSON", "PETER JOHN", "D23145890734", "UTO", "340712", "M", "950712", "", "")
	f.Add(int(TD2), "I", "UTO", "STEVENSON", "PETER JOHN", "D23145890734", "UTO", "34<<<<", "", "950712", "", "AB")
	f.Add(int(MRVA), "V", "UTO", "ERIKSSON", "ANNA-MARIA", "L8988901C", "XXX", "400907", "F", "961210", "6ZE184226B", "")
	f.Add(int(MRVB), "V", "D", "MUSTERMANN", "ERIKA", "C01X00T47", "D", "640812", "F", "310101", "", "")
	f.Add(int(TD3), "V", "UTO", "X", "", "1", "UTO", "", "", "", "", "")
	f.Fuzz(func(t *testing.T, format int, code, state, surname, given, number, nat, birth, sex, expiry, opt1, opt2 string) {
		f := Format(format)
		d := Document{DocumentCode: code, IssuingState: state, Surname: surname, GivenNames: strings.Fields(given),
			DocumentNumber: number, Nationality: nat, BirthDate: birth, Sex: sex, ExpiryDate: expiry,
			Optional1: opt1, Optional2: opt2}
		z, err := Build(f, d)
		if err != nil {
			return
		}
		m, err := Parse(z)
		if err != nil {
			t.Fatalf("Build(%v) wrote %q, which does not parse: %v", f, z, err)
		}
		if m.Format != f {
			t.Fatalf("Build(%v) parsed as %v", f, m.Format)
		}
		if !m.Valid() {
			t.Fatalf("Build(%v) wrote %q with failing checks %+v", f, z, m.Checks)
		}
	})
}
