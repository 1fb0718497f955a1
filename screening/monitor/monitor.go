// Package monitor screens registered parties continuously. An application —
// a customs service with its registered traders and declarants, a visa
// office with its applicants, an airline with the manifest it knows days
// ahead — registers each party (any raqib.Query) under its own ID; the
// Monitor screens it at once and again whenever the lists change, and
// reports each change of an alert as an Event: a new alert, an alert whose
// score or decision changed, an alert retracted (the entry was delisted or
// changed, the party unregistered). Each event names the party, the entry,
// the list versions before and after, and the evidence (the match with its
// features).
//
// The Monitor follows a screening.Screener (Screener.Subscribe): after every
// Replace it re-screens what the change can affect, before Replace returns.
// Its alerts are always those a full re-screen of every party against the
// new lists gives — the same (party, entry, decision) and the same scores,
// rounded as JSON writes them. When the Screener reports that the token
// weights changed with the lists (Update.Reweighed), every score may have
// moved, and every party is screened again. Otherwise only the parties the
// change can reach are: those with an alert on an entry that was removed or
// changed, and those that an added or changed entry may match — found in a
// reverse index of the parties by the terms retrieval reads (skeleton keys,
// sounds, one-edit spellings, compounds, names written as one word, document
// numbers, biometrics), scored against the entry with the lists' own
// matcher, and screened forward if the score may reach the review threshold.
// docs/monitor.md says why that equals a full re-screen, and how it is
// tested.
//
// Parties and open alerts survive a restart in a Store: an append-only,
// hash-chained file of checksummed records (package screening/audit's
// chain), with a torn last record detected and reported (ErrTorn) and
// mended by RepairStore. The store holds the parties' queries, which are
// personal data: keep it like the data it came from. The Monitor never logs
// a query.
package monitor

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
	"github.com/raqib/raqib/screening"
	"github.com/raqib/raqib/screening/audit"
)

// Party is one registered party: the application's own ID for it, and the
// query it is screened with.
type Party struct {
	ID    string      `json:"id"`
	Query raqib.Query `json:"query"`
}

// MaxIDBytes is the longest party ID.
const MaxIDBytes = 200

// ListVersion names one list an alert was found on.
type ListVersion struct {
	Source  string `json:"source"`
	Version string `json:"version"`
	Digest  string `json:"digest,omitempty"`
}

func versions(ls []screening.ListInfo) []ListVersion {
	out := make([]ListVersion, len(ls))
	for i, l := range ls {
		out[i] = ListVersion{Source: l.Source, Version: l.Version, Digest: l.Digest}
	}
	return out
}

// Alert is an open alert: a party that an entry matches with decision
// review or hit.
type Alert struct {
	Party    string         `json:"party_id"`
	Entry    string         `json:"entry_id"`
	Decision raqib.Decision `json:"decision"`
	// Score is rounded to three decimals, as every score Raqib writes.
	Score float64 `json:"score"`
	// Lists are the lists the party was screened against when the alert was
	// raised or last changed; Since is when it was raised.
	Lists []ListVersion `json:"lists"`
	Since time.Time     `json:"since"`
	// Match is the evidence: the entry summarised, the name that matched and
	// the features behind the score.
	Match screening.Match `json:"match"`
}

// EventKind says what happened to an alert.
type EventKind string

// The kinds of event.
const (
	// Raised: a new alert.
	Raised EventKind = "new"
	// Changed: the alert's score or decision changed.
	Changed EventKind = "changed"
	// Retracted: the entry no longer matches the party (delisted, changed,
	// the party's query changed or the party was unregistered).
	Retracted EventKind = "retracted"
	// Failed: the party could not be screened against the lists (its query
	// names a list no longer served, for instance); its alerts stand as
	// they were. Error gives the error code.
	Failed EventKind = "error"
)

// Cause says what made an event.
type Cause string

// The causes of events.
const (
	CauseRegister   Cause = "register"   // the party was registered, or its query changed
	CauseUnregister Cause = "unregister" // the party was unregistered
	CauseLists      Cause = "lists"      // the lists changed (a Replace)
	CauseRestart    Cause = "restart"    // the lists (or thresholds, or library) differ from those the store's alerts were found on
)

