package normalize

import (
	"strings"
)

// PartKind says what a part of a name is.
type PartKind int

// The kinds of name part. The last four are the words of organisation
// names that say what kind of organisation it is, or which one of a series,
// rather than which organisation: a matcher should weigh them for that.
const (
	PartName     PartKind = iota // an ordinary name token
	PartParticle                 // a connector: bin, ibn, ben, bint, ould
	PartTitle                    // an honorific or title (also listed in Name.Titles)
	PartInitial                  // a single letter
	// PartLegalForm is a legal form of organisation, of one word or several
	// ("Ltd", "Limited", "AG", "Aktiengesellschaft", "OOO", "Joint Stock
	// Company", "S.A."): Text is the form's canonical name, the same for all
	// its spellings ("ltd" for Limited and Ltd, "ag" for AG and
	// Aktiengesellschaft, "ooo" for ООО and OOO), and Key is "legal:" and
	// its class, shared by the forms of one kind in different countries
	// ("legal:llc" for Ltd, LLC, GmbH, OOO; "legal:jsc" for AG, JSC, SA,
	// PLC). A different legal form of one name is not evidence against it.
	PartLegalForm
	// PartNumber is a number, written in digits, English words, as an
	// ordinal or as a Roman numeral ("12", "twelve", "twelfth", "12th",
	// "XII"): Text is its value in digits ("12"), Key "#" and the digits.
	// Unlike a name, a number that differs is evidence against: "Star 1" is
	// not "Star 2".
	PartNumber
	// PartGeneric is a generic word of organisation names (company, group,
	// bank, trading, international, national, the, of, ...; "no" before a
	// number): it weighs little, so that the distinctive words decide
	// ("National Gas Company" is not "National Oil Company").
	PartGeneric
	// PartAcronym is dotted initials written as one word ("I.B.M." ->
	// "ibm", "U.S.A." -> "usa"): compare it with the other name's Acronym.
	// Two dotted letters are an acronym only in a name with a legal form,
	// a generic word or a number ("A.Q. Khan" keeps two initials).
	PartAcronym
	// PartSyllable is a part of a Chinese or Korean name written syllable by
	// syllable ("kim", "jong", "un"; "jongun"; "xi", "jinping"): two such
	// parts are the same only when their syllables are (SameSyllables), and a
	// syllable proves less than a name of a larger stock.
	PartSyllable
)

// String returns the kind's name in lower case.
func (k PartKind) String() string {
	switch k {
	case PartParticle:
		return "particle"
	case PartTitle:
		return "title"
	case PartInitial:
		return "initial"
	case PartLegalForm:
		return "legal form"
	case PartNumber:
		return "number"
	case PartGeneric:
		return "generic"
	case PartAcronym:
		return "acronym"
	case PartSyllable:
		return "syllable"
	}
	return "name"
}

// counted reports whether a part of kind k is counted by Frequencies and
// returned by Keys: every kind but particles and titles.
func (k PartKind) counted() bool { return k != PartParticle && k != PartTitle }

// Part is one part of a parsed name.
type Part struct {
	// Text is the ASCII-folded lower-case token, with compounds joined
	// ("abdalrahman", "abubakr") and any article removed ("zawahiri").
	Text string
	Kind PartKind
	// Key is Skeleton(Text).
	Key string
	// Article reports that the token had an article (al-, el-, ad-, ...).
	Article bool
}

// Name is a parsed personal name.
type Name struct {
	// Parts are the name's parts in given-name-first order, titles excluded.
	Parts []Part
	// Titles holds the honorifics and titles found ("sheikh", "haji", "dr").
	Titles []string
}

// Keys returns the Key of every part but particles and titles, in order.
func (n Name) Keys() []string {
	keys := make([]string, 0, len(n.Parts))
	for _, p := range n.Parts {
		if p.Kind.counted() {
			keys = append(keys, p.Key)
		}
	}
	return keys
}

// titles holds honorifics and titles, folded and cleaned.
var titles = map[string]bool{
	"sheikh": true, "shaykh": true, "shaikh": true, "sheik": true, "cheikh": true, "cheik": true, "shaich": true, "chaikh": true,
	"mullah": true, "mulla": true, "mollah": true, "molla": true,
	"maulavi": true, "maulvi": true, "mawlawi": true, "moulavi": true, "moulvi": true, "mawlavi": true, "maulana": true, "mawlana": true,
	"haji": true, "hajji": true, "hadji": true, "hadj": true, "alhaj": true, "alhaji": true, "alhajj": true, "elhadj": true, "hajj": true,
	"qari": true, "dr": true, "doctor": true, "emir": true, "imam": true, "mufti": true, "ustadz": true, "ustad": true, "ustaz": true,
	"mr": true, "mrs": true, "ms": true, "prof": true, "professor": true, "general": true, "colonel": true, "col": true,
	"major": true, "brigadier": true, "lieutenant": true, "commander": true, "captain": true, "capt": true, "sir": true,
	"engineer": true, "eng": true,
}

