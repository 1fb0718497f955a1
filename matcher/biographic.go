package matcher

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
)

// prepareDoc prepares a query's document.
func prepareDoc(d raqib.Document) (pdoc, error) {
	n := normalize.DocumentNumber(d.Number)
	if n == "" {
		return pdoc{}, fmt.Errorf("document number %q is empty", d.Number)
	}
	pd := pdoc{typ: docType(d.Type), number: n, key: normalize.DocumentKey(d.Number)}
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

// appendBiographic appends the biographic features of p against entry i;
// e, when not nil, is the entry, for the words of the explanation.
func (m *Matcher) appendBiographic(fs []raqib.Feature, p *Prepared, i int, e *lists.Entry, x explainer) []raqib.Feature {
	st := &m.st
	// Unexplained, the dates, nationalities and gender come from the
	// entry's rank record, one cache line where the arrays are five.
	rank := !bool(x) && len(st.ranks) == len(st.gender)
	if len(p.dates) > 0 {
		var ds []pdate
		var d [1]pdate
		if rank {
			ds = st.rankDates(i, &d)
		} else {
			ds = st.dates[st.dateAt[i]:st.dateAt[i+1]]
		}
		fs = append(fs, birthDateFeature(p, ds, e, x))
	}
	if p.country != "" {
		var ns []string
		if rank {
			ns = st.rankNats(i)
		} else {
			ns = st.nats[st.natAt[i]:st.natAt[i+1]]
		}
		fs = append(fs, nationalityFeature(p.country, p.Query.Nationality, ns, e, x))
	}
	if p.gender != 0 {
		g := st.gender[i]
		if rank {
			g = st.ranks[i].gender
		}
		fs = append(fs, genderFeature(p.gender, g, x))
	}
	if len(p.docs) > 0 {
		var ds []pdoc
		if !rank || st.ranks[i].counts&rankDocs != 0 {
			ds = st.docs[st.docAt[i]:st.docAt[i+1]]
		}
		f := documentFeature(p.docs, ds, e, x)
		if len(p.forms) == 0 && f.Weight > 0 {
			f.Weight = documentOnlyWeight
		}
		fs = append(fs, f)
	}
	if len(p.placeToks) > 0 {
		var ps []string
		if !rank || st.ranks[i].counts&rankPlaces != 0 {
			ps = st.places[st.placeAt[i]:st.placeAt[i+1]]
		}
		if f, ok := birthPlaceFeature(p.placeToks, ps, e, x); ok {
			fs = append(fs, f)
		}
	}
	return fs
}

// birthDateFeature compares the query's possible birth dates with the entry's.
// Overlapping intervals agree, more strongly the more precise both are; a near
// miss (day and month swapped, one digit off, a year apart) is weak evidence
// either way; anything else disagrees.
func birthDateFeature(p *Prepared, ds []pdate, e *lists.Entry, x explainer) raqib.Feature {
	f := raqib.Feature{Name: raqib.FeatureBirthDate}
	if len(ds) == 0 {
		f.Weight = 0
		if x {
			f.Detail = fmt.Sprintf("birth date %s: the entry has none, not compared", rangeText(p.dateRanges[0]))
		}
		return f
	}
	best := -2.0
	var bq, be int
	for a, q := range p.dates {
		for b, d := range ds {
			if s, _ := dateAgreement(q, d, false); s > best {
				best, bq, be = s, a, b
			}
		}
	}
	f.Score = best
	f.Weight = birthDateDisagreeWeight
	if best > 0 {
		f.Weight = birthDateAgreeWeight
	}
	if x {
		et := ""
		if k := int(ds[be].idx); k < len(e.BirthDates) {
			et = e.BirthDates[k].Text
			if et == "" {
				et = rangeText(e.BirthDates[k].DateRange)
			}
		}
		_, how := dateAgreement(p.dates[bq], ds[be], x)
		f.Detail = fmt.Sprintf("birth date %s vs %s: %s", rangeText(p.dateRanges[bq]), et, how)
	}
	return f
}

// dateAgreement scores two birth dates against each other; the words are
// made only when asked for (scoring many candidates needs none).
func dateAgreement(q, e pdate, x explainer) (float64, string) {
	if q.from <= e.to && e.from <= q.to {
		switch {
		case q.isDay() && e.isDay():
			return dateSameDay, "agrees"
		case q.narrow() && e.narrow():
			return dateSameYear, "agrees"
		default:
			return dateWithinPrecision, "agrees within the precision given"
		}
	}
	if q.isDay() && e.isDay() {
		qy, qm, qd := q.from/10000, q.from/100%100, q.from%100
		ey, em, ed := e.from/10000, e.from/100%100, e.from%100
		if qy == ey && qm == ed && qd == em {
			return 0, "near miss: day and month swapped"
		}
		if digitsApart(q.from, e.from) == 1 {
			return 0, "near miss: one digit differs"
		}
		if digitsSwapped(q.from, e.from) {
			return 0, "near miss: two digits swapped"
		}
	}
	gap := yearGap(q, e)
	if gap <= 1 && q.isDay() && e.isDay() && !janFirst(q.from) && !janFirst(e.from) && daysApart(q.from, e.from) > dateSlipDays {
		return dateOtherDay, "disagrees: another day of birth"
	}
	switch {
	case gap <= 1:
		return dateYearApart, "near miss: a year apart"
	case gap <= 2:
		return dateTwoYears, x.f("differs by %d years", gap)
	}
	return -1, x.f("disagrees: %d years apart", gap)
}

func (d pdate) isDay() bool { return d.from == d.to }

// narrow reports whether a range spans at most about a year.
func (d pdate) narrow() bool { return d.from/10000 == d.to/10000 }

// digitsApart counts the decimal digits in which two yyyymmdd dates differ.
func digitsApart(a, b uint32) int {
	n := 0
	for k := 0; k < 8; k++ {
		if a%10 != b%10 {
			n++
		}
		a, b = a/10, b/10
	}
	return n
}

// digitsSwapped reports whether two yyyymmdd dates differ by two adjacent
// digits swapped (1957 for 1975, 03 for 30).
func digitsSwapped(a, b uint32) bool {
	var da, db [8]uint32
	for k := 7; k >= 0; k-- {
		da[k], db[k] = a%10, b%10
		a, b = a/10, b/10
	}
	for k := 0; k+1 < 8; k++ {
		if da[k] != db[k] {
			return da[k] == db[k+1] && da[k+1] == db[k] && da[k] != da[k+1] && slices.Equal(da[k+2:], db[k+2:])
		}
	}
	return false
}

// janFirst reports whether yyyymmdd date d is a 1 January, which many
// documents and lists write when only the year is known.
func janFirst(d uint32) bool { return d%10000 == 101 }

// daysApart is the number of days between two yyyymmdd dates.
func daysApart(a, b uint32) int {
	day := func(d uint32) int {
		return int(time.Date(int(d/10000), time.Month(d/100%100), int(d%100), 0, 0, 0, 0, time.UTC).Unix() / 86400)
	}
	n := day(a) - day(b)
	if n < 0 {
		n = -n
	}
	return n
}

// yearGap is the number of whole years between two non-overlapping ranges.
func yearGap(q, e pdate) int {
	if q.to < e.from {
		return int(e.from/10000) - int(q.to/10000)
	}
	return int(q.from/10000) - int(e.to/10000)
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
// nationalities and citizenships (codes, as the store holds them).
func nationalityFeature(code, text string, codes []string, e *lists.Entry, x explainer) raqib.Feature {
	f := raqib.Feature{Name: raqib.FeatureNationality, Weight: nationalityDisagreeWeight}
	if len(codes) == 0 {
		f.Weight = 0
		if x {
			f.Detail = fmt.Sprintf("nationality %s: the entry has none, not compared", text)
		}
		return f
	}
	for _, c := range codes {
		if c == code {
			f.Score, f.Weight = 1, nationalityAgreeWeight
			if x {
				f.Detail = fmt.Sprintf("nationality %s vs %s: agrees", text, countryText(e, c))
			}
			return f
		}
	}
	f.Score = -1
	if x {
		known := make([]string, len(codes))
		for k, c := range codes {
			known[k] = countryText(e, c)
		}
		f.Detail = fmt.Sprintf("nationality %s vs %s: differs", text, strings.Join(known, ", "))
	}
	return f
}

// countryText names country code as entry e writes it.
func countryText(e *lists.Entry, code string) string {
	for _, set := range [][]lists.Country{e.Nationalities, e.Citizenships} {
		for _, c := range set {
			if c.Code == code && c.Text != "" && c.Text != c.Code {
				return c.Text + " (" + c.Code + ")"
			}
		}
	}
	return code
}

var genderWords = [3]string{"", "male", "female"}

func genderFeature(q, e uint8, x explainer) raqib.Feature {
	f := raqib.Feature{Name: raqib.FeatureGender, Weight: genderDisagreeWeight}
	switch {
	case e == 0:
		f.Weight = 0
		if x {
			f.Detail = fmt.Sprintf("gender %s: the entry has none, not compared", genderWords[q])
		}
	case e == q:
		f.Score, f.Weight = 1, genderAgreeWeight
		if x {
			f.Detail = fmt.Sprintf("gender %s vs %s: agrees", genderWords[q], genderWords[e])
		}
	default:
		f.Score = -1
		if x {
			f.Detail = fmt.Sprintf("gender %s vs %s: differs", genderWords[q], genderWords[e])
		}
	}
	return f
}

// documentFeature compares document numbers: the same normalised number is
// strong evidence; the same number but for letters an OCR reader confuses is
// good evidence; a different number of the same type from the same country is
// mild evidence against.
func documentFeature(qs, ds []pdoc, e *lists.Entry, x explainer) raqib.Feature {
	f := raqib.Feature{Name: raqib.FeatureDocument, Weight: documentWeight}
	if len(ds) == 0 {
		f.Weight = 0
		if x {
			f.Detail = fmt.Sprintf("documents: the entry has none, not compared")
		}
		return f
	}
	best := 0.0
	var bq, bd int
	for a := range qs {
		q := &qs[a]
		for b := range ds {
			d := &ds[b]
			switch {
			case d.number == q.number:
				if best < 1 {
					best, bq, bd = 1, a, b
				}
			case d.key == q.key:
				if best < documentOCR {
					best, bq, bd = documentOCR, a, b
				}
			case best == 0 && q.typ != "" && d.typ == q.typ && q.country != "" && d.country == q.country:
				best, bq, bd = documentOther, a, b
			}
		}
	}
	f.Score = best
	if best == 0 {
		f.Weight = 0
	}
	if x {
		q, d := &qs[bq], &ds[bd]
		doc := e.Documents[d.idx]
		switch best {
		case 1:
			f.Detail = fmt.Sprintf("%s %s equal", docWord(doc.Type), doc.Number)
		case documentOCR:
			f.Detail = fmt.Sprintf("%s %s vs %s: equal but for letters a reader confuses (O/0, I/1)", docWord(doc.Type), q.number, doc.Number)
		case documentOther:
			f.Detail = fmt.Sprintf("%s %s vs %s (%s): differs", docWord(doc.Type), q.number, doc.Number, q.country)
		default:
			f.Detail = "documents: none of the entry's numbers compares"
		}
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
func birthPlaceFeature(qt, words []string, e *lists.Entry, x explainer) (raqib.Feature, bool) {
	for _, w := range words {
		for _, q := range qt {
			if q == w {
				f := raqib.Feature{Name: raqib.FeatureBirthPlace, Score: 1, Weight: birthPlaceWeight}
				if x {
					text := ""
					for _, p := range e.BirthPlaces {
						if t := placeText(p); strings.Contains(normalize.Fold(normalize.Clean(t)), w) {
							text = t
							break
						}
					}
					f.Detail = fmt.Sprintf("place of birth shares %q with %q", q, text)
				}
				return f, true
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
