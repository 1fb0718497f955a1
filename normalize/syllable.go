package normalize

import (
	"slices"
	"sort"
	"strings"
	"sync"
)

// East Asian syllable names. Chinese and Korean names are written syllable
// by syllable ("Kim Jong Un", "Kim Jong-un", "Kim Jongun"; "Xi Jinping",
// "Hsi Chin-p'ing"), each syllable drawn from an inventory of a few hundred
// (Mandarin has about 400 toneless syllables; Korean given names use a few
// hundred Hangul syllables): two such names that differ by one syllable
// ("Kim Jong Un", "Kim Jong Il") are two people, and a skeleton or phonetic
// key shared by two syllables ("yong" and "yang", "chun" and "chin") says
// nothing. ParseName tags the parts of such a name PartSyllable, and
// SameSyllables tells whether two spellings are the same syllables in some
// romanisation.
//
// The inventory is made from the tables the romanisers use: every Hangul
// syllable in the Revised Romanization (with and without the initial-sound
// rule), the DPRK system, McCune–Reischauer without its apostrophes and
// breves (ㅈ ch, 정 chong), the informal spellings of South Korean passports
// (ㅓ u: Jung, Sung, Hyun; ㅜ oo: Soo, Joon; ㅕ you: Young; ㅚ oi: Choi;
// ㅅ sh: Shin) and the family names' usual spellings (koreanSurnames);
// every toneless Mandarin syllable of the Unihan readings (data/han.tsv) in
// pinyin and Wade–Giles (wadeGiles); and the Cantonese spellings of the
// common family names of Hong Kong (Chan, Wong, Cheung, ...), compiled for
// Raqib from public usage.

// sylTable maps a Latin spelling of one syllable to the sorted IDs of the
// syllables it may write: a Hangul syllable's offset from U+AC00, or
// sylMandarin plus the index of a Mandarin syllable.
var sylOnce struct {
	once   sync.Once
	spell  map[string][]uint16
	family map[string]bool
	maxLen int
}

const sylMandarin = 11172

// cantoneseFamily maps Cantonese (Hong Kong) and other non-pinyin spellings
// of common Chinese family names to the Mandarin syllables they write.
var cantoneseFamily = map[string][]string{
	"chan": {"chen"}, "wong": {"wang", "huang"}, "cheung": {"zhang"}, "lau": {"liu"}, "leung": {"liang"},
	"ho": {"he"}, "ng": {"wu"}, "tsang": {"zeng"}, "tang": {"deng"}, "yip": {"ye"}, "lam": {"lin"},
	"chow": {"zhou"}, "kwok": {"guo"}, "fung": {"feng"}, "mak": {"mai"}, "tse": {"xie"}, "lai": {"li", "lai"},
	"so": {"su"}, "yeung": {"yang"}, "chu": {"zhu"}, "law": {"luo"}, "poon": {"pan"}, "choi": {"cai"},
	"cheng": {"zheng"}, "tsui": {"xu", "cui"}, "au": {"ou"}, "hui": {"xu"}, "kwan": {"guan"}, "siu": {"xiao"},
	"mok": {"mo"}, "lo": {"lu", "luo"}, "tam": {"tan"}, "kong": {"jiang"}, "chiu": {"zhao"}, "chung": {"zhong"},
	"man": {"wen"}, "to": {"du"}, "yuen": {"yuan"}, "wan": {"yin", "wen"}, "koo": {"gu"}, "kam": {"jin", "gan"},
	"ko": {"gao"}, "lui": {"lei", "lu"}, "hung": {"hong", "xiong"}, "fok": {"huo"}, "cheuk": {"zhuo"},
	"kwong": {"kuang"}, "tung": {"dong"}, "ngai": {"wei"}, "yau": {"qiu", "you"}, "lee": {"li"}, "tsoi": {"cai"},
	"shum": {"cen", "shen"}, "sze": {"shi"}, "tsai": {"cai"}, "hsieh": {"xie"},
}

