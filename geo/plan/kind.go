package plan

import "slices"

// Kind is the id of one sort of thing a plan maps, as its package names it
// (e.g. "expressway", "生态保护红线"): its names, style and legend row come
// from the package's KindDef.
type Kind string

// Class is a cartographic class the renderer knows how to draw: a kind
// whose definition names one is drawn in that class's style (a railway's
// ladder, a division's boundary), with the kind's own colours and words.
// A kind with no class is drawn by its geometry and its style alone.
type Class string

// The classes of the renderer's style library.
const (
	ClassProvince    Class = "province"     // boundary of a province
	ClassPrefecture  Class = "prefecture"   // boundary of a prefecture-level city
	ClassCounty      Class = "county"       // boundary of a county-level division
	ClassCityOutline Class = "city_outline" // the outline of the plan's own area
	ClassRiver       Class = "river"        // a river, its width by its level
	ClassCity        Class = "city"         // a city as a point
	ClassRegion      Class = "region"       // a region: an area, or a representative point
	ClassRole        Class = "role"         // a division filled by its role in the plan
	ClassZone        Class = "zone"         // a development zone (a region's symbol)
	ClassHSR         Class = "hsr"          // high-speed railway
	ClassRail        Class = "rail"         // railway
	ClassIntercity   Class = "intercity"    // intercity railway
	ClassExpressway  Class = "expressway"   // expressway
	ClassAirport     Class = "airport"      // airport
	ClassRoad        Class = "road"         // highway
	ClassLogistics   Class = "logistics"    // logistics park or hub
	ClassPark        Class = "park"         // industrial park
	ClassEnergy      Class = "energy"       // energy base
	ClassMineral     Class = "mineral"      // mineral resource
	ClassProduct     Class = "product"      // farm product
	ClassReservoir   Class = "reservoir"    // reservoir or water project
	ClassCorridor    Class = "corridor"     // a broad green band along a line
	ClassScenic      Class = "scenic"       // scenic area
	ClassGeopark     Class = "geopark"      // geopark
	ClassHeritage    Class = "heritage"     // heritage site or historic road
	ClassRoute       Class = "route"        // tourism route
)

// Classes lists every class of the style library, sorted.
func Classes() []Class {
	out := []Class{ClassProvince, ClassPrefecture, ClassCounty, ClassCityOutline, ClassRiver, ClassCity, ClassRegion,
		ClassRole, ClassZone, ClassHSR, ClassRail, ClassIntercity, ClassExpressway, ClassAirport, ClassRoad,
		ClassLogistics, ClassPark, ClassEnergy, ClassMineral, ClassProduct, ClassReservoir, ClassCorridor,
		ClassScenic, ClassGeopark, ClassHeritage, ClassRoute}
	slices.Sort(out)
	return out
}

// Valid reports whether c is a class of the style library (the empty
// class, "drawn by geometry", is valid too).
func (c Class) Valid() bool { return c == "" || slices.Contains(Classes(), c) }

// Style is how a kind looks where its package says so; what it leaves
// empty comes from its class, or from its geometry. Colours are "#rrggbb"
// (or "#rrggbbaa"); the renderer darkens nothing, so a package choosing
// colours chooses them for both themes.
type Style struct {
	Symbol  string    `json:"symbol,omitempty"`  // points: circle, square, diamond, triangle, hexagon, octagon, star, ring
	Size    float64   `json:"size,omitempty"`    // points: half-size in mm
	Colour  string    `json:"colour,omitempty"`  // points and lines: the kind's colour
	Width   float64   `json:"width,omitempty"`   // lines and outlines: width in mm
	Dash    []float64 `json:"dash,omitempty"`    // lines and outlines: dash pattern in mm
	Fill    string    `json:"fill,omitempty"`    // areas: fill colour
	Outline string    `json:"outline,omitempty"` // areas: outline colour (the colour when empty)
	Staged  bool      `json:"staged,omitempty"`  // lines dashed by stage (planned, under construction…)
	// MaxScale, above 0, draws the kind only on maps of 1:MaxScale or
	// larger (a town's seat at 1:130,000 and closer, not on the city map).
	MaxScale float64 `json:"max_scale,omitempty"`
}

// KindDef is what a plan package says of one kind.
type KindDef struct {
	ID   Kind `json:"id"`
	Name Text `json:"name"` // the kind's name, in the detail panel and tables
	// Class is the renderer's class it is drawn as ("" for none).
	Class Class `json:"class,omitempty"`
	// Groups are the layer groups its features may be in (any when empty).
	Groups []GroupID `json:"groups,omitempty"`
	Style  Style     `json:"style,omitempty"`
	// Legend is its legend row (its name when empty).
	Legend Text `json:"legend,omitempty"`
	// Legends are its rows for features of one geometry ("point", "line",
	// "area") where they differ from Legend: a region's area and its point.
	Legends map[string]Text `json:"legends,omitempty"`
	// LegendOrder sorts its row among the kinds of its class group (points,
	// lines, areas); lower first.
	LegendOrder int `json:"legend_order,omitempty"`
	// Label says whether its features are named on the map: "" (when room
	// allows), "always" or "never".
	Label string `json:"label,omitempty"`
}

// LegendText is the kind's legend row in lang.
func (k *KindDef) LegendText(lang string) string {
	if s := k.Legend.In(lang); s != "" {
		return s
	}
	if lang == "en" && k.Legend.Zh != "" && k.Name.En == "" {
		return k.Legend.Zh
	}
	return k.NameIn(lang)
}

// LegendFor is the kind's legend row for features of geometry geom
// ("point", "line" or "area") in lang.
func (k *KindDef) LegendFor(geom, lang string) string {
	if t, ok := k.Legends[geom]; ok && t.Or(lang) != "" {
		return t.Or(lang)
	}
	return k.LegendText(lang)
}

// NameIn is the kind's name in lang, falling back to Chinese, then its id.
func (k *KindDef) NameIn(lang string) string {
	if s := k.Name.In(lang); s != "" {
		return s
	}
	if k.Name.Zh != "" {
		return k.Name.Zh
	}
	return string(k.ID)
}

// Kind returns the plan's definition of kind k.
func (p *Plan) Kind(k Kind) (*KindDef, bool) {
	for i := range p.Kinds {
		if p.Kinds[i].ID == k {
			return &p.Kinds[i], true
		}
	}
	return nil, false
}

// KindName is the name of the feature's kind in lang ("zh" or "en").
func (f *Feature) KindName(lang string) string {
	if f.Def != nil {
		return f.Def.NameIn(lang)
	}
	return string(f.Kind)
}

// KindOf returns the first kind the plan draws as class c, nil when none.
func (p *Plan) KindOf(c Class) *KindDef {
	for i := range p.Kinds {
		if p.Kinds[i].Class == c {
			return &p.Kinds[i]
		}
	}
	return nil
}
