//go:build cgo

package mingwcompat

// The definitions are in mingwcompat_windows.c; importing "C" makes cgo compile and link it.

import "C"
