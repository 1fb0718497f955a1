package monitor

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
	"github.com/raqib/raqib/screening/audit"
)

var storeParties = []Party{
	{ID: "karim", Query: raqib.Query{Name: "Karim Belkacemi", BirthDate: "1988-03-14"}},
	{ID: "svet", Query: raqib.Query{Name: "Svetlana Morozova", Nationality: "RU"}},
	{ID: "doc", Query: raqib.Query{Documents: []raqib.Document{{Type: "passport", Number: "DZ8841207"}}}},
	{ID: "doe", Query: raqib.Query{Name: "Jane Doe"}},
}

// storeMonitor opens the store at path and a Monitor on it following s.
func storeMonitor(t *testing.T, path string, s *screening.Screener, l *lists.List) (*Monitor, error) {
	t.Helper()
	st, err := OpenStore(path)
	if err != nil {
		return nil, err
	}
	m, err := New(context.Background(), s, WithStore(st), WithLists(l))
	if err != nil {
		st.Close()
		return nil, err
	}
	return m, nil
}

// TestStoreRestart: parties, open alerts and events survive a restart; a
// restart on other lists screens every party again.
func TestStoreRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parties.jsonl")
	l1 := smallList("v1", karim, youssef, svetla)
	s, err := screening.New(ctx, screening.WithLists(l1))
	require.NoError(t, err)
	defer s.Close()
	m, err := storeMonitor(t, path, s, l1)
	require.NoError(t, err)
	_, err = m.Register(ctx, storeParties...)
	require.NoError(t, err)
	_, err = m.Unregister(ctx, "doe")
	require.NoError(t, err)
	l2 := smallList("v2", karim, youssef, tarek)
	require.NoError(t, s.Replace(ctx, []*lists.List{l2}, screening.Force()))
	alerts, events := m.Alerts(), mustEvents(t, m, 0)
	require.NotEmpty(t, alerts)
	require.NoError(t, m.Close())
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "the store holds personal data")

	// The same lists: everything as it was, nothing screened.
	m, err = storeMonitor(t, path, s, l2)
	require.NoError(t, err)
	assert.Equal(t, alerts, m.Alerts())
	assert.Equal(t, events, mustEvents(t, m, 0))
	assert.Nil(t, m.Stats().LastUpdate, "no re-screen")
	assert.Equal(t, 3, m.Stats().Parties)
	p, _, ok := m.Party("karim")
	require.True(t, ok)
	assert.Equal(t, storeParties[0], p)
	// An update after the restart follows on.
	require.NoError(t, s.Replace(ctx, []*lists.List{l1}, screening.Force()))
	want, _ := truth(t, s, storeParties[:3])
	assert.Empty(t, diffAlerts(want, alertsOf(m)))
	last := m.Stats().Events
	require.NoError(t, m.Close())

	// Other lists: every party is screened again, cause restart.
	s2, err := screening.New(ctx, screening.WithLists(l2))
	require.NoError(t, err)
	defer s2.Close()
	m, err = storeMonitor(t, path, s2, l2)
	require.NoError(t, err)
	defer m.Close()
	rep := m.Stats().LastUpdate
	require.NotNil(t, rep)
	assert.True(t, rep.Full)
	assert.Equal(t, 3, rep.Screened)
	evs := mustEvents(t, m, last)
	require.NotEmpty(t, evs)
	for _, e := range evs {
		assert.Equal(t, CauseRestart, e.Cause)
		assert.Equal(t, "v1", e.Before[0].Version)
		assert.Equal(t, "v2", e.After[0].Version)
	}
	want, _ = truth(t, s2, storeParties[:3])
	assert.Empty(t, diffAlerts(want, alertsOf(m)))
	sum, err := VerifyStore(path)
	require.NoError(t, err)
	assert.Equal(t, 3, sum.Parties)
	assert.Equal(t, len(m.Alerts()), sum.Alerts)
	assert.Equal(t, m.Stats().Events, sum.Events)
}

