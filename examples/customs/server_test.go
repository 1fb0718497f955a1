package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/examples/internal/cli"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
	"github.com/raqib/raqib/screening/audit"
)

// testToken is an admin token of the length the service asks for.
const testToken = "0123456789abcdef0123456789abcdef"

// testHasher keys the audit logs of the tests.
var testHasher = func() *audit.Hasher {
	h, err := audit.NewHasher([]byte("the audit key of the tests, 32+ bytes"))
	if err != nil {
		panic(err)
	}
	return h
}()

// smallIDs are the entries of the small test list: three Al-Qaida
// individuals and the organisation itself, from the embedded UN list.
var smallIDs = []string{"UN:QDi.006", "UN:QDi.155", "UN:QDi.298", "UN:QDe.004"}

// smallList returns the small test list with the given version.
func smallList(t testing.TB, version string, ids ...string) *lists.List {
	t.Helper()
	def, err := lists.Default()
	require.NoError(t, err)
	l := &lists.List{Source: "UN", Version: version}
	for _, e := range def.Entries {
		for _, id := range ids {
			if e.ID == id {
				l.Entries = append(l.Entries, e)
			}
		}
	}
	require.Len(t, l.Entries, len(ids))
	return l
}

// writeList writes l as a Raqib watchlist file at path.
func writeList(t testing.TB, path string, l *lists.List) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, lists.WriteWatchlist(&buf, l))
	// Replace the file whole, so that a reload never reads half of it.
	tmp := path + ".tmp"
	require.NoError(t, os.WriteFile(tmp, buf.Bytes(), 0o600))
	require.NoError(t, os.Rename(tmp, path))
}

func testConfig() config {
	return config{
		addr:       "127.0.0.1:0",
		batchLimit: 5, maxBody: 4096, maxBatchBody: 16 << 10, timeout: 10 * time.Second,
		review: screening.DefaultReviewThreshold, hit: screening.DefaultHitThreshold, limit: 10,
		// The client limits are off but in TestClientLimits: tests send
		// many bad requests from one address.
		perClient: 0,
	}
}

// discard is a logger that writes nowhere.
var discard = slog.New(slog.NewJSONHandler(io.Discard, nil))

// syncBuffer is a log destination safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testService is a service on a loopback listener.
type testService struct {
	*httptest.Server
	sv  *server
	log *syncBuffer
}

// newService starts the service over ls (loaded from c.lists when ls is
// empty) on a real loopback listener, with c.addr set to its address.
func newService(t testing.TB, c config, aw *audit.Writer, ls ...*lists.List) *testService {
	t.Helper()
	if len(ls) == 0 {
		var err error
		ls, err = c.lists.Load(context.Background(), "customs", io.Discard)
		require.NoError(t, err)
	}
	s, err := screening.New(context.Background(), screening.WithLists(ls...), screening.WithThresholds(c.review, c.hit), screening.WithLimit(c.limit))
	require.NoError(t, err)
	logs := &syncBuffer{}
	ts := httptest.NewUnstartedServer(nil)
	c.addr = ts.Listener.Addr().String()
	var h *audit.Hasher
	if aw != nil {
		h = testHasher
	}
	sv := newServer(s, c, aw, h, slog.New(slog.NewJSONHandler(logs, nil)))
	ts.Config.Handler = sv
	ts.Start()
	t.Cleanup(ts.Close)
	return &testService{Server: ts, sv: sv, log: logs}
}

// call sends a request and returns the status, headers and body. Extra
// arguments are header name, value pairs; a POST with a body is JSON unless
// they give another Content-Type.
func (ts *testService) call(t testing.TB, method, path, body string, hdr ...string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	require.NoError(t, err)
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		if strings.EqualFold(hdr[i], "Host") {
			req.Host = hdr[i+1]
			continue
		}
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := ts.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, b
}

func decode[T any](t testing.TB, b []byte) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(b, &v), "%s", b)
	return v
}

func TestScreen(t *testing.T) {
	ts := newService(t, testConfig(), nil, smallList(t, "v1", smallIDs...))
	for _, tc := range []struct {
		name, body string
		first      string
		decision   string
	}{
		{"readme query", `{"name":"Ayman al-Zawahiri"}`, "UN:QDi.006", "hit"},
		{"arabic script", `{"name":"أيمن محمد ربيع الظواهري"}`, "UN:QDi.006", "hit"},
		{"alias with birth date", `{"id":"decl-1/party-2","name":"Jamal Lounici","birth_date":"1962-02-01","nationality":"DZ"}`, "UN:QDi.155", "hit"},
		{"passport only", `{"documents":[{"type":"passport","number":"1084010"}]}`, "UN:QDi.006", ""},
		{"organisation", `{"name":"Al-Qaida","kind":"organisation"}`, "UN:QDe.004", ""},
		{"nobody", `{"name":"Margaret Thornbury","birth_date":"1980"}`, "", "clear"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, h, b := ts.call(t, "POST", "/v1/screen", tc.body, "Content-Type", "application/json")
			require.Equal(t, http.StatusOK, code, "%s", b)
			assert.Equal(t, "application/json", h.Get("Content-Type"))
			res := decode[outResult](t, b)
			assert.Equal(t, h.Get("X-Request-ID"), res.RequestID)
			assert.NotEmpty(t, res.RequestID)
			require.Len(t, res.Lists, 1)
			assert.Equal(t, "v1", res.Lists[0].Version)
			assert.Equal(t, &thresholds{screening.DefaultReviewThreshold, screening.DefaultHitThreshold}, res.Thresholds)
			if tc.first == "" {
				assert.Empty(t, res.Matches)
				assert.Equal(t, raqib.Clear, res.Decision)
				return
			}
			require.NotEmpty(t, res.Matches)
			m := res.Matches[0]
			assert.Equal(t, tc.first, m.EntryID)
			assert.Equal(t, "UN", m.List)
			assert.Equal(t, strings.TrimPrefix(tc.first, "UN:"), m.Ref)
			assert.NotEmpty(t, m.Name)
			assert.Equal(t, "Al-Qaida", m.ListType)
			assert.NotEmpty(t, m.Features, "every match is explained")
			for _, f := range m.Features {
				assert.NotEmpty(t, f.Detail)
			}
			if tc.decision != "" {
				assert.Equal(t, tc.decision, string(m.Decision))
				assert.Equal(t, tc.decision, string(res.Decision))
			}
		})
	}
}

