package lists

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nationalEntry is a national watchlist entry with biometric references.
func nationalEntry() Entry {
	return Entry{
		ID: "NWL:2026-0001", Source: "NWL", Ref: "2026-0001", ListVersion: "2026-05-08", ListType: "FTF",
		Kind:          KindPerson,
		Names:         []Name{{Full: "AL-ZAWAHIRI, Ayman", Parts: []string{"AL-ZAWAHIRI", "Ayman"}, Quality: NamePrimary}, {Full: "أيمن الظواهري", Quality: NameOriginalScript}},
		BirthDates:    []BirthDate{{DateRange: dateRange{From: "1951-06-19", To: "1951-06-19", Precision: precDay}, Text: "19 Jun. 1951"}},
		Nationalities: []Country{{Code: "EG", Text: "Egypt"}},
		Gender:        "male",
		Documents:     []Document{{Type: "passport", Number: "1084010", Normalized: "1084010", Country: Country{Code: "EG"}}},
		Faces:         []FaceTemplate{{Model: "arcface-r100-v1", Vector: []float32{0.1, -0.25, 0.5, 0.8, 1e-7, -0.123456789}}},
		Fingerprints:  []FingerprintTemplate{{Format: "iso19794-2", Position: 2, Data: []byte("FMR\x00 20\x00\x00\x00\x00\xff")}},
		Remarks:       "Shares <data> & more",
		CrossRefs:     []string{"UN:QDi.006"},
		Raw:           map[string]string{"case": "A-17"},
	}
}

func TestWatchlistRoundTrip(t *testing.T) {
	un, err := Default()
	require.NoError(t, err)
	for _, l := range []*List{
		un,
		{Source: "NWL", Version: "2026-05-08", Entries: []Entry{nationalEntry()}},
	} {
		var buf bytes.Buffer
		require.NoError(t, WriteWatchlist(&buf, l))
		assert.Equal(t, len(l.Entries)+1, bytes.Count(buf.Bytes(), []byte("\n")), "a header line and one line per entry")
		got, err := Read(bytes.NewReader(buf.Bytes()), "w.jsonl")
		require.NoError(t, err)
		assert.Empty(t, got.Skipped)
		assert.Equal(t, l.Source, got.Source)
		assert.Equal(t, l.Version, got.Version)
		require.Equal(t, len(l.Entries), len(got.Entries))
		for i := range l.Entries {
			require.Equal(t, l.Entries[i], got.Entries[i], l.Entries[i].ID)
		}
	}
}

func TestWatchlistJSON(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	e := nationalEntry()
	require.NoError(t, w.Write(&e))
	require.NoError(t, w.Flush())
	line := buf.String()
	assert.Contains(t, line, `"fingerprints":[{"format":"iso19794-2","position":2,"data":"Rk1SACAyMAAAAAD/"}]`)
	assert.Contains(t, line, `"faces":[{"model":"arcface-r100-v1","vector":[0.1,-0.25,0.5,0.8,1e-7,-0.12345679]}]`)
	assert.Contains(t, line, `"birth_dates":[{"from":"1951-06-19","to":"1951-06-19","precision":"day","text":"19 Jun. 1951"}]`)
	assert.Contains(t, line, `Shares <data> & more`, "no HTML escaping")
	assert.Equal(t, 1, strings.Count(line, "\n"))
}

