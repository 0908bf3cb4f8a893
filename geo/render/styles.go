package render

import (
	"hash/fnv"
	"image/color"
	"math"
	"strconv"

	"github.com/tdewolff/canvas"

	"github.com/planatlas/planatlas/geo/plan"
)

// kindStyle is how one kind of plan feature looks: its colour, the
// symbol of its points, the strokes of its lines, the fill and outline of
// its areas. kindStyles is the library of the classes a plan's kinds are
// drawn as: drawing, the legend and the plan-data exports (KindColour) read it.
type kindStyle struct {
	colour func(Palette) color.NRGBA // the kind's own colour
	symbol symbol                    // the shape of its points
	radius float64                   // half-size of its point symbol, mm
	// lines returns the strokes of a line, bottom first; dash is the
	// feature's stage's dash pattern. Nil: a thin line in the kind's colour.
	lines func(pal Palette, dash []float64, f *plan.Feature) []stroke
	// area returns an area's fill and outline. Nil: a dashed outline in
	// the region colour, no fill.
	area   func(pal Palette) (color.NRGBA, stroke)
	staged bool // lines drawn by stage: the legend explains the dashes
}

// railInner is the white ladder inside a railway line.
func railInner(pal Palette, w float64) stroke {
	return stroke{color: pal.RailInner, width: w, dashes: []float64{2.2, 2.2}}
}

