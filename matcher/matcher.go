// Package matcher compares screening queries with the entries of a list and
// says how alike they are: a score in [0,1] fused from name similarity,
// biographic features (birth date, nationality, gender, documents, place of
// birth) and, where given, biometric evidence, with features that explain the
// score in words a border officer can read.
//
// A Matcher is built once per list snapshot: it prepares every entry into a
// compact store (interned name tokens, flat biographic arrays) and weighs
// name tokens by how many entries carry them. It holds no index and does no
// I/O: the screening package asks it to score the candidates its index
// retrieves, by entry number.
package matcher

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"

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

// Matcher compares prepared queries with the entries it was built with. It is
// safe for concurrent use.
type Matcher struct {
	tt tokenTable
	st store
	// infoScale scales what matched name tokens prove on a list larger
	// than the one the scorer was calibrated on (namesakeScale).
	infoScale float64

	faceThresholds face.Thresholds
	fingers        fingerprint.Matcher
	// Biometric templates of the entries that have any, prepared once.
	faces        map[int32][]lists.FaceTemplate
	fingerTmpl   map[int32][]preparedFinger
	fingerSource map[int32]string // the source of each entry with fingerprints, for its threshold
	skipped      []error
	// reads holds the first romanisation of each name of the entries not
	// written in Latin letters that an explanation has quoted (readAs).
	reads sync.Map
}

// New returns a Matcher over entries (entry i is scored as Score(p, i)) whose
// name-token weights come from the names of entries: a token that many
// entries carry ("muhammad") weighs little. Each entry counts a key once,
// however many of its names and romanisations hold it.
//
// A short national watchlist says little about which names are common, so
// when entries holds fewer than minFrequencyEntries entries, the names of the
// embedded UN list are counted as well.
//
// The Matcher keeps no reference to entries; Compare is given the entry to
// explain. NewBuilder builds one from entries given one at a time.
func New(entries []*lists.Entry, opts ...Option) *Matcher {
	b := NewBuilder(opts...)
	for _, e := range entries {
		b.Add(e)
	}
	return b.Matcher()
}

// minFrequencyEntries is the size from which a list's own names are enough
// to weigh name tokens.
const minFrequencyEntries = 500

// entryName is all the name parts of one entry, for counting its keys.
type entryName struct {
	id   string
	name normalize.Name
}

// defaultNames returns the name parts of each entry of the embedded UN
// list, parsed once for every small list that borrows its frequencies.
var defaultNames = sync.OnceValue(func() []entryName {
	def, err := lists.Default()
	if err != nil {
		return nil
	}
	out := make([]entryName, len(def.Entries))
	for i := range def.Entries {
		e := &def.Entries[i]
		out[i].id = e.ID
		for _, n := range e.Names {
			for _, s := range latinForms(n.Full) {
				f, _ := parseForm(s)
				out[i].name.Parts = append(out[i].name.Parts, f.parts...)
			}
		}
	}
	return out
})

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// Len returns the number of entries of the Matcher.
func (m *Matcher) Len() int { return len(m.st.gender) }

// Skipped names the biometric templates of the entries that could not be
// read (each error names its entry number and template); those entries are
// compared on everything else.
func (m *Matcher) Skipped() []error { return m.skipped }

// Prepared is a query turned into comparable forms by Matcher.Prepare. It is
// used by one goroutine at a time: it caches token similarities.
type Prepared struct {
	Query raqib.Query
	// toks are the distinct tokens of the query's forms; each form lists
	// indexes into toks.
	toks  []qtoken
	forms []qform
	dates []pdate
	// dateRanges are the query's dates as parsed, for explanations.
	dateRanges []normalize.DateRange
	country    string
	gender     uint8
	docs       []pdoc
	placeToks  []string
	// Warnings names the fields of the query that could not be read and were
	// left out of every comparison.
	Warnings []string

	face    *lists.FaceTemplate // normalised
	fingers []preparedFinger

	// shared, while Bound.Prepare prepares p: the tokens prepared before.
	shared map[boundToken]qtoken

	sims  *simCache   // from simCaches, until Release
	costs []tokenCost // formBound's reading of toks (tokenCosts)
	es    *entrySims  // from entrySimsPool, until Release
	// scale is the namesake scale of the comparison being made: the
	// Matcher's infoScale, or 1 when the entry's biographic data agrees.
	scale float64
}

