package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/raqib/raqib"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
	"github.com/raqib/raqib/screening"
	"github.com/raqib/raqib/screening/audit"
)

// Limits on one query, beyond the size of the request body: no real name,
// document list or template set comes near them, and they bound the work a
// single query can ask of the matcher.
const (
	maxNameLen     = 1000 // bytes, for each text field
	maxDocuments   = 32
	maxFingerprint = 10
	maxFaceDims    = 8192
	maxFilters     = 32 // lists and list_types
)

// reloadTimeout bounds a list reload (loading and indexing).
const reloadTimeout = 10 * time.Minute

// server is the HTTP service. It is an http.Handler.
type server struct {
	s            *screening.Screener
	listPaths    []string
	adminToken   [sha256.Size]byte // hash of the token; zero when reload is disabled
	reloadOn     bool
	batchLimit   int
	maxBody      int64
	maxBatchBody int64
	timeout      time.Duration
	audit        *audit.Writer // nil: no audit log
	log          *slog.Logger
	metrics      *metrics
	reloadMu     sync.Mutex
	routes       map[string]route
}

// route is one path of the service.
type route struct {
	name    string // the metrics label
	method  string // GET routes answer HEAD too
	handler func(w http.ResponseWriter, r *http.Request, id string) error
}

func newServer(s *screening.Screener, c config, aw *audit.Writer, log *slog.Logger) *server {
	sv := &server{
		s: s, listPaths: c.lists, batchLimit: c.batchLimit,
		maxBody: c.maxBody, maxBatchBody: c.maxBatchBody, timeout: c.timeout,
		audit: aw, log: log, metrics: newMetrics(),
	}
	if c.adminToken != "" {
		sv.adminToken, sv.reloadOn = sha256.Sum256([]byte(c.adminToken)), true
	}
	sv.routes = map[string]route{
		"/":                {"ui", http.MethodGet, sv.handleUI},
		"/v1/screen":       {"screen", http.MethodPost, sv.handleScreen},
		"/v1/screen/batch": {"batch", http.MethodPost, sv.handleBatch},
		"/v1/lists":        {"lists", http.MethodGet, sv.handleLists},
		"/v1/lists/reload": {"reload", http.MethodPost, sv.handleReload},
		"/healthz":         {"healthz", http.MethodGet, sv.handleHealth},
		"/metrics":         {"metrics", http.MethodGet, sv.handleMetrics},
	}
	return sv
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

// ServeHTTP routes a request, and around it: the request ID, recovery from
// panics, the error response, metrics and the access log (which names the
// route and status, never the content of the request).
func (sv *server) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	start := time.Now()
	id := requestID(r.Header.Get("X-Request-ID"))
	rw.Header().Set("X-Request-ID", id)
	w := &statusWriter{ResponseWriter: rw}
	rt, ok := sv.routes[r.URL.Path]
	name := rt.name
	if !ok {
		name = "other"
	}
	sv.metrics.inflight.Add(1)
	defer func() {
		sv.metrics.inflight.Add(-1)
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p) // the server's own way to abort a response
			}
			// The panic value may quote the request: log its type and the
			// stack, which holds no request data.
			sv.metrics.panic()
			sv.log.Error("panic", "request_id", id, "route", name, "type", fmt.Sprintf("%T", p), "stack", string(debug.Stack()))
			if w.status == 0 {
				writeError(w, &httpError{http.StatusInternalServerError, "internal error (request " + id + ")"})
			}
		}
		d := time.Since(start)
		sv.metrics.request(name, w.status, d)
		sv.log.Info("request", "request_id", id, "method", r.Method, "route", name, "status", w.status, "ms", float64(d.Microseconds())/1000)
	}()

	var err error
	switch {
	case !ok:
		err = errorf(http.StatusNotFound, "no such endpoint %s", truncate(r.URL.Path, 100))
	case r.Method != rt.method && !(rt.method == http.MethodGet && r.Method == http.MethodHead):
		allow := rt.method
		if rt.method == http.MethodGet {
			allow += ", " + http.MethodHead
		}
		w.Header().Set("Allow", allow)
		err = errorf(http.StatusMethodNotAllowed, "method %s not allowed on %s: use %s", truncate(r.Method, 20), r.URL.Path, rt.method)
	default:
		err = rt.handler(w, r, id)
	}
	if err != nil {
		var he *httpError
		if !errors.As(err, &he) {
			sv.log.Error("internal error", "request_id", id, "route", name, "error", err.Error())
			he = &httpError{status: http.StatusInternalServerError, msg: fmt.Sprintf("internal error (request %s)", id)}
		}
		writeError(w, he)
	}
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
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":"internal error: encoding the response"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

