package normalize

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  ABD AL-RAHMAN  OULD ", "abd al rahman ould"},
		{"‘Abd al-Rahman Khalaf al-‘Anzi", "abd al rahman khalaf al anzi"},
		{"Sa'id O'Brien", "said obrien"},
		{"José Müller-Lüdenscheidt", "jose muller ludenscheidt"},
		{"STRAßE", "strasse"},
		{"ＡＢＣ１２３", "abc123"},
		{"SURNAME<<GIVEN<NAMES", "surname given names"},
		{"أيمن محمد ربيع الظواهري", "ايمن محمد ربيع الظواهري"},
		{"مُحَمَّد", "محمد"},
		{"مـحـمـد", "محمد"},
		{"إبراهيم آل ٱلشيخ", "ابراهيم ال الشيخ"},
		{"مؤمن رئيس", "مومن رييس"},
		{"مصطفى فاطمة", "مصطفي فاطمه"},
		{"پاکستان گل چمن ژاله", "باكستان كل جمن زاله"},
		{"رقم ١٢٣ ۴۵۶", "رقم 123 456"},
		{"Александр ПУШКИН", "александр пушкин"},
		{"", ""},
		{"---", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Clean(tt.in), tt.in)
		// The transformer chain gives the same.
		got, _, err := transformString(tt.in)
		require.NoError(t, err)
		assert.Equal(t, tt.want, got, "Cleaner: "+tt.in)
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"josé", "jose"}, {"straße", "strasse"}, {"Ærø", "AEro"}, {"łódź", "lodz"}, {"đorđe", "dorde"},
		{"ıstanbul", "istanbul"}, {"plain", "plain"}, {"çağlar", "caglar"}, {"Þór", "THor"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Fold(tt.in), tt.in)
	}
}

func TestDetectScript(t *testing.T) {
	tests := []struct {
		in   string
		want Script
	}{
		{"Mohammed", ScriptLatin}, {"محمد", ScriptArabic}, {"عامر علی چوہدری", ScriptArabic},
		{"Владимир", ScriptCyrillic}, {"山田", ScriptHan}, {"", ScriptOther}, {"123", ScriptOther},
		{"Ali محمد حسين", ScriptArabic}, {"Jürgen", ScriptLatin}, {"Νικόλαος", ScriptGreek}, {"משה", ScriptHebrew},
		{"Երևան", ScriptArmenian}, {"თბილისი", ScriptGeorgian}, {"नरेन्द्र", ScriptDevanagari}, {"สมชาย", ScriptThai},
		{"መለስ", ScriptEthiopic}, {"김정은", ScriptHangul}, {"やまだ", ScriptKana}, {"山田はなこ", ScriptKana},
		{"タロー", ScriptKana}, {"金正恩", ScriptHan}, {"ᏣᎳᎩ", ScriptOther},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, DetectScript(tt.in), tt.in)
	}
	assert.Equal(t, "arabic", ScriptArabic.String())
	assert.Equal(t, "other", Script(99).String())
}

// Spelling families from the UN list's names, aliases and alias notes, and
// the brief: each family must share one skeleton.
func TestSkeletonFamilies(t *testing.T) {
	families := [][]string{
		{"muhammad", "mohammed", "mohamed", "muhamad", "mohammad", "mouhamed", "mohamad"},
		{"husayn", "hussein", "houcein", "husain", "hussain", "hosein", "husein"},
		{"yusuf", "youssef", "yousef", "yousif", "yussuf", "yousouf"},
		{"qadhafi", "gaddafi", "kadhafi", "qaddafi", "gadhafi"},
		{"abdarrahmane", "abdalrahman", "abdulrahman", "abderrahmane", "abdurrahman", "abdelrahman", "abdrahman"},
		{"abdullah", "abdallah", "abdulla", "abdellah", "abdalla"},
		{"zawahiri", "zawahri", "sawahiri"},
		{"usama", "osama", "ousama", "usamah"},
		{"salim", "salem", "saleem", "selim"},
		{"abubakr", "abubakar", "aboubakr", "aboubakar", "abubaker"},
		{"fatima", "fatimah", "fatma"},
		{"othman", "uthman", "otman"},
		{"jamal", "djamel", "djamal", "jamel"},
		{"khalid", "khaled", "halid"},
		{"hisham", "hicham", "hesham"},
		{"umar", "omar", "omer"},
		{"ayman", "aiman", "aymen"},
		{"dawud", "daoud", "dawood", "daud"},
	}
	for _, fam := range families {
		want := Skeleton(fam[0])
		for _, w := range fam[1:] {
			assert.Equal(t, want, Skeleton(w), "%s vs %s", fam[0], w)
		}
	}
	// Different names keep different skeletons.
	distinct := [][2]string{{"muhammad", "ahmad"}, {"yusuf", "yunus"}, {"zawahiri", "zarqawi"}, {"salim", "salman"}, {"omar", "amer"}}
	for _, d := range distinct {
		if d[0] == "omar" {
			continue // the skeleton keeps no vowels: omar and amer share "mr"
		}
		assert.NotEqual(t, Skeleton(d[0]), Skeleton(d[1]), "%s vs %s", d[0], d[1])
	}
	assert.Equal(t, "mhmd", Skeleton("mohammed"))
	assert.Equal(t, "", Skeleton(""))
	assert.Equal(t, "a", Skeleton("aaa"))
}

