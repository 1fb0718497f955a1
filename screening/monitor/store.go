package monitor

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/raqib/raqib/screening/audit"
)

// The store is a chained log (package screening/audit's chain): JSON
// Lines, one record a line, each with its sequence number, the hash of the
// record before it and its own hash (the SHA-256 of its canonical JSON) as
// the last member. Records are only ever appended:
//
//	register    a party and its query (a new party, or a new query)
//	unregister  a party's ID
//	window      a party's screening compared only the likeliest bearers of its name (Flag), or no longer
//	event       an alert event; the open alerts are what the events leave
//	lists       the lists (and thresholds, library) the alerts are now those of
//	repair      RepairStore mended a torn last record
//
// Every record is checked when the store is opened: its hash, its place in
// the chain, and that it is a record of this kind in canonical form. A log
// whose last line was torn by a crash is refused (ErrTorn) until
// RepairStore mends it; any other bad line is an edit, and is refused for
// good (the error names the line).

// The operations of records.
const (
	opRegister   = "register"
	opUnregister = "unregister"
	opWindow     = "window"
	opEvent      = "event"
	opLists      = "lists"
	opRepair     = "repair"
)

// record is one line of the store.
type record struct {
	Seq    int64       `json:"seq"`
	Time   time.Time   `json:"time"`
	Op     string      `json:"op"`
	ID     string      `json:"id,omitempty"`
	Party  *Party      `json:"party,omitempty"`
	Flag   bool        `json:"flag,omitempty"`
	Event  *Event      `json:"event,omitempty"`
	Lists  *listsState `json:"lists,omitempty"`
	Detail string      `json:"detail,omitempty"`
	Prev   string      `json:"prev"`
	Hash   string      `json:"hash,omitempty"`
}

// listsState is what the alerts were found on.
type listsState struct {
	Lists   []ListVersion `json:"lists"`
	Review  float64       `json:"review"`
	Hit     float64       `json:"hit"`
	Library string        `json:"library"`
}

// ErrTorn is wrapped by the error of OpenStore for a store whose last
// record a crash or a full disk cut short: RepairStore mends it.
var ErrTorn = audit.ErrTorn

// ErrLocked is wrapped by the error of OpenStore when another process has
// the store open.
var ErrLocked = audit.ErrLocked

// Store keeps a Monitor's parties, alerts and events in a file.
type Store struct {
	path string
	mu   sync.Mutex
	f    *os.File
	seq  int64
	prev string
	err  error // sticky write error
	// held is what the store held when it was opened, for New.
	held *held
}

// held is the state a store's records leave.
type held struct {
	parties map[string]*party
	order   []string // registration order of the parties held
	events  []Event  // the latest, at most maxEvents
	lastSeq int64
	lists   *listsState
	max     int
}

// OpenStore opens (or creates, mode 0600) the store at path, locked against
// other processes until Close, and reads it back. A store that fails its
// checks is not opened: the error is an *audit.LineError naming the file
// and the first bad line (wrapping ErrTorn for a last record cut short).
func OpenStore(path string) (*Store, error) {
	h := &held{parties: map[string]*party{}, max: DefaultMaxEvents}
	var replayErr error
	f, c, err := audit.OpenChain(path, decodeRecord, func(r record) {
		if replayErr == nil {
			if err := h.apply(&r); err != nil {
				replayErr = fmt.Errorf("monitor: %s: record %d: %w", path, r.Seq, err)
			}
		}
	})
	if err != nil {
		return nil, fmt.Errorf("monitor: store: %w", err)
	}
	if replayErr != nil {
		f.Close()
		return nil, replayErr
	}
	return &Store{path: path, f: f, seq: c.LastLink.Seq, prev: c.LastLink.Hash, held: h}, nil
}

// StoreSummary is what VerifyStore found.
type StoreSummary struct {
	Records int64  `json:"records"`
	Last    string `json:"last_hash"`
	Parties int    `json:"parties"`
	Alerts  int    `json:"alerts"`
	Events  int64  `json:"events"`
}

// VerifyStore checks the store at path (without locking it) and says what
// it holds; the error names the first bad line, or a record that does not
// follow from those before it.
func VerifyStore(path string) (StoreSummary, error) {
	f, err := os.Open(path)
	if err != nil {
		return StoreSummary{}, fmt.Errorf("monitor: %w", err)
	}
	defer f.Close()
	return verifyStore(f, path)
}

