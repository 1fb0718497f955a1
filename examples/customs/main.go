// Command customs is an HTTP JSON screening service that customs systems call
// to screen the parties of a declaration — people and organisations — against
// sanctions lists and watchlists.
//
//	go run ./examples/customs [-addr 127.0.0.1:8080] [-list PATH]... [-audit audit.jsonl]
//	curl -s --json '{"name":"Ayman al-Zawahiri"}' localhost:8080/v1/screen
//
// Endpoints:
//
//	POST /v1/screen        one query (the JSON query of the screen example)
//	POST /v1/screen/batch  {"queries":[...]}, at most -batch-limit queries
//	GET  /v1/lists         the lists served: source, version, entries, skipped records
//	POST /v1/lists/reload  reload the lists (Authorization: Bearer TOKEN)
//	GET  /healthz          health (503 when no entries are served) and the lists served
//	GET  /metrics          Prometheus metrics
//	GET  /                 a page where an officer screens a party by hand
//
// POST bodies must be JSON (Content-Type: application/json) and are read
// strictly: unknown, repeated and case-variant member names are errors.
//
// With -audit PATH every screening is appended to a hash-chained audit log
// (package screening/audit) that holds a keyed hash of each query (the key
// from RAQIB_AUDIT_KEY or -audit-key-file), never the query;
// `customs -verify PATH` checks such a log and names the first bad line, and
// `customs -repair PATH` mends a log whose last record a crash cut short.
//
// The lists are the embedded UN list and the -list files (-un=false: the
// files only), as in every example program. The reload admin token comes
// from RAQIB_ADMIN_TOKEN or -admin-token (at least 32 bytes); without one,
// reload is disabled. SIGINT or SIGTERM shuts the service down gracefully:
// requests in flight finish, then the audit log is flushed and closed.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/raqib/raqib/examples/internal/cli"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
	"github.com/raqib/raqib/screening/audit"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// hostFlags collects repeated -host flags.
type hostFlags []string

func (h *hostFlags) String() string     { return strings.Join(*h, ",") }
func (h *hostFlags) Set(s string) error { *h = append(*h, s); return nil }

// config is what the flags say.
type config struct {
	addr         string
	hosts        hostFlags
	lists        cli.ListFlags
	indexDir     string // -index: serve a built index directory
	batchLimit   int
	batchCost    int
	maxBody      int64
	maxBatchBody int64
	timeout      time.Duration
	perClient    int
	clientHeader string
	adminToken   string
	auditPath    string
	auditKeyFile string
	review, hit  float64
	limit        int
	mon          monitorFlags // continuous screening (parties.go)
}

