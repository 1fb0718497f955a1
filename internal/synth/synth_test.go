package synth

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEntryDeterministic(t *testing.T) {
	for _, i := range []int{0, 1, 17, 999, 123456} {
		a, b := Entry(7, i), Entry(7, i)
		assert.Equal(t, a, b, "entry %d", i)
		assert.NotEqual(t, a.Names, Entry(8, i).Names, "entry %d under another seed", i)
	}
	// The list of n is the first n entries of a longer one.
	var short, long []lists.Entry
	require.NoError(t, Entries(context.Background(), 3, 50, func(e *lists.Entry) error { short = append(short, *e); return nil }))
	require.NoError(t, Entries(context.Background(), 3, 80, func(e *lists.Entry) error { long = append(long, *e); return nil }))
	assert.Equal(t, short, long[:50])
}

func TestWriteSameBytes(t *testing.T) {
	ctx := context.Background()
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	_, err := Write(ctx, a, 11, 1000, WithPositives(40), WithNegatives(40))
	require.NoError(t, err)
	_, err = Write(ctx, b, 11, 1000, WithPositives(40), WithNegatives(40))
	require.NoError(t, err)
	_, err = Write(ctx, c, 11, 2500, WithPositives(40), WithNegatives(40))
	require.NoError(t, err)
	for _, f := range []string{"list.jsonl", "queries.jsonl", "truth.csv"} {
		x, err := os.ReadFile(filepath.Join(a, f))
		require.NoError(t, err)
		y, err := os.ReadFile(filepath.Join(b, f))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(x, y), "%s differs between two runs", f)
	}
	// 1,000 entries are the first lines of 2,500 (header included).
	x, _ := os.ReadFile(filepath.Join(a, "list.jsonl"))
	y, _ := os.ReadFile(filepath.Join(c, "list.jsonl"))
	assert.True(t, bytes.HasPrefix(y, x), "the 1,000-entry list is not a prefix of the 2,500-entry one")
}

func TestWriteValid(t *testing.T) {
	dir := t.TempDir()
	sum, err := Write(context.Background(), dir, 5, 2000, WithPositives(200), WithNegatives(200))
	require.NoError(t, err)
	assert.Equal(t, 2000, sum.Entries)
	assert.Equal(t, 200, sum.Positives)
	assert.Equal(t, 200, sum.Negatives)

	f, err := os.Open(filepath.Join(dir, "list.jsonl"))
	require.NoError(t, err)
	defer f.Close()
	l, err := lists.ReadWatchlist(f, "list.jsonl")
	require.NoError(t, err)
	assert.Empty(t, l.Skipped)
	require.Len(t, l.Entries, 2000)
	assert.Equal(t, Source, l.Source)
	assert.Equal(t, "seed-5", l.Version)
	ids := map[string]bool{}
	for i, e := range l.Entries {
		ids[e.ID] = true
		want := Entry(5, i)
		want.ListVersion = "seed-5" // from the header
		for k := range e.Documents {
			assert.NotEmpty(t, e.Documents[k].Normalized, "the reader fills it")
			e.Documents[k].Normalized = ""
		}
		assert.Equal(t, want, e, "entry %d read back", i)
	}

	// Every query parses as the screen example parses it.
	qf, err := os.Open(filepath.Join(dir, "queries.jsonl"))
	require.NoError(t, err)
	defer qf.Close()
	sc := bufio.NewScanner(qf)
	var qids []string
	for sc.Scan() {
		var q raqib.Query
		d := json.NewDecoder(strings.NewReader(sc.Text()))
		d.DisallowUnknownFields()
		require.NoError(t, d.Decode(&q), sc.Text())
		require.NotEmpty(t, q.Name, q.ID)
		if q.BirthDate != "" {
			_, err := normalize.ParseDate(q.BirthDate)
			assert.NoError(t, err, "%s birth date %q", q.ID, q.BirthDate)
		}
		if q.Nationality != "" {
			_, ok := normalize.CountryCode(q.Nationality)
			assert.True(t, ok, "%s nationality %q", q.ID, q.Nationality)
		}
		if q.Gender != "" {
			_, ok := normalize.ParseGender(q.Gender)
			assert.True(t, ok, "%s gender %q", q.ID, q.Gender)
		}
		for _, d := range q.Documents {
			assert.NotEmpty(t, d.Number)
			assert.Len(t, d.Country, 2)
		}
		qids = append(qids, q.ID)
	}
	require.NoError(t, sc.Err())
	require.Len(t, qids, 400)

	tf, err := os.Open(filepath.Join(dir, "truth.csv"))
	require.NoError(t, err)
	defer tf.Close()
	rows, err := csv.NewReader(tf).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 401)
	assert.Equal(t, TruthHeader, rows[0])
	npos := 0
	seen := map[string]bool{}
	for i, r := range rows[1:] {
		assert.Equal(t, qids[i], r[0], "truth row %d", i+1)
		if r[1] != "" {
			npos++
			assert.True(t, ids[r[1]], "truth names %s, not in the list", r[1])
			assert.False(t, seen[r[1]], "entry %s presented twice", r[1])
			seen[r[1]] = true
		}
	}
	assert.Equal(t, 200, npos)
}