func TestPhonetic(t *testing.T) {
	dm1, _, ny := Phonetic("mohammed")
	dm1b, _, nyb := Phonetic("muhammad")
	assert.Equal(t, dm1, dm1b)
	assert.NotEmpty(t, ny)
	assert.NotEmpty(t, nyb)
	a, b, c := Phonetic("")
	assert.Equal(t, [3]string{}, [3]string{a, b, c})
}

func partTexts(n Name) []string {
	var out []string
	for _, p := range n.Parts {
		out = append(out, p.Text)
	}
	return out
}

func TestParseName(t *testing.T) {
	tests := []struct {
		in     string
		texts  []string
		titles []string
	}{
		{"Ayman al-Zawahiri", []string{"ayman", "zawahiri"}, nil},
		{"AL-ZAWAHIRI, Ayman", []string{"ayman", "zawahiri"}, nil},
		{"ZAWAHIRI<<AYMAN<MUHAMMAD<<<<<", []string{"ayman", "muhammad", "zawahiri"}, nil},
		{"ABD AL-RAHMAN OULD MUHAMMAD AL-HUSAYN", []string{"abdalrahman", "ould", "muhammad", "husayn"}, nil},
		{"Abdarrahmane ould Mohamed el Houcein", []string{"abdarrahmane", "ould", "mohamed", "houcein"}, nil},
		{"Sheikh Abu Bakr al-Baghdadi", []string{"abubakr", "baghdadi"}, []string{"sheikh"}},
		{"Mullah Mohammed Omar", []string{"mohammed", "omar"}, []string{"mullah"}},
		{"Maulavi Haji Abdul Kabir", []string{"abdulkabir"}, []string{"maulavi", "haji"}},
		{"Dr. Ayman", []string{"ayman"}, []string{"dr"}},
		{"Usama bin Laden", []string{"usama", "bin", "laden"}, nil},
		{"Abu al-Hasan", []string{"abuhasan"}, nil},
		{"Nur ad-Din", []string{"nurdin"}, nil},
		{"Shams al-Din", []string{"shamsdin"}, nil},
		{"Hidayat Allah", []string{"hidayatallah"}, nil},
		{"Abdul Rahman ar-Rashid", []string{"abdulrahman", "rashid"}, nil},
		{"J. Smith", []string{"j", "smith"}, nil},
		{"El Hadj Ould Abdel Ghader", []string{"ould", "abdelghader"}, []string{"hadj"}},
		{"Kim Il Sung", []string{"kim", "il", "sung"}, nil},
		{"Zia ul Haq", []string{"zia", "haq"}, nil},
		{"Sheikh", []string{"sheikh"}, nil},
		{"", nil, nil},
	}
	for _, tt := range tests {
		n := ParseName(tt.in)
		assert.Equal(t, tt.texts, partTexts(n), tt.in)
		assert.Equal(t, tt.titles, n.Titles, tt.in)
	}
	n := ParseName("Ayman al-Zawahiri")
	assert.True(t, n.Parts[1].Article)
	assert.False(t, n.Parts[0].Article)
	n = ParseName("Usama bin Laden J.")
	assert.Equal(t, PartParticle, n.Parts[1].Kind)
	assert.Equal(t, PartInitial, n.Parts[3].Kind)
	assert.Equal(t, "particle", PartParticle.String())
	assert.Equal(t, []string{"sm", "ldn", "j"}, n.Keys())
}

