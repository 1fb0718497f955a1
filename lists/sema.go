package lists

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
)

// readSEMA reads Canada's Consolidated Special Economic Measures Act list
// (XML: a <data-set> of <record>s with Country, Entity or LastName and
// GivenName, Aliases, DateOfBirth, Title, Schedule and Item).
func readSEMA(st *state, r io.Reader) (*List, error) {
	x := newXMLStream(st, r)
	l := &List{Source: "CA-SEMA"}
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
			if depth == 1 {
				if t.Name.Local != "data-set" {
					return nil, st.errf(x.line(), "", fmt.Errorf("%w: root element <%s>, want <data-set>", ErrUnknownFormat, t.Name.Local))
				}
				sawRoot = true
				continue
			}
			line := x.line()
			if depth != 2 || t.Name.Local != "record" {
				if err := x.skipElement(); err != nil {
					return nil, err
				}
				depth--
				continue
			}
			n, err := x.record(t, depth)
			depth--
			if err != nil {
				return nil, err
			}
			e, err := semaEntry(n)
			if err != nil {
				st.skip(line, e.Ref, err)
				continue
			}
			if seen[e.ID] {
				st.skip(line, e.Ref, errors.New("duplicate Country, Schedule and Item"))
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
		return nil, st.errf(x.line(), "", fmt.Errorf("%w: no <data-set> element", ErrUnknownFormat))
	}
	if !closedRoot {
		return nil, st.errf(x.line(), "", fmt.Errorf("truncated: %w", io.ErrUnexpectedEOF))
	}
	return l, nil
}

var (
	semaAcronym = regexp.MustCompile(`\(([A-Z]{2,10})\)`)
	semaParens  = regexp.MustCompile(`^\((.*)\)$`)
)

// semaSlug makes an ID part: lower-case letters and digits, words joined by
// hyphens.
func semaSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// semaRegime names the regime of a record from its bilingual Country field
// ("Russia / Russie", "Justice for Victims of Corrupt Foreign Officials
// Regulations (JVCFOR) / ..."): the English part, or its acronym.
func semaRegime(c string) (text, slug string) {
	c = clean(strings.ReplaceAll(c, "\u00a0", " "))
	en := c
	if i := strings.Index(c, " / "); i >= 0 {
		en = strings.TrimSpace(c[:i])
	}
	if m := semaAcronym.FindStringSubmatch(en); m != nil {
		return c, strings.ToLower(m[1])
	}
	return c, semaSlug(en)
}

// semaEntry turns one record into an entry. Its ID is the regime, the
// schedule and the item number: "CA-SEMA:russia-1-366".
func semaEntry(n *xnode) (Entry, error) {
	get := func(k string) string { return clean(strings.ReplaceAll(n.get(k), "\u00a0", " ")) }
	regime, rslug := semaRegime(n.get("Country"))
	item, sched := get("Item"), get("Schedule")
	ref := rslug
	if s := semaSlug(sched); s != "" {
		ref += "-" + s
	}
	ref += "-" + semaSlug(item)
	e := Entry{Source: "CA-SEMA", Ref: ref}
	if rslug == "" || semaSlug(item) == "" {
		e.Ref = ""
		return e, errors.New("no Country or no Item: the record has no identity")
	}
	if len(ref) > 120 {
		e.Ref = truncate(ref, 64)
		return e, errors.New("Country, Schedule and Item longer than 120 bytes")
	}
	e.ID = "CA-SEMA:" + ref
	if regime != "" {
		e.ListType = regime
		e.Programs = []string{regime}
	}
	var raw rawAcc
	if sched != "" {
		raw.add("schedule", sched)
	}
	aliases := splitSEMAAliases(get("Aliases"))
	if ent := get("Entity"); ent != "" {
		e.Kind = KindOrganisation
		for i, v := range semaBilingual(ent) {
			q := NamePrimary
			if i > 0 {
				q = NameGood
			}
			e.Names = append(e.Names, Name{Full: v, Quality: q})
		}
		for _, a := range aliases {
			for _, v := range semaBilingual(a) {
				e.Names = append(e.Names, Name{Full: v, Quality: NameGood})
			}
		}
	} else {
		e.Kind = KindPerson
		last, given := get("LastName"), get("GivenName")
		full := joinNonEmpty(" ", given, last)
		if full == "" {
			return e, errors.New("no Entity, LastName or GivenName")
		}
		nm := Name{Full: full, Quality: NamePrimary}
		if given != "" && last != "" {
			nm.Parts = []string{given, last}
		}
		e.Names = append(e.Names, nm)
		for _, a := range aliases {
			e.Names = append(e.Names, semaPersonAlias(a, given, last)...)
		}
	}
	if e.Kind == KindOrganisation && len(e.Names) == 0 {
		return e, errors.New("no name")
	}
	if t := get("Title"); t != "" {
		e.Titles = []string{t}
	}
	if v := get("DateOfBirth"); v != "" {
		rs, err := parseDate(v)
		if err != nil {
			raw.add("DateOfBirth", v)
		}
		for _, r := range rs {
			e.BirthDates = append(e.BirthDates, BirthDate{DateRange: r, Text: v})
		}
	}
	for _, k := range n.kids {
		switch k.name {
		case "Country", "Entity", "LastName", "GivenName", "Aliases", "DateOfBirth", "Title", "Schedule", "Item":
		default:
			if t := k.flat(); t != "" {
				raw.add(k.name, t)
			}
		}
	}
	raw.flush(&e)
	return e, nil
}

