// Package audit writes and verifies a tamper-evident audit log of screenings.
//
// The log is JSON Lines, one Record a line. A record holds what an auditor
// needs to reconstruct a decision — when, which request, which list versions
// and thresholds, which entries matched with what score and decision, which
// library version — but never the query itself: names are personal data, and
// face vectors and fingerprints are biometric data. The query is kept only as
// its SHA-256 hash, so that a query presented later can be shown to be the one
// screened.
//
// Each record is chained to the one before it: its "prev" field holds the
// previous record's hash, and its "hash" field, always the last member of the
// line, is the SHA-256 of the record's canonical JSON without its own hash —
// the exact bytes of the line up to `,"hash":` followed by `}`. The canonical
// JSON is the encoding/json encoding of Record: members in the order of the
// struct, no insignificant white space, times in UTC. Editing, removing,
// inserting or reordering a record breaks the chain at that line, and Verify
// names the line. Removing records from the end of the log cannot be seen from
// the log alone: keep the last hash (Writer.Last, or the output of Verify's
// callers) somewhere else from time to time to anchor the chain.
//
// Hashing a query hides it from a casual reader of the log, not from someone
// who guesses it: a name can be confirmed by hashing guesses. Protect the log
// like the personal data it stands for.
package audit

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/screening"
)

// Record is one audited screening of one query.
type Record struct {
	// Seq numbers the records of a log from 1.
	Seq  int64     `json:"seq"`
	Time time.Time `json:"time"`
	// RequestID identifies the request that asked for the screening; Index is
	// the position of the query in a batch (0 for a single query).
	RequestID string `json:"request_id,omitempty"`
	Index     int    `json:"index"`
	// QueryHash is "sha256:" and the hex SHA-256 of the query's JSON encoding
	// (see HashQuery).
	QueryHash  string     `json:"query_hash"`
	Lists      []List     `json:"lists"`
	Thresholds Thresholds `json:"thresholds"`
	Matches    []Match    `json:"matches"`
	// Error is why the query could not be screened, if it could not.
	Error string `json:"error,omitempty"`
	// Library is the version of Raqib that screened (see LibraryVersion).
	Library string `json:"library"`
	// Prev is the hash of the record before this one, "" for the first record.
	Prev string `json:"prev"`
	// Hash is the SHA-256 (hex) of the record's canonical JSON without Hash.
	// Writer.Write sets it.
	Hash string `json:"hash,omitempty"`
}

// List is a list version a query was screened against.
type List struct {
	Source  string `json:"source"`
	Version string `json:"version"`
	Entries int    `json:"entries"`
}

// Thresholds are the review and hit thresholds in force.
type Thresholds struct {
	Review float64 `json:"review"`
	Hit    float64 `json:"hit"`
}

// Match is one reported match: the entry, its score and the decision.
type Match struct {
	EntryID  string  `json:"entry_id"`
	Score    float64 `json:"score"`
	Decision string  `json:"decision,omitempty"`
}

