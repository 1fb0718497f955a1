package passport

import (
	"bufio"
	"context"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize/mrz"
	"github.com/raqib/raqib/screening"
)

// ICAO Doc 9303 specimen zones (Parts 4 to 7).
const (
	specTD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" +
		"L898902C36UTO7408122F1204159ZE184226B<<<<<10"
	specTD1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n" +
		"7408122F1204159UTO<<<<<<<<<<<6\n" +
		"ERIKSSON<<ANNA<MARIA<<<<<<<<<<"
	specTD2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\n" +
		"D231458907UTO7408122F1204159<<<<<<<6"
	specTD1Long = "I<UTOD23145890<7349<<<<<<<<<<<\n" +
		"3407127M9507122UTO<<<<<<<<<<<2\n" +
		"STEVENSON<<PETER<JOHN<<<<<<<<<"
	specMRVA = "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" +
		"L8988901C4XXX4009078F96121096ZE184226B<<<<<<"
	specMRVB = "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\n" +
		"L8988901C4XXX4009078F9612109<<<<<<<<"
)

const (
	noteUTO = "MRZ nationality UTO is Utopia, the fictional state of the ICAO specimens: no nationality compared"
	noteXXX = "MRZ nationality XXX is the ICAO code of an unspecified nationality: no nationality compared"
)

func doc(typ, number, country string) raqib.Document {
	return raqib.Document{Type: typ, Number: number, Country: country}
}

// TestSpecimens builds the query of every ICAO specimen zone.
func TestSpecimens(t *testing.T) {
	tests := []struct {
		name, zone string
		want       raqib.Query
		notes      []string
	}{
		{"TD3 passport", specTD3, raqib.Query{Name: "ANNA MARIA ERIKSSON", BirthDate: "1974-08-12", Gender: "female",
			Documents: []raqib.Document{doc("passport", "L898902C3", "")}}, []string{noteUTO}},
		{"TD1 card", specTD1, raqib.Query{Name: "ANNA MARIA ERIKSSON", BirthDate: "1974-08-12", Gender: "female",
			Documents: []raqib.Document{doc("identity card", "D23145890", "")}}, []string{noteUTO}},
		{"TD2 card", specTD2, raqib.Query{Name: "ANNA MARIA ERIKSSON", BirthDate: "1974-08-12", Gender: "female",
			Documents: []raqib.Document{doc("identity card", "D23145890", "")}}, []string{noteUTO}},
		{"TD1 long document number", specTD1Long, raqib.Query{Name: "PETER JOHN STEVENSON", BirthDate: "1934-07-12", Gender: "male",
			Documents: []raqib.Document{doc("identity card", "D23145890734", "")}}, []string{noteUTO}},
		{"MRV-A visa", specMRVA, raqib.Query{Name: "ANNA MARIA ERIKSSON", BirthDate: "1940-09-07", Gender: "female"},
			[]string{noteXXX, "MRZ document number L8988901C is a visa's: it identifies the visa, not its holder, and is not compared"}},
		{"MRV-B visa", specMRVB, raqib.Query{Name: "ANNA MARIA ERIKSSON", BirthDate: "1940-09-07", Gender: "female"},
			[]string{noteXXX, "MRZ document number L8988901C is a visa's: it identifies the visa, not its holder, and is not compared"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(Traveller{ID: "T1"}, tt.zone)
			require.NoError(t, err)
			tt.want.ID, tt.want.Kind = "T1", lists.KindPerson
			assert.Equal(t, tt.want, p.Query)
			assert.Equal(t, tt.notes, p.Notes)
			assert.Equal(t, tt.want.Name, p.Label)
			require.Len(t, p.Zones, 1)
			assert.NoError(t, p.Query.Validate())
		})
	}
}

