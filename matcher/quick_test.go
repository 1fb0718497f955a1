package matcher

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
)

// TestSurelyUnlike checks that the short cuts of tokenSimHow (surelyUnlike,
// and no letters-alone or typing rule for a pair of one key whose letters
// are close) change no similarity and no reason: the tokens of the UN list's names,
// of their readings from Arabic script and of the common-name batch against
// every token of the list, with the short cut and without. A sample; with
// RAQIB_EVAL=1 every fifth entry's names and every original-script name
// (67 million pairs, 3 minutes).
func TestSurelyUnlike(t *testing.T) {
	es := unEntries(t)
	m := New(es)
	step, arabic, common := 400, 20, 50
	if os.Getenv("RAQIB_EVAL") != "" {
		step, arabic, common = 5, 1, 1
	}
	var queries []string
	for i, e := range es {
		for _, n := range e.Names {
			if n.Quality == lists.NameOriginalScript && i%arabic == 0 || i%step == 0 {
				queries = append(queries, n.Full)
			}
		}
	}
	for k, n := range commonNameQueries() {
		if k%common == 0 {
			queries = append(queries, n)
		}
	}
	seen := map[string]bool{}
	var qs []*token
	for _, q := range queries {
		p, err := m.Prepare(raqib.Query{Name: q})
		if err != nil {
			continue
		}
		for k := range p.toks {
			if tk := &p.toks[k].token; !seen[tk.text+tk.key] {
				seen[tk.text+tk.key] = true
				qs = append(qs, tk)
			}
		}
	}
	pairs, cut, close := 0, 0, 0
	for _, a := range qs {
		for id := range m.tt.toks {
			b := &m.tt.toks[id]
			for _, ab := range [2][2]*token{{a, b}, {b, a}} {
				s, h := tokenSimQuick(ab[0], ab[1], true)
				s0, h0 := tokenSimQuick(ab[0], ab[1], false)
				require.Equal(t, s0, s, "%q %q", ab[0].text, ab[1].text)
				require.Equal(t, h0, h, "%q %q", ab[0].text, ab[1].text)
				pairs++
				if c := ab[0].letters.common(&ab[1].letters); !unlike(ab[0], ab[1]) && ab[0].key != ab[1].key && surelyUnlike(ab[0], ab[1], c) {
					cut++
				}
				if s > 0 && ab[0].key == ab[1].key && ab[0].text != ab[1].text && jaroWinkler(ab[0].text, ab[1].text) >= 0.9 {
					close++
				}
			}
		}
	}
	t.Logf("%d query tokens, %d pairs, %d past the letters' test said unlike at once, %d of one key and close letters", len(qs), pairs, cut, close)
	require.Greater(t, cut, 10000, "the short cut is taken")
	require.Greater(t, close, 1000, "the close keys' short cut is taken")
}

// TestSimRow checks that simRow's own tests (the readings of one word ruled
// out together, unlike and surelyUnlike written out) change no similarity:
// every query token of a sample of the UN list's names, of their readings
// from Arabic script and of the common-name batch against every token of
// the list, each row as simRow fills it and as tokenSim gives it pair by
// pair.
func TestSimRow(t *testing.T) {
	es := unEntries(t)
	m := New(es)
	var queries []string
	for i, e := range es {
		for _, n := range e.Names {
			if n.Quality == lists.NameOriginalScript && i%12 == 0 || i%100 == 0 {
				queries = append(queries, n.Full)
			}
		}
	}
	for k, n := range commonNameQueries() {
		if k%40 == 0 {
			queries = append(queries, n)
		}
	}
	grouped := 0
	for _, q := range queries {
		p, err := m.Prepare(raqib.Query{Name: q})
		if err != nil {
			continue
		}
		for id := range m.tt.toks {
			lt := &m.tt.toks[id]
			r, like := m.simRow(p, uint32(id))
			require.Len(t, r, len(p.toks))
			for qi := range p.toks {
				require.Equal(t, float32(tokenSim(&p.toks[qi].token, lt)), r[qi], "%q %q", p.toks[qi].text, lt.text)
				if qi < 64 {
					require.Equal(t, r[qi] > 0, like&(1<<qi) != 0, "like bit of %q %q", p.toks[qi].text, lt.text)
				}
			}
		}
		grouped += len(p.sims.groups)
		p.Release()
	}
	require.Greater(t, grouped, 50, "readings are grouped")
}

// TestEndings checks the endings each token of the UN list is prepared
// with (derived reads them instead of testing every ending): a bit for each
// derived-name ending the token has, and for no other.
func TestEndings(t *testing.T) {
	m := New(unEntries(t))
	with := 0
	for id := range m.tt.toks {
		tk := &m.tt.toks[id]
		for k, suf := range derivedSuffixes {
			require.Equal(t, strings.HasSuffix(tk.text, suf), tk.endings&(1<<k) != 0, "%q %q", tk.text, suf)
		}
		if tk.bare != nil {
			for k, suf := range derivedSuffixes {
				require.Equal(t, strings.HasSuffix(tk.bare.text, suf), tk.bare.endings&(1<<k) != 0, "%q %q", tk.bare.text, suf)
			}
		}
		if tk.endings != 0 {
			with++
		}
	}
	require.Greater(t, with, 1000)
}