var kindStyles = map[plan.Class]kindStyle{
	plan.ClassProvince: {colour: func(p Palette) color.NRGBA { return p.ProvinceLine },
		// No fill: the background is the provinces' land colour.
		area: func(p Palette) (color.NRGBA, stroke) {
			return color.NRGBA{}, stroke{color: p.ProvinceLine, width: 0.55, dashes: []float64{4, 1, 1, 1}}
		}},
	plan.ClassPrefecture: {colour: func(p Palette) color.NRGBA { return p.NeighbourLine },
		// The province's fill shows through.
		area: func(p Palette) (color.NRGBA, stroke) {
			return color.NRGBA{}, stroke{color: p.NeighbourLine, width: 0.4}
		}},
	plan.ClassCounty: {colour: func(p Palette) color.NRGBA { return p.CountyLine },
		area: func(p Palette) (color.NRGBA, stroke) { return color.NRGBA{}, stroke{color: p.CountyLine, width: 0.22} }},
	plan.ClassCityOutline: {colour: func(p Palette) color.NRGBA { return p.HomeLine },
		area: func(p Palette) (color.NRGBA, stroke) { return p.Home, stroke{color: p.HomeLine, width: 1.0} }},
	plan.ClassRiver: {colour: func(p Palette) color.NRGBA { return p.Water },
		lines: func(p Palette, _ []float64, f *plan.Feature) []stroke {
			return []stroke{{color: p.Water, width: riverWidth(level(f))}}
		}},
	plan.ClassCity:   {colour: func(p Palette) color.NRGBA { return p.City }, symbol: symCity, radius: 1.4},
	plan.ClassRegion: {colour: func(p Palette) color.NRGBA { return p.RegionLine }, symbol: symRegion, radius: 1.6},
	plan.ClassZone:   {colour: func(p Palette) color.NRGBA { return p.RegionLine }, symbol: symRegion, radius: 1.6},
	plan.ClassRole: {colour: func(p Palette) color.NRGBA { return p.Roles[0] },
		area: func(p Palette) (color.NRGBA, stroke) {
			return p.Roles[0], stroke{color: p.HomeLine, width: 0.35, dashes: []float64{2, 0.8}}
		}},
	plan.ClassHSR: {colour: func(p Palette) color.NRGBA { return p.HSR }, staged: true,
		lines: func(p Palette, dash []float64, _ *plan.Feature) []stroke {
			return []stroke{{color: p.HSR, width: 1.5, dashes: dash}, railInner(p, 0.6)}
		}},
	plan.ClassRail: {colour: func(p Palette) color.NRGBA { return p.Rail }, staged: true,
		lines: func(p Palette, dash []float64, _ *plan.Feature) []stroke {
			return []stroke{{color: p.Rail, width: 1.1, dashes: dash}, railInner(p, 0.45)}
		}},
	plan.ClassIntercity: {colour: func(p Palette) color.NRGBA { return p.Intercity }, staged: true,
		lines: func(p Palette, dash []float64, _ *plan.Feature) []stroke {
			return []stroke{{color: p.Intercity, width: 1.2, dashes: dash}, railInner(p, 0.45)}
		}},
	plan.ClassExpressway: {colour: func(p Palette) color.NRGBA { return p.Expressway }, staged: true,
		lines: func(p Palette, dash []float64, _ *plan.Feature) []stroke {
			return []stroke{{color: p.Expressway, width: 1.5, dashes: dash}, {color: p.ExpressInner, width: 0.55}}
		}},
	plan.ClassRoad: {colour: func(p Palette) color.NRGBA { return p.Road }, staged: true,
		lines: func(p Palette, dash []float64, _ *plan.Feature) []stroke {
			return []stroke{{color: p.Road, width: 0.9, dashes: dash, round: dash == nil}}
		}},
	plan.ClassAirport:   {colour: func(p Palette) color.NRGBA { return p.Airport }, symbol: symAirport, radius: 1.9},
	plan.ClassLogistics: {colour: func(p Palette) color.NRGBA { return p.Logistics }, symbol: symSquare, radius: 1.9},
	plan.ClassPark:      {colour: func(p Palette) color.NRGBA { return p.Industry }, symbol: symDiamond, radius: 1.9},
	plan.ClassEnergy:    {colour: func(p Palette) color.NRGBA { return p.Energy }, symbol: symTriangle, radius: 1.9},
	plan.ClassMineral:   {colour: func(p Palette) color.NRGBA { return p.Mineral }, symbol: symHexagon, radius: 1.9},
	plan.ClassProduct:   {colour: func(p Palette) color.NRGBA { return p.Product }, symbol: symOctagon, radius: 1.9},
	plan.ClassReservoir: {colour: func(p Palette) color.NRGBA { return p.Reservoir }, symbol: symReservoir, radius: 1.9},
	plan.ClassCorridor: {colour: func(p Palette) color.NRGBA { return p.Eco },
		lines: func(p Palette, _ []float64, _ *plan.Feature) []stroke {
			return []stroke{{color: alpha(p.Eco, 90), width: 4.5, round: true}}
		}},
	plan.ClassScenic: {colour: func(p Palette) color.NRGBA { return p.Scenic }, symbol: symScenic, radius: 1.9,
		area: scenicArea},
	plan.ClassGeopark: {colour: func(p Palette) color.NRGBA { return p.Scenic }, symbol: symScenic, radius: 1.9,
		area: scenicArea},
	plan.ClassHeritage: {colour: func(p Palette) color.NRGBA { return p.Heritage }, symbol: symStar, radius: 1.9,
		lines: func(p Palette, _ []float64, _ *plan.Feature) []stroke {
			return []stroke{{color: p.Heritage, width: 0.7, dashes: []float64{2.4, 1, 0.4, 1}}}
		}},
	plan.ClassRoute: {colour: func(p Palette) color.NRGBA { return p.Route },
		lines: func(p Palette, _ []float64, _ *plan.Feature) []stroke {
			return []stroke{{color: p.Route, width: 0.8, dashes: []float64{0.01, 1.3}, round: true}}
		}},
}

// riverWidth is a river's line width (mm) by its class, 1 the largest.
func riverWidth(class int) float64 {
	switch class {
	case 1:
		return 1.0
	case 2:
		return 0.8
	case 3:
		return 0.55
	}
	return 0.45
}

func scenicArea(p Palette) (color.NRGBA, stroke) {
	return alpha(p.Scenic, 45), stroke{color: p.Scenic, width: 0.5, dashes: []float64{1.6, 0.8}}
}

// styleOf returns how feature f is drawn: its class's style from the
// library, with what its kind's definition says over it. A kind with no
// class is drawn by its geometry: a circle, a line, a filled area, in its
// own colour or one of the qualitative colours picked by its id.
func styleOf(f *plan.Feature) kindStyle {
	base, ok := kindStyles[f.Class]
	var st plan.Style
	if f.Def != nil {
		st = f.Def.Style
	}
	if !ok {
		base = genericStyle(f)
	}
	if st.Symbol == "" && st.Size == 0 && st.Colour == "" && st.Width == 0 && st.Dash == nil && st.Fill == "" && st.Outline == "" && !st.Staged {
		return base
	}
	return overStyle(base, st, ok)
}

