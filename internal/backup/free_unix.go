//go:build !windows

package backup

import "golang.org/x/sys/unix"

// freeSpace is the number of bytes an unprivileged user may still write on dir's disk.
func freeSpace(dir string) (int64, error) {
	var s unix.Statfs_t
	if err := unix.Statfs(dir, &s); err != nil {
		return -1, err
	}
	return int64(s.Bavail) * int64(s.Bsize), nil
}
