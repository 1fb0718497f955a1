// Command fpcalibrate measures the built-in fingerprint matcher on labelled
// minutiae templates and finds the decision threshold for a target false
// match rate: the calibration an agency runs on its own extractor's
// templates before trusting a threshold.
//
// Usage:
//
//	fpcalibrate -fvc DIR [-fvc DIR ...] [flags]
//	fpcalibrate -manifest pairs.csv [flags]
//
// -fvc reads a directory of templates named as in the FVC databases
// (..._DB<d>_<finger>_<impression>.iso); -manifest reads a CSV of
// file,finger[,impression[,group]] lines. It prints, per group and overall,
// the FVC protocol (every impression pair of a finger; first impressions of
// different fingers), the extended impostor set (every impression of every
// other finger of the group) and with -cross the impostors across groups:
// EER, FNMR at FMR 1%, 0.1% and 0.01%, the operating point of -threshold,
// the score distributions, and the threshold that keeps the FMR at or under
// -fmr on the largest impostor set.
//
// Exit status 0 on success, 2 on bad flags or unreadable templates.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/raqib/raqib/matcher/fingerprint"
	"github.com/raqib/raqib/matcher/fingerprint/fpeval"
)

type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fpcalibrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var dirs, manifests multi
	fs.Var(&dirs, "fvc", "directory of FVC-named templates (repeatable)")
	fs.Var(&manifests, "manifest", "CSV of file,finger[,impression[,group]] (repeatable)")
	groups := fs.String("groups", "", "comma-separated groups to keep (a group matches its full name or its last word: DB1)")
	thr := fs.Float64("threshold", fingerprint.DefaultThreshold, "threshold whose operating point is reported")
	target := fs.Float64("fmr", 0.001, "target false match rate for the recommended threshold")
	cross := fs.Bool("cross", false, "also compare templates of different groups (more impostor pairs)")
	hist := fs.Float64("hist", 0, "print histograms of the overall scores with this bin width (0: none)")
	maxRot := fs.Float64("max-rotation", 0, "largest rotation between two impressions, degrees (0: the matcher's default; 180: any)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || len(dirs)+len(manifests) == 0 {
		fmt.Fprintln(stderr, "fpcalibrate: give -fvc DIR or -manifest FILE (and no arguments)")
		fs.Usage()
		return 2
	}
	if !(*target > 0 && *target < 1) {
		fmt.Fprintf(stderr, "fpcalibrate: -fmr %v: want 0 < fmr < 1\n", *target)
		return 2
	}
	var ts []fpeval.Template
	for _, d := range dirs {
		t, err := fpeval.LoadFVC(d)
		if err != nil {
			fmt.Fprintln(stderr, "fpcalibrate:", err)
			return 2
		}
		ts = append(ts, t...)
	}
	for _, m := range manifests {
		t, err := fpeval.LoadManifest(m)
		if err != nil {
			fmt.Fprintln(stderr, "fpcalibrate:", err)
			return 2
		}
		ts = append(ts, t...)
	}
	if *groups != "" {
		ts = keepGroups(ts, strings.Split(*groups, ","))
		if len(ts) == 0 {
			fmt.Fprintf(stderr, "fpcalibrate: no templates in groups %s\n", *groups)
			return 2
		}
	}
	m := fingerprint.MinutiaeMatcher{MaxRotation: *maxRot}
	rep, err := fpeval.Run(ctx, m, ts, fpeval.Options{Cross: *cross})
	if err != nil {
		fmt.Fprintln(stderr, "fpcalibrate:", err)
		return 2
	}
	fmt.Fprintf(stdout, "%d templates, %d comparisons\n\n", len(ts), rep.Comparisons)
	err = errors.Join(rep.WriteTable(stdout, *thr), say(stdout, "\n"), rep.WriteDistribution(stdout))
	largest, name := rep.Overall.Extended, "extended"
	if len(rep.Overall.Cross.Impostor) > 0 {
		largest, name = rep.Overall.Cross, "cross-group"
	}
	if *hist > 0 {
		err = errors.Join(err, say(stdout, "\nscores, overall, %s impostors:\n", name), fpeval.WriteHistogram(stdout, largest, *hist))
	}
	t, ok := largest.Threshold(*target)
	fmr, fnmr := largest.At(t)
	note := ""
	if !ok {
		note = fmt.Sprintf(" (NOT resolvable: %d impostor pairs, fewer than 1/%g; use more templates or -cross)", len(largest.Impostor), *target)
	}
	err = errors.Join(err, say(stdout, "\nthreshold for FMR <= %g on the overall %s impostors (%d pairs): %.4f: FMR %.4f%%, FNMR %.2f%%%s\n",
		*target, name, len(largest.Impostor), t, 100*fmr, 100*fnmr, note))
	if err != nil {
		fmt.Fprintln(stderr, "fpcalibrate:", err)
		return 2
	}
	return 0
}

func say(w io.Writer, format string, a ...any) error {
	_, err := fmt.Fprintf(w, format, a...)
	return err
}

func keepGroups(ts []fpeval.Template, names []string) []fpeval.Template {
	var out []fpeval.Template
	for _, t := range ts {
		words := strings.Fields(t.Group)
		for _, n := range names {
			n = strings.TrimSpace(n)
			if strings.EqualFold(n, t.Group) || (len(words) > 0 && strings.EqualFold(n, words[len(words)-1])) {
				out = append(out, t)
				break
			}
		}
	}
	return out
}
