//go:build race

package monitor

// raceEnabled: the race detector slows indexing about tenfold, so the
// tests on real lists follow one update of the UN list, not two.
const raceEnabled = true
