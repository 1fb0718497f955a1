package matcher

import (
	"fmt"
	"github.com/raqib/raqib"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
)

// testEntries returns two entries taken from the UN list (2026-05-08), trimmed
// to the fields the tests use, and one made-up entry with frequent names.
func testEntries() []lists.Entry {
	day := func(s string) lists.BirthDate {
		return lists.BirthDate{DateRange: normalize.DateRange{From: s, To: s, Precision: normalize.PrecisionDay}}
	}
	year := func(y string) lists.BirthDate {
		return lists.BirthDate{DateRange: normalize.DateRange{From: y + "-01-01", To: y + "-12-31", Precision: normalize.PrecisionYear}}
	}
	return []lists.Entry{
		{
			ID: "UN:QDi.155", Source: "UN", Ref: "QDi.155", Kind: lists.KindPerson,
			Names: []lists.Name{
				{Full: "DJAMEL LOUNICI", Quality: lists.NamePrimary},
				{Full: "جمال لونيسي", Quality: lists.NameOriginalScript},
				{Full: "Jamal Lounici", Quality: lists.NameGood},
			},
			BirthDates:    []lists.BirthDate{day("1962-02-01")},
			Nationalities: []lists.Country{{Code: "DZ", Text: "Algeria"}},
			Gender:        "male",
		},
		{
			ID: "UN:QDi.006", Source: "UN", Ref: "QDi.006", Kind: lists.KindPerson,
			Names: []lists.Name{
				{Full: "AIMAN MUHAMMED RABI AL-ZAWAHIRI", Quality: lists.NamePrimary},
				{Full: "أيمن محمد ربيع الظواهري", Quality: lists.NameOriginalScript},
				{Full: "Ayman al-Zawahari", Quality: lists.NameGood},
				{Full: "Abu Mohammed", Quality: lists.NameLow},
			},
			BirthDates:    []lists.BirthDate{day("1951-06-19")},
			Nationalities: []lists.Country{{Code: "EG", Text: "Egypt"}},
			Documents: []lists.Document{{Type: "Passport", Number: "1084010", Normalized: "1084010",
				Country: lists.Country{Code: "EG", Text: "Egypt"}}},
			Gender: "male",
		},
		{
			ID: "TEST:1", Source: "TEST", Ref: "1", Kind: lists.KindPerson,
			Names: []lists.Name{
				{Full: "MOHAMMED ABDULLAH SALEH SONAIN AL-HARBI", Quality: lists.NamePrimary},
			},
			BirthDates: []lists.BirthDate{year("1973")},
		},
	}
}

// built is a Matcher with the entries it was built with, by ID.
type built struct {
	*Matcher
	entries []*lists.Entry
	at      map[string]int
}

func build(entries []*lists.Entry) built {
	b := built{Matcher: New(entries), entries: entries, at: map[string]int{}}
	for i, e := range entries {
		b.at[e.ID] = i
	}
	return b
}

// compare compares p with the entry of the given ID.
func (b built) compare(p *Prepared, id string) Result {
	i := b.at[id]
	return b.Compare(p, i, b.entries[i])
}

// unMatcher returns a Matcher of the test entries and the embedded UN list,
// whose token weights come from the UN list as they would in screening.
func unMatcher(t testing.TB) built {
	l, err := lists.Default()
	require.NoError(t, err)
	var es []*lists.Entry
	for i := range l.Entries {
		if l.Entries[i].ID != "UN:QDi.155" && l.Entries[i].ID != "UN:QDi.006" {
			es = append(es, &l.Entries[i])
		}
	}
	for _, e := range testEntries() {
		es = append(es, &e)
	}
	return build(es)
}

// nameScore is the name score of query against an entry of kind holding
// only the name listed, with the token weights of the embedded UN list (a
// list that small borrows them).
func nameScore(t testing.TB, kind lists.Kind, query, listed string) float64 {
	t.Helper()
	e := &lists.Entry{ID: "X:1", Source: "X", Kind: kind, Names: []lists.Name{{Full: listed, Quality: lists.NamePrimary}}}
	m := New([]*lists.Entry{e})
	p, err := m.Prepare(raqib.Query{Name: query})
	require.NoError(t, err, query)
	defer p.Release()
	return m.Compare(p, 0, e).NameScore
}

