package normalize

import "strings"

// Devanagari (Hindi, Marathi, Nepali, Sanskrit) to Latin in the common
// spelling of Indian and Nepali passports: the Hunterian system (the
// official romanisation of the Government of India) without diacritics —
// long and short vowels written alike (आ a, ई i, ऊ u), श and ष sh, छ chh,
// anusvara n (m before a labial). Two readings: (1) with the Hindi deletion
// of the inherent vowel a at the end of a word and between a full syllable
// and a consonant followed by a vowel (राहुल rahul, कमला kamla); (2) with
// every inherent a kept (rahula, kamala), as Sanskrit and many Nepali
// and South Indian names are spelt.

var devaCons = map[rune]string{
	'क': "k", 'ख': "kh", 'ग': "g", 'घ': "gh", 'ङ': "n", 'च': "ch", 'छ': "chh", 'ज': "j", 'झ': "jh", 'ञ': "n",
	'ट': "t", 'ठ': "th", 'ड': "d", 'ढ': "dh", 'ण': "n", 'त': "t", 'थ': "th", 'द': "d", 'ध': "dh", 'न': "n",
	'ऩ': "n", 'प': "p", 'फ': "ph", 'ब': "b", 'भ': "bh", 'म': "m", 'य': "y", 'र': "r", 'ऱ': "r", 'ल': "l",
	'ळ': "l", 'ऴ': "l", 'व': "v", 'श': "sh", 'ष': "sh", 'स': "s", 'ह': "h",
	'\u0958': "q", '\u0959': "kh", '\u095A': "gh", '\u095B': "z", '\u095C': "r", '\u095D': "rh", '\u095E': "f", '\u095F': "y",
}

var devaNukta = map[rune]rune{'क': '\u0958', 'ख': '\u0959', 'ग': '\u095A', 'ज': '\u095B', 'ड': '\u095C', 'ढ': '\u095D', 'फ': '\u095E', 'य': '\u095F'}

var devaVowel = map[rune]string{
	'अ': "a", 'आ': "a", 'इ': "i", 'ई': "i", 'उ': "u", 'ऊ': "u", 'ऋ': "ri", 'ॠ': "ri", 'ऌ': "li", 'ए': "e",
	'ऐ': "ai", 'ओ': "o", 'औ': "au", 'ऍ': "e", 'ऑ': "o", 'ऎ': "e", 'ऒ': "o",
}

var devaMatra = map[rune]string{
	'ा': "a", 'ि': "i", 'ी': "i", 'ु': "u", 'ू': "u", 'ृ': "ri", 'ॄ': "ri", 'े': "e", 'ै': "ai", 'ो': "o",
	'ौ': "au", 'ॅ': "e", 'ॉ': "o", 'ॆ': "e", 'ॊ': "o",
}

// devaSyl is one orthographic syllable: a consonant cluster and its vowel.
type devaSyl struct {
	cons     []string
	vowel    string // "" for the inherent a
	inherent bool   // the vowel is the inherent a
	killed   bool   // virama: no vowel
	nasal    bool   // anusvara or candrabindu after the vowel
	visarga  bool
}

func devaSyllables(w string) []devaSyl {
	rs := []rune(w)
	var ss []devaSyl
	var cur *devaSyl
	pendingCluster := false // the last consonant had a virama and may join the next
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if i+1 < len(rs) && rs[i+1] == 0x093C { // nukta
			if m, ok := devaNukta[r]; ok {
				r = m
				i++
			}
		}
		switch {
		case devaCons[r] != "":
			if pendingCluster && cur != nil {
				cur.cons = append(cur.cons, devaCons[r])
				cur.killed = false
				cur.inherent = true
			} else {
				ss = append(ss, devaSyl{cons: []string{devaCons[r]}, inherent: true})
				cur = &ss[len(ss)-1]
			}
			pendingCluster = false
		case devaVowel[r] != "":
			ss = append(ss, devaSyl{vowel: devaVowel[r]})
			cur = &ss[len(ss)-1]
			pendingCluster = false
		case devaMatra[r] != "" && cur != nil:
			cur.vowel, cur.inherent = devaMatra[r], false
		case r == '्' && cur != nil:
			cur.killed, cur.inherent = true, false
			pendingCluster = true
		case (r == 'ं' || r == 'ँ') && cur != nil:
			cur.nasal = true
		case r == 'ः' && cur != nil:
			cur.visarga = true
		case r == 'ॐ':
			ss = append(ss, devaSyl{vowel: "om"})
			cur = &ss[len(ss)-1]
		}
	}
	return ss
}

func romanizeDevanagariWord(w string, deleteSchwa bool) string {
	ss := devaSyllables(w)
	n := len(ss)
	drop := make([]bool, n)
	if deleteSchwa && n > 1 {
		// Word-final inherent a after a single consonant.
		if last := ss[n-1]; last.inherent && len(last.cons) == 1 && !last.nasal {
			drop[n-1] = true
		}
		// Medial: V C(a) C V -> the a goes (kamala -> kamla), right to left.
		for i := n - 2; i >= 1; i-- {
			s := ss[i]
			if !s.inherent || len(s.cons) != 1 || s.nasal || drop[i-1] {
				continue
			}
			next := ss[i+1]
			if len(next.cons) == 0 || next.inherent && !drop[i+1] && i+1 != n-1 {
				continue
			}
			if next.inherent && drop[i+1] {
				continue // keep one of two (sarkar, not srkr)
			}
			drop[i] = true
		}
	}
	var b strings.Builder
	for i, s := range ss {
		for _, c := range s.cons {
			b.WriteString(c)
		}
		switch {
		case s.killed:
		case s.inherent:
			if !drop[i] {
				b.WriteString("a")
			}
		default:
			b.WriteString(s.vowel)
		}
		if s.nasal {
			nc := ""
			if i+1 < n && len(ss[i+1].cons) > 0 {
				nc = ss[i+1].cons[0]
			}
			switch {
			case nc != "" && (nc[0] == 'p' || nc[0] == 'b' || nc[0] == 'm'):
				b.WriteString("m")
			case nc == "h" && i+1 == n-1:
				b.WriteString("ng") // सिंह singh
			default:
				b.WriteString("n")
			}
		}
		if s.visarga {
			b.WriteString("h")
		}
	}
	return b.String()
}

func romanizeDevanagari(seg string) []string {
	return byWord(seg, func(w string) []string {
		return []string{romanizeDevanagariWord(w, true), romanizeDevanagariWord(w, false)}
	})
}
