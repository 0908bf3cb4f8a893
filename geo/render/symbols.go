package render

import (
	"image/color"
	"math"

	"github.com/tdewolff/canvas"

	"github.com/planatlas/planatlas/geo/plan"
)

// symbolRadius is the half-size of a point symbol in mm.
func symbolRadius(f *plan.Feature) float64 {
	switch f.Kind {
	case "city":
		if f.ID == "bazhong_city" {
			return 2.2
		}
		return 1.4
	case "region", "zone":
		return 1.6
	case "overlay":
		return 1.1
	}
	return 1.9
}

// hollow reports whether a point is drawn hollow: what is not yet built or
// under way (planned, promoted, sought, studied).
func hollow(f *plan.Feature) bool {
	return f.Stage != plan.StageExisting && f.Stage != plan.StageUnderConstruction
}

// polygonPath is a closed polygon of n corners around (x, y) at radius
// radius(i), the first corner at angle rot from north.
func polygonPath(n int, x, y, rot float64, radius func(i int) float64) *canvas.Path {
	p := &canvas.Path{}
	for i := 0; i < n; i++ {
		a := rot + 2*math.Pi*float64(i)/float64(n)
		r := radius(i)
		px, py := x+r*math.Sin(a), y-r*math.Cos(a)
		if i == 0 {
			p.MoveTo(px, py)
		} else {
			p.LineTo(px, py)
		}
	}
	p.Close()
	return p
}

func regular(n int, r, x, y, rot float64) *canvas.Path {
	return polygonPath(n, x, y, rot, func(int) float64 { return r })
}

func star(r, x, y float64) *canvas.Path {
	return polygonPath(10, x, y, 0, func(i int) float64 {
		if i%2 == 1 {
			return r * 0.42
		}
		return r
	})
}

func circle(r, x, y float64) *canvas.Path { return canvas.Circle(r).Translate(x, y) }

// drawSymbol draws the point symbol of f centred at (x, y) pixels.
func (p *painter) drawSymbol(f *plan.Feature, x, y float64, pal Palette) {
	r := p.px(symbolRadius(f))
	line := p.px(0.35)
	var shape *canvas.Path
	var col color.NRGBA
	switch f.Kind {
	case "city":
		if f.ID == "bazhong_city" {
			p.fill(circle(r, x, y), pal.CityFill)
			p.stroke(circle(r, x, y), stroke{color: pal.City, width: 0.5})
			p.fill(circle(r*0.45, x, y), pal.City)
			return
		}
		p.fill(circle(r, x, y), pal.CityFill)
		p.stroke(circle(r, x, y), stroke{color: pal.City, width: 0.45})
		return
	case "overlay":
		p.fill(circle(p.px(1.1), x, y), overlayColor(f))
		p.stroke(circle(p.px(1.1), x, y), stroke{color: pal.CityFill, width: 0.25})
		return
	case "region", "zone":
		// An area known only by a representative point: a dashed ring says "about here".
		p.fill(circle(r*0.5, x, y), pal.RegionLine)
		p.stroke(circle(r*2.4, x, y), stroke{color: pal.RegionLine, width: 0.4, dashes: []float64{1, 0.8}})
		return
	case "airport":
		shape, col = circle(r, x, y), pal.Airport
	case "logistics":
		shape, col = regular(4, r*1.2, x, y, math.Pi/4), pal.Logistics
	case "park":
		shape, col = regular(4, r*1.2, x, y, 0), pal.Industry
	case "energy":
		shape, col = regular(3, r*1.3, x, y+r*0.2, 0), pal.Energy
	case "mineral":
		shape, col = regular(6, r*1.1, x, y, 0), pal.Mineral
	case "product":
		shape, col = regular(8, r, x, y, math.Pi/8), pal.Product
	case "reservoir":
		shape, col = circle(r, x, y), pal.Reservoir
	case "scenic", "geopark":
		shape, col = regular(3, r*1.35, x, y+r*0.25, 0), pal.Scenic
	case "heritage":
		shape, col = star(r*1.45, x, y), pal.Heritage
	default:
		shape, col = circle(r, x, y), pal.RegionLine
	}
	if hollow(f) {
		p.fill(shape, pal.CityFill)
		p.stroke(shape, stroke{color: col, width: 0.55})
	} else {
		p.fill(shape, col)
		p.stroke(shape, stroke{color: pal.CityFill, width: line * p.mmpp})
	}
	switch f.Kind {
	case "airport": // a plane: fuselage and wings
		c := pal.CityFill
		if hollow(f) {
			c = col
		}
		pl := &canvas.Path{}
		pl.MoveTo(x, y-r*0.7)
		pl.LineTo(x, y+r*0.7)
		pl.MoveTo(x-r*0.65, y+r*0.05)
		pl.LineTo(x+r*0.65, y+r*0.05)
		pl.MoveTo(x-r*0.3, y+r*0.6)
		pl.LineTo(x+r*0.3, y+r*0.6)
		p.stroke(pl, stroke{color: c, width: 0.32, round: true})
	case "reservoir": // a wave
		c := pal.CityFill
		if hollow(f) {
			c = col
		}
		w := &canvas.Path{}
		w.MoveTo(x-r*0.6, y)
		w.QuadTo(x-r*0.3, y-r*0.4, x, y)
		w.QuadTo(x+r*0.3, y+r*0.4, x+r*0.6, y)
		p.stroke(w, stroke{color: c, width: 0.3, round: true})
	}
}
