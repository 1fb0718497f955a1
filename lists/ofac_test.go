package lists

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const ofacDir = "../testdata/lists/ofac-sdn-2021-07"

// countDataLines counts the lines of a file that start with a digit (OFAC
// records start with their ent_num; a quoted field rarely wraps).
func countDataLines(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	n := 0
	for _, l := range bytes.Split(b, []byte("\n")) {
		if len(l) > 0 && l[0] >= '0' && l[0] <= '9' {
			n++
		}
	}
	return n
}

func TestOFAC(t *testing.T) {
	l, err := Load(filepath.Join(ofacDir, "sdn.csv"))
	require.NoError(t, err)
	assert.Empty(t, l.Skipped)
	assert.Equal(t, "OFAC", l.Source)
	require.Len(t, l.Entries, countDataLines(t, filepath.Join(ofacDir, "sdn.csv")))
	assert.Len(t, l.Entries, 8976)

	kinds := map[Kind]int{}
	alts := 0
	for _, e := range l.Entries {
		kinds[e.Kind]++
		for _, n := range e.Names[1:] {
			if n.Note != "remarks" {
				alts++
			}
		}
	}
	assert.Equal(t, map[Kind]int{KindPerson: 4620, KindOrganisation: 3673, KindVessel: 406, KindAircraft: 277}, kinds)
	assert.Equal(t, countDataLines(t, filepath.Join(ofacDir, "alt.csv")), alts, "every alt.csv row is a name")

	m := byID(t, l)
	e := m["OFAC:3754"]
	require.NotNil(t, e)
	assert.Equal(t, Name{Full: "ABU MARZOOK, Mousa Mohammed", Parts: []string{"ABU MARZOOK", "Mousa Mohammed"}, Quality: NamePrimary}, e.Names[0])
	assert.Contains(t, e.Names, Name{Full: "ABU-'UMAR", Quality: NameGood, Note: "remarks"})
	assert.Contains(t, e.Names, Name{Full: "MARZUK, Musa Abu", Parts: []string{"MARZUK", "Musa Abu"}, Quality: NameGood})
	assert.Equal(t, []string{"SDGT"}, e.Programs)
	assert.Equal(t, "SDGT", e.ListType)
	require.Len(t, e.BirthDates, 1)
	assert.Equal(t, dateRange{From: "1951-02-09", To: "1951-02-09", Precision: precDay}, e.BirthDates[0].DateRange)
	require.Len(t, e.BirthPlaces, 1)
	assert.Equal(t, "Gaza, Egypt", e.BirthPlaces[0].Text)
	require.Len(t, e.Documents, 2)
	assert.Equal(t, "passport", e.Documents[0].Type)
	assert.Equal(t, "92/664", e.Documents[0].Number)
	assert.Equal(t, "Egypt", e.Documents[0].Country.Text)
	assert.Equal(t, "ssn", e.Documents[1].Type)

	// sdn_comments.csv continues a cut Remarks field.
	e = m["OFAC:28264"]
	require.NotNil(t, e)
	assert.True(t, strings.HasSuffix(e.Remarks, "Linked To: LAZARUS GROUP."), e.Remarks)
	assert.Contains(t, e.Names, Name{Full: "khaleesi", Quality: NameGood, Note: "remarks"})
	assert.Equal(t, "male", e.Gender)
	assert.Equal(t, []string{"DPRK3", "CYBER2"}, e.Programs)
	require.NotEmpty(t, e.Nationalities)
	assert.Equal(t, "China", e.Nationalities[0].Text)

	// add.csv addresses, "-0-" as null.
	e = m["OFAC:36"]
	require.NotNil(t, e)
	assert.Equal(t, KindOrganisation, e.Kind)
	require.Len(t, e.Addresses, 1)
	assert.Equal(t, Place{Text: "Havana, Cuba", City: "Havana", Country: country("Cuba")}, e.Addresses[0])
	assert.Empty(t, e.Remarks)
	assert.Empty(t, e.Titles)

	// Vessel fields have no home but are kept.
	vessels := 0
	for _, e := range l.Entries {
		if e.Kind == KindVessel && e.Raw["vessel_type"] != "" {
			vessels++
		}
	}
	assert.Equal(t, 295, vessels, "vessels with a Vess_type")
}

