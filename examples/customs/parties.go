package main

// Continuous screening (package screening/monitor): the customs system
// registers its traders, declarants and consignees once, and the service
// screens them again at every change of the lists — a reload, or an
// OpenSanctions delta — and keeps their alerts:
//
//	PUT    /v1/parties/{id}   register a party (the body is a query) or change its query
//	GET    /v1/parties/{id}   the party's query and open alerts
//	DELETE /v1/parties/{id}   unregister it (its alerts are retracted)
//	GET    /v1/parties        how many parties and alerts, the last list update
//	GET    /v1/alerts?since=N the alert events after N (new, changed, retracted, error);
//	                          with Accept: text/event-stream, a stream of them
//	GET    /v1/alerts/open    the open alerts
//	POST   /v1/lists/delta?list=SOURCE[&version=V]  apply an FtM delta file (the body) to a list
//
// Every one of them needs the admin token: registering a party is an
// administrative act, and alerts name parties. Each alert event, and each
// registration and unregistration, goes to the audit log by IDs and the
// keyed hash of the party's query, never the query.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
	"github.com/raqib/raqib/screening/audit"
	"github.com/raqib/raqib/screening/monitor"
)

// monitorFlags are the flags of continuous screening.
type monitorFlags struct {
	store        string
	verify       string
	repair       string
	maxDeltaBody int64
	heartbeat    time.Duration
}

func (f *monitorFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.store, "parties", "", "keep the registered parties, their alerts and the alert events in the store at `PATH` (hash-chained JSON Lines; it holds the parties' queries: personal data); without it they are kept in memory only")
	fs.StringVar(&f.verify, "verify-parties", "", "verify the party store at `PATH`, print what it holds, and exit")
	fs.StringVar(&f.repair, "repair-parties", "", "repair the party store at `PATH` whose last record was cut short (stop the service first), and exit")
	fs.Int64Var(&f.maxDeltaBody, "max-delta-body", 64<<20, "largest POST /v1/lists/delta body in `BYTES`")
	f.heartbeat = 15 * time.Second
}

// modes runs -verify-parties or -repair-parties; done reports that one ran.
func (f *monitorFlags) modes(stdout, stderr io.Writer, log *slog.Logger) (code int, done bool) {
	switch {
	case f.verify != "":
		sum, err := monitor.VerifyStore(f.verify)
		if err != nil {
			fmt.Fprintf(stderr, "customs: %v\n", err)
			if errors.Is(err, monitor.ErrTorn) {
				fmt.Fprintf(stderr, "customs: if the service is stopped, customs -repair-parties %s mends it\n", f.verify)
			}
			return 1, true
		}
		fmt.Fprintf(stdout, "%s: ok: %d records, %d parties, %d open alerts, %d events; last hash %s\n",
			f.verify, sum.Records, sum.Parties, sum.Alerts, sum.Events, sum.Last)
		return 0, true
	case f.repair != "":
		rep, err := monitor.RepairStore(f.repair)
		if err != nil {
			fmt.Fprintf(stderr, "customs: %v\n", err)
			return 1, true
		}
		if rep.Line == 0 {
			fmt.Fprintf(stdout, "%s: good, nothing to repair\n", f.repair)
			return 0, true
		}
		log.Warn("party store repaired", "path", f.repair, "line", rep.Line, "problem", rep.Problem,
			"removed_bytes", rep.Removed, "saved", rep.Saved, "completed", rep.Completed, "seq", rep.Link.Seq, "hash", rep.Link.Hash)
		fmt.Fprintf(stdout, "%s: repaired line %d (%s); repair record %d, hash %s\n", f.repair, rep.Line, rep.Problem, rep.Link.Seq, rep.Link.Hash)
		return 0, true
	}
	return 0, false
}

