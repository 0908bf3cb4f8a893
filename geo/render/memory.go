package render

import (
	"os"
	"runtime/debug"
)

// SoftMemoryLimit is the heap size past which Go's collector works harder
// (a soft limit: a larger live heap is still allowed). Opening a 200 MB
// file leaves ~670 MB live and its first frame makes ~430 MB of garbage;
// with the default pacing the process then peaks near 1.2–1.8 GB, with
// this limit near 1.2–1.3 GB.
const SoftMemoryLimit = 1280 << 20

// LimitMemory sets SoftMemoryLimit for the process, unless GOMEMLIMIT
// says otherwise. The app calls it once at start.
func LimitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(SoftMemoryLimit)
	}
}