// TestTrust checks the check-digit policy on the TD3 specimen with one
// character misread: what is screened, and the notes that say why.
func TestTrust(t *testing.T) {
	const line1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
	tests := []struct {
		name, zone   string
		record       Traveller
		birth        string
		docs         []raqib.Document
		notes        []string
		withoutNotes []string
	}{
		{name: "valid", zone: specTD3, birth: "1974-08-12",
			docs: []raqib.Document{doc("passport", "L898902C3", "")}, notes: []string{noteUTO}},
		{name: "birth date misread, not verifiable", zone: line1 + "L898902C36UTO74O8123F1204159ZE184226B<<<<<10",
			docs: []raqib.Document{doc("passport", "L898902C3", "")},
			notes: []string{"MRZ composite check digit fails (read '0', computed '1'): the zone may be misread or altered",
				"MRZ birth date 74O812 fails its check digit (read '3', computed '6'): not compared", noteUTO}},
		{name: "birth date misread, the record's compared", zone: line1 + "L898902C36UTO74O8123F1204159ZE184226B<<<<<10",
			record: Traveller{BirthDate: "1974-08-12"}, birth: "1974-08-12",
			docs: []raqib.Document{doc("passport", "L898902C3", "")},
			notes: []string{"MRZ composite check digit fails (read '0', computed '1'): the zone may be misread or altered",
				"MRZ birth date 74O812 fails its check digit (read '3', computed '6'): the record's 1974-08-12 is compared instead", noteUTO}},
		{name: "birth date letters that verify as digits", zone: line1 + "L898902C36UTO74O8122F1204159ZE184226B<<<<<10",
			birth: "1974-08-12", docs: []raqib.Document{doc("passport", "L898902C3", "")},
			notes: []string{"MRZ composite check digit fails (read '0', computed '8'): the zone may be misread or altered",
				"MRZ birth date read as 74O812; screened as 740812, the OCR correction that verifies", noteUTO}},
		{name: "number check digit read as a letter", zone: line1 + "L898902C3GUTO7408122F1204159ZE184226B<<<<<10",
			birth: "1974-08-12", docs: []raqib.Document{doc("passport", "L898902C3", "")},
			notes: []string{noteUTO, `MRZ document number check digit read as 'G', an OCR confusion for '6', which verifies`}},
		{name: "number misread: not evidence", zone: line1 + "L898902C56UTO7408122F1204159ZE184226B<<<<<10",
			birth: "1974-08-12",
			notes: []string{"MRZ composite check digit fails (read '0', computed '2'): the zone may be misread or altered", noteUTO,
				"MRZ document number L898902C5 fails its check digit (read '6', computed '8'): not used as evidence"}},
		{name: "number misread, the record repeats it", zone: line1 + "L898902C56UTO7408122F1204159ZE184226B<<<<<10",
			record: Traveller{Documents: []raqib.Document{{Number: "L898902C5"}, {Type: "identity card", Number: "ID-4471", Country: "SE"}}},
			birth:  "1974-08-12", docs: []raqib.Document{doc("identity card", "ID-4471", "SE")},
			notes: []string{"MRZ composite check digit fails (read '0', computed '2'): the zone may be misread or altered", noteUTO,
				"MRZ document number L898902C5 fails its check digit (read '6', computed '8'): not used as evidence",
				"the record's document number L898902C5 is the zone's: not used either"}},
		{name: "the zone's verified number replaces the record's copy", zone: specTD3,
			record: Traveller{Documents: []raqib.Document{{Number: "l898902c3"}, {Number: "X1"}}},
			birth:  "1974-08-12", docs: []raqib.Document{doc("passport", "L898902C3", ""), doc("passport", "X1", "")},
			notes: []string{noteUTO}},
		{name: "digits in the name", zone: "P<UTOERIKSS0N<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
			birth: "1974-08-12", docs: []raqib.Document{doc("passport", "L898902C3", "")},
			notes: []string{"MRZ name: the name holds digits: OCR confusion for letters; screened as ANNA MARIA ERIKSSON", noteUTO}},
		{name: "record and zone disagree", zone: specTD3,
			record: Traveller{Name: "Anna Eriksson", BirthDate: "1975-08-12", Sex: "M"}, birth: "1974-08-12",
			docs: []raqib.Document{doc("passport", "L898902C3", "")},
			notes: []string{`MRZ birth date 1974-08-12 differs from the record's "1975-08-12": the zone's is screened`, noteUTO,
				`MRZ sex F differs from the record's "M": the zone's is screened`}},
		{name: "record agrees with a year-only zone", zone: "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO74<<<<1F1204159ZE184226B<<<<<18",
			record: Traveller{BirthDate: "12 Aug 1974"}, birth: "1974", docs: []raqib.Document{doc("passport", "L898902C3", "")},
			notes: []string{noteUTO}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.record, tt.zone)
			require.NoError(t, err)
			q := p.Query
			assert.Equal(t, tt.birth, q.BirthDate)
			assert.Equal(t, "female", q.Gender, "the zone's sex")
			assert.Equal(t, lists.KindPerson, q.Kind)
			assert.Equal(t, tt.docs, q.Documents)
			assert.Equal(t, tt.notes, p.Notes)
			if tt.record.Name != "" {
				assert.Equal(t, tt.record.Name, q.Name)
				assert.Equal(t, []string{"ANNA MARIA ERIKSSON"}, q.AltNames)
			} else {
				assert.Equal(t, "ANNA MARIA ERIKSSON", q.Name)
				assert.Empty(t, q.AltNames)
			}
		})
	}
}

