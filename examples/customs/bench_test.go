package main

import (
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening/audit"
)

// BenchmarkScreenHTTP measures POST /v1/screen over loopback against the
// full embedded UN list, with and without the audit log, from parallel
// clients (b.RunParallel: GOMAXPROCS clients).
func BenchmarkScreenHTTP(b *testing.B) {
	def, err := lists.Default()
	require.NoError(b, err)
	for _, withAudit := range []bool{false, true} {
		name := "no-audit"
		var aw *audit.Writer
		if withAudit {
			name = "audit"
			aw, err = audit.Open(filepath.Join(b.TempDir(), "audit.jsonl"))
			require.NoError(b, err)
		}
		b.Run(name, func(b *testing.B) {
			ts := newService(b, testConfig(), aw, def)
			queries := []string{
				`{"name":"Ayman al-Zawahiri"}`,
				`{"name":"Jamal Lounici","birth_date":"1962-02-01","nationality":"DZ"}`,
				`{"name":"Margaret Thornbury","birth_date":"1980"}`,
				`{"name":"Mohammed Ahmed Ali","nationality":"EG"}`,
			}
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				c := ts.Client()
				i := 0
				for pb.Next() {
					resp, err := c.Post(ts.URL+"/v1/screen", "application/json", strings.NewReader(queries[i%len(queries)]))
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						b.Errorf("status %d", resp.StatusCode)
						return
					}
					i++
				}
			})
		})
		if aw != nil {
			aw.Close()
		}
	}
}
