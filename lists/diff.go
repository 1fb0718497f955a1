package lists

import (
	"reflect"
	"strings"
)

// Delta is what changed between two versions of a list, entry by entry (by ID).
type Delta struct {
	Added   []Entry  // in the new list only
	Removed []Entry  // in the old list only (delisted)
	Changed []Change // in both, with different content
}

// Change is one entry present in both versions with different content.
type Change struct {
	ID       string
	Old, New *Entry
	// Fields names the fields that differ, by their JSON names ("names",
	// "birth_dates", ...), in Entry's field order. A changed list_version
	// alone is not a change.
	Fields []string
}

// entryFields holds the JSON name and index of each Entry field Diff compares.
var entryFields = func() (out []struct {
	name  string
	index int
}) {
	t := reflect.TypeFor[Entry]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" || name == "list_version" {
			continue
		}
		out = append(out, struct {
			name  string
			index int
		}{name, i})
	}
	return out
}()

// Diff returns what changed from old to new: entries added, removed and
// changed, by ID — what a screening service re-screens after a list update.
// Added and Removed keep the order of their list; Changed follows the new
// list's order. A nil list counts as empty.
func Diff(old, new *List) Delta {
	var d Delta
	oldIdx := indexByID(old)
	newIdx := indexByID(new)
	if old != nil {
		for i := range old.Entries {
			if _, ok := newIdx[old.Entries[i].ID]; !ok {
				d.Removed = append(d.Removed, old.Entries[i])
			}
		}
	}
	if new == nil {
		return d
	}
	for i := range new.Entries {
		ne := &new.Entries[i]
		j, ok := oldIdx[ne.ID]
		if !ok {
			d.Added = append(d.Added, *ne)
			continue
		}
		oe := &old.Entries[j]
		if f := ChangedFields(oe, ne); len(f) > 0 {
			d.Changed = append(d.Changed, Change{ID: ne.ID, Old: oe, New: ne, Fields: f})
		}
	}
	return d
}

// ChangedFields returns the JSON names of the fields in which a and b
// differ, ignoring list_version. An empty and a nil slice or map are equal.
func ChangedFields(a, b *Entry) []string {
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	var out []string
	for _, f := range entryFields {
		x, y := va.Field(f.index), vb.Field(f.index)
		if (x.Kind() == reflect.Slice || x.Kind() == reflect.Map) && x.Len() == 0 && y.Len() == 0 {
			continue
		}
		if !reflect.DeepEqual(x.Interface(), y.Interface()) {
			out = append(out, f.name)
		}
	}
	return out
}

func indexByID(l *List) map[string]int {
	if l == nil {
		return nil
	}
	m := make(map[string]int, len(l.Entries))
	for i := range l.Entries {
		if _, dup := m[l.Entries[i].ID]; !dup {
			m[l.Entries[i].ID] = i
		}
	}
	return m
}
