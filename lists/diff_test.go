package lists

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// refsInXML collects the REFERENCE_NUMBERs of a UN file by a text scan.
func refsInXML(t *testing.T, path string) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	out := map[string]bool{}
	for _, m := range regexp.MustCompile(`<REFERENCE_NUMBER>\s*(.*?)\s*</REFERENCE_NUMBER>`).FindAllSubmatch(b, -1) {
		out["UN:"+string(m[1])] = true
	}
	return out
}

func TestDiffUN(t *testing.T) {
	const oldPath = "../testdata/lists/un-consolidated-2020-11-30.xml"
	old, err := Load(oldPath)
	require.NoError(t, err)
	cur, err := Default()
	require.NoError(t, err)
	d := Diff(old, cur)

	// The data README: 107 delisted, 98 added between 2020-11-30 and 2026-05-08.
	assert.Len(t, d.Removed, 107)
	assert.Len(t, d.Added, 98)

	// The same from a plain scan of the reference numbers.
	oldRefs := refsInXML(t, oldPath)
	newRefs := map[string]bool{}
	for _, m := range reRef.FindAllSubmatch(defaultUN, -1) {
		newRefs["UN:"+string(m[1])] = true
	}
	var removed, added []string
	for r := range oldRefs {
		if !newRefs[r] {
			removed = append(removed, r)
		}
	}
	for r := range newRefs {
		if !oldRefs[r] {
			added = append(added, r)
		}
	}
	assert.ElementsMatch(t, removed, ids(d.Removed))
	assert.ElementsMatch(t, added, ids(d.Added))
	assert.Equal(t, len(old.Entries)-len(d.Removed)+len(d.Added), len(cur.Entries))

	// Entries in both: the changed ones name their changed fields.
	fields := map[string]int{}
	for _, c := range d.Changed {
		require.NotEmpty(t, c.Fields, c.ID)
		assert.Equal(t, c.ID, c.Old.ID)
		assert.Equal(t, c.ID, c.New.ID)
		assert.NotContains(t, c.Fields, "list_version")
		for _, f := range c.Fields {
			fields[f]++
		}
	}
	t.Logf("2020-11-30 -> 2026-05-08: %d removed, %d added, %d changed; changed fields: %v", len(d.Removed), len(d.Added), len(d.Changed), fields)
	assert.Greater(t, len(d.Changed), 0)
	assert.Less(t, len(d.Changed), len(cur.Entries)-len(d.Added))
	// Every entry carries the list's Raw DATAID etc.; LAST_DAY_UPDATED moves when the UN edits an entry.
	assert.Greater(t, fields["raw"], 0)

	// A list against itself: nothing.
	same := Diff(cur, cur)
	assert.Empty(t, same.Added)
	assert.Empty(t, same.Removed)
	assert.Empty(t, same.Changed)
}

func TestDiffFields(t *testing.T) {
	a := Entry{ID: "X:1", Kind: KindPerson, Names: []Name{{Full: "A", Quality: NamePrimary}}, ListVersion: "1"}
	b := a
	b.ListVersion = "2"
	b.Gender = "male"
	b.Names = []Name{{Full: "A", Quality: NamePrimary}, {Full: "B", Quality: NameGood}}
	b.Titles = []string{}
	assert.Equal(t, []string{"names", "gender"}, ChangedFields(&a, &b))

	d := Diff(&List{Entries: []Entry{a, {ID: "X:2"}}}, &List{Entries: []Entry{b, {ID: "X:3"}}})
	require.Len(t, d.Changed, 1)
	assert.Equal(t, "X:1", d.Changed[0].ID)
	assert.Equal(t, []string{"X:2"}, ids(d.Removed))
	assert.Equal(t, []string{"X:3"}, ids(d.Added))

	d = Diff(nil, &List{Entries: []Entry{a}})
	assert.Len(t, d.Added, 1)
	d = Diff(&List{Entries: []Entry{a}}, nil)
	assert.Len(t, d.Removed, 1)
}

func ids(es []Entry) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}
