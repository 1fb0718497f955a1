package normalize

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
)

// lexicon maps an Arabic word (arabicKey form) to its Latin spellings, most
// common first.
type lexicon map[string][]string

// lookup returns the rank-th spelling of w, or the last one it has, or "".
func (l lexicon) lookup(w string, rank int) string {
	v := l[w]
	if len(v) == 0 {
		return ""
	}
	if rank >= len(v) {
		rank = len(v) - 1
	}
	return v[rank]
}

//go:embed lexicon.tsv
var lexiconTSV string

var lexOnce struct {
	once sync.Once
	lex  lexicon
}

// defaultLexicon parses the embedded lexicon once. Each line is an Arabic
// word, a tab, and its spellings separated by spaces, most common first.
func defaultLexicon() lexicon {
	lexOnce.once.Do(func() {
		l := make(lexicon, 4096)
		for _, line := range strings.Split(lexiconTSV, "\n") {
			ar, en, ok := strings.Cut(line, "\t")
			if !ok || ar == "" || strings.HasPrefix(ar, "#") {
				continue
			}
			l[arabicKey(ar)] = strings.Fields(en)
		}
		lexOnce.lex = l
	})
	return lexOnce.lex
}

func unicodeLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