func writeError(w http.ResponseWriter, e *httpError) {
	if e.status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="raqib"`)
	}
	writeJSON(w, e.status, map[string]string{"error": e.msg})
}

// decodeBody reads one JSON value of at most limit bytes from the request
// body into v. Unknown fields and trailing data are errors; errors name the
// byte offset where reading stopped.
func decodeBody(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	body := &errReader{r: http.MaxBytesReader(w, r.Body, limit)}
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		// One value only: anything but white space after it is an error.
		var extra json.RawMessage
		if err2 := dec.Decode(&extra); err2 != io.EOF {
			if err2 == nil {
				return errorf(http.StatusBadRequest, "bad JSON at offset %d: unexpected data after the JSON value", dec.InputOffset()-int64(len(extra)))
			}
			err = err2
		}
	}
	if err == nil {
		return nil
	}
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
		big *http.MaxBytesError
	)
	switch {
	case errors.As(err, &big):
		return errorf(http.StatusRequestEntityTooLarge, "request body larger than %d bytes", big.Limit)
	case errors.As(err, &syn):
		return errorf(http.StatusBadRequest, "bad JSON at offset %d: %v", syn.Offset, syn)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "(top level)"
		}
		return errorf(http.StatusBadRequest, "bad JSON at offset %d: field %s: want %s, got JSON %s", typ.Offset, field, typ.Type, typ.Value)
	case body.err != nil && body.err != io.EOF && errors.Is(err, body.err):
		return errorf(http.StatusBadRequest, "reading the request body: %v", err)
	case err == io.EOF:
		return errorf(http.StatusBadRequest, "empty request body: want a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errorf(http.StatusBadRequest, "bad JSON at offset %d: unexpected end of input", dec.InputOffset())
	default:
		// Unknown fields, bad base64 in a fingerprint template, ...
		return errorf(http.StatusBadRequest, "bad JSON at offset %d: %s", dec.InputOffset(), strings.TrimPrefix(err.Error(), "json: "))
	}
}

// errReader remembers the error of the reader it wraps, so that an error
// reading the body is told apart from bad content.
type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil {
		e.err = err
	}
	return n, err
}

// checkQuery rejects a query beyond the limits of one query.
func checkQuery(q *raqib.Query) error {
	for _, f := range []struct{ name, v string }{
		{"id", q.ID}, {"name", q.Name}, {"birth_date", q.BirthDate}, {"nationality", q.Nationality},
		{"gender", q.Gender}, {"birth_place", q.BirthPlace}, {"kind", string(q.Kind)},
	} {
		if len(f.v) > maxNameLen {
			return fmt.Errorf("%s longer than %d bytes", f.name, maxNameLen)
		}
		if !utf8.ValidString(f.v) {
			return fmt.Errorf("%s is not valid UTF-8", f.name)
		}
	}
	switch q.Kind {
	case "", lists.KindPerson, lists.KindOrganisation, lists.KindVessel, lists.KindAircraft:
	default:
		return fmt.Errorf("kind %q: want person, organisation, vessel or aircraft", truncate(string(q.Kind), 40))
	}
	if len(q.Documents) > maxDocuments {
		return fmt.Errorf("more than %d documents", maxDocuments)
	}
	for i, d := range q.Documents {
		if len(d.Number) > maxNameLen || len(d.Type) > maxNameLen || len(d.Country) > maxNameLen {
			return fmt.Errorf("documents[%d]: field longer than %d bytes", i, maxNameLen)
		}
	}
	if len(q.Lists) > maxFilters || len(q.ListTypes) > maxFilters {
		return fmt.Errorf("more than %d lists or list_types", maxFilters)
	}
	if len(q.Fingerprints) > maxFingerprint {
		return fmt.Errorf("more than %d fingerprints", maxFingerprint)
	}
	if q.Face != nil && len(q.Face.Vector) > maxFaceDims {
		return fmt.Errorf("face vector longer than %d values", maxFaceDims)
	}
	return nil
}

// outMatch is one match as the service reports it.
type outMatch struct {
	EntryID       string          `json:"entry_id"`
	List          string          `json:"list"`
	Ref           string          `json:"ref"`
	Name          string          `json:"name"`
	Kind          lists.Kind      `json:"kind,omitempty"`
	ListType      string          `json:"list_type,omitempty"`
	ListedOn      string          `json:"listed_on,omitempty"`
	BirthDates    []string        `json:"birth_dates,omitempty"`
	Nationalities []string        `json:"nationalities,omitempty"`
	MatchedName   string          `json:"matched_name"`
	MatchedForm   string          `json:"matched_form,omitempty"`
	Score         float64         `json:"score"`
	Decision      raqib.Decision  `json:"decision,omitempty"`
	Features      []raqib.Feature `json:"features"`
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

// outResult is the outcome of screening one query.
type outResult struct {
	RequestID string `json:"request_id,omitempty"`
	Index     *int   `json:"index,omitempty"`
	ID        string `json:"id,omitempty"`
	// Decision is the strongest decision of the matches: "hit", "review", or
	// "clear" when nothing reached the review threshold.
	Decision   string               `json:"decision,omitempty"`
	Matches    []outMatch           `json:"matches"`
	Lists      []screening.ListInfo `json:"lists,omitempty"`
	Thresholds *thresholds          `json:"thresholds,omitempty"`
	Candidates int                  `json:"candidates"`
	Warnings   []string             `json:"warnings,omitempty"`
	ElapsedMS  float64              `json:"elapsed_ms"`
	Audit      *auditRef            `json:"audit,omitempty"`
	Error      string               `json:"error,omitempty"`
}

func newOutResult(res *screening.Result) outResult {
	out := outResult{
		ID: res.QueryID, Decision: "clear", Matches: make([]outMatch, 0, len(res.Matches)),
		Lists: res.Lists, Candidates: res.Candidates, Warnings: res.Warnings,
		ElapsedMS: float64(res.Elapsed.Microseconds()) / 1000,
	}
	for _, m := range res.Matches {
		om := outMatch{
			EntryID: m.EntryID, MatchedName: m.MatchedName, MatchedForm: m.MatchedForm,
			Score: m.Score, Decision: m.Decision, Features: m.Features,
		}
		if e := m.Entry; e != nil {
			om.List, om.Ref, om.Kind, om.ListType, om.ListedOn = e.Source, e.Ref, e.Kind, e.ListType, e.ListedOn
			if len(e.Names) > 0 {
				om.Name = e.Names[0].Full
			}
			for _, d := range e.BirthDates {
				if d.Text != "" {
					om.BirthDates = append(om.BirthDates, d.Text)
				}
			}
			for _, c := range e.Nationalities {
				t := c.Text
				if t == "" {
					t = c.Code
				}
				if t != "" {
					om.Nationalities = append(om.Nationalities, t)
				}
			}
		}
		if om.Features == nil {
			om.Features = []raqib.Feature{}
		}
		switch {
		case m.Decision == raqib.Hit:
			out.Decision = string(raqib.Hit)
		case m.Decision == raqib.Review && out.Decision != string(raqib.Hit):
			out.Decision = string(raqib.Review)
		}
		out.Matches = append(out.Matches, om)
	}
	return out
}

// screenError maps an error of Screen to a response.
func (sv *server) screenError(err error) *httpError {
	switch {
	case errors.Is(err, matcher.ErrEmptyQuery):
		return &httpError{http.StatusBadRequest, "the query has no name, document or biometrics"}
	case errors.Is(err, screening.ErrBadQuery):
		return &httpError{http.StatusBadRequest, err.Error()}
	case errors.Is(err, context.DeadlineExceeded):
		return &httpError{http.StatusServiceUnavailable, fmt.Sprintf("screening took longer than the %v timeout", sv.timeout)}
	case errors.Is(err, context.Canceled):
		return &httpError{http.StatusServiceUnavailable, "request cancelled"}
	default:
		return &httpError{http.StatusInternalServerError, "screening failed: " + err.Error()}
	}
}

// record writes the audit record of one screening, if there is an audit log.
func (sv *server) record(id string, index int, q *raqib.Query, res *screening.Result, err error) (*auditRef, error) {
	if sv.audit == nil {
		return nil, nil
	}
	rec := audit.NewRecord(sv.s, q, res, err)
	rec.RequestID, rec.Index = id, index
	if werr := sv.audit.Write(rec); werr != nil {
		sv.metrics.auditError()
		sv.log.Error("audit log write failed", "request_id", id, "error", werr.Error())
		// Fail closed: a screening that is not audited is not answered.
		return nil, errorf(http.StatusInternalServerError, "audit log unavailable (request %s)", id)
	}
	sv.metrics.auditRecord()
	return &auditRef{Seq: rec.Seq, Hash: rec.Hash}, nil
}

func (sv *server) thresholds() *thresholds {
	review, hit := sv.s.Thresholds()
	return &thresholds{Review: review, Hit: hit}
}

func (sv *server) handleScreen(w http.ResponseWriter, r *http.Request, id string) error {
	var q raqib.Query
	if err := decodeBody(w, r, sv.maxBody, &q); err != nil {
		return err
	}
	if err := checkQuery(&q); err != nil {
		return errorf(http.StatusBadRequest, "bad query: %v", err)
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
		return sv.screenError(err)
	}
	out := newOutResult(res)
	out.RequestID, out.Thresholds, out.Audit = id, sv.thresholds(), ref
	sv.metrics.decision(out.Decision)
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
}

func (sv *server) handleBatch(w http.ResponseWriter, r *http.Request, id string) error {
	start := time.Now()
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
	// are screened.
	bad := make([]error, len(req.Queries))
	var todo []raqib.Query
	var at []int
	for i := range req.Queries {
		if err := checkQuery(&req.Queries[i]); err != nil {
			bad[i] = fmt.Errorf("bad query: %w", err)
			continue
		}
		todo = append(todo, req.Queries[i])
		at = append(at, i)
	}
	ctx, cancel := context.WithTimeout(r.Context(), sv.timeout)
	defer cancel()
	results, err := sv.s.ScreenBatch(ctx, todo)
	if err != nil {
		return sv.screenError(err)
	}
	resp := batchResponse{RequestID: id, Lists: sv.s.Lists(), Thresholds: sv.thresholds(), Results: make([]outResult, len(req.Queries))}
	for i, e := range bad {
		if e != nil {
			idx := i
			resp.Results[i] = outResult{Index: &idx, ID: req.Queries[i].ID, Matches: []outMatch{}, Error: e.Error()}
			sv.metrics.decision("error")
		}
	}
	for j, br := range results {
		i := at[j]
		ref, aerr := sv.record(id, i, &todo[j], br.Result, br.Err)
		if aerr != nil {
			return aerr
		}
		var out outResult
		if br.Err != nil {
			out = outResult{ID: todo[j].ID, Matches: []outMatch{}, Error: sv.screenError(br.Err).msg}
			sv.metrics.decision("error")
		} else {
			out = newOutResult(br.Result)
			sv.metrics.decision(out.Decision)
		}
		idx := i
		out.Index, out.Audit = &idx, ref
		resp.Results[i] = out
	}
	// The lists are named once for the batch, and again only for a query
	// screened against others (a reload happened during the batch).
	for _, br := range results {
		if br.Result != nil {
			resp.Lists = br.Result.Lists
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
	Thresholds *thresholds          `json:"thresholds"`
	Reload     bool                 `json:"reload_enabled"`
}

func (sv *server) listsResponse() listsResponse {
	return listsResponse{Lists: sv.s.Lists(), Entries: sv.s.Entries(), Thresholds: sv.thresholds(), Reload: sv.reloadOn}
}

func (sv *server) handleLists(w http.ResponseWriter, r *http.Request, id string) error {
	writeJSON(w, http.StatusOK, sv.listsResponse())
	return nil
}

func (sv *server) handleHealth(w http.ResponseWriter, r *http.Request, id string) error {
	writeJSON(w, http.StatusOK, struct {
		Status  string               `json:"status"`
		Entries int                  `json:"entries"`
		Lists   []screening.ListInfo `json:"lists"`
		Library string               `json:"library"`
	}{"ok", sv.s.Entries(), sv.s.Lists(), audit.LibraryVersion()})
	return nil
}

// authorize checks the admin token of a reload request.
func (sv *server) authorize(r *http.Request) error {
	if !sv.reloadOn {
		return errorf(http.StatusForbidden, "list reload is disabled: start the service with -admin-token or RAQIB_ADMIN_TOKEN set")
	}
	h := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || token == "" {
		return errorf(http.StatusUnauthorized, "list reload needs the admin token: Authorization: Bearer TOKEN")
	}
	sum := sha256.Sum256([]byte(token))
	if subtle.ConstantTimeCompare(sum[:], sv.adminToken[:]) != 1 {
		return errorf(http.StatusForbidden, "wrong admin token")
	}
	return nil
}

func (sv *server) handleReload(w http.ResponseWriter, r *http.Request, id string) error {
	if err := sv.authorize(r); err != nil {
		return err
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
	var opts []screening.ReplaceOption
	switch v := r.URL.Query().Get("force"); v {
	case "", "false", "0":
	case "true", "1":
		// The operator has checked a list that shrank or holds no entries.
		opts = append(opts, screening.Force())
	default:
		return errorf(http.StatusBadRequest, "force=%q: want true or false", truncate(v, 20))
	}
	ls, err := lists.LoadAll(ctx, sv.listPaths...)
	if err == nil {
		err = sv.s.Replace(ctx, ls, opts...)
	}
	if err != nil {
		sv.metrics.reload(false)
		sv.log.Error("list reload failed; the old lists keep serving", "request_id", id, "error", err.Error())
		writeJSON(w, http.StatusInternalServerError, struct {
			Error string `json:"error"`
			listsResponse
		}{"reload failed, the old lists keep serving: " + err.Error(), sv.listsResponse()})
		return nil
	}
	sv.metrics.reload(true)
	skipped := 0
	for _, l := range ls {
		skipped += len(l.Skipped)
	}
	sv.log.Info("lists reloaded", "request_id", id, "lists", sv.s.Lists(), "skipped", skipped, "ms", time.Since(start).Milliseconds())
	writeJSON(w, http.StatusOK, struct {
		listsResponse
		Skipped   int     `json:"skipped_records"`
		ElapsedMS float64 `json:"elapsed_ms"`
	}{sv.listsResponse(), skipped, float64(time.Since(start).Microseconds()) / 1000})
	return nil
}

func (sv *server) handleMetrics(w http.ResponseWriter, r *http.Request, id string) error {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	review, hit := sv.s.Thresholds()
	sv.metrics.write(w, sv.s.Lists(), review, hit)
	return nil
}
