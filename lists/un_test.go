package lists

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// byID indexes a list's entries.
func byID(t testing.TB, l *List) map[string]*Entry {
	t.Helper()
	m := make(map[string]*Entry, len(l.Entries))
	for i := range l.Entries {
		if _, dup := m[l.Entries[i].ID]; dup {
			t.Fatalf("duplicate id %s", l.Entries[i].ID)
		}
		m[l.Entries[i].ID] = &l.Entries[i]
	}
	return m
}

func TestDefaultCounts(t *testing.T) {
	l, err := Default()
	require.NoError(t, err)
	assert.Equal(t, "UN", l.Source)
	assert.Equal(t, "2026-05-08T23:00:06.922Z", l.Version)
	assert.Empty(t, l.Skipped)
	kinds := map[Kind]int{}
	qd := map[string]int{}
	for _, e := range l.Entries {
		kinds[e.Kind]++
		if strings.HasPrefix(e.Ref, "QDi.") || strings.HasPrefix(e.Ref, "QDe.") {
			qd[e.Ref[:3]]++
			assert.Equal(t, "Al-Qaida", e.ListType, e.ID)
		}
		assert.Equal(t, "UN:"+e.Ref, e.ID)
		assert.Equal(t, l.Version, e.ListVersion)
		require.NotEmpty(t, e.Names, e.ID)
		assert.Equal(t, NamePrimary, e.Names[0].Quality, e.ID)
		for _, n := range e.Names {
			assert.Equal(t, strings.TrimSpace(n.Full), n.Full, e.ID)
			assert.NotEmpty(t, n.Full, e.ID)
		}
	}
	assert.Equal(t, 737, kinds[KindPerson])
	assert.Equal(t, 272, kinds[KindOrganisation])
	assert.Equal(t, 255, qd["QDi"])
	assert.Equal(t, 88, qd["QDe"])

	// Default is parsed once and shared, but each caller gets its own slice.
	l2, err := Default()
	require.NoError(t, err)
	assert.Equal(t, len(l.Entries), len(l2.Entries))
	l2.Entries = l2.Entries[:1]
	l3, _ := Default()
	assert.Len(t, l3.Entries, 1009)
}

func TestDefaultConcurrent(t *testing.T) {
	done := make(chan int)
	for range 8 {
		go func() {
			l, err := Default()
			if err != nil {
				done <- -1
				return
			}
			done <- len(l.Entries)
		}()
	}
	for range 8 {
		assert.Equal(t, 1009, <-done)
	}
}

