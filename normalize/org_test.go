package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// parts returns the kind and text of each part of a parsed name.
func parts(s string) [][2]string {
	var out [][2]string
	for _, p := range ParseName(s).Parts {
		out = append(out, [2]string{p.Kind.String(), p.Text})
	}
	return out
}

// Legal forms: every spelling of one form gives one Text, forms of one class
// one Key (OpenSanctions' org_types).
func TestLegalForms(t *testing.T) {
	same := [][]string{
		{"Acme Holding AG", "Acme Holding Aktiengesellschaft", "Acme Holding A.G.", "Acme Holding Aktien-Gesellschaft"},
		{"Acme Limited", "Acme Ltd", "Acme Ltd."},
		{"Acme LLC", "Acme L.L.C.", "Acme Limited Liability Company"},
		{"Acme JSC", "Acme Joint Stock Company", "Acme Joint-Stock Company"},
		{"Acme GmbH", "Acme Gesellschaft mit beschränkter Haftung", "Acme G.m.b.H."},
		{"ООО Ромашка", "OOO Romashka"},
		{"Acme S.A.", "Acme SA", "Acme Sociedad Anonima"},
	}
	for _, group := range same {
		var want Part
		for i, s := range group {
			n := ParseName(s)
			var legal []Part
			for _, p := range n.Parts {
				if p.Kind == PartLegalForm {
					legal = append(legal, p)
				}
			}
			if !assert.Len(t, legal, 1, "%s: %v", s, parts(s)) {
				continue
			}
			if i == 0 {
				want = legal[0]
			}
			assert.Equal(t, want, legal[0], s)
		}
	}
	// Different forms of one class share the Key, not the Text.
	llc, ooo, ltd := ParseName("Acme LLC"), ParseName("ООО Acme"), ParseName("Acme Ltd")
	assert.Equal(t, "legal:llc", llc.Parts[1].Key)
	assert.Equal(t, llc.Parts[1].Key, ooo.Parts[0].Key)
	assert.Equal(t, llc.Parts[1].Key, ltd.Parts[1].Key)
	assert.NotEqual(t, llc.Parts[1].Text, ooo.Parts[0].Text)
	assert.Equal(t, "legal:jsc", ParseName("Siemens AG").Parts[1].Key)
}

func TestOrgParts(t *testing.T) {
	tests := []struct {
		in   string
		want [][2]string
	}{
		{"Brigade 12", [][2]string{{"name", "brigade"}, {"number", "12"}}},
		{"Brigade Twelve", [][2]string{{"name", "brigade"}, {"number", "12"}}},
		{"Twelfth Brigade", [][2]string{{"number", "12"}, {"name", "brigade"}}},
		{"12th Brigade", [][2]string{{"number", "12"}, {"name", "brigade"}}},
		{"Brigade XII", [][2]string{{"name", "brigade"}, {"number", "12"}}},
		{"Brigade twenty-one", [][2]string{{"name", "brigade"}, {"number", "21"}}},
		{"Star 007", [][2]string{{"name", "star"}, {"number", "7"}}},
		{"Vessel No. 3", [][2]string{{"name", "vessel"}, {"generic", "no"}, {"number", "3"}}},
		{"Two Hundred Brigade", [][2]string{{"number", "200"}, {"name", "brigade"}}},
		{"National Gas Company", [][2]string{{"generic", "national"}, {"name", "gas"}, {"generic", "company"}}},
		{"The Trading Group of Acme", [][2]string{{"generic", "the"}, {"generic", "trading"}, {"generic", "group"}, {"generic", "of"}, {"name", "acme"}}},
		{"I.B.M. Corporation", [][2]string{{"acronym", "ibm"}, {"generic", "corporation"}}},
		{"U.S.A", [][2]string{{"acronym", "usa"}}},
		// Not organisation words:
		{"The Bank", [][2]string{{"name", "the"}, {"name", "bank"}}},                              // nothing else left
		{"Limited", [][2]string{{"name", "limited"}}},                                             // likewise
		{"A.Q. Khan", [][2]string{{"initial", "a"}, {"initial", "q"}, {"name", "khan"}}},          // two dotted initials
		{"Xi Jinping", [][2]string{{"syllable", "xi"}, {"syllable", "jinping"}}},                  // XI first: a name
		{"Jinping Xi", [][2]string{{"syllable", "jinping"}, {"syllable", "xi"}}},                  // never a numeral
		{"Kim Min Yu", [][2]string{{"syllable", "kim"}, {"syllable", "min"}, {"syllable", "yu"}}}, // "yu" is no legal form here
		{"Sa Ali", [][2]string{{"name", "sa"}, {"name", "ali"}}},                                  // SA only last
		{"Ayman al-Zawahiri", [][2]string{{"name", "ayman"}, {"name", "zawahiri"}}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, parts(tt.in), tt.in)
	}
}

func TestAcronym(t *testing.T) {
	tests := []struct{ in, want string }{
		{"International Business Machines Corporation", "ibm"},
		{"Royal Bank of Scotland plc", "rbs"},
		{"Lashkar-e-Taiba", "let"},
		{"Islamic Revolutionary Guard Corps", "irgc"},
		{"I.B.M.", "ibm"},
		{"Hamas", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ParseName(tt.in).Acronym(), tt.in)
	}
}

func TestFrequenciesCountOrgParts(t *testing.T) {
	var f Frequencies
	for _, s := range []string{"Acme Ltd", "Zenith Limited", "Orbit LLC", "Delta Holding", "Nova Trading"} {
		f.Add(ParseName(s))
	}
	// The legal forms weigh little: three of five names hold the class.
	assert.Less(t, f.Weight("legal:llc"), f.Weight(Skeleton("acme")))
}
