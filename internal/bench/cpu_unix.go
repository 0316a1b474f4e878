//go:build unix

package bench

import "syscall"

// cpuSeconds is the processor time this process has used so far (user and system), which,
// unlike the wall clock, does not grow when other programs share the processor.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
