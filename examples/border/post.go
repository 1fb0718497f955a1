package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"github.com/raqib/raqib"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
)

// The decisions of a passenger. A passenger's decision is the decision of
// its best match; clear when nothing scored the review threshold.
const (
	decHit    = "hit"
	decReview = "review"
	decClear  = "clear"
	decError  = "error" // the passenger's line could not be read or screened
)

// chunk is how many queries are screened as one batch between two updates of
// the progress bar.
const chunk = 64

// newScreener builds the screener; tests share one across runs.
var newScreener = func(ctx context.Context, ls []*lists.List) (*screening.Screener, error) {
	return screening.New(ctx, screening.WithLists(ls...))
}

// post screens a manifest and writes the outcome.
type post struct {
	json       bool
	alertsOnly bool
	stdout     io.Writer
	stderr     io.Writer
	progress   io.Writer // nil: no progress bar
}

// match is a screening match and the reading of the name it was found under.
type match struct {
	screening.Match
	screenedAs string
}

// outcome is the result for one passenger.
type outcome struct {
	p          *passenger
	plan       *plan
	decision   string
	matches    []match
	warnings   []string
	candidates int
	screened   int // readings of the name screened without error
	err        error
}

// summary counts the outcomes.
type summary struct {
	Passengers int
	Decisions  map[string]int
	Lists      []listInfo
	IndexMS    float64
	ScreenMS   float64
	Queries    int
}

type listInfo struct {
	Source  string
	Version string
	Entries int
}

func (c *post) run(ctx context.Context, ls []*lists.List, pax []passenger) error {
	t0 := time.Now()
	s, err := newScreener(ctx, ls)
	if err != nil {
		return err
	}
	sum := summary{Passengers: len(pax), Decisions: map[string]int{decHit: 0, decReview: 0, decClear: 0, decError: 0}}
	sum.IndexMS = ms(time.Since(t0))
	for _, l := range ls {
		sum.Lists = append(sum.Lists, listInfo{Source: l.Source, Version: l.Version, Entries: len(l.Entries)})
	}

	// Plan every passenger; queries of all passengers form one flat batch.
	out := make([]outcome, len(pax))
	var queries []raqib.Query
	var owner []int
	for i := range pax {
		o := &out[i]
		o.p = &pax[i]
		if o.p.Err != nil {
			o.err = o.p.Err
			continue
		}
		pl, err := planFor(o.p)
		if err != nil {
			o.err = fmt.Errorf("%s:%d: %w", o.p.File, o.p.Line, err)
			continue
		}
		o.plan = pl
		for _, q := range pl.queries {
			queries = append(queries, q)
			owner = append(owner, i)
		}
	}
	sum.Queries = len(queries)

	t1 := time.Now()
	bar := newBar(c.progress, len(pax))
	results := make([]screening.BatchResult, 0, len(queries))
	for start := 0; start < len(queries); start += chunk {
		end := min(start+chunk, len(queries))
		rs, err := s.ScreenBatch(ctx, queries[start:end])
		if err != nil {
			bar.done()
			return err
		}
		results = append(results, rs...)
		done := len(pax)
		if end < len(queries) {
			done = owner[end] // passengers before the next query's owner are done
		}
		bar.update(done)
	}
	bar.update(len(pax))
	bar.done()
	sum.ScreenMS = ms(time.Since(t1))

	for k, br := range results {
		out[owner[k]].add(queries[k].Name, br)
	}
	review, _ := s.Thresholds()
	w := bufio.NewWriter(c.stdout)
	for i := range out {
		o := &out[i]
		o.decide()
		sum.Decisions[o.decision]++
		if o.err != nil {
			fmt.Fprintf(c.stderr, "border: %v\n", o.err)
		}
		if c.alertsOnly && o.decision != decHit && o.decision != decReview && o.decision != decError {
			continue
		}
		if c.json {
			if err := writeJSON(w, o, review); err != nil {
				return err
			}
		} else {
			writeText(w, o, review)
		}
	}
	if c.json {
		if err := w.Flush(); err != nil {
			return err
		}
		writeSummary(c.stderr, &sum, out)
		return nil
	}
	writeSummary(w, &sum, out)
	return w.Flush()
}

// add merges the result of one reading of the passenger's name: an entry
// found under several readings keeps its best score.
func (o *outcome) add(name string, br screening.BatchResult) {
	if br.Err != nil {
		if o.err == nil {
			o.err = fmt.Errorf("%s:%d: %w", o.p.File, o.p.Line, br.Err)
		}
		return
	}
	r := br.Result
	o.screened++
	o.candidates = max(o.candidates, r.Candidates)
	for _, w := range r.Warnings {
		o.warnings = appendNew(o.warnings, w)
	}
	for _, m := range r.Matches {
		found := false
		for j := range o.matches {
			if o.matches[j].EntryID == m.EntryID {
				found = true
				if m.Score > o.matches[j].Score {
					o.matches[j] = match{m, name}
				}
				break
			}
		}
		if !found {
			o.matches = append(o.matches, match{m, name})
		}
	}
}

