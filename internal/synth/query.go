package synth

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/raqib/raqib"
)

// Query is one synthetic screening query and its truth. The embedded
// raqib.Query is what a screener sees (and all that encoding/json writes
// of a Query); the other fields say what it is.
type Query struct {
	raqib.Query
	// EntryID is the listed entry the query presents, "" for a negative
	// (a person on no list).
	EntryID string `json:"-"`
	// Changes names what was changed from the list's primary name and data
	// ("translit", "reorder", "drop-middle", "add-middle", "script", "typo",
	// "alias", "dob-year", "dob-near", "dob-as-listed", "no-dob", "no-nationality"),
	// for a negative from the person's own usual form.
	Changes []string `json:"-"`
	// Culture is the naming culture the person was drawn from.
	Culture string `json:"-"`

	fullKey, gfKey uint64
	year           int
}

// Option sets how many queries of each kind Queries makes.
type Option func(*queryOptions)

type queryOptions struct{ pos, neg int }

// WithPositives sets the number of positives (listed people), 1,000 by
// default.
func WithPositives(n int) Option { return func(o *queryOptions) { o.pos = n } }

// WithNegatives sets the number of negatives (people on no list), 1,000 by
// default.
func WithNegatives(n int) Option { return func(o *queryOptions) { o.neg = n } }

// ErrOptions is wrapped by the errors of Queries for impossible settings.
var ErrOptions = errors.New("synth: bad query options")

// Queries makes the queries for the list of n entries of a seed: positives
// — distinct listed entries, each presented the way a traveller arrives —
// and negatives — people drawn from the same distributions who are not on
// the list (though one may by chance share a name with an entry) — mixed
// in a fixed random order, with IDs Q000001, Q000002, ...
func Queries(seed uint64, n int, opts ...Option) ([]Query, error) {
	o := queryOptions{pos: 1000, neg: 1000}
	for _, f := range opts {
		f(&o)
	}
	if o.pos < 0 || o.neg < 0 || o.pos+o.neg > 10_000_000 {
		return nil, fmt.Errorf("%w: %d positives and %d negatives", ErrOptions, o.pos, o.neg)
	}
	if o.pos > n {
		return nil, fmt.Errorf("%w: %d positives from a list of %d entries", ErrOptions, o.pos, n)
	}
	// Distinct entries by Floyd's sampling.
	pick := newRNG(seed, streamPositive, 0)
	chosen := make(map[int]bool, o.pos)
	idx := make([]int, 0, o.pos)
	for j := n - o.pos; j < n; j++ {
		t := pick.intn(j + 1)
		if chosen[t] {
			t = j
		}
		chosen[t] = true
		idx = append(idx, t)
	}
	qs := make([]Query, 0, o.pos+o.neg)
	for k, i := range idx {
		qs = append(qs, positive(seed, k, i))
	}
	for k := 0; k < o.neg; k++ {
		qs = append(qs, negative(seed, k))
	}
	sh := newRNG(seed, streamOrder, uint64(n))
	for i := len(qs) - 1; i > 0; i-- {
		j := sh.intn(i + 1)
		qs[i], qs[j] = qs[j], qs[i]
	}
	for i := range qs {
		qs[i].ID = fmt.Sprintf("Q%06d", i+1)
	}
	return qs, nil
}

// positive presents entry i as a traveller.
func positive(seed uint64, k, i int) Query {
	g := generate(seed, i)
	r := newRNG(seed, streamPositive, uint64(k)+1)
	q := Query{EntryID: g.e.ID, Culture: g.p.cult.name}
	q.present(r, g.p, g.rd, g)
	return q
}

// negative makes person k of the people on no list and presents him.
func negative(seed uint64, k int) Query {
	r := newRNG(seed, streamNegative, uint64(k))
	p := newPerson(r)
	p.nativeFirst = (p.sub == "russian" || p.sub == "ukrainian" || p.sub == "north-caucasus" || p.sub == "central-asian") && r.chance(500)
	q := Query{Culture: p.cult.name}
	q.present(r, p, p.listRender(), nil)
	return q
}

