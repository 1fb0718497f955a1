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
	"path/filepath"
	"time"
)

// The hash chain is not tied to audit records. A chained log is JSON Lines:
// each line is a record's canonical JSON (members in struct order, no
// insignificant white space) with a last member "hash", the SHA-256 of the
// line up to `,"hash":` followed by `}`; each record carries its sequence
// number (from 1) and the hash of the record before it. The audit log is one
// such log; package screening/monitor keeps its parties and alerts in
// another, with records of its own. The functions below are the machinery
// both share: sealing a line, reading a log back line by line with every
// check, opening one locked for appending, and repairing a torn last line.

// Link is a record's place in its chain: its sequence number, the hash of
// the record before it ("" for the first), and its own hash.
type Link struct {
	Seq  int64
	Prev string
	Hash string
}

// Seal returns the line of a record whose canonical JSON without its hash
// is body (a JSON object): body with `,"hash":"HEX"` before its closing
// brace, and a newline; and the hash, the hex SHA-256 of body.
func Seal(body []byte) (line []byte, hash string) {
	sum := sha256.Sum256(body)
	hash = hex.EncodeToString(sum[:])
	line = make([]byte, 0, len(body)+len(hashMember)+len(hash)+3)
	line = append(line, body[:len(body)-1]...)
	line = append(line, hashMember...)
	line = append(line, hash...)
	line = append(line, "\"}\n"...)
	return line, hash
}

// Unseal checks a line (without its newline) written by Seal and returns
// the body it sealed and the hash: ErrHash when they do not match, an error
// when the line is not a sealed record. The body is a copy.
func Unseal(line []byte) (body []byte, hash string, err error) {
	// The line is BODY,"hash":"HEX"} where BODY} is the hashed canonical JSON.
	const tail = sha256.Size*2 + len(`"}`)
	i := len(line) - tail - len(hashMember)
	if i <= 0 || !bytes.Equal(line[i:i+len(hashMember)], []byte(hashMember)) || !bytes.HasSuffix(line, []byte(`"}`)) {
		return nil, "", errors.New(`not a record of this log: no "hash" member at the end of the line`)
	}
	want := line[i+len(hashMember) : len(line)-2]
	body = make([]byte, i+1)
	copy(body, line[:i])
	body[i] = '}'
	sum := sha256.Sum256(body)
	var got [sha256.Size * 2]byte
	hex.Encode(got[:], sum[:])
	if !bytes.Equal(got[:], want) {
		return nil, "", ErrHash
	}
	return body, string(want), nil
}

// DecodeRecord reads the sealed body of a record into v, a pointer to the
// record's struct, strictly: no unknown member, nothing after the record, no
// second "hash" member, and the body must be the canonical encoding of what
// it decodes to (a record re-encoded or edited by hand is refused even when
// its hash was recomputed). hash is the name of v's own hash member, which
// must be empty in the body.
func DecodeRecord(body []byte, v any, hash *string) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("not a record of this log: %w", err)
	}
	if dec.More() {
		return errors.New("not a record of this log: data after the record")
	}
	if hash != nil && *hash != "" {
		return errors.New(`not a record of this log: more than one "hash" member`)
	}
	canon, err := json.Marshal(v)
	if err != nil || !bytes.Equal(canon, body) {
		return errors.New("record is not in canonical form (re-encoded or edited)")
	}
	return nil
}

// Chain is what ScanChain found in a log.
type Chain[T any] struct {
	// Last is the last good record (the zero T for an empty log) and
	// LastLink its place in the chain.
	Last     T
	LastLink Link
	// Good is the number of bytes of the good lines, Lines their number.
	Good  int64
	Lines int
	// Err is nil for a good log, else a *LineError naming the first bad
	// line; AtEnd reports that the bad line is the last line of the log (a
	// torn write may be mended, see RepairChain), and Whole holds the record
	// of a bad last line that is a whole record lacking only its newline.
	Err       error
	AtEnd     bool
	Whole     *T
	WholeLink Link
}

// ScanChain reads a chained log from r and checks every line: that it is
// sealed (Unseal), that decode reads it (decode returns the record and its
// Seq and Prev; see DecodeRecord), that it follows the record before it,
// and that it ends with a newline. It stops at the first bad line. keep,
// when not nil, is called with each good record in order, and only with
// good records: a record whose line fails a check is never kept.
func ScanChain[T any](r io.Reader, decode func(body []byte) (T, Link, error), keep func(T)) Chain[T] {
	br := bufio.NewReaderSize(r, 64<<10)
	var s Chain[T]
	for line := 1; ; line++ {
		b, terminated, err := readLine(br)
		if err == io.EOF {
			return s
		}
		fail := func(e error) Chain[T] {
			s.Err = &LineError{Line: line, Err: e}
			if !terminated {
				s.AtEnd = true
			} else if _, perr := br.Peek(1); perr == io.EOF {
				s.AtEnd = true
			}
			return s
		}
		if err != nil {
			if errors.Is(err, errLong) {
				// Skip the rest of the line to learn whether it is the last.
				terminated = skipLine(br)
			}
			return fail(err)
		}
		rec, link, err := unsealRecord(b, decode)
		if err != nil {
			if !terminated {
				return fail(fmt.Errorf("%w; %w", ErrTorn, err))
			}
			return fail(err)
		}
		if link.Prev != s.LastLink.Hash || link.Seq != s.LastLink.Seq+1 {
			return fail(fmt.Errorf("%w: seq %d prev %.12s, want seq %d prev %.12s",
				ErrChain, link.Seq, link.Prev, s.LastLink.Seq+1, s.LastLink.Hash))
		}
		if !terminated {
			s.Whole, s.WholeLink = &rec, link
			return fail(ErrTorn)
		}
		s.Last, s.LastLink = rec, link
		s.Good += int64(len(b)) + 1
		s.Lines = line
		if keep != nil {
			keep(rec)
		}
	}
}