// HashQuery returns "sha256:" and the hex SHA-256 of the JSON encoding of q.
// The encoding of a raqib.Query is deterministic, so the same query always
// has the same hash.
func HashQuery(q *raqib.Query) string {
	b, err := json.Marshal(q)
	if err != nil && q.Face != nil {
		// A Query always encodes but for a NaN or infinite face vector
		// value, which JSON cannot hold: write the vector with fmt instead.
		c := *q
		c.Face = nil
		b, err = json.Marshal(&c)
		b = fmt.Appendf(b, "\n%q %v", q.Face.Model, q.Face.Vector)
	}
	if err != nil {
		b = fmt.Appendf(nil, "%v", err)
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// NewRecord describes the screening of q by s: res is its result, or err
// why it failed. The lists are those of res, or those s serves when res is
// nil. Time, Seq, Prev and Hash are left for Writer.Write; RequestID and
// Index for the caller.
func NewRecord(s *screening.Screener, q *raqib.Query, res *screening.Result, err error) *Record {
	r := &Record{QueryHash: HashQuery(q), Library: LibraryVersion(), Matches: []Match{}}
	r.Thresholds.Review, r.Thresholds.Hit = s.Thresholds()
	infos := s.Lists()
	if res != nil {
		infos = res.Lists
		for _, m := range res.Matches {
			r.Matches = append(r.Matches, Match{EntryID: m.EntryID, Score: m.Score, Decision: string(m.Decision)})
		}
	}
	r.Lists = make([]List, 0, len(infos))
	for _, l := range infos {
		r.Lists = append(r.Lists, List{Source: l.Source, Version: l.Version, Entries: l.Entries})
	}
	if err != nil {
		r.Error = err.Error()
	}
	return r
}

const modulePath = "github.com/raqib/raqib"

// LibraryVersion returns the version of the Raqib module built into the
// running program: its module version, or for a development build of Raqib
// itself "(devel)" with the VCS revision when the build recorded one.
var LibraryVersion = sync.OnceValue(func() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return modulePath + "@unknown"
	}
	if bi.Main.Path != modulePath {
		for _, d := range bi.Deps {
			if d.Path == modulePath {
				if d.Replace != nil {
					return modulePath + "@" + d.Version + " (replaced)"
				}
				return modulePath + "@" + d.Version
			}
		}
		return modulePath + "@unknown"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" {
		v += " " + rev + dirty
	}
	return modulePath + "@" + v
})

// hashMember is how the hash member starts; it always ends a line.
const hashMember = `,"hash":"`

// maxLine bounds one line of a log (a record with hundreds of matches is a
// few tens of kilobytes).
const maxLine = 4 << 20

// ErrHash is the error of a record whose hash does not match its content:
// the record was edited.
var ErrHash = errors.New("hash does not match the record (record edited?)")

// ErrChain is the error of a record that does not follow the record before
// it: a record was removed, inserted or moved.
var ErrChain = errors.New("record does not follow the previous one (record removed, inserted or moved?)")

// LineError is the error Verify returns: the first bad line of a log.
type LineError struct {
	Line int // 1-based
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("audit: line %d: %v", e.Line, e.Err) }

func (e *LineError) Unwrap() error { return e.Err }

// Verify reads an audit log from r and checks every record: that it is a
// record, that its hash matches its content, and that it follows the record
// before it. It returns nil for a good log (an empty one too), or a
// *LineError naming the first bad line.
func Verify(r io.Reader) error {
	_, err := Last(r)
	return err
}

// Last verifies the log read from r like Verify and returns its last record,
// or a zero Record for an empty log.
func Last(r io.Reader) (Record, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var last Record
	for line := 1; ; line++ {
		b, err := readLine(br)
		if err == io.EOF {
			return last, nil
		}
		if err != nil {
			return last, &LineError{Line: line, Err: err}
		}
		rec, err := parseLine(b)
		if err != nil {
			return last, &LineError{Line: line, Err: err}
		}
		if rec.Prev != last.Hash || rec.Seq != last.Seq+1 {
			return last, &LineError{Line: line, Err: fmt.Errorf("%w: seq %d prev %.12s, want seq %d prev %.12s",
				ErrChain, rec.Seq, rec.Prev, last.Seq+1, last.Hash)}
		}
		last = rec
	}
}

// readLine reads one line without its newline; io.EOF at the end of input.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		b, err := br.ReadSlice('\n')
		if len(buf)+len(b) > maxLine {
			return nil, fmt.Errorf("line longer than %d bytes", maxLine)
		}
		switch {
		case err == nil:
			if buf == nil {
				return b[:len(b)-1], nil
			}
			return append(buf, b[:len(b)-1]...), nil
		case errors.Is(err, bufio.ErrBufferFull):
			buf = append(buf, b...)
		case err == io.EOF:
			buf = append(buf, b...)
			if len(buf) == 0 {
				return nil, io.EOF
			}
			return buf, nil
		default:
			return nil, err
		}
	}
}

