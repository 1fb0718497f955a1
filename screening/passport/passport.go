// Package passport turns what a border post reads of a traveller — the
// machine-readable zones (MRZ) of a passport, an identity card or a visa, and
// the fields of an advance passenger record — into one raqib.Query, and says
// in notes an officer reads what in the documents could not be trusted and
// what was done about it.
//
// New (or Parse, from the zones' text) applies one policy:
//
//   - Names. The name the traveller record gives is Query.Name; without one,
//     the first zone's name as read. Every other reading of the name goes in
//     Query.AltNames, where the best-matching reading counts: the zone's name
//     when the record gives its own, the ICAO Doc 9303 transliteration of
//     Arabic read back (X escapes dropped, and the spellings other states
//     print: MXHMD as MOHAMED, MUHAMMAD, ...), the name decoded back into
//     Arabic script, a visa's own spelling. A name field in which the
//     reader confused digits for letters is screened in its corrected
//     reading, with a note. One query carries all of them, so a traveller is
//     screened once and each listed entry is scored by its best reading.
//   - Check digits. A zone whose check digits fail is still screened, with a
//     note for each failure. A document number whose check digit fails is
//     not used as evidence (for or against), nor is the same number given
//     again by the record; the parser's one-character corrections of a number
//     are not used either, since one in ten of them verifies by chance. A
//     check digit read as a letter that OCR confuses with the digit that
//     verifies (G for 6) counts as verified. A birth date whose check digit
//     fails is not compared (the record's own birth date, if any, is), unless
//     the parser's reading of letters as digits (74O812 as 740812) verifies.
//   - The zone against the record. A verified zone field replaces the
//     record's; where they differ, a note says so.
//   - Visas (MRV-A, MRV-B). A visa's number identifies the visa, not its
//     holder: it is never compared with listed documents. Its name, birth
//     date, sex and nationality are the holder's and are screened like a
//     passport's; a passport's fields, when both are given, come first.
//   - Nationality codes. The ICAO codes that are not ISO 3166 (D for
//     Germany, GBD/GBN/GBO/GBP/GBS for the British nationality classes, RKS
//     for Kosovo) are read as their country; the codes of stateless persons,
//     refugees, unspecified nationality and international organisations (XXA,
//     XXB, XXC, XXX, UNO, XPO, ...) are not a nationality and are left out of
//     the comparison with a note.
//
// The package parses nothing itself (normalize/mrz reads the zones) and
// screens nothing (screening.Screener.Screen takes the query).
package passport

import (
	"fmt"
	"strings"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
	"github.com/raqib/raqib/normalize/mrz"
)

// Traveller is what is known of a traveller besides the zones: the fields of
// a manifest line or an advance passenger record. Every field is optional.
type Traveller struct {
	ID          string
	Name        string // the whole name, in any script and order
	BirthDate   string // as raqib.Query.BirthDate takes it
	Nationality string
	Sex         string // "M", "F", "X", "male", "female", ...
	Documents   []raqib.Document
	Face        *lists.FaceTemplate
}

// Plan is a traveller made ready to screen: the query, the name to show the
// officer, the zones it was built from and the notes on them.
type Plan struct {
	Query raqib.Query
	// Label is the traveller's name as shown: the record's, or the first
	// zone's as read.
	Label string
	// Zones are the parsed zones, in the order given.
	Zones []*mrz.MRZ
	// Notes say what in the documents could not be trusted or did not agree,
	// and what was done about it, in sentences an officer reads.
	Notes []string
}

// Parse parses each zone's text (see mrz.Parse) and builds the plan with New.
// An empty zone text is skipped. The error names the zone (by its place
// among the zones, from 1, when there are several) and wraps the
// *mrz.ParseError.
func Parse(t Traveller, zones ...string) (*Plan, error) {
	var ms []*mrz.MRZ
	n := 0
	for _, z := range zones {
		if strings.TrimSpace(z) != "" {
			n++
		}
	}
	for i, z := range zones {
		if strings.TrimSpace(z) == "" {
			continue
		}
		m, err := mrz.Parse(z)
		if err != nil {
			if n > 1 {
				return nil, fmt.Errorf("zone %d: %w", i+1, err)
			}
			return nil, err
		}
		ms = append(ms, m)
	}
	return New(t, ms...), nil
}

