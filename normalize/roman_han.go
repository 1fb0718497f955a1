package normalize

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
)

// Han characters (hanzi, kanji, hanja) and Japanese kana to Latin.
//
// A name in Han characters may be Chinese, Korean or Japanese, and the
// characters do not say which; so it is read three ways, each only where
// the tables know every character:
//
//   - Mandarin in Hanyu Pinyin without tones, syllable by syllable (习近平
//     xi jin ping; a two-character family name as one word: 欧阳修 ouyang
//     xiu), and in Wade–Giles (hsi chin-ping; 毛泽东 mao tse-tung) — the readings of
//     normalize/data/han.tsv (Unihan kMandarin), with the family-name
//     readings of the characters that read otherwise in a surname (曾 zeng,
//     单 shan, 解 xie) and the two-character family names of the Hundred
//     Family Surnames (欧阳 ouyang, 司马 sima, 诸葛 zhuge);
//   - Korean: the characters' Korean readings (Unihan kHangul), romanised as
//     Hangul (金正恩 김정은 kim jeong eun, kim jong un) — not for a name with a
//     simplified character (赵, 颖): Korean names are written in
//     traditional characters;
//   - Japanese: a family name and a given name of IPADIC's names
//     (normalize/data/ja_names.tsv), romanised as kana (山田太郎 yamada taro).
//
// The Japanese reading comes first when the name has kana, or when it splits
// into a known family name of two characters or more and a known given
// name — Chinese family names have one character, Japanese ones mostly two;
// otherwise the Mandarin readings come first, then the Korean ones.

//go:embed data/han.tsv
var hanTSV string

//go:embed data/ja_names.tsv
var jaNamesTSV string

type hanReading struct {
	pinyin     []string
	hangul     []string
	simplified bool // a simplified form only: no Korean or Japanese name is written with it
}

var hanOnce struct {
	once sync.Once
	m    map[rune]hanReading
}

func hanTable() map[rune]hanReading {
	hanOnce.once.Do(func() {
		m := make(map[rune]hanReading, 21000)
		for _, line := range strings.Split(hanTSV, "\n") {
			if line == "" || line[0] == '#' {
				continue
			}
			fs := strings.Split(line, "\t")
			if len(fs) != 4 {
				continue
			}
			rs := []rune(fs[0])
			if len(rs) != 1 {
				continue
			}
			m[rs[0]] = hanReading{pinyin: strings.Fields(strings.ReplaceAll(fs[1], "v", "u")), hangul: strings.Fields(fs[2]), simplified: fs[3] == "s"}
		}
		hanOnce.m = m
	})
	return hanOnce.m
}

type jaName struct {
	family   bool
	cost     int
	readings []string // katakana
}

var jaOnce struct {
	once sync.Once
	m    map[string][]jaName
	max  int // the longest name, in runes
}

func jaNames() (map[string][]jaName, int) {
	jaOnce.once.Do(func() {
		m := make(map[string][]jaName, 6000)
		longest := 0
		for _, line := range strings.Split(jaNamesTSV, "\n") {
			if line == "" || line[0] == '#' {
				continue
			}
			fs := strings.Split(line, "\t")
			if len(fs) != 4 {
				continue
			}
			cost := 3200 // unranked
			if fs[2] != "" {
				c, err := strconv.Atoi(fs[2])
				if err != nil {
					continue
				}
				cost = c
			}
			m[fs[0]] = append(m[fs[0]], jaName{family: fs[1] == "S", cost: cost, readings: strings.Fields(fs[3])})
			longest = max(longest, len([]rune(fs[0])))
		}
		jaOnce.m, jaOnce.max = m, longest
	})
	return jaOnce.m, jaOnce.max
}

