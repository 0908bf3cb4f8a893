package guard

import "sync"

// Group runs goroutines that work on one task (the bands of an image, the
// workers of a reader) and keeps the first panic among them, so that the
// goroutine waiting for them can report it, or raise it again where a
// Recover at the task's entry turns it into an error. The zero Group is
// ready to use; a Group must not be copied after first use.
type Group struct {
	wg  sync.WaitGroup
	mu  sync.Mutex
	err error
}

// Go runs fn on a new goroutine of the group.
func (g *Group) Go(fn func()) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := Run(fn); err != nil {
			g.mu.Lock()
			if g.err == nil {
				g.err = err
			}
			g.mu.Unlock()
		}
	}()
}

// Wait waits for every goroutine of the group and returns the first
// panic among them as a *PanicError, or nil.
func (g *Group) Wait() error {
	g.wg.Wait()
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.err
}

// Raise waits for the group and, if one of its goroutines panicked, panics
// again with that *PanicError on the calling goroutine, where the task's
// entry point recovers it (see Recover).
func (g *Group) Raise() {
	if err := g.Wait(); err != nil {
		panic(err)
	}
}
