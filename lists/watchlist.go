package lists

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// WatchlistFormat is the version of the Raqib watchlist format this package
// reads and writes (the value of "raqib_watchlist" in the header line).
const WatchlistFormat = 1

// maxVector caps the length of a face vector in a watchlist.
const maxVector = 4096

// Header is the optional first line of a Raqib watchlist:
// {"raqib_watchlist":1,"source":"NATIONAL","version":"2026-05-08"}.
// Source and Version apply to every entry that does not name its own.
type Header struct {
	Format  int    `json:"raqib_watchlist"`
	Source  string `json:"source,omitempty"`
	Version string `json:"version,omitempty"`
	// Digest is the SHA-256 (hex) of the list file the entries were
	// converted from, when the watchlist is a conversion of one list
	// (screen -dump writes it).
	Digest string `json:"digest,omitempty"`
	// Lists names the lists a watchlist was converted from when there are
	// several (each entry then carries its own source and list_version).
	Lists []ListInfo `json:"lists,omitempty"`
	// Description is free text about the list, for people.
	Description string `json:"description,omitempty"`
}

// ListInfo names one list: its source, version and digest, and the number
// of its entries.
type ListInfo struct {
	Source  string `json:"source"`
	Version string `json:"version,omitempty"`
	Digest  string `json:"digest,omitempty"`
	Entries int    `json:"entries"`
}

// HeaderFor returns the header a conversion of lists writes: the one list's
// source, version and digest, or, for several, each one in Lists.
func HeaderFor(lists ...*List) Header {
	if len(lists) == 1 {
		l := lists[0]
		return Header{Format: WatchlistFormat, Source: l.Source, Version: l.Version, Digest: l.Digest}
	}
	h := Header{Format: WatchlistFormat}
	for _, l := range lists {
		h.Lists = append(h.Lists, ListInfo{Source: l.Source, Version: l.Version, Digest: l.Digest, Entries: len(l.Entries)})
	}
	return h
}

// ReadWatchlist reads a Raqib watchlist (JSON Lines, see
// docs/watchlist-format.md) from r. Name is the file name used in errors.
// A line that is not a valid entry is skipped and reported in List.Skipped;
// a file with more bad lines than entries is an error. List.Digest is left
// empty (Read and Load fill it).
func ReadWatchlist(r io.Reader, name string) (*List, error) {
	st := newState(context.Background(), name)
	l, err := readWatchlist(st, r, nil)
	if err != nil {
		return nil, err
	}
	if err := st.finish(l); err != nil {
		return nil, err
	}
	return l, nil
}

func readWatchlist(st *state, r io.Reader, emit func(*Entry) error) (*List, error) {
	name := st.file
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLine)
	l := &List{}
	var h *Header
	seen := make(map[string]bool)
	line := 0
	sawLine := false // a line other than the header and blank lines
	// Entry lines are decoded in parallel, a chunk at a time, and taken in
	// order: a large watchlist loads on every CPU, with the same result and
	// the same skips as one line after the other.
	var (
		chunk  []wlLine
		jobs   = make(chan *wlChunk, 2*runtime.GOMAXPROCS(0))
		queue  = make(chan *wlChunk, 2*runtime.GOMAXPROCS(0)+1)
		wg     sync.WaitGroup
		tooBig error // more entries than a List holds, or emit's error
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range jobs {
				c.decode()
				close(c.done)
			}
		}()
	}
	// take adds the decoded entries of a chunk, in order.
	take := func(c *wlChunk) {
		<-c.done
		for i := range c.lines {
			wl := &c.lines[i]
			if wl.err != nil {
				st.skip(wl.n, wl.id, wl.err)
				continue
			}
			if seen[wl.e.ID] {
				st.skip(wl.n, wl.e.ID, errors.New("duplicate id"))
				continue
			}
			if tooBig != nil {
				return
			}
			if emit != nil {
				if st.read == 0 && l.Source == "" {
					l.Source = wl.e.Source
				}
				seen[wl.e.ID] = true
				st.read++
				if wl.e.ListVersion == "" {
					wl.e.ListVersion = l.Version
				}
				if err := emit(&wl.e); err != nil {
					tooBig = err
				}
				continue
			}
			if len(l.Entries) >= maxEntries {
				tooBig = &ParseError{File: name, Line: wl.n, Err: fmt.Errorf("%w: more than %d entries", ErrTooLarge, maxEntries)}
				return
			}
			seen[wl.e.ID] = true
			st.read++
			l.Entries = append(l.Entries, wl.e)
		}
	}
	collector := make(chan struct{})
	go func() {
		defer close(collector)
		for c := range queue {
			take(c)
		}
	}()
	send := func() {
		if len(chunk) == 0 {
			return
		}
		c := &wlChunk{lines: chunk, h: h, done: make(chan struct{})}
		queue <- c
		jobs <- c
		chunk = nil
	}
	stop := func() {
		send()
		close(jobs)
		close(queue)
		wg.Wait()
		<-collector
	}
	for sc.Scan() {
		line++
		if err := st.tick(line); err != nil {
			stop()
			return nil, err
		}
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		if !utf8.Valid(b) {
			sawLine = true
			chunk = append(chunk, wlLine{n: line, err: errors.New("invalid UTF-8 (a watchlist is UTF-8)")})
			continue
		}
		if isHeader(b) {
			if h != nil || sawLine {
				chunk = append(chunk, wlLine{n: line, err: errors.New("header line not first")})
				continue
			}
			var hd Header
			if err := strictUnmarshal(b, &hd); err != nil {
				stop()
				return nil, &ParseError{File: name, Line: line, Err: fmt.Errorf("bad header: %w", err)}
			}
			if hd.Format != WatchlistFormat {
				stop()
				return nil, &ParseError{File: name, Line: line, Err: fmt.Errorf("unsupported raqib_watchlist format %d (this reader knows %d)", hd.Format, WatchlistFormat)}
			}
			h = &hd
			l.Source, l.Version = hd.Source, hd.Version
			if hd.Digest != "" {
				l.Origin = append(l.Origin, ListInfo{Source: hd.Source, Version: hd.Version, Digest: hd.Digest})
			}
			l.Origin = append(l.Origin, hd.Lists...)
			continue
		}
		sawLine = true
		chunk = append(chunk, wlLine{n: line, raw: bytes.Clone(b)})
		if len(chunk) == wlChunkLines {
			send()
		}
	}
	stop()
	if tooBig != nil {
		return nil, tooBig
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("%w: line longer than %d bytes", ErrTooLarge, MaxLine)
		}
		var pe *ParseError
		if errors.As(err, &pe) {
			return nil, err
		}
		return nil, &ParseError{File: name, Line: line + 1, Err: err}
	}
	if l.Source == "" && len(l.Entries) > 0 {
		l.Source = l.Entries[0].Source
	}
	return l, nil
}

