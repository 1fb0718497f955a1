package lists

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const ofacAdvFile = "../testdata/lists/ofac-advanced/constructed.xml"

func TestOFACAdvanced(t *testing.T) {
	b, err := os.ReadFile(ofacAdvFile)
	require.NoError(t, err)
	// Independent count: the DistinctParty elements.
	parties := len(regexp.MustCompile(`<DistinctParty `).FindAll(b, -1))
	l, err := Load(ofacAdvFile)
	require.NoError(t, err)
	assert.Equal(t, "OFAC", l.Source)
	assert.Equal(t, "2021-07-09", l.Version, "DateOfIssue")
	assert.Len(t, l.Entries, parties-2)
	assert.Equal(t, []string{"OFAC:36", "OFAC:3754", "OFAC:4238"}, ids(l.Entries))
	assert.Equal(t, []string{
		"constructed.xml:235: record 9999: no name",
		"constructed.xml:242: record 9998: PartySubTypeID \"77\" is not in the reference values",
	}, trimDirs(errStrings(l.Skipped)))

	e := l.Entries[1]
	assert.Equal(t, KindPerson, e.Kind)
	assert.Equal(t, []Name{
		{Full: "ABU MARZOOK Mousa Mohammed", Parts: []string{"ABU MARZOOK", "Mousa", "Mohammed"}, Quality: NamePrimary},
		{Full: "أبو مرزوق موسى", Parts: []string{"أبو مرزوق", "موسى"}, Quality: NameOriginalScript, Note: "script Arab"},
		{Full: "MARZUK Musa Abu", Parts: []string{"MARZUK", "Musa Abu"}, Quality: NameGood},
		{Full: "ABU-'UMAR", Quality: NameLow},
		{Full: "ABU-MARZUQ Sa'id", Parts: []string{"ABU-MARZUQ", "Sa'id"}, Quality: NameFormer},
	}, e.Names)
	assert.Equal(t, []BirthDate{
		{DateRange: dateRange{From: "1951-02-09", To: "1951-02-09", Precision: precDay}, Text: "1951-02-09"},
		{DateRange: dateRange{From: "1949-01-01", To: "1951-12-31", Precision: precApprox}, Text: "approximately 1950"},
	}, e.BirthDates)
	assert.Equal(t, []Place{{Text: "Gaza, Egypt", City: "Gaza", Country: Country{Code: "EG", Text: "Egypt"}}}, e.BirthPlaces)
	assert.Equal(t, []Country{{Code: "EG", Text: "Egypt"}}, e.Nationalities)
	assert.Equal(t, "male", e.Gender)
	assert.Equal(t, []string{"Political Leader in Amman, Jordan and Damascus, Syria for HAMAS"}, e.Titles)
	assert.Equal(t, []Document{
		{Type: "passport", Number: "92/664", Normalized: "92664", Country: Country{Code: "EG", Text: "Egypt"}, IssueDate: "1992-03-01"},
		{Type: "ssn", Number: "523-33-8386", Normalized: "523338386", Country: Country{Code: "US", Text: "United States"}},
	}, e.Documents)
	assert.Equal(t, []string{"SDGT"}, e.Programs)
	assert.Equal(t, "SDGT", e.ListType)
	assert.Equal(t, "1995-08-29", e.ListedOn)
	assert.Equal(t, "SDN List", e.Raw["list"])

	org := l.Entries[0]
	assert.Equal(t, KindOrganisation, org.Kind)
	assert.Equal(t, []Name{{Full: "AEROCARIBBEAN AIRLINES", Quality: NamePrimary}, {Full: "AERO-CARIBBEAN", Quality: NameGood}}, org.Names)
	assert.Equal(t, []Place{{Text: "Havana, Cuba", City: "Havana", Country: Country{Code: "CU", Text: "Cuba"}}}, org.Addresses)
	assert.Equal(t, "block: Block", org.Raw["measure"])

	v := l.Entries[2]
	assert.Equal(t, KindVessel, v.Kind)
	assert.Equal(t, map[string]string{"Vessel Call Sign": "CL2192", "Vessel Type": "Tug", "Vessel Flag": "Cuba",
		"Vessel Gross Registered Tonnage": "212", "list": "SDN List"}, v.Raw)

	// The same parties as the legacy CSV of the same time: same IDs, kinds,
	// programs (the CSV up to ent_num 4238 is enough).
	sdn, err := os.ReadFile("../testdata/lists/ofac-sdn-2021-07/sdn.csv")
	require.NoError(t, err)
	i := bytes.Index(sdn, []byte("\n4238,"))
	require.Greater(t, i, 0)
	i += bytes.IndexByte(sdn[i+1:], '\n') + 2
	csv, err := Read(bytes.NewReader(sdn[:i]), "sdn.csv")
	require.NoError(t, err)
	for _, ae := range l.Entries {
		var ce *Entry
		for i := range csv.Entries {
			if csv.Entries[i].ID == ae.ID {
				ce = &csv.Entries[i]
			}
		}
		require.NotNil(t, ce, ae.ID)
		assert.Equal(t, ce.Kind, ae.Kind, ae.ID)
		assert.Equal(t, ce.Programs, ae.Programs, ae.ID)
	}
}