func TestWatchlistRead(t *testing.T) {
	const hdr = `{"raqib_watchlist":1,"source":"NWL","version":"7"}` + "\n"
	const p1 = `{"ref":"1","kind":"person","names":[{"full":"A B","quality":"primary"}]}` + "\n"
	const p2 = `{"id":"X:2","kind":"organisation","names":[{"full":"C"}]}` + "\n"
	tests := []struct {
		name, in   string
		ids        []string
		skipped    []string
		err        string
		source, vs string
	}{
		{"header and defaults", hdr + p1 + p2, []string{"NWL:1", "X:2"}, nil, "", "NWL", "7"},
		{"no header", p2, []string{"X:2"}, nil, "", "", ""},
		{"blank lines", "\n" + hdr + "\n\n" + p2 + "\n", []string{"X:2"}, nil, "", "NWL", "7"},
		{"no source for ref", p1 + p2, []string{"X:2"}, []string{`w.jsonl:1: no "id", and no "source" and "ref" to make one`}, "", "", ""},
		{"bad json line", hdr + "{\"id\":\n" + p2, []string{"X:2"}, []string{"w.jsonl:2: unexpected EOF"}, "", "NWL", "7"},
		{"unknown field", hdr + `{"id":"X:3","kind":"person","names":[{"full":"Z"}],"nmae":1}` + "\n" + p2, []string{"X:2"}, []string{`w.jsonl:2: json: unknown field "nmae"`}, "", "NWL", "7"},
		{"late header", p2 + hdr, []string{"X:2"}, []string{"w.jsonl:2: header line not first"}, "", "", ""},
		{"duplicate", p2 + p2, []string{"X:2"}, []string{"w.jsonl:2: record X:2: duplicate id"}, "", "", ""},
		{"no kind", `{"id":"X:3","names":[{"full":"Z"}]}` + "\n" + p2, []string{"X:2"}, []string{`record X:3: no "kind"`}, "", "", ""},
		{"no name", `{"id":"X:3","kind":"person","names":[{"full":" "}]}` + "\n" + p2, []string{"X:2"}, []string{"record X:3: no name"}, "", "", ""},
		{"bad quality", `{"id":"X:3","kind":"person","names":[{"full":"Z","quality":"best"}]}` + "\n" + p2, []string{"X:2"}, []string{`unknown quality "best"`}, "", "", ""},
		{"face without model", `{"id":"X:3","kind":"person","names":[{"full":"Z"}],"faces":[{"vector":[1]}]}` + "\n" + p2, []string{"X:2"}, []string{"face 0: no model"}, "", "", ""},
		{"empty face", `{"id":"X:3","kind":"person","names":[{"full":"Z"}],"faces":[{"model":"m","vector":[]}]}` + "\n" + p2, []string{"X:2"}, []string{"face 0: vector of 0 values"}, "", "", ""},
		{"bad fingerprint format", `{"id":"X:3","kind":"person","names":[{"full":"Z"}],"fingerprints":[{"format":"wsq","data":"AA=="}]}` + "\n" + p2, []string{"X:2"}, []string{`unknown format "wsq"`}, "", "", ""},
		{"bad base64", `{"id":"X:3","kind":"person","names":[{"full":"Z"}],"fingerprints":[{"format":"ansi378","data":"!!"}]}` + "\n" + p2, []string{"X:2"}, []string{"illegal base64"}, "", "", ""},
		{"bad finger position", `{"id":"X:3","kind":"person","names":[{"full":"Z"}],"fingerprints":[{"format":"ansi378","position":99,"data":"AA=="}]}` + "\n" + p2, []string{"X:2"}, []string{"position 99"}, "", "", ""},
		{"invalid utf8", "{\"id\":\"X:3\",\"kind\":\"person\",\"names\":[{\"full\":\"\xff\"}]}\n" + p2, []string{"X:2"}, []string{"w.jsonl:1: invalid UTF-8"}, "", "", ""},
		{"two values", p2[:len(p2)-1] + p2, nil, nil, "more than one JSON value", "", ""},
		{"bad header version", `{"raqib_watchlist":2}` + "\n" + p2, nil, nil, "w.jsonl:1: unsupported raqib_watchlist format 2", "", ""},
		{"bad header field", `{"raqib_watchlist":1,"sauce":"x"}` + "\n" + p2, nil, nil, `w.jsonl:1: bad header: json: unknown field "sauce"`, "", ""},
		{"all bad", "{\n{\n", nil, nil, "w.jsonl:1:", "", ""},
		{"header only", hdr, nil, nil, "", "NWL", "7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ReadWatchlist(strings.NewReader(tt.in), "w.jsonl")
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.ids, idsOrNil(l.Entries))
			require.Len(t, l.Skipped, len(tt.skipped))
			for i, s := range tt.skipped {
				assert.Contains(t, l.Skipped[i].Error(), s)
			}
			assert.Equal(t, tt.source, l.Source)
			assert.Equal(t, tt.vs, l.Version)
			for _, e := range l.Entries {
				assert.NotEmpty(t, e.Ref)
				for _, n := range e.Names {
					assert.NotEmpty(t, n.Quality)
				}
			}
		})
	}
}

func TestWatchlistLongLine(t *testing.T) {
	in := `{"id":"X:1","kind":"person","names":[{"full":"` + strings.Repeat("a", MaxLine) + `"}]}` + "\n"
	_, err := ReadWatchlist(strings.NewReader(in), "w.jsonl")
	require.ErrorIs(t, err, ErrTooLarge)
	assert.Contains(t, err.Error(), "w.jsonl:1:")
}

func TestWatchlistHeaderJSON(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	require.NoError(t, w.WriteHeader(Header{Source: "NWL", Version: "3"}))
	require.NoError(t, w.Flush())
	assert.Equal(t, `{"raqib_watchlist":1,"source":"NWL","version":"3"}`+"\n", buf.String())
	var h map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &h))
}

func idsOrNil(es []Entry) []string {
	if len(es) == 0 {
		return nil
	}
	return ids(es)
}