// New builds the plan for a traveller and the zones of the documents he
// presents (none, one, or a passport and a visa), by the policy of the
// package documentation. The query is always for a person. Nil zones are
// skipped.
func New(t Traveller, zones ...*mrz.MRZ) *Plan {
	p := &Plan{}
	for _, z := range zones {
		if z != nil {
			p.Zones = append(p.Zones, z)
		}
	}
	q := raqib.Query{
		ID: t.ID, Kind: lists.KindPerson, Name: strings.TrimSpace(t.Name),
		BirthDate: t.BirthDate, Nationality: t.Nationality, Gender: gender(t.Sex), Face: t.Face,
	}
	for _, d := range t.Documents {
		if strings.TrimSpace(d.Number) == "" {
			continue
		}
		if d.Type == "" {
			d.Type = "passport"
		}
		q.Documents = append(q.Documents, d)
	}
	// Passports and cards first, visas after: a passport's fields win.
	ordered := make([]*mrz.MRZ, 0, len(p.Zones))
	for _, pass := range []bool{false, true} {
		for _, z := range p.Zones {
			if isVisa(z) == pass {
				ordered = append(ordered, z)
			}
		}
	}
	f := fields{record: t}
	for _, z := range ordered {
		p.zone(z, f.label(z, len(ordered)), &q, &f)
	}
	p.names(&q, ordered)
	p.Query = q
	return p
}

// fields remembers which query fields a zone has set, so that a second
// zone's differing value is noted rather than screened.
type fields struct {
	record Traveller
	// birth, nat and sex are the values a zone has set, "" while none has;
	// nat is "-" when a zone said the holder has no nationality to compare.
	birth, nat, sex string
	birthFrom       string // the zone that set birth
	labels          map[string]int
}

// label names a zone in notes: "MRZ" when it is the only one, else by its
// kind ("passport MRZ", "visa MRZ", "identity card MRZ 2").
func (f *fields) label(z *mrz.MRZ, n int) string {
	if n == 1 {
		return "MRZ"
	}
	l := docType(z) + " MRZ"
	if f.labels == nil {
		f.labels = map[string]int{}
	}
	f.labels[l]++
	if k := f.labels[l]; k > 1 {
		l += fmt.Sprintf(" %d", k)
	}
	return l
}

// zone applies one zone to the query.
func (p *Plan) zone(z *mrz.MRZ, label string, q *raqib.Query, f *fields) {
	for _, c := range z.Checks {
		if c.OK || c.Field == mrz.FieldDocumentNumber || c.Field == mrz.FieldBirthDate {
			continue
		}
		p.note("%s %s check digit fails (read %q, computed %q): the zone may be misread or altered", label, words(c.Field), c.Got, c.Want)
	}
	for _, w := range z.Warnings {
		switch w.Field {
		case mrz.FieldDocumentNumber, mrz.FieldBirthDate, mrz.FieldComposite, mrz.FieldExpiryDate, mrz.FieldOptional1:
			// check-digit fields: their failures are noted above or below
		case mrz.FieldName:
			if w.Corrected != "" {
				p.note("%s name: %s; screened as %s", label, w.Message, strings.Join(zoneName(z), " "))
			} else {
				p.note("%s name: %s", label, w.Message)
			}
		default:
			p.note("%s %s: %s", label, words(w.Field), w.Message)
		}
	}
	if z.NameTruncated && q.Name == "" && f.record.Name == "" {
		p.note("%s name fills its field and may have been cut short", label)
	}
	p.birth(z, label, q, f)
	p.nationality(z, label, q, f)
	if g := gender(z.Sex); g != "" {
		switch {
		case f.sex == "":
			if r := gender(f.record.Sex); r != "" && r != g {
				p.note("%s sex %s differs from the record's %q: the zone's is screened", label, z.Sex, f.record.Sex)
			}
			q.Gender, f.sex = g, g
		case f.sex != g:
			p.note("%s sex %s differs from the other document's: not used", label, z.Sex)
		}
	}
	p.document(z, label, q)
}

