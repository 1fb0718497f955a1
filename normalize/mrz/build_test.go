package mrz

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/normalize"
)

var update = flag.Bool("update", false, "rewrite the golden zones in testdata/mrz")

const listedFile = "../../testdata/mrz/listed.txt"

// listed are people of the UN ISIL (Da'esh) & Al-Qaida sanctions list (list
// of 2026-05-08), with the names, birth dates, nationalities and document
// numbers the list gives. Where the list has no document number (QDi.155) or
// no passport of the right kind, the number is invented and says so. Expiry
// dates are invented. "X" entries write the Arabic-script name of the list in
// the ICAO 9303 Part 3 transliteration.
var listed = []struct {
	id     string
	note   string
	format Format
	doc    Document
}{
	{"QDi.155", "DJAMEL LOUNICI; document number invented (the list has none)", TD3, Document{
		DocumentCode: "P", IssuingState: "DZA", Surname: "LOUNICI", GivenNames: []string{"DJAMEL"},
		DocumentNumber: "123456789", Nationality: "DZA", BirthDate: "620201", Sex: "M", ExpiryDate: "300101"}},
	{"QDi.155", "جمال لونيسي in the ICAO Arabic transliteration", TD3, Document{
		DocumentCode: "P", IssuingState: "DZA", Surname: "LWNYSY", GivenNames: []string{"JMAL"},
		DocumentNumber: "123456789", Nationality: "DZA", BirthDate: "620201", Sex: "M", ExpiryDate: "300101"}},
	{"QDi.006", "AIMAN MUHAMMED RABI AL-ZAWAHIRI, Egyptian passport 1084010", TD3, Document{
		DocumentCode: "P", IssuingState: "EGY", Surname: "AL-ZAWAHIRI", GivenNames: []string{"AIMAN", "MUHAMMED", "RABI"},
		DocumentNumber: "1084010", Nationality: "EGY", BirthDate: "510619", Sex: "M", ExpiryDate: "280101"}},
	{"QDi.006", "أيمن محمد ربيع الظواهري in the ICAO Arabic transliteration", TD3, Document{
		DocumentCode: "P", IssuingState: "EGY", Surname: "ALXZZWAHRY", GivenNames: []string{"XAEYMN", "MXHMD", "RBYE"},
		DocumentNumber: "1084010", Nationality: "EGY", BirthDate: "510619", Sex: "M", ExpiryDate: "280101"}},
	{"QDi.190", "عبد القادر لاغوب (ABDELKADER LAAGOUB) in the ICAO Arabic transliteration, Moroccan passport D-379312", TD3, Document{
		DocumentCode: "P", IssuingState: "MAR", Surname: "LAGWB", GivenNames: []string{"EBD", "ALQADR"},
		DocumentNumber: "D379312", Nationality: "MAR", BirthDate: "660423", Sex: "M", ExpiryDate: "270101"}},
	{"QDi.068", "ADEL BEN AL-AZHAR BEN YOUSSEF HAMDI, Tunisian passport M408665", TD3, Document{
		DocumentCode: "P", IssuingState: "TUN", Surname: "HAMDI", GivenNames: []string{"ADEL", "BEN", "AL-AZHAR", "BEN", "YOUSSEF"},
		DocumentNumber: "M408665", Nationality: "TUN", BirthDate: "700714", Sex: "M", ExpiryDate: "290101"}},
	{"QDi.392", "فيصل احمد بن علي الزهراني (FAYSAL AHMAD BIN ALI AL-ZAHRANI) in the ICAO Arabic transliteration, Saudi passport K142736", TD3, Document{
		DocumentCode: "P", IssuingState: "SAU", Surname: "ALZHRANY", GivenNames: []string{"FYXSSL", "AXHMD", "BN", "ELY"},
		DocumentNumber: "K142736", Nationality: "SAU", BirthDate: "860119", Sex: "M", ExpiryDate: "290101"}},
	{"QDi.156", "ABD-AL-MAJID AZIZ AL-ZINDANI, born 1950 (year only), Yemeni passport A005487", TD3, Document{
		DocumentCode: "P", IssuingState: "YEM", Surname: "AL-ZINDANI", GivenNames: []string{"ABD-AL-MAJID", "AZIZ"},
		DocumentNumber: "A005487", Nationality: "YEM", BirthDate: "50<<<<", Sex: "M", ExpiryDate: "270101"}},
	{"QDi.356", "AQSA MAHMOOD, British passport 720134834", TD3, Document{
		DocumentCode: "P", IssuingState: "GBR", Surname: "MAHMOOD", GivenNames: []string{"AQSA"},
		DocumentNumber: "720134834", Nationality: "GBR", BirthDate: "940511", Sex: "F", ExpiryDate: "270101"}},
	{"QDi.340", "EMILIE EDWIGE KONIG, French identity card 050456101445 (12 characters: TD1 overflow)", TD1, Document{
		DocumentCode: "ID", IssuingState: "FRA", Surname: "KONIG", GivenNames: []string{"EMILIE", "EDWIGE"},
		DocumentNumber: "050456101445", Nationality: "FRA", BirthDate: "841209", Sex: "F", ExpiryDate: "270101"}},
	{"QDi.343", "ASHRAF MUHAMMAD YUSUF 'UTHMAN 'ABD AL-SALAM, born 1984, on a TD2 card with an invented number", TD2, Document{
		DocumentCode: "I", IssuingState: "JOR", Surname: "ABD AL-SALAM", GivenNames: []string{"ASHRAF", "MUHAMMAD", "YUSUF", "UTHMAN"},
		DocumentNumber: "K048787", Nationality: "JOR", BirthDate: "84<<<<", Sex: "M", ExpiryDate: "270101"}},
}