// partyService is the service's Monitor and what goes with it.
type partyService struct {
	m     *monitor.Monitor
	flags monitorFlags
	// mu serialises the calls that change the monitor, so that the audit
	// hook knows the request that caused the events.
	mu        sync.Mutex
	requestID string
	auditErr  error
	// hashes are the keyed hashes of the parties' queries, for the audit
	// log (with hasher, when there is one).
	hasher *audit.Hasher
	hashes map[string]string
	// current are the lists served, for deltas; guarded by the server's
	// reloadMu.
	current []*lists.List
	// stop is closed when the server shuts down: streams end.
	stop     chan struct{}
	stopOnce sync.Once
	events   *prometheus.CounterVec
}

// startMonitor starts continuous screening over ls, the lists s serves.
func (sv *server) startMonitor(ctx context.Context, f monitorFlags, ls []*lists.List) error {
	ps := &partyService{flags: f, current: ls, stop: make(chan struct{}), hashes: map[string]string{}, hasher: sv.hasher,
		events: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "raqib_monitor_events_total", Help: "Alert events of the registered parties, by kind (new, changed, retracted, error).",
		}, []string{"kind"})}
	opts := []monitor.Option{monitor.WithLists(ls...), monitor.WithEventHook(func(evs []monitor.Event) { sv.auditEvents(ps, evs) })}
	if f.store != "" {
		st, err := monitor.OpenStore(f.store)
		if err != nil {
			if errors.Is(err, monitor.ErrTorn) {
				err = fmt.Errorf("%w\n(with the service stopped, customs -repair-parties %s cuts the torn record, keeps its bytes beside the store and writes a record saying so)", err, f.store)
			}
			return err
		}
		opts = append(opts, monitor.WithStore(st))
	} else {
		sv.log.Warn("the registered parties are kept in memory only: give -parties PATH to keep them over a restart")
	}
	m, err := monitor.New(ctx, sv.s, opts...)
	if err != nil {
		return err
	}
	ps.m = m
	for _, k := range []monitor.EventKind{monitor.Raised, monitor.Changed, monitor.Retracted, monitor.Failed} {
		ps.events.WithLabelValues(string(k))
	}
	sv.mon = ps
	st := m.Stats()
	sv.log.Info("continuous screening", "parties", st.Parties, "alerts", st.Alerts, "last_event", st.Events, "store", f.store)
	if rep := st.LastUpdate; rep != nil {
		sv.log.Info("parties screened again", "why", rep.Why, "screened", rep.Screened, "events", rep.Events, "ms", rep.Elapsed.Milliseconds())
	}
	return nil
}

// stopStreams ends the alert streams (the server is shutting down).
func (sv *server) stopStreams() {
	if sv.mon != nil {
		sv.mon.stopOnce.Do(func() { close(sv.mon.stop) })
	}
}

// closeMonitor closes the monitor and its store.
func (sv *server) closeMonitor() error {
	if sv.mon == nil {
		return nil
	}
	sv.stopStreams()
	return sv.mon.m.Close()
}

// auditEvents writes the audit records of alert events (the monitor's hook:
// it runs inside the call that caused them, with ps.mu held when a request
// did). A failure is kept for the request to answer.
func (sv *server) auditEvents(ps *partyService, evs []monitor.Event) {
	for _, e := range evs {
		ps.events.WithLabelValues(string(e.Kind)).Inc()
	}
	if sv.audit == nil {
		return
	}
	review, hit := sv.s.Thresholds()
	for _, e := range evs {
		rec := &audit.Record{Event: "alert", RequestID: ps.requestID, QueryHash: ps.hash(e.Party), Library: audit.LibraryVersion(),
			Thresholds: audit.Thresholds{Review: review, Hit: hit}, Matches: []audit.Match{},
			Detail: fmt.Sprintf("party %s: %s (%s)", e.Party, e.Kind, e.Cause)}
		if sv.hasher != nil {
			rec.KeyID = sv.hasher.KeyID()
		}
		switch e.Kind {
		case monitor.Retracted:
			rec.Matches = append(rec.Matches, audit.Match{EntryID: e.Entry, Score: e.PreviousScore, Decision: "retracted"})
		case monitor.Failed:
			rec.ErrorCode = e.Error
		default:
			rec.Matches = append(rec.Matches, audit.Match{EntryID: e.Entry, Score: e.Score, Decision: string(e.Decision)})
		}
		for _, l := range e.After {
			rec.Lists = append(rec.Lists, audit.List{Source: l.Source, Version: l.Version})
		}
		sv.writeAudit(ps, rec)
	}
}

