package synth

import (
	"fmt"
	"strings"
)

// country is what the generator knows of a country: its ISO 3166-1 codes and
// English short name, a few cities for places of birth, and the shape of
// its passport and national identity numbers.
//
// Number shapes: L a letter, D a digit, X a letter or digit, anything else
// literal; "tc" (Turkish T.C. Kimlik No, 11 digits with its two check
// digits), "cn" (Chinese resident identity number, 18 characters with the
// ISO 7064 MOD 11-2 check and the birth date inside), "kr" (Korean resident
// registration number, birth date first), "es" (Spanish DNI, 8 digits and
// its mod-23 letter) compute the real structure. The shapes follow the
// specimens of the Council of the EU's PRADO register and the issuing
// states' published formats; they are plausible, not issued, numbers.
type country struct {
	a2, a3, name string
	cities       []string
	passport     string
	nid          string // "" when the country has no national ID number in common use
}

var countries = map[string]*country{}

func init() {
	for _, c := range []country{
		{"DZ", "DZA", "Algeria", []string{"Algiers", "Oran", "Constantine", "Annaba", "Blida", "Tlemcen"}, "DDDDDDDDD", "DDDDDDDDDDDDDDDDDD"},
		{"MA", "MAR", "Morocco", []string{"Casablanca", "Rabat", "Fez", "Tangier", "Marrakesh", "Oujda"}, "LLDDDDDDD", "LLDDDDDD"},
		{"TN", "TUN", "Tunisia", []string{"Tunis", "Sfax", "Sousse", "Bizerte", "Kairouan", "Ben Guerdane"}, "LDDDDDD", "DDDDDDDD"},
		{"LY", "LBY", "Libya", []string{"Tripoli", "Benghazi", "Misrata", "Derna", "Sirte"}, "LDDDDDDD", "DDDDDDDDDDDD"},
		{"EG", "EGY", "Egypt", []string{"Cairo", "Alexandria", "Giza", "Asyut", "Mansoura", "Tanta"}, "LDDDDDDDD", "DDDDDDDDDDDDDD"},
		{"SD", "SDN", "Sudan", []string{"Khartoum", "Omdurman", "Port Sudan", "Kassala"}, "PDDDDDDDD", "DDDDDDDDDDD"},
		{"MR", "MRT", "Mauritania", []string{"Nouakchott", "Nouadhibou", "Atar"}, "LDDDDDDD", "DDDDDDDDDD"},
		{"IQ", "IRQ", "Iraq", []string{"Baghdad", "Mosul", "Basra", "Fallujah", "Ramadi", "Tikrit", "Kirkuk", "Samarra"}, "LDDDDDDD", "DDDDDDDDDDDD"},
		{"SY", "SYR", "Syria", []string{"Damascus", "Aleppo", "Homs", "Hama", "Idlib", "Deir ez-Zor", "Raqqa", "Latakia"}, "NDDDDDDDD", "DDDDDDDDDDD"},
		{"SA", "SAU", "Saudi Arabia", []string{"Riyadh", "Jeddah", "Mecca", "Medina", "Dammam", "Buraydah", "Abha"}, "LDDDDDDD", "1DDDDDDDDD"},
		{"YE", "YEM", "Yemen", []string{"Sanaa", "Aden", "Taiz", "Hodeidah", "Mukalla", "Marib"}, "DDDDDDDD", "DDDDDDDDDDD"},
		{"JO", "JOR", "Jordan", []string{"Amman", "Zarqa", "Irbid", "Salt", "Maan"}, "LDDDDDDD", "DDDDDDDDDD"},
		{"LB", "LBN", "Lebanon", []string{"Beirut", "Tripoli", "Sidon", "Tyre", "Baalbek"}, "LRDDDDDDD", ""},
		{"KW", "KWT", "Kuwait", []string{"Kuwait City", "Jahra", "Hawalli"}, "DDDDDDDDD", "DDDDDDDDDDDD"},
		{"PS", "PSE", "Palestine", []string{"Gaza", "Hebron", "Nablus", "Jenin", "Ramallah"}, "DDDDDDD", "DDDDDDDDD"},
		{"AE", "ARE", "United Arab Emirates", []string{"Dubai", "Abu Dhabi", "Sharjah"}, "DDDDDDDDD", "784-DDDD-DDDDDDD-D"},
		{"QA", "QAT", "Qatar", []string{"Doha", "Al Rayyan"}, "LDDDDDDDD", "DDDDDDDDDDD"},
		{"BH", "BHR", "Bahrain", []string{"Manama", "Muharraq"}, "DDDDDDDD", "DDDDDDDDD"},
		{"OM", "OMN", "Oman", []string{"Muscat", "Salalah", "Sohar"}, "DDDDDDDD", "DDDDDDDD"},
		{"IR", "IRN", "Iran", []string{"Tehran", "Mashhad", "Isfahan", "Tabriz", "Shiraz", "Qom", "Ahvaz", "Kerman"}, "LDDDDDDDD", "DDD-DDDDDD-D"},
		{"AF", "AFG", "Afghanistan", []string{"Kabul", "Kandahar", "Herat", "Jalalabad", "Kunduz", "Khost", "Ghazni", "Helmand"}, "PDDDDDDD", "DDDD-DDDD-DDDDD"},
		{"PK", "PAK", "Pakistan", []string{"Karachi", "Lahore", "Peshawar", "Quetta", "Rawalpindi", "Multan", "Faisalabad", "Miranshah"}, "LLDDDDDDD", "DDDDD-DDDDDDD-D"},
		{"IN", "IND", "India", []string{"Mumbai", "Delhi", "Hyderabad", "Kolkata", "Chennai", "Lucknow", "Srinagar", "Amritsar"}, "LDDDDDDD", "DDDD DDDD DDDD"},
		{"BD", "BGD", "Bangladesh", []string{"Dhaka", "Chittagong", "Sylhet", "Rajshahi", "Khulna"}, "LLDDDDDDD", "DDDDDDDDDD"},
		{"TR", "TUR", "Turkey", []string{"Istanbul", "Ankara", "Izmir", "Gaziantep", "Diyarbakir", "Konya", "Sanliurfa", "Adana"}, "UDDDDDDDD", "tc"},
		{"AZ", "AZE", "Azerbaijan", []string{"Baku", "Ganja", "Sumqayit"}, "CDDDDDDDD", "XXXXXXX"},
		{"UZ", "UZB", "Uzbekistan", []string{"Tashkent", "Samarkand", "Namangan", "Andijan", "Fergana", "Bukhara"}, "LLDDDDDDD", "DDDDDDDDDDDDDD"},
		{"KZ", "KAZ", "Kazakhstan", []string{"Almaty", "Astana", "Shymkent", "Karaganda", "Aktobe"}, "NDDDDDDDD", "DDDDDDDDDDDD"},
		{"KG", "KGZ", "Kyrgyzstan", []string{"Bishkek", "Osh", "Jalal-Abad"}, "LLDDDDDDD", "DDDDDDDDDDDDDD"},
		{"TM", "TKM", "Turkmenistan", []string{"Ashgabat", "Turkmenabat", "Mary"}, "LDDDDDDD", ""},
		{"RU", "RUS", "Russia", []string{"Moscow", "Saint Petersburg", "Kazan", "Grozny", "Makhachkala", "Novosibirsk", "Yekaterinburg", "Nalchik"}, "DD DDDDDDD", "DD DD DDDDDD"},
		{"UA", "UKR", "Ukraine", []string{"Kyiv", "Kharkiv", "Odesa", "Dnipro", "Lviv", "Donetsk"}, "LLDDDDDD", "DDDDDDDDD"},
		{"BY", "BLR", "Belarus", []string{"Minsk", "Gomel", "Brest", "Vitebsk"}, "LLDDDDDDD", "DDDDDDDLDDDLLD"},
		{"FR", "FRA", "France", []string{"Paris", "Marseille", "Lyon", "Toulouse", "Nice", "Lille", "Strasbourg", "Roubaix"}, "DDLLDDDDD", "DDDDDDDDDDDD"},
		{"DE", "DEU", "Germany", []string{"Berlin", "Hamburg", "Munich", "Cologne", "Frankfurt am Main", "Dinslaken", "Bonn"}, "CXXXXXXXX", "LXXXXXXXX"},
		{"AT", "AUT", "Austria", []string{"Vienna", "Graz", "Linz", "Salzburg"}, "LDDDDDDD", ""},
		{"CH", "CHE", "Switzerland", []string{"Zurich", "Geneva", "Basel", "Bern"}, "LDDDDDDD", ""},
		{"GB", "GBR", "United Kingdom", []string{"London", "Birmingham", "Manchester", "Leeds", "Glasgow", "Cardiff", "Luton"}, "DDDDDDDDD", ""},
		{"ES", "ESP", "Spain", []string{"Madrid", "Barcelona", "Valencia", "Seville", "Ceuta", "Melilla"}, "LLLDDDDDD", "es"},
		{"IT", "ITA", "Italy", []string{"Rome", "Milan", "Naples", "Turin", "Palermo", "Bologna"}, "LLDDDDDDD", "LLDDDDDDD"},
		{"NL", "NLD", "Netherlands", []string{"Amsterdam", "Rotterdam", "The Hague", "Utrecht", "Eindhoven"}, "LLXXXXXXD", "DDDDDDDDD"},
		{"BE", "BEL", "Belgium", []string{"Brussels", "Antwerp", "Ghent", "Liège", "Charleroi", "Vilvoorde"}, "LLDDDDDD", "DD.DD.DD-DDD.DD"},
		{"SE", "SWE", "Sweden", []string{"Stockholm", "Gothenburg", "Malmö", "Uppsala", "Örebro"}, "DDDDDDDD", "DDDDDDDD-DDDD"},
		{"DK", "DNK", "Denmark", []string{"Copenhagen", "Aarhus", "Odense"}, "DDDDDDDDD", "DDDDDD-DDDD"},
		{"US", "USA", "United States", []string{"New York", "Los Angeles", "Chicago", "Houston", "Minneapolis"}, "DDDDDDDDD", "DDD-DD-DDDD"},
		{"CA", "CAN", "Canada", []string{"Toronto", "Montreal", "Calgary", "Ottawa"}, "LLDDDDDD", ""},
		{"CN", "CHN", "China", []string{"Beijing", "Shanghai", "Guangzhou", "Shenzhen", "Chengdu", "Wuhan", "Urumqi", "Kashgar"}, "EDDDDDDDD", "cn"},
		{"TW", "TWN", "Taiwan", []string{"Taipei", "Kaohsiung", "Taichung", "Tainan"}, "DDDDDDDDD", "LDDDDDDDDD"},
		{"HK", "HKG", "Hong Kong", []string{"Hong Kong", "Kowloon"}, "KJDDDDDDD", "LDDDDDD(D)"},
		{"KR", "KOR", "South Korea", []string{"Seoul", "Busan", "Incheon", "Daegu", "Daejeon", "Gwangju"}, "MDDDDDDDD", "kr"},
		{"KP", "PRK", "North Korea", []string{"Pyongyang", "Hamhung", "Chongjin", "Sinuiju", "Wonsan"}, "DDDDDDDDD", ""},
		{"JP", "JPN", "Japan", []string{"Tokyo", "Osaka", "Yokohama", "Nagoya", "Sapporo", "Fukuoka"}, "LLDDDDDDD", "DDDD DDDD DDDD"},
		{"NP", "NPL", "Nepal", []string{"Kathmandu", "Pokhara"}, "DDDDDDDD", ""},
		{"LK", "LKA", "Sri Lanka", []string{"Colombo", "Kandy", "Jaffna"}, "LDDDDDDD", "DDDDDDDDDV"},
	} {
		c := c
		countries[c.a2] = &c
	}
}

