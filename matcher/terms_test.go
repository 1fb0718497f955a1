package matcher

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
)

func TestInnerArticle(t *testing.T) {
	for _, c := range []struct {
		token, want string
		ok          bool
	}{
		{"inamulhaq", "inamhaq", true},
		{"matiulqadir", "matiqadir", true},
		{"habiburrahman", "habibrahman", true},
		{"shamsuzzaman", "shamszaman", true},
		{"abdulrahman", "", false}, // an Abd name: its own rules
		{"paulsen", "", false},     // "ul" after one letter
		{"kabulov", "", false},     // two letters after it
		{"mahmudova", "", false},   // no article
		{"gulnara", "", false},
	} {
		got, ok := innerArticle(c.token)
		assert.Equal(t, c.ok, ok, c.token)
		assert.Equal(t, c.want, got, c.token)
	}
}

func TestAbdName(t *testing.T) {
	for _, c := range []struct {
		token, want string
		ok          bool
	}{
		{"abdalsamad", "samad", true},
		{"abdulsamad", "samad", true},
		{"abdelkader", "kader", true},
		{"abdurrahman", "rahman", true}, // the article assimilated: r doubled
		{"abdussalam", "salam", true},
		{"abdullah", "", false}, // God's name itself
		{"abdallah", "", false},
		{"abdulla", "", false},
		{"abdulov", "", false},   // too short for a name after the article
		{"abdrahman", "", false}, // no article
		{"abbasali", "", false},
	} {
		got, ok := abdName(c.token)
		assert.Equal(t, c.ok, ok, c.token)
		assert.Equal(t, c.want, got, c.token)
	}
}

// TestQueryTerms: what an index reads of a query besides its tokens' own
// keys — the other key of a joined X-ul-Y name, the syllables of a
// compound and of a given name written as one, and whether a token was
// typed or romanised.
func TestQueryTerms(t *testing.T) {
	list := []*lists.Entry{
		{ID: "T:1", Names: []lists.Name{{Full: "MUHAMMAD INAMULHAQ", Quality: lists.NamePrimary}}},
		{ID: "T:2", Names: []lists.Name{{Full: "ZHANG WEIJIAN", Quality: lists.NamePrimary}}},
		{ID: "T:3", Names: []lists.Name{{Full: "NG MIN-FANG", Quality: lists.NamePrimary}, {Full: "Ng", Quality: lists.NameLow}}},
	}
	m := New(list)
	listVariants := func(text string) []string {
		for id := uint32(0); id < uint32(m.ListTokens()); id++ {
			if tx, _, _, _ := m.ListToken(id); tx == text {
				return m.ListTokenVariants(id, nil)
			}
		}
		t.Fatalf("no list token %q", text)
		return nil
	}
	prep := func(name string) *Prepared {
		p, err := m.Prepare(raqib.Query{Name: name})
		require.NoError(t, err)
		return p
	}
	meets := func(a, b []string) bool {
		return slices.ContainsFunc(a, func(k string) bool { return slices.Contains(b, k) })
	}

	// "Inam Haq": the compound's key is the other key of INAMULHAQ.
	p := prep("Inam Haq")
	cs := p.Compounds()
	require.Len(t, cs, 1)
	assert.Contains(t, listVariants("inamulhaq"), cs[0].Key)

	// "Wei Chien": the compound's syllables are WEIJIAN's.
	cs = prep("Wei Chien").Compounds()
	require.Len(t, cs, 1)
	assert.True(t, meets(cs[0].Variants, listVariants("weijian")), "%q", cs[0].Variants)

	// "Minfang Lau": the given name's two syllables are MIN and FANG.
	var minfang *QueryToken
	toks := prep("Minfang Lau").Tokens()
	for i := range toks {
		if toks[i].Text == "minfang" {
			minfang = &toks[i]
		}
	}
	require.NotNil(t, minfang)
	assert.True(t, meets(minfang.Pieces[0], listVariants("min")), "%q", minfang.Pieces[0])
	assert.True(t, meets(minfang.Pieces[1], listVariants("fang")), "%q", minfang.Pieces[1])
	assert.False(t, minfang.Romanised)

	// "Abdulsamad": the piece after the article is the key of "samad", as
	// a list writes it apart.
	var abd *QueryToken
	toks = prep("Abdulsamad").Tokens()
	for i := range toks {
		if toks[i].Text == "abdulsamad" {
			abd = &toks[i]
		}
	}
	require.NotNil(t, abd)
	assert.Empty(t, abd.Pieces[0])
	assert.Equal(t, []string{normalize.Skeleton("samad")}, abd.Pieces[1])

	// A name in Arabic script is romanised; with its Latin spelling beside
	// it, the tokens of that spelling are typed.
	for _, tk := range prep("محمد انعام الحق").Tokens() {
		assert.True(t, tk.Romanised, tk.Text)
	}
	p, err := m.Prepare(raqib.Query{Name: "Inam Haq", AltNames: []string{"انعام الحق"}})
	require.NoError(t, err)
	for _, text := range []string{"inam", "haq"} {
		// (The romanised "haq" may be a token of its own: it is read
		// from a script that leaves out vowels.)
		assert.True(t, slices.ContainsFunc(p.Tokens(), func(tk QueryToken) bool { return tk.Text == text && !tk.Romanised }), text)
	}

	// UnmatchedCost: 0.3 of the weight of the lightest form beyond what
	// is shared; the low-quality alias "Ng" does not count.
	w := 0.0
	for _, f := range m.st.entryForms(2) {
		if f.quality != lists.NameLow {
			w = float64(f.weight)
		}
	}
	assert.InDelta(t, unmatchedListCost*w, m.UnmatchedCost(2, 0), 1e-9)
	assert.InDelta(t, unmatchedListCost*(w-0.1), m.UnmatchedCost(2, 0.1), 1e-9)
	assert.Zero(t, m.UnmatchedCost(2, w+1))
}