// chineseFamilyPinyin are the commonest Chinese family names in pinyin
// (the order of the 2020 household-registration ranking of the Ministry of
// Public Security; the first hundred and the two-syllable ones romanised).
var chineseFamilyPinyin = []string{
	"wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu",
	"guo", "he", "lin", "gao", "luo", "zheng", "liang", "xie", "song", "tang", "han", "feng", "deng", "cao",
	"peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "yu", "du", "ye", "cheng", "wei",
	"su", "lu", "ding", "ren", "shen", "yao", "cui", "zhong", "tan", "fan", "jin", "shi", "liao", "jia", "xia",
	"fu", "fang", "bai", "zou", "meng", "xiong", "qin", "qiu", "hou", "yin", "xue", "yan", "duan", "lei",
	"long", "tao", "mao", "hao", "gu", "gong", "shao", "wan", "qian", "lai", "kong", "hong", "mo", "xiang",
	"chang", "wen", "kang", "ji", "niu", "bao", "ou", "geng", "guan", "zhuo", "mei", "ni", "qi", "ge", "zhan",
	"xi", "ouyang", "sima", "zhuge", "shangguan", "situ", "murong", "dongfang",
}

func sylTables() (map[string][]uint16, map[string]bool, int) {
	sylOnce.once.Do(func() {
		sets := map[string]map[uint16]bool{}
		add := func(s string, id uint16) {
			if s == "" {
				return
			}
			if sets[s] == nil {
				sets[s] = map[uint16]bool{}
			}
			sets[s][id] = true
		}
		// Korean: the syllables names are made of — the readings of hanja
		// (Sino-Korean names) and the family names —, not every one of the
		// 11,172 Hangul syllables ("sson", 썬, is no name's).
		front := func(v int) bool { return v == 2 || v == 3 || v == 6 || v == 7 || v == 12 || v == 17 || v == 20 }
		inNames := map[int]bool{}
		for _, r := range hanTable() {
			for _, h := range r.hangul {
				for _, s := range hangulSyllables(h) {
					inNames[s.l*588+s.v*28+s.t] = true
				}
			}
		}
		for h := range koreanSurnames {
			for _, s := range hangulSyllables(h) {
				inNames[s.l*588+s.v*28+s.t] = true
			}
		}
		for id := 0; id < sylMandarin; id++ {
			if !inNames[id] {
				continue
			}
			s := hangulSyl{l: id / 588, v: (id % 588) / 28, t: id % 28}
			// The Revised Romanization, with the initial-sound rule, and its
			// informal passport spellings (Jung, Hyun, Soo, Choi, Shin).
			rr := []string{hangulInitialRR[s.l]}
			if l := initialLaw(s).l; l != s.l {
				rr = append(rr, hangulInitialRR[l])
			}
			if s.l == 9 && (front(s.v) || s.v == 16) {
				rr = append(rr, "sh")
			}
			rrVowels := []string{hangulVowelRR[s.v]}
			switch s.v {
			case 4: // ㅓ: Jung, Sung
				rrVowels = append(rrVowels, "u")
			case 6: // ㅕ: Hyun, Young
				rrVowels = append(rrVowels, "yu", "you")
			case 13: // ㅜ: Soo, Joon
				rrVowels = append(rrVowels, "oo")
			case 11: // ㅚ: Choi
				rrVowels = append(rrVowels, "oi")
			case 17: // ㅠ: Yoo
				rrVowels = append(rrVowels, "yoo")
			case 19: // ㅢ
				rrVowels = append(rrVowels, "eui")
			}
			// The DPRK system, and McCune–Reischauer without its marks (ㅈ
			// ch): their vowels only, not the South's informal ones.
			north := []string{hangulInitialDPRK[s.l]}
			if s.l == 12 {
				north = append(north, "ch")
			}
			fin := hangulFinal[s.t]
			for _, i := range rr {
				for _, v := range rrVowels {
					add(i+v+fin, uint16(id))
				}
			}
			for _, i := range north {
				add(i+hangulVowelDPRK[s.v]+fin, uint16(id))
			}
		}
		family := map[string]bool{}
		for h, sp := range koreanSurnames {
			ss := hangulSyllables(h)
			// The family name in the systems too (전: Jeon, Jon, Chon).
			if len(ss) == 1 {
				s := ss[0]
				sp = append(append([]string(nil), sp...), romanizeSyllable(s, hangulRR), romanizeSyllable(s, hangulDPRK))
				if s.l == 12 {
					sp = append(sp, "ch"+hangulVowelDPRK[s.v]+hangulFinal[s.t])
				}
			}
			for _, s := range sp {
				family[s] = true
				if len(ss) == 1 {
					add(s, uint16(ss[0].l*588+ss[0].v*28+ss[0].t))
				}
			}
		}
		// Mandarin.
		pinyin := map[string]bool{}
		for _, r := range hanTable() {
			for _, p := range r.pinyin {
				if strings.IndexFunc(p, func(c rune) bool { return c < 'a' || c > 'z' }) < 0 && strings.ContainsAny(p, "aeiou") {
					pinyin[p] = true
				}
			}
		}
		for _, p := range chineseFamilyPinyin {
			pinyin[p] = len(p) <= 6 || pinyin[p] // the two-syllable names are segmented below
		}
		ps := make([]string, 0, len(pinyin))
		for p, ok := range pinyin {
			if ok {
				ps = append(ps, p)
			}
		}
		sort.Strings(ps)
		index := make(map[string]uint16, len(ps))
		for i, p := range ps {
			id := uint16(sylMandarin + i)
			index[p] = id
			add(p, id)
			add(wadeGiles(p), id)
			if strings.HasPrefix(p, "lu") || strings.HasPrefix(p, "nu") {
				add(p[:1]+"y"+p[1:], id) // ü as yu on passports: Lyu, Nyu
			}
		}
		for _, p := range chineseFamilyPinyin {
			family[p] = true
			family[wadeGiles(p)] = true
		}
		for c, ms := range cantoneseFamily {
			family[c] = true
			for _, m := range ms {
				if id, ok := index[m]; ok {
					add(c, id)
				}
			}
		}
		spell := make(map[string][]uint16, len(sets))
		maxLen := 0
		for s, set := range sets {
			ids := make([]uint16, 0, len(set))
			for id := range set {
				ids = append(ids, id)
			}
			slices.Sort(ids)
			spell[s] = ids
			maxLen = max(maxLen, len(s))
		}
		sylOnce.spell, sylOnce.family, sylOnce.maxLen = spell, family, maxLen
	})
	return sylOnce.spell, sylOnce.family, sylOnce.maxLen
}

