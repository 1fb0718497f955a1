package audit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
)

// testHasher is keyed with a fixed test key.
var testHasher = func() *Hasher {
	h, err := NewHasher([]byte("test key: 32 bytes or more, not secret"))
	if err != nil {
		panic(err)
	}
	return h
}()

// record returns a record as a service would write it for query i.
func record(i int) *Record {
	return &Record{
		Time:       time.Date(2026, 5, 8, 10, 0, i, 0, time.UTC),
		RequestID:  fmt.Sprintf("req-%d", i),
		QueryHash:  testHasher.HashQuery(&raqib.Query{Name: fmt.Sprintf("name %d", i)}),
		KeyID:      testHasher.KeyID(),
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
	h := testHasher
	a := h.HashQuery(&raqib.Query{Name: "Ayman al-Zawahiri", BirthDate: "1951"})
	assert.Regexp(t, `^hmac-sha256:[0-9a-f]{64}$`, a)
	assert.Equal(t, a, h.HashQuery(&raqib.Query{Name: "Ayman al-Zawahiri", BirthDate: "1951"}))
	assert.NotEqual(t, a, h.HashQuery(&raqib.Query{Name: "Ayman al-Zawahri", BirthDate: "1951"}))
	nan := float32(0)
	nan /= nan
	f1 := h.HashQuery(&raqib.Query{Face: &lists.FaceTemplate{Model: "m", Vector: []float32{nan, 1}}})
	f2 := h.HashQuery(&raqib.Query{Face: &lists.FaceTemplate{Model: "m", Vector: []float32{nan, 2}}})
	assert.Regexp(t, `^hmac-sha256:[0-9a-f]{64}$`, f1)
	assert.NotEqual(t, f1, f2, "a vector JSON cannot hold still hashes by its values")

	// The hash is keyed: without the key, a guessed name cannot be
	// confirmed (another key gives another hash, and neither is the plain
	// SHA-256 of the query).
	other, err := NewHasher([]byte("another key, also 32 bytes or more"))
	require.NoError(t, err)
	assert.NotEqual(t, a, other.HashQuery(&raqib.Query{Name: "Ayman al-Zawahiri", BirthDate: "1951"}))
	assert.NotEqual(t, h.KeyID(), other.KeyID())
	assert.Regexp(t, `^[0-9a-f]{16}$`, h.KeyID())
	assert.NotContains(t, a, "d4c5d9", "not the unkeyed hash")

	_, err = NewHasher([]byte("short"))
	assert.ErrorContains(t, err, "at least 32")

	// Safe for concurrent use.
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 100 {
				assert.Equal(t, a, h.HashQuery(&raqib.Query{Name: "Ayman al-Zawahiri", BirthDate: "1951"}))
			}
		})
	}
	wg.Wait()
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
		Face: &lists.FaceTemplate{Model: "test-model", Vector: []float32{0.35355339, 0.93541435}}}
	res, err := s.Screen(context.Background(), q)
	require.NoError(t, err)
	r := NewRecord(testHasher, s, &q, res, nil)
	r.RequestID = "req-1"

	var buf bytes.Buffer
	require.NoError(t, NewWriter(&buf).Write(r))
	line := buf.String()
	assert.NotContains(t, strings.ToLower(line), "zawahiri", "no name in the audit log")
	// (Digits no timestamp, hash or score of the record holds by chance: a
	// short one such as "0.6" turns up in a timestamp's fraction.)
	assert.NotContains(t, line, "0.3535533", "no biometric data in the audit log")
	assert.NotContains(t, line, "0.9354143", "no biometric data in the audit log")
	assert.NotContains(t, line, "test-model")
	assert.Contains(t, line, `"entry_id":"UN:QDi.006"`)
	assert.Contains(t, line, `"version":"2026-05-08`)
	assert.Contains(t, line, `"review":0.7`)
	assert.Contains(t, line, `"library":"github.com/raqib/raqib@`)
	assert.Equal(t, testHasher.HashQuery(&q), r.QueryHash)
	assert.Equal(t, testHasher.KeyID(), r.KeyID)
	require.NotEmpty(t, r.Matches)
	assert.Equal(t, "hit", r.Matches[0].Decision)
	require.NoError(t, Verify(&buf))

	// A failed screening is audited too, against the lists being served.
	empty := raqib.Query{}
	_, err = s.Screen(context.Background(), empty)
	require.Error(t, err)
	r = NewRecord(testHasher, s, &empty, nil, err)
	assert.Equal(t, "empty_query", r.ErrorCode)
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
			QueryHash: testHasher.HashQuery(&q),
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
		// A good log has one record a line, numbered from 1, and ends with
		// a newline (or is empty).
		if log == "" {
			require.Zero(t, last.Seq)
			return
		}
		require.True(t, strings.HasSuffix(log, "\n"), "a log without its last newline is never good")
		require.Equal(t, int64(strings.Count(log, "\n")), last.Seq)
	})
}

