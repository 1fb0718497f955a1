package lists

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/raqib/raqib/normalize"
)

// ftmEntity is one FollowTheMoney entity as OpenSanctions and yente write
// it: every property value is a list of strings.
type ftmEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Caption    string              `json:"caption"`
	Properties map[string][]string `json:"properties"`
	Datasets   []string            `json:"datasets"`
	Referents  []string            `json:"referents"`
	FirstSeen  string              `json:"first_seen"`
	LastSeen   string              `json:"last_seen"`
	LastChange string              `json:"last_change"`
	Target     *bool               `json:"target"`
}

// ftmKinds are the FtM schemata read as entries, with their kind.
// LegalEntity (a person or an organisation the source does not say) is a
// person when it has a person's properties, else an organisation.
var ftmKinds = map[string]Kind{
	"Person":       KindPerson,
	"Organization": KindOrganisation,
	"Company":      KindOrganisation,
	"PublicBody":   KindOrganisation,
	"LegalEntity":  KindOrganisation,
	"Vessel":       KindVessel,
	"Airplane":     KindAircraft,
}

// ftmScreened names the schemata read, for skip messages.
const ftmScreened = "Person, Organization, Company, PublicBody, LegalEntity, Vessel, Airplane"

// ftmDocuments maps identifier properties to document types.
var ftmDocuments = []struct{ prop, typ string }{
	{"passportNumber", "passport"},
	{"idNumber", "identification number"},
	{"socialSecurityNumber", "social security number"},
	{"taxNumber", "tax number"},
	{"vatCode", "vat number"},
	{"innCode", "inn"},
	{"ogrnCode", "ogrn"},
	{"registrationNumber", "registration number"},
	{"leiCode", "lei"},
	{"swiftBic", "swift/bic"},
	{"imoNumber", "imo number"},
	{"mmsi", "mmsi"},
}

// ftmNameParts are the name-part properties, in the order a name is built
// from them when an entity has parts but no name.
var ftmNameParts = []string{"firstName", "secondName", "middleName", "fatherName", "lastName", "nameSuffix"}

// ftmUsed lists the properties read into fields; every other property goes
// to Entry.Raw under its own name.
var ftmUsed = func() map[string]bool {
	m := map[string]bool{
		"name": true, "alias": true, "weakAlias": true, "previousName": true, "abbreviation": true,
		"motherName": true, "title": true, "position": true, "birthDate": true, "birthPlace": true,
		"birthCountry": true, "nationality": true, "citizenship": true, "gender": true, "notes": true,
		"summary": true, "description": true, "address": true, "topics": true,
	}
	for _, p := range ftmNameParts {
		m[p] = true
	}
	for _, d := range ftmDocuments {
		m[d.prop] = true
	}
	return m
}()

// ftmTopicRank orders the FtM topics: the first one an entity has is its
// ListType.
var ftmTopicRank = []string{
	"sanction", "crime.terror", "crime.war", "wanted", "sanction.linked", "sanction.counter",
	"export.control", "debarment", "crime.traffick", "crime.fin", "crime.fraud", "crime.cyber",
	"crime", "role.pep", "role.rca", "role.oligarch", "poi", "corp.disqual", "reg.action", "reg.warn",
}

var (
	ftmDateRE   = regexp.MustCompile(`^(\d{4})(-\d{2}(-\d{2})?)?(T.*)?$`)
	ftmOFACRef  = regexp.MustCompile(`^ofac-(\d+)$`)
	ftmDeltaVer = regexp.MustCompile(`^delta-(.+)\.json$`)
)

// ftmSource is the Source of a list of FtM entities: the one dataset that
// every entity of the file names, or "FTM" when there is none or several.
type ftmSource struct {
	started bool
	common  map[string]bool
}

func (s *ftmSource) add(datasets []string) {
	if !s.started {
		s.started = true
		s.common = make(map[string]bool, len(datasets))
		for _, d := range datasets {
			s.common[d] = true
		}
		return
	}
	if len(s.common) == 0 {
		return
	}
	in := make(map[string]bool, len(datasets))
	for _, d := range datasets {
		in[d] = true
	}
	for d := range s.common {
		if !in[d] {
			delete(s.common, d)
		}
	}
}

