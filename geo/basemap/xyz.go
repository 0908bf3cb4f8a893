package basemap

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// UserAgent identifies Plan Atlas to tile servers, as OpenStreetMap's tile
// usage policy asks.
const UserAgent = "PlanAtlas/1.0 (desktop planning map viewer; +https://github.com/planatlas/planatlas)"

// XYZ is an online tile store: a URL template with {z}, {x}, {y} (or {-y}
// for TMS rows) and an optional {s} for the server's subdomains. Tiles go
// through a disk cache; after a network failure it answers from the cache
// alone for a while instead of asking again for every tile.
type XYZ struct {
	id         string
	template   string
	subdomains []string
	secrets    []string       // hidden from every error message (a key)
	matrix     map[int]string // WMTS: a zoom's tile matrix identifier, for {m}
	cache      *DiskCache
	client     *http.Client

	mu           sync.Mutex
	offlineUntil time.Time
	next         int
}

// NewXYZ returns an online store. id names its folder in the cache;
// secrets (an API key in the template) never appear in an error.
func NewXYZ(id, template string, subdomains []string, cache *DiskCache, secrets ...string) *XYZ {
	return &XYZ{id: id, template: template, subdomains: subdomains, cache: cache,
		secrets: secrets, client: &http.Client{Timeout: 20 * time.Second}}
}

// ID is the store's cache folder name.
func (x *XYZ) ID() string { return x.id }

func (x *XYZ) key(k TileKey) string {
	return x.id + "/" + strconv.Itoa(k.Z) + "/" + strconv.Itoa(k.X) + "/" + strconv.Itoa(k.Y)
}

// URL is tile k's address.
func (x *XYZ) URL(k TileKey) string {
	r := strings.NewReplacer("{z}", strconv.Itoa(k.Z), "{x}", strconv.Itoa(k.X), "{y}", strconv.Itoa(k.Y),
		"{-y}", strconv.Itoa((1<<k.Z)-1-k.Y))
	u := r.Replace(x.template)
	if x.matrix != nil {
		u = strings.ReplaceAll(u, "{m}", x.matrix[k.Z])
	}
	if len(x.subdomains) > 0 {
		x.mu.Lock()
		s := x.subdomains[x.next%len(x.subdomains)]
		x.next++
		x.mu.Unlock()
		u = strings.ReplaceAll(u, "{s}", s)
	}
	return u
}

// Cached returns tile k from the disk cache only.
func (x *XYZ) Cached(k TileKey) ([]byte, bool) {
	if x.cache == nil {
		return nil, false
	}
	return x.cache.Get(x.key(k))
}

// Tile returns tile k from the cache, or fetches and caches it.
func (x *XYZ) Tile(ctx context.Context, k TileKey) ([]byte, error) {
	if b, ok := x.Cached(k); ok {
		return b, nil
	}
	x.mu.Lock()
	off := time.Now().Before(x.offlineUntil)
	x.mu.Unlock()
	if off {
		return nil, ErrOffline
	}
	b, err := x.fetch(ctx, k)
	if err != nil {
		return nil, err
	}
	if x.cache != nil {
		x.cache.Put(x.key(k), b)
	}
	return b, nil
}

func (x *XYZ) fetch(ctx context.Context, k TileKey) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, x.URL(k), nil)
	if err != nil {
		return nil, x.redact(err)
	}
	req.Header.Set("User-Agent", UserAgent)
	resp, err := x.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		x.mu.Lock()
		x.offlineUntil = time.Now().Add(30 * time.Second)
		x.mu.Unlock()
		return nil, fmt.Errorf("%w (%v)", ErrOffline, x.redact(err))
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusNoContent:
		return nil, ErrNoTile
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return nil, fault(ProblemKey, "basemap: the server refused the tile (HTTP %d): check the key", resp.StatusCode)
	case resp.StatusCode != http.StatusOK:
		return nil, fault(ProblemServer, "basemap: the server answered HTTP %d", resp.StatusCode)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return nil, x.redact(err)
	}
	if ct := resp.Header.Get("Content-Type"); strings.HasPrefix(ct, "text/") || strings.Contains(ct, "xml") || strings.Contains(ct, "json") {
		// Some servers answer a bad key with a page, not an error status.
		return nil, fault(ProblemKey, "basemap: the server sent %s instead of a tile: check the key or the address", strings.SplitN(ct, ";", 2)[0])
	}
	return b, nil
}

// redact hides the store's secrets in an error's text.
func (x *XYZ) redact(err error) error {
	s := err.Error()
	for _, sec := range x.secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, "***")
			s = strings.ReplaceAll(s, url.QueryEscape(sec), "***")
		}
	}
	return errors.New(s)
}

// Close does nothing: the cache stays for the next run.
func (x *XYZ) Close() error { return nil }
