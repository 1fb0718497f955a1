package raqib

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/raqib/raqib/lists"
)

// Query is what is known about the person or organisation being screened.
// Every field is optional, but a query needs a name, a document or
// biometrics. Its JSON form is the one the example programs read (one query
// per line in examples/screen, the body of POST /v1/screen in
// examples/customs).
type Query struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
	// AltNames are other written forms of the same name, compared like Name
	// with the best of them counting: another reading of a passport's
	// machine-readable zone, the name as a second document writes it.
	AltNames    []string `json:"alt_names,omitempty"`
	BirthDate   string   `json:"birth_date,omitempty"`  // "1962-02-01", "1962-02", "1962", "approximately 1975", ...
	Nationality string   `json:"nationality,omitempty"` // "DZ", "DZA", "Algeria", "Algerian"
	Gender      string   `json:"gender,omitempty"`      // "male", "female", "m", "f"
	BirthPlace  string   `json:"birth_place,omitempty"`
	// Kind restricts the query to persons or organisations when set. A query
	// with a birth date or a gender is taken to be a person.
	Kind lists.Kind `json:"kind,omitempty"`
	// Lists and ListTypes restrict screening to entries of these sources
	// ("UN", "OFAC") and regimes ("Al-Qaida" is the UN 2253 list). A value
	// that names no list or regime the screener holds is an error, never a
	// silent empty result.
	Lists     []string   `json:"lists,omitempty"`
	ListTypes []string   `json:"list_types,omitempty"`
	Documents []Document `json:"documents,omitempty"`

	Face         *lists.FaceTemplate         `json:"face,omitempty"`
	Fingerprints []lists.FingerprintTemplate `json:"fingerprints,omitempty"`
}

// Document is an identity document presented with a query.
type Document struct {
	Type    string `json:"type,omitempty"`
	Number  string `json:"number"`
	Country string `json:"country,omitempty"`
}

// The limits of one query. No real name, document list or template set comes
// near them; they bound the work one query can ask of the screener, whoever
// sends it (Validate enforces them for the library, the command-line
// programs and the service alike).
const (
	MaxNameRunes    = 300   // a name, in characters (the longest listed names have about 200)
	MaxNameTokens   = 40    // a name, in words
	MaxAltNames     = 8     // other forms of the name
	MaxFieldRunes   = 200   // every other text field
	MaxDocuments    = 32    // documents of one query
	MaxFilters      = 32    // values of Lists and of ListTypes
	MaxFingerprints = 10    // one per finger
	MaxFaceDims     = 8192  // values of a face vector
	MaxTemplateSize = 64000 // bytes of one fingerprint template
)

// ErrInvalidQuery is wrapped by the errors of Validate.
var ErrInvalidQuery = errors.New("invalid query")

// Validate checks q against the limits of one query: text fields valid UTF-8
// and within MaxNameRunes / MaxFieldRunes, a known kind, at most MaxDocuments
// documents, MaxFilters filter values, MaxFingerprints templates of at most
// MaxTemplateSize bytes, a face vector of at most MaxFaceDims values. The
// error wraps ErrInvalidQuery and names the field; it never quotes the
// field's content, which is personal data.
func (q *Query) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrInvalidQuery, fmt.Sprintf(format, args...))
	}
	text := func(field, v string, limit int) error {
		if !utf8.ValidString(v) {
			return bad("%s is not valid UTF-8", field)
		}
		if n := utf8.RuneCountInString(v); n > limit {
			return bad("%s has %d characters: at most %d", field, n, limit)
		}
		return nil
	}
	if err := text("name", q.Name, MaxNameRunes); err != nil {
		return err
	}
	if n := countWords(q.Name); n > MaxNameTokens {
		return bad("name has %d words: at most %d", n, MaxNameTokens)
	}
	if len(q.AltNames) > MaxAltNames {
		return bad("%d alt_names: at most %d", len(q.AltNames), MaxAltNames)
	}
	for i, n := range q.AltNames {
		field := fmt.Sprintf("alt_names[%d]", i)
		if err := text(field, n, MaxNameRunes); err != nil {
			return err
		}
		if c := countWords(n); c > MaxNameTokens {
			return bad("%s has %d words: at most %d", field, c, MaxNameTokens)
		}
	}
	for _, f := range []struct{ name, v string }{
		{"id", q.ID}, {"birth_date", q.BirthDate}, {"nationality", q.Nationality},
		{"gender", q.Gender}, {"birth_place", q.BirthPlace}, {"kind", string(q.Kind)},
	} {
		if err := text(f.name, f.v, MaxFieldRunes); err != nil {
			return err
		}
	}
	switch q.Kind {
	case "", lists.KindPerson, lists.KindOrganisation, lists.KindVessel, lists.KindAircraft:
	default:
		return bad("kind: want person, organisation, vessel or aircraft")
	}
	if len(q.Documents) > MaxDocuments {
		return bad("%d documents: at most %d", len(q.Documents), MaxDocuments)
	}
	for i, d := range q.Documents {
		for _, f := range []struct{ name, v string }{{"type", d.Type}, {"number", d.Number}, {"country", d.Country}} {
			if err := text(fmt.Sprintf("documents[%d].%s", i, f.name), f.v, MaxFieldRunes); err != nil {
				return err
			}
		}
	}
	if len(q.Lists) > MaxFilters || len(q.ListTypes) > MaxFilters {
		return bad("more than %d lists or list_types", MaxFilters)
	}
	for i, v := range q.Lists {
		if err := text(fmt.Sprintf("lists[%d]", i), v, MaxFieldRunes); err != nil {
			return err
		}
	}
	for i, v := range q.ListTypes {
		if err := text(fmt.Sprintf("list_types[%d]", i), v, MaxFieldRunes); err != nil {
			return err
		}
	}
	if len(q.Fingerprints) > MaxFingerprints {
		return bad("%d fingerprints: at most %d", len(q.Fingerprints), MaxFingerprints)
	}
	for i, fp := range q.Fingerprints {
		if len(fp.Format) > 32 {
			return bad("fingerprints[%d].format longer than 32 bytes", i)
		}
		if len(fp.Data) > MaxTemplateSize {
			return bad("fingerprints[%d]: template of %d bytes: at most %d", i, len(fp.Data), MaxTemplateSize)
		}
	}
	if q.Face != nil {
		if len(q.Face.Model) > MaxFieldRunes {
			return bad("face.model longer than %d bytes", MaxFieldRunes)
		}
		if len(q.Face.Vector) > MaxFaceDims {
			return bad("face vector of %d values: at most %d", len(q.Face.Vector), MaxFaceDims)
		}
	}
	return nil
}

// countWords counts the runs of letters and digits of s, stopping once past
// MaxNameTokens.
func countWords(s string) int {
	n := 0
	in := false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		if w && !in {
			n++
			if n > MaxNameTokens {
				return n
			}
		}
		in = w
	}
	return n
}

// HasName reports whether q has a name (Name or one of AltNames) with at
// least one letter or digit.
func (q *Query) HasName() bool {
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	if strings.IndexFunc(q.Name, word) >= 0 {
		return true
	}
	for _, n := range q.AltNames {
		if strings.IndexFunc(n, word) >= 0 {
			return true
		}
	}
	return false
}
