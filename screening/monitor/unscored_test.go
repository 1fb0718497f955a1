package monitor

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/screening"
)

// TestUnscoredFields holds the Screener to what the Monitor assumes of the
// fields in unscored: changing them in every entry of a real list changes
// no alert of any party, decision or score. A field that
// screening starts to read must leave unscored (the test then fails).
func TestUnscoredFields(t *testing.T) {
	ctx := context.Background()
	base := unList(t, "2025-11-20")
	if raceEnabled {
		base = regime(base, "QDi.")
	}
	changed := &lists.List{Source: base.Source, Version: base.Version, Digest: base.Digest}
	for _, e := range base.Entries {
		e.ListVersion = "other"
		e.Programs = append([]string{"X"}, e.Programs...)
		e.Titles = append([]string{"Dr"}, e.Titles...)
		e.Designations = append([]string{"minister"}, e.Designations...)
		e.Addresses = append([]lists.Place{{Text: "Nowhere street", City: "Ghent"}}, e.Addresses...)
		e.ListedOn = "1999-01-01"
		e.Remarks = "changed " + e.Remarks
		e.InterpolLink = !e.InterpolLink
		e.CrossRefs = append([]string{"UK:1"}, e.CrossRefs...)
		e.Raw = map[string]string{"x": "y"}
		changed.Entries = append(changed.Entries, e)
	}
	// Every field Diff compares is covered: the change touches exactly the
	// unscored fields.
	d := lists.Diff(base, changed)
	require.Len(t, d.Changed, len(base.Entries))
	var fields []string
	for f := range unscored {
		if f != "list_version" { // Diff ignores it
			fields = append(fields, f)
		}
	}
	assert.ElementsMatch(t, fields, d.Changed[0].Fields)
	for f := range unscored {
		_, ok := reflect.TypeFor[lists.Entry]().FieldByNameFunc(func(n string) bool {
			sf, _ := reflect.TypeFor[lists.Entry]().FieldByName(n)
			name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			return name == f
		})
		assert.True(t, ok, "unscored names an Entry field: %s", f)
	}

	ps := append(yenteParties(t, 8, ""), synthParties(t, 200, "")...)
	a, err := screening.New(ctx, screening.WithLists(base))
	require.NoError(t, err)
	defer a.Close()
	b, err := screening.New(ctx, screening.WithLists(changed))
	require.NoError(t, err)
	defer b.Close()
	wa, _ := truth(t, a, ps)
	wb, _ := truth(t, b, ps)
	assert.Empty(t, diffAlerts(wa, wb))
	assert.Positive(t, countAlerts(wa))
}
