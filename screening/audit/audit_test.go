package audit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/raqib/raqib"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
)

// record returns a record as a service would write it for query i.
func record(i int) *Record {
	return &Record{
		Time:       time.Date(2026, 5, 8, 10, 0, i, 0, time.UTC),
		RequestID:  fmt.Sprintf("req-%d", i),
		QueryHash:  HashQuery(&raqib.Query{Name: fmt.Sprintf("name %d", i)}),
		Lists:      []List{{Source: "UN", Version: "2026-05-08", Entries: 1009}},
		Thresholds: Thresholds{Review: 0.7, Hit: 0.82},
		Matches:    []Match{{EntryID: "UN:QDi.006", Score: 0.971, Decision: "hit"}},
		Library:    "github.com/raqib/raqib@(devel)",
	}
}

// goodLog returns a verified log of n records, one per line.
func goodLog(t testing.TB, n int) []string {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for i := range n {
		require.NoError(t, w.Write(record(i)))
	}
	lines := strings.SplitAfter(buf.String(), "\n")
	return lines[:len(lines)-1]
}

func TestWriteVerify(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	var hashes []string
	for i := range 5 {
		r := record(i)
		require.NoError(t, w.Write(r))
		assert.Equal(t, int64(i+1), r.Seq)
		assert.Len(t, r.Hash, 64)
		if i > 0 {
			assert.Equal(t, hashes[i-1], r.Prev)
		} else {
			assert.Empty(t, r.Prev)
		}
		hashes = append(hashes, r.Hash)
	}
	seq, hash := w.Last()
	assert.Equal(t, int64(5), seq)
	assert.Equal(t, hashes[4], hash)

	require.NoError(t, Verify(bytes.NewReader(buf.Bytes())))
	last, err := Last(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, int64(5), last.Seq)
	assert.Equal(t, hashes[4], last.Hash)
	assert.Equal(t, "UN:QDi.006", last.Matches[0].EntryID)

	// Every line ends with its hash, and nothing else is named "hash".
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		assert.Equal(t, 1, strings.Count(l, `"hash"`), l)
		assert.True(t, strings.HasSuffix(l, `"}`), l)
	}
	require.NoError(t, Verify(strings.NewReader("")), "an empty log is good")
}

func TestVerifyDetectsTampering(t *testing.T) {
	lines := goodLog(t, 5)
	join := func(ls ...string) string { return strings.Join(ls, "") }
	// rehash edits line i with edit and recomputes its hash, as a forger who
	// knows the scheme would: the chain then breaks at the next line.
	rehash := func(i int, edit func(*Record)) string {
		rec, err := parseLine([]byte(strings.TrimSuffix(lines[i], "\n")))
		require.NoError(t, err)
		edit(&rec)
		var b bytes.Buffer
		w := &Writer{w: &b, seq: rec.Seq - 1, prev: rec.Prev}
		require.NoError(t, w.Write(&rec))
		out := append([]string(nil), lines...)
		out[i] = b.String()
		return join(out...)
	}
	for _, tc := range []struct {
		name string
		log  string
		line int
		is   error
	}{
		{"score edited", join(lines[0], strings.Replace(lines[1], "0.971", "0.071", 1), lines[2], lines[3], lines[4]), 2, ErrHash},
		{"decision edited", join(lines[0], lines[1], lines[2], strings.Replace(lines[3], `"hit"`, `"review"`, 1), lines[4]), 4, ErrHash},
		{"entry edited", join(lines[0], lines[1], lines[2], lines[3], strings.Replace(lines[4], "QDi.006", "QDi.007", 1)), 5, ErrHash},
		{"record removed", join(lines[0], lines[2], lines[3], lines[4]), 2, ErrChain},
		{"first record removed", join(lines[1], lines[2], lines[3], lines[4]), 1, ErrChain},
		{"records swapped", join(lines[0], lines[2], lines[1], lines[3], lines[4]), 2, ErrChain},
		{"record duplicated", join(lines[0], lines[1], lines[1], lines[2], lines[3], lines[4]), 3, ErrChain},
		{"edited and rehashed", rehash(2, func(r *Record) { r.Matches = nil }), 4, ErrChain},
		{"hash edited", join(lines[0], strings.Replace(lines[1], `"hash":"`, `"hash":"0`, 1)[:len(lines[1])-1]+"\n", lines[2]), 2, nil},
		{"hash removed", join(lines[0], lines[1][:strings.LastIndex(lines[1], `,"hash"`)]+"}\n", lines[2]), 2, nil},
		{"blank line", join(lines[0], "\n", lines[1]), 2, nil},
		{"not JSON", join(lines[0], lines[1], "hello\n"), 3, nil},
		{"extra member", join(lines[0], strings.Replace(lines[1], `{"seq"`, `{"name":"AYMAN","seq"`, 1)), 2, nil},
		{"re-encoded with spaces", join(lines[0], strings.Replace(lines[1], `"seq":2,`, `"seq": 2,`, 1)), 2, nil},
		{"truncated", join(lines[0], lines[1][:40]), 2, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Verify(strings.NewReader(tc.log))
			require.Error(t, err)
			var le *LineError
			require.ErrorAs(t, err, &le)
			assert.Equal(t, tc.line, le.Line, "%v", err)
			assert.Contains(t, err.Error(), fmt.Sprintf("line %d:", tc.line))
			if tc.is != nil {
				assert.ErrorIs(t, err, tc.is)
			}
		})
	}
}

