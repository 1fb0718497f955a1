package synth

import (
	"strings"
	"unicode/utf8"
)

// The builders draw a person's whole name, nationality and sub-culture, one
// per culture. Each writes the slots in given-first order and sets which of
// them the list shows.

func buildArabic(r *rng, p *person) {
	p.kunya = !p.female
	if r.chance(250) {
		buildMaghrebi(r, p)
		return
	}
	p.sub = "mashriq"
	p.nats = []string{pickNat(r, "IQ:18 SY:16 SA:14 EG:12 YE:10 JO:6 LB:3 KW:3 LY:5 SD:4 PS:3 AE:2 QA:1 BH:1 OM:1")}
	p.diaspora(r, 60, "GB:3 DE:3 FR:2 SE:2 US:2 BE:1 NL:1 DK:1 CA:1")
	p.nativePct = 500
	gulf := strings.Contains("SA KW AE QA BH OM YE", p.nats[len(p.nats)-1])
	given := arabicMale
	if p.female {
		given = arabicFemale
	}
	p.add(given.pick(r), roleGiven, true)
	fatherShown := r.chance(850)
	if gulf && r.chance(350) {
		c := newPart("بن", "bin", "ibn", "ben")
		if p.female {
			c = newPart("بنت", "bint", "binte")
		}
		p.add(&c, roleConnector, fatherShown)
	}
	p.add(arabicMale.pick(r), roleFather, fatherShown)
	p.add(arabicMale.pick(r), roleGrandfather, fatherShown && r.chance(450))
	var fam part
	switch r.choose(50, 30, 20) {
	case 0:
		fam = *arabicFamily.pick(r)
	case 1:
		fam = nisba(r, true)
	case 2:
		fam = lineage(arabicMale.pick(r))
	}
	p.add(&fam, roleFamily, r.chance(850) || !fatherShown)
}

// nisba makes a nisba of the long tail: al-Mawsili, الموصلي.
func nisba(r *rng, article bool) part {
	st := nisbaStems[zipfDraw(r, len(nisbaStems))]
	lat := st[0] + "i"
	if !article {
		return newPart("ال"+st[1]+"ي", lat, "El "+lat, "al-"+lat)
	}
	return newPart("ال"+st[1]+"ي", "al-"+lat, "Al-"+lat, "el-"+lat, lat, "Al"+strings.ToLower(lat))
}

// lineage makes a family name from an ancestor's name: al-Hassan, المحمد.
func lineage(g *part) part {
	var lat []string
	for i, s := range g.lat {
		if i == 2 {
			break
		}
		lat = append(lat, "al-"+s, "Al "+s, "Al-"+s)
	}
	return newPart("ال"+g.nat, lat...)
}

func buildMaghrebi(r *rng, p *person) {
	p.sub, p.maghreb = "maghreb", true
	p.nats = []string{pickNat(r, "DZ:35 MA:35 TN:20 LY:5 MR:5")}
	p.diaspora(r, 220, "FR:60 BE:20 ES:8 IT:6 NL:6 DE:5 GB:3 CA:2")
	p.nativePct = 350
	given := arabicMale
	if p.female {
		given = arabicFemale
	}
	p.add(given.pick(r), roleGiven, true)
	if r.chance(200) {
		p.add(given.pick(r), roleGiven2, true)
	}
	if r.chance(100) {
		c := newPart("بن", "ben", "ould", "bin")
		p.add(&c, roleConnector, true)
		p.add(arabicMale.pick(r), roleFather, true)
	}
	var fam part
	switch r.choose(35, 10, 30, 25) {
	case 0:
		fam = *maghrebiFamily.pick(r)
	case 1:
		fam = *arabicFamily.pick(r)
	case 2: // Ben + a forefather's name: Benyoucef, Ben Youcef
		g := arabicMale.pick(r)
		s := g.lat[0]
		for i := range g.lat {
			if g.fr&(1<<i) != 0 {
				s = g.lat[i]
				break
			}
		}
		s = strings.ReplaceAll(s, " ", "")
		fam = newPart("بن "+g.nat, "Ben"+strings.ToLower(s), "Ben "+s, "Bin "+g.lat[0])
	case 3:
		fam = nisba(r, false)
	}
	p.add(&fam, roleFamily, true)
}

