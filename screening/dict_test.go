package screening

import (
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/matcher"
)

func TestRadixSortJoined(t *testing.T) {
	for _, n := range []int{0, 10, 5000, 70000} {
		r := rand.New(rand.NewPCG(1, uint64(n)))
		js := make([]joinedEntry, n)
		for i := range js {
			js[i] = joinedEntry{h: r.Uint32() % 5000, entry: int32(i)}
		}
		want := slices.Clone(js)
		slices.SortStableFunc(want, func(a, b joinedEntry) int { return cmp.Compare(a.h, b.h) })
		assert.Equal(t, want, radixSortJoined(js), "n=%d", n)
	}
}

// TestKeepTies: the window keeps the candidates tied with its last, up to
// maxTies windows, the first entries of them, whatever order they came in.
func TestKeepTies(t *testing.T) {
	for _, c := range []struct {
		name  string
		ranks []float32
		k     int
		want  []int32 // entries kept
	}{
		{"no tie at the cut", []float32{5, 4, 3, 2, 1}, 3, []int32{0, 1, 2}},
		{"two tied past the cut", []float32{3, 5, 3, 1, 4, 3}, 3, []int32{0, 1, 2, 4, 5}},
		{"fewer than the window", []float32{1, 1}, 3, []int32{0, 1}},
		{"ties beyond the bound: the first entries", []float32{1, 1, 1, 1, 1, 1, 2}, 2, []int32{0, 1, 2, 6}},
	} {
		for _, order := range [][]int{nil, {6, 5, 4, 3, 2, 1, 0}} {
			var cs []candidate
			for i, r := range c.ranks {
				cs = append(cs, candidate{entry: int32(i), rank: r})
			}
			if order != nil {
				slices.Reverse(cs)
			}
			selectTop(cs, min(c.k, len(cs)))
			n := keepTies(cs, c.k)
			var got []int32
			for _, x := range cs[:n] {
				got = append(got, x.entry)
			}
			slices.Sort(got)
			assert.Equal(t, c.want, got, "%s (reversed %v)", c.name, order != nil)
		}
	}
}

func TestSelectTopAndCandMap(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 5, 300, 5000} {
		cs := make([]candidate, n)
		for i := range cs {
			cs[i] = candidate{entry: int32(i), rank: float32(r.IntN(50))}
		}
		want := slices.Clone(cs)
		slices.SortFunc(want, func(a, b candidate) int {
			if before(&a, &b) {
				return -1
			}
			if before(&b, &a) {
				return 1
			}
			return 0
		})
		k := min(n, 256)
		selectTop(cs, k)
		got := slices.Clone(cs[:k])
		slices.SortFunc(got, func(a, b candidate) int { return cmp.Compare(a.entry, b.entry) })
		top := slices.Clone(want[:k])
		slices.SortFunc(top, func(a, b candidate) int { return cmp.Compare(a.entry, b.entry) })
		assert.Equal(t, top, got, "n=%d", n)
	}
	var m candMap
	var cands []candidate
	for round := range 6 {
		n := 3000
		if round%2 == 1 {
			n = 100 // few keys in a large table: emptied slot by slot
		}
		for i := range n {
			e := int32(i*7 + round)
			if _, ok := m.get(e); ok {
				t.Fatalf("round %d: %d left from before", round, e)
			}
			m.put(e, int32(len(cands)), cands)
			cands = append(cands, candidate{entry: e})
		}
		for i, c := range cands {
			v, ok := m.get(c.entry)
			require.True(t, ok)
			assert.Equal(t, int32(i), v)
		}
		m.reset(cands)
		cands = cands[:0]
	}
}

// TestMergeJoined: runs sorted apart and merged equal one stable sort of
// them all, the earlier run first on equal hashes.
func TestMergeJoined(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, sizes := range [][]int{{}, {0}, {5}, {100, 0}, {3000, 5000}, {10, 20, 30}, {7000, 1, 6000, 4097}, {40000, 50000}, {70000, 3}, {3, 70000}} {
		var runs [][]joinedEntry
		var all []joinedEntry
		e := int32(0)
		for _, n := range sizes {
			run := make([]joinedEntry, n)
			for i := range run {
				run[i] = joinedEntry{h: r.Uint32N(64), entry: e}
				e++
			}
			all = append(all, run...)
			runs = append(runs, radixSortJoined(run))
		}
		slices.SortStableFunc(all, func(a, b joinedEntry) int { return cmp.Compare(a.h, b.h) })
		got := mergeJoined(runs)
		if len(all) == 0 {
			assert.Empty(t, got)
			continue
		}
		assert.Equal(t, all, got, "sizes %v", sizes)
	}
}