// chineseSurnameReading holds the family-name readings of characters whose
// usual Mandarin reading is another one (Xiandai Hanyu Cidian; all are among
// the readings Unihan's kXHC1983 gives for the character).
var chineseSurnameReading = map[rune]string{
	'曾': "zeng", '单': "shan", '單': "shan", '解': "xie", '仇': "qiu", '区': "ou", '區': "ou", '朴': "piao",
	'查': "zha", '翟': "zhai", '乐': "yue", '樂': "yue", '覃': "qin", '召': "shao", '缪': "miao", '繆': "miao",
	'盖': "ge", '蓋': "ge", '种': "chong", '種': "chong", '秘': "bi", '长': "zhang", '長': "zhang", '重': "chong",
	'尉': "yu", '万': "wan", '萬': "wan", '沈': "shen", '石': "shi", '柏': "bai", '华': "hua", '華': "hua",
	'任': "ren", '冯': "feng", '馮': "feng", '纪': "ji", '紀': "ji", '薄': "bo", '藏': "zang", '员': "yun",
	'員': "yun", '宿': "su", '句': "gou", '隗': "wei", '能': "nai", '折': "she", '粘': "nian", '阚': "kan",
	'闞': "kan", '都': "du", '焉': "yan",
}

// chineseCompoundSurnames are the two-character family names of the Hundred
// Family Surnames (Song dynasty), in simplified and traditional characters.
var chineseCompoundSurnames = map[string]bool{
	"欧阳": true, "歐陽": true, "司马": true, "司馬": true, "诸葛": true, "諸葛": true, "上官": true, "皇甫": true,
	"司徒": true, "令狐": true, "夏侯": true, "慕容": true, "尉迟": true, "尉遲": true, "长孙": true, "長孫": true,
	"宇文": true, "东方": true, "東方": true, "公孙": true, "公孫": true, "轩辕": true, "軒轅": true, "端木": true,
	"独孤": true, "獨孤": true, "南宫": true, "南宮": true, "西门": true, "西門": true, "澹台": true, "申屠": true,
	"太史": true, "闻人": true, "聞人": true, "呼延": true, "赫连": true, "赫連": true, "钟离": true, "鍾離": true,
	"宗政": true, "濮阳": true, "濮陽": true, "公冶": true, "仲孙": true, "仲孫": true, "单于": true, "單于": true,
	"百里": true, "东郭": true, "東郭": true, "拓跋": true, "万俟": true, "萬俟": true,
}

// romanizeCJK romanises a run of Han characters and kana; first says the
// run begins the name (where the family name is).
func romanizeCJK(seg string, first bool) []string {
	words := strings.FieldsFunc(seg, func(r rune) bool {
		sc, ok := scriptOf(r)
		return !ok || sc != ScriptHan && sc != ScriptKana
	})
	if len(words) == 0 {
		return nil
	}
	hasKana := false
	for _, r := range seg {
		if sc, ok := scriptOf(r); ok && sc == ScriptKana && r != 0x30FC {
			hasKana = true
		}
	}
	japanese, jaFirst := japaneseReadings(words)
	if hasKana && len(japanese) > 0 {
		jaFirst = true
	}
	var chinese, korean []string
	if !hasKana {
		// The iteration mark repeats the character before it (佐々木 佐佐木).
		rep := make([]string, len(words))
		for i, w := range words {
			rs := []rune(w)
			for j := 1; j < len(rs); j++ {
				if rs[j] == 0x3005 {
					rs[j] = rs[j-1]
				}
			}
			rep[i] = string(rs)
		}
		chinese = mandarinReadings(rep, first)
		korean = koreanReadings(rep, first)
	}
	var out []string
	add := func(l []string) {
		for _, s := range l {
			if s != "" && !contains(out, s) {
				out = append(out, s)
			}
		}
	}
	if jaFirst {
		add(japanese)
	}
	add(chinese)
	add(korean)
	if !jaFirst {
		add(japanese)
	}
	if len(out) == 0 && hasKana {
		// Kana (with any kanji that no table knows left out), word by word.
		var per [][]string
		n := 0
		for _, w := range words {
			if v := romanizeKanaWord(w); len(v) > 0 {
				per = append(per, v)
				n = max(n, len(v))
			}
		}
		add(combineForms(per, n, " "))
	}
	return out
}

// splitChineseName returns the family name and the given name of a word of
// Han characters (the family name alone for one character).
func splitChineseName(rs []rune) (family, given []rune) {
	switch {
	case len(rs) >= 3 && chineseCompoundSurnames[string(rs[:2])]:
		return rs[:2], rs[2:]
	case len(rs) >= 2:
		return rs[:1], rs[1:]
	}
	return rs, nil
}

