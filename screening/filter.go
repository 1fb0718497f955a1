package screening

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/lists"
)

// filter is a query's restriction to a kind of entry, to some lists and to
// some regimes, resolved against the snapshot.
type filter struct {
	kind    lists.Kind
	kindBit uint8           // 1 << kindCode(kind); 0 for a kind no entry has
	sources map[string]bool // entry sources allowed; nil: all
	types   map[string]bool // entry list types allowed; nil: all
}

// newFilter resolves the filters of q: sources are matched whatever their
// case ("un" is UN), regimes whatever their case and punctuation and by the
// names people use for them ("Al-Qaeda", "ISIL", "Da'esh" are the UN's
// "Al-Qaida" list and the UK's "ISIL (Da'esh) and Al-Qaida" regime). A value
// that names no list or regime of the snapshot is an error naming the ones it
// holds: a filter that cannot be honoured never screens a query clear. The
// filter is nil when q restricts nothing.
func (s *snapshot) newFilter(q *raqib.Query) (*filter, error) {
	kind := q.Kind
	if kind == "" && (q.BirthDate != "" || q.Gender != "") {
		// Only a person has a birth date or a gender.
		kind = lists.KindPerson
	}
	if kind == "" && len(q.Lists) == 0 && len(q.ListTypes) == 0 {
		return nil, nil
	}
	f := &filter{kind: kind}
	if c := kindCode(kind); entryKinds[c] == kind {
		f.kindBit = 1 << c
	}
	if len(q.Lists) > 0 {
		f.sources = map[string]bool{}
		for _, v := range q.Lists {
			src, ok := s.sources[FoldListName(v)]
			if !ok {
				return nil, fmt.Errorf("lists: %q is not a list being screened (the lists are %s)", v, strings.Join(sortedValues(s.sources), ", "))
			}
			f.sources[src] = true
		}
	}
	if len(q.ListTypes) > 0 {
		f.types = map[string]bool{}
		for _, v := range q.ListTypes {
			ts, ok := s.types[regimeKey(v)]
			if !ok {
				return nil, fmt.Errorf("list_types: %q is not a regime of the lists being screened (they hold %s)", v, strings.Join(s.regimeNames(), ", "))
			}
			for _, t := range ts {
				f.types[t] = true
			}
		}
	}
	return f, nil
}

// allows reports whether entry i passes the filter.
func (f *filter) allows(s *snapshot, i int) bool {
	g, j := s.seg(i)
	t := g.tab
	return (f.kind == "" || t.kindSet == f.kindBit || t.kind(j) == f.kind) &&
		(f.sources == nil || f.sources[t.source(j)]) &&
		(f.types == nil || f.types[t.listType(j)])
}

// filterNames returns the sources and list types of the entries the
// snapshot serves: sources by their folded name, list types by their regime
// key, each with the names as the entries write them. An entry hidden since
// the base does not count: a list removed by an incremental Replace is no
// longer a filter that resolves.
func (s *snapshot) filterNames() (sources map[string]string, types map[string][]string) {
	sources, types = map[string]string{}, map[string][]string{}
	segs, _, n := s.segments()
	for k, g := range segs[:n] {
		t := g.tab
		usedSrc := make([]bool, len(t.sourceNames))
		usedType := make([]bool, len(t.typeNames))
		for i := range t.len() {
			if k == 0 && s.isHidden(i) {
				continue
			}
			usedSrc[t.sources[i]], usedType[t.types[i]] = true, true
		}
		for c, name := range t.sourceNames {
			if name != "" && usedSrc[c] {
				sources[FoldListName(name)] = name
			}
		}
		for c, lt := range t.typeNames {
			if lt != "" && usedType[c] {
				k := regimeKey(lt)
				if !slices.Contains(types[k], lt) {
					types[k] = append(types[k], lt)
				}
			}
		}
	}
	return sources, types
}

// regimeNames lists the regimes of the snapshot as the lists write them.
func (s *snapshot) regimeNames() []string {
	var out []string
	for _, ts := range s.types {
		out = append(out, ts...)
	}
	sort.Strings(out)
	if len(out) > 40 {
		out = append(out[:40], fmt.Sprintf("and %d more", len(out)-40))
	}
	return out
}

func sortedValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// FoldListName folds the name of a list or a regime as a query's filters
// compare them: lower case, letters and digits only ("UN", "un" and "U.N."
// are one list; "Al-Qaida", "al qaida" and "ALQAIDA" one regime). A program
// that mirrors the filters (package monitor does) folds with it too.
func FoldListName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// regimeAliases maps the folded names people use for a sanctions regime to
// one key. The ISIL (Da'esh) & Al-Qaida list of resolutions 1267/1989/2253 is
// "Al-Qaida" on the UN list and "ISIL (Da'esh) and Al-Qaida" on the UK list,
// and is called Al-Qaeda, ISIL, ISIS, Da'esh or the 1267 list.
var regimeAliases = map[string]string{
	"alqaida": "alqaida", "alqaeda": "alqaida", "alqaida1267": "alqaida",
	"isil": "alqaida", "isis": "alqaida", "daesh": "alqaida", "isildaesh": "alqaida",
	"isildaeshalqaida": "alqaida", "isildaeshandalqaida": "alqaida", "isilalqaida": "alqaida",
	"1267": "alqaida", "2253": "alqaida", "19892253": "alqaida",
	"taliban": "taliban", "1988": "taliban",
}

// regimeKey is the key under which a regime's names meet.
func regimeKey(s string) string {
	k := FoldListName(s)
	if a, ok := regimeAliases[k]; ok {
		return a
	}
	return k
}