// present writes the query of person p starting from the form rd; g is the
// entry for a positive, nil for a negative.
func (q *Query) present(r *rng, p *person, rd render, g *generated) {
	rd.show = append([]bool(nil), rd.show...)
	rd.spell = append([]int(nil), rd.spell...)
	change := func(c string) { q.Changes = append(q.Changes, c) }
	var name string
	if g != nil && r.chance(60) {
		var aliases []string
		for _, n := range g.e.Names[1:] {
			if n.Quality == "good" {
				aliases = append(aliases, n.Full)
			}
		}
		if len(aliases) > 0 {
			name = aliases[r.intn(len(aliases))]
			change("alias")
		}
	}
	if name == "" {
		// Middle names: documents leave many out, and give some the list lacks.
		var middles []int
		shown := 0
		for i, s := range p.slots {
			if rd.show[i] {
				shown++
				md := s.role == roleGiven2 && p.slots[0].p.key == mdPart.key // "Md." is not a name alone
				if s.role.middle() && s.role != roleConnector && !md {
					middles = append(middles, i)
				}
			}
		}
		dropPct := 400
		for _, i := range middles {
			if p.slots[i].role == rolePatronymic {
				dropPct = 700 // a passport has no patronymic
			}
		}
		if len(middles) > 0 && shown >= 3 && r.chance(dropPct) {
			if r.chance(500) {
				for _, i := range middles {
					rd.show[i] = false
				}
			} else {
				rd.show[middles[r.intn(len(middles))]] = false
			}
			change("drop-middle")
		} else {
			var hidden []int
			for i, s := range p.slots {
				if !rd.show[i] && s.role != roleConnector {
					hidden = append(hidden, i)
				}
			}
			if len(hidden) > 0 && r.chance(120) {
				rd.show[hidden[r.intn(len(hidden))]] = true
				change("add-middle")
			}
		}
		for i, s := range p.slots {
			if s.role == roleConnector {
				rd.show[i] = rd.show[i] && i+1 < len(p.slots) && rd.show[i+1]
			}
		}
		// Script, spelling, order.
		if p.nativePct > 0 && p.hasNative(rd.show) && r.chance(100) {
			rd.native = true
			change("script")
		} else {
			rd.native = false
			changed := false
			for i := range p.slots {
				if rd.show[i] && len(p.slots[i].p.lat) > 1 && r.chance(400) {
					rd.spell[i] = otherSpelling(r, &p.slots[i].p, rd.spell[i])
					changed = true
				}
			}
			if changed {
				change("translit")
			}
		}
		was := rd.order
		rd.order = orderNatural
		if r.chance(150) || (p.familyFirst && r.chance(350)) {
			rd.order = orderSwapped
		}
		if !rd.native && rd.order != was && !(was == orderComma && rd.order == orderSwapped) {
			change("reorder")
		}
		name, _ = p.text(rd)
	}
	if !rd.native {
		typos := 2 - r.choose(30, 120, 850)
		for t := 0; t < typos; t++ {
			name = typo(r, name)
		}
		if typos > 0 {
			change("typo")
		}
		switch r.choose(40, 10, 50) {
		case 0:
			name = strings.ToUpper(name)
		case 1:
			name = strings.ToLower(name)
		}
	}
	q.Name = name
	q.fullKey, q.gfKey = p.nameKeys(rd.show)
	q.year = p.dob[0]
	q.dates(r, p, g, change)
	q.nationality(r, p, change)
	if r.chance(600) {
		q.Gender = []string{"male", "male", "M"}[r.intn(3)]
		if p.female {
			q.Gender = []string{"female", "female", "F"}[r.intn(3)]
		}
	}
	if r.chance(450) {
		c := countries[p.nats[0]]
		num := ""
		if g != nil && r.chance(400) {
			for _, d := range g.e.Documents {
				if d.Type == "passport" {
					num = d.Number
					break
				}
			}
		}
		if num == "" {
			num = documentNumber(r, c.passport, p.dobISO(), p.female)
		} else {
			change("listed-passport")
		}
		q.Documents = []raqib.Document{{Type: "passport", Number: written(r, strings.ReplaceAll(num, " ", "")), Country: c.a2}}
	}
}