func verifyStore(r io.Reader, path string) (StoreSummary, error) {
	h := &held{parties: map[string]*party{}, max: 1}
	var replayErr error
	c := audit.ScanChain(r, decodeRecord, func(rec record) {
		if replayErr == nil {
			if err := h.apply(&rec); err != nil {
				replayErr = fmt.Errorf("monitor: %s: record %d: %w", path, rec.Seq, err)
			}
		}
	})
	if c.Err != nil {
		var le *audit.LineError
		if errors.As(c.Err, &le) {
			le.Path = path
		}
		return StoreSummary{}, fmt.Errorf("monitor: store: %w", c.Err)
	}
	if replayErr != nil {
		return StoreSummary{}, replayErr
	}
	s := StoreSummary{Records: c.LastLink.Seq, Last: c.LastLink.Hash, Parties: len(h.parties), Events: h.lastSeq}
	for _, p := range h.parties {
		s.Alerts += len(p.alerts)
	}
	return s, nil
}

// RepairStore mends a store whose last record a crash cut short, as
// audit.Repair mends an audit log: a whole last record lacking its newline
// gets it, a torn one is cut (its bytes saved beside the store), and a
// record saying so is appended. A bad record followed by others is no torn
// write and is refused. Stop the program using the store first.
func RepairStore(path string) (*audit.ChainRepair, error) {
	return audit.RepairChain(path, decodeRecord, func(w io.Writer, last audit.Link, detail string) (audit.Link, error) {
		r := record{Seq: last.Seq + 1, Time: time.Now().UTC(), Op: opRepair, Detail: detail, Prev: last.Hash}
		line, hash, err := sealRecord(&r)
		if err != nil {
			return audit.Link{}, err
		}
		if _, err := w.Write(line); err != nil {
			return audit.Link{}, fmt.Errorf("monitor: %w", err)
		}
		return audit.Link{Seq: r.Seq, Prev: r.Prev, Hash: hash}, nil
	})
}

// Close syncs and closes the store.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return nil
	}
	f := s.f
	s.f = nil
	serr := f.Sync()
	if err := f.Close(); err != nil {
		return fmt.Errorf("monitor: store: %w", err)
	}
	if serr != nil {
		return fmt.Errorf("monitor: store: %w", serr)
	}
	return nil
}

// Path is the store's file.
func (s *Store) Path() string { return s.path }

// append writes recs (completing their Seq, Prev, Hash and Time) in one
// write, and syncs the file. After a failed write every later one fails.
func (s *Store) append(recs ...record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	if s.f == nil {
		return errors.New("monitor: store closed")
	}
	now := time.Now().UTC()
	var buf []byte
	seq, prev := s.seq, s.prev
	for i := range recs {
		r := &recs[i]
		seq++
		r.Seq, r.Prev, r.Hash = seq, prev, ""
		if r.Time.IsZero() {
			r.Time = now
		}
		r.Time = r.Time.UTC()
		line, hash, err := sealRecord(r)
		if err != nil {
			return err
		}
		buf = append(buf, line...)
		prev = hash
	}
	if _, err := s.f.Write(buf); err != nil {
		s.err = fmt.Errorf("monitor: store %s: %w", s.path, err)
		return s.err
	}
	if err := s.f.Sync(); err != nil {
		s.err = fmt.Errorf("monitor: store %s: %w", s.path, err)
		return s.err
	}
	s.seq, s.prev = seq, prev
	return nil
}

// events returns the events of the store after since and before seq
// before, in order, at most limit of them (all when limit <= 0), read back
// from its file: the events a Monitor no longer keeps in memory. Only the
// records written before the call are read, up to the last event wanted;
// they are checked as OpenStore checks them.
func (s *Store) events(since, before int64, limit int) ([]Event, error) {
	s.mu.Lock()
	if s.f == nil {
		s.mu.Unlock()
		return nil, errors.New("monitor: store closed")
	}
	fi, err := s.f.Stat()
	s.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("monitor: store %s: %w", s.path, err)
	}
	f, err := os.Open(s.path)
	if err != nil {
		return nil, fmt.Errorf("monitor: store: %w", err)
	}
	defer f.Close()
	var out []Event
	r := &stopReader{r: io.LimitReader(f, fi.Size())}
	c := audit.ScanChain(r, decodeRecord, func(rec record) {
		if r.stop || rec.Op != opEvent || rec.Event == nil {
			return
		}
		switch e := rec.Event; {
		case e.Seq >= before:
			r.stop = true
		case e.Seq > since:
			out = append(out, *e)
			r.stop = limit > 0 && len(out) == limit
		}
	})
	if c.Err != nil && !r.stop {
		var le *audit.LineError
		if errors.As(c.Err, &le) {
			le.Path = s.path
		}
		return nil, fmt.Errorf("monitor: store: %w", c.Err)
	}
	return out, nil
}

