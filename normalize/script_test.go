package normalize

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Names of public figures as their own countries' official romanisation
// writes them (passports, government sites, the UN and OFAC lists), against
// the romanisers: want is the first spelling (the one shown to an officer),
// also lists spellings that must be among the others.
func TestRomanizeScripts(t *testing.T) {
	tests := []struct {
		in, want string
		also     []string
	}{
		// Greek: ELOT 743 (Greek passports), and the phonetic reading.
		{"Νικόλαος", "nikolaos", nil},
		{"Κυριάκος Μητσοτάκης", "kyriakos mitsotakis", []string{"kiriakos mitsotakis"}},
		{"Γιώργος Παπανδρέου", "giorgos papandreou", nil},
		{"Ευάγγελος Βενιζέλος", "evangelos venizelos", nil},
		{"Αλέξης Τσίπρας", "alexis tsipras", nil},
		// Armenian: BGN/PCGN; Western values second.
		{"Նիկոլ Փաշինյան", "nikol pashinyan", []string{"nigol pashinyan"}},
		{"Սերժ Սարգսյան", "serzh sargsyan", nil},
		{"Երևան", "yerevan", nil},
		// Georgian: national system.
		{"მიხეილ სააკაშვილი", "mikheil saakashvili", nil},
		{"ბიძინა ივანიშვილი", "bidzina ivanishvili", nil},
		{"ედუარდ შევარდნაძე", "eduard shevardnadze", nil},
		// Devanagari: Hunterian with the Hindi schwa deletion, and without.
		{"नरेन्द्र मोदी", "narendra modi", nil},
		{"राहुल गांधी", "rahul gandhi", []string{"rahula gandhi"}},
		{"अमित शाह", "amit shah", nil},
		{"मनमोहन सिंह", "manmohan singh", nil},
		// Thai: RTGS.
		{"สมชาย", "somchai", nil},
		{"ทักษิณ ชินวัตร", "thaksin chinwat", nil},
		{"ประยุทธ์ จันทร์โอชา", "prayut chanocha", nil},
		{"ยิ่งลักษณ์", "yinglak", nil},
		{"อภิสิทธิ์ เวชชาชีวะ", "aphisit wetchachiwa", []string{"apisit vetchachiva"}},
		{"กรุงเทพ", "krungthep", nil},
		// Ethiopic: BGN/PCGN Amharic.
		{"መለስ ዜናዊ", "meles zenawi", nil},
		{"ዐቢይ አሕመድ", "abiy ahmed", nil},
		{"ኃይለ ሥላሴ", "hayle slase", []string{"hayela selase"}},
		// Hebrew: unpointed, two guesses of the vowels; pointed text is read.
		{"יוסף", "yosef", nil},
		{"דוד", "dod", []string{"davad"}},
		{"דָּוִד", "david", nil},
		// Hangul: RR with the usual family name, DPRK (McCune–Reischauer's North Korean variant).
		{"김정은", "kim jeong eun", []string{"kim jong un", "kim jeongeun"}},
		{"박지성", "park ji seong", []string{"pak ji song", "park jiseong", "pak ji seong"}},
		{"정남 김", "jeong nam kim", []string{"jong nam kim"}}, // Western order: the family name last
		{"이민호", "lee min ho", []string{"i min ho", "yi min ho"}},
		{"최준영", "choi jun yeong", []string{"choe jun yong"}},
		{"최룡해", "choi ryong hae", []string{"choe ryong hae"}},
		{"리설주", "ri seol ju", []string{"ri sol ju"}},
		{"남궁민", "namgoong min", nil},
		// Han: pinyin and Wade–Giles, the Korean and Japanese readings.
		{"习近平", "xi jin ping", []string{"hsi chin ping"}},
		{"毛泽东", "mao ze dong", []string{"mao tse tung"}},
		{"蔣介石", "jiang jie shi", []string{"chiang chieh shih"}},
		{"欧阳修", "ouyang xiu", nil},
		{"曾国藩", "zeng guo fan", []string{"tseng kuo fan"}},
		{"金正恩", "jin zheng en", []string{"kim jong un", "kim jeong eun"}},
		{"李明", "li ming", []string{"lee myeong", "ri myong"}},
		{"山田太郎", "yamada taro", []string{"yamada tarou"}},
		{"田中花子", "tanaka hanako", nil},
		// Kana: Hepburn, long vowels once, as written, and "oh".
		{"やまだ たろう", "yamada taro", []string{"yamada tarou", "yamada taroh"}},
		{"サトウ", "sato", []string{"satou", "satoh"}},
		{"しんぞう", "shinzo", nil},
		{"きっちょう", "kitcho", nil},
		{"ジョン", "jon", nil},
		// Cyrillic and Arabic are as before.
		{"Владимир Путин", "vladimir putin", []string{"vladimir poutin"}},
		// Mixed scripts: each run by its own romaniser.
		{"محمد Ahmed", "mohammed ahmed", []string{"muhammad ahmed"}},
		{"Ahmed محمد", "ahmed mohammed", nil},
		{"Kim 정은", "kim jeong eun", nil},
	}
	for _, tt := range tests {
		got := Romanize(tt.in)
		require.NotEmpty(t, got, tt.in)
		assert.Equal(t, tt.want, got[0], "%s -> %q", tt.in, got)
		for _, a := range tt.also {
			assert.Contains(t, got, a, "%s -> %q", tt.in, got)
		}
		assert.LessOrEqual(t, len(got), maxRomanizations)
		seen := map[string]bool{}
		for _, g := range got {
			assert.False(t, seen[g], "%s: %q twice", tt.in, g)
			seen[g] = true
			assert.True(t, isASCII(g), g)
			assert.Equal(t, Clean(g), g)
		}
	}
}

