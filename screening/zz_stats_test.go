package screening

import (
	"context"
	"os"
	"testing"
)

func TestZZStats(t *testing.T) {
	if os.Getenv("ZZCPU") == "" {
		t.Skip()
	}
	s := screener(t)
	snap := s.snap.Load()
	forms := 0
	for i := 0; i < snap.m.Len(); i++ {
		snap.m.EntryForms(i, func([]uint32) { forms++ })
	}
	t.Logf("entries %d forms %d tokens %d", snap.m.Len(), forms, snap.m.ListTokens())
	ctx := context.Background()
	for _, set := range []string{"positives_un_untreated.csv", "negatives_global.csv"} {
		rows := readYente(t, set)
		rows = rows[:min(2000, len(rows))]
		c, nq := 0, 0
		for _, r := range rows {
			res, err := s.Screen(ctx, r.query(""))
			if err != nil {
				t.Fatal(err)
			}
			c += res.Candidates
			nq++
		}
		t.Logf("%s: %.1f candidates/query", set, float64(c)/float64(nq))
	}
}