// dates writes the birth date: the true one, the list's, only the year, a
// near miss, or none.
func (q *Query) dates(r *rng, p *person, g *generated, change func(string)) {
	y, m, d := p.dob[0], p.dob[1], p.dob[2]
	iso := func(y, m, d int) string { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) }
	listed := g != nil && len(g.e.BirthDates) > 0
	var k int
	if listed {
		k = r.choose(35, 25, 15, 10, 15)
	} else {
		k = r.choose(62, 0, 18, 0, 20)
	}
	switch k {
	case 0:
		q.BirthDate = iso(y, m, d)
	case 1:
		bd := g.e.BirthDates[r.intn(len(g.e.BirthDates))]
		switch bd.Precision {
		case "day":
			q.BirthDate = bd.From
		case "month":
			q.BirthDate = bd.From[:7]
		case "year":
			q.BirthDate = bd.From[:4]
		default:
			q.BirthDate = bd.Text
			if q.BirthDate == "" {
				q.BirthDate = bd.From[:4]
			}
		}
		change("dob-as-listed")
	case 2:
		q.BirthDate = fmt.Sprintf("%04d", y)
		change("dob-year")
	case 3:
		switch r.choose(30, 35, 25, 10) {
		case 0:
			if d <= 12 && d != m {
				q.BirthDate = iso(y, d, m) // day and month swapped
				break
			}
			fallthrough
		case 1:
			dd := d + r.between(1, 3)*(2*r.intn(2)-1)
			if dd < 1 || dd > daysIn(y, m) {
				dd = d - (dd - d)
			}
			q.BirthDate = iso(y, m, max(1, min(dd, daysIn(y, m))))
		case 2:
			yy := y + 2*r.intn(2) - 1
			q.BirthDate = iso(yy, m, min(d, daysIn(yy, m)))
		case 3:
			yy := (y/100)*100 + (y%10)*10 + (y/10)%10 // 1975 -> 1957
			if yy == y || yy > 2010 {
				yy = y + 10
			}
			q.BirthDate = iso(yy, m, min(d, daysIn(yy, m)))
		}
		change("dob-near")
	case 4:
		change("no-dob")
	}
}

// nationality writes the nationality as a code, an alpha-3 code or a name,
// or leaves it out.
func (q *Query) nationality(r *rng, p *person, change func(string)) {
	if !r.chance(750) {
		change("no-nationality")
		return
	}
	c := countries[p.nats[r.intn(len(p.nats))]]
	switch r.choose(70, 20, 10) {
	case 0:
		q.Nationality = c.a2
	case 1:
		q.Nationality = c.a3
	case 2:
		q.Nationality = c.name
	}
}

// keyboard holds the QWERTY neighbours of each letter, for typos.
var keyboard = map[rune]string{
	'a': "sqz", 'b': "vn", 'c': "xv", 'd': "sf", 'e': "wr", 'f': "dg", 'g': "fh", 'h': "gj", 'i': "uo", 'j': "hk",
	'k': "jl", 'l': "k", 'm': "n", 'n': "bm", 'o': "ip", 'p': "o", 'q': "wa", 'r': "et", 's': "ad", 't': "ry",
	'u': "yi", 'v': "cb", 'w': "qe", 'x': "zc", 'y': "tu", 'z': "xa",
}

// sound holds letters that people write for each other by ear.
var sound = map[rune]string{'a': "e", 'e': "ai", 'i': "ey", 'o': "ou", 'u': "o", 'y': "i", 'c': "k", 'k': "cq",
	'q': "k", 's': "z", 'z': "s", 'f': "v", 'v': "fw", 'w': "v", 'd': "t", 't': "d"}

// typo makes one typing or hearing mistake in a word of four letters or
// more: a neighbouring key, a letter written for its sound, a letter left
// out, doubled, or two letters swapped. The first letter stays.
func typo(r *rng, name string) string {
	words := strings.Fields(name)
	var cand []int
	for i, w := range words {
		if len([]rune(w)) >= 4 {
			cand = append(cand, i)
		}
	}
	if len(cand) == 0 {
		return name
	}
	wi := cand[r.intn(len(cand))]
	rs := []rune(words[wi])
	pos := 1 + r.intn(len(rs)-1)
	c := rs[pos]
	lc := unicode.ToLower(c)
	upper := c != lc
	set := func(s string) {
		x := []rune(s)[r.intn(len([]rune(s)))]
		if upper {
			x = unicode.ToUpper(x)
		}
		rs[pos] = x
	}
	switch r.choose(25, 25, 20, 15, 15) {
	case 0:
		if s, ok := keyboard[lc]; ok {
			set(s)
			break
		}
		fallthrough
	case 1:
		if s, ok := sound[lc]; ok {
			set(s)
			break
		}
		fallthrough
	case 2:
		rs = append(rs[:pos], rs[pos+1:]...)
	case 3:
		rs = append(rs[:pos+1], rs[pos:]...)
	case 4:
		if pos+1 < len(rs) && rs[pos] == rs[pos+1] || rs[pos-1] == rs[pos] {
			rs = append(rs[:pos], rs[pos+1:]...) // swapping equal letters changes nothing
		} else if pos+1 < len(rs) {
			rs[pos], rs[pos+1] = rs[pos+1], rs[pos]
		} else {
			rs[pos-1], rs[pos] = rs[pos], rs[pos-1]
		}
	}
	words[wi] = string(rs)
	return strings.Join(words, " ")
}