// hash returns the keyed hash of a party's query ("" without an audit
// log), computed once.
func (ps *partyService) hash(id string) string {
	if ps.hasher == nil {
		return ""
	}
	h, ok := ps.hashes[id]
	if !ok && ps.m != nil {
		if p, _, found := ps.m.Party(id); found {
			h = ps.hasher.HashQuery(&p.Query)
			ps.hashes[id] = h
		}
	}
	return h
}

// writeAudit writes one record of continuous screening.
func (sv *server) writeAudit(ps *partyService, rec *audit.Record) {
	if err := sv.audit.Write(rec); err != nil {
		sv.metrics.auditErrors.Inc()
		sv.log.Error("audit log write failed", "request_id", ps.requestID, "error", err.Error())
		if ps.auditErr == nil {
			ps.auditErr = err
		}
		return
	}
	sv.metrics.auditRecords.Inc()
}

// changing runs fn, a change of the monitor, for request id, and returns
// fn's error, or an error when its audit records could not be written.
func (sv *server) changing(id string, fn func(ps *partyService) error) error {
	ps := sv.mon
	ps.mu.Lock()
	defer ps.mu.Unlock()
	ps.requestID, ps.auditErr = id, nil
	defer func() { ps.requestID = "" }()
	if err := fn(ps); err != nil {
		return err
	}
	if ps.auditErr != nil {
		return errorf(http.StatusInternalServerError, "the change was made, but the audit log is unavailable (request %s)", id)
	}
	return nil
}

// authorizeParties checks the admin token of a party or alert request.
func (sv *server) authorizeParties(w http.ResponseWriter, r *http.Request) error {
	if sv.mon == nil {
		return errorf(http.StatusNotFound, "continuous screening is not running")
	}
	if !sv.reloadOn {
		return errorf(http.StatusForbidden, "the party and alert endpoints are disabled: start the service with RAQIB_ADMIN_TOKEN (or -admin-token) set")
	}
	if err := sv.authorize(r); err != nil {
		var re *retryError
		if errors.As(err, &re) {
			w.Header().Set("Retry-After", fmt.Sprint(int(re.after.Seconds()+0.999)))
			return &re.httpError
		}
		return err
	}
	return nil
}

// partyResponse answers the party endpoints.
type partyResponse struct {
	RequestID string                `json:"request_id"`
	ID        string                `json:"id"`
	Created   bool                  `json:"created,omitempty"`
	Query     *raqib.Query          `json:"query,omitempty"`
	Alerts    []monitor.Alert       `json:"alerts"`
	Events    []monitor.Event       `json:"events,omitempty"`
	Lists     []monitor.ListVersion `json:"lists,omitempty"`
}

// partyError maps an error of Register or Unregister to an answer.
func (sv *server) partyError(id string, err error) error {
	var he *httpError
	switch {
	case errors.As(err, &he):
		return err
	case errors.Is(err, monitor.ErrUnknownParty):
		return errorf(http.StatusNotFound, "no such party")
	case errors.Is(err, screening.ErrBadQuery), errors.Is(err, raqib.ErrInvalidQuery):
		return sv.screenError(id, err)
	case errors.Is(err, monitor.ErrClosed):
		return errorf(http.StatusServiceUnavailable, "the service is shutting down")
	}
	return sv.screenError(id, err)
}

