package fingerprint

import (
	"fmt"
	"strconv"
	"strings"
)

// SetTuning changes the matcher's tuning for an experiment, from
// "name=value,..." pairs; it returns a function restoring the old tuning.
// Features prepared before are not to be compared after.
func SetTuning(kv string) (restore func(), err error) {
	old := tuning
	restore = func() { setTuning(old) }
	defer func() { setTuning(tuning) }()
	fields := map[string]any{"zBeta": &tuning.zBeta, "zRef": &tuning.zRef, "nearD": &tuning.nearD, "nearR": &tuning.nearR,
		"neighbours": &tuning.neighbours, "minEdge": &tuning.minEdge, "maxEdge": &tuning.maxEdge,
		"edgeTol": &tuning.edgeTol, "edgeTolRel": &tuning.edgeTolRel, "betaTol": &tuning.betaTol,
		"seeds": &tuning.seeds, "minSupport": &tuning.minSupport, "refits": &tuning.refits, "r0": &tuning.r0, "rk": &tuning.rk, "rMax": &tuning.rMax,
		"a0": &tuning.a0, "ak": &tuning.ak, "typeDiff": &tuning.typeDiff, "minCount": &tuning.minCount,
		"priorCount": &tuning.priorCount, "priorRate": &tuning.priorRate,
		"margin": &tuning.margin, "minOverlapShare": &tuning.minOverlapShare,
		"outW": &tuning.outW, "mccW": &tuning.mccW, "mccRef": &tuning.mccRef, "mccR": &tuning.mccR,
		"mccSigS": &tuning.mccSigS, "mccSigD": &tuning.mccSigD, "mccMu": &tuning.mccMu,
		"mccMinValid": &tuning.mccMinValid, "mccOnly": &tuning.mccOnly, "mccOneSided": &tuning.mccOneSided, "fullM": &tuning.fullM, "areaMix": &tuning.areaMix, "mccMode": &tuning.mccMode, "mccBase": &tuning.mccBase, "mccVoted": &tuning.mccVoted, "mccMinShared": &tuning.mccMinShared, "voteBase": &tuning.voteBase, "voteFull": &tuning.voteFull,
	}
	for _, p := range strings.Split(kv, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		k, v, _ := strings.Cut(p, "=")
		switch f := fields[k].(type) {
		case *int:
			n, err := strconv.Atoi(v)
			if err != nil {
				return restore, fmt.Errorf("tuning %s: %w", k, err)
			}
			*f = n
		case *float64:
			x, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return restore, fmt.Errorf("tuning %s: %w", k, err)
			}
			*f = x
		case *float32:
			x, err := strconv.ParseFloat(v, 32)
			if err != nil {
				return restore, fmt.Errorf("tuning %s: %w", k, err)
			}
			*f = float32(x)
		default:
			return restore, fmt.Errorf("tuning: unknown parameter %q", k)
		}
	}
	if tuning.betaTol < 0 || tuning.betaTol > 100 {
		return restore, fmt.Errorf("tuning betaTol %d: outside 0..100 (a probe edge's cells would wrap around)", tuning.betaTol)
	}
	return restore, nil
}

// Explain returns, for the best pair of views of p and c, the minutiae
// counts, the best alignment's pairs, weight, overlap counts and chance scores.
func Explain(p, c Features) (np, nc, n int, w float32, inP, inC int, zp, zc float32, raw float64) {
	pf, cf := p.(*minutiaeFeatures), c.(*minutiaeFeatures)
	s := new(scratch)
	pv, cv := &pf.views[0], &cf.views[0]
	tried, order := s.align(pv, cv)
	best := 0.0
	for _, k := range order {
		sd := &tried[k]
		if sc := s.score(pv, cv, sd); sc > best {
			best = sc
			n, w, inP = sd.n, sd.w, sd.inP
			t := sd.t
			sn, cs := -t.sn, t.cs
			inC = 0
			for j := range cv.x {
				x, y := cv.x[j]-float32(t.tx), cv.y[j]-float32(t.ty)
				if pv.inFoot(cs*x-sn*y, sn*x+cs*y) {
					inC++
				}
			}
		}
	}
	return len(pv.x), len(cv.x), n, w, inP, inC, pv.z, cv.z, s.rawCompare(pv, cv)
}

// ScoreWith returns the score of p against c under the best alignment of
// the pair (fp, fc), and that of the matcher's own best alignment.
func ScoreWith(fp, fc, p, c Features) (n int, sc float64, n0 int, sc0 float64) {
	s := new(scratch)
	pv, cv := &fp.(*minutiaeFeatures).views[0], &fc.(*minutiaeFeatures).views[0]
	tried, order := s.align(pv, cv)
	var bt transform
	best := 0.0
	for _, k := range order {
		if sc := s.score(pv, cv, &tried[k]); sc > best {
			best, bt = sc, tried[k].t
		}
	}
	qv, dv := &p.(*minutiaeFeatures).views[0], &c.(*minutiaeFeatures).views[0]
	tried, order = s.align(qv, dv) // for the votes
	for _, k := range order {
		if sc := s.score(qv, dv, &tried[k]); sc > sc0 {
			sc0, n0 = sc, tried[k].n
		}
	}
	m, w, inP := s.pairUp(qv, dv, bt)
	sd := seed{t: bt, w: w, inP: inP, n: m}
	return m, s.score(qv, dv, &sd), n0, sc0
}
