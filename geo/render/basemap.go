package render

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"math"
	"runtime"

	"github.com/tdewolff/canvas"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/proj"
)

// Basemap is a raster layer drawn under the plan: imagery, relief, a
// package of tiles or a scanned plan map.
type Basemap struct {
	ID      string
	Source  basemap.Source
	Visible bool
	Opacity float64 // 0–1; 0 is taken as 1
	Grey    bool    // drawn in grey, so the plan's colours stay readable
	// Over draws it over the plan's areas and lines (a scanned plan to
	// compare with), still under the point symbols, labels and frame.
	Over bool
}

// visibleBasemaps are the scene's base maps that draw, under and over
// the plan.
func (s *Scene) visibleBasemaps() []Basemap {
	var out []Basemap
	for _, b := range s.Basemaps {
		if b.Visible && b.Source != nil {
			out = append(out, b)
		}
	}
	return out
}

// layerBasemaps are the visible base maps under the plan (over false) or
// over it.
func (s *Scene) layerBasemaps(over bool) []Basemap {
	var out []Basemap
	for _, b := range s.visibleBasemaps() {
		if b.Over == over {
			out = append(out, b)
		}
	}
	return out
}

// HasBasemap reports whether a base map is drawn under the plan (whose
// area fills then turn translucent).
func (s *Scene) HasBasemap() bool { return len(s.layerBasemaps(false)) > 0 }

// composeBasemaps draws the visible base maps, bottom first, with their
// opacity and greying, into one transparent image of the view's size, and
// returns with it where any of them has a pixel at all (before opacity).
// Drawing on screen does not wait for the network (BasemapNoWait); the
// stats tell what was missing or is on its way. A screen frame may come
// from a level drawn before (see fromLevel): then it has no image of its
// own and is laid into the frame band by band (overBand).
func composeBasemaps(s *Scene, over bool) (*composed, error) {
	bms := s.layerBasemaps(over)
	if len(bms) == 0 {
		return nil, nil
	}
	// The last composition is kept: a redraw of the same view (hover,
	// selection, a layer toggled) reuses it until a source changes.
	sig := basemapSignature(s, bms)
	if v, ok := s.Cache.get(composedKey{over}); ok {
		if c := v.(*composed); c.sig == sig && !(c.stats.Approx && s.BasemapExact) {
			return c, nil
		}
	}
	var c *composed
	var err error
	if s.BasemapNoWait && !s.BasemapExact {
		c, err = fromLevel(s, bms, over)
	}
	if c == nil && err == nil {
		c = &composed{}
		c.img, c.cover, c.stats, err = composeNow(s, bms)
	}
	if err != nil {
		if c == nil {
			c = &composed{}
		}
		return c, err
	}
	c.sig = sig
	if c.stats.Pending == 0 {
		size := c.cover.bytes()
		if c.img != nil {
			size += int64(len(c.img.Pix))
		}
		s.Cache.replace(composedKey{over}, c, size, nil)
	}
	return c, nil
}

// composedKey is where the cache keeps the last base-map composition,
// of those under the plan and of those over it.
type composedKey struct{ over bool }

// composed is the base maps of one view: an image, or a level to take
// the view's pixels from as they are laid into a frame.
type composed struct {
	sig   string
	img   *image.RGBA
	lv    *bmLevel  // when img is nil: the level the view is resampled from
	view  proj.View // the view, for lv
	cover *coverage // where any base map has a pixel, before opacity
	stats basemap.Stats
}

// image returns the composition as an image of the view.
func (c *composed) image() *image.RGBA {
	if c.img == nil && c.lv != nil {
		c.img, _ = c.lv.resample(c.view)
	}
	return c.img
}

// overBand lays the composition's rows of band (a horizontal band of the
// view) over it.
func (c *composed) overBand(band *image.RGBA) {
	b := band.Bounds()
	if c.img == nil && c.lv != nil {
		c.lv.overInto(band, c.view)
		return
	}
	sub := c.img.SubImage(image.Rect(0, b.Min.Y, c.img.Rect.Dx(), b.Max.Y)).(*image.RGBA)
	overRows(band, sub)
}

// basemapSignature says what a composition depends on: the view and each
// layer's source, look and generation (an online source's changes as
// tiles arrive).
func basemapSignature(s *Scene, bms []Basemap) string {
	return fmt.Sprintf("%v|", s.View) + sourcesSignature(s, bms)
}

