package normalize

import (
	"os"
	"strings"
	"testing"
)

var (
	sinkS string
	sinkN Name
	sinkL []string
)

func BenchmarkNormalizeName(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		n := ParseName("Abd al-Rahman Ould Mohamed el-Houcein")
		sinkN = n
	}
}

func BenchmarkNormalizeNameKeys(b *testing.B) {
	// Clean + ParseName + skeleton and phonetic keys of a 4-token name.
	b.ReportAllocs()
	for b.Loop() {
		n := ParseName("Ayman Muhammad Rabi al-Zawahiri")
		for _, p := range n.Parts {
			d1, d2, ny := Phonetic(p.Text)
			sinkS, sinkS, sinkS = d1, d2, ny
		}
		sinkN = n
	}
}

func BenchmarkClean(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkS = Clean("Ayman Muhammad Rabi al-Zawahiri")
	}
}

func BenchmarkCleanArabic(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkS = Clean("أيمن محمد ربيع الظواهري")
	}
}

func BenchmarkSkeleton(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkS = Skeleton("abderrahmane")
	}
}

func BenchmarkPhonetic(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		d1, _, _ := Phonetic("zawahiri")
		sinkS = d1
	}
}

func BenchmarkRomanize(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkL = Romanize("أيمن محمد ربيع الظواهري")
	}
}

// BenchmarkRomanizeMany romanises the 41 Arabic-script names of the UN
// excerpt in turn (the same words recur across names, as on a real list and
// in real queries).
func BenchmarkRomanizeMany(b *testing.B) {
	data, err := os.ReadFile("../testdata/normalize/un-cross-script.tsv")
	if err != nil {
		b.Fatal(err)
	}
	var names []string
	for _, line := range strings.Split(string(data), "\n") {
		if fs := strings.Split(line, "\t"); len(fs) == 3 && !strings.HasPrefix(line, "#") {
			names = append(names, fs[1])
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sinkL = Romanize(names[i%len(names)])
		i++
	}
}

func BenchmarkRomanizeHan(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkL = Romanize("金正恩")
	}
}

func BenchmarkRomanizeHangul(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkL = Romanize("김정은")
	}
}

func BenchmarkRomanizeGreek(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkL = Romanize("Κυριάκος Μητσοτάκης")
	}
}

func BenchmarkParseOrgName(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkN = ParseName("Acme International Trading Holding AG")
	}
}
