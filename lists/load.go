package lists

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
	FormatUN           Format = "un-xml"            // UN Security Council Consolidated List XML
	FormatOFAC         Format = "ofac-csv"          // OFAC SDN legacy CSV (sdn.csv)
	FormatOFACAdvanced Format = "ofac-advanced-xml" // OFAC SDN advanced XML (sdn_advanced.xml)
	FormatUK           Format = "uk-conlist-csv"    // UK HM Treasury ConList CSV
	FormatCanadaSEMA   Format = "ca-sema-xml"       // Canada Special Economic Measures Act list XML
	FormatFtM          Format = "ftm-jsonl"         // FollowTheMoney entities, JSON Lines
	FormatFtMDelta     Format = "ftm-delta"         // FollowTheMoney delta operations (ADD/MOD/DEL), JSON Lines
	FormatWatchlist    Format = "raqib-jsonl"       // Raqib watchlist, JSON Lines
)

// sniffSize is how much of a file Detect is given by Read: enough for the
// first line of an FtM file and the root element of any XML list.
const sniffSize = 64 << 10

var ofacFirstLine = regexp.MustCompile(`^\s*\d+\s*,\s*"`)

// Detect tells the format of a list from the first bytes of its content
// (Read gives it 64 KiB). It returns an error wrapping ErrUnsupportedFormat
// for content it recognises but this package does not read (Senzing JSON,
// EU FSF XML, OFAC SDN XML, an XML Schema, HTML, gzip, ZIP, PDF, UTF-16),
// naming what it is, and ErrUnknownFormat for anything else.
func Detect(head []byte) (Format, error) {
	switch {
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return "", fmt.Errorf("%w: a gzip-compressed file: decompress it first (gunzip)", ErrUnsupportedFormat)
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "", fmt.Errorf("%w: a ZIP archive: extract the list file from it first", ErrUnsupportedFormat)
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return "", fmt.Errorf("%w: a PDF document, not a machine-readable list", ErrUnsupportedFormat)
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		return "", fmt.Errorf("%w: UTF-16 text: convert it to UTF-8 first", ErrUnsupportedFormat)
	}
	b := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n")
	switch {
	case len(b) == 0:
		return "", fmt.Errorf("%w: empty file", ErrUnknownFormat)
	case b[0] == '<':
		return detectXML(b)
	case b[0] == '{':
		return detectJSON(b)
	case b[0] == '[':
		return "", fmt.Errorf("%w: a JSON array; the JSON formats read here are JSON Lines, one object a line", ErrUnsupportedFormat)
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

// detectXML tells an XML list by its root element.
func detectXML(b []byte) (Format, error) {
	lower := bytes.ToLower(b[:min(len(b), 1024)])
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) {
		return "", fmt.Errorf("%w: an HTML page, not a list (a download that returned a web page?)", ErrUnsupportedFormat)
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	var root xml.StartElement
	for {
		tok, err := d.Token()
		if err != nil {
			return "", fmt.Errorf("%w: XML without a root element in the first %d bytes", ErrUnknownFormat, len(b))
		}
		if se, ok := tok.(xml.StartElement); ok {
			root = se
			break
		}
	}
	has := func(s string) bool { return bytes.Contains(b, []byte(s)) }
	switch name := root.Name.Local; {
	case name == "CONSOLIDATED_LIST":
		return FormatUN, nil
	case name == "Sanctions" && (has("ReferenceValueSets") || has("DistinctParties") || has("DateOfIssue")):
		return FormatOFACAdvanced, nil
	case name == "data-set" && has("<record"):
		return FormatCanadaSEMA, nil
	case name == "html":
		return "", fmt.Errorf("%w: an HTML page, not a list (a download that returned a web page?)", ErrUnsupportedFormat)
	case name == "schema":
		what := "an XML Schema (XSD)"
		if has(`"DistinctParty"`) {
			what = "the XML Schema (XSD) of OFAC's advanced format"
		}
		return "", fmt.Errorf("%w: %s, which describes a list format but holds no list", ErrUnsupportedFormat, what)
	case name == "export" && (has("sanctionEntity") || has("fsd/export")):
		return "", fmt.Errorf("%w: the EU Financial Sanctions Files (FSF) XML, which Raqib does not read; use the EU list in FtM form (OpenSanctions eu_fsf)", ErrUnsupportedFormat)
	case name == "sdnList":
		return "", fmt.Errorf("%w: OFAC's SDN XML (sdn.xml), which Raqib does not read; use sdn.csv or sdn_advanced.xml", ErrUnsupportedFormat)
	default:
		return "", fmt.Errorf("%w: XML with root element <%s>", ErrUnknownFormat, truncate(name, 40))
	}
}

// detectJSON tells the JSON Lines formats apart by the keys of the first
// object (as many as the head holds).
func detectJSON(b []byte) (Format, error) {
	keys := map[string]bool{}
	d := json.NewDecoder(bytes.NewReader(b))
	if tok, err := d.Token(); err == nil && tok == json.Delim('{') {
		for d.More() {
			tok, err := d.Token()
			if err != nil {
				break
			}
			k, ok := tok.(string)
			if !ok {
				break
			}
			keys[k] = true
			var skip json.RawMessage
			if d.Decode(&skip) != nil {
				break
			}
		}
	}
	switch {
	case keys["raqib_watchlist"]:
		return FormatWatchlist, nil
	case keys["op"] && keys["entity"]:
		return FormatFtMDelta, nil
	case keys["schema"] && (keys["properties"] || keys["id"]):
		return FormatFtM, nil
	case keys["DATA_SOURCE"] || keys["RECORD_ID"]:
		return "", fmt.Errorf("%w: Senzing entity JSON (DATA_SOURCE, RECORD_ID), which Raqib does not read; use the list's own file or its FtM form", ErrUnsupportedFormat)
	}
	return FormatWatchlist, nil
}

// Read reads a list in any of the formats Detect recognises from r. Name is
// the file name used in errors. OFAC's alt.csv, add.csv and sdn_comments.csv
// are read only by Load, which can find them beside sdn.csv.
func Read(r io.Reader, name string) (*List, error) {
	return read(context.Background(), r, name, nil, nil)
}

// ReadContext is Read with a context: a cancelled ctx stops the reading
// within a few thousand records, with an error wrapping ctx.Err().
func ReadContext(ctx context.Context, r io.Reader, name string) (*List, error) {
	return read(ctx, r, name, nil, nil)
}

// Load reads the list file at path, whatever its format. For an OFAC file
// named sdn.csv, the alt.csv, add.csv and sdn_comments.csv that stand beside
// it are read too.
func Load(path string) (*List, error) {
	return LoadContext(context.Background(), path)
}

// LoadContext is Load with a context: a cancelled ctx stops the reading
// within a few thousand records, with an error wrapping ctx.Err().
func LoadContext(ctx context.Context, path string) (*List, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, openError(path, err)
	}
	defer f.Close()
	var side *ofacSide
	if strings.EqualFold(filepath.Base(path), "sdn.csv") {
		side = &ofacSide{dir: filepath.Dir(path)}
	}
	return read(ctx, f, path, side, nil)
}

// openError names the path once: "x.csv: open: no such file or directory".
func openError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return &ParseError{File: path, Err: err}
}

