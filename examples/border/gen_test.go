package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
	"github.com/raqib/raqib/normalize/mrz"
)

var update = flag.Bool("update", false, "rewrite testdata/border/manifest.* from the generator")

// The demonstration manifest: 300 passengers, three of them on the UN
// ISIL (Da'esh) & Al-Qaida list and 297 synthetic people on no list, drawn
// by seed from the yente negatives (OpenSanctions, MIT licence: see the
// LICENSE beside the file). Regenerate with
//
//	go generate ./examples/border
const (
	negativesPath = "../../testdata/eval/yente-candidates/negatives_global.csv"
	manifestJSONL = "../../testdata/border/manifest.jsonl"
	manifestCSV   = "../../testdata/border/manifest.csv"
	manifestSize  = 300
	seedA, seedB  = 2322, 2253 // the resolutions on foreign terrorist fighters and on the ISIL & Al-Qaida list
)

// listed are the three listed passengers and the entries they must hit.
// Facts checked against the embedded list (see TestListedFacts).
var listed = []struct {
	entry string
	rec   genRecord
}{
	// QDi.155 DJAMEL LOUNICI, born 1962-02-01, Algerian: an English-style
	// spelling of جمال لونيسي; the passport number is invented.
	{"UN:QDi.155", genRecord{Name: "Jamal Lounisi", BirthDate: "1962-02-01", Nationality: "DZA", Sex: "M",
		Document: &document{Type: "passport", Number: "197351802", Country: "DZA"}}},
	// QDi.006 AIMAN MUHAMMED RABI AL-ZAWAHIRI, born 1951-06-19, Egyptian
	// passport 1084010: only the zone of that passport, with the name as an
	// Egyptian passport spells it.
	{"UN:QDi.006", genRecord{MRZ: []string{"P<EGYELZAWAHRY<<AYMAN<MOHAMED<RABIE<<<<<<<<<", "1084010<<4EGY5106192M3103142<<<<<<<<<<<<<<<0"}}},
	// QDi.082 MOUNIR EL MOTASSADEQ, born 1974-04-03, Moroccan: his name in
	// Arabic script, as a Moroccan e-visa record carries it; the passport
	// number is invented (his listed ones are H 236483 and E-491591).
	{"UN:QDi.082", genRecord{Name: "منير المتصدق", BirthDate: "1974-04-03", Nationality: "MAR", Sex: "M",
		Document: &document{Type: "passport", Number: "TK7240913", Country: "MAR"}}},
}

// genRecord is a manifest line as the generator writes it.
type genRecord struct {
	ID          string    `json:"id"`
	Name        string    `json:"name,omitempty"`
	BirthDate   string    `json:"birth_date,omitempty"`
	Nationality string    `json:"nationality,omitempty"`
	Sex         string    `json:"sex,omitempty"`
	Document    *document `json:"document,omitempty"`
	MRZ         []string  `json:"mrz,omitempty"`
}

// generate builds the manifest from the negatives: 297 distinct rows drawn
// by a partial Fisher-Yates shuffle driven by PCG(seedA, seedB), and the
// three listed passengers at positions drawn from the same generator. No row
// is chosen or left out by hand. One drawn person in five whose name is
// plain Latin comes as an MRZ only; one in six has no document number.
func generate(t *testing.T) (jsonl, csvText []byte, listedIDs map[string]string) {
	f, err := os.Open(negativesPath)
	if err != nil {
		t.Skipf("negatives not present: %v", err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"full_name", "first_name", "middle_name", "last_name", "gender", "date_of_birth", "place_of_birth", "nationality"}, rows[0])
	rows = rows[1:]

	rng := rand.New(rand.NewPCG(seedA, seedB))
	pick := func(n int) int { return draw(rng, n) }
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	others := manifestSize - len(listed)
	for i := 0; i < others; i++ {
		j := i + pick(len(idx)-i)
		idx[i], idx[j] = idx[j], idx[i]
	}
	pos := map[int]int{} // manifest position -> index in listed
	for k := range listed {
		for {
			p := pick(manifestSize)
			if _, taken := pos[p]; !taken {
				pos[p] = k
				break
			}
		}
	}

	listedIDs = map[string]string{}
	var recs []genRecord
	next := 0
	for p := 0; p < manifestSize; p++ {
		id := fmt.Sprintf("PAX%03d", p+1)
		if k, ok := pos[p]; ok {
			r := listed[k].rec
			r.ID = id
			recs = append(recs, r)
			listedIDs[id] = listed[k].entry
			continue
		}
		i := next
		next++
		recs = append(recs, synthetic(t, id, i, rows[idx[i]], rng))
	}

	var jb bytes.Buffer
	enc := json.NewEncoder(&jb)
	enc.SetEscapeHTML(false) // keep the zones' '<' readable
	for _, r := range recs {
		require.NoError(t, enc.Encode(r))
	}
	var cb bytes.Buffer
	cw := csv.NewWriter(&cb)
	require.NoError(t, cw.Write([]string{"id", "name", "birth_date", "nationality", "sex", "document_type", "document_number", "document_country", "mrz"}))
	for _, r := range recs {
		var d document
		if r.Document != nil {
			d = *r.Document
		}
		require.NoError(t, cw.Write([]string{r.ID, r.Name, r.BirthDate, r.Nationality, r.Sex, d.Type, d.Number, d.Country, strings.Join(r.MRZ, " ")}))
	}
	cw.Flush()
	require.NoError(t, cw.Error())
	return jb.Bytes(), cb.Bytes(), listedIDs
}