// Event is one change of an alert.
type Event struct {
	// Seq numbers the events of a Monitor from 1 (and survives a restart).
	Seq   int64     `json:"seq"`
	Time  time.Time `json:"time"`
	Kind  EventKind `json:"kind"`
	Cause Cause     `json:"cause"`
	Party string    `json:"party_id"`
	Entry string    `json:"entry_id,omitempty"`
	// Decision and Score are the alert's now (none once retracted);
	// Previous and PreviousScore before the event (none for a new alert).
	Decision      raqib.Decision `json:"decision,omitempty"`
	Score         float64        `json:"score,omitempty"`
	Previous      raqib.Decision `json:"previous_decision,omitempty"`
	PreviousScore float64        `json:"previous_score,omitempty"`
	// Before and After are the lists screened before and after the change
	// (Before is empty for a registration).
	Before []ListVersion `json:"lists_before,omitempty"`
	After  []ListVersion `json:"lists_after,omitempty"`
	// Match is the evidence of a new or changed alert.
	Match *screening.Match `json:"match,omitempty"`
	// Error is the error code of a Failed event (audit.ErrorCode), never
	// the error's text, which may quote the query.
	Error string `json:"error,omitempty"`
}

// UpdateReport says what the Monitor did for one change of the lists.
type UpdateReport struct {
	Time   time.Time     `json:"time"`
	Before []ListVersion `json:"lists_before"`
	After  []ListVersion `json:"lists_after"`
	// Full is true when every party was screened again: the weights changed
	// (Update.Reweighed), the Monitor has no view of the lists (WithLists),
	// or the change reaches most parties anyway.
	Full bool   `json:"full"`
	Why  string `json:"why,omitempty"`
	// Entries is the number of entry versions that changed scoring (added,
	// removed, changed in a field screening reads); Linked the parties the
	// reverse index found for them; Scored those scored against them;
	// Screened the parties screened forward.
	Entries  int `json:"entries"`
	Linked   int `json:"linked"`
	Scored   int `json:"scored"`
	Pairs    int `json:"pairs"` // (party, entry) pairs scored
	Screened int `json:"screened"`
	// NoRoom counts the parties among Screened that were screened forward
	// because the entry versions linked to them exceed their rooms
	// (screening.Result.Room): the change may let their retrieval read
	// otherwise, and meet or lose an entry that did not change.
	NoRoom int `json:"no_room"`
	Events int `json:"events"`
	// Failed counts the parties that could not be screened.
	Failed  int           `json:"failed"`
	Elapsed time.Duration `json:"elapsed_ns"`
	// The parts of Elapsed of an incremental update: building the lists'
	// matcher, linking, scoring and screening forward.
	Matcher   time.Duration `json:"matcher_ns,omitempty"`
	Linking   time.Duration `json:"linking_ns,omitempty"`
	Scoring   time.Duration `json:"scoring_ns,omitempty"`
	Screening time.Duration `json:"screening_ns,omitempty"`
}

// Stats describes a Monitor.
type Stats struct {
	Parties int   `json:"parties"`
	Alerts  int   `json:"alerts"`
	Events  int64 `json:"last_event"`
	// Lists are the lists the alerts were found on.
	Lists []ListVersion `json:"lists"`
	// Incremental reports that the Monitor knows the lists (WithLists) and
	// can re-screen only what a change reaches.
	Incremental bool          `json:"incremental"`
	LastUpdate  *UpdateReport `json:"last_update,omitempty"`
	// Err is the error that stopped the Monitor (a store that could not be
	// written); every later change is refused with it.
	Err string `json:"error,omitempty"`
}

// Option configures a Monitor.
type Option func(*config) error

type config struct {
	store     *Store
	lists     []*lists.List
	hook      func([]Event)
	workers   int
	maxEvents int
	policy    policy
}

type policy int

const (
	auto       policy = iota
	alwaysFull        // every update re-screens every party
	trustDelta        // the incremental path even when reweighed (tests)
)

// WithStore keeps the parties, alerts and events in st, and takes up what
// it holds (see New).
func WithStore(st *Store) Option {
	return func(c *config) error {
		if st == nil {
			return errors.New("monitor: WithStore: nil store")
		}
		c.store = st
		return nil
	}
}

// WithLists gives the Monitor the lists the Screener serves now (those it
// was built or last replaced with). With them the Monitor follows every
// change of the entries and re-screens, when the weights did not change,
// only the parties a change reaches; without them every change re-screens
// every party.
func WithLists(ls ...*lists.List) Option {
	return func(c *config) error {
		for _, l := range ls {
			if l == nil {
				return errors.New("monitor: WithLists: nil list")
			}
		}
		c.lists = ls
		return nil
	}
}

