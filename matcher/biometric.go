package matcher

import (
	"fmt"
	"github.com/raqib/raqib"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher/face"
	"github.com/raqib/raqib/matcher/fingerprint"
)

// Biometric features. A face or a finger that agrees above its threshold is
// strong evidence: enough for a hit on its own, whatever the name says
// (aliases and forged identities exist). One that disagrees lowers the score,
// but a strong name match stays reported.
const (
	faceAgreeWeight         = 0.85
	fingerAgreeWeight       = 0.9
	biometricDisagreeWeight = 0.15
	// dissimilarName is the name score under which a biometric agreement
	// says so in its detail.
	dissimilarName = 0.5
)

// Option configures a Matcher.
type Option func(*Matcher)

// WithFaceThresholds sets the decision threshold (cosine similarity) of each
// face model; a model without one uses face.DefaultThreshold.
func WithFaceThresholds(t face.Thresholds) Option {
	return func(m *Matcher) { m.faceThresholds = t }
}

// WithFingerprintMatcher replaces the built-in minutiae matcher, for an
// agency that plugs in its own AFIS.
func WithFingerprintMatcher(fm fingerprint.Matcher) Option {
	return func(m *Matcher) { m.fingers = fm }
}

type preparedFinger struct {
	position int
	features fingerprint.Features
}

func (m *Matcher) fingerMatcher() fingerprint.Matcher {
	if m.fingers == nil {
		return fingerprint.MinutiaeMatcher{}
	}
	return m.fingers
}

// prepareBiometrics prepares the face and fingerprint templates of the
// entries that have any, once; the templates that cannot be read are named
// in Skipped.
func (m *Matcher) prepareBiometrics(entries []*lists.Entry) {
	for i, e := range entries {
		if len(e.Faces) > 0 {
			fs, errs := prepareFaces(e.Faces)
			if len(fs) > 0 {
				if m.faces == nil {
					m.faces = map[int32][]lists.FaceTemplate{}
				}
				m.faces[int32(i)] = fs
			}
			for _, err := range errs {
				m.skipped = append(m.skipped, fmt.Errorf("%s: %w", e.ID, err))
			}
		}
		if len(e.Fingerprints) > 0 {
			fs, errs := m.prepareFingers(e.Fingerprints)
			if len(fs) > 0 {
				if m.fingerTmpl == nil {
					m.fingerTmpl = map[int32][]preparedFinger{}
				}
				m.fingerTmpl[int32(i)] = fs
			}
			for _, err := range errs {
				m.skipped = append(m.skipped, fmt.Errorf("%s: %w", e.ID, err))
			}
		}
	}
}

// prepareFaces normalises face templates; the bad ones are returned as errors.
func prepareFaces(ts []lists.FaceTemplate) ([]lists.FaceTemplate, []error) {
	var out []lists.FaceTemplate
	var errs []error
	for i, t := range ts {
		v, err := face.Normalize(t.Vector)
		if err != nil || t.Model == "" {
			if err == nil {
				err = fmt.Errorf("face: no model ID")
			}
			errs = append(errs, fmt.Errorf("faces[%d]: %w", i, err))
			continue
		}
		out = append(out, lists.FaceTemplate{Model: t.Model, Vector: v})
	}
	return out, errs
}

// prepareFingers parses fingerprint templates; the bad ones are returned as errors.
func (m *Matcher) prepareFingers(ts []lists.FingerprintTemplate) ([]preparedFinger, []error) {
	var out []preparedFinger
	var errs []error
	fm := m.fingerMatcher()
	for i, t := range ts {
		f, err := fm.Prepare(t.Format, t.Data)
		if err != nil {
			errs = append(errs, fmt.Errorf("fingerprints[%d]: %w", i, err))
			continue
		}
		out = append(out, preparedFinger{position: t.Position, features: f})
	}
	return out, errs
}

// faceFeature compares the query's face with the entry's faces of the same
// model; ok is false when the entry has none.
func (m *Matcher) faceFeature(q *lists.FaceTemplate, i int, nameScore float64, x explainer) (raqib.Feature, bool) {
	best, found := -2.0, false
	for _, ef := range m.faces[int32(i)] {
		if ef.Model != q.Model || len(ef.Vector) != len(q.Vector) {
			continue
		}
		found = true
		best = max(best, float64(face.Dot(q.Vector, ef.Vector)))
	}
	if !found {
		return raqib.Feature{}, false
	}
	thr := m.faceThresholds.For(q.Model)
	f := raqib.Feature{Name: raqib.FeatureFace}
	if best >= thr {
		f.Score, f.Weight = 1, faceAgreeWeight
		f.Detail = x.f("face similarity %.2f (model %s, threshold %.2f): the same person%s", best, q.Model, thr, nameNote(nameScore))
	} else {
		f.Score, f.Weight = -1, biometricDisagreeWeight
		f.Detail = x.f("face similarity %.2f (model %s, threshold %.2f): a different face", best, q.Model, thr)
	}
	return f, true
}

// fingerFeature compares the query's fingerprints with the entry's, finger
// position against finger position where both are known; ok is false when the
// entry has none to compare.
func (m *Matcher) fingerFeature(qs []preparedFinger, i int, nameScore float64, x explainer) (raqib.Feature, bool) {
	fm := m.fingerMatcher()
	best, found := -1.0, false
	for _, q := range qs {
		for _, e := range m.fingerTmpl[int32(i)] {
			if q.position != 0 && e.position != 0 && q.position != e.position {
				continue
			}
			found = true
			best = max(best, fm.Compare(q.features, e.features))
		}
	}
	if !found {
		return raqib.Feature{}, false
	}
	thr := fm.Threshold()
	f := raqib.Feature{Name: raqib.FeatureFingerprint}
	if best >= thr {
		f.Score, f.Weight = 1, fingerAgreeWeight
		f.Detail = x.f("fingerprint similarity %.2f (threshold %.2f): the same finger%s", best, thr, nameNote(nameScore))
	} else {
		f.Score, f.Weight = -1, biometricDisagreeWeight
		f.Detail = x.f("fingerprint similarity %.2f (threshold %.2f): different fingers", best, thr)
	}
	return f, true
}

func nameNote(nameScore float64) string {
	if nameScore < 0 || nameScore >= dissimilarName {
		return ""
	}
	return "; the names differ: a possible alias or forged identity"
}