// mandarinReadings gives the pinyin and Wade–Giles spellings of Han words,
// or nil when a character has no reading.
func mandarinReadings(words []string, first bool) []string {
	t := hanTable()
	var py, wg []string
	for k, w := range words {
		rs := []rune(w)
		syl := make([]string, len(rs))
		for i, r := range rs {
			if v, ok := chineseSurnameReading[r]; ok && first && k == 0 && i == 0 && len(rs)+len(words) > 2 {
				syl[i] = v
				continue
			}
			rd, ok := t[r]
			if !ok || len(rd.pinyin) == 0 {
				return nil // a character the table does not know: no reading
			}
			syl[i] = rd.pinyin[0]
		}
		// Syllables are written as words, but for a two-character family
		// name (ouyang): the name's words are not known, and a given name
		// joined into one word gives a short consonant key that unrelated
		// names share (jianguo and jung are both jnk). The matcher aligns
		// "jin ping" with "jinping" as it aligns a split name with a joined one.
		if k == 0 && first && len(words) == 1 && len(rs) <= 4 {
			fam, _ := splitChineseName(rs)
			nf := len(fam)
			py = append(py, strings.Join(syl[:nf], ""))
			wg = append(wg, wadeGilesWord(syl[:nf], ""))
			if nf < len(syl) {
				py = append(py, strings.Join(syl[nf:], " "))
				wg = append(wg, wadeGilesWord(syl[nf:], "-"))
			}
			continue
		}
		if chineseCompoundSurnames[w] {
			py = append(py, strings.Join(syl, ""))
			wg = append(wg, wadeGilesWord(syl, ""))
			continue
		}
		py = append(py, strings.Join(syl, " "))
		wg = append(wg, wadeGilesWord(syl, "-"))
	}
	return []string{strings.Join(py, " "), strings.Join(wg, " ")}
}

func wadeGilesWord(syl []string, sep string) string {
	parts := make([]string, len(syl))
	for i, s := range syl {
		parts[i] = wadeGiles(s)
	}
	return strings.Join(parts, sep)
}

// wadeGiles converts one toneless pinyin syllable to Wade–Giles, without
// the apostrophe of aspiration and the umlaut (as names are printed): x hs,
// j q zh ch, z c ts, r j, zi tzu, si ssu, zhi chih, shi shih, -ong -ung,
// -ian -ien, -ie -ieh, ge ke he ko ho, gui kuei, er erh, you yu, yan yen.
func wadeGiles(p string) string {
	switch p {
	case "zi":
		return "tzu"
	case "ci":
		return "tzu"
	case "si":
		return "ssu"
	case "zhi", "chi":
		return "chih"
	case "shi":
		return "shih"
	case "ri":
		return "jih"
	case "er":
		return "erh"
	case "e":
		return "o"
	case "you":
		return "yu"
	case "yan":
		return "yen"
	case "ye":
		return "yeh"
	case "yi":
		return "i"
	case "yong":
		return "yung"
	case "yue":
		return "yueh"
	case "he", "ge", "ke":
		return map[string]string{"he": "ho", "ge": "ko", "ke": "ko"}[p]
	case "gui":
		return "kuei"
	case "kui":
		return "kuei"
	}
	ini, fin := "", p
	for _, c := range []string{"zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w"} {
		if strings.HasPrefix(p, c) {
			ini, fin = c, p[len(c):]
			break
		}
	}
	wgIni := map[string]string{"b": "p", "p": "p", "m": "m", "f": "f", "d": "t", "t": "t", "n": "n", "l": "l",
		"g": "k", "k": "k", "h": "h", "j": "ch", "q": "ch", "x": "hs", "zh": "ch", "ch": "ch", "sh": "sh",
		"r": "j", "z": "ts", "c": "ts", "s": "s", "y": "y", "w": "w", "": ""}[ini]
	switch {
	case strings.HasSuffix(fin, "ong"):
		fin = strings.TrimSuffix(fin, "ong") + "ung"
	case fin == "ian":
		fin = "ien"
	case fin == "ie":
		fin = "ieh"
	case fin == "ue":
		fin = "ueh" // jue chueh, xue hsueh, lue lueh
	case fin == "uo" && ini != "g" && ini != "k" && ini != "h" && ini != "sh":
		fin = "o"
	case fin == "e" && (ini == "g" || ini == "k" || ini == "h"):
		fin = "o"
	}
	return wgIni + fin
}

