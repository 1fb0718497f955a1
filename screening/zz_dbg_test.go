package screening

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
)

func TestZZDbg(t *testing.T) {
	dir := os.Getenv("ZZSET")
	if dir == "" {
		t.Skip()
	}
	l, _ := lists.Load(filepath.Join(dir, "list.jsonl"))
	s, _ := New(context.Background(), WithLists(l))
	snap := s.snap.Load()
	for _, name := range []string{"JURI PEKAROW", "Raschidow Mourod", "Gorow Iia", "ahmad almasri"} {
		p, _ := snap.m.Prepare(raqib.Query{Name: name})
		for _, tk := range p.Tokens() {
			ids := snap.dict.oneEdit(tk.Text, nil)
			var ns []string
			for _, id := range ids {
				tx, k, _, _ := snap.m.ListToken(id)
				ns = append(ns, fmt.Sprintf("%s/%s:%d", tx, k, snap.m.KeyDF(k)))
			}
			ph := snap.dict.phonetic(tk.Phonetic, snap.frequent, nil)
			fmt.Printf("%s: tok %s key %s df %d onlist %v ph %v (%d, phoneDF %d) oneEdit %v\n", name, tk.Text, tk.Key, snap.m.KeyDF(tk.Key), tk.OnList, tk.Phonetic, len(ph), snap.dict.phoneDF[tk.Phonetic[0]], ns)
		}
	}
}