// goodStore writes a store with a few records and returns its path and lines.
func goodStore(t *testing.T) (string, []string, *screening.Screener, *lists.List) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "parties.jsonl")
	l := smallList("v1", karim, youssef, svetla)
	s, err := screening.New(context.Background(), screening.WithLists(l))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	m, err := storeMonitor(t, path, s, l)
	require.NoError(t, err)
	_, err = m.Register(context.Background(), storeParties...)
	require.NoError(t, err)
	require.NoError(t, m.Close())
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.SplitAfter(string(b), "\n")
	return path, lines[:len(lines)-1], s, l
}

func TestStoreChecks(t *testing.T) {
	path, lines, s, l := goodStore(t)
	require.GreaterOrEqual(t, len(lines), 6)
	for _, tc := range []struct {
		name       string
		content    string
		torn       bool
		repairable bool // a bad last line: what a crash may leave
		line       int
		msg        string
	}{
		{"torn last record", strings.Join(lines[:len(lines)-1], "") + lines[len(lines)-1][:40], true, true, len(lines), "no newline"},
		{"last record without its newline", strings.Join(lines, "")[:len(strings.Join(lines, ""))-1], true, true, len(lines), "no newline"},
		{"edited record", strings.Join(lines[:2], "") + strings.Replace(lines[2], "Svetlana", "Svetlano", 1) + strings.Join(lines[3:], ""), false, false, 3, "hash does not match"},
		{"removed record", strings.Join(lines[:2], "") + strings.Join(lines[3:], ""), false, false, 3, "does not follow"},
		{"garbage last line", strings.Join(lines, "") + "hello\n", false, true, len(lines) + 1, "no \"hash\" member"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "store.jsonl")
			require.NoError(t, os.WriteFile(p, []byte(tc.content), 0o600))
			_, err := storeMonitor(t, p, s, l)
			require.Error(t, err)
			assert.Equal(t, tc.torn, strings.Contains(err.Error(), audit.ErrTorn.Error()), err.Error())
			var le *audit.LineError
			require.ErrorAs(t, err, &le)
			assert.Equal(t, tc.line, le.Line)
			assert.Equal(t, p, le.Path)
			assert.Contains(t, err.Error(), tc.msg)
			assert.NotContains(t, err.Error(), "Karim", "errors never quote a record")
			_, verr := VerifyStore(p)
			assert.Error(t, verr)

			rep, err := RepairStore(p)
			if !tc.repairable {
				assert.Error(t, err, "only a torn last record is repaired")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.line, rep.Line)
			m, err := storeMonitor(t, p, s, l)
			require.NoError(t, err, "a repaired store opens")
			defer m.Close()
			sum, err := VerifyStore(p)
			require.NoError(t, err)
			assert.Positive(t, sum.Records)
		})
	}
	t.Run("locked", func(t *testing.T) {
		st, err := OpenStore(path)
		require.NoError(t, err)
		defer st.Close()
		_, err = OpenStore(path)
		assert.ErrorIs(t, err, ErrLocked)
	})
}

// TestStoreReplayChecks: records that are well sealed and chained but do
// not follow from those before are refused, with the record named.
func TestStoreReplayChecks(t *testing.T) {
	for _, tc := range []struct {
		name string
		recs []record
		msg  string
	}{
		{"unregister of an unknown party", []record{{Op: opUnregister, ID: "x"}}, "not registered"},
		{"event of an unknown party", []record{{Op: opEvent, Event: &Event{Seq: 1, Kind: Raised, Party: "x", Entry: "E", Match: &screening.Match{}}}}, "not registered"},
		{"events out of order", []record{{Op: opRegister, Party: &Party{ID: "x", Query: raqib.Query{Name: "A B"}}},
			{Op: opEvent, Event: &Event{Seq: 2, Kind: Raised, Party: "x", Entry: "E", Match: &screening.Match{}}}}, "follows event 0"},
		{"a raised alert already open", []record{{Op: opRegister, Party: &Party{ID: "x", Query: raqib.Query{Name: "A B"}}},
			{Op: opEvent, Event: &Event{Seq: 1, Kind: Raised, Party: "x", Entry: "E", Match: &screening.Match{}}},
			{Op: opEvent, Event: &Event{Seq: 2, Kind: Raised, Party: "x", Entry: "E", Match: &screening.Match{}}}}, "that is open"},
		{"a retraction of no alert", []record{{Op: opRegister, Party: &Party{ID: "x", Query: raqib.Query{Name: "A B"}}},
			{Op: opEvent, Event: &Event{Seq: 1, Kind: Retracted, Party: "x", Entry: "E"}}}, "not open"},
		{"an unknown operation", []record{{Op: "drop"}}, "unknown operation"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "store.jsonl")
			st, err := OpenStore(p)
			require.NoError(t, err)
			require.NoError(t, st.append(tc.recs...))
			require.NoError(t, st.Close())
			_, err = OpenStore(p)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.msg)
			assert.Contains(t, err.Error(), "record ")
			_, err = VerifyStore(p)
			assert.ErrorContains(t, err, tc.msg)
		})
	}
}

