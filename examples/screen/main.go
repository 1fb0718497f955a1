// Command screen screens people and organisations against sanctions lists
// and watchlists, and converts lists to the Raqib watchlist format.
//
//	go run ./examples/screen [flags] [NAME ...]
//
// Each NAME is screened as a name-only query; -queries reads JSON Lines
// queries (the fields of raqib.Query: name, alt_names, birth_date,
// nationality, gender, documents, face, fingerprints, ...) from a file or,
// with "-", from standard input.
//
// The lists: the UN Security Council Consolidated List embedded in package
// lists, plus every -list file (UN consolidated XML, OFAC SDN CSV, UK ConList
// CSV, Raqib watchlist JSON Lines and the other formats lists.Load reads,
// told apart by their content). -un=false leaves the embedded list out; a
// -list file that is a UN list takes its place. The text output starts with
// the lists screened; the JSON output names them in every line.
//
// Each -delta file, a FollowTheMoney delta as OpenSanctions publishes them
// between versions (ADD, MOD and DEL lines), is applied in order to the one
// -list file of FtM entities, the export it follows: what is screened (and
// dumped) is the list they lead to, with the last delta's version and a
// digest that chains the export and every delta. A -delta without exactly
// one FtM -list, a file that is no delta, or deltas out of version order is
// an error.
//
// Flags:
//
//	-list PATH      a list screened too; repeatable
//	-un             screen against the embedded UN list (default true)
//	-strict         refuse to start when a list has records that could not be read
//	-queries PATH   JSON Lines queries; "-" reads standard input
//	-json           one JSON line per query, in input order
//	-threshold F    report matches scoring at least F (default: the review threshold)
//	-limit N        report at most N matches per query (default 10)
//	-window N       score at most N candidates per query (default 256, screening.DefaultWindow)
//	-stats          one JSON line of statistics on standard error at exit
//	-dump           write the lists as one Raqib watchlist and exit
//	-build-index DIR  build an index of the lists in DIR (which must not exist) and exit
//	-index DIR      screen against the index built in DIR, instead of loading lists
//	-delta PATH     apply an FtM delta file to the FtM -list; repeatable, in order
//
// An index is built once and opened in seconds, however large its lists (a
// watchlist file is read one entry at a time, never held whole): build it
// where the lists are loaded, copy it where they are screened.
//
// The exit status is 0 whatever matched, 2 on bad flags or unreadable input
// (with a message naming the file and line), 1 when writing fails. A bad
// query line is reported on standard error and in its output line, and the
// batch goes on.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"time"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/examples/internal/cli"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the program: it parses args, reads queries from stdin when asked,
// writes results to stdout and messages to stderr, and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("screen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: screen [flags] [NAME ...]\n")
		fs.PrintDefaults()
	}
	var lf cli.ListFlags
	lf.Register(fs)
	var deltas deltaFlags
	fs.Var(&deltas, "delta", "apply the FollowTheMoney delta file at `PATH` (OpenSanctions' ADD/MOD/DEL lines) to the -list read from FtM entities; repeatable, applied in order")
	dump := fs.Bool("dump", false, "write the lists as one Raqib watchlist (JSON Lines) to standard output and exit")
	queries := fs.String("queries", "", "JSON Lines queries from `PATH`, or - for standard input")
	asJSON := fs.Bool("json", false, "write one JSON line per query")
	threshold := fs.Float64("threshold", -1, "report matches with score >= `F` (default: the review threshold)")
	limit := fs.Int("limit", screening.DefaultLimit, "report at most `N` matches per query")
	window := fs.Int("window", screening.DefaultWindow, "score at most `N` candidates per query: the likeliest of the entries that share a common name (screening.WithWindow)")
	withStats := fs.Bool("stats", false, "write one JSON line of statistics on standard error at exit")
	buildDir := fs.String("build-index", "", "build an index of the lists in `DIR` (which must not exist yet) and exit")
	indexDir := fs.String("index", "", "screen against the index built in `DIR` (screen -build-index) instead of loading lists")
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
	if *window <= 0 {
		fmt.Fprintf(stderr, "screen: -window %d: want > 0\n", *window)
		return 2
	}
	set := settings{limit: *limit, minScore: *threshold, window: *window}
	names := fs.Args()
	if *indexDir != "" && (len(lf.Paths) > 0 || *dump || *buildDir != "" || len(deltas) > 0) {
		fmt.Fprintln(stderr, "screen: -index screens against a built index: leave out -list, -delta, -dump and -build-index")
		return 2
	}
	if *buildDir != "" && len(deltas) > 0 {
		fmt.Fprintln(stderr, "screen: -build-index reads the lists one entry at a time and applies no -delta: apply the deltas first (-delta with -dump writes the list they make)")
		return 2
	}
	if *buildDir != "" {
		if len(names) > 0 || *queries != "" || *dump {
			fmt.Fprintln(stderr, "screen: -build-index builds an index and screens nothing: leave out the names, -queries and -dump")
			return 2
		}
		return buildIndex(ctx, &lf, *buildDir, stdout, stderr)
	}
	if *dump && (len(names) > 0 || *queries != "") {
		fmt.Fprintln(stderr, "screen: -dump writes the lists and screens nothing: leave out the names and -queries")
		return 2
	}
	// Open the queries before the lists load, so that a wrong path is said
	// at once.
	var in *bufio.Reader
	var inName string
	if *queries != "" {
		r, name, closeFn, err := cli.Open(*queries, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "screen: %v\n", err)
			return 2
		}
		defer closeFn()
		in, inName = r, name
	}
	if err := checkDeltas(deltas); err != nil {
		fmt.Fprintf(stderr, "screen: %v\n", err)
		return 2
	}

	t0 := time.Now()
	var ls []*lists.List
	if *indexDir == "" {
		var err error
		ls, err = lf.Load(ctx, "screen", stderr)
		if err == nil {
			ls, err = applyDeltas(ctx, ls, lf.Paths, deltas, lf.Strict, stderr)
		} else if errors.Is(err, lists.ErrNotAList) {
			err = fmt.Errorf("%w; here: give it with -delta PATH, beside the -list it follows", err)
		}
		if err != nil {
			fmt.Fprintf(stderr, "screen: %v\n", err)
			return 2
		}
	}
	loadTime := time.Since(t0)
	if *dump {
		if err := writeDump(stdout, ls); err != nil {
			fmt.Fprintf(stderr, "screen: %v\n", err)
			return 1
		}
		return 0
	}

	if *queries == "" && len(names) == 0 && *indexDir == "" {
		cli.Describe(stdout, cli.Infos(ls))
		fmt.Fprintln(stdout, "give names to screen, or -queries PATH; -h for help")
		return 0
	}
	t1 := time.Now()
	var s *screening.Screener
	var release func()
	var err error
	if *indexDir != "" {
		s, release, err = openIndex(ctx, *indexDir, set)
	} else {
		s, release, err = newScreener(ctx, ls, set)
	}
	if err != nil {
		fmt.Fprintf(stderr, "screen: %v\n", err)
		return 2
	}
	defer release()
	indexTime := time.Since(t1)

	sc := &screener{s: s, json: *asJSON, out: bufio.NewWriter(stdout), errw: stderr}
	defer sc.out.Flush()
	if !sc.json {
		cli.Describe(sc.out, s.Lists())
	}
	if *queries == "" && len(names) == 0 {
		fmt.Fprintln(sc.out, "give names to screen, or -queries PATH; -h for help")
		return 0
	}
	if len(names) > 0 {
		items := make([]item, len(names))
		for i, n := range names {
			items[i] = item{q: raqib.Query{ID: fmt.Sprint(i + 1), Name: n}, where: fmt.Sprintf("argument %d", i+1)}
		}
		if err := sc.batch(ctx, items); err != nil {
			fmt.Fprintf(stderr, "screen: %v\n", err)
			return 1
		}
	}
	if in != nil {
		if err := readQueries(in, inName, func(items []item) error { return sc.batch(ctx, items) }); err != nil {
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

// settings are the flags that make a screener: at most limit matches a
// query from minScore (-1: the review threshold), of at most window
// candidates.
type settings struct {
	limit    int
	minScore float64
	window   int
}

// newScreener builds the screener over ls with set, and the function that
// releases it. Tests share one screener between runs.
var newScreener = func(ctx context.Context, ls []*lists.List, set settings) (*screening.Screener, func(), error) {
	s, err := screening.New(ctx, append(set.options(), screening.WithLists(ls...))...)
	if err != nil {
		return nil, nil, err
	}
	return s, func() { s.Close() }, nil
}

// options are the screening options of set.
func (set settings) options() []screening.Option {
	opts := []screening.Option{screening.WithLimit(set.limit), screening.WithWindow(set.window)}
	if set.minScore >= 0 {
		opts = append(opts, screening.WithMinScore(set.minScore))
	}
	return opts
}

// openIndex opens the index built in dir.
func openIndex(ctx context.Context, dir string, set settings) (*screening.Screener, func(), error) {
	s, err := screening.Open(ctx, dir, set.options()...)
	if err != nil {
		return nil, nil, err
	}
	return s, func() { s.Close() }, nil
}

// buildMemoryLimit is the soft memory limit of -build-index (the build of
// 1M synthetic people keeps about 1.2 GiB).
const buildMemoryLimit = 2560 << 20

// buildIndex is -build-index: the lists the flags name, read one entry at a
// time, indexed in dir.
func buildIndex(ctx context.Context, lf *cli.ListFlags, dir string, stdout, stderr io.Writer) int {
	srcs, err := lf.Sources()
	if err != nil {
		fmt.Fprintf(stderr, "screen: %v\n", err)
		return 2
	}
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		// A build allocates many times what it keeps, and this process
		// exits after it: a fifth as many collections (GOGC=400) for a
		// fifth less CPU, with the heap held under buildMemoryLimit.
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(buildMemoryLimit)
	}
	t0 := time.Now()
	infos, err := screening.BuildIndex(ctx, dir, srcs...)
	if err != nil {
		fmt.Fprintf(stderr, "screen: %v\n", err)
		return 2
	}
	skipped := 0
	for _, li := range infos {
		for _, r := range li.SkippedRecords {
			fmt.Fprintf(stderr, "screen: skipped record: %s\n", r)
		}
		skipped += li.Skipped
	}
	if skipped > 0 && lf.Strict {
		os.RemoveAll(dir)
		fmt.Fprintf(stderr, "screen: %d list records could not be read (named above): -strict refuses to build without them\n", skipped)
		return 2
	}
	cli.Describe(stdout, infos)
	fmt.Fprintf(stdout, "index built in %s in %.1f s\n", dir, time.Since(t0).Seconds())
	return 0
}

// writeDump writes the lists as one Raqib watchlist: a header naming the
// list (or, for several, each one with its version and digest), then every
// entry.
func writeDump(w io.Writer, ls []*lists.List) error {
	lw := lists.NewWriter(w)
	if err := lw.WriteHeader(lists.HeaderFor(ls...)); err != nil {
		return err
	}
	for _, l := range ls {
		for i := range l.Entries {
			if err := lw.Write(&l.Entries[i]); err != nil {
				return err
			}
		}
	}
	return lw.Flush()
}