const (
	letters  = "ABCDEFGHJKLMNPRSTUVWXYZ"
	alnumsDE = "CFGHJKLMNPRTVWXYZ0123456789"
)

// documentNumber draws a number in a country's shape. dob (YYYY-MM-DD) and
// female feed the shapes that hold them.
func documentNumber(r *rng, shape string, dob string, female bool) string {
	switch shape {
	case "tc":
		return turkishID(r)
	case "cn":
		return chineseID(r, dob, female)
	case "kr":
		return koreanID(r, dob, female)
	case "es":
		n := r.intn(100000000)
		return fmt.Sprintf("%08d%c", n, "TRWAGMYFPDXBNJZSQVHLCKE"[n%23])
	}
	var b strings.Builder
	for i := 0; i < len(shape); i++ {
		switch shape[i] {
		case 'L':
			b.WriteByte(letters[r.intn(len(letters))])
		case 'D':
			b.WriteByte(byte('0' + r.intn(10)))
		case 'X':
			b.WriteByte(alnumsDE[r.intn(len(alnumsDE))])
		default:
			b.WriteByte(shape[i])
		}
	}
	return b.String()
}

// turkishID is an 11-digit T.C. Kimlik No with its check digits: the 10th
// is ((d1+d3+d5+d7+d9)·7 − (d2+d4+d6+d8)) mod 10, the 11th the sum of the
// first ten mod 10.
func turkishID(r *rng) string {
	var d [11]int
	d[0] = 1 + r.intn(9)
	for i := 1; i < 9; i++ {
		d[i] = r.intn(10)
	}
	odd := d[0] + d[2] + d[4] + d[6] + d[8]
	even := d[1] + d[3] + d[5] + d[7]
	d[9] = ((odd*7-even)%10 + 10) % 10
	s := 0
	for i := 0; i < 10; i++ {
		s += d[i]
	}
	d[10] = s % 10
	var b [11]byte
	for i, x := range d {
		b[i] = byte('0' + x)
	}
	return string(b[:])
}

