package render

import (
	"container/list"
	"sync"

	"github.com/paulmach/orb"
	"github.com/tdewolff/canvas"
)

// DefaultCacheBytes is the memory bound of a cache made with NewCache(0).
const DefaultCacheBytes = 256 << 20

// Cache holds what drawing prepares and may reuse: a plan's projected
// features and label points, an overlay's projected, ranked and indexed
// geometry and its wrapped features, shaped label text and rasterised
// label masks. Its owner (the map view; an export or a command-line run
// uses its own) keeps it as long as the work is worth keeping, releases
// what belongs to a closed overlay or plan, and bounds it: past its
// memory bound the least recently used entries are dropped, and are
// made again when a later draw needs them.
//
// A Cache is safe for use by several draws at once. Sizes are estimates
// of the heap an entry holds when it is made (vertices, pixels, path
// segments), not measured.
type Cache struct {
	mu    sync.Mutex
	max   int64
	used  int64
	lru   list.List // of *cacheEntry, most recently used at the front
	items map[any]*list.Element
	// closed holds owners released since they were last prepared: a draw
	// still running on an old snapshot does not bring them back.
	closed map[any]bool
	// scratch holds per-band count buffers for dense dots (*[]uint16).
	scratch sync.Pool
	font    fonts
}

type cacheEntry struct {
	key   any
	val   any
	size  int64
	owner any // what Release drops it with: an overlay id, a *plan.Plan, or nil
}

// NewCache returns an empty cache bounded to about maxBytes of heap
// (DefaultCacheBytes when maxBytes ≤ 0).
func NewCache(maxBytes int64) *Cache {
	if maxBytes <= 0 {
		maxBytes = DefaultCacheBytes
	}
	return &Cache{max: maxBytes, items: map[any]*list.Element{}, closed: map[any]bool{}}
}

// get returns the value under key and marks it recently used.
func (c *Cache) get(key any) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[key]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(e)
	return e.Value.(*cacheEntry).val, true
}

// add stores val under key unless a value is there already, and returns
// the value kept (so that two draws making the same thing share one).
// Entries past the bound are dropped, oldest first; the one just added
// stays even if it alone is over the bound.
func (c *Cache) add(key, val any, size int64, owner any) any {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.lru.MoveToFront(e)
		return e.Value.(*cacheEntry).val
	}
	if owner != nil && c.closed[owner] {
		return val // used by the draw that made it, not kept
	}
	c.items[key] = c.lru.PushFront(&cacheEntry{key: key, val: val, size: size, owner: owner})
	c.used += size
	for c.used > c.max && c.lru.Len() > 1 {
		c.remove(c.lru.Back())
	}
	return val
}

// replace stores val under key, dropping what was there.
func (c *Cache) replace(key, val any, size int64, owner any) {
	c.mu.Lock()
	if e, ok := c.items[key]; ok {
		c.remove(e)
	}
	c.mu.Unlock()
	c.add(key, val, size, owner)
}

func (c *Cache) remove(e *list.Element) {
	ce := c.lru.Remove(e).(*cacheEntry)
	delete(c.items, ce.key)
	c.used -= ce.size
}

// Release drops everything that belongs to owner: an overlay's id (its
// geometry and wrapped features) or a *plan.Plan (its prepared features).
// A draw still running keeps what it holds but adds nothing more for that
// owner, until the owner is prepared again (PrepareOverlay, Prewarm).
func (c *Cache) Release(owner any) {
	if owner == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed[owner] = true
	for e := c.lru.Front(); e != nil; {
		next := e.Next()
		if e.Value.(*cacheEntry).owner == owner {
			c.remove(e)
		}
		e = next
	}
}

// reopen lets owner's entries be kept again after a Release.
func (c *Cache) reopen(owner any) {
	c.mu.Lock()
	delete(c.closed, owner)
	c.mu.Unlock()
}

// Bytes returns the estimated size of what the cache holds, and its bound.
func (c *Cache) Bytes() (used, max int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used, c.max
}

// Len returns the number of entries held.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}

// holds reports whether anything owned by owner is held (for tests).
func (c *Cache) holds(owner any) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for e := c.lru.Front(); e != nil; e = e.Next() {
		if e.Value.(*cacheEntry).owner == owner {
			return true
		}
	}
	return false
}

// Cache keys, one type per kind of entry.
type (
	planKey        struct{ p any }     // *plan.Plan → *preparedPlan
	overlayGeomKey struct{ id string } // overlay id → *overlayGeom
	overlayKeyID   struct{ id string } // overlay id → *preparedOverlay
)

// geomBytes estimates the heap a geometry's coordinates take.
func geomBytes(g orb.Geometry) int64 {
	n := int64(0)
	switch g := g.(type) {
	case orb.Point:
		n = 1
	case orb.MultiPoint:
		n = int64(len(g))
	case orb.LineString:
		n = int64(len(g))
	case orb.Ring:
		n = int64(len(g))
	case orb.MultiLineString:
		for _, l := range g {
			n += int64(len(l)) + 2
		}
	case orb.Polygon:
		for _, r := range g {
			n += int64(len(r)) + 2
		}
	case orb.MultiPolygon:
		for _, p := range g {
			for _, r := range p {
				n += int64(len(r)) + 2
			}
		}
	case orb.Collection:
		for _, x := range g {
			n += geomBytes(x) / 16
		}
	}
	return 16*n + 32
}

// pathBytes estimates the heap a path takes.
func pathBytes(p *canvas.Path) int64 {
	if p == nil {
		return 0
	}
	return int64(len(p.Data()))*8 + 48
}
