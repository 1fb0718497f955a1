package main

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/raqib/raqib/screening"
	"github.com/raqib/raqib/screening/audit"
)

// buckets are the upper bounds, in seconds, of the latency histogram.
var buckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

// histogram counts observations per bucket (not cumulative; written cumulative).
type histogram struct {
	counts []uint64 // len(buckets)+1: the last is +Inf
	sum    float64
	n      uint64
}

type reqKey struct {
	route string
	code  int
}

// metrics are the service's Prometheus metrics, written in the text
// exposition format by hand.
type metrics struct {
	mu        sync.Mutex
	requests  map[reqKey]uint64
	latency   map[string]*histogram
	decisions map[string]uint64
	reloads   map[string]uint64
	audits    uint64
	auditErrs uint64
	panics    uint64
	inflight  atomic.Int64
	start     time.Time
}

func newMetrics() *metrics {
	return &metrics{
		requests: map[reqKey]uint64{}, latency: map[string]*histogram{},
		decisions: map[string]uint64{}, reloads: map[string]uint64{}, start: time.Now(),
	}
}

func (m *metrics) request(route string, code int, d time.Duration) {
	if code == 0 {
		code = 200 // a handler that wrote nothing answered 200
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[reqKey{route, code}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(buckets)+1)}
		m.latency[route] = h
	}
	s := d.Seconds()
	i, _ := slices.BinarySearch(buckets, s)
	h.counts[i]++
	h.sum += s
	h.n++
}

func (m *metrics) decision(d string) {
	m.mu.Lock()
	m.decisions[d]++
	m.mu.Unlock()
}

func (m *metrics) reload(ok bool) {
	r := "error"
	if ok {
		r = "ok"
	}
	m.mu.Lock()
	m.reloads[r]++
	m.mu.Unlock()
}

func (m *metrics) auditRecord() { m.mu.Lock(); m.audits++; m.mu.Unlock() }
func (m *metrics) auditError()  { m.mu.Lock(); m.auditErrs++; m.mu.Unlock() }
func (m *metrics) panic()       { m.mu.Lock(); m.panics++; m.mu.Unlock() }

// labelValue escapes a label value: backslash, double quote and newline.
var labelValue = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

func float(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// write writes every metric in the Prometheus text format, sorted so that the
// output is stable.
func (m *metrics) write(w io.Writer, ls []screening.ListInfo, review, hit float64) {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	head := func(name, typ, help string) {
		fmt.Fprintf(bw, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
	}
	m.mu.Lock()
	defer m.mu.Unlock()

	head("raqib_http_requests_total", "counter", "HTTP requests by route and status code.")
	keys := make([]reqKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b reqKey) int {
		if c := strings.Compare(a.route, b.route); c != 0 {
			return c
		}
		return a.code - b.code
	})
	for _, k := range keys {
		fmt.Fprintf(bw, "raqib_http_requests_total{route=%q,code=\"%d\"} %d\n", k.route, k.code, m.requests[k])
	}

	head("raqib_http_request_duration_seconds", "histogram", "HTTP request latency by route.")
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	slices.Sort(routes)
	for _, r := range routes {
		h := m.latency[r]
		var cum uint64
		for i, b := range buckets {
			cum += h.counts[i]
			fmt.Fprintf(bw, "raqib_http_request_duration_seconds_bucket{route=%q,le=%q} %d\n", r, float(b), cum)
		}
		cum += h.counts[len(buckets)]
		fmt.Fprintf(bw, "raqib_http_request_duration_seconds_bucket{route=%q,le=\"+Inf\"} %d\n", r, cum)
		fmt.Fprintf(bw, "raqib_http_request_duration_seconds_sum{route=%q} %s\n", r, float(h.sum))
		fmt.Fprintf(bw, "raqib_http_request_duration_seconds_count{route=%q} %d\n", r, h.n)
	}

	head("raqib_http_requests_in_flight", "gauge", "HTTP requests being served.")
	fmt.Fprintf(bw, "raqib_http_requests_in_flight %d\n", m.inflight.Load())

	head("raqib_screen_decisions_total", "counter", `Screened queries by their strongest decision ("clear" when no match reached review).`)
	for _, d := range []string{"hit", "review", "clear", "error"} {
		fmt.Fprintf(bw, "raqib_screen_decisions_total{decision=%q} %d\n", d, m.decisions[d])
	}

	head("raqib_list_info", "gauge", "The lists being served, by source and version (always 1).")
	for _, l := range ls {
		fmt.Fprintf(bw, "raqib_list_info{source=\"%s\",version=\"%s\"} 1\n", labelValue.Replace(l.Source), labelValue.Replace(l.Version))
	}
	head("raqib_list_entries", "gauge", "Entries of the lists being served.")
	for _, l := range ls {
		fmt.Fprintf(bw, "raqib_list_entries{source=\"%s\",version=\"%s\"} %d\n", labelValue.Replace(l.Source), labelValue.Replace(l.Version), l.Entries)
	}
	head("raqib_list_reloads_total", "counter", "List reloads by result.")
	for _, r := range []string{"ok", "error"} {
		fmt.Fprintf(bw, "raqib_list_reloads_total{result=%q} %d\n", r, m.reloads[r])
	}

	head("raqib_thresholds", "gauge", "The score thresholds of the decisions.")
	fmt.Fprintf(bw, "raqib_thresholds{decision=\"review\"} %s\nraqib_thresholds{decision=\"hit\"} %s\n", float(review), float(hit))

	head("raqib_audit_records_total", "counter", "Audit records written.")
	fmt.Fprintf(bw, "raqib_audit_records_total %d\n", m.audits)
	head("raqib_audit_errors_total", "counter", "Audit records that could not be written (the screening was refused).")
	fmt.Fprintf(bw, "raqib_audit_errors_total %d\n", m.auditErrs)
	head("raqib_panics_total", "counter", "Requests that panicked and were recovered.")
	fmt.Fprintf(bw, "raqib_panics_total %d\n", m.panics)

	head("raqib_build_info", "gauge", "The Raqib library version (always 1).")
	fmt.Fprintf(bw, "raqib_build_info{version=\"%s\"} 1\n", labelValue.Replace(audit.LibraryVersion()))
	head("raqib_start_time_seconds", "gauge", "When the service started, in Unix seconds.")
	fmt.Fprintf(bw, "raqib_start_time_seconds %d\n", m.start.Unix())
}