// wlChunkLines is how many watchlist lines one worker decodes at a time.
const wlChunkLines = 512

// wlLine is one line of a watchlist: its number, its bytes, and once
// decoded its entry or the reason it was skipped.
type wlLine struct {
	n   int
	raw []byte
	e   Entry
	id  string
	err error
}

// wlChunk is lines decoded together; done is closed once they are.
type wlChunk struct {
	lines []wlLine
	h     *Header
	done  chan struct{}
}

func (c *wlChunk) decode() {
	for i := range c.lines {
		wl := &c.lines[i]
		if wl.err != nil {
			continue
		}
		if err := decodeEntry(wl.raw, &wl.e); err != nil {
			wl.err = err
		} else if err := fixWatchlistEntry(&wl.e, c.h); err != nil {
			wl.id, wl.err = wl.e.ID, err
		}
		wl.raw = nil
	}
}

// isHeader reports whether a line is a header object (has "raqib_watchlist").
func isHeader(b []byte) bool {
	if !bytes.Contains(b, []byte(`"raqib_watchlist"`)) {
		return false
	}
	var probe struct {
		Format *json.RawMessage `json:"raqib_watchlist"`
	}
	return json.Unmarshal(b, &probe) == nil && probe.Format != nil
}

// decodeEntry decodes an entry line as strictUnmarshal does. It tries the
// faster and stricter decoder of package json v2 first (names matched
// exactly, no name twice, valid UTF-8, no unknown member, nothing after the
// value): what it accepts, encoding/json reads the same way. Anything it
// refuses is read again by strictUnmarshal, whose result and error are the
// line's, so the entries read and the reasons a line is skipped are
// encoding/json's.
func decodeEntry(b []byte, e *Entry) error {
	if jsonv2.Unmarshal(b, e, entryOpts) == nil {
		return nil
	}
	*e = Entry{}
	return strictUnmarshal(b, e)
}

var entryOpts = jsonv2.RejectUnknownMembers(true)

// strictUnmarshal decodes one JSON value, refusing unknown fields and trailing data.
func strictUnmarshal(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return errors.New("more than one JSON value on the line")
	}
	return nil
}