// chineseID is an 18-character resident identity number (GB 11643-1999):
// six region digits, the birth date, three sequence digits (odd for men),
// and the ISO 7064 MOD 11-2 check character.
func chineseID(r *rng, dob string, female bool) string {
	date := strings.ReplaceAll(dob, "-", "")
	if len(date) != 8 {
		date = fmt.Sprintf("19%02d0101", 50+r.intn(50))
	}
	seq := r.intn(500) * 2
	if !female {
		seq++
	}
	body := fmt.Sprintf("%02d%04d%s%03d", 11+r.intn(55), r.intn(10000), date, seq%1000)
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	s := 0
	for i := 0; i < 17; i++ {
		s += int(body[i]-'0') * weights[i]
	}
	return body + string("10X98765432"[s%11])
}

// koreanID is a resident registration number, YYMMDD-SNNNNNN, S giving the
// century and sex (1/2 for 1900–1999, 3/4 from 2000).
func koreanID(r *rng, dob string, female bool) string {
	date := strings.ReplaceAll(dob, "-", "")
	if len(date) != 8 {
		date = fmt.Sprintf("19%02d0101", 50+r.intn(50))
	}
	s := 1
	if date[:2] == "20" {
		s = 3
	}
	if female {
		s++
	}
	return fmt.Sprintf("%s-%d%06d", date[2:], s, r.intn(1000000))
}

// written returns a number as a list or a traveller might write it: as it
// is, or with a space or dash after the letters.
func written(r *rng, num string) string {
	switch r.choose(80, 12, 8) {
	case 1:
		if k := strings.IndexFunc(num, func(c rune) bool { return c >= '0' && c <= '9' }); k > 0 {
			return num[:k] + " " + num[k:]
		}
	case 2:
		if len(num) > 6 && !strings.ContainsAny(num, " -.") {
			return num[:len(num)/2] + "-" + num[len(num)/2:]
		}
	}
	return num
}
