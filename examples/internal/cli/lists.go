// Package cli holds what the example programs share: the flags that choose
// the lists to screen against and the way they are loaded and reported (so
// that -list means one thing in every program), the opening of an input
// file, messages a person reads for bad JSON, and the text output of a
// match.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
)

// ListFlags are the flags that choose the lists:
//
//	-list PATH  a list file (any format lists.Load reads); repeatable
//	-un         screen against the embedded UN list too (default true);
//	            -un=false screens against the -list files only
//	-strict     refuse to start when a list file has records that could not
//	            be read (by default each is named on standard error and the
//	            list is served without it)
//
// A -list file that is itself a UN Consolidated List takes the place of the
// embedded one: a newer UN list is never screened beside an older one.
type ListFlags struct {
	Paths  []string
	UN     bool
	Strict bool
}

// Register defines the flags -list, -un and -strict on fs.
func (l *ListFlags) Register(fs *flag.FlagSet) {
	fs.Func("list", "list `PATH` to screen against (UN XML, OFAC SDN CSV, UK ConList CSV, Raqib watchlist JSON Lines); repeatable; added to the embedded UN list unless -un=false", func(s string) error {
		if s == "" {
			return errors.New("empty path")
		}
		l.Paths = append(l.Paths, s)
		return nil
	})
	fs.BoolVar(&l.UN, "un", true, "screen against the embedded UN Consolidated List too (replaced by a -list file that is a UN list); -un=false: only the -list files")
	fs.BoolVar(&l.Strict, "strict", false, "refuse to start when a list file has records that could not be read (by default each is named on standard error and screening goes on without it)")
}

// ErrNoLists is returned by Load when -un=false and no -list is given.
var ErrNoLists = errors.New("no lists: give -list PATH, or drop -un=false to screen against the embedded UN list")

// Load loads the lists the flags name, in order: the embedded UN list first
// (unless -un=false, or a -list file is a UN list), then each -list file. Each
// skipped record is written to warn, one line each, with the program's name;
// with -strict, a skipped record is an error.
func (l *ListFlags) Load(ctx context.Context, prog string, warn io.Writer) ([]*lists.List, error) {
	if !l.UN && len(l.Paths) == 0 {
		return nil, ErrNoLists
	}
	var files []*lists.List
	if len(l.Paths) > 0 {
		var err error
		if files, err = lists.LoadAll(ctx, l.Paths...); err != nil {
			return nil, err
		}
	}
	var out []*lists.List
	if l.UN && !hasSource(files, "UN") {
		un, err := lists.Default()
		if err != nil {
			return nil, err
		}
		out = append(out, un)
	}
	out = append(out, files...)
	skipped := 0
	for _, ls := range out {
		for _, err := range ls.Skipped {
			fmt.Fprintf(warn, "%s: skipped record: %v\n", prog, err)
			skipped++
		}
	}
	if skipped > 0 && l.Strict {
		return nil, fmt.Errorf("%s could not be read (named above): -strict refuses to screen without them", plural(skipped, "list record", "list records"))
	}
	return out, nil
}

func hasSource(ls []*lists.List, source string) bool {
	for _, l := range ls {
		if l.Source == source {
			return true
		}
	}
	return false
}

// Sources returns the lists the flags name as sources to read one entry at
// a time (for screening.BuildIndex: a large watchlist is never held whole):
// the embedded UN list first, unless -un=false or a -list file is itself a
// UN list (told from its first bytes), then each -list file.
func (l *ListFlags) Sources() ([]lists.Source, error) {
	if !l.UN && len(l.Paths) == 0 {
		return nil, ErrNoLists
	}
	var out []lists.Source
	unFile := false
	for _, p := range l.Paths {
		f, err := detect(p)
		if err != nil {
			return nil, err
		}
		unFile = unFile || f == lists.FormatUN
		out = append(out, lists.File(p))
	}
	if l.UN && !unFile {
		un, err := lists.Default()
		if err != nil {
			return nil, err
		}
		out = append([]lists.Source{un}, out...)
	}
	return out, nil
}

// detect tells the format of the list file at path from its first bytes.
func detect(path string) (lists.Format, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	format, err := lists.Detect(head[:n])
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return format, nil
}

// Describe writes one line naming each list screened against: source,
// version, entries and, when there are any, the records that could not be
// read.
func Describe(w io.Writer, ls []screening.ListInfo) {
	var parts []string
	for _, l := range ls {
		s := fmt.Sprintf("%s %s (%s", l.Source, l.Version, plural(l.Entries, "entry", "entries"))
		if l.Skipped > 0 {
			s += ", " + plural(l.Skipped, "record", "records") + " skipped"
		}
		parts = append(parts, s+")")
	}
	fmt.Fprintf(w, "lists: %s\n", strings.Join(parts, "; "))
}

// Infos describes loaded lists as a screener would (Screener.Lists), for a
// program that reports them without screening.
func Infos(ls []*lists.List) []screening.ListInfo {
	out := make([]screening.ListInfo, len(ls))
	for i, l := range ls {
		out[i] = screening.ListInfo{Source: l.Source, Version: l.Version, Digest: l.Digest, Entries: len(l.Entries), Skipped: len(l.Skipped)}
	}
	return out
}

// plural writes n and the word for one or for many.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
