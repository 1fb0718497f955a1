package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/examples/internal/cli"
	"github.com/raqib/raqib/screening"
)

// maxQueryLine bounds one line of a queries file (a query with a face vector
// and fingerprint templates is a few hundred kilobytes at most).
const maxQueryLine = 8 << 20

// chunk is how many queries are screened as one batch.
const chunk = 512

// errLine is the -json output of a query that could not be read or
// screened; a screened query's line is its screening.Result.
type errLine struct {
	ID       string            `json:"id"`
	Decision string            `json:"decision"` // always "error"
	Matches  []screening.Match `json:"matches"`  // always empty
	Error    string            `json:"error"`
}

// item is one query, where it came from ("queries.jsonl:3", "argument 2")
// and, for a line that could not be read, why.
type item struct {
	q     raqib.Query
	where string
	err   error
}

// label names the query in messages: where it came from and, when it has
// its own ID, that ID; never the name, which is personal data.
func (it *item) label() string {
	if it.q.ID == "" || it.q.ID == it.where || strings.HasPrefix(it.where, "argument ") {
		return it.where
	}
	return fmt.Sprintf("%s (id %s)", it.where, it.q.ID)
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
// returned as an item with an error; reading goes on. An error reading the
// input itself stops it and is returned, naming the file and line.
func readQueries(r io.Reader, name string, emit func([]item) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxQueryLine)
	var batch []item
	line := 0
	for sc.Scan() {
		line++
		text := bytes.TrimSpace(sc.Bytes())
		if line == 1 {
			text = bytes.TrimPrefix(text, []byte("\ufeff"))
		}
		if len(text) == 0 {
			continue
		}
		it := item{where: fmt.Sprintf("%s:%d", name, line)}
		dec := json.NewDecoder(bytes.NewReader(text))
		dec.DisallowUnknownFields()
		err := dec.Decode(&it.q)
		if err == nil && dec.More() {
			err = errors.New("more than one JSON value on the line")
		}
		if err != nil {
			it.q = raqib.Query{ID: cli.RecoverID(text)}
			it.err = cli.JSONError(err)
		}
		if it.q.ID == "" {
			it.q.ID = it.where
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
		return fmt.Errorf("%s:%d: %w", name, line+1, err)
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
	for i := range items {
		it := &items[i]
		sc.queries++
		if it.err != nil {
			sc.fail(it, it.err)
			continue
		}
		br := res[k]
		k++
		if br.Err != nil {
			sc.fail(it, br.Err)
			continue
		}
		sc.lat = append(sc.lat, br.Result.Elapsed)
		if err := sc.write(it.q, br.Result); err != nil {
			return err
		}
	}
	return nil
}

// fail reports a query that could not be read or screened: on standard
// error, and in the output in its place.
func (sc *screener) fail(it *item, err error) {
	sc.errors++
	fmt.Fprintf(sc.errw, "screen: %s: %v\n", it.label(), err)
	if sc.json {
		b, _ := json.Marshal(errLine{ID: it.q.ID, Decision: "error", Matches: []screening.Match{}, Error: fmt.Sprintf("%s: %v", it.where, err)})
		sc.out.Write(append(b, '\n'))
	} else {
		fmt.Fprintf(sc.out, "%s\n  error: %v\n\n", it.label(), err)
	}
}

func (sc *screener) write(q raqib.Query, r *screening.Result) error {
	if sc.json {
		b, err := json.Marshal(r)
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
		fmt.Fprintf(tw, "  %.3f\t%s\t%s\t%s\t%s\n", raqib.Round(m.Score), dec, m.EntryID, m.Name, m.MatchedName)
	}
	tw.Flush()
	fmt.Fprintf(sc.out, "  %s: ", r.Decision())
	cli.WriteMatch(sc.out, "    ", &r.Matches[0])
	fmt.Fprintln(sc.out)
	return nil
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

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
