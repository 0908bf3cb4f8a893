package basemap

import (
	"image"
	"math"

	"github.com/planatlas/planatlas/geo/proj"
)

// Relief lighting: from the north-west, 45° above the horizon (GDAL's
// gdaldem hillshade defaults).
const (
	lightAzimuth  = 315.0
	lightAltitude = 45.0
)

// Hillshade is the brightness (1–255) of a surface with the given slopes
// (dz/dx eastward, dz/dy southward, both dimensionless) lit from the
// north-west at 45°, as gdaldem computes it: a flat surface is 181.
func Hillshade(dzdx, dzdy float64) float64 {
	// sin(alt)·cos(slope) + cos(alt)·sin(slope)·cos(θ − aspect), θ = azimuth − 90°,
	// written through the gradient: with p = |∇z|, cos(slope) = 1/√(1+p²),
	// p·cos(aspect) = −dz/dx and p·sin(aspect) = −dz/dy (GDAL's aspect is
	// atan2 of the northward and westward rises).
	const sinAlt, cosAlt = 0.7071067811865476, 0.7071067811865476       // altitude 45°
	const cosTheta, sinTheta = -0.7071067811865476, -0.7071067811865476 // θ = 315° − 90° = 225°
	c := (sinAlt + cosAlt*(-dzdx*cosTheta-dzdy*sinTheta)) / math.Sqrt(1+dzdx*dzdx+dzdy*dzdy)
	if c < 0 {
		c = 0
	}
	return 1 + 254*c
}

// tintStops is a hypsometric ramp for Sichuan's hills and mountains
// (metres → colour), pale so the plan's colours stay readable.
var tintStops = [...]struct {
	h       float64
	r, g, b float64
}{
	{0, 0xB8, 0xD8, 0xB0}, {300, 0xCF, 0xE3, 0xB4}, {700, 0xEA, 0xE8, 0xC0},
	{1200, 0xE8, 0xD6, 0xB0}, {1800, 0xD9, 0xC2, 0xA5}, {2500, 0xF2, 0xEE, 0xEA},
}

func tint(h float64) (r, g, b float64) {
	if h <= tintStops[0].h {
		s := tintStops[0]
		return s.r, s.g, s.b
	}
	for i := 1; i < len(tintStops); i++ {
		if h <= tintStops[i].h {
			a, b2 := tintStops[i-1], tintStops[i]
			t := (h - a.h) / (b2.h - a.h)
			return a.r + (b2.r-a.r)*t, a.g + (b2.g-a.g)*t, a.b + (b2.b-a.b)*t
		}
	}
	s := tintStops[len(tintStops)-1]
	return s.r, s.g, s.b
}

// relief draws an elevation window as hillshade (and tint) in view
// pixels: heights are sampled bilinearly at each view pixel and its
// neighbours, so the shading has the view's ground resolution.
func relief(out *image.RGBA, v proj.View, vals []float32, ww, wh int, m *mapper, withTint bool) {
	W, H := out.Rect.Dx(), out.Rect.Dy()
	fw, fh := float64(ww), float64(wh)
	height := func(c, r float64) float64 {
		fc, fr := c-0.5, r-0.5
		c0, r0 := int(math.Floor(fc)), int(math.Floor(fr))
		tx, ty := fc-float64(c0), fr-float64(r0)
		c1, r1 := min(max(c0+1, 0), ww-1), min(max(r0+1, 0), wh-1)
		c0, r0 = min(max(c0, 0), ww-1), min(max(r0, 0), wh-1)
		a, b := float64(vals[r0*ww+c0]), float64(vals[r0*ww+c1])
		c2, d := float64(vals[r1*ww+c0]), float64(vals[r1*ww+c1])
		return (a*(1-tx)+b*tx)*(1-ty) + (c2*(1-tx)+d*tx)*ty // NaN where any is nodata
	}
	// Heights at view pixel centres, with a one-pixel border (the border
	// repeats the edge: the mapping is only walked inside the view).
	S := W + 2
	E := make([]float64, S*(H+2))
	for i := range E {
		E[i] = math.NaN()
	}
	parallelRows(H, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			m.row(y, W, func(x int, c, r float64) {
				if c >= 0 && r >= 0 && c < fw && r < fh {
					E[(y+1)*S+x+1] = height(c, r)
				}
			})
		}
	})
	res := v.MetresPerPixel()
	parallelRows(H, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			row := out.Pix[y*out.Stride:]
			for x := 0; x < W; x++ {
				k := (y+1)*S + x + 1
				e := E[k]
				if math.IsNaN(e) {
					continue
				}
				n := func(d int) float64 {
					if h := E[k+d]; !math.IsNaN(h) {
						return h
					}
					return e
				}
				a, b, c := n(-S-1), n(-S), n(-S+1)
				d, f := n(-1), n(1)
				g, h, i := n(S-1), n(S), n(S+1)
				dzdx := ((c + 2*f + i) - (a + 2*d + g)) / (8 * res)
				dzdy := ((g + 2*h + i) - (a + 2*b + c)) / (8 * res)
				s := Hillshade(dzdx, dzdy)
				o := x * 4
				if withTint {
					tr, tg, tb := tint(e)
					k := 0.45 + 0.55*s/181 // flat ground keeps its tint, slopes darken or lighten
					row[o], row[o+1], row[o+2] = clamp8(tr*k), clamp8(tg*k), clamp8(tb*k)
				} else {
					row[o], row[o+1], row[o+2] = clamp8(s), clamp8(s), clamp8(s)
				}
				row[o+3] = 255
			}
		}
	})
}

func clamp8(v float64) uint8 {
	if v <= 0 {
		return 0
	}
	if v >= 255 {
		return 255
	}
	return uint8(v + 0.5)
}