// connectors are the particles that link a person to a parent or tribe.
var connectors = map[string]bool{
	"bin": true, "ibn": true, "ben": true, "bint": true, "binti": true, "bent": true,
	"ould": true, "uld": true, "wuld": true, "ueld": true, "ibnu": true, "bn": true,
}

// abdForms are the spellings of Abd (servant of) that join with what follows.
var abdForms = map[string]bool{"abd": true, "abdul": true, "abdel": true, "abdal": true, "abdol": true, "abdoul": true,
	"abdu": true, "abdur": true, "abder": true, "abdes": true, "abdus": true, "abdil": true}

// abuForms are the spellings of Abu (father of) and Umm (mother of), which
// join with what follows.
var abuForms = map[string]bool{"abu": true, "abou": true, "abo": true, "abul": true, "aboul": true,
	"umm": true, "um": true, "oum": true, "omm": true}

// allahForms are the spellings of Allah that end a theophoric compound.
var allahForms = map[string]bool{"allah": true, "ullah": true, "ulla": true, "ullo": true, "ollah": true, "illah": true, "alla": true, "ulloh": true}

// dinForms are the spellings of (al-)Din, "of the faith", that end a
// compound name, mapped to the form joined to the name before.
var dinForms = map[string]string{"din": "din", "deen": "deen", "dine": "dine", "eddin": "eddin", "eddine": "eddine",
	"uddin": "uddin", "addin": "addin", "iddin": "iddin", "eddeen": "eddeen", "uddeen": "uddeen", "eldin": "din",
	"aldin": "din", "eldine": "dine", "aldeen": "deen", "eldeen": "deen"}

// isArticle reports whether token a is an article before token next: al, el,
// ul (Zia ul Haq), or a sun-letter assimilated form (ad-Din, ar-Rahman, as-Sayyid,
// ash-Shami, at-Tamimi, az-Zawahiri, an-Nasser).
func isArticle(a, next string) bool {
	switch a {
	case "al", "el", "ul":
		return true
	}
	if len(a) < 2 || len(a) > 3 || (a[0] != 'a' && a[0] != 'e' && a[0] != 'u') {
		return false
	}
	switch a[1:] {
	case "d", "r", "s", "t", "z", "n", "sh", "th", "dh":
		return strings.HasPrefix(next, a[1:])
	}
	return false
}

// reorder applies "SURNAME, Given" and MRZ "SURNAME<<GIVEN<NAMES" order.
func reorder(s string) string {
	if i := strings.Index(s, "<<"); i >= 0 {
		sur := s[:i]
		given := strings.Trim(s[i+2:], "<")
		return given + " " + sur
	}
	if i := strings.IndexByte(s, ','); i > 0 && strings.Count(s, ",") == 1 {
		sur, given := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
		if sur != "" && given != "" {
			return given + " " + sur
		}
	}
	return s
}

