package normalize

import (
	"unicode"
	"unicode/utf8"
)

// Script is the writing system of a token or a name.
type Script int

// The scripts DetectScript tells apart. Their values are stable: new scripts
// are added at the end.
const (
	ScriptOther Script = iota
	ScriptLatin
	ScriptArabic // Arabic, Persian, Urdu, Pashto
	ScriptCyrillic
	ScriptGreek
	ScriptHebrew
	ScriptArmenian
	ScriptGeorgian
	ScriptDevanagari
	ScriptThai
	ScriptEthiopic
	ScriptHangul
	ScriptKana // Japanese: hiragana or katakana, alone or with kanji
	ScriptHan  // Chinese characters (hanzi, kanji, hanja) without kana
	numScripts
)

var scriptNames = [numScripts]string{"other", "latin", "arabic", "cyrillic", "greek", "hebrew", "armenian",
	"georgian", "devanagari", "thai", "ethiopic", "hangul", "kana", "han"}

// String returns the script's English name in lower case.
func (s Script) String() string {
	if s < 0 || s >= numScripts {
		return "other"
	}
	return scriptNames[s]
}

// scriptOf returns the script of one rune, and false for a rune that is not
// a letter (spaces, punctuation, digits, marks), which belongs to no script.
// The prolonged sound mark ー and the iteration marks 々 ゝ ヽ count as kana
// or Han, as they are written only in those scripts.
func scriptOf(r rune) (Script, bool) {
	if r < utf8.RuneSelf {
		if r|0x20 >= 'a' && r|0x20 <= 'z' {
			return ScriptLatin, true
		}
		return ScriptOther, false
	}
	switch {
	case r == 0x30FC || r == 0x309D || r == 0x309E || r == 0x30FD || r == 0x30FE:
		return ScriptKana, true
	case r == 0x3005:
		return ScriptHan, true
	}
	if !unicode.IsLetter(r) {
		return ScriptOther, false
	}
	switch {
	case r < 0x0250 || r >= 0x1E00 && r <= 0x1EFF:
		if unicode.Is(unicode.Latin, r) {
			return ScriptLatin, true
		}
	case r >= 0x0370 && r <= 0x03FF || r >= 0x1F00 && r <= 0x1FFF:
		return ScriptGreek, true
	case r >= 0x0400 && r <= 0x052F || r >= 0x1C80 && r <= 0x1C8F || r >= 0xA640 && r <= 0xA69F:
		return ScriptCyrillic, true
	case r >= 0x0531 && r <= 0x058F || r >= 0xFB13 && r <= 0xFB17:
		return ScriptArmenian, true
	case r >= 0x0591 && r <= 0x05FF || r >= 0xFB1D && r <= 0xFB4F:
		return ScriptHebrew, true
	case r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F || r >= 0x08A0 && r <= 0x08FF ||
		r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF:
		return ScriptArabic, true
	case r >= 0x0900 && r <= 0x097F || r >= 0xA8E0 && r <= 0xA8FF:
		return ScriptDevanagari, true
	case r >= 0x0E00 && r <= 0x0E7F:
		return ScriptThai, true
	case r >= 0x10A0 && r <= 0x10FF || r >= 0x1C90 && r <= 0x1CBF || r >= 0x2D00 && r <= 0x2D2F:
		return ScriptGeorgian, true
	case r >= 0x1100 && r <= 0x11FF || r >= 0x3130 && r <= 0x318F || r >= 0xAC00 && r <= 0xD7AF ||
		r >= 0xA960 && r <= 0xA97F || r >= 0xD7B0 && r <= 0xD7FF:
		return ScriptHangul, true
	case r >= 0x1200 && r <= 0x139F || r >= 0x2D80 && r <= 0x2DDF || r >= 0xAB00 && r <= 0xAB2F:
		return ScriptEthiopic, true
	case r >= 0x3040 && r <= 0x30FF || r >= 0x31F0 && r <= 0x31FF || r >= 0xFF66 && r <= 0xFF9F:
		return ScriptKana, true
	case r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x3134F:
		return ScriptHan, true
	}
	if unicode.Is(unicode.Latin, r) {
		return ScriptLatin, true
	}
	return ScriptOther, true
}

// DetectScript returns the script of most of the letters of s, or
// ScriptOther when s has no letters or most are of a script not listed.
// Japanese is told by its kana: kanji written with any kana count as
// ScriptKana, kanji alone as ScriptHan; Hangul written with hanja is
// ScriptHangul. Ties go to the script that comes first in the list of
// constants.
func DetectScript(s string) Script {
	var n [numScripts]int
	for i := 0; i < len(s); {
		r := rune(s[i])
		size := 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if sc, ok := scriptOf(r); ok {
			n[sc]++
		}
	}
	if n[ScriptKana] > 0 {
		n[ScriptKana] += n[ScriptHan]
		n[ScriptHan] = 0
	}
	if n[ScriptHangul] > 0 {
		n[ScriptHangul] += n[ScriptHan]
		n[ScriptHan] = 0
	}
	best := ScriptOther
	for sc := ScriptLatin; sc < numScripts; sc++ {
		if n[sc] > n[best] {
			best = sc
		}
	}
	return best
}

// IsLatin reports whether every letter of s is a Latin letter (s may have
// none): such a name needs no romanisation. "محمد Ahmed" is not Latin.
func IsLatin(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if sc, ok := scriptOf(r); ok && sc != ScriptLatin {
			return false
		}
	}
	return true
}
