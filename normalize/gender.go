package normalize

import "strings"

// ParseGender reads a gender or sex as lists, passports and forms write it
// ("M", "male", "Female", "man", the MRZ's "<" or "X" for unspecified) and
// returns "male", "female" or "" for unspecified or unknown. ok is false for
// text it does not understand, so that a caller can say so rather than guess.
func ParseGender(s string) (g string, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "m", "male", "man", "masculine":
		return "male", true
	case "f", "female", "woman", "feminine":
		return "female", true
	case "", "x", "<", "unknown", "u", "unspecified":
		return "", true
	}
	return "", false
}