// nameFeature is the name feature of query against an entry of kind
// holding only the name listed (token weights as nameScore's).
func nameFeature(t testing.TB, kind lists.Kind, query, listed string) raqib.Feature {
	t.Helper()
	e := &lists.Entry{ID: "X:1", Source: "X", Kind: kind, Names: []lists.Name{{Full: listed, Quality: lists.NamePrimary}}}
	m := New([]*lists.Entry{e})
	p, err := m.Prepare(raqib.Query{Name: query})
	require.NoError(t, err, query)
	defer p.Release()
	return m.Compare(p, 0, e).Features[0]
}

// testMatcher is a Matcher of the test entries alone.
func testMatcher() built {
	var es []*lists.Entry
	for _, e := range testEntries() {
		es = append(es, &e)
	}
	return build(es)
}

func TestCompareNames(t *testing.T) {
	m := unMatcher(t)
	for _, tc := range []struct {
		query    string
		entry    string
		min, max float64
	}{
		{"Djamel Lounici", "UN:QDi.155", 0.97, 1},
		{"LOUNICI, Djamel", "UN:QDi.155", 0.97, 1},
		{"Jamal Lounisi", "UN:QDi.155", 0.85, 1},
		{"جمال لونيسي", "UN:QDi.155", 0.9, 1},
		{"Ayman al-Zawahri", "UN:QDi.006", 0.85, 1},
		{"AIMAN MUHAMMED RABI AL-ZAWAHIRI", "UN:QDi.006", 0.97, 1},
		{"Ayman Mohamed Rabie Zawahiri", "UN:QDi.006", 0.88, 1},
		{"أيمن محمد ربيع الظواهري", "UN:QDi.006", 0.9, 1},
		// Sharing only frequent tokens and "al" is not a match.
		{"Mohammed al-Hassan", "TEST:1", 0, 0.6},
		{"Mohammed Lounes", "UN:QDi.155", 0, 0.6},
		{"Peter Schmidt", "UN:QDi.006", 0, 0.3},
	} {
		t.Run(tc.query, func(t *testing.T) {
			p, err := m.Prepare(raqib.Query{Name: tc.query})
			require.NoError(t, err)
			r := m.compare(p, tc.entry)
			assert.GreaterOrEqual(t, r.Score, tc.min, "%+v", r.Features)
			assert.LessOrEqual(t, r.Score, tc.max, "%+v", r.Features)
			assert.Equal(t, squash(r.NameScore), r.Score, "a name-only query is scored on its name alone")
		})
	}
}

// TestMaxBiographic: no entry of the UN list gets more from Biographic than
// MaxBiographic, against queries with every mix of birth date, nationality
// and gender, each taken from an entry (so that some agree in full).
func TestMaxBiographic(t *testing.T) {
	es := unEntries(t)
	m := New(es)
	reached := 0
	for k, e := range es {
		if k%25 != 0 || len(e.BirthDates) == 0 || len(e.Nationalities) == 0 {
			continue
		}
		for mix := range 8 {
			q := raqib.Query{Name: e.Names[0].Full}
			if mix&1 != 0 {
				q.BirthDate = e.BirthDates[0].From
			}
			if mix&2 != 0 {
				q.Nationality = e.Nationalities[0].Code
			}
			if mix&4 != 0 {
				q.Gender = "male"
			}
			p, err := m.Prepare(q)
			require.NoError(t, err)
			most := p.MaxBiographic()
			for i := range es {
				b := m.Biographic(p, i)
				require.LessOrEqual(t, b, most+1e-12, "query %d/%d, entry %s", k, mix, es[i].ID)
				if most > 0 && b > most-1e-12 {
					reached++
				}
			}
			p.Release()
		}
	}
	assert.Positive(t, reached, "the bound is reached: it is the most, not just a bound")
}

