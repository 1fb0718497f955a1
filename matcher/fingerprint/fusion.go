package fingerprint

import (
	"cmp"
	"math"
	"slices"
)

// Fuser is implemented by a Matcher that can combine the scores of several
// different fingers of one person, each compared with the same finger of
// another, into one score on the scale of its single-finger scores (so that
// its Threshold decides on the fused score too).
type Fuser interface {
	Fuse(scores []float64) float64
}

// Fuse returns m's fusion of the scores of different fingers (see Fingers),
// or the best of them when m is not a Fuser; 0 for none.
func Fuse(m Matcher, scores []float64) float64 {
	if len(scores) == 0 {
		return 0
	}
	if f, ok := m.(Fuser); ok {
		return f.Fuse(scores)
	}
	return slices.Max(scores)
}

// Comparison is one template of a probe compared with one template of a
// candidate, as the input of Fingers.
type Comparison struct {
	Probe, Candidate int // the templates' indexes on each side
	// ProbePosition and CandidatePosition are the finger positions (1 right
	// thumb ... 10 left little; 0 unknown).
	ProbePosition, CandidatePosition int
	Score                            float64
}

// Fingers picks from cs the comparisons that stand for different fingers,
// best first: each template at most once on each side, each known finger
// position at most once, templates of unknown position together as one
// finger, and no comparison of two different known positions. Two
// impressions of one finger are not two fingers: they would count the same
// evidence twice.
func Fingers(cs []Comparison) []Comparison {
	cs = slices.Clone(cs)
	slices.SortStableFunc(cs, func(a, b Comparison) int { return cmp.Compare(b.Score, a.Score) })
	var out []Comparison
	var fingers [11]bool // 0: unknown
	for _, c := range cs {
		pp, cp := c.ProbePosition, c.CandidatePosition
		if pp < 0 || pp > 10 || cp < 0 || cp > 10 || (pp != 0 && cp != 0 && pp != cp) {
			continue
		}
		finger := max(pp, cp)
		if fingers[finger] || slices.ContainsFunc(out, func(o Comparison) bool {
			return o.Probe == c.Probe || o.Candidate == c.Candidate
		}) {
			continue
		}
		fingers[finger] = true
		out = append(out, c)
	}
	return out
}

// impostorTail is the false match rate of MinutiaeMatcher's single-finger
// scores, measured on the tuning split of the real templates (FVC2002 DB1
// and DB2, 12,160 impostor pairs within and across the two databases) and
// extrapolated beyond 0.1% by tailDecade per decade (about the 0.1–10%
// slope, 0.033 a decade, and more than the measured 1–0.1% one, 0.028, so
// that the extrapolation does not claim rarer impostors than measured).
// Re-measured 2026-12-03 with the rotation limit (DefaultMaxRotation).
var impostorTail = [...]struct{ score, fmr float64 }{
	{0.0, 1}, {0.0604, 0.9}, {0.0889, 0.7}, {0.1013, 0.5}, {0.1146, 0.3}, {0.1235, 0.2}, {0.1367, 0.1},
	{0.1483, 0.05}, {0.1637, 0.02}, {0.175, 0.01}, {0.184, 0.005}, {0.1954, 0.002}, {0.2033, 0.001},
}

const tailDecade = 0.03

// tailFMR returns the false match rate of a single-finger score.
func tailFMR(s float64) float64 {
	t := impostorTail[:]
	if s <= t[0].score {
		return 1
	}
	last := t[len(t)-1]
	if s >= last.score {
		return last.fmr * math.Pow(10, -(s-last.score)/tailDecade)
	}
	i, _ := slices.BinarySearchFunc(t, s, func(p struct{ score, fmr float64 }, s float64) int { return cmp.Compare(p.score, s) })
	a, b := t[i-1], t[i]
	// Log-linear between the measured points.
	u := (s - a.score) / (b.score - a.score)
	return math.Exp(math.Log(a.fmr) + u*(math.Log(b.fmr)-math.Log(a.fmr)))
}

// tailScore is the inverse of tailFMR: the single-finger score whose false
// match rate is e^logFMR (in logarithms, as fused rates can be tiny), at most 1.
func tailScore(logFMR float64) float64 {
	t := impostorTail[:]
	if logFMR >= 0 {
		return t[0].score
	}
	last := t[len(t)-1]
	if logFMR <= math.Log(last.fmr) {
		return min(1, last.score+tailDecade*(math.Log(last.fmr)-logFMR)/math.Ln10)
	}
	i := 1
	for math.Log(t[i].fmr) > logFMR {
		i++
	}
	a, b := t[i-1], t[i]
	u := (logFMR - math.Log(a.fmr)) / (math.Log(b.fmr) - math.Log(a.fmr))
	return a.score + u*(b.score-a.score)
}

// Fuse combines the scores of different fingers of one person compared
// with another's: each score's false match rate (from the impostor score
// distribution of the real templates) is combined with the others by
// Fisher's method, as independent evidence, and turned back into the score
// that one finger would need for the same false match rate. Two fingers
// each at a false match rate of 0.1% fuse to about 0.0015%: together a
// match, where either alone is not. The fused score is never below the best
// single one: a finger that fails to match (a poor capture) does not veto
// one that matches.
func (MinutiaeMatcher) Fuse(scores []float64) float64 {
	if len(scores) == 0 {
		return 0
	}
	best := slices.Max(scores)
	if len(scores) == 1 {
		return best
	}
	// Fisher: X = -2 Σ ln p follows χ² with 2k degrees of freedom, whose
	// survival is e^(-X/2) Σ_{i<k} (X/2)^i / i!. In logarithms, as the
	// rates can be tiny.
	h := 0.0
	for _, s := range scores {
		h -= math.Log(tailFMR(s)) // X/2
	}
	term, sum := 1.0, 1.0
	for i := 1; i < len(scores); i++ {
		term *= h / float64(i)
		sum += term
	}
	logP := -h + math.Log(sum)
	return max(best, tailScore(logP))
}

// Thresholds holds decision thresholds per template source — the Source
// of the list entries that hold the templates (lists.Entry.Source) — for
// the sources whose extractor scores differently from the one the
// matcher's Threshold was set on; the key "" sets the threshold of every
// source without one of its own. An agency calibrates each source on its
// own labelled templates (cmd/fpcalibrate). The zero value uses the
// matcher's threshold for every source.
type Thresholds map[string]float64

// For returns the threshold of source: its own, else t[""], else m's Threshold.
func (t Thresholds) For(source string, m Matcher) float64 {
	if v, ok := t[source]; ok {
		return v
	}
	if v, ok := t[""]; ok {
		return v
	}
	return m.Threshold()
}

// Prepared is a template as a Matcher prepared it, with its finger position
// (0 unknown): what a 1:N gallery and a pairwise comparison can share, so
// that each template is prepared once.
type Prepared struct {
	Position int
	Features Features
}
