package matcher

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/antzucaro/matchr"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/normalize"
)

// jaroWinklerRef is jaroWinkler as it was before it kept its matches in
// bits: the reference the faster one must equal, bit for bit.
func jaroWinklerRef(a, b string) float64 {
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return 0
	}
	if la > maxFast || lb > maxFast || !ascii(a) || !ascii(b) {
		return matchr.JaroWinkler(a, b, false)
	}
	window := max(la, lb)/2 - 1
	if window < 0 {
		window = 0
	}
	var ma, mb [maxFast]bool
	m := 0
	for i := 0; i < la; i++ {
		lo, hi := max(0, i-window), min(lb-1, i+window)
		for j := lo; j <= hi; j++ {
			if !mb[j] && a[i] == b[j] {
				ma[i], mb[j] = true, true
				m++
				break
			}
		}
	}
	if m == 0 {
		return 0
	}
	t, k := 0, 0
	for i := 0; i < la; i++ {
		if !ma[i] {
			continue
		}
		for !mb[k] {
			k++
		}
		if a[i] != b[k] {
			t++
		}
		k++
	}
	fm := float64(m)
	jaro := (fm/float64(la) + fm/float64(lb) + (fm-float64(t/2))/fm) / 3
	if jaro <= 0.7 {
		return jaro
	}
	p := 0
	for p < 4 && p < la && p < lb && a[p] == b[p] && (a[p] < '0' || a[p] > '9') {
		p++
	}
	return jaro + float64(p)*0.1*(1-jaro)
}

func TestJaroWinklerBits(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	// Letters and the digits that share their slots (p-y), and the
	// lengths of every window.
	const alphabet = "aeimnprsuy0123456789"
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	for n := 0; n < 100000; n++ {
		a, b := word(r.IntN(maxFast+1)), word(r.IntN(maxFast+1))
		if n%2 == 0 {
			a, b = word(r.IntN(12)), word(r.IntN(12))
		}
		require.Equal(t, jaroWinklerRef(a, b), jaroWinkler(a, b), "%q %q", a, b)
	}
	for _, p := range metricPairs {
		require.Equal(t, jaroWinklerRef(p[0], p[1]), jaroWinkler(p[0], p[1]), "%q %q", p[0], p[1])
	}
}

// fewEdits says what the dynamic programme says, from letters in common or
// without them.
func TestFewEdits(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for n := 0; n < 50000; n++ {
		a := make([]byte, 1+r.IntN(14))
		for i := range a {
			a[i] = "abdehlmnrs"[r.IntN(10)]
		}
		b := []byte(string(a))
		for range r.IntN(5) {
			b[r.IntN(len(b))] = "abdehlmnrs"[r.IntN(10)]
		}
		if r.IntN(3) == 0 {
			b = b[:1+r.IntN(len(b))]
		}
		ca, cb := countLetters(string(a)), countLetters(string(b))
		for limit := 0; limit <= 4; limit++ {
			want := normalize.EditDistance(string(a), string(b), limit) <= limit
			require.Equal(t, want, fewEdits(string(a), string(b), ca.common(&cb), limit), "%q %q %d", a, b, limit)
		}
	}
}

// TestLengthsNearRange holds lengthsNearRange to its definition: some
// length from lo to hi is lengthsClose to n.
func TestLengthsNearRange(t *testing.T) {
	byDefinition := func(lo, hi, n int) bool {
		for l := lo; l <= hi; l++ {
			if lengthsClose(l, n) {
				return true
			}
		}
		return false
	}
	for lo := 0; lo <= maxFast+4; lo++ {
		for hi := lo - 2; hi <= maxFast+4; hi++ {
			for n := 0; n <= 2*maxFast; n++ {
				require.Equal(t, byDefinition(lo, hi, n), lengthsNearRange(lo, hi, n), "lo %d hi %d n %d", lo, hi, n)
			}
		}
	}
}

// TestTokenDigests holds what the matcher keeps of each list token beside
// it (the filter simRow reads, the brief the compound bounds read, the
// length of each form written as one word) to the token itself, over the
// UN list's tokens and a few made to reach the packing's limits.
func TestTokenDigests(t *testing.T) {
	m := unMatcher(t)
	tt := &m.tt
	long := token{text: strings.Repeat("abc", 100), key: "bcbc", kind: normalize.PartName}
	syl := token{text: "wei", key: "w", kind: normalize.PartSyllable, syllable: true}
	toks := append(append([]token(nil), tt.toks...), long, syl)
	require.Len(t, tt.filt, len(tt.toks))
	require.Len(t, tt.brief, len(tt.toks))
	for i := range toks {
		tk := &toks[i]
		f := newListFilter(tk)
		if i < len(tt.toks) {
			require.Equal(t, f, tt.filt[i], "token %q", tk.text)
			require.Equal(t, tokenBrief(tk), tt.brief[i], "token %q", tk.text)
		}
		require.Equal(t, tk.letters, f.letters)
		require.Equal(t, tk.textBit, f.textBit)
		require.Equal(t, tk.present, f.present)
		require.Equal(t, len(tk.text), int(f.n))
		require.Equal(t, tk.text[0], f.first)
		require.Equal(t, keyHash(tk.key), f.keyHash)
		plain := (tk.kind == normalize.PartName || tk.kind == normalize.PartGeneric || tk.kind == normalize.PartAcronym) && !tk.abdBase
		require.Equal(t, plain, f.flags&lfPlain != 0, "token %q", tk.text)
		require.Equal(t, tk.syllable, f.flags&lfSyllable != 0)
		require.Equal(t, tk.abjad, f.flags&lfAbjad != 0)
		require.Equal(t, tk.alt == "", f.flags&lfNoAlt != 0)
		require.Equal(t, ordinary(tk.kind), f.flags&lfOrdinary != 0)

		b := tokenBrief(tk)
		require.Equal(t, min(len(tk.text), 255), briefLen(b), "token %q", tk.text)
		require.Equal(t, letterSlot(tk.text[0]), briefSlot(b), "token %q", tk.text)
		require.Equal(t, tk.kind == normalize.PartName, b&briefName != 0)
		require.Equal(t, tk.kind == normalize.PartSyllable, b&briefSyllable != 0)
	}
	for k := range m.st.forms {
		n := 0
		for _, id := range m.st.formTokens(&m.st.forms[k]) {
			if ordinary(tt.toks[id].kind) {
				n += len(tt.toks[id].text)
			}
		}
		require.Equal(t, min(n, 255), int(m.st.forms[k].joined), "form %d", k)
	}
	// sameKey is the keys' equality, whatever their hashes.
	for id := range tt.toks[:min(len(tt.toks), 200)] {
		k := tt.toks[id].key
		require.True(t, tt.sameKey(keyHash(k), k, uint32(id)))
		require.False(t, tt.sameKey(keyHash(k+"x"), k+"x", uint32(id)))
	}
}
