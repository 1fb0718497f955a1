package synth

import (
	"fmt"
	"strings"
)

// role says what a slot of a name is.
type role uint8

const (
	roleGiven       role = iota // the given name
	roleGiven2                  // a second given name (Mohamed Amine, Jean-Marie)
	roleConnector               // bin, ibn, ould (before the father's name)
	roleFather                  // the father's name (Arabic, Afghan)
	roleGrandfather             // the grandfather's name
	rolePatronymic              // Russian -ovich/-ovna, Ukrainian -ovych/-ivna
	roleFamily                  // the family name
	roleFamily2                 // the second surname (Spain), the Sikh Singh/Kaur before it
)

// middle reports whether a slot is a middle name that documents often leave out.
func (r role) middle() bool {
	return r == roleGiven2 || r == roleFather || r == roleGrandfather || r == rolePatronymic || r == roleConnector
}

// slot is one element of a person's whole name.
type slot struct {
	p     part
	role  role
	shown bool // on the list's primary name
	spell int  // the spelling the list uses
}

// person is someone the generator made up: the whole name in the
// culture's order (given names first; East Asian names keep the family
// name first in familyFirst), with the list's choices.
type person struct {
	cult        *culture
	sub         string // the sub-culture: "gulf", "maghreb", "russian", "korean-north", ...
	female      bool
	slots       []slot
	familyFirst bool   // the culture writes the family name first
	nativeFirst bool   // the native-script form puts the family name first (Russian)
	maghreb     bool   // prefers French-style spellings
	dob         [3]int // year, month, day: the true birth date
	nats        []string
	nativePct   int  // per mille: how often a list gives the original-script name
	kunya       bool // may carry an "Abu X" nom de guerre
	titles      []string
}

// culture is one family of naming traditions.
type culture struct {
	name      string // for docs and the truth file: "arabic", "persian-pashto", ...
	permille  int    // share of the list
	build     func(r *rng, p *person)
	nativePct int // per mille of entries with an original-script name, when the names have one
}

// cultures, with their share of a synthetic list. The mix follows what the
// lists Raqib screens against hold — the UN 1267/2253 list and national
// counter-terrorism lists are mostly people with Arabic, Afghan/Pakistani,
// Central Asian and North Caucasian names, OFAC and the EU lists add
// Russian, Iranian, Chinese, Korean and European people — without copying
// any list's proportions.
var cultures = []*culture{
	{name: "arabic", permille: 320, build: buildArabic},
	{name: "persian-pashto", permille: 110, build: buildPersianPashto},
	{name: "south-asian", permille: 110, build: buildSouthAsian},
	{name: "turkic", permille: 90, build: buildTurkic},
	{name: "russian-slavic", permille: 130, build: buildSlavic},
	{name: "european", permille: 130, build: buildEuropean},
	{name: "east-asian", permille: 110, build: buildEastAsian},
}

// newPerson draws a person.
func newPerson(r *rng) *person {
	w := make([]int, len(cultures))
	for i, c := range cultures {
		w[i] = c.permille
	}
	p := &person{cult: cultures[r.choose(w...)]}
	p.female = r.chance(160)
	p.cult.build(r, p)
	p.birthDate(r)
	// One romanisation system for all the Cyrillic parts of a name, and one
	// spelling for a name that occurs twice (Muhammad son of Muhammad).
	sys := r.choose(40, 30, 20, 5, 5)
	for i := range p.slots {
		s := &p.slots[i]
		s.spell = listSpelling(r, &s.p, p.maghreb)
		if s.p.sys != nil && !r.chance(150) {
			s.spell = int(s.p.sys[sys])
		}
		for j := 0; j < i; j++ {
			if p.slots[j].p.key == s.p.key {
				want := p.slots[j].p.lat[p.slots[j].spell]
				for k, x := range s.p.lat {
					if x == want {
						s.spell = k
					}
				}
			}
		}
	}
	return p
}