func TestUNEntries(t *testing.T) {
	l, err := Default()
	require.NoError(t, err)
	m := byID(t, l)

	// An ALIAS_NAME holding several spellings gives one name each.
	islami := m["UN:IRi.014"]
	require.NotNil(t, islami)
	for _, s := range []string{"Mohammad Islami", "Mohamed Islami", "Mohammed Islami"} {
		assert.True(t, slices.ContainsFunc(islami.Names, func(n Name) bool { return n.Full == s }), s)
	}

	e := m["UN:QDi.155"]
	require.NotNil(t, e)
	assert.Equal(t, "DJAMEL LOUNICI", e.Names[0].Full)
	assert.Equal(t, []string{"DJAMEL", "LOUNICI"}, e.Names[0].Parts)
	assert.Contains(t, e.Names, Name{Full: "جمال لونيسي", Quality: NameOriginalScript})
	assert.Contains(t, e.Names, Name{Full: "Jamal Lounici", Quality: NameGood})
	require.Len(t, e.BirthDates, 1)
	assert.Equal(t, dateRange{From: "1962-02-01", To: "1962-02-01", Precision: precDay}, e.BirthDates[0].DateRange)
	require.Len(t, e.Nationalities, 1)
	assert.Equal(t, "Algeria", e.Nationalities[0].Text)
	assert.Equal(t, "DZ", e.Nationalities[0].Code)
	assert.Equal(t, KindPerson, e.Kind)
	assert.Equal(t, "2004-01-16", e.ListedOn)
	assert.True(t, e.InterpolLink)
	require.Len(t, e.BirthPlaces, 1)
	assert.Equal(t, "Algiers", e.BirthPlaces[0].City)

	// Fields are trimmed: " GEDO ", "HAMDAN ", " AHMED "; gender from COMMENTS1.
	e = m["UN:SDi.007"]
	require.NotNil(t, e)
	assert.Equal(t, "GEDO HAMDAN AHMED", e.Names[0].Full)
	assert.Equal(t, "male", e.Gender)
	assert.Equal(t, "Sudan", e.ListType)
	assert.Equal(t, []string{"Commander for the North Darfur section of the Rapid Support Forces"}, e.Designations)
	assert.Empty(t, e.BirthDates, "empty placeholder")
	assert.Empty(t, e.Documents, "empty placeholder")
	assert.Empty(t, e.Addresses, "empty placeholder")
	assert.Contains(t, m, "UN:KPi.034", `"KPi.034 " is trimmed`)

	// Alias NOTE with more spellings; approximate year; Arabic-script alias.
	e = m["UN:QDi.298"]
	require.NotNil(t, e)
	assert.Contains(t, e.Names, Name{Full: "شيخ يونس الموريتاني", Quality: NameGood})
	for _, s := range []string{"Yunis al-Mauritani", "Younis al-Mauritani", "Sheikh Yunis al-Mauritani", "Shaykh Yunis the Mauritanian"} {
		assert.Contains(t, e.Names, Name{Full: s, Quality: NameGood, Note: "alias note"})
	}
	assert.Contains(t, e.Names, Name{Full: "Chingheity", Quality: NameLow})
	assert.Equal(t, []BirthDate{{DateRange: dateRange{From: "1980-01-01", To: "1982-12-31", Precision: precApprox}, Text: "approximately 1981"}}, e.BirthDates)

	// BETWEEN years.
	e = m["UN:QDi.314"]
	require.NotNil(t, e)
	assert.Equal(t, []BirthDate{{DateRange: dateRange{From: "1977-01-01", To: "1982-12-31", Precision: precBetween}, Text: "between 1977 and 1982"}}, e.BirthDates)

	// TYPE_OF_DOCUMENT2, COUNTRY_OF_ISSUE, an original-script name in an alias note.
	e = m["UN:TAi.038"]
	require.NotNil(t, e)
	require.Len(t, e.Documents, 1)
	assert.Equal(t, "passport", e.Documents[0].Type)
	assert.Equal(t, "diplomatic passport", e.Documents[0].Type2)
	assert.Equal(t, "D0009724", e.Documents[0].Number)
	assert.Equal(t, "D0009724", e.Documents[0].Normalized)
	assert.Equal(t, "Afghanistan", e.Documents[0].Country.Text)
	assert.Contains(t, e.Names, Name{Full: "عبدالباقي حقاني", Quality: NameOriginalScript, Note: "alias note"})
	assert.Len(t, e.BirthDates, 2)

	// GENDER element.
	assert.Equal(t, "male", m["UN:YEi.002"].Gender)

	// Entities: a.k.a. and f.k.a.
	var fka int
	for _, e := range l.Entries {
		if e.Kind == KindOrganisation {
			for _, n := range e.Names {
				if n.Quality == NameFormer {
					fka++
				}
			}
		}
	}
	assert.Equal(t, 19, fka, "f.k.a. aliases")
}

var (
	reRef   = regexp.MustCompile(`<REFERENCE_NUMBER>\s*(.*?)\s*</REFERENCE_NUMBER>`)
	reAName = regexp.MustCompile(`<ALIAS_NAME>\s*[^\s<]`)
	reOrig  = regexp.MustCompile(`<NAME_ORIGINAL_SCRIPT>\s*[^\s<]`)
	reText  = regexp.MustCompile(`<([A-Z_0-9]+)>\s*[^\s<]`)
)

// blocks returns the contents of every <tag>...</tag> in b, by plain search.
func blocks(b []byte, tag string) [][]byte {
	open, end := []byte("<"+tag+">"), []byte("</"+tag+">")
	var out [][]byte
	for {
		i := bytes.Index(b, open)
		if i < 0 {
			return out
		}
		b = b[i+len(open):]
		j := bytes.Index(b, end)
		if j < 0 {
			return out
		}
		out = append(out, b[:j])
		b = b[j+len(end):]
	}
}