func TestCompareBiographic(t *testing.T) {
	m := unMatcher(t)
	const tgt = "UN:QDi.155" // DJAMEL LOUNICI, 1962-02-01, DZ, male
	base := raqib.Query{Name: "Djamel Lounici"}
	p, err := m.Prepare(base)
	require.NoError(t, err)
	nameOnly := m.compare(p, tgt).Score

	for _, tc := range []struct {
		name    string
		q       raqib.Query
		feature string
		sign    int // +1 raises the score, -1 lowers it, 0 leaves it
	}{
		{"same birth day", raqib.Query{BirthDate: "1962-02-01"}, "birth_date", 1},
		{"same birth year", raqib.Query{BirthDate: "1962"}, "birth_date", 1},
		{"day and month swapped", raqib.Query{BirthDate: "1962-01-02"}, "birth_date", 0},
		{"one digit off", raqib.Query{BirthDate: "1963-02-01"}, "birth_date", 0},
		{"far off", raqib.Query{BirthDate: "1985-07-12"}, "birth_date", -1},
		{"nationality agrees", raqib.Query{Nationality: "Algerian"}, "nationality", 1},
		{"nationality alpha-3", raqib.Query{Nationality: "DZA"}, "nationality", 1},
		{"nationality differs", raqib.Query{Nationality: "FR"}, "nationality", -1},
		{"gender differs", raqib.Query{Gender: "female"}, "gender", -1},
		{"document on another entry", raqib.Query{Documents: []raqib.Document{{Type: "passport", Number: "1084010"}}}, "document", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := tc.q
			q.Name = base.Name
			p, err := m.Prepare(q)
			require.NoError(t, err)
			r := m.compare(p, tgt)
			var f *raqib.Feature
			for i := range r.Features {
				if r.Features[i].Name == tc.feature {
					f = &r.Features[i]
				}
			}
			require.NotNil(t, f, "feature %s missing: %+v", tc.feature, r.Features)
			assert.NotEmpty(t, f.Detail)
			switch tc.sign {
			case 1:
				assert.Greater(t, r.Score, nameOnly-1e-9, f.Detail)
				assert.Greater(t, f.Score, 0.0, f.Detail)
			case -1:
				assert.Less(t, r.Score, nameOnly, f.Detail)
			case 0:
				assert.InDelta(t, nameOnly, r.Score, 1e-9, f.Detail)
			}
		})
	}
}

func TestDocumentRaisesScore(t *testing.T) {
	m := testMatcher()
	const tgt = "UN:QDi.006"
	weak, err := m.Prepare(raqib.Query{Name: "Peter Schmidt"})
	require.NoError(t, err)
	strong, err := m.Prepare(raqib.Query{Name: "Peter Schmidt", Documents: []raqib.Document{{Type: "Passport", Number: "1084 010", Country: "EGY"}}})
	require.NoError(t, err)
	ocr, err := m.Prepare(raqib.Query{Name: "Peter Schmidt", Documents: []raqib.Document{{Type: "Passport", Number: "1O84O1O"}}})
	require.NoError(t, err)
	w, s, o := m.compare(weak, tgt), m.compare(strong, tgt), m.compare(ocr, tgt)
	assert.Greater(t, s.Score, w.Score)
	assert.Greater(t, o.Score, w.Score)
	assert.Greater(t, s.Score, o.Score)
	assert.Contains(t, s.Features[len(s.Features)-1].Detail, "equal")
}

func TestPrepareWarnings(t *testing.T) {
	m := testMatcher()
	_, err := m.Prepare(raqib.Query{})
	require.ErrorIs(t, err, ErrEmptyQuery)
	p, err := m.Prepare(raqib.Query{Name: "Djamel Lounici", BirthDate: "1974-01-32", Nationality: "Atlantis", Gender: "?"})
	require.NoError(t, err)
	assert.Len(t, p.Warnings, 3)
}

func TestFeatureSumIsScore(t *testing.T) {
	m := testMatcher()
	p, err := m.Prepare(raqib.Query{Name: "Jamal Lounici", BirthDate: "1962", Nationality: "DZ", Gender: "m"})
	require.NoError(t, err)
	r := m.compare(p, "UN:QDi.155")
	sum := 0.0
	for _, f := range r.Features {
		sum += f.Score * f.Weight
	}
	assert.InDelta(t, squash(sum), r.Score, 1e-9)
	assert.Equal(t, "Jamal Lounici", r.MatchedName)
}