// run is the program: it parses args and either verifies or repairs an
// audit log, or serves until ctx is done. It returns the exit status: 0 on
// success, 1 on a failure while running (a bad audit log for -verify), 2 on
// bad flags or unreadable input.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("customs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen on `ADDRESS`")
	fs.Var(&c.hosts, "host", "a `NAME` (host or host:port) clients reach the service by, beside -addr's; repeatable; needed when -addr is 0.0.0.0 or [::] ('*': any, no DNS-rebinding check)")
	c.lists.Register(fs)
	fs.StringVar(&c.indexDir, "index", "", "serve the index directory `DIR` built once by screen -build-index (screening.BuildIndex) instead of loading -list files: opened in seconds at any list size; reloads and deltas are then refused (restart on a new index)")
	fs.IntVar(&c.batchLimit, "batch-limit", 1000, "most queries in one batch request")
	fs.IntVar(&c.batchCost, "batch-cost", 0, "most cost `UNITS` of one batch (a short name is 1; default 4 × -batch-limit)")
	fs.Int64Var(&c.maxBody, "max-body", 1<<20, "largest /v1/screen request body in `BYTES`")
	fs.Int64Var(&c.maxBatchBody, "max-batch-body", 32<<20, "largest /v1/screen/batch request body in `BYTES`")
	fs.DurationVar(&c.timeout, "timeout", 30*time.Second, "most time one request may screen for")
	fs.IntVar(&c.perClient, "client-concurrency", 8, "most requests in flight from one client address")
	fs.StringVar(&c.clientHeader, "client-header", "", "take the client's address from the last value of header `NAME` (X-Forwarded-For) that the proxy in front sets; only behind such a proxy")
	fs.StringVar(&c.adminToken, "admin-token", "", "bearer `TOKEN` for POST /v1/lists/reload, at least 32 bytes (default $RAQIB_ADMIN_TOKEN; reload is disabled without one)")
	fs.StringVar(&c.auditPath, "audit", "", "append a hash-chained audit record of every screening to `PATH` (JSON Lines); needs the audit key")
	fs.StringVar(&c.auditKeyFile, "audit-key-file", "", "read the key of the audit log's query hashes from `FILE` (default $RAQIB_AUDIT_KEY), at least 32 bytes")
	verify := fs.String("verify", "", "verify the audit log at `PATH`, print its last record's sequence number and hash, and exit")
	repair := fs.String("repair", "", "repair the audit log at `PATH` whose last record was cut short (stop the service first), and exit")
	fs.Float64Var(&c.review, "review", screening.DefaultReviewThreshold, "review threshold")
	fs.Float64Var(&c.hit, "hit", screening.DefaultHitThreshold, "hit threshold")
	fs.IntVar(&c.limit, "limit", screening.DefaultLimit, "most matches reported per query")
	c.mon.register(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "customs: unexpected arguments %q\n", fs.Args())
		return 2
	}
	if *verify != "" {
		return verifyLog(*verify, stdout, stderr)
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	if *repair != "" {
		return repairLog(*repair, stdout, stderr, log)
	}
	if code, done := c.mon.modes(stdout, stderr, log); done {
		return code
	}
	if c.adminToken == "" {
		c.adminToken = os.Getenv("RAQIB_ADMIN_TOKEN")
	}
	if c.adminToken != "" && len(c.adminToken) < minAdminToken {
		fmt.Fprintf(stderr, "customs: the admin token has %d bytes: at least %d (make one with: openssl rand -hex 32)\n", len(c.adminToken), minAdminToken)
		return 2
	}
	if c.indexDir != "" && len(c.lists.Paths) > 0 {
		fmt.Fprintln(stderr, "customs: -index serves a built index: leave out -list (the index holds the lists it was built from)")
		return 2
	}
	if c.batchLimit <= 0 || c.maxBody <= 0 || c.maxBatchBody <= 0 || c.timeout <= 0 || c.batchCost < 0 || c.perClient < 0 {
		fmt.Fprintln(stderr, "customs: -batch-limit, -max-body, -max-batch-body and -timeout must be positive, -batch-cost and -client-concurrency not negative")
		return 2
	}
	if h := newHostCheck(c.addr, c.hosts); h.any && !c.hosts.has("*") {
		fmt.Fprintf(stderr, "customs: -addr %s listens on every interface: name the hosts clients reach it by with -host (or -host '*' to accept any, without the DNS-rebinding check)\n", c.addr)
		return 2
	}
	var hasher *audit.Hasher
	if c.auditPath != "" {
		key, err := auditKey(c.auditKeyFile)
		if err == nil {
			hasher, err = audit.NewHasher(key)
		}
		if err != nil {
			fmt.Fprintf(stderr, "customs: -audit: %v\n", err)
			return 2
		}
	}

	// The port first: a taken port is told at once, not after the lists load.
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		fmt.Fprintf(stderr, "customs: %v\n", err)
		return 2
	}
	var aw *audit.Writer
	fail := func(err error) int {
		fmt.Fprintf(stderr, "customs: %v\n", err)
		ln.Close()
		if aw != nil {
			aw.Close()
		}
		return 2
	}
	if c.auditPath != "" {
		if aw, err = audit.Open(c.auditPath); err != nil {
			if errors.Is(err, audit.ErrTorn) {
				err = fmt.Errorf("%w\n(with the service stopped, customs -repair %s cuts the torn record, keeps its bytes beside the log and writes a record saying so)", err, c.auditPath)
			}
			return fail(err)
		}
		seq, hash := aw.Last()
		log.Info("audit log open", "path", c.auditPath, "seq", seq, "hash", hash, "key_id", hasher.KeyID())
	}
	start := time.Now()
	var ls []*lists.List
	var s *screening.Screener
	if c.indexDir != "" {
		if s, err = screening.Open(ctx, c.indexDir, screening.WithThresholds(c.review, c.hit), screening.WithLimit(c.limit)); err != nil {
			return fail(errors.New(plain(err)))
		}
	} else {
		if ls, err = c.lists.Load(ctx, "customs", skipLogger{log, ""}); err != nil {
			return fail(err)
		}
		if s, err = screening.New(ctx, screening.WithLists(ls...), screening.WithThresholds(c.review, c.hit), screening.WithLimit(c.limit)); err != nil {
			return fail(errors.New(plain(err)))
		}
	}
	log.Info("lists loaded", "lists", brief(s.Lists()), "entries", s.Entries(), "ms", time.Since(start).Milliseconds())
	sv := newServer(s, c, aw, hasher, log)
	if err := sv.startMonitor(ctx, c.mon, ls); err != nil {
		return fail(err)
	}
	if err := serve(ctx, sv, ln, c.timeout, log); err != nil {
		fmt.Fprintf(stderr, "customs: %v\n", err)
		return 1
	}
	return 0
}

