package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
)

const national = "../../../testdata/watchlists/national.jsonl"

// TestListFlags checks what the flags mean: -list adds to the embedded UN
// list, -un=false leaves it out, a UN list given with -list replaces it, and
// a skipped record is named, and refused with -strict.
func TestListFlags(t *testing.T) {
	good, err := os.ReadFile(national)
	require.NoError(t, err)
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	require.NoError(t, os.WriteFile(bad, append(good, `{"id":"NWL:X","kind":"persn","names":[{"full":"X"}]}`+"\n"...), 0o644))
	un2025 := "../../../testdata/lists/un-consolidated-2025-11-20.xml"

	tests := []struct {
		args    []string
		sources []string // source and entries of each list, in order
		warn    string
		err     string
	}{
		{nil, []string{"UN 1009"}, "", ""},
		{[]string{"-list", national}, []string{"UN 1009", "NWL 5"}, "", ""},
		{[]string{"-un=false", "-list", national}, []string{"NWL 5"}, "", ""},
		{[]string{"-list", un2025, "-list", national}, []string{"UN 1000", "NWL 5"}, "", ""},
		{[]string{"-un=false"}, nil, "", "no lists: give -list PATH, or drop -un=false"},
		{[]string{"-list", bad}, []string{"UN 1009", "NWL 5"}, "prog: skipped record: " + bad + ":7: ", ""},
		{[]string{"-strict", "-list", bad}, nil, "prog: skipped record: " + bad + ":7: ",
			"1 list record could not be read (named above): -strict refuses to screen without them"},
		{[]string{"-list", filepath.Join(t.TempDir(), "none.jsonl")}, nil, "", "none.jsonl"},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("prog", flag.ContinueOnError)
		var lf ListFlags
		lf.Register(fs)
		require.NoError(t, fs.Parse(tt.args))
		var warn bytes.Buffer
		ls, err := lf.Load(context.Background(), "prog", &warn)
		if tt.warn == "" {
			assert.Empty(t, warn.String(), tt.args)
		} else {
			assert.Contains(t, warn.String(), tt.warn, tt.args)
		}
		if tt.err != "" {
			assert.ErrorContains(t, err, tt.err, tt.args)
			continue
		}
		require.NoError(t, err, tt.args)
		var got []string
		for _, l := range ls {
			got = append(got, l.Source+" "+itoa(len(l.Entries)))
		}
		assert.Equal(t, tt.sources, got, tt.args)
	}
	fs := flag.NewFlagSet("prog", flag.ContinueOnError)
	var lf ListFlags
	lf.Register(fs)
	fs.SetOutput(io.Discard)
	assert.Error(t, fs.Parse([]string{"-list", ""}), "an empty path")
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestDescribe(t *testing.T) {
	var b bytes.Buffer
	Describe(&b, []screening.ListInfo{
		{Source: "UN", Version: "2026-05-08T23:00:06.922Z", Entries: 1009},
		{Source: "NWL", Version: "2026-11-01", Entries: 1, Skipped: 1},
		{Source: "OFAC", Version: "sha256:0123456789abcdef", Entries: 322, Skipped: 3},
	})
	assert.Equal(t, "lists: UN 2026-05-08T23:00:06.922Z (1009 entries); NWL 2026-11-01 (1 entry, 1 record skipped); "+
		"OFAC sha256:0123456789abcdef (322 entries, 3 records skipped)\n", b.String())

	l, err := lists.Load(national)
	require.NoError(t, err)
	assert.Equal(t, []screening.ListInfo{{Source: "NWL", Version: "2026-11-01", Digest: l.Digest, Entries: 5}}, Infos([]*lists.List{l}))
}

func TestWriteMatch(t *testing.T) {
	m := &screening.Match{EntryID: "UN:QDi.155", List: "UN", Name: "DJAMEL LOUNICI", ListType: "Al-Qaida",
		BirthDates: []string{"1962-02-01"}, Nationalities: []string{"Algeria", "France"}, MatchedName: "جمال لونيسي",
		MatchedForm: "djamal lounisi", Score: 0.99749, Features: []raqib.Feature{
			{Name: "name", Score: 0.9791, Weight: 1, Detail: "names agree"},
			{Name: "document", Score: -0.00001, Weight: 0.45, Detail: "rounds to zero"},
		}}
	var b bytes.Buffer
	b.WriteString("  ")
	WriteMatch(&b, "  ", m)
	assert.Equal(t, `  UN:QDi.155 DJAMEL LOUNICI (Al-Qaida list, born 1962-02-01, Algeria)  score 0.997
  matched name "جمال لونيسي" read as "djamal lounisi"
    name         +0.979  names agree
    document     +0.000  rounds to zero
`, b.String())
	assert.Equal(t, "OFAC", Facts(&screening.Match{List: "OFAC"}))
}

func TestTruncate(t *testing.T) {
	assert.Equal(t, "abc", Truncate("abc", 3))
	assert.Equal(t, "ab...", Truncate("abcd", 2))
	assert.Equal(t, "...", Truncate("éa", 1), "never inside a rune")
	assert.Equal(t, "é...", Truncate("éa", 2))
}

func TestSniff(t *testing.T) {
	tests := []struct{ head, want string }{
		{`{"id":"q1","name":"Jamal"}`, ""},
		{"\ufeff{\"id\":1}", ""},
		{"id,name\nPAX1,Anna\n", ""},
		{"جمال لونيسي\n", ""},
		{"\x1f\x8b\x08\x00", "a gzip-compressed file"},
		{"BZh91AY", "a bzip2-compressed file"},
		{"\xfd7zXZ\x00\x00", "an xz-compressed file"},
		{"PK\x03\x04", "a ZIP archive"},
		{"%PDF-1.7", "a PDF document"},
		{"\xff\xfe{\x00", "UTF-16 text"},
		{"  <!DOCTYPE html>", "an HTML page"},
		{"<HTML><body>", "an HTML page"},
		{"<?xml version=\"1.0\"?><CONSOLIDATED_LIST>", "an XML file"},
		{"{\"a\":\x00}", "binary data"},
		{"{\"name\":\"Ren\xe9\"}", "text that is not UTF-8"},
		{"{\"name\":\"" + strings.Repeat("a", 20) + "\xd8", ""}, // a rune cut by the end of the head
	}
	for _, tt := range tests {
		got := Sniff([]byte(tt.head))
		if tt.want == "" {
			assert.Empty(t, got, "%q", tt.head)
		} else {
			assert.True(t, strings.HasPrefix(got, tt.want), "%q: %q", tt.head, got)
		}
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	gz := filepath.Join(dir, "m.jsonl.gz")
	require.NoError(t, os.WriteFile(gz, []byte("\x1f\x8b\x08\x00rest"), 0o644))
	_, _, _, err := Open(gz, nil)
	assert.EqualError(t, err, gz+": a gzip-compressed file: decompress it first (gunzip)")

	_, _, _, err = Open(filepath.Join(dir, "missing"), nil)
	assert.EqualError(t, err, "open "+filepath.Join(dir, "missing")+": no such file or directory")

	r, name, closeFn, err := Open("-", strings.NewReader("{\"id\":1}\n"))
	require.NoError(t, err)
	assert.Equal(t, "stdin", name)
	b, err := io.ReadAll(r)
	require.NoError(t, err)
	assert.Equal(t, "{\"id\":1}\n", string(b), "nothing lost to the sniffing")
	assert.NoError(t, closeFn())
}

func TestJSONError(t *testing.T) {
	type doc struct {
		Number string `json:"number"`
	}
	type query struct {
		ID     string             `json:"id"`
		Name   string             `json:"name"`
		Limit  int                `json:"limit"`
		Score  float32            `json:"score"`
		OK     bool               `json:"ok"`
		Docs   []doc              `json:"documents"`
		Data   []byte             `json:"data"`
		Face   *struct{ V []int } `json:"face"`
		Fields map[string]string  `json:"fields"`
	}
	tests := []struct{ line, want string }{
		{`{"name":5}`, "name: want a string, got a number"},
		{`{"limit":"ten"}`, "limit: want a whole number, got a string"},
		{`{"limit":1.5}`, "limit: want a whole number, got the number 1.5, out of range"},
		{`{"score":1e39}`, "score: want a number, got the number 1e39, out of range"},
		{`{"ok":"yes"}`, "ok: want true or false, got a string"},
		{`{"documents":{"number":"1"}}`, "documents: want an array, got an object"},
		{`{"documents":[{"number":7}]}`, "documents.number: want a string, got a number"},
		{`{"data":5}`, "data: want base64 text, got a number"},
		{`{"face":[1]}`, "face: want an object, got an array"},
		{`{"fields":[]}`, "fields: want an object, got an array"},
		{`["Jamal"]`, "want a JSON object, got an array"},
		{`"Jamal"`, "want a JSON object, got a string"},
		{`{"name":"Jamal"`, "the JSON ends too early (the line is cut short?)"},
		{`{"name":"Jamal",}`, "not valid JSON at character 17: invalid character '}' looking for beginning of object key string"},
		{`{"nmae":"Jamal"}`, `unknown field "nmae"`},
	}
	for _, tt := range tests {
		dec := json.NewDecoder(strings.NewReader(tt.line))
		dec.DisallowUnknownFields()
		var q query
		err := JSONError(dec.Decode(&q))
		require.Error(t, err, tt.line)
		assert.Equal(t, tt.want, err.Error(), tt.line)
		assert.NotContains(t, err.Error(), "Go ", tt.line)
		assert.NotContains(t, err.Error(), "json:", tt.line)
	}
	assert.NoError(t, JSONError(nil))
	other := errors.New("a zone (mrz, visa_mrz) is a string or an array of lines")
	assert.Equal(t, other, JSONError(other), "other errors as they are")
}

func TestRecoverID(t *testing.T) {
	tests := []struct{ line, want string }{
		{`{"id":"BAD1","name":"Ann`, "BAD1"},
		{`{"name":{"full":["x"]},"id":"Q7","nmae":1}`, "Q7"},
		{`{"id":42,"name":5}`, "42"},
		{`{"name":"Ann","id":"late"`, "late"},
		{`{"name":"Ann`, ""},
		{`{"id":null}`, ""},
		{`{"id":["x"]}`, ""},
		{`{"sub":{"id":"inner"}}`, ""},
		{`["id","x"]`, ""},
		{`not json`, ""},
		{`{"id":"` + strings.Repeat("x", 200) + `"}`, strings.Repeat("x", 100) + "..."},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, RecoverID([]byte(tt.line)), tt.line)
	}
}

// FuzzInput feeds arbitrary lines to what reads untrusted input here: none
// may panic, an ID is at most 100 bytes and its marker, and an error of
// encoding/json comes back without Go's words.
func FuzzInput(f *testing.F) {
	for _, s := range []string{`{"id":"BAD1","name":"Ann`, `{"id":7}`, `{"a":[{"id":"x"}],"id":"y"}`, "\x1f\x8b", "<html>", `{"name":5}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if id := RecoverID(b); len(id) > 103 {
			t.Fatalf("id of %d bytes", len(id))
		}
		Sniff(b)
		var v struct {
			ID   string   `json:"id"`
			Name string   `json:"name"`
			N    int      `json:"n"`
			L    []string `json:"l"`
		}
		if err := JSONError(json.Unmarshal(b, &v)); err != nil && strings.Contains(err.Error(), "Go ") {
			t.Fatalf("Go's words: %v", err)
		}
	})
}
