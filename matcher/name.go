package matcher

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"

	"github.com/raqib/raqib/normalize"
)

// ordinary reports whether a name part of kind k is compared as a word of
// the name: anything but a particle, an initial or a title (names, and the
// legal forms, numbers and generic words of organisation names).
func ordinary(k normalize.PartKind) bool {
	return k != normalize.PartParticle && k != normalize.PartInitial && k != normalize.PartTitle
}

type token struct {
	text     string
	key      string
	dm1, dm2 string
	kind     normalize.PartKind
	weight   float64
	letters  letterCounts
	// nicks are the given names the nickname table links to this one
	// (normalize.Nicknames), sorted; nickBits has bit textBit(n) set for
	// each of them, textBit is the token's own bit, so that most tokens are
	// seen not to be nicknames of one another without a search.
	nicks             []string
	nickBits, textBit uint64
	// present has bit k set for each slot k of letters the token has.
	present uint32
	// endings has bit k set when the token ends in derivedSuffixes[k].
	endings uint32
	// abdBase: a short form of an Abd name ("abed", "abdo"); abdFull: an
	// Abd name ("abdulrahman") (abdShort).
	abdBase, abdFull bool
	// syllable: the token is one Chinese or Korean syllable as written
	// (normalize.IsSyllable), readings the syllables it may write;
	// syllabic: one to three syllables (normalize.Syllabic).
	syllable, syllabic bool
	readings           normalize.Readings
	// cuts are the ways of reading the token as two or three syllables.
	cuts [][]normalize.Readings
	// shape is the token's run of consonants and vowels (shapeOf).
	shape uint32
	// abjad: the token is (also) read from a name in a script that leaves
	// out its vowels (Arabic, Persian, Urdu, Hebrew), which the romanisation
	// guesses.
	abjad bool
	// altText is the token in another transliteration system's letters
	// (normalize.AltSpelling: "sawelow" is "savelov"), alt its key; both ""
	// when that gives the same key.
	altText, alt string
	// bare is the token without an article written joined to it
	// ("aljawfi" is "jawfi", as "al-Jawfi" is read), prepared as a token;
	// nil when it has none.
	bare *token
}

// letterCounts counts the letters a-z of a token (other bytes in slot 26),
// one byte a letter packed eight to a word, to bound the similarity of two
// tokens before computing it. Counts stop at 127.
type letterCounts [4]uint64

func countLetters(s string) letterCounts {
	var c letterCounts
	for i := 0; i < len(s); i++ {
		c.inc(s[i])
	}
	return c
}

func (c *letterCounts) inc(b byte) {
	k := 26
	if b >= 'a' && b <= 'z' {
		k = int(b - 'a')
	}
	w, sh := k/8, uint(k%8)*8
	if (c[w]>>sh)&0xff < 127 {
		c[w] += 1 << sh
	}
}

// add adds d's counts to c (counts of names of at most 127 letters).
func (c *letterCounts) add(d *letterCounts) {
	for w := range c {
		c[w] += d[w]
	}
}

// over reports whether a count of c is 128 or more (a sum by add of
// counts of very long names), which common does not read.
func (c *letterCounts) over() bool {
	return (c[0]|c[1]|c[2]|c[3])&high7 != 0
}

const (
	high7 = 0x8080808080808080
	ones8 = 0x0101010101010101
)

// common is the number of letters two tokens share, counted with
// multiplicity: an upper bound of the matches Jaro counts. It takes the
// bytewise minimum of the packed counts without a loop over letters.
func (c *letterCounts) common(d *letterCounts) int {
	n := uint64(0)
	for w := range c {
		a, b := c[w], d[w]
		// High bit of each byte of ge: a >= b (bytes below 128, so the
		// subtraction borrows across no byte).
		ge := ((a | high7) - b) & high7
		mask := (ge >> 7) * 0xff
		m := (b & mask) | (a &^ mask)
		n += (m * ones8) >> 56
	}
	return int(n)
}

// latinForms returns the Latin forms under which a name is compared: the
// name itself for Latin script (as written, so that ParseName still sees
// "SURNAME, Given" and MRZ fillers), the romanisations for a name with
// letters of any other script (Arabic, Cyrillic, Greek, Hebrew, Han, Hangul,
// kana, ... or a name written half in one script and half in Latin).
func latinForms(s string) []string {
	if normalize.IsLatin(s) {
		return []string{s}
	}
	return normalize.Romanize(s)
}

// how says why two tokens are alike, for explanations.
type how uint8

const (
	howNone how = iota
	howSame
	howSpelling     // a spelling variant: the same skeleton key or sound, letters that agree
	howTypo         // one typing mistake or two letters swapped
	howSyllable     // the same Chinese or Korean syllables in another romanisation
	howNickname     // a nickname, short form or another language's form of a given name
	howLegalForm    // legal forms of one class (Ltd, LLC, GmbH)
	howInitial      // an initial and a name that begins with it
	howParticle     // the same connector (bin, ibn)
	howCompound     // one token written as two (joinSplit)
	howAcronym      // an acronym and the initials of the other name's words
	howWhole        // the whole name written as one word
	howRomanisation // not a token pair: the name read from another script
	howTranslit     // the same name in another transliteration system's letters
	howArticle      // the same name with its article written joined to it
)

