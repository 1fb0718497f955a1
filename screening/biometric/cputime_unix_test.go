//go:build unix

package biometric

import "syscall"

// cpuNanos returns the process's user+system CPU time, which a benchmark on
// a shared machine can report beside wall time.
func cpuNanos() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
