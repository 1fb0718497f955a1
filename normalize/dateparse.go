package normalize

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrDate is wrapped by the errors of ParseDate and ParseMRZDate when a text
// is not a date they understand.
var ErrDate = errors.New("unrecognised date")

// maxDateText bounds the text ParseDate looks at; longer input is an error.
const maxDateText = 256

var monthNames = map[string]int{
	"jan": 1, "january": 1, "janv": 1, "janvier": 1,
	"feb": 2, "february": 2, "febr": 2, "fev": 2, "fevr": 2, "fevrier": 2,
	"mar": 3, "march": 3, "mars": 3,
	"apr": 4, "april": 4, "avr": 4, "avril": 4,
	"may": 5, "mai": 5,
	"jun": 6, "june": 6, "juin": 6,
	"jul": 7, "july": 7, "juil": 7, "juillet": 7,
	"aug": 8, "august": 8, "aout": 8,
	"sep": 9, "sept": 9, "september": 9, "septembre": 9,
	"oct": 10, "october": 10, "octobre": 10,
	"nov": 11, "november": 11, "novembre": 11,
	"dec": 12, "december": 12, "decembre": 12,
}

var approxWords = []string{"approximately", "approx", "approximate", "circa", "ca", "about", "around", "c", "abt", "environ", "vers"}

// ParseDate turns a written birth date into the intervals it may mean, best
// reading first. It understands ISO forms ("1962-02-01", "1962-02", "1962",
// "19620201", "1962/02/01"), day-month-year with month names ("1 Feb. 1962",
// "February 1, 1962", "Feb 1962", "01-FEB-1962"), numeric day and month with
// the year last ("01/02/1962", "1.2.1962"), approximate years ("approximately
// 1975", "circa 1975", "c. 1975") and ranges ("between 1970 and 1972",
// "1970-1972", "from 1970 to 1972", "between Aug. and Sep. 1977").
// Several dates may be joined by ";" or " or ".
//
// A numeric day and month that could be read either way ("01/02/1962") gives
// two ranges, day-first then month-first, so that the ambiguity is kept; "03/04"
// with equal or impossible alternatives gives one. An approximate year covers
// the year before and the year after as well (PrecisionApproximate, From is
// 1 January of year-1, To is 31 December of year+1).
//
// The error wraps ErrDate and quotes the text.
func ParseDate(s string) ([]DateRange, error) {
	if len(s) > maxDateText {
		return nil, fmt.Errorf("normalize: date text of %d bytes: %w", len(s), ErrDate)
	}
	t := strings.ToLower(strings.TrimSpace(Fold(s)))
	if t == "" {
		return nil, fmt.Errorf("normalize: empty date: %w", ErrDate)
	}
	var out []DateRange
	for _, alt := range splitAlternatives(t) {
		rs, ok := parseOneDate(alt)
		if !ok {
			return nil, fmt.Errorf("normalize: date %q: %w", s, ErrDate)
		}
		for _, r := range rs {
			if !containsRange(out, r) {
				out = append(out, r)
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("normalize: date %q: %w", s, ErrDate)
	}
	return out, nil
}

func containsRange(rs []DateRange, r DateRange) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

func splitAlternatives(t string) []string {
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == ';' })
	var out []string
	for _, p := range parts {
		for _, q := range strings.Split(p, " or ") {
			q = strings.TrimSpace(q)
			if q != "" {
				out = append(out, q)
			}
		}
	}
	return out
}

// dateTok is one token of a date text: a number (with its digit count) or a word.
type dateTok struct {
	num    int
	digits int // 0 for a word
	word   string
}

func tokenizeDate(t string) []dateTok {
	var toks []dateTok
	i := 0
	for i < len(t) {
		c := t[i]
		switch {
		case c >= '0' && c <= '9':
			j := i
			for j < len(t) && t[j] >= '0' && t[j] <= '9' {
				j++
			}
			n := 0
			if j-i <= 9 {
				n, _ = strconv.Atoi(t[i:j])
			} else {
				n = -1
			}
			toks = append(toks, dateTok{num: n, digits: j - i})
			i = j
		case c >= 'a' && c <= 'z':
			j := i
			for j < len(t) && t[j] >= 'a' && t[j] <= 'z' {
				j++
			}
			w := t[i:j]
			// Ordinal suffixes: "1st", "2nd", "3rd", "4th".
			if len(toks) > 0 && toks[len(toks)-1].digits > 0 && (w == "st" || w == "nd" || w == "rd" || w == "th") {
				i = j
				continue
			}
			toks = append(toks, dateTok{word: w})
			i = j
		case c == '-':
			// A hyphen between two years means a range; keep it as a word.
			toks = append(toks, dateTok{word: "-"})
			i++
		default:
			i++
		}
	}
	return toks
}