func (h how) String() string {
	switch h {
	case howSame:
		return "same"
	case howSpelling:
		return "spelling variant"
	case howTypo:
		return "typing variant"
	case howSyllable:
		return "same syllables, another romanisation"
	case howNickname:
		return "nickname or other form of the given name"
	case howLegalForm:
		return "legal form"
	case howInitial:
		return "initial"
	case howParticle:
		return "connector"
	case howCompound:
		return "written as one word"
	case howAcronym:
		return "acronym"
	case howWhole:
		return "the whole name as one word"
	case howTranslit:
		return "another transliteration system's spelling"
	case howArticle:
		return "the article written joined"
	}
	return ""
}

// named reports whether a part of kind k names someone (counts as what a
// match proves): a name, a syllable of a Chinese or Korean name, an
// acronym, a number of a series.
func named(k normalize.PartKind) bool {
	return k == normalize.PartName || k == normalize.PartSyllable || k == normalize.PartAcronym || k == normalize.PartNumber
}

// kindWeight is the weight of a token of kind k whose key has frequency
// weight w on the list (scoring.go gives the reasons).
func kindWeight(k normalize.PartKind, w float64) float64 {
	switch k {
	case normalize.PartParticle:
		return particleWeight
	case normalize.PartInitial:
		return initialWeight
	case normalize.PartLegalForm:
		return legalFormWeight
	case normalize.PartGeneric:
		return min(w, genericWeight)
	case normalize.PartSyllable:
		return min(w, syllableWeight)
	}
	return w
}

// prepareToken fills in what tokenSim reads of a token beyond its text and
// keys, once when the token is interned: the given names the nickname table
// links to a name, and whether it is written as Chinese or Korean
// syllables.
func prepareToken(t *token, freqWeight float64) {
	if t.kind == normalize.PartName && len(t.text) >= 2 {
		t.nicks = normalize.Nicknames(t.text)
		for _, n := range t.nicks {
			t.nickBits |= textBit(n)
		}
	}
	t.markBits()
	if t.kind == normalize.PartName {
		t.altText, t.alt = altSpelling(t.text)
		if r, ok := joinedArticle(t.text); ok {
			b := &token{text: r, key: normalize.Skeleton(r), kind: normalize.PartName, letters: countLetters(r), abjad: t.abjad, weight: t.weight}
			b.dm1, b.dm2 = normalize.Sounds(r)
			b.shape = shapeOf(r)
			b.altText, b.alt = altSpelling(r)
			b.markBits()
			t.bare = b
		}
	}
	t.shape = shapeOf(t.text)
	if t.kind == normalize.PartName || t.kind == normalize.PartSyllable {
		t.readings = normalize.SyllableReadings(t.text)
		t.syllable = t.readings != nil
		if len(t.text) <= 12 {
			t.cuts = normalize.SyllableCuts(t.text)
		}
		t.syllabic = t.syllable || t.cuts != nil
		if t.kind == normalize.PartSyllable && !t.syllable && t.cuts != nil {
			// A given name of two syllables written as one ("jinping",
			// "jongun") weighs what the two would.
			n := maxCutSyllables(t.cuts)
			t.weight = min(freqWeight, syllableWeight*float64(n))
		}
	}
}

// tokenSim returns how alike two tokens are, in [0,1]; 0 below minTokenSim.
func tokenSim(a, b *token) float64 {
	s, _ := tokenSimHow(a, b)
	return s
}

// simLike is tokenSim for a pair known not to be unlike.
func simLike(a, b *token) float64 {
	s, _ := tokenSimLike(a, b, true)
	return s
}

// unlike reports whether two name tokens have too few letters in common
// and nothing else that makes them alike (no nickname, no Abd name, no
// shared key or other transliteration): tokenSimHow's first test, which
// most pairs meet. The cheap tests come first.
func unlike(a, b *token) bool {
	return a.kind == normalize.PartName && b.kind == normalize.PartName && !(a.syllable && b.syllable) &&
		a.nickBits&b.textBit == 0 && !a.abdBase && !b.abdBase &&
		(a.abjad || b.abjad || a.alt == "" && b.alt == "") &&
		fewCommon(a, b) && a.key != b.key
}

// tokenSimHow is tokenSim and the reason for it.
func tokenSimHow(a, b *token) (float64, how) { return tokenSimQuick(a, b, true) }

// tokenSimQuick is tokenSimHow, which with quick set says 0 at once for a
// pair of names that no rule after the letters' test can match
// (surelyUnlike); TestSurelyUnlike compares the two on the list's tokens.
func tokenSimQuick(a, b *token, quick bool) (float64, how) {
	// Most pairs of names have too few letters in common and nothing else
	// that makes them alike (the tests below, in the order they come):
	// said at once.
	if unlike(a, b) {
		return 0, howNone
	}
	return tokenSimLike(a, b, quick)
}