// TestRetrieveVariants checks that a name written in another
// transliteration system's letters, with its article joined, or in another
// romanisation of the same Chinese syllables, retrieves the entry when no
// skeleton key, sound or single edit joins the two spellings. (How they
// score is matcher's TestNameFamilies.)
func TestRetrieveVariants(t *testing.T) {
	names := []string{"SAVELOV", "AL-JAWFI", "ZHANG WEIHONG", "SOKOLOV", "KOVALENKO", "HADDAD", "WANG LIHUA",
		"ZHANG WEIJIAN", "NG MIN-FANG", "MUHAMMAD INAMULHAQ", "MATIULQADIR KHAN", "ERGASHEV, Bakhtiyor", "Vijay BANERJEE",
		"Muhammad BENABDAL-SAMAD"}
	l := &lists.List{Source: "T", Version: "1"}
	for i, n := range names {
		ref := strconv.Itoa(i + 1)
		l.Entries = append(l.Entries, lists.Entry{ID: "T:" + ref, Source: "T", Ref: ref, Kind: lists.KindPerson,
			Names: []lists.Name{{Full: n, Quality: lists.NamePrimary}}})
	}
	s, err := New(context.Background(), WithLists(l))
	require.NoError(t, err)
	snap := s.current()
	for _, c := range []struct{ query, want string }{
		{"Sawelow", "T:1"},
		{"Aljawfi", "T:2"},
		{"Cheung Weihong", "T:3"},
		// Syllables the list writes as one, or apart, in another
		// romanisation.
		{"Wei Chien", "T:8"},
		{"Minfang Lau", "T:9"},
		// An X-ul-Y name written joined, with the article or without.
		{"Inam Haq", "T:10"},
		{"Mati ul Qadir", "T:11"},
		// Two typing mistakes; a swap and a mistake.
		{"Bahodir Ergashwc", "T:12"},
		{"Vjizy", "T:13"},
		// An Abd name written as one word, for a list that writes its
		// divine name apart (and joins the rest to "ben").
		{"Abdulsamad Ali", "T:14"},
		{"عبدالصمد", "T:14"},
	} {
		p, err := snap.base.m.Prepare(raqib.Query{Name: c.query})
		require.NoError(t, err)
		r := retrievals.Get().(*retrieval)
		cands, _, err := snap.retrieve(context.Background(), []*matcher.Prepared{p}, nil, DefaultWindow, r)
		require.NoError(t, err)
		at, ok := snap.lookup(c.want)
		require.True(t, ok)
		assert.Contains(t, cands, at, c.query)
		r.reset()
		retrievals.Put(r)
		p.Release()
	}
}

// TestRetrieveComplete: a candidate found by a rare key is credited with
// the query's frequent keys that its names carry, once per query token.
func TestRetrieveComplete(t *testing.T) {
	l := &lists.List{Source: "T", Version: "1", Entries: []lists.Entry{
		{ID: "T:1", Source: "T", Ref: "1", Kind: lists.KindPerson, Names: []lists.Name{{Full: "TSANG LIHSUEH", Quality: lists.NamePrimary}}},
		{ID: "T:2", Source: "T", Ref: "2", Kind: lists.KindPerson, Names: []lists.Name{{Full: "WONG LIHSUEH", Quality: lists.NamePrimary}}},
	}}
	m := matcher.New([]*lists.Entry{&l.Entries[0], &l.Entries[1]})
	tsang := freqKey{tok: 1, key: "snk", weight: 0.25}
	cs := []candidate{{entry: 0, score: 0.5, mask: 1}, {entry: 1, score: 0.5, mask: 1}, {entry: 0, score: 0.7, mask: 3}}
	var r retrieval
	freq := []freqKey{tsang, {tok: 1, key: "snk", weight: 0.2}}
	r.complete(newDict(m), cs, freq, r.freqTokens(freq))
	assert.Equal(t, candidate{entry: 0, score: 0.75, mask: 3}, cs[0], "TSANG LIHSUEH carries tsang's key: credited once")
	assert.Equal(t, candidate{entry: 1, score: 0.5, mask: 1}, cs[1], "WONG LIHSUEH does not")
	assert.Equal(t, candidate{entry: 0, score: 0.7, mask: 3}, cs[2], "a token matched already keeps its weight")
}