// FuzzStore reads arbitrary bytes as a store: an error or a summary, never
// a panic; what verifies also opens.
func FuzzStore(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte("{}\n"))
	f.Add([]byte(`{"seq":1,"time":"2026-01-01T00:00:00Z","op":"register","party":{"id":"a","query":{"name":"x"}},"prev":"","hash":"` + strings.Repeat("0", 64) + `"}` + "\n"))
	r := record{Seq: 1, Op: opRegister, Party: &Party{ID: "a", Query: raqib.Query{Name: "A B"}}}
	line, _, err := sealRecord(&r)
	require.NoError(f, err)
	f.Add(line)
	f.Add(line[:len(line)-1])
	f.Fuzz(func(t *testing.T, b []byte) {
		sum, err := verifyStore(strings.NewReader(string(b)), "fuzz")
		if err != nil {
			return
		}
		p := filepath.Join(t.TempDir(), "s.jsonl")
		require.NoError(t, os.WriteFile(p, b, 0o600))
		st, err := OpenStore(p)
		require.NoError(t, err, "a store that verifies opens")
		assert.Equal(t, sum.Parties, len(st.held.parties))
		st.Close()
	})
}

// TestEventsFromStore: the events older than a Monitor keeps in memory
// (WithMaxEvents) are read back from its store, in order, from any
// sequence number and with any limit, and after a restart too.
func TestEventsFromStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "parties.jsonl")
	l := smallList("v1", karim, youssef, svetla)
	s, err := screening.New(ctx, screening.WithLists(l))
	require.NoError(t, err)
	defer s.Close()
	open := func() *Monitor {
		st, err := OpenStore(path)
		require.NoError(t, err)
		m, err := New(ctx, s, WithStore(st), WithLists(l), WithMaxEvents(2))
		require.NoError(t, err)
		return m
	}
	m := open()
	var all []Event
	for _, p := range []Party{
		{ID: "a", Query: raqib.Query{Name: "Karim Belkacemi"}},
		{ID: "b", Query: raqib.Query{Name: "Youssef El Haddad"}},
		{ID: "c", Query: raqib.Query{Name: "Svetlana Morozova"}},
		{ID: "d", Query: raqib.Query{Name: "Jane Doe"}}, // no alert
	} {
		evs, err := m.Register(ctx, p)
		require.NoError(t, err)
		all = append(all, evs...)
	}
	evs, err := m.Unregister(ctx, "a", "c")
	require.NoError(t, err)
	all = append(all, evs...)
	require.Len(t, all, 5)
	check := func(m *Monitor) {
		for since := range int64(len(all) + 1) {
			for _, limit := range []int{0, 1, 2, 3, 10} {
				want := all[since:]
				if limit > 0 && len(want) > limit {
					want = want[:limit]
				}
				got, err := m.Events(since, limit)
				require.NoError(t, err, "since %d, limit %d", since, limit)
				require.Equal(t, len(want), len(got), "since %d, limit %d", since, limit)
				for i := range want {
					assert.Equal(t, want[i].Seq, got[i].Seq)
					assert.Equal(t, want[i].Kind, got[i].Kind)
					assert.Equal(t, want[i].Party, got[i].Party)
					assert.Equal(t, want[i].Entry, got[i].Entry)
				}
			}
		}
	}
	check(m)
	require.NoError(t, m.Close())
	m = open()
	defer m.Close()
	check(m)
}
