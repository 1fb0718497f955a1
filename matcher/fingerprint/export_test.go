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
		"outW": &tuning.outW, "pairBeta": &tuning.pairBeta, "pairGate": &tuning.pairGate, "voteBase": &tuning.voteBase, "voteFull": &tuning.voteFull,
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
