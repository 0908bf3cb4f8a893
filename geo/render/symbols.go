package render

import (
	"image/color"
	"math"

	"github.com/tdewolff/canvas"

	"github.com/planatlas/planatlas/geo/plan"
)

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

// drawSymbol draws the point symbol of plan feature f centred at (x, y)
// pixels: its kind's shape in its kind's colour, hollow when not yet built.
func (p *painter) drawSymbol(f *plan.Feature, x, y float64, pal Palette) {
	r := p.px(symbolRadius(p.plan, f))
	st := styleOf(f)
	switch st.symbol {
	case symCity:
		p.fill(circle(r, x, y), pal.CityFill)
		if p.plan != nil && f.ID == p.plan.Info.Centre {
			p.stroke(circle(r, x, y), stroke{color: pal.City, width: 0.5})
			p.fill(circle(r*0.45, x, y), pal.City)
			return
		}
		p.stroke(circle(r, x, y), stroke{color: pal.City, width: 0.45})
		return
	case symRegion:
		p.fill(circle(r*0.5, x, y), pal.RegionLine)
		p.stroke(circle(r*2.4, x, y), stroke{color: pal.RegionLine, width: 0.4, dashes: []float64{1, 0.8}})
		return
	}
	shape, col := st.symbol.shape(x, y, r), st.colour(pal)
	if hollow(f) {
		p.fill(shape, pal.CityFill)
		p.stroke(shape, stroke{color: col, width: 0.55})
	} else {
		p.fill(shape, col)
		p.stroke(shape, stroke{color: pal.CityFill, width: p.px(0.35) * p.mmpp})
	}
	mark := pal.CityFill
	if hollow(f) {
		mark = col
	}
	switch st.symbol {
	case symAirport: // a plane: fuselage and wings
		pl := &canvas.Path{}
		pl.MoveTo(x, y-r*0.7)
		pl.LineTo(x, y+r*0.7)
		pl.MoveTo(x-r*0.65, y+r*0.05)
		pl.LineTo(x+r*0.65, y+r*0.05)
		pl.MoveTo(x-r*0.3, y+r*0.6)
		pl.LineTo(x+r*0.3, y+r*0.6)
		p.stroke(pl, stroke{color: mark, width: 0.32, round: true})
	case symReservoir: // a wave
		w := &canvas.Path{}
		w.MoveTo(x-r*0.6, y)
		w.QuadTo(x-r*0.3, y-r*0.4, x, y)
		w.QuadTo(x+r*0.3, y+r*0.4, x+r*0.6, y)
		p.stroke(w, stroke{color: mark, width: 0.3, round: true})
	}
}

// drawOverlayPoint draws a point of an overlay in colour c at (x, y) pixels.
func (p *painter) drawOverlayPoint(c color.NRGBA, x, y float64, pal Palette) {
	p.fill(circle(p.px(overlayRadius), x, y), c)
	p.stroke(circle(p.px(overlayRadius), x, y), stroke{color: pal.CityFill, width: 0.35})
}
