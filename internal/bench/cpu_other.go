//go:build !unix

package bench

// cpuSeconds is unknown here; the tables then show the wall clock only.
func cpuSeconds() float64 { return 0 }
