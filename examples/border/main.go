// Command border screens a passenger manifest at a border post: every
// passenger against the UN Security Council Consolidated List embedded in
// Raqib and any national watchlists, with a decision for each — hit,
// review or clear — and the reason for it.
//
//	go run ./examples/border -manifest testdata/border/manifest.jsonl
//	go run ./examples/border -manifest flight.csv -list national.jsonl -json > results.jsonl
//
// The manifest is JSON Lines or CSV, told apart by its content. A passenger
// is given by the machine-readable zones of the passport and of a visa (the
// MRZ, as a document reader prints it), by name, birth date, nationality,
// sex and document fields, or both; a face embedding may come with it. See
// docs/border.md for the fields.
//
// Package screening/passport turns each passenger into one query: every
// reading of the name (for a name in the ICAO transliteration of Arabic, the
// name in Arabic script and the spellings other states print), the zone's
// fields that its check digits verify, and notes on what could not be
// trusted. This program keeps to flags, files and output.
//
// Flags:
//
//	-manifest PATH  the manifest (JSON Lines or CSV); "-" reads standard input
//	-list PATH      a list screened too (UN XML, OFAC SDN CSV, UK ConList
//	                CSV, Raqib watchlist JSON Lines, ...); repeatable
//	-un             screen against the embedded UN list (default true);
//	                -un=false screens the -list files only; a -list file
//	                that is a UN list replaces the embedded one
//	-strict         refuse to start when a list has records that could not
//	                be read (by default each is named on standard error)
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
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/raqib/raqib/examples/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the program: it parses args, reads the manifest, writes results to
// stdout and messages to stderr, and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("border", flag.ContinueOnError)
	fs.SetOutput(stderr)
	manifest := fs.String("manifest", "", "passenger manifest `PATH` (JSON Lines or CSV, detected from content); - for standard input")
	var lf cli.ListFlags
	lf.Register(fs)
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
	ls, err := lf.Load(ctx, "border", stderr)
	if err != nil {
		fmt.Fprintf(stderr, "border: %v\n", err)
		return 2
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

// readManifestPath reads the manifest at path, or standard input for "-".
func readManifestPath(path string, stdin io.Reader) ([]passenger, error) {
	r, name, closeFn, err := cli.Open(path, stdin)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	return readManifest(r, name)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// bar is the progress bar of a run, on github.com/schollz/progressbar; the
// bar of a nil writer draws nothing.
type bar struct{ pb *progressbar.ProgressBar }

func newBar(w io.Writer, total int) bar {
	if w == nil {
		return bar{}
	}
	return bar{progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("screening"),
		progressbar.OptionSetItsString("passengers"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
	)}
}

// set shows done passengers screened.
func (b bar) set(done int) {
	if b.pb != nil {
		b.pb.Set(done)
	}
}

// finish fills the bar and ends its line.
func (b bar) finish() {
	if b.pb != nil {
		b.pb.Finish()
	}
}

// stop ends the bar's line where it stands (screening failed).
func (b bar) stop() {
	if b.pb != nil {
		b.pb.Exit()
	}
}
