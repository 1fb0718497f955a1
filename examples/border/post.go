package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/examples/internal/cli"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize/mrz"
	"github.com/raqib/raqib/screening"
	"github.com/raqib/raqib/screening/passport"
)

// decError is the decision of a passenger whose line could not be read or
// screened; the others take their result's raqib.Decision.
const decError = "error"

// chunk is how many passengers are screened as one batch between two
// updates of the progress bar.
const chunk = 64

// screener is what a run asks of a *screening.Screener.
type screener interface {
	ScreenBatch(ctx context.Context, queries []raqib.Query) ([]screening.BatchResult, error)
	Thresholds() (review, hit float64)
	Lists() []screening.ListInfo
}

// newScreener builds the screener; tests share one across runs.
var newScreener = func(ctx context.Context, ls []*lists.List) (screener, error) {
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

// outcome is the result for one passenger.
type outcome struct {
	p        *passenger
	plan     *passport.Plan
	result   *screening.Result
	decision string // hit, review, clear or error
	err      error  // why the passenger is an error; names the file and line
}

func (c *post) run(ctx context.Context, ls []*lists.List, pax []passenger) error {
	t0 := time.Now()
	s, err := newScreener(ctx, ls)
	if err != nil {
		return err
	}
	indexTime := time.Since(t0)

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
		if o.plan, o.err = planFor(o.p); o.err != nil {
			continue
		}
		queries = append(queries, o.plan.Query)
		owner = append(owner, i)
	}

	t1 := time.Now()
	bar := newBar(c.progress, len(pax))
	for start := 0; start < len(queries); start += chunk {
		end := min(start+chunk, len(queries))
		rs, err := s.ScreenBatch(ctx, queries[start:end])
		if err != nil {
			bar.stop()
			return err
		}
		for k, br := range rs {
			o := &out[owner[start+k]]
			if br.Err != nil {
				o.err = fmt.Errorf("%s:%d: %w", o.p.File, o.p.Line, br.Err)
				continue
			}
			o.result = br.Result
		}
		done := len(pax)
		if end < len(queries) {
			done = owner[end] // the passengers before the next one to screen are done
		}
		bar.set(done)
	}
	bar.finish()
	screenTime := time.Since(t1)

	counts := map[string]int{}
	review, _ := s.Thresholds()
	w := bufio.NewWriter(c.stdout)
	for i := range out {
		o := &out[i]
		o.decide()
		counts[o.decision]++
		if o.err != nil {
			fmt.Fprintf(c.stderr, "border: %v\n", o.err)
		}
		if c.alertsOnly && o.decision == string(raqib.Clear) {
			continue
		}
		if c.json {
			if err := writeJSON(w, o, review); err != nil {
				return err
			}
		} else {
			writeText(w, o)
		}
	}
	sum := w
	if c.json {
		if err := w.Flush(); err != nil {
			return err
		}
		sum = bufio.NewWriter(c.stderr)
	}
	writeSummary(sum, out, counts, s.Lists(), indexTime, screenTime)
	if err := sum.Flush(); err != nil {
		return err
	}
	return w.Flush()
}

// planFor turns a passenger into a screening plan (see package passport).
// It fails for a zone that is not a zone at all.
func planFor(p *passenger) (*passport.Plan, error) {
	t := passport.Traveller{ID: p.ID, Name: p.name(), BirthDate: p.BirthDate, Nationality: p.Nationality, Sex: p.Sex, Face: p.Face}
	if p.Document.Number != "" {
		t.Documents = []raqib.Document{{Type: p.Document.Type, Number: p.Document.Number, Country: p.Document.Country}}
	}
	var zones []*mrz.MRZ
	// A *mrz.ParseError reads "mrz: line 1: ...", which names the mrz field;
	// for the visa's, "visa_" before it names visa_mrz.
	for _, f := range []struct{ prefix, text string }{{"", p.MRZ}, {"visa_", p.VisaMRZ}} {
		if f.text == "" {
			continue
		}
		z, err := mrz.Parse(f.text)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %s%w", p.File, p.Line, f.prefix, err)
		}
		zones = append(zones, z)
	}
	return passport.New(t, zones...), nil
}

// decide sets the passenger's decision: the result's, or error.
func (o *outcome) decide() {
	switch {
	case o.err != nil:
		o.decision = decError
	case o.result == nil:
		o.decision, o.err = decError, fmt.Errorf("%s:%d: not screened", o.p.File, o.p.Line)
	default:
		o.decision = string(o.result.Decision())
	}
}

// alerted reports whether the passenger's best match is a hit or a review.
func (o *outcome) alerted() bool {
	return o.decision == string(raqib.Hit) || o.decision == string(raqib.Review)
}

// label is the passenger's name as shown.
func (o *outcome) label() string {
	if o.plan != nil && o.plan.Label != "" {
		return o.plan.Label
	}
	return o.p.name()
}

// reason says why the passenger got its decision, in one paragraph.
func (o *outcome) reason(review float64) string {
	if o.decision == decError {
		return o.err.Error()
	}
	var b strings.Builder
	if !o.alerted() {
		fmt.Fprintf(&b, "no listed entry scored %.2f or more (%d candidates compared)", review, o.result.Candidates)
	} else {
		m := &o.result.Matches[0]
		fmt.Fprintf(&b, "%s %s (%s), score %.3f", m.EntryID, m.Name, cli.Facts(m), raqib.Round(m.Score))
		for _, f := range m.Features {
			fmt.Fprintf(&b, "; %s %+.3f: %s", f.Name, raqib.Round(f.Score*f.Weight)+0, f.Detail)
		}
	}
	for _, n := range o.plan.Notes {
		b.WriteString("; ")
		b.WriteString(n)
	}
	return b.String()
}

