package synth

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/raqib/raqib/lists"
	"github.com/raqib/raqib/normalize"
)

// Source is the source name of the synthetic entries; their IDs are
// "SYN:" and the entry's number from 1, nine digits ("SYN:000000042").
const Source = "SYN"

// MaxEntries is the largest list the generator makes (IDs have nine digits).
const MaxEntries = 999_999_999

// order is how a name is written.
type order uint8

const (
	orderNatural order = iota // the culture's own order
	orderSwapped              // the other order: "SURNAME Given", or an East Asian name given-first
	orderComma                // "FAMILY, Given Middle"
)

// render is one written form of a person's name.
type render struct {
	show   []bool
	spell  []int
	order  order
	native bool
}

// listRender is the form the list gives as the primary name.
func (p *person) listRender() render {
	rd := render{show: make([]bool, len(p.slots)), spell: make([]int, len(p.slots))}
	for i, s := range p.slots {
		rd.show[i], rd.spell[i] = s.shown, s.spell
	}
	return rd
}

func isFamily(ro role) bool { return ro == roleFamily || ro == roleFamily2 }

// text writes a render: the whole name and its parts in the written order.
func (p *person) text(rd render) (string, []string) {
	var fam, rest []string
	var all []string
	for i, s := range p.slots {
		if !rd.show[i] {
			continue
		}
		var t string
		if rd.native {
			t = s.p.nat
		} else {
			t = s.p.lat[rd.spell[i]]
		}
		all = append(all, t)
		if isFamily(s.role) {
			fam = append(fam, t)
		} else {
			rest = append(rest, t)
		}
	}
	if rd.native { // the native form keeps its own order
		if p.nativeFirst {
			all = append(append([]string{}, fam...), rest...)
		}
		return strings.Join(all, " "), all
	}
	switch rd.order {
	case orderSwapped:
		var parts []string
		if p.familyFirst {
			parts = append(append(parts, rest...), fam...)
		} else {
			parts = append(append(parts, fam...), rest...)
		}
		return strings.Join(parts, " "), parts
	case orderComma:
		if len(fam) > 0 && len(rest) > 0 {
			parts := append(append([]string{}, fam...), rest...)
			return strings.Join(fam, " ") + ", " + strings.Join(rest, " "), parts
		}
	}
	return strings.Join(all, " "), all
}

// hasNative reports whether every shown slot has a native-script form.
func (p *person) hasNative(show []bool) bool {
	some := false
	for i, s := range p.slots {
		if show[i] {
			if s.p.nat == "" {
				return false
			}
			some = true
		}
	}
	return some
}

// nameKeys returns the identity of a shown name: all its parts, whatever
// their order and spelling; and its first given name with its last family
// name (or, without one, its last part).
func (p *person) nameKeys(show []bool) (full, gf uint64) {
	var ks []uint64
	var first, last, fam uint64
	for i, s := range p.slots {
		if !show[i] || s.role == roleConnector {
			continue
		}
		ks = append(ks, s.p.key)
		if first == 0 && s.role == roleGiven {
			first = s.p.key
		}
		last = s.p.key
		if s.role == roleFamily {
			fam = s.p.key
		}
	}
	if fam != 0 {
		last = fam
	}
	sort.Slice(ks, func(a, b int) bool { return ks[a] < ks[b] })
	h := uint64(1469598103934665603)
	for _, k := range ks {
		h = mix(h ^ k)
	}
	return h, mix(first*31 ^ last)
}

// generated is one entry with what the query and namesake code need.
type generated struct {
	p     *person
	e     lists.Entry
	rd    render // the primary name's form
	years [2]int // the span of birth years the entry gives, 0 when none
}

// generate makes entry i (0-based) of the list of a seed.
func generate(seed uint64, i int) *generated {
	r := newRNG(seed, streamEntry, uint64(i))
	p := newPerson(r)
	g := &generated{p: p}
	g.build(r, i)
	return g
}