// TestNationalityCodes reads the ICAO codes that are not ISO codes.
func TestNationalityCodes(t *testing.T) {
	tests := []struct {
		code, record, want, note string
	}{
		{"DZA", "", "DZA", ""},
		{"D", "", "DE", ""},
		{"GBD", "", "GB", ""},
		{"RKS", "Kosovo", "XK", ""},
		{"DZA", "Morocco", "DZA", `MRZ nationality DZA differs from the record's "Morocco": the zone's is screened`},
		{"XXA", "", "", "MRZ nationality XXA is the ICAO code of a stateless person: no nationality compared"},
		{"XXB", "SY", "SY", `MRZ nationality XXB is the ICAO code of a refugee (1951 Convention): the record's "SY" is compared`},
		{"XPO", "", "", "MRZ nationality XPO is INTERPOL, an issuing organisation: no nationality compared"},
		{"ZZZ", "", "ZZZ", ""}, // unknown: passed on, the matcher warns
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			z, err := mrz.Build(mrz.TD3, mrz.Document{DocumentCode: "P", IssuingState: tt.code, Surname: "LOUNICI",
				GivenNames: []string{"DJAMEL"}, DocumentNumber: "X1234567", Nationality: tt.code, BirthDate: "620201",
				Sex: "M", ExpiryDate: "300101"})
			require.NoError(t, err)
			p, err := Parse(Traveller{Nationality: tt.record}, z)
			require.NoError(t, err)
			assert.Equal(t, tt.want, p.Query.Nationality)
			if tt.note == "" {
				assert.Empty(t, p.Notes)
			} else {
				assert.Equal(t, []string{tt.note}, p.Notes)
			}
			require.Len(t, p.Query.Documents, 1)
			if tt.want != "SY" {
				assert.Equal(t, tt.want, p.Query.Documents[0].Country, "the issuing state read the same way")
			}
		})
	}
}

