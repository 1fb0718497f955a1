package raqib

import (
	"runtime/debug"
	"sync"
)

const modulePath = "github.com/raqib/raqib"

// LibraryVersion returns the version of the Raqib module built into the
// running program: its module version, or for a development build of Raqib
// itself "(devel)" with the VCS revision when the build recorded one.
var LibraryVersion = sync.OnceValue(func() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return modulePath + "@unknown"
	}
	if bi.Main.Path != modulePath {
		for _, d := range bi.Deps {
			if d.Path == modulePath {
				if d.Replace != nil {
					return modulePath + "@" + d.Version + " (replaced)"
				}
				return modulePath + "@" + d.Version
			}
		}
		return modulePath + "@unknown"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" {
		v += " " + rev + dirty
	}
	return modulePath + "@" + v
})