func isYear(tk dateTok) bool { return tk.digits == 4 && tk.num >= 1000 }

func yearRange(y int, p Precision) DateRange {
	return DateRange{From: fmt.Sprintf("%04d-01-01", y), To: fmt.Sprintf("%04d-12-31", y), Precision: p}
}

func monthRange(y, m int) DateRange {
	return DateRange{From: fmt.Sprintf("%04d-%02d-01", y, m), To: fmt.Sprintf("%04d-%02d-%02d", y, m, daysIn(y, m)), Precision: PrecisionMonth}
}

func dayRange(y, m, d int) (DateRange, bool) {
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return DateRange{}, false
	}
	s := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	return DateRange{From: s, To: s, Precision: PrecisionDay}, true
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func parseOneDate(t string) ([]DateRange, bool) {
	toks := tokenizeDate(t)
	// Drop connective noise words.
	approx := false
	var core []dateTok
	for _, tk := range toks {
		if tk.digits == 0 {
			switch {
			case tk.word == "between" || tk.word == "from" || tk.word == "entre":
				continue
			case tk.word == "and" || tk.word == "to" || tk.word == "et" || tk.word == "until" || tk.word == "-":
				core = append(core, dateTok{word: "-"})
				continue
			case isApprox(tk.word):
				approx = true
				continue
			case tk.word == "in" || tk.word == "the" || tk.word == "of" || tk.word == "on" || tk.word == "year" || tk.word == "born" || tk.word == "de" || tk.word == "le":
				continue
			}
			if _, ok := monthNames[tk.word]; !ok {
				return nil, false
			}
		}
		core = append(core, tk)
	}
	// Split on range separators.
	var groups [][]dateTok
	cur := []dateTok{}
	for _, tk := range core {
		if tk.word == "-" {
			groups = append(groups, cur)
			cur = []dateTok{}
			continue
		}
		cur = append(cur, tk)
	}
	groups = append(groups, cur)
	// Drop empty groups made by a leading/trailing hyphen in "01-feb-1962".
	var nonEmpty [][]dateTok
	for _, g := range groups {
		if len(g) > 0 {
			nonEmpty = append(nonEmpty, g)
		}
	}
	if len(nonEmpty) == 0 {
		return nil, false
	}
	if len(nonEmpty) == 1 || !isRange(nonEmpty) {
		// Not a range: rejoin all tokens (hyphens were only separators).
		var all []dateTok
		for _, g := range nonEmpty {
			all = append(all, g...)
		}
		rs, ok := parseSimpleDate(all)
		if !ok {
			return nil, false
		}
		if approx {
			for i := range rs {
				rs[i] = widenApprox(rs[i])
			}
		}
		return rs, true
	}
	if len(nonEmpty) != 2 {
		return nil, false
	}
	a, b := nonEmpty[0], nonEmpty[1]
	// "between Aug. and Sep. 1977": the year of the end applies to the start.
	if !hasYear(a) && hasYear(b) {
		a = append(append([]dateTok{}, a...), b[len(b)-1])
	}
	ra, ok1 := parseSimpleDate(a)
	rb, ok2 := parseSimpleDate(b)
	if !ok1 || !ok2 || ra[0].From > rb[0].To {
		return nil, false
	}
	p := PrecisionBetween
	r := DateRange{From: ra[0].From, To: rb[len(rb)-1].To, Precision: p}
	if approx {
		r = widenApprox(r)
		r.Precision = PrecisionBetween
	}
	return []DateRange{r}, true
}

func isApprox(w string) bool {
	for _, a := range approxWords {
		if w == a {
			return true
		}
	}
	return false
}

func hasYear(g []dateTok) bool {
	for _, tk := range g {
		if isYear(tk) {
			return true
		}
	}
	return false
}

// isRange reports whether hyphen-separated groups are a range of dates (each
// side a year or ending in a year, or month names sharing a final year) rather
// than the separators of one date such as "1962-02-01" or "01-feb-1962".
func isRange(groups [][]dateTok) bool {
	if len(groups) != 2 {
		return false
	}
	a, b := groups[0], groups[1]
	if hasYear(a) && hasYear(b) {
		return true
	}
	// "aug - sep 1977"
	if len(a) == 1 && a[0].digits == 0 && hasYear(b) && len(b) >= 2 && b[0].digits == 0 {
		return true
	}
	return false
}

func widenApprox(r DateRange) DateRange {
	fy, _ := strconv.Atoi(r.From[:4])
	ty, _ := strconv.Atoi(r.To[:4])
	// Within the four-digit years a date is written in ("about 9999" is
	// 9998 to 9999, not to a year 10000).
	return DateRange{From: fmt.Sprintf("%04d-01-01", max(fy-1, 0)), To: fmt.Sprintf("%04d-12-31", min(ty+1, 9999)), Precision: PrecisionApproximate}
}

