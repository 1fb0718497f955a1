package matcher

import (
	"math"

	"github.com/raqib/raqib/lists"
)

// The scorer's table: every number that steers a score, with the reason for
// it. The thresholds that turn a score into a decision (review 0.70, hit
// 0.85) are screening's, chosen on these scores (README, "Quality and
// speed"). docs/DESIGN.md describes the scorer and links here.

// Fusion: a match's score is Σ score×weight over its features, kept at 0
// below and compressed above fusionKnee (knee + (1-knee)·tanh((x-knee)/(1-knee)))
// so that more agreeing evidence still ranks higher without leaving [0,1].
const fusionKnee = 0.9

// Names (the name feature has weight 1: the name is the evidence every
// match starts from).
const (
	// maxTokens bounds the tokens of one name form that take part in
	// alignment, so that a hostile 10,000-word "name" costs no more than a
	// long real one (the longest listed names have about 25 words, most of
	// them particles and descriptions).
	maxTokens = 12

	// particleWeight: bin, ibn, ould, ...: never a match on their own.
	particleWeight = 0.1
	// initialWeight: "M." stands for a name but says little.
	initialWeight = 0.35
	// unmatchedListCost is the share of its weight that a list-side token
	// left unmatched costs: a missing middle name on the query side costs
	// little (passports leave out names lists carry) when what matched is
	// specific — summed information (the S of infoBase) of specificInfo or
	// more; when what matched is common (S of commonInfo or less: two
	// frequent names, "Ahmed Hassan") the missing name costs its whole
	// weight, for it is the one that would tell the people apart. In
	// between, in proportion.
	unmatchedListCost = 0.3
	commonInfo        = 0.3
	specificInfo      = 1.2
	// unmatchedQueryFloor is the least an unmatched query token costs when
	// the list's name has a name of its own left unmatched too: a frequent
	// given name weighs little when it matches, but a name the entry lacks
	// is evidence against, however common the name.
	unmatchedQueryFloor = 0.6
	// conflictListCost: when both names keep a name token the other lacks
	// ("Kim Jong Un" and "Kim Jong Il"; two nisbas; two patronymics), the
	// list's unmatched tokens, as many as the query's, are a conflict and
	// cost their whole weight, not unmatchedListCost of it: two different
	// full names are evidence of two people, a missing one is not.
	conflictListCost = 1.0
	// extraQueryCost is the share of its weight an unmatched query token
	// costs when every name token of the list's form is matched: a
	// passport's full name against a shorter listed name ("Omar Abdul Karim
	// Haddad", listed "Omar Haddad") holds the whole listed name; the extra
	// names are not evidence against, only a little less certainty.
	extraQueryCost = 0.3
	// extraQueryMinSim: the extra names are that cheap only when every name
	// that matched matched well (a spelling, not a distant likeness): what
	// matched must be specific for a longer name to hold it.
	extraQueryMinSim = 0.95
	// numberConflict scales the score of two names whose numbers differ
	// ("Trust 3", "Trust 4"; "Star 1", "Star 2"): the number says which one
	// of a series, so a different one is another organisation or vessel.
	numberConflict = 0.5

	// Weights of the organisation words and of syllables (kindWeight): a
	// legal form says what kind of organisation, not which (and a different
	// legal form of one name costs nothing); a generic word (company, group,
	// bank, national) weighs at most genericWeight, so the distinctive words
	// decide; a syllable of a Chinese or Korean name comes from a stock of a
	// few hundred and weighs at most syllableWeight, so that three matching
	// syllables ("Kim Jong Sik") prove about what a two-part name of a larger
	// stock does.
	legalFormWeight = 0.1
	genericWeight   = 0.2
	syllableWeight  = 0.3
	// A name match proves as much as the rarity of what matched: the name
	// score is scaled by min(1, infoBase + infoSlope×S), S being the summed
	// frequency weights of the matched query tokens. "Mohammed Hassan" (S ≈
	// 0.6 on the UN list) matches at most ~0.8; "Ayman Zawahiri" (S ≈ 1.2)
	// fully.
	infoBase  = 0.55
	infoSlope = 0.4
)