// unsealRecord checks one line's seal and decodes its record.
func unsealRecord[T any](b []byte, decode func([]byte) (T, Link, error)) (T, Link, error) {
	var zero T
	body, hash, err := Unseal(b)
	if err != nil {
		return zero, Link{}, err
	}
	rec, link, err := decode(body)
	if err != nil {
		return zero, Link{}, err
	}
	link.Hash = hash
	return rec, link, nil
}

// OpenChain opens the chained log at path for appending, creating it (mode
// 0600) if it does not exist, locks it against other processes until the
// file is closed (ErrLocked when another process holds it), and reads it
// with ScanChain. A log that fails the checks is closed and its error
// returned, a *LineError naming the file and the first bad line (ErrTorn for
// a last line cut short: see RepairChain). Writes to the file append.
func OpenChain[T any](path string, decode func(body []byte) (T, Link, error), keep func(T)) (*os.File, Chain[T], error) {
	f, err := openLocked(path)
	if err != nil {
		return nil, Chain[T]{}, err
	}
	c := ScanChain(f, decode, keep)
	if c.Err != nil {
		f.Close()
		var le *LineError
		if errors.As(c.Err, &le) {
			le.Path = path
			return nil, c, le
		}
		return nil, c, fmt.Errorf("audit: %s: %w", path, c.Err)
	}
	return f, c, nil
}

// openLocked opens path for reading and appending and locks it.
func openLocked(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("audit: %s: %w", path, err)
	}
	return f, nil
}

// ChainRepair says what RepairChain did.
type ChainRepair struct {
	// Line is the line that was repaired (0: the log was good, nothing
	// done), and Problem what was wrong with it.
	Line    int
	Problem string
	// Removed is the number of bytes cut from the end of the log, and Saved
	// the file that holds them (beside the log); Completed is set instead
	// when the last record was whole and only its newline was missing.
	Removed   int64
	Saved     string
	Completed bool
	// Link is the place of the record that says what was done.
	Link Link
}

// RepairChain mends a chained log whose last line is bad — a record cut
// short by a crash or a full disk, a record without its newline, a line too
// long to read — and only such a log: a bad line followed by others is not a
// torn write but an edit, and it is refused, so that evidence of tampering
// is never erased. A whole last record that lacks only its newline gets its
// newline; any other bad last line is cut from the log, its bytes saved to
// PATH.torn-SEQ-UNIXTIME (mode 0600) beside it. Then note is called to
// append, to w, a record chained to last (the last good record) saying what
// was done in detail; it returns that record's place. The log is synced. A
// good log is left as it is (Line 0). The log is locked like OpenChain:
// stop the program that writes it first.
func RepairChain[T any](path string, decode func(body []byte) (T, Link, error),
	note func(w io.Writer, last Link, detail string) (Link, error)) (*ChainRepair, error) {
	f, err := openLocked(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s := ScanChain(f, decode, nil)
	if s.Err == nil {
		return &ChainRepair{}, nil
	}
	var le *LineError
	errors.As(s.Err, &le)
	le.Path = path
	rep := &ChainRepair{Line: le.Line, Problem: le.Err.Error()}
	if !s.AtEnd {
		return rep, fmt.Errorf("%w; it is not the last line, so this is no torn write: not repaired (the log may have been edited)", le)
	}
	if errors.Is(s.Err, ErrChain) && !errors.Is(s.Err, ErrTorn) {
		return rep, fmt.Errorf("%w; a whole record that does not follow is no torn write: not repaired", le)
	}
	fi, err := f.Stat()
	if err != nil {
		return rep, fmt.Errorf("audit: %w", err)
	}
	last, good := s.LastLink, s.Good
	var detail string
	if s.Whole != nil {
		// A whole record lacking only its newline: complete it.
		if _, err := f.Write([]byte("\n")); err != nil {
			return rep, fmt.Errorf("audit: %s: %w", path, err)
		}
		rep.Completed = true
		// The record, whose seal ScanChain checked, is the chain's last now.
		last = s.WholeLink
		detail = fmt.Sprintf("line %d: a whole record without its newline; the newline was added", le.Line)
	} else {
		rest := fi.Size() - good
		torn := make([]byte, rest)
		if _, err := f.ReadAt(torn, good); err != nil && err != io.EOF {
			return rep, fmt.Errorf("audit: %s: %w", path, err)
		}
		sum := sha256.Sum256(torn)
		rep.Saved = fmt.Sprintf("%s.torn-%d-%d", path, last.Seq+1, time.Now().Unix())
		if err := os.WriteFile(rep.Saved, torn, 0o600); err != nil {
			return rep, fmt.Errorf("audit: saving the torn bytes: %w", err)
		}
		if err := f.Truncate(good); err != nil {
			return rep, fmt.Errorf("audit: %s: %w", path, err)
		}
		rep.Removed = rest
		detail = fmt.Sprintf("line %d: %s; cut %d bytes (sha256 %s), saved to %s",
			le.Line, le.Err, rest, hex.EncodeToString(sum[:]), filepath.Base(rep.Saved))
	}
	if rep.Link, err = note(f, last, detail); err != nil {
		return rep, err
	}
	if err := f.Sync(); err != nil {
		return rep, fmt.Errorf("audit: %s: %w", path, err)
	}
	return rep, nil
}