// WithEventHook calls fn with the events of each change, in order, once
// they are in the store and before the call that caused them returns (a
// service writes them to its audit log). fn must not call the Monitor.
func WithEventHook(fn func([]Event)) Option {
	return func(c *config) error {
		c.hook = fn
		return nil
	}
}

// WithConcurrency sets how many parties are scored or screened at once
// (default: the Screener's batch concurrency).
func WithConcurrency(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("monitor: concurrency %d: want > 0", n)
		}
		c.workers = n
		return nil
	}
}

// WithMaxEvents sets how many of the latest events the Monitor keeps in
// memory for Events (default DefaultMaxEvents); Events reads older ones
// back from the store, and without a store they are gone.
func WithMaxEvents(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("monitor: max events %d: want > 0", n)
		}
		c.maxEvents = n
		return nil
	}
}

// WithFullRescreen makes every change of the lists re-screen every party,
// as if the weights always changed.
func WithFullRescreen() Option {
	return func(c *config) error {
		c.policy = alwaysFull
		return nil
	}
}

// DefaultMaxEvents is how many events a Monitor keeps for Events.
const DefaultMaxEvents = 100000

// ErrUnknownParty is returned for a party ID that is not registered.
var ErrUnknownParty = errors.New("monitor: no such party")

// ErrEventsGone is returned by Events, for a Monitor without a store, for
// a sequence number older than the events kept (WithMaxEvents).
var ErrEventsGone = errors.New("monitor: events before that are no longer kept")

// ErrClosed is returned after Close.
var ErrClosed = errors.New("monitor: closed")

// party is a registered party and what is known of it.
type party struct {
	id     string
	q      raqib.Query
	slot   int32
	terms  partyTerms
	alerts map[string]*Alert // by entry ID
	// windowFull: its last screening compared only the likeliest of the
	// entries that share its name (screening.Result.WindowFull).
	windowFull bool
	room       room
	// met is what its retrieval met when the room to lose is bounded
	// (screening.Result.Met), nil when that is not known; gained the
	// hashes of the new versions linked to it since (metSet).
	met    metSet
	gained []uint32
	failed string // error code of its last screening, "" when it screened
	// kept is its query as the matcher prepared it, kept between updates
	// (matcher.Keeper); nil for a query with fingerprints, or one the
	// matcher cannot read, which the scoring prepares anew.
	kept *matcher.Kept
}

// room is how many entries a party's retrieval may gain and lose with the
// window's room deciding every read as it did (screening.Result.RoomToGain
// and RoomToLose), less the entry versions linked to it since it was last
// screened. It is unknown after a restart (it is not kept in the store)
// until the party is screened again.
type room struct {
	gain, lose int32
}

// metSet is the entries a party's retrieval met (screening.Result.Met), by
// the hashes of their IDs, ascending; with the new entry versions linked to
// it since (party.gained), they are the entries it may meet now: only an
// entry lost among them counts against its room to lose. A hash stands for
// every ID of that hash, each counted as met, and is held once for each
// (hashSet.among counts the pairs): a lost entry counted that was not met
// screens a party forward, never the other way. Nil when not known: every
// entry lost that is linked to the party then counts.
type metSet []uint32

// metSeed seeds the hashes of metSet (they are never stored).
var metSeed = maphash.MakeSeed()

func metHash(id string) uint32 { return uint32(maphash.String(metSeed, id)) }

// metOf is the set of what r met: nil when r does not say (its room to
// lose is not bounded), otherwise a set, perhaps empty.
func metOf(r *screening.Result) metSet {
	if r.Met == nil {
		return nil
	}
	s := make(metSet, len(r.Met))
	for i, id := range r.Met {
		s[i] = metHash(id)
	}
	slices.Sort(s)
	return s
}

// setRoom records the rooms and what retrieval met of r, pt's screening.
func (pt *party) setRoom(r *screening.Result) {
	pt.room, pt.met, pt.gained = roomOf(r), metOf(r), nil
}

// roomUnknown is the room of a party taken up from the store.
var roomUnknown = room{-1, -1}

