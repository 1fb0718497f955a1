package lists

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const ftmDir = "../testdata/lists/ftm"

// ftmCount counts, by a plain JSON decode of every line, the entities of a
// file that are of a schema the reader reads, and those that are not.
func ftmCount(t *testing.T, path string) (read, other int) {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var o struct{ Schema string }
		require.NoError(t, json.Unmarshal(sc.Bytes(), &o))
		switch o.Schema {
		case "Person", "Organization", "Company", "LegalEntity", "Vessel", "PublicBody", "Airplane":
			read++
		default:
			other++
		}
	}
	return read, other
}

func TestFtMFiles(t *testing.T) {
	files := []string{
		filepath.Join(ftmDir, "opensanctions-sample.ftm.json"),
		filepath.Join(ftmDir, "zala-synthetic-excerpt.ftm.json"),
		"../../shared/data/ftm/opensanctions-sample.ftm.json",
		"../../shared/data/ftm/zala-synthetic.ftm.json",
	}
	for _, path := range files {
		t.Run(path, func(t *testing.T) {
			if _, err := os.Stat(path); err != nil {
				t.Skip("../shared/data not present")
			}
			want, other := ftmCount(t, path)
			l, err := Load(path)
			require.NoError(t, err)
			assert.Len(t, l.Entries, want, "entities of the schemata read")
			// Every other entity is counted in a named skip, one per schema.
			skipped := 0
			for _, s := range l.Skipped {
				skipped += skipCount(t, s.Error())
			}
			assert.Equal(t, other, skipped)
			for _, e := range l.Entries {
				assert.Equal(t, l.Source+":"+e.Ref, e.ID)
				assert.NotEmpty(t, e.Names)
				assert.Equal(t, NamePrimary, e.Names[0].Quality, e.ID)
			}
		})
	}
}

var skipCountRE = regexp.MustCompile(`: (\d+) entit(?:y|ies) of schema (\S+) not read`)

func skipCount(t *testing.T, msg string) int {
	m := skipCountRE.FindStringSubmatch(msg)
	require.NotNil(t, m, msg)
	n, err := strconv.Atoi(m[1])
	require.NoError(t, err)
	return n
}

func TestFtMEntry(t *testing.T) {
	l, err := Load(filepath.Join(ftmDir, "opensanctions-sample.ftm.json"))
	require.NoError(t, err)
	assert.Equal(t, "eu_fsf", l.Source, "every entity names eu_fsf")
	assert.Len(t, l.Digest, 64)
	assert.Equal(t, "sha256:"+l.Digest[:16], l.Version, "the file names no version")
	var e *Entry
	for i := range l.Entries {
		if l.Entries[i].Ref == "NK-2Ka3UvopqbpZmVDFjWd4LA" {
			e = &l.Entries[i]
		}
	}
	require.NotNil(t, e)
	// Field by field, against the line of the file.
	assert.Equal(t, "eu_fsf:NK-2Ka3UvopqbpZmVDFjWd4LA", e.ID)
	assert.Equal(t, KindPerson, e.Kind)
	assert.Equal(t, "sanction", e.ListType)
	assert.Equal(t, []string{"eu_fsf"}, e.Programs)
	assert.Equal(t, []Name{
		{Full: "Vitaly Yurievich KUZMENKO", Parts: []string{"Vitaly", "KUZMENKO"}, Quality: NamePrimary},
		{Full: "Vitalij Kuzmenko", Parts: []string{"Vitalij", "KUZMENKO"}, Quality: NameGood},
		{Full: "Виталий Юрьевич КУЗЬМЕНКО", Parts: []string{"Виталий", "КУЗЬМЕНКО"}, Quality: NameGood},
	}, e.Names)
	assert.Equal(t, []BirthDate{{DateRange: dateRange{From: "1971-01-22", To: "1971-01-22", Precision: precDay}, Text: "1971-01-22"}}, e.BirthDates)
	assert.Equal(t, []Country{{Code: "RU", Text: "ru"}}, e.Nationalities)
	assert.Equal(t, "male", e.Gender)
	assert.Equal(t, []Document{{Type: "tax number", Number: "366510784303", Normalized: "366510784303"}}, e.Documents)
	assert.Equal(t, []string{"General Director of JSC 163 Armor Repair Plant"}, e.Designations)
	assert.Equal(t, "The plant is part of the High Precision Systems holding company of Rostec", e.Remarks)
	assert.Equal(t, "2024-02-23", e.Raw["createdAt"])
	assert.Equal(t, "2024-03-28T18:57:01", e.Raw["last_change"])
	assert.NotContains(t, e.Raw, "last_seen", "last_seen changes with every export")
	assert.Contains(t, e.Raw["referents"], "ru-inn-366510784303")
	assert.Equal(t, l.Version, e.ListVersion)
}