func TestOpenResumes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	w, err := Open(path)
	require.NoError(t, err)
	for i := range 3 {
		require.NoError(t, w.Write(record(i)))
	}
	_, h3 := w.Last()
	require.NoError(t, w.Close())
	assert.Error(t, w.Write(record(9)), "a closed writer refuses records")

	w, err = Open(path)
	require.NoError(t, err)
	seq, h := w.Last()
	assert.Equal(t, int64(3), seq)
	assert.Equal(t, h3, h)
	r := record(3)
	require.NoError(t, w.Write(r))
	assert.Equal(t, int64(4), r.Seq)
	assert.Equal(t, h3, r.Prev)
	require.NoError(t, w.Close())

	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	last, err := Last(f)
	require.NoError(t, err)
	assert.Equal(t, int64(4), last.Seq)

	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
}

func TestOpenRefusesBrokenLog(t *testing.T) {
	lines := goodLog(t, 3)
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(lines[0]+lines[2]), 0o600))
	_, err := Open(path)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrChain)
	assert.Contains(t, err.Error(), path)
	assert.Contains(t, err.Error(), "line 2")

	_, err = Open(filepath.Join(t.TempDir(), "no", "such", "dir", "audit.jsonl"))
	assert.Error(t, err)
}

func TestConcurrentWrites(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				assert.NoError(t, w.Write(record(g*100+i)))
			}
		})
	}
	wg.Wait()
	last, err := Last(&buf)
	require.NoError(t, err)
	assert.Equal(t, int64(400), last.Seq)
}

type failWriter struct{ n int }

func (f *failWriter) Write(b []byte) (int, error) {
	if f.n == 0 {
		return 0, errors.New("disk full")
	}
	f.n--
	return len(b), nil
}

func TestWriteErrorIsSticky(t *testing.T) {
	w := NewWriter(&failWriter{n: 1})
	require.NoError(t, w.Write(record(0)))
	err := w.Write(record(1))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "disk full")
	assert.Contains(t, err.Error(), "record 2")
	assert.Equal(t, err, w.Write(record(2)))
	seq, _ := w.Last()
	assert.Equal(t, int64(1), seq)
}

func TestHashQuery(t *testing.T) {
	a := HashQuery(&raqib.Query{Name: "Ayman al-Zawahiri", BirthDate: "1951"})
	assert.Regexp(t, `^sha256:[0-9a-f]{64}$`, a)
	assert.Equal(t, a, HashQuery(&raqib.Query{Name: "Ayman al-Zawahiri", BirthDate: "1951"}))
	assert.NotEqual(t, a, HashQuery(&raqib.Query{Name: "Ayman al-Zawahri", BirthDate: "1951"}))
	nan := float32(0)
	nan /= nan
	f1 := HashQuery(&raqib.Query{Face: &lists.FaceTemplate{Model: "m", Vector: []float32{nan, 1}}})
	f2 := HashQuery(&raqib.Query{Face: &lists.FaceTemplate{Model: "m", Vector: []float32{nan, 2}}})
	assert.Regexp(t, `^sha256:[0-9a-f]{64}$`, f1)
	assert.NotEqual(t, f1, f2, "a vector JSON cannot hold still hashes by its values")
}

