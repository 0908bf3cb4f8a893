package basemap

import (
	"container/list"
	"image"
	"sync"
)

// memCache holds decoded tiles within a byte bound, least recently used
// first out. It belongs to one source.
type memCache struct {
	mu   sync.Mutex
	max  int64
	used int64
	ll   *list.List
	m    map[TileKey]*list.Element
}

type memEntry struct {
	k    TileKey
	img  *image.RGBA
	size int64
}

func newMemCache(max int64) *memCache {
	return &memCache{max: max, ll: list.New(), m: map[TileKey]*list.Element{}}
}

func (c *memCache) get(k TileKey) (*image.RGBA, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[k]
	if !ok {
		return nil, false
	}
	c.ll.MoveToFront(e)
	return e.Value.(*memEntry).img, true
}

func (c *memCache) put(k TileKey, img *image.RGBA) {
	size := imageBytes(img)
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[k]; ok {
		c.used -= e.Value.(*memEntry).size
		c.ll.Remove(e)
	}
	c.m[k] = c.ll.PushFront(&memEntry{k, img, size})
	c.used += size
	for c.used > c.max && c.ll.Len() > 1 {
		e := c.ll.Back()
		me := e.Value.(*memEntry)
		c.ll.Remove(e)
		delete(c.m, me.k)
		c.used -= me.size
	}
}

// bytes reports what the cache holds and its bound.
func (c *memCache) bytes() (used, max int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used, c.max
}

func imageBytes(img image.Image) int64 {
	switch m := img.(type) {
	case *image.RGBA:
		return int64(len(m.Pix)) + 64
	case *image.NRGBA:
		return int64(len(m.Pix)) + 64
	case *image.YCbCr:
		return int64(len(m.Y)+len(m.Cb)+len(m.Cr)) + 96
	case *image.Gray:
		return int64(len(m.Pix)) + 64
	}
	b := img.Bounds()
	return int64(b.Dx()*b.Dy()*4) + 64
}
