package matcher

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
)

// TestRankRecords holds what an index ranks candidates by (Biographic and
// UnmatchedCost, read from each entry's rank record) and the biographic
// features of an unexplained comparison (ScoreAbove's, read from it too) to
// what the scorer computes from the store's arrays: the biographic
// features Compare explains, and the lightest name form. Entries with no, one and several
// birth dates and nationalities, with and without documents and places of
// birth, a matcher built and one read back.
func TestRankRecords(t *testing.T) {
	es := unEntries(t)
	day := func(s string) lists.BirthDate {
		return lists.BirthDate{DateRange: normalize.DateRange{From: s, To: s, Precision: normalize.PrecisionDay}}
	}
	year := func(y string) lists.BirthDate {
		return lists.BirthDate{DateRange: normalize.DateRange{From: y + "-01-01", To: y + "-12-31", Precision: normalize.PrecisionYear}}
	}
	extra := []*lists.Entry{
		{ID: "T:1", Kind: lists.KindPerson, Names: []lists.Name{{Full: "Karim Belkacemi", Quality: lists.NameLow}, {Full: "Abu Karim", Quality: lists.NameLow}}},
		{ID: "T:2", Kind: lists.KindPerson, Names: []lists.Name{{Full: "Karim Belkacemi"}},
			BirthDates:    []lists.BirthDate{day("1988-03-14"), year("1987"), year("1990")},
			Nationalities: []lists.Country{{Code: "DZ"}, {Code: "FR"}}, Gender: "male"},
		{ID: "T:3", Kind: lists.KindPerson, Names: []lists.Name{{Full: "Karima Belkacem"}},
			BirthDates: []lists.BirthDate{year("1988")}, Nationalities: []lists.Country{{Code: "DZ"}}, Gender: "female"},
	}
	es = append(es, extra...)
	built := New(es)
	var buf bytes.Buffer
	_, err := built.WriteTo(&buf)
	require.NoError(t, err)
	read, err := Read(bytes.NewReader(buf.Bytes()), nil)
	require.NoError(t, err)
	counts := map[uint8]int{}
	for _, r := range built.st.ranks {
		counts[r.counts]++
	}
	require.Greater(t, len(counts), 4, "entries with no, one and several dates and nationalities")
	docs, places := 0, 0
	for _, r := range built.st.ranks {
		if r.counts&rankDocs != 0 {
			docs++
		}
		if r.counts&rankPlaces != 0 {
			places++
		}
	}
	require.True(t, docs > 0 && docs < len(es), "entries with and without documents: %d of %d", docs, len(es))
	require.True(t, places > 0 && places < len(es), "entries with and without places of birth: %d of %d", places, len(es))

	queries := []raqib.Query{
		{Name: "Karim Belkacemi", BirthDate: "1988-03-14", Nationality: "DZ", Gender: "male"},
		{Name: "Karim Belkacemi", BirthDate: "1987", Nationality: "FR"},
		{Name: "Abu Karim", Nationality: "IQ", Gender: "female"},
		{Name: "Ayman al-Zawahiri", BirthDate: "1951-06-19", Nationality: "EG"},
		{Name: "Mohammad Hassan", BirthDate: "1960", Gender: "male"},
		// A document and a place of birth: an entry without them is read
		// from its rank record, one with them from the arrays.
		{Name: "Ayman al-Zawahiri", BirthPlace: "Giza, Egypt", Documents: []raqib.Document{{Type: "passport", Number: "1084010", Country: "EG"}}},
		{Name: "Karim Belkacemi", BirthPlace: "Algiers", Documents: []raqib.Document{{Type: "passport", Number: "X1234567", Country: "DZ"}}},
	}
	for name, m := range map[string]*Matcher{"built": built, "read": read} {
		for _, q := range queries {
			p, err := m.Prepare(q)
			require.NoError(t, err)
			for i := range es {
				// Explained, the features come from the arrays; unexplained
				// (ScoreAbove's), from the rank record: the same.
				want := 0.0
				explained := m.Compare(p, i, es[i]).Features
				unexplained := m.Compare(p, i, nil).Features
				require.Len(t, unexplained, len(explained))
				for k, f := range explained {
					switch f.Name {
					case raqib.FeatureBirthDate, raqib.FeatureNationality, raqib.FeatureGender:
						want += f.Score * f.Weight
						fallthrough
					case raqib.FeatureDocument, raqib.FeatureBirthPlace:
						u := unexplained[k]
						require.Equal(t, [3]any{f.Name, f.Score, f.Weight}, [3]any{u.Name, u.Score, u.Weight}, "%s: %q against %s", name, q.Name, es[i].ID)
					}
				}
				require.InDelta(t, want, m.Biographic(p, i), 1e-12, "%s: %q against %s", name, q.Name, es[i].ID)
			}
			p.Release()
		}
		for i := range es {
			// The lightest form, low-quality aliases left out unless the
			// entry has nothing else.
			light, any := float32(0), false
			for _, lowToo := range []bool{false, true} {
				for _, f := range m.st.entryForms(i) {
					if (lowToo || f.quality != lists.NameLow) && (!any || f.weight < light) {
						light, any = f.weight, true
					}
				}
				if any {
					break
				}
			}
			assert.Equal(t, unmatchedListCost*max(0, float64(light)-0.1), m.UnmatchedCost(i, 0.1), "%s: %s", name, es[i].ID)
		}
	}
}
