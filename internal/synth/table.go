package synth

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// part is one element of a name — a given name, a father's name, a family
// name — with every Latin spelling it is written in and its native-script
// form.
type part struct {
	lat []string // Latin spellings, the most usual first
	fr  uint32   // bit i set: lat[i] is a French-style (Maghreb) spelling
	nat string   // native script (Arabic, Persian or Cyrillic letters), or ""
	key uint64   // identity of the name, whatever the spelling
	pat string   // Russian male names: the Cyrillic stem of the patronymic
	sys []uint8  // Cyrillic names: the index in lat of the spelling of each system (BGN, ICAO, popular, French, German)
}

// table is a weighted list of parts.
type table struct {
	name  string
	parts []part
	cum   []uint64 // cumulative weights
}

// pick draws a part by weight.
func (t *table) pick(r *rng) *part {
	return &t.parts[drawCum(r, t.cum)]
}

// drawCum draws an index by cumulative weights.
func drawCum(r *rng, cum []uint64) int {
	x := uint64(r.intn(int(cum[len(cum)-1])))
	lo, hi := 0, len(cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if cum[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// share returns the probability of part i (for tests and docs).
func (t *table) share(i int) float64 {
	prev := uint64(0)
	if i > 0 {
		prev = t.cum[i-1]
	}
	return float64(t.cum[i]-prev) / float64(t.cum[len(t.cum)-1])
}

// tableMode says how the lines of a table are written.
type tableMode int

const (
	// latinLines: "Spelling1|Spelling2|^FrenchSpelling = native ; weight".
	latinLines tableMode = iota
	// cyrillicLines: "Кириллица > patronymic stem | Extra Latin ; weight"; the
	// Latin spellings are the romanisations of the Cyrillic (see romanize.go),
	// then the extras.
	cyrillicLines
	// ukrainianLines: like cyrillicLines, romanised by the Ukrainian rules.
	ukrainianLines
)

// mustTable parses a table written one part a line. A line's weight is
// relative (any unit: per mille of the population, a census count); a line
// without one continues the last weight as a Zipf tail, weight w·k/r for a
// line of rank r after a weight w given at rank k. Lines starting with # are
// comments. A malformed table is a programming error: mustTable panics
// at init, so the tests catch it.
func mustTable(name string, mode tableMode, text string) *table {
	t := &table{name: name}
	lastW, lastRank := 1000.0, 1
	rank := 0
	for ln, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rank++
		body, wtext, hasW := strings.Cut(line, ";")
		w := lastW * float64(lastRank) / float64(rank)
		if hasW {
			v, err := strconv.ParseFloat(strings.TrimSpace(wtext), 64)
			if err != nil || v <= 0 {
				panic(fmt.Sprintf("synth: table %s line %d: bad weight %q", name, ln+1, wtext))
			}
			w, lastW, lastRank = v, v, rank
		}
		var p part
		switch mode {
		case latinLines:
			spell, nat, _ := strings.Cut(body, "=")
			p.nat = strings.TrimSpace(nat)
			for _, s := range strings.Split(spell, "|") {
				s = strings.TrimSpace(s)
				fr := strings.HasPrefix(s, "^")
				s = strings.TrimPrefix(s, "^")
				if s == "" {
					panic(fmt.Sprintf("synth: table %s line %d: empty spelling", name, ln+1))
				}
				p.addSpelling(s, fr)
			}
		case cyrillicLines, ukrainianLines:
			fields := strings.Split(body, "|")
			cyr, stem, _ := strings.Cut(fields[0], ">")
			p.nat = strings.TrimSpace(cyr)
			p.pat = strings.TrimSpace(stem)
			if p.nat == "" {
				panic(fmt.Sprintf("synth: table %s line %d: no Cyrillic", name, ln+1))
			}
			p.setCyrillic(mode == ukrainianLines)
			for _, s := range fields[1:] {
				if s = strings.TrimSpace(s); s != "" {
					p.addSpelling(s, false)
				}
			}
		}
		p.finish()
		t.parts = append(t.parts, p)
		prev := uint64(0)
		if len(t.cum) > 0 {
			prev = t.cum[len(t.cum)-1]
		}
		t.cum = append(t.cum, prev+uint64(w*1000+0.5)+1)
	}
	if len(t.parts) == 0 {
		panic("synth: empty table " + name)
	}
	return t
}

// addSpelling adds a spelling and its ASCII foldings (Müller: Muller,
// Mueller), once each.
func (p *part) addSpelling(s string, fr bool) {
	add := func(s string, fr bool) {
		for _, x := range p.lat {
			if x == s {
				return
			}
		}
		if fr && len(p.lat) < 32 {
			p.fr |= 1 << len(p.lat)
		}
		p.lat = append(p.lat, s)
	}
	add(s, fr)
	if f := fold(s, false); f != s {
		add(f, fr)
	}
	if f := fold(s, true); f != s {
		add(f, fr)
	}
}

func (p *part) addSpellings(ss []string) {
	for _, s := range ss {
		p.addSpelling(s, false)
	}
}

// finish sets the part's identity: its native form when it has one (so that
// the Arabic محمد of two cultures is one name), else its first spelling.
func (p *part) finish() {
	k := p.nat
	if k == "" {
		k = strings.ToLower(p.lat[0])
	}
	p.key = hash64(k)
}

// newPart makes a part generated from morphemes (the long tails).
func newPart(nat string, lat ...string) part {
	var p part
	p.nat = nat
	for _, s := range lat {
		p.addSpelling(s, false)
	}
	p.finish()
	return p
}

// hash64 is FNV-1a.
func hash64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// foldPlain and foldGerman take Latin letters with diacritics to ASCII: the
// plain way (ü→u, as ICAO 9303 machine-readable zones and most databases do)
// and the German way (ü→ue, ö→oe, ä→ae, as German and Swiss passports'
// zones do).
var (
	foldPlain = map[rune]string{
		'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'ã': "a", 'å': "a", 'ā': "a", 'ə': "a",
		'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'ē': "e",
		'í': "i", 'ì': "i", 'î': "i", 'ï': "i", 'ı': "i", 'ī': "i", 'İ': "I",
		'ó': "o", 'ò': "o", 'ô': "o", 'ö': "o", 'õ': "o", 'ø': "o", 'ō': "o", 'ŏ': "o",
		'ú': "u", 'ù': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ŭ': "u",
		'ç': "c", 'ş': "s", 'ğ': "g", 'ñ': "n", 'ß': "ss", 'ÿ': "y",
		'Á': "A", 'É': "E", 'Ö': "O", 'Ü': "U", 'Ç': "C", 'Ş': "S", 'Ə': "A", 'Ó': "O", 'Í': "I", 'Ú': "U", 'Ä': "A", 'Â': "A", 'Ō': "O",
	}
	foldDE = map[rune]string{'ä': "ae", 'ö': "oe", 'ü': "ue", 'Ä': "Ae", 'Ö': "Oe", 'Ü': "Ue"}
)

// fold writes s in ASCII letters.
func fold(s string, german bool) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		if german {
			if x, ok := foldDE[c]; ok {
				b.WriteString(x)
				continue
			}
		}
		if x, ok := foldPlain[c]; ok {
			b.WriteString(x)
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	c, n := utf8.DecodeRuneInString(s)
	if c == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(c)) + s[n:]
}

// setCyrillic adds the romanisations of the part's Cyrillic form and notes
// which spelling each system gives. Ukrainian has three systems: the
// national one stands for BGN and the popular style, the old g-spelling for
// the French and German.
func (p *part) setCyrillic(ukrainian bool) {
	var sp []string
	if ukrainian {
		u := romanizeUkrainian(p.nat)
		at := func(i int) string { return u[min(i, len(u)-1)] }
		sp = []string{at(0), at(1), at(0), at(2), at(2)}
		// romanizeUkrainian drops repeats: recompute each system's form
		for sys := 0; sys < 3; sys++ {
			var words []string
			for _, w := range strings.Fields(p.nat) {
				words = append(words, capitalizeWord(romanizeUkrainianWord([]rune(strings.ToLower(w)), sys)))
			}
			s := strings.Join(words, " ")
			switch sys {
			case 0:
				sp[0], sp[2] = s, s
			case 1:
				sp[1] = s
			case 2:
				sp[3], sp[4] = s, s
			}
		}
	} else {
		for sys := sysBGN; sys <= sysGerman; sys++ {
			sp = append(sp, romanizeRussianWith(p.nat, sys))
		}
	}
	p.sys = make([]uint8, len(sp))
	for i, s := range sp {
		p.addSpelling(s, false)
		for k, x := range p.lat {
			if x == s {
				p.sys[i] = uint8(k)
			}
		}
	}
}

// cyrPart makes a part from a Cyrillic name (generated surnames and
// patronymics).
func cyrPart(cyr string, ukrainian bool) part {
	p := part{nat: cyr}
	p.setCyrillic(ukrainian)
	p.finish()
	return p
}