func TestRequestID(t *testing.T) {
	ts := newService(t, testConfig(), nil, smallList(t, "v1", smallIDs...))
	_, h, b := ts.call(t, "POST", "/v1/screen", `{"name":"x y"}`, "X-Request-ID", "decl-2026-0042")
	assert.Equal(t, "decl-2026-0042", h.Get("X-Request-ID"))
	assert.Equal(t, "decl-2026-0042", decode[outResult](t, b).RequestID)
	// A request ID that is not a plain token is replaced.
	_, h, _ = ts.call(t, "POST", "/v1/screen", `{"name":"x y"}`, "X-Request-ID", "<script>")
	assert.Regexp(t, `^[0-9a-f]{24}$`, h.Get("X-Request-ID"))
}

func TestBadInput(t *testing.T) {
	ts := newService(t, testConfig(), nil, smallList(t, "v1", smallIDs...))
	big := `{"name":"` + strings.Repeat("a", 5000) + `"}`
	long := `{"name":"` + strings.Repeat("a", 1001) + `"}`
	six := `{"queries":[` + strings.Repeat(`{"name":"a b"},`, 5) + `{"name":"a b"}]}`
	for _, tc := range []struct {
		name, method, path, body string
		code                     int
		msg                      string
	}{
		{"syntax error", "POST", "/v1/screen", `{"name":"Ayman",}`, 400, "bad JSON at offset 17: invalid character '}'"},
		{"not an object", "POST", "/v1/screen", `["Ayman"]`, 400, "bad JSON at offset 1"},
		{"unknown field", "POST", "/v1/screen", `{"nmae":"Ayman"}`, 400, `unknown field "nmae"`},
		{"wrong type", "POST", "/v1/screen", `{"name":42}`, 400, "bad JSON at offset 10: name: want a string, got number"},
		{"wrong nested type", "POST", "/v1/screen", `{"documents":[{"number":7}]}`, 400, "documents.number: want a string, got number"},
		{"wrong type of a list", "POST", "/v1/screen", `{"documents":{"number":"7"}}`, 400, "documents: want an array, got object"},
		{"duplicate key", "POST", "/v1/screen", `{"name":"Margaret Thornbury","name":"Ayman al-Zawahiri"}`, 400, `member "name" given twice`},
		{"case-variant key", "POST", "/v1/screen", `{"name":"Margaret Thornbury","NAME":"Ayman al-Zawahiri"}`, 400, `members "name" and "NAME" differ only in case`},
		{"upper-case key", "POST", "/v1/screen", `{"NAME":"Ayman al-Zawahiri"}`, 400, `unknown field "NAME" (names are lower case: "name")`},
		{"nested case-variant key", "POST", "/v1/screen", `{"documents":[{"Number":"1084010"}]}`, 400, `unknown field "Number"`},
		{"key folded by Unicode", "POST", "/v1/screen", `{"name":"a b","liſts":["UN"]}`, 400, `unknown field "liſts"`},
		{"escaped duplicate", "POST", "/v1/screen", `{"name":"a b","n\u0061me":"c d"}`, 400, `member "name" given twice`},
		{"duplicate in a batch query", "POST", "/v1/screen/batch", `{"queries":[{"name":"a","Name":"b"}]}`, 400, "differ only in case"},
		{"nested too deep", "POST", "/v1/screen", `{"name":"a","documents":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]}`, 400, "nested deeper than"},
		{"trailing data", "POST", "/v1/screen", `{"name":"a"} {"name":"b"}`, 400, "offset 13: unexpected data after the JSON value"},
		{"truncated", "POST", "/v1/screen", `{"name":"Ayman`, 400, "unexpected end of input"},
		{"empty body", "POST", "/v1/screen", ``, 400, "empty request body"},
		{"empty query", "POST", "/v1/screen", `{}`, 400, "no name, document or biometrics"},
		{"blank name", "POST", "/v1/screen", `{"name":"   "}`, 400, "no name, document or biometrics"},
		{"name too long", "POST", "/v1/screen", long, 400, "bad query: name has 1001 characters: at most 300"},
		{"bad kind", "POST", "/v1/screen", `{"name":"a","kind":"ship"}`, 400, "bad query: kind: want person, organisation"},
		{"bad base64", "POST", "/v1/screen", `{"fingerprints":[{"format":"iso19794-2","data":"%%%"}]}`, 400, "bad JSON at offset 55: illegal base64 data"},
		{"too large", "POST", "/v1/screen", big, 413, "larger than 4096"},
		{"batch too many", "POST", "/v1/screen/batch", six, 413, "6 queries: a batch holds at most 5"},
		{"batch empty", "POST", "/v1/screen/batch", `{"queries":[]}`, 400, "no queries"},
		{"batch of a bare array", "POST", "/v1/screen/batch", `[{"name":"a"}]`, 400, "bad JSON at offset 1"},
		{"batch too large", "POST", "/v1/screen/batch", `{"queries":[` + strings.Repeat(big+",", 4) + `{}]}`, 413, "larger than 16384"},
		{"GET screen", "GET", "/v1/screen", ``, 405, "method GET not allowed on /v1/screen: use POST"},
		{"PUT batch", "PUT", "/v1/screen/batch", `{}`, 405, "use POST"},
		{"POST lists", "POST", "/v1/lists", `{}`, 405, "use GET"},
		{"GET reload", "GET", "/v1/lists/reload", ``, 405, "use POST"},
		{"DELETE healthz", "DELETE", "/healthz", ``, 405, "use GET"},
		{"unknown path", "GET", "/v2/screen", ``, 404, "no such endpoint /v2/screen"},
		{"trailing slash", "POST", "/v1/screen/", `{"name":"a"}`, 404, "no such endpoint"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, h, b := ts.call(t, tc.method, tc.path, tc.body)
			assert.Equal(t, tc.code, code, "%s", b)
			assert.Equal(t, "application/json", h.Get("Content-Type"))
			e := decode[map[string]string](t, b)
			assert.Contains(t, e["error"], tc.msg)
			assert.NotRegexp(t, `raqib\.|matcher\.|screening\.|lists\.|\[\]|float|int64|Query\b`, e["error"], "no Go type names")
			assert.NotRegexp(t, `(\w+: ){3}`, e["error"], "no stacked prefixes")
			if code == 405 {
				assert.NotEmpty(t, h.Get("Allow"))
			}
		})
	}
	// The service still serves.
	code, _, _ := ts.call(t, "POST", "/v1/screen", `{"name":"Ayman al-Zawahiri"}`)
	assert.Equal(t, 200, code)
	assert.NotContains(t, ts.log.String(), "Ayman", "the log holds no query data")
	// The long names asked are runs of a thousand "a"; sixteen of them are
	// no request ID or hash, which are hex and could hold a few by chance.
	assert.NotContains(t, ts.log.String(), strings.Repeat("a", 16))
}