// decide sets the passenger's decision from its best match. A passenger
// screened under several readings counts as screened when any reading was:
// an error in one reading is kept only when no reading succeeded.
func (o *outcome) decide() {
	sort.SliceStable(o.matches, func(a, b int) bool {
		if o.matches[a].Score != o.matches[b].Score {
			return o.matches[a].Score > o.matches[b].Score
		}
		return o.matches[a].EntryID < o.matches[b].EntryID
	})
	switch {
	case o.plan == nil || o.screened == 0:
		o.decision = decError
		if o.err == nil {
			o.err = fmt.Errorf("%s:%d: not screened", o.p.File, o.p.Line)
		}
	case len(o.matches) > 0 && o.matches[0].Decision == raqib.Hit:
		o.decision = decHit
	case len(o.matches) > 0 && o.matches[0].Decision == raqib.Review:
		o.decision = decReview
	default:
		o.decision = decClear
	}
	if o.decision != decError {
		o.err = nil
	}
}

// reason says why the passenger got its decision, in one paragraph.
func (o *outcome) reason(review float64) string {
	if o.decision == decError {
		return o.err.Error()
	}
	var b strings.Builder
	if o.decision == decClear {
		fmt.Fprintf(&b, "no listed entry scored %.2f or more (%d candidates compared)", review, o.candidates)
	} else {
		m := o.matches[0]
		fmt.Fprintf(&b, "%s %s (%s), score %.3f", m.EntryID, primaryName(m.Entry), entryFacts(m.Entry), m.Score)
		if m.screenedAs != "" && m.screenedAs != o.plan.label {
			fmt.Fprintf(&b, ", found as %q", m.screenedAs)
		}
		for _, f := range m.Features {
			fmt.Fprintf(&b, "; %s %+.3f: %s", f.Name, f.Score*f.Weight, f.Detail)
		}
	}
	for _, n := range o.plan.notes {
		b.WriteString("; ")
		b.WriteString(n)
	}
	return b.String()
}

func primaryName(e *lists.Entry) string {
	if e != nil && len(e.Names) > 0 {
		return e.Names[0].Full
	}
	return ""
}

// entryFacts summarises an entry for the officer: list type, birth date,
// nationality.
func entryFacts(e *lists.Entry) string {
	if e == nil {
		return ""
	}
	var parts []string
	if e.ListType != "" {
		parts = append(parts, e.ListType+" list")
	} else {
		parts = append(parts, e.Source)
	}
	if len(e.BirthDates) > 0 {
		d := e.BirthDates[0]
		if d.Text != "" {
			parts = append(parts, "born "+d.Text)
		} else if d.From != "" {
			parts = append(parts, "born "+d.From)
		}
	}
	for _, n := range e.Nationalities {
		if n.Text != "" {
			parts = append(parts, n.Text)
		} else if n.Code != "" {
			parts = append(parts, n.Code)
		}
		break
	}
	return strings.Join(parts, ", ")
}

// jsonMatch is one match in -json output.
type jsonMatch struct {
	EntryID     string          `json:"entry_id"`
	List        string          `json:"list"`
	Ref         string          `json:"ref"`
	ListType    string          `json:"list_type,omitempty"`
	Name        string          `json:"name"`
	MatchedName string          `json:"matched_name"`
	MatchedForm string          `json:"matched_form,omitempty"`
	ScreenedAs  string          `json:"screened_as,omitempty"`
	Score       float64         `json:"score"`
	Decision    raqib.Decision  `json:"decision,omitempty"`
	Features    []raqib.Feature `json:"features"`
}

// jsonMRZ tells the calling system what the zone said about itself.
type jsonMRZ struct {
	Format       string   `json:"format"`
	Valid        bool     `json:"valid"`
	FailedChecks []string `json:"failed_checks,omitempty"`
}

// jsonLine is the -json output for one passenger.
type jsonLine struct {
	ID       string      `json:"id"`
	Line     int         `json:"line"`
	Name     string      `json:"name,omitempty"`
	Decision string      `json:"decision"`
	Reason   string      `json:"reason"`
	MRZ      *jsonMRZ    `json:"mrz,omitempty"`
	Notes    []string    `json:"notes,omitempty"`
	Warnings []string    `json:"warnings,omitempty"`
	Matches  []jsonMatch `json:"matches"`
	Error    string      `json:"error,omitempty"`
}

