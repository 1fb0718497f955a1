package normalize

import (
	"strings"
)

// Hangul to Latin. A Korean name is romanised syllable by syllable (as
// names are printed: "Kim Jong Un", "Park Ji Sung"), in these systems:
//
//   - the Revised Romanization of Korean (South Korea, 2000): ㄱ g, ㄷ d,
//     ㅂ b, ㅈ j, ㅓ eo, ㅡ eu, final ㄱ k; with the family name in its usual
//     spelling, and again with the given name as one word (Jeongeun) and with
//     the family name's second usual spelling;
//   - the 1992 system of North Korea (DPRK), the McCune–Reischauer variant
//     the UN and OFAC lists use for North Korean names: ㄱ k, ㄷ t, ㅂ p,
//     ㅈ j, ㅊ ch, ㅓ o, ㅡ u, initial ㄹ r (Ri, Ryong).
//
// McCune–Reischauer proper tells ㅈ from ㅊ (ch, ch'), ㄱ from ㅋ (k, k')
// only by the apostrophe that names lose when printed: written without it,
// it made 최준영 and CHOE CHUN YONG one name; leaving it out (and reading the
// Western order below) took the false hits of a first version on the Korean
// and Chinese names of the yente negatives from 15 to 5.
// Its spellings of family names (Pak, Choe, Yi) are kept in koreanSurnames.
//
// The family name (the first syllable, or two for the compound names in
// koreanSurnames; or a last word of one syllable after a given name of two,
// the Western order of "정남 김") is also written in its usual spelling (이
// Lee, 박 Park, 최 Choi): koreanSurnames lists the common family names with
// the spellings South Korean passports most often carry, most common first.
// That list is compiled for Raqib from public sources on Korean names: the
// family names of the 2015 South Korean census (Statistics Korea) and the
// passport spellings published by the National Institute of Korean Language
// (2009); the spellings are facts of usage, not a copyrighted text.