// tokenSimLike is tokenSimQuick for a pair known not to be unlike (a
// caller that made the test itself: simRow).
func tokenSimLike(a, b *token, quick bool) (float64, how) {
	if a.text == b.text {
		if a.kind == normalize.PartParticle && b.kind == normalize.PartParticle {
			return 1, howParticle
		}
		return 1, howSame
	}
	if a.kind == normalize.PartInitial || b.kind == normalize.PartInitial {
		// "M." may stand for "Mohammed"; it proves no more than that.
		if a.text[0] == b.text[0] && a.kind != normalize.PartLegalForm && b.kind != normalize.PartLegalForm {
			return minTokenSim, howInitial
		}
		return 0, howNone
	}
	if a.kind == normalize.PartParticle || b.kind == normalize.PartParticle {
		if a.kind == b.kind && a.key == b.key {
			return 0.95, howParticle
		}
		return 0, howNone
	}
	// Legal forms compare only with legal forms: of one class (Ltd, LLC,
	// GmbH, OOO) they say the same; of another class nothing either way.
	if a.kind == normalize.PartLegalForm || b.kind == normalize.PartLegalForm {
		if a.kind == b.kind && a.key == b.key {
			return legalSameClass, howLegalForm
		}
		return 0, howNone
	}
	// Numbers are equal or not: "Star 1" is not "Star 2", nor "Brigade 12"
	// "Brigade 13".
	if a.kind == normalize.PartNumber || b.kind == normalize.PartNumber {
		return 0, howNone
	}
	la, lb := len(a.text), len(b.text)
	// Syllables of Chinese and Korean names are the same syllables in some
	// romanisation or not alike at all: keys and letters shared by "yong"
	// and "yang", "chun" and "chin" say nothing.
	// Two tokens that are each one syllable as written are compared so too
	// (a name not known for Chinese or Korean: "san", "sang").
	if a.kind == normalize.PartSyllable || b.kind == normalize.PartSyllable ||
		!a.abjad && !b.abjad && a.kind == normalize.PartName && b.kind == normalize.PartName && a.syllable && b.syllable {
		if a.kind == b.kind || a.syllabic && b.syllabic {
			if sameSyllableTokens(a, b) {
				return sameSyllables, howSyllable
			}
			// A letter typed twice ("sonng", "hwaan", "chooe") is a typing
			// mistake, unless both are syllables as written ("soo", "so").
			if undoubled(a.text, b.text) && !(a.syllable && b.syllable) {
				return swappedShort, howTypo
			}
			return 0, howNone
		}
	}
	if a.kind == normalize.PartName && b.kind == normalize.PartName {
		// Nicknames, short forms and other languages' forms (Sasha,
		// Aleksandr; Yusuf, Joseph), and the short forms of Abd names (Abed,
		// Abdo for Abdulrahman, Abdelkader).
		if _, ok := slices.BinarySearch(a.nicks, b.text); ok {
			return nicknameSim, howNickname
		}
		if abdShort(a, b) || abdShort(b, a) {
			return nicknameSim, howNickname
		}
	}
	sameKey := a.key != "" && a.key == b.key
	// The same key in another transliteration system's letters (w for v,
	// j for y, ch for kh; th, dh read as s, z): the same evidence, said so.
	// Only between spellings someone wrote: a romanisation from Arabic
	// script guesses its vowels and letters already (and "j" there is a
	// consonant, "sajjad").
	translit := !sameKey && !a.abjad && !b.abjad && a.key != "" && b.key != "" &&
		(a.alt == b.key || a.key == b.alt || a.alt != "" && a.alt == b.alt)
	sameKey = sameKey || translit
	c := a.letters.common(&b.letters)
	if !sameKey && fewLetters(c, la, lb, a.text[0] == b.text[0]) {
		// Below that no rule here can match the tokens.
		return 0, howNone
	}
	if quick && !sameKey && surelyUnlike(a, b, c) {
		return 0, howNone
	}
	// Jaro-Winkler is read by every rule below for tokens of one key, and
	// for others only by the letters alone and the sounds (their other
	// conditions first): not computed for a pair neither can match.
	lettersAlone := lengthsClose(la, lb) && min(la, lb) >= 5 &&
		!(strings.HasPrefix(a.text, "abd") && strings.HasPrefix(b.text, "abd"))
	sound := a.dm1 != "" && (a.dm1 == b.dm1 || a.dm1 == b.dm2 || (a.dm2 != "" && a.dm2 == b.dm1))
	jw := 0.0
	if sameKey || lettersAlone || sound {
		jw = jaroWinkler(a.text, b.text)
		if translit {
			// The letters compared as one system writes them.
			jw = max(jw, jaroWinkler(cmp.Or(a.altText, a.text), cmp.Or(b.altText, b.text)))
		}
	}
	s, h := 0.0, howNone
	// The same key with letters this close is sameKeyClose, howSpelling,
	// whatever the letters-alone and typing rules below would give (at most
	// jwOnlyMax and oneTypo, both below it, and said as a spelling too):
	// with quick set, their edit distances are not computed for it (as the
	// readings of a name in Arabic script often meet the list's spellings
	// of their key).
	closeKey := quick && sameKey && jw >= 0.9
	// Letters alone: Jaro-Winkler rewards a shared beginning, so it is
	// trusted only between tokens of about the same length ("willi" is not
	// "williams", "mohamed" is not "mohamdamin").
	// Not between Abd names, whose shared "abdul" is no evidence (Abdullah,
	// Abdulrauf), nor for tokens of four letters or fewer, where one letter
	// is another name ("amit", "amir"; "ali", "aliza").
	// And only when few letters differ (lettersOnlyEdits): Jaro-Winkler's
	// reward for a shared beginning makes "schupsman" and "schuilsma",
	// "xiangwei" and "xianglin" alike, which two typing mistakes do not.
	if !closeKey && lettersAlone && jw >= jwOnlyMin && fewEdits(a.text, b.text, c, lettersOnlyEdits(la, lb)) {
		s, h = min(jw, jwOnlyMax), howSpelling
	}
	// One typo in a long token is still the same token; in a short one, only
	// two letters swapped ("sko" for "sok", "afiz" for "faiz").
	// (One edit leaves all but one letter shared.)
	if !closeKey && s < oneTypo && la >= 3 && lb >= 3 && max(la, lb)-c <= 1 && lengthsClose(la, lb) && normalize.EditDistance(a.text, b.text, 1) == 1 {
		if len(a.text) >= 5 && len(b.text) >= 5 {
			s, h = oneTypo, howTypo
		} else if len(a.text) == len(b.text) && swapped(a.text, b.text) {
			s, h = swappedShort, howTypo
		}
	}
	// The same skeleton key is a spelling of the same name (Muhammad,
	// Mohammed) — but a short key ("kn": Cain, Queen, Khan; "mr": Maria,
	// Omar) is shared by too many names to count without letters that agree
	// as well.
	// A romanisation from another script guesses the vowels ("gl", "gul";
	// "eisi", "essa"): there the key alone counts, but as what it is — the
	// consonants, not a spelling someone wrote: sameKeyNear only when the
	// letters agree as a spelling would (Jaro-Winkler from guessedNearJW:
	// "mhmd", the reading of محمد with the written letters alone, is not
	// "muhammad" spelt), sameKeyGuessed below.
	loose := a.abjad || b.abjad
	short := len(a.key) <= 2 && !loose
	agree := max(la, lb)-c <= 1 || loose
	// Written in Latin letters on both sides, the vowels are where the
	// writers heard them: the same key with its vowels elsewhere is another
	// name (Mahmoud and Mohammed are both mhmd, Ahmed and Hamid hmd).
	// (Between names of four consonants or fewer: in longer ones a vowel of
	// a joined article, "serajuddin" and "sirajdin", says nothing.)
	shaped := loose || translit || a.shape == b.shape || len(a.key) > 4
	if sameKey {
		switch {
		case jw >= 0.9:
			s, h = max(s, sameKeyClose), howSpelling
		case !shaped:
		case short:
			if jw >= 0.7 {
				s, h = max(s, sameKeyShort), howSpelling
			}
		case jw >= 0.7 && !loose:
			s, h = max(s, nearSim(a.text, b.text)), howSpelling
		case jw >= guessedNearJW:
			s, h = max(s, sameKeyNear), howSpelling
		case loose && (jw >= 0.7 || len(a.key) >= 2 || max(la, lb)-c <= 1):
			// Where the vowels are guessed, the same consonants (two or more,
			// or all but one letter shared, or letters that mostly agree:
			// "kou" and "aga" share only k): weaker evidence than a spelling
			// someone wrote.
			s, h = max(s, sameKeyGuessed), howSpelling
		}
	}
	// Sounding alike counts when the letters are not far apart either (and,
	// in short tokens, all but one of them shared: "yang" and "jang" sound
	// alike to Double Metaphone).
	// A Double Metaphone key is cut at four sounds: for longer tokens it
	// says how they begin, not that they sound alike ("abdolrezanejhad"
	// and "abdolmohammad" are both APTL, "yaroslav" and "yaroslavivna"
	// ARSL), so a key of four counts only between tokens of about the same
	// length with few letters apart.
	// Nor, when the sound keys are whole (under four sounds), when one
	// skeleton key is the other's with consonants added: the sounds a
	// Double Metaphone key leaves out (French final -s, -x, -t: "zahrois"
	// is SR, as "zahra" is) are letters written on one side only. (A cut
	// key says how two names begin, and the edits decide: "alexandros",
	// "alexander".)
	// Where the vowels are guessed, the sounds are the consonants again:
	// no more than sameKeyGuessed unless the letters agree as a spelling
	// would.
	// And between tokens of one skeleton key the sounds say what the key
	// says, no more (nearSim: Hassan and Hussain are both HSN as hsn).
	phon := samePhonetic
	if loose && jw < guessedNearJW {
		phon = sameKeyGuessed
	}
	if s < phon && sound && jw >= 0.8 && shaped && (min(la, lb) >= 5 || agree && jw >= 0.85) &&
		(len(a.dm1) < 4 && len(b.dm1) < 4 || lengthsClose(la, lb) && fewEdits(a.text, b.text, c, phoneticEdits(la, lb))) &&
		!(len(a.dm1) < 4 && (keyExtends(a.key, b.key) || keyExtends(b.key, a.key))) {
		if sameKey && !loose {
			phon = min(phon, nearSim(a.text, b.text))
		}
		if phon > s {
			s, h = phon, howSpelling
		}
	}
	// One letter for another that transliterations exchange ("iwan",
	// "ivan"; "yusif", "yusuf" is not: u and i are not such a pair).
	if s < swappedShort && la == lb && la >= 3 && translitPair(a.text, b.text) {
		s, h = swappedShort, howSpelling
	}
	// A letter typed twice ("anna", "ana"; "sson", "son").
	if s < swappedShort && undoubled(a.text, b.text) && !(a.syllable && b.syllable) {
		s, h = swappedShort, howTypo
	}
	if translit && h == howSpelling {
		h = howTranslit
	}
	// An article written joined on one side only ("aljawfi", "al-Jawfi"):
	// the name without it, a little less sure.
	if s < articleJoined*sameKeyClose && (a.bare == nil) != (b.bare == nil) {
		var bs float64
		if a.bare != nil {
			bs, _ = tokenSimQuick(a.bare, b, quick)
		} else {
			bs, _ = tokenSimQuick(a, b.bare, quick)
		}
		if bs*articleJoined > s {
			s, h = bs*articleJoined, howArticle
		}
	}
	if s < minTokenSim {
		return 0, howNone
	}
	// A Slavic family name's feminine form is another person's name
	// (Ivanova is not Ivanov, Kowalska not Kowalski), and a name derived
	// from a name another name (Mohammadi, "of Mohammad", is not Mohammad;
	// Hosseini not Hussein; Omari not Omar). (Checked last, for the tokens
	// alike by a rule above: most pairs are not.)
	if a.kind == normalize.PartName && b.kind == normalize.PartName &&
		(genderedPair(a.text, b.text) || genderedPair(b.text, a.text) || derived(a, b) || derived(b, a)) {
		return 0, howNone
	}
	return s, h
}

