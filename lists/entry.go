package lists

import "github.com/raqib/raqib/normalize"

// Kind says whether an entry is a person or an organisation.
type Kind string

// The kinds of entry.
const (
	KindPerson       Kind = "person"
	KindOrganisation Kind = "organisation"
	KindVessel       Kind = "vessel"
	KindAircraft     Kind = "aircraft"
)

// NameQuality says how much a list trusts one of an entry's names.
type NameQuality string

// The qualities of a name. A UN alias of QUALITY "Good" or "a.k.a." is
// NameGood; "Low" is NameLow; "f.k.a." is NameFormer.
const (
	NamePrimary        NameQuality = "primary"
	NameGood           NameQuality = "good"
	NameLow            NameQuality = "low"
	NameFormer         NameQuality = "former"
	NameOriginalScript NameQuality = "original-script"
)

// Name is one written form of an entry's name.
type Name struct {
	// Full is the whole name as the list writes it (trimmed), e.g. "DJAMEL LOUNICI".
	Full string `json:"full"`
	// Parts holds the list's own name fields in order (UN FIRST_NAME..FOURTH_NAME,
	// OFAC "Last, First"), when the list splits the name.
	Parts   []string    `json:"parts,omitempty"`
	Quality NameQuality `json:"quality"`
	// Note tells where the form came from when that is not obvious
	// (for example "alias note" for a spelling found in a UN alias NOTE).
	Note string `json:"note,omitempty"`
}

// BirthDate is one of an entry's possible birth dates.
type BirthDate struct {
	normalize.DateRange
	// Text is the source's own wording ("approximately 1975", "1 Feb. 1962").
	Text string `json:"text,omitempty"`
	Note string `json:"note,omitempty"`
}

// Country is a country named by a list, resolved to ISO 3166-1 alpha-2 where
// possible. Text keeps the list's own words.
type Country struct {
	Code string `json:"code,omitempty"`
	Text string `json:"text,omitempty"`
}

// Place is a place of birth or an address.
type Place struct {
	Text          string  `json:"text,omitempty"` // the whole place as one line
	Street        string  `json:"street,omitempty"`
	City          string  `json:"city,omitempty"`
	StateProvince string  `json:"state_province,omitempty"`
	PostalCode    string  `json:"postal_code,omitempty"`
	Country       Country `json:"country,omitzero"`
	Note          string  `json:"note,omitempty"`
}

// Document is an identity document (passport, national ID, ...).
type Document struct {
	Type   string `json:"type,omitempty"`  // "passport", "national identification number", ...
	Type2  string `json:"type2,omitempty"` // UN TYPE_OF_DOCUMENT2 and similar
	Number string `json:"number"`          // as written
	// Normalized is the number upper-cased with separators removed, for comparison.
	Normalized string  `json:"normalized,omitempty"`
	Country    Country `json:"country,omitzero"` // issuing country
	IssueDate  string  `json:"issue_date,omitempty"`
	ExpiryDate string  `json:"expiry_date,omitempty"`
	Note       string  `json:"note,omitempty"`
}

// FaceTemplate is a face embedding from a named model.
type FaceTemplate struct {
	Model  string    `json:"model"`
	Vector []float32 `json:"vector"`
}

// FingerprintTemplate is a minutiae template in a standard format.
type FingerprintTemplate struct {
	Format   string `json:"format"`             // "iso19794-2" or "ansi378"
	Position int    `json:"position,omitempty"` // ISO/IEC 19794-2 finger position code, 0 = unknown
	Data     []byte `json:"data"`               // the record; base64 in JSON
}

// Entry is one listed person, organisation, vessel or aircraft, from any source.
type Entry struct {
	// ID is stable across versions of a list: Source + ":" + Ref ("UN:QDi.155", "OFAC:36").
	ID     string `json:"id"`
	Source string `json:"source"` // "UN", "OFAC", "UK", or a watchlist's own name
	Ref    string `json:"ref"`    // the list's own reference
	// ListVersion is the version of the list the entry was read from (UN dateGenerated, ...).
	ListVersion string `json:"list_version,omitempty"`
	// ListType is the regime or programme: UN_LIST_TYPE ("Al-Qaida" is the 2253 list),
	// the UK regime, the first OFAC program.
	ListType string   `json:"list_type,omitempty"`
	Programs []string `json:"programs,omitempty"` // every OFAC program, UK regime, ...
	Kind     Kind     `json:"kind"`

	Names         []Name      `json:"names"`
	Titles        []string    `json:"titles,omitempty"`
	Designations  []string    `json:"designations,omitempty"`
	BirthDates    []BirthDate `json:"birth_dates,omitempty"`
	BirthPlaces   []Place     `json:"birth_places,omitempty"`
	Nationalities []Country   `json:"nationalities,omitempty"`
	Citizenships  []Country   `json:"citizenships,omitempty"`
	Gender        string      `json:"gender,omitempty"` // "male", "female" or ""
	Documents     []Document  `json:"documents,omitempty"`
	Addresses     []Place     `json:"addresses,omitempty"`
	ListedOn      string      `json:"listed_on,omitempty"` // ISO date
	Remarks       string      `json:"remarks,omitempty"`
	InterpolLink  bool        `json:"interpol_link,omitempty"`
	// CrossRefs names the same entry on other lists ("UN:QDi.155" from the UK list).
	CrossRefs []string `json:"cross_refs,omitempty"`

	Faces        []FaceTemplate        `json:"faces,omitempty"`
	Fingerprints []FingerprintTemplate `json:"fingerprints,omitempty"`

	// Raw keeps source fields that have no home above, so nothing is dropped.
	Raw map[string]string `json:"raw,omitempty"`
}

// List is one version of one source list.
type List struct {
	Source string `json:"source"`
	// Version is the list's own version (UN dateGenerated, OFAC DateOfIssue,
	// UK Last Updated, a watchlist header's version) or, for a file that
	// names none, "sha256:" and the first 16 hex digits of Digest.
	Version string `json:"version"`
	// Digest is the SHA-256 of the bytes read, in hex: the identity of the
	// exact file (for OFAC sdn.csv read with companion files, and for a list
	// updated by an FtM delta, see docs/formats.md).
	Digest string `json:"digest,omitempty"`
	// Origin names the lists a Raqib watchlist was converted from, as its
	// header gives them (screen -dump writes it); nil for other lists.
	Origin  []ListInfo `json:"origin,omitempty"`
	Entries []Entry    `json:"-"`
	// Skipped reports records that could not be read from an otherwise good file;
	// each error names the file and the record or line.
	Skipped []error `json:"-"`
}