func (sv *server) handlePutParty(w http.ResponseWriter, r *http.Request, id string) error {
	if err := sv.authorizeParties(w, r); err != nil {
		return err
	}
	if err := requireJSON(r); err != nil {
		return err
	}
	pid := r.PathValue("id")
	if err := monitor.CheckID(pid); err != nil {
		return errorf(http.StatusBadRequest, "bad party ID: %v", err)
	}
	var q raqib.Query
	if err := decodeBody(w, r, sv.maxBody, &q); err != nil {
		return err
	}
	if err := q.Validate(); err != nil {
		return errorf(http.StatusBadRequest, "bad query: %s", plain(err))
	}
	ctx, cancel := context.WithTimeout(r.Context(), sv.timeout)
	defer cancel()
	var evs []monitor.Event
	_, _, existed := sv.mon.m.Party(pid)
	err := sv.changing(id, func(ps *partyService) error {
		prev := ps.hash(pid)
		delete(ps.hashes, pid) // the new query's is computed when needed
		var err error
		if evs, err = ps.m.Register(ctx, monitor.Party{ID: pid, Query: q}); err != nil {
			return err
		}
		if h := ps.hash(pid); sv.audit != nil && h != prev {
			sv.writeAudit(ps, sv.partyRecord(ps, "register", pid, h))
		}
		return nil
	})
	if err != nil {
		return sv.partyError(id, err)
	}
	_, alerts, _ := sv.mon.m.Party(pid)
	code := http.StatusOK
	if !existed {
		code = http.StatusCreated
	}
	if alerts == nil {
		alerts = []monitor.Alert{}
	}
	writeJSON(w, code, partyResponse{RequestID: id, ID: pid, Created: !existed, Alerts: alerts, Events: evs, Lists: sv.mon.m.Stats().Lists})
	return nil
}

// partyRecord is the audit record of a registration or unregistration.
func (sv *server) partyRecord(ps *partyService, op, pid, hash string) *audit.Record {
	review, hit := sv.s.Thresholds()
	rec := &audit.Record{Event: "party", RequestID: ps.requestID, QueryHash: hash, Library: audit.LibraryVersion(),
		Thresholds: audit.Thresholds{Review: review, Hit: hit}, Matches: []audit.Match{}, Detail: fmt.Sprintf("party %s: %s", pid, op)}
	if sv.hasher != nil {
		rec.KeyID = sv.hasher.KeyID()
	}
	for _, l := range sv.s.Lists() {
		rec.Lists = append(rec.Lists, audit.List{Source: l.Source, Version: l.Version, Entries: l.Entries})
	}
	return rec
}

func (sv *server) handleGetParty(w http.ResponseWriter, r *http.Request, id string) error {
	if err := sv.authorizeParties(w, r); err != nil {
		return err
	}
	p, alerts, ok := sv.mon.m.Party(r.PathValue("id"))
	if !ok {
		return errorf(http.StatusNotFound, "no such party")
	}
	if alerts == nil {
		alerts = []monitor.Alert{}
	}
	writeJSON(w, http.StatusOK, partyResponse{RequestID: id, ID: p.ID, Query: &p.Query, Alerts: alerts, Lists: sv.mon.m.Stats().Lists})
	return nil
}

func (sv *server) handleDeleteParty(w http.ResponseWriter, r *http.Request, id string) error {
	if err := sv.authorizeParties(w, r); err != nil {
		return err
	}
	pid := r.PathValue("id")
	var evs []monitor.Event
	err := sv.changing(id, func(ps *partyService) error {
		h := ps.hash(pid) // before the party is gone
		var err error
		if evs, err = ps.m.Unregister(r.Context(), pid); err != nil {
			return err
		}
		if sv.audit != nil {
			sv.writeAudit(ps, sv.partyRecord(ps, "unregister", pid, h))
		}
		delete(ps.hashes, pid)
		return nil
	})
	if err != nil {
		return sv.partyError(id, err)
	}
	writeJSON(w, http.StatusOK, partyResponse{RequestID: id, ID: pid, Alerts: []monitor.Alert{}, Events: evs})
	return nil
}

func (sv *server) handleParties(w http.ResponseWriter, r *http.Request, id string) error {
	if err := sv.authorizeParties(w, r); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, sv.mon.m.Stats())
	return nil
}

// maxEventsPage is the most events one GET /v1/alerts answers with.
const maxEventsPage = 10000

// alertsResponse answers GET /v1/alerts.
type alertsResponse struct {
	RequestID string          `json:"request_id"`
	Events    []monitor.Event `json:"events"`
	// Last is the sequence number of the last event there is; ask again
	// with since=Last for the events after it.
	Last int64 `json:"last_event"`
}

