package render

import (
	"sync"
	"sync/atomic"
)

// onCores calls fn(i) for every i in [0, n) on up to workers goroutines,
// each taking the next index when it finishes one (so a few costly items
// do not leave a core idle), and returns when all are done.
func onCores(n, workers int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := int(next.Add(1)) - 1; k < n; k = int(next.Add(1)) - 1 {
				fn(k)
			}
		}()
	}
	wg.Wait()
}
