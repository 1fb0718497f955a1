package lists

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// ofacSide names the directory where the companion files of sdn.csv stand,
// and collects the digests of those that were read ("alt.csv <hex>").
type ofacSide struct {
	dir     string
	digests []string
}

// csvReader reads records with bounded size and errors naming file and line.
type csvReader struct {
	file string
	line int // the line of the last record read
	g    *guardReader
	r    *csv.Reader
}

func newCSVReader(r io.Reader, file string) *csvReader {
	g := &guardReader{r: r, limit: MaxField + 16<<10}
	cr := csv.NewReader(g)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &csvReader{file: file, g: g, r: cr}
}

// next returns the next record with its fields trimmed and "-0-" made "",
// and the line it starts on. It returns io.EOF at the end; any other error
// is a *ParseError.
func (c *csvReader) next() ([]string, int, error) {
	for {
		c.g.reset()
		rec, err := c.r.Read()
		if err == io.EOF {
			return nil, 0, io.EOF
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				e := pe.Err
				if pe.StartLine != pe.Line {
					e = fmt.Errorf("record starting on this line: %w (found on line %d, column %d)", pe.Err, pe.Line, pe.Column)
				}
				return nil, pe.StartLine, &ParseError{File: c.file, Line: pe.StartLine, Err: e}
			}
			// Not a syntax error (a read error, or a record over the limit):
			// it is in the record after the last good one.
			return nil, c.line + 1, &ParseError{File: c.file, Line: c.line + 1, Err: err}
		}
		line, _ := c.r.FieldPos(0)
		c.line = line
		if len(rec) == 1 && strings.Trim(rec[0], "\x1a \t") == "" {
			continue // blank line or the DOS end-of-file mark OFAC files end with
		}
		for i, f := range rec {
			f = strings.TrimSpace(f)
			if f == "-0-" {
				f = ""
			}
			rec[i] = f
		}
		return rec, line, nil
	}
}

// readOFAC reads an OFAC SDN legacy CSV, and its companions if side is set.
func readOFAC(st *state, r io.Reader, side *ofacSide) (*List, error) {
	file := st.file
	l := &List{Source: "OFAC"}
	c := newCSVReader(r, file)
	index := make(map[string]int)
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
		if len(rec) != 12 {
			st.skip(line, truncate(rec[0], 20), fmt.Errorf("%d fields, want 12", len(rec)))
			continue
		}
		if !validUTF8(strings.Join(rec, "")) {
			st.skip(line, truncate(rec[0], 20), errors.New("invalid UTF-8"))
			continue
		}
		e, err := ofacEntry(rec)
		if err != nil {
			st.skip(line, truncate(rec[0], 20), err)
			continue
		}
		if _, dup := index[e.Ref]; dup {
			st.skip(line, e.Ref, errors.New("duplicate ent_num"))
			continue
		}
		if len(l.Entries) >= maxEntries {
			return nil, &ParseError{File: file, Line: line, Err: fmt.Errorf("%w: more than %d entries", ErrTooLarge, maxEntries)}
		}
		index[e.Ref] = len(l.Entries)
		st.read++
		l.Entries = append(l.Entries, e)
	}
	if side != nil {
		acc := &ofacAcc{comments: make(map[int][]string), size: make(map[int]int)}
		for _, s := range []struct {
			name   string
			fields int
			apply  func(acc *ofacAcc, i int, e *Entry, rec []string) error
		}{
			{"sdn_comments.csv", 2, ofacComment},
			{"alt.csv", 5, ofacAlt},
			{"add.csv", 6, ofacAddress},
		} {
			if err := readOFACSide(st, l, side, filepath.Join(side.dir, s.name), s.fields, index, acc, s.apply); err != nil {
				return nil, err
			}
		}
		for i, cs := range acc.comments {
			l.Entries[i].Remarks += strings.Join(cs, "")
		}
	}
	for i := range l.Entries {
		ofacRemarks(&l.Entries[i])
	}
	return l, nil
}

// ofacAcc collects what the companion files add, per entry index: the
// continued remarks (joined once at the end) and the bytes added so far,
// bounded by MaxRecord per entry.
type ofacAcc struct {
	comments map[int][]string
	size     map[int]int
}

