package main

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/raqib/raqib/screening/audit"
)

// buckets are the upper bounds, in seconds, of the latency histogram.
var buckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

// metrics are the service's Prometheus metrics, in a registry of their own
// with the Go runtime and process collectors beside them.
type metrics struct {
	requests     *prometheus.CounterVec
	latency      *prometheus.HistogramVec
	inflight     prometheus.Gauge
	decisions    *prometheus.CounterVec
	reloads      *prometheus.CounterVec
	refused      *prometheus.CounterVec
	auditRecords prometheus.Counter
	auditErrors  prometheus.Counter
	panics       prometheus.Counter
	handler      http.Handler
}

func newMetrics(sv *server) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "raqib_http_requests_total", Help: "HTTP requests by route and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "raqib_http_request_duration_seconds", Help: "HTTP request latency by route.", Buckets: buckets,
		}, []string{"route"}),
		inflight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "raqib_http_requests_in_flight", Help: "HTTP requests being served.",
		}),
		decisions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "raqib_screen_decisions_total", Help: `Screened queries by their strongest decision ("clear" when no match reached review; "error" when the query could not be screened).`,
		}, []string{"decision"}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "raqib_list_reloads_total", Help: "List reloads by result.",
		}, []string{"result"}),
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "raqib_limited_requests_total", Help: "Requests refused by a limit: a client's requests in flight (concurrency), a client penalised for bad requests (penalty), a batch over its cost (batch_cost), a client waiting after wrong admin tokens (auth_backoff).",
		}, []string{"reason"}),
		auditRecords: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "raqib_audit_records_total", Help: "Audit records written.",
		}),
		auditErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "raqib_audit_errors_total", Help: "Audit records that could not be written (the screening was refused).",
		}),
		panics: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "raqib_panics_total", Help: "Requests that panicked and were recovered.",
		}),
	}
	for _, d := range []string{"hit", "review", "clear", "error"} {
		m.decisions.WithLabelValues(d)
	}
	for _, r := range []string{"ok", "error"} {
		m.reloads.WithLabelValues(r)
	}
	for _, r := range []string{"concurrency", "penalty", "batch_cost", "auth_backoff"} {
		m.refused.WithLabelValues(r)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		m.requests, m.latency, m.inflight, m.decisions, m.reloads, m.refused,
		m.auditRecords, m.auditErrors, m.panics,
		listCollector{sv}, monitorCollector{sv},
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "raqib_build_info", Help: "The Raqib library version (always 1).",
			ConstLabels: prometheus.Labels{"version": audit.LibraryVersion()},
		}, func() float64 { return 1 }),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	m.handler = promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	return m
}

func (m *metrics) request(route string, code int, d time.Duration) {
	m.requests.WithLabelValues(route, strconv.Itoa(code)).Inc()
	m.latency.WithLabelValues(route).Observe(d.Seconds())
}

func (m *metrics) decision(d string) { m.decisions.WithLabelValues(d).Inc() }

func (m *metrics) limited(reason string) { m.refused.WithLabelValues(reason).Inc() }

// listCollector reports the lists being served, as they are at each scrape
// (a reload changes them).
type listCollector struct{ sv *server }

var (
	listInfoDesc    = prometheus.NewDesc("raqib_list_info", "The lists being served, by source and version (always 1).", []string{"source", "version"}, nil)
	listEntriesDesc = prometheus.NewDesc("raqib_list_entries", "Entries of the lists being served.", []string{"source", "version"}, nil)
	listSkippedDesc = prometheus.NewDesc("raqib_list_skipped_records", "Records of the lists being served that could not be read and are not screened.", []string{"source", "version"}, nil)
	healthyDesc     = prometheus.NewDesc("raqib_healthy", "1 when the service screens against lists that hold entries, else 0 (see /healthz).", nil, nil)
	thresholdsDesc  = prometheus.NewDesc("raqib_thresholds", "The score thresholds of the decisions.", []string{"decision"}, nil)
)

func (c listCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{listInfoDesc, listEntriesDesc, listSkippedDesc, healthyDesc, thresholdsDesc} {
		ch <- d
	}
}

func (c listCollector) Collect(ch chan<- prometheus.Metric) {
	// Two lists of one source and version are one series.
	type key struct{ source, version string }
	var keys []key
	entries, skipped := map[key]int{}, map[key]int{}
	for _, l := range c.sv.s.Lists() {
		k := key{l.Source, l.Version}
		if _, ok := entries[k]; !ok {
			keys = append(keys, k)
		}
		entries[k] += l.Entries
		skipped[k] += l.Skipped
	}
	for _, k := range keys {
		ch <- prometheus.MustNewConstMetric(listInfoDesc, prometheus.GaugeValue, 1, k.source, k.version)
		ch <- prometheus.MustNewConstMetric(listEntriesDesc, prometheus.GaugeValue, float64(entries[k]), k.source, k.version)
		ch <- prometheus.MustNewConstMetric(listSkippedDesc, prometheus.GaugeValue, float64(skipped[k]), k.source, k.version)
	}
	healthy := 0.0
	if code, _ := c.sv.health(); code == http.StatusOK {
		healthy = 1
	}
	ch <- prometheus.MustNewConstMetric(healthyDesc, prometheus.GaugeValue, healthy)
	review, hit := c.sv.s.Thresholds()
	ch <- prometheus.MustNewConstMetric(thresholdsDesc, prometheus.GaugeValue, review, "review")
	ch <- prometheus.MustNewConstMetric(thresholdsDesc, prometheus.GaugeValue, hit, "hit")
}
