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
// or draws a new level; ok is false when s should be drawn exactly.
func fromLevel(s *Scene, bms []Basemap, over bool) (*image.RGBA, *coverage, basemap.Stats, bool, error) {
	sig := sourcesSignature(s, bms)
	v := s.View
	if c, ok := s.Cache.get(levelKey{over}); ok {
		l := c.(*bmLevel)
		if l.sig == sig && l.covers(v) {
			img, cover := l.resample(v)
			st := l.stats
			st.Approx = l.view.Scale != v.Scale
			return img, cover, st, true, nil
		}
	}
	// A new level: the view with a margin, drawn exactly.
	lv := v
	lv.Width, lv.Height = int(float64(v.Width)*levelMargin), int(float64(v.Height)*levelMargin)
	ls := *s
	ls.View = lv
	img, cover, st, err := composeNow(&ls, bms)
	if err != nil || st.Pending > 0 {
		return nil, nil, st, false, err // tiles on their way: drawn exactly, as they come
	}
	l := &bmLevel{sig: sig, view: lv, img: img, stats: st}
	size := int64(len(img.Pix))
	if cover.own {
		l.alpha = &image.Alpha{Pix: cover.pix, Stride: cover.stride, Rect: img.Rect}
		size += int64(len(cover.pix))
	}
	s.Cache.replace(levelKey{over}, l, size, nil)
	out, oc := l.resample(v)
	return out, oc, st, true, nil
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

// resample draws the level into a new image of view v (bilinear, rows on
// every core), with its coverage.
func (l *bmLevel) resample(v proj.View) (*image.RGBA, *coverage) {
	W, H := v.Width, v.Height
	out := image.NewRGBA(image.Rect(0, 0, W, H))
	k := v.Scale / l.view.Scale
	c := l.view.Transform().Pixel(v.Center)
	ox, oy := c[0]-float64(W)/2*k, c[1]-float64(H)/2*k // the view's corner in the level
	var a *image.Alpha
	if l.alpha != nil {
		a = image.NewAlpha(out.Rect)
	}
	src := l.img
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	// Per column: the left source column and the weight of the right one.
	x0s, txs := make([]int, W), make([]uint32, W)
	for x := range x0s {
		fx := ox + (float64(x)+0.5)*k - 0.5
		x0 := int(fx)
		if fx < 0 {
			x0 = 0
			fx = 0
		}
		x0s[x], txs[x] = max(0, min(x0, sw-2)), uint32((fx-float64(x0))*256)
	}
	onCores(H, runtime.GOMAXPROCS(0), func(y int) {
		fy := oy + (float64(y)+0.5)*k - 0.5
		y0 := int(fy)
		if fy < 0 {
			y0, fy = 0, 0
		}
		y0 = max(0, min(y0, sh-2))
		ty := uint32((fy - float64(y0)) * 256)
		r0 := src.Pix[y0*src.Stride:]
		r1 := src.Pix[(y0+1)*src.Stride:]
		row := out.Pix[y*out.Stride:]
		for x, x0 := range x0s {
			tx := txs[x]
			i := x0 * 4
			for ch := 0; ch < 4; ch++ {
				top := uint32(r0[i+ch])*(256-tx) + uint32(r0[i+4+ch])*tx
				bot := uint32(r1[i+ch])*(256-tx) + uint32(r1[i+4+ch])*tx
				row[x*4+ch] = uint8((top*(256-ty) + bot*ty + 1<<15) >> 16)
			}
			if a != nil {
				a.Pix[y*a.Stride+x] = l.alpha.Pix[y0*l.alpha.Stride+x0]
			}
		}
	})
	var cover *coverage
	if a != nil {
		cover = &coverage{pix: a.Pix, stride: a.Stride, step: 1, w: W, h: H, own: true}
	} else {
		cover = &coverage{pix: out.Pix[3:], stride: out.Stride, step: 4, w: W, h: H}
	}
	cover.summarise()
	return out, cover
}
