package render

import (
	"image"
	"image/color"
	"math"

	"github.com/srwiley/scanx"
	"github.com/tdewolff/canvas"
	"golang.org/x/image/math/fixed"
)

// bandFiller fills plain-colour polygon paths into one band of a frame:
// scanx's scanner (the one tdewolff/canvas's rasterizer uses, non-zero
// rule) with a span writer of our own. The rasterizer's copies each path
// to transform it and writes spans a byte at a time with bounds checks; at
// 3840×2160 its span writer alone took a third of a frame. This one
// transforms while scanning, fills opaque spans by doubling copies and
// blends the rest four bytes at a time, with the same arithmetic (the
// pixels are identical).
type bandFiller struct {
	pts, tmp, cut []canvas.Point // scratch: a path in pixels, and a contour cut
	rings         []ring         // the path's contours in pts
	sc            *scanx.Scanner
	sp            spanWriter
	h             float64 // band height in pixels
	dpmm          float64
}

func newBandFiller(img *image.RGBA, dpi float64) *bandFiller {
	f := &bandFiller{h: float64(img.Bounds().Dy()), dpmm: dpi / 25.4}
	f.sp = spanWriter{pix: img.Pix, stride: img.Stride, w: img.Bounds().Dx()}
	f.sc = scanx.NewScanner(&f.sp, img.Bounds().Dx(), img.Bounds().Dy())
	return f
}

// plainFill reports whether a recorded style is a fill of one colour
// (what bandFiller draws).
func plainFill(st canvas.Style) bool {
	return st.HasFill() && !st.HasStroke() && st.Fill.IsColor()
}

// fill draws path (moves, lines, quadratic and cubic Béziers, closes;
// ok false for an elliptical arc, drawing nothing) through m in colour c.
// Curves are cut into lines within a tenth of a pixel, as the rasterizer
// does.
func (f *bandFiller) fill(path *canvas.Path, c color.RGBA, m canvas.Matrix) (ok bool) {
	d := path.Data()
	for i := 0; i < len(d); {
		switch d[i] {
		case canvas.MoveToCmd, canvas.LineToCmd, canvas.CloseCmd:
			i += 4
		case canvas.QuadToCmd:
			i += 6
		case canvas.CubeToCmd:
			i += 8
		default:
			return false
		}
	}
	f.sp.c = c
	if f.fillStrips(d, m) {
		return true
	}
	f.sc.Clear()
	px := func(x, y float64) vec {
		p := m.Dot(canvas.Point{X: x, Y: y})
		return vec{p.X * f.dpmm, f.h - p.Y*f.dpmm}
	}
	fx := func(p vec) fixed.Point26_6 {
		return fixed.Point26_6{X: fixed.Int26_6(p.x*64 + 0.5), Y: fixed.Int26_6(p.y*64 + 0.5)}
	}
	const tol = 0.1 // pixels
	var pen vec
	for i := 0; i < len(d); {
		switch d[i] {
		case canvas.MoveToCmd:
			pen = px(d[i+1], d[i+2])
			f.sc.Start(fx(pen))
			i += 4
		case canvas.LineToCmd, canvas.CloseCmd:
			pen = px(d[i+1], d[i+2])
			f.sc.Line(fx(pen))
			i += 4
		case canvas.QuadToCmd:
			c1, end := px(d[i+1], d[i+2]), px(d[i+3], d[i+4])
			dd := pen.sub(c1.mul(2)).add(end)
			n := int(math.Ceil(math.Sqrt(math.Hypot(dd.x, dd.y) / (4 * tol))))
			for k := 1; k < n; k++ {
				t := float64(k) / float64(n)
				u := 1 - t
				f.sc.Line(fx(pen.mul(u * u).add(c1.mul(2 * u * t)).add(end.mul(t * t))))
			}
			f.sc.Line(fx(end))
			pen = end
			i += 6
		case canvas.CubeToCmd:
			c1, c2, end := px(d[i+1], d[i+2]), px(d[i+3], d[i+4]), px(d[i+5], d[i+6])
			d1, d2 := pen.sub(c1.mul(2)).add(c2), c1.sub(c2.mul(2)).add(end)
			dd := max(math.Hypot(d1.x, d1.y), math.Hypot(d2.x, d2.y))
			n := int(math.Ceil(math.Sqrt(3 * dd / (4 * tol))))
			for k := 1; k < n; k++ {
				t := float64(k) / float64(n)
				u := 1 - t
				f.sc.Line(fx(pen.mul(u * u * u).add(c1.mul(3 * u * u * t)).add(c2.mul(3 * u * t * t)).add(end.mul(t * t * t))))
			}
			f.sc.Line(fx(end))
			pen = end
			i += 8
		}
	}
	f.sc.Draw()
	return true
}