func (sv *server) handleAlerts(w http.ResponseWriter, r *http.Request, id string) error {
	if err := sv.authorizeParties(w, r); err != nil {
		return err
	}
	since, err := intParam(r, "since", 0)
	if err != nil {
		return err
	}
	if v := r.Header.Get("Last-Event-ID"); v != "" {
		if since, err = strconv.ParseInt(v, 10, 64); err != nil || since < 0 {
			return errorf(http.StatusBadRequest, "Last-Event-ID %q: want an event's sequence number", truncate(v, 20))
		}
	}
	limit, err := intParam(r, "limit", 1000)
	if err != nil {
		return err
	}
	if limit <= 0 || limit > maxEventsPage {
		return errorf(http.StatusBadRequest, "limit=%d: want 1 to %d", limit, maxEventsPage)
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Accept")); mt == "text/event-stream" {
		return sv.streamAlerts(w, r, since)
	}
	evs, err := sv.mon.m.Events(since, int(limit))
	if errors.Is(err, monitor.ErrEventsGone) {
		return errorf(http.StatusGone, "%s", plain(err))
	}
	if err != nil {
		return err // the store could not be read: a 500
	}
	if evs == nil {
		evs = []monitor.Event{}
	}
	writeJSON(w, http.StatusOK, alertsResponse{RequestID: id, Events: evs, Last: sv.mon.m.Stats().Events})
	return nil
}

// streamAlerts sends the events after since as server-sent events (id: the
// event's sequence number, event: its kind, data: its JSON), then each new
// one as it comes, with a comment line as a heartbeat, until the client
// goes, the service shuts down, or events it has not read are no longer
// kept (an "error" event says so).
func (sv *server) streamAlerts(w http.ResponseWriter, r *http.Request, since int64) error {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	go func() {
		select {
		case <-sv.mon.stop:
			cancel()
		case <-ctx.Done():
		}
	}()
	send := func(b []byte) bool {
		rc.SetWriteDeadline(time.Now().Add(sv.timeout))
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send([]byte(": raqib alert stream\n\n")) {
		return nil
	}
	for {
		evs, err := sv.mon.m.Events(since, maxEventsPage)
		if err != nil {
			b, _ := json.Marshal(map[string]string{"error": plain(err)})
			send(fmt.Appendf(nil, "event: error\ndata: %s\n\n", b))
			return nil
		}
		for _, e := range evs {
			b, err := json.Marshal(e)
			if err != nil {
				return nil
			}
			if !send(fmt.Appendf(nil, "id: %d\nevent: %s\ndata: %s\n\n", e.Seq, e.Kind, b)) {
				return nil
			}
			since = e.Seq
		}
		if len(evs) == maxEventsPage {
			continue
		}
		wctx, wcancel := context.WithTimeout(ctx, sv.mon.flags.heartbeat)
		err = sv.mon.m.Wait(wctx, since)
		wcancel()
		switch {
		case ctx.Err() != nil, errors.Is(err, monitor.ErrClosed):
			return nil
		case err != nil: // the heartbeat's time
			if !send([]byte(": keepalive\n\n")) {
				return nil
			}
		}
	}
}

func (sv *server) handleOpenAlerts(w http.ResponseWriter, r *http.Request, id string) error {
	if err := sv.authorizeParties(w, r); err != nil {
		return err
	}
	alerts := sv.mon.m.Alerts()
	if alerts == nil {
		alerts = []monitor.Alert{}
	}
	st := sv.mon.m.Stats()
	writeJSON(w, http.StatusOK, struct {
		RequestID string                `json:"request_id"`
		Alerts    []monitor.Alert       `json:"alerts"`
		Lists     []monitor.ListVersion `json:"lists"`
		Last      int64                 `json:"last_event"`
	}{id, alerts, st.Lists, st.Events})
	return nil
}

// intParam reads an integer query parameter (def when absent).
func intParam(r *http.Request, name string, def int64) (int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, errorf(http.StatusBadRequest, "%s=%q: want a whole number, 0 or more", name, truncate(v, 20))
	}
	return n, nil
}

