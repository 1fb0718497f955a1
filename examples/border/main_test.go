package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/raqib/raqib"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize/mrz"
	"github.com/raqib/raqib/screening"
)

// The embedded UN list is indexed once for all tests that screen against it
// alone; runs with -list build their own screener.
var shared struct {
	once sync.Once
	s    *screening.Screener
	err  error
}

func TestMain(m *testing.M) {
	build := newScreener
	newScreener = func(ctx context.Context, ls []*lists.List) (*screening.Screener, error) {
		if len(ls) != 1 || ls[0].Source != "UN" {
			return build(ctx, ls)
		}
		shared.once.Do(func() { shared.s, shared.err = build(ctx, ls) })
		return shared.s, shared.err
	}
	os.Exit(m.Run())
}

// border runs the program and returns its exit status, stdout and stderr.
func border(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// jsonLines decodes -json output.
func jsonLines(t *testing.T, out string) []jsonLine {
	t.Helper()
	var ls []jsonLine
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l jsonLine
		require.NoError(t, json.Unmarshal(sc.Bytes(), &l), sc.Text())
		ls = append(ls, l)
	}
	return ls
}

// TestManifest screens the 300-passenger demonstration manifest: the three
// listed passengers are hits on their entries, and no one else alerts.
func TestManifest(t *testing.T) {
	code, out, errs := border(t, "-manifest", manifestJSONL, "-json")
	require.Equal(t, 0, code, errs)
	lines := jsonLines(t, out)
	require.Len(t, lines, manifestSize)
	want := map[string]string{"PAX063": "UN:QDi.006", "PAX107": "UN:QDi.082", "PAX251": "UN:QDi.155"}
	var falseAlerts []string
	for i, l := range lines {
		require.Equal(t, fmt.Sprintf("PAX%03d", i+1), l.ID, "output in manifest order")
		require.Equal(t, i+1, l.Line)
		require.Empty(t, l.Error)
		if entry, ok := want[l.ID]; ok {
			require.Equal(t, decHit, l.Decision, "%s: %s", l.ID, l.Reason)
			require.NotEmpty(t, l.Matches)
			assert.Equal(t, entry, l.Matches[0].EntryID, l.Reason)
			assert.Equal(t, raqib.Hit, l.Matches[0].Decision)
			assert.True(t, strings.HasPrefix(l.Reason, entry+" "), l.Reason)
			assert.NotEmpty(t, l.Matches[0].Features)
			continue
		}
		switch l.Decision {
		case decClear:
			assert.Empty(t, l.Matches, l.ID)
			assert.Contains(t, l.Reason, "no listed entry scored", l.ID)
		case decHit, decReview:
			falseAlerts = append(falseAlerts, fmt.Sprintf("%s %s %q -> %s %s %.3f", l.ID, l.Decision, l.Name,
				l.Matches[0].EntryID, l.Matches[0].Name, l.Matches[0].Score))
		default:
			t.Errorf("%s: decision %q", l.ID, l.Decision)
		}
	}
	assert.Empty(t, falseAlerts, "passengers on no list who alerted")
	assert.Contains(t, errs, fmt.Sprintf("%d passengers: %d hit, %d review, %d clear, 0 errors",
		manifestSize, len(want)+0, 0, manifestSize-len(want)), "summary on stderr with -json")

	// The Zawahiri passenger came as an MRZ only: check what the zone said.
	zaw := lines[62]
	require.NotNil(t, zaw.MRZ)
	assert.Equal(t, "TD3", zaw.MRZ.Format)
	assert.True(t, zaw.MRZ.Valid)
	assert.Contains(t, zaw.Reason, "passport 1084010 equal")
}

