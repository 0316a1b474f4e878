//go:build !linux

package blob

import "os"

// flushRange is a Linux optimisation (sync_file_range); elsewhere the final fsync does it all.
func flushRange(f *os.File, off, n int64, wait bool) {}