// records returns the bodies of the INDIVIDUAL and ENTITY elements.
func records(b []byte) [][]byte {
	return append(blocks(b, "INDIVIDUAL"), blocks(b, "ENTITY")...)
}

// independentCounts counts, per reference, the aliases with a name, the
// birth dates with a DATE, YEAR or FROM_YEAR/TO_YEAR, and the documents
// with any content, by scanning the XML text (not with the reader).
func independentCounts(t *testing.T, xml []byte) map[string][3]int {
	t.Helper()
	out := map[string][3]int{}
	for _, body := range records(xml) {
		ref := reRef.FindSubmatch(body)
		require.NotNil(t, ref)
		var c [3]int
		for _, a := range append(blocks(body, "INDIVIDUAL_ALIAS"), blocks(body, "ENTITY_ALIAS")...) {
			if reAName.Match(a) {
				c[0]++
			}
		}
		for _, d := range blocks(body, "INDIVIDUAL_DATE_OF_BIRTH") {
			if bytes.Contains(d, []byte("<DATE>")) || bytes.Contains(d, []byte("<YEAR>")) || bytes.Contains(d, []byte("<FROM_YEAR>")) {
				c[1]++
			}
		}
		for _, d := range blocks(body, "INDIVIDUAL_DOCUMENT") {
			if reText.Match(d) {
				c[2]++
			}
		}
		out["UN:"+string(ref[1])] = c
	}
	return out
}

func TestUNCountsAgainstXML(t *testing.T) {
	for _, f := range []struct {
		name string
		data func() ([]byte, error)
	}{
		{"embedded 2026-05-08", func() ([]byte, error) { return defaultUN, nil }},
		{"2025-11-20", func() ([]byte, error) { return os.ReadFile("../testdata/lists/un-consolidated-2025-11-20.xml") }},
		{"2020-11-30", func() ([]byte, error) { return os.ReadFile("../testdata/lists/un-consolidated-2020-11-30.xml") }},
	} {
		t.Run(f.name, func(t *testing.T) {
			data, err := f.data()
			require.NoError(t, err)
			l, err := Read(bytes.NewReader(data), f.name)
			require.NoError(t, err)
			want := independentCounts(t, data)
			require.Len(t, l.Entries, len(want))
			origs := 0
			for _, body := range records(data) {
				if reOrig.Match(body) {
					origs++
				}
			}
			gotOrigs := 0
			var totals [3]int
			for _, e := range l.Entries {
				w, ok := want[e.ID]
				require.True(t, ok, e.ID)
				aliases := 0
				for _, n := range e.Names {
					switch {
					case n.Quality == NamePrimary:
					case n.Note == "alias note", n.Note == "alias spelling":
					case n.Quality == NameOriginalScript:
						gotOrigs++
					default:
						aliases++
					}
				}
				got := [3]int{aliases, len(e.BirthDates), len(e.Documents)}
				assert.Equal(t, w, got, "%s: aliases, birth dates, documents", e.ID)
				for i := range totals {
					totals[i] += got[i]
				}
			}
			assert.Equal(t, origs, gotOrigs, "NAME_ORIGINAL_SCRIPT")
			t.Logf("%d entries: %d aliases, %d birth dates, %d documents, %d original-script names", len(l.Entries), totals[0], totals[1], totals[2], gotOrigs)
		})
	}
}