// Entry returns entry i (from 0) of the synthetic list of a seed. It
// depends on nothing but seed and i: the first n entries of a longer list
// are the list of n.
func Entry(seed uint64, i int) lists.Entry { return generate(seed, i).e }

// Entries calls fn with entries 0 to n-1 of the list of a seed, in order,
// one at a time (fn may keep nothing: the entry is made anew for each
// call); an error from fn, or the context's, stops it and is returned.
func Entries(ctx context.Context, seed uint64, n int, fn func(*lists.Entry) error) error {
	if n < 0 || n > MaxEntries {
		return fmt.Errorf("synth: %d entries: want 0 to %d", n, MaxEntries)
	}
	for i := 0; i < n; i++ {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		e := Entry(seed, i)
		if err := fn(&e); err != nil {
			return err
		}
	}
	return nil
}

func (g *generated) build(r *rng, i int) {
	p := g.p
	ref := fmt.Sprintf("%09d", i+1)
	e := &g.e
	e.ID, e.Source, e.Ref, e.Kind = Source+":"+ref, Source, ref, lists.KindPerson
	p.nativeFirst = p.sub == "russian" || p.sub == "ukrainian" || p.sub == "north-caucasus" || p.sub == "central-asian"
	p.nativeFirst = p.nativeFirst && r.chance(500)

	// The primary name.
	rd := p.listRender()
	switch {
	case p.familyFirst:
		if r.chance(250) {
			rd.order = orderSwapped
		}
	default:
		switch r.choose(80, 5, 15) {
		case 1:
			rd.order = orderSwapped
		case 2:
			rd.order = orderComma
		}
	}
	upper := r.chance(550)
	g.rd = rd
	seen := map[string]bool{}
	addName := func(rd render, q lists.NameQuality, note string) {
		full, parts := p.text(rd)
		if upper && !rd.native {
			full = strings.ToUpper(full)
			for k := range parts {
				parts[k] = strings.ToUpper(parts[k])
			}
		}
		if full == "" || seen[full] {
			return
		}
		seen[full] = true
		n := lists.Name{Full: full, Quality: q, Note: note}
		if q == lists.NamePrimary {
			n.Parts = parts
		}
		e.Names = append(e.Names, n)
	}
	addName(rd, lists.NamePrimary, "")

	// Aliases: other spellings, a shorter or fuller form, a nom de guerre.
	for k := 2 - r.choose(100, 350, 550); k > 0; k-- {
		a := rd
		a.spell = append([]int(nil), rd.spell...)
		changed := false
		for j := range p.slots {
			if a.show[j] && len(p.slots[j].p.lat) > 1 && (r.chance(500) || !changed && j == len(p.slots)-1) {
				a.spell[j] = otherSpelling(r, &p.slots[j].p, a.spell[j])
				changed = true
			}
		}
		a.order = orderNatural
		addName(a, lists.NameGood, "")
	}
	shown := 0
	for _, s := range rd.show {
		if s {
			shown++
		}
	}
	if shown >= 3 && r.chance(120) {
		a := rd
		a.show = make([]bool, len(p.slots))
		for j, s := range p.slots {
			a.show[j] = rd.show[j] && !s.role.middle()
		}
		addName(a, lists.NameGood, "")
	}
	if shown < len(p.slots) && r.chance(80) {
		a := rd
		a.show = make([]bool, len(p.slots))
		for j := range a.show {
			a.show[j] = true
		}
		addName(a, lists.NameGood, "")
	}
	if p.kunya && r.chance(180) {
		full, low := kunya(r, p)
		q := lists.NameGood
		if low {
			q = lists.NameLow
		}
		if upper {
			full = strings.ToUpper(full)
		}
		if !seen[full] {
			seen[full] = true
			e.Names = append(e.Names, lists.Name{Full: full, Quality: q})
		}
	}
	if r.chance(40) {
		// a low-quality alias: the given name alone
		for j, s := range p.slots {
			if s.role == roleGiven {
				a := render{show: make([]bool, len(p.slots)), spell: rd.spell}
				a.show[j] = true
				addName(a, lists.NameLow, "")
				break
			}
		}
	}
	// The original-script name.
	if p.nativePct > 0 && p.hasNative(rd.show) && r.chance(p.nativePct) {
		a := rd
		a.native = true
		addName(a, lists.NameOriginalScript, "")
	}
	e.Titles = p.titles

	g.birthDates(r)
	// Nationalities: the list knows them most of the time, not always all.
	switch x := r.intn(1000); {
	case x < 120:
	case x < 250:
		e.Nationalities = []lists.Country{countryOf(p.nats[0])}
	default:
		for _, c := range p.nats {
			e.Nationalities = append(e.Nationalities, countryOf(c))
		}
	}
	if r.chance(850) {
		e.Gender = "male"
		if p.female {
			e.Gender = "female"
		}
	}
	origin := p.nats[len(p.nats)-1]
	if r.chance(350) {
		c := countries[origin]
		e.BirthPlaces = []lists.Place{{City: c.cities[zipfDraw(r, len(c.cities))], Country: countryOf(origin)}}
		e.BirthPlaces[0].Text = e.BirthPlaces[0].City + ", " + c.name
	}
	// Documents: a passport for 40%, a national ID for 20% (where the
	// country has one), issued by the first nationality.
	if r.chance(400) {
		e.Documents = append(e.Documents, g.document(r, "passport"))
	}
	if r.chance(200) && countries[p.nats[0]].nid != "" {
		e.Documents = append(e.Documents, g.document(r, "national identification number"))
	}
	y := 2001 + r.intn(25)
	m := 1 + r.intn(12)
	e.ListedOn = fmt.Sprintf("%04d-%02d-%02d", y, m, 1+r.intn(daysIn(y, m)))
}

