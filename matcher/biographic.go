package matcher

import (
	"fmt"
	"github.com/raqib/raqib"
	"strings"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
)

// The most each biographic feature may move a score. Disagreement weighs more
// than agreement: agreeing on a birth year is common, disagreeing is telling.
const (
	birthDateWeight   = 0.16
	nationalityWeight = 0.08
	genderWeight      = 0.12
	documentWeight    = 0.45
	// documentOnlyWeight is the document's weight when the query has no name:
	// an equal number alone makes a review, and a hit with one more agreeing feature.
	documentOnlyWeight = 0.78
	birthPlaceWeight   = 0.03
)

type preparedDoc struct {
	typ     string
	number  string // normalize.DocumentNumber
	key     string // normalize.DocumentKey
	country string // alpha-2 or ""
}

func prepareDoc(d raqib.Document) (preparedDoc, error) {
	n := normalize.DocumentNumber(d.Number)
	if n == "" {
		return preparedDoc{}, fmt.Errorf("document number %q is empty", d.Number)
	}
	pd := preparedDoc{typ: docType(d.Type), number: n, key: normalize.DocumentKey(d.Number)}
	if d.Country != "" {
		// An unknown issuing country only loses the "different number" evidence.
		pd.country, _ = normalize.CountryCode(d.Country)
	}
	return pd, nil
}

// docType reduces a document type to a coarse class for comparison.
func docType(s string) string {
	s = strings.ToLower(s)
	switch {
	case strings.Contains(s, "passport"):
		return "passport"
	case strings.Contains(s, "national") || strings.Contains(s, "identity") || strings.Contains(s, "id"):
		return "national-id"
	}
	return s
}

func appendBiographic(fs []raqib.Feature, p *Prepared, e *lists.Entry, x explainer) []raqib.Feature {
	if len(p.dates) > 0 {
		fs = append(fs, birthDateFeature(p.dates, e, x))
	}
	if p.country != "" {
		fs = append(fs, nationalityFeature(p.country, p.Query.Nationality, e, x))
	}
	if p.gender != "" {
		fs = append(fs, genderFeature(p.gender, e, x))
	}
	if len(p.docs) > 0 {
		f := documentFeature(p.docs, e, x)
		if len(p.forms) == 0 && f.Weight > 0 {
			f.Weight = documentOnlyWeight
		}
		fs = append(fs, f)
	}
	if len(p.placeToks) > 0 && len(e.BirthPlaces) > 0 {
		if f, ok := birthPlaceFeature(p.placeToks, e, x); ok {
			fs = append(fs, f)
		}
	}
	return fs
}

// birthDateFeature compares the query's possible birth dates with the entry's.
// Overlapping intervals agree, more strongly the more precise both are; a near
// miss (day and month swapped, one digit off, a year apart) is weak evidence
// either way; anything else disagrees.
func birthDateFeature(qs []normalize.DateRange, e *lists.Entry, x explainer) raqib.Feature {
	f := raqib.Feature{Name: raqib.FeatureBirthDate, Weight: birthDateWeight}
	if len(e.BirthDates) == 0 {
		f.Weight = 0
		f.Detail = x.f("birth date %s: the entry has none, not compared", rangeText(qs[0]))
		return f
	}
	best := -2.0
	var bq normalize.DateRange
	var be lists.BirthDate
	var how string
	for _, q := range qs {
		for _, b := range e.BirthDates {
			s, h := dateAgreement(q, b.DateRange)
			if s > best {
				best, bq, be, how = s, q, b, h
			}
		}
	}
	f.Score = best
	et := be.Text
	if et == "" {
		et = rangeText(be.DateRange)
	}
	f.Detail = x.f("birth date %s vs %s: %s", rangeText(bq), et, how)
	return f
}

func dateAgreement(q, e normalize.DateRange) (float64, string) {
	if q.From == "" || e.From == "" {
		return 0, "not comparable"
	}
	if q.Overlaps(e) {
		switch {
		case isDay(q) && isDay(e):
			return 0.6, "agrees"
		case narrow(q) && narrow(e):
			return 0.4, "agrees"
		default:
			return 0.25, "agrees within the precision given"
		}
	}
	if isDay(q) && isDay(e) {
		qy, qm, qd := q.From[:4], q.From[5:7], q.From[8:10]
		ey, em, ed := e.From[:4], e.From[5:7], e.From[8:10]
		if qy == ey && qm == ed && qd == em {
			return 0, "near miss: day and month swapped"
		}
		if digitsApart(q.From, e.From) == 1 {
			return 0, "near miss: one digit differs"
		}
	}
	gap := yearGap(q, e)
	if gap <= 1 {
		return -0.2, "near miss: a year apart"
	}
	if gap <= 2 {
		return -0.6, fmt.Sprintf("differs by %d years", gap)
	}
	return -1, fmt.Sprintf("disagrees: %d years apart", gap)
}

func isDay(r normalize.DateRange) bool { return r.From == r.To && len(r.From) == 10 }

// narrow reports whether a range spans at most about a year.
func narrow(r normalize.DateRange) bool { return r.From[:4] == r.To[:4] }

