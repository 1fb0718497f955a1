// Command border screens a passenger manifest at a border post: every
// passenger against the UN Security Council Consolidated List embedded in
// Raqib, plus any national watchlists, with a decision for each —
// hit, review or clear — and the reason for it.
//
//	go run ./examples/border -manifest testdata/border/manifest.jsonl
//	go run ./examples/border -manifest flight.csv -list national.jsonl -json > results.jsonl
//
// The manifest is JSON Lines or CSV, told apart by its content. A passenger
// is given by the machine-readable zone of the passport (the MRZ, as a
// document reader prints it), by name, birth date, nationality, sex and
// document fields, or both; a face embedding may come with it. See
// docs/border.md for the fields.
//
// A passenger read from an MRZ is screened under every reading of its name
// (for a name in the ICAO Arabic transliteration, the spellings other states
// print) and the best result is kept; a zone whose check digits fail is still
// screened, but its unverified fields are not trusted and the reason says so.
//
// Flags:
//
//	-manifest PATH  the manifest (JSON Lines or CSV); "-" reads standard input
//	-list PATH      a watchlist screened too, beside the embedded UN list
//	                (UN XML, OFAC SDN CSV, UK ConList CSV, Raqib watchlist
//	                JSON Lines); repeatable
//	-json           one JSON line per passenger on standard output, for the
//	                calling system; the summary goes to standard error
//	-alerts         print only passengers with a hit, a review or an error
//	-progress       draw a progress bar on standard error (the default when
//	                standard error is a terminal; -progress=false turns it off)
//
// The exit status is 0 whatever matched, 2 for bad flags, an unreadable
// manifest or list (the message names the file and line), 1 when screening
// itself fails. A bad passenger line does not stop the run: it is reported
// on standard error and in the output, and counted in the summary.
package main

//go:generate go test . -run ^TestManifestGenerated$ -update

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/raqib/raqib/lists"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// listFlags collects repeated -list flags.
type listFlags []string

func (l *listFlags) String() string     { return fmt.Sprint(*l) }
func (l *listFlags) Set(s string) error { *l = append(*l, s); return nil }

// run is the program: it parses args, reads the manifest, writes results to
// stdout and messages to stderr, and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("border", flag.ContinueOnError)
	fs.SetOutput(stderr)
	manifest := fs.String("manifest", "", "passenger manifest `PATH` (JSON Lines or CSV, detected from content); - for standard input")
	var paths listFlags
	fs.Var(&paths, "list", "watchlist `PATH` screened beside the embedded UN list (UN XML, OFAC SDN CSV, UK ConList CSV, Raqib watchlist JSON Lines); repeatable")
	jsonOut := fs.Bool("json", false, "write one JSON line per passenger to standard output; the summary goes to standard error")
	alerts := fs.Bool("alerts", false, "print only passengers with a hit, a review or an error")
	progress := fs.Bool("progress", false, "draw a progress bar on standard error (default: when standard error is a terminal)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "border: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if *manifest == "" {
		fmt.Fprintln(stderr, "border: -manifest is required")
		fs.Usage()
		return 2
	}
	showProgress := isTerminal(stderr)
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "progress" {
			showProgress = *progress
		}
	})

	pax, err := readManifestPath(*manifest, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "border: %v\n", err)
		return 2
	}
	ls, err := loadLists(paths)
	if err != nil {
		fmt.Fprintf(stderr, "border: %v\n", err)
		return 2
	}
	for _, l := range ls {
		for _, s := range l.Skipped {
			fmt.Fprintf(stderr, "border: list record skipped: %v\n", s)
		}
	}
	cfg := post{json: *jsonOut, alertsOnly: *alerts, stdout: stdout, stderr: stderr}
	if showProgress {
		cfg.progress = stderr
	}
	if err := cfg.run(ctx, ls, pax); err != nil {
		fmt.Fprintf(stderr, "border: %v\n", err)
		return 1
	}
	return 0
}

// loadLists returns the embedded UN list followed by the lists at paths.
func loadLists(paths []string) ([]*lists.List, error) {
	un, err := lists.Default()
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return []*lists.List{un}, nil
	}
	more, err := lists.LoadAll(context.Background(), paths...)
	if err != nil {
		return nil, err
	}
	return append([]*lists.List{un}, more...), nil
}

// readManifestPath reads the manifest at path, or standard input for "-".
func readManifestPath(path string, stdin io.Reader) ([]passenger, error) {
	if path == "-" {
		return readManifest(stdin, "stdin")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readManifest(f, path)
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
