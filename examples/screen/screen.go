package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/raqib/raqib"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/raqib/raqib/screening"
)

// maxQueryLine bounds one line of a queries file (a query with a face vector
// and fingerprint templates is a few hundred kilobytes at most).
const maxQueryLine = 8 << 20

// chunk is how many queries are screened as one batch.
const chunk = 512

// outMatch is one match in -json output.
type outMatch struct {
	EntryID     string          `json:"entry_id"`
	List        string          `json:"list"`
	Ref         string          `json:"ref"`
	Name        string          `json:"name"`
	MatchedName string          `json:"matched_name"`
	MatchedForm string          `json:"matched_form,omitempty"`
	Score       float64         `json:"score"`
	Decision    raqib.Decision  `json:"decision,omitempty"`
	Features    []raqib.Feature `json:"features"`
}

// outLine is the -json output of one query.
type outLine struct {
	ID       string     `json:"id"`
	Matches  []outMatch `json:"matches"`
	Warnings []string   `json:"warnings,omitempty"`
	Error    string     `json:"error,omitempty"`
}

// item is one query read from the input, or the error reading it.
type item struct {
	q   raqib.Query
	err error
}

// stats is the -stats line.
type stats struct {
	Entries  int     `json:"entries"`
	LoadMS   float64 `json:"load_ms"`
	IndexMS  float64 `json:"index_ms"`
	Queries  int     `json:"queries"`
	Errors   int     `json:"errors"`
	ScreenMS float64 `json:"screen_ms"`
	P50US    float64 `json:"p50_us"`
	P99US    float64 `json:"p99_us"`
}

// readQueries reads JSON Lines queries from r. A line that is not a query is
// returned as an item with an error naming the file and line; reading goes on.
// An error reading the input itself stops it and is returned.
func readQueries(r io.Reader, name string, emit func([]item) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxQueryLine)
	var batch []item
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var q raqib.Query
		dec := json.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		err := dec.Decode(&q)
		if err == nil && dec.More() {
			err = errors.New("more than one JSON value on the line")
		}
		if q.ID == "" {
			q.ID = fmt.Sprintf("%s:%d", name, line)
		}
		it := item{q: q}
		if err != nil {
			it.err = fmt.Errorf("%s:%d: %w", name, line, err)
		}
		batch = append(batch, it)
		if len(batch) == chunk {
			if err := emit(batch); err != nil {
				return err
			}
			batch = nil
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("%s:%d: line longer than %d bytes", name, line+1, maxQueryLine)
		}
		return fmt.Errorf("%s:%d: %w", name, line, err)
	}
	if len(batch) > 0 {
		return emit(batch)
	}
	return nil
}

// screener runs batches of queries and writes their results.
type screener struct {
	s       *screening.Screener
	json    bool
	out     *bufio.Writer
	errw    io.Writer
	lat     []time.Duration
	queries int
	errors  int
	elapsed time.Duration
}

func (sc *screener) batch(ctx context.Context, items []item) error {
	qs := make([]raqib.Query, 0, len(items))
	for _, it := range items {
		if it.err == nil {
			qs = append(qs, it.q)
		}
	}
	t0 := time.Now()
	res, err := sc.s.ScreenBatch(ctx, qs)
	sc.elapsed += time.Since(t0)
	if err != nil {
		return err
	}
	k := 0
	for _, it := range items {
		sc.queries++
		if it.err != nil {
			sc.fail(it.q.ID, it.err)
			continue
		}
		br := res[k]
		k++
		if br.Err != nil {
			sc.fail(it.q.ID, fmt.Errorf("query %s: %w", it.q.ID, br.Err))
			continue
		}
		sc.lat = append(sc.lat, br.Result.Elapsed)
		if err := sc.write(it.q, br.Result); err != nil {
			return err
		}
	}
	return nil
}

func (sc *screener) fail(id string, err error) {
	sc.errors++
	fmt.Fprintf(sc.errw, "screen: %v\n", err)
	if sc.json {
		b, _ := json.Marshal(outLine{ID: id, Matches: []outMatch{}, Error: err.Error()})
		sc.out.Write(append(b, '\n'))
	} else {
		fmt.Fprintf(sc.out, "%s: error: %v\n\n", id, err)
	}
}

func (sc *screener) write(q raqib.Query, r *screening.Result) error {
	if sc.json {
		ol := outLine{ID: q.ID, Matches: make([]outMatch, 0, len(r.Matches)), Warnings: r.Warnings}
		for _, m := range r.Matches {
			ol.Matches = append(ol.Matches, outMatch{
				EntryID: m.EntryID, List: m.Entry.Source, Ref: m.Entry.Ref, Name: primaryName(m),
				MatchedName: m.MatchedName, MatchedForm: m.MatchedForm, Score: round3(m.Score), Decision: m.Decision,
				Features: m.Features,
			})
		}
		b, err := json.Marshal(ol)
		if err != nil {
			return err
		}
		_, err = sc.out.Write(append(b, '\n'))
		return err
	}
	label := q.Name
	if label == "" {
		label = q.ID
	}
	fmt.Fprintf(sc.out, "%s", label)
	if q.BirthDate != "" || q.Nationality != "" {
		fmt.Fprintf(sc.out, " (%s)", strings.Trim(q.BirthDate+", "+q.Nationality, ", "))
	}
	fmt.Fprintln(sc.out)
	for _, w := range r.Warnings {
		fmt.Fprintf(sc.out, "  warning: %s\n", w)
	}
	if len(r.Matches) == 0 {
		fmt.Fprintf(sc.out, "  clear: no match among %d candidates\n\n", r.Candidates)
		return nil
	}
	tw := tabwriter.NewWriter(sc.out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  SCORE\tDECISION\tENTRY\tNAME\tMATCHED NAME")
	for _, m := range r.Matches {
		dec := string(m.Decision)
		if dec == "" {
			dec = "-"
		}
		fmt.Fprintf(tw, "  %.3f\t%s\t%s\t%s\t%s\n", m.Score, dec, m.EntryID, primaryName(m), m.MatchedName)
	}
	tw.Flush()
	for _, f := range r.Matches[0].Features {
		fmt.Fprintf(sc.out, "    %-12s %+.3f  %s\n", f.Name, f.Score*f.Weight, f.Detail)
	}
	fmt.Fprintln(sc.out)
	return nil
}

func primaryName(m screening.Match) string {
	if len(m.Entry.Names) > 0 {
		return m.Entry.Names[0].Full
	}
	return ""
}

func (sc *screener) stats(entries int, load, index time.Duration) stats {
	st := stats{Entries: entries, LoadMS: ms(load), IndexMS: ms(index), Queries: sc.queries, Errors: sc.errors, ScreenMS: ms(sc.elapsed)}
	if len(sc.lat) > 0 {
		slices.Sort(sc.lat)
		st.P50US = float64(sc.lat[len(sc.lat)/2].Microseconds())
		st.P99US = float64(sc.lat[len(sc.lat)*99/100].Microseconds())
	}
	return st
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// openQueries opens the -queries argument: a path, or "-" for standard input.
func openQueries(path string, stdin io.Reader) (io.Reader, string, func(), error) {
	if path == "-" {
		return stdin, "stdin", func() {}, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", nil, err
	}
	return f, path, func() { f.Close() }, nil
}