// genericStyle is the style of a kind outside the library: a colour by
// its place in the legend, so that a package's kinds in a row differ, or
// by its id when the package gives no legend order.
func genericStyle(f *plan.Feature) kindStyle {
	n := uint32(0)
	if f.Def != nil && f.Def.LegendOrder > 0 {
		n = uint32(f.Def.LegendOrder)
	} else {
		h := fnv.New32a()
		h.Write([]byte(f.Kind))
		n = h.Sum32()
	}
	c := qualitative[n%uint32(len(qualitative))]
	return kindStyle{colour: func(Palette) color.NRGBA { return c }, symbol: symCircle, radius: 1.7,
		lines: func(_ Palette, dash []float64, _ *plan.Feature) []stroke {
			return []stroke{{color: c, width: 0.9, dashes: dash}}
		},
		area: func(Palette) (color.NRGBA, stroke) { return alpha(c, 60), stroke{color: c, width: 0.5} }}
}

// qualitative are distinct colours, readable on both themes' land, for
// kinds a package does not colour (after ColorBrewer's Dark2 and Set1).
var qualitative = []color.NRGBA{
	{0x1b, 0x9e, 0x77, 0xff}, {0xd9, 0x5f, 0x02, 0xff}, {0x75, 0x70, 0xb3, 0xff}, {0xe7, 0x29, 0x8a, 0xff},
	{0x66, 0xa6, 0x1e, 0xff}, {0xa6, 0x76, 0x1d, 0xff}, {0x37, 0x7e, 0xb8, 0xff}, {0xe4, 0x1a, 0x1c, 0xff},
}

// symbolNames are the point symbols a package may name.
var symbolNames = map[string]symbol{"circle": symCircle, "square": symSquare, "diamond": symDiamond, "triangle": symTriangle,
	"hexagon": symHexagon, "octagon": symOctagon, "star": symStar, "ring": symRegion, "airport": symAirport, "reservoir": symReservoir, "scenic": symScenic}

// ParseColour reads "#rrggbb" or "#rrggbbaa".
func ParseColour(s string) (color.NRGBA, bool) {
	if len(s) != 7 && len(s) != 9 || s[0] != '#' {
		return color.NRGBA{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.NRGBA{}, false
	}
	if len(s) == 7 {
		return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}, true
	}
	return color.NRGBA{uint8(v >> 24), uint8(v >> 16), uint8(v >> 8), uint8(v)}, true
}

// overStyle puts what a package's style says over a base style.
func overStyle(base kindStyle, st plan.Style, classed bool) kindStyle {
	out := base
	if sym, ok := symbolNames[st.Symbol]; ok {
		out.symbol = sym
	}
	if st.Size > 0 {
		out.radius = st.Size
	}
	if st.Staged {
		out.staged = true
	}
	col, hasCol := ParseColour(st.Colour)
	if !hasCol { // an area kind's colour is its outline's, or its fill's
		if col, hasCol = ParseColour(st.Outline); !hasCol {
			if col, hasCol = ParseColour(st.Fill); hasCol {
				col.A = 0xff
			}
		}
	}
	if hasCol {
		out.colour = func(Palette) color.NRGBA { return col }
	}
	if hasCol || st.Width > 0 || st.Dash != nil || !classed {
		baseLines := base.lines
		out.lines = func(pal Palette, dash []float64, f *plan.Feature) []stroke {
			var ss []stroke
			if baseLines != nil {
				ss = baseLines(pal, dash, f)
			}
			if len(ss) == 0 {
				ss = []stroke{{color: out.colour(pal), width: 0.9, dashes: dash}}
			}
			ss = append([]stroke(nil), ss...)
			if hasCol {
				ss[0].color = col
			}
			if st.Width > 0 {
				ss[0].width = st.Width
			}
			if st.Dash != nil && !st.Staged {
				ss[0].dashes = st.Dash
			}
			return ss
		}
	}
	fill, hasFill := ParseColour(st.Fill)
	line, hasLine := ParseColour(st.Outline)
	if !hasLine && hasCol {
		line, hasLine = col, true
	}
	if hasFill || hasLine || st.Width > 0 || st.Dash != nil {
		baseArea := base.area
		out.area = func(pal Palette) (color.NRGBA, stroke) {
			f, ln := color.NRGBA{}, stroke{color: pal.RegionLine, width: 0.5}
			if baseArea != nil {
				f, ln = baseArea(pal)
			}
			if hasFill {
				f = fill
			}
			if hasLine {
				ln.color = line
			}
			if st.Width > 0 {
				ln.width = st.Width
			}
			if st.Dash != nil {
				ln.dashes = st.Dash
			}
			return f, ln
		}
	}
	return out
}