func ExampleMatcher_Compare() {
	entries := testEntries()
	m := New([]*lists.Entry{&entries[0], &entries[1]})
	p, err := m.Prepare(raqib.Query{Name: "Jamal Lounici", BirthDate: "1962-02-01", Nationality: "Algeria"})
	if err != nil {
		fmt.Println(err)
		return
	}
	r := m.Compare(p, 0, &entries[0])
	fmt.Printf("%.2f %s\n", r.Score, r.MatchedName)
	for _, f := range r.Features[1:] {
		fmt.Println(f.Name+":", f.Detail)
	}
	// Output:
	// 1.00 Jamal Lounici
	// birth_date: birth date 1962-02-01 vs 1962-02-01: agrees
	// nationality: nationality Algeria vs Algeria (DZ): agrees
}

func BenchmarkCompare(b *testing.B) {
	m := testMatcher()
	p, err := m.Prepare(raqib.Query{Name: "Ayman Mohamed Rabie al-Zawahri", BirthDate: "1951", Nationality: "EG"})
	require.NoError(b, err)
	i := m.at["UN:QDi.006"]
	b.Run("Compare", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m.Compare(p, i, m.entries[i])
		}
	})
	b.Run("Score", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m.Score(p, i)
		}
	})
}

// unEntries returns the entries of the embedded UN list.
func unEntries(tb testing.TB) []*lists.Entry {
	tb.Helper()
	l, err := lists.Default()
	require.NoError(tb, err)
	es := make([]*lists.Entry, len(l.Entries))
	for i := range l.Entries {
		es[i] = &l.Entries[i]
	}
	return es
}

// listNameQueries returns the names the bound tests try: of every step-th
// entry, its first name, a mangled copy of it (tokens reordered, letters
// swapped, spaces moved: joined and split compounds) and its name in its
// original script, which has several readings.
func listNameQueries(es []*lists.Entry, step int) []string {
	var queries []string
	for i := 0; i < len(es); i += step {
		n := es[i].Names[0].Full
		queries = append(queries, n, mangle(n))
		for _, on := range es[i].Names {
			if on.Quality == lists.NameOriginalScript {
				queries = append(queries, on.Full)
				break
			}
		}
	}
	return queries
}

// TestNameBoundHolds checks that the bound ScoreAbove uses to skip
// candidates is never below the name score it bounds: every UN name, and a
// mangled copy of it (tokens reordered, letters swapped, spaces moved),
// against every entry of the list.
func TestNameBoundHolds(t *testing.T) {
	es := unEntries(t)
	m := New(es)
	step := 97 // a quick sample; RAQIB_EVAL=1 tries a name of every 7th entry
	if os.Getenv("RAQIB_EVAL") != "" {
		step = 7
	}
	queries := listNameQueries(es, step)
	checked := 0
	for _, q := range queries {
		p, err := m.Prepare(raqib.Query{Name: q})
		if err != nil {
			continue
		}
		for i := range es {
			best, qi, fj, ratio, weight := m.bestName(p, i, nil, -1)
			var scr entrySims
			if !scr.load(m, p, i) {
				continue
			}
			viaScratch, _, _, _, _ := m.bestName(p, i, &scr, -1)
			require.Equal(t, best, viaScratch, "the same score through entrySims")
			bound := m.nameBound(p, i, &scr)
			require.GreaterOrEqual(t, bound+1e-9, best, "query %q entry %s", q, es[i].ID)
			// With the bounds of each query form known, bestName skips
			// forms; what it returns is the same.
			b2, qi2, fj2, r2, w2 := m.bestName(p, i, &scr, -1)
			require.Equal(t, []float64{best, float64(qi), float64(fj), ratio, weight}, []float64{b2, float64(qi2), float64(fj2), r2, w2},
				"query %q entry %s: the same best pair when forms are skipped by their bounds", q, es[i].ID)
			// Asked only for a score of at least need: the same when it
			// reaches need, below need when it does not.
			for _, need := range []float64{0.3, 0.7} {
				b3, qi3, fj3, r3, w3 := m.bestName(p, i, &scr, need)
				if best >= need {
					require.Equal(t, []float64{best, float64(qi), float64(fj), ratio, weight}, []float64{b3, float64(qi3), float64(fj3), r3, w3},
						"query %q entry %s need %v", q, es[i].ID, need)
				} else {
					require.Less(t, b3, need, "query %q entry %s need %v", q, es[i].ID, need)
				}
			}
			checked++
		}
		p.Release()
	}
	t.Logf("%d pairs checked", checked)
}

