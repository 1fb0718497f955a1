package mrz

import "testing"

func BenchmarkParseTD3(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(specTD3); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseTD1(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(specTD1Long); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNameVariantsArabic(b *testing.B) {
	m, err := Parse("P<UTOALRAZY<<ABW<BKR<MXHMD<BN<ZKRYA<<<<<<<<<\nA1234567<6UTO6202013M3001019<<<<<<<<<<<<<<<6")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		m.NameVariants()
	}
}

func BenchmarkNameVariantsLatin(b *testing.B) {
	m, err := Parse(specTD3)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		m.NameVariants()
	}
}