func trimDirs(ss []string) []string {
	for i, s := range ss {
		ss[i] = strings.TrimPrefix(s, filepath.Dir(ofacAdvFile)+"/")
	}
	return ss
}

// TestOFACAdvancedShared: the file ../shared/data holds under ofac-advanced
// is the format's XML Schema, not a list; it is named as such.
func TestOFACAdvancedShared(t *testing.T) {
	const path = "../../shared/data/ofac-advanced/sdn_advanced-sample.xml"
	if _, err := os.Stat(path); err != nil {
		t.Skip("../shared/data not present")
	}
	_, err := Load(path)
	require.ErrorIs(t, err, ErrUnsupportedFormat)
	assert.Contains(t, err.Error(), "the XML Schema (XSD) of OFAC's advanced format")
}

func TestOFACAdvancedBadInput(t *testing.T) {
	b, err := os.ReadFile(ofacAdvFile)
	require.NoError(t, err)
	doc := string(b)
	cut := strings.Index(doc, "<SanctionsEntries>")
	tests := []struct {
		name, in string
		err      string
	}{
		{"truncated", doc[:cut], "truncated"},
		{"wrong root", `<?xml version="1.0"?><Sanctions><DateOfIssue/></Sanctions><Other/>`, "a second root element"},
		{"deep", "<Sanctions><ReferenceValueSets>" + strings.Repeat("<A>", 40) + strings.Repeat("</A>", 40) + "</ReferenceValueSets></Sanctions>", "nested deeper"},
		{"many parties of one profile", "<Sanctions><DateOfIssue/><ReferenceValueSets><PartySubTypeValues><PartySubType ID=\"1\">Vessel</PartySubType></PartySubTypeValues></ReferenceValueSets><DistinctParties>" +
			strings.Repeat(`<DistinctParty FixedRef="1"><Profile ID="1" PartySubTypeID="1"><Identity><Alias><DocumentedName><DocumentedNamePart><NamePartValue>A</NamePartValue></DocumentedNamePart></DocumentedName></Alias></Identity></Profile></DistinctParty>`, 3) +
			"</DistinctParties></Sanctions>", "adv.xml:1: record 1: more records skipped than read: 2 of 3 records could not be read; the first: duplicate Profile ID 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.in), "adv.xml")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
			var pe *ParseError
			assert.ErrorAs(t, err, &pe)
		})
	}
	d, ok := ofacDatePeriod(&xnode{name: "DatePeriod", kids: []*xnode{
		{name: "Start", kids: []*xnode{{name: "From", kids: []*xnode{{name: "Year", text: "1960"}, {name: "Month", text: "1"}, {name: "Day", text: "1"}}}}},
		{name: "End", kids: []*xnode{{name: "To", kids: []*xnode{{name: "Year", text: "1962"}, {name: "Month", text: "12"}, {name: "Day", text: "31"}}}}},
	}})
	require.True(t, ok)
	assert.Equal(t, BirthDate{DateRange: dateRange{From: "1960-01-01", To: "1962-12-31", Precision: precBetween}, Text: "between 1960 and 1962"}, d)
}
