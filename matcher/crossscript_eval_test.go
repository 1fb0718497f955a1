package matcher

import (
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
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
	m := New(nil) // token weights of the embedded UN list
	score := func(query, listed string) float64 {
		e := lists.Entry{ID: "X", Kind: lists.KindPerson, Names: []lists.Name{{Full: listed, Quality: lists.NamePrimary}}}
		p, err := m.Prepare(raqib.Query{Name: query})
		require.NoError(t, err, query)
		return m.Compare(p, m.Target(&e)).NameScore
	}
	found, both := 0, 0
	for _, rec := range recs {
		script, latin, desc := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1]), rec[3]
		minScore, err := strconv.ParseFloat(rec[2], 64)
		require.NoError(t, err)
		fwd, back := score(script, latin), score(latin, script)
		ok := fwd >= review
		if ok {
			found++
		}
		if ok && back >= review {
			both++
		}
		t.Logf("%-5v %-18s %-18s %.3f (back %.3f; set's min %.2f) %s", ok, script, latin, fwd, back, minScore, desc)
	}
	t.Logf("cross-script pairs found (name score >= %.2f): %d of %d; both ways: %d", review, found, len(recs), both)
	// Measured: 22 of 22, both ways 22 (docs/normalize.md).
	assert.GreaterOrEqual(t, found, 20)
	assert.GreaterOrEqual(t, both, 20)
}