// TestDistribution checks the shape of the names of a 10k list.
func TestDistribution(t *testing.T) {
	const n = 10000
	given := map[string]int{}
	arabicMen, arabicScript, cyrillic, native := 0, 0, 0, 0
	cult := map[string]int{}
	seen := map[uint64]bool{}
	for i := 0; i < n; i++ {
		g := generate(1, i)
		for _, nm := range g.e.Names {
			if nm.Quality == lists.NameOriginalScript {
				native++
				switch normalize.DetectScript(nm.Full) {
				case normalize.ScriptArabic:
					arabicScript++
				case normalize.ScriptCyrillic:
					cyrillic++
				}
			}
		}
		p := g.p
		cult[p.cult.name]++
		if p.cult.name == "arabic" && !p.female {
			arabicMen++
			given[p.slots[0].p.lat[0]]++
		}
		k, _ := p.nameKeys(g.rd.show)
		seen[k] = true
	}
	// Muhammad leads Arabic men's given names by far: about one in seven.
	top, topName := 0, ""
	for k, v := range given {
		if v > top {
			top, topName = v, k
		}
	}
	assert.Equal(t, "Muhammad", topName)
	share := float64(top) / float64(arabicMen)
	assert.InDelta(t, 0.15, share, 0.04, "share of Muhammad among Arabic men")
	assert.Greater(t, float64(top)/float64(given["Ahmad"]), 1.8, "Muhammad over Ahmad")
	// Every culture is there in about its share.
	for _, c := range cultures {
		assert.InDelta(t, float64(c.permille)/1000, float64(cult[c.name])/n, 0.02, c.name)
	}
	// Original-script names: about a quarter of entries, Arabic script
	// about three times as often as Cyrillic.
	assert.InDelta(t, 0.27, float64(native)/n, 0.06, "entries with an original-script name")
	assert.Equal(t, native, arabicScript+cyrillic, "original-script names are Arabic or Cyrillic")
	assert.InDelta(t, 3.0, float64(arabicScript)/float64(cyrillic), 1.5, "Arabic-script over Cyrillic names")
	// Most people's listed names are their own; namesakes exist.
	d := float64(len(seen)) / n
	assert.Greater(t, d, 0.94, "distinct names at 10k")
	assert.Less(t, d, 0.995, "distinct names at 10k: namesakes must exist")
	t.Logf("Muhammad %.3f of %d Arabic men; original script %.3f (Arabic %d, Cyrillic %d); distinct names %.4f",
		share, arabicMen, float64(native)/n, arabicScript, cyrillic, d)
}

// TestEvalDistinctNames measures the share of distinct names (spelling and
// order aside) at 10k, 100k and, with RAQIB_EVAL=1, 1M people.
func TestEvalDistinctNames(t *testing.T) {
	sizes := []int{10000, 100000}
	if os.Getenv("RAQIB_EVAL") == "" {
		if testing.Short() || raceEnabled {
			t.Skip("100k people: set RAQIB_EVAL=1, or run without -race")
		}
	} else {
		sizes = append(sizes, 1000000)
	}
	seen := map[uint64]bool{}
	got := map[int]float64{}
	for i, k := 0, 0; k < len(sizes); i++ {
		p := newPerson(newRNG(1, streamEntry, uint64(i)))
		key, _ := p.nameKeys(p.listRender().show)
		seen[key] = true
		if i+1 == sizes[k] {
			got[sizes[k]] = float64(len(seen)) / float64(sizes[k])
			t.Logf("%d people: %.4f distinct names", sizes[k], got[sizes[k]])
			k++
		}
	}
	assert.Greater(t, got[100000], 0.78, "distinct names at 100k")
	assert.Less(t, got[100000], got[10000], "distinct share falls with size")
}

