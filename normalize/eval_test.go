package normalize

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/antzucaro/matchr"
	"github.com/stretchr/testify/assert"
)

// The evaluations below read the shared data beside the repository and run
// only with RAQIB_EVAL=1:
//
//	RAQIB_EVAL=1 go test -run 'TestEval' -v ./normalize/

const sharedData = "../../shared/data"

func evalOnly(t *testing.T, path string) {
	t.Helper()
	if os.Getenv("RAQIB_EVAL") != "1" {
		t.Skip("set RAQIB_EVAL=1 to run evaluations")
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("evaluation data absent: %v", err)
	}
}

type translitPair struct{ ar, en string }

func readTranslit(t *testing.T, path string, wikidata bool) []translitPair {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []translitPair
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) < 2 {
			continue
		}
		if wikidata {
			out = append(out, translitPair{ar: strings.ReplaceAll(fs[1], " ", ""), en: fs[0]})
		} else {
			out = append(out, translitPair{ar: fs[0], en: fs[1]})
		}
	}
	return out
}

// romanizationScores returns the share of pairs whose English spelling has
// the skeleton of one of the romanisations, and the share whose best
// Jaro-Winkler similarity with a romanisation is at least 0.85.
func romanizationScores(pairs []translitPair, misses func(p translitPair, rs []string)) (skel, jw float64, n int) {
	var okS, okJ int
	for _, p := range pairs {
		en := strings.ReplaceAll(Fold(Clean(p.en)), " ", "")
		if en == "" {
			continue
		}
		n++
		rs := Romanize(p.ar)
		ek := Skeleton(en)
		hitS, hitJ := false, false
		var forms []string
		for _, r := range rs {
			forms = append(forms, strings.ReplaceAll(r, " ", ""))
			// The article is a word of its own; English often drops it.
			if a, rest, ok := strings.Cut(r, " "); ok && (a == "al" || a == "el") {
				forms = append(forms, strings.ReplaceAll(rest, " ", ""))
			}
		}
		for _, r := range forms {
			if Skeleton(r) == ek {
				hitS = true
			}
			if matchr.JaroWinkler(r, en, false) >= 0.85 {
				hitJ = true
			}
		}
		if hitS {
			okS++
		}
		if hitJ {
			okJ++
		}
		if (!hitS || !hitJ) && misses != nil {
			misses(p, rs)
		}
	}
	return float64(okS) / float64(n), float64(okJ) / float64(n), n
}

func TestEvalRomanization(t *testing.T) {
	root := filepath.Join(sharedData, "translit")
	evalOnly(t, root)
	// Floors a little under the figures measured (docs/normalize.md).
	sets := []struct {
		name, file      string
		wikidata        bool
		floorS, floorJW float64
	}{
		{"google_ar2en test", "google_ar2en/ar2en-test.txt", false, 0.93, 0.95},
		{"wikidata wd_arabic_20", "wikidata_coling2018/wd_arabic_20", true, 0.90, 0.905},
		{"google_ar2en train", "google_ar2en/ar2en-train.txt", false, 0.995, 0.995},
	}
	for _, s := range sets {
		pairs := readTranslit(t, filepath.Join(root, s.file), s.wikidata)
		shown := 0
		skel, jw, n := romanizationScores(pairs, func(p translitPair, rs []string) {
			if shown < 15 && os.Getenv("RAQIB_EVAL_MISSES") == "1" {
				shown++
				t.Logf("miss %s %s -> %v", p.ar, p.en, rs)
			}
		})
		t.Logf("%s: %d pairs, skeleton %.1f%%, Jaro-Winkler>=0.85 %.1f%%", s.name, n, 100*skel, 100*jw)
		assert.GreaterOrEqual(t, skel, s.floorS, s.name)
		assert.GreaterOrEqual(t, jw, s.floorJW, s.name)
	}
}