// maxSyllables is the most syllables one word of a syllable name holds
// (a given name of two written as one, "jongun"; a two-syllable family name
// and more are rare).
const maxSyllables = 3

// A cut of a word into syllables: n syllables ending at ends[:n].
type cut struct {
	ends [maxSyllables]int8
	n    int8
}

// maxCuts bounds the cuts of one word that are looked at.
const maxCuts = 16

// cuts writes the ways of cutting w into one to maxSyllables syllables of
// the inventory into out (at most maxCuts) and returns how many.
func cuts(w string, out *[maxCuts]cut) int {
	spell, _, maxLen := sylTables()
	if len(w) > 24 {
		return 0
	}
	cw := cutter{w: w, spell: spell, maxLen: maxLen, out: out}
	cw.rec(0)
	return cw.n
}

type cutter struct {
	w      string
	spell  map[string][]uint16
	maxLen int
	out    *[maxCuts]cut
	n      int
	c      cut
}

func (cw *cutter) rec(start int) {
	if cw.n == maxCuts {
		return
	}
	if start == len(cw.w) {
		if cw.c.n > 0 {
			cw.out[cw.n] = cw.c
			cw.n++
		}
		return
	}
	if cw.c.n == maxSyllables {
		return
	}
	for e := start + 1; e <= len(cw.w) && e-start <= cw.maxLen; e++ {
		if _, ok := cw.spell[cw.w[start:e]]; ok {
			cw.c.ends[cw.c.n] = int8(e)
			cw.c.n++
			cw.rec(e)
			cw.c.n--
		}
	}
}

// Syllabic reports whether w (a folded, lower-case word) is written as one
// to three Chinese or Korean syllables in some romanisation: "jong", "un",
// "jongun", "jinping", "hsi".
func Syllabic(w string) bool {
	var cs [maxCuts]cut
	return cuts(w, &cs) > 0
}

// IsSyllable reports whether w is one Chinese or Korean syllable in some
// romanisation ("jong", "hsi", "soo").
func IsSyllable(w string) bool {
	spell, _, _ := sylTables()
	_, ok := spell[w]
	return ok
}

// Readings is the set of syllables one spelling may write (Hangul
// syllables and Mandarin syllables): two spellings are the same syllable in
// some romanisation when their readings meet. It lets a caller compare
// many spellings without looking each up again.
type Readings []uint16

// SyllableReadings returns the readings of w, one syllable as written; nil
// when w is not one (see IsSyllable).
func SyllableReadings(w string) Readings {
	spell, _, _ := sylTables()
	return spell[w]
}

// SyllableCuts returns the ways of reading w as two or three syllables,
// each as the readings of its syllables ("jongun": jong-un, jon-gun); nil
// when there is none.
func SyllableCuts(w string) [][]Readings {
	spell, _, _ := sylTables()
	var cs [maxCuts]cut
	n := cuts(w, &cs)
	var out [][]Readings
	for _, c := range cs[:n] {
		if c.n < 2 {
			continue
		}
		rs := make([]Readings, c.n)
		start := 0
		for i := range rs {
			rs[i] = spell[w[start:c.ends[i]]]
			start = int(c.ends[i])
		}
		out = append(out, rs)
	}
	return out
}

