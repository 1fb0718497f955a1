package screening

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
)

func TestZZScale(t *testing.T) {
	dir := os.Getenv("ZZSET")
	if dir == "" {
		t.Skip()
	}
	l, err := lists.Load(filepath.Join(dir, "list.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(context.Background(), WithLists(l))
	if err != nil {
		t.Fatal(err)
	}
	snap := s.snap.Load()
	truth := map[string]string{}
	f, _ := os.Open(filepath.Join(dir, "truth.csv"))
	rs, _ := csv.NewReader(f).ReadAll()
	for _, r := range rs[1:] {
		truth[r[0]] = r[1]
	}
	qf, _ := os.Open(filepath.Join(dir, "queries.jsonl"))
	sc := bufio.NewScanner(qf)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var inWin, n, full int
	kinds := map[string]int{}
	for sc.Scan() {
		var q raqib.Query
		json.Unmarshal(sc.Bytes(), &q)
		want := truth[q.ID]
		if want == "" {
			continue
		}
		n++
		p, err := snap.m.Prepare(q)
		if err != nil {
			t.Fatal(err)
		}
		r := retrievals.Get().(*retrieval)
		filt, _ := snap.newFilter(&q)
		cands, isFull, _ := snap.retrieve(context.Background(), p, filt, s.cfg.window, r)
		if isFull {
			full++
		}
		wi := snap.byID[want]
		found := false
		for _, c := range cands {
			if c == int(wi) {
				found = true
			}
		}
		// Rank of the true entry among all candidates by retrieval score.
		all := append([]candidate(nil), r.cands...)
		sort.Slice(all, func(a, b int) bool { return all[a].score > all[b].score })
		rank := -1
		for k, c := range all {
			if c.entry == wi {
				rank = k
			}
		}
		if found {
			inWin++
		} else {
			kind := "not retrieved"
			if rank >= 0 {
				kind = "outside window"
			}
			kinds[kind]++
			if kinds[kind] <= 15 {
				var names []string
				for _, nm := range snap.entries[wi].Names {
					names = append(names, nm.Full)
				}
				fmt.Printf("%s: %q (%d cands, rank %d) want %v\n", kind, q.Name, len(all), rank, names)
			}
		}
		r.reset()
		retrievals.Put(r)
		p.Release()
	}
	t.Logf("window recall %d/%d = %.2f%%; window full %d; %v", inWin, n, 100*float64(inWin)/float64(n), full, kinds)
}
