package screening

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
)

// indexTerms returns, for every term of every field of ti, the entries
// whose documents hold it, in order. Each term is read twice, from the
// index and then as postingsCache kept it (or from the index again, once
// its budget is spent): the two must be the same.
func indexTerms(t testing.TB, ti *termIndex) map[string][]int32 {
	ctx := context.Background()
	out := map[string][]int32{}
	var buf postingsBuf
	for _, field := range []string{fieldKey, fieldPair, fieldYear} {
		for _, sh := range ti.shards {
			fd, err := sh.reader.FieldDict(field)
			require.NoError(t, err)
			for {
				de, err := fd.Next()
				require.NoError(t, err)
				if de == nil {
					break
				}
				k := field + ":" + de.Term
				if _, seen := out[k]; seen {
					continue // read from every shard below
				}
				n, err := ti.postings(ctx, field, de.Term, &buf, func(e int32) { out[k] = append(out[k], e) })
				require.NoError(t, err)
				require.Len(t, out[k], n, k)
				var again []int32
				_, err = ti.postings(ctx, field, de.Term, &buf, func(e int32) { again = append(again, e) })
				require.NoError(t, err)
				require.Equal(t, out[k], again, k)
			}
			require.NoError(t, fd.Close())
		}
	}
	for _, es := range out {
		slices.Sort(es)
	}
	return out
}

// TestIndexTerms: the index holds the terms docTerms makes for each entry,
// and nothing else.
func TestIndexTerms(t *testing.T) {
	ctx := context.Background()
	un, err := lists.Default()
	require.NoError(t, err)
	s, err := New(ctx, WithLists(un))
	require.NoError(t, err)
	defer s.Close()
	seg := s.current().base
	want := map[string][]int32{}
	dt := &docTerms{m: seg.m, frequent: seg.frequent}
	pairs, years := 0, 0
	for i := range seg.m.Len() {
		doc := dt.entryDoc(i)
		for _, f := range doc.fields {
			for k := f.lo; k < f.hi; k++ {
				term, _ := f.term(k)
				want[f.name+":"+term] = append(want[f.name+":"+term], int32(i))
			}
			if f.name == fieldPair {
				pairs += f.hi - f.lo
			}
			if f.name == fieldYear {
				years += f.hi - f.lo
			}
		}
	}
	assert.Positive(t, pairs, "the UN list has pairs of frequent keys")
	assert.Positive(t, years, "and frequent keys with years")
	got := indexTerms(t, seg.index)
	assert.Equal(t, len(want), len(got))
	for k, es := range want {
		require.Equal(t, es, got[k], k)
	}
	// The document of an entry of known terms.
	at, ok := s.current().lookup("UN:QDi.006")
	require.True(t, ok)
	doc := dt.entryDoc(int(at))
	var terms []string
	for _, f := range doc.fields {
		for k := f.lo; k < f.hi; k++ {
			term, _ := f.term(k)
			terms = append(terms, f.name+":"+term)
		}
	}
	// Ayman al-Zawahiri, born 1951: Muhammad and Aymen are frequent on
	// the UN list, so are their pair and each with the year.
	assert.Subset(t, terms, []string{"k:mhmd", "k:mn", "k:dhr", "p:mhmd_mn", "y:mhmd@1951", "y:mhmd_mn@1951"})
	assert.NotContains(t, terms, "y:dhr@1951", "a rare key has no year term")
}

// TestSameIndexTerms compares the term indexes of two index directories
// (RAQIB_SAME_INDEX=DIR1,DIR2, both built from the same lists): a change to
// how the index is built must leave every posting as it was.
func TestSameIndexTerms(t *testing.T) {
	dirs := filepath.SplitList(os.Getenv("RAQIB_SAME_INDEX"))
	if len(dirs) != 2 {
		t.Skip("RAQIB_SAME_INDEX=DIR1:DIR2 compares two index directories")
	}
	var hashes [2]map[string]uint64
	for k, dir := range dirs {
		b, err := os.ReadFile(filepath.Join(dir, metaFile))
		require.NoError(t, err)
		var meta indexMeta
		require.NoError(t, json.Unmarshal(b, &meta))
		ti, err := openIndex(filepath.Join(dir, "shards"), meta.Shards, meta.Entries)
		require.NoError(t, err)
		terms := indexTerms(t, ti)
		hashes[k] = make(map[string]uint64, len(terms))
		for term, es := range terms {
			h := fnv.New64a()
			for _, e := range es {
				h.Write(strconv.AppendInt(nil, int64(e), 10))
				h.Write([]byte{','})
			}
			hashes[k][term] = h.Sum64()
		}
		require.NoError(t, ti.close())
	}
	assert.Equal(t, len(hashes[0]), len(hashes[1]), "terms")
	diff := 0
	for term, h := range hashes[0] {
		if hashes[1][term] != h {
			if diff++; diff < 20 {
				t.Error(fmt.Sprintf("%q differs", term))
			}
		}
	}
	assert.Zero(t, diff)
	t.Logf("%d terms", len(hashes[0]))
}

// TestPostingsCache: a term's entries are kept as they were read (a copy,
// not the reader's buffer), an empty list is kept as such, a term once kept
// is not replaced, and nothing is kept beyond the budget.
func TestPostingsCache(t *testing.T) {
	var c postingsCache
	buf := []int32{3, 1, 2}
	c.put([]byte("k\x00mhmd"), buf)
	buf[0] = 99
	c.put([]byte("k\x00mhmd"), []int32{7})
	c.put([]byte("p\x00hsn_mhmd"), nil)
	for _, tc := range []struct {
		key  string
		want []int32
		ok   bool
	}{
		{"k\x00mhmd", []int32{3, 1, 2}, true},
		{"p\x00hsn_mhmd", nil, true},
		{"k\x00hsn", nil, false},
	} {
		got, ok := c.get([]byte(tc.key))
		assert.Equal(t, tc.ok, ok, "%q", tc.key)
		assert.Equal(t, tc.want, got, "%q", tc.key)
	}
	// Fill the budget: the next term is not kept.
	big := make([]int32, postingsCacheBytes/4)
	c.put([]byte("y\x00mhmd@1960"), big)
	_, ok := c.get([]byte("y\x00mhmd@1960"))
	assert.False(t, ok, "a term beyond the budget")
	c.put([]byte("y\x00mhmd@1961"), []int32{1})
	_, ok = c.get([]byte("y\x00mhmd@1961"))
	assert.True(t, ok, "a small term within the budget")
	assert.LessOrEqual(t, c.bytes, postingsCacheBytes)
}
