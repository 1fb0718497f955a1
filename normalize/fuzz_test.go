package normalize

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func FuzzClean(f *testing.F) {
	for _, s := range []string{"‘Abd al-Rahman", "مُحَمَّد إبراهيم", "STRAßE", "a\xffb", "ＡＢＣ", "  - ", "پاکستان ۱۲۳"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Clean(s)
		if strings.HasPrefix(c, " ") || strings.HasSuffix(c, " ") || strings.Contains(c, "  ") {
			t.Fatalf("Clean(%q) = %q: bad spaces", s, c)
		}
		if utf8.ValidString(s) && Clean(c) != c {
			t.Fatalf("Clean not idempotent: %q -> %q -> %q", s, c, Clean(c))
		}
	})
}

func FuzzParseName(f *testing.F) {
	for _, s := range []string{"AL-ZAWAHIRI, Ayman", "ZAWAHIRI<<AYMAN<<", "abd al", "abu", "al al al", "Sheikh", "عبد الرحمن ولد محمد", "Владимир",
		"I.B.M. Ltd", "ООО Ромашка", "Brigade twenty one", "Trust XII", "The Bank", "金正恩", "Kim 정은"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := ParseName(s)
		for _, p := range n.Parts {
			want := Skeleton(p.Text)
			switch p.Kind {
			case PartNumber:
				want = "#" + p.Text
			case PartLegalForm:
				want = p.Key
				if !strings.HasPrefix(p.Key, "legal:") {
					t.Fatalf("ParseName(%q): bad legal form %+v", s, p)
				}
			}
			if p.Text == "" || p.Key != want {
				t.Fatalf("ParseName(%q): bad part %+v", s, p)
			}
		}
	})
}

func FuzzRomanize(f *testing.F) {
	for _, s := range []string{"محمد", "عبدالله", "عبد الرحمن", "ال", "ة", "مُحَمَّد", "Пушкин", "a محمد", "山田太郎", "김정은",
		"Νικόλαος", "משה", "สมชาย", "नरेन्द्र", "መለስ", "やまだ", "Երևան", "თბილისი"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rs := Romanize(s)
		if len(rs) > maxRomanizations {
			t.Fatalf("Romanize(%q): %d spellings", s, len(rs))
		}
		seen := map[string]bool{}
		for _, r := range rs {
			if r == "" || isASCII(r) && Clean(r) != r || seen[r] || IsLatin(s) && isASCII(Fold(s)) && !isASCII(r) {
				t.Fatalf("Romanize(%q): bad or repeated spelling %q in %q", s, r, rs)
			}
			seen[r] = true
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"1962-02-01", "between 1970 and 1972", "01/02/1962", "approximately 1975", "Between Aug. and Sep. 1977", "1962; 1963", "-", "99999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rs, err := ParseDate(s)
		if err != nil {
			return
		}
		for _, r := range rs {
			if r.From > r.To || len(r.From) != 10 || len(r.To) != 10 {
				t.Fatalf("ParseDate(%q) = %+v", s, r)
			}
		}
	})
}

func FuzzParseMRZDate(f *testing.F) {
	for _, s := range []string{"620201", "6202<<", "62<<<<", "991231", "000229", "<<<<<<"} {
		f.Add(s, false)
	}
	now := time.Date(2026, 5, 8, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string, expiry bool) {
		r, err := ParseMRZDate(s, now, expiry)
		if err == nil && (r.From > r.To || !expiry && r.From > "2026-05-08") {
			t.Fatalf("ParseMRZDate(%q) = %+v", s, r)
		}
	})
}

func FuzzCountryCode(f *testing.F) {
	for _, s := range []string{"Iran (Islamic Republic of)", "DZA", "Sudan/South Sudan", "(", "/,;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if c, ok := CountryCode(s); ok && len(c) != 2 {
			t.Fatalf("CountryCode(%q) = %q", s, c)
		}
	})
}

func FuzzDocumentNumber(f *testing.F) {
	for _, s := range []string{"Qatari passport number 00868774", "D-379312", "ab<<12", "١٢٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, k := DocumentNumber(s), DocumentKey(s)
		if len(n) != len(k) {
			t.Fatalf("DocumentNumber(%q)=%q DocumentKey=%q", s, n, k)
		}
		if DocumentNumber(n) != n {
			t.Fatalf("DocumentNumber not idempotent on %q: %q", s, n)
		}
	})
}