// draw returns a number in [0, n) from rng's own output only (the methods of
// math/rand/v2 may change their algorithms; PCG itself is fixed). The
// modulo bias is below 1e-14 for the n used here.
func draw(rng *rand.Rand, n int) int { return int(rng.Uint64() % uint64(n)) }

// synthetic makes the i-th drawn person a passenger.
func synthetic(t *testing.T, id string, i int, row []string, rng *rand.Rand) genRecord {
	full, first, middle, last, gender, dob, nat := row[0], row[1], row[2], row[3], row[4], row[5], row[7]
	sex := map[string]string{"male": "M", "female": "F"}[gender]
	code := alpha3(nat)
	number := fmt.Sprintf("%c%08d", 'A'+draw(rng, 26), draw(rng, 100000000))
	given := strings.Fields(first + " " + middle)
	if i%5 == 1 && code != "" && len(dob) == 10 && plainLatin(last, given) {
		z, err := mrz.Build(mrz.TD3, mrz.Document{
			DocumentCode: "P", IssuingState: code, Surname: mrzText(last), GivenNames: strings.Fields(mrzText(strings.Join(given, " "))),
			DocumentNumber: number, Nationality: code, BirthDate: dob[2:4] + dob[5:7] + dob[8:10], Sex: sex,
			ExpiryDate: fmt.Sprintf("%02d%02d%02d", 27+draw(rng, 9), 1+draw(rng, 12), 1+draw(rng, 28)),
		})
		require.NoError(t, err, "%s: %v", id, row)
		return genRecord{ID: id, MRZ: strings.Split(z, "\n")}
	}
	r := genRecord{ID: id, Name: full, BirthDate: dob, Nationality: code, Sex: sex}
	if code == "" {
		r.Nationality = nat
	}
	if i%6 != 3 {
		r.Document = &document{Type: "passport", Number: number, Country: r.Nationality}
	}
	return r
}

// alpha3 returns the ICAO code of a country name: ISO 3166-1 alpha-3, but
// "D" for Germany and "RKS" for Kosovo, as ICAO Doc 9303 Part 3 writes them.
func alpha3(country string) string {
	c2, ok := normalize.CountryCode(country)
	if !ok {
		return ""
	}
	switch c2 {
	case "DE":
		return "D"
	case "XK":
		return "RKS"
	}
	r, err := language.ParseRegion(c2)
	if err != nil {
		return ""
	}
	return r.ISO3()
}

// mrzText writes a name as a zone does: diacritics dropped, upper case.
func mrzText(s string) string { return strings.ToUpper(normalize.Fold(s)) }

// plainLatin reports whether a name can be written in a zone as it is.
func plainLatin(surname string, given []string) bool {
	s := mrzText(surname + " " + strings.Join(given, " "))
	if strings.TrimSpace(s) == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r == ' ' || r == '-' || r == '\'') {
			return false
		}
	}
	return true
}

// TestManifestGenerated checks that the committed manifests are what the
// generator makes (run with -update, or go generate, to rewrite them).
func TestManifestGenerated(t *testing.T) {
	jsonl, csvText, _ := generate(t)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(manifestJSONL), 0o755))
		require.NoError(t, os.WriteFile(manifestJSONL, jsonl, 0o644))
		require.NoError(t, os.WriteFile(manifestCSV, csvText, 0o644))
	}
	got, err := os.ReadFile(manifestJSONL)
	require.NoError(t, err)
	require.Equal(t, string(jsonl), string(got), "%s is not what the generator makes: go generate ./examples/border", manifestJSONL)
	got, err = os.ReadFile(manifestCSV)
	require.NoError(t, err)
	require.Equal(t, string(csvText), string(got), "%s is not what the generator makes: go generate ./examples/border", manifestCSV)
}

// TestListedFacts checks the listed passengers' data against the embedded
// list: the entry is on the Al-Qaida list, with that birth date, nationality
// and (for the zone) passport number, and the zone verifies.
func TestListedFacts(t *testing.T) {
	un, err := lists.Default()
	require.NoError(t, err)
	for _, l := range listed {
		var e *lists.Entry
		for i := range un.Entries {
			if un.Entries[i].ID == l.entry {
				e = &un.Entries[i]
			}
		}
		require.NotNil(t, e, l.entry)
		assert.Equal(t, "Al-Qaida", e.ListType, l.entry)
		assert.Equal(t, lists.KindPerson, e.Kind)
		birth, nat := l.rec.BirthDate, l.rec.Nationality
		if l.rec.MRZ != nil {
			z, err := mrz.Parse(strings.Join(l.rec.MRZ, "\n"))
			require.NoError(t, err)
			require.True(t, z.Valid(), "%s: every check digit verifies", l.entry)
			birth, nat = z.Birth.From, z.Nationality
			var numbers []string
			for _, d := range e.Documents {
				numbers = append(numbers, d.Number)
			}
			assert.Contains(t, numbers, z.DocumentNumber, l.entry)
		}
		require.NotEmpty(t, e.BirthDates)
		assert.Equal(t, birth, e.BirthDates[0].From, l.entry)
		assert.Equal(t, normalize.PrecisionDay, e.BirthDates[0].Precision)
		require.NotEmpty(t, e.Nationalities)
		code, ok := normalize.CountryCode(nat)
		require.True(t, ok, nat)
		assert.Equal(t, e.Nationalities[0].Code, code, l.entry)
	}
}