func TestBatch(t *testing.T) {
	ts := newService(t, testConfig(), nil, smallList(t, "v1", smallIDs...))
	body := `{"queries":[
		{"id":"p1","name":"Jamal Lounici"},
		{"id":"p2"},
		{"id":"p3","name":"Margaret Thornbury"},
		{"id":"p4","name":"` + strings.Repeat("b", 1001) + `"},
		{"id":"p5","name":"AIMAN MUHAMMED RABI AL-ZAWAHIRI"}]}`
	code, _, b := ts.call(t, "POST", "/v1/screen/batch", body)
	require.Equal(t, 200, code, "%s", b)
	resp := decode[batchResponse](t, b)
	assert.NotEmpty(t, resp.RequestID)
	require.Len(t, resp.Lists, 1)
	require.Len(t, resp.Results, 5)
	for i, r := range resp.Results {
		require.NotNil(t, r.Index)
		assert.Equal(t, i, *r.Index)
		assert.Equal(t, fmt.Sprintf("p%d", i+1), r.ID)
		assert.Nil(t, r.Lists, "the lists are named once for the batch")
	}
	assert.Equal(t, "UN:QDi.155", resp.Results[0].Matches[0].EntryID)
	assert.Contains(t, resp.Results[1].Error, "no name, document or biometrics")
	assert.Equal(t, raqib.Clear, resp.Results[2].Decision)
	assert.Equal(t, "bad query: name has 1001 characters: at most 300", resp.Results[3].Error)
	assert.Equal(t, "invalid_query", resp.Results[3].ErrorCode)
	assert.Empty(t, resp.Results[3].Decision, "a query not screened has no decision")
	assert.Equal(t, "UN:QDi.006", resp.Results[4].Matches[0].EntryID)
	assert.Equal(t, raqib.Hit, resp.Results[4].Decision)
}

