package main

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/examples/internal/cli"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
	"github.com/raqib/raqib/screening/audit"
	"github.com/raqib/raqib/screening/monitor"
)

// newPartyService starts the service with continuous screening (the
// monitor started before the listener serves, as run does).
func newPartyService(t testing.TB, c config, aw *audit.Writer, ls ...*lists.List) *testService {
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
	if c.mon.heartbeat == 0 {
		c.mon.heartbeat = 50 * time.Millisecond
	}
	if c.mon.maxDeltaBody == 0 {
		c.mon.maxDeltaBody = 1 << 20
	}
	require.NoError(t, sv.startMonitor(context.Background(), c.mon, ls))
	ts.Config.Handler = sv
	ts.Config.RegisterOnShutdown(sv.stopStreams)
	ts.Start()
	t.Cleanup(func() {
		sv.stopStreams()
		ts.Close()
		sv.closeMonitor()
		s.Close()
	})
	return &testService{Server: ts, sv: sv, log: logs}
}

const bearer = "Bearer " + testToken

func TestParties(t *testing.T) {
	c := testConfig()
	c.adminToken = testToken
	ts := newPartyService(t, c, nil, smallList(t, "v1", smallIDs...))

	put := func(id, body string, hdr ...string) (int, partyResponse, []byte) {
		code, _, b := ts.call(t, "PUT", "/v1/parties/"+id, body, append([]string{"Content-Type", "application/json", "Authorization", bearer}, hdr...)...)
		var r partyResponse
		if code < 300 {
			r = decode[partyResponse](t, b)
		}
		return code, r, b
	}
	code, r, b := put("trader-1", `{"name":"Ayman al-Zawahiri","birth_date":"1951"}`)
	require.Equal(t, 201, code, "%s", b)
	assert.True(t, r.Created)
	require.Len(t, r.Alerts, 1)
	assert.Equal(t, "UN:QDi.006", r.Alerts[0].Entry)
	require.Len(t, r.Events, 1)
	assert.Equal(t, monitor.Raised, r.Events[0].Kind)
	assert.Equal(t, "v1", r.Lists[0].Version)

	code, r, _ = put("trader-1", `{"name":"Ayman al-Zawahiri","birth_date":"1951"}`)
	assert.Equal(t, 200, code, "the same party again")
	assert.Empty(t, r.Events)
	code, r, _ = put("trader-2", `{"name":"Jane Doe"}`)
	assert.Equal(t, 201, code)
	assert.Empty(t, r.Alerts)

	code, _, b = ts.call(t, "GET", "/v1/parties/trader-1", "", "Authorization", bearer)
	require.Equal(t, 200, code)
	got := decode[partyResponse](t, b)
	assert.Equal(t, "Ayman al-Zawahiri", got.Query.Name, "the query, to the administrator")
	assert.Len(t, got.Alerts, 1)

	code, _, b = ts.call(t, "GET", "/v1/alerts?since=0", "", "Authorization", bearer)
	require.Equal(t, 200, code)
	ar := decode[alertsResponse](t, b)
	assert.Len(t, ar.Events, 1)
	assert.Equal(t, int64(1), ar.Last)

	code, _, b = ts.call(t, "DELETE", "/v1/parties/trader-1", "", "Authorization", bearer)
	require.Equal(t, 200, code, "%s", b)
	dr := decode[partyResponse](t, b)
	require.Len(t, dr.Events, 1)
	assert.Equal(t, monitor.Retracted, dr.Events[0].Kind)
	code, _, _ = ts.call(t, "DELETE", "/v1/parties/trader-1", "", "Authorization", bearer)
	assert.Equal(t, 404, code)
	code, _, b = ts.call(t, "GET", "/v1/parties", "", "Authorization", bearer)
	require.Equal(t, 200, code)
	assert.Equal(t, 1, decode[monitor.Stats](t, b).Parties)
	code, _, b = ts.call(t, "GET", "/v1/alerts/open", "", "Authorization", bearer)
	require.Equal(t, 200, code)
	assert.Contains(t, string(b), `"alerts":[]`)

	long := strings.Repeat("x", monitor.MaxIDBytes+1)
	for _, tc := range []struct {
		name, method, path, body string
		hdr                      []string
		code                     int
		msg                      string
	}{
		{"no token", "PUT", "/v1/parties/a", `{"name":"A B"}`, []string{"Content-Type", "application/json"}, 401, "needs the admin token"},
		{"alerts without token", "GET", "/v1/alerts", "", nil, 401, "needs the admin token"},
		{"not JSON", "PUT", "/v1/parties/a", `{"name":"A B"}`, []string{"Content-Type", "text/plain", "Authorization", bearer}, 415, "want application/json"},
		{"unknown field", "PUT", "/v1/parties/a", `{"nam":"A B"}`, []string{"Content-Type", "application/json", "Authorization", bearer}, 400, "unknown field"},
		{"case variant", "PUT", "/v1/parties/a", `{"NAME":"A B"}`, []string{"Content-Type", "application/json", "Authorization", bearer}, 400, "lower case"},
		{"nothing to compare", "PUT", "/v1/parties/a", `{"birth_date":"1970"}`, []string{"Content-Type", "application/json", "Authorization", bearer}, 400, "no name, document or biometrics"},
		{"long ID", "PUT", "/v1/parties/" + long, `{"name":"A B"}`, []string{"Content-Type", "application/json", "Authorization", bearer}, 400, "bad party ID"},
		{"bad since", "GET", "/v1/alerts?since=-1", "", []string{"Authorization", bearer}, 400, "since="},
		{"bad limit", "GET", "/v1/alerts?limit=0", "", []string{"Authorization", bearer}, 400, "limit=0"},
		{"unknown party", "GET", "/v1/parties/nobody", "", []string{"Authorization", bearer}, 404, "no such party"},
		{"wrong method", "POST", "/v1/parties/a", `{}`, []string{"Authorization", bearer}, 405, "not allowed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, b := ts.call(t, tc.method, tc.path, tc.body, tc.hdr...)
			assert.Equal(t, tc.code, code, "%s", b)
			assert.Contains(t, string(b), tc.msg)
			assert.NotContains(t, string(b), "A B", "errors never quote the query")
		})
	}
	_, _, b = ts.call(t, "GET", "/metrics", "")
	assert.Contains(t, string(b), "raqib_monitor_parties 1")
	assert.Contains(t, string(b), `raqib_monitor_events_total{kind="new"} 1`)
	assert.Contains(t, string(b), `raqib_monitor_events_total{kind="retracted"} 1`)
	assert.NotContains(t, ts.log.String(), "Zawahiri", "the log never names a party's query")
}

