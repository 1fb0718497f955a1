package lists

import (
	"github.com/raqib/raqib/normalize"
)

// Short names for the precisions of package normalize.
const (
	precDay     = normalize.PrecisionDay
	precMonth   = normalize.PrecisionMonth
	precYear    = normalize.PrecisionYear
	precApprox  = normalize.PrecisionApproximate
	precBetween = normalize.PrecisionBetween
)

func countryCode(s string) (string, bool) { return normalize.CountryCode(s) }

func documentNumber(s string) string { return normalize.DocumentNumber(s) }

func parseDate(s string) ([]normalize.DateRange, error) { return normalize.ParseDate(s) }

type dateRange = normalize.DateRange