// surelyUnlike reports whether two names of different keys (in any
// transliteration: tokenSimHow's sameKey), c letters in common, are below
// minTokenSim by every rule of tokenSimHow after the letters' test, without
// the Jaro-Winkler similarity or the derived-name test: with no shared
// sound (Double Metaphone; or, for a key cut at four sounds, more letters
// apart than phoneticEdits) and more letters apart than letters alone may
// be (lettersOnlyEdits, which covers one typo and a transliteration's
// letter too), only a letter typed twice (the same letters, the same first
// one) or an article joined on one side can still match them. (Each edit
// changes the longer length less the letters in common by at most one:
// fewEdits.)
func surelyUnlike(a, b *token, c int) bool {
	la, lb := len(a.text), len(b.text)
	return a.kind == normalize.PartName && b.kind == normalize.PartName &&
		max(la, lb)-c > lettersOnlyEdits(la, lb) &&
		(a.bare == nil) == (b.bare == nil) &&
		!(a.present == b.present && a.text[0] == b.text[0]) &&
		!(a.dm1 != "" && (a.dm1 == b.dm1 || a.dm1 == b.dm2 || a.dm2 != "" && a.dm2 == b.dm1) &&
			(len(a.dm1) < 4 && len(b.dm1) < 4 || lengthsClose(la, lb) && max(la, lb)-c <= phoneticEdits(la, lb)))
}

