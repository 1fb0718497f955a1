package fpeval

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// FMRs are the false match rates that the table reports the FNMR at.
var FMRs = []float64{0.01, 0.001, 0.0001}

// WriteTable writes the report as a Markdown table: per set and protocol the
// number of pairs, the EER, the FNMR at each of FMRs, and the operating point
// of threshold thr. A figure at an FMR the impostor set cannot resolve (fewer
// than 1/FMR pairs) is marked with an asterisk: it is the FNMR at the
// threshold just above the highest impostor score, so its FMR is only known
// to be below 1/pairs.
func (r *Report) WriteTable(w io.Writer, thr float64) error {
	var b strings.Builder
	fmt.Fprintf(&b, "| set | protocol | genuine | impostor | EER |")
	for _, f := range FMRs {
		fmt.Fprintf(&b, " FNMR @ FMR %s |", rate(f))
	}
	fmt.Fprintf(&b, " at threshold %.3f: FMR | FNMR |\n|---|---|---|---|---|", thr)
	for range FMRs {
		b.WriteString("---|")
	}
	b.WriteString("---|---|\n")
	sets := append([]Set(nil), r.Groups...)
	if len(r.Groups) > 1 {
		sets = append(sets, r.Overall)
	}
	for _, s := range sets {
		rows := []struct {
			name string
			sc   Scores
		}{{"FVC", s.FVC}, {"extended", s.Extended}}
		if len(s.Cross.Impostor) > 0 {
			rows = append(rows, struct {
				name string
				sc   Scores
			}{"cross-group", s.Cross})
		}
		for _, row := range rows {
			sc := row.sc
			fmt.Fprintf(&b, "| %s | %s | %d | %d | %s |", s.Name, row.name, len(sc.Genuine), len(sc.Impostor), pct(sc.EER()))
			for _, f := range FMRs {
				fnmr, _, ok := sc.FNMRAt(f)
				mark := ""
				if !ok {
					mark = "*"
				}
				fmt.Fprintf(&b, " %s%s |", pct(fnmr), mark)
			}
			fmr, fnmr := sc.At(thr)
			fmt.Fprintf(&b, " %s (%d) | %s |\n", pct(fmr), int(math.Round(fmr*float64(len(sc.Impostor)))), pct(fnmr))
		}
	}
	if len(r.Failed) > 0 {
		fmt.Fprintf(&b, "\n%d templates could not be prepared (their pairs score 0):\n", len(r.Failed))
		for _, err := range r.Failed {
			fmt.Fprintf(&b, "- %v\n", err)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteDistribution writes the score distributions of each set's extended
// protocol: quantiles of the genuine and impostor scores, and the thresholds
// at each of FMRs.
func (r *Report) WriteDistribution(w io.Writer) error {
	var b strings.Builder
	b.WriteString("| set | genuine p1 | p5 | p10 | p50 | impostor p50 | p99 | p99.9 | max |")
	for _, f := range FMRs {
		fmt.Fprintf(&b, " threshold @ FMR %s |", rate(f))
	}
	b.WriteString("\n|---|---|---|---|---|---|---|---|---|")
	for range FMRs {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	sets := append([]Set(nil), r.Groups...)
	if len(r.Groups) > 1 {
		sets = append(sets, r.Overall)
	}
	for _, s := range sets {
		sc := s.Extended
		name := s.Name + " (extended)"
		if len(s.Cross.Impostor) > 0 {
			sc, name = s.Cross, s.Name+" (cross-group)"
		}
		g, im := sc.Genuine, sc.Impostor
		fmt.Fprintf(&b, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |", name,
			Quantile(g, 0.01), Quantile(g, 0.05), Quantile(g, 0.10), Quantile(g, 0.5),
			Quantile(im, 0.5), Quantile(im, 0.99), Quantile(im, 0.999), Quantile(im, 1))
		for _, f := range FMRs {
			thr, ok := sc.Threshold(f)
			mark := ""
			if !ok {
				mark = "*"
			}
			fmt.Fprintf(&b, " %.3f%s |", thr, mark)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteHistogram writes a text histogram of the genuine and impostor scores
// of sc in bins of width step, from 0 to the highest score.
func WriteHistogram(w io.Writer, sc Scores, step float64) error {
	top := 0.0
	if n := len(sc.Genuine); n > 0 {
		top = sc.Genuine[n-1]
	}
	if n := len(sc.Impostor); n > 0 {
		top = max(top, sc.Impostor[n-1])
	}
	bins := int(top/step) + 1
	gen, imp := make([]int, bins), make([]int, bins)
	for _, v := range sc.Genuine {
		gen[min(int(v/step), bins-1)]++
	}
	for _, v := range sc.Impostor {
		imp[min(int(v/step), bins-1)]++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-13s %8s %8s\n", "score", "genuine", "impostor")
	for i := range bins {
		fmt.Fprintf(&b, "[%.3f,%.3f) %8d %8d  %s%s\n", float64(i)*step, float64(i+1)*step, gen[i], imp[i],
			bar('#', gen[i], len(sc.Genuine)), bar('.', imp[i], len(sc.Impostor)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func bar(c byte, n, of int) string {
	if of == 0 || n == 0 {
		return ""
	}
	return strings.Repeat(string(c), max(1, int(math.Round(40*float64(n)/float64(of)))))
}

func pct(f float64) string {
	switch {
	case math.IsNaN(f):
		return "—"
	case f == 0:
		return "0%"
	case f < 0.0001:
		return fmt.Sprintf("%.4f%%", 100*f)
	}
	return fmt.Sprintf("%.2f%%", 100*f)
}

// rate writes an FMR label: 1%, 0.1%, 0.01%.
func rate(f float64) string { return strconv.FormatFloat(100*f, 'f', -1, 64) + "%" }