// readOFACSide reads one companion file, if it exists, into the entries,
// and records its digest in side.
func readOFACSide(st *state, l *List, side *ofacSide, path string, fields int, index map[string]int, acc *ofacAcc, apply func(*ofacAcc, int, *Entry, []string) error) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return openError(path, err)
	}
	defer f.Close()
	h := sha256.New()
	c := newCSVReader(io.TeeReader(f, h), path)
	sst := &state{ctx: st.ctx, file: path}
	defer func() { side.digests = append(side.digests, filepath.Base(path)+" "+hex.EncodeToString(h.Sum(nil))) }()
	for {
		rec, line, err := c.next()
		if err == io.EOF {
			st.skipped = append(st.skipped, sst.skipped...)
			st.more += sst.more
			return nil
		}
		if err != nil {
			return err
		}
		if err := sst.tick(line); err != nil {
			return err
		}
		if len(rec) != fields {
			sst.note(sst.errf(line, truncate(rec[0], 20), fmt.Errorf("%d fields, want %d", len(rec), fields)))
			continue
		}
		i, ok := index[rec[0]]
		if !ok {
			sst.note(sst.errf(line, truncate(rec[0], 20), errors.New("no such ent_num in sdn.csv")))
			continue
		}
		n := 0
		for _, f := range rec {
			n += len(f)
		}
		if acc.size[i]+n > maxRecord {
			return sst.errf(line, rec[0], fmt.Errorf("%w: companion records of one entry longer than %d bytes", ErrTooLarge, maxRecord))
		}
		acc.size[i] += n
		if err := apply(acc, i, &l.Entries[i], rec); err != nil {
			sst.note(sst.errf(line, rec[0], err))
		}
	}
}

// ofacEntry reads one sdn.csv record:
// ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,Vess_owner,Remarks.
func ofacEntry(rec []string) (Entry, error) {
	if _, err := strconv.ParseUint(rec[0], 10, 63); err != nil {
		return Entry{}, fmt.Errorf("ent_num %q is not a number", truncate(rec[0], 20))
	}
	if rec[1] == "" {
		return Entry{}, errors.New("no SDN_Name")
	}
	e := Entry{Source: "OFAC", Ref: rec[0], ID: "OFAC:" + rec[0], Remarks: rec[11]}
	switch strings.ToLower(rec[2]) {
	case "individual":
		e.Kind = KindPerson
	case "vessel":
		e.Kind = KindVessel
	case "aircraft":
		e.Kind = KindAircraft
	default:
		e.Kind = KindOrganisation
	}
	e.Names = []Name{ofacName(rec[1], NamePrimary, e.Kind)}
	for _, p := range strings.Split(strings.Trim(rec[3], "[] "), "] [") {
		if p = strings.TrimSpace(p); p != "" {
			e.Programs = append(e.Programs, p)
		}
	}
	if len(e.Programs) > 0 {
		e.ListType = e.Programs[0]
	}
	if rec[4] != "" {
		e.Titles = []string{rec[4]}
	}
	var raw rawAcc
	for i, k := range []string{"call_sign", "vessel_type", "tonnage", "grt", "vessel_flag", "vessel_owner"} {
		if v := rec[5+i]; v != "" {
			raw.add(k, v)
		}
	}
	raw.flush(&e)
	return e, nil
}

// ofacName reads "LAST, First" for a person into parts.
func ofacName(full string, q NameQuality, k Kind) Name {
	n := Name{Full: full, Quality: q}
	if k == KindPerson {
		if last, first, ok := strings.Cut(full, ","); ok {
			n.Parts = []string{strings.TrimSpace(last), strings.TrimSpace(first)}
		}
	}
	return n
}

// ofacComment applies one sdn_comments.csv record: ent_num,remarks
// continued (sdn.csv cuts long Remarks fields).
func ofacComment(acc *ofacAcc, i int, _ *Entry, rec []string) error {
	acc.comments[i] = append(acc.comments[i], rec[1])
	return nil
}

// ofacAlt applies one alt.csv record: ent_num,alt_num,alt_type,alt_name,alt_remarks.
func ofacAlt(_ *ofacAcc, _ int, e *Entry, rec []string) error {
	if rec[3] == "" {
		return nil
	}
	q := NameGood
	if t := strings.ToLower(strings.Trim(rec[2], ". ")); t == "fka" || t == "f.k.a" {
		q = NameFormer
	}
	n := ofacName(rec[3], q, e.Kind)
	n.Note = rec[4]
	if strings.Contains(strings.ToLower(rec[4]), "weak") {
		n.Quality = NameLow
	}
	e.Names = append(e.Names, n)
	return nil
}

// ofacAddress applies one add.csv record: ent_num,add_num,address,city_state_postal,country,add_remarks.
func ofacAddress(_ *ofacAcc, _ int, e *Entry, rec []string) error {
	p := Place{Street: rec[2], City: rec[3], Note: rec[5]}
	if rec[4] != "" {
		p.Country = country(rec[4])
	}
	var parts []string
	for _, s := range []string{rec[2], rec[3], rec[4]} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	p.Text = strings.Join(parts, ", ")
	if p.Text != "" || p.Note != "" {
		e.Addresses = append(e.Addresses, p)
	}
	return nil
}

