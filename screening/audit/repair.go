package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// RepairReport says what Repair did.
type RepairReport struct {
	// Line is the line that was repaired (0: the log was good, nothing done).
	Line int
	// Problem is what was wrong with it.
	Problem string
	// Removed is the number of bytes cut from the end of the log, and Saved
	// the file that holds them (beside the log); Completed is set instead
	// when the last record was whole and only its newline was missing.
	Removed   int64
	Saved     string
	Completed bool
	// Record is the record Repair appended to say what it did.
	Record *Record
}

// Repair mends a log whose last line is bad — a record cut short by a crash
// or a full disk, a record without its newline, a line too long to read —
// and only such a log: a bad line followed by others is not a torn write
// but an edit, and Repair refuses it, so that evidence of tampering is never
// erased. A whole last record that lacks only its newline gets its newline;
// any other bad last line is cut from the log, its bytes saved to
// PATH.torn-SEQ-UNIXTIME (mode 0600) beside it. Then Repair appends a record
// with Event "repair" saying what it did (Detail: the line, the number of
// bytes and their SHA-256), chained to the last good record, and syncs the
// log. A good log is left as it is (Line 0).
//
// Repair locks the log like Open: stop the service that writes it first.
func Repair(path string) (*RepairReport, error) {
	f, err := openLocked(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s := scan(f)
	if s.err == nil {
		return &RepairReport{}, nil
	}
	var le *LineError
	errors.As(s.err, &le)
	le.Path = path
	rep := &RepairReport{Line: le.Line, Problem: le.Err.Error()}
	if !s.lastLine {
		return rep, fmt.Errorf("%w; it is not the last line, so this is no torn write: not repaired (the log may have been edited)", le)
	}
	if errors.Is(s.err, ErrChain) && !errors.Is(s.err, ErrTorn) {
		return rep, fmt.Errorf("%w; a whole record that does not follow is no torn write: not repaired", le)
	}
	fi, err := f.Stat()
	if err != nil {
		return rep, fmt.Errorf("audit: %w", err)
	}
	last, good := s.last, s.good
	var detail string
	if s.badRecord != nil {
		// A whole record lacking only its newline: complete it.
		if _, err := f.Write([]byte("\n")); err != nil {
			return rep, fmt.Errorf("audit: %s: %w", path, err)
		}
		rep.Completed = true
		last = *s.badRecord
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
	w := &Writer{w: f, seq: last.Seq, prev: last.Hash}
	rec := &Record{Event: "repair", Detail: detail, Library: LibraryVersion()}
	if err := w.Write(rec); err != nil {
		return rep, err
	}
	rep.Record = rec
	if err := f.Sync(); err != nil {
		return rep, fmt.Errorf("audit: %s: %w", path, err)
	}
	return rep, nil
}