func (s *ftmSource) name() string {
	if len(s.common) == 1 {
		for d := range s.common {
			if d != "" && len(d) <= 64 && !strings.ContainsAny(d, ": \t") {
				return d
			}
		}
	}
	return "FTM"
}

// ftmSchemaSkips counts the entities of schemata that are not read, one
// summary skip per schema, naming the first.
type ftmSchemaSkips struct {
	order []string
	by    map[string]*ftmSchemaSkip
}

type ftmSchemaSkip struct {
	n    int
	line int
	id   string
}

func (s *ftmSchemaSkips) add(schema string, line int, id string) {
	if s.by == nil {
		s.by = make(map[string]*ftmSchemaSkip)
	}
	schema = truncate(schema, 40)
	k, ok := s.by[schema]
	if !ok {
		if len(s.by) >= 1000 {
			schema = "(other)"
			if k, ok = s.by[schema]; ok {
				k.n++
				return
			}
		}
		k = &ftmSchemaSkip{line: line, id: truncate(id, 64)}
		s.by[schema] = k
		s.order = append(s.order, schema)
	}
	k.n++
}

func (s *ftmSchemaSkips) report(st *state) {
	for _, schema := range s.order {
		k := s.by[schema]
		st.note(st.errf(k.line, k.id, fmt.Errorf("%s of schema %s not read (Raqib screens %s); this is the first", plural(k.n, "entity", "entities"), schema, ftmScreened)))
	}
}

// jsonLines scans a JSON Lines file with lines of at most limit bytes.
type jsonLines struct {
	st    *state
	sc    *bufio.Scanner
	line  int
	limit int
}

func newJSONLines(st *state, r io.Reader, limit int) *jsonLines {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), limit)
	return &jsonLines{st: st, sc: sc, limit: limit}
}

// next returns the next non-blank line (trimmed), or io.EOF.
func (j *jsonLines) next() ([]byte, error) {
	for j.sc.Scan() {
		j.line++
		if err := j.st.tick(j.line); err != nil {
			return nil, err
		}
		if b := bytes.TrimSpace(j.sc.Bytes()); len(b) > 0 {
			return b, nil
		}
	}
	if err := j.sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("%w: line longer than %d bytes", ErrTooLarge, j.limit)
		}
		return nil, j.st.errf(j.line+1, "", err)
	}
	return nil, io.EOF
}

// readFtM reads FtM entities, one JSON object a line.
func readFtM(st *state, r io.Reader) (*List, error) {
	jl := newJSONLines(st, r, maxRecord)
	l := &List{}
	var src ftmSource
	var schemas ftmSchemaSkips
	seen := make(map[string]bool)
	for {
		b, err := jl.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		e, schema, err := decodeFtM(b)
		switch {
		case err != nil:
			st.skip(jl.line, e.Ref, err)
			continue
		case schema != "":
			schemas.add(schema, jl.line, e.Ref)
			continue
		case seen[e.Ref]:
			st.skip(jl.line, e.Ref, errors.New("duplicate id"))
			continue
		}
		if len(l.Entries) >= maxEntries {
			return nil, st.errf(jl.line, e.Ref, fmt.Errorf("%w: more than %d entries", ErrTooLarge, maxEntries))
		}
		seen[e.Ref] = true
		src.add(e.Programs)
		st.read++
		l.Entries = append(l.Entries, e)
	}
	schemas.report(st)
	l.Source = src.name()
	for i := range l.Entries {
		e := &l.Entries[i]
		e.Source, e.ID = l.Source, l.Source+":"+e.Ref
	}
	return l, nil
}

// decodeFtM reads one line into an entry (without Source and ID, which
// depend on the whole file). For an entity of a schema that is not read it
// returns the schema's name and no error.
func decodeFtM(b []byte) (Entry, string, error) {
	if !utf8.Valid(b) {
		return Entry{}, "", errors.New("invalid UTF-8 (FtM is UTF-8)")
	}
	var fe ftmEntity
	if err := json.Unmarshal(b, &fe); err != nil {
		return Entry{}, "", fmt.Errorf("not an FtM entity: %w", err)
	}
	return ftmEntry(&fe)
}