func buildPersianPashto(r *rng, p *person) {
	if r.chance(700) {
		p.sub = "persian"
		p.nats = []string{pickNat(r, "IR:95 AF:5")}
		p.diaspora(r, 80, "DE:3 SE:2 GB:2 US:3 CA:2 AE:1 IQ:1")
		p.nativePct = 450
		given := persianMale
		if p.female {
			given = persianFemale
		}
		if !p.female && r.chance(150) {
			g := persianCompound(r)
			p.add(&g, roleGiven, true)
		} else {
			p.add(given.pick(r), roleGiven, true)
		}
		var fam part
		if r.chance(250) {
			fam = *persianFamily.pick(r)
		} else {
			root := persianRoots[r.intn(len(persianRoots))]
			if r.chance(500) { // a forefather's name: Hosseinzadeh, Karimpour
				g := persianMale.pick(r)
				root = [2]string{strings.ReplaceAll(g.lat[0], " ", ""), g.nat}
			}
			sfx := persianSuffixes[zipfDraw(r, len(persianSuffixes))]
			var lat []string
			for _, s := range sfx.lat {
				lat = append(lat, root[0]+s)
			}
			fam = newPart(root[1]+sfx.fa, lat...)
		}
		p.add(&fam, roleFamily, true)
		if r.chance(60) {
			p.titles = append(p.titles, "Seyed")
		}
		return
	}
	p.sub = "pashto"
	p.kunya = !p.female
	p.nats = []string{pickNat(r, "AF:80 PK:20")}
	p.diaspora(r, 40, "DE:3 GB:2 US:2 IR:2 SE:1")
	p.nativePct = 350
	if p.female {
		p.add(persianFemale.pick(r), roleGiven, true)
	} else {
		p.add(pashtoMale.pick(r), roleGiven, true)
		if r.chance(300) {
			p.add(pashtoMale.pick(r), roleGiven2, true)
		}
	}
	hasFamily := r.chance(650)
	p.add(pashtoMale.pick(r), roleFather, !hasFamily || r.chance(300))
	if hasFamily {
		var fam part
		if r.chance(550) {
			fam = *pashtoFamily.pick(r)
		} else {
			root := pashtoTribeRoots[zipfDraw(r, len(pashtoTribeRoots))]
			if r.chance(500) {
				g := pashtoMale.pick(r)
				root = [2]string{strings.ReplaceAll(g.lat[0], " ", ""), strings.ReplaceAll(g.nat, "\u200c", "")}
			}
			if r.chance(650) {
				fam = newPart(root[1]+"زی", root[0]+"zai", root[0]+"zay", root[0]+"zoy")
			} else {
				fam = newPart(root[1]+" خیل", root[0]+"khel", root[0]+" Khel", root[0]+"khil")
			}
		}
		p.add(&fam, roleFamily, true)
	}
	if r.chance(100) {
		p.titles = append(p.titles, []string{"Mullah", "Maulavi", "Haji", "Qari"}[r.intn(4)])
	}
}

// mdPart is the Bangladeshi and Indian "Md." for Mohammad.
var mdPart = func() part {
	p := newPart("محمد", "Md.", "Md", "Mohammad", "Muhammad", "Mohd.")
	return p
}()

