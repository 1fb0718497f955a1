package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
)

// TestServeIndex: with -index the service serves an index directory built
// once (screening.BuildIndex), answers as from lists, and refuses reloads
// and deltas, whose lists are a new index's.
func TestServeIndex(t *testing.T) {
	ctx := context.Background()
	un, err := lists.Default()
	require.NoError(t, err)
	dir := filepath.Join(t.TempDir(), "index")
	_, err = screening.BuildIndex(ctx, dir, un)
	require.NoError(t, err)

	var out, errb syncBuffer
	assert.Equal(t, 2, run(ctx, []string{"-index", dir, "-list", "../../testdata/watchlists/national.jsonl"}, &out, &errb))
	assert.Contains(t, errb.String(), "leave out -list")

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	token := strings.Repeat("k", 40)
	sctx, stop := context.WithCancel(ctx)
	done := make(chan int)
	go func() { done <- run(sctx, []string{"-index", dir, "-addr", addr, "-admin-token", token}, &out, &errb) }()
	defer func() {
		stop()
		assert.Equal(t, 0, <-done, errb.String())
	}()
	base := "http://" + addr
	require.Eventually(t, func() bool {
		resp, err := http.Get(base + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}, 60*time.Second, 50*time.Millisecond, "the service opens the index: %s", errb.String())

	resp, err := http.Post(base+"/v1/screen", "application/json", strings.NewReader(`{"name":"Ayman al-Zawahiri"}`))
	require.NoError(t, err)
	var res screening.Result
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&res))
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.NotEmpty(t, res.Matches)
	assert.Equal(t, "UN:QDi.006", res.Matches[0].EntryID)
	assert.Equal(t, un.Version, res.Lists[0].Version)

	for _, path := range []string{"/v1/lists/reload", "/v1/lists/delta?list=eu_fsf&version=x"} {
		req, err := http.NewRequest("POST", base+path, bytes.NewReader(nil))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/x-ndjson")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		var body bytes.Buffer
		body.ReadFrom(resp.Body)
		resp.Body.Close()
		assert.Equal(t, http.StatusConflict, resp.StatusCode, "%s: %s", path, body.String())
		assert.Contains(t, body.String(), "serves the index directory", path)
	}
}