// kunya makes a nom de guerre: Abu Hamza, Abu Omar al-Baljiki; low
// reports whether a list would give it as a low-quality alias.
func kunya(r *rng, p *person) (string, bool) {
	son := arabicMale.pick(r)
	s := "Abu " + son.lat[listSpelling(r, son, p.maghreb)]
	if r.chance(600) {
		if nb, ok := nationalNisba[p.nats[0]]; ok && r.chance(600) {
			s += " " + nb
		} else {
			n := nisba(r, true)
			s += " " + n.lat[0]
		}
	}
	return s, r.chance(300)
}

// nationalNisba: the nisba of a nationality, as noms de guerre use them.
var nationalNisba = map[string]string{
	"FR": "al-Faransi", "BE": "al-Baljiki", "DE": "al-Almani", "GB": "al-Britani", "US": "al-Amriki", "NL": "al-Hulandi",
	"SE": "al-Swedi", "RU": "al-Shishani", "TR": "al-Turki", "UZ": "al-Uzbeki", "KZ": "al-Kazakhi", "TN": "al-Tunisi",
	"DZ": "al-Jazairi", "MA": "al-Maghribi", "LY": "al-Libi", "EG": "al-Masri", "SA": "al-Jazrawi", "IQ": "al-Iraqi",
	"SY": "al-Shami", "YE": "al-Yemeni", "JO": "al-Urduni", "PK": "al-Pakistani", "AF": "al-Afghani", "AZ": "al-Azeri",
	"ES": "al-Andalusi", "IT": "al-Itali", "AT": "al-Nimsawi", "KG": "al-Kirghizi", "TJ": "al-Tajiki",
}

func countryOf(code string) lists.Country {
	c := countries[code]
	return lists.Country{Code: code, Text: c.name}
}

func (g *generated) document(r *rng, typ string) lists.Document {
	c := countries[g.p.nats[0]]
	shape := c.passport
	if typ != "passport" {
		shape = c.nid
	}
	num := documentNumber(r, shape, g.p.dobISO(), g.p.female)
	// Normalized is left to the reader, so that the bytes do not depend on
	// the normalisation code of the day.
	d := lists.Document{Type: typ, Number: written(r, num), Country: countryOf(c.a2)}
	if typ == "passport" && r.chance(400) {
		y := 2008 + r.intn(17)
		m := 1 + r.intn(12)
		dd := 1 + r.intn(daysIn(y, m))
		d.IssueDate = fmt.Sprintf("%04d-%02d-%02d", y, m, dd)
		d.ExpiryDate = fmt.Sprintf("%04d-%02d-%02d", y+10, m, min(dd, daysIn(y+10, m))-0)
	}
	return d
}