// entrySimsPool keeps the scratch spaces of released Prepared queries (9 kB
// each) for the next ones.
var entrySimsPool = sync.Pool{New: func() any { return new(entrySims) }}

// entrySims returns the query's scratch space for one entry's similarities
// (load fills it for each entry).
func (p *Prepared) entrySims() *entrySims {
	if p.es == nil {
		p.es = entrySimsPool.Get().(*entrySims)
	}
	return p.es
}

// Release hands the memory p uses for its comparisons back for other
// queries to use. p must not be used after.
func (p *Prepared) Release() {
	if p.sims != nil {
		p.sims.reset()
		simCaches.Put(p.sims)
		p.sims = nil
	}
	if p.es != nil {
		entrySimsPool.Put(p.es)
		p.es = nil
	}
}

// qtoken is a token of a query: prepared like a list token, with the ID of
// the same token on the list when there is one.
type qtoken struct {
	token
	listID uint32
	onList bool
}

// qform is one name form of a query.
type qform struct {
	toks   []uint8 // indexes into Prepared.toks
	text   string  // the folded form
	orig   string  // the name as the query writes it
	read   string  // its first Latin form (latinForms), for explanations
	weight float64 // summed weights of the ordinary tokens
	// initials are the letters an acronym of the form's words would have,
	// in order; acronymToks has bit k set for a token that is an acronym
	// itself (or the form's only name, which may be one) (acronymBound).
	initials    string
	acronymToks uint16
}

func (p *Prepared) warn(format string, args ...any) {
	p.Warnings = append(p.Warnings, fmt.Sprintf(format, args...))
}

// Prepare normalises a query. It fails only on a query with nothing to
// compare, or with a face or fingerprint that cannot be read; a field it
// cannot read (a birth date of "1974-01-32", an unknown country) is left out
// of the comparison and named in Warnings.
func (m *Matcher) Prepare(q raqib.Query) (*Prepared, error) { return m.prepare(q, nil) }

