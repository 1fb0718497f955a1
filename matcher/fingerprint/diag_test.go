package fingerprint_test

import (
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/matcher/fingerprint"
	"github.com/raqib/raqib/matcher/fingerprint/fpeval"
)

// TestDiag (RAQIB_DIAG=file) writes, for the tuning split with cropped
// copies, the genuine pairs near the threshold of FMR 0.1% and the highest
// impostors, with their best alignment; and, for the cropped genuine pairs
// under that threshold, their score under the alignment the uncropped pair
// found. It is for diagnosis and asserts nothing.
func TestDiag(t *testing.T) {
	if os.Getenv("RAQIB_DIAG") == "" {
		t.Skip("set RAQIB_DIAG to a file to write the diagnosis to")
	}
	all, err := fpeval.LoadFVC(fvcDir(t))
	require.NoError(t, err)
	ts := fpeval.Select(all, tuneDBs...)
	ts = append(ts, cropped(t, ts, 0.8)...)
	var m fingerprint.MinutiaeMatcher
	fs := make([]fingerprint.Features, len(ts))
	for i := range ts {
		fs[i], err = m.Prepare(ts[i].Format, ts[i].Data)
		require.NoError(t, err)
	}
	type rec struct {
		s    float64
		i, j int
	}
	var gen, imp []rec
	for i := range ts {
		for j := i + 1; j < len(ts); j++ {
			if ts[i].Group != ts[j].Group {
				continue
			}
			r := rec{m.Compare(fs[i], fs[j]), i, j}
			if ts[i].Finger == ts[j].Finger {
				gen = append(gen, r)
			} else {
				imp = append(imp, r)
			}
		}
	}
	cmpr := func(a, b rec) int {
		if a.s < b.s {
			return -1
		}
		if a.s > b.s {
			return 1
		}
		return 0
	}
	slices.SortFunc(gen, cmpr)
	slices.SortFunc(imp, cmpr)
	thr := imp[len(imp)-len(imp)/1000-1].s
	f, _ := os.Create(os.Getenv("RAQIB_DIAG"))
	defer f.Close()
	pr := func(tag string, r rec) {
		np, nc, n, w, inP, inC, zp, zc, raw := fingerprint.Explain(fs[r.i], fs[r.j])
		fmt.Fprintf(f, "%s %s %s %s s=%.3f raw=%.3f np=%d nc=%d n=%d w=%.2f inP=%d inC=%d zp=%.3f zc=%.3f\n", tag, ts[r.i].Group, ts[r.i].Name, ts[r.j].Name, r.s, raw, np, nc, n, w, inP, inC, zp, zc)
	}
	fmt.Fprintf(f, "thr %.4f gen %d imp %d\n", thr, len(gen), len(imp))
	for _, r := range gen {
		if r.s < thr+0.03 {
			pr("G", r)
		}
	}
	half := len(ts) / 2
	better, worse, same := 0, 0, 0
	for _, r := range gen {
		if r.s < thr && r.i >= half {
			n, sc, n0, sc0 := fingerprint.ScoreWith(fs[r.i-half], fs[r.j-half], fs[r.i], fs[r.j])
			fmt.Fprintf(f, "W %s %s full-alignment n=%d raw=%.3f own n=%d raw=%.3f\n", ts[r.i].Name, ts[r.j].Name, n, sc, n0, sc0)
			switch {
			case sc > sc0+0.005:
				better++
			case sc < sc0-0.005:
				worse++
			default:
				same++
			}
		}
	}
	fmt.Fprintf(f, "full alignment better %d worse %d same %d\n", better, worse, same)
	for _, r := range imp[len(imp)-60:] {
		pr("I", r)
	}
}