func writeJSON(w io.Writer, o *outcome, review float64) error {
	l := jsonLine{ID: o.p.ID, Line: o.p.Line, Decision: o.decision, Reason: o.reason(review),
		Warnings: o.warnings, Matches: make([]jsonMatch, 0, len(o.matches))}
	if o.err != nil {
		l.Error = o.err.Error()
	}
	if o.plan == nil {
		l.Name = o.p.name()
	} else {
		l.Name, l.Notes = o.plan.label, o.plan.notes
		if z := o.plan.zone; z != nil {
			l.MRZ = &jsonMRZ{Format: z.Format.String(), Valid: z.Valid()}
			for _, c := range z.Checks {
				if !c.OK {
					l.MRZ.FailedChecks = append(l.MRZ.FailedChecks, string(c.Field))
				}
			}
		}
	}
	for _, m := range o.matches {
		jm := jsonMatch{EntryID: m.EntryID, Name: primaryName(m.Entry), MatchedName: m.MatchedName,
			MatchedForm: m.MatchedForm, Score: m.Score, Decision: m.Decision, Features: m.Features}
		if m.screenedAs != l.Name {
			jm.ScreenedAs = m.screenedAs
		}
		if m.Entry != nil {
			jm.List, jm.Ref, jm.ListType = m.Entry.Source, m.Entry.Ref, m.Entry.ListType
		}
		l.Matches = append(l.Matches, jm)
	}
	b, err := json.Marshal(l)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

func writeText(w io.Writer, o *outcome, review float64) {
	label := o.p.name()
	if o.plan != nil {
		label = o.plan.label
		var facts []string
		if q := o.plan.queries[0]; q.BirthDate != "" || q.Nationality != "" {
			facts = append(facts, q.BirthDate, q.Nationality)
		}
		if f := strings.Trim(strings.Join(facts, ", "), ", "); f != "" {
			label += " (" + f + ")"
		}
		if o.plan.zone != nil {
			label += " [MRZ]"
		}
	}
	fmt.Fprintf(w, "%-8s %-6s %s\n", o.p.ID, strings.ToUpper(o.decision), label)
	if o.decision == decError {
		fmt.Fprintf(w, "         %v\n", o.err)
		return
	}
	if o.decision != decClear {
		m := o.matches[0]
		fmt.Fprintf(w, "         %s %s (%s)  score %.3f\n", m.EntryID, primaryName(m.Entry), entryFacts(m.Entry), m.Score)
		matched := fmt.Sprintf("%q", m.MatchedName)
		if m.MatchedForm != "" {
			matched += fmt.Sprintf(" read as %q", m.MatchedForm)
		}
		if m.screenedAs != "" && m.screenedAs != o.plan.label {
			matched += fmt.Sprintf(", passenger screened as %q", m.screenedAs)
		}
		fmt.Fprintf(w, "         matched name %s\n", matched)
		for _, f := range m.Features {
			fmt.Fprintf(w, "           %-12s %+.3f  %s\n", f.Name, f.Score*f.Weight, f.Detail)
		}
		for _, x := range o.matches[1:] {
			if x.Decision == "" {
				continue
			}
			fmt.Fprintf(w, "         also %s: %s %s  score %.3f\n", x.Decision, x.EntryID, primaryName(x.Entry), x.Score)
		}
	}
	for _, n := range o.plan.notes {
		fmt.Fprintf(w, "         note: %s\n", n)
	}
	for _, x := range o.warnings {
		fmt.Fprintf(w, "         warning: %s\n", x)
	}
}

func writeSummary(w io.Writer, s *summary, out []outcome) {
	d := s.Decisions
	fmt.Fprintf(w, "\n%d passengers: %d hit, %d review, %d clear, %d errors\n",
		s.Passengers, d[decHit], d[decReview], d[decClear], d[decError])
	var names []string
	for _, l := range s.Lists {
		names = append(names, fmt.Sprintf("%s %s (%d entries)", l.Source, l.Version, l.Entries))
	}
	fmt.Fprintf(w, "lists: %s\n", strings.Join(names, "; "))
	per := 0.0
	if s.Passengers > 0 {
		per = s.ScreenMS / float64(s.Passengers)
	}
	fmt.Fprintf(w, "time: index %.0f ms, screening %.0f ms (%d queries, %.2f ms a passenger)\n", s.IndexMS, s.ScreenMS, s.Queries, per)
	for _, dec := range []string{decHit, decReview} {
		for i := range out {
			o := &out[i]
			if o.decision != dec {
				continue
			}
			m := o.matches[0]
			fmt.Fprintf(w, "%-6s %s  %s -> %s %s (%.3f)\n", dec, o.p.ID, o.plan.label, m.EntryID, primaryName(m.Entry), m.Score)
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// bar is a progress bar on a terminal. The zero bar (no writer) draws nothing.
type bar struct {
	w     io.Writer
	total int
	shown int // the last percentage drawn
	start time.Time
}

func newBar(w io.Writer, total int) *bar {
	return &bar{w: w, total: total, shown: -1, start: time.Now()}
}

func (b *bar) update(done int) {
	if b.w == nil || b.total == 0 {
		return
	}
	pct := done * 100 / b.total
	if pct == b.shown {
		return
	}
	b.shown = pct
	const width = 30
	fill := pct * width / 100
	fmt.Fprintf(b.w, "\rscreening [%s%s] %d/%d passengers %3d%% %.1fs",
		strings.Repeat("=", fill), strings.Repeat(" ", width-fill), done, b.total, pct, time.Since(b.start).Seconds())
}

func (b *bar) done() {
	if b.w == nil || b.shown < 0 {
		return
	}
	fmt.Fprint(b.w, "\n")
}
