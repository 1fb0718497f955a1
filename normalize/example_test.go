package normalize_test

import (
	"fmt"
	"time"

	"github.com/raqib/raqib/normalize"
)

func ExampleClean() {
	fmt.Println(normalize.Clean("‘Abd al-Rahman  AL-‘ANIZI"))
	fmt.Println(normalize.Clean("مُحَمَّد إبراهيم"))
	// Output:
	// abd al rahman al anizi
	// محمد ابراهيم
}

func ExampleSkeleton() {
	for _, w := range []string{"muhammad", "mohammed", "mohamed", "houcein", "husayn", "gaddafi", "qadhafi"} {
		fmt.Println(w, normalize.Skeleton(w))
	}
	// Output:
	// muhammad mhmd
	// mohammed mhmd
	// mohamed mhmd
	// houcein hsn
	// husayn hsn
	// gaddafi kdf
	// qadhafi kdf
}

func ExampleParseName() {
	n := normalize.ParseName("AL-ZAWAHIRI, Sheikh Ayman")
	fmt.Println(n.Titles)
	for _, p := range n.Parts {
		fmt.Println(p.Text, p.Kind, p.Key, p.Article)
	}
	n = normalize.ParseName("Abderrahmane ould Mohamed")
	for _, p := range n.Parts {
		fmt.Println(p.Text, p.Kind, p.Key)
	}
	// Output:
	// [sheikh]
	// ayman name mn false
	// zawahiri name shr true
	// abderrahmane name bdrhmn
	// ould particle ld
	// mohamed name mhmd
}

func ExampleRomanize() {
	rs := normalize.Romanize("عبد الرحمن ولد محمد الحسين")
	fmt.Println(rs[0])
	fmt.Println(len(rs) > 1)
	// Output:
	// abd al rehman ould mohammed al husayn
	// true
}

func ExampleParseDate() {
	rs, _ := normalize.ParseDate("01/02/1962")
	fmt.Println(rs)
	rs, _ = normalize.ParseDate("approximately 1975")
	fmt.Println(rs)
	// Output:
	// [{1962-02-01 1962-02-01 day} {1962-01-02 1962-01-02 day}]
	// [{1974-01-01 1976-12-31 approximate}]
}

func ExampleParseMRZDate() {
	now := time.Date(2026, 5, 8, 0, 0, 0, 0, time.UTC)
	r, _ := normalize.ParseMRZDate("510619", now, false)
	fmt.Println(r.From, r.Precision)
	// Output: 1951-06-19 day
}

func ExampleCountryCode() {
	for _, s := range []string{"Iran (Islamic Republic of)", "Algerian", "DZA", "Syrian Arab Republic"} {
		c, ok := normalize.CountryCode(s)
		fmt.Println(c, ok)
	}
	// Output:
	// IR true
	// DZ true
	// DZ true
	// SY true
}

func ExampleDocumentKey() {
	fmt.Println(normalize.DocumentNumber("ab 12-O4"), normalize.DocumentKey("ab 12-O4"), normalize.DocumentKey("AB1204"))
	// Output: AB12O4 A81204 A81204
}

func ExampleFrequencies() {
	var f normalize.Frequencies
	for _, s := range []string{"Muhammad Salim", "Mohammed Omar", "Mohamed Yusuf", "Ayman al-Zawahiri"} {
		f.Add(normalize.ParseName(s))
	}
	fmt.Printf("%.2f %.2f\n", f.Weight(normalize.Skeleton("muhammad")), f.Weight(normalize.Skeleton("zawahiri")))
	// Output: 0.14 0.57
}