func TestQueriesMix(t *testing.T) {
	qs, err := Queries(2, 20000)
	require.NoError(t, err)
	require.Len(t, qs, 2000)
	again, err := Queries(2, 20000)
	require.NoError(t, err)
	assert.Equal(t, qs, again)
	changes := map[string]int{}
	pos := 0
	script := 0
	for _, q := range qs {
		if q.EntryID == "" {
			continue
		}
		pos++
		for _, c := range q.Changes {
			changes[c]++
		}
		if normalize.DetectScript(q.Name) != normalize.ScriptLatin {
			script++
		}
	}
	assert.Equal(t, 1000, pos)
	share := func(c string) float64 { return float64(changes[c]) / float64(pos) }
	for _, tc := range []struct {
		change string
		want   float64
	}{
		{"translit", 0.45}, {"reorder", 0.2}, {"drop-middle", 0.2}, {"typo", 0.13}, {"script", 0.05},
		{"dob-year", 0.15}, {"dob-near", 0.1}, {"no-dob", 0.15}, {"no-nationality", 0.25},
	} {
		assert.InDelta(t, tc.want, share(tc.change), 0.1, tc.change)
	}
	assert.Equal(t, changes["script"], script, "script changes are the non-Latin queries")

	_, err = Queries(2, 10, WithPositives(11))
	assert.ErrorIs(t, err, ErrOptions)
	_, err = Queries(2, 10, WithNegatives(-1))
	assert.ErrorIs(t, err, ErrOptions)
}

func TestRomanize(t *testing.T) {
	for _, tc := range []struct {
		cyr  string
		sys  cyrSystem
		want string
	}{
		{"Сергеев", sysBGN, "Sergeyev"},
		{"Сергеев", sysICAO, "Sergeev"},
		{"Соловьёв", sysBGN, "Solovyev"},
		{"Соловьёв", sysPopular, "Solovyov"},
		{"Соловьёв", sysGerman, "Solowjow"},
		{"Горбачёв", sysGerman, "Gorbatschow"},
		{"Шевченко", sysFrench, "Chevtchenko"},
		{"Дмитрий", sysICAO, "Dmitrii"},
		{"Дмитрий", sysBGN, "Dmitriy"},
		{"Дмитрий", sysPopular, "Dmitry"},
		{"Юрий", sysFrench, "Iouri"},
		{"Наталья", sysICAO, "Natalia"},
		{"Хрущёв", sysBGN, "Khrushchev"},
		{"Ульянов", sysFrench, "Oulianov"},
		{"Евгений", sysBGN, "Yevgeniy"},
	} {
		assert.Equal(t, tc.want, romanizeRussianWith(tc.cyr, tc.sys), "%s system %d", tc.cyr, tc.sys)
	}
	assert.Equal(t, []string{"Oleksandr", "Oleksandr", "Oleksandr"}[0], romanizeUkrainian("Олександр")[0])
	assert.Equal(t, "Yurii", romanizeUkrainian("Юрій")[0])
	assert.Contains(t, romanizeUkrainian("Григорій"), "Grygorii")
}

