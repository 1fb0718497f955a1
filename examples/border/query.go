package main

import (
	"fmt"
	"github.com/raqib/raqib"
	"strings"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
	"github.com/raqib/raqib/normalize/mrz"
)

// plan is how one passenger is screened: one query per reading of the name,
// restricted to entries that are persons
// (all other fields equal), and what the officer must know about the data.
type plan struct {
	label   string // the passenger's name as shown
	queries []raqib.Query
	// notes tell what was wrong with the data and what was done about it
	// (an MRZ check digit that fails, a field left out).
	notes []string
	zone  *mrz.MRZ
}

// planFor turns a passenger into queries. It fails for an MRZ that is not a
// zone at all; a zone with failing check digits is screened, with its
// unverified fields left out and a note saying so.
func planFor(p *passenger) (*plan, error) {
	pl := &plan{}
	base := raqib.Query{
		ID: p.ID, Kind: lists.KindPerson, BirthDate: p.BirthDate, Nationality: p.Nationality, Gender: gender(p.Sex), Face: p.Face,
	}
	if p.Document.Number != "" {
		typ := p.Document.Type
		if typ == "" {
			typ = "passport"
		}
		base.Documents = []raqib.Document{{Type: typ, Number: p.Document.Number, Country: p.Document.Country}}
	}
	name := p.name()
	var names []string
	if p.MRZ != "" {
		m, err := mrz.Parse(p.MRZ)
		if err != nil {
			return nil, err
		}
		pl.zone = m
		names = m.NameVariants()
		pl.fromZone(m, &base)
	}
	if name != "" {
		names = appendNew(names, name)
		pl.label = name
	} else if len(names) > 0 {
		pl.label = names[0]
	}
	if len(names) == 0 {
		names = []string{""}
	}
	for _, n := range names {
		q := base
		q.Name = n
		pl.queries = append(pl.queries, q)
	}
	return pl, nil
}

// fromZone fills the query from a parsed zone: the zone's birth date,
// nationality, sex and document replace the manifest's fields, except those
// whose check digit fails, which are left out (the manifest's own field, if
// any, is screened instead) and noted.
func (pl *plan) fromZone(m *mrz.MRZ, q *raqib.Query) {
	for _, c := range m.Checks {
		if c.OK || c.Field == mrz.FieldDocumentNumber || c.Field == mrz.FieldBirthDate {
			continue
		}
		pl.note("MRZ %s check digit fails (read %q, computed %q): the zone may be misread or altered", c.Field, c.Got, c.Want)
	}
	for _, w := range m.Warnings {
		switch w.Field {
		case mrz.FieldDocumentNumber, mrz.FieldBirthDate, mrz.FieldComposite, mrz.FieldExpiryDate, mrz.FieldOptional1:
			// check-digit fields: handled below or above
		default:
			pl.note("MRZ %s: %s", w.Field, w.Message)
		}
	}

	if _, note, ok := verified(m, mrz.FieldBirthDate, m.BirthDate, true); ok {
		if d := mrzBirth(m.Birth); d != "" {
			q.BirthDate = d
		}
		if note != "" {
			pl.notes = append(pl.notes, note)
		}
	} else {
		c, _ := m.Check(mrz.FieldBirthDate)
		pl.note("MRZ birth date %s fails its check digit (read %q, computed %q): not compared", m.BirthDate, c.Got, c.Want)
	}
	if m.Nationality != "" {
		q.Nationality = m.Nationality
	}
	if g := gender(m.Sex); g != "" {
		q.Gender = g
	}
	if m.DocumentNumber == "" || strings.HasPrefix(m.DocumentCode, "V") {
		return // a visa's number is not the holder's identity document
	}
	number, note, ok := verified(m, mrz.FieldDocumentNumber, m.DocumentNumber, false)
	if !ok {
		c, _ := m.Check(mrz.FieldDocumentNumber)
		pl.note("MRZ document number %s fails its check digit (read %q, computed %q): not used as evidence", m.DocumentNumber, c.Got, c.Want)
		return
	}
	if note != "" {
		pl.notes = append(pl.notes, note)
	}
	typ := "passport"
	if !strings.HasPrefix(m.DocumentCode, "P") {
		typ = "identity card"
	}
	q.Documents = []raqib.Document{{Type: typ, Number: number, Country: m.IssuingState}}
}

// verified returns the reading of a field that its check digit verifies,
// and a note when that reading is not the zone as read. A check digit read
// as a letter that an OCR engine confuses with the digit that verifies
// counts as verified. A field reading the parser corrected is accepted only
// when guessOK: the corrected birth date (letters read for digits, one
// reading only) may be; a document number with one character swapped to
// make it verify may not, since one of ten such guesses verifies by chance.
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
			return read, fmt.Sprintf("MRZ %s check digit read as %q, an OCR confusion for %q, which verifies", f, c.Got, c.Want), true
		case guessOK && len(w.Corrected) > 1 && mrz.CheckDigit(w.Corrected) == c.Got:
			// Trailing fillers do not change a check digit.
			return w.Corrected, fmt.Sprintf("MRZ %s read as %s; screened as %s, the OCR correction that verifies", f, read, w.Corrected), true
		}
	}
	return "", "", false
}

// mrzBirth writes a zone's birth date as a query birth date: the day, or
// the month or year when the zone has only those.
func mrzBirth(r normalize.DateRange) string {
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

// gender reads a manifest's or a zone's sex.
func gender(s string) string {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "M", "MALE":
		return "male"
	case "F", "FEMALE":
		return "female"
	case "", "X", "<":
		return ""
	}
	return s // passed on: the matcher warns about what it cannot read
}

func (pl *plan) note(format string, args ...any) {
	pl.notes = append(pl.notes, fmt.Sprintf(format, args...))
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return list
		}
	}
	return append(list, s)
}
