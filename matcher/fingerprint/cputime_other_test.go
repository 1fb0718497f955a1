//go:build !unix

package fingerprint_test

func cpuNanos() int64 { return 0 }