// KindColour returns the colour that stands for kind k of plan p in theme
// t: the colour of its symbol or line on the map. The plan-data exports
// (KML) and the app's layer swatches use it.
func KindColour(t Theme, p *plan.Plan, k plan.Kind) color.NRGBA {
	f := &plan.Feature{Kind: k}
	if def, ok := p.Kind(k); ok {
		f.Def, f.Class = def, def.Class
	}
	return styleOf(f).colour(t.Palette())
}

// lineStyle returns the strokes of a plan line feature, bottom first.
func lineStyle(f *plan.Feature, pal Palette) []stroke {
	dash := stageDash(f.Stage)
	if ls := styleOf(f).lines; ls != nil {
		return ls(pal, dash, f)
	}
	return []stroke{{color: pal.RegionLine, width: 0.6, dashes: dash}}
}

// areaStyle returns the fill and outline of a plan area feature. A
// division's role area is filled in the colour of its place among the
// plan's roles.
func areaStyle(p *plan.Plan, f *plan.Feature, pal Palette) (fill color.NRGBA, line stroke) {
	st := styleOf(f)
	if st.area == nil {
		return color.NRGBA{}, stroke{color: pal.RegionLine, width: 0.5, dashes: []float64{2.2, 1.2}}
	}
	fill, line = st.area(pal)
	if f.Class == plan.ClassRole && p != nil {
		fill = pal.role(p.RoleIndex(f.ID))
	}
	return fill, line
}

// overlayLine and overlayArea are how the features of an overlay in
// colour c are drawn.
func overlayLine(c color.NRGBA) stroke { return stroke{color: c, width: 0.4} }

func overlayArea(c color.NRGBA) (color.NRGBA, stroke) { return alpha(c, 50), overlayLine(c) }

// overlayRadius is the half-size (mm) of an overlay point: 12 px across on
// a 96-dpi screen, large enough to see from the back of a room (it was 8).
const overlayRadius = 1.6

// symbol is the shape of a point symbol.
type symbol int

// The point symbols.
const (
	symCircle    symbol = iota // a filled circle
	symCity                    // a white disc ringed in the city colour
	symRegion                  // a dot in a dashed ring: "about here"
	symAirport                 // a circle with a plane
	symDiamond                 // a square on its corner
	symSquare                  // a square
	symTriangle                // a triangle
	symHexagon                 // a hexagon
	symOctagon                 // an octagon
	symReservoir               // a circle with a wave
	symScenic                  // a larger triangle
	symStar                    // a five-pointed star
)

// symbolRadius is the half-size of a point symbol in mm; the plan's
// central city is drawn larger.
func symbolRadius(p *plan.Plan, f *plan.Feature) float64 {
	if f.Class == plan.ClassCity && p != nil && f.ID == p.Info.Centre {
		return 2.2
	}
	if r := styleOf(f).radius; r > 0 {
		return r
	}
	return 1.9
}

// shape returns the outline of a filled symbol of radius r at (x, y).
func (s symbol) shape(x, y, r float64) *canvas.Path {
	switch s {
	case symDiamond: // a vertex up (polygonPath starts at the top)
		return regular(4, r*1.2, x, y, 0)
	case symSquare: // sides level
		return regular(4, r*1.2, x, y, math.Pi/4)
	case symTriangle:
		return regular(3, r*1.3, x, y+r*0.2, 0)
	case symHexagon:
		return regular(6, r*1.1, x, y, 0)
	case symOctagon:
		return regular(8, r, x, y, math.Pi/8)
	case symScenic:
		return regular(3, r*1.35, x, y+r*0.25, 0)
	case symStar:
		return star(r*1.45, x, y)
	}
	return circle(r, x, y)
}
