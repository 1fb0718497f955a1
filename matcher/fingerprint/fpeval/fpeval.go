// Package fpeval measures a fingerprint.Matcher on labelled templates, the
// way the Fingerprint Verification Competitions (FVC) do, and finds the
// threshold that gives a target false match rate.
//
// Templates carry a finger label, an impression number and a group (the
// database or source they come from). Run compares them and returns, per
// group and over all groups, three sets of scores:
//
//   - FVC: the FVC protocol. Genuine pairs: every pair of impressions of a
//     finger. Impostor pairs: the first impression of each finger against the
//     first impression of every other finger of the same group.
//   - Extended: the same genuine pairs; impostor pairs: every impression
//     against every impression of every other finger of the same group. This
//     goes beyond the FVC protocol, to reach low false match rates.
//   - Cross (overall only): Extended plus every impression against every
//     impression of the other groups.
//
// A false match rate of r is resolvable only when the impostor set holds at
// least 1/r pairs; the figures say so when it is not.
package fpeval

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/raqib/raqib/matcher/fingerprint"
)

// Template is one labelled template.
type Template struct {
	Name       string // file name or ID, for messages
	Group      string // database or source; FVC impostor pairs stay within one
	Finger     string // templates with the same Group and Finger are of one finger
	Impression int    // 1 for the first impression of the finger
	Format     string // fingerprint.FormatISO or fingerprint.FormatANSI
	Data       []byte
}

var fvcName = regexp.MustCompile(`(?i)(?:fvc(\d{4})_)?(db\d+)(?:_[ab])?_(\d+)_(\d+)\.[a-z0-9]+$`)

// notTemplate are the extensions of the files LoadFVC leaves alone
// (descriptions, manifests, checksums beside the templates).
var notTemplate = map[string]bool{".md": true, ".txt": true, ".csv": true, ".json": true, ".sha256": true}

// LoadFVC reads the templates of dir named as in the FVC databases and the
// openafis extractions of them: ..._DB<d>[_A|_B]_<finger>_<impression>.<ext>,
// optionally with "fvc<year>_" before the database ("valid_fvc2002_DB1_B_101_1.iso").
// The group is the database ("FVC2002 DB1"). Other files are an error
// (but for .md, .txt, .csv, .json and .sha256 files, which are skipped);
// the format is read from the content.
func LoadFVC(dir string) ([]Template, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("fpeval: %w", err)
	}
	var out []Template
	for _, de := range des {
		if de.IsDir() || strings.HasPrefix(de.Name(), ".") || notTemplate[strings.ToLower(filepath.Ext(de.Name()))] {
			continue
		}
		m := fvcName.FindStringSubmatch(de.Name())
		if m == nil {
			return nil, fmt.Errorf("fpeval: %s: not an FVC template name (..._DB<d>_<finger>_<impression>.<ext>)", filepath.Join(dir, de.Name()))
		}
		group := strings.ToUpper(m[2])
		if m[1] != "" {
			group = "FVC" + m[1] + " " + group
		}
		imp, _ := strconv.Atoi(m[4])
		t, err := readTemplate(filepath.Join(dir, de.Name()))
		if err != nil {
			return nil, err
		}
		t.Name, t.Group, t.Finger, t.Impression = de.Name(), group, m[3], imp
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("fpeval: %s: no templates", dir)
	}
	sortTemplates(out)
	return out, nil
}

// LoadManifest reads a CSV manifest of labelled templates, one line each:
// file,finger[,impression[,group]]. File paths are relative to the
// manifest's directory; a first line starting with "file" is a header; an
// empty impression counts the finger's templates in file order; an empty
// group is "all". Errors name the manifest and line.
func LoadManifest(path string) ([]Template, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("fpeval: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.Comment = '#'
	r.TrimLeadingSpace = true
	var out []Template
	count := map[[2]string]int{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("fpeval: %s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		if len(out) == 0 && strings.EqualFold(strings.TrimSpace(rec[0]), "file") {
			continue
		}
		if len(rec) < 2 || len(rec) > 4 || rec[0] == "" || rec[1] == "" {
			return nil, fmt.Errorf("fpeval: %s:%d: want file,finger[,impression[,group]], have %d fields", path, line, len(rec))
		}
		group := "all"
		if len(rec) == 4 && rec[3] != "" {
			group = rec[3]
		}
		key := [2]string{group, rec[1]}
		count[key]++
		imp := count[key]
		if len(rec) >= 3 && rec[2] != "" {
			if imp, err = strconv.Atoi(rec[2]); err != nil || imp < 1 {
				return nil, fmt.Errorf("fpeval: %s:%d: impression %q: want a number from 1", path, line, rec[2])
			}
		}
		file := rec[0]
		if !filepath.IsAbs(file) {
			file = filepath.Join(filepath.Dir(path), file)
		}
		t, err := readTemplate(file)
		if err != nil {
			return nil, fmt.Errorf("fpeval: %s:%d: %w", path, line, err)
		}
		t.Name, t.Group, t.Finger, t.Impression = rec[0], group, rec[1], imp
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("fpeval: %s: no templates", path)
	}
	sortTemplates(out)
	return out, nil
}

func sortTemplates(ts []Template) {
	slices.SortStableFunc(ts, func(a, b Template) int {
		if c := strings.Compare(a.Group, b.Group); c != 0 {
			return c
		}
		if c := compareLabels(a.Finger, b.Finger); c != 0 {
			return c
		}
		return a.Impression - b.Impression
	})
}

// compareLabels orders numeric labels by value, others as text.
func compareLabels(a, b string) int {
	x, err1 := strconv.Atoi(a)
	y, err2 := strconv.Atoi(b)
	if err1 == nil && err2 == nil {
		return x - y
	}
	return strings.Compare(a, b)
}

func readTemplate(path string) (Template, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Template{}, fmt.Errorf("fpeval: %w", err)
	}
	format := DetectFormat(data)
	if format == "" {
		return Template{}, fmt.Errorf("fpeval: %s: not an ISO 19794-2 or ANSI 378 minutiae record", path)
	}
	return Template{Format: format, Data: data}, nil
}