// birth sets the query's birth date from a zone whose birth date verifies.
func (p *Plan) birth(z *mrz.MRZ, label string, q *raqib.Query, f *fields) {
	_, note, ok := verified(z, mrz.FieldBirthDate, z.BirthDate, true)
	if !ok {
		c, _ := z.Check(mrz.FieldBirthDate)
		what := "not compared"
		if q.BirthDate != "" && f.birth == "" {
			what = fmt.Sprintf("the record's %s is compared instead", q.BirthDate)
		}
		p.note("%s birth date %s fails its check digit (read %q, computed %q): %s", label, z.BirthDate, c.Got, c.Want, what)
		return
	}
	if note != "" {
		p.note("%s %s", label, note)
	}
	d := isoBirth(z.Birth)
	if d == "" {
		return // unknown ("<<<<<<") or not a date: the warning says which
	}
	switch {
	case f.birth == "":
		if r := f.record.BirthDate; r != "" && !sameDate(r, z.Birth) {
			p.note("%s birth date %s differs from the record's %q: the zone's is screened", label, d, r)
		}
		q.BirthDate, f.birth, f.birthFrom = d, d, label
	case !sameDate(f.birth, z.Birth):
		p.note("%s birth date %s differs from the %s's %s: the %s's is screened", label, d, f.birthFrom, f.birth, f.birthFrom)
	}
}

// nationality sets the query's nationality from a zone.
func (p *Plan) nationality(z *mrz.MRZ, label string, q *raqib.Query, f *fields) {
	if z.Nationality == "" {
		return
	}
	code, what := icaoCountry(z.Nationality)
	if what != "" {
		if f.nat == "" {
			if q.Nationality != "" {
				p.note("%s nationality %s is %s: the record's %q is compared", label, z.Nationality, what, q.Nationality)
			} else {
				p.note("%s nationality %s is %s: no nationality compared", label, z.Nationality, what)
			}
			f.nat = "-"
		}
		return
	}
	switch {
	case f.nat == "":
		if r := f.record.Nationality; r != "" && !sameCountry(r, code) {
			p.note("%s nationality %s differs from the record's %q: the zone's is screened", label, z.Nationality, r)
		}
		q.Nationality, f.nat = code, code
	case f.nat != "-" && !sameCountry(f.nat, code):
		p.note("%s nationality %s differs from the other document's: not used", label, z.Nationality)
	}
}

// sameCountry reports whether two country texts name the same country; one
// that cannot be read counts as agreeing (the matcher warns about it).
func sameCountry(a, b string) bool {
	ca, okA := normalize.CountryCode(a)
	cb, okB := normalize.CountryCode(b)
	return !okA || !okB || ca == cb
}

// document adds a zone's document to the query when its number verifies.
func (p *Plan) document(z *mrz.MRZ, label string, q *raqib.Query) {
	if z.DocumentNumber == "" {
		return
	}
	if isVisa(z) {
		p.note("%s document number %s is a visa's: it identifies the visa, not its holder, and is not compared", label, z.DocumentNumber)
		return
	}
	number, note, ok := verified(z, mrz.FieldDocumentNumber, z.DocumentNumber, false)
	if !ok {
		c, _ := z.Check(mrz.FieldDocumentNumber)
		p.note("%s document number %s fails its check digit (read %q, computed %q): not used as evidence", label, z.DocumentNumber, c.Got, c.Want)
		// The same number given again by the record is the same misreading.
		kept := q.Documents[:0]
		for _, d := range q.Documents {
			if normalize.DocumentNumber(d.Number) == normalize.DocumentNumber(z.DocumentNumber) {
				continue
			}
			kept = append(kept, d)
		}
		if len(kept) < len(q.Documents) {
			p.note("the record's document number %s is the zone's: not used either", z.DocumentNumber)
		}
		q.Documents = kept
		return
	}
	if note != "" {
		p.note("%s %s", label, note)
	}
	country, _ := icaoCountry(z.IssuingState)
	doc := raqib.Document{Type: docType(z), Number: number, Country: country}
	// The zone's verified number replaces the record's copy of it.
	kept := q.Documents[:0]
	for _, d := range q.Documents {
		if normalize.DocumentNumber(d.Number) != normalize.DocumentNumber(number) {
			kept = append(kept, d)
		}
	}
	q.Documents = append([]raqib.Document{doc}, kept...)
}