// deltaResponse answers POST /v1/lists/delta.
type deltaResponse struct {
	RequestID string                `json:"request_id"`
	Lists     []screening.ListInfo  `json:"lists"`
	Added     int                   `json:"added"`
	Removed   int                   `json:"removed"`
	Changed   int                   `json:"changed"`
	Monitor   *monitor.UpdateReport `json:"monitor,omitempty"`
	ElapsedMS float64               `json:"elapsed_ms"`
}

// handleDelta applies an FtM delta file (the body, JSON Lines) to the list
// named by ?list=, and serves the result; the monitor follows.
func (sv *server) handleDelta(w http.ResponseWriter, r *http.Request, id string) error {
	start := time.Now()
	if err := sv.authorizeParties(w, r); err != nil {
		return err
	}
	if err := sv.servingIndex(); err != nil {
		return err
	}
	ct := r.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || (mt != "application/json" && mt != "application/x-ndjson" && mt != "application/jsonl") {
		return errorf(http.StatusUnsupportedMediaType, "Content-Type %q: want application/x-ndjson (or application/json): the FtM delta's JSON Lines", truncate(ct, 60))
	}
	source := r.URL.Query().Get("list")
	if source == "" {
		return errorf(http.StatusBadRequest, "list=SOURCE is needed: the list the delta applies to (GET /v1/lists names them)")
	}
	version := r.URL.Query().Get("version")
	if len(version) > 64 || bytes.ContainsAny([]byte(version), "/\\ \x00") {
		return errorf(http.StatusBadRequest, "version=%q: a version as OpenSanctions writes it (20240528014702-pfh)", truncate(version, 70))
	}
	var opts []screening.ReplaceOption
	switch v := r.URL.Query().Get("force"); v {
	case "", "false", "0":
	case "true", "1":
		opts = append(opts, screening.Force())
	default:
		return errorf(http.StatusBadRequest, "force=%q: want true or false", truncate(v, 20))
	}
	if r.ContentLength > sv.mon.flags.maxDeltaBody {
		return errorf(http.StatusRequestEntityTooLarge, "request body of %d bytes, larger than %d (-max-delta-body)", r.ContentLength, sv.mon.flags.maxDeltaBody)
	}
	body := http.MaxBytesReader(w, r.Body, sv.mon.flags.maxDeltaBody)
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(reloadTimeout + time.Minute))
	sv.reloadMu.Lock()
	defer sv.reloadMu.Unlock()
	at := -1
	for i, l := range sv.mon.current {
		if l.Source == source {
			at = i
		}
	}
	if at < 0 {
		return errorf(http.StatusNotFound, "list=%q is not a list being served", truncate(source, 60))
	}
	base := sv.mon.current[at]
	if !ftmList(base) {
		return errorf(http.StatusConflict, "list %s was not read from FollowTheMoney entities: an FtM delta does not apply to it", truncate(source, 60))
	}
	name := "delta.json"
	if version != "" {
		name = "delta-" + version + ".json"
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), reloadTimeout)
	defer cancel()
	next, d, err := lists.ApplyFtMDelta(ctx, base, body, name)
	if err != nil {
		var big *http.MaxBytesError
		if errors.As(err, &big) {
			return errorf(http.StatusRequestEntityTooLarge, "request body larger than %d bytes (-max-delta-body)", big.Limit)
		}
		return errorf(http.StatusBadRequest, "the delta cannot be applied: %s", truncate(plain(err), 300))
	}
	for _, e := range next.Skipped[len(base.Skipped):] {
		sv.log.Warn("delta record skipped", "request_id", id, "record", truncate(e.Error(), 300))
	}
	if sv.lists.Strict && len(next.Skipped) > len(base.Skipped) {
		return errorf(http.StatusBadRequest, "the delta has %d records that could not be read (-strict): not applied", len(next.Skipped)-len(base.Skipped))
	}
	ls := append([]*lists.List(nil), sv.mon.current...)
	ls[at] = next
	err = sv.changing(id, func(ps *partyService) error { return sv.s.Replace(ctx, ls, opts...) })
	if err != nil {
		var he *httpError
		if errors.As(err, &he) {
			sv.mon.current = ls
			return err
		}
		sv.metrics.reloads.WithLabelValues("error").Inc()
		sv.log.Error("delta not applied; the old lists keep serving", "request_id", id, "error", err.Error())
		return errorf(http.StatusConflict, "the delta was not applied, the old lists keep serving: %s", truncate(plain(err), 300))
	}
	sv.mon.current = ls
	sv.metrics.reloads.WithLabelValues("ok").Inc()
	sv.log.Info("delta applied", "request_id", id, "list", source, "version", next.Version,
		"added", len(d.Added), "removed", len(d.Removed), "changed", len(d.Changed), "ms", time.Since(start).Milliseconds())
	writeJSON(w, http.StatusOK, deltaResponse{RequestID: id, Lists: brief(sv.s.Lists()), Added: len(d.Added), Removed: len(d.Removed),
		Changed: len(d.Changed), Monitor: sv.monitorReport(), ElapsedMS: float64(time.Since(start).Microseconds()) / 1000})
	return nil
}