// DetectFormat tells an ISO/IEC 19794-2:2005 record from an ANSI/INCITS
// 378-2004 one by their record length fields (4 bytes in ISO, 2 or 6 in
// ANSI); "" when data is neither.
func DetectFormat(data []byte) string {
	if len(data) < 12 || !bytes.HasPrefix(data, []byte("FMR\x00 20\x00")) {
		return ""
	}
	if int(binary.BigEndian.Uint32(data[8:12])) == len(data) {
		return fingerprint.FormatISO
	}
	n := int(binary.BigEndian.Uint16(data[8:10]))
	if n == 0 && len(data) >= 14 {
		n = int(binary.BigEndian.Uint32(data[10:14]))
	}
	if n == len(data) {
		return fingerprint.FormatANSI
	}
	return fingerprint.FormatISO // let the reader say what is wrong
}

// Scores holds the genuine and impostor scores of one set, each sorted ascending.
type Scores struct {
	Genuine, Impostor []float64
}

func (s *Scores) sort() {
	slices.Sort(s.Genuine)
	slices.Sort(s.Impostor)
}

// At returns the false match rate (impostor scores at or above thr) and the
// false non-match rate (genuine scores below thr).
func (s Scores) At(thr float64) (fmr, fnmr float64) {
	return frac(len(s.Impostor)-below(s.Impostor, thr), len(s.Impostor)), frac(below(s.Genuine, thr), len(s.Genuine))
}

func frac(n, of int) float64 {
	if of == 0 {
		return math.NaN()
	}
	return float64(n) / float64(of)
}

// below returns how many of the sorted scores are below thr.
func below(sorted []float64, thr float64) int {
	i, _ := slices.BinarySearch(sorted, thr)
	return i
}

// Threshold returns the lowest threshold whose false match rate is at most
// fmr: just above the highest impostor score that would exceed the allowance.
// ok is false when the impostor set is too small to resolve fmr (fewer than
// 1/fmr pairs).
func (s Scores) Threshold(fmr float64) (thr float64, ok bool) {
	n := len(s.Impostor)
	if n == 0 {
		return math.NaN(), false
	}
	allowed := int(math.Floor(fmr*float64(n) + 1e-9))
	if allowed >= n {
		return math.Inf(-1), true
	}
	return math.Nextafter(s.Impostor[n-1-allowed], math.Inf(1)), fmr*float64(n) >= 1-1e-9
}

// FNMRAt returns the false non-match rate at Threshold(fmr), the threshold,
// and whether fmr is resolvable on this impostor set.
func (s Scores) FNMRAt(fmr float64) (fnmr, thr float64, ok bool) {
	thr, ok = s.Threshold(fmr)
	_, fnmr = s.At(thr)
	return fnmr, thr, ok
}

// EER returns the equal error rate: where the false match and false
// non-match rates cross, as their mean at the threshold where they are
// closest (FVC's definition, interpolated between the two rates).
func (s Scores) EER() float64 {
	if len(s.Genuine) == 0 || len(s.Impostor) == 0 {
		return math.NaN()
	}
	best, gap := math.NaN(), math.Inf(1)
	try := func(thr float64) {
		fmr, fnmr := s.At(thr)
		if d := math.Abs(fmr - fnmr); d < gap {
			gap, best = d, (fmr+fnmr)/2
		}
	}
	for _, v := range s.Genuine {
		try(v)
		try(math.Nextafter(v, math.Inf(1)))
	}
	for _, v := range s.Impostor {
		try(v)
		try(math.Nextafter(v, math.Inf(1)))
	}
	return best
}

// Quantile returns the q-quantile (0..1) of sorted scores, NaN for none.
func Quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	i := int(math.Round(q * float64(len(sorted)-1)))
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// Set is the scores of one group (or of all groups) under each protocol.
type Set struct {
	Name     string
	FVC      Scores
	Extended Scores
	// Cross is set in the overall set only, when Options.Cross is.
	Cross Scores
}