// Meet reports whether r and o share a syllable.
func (r Readings) Meet(o Readings) bool { return intersect(r, o) }

// SameSyllables reports whether word a and the words b, written together,
// can be read as the same Chinese or Korean syllables, each in some
// romanisation: "jong" and "chong" (정 in the DPRK and McCune–Reischauer
// systems), "jongun" and "jong" "un", "xi" and "hsi", "zhang" and
// "cheung"; not "yong" and "yang", nor "jong" "un" and "jong" "il". Equal
// spellings are the same syllables whether the inventory holds them or not.
func SameSyllables(a string, b ...string) bool {
	if len(b) == 1 && a == b[0] {
		return true
	}
	if len(b) == 0 || len(b) > maxSyllables {
		return false
	}
	spell, _, _ := sylTables()
	// One syllable each: their readings meet or not.
	if len(b) == 1 {
		if x, ok := spell[a]; ok {
			if y, ok := spell[b[0]]; ok {
				if intersect(x, y) {
					return true
				}
				// Two syllables of four letters or fewer are not read as
				// two each ("yang" is not "ya" "ng").
				if min(len(a), len(b[0])) <= 4 {
					return false
				}
			}
		}
	}
	var ca [maxCuts]cut
	na := cuts(a, &ca)
	if na == 0 {
		return false
	}
	// The syllables of b, word by word, in every combination of the words'
	// cuts (each word of b is cut on its own).
	var cb [maxSyllables][maxCuts]cut
	var nb [maxSyllables]int
	for k, w := range b {
		if nb[k] = cuts(w, &cb[k]); nb[k] == 0 {
			return false
		}
	}
	var pick [maxSyllables]int
	for {
		// The syllables of this combination.
		var syl [maxSyllables]string
		n, ok := 0, true
		for k, w := range b {
			c := cb[k][pick[k]]
			start := 0
			for i := int8(0); i < c.n; i++ {
				if n == maxSyllables {
					ok = false
					break
				}
				syl[n] = w[start:c.ends[i]]
				start = int(c.ends[i])
				n++
			}
		}
		if ok {
			for _, c := range ca[:na] {
				if int(c.n) != n {
					continue
				}
				start, same := 0, true
				for i := 0; i < n && same; i++ {
					same = intersect(spell[a[start:c.ends[i]]], spell[syl[i]])
					start = int(c.ends[i])
				}
				if same {
					return true
				}
			}
		}
		// Next combination.
		k := 0
		for ; k < len(b); k++ {
			if pick[k]++; pick[k] < nb[k] {
				break
			}
			pick[k] = 0
		}
		if k == len(b) {
			return false
		}
	}
}

func intersect(a, b []uint16) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}

// EastAsianFamily reports whether w is a usual spelling of a common Chinese
// or Korean family name (Kim, Lee, Park, Choe, Wang, Zhang, Chang, Chan).
func EastAsianFamily(w string) bool {
	_, f, _ := sylTables()
	return f[w]
}

// markSyllables tags the name parts of a Chinese or Korean name
// PartSyllable: a name of two name parts or more, each one to three
// syllables, whose first or last part is a common Chinese or Korean family
// name.
func markSyllables(n *Name) {
	spell, _, _ := sylTables()
	first, last, names := -1, -1, 0
	for i, p := range n.Parts {
		switch p.Kind {
		case PartName:
			if first < 0 {
				first = i
			}
			last = i
			names++
			if len(p.Text) > 12 || !Syllabic(p.Text) {
				return
			}
			// An English given name of two syllables or more ("anna" an-na,
			// "maria") is not a syllable name.
			if _, one := spell[p.Text]; !one && nicknameTable()[p.Text] != nil {
				return
			}
		case PartInitial:
		default:
			return
		}
	}
	if names < 2 || !(EastAsianFamily(n.Parts[first].Text) || EastAsianFamily(n.Parts[last].Text)) {
		return
	}
	for i := range n.Parts {
		// A one-letter syllable ("Yu Chol U") is a syllable too.
		if p := &n.Parts[i]; p.Kind == PartName || p.Kind == PartInitial && IsSyllable(p.Text) {
			p.Kind = PartSyllable
		}
	}
}
