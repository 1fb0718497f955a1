// Package audit writes and verifies a tamper-evident audit log of screenings.
//
// The log is JSON Lines, one Record a line. A record holds what an auditor
// needs to reconstruct a decision — when, which request, which list versions
// and thresholds, which entries matched with what score and decision, which
// library version — but never the query itself: names are personal data, and
// face vectors and fingerprints are biometric data. The query is kept only as
// a keyed hash (HMAC-SHA-256 with a key the operator holds, see Hasher), so
// that a query presented later, with the key, can be shown to be the one
// screened, while a reader of the log without the key cannot confirm a
// guessed name. A query that could not be screened is recorded with an error
// code and a fixed sentence (ErrorCode), never with the text of the error,
// which may quote the query.
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
// Every field of a record is bounded (Writer.Write cuts what is longer), so
// that no record can grow past what Verify reads (MaxLine). Open locks the
// file (an exclusive advisory lock, on Unix systems), so that two processes
// never append to one log and fork its chain. A last line without its newline
// — a write torn by a crash or a full disk — is reported by Verify and
// refused by Open (ErrTorn); Repair cuts it, keeps the bytes it cut in a file
// beside the log, and appends a record saying so.
//
// The chain itself is not tied to audit records: Seal, ScanChain, OpenChain
// and RepairChain keep any log of canonical JSON records the same way
// (package screening/monitor keeps its parties and alerts in one).
package audit

import (
	"bufio"
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/matcher"
	"github.com/raqib/raqib/screening"
)