// stripWidth is the width in pixels of the strips a crowded path is
// scanned in (see fillStrips).
const stripWidth = 256

// fillStrips scans a polygon path that reaches left of the band, or that
// has many segments for its height, in vertical strips, each contour cut
// to each strip it crosses, and reports whether it did (false, drawing
// nothing, for a path with curves or one that needs neither).
//
// scanx folds everything left of the image into one cell, which leaks
// into the first column: a contour wholly left of it painted pixels
// there (the edge of each band, seen as a faint line at the map's left
// edge). Cut at x = 0 it cannot. And scanx keeps a row's cells in a list
// it walks to find one; a mesh of outlines (every county border of a 4K
// frame merged into one stroke) makes hundreds of cells a row and cost
// 10 ms a band, where strips of 256 pixels take a fraction. Cutting at
// whole pixels keeps coverage exact (a pixel's share of the polygon is
// all in one strip) and, like any Sutherland–Hodgman cut, the winding
// numbers.
func (f *bandFiller) fillStrips(d []float64, m canvas.Matrix) bool {
	segs := 0
	for i := 0; i < len(d); i += 4 {
		if cmd := d[i]; cmd != canvas.MoveToCmd && cmd != canvas.LineToCmd && cmd != canvas.CloseCmd {
			return false
		}
		segs++
	}
	// The path in pixels, contour by contour, with each contour's x range.
	f.pts = f.pts[:0]
	f.rings = f.rings[:0]
	x0, x1 := math.Inf(1), math.Inf(-1)
	for i := 0; i < len(d); i += 4 {
		if d[i] == canvas.MoveToCmd {
			f.rings = append(f.rings, ring{start: len(f.pts), x0: math.Inf(1), x1: math.Inf(-1)})
		}
		if len(f.rings) == 0 {
			return false
		}
		p := m.Dot(canvas.Point{X: d[i+1], Y: d[i+2]})
		q := canvas.Point{X: p.X * f.dpmm, Y: f.h - p.Y*f.dpmm}
		f.pts = append(f.pts, q)
		r := &f.rings[len(f.rings)-1]
		r.end = len(f.pts)
		r.x0, r.x1 = min(r.x0, q.X), max(r.x1, q.X)
		x0, x1 = min(x0, q.X), max(x1, q.X)
	}
	W := float64(f.sp.w)
	crowded := segs >= 2000 && float64(segs) >= 2*f.h && min(x1, W)-max(x0, 0) >= 2*stripWidth
	if x0 >= 0 && !crowded {
		return false
	}
	x0, x1 = max(math.Floor(x0), 0), min(math.Ceil(x1), W)
	step := x1 - x0
	if crowded {
		step = stripWidth
	}
	fx := func(p canvas.Point) fixed.Point26_6 {
		return fixed.Point26_6{X: fixed.Int26_6(p.X*64 + 0.5), Y: fixed.Int26_6(p.Y*64 + 0.5)}
	}
	for xa := x0; xa < x1; xa += step {
		xb := xa + step
		f.sc.Clear()
		drawn := false
		for _, r := range f.rings {
			if r.x1 <= xa || r.x0 >= xb || r.end-r.start < 3 {
				continue
			}
			poly := f.pts[r.start:r.end]
			if r.x0 < xa || r.x1 > xb {
				f.tmp = clipHalf(f.tmp[:0], poly, xa, true, true)
				f.cut = clipHalf(f.cut[:0], f.tmp, xb, false, true)
				poly = f.cut
				if len(poly) < 3 {
					continue
				}
			}
			f.sc.Start(fx(poly[0]))
			for _, q := range poly[1:] {
				f.sc.Line(fx(q))
			}
			f.sc.Line(fx(poly[0]))
			drawn = true
		}
		if drawn {
			f.sc.Draw()
		}
	}
	return true
}