func (h hostFlags) has(s string) bool {
	for _, v := range h {
		if v == s {
			return true
		}
	}
	return false
}

// auditKey reads the key of the query hashes: the content of file (without
// its trailing newline), or $RAQIB_AUDIT_KEY.
func auditKey(file string) ([]byte, error) {
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		return []byte(strings.TrimRight(string(b), "\r\n")), nil
	}
	if k := os.Getenv("RAQIB_AUDIT_KEY"); k != "" {
		return []byte(k), nil
	}
	return nil, errors.New("no key for the query hashes: set RAQIB_AUDIT_KEY or -audit-key-file FILE (at least 32 bytes; make one with: head -c 32 /dev/urandom | base64 > audit.key)")
}

// serve serves HTTP on ln until ctx is done, then shuts down gracefully and
// closes the audit log.
func serve(ctx context.Context, sv *server, ln net.Listener, timeout time.Duration, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           sv,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      timeout + 15*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	srv.RegisterOnShutdown(sv.stopStreams)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", "http://"+ln.Addr().String())

	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
		log.Info("shutting down")
		sctx, cancel := context.WithTimeout(context.Background(), timeout+5*time.Second)
		err = srv.Shutdown(sctx)
		cancel()
		<-errc
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	if cerr := sv.closeMonitor(); cerr != nil && err == nil {
		err = cerr
	}
	if sv.audit != nil {
		seq, hash := sv.audit.Last()
		if cerr := sv.audit.Close(); cerr != nil && err == nil {
			err = cerr
		}
		log.Info("audit log closed", "seq", seq, "hash", hash)
	}
	return err
}

// verifyLog is the -verify mode.
func verifyLog(path string, stdout, stderr io.Writer) int {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "customs: %v\n", err)
		return 2
	}
	defer f.Close()
	last, err := audit.Last(f)
	if err != nil {
		var le *audit.LineError
		if errors.As(err, &le) {
			le.Path = path
		}
		fmt.Fprintf(stderr, "customs: %v\n", err)
		if errors.Is(err, audit.ErrTorn) {
			fmt.Fprintf(stderr, "customs: if the service is stopped, customs -repair %s mends it\n", path)
		}
		return 1
	}
	fmt.Fprintf(stdout, "%s: ok: %d records; last hash %s\n", path, last.Seq, last.Hash)
	return 0
}

// repairLog is the -repair mode.
func repairLog(path string, stdout, stderr io.Writer, log *slog.Logger) int {
	rep, err := audit.Repair(path)
	if err != nil {
		fmt.Fprintf(stderr, "customs: %v\n", err)
		if rep != nil {
			log.Error("audit log not repaired", "path", path, "line", rep.Line, "problem", rep.Problem)
		}
		return 1
	}
	if rep.Line == 0 {
		fmt.Fprintf(stdout, "%s: good, nothing to repair\n", path)
		return 0
	}
	log.Warn("audit log repaired", "path", path, "line", rep.Line, "problem", rep.Problem,
		"removed_bytes", rep.Removed, "saved", rep.Saved, "completed", rep.Completed, "seq", rep.Record.Seq, "hash", rep.Record.Hash)
	fmt.Fprintf(stdout, "%s: repaired line %d (%s); repair record %d, hash %s\n", path, rep.Line, rep.Record.Detail, rep.Record.Seq, rep.Record.Hash)
	return 0
}