// Record is one audited screening of one query, or one event of the log
// itself (Event).
type Record struct {
	// Seq numbers the records of a log from 1.
	Seq  int64     `json:"seq"`
	Time time.Time `json:"time"`
	// RequestID identifies the request that asked for the screening; Index is
	// the position of the query in a batch (0 for a single query).
	RequestID string `json:"request_id,omitempty"`
	Index     int    `json:"index"`
	// Event is empty for a screening, "repair" for the record Repair writes.
	Event string `json:"event,omitempty"`
	// QueryHash is "hmac-sha256:" and the hex HMAC-SHA-256 of the query's
	// JSON encoding, keyed with the key KeyID names (see Hasher). Logs
	// written before keyed hashes hold "sha256:" and an unkeyed hash.
	QueryHash  string     `json:"query_hash"`
	KeyID      string     `json:"key_id,omitempty"`
	Lists      []List     `json:"lists"`
	Thresholds Thresholds `json:"thresholds"`
	Matches    []Match    `json:"matches"`
	// MatchesOmitted counts the matches beyond MaxMatches that Write left out.
	MatchesOmitted int `json:"matches_omitted,omitempty"`
	// ErrorCode says why the query could not be screened, if it could not
	// (see ErrorCode); Error is the same in a sentence. Neither ever quotes
	// the query.
	ErrorCode string `json:"error_code,omitempty"`
	Error     string `json:"error,omitempty"`
	// Detail describes an Event.
	Detail string `json:"detail,omitempty"`
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

// The bounds of a record, which Writer.Write enforces: a text field longer
// than MaxField bytes is cut (at a character boundary, ending in "…"), and
// matches beyond MaxMatches and lists beyond MaxLists are left out (counted
// in MatchesOmitted; lists are never that many). With JSON's escapes a
// record so bounded stays far below MaxLine, the longest line Verify reads.
const (
	MaxField   = 256
	MaxMatches = 1000
	MaxLists   = 64
	MaxLine    = 4 << 20
)

// MinKeySize is the shortest key NewHasher accepts, in bytes.
const MinKeySize = 32

// Hasher hashes queries with a secret key, for the QueryHash of records.
// A keyed hash can be checked only by whoever holds the key: the hash of a
// guessed name cannot be computed from the log alone.
type Hasher struct {
	key []byte
	id  string
	// pool holds HMAC states keyed with key.
	pool sync.Pool
}

// NewHasher returns a Hasher keyed with key, which must hold at least
// MinKeySize bytes (a random key: `head -c 32 /dev/urandom | base64` gives
// 44 bytes). Keep the key apart from the log, like a password.
func NewHasher(key []byte) (*Hasher, error) {
	if len(key) < MinKeySize {
		return nil, fmt.Errorf("audit: key of %d bytes: at least %d needed", len(key), MinKeySize)
	}
	h := &Hasher{key: bytes.Clone(key)}
	mac := hmac.New(sha256.New, h.key)
	mac.Write([]byte("raqib audit key id"))
	h.id = hex.EncodeToString(mac.Sum(nil)[:8])
	h.pool.New = func() any { return hmac.New(sha256.New, h.key) }
	return h, nil
}

// KeyID names the key without revealing it: the first 8 bytes, in hex, of
// the HMAC of a fixed text. Records carry it, so that a log written over a
// key change says which key hashed which query.
func (h *Hasher) KeyID() string { return h.id }

// HashQuery returns "hmac-sha256:" and the hex HMAC-SHA-256 of the JSON
// encoding of q. The encoding of a raqib.Query is deterministic, so the same
// query with the same key always has the same hash.
func (h *Hasher) HashQuery(q *raqib.Query) string {
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
	mac := h.pool.Get().(hash.Hash)
	mac.Reset()
	mac.Write(b)
	var sum [sha256.Size]byte
	out := "hmac-sha256:" + hex.EncodeToString(mac.Sum(sum[:0]))
	h.pool.Put(mac)
	return out
}

// The error codes of records (see ErrorCode).
var errorTexts = map[string]string{
	"invalid_query": "the query is beyond the limits of one query",
	"empty_query":   "the query has no name, document or biometrics",
	"bad_query":     "the query cannot be screened as it is (a template, face model or list filter the screener cannot use)",
	"timeout":       "screening took longer than the time allowed",
	"canceled":      "the request was cancelled before screening ended",
	"closed":        "the screener was closed",
	"internal":      "screening failed (internal error)",
}

// ErrorCode classifies an error of screening.Screener.Screen for the audit
// log, and returns a fixed sentence for it that never quotes the query:
// "invalid_query" (beyond raqib.Query.Validate's limits), "empty_query",
// "bad_query" (other errors wrapping screening.ErrBadQuery), "timeout",
// "canceled", "closed" or "internal"; "" and "" for nil.
func ErrorCode(err error) (code, text string) {
	switch {
	case err == nil:
		return "", ""
	case errors.Is(err, raqib.ErrInvalidQuery):
		code = "invalid_query"
	case errors.Is(err, matcher.ErrEmptyQuery):
		code = "empty_query"
	case errors.Is(err, screening.ErrBadQuery):
		code = "bad_query"
	case errors.Is(err, context.DeadlineExceeded):
		code = "timeout"
	case errors.Is(err, context.Canceled):
		code = "canceled"
	case errors.Is(err, screening.ErrClosed):
		code = "closed"
	default:
		code = "internal"
	}
	return code, errorTexts[code]
}

// NewRecord describes the screening of q by s: res is its result, or err
// why it failed (as an error code, see ErrorCode). The query is hashed with
// h, which must not be nil. The lists are those of res, or those s serves
// when res is nil. Time, Seq, Prev and Hash are left for Writer.Write;
// RequestID and Index for the caller.
func NewRecord(h *Hasher, s *screening.Screener, q *raqib.Query, res *screening.Result, err error) *Record {
	if h == nil {
		panic("audit: NewRecord with a nil Hasher")
	}
	r := &Record{QueryHash: h.HashQuery(q), KeyID: h.KeyID(), Library: LibraryVersion(), Matches: []Match{}}
	r.Thresholds.Review, r.Thresholds.Hit = s.Thresholds()
	infos := s.Lists()
	if res != nil {
		infos = res.Lists
		for _, m := range res.Matches {
			r.Matches = append(r.Matches, Match{EntryID: m.EntryID, Score: raqib.Round(m.Score), Decision: string(m.Decision)})
		}
	}
	r.Lists = make([]List, 0, len(infos))
	for _, l := range infos {
		r.Lists = append(r.Lists, List{Source: l.Source, Version: l.Version, Entries: l.Entries})
	}
	r.ErrorCode, r.Error = ErrorCode(err)
	return r
}

// LibraryVersion returns the version of the Raqib module built into the
// running program (raqib.LibraryVersion).
func LibraryVersion() string { return raqib.LibraryVersion() }

// hashMember is how the hash member starts; it always ends a line.
const hashMember = `,"hash":"`

// ErrHash is the error of a record whose hash does not match its content:
// the record was edited.
var ErrHash = errors.New("hash does not match the record (record edited?)")

// ErrChain is the error of a record that does not follow the record before
// it: a record was removed, inserted or moved.
var ErrChain = errors.New("record does not follow the previous one (record removed, inserted or moved?)")

// ErrTorn is the error of a last line without its newline: a write cut short
// by a crash or a full disk, or a record being written while the log was
// read. Open refuses such a log (the next record would be glued to it);
// Repair mends it.
var ErrTorn = errors.New("the last line has no newline (a torn write, or a record being written)")

// ErrLocked is returned by Open and Repair when another process has the log
// open.
var ErrLocked = errors.New("the log is locked by another process")

// LineError is the error Verify returns: the first bad line of a log.
type LineError struct {
	Path string // the log's file, when Open or Repair read it
	Line int    // 1-based
	Err  error
}

func (e *LineError) Error() string {
	if e.Path != "" {
		return fmt.Sprintf("audit: %s: line %d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("audit: line %d: %v", e.Line, e.Err)
}

func (e *LineError) Unwrap() error { return e.Err }

// Verify reads an audit log from r and checks every record: that it is a
// record, that its hash matches its content, that it follows the record
// before it, and that the last line ends with a newline. It returns nil for
// a good log (an empty one too), or a *LineError naming the first bad line.
func Verify(r io.Reader) error {
	_, err := Last(r)
	return err
}

// Last verifies the log read from r like Verify and returns its last record,
// or a zero Record for an empty log.
func Last(r io.Reader) (Record, error) {
	c := ScanChain(r, decodeRecord, nil)
	c.Last.Hash = c.LastLink.Hash
	return c.Last, c.Err
}

var errLong = fmt.Errorf("line longer than %d bytes", MaxLine)

// readLine reads one line without its newline, and whether it had one;
// io.EOF at the end of input.
func readLine(br *bufio.Reader) ([]byte, bool, error) {
	var buf []byte
	for {
		b, err := br.ReadSlice('\n')
		if len(buf)+len(b) > MaxLine+1 {
			return nil, false, errLong
		}
		switch {
		case err == nil:
			if buf == nil {
				return b[:len(b)-1], true, nil
			}
			return append(buf, b[:len(b)-1]...), true, nil
		case errors.Is(err, bufio.ErrBufferFull):
			buf = append(buf, b...)
		case err == io.EOF:
			buf = append(buf, b...)
			if len(buf) == 0 {
				return nil, false, io.EOF
			}
			return buf, false, nil
		default:
			return nil, false, err
		}
	}
}

// skipLine reads to the end of the current line and reports whether it ended
// with a newline.
func skipLine(br *bufio.Reader) bool {
	for {
		_, err := br.ReadSlice('\n')
		if err == nil {
			return true
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return false
		}
	}
}

// parseLine checks one line's seal and reads its record, hash included.
func parseLine(b []byte) (Record, error) {
	rec, link, err := unsealRecord(b, decodeRecord)
	rec.Hash = link.Hash
	return rec, err
}

// decodeRecord reads the sealed body of one audit record.
func decodeRecord(body []byte) (Record, Link, error) {
	var rec Record
	if err := DecodeRecord(body, &rec, &rec.Hash); err != nil {
		return rec, Link{}, err
	}
	return rec, Link{Seq: rec.Seq, Prev: rec.Prev}, nil
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
}

// NewWriter returns a Writer that starts a new chain on w. Each record is
// passed to w in a single Write call.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Open opens the audit log at path for appending, creating it (mode 0600) if
// it does not exist, and locks it against other processes until Close (an
// advisory lock: ErrLocked when another Writer or Repair holds it). An
// existing log is verified first and the chain resumes from its last record;
// a log that fails verification is not appended to, and the error names its
// first bad line (ErrTorn for a last line cut short: see Repair).
func Open(path string) (*Writer, error) {
	f, c, err := OpenChain(path, decodeRecord, nil)
	if err != nil {
		return nil, err
	}
	return &Writer{w: f, f: f, seq: c.LastLink.Seq, prev: c.LastLink.Hash}, nil
}

// Write completes r — Seq, Prev and Hash, and Time when it is zero (Time is
// always written in UTC) — bounds its fields (see MaxField) and appends it
// to the log.
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
	bound(r)
	body, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("audit: record %d: %w", r.Seq, err)
	}
	if len(body)+len(hashMember)+sha256.Size*2+2 > MaxLine {
		// Cannot happen for a bounded record; refused all the same, as a
		// line Verify cannot read would break the log for ever.
		return fmt.Errorf("audit: record %d: %d bytes, longer than a line may be", r.Seq, len(body))
	}
	line, hash := Seal(body)
	r.Hash = hash
	if _, err := w.w.Write(line); err != nil {
		w.err = fmt.Errorf("audit: record %d: %w", r.Seq, err)
		return w.err
	}
	w.seq, w.prev = r.Seq, r.Hash
	return nil
}

// bound cuts the fields of r to the bounds of a record.
func bound(r *Record) {
	for _, p := range []*string{&r.RequestID, &r.Event, &r.QueryHash, &r.KeyID, &r.ErrorCode, &r.Error, &r.Detail, &r.Library} {
		*p = cut(*p)
	}
	if r.Matches == nil {
		r.Matches = []Match{}
	}
	if r.Lists == nil {
		r.Lists = []List{}
	}
	if n := len(r.Matches); n > MaxMatches {
		r.MatchesOmitted += n - MaxMatches
		r.Matches = r.Matches[:MaxMatches]
	}
	if len(r.Lists) > MaxLists {
		r.Lists = r.Lists[:MaxLists]
	}
	for i := range r.Matches {
		r.Matches[i].EntryID, r.Matches[i].Decision = cut(r.Matches[i].EntryID), cut(r.Matches[i].Decision)
	}
	for i := range r.Lists {
		r.Lists[i].Source, r.Lists[i].Version = cut(r.Lists[i].Source), cut(r.Lists[i].Version)
	}
}

// cut returns s cut to at most MaxField bytes of valid UTF-8, ending in "…"
// when it was cut.
func cut(s string) string {
	if len(s) <= MaxField && utf8.ValidString(s) {
		return s
	}
	s = string(bytes.ToValidUTF8([]byte(s), []byte("\uFFFD")))
	if len(s) <= MaxField {
		return s
	}
	n := MaxField - len("…")
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// Last returns the sequence number and hash of the last record written (or
// found by Open); 0 and "" for an empty log. Keeping them outside the log
// anchors the chain against truncation.
func (w *Writer) Last() (seq int64, hash string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.seq, w.prev
}

// Close flushes a log opened with Open to stable storage, unlocks and closes
// it. It does nothing for a Writer made by NewWriter.
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