func buildSouthAsian(r *rng, p *person) {
	switch r.choose(60, 30, 10) {
	case 0:
		p.sub = "south-asian-muslim"
		p.nats = []string{pickNat(r, "PK:55 BD:30 IN:15")}
		p.diaspora(r, 90, "GB:50 US:15 CA:10 AE:15 SA:10")
		if p.nats[0] == "PK" || (len(p.nats) > 1 && p.nats[1] == "PK") {
			p.nativePct = 120
		}
		p.kunya = !p.female && r.chance(300)
		if p.female {
			p.add(southAsianMuslimFemale.pick(r), roleGiven, true)
		} else {
			if r.chance(350) {
				if p.nats[0] == "BD" {
					p.add(&mdPart, roleGiven, true)
				} else {
					p.add(&southAsianMuslimMale.parts[0], roleGiven, true) // Muhammad
				}
				g2 := southAsianMuslimMale.pick(r)
				for g2.key == mdPart.key {
					g2 = southAsianMuslimMale.pick(r)
				}
				p.add(g2, roleGiven2, true)
			} else if r.chance(250) {
				g := ulCompound(r)
				p.add(&g, roleGiven, true)
			} else {
				p.add(southAsianMuslimMale.pick(r), roleGiven, true)
			}
		}
		if !p.female && r.chance(300) {
			p.add(southAsianMuslimMale.pick(r), roleGiven2, true) // Imran Ahmed Khan
		}
		switch r.choose(45, 35, 20) {
		case 0:
			p.add(southAsianMuslimFamily.pick(r), roleFamily, true)
		case 1:
			p.add(southAsianMuslimMale.pick(r), roleFamily, true) // the father's name as surname
		case 2:
			g := ulCompound(r) // a forefather's compound name: Inam-ul-Haq
			p.add(&g, roleFamily, true)
		}
	case 1:
		p.sub = "hindu"
		p.nats = []string{pickNat(r, "IN:90 NP:6 LK:4")}
		p.diaspora(r, 60, "GB:40 US:40 CA:15 AE:5")
		switch {
		case p.female:
			p.add(hinduFemale.pick(r), roleGiven, true)
		case r.chance(450):
			h := hinduNameHeads[zipfDraw(r, len(hinduNameHeads))]
			t := hinduNameTails[zipfDraw(r, len(hinduNameTails))]
			g := newPart("", h+t, h+" "+capitalize(t))
			p.add(&g, roleGiven, true)
		default:
			p.add(hinduMale.pick(r), roleGiven, true)
		}
		switch {
		case !p.female && r.chance(200):
			k := newPart("", "Kumar")
			p.add(&k, roleGiven2, true)
		case r.chance(300): // the father's name in the middle (Maharashtra, Gujarat, the south)
			p.add(hinduMale.pick(r), roleFather, true)
		}
		p.add(hinduFamily.pick(r), roleFamily, true)
	case 2:
		p.sub = "sikh"
		p.nats = []string{pickNat(r, "IN:85 GB:10 CA:5")}
		if r.chance(300) {
			p.add(sikhGiven.pick(r), roleGiven, true)
		} else {
			h := sikhHeads[r.intn(len(sikhHeads))]
			t := sikhTails[r.intn(len(sikhTails))]
			g := newPart("", h+t)
			p.add(&g, roleGiven, true)
		}
		sk := newPart("", "Singh")
		if p.female {
			sk = newPart("", "Kaur")
		}
		p.add(&sk, roleFamily2, true)
		if r.chance(600) {
			p.add(sikhFamily.pick(r), roleFamily, true)
		}
	}
}

func buildTurkic(r *rng, p *person) {
	switch r.choose(55, 15, 30) {
	case 0:
		p.sub = "turkish"
		p.nats = []string{"TR"}
		p.diaspora(r, 120, "DE:60 NL:15 FR:10 AT:10 BE:5 SE:5 GB:5")
		given := turkishMale
		if p.female {
			given = turkishFemale
		}
		p.add(given.pick(r), roleGiven, true)
		if r.chance(250) {
			p.add(given.pick(r), roleGiven2, true)
		}
		if r.chance(250) {
			p.add(turkishFamily.pick(r), roleFamily, true)
		} else {
			h := turkishSurnameHeads[r.intn(len(turkishSurnameHeads))]
			t := turkishSurnameTails[r.intn(len(turkishSurnameTails))]
			f := newPart("", h+t)
			p.add(&f, roleFamily, true)
		}
	case 1:
		p.sub = "azeri"
		p.nats = []string{"AZ"}
		p.diaspora(r, 80, "RU:70 TR:20 DE:10")
		p.nativePct = 150
		if p.female {
			p.add(turkishFemale.pick(r), roleGiven, true)
		} else {
			p.add(azeriMale.pick(r), roleGiven, true)
		}
		// the traditional patronymic: Heydar oğlu, Heydar qızı
		fa := azeriMale.pick(r)
		pat := azeriPatronymic(fa, p.female)
		p.add(&pat, rolePatronymic, r.chance(250))
		var f part
		if r.chance(400) {
			f = *azeriFamily.pick(r)
			if p.female {
				f = feminine(f, "a", "а")
			}
		} else {
			cyr := russianSurname(turkicRoot(r), false)
			if p.female {
				cyr += "а"
			}
			f = cyrPart(cyr, false)
		}
		p.add(&f, roleFamily, true)
	case 2:
		p.sub = "central-asian"
		p.nats = []string{pickNat(r, "UZ:45 KZ:30 KG:15 TM:10")}
		p.diaspora(r, 100, "RU:70 TR:20 DE:10")
		p.nativePct = 350
		p.kunya = !p.female && r.chance(400)
		switch {
		case p.female:
			p.add(centralAsianFemale.pick(r), roleGiven, true)
		case r.chance(400): // Otabek, Alijon, Sardorbek
			h := centralAsianNameHeads[r.intn(len(centralAsianNameHeads))]
			t := centralAsianNameTails[zipfDraw(r, len(centralAsianNameTails))]
			g := cyrPart(h+t, false)
			p.add(&g, roleGiven, true)
		default:
			p.add(centralAsianMale.pick(r), roleGiven, true)
		}
		pat := russianPatronymic(centralAsianMale.pick(r), p.female)
		p.add(&pat, rolePatronymic, r.chance(300))
		root := centralAsianSurnameRoots[zipfDraw(r, len(centralAsianSurnameRoots))]
		if r.chance(500) {
			root = turkicRoot(r)
		}
		cyr := russianSurname(root, false)
		if p.female {
			cyr += "а"
		}
		f := cyrPart(cyr, false)
		p.add(&f, roleFamily, true)
	}
}