// TestListedGolden builds the zones of listed people and compares them with
// testdata/mrz/listed.txt, which the border example and other tests read.
func TestListedGolden(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Machine-readable zones for people on the UN ISIL (Da'esh) & Al-Qaida sanctions list,\n")
	b.WriteString("# written by mrz.Build (go test ./normalize/mrz -run TestListedGolden -update).\n")
	b.WriteString("# Each block: a comment line \"# <UN reference> <note>\", the zone, a blank line.\n\n")
	for _, p := range listed {
		z, err := Build(p.format, p.doc)
		require.NoError(t, err, p.id)
		b.WriteString("# " + p.id + " " + p.note + "\n" + z + "\n\n")
	}
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(listedFile), 0o755))
		require.NoError(t, os.WriteFile(listedFile, []byte(b.String()), 0o644))
	}
	want, err := os.ReadFile(listedFile)
	require.NoError(t, err)
	assert.Equal(t, string(want), b.String())
}

func readListed(t *testing.T) map[string][]string {
	t.Helper()
	data, err := os.ReadFile(listedFile)
	require.NoError(t, err)
	zones := map[string][]string{}
	for _, block := range strings.Split(string(data), "\n\n") {
		lines := strings.Split(strings.TrimSpace(block), "\n")
		if len(lines) < 3 || !strings.HasPrefix(lines[0], "# QDi") {
			continue
		}
		id := strings.Fields(lines[0])[1]
		zones[id] = append(zones[id], strings.Join(lines[1:], "\n"))
	}
	return zones
}

func TestBuildRoundTrip(t *testing.T) {
	for _, p := range listed {
		t.Run(p.id+" "+p.format.String(), func(t *testing.T) {
			z, err := Build(p.format, p.doc)
			require.NoError(t, err)
			m, err := Parse(z)
			require.NoError(t, err)
			assert.True(t, m.Valid(), "%+v", m.Checks)
			assert.Empty(t, m.Warnings)
			assert.Equal(t, p.format, m.Format)
			assert.Equal(t, p.doc.DocumentCode, m.DocumentCode)
			assert.Equal(t, strings.NewReplacer("-", " ").Replace(p.doc.Surname), m.Surname)
			var given []string
			for _, g := range p.doc.GivenNames {
				given = append(given, strings.Fields(strings.ReplaceAll(g, "-", " "))...)
			}
			if m.NameTruncated {
				assert.True(t, strings.HasPrefix(strings.Join(given, " "), strings.Join(m.GivenNames, " ")))
			} else {
				assert.Equal(t, given, m.GivenNames)
			}
			assert.Equal(t, p.doc.DocumentNumber, m.DocumentNumber)
			assert.Equal(t, p.doc.Nationality, m.Nationality)
			assert.Equal(t, p.doc.BirthDate, m.BirthDate)
			assert.Equal(t, p.doc.Sex, m.Sex)
		})
	}
}

