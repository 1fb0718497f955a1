package fingerprint_test

import (
	"context"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/matcher/fingerprint"
	"github.com/raqib/raqib/matcher/fingerprint/fpeval"
)

// TestTune prints the figures of the matcher's tuning on the tuning split of
// the real templates (FVC2002 DB1 and DB2 unless RAQIB_TUNE_GROUPS names
// others) and on synthetic fingers, for each ';'-separated tuning in
// RAQIB_TUNE ("r0=12,rk=0.05;r0=15"). It is for tuning by hand and asserts nothing.
func TestTune(t *testing.T) {
	spec, ok := os.LookupEnv("RAQIB_TUNE")
	if !ok {
		t.Skip("set RAQIB_TUNE to tunings to try")
	}
	dir := fvcDir(t)
	all, err := fpeval.LoadFVC(dir)
	require.NoError(t, err)
	groups := []string{"FVC2002 DB1", "FVC2002 DB2"}
	if g := os.Getenv("RAQIB_TUNE_GROUPS"); g != "" {
		groups = strings.Split(g, ",")
	}
	if g := os.Getenv("RAQIB_TUNE_GROUPS"); g == "all" {
		groups = nil
	}
	ts := fpeval.Select(all, groups...)
	// RAQIB_TUNE_FOLD=A keeps fingers 101-105 of each database, B 106-110.
	if fold := os.Getenv("RAQIB_TUNE_FOLD"); fold != "" {
		var kept []fpeval.Template
		for _, t := range ts {
			n, _ := strconv.Atoi(t.Finger)
			if (fold == "A") == (n <= 105) {
				kept = append(kept, t)
			}
		}
		ts = kept
	}
	cross := os.Getenv("RAQIB_TUNE_CROSS") == "1"
	// RAQIB_TUNE_CROP=f adds a cropped copy of every template (group name
	// + "c"): the minutiae inside a window of share f of its bounding box
	// in each dimension, placed at random, as a small sensor gives them.
	// The copies have fewer minutiae and smaller overlaps, as the held-out
	// databases do, so that pooling templates of different sizes can be
	// tuned without them. The copies of one finger are not impostors of
	// the originals: the cross-group set is then left out.
	if f, err := strconv.ParseFloat(os.Getenv("RAQIB_TUNE_CROP"), 64); err == nil && f > 0 && f < 1 {
		ts = append(ts, cropped(t, ts, f)...)
		cross = false
	}
	for _, tu := range strings.Split(spec, ";") {
		restore, err := fingerprint.SetTuning(tu)
		require.NoError(t, err)
		rep, err := fpeval.Run(context.Background(), fingerprint.MinutiaeMatcher{}, ts, fpeval.Options{Cross: cross})
		require.NoError(t, err)
		e := rep.Overall.Extended
		if len(rep.Overall.Cross.Impostor) > 0 {
			e = rep.Overall.Cross
		}
		f1, _, _ := e.FNMRAt(0.01)
		f01, thr, _ := e.FNMRAt(0.001)
		syn := evaluate(t, 1, synFingers(), 4)
		t.Logf("%-40s real: EER %.2f%% (FVC %.2f%%) FNMR@1%% %.2f%% @0.1%% %.2f%% (thr %.3f) | synthetic EER %.3f%% FNMR@0.1%% %.3f%% @0.01%% %.3f%%",
			tu, 100*e.EER(), 100*rep.Overall.FVC.EER(), 100*f1, 100*f01, thr, 100*syn.eer, 100*syn.fnmrAt1e3, 100*syn.fnmrAt1e4)
		restore()
	}
}

// cropped returns a copy of each template cropped to a window of share f
// of its minutiae's bounding box in each dimension (at a random place, the
// same for every run of one RAQIB_TUNE_CROP_SEED, 1 unless set), in group
// Group+"c".
func cropped(t *testing.T, ts []fpeval.Template, f float64) []fpeval.Template {
	seed := uint64(1)
	if s, err := strconv.ParseUint(os.Getenv("RAQIB_TUNE_CROP_SEED"), 10, 64); err == nil {
		seed = s
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	var out []fpeval.Template
	for _, tp := range ts {
		r, err := fingerprint.Parse(tp.Format, tp.Data)
		require.NoError(t, err, tp.Name)
		v := &r.Views[0]
		x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, m := range v.Minutiae {
			x0, x1 = min(x0, float64(m.X)), max(x1, float64(m.X))
			y0, y1 = min(y0, float64(m.Y)), max(y1, float64(m.Y))
		}
		w, h := (x1-x0)*f, (y1-y0)*f
		ox, oy := x0+rng.Float64()*(x1-x0-w), y0+rng.Float64()*(y1-y0-h)
		var kept []fingerprint.Minutia
		for _, m := range v.Minutiae {
			if x, y := float64(m.X), float64(m.Y); x >= ox && x <= ox+w && y >= oy && y <= oy+h {
				kept = append(kept, m)
			}
		}
		if len(kept) >= 4 {
			v.Minutiae = kept
		}
		data, err := r.AppendISO(nil)
		require.NoError(t, err, tp.Name)
		tp.Name, tp.Group, tp.Format, tp.Data = tp.Name+" cropped", tp.Group+"c", fingerprint.FormatISO, data
		out = append(out, tp)
	}
	return out
}

func synFingers() int {
	if n, err := strconv.Atoi(os.Getenv("RAQIB_TUNE_SYN")); err == nil && n > 1 {
		return n
	}
	return 100
}

// BenchmarkTune is BenchmarkCompare under the tuning in RAQIB_TUNE.
func BenchmarkTune(b *testing.B) {
	restore, err := fingerprint.SetTuning(os.Getenv("RAQIB_TUNE"))
	require.NoError(b, err)
	defer restore()
	b.Run("syn", BenchmarkCompare)
	b.Run("fvc", BenchmarkCompareFVC)
}
