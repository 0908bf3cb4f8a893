package basemap

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// DefaultDiskCache is the tile cache's default bound: 1 GB.
const DefaultDiskCache = 1 << 30

// DiskCache keeps fetched tiles on disk within a byte bound, evicting the
// least recently used; the cached tiles draw with no network. Keys are
// slash-separated relative paths ("osm/12/3245/1670").
type DiskCache struct {
	dir string
	max int64

	mu      sync.Mutex
	loaded  bool
	used    int64
	entries map[string]*diskEntry
}

type diskEntry struct {
	size int64
	used time.Time
}

// NewDiskCache returns a cache in dir bounded to max bytes (0: the default).
func NewDiskCache(dir string, max int64) *DiskCache {
	if max <= 0 {
		max = DefaultDiskCache
	}
	return &DiskCache{dir: dir, max: max, entries: map[string]*diskEntry{}}
}

// Dir is where the cache keeps its files.
func (c *DiskCache) Dir() string { return c.dir }

// load indexes what earlier runs left, once.
func (c *DiskCache) load() {
	if c.loaded {
		return
	}
	c.loaded = true
	filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) == ".tmp" {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(c.dir, p)
		c.entries[filepath.ToSlash(rel)] = &diskEntry{info.Size(), info.ModTime()}
		c.used += info.Size()
		return nil
	})
	c.evict()
}

// Get returns a cached tile and marks it used.
func (c *DiskCache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	c.load()
	e, ok := c.entries[key]
	if ok {
		e.used = time.Now()
	}
	c.mu.Unlock()
	if !ok {
		return nil, false
	}
	p := filepath.Join(c.dir, filepath.FromSlash(key))
	b, err := os.ReadFile(p)
	if err != nil {
		c.mu.Lock()
		if e, ok := c.entries[key]; ok {
			c.used -= e.size
			delete(c.entries, key)
		}
		c.mu.Unlock()
		return nil, false
	}
	now := time.Now()
	os.Chtimes(p, now, now) // the next run knows it was used
	return b, true
}

// Put stores a tile (atomically: a reader never sees half a file).
func (c *DiskCache) Put(key string, b []byte) error {
	p := filepath.Join(c.dir, filepath.FromSlash(key))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".*.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(b)
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		if werr != nil {
			return werr
		}
		return cerr
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.load()
	if e, ok := c.entries[key]; ok {
		c.used -= e.size
	}
	c.entries[key] = &diskEntry{int64(len(b)), time.Now()}
	c.used += int64(len(b))
	c.evict()
	return nil
}

// evict removes the least recently used tiles until the cache is within
// 90 % of its bound (called with mu held).
func (c *DiskCache) evict() {
	if c.used <= c.max {
		return
	}
	keys := make([]string, 0, len(c.entries))
	for k := range c.entries {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return c.entries[keys[i]].used.Before(c.entries[keys[j]].used) })
	for _, k := range keys {
		if c.used <= c.max*9/10 {
			break
		}
		os.Remove(filepath.Join(c.dir, filepath.FromSlash(k)))
		c.used -= c.entries[k].size
		delete(c.entries, k)
	}
}

// Bytes reports what the cache holds and its bound.
func (c *DiskCache) Bytes() (used, max int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.load()
	return c.used, c.max
}

// Clear removes every cached tile.
func (c *DiskCache) Clear() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = map[string]*diskEntry{}
	c.used = 0
	c.loaded = true
	return os.RemoveAll(c.dir)
}