// TestPairBoundHolds checks the bound bestNameBounded gives each pair of
// query form and entry form (pairBound) against the pair's score: never
// below it, for names and mangled names (whose moved spaces make joined and
// split compounds) and Arabic-script names, against every entry of the UN
// list; and that the compounds nameBound finds in an entry are lifted only
// in the forms that allow them, for entries where some form does not.
func TestPairBoundHolds(t *testing.T) {
	es := unEntries(t)
	m := New(es)
	queries := listNameQueries(es, 41)
	pairs, unlifted := 0, 0
	for _, q := range queries {
		p, err := m.Prepare(raqib.Query{Name: q})
		if err != nil {
			continue
		}
		for i := range es {
			var scr entrySims
			if !scr.load(m, p, i) {
				continue
			}
			m.nameBound(p, i, &scr)
			if !scr.bounded {
				continue
			}
			forms := m.st.entryForms(i)
			for a := range p.forms {
				for j := range forms {
					loc := scr.loc[scr.at[j]:scr.at[j+1]]
					al := m.align(p, &p.forms[a], &forms[j], &scr, loc, nil)
					b := m.pairBound(p, &scr, a, j, p.forms[a].mask())
					require.GreaterOrEqual(t, b+boundSlack, al.score, "query %q entry %s form %d", q, es[i].ID, j)
					if l := scr.lifted[a]; l != 0 && m.formLifted(p, &p.forms[a], loc, &scr, l) != l {
						unlifted++
					}
					pairs++
				}
			}
		}
		p.Release()
	}
	require.Positive(t, unlifted, "pairs whose form lacks a compound another form has")
	t.Logf("%d pairs checked, %d with a compound of the entry's lifted only where its form allows it", pairs, unlifted)
}

// TestCompareAfterScoreAbove: Compare of an entry that ScoreAbove has
// scored (screening's order: the candidates scored, then the matches
// explained) takes the pair of forms ScoreAbove found, and explains the
// entry as Compare of a fresh query does — whatever floor ScoreAbove was
// asked for, for names in Latin letters and in Arabic script.
func TestCompareAfterScoreAbove(t *testing.T) {
	es := unEntries(t)
	m := New(es)
	var qs []raqib.Query
	for i := 0; i < len(es); i += 53 {
		qs = append(qs, raqib.Query{Name: mangle(es[i].Names[0].Full)}, raqib.Query{Name: es[i].Names[0].Full, BirthDate: "1970"})
		for _, on := range es[i].Names {
			if on.Quality == lists.NameOriginalScript {
				qs = append(qs, raqib.Query{Name: on.Full})
				break
			}
		}
	}
	explained := 0
	for _, q := range qs {
		for _, floor := range []float64{0.3, 0.7} {
			scored, err := m.Prepare(q)
			require.NoError(t, err)
			var kept []int
			for i := range es {
				if _, ok := m.ScoreAbove(scored, i, floor); ok {
					kept = append(kept, i)
				}
			}
			for _, i := range kept {
				fresh, err := m.Prepare(q)
				require.NoError(t, err)
				require.Equal(t, m.Compare(fresh, i, es[i]), m.Compare(scored, i, es[i]), "query %q entry %s floor %v", q.Name, es[i].ID, floor)
				fresh.Release()
				explained++
			}
			scored.Release()
		}
	}
	require.Greater(t, explained, 100)
	t.Logf("%d matches explained", explained)
}

