package basemap

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // tile formats
	_ "image/png"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/paulmach/orb"
	_ "golang.org/x/image/webp" // WebP tiles (MBTiles, custom servers)

	"github.com/planatlas/planatlas/geo/guard"
	"github.com/planatlas/planatlas/geo/proj"
)

// TileStore gives the encoded image (PNG, JPEG or WebP) of a tile.
type TileStore interface {
	// Tile returns tile k's bytes, ErrNoTile when the store has none there.
	Tile(ctx context.Context, k TileKey) ([]byte, error)
	Close() error
}

// cachedStore is a store that can answer from its own cache at once
// (an online store's disk cache), without going online.
type cachedStore interface {
	Cached(k TileKey) ([]byte, bool)
}

// maxViewTiles bounds the tiles one draw asks for (a view zoomed far out
// of a package whose shallowest level is deep draws nothing, not 10⁵ tiles).
const maxViewTiles = 4096

// Tiles draws a tiled source: it chooses the zoom for the view, decodes
// tiles (on several goroutines, off the caller's when online), holds them
// decoded within a memory bound and resamples them to the view's pixels.
type Tiles struct {
	store    TileStore
	info     Info
	size     int // tile size in pixels
	min, max int // zoom levels the store has
	mem      *memCache

	mu      sync.Mutex
	notify  func()
	pending map[TileKey]bool
	wanted  map[TileKey]bool // what the latest screen draw needs
	sem     chan struct{}    // background fetches at a time
	bg      context.Context
	stop    context.CancelFunc
	missing map[TileKey]bool      // tiles known not to exist
	offline map[TileKey]time.Time // tiles that could not be fetched (no network), and when
	gen     atomic.Uint64         // counts tiles loaded: what a draw would show has changed
	life    closer                // releases the store when the last draw is done
	wait    time.Duration         // how long a waiting draw waits (0: ExportWait)
}

// ExportWait is how long a draw that waits (an export) waits for all its
// tiles together; those that have not come by then are left blank.
const ExportWait = 20 * time.Second

// SetWaitLimit changes how long a waiting draw waits for its tiles
// (ExportWait when not set).
func (t *Tiles) SetWaitLimit(d time.Duration) {
	t.mu.Lock()
	t.wait = d
	t.mu.Unlock()
}

func (t *Tiles) waitLimit() time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.wait > 0 {
		return t.wait
	}
	return ExportWait
}

// progressKey is the context key of a waiting draw's progress function.
type progressKey struct{}

// WithProgress returns a context under which a draw that waits for tiles
// calls f(done, total) as each of the total tiles it waits for arrives
// or fails, on the fetching goroutines.
func WithProgress(ctx context.Context, f func(done, total int)) context.Context {
	return context.WithValue(ctx, progressKey{}, f)
}

// Generation changes whenever a tile is loaded, so a drawing of the same
// view made before is stale.
func (t *Tiles) Generation() uint64 { return t.gen.Load() }

// DefaultMemory is the decoded-tile bound of a tiled source (bytes).
const DefaultMemory = 192 << 20

// NewTiles wraps a tile store with zoom levels min..max of size-pixel
// tiles. memory bounds the decoded tiles held (0: DefaultMemory).
func NewTiles(store TileStore, info Info, size, min, max int, memory int64) *Tiles {
	if memory <= 0 {
		memory = DefaultMemory
	}
	if size <= 0 {
		size = 256
	}
	bg, stop := context.WithCancel(context.Background())
	conns := 4
	if info.Online {
		conns = 2 // tile servers ask for few connections
	}
	t := &Tiles{store: store, info: info, size: size, min: min, max: max, mem: newMemCache(memory),
		pending: map[TileKey]bool{}, wanted: map[TileKey]bool{}, missing: map[TileKey]bool{}, offline: map[TileKey]time.Time{},
		sem: make(chan struct{}, conns), bg: bg, stop: stop}
	t.life.release = store.Close
	return t
}

// Info describes the source.
func (t *Tiles) Info() Info { return t.info }