// TestVisa screens a traveller who presents a passport and a visa whose
// issuing state spells his name and birth date its own way.
func TestVisa(t *testing.T) {
	pass, err := mrz.Build(mrz.TD3, mrz.Document{DocumentCode: "P", IssuingState: "DZA", Surname: "LOUNICI",
		GivenNames: []string{"DJAMEL"}, DocumentNumber: "197351802", Nationality: "DZA", BirthDate: "620201",
		Sex: "M", ExpiryDate: "300101"})
	require.NoError(t, err)
	visa, err := mrz.Build(mrz.MRVA, mrz.Document{DocumentCode: "V", IssuingState: "FRA", Surname: "LOUNISSI",
		GivenNames: []string{"JAMAL"}, DocumentNumber: "FR4471902", Nationality: "DZA", BirthDate: "620102",
		Sex: "M", ExpiryDate: "270101"})
	require.NoError(t, err)

	// The visa comes first: the passport's fields win all the same.
	p, err := Parse(Traveller{ID: "PAX1"}, visa, pass)
	require.NoError(t, err)
	q := p.Query
	assert.Equal(t, "DJAMEL LOUNICI", q.Name)
	assert.Equal(t, []string{"JAMAL LOUNISSI"}, q.AltNames)
	assert.Equal(t, "1962-02-01", q.BirthDate)
	assert.Equal(t, "DZA", q.Nationality)
	assert.Equal(t, []raqib.Document{doc("passport", "197351802", "DZA")}, q.Documents, "the visa's number is not a document")
	assert.Equal(t, []string{
		"visa MRZ birth date 1962-01-02 differs from the passport MRZ's 1962-02-01: the passport MRZ's is screened",
		"visa MRZ document number FR4471902 is a visa's: it identifies the visa, not its holder, and is not compared",
	}, p.Notes)
	require.Len(t, p.Zones, 2)
	assert.Equal(t, mrz.MRVA, p.Zones[0].Format, "zones in the order given")

	// A visa alone is screened on its own fields.
	p, err = Parse(Traveller{}, visa)
	require.NoError(t, err)
	assert.Equal(t, "JAMAL LOUNISSI", p.Query.Name)
	assert.Equal(t, "1962-01-02", p.Query.BirthDate)
	assert.Empty(t, p.Query.Documents)
}

// TestReadings checks the readings of a name in the ICAO transliteration
// of Arabic, the record's name first, and the bound on their number.
func TestReadings(t *testing.T) {
	z := listedZones(t)["QDi.006 أيمن محمد ربيع الظواهري in the ICAO Arabic transliteration"]
	require.NotEmpty(t, z)
	p, err := Parse(Traveller{Name: "Ayman al-Zawahiri"}, z)
	require.NoError(t, err)
	q := p.Query
	assert.Equal(t, "Ayman al-Zawahiri", q.Name)
	assert.Equal(t, "Ayman al-Zawahiri", p.Label)
	require.GreaterOrEqual(t, len(q.AltNames), 4)
	assert.Equal(t, "XAEYMN MXHMD RBYE ALXZZWAHRY", q.AltNames[0], "the zone as read")
	assert.Equal(t, "أيمن محمد ربيع الظواهري", q.AltNames[1], "read back into Arabic script")
	assert.Contains(t, q.AltNames, "AEYMN MHMD RBYE ALZZWAHRY", "X escapes dropped")
	assert.True(t, slices.ContainsFunc(q.AltNames[2:], func(n string) bool { return strings.HasPrefix(n, "AYMAN ") }),
		"a spelling other states print: %q", q.AltNames)
	assert.NoError(t, q.Validate())

	// Two documents in the transliteration give more readings than a query
	// holds: the first ones are kept, and a note says so.
	other, err := mrz.Build(mrz.MRVB, mrz.Document{DocumentCode: "V", IssuingState: "PAK", Surname: "ALZWAHRY",
		GivenNames: []string{"AYMN", "MXHMD"}, DocumentNumber: "V1", Nationality: "EGY", BirthDate: "510619", Sex: "M", ExpiryDate: "270101"})
	require.NoError(t, err)
	p, err = Parse(Traveller{}, z, other)
	require.NoError(t, err)
	assert.Len(t, p.Query.AltNames, raqib.MaxAltNames)
	assert.NoError(t, p.Query.Validate())
	assert.Contains(t, p.Query.AltNames[:3], "AYMN MXHMD ALZWAHRY", "every zone's name as read comes first")
	assert.Contains(t, strings.Join(p.Notes, "\n"), "more readings of the name were not screened")
}