// prepare is Prepare, taking the query's tokens from shared when a token
// like them was prepared before (Bound.Prepare).
func (m *Matcher) prepare(q raqib.Query, shared map[boundToken]qtoken) (*Prepared, error) {
	p := &Prepared{Query: q, scale: m.infoScale, shared: shared}
	defer func() { p.shared = nil }()
	for i := -1; i < len(q.AltNames); i++ {
		name := q.Name
		if i >= 0 {
			name = q.AltNames[i]
		}
		if strings.TrimSpace(name) == "" {
			continue
		}
		forms := latinForms(name)
		if p.toks == nil {
			// Room for every word of the name's forms (a name read from
			// Arabic script has about eight, whose words share most
			// tokens): a token is some 300 bytes, copied at each growth.
			n := 0
			for _, s := range forms {
				n += strings.Count(s, " ") + 1
			}
			p.toks = make([]qtoken, 0, min(n, maxQueryTokens))
			p.forms = make([]qform, 0, len(forms))
		}
		for _, s := range forms {
			m.addQueryForm(p, s, name, forms[0])
		}
	}
	if q.BirthDate != "" {
		ds, err := normalize.ParseDate(q.BirthDate)
		if err != nil || len(ds) == 0 {
			p.warn("birth_date %q not understood: not compared", q.BirthDate)
		}
		for _, d := range ds {
			if pd, ok := toPdate(d); ok {
				p.dates = append(p.dates, pd)
				p.dateRanges = append(p.dateRanges, d)
			}
		}
	}
	if q.Nationality != "" {
		if code, ok := normalize.CountryCode(q.Nationality); ok {
			p.country = code
		} else {
			p.warn("nationality %q not understood: not compared", q.Nationality)
		}
	}
	if q.Gender != "" {
		switch g, ok := normalize.ParseGender(q.Gender); {
		case !ok:
			p.warn("gender %q not understood: not compared", q.Gender)
		case g == "male":
			p.gender = 1
		case g == "female":
			p.gender = 2
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

// maxQueryTokens bounds the distinct tokens of a query (indexes are bytes).
const maxQueryTokens = 255

// addQueryForm parses one Latin form of the query's name orig and adds it
// unless it repeats a form already there; read is the name's first Latin
// form, how an explanation says it reads.
func (m *Matcher) addQueryForm(p *Prepared, s, orig, read string) {
	f, ok := parseForm(s)
	if !ok {
		return
	}
	for i := range p.forms {
		if p.forms[i].text == f.text {
			return
		}
	}
	qf := qform{text: f.text, orig: orig, read: read}
	for i := range f.parts {
		pt := &f.parts[i]
		ab := abjad(orig)
		k := -1
		for j := range p.toks {
			if p.toks[j].text == pt.Text && p.toks[j].kind == pt.Kind && p.toks[j].abjad == ab {
				k = j
				break
			}
		}
		if k < 0 {
			if len(p.toks) == maxQueryTokens {
				continue
			}
			qt := m.queryToken(pt, ab, p.shared)
			k = len(p.toks)
			p.toks = append(p.toks, qt)
		}
		qf.toks = append(qf.toks, uint8(k))
		if ordinary(pt.Kind) {
			qf.weight += p.toks[k].weight
		}
	}
	if len(qf.toks) > 0 {
		qf.initials, qf.acronymToks = p.acronymParts(&qf)
		p.forms = append(p.forms, qf)
	}
}

// Compare scores a prepared query against entry i and explains the score; e
// is the entry, as the Matcher was built with it.
func (m *Matcher) Compare(p *Prepared, i int, e *lists.Entry) Result {
	var fs [maxFeatures]raqib.Feature
	r, _ := m.eval(p, i, e, fs[:0], -1)
	r.Features = append([]raqib.Feature(nil), r.Features...)
	return r
}

// Score is Compare without the explanation: the same score, cheaper, for
// ranking many candidates.
func (m *Matcher) Score(p *Prepared, i int) float64 {
	var fs [maxFeatures]raqib.Feature
	r, _ := m.eval(p, i, nil, fs[:0], -1)
	return r.Score
}

// ScoreAbove is Score for a caller that wants only scores of at least
// floor: ok is false when entry i scores less, which it can often tell
// without comparing every pair of names (from the best similarity of each
// query token with any token of the entry).
func (m *Matcher) ScoreAbove(p *Prepared, i int, floor float64) (score float64, ok bool) {
	var fs [maxFeatures]raqib.Feature
	r, ok := m.eval(p, i, nil, fs[:0], floor)
	return r.Score, ok && r.Score >= floor
}

// nameCap bounds the name feature's share of a score, its agreement times
// its weight, under the namesake scale of the entry being compared: an
// agreement is at most 1, and its weight is what the information of the
// query tokens it matched earns (infoFactor), at most the information of a
// form's every token, each counted once however it matched (a pair, a
// compound, an acronym, the name written as one word).
func (p *Prepared) nameCap() float64 {
	w := 0.0
	for a := range p.forms {
		s := 0.0
		for _, k := range p.forms[a].toks {
			s += p.toks[k].weight
		}
		w = max(w, s)
	}
	return p.infoFactor(w)
}

// maxFeatures is the most features one comparison has.
const maxFeatures = 8

// eval compares p with entry i, appending the features to fs; with e
// non-nil it explains them in words. With floor >= 0 it may stop early,
// returning ok false, once the score cannot reach floor.
func (m *Matcher) eval(p *Prepared, i int, e *lists.Entry, fs []raqib.Feature, floor float64) (r Result, ok bool) {
	x := explainer(e != nil)
	hasName := len(p.forms) > 0
	if hasName {
		fs = append(fs, raqib.Feature{Name: raqib.FeatureName, Weight: 1}) // filled in below
	}
	fs = m.appendBiographic(fs, p, i, e, x)
	// A biometric feature says whether the names differ: it is computed
	// after the name, but counted now for the bound.
	rest := m.sumOthers(p, fs)
	if p.face != nil || len(p.fingers) > 0 {
		// Biometric agreement can outweigh any name: no bound.
		floor = -1
	}
	if hasName {
		// What the name can add at most, found from the query alone: a
		// sum below floor with it scores below floor, and the entry's
		// names need not be read.
		if floor >= 0 && rest+p.nameCap() < floor {
			return r, false
		}
		var es *entrySims
		if e == nil {
			es = p.entrySims()
			if !es.load(m, p, i) {
				es = nil
			}
		}
		// squash(x) <= x: a sum below floor scores below floor.
		if floor >= 0 && es != nil && rest+m.nameBound(p, i, es) < floor {
			return r, false
		}
		need := -1.0
		if floor >= 0 {
			need = floor - rest
		}
		var best, ratio, weight float64
		var qi, fj int
		var np namedPair
		ok := false
		if e != nil {
			np, ok = p.recall(i)
		}
		if ok {
			// The entry scored before (ScoreAbove): the same pair of forms.
			best, qi, fj, ratio, weight = np.best, np.qi, np.fj, np.ratio, np.weight
		} else {
			best, qi, fj, ratio, weight = m.bestName(p, i, es, need)
			if e == nil && floor >= 0 && best >= need && fj >= 0 {
				p.remember(i, best, qi, fj, ratio, weight)
			}
		}
		r.NameScore = best
		f := &fs[0]
		// The name's agreement is its score, and what the agreement proves
		// (the rarity of what matched, the quality of the name) its weight:
		// identical names score 1, however common.
		f.Score, f.Weight = ratio, weight
		if fj < 0 {
			f.Score, f.Weight = 0, 1
		}
		if fj >= 0 && e != nil {
			tf := &m.st.forms[fj]
			if int(tf.name) < len(e.Names) {
				r.MatchedName = e.Names[tf.name].Full
			}
			text, readAs := m.formText(e, tf)
			if readAs {
				r.MatchedForm = text
			}
			f.Detail = m.nameDetail(p, &p.forms[qi], tf, e, ratio, weight)
		} else if e != nil {
			f.Detail = "no name of the entry is like the query's name"
		}
	}
	nameScore := -1.0
	if hasName {
		nameScore = r.NameScore
	}
	if p.face != nil {
		if f, ok := m.faceFeature(p.face, i, nameScore, x); ok {
			fs = append(fs, f)
		}
	}
	if len(p.fingers) > 0 {
		if f, ok := m.fingerFeature(p.fingers, i, nameScore, x); ok {
			fs = append(fs, f)
		}
	}
	sum := 0.0
	for _, f := range fs {
		sum += f.Score * f.Weight
	}
	r.Score = squash(sum)
	r.Features = fs
	return r, true
}

// sumOthers returns the weighted sum of the features fs other than the
// name (whose placeholder, of score 0, adds nothing), and sets the namesake
// scale of the comparison: a birth date or document that agrees tells
// namesakes apart, and the name then proves what it proves on a list of any
// size.
func (m *Matcher) sumOthers(p *Prepared, fs []raqib.Feature) float64 {
	rest := 0.0
	p.scale = m.infoScale
	for _, f := range fs {
		rest += f.Score * f.Weight
		if corroborates(f) {
			p.scale = 1
		}
	}
	return rest
}

// corroborates reports whether a biographic feature agrees well enough to
// tell namesakes apart: a birth date of the same year or closer, or an equal
// document number (namesakeScale).
func corroborates(f raqib.Feature) bool {
	switch f.Name {
	case raqib.FeatureBirthDate:
		return f.Score >= dateSameYear && f.Weight > 0
	case raqib.FeatureDocument:
		return f.Score > 0 && f.Weight > 0
	}
	return false
}

// squash maps the sum of the features to [0,1]: unchanged up to 0.9, then
// compressed towards 1 so that more agreeing evidence still ranks higher.
func squash(x float64) float64 {
	if x <= fusionKnee {
		return max(x, 0)
	}
	return fusionKnee + (1-fusionKnee)*math.Tanh((x-fusionKnee)/(1-fusionKnee))
}

// formText returns the tokens of a stored form as words, and whether they
// are a reading of a name not written in Latin letters (a romanisation).
func (m *Matcher) formText(e *lists.Entry, tf *form) (text string, readAs bool) {
	var b strings.Builder
	for k, id := range m.st.formTokens(tf) {
		if k > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(m.tt.toks[id].text)
	}
	return b.String(), normalize.DetectScript(e.Names[tf.name].Full) != normalize.ScriptLatin
}
