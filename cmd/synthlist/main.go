// Command synthlist writes a synthetic watchlist and queries for measuring
// screening at scale (package internal/synth; docs/scale.md says how the
// names are drawn).
//
//	go run ./cmd/synthlist -n 1000000 -seed 1 -out /tmp/syn1m
//
// writes into the -out directory:
//
//	list.jsonl     n people in the Raqib watchlist format, with a header line
//	queries.jsonl  -pos positives and -neg negatives in the query format of examples/screen
//	truth.csv      query_id, entry_id (empty for a negative), culture, changes, namesake counts
//	summary.json   counts, the culture mix, how many negatives share a name with an entry
//
// The same seed and n give the same bytes; the first n entries of a longer
// list are the list of n. The exit status is 2 for bad flags, 1 when the
// files cannot be written.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/raqib/raqib/internal/synth"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("synthlist", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 100000, "number of listed people")
	seed := fs.Uint64("seed", 1, "random `seed`")
	out := fs.String("out", "", "output `directory` (required; keep it out of the repository, e.g. under /tmp)")
	pos := fs.Int("pos", 1000, "number of positive queries (listed people)")
	neg := fs.Int("neg", 1000, "number of negative queries (people on no list)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "synthlist: give -out DIR (and no arguments); -h for help")
		return 2
	}
	if *n < 1 || *n > synth.MaxEntries {
		fmt.Fprintf(stderr, "synthlist: -n %d: want 1 to %d\n", *n, synth.MaxEntries)
		return 2
	}
	if *pos < 0 || *neg < 0 || *pos > *n {
		fmt.Fprintf(stderr, "synthlist: -pos %d -neg %d: want 0 <= pos <= n and neg >= 0\n", *pos, *neg)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	sum, err := synth.Write(ctx, *out, *seed, *n, synth.WithPositives(*pos), synth.WithNegatives(*neg))
	if err != nil {
		fmt.Fprintf(stderr, "synthlist: %v\n", err)
		return 1
	}
	b, _ := json.MarshalIndent(sum, "", "  ")
	fmt.Fprintf(stdout, "%s\n", b)
	return 0
}