// ofacDocTypes are the identity documents OFAC names in Remarks, as
// "Passport 92/664 (Egypt)". Longer names come before their prefixes.
var ofacDocTypes = []string{
	"Passport",
	"National ID No.",
	"Cedula No.",
	"Identification Number",
	"D.N.I.",
	"C.U.R.P.",
	"R.F.C.",
	"SSN",
	"Tax ID No.",
	"NIT #",
	"Driver's License No.",
	"Personal ID Card",
	"Residency Number",
	"Birth Certificate Number",
	"Kenyan ID No.",
	"Registration ID",
	"Registration Number",
	"Business Registration Number",
	"Public Security and Immigration No.",
	"Travel Document Number",
	"Refugee ID Card",
	"Stateless Person Passport",
	"Diplomatic Passport",
	"Matricula Mercantil No",
	"Folio Mercantil No.",
	"Electoral Registry No.",
	"Citizen's Card Number",
	"Fiscal Code",
	"Immigration No.",
	"Military Registration Number",
	"Social Security Number",
	"Identity Number",
	"British National Overseas Passport",
	"C.I.F.",
	"N.I.E.",
	"V.A.T. Number",
	"RUC #",
	"Romanian C.R.",
	"Italian Fiscal Code",
	"Chinese Commercial Code",
	"Trade License No.",
	"Commercial Registry Number",
	"Company Number",
	"License",
	"Vessel Registration Identification",
	"MMSI",
}

var (
	ofacCountryRE = regexp.MustCompile(`\(([^()]+)\)\s*(.*)$`)
	ofacAKA       = regexp.MustCompile(`^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.)\s+'(.+)'\.?$`)
)

// ofacRemarks reads the facts OFAC writes into the Remarks field:
// "DOB 09 Feb 1951; POB Gaza, Egypt; Passport 92/664 (Egypt); a.k.a. 'ABU-'UMAR'."
// The whole Remarks text is kept as well.
func ofacRemarks(e *Entry) {
	rem := strings.TrimSuffix(strings.TrimSpace(e.Remarks), ".")
	if rem == "" {
		return
	}
	var raw rawAcc
	defer raw.flush(e)
	for _, seg := range strings.Split(rem, "; ") {
		seg = strings.TrimSpace(seg)
		seg = strings.TrimPrefix(seg, "alt. ")
		switch {
		case strings.HasPrefix(seg, "DOB "):
			v := strings.TrimSpace(seg[4:])
			rs, err := parseDate(v)
			if err != nil {
				raw.add("dob", v)
				continue
			}
			for _, r := range rs {
				e.BirthDates = append(e.BirthDates, BirthDate{DateRange: r, Text: v})
			}
		case strings.HasPrefix(seg, "POB "):
			v := strings.TrimSpace(seg[4:])
			p := Place{Text: v}
			if i := strings.LastIndex(v, ","); i >= 0 {
				if c := country(strings.TrimSpace(v[i+1:])); c.Code != "" {
					p.Country = c
				}
			} else if c := country(v); c.Code != "" {
				p.Country = c
			}
			e.BirthPlaces = append(e.BirthPlaces, p)
		case strings.HasPrefix(seg, "nationality "):
			e.Nationalities = append(e.Nationalities, country(strings.TrimSpace(seg[len("nationality "):])))
		case strings.HasPrefix(seg, "citizen "):
			e.Citizenships = append(e.Citizenships, country(strings.TrimSpace(seg[len("citizen "):])))
		case strings.HasPrefix(seg, "Gender "):
			if g := strings.ToLower(strings.TrimSpace(seg[len("Gender "):])); g == "male" || g == "female" {
				e.Gender = g
			}
		default:
			if m := ofacAKA.FindStringSubmatch(seg); m != nil {
				q := NameGood
				if m[1] == "f.k.a." {
					q = NameFormer
				}
				n := ofacName(m[2], q, e.Kind)
				n.Note = "remarks"
				e.Names = append(e.Names, n)
				continue
			}
			if m := ofacDocument(seg); m != nil {
				d := Document{Type: strings.ToLower(strings.TrimSuffix(m[1], ".")), Number: m[2]}
				if c := ofacCountryRE.FindStringSubmatchIndex(m[2]); c != nil {
					d.Number = strings.TrimSpace(m[2][:c[0]])
					d.Country = country(m[2][c[2]:c[3]])
					if rest := strings.TrimSpace(m[2][c[4]:c[5]]); rest != "" {
						d.Note = rest
					}
				}
				if d.Number != "" {
					d.Normalized = documentNumber(d.Number)
				}
				e.Documents = append(e.Documents, d)
			}
		}
	}
}

// ofacDocument splits "Passport 92/664 (Egypt)" into the whole, the type and
// the rest, or returns nil if seg names no known document.
func ofacDocument(seg string) []string {
	for _, t := range ofacDocTypes {
		if len(seg) > len(t)+1 && seg[len(t)] == ' ' && strings.HasPrefix(seg, t) {
			if rest := strings.TrimSpace(seg[len(t)+1:]); rest != "" {
				return []string{seg, t, rest}
			}
		}
	}
	return nil
}