// composeNow draws the base maps one over another, noting where they cover.
func composeNow(s *Scene, bms []Basemap) (*image.RGBA, *coverage, basemap.Stats, error) {
	var all basemap.Stats
	ctx := s.Context
	if ctx == nil {
		ctx = context.Background()
	}
	W, H := s.View.Width, s.View.Height
	out := image.NewRGBA(image.Rect(0, 0, W, H))
	// One base map drawn as it is: its alpha is the coverage. Several, or
	// one faded or greyed: the most any of them has, before opacity.
	var cover *coverage
	if len(bms) == 1 && !needsOwnLayer(bms[0]) {
		cover = &coverage{pix: out.Pix[3:], stride: out.Stride, step: 4, w: W, h: H}
	} else {
		a := image.NewAlpha(out.Rect)
		cover = &coverage{pix: a.Pix, stride: a.Stride, step: 1, w: W, h: H, own: true}
	}
	layer := out
	for i, b := range bms {
		if i > 0 || needsOwnLayer(b) {
			layer = image.NewRGBA(out.Rect)
		}
		st, err := b.Source.Draw(ctx, s.View, layer, !s.BasemapNoWait)
		all.Add(st)
		if err != nil {
			return nil, nil, all, err
		}
		if cover.own {
			for j := range cover.pix {
				cover.pix[j] = max(cover.pix[j], layer.Pix[j*4+3])
			}
		}
		if layer != out {
			blend(out, layer, b)
		}
	}
	cover.summarise()
	return out, cover, all, nil
}

// coverage is where the base maps have pixels (before opacity), with each
// row's span of pixels they do not wholly cover, so that a fill kept out
// of them can be skipped where they cover everything.
type coverage struct {
	pix          []uint8 // pixel (x, y) is pix[y*stride+x*step]: an alpha image's, or an RGBA's alpha
	stride, step int
	w, h         int
	own          bool    // pix is the coverage's own (else the composed image's alpha)
	lo, hi       []int32 // per row: the first and last x not wholly covered; lo > hi for none
}

// at returns the coverage of pixel (x, y), which must be in the view.
func (c *coverage) at(x, y int) uint8 { return c.pix[y*c.stride+x*c.step] }

// bytes is the memory the coverage holds of its own.
func (c *coverage) bytes() int64 {
	n := int64(8 * len(c.lo))
	if c.own {
		n += int64(len(c.pix))
	}
	return n
}

// summarise finds each row's uncovered span, rows on all cores.
func (c *coverage) summarise() {
	c.lo, c.hi = make([]int32, c.h), make([]int32, c.h)
	onCores(c.h, runtime.GOMAXPROCS(0), func(y int) {
		lo, hi := int32(c.w), int32(-1)
		for x := 0; x < c.w; x++ {
			if c.at(x, y) != 255 {
				lo = int32(x)
				break
			}
		}
		for x := c.w - 1; x >= int(lo); x-- {
			if c.at(x, y) != 255 {
				hi = int32(x)
				break
			}
		}
		c.lo[y], c.hi[y] = lo, hi
	})
}

// uncovered reports whether any pixel of rows y0..y1, columns x0..x1
// (view pixels, inclusive) is not wholly covered.
func (c *coverage) uncovered(x0, y0, x1, y1 int) bool {
	for y := max(y0, 0); y <= min(y1, len(c.lo)-1); y++ {
		if int(c.lo[y]) <= x1 && int(c.hi[y]) >= x0 {
			return true
		}
	}
	return false
}

func needsOwnLayer(b Basemap) bool { return b.Grey || (b.Opacity > 0 && b.Opacity < 1) }