// TestRetrieveCompleteShared: a key that two query tokens reach counts for
// the second only where the name carries it once more than for the tokens
// it already counts for — not counting a token that another key of the
// name matches.
func TestRetrieveCompleteShared(t *testing.T) {
	l := &lists.List{Source: "T", Version: "1", Entries: []lists.Entry{
		{ID: "T:1", Source: "T", Ref: "1", Kind: lists.KindPerson, Names: []lists.Name{{Full: "JEONG JONG YEONG", Quality: lists.NamePrimary}}},
		{ID: "T:2", Source: "T", Ref: "2", Kind: lists.KindPerson, Names: []lists.Name{{Full: "JEONG YEONGHO", Quality: lists.NamePrimary}}},
	}}
	m := matcher.New([]*lists.Entry{&l.Entries[0], &l.Entries[1]})
	keyOf := map[string]string{}
	for e := range 2 {
		m.EntryForms(e, func(toks []uint32) {
			for _, id := range toks {
				text, key, _, _ := m.ListToken(id)
				keyOf[text] = key
			}
		})
	}
	require.Equal(t, keyOf["jeong"], keyOf["jong"], "the test needs two syllables of one key")
	require.NotEqual(t, keyOf["jeong"], keyOf["yeong"])
	// "CHONG YONG JUNG": chong (0) and jung (2) reach one key; yong (1)
	// reaches its own and, as a variant, that one too.
	freq := []freqKey{{0, keyOf["jong"], 0.25}, {1, keyOf["yeong"], 0.3}, {1, keyOf["jong"], 0.2}, {2, keyOf["jeong"], 0.3}}
	for _, c := range []struct {
		name string
		in   candidate
		want candidate
	}{
		{"the key twice, yong matched by its own: jung counts too", candidate{entry: 0, score: 0.55, mask: 0b011}, candidate{entry: 0, score: 0.85, mask: 0b111}},
		{"the key once: it counts for chong only", candidate{entry: 1, score: 0.55, mask: 0b011}, candidate{entry: 1, score: 0.55, mask: 0b011}},
		{"nothing matched yet: each token its own key, the shared one once each", candidate{entry: 0, score: 0}, candidate{entry: 0, score: 0.85, mask: 0b111}},
	} {
		cs := []candidate{c.in}
		var r retrieval
		r.complete(newDict(m), cs, freq, r.freqTokens(freq))
		assert.Equal(t, c.want.mask, cs[0].mask, c.name)
		assert.InDelta(t, c.want.score, cs[0].score, 1e-6, c.name)
	}
}

// TestRetrieveJoinedOnce: the name written as one word counts each token as
// matched and the whole name's weight once more — in full for the very
// letters, as a typo's for one letter off — however many of an entry's
// names and their deletions it reaches.
func TestRetrieveJoinedOnce(t *testing.T) {
	l := &lists.List{Source: "T", Version: "1"}
	for i, names := range [][]string{
		{"AHMAD MASRI", "Ahmad Masri", "AHMAD MASRY", "Masri, Ahmad"},
		{"Ahmad Muhammad al-Masri"},
		{"AHMED MASRI"},
	} {
		ref := strconv.Itoa(i + 1)
		e := lists.Entry{ID: "T:" + ref, Source: "T", Ref: ref, Kind: lists.KindPerson}
		for _, n := range names {
			e.Names = append(e.Names, lists.Name{Full: n, Quality: lists.NamePrimary})
		}
		l.Entries = append(l.Entries, e)
	}
	s, err := New(context.Background(), WithLists(l))
	require.NoError(t, err)
	snap := s.current()
	p, err := snap.base.m.Prepare(raqib.Query{Name: "Ahmad Masri"})
	require.NoError(t, err)
	defer p.Release()
	all := 0.0
	for _, tok := range p.Tokens() {
		all += tok.Weight
	}
	r := retrievals.Get().(*retrieval)
	defer retrievals.Put(r)
	_, _, err = snap.retrieve(context.Background(), []*matcher.Prepared{p}, nil, DefaultWindow, r)
	require.NoError(t, err)
	got := map[int32]candidate{}
	for _, c := range r.cands {
		got[c.entry] = c
	}
	for _, c := range []struct {
		id     string
		joined float64
	}{
		{"T:1", all},                  // the letters of the query's name, in several names
		{"T:2", 0},                    // the tokens, not the whole name
		{"T:3", qualityOneEdit * all}, // the whole name, one letter off
	} {
		at, ok := snap.lookup(c.id)
		require.True(t, ok)
		cand := got[int32(at)]
		assert.InDelta(t, c.joined, cand.joined, 1e-5, c.id)
		if c.joined > 0 {
			assert.Equal(t, uint64(3), cand.mask, "%s: both tokens matched", c.id)
		}
		assert.LessOrEqual(t, float64(cand.score), all+c.joined+1e-5, "%s: counted once", c.id)
	}
	r.reset()
}