func TestOFACWithoutCompanions(t *testing.T) {
	// Read (no path) cannot see the companions: names come only from sdn.csv.
	f, err := os.Open(filepath.Join(ofacDir, "sdn.csv"))
	require.NoError(t, err)
	defer f.Close()
	l, err := Read(f, "sdn.csv")
	require.NoError(t, err)
	require.Len(t, l.Entries, 8976)
	for _, e := range l.Entries {
		for _, n := range e.Names[1:] {
			require.Equal(t, "remarks", n.Note, e.ID)
		}
		require.Empty(t, e.Addresses)
	}
}

func TestOFACFull2024(t *testing.T) {
	const path = "../../shared/data/ofac/sdn-2024-05-03.csv"
	if _, err := os.Stat(path); err != nil {
		t.Skip("../shared/data not present")
	}
	l, err := Load(path)
	require.NoError(t, err)
	assert.Len(t, l.Entries, 14965)
	assert.Empty(t, l.Skipped)
}

func TestOFACBadInput(t *testing.T) {
	good := `36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\r\n"
	tests := []struct {
		name, in  string
		line      int
		want      string
		entries   int
		skipped   int
		wantError bool
	}{
		{"broken quote", good + `173,"ANGLO-CARIBBEAN CO., LTD.,-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\r\n" + good, 2, `sdn.csv:2: extraneous or missing " in quoted-field`, 0, 0, true},
		{"huge field", good + `1,"` + strings.Repeat("x", MaxField+100<<10) + `",-0-`, 2, "sdn.csv:2: input exceeds limit", 0, 0, true},
		{"huge first field", `1,"` + strings.Repeat("x", MaxField+100<<10) + `",-0-`, 1, "sdn.csv:1: input exceeds limit", 0, 0, true},
		{"short record", good + "173,\"X\",-0-\r\n", 2, "sdn.csv:2: record 173: 3 fields, want 12", 1, 1, false},
		{"bad ent_num", good + `x1,"X",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\r\n", 2, "not a number", 1, 1, false},
		{"duplicate", good + good, 2, "duplicate", 1, 1, false},
		{"invalid utf8", good + "173,\"\xff\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n", 2, "UTF-8", 1, 1, false},
		{"dos eof", good + "\x1a", 0, "", 1, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Read(strings.NewReader(tt.in), "sdn.csv")
			if tt.wantError {
				require.Error(t, err)
				var pe *ParseError
				require.ErrorAs(t, err, &pe)
				if tt.line > 0 {
					assert.Equal(t, tt.line, pe.Line)
				}
				assert.Contains(t, err.Error(), tt.want)
				return
			}
			require.NoError(t, err)
			assert.Len(t, l.Entries, tt.entries)
			require.Len(t, l.Skipped, tt.skipped)
			if tt.skipped > 0 {
				assert.Contains(t, l.Skipped[0].Error(), tt.want)
			}
		})
	}
}

func TestOFACCompanionErrors(t *testing.T) {
	dir := t.TempDir()
	sdn := `36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sdn.csv"), []byte(sdn), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "alt.csv"), []byte("36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \n99,13,\"aka\",\"NOBODY\",-0- \n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "add.csv"), []byte("36,25,-0- ,\"Havana\",\"Cuba\",-0- \n36,26,\"bad\n"), 0o644))
	_, err := Load(filepath.Join(dir, "sdn.csv"))
	require.Error(t, err, "a broken companion file is an error")
	assert.Contains(t, err.Error(), "add.csv:2")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "add.csv"), []byte("36,25,-0- ,\"Havana\",\"Cuba\",-0- \n"), 0o644))
	l, err := Load(filepath.Join(dir, "sdn.csv"))
	require.NoError(t, err)
	require.Len(t, l.Entries, 1)
	assert.Len(t, l.Entries[0].Names, 2)
	assert.Len(t, l.Entries[0].Addresses, 1)
	require.Len(t, l.Skipped, 1, "the alt.csv row for an unknown ent_num is reported")
	assert.Contains(t, l.Skipped[0].Error(), "alt.csv:2: record 99")
}

func BenchmarkLoadOFAC(b *testing.B) {
	for b.Loop() {
		if _, err := Load(filepath.Join(ofacDir, "sdn.csv")); err != nil {
			b.Fatal(err)
		}
	}
}