// blend lays layer over out with the base map's opacity, greyed if asked
// (luma, lightened a little so the plan's colours stand out).
func blend(out, layer *image.RGBA, b Basemap) {
	op := b.Opacity
	if op <= 0 || op > 1 {
		op = 1
	}
	k := uint32(math.Round(op * 256))
	p, d := layer.Pix, out.Pix
	for i := 0; i+3 < len(p); i += 4 {
		a := uint32(p[i+3])
		if a == 0 {
			continue
		}
		r, g, bl := uint32(p[i]), uint32(p[i+1]), uint32(p[i+2])
		if b.Grey {
			y := (r*77 + g*150 + bl*29) >> 8 // premultiplied luma
			y = y + (a-y)/4                  // lighten toward white by a quarter
			r, g, bl = y, y, y
		}
		r, g, bl, a = r*k>>8, g*k>>8, bl*k>>8, a*k>>8
		inv := 255 - a
		d[i] = uint8(r + (uint32(d[i])*inv+127)/255)
		d[i+1] = uint8(g + (uint32(d[i+1])*inv+127)/255)
		d[i+2] = uint8(bl + (uint32(d[i+2])*inv+127)/255)
		d[i+3] = uint8(a + (uint32(d[i+3])*inv+127)/255)
	}
}

// basemaps draws the base maps under everything else.
func (d *mapDraw) basemaps() { d.drawBasemaps(false) }

// basemapsOver draws the base maps laid over the plan's areas and lines.
func (d *mapDraw) basemapsOver() { d.drawBasemaps(true) }

// drawBasemaps draws the base maps under (or over) the plan: straight
// into the raster (composed on the replay's workers, blended band by
// band), or as one embedded image in SVG and PDF (those under the plan
// with its areas filled into it: see fills).
func (d *mapDraw) drawBasemaps(over bool) {
	if len(d.s.layerBasemaps(over)) == 0 {
		return
	}
	if rec, ok := d.p.r.(*recorder); ok && d.p.raster {
		cover := new(*coverage)
		if !over {
			d.under = cover
		}
		var c *composed
		rec.directLazy(func() {
			var err error
			c, err = composeBasemaps(d.s, over)
			if c != nil {
				*cover = c.cover
				d.st.addBasemap(c.stats, err)
			} else {
				d.st.addBasemap(basemap.Stats{}, err)
			}
		}, func(band *image.RGBA, y0 int) {
			if c == nil || (c.img == nil && c.lv == nil) {
				return
			}
			c.overBand(band)
		})
		return
	}
	c, err := composeBasemaps(d.s, over)
	if c == nil {
		d.st.addBasemap(basemap.Stats{}, err)
		return
	}
	d.st.addBasemap(c.stats, err)
	img, cover := c.image(), c.cover
	if img == nil {
		return
	}
	if !over && cover != nil {
		// The areas over them are filled into a copy (the composition
		// is cached, and its alpha may be the coverage), which the fills
		// pass lays down.
		cp := image.NewRGBA(img.Rect)
		copy(cp.Pix, img.Pix)
		d.vecBase, d.vecCover = cp, cover
		return
	}
	d.p.r.RenderImage(img, canvas.Identity.Scale(d.p.mmpp, d.p.mmpp))
}

// overRows composites src over the band dst, row by row (same width).
func overRows(dst, src *image.RGBA) {
	h := min(dst.Rect.Dy(), src.Rect.Dy())
	w := min(dst.Rect.Dx(), src.Rect.Dx())
	for y := 0; y < h; y++ {
		d := dst.Pix[y*dst.Stride : y*dst.Stride+w*4]
		s := src.Pix[y*src.Stride : y*src.Stride+w*4]
		for i := 0; i+3 < len(s); i += 4 {
			a := uint32(s[i+3])
			switch a {
			case 0:
			case 255:
				// A run of opaque pixels (most of an image) is copied whole.
				j := i + 4
				for j+3 < len(s) && s[j+3] == 255 {
					j += 4
				}
				copy(d[i:j], s[i:j])
				i = j - 4
			default:
				inv := 255 - a
				d[i] = uint8(uint32(s[i]) + (uint32(d[i])*inv+127)/255)
				d[i+1] = uint8(uint32(s[i+1]) + (uint32(d[i+1])*inv+127)/255)
				d[i+2] = uint8(uint32(s[i+2]) + (uint32(d[i+2])*inv+127)/255)
				d[i+3] = uint8(a + (uint32(d[i+3])*inv+127)/255)
			}
		}
	}
}

// basemapFill is an area's fill over a base map: translucent, so the
// imagery or relief shows through (county roles keep more of their colour
// than the land around).
func basemapFill(c color.NRGBA, role bool) color.NRGBA {
	k := 0.3
	if role {
		k = 0.5
	}
	c.A = uint8(float64(c.A) * k)
	return c
}
