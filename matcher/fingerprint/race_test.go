//go:build race

package fingerprint_test

// raceEnabled: the race detector slows the matcher about tenfold, so the
// accuracy tests compare fewer synthetic fingers under it.
const raceEnabled = true
