package basemap

import "sync"

// closer lets a source be closed while a render or an export is still
// drawing it (the planner removed it meanwhile): its files and memory are
// released when the last draw leaves, and draws that come later draw
// nothing.
type closer struct {
	mu      sync.Mutex
	busy    int
	closing bool
	closed  bool
	release func() error
}

// enter starts a draw; false when the source is closed.
func (c *closer) enter() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closing {
		return false
	}
	c.busy++
	return true
}

// leave ends a draw, releasing the source if it was closed meanwhile.
func (c *closer) leave() {
	c.mu.Lock()
	c.busy--
	release := c.closing && c.busy == 0 && !c.closed
	if release {
		c.closed = true
	}
	c.mu.Unlock()
	if release && c.release != nil {
		c.release()
	}
}

// close releases the source now, or when the draws running end.
func (c *closer) close() error {
	c.mu.Lock()
	c.closing = true
	release := c.busy == 0 && !c.closed
	if release {
		c.closed = true
	}
	c.mu.Unlock()
	if release && c.release != nil {
		return c.release()
	}
	return nil
}