// roomOf is the room r leaves.
func roomOf(r *screening.Result) room {
	return room{int32(min(r.RoomToGain, math.MaxInt32)), int32(min(r.RoomToLose, math.MaxInt32))}
}

// known reports whether the room is known.
func (r room) known() bool { return r.gain >= 0 }

// fits reports whether retrieval may gain gain entries and lose lose ones
// with its window deciding as it did.
func (r room) fits(gain, lose int32) bool { return r.known() && gain <= r.gain && lose <= r.lose }

// after is the room once gain entries may have been gained and lose lost:
// a read made while the window had room may not be made now, if more were
// gained than it had, and a read left out may then be made once one is
// lost.
func (r room) after(gain, lose int32) room {
	if !r.known() {
		return r
	}
	if gain > r.gain {
		r.lose = 0
	}
	return room{max(0, r.gain-gain), max(0, r.lose-lose)}
}

// Monitor screens registered parties continuously. It is safe for
// concurrent use.
type Monitor struct {
	s      *screening.Screener
	cfg    config
	cancel func() // ends the subscription

	// mu serialises every change: registrations and list updates.
	mu      sync.Mutex
	ctx     context.Context // done at Close
	stop    context.CancelFunc
	err     error // sticky: a store that failed
	closed  bool
	parties map[string]*party
	slots   []*party // by slot; nil for a free slot
	free    []int32
	byEntry map[string]map[string]bool // entry ID -> parties with an alert on it
	index   *linkIndex
	tok     *matcher.Matcher // reads the parties' names without a base (weights)
	// keeper holds the parties' name tokens as the matchers prepared
	// them, for their kept queries (party.kept).
	keeper *matcher.Keeper
	view   *listView // the entries served, nil without WithLists
	// weights is a matcher of the lists the Screener was last indexed from
	// whole, whose name frequencies it still weighs with after incremental
	// Replaces (Update.Reweighed false); made when the lists are given
	// (WithLists) and after an update that reweighs (setBase), nil without
	// a view or during such an update.
	weights *matcher.Matcher
	// base holds the entries of those lists by ID (set with weights): an
	// incremental Replace indexes, in a segment of their own, the entries
	// served that the base does not hold as they are now. baseSorted holds
	// them in the order of weights' entries.
	base       map[string]*lists.Entry
	baseSorted []*lists.Entry
	// delta is the entries of the Screener's delta segment since the last
	// update (deltaEntries; nil while the base serves alone), and
	// deltaBefore those of the update before: the segment an old version
	// was in.
	delta, deltaBefore *deltaSet
	// sinceBase is the delta segment of the last update from the base (an
	// empty one when the base serves alone), nil when not known: the
	// next update compares with the base only the entries it touches.
	sinceBase *deltaSet
	// dicts keeps, between updates, the dictionaries an update reads that
	// the next may read again (segmentDicts).
	dicts  segmentDicts
	lists  []ListVersion // the lists the alerts were found on
	review float64
	// linkTrace, when not nil, is told every link an update makes: the
	// party's slot, the entry version (as rescreenDelta numbers them) and
	// the rule (for the measurements of the tests).
	linkTrace func(slot int32, version int, r linkRule)
	// linkHook, when not nil, is given each update's linking and the links
	// it made (for the tests).
	linkHook func(lr *linkRun, linked [][]int32)
	// countSpan, when not 0, is how many slots a worker counts the links
	// of at a time (countRun.span; the tests' small ranges).
	countSpan int

	// rw guards what readers see: the alerts, events and statistics.
	rw       sync.RWMutex
	events   []Event // the latest, at most maxEvents
	lastSeq  int64
	changed  chan struct{} // closed and replaced at every new event
	last     *UpdateReport
	nAlerts  int
	nParties int
}

