package lists

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// The OFAC advanced format (sdn_advanced.xml) is a normalised database
// dump: a root <Sanctions> with, in this order, DateOfIssue, the
// ReferenceValueSets (lookup tables: alias types, party types, feature
// types, countries, scripts, document types, ...), Locations, IDRegDocuments,
// DistinctParties (one per listed party: Profile, Identity, Alias,
// DocumentedName, DocumentedNamePart, Feature, FeatureVersion, DatePeriod),
// ProfileRelationships, SanctionsEntries (programs and listing dates per
// profile) and SanctionsEntryLinks. Everything a party refers to comes
// before it, except its SanctionsEntry, which is applied at the end.

// ofacAdv holds what the file gives before and after its parties.
type ofacAdv struct {
	st      *state
	x       *xmlStream
	version string
	refs    map[string]map[string]*xnode // "AliasType" -> ID -> value element
	nrefs   int
	locs    map[string]Place
	docs    map[string][]Document // by IdentityID
	l       *List
	byProf  map[string]int // ProfileID -> entry index
	post    map[int]*ofacAdvPost
}

// ofacAdvPost is what the SanctionsEntries add to one entry.
type ofacAdvPost struct {
	programs map[string]bool
	raw      rawAcc
}

// maxRefValues caps the reference values, locations and documents an OFAC
// advanced file may hold before its parties.
const maxRefValues = 1_000_000

func readOFACAdvanced(st *state, r io.Reader) (*List, error) {
	a := &ofacAdv{st: st, x: newXMLStream(st, r), refs: map[string]map[string]*xnode{},
		locs: map[string]Place{}, docs: map[string][]Document{}, l: &List{Source: "OFAC"},
		byProf: map[string]int{}, post: map[int]*ofacAdvPost{}}
	x := a.x
	sawRoot := false
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
			if sawRoot {
				return nil, st.errf(x.line(), "", errors.New("a second root element"))
			}
			if t.Name.Local != "Sanctions" {
				return nil, st.errf(x.line(), "", fmt.Errorf("%w: root element <%s>, want <Sanctions>", ErrUnknownFormat, t.Name.Local))
			}
			sawRoot = true
			if err := a.sections(); err != nil {
				return nil, err
			}
		case xml.CharData:
			if len(strings.TrimSpace(string(t))) > 0 {
				return nil, st.errf(x.line(), "", errors.New("text outside the root element"))
			}
		}
	}
	if !sawRoot {
		return nil, st.errf(x.line(), "", fmt.Errorf("%w: no <Sanctions> element", ErrUnknownFormat))
	}
	for i, p := range a.post {
		e := &a.l.Entries[i]
		p.raw.flush(e)
	}
	a.l.Version = a.version
	for i := range a.l.Entries {
		a.l.Entries[i].ListVersion = a.version
	}
	return a.l, nil
}

