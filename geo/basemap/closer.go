package basemap

import "sync"

// closer lets a source be closed while a render or an export is still
// drawing or holding it (the planner removed it meanwhile): its files and
// memory are released when the last draw or hold ends, and draws that
// come after that draw nothing.
type closer struct {
	mu      sync.Mutex
	busy    int
	closing bool
	closed  bool
	release func() error
}

// enter starts a draw; false when the source's files are released (a
// source closed while held can still be drawn until the hold ends).
func (c *closer) enter() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
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

// hold keeps the source open for a draw to come (an export's later
// pages), until the returned release; nil when it is closed already.
func (c *closer) hold() func() {
	if !c.enter() {
		return nil
	}
	var once sync.Once
	return func() { once.Do(c.leave) }
}

// Hold keeps a source open until the returned function is called, even
// if it is closed meanwhile: an export that took it in its snapshot draws
// it on every page. Sources without files to release return a no-op.
func Hold(s Source) (release func()) {
	type holder interface{ hold() func() }
	if h, ok := s.(holder); ok {
		if r := h.hold(); r != nil {
			return r
		}
	}
	if st, ok := s.(*Stack); ok {
		var rs []func()
		for _, l := range st.Layers {
			rs = append(rs, Hold(l))
		}
		return func() {
			for _, r := range rs {
				r()
			}
		}
	}
	return func() {}
}