// zoneInfo tells the calling system what a zone said about itself.
type zoneInfo struct {
	Format       string   `json:"format"`
	Valid        bool     `json:"valid"`
	FailedChecks []string `json:"failed_checks,omitempty"`
}

func infoOf(z *mrz.MRZ) *zoneInfo {
	zi := &zoneInfo{Format: z.Format.String(), Valid: z.Valid()}
	for _, c := range z.Checks {
		if !c.OK {
			zi.FailedChecks = append(zi.FailedChecks, string(c.Field))
		}
	}
	return zi
}

// jsonLine is the -json output for one passenger.
type jsonLine struct {
	ID       string `json:"id"`
	Line     int    `json:"line"`
	Name     string `json:"name,omitempty"`
	Decision string `json:"decision"`
	Reason   string `json:"reason"`
	// AltNames are the other readings of the name screened (see package
	// passport).
	AltNames   []string             `json:"alt_names,omitempty"`
	MRZ        *zoneInfo            `json:"mrz,omitempty"`
	VisaMRZ    *zoneInfo            `json:"visa_mrz,omitempty"`
	Notes      []string             `json:"notes,omitempty"`
	Warnings   []string             `json:"warnings,omitempty"`
	Candidates int                  `json:"candidates"`
	Matches    []screening.Match    `json:"matches"`
	Lists      []screening.ListInfo `json:"lists,omitempty"`
	Error      string               `json:"error,omitempty"`
}

func writeJSON(w io.Writer, o *outcome, review float64) error {
	l := jsonLine{ID: o.p.ID, Line: o.p.Line, Name: o.label(), Decision: o.decision, Reason: o.reason(review), Matches: []screening.Match{}}
	if o.err != nil {
		l.Error = o.err.Error()
	}
	if o.plan != nil {
		l.AltNames, l.Notes = o.plan.Query.AltNames, o.plan.Notes
		for _, z := range o.plan.Zones {
			if z.Format == mrz.MRVA || z.Format == mrz.MRVB {
				l.VisaMRZ = infoOf(z)
			} else {
				l.MRZ = infoOf(z)
			}
		}
	}
	if r := o.result; r != nil && o.err == nil {
		l.Warnings, l.Candidates, l.Lists = r.Warnings, r.Candidates, r.Lists
		l.Matches = append(l.Matches, r.Matches...)
	}
	b, err := json.Marshal(l)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

const indent = "         "

func writeText(w io.Writer, o *outcome) {
	label := o.label()
	if o.plan != nil {
		q := o.plan.Query
		if f := strings.Trim(q.BirthDate+", "+q.Nationality, ", "); f != "" {
			label += " (" + f + ")"
		}
		if len(o.plan.Zones) > 0 {
			label += " [MRZ]"
		}
	}
	fmt.Fprintf(w, "%-8s %-6s %s\n", o.p.ID, strings.ToUpper(o.decision), label)
	if o.decision == decError {
		fmt.Fprintf(w, "%s%v\n", indent, o.err)
		return
	}
	if o.alerted() {
		fmt.Fprint(w, indent)
		cli.WriteMatch(w, indent, &o.result.Matches[0])
		for _, x := range o.result.Matches[1:] {
			if x.Decision == raqib.Hit || x.Decision == raqib.Review {
				fmt.Fprintf(w, "%salso %s: %s %s  score %.3f\n", indent, x.Decision, x.EntryID, x.Name, raqib.Round(x.Score))
			}
		}
	}
	for _, n := range o.plan.Notes {
		fmt.Fprintf(w, "%snote: %s\n", indent, n)
	}
	for _, x := range o.result.Warnings {
		fmt.Fprintf(w, "%swarning: %s\n", indent, x)
	}
}

func writeSummary(w io.Writer, out []outcome, n map[string]int, ls []screening.ListInfo, index, screen time.Duration) {
	fmt.Fprintf(w, "\n%d passengers: %d hit, %d review, %d clear, %d errors\n",
		len(out), n[string(raqib.Hit)], n[string(raqib.Review)], n[string(raqib.Clear)], n[decError])
	cli.Describe(w, ls)
	per := 0.0
	if len(out) > 0 {
		per = ms(screen) / float64(len(out))
	}
	fmt.Fprintf(w, "time: index %.0f ms, screening %.0f ms (%.2f ms a passenger)\n", ms(index), ms(screen), per)
	for _, dec := range []string{string(raqib.Hit), string(raqib.Review), decError} {
		for i := range out {
			o := &out[i]
			if o.decision != dec {
				continue
			}
			if dec == decError {
				fmt.Fprintf(w, "%-6s %s  %v\n", dec, o.p.ID, o.err)
				continue
			}
			m := &o.result.Matches[0]
			fmt.Fprintf(w, "%-6s %s  %s -> %s %s (%.3f)\n", dec, o.p.ID, o.label(), m.EntryID, m.Name, raqib.Round(m.Score))
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