// Arabic-script titles and honorifics are separated as Latin ones are.
func TestArabicTitles(t *testing.T) {
	tests := []struct {
		in     string
		titles []string
	}{
		{"الشيخ محمد", []string{"sheikh"}},
		{"الحاج عبد الله", []string{"haji"}},
		{"ملا محمد عمر", []string{"mullah"}},
		{"مولوي عبد الكبير", []string{"maulavi"}},
		{"أستاذ أحمد", []string{"ustad"}},
		{"استاد عبدالرب رسول سیاف", []string{"ustad"}}, // Persian spelling
		{"حاجی محمد", []string{"haji"}},
		{"شيخ", nil}, // a title alone stays a name
	}
	for _, tt := range tests {
		n := ParseName(tt.in)
		assert.Equal(t, tt.titles, n.Titles, tt.in)
		assert.NotEmpty(t, n.Parts, tt.in)
	}
	// The title is no name key: "الشيخ محمد" has the keys of "Muhammad".
	assert.Equal(t, ParseName("Muhammad").Keys(), ParseName("الشيخ محمد").Keys())
}

func TestIsLatin(t *testing.T) {
	assert.True(t, IsLatin("Jürgen Ærø, O'Brien-Smith 3"))
	assert.True(t, IsLatin(""))
	assert.False(t, IsLatin("محمد Ahmed"))
	assert.False(t, IsLatin("山田"))
}

func TestWadeGiles(t *testing.T) {
	for _, tt := range [][2]string{
		{"xi", "hsi"}, {"zedong", ""}, {"ze", "tse"}, {"dong", "tung"}, {"zhou", "chou"}, {"qing", "ching"},
		{"jiang", "chiang"}, {"zi", "tzu"}, {"si", "ssu"}, {"shi", "shih"}, {"ri", "jih"}, {"rong", "jung"},
		{"xian", "hsien"}, {"xie", "hsieh"}, {"guo", "kuo"}, {"luo", "lo"}, {"gui", "kuei"}, {"he", "ho"},
		{"xue", "hsueh"}, {"er", "erh"}, {"cao", "tsao"}, {"zhang", "chang"},
	} {
		if tt[1] == "" {
			continue
		}
		assert.Equal(t, tt[1], wadeGiles(tt[0]), tt[0])
	}
}

// The first spelling of a name is one a person would write, shown to an
// officer in explanations: every word of it has a vowel (a consonant key such
// as "mhmd" is not a spelling). Checked on the Arabic-script names of the UN
// excerpt and on names in each script.
func TestRomanizeFirstIsReadable(t *testing.T) {
	data, err := os.ReadFile("../testdata/normalize/un-cross-script.tsv")
	require.NoError(t, err)
	names := []string{"Κυριάκος Μητσοτάκης", "יצחק רבין", "Սերժ Սարգսյան", "ედუარდ შევარდნაძე", "मनमोहन सिंह",
		"ยิ่งลักษณ์ ชินวัตร", "ኃይለ ሥላሴ", "최룡해", "やまだ たろう", "毛泽东", "Дмитрий Медведев"}
	for _, line := range strings.Split(string(data), "\n") {
		if fs := strings.Split(line, "\t"); len(fs) == 3 && !strings.HasPrefix(line, "#") {
			names = append(names, fs[1])
		}
	}
	require.Greater(t, len(names), 40)
	for _, n := range names {
		r := Romanize(n)
		require.NotEmpty(t, r, n)
		for _, w := range strings.Fields(r[0]) {
			assert.True(t, strings.ContainsAny(w, "aeiouy"), "%s: first spelling %q has the key-like word %q", n, r[0], w)
		}
	}
}

// A name is never left without a form to compare: characters no table
// knows are kept as written.
func TestRomanizeNeverEmpty(t *testing.T) {
	for _, s := range []string{"裕太 智也 佐々木", "영철 주", "𠀀𠀁", "ꮪ", "தமிழ்", "ᏣᎳᎩ"} {
		assert.NotEmpty(t, Romanize(s), s)
		assert.NotEmpty(t, ParseName(s).Parts, s)
	}
	// 裕太 is no IPADIC name: read in Mandarin, 々 repeating the character before it.
	assert.Equal(t, "yu tai zhi ye zuo zuo mu", Romanize("裕太 智也 佐々木")[0])
	// A family name alone is read from the table too.
	assert.Contains(t, Romanize("佐々木"), "sasaki")
}

// Every name of the yente negatives (50,000 people in many scripts) has a
// form to compare; a sample without RAQIB_EVAL=1.
func TestRomanizeYenteNames(t *testing.T) {
	f, err := os.Open("../testdata/eval/yente-candidates/negatives_global.csv")
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	step := 20
	if os.Getenv("RAQIB_EVAL") == "1" {
		step = 1
	}
	scripts := map[Script]int{}
	for i := 1; i < len(recs); i += step {
		name := recs[i][0]
		scripts[DetectScript(name)]++
		if !assert.NotEmpty(t, ParseName(name).Parts, "row %d %q", i, name) {
			continue
		}
		r := Romanize(name)
		require.NotEmpty(t, r, "row %d %q", i, name)
		if IsLatin(name) {
			continue
		}
		for _, v := range r {
			assert.True(t, isASCII(v), "row %d %q -> %q", i, name, v)
		}
	}
	t.Logf("scripts: %v", scripts)
}
