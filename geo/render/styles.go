package render

import (
	"image/color"
	"math"

	"github.com/tdewolff/canvas"

	"github.com/planatlas/planatlas/geo/plan"
)

// kindStyle is how one kind of plan feature looks: its colour, the
// symbol of its points, the strokes of its lines, the fill and outline of
// its areas, and its row in the legend. kindStyles is the one table that
// drawing, the legend and the plan-data exports (KindColour) read.
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
	legend plan.Text // the legend's row ("" when the legend names it otherwise)
	staged bool      // lines drawn by stage: the legend explains the dashes
}

// railInner is the white ladder inside a railway line.
func railInner(pal Palette, w float64) stroke {
	return stroke{color: pal.RailInner, width: w, dashes: []float64{2.2, 2.2}}
}

var kindStyles = map[plan.Kind]kindStyle{
	plan.KindProvince: {colour: func(p Palette) color.NRGBA { return p.ProvinceLine },
		// No fill: the background is the provinces' land colour.
		area: func(p Palette) (color.NRGBA, stroke) {
			return color.NRGBA{}, stroke{color: p.ProvinceLine, width: 0.55, dashes: []float64{4, 1, 1, 1}}
		},
		legend: plan.Text{Zh: "省级界线", En: "provincial boundary"}},
	plan.KindPrefecture: {colour: func(p Palette) color.NRGBA { return p.NeighbourLine },
		// The province's fill shows through.
		area: func(p Palette) (color.NRGBA, stroke) {
			return color.NRGBA{}, stroke{color: p.NeighbourLine, width: 0.4}
		},
		legend: plan.Text{Zh: "市级界线", En: "prefectural boundary"}},
	plan.KindCounty: {colour: func(p Palette) color.NRGBA { return p.CountyLine },
		area:   func(p Palette) (color.NRGBA, stroke) { return color.NRGBA{}, stroke{color: p.CountyLine, width: 0.22} },
		legend: plan.Text{Zh: "县级界线", En: "county boundary"}},
	plan.KindCityOutline: {colour: func(p Palette) color.NRGBA { return p.HomeLine },
		area: func(p Palette) (color.NRGBA, stroke) { return p.Home, stroke{color: p.HomeLine, width: 1.0} }},
	plan.KindRiver: {colour: func(p Palette) color.NRGBA { return p.Water },
		lines: func(p Palette, _ []float64, f *plan.Feature) []stroke {
			return []stroke{{color: p.Water, width: riverWidth(level(f))}}
		},
		legend: plan.Text{Zh: "河流", En: "river"}},
	plan.KindCity: {colour: func(p Palette) color.NRGBA { return p.City }, symbol: symCity, radius: 1.4,
		legend: plan.Text{Zh: "城市", En: "city"}},
	plan.KindRegion: {colour: func(p Palette) color.NRGBA { return p.RegionLine }, symbol: symRegion, radius: 1.6},
	plan.KindZone:   {colour: func(p Palette) color.NRGBA { return p.RegionLine }, symbol: symRegion, radius: 1.6},
	plan.KindRole: {colour: func(p Palette) color.NRGBA { return p.Roles[0] },
		area: func(p Palette) (color.NRGBA, stroke) {
			return p.Roles[0], stroke{color: p.HomeLine, width: 0.35, dashes: []float64{2, 0.8}}
		}},
	plan.KindHSR: {colour: func(p Palette) color.NRGBA { return p.HSR }, staged: true,
		lines: func(p Palette, dash []float64, _ *plan.Feature) []stroke {
			return []stroke{{color: p.HSR, width: 1.5, dashes: dash}, railInner(p, 0.6)}
		},
		legend: plan.Text{Zh: "高速铁路", En: "high-speed railway"}},
	plan.KindRail: {colour: func(p Palette) color.NRGBA { return p.Rail }, staged: true,
		lines: func(p Palette, dash []float64, _ *plan.Feature) []stroke {
			return []stroke{{color: p.Rail, width: 1.1, dashes: dash}, railInner(p, 0.45)}
		},
		legend: plan.Text{Zh: "铁路", En: "railway"}},
	plan.KindIntercity: {colour: func(p Palette) color.NRGBA { return p.Intercity }, staged: true,
		lines: func(p Palette, dash []float64, _ *plan.Feature) []stroke {
			return []stroke{{color: p.Intercity, width: 1.2, dashes: dash}, railInner(p, 0.45)}
		},
		legend: plan.Text{Zh: "城际铁路", En: "intercity railway"}},
	plan.KindExpressway: {colour: func(p Palette) color.NRGBA { return p.Expressway }, staged: true,
		lines: func(p Palette, dash []float64, _ *plan.Feature) []stroke {
			return []stroke{{color: p.Expressway, width: 1.5, dashes: dash}, {color: p.ExpressInner, width: 0.55}}
		},
		legend: plan.Text{Zh: "高速公路", En: "expressway"}},
	plan.KindRoad: {colour: func(p Palette) color.NRGBA { return p.Road }, staged: true,
		lines: func(p Palette, dash []float64, _ *plan.Feature) []stroke {
			return []stroke{{color: p.Road, width: 0.9, dashes: dash, round: dash == nil}}
		},
		legend: plan.Text{Zh: "一级公路", En: "class-1 highway"}},
	plan.KindAirport: {colour: func(p Palette) color.NRGBA { return p.Airport }, symbol: symAirport, radius: 1.9,
		legend: plan.Text{Zh: "机场", En: "airport"}},
	plan.KindLogistics: {colour: func(p Palette) color.NRGBA { return p.Logistics }, symbol: symDiamond, radius: 1.9,
		legend: plan.Text{Zh: "物流园区", En: "logistics park"}},
	plan.KindPark: {colour: func(p Palette) color.NRGBA { return p.Industry }, symbol: symSquare, radius: 1.9,
		legend: plan.Text{Zh: "产业园区", En: "industrial park"}},
	plan.KindEnergy: {colour: func(p Palette) color.NRGBA { return p.Energy }, symbol: symTriangle, radius: 1.9,
		legend: plan.Text{Zh: "能源基地", En: "energy base"}},
	plan.KindMineral: {colour: func(p Palette) color.NRGBA { return p.Mineral }, symbol: symHexagon, radius: 1.9,
		legend: plan.Text{Zh: "石墨产业", En: "graphite industry"}},
	plan.KindProduct: {colour: func(p Palette) color.NRGBA { return p.Product }, symbol: symOctagon, radius: 1.9,
		legend: plan.Text{Zh: "特色农产品", En: "brand farm product"}},
	plan.KindReservoir: {colour: func(p Palette) color.NRGBA { return p.Reservoir }, symbol: symReservoir, radius: 1.9,
		legend: plan.Text{Zh: "水利工程", En: "water project"}},
	plan.KindCorridor: {colour: func(p Palette) color.NRGBA { return p.Eco },
		lines: func(p Palette, _ []float64, _ *plan.Feature) []stroke {
			return []stroke{{color: alpha(p.Eco, 90), width: 4.5, round: true}}
		},
		legend: plan.Text{Zh: "生态廊道(渠江流域)", En: "ecological corridor (Qu basin)"}},
	plan.KindScenic: {colour: func(p Palette) color.NRGBA { return p.Scenic }, symbol: symScenic, radius: 1.9,
		area:   scenicArea,
		legend: plan.Text{Zh: "景区", En: "scenic area"}},
	plan.KindGeopark: {colour: func(p Palette) color.NRGBA { return p.Scenic }, symbol: symScenic, radius: 1.9,
		area:   scenicArea,
		legend: plan.Text{Zh: "地质公园(示意范围)", En: "geopark (schematic extent)"}},
	plan.KindHeritage: {colour: func(p Palette) color.NRGBA { return p.Heritage }, symbol: symStar, radius: 1.9,
		lines: func(p Palette, _ []float64, _ *plan.Feature) []stroke {
			return []stroke{{color: p.Heritage, width: 0.7, dashes: []float64{2.4, 1, 0.4, 1}}}
		},
		legend: plan.Text{Zh: "红色文化遗产", En: "red heritage"}},
	plan.KindRoute: {colour: func(p Palette) color.NRGBA { return p.Route },
		lines: func(p Palette, _ []float64, _ *plan.Feature) []stroke {
			return []stroke{{color: p.Route, width: 0.8, dashes: []float64{0.01, 1.3}, round: true}}
		},
		legend: plan.Text{Zh: "旅游精品线路", En: "tourism route"}},
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

// styleOf returns the style of kind k (a region's for an unknown kind).
func styleOf(k plan.Kind) kindStyle {
	if s, ok := kindStyles[k]; ok {
		return s
	}
	return kindStyles[plan.KindRegion]
}

// KindColour returns the colour that stands for kind k in theme t: the
// colour of its symbol or line on the map. The plan-data exports (KML)
// and the app's layer swatches use it.
func KindColour(t Theme, k plan.Kind) color.NRGBA { return styleOf(k).colour(t.Palette()) }

// lineStyle returns the strokes of a plan line feature, bottom first.
func lineStyle(f *plan.Feature, pal Palette) []stroke {
	dash := stageDash(f.Stage)
	if ls := kindStyles[f.Kind].lines; ls != nil {
		return ls(pal, dash, f)
	}
	return []stroke{{color: pal.RegionLine, width: 0.6, dashes: dash}}
}

// areaStyle returns the fill and outline of a plan area feature. A
// county-role area is filled in the colour of its place among the plan's
// roles.
func areaStyle(p *plan.Plan, f *plan.Feature, pal Palette) (fill color.NRGBA, line stroke) {
	st, ok := kindStyles[f.Kind]
	if !ok || st.area == nil {
		return color.NRGBA{}, stroke{color: pal.RegionLine, width: 0.5, dashes: []float64{2.2, 1.2}}
	}
	fill, line = st.area(pal)
	if f.Kind == plan.KindRole && p != nil {
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
	if f.Kind == plan.KindCity && p != nil && f.ID == p.Info.Centre {
		return 2.2
	}
	if r := kindStyles[f.Kind].radius; r > 0 {
		return r
	}
	return 1.9
}

// shape returns the outline of a filled symbol of radius r at (x, y).
func (s symbol) shape(x, y, r float64) *canvas.Path {
	switch s {
	case symDiamond:
		return regular(4, r*1.2, x, y, math.Pi/4)
	case symSquare:
		return regular(4, r*1.2, x, y, 0)
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