// feminine adds a woman's ending to every spelling of a family name.
func feminine(f part, lat, cyr string) part {
	var ls []string
	for _, s := range f.lat {
		ls = append(ls, s+lat)
	}
	nat := f.nat
	if nat != "" {
		nat += cyr
	}
	return newPart(nat, ls...)
}

func hasSuffix(s string, sfx ...string) bool {
	for _, x := range sfx {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// lastRune returns the last letter of s.
func lastRune(s string) rune {
	c, _ := utf8.DecodeLastRuneInString(s)
	return c
}

// russianSurname adds -ов, -ев or -ин to a root by its last letter
// (Unbegaun): -ев after a soft or hushing consonant and after a vowel.
func russianSurname(root string, allowIn bool) string {
	switch {
	case hasSuffix(root, "ь", "й"):
		return strings.TrimSuffix(strings.TrimSuffix(root, "ь"), "й") + "ев"
	case hasSuffix(root, "ж", "ш", "ч", "щ", "ц"):
		return root + "ев"
	case isCyrVowel(lastRune(root)):
		return root + "ев"
	case allowIn && hasSuffix(root, "к", "н", "т", "л"):
		return root + "ин"
	}
	return root + "ов"
}

// russianPatronymic makes the patronymic of a Russian-style father's name.
func russianPatronymic(father *part, female bool) part {
	name := father.nat
	stem := father.pat
	if stem == "" {
		switch {
		case hasSuffix(name, "ий"):
			stem = strings.TrimSuffix(name, "ий") + "ьев"
		case hasSuffix(name, "й", "ь"):
			stem = strings.TrimSuffix(strings.TrimSuffix(name, "й"), "ь") + "ев"
		case isCyrVowel(lastRune(name)):
			stem = name + "ев"
		default:
			stem = name + "ов"
		}
	}
	var cyr string
	switch {
	case strings.HasSuffix(stem, "ич") && female && stem == "Ильич":
		cyr = "Ильинична"
	case strings.HasSuffix(stem, "ич") && female:
		cyr = stem + "на"
	case strings.HasSuffix(stem, "ич"):
		cyr = stem
	case female:
		cyr = stem + "на"
	default:
		cyr = stem + "ич"
	}
	return cyrPart(cyr, false)
}

// ukrainianPatronymic makes a Ukrainian patronymic: Олександрович,
// Сергіївна, Миколайович.
func ukrainianPatronymic(name string, female bool) part {
	var m, f string
	switch {
	case hasSuffix(name, "ій"):
		m, f = name+"ович", strings.TrimSuffix(name, "й")+"ївна"
	case hasSuffix(name, "о"):
		b := strings.TrimSuffix(name, "о")
		m, f = b+"ович", b+"івна"
	case hasSuffix(name, "а"):
		b := strings.TrimSuffix(name, "а")
		m, f = b+"айович", b+"аївна"
	case hasSuffix(name, "ь"):
		m, f = name+"ович", strings.TrimSuffix(name, "ь")+"івна"
	default:
		m, f = name+"ович", name+"івна"
	}
	cyr := m
	if female {
		cyr = f
	}
	return cyrPart(cyr, true)
}

var caucasusFemale = mustTable("caucasus-female", cyrillicLines, `
Малика|Malika ; 10
Зарема|Zarema ; 8
Хава|Khava ; 8
Аминат|Aminat ; 8
Патимат|Patimat ; 7
Марьям|Maryam ; 6
Фатима|Fatima ; 6
Мадина|Madina ; 6
Луиза|Luiza ; 4
`)

func buildSlavic(r *rng, p *person) {
	p.nativePct = 450
	switch r.choose(60, 20, 20) {
	case 0:
		p.sub = "russian"
		p.nats = []string{pickNat(r, "RU:85 BY:10 KZ:5")}
		p.diaspora(r, 50, "DE:40 US:30 GB:15 FR:15")
		p.russianStyle(r, russianMale, russianFemale, 600, russianFamilyByNat, func() string {
			if r.chance(300) {
				return russianFamily.pick(r).nat
			}
			pre := russianSurnamePrefixes[zipfDraw(r, len(russianSurnamePrefixes))]
			root := russianSurnameRoots[zipfDraw(r, len(russianSurnameRoots))]
			if pre != "" {
				root = pre + strings.ToLower(root)
			}
			return russianSurname(root, r.chance(150))
		})
	case 1:
		p.sub = "ukrainian"
		p.nats = []string{"UA"}
		p.diaspora(r, 60, "RU:30 DE:30 US:20 GB:10 CA:10")
		given := ukrainianMale
		if p.female {
			given = ukrainianFemale
		}
		p.add(given.pick(r), roleGiven, true)
		pat := ukrainianPatronymic(ukrainianMale.pick(r).nat, p.female)
		p.add(&pat, rolePatronymic, r.chance(550))
		var f part
		if r.chance(350) {
			f = *ukrainianFamily.pick(r)
			if p.female && hasSuffix(f.nat, "ов", "ев", "ін", "ський") {
				cyr := f.nat + "а"
				if hasSuffix(f.nat, "ський") {
					cyr = strings.TrimSuffix(f.nat, "ий") + "а"
				}
				f = cyrPart(cyr, true)
			}
		} else {
			root := ukrainianSurnameRoots[r.intn(len(ukrainianSurnameRoots))]
			sfx := []string{"енко", "енко", "енко", "чук", "ук", "ишин", "ський"}[r.intn(7)]
			if sfx == "ський" && p.female {
				sfx = "ська"
			}
			cyr := root + sfx
			f = cyrPart(cyr, true)
		}
		p.add(&f, roleFamily, true)
	case 2:
		p.sub = "north-caucasus"
		p.nats = []string{"RU"}
		p.diaspora(r, 80, "TR:30 DE:20 FR:20 AT:15 BE:10")
		p.kunya = !p.female
		p.russianStyle(r, caucasusMale, caucasusFemale, 500, caucasusFamilyByNat, func() string {
			switch {
			case r.chance(500):
				return caucasusFamily.pick(r).nat
			case r.chance(500):
				return russianSurname(caucasusMale.pick(r).nat, false)
			}
			return russianSurname(turkicRoot(r), false)
		})
	}
}

// russianStyle draws a name of the Russian pattern — given name,
// patronymic from a father's name of the same table, family name (the
// woman's form for a woman) — with the family name's Cyrillic from family;
// a family name of the head keeps the head's conventional spellings.
func (p *person) russianStyle(r *rng, male, female *table, patPct int, heads map[string]*part, family func() string) {
	given := male
	if p.female {
		given = female
	}
	p.add(given.pick(r), roleGiven, true)
	pat := russianPatronymic(male.pick(r), p.female)
	p.add(&pat, rolePatronymic, r.chance(patPct))
	cyr := family()
	if p.female {
		cyr = russianFeminine(cyr)
	}
	f := cyrPart(cyr, false)
	if !p.female {
		if hp := heads[cyr]; hp != nil {
			f = *hp
		}
	}
	p.add(&f, roleFamily, true)
}

// russianFeminine gives the woman's form of a Russian surname.
func russianFeminine(cyr string) string {
	switch {
	case hasSuffix(cyr, "ский", "цкий"):
		return strings.TrimSuffix(cyr, "ий") + "ая"
	case hasSuffix(cyr, "ой"):
		return strings.TrimSuffix(cyr, "ой") + "ая"
	case hasSuffix(cyr, "ов", "ев", "ёв", "ин", "ын"):
		return cyr + "а"
	}
	return cyr
}

var russianFamilyByNat, caucasusFamilyByNat = byNat(russianFamily), byNat(caucasusFamily)

func byNat(t *table) map[string]*part {
	m := make(map[string]*part, len(t.parts))
	for i := range t.parts {
		m[t.parts[i].nat] = &t.parts[i]
	}
	return m
}

func buildEuropean(r *rng, p *person) {
	w := []int{22, 18, 18, 12, 10, 10, 5}
	n := &europeanNations[r.choose(w...)]
	p.sub = "european-" + strings.ToLower(n.code)
	code := n.code
	switch {
	case code == "NL" && r.chance(300), code == "FR" && r.chance(100):
		code = "BE"
	case code == "DE" && r.chance(120):
		code = "AT"
	case code == "DE" && r.chance(90):
		code = "CH"
	case code == "GB" && r.chance(150):
		code = []string{"US", "CA"}[r.intn(2)]
	}
	p.nats = []string{code}
	p.kunya = !p.female && r.chance(200) // converts with a nom de guerre
	given := n.male
	if p.female {
		given = n.female
	}
	p.add(given.pick(r), roleGiven, true)
	if r.chance(n.secondGivenPct) {
		p.add(given.pick(r), roleGiven2, r.chance(600))
	}
	fam := func() part {
		if len(n.tails) == 0 || r.chance(n.headPct) {
			return *n.family.pick(r)
		}
		if len(n.syl) > 0 && r.chance(400) {
			return newPart("", syllabic(r, n.syl))
		}
		t := n.tails[r.intn(len(n.tails))]
		if len(n.particles) > 0 {
			pa := n.particles[zipfDraw(r, len(n.particles))]
			return newPart("", pa+" "+t, capitalize(pa)+" "+t, strings.ReplaceAll(capitalize(pa), " ", "")+strings.ToLower(t))
		}
		h := n.heads[r.intn(len(n.heads))]
		if strings.HasSuffix(h, " ") {
			return newPart("", h+capitalize(t), strings.ReplaceAll(h, " ", "")+t)
		}
		return newPart("", h+t)
	}
	f := fam()
	p.add(&f, roleFamily, true)
	if n.doubleSurname {
		f2 := fam()
		p.add(&f2, roleFamily2, r.chance(850))
	}
}

// koreanNorth are the North Korean (McCune–Reischauer) spellings of family
// names, put first for North Koreans.
var koreanNorth = map[string]bool{"Ri": true, "Pak": true, "Choe": true, "Chong": true, "Jo": true, "Yun": true,
	"Rim": true, "O": true, "So": true, "Sin": true, "An": true, "Chon": true, "Ryu": true, "Ko": true, "Mun": true,
	"Ryang": true, "Pae": true, "Paek": true, "Ho": true, "Kang": true, "Kim": true, "Jang": true, "Han": true}

// preferSpellings moves the spellings for which pref is true first.
func preferSpellings(pt part, pref func(string) bool) part {
	var a, b []string
	for _, s := range pt.lat {
		if pref(s) {
			a = append(a, s)
		} else {
			b = append(b, s)
		}
	}
	pt.lat = append(a, b...)
	pt.fr = 0
	return pt
}

func buildEastAsian(r *rng, p *person) {
	p.familyFirst = true
	switch r.choose(50, 10, 15, 10, 15) {
	case 0, 1:
		p.sub = "chinese"
		p.nats = []string{"CN"}
		wg := false
		if r.choose(80, 20) == 1 {
			p.nats[0] = []string{"TW", "HK"}[r.intn(2)]
			wg = true
		}
		p.diaspora(r, 40, "US:40 CA:30 GB:20 DE:10")
		f := *chineseFamily.pick(r)
		if wg && len(f.lat) > 1 {
			f.lat = append([]string{f.lat[1]}, append([]string{f.lat[0]}, f.lat[2:]...)...)
		}
		p.add(&f, roleFamily, true)
		n := 2
		if r.chance(250) {
			n = 1
		}
		var py, wgs []string
		for i := 0; i < n; i++ {
			s := chineseSyllables[zipfDraw(r, len(chineseSyllables))]
			py, wgs = append(py, s[0]), append(wgs, s[1])
		}
		g := syllableName(py, wgs, wg)
		p.add(&g, roleGiven, true)
	case 2, 3:
		p.sub = "korean"
		p.nats = []string{"KR"}
		north := r.choose(15, 10) == 1
		if north {
			p.nats[0], p.sub = "KP", "korean-north"
		}
		f := *koreanFamily.pick(r)
		if north {
			f = preferSpellings(f, func(s string) bool { return koreanNorth[s] })
		}
		p.add(&f, roleFamily, true)
		var rr, mr []string
		for i := 0; i < 2; i++ {
			s := koreanSyllables[zipfDraw(r, len(koreanSyllables))]
			rr, mr = append(rr, s[0]), append(mr, s[1])
		}
		g := syllableName(rr, mr, north)
		p.add(&g, roleGiven, true)
	case 4:
		p.sub = "japanese"
		p.nats = []string{"JP"}
		if r.chance(300) {
			p.add(japaneseFamily.pick(r), roleFamily, true)
		} else {
			h := japaneseHeads[r.intn(len(japaneseHeads))]
			t := japaneseTails[r.intn(len(japaneseTails))]
			f := newPart("", h+t)
			p.add(&f, roleFamily, true)
		}
		given := japaneseMale
		if p.female {
			given = japaneseFemale
		}
		p.add(given.pick(r), roleGiven, true)
	}
}

// syllableName spells a Chinese or Korean given name of one or more
// syllables in two systems (pinyin and Wade–Giles; Revised Romanization and
// McCune–Reischauer), joined, spaced and hyphenated; alt first when altFirst.
func syllableName(a, b []string, altFirst bool) part {
	forms := func(s []string) []string {
		if len(s) == 1 {
			return []string{capitalize(s[0])}
		}
		joined := capitalize(strings.Join(s, ""))
		hyph := capitalize(s[0]) + "-" + strings.Join(s[1:], "-")
		var sp []string
		for _, x := range s {
			sp = append(sp, capitalize(x))
		}
		return []string{joined, hyph, strings.Join(sp, " ")}
	}
	fa, fb := forms(a), forms(b)
	if altFirst {
		fa, fb = fb, fa
	}
	var pt part
	for _, s := range append(fa, fb...) {
		pt.addSpelling(s, false)
	}
	pt.key = hash64("syl:" + strings.Join(a, ""))
	return pt
}

// azeriPatronymic is the Azerbaijani "father's name oğlu/qızı" (son/daughter
// of), as one part: Heydar oğlu, in Russian-language documents Гейдар оглы.
func azeriPatronymic(father *part, female bool) part {
	w, wa, wr, cyr := " oğlu", " oglu", " ogly", " оглы"
	if female {
		w, wa, wr, cyr = " qızı", " qizi", " kyzy", " кызы"
	}
	var lat []string
	for _, s := range father.lat {
		lat = append(lat, s+w, s+wa, s+wr)
	}
	return newPart(father.nat+cyr, lat...)
}

// sikhHeads and sikhTails make Sikh given names (Gur-preet, Har-jit,
// Sukh-winder): the Punjabi elements, any of which may be combined.
var (
	sikhHeads = []string{"Gur", "Har", "Man", "Jas", "Kul", "Sukh", "Bal", "Param", "Ran", "Sarab", "Jag", "Nav",
		"Aman", "Kan", "Tej", "Dal", "Lakh", "Raj", "Inder", "Kar", "Jot", "Hardev", "Jit", "Sat", "Prit"}
	sikhTails = []string{"preet", "winder", "jit", "deep", "meet", "want", "bir", "pal", "inder", "jot", "noor",
		"vir", "dev", "jeet", "mohan", "bans", "simran"}
)

// ulCompound makes the South Asian Muslim compound given names of the form
// X-ul-Y (Zia-ul-Haq, Habib-ur-Rehman, Saif-ud-Din), with the article
// assimilated before sun letters, spelled hyphenated, joined and spaced.
func ulCompound(r *rng) part {
	heads := [][2]string{{"Zia", "ضیاء"}, {"Inam", "انعام"}, {"Ikram", "اکرام"}, {"Ehsan", "احسان"}, {"Anwar", "انوار"},
		{"Shams", "شمس"}, {"Noor", "نور"}, {"Fazal", "فضل"}, {"Saif", "سیف"}, {"Habib", "حبیب"}, {"Obaid", "عبید"},
		{"Aziz", "عزیز"}, {"Hafeez", "حفیظ"}, {"Ata", "عطاء"}, {"Zafar", "ظفر"}, {"Mujeeb", "مجیب"}, {"Naeem", "نعیم"},
		{"Faiz", "فیض"}, {"Azhar", "اظہر"}, {"Izhar", "اظہار"}, {"Irshad", "ارشاد"}, {"Khalil", "خلیل"}, {"Fazl", "فضل"},
		{"Aman", "امان"}, {"Rafi", "رفیع"}, {"Shafi", "شفیع"}, {"Hamid", "حمید"}, {"Mahbub", "محبوب"}, {"Mati", "مطیع"}}
	tails := [][3]string{{"ul", "Haq", "الحق"}, {"ul", "Islam", "الاسلام"}, {"ur", "Rehman", "الرحمن"}, {"ud", "Din", "الدین"},
		{"ul", "Amin", "الامین"}, {"ul", "Hassan", "الحسن"}, {"ul", "Karim", "الکریم"}, {"ullah", "", "اللہ"},
		{"ul", "Qadir", "القادر"}, {"ur", "Rashid", "الرشید"}, {"ul", "Hadi", "الہادی"}, {"ul", "Mulk", "الملک"}}
	h := heads[r.intn(len(heads))]
	t := tails[zipfDraw(r, len(tails))]
	if t[1] == "" {
		return newPart(h[1]+t[2], h[0]+"ullah", h[0]+"ulla", h[0]+" Ullah")
	}
	return newPart(h[1]+" "+t[2], h[0]+"-"+t[0]+"-"+t[1], h[0]+t[0]+strings.ToLower(t[1]), h[0]+" "+capitalize(t[0])+" "+t[1],
		h[0]+" "+t[1])
}

// centralAsianNameHeads and Tails make Uzbek, Tajik and Kazakh compound
// given names (Ota-bek, Ali-jon, Sardor-bek, Nur-ali) in Russian Cyrillic.
var (
	centralAsianNameHeads = []string{"Ота", "Сардор", "Даврон", "Жасур", "Шох", "Нодир", "Улуг", "Шер", "Дил", "Али",
		"Нур", "Жавлон", "Азам", "Бахром", "Хамид", "Карим", "Равшан", "Зафар", "Умид", "Санжар", "Аз", "Тимур", "Фарход",
		"Мирза", "Ойбек", "Эр", "Ахмад", "Абдул", "Джахон", "Камол"}
	centralAsianNameTails = []string{"бек", "жон", "бой", "али", "мирзо", "улла", "хон", "бай", "жан"}
)

// persianCompound makes the compound given names of Iran: Mohammad-Hossein,
// Ali-Asghar, Amir-Abbas, Gholam-Ali; written joined, spaced or hyphenated.
func persianCompound(r *rng) part {
	heads := [][2]string{{"Mohammad", "محمد"}, {"Ali", "علی"}, {"Amir", "امیر"}, {"Hamid", "حمید"}, {"Gholam", "غلام"},
		{"Abdol", "عبد"}, {"Mir", "میر"}, {"Seyed", "سید"}}
	h := heads[zipfDraw(r, len(heads))]
	x := persianMale.pick(r)
	s := x.lat[0]
	return newPart(h[1]+x.nat, h[0]+" "+s, h[0]+strings.ToLower(strings.ReplaceAll(s, " ", "")), h[0]+"-"+s)
}

// turkicRoot draws the root of a Central Asian, Azerbaijani or Caucasian
// surname: a word or a forefather's name (Rustam-ov, Bakhtiyor-ov).
func turkicRoot(r *rng) string {
	switch r.intn(3) {
	case 0:
		return centralAsianMale.pick(r).nat
	case 1:
		return caucasusMale.pick(r).nat
	}
	return centralAsianSurnameRoots[r.intn(len(centralAsianSurnameRoots))]
}

// syllabic makes a rarer surname of a language from its sound pieces: an
// onset, a vowel, a coda and an ending (German Kr-a-ck-el, English
// Wh-i-tt-ley, French Ch-au-v-ot, Italian B-e-rr-etti).
func syllabic(r *rng, syl [4][]string) string {
	return syl[0][r.intn(len(syl[0]))] + syl[1][r.intn(len(syl[1]))] + syl[2][r.intn(len(syl[2]))] + syl[3][r.intn(len(syl[3]))]
}