// mangle swaps the first two words, swaps two letters of the last one and
// moves the last space one letter left.
func mangle(s string) string {
	w := strings.Fields(s)
	if len(w) > 1 {
		w[0], w[1] = w[1], w[0]
	}
	last := []byte(w[len(w)-1])
	if len(last) > 3 {
		last[1], last[2] = last[2], last[1]
	}
	w[len(w)-1] = string(last)
	out := strings.Join(w, " ")
	if i := strings.LastIndexByte(out, ' '); i > 1 {
		b := []byte(out)
		b[i-1], b[i] = b[i], b[i-1]
		out = string(b)
	}
	return out
}

func TestDateAgreement(t *testing.T) {
	day := func(d uint32) pdate { return pdate{from: d, to: d} }
	year := func(y uint32) pdate { return pdate{from: y*10000 + 101, to: y*10000 + 1231} }
	for _, tc := range []struct {
		name string
		q, e pdate
		want float64
	}{
		{"same day", day(19620201), day(19620201), dateSameDay},
		{"same year", year(1962), day(19620915), dateSameYear},
		{"day and month swapped", day(19620201), day(19620102), 0},
		{"one digit", day(19620201), day(19630201), 0},
		{"two adjacent digits swapped", day(19750314), day(19570314), 0},
		{"a few days apart: a slip", day(19620226), day(19620302), dateYearApart},
		{"another day of the same year", day(19620201), day(19620915), dateOtherDay},
		{"another day a year apart", day(19680130), day(19670522), dateOtherDay},
		{"1 January stands for an unknown day", day(19620101), day(19620915), dateYearApart},
		{"a year apart, one side a year", year(1962), day(19630915), dateYearApart},
		{"two years apart", day(19620201), day(19640915), dateTwoYears},
		{"far apart", day(19620201), day(19851231), -1},
	} {
		got, _ := dateAgreement(tc.q, tc.e, false)
		assert.Equal(t, tc.want, got, tc.name)
		back, _ := dateAgreement(tc.e, tc.q, false)
		assert.Equal(t, tc.want, back, "%s (the other way)", tc.name)
	}
}

// TestSplitsAsEveryPair: splits, which scans an entry's pairs of adjacent
// tokens by first letter and, for the readings of one word of a name in
// Arabic script, once for them all (splitGroup), says for every query
// token what compoundCould says of some pair of adjacent tokens of some
// form of the entry.
func TestSplitsAsEveryPair(t *testing.T) {
	es := unEntries(t)
	m := New(es)
	checked, split := 0, 0
	for q := 0; q < len(es); q += 7 {
		for _, n := range es[q].Names {
			if n.Quality != lists.NameOriginalScript && q%21 != 0 {
				continue
			}
			p, err := m.Prepare(raqib.Query{Name: n.Full})
			require.NoError(t, err)
			for i := q % 5; i < len(es); i += 5 {
				var scr entrySims
				if !scr.load(m, p, i) {
					continue
				}
				// Every token, last first: a group's members are found
				// together whichever is asked first.
				for k := len(p.toks) - 1; k >= 0; k-- {
					tk := &p.toks[k].token
					want := false
					for _, f := range m.st.entryForms(i) {
						ids := m.st.formTokens(&f)
						for j := 0; j+1 < len(ids); j++ {
							want = want || compoundCould(tk, &m.tt.toks[ids[j]], &m.tt.toks[ids[j+1]])
						}
					}
					require.Equal(t, want, scr.splits(m, p, i, uint8(k)), "query %q token %q entry %s", n.Full, tk.text, es[i].ID)
					checked++
					if want {
						split++
					}
				}
			}
			p.Release()
		}
	}
	require.Greater(t, split, 10)
	t.Logf("%d tokens checked, %d split", checked, split)
}

