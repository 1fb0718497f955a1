package fingerprint_test

import (
	"bufio"
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/matcher/fingerprint"
	"github.com/raqib/raqib/matcher/fingerprint/fingerprinttest"
	"github.com/raqib/raqib/matcher/fingerprint/fpeval"
)

// TestDumpScores writes the score of every pair of the real templates and
// of 200 synthetic fingers × 4 impressions (first impressions against each
// other, and every genuine pair) to the file RAQIB_DUMP names, one
// "name name score" a line, so that a change meant to keep the scores can
// be checked to keep them (diff the files made before and after).
func TestDumpScores(t *testing.T) {
	path := os.Getenv("RAQIB_DUMP")
	if path == "" {
		t.Skip("set RAQIB_DUMP to a file to write every pair's score to")
	}
	out, err := os.Create(path)
	require.NoError(t, err)
	defer out.Close()
	w := bufio.NewWriter(out)
	var m fingerprint.MinutiaeMatcher
	ts, err := fpeval.LoadFVC(fvcDir(t))
	require.NoError(t, err)
	feats := make([]fingerprint.Features, len(ts))
	for i, tp := range ts {
		feats[i], err = m.Prepare(tp.Format, tp.Data)
		require.NoError(t, err)
	}
	for i := range feats {
		for j := range feats {
			if i != j {
				fmt.Fprintf(w, "%s %s %.9f\n", ts[i].Name, ts[j].Name, m.Compare(feats[i], feats[j]))
			}
		}
	}
	g := fingerprinttest.New(1)
	const fingers, impressions = 200, 4
	syn := make([][]fingerprint.Features, fingers)
	for i := range syn {
		f := g.Finger()
		for range impressions {
			ft, err := m.Prepare(fingerprint.FormatISO, g.ISO(f))
			require.NoError(t, err)
			syn[i] = append(syn[i], ft)
		}
	}
	for i := range syn {
		for a := range impressions {
			for b := a + 1; b < impressions; b++ {
				fmt.Fprintf(w, "syn%d_%d syn%d_%d %.9f\n", i, a, i, b, m.Compare(syn[i][a], syn[i][b]))
			}
		}
		for j := i + 1; j < fingers; j++ {
			fmt.Fprintf(w, "syn%d_0 syn%d_0 %.9f\n", i, j, m.Compare(syn[i][0], syn[j][0]))
		}
	}
	require.NoError(t, w.Flush())
}