// nearSim is the similarity of two spellings someone wrote (in Latin
// letters both) of one key whose letters mostly agree, vowels in the same
// places: sameKeyNear — unless a vowel of one is of another quality than
// the other's in its place (vowelsConflict: Hassan and Hussain, Jamil and
// Jamal, Omar and Amer are two names each), then sameKeyGuessed, the
// consonants alone. (A reading of Arabic script guesses its vowels: there
// the letters differ by the guess, not by the writer's choice, and
// guessedNearJW decides.)
func nearSim(a, b string) float64 {
	if vowelsConflict(a, b) {
		return sameKeyGuessed
	}
	return sameKeyNear
}

// vowelsConflict reports whether two tokens with as many vowel runs before
// a consonant have, in some place, vowels of different qualities: a run
// with an a against one with u or o but no a, or with i or y but no a; u or
// o against i or y. The qualities are those Arabic writes with three
// vowels and their long letters (a; i, y, ee; u, o, ou, oo), which Latin
// spellings of one name keep apart; e is any of them (Ahmed, Nasser,
// Mehdi), and a final vowel is left out, as in shapeOf.
func vowelsConflict(a, b string) bool {
	i, j := 0, 0
	for {
		qa, ok1 := nextVowelRun(a, &i)
		qb, ok2 := nextVowelRun(b, &j)
		if !ok1 || !ok2 {
			return false
		}
		if qa != 0 && qb != 0 && qa&qb == 0 {
			return true
		}
	}
}

