package lists

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// ukColumns are the ConList columns the reader needs.
var ukColumns = []string{"Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title", "DOB",
	"Town of Birth", "Country of Birth", "Nationality", "Passport Details", "NI Number", "Position",
	"Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6", "Post/Zip Code", "Country",
	"Other Information", "Group Type", "Alias Type", "Regime", "Listed On", "Last Updated", "Group ID"}

var (
	ukUNRef       = regexp.MustCompile(`(?i)\bUN\s*REF\b\s*:?\s*(Q[A-Z]{1,2}\.[A-Z0-9.]*\d)`)
	ukOldRef      = regexp.MustCompile(`^Q([IE])\.[A-Z]\.(\d+)\.\d+$`)
	ukNumbered    = regexp.MustCompile(`(?:^|\s)\(?\d{1,2}\)\s*`)
	ukDocNumber   = regexp.MustCompile(`\b[A-Z]{0,3}[0-9][A-Z0-9/-]{3,}\b`)
	ukDocNumberIn = regexp.MustCompile(`(?i)\b(?:no|number|nr)\b[.:]?\s*([A-Z0-9/-]*[0-9][A-Z0-9/-]*)`)
)

// readUK reads the UK HM Treasury consolidated list (ConList CSV), which is
// Windows-1252 unless it starts with a UTF-8 byte order mark or its first
// 64 KiB are valid UTF-8 with multi-byte characters in them.
func readUK(st *state, r io.Reader) (*List, error) {
	file := st.file
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(64 << 10)
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		br.Discard(3)
		r = br
	case looksUTF8(head):
		r = br
	default:
		r = charmap.Windows1252.NewDecoder().Reader(br)
	}
	c := newCSVReader(r, file)
	l := &List{Source: "UK"}
	rec, _, err := c.next()
	if err != nil {
		if err == io.EOF {
			err = &ParseError{File: file, Line: 1, Err: io.ErrUnexpectedEOF}
		}
		return nil, err
	}
	if len(rec) >= 2 && rec[0] == "Last Updated" {
		if d, ok := ukDate(rec[1]); ok {
			l.Version = d
		} else {
			l.Version = rec[1]
		}
	}
	rec, line, err := c.next()
	if err != nil {
		if err == io.EOF {
			err = &ParseError{File: file, Line: 2, Err: errors.New("no header row")}
		}
		return nil, err
	}
	col := make(map[string]int, len(rec))
	for i, h := range rec {
		col[h] = i
	}
	for _, h := range []string{"Name 6", "Group ID", "Group Type"} {
		if _, ok := col[h]; !ok {
			return nil, &ParseError{File: file, Line: line, Err: fmt.Errorf("%w: header has no %q column", ErrUnknownFormat, h)}
		}
	}
	index := make(map[string]int)
	var groups []*ukGroup // per entry: what merging needs, so that it stays linear
	for {
		rec, line, err := c.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if err := st.tick(line); err != nil {
			return nil, err
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		gid := get("Group ID")
		if _, err := strconv.ParseUint(gid, 10, 63); err != nil {
			st.skip(line, "", fmt.Errorf("Group ID %q is not a number", truncate(gid, 20)))
			continue
		}
		i, ok := index[gid]
		if !ok {
			if len(l.Entries) >= maxEntries {
				return nil, &ParseError{File: file, Line: line, Err: fmt.Errorf("%w: more than %d entries", ErrTooLarge, maxEntries)}
			}
			i = len(l.Entries)
			index[gid] = i
			l.Entries = append(l.Entries, Entry{ID: "UK:" + gid, Source: "UK", Ref: gid, ListVersion: l.Version})
			groups = append(groups, &ukGroup{line: line, seen: make(map[string]bool)})
		}
		g := groups[i]
		for _, f := range rec {
			g.size += len(f)
		}
		if g.size > maxRecord {
			return nil, st.errf(line, gid, fmt.Errorf("%w: the rows of one group add up to more than %d bytes", ErrTooLarge, maxRecord))
		}
		ukRow(&l.Entries[i], g, get)
	}
	for i := range l.Entries {
		e := &l.Entries[i]
		g := groups[i]
		if len(g.remarks) > 0 {
			e.Remarks = strings.Join(g.remarks, " | ")
		}
		g.raw.flush(e)
		if len(e.Names) == 0 {
			st.skip(g.line, e.Ref, errors.New("group has no name"))
		} else {
			st.read++
		}
		// The list has a primary name ("Prime Alias") per group; put it first.
		slices.SortStableFunc(e.Names, func(a, b Name) int {
			return boolCmp(b.Quality == NamePrimary, a.Quality == NamePrimary)
		})
	}
	l.Entries = slices.DeleteFunc(l.Entries, func(e Entry) bool { return len(e.Names) == 0 })
	return l, nil
}

