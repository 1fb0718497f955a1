package fingerprint

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTail(t *testing.T) {
	for _, p := range impostorTail {
		assert.InDelta(t, p.fmr, tailFMR(p.score), 1e-12, "score %v", p.score)
		assert.InDelta(t, p.score, tailScore(math.Log(p.fmr)), 1e-12, "fmr %v", p.fmr)
	}
	// Between the points and beyond them, each the inverse of the other.
	for _, s := range []float64{0.11, 0.15, 0.21, 0.3, 0.5} {
		assert.InDelta(t, s, tailScore(math.Log(tailFMR(s))), 1e-9, "score %v", s)
	}
	assert.Equal(t, 1.0, tailFMR(0))
	last := impostorTail[len(impostorTail)-1]
	assert.InDelta(t, last.fmr/10, tailFMR(last.score+tailDecade), 1e-12, "a decade per tailDecade")
	assert.Equal(t, 1.0, tailScore(-1e6), "fused scores stay in [0, 1]")
}

func TestFuse(t *testing.T) {
	var m MinutiaeMatcher
	at := func(fmr float64) float64 { return tailScore(math.Log(fmr)) }
	tests := []struct {
		name   string
		scores []float64
		want   float64 // the false match rate of the fused score
	}{
		{"one finger is itself", []float64{at(1e-3)}, 1e-3},
		{"two at 1%", []float64{at(0.01), at(0.01)}, 1e-4 * (1 - math.Log(1e-4))},
		{"two at 0.1%", []float64{at(1e-3), at(1e-3)}, 1e-6 * (1 - math.Log(1e-6))},
		{"a failed capture does not veto", []float64{at(1e-5), at(0.9)}, 1e-5},
		{"ten impostor fingers stay impostors", []float64{at(0.5), at(0.5), at(0.5), at(0.5), at(0.5), at(0.5), at(0.5), at(0.5), at(0.5), at(0.5)}, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.Fuse(tt.scores)
			assert.InDelta(t, math.Log(tt.want), math.Log(tailFMR(got)), 1e-6)
		})
	}
	thr := m.Threshold()
	one := at(1e-3) // alone below the threshold...
	assert.Less(t, one, thr)
	assert.GreaterOrEqual(t, m.Fuse([]float64{one, one}), thr, "...two such fingers are a match")
	assert.Zero(t, Fuse(m, nil))
	assert.Equal(t, 0.7, Fuse(plainMatcher{}, []float64{0.2, 0.7, 0.5}), "a Matcher without Fuse: the best score")
}

type plainMatcher struct{ MinutiaeMatcher }

func (plainMatcher) Fuse() {} // hides MinutiaeMatcher.Fuse: not a Fuser

func TestFingers(t *testing.T) {
	cs := []Comparison{
		{Probe: 0, Candidate: 0, ProbePosition: 2, CandidatePosition: 2, Score: 0.30},
		{Probe: 0, Candidate: 1, ProbePosition: 2, CandidatePosition: 7, Score: 0.90}, // different fingers: never
		{Probe: 1, Candidate: 1, ProbePosition: 7, CandidatePosition: 7, Score: 0.25},
		{Probe: 1, Candidate: 0, ProbePosition: 7, CandidatePosition: 2, Score: 0.80}, // idem
		{Probe: 2, Candidate: 2, ProbePosition: 0, CandidatePosition: 0, Score: 0.40}, // unknown
		{Probe: 3, Candidate: 3, ProbePosition: 0, CandidatePosition: 0, Score: 0.35}, // unknown again: maybe the same finger
		{Probe: 4, Candidate: 0, ProbePosition: 0, CandidatePosition: 2, Score: 0.50}, // finger 2 again
		{Probe: 2, Candidate: 4, ProbePosition: 0, CandidatePosition: 0, Score: 0.45}, // probe 2 again
	}
	got := Fingers(cs)
	var scores []float64
	for _, c := range got {
		scores = append(scores, c.Score)
	}
	assert.Equal(t, []float64{0.50, 0.45, 0.25}, scores, "finger 2 (probe 4), unknown (probe 2), finger 7")
	assert.Empty(t, Fingers(nil))
}