func TestListedZones(t *testing.T) {
	zones := readListed(t)
	require.Len(t, zones["QDi.155"], 2)

	// DJAMEL LOUNICI, as printed and in the ICAO Arabic transliteration.
	m, err := Parse(zones["QDi.155"][0])
	require.NoError(t, err)
	assert.True(t, m.Valid())
	assert.Equal(t, normalize.DateRange{From: "1962-02-01", To: "1962-02-01", Precision: normalize.PrecisionDay}, m.Birth)
	assert.Equal(t, "DZA", m.Nationality)
	assert.Equal(t, []string{"DJAMEL LOUNICI"}, m.NameVariants())

	m, err = Parse(zones["QDi.155"][1])
	require.NoError(t, err)
	assert.True(t, m.Valid())
	assert.Equal(t, "جمال لونيسي", m.ArabicName())
	v := m.NameVariants()
	assert.Contains(t, v, "JMAL LWNYSY")
	assert.Contains(t, v, "JAMAL LUNISI")
	assert.True(t, sharesKeys(v, "DJAMEL LOUNICI"), "%q", v)

	// AL-ZAWAHIRI (born 1951-06-19) in both spellings.
	m, err = Parse(zones["QDi.006"][1])
	require.NoError(t, err)
	assert.True(t, m.Valid())
	assert.Equal(t, "أيمن محمد ربيع الظواهري", m.ArabicName())
	assert.True(t, sharesKeys(m.NameVariants(), "AIMAN MUHAMMED RABI AL-ZAWAHIRI"), "%q", m.NameVariants())
	assert.True(t, sharesKeys(m.NameVariants(), "Ayman al-Zawahiri"), "%q", m.NameVariants())

	// Year-only birth date.
	m, err = Parse(zones["QDi.156"][0])
	require.NoError(t, err)
	assert.True(t, m.Valid())
	assert.Equal(t, normalize.DateRange{From: "1950-01-01", To: "1950-12-31", Precision: normalize.PrecisionYear}, m.Birth)

	// TD1 with a 12-character card number.
	m, err = Parse(zones["QDi.340"][0])
	require.NoError(t, err)
	assert.True(t, m.Valid())
	assert.Equal(t, "050456101445", m.DocumentNumber)
}

// TestListedWrongCheckDigits alters each check digit of listed people's
// zones in turn: every alteration is caught by its own check, and by the
// composite where the format has one.
func TestListedWrongCheckDigits(t *testing.T) {
	for id, zs := range readListed(t) {
		for _, z := range zs {
			good, err := Parse(z)
			require.NoError(t, err)
			require.True(t, good.Valid())
			lines := strings.Split(z, "\n")
			for _, pos := range checkPositions(good.Format, good.DocumentNumber) {
				b := []byte(lines[pos.line])
				orig := b[pos.col]
				if orig == '<' {
					continue // an unused personal number's check digit
				}
				b[pos.col] = '0' + (orig-'0'+1)%10
				bad := append([]string(nil), lines...)
				bad[pos.line] = string(b)
				m, err := Parse(strings.Join(bad, "\n"))
				require.NoError(t, err)
				assert.False(t, m.Valid(), "%s: check digit at line %d col %d altered", id, pos.line+1, pos.col+1)
				c, ok := m.Check(pos.field)
				require.True(t, ok)
				assert.False(t, c.OK, "%s: %s", id, pos.field)
				assert.Equal(t, b[pos.col], c.Got)
				assert.Equal(t, orig, c.Want)
			}
		}
	}
}

type checkPos struct {
	line, col int
	field     Field
}

func checkPositions(f Format, number string) []checkPos {
	switch f {
	case TD1:
		p := []checkPos{{1, 6, FieldBirthDate}, {1, 14, FieldExpiryDate}, {1, 29, FieldComposite}}
		if len(number) > 9 {
			return append(p, checkPos{0, 15 + len(number) - 9, FieldDocumentNumber})
		}
		return append(p, checkPos{0, 14, FieldDocumentNumber})
	case TD2:
		return []checkPos{{1, 9, FieldDocumentNumber}, {1, 19, FieldBirthDate}, {1, 27, FieldExpiryDate}, {1, 35, FieldComposite}}
	case TD3:
		return []checkPos{{1, 9, FieldDocumentNumber}, {1, 19, FieldBirthDate}, {1, 27, FieldExpiryDate}, {1, 42, FieldOptional1}, {1, 43, FieldComposite}}
	}
	return []checkPos{{1, 9, FieldDocumentNumber}, {1, 19, FieldBirthDate}, {1, 27, FieldExpiryDate}}
}