func TestPartiesDisabled(t *testing.T) {
	ts := newPartyService(t, testConfig(), nil, smallList(t, "v1", smallIDs...))
	code, _, b := ts.call(t, "PUT", "/v1/parties/a", `{"name":"A B"}`, "Content-Type", "application/json", "Authorization", bearer)
	assert.Equal(t, 403, code)
	assert.Contains(t, string(b), "disabled")
}

// TestReloadFeedsMonitor: a reload re-screens the parties; its answer says
// what the monitor did; the events name the lists before and after.
func TestReloadFeedsMonitor(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "un.jsonl")
	writeList(t, path, smallList(t, "v1", smallIDs...))
	c := testConfig()
	c.lists = cli.ListFlags{Paths: []string{path}}
	c.adminToken = testToken
	ts := newPartyService(t, c, nil)
	code, _, b := ts.call(t, "PUT", "/v1/parties/p", `{"name":"Djamel Lounici"}`, "Content-Type", "application/json", "Authorization", bearer)
	require.Equal(t, 201, code, "%s", b)
	writeList(t, path, smallList(t, "v2", "UN:QDi.006", "UN:QDi.298", "UN:QDe.004"))
	code, _, b = ts.call(t, "POST", "/v1/lists/reload?force=true", "", "Authorization", bearer)
	require.Equal(t, 200, code, "%s", b)
	rr := decode[struct {
		Monitor *monitor.UpdateReport `json:"monitor"`
	}](t, b)
	require.NotNil(t, rr.Monitor)
	assert.Equal(t, 1, rr.Monitor.Screened)
	code, _, b = ts.call(t, "GET", "/v1/alerts?since=1", "", "Authorization", bearer)
	require.Equal(t, 200, code)
	evs := decode[alertsResponse](t, b).Events
	require.Len(t, evs, 1)
	assert.Equal(t, monitor.Retracted, evs[0].Kind, "QDi.155 delisted")
	assert.Equal(t, "UN:QDi.155", evs[0].Entry)
	assert.Equal(t, monitor.CauseLists, evs[0].Cause)
	assert.Equal(t, "v1", evs[0].Before[0].Version)
	assert.Equal(t, "v2", evs[0].After[0].Version)
}