// parseLine checks one line's hash and reads its record.
func parseLine(b []byte) (Record, error) {
	var rec Record
	// The line is BODY,"hash":"HEX"} where BODY} is the hashed canonical JSON.
	const tail = sha256.Size*2 + len(`"}`)
	i := len(b) - tail - len(hashMember)
	if i <= 0 || !bytes.Equal(b[i:i+len(hashMember)], []byte(hashMember)) || !bytes.HasSuffix(b, []byte(`"}`)) {
		return rec, errors.New(`not an audit record: no "hash" member at the end of the line`)
	}
	want := b[i+len(hashMember) : len(b)-2]
	body := make([]byte, i+1)
	copy(body, b[:i])
	body[i] = '}'
	sum := sha256.Sum256(body)
	var got [sha256.Size * 2]byte
	hex.Encode(got[:], sum[:])
	if !bytes.Equal(got[:], want) {
		return rec, ErrHash
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		return rec, fmt.Errorf("not an audit record: %w", err)
	}
	if dec.More() {
		return rec, errors.New("not an audit record: data after the record")
	}
	if rec.Hash != "" {
		return rec, errors.New(`not an audit record: more than one "hash" member`)
	}
	canon, err := json.Marshal(&rec)
	if err != nil || !bytes.Equal(canon, body) {
		return rec, errors.New("record is not in canonical form (re-encoded or edited)")
	}
	rec.Hash = string(want)
	return rec, nil
}

// Writer appends records to an audit log, chaining each to the one before.
// It is safe for concurrent use: records are written whole, in the order of
// the chain. After a failed write it refuses every later write (a partial
// line would break the chain), returning the first error.
type Writer struct {
	mu   sync.Mutex
	w    io.Writer
	f    *os.File // set by Open
	seq  int64
	prev string
	err  error
	buf  bytes.Buffer
}

// NewWriter returns a Writer that starts a new chain on w. Each record is
// passed to w in a single Write call.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Open opens the audit log at path for appending, creating it (mode 0600) if
// it does not exist. An existing log is verified first and the chain resumes
// from its last record; a log that fails verification is not appended to,
// and the error names its first bad line.
func Open(path string) (*Writer, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	last, err := Last(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("audit: %s: %w", path, err)
	}
	return &Writer{w: f, f: f, seq: last.Seq, prev: last.Hash}, nil
}

// Write completes r — Seq, Prev and Hash, and Time when it is zero (Time is
// always written in UTC) — and appends it to the log.
func (w *Writer) Write(r *Record) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	if r.Time.IsZero() {
		r.Time = time.Now()
	}
	r.Time = r.Time.UTC()
	r.Seq, r.Prev, r.Hash = w.seq+1, w.prev, ""
	if r.Matches == nil {
		r.Matches = []Match{}
	}
	if r.Lists == nil {
		r.Lists = []List{}
	}
	body, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("audit: record %d: %w", r.Seq, err)
	}
	sum := sha256.Sum256(body)
	r.Hash = hex.EncodeToString(sum[:])
	w.buf.Reset()
	w.buf.Write(body[:len(body)-1])
	w.buf.WriteString(hashMember)
	w.buf.WriteString(r.Hash)
	w.buf.WriteString("\"}\n")
	if _, err := w.w.Write(w.buf.Bytes()); err != nil {
		w.err = fmt.Errorf("audit: record %d: %w", r.Seq, err)
		return w.err
	}
	w.seq, w.prev = r.Seq, r.Hash
	return nil
}

// Last returns the sequence number and hash of the last record written (or
// found by Open); 0 and "" for an empty log. Keeping them outside the log
// anchors the chain against truncation.
func (w *Writer) Last() (seq int64, hash string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.seq, w.prev
}

// Close flushes a log opened with Open to stable storage and closes it. It
// does nothing for a Writer made by NewWriter.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	f := w.f
	w.f = nil
	if w.err == nil {
		w.err = errors.New("audit: writer closed")
	}
	serr := f.Sync()
	if err := f.Close(); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	if serr != nil {
		return fmt.Errorf("audit: %w", serr)
	}
	return nil
}

// Sync flushes a log opened with Open to stable storage.
func (w *Writer) Sync() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	if err := w.f.Sync(); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}