func BenchmarkReadWatchlist(b *testing.B) {
	un, err := Default()
	require.NoError(b, err)
	var buf bytes.Buffer
	require.NoError(b, WriteWatchlist(&buf, un))
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if _, err := ReadWatchlist(bytes.NewReader(buf.Bytes()), "w.jsonl"); err != nil {
			b.Fatal(err)
		}
	}
}

func TestWatchlistBirthDateText(t *testing.T) {
	in := `{"raqib_watchlist":1,"source":"NWL","version":"3"}
{"ref":"1","kind":"person","names":[{"full":"A"}],"birth_dates":["1970-05-02","1970","approximately 1975",{"from":"1960-01-01","to":"1960-12-31","precision":"year"}]}
{"ref":"2","kind":"person","names":[{"full":"B"}],"birth_dates":["01/02/1970"]}
{"ref":"3","kind":"person","names":[{"full":"C"}],"birth_dates":["last spring"]}
{"ref":"4","kind":"person","names":[{"full":"D"}],"birth_dates":[{"from":"1960-01-01","when":"x"}]}
{"ref":"5","kind":"person","names":[{"full":"E"}]}
{"ref":"6","kind":"person","names":[{"full":"F"}]}
`
	l, err := ReadWatchlist(strings.NewReader(in), "w.jsonl")
	require.NoError(t, err)
	assert.Equal(t, []string{"NWL:1", "NWL:5", "NWL:6"}, ids(l.Entries))
	assert.Equal(t, []BirthDate{
		{DateRange: dateRange{From: "1970-05-02", To: "1970-05-02", Precision: precDay}, Text: "1970-05-02"},
		{DateRange: dateRange{From: "1970-01-01", To: "1970-12-31", Precision: precYear}, Text: "1970"},
		{DateRange: dateRange{From: "1974-01-01", To: "1976-12-31", Precision: precApprox}, Text: "approximately 1975"},
		{DateRange: dateRange{From: "1960-01-01", To: "1960-12-31", Precision: precYear}},
	}, l.Entries[0].BirthDates)
	msgs := errStrings(l.Skipped)
	require.Len(t, msgs, 3)
	assert.Contains(t, msgs[0], `w.jsonl:3: birth date "01/02/1970" can be read 2 ways: write it as YYYY-MM-DD`)
	assert.Contains(t, msgs[1], `w.jsonl:4: birth date "last spring": not a date`)
	assert.Contains(t, msgs[2], `w.jsonl:5: json: unknown field "when"`)
}

func TestWatchlistHeaderOrigin(t *testing.T) {
	un, err := Default()
	require.NoError(t, err)
	var buf bytes.Buffer
	small := *un
	small.Entries = un.Entries[:20]
	require.NoError(t, WriteWatchlist(&buf, &small))
	first, _, _ := strings.Cut(buf.String(), "\n")
	assert.Equal(t, `{"raqib_watchlist":1,"source":"UN","version":"2026-05-08T23:00:06.922Z","digest":"`+un.Digest+`"}`, first)
	l, err := Read(bytes.NewReader(buf.Bytes()), "dump.jsonl")
	require.NoError(t, err)
	assert.Equal(t, []ListInfo{{Source: "UN", Version: un.Version, Digest: un.Digest}}, l.Origin)
	assert.NotEqual(t, un.Digest, l.Digest, "the dump's own digest")

	// Several lists: each named in "lists".
	uk := &List{Source: "UK", Version: "2018-04-13", Digest: "ab12", Entries: []Entry{{ID: "UK:1", Source: "UK", Ref: "1", ListVersion: "2018-04-13", Kind: KindPerson, Names: []Name{{Full: "A", Quality: NamePrimary}}}}}
	h := HeaderFor(uk, un)
	assert.Equal(t, []ListInfo{{Source: "UK", Version: "2018-04-13", Digest: "ab12", Entries: 1}, {Source: "UN", Version: un.Version, Digest: un.Digest, Entries: 1009}}, h.Lists)
	buf.Reset()
	w := NewWriter(&buf)
	require.NoError(t, w.WriteHeader(h))
	require.NoError(t, w.Write(&uk.Entries[0]))
	require.NoError(t, w.Flush())
	l, err = Read(bytes.NewReader(buf.Bytes()), "two.jsonl")
	require.NoError(t, err)
	assert.Equal(t, h.Lists, l.Origin)
	assert.Equal(t, "UK", l.Source, "no header source: the first entry's")
	assert.Equal(t, "sha256:"+l.Digest[:16], l.Version)
	assert.Equal(t, "2018-04-13", l.Entries[0].ListVersion, "entries keep their own version")
}