// TestDeltaEndpoint applies OpenSanctions' real delta files to the sample
// list, one request each, and the registered parties follow.
func TestDeltaEndpoint(t *testing.T) {
	dir := "../../testdata/lists/ftm"
	c := testConfig()
	c.lists = cli.ListFlags{Paths: []string{filepath.Join(dir, "opensanctions-sample.ftm.json")}, UN: true}
	c.adminToken = testToken
	ts := newPartyService(t, c, nil)
	code, _, b := ts.call(t, "PUT", "/v1/parties/plotnikov", `{"name":"Vladimir Nikolaevich Plotnikov"}`, "Content-Type", "application/json", "Authorization", bearer)
	require.Equal(t, 201, code, "%s", b)
	require.Empty(t, decode[partyResponse](t, b).Alerts)
	paths, err := filepath.Glob(filepath.Join(dir, "delta-*.json"))
	require.NoError(t, err)
	require.Len(t, paths, 4)
	for i, p := range paths {
		body, err := os.ReadFile(p)
		require.NoError(t, err)
		version := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), "delta-"), ".json")
		q := "/v1/lists/delta?list=eu_fsf&version=" + version
		code, _, b := ts.call(t, "POST", q, string(body), "Content-Type", "application/x-ndjson", "Authorization", bearer)
		if version == "20240528074703-npf" {
			// Its one DEL takes 1 of 9 entries: refused unless forced.
			require.Equal(t, 409, code, "%s", b)
			assert.Contains(t, string(b), "would shrink from 9 to 8 entries")
			code, _, b = ts.call(t, "POST", q+"&force=true", string(body), "Content-Type", "application/x-ndjson", "Authorization", bearer)
		}
		require.Equal(t, 200, code, "%s: %s", p, b)
		dr := decode[deltaResponse](t, b)
		require.NotNil(t, dr.Monitor)
		// A delta changes a few entries of about a thousand: the Screener
		// indexes only those, weights kept, and the monitor screens only
		// the parties they may reach — the last delta lists Plotnikov.
		assert.False(t, dr.Monitor.Full, "%s", p)
		if i == len(paths)-1 {
			assert.Equal(t, 1, dr.Monitor.Screened)
		} else {
			assert.Zero(t, dr.Monitor.Screened, "%s", p)
		}
	}
	_, _, b = ts.call(t, "GET", "/v1/lists", "")
	assert.Contains(t, string(b), `"version":"20240528134729-3iv"`)
	_, alerts, ok := ts.sv.mon.m.Party("plotnikov")
	require.True(t, ok)
	require.Len(t, alerts, 1, "listed by the last delta")
	assert.Equal(t, "eu_fsf:Q4365364", alerts[0].Entry)

	for _, tc := range []struct {
		name, query, ct string
		code            int
		msg             string
	}{
		{"no list", "", "application/x-ndjson", 400, "list=SOURCE"},
		{"unknown list", "list=OFAC", "application/x-ndjson", 404, "not a list being served"},
		{"not FtM", "list=UN", "application/x-ndjson", 409, "not read from FollowTheMoney"},
		{"not JSON", "list=eu_fsf", "text/plain", 415, "application/x-ndjson"},
		{"bad version", "list=eu_fsf&version=a/b", "application/x-ndjson", 400, "version="},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, b := ts.call(t, "POST", "/v1/lists/delta?"+tc.query, `{"op":"DEL","entity":{"id":"x"}}`, "Content-Type", tc.ct, "Authorization", bearer)
			assert.Equal(t, tc.code, code, "%s", b)
			assert.Contains(t, string(b), tc.msg)
		})
	}
}