var (
	hangulInitialRR   = []string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
	hangulInitialDPRK = []string{"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "kh", "th", "ph", "h"}
	hangulVowelRR     = []string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}
	hangulVowelDPRK   = []string{"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"}
	hangulFinal       = []string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

// koreanSurnames maps a family name in Hangul to its usual Latin spellings.
var koreanSurnames = map[string][]string{
	"김": {"kim"}, "이": {"lee", "yi", "rhee"}, "리": {"ri", "lee"}, "박": {"park", "pak", "bak"},
	"최": {"choi", "choe"}, "정": {"jung", "jeong", "chung"}, "강": {"kang"}, "조": {"cho", "jo"},
	"윤": {"yoon", "yun"}, "장": {"jang", "chang"}, "임": {"lim", "im"}, "림": {"rim", "lim"}, "한": {"han"},
	"오": {"oh", "o"}, "서": {"seo", "suh"}, "신": {"shin", "sin"}, "권": {"kwon"}, "황": {"hwang"},
	"안": {"ahn", "an"}, "송": {"song"}, "류": {"ryu", "yoo"}, "유": {"yoo", "yu"}, "홍": {"hong"},
	"전": {"jeon", "chun", "jun"}, "고": {"ko", "go"}, "문": {"moon", "mun"}, "양": {"yang"}, "손": {"son", "sohn"},
	"배": {"bae"}, "백": {"baek", "paek"}, "허": {"heo", "huh"}, "노": {"noh", "roh"}, "로": {"ro", "roh"},
	"남": {"nam"}, "심": {"shim", "sim"}, "하": {"ha"}, "곽": {"kwak"}, "성": {"sung", "seong"}, "차": {"cha"},
	"주": {"joo", "ju"}, "우": {"woo"}, "구": {"koo", "ku"}, "민": {"min"}, "진": {"jin", "chin"}, "나": {"na"},
	"라": {"ra"}, "지": {"ji"}, "엄": {"eom", "um"}, "채": {"chae"}, "원": {"won"}, "천": {"cheon", "chun"},
	"방": {"bang"}, "공": {"kong"}, "현": {"hyun", "hyeon"}, "함": {"ham"}, "변": {"byun", "byeon"},
	"염": {"yeom"}, "여": {"yeo"}, "추": {"choo", "chu"}, "도": {"do"}, "소": {"so"}, "석": {"seok", "suk"},
	"선": {"sun", "seon"}, "설": {"seol"}, "마": {"ma"}, "길": {"gil", "kil"}, "연": {"yeon"}, "위": {"wi"},
	"표": {"pyo"}, "명": {"myung", "myeong"}, "기": {"ki"}, "반": {"ban"}, "왕": {"wang"}, "금": {"keum", "kum"},
	"옥": {"ok"}, "육": {"yook", "yuk"}, "인": {"in"}, "맹": {"maeng"}, "제": {"je"}, "모": {"mo"}, "탁": {"tak"},
	"국": {"kook", "guk"}, "은": {"eun"}, "편": {"pyeon"}, "용": {"yong"}, "예": {"ye"}, "경": {"kyung", "kyeong"},
	"봉": {"bong"}, "사": {"sa"}, "부": {"boo", "bu"}, "황보": {"hwangbo"}, "남궁": {"namgoong", "namgung"},
	"제갈": {"jegal"}, "선우": {"sunwoo", "seonu"}, "독고": {"dokgo"}, "사공": {"sagong"}, "서문": {"seomun"},
}

// surnameRank orders the family names of koreanSurnames by frequency (the
// order of the 2015 census), for choosing the reading of a hanja family name.
var surnameRank = func() map[string]int {
	order := []string{"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안",
		"송", "전", "홍", "유", "고", "문", "양", "손", "배", "백", "허", "남", "심", "노", "하", "곽", "성", "차", "주",
		"우", "구", "민", "류", "나", "진", "지", "엄", "채", "원", "천", "방", "공", "현", "함", "변", "염", "여", "추",
		"도", "소", "석", "선", "설", "마", "길", "연", "위", "표", "명", "기", "반", "라", "왕", "금", "옥", "육", "인",
		"맹", "제", "모", "탁", "국", "은", "편", "용", "예", "경", "봉", "사", "부", "리", "림", "로"}
	m := make(map[string]int, len(order))
	for i, s := range order {
		m[s] = i + 1
	}
	return m
}()

type hangulSyl struct{ l, v, t int }

func hangulSyllables(w string) []hangulSyl {
	var ss []hangulSyl
	for _, r := range w {
		if r >= 0xAC00 && r <= 0xD7A3 {
			s := int(r - 0xAC00)
			ss = append(ss, hangulSyl{l: s / 588, v: (s % 588) / 28, t: s % 28})
		}
	}
	return ss
}

const (
	hangulRR = iota
	hangulDPRK
)

func romanizeSyllable(s hangulSyl, system int) string {
	ini, vow := hangulInitialRR[s.l], hangulVowelRR[s.v]
	if system == hangulDPRK {
		ini, vow = hangulInitialDPRK[s.l], hangulVowelDPRK[s.v]
	}
	return ini + vow + hangulFinal[s.t]
}

// initialLaw applies South Korea's initial-sound rule (두음법칙) to the
// first syllable of a word: ㄹ before i or y is silent and otherwise n, ㄴ
// before i or y silent (리 이, 류 유, 로 노, 녀 여).
func initialLaw(s hangulSyl) hangulSyl {
	front := s.v == 2 || s.v == 3 || s.v == 6 || s.v == 7 || s.v == 12 || s.v == 17 || s.v == 20
	switch {
	case s.l == 5 && front, s.l == 2 && front:
		s.l = 11
	case s.l == 5:
		s.l = 2
	}
	return s
}

func syllableText(s hangulSyl) string {
	return string(rune(0xAC00 + s.l*588 + s.v*28 + s.t))
}

// romanizeHangul romanises a Hangul name. fromHanja says the syllables are
// the dictionary readings of hanja, to which the South Korean initial-sound
// rule still applies; first that the text begins the name, so that its first
// syllable is the family name.
func romanizeHangul(seg string, fromHanja, first bool) []string {
	words := strings.FieldsFunc(seg, func(r rune) bool { return !(r >= 0xAC00 && r <= 0xD7A3) })
	if len(words) == 0 {
		return nil
	}
	type word struct {
		syl     []hangulSyl
		surname []string // the usual spellings of a leading family name
		surLen  int
	}
	// The family name leads, or — in the Western order of "정남 김" — a
	// family name of one syllable follows a given name of two or more.
	surIdx := 0
	if n := len(words); n >= 2 && len([]rune(words[n-1])) == 1 && len([]rune(words[0])) >= 2 {
		last := words[n-1]
		if fromHanja {
			if ls := hangulSyllables(last); len(ls) == 1 {
				last = syllableText(initialLaw(ls[0]))
			}
		}
		if koreanSurnames[last] != nil {
			surIdx = n - 1
		}
	}
	ws := make([]word, 0, len(words))
	for k, w := range words {
		ss := hangulSyllables(w)
		wd := word{syl: ss}
		if k == surIdx && first {
			// The family name leads: two syllables for a compound name in a
			// word of three or more, else one.
			if len(ss) >= 3 && len(koreanSurnames[string([]rune(w)[:2])]) > 0 {
				wd.surLen = 2
			} else if len(ss) >= 1 {
				wd.surLen = 1
			}
			sur := w[:len(string([]rune(w)[:wd.surLen]))]
			if fromHanja && wd.surLen == 1 {
				// The South Korean reading of a family name read from hanja (李 리 이 Lee).
				if s := syllableText(initialLaw(ss[0])); koreanSurnames[s] != nil {
					sur = s
				}
			}
			wd.surname = koreanSurnames[sur]
			if len(words) == 1 && len(ss) == 1 {
				wd.surname = nil // a single syllable alone is not taken for a family name
			}
		}
		ws = append(ws, wd)
	}
	write := func(system int, conventional, joinGiven, law bool) string {
		var parts []string
		for k, wd := range ws {
			start := 0
			if k == surIdx && conventional && wd.surname != nil {
				parts = append(parts, wd.surname[0])
				start = wd.surLen
			}
			var given []string
			for i := start; i < len(wd.syl); i++ {
				s := wd.syl[i]
				first := i == 0 || i == wd.surLen && k == surIdx
				if law && first && (fromHanja || i == 0) {
					s = initialLaw(s)
				}
				given = append(given, romanizeSyllable(s, system))
			}
			if joinGiven && len(given) > 0 {
				parts = append(parts, strings.Join(given, ""))
			} else {
				parts = append(parts, given...)
			}
		}
		return strings.Join(parts, " ")
	}
	var out []string
	add := func(s string) {
		if s != "" && !contains(out, s) {
			out = append(out, s)
		}
	}
	add(write(hangulRR, true, false, fromHanja))
	add(write(hangulDPRK, false, false, false))
	if fromHanja {
		// Korean is only one of three readings of Han characters.
		return out
	}
	add(write(hangulRR, true, true, fromHanja))
	if s := ws[surIdx].surname; len(s) > 1 {
		// The second usual spelling of the family name (Choe, Yi, Pak).
		ws[surIdx].surname = s[1:]
		add(write(hangulRR, true, false, fromHanja))
	}
	return out
}