func TestFtMMapping(t *testing.T) {
	in := `{"id":"x1","schema":"Person","caption":"B","properties":{"name":["A","B"],"alias":["C"],"weakAlias":["D"],"previousName":["E"],"firstName":["Ann"],"lastName":["Lee"],"birthDate":["1970","1970-05","1970-05-02T10:00:00","bad"],"birthPlace":["Gaza"],"birthCountry":["eg"],"citizenship":["suhh"],"country":["jo"],"gender":["other"],"passportNumber":["P-1"],"idNumber":["77"],"topics":["role.pep","crime.terror"],"website":["w"]},"datasets":["a","b"],"referents":["ofac-12","unsc-1"],"target":false}
{"id":"x2","schema":"Vessel","properties":{"name":["SEA"],"imoNumber":["IMO 9123456"],"flag":["pa"],"country":["gr"]},"datasets":["a"]}
{"id":"x3","schema":"LegalEntity","properties":{"name":["Z"],"birthDate":["1960"]},"datasets":["a"]}
{"id":"x4","schema":"Person","properties":{"firstName":["Ann"],"fatherName":["Bo"],"lastName":["Lee"]},"datasets":["a","c"]}
`
	l, err := Read(strings.NewReader(in), "f.ftm.json")
	require.NoError(t, err)
	assert.Equal(t, "a", l.Source, "the one dataset every entity names")
	require.Len(t, l.Entries, 4)
	p := l.Entries[0]
	assert.Equal(t, "a:x1", p.ID)
	assert.Equal(t, []Name{
		{Full: "B", Quality: NamePrimary}, {Full: "A", Quality: NameGood}, {Full: "C", Quality: NameGood},
		{Full: "E", Quality: NameFormer}, {Full: "D", Quality: NameLow, Note: "weak alias"},
	}, p.Names)
	require.Len(t, p.BirthDates, 3)
	assert.Equal(t, precYear, p.BirthDates[0].Precision)
	assert.Equal(t, dateRange{From: "1970-05-01", To: "1970-05-31", Precision: precMonth}, p.BirthDates[1].DateRange)
	assert.Equal(t, "1970-05-02", p.BirthDates[2].From)
	assert.Equal(t, "bad", p.Raw["birthDate"])
	assert.Equal(t, []Place{{Text: "Gaza", Country: Country{Code: "EG", Text: "eg"}}}, p.BirthPlaces)
	assert.Equal(t, []Country{{Text: "suhh"}}, p.Citizenships)
	assert.Empty(t, p.Nationalities, "a person's country is not a nationality")
	assert.Equal(t, "jo", p.Raw["country"])
	assert.Equal(t, "", p.Gender)
	assert.Equal(t, "other", p.Raw["gender"])
	assert.Equal(t, "crime.terror", p.ListType, "the most serious topic")
	assert.Equal(t, "role.pep, crime.terror", p.Raw["topics"])
	assert.Equal(t, []string{"OFAC:12"}, p.CrossRefs)
	assert.Equal(t, "false", p.Raw["target"])
	assert.Equal(t, "w", p.Raw["website"])
	assert.Equal(t, []string{"passport", "identification number"}, []string{p.Documents[0].Type, p.Documents[1].Type})

	v := l.Entries[1]
	assert.Equal(t, KindVessel, v.Kind)
	assert.Equal(t, []Document{{Type: "imo number", Number: "IMO 9123456", Normalized: "9123456"}}, v.Documents)
	assert.Equal(t, []Country{{Code: "GR", Text: "gr"}, {Code: "PA", Text: "pa"}}, v.Nationalities)

	assert.Equal(t, KindPerson, l.Entries[2].Kind, "a LegalEntity with a birth date is a person")
	assert.Equal(t, []Name{{Full: "Ann Bo Lee", Parts: []string{"Ann", "Bo", "Lee"}, Quality: NamePrimary, Note: "from name parts"}}, l.Entries[3].Names)
}

