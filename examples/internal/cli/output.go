package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/raqib/raqib"
	"github.com/raqib/raqib/screening"
)

// Facts summarises a match's entry for an officer, in the words of the
// list: its regime (or source), first birth date and first nationality
// ("Al-Qaida list, born 1962-02-01, Algeria").
func Facts(m *screening.Match) string {
	var parts []string
	if m.ListType != "" {
		parts = append(parts, m.ListType+" list")
	} else if m.List != "" {
		parts = append(parts, m.List)
	}
	if len(m.BirthDates) > 0 {
		parts = append(parts, "born "+m.BirthDates[0])
	}
	if len(m.Nationalities) > 0 {
		parts = append(parts, m.Nationalities[0])
	}
	return strings.Join(parts, ", ")
}

// WriteMatch writes a match as the programs print it, each line after the
// first starting with indent:
//
//	UN:QDi.155 DJAMEL LOUNICI (Al-Qaida list, born 1962-02-01, Algeria)  score 0.997
//	matched name "جمال لونيسي" read as "djamal lounisi"
//	  name         +0.979  "jamal lounisi" vs original-script name ...
//
// Each feature line gives its contribution to the score (score × weight).
// Scores are rounded as in JSON output (raqib.Round), so that the text and
// the JSON of a run agree.
func WriteMatch(w io.Writer, indent string, m *screening.Match) {
	fmt.Fprintf(w, "%s %s (%s)  score %.3f\n", m.EntryID, m.Name, Facts(m), raqib.Round(m.Score))
	fmt.Fprintf(w, "%smatched name %q", indent, m.MatchedName)
	if m.MatchedForm != "" {
		fmt.Fprintf(w, " read as %q", m.MatchedForm)
	}
	fmt.Fprintln(w)
	for _, f := range m.Features {
		// Adding 0 turns a rounded -0 into 0, which prints as +0.000.
		fmt.Fprintf(w, "%s  %-12s %+.3f  %s\n", indent, f.Name, raqib.Round(f.Score*f.Weight)+0, f.Detail)
	}
}

// Truncate cuts s to at most n bytes on a rune boundary, marking the cut
// with "...", for quoting input in messages.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "..."
}