func TestPatronymics(t *testing.T) {
	ru := func(name string) *part {
		for _, tb := range []*table{russianMale, caucasusMale, centralAsianMale} {
			for i := range tb.parts {
				if tb.parts[i].nat == name {
					return &tb.parts[i]
				}
			}
		}
		t.Fatalf("no %s", name)
		return nil
	}
	for _, tc := range []struct{ father, male, female string }{
		{"Иван", "Иванович", "Ивановна"},
		{"Сергей", "Сергеевич", "Сергеевна"},
		{"Дмитрий", "Дмитриевич", "Дмитриевна"},
		{"Юрий", "Юрьевич", "Юрьевна"},
		{"Илья", "Ильич", "Ильинична"},
		{"Никита", "Никитич", "Никитична"},
		{"Павел", "Павлович", "Павловна"},
		{"Игорь", "Игоревич", "Игоревна"},
		{"Гаджи", "Гаджиевич", "Гаджиевна"},
	} {
		assert.Equal(t, tc.male, russianPatronymic(ru(tc.father), false).nat)
		assert.Equal(t, tc.female, russianPatronymic(ru(tc.father), true).nat)
	}
	for _, tc := range []struct{ father, male, female string }{
		{"Олександр", "Олександрович", "Олександрівна"},
		{"Сергій", "Сергійович", "Сергіївна"},
		{"Микола", "Миколайович", "Миколаївна"},
		{"Дмитро", "Дмитрович", "Дмитрівна"},
		{"Василь", "Васильович", "Василівна"},
	} {
		assert.Equal(t, tc.male, ukrainianPatronymic(tc.father, false).nat)
		assert.Equal(t, tc.female, ukrainianPatronymic(tc.father, true).nat)
	}
	for _, tc := range []struct{ root, want string }{
		{"Волк", "Волков"}, {"Соболь", "Соболев"}, {"Ерш", "Ершев"}, {"Бобо", "Бобоев"},
	} {
		assert.Equal(t, tc.want, russianSurname(tc.root, false))
	}
	assert.Equal(t, "Толстая", russianFeminine("Толстой"))
	assert.Equal(t, "Покровская", russianFeminine("Покровский"))
	assert.Equal(t, "Иванова", russianFeminine("Иванов"))
}

func TestDocumentNumbers(t *testing.T) {
	r := newRNG(1, 99, 0)
	for i := 0; i < 200; i++ {
		tc := turkishID(r)
		require.Len(t, tc, 11)
		d := func(k int) int { return int(tc[k] - '0') }
		assert.NotEqual(t, byte('0'), tc[0])
		assert.Equal(t, ((d(0)+d(2)+d(4)+d(6)+d(8))*7-(d(1)+d(3)+d(5)+d(7))+100)%10, d(9), tc)
		s := 0
		for k := 0; k < 10; k++ {
			s += d(k)
		}
		assert.Equal(t, s%10, d(10), tc)

		cn := chineseID(r, "1975-03-09", i%2 == 0)
		require.Len(t, cn, 18)
		assert.Equal(t, "19750309", cn[6:14])
		w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
		sum := 0
		for k := 0; k < 17; k++ {
			sum += int(cn[k]-'0') * w[k]
		}
		assert.Equal(t, "10X98765432"[sum%11], cn[17], cn)
		assert.Equal(t, i%2 == 0, (cn[16]-'0')%2 == 0, "sex digit of %s", cn)

		es := documentNumber(r, "es", "", false)
		var num int
		for _, c := range es[:8] {
			num = num*10 + int(c-'0')
		}
		assert.Equal(t, "TRWAGMYFPDXBNJZSQVHLCKE"[num%23], es[8], es)

		assert.Regexp(t, `^\d{6}-[12]\d{6}$`, koreanID(r, "1980-12-01", i%2 == 1))
	}
	assert.Regexp(t, `^[A-HJ-NP-Z]{2}\d{7}$`, documentNumber(r, "LLDDDDDDD", "", false))
}