// TestManifestCSV checks that the CSV manifest says what the JSON Lines one
// says: the same passengers planned into the same queries.
func TestManifestCSV(t *testing.T) {
	read := func(path string) []passenger {
		f, err := os.Open(path)
		require.NoError(t, err)
		defer f.Close()
		ps, err := readManifest(f, filepath.Base(path))
		require.NoError(t, err)
		return ps
	}
	pj, pc := read(manifestJSONL), read(manifestCSV)
	require.Len(t, pj, manifestSize)
	require.Len(t, pc, manifestSize)
	for i := range pj {
		require.NoError(t, pj[i].Err)
		require.NoError(t, pc[i].Err)
		a, err := planFor(&pj[i])
		require.NoError(t, err, pj[i].ID)
		b, err := planFor(&pc[i])
		require.NoError(t, err, pc[i].ID)
		require.Equal(t, a.queries, b.queries, pj[i].ID)
		require.Equal(t, a.notes, b.notes, pj[i].ID)
		assert.Equal(t, i+2, pc[i].Line, "CSV lines count the header")
	}
}

// TestText checks the readable output and the summary, on the listed
// passengers and the first ten others of the manifest (the whole manifest is
// TestManifest's).
func TestText(t *testing.T) {
	all, err := os.ReadFile(manifestJSONL)
	require.NoError(t, err)
	var small []string
	for _, l := range strings.Split(strings.TrimSpace(string(all)), "\n") {
		if strings.Contains(l, `"PAX0`) && l < `{"id":"PAX011"` || strings.Contains(l, "ELZAWAHRY") ||
			strings.Contains(l, "Lounisi") || strings.Contains(l, "المتصدق") {
			small = append(small, l)
		}
	}
	require.Len(t, small, 13)
	path := filepath.Join(t.TempDir(), "small.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(small, "\n")+"\n"), 0o644))

	code, out, errs := border(t, "-manifest", path, "-alerts")
	require.Equal(t, 0, code, errs)
	assert.Empty(t, errs, "no progress bar when stderr is not a terminal")
	for _, want := range []string{
		"PAX063   HIT    AYMAN MOHAMED RABIE ELZAWAHRY (1951-06-19, EGY) [MRZ]",
		"UN:QDi.006 AIMAN MUHAMMED RABI AL-ZAWAHIRI (Al-Qaida list, born 1951-06-19, Egypt)",
		"PAX107   HIT    منير المتصدق (1974-04-03, MAR)",
		"UN:QDi.082 MOUNIR EL MOTASSADEQ",
		"PAX251   HIT    Jamal Lounisi (1962-02-01, DZA)",
		"UN:QDi.155 DJAMEL LOUNICI (Al-Qaida list, born 1962-02-01, Algeria)",
		"birth_date",
		"13 passengers: 3 hit, 0 review, 10 clear, 0 errors",
		"lists: UN 2026-05-08",
		"hit    PAX251  Jamal Lounisi -> UN:QDi.155 DJAMEL LOUNICI (0.9",
	} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, "CLEAR", "-alerts leaves clear passengers out")
}

// TestBadLines checks that bad passenger lines are reported, counted and
// written as errors, and do not stop the others.
func TestBadLines(t *testing.T) {
	tests := []struct {
		file   string
		errors map[string]string // passenger ID -> part of its error
		ok     map[string]string // passenger ID -> its decision
	}{
		{"../../testdata/border/bad.jsonl", map[string]string{
			"bad.jsonl:2": "bad.jsonl:2: unexpected EOF",
			"bad.jsonl:3": `bad.jsonl:3: json: unknown field "nmae"`,
			"BAD3":        "bad.jsonl:4: no name, MRZ, document number or face",
			"BAD4":        "bad.jsonl:5: mrz:",
			"BAD5":        "bad.jsonl:6: face: no model ID",
			"bad.jsonl:7": "bad.jsonl:7: more than one JSON value",
			"bad.jsonl:8": "bad.jsonl:8: mrz: want a string or an array of lines",
		}, map[string]string{"OK1": decHit, "OK2": decHit, "OK3": decClear}},
		{"../../testdata/border/bad.csv", map[string]string{
			"BAD1":      "bad.csv:3: 4 fields, the header has 9",
			"BAD2":      `bad.csv:4: face_vector: "zero" is not a number`,
			"bad.csv:5": "bad.csv:5: ",
			"BAD4":      "bad.csv:6: no name, MRZ, document number or face",
		}, map[string]string{"OK1": decHit, "OK2": decHit, "OK3": decClear}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			code, out, errs := border(t, "-manifest", tt.file, "-json")
			require.Equal(t, 0, code, "a bad line is not fatal: %s", errs)
			lines := jsonLines(t, out)
			require.Len(t, lines, len(tt.errors)+len(tt.ok))
			for _, l := range lines {
				// A passenger without an ID is named by its file and line.
				l.ID = strings.TrimPrefix(l.ID, filepath.Dir(tt.file)+"/")
				if want, ok := tt.errors[l.ID]; ok {
					assert.Equal(t, decError, l.Decision, l.ID)
					assert.Contains(t, l.Error, want, l.ID)
					assert.Equal(t, l.Error, l.Reason)
					assert.Contains(t, errs, "border: "+l.Error+"\n", "reported on stderr")
					continue
				}
				want, ok := tt.ok[l.ID]
				require.True(t, ok, "unexpected passenger %s", l.ID)
				assert.Equal(t, want, l.Decision, "%s: %s", l.ID, l.Reason)
				assert.Empty(t, l.Error)
			}
			assert.Contains(t, errs, fmt.Sprintf("%d passengers: 2 hit, 0 review, 1 clear, %d errors", len(lines), len(tt.errors)))
		})
	}
}

