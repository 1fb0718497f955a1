// Command customs is an HTTP JSON screening service that customs systems call
// to screen the parties of a declaration — people and organisations — against
// sanctions lists and watchlists.
//
//	go run ./examples/customs [-addr 127.0.0.1:8080] [-list PATH]... [-audit audit.jsonl]
//	curl -s localhost:8080/v1/screen -d '{"name":"Ayman al-Zawahiri"}'
//
// Endpoints:
//
//	POST /v1/screen        one query (the JSON query of the screen example)
//	POST /v1/screen/batch  {"queries":[...]}, at most -batch-limit queries
//	GET  /v1/lists         the lists served: source, version, entries
//	POST /v1/lists/reload  reload the -list files (Authorization: Bearer TOKEN)
//	GET  /healthz          liveness and the lists served
//	GET  /metrics          Prometheus text format
//	GET  /                 a page where an officer screens a party by hand
//
// With -audit PATH every screening is appended to a hash-chained audit log
// (package screening/audit) that holds a hash of each query, never the query;
// `customs -verify PATH` checks such a log and names the first bad line.
//
// -list PATH may be repeated; without it the UN list embedded in package lists
// is served. The reload admin token comes from -admin-token or the
// RAQIB_ADMIN_TOKEN environment variable; without one, reload is disabled.
// SIGINT or SIGTERM shuts the service down gracefully: requests in flight
// finish, then the audit log is flushed and closed.
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
	"syscall"
	"time"

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

// listFlags collects repeated -list flags.
type listFlags []string

func (l *listFlags) String() string     { return fmt.Sprint(*l) }
func (l *listFlags) Set(s string) error { *l = append(*l, s); return nil }

// config is what the flags say.
type config struct {
	addr         string
	lists        listFlags
	batchLimit   int
	maxBody      int64
	maxBatchBody int64
	timeout      time.Duration
	adminToken   string
	auditPath    string
	review, hit  float64
	limit        int
}

// run is the program: it parses args and either verifies an audit log or
// serves until ctx is done. It returns the exit status: 0 on success, 1 on a
// failure while running (a bad audit log for -verify), 2 on bad flags or
// unreadable input.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("customs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen on `ADDRESS`")
	fs.Var(&c.lists, "list", "list `PATH` (UN XML, OFAC SDN CSV, UK ConList CSV or Raqib watchlist JSON Lines); repeatable; default: the embedded UN list")
	fs.IntVar(&c.batchLimit, "batch-limit", 1000, "most queries in one batch request")
	fs.Int64Var(&c.maxBody, "max-body", 1<<20, "largest /v1/screen request body in `BYTES`")
	fs.Int64Var(&c.maxBatchBody, "max-batch-body", 32<<20, "largest /v1/screen/batch request body in `BYTES`")
	fs.DurationVar(&c.timeout, "timeout", 30*time.Second, "most time one request may screen for")
	fs.StringVar(&c.adminToken, "admin-token", "", "bearer `TOKEN` for POST /v1/lists/reload (default $RAQIB_ADMIN_TOKEN; reload is disabled without one)")
	fs.StringVar(&c.auditPath, "audit", "", "append a hash-chained audit record of every screening to `PATH` (JSON Lines)")
	verify := fs.String("verify", "", "verify the audit log at `PATH`, print its last record's sequence number and hash, and exit")
	fs.Float64Var(&c.review, "review", screening.DefaultReviewThreshold, "review threshold")
	fs.Float64Var(&c.hit, "hit", screening.DefaultHitThreshold, "hit threshold")
	fs.IntVar(&c.limit, "limit", screening.DefaultLimit, "most matches reported per query")
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
	if c.adminToken == "" {
		c.adminToken = os.Getenv("RAQIB_ADMIN_TOKEN")
	}
	if c.batchLimit <= 0 || c.maxBody <= 0 || c.maxBatchBody <= 0 || c.timeout <= 0 {
		fmt.Fprintln(stderr, "customs: -batch-limit, -max-body, -max-batch-body and -timeout must be positive")
		return 2
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))

	start := time.Now()
	ls, err := lists.LoadAll(ctx, c.lists...)
	if err != nil {
		fmt.Fprintf(stderr, "customs: %v\n", err)
		return 2
	}
	s, err := screening.New(ctx, screening.WithLists(ls...), screening.WithThresholds(c.review, c.hit), screening.WithLimit(c.limit))
	if err != nil {
		fmt.Fprintf(stderr, "customs: %v\n", err)
		return 2
	}
	log.Info("lists loaded", "lists", s.Lists(), "entries", s.Entries(), "ms", time.Since(start).Milliseconds())

	var aw *audit.Writer
	if c.auditPath != "" {
		if aw, err = audit.Open(c.auditPath); err != nil {
			fmt.Fprintf(stderr, "customs: %v\n", err)
			return 2
		}
		seq, hash := aw.Last()
		log.Info("audit log open", "path", c.auditPath, "seq", seq, "hash", hash)
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		fmt.Fprintf(stderr, "customs: %v\n", err)
		if aw != nil {
			aw.Close()
		}
		return 2
	}
	sv := newServer(s, c, aw, log)
	if err := serve(ctx, sv, ln, c.timeout, log); err != nil {
		fmt.Fprintf(stderr, "customs: %v\n", err)
		return 1
	}
	return 0
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
		fmt.Fprintf(stderr, "customs: %s: %v\n", path, err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: ok: %d records; last hash %s\n", path, last.Seq, last.Hash)
	return 0
}
