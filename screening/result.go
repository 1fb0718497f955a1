package screening

import (
	"encoding/json"
	"time"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
)

// Match is one entry that may be the person screened: the entry, summarised
// in words an officer reads (list, reference, primary name, kind, regime,
// birth dates, nationalities), its score and decision, and the features that
// explain the score. Entry points to the full entry of the snapshot; it is
// shared and must not be modified.
type Match struct {
	Entry   *lists.Entry `json:"-"`
	EntryID string       `json:"entry_id"`
	// List and Ref are the entry's source list and its reference on that list.
	List string `json:"list"`
	Ref  string `json:"ref"`
	// Name is the entry's primary name; MatchedName is the name of the entry
	// that matched the query best, as the list writes it; MatchedForm is the
	// form compared when it differs from MatchedName (a romanisation).
	Name          string          `json:"name"`
	Kind          lists.Kind      `json:"kind,omitempty"`
	ListType      string          `json:"list_type,omitempty"`
	ListedOn      string          `json:"listed_on,omitempty"`
	BirthDates    []string        `json:"birth_dates,omitempty"`
	Nationalities []string        `json:"nationalities,omitempty"`
	MatchedName   string          `json:"matched_name"`
	MatchedForm   string          `json:"matched_form,omitempty"`
	Score         float64         `json:"score"`
	Decision      raqib.Decision  `json:"decision"`
	Features      []raqib.Feature `json:"features"`
}

// MarshalJSON writes the match with its score rounded (raqib.Round) and an
// empty feature list as [].
func (m Match) MarshalJSON() ([]byte, error) {
	type plain Match
	m.Score = raqib.Round(m.Score)
	if m.Features == nil {
		m.Features = []raqib.Feature{}
	}
	return json.Marshal(plain(m))
}

// newMatch summarises entry e for a match.
func newMatch(e *lists.Entry) Match {
	m := Match{Entry: e, EntryID: e.ID, List: e.Source, Ref: e.Ref, Kind: e.Kind, ListType: e.ListType, ListedOn: e.ListedOn}
	if len(e.Names) > 0 {
		m.Name = e.Names[0].Full
	}
	for _, d := range e.BirthDates {
		t := d.Text
		if t == "" {
			t = d.From
			if d.To != "" && d.To != d.From {
				t += "/" + d.To
			}
		}
		if t != "" {
			m.BirthDates = append(m.BirthDates, t)
		}
	}
	for _, c := range e.Nationalities {
		t := c.Text
		if t == "" {
			t = c.Code
		}
		if t != "" {
			m.Nationalities = append(m.Nationalities, t)
		}
	}
	return m
}

// Result is the outcome of screening one query.
type Result struct {
	QueryID string  `json:"id,omitempty"`
	Matches []Match `json:"matches"`
	// Lists names the lists and versions the query was screened against.
	Lists []ListInfo `json:"lists"`
	// Candidates is the number of entries that were scored.
	Candidates int `json:"candidates"`
	// WindowFull reports that more entries shared the query's names than one
	// query scores (screening.WithWindow): the name is common on the lists,
	// and only the likeliest of its bearers were compared.
	WindowFull bool `json:"window_full,omitempty"`
	// RoomToGain and RoomToLose are how many entries the lists could gain,
	// and lose, among those retrieval meets for the query, with the
	// window's room deciding every read as it did and the window keeping
	// every other candidate it kept. Some reads are made only while the
	// window has room: an entry gained may stop one (RoomToGain is the
	// least room the window had left at such a read, and at the end), and
	// an entry lost may let one be made that was left out (RoomToLose is 0
	// then, and math.MaxInt when no read was left out). Both are 0 when the
	// window was full; a common name's rarest key, read only when the rest
	// found nothing, also bounds them. (A continuous screening reads them:
	// a party with room for the entries an update changes keeps its other
	// candidates. Candidates found by face or fingerprints are not
	// counted.)
	RoomToGain int `json:"-"`
	RoomToLose int `json:"-"`
	// Met holds, when the context asked for it (WithMet) and RoomToLose
	// bounds what the lists may lose (less than math.MaxInt, the window not
	// full), the IDs of every entry retrieval
	// met for the query, before the filter and the window, ascending: only
	// an entry lost among them counts against RoomToLose (an entry it did
	// not meet leaves every read as it was). Nil otherwise.
	Met []string `json:"-"`
	// Warnings names query fields that could not be read and were not
	// compared, and anything else the officer should know about how the
	// query was screened.
	Warnings []string `json:"warnings,omitempty"`
	// Elapsed is the time Screen took.
	Elapsed time.Duration `json:"-"`
}

// Decision is the strongest decision of the result's matches: raqib.Hit,
// raqib.Review, or raqib.Clear when no match reached the review threshold.
func (r *Result) Decision() raqib.Decision {
	d := raqib.Clear
	for _, m := range r.Matches {
		if m.Decision.Stronger(d) {
			d = m.Decision
		}
	}
	return d
}

// MarshalJSON writes the result with its decision, and an empty match list
// as [].
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result
	if r.Matches == nil {
		r.Matches = []Match{}
	}
	return json.Marshal(struct {
		Decision raqib.Decision `json:"decision"`
		plain
	}{r.Decision(), plain(r)})
}

// ListInfo describes one list of a snapshot: its source, version and digest,
// how many entries it holds, and the records of its file that could not be
// read (each named by file and line or record).
type ListInfo struct {
	Source  string `json:"source"`
	Version string `json:"version"`
	Digest  string `json:"digest,omitempty"`
	Entries int    `json:"entries"`
	// Skipped counts the records that could not be read; SkippedRecords names
	// the first maxSkippedNamed of them.
	Skipped        int      `json:"skipped"`
	SkippedRecords []string `json:"skipped_records,omitempty"`
}

// maxSkippedNamed bounds the skipped records a ListInfo names.
const maxSkippedNamed = 100