func TestParseErrors(t *testing.T) {
	_, err := Parse(Traveller{}, "P<UTOERIKSSON<<ANNA")
	var pe *mrz.ParseError
	require.ErrorAs(t, err, &pe)
	assert.NotContains(t, err.Error(), "zone 1")

	_, err = Parse(Traveller{}, specTD3, "", "P<UTOERIKSSON<<ANNA")
	require.ErrorAs(t, err, &pe)
	assert.True(t, strings.HasPrefix(err.Error(), "zone 3: "), err.Error())

	p, err := Parse(Traveller{Name: "Anna Eriksson"}, "", " \n")
	require.NoError(t, err, "empty zones are no zones")
	assert.Empty(t, p.Zones)
	assert.Equal(t, "Anna Eriksson", p.Query.Name)
	assert.Equal(t, p, New(Traveller{Name: "Anna Eriksson"}, nil))
}

// listedZones reads testdata/mrz/listed.txt: each zone by its comment line
// (without the "# ").
func listedZones(t testing.TB) map[string]string {
	t.Helper()
	f, err := os.Open("../../testdata/mrz/listed.txt")
	require.NoError(t, err)
	defer f.Close()
	out := map[string]string{}
	var head string
	var lines []string
	flush := func() {
		if len(lines) > 0 {
			out[head] = strings.Join(lines, "\n")
		}
		lines = nil
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		switch l := sc.Text(); {
		case strings.HasPrefix(l, "# Q"):
			head = strings.TrimPrefix(l, "# ")
		case strings.HasPrefix(l, "#"):
		case l == "":
			flush()
		default:
			lines = append(lines, l)
		}
	}
	flush()
	require.NoError(t, sc.Err())
	require.Len(t, out, 11)
	return out
}

var un struct {
	once sync.Once
	s    *screening.Screener
	err  error
}

func unScreener(t testing.TB) *screening.Screener {
	un.once.Do(func() { un.s, un.err = screening.New(context.Background()) })
	require.NoError(t, un.err)
	return un.s
}

// TestListed screens the zones of UN-listed people: each is a hit on its
// entry with its document, and — but for the zones whose name alone the
// readings do not reach — on its name and birth date alone too. The one
// query with alternative names scores each entry as the best of the
// readings screened one by one would.
func TestListed(t *testing.T) {
	// The Laagoub zone writes عبد القادر in the ICAO transliteration without
	// an X escape; mrz does not take it for one, so no Arabic reading is
	// made and only his passport finds him.
	nameNotEnough := map[string]bool{"QDi.190": true}
	s := unScreener(t)
	ctx := context.Background()
	for head, zone := range listedZones(t) {
		ref, _, _ := strings.Cut(head, " ")
		t.Run(ref, func(t *testing.T) {
			p, err := Parse(Traveller{ID: ref}, zone)
			require.NoError(t, err)
			require.NoError(t, p.Query.Validate())
			require.Len(t, p.Query.Documents, 1, "every check digit verifies: %q", p.Notes)

			r, err := s.Screen(ctx, p.Query)
			require.NoError(t, err)
			require.NotEmpty(t, r.Matches, head)
			assert.Equal(t, "UN:"+ref, r.Matches[0].EntryID, head)
			assert.Equal(t, raqib.Hit, r.Matches[0].Decision, head)

			q := p.Query
			q.Documents = nil
			r, err = s.Screen(ctx, q)
			require.NoError(t, err)
			if nameNotEnough[ref] {
				return
			}
			require.NotEmpty(t, r.Matches, head)
			assert.Equal(t, "UN:"+ref, r.Matches[0].EntryID, head)
			assert.Equal(t, raqib.Hit, r.Matches[0].Decision, head)

			var one []raqib.Query
			for _, n := range append([]string{q.Name}, q.AltNames...) {
				o := q
				o.Name, o.AltNames = n, nil
				one = append(one, o)
			}
			rs, err := s.ScreenBatch(ctx, one)
			require.NoError(t, err)
			best := 0.0
			for _, br := range rs {
				require.NoError(t, br.Err)
				for _, m := range br.Result.Matches {
					if m.EntryID == "UN:"+ref {
						best = max(best, m.Score)
					}
				}
			}
			assert.InDelta(t, best, r.Matches[0].Score, 1e-6, "merged readings score as the best reading")
		})
	}
}