func digitsApart(a, b string) int {
	if len(a) != len(b) {
		return len(a) + len(b)
	}
	n := 0
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

// yearGap is the number of whole years between two non-overlapping ranges.
func yearGap(q, e normalize.DateRange) int {
	y := func(s string) int {
		n := 0
		for i := 0; i < 4 && i < len(s); i++ {
			n = n*10 + int(s[i]-'0')
		}
		return n
	}
	if q.To < e.From {
		return y(e.From) - y(q.To)
	}
	return y(q.From) - y(e.To)
}

func rangeText(r normalize.DateRange) string {
	switch {
	case r.From == r.To:
		return r.From
	case r.Precision == normalize.PrecisionMonth:
		return r.From[:7]
	case r.Precision == normalize.PrecisionYear:
		return r.From[:4]
	case r.Precision == normalize.PrecisionApproximate:
		return "about " + r.From[:4] + "-" + r.To[:4]
	}
	return r.From + ".." + r.To
}

// nationalityFeature compares the query's nationality with the entry's
// nationalities and citizenships.
func nationalityFeature(code, text string, e *lists.Entry, x explainer) raqib.Feature {
	f := raqib.Feature{Name: raqib.FeatureNationality, Weight: nationalityWeight}
	var known []string
	for _, set := range [][]lists.Country{e.Nationalities, e.Citizenships} {
		for _, c := range set {
			if c.Code == "" {
				continue
			}
			if c.Code == code {
				f.Score = 0.5
				f.Detail = x.f("nationality %s vs %s: agrees", text, countryText(c))
				return f
			}
			known = append(known, countryText(c))
		}
	}
	if len(known) == 0 {
		f.Weight = 0
		f.Detail = x.f("nationality %s: the entry has none, not compared", text)
		return f
	}
	f.Score = -1
	f.Detail = x.f("nationality %s vs %s: differs", text, strings.Join(known, ", "))
	return f
}

func countryText(c lists.Country) string {
	if c.Text != "" && c.Text != c.Code {
		return c.Text + " (" + c.Code + ")"
	}
	return c.Code
}

func genderFeature(g string, e *lists.Entry, x explainer) raqib.Feature {
	f := raqib.Feature{Name: raqib.FeatureGender, Weight: genderWeight}
	switch {
	case e.Gender == "":
		f.Weight = 0
		f.Detail = x.f("gender %s: the entry has none, not compared", g)
	case e.Gender == g:
		f.Score = 0.1
		f.Detail = x.f("gender %s vs %s: agrees", g, e.Gender)
	default:
		f.Score = -1
		f.Detail = x.f("gender %s vs %s: differs", g, e.Gender)
	}
	return f
}

// documentFeature compares document numbers: the same normalised number is
// strong evidence; the same number but for letters an OCR reader confuses is
// good evidence; a different number of the same type from the same country is
// mild evidence against.
func documentFeature(ds []preparedDoc, e *lists.Entry, x explainer) raqib.Feature {
	f := raqib.Feature{Name: raqib.FeatureDocument, Weight: documentWeight}
	if len(e.Documents) == 0 {
		f.Weight = 0
		f.Detail = x.f("documents: the entry has none, not compared")
		return f
	}
	best := 0.0
	f.Detail = x.f("documents: none of the entry's numbers compares")
	for _, q := range ds {
		for _, d := range e.Documents {
			n := d.Normalized
			if n == "" {
				n = normalize.DocumentNumber(d.Number)
			}
			switch {
			case n == q.number:
				if best < 1 {
					best = 1
					f.Detail = x.f("%s %s equal", docWord(d.Type), d.Number)
				}
			case normalize.DocumentKey(d.Number) == q.key:
				if best < 0.7 {
					best = 0.7
					f.Detail = x.f("%s %s vs %s: equal but for letters a reader confuses (O/0, I/1)", docWord(d.Type), q.number, d.Number)
				}
			case best == 0 && q.typ != "" && docType(d.Type) == q.typ && q.country != "" && d.Country.Code == q.country:
				best = -0.1
				f.Detail = x.f("%s %s vs %s (%s): differs", docWord(d.Type), q.number, d.Number, q.country)
			}
		}
	}
	f.Score = best
	if best == 0 {
		f.Weight = 0
	}
	return f
}

func docWord(t string) string {
	if t == "" {
		return "document"
	}
	return strings.ToLower(t)
}

func placeTokens(s string) []string {
	var out []string
	for _, t := range strings.Fields(normalize.Fold(normalize.Clean(s))) {
		if len(t) > 2 {
			out = append(out, t)
		}
	}
	return out
}

// birthPlaceFeature notes a shared word between the query's place of birth and
// the entry's (a city or district). Places are spelled too many ways to count
// a difference against anyone.
func birthPlaceFeature(qt []string, e *lists.Entry, x explainer) (raqib.Feature, bool) {
	for _, p := range e.BirthPlaces {
		text := p.Text
		if text == "" {
			text = strings.Join(nonEmpty(p.City, p.StateProvince, p.Country.Text), ", ")
		}
		for _, et := range placeTokens(text) {
			for _, q := range qt {
				if q == et {
					return raqib.Feature{Name: raqib.FeatureBirthPlace, Score: 1, Weight: birthPlaceWeight,
						Detail: x.f("place of birth shares %q with %q", q, text)}, true
				}
			}
		}
	}
	return raqib.Feature{}, false
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// explainer formats the details of features, or skips them when scores
// alone are wanted (ranking candidates needs no words).
type explainer bool

func (x explainer) f(format string, args ...any) string {
	if !x {
		return ""
	}
	return fmt.Sprintf(format, args...)
}