func TestUNBadInput(t *testing.T) {
	half := defaultUN[:len(defaultUN)/2]
	halfLine := bytes.Count(half, []byte("\n")) + 1
	deep := "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>" + strings.Repeat("<A>", 100) + "x" + strings.Repeat("</A>", 100) + "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
	huge := "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>" + strings.Repeat("A", MaxField+10) + "</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
	tests := []struct {
		name, in string
		line     int    // the line the error must name (0: any)
		want     string // in the error text
		is       error
	}{
		{"truncated", string(half), halfLine, "un.xml:", io.ErrUnexpectedEOF},
		{"truncated at record end", string(defaultUN[:bytes.Index(defaultUN, []byte("</INDIVIDUAL>"))+13]), 0, "truncated", io.ErrUnexpectedEOF},
		{"mismatched tag", "<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL><FIRST_NAME>A</SECOND_NAME>", 3, "un.xml:3", nil},
		{"deep nesting", deep, 1, "nested deeper", ErrTooLarge},
		{"huge field", huge, 1, "longer than", ErrTooLarge},
		{"wrong root", "<?xml version=\"1.0\"?>\n<OTHER><CONSOLIDATED_LIST/></OTHER>", 2, "root element", ErrUnknownFormat},
		{"declared latin1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<CONSOLIDATED_LIST></CONSOLIDATED_LIST>", 1, "ISO-8859-1", nil},
		{"invalid utf8", "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>\xff\xfe</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>", 1, "UTF-8", nil},
		{"text after root", "<CONSOLIDATED_LIST></CONSOLIDATED_LIST>\njunk", 2, "un.xml:2", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := readFormat(readUN, strings.NewReader(tt.in), "un.xml")
			require.Error(t, err)
			assert.Nil(t, l)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, "un.xml", pe.File)
			if tt.line > 0 {
				assert.Equal(t, tt.line, pe.Line, err.Error())
			}
			assert.Contains(t, err.Error(), tt.want)
			if tt.is != nil {
				assert.ErrorIs(t, err, tt.is)
			}
		})
	}
}

func TestUNSkipsBadRecord(t *testing.T) {
	in := `<CONSOLIDATED_LIST dateGenerated="2026-01-01">
<INDIVIDUALS>
<INDIVIDUAL><FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>QDi.001</REFERENCE_NUMBER></INDIVIDUAL>
<INDIVIDUAL><FIRST_NAME> </FIRST_NAME><REFERENCE_NUMBER>QDi.002</REFERENCE_NUMBER></INDIVIDUAL>
<INDIVIDUAL><FIRST_NAME>C</FIRST_NAME></INDIVIDUAL>
</INDIVIDUALS>
<ENTITIES><ENTITY><FIRST_NAME>D</FIRST_NAME><DATAID>77</DATAID></ENTITY>
<ENTITY><FIRST_NAME>E</FIRST_NAME><REFERENCE_NUMBER>QDe.001</REFERENCE_NUMBER><SUBMITTED_ON>x</SUBMITTED_ON><SUBMITTED_ON>y</SUBMITTED_ON></ENTITY>
<ENTITY><FIRST_NAME>F</FIRST_NAME><REFERENCE_NUMBER>QDe.002</REFERENCE_NUMBER></ENTITY>
<ENTITY><FIRST_NAME>G</FIRST_NAME><REFERENCE_NUMBER>QDe.001</REFERENCE_NUMBER></ENTITY>
<ENTITY><FIRST_NAME>H</FIRST_NAME><REFERENCE_NUMBER>QDe.003</REFERENCE_NUMBER></ENTITY>
<ENTITY><FIRST_NAME>I</FIRST_NAME><REFERENCE_NUMBER>QDe.004</REFERENCE_NUMBER></ENTITY>
</ENTITIES>
</CONSOLIDATED_LIST>`
	l, err := readFormat(readUN, strings.NewReader(in), "un.xml")
	require.NoError(t, err)
	assert.Equal(t, []string{"UN:QDi.001", "UN:QDe.001", "UN:QDe.002", "UN:QDe.003", "UN:QDe.004"}, ids(l.Entries))
	assert.Equal(t, "x; y", l.Entries[1].Raw["SUBMITTED_ON"], "unknown fields are kept in Raw")
	assert.Equal(t, []string{
		"un.xml:4: record QDi.002: no name",
		"un.xml:5: no REFERENCE_NUMBER",
		"un.xml:7: record DATAID 77: no REFERENCE_NUMBER",
		"un.xml:10: record QDe.001: duplicate REFERENCE_NUMBER",
	}, errStrings(l.Skipped))
}

func errStrings(errs []error) []string {
	out := []string{}
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

func TestUNEntryLimit(t *testing.T) {
	old := maxEntries
	maxEntries = 10
	defer func() { maxEntries = old }()
	_, err := readFormat(readUN, bytes.NewReader(defaultUN), "un.xml")
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), fmt.Sprintf("more than %d entries", 10))
}

func BenchmarkReadUN(b *testing.B) {
	b.SetBytes(int64(len(defaultUN)))
	for b.Loop() {
		if _, err := readFormat(readUN, bytes.NewReader(defaultUN), "un.xml"); err != nil {
			b.Fatal(err)
		}
	}
}