// Zooms returns the zoom levels the source has.
func (t *Tiles) Zooms() (min, max int) { return t.min, t.max }

// Store returns the tile store the source draws from.
func (t *Tiles) Store() TileStore { return t.store }

// SetNotify sets what is called (on another goroutine) when a tile asked
// for in the background has arrived, so the screen can be drawn again.
func (t *Tiles) SetNotify(f func()) {
	t.mu.Lock()
	t.notify = f
	t.mu.Unlock()
}

// MemoryBytes reports the decoded tiles held and their bound.
func (t *Tiles) MemoryBytes() (used, max int64) { return t.mem.bytes() }

func (t *Tiles) hold() func() { return t.life.hold() }

// Close stops background fetches and closes the store, at once or when
// the draws running end.
func (t *Tiles) Close() error {
	t.stop()
	return t.life.close()
}

// Draw paints the view's tiles into dst.
// A fault while drawing (on any band's goroutine) is returned as an
// error, never raised.
func (t *Tiles) Draw(ctx context.Context, v proj.View, dst *image.RGBA, wait bool) (st Stats, err error) {
	defer guard.Recover(&err)
	if !t.life.enter() {
		return st, nil
	}
	defer t.life.leave()
	z := ZoomFor(v, t.size, t.min, t.max)
	keys := tilesFor(v, z, t.info.Bound)
	if len(keys) > maxViewTiles {
		return st, said(ProblemTooLarge, "the view needs %d tiles at zoom %d: zoom in", "该视图在第 %[2]d 级需要 %[1]d 张瓦片：请放大地图", len(keys), z)
	}
	imgs := make([]*image.RGBA, len(keys))
	var need []int
	for i, k := range keys {
		if img, ok := t.mem.get(k); ok {
			imgs[i] = img
		} else {
			need = append(need, i)
		}
	}
	if !wait && t.info.Online {
		t.mu.Lock()
		t.wanted = map[TileKey]bool{}
		for _, i := range need {
			t.wanted[keys[i]] = true
		}
		t.mu.Unlock()
		cs, _ := t.store.(cachedStore)
		for _, i := range need {
			k := keys[i]
			if cs != nil {
				if b, ok := cs.Cached(k); ok {
					if img, err := decodeTile(b); err == nil {
						t.mem.put(k, img)
						t.gen.Add(1)
						imgs[i] = img
						continue
					}
				}
			}
			if t.isMissing(k) || t.wasOffline(k) {
				st.Missing++
				continue
			}
			st.Pending++
			t.fetchLater(k)
		}
	} else if len(need) > 0 {
		// An export waits for its tiles, but not for ever: what has not
		// come within the wait limit is left blank and counted late.
		errs := make([]error, len(keys))
		lctx, cancel := context.WithTimeout(ctx, t.waitLimit())
		defer cancel()
		progress, _ := ctx.Value(progressKey{}).(func(done, total int))
		var done atomic.Int64
		var wg sync.WaitGroup
		for _, i := range need {
			wg.Add(1)
			select {
			case t.sem <- struct{}{}:
			case <-lctx.Done():
				errs[i] = lctx.Err()
				wg.Done()
				continue
			}
			go func(i int) {
				defer func() { <-t.sem; wg.Done() }()
				imgs[i], errs[i] = t.load(lctx, keys[i])
				if progress != nil {
					progress(int(done.Add(1)), len(need))
				}
			}(i)
		}
		wg.Wait()
		if err := ctx.Err(); err != nil {
			return st, err
		}
		// A tile that cannot be read is one blank tile, counted; only
		// when no tile at all could be read does the draw fail, with the
		// first tile's reason.
		var first error
		offline := 0
		for _, i := range need {
			switch {
			case errs[i] == nil:
			case errors.Is(errs[i], ErrNoTile):
				st.Missing++
			case errors.Is(errs[i], ErrOffline):
				st.Missing++
				offline++
				if first == nil {
					first = errs[i]
				}
			case lctx.Err() != nil && errors.Is(errs[i], context.DeadlineExceeded):
				st.Late++
			default:
				if first == nil || errors.Is(first, ErrOffline) {
					first, st.BadZoom = errs[i], keys[i].Z
				}
				st.Bad++
			}
		}
		if len(need) == len(keys) && st.Bad+st.Late+offline == len(need) {
			if first == nil {
				s := int(t.waitLimit() / time.Second)
				first = &Error{Problem: ProblemSlow,
					Detail: fmt.Sprintf("no tile of %s came within %d s", t.info.Name, s),
					Zh:     fmt.Sprintf("%s 在 %d 秒内没有送来任何瓦片", t.info.Name, s)}
			}
			return st, first
		}
	}
	// What each tile is drawn from: its own image, or a coarser one at
	// hand standing in until it comes.
	type job struct {
		k   TileKey
		img *image.RGBA
		sr  image.Rectangle
	}
	var jobs []job
	for i, k := range keys {
		if imgs[i] != nil {
			jobs = append(jobs, job{k, imgs[i], imgs[i].Bounds()})
			st.Drawn++
			continue
		}
		for up := 1; up <= 4 && k.Z-up >= 0; up++ {
			pk := TileKey{k.Z - up, k.X >> up, k.Y >> up}
			if img, ok := t.mem.get(pk); ok {
				b := img.Bounds()
				n := 1 << up
				w, h := float64(b.Dx())/float64(n), float64(b.Dy())/float64(n)
				ox, oy := float64(k.X-pk.X<<up)*w, float64(k.Y-pk.Y<<up)*h
				jobs = append(jobs, job{k, img, image.Rect(b.Min.X+int(ox), b.Min.Y+int(oy), b.Min.X+int(ox+w), b.Min.Y+int(oy+h))})
				break
			}
		}
	}
	// Resampled in horizontal bands of the view, one per core: each band
	// is written by one goroutine only.
	tr := v.Transform()
	H := dst.Rect.Dy()
	n := min(runtime.GOMAXPROCS(0), 8, max(1, H/64))
	var g guard.Group
	for b := 0; b < n; b++ {
		band := dst.SubImage(image.Rect(dst.Rect.Min.X, dst.Rect.Min.Y+H*b/n, dst.Rect.Max.X, dst.Rect.Min.Y+H*(b+1)/n)).(*image.RGBA)
		g.Go(func() {
			for _, j := range jobs {
				if ctx.Err() != nil {
					return
				}
				t.drawTile(band, tr, j.k, j.img, j.sr)
			}
		})
	}
	g.Raise()
	return st, ctx.Err()
}