// fixWatchlistEntry fills defaults from the header and checks an entry.
func fixWatchlistEntry(e *Entry, h *Header) error {
	if e.Source == "" && h != nil {
		e.Source = h.Source
	}
	if e.ListVersion == "" && h != nil {
		e.ListVersion = h.Version
	}
	if e.ID == "" {
		if e.Source == "" || e.Ref == "" {
			return errors.New(`no "id", and no "source" and "ref" to make one`)
		}
		e.ID = e.Source + ":" + e.Ref
	}
	if e.Ref == "" {
		if _, ref, ok := strings.Cut(e.ID, ":"); ok {
			e.Ref = ref
		} else {
			e.Ref = e.ID
		}
	}
	switch e.Kind {
	case KindPerson, KindOrganisation, KindVessel, KindAircraft:
	case "":
		return errors.New(`no "kind"`)
	default:
		return fmt.Errorf("unknown kind %q", truncate(string(e.Kind), 40))
	}
	named := false
	for i, n := range e.Names {
		if strings.TrimSpace(n.Full) != "" {
			named = true
		}
		switch n.Quality {
		case NamePrimary, NameGood, NameLow, NameFormer, NameOriginalScript:
		case "":
			e.Names[i].Quality = NameGood
		default:
			return fmt.Errorf("name %d: unknown quality %q", i, truncate(string(n.Quality), 40))
		}
	}
	if !named {
		return errors.New("no name")
	}
	for i, f := range e.Faces {
		if f.Model == "" {
			return fmt.Errorf("face %d: no model", i)
		}
		if len(f.Vector) == 0 || len(f.Vector) > maxVector {
			return fmt.Errorf("face %d: vector of %d values, want 1 to %d", i, len(f.Vector), maxVector)
		}
		for _, x := range f.Vector {
			if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
				return fmt.Errorf("face %d: vector value not finite", i)
			}
		}
	}
	for i, fp := range e.Fingerprints {
		switch fp.Format {
		case "iso19794-2", "ansi378":
		default:
			return fmt.Errorf("fingerprint %d: unknown format %q (want iso19794-2 or ansi378)", i, truncate(fp.Format, 40))
		}
		if len(fp.Data) == 0 {
			return fmt.Errorf("fingerprint %d: no data", i)
		}
		if fp.Position < 0 || fp.Position > 15 {
			return fmt.Errorf("fingerprint %d: finger position %d out of range 0-15", i, fp.Position)
		}
	}
	for i, d := range e.Documents {
		if d.Normalized == "" && d.Number != "" {
			e.Documents[i].Normalized = documentNumber(d.Number)
		}
	}
	return nil
}

// Writer writes a Raqib watchlist, one JSON object a line.
type Writer struct {
	w   *bufio.Writer
	enc *json.Encoder
}

// NewWriter returns a Writer that writes to w. Call Flush when done.
func NewWriter(w io.Writer) *Writer {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &Writer{w: bw, enc: enc}
}

// WriteHeader writes the header line; call it first, if at all. A zero
// Format is written as WatchlistFormat.
func (w *Writer) WriteHeader(h Header) error {
	if h.Format == 0 {
		h.Format = WatchlistFormat
	}
	return w.enc.Encode(h)
}

// Write writes one entry as one line.
func (w *Writer) Write(e *Entry) error { return w.enc.Encode(e) }

// Flush writes any buffered data to the underlying writer.
func (w *Writer) Flush() error { return w.w.Flush() }

// WriteWatchlist writes l as a Raqib watchlist: a header line with the
// list's source, version and digest, then one line per entry.
func WriteWatchlist(w io.Writer, l *List) error {
	ww := NewWriter(w)
	if err := ww.WriteHeader(HeaderFor(l)); err != nil {
		return err
	}
	for i := range l.Entries {
		if err := ww.Write(&l.Entries[i]); err != nil {
			return fmt.Errorf("entry %s: %w", l.Entries[i].ID, err)
		}
	}
	return ww.Flush()
}

// UnmarshalJSONFrom is UnmarshalJSON for json v2, decodeEntry's first
// decoder, without the copy of the value and the second decoder of
// encoding/json. It reads a string or an object as UnmarshalJSON does, and
// refuses anything else (a null, which encoding/json reads as no date): the
// line is then read again by encoding/json.
func (d *BirthDate) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	switch dec.PeekKind() {
	case '"':
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		s := tok.String()
		rs, err := parseDate(s)
		if err != nil || len(rs) != 1 {
			return errors.New("birth date: not one date")
		}
		*d = BirthDate{DateRange: rs[0], Text: strings.TrimSpace(s)}
		return nil
	case '{':
		type plain BirthDate // without these methods
		var p plain
		if err := jsonv2.UnmarshalDecode(dec, &p, entryOpts); err != nil {
			return err
		}
		*d = BirthDate(p)
		return nil
	}
	return errors.New("birth date: not a string or an object")
}

// UnmarshalJSON reads a birth date in either form a watchlist may use: the
// structured object ({"from":"1970-05-02","to":"1970-05-02","precision":"day"})
// or a plain string as a person writes it ("1970-05-02", "1970-05", "1970",
// "2 May 1970", "approximately 1975", "between 1970 and 1972"), which is
// read with normalize.ParseDate and kept in Text. A string that can be read
// more than one way ("01/02/1970") is an error: write it as YYYY-MM-DD.
func (d *BirthDate) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		rs, err := parseDate(s)
		if err != nil {
			return fmt.Errorf("birth date %q: not a date this reader understands (write YYYY-MM-DD, YYYY-MM or YYYY)", truncate(s, 40))
		}
		if len(rs) > 1 {
			return fmt.Errorf("birth date %q can be read %d ways: write it as YYYY-MM-DD", truncate(s, 40), len(rs))
		}
		*d = BirthDate{DateRange: rs[0], Text: strings.TrimSpace(s)}
		return nil
	}
	type plain BirthDate // without this method
	var p plain
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return err
	}
	*d = BirthDate(p)
	return nil
}
