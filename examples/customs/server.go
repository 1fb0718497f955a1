package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/examples/internal/cli"
	"github.com/raqib/raqib/matcher"
	"github.com/raqib/raqib/screening"
	"github.com/raqib/raqib/screening/audit"
)

// reloadTimeout bounds a list reload (loading and indexing).
const reloadTimeout = 10 * time.Minute

// minAdminToken is the shortest admin token the service accepts, in bytes.
const minAdminToken = 32

// server is the HTTP service. It is an http.Handler.
type server struct {
	s            *screening.Screener
	lists        cli.ListFlags
	indexDir     string            // serving a built index: no reloads
	adminToken   [sha256.Size]byte // hash of the token; zero when reload is disabled
	reloadOn     bool
	batchLimit   int
	batchCost    int
	maxBody      int64
	maxBatchBody int64
	timeout      time.Duration
	audit        *audit.Writer // nil: no audit log
	hasher       *audit.Hasher // set with audit
	log          *slog.Logger
	metrics      *metrics
	reloadMu     sync.Mutex
	mux          *http.ServeMux
	names        map[string]string // route names by pattern, for metrics and logs
	hosts        hostCheck
	clients      *clients
	authFails    *backoff
	clientHeader string
	mon          *partyService // continuous screening (parties.go); nil until startMonitor
}

// handlerFunc is a route's handler: an error it returns is the answer.
type handlerFunc func(w http.ResponseWriter, r *http.Request, id string) error

func newServer(s *screening.Screener, c config, aw *audit.Writer, h *audit.Hasher, log *slog.Logger) *server {
	sv := &server{
		s: s, lists: c.lists, indexDir: c.indexDir, batchLimit: c.batchLimit, batchCost: c.batchCost,
		maxBody: c.maxBody, maxBatchBody: c.maxBatchBody, timeout: c.timeout,
		audit: aw, hasher: h, log: log, names: map[string]string{},
		hosts: newHostCheck(c.addr, c.hosts), clients: newClients(c.perClient),
		authFails: newBackoff(), clientHeader: c.clientHeader,
	}
	if sv.batchCost <= 0 {
		sv.batchCost = defaultBatchCost(sv.batchLimit)
	}
	if c.adminToken != "" {
		sv.adminToken, sv.reloadOn = sha256.Sum256([]byte(c.adminToken)), true
	}
	sv.metrics = newMetrics(sv)
	sv.mux = http.NewServeMux()
	for _, rt := range []struct {
		method, path, name string
		h                  handlerFunc
	}{
		{"GET", "/{$}", "ui", sv.handleUI},
		{"GET", "/favicon.svg", "favicon", sv.handleFavicon},
		{"GET", "/favicon.ico", "favicon", sv.handleFavicon},
		{"POST", "/v1/screen", "screen", sv.handleScreen},
		{"POST", "/v1/screen/batch", "batch", sv.handleBatch},
		{"GET", "/v1/lists", "lists", sv.handleLists},
		{"POST", "/v1/lists/reload", "reload", sv.handleReload},
		{"POST", "/v1/lists/delta", "delta", sv.handleDelta},
		{"PUT", "/v1/parties/{id}", "party", sv.handlePutParty},
		{"GET", "/v1/parties/{id}", "party", sv.handleGetParty},
		{"DELETE", "/v1/parties/{id}", "party", sv.handleDeleteParty},
		{"GET", "/v1/parties", "parties", sv.handleParties},
		{"GET", "/v1/alerts", "alerts", sv.handleAlerts},
		{"GET", "/v1/alerts/open", "alerts_open", sv.handleOpenAlerts},
		{"GET", "/healthz", "healthz", sv.handleHealth},
		{"GET", "/metrics", "metrics", sv.handleMetrics},
	} {
		sv.route(rt.method+" "+rt.path, rt.name, rt.h)
		// The same path with another method: 405, in JSON, with Allow.
		allow := rt.method
		if rt.method == http.MethodGet {
			allow += ", " + http.MethodHead
		}
		method := rt.method
		if _, dup := sv.names[rt.path]; !dup {
			sv.route(rt.path, rt.name, func(w http.ResponseWriter, r *http.Request, id string) error {
				w.Header().Set("Allow", allow)
				return errorf(http.StatusMethodNotAllowed, "method %s not allowed on %s: use %s", truncate(r.Method, 20), r.URL.Path, method)
			})
		}
	}
	sv.route("/", "other", func(w http.ResponseWriter, r *http.Request, id string) error {
		return errorf(http.StatusNotFound, "no such endpoint %s", truncate(r.URL.Path, 100))
	})
	return sv
}

