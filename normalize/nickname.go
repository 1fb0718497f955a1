package normalize

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
)

// The nickname table: English given names with their nicknames and short
// forms (Bill, Billy and Will for William; Peggy and Meg for Margaret), from
// carltonnorthern/nicknames (Old Dominion University, Apache-2.0); see
// data/nicknames.csv.
//
//go:embed data/nicknames.csv
var nicknamesCSV string

// The given names of one name in several languages, and the Russian and
// Ukrainian short forms (data/given_equivalents.txt, compiled for Raqib):
// every name of a line is linked to every other.
//
//go:embed data/given_equivalents.txt
var givenEquivalents string

var nickOnce struct {
	once sync.Once
	m    map[string][]string
}

func nicknameTable() map[string][]string {
	nickOnce.once.Do(func() {
		sets := map[string]map[string]bool{}
		link := func(a, b string) {
			if a == b {
				return
			}
			if sets[a] == nil {
				sets[a] = map[string]bool{}
			}
			sets[a][b] = true
		}
		for _, line := range strings.Split(nicknamesCSV, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' {
				continue
			}
			fs := strings.Split(line, ",")
			name := cleanASCII(fs[0])
			for _, nick := range fs[1:] {
				nick = strings.ReplaceAll(cleanASCII(nick), " ", "") // "k.c." -> "kc"
				if name == "" || nick == "" || strings.Contains(name, " ") {
					continue
				}
				link(name, nick)
				link(nick, name)
			}
		}
		for _, line := range strings.Split(givenEquivalents, "\n") {
			if line == "" || line[0] == '#' {
				continue
			}
			var group []string
			for _, w := range strings.Fields(line) {
				if w = cleanASCII(w); w != "" && !strings.Contains(w, " ") {
					group = append(group, w)
				}
			}
			for _, a := range group {
				for _, b := range group {
					link(a, b)
				}
			}
		}
		m := make(map[string][]string, len(sets))
		for k, s := range sets {
			l := make([]string, 0, len(s))
			for v := range s {
				l = append(l, v)
			}
			sort.Strings(l)
			m[k] = l
		}
		nickOnce.m = m
	})
	return nickOnce.m
}

// Nicknames returns the given names that the nickname table links to a
// given name, either way — its nicknames and short forms, and for a
// nickname the names it is short for — folded to lower-case ASCII and
// sorted; nil for a name the table does not hold. Nicknames("William")
// holds "bill", "billy" and "will"; Nicknames("Bill") holds "william". The
// table is of English names only; the links are not transitive (Bill is
// William's and Robert's, but William is not Robert). It also holds the
// forms of one given name in other languages and their short forms
// (data/given_equivalents.txt: Aleksandr, Alexander, Iskandar, Sasha;
// Yusuf, Joseph, Iosif), linked all to all.
func Nicknames(given string) []string {
	k := Fold(Clean(given))
	if k == "" || strings.IndexByte(k, ' ') >= 0 {
		return nil
	}
	return nicknameTable()[k]
}