// TestRetrieveRomanisedNoTypos: a typed token reaches a list token one edit
// away; the same name read from Arabic script does not (its readings are
// its spellings), while its readings still reach the name itself.
func TestRetrieveRomanisedNoTypos(t *testing.T) {
	l := &lists.List{Source: "T", Version: "1", Entries: []lists.Entry{
		{ID: "T:1", Source: "T", Ref: "1", Kind: lists.KindPerson, Names: []lists.Name{{Full: "ZERKAWIN", Quality: lists.NamePrimary}}},
		{ID: "T:2", Source: "T", Ref: "2", Kind: lists.KindPerson, Names: []lists.Name{{Full: "ZARQAWI", Quality: lists.NamePrimary}}},
	}}
	s, err := New(context.Background(), WithLists(l))
	require.NoError(t, err)
	snap := s.current()
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"Zerkawi", []string{"T:1", "T:2"}}, // ZERKAWIN one edit away
		{"زرقاوي", []string{"T:2"}},
	} {
		p, err := snap.base.m.Prepare(raqib.Query{Name: c.query})
		require.NoError(t, err)
		r := retrievals.Get().(*retrieval)
		cands, _, err := snap.retrieve(context.Background(), []*matcher.Prepared{p}, nil, DefaultWindow, r)
		require.NoError(t, err)
		var got []string
		for _, at := range cands {
			e, err := snap.entry(at)
			require.NoError(t, err)
			got = append(got, e.ID)
		}
		assert.ElementsMatch(t, c.want, got, c.query)
		r.reset()
		retrievals.Put(r)
		p.Release()
	}
}

// TestHashDir holds the directory's range of a hash to every element of
// that hash, for hashes present, absent, at the ends of the range and
// crowded into one prefix, and for the 32- and 64-bit hashes of the dict.
func TestHashDir(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		name  string
		n     int
		width uint
		per   int
		draw  func() uint64
	}{
		{"empty", 0, 64, 4, rng.Uint64},
		{"one", 1, 64, 4, rng.Uint64},
		{"64-bit", 5000, 64, 4, rng.Uint64},
		{"32-bit", 5000, 32, 8, func() uint64 { return uint64(rng.Uint32()) }},
		{"repeats", 3000, 32, 8, func() uint64 { return uint64(rng.Uint32N(50)) << 26 }},
		{"ends", 100, 64, 4, func() uint64 { return []uint64{0, 1, 1<<64 - 1, 1<<64 - 2}[rng.IntN(4)] }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hs := make([]uint64, tc.n)
			for i := range hs {
				hs[i] = tc.draw()
			}
			slices.Sort(hs)
			d := newHashDir(len(hs), tc.width, tc.per, func(i int) uint64 { return hs[i] })
			probes := slices.Clone(hs)
			for range 200 {
				probes = append(probes, tc.draw()^1)
			}
			probes = append(probes, 0, 1<<tc.width-1)
			if tc.width == 64 {
				probes = append(probes, 1<<64-1)
			}
			for _, h := range probes {
				lo, hi := d.span(h)
				want := 0
				for _, x := range hs {
					if x == h {
						want++
					}
				}
				got := 0
				for _, x := range hs[lo:hi] {
					if x == h {
						got++
					}
				}
				require.Equal(t, want, got, "hash %#x: range [%d,%d)", h, lo, hi)
			}
		})
	}
}

// TestDeletionHashes holds the hashes of a text's deletions, carried on from
// its prefixes, to the FNV-1a hash of each deletion written out.
func TestDeletionHashes(t *testing.T) {
	for _, text := range []string{"a", "karim", "abdulrahman", "aaaaa", strings.Repeat("xy", maxDeleted/2) + "z"} {
		var got []uint64
		var whole []bool
		deletionHashes(text, func(h uint64, w bool) { got, whole = append(got, h), append(whole, w) })
		want := []uint64{fnvFrom(fnvOffset, []byte(text))}
		for k := range len(text) {
			want = append(want, fnvFrom(fnvOffset, []byte(text[:k]+text[k+1:])))
		}
		assert.Equal(t, want, got, text)
		assert.Equal(t, append([]bool{true}, make([]bool, len(text))...), whole, text)
	}
}