// ftmEntry maps one FtM entity to an entry; see docs/formats.md.
func ftmEntry(fe *ftmEntity) (Entry, string, error) {
	e := Entry{Ref: fe.ID}
	if err := checkRef(fe.ID); err != nil {
		e.Ref = ""
		return e, "", err
	}
	kind, ok := ftmKinds[fe.Schema]
	if !ok {
		if fe.Schema == "" {
			return e, "", errors.New(`no "schema"`)
		}
		return e, fe.Schema, nil
	}
	p := fe.Properties
	if fe.Schema == "LegalEntity" && (len(p["birthDate"]) > 0 || len(p["gender"]) > 0 || len(p["firstName"]) > 0 || len(p["lastName"]) > 0 || len(p["nationality"]) > 0) {
		kind = KindPerson
	}
	e.Kind = kind
	e.Programs = slices.Clone(fe.Datasets)
	var raw rawAcc

	// Names: the caption (or the first name) is primary, the others good.
	names := p["name"]
	primary := -1
	for i, n := range names {
		if clean(n) == clean(fe.Caption) {
			primary = i
			break
		}
	}
	if primary < 0 && len(names) > 0 {
		primary = 0
	}
	parts := ftmParts(p)
	seenName := map[string]bool{}
	addName := func(full string, q NameQuality, note string) {
		full = clean(full)
		if full == "" || seenName[string(q)+"\x00"+full] {
			return
		}
		seenName[string(q)+"\x00"+full] = true
		n := Name{Full: full, Quality: q, Note: note}
		if kind == KindPerson {
			n.Parts = partsOf(full, parts)
		}
		e.Names = append(e.Names, n)
	}
	if primary >= 0 {
		addName(names[primary], NamePrimary, "")
	}
	for i, n := range names {
		if i != primary {
			addName(n, NameGood, "")
		}
	}
	if len(e.Names) == 0 {
		if full := composeName(p); full != "" {
			addName(full, NamePrimary, "from name parts")
		} else if fe.Caption != "" {
			addName(fe.Caption, NamePrimary, "caption")
		}
	}
	for _, n := range p["alias"] {
		addName(n, NameGood, "")
	}
	for _, n := range p["abbreviation"] {
		addName(n, NameGood, "abbreviation")
	}
	for _, n := range p["previousName"] {
		addName(n, NameFormer, "")
	}
	for _, n := range p["weakAlias"] {
		addName(n, NameLow, "weak alias")
	}
	if len(e.Names) == 0 {
		return e, "", errors.New("no name")
	}
	for _, m := range p["motherName"] {
		raw.add("motherName", m)
	}

	e.Titles = cleanAll(p["title"])
	e.Designations = cleanAll(p["position"])
	for _, v := range p["birthDate"] {
		if d, ok := ftmDate(v); ok {
			e.BirthDates = append(e.BirthDates, d)
		} else {
			raw.add("birthDate", v)
		}
	}
	for _, v := range p["birthPlace"] {
		if v = clean(v); v != "" {
			e.BirthPlaces = append(e.BirthPlaces, Place{Text: v})
		}
	}
	for _, v := range p["birthCountry"] {
		c := ftmCountry(v)
		if len(e.BirthPlaces) == 1 && e.BirthPlaces[0].Country.Text == "" {
			e.BirthPlaces[0].Country = c
		} else {
			e.BirthPlaces = append(e.BirthPlaces, Place{Text: c.Text, Country: c})
		}
	}
	for _, v := range p["nationality"] {
		e.Nationalities = append(e.Nationalities, ftmCountry(v))
	}
	for _, v := range p["citizenship"] {
		e.Citizenships = append(e.Citizenships, ftmCountry(v))
	}
	// An organisation's country, jurisdiction and main country, and a
	// vessel's flag, are what the matcher compares with a query's
	// nationality; a person's "country" (any country the person is tied to)
	// is not a nationality and stays in Raw.
	if kind != KindPerson {
		for _, prop := range []string{"country", "jurisdiction", "mainCountry", "flag"} {
			for _, v := range p[prop] {
				if c := ftmCountry(v); !slices.Contains(e.Nationalities, c) {
					e.Nationalities = append(e.Nationalities, c)
				}
			}
		}
	}
	for _, v := range p["gender"] {
		if g, ok := normalize.ParseGender(v); ok && g != "" {
			e.Gender = g
		} else if strings.TrimSpace(v) != "" {
			raw.add("gender", v)
		}
	}
	for _, d := range ftmDocuments {
		for _, v := range p[d.prop] {
			if v = clean(v); v != "" {
				e.Documents = append(e.Documents, Document{Type: d.typ, Number: v, Normalized: documentNumber(v)})
			}
		}
	}
	for _, v := range p["address"] {
		if v = clean(v); v != "" {
			e.Addresses = append(e.Addresses, Place{Text: v})
		}
	}
	var remarks []string
	for _, prop := range []string{"notes", "summary", "description"} {
		for _, v := range p[prop] {
			if v = strings.TrimSpace(v); v != "" {
				remarks = append(remarks, v)
			}
		}
	}
	e.Remarks = strings.Join(remarks, " | ")
	topics := p["topics"]
	for _, t := range ftmTopicRank {
		if slices.Contains(topics, t) {
			e.ListType = t
			break
		}
	}
	if e.ListType == "" && len(topics) > 0 {
		e.ListType = topics[0]
	}
	if len(topics) > 0 {
		raw.add("topics", strings.Join(topics, ", "))
	}
	for _, ref := range fe.Referents {
		if m := ftmOFACRef.FindStringSubmatch(ref); m != nil {
			e.CrossRefs = append(e.CrossRefs, "OFAC:"+m[1])
		}
	}
	if len(fe.Referents) > 0 {
		raw.add("referents", strings.Join(fe.Referents, ", "))
	}
	if len(fe.Datasets) > 0 {
		raw.add("datasets", strings.Join(fe.Datasets, ", "))
	}
	keys := make([]string, 0, len(p))
	for k := range p {
		if !ftmUsed[k] && (kind == KindPerson || (k != "country" && k != "jurisdiction" && k != "mainCountry" && k != "flag")) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range p[k] {
			if v = strings.TrimSpace(v); v != "" {
				raw.add(k, v)
			}
		}
	}
	if fe.FirstSeen != "" {
		raw.add("first_seen", fe.FirstSeen)
	}
	if fe.LastChange != "" {
		raw.add("last_change", fe.LastChange)
	}
	if fe.Target != nil && !*fe.Target {
		raw.add("target", "false")
	}
	raw.flush(&e)
	return e, "", nil
}