// drawTile resamples the part sr of a tile image onto dst where tile k
// lies in the view (bilinear, or nearest at one tile pixel to one view
// pixel), over what dst holds.
func (t *Tiles) drawTile(dst *image.RGBA, tr proj.Transform, k TileKey, img *image.RGBA, sr image.Rectangle) {
	b := tileBound(k)
	p0 := tr.Mercator(orb.Point{b.Min[0], b.Max[1]}) // top-left
	p1 := tr.Mercator(orb.Point{b.Max[0], b.Min[1]}) // bottom-right
	resampleTile(dst, img, sr, p0, p1)
}

// resampleTile draws src's rectangle sr, premultiplied, into the box
// p0–p1 of dst (view pixels, top-left and bottom-right), over what is
// there. The mapping is a scale and a shift, so each column's and each
// row's source pixels and weights are worked out once; the pixels then
// take four integer taps. (x/image/draw's general bilinear took 55 ms of
// CPU for a 1080p mosaic, this a small part of it.)
func resampleTile(dst, src *image.RGBA, sr image.Rectangle, p0, p1 orb.Point) {
	sx := (p1[0] - p0[0]) / float64(sr.Dx())
	sy := (p1[1] - p0[1]) / float64(sr.Dy())
	if sx <= 0 || sy <= 0 {
		return
	}
	db := dst.Rect
	x0 := max(db.Min.X, int(math.Ceil(p0[0]-0.5)))
	x1 := min(db.Max.X, int(math.Ceil(p1[0]-0.5)))
	y0 := max(db.Min.Y, int(math.Ceil(p0[1]-0.5)))
	y1 := min(db.Max.Y, int(math.Ceil(p1[1]-0.5)))
	if x0 >= x1 || y0 >= y1 {
		return
	}
	nearest := sx > 0.999 && sx < 1.001 && sy > 0.999 && sy < 1.001
	type tap struct {
		a, b int    // the two source columns (rows), absolute
		w    uint32 // weight of b, of 256
	}
	taps := func(lo, hi, smin, smax int, p, s float64) []tap {
		out := make([]tap, hi-lo)
		for i := range out {
			u := float64(smin) + (float64(lo+i)+0.5-p)/s // source position of the pixel's centre
			if nearest {
				a := min(max(int(u), smin), smax-1)
				out[i] = tap{a, a, 0}
				continue
			}
			u -= 0.5
			a := int(math.Floor(u))
			w := uint32((u - float64(a)) * 256)
			bb := min(a+1, smax-1)
			a = min(max(a, smin), smax-1)
			out[i] = tap{a, max(bb, smin), w}
		}
		return out
	}
	cols := taps(x0, x1, sr.Min.X, sr.Max.X, p0[0], sx)
	rows := taps(y0, y1, sr.Min.Y, sr.Max.Y, p0[1], sy)
	sp, ss := src.Pix, src.Stride
	smx, smy := src.Rect.Min.X, src.Rect.Min.Y
	for j, r := range rows {
		ra := sp[(r.a-smy)*ss:]
		rb := sp[(r.b-smy)*ss:]
		wy := r.w
		d := dst.Pix[(y0+j-db.Min.Y)*dst.Stride+(x0-db.Min.X)*4:]
		for i, c := range cols {
			ia, ib := (c.a-smx)*4, (c.b-smx)*4
			pa, pb := ra[ia:ia+4:ia+4], ra[ib:ib+4:ib+4]
			qa, qb := rb[ia:ia+4:ia+4], rb[ib:ib+4:ib+4]
			wx1 := c.w
			wx0 := 256 - wx1
			wy0 := 256 - wy
			lerp := func(k int) uint32 {
				top := uint32(pa[k])*wx0 + uint32(pb[k])*wx1
				bot := uint32(qa[k])*wx0 + uint32(qb[k])*wx1
				return (top*wy0 + bot*wy + 1<<15) >> 16
			}
			a := lerp(3)
			if a == 0 {
				continue
			}
			o := i * 4
			q := d[o : o+4 : o+4]
			r0, g0, b0 := lerp(0), lerp(1), lerp(2)
			if a == 255 {
				q[0], q[1], q[2], q[3] = uint8(r0), uint8(g0), uint8(b0), 255
				continue
			}
			inv := 255 - a
			q[0] = uint8(r0 + (uint32(q[0])*inv+127)/255)
			q[1] = uint8(g0 + (uint32(q[1])*inv+127)/255)
			q[2] = uint8(b0 + (uint32(q[2])*inv+127)/255)
			q[3] = uint8(a + (uint32(q[3])*inv+127)/255)
		}
	}
}

