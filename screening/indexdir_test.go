package screening

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
)

// TestBuildIndexOpen: an index built once and opened answers every query
// exactly as a Screener built in memory from the same lists does.
func TestBuildIndexOpen(t *testing.T) {
	ctx := context.Background()
	un, err := lists.Default()
	require.NoError(t, err)
	const bio = "../testdata/biometrics/watchlist.jsonl"
	wl, err := lists.Load(bio)
	require.NoError(t, err)
	mem, err := New(ctx, WithLists(un, wl))
	require.NoError(t, err)
	defer mem.Close()

	dir := filepath.Join(t.TempDir(), "index")
	_, err = BuildIndex(ctx, dir, un, lists.File(bio))
	require.NoError(t, err)
	disk, err := Open(ctx, dir)
	require.NoError(t, err)
	defer disk.Close()

	assert.Equal(t, mem.Entries(), disk.Entries())
	assert.Equal(t, mem.Lists(), disk.Lists())
	rows := readYente(t, "positives_un_treated.csv")
	qs := []raqib.Query{{Name: "أيمن محمد ربيع الظواهري"}, {Documents: []raqib.Document{{Type: "passport", Number: "1084010"}}},
		{Name: "Ayman al-Zawahiri", ListTypes: []string{"Al-Qaeda"}}}
	for i := 0; i < len(rows); i += 7 {
		qs = append(qs, rows[i].query(""))
	}
	for _, q := range qs {
		a, err := mem.Screen(ctx, q)
		require.NoError(t, err)
		b, err := disk.Screen(ctx, q)
		require.NoError(t, err)
		a.Elapsed, b.Elapsed = 0, 0
		require.Equal(t, a, b, "%q", q.Name)
	}
	// A Replace on an opened index builds the next lists in memory.
	require.NoError(t, disk.Replace(ctx, []*lists.List{un, wl}))
	assert.Equal(t, mem.Entries(), disk.Entries())
}

// TestIndexDirIDsNotIndexed: a shard of an index directory stores each
// document's _id (the entry it maps to) without indexing it as a term, and
// holds the terms docTerms makes, as an index built in memory does.
func TestIndexDirIDsNotIndexed(t *testing.T) {
	ctx := context.Background()
	un, err := lists.Default()
	require.NoError(t, err)
	mem, err := New(ctx, WithLists(un))
	require.NoError(t, err)
	defer mem.Close()
	dir := filepath.Join(t.TempDir(), "index")
	_, err = BuildIndex(ctx, dir, un)
	require.NoError(t, err)
	disk, err := Open(ctx, dir)
	require.NoError(t, err)
	defer disk.Close()

	ti := disk.current().base.index
	require.Len(t, ti.shards, 1)
	sh := ti.shards[0]
	fd, err := sh.reader.FieldDict("_id")
	require.NoError(t, err)
	de, err := fd.Next()
	require.NoError(t, err)
	assert.Nil(t, de, "no _id terms")
	require.NoError(t, fd.Close())
	// The stored _id still maps every document to its entry, in order.
	want := make([]int32, len(un.Entries))
	for i := range want {
		want[i] = int32(i)
	}
	got := slices.Clone(sh.entry)
	slices.Sort(got)
	assert.Equal(t, want, got)
	assert.Equal(t, indexTerms(t, mem.current().base.index), indexTerms(t, ti))
}

func TestOpenRefusesDamage(t *testing.T) {
	ctx := context.Background()
	_, small := qaidaList(t)
	dir := filepath.Join(t.TempDir(), "index")
	_, err := BuildIndex(ctx, dir, small)
	require.NoError(t, err)
	_, err = BuildIndex(ctx, dir, small)
	require.Error(t, err, "the directory exists")

	for _, tc := range []struct {
		name   string
		damage func(dir string)
	}{
		{"no description", func(d string) { os.Remove(filepath.Join(d, metaFile)) }},
		{"entries cut", func(d string) { os.Truncate(filepath.Join(d, entriesFile), 1000) }},
		{"matcher cut", func(d string) { os.Truncate(filepath.Join(d, matcherFile), 1000) }},
		{"no shard", func(d string) { os.RemoveAll(filepath.Join(d, "shards", "shard0")) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := filepath.Join(t.TempDir(), "index")
			require.NoError(t, os.CopyFS(d, os.DirFS(dir)))
			tc.damage(d)
			_, err := Open(ctx, d)
			require.Error(t, err)
			assert.Contains(t, err.Error(), d)
		})
	}
	// An empty list is refused at build time too, and leaves nothing.
	empty := filepath.Join(t.TempDir(), "empty")
	_, err = BuildIndex(ctx, empty, &lists.List{Source: "X"})
	require.ErrorContains(t, err, "holds no entries")
	assert.NoDirExists(t, empty)
}
