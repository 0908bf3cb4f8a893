// Package proj turns lon/lat into pixels and back for a map view: spherical
// Web Mercator (orb/project) with the view's scale given as a true map
// scale 1:N at the view's centre latitude, for a given output DPI.
package proj

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
)

// MetresPerInch is 0.0254.
const MetresPerInch = 0.0254

// View is a window onto the map: its centre, its scale, its size in pixels
// and the pixel density of the output it is drawn for.
type View struct {
	Center orb.Point // lon/lat of the centre pixel
	Scale  float64   // true scale denominator N (1:N) at Center's latitude
	Width  int       // pixels
	Height int       // pixels
	DPI    float64   // pixels per inch of the output (96 for a screen)
}

// MetresPerPixel is the ground distance one pixel covers at the centre.
func (v View) MetresPerPixel() float64 {
	return v.Scale * MetresPerInch / v.DPI
}

// mercPerPixel is the Web Mercator distance one pixel covers: Mercator
// stretches ground distance by 1/cos(latitude).
func (v View) mercPerPixel() float64 {
	return v.MetresPerPixel() / math.Cos(v.Center[1]*math.Pi/180)
}

// MMPerPixel is the size of one pixel on the output, in millimetres.
func (v View) MMPerPixel() float64 { return 25.4 / v.DPI }

// Transform is a precomputed lon/lat → pixel mapping for one view.
type Transform struct {
	cx, cy, k, w2, h2 float64
}

// Transform returns the view's lon/lat → pixel mapping.
func (v View) Transform() Transform {
	c := project.WGS84.ToMercator(v.Center)
	return Transform{cx: c[0], cy: c[1], k: 1 / v.mercPerPixel(), w2: float64(v.Width) / 2, h2: float64(v.Height) / 2}
}

// Pixel maps lon/lat to pixels, x right and y down from the top-left corner.
func (t Transform) Pixel(p orb.Point) orb.Point {
	m := project.WGS84.ToMercator(p)
	return orb.Point{t.w2 + (m[0]-t.cx)*t.k, t.h2 - (m[1]-t.cy)*t.k}
}

// Mercator maps a Web Mercator point (metres) to pixels.
func (t Transform) Mercator(m orb.Point) orb.Point {
	return orb.Point{t.w2 + (m[0]-t.cx)*t.k, t.h2 - (m[1]-t.cy)*t.k}
}

// ToMercator maps a pixel back to Web Mercator metres: the inverse of
// Mercator, with no trigonometry.
func (t Transform) ToMercator(x, y float64) orb.Point {
	return orb.Point{t.cx + (x-t.w2)/t.k, t.cy - (y-t.h2)/t.k}
}

// LonLat maps a pixel back to lon/lat.
func (t Transform) LonLat(x, y float64) orb.Point {
	return project.Mercator.ToWGS84(orb.Point{t.cx + (x-t.w2)/t.k, t.cy - (y-t.h2)/t.k})
}

// Pixel maps lon/lat to pixels in the view.
func (v View) Pixel(p orb.Point) orb.Point { return v.Transform().Pixel(p) }

// LonLat maps a pixel of the view to lon/lat.
func (v View) LonLat(x, y float64) orb.Point { return v.Transform().LonLat(x, y) }

// Bound is the lon/lat box the view shows.
func (v View) Bound() orb.Bound {
	t := v.Transform()
	a := t.LonLat(0, float64(v.Height))
	b := t.LonLat(float64(v.Width), 0)
	return orb.Bound{Min: a, Max: b}
}

// MercatorBound is the Web Mercator box the view shows.
func (v View) MercatorBound() orb.Bound {
	b := v.Bound()
	return orb.Bound{Min: project.WGS84.ToMercator(b.Min), Max: project.WGS84.ToMercator(b.Max)}
}

// Pan moves the view by dx, dy pixels (the map follows the pointer: a
// positive dx shows what lies further west).
func (v View) Pan(dx, dy float64) View {
	t := v.Transform()
	old := v.Center
	v.Center = t.LonLat(float64(v.Width)/2-dx, float64(v.Height)/2-dy)
	// Keep the Mercator resolution: the true scale at the new centre changes with its latitude.
	v.Scale *= math.Cos(v.Center[1]*math.Pi/180) / math.Cos(old[1]*math.Pi/180)
	return v
}

// ZoomAt zooms by factor (>1 zooms in) keeping the lon/lat under pixel
// (x, y) where it is.
func (v View) ZoomAt(factor, x, y float64) View {
	if factor <= 0 {
		return v
	}
	t := v.Transform()
	under := t.LonLat(x, y)
	v.Scale /= factor
	// Keep `under` at (x, y): move the centre by the same pixel offset at the new scale.
	t2 := v.Transform()
	p := t2.Pixel(under)
	return v.Pan(x-p[0], y-p[1])
}

// Fit returns a view of size w×h at dpi that shows b (lon/lat) whole, with
// margin pixels to spare on every side.
func Fit(b orb.Bound, w, h int, dpi, margin float64) View {
	v := View{Center: mercCenter(b), Scale: 1, Width: w, Height: h, DPI: dpi}
	mb := orb.Bound{Min: project.WGS84.ToMercator(b.Min), Max: project.WGS84.ToMercator(b.Max)}
	aw, ah := math.Max(float64(w)-2*margin, 1), math.Max(float64(h)-2*margin, 1)
	merc := math.Max((mb.Max[0]-mb.Min[0])/aw, (mb.Max[1]-mb.Min[1])/ah) // Mercator metres per pixel
	v.Scale = merc * math.Cos(v.Center[1]*math.Pi/180) * dpi / MetresPerInch
	return v
}

func mercCenter(b orb.Bound) orb.Point {
	m := orb.Bound{Min: project.WGS84.ToMercator(b.Min), Max: project.WGS84.ToMercator(b.Max)}
	return project.Mercator.ToWGS84(m.Center())
}

// NiceLength returns the largest "round" length (1, 2 or 5 × 10ⁿ metres)
// not over max metres.
func NiceLength(max float64) float64 {
	if max <= 0 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(max)))
	for _, m := range []float64{5, 2, 1} {
		if m*p <= max {
			return m * p
		}
	}
	return p
}

// FitPadded is Fit with its own margin (pixels) on each side, for a map
// whose frame elements (title, legend) take room on some sides.
func FitPadded(b orb.Bound, w, h int, dpi, left, top, right, bottom float64) View {
	aw, ah := math.Max(float64(w)-left-right, 1), math.Max(float64(h)-top-bottom, 1)
	v := Fit(b, int(aw), int(ah), dpi, 0)
	v.Width, v.Height = w, h
	// Shift the centre so the bound sits in the padded area.
	return v.Pan((left-right)/2, (top-bottom)/2)
}