// TestJoinsAsEveryToken: joins, which rules out the readings of two words
// of a name in Arabic script together (mayJoin), says for every pair of
// query tokens what compoundCould says of some token of the entry and the
// two written as one.
func TestJoinsAsEveryToken(t *testing.T) {
	es := unEntries(t)
	m := New(es)
	checked, joined := 0, 0
	for q := 0; q < len(es); q += 11 {
		for _, n := range es[q].Names {
			if n.Quality != lists.NameOriginalScript && q%33 != 0 {
				continue
			}
			p, err := m.Prepare(raqib.Query{Name: n.Full})
			require.NoError(t, err)
			for i := q % 7; i < len(es); i += 7 {
				var scr entrySims
				if !scr.load(m, p, i) {
					continue
				}
				for a := len(p.toks) - 1; a >= 0; a-- {
					for b := range p.toks {
						ta, tb := &p.toks[a].token, &p.toks[b].token
						want := false
						for _, id := range scr.ids[:scr.n] {
							want = want || compoundCould(&m.tt.toks[id], ta, tb)
						}
						require.Equal(t, want, scr.joins(m, p, i, uint8(a), uint8(b)), "query %q tokens %q %q entry %s", n.Full, ta.text, tb.text, es[i].ID)
						checked++
						if want {
							joined++
						}
					}
				}
			}
			p.Release()
		}
	}
	require.Greater(t, joined, 10)
	t.Logf("%d pairs checked, %d joined", checked, joined)
}

// TestNameBoundWholeOnce: nameBound, which finds the query's forms
// written as one word once per query and rules them all out of an entry
// at once when none may be joinable (wholeForms), bounds every form of
// every pair of a query and an entry as it does form by form (a query
// without a similarity cache, as a Bound's).
func TestNameBoundWholeOnce(t *testing.T) {
	es := unEntries(t)
	m := New(es)
	checked, joinable := 0, 0
	for q := 0; q < len(es); q += 13 {
		for _, n := range es[q].Names {
			p, err := m.Prepare(raqib.Query{Name: n.Full})
			require.NoError(t, err)
			for i := q % 3; i < len(es); i += 3 {
				var once, each entrySims
				if !once.load(m, p, i) {
					continue
				}
				each = once
				sims := p.sims
				p.sims = nil
				wantBound := m.nameBound(p, i, &each)
				p.sims = sims
				require.Equal(t, wantBound, m.nameBound(p, i, &once), "query %q entry %s", n.Full, es[i].ID)
				require.Equal(t, each.formBound, once.formBound, "query %q entry %s", n.Full, es[i].ID)
				require.Equal(t, each.joinable, once.joinable, "query %q entry %s", n.Full, es[i].ID)
				for _, j := range once.joinable {
					if j != 0 {
						joinable++
					}
				}
				checked++
			}
			p.Release()
		}
	}
	require.Greater(t, joinable, 10)
	t.Logf("%d pairs checked, %d query forms joinable", checked, joinable)
}

// TestAcronymToken checks the token of a form that an acronym of a query's
// words may match (acronymToken, made once when the list is prepared): an
// acronym of two letters or more, or the form's only name of three to
// maxAcronym letters; an acronym wins over a name, and a form of several
// names has none.
func TestAcronymToken(t *testing.T) {
	tt := &tokenTable{ids: map[tokenKey]uint32{}}
	part := func(text string, kind normalize.PartKind) uint32 {
		return tt.id(&normalize.Part{Text: text, Key: text, Kind: kind}, false)
	}
	name := func(s string) uint32 { return part(s, normalize.PartName) }
	acr := func(s string) uint32 { return part(s, normalize.PartAcronym) }
	cases := []struct {
		desc string
		ids  []uint32
		want int
	}{
		{"an acronym", []uint32{acr("ibm")}, 0},
		{"an acronym after a name", []uint32{name("ali"), acr("un")}, 1},
		{"an acronym among names", []uint32{name("hasan"), acr("isil"), name("musa")}, 1},
		{"an acronym too long", []uint32{acr("abcdefgh")}, -1},
		{"a one-letter acronym", []uint32{acr("x")}, -1},
		{"the only name", []uint32{name("yusuf")}, 0},
		{"the only name after a particle", []uint32{part("abu", normalize.PartParticle), name("usama")}, 1},
		{"the only name, too short", []uint32{name("al")}, -1},
		{"the only name, too long", []uint32{name("abdulrahman")}, -1},
		{"two names", []uint32{name("ali"), name("hasan")}, -1},
		{"a number and a name", []uint32{part("12", normalize.PartNumber), name("musa")}, -1},
	}
	for _, c := range cases {
		t.Run(c.desc, func(t *testing.T) {
			assert.Equal(t, c.want, tt.acronymToken(c.ids))
		})
	}
}
