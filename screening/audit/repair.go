package audit

import "io"

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
	var rec *Record
	cr, err := RepairChain(path, decodeRecord, func(f io.Writer, last Link, detail string) (Link, error) {
		w := &Writer{w: f, seq: last.Seq, prev: last.Hash}
		rec = &Record{Event: "repair", Detail: detail, Library: LibraryVersion()}
		if err := w.Write(rec); err != nil {
			return Link{}, err
		}
		return Link{Seq: rec.Seq, Prev: rec.Prev, Hash: rec.Hash}, nil
	})
	if cr == nil {
		return nil, err
	}
	return &RepairReport{Line: cr.Line, Problem: cr.Problem, Removed: cr.Removed, Saved: cr.Saved, Completed: cr.Completed, Record: rec}, err
}