func TestTables(t *testing.T) {
	script := func(s string) normalize.Script { return normalize.DetectScript(s) }
	for _, tb := range []*table{arabicMale, arabicFemale, arabicFamily, maghrebiFamily, persianMale, persianFemale,
		persianFamily, pashtoMale, pashtoFamily, southAsianMuslimMale, southAsianMuslimFemale, southAsianMuslimFamily} {
		for _, p := range tb.parts {
			assert.Equal(t, normalize.ScriptArabic, script(p.nat), "%s: %s %q", tb.name, p.lat[0], p.nat)
			for _, s := range p.lat {
				assert.Equal(t, normalize.ScriptLatin, script(s), "%s: %q", tb.name, s)
			}
		}
	}
	for _, tb := range []*table{russianMale, russianFemale, russianFamily, caucasusMale, caucasusFemale, caucasusFamily,
		ukrainianMale, ukrainianFemale, ukrainianFamily, centralAsianMale, centralAsianFemale, azeriMale, azeriFamily} {
		for _, p := range tb.parts {
			assert.Equal(t, normalize.ScriptCyrillic, script(p.nat), "%s: %q", tb.name, p.nat)
			for _, s := range p.lat {
				assert.Equal(t, normalize.ScriptLatin, script(s), "%s: %q", tb.name, s)
				assert.True(t, unicode.IsUpper([]rune(s)[0]), "%s: %q", tb.name, s)
			}
		}
	}
	for _, st := range nisbaStems {
		assert.Equal(t, normalize.ScriptArabic, script(st[1]), st[0])
	}
	// Every nationality the builders draw is known, with the shapes of its numbers.
	for i := 0; i < 5000; i++ {
		p := newPerson(newRNG(4, streamEntry, uint64(i)))
		require.NotEmpty(t, p.nats)
		for _, c := range p.nats {
			require.Contains(t, countries, c, "person %d (%s)", i, p.sub)
			code, ok := normalize.CountryCode(countries[c].name)
			assert.True(t, ok && code == c, "%s: %s reads as %q", c, countries[c].name, code)
			code, ok = normalize.CountryCode(countries[c].a3)
			assert.True(t, ok && code == c, "%s: %s reads as %q", c, countries[c].a3, code)
		}
		for _, s := range p.slots {
			require.NotEmpty(t, s.p.lat, "person %d (%s)", i, p.sub)
			for _, l := range s.p.lat {
				require.NotEmpty(t, strings.TrimSpace(l), "person %d (%s)", i, p.sub)
			}
		}
		require.True(t, p.dob[0] >= 1945 && p.dob[0] <= 2000, "birth year %d", p.dob[0])
	}
}

func TestTypo(t *testing.T) {
	r := newRNG(9, 1, 1)
	for i := 0; i < 500; i++ {
		in := "Muhammad Abdelkader al-Masri"
		out := typo(r, in)
		assert.Equal(t, 1, editDistance(in, out), "%q -> %q", in, out)
		for k, w := range strings.Fields(out) {
			assert.Equal(t, []rune(strings.Fields(in)[k])[0], []rune(w)[0], "first letter kept: %q", out)
		}
	}
	assert.Equal(t, "Li Na", typo(r, "Li Na"), "no word of four letters: no typo")
}

// editDistance is the optimal string alignment distance (a swap of two
// neighbours is one edit).
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			c := 1
			if x[i-1] == y[j-1] {
				c = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+c)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

func TestWriteErrors(t *testing.T) {
	_, err := Write(context.Background(), t.TempDir(), 1, 0)
	assert.Error(t, err)
	_, err = Write(context.Background(), t.TempDir(), 1, 10, WithPositives(20))
	assert.ErrorIs(t, err, ErrOptions)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Write(ctx, t.TempDir(), 1, 50000)
	assert.ErrorIs(t, err, context.Canceled)
	// A path that cannot be a directory.
	f := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(f, nil, 0o644))
	_, err = Write(context.Background(), filepath.Join(f, "sub"), 1, 10)
	assert.Error(t, err)
	assert.Error(t, Entries(context.Background(), 1, -1, func(*lists.Entry) error { return nil }))
}

// TestGolden holds the bytes of a small set: the same seed must give the
// same queries and truth in every version (the list itself is written by
// lists.Writer, whose format is that package's). A deliberate change to the
// generator changes these hashes, and the figures in docs/scale.md measured
// on the old sets with them.
func TestGolden(t *testing.T) {
	dir := t.TempDir()
	_, err := Write(context.Background(), dir, 1, 300, WithPositives(20), WithNegatives(20))
	require.NoError(t, err)
	for f, want := range map[string]string{
		"queries.jsonl": "4127fec9afb5110529249a163158096780d353a763681db828623ff981ac2f03",
		"truth.csv":     "6d1e41ebc3c86a4ed6a15dd9e8384e34b6124ebbd56b7bf2a86132dbd98c9936",
	} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		require.NoError(t, err)
		assert.Equal(t, want, fmt.Sprintf("%x", sha256.Sum256(b)), f)
	}
}
