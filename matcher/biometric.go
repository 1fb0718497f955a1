package matcher

import (
	"fmt"
	"strings"

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
	return func(m *Matcher) {
		if th, ok := m.fingers.(thresholded); ok {
			m.fingers = thresholded{fm, th.t}
			return
		}
		m.fingers = fm
	}
}

// WithFingerprintThresholds sets the fingerprint decision thresholds of the
// entries' sources (lists.Entry.Source; "" for every source without its
// own): each extractor scores differently, and an agency calibrates its own
// (cmd/fpcalibrate). Sources without one use the fingerprint matcher's Threshold.
func WithFingerprintThresholds(t fingerprint.Thresholds) Option {
	return func(m *Matcher) { m.fingers = thresholded{m.fingerBase(), t} }
}

// thresholded is a fingerprint matcher with per-source thresholds, as
// Matcher.fingers holds it after WithFingerprintThresholds.
type thresholded struct {
	fingerprint.Matcher
	t fingerprint.Thresholds
}

// preparedFinger is a fingerprint template as the fingerprint matcher
// prepared it; Features is nil for an entry's template that could not be read.
type preparedFinger = fingerprint.Prepared

func (m *Matcher) fingerMatcher() fingerprint.Matcher {
	if m.fingers == nil {
		return fingerprint.MinutiaeMatcher{}
	}
	return m.fingers
}

// fingerBase is the fingerprint matcher without per-source thresholds.
func (m *Matcher) fingerBase() fingerprint.Matcher {
	if th, ok := m.fingers.(thresholded); ok {
		return th.Matcher
	}
	return m.fingerMatcher()
}

// fingerThreshold is the fingerprint decision threshold of an entry source.
func (m *Matcher) fingerThreshold(source string) float64 {
	if th, ok := m.fingers.(thresholded); ok {
		return th.t.For(source, th.Matcher)
	}
	return m.fingerMatcher().Threshold()
}

// Fingerprints returns the fingerprint templates of entry i as the matcher
// prepared them, one for each of Entry.Fingerprints, in order (Features nil
// for one that could not be read: Skipped names it), so that a 1:N gallery
// holds the same preparation instead of making its own.
func (m *Matcher) Fingerprints(i int) []fingerprint.Prepared { return m.fingerTmpl[int32(i)] }

// Fingerprints returns the query's fingerprint templates as the matcher
// prepared them, in order, for a 1:N search to use.
func (p *Prepared) Fingerprints() []fingerprint.Prepared { return p.fingers }

// prepareBiometrics prepares the face and fingerprint templates of entry i,
// once; the templates that cannot be read are named in Skipped.
func (m *Matcher) prepareBiometrics(i int, e *lists.Entry) {
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
		if m.fingerTmpl == nil {
			m.fingerTmpl, m.fingerSource = map[int32][]preparedFinger{}, map[int32]string{}
		}
		m.fingerTmpl[int32(i)], m.fingerSource[int32(i)] = fs, e.Source
		for _, err := range errs {
			m.skipped = append(m.skipped, fmt.Errorf("%s: %w", e.ID, err))
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

// prepareFingers parses fingerprint templates, one prepared template for
// each (Features nil for a bad one); the bad ones are returned as errors.
func (m *Matcher) prepareFingers(ts []lists.FingerprintTemplate) ([]preparedFinger, []error) {
	if len(ts) == 0 {
		return nil, nil
	}
	out := make([]preparedFinger, len(ts))
	var errs []error
	fm := m.fingerMatcher()
	for i, t := range ts {
		out[i].Position = t.Position
		f, err := fm.Prepare(t.Format, t.Data)
		if err != nil {
			errs = append(errs, fmt.Errorf("fingerprints[%d]: %w", i, err))
			continue
		}
		out[i].Features = f
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
// position against finger position where both are known, and fuses the
// best comparison of each finger (fingerprint.Fingers, fingerprint.Fuse):
// two fingers that agree outweigh one. The threshold is that of the entry's
// source. ok is false when the entry has none to compare.
func (m *Matcher) fingerFeature(qs []preparedFinger, entry int, nameScore float64, x explainer) (raqib.Feature, bool) {
	fm := m.fingerMatcher()
	var cs []fingerprint.Comparison
	for i, q := range qs {
		for j, e := range m.fingerTmpl[int32(entry)] {
			if q.Features == nil || e.Features == nil || (q.Position != 0 && e.Position != 0 && q.Position != e.Position) {
				continue
			}
			cs = append(cs, fingerprint.Comparison{Probe: i, Candidate: j,
				ProbePosition: q.Position, CandidatePosition: e.Position, Score: fm.Compare(q.Features, e.Features)})
		}
	}
	if len(cs) == 0 {
		return raqib.Feature{}, false
	}
	fs := fingerprint.Fingers(cs)
	scores := make([]float64, len(fs))
	for k, c := range fs {
		scores[k] = c.Score
	}
	best := fingerprint.Fuse(m.fingerBase(), scores)
	thr := m.fingerThreshold(m.fingerSource[int32(entry)])
	what := "fingerprint similarity"
	if len(fs) > 1 {
		what = x.f("%d fingers (%s), fused similarity", len(fs), fingerList(fs))
	}
	f := raqib.Feature{Name: raqib.FeatureFingerprint}
	if best >= thr {
		f.Score, f.Weight = 1, fingerAgreeWeight
		f.Detail = x.f("%s %.2f (threshold %.2f): the same %s%s", what, best, thr, person(len(fs)), nameNote(nameScore))
	} else {
		f.Score, f.Weight = -1, biometricDisagreeWeight
		f.Detail = x.f("%s %.2f (threshold %.2f): different fingers", what, best, thr)
	}
	return f, true
}

// fingerList names the fused fingers and their scores: "right index 0.31, left index 0.22".
func fingerList(fs []fingerprint.Comparison) string {
	var b strings.Builder
	for k, c := range fs {
		if k > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %.2f", fingerName(max(c.ProbePosition, c.CandidatePosition)), c.Score)
	}
	return b.String()
}

// fingerName is the name of an ISO/IEC 19794-2 finger position.
func fingerName(pos int) string {
	names := [...]string{"finger", "right thumb", "right index", "right middle", "right ring", "right little",
		"left thumb", "left index", "left middle", "left ring", "left little"}
	if pos < 0 || pos >= len(names) {
		return names[0]
	}
	return names[pos]
}

func person(fingers int) string {
	if fingers > 1 {
		return "person"
	}
	return "finger"
}

func nameNote(nameScore float64) string {
	if nameScore < 0 || nameScore >= dissimilarName {
		return ""
	}
	return "; the names differ: a possible alias or forged identity"
}
