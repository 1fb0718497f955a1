package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strings"

	"github.com/raqib/raqib/lists"
)

// deltaFlags collects repeated -delta flags: FollowTheMoney delta files
// (OpenSanctions' ADD/MOD/DEL operations), applied in order to the list
// read from FtM entities that the -list flags load.
type deltaFlags []string

func (d *deltaFlags) String() string { return strings.Join(*d, ",") }

func (d *deltaFlags) Set(s string) error {
	if s == "" {
		return errors.New("empty path")
	}
	*d = append(*d, s)
	return nil
}

// sniffSize is how much of a file is read to tell its format (what
// lists.Read gives lists.Detect).
const sniffSize = 64 << 10

// checkDeltas opens each delta file and tells its format, so that a wrong
// path, or a file that is no FtM delta, is said before the lists load.
func checkDeltas(paths []string) error {
	for _, p := range paths {
		if err := checkDelta(p); err != nil {
			return fmt.Errorf("-delta %w", err)
		}
	}
	return nil
}

// checkDelta says what is wrong with the file at path as a delta, naming it.
func checkDelta(path string) error {
	head, err := sniff(path)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\ufeff")))) == 0 {
		// A delta that changes nothing would still move the list to the
		// version its name gives: refuse it rather than claim a version
		// whose changes were never read (a download cut short?).
		return &lists.ParseError{File: path, Err: errors.New("an empty file: no ADD, MOD or DEL lines (a download cut short?)")}
	}
	format, err := lists.Detect(head)
	if err != nil {
		return &lists.ParseError{File: path, Line: 1, Err: err}
	}
	if format != lists.FormatFtMDelta {
		return &lists.ParseError{File: path, Line: 1, Err: fmt.Errorf("a list file (%s), not an FtM delta (ADD/MOD/DEL lines): give a list with -list", format)}
	}
	return nil
}

// deltaVersion matches the versions OpenSanctions gives its exports and
// deltas (20240528014702-pfh): a time, which orders them.
var deltaVersion = regexp.MustCompile(`^(\d{14})-`)

// applyDeltas applies the delta files in order to the one list of ls read
// from FollowTheMoney entities, and returns the lists with it updated. The
// -list files, listPaths, are the last lists of ls, in order (see
// cli.ListFlags.Load); which one holds FtM entities is told by its content. Each record of a delta that cannot be read is
// written to warn, and one line says what each delta changed; with strict
// a record that cannot be read is an error.
func applyDeltas(ctx context.Context, ls []*lists.List, listPaths, paths []string, strict bool, warn io.Writer) ([]*lists.List, error) {
	if len(paths) == 0 {
		return ls, nil
	}
	if len(listPaths) > len(ls) {
		return nil, fmt.Errorf("-delta: %d lists loaded for %d -list files", len(ls), len(listPaths))
	}
	off := len(ls) - len(listPaths)
	at := -1
	for i, p := range listPaths {
		ok, err := isFtM(p)
		if err != nil {
			return nil, fmt.Errorf("-delta: %w", err)
		}
		if !ok {
			continue
		}
		if at >= 0 {
			return nil, fmt.Errorf("-delta %s: %s and %s are both FollowTheMoney entity files: a delta follows one export; give only the list it follows with -list", paths[0], listPaths[at-off], p)
		}
		at = off + i
	}
	if at < 0 {
		return nil, fmt.Errorf("-delta %s: no -list is a file of FollowTheMoney entities: a delta applies to the FtM list it follows (an OpenSanctions export given with -list)", paths[0])
	}
	out := append([]*lists.List(nil), ls...)
	var prev, prevVersion, prevPath string
	for _, p := range paths {
		base := out[at]
		next, d, err := lists.LoadFtMDelta(ctx, base, p)
		if err != nil {
			return nil, fmt.Errorf("-delta %w", err)
		}
		if m := deltaVersion.FindStringSubmatch(next.Version); m != nil {
			if prev != "" && m[1] <= prev {
				return nil, fmt.Errorf("-delta %s: version %s does not follow %s of %s: give the deltas in version order, each once", p, next.Version, prevVersion, prevPath)
			}
			prev, prevVersion, prevPath = m[1], next.Version, p
		}
		skipped := next.Skipped[len(base.Skipped):]
		for _, err := range skipped {
			fmt.Fprintf(warn, "screen: skipped record: %v\n", err)
		}
		if strict && len(skipped) > 0 {
			return nil, fmt.Errorf("-delta %s: %s could not be read (named above): -strict refuses to screen without them", p, plural(len(skipped), "record", "records"))
		}
		fmt.Fprintf(warn, "screen: -delta %s: %s %s -> %s: %d added, %d removed, %d changed\n",
			p, base.Source, base.Version, next.Version, len(d.Added), len(d.Removed), len(d.Changed))
		out[at] = next
	}
	return out, nil
}

// isFtM reports whether the list file at path holds FollowTheMoney
// entities, by its content as lists.Load tells it.
func isFtM(path string) (bool, error) {
	head, err := sniff(path)
	if err != nil {
		return false, err
	}
	format, err := lists.Detect(head)
	return err == nil && format == lists.FormatFtM, nil
}

// sniff returns the first bytes of the file at path (sniffSize at most),
// with an error naming the path once.
func sniff(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = fmt.Errorf("%s: %w", pe.Op, pe.Err)
		}
		return nil, &lists.ParseError{File: path, Err: err}
	}
	defer f.Close()
	head := make([]byte, sniffSize)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, &lists.ParseError{File: path, Err: err}
	}
	return head[:n], nil
}

// plural writes n and the word for one or for many.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