// New returns a Monitor following s. With a store (WithStore) it takes up
// the parties, alerts and events the store holds; when the store's alerts
// were found on other lists than s serves now (or with other thresholds, or
// another version of the library), every party is screened again, and the
// differences are events of cause CauseRestart.
func New(ctx context.Context, s *screening.Screener, opts ...Option) (*Monitor, error) {
	if s == nil {
		return nil, errors.New("monitor: New: nil screener")
	}
	m := &Monitor{s: s, parties: map[string]*party{}, byEntry: map[string]map[string]bool{},
		index: newLinkIndex(), changed: make(chan struct{})}
	m.cfg.maxEvents = DefaultMaxEvents
	for _, o := range opts {
		if err := o(&m.cfg); err != nil {
			return nil, err
		}
	}
	if m.cfg.workers == 0 {
		m.cfg.workers = defaultWorkers()
	}
	m.review, _ = s.Thresholds()
	m.lists = versions(s.Lists())
	m.ctx, m.stop = context.WithCancel(context.Background())
	// A matcher over no entries reads names as every matcher does.
	m.tok = matcher.New(nil)
	m.keeper = matcher.NewKeeper()
	if m.cfg.lists != nil {
		v, err := newListView(m.cfg.lists, s.Lists())
		if err != nil {
			return nil, err
		}
		m.view = v
		if m.cfg.policy != alwaysFull {
			// The lists given are those the Screener was indexed from
			// whole: the base of the incremental Replaces to come.
			m.setBase()
		}
	}
	if st := m.cfg.store; st != nil {
		if err := m.takeUp(ctx, st); err != nil {
			return nil, err
		}
	}
	m.cancel = s.Subscribe(m.onUpdate)
	return m, nil
}

// Close stops following the Screener and closes the store. An update in
// progress stops; the store then says the alerts are not those of the
// lists, and the next New screens every party again.
func (m *Monitor) Close() error {
	m.stop()
	m.cancel()
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return nil
	}
	m.closed = true
	if m.cfg.store != nil {
		return m.cfg.store.Close()
	}
	return nil
}

// usable returns the error that stops changes, if any.
func (m *Monitor) usable() error {
	switch {
	case m.closed:
		return ErrClosed
	case m.err != nil:
		return m.err
	}
	return nil
}

