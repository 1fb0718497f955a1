package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Korean and Chinese syllables in their romanisations: the Revised
// Romanization, the DPRK system, McCune–Reischauer without marks, informal
// passport spellings; pinyin, Wade–Giles, Cantonese family names.
func TestSameSyllables(t *testing.T) {
	for _, tc := range []struct {
		a    string
		b    []string
		same bool
	}{
		{"jong", []string{"chong"}, true},   // 정: DPRK jong, McCune–Reischauer chong
		{"jong", []string{"jeong"}, true},   // 정: DPRK, RR
		{"jong", []string{"jung"}, true},    // 정: the informal Jung
		{"sik", []string{"shik"}, true},     // 식
		{"chol", []string{"cheol"}, true},   // 철
		{"hyon", []string{"hyun"}, true},    // 현
		{"yong", []string{"young"}, true},   // 영
		{"choe", []string{"choi"}, true},    // 최
		{"ri", []string{"lee"}, true},       // 리/이
		{"xi", []string{"hsi"}, true},       // pinyin, Wade–Giles
		{"zhang", []string{"chang"}, true},  // Wade–Giles
		{"zhang", []string{"cheung"}, true}, // Cantonese family name
		{"jongun", []string{"jong", "un"}, true},
		{"jongun", []string{"chong", "un"}, true},
		{"jinping", []string{"chin", "ping"}, true},
		{"yong", []string{"yang"}, false},
		{"chun", []string{"chin"}, false},
		{"ung", []string{"jung"}, false},
		{"un", []string{"il"}, false},
		{"jianguo", []string{"jung"}, false},
		{"jongun", []string{"jong", "il"}, false},
		{"yang", []string{"jang"}, false},
	} {
		assert.Equal(t, tc.same, SameSyllables(tc.a, tc.b...), "%s %v", tc.a, tc.b)
	}
	assert.True(t, SameSyllables("zawahiri", "zawahiri"), "equal spellings are the same")
	assert.False(t, SameSyllables("zawahiri", "zawahri"), "no syllables")
	assert.True(t, IsSyllable("jong"))
	assert.False(t, IsSyllable("sson"), "썬 is no name's syllable")
	assert.True(t, Syllabic("jongun"))
	assert.False(t, Syllabic("hassan"))
	assert.True(t, SyllableReadings("jong").Meet(SyllableReadings("chong")))
	assert.NotEmpty(t, SyllableCuts("jongun"))
}

// ParseName tags the parts of a Chinese or Korean name PartSyllable, and no
// other names.
func TestSyllableNames(t *testing.T) {
	for _, tc := range []struct {
		name string
		syl  bool
	}{
		{"Kim Jong Un", true},
		{"Jong Sik Kim", true}, // the Western order
		{"KIM Jongun", true},
		{"Xi Jinping", true},
		{"Chen Ying Chao", true},
		{"Park Ji-sung", true},
		{"Yu Chol U", true}, // a syllable of one letter
		{"Anna Lee", false}, // an English given name of two syllables
		{"Maria Smith", false},
		{"Ali Hassan", false},
		{"Ahmed bin Ali", false},
		{"Nguyen Van Minh", false},
	} {
		n := ParseName(tc.name)
		for _, p := range n.Parts {
			if p.Kind == PartParticle {
				continue
			}
			assert.Equal(t, tc.syl, p.Kind == PartSyllable, "%s: %s is %v", tc.name, p.Text, p.Kind)
		}
	}
}