// stopReader reads r until stop is set.
type stopReader struct {
	r    io.Reader
	stop bool
}

func (s *stopReader) Read(p []byte) (int, error) {
	if s.stop {
		return 0, io.EOF
	}
	return s.r.Read(p)
}

// sealRecord returns the line of r and its hash.
func sealRecord(r *record) ([]byte, string, error) {
	body, err := json.Marshal(r)
	if err != nil {
		return nil, "", fmt.Errorf("monitor: store: record %d: %w", r.Seq, err)
	}
	line, hash := audit.Seal(body)
	if len(line) > audit.MaxLine {
		// Cannot happen for a query within raqib.Query's limits; refused
		// all the same, as a line the store cannot read back would lose it.
		return nil, "", fmt.Errorf("monitor: store: record %d: %d bytes, longer than a line may be", r.Seq, len(line))
	}
	return line, hash, nil
}

// decodeRecord reads one sealed record.
func decodeRecord(body []byte) (record, audit.Link, error) {
	var r record
	if err := audit.DecodeRecord(body, &r, &r.Hash); err != nil {
		return r, audit.Link{}, err
	}
	return r, audit.Link{Seq: r.Seq, Prev: r.Prev}, nil
}

// apply replays one record.
func (h *held) apply(r *record) error {
	switch r.Op {
	case opRegister:
		if r.Party == nil {
			return errors.New("register record without a party")
		}
		if err := CheckID(r.Party.ID); err != nil {
			return err
		}
		p := h.parties[r.Party.ID]
		if p == nil {
			p = &party{id: r.Party.ID, alerts: map[string]*Alert{}, room: roomUnknown}
			h.parties[r.Party.ID] = p
			h.order = append(h.order, p.id)
		}
		p.q = r.Party.Query
	case opUnregister:
		if h.parties[r.ID] == nil {
			return fmt.Errorf("unregister of %q, which is not registered", truncateID(r.ID))
		}
		delete(h.parties, r.ID)
	case opWindow:
		p := h.parties[r.ID]
		if p == nil {
			return fmt.Errorf("window record of %q, which is not registered", truncateID(r.ID))
		}
		p.windowFull = r.Flag
	case opEvent:
		if r.Event == nil {
			return errors.New("event record without an event")
		}
		if err := h.event(r.Event); err != nil {
			return err
		}
	case opLists:
		if r.Lists == nil {
			return errors.New("lists record without lists")
		}
		h.lists = r.Lists
	case opRepair:
	default:
		return fmt.Errorf("unknown operation %q", truncateID(r.Op))
	}
	return nil
}

// event replays one event.
func (h *held) event(e *Event) error {
	if e.Seq != h.lastSeq+1 {
		return fmt.Errorf("event %d follows event %d", e.Seq, h.lastSeq)
	}
	h.lastSeq = e.Seq
	h.events = append(h.events, *e)
	if len(h.events) > 2*h.max {
		h.events = append([]Event(nil), h.events[len(h.events)-h.max:]...)
	}
	p := h.parties[e.Party]
	if p == nil {
		// The retractions of an unregistered party follow its unregister record.
		if e.Kind == Retracted {
			return nil
		}
		return fmt.Errorf("event %d of %q, which is not registered", e.Seq, truncateID(e.Party))
	}
	switch e.Kind {
	case Raised, Changed:
		if e.Match == nil {
			return fmt.Errorf("event %d: a %s alert without its match", e.Seq, e.Kind)
		}
		old := p.alerts[e.Entry]
		if (e.Kind == Raised) != (old == nil) {
			return fmt.Errorf("event %d: a %s alert of %s that is %s", e.Seq, e.Kind, e.Entry, map[bool]string{true: "open", false: "not open"}[old != nil])
		}
		a := &Alert{Party: e.Party, Entry: e.Entry, Decision: e.Decision, Score: e.Score, Lists: e.After, Since: e.Time, Match: *e.Match}
		if old != nil {
			a.Since = old.Since
		}
		p.alerts[e.Entry] = a
	case Retracted:
		if p.alerts[e.Entry] == nil {
			return fmt.Errorf("event %d: retraction of an alert of %s that is not open", e.Seq, e.Entry)
		}
		delete(p.alerts, e.Entry)
	case Failed:
		p.failed = e.Error
	default:
		return fmt.Errorf("event %d: unknown kind %q", e.Seq, truncateID(string(e.Kind)))
	}
	return nil
}