// children calls f for every child element of the element just opened; f
// must read or skip the child whole.
func (a *ofacAdv) children(depth int, f func(t xml.StartElement, depth int) error) error {
	for {
		tok, err := a.x.token()
		if err != nil {
			if err == io.EOF {
				err = a.x.xmlErr(err)
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth+1 > MaxDepth {
				return a.st.errf(a.x.line(), "", fmt.Errorf("%w: elements nested deeper than %d", ErrTooLarge, MaxDepth))
			}
			if err := f(t, depth+1); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// sections reads the children of <Sanctions>.
func (a *ofacAdv) sections() error {
	return a.children(1, func(t xml.StartElement, depth int) error {
		x := a.x
		switch t.Name.Local {
		case "DateOfIssue":
			n, err := x.record(t, depth)
			if err != nil {
				return err
			}
			if d, ok := ofacDatePoint(n); ok {
				a.version = d
			}
			return nil
		case "ReferenceValueSets":
			return a.children(depth, func(t xml.StartElement, depth int) error {
				n, err := x.record(t, depth)
				if err != nil {
					return err
				}
				for _, v := range n.kids {
					id := v.attr("ID")
					if id == "" {
						continue
					}
					if a.nrefs++; a.nrefs > maxRefValues {
						return a.st.errf(v.line, "", fmt.Errorf("%w: more than %d reference values", ErrTooLarge, maxRefValues))
					}
					m := a.refs[v.name]
					if m == nil {
						m = map[string]*xnode{}
						a.refs[v.name] = m
					}
					m[id] = v
				}
				return nil
			})
		case "Locations":
			return a.children(depth, func(t xml.StartElement, depth int) error {
				n, err := x.record(t, depth)
				if err != nil {
					return err
				}
				if a.nrefs++; a.nrefs > maxRefValues {
					return a.st.errf(n.line, "", fmt.Errorf("%w: more than %d reference values", ErrTooLarge, maxRefValues))
				}
				if id := n.attr("ID"); id != "" {
					a.locs[id] = a.location(n)
				}
				return nil
			})
		case "IDRegDocuments":
			return a.children(depth, func(t xml.StartElement, depth int) error {
				n, err := x.record(t, depth)
				if err != nil {
					return err
				}
				if a.nrefs++; a.nrefs > maxRefValues {
					return a.st.errf(n.line, "", fmt.Errorf("%w: more than %d reference values", ErrTooLarge, maxRefValues))
				}
				if id := n.attr("IdentityID"); id != "" {
					if d, ok := a.document(n); ok {
						a.docs[id] = append(a.docs[id], d)
					}
				}
				return nil
			})
		case "DistinctParties":
			return a.children(depth, func(t xml.StartElement, depth int) error {
				line := x.line()
				n, err := x.record(t, depth)
				if err != nil {
					return err
				}
				if err := a.st.tick(line); err != nil {
					return err
				}
				ref := truncate(n.attr("FixedRef"), 64)
				e, profiles, err := a.party(n)
				if err != nil {
					a.st.skip(line, ref, err)
					return nil
				}
				for _, p := range profiles {
					if _, dup := a.byProf[p]; dup {
						a.st.skip(line, ref, fmt.Errorf("duplicate Profile ID %s", truncate(p, 20)))
						return nil
					}
				}
				if len(a.l.Entries) >= maxEntries {
					return a.st.errf(line, ref, fmt.Errorf("%w: more than %d entries", ErrTooLarge, maxEntries))
				}
				for _, p := range profiles {
					a.byProf[p] = len(a.l.Entries)
				}
				a.st.read++
				a.l.Entries = append(a.l.Entries, e)
				return nil
			})
		case "SanctionsEntries":
			return a.children(depth, func(t xml.StartElement, depth int) error {
				line := x.line()
				n, err := x.record(t, depth)
				if err != nil {
					return err
				}
				a.sanctionsEntry(n, line)
				return nil
			})
		default: // ProfileRelationships, SanctionsEntryLinks, anything newer
			return x.skipElement()
		}
	})
}

// ref returns the value element of a reference set ("AliasType") by ID.
func (a *ofacAdv) ref(set, id string) *xnode {
	if id == "" {
		return nil
	}
	return a.refs[set][id]
}

// refText returns the text of a reference value, "" when unknown.
func (a *ofacAdv) refText(set, id string) string {
	if n := a.ref(set, id); n != nil {
		return clean(n.text)
	}
	return ""
}

func (a *ofacAdv) country(id string) Country {
	n := a.ref("Country", id)
	if n == nil {
		return Country{}
	}
	c := Country{Text: clean(n.text)}
	if iso := n.attr("ISO2"); len(iso) == 2 {
		if code, ok := countryCode(iso); ok {
			c.Code = code
		}
	}
	if c.Code == "" && c.Text != "" {
		c = country(c.Text)
	}
	return c
}

// location reads one Location: its parts by type, and its country.
func (a *ofacAdv) location(n *xnode) Place {
	var p Place
	var street, other []string
	for _, k := range n.kids {
		switch k.name {
		case "LocationCountry":
			if c := a.country(k.attr("CountryID")); c.Text != "" || c.Code != "" {
				p.Country = c
			}
		case "LocationPart":
			var val string
			for _, v := range k.kids {
				if v.name == "LocationPartValue" && (val == "" || v.attr("Primary") == "true") {
					if t := v.get("Value"); t != "" {
						val = t
					}
				}
			}
			if val == "" {
				continue
			}
			switch strings.ToUpper(a.refText("LocPartType", k.attr("LocPartTypeID"))) {
			case "ADDRESS1", "ADDRESS2", "ADDRESS3":
				street = append(street, val)
			case "CITY":
				p.City = val
			case "STATE/PROVINCE":
				p.StateProvince = val
			case "POSTAL CODE":
				p.PostalCode = val
			default: // REGION, Unknown, ...
				other = append(other, val)
			}
		}
	}
	p.Street = strings.Join(street, ", ")
	p.Text = joinNonEmpty(", ", p.Street, p.City, strings.Join(other, ", "), p.StateProvince, p.PostalCode, p.Country.Text)
	return p
}

// document reads one IDRegDocument.
func (a *ofacAdv) document(n *xnode) (Document, bool) {
	d := Document{
		Type:   strings.ToLower(a.refText("IDRegDocType", n.attr("IDRegDocTypeID"))),
		Number: n.get("IDRegistrationNo"),
	}
	if c := n.attr("IssuedBy-CountryID"); c != "" {
		d.Country = a.country(c)
	}
	var notes []string
	if v := n.get("IssuingAuthority"); v != "" {
		notes = append(notes, "issued by "+v)
	}
	if v := a.refText("Validity", n.attr("ValidityID")); v != "" && !strings.EqualFold(v, "valid") {
		notes = append(notes, v)
	}
	if v := n.get("Comment"); v != "" {
		notes = append(notes, v)
	}
	for _, k := range n.kids {
		if k.name != "DocumentDate" {
			continue
		}
		dp := k.child("DatePeriod")
		if dp == nil {
			continue
		}
		bd, ok := ofacDatePeriod(dp)
		if !ok {
			continue
		}
		switch strings.ToLower(a.refText("IDRegDocDateType", k.attr("IDRegDocDateTypeID"))) {
		case "issue date":
			d.IssueDate = bd.From
		case "expiration date":
			d.ExpiryDate = bd.To
		default:
			notes = append(notes, bd.Text)
		}
	}
	d.Note = strings.Join(notes, "; ")
	if d.Number != "" {
		d.Normalized = documentNumber(d.Number)
	}
	return d, d.Number != "" || d.Type != ""
}

// party reads one DistinctParty into an entry, with the IDs of its profiles.
func (a *ofacAdv) party(n *xnode) (Entry, []string, error) {
	ref := n.attr("FixedRef")
	if err := checkRef(ref); err != nil {
		return Entry{}, nil, fmt.Errorf("FixedRef: %w", err)
	}
	if len(ref) > 64 {
		return Entry{}, nil, fmt.Errorf("FixedRef of %d bytes", len(ref))
	}
	e := Entry{Source: "OFAC", Ref: ref, ID: "OFAC:" + ref}
	var raw rawAcc
	var profiles []string
	for _, c := range n.kids {
		if c.name == "Comment" {
			if t := clean(c.text); t != "" {
				e.Remarks = t
			}
		}
	}
	for _, prof := range n.kids {
		if prof.name != "Profile" {
			continue
		}
		if id := prof.attr("ID"); id != "" {
			profiles = append(profiles, id)
		}
		if e.Kind == "" {
			k, err := a.kind(prof.attr("PartySubTypeID"))
			if err != nil {
				return e, nil, err
			}
			e.Kind = k
		}
		// The primary identity's names first.
		for _, primaryPass := range []bool{true, false} {
			for _, id := range prof.kids {
				if id.name == "Identity" && (id.attr("Primary") == "true") == primaryPass {
					a.identity(&e, id)
				}
			}
		}
		for _, f := range prof.kids {
			if f.name == "Feature" {
				a.feature(&e, f, &raw)
			}
		}
	}
	if len(profiles) == 0 {
		return e, nil, errors.New("no Profile")
	}
	if e.Kind == "" {
		return e, nil, errors.New("no party type")
	}
	if len(e.Names) == 0 {
		return e, nil, errors.New("no name")
	}
	slices.SortStableFunc(e.Names, func(x, y Name) int {
		return boolCmp(y.Quality == NamePrimary, x.Quality == NamePrimary)
	})
	raw.flush(&e)
	return e, profiles, nil
}

// kind resolves a PartySubTypeID through PartySubType and PartyType.
func (a *ofacAdv) kind(subID string) (Kind, error) {
	sub := a.ref("PartySubType", subID)
	if sub == nil {
		return "", fmt.Errorf("PartySubTypeID %q is not in the reference values", truncate(subID, 20))
	}
	switch strings.ToLower(clean(sub.text)) {
	case "vessel":
		return KindVessel, nil
	case "aircraft":
		return KindAircraft, nil
	}
	switch t := strings.ToLower(a.refText("PartyType", sub.attr("PartyTypeID"))); t {
	case "individual":
		return KindPerson, nil
	case "entity":
		return KindOrganisation, nil
	case "vessel":
		return KindVessel, nil
	case "aircraft":
		return KindAircraft, nil
	case "":
		return "", fmt.Errorf("PartyTypeID %q is not in the reference values", truncate(sub.attr("PartyTypeID"), 20))
	default:
		return "", fmt.Errorf("party type %q not known", truncate(t, 40))
	}
}

// identity adds the names of one Identity: every DocumentedName of every
// Alias, with its parts, quality and script.
func (a *ofacAdv) identity(e *Entry, id *xnode) {
	partType := map[string]string{} // NamePartGroup ID -> "Last Name"
	if g := id.child("NamePartGroups"); g != nil {
		for _, m := range g.kids {
			for _, p := range m.kids {
				if p.name == "NamePartGroup" {
					partType[p.attr("ID")] = a.refText("NamePartType", p.attr("NamePartTypeID"))
				}
			}
		}
	}
	falseID := id.attr("False") == "true"
	for _, al := range id.kids {
		if al.name != "Alias" {
			continue
		}
		q := NameGood
		switch strings.ToUpper(a.refText("AliasType", al.attr("AliasTypeID"))) {
		case "F.K.A.":
			q = NameFormer
		case "NAME":
			q = NamePrimary
		}
		if al.attr("Primary") == "true" {
			q = NamePrimary
		}
		if al.attr("LowQuality") == "true" && q != NamePrimary {
			q = NameLow
		}
		for _, dn := range al.kids {
			if dn.name != "DocumentedName" {
				continue
			}
			var parts, types []string
			script := ""
			for _, dp := range dn.kids {
				if dp.name != "DocumentedNamePart" {
					continue
				}
				v := dp.child("NamePartValue")
				if v == nil {
					continue
				}
				t := clean(v.text)
				if t == "" {
					continue
				}
				parts = append(parts, t)
				types = append(types, partType[v.attr("NamePartGroupID")])
				if s := a.ref("Script", v.attr("ScriptID")); s != nil && script == "" {
					script = s.attr("ScriptCode")
					if script == "" {
						script = clean(s.text)
					}
				}
			}
			if len(parts) == 0 {
				continue
			}
			n := Name{Full: strings.Join(parts, " "), Quality: q}
			if len(parts) > 1 {
				n.Parts = parts
			}
			var notes []string
			if script != "" && !strings.EqualFold(script, "Latn") && !strings.EqualFold(script, "Latin") {
				if q == NamePrimary {
					n.Quality = NameOriginalScript
				}
				notes = append(notes, "script "+script)
			}
			if falseID {
				notes = append(notes, "false identity")
			}
			n.Note = strings.Join(notes, "; ")
			if n.Quality == NamePrimary && slices.ContainsFunc(e.Names, func(x Name) bool { return x.Quality == NamePrimary }) {
				n.Quality = NameGood // one primary name per entry: the first
			}
			e.Names = append(e.Names, n)
		}
	}
	e.Documents = append(e.Documents, a.docs[id.attr("ID")]...)
}

// feature adds one Feature, by the name of its FeatureType.
func (a *ofacAdv) feature(e *Entry, f *xnode, raw *rawAcc) {
	typ := a.refText("FeatureType", f.attr("FeatureTypeID"))
	if typ == "" {
		typ = "FeatureType " + truncate(f.attr("FeatureTypeID"), 20)
	}
	for _, v := range f.kids {
		if v.name != "FeatureVersion" {
			continue
		}
		var details, texts []string
		var places []Place
		var dates []BirthDate
		for _, k := range v.kids {
			switch k.name {
			case "VersionDetail":
				t := clean(k.text)
				if t == "" {
					t = a.refText("DetailReference", k.attr("DetailReferenceID"))
				}
				if t != "" {
					details = append(details, t)
				}
			case "VersionLocation":
				if p, ok := a.locs[k.attr("LocationID")]; ok {
					places = append(places, p)
				}
			case "DatePeriod":
				if d, ok := ofacDatePeriod(k); ok {
					dates = append(dates, d)
				}
			case "Comment":
				if t := clean(k.text); t != "" {
					texts = append(texts, t)
				}
			}
		}
		switch strings.ToLower(typ) {
		case "birthdate":
			e.BirthDates = append(e.BirthDates, dates...)
			continue
		case "place of birth":
			e.BirthPlaces = append(e.BirthPlaces, places...)
			for _, d := range details {
				e.BirthPlaces = append(e.BirthPlaces, Place{Text: d})
			}
			continue
		case "nationality country", "nationality of registration":
			e.Nationalities = append(e.Nationalities, placeCountries(places, details)...)
			continue
		case "citizenship country":
			e.Citizenships = append(e.Citizenships, placeCountries(places, details)...)
			continue
		case "gender":
			for _, d := range details {
				if g := strings.ToLower(d); g == "male" || g == "female" {
					e.Gender = g
				}
			}
			continue
		case "location":
			e.Addresses = append(e.Addresses, places...)
			continue
		case "title":
			e.Titles = append(e.Titles, details...)
			continue
		}
		for _, p := range places {
			texts = append(texts, p.Text)
		}
		for _, d := range dates {
			texts = append(texts, d.Text)
		}
		for _, t := range append(details, texts...) {
			raw.add(typ, t)
		}
	}
}

// placeCountries returns the countries of nationality features, given as
// locations or as texts.
func placeCountries(places []Place, details []string) []Country {
	var out []Country
	for _, p := range places {
		if p.Country.Text != "" || p.Country.Code != "" {
			out = append(out, p.Country)
		} else if p.Text != "" {
			out = append(out, country(p.Text))
		}
	}
	for _, d := range details {
		out = append(out, country(d))
	}
	return out
}

// sanctionsEntry applies one SanctionsEntry to the entry of its profile:
// its programs, listing date and list.
func (a *ofacAdv) sanctionsEntry(n *xnode, line int) {
	i, ok := a.byProf[n.attr("ProfileID")]
	if !ok {
		a.st.note(a.st.errf(line, "SanctionsEntry "+truncate(n.attr("ID"), 20), fmt.Errorf("ProfileID %q names no party read", truncate(n.attr("ProfileID"), 20))))
		return
	}
	e := &a.l.Entries[i]
	p := a.post[i]
	if p == nil {
		p = &ofacAdvPost{programs: map[string]bool{}}
		for _, pr := range e.Programs {
			p.programs[pr] = true
		}
		a.post[i] = p
	}
	if l := a.refText("List", n.attr("ListID")); l != "" {
		p.raw.add("list", l)
	}
	for _, k := range n.kids {
		switch k.name {
		case "EntryEvent":
			if d := k.child("Date"); d != nil {
				if iso, ok := ofacDatePoint(d); ok && (e.ListedOn == "" || iso < e.ListedOn) {
					e.ListedOn = iso
				}
			}
			if lb := a.refText("LegalBasis", k.attr("LegalBasisID")); lb != "" {
				p.raw.add("legal_basis", lb)
			}
		case "SanctionsMeasure":
			t := strings.ToLower(a.refText("SanctionsType", k.attr("SanctionsTypeID")))
			c := k.get("Comment")
			if t == "program" && c != "" {
				if !p.programs[c] && len(p.programs) < 1000 {
					p.programs[c] = true
					e.Programs = append(e.Programs, c)
					if e.ListType == "" {
						e.ListType = c
					}
				}
			} else if t != "" && c != "" {
				p.raw.add("measure", t+": "+c)
			}
		}
	}
}

// ofacDatePoint reads a Year/Month/Day element as an ISO date.
func ofacDatePoint(n *xnode) (string, bool) {
	y, e1 := strconv.Atoi(n.get("Year"))
	m, e2 := strconv.Atoi(n.get("Month"))
	d, e3 := strconv.Atoi(n.get("Day"))
	if e1 != nil || e2 != nil || e3 != nil || y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), true
}

// ofacDatePeriod reads a DatePeriod as a birth-date interval: from the
// start's From to the end's To, with the precision the interval has
// (a day, a month, a year, or between years), or approximate (a year give
// or take one) when a boundary says Approximate.
func ofacDatePeriod(n *xnode) (BirthDate, bool) {
	point := func(b *xnode, which ...string) (string, bool) {
		if b == nil {
			return "", false
		}
		for _, w := range which {
			if p := b.child(w); p != nil {
				if d, ok := ofacDatePoint(p); ok {
					return d, true
				}
			}
		}
		return "", false
	}
	start, end := n.child("Start"), n.child("End")
	from, ok := point(start, "From", "To")
	if !ok {
		if from, ok = point(end, "From", "To"); !ok {
			return BirthDate{}, false
		}
	}
	to, ok := point(end, "To", "From")
	if !ok {
		if to, ok = point(start, "To", "From"); !ok {
			to = from
		}
	}
	if to < from {
		from, to = to, from
	}
	approx := (start != nil && start.attr("Approximate") == "true") || (end != nil && end.attr("Approximate") == "true")
	var d BirthDate
	d.From, d.To = from, to
	fy, _ := strconv.Atoi(from[:4])
	ty, _ := strconv.Atoi(to[:4])
	switch {
	case approx:
		d.From, d.To = fmt.Sprintf("%04d-01-01", max(fy-1, 1000)), fmt.Sprintf("%04d-12-31", min(ty+1, 9999))
		d.Precision = precApprox
		if fy == ty {
			d.Text = "approximately " + from[:4]
		} else {
			d.Text = "approximately between " + from[:4] + " and " + to[:4]
		}
	case from == to:
		d.Precision, d.Text = precDay, from
	case from[:7] == to[:7] && from[8:] == "01" && to[8:] == fmt.Sprintf("%02d", daysIn(fy, mustAtoi(from[5:7]))):
		d.Precision, d.Text = precMonth, from[:7]
	case fy == ty && from[5:] == "01-01" && to[5:] == "12-31":
		d.Precision, d.Text = precYear, from[:4]
	case from[5:] == "01-01" && to[5:] == "12-31":
		d.Precision, d.Text = precBetween, "between "+from[:4]+" and "+to[:4]
	default:
		d.Precision, d.Text = precBetween, "between "+from+" and "+to
	}
	return d, true
}

func mustAtoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