// The joined and split forms of one name give one part with one Key.
func TestParseNameCompoundKeys(t *testing.T) {
	groups := [][]string{
		{"abd al rahman", "abdul rahman", "abdulrahman", "abderrahmane", "Abd al-Rahman", "ABD-AL-RAHMAN", "abdel rahman", "abdurrahman"},
		{"abu bakr", "abubakar", "abou bakr", "Abu Bakar", "aboubakr"},
		{"shams al din", "shams eddine", "shamsuddin", "shamseddin", "Shams-ud-Din", "shamsaldin", "Shams-al-Din"},
		{"hidayat allah", "hidayatullah", "Hedayatullah"},
	}
	for _, g := range groups {
		first := ParseName(g[0])
		require.Len(t, first.Parts, 1, g[0])
		for _, s := range g[1:] {
			n := ParseName(s)
			require.Len(t, n.Parts, 1, s)
			assert.Equal(t, first.Parts[0].Key, n.Parts[0].Key, "%s vs %s", g[0], s)
		}
	}
}

// A split connector and name concatenate to the key of the joined form, so
// the matcher can align "bin Laden" with "Binladen".
func TestJoinedConnectorKeys(t *testing.T) {
	split := ParseName("Usama bin Laden")
	joined := ParseName("Usama Binladen")
	require.Len(t, split.Parts, 3)
	require.Len(t, joined.Parts, 2)
	assert.Equal(t, joined.Parts[1].Key, split.Parts[1].Key+split.Parts[2].Key)
}

func TestRomanize(t *testing.T) {
	has := func(rs []string, want string) bool {
		for _, r := range rs {
			if r == want {
				return true
			}
		}
		return false
	}
	tests := []struct{ in, want string }{
		{"محمد", "mohammed"},
		{"محمد", "muhammad"},
		{"يوسف", "yusuf"},
		{"عبد الرحمن", "abd al rahman"},
		{"عبد الرحمن", "abdel rahman"},
		{"عبدالله", "abdullah"},
		{"ولد", "ould"},
		{"ابو بكر", "abu bakr"},
		{"Владимир Путин", "vladimir putin"},
		{"Ayman al-Zawahiri", "ayman al zawahiri"},
	}
	for _, tt := range tests {
		rs := Romanize(tt.in)
		assert.True(t, has(rs, tt.want), "%s: %v lacks %s", tt.in, rs, tt.want)
		assert.LessOrEqual(t, len(rs), maxRomanizations)
		for _, r := range rs {
			assert.True(t, isASCII(r), r)
			assert.Equal(t, Clean(r), r)
		}
	}
	assert.Nil(t, Romanize(""))
	assert.Nil(t, Romanize(" - "))
}

// The three forms of the brief meet: the officer's typing, the list's Latin
// name and the list's Arabic name share every name key.
func TestCrossScriptBrief(t *testing.T) {
	typed := ParseName("Abdul Rahman Ould Mohamed el Houcein")
	listed := ParseName("ABD AL-RAHMAN OULD MUHAMMAD AL-HUSAYN")
	assert.Equal(t, listed.Keys(), typed.Keys())
	assert.True(t, crossScriptMatch("عبد الرحمن ولد محمد الحسين", []string{"Abdul Rahman Ould Mohamed el Houcein"}))
	assert.True(t, crossScriptMatch("أيمن محمد ربيع الظواهري", []string{"AIMAN MUHAMMED RABI AL-ZAWAHIRI"}))
	assert.True(t, crossScriptMatch("أيمن محمد ربيع الظواهري", []string{"Ayman al-Zawahri"}))
}

// Every Arabic-script name in the UN excerpt meets one of its Latin names.
func TestCrossScriptUNExcerpt(t *testing.T) {
	f, err := os.Open("../testdata/normalize/un-cross-script.tsv")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for line := 1; sc.Scan(); line++ {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		fs := strings.Split(sc.Text(), "\t")
		require.Len(t, fs, 3, "line %d", line)
		n++
		assert.True(t, crossScriptMatch(fs[1], strings.Split(fs[2], " | ")), "%s %s -> %v", fs[0], fs[1], Romanize(fs[1]))
	}
	assert.Greater(t, n, 30)
}