// route registers h on pattern under the route name.
func (sv *server) route(pattern, name string, h handlerFunc) {
	sv.names[pattern] = name
	sv.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		id := w.Header().Get("X-Request-ID")
		if err := h(w, r, id); err != nil {
			sv.writeErr(w, r, id, name, err)
		}
	})
}

// httpError is an error with the status code it answers with.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func errorf(status int, format string, args ...any) error {
	return &httpError{status: status, msg: fmt.Sprintf(format, args...)}
}

// writeErr answers err: an *httpError as it says, anything else as a 500
// naming the request (the error itself goes to the log only).
func (sv *server) writeErr(w http.ResponseWriter, r *http.Request, id, name string, err error) {
	var he *httpError
	if !errors.As(err, &he) {
		sv.log.Error("internal error", "request_id", id, "route", name, "error", err.Error())
		he = &httpError{status: http.StatusInternalServerError, msg: fmt.Sprintf("internal error (request %s)", id)}
	}
	writeError(w, he)
}

// statusWriter records the status of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// ServeHTTP serves a request, and around it: the request ID, the Host and
// Origin checks, the client's limits, recovery from panics, metrics and the
// access log (which names the route and status, never the content of the
// request).
func (sv *server) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	start := time.Now()
	id := requestID(r.Header.Get("X-Request-ID"))
	rw.Header().Set("X-Request-ID", id)
	w := &statusWriter{ResponseWriter: rw}
	_, pattern := sv.mux.Handler(r)
	name, ok := sv.names[pattern]
	if !ok {
		name = "other"
	}
	client := sv.clientKey(r)
	sv.metrics.inflight.Inc()
	var release func(status int)
	defer func() {
		sv.metrics.inflight.Dec()
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				if release != nil {
					release(http.StatusInternalServerError)
				}
				panic(p) // the server's own way to abort a response
			}
			// The panic value may quote the request: log its type and the
			// stack, which holds no request data.
			sv.metrics.panics.Inc()
			sv.log.Error("panic", "request_id", id, "route", name, "type", fmt.Sprintf("%T", p), "stack", string(debug.Stack()))
			if w.status == 0 {
				writeError(w, &httpError{http.StatusInternalServerError, "internal error (request " + id + ")"})
			}
		}
		status := w.status
		if status == 0 {
			status = http.StatusOK
		}
		if release != nil {
			release(status)
		}
		d := time.Since(start)
		sv.metrics.request(name, status, d)
		sv.log.Info("request", "request_id", id, "method", truncate(r.Method, 20), "route", name, "status", status, "ms", float64(d.Microseconds())/1000)
	}()

	// The service answers only to the names it is reached by (DNS
	// rebinding), and a browser only from its own page (CSRF). /healthz
	// answers every prober.
	if name != "healthz" && !sv.hosts.allowed(r.Host) {
		writeError(w, &httpError{http.StatusMisdirectedRequest, fmt.Sprintf("host %q is not served here (see -host)", truncate(r.Host, 100))})
		return
	}
	if err := sv.hosts.checkOrigin(r); err != nil {
		writeError(w, err.(*httpError))
		return
	}
	var wait time.Duration
	var reason string
	release, reason, wait = sv.clients.enter(client, start)
	if release == nil {
		sv.metrics.limited(reason)
		if reason == "penalty" {
			sv.tarpit(r.Context(), client, wait)
		}
		w.Header().Set("Retry-After", fmt.Sprint(int(wait.Seconds()+0.999)))
		if reason == "concurrency" || reason == "penalty" {
			w.Header().Set("Connection", "close")
		}
		msg := map[string]string{
			"concurrency": fmt.Sprintf("too many requests in flight from this client (at most %d)", sv.clients.limit),
			"penalty":     "too many bad requests from this client: wait before sending more",
		}[reason]
		writeError(w, &httpError{http.StatusTooManyRequests, msg})
		return
	}
	sv.mux.ServeHTTP(w, r)
}

