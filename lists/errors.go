package lists

import (
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Limits on untrusted input. A reader stops with an error rather than
// allocate without bound.
const (
	// MaxField is the largest field, XML text or attribute, or CSV record
	// (plus a small read-ahead margin) a reader accepts.
	MaxField = 1 << 20
	// MaxLine is the longest line a watchlist (JSON Lines) may have; a line
	// holds a whole entry with its biometric templates.
	MaxLine = 16 << 20
	// MaxDepth is the deepest XML element nesting a reader follows.
	MaxDepth = 32
	// MaxRecord is the largest record a reader accepts: a UN INDIVIDUAL or
	// ENTITY, an OFAC DistinctParty or reference table, a Canada record, an
	// FtM entity line, or the rows of one UK group added up. The largest
	// records of the real lists are a few tens of kilobytes.
	MaxRecord = 4 << 20
)

// maxEntries caps the entries of one list; a variable so that tests can lower it.
var maxEntries = 5_000_000

// maxRecord is MaxRecord, as a variable so that tests can lower it.
var maxRecord = MaxRecord

// maxNodes caps the XML elements of one record.
const maxNodes = 100_000

// maxSkipped caps the errors a List keeps in Skipped; past it one last error
// says how many more records were skipped, so that a file of a million bad
// records costs bounded memory and still loses nothing silently.
const maxSkipped = 10_000

// ErrUnknownFormat is returned (wrapped in a ParseError) when the content of
// a file is none of the formats this package reads.
var ErrUnknownFormat = errors.New("unknown list format")

// ErrTooLarge is returned (wrapped) when input exceeds one of the limits.
var ErrTooLarge = errors.New("input exceeds limit")

// ErrUnsupportedFormat is returned (wrapped in a ParseError) for content this
// package recognises but does not read: Senzing JSON, the EU Financial
// Sanctions Files XML, OFAC's SDN XML, an XML Schema, an HTML page, a gzip or
// ZIP archive, a PDF, UTF-16 text. The error names what the content is.
var ErrUnsupportedFormat = errors.New("unsupported list format")

// ErrTooManySkipped is returned (wrapped in a ParseError) when more records
// of a file could not be read than could: such a file is broken, and loading
// the rest would silently screen against a fraction of the list.
var ErrTooManySkipped = errors.New("more records skipped than read")

// ErrNotAList is returned (wrapped in a ParseError) by Read and Load for an
// FtM delta file, which updates a list rather than being one (see LoadFtMDelta).
var ErrNotAList = errors.New("not a list")

// ParseError is the error a reader returns for input it cannot read, and the
// error it keeps in List.Skipped for a record it skipped. It names the file,
// the line (1-based, 0 when unknown) and the record (a list reference such as
// "QDi.155" or a record number, "" when unknown).
type ParseError struct {
	File   string
	Line   int
	Record string
	Err    error
}

// Error formats the error as "file:line: record: err", leaving out what is unknown.
func (e *ParseError) Error() string {
	s := e.File
	if s == "" {
		s = "<input>"
	}
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
	}
	if e.Record != "" {
		s += ": record " + e.Record
	}
	return s + ": " + fmt.Sprint(e.Err)
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// guardReader fails a read once more than limit bytes have passed since the
// last byte equal to sep (or since the last reset), so that a decoder reading
// from it never buffers an unbounded token.
type guardReader struct {
	r     io.Reader
	sep   byte // 0: count every byte until reset
	limit int
	run   int
	err   error
}

func (g *guardReader) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for i := 0; i < n; i++ {
		if g.sep != 0 && p[i] == g.sep {
			g.run = 0
			continue
		}
		g.run++
		if g.run > g.limit {
			g.err = fmt.Errorf("%w: a field, token or record longer than %d bytes", ErrTooLarge, g.limit)
			return i, g.err
		}
	}
	return n, err
}

func (g *guardReader) reset() { g.run = 0 }