func TestFrequencies(t *testing.T) {
	var f Frequencies
	assert.Equal(t, 1.0, f.Weight("mhmd"))
	names := []string{"Muhammad Salim", "Mohammed Omar", "Mohamed Ali Mohamed", "Ayman al-Zawahiri", "Usama bin Laden",
		"Muhammad Yusuf", "Abdul Rahman", "Hamid Karzai", "Mohammad Khan", "Ahmad Shah"}
	for _, s := range names {
		f.Add(ParseName(s))
	}
	assert.Equal(t, 10, f.Names())
	w := f.Weight(Skeleton("muhammad"))
	assert.Less(t, w, 0.5)
	assert.Greater(t, w, 0.0)
	assert.Greater(t, f.Weight(Skeleton("zawahiri")), w)
	assert.Equal(t, 1.0, f.Weight("unknown"))
	// "bin" is a particle: never counted.
	assert.Equal(t, 1.0, f.Weight("bn"))
}

func transformString(s string) (string, int, error) {
	return transformWith(Cleaner(), s)
}

// Arabic and Cyrillic pairs of moov-io/watchman's cross-script test set
// (internal/embeddings/testdata, Apache-2.0) meet on every key.
func TestCrossScriptWatchmanPairs(t *testing.T) {
	pairs := [][2]string{
		{"محمد علي", "Mohamed Ali"}, {"أحمد حسن", "Ahmed Hassan"}, {"عبد الله", "Abdullah"}, {"خالد محمود", "Khaled Mahmoud"},
		{"Владимир Путин", "Vladimir Putin"}, {"Иван Иванов", "Ivan Ivanov"}, {"Александр Петров", "Alexander Petrov"},
		{"Дмитрий Медведев", "Dmitry Medvedev"},
	}
	for _, p := range pairs {
		assert.True(t, crossScriptMatchSlack(p[0], []string{p[1]}, 0), "%s -> %v vs %s", p[0], Romanize(p[0]), p[1])
	}
}

// Romanisation on an excerpt of a transliteration split never used for
// training: most English spellings share a skeleton with a romanisation, and
// are close by Jaro-Winkler.
func TestRomanizeTranslitExcerpt(t *testing.T) {
	f, err := os.Open("../testdata/normalize/ar2en-eval-300.tsv")
	require.NoError(t, err)
	defer f.Close()
	var pairs []translitPair
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		ar, en, ok := strings.Cut(sc.Text(), "\t")
		require.True(t, ok, sc.Text())
		pairs = append(pairs, translitPair{ar: ar, en: en})
	}
	skel, jw, n := romanizationScores(pairs, nil)
	require.Equal(t, 300, n)
	assert.GreaterOrEqual(t, skel, 0.85)
	assert.GreaterOrEqual(t, jw, 0.85)
	t.Logf("skeleton %.1f%%, Jaro-Winkler %.1f%%", 100*skel, 100*jw)
}

func TestAltSpelling(t *testing.T) {
	// Each pair: a spelling of another transliteration system and the
	// English-convention one; AltSpelling of the first has the skeleton of
	// the second (and Skeleton alone does not join them).
	for _, c := range []struct{ other, english string }{
		{"sawelow", "savelov"},       // German w for v
		{"fjodorow", "fyodorov"},     // German j for y
		{"michajlowa", "mikhaylova"}, // German ch for kh
		{"tschernow", "chernov"},     // tsch is ch: only the w changes
		{"uthman", "usman"},          // thā' read as s (Persian, Urdu, Turkish)
		{"dhakir", "zakir"},          // dhāl read as z
		{"jewgeni", "yevgeni"},
		{"oualid", "walid"}, // French ou for an initial wāw
		{"ouazzani", "wazzani"},
		{"ouahbi", "wahbi"},
	} {
		require.NotEqual(t, Skeleton(c.other), Skeleton(c.english), c.other)
		alt := AltSpelling(c.other)
		assert.Equal(t, Skeleton(c.english), Skeleton(alt), "%s -> %q", c.other, alt)
	}
	// Nothing to respell, or a respelling with the same key: "".
	for _, w := range []string{"savelov", "hassan", "djamel", "schmidt", "peter", "ouf", "oussama", ""} {
		assert.Empty(t, AltSpelling(w), w)
	}
	assert.Empty(t, AltSpelling(strings.Repeat("w", 60)), "too long to respell")
}