func TestListsHealthMetrics(t *testing.T) {
	ts := newService(t, testConfig(), nil, smallList(t, "v1", smallIDs...), smallList(t, `w"2`, "UN:QDe.001"))
	code, _, b := ts.call(t, "GET", "/v1/lists", "")
	require.Equal(t, 200, code)
	lr := decode[listsResponse](t, b)
	require.Len(t, lr.Lists, 2)
	assert.Equal(t, "UN", lr.Lists[0].Source)
	assert.Equal(t, "v1", lr.Lists[0].Version)
	assert.Equal(t, 4, lr.Lists[0].Entries)
	assert.Zero(t, lr.Lists[0].Skipped)
	assert.Equal(t, 5, lr.Entries)
	assert.False(t, lr.Reload)
	assert.False(t, lr.Audit)

	code, _, b = ts.call(t, "GET", "/healthz", "")
	require.Equal(t, 200, code)
	h := decode[map[string]any](t, b)
	assert.Equal(t, "ok", h["status"])
	assert.EqualValues(t, 5, h["entries"])
	code, _, b = ts.call(t, "HEAD", "/healthz", "")
	assert.Equal(t, 200, code)
	assert.Empty(t, b)

	ts.call(t, "POST", "/v1/screen", `{"name":"Ayman al-Zawahiri"}`)
	ts.call(t, "POST", "/v1/screen", `{"name":"Margaret Thornbury"}`)
	ts.call(t, "POST", "/v1/screen", `{}`)
	ts.call(t, "GET", "/nowhere", "")
	ts.call(t, "GET", "/v1/screen", "")
	code, hdr, b := ts.call(t, "GET", "/metrics", "")
	require.Equal(t, 200, code)
	assert.True(t, strings.HasPrefix(hdr.Get("Content-Type"), "text/plain; version=0.0.4"), hdr.Get("Content-Type"))
	m := string(b)
	for _, want := range []string{
		`raqib_http_requests_total{code="200",route="screen"} 2`,
		`raqib_http_requests_total{code="400",route="screen"} 1`,
		`raqib_http_requests_total{code="405",route="screen"} 1`,
		`raqib_http_requests_total{code="404",route="other"} 1`,
		`raqib_http_requests_total{code="200",route="lists"} 1`,
		`raqib_http_request_duration_seconds_bucket{route="screen",le="+Inf"} 4`,
		`raqib_http_request_duration_seconds_count{route="screen"} 4`,
		`raqib_screen_decisions_total{decision="hit"} 1`,
		`raqib_screen_decisions_total{decision="clear"} 1`,
		`raqib_screen_decisions_total{decision="error"} 1`,
		`raqib_list_info{source="UN",version="v1"} 1`,
		`raqib_list_info{source="UN",version="w\"2"} 1`,
		`raqib_list_entries{source="UN",version="v1"} 4`,
		`raqib_list_skipped_records{source="UN",version="v1"} 0`,
		`raqib_healthy 1`,
		`raqib_thresholds{decision="hit"} 0.85`,
		`raqib_limited_requests_total{reason="penalty"} 0`,
		"# TYPE raqib_http_request_duration_seconds histogram",
		"# TYPE go_goroutines gauge",
		"# TYPE process_cpu_seconds_total counter",
	} {
		assert.Contains(t, m, want+"\n")
	}
	// Every line is a comment or a sample, and buckets never decrease.
	sample := regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_]+="([^"\\]|\\.)*",?)+\})? ([-+0-9.eE]+|NaN|[+-]Inf)$`)
	bucket := regexp.MustCompile(`^raqib_http_request_duration_seconds_bucket\{route="([a-z]+)",le="[^"]+"\} ([0-9]+)$`)
	prev := map[string]int{}
	for _, l := range strings.Split(strings.TrimSpace(m), "\n") {
		if strings.HasPrefix(l, "# HELP ") || strings.HasPrefix(l, "# TYPE ") {
			continue
		}
		assert.Regexp(t, sample, l)
		if mm := bucket.FindStringSubmatch(l); mm != nil {
			var n int
			fmt.Sscan(mm[2], &n)
			assert.GreaterOrEqual(t, n, prev[mm[1]], l)
			prev[mm[1]] = n
		}
	}
}