// TestAlertStream reads the alert events as server-sent events: the past
// ones first, then each as it comes; Last-Event-ID resumes.
func TestAlertStream(t *testing.T) {
	c := testConfig()
	c.adminToken = testToken
	ts := newPartyService(t, c, nil, smallList(t, "v1", smallIDs...))
	code, _, _ := ts.call(t, "PUT", "/v1/parties/a", `{"name":"Ayman al-Zawahiri"}`, "Content-Type", "application/json", "Authorization", bearer)
	require.Equal(t, 201, code)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", ts.URL+"/v1/alerts", nil)
	require.NoError(t, err)
	req.Header.Set("Accept", "text/event-stream")
	req.Header.Set("Authorization", bearer)
	resp, err := ts.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "text/event-stream", resp.Header.Get("Content-Type"))
	sc := bufio.NewScanner(resp.Body)
	next := func() (id, kind, data string) {
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "id: "):
				id = line[4:]
			case strings.HasPrefix(line, "event: "):
				kind = line[7:]
			case strings.HasPrefix(line, "data: "):
				data = line[6:]
			case line == "" && data != "":
				return
			}
		}
		return
	}
	id, kind, data := next()
	assert.Equal(t, "1", id)
	assert.Equal(t, "new", kind)
	assert.Contains(t, data, `"entry_id":"UN:QDi.006"`)
	// A new event arrives while the stream is open.
	code, _, _ = ts.call(t, "PUT", "/v1/parties/b", `{"name":"Djamel Lounici"}`, "Content-Type", "application/json", "Authorization", bearer)
	require.Equal(t, 201, code)
	id, _, data = next()
	assert.Equal(t, "2", id)
	assert.Contains(t, data, `"party_id":"b"`)

	// Resuming after event 1.
	req2, err := http.NewRequestWithContext(ctx, "GET", ts.URL+"/v1/alerts", nil)
	require.NoError(t, err)
	req2.Header.Set("Accept", "text/event-stream")
	req2.Header.Set("Authorization", bearer)
	req2.Header.Set("Last-Event-ID", "1")
	resp2, err := ts.Client().Do(req2)
	require.NoError(t, err)
	defer resp2.Body.Close()
	sc = bufio.NewScanner(resp2.Body)
	id, _, _ = next()
	assert.Equal(t, "2", id)
}

// TestPartiesAudit: registrations and alert events are in the audit log by
// IDs and keyed hashes, never the query.
func TestPartiesAudit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	aw, err := audit.Open(path)
	require.NoError(t, err)
	c := testConfig()
	c.adminToken = testToken
	ts := newPartyService(t, c, aw, smallList(t, "v1", smallIDs...))
	code, _, b := ts.call(t, "PUT", "/v1/parties/t-9", `{"name":"Ayman al-Zawahiri"}`, "Content-Type", "application/json", "Authorization", bearer, "X-Request-ID", "req-put")
	require.Equal(t, 201, code, "%s", b)
	code, _, _ = ts.call(t, "DELETE", "/v1/parties/t-9", "", "Authorization", bearer, "X-Request-ID", "req-del")
	require.Equal(t, 200, code)
	require.NoError(t, aw.Sync())
	log, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, audit.Verify(strings.NewReader(string(log))))
	text := string(log)
	assert.NotContains(t, strings.ToLower(text), "zawahiri", "no query in the audit log")
	assert.Contains(t, text, `"event":"alert"`)
	assert.Contains(t, text, `"detail":"party t-9: new (register)"`)
	assert.Contains(t, text, `"detail":"party t-9: retracted (unregister)"`)
	assert.Contains(t, text, `"detail":"party t-9: register"`)
	assert.Contains(t, text, `"request_id":"req-put"`)
	assert.Contains(t, text, `"request_id":"req-del"`)
	assert.Equal(t, 4, strings.Count(text, testHasher.HashQuery(&raqib.Query{Name: "Ayman al-Zawahiri"})), "every record of the party holds its query's hash")
}

// TestPartiesStore: with -parties the parties and alerts survive a restart;
// -verify-parties and -repair-parties check and mend the store.
func TestPartiesStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "parties.jsonl")
	c := testConfig()
	c.adminToken = testToken
	c.mon.store = path
	l := smallList(t, "v1", smallIDs...)
	ts := newPartyService(t, c, nil, l)
	code, _, _ := ts.call(t, "PUT", "/v1/parties/x", `{"name":"Ayman al-Zawahiri"}`, "Content-Type", "application/json", "Authorization", bearer)
	require.Equal(t, 201, code)
	ts.Close()
	require.NoError(t, ts.sv.closeMonitor())

	ts2 := newPartyService(t, c, nil, l)
	code, _, b := ts2.call(t, "GET", "/v1/parties/x", "", "Authorization", bearer)
	require.Equal(t, 200, code)
	assert.Len(t, decode[partyResponse](t, b).Alerts, 1)
	ts2.Close()
	require.NoError(t, ts2.sv.closeMonitor())

	var out, errb strings.Builder
	assert.Equal(t, 0, run(context.Background(), []string{"-verify-parties", path}, &out, &errb), errb.String())
	assert.Contains(t, out.String(), "1 parties, 1 open alerts")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, b[:len(b)-10], 0o600))
	out.Reset()
	assert.Equal(t, 1, run(context.Background(), []string{"-verify-parties", path}, &out, &errb))
	assert.Contains(t, errb.String(), "-repair-parties")
	assert.Equal(t, 0, run(context.Background(), []string{"-repair-parties", path}, &out, &errb), errb.String())
	assert.Contains(t, out.String(), "repaired line")
}
