//go:build !windows

package media

import (
	"os"
	"runtime"
)

// RemovableDrives lists folders that may be a connected camera or card: on Linux the
// mount points under /media/*/*, /media/*, /run/media/*/* and /mnt/* (only real mount
// points, per /proc/mounts, when it can be read); on macOS the volumes under /Volumes.
// The list is a suggestion for the import screen; the user can always pick any folder.
func RemovableDrives() []Drive {
	if runtime.GOOS == "darwin" {
		return unixDrives([]string{"/Volumes/*"}, nil)
	}
	globs := []string{"/media/*/*", "/media/*", "/run/media/*/*", "/mnt/*"}
	var mounts map[string]mount
	if f, err := os.Open("/proc/mounts"); err == nil {
		mounts = parseMounts(f)
		f.Close()
	}
	return unixDrives(globs, mounts)
}

// hiddenAttr reports a Windows hidden/system attribute; other systems only use dot names.
func hiddenAttr(string) bool { return false }