// ring is one contour of a path in bandFiller.pts, and its x range.
type ring struct {
	start, end int
	x0, x1     float64
}

// spanWriter is a scanx.Spanner drawing one colour over an RGBA image
// (Porter–Duff over, premultiplied, as scanx.ImgSpanner.SpanFgColor).
type spanWriter struct {
	pix    []uint8
	stride int
	mask   *coverage  // when set, spans turn from c to clear where it is set (view-sized)
	clear  color.RGBA // the colour where mask is full
	maskY  int        // the view row of the band's row 0
	w      int        // pixels
	c      color.RGBA
}

// SetColor sets the colour (a color.Color; scanx also passes colour
// functions, which this writer does not draw).
func (s *spanWriter) SetColor(c interface{}) {
	if cc, ok := c.(color.Color); ok {
		r, g, b, a := cc.RGBA()
		s.c = color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
	}
}

// GetSpanFunc returns the span writer.
func (s *spanWriter) GetSpanFunc() scanx.SpanFunc { return s.span }

const (
	spanM  = 1<<16 - 1
	spanMP = 0x100 * spanM
	spanPA = 0x101
)

func (s *spanWriter) span(yi, xi0, xi1 int, ma uint32) {
	if s.mask != nil {
		s.maskedSpan(yi, xi0, xi1, ma)
		return
	}
	i0 := yi*s.stride + xi0*4
	i1 := i0 + (xi1-xi0)*4
	pix := s.pix[i0:i1:i1]
	cr, cg, cb, ca := uint32(s.c.R)*0x101, uint32(s.c.G)*0x101, uint32(s.c.B)*0x101, uint32(s.c.A)*0x101
	ama := ca * ma
	if ama == 0xFFFF*0xFFFF {
		if len(pix) < 4 {
			return
		}
		pix[0], pix[1], pix[2], pix[3] = uint8(cr*ma/spanMP), uint8(cg*ma/spanMP), uint8(cb*ma/spanMP), uint8(ama/spanMP)
		for n := 4; n < len(pix); n *= 2 {
			copy(pix[n:], pix[:n])
		}
		return
	}
	rma, gma, bma := cr*ma, cg*ma, cb*ma
	a := (spanM - ama/spanM) * spanPA
	for i := 0; i+4 <= len(pix); i += 4 {
		p := pix[i : i+4 : i+4]
		p[0] = uint8((uint32(p[0])*a + rma) / spanMP)
		p[1] = uint8((uint32(p[1])*a + gma) / spanMP)
		p[2] = uint8((uint32(p[2])*a + bma) / spanMP)
		p[3] = uint8((uint32(p[3])*a + ama) / spanMP)
	}
}

// maskedSpan draws a span in c where the mask is clear and in s.clear
// where it is full, premultiplied colours mixed by the mask between: runs
// of either are plain spans (c opaque fills by copying), only the pixels
// between go one by one.
func (s *spanWriter) maskedSpan(yi, xi0, xi1 int, ma uint32) {
	mask, c := s.mask, s.c
	defer func() { s.mask, s.c = mask, c }()
	s.mask = nil
	my := s.maskY + yi
	if my < 0 || my >= mask.h {
		s.span(yi, xi0, xi1, ma) // outside the mask: c
		return
	}
	x := xi0
	for x < xi1 {
		if x >= mask.w {
			s.c = c
			s.span(yi, x, xi1, ma)
			return
		}
		switch v := mask.at(x, my); v {
		case 0, 255:
			end := x + 1
			for end < xi1 && end < mask.w && mask.at(end, my) == v {
				end++
			}
			s.c = c
			if v == 255 {
				s.c = s.clear
			}
			s.span(yi, x, end, ma)
			x = end
		default:
			k := uint32(v) // 0–255: how much of the clear colour
			mix := func(a, b uint8) uint8 { return uint8((uint32(a)*(255-k) + uint32(b)*k + 127) / 255) }
			s.c = color.RGBA{mix(c.R, s.clear.R), mix(c.G, s.clear.G), mix(c.B, s.clear.B), mix(c.A, s.clear.A)}
			s.span(yi, x, x+1, ma)
			x++
		}
	}
}