// Namesakes. A token's weight is its rarity on the list, log((N+1)/(df+1))
// over log(N+1): the summed weights S of a name's matched tokens are 1 when,
// were its tokens independent, one entry in the list would bear the name
// by chance. But a traveller is compared with every entry: the more entries
// a list holds, the more chances his name has to meet one that shares it
// (a list ten times larger has ten times the namesakes, and the synthetic
// lists show false alerts growing with size accordingly). So on a list
// larger than the one the scorer's numbers were set on (the UN list,
// calibrationEntries), what a name proves is counted against log(N+1) +
// log((N+1)/calibrationEntries) instead of log(N+1): the information a name
// must carry to be a hit grows with the number of entries it is compared
// with, and a name that is merely unusual is a review, not a hit, until a
// birth date (the same year or closer) or a document agrees too: what tells
// namesakes apart (corroborates) restores the name's full weight.
const calibrationEntries = 1009

// namesakeScale is the factor of S on a list of n entries: 1 up to
// calibrationEntries, log(n+1)/(log(n+1)+log((n+1)/calibrationEntries))
// beyond (0.80 at 10,000 entries, 0.72 at 100,000, 0.67 at 1,000,000).
func namesakeScale(n int) float64 {
	if n <= calibrationEntries {
		return 1
	}
	l := math.Log(float64(n + 1))
	return l / (l + math.Log(float64(n+1)/calibrationEntries))
}

// Name qualities: a low-quality alias proves less than the primary name, a
// former name a little less.
var qualityFactor = map[lists.NameQuality]float64{
	lists.NamePrimary:        1,
	lists.NameGood:           1,
	lists.NameOriginalScript: 1,
	lists.NameFormer:         0.97,
	lists.NameLow:            0.92,
}

// Token similarity (tokenSim): the levels one pair of tokens may score.
const (
	// minTokenSim is the lowest token similarity that counts as a match.
	minTokenSim = 0.80
	// jwOnlyMin is the lowest Jaro-Winkler similarity that counts on its
	// own, without a shared skeleton or phonetic key; jwOnlyMax caps what
	// letters alone prove (below a shared key's 0.95).
	jwOnlyMin = 0.88
	jwOnlyMax = 0.94
	// oneTypo: one edit in a token of five letters or more ("zawahri").
	oneTypo = 0.9
	// swappedShort: two letters swapped in a short token ("afiz" for "faiz").
	swappedShort = 0.88
	// The same skeleton key (Muhammad, Mohammed) with letters that agree
	// (Jaro-Winkler from 0.9) or mostly agree (from 0.7, with the vowels in
	// the same places: Mahmoud and Mohammed share mhmd): a short key ("kn":
	// Cain, Queen, Khan) counts only with letters that agree too.
	sameKeyClose = 0.95
	sameKeyNear  = 0.92
	// sameKeyGuessed: the same key where one side is read from a script that
	// leaves out its vowels (Arabic), whose vowels the romanisation guessed,
	// and the letters barely agree ("gl", "gul"; "eisi", "essa").
	sameKeyGuessed = 0.82
	// guessedNearJW: where one side's vowels are guessed, the same key
	// counts as sameKeyNear (or a shared sound as samePhonetic) only with a
	// Jaro-Winkler from this, letters that agree as two spellings of one
	// name do ("mohammed", "muhammad" 0.85), not a reading of the
	// consonants alone ("mhmd", "muhammad" 0.74; "gmare", "kumar" 0.73).
	guessedNearJW = 0.8
	// sameKeyShort: the same short key (two consonants or fewer: "mr" is
	// Maria and Omar) counts only with all but one letter shared and a
	// Jaro-Winkler from 0.8 ("omar", "umar").
	sameKeyShort = 0.88
	// samePhonetic: the same Double Metaphone key with letters not far apart
	// (Jaro-Winkler from 0.8; in tokens shorter than five letters from 0.85
	// with all but one letter shared).
	samePhonetic = 0.9
	// sameSyllables: the same Chinese or Korean syllables in another
	// romanisation ("jong", "chong"; "jongun", "jong un"; "xi", "hsi").
	sameSyllables = 0.92
	// nicknameSim: a nickname, short form or another language's form of a
	// given name (Sasha, Aleksandr; Bill, William; Yusuf, Joseph; Abed,
	// Abdulrahman): the same name to the people who use it, but a weaker
	// proof than a spelling of it.
	nicknameSim = 0.85
	// legalSameClass: two legal forms of one class (Ltd, LLC, GmbH, OOO).
	legalSameClass = 0.9
	// acronymSim: an acronym against the initials of the other name's words
	// ("IBM", "International Business Machines Corporation").
	acronymSim = 0.9
	// compoundMin is the least Jaro-Winkler similarity of a token with two
	// adjacent ones written together ("binladen", "bin laden").
	compoundMin = 0.93
	// Whole names written as one word (a space in the wrong place): 0.95
	// less 0.03 an edit, scaled by the information of the query's name.
	joinedSame   = 0.95
	joinedPerEdi = 0.03
	// lettersPerEdit: letters alone (Jaro-Winkler, no shared key or sound)
	// make two tokens one name only when they are at most one edit in this
	// many letters apart — two typing mistakes in a name of eight; the
	// reward Jaro-Winkler gives a shared beginning makes "schupsman" and
	// "schuilsma" alike otherwise. cutPhoneticPerEdit: the same for two
	// tokens of about one length that share a Double Metaphone key of four
	// sounds, where matchr cuts its keys ("abdolrezanejhad" and
	// "abdolmohammad" are both APTL): a little looser, as the sounds agree
	// as far as they go.
	lettersPerEdit     = 4
	cutPhoneticPerEdit = 3
	// articleJoined scales the similarity of a token with an Arabic
	// article written joined to it ("aljawfi") and a token without one
	// ("al-Jawfi", whose article the parser removed): the same name, but
	// the joined form might also be a name of its own.
	articleJoined = 0.95
	// maxAcronym is the longest token taken for an acronym of the other
	// name's words.
	maxAcronym = 6
)