// ParseName splits a personal name in Latin script (or romanised: a name
// with letters of any other script, alone or mixed with Latin, is romanised
// with Romanize and its best spelling used) into parts:
//
//   - "SURNAME, Given" (one comma) reads as "Given SURNAME", and MRZ
//     "SURNAME<<GIVEN<NAMES" as "GIVEN NAMES SURNAME";
//   - the text is cleaned (Clean) and folded to ASCII (Fold);
//   - titles and honorifics (sheikh, mullah, maulavi, haji, qari, dr, emir,
//     ...) go to Titles, unless nothing else would be left;
//   - an article (al, el, ad-, ar-, as-, ...) is removed from the token it
//     precedes, which gets Article true: "al" never counts as a name token;
//   - Abd and its spellings (abdul, abdel, abder, ...) join with the token
//     that follows, with any article between: "abd al rahman" is one part
//     "abdalrahman"; Abu/Abou/Umm likewise ("abu bakr" -> "abubakr");
//   - Allah (allah, ullah, ollah) joins with the name before it:
//     "hidayat allah" is one part "hidayatallah", as "hidayatullah" is;
//   - al-Din joins likewise: "shams al din", "shams eddine" and "shamsuddin"
//     give one part with one Key;
//   - connectors (bin, ibn, ben, bint, ould) are PartParticle parts, and
//     single letters PartInitial parts.
//
// Each part's Key is Skeleton(Text), so "abd al rahman", "abdul rahman",
// "abdulrahman" and "abderrahmane" give one part with the same Key.
func ParseName(s string) Name {
	if len(s) > 1024 {
		s = s[:1024]
	}
	if !isASCII(s) && !IsLatin(s) {
		if r := Romanize(s); len(r) > 0 {
			s = r[0]
		}
	}
	var acronyms map[string]bool
	if strings.IndexByte(s, '.') >= 0 {
		acronyms = map[string]bool{}
		s = joinDotted(s, acronyms)
	}
	c := Clean(reorder(s))
	if !isASCII(c) {
		c = Fold(c)
	}
	var toks [16]string
	words := toks[:0]
	for len(c) > 0 {
		i := strings.IndexByte(c, ' ')
		if i < 0 {
			words = append(words, c)
			break
		}
		if i > 0 { // Fold may empty a word ("ʕ")
			words = append(words, c[:i])
		}
		c = c[i+1:]
	}
	var n Name
	n.Parts = make([]Part, 0, len(words))
	// Count the non-title words so a name made of a title alone is kept.
	nonTitle := 0
	for _, w := range words {
		if !titles[w] {
			nonTitle++
		}
	}
	article := false
	var orgWords []string // the words of each legal form, in order
	for i := 0; i < len(words); i++ {
		w := words[i]
		if titles[w] && nonTitle > 0 {
			n.Titles = append(n.Titles, w)
			article = false // "El Hadj": the article belonged to the title
			continue
		}
		// Organisation words: legal forms, numbers, generic words, acronyms.
		if a, k := matchLegal(words, i); k > 0 {
			n.Parts = append(n.Parts, Part{Text: a.canon, Kind: PartLegalForm, Key: "legal:" + a.class})
			orgWords = append(orgWords, strings.Join(words[i:i+k], " "))
			article = false
			i += k - 1
			continue
		}
		if d, k := readNumber(words, i); k > 0 {
			n.Parts = append(n.Parts, Part{Text: d, Kind: PartNumber, Key: "#" + d})
			article = false
			i += k - 1
			continue
		}
		if genericWords[w] || (w == "no" || w == "nr" || w == "number") && i+1 < len(words) && digitsOf(words[i+1]) != "" {
			n.Parts = append(n.Parts, Part{Text: w, Kind: PartGeneric, Key: Skeleton(w), Article: article})
			article = false
			continue
		}
		if acronyms[w] && len(w) >= 2 {
			n.Parts = append(n.Parts, Part{Text: w, Kind: PartAcronym, Key: Skeleton(w), Article: article})
			article = false
			continue
		}
		next := ""
		if i+1 < len(words) {
			next = words[i+1]
		}
		if next != "" && isArticle(w, next) {
			article = true
			continue
		}
		if next != "" && (abdForms[w] || abuForms[w]) {
			// Join with the next token, keeping an article between for Abd
			// (the skeleton removes it) and dropping it after Abu.
			j := i + 1
			joined := w
			art := false
			if j+1 < len(words) && isArticle(words[j], words[j+1]) {
				if abdForms[w] {
					joined += words[j]
				}
				art = true
				j++
			}
			joined += words[j]
			n.Parts = append(n.Parts, Part{Text: joined, Kind: PartName, Key: Skeleton(joined), Article: article || art})
			article = false
			i = j
			continue
		}
		// "Hidayat Allah" is one name, as "Hidayatullah" is.
		if allahForms[w] && len(n.Parts) > 0 && n.Parts[len(n.Parts)-1].Kind == PartName && !article {
			last := &n.Parts[len(n.Parts)-1]
			last.Text += w
			last.Key = Skeleton(last.Text)
			continue
		}
		// "Shams al-Din", "Shamseddine", "Shamsuddin": al-Din ends a compound.
		if d, ok := dinForms[w]; ok && len(n.Parts) > 0 && n.Parts[len(n.Parts)-1].Kind == PartName && (article || w != "din" && w != "deen" && w != "dine") {
			last := &n.Parts[len(n.Parts)-1]
			last.Text += d
			last.Key = Skeleton(last.Text)
			article = false
			continue
		}
		p := Part{Text: w, Kind: PartName, Article: article}
		article = false
		switch {
		case connectors[w]:
			p.Kind = PartParticle
		case len(w) == 1:
			p.Kind = PartInitial
		}
		p.Key = Skeleton(w)
		n.Parts = append(n.Parts, p)
	}
	n = orgFixup(n, orgWords)
	markSyllables(&n)
	return n
}

// orgFixup undoes organisation tags that would leave a name without what
// they qualify: a name of generic words and legal forms only ("The Bank",
// "Limited") keeps them as names, as a title alone is kept; two dotted
// letters in a name with no other organisation word are two initials ("A.Q.
// Khan").
func orgFixup(n Name, orgWords []string) Name {
	distinct, org := false, false
	for _, p := range n.Parts {
		switch p.Kind {
		case PartName, PartInitial, PartAcronym:
			distinct = true
		case PartLegalForm, PartGeneric, PartNumber:
			org = true
		}
	}
	if !org {
		for i := 0; i < len(n.Parts); i++ {
			if p := n.Parts[i]; p.Kind == PartAcronym && len(p.Text) == 2 {
				a := Part{Text: p.Text[:1], Kind: PartInitial, Key: Skeleton(p.Text[:1])}
				b := Part{Text: p.Text[1:], Kind: PartInitial, Key: Skeleton(p.Text[1:])}
				n.Parts = append(n.Parts[:i], append([]Part{a, b}, n.Parts[i+1:]...)...)
				i++
			}
		}
		return n
	}
	if distinct {
		return n
	}
	k := 0
	for i, p := range n.Parts {
		switch p.Kind {
		case PartGeneric:
			n.Parts[i].Kind = PartName
		case PartLegalForm:
			t := strings.ReplaceAll(orgWords[k], " ", "")
			k++
			n.Parts[i] = Part{Text: t, Kind: PartName, Key: Skeleton(t)}
		}
	}
	return n
}