// digestVersion is the version of a list whose file names none.
func digestVersion(digest string) string { return "sha256:" + digest[:16] }

// read reads a list from r. With emit, the entries are handed to emit one
// at a time instead of kept in List.Entries (a watchlist is then never held
// whole; other formats are read whole first), and an error from emit stops
// the reading.
func read(ctx context.Context, r io.Reader, name string, side *ofacSide, emit func(*Entry) error) (*List, error) {
	st := newState(ctx, name)
	if err := st.cancelled(0); err != nil {
		return nil, err
	}
	h := sha256.New()
	br := bufio.NewReaderSize(io.TeeReader(r, h), sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, openError(name, err)
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
		l, err = readUN(st, br)
	case FormatOFAC:
		l, err = readOFAC(st, br, side)
	case FormatOFACAdvanced:
		l, err = readOFACAdvanced(st, br)
	case FormatUK:
		l, err = readUK(st, br)
	case FormatCanadaSEMA:
		l, err = readSEMA(st, br)
	case FormatFtM:
		l, err = readFtM(st, br)
	case FormatFtMDelta:
		return nil, &ParseError{File: name, Line: 1, Err: fmt.Errorf("%w: an FtM delta file (ADD/MOD/DEL operations), which updates a list: apply it to the list it follows with lists.LoadFtMDelta", ErrNotAList)}
	case FormatWatchlist:
		l, err = readWatchlist(st, br, emit)
	}
	if err != nil {
		return nil, err
	}
	if err := st.finish(l); err != nil {
		return nil, err
	}
	// Whatever follows the list (trailing blanks) is part of the file.
	if _, err := io.Copy(io.Discard, br); err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	l.Digest = hex.EncodeToString(h.Sum(nil))
	if side != nil && len(side.digests) > 0 {
		// The list is made of several files: its digest is that of the
		// lines "file hex", sdn.csv first, then each companion read.
		lines := append([]string{"sdn.csv " + l.Digest}, side.digests...)
		sum := sha256.Sum256([]byte(strings.Join(lines, "\n") + "\n"))
		l.Digest = hex.EncodeToString(sum[:])
	}
	if l.Version == "" {
		l.Version = digestVersion(l.Digest)
	}
	for i := range l.Entries {
		if l.Entries[i].ListVersion == "" {
			l.Entries[i].ListVersion = l.Version
		}
	}
	if emit != nil && f != FormatWatchlist {
		for i := range l.Entries {
			if err := emit(&l.Entries[i]); err != nil {
				return nil, err
			}
		}
		l.Entries = nil
	}
	return l, nil
}