// add appends a slot.
func (p *person) add(pt *part, ro role, shown bool) {
	p.slots = append(p.slots, slot{p: *pt, role: ro, shown: shown})
}

// listSpelling draws which spelling of a part a list uses: the usual one
// most often (weights 1, 1/4, 1/9 ... by rank); Maghreb people mostly have
// the French-style spellings, others rarely.
func listSpelling(r *rng, pt *part, maghreb bool) int {
	n := len(pt.lat)
	if n == 1 {
		return 0
	}
	w := make([]int, n)
	for i := range w {
		w[i] = 3600 / ((i + 1) * (i + 1))
		fr := pt.fr&(1<<i) != 0
		switch {
		case maghreb && fr:
			w[i] *= 12
		case !maghreb && fr && pt.fr != (1<<n)-1:
			w[i] /= 10
		}
	}
	return r.choose(w...)
}

// otherSpelling draws a spelling other than cur, uniformly; cur when there
// is none.
func otherSpelling(r *rng, pt *part, cur int) int {
	n := len(pt.lat)
	if n < 2 {
		return cur
	}
	k := r.intn(n - 1)
	if k >= cur {
		k++
	}
	return k
}

// birthDate draws the true birth date: listed people are adults, born
// mostly 1955–2000, with the peak in the 1970s and 1980s; some registers
// (Afghanistan, Iraq, Syria, Somalia, Pakistan) give many people 1 January.
func (p *person) birthDate(r *rng) {
	y := 1945 + r.intn(20) + r.intn(20) + r.intn(18) // 1945–2000, mean 1973
	m := 1 + r.intn(12)
	d := 1 + r.intn(daysIn(y, m))
	if len(p.nats) > 0 {
		switch p.nats[0] {
		case "AF", "IQ", "SY", "PK", "YE":
			if r.chance(180) {
				m, d = 1, 1
			}
		}
	}
	p.dob = [3]int{y, m, d}
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func (p *person) dobISO() string { return fmt.Sprintf("%04d-%02d-%02d", p.dob[0], p.dob[1], p.dob[2]) }

// pickNat draws a nationality by weights given as "CC:w CC:w ...".
func pickNat(r *rng, spec string) string {
	f := strings.Fields(spec)
	w := make([]int, len(f))
	for i, x := range f {
		_, n, _ := strings.Cut(x, ":")
		v := 0
		fmt.Sscan(n, &v)
		w[i] = v
	}
	c, _, _ := strings.Cut(f[r.choose(w...)], ":")
	return c
}

// diaspora adds, for some people, a second nationality of a country they
// or their parents moved to, or makes it their only one.
func (p *person) diaspora(r *rng, permille int, spec string) {
	if !r.chance(permille) {
		return
	}
	c := pickNat(r, spec)
	if c == p.nats[0] {
		return
	}
	if r.chance(500) {
		p.nats = []string{c, p.nats[0]}
	} else {
		p.nats = []string{c}
	}
}

// zipf is a Zipf (1/rank) draw over n items.
type zipf struct{ cum []uint64 }

func newZipf(n int) *zipf {
	z := &zipf{cum: make([]uint64, n)}
	t := uint64(0)
	for i := 0; i < n; i++ {
		t += 1_000_000 / uint64(i+1)
		z.cum[i] = t
	}
	return z
}

func (z *zipf) draw(r *rng) int { return drawCum(r, z.cum) }

// zipfs holds the Zipf draws over 1 to maxZipf items (the morpheme lists,
// the cities of a country).
const maxZipf = 256

var zipfs = func() []*zipf {
	z := make([]*zipf, maxZipf+1)
	for n := 1; n <= maxZipf; n++ {
		z[n] = newZipf(n)
	}
	return z
}()

func zipfDraw(r *rng, n int) int {
	if n < 1 || n > maxZipf {
		panic(fmt.Sprintf("synth: Zipf draw over %d items", n))
	}
	return zipfs[n].draw(r)
}