func TestUI(t *testing.T) {
	ts := newService(t, testConfig(), nil, smallList(t, "v1", smallIDs...))
	code, h, b := ts.call(t, "GET", "/", "")
	require.Equal(t, 200, code)
	assert.Equal(t, "text/html; charset=utf-8", h.Get("Content-Type"))
	page := string(b)
	assert.Contains(t, page, `<form id="q"`)
	assert.Contains(t, page, `fetch("/v1/screen"`)
	// No external resources: nothing is loaded from another origin.
	assert.NotRegexp(t, `(src|href)="(https?:)?//`, page)
	assert.NotContains(t, page, "innerHTML", "results are written as text, never parsed as HTML")
	// The CSP allows exactly the page's inline script and style.
	csp := h.Get("Content-Security-Policy")
	assert.Contains(t, csp, "default-src 'none'")
	for _, tag := range []string{"script", "style"} {
		i := strings.Index(page, "<"+tag+">") + len(tag) + 2
		j := strings.Index(page, "</"+tag+">")
		sum := sha256.Sum256([]byte(page[i:j]))
		assert.Contains(t, csp, tag+"-src 'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	code, _, b = ts.call(t, "HEAD", "/", "")
	assert.Equal(t, 200, code)
	assert.Empty(t, b)
}

func TestReload(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "nwl.jsonl")
	writeList(t, path, smallList(t, "v1", smallIDs...))
	c := testConfig()
	c.lists = cli.ListFlags{Paths: []string{path}}
	c.adminToken = testToken
	ts := newService(t, c, nil)

	version := func() string {
		_, _, b := ts.call(t, "GET", "/v1/lists", "")
		return decode[listsResponse](t, b).Lists[0].Version
	}
	require.Equal(t, "v1", version())
	writeList(t, path, smallList(t, "v2", "UN:QDi.006", "UN:QDi.155"))

	for _, tc := range []struct {
		name, auth string
		code       int
		msg        string
	}{
		{"no token", "", 401, "needs the admin token"},
		{"not bearer", "Basic czNjcmV0", 401, "needs the admin token"},
		{"wrong token", "Bearer " + testToken[1:], 403, "wrong admin token"},
		{"retried at once", "Bearer " + testToken, 429, "wait before trying again"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, h, b := ts.call(t, "POST", "/v1/lists/reload", "", "Authorization", tc.auth)
			assert.Equal(t, tc.code, code)
			assert.Contains(t, decode[map[string]string](t, b)["error"], tc.msg)
			if code == 401 {
				assert.Contains(t, h.Get("WWW-Authenticate"), "Bearer")
			}
			assert.Equal(t, "v1", version())
		})
	}

	// The wait after a wrong token is over.
	ts.sv.authFails.reset("127.0.0.1")
	// v2 lost half of v1's entries: refused unless forced. The scheme's
	// case does not matter (RFC 9110).
	code, _, b := ts.call(t, "POST", "/v1/lists/reload", "", "Authorization", "bearer "+testToken)
	require.Equal(t, 500, code, "%s", b)
	assert.Contains(t, string(b), "would shrink from 4 to 2 entries")
	assert.Equal(t, "v1", version())
	code, _, b = ts.call(t, "POST", "/v1/lists/reload?force=true", "", "Authorization", "Bearer "+testToken)
	require.Equal(t, 200, code, "%s", b)
	assert.Equal(t, "v2", version())
	assert.Equal(t, 2, decode[listsResponse](t, b).Entries)

	// A broken file: the reload fails, and v2 keeps serving.
	require.NoError(t, os.WriteFile(path, []byte("{\"raqib_watchlist\":99}\n"), 0o600))
	code, _, b = ts.call(t, "POST", "/v1/lists/reload", "", "Authorization", "Bearer "+testToken)
	assert.Equal(t, 500, code)
	e := decode[map[string]any](t, b)
	assert.Contains(t, e["error"], "reload failed, the old lists keep serving")
	assert.Contains(t, e["error"], path, "the error names the file")
	assert.Equal(t, "v2", version())
	code, _, b = ts.call(t, "POST", "/v1/screen", `{"name":"Ayman al-Zawahiri"}`)
	require.Equal(t, 200, code)
	assert.Equal(t, "UN:QDi.006", decode[outResult](t, b).Matches[0].EntryID)

	// A missing file too.
	require.NoError(t, os.Remove(path))
	code, _, _ = ts.call(t, "POST", "/v1/lists/reload", "", "Authorization", "Bearer "+testToken)
	assert.Equal(t, 500, code)
	assert.Equal(t, "v2", version())

	_, _, b = ts.call(t, "GET", "/metrics", "")
	assert.NotContains(t, string(b), "/v1/lists/reload: lists:", "a path named once")
	assert.Contains(t, string(b), `raqib_list_reloads_total{result="ok"} 1`)
	assert.Contains(t, string(b), `raqib_list_reloads_total{result="error"} 3`)
	assert.Contains(t, string(b), `raqib_list_info{source="UN",version="v2"} 1`)
	assert.NotContains(t, string(b), `version="v1"`)
}

func TestReloadDisabled(t *testing.T) {
	ts := newService(t, testConfig(), nil, smallList(t, "v1", smallIDs...))
	code, _, b := ts.call(t, "POST", "/v1/lists/reload", "", "Authorization", "Bearer ")
	assert.Equal(t, 403, code)
	assert.Contains(t, string(b), "reload is disabled")
}

