package blob

import (
	"os"

	"golang.org/x/sys/unix"
)

// flushRange starts writing the range of f to disk; when wait is true it first waits for
// the range to be on disk and then drops it from the page cache. Streaming a large file
// this way keeps only a few megabytes dirty, so the disk writes while the copy goes on
// (instead of everything at the final fsync) and an import of many gigabytes does not
// push the office PC's programs out of memory. Errors are ignored: fsync at Commit is
// what guarantees durability.
func flushRange(f *os.File, off, n int64, wait bool) {
	fd := int(f.Fd())
	if !wait {
		unix.SyncFileRange(fd, off, n, unix.SYNC_FILE_RANGE_WRITE)
		return
	}
	unix.SyncFileRange(fd, off, n, unix.SYNC_FILE_RANGE_WAIT_BEFORE|unix.SYNC_FILE_RANGE_WRITE|unix.SYNC_FILE_RANGE_WAIT_AFTER)
	unix.Fadvise(fd, off, n, unix.FADV_DONTNEED)
}