// splitSEMAAliases splits the comma-separated Aliases field, keeping a
// legal form ("Ltd.", "Inc.") with the name before it.
func splitSEMAAliases(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if m := semaParens.FindStringSubmatch(p); m != nil {
			p = strings.TrimSpace(m[1])
		}
		if p == "" {
			continue
		}
		if len(out) > 0 && isLegalFormOnly(p) {
			out[len(out)-1] += ", " + p
			continue
		}
		out = append(out, p)
	}
	return out
}

func isLegalFormOnly(p string) bool {
	switch strings.ToLower(strings.TrimSuffix(p, ".")) {
	case "ltd", "inc", "llc", "co", "s.a", "sa", "plc", "jsc", "pjsc", "ojsc", "cjsc", "gmbh", "ag", "limited", "corp", "b.v", "n.v":
		return true
	}
	return false
}

// semaBilingual splits an entity name written "English/French" into both,
// when each side is a name of its own (two words or more, or an acronym),
// leaving slashes inside parentheses alone.
func semaBilingual(s string) []string {
	depth, cut := 0, -1
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case '/':
			if depth == 0 {
				if cut >= 0 {
					return []string{s} // more than one slash: keep as written
				}
				cut = i
			}
		}
	}
	if cut < 0 {
		return []string{s}
	}
	a, b := strings.TrimSpace(s[:cut]), strings.TrimSpace(s[cut+1:])
	if a == "" || b == "" {
		return []string{s}
	}
	return []string{a, b}
}

// semaPersonAlias reads one alias of a person. The list writes full names
// ("Igor STRELKOV"), other spellings of the surname ("PASHENKO", written in
// capitals like the surname) and other given names ("Andrei"): a surname
// spelling gets the given name, a given-name spelling gets the surname, and
// the alias as written is kept too (as a low-quality name when it is one
// word).
func semaPersonAlias(a, given, last string) []Name {
	words := strings.Fields(a)
	hasLast := last != "" && strings.Contains(strings.ToLower(a), strings.ToLower(last))
	upper := a == strings.ToUpper(a) && strings.ToLower(a) != a
	upperWord := false // a surname in capitals, as the list writes surnames
	for _, w := range words {
		if len(w) > 1 && w == strings.ToUpper(w) && strings.ToLower(w) != w {
			upperWord = true
		}
	}
	var out []Name
	switch {
	case hasLast, upperWord && !upper && len(words) >= 2:
		out = append(out, Name{Full: a, Quality: NameGood})
	case upper && len(words) <= 2 && given != "":
		out = append(out, Name{Full: given + " " + a, Parts: []string{given, a}, Quality: NameGood, Note: "alias surname with the listed given name"})
	case !upper && last != "" && len(words) <= 3:
		out = append(out, Name{Full: a + " " + last, Parts: []string{a, last}, Quality: NameGood, Note: "alias given name with the listed surname"})
		q := NameGood
		if len(words) == 1 {
			q = NameLow
		}
		out = append(out, Name{Full: a, Quality: q, Note: "alias as written"})
	default:
		out = append(out, Name{Full: a, Quality: NameGood})
	}
	return out
}