// TestConcurrentClientsDuringReload screens from several clients while the
// lists are reloaded back and forth, and a failed reload is tried too: every
// screening succeeds, against one whole snapshot or the other.
func TestConcurrentClientsDuringReload(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "nwl.jsonl")
	// v2 is some 60 Al-Qaida entries, so that its reload takes a while.
	v1, v2 := smallList(t, "v1", smallIDs...), alQaida(t, "v2")
	writeList(t, path, v1)
	c := testConfig()
	c.lists = cli.ListFlags{Paths: []string{path}}
	c.adminToken = testToken
	ts := newService(t, c, nil)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[string]int{}
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				code, _, b := ts.call(t, "POST", "/v1/screen", `{"name":"Ayman al-Zawahiri","nationality":"EG"}`)
				if !assert.Equal(t, 200, code, "%s", b) {
					return
				}
				res := decode[outResult](t, b)
				assert.Equal(t, "UN:QDi.006", res.Matches[0].EntryID)
				assert.Len(t, res.Lists, 1)
				mu.Lock()
				seen[res.Lists[0].Version]++
				mu.Unlock()
			}
		})
	}
	for i, l := range []*lists.List{v2, nil, v1, v2} {
		if l == nil {
			require.NoError(t, os.WriteFile(path, []byte("not a list\n"), 0o600))
		} else {
			writeList(t, path, l)
		}
		// Two administrators reload at once: reloads take turns.
		n := 1
		if i == 0 {
			n = 2
		}
		codes := make(chan int, n)
		for range n {
			go func() {
				code, _, _ := ts.call(t, "POST", "/v1/lists/reload?force=true", "", "Authorization", "Bearer "+testToken)
				codes <- code
			}()
		}
		want := 200
		if l == nil {
			want = 500
		}
		for range n {
			assert.Equal(t, want, <-codes, "reload %d", i)
		}
		time.Sleep(20 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	t.Logf("screenings per list version: %v", seen)
	for v := range seen {
		assert.Contains(t, []string{"v1", "v2"}, v)
	}
	assert.Positive(t, seen["v1"])
	assert.Positive(t, seen["v2"], "screened against the reloaded list")
	_, _, b := ts.call(t, "GET", "/v1/lists", "")
	assert.Equal(t, len(v2.Entries), decode[listsResponse](t, b).Entries)
}

// alQaida returns the first 60 Al-Qaida (UN 2253) entries of the embedded
// list, and QDi.006.
func alQaida(t testing.TB, version string) *lists.List {
	t.Helper()
	def, err := lists.Default()
	require.NoError(t, err)
	l := &lists.List{Source: "UN", Version: version}
	for _, e := range def.Entries {
		if e.ListType == "Al-Qaida" && (len(l.Entries) < 60 || e.ID == "UN:QDi.006") {
			l.Entries = append(l.Entries, e)
		}
	}
	ids := make([]string, len(l.Entries))
	for i := range l.Entries {
		ids[i] = l.Entries[i].ID
	}
	require.Contains(t, ids, "UN:QDi.006")
	require.GreaterOrEqual(t, len(ids), 60)
	return l
}

func TestAuditLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	aw, err := audit.Open(path)
	require.NoError(t, err)
	ts := newService(t, testConfig(), aw, smallList(t, "v1", smallIDs...))

	code, _, b := ts.call(t, "POST", "/v1/screen", `{"name":"Ayman al-Zawahiri","birth_date":"1951","documents":[{"number":"1084010"}]}`)
	require.Equal(t, 200, code)
	res := decode[outResult](t, b)
	require.NotNil(t, res.Audit)
	assert.Equal(t, int64(1), res.Audit.Seq)
	code, _, b = ts.call(t, "POST", "/v1/screen/batch", `{"queries":[{"name":"Jamal Lounici"},{},{"name":"Margaret Thornbury"}]}`)
	require.Equal(t, 200, code)
	batch := decode[batchResponse](t, b)
	for i, r := range batch.Results {
		require.NotNil(t, r.Audit)
		assert.Equal(t, int64(2+i), r.Audit.Seq)
	}
	code, _, _ = ts.call(t, "POST", "/v1/screen", `{"name":"Zawahiri",`)
	require.Equal(t, 400, code, "bad JSON is not a screening: not audited")
	ts.Close()
	require.NoError(t, aw.Close())

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	log := string(data)
	lines := strings.SplitAfter(log, "\n")
	lines = lines[:len(lines)-1]
	require.Len(t, lines, 4)
	require.NoError(t, audit.Verify(strings.NewReader(log)))
	// The hashes, request IDs and times are random digits: a hash may hold
	// "1951" by chance (one run in a hundred or so), so they are taken out
	// before the log is searched for the query's data.
	scrubbed := regexp.MustCompile(`[0-9a-f]{16,}|"time":"[^"]*"`).ReplaceAllString(log, "")
	for _, personal := range []string{"Zawahiri", "Ayman", "Lounici", "Thornbury", "1084010", "1951"} {
		assert.NotContains(t, scrubbed, personal, "the audit log holds no query data")
	}
	first := decode[audit.Record](t, []byte(lines[0]))
	assert.Equal(t, res.RequestID, first.RequestID)
	assert.Equal(t, testHasher.HashQuery(&raqib.Query{Name: "Ayman al-Zawahiri", BirthDate: "1951",
		Documents: []raqib.Document{{Number: "1084010"}}}), first.QueryHash)
	assert.Equal(t, testHasher.KeyID(), first.KeyID)
	assert.Equal(t, "UN:QDi.006", first.Matches[0].EntryID)
	assert.Equal(t, []audit.List{{Source: "UN", Version: "v1", Entries: 4}}, first.Lists)
	assert.Equal(t, audit.Thresholds{Review: screening.DefaultReviewThreshold, Hit: screening.DefaultHitThreshold}, first.Thresholds)
	second := decode[audit.Record](t, []byte(lines[2]))
	assert.Equal(t, 1, second.Index)
	assert.Equal(t, "empty_query", second.ErrorCode)
	assert.NotEmpty(t, second.Error)

	// -verify accepts the log, and names the line of a tampered one.
	var out, errb bytes.Buffer
	assert.Equal(t, 0, run(context.Background(), []string{"-verify", path}, &out, &errb), errb.String())
	assert.Equal(t, path+": ok: 4 records; last hash "+batch.Results[2].Audit.Hash+"\n", out.String())

	for _, tc := range []struct {
		name, log, msg string
	}{
		{"score lowered", lines[0] + strings.Replace(lines[1], `"decision":"hit"`, `"decision":"review"`, 1) + lines[2] + lines[3], "line 2: hash does not match"},
		{"record removed", lines[0] + lines[1] + lines[3], "line 3: record does not follow"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := filepath.Join(t.TempDir(), "tampered.jsonl")
			require.NoError(t, os.WriteFile(bad, []byte(tc.log), 0o600))
			var out, errb bytes.Buffer
			assert.Equal(t, 1, run(context.Background(), []string{"-verify", bad}, &out, &errb))
			assert.Contains(t, errb.String(), bad)
			assert.Contains(t, errb.String(), tc.msg)
			assert.Empty(t, out.String())
			// The service refuses to append to it.
			_, err := audit.Open(bad)
			assert.Error(t, err)
			errb.Reset()
			assert.Equal(t, 1, run(context.Background(), []string{"-repair", bad}, &out, &errb), "an edit is not repaired")
			assert.Contains(t, errb.String(), "not repaired")
		})
	}
	errb.Reset()
	assert.Equal(t, 2, run(context.Background(), []string{"-verify", filepath.Join(t.TempDir(), "none.jsonl")}, &out, &errb))
	assert.Contains(t, errb.String(), "none.jsonl")
}