// load reads and decodes one tile, keeping it in memory.
//
// It runs on fetching goroutines with bytes from a server or a file: a
// fault in a store or a decoder is reported as a damaged tile (and the
// tile counted missing), never raised.
func (t *Tiles) load(ctx context.Context, k TileKey) (img *image.RGBA, err error) {
	if perr := guard.Run(func() { img, err = t.loadTile(ctx, k) }); perr != nil {
		t.markMissing(k)
		return nil, damagedTile(k, "could not be read", "无法读取")
	}
	return img, err
}

func (t *Tiles) loadTile(ctx context.Context, k TileKey) (*image.RGBA, error) {
	b, err := t.store.Tile(ctx, k)
	if err != nil {
		if errors.Is(err, ErrNoTile) {
			t.markMissing(k)
		}
		return nil, err
	}
	img, err := decodeTile(b)
	var big *tooBig
	switch {
	case errors.As(err, &big):
		return nil, damagedTile(k, fmt.Sprintf("declares %d × %d pixels (a tile has at most %d a side)", big.w, big.h, MaxTilePixels),
			fmt.Sprintf("声明有 %d × %d 像素（瓦片每边最多 %d）", big.w, big.h, MaxTilePixels))
	case err != nil:
		return nil, damagedTile(k, "is damaged or not an image", "已损坏或不是图像")
	}
	t.mem.put(k, img)
	t.gen.Add(1)
	return img, nil
}

