//go:build !unix

package biometric

func cpuNanos() int64 { return 0 }
