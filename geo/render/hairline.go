package render

import (
	"image"
	"image/color"
	"math"

	"github.com/paulmach/orb"
)

// hairlines draws thin solid lines (at most a pixel wide) straight into an
// RGBA image with Xiaolin Wu's anti-aliased line algorithm. Scanning the
// stroked outline of every county border costs the vector rasterizer about
// 8 ms a 1080p frame; these lines cost well under one. Only the raster
// painter uses it: SVG and PDF keep real strokes.
type hairlines struct {
	segs  [][4]float64 // x0, y0, x1, y1 in view pixels
	color color.NRGBA
	width float64 // pixels, ≤ 1: scales the coverage
}

func newHairlines(g orb.Geometry, t mercToPixel, c color.NRGBA, width float64) *hairlines {
	h := &hairlines{color: c, width: width}
	n := 0
	eachPart(g, func(ls []orb.Point) { n += max(len(ls)-1, 0) })
	h.segs = make([][4]float64, 0, n)
	line := func(ls []orb.Point) {
		if len(ls) == 0 {
			return
		}
		a := t.Mercator(ls[0])
		for _, q := range ls[1:] {
			b := t.Mercator(q)
			h.segs = append(h.segs, [4]float64{a[0], a[1], b[0], b[1]})
			a = b
		}
	}
	eachPart(g, line)
	return h
}

// draw draws the lines on dst, whose row 0 is view row y0.
func (h *hairlines) draw(dst *image.RGBA, y0 int) {
	b := dst.Bounds()
	w, ht := b.Dx(), b.Dy()
	cr, cg, cb := float64(h.color.R), float64(h.color.G), float64(h.color.B)
	ca := float64(h.color.A) / 255 * math.Min(h.width, 1)
	plot := func(x, y int, cov float64) {
		y -= y0
		if x < 0 || y < 0 || x >= w || y >= ht || cov <= 0 {
			return
		}
		a := cov * ca
		i := y*dst.Stride + x*4
		p := dst.Pix[i : i+4 : i+4]
		p[0] = uint8(float64(p[0])*(1-a) + cr*a + 0.5)
		p[1] = uint8(float64(p[1])*(1-a) + cg*a + 0.5)
		p[2] = uint8(float64(p[2])*(1-a) + cb*a + 0.5)
		p[3] = uint8(float64(p[3])*(1-a) + 255*a + 0.5)
	}
	lo, hi := float64(y0)-2, float64(y0+ht)+2
	for _, s := range h.segs {
		x0, ya, x1, yb := s[0], s[1], s[2], s[3]
		if (ya < lo && yb < lo) || (ya > hi && yb > hi) || (x0 < -2 && x1 < -2) || (x0 > float64(w)+2 && x1 > float64(w)+2) {
			continue
		}
		wu(x0, ya, x1, yb, plot)
	}
}

// wu draws an anti-aliased line, calling plot for each pixel touched with
// its coverage (0–1). The end pixels are weighted by how much of them the
// segment covers, so joined segments do not double-darken.
func wu(x0, y0, x1, y1 float64, plot func(x, y int, c float64)) {
	steep := math.Abs(y1-y0) > math.Abs(x1-x0)
	if steep {
		x0, y0, x1, y1 = y0, x0, y1, x1
	}
	if x0 > x1 {
		x0, x1, y0, y1 = x1, x0, y1, y0
	}
	dx, dy := x1-x0, y1-y0
	grad := 1.0
	if dx != 0 {
		grad = dy / dx
	}
	put := func(x, y int, c float64) {
		if steep {
			plot(y, x, c)
		} else {
			plot(x, y, c)
		}
	}
	// Pixel columns from round(x0) to round(x1) - 1: each segment owns its
	// start column, the next segment the shared end.
	xs, xe := int(math.Round(x0)), int(math.Round(x1))
	for x := xs; x < xe; x++ {
		y := y0 + grad*(float64(x)-x0)
		fy := math.Floor(y)
		f := y - fy
		put(x, int(fy), 1-f)
		put(x, int(fy)+1, f)
	}
}