// Source is a list that can be read one entry at a time: a file (File) or
// a List already loaded.
type Source interface {
	// Scan calls fn with each entry of the list, in order, and returns the
	// list's description — source, version, digest, skipped records — with
	// no Entries. An error from fn stops the scan and is returned.
	Scan(ctx context.Context, fn func(*Entry) error) (*List, error)
}

// File is the list file at path as a Source. A Raqib watchlist is read one
// line at a time and never held whole, however large; the other formats are
// read whole first (their records group into entries across the file). An
// entry of a watchlist without a version in its header has an empty
// ListVersion (the version from its digest is known only at the end).
func File(path string) Source { return fileSource(path) }

type fileSource string

func (p fileSource) Scan(ctx context.Context, fn func(*Entry) error) (*List, error) {
	path := string(p)
	f, err := os.Open(path)
	if err != nil {
		return nil, openError(path, err)
	}
	defer f.Close()
	var side *ofacSide
	if strings.EqualFold(filepath.Base(path), "sdn.csv") {
		side = &ofacSide{dir: filepath.Dir(path)}
	}
	return read(ctx, f, path, side, fn)
}

// Scan calls fn with each of l's entries, in order, and returns l's
// description with no Entries; it makes a List a Source.
func (l *List) Scan(ctx context.Context, fn func(*Entry) error) (*List, error) {
	for i := range l.Entries {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if err := fn(&l.Entries[i]); err != nil {
			return nil, err
		}
	}
	d := *l
	d.Entries = nil
	return &d, nil
}

// validUTF8 reports whether s is valid UTF-8 (the readers of UTF-8 formats
// reject other encodings with an error naming the line).
func validUTF8(s string) bool { return utf8.ValidString(s) }

// LoadAll loads the list at each path, in order; with no path, it returns the
// embedded default list. The first error stops it and names its file; a
// cancelled ctx stops it between files and, within a file, within a few
// thousand records.
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
		l, err := LoadContext(ctx, p)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}
