package lists

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const ukFile = "../testdata/lists/uk-conlist-2018-04-13-isil.csv"

func TestUK(t *testing.T) {
	l, err := Load(ukFile)
	require.NoError(t, err)
	assert.Empty(t, l.Skipped)
	assert.Equal(t, "UK", l.Source)
	assert.Equal(t, "2018-04-13", l.Version)

	// One entry per Group ID: count the distinct last fields independently.
	raw, err := os.ReadFile(ukFile)
	require.NoError(t, err)
	groups := map[string]bool{}
	for i, line := range bytes.Split(bytes.TrimSpace(raw), []byte("\n")) {
		if i < 2 {
			continue
		}
		f := bytes.Split(bytes.TrimSpace(line), []byte(","))
		groups[string(f[len(f)-1])] = true
	}
	assert.Len(t, groups, 344)
	require.Len(t, l.Entries, len(groups))

	m := byID(t, l)
	for _, e := range l.Entries {
		assert.Equal(t, "The ISIL (Da'esh) and Al-Qaida organisations", e.ListType)
		assert.Equal(t, NamePrimary, e.Names[0].Quality, e.ID)
	}

	e := m["UK:13130"]
	require.NotNil(t, e)
	assert.Equal(t, KindPerson, e.Kind)
	assert.Equal(t, "Seifallah Ben Omar Ben Mohamed BEN HASSINE", e.Names[0].Full)
	assert.Contains(t, e.Names, Name{Full: "Abou AAYADH", Parts: []string{"Abou", "AAYADH"}, Quality: NameGood})
	assert.Equal(t, []string{"UN:QDi.333"}, e.CrossRefs)
	assert.Equal(t, []BirthDate{{DateRange: dateRange{From: "1965-11-08", To: "1965-11-08", Precision: precDay}, Text: "08/11/1965"}}, e.BirthDates)
	require.NotEmpty(t, e.Documents)
	assert.Equal(t, "G557170", e.Documents[0].Number)
	assert.Equal(t, "2014-10-09", e.ListedOn)
	require.Len(t, e.Nationalities, 1)
	assert.Equal(t, Country{Code: "TN", Text: "Tunisian"}, e.Nationalities[0])

	// Old-style UN references become current ones.
	assert.Equal(t, []string{"UN:QDe.146"}, m["UK:13188"].CrossRefs)
	assert.Equal(t, KindOrganisation, m["UK:13188"].Kind)

	// Windows-1252: É is 0xC9 in the file.
	assert.Contains(t, m["UK:6963"].Names, Name{Full: "GROUPE ISLAMIQUE ARMÉ", Parts: []string{"GROUPE ISLAMIQUE ARMÉ"}, Quality: NameGood})
	assert.True(t, bytes.Contains(raw, []byte("ARM\xc9")))

	// "00/00/1980": a year; "1) Saudi Arabia 2) Qatar": two nationalities;
	// the UN reference in Other Information.
	e = m["UK:13349"]
	require.NotNil(t, e)
	assert.Contains(t, e.Names, Name{Full: "Sheikh Farooq AL-QAHTANI", Parts: []string{"Sheikh", "Farooq", "AL-QAHTANI"}, Quality: NameGood})
	assert.Contains(t, e.BirthDates, BirthDate{DateRange: dateRange{From: "1980-01-01", To: "1980-12-31", Precision: precYear}, Text: "00/00/1980"})
	assert.Equal(t, []Country{{Code: "SA", Text: "Saudi Arabia"}, {Code: "QA", Text: "Qatar"}}, e.Nationalities)
}

func TestUKFull(t *testing.T) {
	const path = "../../shared/data/uk/conlist-2018-04-13.csv"
	if _, err := os.Stat(path); err != nil {
		t.Skip("../shared/data not present")
	}
	l, err := Load(path)
	require.NoError(t, err)
	assert.Len(t, l.Entries, 2106)
	assert.Empty(t, l.Skipped)
	isil := 0
	for _, e := range l.Entries {
		if slices.Contains(e.Programs, "The ISIL (Da'esh) and Al-Qaida organisations") {
			isil++
		}
	}
	assert.Equal(t, 344, isil)
}

func TestUKBadInput(t *testing.T) {
	head := "Last Updated,13/04/2018\nName 6,Name 1,Group Type,Alias Type,Group ID\n"
	tests := []struct {
		name, in string
		err      string
		entries  int
		skipped  int
	}{
		{"header only", head, "", 0, 0},
		{"no header", "Last Updated,13/04/2018\n", "uk.csv:2: no header row", 0, 0},
		{"header without group id", "Last Updated,13/04/2018\nName 6,Name 1\n", `uk.csv:2: unknown list format: header has no "Group ID" column`, 0, 0},
		{"broken quote", head + "A,\"B,Individual,AKA,1\nC,D,Individual,AKA,2\n", "uk.csv:3", 0, 0},
		{"bad group id", head + "A,B,Individual,AKA,x\nC,D,Individual,Prime Alias,2\n", "", 1, 1},
		{"group without name", head + ",,Individual,AKA,7\nC,D,Individual,Prime Alias,2\n", "", 1, 1},
		{"only a group without name", head + ",,Individual,AKA,7\n", "uk.csv:3: record 7: more records skipped than read", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Read(strings.NewReader(tt.in), "uk.csv")
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Len(t, l.Entries, tt.entries)
			assert.Len(t, l.Skipped, tt.skipped)
		})
	}
}

func TestUKDOB(t *testing.T) {
	tests := []struct {
		in   string
		want dateRange
		ok   bool
	}{
		{"01/02/1962", dateRange{From: "1962-02-01", To: "1962-02-01", Precision: precDay}, true},
		{"00/02/1962", dateRange{From: "1962-02-01", To: "1962-02-28", Precision: precMonth}, true},
		{"00/02/1960", dateRange{From: "1960-02-01", To: "1960-02-29", Precision: precMonth}, true},
		{"00/00/1962", dateRange{From: "1962-01-01", To: "1962-12-31", Precision: precYear}, true},
		{"31/04/1962", dateRange{}, false},
		{"1962", dateRange{}, false},
		{"aa/bb/cccc", dateRange{}, false},
		{"01/13/1962", dateRange{}, false},
	}
	for _, tt := range tests {
		got, ok := ukDOB(tt.in)
		assert.Equal(t, tt.ok, ok, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}

func TestUKEncodings(t *testing.T) {
	head := "Last Updated,13/04/2018\nName 6,Name 1,Group Type,Alias Type,Group ID\n"
	for _, tt := range []struct{ name, in, want string }{
		{"windows-1252", head + "ARM\xc9,,Entity,Prime Alias,1\n", "ARMÉ"},
		{"utf-8", head + "ARMÉ,,Entity,Prime Alias,1\n", "ARMÉ"},
		{"utf-8 bom", "\xef\xbb\xbf" + head + "ARMÉ,,Entity,Prime Alias,1\n", "ARMÉ"},
		{"ascii", head + "ARME,,Entity,Prime Alias,1\n", "ARME"},
	} {
		l, err := readFormat(readUK, strings.NewReader(tt.in), "uk.csv")
		require.NoError(t, err, tt.name)
		require.Len(t, l.Entries, 1, tt.name)
		assert.Equal(t, tt.want, l.Entries[0].Names[0].Full, tt.name)
	}
	assert.True(t, looksUTF8([]byte("é\xc3")), "cut inside a character")
	assert.False(t, looksUTF8([]byte("ab\xc9cd")))
	assert.False(t, looksUTF8([]byte("abcd")))
}
