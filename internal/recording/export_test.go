package recording

import "time"

// SetSettleTimeout shortens the watch of growing files for a test and returns the undo.
func SetSettleTimeout(d time.Duration) func() {
	old := settleTimeout
	settleTimeout = d
	return func() { settleTimeout = old }
}

// SetBatchBytes makes the import commit after fewer bytes, for a test; it returns the undo.
func SetBatchBytes(n int64) func() {
	old := batchBytes
	batchBytes = n
	return func() { batchBytes = old }
}