func TestFtMBadInput(t *testing.T) {
	good := `{"id":"g1","schema":"Person","properties":{"name":["A"]},"datasets":["d"]}` + "\n" +
		`{"id":"g2","schema":"Person","properties":{"name":["B"]},"datasets":["d"]}` + "\n"
	tests := []struct {
		name, in string
		skipped  []string
		err      string
	}{
		{"no id", `{"schema":"Person","properties":{"name":["A"]}}` + "\n" + good, []string{`f:1: no "id"`}, ""},
		{"no name", `{"id":"x","schema":"Person","properties":{}}` + "\n" + good, []string{"f:1: record x: no name"}, ""},
		{"not strings", `{"id":"x","schema":"Person","properties":{"name":[{"a":1}]}}` + "\n" + good, []string{"f:1: not an FtM entity"}, ""},
		{"bad json", `{"id":"x","schema":"Person",` + "\n" + good, []string{"f:1: not an FtM entity"}, ""},
		{"duplicate", good + `{"id":"g1","schema":"Person","properties":{"name":["C"]}}` + "\n", []string{"f:3: record g1: duplicate id"}, ""},
		{"invalid utf8", "{\"id\":\"x\",\"schema\":\"Person\",\"properties\":{\"name\":[\"\xff\"]}}\n" + good, []string{"f:1: invalid UTF-8"}, ""},
		{"other schemata", good + `{"id":"s1","schema":"Sanction","properties":{}}` + "\n" + `{"id":"s2","schema":"Sanction","properties":{}}` + "\n",
			[]string{"f:3: record s1: 2 entities of schema Sanction not read"}, ""},
		{"mostly bad", `{"id":"x","schema":"Person"}` + "\n" + `{"id":"y","schema":"Person"}` + "\n" + `{"id":"g","schema":"Person","properties":{"name":["A"]}}`, nil, "f:1: record x: more records skipped than read: 2 of 3"},
		{"long line", `{"id":"x","schema":"Person","properties":{"name":["` + strings.Repeat("a", MaxRecord) + `"]}}`, nil, "f:1: input exceeds limit: line longer than"},
		{"delta is not a list", `{"op":"ADD","entity":{"id":"x","schema":"Person","properties":{"name":["A"]}}}`, nil, "f:1: not a list: an FtM delta file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Read(strings.NewReader(tt.in), "f")
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			require.Len(t, l.Skipped, len(tt.skipped))
			for i, s := range tt.skipped {
				assert.Contains(t, l.Skipped[i].Error(), s)
			}
		})
	}
}

