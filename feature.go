package raqib

import (
	"encoding/json"
	"math"
)

// Feature is one piece of evidence behind a score. The fused score of a match
// is the sum of Score×Weight over its features, kept in [0,1] (negative sums
// are 0; sums above 0.9 are compressed towards 1 so that they still rank):
// Score is the agreement of the feature, from -1 (disagreement) to 1
// (agreement); Weight is how much that feature may move the result; Detail
// says in words what was compared and found.
type Feature struct {
	Name   string  `json:"name"`
	Score  float64 `json:"score"`
	Weight float64 `json:"weight"`
	Detail string  `json:"detail"`
}

// The names of the features.
const (
	FeatureName        = "name"
	FeatureBirthDate   = "birth_date"
	FeatureNationality = "nationality"
	FeatureGender      = "gender"
	FeatureDocument    = "document"
	FeatureBirthPlace  = "birth_place"
	FeatureFace        = "face"
	FeatureFingerprint = "fingerprint"
)

// MarshalJSON writes the feature with its score and weight rounded like
// every score Raqib writes (see Round).
func (f Feature) MarshalJSON() ([]byte, error) {
	type plain Feature
	f.Score, f.Weight = Round(f.Score), Round(f.Weight)
	return json.Marshal(plain(f))
}

// Round rounds a score to the three decimals Raqib writes in every JSON
// output: finer digits are noise to an officer and make outputs of equal
// screenings differ.
func Round(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	return math.Round(x*1000) / 1000
}

// Decision is what a screening asks of the officer.
type Decision string

// The decisions. A match scoring below the review threshold is reported only
// when asked for (screening.WithMinScore) and has decision Clear.
const (
	Clear  Decision = "clear"  // nothing reached the review threshold
	Review Decision = "review" // look: at or above the review threshold
	Hit    Decision = "hit"    // stop: at or above the hit threshold
)

// Stronger reports whether d asks more of the officer than e (Hit > Review > Clear).
func (d Decision) Stronger(e Decision) bool { return d.rank() > e.rank() }

func (d Decision) rank() int {
	switch d {
	case Hit:
		return 2
	case Review:
		return 1
	}
	return 0
}
