package lists

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// readUN reads a UN Security Council Consolidated List.
func readUN(st *state, r io.Reader) (*List, error) {
	x := newXMLStream(st, r)
	l := &List{Source: "UN"}
	depth := 0
	sawRoot, closedRoot := false, false
	seen := make(map[string]bool)
	for {
		tok, err := x.token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > MaxDepth {
				return nil, st.errf(x.line(), "", fmt.Errorf("%w: elements nested deeper than %d", ErrTooLarge, MaxDepth))
			}
			if depth == 1 {
				if t.Name.Local != "CONSOLIDATED_LIST" {
					return nil, st.errf(x.line(), "", fmt.Errorf("%w: root element <%s>, want <CONSOLIDATED_LIST>", ErrUnknownFormat, t.Name.Local))
				}
				sawRoot = true
				for _, a := range t.Attr {
					if a.Name.Local == "dateGenerated" {
						l.Version = clean(a.Value)
					}
				}
				continue
			}
			var kind Kind
			switch t.Name.Local {
			case "INDIVIDUAL":
				kind = KindPerson
			case "ENTITY":
				kind = KindOrganisation
			default:
				continue
			}
			line := x.line()
			n, err := x.record(t, depth)
			depth--
			if err != nil {
				return nil, err
			}
			e, err := unEntry(n, kind, l.Version)
			if err != nil {
				st.skip(line, unRecordName(n), err)
				continue
			}
			if seen[e.ID] {
				st.skip(line, e.Ref, errors.New("duplicate REFERENCE_NUMBER"))
				continue
			}
			if len(l.Entries) >= maxEntries {
				return nil, st.errf(line, e.Ref, fmt.Errorf("%w: more than %d entries", ErrTooLarge, maxEntries))
			}
			seen[e.ID] = true
			st.read++
			l.Entries = append(l.Entries, e)
		case xml.EndElement:
			depth--
			if depth == 0 {
				closedRoot = true
			}
		case xml.CharData:
			if depth == 0 && len(strings.TrimSpace(string(t))) > 0 {
				return nil, st.errf(x.line(), "", errors.New("text outside the root element"))
			}
		}
	}
	if !sawRoot {
		return nil, st.errf(x.line(), "", fmt.Errorf("%w: no <CONSOLIDATED_LIST> element", ErrUnknownFormat))
	}
	if !closedRoot {
		return nil, st.errf(x.line(), "", fmt.Errorf("truncated: %w", io.ErrUnexpectedEOF))
	}
	return l, nil
}

// unRecordName names a UN record in a skip: its reference number, else its
// DATAID, else nothing (the line names it).
func unRecordName(n *xnode) string {
	if r := n.get("REFERENCE_NUMBER"); r != "" {
		return truncate(r, 64)
	}
	if id := n.get("DATAID"); id != "" {
		return "DATAID " + truncate(id, 32)
	}
	return ""
}

var genderInComments = regexp.MustCompile(`(?i)\bgender\s*:\s*(male|female)\b`)

// unKnown lists the record elements unEntry reads into fields; every other
// element with text goes to Entry.Raw.
var unKnown = map[string]bool{
	"FIRST_NAME": true, "SECOND_NAME": true, "THIRD_NAME": true, "FOURTH_NAME": true,
	"UN_LIST_TYPE": true, "REFERENCE_NUMBER": true, "LISTED_ON": true, "NAME_ORIGINAL_SCRIPT": true,
	"COMMENTS1": true, "HAS_INTERPOL_LINK": true, "GENDER": true, "TITLE": true, "DESIGNATION": true,
	"NATIONALITY": true, "INDIVIDUAL_ALIAS": true, "ENTITY_ALIAS": true, "INDIVIDUAL_ADDRESS": true,
	"ENTITY_ADDRESS": true, "INDIVIDUAL_DATE_OF_BIRTH": true, "INDIVIDUAL_PLACE_OF_BIRTH": true,
	"INDIVIDUAL_DOCUMENT": true,
}

