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

// segmentations calls fn with each way of cutting w into at most
// maxSyllables syllables of the inventory, as the end offsets of the
// syllables, until fn returns true; it reports whether fn did.
func segmentations(w string, fn func(ends []int) bool) bool {
	spell, _, maxLen := sylTables()
	var ends [maxSyllables]int
	var rec func(start, n int) bool
	rec = func(start, n int) bool {
		if start == len(w) {
			return n > 0 && fn(ends[:n])
		}
		if n == maxSyllables {
			return false
		}
		for e := start + 1; e <= len(w) && e-start <= maxLen; e++ {
			if _, ok := spell[w[start:e]]; ok {
				ends[n] = e
				if rec(e, n+1) {
					return true
				}
			}
		}
		return false
	}
	return rec(0, 0)
}

// Syllabic reports whether w (a folded, lower-case word) is written as one
// to three Chinese or Korean syllables in some romanisation: "jong", "un",
// "jongun", "jinping", "hsi".
func Syllabic(w string) bool {
	return segmentations(w, func([]int) bool { return true })
}

// IsSyllable reports whether w is one Chinese or Korean syllable in some
// romanisation ("jong", "hsi", "soo").
func IsSyllable(w string) bool {
	spell, _, _ := sylTables()
	_, ok := spell[w]
	return ok
}

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
	spell, _, _ := sylTables()
	// The syllables of b, word by word: each word of b is cut on its own.
	var bs [maxSyllables]string
	nb := 0
	var fill func(k int) bool
	fill = func(k int) bool {
		if k == len(b) {
			// Compare with each cut of a into nb syllables.
			return segmentations(a, func(ends []int) bool {
				if len(ends) != nb {
					return false
				}
				start := 0
				for i, e := range ends {
					if !intersect(spell[a[start:e]], spell[bs[i]]) {
						return false
					}
					start = e
				}
				return true
			})
		}
		base := nb
		return segmentations(b[k], func(ends []int) bool {
			if base+len(ends) > maxSyllables {
				return false
			}
			start := 0
			for i, e := range ends {
				bs[base+i] = b[k][start:e]
				start = e
			}
			nb = base + len(ends)
			r := fill(k + 1)
			nb = base
			return r
		})
	}
	return fill(0)
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
