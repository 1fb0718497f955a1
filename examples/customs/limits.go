package main

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/raqib/raqib"
)

// The per-client limits.
const (
	// About strikeLimit bad requests (4xx) close together put a client in
	// the penalty box; a strike is forgiven every strikeDecay.
	strikeLimit = 10
	strikeDecay = time.Second
	// A penalty lasts penaltyBase, doubled for each penalty in a row, at
	// most penaltyMax.
	penaltyBase = time.Second
	penaltyMax  = time.Minute
	// maxClients bounds the clients remembered; past it, the idle ones are
	// forgotten.
	maxClients = 10000
)

// clients limits each client (by address): at most limit requests in flight
// at once, and a penalty — requests refused for a while — after a run of bad
// requests, which is what a client probing or looping on oversized bodies,
// over-long names or broken templates sends. A legitimate client, whose
// requests are good, never meets the penalty.
type clients struct {
	mu    sync.Mutex
	limit int
	m     map[string]*clientState
}

type clientState struct {
	inflight  int
	strikes   float64
	at        time.Time // when strikes was last brought up to date
	until     time.Time // penalised until then
	penalties int       // penalties in a row
}

func newClients(limit int) *clients {
	return &clients{limit: limit, m: map[string]*clientState{}}
}

// enter admits a request from client at time now: it returns the function
// to call with the answer's status when the request is done, or nil, the
// reason ("concurrency" or "penalty") and how long the client should wait.
func (c *clients) enter(client string, now time.Time) (release func(status int), reason string, wait time.Duration) {
	if c.limit <= 0 {
		return func(int) {}, "", 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	st := c.m[client]
	if st == nil {
		if len(c.m) >= maxClients {
			c.forget(now)
		}
		st = &clientState{at: now}
		c.m[client] = st
	}
	if now.Before(st.until) {
		return nil, "penalty", st.until.Sub(now)
	}
	if st.inflight >= c.limit {
		return nil, "concurrency", time.Second
	}
	st.inflight++
	return func(status int) { c.leave(st, status) }, "", 0
}

func (c *clients) leave(st *clientState, status int) {
	now := time.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	st.inflight--
	// Strikes leak away with time.
	st.strikes = max(0, st.strikes-float64(now.Sub(st.at))/float64(strikeDecay))
	st.at = now
	if now.Sub(st.until) > penaltyMax {
		st.penalties = 0
	}
	if status < 400 || status >= 500 || status == http.StatusTooManyRequests {
		return
	}
	st.strikes++
	if st.strikes > strikeLimit-1 {
		d := min(penaltyBase<<min(st.penalties, 10), penaltyMax)
		st.until, st.strikes = now.Add(d), 0
		st.penalties++
	}
}

// forget drops the clients with nothing in flight and no penalty running.
func (c *clients) forget(now time.Time) {
	for k, st := range c.m {
		if st.inflight == 0 && now.After(st.until) {
			delete(c.m, k)
		}
	}
}

// backoff makes a client that gave a wrong admin token wait before it may
// try again: 1 s after the first, doubling to at most 5 min.
type backoff struct {
	mu sync.Mutex
	m  map[string]*failures
}

type failures struct {
	n     int
	until time.Time
}

func newBackoff() *backoff { return &backoff{m: map[string]*failures{}} }

// wait returns how long client must still wait.
func (b *backoff) wait(client string, now time.Time) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	if f := b.m[client]; f != nil && now.Before(f.until) {
		return f.until.Sub(now)
	}
	return 0
}

// fail counts a wrong token and returns the failures so far and the wait.
func (b *backoff) fail(client string, now time.Time) (int, time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	f := b.m[client]
	if f == nil {
		if len(b.m) >= maxClients {
			for k, v := range b.m {
				if now.After(v.until.Add(time.Hour)) {
					delete(b.m, k)
				}
			}
		}
		f = &failures{}
		b.m[client] = f
	}
	f.n++
	d := min(time.Second<<min(f.n-1, 16), 5*time.Minute)
	f.until = now.Add(d)
	return f.n, d
}

func (b *backoff) reset(client string) {
	b.mu.Lock()
	delete(b.m, client)
	b.mu.Unlock()
}

// queryCost estimates the work one query asks of the screener, in units of
// about a short name's: names cost by their length, biometrics and
// documents by their number. raqib.Query.Validate bounds each query; the
// cost bounds a batch (-batch-cost), so that a batch of the longest names
// allowed is not a thousand times the longest one.
func queryCost(q *raqib.Query) int {
	runes := utf8.RuneCountInString(q.Name)
	for _, n := range q.AltNames {
		runes += utf8.RuneCountInString(n)
	}
	cost := 1 + runes/32 + len(q.Documents)/4 + 4*len(q.Fingerprints)
	if q.Face != nil {
		cost += 2
	}
	return cost
}

// defaultBatchCost is the cost a batch of limit queries may have: twice
// that of as many ordinary queries.
func defaultBatchCost(limit int) int { return 4 * limit }

// hostCheck holds the names by which clients reach the service.
type hostCheck struct {
	any   bool
	hosts map[string]bool // "host:port" and "host", lower case
}

// newHostCheck allows the host of addr, the names in extra, and, for a
// loopback address, localhost and the loopback addresses, each with the
// port of addr or none. An unspecified address (0.0.0.0, ::) without extra
// names allows any host: run() refuses that configuration.
func newHostCheck(addr string, extra []string) hostCheck {
	h := hostCheck{hosts: map[string]bool{}}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		host, port = addr, ""
	}
	add := func(name string) {
		name = strings.ToLower(strings.TrimSuffix(name, "."))
		if hp, p, err := net.SplitHostPort(name); err == nil {
			h.hosts[net.JoinHostPort(hp, p)] = true
			return
		}
		bare := strings.Trim(name, "[]")
		if strings.Contains(bare, ":") {
			h.hosts["["+bare+"]"] = true
		} else {
			h.hosts[bare] = true
		}
		if port != "" {
			h.hosts[net.JoinHostPort(bare, port)] = true
		}
	}
	for _, e := range extra {
		if e == "*" {
			h.any = true
			continue
		}
		add(e)
	}
	ip := net.ParseIP(host)
	switch {
	case host == "" || (ip != nil && ip.IsUnspecified()):
		if len(extra) == 0 {
			h.any = true
		}
	case host == "localhost" || (ip != nil && ip.IsLoopback()):
		for _, n := range []string{"localhost", "127.0.0.1", "::1", host} {
			add(n)
		}
	default:
		add(host)
	}
	return h
}

// allowed reports whether a request's Host is one of the service's names.
func (h hostCheck) allowed(host string) bool {
	return h.any || h.hosts[strings.ToLower(host)]
}

// checkOrigin refuses a request a browser sends from another site: an
// Origin header that is not the service's own, or a Sec-Fetch-Site of
// "cross-site" or "same-site". Programs send neither.
func (h hostCheck) checkOrigin(r *http.Request) error {
	if s := r.Header.Get("Sec-Fetch-Site"); s == "cross-site" || s == "same-site" {
		return &httpError{http.StatusForbidden, "cross-site requests are refused"}
	}
	o := r.Header.Get("Origin")
	if o == "" {
		return nil
	}
	u, err := url.Parse(o)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.EqualFold(u.Host, r.Host) || !h.allowed(u.Host) {
		return &httpError{http.StatusForbidden, "cross-origin requests are refused"}
	}
	return nil
}
