package render

import (
	"sync/atomic"

	"github.com/planatlas/planatlas/geo/guard"
)

// onCores calls fn(i) for every i in [0, n) on up to workers goroutines,
// each taking the next index when it finishes one (so a few costly items
// do not leave a core idle), and returns when all are done.
func onCores(n, workers int, fn func(i int)) {
	var next atomic.Int64
	var g guard.Group
	for range min(workers, n) {
		g.Go(func() {
			for k := int(next.Add(1)) - 1; k < n; k = int(next.Add(1)) - 1 {
				fn(k)
			}
		})
	}
	g.Raise() // a fault on a worker is raised here, for the entry point to report
}
