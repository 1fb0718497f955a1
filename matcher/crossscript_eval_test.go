package matcher

import (
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
)

// The cross-script pairs of moov-io/watchman (internal/embeddings/testdata
// @d299005, Apache-2.0; testdata/eval/cross-script): a name in Arabic,
// Cyrillic, Han, Hangul, kana, Greek, Hebrew or Thai script against its usual
// Latin spelling. A pair is found when the name score of the query (the
// script form) against an entry holding only the Latin form reaches the
// review threshold (0.70), and the other way round (the Latin query against
// the script-form entry). Run with -v to see every pair:
//
//	go test -count=1 -run TestEvalCrossScriptPairs -v ./matcher/
func TestEvalCrossScriptPairs(t *testing.T) {
	f, err := os.Open("../testdata/eval/cross-script/cross_script_pairs.csv")
	require.NoError(t, err)
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	r.FieldsPerRecord = 4
	recs, err := r.ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 22)

	const review = 0.70
	score := func(query, listed string) float64 { return nameScore(t, lists.KindPerson, query, listed) }
	found, both := 0, 0
	type tally struct{ n, ok int }
	families := map[normalize.Script]*tally{}
	var order []normalize.Script
	for _, rec := range recs {
		script, latin, desc := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1]), rec[3]
		minScore, err := strconv.ParseFloat(rec[2], 64)
		require.NoError(t, err)
		fwd, back := score(script, latin), score(latin, script)
		ok := fwd >= review
		sc := normalize.DetectScript(script)
		if families[sc] == nil {
			families[sc] = &tally{}
			order = append(order, sc)
		}
		families[sc].n++
		if ok {
			found++
			families[sc].ok++
		}
		if ok && back >= review {
			both++
		}
		t.Logf("%-5v %-18s %-18s %.3f (back %.3f; set's min %.2f) %s", ok, script, latin, fwd, back, minScore, desc)
	}
	for _, sc := range order {
		t.Logf("  %-8s %d of %d", sc, families[sc].ok, families[sc].n)
	}
	t.Logf("cross-script pairs found (name score >= %.2f): %d of %d; both ways: %d", review, found, len(recs), both)
	// Measured: 21 of 22, both ways 21 (docs/normalize.md); 8 before the
	// romanisers of the other scripts.
	assert.GreaterOrEqual(t, found, 20)
	assert.GreaterOrEqual(t, both, 20)
}

// The organisation and mixed-script cases of the names-v2 issue (more of
// every family in names_test.go): a legal form of one name in another
// spelling is the same name (its agreement, the name feature's score, is
// at least 0.95; the weight is Acme's, whose two-letter key km it shares
// with Kim and Kamal); numbers in words are numbers; a name half in Arabic
// script is read.
func TestNamesV2Cases(t *testing.T) {
	for _, c := range []struct {
		query, listed  string
		agree, atLeast float64
	}{
		{"Acme Holding AG", "Acme Holding Aktiengesellschaft", 0.95, 0.70}, // 0.769 before the new part kinds
		{"Acme Trading Limited", "Acme Trading Ltd", 0.95, 0.70},           // 0.671
		{"OOO Romashka", "Romashka LLC", 0.95, 0.80},                       // 0.632
		{"JSC Almaz", "Almaz Joint Stock Company", 0.95, 0.85},             // 0.539
		{"Brigade 12", "Brigade Twelve", 0.95, 0.85},                       // 0.620
		{"محمد Ahmed", "Mohamed Ahmed", 0.95, 0.70},                        // 0.352
	} {
		f := nameFeature(t, lists.KindOrganisation, c.query, c.listed)
		t.Logf("%-22s %-32s agreement %.3f weight %.3f", c.query, c.listed, f.Score, f.Weight)
		assert.GreaterOrEqual(t, f.Score, c.agree, "%s vs %s: %s", c.query, c.listed, f.Detail)
		assert.GreaterOrEqual(t, f.Score*f.Weight, c.atLeast, "%s vs %s: %s", c.query, c.listed, f.Detail)
	}
}
