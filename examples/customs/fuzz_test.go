package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/screening"
)

// FuzzRequest sends arbitrary bodies to the screening endpoints: the answer
// is always a JSON object, 200 or a client error, never a panic or a 500.
func FuzzRequest(f *testing.F) {
	for _, seed := range []string{
		`{"name":"Ayman al-Zawahiri"}`,
		`{"id":"q1","name":"أيمن محمد ربيع الظواهري","birth_date":"1951-06","nationality":"EGY","gender":"m"}`,
		`{"documents":[{"type":"passport","number":"1084010","country":"EG"}],"kind":"person"}`,
		`{"name":"Al-Qaida","kind":"organisation","lists":["UN"],"list_types":["Al-Qaida"]}`,
		`{"face":{"model":"m","vector":[0.6,0.8]},"fingerprints":[{"format":"iso19794-2","position":1,"data":"Rk1SAA=="}]}`,
		`{"queries":[{"name":"Jamal Lounici"},{},{"name":"x"}]}`,
		`{"name":"a",}`, `{"name":`, `[]`, `null`, `"x"`, `{"name":"\ud800"}`, `{"birth_date":"1974-01-32","name":"b"}`,
		`{"queries":null}`, `{"queries":[null]}`, "\xff\xfe{", `{"face":{"vector":[1e309]}}`,
		// The hardening issue: a 5 MB template format, case-variant and
		// repeated keys, a name of 990 Arabic letters.
		`{"fingerprints":[{"format":"` + strings.Repeat("A", 3000) + `","data":"Rk1SAA=="}]}`,
		`{"name":"Margaret Thornbury","NAME":"Ayman al-Zawahiri"}`, `{"name":"a","name":"b"}`,
		`{"name":"` + strings.Repeat("ظ", 990) + `"}`, `{"name":"` + strings.Repeat("ب ", 300) + `"}`,
	} {
		f.Add(false, seed)
		f.Add(true, seed)
	}
	s, err := screening.New(context.Background(), screening.WithLists(smallList(f, "v1", smallIDs...)))
	require.NoError(f, err)
	c := testConfig()
	c.hosts, c.perClient = hostFlags{"example.com"}, 0
	sv := newServer(s, c, nil, nil, discard)
	f.Fuzz(func(t *testing.T, batch bool, body string) {
		path := "/v1/screen"
		if batch {
			path = "/v1/screen/batch"
		}
		w := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		sv.ServeHTTP(w, req)
		switch w.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("status %d for %q: %s", w.Code, body, w.Body)
		}
		var v map[string]any
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), &v), "%s", w.Body)
		if w.Code != http.StatusOK {
			require.NotEmpty(t, v["error"])
		}
	})
}