// Vowel qualities of a run (vowelsConflict).
const (
	vowelA = 1 << iota
	vowelI
	vowelU
)

// nextVowelRun returns the qualities of the next run of vowels in w from
// *at that a consonant follows, moving *at past it; false when there is
// none.
func nextVowelRun(w string, at *int) (q uint8, ok bool) {
	k := *at
	for k < len(w) && !isVowelByte(w[k]) && !(w[k] == 'y' && k > 0 && !isVowelByte(w[k-1]) && (k+1 == len(w) || !isVowelByte(w[k+1]))) {
		k++
	}
	start := k
	for k < len(w) && (isVowelByte(w[k]) || w[k] == 'y' && (k+1 == len(w) || !isVowelByte(w[k+1]))) {
		switch w[k] {
		case 'a':
			q |= vowelA
		case 'i', 'y':
			q |= vowelI
		case 'u', 'o':
			q |= vowelU
		}
		k++
	}
	*at = k
	if k == start || k == len(w) {
		return 0, false
	}
	return q, true
}

// keyExtends reports whether skeleton key a is key b with consonants added
// at its end that Double Metaphone may leave out as silent (s and d: the
// French final -s, -x, -t, -d): "zahrois" and "zahra" (shrs, shr), not
// "ilja" and "ilia" (lj, l), whose j is a sound.
func keyExtends(a, b string) bool {
	if len(a) <= len(b) || b == "" || a[:len(b)] != b {
		return false
	}
	for i := len(b); i < len(a); i++ {
		if a[i] != 's' && a[i] != 'd' {
			return false
		}
	}
	return true
}

// fewEdits reports whether tokens a and b, c letters in common (an upper
// bound: letterCounts.common), are at most limit edits apart. Each edit
// changes the longer length less its letters in common by at most one, so
// that difference is a lower bound of the distance, said without the
// dynamic programme.
func fewEdits(a, b string, c, limit int) bool {
	return max(len(a), len(b))-c <= limit && normalize.EditDistance(a, b, limit) <= limit
}

// altSpelling returns the token in another transliteration system's
// letters and its key (normalize.AltSpelling), or "" "" when there is none
// or its key is of two consonants or fewer: "yana" and "jan" are both "yn"
// then, and so are too many other names.
func altSpelling(text string) (alt, key string) {
	alt = normalize.AltSpelling(text)
	if alt == "" {
		return "", ""
	}
	if key = normalize.Skeleton(alt); len(key) <= 2 {
		return "", ""
	}
	return alt, key
}

// joinedArticle returns token without an Arabic article written joined to
// it ("aljawfi", "elmasry", "ulhaq"), when what follows is a name of five
// letters or more that begins with a consonant (not "alexander", "elmira").
// ParseName removes an article written apart ("al-Jawfi"); this is the same
// name written with it.
func joinedArticle(token string) (string, bool) {
	if len(token) < 7 || token[1] != 'l' || (token[0] != 'a' && token[0] != 'e' && token[0] != 'u') {
		return "", false
	}
	r := token[2:]
	if isVowelByte(r[0]) || r[0] < 'a' || r[0] > 'z' {
		return "", false
	}
	return r, true
}

func isVowelByte(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// maxCutSyllables is the fewest syllables of the ways a token is cut.
func maxCutSyllables(cuts [][]normalize.Readings) int {
	n := 3
	for _, c := range cuts {
		n = min(n, len(c))
	}
	return n
}

// sameSyllableTokens is normalize.SameSyllables for two tokens, through
// their readings when each is one syllable.
func sameSyllableTokens(a, b *token) bool {
	if a.syllable && b.syllable {
		if a.readings.Meet(b.readings) {
			return true
		}
		if min(len(a.text), len(b.text)) <= 4 {
			return false // not two syllables each ("yang" is not "ya" "ng")
		}
	}
	// Two syllables or three on either side, read each way they may be.
	for _, ca := range a.cuts {
		for _, cb := range b.cuts {
			if meetAll(ca, cb) {
				return true
			}
		}
	}
	return false
}

// meetAll reports whether two readings of as many syllables meet syllable
// by syllable.
func meetAll(a, b []normalize.Readings) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Meet(b[i]) {
			return false
		}
	}
	return true
}

// compoundSyllables reports whether token a reads as the syllables of b1
// and b2 written together ("jongun", "chong" "un").
func compoundSyllables(a, b1, b2 *token) bool {
	if b1.syllable && b2.syllable {
		for _, c := range a.cuts {
			if len(c) == 2 && c[0].Meet(b1.readings) && c[1].Meet(b2.readings) {
				return true
			}
		}
		return false
	}
	return normalize.SameSyllables(a.text, b1.text, b2.text)
}

// translitPair reports whether a and b, of one length, differ in one
// letter only, and that letter is one that romanisations exchange: v w
// (German Iwanow), j y, i y, c k, k q, s z, f v, e i, o u.
func translitPair(a, b string) bool {
	d := -1
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] {
			if d >= 0 {
				return false
			}
			d = i
		}
	}
	if d < 0 {
		return false
	}
	x, y := min(a[d], b[d]), max(a[d], b[d])
	switch string([]byte{x, y}) {
	case "vw", "jy", "iy", "ck", "kq", "sz", "fv", "ei", "ou":
		return true
	}
	return false
}