// checkRef checks a list's own reference of an entry.
func checkRef(id string) error {
	switch {
	case id == "":
		return errors.New(`no "id"`)
	case len(id) > 200:
		return fmt.Errorf("id of %d bytes (at most 200)", len(id))
	case !utf8.ValidString(id) || strings.ContainsAny(id, "\x00\r\n\t"):
		return fmt.Errorf("bad id %q", truncate(id, 64))
	}
	return nil
}

func cleanAll(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = clean(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// ftmParts returns the entity's name parts, in ftmNameParts order.
func ftmParts(p map[string][]string) []string {
	var out []string
	for _, k := range ftmNameParts {
		for _, v := range p[k] {
			if v = clean(v); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

// partsOf returns the parts that occur in full as whole words, in the order
// they occur there, when there are at least two (FtM keeps parts apart from
// names, often in several scripts: only those of this form belong to it).
func partsOf(full string, parts []string) []string {
	if len(parts) < 2 {
		return nil
	}
	lower := " " + strings.ToLower(full) + " "
	type at struct {
		i int
		p string
	}
	var found []at
	used := map[string]bool{}
	for _, p := range parts {
		lp := strings.ToLower(p)
		if used[lp] {
			continue
		}
		if i := strings.Index(lower, " "+lp+" "); i >= 0 {
			used[lp] = true
			found = append(found, at{i, p})
		}
	}
	if len(found) < 2 {
		return nil
	}
	// Longest first at each position; parts that overlap one taken are
	// left out ("Maria" inside "Maria Aleksandrovna").
	sort.SliceStable(found, func(a, b int) bool {
		if found[a].i != found[b].i {
			return found[a].i < found[b].i
		}
		return len(found[a].p) > len(found[b].p)
	})
	var out []string
	end := 0
	for _, f := range found {
		if f.i < end {
			continue
		}
		out = append(out, f.p)
		end = f.i + len(f.p) + 1
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// composeName builds a name from the first value of each part, for an
// entity that has parts but no name.
func composeName(p map[string][]string) string {
	var out []string
	for _, k := range ftmNameParts {
		if vs := p[k]; len(vs) > 0 {
			if v := clean(vs[0]); v != "" {
				out = append(out, v)
			}
		}
	}
	return strings.Join(out, " ")
}

// ftmDate reads an FtM date: an ISO 8601 prefix, "1970", "1970-05",
// "1970-05-02", perhaps with a time after it.
func ftmDate(v string) (BirthDate, bool) {
	v = strings.TrimSpace(v)
	m := ftmDateRE.FindStringSubmatch(v)
	if m == nil {
		return BirthDate{}, false
	}
	d := strings.TrimSuffix(v, m[4])
	rs, err := parseDate(d)
	if err != nil || len(rs) != 1 {
		return BirthDate{}, false
	}
	return BirthDate{DateRange: rs[0], Text: v}, true
}

// ftmCountry reads an FtM country code ("ru", "gb", or a historical one
// such as "suhh", kept as text).
func ftmCountry(v string) Country {
	v = clean(v)
	c := Country{Text: v}
	if len(v) == 2 {
		if code, ok := countryCode(strings.ToUpper(v)); ok {
			c.Code = code
		}
	}
	return c
}

// ftmOp is one line of an FtM delta file.
type ftmOp struct {
	Op     string    `json:"op"`
	Entity ftmEntity `json:"entity"`
}

// LoadFtMDelta applies the FtM delta file at path (ADD, MOD and DEL
// operations, one a line, as OpenSanctions publishes them) to base, the
// list it follows, and returns the next version of the list and the Delta
// between the two: the same Delta that Diff(base, next) gives, computed from
// the operations alone. Base is not modified; a nil base is an empty list.
// See ApplyFtMDelta.
func LoadFtMDelta(ctx context.Context, base *List, path string) (*List, Delta, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, Delta{}, openError(path, err)
	}
	defer f.Close()
	return ApplyFtMDelta(ctx, base, f, path)
}

// ApplyFtMDelta is LoadFtMDelta on a reader; name is the file name used in
// errors and for the version. ADD and MOD replace an entity or add it, DEL
// removes it. The next list keeps base's Source (so that entry IDs stay
// those of base); its Version is the one in a file name of the form
// "delta-VERSION.json", else derived from its Digest, which is the SHA-256
// of base's digest and the delta file's, one a line (a hash chain that
// names the base file and every delta applied). Every entry carries the new
// version. A bad line is a named skip; operations on entities of schemata
// that are not read, and DELs of entities the list does not hold, are
// counted in one skip each.
func ApplyFtMDelta(ctx context.Context, base *List, r io.Reader, name string) (*List, Delta, error) {
	st := newState(ctx, name)
	if base == nil {
		base = &List{}
	}
	h := sha256.New()
	jl := newJSONLines(st, io.TeeReader(r, h), maxRecord)
	work := slices.Clone(base.Entries)
	idx := make(map[string]int, len(work))
	for i := range work {
		if _, dup := idx[work[i].Ref]; !dup {
			idx[work[i].Ref] = i
		}
	}
	deleted := map[int]bool{}
	touched := map[string]bool{}
	var schemas ftmSchemaSkips
	var src ftmSource
	delMissing, delFirst, delFirstLine := 0, "", 0
	for {
		b, err := jl.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, Delta{}, err
		}
		if !utf8.Valid(b) {
			st.skip(jl.line, "", errors.New("invalid UTF-8 (FtM is UTF-8)"))
			continue
		}
		var op ftmOp
		if err := json.Unmarshal(b, &op); err != nil {
			st.skip(jl.line, "", fmt.Errorf("not an FtM delta operation: %w", err))
			continue
		}
		ref := op.Entity.ID
		if err := checkRef(ref); err != nil {
			st.skip(jl.line, "", err)
			continue
		}
		switch strings.ToUpper(op.Op) {
		case "ADD", "MOD":
			e, schema, err := ftmEntry(&op.Entity)
			if err != nil {
				st.skip(jl.line, ref, err)
				continue
			}
			i, ok := idx[ref]
			if schema != "" {
				schemas.add(schema, jl.line, ref)
				if ok && !deleted[i] { // now of a schema that is not read: gone from the list
					deleted[i] = true
					touched[ref] = true
				}
				continue
			}
			src.add(e.Programs)
			st.read++
			touched[ref] = true
			if ok {
				work[i] = e
				delete(deleted, i)
				continue
			}
			if len(work) >= maxEntries {
				return nil, Delta{}, st.errf(jl.line, ref, fmt.Errorf("%w: more than %d entries", ErrTooLarge, maxEntries))
			}
			idx[ref] = len(work)
			work = append(work, e)
		case "DEL":
			st.read++
			if i, ok := idx[ref]; ok && !deleted[i] {
				deleted[i] = true
				touched[ref] = true
				continue
			}
			if delMissing == 0 {
				delFirst, delFirstLine = ref, jl.line
			}
			delMissing++
		default:
			st.skip(jl.line, ref, fmt.Errorf("unknown operation %q (want ADD, MOD or DEL)", truncate(op.Op, 20)))
		}
	}
	schemas.report(st)
	if delMissing > 0 {
		st.note(st.errf(delFirstLine, truncate(delFirst, 64), fmt.Errorf("%s named entities the list does not hold (removed before, or of a schema not read); this is the first", plural(delMissing, "DEL operation", "DEL operations"))))
	}
	next := &List{Source: base.Source}
	if next.Source == "" {
		next.Source = src.name()
	}
	if err := st.finish(next); err != nil {
		return nil, Delta{}, err
	}
	next.Skipped = append(slices.Clone(base.Skipped), next.Skipped...)
	sum := sha256.Sum256([]byte(base.Digest + "\n" + hex.EncodeToString(h.Sum(nil)) + "\n"))
	next.Digest = hex.EncodeToString(sum[:])
	if m := ftmDeltaVer.FindStringSubmatch(filepath.Base(name)); m != nil {
		next.Version = m[1]
	} else {
		next.Version = digestVersion(next.Digest)
	}
	newIdx := make(map[string]int, len(touched))
	next.Entries = make([]Entry, 0, len(work)-len(deleted))
	for i := range work {
		if deleted[i] {
			continue
		}
		e := work[i]
		e.ListVersion = next.Version
		if touched[e.Ref] {
			e.Source, e.ID = next.Source, next.Source+":"+e.Ref
			newIdx[e.Ref] = len(next.Entries)
		}
		next.Entries = append(next.Entries, e)
	}
	return next, ftmDelta(base, next, touched, newIdx), nil
}

// ftmDelta computes Diff(base, next) from the touched entities alone, in
// Diff's orders: Removed in base's order, Added and Changed in next's.
func ftmDelta(base, next *List, touched map[string]bool, newIdx map[string]int) Delta {
	var d Delta
	oldIdx := make(map[string]int, len(touched))
	var removed []int
	for i := range base.Entries {
		ref := base.Entries[i].Ref
		if !touched[ref] {
			continue
		}
		if _, dup := oldIdx[ref]; dup {
			continue
		}
		oldIdx[ref] = i
		if j, ok := newIdx[ref]; !ok || next.Entries[j].ID != base.Entries[i].ID {
			removed = append(removed, i)
		}
	}
	for _, i := range removed {
		d.Removed = append(d.Removed, base.Entries[i])
	}
	order := make([]int, 0, len(newIdx))
	for _, j := range newIdx {
		order = append(order, j)
	}
	sort.Ints(order)
	for _, j := range order {
		ne := &next.Entries[j]
		i, ok := oldIdx[ne.Ref]
		if !ok || base.Entries[i].ID != ne.ID {
			d.Added = append(d.Added, *ne)
			continue
		}
		oe := &base.Entries[i]
		if f := ChangedFields(oe, ne); len(f) > 0 {
			d.Changed = append(d.Changed, Change{ID: ne.ID, Old: oe, New: ne, Fields: f})
		}
	}
	return d
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
