// Package matcher compares one screening query with one listed entry and says
// how alike they are: a score in [0,1] fused from name similarity, biographic
// features (birth date, nationality, gender, documents, place of birth) and,
// where given, biometric evidence, with a feature list that explains the score
// in words a border officer can read. It holds no index and does no I/O: the
// screening package asks it to score the candidates its index retrieves.
package matcher

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher/face"
	"github.com/raqib/raqib/matcher/fingerprint"
	"github.com/raqib/raqib/normalize"
)

// Result is the comparison of a query with one entry.
type Result struct {
	Score float64
	// MatchedName is the entry's name that matched the query best, as the list
	// writes it; MatchedForm is the form compared when it differs (a romanisation).
	MatchedName string
	MatchedForm string
	// NameScore is the name similarity alone, before the other features.
	NameScore float64
	Features  []raqib.Feature
}

// ErrEmptyQuery is returned for a query with nothing to compare.
var ErrEmptyQuery = errors.New("matcher: query has no name, document or biometrics")

// Matcher compares prepared queries with prepared entries. Build it once per
// list snapshot with New; it is safe for concurrent use.
type Matcher struct {
	freq           normalize.Frequencies
	faceThresholds face.Thresholds
	fingers        fingerprint.Matcher
}

// New returns a Matcher whose name-token weights come from the names of entries:
// a token that many entries carry ("muhammad") weighs little. Each entry
// counts a key once, however many of its names and romanisations hold it.
//
// A short national watchlist says little about which names are common, so
// when entries holds fewer than minFrequencyEntries entries, the names of the
// embedded UN list are counted as well.
func New(entries []lists.Entry, opts ...Option) *Matcher {
	m := &Matcher{}
	for _, o := range opts {
		o(m)
	}
	m.addFrequencies(entries, nil)
	if len(entries) < minFrequencyEntries {
		if def, err := lists.Default(); err == nil {
			seen := make(map[string]bool, len(entries))
			for i := range entries {
				seen[entries[i].ID] = true
			}
			m.addFrequencies(def.Entries, seen)
		}
	}
	return m
}

// minFrequencyEntries is the size from which a list's own names are enough
// to weigh name tokens.
const minFrequencyEntries = 500

// addFrequencies counts the name keys of each entry not in skip, once per entry.
func (m *Matcher) addFrequencies(entries []lists.Entry, skip map[string]bool) {
	var all normalize.Name
	for i := range entries {
		if skip[entries[i].ID] {
			continue
		}
		all.Parts = all.Parts[:0]
		for _, n := range entries[i].Names {
			for _, s := range latinForms(n.Full) {
				all.Parts = append(all.Parts, normalize.ParseName(s).Parts...)
			}
		}
		m.freq.Add(all)
	}
}

// Prepared is a query turned into comparable forms by Matcher.Prepare.
type Prepared struct {
	Query     raqib.Query
	forms     []nameForm
	dates     []normalize.DateRange
	country   string
	gender    string
	docs      []preparedDoc
	placeToks []string
	// Warnings names the fields of the query that could not be read and were
	// left out of every comparison.
	Warnings []string

	face    *lists.FaceTemplate // normalised
	fingers []preparedFinger
}

func (p *Prepared) warn(format string, args ...any) {
	p.Warnings = append(p.Warnings, fmt.Sprintf(format, args...))
}

// Target is an entry turned into comparable forms by Matcher.Target.
type Target struct {
	Entry *lists.Entry
	forms []nameForm
	// Skipped names the entry's biometric templates that could not be read.
	Skipped []error

	faces   []lists.FaceTemplate // normalised
	fingers []preparedFinger
}

// Prepare normalises a query. It fails only on a query with nothing to
// compare; a field it cannot read (a birth date of "1974-01-32", an unknown
// country) is left out of the comparison and named in Warnings.
func (m *Matcher) Prepare(q raqib.Query) (*Prepared, error) {
	p := &Prepared{Query: q}
	for i := -1; i < len(q.AltNames); i++ {
		name := q.Name
		if i >= 0 {
			name = q.AltNames[i]
		}
		if strings.TrimSpace(name) == "" {
			continue
		}
		for _, s := range latinForms(name) {
			if f, ok := m.form(s, -1, lists.NamePrimary); ok && !hasForm(p.forms, f.text) {
				p.forms = append(p.forms, f)
			}
		}
	}
	if q.BirthDate != "" {
		ds, err := normalize.ParseDate(q.BirthDate)
		if err != nil || len(ds) == 0 {
			p.warn("birth_date %q not understood: not compared", q.BirthDate)
		}
		p.dates = ds
	}
	if q.Nationality != "" {
		if code, ok := normalize.CountryCode(q.Nationality); ok {
			p.country = code
		} else {
			p.warn("nationality %q not understood: not compared", q.Nationality)
		}
	}
	if q.Gender != "" {
		if g, ok := normalize.ParseGender(q.Gender); ok {
			p.gender = g
		} else {
			p.warn("gender %q not understood: not compared", q.Gender)
		}
	}
	for i, d := range q.Documents {
		pd, err := prepareDoc(d)
		if err != nil {
			p.warn("documents[%d]: %v: not compared", i, err)
			continue
		}
		p.docs = append(p.docs, pd)
	}
	if q.BirthPlace != "" {
		p.placeToks = placeTokens(q.BirthPlace)
	}
	if q.Face != nil {
		fs, errs := prepareFaces([]lists.FaceTemplate{*q.Face})
		if len(errs) > 0 {
			return nil, fmt.Errorf("face: %w", errs[0])
		}
		p.face = &fs[0]
	}
	if len(q.Fingerprints) > 0 {
		var errs []error
		p.fingers, errs = m.prepareFingers(q.Fingerprints)
		if len(errs) > 0 {
			return nil, errs[0]
		}
	}
	if len(p.forms) == 0 && len(p.docs) == 0 && p.face == nil && len(p.fingers) == 0 {
		return nil, ErrEmptyQuery
	}
	return p, nil
}