func TestBuildSpecimens(t *testing.T) {
	anna := Document{DocumentCode: "P", IssuingState: "UTO", Surname: "Eriksson", GivenNames: []string{"Anna", "Maria"},
		DocumentNumber: "L898902C3", Nationality: "UTO", BirthDate: "740812", Sex: "F", ExpiryDate: "120415", Optional1: "ZE184226B"}
	z, err := Build(TD3, anna)
	require.NoError(t, err)
	assert.Equal(t, specTD3, z)

	td1 := Document{DocumentCode: "I", IssuingState: "UTO", Surname: "STEVENSON", GivenNames: []string{"PETER", "JOHN"},
		DocumentNumber: "D23145890734", Nationality: "UTO", BirthDate: "340712", Sex: "M", ExpiryDate: "950712"}
	z, err = Build(TD1, td1)
	require.NoError(t, err)
	assert.Equal(t, specTD1Long, z)
	z, err = Build(TD2, td1)
	require.NoError(t, err)
	assert.Equal(t, specTD2Long, z)

	visa := Document{DocumentCode: "V", IssuingState: "UTO", Surname: "ERIKSSON", GivenNames: []string{"ANNA", "MARIA"},
		DocumentNumber: "L8988901C", Nationality: "XXX", BirthDate: "400907", Sex: "F", ExpiryDate: "961210", Optional1: "6ZE184226B"}
	z, err = Build(MRVA, visa)
	require.NoError(t, err)
	assert.Equal(t, specMRVA, z)
	visa.Optional1 = ""
	z, err = Build(MRVB, visa)
	require.NoError(t, err)
	assert.Equal(t, specMRVB, z)
}

func TestBuildTruncates(t *testing.T) {
	d := Document{DocumentCode: "P", IssuingState: "UTO", Surname: "ABD AL-RAHMAN OULD MUHAMMAD",
		GivenNames: []string{"ABU", "BAKR", "MUHAMMAD", "IBN", "ZAKARIYA"}, DocumentNumber: "1", Nationality: "UTO"}
	z, err := Build(TD3, d)
	require.NoError(t, err)
	m, err := Parse(z)
	require.NoError(t, err)
	assert.True(t, m.NameTruncated)
	assert.Equal(t, "ABD AL RAHMAN OULD MUHAMMAD", m.Surname)
	assert.Equal(t, []string{"ABU", "BAKR", "M"}, m.GivenNames, "cut inside a component")
	assert.Len(t, strings.Split(z, "\n")[0], 44)
}

func TestBuildErrors(t *testing.T) {
	ok := Document{DocumentCode: "P", IssuingState: "UTO", Surname: "X", DocumentNumber: "1", Nationality: "UTO"}
	tests := []struct {
		name   string
		format Format
		edit   func(d *Document)
		want   string
	}{
		{"unknown format", 0, func(*Document) {}, "unknown format"},
		{"long number in a passport", TD3, func(d *Document) { d.DocumentNumber = "1234567890" }, "longer than 9"},
		{"accented name", TD3, func(d *Document) { d.Surname = "MÜLLER" }, "'Ü'"},
		{"digit in a name", TD3, func(d *Document) { d.GivenNames = []string{"J0HN"} }, "'0'"},
		{"state too long", TD3, func(d *Document) { d.IssuingState = "UTOP" }, "longer than 3"},
		{"bad sex", TD3, func(d *Document) { d.Sex = "male" }, "sex"},
		{"passport code in a visa", MRVA, func(*Document) {}, "only visas"},
		{"visa code in a passport", TD3, func(d *Document) { d.DocumentCode = "V" }, "only visas"},
		{"TD1 overflow too long", TD1, func(d *Document) { d.DocumentNumber = strings.Repeat("1", 25) }, "optional data 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := ok
			tt.edit(&d)
			_, err := Build(tt.format, d)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// sharesKeys reports whether one of the variants has every name key
// (normalize.Skeleton of each part) of the list's name.
func sharesKeys(variants []string, listed string) bool {
	want := normalize.ParseName(listed).Keys()
	for _, v := range variants {
		have := map[string]bool{}
		for _, k := range normalize.ParseName(v).Keys() {
			have[k] = true
		}
		ok := true
		for _, k := range want {
			ok = ok && have[k]
		}
		if ok {
			return true
		}
	}
	return false
}