// undoubled reports whether a and b differ, and are the same once each run
// of one letter is written once.
func undoubled(a, b string) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] != b[j] {
			return false
		}
		c := a[i]
		for i < len(a) && a[i] == c {
			i++
		}
		for j < len(b) && b[j] == c {
			j++
		}
	}
	return i == len(a) && j == len(b) && a != b
}

// abjad reports whether name has letters of a script that leaves out its
// vowels (Arabic and the scripts written with it, Hebrew).
func abjad(name string) bool {
	if normalize.IsLatin(name) {
		return false
	}
	for _, r := range name {
		if r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFEFC {
			return true
		}
	}
	return false
}

// shapeOf returns the run of consonants and vowels of a token, one bit a
// run (1 a vowel) after a leading 1 bit, a final vowel left out (French
// -e, Arabic -a, -ah): "ahmed" VCVC, "hamid" CVCVC, "mahmoud" CVCVC,
// "mohammed" CVCVCVC. Doubled letters and a consonant's h (sh, kh, th, dh,
// gh, ch, ph, zh) are one consonant; y is a vowel unless a vowel follows
// it. Tokens of more than 30 runs share one shape.
func shapeOf(w string) uint32 {
	sh, n := uint32(1), 0
	last := -1 // 0 consonant, 1 vowel
	for i := 0; i < len(w); i++ {
		c := w[i]
		v := 0
		switch c {
		case 'a', 'e', 'i', 'o', 'u':
			v = 1
		case 'y':
			if i+1 == len(w) || !strings.ContainsRune("aeiou", rune(w[i+1])) {
				v = 1
			}
		}
		if v == last {
			continue
		}
		last = v
		if n == 30 {
			return 0
		}
		sh = sh<<1 | uint32(v)
		n++
	}
	if n > 1 && sh&1 == 1 {
		sh >>= 1 // a final vowel
	}
	return sh
}

// derivedSuffixes are the endings that make a family name or nisba of a
// given name in Arabic and Persian usage (Ahmad-i, Reza-ei, Zahr-ani,
// Hossein-zadeh, Ali-pour, Karim-ian).
var derivedSuffixes = []string{"i", "y", "ee", "ie", "ei", "ai", "ani", "iani", "ian", "yan", "zadeh", "zada", "pour", "pur", "nejad", "nia", "far"}

// derived reports whether a is b (or b without its last vowel, or a stem
// of b's key) with a derived name's ending: the same key, but another
// name.
func derived(a, b *token) bool {
	// Not when b ends as a derived name does itself ("gassmi", "gasmi").
	// Either may be read from Arabic script: the ending is written there
	// with letters (ی or ي, یان, زاده, پور), which a romanisation always
	// writes, so a name read from Arabic script that ends without it is
	// not the derived name ("hosseini" is not حسن, "hesn"), and one that
	// ends with it is not the stem ("ahmadi", احمدی, is not "ahmad").
	// a may be no longer than b, a vowel of the stem left out ("omri",
	// عمری, of Omar) — unless a is b with two
	// adjacent letters swapped, which one typing mistake explains as well
	// ("jamli" for Jamil, "waziir" for Waziri).
	// b read from Arabic script must end in a consonant: a final vowel
	// there may be the ending's letter itself (حقانى, "haqana", is
	// Haqqani); it may be the consonants alone ("hsn", حسن).
	// (Every ending ends in one of "iyenhar": most names are ruled out at
	// once.)
	if len(a.text) < len(b.text) || strings.IndexByte("iyenhar", a.text[len(a.text)-1]) < 0 || len(b.text) < 4 && !(b.abjad && len(b.text) == 3) ||
		strings.IndexByte("iye", b.text[len(b.text)-1]) >= 0 || b.abjad && isVowelByte(b.text[len(b.text)-1]) ||
		len(a.text) == len(b.text) && swapped(a.text, b.text) {
		return false
	}
	for e := a.endings; e != 0; e &= e - 1 {
		suf := derivedSuffixes[bits.TrailingZeros32(e)]
		stem := a.text[:len(a.text)-len(suf)]
		if len(stem) < 3 {
			continue
		}
		// The stem is b as written, or spelt like it (mohammad for mohammed).
		if stem == b.text || stem == b.text[:len(b.text)-1] && strings.IndexByte("aeiou", b.text[len(b.text)-1]) >= 0 {
			return true
		}
		// Any stem of b's key: "hosseini" is of Hossein, not Hassan, though
		// Hossein and Hassan share hsn; "ahmadi" of Ahmad is not Ahmed, nor
		// "hamidi" Hamed, "julian" Julio: the ending makes another name of
		// any spelling of the stem. A stem of four letters or fewer in a
		// spelling someone wrote is as likely the other name shortened or
		// mistyped ("mahd" for Mehdi), and a final -y after a stem of five
		// ends Slavic given names whose stem is the same name ("vasily",
		// Vasyl; "dmitry"; "panasskiy" is still of Panasski); where either
		// is read from Arabic script, the ending is
		// a written letter there or surely absent, and any stem counts
		// ("ahmdi", احمدی; "omri"; "omari" against عمر).
		// (a's key begins with the stem's: the cheap test first.)
		if (a.abjad || b.abjad || len(stem) >= 6 || len(stem) == 5 && suf != "y") && strings.HasPrefix(a.key, b.key) && normalize.Skeleton(stem) == b.key {
			return true
		}
	}
	return false
}

