package render

import (
	"fmt"
	"image"
	"runtime"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/proj"
)

// On screen a base map is not drawn from its sources at every new scale:
// the last exact composition, drawn with a margin around its view, is
// kept as a level, and a view within it whose scale is within levelRange
// of the level's is resampled from it — one pass over the view's pixels
// instead of reading and resampling every source. A view beyond the level
// (panned off it, zoomed past the range, a source changed) draws a new
// level. The app asks for an exact frame once the map is at rest
// (Scene.BasemapExact); exports always draw exactly.

// levelRange is how far a view's scale may be from its level's.
const levelRange = 1.5

// levelMargin is how much larger than the view a level is drawn, in
// each direction.
const levelMargin = 1.5

// levelKey is where the cache keeps the level of the base maps under the
// plan, or over it.
type levelKey struct{ over bool }

type bmLevel struct {
	sig   string // the sources and their look, without the view
	view  proj.View
	img   *image.RGBA
	alpha *image.Alpha // the coverage before opacity, when not img's alpha
	stats basemap.Stats
}

// sourcesSignature says what a composition depends on besides the view:
// each layer's source, look and generation (an online source's changes
// as tiles arrive).
func sourcesSignature(s *Scene, bms []Basemap) string {
	sig := fmt.Sprint(s.BasemapNoWait)
	for _, b := range bms {
		var gen uint64
		if g, ok := b.Source.(interface{ Generation() uint64 }); ok {
			gen = g.Generation()
		}
		sig += fmt.Sprintf("|%p/%v/%v/%d", b.Source, b.Opacity, b.Grey, gen)
	}
	return sig
}

// fromLevel composes the base maps for s's view from the cached level,
// or draws a new level; nil when s should be drawn exactly.
func fromLevel(s *Scene, bms []Basemap, over bool) (*composed, error) {
	sig := sourcesSignature(s, bms)
	v := s.View
	if c, ok := s.Cache.get(levelKey{over}); ok {
		l := c.(*bmLevel)
		if l.sig == sig && l.covers(v) {
			st := l.stats
			st.Approx = l.view.Scale != v.Scale
			return &composed{lv: l, view: v, cover: l.coverage(v), stats: st}, nil
		}
	}
	// A new level: the view with a margin, drawn exactly.
	lv := v
	lv.Width, lv.Height = int(float64(v.Width)*levelMargin), int(float64(v.Height)*levelMargin)
	ls := *s
	ls.View = lv
	img, cover, st, err := composeNow(&ls, bms)
	if err != nil || st.Pending > 0 {
		return nil, err // tiles on their way: drawn exactly, as they come
	}
	l := &bmLevel{sig: sig, view: lv, img: img, stats: st}
	size := int64(len(img.Pix))
	if cover.own {
		l.alpha = &image.Alpha{Pix: cover.pix, Stride: cover.stride, Rect: img.Rect}
		size += int64(len(cover.pix))
	}
	s.Cache.replace(levelKey{over}, l, size, nil)
	return &composed{lv: l, view: v, cover: l.coverage(v), stats: st}, nil
}

// covers reports whether the level can stand for view v: v lies within it
// and its scale is within levelRange of the level's.
func (l *bmLevel) covers(v proj.View) bool {
	if v.Scale <= 0 || l.view.Scale <= 0 || v.DPI != l.view.DPI {
		return false
	}
	k := v.Scale / l.view.Scale
	if k > levelRange || k < 1/levelRange {
		return false
	}
	tr := l.view.Transform()
	c := tr.Pixel(v.Center)
	hw, hh := float64(v.Width)/2*k, float64(v.Height)/2*k
	return c[0]-hw >= 0 && c[1]-hh >= 0 && c[0]+hw <= float64(l.view.Width) && c[1]+hh <= float64(l.view.Height)
}

// mapping returns, for view v, the level column of each view column and
// the level row of view row y (nearest neighbour, as the map scales its
// last frame during a gesture; the exact frame follows at rest).
func (l *bmLevel) mapping(v proj.View) (cols []int, row func(y int) int) {
	k := v.Scale / l.view.Scale
	c := l.view.Transform().Pixel(v.Center)
	ox, oy := c[0]-float64(v.Width)/2*k, c[1]-float64(v.Height)/2*k // the view's corner in the level
	sw, sh := l.img.Rect.Dx(), l.img.Rect.Dy()
	cols = make([]int, v.Width)
	for x := range cols {
		cols[x] = min(max(int(ox+(float64(x)+0.5)*k), 0), sw-1)
	}
	return cols, func(y int) int { return min(max(int(oy+(float64(y)+0.5)*k), 0), sh-1) }
}

// resample draws the level into a new image of view v, with its coverage.
func (l *bmLevel) resample(v proj.View) (*image.RGBA, *coverage) {
	W, H := v.Width, v.Height
	out := image.NewRGBA(image.Rect(0, 0, W, H))
	cols, rowOf := l.mapping(v)
	src := l.img
	onCores(H, runtime.GOMAXPROCS(0), func(y int) {
		sy := rowOf(y)
		srow := src.Pix[sy*src.Stride:]
		row := out.Pix[y*out.Stride : y*out.Stride+W*4]
		for x, cx := range cols {
			d, s := row[x*4:x*4+4:x*4+4], srow[cx*4:cx*4+4:cx*4+4]
			d[0], d[1], d[2], d[3] = s[0], s[1], s[2], s[3]
		}
	})
	return out, l.coverage(v)
}

// coverage is where the level's base maps have a pixel in view v.
func (l *bmLevel) coverage(v proj.View) *coverage {
	W, H := v.Width, v.Height
	a := image.NewAlpha(image.Rect(0, 0, W, H))
	cols, rowOf := l.mapping(v)
	onCores(H, runtime.GOMAXPROCS(0), func(y int) {
		sy := rowOf(y)
		arow := a.Pix[y*a.Stride : y*a.Stride+W]
		if l.alpha != nil {
			lrow := l.alpha.Pix[sy*l.alpha.Stride:]
			for x, cx := range cols {
				arow[x] = lrow[cx]
			}
			return
		}
		srow := l.img.Pix[sy*l.img.Stride:]
		for x, cx := range cols {
			arow[x] = srow[cx*4+3]
		}
	})
	cover := &coverage{pix: a.Pix, stride: a.Stride, step: 1, w: W, h: H, own: true}
	cover.summarise()
	return cover
}

// overInto lays the level's pixels of view v over band (rows of the
// view), without an image of the whole view between.
func (l *bmLevel) overInto(band *image.RGBA, v proj.View) {
	b := band.Bounds()
	cols, rowOf := l.mapping(v)
	src := l.img
	W := min(b.Dx(), len(cols))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		srow := src.Pix[rowOf(y)*src.Stride:]
		d := band.Pix[(y-b.Min.Y)*band.Stride : (y-b.Min.Y)*band.Stride+W*4]
		for x, cx := range cols[:W] {
			s := srow[cx*4 : cx*4+4 : cx*4+4]
			switch a := uint32(s[3]); a {
			case 0:
			case 255:
				d[x*4], d[x*4+1], d[x*4+2], d[x*4+3] = s[0], s[1], s[2], 255
			default:
				inv := 255 - a
				i := x * 4
				d[i] = uint8(uint32(s[0]) + (uint32(d[i])*inv+127)/255)
				d[i+1] = uint8(uint32(s[1]) + (uint32(d[i+1])*inv+127)/255)
				d[i+2] = uint8(uint32(s[2]) + (uint32(d[i+2])*inv+127)/255)
				d[i+3] = uint8(a + (uint32(d[i+3])*inv+127)/255)
			}
		}
	}
}