// ftmList reports whether l was read from FollowTheMoney entities (its
// entries keep their datasets).
func ftmList(l *lists.List) bool {
	for i := range l.Entries {
		if _, ok := l.Entries[i].Raw["datasets"]; ok {
			return true
		}
	}
	return false
}

// reloaded records the lists a reload serves now (under reloadMu).
func (sv *server) reloaded(ls []*lists.List) {
	if sv.mon != nil {
		sv.mon.current = ls
	}
}

// reloading runs a Replace of a reload for request id, so that the alert
// events it causes name the request.
func (sv *server) reloading(id string, fn func() error) error {
	if sv.mon == nil {
		return fn()
	}
	err := sv.changing(id, func(*partyService) error { return fn() })
	var he *httpError
	if errors.As(err, &he) {
		// The lists were replaced; only the audit of the events failed.
		sv.log.Error("reload made, but its alert events could not all be audited", "request_id", id)
		return nil
	}
	return err
}

// monitorReport is what the monitor did for the last change of the lists.
func (sv *server) monitorReport() *monitor.UpdateReport {
	if sv.mon == nil {
		return nil
	}
	return sv.mon.m.Stats().LastUpdate
}

// monitorProblems are the monitor's problems, for /healthz.
func (sv *server) monitorProblems() []string {
	if sv.mon == nil {
		return nil
	}
	if err := sv.mon.m.Stats().Err; err != "" {
		return []string{"continuous screening stopped: " + err}
	}
	return nil
}

// monitorCollector reports the monitor's figures at each scrape.
type monitorCollector struct{ sv *server }

var (
	monitorPartiesDesc = prometheus.NewDesc("raqib_monitor_parties", "Parties registered for continuous screening.", nil, nil)
	monitorAlertsDesc  = prometheus.NewDesc("raqib_monitor_open_alerts", "Open alerts of the registered parties.", nil, nil)
	monitorUpdateDesc  = prometheus.NewDesc("raqib_monitor_last_update_seconds", "Time the last change of the lists took to re-screen the parties, by mode (full or incremental).", []string{"mode"}, nil)
)

// Describe describes nothing: the collector is unchecked, as the monitor
// starts after the metrics are registered.
func (c monitorCollector) Describe(chan<- *prometheus.Desc) {}

func (c monitorCollector) Collect(ch chan<- prometheus.Metric) {
	ps := c.sv.mon
	if ps == nil {
		return
	}
	st := ps.m.Stats()
	ch <- prometheus.MustNewConstMetric(monitorPartiesDesc, prometheus.GaugeValue, float64(st.Parties))
	ch <- prometheus.MustNewConstMetric(monitorAlertsDesc, prometheus.GaugeValue, float64(st.Alerts))
	if u := st.LastUpdate; u != nil {
		mode := "incremental"
		if u.Full {
			mode = "full"
		}
		ch <- prometheus.MustNewConstMetric(monitorUpdateDesc, prometheus.GaugeValue, u.Elapsed.Seconds(), mode)
	}
	ps.events.Collect(ch)
}