type brokenDisk struct{}

func (brokenDisk) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestAuditFailureRefusesScreening(t *testing.T) {
	ts := newService(t, testConfig(), audit.NewWriter(brokenDisk{}), smallList(t, "v1", smallIDs...))
	code, _, b := ts.call(t, "POST", "/v1/screen", `{"name":"Ayman al-Zawahiri"}`)
	assert.Equal(t, 500, code)
	assert.Contains(t, string(b), "audit log unavailable")
	code, _, _ = ts.call(t, "POST", "/v1/screen/batch", `{"queries":[{"name":"Ayman al-Zawahiri"}]}`)
	assert.Equal(t, 500, code)
	_, _, b = ts.call(t, "GET", "/metrics", "")
	assert.Contains(t, string(b), "raqib_audit_errors_total 2\n")
	assert.Contains(t, ts.log.String(), "disk full")
}

func TestTimeout(t *testing.T) {
	c := testConfig()
	c.timeout = time.Nanosecond
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	aw, err := audit.Open(path)
	require.NoError(t, err)
	defer aw.Close()
	ts := newService(t, c, aw, smallList(t, "v1", smallIDs...))
	code, _, b := ts.call(t, "POST", "/v1/screen", `{"name":"Ayman al-Zawahiri"}`)
	assert.Equal(t, 503, code)
	assert.Contains(t, string(b), "took longer than the 1ns timeout")
	// A batch that times out answers every query, screened or not, and
	// audits each.
	code, _, b = ts.call(t, "POST", "/v1/screen/batch", `{"queries":[{"name":"Ayman al-Zawahiri"},{"name":"Jamal Lounici"}]}`)
	require.Equal(t, 200, code, "%s", b)
	resp := decode[batchResponse](t, b)
	assert.Equal(t, 2, resp.Unscreened)
	assert.Contains(t, resp.Error, "2 of 2 queries not screened")
	for _, r := range resp.Results {
		assert.Equal(t, "timeout", r.ErrorCode)
		assert.Contains(t, r.Error, "not screened: screening took longer")
		assert.Empty(t, r.Decision, "never a silent clear")
		require.NotNil(t, r.Audit)
	}
	seq, _ := aw.Last()
	assert.Equal(t, int64(3), seq)
}

// TestBatchTimeoutKeepsResults is item 5 of the hardening issue: a batch
// cut by its timeout used to answer 503 and lose the hits it had found.
// Whatever the timeout leaves, every query has its result or its timeout,
// the hits found are answered, and every query is audited.
func TestBatchTimeoutKeepsResults(t *testing.T) {
	c := testConfig()
	c.batchLimit, c.maxBatchBody = 100, 1<<20
	var qs []string
	for i := range 100 {
		if i%4 == 0 {
			qs = append(qs, `{"name":"Ayman al-Zawahiri"}`)
		} else {
			qs = append(qs, fmt.Sprintf(`{"name":"Margaret Thornbury %d"}`, i))
		}
	}
	body := `{"queries":[` + strings.Join(qs, ",") + `]}`
	for _, timeout := range []time.Duration{time.Nanosecond, 5 * time.Millisecond, time.Minute} {
		t.Run(timeout.String(), func(t *testing.T) {
			c.timeout = timeout
			path := filepath.Join(t.TempDir(), "audit.jsonl")
			aw, err := audit.Open(path)
			require.NoError(t, err)
			ts := newService(t, c, aw, smallList(t, "v1", smallIDs...))
			code, _, b := ts.call(t, "POST", "/v1/screen/batch", body)
			require.Equal(t, 200, code, "%.300s", b)
			resp := decode[batchResponse](t, b)
			require.Len(t, resp.Results, 100)
			screened, hits := 0, 0
			for i, r := range resp.Results {
				require.NotNil(t, r.Audit, "query %d is audited", i)
				if r.Error != "" {
					assert.Equal(t, "timeout", r.ErrorCode)
					assert.Empty(t, r.Decision)
					continue
				}
				screened++
				if r.Decision == raqib.Hit {
					hits++
					assert.Equal(t, 0, i%4)
				}
			}
			assert.Equal(t, 100-screened, resp.Unscreened)
			if screened == 100 {
				assert.Empty(t, resp.Error)
				assert.Equal(t, 25, hits)
			}
			t.Logf("timeout %v: %d of 100 screened, %d hits", timeout, screened, hits)
			require.NoError(t, aw.Close())
			f, err := os.Open(path)
			require.NoError(t, err)
			defer f.Close()
			last, err := audit.Last(f)
			require.NoError(t, err)
			assert.Equal(t, int64(100), last.Seq, "every query audited")
		})
	}
}

