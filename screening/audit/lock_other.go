//go:build !unix

package audit

import "os"

// lockFile does nothing where flock is not available: there, keep to one
// process per log by other means.
func lockFile(*os.File) error { return nil }