// FuzzWrite writes records with arbitrary text in every field the caller
// fills: each is written within the bounds of a line and verifies, however
// long or odd its text (the seed is the 5 MB fingerprint format that once
// made a record no verifier could read).
func FuzzWrite(f *testing.F) {
	f.Add("req-1", "UN:QDi.006", "invalid_query", "name has 301 characters", 3)
	f.Add(strings.Repeat("x", 1<<20), strings.Repeat("<", 5000), "\xff\xfe", strings.Repeat("é", 3000), 2000)
	f.Add("", "", "", "", 0)
	f.Fuzz(func(t *testing.T, reqID, entryID, code, text string, n int) {
		n = min(max(n, 0), 3*MaxMatches)
		r := &Record{RequestID: reqID, QueryHash: testHasher.HashQuery(&raqib.Query{Name: text}), ErrorCode: code, Error: text,
			Lists: []List{{Source: entryID, Version: text}}, Library: text}
		for i := range n {
			r.Matches = append(r.Matches, Match{EntryID: entryID + fmt.Sprint(i), Score: 0.5, Decision: code})
		}
		var buf bytes.Buffer
		w := NewWriter(&buf)
		require.NoError(t, w.Write(r))
		require.NoError(t, w.Write(record(1)), "the chain goes on after it")
		first, _, _ := strings.Cut(buf.String(), "\n")
		require.LessOrEqual(t, len(first), MaxLine/2, "a record stays well inside a line")
		last, err := Last(bytes.NewReader(buf.Bytes()))
		require.NoError(t, err)
		require.Equal(t, int64(2), last.Seq)
		require.Equal(t, min(n, MaxMatches), len(r.Matches))
		require.Equal(t, n-len(r.Matches), r.MatchesOmitted)
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

// TestRecordBounds is the audit log poisoning of the hardening issue: a
// 5 MB error text (the fingerprint format a caller sent, quoted by an error)
// made a record longer than the verifier reads, and every later record
// chained from it.
func TestRecordBounds(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	r := record(0)
	r.Error = "fingerprints[0]: unknown format " + strings.Repeat("A", 5<<20)
	r.RequestID = strings.Repeat("r", 10000)
	r.Matches = make([]Match, MaxMatches+5)
	for i := range r.Matches {
		r.Matches[i] = Match{EntryID: strings.Repeat("<", 2*MaxField), Score: 0.9, Decision: "hit"}
	}
	require.NoError(t, w.Write(r))
	require.NoError(t, w.Write(record(1)))
	line, _, _ := strings.Cut(buf.String(), "\n")
	assert.Less(t, len(line), MaxLine/2)
	assert.LessOrEqual(t, len(r.Error), MaxField)
	assert.True(t, strings.HasSuffix(r.Error, "…"))
	assert.Len(t, r.Matches, MaxMatches)
	assert.Equal(t, 5, r.MatchesOmitted)
	last, err := Last(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, int64(2), last.Seq)
}

// TestErrorCode: a failed screening is recorded with a code and a fixed
// sentence, never the error's text, which may quote the query.
func TestErrorCode(t *testing.T) {
	secret := "Ayman al-Zawahiri 1951-06-19 passport 1084010"
	for _, tc := range []struct {
		err  error
		code string
	}{
		{nil, ""},
		{fmt.Errorf("screening: %w: %w: fingerprints[0].format %q", screening.ErrBadQuery, raqib.ErrInvalidQuery, secret), "invalid_query"},
		{fmt.Errorf("screening: %w: unknown format %q", screening.ErrBadQuery, secret), "bad_query"},
		{fmt.Errorf("x %s: %w", secret, context.DeadlineExceeded), "timeout"},
		{context.Canceled, "canceled"},
		{screening.ErrClosed, "closed"},
		{errors.New("dfa contains more than 10000 states: " + secret), "internal"},
	} {
		code, text := ErrorCode(tc.err)
		assert.Equal(t, tc.code, code, "%v", tc.err)
		assert.NotContains(t, text, "Zawahiri")
		if tc.err != nil {
			assert.NotEmpty(t, text)
		}
		s := smallScreener(t)
		r := NewRecord(testHasher, s, &raqib.Query{Name: secret}, nil, tc.err)
		var buf bytes.Buffer
		require.NoError(t, NewWriter(&buf).Write(r))
		for _, part := range strings.Fields(secret) {
			assert.NotContains(t, buf.String(), part, "no query data in the record")
		}
		assert.Equal(t, tc.code, r.ErrorCode)
	}
}

func TestVerifyUnterminatedLastLine(t *testing.T) {
	lines := goodLog(t, 3)
	log := strings.Join(lines, "")
	err := Verify(strings.NewReader(strings.TrimSuffix(log, "\n")))
	require.Error(t, err, "a last record without its newline is not a good log: the next one would be glued to it")
	assert.ErrorIs(t, err, ErrTorn)
	var le *LineError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, 3, le.Line)
	err = Verify(strings.NewReader(lines[0] + lines[1][:50]))
	assert.ErrorIs(t, err, ErrTorn)
	assert.Contains(t, err.Error(), "line 2")
}

func TestLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	w, err := Open(path)
	require.NoError(t, err)
	_, err = Open(path)
	assert.ErrorIs(t, err, ErrLocked, "a second writer would fork the chain")
	assert.Contains(t, err.Error(), path)
	_, err = Repair(path)
	assert.ErrorIs(t, err, ErrLocked)
	require.NoError(t, w.Write(record(0)))
	require.NoError(t, w.Close())
	w, err = Open(path)
	require.NoError(t, err, "the lock goes with Close")
	require.NoError(t, w.Close())
}

func TestRepair(t *testing.T) {
	lines := goodLog(t, 4)
	good := strings.Join(lines[:3], "")
	for _, tc := range []struct {
		name      string
		log       string
		line      int
		completed bool
		removed   int
		refused   string
	}{
		{"torn last record", good + lines[3][:70], 4, false, 70, ""},
		{"last record without newline", good + strings.TrimSuffix(lines[3], "\n"), 4, true, 0, ""},
		{"a record glued to an unterminated one", good + strings.TrimSuffix(lines[3], "\n") + lines[3], 4, false, 2*len(lines[3]) - 1, ""},
		{"garbage last line", good + "not a record\n", 4, false, len("not a record\n"), ""},
		{"edited record in the middle", lines[0] + strings.Replace(lines[1], "0.971", "0.071", 1) + lines[2], 0, false, 0, "not the last line"},
		{"last record edited", good + strings.Replace(lines[3], "0.971", "0.071", 1), 4, false, len(lines[3]), ""},
		{"record removed before the last", lines[0] + lines[2], 0, false, 0, "no torn write"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.jsonl")
			require.NoError(t, os.WriteFile(path, []byte(tc.log), 0o600))
			_, err := Open(path)
			require.Error(t, err, "Open refuses a bad log")
			rep, err := Repair(path)
			if tc.refused != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.refused)
				data, _ := os.ReadFile(path)
				assert.Equal(t, tc.log, string(data), "a refused repair changes nothing")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.line, rep.Line)
			assert.Equal(t, tc.completed, rep.Completed)
			assert.EqualValues(t, tc.removed, rep.Removed)
			if tc.removed > 0 {
				saved, err := os.ReadFile(rep.Saved)
				require.NoError(t, err)
				assert.Equal(t, tc.log[len(good):], string(saved), "the cut bytes are kept")
				assert.Equal(t, filepath.Dir(path), filepath.Dir(rep.Saved))
			}
			f, err := os.Open(path)
			require.NoError(t, err)
			last, err := Last(f)
			f.Close()
			require.NoError(t, err)
			assert.Equal(t, "repair", last.Event)
			assert.Contains(t, last.Detail, fmt.Sprintf("line %d", tc.line))
			want := int64(4)
			if tc.completed {
				want = 5
			}
			assert.Equal(t, want, last.Seq)

			// The log is good again: it opens, and the chain goes on.
			w, err := Open(path)
			require.NoError(t, err)
			require.NoError(t, w.Write(record(9)))
			require.NoError(t, w.Close())
			rep, err = Repair(path)
			require.NoError(t, err)
			assert.Zero(t, rep.Line, "a good log is left as it is")
		})
	}
}

// TestRepairLongLine: a last line longer than the verifier reads (as the
// poisoned record of old versions was) is cut too.
func TestRepairLongLine(t *testing.T) {
	lines := goodLog(t, 2)
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	long := `{"seq":3,"error":"` + strings.Repeat("A", MaxLine) + "\"}\n"
	require.NoError(t, os.WriteFile(path, []byte(lines[0]+lines[1]+long), 0o600))
	err := Verify(must(os.Open(path)))
	assert.ErrorContains(t, err, "line 3: line longer than")
	rep, err := Repair(path)
	require.NoError(t, err)
	assert.EqualValues(t, len(long), rep.Removed)
	require.NoError(t, Verify(must(os.Open(path))))
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
