package lists

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Format is one of the list formats this package reads.
type Format string

// The formats Detect recognises.
const (
	FormatUN        Format = "un-xml"         // UN Security Council Consolidated List XML
	FormatOFAC      Format = "ofac-csv"       // OFAC SDN legacy CSV (sdn.csv)
	FormatUK        Format = "uk-conlist-csv" // UK HM Treasury ConList CSV
	FormatWatchlist Format = "raqib-jsonl"    // Raqib watchlist, JSON Lines
)

var ofacFirstLine = regexp.MustCompile(`^\s*\d+\s*,\s*"`)

// Detect tells the format of a list from the first bytes of its content
// (a few kilobytes are enough). It returns ErrUnknownFormat when none fits.
func Detect(head []byte) (Format, error) {
	b := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n")
	switch {
	case len(b) == 0:
		return "", fmt.Errorf("%w: empty file", ErrUnknownFormat)
	case b[0] == '<':
		if bytes.Contains(b, []byte("<CONSOLIDATED_LIST")) {
			return FormatUN, nil
		}
		return "", fmt.Errorf("%w: XML without <CONSOLIDATED_LIST>", ErrUnknownFormat)
	case b[0] == '{':
		return FormatWatchlist, nil
	case bytes.HasPrefix(b, []byte("Last Updated,")):
		return FormatUK, nil
	}
	line := b
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if ofacFirstLine.Match(line) {
		return FormatOFAC, nil
	}
	return "", fmt.Errorf("%w: content starts %q", ErrUnknownFormat, truncate(string(bytes.ToValidUTF8(line, []byte("?"))), 40))
}

// Read reads a list in any of the formats Detect recognises from r. Name is
// the file name used in errors. OFAC's alt.csv, add.csv and sdn_comments.csv
// are read only by Load, which can find them beside sdn.csv.
func Read(r io.Reader, name string) (*List, error) {
	return read(r, name, nil)
}

// Load reads the list file at path, whatever its format. For an OFAC file
// named sdn.csv, the alt.csv, add.csv and sdn_comments.csv that stand beside
// it are read too.
func Load(path string) (*List, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &ParseError{File: path, Err: err}
	}
	defer f.Close()
	var side *ofacSide
	if strings.EqualFold(filepath.Base(path), "sdn.csv") {
		side = &ofacSide{dir: filepath.Dir(path)}
	}
	return read(f, path, side)
}

func read(r io.Reader, name string, side *ofacSide) (*List, error) {
	br := bufio.NewReaderSize(r, 8192)
	head, err := br.Peek(4096)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, &ParseError{File: name, Err: err}
	}
	f, err := Detect(head)
	if err != nil {
		return nil, &ParseError{File: name, Line: 1, Err: err}
	}
	if f != FormatUK && bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		br.Discard(3) // a UTF-8 byte order mark; the UK reader looks at it itself
	}
	var l *List
	switch f {
	case FormatUN:
		l, err = readUN(br, name)
	case FormatOFAC:
		l, err = readOFAC(br, name, side)
	case FormatUK:
		l, err = readUK(br, name)
	case FormatWatchlist:
		l, err = ReadWatchlist(br, name)
	}
	if err != nil {
		return nil, err
	}
	return l, nil
}

// validUTF8 reports whether s is valid UTF-8 (the readers of UTF-8 formats
// reject other encodings with an error naming the line).
func validUTF8(s string) bool { return utf8.ValidString(s) }

// LoadAll loads the list at each path, in order; with no path, it returns the
// embedded default list. The first error stops it and names its file; a
// cancelled ctx stops it between files.
func LoadAll(ctx context.Context, paths ...string) ([]*List, error) {
	if len(paths) == 0 {
		l, err := Default()
		if err != nil {
			return nil, err
		}
		return []*List{l}, nil
	}
	out := make([]*List, 0, len(paths))
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		l, err := Load(p)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}