// looksUTF8 reports whether b (a prefix of a file, perhaps cut inside a
// character) is UTF-8 with at least one multi-byte character.
func looksUTF8(b []byte) bool {
	multi := false
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			return len(b) < utf8.UTFMax && !utf8.FullRune(b) && multi
		}
		if n > 1 {
			multi = true
		}
		b = b[n:]
	}
	return multi
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// ukGroup is what merging the rows of one group needs: the line of its first
// row, the values already merged, its remarks and raw fields (joined once at
// the end) and the bytes of its rows so far.
type ukGroup struct {
	line    int
	seen    map[string]bool
	remarks []string
	raw     rawAcc
	size    int
}

// first reports whether a value of a field is new to the group.
func (g *ukGroup) first(field, v string) bool {
	k := field + "\x00" + v
	if g.seen[k] {
		return false
	}
	g.seen[k] = true
	return true
}

// ukRow merges one ConList row into the entry of its group.
func ukRow(e *Entry, g *ukGroup, get func(string) string) {
	first := g.first
	switch strings.ToLower(get("Group Type")) {
	case "individual":
		e.Kind = KindPerson
	case "ship":
		e.Kind = KindVessel
	default:
		e.Kind = KindOrganisation
	}
	var parts []string
	for _, f := range []string{"Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6"} {
		if v := clean(get(f)); v != "" {
			parts = append(parts, v)
		}
	}
	if len(parts) > 0 {
		q := NameGood
		switch strings.ToLower(get("Alias Type")) {
		case "prime alias", "primary name":
			q = NamePrimary
		case "fka":
			q = NameFormer
		}
		n := Name{Full: strings.Join(parts, " "), Parts: parts, Quality: q}
		if first("name", string(q)+"\x00"+n.Full) {
			e.Names = append(e.Names, n)
		}
	}
	if v := clean(get("Title")); v != "" && first("title", v) {
		e.Titles = append(e.Titles, v)
	}
	if v := clean(get("Position")); v != "" && first("position", v) {
		e.Designations = append(e.Designations, v)
	}
	if v := get("DOB"); v != "" {
		d := BirthDate{Text: v}
		if r, ok := ukDOB(v); ok {
			d.DateRange = r
			if first("dob", r.From+r.To+string(r.Precision)) {
				e.BirthDates = append(e.BirthDates, d)
			}
		} else {
			if first("rawdob", v) {
				g.raw.add("DOB", v)
			}
		}
	}
	if town, cn := clean(get("Town of Birth")), clean(get("Country of Birth")); town != "" || cn != "" {
		p := Place{City: town, Text: joinNonEmpty(", ", town, cn)}
		if cn != "" {
			p.Country = country(cn)
		}
		if first("pob", p.Text) {
			e.BirthPlaces = append(e.BirthPlaces, p)
		}
	}
	for _, n := range splitNumbered(get("Nationality")) {
		if first("nationality", n) {
			e.Nationalities = append(e.Nationalities, country(n))
		}
	}
	ukDocuments(e, "passport", get("Passport Details"), first)
	ukDocuments(e, "national identification number", get("NI Number"), first)
	var addr []string
	for _, f := range []string{"Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6", "Post/Zip Code", "Country"} {
		if v := clean(get(f)); v != "" {
			addr = append(addr, v)
		}
	}
	if len(addr) > 0 {
		p := Place{Text: strings.Join(addr, ", "), PostalCode: clean(get("Post/Zip Code"))}
		if cn := clean(get("Country")); cn != "" {
			p.Country = country(cn)
		}
		if first("address", p.Text) {
			e.Addresses = append(e.Addresses, p)
		}
	}
	if info := clean(get("Other Information")); info != "" {
		if first("info", info) {
			g.remarks = append(g.remarks, info)
		}
		for _, m := range ukUNRef.FindAllStringSubmatch(info, -1) {
			if x := "UN:" + ukUNRefID(m[1]); first("xref", x) {
				e.CrossRefs = append(e.CrossRefs, x)
			}
		}
	}
	if reg := clean(get("Regime")); reg != "" {
		if e.ListType == "" {
			e.ListType = reg
		}
		if first("regime", reg) {
			e.Programs = append(e.Programs, reg)
		}
	}
	if d, ok := ukDate(get("Listed On")); ok && e.ListedOn == "" {
		e.ListedOn = d
	}
	if v := get("Last Updated"); v != "" {
		if d, ok := ukDate(v); ok {
			v = d
		}
		if first("updated", v) {
			g.raw.add("last_updated", v)
		}
	}
}

