package lists

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// state is what every reader keeps while it reads one file: where it is,
// the records it skipped, and the context that may cancel it.
type state struct {
	ctx     context.Context
	file    string
	ticks   int
	skipped []error
	more    int // skips past maxSkipped, reported as one summary error
	bad     int // records that could not be read
	read    int // records read (entries, before merging)
}

func newState(ctx context.Context, file string) *state {
	if ctx == nil {
		ctx = context.Background()
	}
	return &state{ctx: ctx, file: file}
}

// tickMask sets how often tick looks at the context: every 1024 calls.
const tickMask = 1<<10 - 1

// tick is called once per record (or per XML token); every 1024 calls it
// returns a ParseError wrapping the context's error once ctx is done.
func (s *state) tick(line int) error {
	s.ticks++
	if s.ticks&tickMask != 0 {
		return nil
	}
	return s.cancelled(line)
}

// cancelled returns a ParseError wrapping ctx.Err(), or nil.
func (s *state) cancelled(line int) error {
	if err := s.ctx.Err(); err != nil {
		return &ParseError{File: s.file, Line: line, Err: err}
	}
	return nil
}

func (s *state) errf(line int, rec string, err error) *ParseError {
	return &ParseError{File: s.file, Line: line, Record: rec, Err: err}
}

// skip reports a record that could not be read.
func (s *state) skip(line int, rec string, err error) {
	s.bad++
	s.note(s.errf(line, rec, err))
}

// note keeps a skip error without counting a bad record (a summary of
// records a format holds but Raqib does not screen, such as FtM Address
// entities).
func (s *state) note(err error) {
	if len(s.skipped) < maxSkipped {
		s.skipped = append(s.skipped, err)
		return
	}
	s.more++
}

// finish moves the skips into l.Skipped and refuses a file of which more
// records were skipped than read.
func (s *state) finish(l *List) error {
	if s.more > 0 {
		s.skipped = append(s.skipped, s.errf(0, "", fmt.Errorf("%d more records skipped (only the first %d are named)", s.more, maxSkipped)))
	}
	l.Skipped = append(l.Skipped, s.skipped...)
	s.skipped = nil
	if s.bad > 0 && s.bad > s.read {
		first := l.Skipped[0]
		var pe *ParseError
		if errors.As(first, &pe) {
			return &ParseError{File: pe.File, Line: pe.Line, Record: pe.Record,
				Err: fmt.Errorf("%w: %d of %d records could not be read; the first: %w", ErrTooManySkipped, s.bad, s.bad+s.read, pe.Err)}
		}
		return s.errf(0, "", fmt.Errorf("%w: %d of %d records could not be read; the first: %w", ErrTooManySkipped, s.bad, s.bad+s.read, first))
	}
	return nil
}

// rawAcc collects the source fields of one entry that have no home in Entry,
// in the order first seen; repeated keys are joined with "; " once, at the
// end, so that a record with many repeats costs linear time.
type rawAcc struct {
	keys []string
	vals map[string][]string
	size int
}

func (r *rawAcc) add(key, val string) {
	if r.vals == nil {
		r.vals = make(map[string][]string)
	}
	if _, ok := r.vals[key]; !ok {
		r.keys = append(r.keys, key)
	}
	r.vals[key] = append(r.vals[key], val)
	r.size += len(key) + len(val)
}

// flush writes the collected fields into e.Raw and empties r.
func (r *rawAcc) flush(e *Entry) {
	if len(r.keys) == 0 {
		return
	}
	if e.Raw == nil {
		e.Raw = make(map[string]string, len(r.keys))
	}
	for _, k := range r.keys {
		v := strings.Join(r.vals[k], "; ")
		if old, ok := e.Raw[k]; ok {
			v = old + "; " + v
		}
		e.Raw[k] = v
	}
	*r = rawAcc{}
}
