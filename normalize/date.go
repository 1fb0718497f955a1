package normalize

// Precision says how much of a birth date a source actually knows.
type Precision string

// The precisions a DateRange may carry.
const (
	PrecisionDay         Precision = "day"         // an exact calendar day
	PrecisionMonth       Precision = "month"       // a month of a known year
	PrecisionYear        Precision = "year"        // a known year
	PrecisionApproximate Precision = "approximate" // "approximately 1975": a year, give or take
	PrecisionBetween     Precision = "between"     // "between 1970 and 1972"
)

// DateRange is an interval of possible dates, both ends inclusive, written as
// ISO 8601 calendar dates ("1962-02-01") so that ranges compare as strings.
// An exact day has From == To.
type DateRange struct {
	From      string    `json:"from"`
	To        string    `json:"to"`
	Precision Precision `json:"precision"`
}

// Overlaps reports whether r and o share at least one day.
func (r DateRange) Overlaps(o DateRange) bool {
	return r.From != "" && o.From != "" && r.From <= o.To && o.From <= r.To
}