// smallScreener screens against two Al-Qaida entries of the embedded list.
func smallScreener(t testing.TB) *screening.Screener {
	t.Helper()
	def, err := lists.Default()
	require.NoError(t, err)
	small := &lists.List{Source: def.Source, Version: def.Version}
	for _, e := range def.Entries {
		if e.ID == "UN:QDi.006" || e.ID == "UN:QDi.155" {
			small.Entries = append(small.Entries, e)
		}
	}
	require.Len(t, small.Entries, 2)
	s, err := screening.New(context.Background(), screening.WithLists(small))
	require.NoError(t, err)
	return s
}

func TestNewRecord(t *testing.T) {
	s := smallScreener(t)
	q := raqib.Query{Name: "Ayman al-Zawahiri", Nationality: "EG",
		Face: &lists.FaceTemplate{Model: "test-model", Vector: []float32{0.6, 0.8}}}
	res, err := s.Screen(context.Background(), q)
	require.NoError(t, err)
	r := NewRecord(s, &q, res, nil)
	r.RequestID = "req-1"

	var buf bytes.Buffer
	require.NoError(t, NewWriter(&buf).Write(r))
	line := buf.String()
	assert.NotContains(t, strings.ToLower(line), "zawahiri", "no name in the audit log")
	assert.NotContains(t, line, "0.6", "no biometric data in the audit log")
	assert.NotContains(t, line, "test-model")
	assert.Contains(t, line, `"entry_id":"UN:QDi.006"`)
	assert.Contains(t, line, `"version":"2026-05-08`)
	assert.Contains(t, line, `"review":0.7`)
	assert.Contains(t, line, `"library":"github.com/raqib/raqib@`)
	assert.Equal(t, HashQuery(&q), r.QueryHash)
	require.NotEmpty(t, r.Matches)
	assert.Equal(t, "hit", r.Matches[0].Decision)
	require.NoError(t, Verify(&buf))

	// A failed screening is audited too, against the lists being served.
	empty := raqib.Query{}
	_, err = s.Screen(context.Background(), empty)
	require.Error(t, err)
	r = NewRecord(s, &empty, nil, err)
	assert.NotEmpty(t, r.Error)
	assert.Empty(t, r.Matches)
	require.Len(t, r.Lists, 1)
	assert.Equal(t, 2, r.Lists[0].Entries)
}

func ExampleWriter() {
	var log bytes.Buffer
	w := NewWriter(&log)
	q := raqib.Query{Name: "Ayman al-Zawahiri"}
	for i := range 3 {
		w.Write(&Record{
			Time:      time.Date(2026, 5, 8, 12, 0, i, 0, time.UTC),
			RequestID: fmt.Sprint("req-", i),
			QueryHash: HashQuery(&q),
			Matches:   []Match{{EntryID: "UN:QDi.006", Score: 0.97, Decision: "hit"}},
		})
	}
	fmt.Println(Verify(bytes.NewReader(log.Bytes())))

	edited := strings.Replace(log.String(), "0.97", "0.17", 1)
	fmt.Println(Verify(strings.NewReader(edited)))
	// Output:
	// <nil>
	// audit: line 1: hash does not match the record (record edited?)
}

func FuzzVerify(f *testing.F) {
	lines := goodLog(f, 3)
	f.Add(strings.Join(lines, ""))
	f.Add(lines[0] + lines[2])
	f.Add(lines[0][:len(lines[0])-1])
	f.Add(`{"seq":1,"hash":"` + strings.Repeat("0", 64) + `"}`)
	f.Add("\n\n")
	f.Fuzz(func(t *testing.T, log string) {
		last, err := Last(strings.NewReader(log))
		if err != nil {
			var le *LineError
			require.ErrorAs(t, err, &le)
			require.Positive(t, le.Line)
			return
		}
		// A good log has one record a line, numbered from 1.
		n := strings.Count(strings.TrimSuffix(log, "\n"), "\n") + 1
		if log == "" {
			n = 0
		}
		require.Equal(t, int64(n), last.Seq)
	})
}

func BenchmarkWrite(b *testing.B) {
	w, err := Open(filepath.Join(b.TempDir(), "audit.jsonl"))
	require.NoError(b, err)
	defer w.Close()
	r := record(1)
	b.ReportAllocs()
	for b.Loop() {
		r.Time = time.Time{}
		if err := w.Write(r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for i := range 1000 {
		require.NoError(b, w.Write(record(i)))
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if err := Verify(bytes.NewReader(buf.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
}