// Register registers parties (or changes the query of a party registered
// before) and screens them now. It returns their alert events. A party
// registered again with the same query changes nothing. Every query is
// checked first (raqib.Query.Validate, and that it can be screened): if one
// cannot, none is registered and the error names it.
func (m *Monitor) Register(ctx context.Context, ps ...Party) ([]Event, error) {
	for i := range ps {
		if err := CheckID(ps[i].ID); err != nil {
			return nil, fmt.Errorf("monitor: party %d: %w", i, err)
		}
		if err := ps[i].Query.Validate(); err != nil {
			return nil, fmt.Errorf("monitor: party %q: %w", ps[i].ID, err)
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.usable(); err != nil {
		return nil, err
	}
	// The last of repeated IDs counts; unchanged parties are left alone.
	at := map[string]int{}
	for i := range ps {
		at[ps[i].ID] = i
	}
	var todo []Party
	for i := range ps {
		if at[ps[i].ID] != i {
			continue
		}
		if old := m.parties[ps[i].ID]; old != nil && sameQuery(&old.q, &ps[i].Query) {
			continue
		}
		todo = append(todo, ps[i])
	}
	if len(todo) == 0 {
		return nil, nil
	}
	qs := make([]raqib.Query, len(todo))
	for i := range todo {
		qs[i] = todo[i].Query
	}
	res, err := m.s.ScreenBatch(screening.WithMet(ctx), qs)
	if err != nil {
		return nil, err
	}
	for i, r := range res {
		if r.Err != nil {
			return nil, fmt.Errorf("monitor: party %q: %w", todo[i].ID, r.Err)
		}
	}
	var recs []record
	var evs []Event
	for i := range todo {
		p := &todo[i]
		recs = append(recs, record{Op: opRegister, Party: p})
		pt := m.parties[p.ID]
		if pt == nil {
			pt = &party{id: p.ID, alerts: map[string]*Alert{}}
		} else {
			m.unindex(pt)
		}
		m.rw.Lock()
		pt.q = p.Query
		pt.failed = ""
		m.parties[p.ID] = pt
		m.rw.Unlock()
		m.indexParty(pt)
		evs = append(evs, m.diff(pt, res[i].Result, CauseRegister, nil)...)
		pt.setRoom(res[i].Result)
		if full := res[i].Result.WindowFull; full != pt.windowFull {
			pt.windowFull = full
			recs = append(recs, record{Op: opWindow, ID: p.ID, Flag: full})
		}
	}
	if err := m.commit(recs, evs); err != nil {
		return nil, err
	}
	return evs, nil
}

// Unregister removes parties; their alerts are retracted. An ID that is not
// registered is ErrUnknownParty (and nothing is removed).
func (m *Monitor) Unregister(ctx context.Context, ids ...string) ([]Event, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.usable(); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if m.parties[id] == nil {
			return nil, fmt.Errorf("%w: %q", ErrUnknownParty, truncateID(id))
		}
	}
	var recs []record
	var evs []Event
	for _, id := range ids {
		pt := m.parties[id]
		if pt == nil {
			continue // repeated
		}
		recs = append(recs, record{Op: opUnregister, ID: id})
		evs = append(evs, m.diff(pt, &screening.Result{}, CauseUnregister, nil)...)
		m.unindex(pt)
		m.rw.Lock()
		delete(m.parties, id)
		m.rw.Unlock()
	}
	if err := m.commit(recs, evs); err != nil {
		return nil, err
	}
	return evs, nil
}

// Party returns a registered party and its open alerts.
func (m *Monitor) Party(id string) (Party, []Alert, bool) {
	m.rw.RLock()
	defer m.rw.RUnlock()
	pt := m.parties[id]
	if pt == nil {
		return Party{}, nil, false
	}
	return Party{ID: pt.id, Query: pt.q}, sortedAlerts(pt), true
}

// Alerts returns every open alert, by party and entry.
func (m *Monitor) Alerts() []Alert {
	m.rw.RLock()
	defer m.rw.RUnlock()
	var out []Alert
	for _, pt := range m.parties {
		out = append(out, sortedAlerts(pt)...)
	}
	slices.SortFunc(out, func(a, b Alert) int { return cmp.Or(cmp.Compare(a.Party, b.Party), cmp.Compare(a.Entry, b.Entry)) })
	return out
}

func sortedAlerts(pt *party) []Alert {
	out := make([]Alert, 0, len(pt.alerts))
	for _, a := range pt.alerts {
		out = append(out, *a)
	}
	slices.SortFunc(out, func(a, b Alert) int { return cmp.Compare(a.Entry, b.Entry) })
	return out
}

// Events returns the events after since (at most limit of them, all when
// limit <= 0), in order. Events older than those kept in memory
// (WithMaxEvents) are read back from the store; without a store, they are
// gone: ErrEventsGone.
func (m *Monitor) Events(since int64, limit int) ([]Event, error) {
	m.rw.RLock()
	if since < 0 {
		since = 0
	}
	first := m.lastSeq - int64(len(m.events)) + 1 // seq of events[0]
	if since+1 >= first {
		defer m.rw.RUnlock()
		i := int(since + 1 - first)
		if i >= len(m.events) {
			return nil, nil
		}
		out := m.events[i:]
		if limit > 0 && len(out) > limit {
			out = out[:limit]
		}
		return slices.Clone(out), nil
	}
	st := m.cfg.store
	var kept []Event
	if st != nil && (limit <= 0 || int64(limit) > first-since-1) {
		kept = m.events
		if limit > 0 {
			kept = kept[:min(len(kept), limit-int(first-since-1))]
		}
		kept = slices.Clone(kept)
	}
	m.rw.RUnlock()
	if st == nil {
		return nil, fmt.Errorf("%w (the oldest kept is %d)", ErrEventsGone, first)
	}
	// The store is read without the lock: the events before first are in
	// it for good.
	out, err := st.events(since, first, limit)
	if err != nil {
		return nil, err
	}
	return append(out, kept...), nil
}

// Wait returns once there is an event after since, or ctx is done (its
// error), or the Monitor is closed (ErrClosed): a streaming reader waits,
// then reads Events(since, ...).
func (m *Monitor) Wait(ctx context.Context, since int64) error {
	for {
		m.rw.RLock()
		last, ch := m.lastSeq, m.changed
		m.rw.RUnlock()
		if last > since {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		case <-m.ctx.Done():
			return ErrClosed
		}
	}
}

// Stats describes the Monitor now.
func (m *Monitor) Stats() Stats {
	m.rw.RLock()
	defer m.rw.RUnlock()
	st := Stats{Parties: len(m.parties), Events: m.lastSeq, Lists: m.lists, Incremental: m.view != nil, LastUpdate: m.last}
	for _, pt := range m.parties {
		st.Alerts += len(pt.alerts)
	}
	if m.err != nil {
		st.Err = m.err.Error()
	}
	return st
}

// indexParty gives pt a slot and puts it in the reverse index.
func (m *Monitor) indexParty(pt *party) {
	if n := len(m.free); n > 0 {
		pt.slot = m.free[n-1]
		m.free = m.free[:n-1]
		m.slots[pt.slot] = pt
	} else {
		pt.slot = int32(len(m.slots))
		m.slots = append(m.slots, pt)
	}
	// The party is read by the base's matcher when there is one: its
	// tokens, compounds, joined names and documents (what the index reads)
	// are those any matcher gives, and it is kept as the base weighs it,
	// as the updates that follow score it (an incremental Replace keeps
	// the base's weights): Keeper.Bind then only looks its tokens up.
	pm := m.tok
	if m.weights != nil {
		pm = m.weights
	}
	p, err := pm.Prepare(pt.q)
	if err != nil {
		// A query the matcher cannot read has nothing to index; its
		// screening failed for the query's own sake (ErrBadQuery), which no
		// change of the lists mends.
		pt.terms = partyTerms{}
		pt.kept = nil
		return
	}
	pt.terms = m.index.add(pt.slot, p, &pt.q)
	pt.kept, _ = m.keeper.Keep(pm, p)
	p.Release()
}

// unindex takes pt out of the reverse index and frees its slot.
func (m *Monitor) unindex(pt *party) {
	m.index.remove(pt.slot, pt.terms)
	if pt.kept != nil {
		// Its tokens that no other party has are forgotten.
		m.keeper.Forget(pt.kept)
		pt.kept = nil
	}
	m.slots[pt.slot] = nil
	m.free = append(m.free, pt.slot)
}

// alertOf returns the alert a match makes, or nil for a match below review.
func alertOf(id string, mt *screening.Match, lv []ListVersion, now time.Time) *Alert {
	if mt.Decision != raqib.Hit && mt.Decision != raqib.Review {
		return nil
	}
	m := *mt
	m.Entry = nil
	m.Score = raqib.Round(m.Score)
	return &Alert{Party: id, Entry: mt.EntryID, Decision: mt.Decision, Score: raqib.Round(mt.Score), Lists: lv, Since: now, Match: m}
}

// diff sets pt's alerts to those of res and returns the events that make
// the difference (with before, the lists screened before, for a change of
// the lists). The events are not numbered yet.
func (m *Monitor) diff(pt *party, res *screening.Result, cause Cause, before []ListVersion) []Event {
	now := time.Now().UTC()
	lv := versions(res.Lists)
	if res.Lists == nil {
		lv = m.lists
	}
	next := map[string]*Alert{}
	for i := range res.Matches {
		if a := alertOf(pt.id, &res.Matches[i], lv, now); a != nil {
			next[a.Entry] = a
		}
	}
	var evs []Event
	ev := func(k EventKind, entry string) Event {
		return Event{Time: now, Kind: k, Cause: cause, Party: pt.id, Entry: entry, Before: before, After: lv}
	}
	for _, id := range sortedKeys(next) {
		a := next[id]
		old := pt.alerts[id]
		switch {
		case old == nil:
			e := ev(Raised, id)
			e.Decision, e.Score, e.Match = a.Decision, a.Score, &a.Match
			evs = append(evs, e)
		case old.Decision != a.Decision || old.Score != a.Score:
			e := ev(Changed, id)
			e.Decision, e.Score, e.Match = a.Decision, a.Score, &a.Match
			e.Previous, e.PreviousScore = old.Decision, old.Score
			a.Since = old.Since
			evs = append(evs, e)
		default:
			next[id] = old // unchanged: the alert as it was raised
		}
	}
	for _, id := range sortedKeys(pt.alerts) {
		if next[id] == nil {
			old := pt.alerts[id]
			e := ev(Retracted, id)
			e.Previous, e.PreviousScore = old.Decision, old.Score
			evs = append(evs, e)
		}
	}
	m.setAlerts(pt, next)
	return evs
}

// setAlerts replaces pt's alerts, keeping byEntry in step.
func (m *Monitor) setAlerts(pt *party, next map[string]*Alert) {
	m.rw.Lock()
	defer m.rw.Unlock()
	for id := range pt.alerts {
		if next[id] == nil {
			if ps := m.byEntry[id]; ps != nil {
				delete(ps, pt.id)
				if len(ps) == 0 {
					delete(m.byEntry, id)
				}
			}
		}
	}
	for id := range next {
		if pt.alerts[id] == nil {
			ps := m.byEntry[id]
			if ps == nil {
				ps = map[string]bool{}
				m.byEntry[id] = ps
			}
			ps[pt.id] = true
		}
	}
	pt.alerts = next
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// commit numbers evs, writes recs and the events to the store, publishes
// the events and calls the hook. A store that cannot be written stops the
// Monitor: its state in memory is ahead of the store's.
func (m *Monitor) commit(recs []record, evs []Event) error {
	m.rw.Lock()
	seq := m.lastSeq
	for i := range evs {
		seq++
		evs[i].Seq = seq
		recs = append(recs, record{Op: opEvent, Event: &evs[i]})
	}
	m.rw.Unlock()
	if st := m.cfg.store; st != nil && len(recs) > 0 {
		if err := st.append(recs...); err != nil {
			m.err = fmt.Errorf("monitor: the store could not be written, the monitor stopped: %w", err)
			return m.err
		}
	}
	m.publish(evs)
	if m.cfg.hook != nil && len(evs) > 0 {
		m.cfg.hook(evs)
	}
	return nil
}

// publish adds evs to the events kept and wakes the waiters.
func (m *Monitor) publish(evs []Event) {
	if len(evs) == 0 {
		return
	}
	m.rw.Lock()
	defer m.rw.Unlock()
	m.events = append(m.events, evs...)
	if over := len(m.events) - m.cfg.maxEvents; over > 0 {
		m.events = slices.Clone(m.events[over:])
	}
	m.lastSeq = evs[len(evs)-1].Seq
	close(m.changed)
	m.changed = make(chan struct{})
}

// takeUp takes up what store st holds; when its alerts were found on other
// lists (or thresholds, or library) than the Screener's now, it screens
// every party again.
func (m *Monitor) takeUp(ctx context.Context, st *Store) error {
	h := st.held
	st.held = nil
	seen := map[string]bool{}
	for _, id := range h.order {
		p := h.parties[id]
		if p == nil || seen[id] {
			continue
		}
		seen[id] = true
		m.parties[id] = p
		m.indexParty(p)
		for e := range p.alerts {
			if m.byEntry[e] == nil {
				m.byEntry[e] = map[string]bool{}
			}
			m.byEntry[e][id] = true
		}
	}
	if n := len(h.events) - m.cfg.maxEvents; n > 0 {
		h.events = h.events[n:]
	}
	m.events, m.lastSeq = h.events, h.lastSeq
	now := m.listState()
	if h.lists != nil && slices.Equal(h.lists.Lists, now.Lists) && h.lists.Review == now.Review && h.lists.Hit == now.Hit && h.lists.Library == now.Library {
		return nil
	}
	var before []ListVersion
	why := "a new store"
	if h.lists != nil {
		before = h.lists.Lists
		why = "the store's alerts were found on other lists, thresholds or library version"
	}
	rep := &UpdateReport{Time: time.Now().UTC(), Before: before, After: now.Lists, Full: true, Why: why}
	start := time.Now()
	if len(m.parties) > 0 {
		if err := m.rescreenAll(ctx, CauseRestart, before, rep); err != nil {
			return err
		}
	}
	rep.Elapsed = time.Since(start)
	if len(m.parties) > 0 {
		m.last = rep
	}
	return m.setLists(now.Lists)
}

func jsonOf(q *raqib.Query) ([]byte, error) { return json.Marshal(q) }

func sameQuery(a, b *raqib.Query) bool {
	ja, err1 := jsonOf(a)
	jb, err2 := jsonOf(b)
	return err1 == nil && err2 == nil && string(ja) == string(jb)
}

// CheckID checks a party ID: not empty, at most MaxIDBytes, valid UTF-8
// without control characters.
func CheckID(id string) error {
	switch {
	case id == "":
		return errors.New("empty party ID")
	case len(id) > MaxIDBytes:
		return fmt.Errorf("party ID of %d bytes: at most %d", len(id), MaxIDBytes)
	}
	for _, r := range id {
		if r < 0x20 || r == 0x7f || r == 0xfffd {
			return errors.New("party ID holds a control character or is not valid UTF-8")
		}
	}
	return nil
}

func truncateID(id string) string {
	if len(id) > 40 {
		return id[:40] + "…"
	}
	return id
}

// errCode is the code of a screening error, for Failed events.
func errCode(err error) string {
	code, _ := audit.ErrorCode(err)
	return code
}
