package recording

import "time"

// SetSettleTimeout shortens the watch of growing files for a test and returns the undo.
func SetSettleTimeout(d time.Duration) func() {
	old := settleTimeout
	settleTimeout = d
	return func() { settleTimeout = old }
}