// TestFtMDeltaChain applies OpenSanctions' delta files one after the other
// to the sample list: each step gives the next list and the Delta that Diff
// gives between the two, and the entry counts follow the operations.
func TestFtMDeltaChain(t *testing.T) {
	base, err := Load(filepath.Join(ftmDir, "opensanctions-sample.ftm.json"))
	require.NoError(t, err)
	ids := map[string]bool{}
	for _, e := range base.Entries {
		ids[e.Ref] = true
	}
	deltas, err := filepath.Glob(filepath.Join(ftmDir, "delta-*.json"))
	require.NoError(t, err)
	require.Len(t, deltas, 4)
	prev := base
	for _, path := range deltas { // Glob sorts: version order
		// The expected IDs from the operations, by a plain decode.
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		dec := json.NewDecoder(bytes.NewReader(b))
		for dec.More() {
			var op struct {
				Op     string
				Entity struct{ ID string }
			}
			require.NoError(t, dec.Decode(&op))
			if op.Op == "DEL" {
				delete(ids, op.Entity.ID)
			} else {
				ids[op.Entity.ID] = true
			}
		}
		next, d, err := LoadFtMDelta(context.Background(), prev, path)
		require.NoError(t, err, path)
		assert.Len(t, next.Entries, len(ids), path)
		for _, e := range next.Entries {
			assert.True(t, ids[e.Ref], e.Ref)
			assert.Equal(t, next.Version, e.ListVersion)
			assert.Equal(t, "eu_fsf:"+e.Ref, e.ID)
		}
		assert.Equal(t, strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), "delta-"), ".json"), next.Version)
		assert.Equal(t, Diff(prev, next), d, path)
		assert.NotEqual(t, prev.Digest, next.Digest)
		prev = next
	}
	assert.Equal(t, len(base.Entries)+3, len(prev.Entries), "two ADDs, one ADD and its DEL, one ADD")
	assert.Len(t, base.Entries, 6, "the base list is not modified")
}

func TestFtMDeltaOps(t *testing.T) {
	base, err := Read(strings.NewReader(
		`{"id":"a","schema":"Person","properties":{"name":["A"]},"datasets":["d"]}`+"\n"+
			`{"id":"b","schema":"Person","properties":{"name":["B"]},"datasets":["d"]}`+"\n"+
			`{"id":"c","schema":"Person","properties":{"name":["C"]},"datasets":["d"]}`+"\n"), "base.ftm.json")
	require.NoError(t, err)
	delta := `{"op":"MOD","entity":{"id":"a","schema":"Person","properties":{"name":["A2"]},"datasets":["d"]}}
{"op":"MOD","entity":{"id":"b","schema":"Person","properties":{"name":["B"]},"datasets":["d"]}}
{"op":"DEL","entity":{"id":"c"}}
{"op":"ADD","entity":{"id":"n","schema":"Company","properties":{"name":["N"]},"datasets":["d"]}}
{"op":"ADD","entity":{"id":"t","schema":"Person","properties":{"name":["T"]},"datasets":["d"]}}
{"op":"DEL","entity":{"id":"t"}}
{"op":"DEL","entity":{"id":"zz"}}
{"op":"ADD","entity":{"id":"s","schema":"Sanction","properties":{}}}
{"op":"PATCH","entity":{"id":"a"}}
`
	next, d, err := ApplyFtMDelta(context.Background(), base, strings.NewReader(delta), "update.json")
	require.NoError(t, err)
	assert.Equal(t, []string{"d:a", "d:b", "d:n"}, ids(next.Entries))
	assert.Equal(t, Diff(base, next), d)
	assert.Equal(t, []string{"d:n"}, ids(d.Added))
	assert.Equal(t, []string{"d:c"}, ids(d.Removed))
	require.Len(t, d.Changed, 1, "a MOD with the same content is no change")
	assert.Equal(t, []string{"names"}, d.Changed[0].Fields)
	assert.Equal(t, "sha256:"+next.Digest[:16], next.Version, "no version in the file name")
	msgs := errStrings(next.Skipped)
	require.Len(t, msgs, 3)
	assert.Contains(t, msgs[0], "update.json:9: record a: unknown operation \"PATCH\"")
	assert.Contains(t, msgs[1], "update.json:8: record s: 1 entity of schema Sanction not read")
	assert.Contains(t, msgs[2], "update.json:7: record zz: 1 DEL operation named entities the list does not hold")
	assert.Equal(t, []string{"A"}, []string{base.Entries[0].Names[0].Full}, "base is not modified")

	// A cancelled context stops it.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err = ApplyFtMDelta(ctx, base, strings.NewReader(strings.Repeat(`{"op":"DEL","entity":{"id":"zz"}}`+"\n", 5000)), "u.json")
	require.ErrorIs(t, err, context.Canceled)
}