// abdShort reports whether a is a short form of Abd names ("abed", "abdo",
// "abdu", "abboud": the skeleton key bd) and b an Abd compound (abdulrahman,
// abdelkader: a key beginning bd and longer).
func abdShort(a, b *token) bool {
	// The short form keeps the Abd- it shortens (Abed, Abdo, Abid): a
	// name that merely shares the consonants (Badi, Bado) is another name.
	return a.abdBase && b.abdFull
}

// markBits sets the token's textBit, present, endings, abdBase and
// abdFull.
func (t *token) markBits() {
	t.textBit = textBit(t.text)
	t.endings = 0
	for k, suf := range derivedSuffixes {
		if strings.HasSuffix(t.text, suf) {
			t.endings |= 1 << k
		}
	}
	t.present = 0
	for i := 0; i < len(t.text); i++ {
		k := 26
		if b := t.text[i]; b >= 'a' && b <= 'z' {
			k = int(b - 'a')
		}
		t.present |= 1 << k
	}
	t.abdBase = t.key == "bd" && len(t.text) <= 6 && strings.HasPrefix(t.text, "ab")
	t.abdFull = len(t.key) > 3 && strings.HasPrefix(t.key, "bd") && strings.HasPrefix(t.text, "abd")
}

// textBit is one bit of 64 chosen by a hash of s (FNV-1a).
func textBit(s string) uint64 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return 1 << (h & 63)
}

// fewCommon is fewLetters for tokens a and b: first from an upper bound of
// their letters in common that their letters' presence gives (a letter of
// a's that b lacks is one of a's letters not in common), then, if that is
// not enough to tell, from the letters counted.
func fewCommon(a, b *token) bool {
	la, lb := len(a.text), len(b.text)
	same := a.text[0] == b.text[0]
	if up := min(la-bits.OnesCount32(a.present&^b.present), lb-bits.OnesCount32(b.present&^a.present)); fewLetters(up, la, lb, same) {
		return true
	}
	return fewLetters(a.letters.common(&b.letters), la, lb, same)
}

// fewLetters reports whether tokens of la and lb letters, c of them in
// common, cannot be alike by their letters: Jaro-Winkler at least 0.8
// needs a Jaro of at least 2/3, so the shared letters m must give m/la +
// m/lb >= 1; without a shared first letter (no Winkler prefix) it needs a
// Jaro of 0.8, m/la + m/lb >= 1.4.
func fewLetters(c, la, lb int, sameFirst bool) bool {
	return c*(la+lb) < la*lb || (!sameFirst && 5*c*(la+lb) < 7*la*lb)
}

// genderedPair reports whether f is the feminine form of the Slavic family
// name m: m + "a" for the names in -ov, -ev, -yov ("ivanova", "ivanov"),
// -ska for -ski or -sky, -skaya for -sky, -skiy or -skii, -cka for -cki.
func genderedPair(f, m string) bool {
	switch {
	case len(f) == len(m)+1 && f[len(f)-1] == 'a' && f[:len(m)] == m:
		return strings.HasSuffix(m, "ov") || strings.HasSuffix(m, "ev") || strings.HasSuffix(m, "yov") || strings.HasSuffix(m, "iev")
	case strings.HasSuffix(f, "skaya"):
		stem := f[:len(f)-5]
		return m == stem+"sky" || m == stem+"skiy" || m == stem+"skii" || m == stem+"ski" || m == stem+"skyi"
	case strings.HasSuffix(f, "ska"):
		stem := f[:len(f)-3]
		return m == stem+"ski" || m == stem+"sky"
	case strings.HasSuffix(f, "cka"):
		return m == f[:len(f)-3]+"cki"
	}
	return false
}

// swapped reports whether a and b, of equal length, differ only by two
// adjacent letters exchanged.
func swapped(a, b string) bool {
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// lettersOnlyEdits is the most edits two tokens of la and lb letters may be
// apart for their letters alone to make them one name (lettersPerEdit), at
// least one.
func lettersOnlyEdits(la, lb int) int { return max(1, max(la, lb)/lettersPerEdit) }

// phoneticEdits is the most edits apart two tokens that share a cut Double
// Metaphone key may be (cutPhoneticPerEdit), at least two.
func phoneticEdits(la, lb int) int { return max(2, max(la, lb)/cutPhoneticPerEdit) }

// lengthsClose reports whether two token lengths differ by at most two
// letters or a fifth of the longer.
func lengthsClose(a, b int) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= 2 || d*5 <= max(a, b)
}