// TestBadCheckDigit screens a listed person's zone whose document-number
// check digit fails: still a hit on the name, but the number is not used as
// evidence, and the reason says so.
func TestBadCheckDigit(t *testing.T) {
	code, out, errs := border(t, "-manifest", "../../testdata/border/bad.jsonl", "-json")
	require.Equal(t, 0, code, errs)
	var got *jsonLine
	for _, l := range jsonLines(t, out) {
		if l.ID == "OK2" {
			got = &l
		}
	}
	require.NotNil(t, got)
	assert.Equal(t, decHit, got.Decision)
	assert.Equal(t, "UN:QDi.006", got.Matches[0].EntryID)
	require.NotNil(t, got.MRZ)
	assert.False(t, got.MRZ.Valid)
	assert.Equal(t, []string{"document_number", "composite"}, got.MRZ.FailedChecks)
	assert.Contains(t, got.Reason, `MRZ document number 1084010 fails its check digit (read '5', computed '4'): not used as evidence`)
	assert.Contains(t, got.Reason, "MRZ composite check digit fails")
	assert.NotContains(t, got.Reason, "1084010 equal", "an unverified number is no evidence")
	for _, f := range got.Matches[0].Features {
		if f.Name == "document" {
			assert.LessOrEqual(t, f.Score*f.Weight, 0.0, f.Detail)
		}
	}
}

// TestFatal checks the exit status 2 and the message for bad flags and
// manifests that cannot be read at all.
func TestFatal(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
		return p
	}
	empty := write("empty.jsonl", "\n\n")
	array := write("array.json", `[{"name":"x"}]`)
	unknown := write("unknown.csv", "id,name,seat\n1,Anna,12A\n")
	noName := write("noname.csv", "id,birth_date\n1,1974-08-12\n")
	dup := write("dup.csv", "name,NAME\na,b\n")
	long := write("long.jsonl", `{"name":"`+strings.Repeat("a", maxLine)+`"}`+"\n")
	longCSV := write("long.csv", "name,birth_date\nAnna,1974\n\"Bob"+strings.Repeat("b", 2*maxLine)+"\"\n")
	tests := []struct {
		args []string
		msg  string
	}{
		{[]string{"-nosuch"}, "flag provided but not defined: -nosuch"},
		{nil, "-manifest is required"},
		{[]string{"-manifest", manifestJSONL, "extra"}, `unexpected argument "extra"`},
		{[]string{"-manifest", filepath.Join(dir, "missing.jsonl")}, "missing.jsonl: no such file"},
		{[]string{"-manifest", empty}, "empty.jsonl: empty manifest"},
		{[]string{"-manifest", array}, "array.json:1: a JSON array"},
		{[]string{"-manifest", unknown}, `unknown.csv:1: column 3 "seat" is not a manifest column`},
		{[]string{"-manifest", noName}, "noname.csv:1: the header has no name, surname or mrz column"},
		{[]string{"-manifest", dup}, `dup.csv:1: column "name" appears twice`},
		{[]string{"-manifest", long}, "long.jsonl:1: line longer than"},
		{[]string{"-manifest", longCSV}, "long.csv: after line 2: line longer than 1048576 bytes"},
		{[]string{"-manifest", manifestJSONL, "-list", filepath.Join(dir, "nolist.xml")}, "nolist.xml"},
	}
	for _, tt := range tests {
		code, out, errs := border(t, tt.args...)
		assert.Equal(t, 2, code, "%v: %s", tt.args, errs)
		assert.Empty(t, out, tt.args)
		assert.Contains(t, errs, tt.msg, tt.args)
	}
	code, _, errs := border(t, "-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, errs, "-manifest PATH")
}

