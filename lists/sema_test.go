package lists

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSEMAFiles(t *testing.T) {
	for _, path := range []string{"../testdata/lists/canada/sema-2020-excerpt.xml", "../../shared/data/canada/sema-2020.xml"} {
		t.Run(path, func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Skip("../shared/data not present")
			}
			// Independent count: the <record> elements, and those naming an entity.
			records := len(regexp.MustCompile(`<record>`).FindAll(b, -1))
			entities := len(regexp.MustCompile(`<record>\s*<Country>[^<]*</Country>\s*<Entity>`).FindAll(b, -1))
			l, err := Load(path)
			require.NoError(t, err)
			assert.Equal(t, "CA-SEMA", l.Source)
			assert.Len(t, l.Entries, records)
			assert.Empty(t, l.Skipped)
			orgs := 0
			for _, e := range l.Entries {
				if e.Kind == KindOrganisation {
					orgs++
				}
				assert.True(t, strings.HasPrefix(e.ID, "CA-SEMA:"), e.ID)
			}
			assert.Equal(t, entities, orgs)
			assert.Equal(t, "sha256:"+l.Digest[:16], l.Version, "the file names no version")
		})
	}
}

func TestSEMAEntry(t *testing.T) {
	l, err := Load("../testdata/lists/canada/sema-2020-excerpt.xml")
	require.NoError(t, err)
	byID := map[string]Entry{}
	for _, e := range l.Entries {
		byID[e.ID] = e
	}
	// <Country>Burma / Birmanie</Country><Entity>Htoo Furniture</Entity>
	// <Aliases>Htoo Wood, Htoo Wood Products, Htoo Wood Products Pte. Limited, Htoo Wood-Based Industry</Aliases>
	// <Schedule>1</Schedule><Item>7</Item>
	e, ok := byID["CA-SEMA:burma-1-7"]
	require.True(t, ok)
	assert.Equal(t, KindOrganisation, e.Kind)
	assert.Equal(t, "burma-1-7", e.Ref)
	assert.Equal(t, "Burma / Birmanie", e.ListType)
	assert.Equal(t, []Name{
		{Full: "Htoo Furniture", Quality: NamePrimary},
		{Full: "Htoo Wood", Quality: NameGood},
		{Full: "Htoo Wood Products", Quality: NameGood},
		{Full: "Htoo Wood Products Pte. Limited", Quality: NameGood},
		{Full: "Htoo Wood-Based Industry", Quality: NameGood},
	}, e.Names)
	assert.Equal(t, map[string]string{"schedule": "1"}, e.Raw)

	// A person with two birth dates, in the JVCFOR regime.
	p, ok := byID["CA-SEMA:jvcfor-1-54"]
	require.True(t, ok, "ids: %v", ids(l.Entries)[:5])
	assert.Equal(t, KindPerson, p.Kind)
	assert.Equal(t, Name{Full: "Mansour Othman ABAHUSSAIN", Parts: []string{"Mansour Othman", "ABAHUSSAIN"}, Quality: NamePrimary}, p.Names[0])
	require.Len(t, p.BirthDates, 2)
	assert.Equal(t, "1972-08-10", p.BirthDates[0].From)
	assert.Equal(t, "1972-08-11", p.BirthDates[1].From)
}

func TestSEMAAliases(t *testing.T) {
	tests := []struct {
		given, last, alias string
		want               []string
	}{
		{"Igor", "GIRKIN", "Igor STRELKOV", []string{"Igor STRELKOV"}},
		{"Dmitry", "PASHCHENKO", "PASHENKO", []string{"Dmitry PASHENKO"}},
		{"Alexei", "DYUMIN", "Aleksei", []string{"Aleksei DYUMIN", "Aleksei"}},
		{"Anisah", "Al Assad", "Anisah Al Assad", []string{"Anisah Al Assad"}},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range semaPersonAlias(tt.alias, tt.given, tt.last) {
			got = append(got, n.Full)
		}
		assert.Equal(t, tt.want, got, tt.alias)
	}
	assert.Equal(t, []string{"Air Bagan Holdings Pte. Ltd.", "Air Bagan Limited"}, splitSEMAAliases("Air Bagan Holdings Pte. Ltd., Air Bagan Limited"))
	assert.Equal(t, []string{"X Trading Co., Ltd.", "Rosselkhozbank"}, splitSEMAAliases("X Trading Co., Ltd., (Rosselkhozbank)"))
	assert.Equal(t, []string{"Islamic Revolutionary Guard Corps", "Corps des Gardiens de la Révolution islamique"}, semaBilingual("Islamic Revolutionary Guard Corps/Corps des Gardiens de la Révolution islamique"))
	assert.Equal(t, []string{"MEC Steel Mills (Hmaw Bi/Pyi/Ywama)"}, semaBilingual("MEC Steel Mills (Hmaw Bi/Pyi/Ywama)"))
}

func TestSEMABadInput(t *testing.T) {
	rec := func(item, name string) string {
		return "<record><Country>Iran</Country><LastName>" + name + "</LastName><Schedule>1</Schedule><Item>" + item + "</Item></record>\n"
	}
	tests := []struct {
		name, in string
		entries  int
		skipped  []string
		err      string
	}{
		{"no item", "<data-set>\n" + rec("", "A") + rec("2", "B") + rec("3", "C") + "</data-set>", 2, []string{"ca.xml:2: no Country or no Item"}, ""},
		{"duplicate", "<data-set>\n" + rec("1", "A") + rec("1", "B") + rec("3", "C") + "</data-set>", 2, []string{"ca.xml:3: record iran-1-1: duplicate"}, ""},
		{"no name", "<data-set>\n" + rec("1", "") + rec("2", "B") + rec("3", "C") + "</data-set>", 2, []string{"ca.xml:2: record iran-1-1: no Entity, LastName or GivenName"}, ""},
		{"truncated", "<data-set>\n" + rec("1", "A"), 0, nil, "ca.xml:3: truncated"},
		{"all bad", "<data-set>\n" + rec("", "A") + "</data-set>", 0, nil, "more records skipped than read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Read(strings.NewReader(tt.in), "ca.xml")
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Len(t, l.Entries, tt.entries)
			require.Len(t, l.Skipped, len(tt.skipped))
			for i, s := range tt.skipped {
				assert.Contains(t, l.Skipped[i].Error(), s)
			}
		})
	}
}