// Report is the outcome of Run.
type Report struct {
	Groups  []Set // one per group, in the order of the templates
	Overall Set   // all groups pooled
	// Failed names the templates the matcher could not prepare; their
	// pairs are scored 0 (a failure to enrol counts as a non-match).
	Failed []error
	// Comparisons is the number of Compare calls made.
	Comparisons int
}

// Options tunes Run.
type Options struct {
	// Cross also compares every template with those of the other groups
	// (impostors beyond the FVC protocol; more pairs for low FMRs).
	Cross bool
	// FVCOnly compares only the pairs of the FVC protocol (a tenth of the
	// work); the Extended impostor sets are then empty.
	FVCOnly bool
	// Workers compare in parallel; 0 means GOMAXPROCS.
	Workers int
}

type pair struct {
	a, b int
	set  uint8 // bit 0: FVC genuine; 1: FVC impostor; 2: extended impostor (same group); 3: cross impostor
}

// Run prepares every template with m once and compares the pairs of the
// protocols. The genuine pair (j, k), j < k, compares impression j as the
// probe with impression k; an impostor pair compares the earlier template
// (in group, finger, impression order) with the later.
func Run(ctx context.Context, m fingerprint.Matcher, ts []Template, opt Options) (*Report, error) {
	if len(ts) == 0 {
		return nil, errors.New("fpeval: no templates")
	}
	ts = slices.Clone(ts)
	sortTemplates(ts)
	rep := &Report{}
	feats := make([]fingerprint.Features, len(ts))
	for i, t := range ts {
		f, err := m.Prepare(t.Format, t.Data)
		if err != nil {
			rep.Failed = append(rep.Failed, fmt.Errorf("fpeval: %s (%s finger %s impression %d): %w", t.Name, t.Group, t.Finger, t.Impression, err))
			continue
		}
		feats[i] = f
	}
	// The first impression of each finger (the lowest impression number).
	first := make([]bool, len(ts))
	for i := range ts {
		first[i] = i == 0 || ts[i].Group != ts[i-1].Group || ts[i].Finger != ts[i-1].Finger
	}
	var pairs []pair
	for i := range ts {
		for j := i + 1; j < len(ts); j++ {
			a, b := &ts[i], &ts[j]
			switch {
			case a.Group == b.Group && a.Finger == b.Finger:
				pairs = append(pairs, pair{i, j, 1})
			case a.Group == b.Group:
				var set uint8 = 4
				if first[i] && first[j] {
					set |= 2
				} else if opt.FVCOnly {
					continue
				}
				pairs = append(pairs, pair{i, j, set})
			case opt.Cross && !opt.FVCOnly:
				pairs = append(pairs, pair{i, j, 8})
			}
		}
	}
	scores := make([]float64, len(pairs))
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	const chunk = 256
	for range workers {
		wg.Go(func() {
			for ctx.Err() == nil {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(pairs) {
					return
				}
				for k := lo; k < min(lo+chunk, len(pairs)); k++ {
					p := pairs[k]
					if feats[p.a] != nil && feats[p.b] != nil {
						scores[k] = m.Compare(feats[p.a], feats[p.b])
					}
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rep.Comparisons = len(pairs)
	groupIdx := map[string]int{}
	for _, t := range ts {
		if _, ok := groupIdx[t.Group]; !ok {
			groupIdx[t.Group] = len(rep.Groups)
			rep.Groups = append(rep.Groups, Set{Name: t.Group})
		}
	}
	rep.Overall.Name = "overall"
	for k, p := range pairs {
		s := scores[k]
		o := &rep.Overall
		if p.set&8 != 0 {
			o.Cross.Impostor = append(o.Cross.Impostor, s)
			continue
		}
		g := &rep.Groups[groupIdx[ts[p.a].Group]]
		if p.set&1 != 0 {
			for _, x := range []*Set{g, o} {
				x.FVC.Genuine = append(x.FVC.Genuine, s)
				if !opt.FVCOnly {
					x.Extended.Genuine = append(x.Extended.Genuine, s)
				}
			}
			if opt.Cross {
				o.Cross.Genuine = append(o.Cross.Genuine, s)
			}
			continue
		}
		for _, x := range []*Set{g, o} {
			if p.set&2 != 0 {
				x.FVC.Impostor = append(x.FVC.Impostor, s)
			}
			if !opt.FVCOnly {
				x.Extended.Impostor = append(x.Extended.Impostor, s)
			}
		}
		if opt.Cross {
			o.Cross.Impostor = append(o.Cross.Impostor, s)
		}
	}
	for i := range rep.Groups {
		rep.Groups[i].FVC.sort()
		rep.Groups[i].Extended.sort()
	}
	rep.Overall.FVC.sort()
	rep.Overall.Extended.sort()
	rep.Overall.Cross.sort()
	return rep, nil
}

// Select returns the templates of the named groups (all when names is empty).
func Select(ts []Template, names ...string) []Template {
	if len(names) == 0 {
		return ts
	}
	var out []Template
	for _, t := range ts {
		if slices.Contains(names, t.Group) {
			out = append(out, t)
		}
	}
	return out
}