// TestStdinAndList reads a manifest from standard input and screens it
// against a national watchlist beside the UN list.
func TestStdinAndList(t *testing.T) {
	wl := filepath.Join(t.TempDir(), "national.jsonl")
	require.NoError(t, os.WriteFile(wl, []byte(`{"raqib_watchlist":1,"source":"NWL","version":"2026-11-01"}
{"ref":"2026-0042","kind":"person","names":[{"full":"Karim Belkacemi","quality":"primary"}],"birth_dates":[{"from":"1988-03-14","to":"1988-03-14","precision":"day"}],"nationalities":[{"code":"DZ"}]}
`), 0o644))
	manifest := `{"id":"A","name":"Kareem Belkacemi","birth_date":"1988-03-14","nationality":"DZA"}
{"id":"B","name":"Jamal Lounisi","birth_date":"1962-02-01","nationality":"DZA"}
`
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"-manifest", "-", "-list", wl, "-json"}, strings.NewReader(manifest), &out, &errb)
	require.Equal(t, 0, code, errb.String())
	lines := jsonLines(t, out.String())
	require.Len(t, lines, 2)
	assert.Equal(t, decHit, lines[0].Decision, lines[0].Reason)
	require.NotEmpty(t, lines[0].Matches)
	assert.Equal(t, "NWL:2026-0042", lines[0].Matches[0].EntryID)
	assert.Equal(t, "NWL", lines[0].Matches[0].List)
	assert.Equal(t, decHit, lines[1].Decision, lines[1].Reason)
	assert.Contains(t, errb.String(), "lists: UN 2026-05-08T23:00:06.922Z (1009 entries); NWL 2026-11-01 (1 entries)")
}

// TestProgress checks that -progress draws a bar on stderr and ends it.
func TestProgress(t *testing.T) {
	code, _, errs := border(t, "-manifest", "../../testdata/border/bad.jsonl", "-progress", "-alerts")
	require.Equal(t, 0, code)
	assert.Contains(t, errs, "\rscreening [")
	assert.Contains(t, errs, "] 10/10 passengers 100%")
	code, _, errs = border(t, "-manifest", "../../testdata/border/bad.jsonl", "-progress=false", "-alerts")
	require.Equal(t, 0, code)
	assert.NotContains(t, errs, "screening [")
}

func TestPlanZones(t *testing.T) {
	tests := []struct {
		name  string
		mrz   string
		birth string
		doc   string
		notes []string
	}{
		{"valid", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
			"1974-08-12", "L898902C3", nil},
		{"birth misread, not verifiable", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO74O8123F1204159ZE184226B<<<<<10",
			"", "L898902C3", []string{"MRZ composite check digit fails", "MRZ birth date 74O812 fails its check digit"}},
		{"number check digit read as a letter", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C3GUTO7408122F1204159ZE184226B<<<<<10",
			"1974-08-12", "L898902C3", []string{`MRZ document_number check digit read as 'G', an OCR confusion for '6', which verifies`}},
		{"number misread", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C56UTO7408122F1204159ZE184226B<<<<<10",
			"1974-08-12", "", []string{"MRZ composite check digit fails", "MRZ document number L898902C5 fails its check digit"}},
		{"identity card", "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
			"1974-08-12", "D23145890", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := passenger{ID: "x", MRZ: tt.mrz}
			pl, err := planFor(&p)
			require.NoError(t, err)
			require.NotEmpty(t, pl.queries)
			q := pl.queries[0]
			assert.Equal(t, "ANNA MARIA ERIKSSON", q.Name)
			assert.Equal(t, tt.birth, q.BirthDate)
			assert.Equal(t, "female", q.Gender)
			assert.Equal(t, "UTO", q.Nationality)
			assert.Equal(t, lists.KindPerson, q.Kind)
			if tt.doc == "" {
				assert.Empty(t, q.Documents)
			} else {
				require.Len(t, q.Documents, 1)
				assert.Equal(t, tt.doc, q.Documents[0].Number)
				typ := "passport"
				if tt.name == "identity card" {
					typ = "identity card"
				}
				assert.Equal(t, typ, q.Documents[0].Type)
			}
			require.Len(t, pl.notes, len(tt.notes), "%q", pl.notes)
			for i, n := range tt.notes {
				assert.Contains(t, pl.notes[i], n)
			}
		})
	}
}