var monthAbbr = []string{"Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sep.", "Oct.", "Nov.", "Dec."}

// birthDates draws the birth dates the list gives, in the precision mix of
// real lists (the UN list: about half exact days, a fifth years, the rest
// approximate years, ranges, several dates, or none).
func (g *generated) birthDates(r *rng) {
	p, e := g.p, &g.e
	y, m, d := p.dob[0], p.dob[1], p.dob[2]
	day := func(y, m, d int) lists.BirthDate {
		s := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
		bd := lists.BirthDate{DateRange: normalize.DateRange{From: s, To: s, Precision: normalize.PrecisionDay}}
		if r.chance(300) {
			bd.Text = fmt.Sprintf("%d %s %d", d, monthAbbr[m-1], y)
		}
		return bd
	}
	year := func(y int) lists.BirthDate {
		return lists.BirthDate{DateRange: normalize.DateRange{From: fmt.Sprintf("%04d-01-01", y), To: fmt.Sprintf("%04d-12-31", y), Precision: normalize.PrecisionYear}}
	}
	switch r.choose(520, 180, 30, 60, 40, 90, 80) {
	case 0:
		e.BirthDates = []lists.BirthDate{day(y, m, d)}
	case 1:
		e.BirthDates = []lists.BirthDate{year(y)}
	case 2:
		e.BirthDates = []lists.BirthDate{{DateRange: normalize.DateRange{From: fmt.Sprintf("%04d-%02d-01", y, m), To: fmt.Sprintf("%04d-%02d-%02d", y, m, daysIn(y, m)), Precision: normalize.PrecisionMonth}}}
	case 3:
		c := y + r.choose(1, 2, 1) - 1
		e.BirthDates = []lists.BirthDate{{DateRange: normalize.DateRange{From: fmt.Sprintf("%04d-01-01", c-1), To: fmt.Sprintf("%04d-12-31", c+1), Precision: normalize.PrecisionApproximate}, Text: fmt.Sprintf("approximately %d", c)}}
	case 4:
		a, b := y-r.intn(3), y+r.intn(3)
		if a == b {
			b++
		}
		e.BirthDates = []lists.BirthDate{{DateRange: normalize.DateRange{From: fmt.Sprintf("%04d-01-01", a), To: fmt.Sprintf("%04d-12-31", b), Precision: normalize.PrecisionBetween}, Text: fmt.Sprintf("between %d and %d", a, b)}}
	case 5:
		e.BirthDates = []lists.BirthDate{day(y, m, d)}
		switch r.choose(40, 30, 30) {
		case 0:
			m2 := 1 + r.intn(12)
			e.BirthDates = append(e.BirthDates, day(y, m2, 1+r.intn(daysIn(y, m2))))
		case 1:
			y2 := y + 2*r.intn(2) - 1
			e.BirthDates = append(e.BirthDates, day(y2, m, min(d, daysIn(y2, m))))
		case 2:
			e.BirthDates = append(e.BirthDates, year(y+2*r.intn(2)-1))
		}
		if r.chance(200) {
			e.BirthDates = append(e.BirthDates, year(y+r.between(-3, 3)))
		}
		if r.chance(300) { // lists do not always put the right one first
			e.BirthDates[0], e.BirthDates[1] = e.BirthDates[1], e.BirthDates[0]
		}
	}
	for _, bd := range e.BirthDates {
		var a, b int
		fmt.Sscanf(bd.From, "%d", &a)
		fmt.Sscanf(bd.To, "%d", &b)
		if g.years[0] == 0 || a < g.years[0] {
			g.years[0] = a
		}
		if b > g.years[1] {
			g.years[1] = b
		}
	}
}
