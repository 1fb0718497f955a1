package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNicknames(t *testing.T) {
	tests := []struct {
		in   string
		has  []string
		lack []string
	}{
		{"William", []string{"bill", "billy", "will", "willie"}, []string{"william", "robert"}},
		{"Bill", []string{"william", "robert"}, nil},
		{"MARGARET", []string{"peggy", "meg", "maggie"}, nil},
		{"Peggy", []string{"margaret"}, nil},
		{"Elizabeth", []string{"liz", "beth", "betty", "eliza"}, nil},
		{"Casey", []string{"kc"}, nil},
		{"Alexander", []string{"alex", "sandy"}, nil},
		// Other languages' forms and Russian short forms (given_equivalents.txt).
		{"Aleksandr", []string{"sasha", "alexander", "iskandar", "oleksandr"}, []string{"mikhail"}},
		{"Sasha", []string{"aleksandr", "aleksandra"}, nil},
		{"Yusuf", []string{"joseph", "youssef", "iosif"}, []string{"yunus"}},
		{"Yahya", []string{"john", "ivan", "juan"}, nil},
		{"Volodya", []string{"vladimir", "volodymyr"}, nil},
	}
	for _, tt := range tests {
		got := Nicknames(tt.in)
		for _, h := range tt.has {
			assert.Contains(t, got, h, tt.in)
		}
		for _, l := range tt.lack {
			assert.NotContains(t, got, l, tt.in)
		}
		assert.IsIncreasing(t, got, tt.in)
	}
	assert.Nil(t, Nicknames("Zawahiri"))
	assert.Nil(t, Nicknames(""))
	assert.Nil(t, Nicknames("William Henry"))
}
