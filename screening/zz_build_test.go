package screening

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/raqib/raqib/lists"
)

func TestZZBuild(t *testing.T) {
	p := os.Getenv("ZZLIST")
	if p == "" {
		t.Skip()
	}
	t0 := time.Now()
	l, err := lists.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("load %v", time.Since(t0))
	t1 := time.Now()
	s, err := New(context.Background(), WithLists(l))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("build %v", time.Since(t1))
	s.Close()
}

func TestZZTerms(t *testing.T) {
	p := os.Getenv("ZZLIST")
	if p == "" {
		t.Skip()
	}
	l, _ := lists.Load(p)
	s, err := New(context.Background(), WithLists(l))
	if err != nil {
		t.Fatal(err)
	}
	snap := s.snap.Load()
	var nk, np, ny, nf int
	var years []int
	for i := 0; i < snap.m.Len(); i++ {
		years = snap.m.EntryYears(i, yearsPerDate, years[:0])
		d := entryDoc(snap.m, i, snap.frequent, years)
		for f, v := range d {
			n := len(strings.Fields(v.(string)))
			switch f {
			case fieldKey:
				nk += n
			case fieldPair:
				np += n
			case fieldYear:
				ny += n
			}
		}
		snap.m.EntryForms(i, func([]uint32) { nf++ })
	}
	n := float64(snap.m.Len())
	t.Logf("per entry: forms %.2f keys %.2f pairs %.2f years %.2f; tokens %d; frequent from %d", float64(nf)/n, float64(nk)/n, float64(np)/n, float64(ny)/n, snap.m.ListTokens(), snap.frequent)
}