// koreanReadings gives the Korean readings of Han words: each character's
// reading in Hangul (for the family name, the reading that is a family
// name), romanised.
func koreanReadings(words []string, first bool) []string {
	t := hanTable()
	var b strings.Builder
	for k, w := range words {
		if k > 0 {
			b.WriteByte(' ')
		}
		for i, r := range []rune(w) {
			rd, ok := t[r]
			if !ok || len(rd.hangul) == 0 || rd.simplified {
				return nil // Korean names are written in traditional characters
			}
			h := rd.hangul[0]
			if first && k == 0 && i == 0 {
				best := 0
				for _, c := range rd.hangul {
					c2 := syllableText(initialLaw(hangulSyllables(c)[0]))
					if rank := surnameRank[c2]; rank > 0 && (best == 0 || rank < best) {
						best, h = rank, c
					}
				}
			}
			b.WriteString(h)
		}
	}
	return romanizeHangul(b.String(), true, first)
}

// japaneseReadings reads words of kanji and kana as a Japanese family name
// and given name. first reports that the reading should come first: the
// family name has two characters or more.
func japaneseReadings(words []string) (out []string, first bool) {
	names, longest := jaNames()
	type part struct {
		readings []string // katakana or hiragana
	}
	lookup := func(s string, family bool) (readings []string, cost int, ok bool) {
		best := -1
		for _, e := range names[s] {
			if e.family == family && (best < 0 || e.cost < best) {
				best, readings = e.cost, e.readings
			}
		}
		return readings, best, best >= 0
	}
	isKana := func(s string) bool {
		for _, r := range s {
			if sc, ok := scriptOf(r); !ok || sc != ScriptKana {
				return false
			}
		}
		return true
	}
	var parts []part
	famLen := 0
	switch {
	case len(words) >= 2:
		for k, w := range words {
			if isKana(w) {
				parts = append(parts, part{readings: []string{w}})
				continue
			}
			rd, _, ok := lookup(w, k == 0)
			if !ok {
				rd, _, ok = lookup(w, k != 0)
			}
			if !ok {
				return nil, false
			}
			parts = append(parts, part{readings: rd})
		}
		famLen = len([]rune(words[0]))
	default:
		rs := []rune(words[0])
		bestCost := -1
		var fam, given []string
		for k := 1; k < len(rs) && k <= longest; k++ {
			fr, fc, ok := lookup(string(rs[:k]), true)
			if !ok {
				continue
			}
			rest := string(rs[k:])
			var gr []string
			gc := 0
			if isKana(rest) {
				gr = []string{rest}
			} else if gr, gc, ok = lookup(rest, false); !ok {
				continue
			}
			if c := fc + gc; bestCost < 0 || c < bestCost {
				bestCost, fam, given, famLen = c, fr, gr, k
			}
		}
		if bestCost < 0 {
			// A family or a given name alone.
			rd, _, ok := lookup(string(rs), true)
			if !ok {
				rd, _, ok = lookup(string(rs), false)
			}
			if !ok {
				return nil, false
			}
			fam, given, famLen = rd, nil, 0
		}
		parts = []part{{readings: fam}}
		if given != nil {
			parts = append(parts, part{readings: given})
		}
	}
	// Each long-vowel style of the first readings, then the other readings.
	for _, st := range []int{longOnce, longKana, longOh} {
		var ws []string
		for _, p := range parts {
			ws = append(ws, writeKana(kanaSyllables(p.readings[0]), st))
		}
		if s := strings.Join(ws, " "); !contains(out, s) {
			out = append(out, s)
		}
	}
	for r := 1; r < 3; r++ {
		var ws []string
		more := false
		for _, p := range parts {
			k := min(r, len(p.readings)-1)
			more = more || k == r
			ws = append(ws, writeKana(kanaSyllables(p.readings[k]), longOnce))
		}
		if s := strings.Join(ws, " "); more && !contains(out, s) {
			out = append(out, s)
		}
	}
	return out, famLen >= 2
}
