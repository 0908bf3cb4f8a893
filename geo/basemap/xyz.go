package basemap

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
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
	offlineHost  string // the server that could not be reached
	next         int
}

// TileTimeout is the longest one tile may take to arrive, from asking to
// its last byte: a server that stalls or trickles a byte at a time counts
// as failed for that tile.
const TileTimeout = 10 * time.Second

// MaxTileBytes is the most an answer may hold for one tile (after any
// gzip the transport undoes): web tiles are tens of kilobytes.
const MaxTileBytes = 8 << 20

// maxRedirects is how many redirects a tile request follows, on its host.
const maxRedirects = 5

// NewXYZ returns an online store. id names its folder in the cache;
// secrets (an API key in the template) never appear in an error.
func NewXYZ(id, template string, subdomains []string, cache *DiskCache, secrets ...string) *XYZ {
	x := &XYZ{id: id, template: template, subdomains: subdomains, cache: cache, secrets: secrets}
	x.client = &http.Client{Timeout: TileTimeout, CheckRedirect: x.checkRedirect}
	return x
}

// checkRedirect follows a few redirects on the same host: a loop ends,
// and a tile request (which may carry the planner's key) is not sent on
// to another site.
func (x *XYZ) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > maxRedirects {
		return &Error{Problem: ProblemServer,
			Detail: fmt.Sprintf("%s redirects tile requests more than %d times (a loop?)", via[0].URL.Host, maxRedirects),
			Zh:     fmt.Sprintf("%s 把瓦片请求转了 %d 次以上（循环转向？）", via[0].URL.Host, maxRedirects)}
	}
	if req.URL.Host != via[0].URL.Host {
		return &Error{Problem: ProblemServer,
			Detail: fmt.Sprintf("%s sends tile requests on to another site (%s), which was not followed", via[0].URL.Host, req.URL.Host),
			Zh:     fmt.Sprintf("%s 把瓦片请求转到了另一个网站（%s），未跟随", via[0].URL.Host, req.URL.Host)}
	}
	return nil
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
	off, host := time.Now().Before(x.offlineUntil), x.offlineHost
	x.mu.Unlock()
	if off {
		return nil, &offlineError{host: host}
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
	host := req.URL.Host
	req.Header.Set("User-Agent", UserAgent)
	resp, err := x.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var own *Error
		var ne net.Error
		switch {
		case errors.As(err, &own):
			return nil, own // a redirect refused
		case errors.As(err, &ne) && ne.Timeout():
			return nil, slow(host)
		}
		x.mu.Lock()
		x.offlineUntil, x.offlineHost = time.Now().Add(30*time.Second), host
		x.mu.Unlock()
		return nil, &offlineError{host: host}
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusNoContent:
		return nil, ErrNoTile
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return nil, &Error{Problem: ProblemKey,
			Detail: fmt.Sprintf("%s refused the tile (HTTP %d)", host, resp.StatusCode),
			Zh:     fmt.Sprintf("%s 拒绝了瓦片请求（HTTP %d）", host, resp.StatusCode)}
	case resp.StatusCode != http.StatusOK:
		return nil, &Error{Problem: ProblemServer,
			Detail: fmt.Sprintf("%s answered HTTP %d", host, resp.StatusCode),
			Zh:     fmt.Sprintf("%s 返回了错误 HTTP %d", host, resp.StatusCode)}
	}
	if ct := resp.Header.Get("Content-Type"); strings.HasPrefix(ct, "text/") || strings.Contains(ct, "xml") || strings.Contains(ct, "json") {
		// Some servers answer a bad key with a page, not an error status.
		ct = strings.TrimSpace(strings.SplitN(ct, ";", 2)[0])
		return nil, &Error{Problem: ProblemKey,
			Detail: fmt.Sprintf("%s sent a web page (%s) instead of a tile", host, ct),
			Zh:     fmt.Sprintf("%s 返回的是网页（%s）而不是瓦片", host, ct)}
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, MaxTileBytes+1))
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, ctx.Err()
	case err != nil:
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return nil, slow(host)
		}
		return nil, &Error{Problem: ProblemServer,
			Detail: fmt.Sprintf("%s broke off while sending a tile", host),
			Zh:     fmt.Sprintf("%s 发送瓦片时中断", host)}
	case len(b) > MaxTileBytes:
		return nil, &Error{Problem: ProblemServer,
			Detail: fmt.Sprintf("%s sent more than %d MB for one tile", host, MaxTileBytes>>20),
			Zh:     fmt.Sprintf("%s 为一块瓦片发送了超过 %d MB 的数据", host, MaxTileBytes>>20)}
	}
	return b, nil
}

// slow is the failure of a tile that did not arrive within TileTimeout.
func slow(host string) error {
	s := int(TileTimeout / time.Second)
	return &Error{Problem: ProblemSlow,
		Detail: fmt.Sprintf("%s sent no tile within %d s", host, s),
		Zh:     fmt.Sprintf("%s 在 %d 秒内没有送来瓦片", host, s)}
}

// offlineError is ErrOffline naming the server that could not be reached.
type offlineError struct{ host string }

func (e *offlineError) Error() string {
	return "basemap: " + e.host + " cannot be reached and the tile is not cached"
}

// Is makes an offlineError ErrOffline.
func (e *offlineError) Is(target error) bool { return target == ErrOffline }

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