func TestPanicRecovered(t *testing.T) {
	ts := newService(t, testConfig(), nil, smallList(t, "v1", smallIDs...))
	ts.sv.route("POST /boom", "boom", func(w http.ResponseWriter, r *http.Request, id string) error {
		b, _ := io.ReadAll(r.Body)
		panic("cannot screen " + string(b))
	})
	code, h, b := ts.call(t, "POST", "/boom", "Ayman al-Zawahiri")
	assert.Equal(t, 500, code)
	assert.Equal(t, "internal error (request "+h.Get("X-Request-ID")+")", decode[map[string]string](t, b)["error"])
	assert.Contains(t, ts.log.String(), `"msg":"panic"`)
	assert.NotContains(t, ts.log.String(), "Zawahiri", "the panic value is not logged")
	code, _, _ = ts.call(t, "GET", "/healthz", "")
	assert.Equal(t, 200, code)
	_, _, b = ts.call(t, "GET", "/metrics", "")
	assert.Contains(t, string(b), "raqib_panics_total 1\n")
}

// TestEmbeddedList serves the full embedded UN list through run's serve
// loop on a loopback listener, as `go run ./examples/customs` does, answers
// the README query, and shuts down gracefully.
func TestEmbeddedList(t *testing.T) {
	c := testConfig()
	s, err := screening.New(context.Background())
	require.NoError(t, err)
	auditPath := filepath.Join(t.TempDir(), "audit.jsonl")
	aw, err := audit.Open(auditPath)
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	c.addr = ln.Addr().String()
	sv := newServer(s, c, aw, testHasher, discard)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, sv, ln, c.timeout, discard) }()

	url := "http://" + ln.Addr().String()
	// As curl -d sends it: a form, which a cross-site page may send too.
	resp, err := http.Post(url+"/v1/screen", "application/x-www-form-urlencoded", strings.NewReader(`{"name":"Ayman al-Zawahiri"}`))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnsupportedMediaType, resp.StatusCode)
	resp, err = http.Post(url+"/v1/screen", "application/json; charset=utf-8", strings.NewReader(`{"name":"Ayman al-Zawahiri"}`))
	require.NoError(t, err)
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, 200, resp.StatusCode, "%s", b)
	res := decode[outResult](t, b)
	require.NotEmpty(t, res.Matches)
	assert.Equal(t, "UN:QDi.006", res.Matches[0].EntryID)
	assert.Equal(t, raqib.Hit, res.Matches[0].Decision)
	assert.Equal(t, 1009, res.Lists[0].Entries)

	// A request in flight when the signal comes is answered before the
	// service stops.
	entered, release := make(chan struct{}), make(chan struct{})
	sv.route("GET /slow", "slow", func(w http.ResponseWriter, r *http.Request, id string) error {
		close(entered)
		<-release
		writeJSON(w, 200, map[string]string{"status": "done"})
		return nil
	})
	slow := make(chan int, 1)
	go func() {
		resp, err := http.Get(url + "/slow")
		if err != nil {
			slow <- 0
			return
		}
		resp.Body.Close()
		slow <- resp.StatusCode
	}()
	<-entered
	cancel()
	select {
	case <-done:
		t.Fatal("serve returned with a request in flight")
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	assert.Equal(t, 200, <-slow)
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(30 * time.Second):
		t.Fatal("no graceful shutdown")
	}
	_, err = http.Get(url + "/healthz")
	assert.Error(t, err, "the listener is closed")
	assert.Error(t, aw.Write(&audit.Record{}), "the audit log is closed")
	f, err := os.Open(auditPath)
	require.NoError(t, err)
	defer f.Close()
	last, err := audit.Last(f)
	require.NoError(t, err)
	assert.Equal(t, int64(1), last.Seq)
}

func TestRunFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"unknown flag", []string{"-nope"}, 2, "flag provided but not defined"},
		{"stray argument", []string{"Ayman"}, 2, "unexpected arguments"},
		{"bad limit", []string{"-batch-limit", "0"}, 2, "must be positive"},
		{"missing list", []string{"-list", "/nonexistent/list.xml"}, 2, "/nonexistent/list.xml"},
		{"bad thresholds", []string{"-list", "testdata/small.jsonl", "-review", "0.9", "-hit", "0.5"}, 2, "thresholds"},
		{"bad audit path", []string{"-list", "testdata/small.jsonl", "-audit", "/nonexistent/dir/audit.jsonl"}, 2, "audit"},
		{"help", []string{"-h"}, 0, "-batch-limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			assert.Equal(t, tc.code, run(context.Background(), tc.args, &out, &errb))
			assert.Contains(t, errb.String(), tc.msg)
		})
	}
}

// TestRunServes runs the whole program on a free loopback port and stops it
// as SIGTERM would.
func TestRunServes(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-addr", addr, "-list", "testdata/small.jsonl"}, io.Discard, &errb)
	}()
	var resp *http.Response
	require.Eventually(t, func() bool {
		resp, err = http.Post("http://"+addr+"/v1/screen", "application/json", strings.NewReader(`{"name":"Djamel Lounici"}`))
		return err == nil
	}, 20*time.Second, 20*time.Millisecond)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode, "%s", b)
	assert.Equal(t, "UN:QDi.155", decode[outResult](t, b).Matches[0].EntryID)
	cancel()
	select {
	case code := <-done:
		assert.Equal(t, 0, code, errb.String())
	case <-time.After(30 * time.Second):
		t.Fatal("no graceful shutdown")
	}
	assert.Contains(t, errb.String(), `"msg":"shutting down"`)
}