// Biographic features. Each has the most it may add when it agrees and the
// most it may take away when it disagrees: agreeing on a birth year is
// common, disagreeing is telling, so disagreement weighs more. A feature's
// Score is its agreement, from -1 to 1; its Weight the weight of the side
// it falls on; missing data on either side is weight 0.
const (
	// Birth date. Agreement: the same day 1, within a year both sides give
	// (a year, a month, an approximate year) 2/3, within the precision
	// given 5/12; a near miss (day and month swapped, one digit, two
	// adjacent digits swapped) 0, a year apart -0.2 (two exact days of
	// birth: see dateOtherDay), two years -0.6, more -1.
	birthDateAgreeWeight    = 0.096
	birthDateDisagreeWeight = 0.16
	dateSameDay             = 1.0
	dateSameYear            = 2.0 / 3
	dateWithinPrecision     = 5.0 / 12
	dateYearApart           = -0.2
	dateTwoYears            = -0.6
	// dateOtherDay: two exact days of birth within a year of each other
	// that no slip explains — more than dateSlipDays apart (a few days is a
	// registration or a calendar conversion), not day and month swapped,
	// not one digit or two adjacent digits swapped, neither of them the 1
	// January that stands for an unknown day — are two birthdays: as
	// telling as two years apart.
	dateOtherDay = -0.6
	dateSlipDays = 7
	// Nationality: agreement +1 × 0.04 (many people share a nationality),
	// disagreement -1 × 0.08 (lists give every nationality they know).
	nationalityAgreeWeight    = 0.04
	nationalityDisagreeWeight = 0.08
	// Gender: agreement +1 × 0.012 (half of everyone agrees), disagreement
	// -1 × 0.12.
	genderAgreeWeight    = 0.012
	genderDisagreeWeight = 0.12
	// Documents: the same normalised number +1, the same but for letters an
	// OCR reader confuses +0.7, a different number of the same type from the
	// same country -0.1 (people renew passports), × 0.45; a document query
	// without a name weighs 0.78, so that an equal number alone makes a
	// review, and a hit with one more agreeing feature.
	documentWeight     = 0.45
	documentOnlyWeight = 0.78
	documentOCR        = 0.7
	documentOther      = -0.1
	// Place of birth: a shared word (a city or district) +1 × 0.03; places
	// are spelled too many ways to count a difference against anyone.
	birthPlaceWeight = 0.03
)
