// Command screen screens people and organisations against sanctions lists
// and watchlists, and converts lists to the Raqib watchlist format.
//
//	go run ./examples/screen [flags] [NAME ...]
//
// Each NAME is screened as a name-only query; -queries reads JSON Lines
// queries (name, birth_date, nationality, gender, documents, face,
// fingerprints) from a file or, with "-", from standard input. Lists come
// from -list PATH (repeatable: UN consolidated XML, OFAC SDN CSV, UK ConList
// CSV or Raqib watchlist JSON Lines, detected from content); without -list
// the UN list embedded in package lists is used.
//
// Flags:
//
//	-json           one JSON line per query, in input order
//	-threshold F    report matches scoring at least F (default: the review threshold)
//	-limit N        report at most N matches per query (default 10)
//	-stats          one JSON line of statistics on standard error at exit
//	-dump           write the loaded entries as Raqib watchlist JSON Lines and exit
//
// The exit status is 0 whatever matched, 2 on bad flags or unreadable input
// (with a message naming the file and line). A bad query line is reported on
// standard error and in its output line, and the batch goes on.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/raqib/raqib"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// listFlags collects repeated -list flags.
type listFlags []string

func (l *listFlags) String() string     { return fmt.Sprint(*l) }
func (l *listFlags) Set(s string) error { *l = append(*l, s); return nil }

// run is the program: it parses args, reads queries from stdin when asked,
// writes results to stdout and messages to stderr, and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("screen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: screen [flags] [NAME ...]\n")
		fs.PrintDefaults()
	}
	var paths listFlags
	fs.Var(&paths, "list", "list `PATH` (UN XML, OFAC SDN CSV, UK ConList CSV or Raqib watchlist JSON Lines); repeatable; default: the embedded UN list")
	dump := fs.Bool("dump", false, "write the loaded entries as Raqib watchlist JSON Lines to standard output")
	queries := fs.String("queries", "", "JSON Lines queries from `PATH`, or - for standard input")
	asJSON := fs.Bool("json", false, "write one JSON line per query")
	threshold := fs.Float64("threshold", -1, "report matches with score >= `F` (default: the review threshold)")
	limit := fs.Int("limit", screening.DefaultLimit, "report at most `N` matches per query")
	withStats := fs.Bool("stats", false, "write one JSON line of statistics on standard error at exit")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *threshold > 1 || (*threshold < 0 && *threshold != -1) {
		fmt.Fprintf(stderr, "screen: -threshold %v: want a score in [0,1]\n", *threshold)
		return 2
	}
	if *limit <= 0 {
		fmt.Fprintf(stderr, "screen: -limit %d: want > 0\n", *limit)
		return 2
	}
	t0 := time.Now()
	ls, err := lists.LoadAll(context.Background(), paths...)
	if err != nil {
		fmt.Fprintf(stderr, "screen: %v\n", err)
		return 2
	}
	loadTime := time.Since(t0)
	for _, l := range ls {
		for _, s := range l.Skipped {
			fmt.Fprintf(stderr, "screen: skipped: %v\n", s)
		}
	}
	if *dump {
		w := lists.NewWriter(stdout)
		for _, l := range ls {
			for i := range l.Entries {
				if err := w.Write(&l.Entries[i]); err != nil {
					fmt.Fprintf(stderr, "screen: %v\n", err)
					return 1
				}
			}
		}
		if err := w.Flush(); err != nil {
			fmt.Fprintf(stderr, "screen: %v\n", err)
			return 1
		}
		return 0
	}
	names := fs.Args()
	if *queries == "" && len(names) == 0 {
		for _, l := range ls {
			fmt.Fprintf(stdout, "%s %s: %d entries\n", l.Source, l.Version, len(l.Entries))
		}
		fmt.Fprintln(stdout, "give names to screen, or -queries PATH; -h for help")
		return 0
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	opts := []screening.Option{screening.WithLists(ls...), screening.WithLimit(*limit)}
	if *threshold >= 0 {
		opts = append(opts, screening.WithMinScore(*threshold))
	}
	t1 := time.Now()
	s, err := screening.New(ctx, opts...)
	if err != nil {
		fmt.Fprintf(stderr, "screen: %v\n", err)
		return 2
	}
	indexTime := time.Since(t1)

	sc := &screener{s: s, json: *asJSON, out: bufio.NewWriter(stdout), errw: stderr}
	defer sc.out.Flush()
	emit := func(items []item) error { return sc.batch(ctx, items) }
	if len(names) > 0 {
		items := make([]item, len(names))
		for i, n := range names {
			items[i] = item{q: raqib.Query{ID: fmt.Sprint(i + 1), Name: n}}
		}
		if err := emit(items); err != nil {
			fmt.Fprintf(stderr, "screen: %v\n", err)
			return 1
		}
	}
	if *queries != "" {
		r, name, closeFn, err := openQueries(*queries, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "screen: %v\n", err)
			return 2
		}
		defer closeFn()
		if err := readQueries(r, name, emit); err != nil {
			sc.out.Flush()
			fmt.Fprintf(stderr, "screen: %v\n", err)
			return 2
		}
	}
	if err := sc.out.Flush(); err != nil {
		fmt.Fprintf(stderr, "screen: %v\n", err)
		return 1
	}
	if *withStats {
		b, _ := json.Marshal(sc.stats(s.Entries(), loadTime, indexTime))
		fmt.Fprintf(stderr, "%s\n", b)
	}
	return 0
}