// names sets the query's name and its other readings.
func (p *Plan) names(q *raqib.Query, zones []*mrz.MRZ) {
	// Readings by priority: each zone's name as read; the names in Arabic
	// script; the other readings (X escapes dropped, the spellings other
	// states print), in the order mrz gives them.
	var asRead, arabic, other []string
	for _, z := range zones {
		v := z.NameVariants()
		if len(v) == 0 {
			continue
		}
		asRead = append(asRead, v[0])
		if a := z.ArabicName(); a != "" {
			arabic = append(arabic, a)
		}
		other = append(other, v[1:]...)
	}
	p.Label = q.Name
	var all []string
	if q.Name != "" {
		all = append(all, q.Name)
	}
	for _, r := range [][]string{asRead, arabic, other} {
		for _, n := range r {
			all = appendNew(all, n)
		}
	}
	if len(all) == 0 {
		return
	}
	if p.Label == "" {
		p.Label = all[0]
	}
	q.Name = all[0]
	rest := all[1:]
	if len(rest) > raqib.MaxAltNames {
		p.note("%d more readings of the name were not screened (at most %d are)", len(rest)-raqib.MaxAltNames, raqib.MaxAltNames+1)
		rest = rest[:raqib.MaxAltNames]
	}
	if len(rest) > 0 {
		q.AltNames = rest
	}
}

// zoneName is the zone's name, given names first.
func zoneName(z *mrz.MRZ) []string {
	return append(append([]string(nil), z.GivenNames...), z.Surname)
}

// verified returns the reading of a field that its check digit verifies,
// and a note when that reading is not the zone as read. A check digit read
// as a letter that an OCR engine confuses with the digit that verifies
// counts as verified. A field reading the parser corrected is accepted only
// when guessOK: the corrected birth date (letters read for digits, one
// reading only) may be; a document number with one character swapped to
// make it verify may not.
func verified(m *mrz.MRZ, f mrz.Field, read string, guessOK bool) (reading, note string, ok bool) {
	c, has := m.Check(f)
	if !has || c.OK {
		return read, "", true
	}
	for _, w := range m.Warnings {
		if w.Field != f || w.Corrected == "" {
			continue
		}
		switch {
		case len(w.Corrected) == 1 && w.Corrected[0] == c.Want:
			return read, fmt.Sprintf("%s check digit read as %q, an OCR confusion for %q, which verifies", words(f), c.Got, c.Want), true
		case guessOK && len(w.Corrected) > 1 && mrz.CheckDigit(w.Corrected) == c.Got:
			return w.Corrected, fmt.Sprintf("%s read as %s; screened as %s, the OCR correction that verifies", words(f), read, w.Corrected), true
		}
	}
	return "", "", false
}

// isoBirth writes a zone's birth date as a query birth date: the day, or
// the month or year when the zone gives only those.
func isoBirth(r normalize.DateRange) string {
	if len(r.From) < 10 {
		return ""
	}
	switch r.Precision {
	case normalize.PrecisionDay:
		return r.From
	case normalize.PrecisionMonth:
		return r.From[:7]
	}
	return r.From[:4]
}

// sameDate reports whether a record's birth date agrees with a zone's
// (which may be a year or a month only). A date the record writes in a way
// that cannot be read counts as agreeing: the matcher warns about it.
func sameDate(record string, zone normalize.DateRange) bool {
	ds, err := normalize.ParseDate(record)
	if err != nil {
		return true
	}
	for _, d := range ds {
		if d.Overlaps(zone) {
			return true
		}
	}
	return false
}

func isVisa(z *mrz.MRZ) bool {
	return z.Format == mrz.MRVA || z.Format == mrz.MRVB || strings.HasPrefix(z.DocumentCode, "V")
}

// docType names a zone's document as raqib.Document.Type does.
func docType(z *mrz.MRZ) string {
	switch {
	case isVisa(z):
		return "visa"
	case strings.HasPrefix(z.DocumentCode, "P"):
		return "passport"
	}
	return "identity card" // I, A, C: ICAO 9303 Parts 5 and 6
}

// gender reads a record's or a zone's sex; what normalize.ParseGender does
// not know is passed on for the matcher to warn about.
func gender(s string) string {
	if g, ok := normalize.ParseGender(s); ok {
		return g
	}
	return strings.TrimSpace(s)
}

// words writes a field's name for a sentence ("document number").
func words(f mrz.Field) string { return strings.ReplaceAll(string(f), "_", " ") }

func (p *Plan) note(format string, args ...any) {
	p.Notes = append(p.Notes, fmt.Sprintf(format, args...))
}

// appendNew appends s unless list holds it already, case aside.
func appendNew(list []string, s string) []string {
	if strings.TrimSpace(s) == "" {
		return list
	}
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return list
		}
	}
	return append(list, s)
}