// TestFace checks that a face embedding in either format reaches the query.
func TestFace(t *testing.T) {
	tests := []struct{ format, text string }{
		{"jsonl", `{"id":"F1","name":"Anna Eriksson","face":{"model":"facetest-512","vector":[0.6,0.8]}}`},
		{"csv", "id,name,face_model,face_vector\nF1,Anna Eriksson,facetest-512,\"[0.6, 0.8]\""},
		{"csv", "id,name,face_model,face_vector\nF1,Anna Eriksson,facetest-512,0.6;0.8"},
	}
	for _, tt := range tests {
		ps, err := readManifest(strings.NewReader(tt.text), "m."+tt.format)
		require.NoError(t, err, tt.text)
		require.Len(t, ps, 1)
		require.NoError(t, ps[0].Err)
		pl, err := planFor(&ps[0])
		require.NoError(t, err)
		require.NotNil(t, pl.queries[0].Face, tt.text)
		assert.Equal(t, &lists.FaceTemplate{Model: "facetest-512", Vector: []float32{0.6, 0.8}}, pl.queries[0].Face, tt.text)
	}
	for _, bad := range []string{
		`{"name":"A","face":{"model":"m","vector":[]}}`,
		`{"name":"A","face":{"vector":[1]}}`,
		"name,face_model,face_vector\nA,,1 2",
		"name,face_model,face_vector\nA,m,1 NaN",
	} {
		ps, err := readManifest(strings.NewReader(bad), "m")
		require.NoError(t, err, bad)
		require.Len(t, ps, 1)
		assert.ErrorContains(t, ps[0].Err, "face", bad)
	}
}

// TestArabicZone screens a zone that writes the name in the ICAO Doc 9303
// transliteration of Arabic (فيصل احمد بن علي الزهراني as FYXSSL AXHMD BN ELY
// ALZHRANY) with a passport number the list does not have: the name alone,
// read in the spellings other states print, finds the entry.
func TestArabicZone(t *testing.T) {
	z, err := mrz.Build(mrz.TD3, mrz.Document{DocumentCode: "P", IssuingState: "SAU", Surname: "ALZHRANY",
		GivenNames: []string{"FYXSSL", "AXHMD", "BN", "ELY"}, DocumentNumber: "K5550123", Nationality: "SAU",
		BirthDate: "860119", Sex: "M", ExpiryDate: "290101"})
	require.NoError(t, err)
	line, err := json.Marshal(map[string]any{"id": "Z1", "mrz": strings.Split(z, "\n")})
	require.NoError(t, err)
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"-manifest", "-", "-json"}, bytes.NewReader(line), &out, &errb)
	require.Equal(t, 0, code, errb.String())
	lines := jsonLines(t, out.String())
	require.Len(t, lines, 1)
	l := lines[0]
	assert.Equal(t, "FYXSSL AXHMD BN ELY ALZHRANY", l.Name)
	require.NotEmpty(t, l.Matches, l.Reason)
	assert.Equal(t, "UN:QDi.392", l.Matches[0].EntryID, l.Reason)
	assert.Contains(t, []string{decHit, decReview}, l.Decision, l.Reason)
	var n int
	_, err = fmt.Sscanf(errb.String()[strings.Index(errb.String(), "screening "):], "screening %d ms (%d queries", new(int), &n)
	require.NoError(t, err, errb.String())
	assert.GreaterOrEqual(t, n, 3, "the name as read, without X, and the spellings other states print")
}
