package normalize

import (
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// iso3166 lists the current ISO 3166-1 alpha-2 codes.
const iso3166 = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
	"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
	"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
	"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
	"MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
	"SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
	"UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK"

// countryAliases holds names that the English display names of x/text do not
// give: the UN's formal names, older names, common short forms and demonyms.
// Keys are written as countryKey makes them.
var countryAliases = map[string]string{
	// UN formal and older names
	"iran islamic republic": "IR", "islamic republic iran": "IR", "persia": "IR",
	"syrian arab republic": "SY", "russian federation": "RU", "viet nam": "VN",
	"democratic peoples republic korea": "KP", "dprk": "KP", "rpdc": "KP", "korea democratic peoples republic": "KP",
	"republic korea": "KR", "korea republic": "KR", "korea": "KR",
	"democratic republic congo": "CD", "congo democratic republic": "CD", "zaire": "CD", "drc": "CD",
	"republic congo": "CG", "congo": "CG", "congo brazzaville": "CG",
	"united kingdom great britain northern ireland": "GB", "united kingdom great britain northern": "GB",
	"united kingdom": "GB", "uk": "GB", "great britain": "GB", "britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
	"united states america": "US", "united states": "US", "usa": "US", "america": "US",
	"united republic tanzania": "TZ", "tanzania": "TZ", "libyan arab jamahiriya": "LY", "libya": "LY",
	"state palestine": "PS", "palestine": "PS", "palestinian territories": "PS", "occupied palestinian territory": "PS", "gaza": "PS", "west bank": "PS",
	"bolivia plurinational state": "BO", "venezuela bolivarian republic": "VE", "lao peoples democratic republic": "LA",
	"republic moldova": "MD", "micronesia federated states": "FM", "turkiye": "TR", "turkey": "TR",
	"czech republic": "CZ", "north macedonia": "MK", "republic north macedonia": "MK", "former yugoslav republic macedonia": "MK",
	"swaziland": "SZ", "eswatini": "SZ", "burma": "MM", "myanmar": "MM", "cote divoire": "CI", "ivory coast": "CI",
	"cape verde": "CV", "cabo verde": "CV", "timor leste": "TL", "east timor": "TL", "holy see": "VA", "vatican": "VA",
	"brunei darussalam": "BN", "union comoros": "KM", "comoros": "KM", "sultanate oman": "OM", "kingdom saudi arabia": "SA", "ksa": "SA",
	"hashemite kingdom jordan": "JO", "arab republic egypt": "EG", "republic iraq": "IQ", "republic yemen": "YE",
	"china hong kong special administrative region": "HK", "hong kong special administrative region": "HK", "hong kong": "HK",
	"china macao special administrative region": "MO", "macao": "MO", "taiwan province china": "TW",
	"the netherlands": "NL", "holland": "NL", "uae": "AE", "emirates": "AE", "bosnia": "BA", "kosovo": "XK",
	"saint kitts nevis": "KN", "saint lucia": "LC", "saint vincent grenadines": "VC", "sao tome principe": "ST",
	"trinidad tobago": "TT", "antigua barbuda": "AG", "bosnia herzegovina": "BA", "heard island mcdonald islands": "HM",
	"somaliland": "SO", "chechnya": "RU", "kurdistan": "IQ", "soviet union": "RU", "ussr": "RU", "yugoslavia": "RS",
	// demonyms
	"afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "azerbaijani": "AZ", "bahraini": "BH",
	"bangladeshi": "BD", "belgian": "BE", "bosnian": "BA", "british": "GB", "burkinabe": "BF", "cameroonian": "CM",
	"canadian": "CA", "chadian": "TD", "chinese": "CN", "comorian": "KM", "congolese": "CD", "danish": "DK", "dutch": "NL",
	"egyptian": "EG", "emirati": "AE", "eritrean": "ER", "ethiopian": "ET", "filipino": "PH", "finnish": "FI",
	"french": "FR", "gambian": "GM", "georgian": "GE", "german": "DE", "ghanaian": "GH", "guinean": "GN", "indian": "IN",
	"indonesian": "ID", "iranian": "IR", "iraqi": "IQ", "irish": "IE", "israeli": "IL", "italian": "IT", "jordanian": "JO",
	"kazakh": "KZ", "kenyan": "KE", "korean": "KR", "north korean": "KP", "south korean": "KR", "kosovar": "XK",
	"kuwaiti": "KW", "kyrgyz": "KG", "lebanese": "LB", "libyan": "LY", "malaysian": "MY", "malian": "ML",
	"mauritanian": "MR", "moroccan": "MA", "nigerian": "NG", "nigerien": "NE", "norwegian": "NO", "omani": "OM",
	"pakistani": "PK", "palestinian": "PS", "qatari": "QA", "russian": "RU", "rwandan": "RW", "saudi": "SA",
	"saudi arabian": "SA", "senegalese": "SN", "singaporean": "SG", "somali": "SO", "south sudanese": "SS",
	"spanish": "ES", "sudanese": "SD", "swedish": "SE", "swiss": "CH", "syrian": "SY", "tajik": "TJ", "tajikistani": "TJ",
	"tanzanian": "TZ", "trinidadian": "TT", "tunisian": "TN", "turkish": "TR", "turkmen": "TM", "ugandan": "UG",
	"ukrainian": "UA", "uzbek": "UZ", "uzbekistani": "UZ", "yemeni": "YE", "australian": "AU", "austrian": "AT",
	"chechen": "RU", "dagestani": "RU", "uighur": "CN", "uyghur": "CN", "djiboutian": "DJ", "nepalese": "NP",
	"sri lankan": "LK", "thai": "TH", "vietnamese": "VN", "japanese": "JP", "portuguese": "PT", "greek": "GR",
	"polish": "PL", "romanian": "RO", "serbian": "RS", "croatian": "HR", "macedonian": "MK", "montenegrin": "ME",
	"haitian": "HT", "colombian": "CO", "mexican": "MX", "brazilian": "BR", "argentine": "AR", "argentinian": "AR",
	"central african": "CF", "south african": "ZA", "ivorian": "CI", "sierra leonean": "SL", "liberian": "LR",
	"nigerien national": "NE", "bahamian": "BS", "maldivian": "MV", "bruneian": "BN", "burmese": "MM",
}

var countryTable struct {
	once  sync.Once
	names map[string]string // countryKey(name) -> alpha-2
}

// countryStop holds words that do not tell countries apart.
var countryStop = map[string]bool{"the": true, "of": true, "and": true, "national": true, "citizen": true,
	"passport": true, "nationality": true}

// countryKey cleans a country text into space-separated words without stop words.
func countryKey(s string) string {
	c := Fold(Clean(s))
	if !strings.Contains(c, " ") {
		if countryStop[c] {
			return ""
		}
		return c
	}
	var b strings.Builder
	for _, w := range strings.Fields(c) {
		if countryStop[w] {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

func buildCountries() {
	m := make(map[string]string, 1024)
	names := display.English.Regions()
	for _, code := range strings.Fields(iso3166) {
		r, err := language.ParseRegion(code)
		if err != nil {
			continue
		}
		m[strings.ToLower(code)] = code
		if iso3 := r.ISO3(); iso3 != "" && iso3 != "ZZZ" {
			m[strings.ToLower(iso3)] = code
		}
		if n := names.Name(r); n != "" {
			n = strings.ReplaceAll(n, "&", "and")
			m[countryKey(n)] = code
			// "Myanmar (Burma)", "Congo - Kinshasa": also the part before the bracket or dash.
			if i := strings.IndexAny(n, "(-"); i > 0 {
				if k := countryKey(n[:i]); k != "" {
					if _, ok := m[k]; !ok {
						m[k] = code
					}
				}
			}
			if strings.HasPrefix(n, "St. ") {
				m[countryKey("saint "+n[4:])] = code
			}
		}
	}
	// Two-letter words that are English words must not read as codes in
	// free text; they are still accepted as whole inputs below.
	for k, v := range countryAliases {
		m[k] = v
	}
	countryTable.names = m
}

// CountryCode resolves a country as lists and travellers write it to its
// ISO 3166-1 alpha-2 code (upper case): alpha-2 and alpha-3 codes ("DZ",
// "dza"), English short names ("Algeria", "Syria"), the UN's formal names
// ("Iran (Islamic Republic of)", "Syrian Arab Republic", "Russian
// Federation", "United Kingdom of Great Britain and Northern Ireland"), older
// names ("Libyan Arab Jamahiriya", "Zaire") and demonyms ("Algerian",
// "Pakistani"). Free text around a country is tolerated: a bracketed remark
// ("Libya (in custody)"), alternatives split by "/" or "," (the first that
// resolves wins: "Sudan/South Sudan" is SD), and the words "passport",
// "national", "citizen". ok is false when nothing resolves.
func CountryCode(s string) (code string, ok bool) {
	countryTable.once.Do(buildCountries)
	if len(s) > 200 {
		return "", false
	}
	m := countryTable.names
	if c, ok := m[countryKey(s)]; ok {
		return c, true
	}
	// Drop brackets that are remarks, keep them when they are the name.
	if i := strings.IndexByte(s, '('); i > 0 {
		if c, ok := m[countryKey(s[:i])]; ok {
			return c, true
		}
	}
	for _, seg := range strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == ',' || r == ';' || r == '(' || r == ')' || r == ':' }) {
		if c, ok := m[countryKey(seg)]; ok {
			return c, true
		}
		if strings.HasPrefix(strings.TrimSpace(strings.ToLower(seg)), "or ") {
			if c, ok := m[countryKey(strings.TrimSpace(seg)[3:])]; ok {
				return c, true
			}
		}
	}
	return "", false
}
