package normalize

import "testing"

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