// hasForm reports whether forms holds a form of the text.
func hasForm(forms []nameForm, text string) bool {
	for i := range forms {
		if forms[i].text == text {
			return true
		}
	}
	return false
}

// Target prepares an entry for comparison. Screening does this once per entry
// when it builds its index.
func (m *Matcher) Target(e *lists.Entry) *Target {
	t := &Target{Entry: e}
	var errs []error
	t.faces, errs = prepareFaces(e.Faces)
	t.Skipped = append(t.Skipped, errs...)
	t.fingers, errs = m.prepareFingers(e.Fingerprints)
	t.Skipped = append(t.Skipped, errs...)
	for i, n := range e.Names {
		forms := latinForms(n.Full)
		for _, s := range forms {
			if f, ok := m.form(s, i, n.Quality); ok {
				t.forms = append(t.forms, f)
			}
		}
	}
	return t
}

// Compare scores a prepared query against a prepared entry and explains the score.
func (m *Matcher) Compare(p *Prepared, t *Target) Result {
	return m.compare(p, t, true)
}

// Score is Compare without the explanation: the same score, cheaper, for
// ranking many candidates.
func (m *Matcher) Score(p *Prepared, t *Target) float64 {
	return m.compare(p, t, false).Score
}

func (m *Matcher) compare(p *Prepared, t *Target, explain bool) Result {
	var r Result
	e := t.Entry
	x := explainer(explain)
	if len(p.forms) > 0 {
		best, qi, ti := m.bestName(p, t)
		r.NameScore = best
		f := raqib.Feature{Name: raqib.FeatureName, Score: best, Weight: 1}
		if ti >= 0 {
			tf := &t.forms[ti]
			r.MatchedName = e.Names[tf.name].Full
			if explain {
				readAs := tf.text != normalize.Fold(normalize.Clean(r.MatchedName))
				if readAs {
					r.MatchedForm = tf.text
				}
				f.Detail = nameDetail(&p.forms[qi], tf, e.Names[tf.name], best, readAs)
			}
		} else {
			f.Detail = x.f("no name of the entry is like the query's name")
		}
		r.Features = append(r.Features, f)
	}
	r.Features = appendBiographic(r.Features, p, e, x)
	nameScore := -1.0
	if len(p.forms) > 0 {
		nameScore = r.NameScore
	}
	if p.face != nil {
		if f, ok := m.faceFeature(p.face, t, nameScore, x); ok {
			r.Features = append(r.Features, f)
		}
	}
	if len(p.fingers) > 0 {
		if f, ok := m.fingerFeature(p.fingers, t, nameScore, x); ok {
			r.Features = append(r.Features, f)
		}
	}
	sum := 0.0
	for _, f := range r.Features {
		sum += f.Score * f.Weight
	}
	r.Score = squash(sum)
	return r
}

// squash maps the sum of the features to [0,1]: unchanged up to 0.9, then
// compressed towards 1 so that more agreeing evidence still ranks higher.
func squash(x float64) float64 {
	const knee = 0.9
	if x <= knee {
		return max(x, 0)
	}
	return knee + (1-knee)*math.Tanh((x-knee)/(1-knee))
}

// Terms returns the index terms of the name tokens of a prepared query, one
// Term per distinct token of all its name forms, particles left out.
func (p *Prepared) Terms() []Term {
	var out []Term
	for i := range p.forms {
		out = appendTerms(out, &p.forms[i], true)
	}
	return out
}

// Forms returns, for each name form of the target, its text and the index
// terms of its tokens. The screening index stores one document per form.
func (t *Target) Forms() []FormTerms {
	out := make([]FormTerms, len(t.forms))
	for i := range t.forms {
		out[i].Text = t.forms[i].text
		out[i].Joined = t.forms[i].joined
		out[i].Terms = appendTerms(nil, &t.forms[i], false)
	}
	return out
}

// Term holds the index terms of one name token: the folded token, its
// skeleton key and its phonetic keys.
type Term struct {
	Text     string
	Key      string
	Phonetic []string
}

// FormTerms are the text and the index terms of one name form. Joined is the
// form's ordinary tokens written as one word ("laurentnkunda"), for finding
// names whose spaces fell in the wrong place.
type FormTerms struct {
	Text   string
	Joined string
	Terms  []Term
}

// Joined returns the distinct forms of the query's name written as one word.
func (p *Prepared) Joined() []string {
	var out []string
	for i := range p.forms {
		if j := p.forms[i].joined; j != "" && !slices.Contains(out, j) {
			out = append(out, j)
		}
	}
	return out
}

// DocumentKeys returns the normalised numbers of the query's documents, for
// exact identifier look-ups.
func (p *Prepared) DocumentKeys() []string {
	out := make([]string, 0, len(p.docs))
	for _, d := range p.docs {
		out = append(out, d.number)
	}
	return out
}

// HasName reports whether the query has a name to compare.
func (p *Prepared) HasName() bool { return len(p.forms) > 0 }