// ukUNRefID turns an old-style UN reference (QI.A.4.01, QE.A.146.14) into
// the current one (QDi.004, QDe.146); current ones stay as they are.
func ukUNRefID(ref string) string {
	ref = strings.TrimRight(ref, ".")
	if m := ukOldRef.FindStringSubmatch(ref); m != nil {
		n, _ := strconv.Atoi(m[2])
		return fmt.Sprintf("QD%s.%03d", strings.ToLower(m[1]), n)
	}
	return ref
}

// ukDocuments adds the documents a ConList passport or NI field describes.
func ukDocuments(e *Entry, typ, text string, first func(field, v string) bool) {
	text = clean(text)
	if text == "" {
		return
	}
	for _, t := range splitNumbered(text) {
		d := Document{Type: typ, Note: t}
		if m := ukDocNumberIn.FindStringSubmatch(t); m != nil {
			d.Number = strings.TrimSpace(m[1])
		} else if m := ukDocNumber.FindString(t); m != "" {
			d.Number = m
		}
		if d.Number == t {
			d.Note = ""
		}
		if d.Number != "" {
			d.Normalized = documentNumber(d.Number)
		}
		if first("doc", d.Type+"\x00"+d.Number+"\x00"+d.Note) {
			e.Documents = append(e.Documents, d)
		}
	}
}

// splitNumbered splits "1) Saudi Arabia 2) Qatar" into its items.
func splitNumbered(s string) []string {
	s = clean(s)
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range ukNumbered.Split(s, -1) {
		if p = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(p), ".")); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ukDate reads an exact "dd/mm/yyyy" date into ISO form.
func ukDate(s string) (string, bool) {
	r, ok := ukDOB(s)
	if !ok || r.Precision != precDay {
		return "", false
	}
	return r.From, true
}

// ukDOB reads a ConList date "dd/mm/yyyy", where 00 stands for an unknown
// day or month ("00/00/1980" is the year 1980).
func ukDOB(s string) (r dateRange, ok bool) {
	p := strings.Split(strings.TrimSpace(s), "/")
	if len(p) != 3 || len(p[2]) != 4 {
		return r, false
	}
	d, e1 := strconv.Atoi(p[0])
	m, e2 := strconv.Atoi(p[1])
	y, e3 := strconv.Atoi(p[2])
	if e1 != nil || e2 != nil || e3 != nil || y < 1000 || m < 0 || m > 12 || d < 0 || d > 31 {
		return r, false
	}
	switch {
	case m == 0:
		return dateRange{From: fmt.Sprintf("%04d-01-01", y), To: fmt.Sprintf("%04d-12-31", y), Precision: precYear}, true
	case d == 0:
		return dateRange{From: fmt.Sprintf("%04d-%02d-01", y, m), To: fmt.Sprintf("%04d-%02d-%02d", y, m, daysIn(y, m)), Precision: precMonth}, true
	case d > daysIn(y, m):
		return r, false
	}
	iso := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	return dateRange{From: iso, To: iso, Precision: precDay}, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func joinNonEmpty(sep string, ss ...string) string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}