// parseSimpleDate reads one date with no range: year, month and year, or a day.
func parseSimpleDate(g []dateTok) ([]DateRange, bool) {
	var nums []dateTok
	month := 0
	for _, tk := range g {
		if tk.digits == 0 {
			if month != 0 {
				return nil, false
			}
			month = monthNames[tk.word]
			continue
		}
		nums = append(nums, tk)
	}
	switch {
	case month != 0 && len(nums) == 1 && isYear(nums[0]): // "feb 1962"
		return []DateRange{monthRange(nums[0].num, month)}, true
	case month != 0 && len(nums) == 2: // "1 feb 1962", "feb 1, 1962", "1962 feb 1"
		y, d := nums[1], nums[0]
		if isYear(nums[0]) {
			y, d = nums[0], nums[1]
		}
		if !isYear(y) || d.digits > 2 {
			return nil, false
		}
		r, ok := dayRange(y.num, month, d.num)
		return []DateRange{r}, ok
	case month != 0:
		return nil, false
	case len(nums) == 1 && isYear(nums[0]):
		return []DateRange{yearRange(nums[0].num, PrecisionYear)}, true
	case len(nums) == 1 && nums[0].digits == 8: // 19620201
		n := nums[0].num
		r, ok := dayRange(n/10000, n/100%100, n%100)
		return []DateRange{r}, ok
	case len(nums) == 2 && isYear(nums[0]) && nums[1].digits <= 2: // 1962-02
		if nums[1].num < 1 || nums[1].num > 12 {
			return nil, false
		}
		return []DateRange{monthRange(nums[0].num, nums[1].num)}, true
	case len(nums) == 2 && isYear(nums[1]) && nums[0].digits <= 2: // 02/1962
		if nums[0].num < 1 || nums[0].num > 12 {
			return nil, false
		}
		return []DateRange{monthRange(nums[1].num, nums[0].num)}, true
	case len(nums) == 3 && isYear(nums[0]) && nums[1].digits <= 2 && nums[2].digits <= 2: // 1962-02-01
		r, ok := dayRange(nums[0].num, nums[1].num, nums[2].num)
		return []DateRange{r}, ok
	case len(nums) == 3 && isYear(nums[2]) && nums[0].digits <= 2 && nums[1].digits <= 2: // 01/02/1962
		y := nums[2].num
		var out []DateRange
		if r, ok := dayRange(y, nums[1].num, nums[0].num); ok {
			out = append(out, r)
		}
		if r, ok := dayRange(y, nums[0].num, nums[1].num); ok && !containsRange(out, r) {
			out = append(out, r)
		}
		return out, len(out) > 0
	}
	return nil, false
}

// ParseMRZDate reads an ICAO 9303 machine-readable-zone date YYMMDD. The
// century is inferred from now: a birth date (expiry false) is the latest
// reading not after now; an expiry date is the reading closest to now within
// 50 years either side (2000+YY unless that is more than 50 years ahead).
// Unknown parts written as '<' or 'X' ("6202<<", "62<<<<") give a month or a
// year range.
func ParseMRZDate(yymmdd string, now time.Time, expiry bool) (DateRange, error) {
	bad := func() (DateRange, error) {
		return DateRange{}, fmt.Errorf("normalize: MRZ date %q: %w", yymmdd, ErrDate)
	}
	if len(yymmdd) != 6 {
		return bad()
	}
	unknown := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] != '<' && s[i] != 'X' && s[i] != 'x' {
				return false
			}
		}
		return true
	}
	num := func(s string) (int, bool) {
		if s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
			return 0, false
		}
		return int(s[0]-'0')*10 + int(s[1]-'0'), true
	}
	yy, ok := num(yymmdd[0:2])
	if !ok {
		return bad()
	}
	mm, mok := num(yymmdd[2:4])
	dd, dok := num(yymmdd[4:6])
	if !mok && !unknown(yymmdd[2:4]) || !dok && !unknown(yymmdd[4:6]) || !mok && dok {
		return bad()
	}
	if mok && (mm < 1 || mm > 12) {
		return bad()
	}
	// Choose the century.
	now = now.UTC()
	m1, d1 := 1, 1
	if mok {
		m1 = mm
	}
	if dok {
		d1 = dd
	}
	y := 2000 + yy
	if expiry {
		if y > now.Year()+50 {
			y -= 100
		}
	} else if time.Date(y, time.Month(m1), d1, 0, 0, 0, 0, time.UTC).After(now) {
		y -= 100
	}
	switch {
	case !mok:
		return yearRange(y, PrecisionYear), nil
	case !dok:
		return monthRange(y, mm), nil
	}
	r, ok := dayRange(y, mm, dd)
	if !ok {
		return bad()
	}
	return r, nil
}