func (t *Tiles) isMissing(k TileKey) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.missing[k]
}

// offlineRetry is how long a tile that could not be fetched counts as
// missing before it is asked for again.
const offlineRetry = 30 * time.Second

func (t *Tiles) wasOffline(k TileKey) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	at, ok := t.offline[k]
	if ok && time.Since(at) > offlineRetry {
		delete(t.offline, k)
		return false
	}
	return ok
}

func (t *Tiles) markMissing(k TileKey) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.missing) > 100_000 {
		clear(t.missing)
	}
	t.missing[k] = true
}

// fetchLater fetches tile k in the background, once, unless the screen
// has moved on by the time a connection is free.
func (t *Tiles) fetchLater(k TileKey) {
	t.mu.Lock()
	if t.pending[k] {
		t.mu.Unlock()
		return
	}
	t.pending[k] = true
	t.mu.Unlock()
	go func() {
		defer func() {
			t.mu.Lock()
			delete(t.pending, k)
			t.mu.Unlock()
		}()
		select {
		case t.sem <- struct{}{}:
		case <-t.bg.Done():
			return
		}
		defer func() { <-t.sem }()
		t.mu.Lock()
		still := t.wanted[k]
		t.mu.Unlock()
		if !still {
			return
		}
		if _, err := t.load(t.bg, k); err != nil {
			if errors.Is(err, ErrOffline) {
				// Counted missing (and asked again after a while), so
				// the screen can say so rather than wait.
				t.mu.Lock()
				if len(t.offline) > 100_000 {
					clear(t.offline)
				}
				t.offline[k] = time.Now()
				f := t.notify
				t.mu.Unlock()
				if f != nil {
					f()
				}
			}
			return
		}
		t.mu.Lock()
		f := t.notify
		t.mu.Unlock()
		if f != nil {
			f()
		}
	}()
}

// Pending reports how many tiles are being fetched in the background.
func (t *Tiles) Pending() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.pending)
}

// MaxTilePixels is the largest side a tile may declare (web tiles are 256
// or 512 pixels; 4096 allows any real tile with room to spare).
const MaxTilePixels = 4096

// decodeTile decodes PNG, JPEG or WebP into premultiplied RGBA, the form
// tiles are resampled from.
//
// The size its header declares is checked before any pixel is allocated:
// a tile of a few hundred bytes may claim 50,000 × 50,000 pixels (10 GB).
func decodeTile(b []byte) (*image.RGBA, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > MaxTilePixels || cfg.Height > MaxTilePixels {
		return nil, &tooBig{cfg.Width, cfg.Height}
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	if rgba, ok := img.(*image.RGBA); ok {
		return rgba, nil
	}
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	return rgba, nil
}

// tooBig is a tile whose header declares more pixels than a tile has.
type tooBig struct{ w, h int }

func (e *tooBig) Error() string {
	return fmt.Sprintf("the tile declares %d × %d pixels; a tile has at most %d a side", e.w, e.h, MaxTilePixels)
}

// damagedTile says, in both languages, what is wrong with tile k, naming
// it by its zoom level, column and row.
func damagedTile(k TileKey, en, zh string) error {
	return &Error{Problem: ProblemDamaged,
		Detail: fmt.Sprintf("the tile at zoom %d (column %d, row %d) %s", k.Z, k.X, k.Y, en),
		Zh:     fmt.Sprintf("第 %d 级的瓦片（列 %d，行 %d）%s", k.Z, k.X, k.Y, zh)}
}
