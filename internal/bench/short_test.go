package bench_test

import "testing"

// countyScale skips a test that builds whole offices (the demo, generated counties, child
// processes) under -short: packaging/dev.sh test runs them in its full pass and repeats only
// the rest under the race detector, where each such office takes minutes.
func countyScale(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds whole offices: run without -short")
	}
}