// tarpit holds a penalised client's request for a while before it is
// refused, so that a client looping on bad requests is slowed down at the
// cost of a sleeping goroutine; the client's slots bound how many are held.
func (sv *server) tarpit(ctx context.Context, client string, wait time.Duration) {
	rel, _, _ := sv.clients.enter(client+"\x00tarpit", time.Now())
	if rel == nil {
		return
	}
	defer rel(http.StatusOK)
	t := time.NewTimer(min(wait, time.Second))
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// clientKey names the client a request comes from: its IP address, or the
// last address of the -client-header header that a proxy in front sets.
func (sv *server) clientKey(r *http.Request) string {
	if sv.clientHeader != "" {
		if v := r.Header.Values(sv.clientHeader); len(v) > 0 {
			last := v[len(v)-1]
			if i := strings.LastIndexByte(last, ','); i >= 0 {
				last = last[i+1:]
			}
			if last = strings.TrimSpace(last); last != "" {
				return truncate(last, 64)
			}
		}
	}
	host := r.RemoteAddr
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	return strings.Trim(host, "[]")
}

// requestID returns the client's request ID when it is a plain token, or a
// new random one.
func requestID(h string) string {
	if len(h) > 0 && len(h) <= 64 && strings.Trim(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:") == "" {
		return h
	}
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func truncate(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// plain returns the text of err for a person: without the package prefixes
// that wrapping stacks up ("screening: bad query: invalid query: ...").
func plain(err error) string {
	s := err.Error()
	for {
		t := s
		for _, p := range []string{"screening: ", "Replace: ", "New: ", "bad query: ", "invalid query: ", "matcher: ", "lists: "} {
			t = strings.TrimPrefix(t, p)
		}
		if t == s {
			return s
		}
		s = t
	}
}

// requireJSON refuses a POST body that does not say it is JSON: a form or
// text/plain body is what a cross-site page can send without asking.
func requireJSON(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		return errorf(http.StatusUnsupportedMediaType, "Content-Type %q: want application/json", truncate(ct, 60))
	}
	return nil
}

// thresholds is the thresholds in a response.
type thresholds struct {
	Review float64 `json:"review"`
	Hit    float64 `json:"hit"`
}

// auditRef names the audit record of a screening.
type auditRef struct {
	Seq  int64  `json:"seq"`
	Hash string `json:"hash"`
}

// outResult is the outcome of screening one query: the screening.Result,
// with the request's own fields around it.
type outResult struct {
	RequestID string `json:"request_id,omitempty"`
	Index     *int   `json:"index,omitempty"`
	ID        string `json:"id,omitempty"`
	// Decision is the strongest decision of the matches: "hit", "review", or
	// "clear" when nothing reached the review threshold; empty when the
	// query could not be screened (Error).
	Decision   raqib.Decision       `json:"decision,omitempty"`
	Matches    []screening.Match    `json:"matches"`
	Lists      []screening.ListInfo `json:"lists,omitempty"`
	Thresholds *thresholds          `json:"thresholds,omitempty"`
	Candidates int                  `json:"candidates"`
	Warnings   []string             `json:"warnings,omitempty"`
	ElapsedMS  float64              `json:"elapsed_ms"`
	Audit      *auditRef            `json:"audit,omitempty"`
	ErrorCode  string               `json:"error_code,omitempty"`
	Error      string               `json:"error,omitempty"`
}

func newOutResult(res *screening.Result) outResult {
	out := outResult{
		ID: res.QueryID, Decision: res.Decision(), Matches: res.Matches,
		Lists: brief(res.Lists), Candidates: res.Candidates, Warnings: res.Warnings,
		ElapsedMS: float64(res.Elapsed.Microseconds()) / 1000,
	}
	if out.Matches == nil {
		out.Matches = []screening.Match{}
	}
	return out
}

// brief returns the lists without the names of their skipped records, which
// /v1/lists gives: every screening need not carry them.
func brief(ls []screening.ListInfo) []screening.ListInfo {
	out := make([]screening.ListInfo, len(ls))
	for i, l := range ls {
		l.SkippedRecords = nil
		out[i] = l
	}
	return out
}

// screenError maps an error of Screen to a response: a client error with
// its reason, or a 503 or 500 that says nothing of the internals (those go
// to the log).
func (sv *server) screenError(id string, err error) *httpError {
	switch {
	case errors.Is(err, matcher.ErrEmptyQuery):
		return &httpError{http.StatusBadRequest, "the query has no name, document or biometrics"}
	case errors.Is(err, screening.ErrBadQuery), errors.Is(err, raqib.ErrInvalidQuery):
		return &httpError{http.StatusBadRequest, "bad query: " + truncate(plain(err), 300)}
	case errors.Is(err, context.DeadlineExceeded):
		return &httpError{http.StatusServiceUnavailable, fmt.Sprintf("screening took longer than the %v timeout", sv.timeout)}
	case errors.Is(err, context.Canceled):
		return &httpError{http.StatusServiceUnavailable, "request cancelled"}
	default:
		sv.log.Error("screening failed", "request_id", id, "error", err.Error())
		return &httpError{http.StatusInternalServerError, fmt.Sprintf("internal error (request %s)", id)}
	}
}

// record writes the audit record of one screening, if there is an audit log.
func (sv *server) record(id string, index int, q *raqib.Query, res *screening.Result, err error) (*auditRef, error) {
	if sv.audit == nil {
		return nil, nil
	}
	rec := audit.NewRecord(sv.hasher, sv.s, q, res, err)
	rec.RequestID, rec.Index = id, index
	if werr := sv.audit.Write(rec); werr != nil {
		sv.metrics.auditErrors.Inc()
		sv.log.Error("audit log write failed", "request_id", id, "error", werr.Error())
		// Fail closed: a screening that is not audited is not answered.
		return nil, errorf(http.StatusInternalServerError, "audit log unavailable (request %s)", id)
	}
	sv.metrics.auditRecords.Inc()
	return &auditRef{Seq: rec.Seq, Hash: rec.Hash}, nil
}

func (sv *server) thresholds() *thresholds {
	review, hit := sv.s.Thresholds()
	return &thresholds{Review: review, Hit: hit}
}

func (sv *server) handleScreen(w http.ResponseWriter, r *http.Request, id string) error {
	if err := requireJSON(r); err != nil {
		return err
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
	res, err := sv.s.Screen(ctx, q)
	ref, aerr := sv.record(id, 0, &q, res, err)
	if aerr != nil {
		return aerr
	}
	if err != nil {
		sv.metrics.decision("error")
		return sv.screenError(id, err)
	}
	out := newOutResult(res)
	out.RequestID, out.Thresholds, out.Audit = id, sv.thresholds(), ref
	sv.metrics.decision(string(out.Decision))
	writeJSON(w, http.StatusOK, out)
	return nil
}

// batchRequest is the body of POST /v1/screen/batch.
type batchRequest struct {
	Queries []raqib.Query `json:"queries"`
}

// batchResponse is its answer: one result per query, in order.
type batchResponse struct {
	RequestID  string               `json:"request_id"`
	Lists      []screening.ListInfo `json:"lists"`
	Thresholds *thresholds          `json:"thresholds"`
	Results    []outResult          `json:"results"`
	ElapsedMS  float64              `json:"elapsed_ms"`
	// Unscreened counts the queries the timeout left unscreened (each has
	// its error); Error says so.
	Unscreened int    `json:"unscreened,omitempty"`
	Error      string `json:"error,omitempty"`
}

func (sv *server) handleBatch(w http.ResponseWriter, r *http.Request, id string) error {
	start := time.Now()
	if err := requireJSON(r); err != nil {
		return err
	}
	var req batchRequest
	if err := decodeBody(w, r, sv.maxBatchBody, &req); err != nil {
		return err
	}
	if len(req.Queries) == 0 {
		return errorf(http.StatusBadRequest, `no queries: want {"queries":[{...},...]}`)
	}
	if len(req.Queries) > sv.batchLimit {
		return errorf(http.StatusRequestEntityTooLarge, "%d queries: a batch holds at most %d", len(req.Queries), sv.batchLimit)
	}
	// Queries beyond the limits are answered with their error; the others
	// are screened, if the whole batch is within its cost.
	bad := make([]error, len(req.Queries))
	var todo []raqib.Query
	var at []int
	cost := 0
	for i := range req.Queries {
		if err := req.Queries[i].Validate(); err != nil {
			bad[i] = err
			continue
		}
		cost += queryCost(&req.Queries[i])
		todo = append(todo, req.Queries[i])
		at = append(at, i)
	}
	if cost > sv.batchCost {
		sv.metrics.limited("batch_cost")
		return errorf(http.StatusRequestEntityTooLarge, "the batch costs %d units, more than the %d one batch may (long names and biometrics cost more): split it", cost, sv.batchCost)
	}
	ctx, cancel := context.WithTimeout(r.Context(), sv.timeout)
	defer cancel()
	results, berr := sv.s.ScreenBatch(ctx, todo)
	resp := batchResponse{RequestID: id, Lists: brief(sv.s.Lists()), Thresholds: sv.thresholds(), Results: make([]outResult, len(req.Queries))}
	for i, e := range bad {
		if e != nil {
			idx := i
			resp.Results[i] = outResult{Index: &idx, ID: truncate(req.Queries[i].ID, 200), Matches: []screening.Match{}, ErrorCode: "invalid_query", Error: "bad query: " + plain(e)}
			sv.metrics.decision("error")
		}
	}
	// Every query screened, and every query the timeout left unscreened, is
	// audited before the batch is answered.
	for j, br := range results {
		i := at[j]
		ref, aerr := sv.record(id, i, &todo[j], br.Result, br.Err)
		if aerr != nil {
			return aerr
		}
		var out outResult
		if br.Err != nil || br.Result == nil {
			err := br.Err
			if err == nil {
				err = errors.New("no result")
			}
			code, _ := audit.ErrorCode(err)
			out = outResult{ID: todo[j].ID, Matches: []screening.Match{}, ErrorCode: code, Error: sv.screenError(id, err).msg}
			if berr != nil && errors.Is(err, berr) {
				resp.Unscreened++
				out.Error = "not screened: " + out.Error
			}
			sv.metrics.decision("error")
		} else {
			out = newOutResult(br.Result)
			sv.metrics.decision(string(out.Decision))
		}
		idx := i
		out.Index, out.Audit = &idx, ref
		resp.Results[i] = out
	}
	if berr != nil {
		resp.Error = fmt.Sprintf("%s: %d of %d queries not screened (each says so); the others were", sv.screenError(id, berr).msg, resp.Unscreened, len(req.Queries))
	}
	// The lists are named once for the batch, and again only for a query
	// screened against others (a reload happened during the batch).
	for _, br := range results {
		if br.Result != nil {
			resp.Lists = brief(br.Result.Lists)
			break
		}
	}
	for i := range resp.Results {
		if slices.EqualFunc(resp.Results[i].Lists, resp.Lists, func(a, b screening.ListInfo) bool {
			return a.Source == b.Source && a.Version == b.Version && a.Digest == b.Digest && a.Entries == b.Entries
		}) {
			resp.Results[i].Lists = nil
		}
	}
	resp.ElapsedMS = float64(time.Since(start).Microseconds()) / 1000
	writeJSON(w, http.StatusOK, resp)
	return nil
}

// listsResponse answers GET /v1/lists.
type listsResponse struct {
	Lists      []screening.ListInfo `json:"lists"`
	Entries    int                  `json:"entries"`
	Skipped    int                  `json:"skipped_records"`
	Thresholds *thresholds          `json:"thresholds"`
	Reload     bool                 `json:"reload_enabled"`
	Audit      bool                 `json:"audit_enabled"`
	// FeatureScale is the most each feature can score (an exact birth date
	// scores less than 1): the officer's page shows agreement against it.
}

func (sv *server) listsResponse() listsResponse {
	ls := sv.s.Lists()
	skipped := 0
	for _, l := range ls {
		skipped += l.Skipped
	}
	return listsResponse{Lists: ls, Entries: sv.s.Entries(), Skipped: skipped, Thresholds: sv.thresholds(),
		Reload: sv.reloadOn, Audit: sv.audit != nil}
}

func (sv *server) handleLists(w http.ResponseWriter, r *http.Request, id string) error {
	writeJSON(w, http.StatusOK, sv.listsResponse())
	return nil
}

// health is the answer of GET /healthz.
type health struct {
	// Status is "ok", or "unhealthy" (with 503) when the lists served hold
	// no entries, or one of them holds none: such a service screens
	// everyone clear.
	Status   string               `json:"status"`
	Entries  int                  `json:"entries"`
	Skipped  int                  `json:"skipped_records"`
	Problems []string             `json:"problems,omitempty"`
	Warnings []string             `json:"warnings,omitempty"`
	Lists    []screening.ListInfo `json:"lists"`
	Library  string               `json:"library"`
}

func (sv *server) health() (int, health) {
	ls := sv.s.Lists()
	h := health{Status: "ok", Entries: sv.s.Entries(), Lists: brief(ls), Library: audit.LibraryVersion()}
	if len(ls) == 0 || h.Entries == 0 {
		h.Problems = append(h.Problems, "no entries are served: every screening would be clear")
	}
	for _, l := range ls {
		if l.Entries == 0 {
			h.Problems = append(h.Problems, fmt.Sprintf("list %s %s holds no entries", l.Source, l.Version))
		}
		if l.Skipped > 0 {
			h.Skipped += l.Skipped
			h.Warnings = append(h.Warnings, fmt.Sprintf("list %s %s: %d records could not be read and are not screened (GET /v1/lists names them)", l.Source, l.Version, l.Skipped))
		}
	}
	h.Problems = append(h.Problems, sv.monitorProblems()...)
	if len(h.Problems) > 0 {
		h.Status = "unhealthy"
		return http.StatusServiceUnavailable, h
	}
	return http.StatusOK, h
}

func (sv *server) handleHealth(w http.ResponseWriter, r *http.Request, id string) error {
	code, h := sv.health()
	writeJSON(w, code, h)
	return nil
}

// authorize checks the admin token of a reload request. After a wrong token
// the client must wait before it may try again, longer after each.
func (sv *server) authorize(r *http.Request) error {
	if !sv.reloadOn {
		return errorf(http.StatusForbidden, "list reload is disabled: start the service with RAQIB_ADMIN_TOKEN (or -admin-token) set")
	}
	client := sv.clientKey(r)
	if wait := sv.authFails.wait(client, time.Now()); wait > 0 {
		sv.metrics.limited("auth_backoff")
		return &retryError{httpError{http.StatusTooManyRequests, "wrong admin token given too often: wait before trying again"}, wait}
	}
	scheme, token, _ := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	token = strings.TrimSpace(token)
	if !strings.EqualFold(scheme, "Bearer") || token == "" {
		return errorf(http.StatusUnauthorized, "list reload needs the admin token: Authorization: Bearer TOKEN")
	}
	sum := sha256.Sum256([]byte(token))
	if subtle.ConstantTimeCompare(sum[:], sv.adminToken[:]) != 1 {
		n, wait := sv.authFails.fail(client, time.Now())
		sv.log.Warn("wrong admin token", "client", client, "failures", n, "wait_s", wait.Seconds())
		return errorf(http.StatusForbidden, "wrong admin token")
	}
	sv.authFails.reset(client)
	return nil
}

// retryError is an error answered with a Retry-After header.
type retryError struct {
	httpError
	after time.Duration
}

func (sv *server) handleReload(w http.ResponseWriter, r *http.Request, id string) error {
	if err := sv.authorize(r); err != nil {
		var re *retryError
		if errors.As(err, &re) {
			w.Header().Set("Retry-After", fmt.Sprint(int(re.after.Seconds()+0.999)))
			return &re.httpError
		}
		return err
	}
	if err := sv.servingIndex(); err != nil {
		return err
	}
	var opts []screening.ReplaceOption
	switch v := r.URL.Query().Get("force"); v {
	case "", "false", "0":
	case "true", "1":
		// The operator has checked a list that shrank or holds no entries.
		opts = append(opts, screening.Force())
	default:
		return errorf(http.StatusBadRequest, "force=%q: want true or false", truncate(v, 20))
	}
	// One reload at a time; screening goes on meanwhile. The reload does not
	// stop when the client goes away.
	// A reload of a large list may outlast the server's write timeout.
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(reloadTimeout + time.Minute))
	sv.reloadMu.Lock()
	defer sv.reloadMu.Unlock()
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), reloadTimeout)
	defer cancel()
	ls, err := sv.lists.Load(ctx, "customs", skipLogger{sv.log, id})
	if err == nil {
		err = sv.reloading(id, func() error { return sv.s.Replace(ctx, ls, opts...) })
	}
	if err != nil {
		sv.metrics.reloads.WithLabelValues("error").Inc()
		sv.log.Error("list reload failed; the old lists keep serving", "request_id", id, "error", err.Error())
		writeJSON(w, http.StatusInternalServerError, struct {
			Error string `json:"error"`
			listsResponse
		}{"reload failed, the old lists keep serving: " + plain(err), sv.listsResponse()})
		return nil
	}
	sv.metrics.reloads.WithLabelValues("ok").Inc()
	sv.reloaded(ls)
	lr := sv.listsResponse()
	sv.log.Info("lists reloaded", "request_id", id, "lists", brief(lr.Lists), "skipped", lr.Skipped, "ms", time.Since(start).Milliseconds())
	writeJSON(w, http.StatusOK, struct {
		listsResponse
		ElapsedMS float64 `json:"elapsed_ms"`
		// Monitor is what continuous screening did for the new lists.
		Monitor any `json:"monitor,omitempty"`
	}{lr, float64(time.Since(start).Microseconds()) / 1000, sv.monitorReport()})
	return nil
}

// skipLogger writes the lines cli.ListFlags.Load reports (one skipped list
// record each) to the service log.
type skipLogger struct {
	log *slog.Logger
	id  string
}

func (s skipLogger) Write(p []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimSpace(string(p)), "\n") {
		if line != "" {
			s.log.Warn("list record skipped", "request_id", s.id, "record", strings.TrimPrefix(line, "customs: skipped record: "))
		}
	}
	return len(p), nil
}

func (sv *server) handleMetrics(w http.ResponseWriter, r *http.Request, id string) error {
	w.Header().Set("Cache-Control", "no-store")
	sv.metrics.handler.ServeHTTP(w, r)
	return nil
}

// servingIndex refuses a change of the lists while the service serves a
// built index directory: its lists are the index's, and a new version is a
// new index, served by a restart.
func (sv *server) servingIndex() error {
	if sv.indexDir == "" {
		return nil
	}
	return errorf(http.StatusConflict, "the service serves the index directory %s, built once: a new version of the lists is a new index (screen -build-index), served by restarting with -index", sv.indexDir)
}