// unEntry turns one INDIVIDUAL or ENTITY element into an Entry.
func unEntry(n *xnode, kind Kind, version string) (Entry, error) {
	e := Entry{Source: "UN", Kind: kind, ListVersion: version}
	e.Ref = n.get("REFERENCE_NUMBER")
	if e.Ref == "" {
		// The reference number is the entry's identity across versions: a
		// record without one cannot be followed, so it is a named skip
		// rather than an entry under a made-up ID.
		return e, errors.New("no REFERENCE_NUMBER")
	}
	if !utf8.ValidString(e.Ref) || len(e.Ref) > 64 {
		return e, fmt.Errorf("bad REFERENCE_NUMBER %q", truncate(e.Ref, 64))
	}
	e.ID = "UN:" + e.Ref
	e.ListType = n.get("UN_LIST_TYPE")
	e.ListedOn = n.get("LISTED_ON")
	e.Remarks = n.get("COMMENTS1")
	e.InterpolLink = strings.EqualFold(n.get("HAS_INTERPOL_LINK"), "YES")

	var parts []string
	for _, f := range []string{"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"} {
		if v := n.get(f); v != "" {
			parts = append(parts, v)
		}
	}
	if len(parts) > 0 {
		e.Names = append(e.Names, Name{Full: strings.Join(parts, " "), Parts: parts, Quality: NamePrimary})
	}
	if v := n.get("NAME_ORIGINAL_SCRIPT"); v != "" {
		e.Names = append(e.Names, Name{Full: v, Quality: NameOriginalScript})
	}
	e.Titles = n.values("TITLE")
	e.Designations = n.values("DESIGNATION")
	for _, v := range n.values("NATIONALITY") {
		e.Nationalities = append(e.Nationalities, country(v))
	}
	if g := strings.ToLower(n.get("GENDER")); g == "male" || g == "female" {
		e.Gender = g
	} else if m := genderInComments.FindStringSubmatch(e.Remarks); m != nil {
		e.Gender = strings.ToLower(m[1])
	}
	var raw rawAcc
	for _, k := range n.kids {
		switch k.name {
		case "INDIVIDUAL_ALIAS", "ENTITY_ALIAS":
			e.Names = append(e.Names, unAlias(k)...)
		case "INDIVIDUAL_ADDRESS", "ENTITY_ADDRESS":
			if p, ok := unPlace(k); ok {
				e.Addresses = append(e.Addresses, p)
			}
		case "INDIVIDUAL_PLACE_OF_BIRTH":
			if p, ok := unPlace(k); ok {
				e.BirthPlaces = append(e.BirthPlaces, p)
			}
		case "INDIVIDUAL_DATE_OF_BIRTH":
			if d, ok := unBirthDate(k); ok {
				e.BirthDates = append(e.BirthDates, d)
			} else if t := k.flat(); t != "" {
				raw.add("DATE_OF_BIRTH", t)
			}
		case "INDIVIDUAL_DOCUMENT":
			if d, ok := unDocument(k); ok {
				e.Documents = append(e.Documents, d)
			}
		default:
			if unKnown[k.name] {
				continue
			}
			if t := k.flat(); t != "" {
				raw.add(k.name, t)
			}
		}
	}
	if len(e.Names) == 0 {
		return e, errors.New("no name")
	}
	raw.flush(&e)
	return e, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

func country(text string) Country {
	c := Country{Text: text}
	if code, ok := countryCode(text); ok {
		c.Code = code
	}
	return c
}

// unQuality maps an alias QUALITY to a NameQuality.
func unQuality(q string) NameQuality {
	switch strings.ToLower(q) {
	case "low":
		return NameLow
	case "f.k.a.", "fka":
		return NameFormer
	default: // "Good", "a.k.a.", empty
		return NameGood
	}
}

var originalScriptNote = regexp.MustCompile(`(?i)^(?:previously listed as[.,]?\s*)?(?:(?:name\s+)?(?:in\s+)?original script|in arabic(?: script)?)\s*:\s*(.+)$`)

// unAlias reads one alias element: the alias itself and the further
// spellings its NOTE may hold.
func unAlias(k *xnode) []Name {
	full := k.get("ALIAS_NAME")
	note := k.get("NOTE")
	q := unQuality(k.get("QUALITY"))
	var extra []string
	for _, f := range []string{"DATE_OF_BIRTH", "CITY_OF_BIRTH", "COUNTRY_OF_BIRTH"} {
		if v := k.get(f); v != "" {
			extra = append(extra, f+": "+v)
		}
	}
	if full == "" {
		// An empty placeholder, or a note without a name: keep the note as a
		// name only if it reads like a list of names.
		if sp := noteSpellings(note); sp != nil {
			var out []Name
			for _, s := range sp {
				out = append(out, Name{Full: s, Quality: q, Note: "alias note"})
			}
			return out
		}
		return nil
	}
	if sp := noteSpellings(full); sp != nil {
		// Some ALIAS_NAMEs hold several spellings themselves
		// ("Mohammad Islami; Mohamed Islami; Mohammed Islami").
		out := []Name{{Full: sp[0], Quality: q, Note: note}}
		for _, s := range sp[1:] {
			out = append(out, Name{Full: s, Quality: q, Note: "alias spelling"})
		}
		return out
	}
	a := Name{Full: full, Quality: q}
	var out []Name
	if sp := noteSpellings(note); sp != nil {
		out = append(out, a)
		for _, s := range sp {
			if s != full {
				out = append(out, Name{Full: s, Quality: q, Note: "alias note"})
			}
		}
		a = out[0]
	} else if m := originalScriptNote.FindStringSubmatch(note); m != nil {
		a.Note = note
		out = append(out, a, Name{Full: clean(m[1]), Quality: NameOriginalScript, Note: "alias note"})
	} else {
		a.Note = note
		out = append(out, a)
	}
	if len(extra) > 0 {
		n := &out[0]
		if n.Note != "" {
			n.Note += "; "
		}
		n.Note += strings.Join(extra, "; ")
	}
	return out
}

// noteSpellings splits an alias NOTE such as "Yunis al-Mauritani; Younis
// al-Mauritani" into names, or returns nil if the note is not a plain list
// of names (it has digits, colons, or long phrases).
func noteSpellings(note string) []string {
	if !strings.Contains(note, ";") {
		return nil
	}
	var out []string
	for _, p := range strings.Split(note, ";") {
		p = clean(p)
		if p == "" {
			continue
		}
		if strings.ContainsAny(p, ":()") || len(strings.Fields(p)) > 6 {
			return nil
		}
		for _, r := range p {
			if unicode.IsDigit(r) {
				return nil
			}
		}
		out = append(out, p)
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// unPlace reads an address or place of birth; ok is false for an empty placeholder.
func unPlace(k *xnode) (Place, bool) {
	p := Place{
		Street:        k.get("STREET"),
		City:          k.get("CITY"),
		StateProvince: k.get("STATE_PROVINCE"),
		PostalCode:    k.get("ZIP_CODE"),
		Note:          k.get("NOTE"),
	}
	if c := k.get("COUNTRY"); c != "" {
		p.Country = country(c)
	}
	var parts []string
	for _, s := range []string{p.Street, p.City, p.StateProvince, p.PostalCode, p.Country.Text} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	p.Text = strings.Join(parts, ", ")
	return p, p.Text != "" || p.Note != ""
}

// unBirthDate reads one INDIVIDUAL_DATE_OF_BIRTH; ok is false when it holds no date.
func unBirthDate(k *xnode) (BirthDate, bool) {
	typ := strings.ToUpper(k.get("TYPE_OF_DATE"))
	d := BirthDate{Note: k.get("NOTE")}
	approx := typ == "APPROXIMATELY"
	if v := k.get("DATE"); v != "" {
		y, m, day, ok := isoDate(v)
		if !ok {
			return d, false
		}
		d.From = fmt.Sprintf("%04d-%02d-%02d", y, m, day)
		d.To, d.Precision, d.Text = d.From, precDay, d.From
		if approx {
			d.From, d.To = fmt.Sprintf("%04d-01-01", y-1), fmt.Sprintf("%04d-12-31", y+1)
			d.Precision, d.Text = precApprox, "approximately "+d.Text
		}
		return d, true
	}
	if v := k.get("YEAR"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 1000 || y > 9999 {
			return d, false
		}
		d.From, d.To, d.Precision, d.Text = fmt.Sprintf("%04d-01-01", y), fmt.Sprintf("%04d-12-31", y), precYear, v
		if approx {
			d.From, d.To = fmt.Sprintf("%04d-01-01", y-1), fmt.Sprintf("%04d-12-31", y+1)
			d.Precision, d.Text = precApprox, "approximately "+v
		}
		return d, true
	}
	from, to := k.get("FROM_YEAR"), k.get("TO_YEAR")
	if from != "" || to != "" {
		if from == "" {
			from = to
		}
		if to == "" {
			to = from
		}
		fy, err1 := strconv.Atoi(from)
		ty, err2 := strconv.Atoi(to)
		if err1 != nil || err2 != nil || fy < 1000 || ty > 9999 || fy > ty {
			return d, false
		}
		d.From, d.To = fmt.Sprintf("%04d-01-01", fy), fmt.Sprintf("%04d-12-31", ty)
		d.Precision, d.Text = precBetween, "between "+from+" and "+to
		return d, true
	}
	return d, false
}

// isoDate reads "YYYY-MM-DD", ignoring anything after it (the list has
// "1960-01-01-05:00").
func isoDate(s string) (y, m, d int, ok bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	var err error
	if y, err = strconv.Atoi(s[:4]); err != nil {
		return 0, 0, 0, false
	}
	if m, err = strconv.Atoi(s[5:7]); err != nil || m < 1 || m > 12 {
		return 0, 0, 0, false
	}
	if d, err = strconv.Atoi(s[8:10]); err != nil || d < 1 || d > 31 {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

// unDocument reads one INDIVIDUAL_DOCUMENT; ok is false for an empty placeholder.
func unDocument(k *xnode) (Document, bool) {
	d := Document{
		Type:       strings.ToLower(k.get("TYPE_OF_DOCUMENT")),
		Type2:      k.get("TYPE_OF_DOCUMENT2"),
		Number:     k.get("NUMBER"),
		IssueDate:  k.get("DATE_OF_ISSUE"),
		ExpiryDate: k.get("DATE_OF_EXPIRY"),
		Note:       k.get("NOTE"),
	}
	c := k.get("ISSUING_COUNTRY")
	if c == "" {
		c = k.get("COUNTRY_OF_ISSUE")
	}
	if c != "" {
		d.Country = country(c)
	}
	if city := k.get("CITY_OF_ISSUE"); city != "" {
		if d.Note != "" {
			d.Note += "; "
		}
		d.Note += "issued in " + city
	}
	if d.Number != "" {
		d.Normalized = documentNumber(d.Number)
	}
	return d, d.Type != "" || d.Number != "" || d.Note != "" || d.Type2 != ""
}
