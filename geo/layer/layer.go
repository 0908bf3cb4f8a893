package layer

import (
	"context"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/planatlas/planatlas/geo/crs"
)

// Layer is what Plan Atlas read from a file: features in WGS84 lon/lat.
type Layer struct {
	Name     string    // file name without folder
	Path     string    // where it came from
	Format   string    // geojson, kml, kmz, gpx, gpkg, shp
	CRS      string    // the coordinate system the file declared, as it named it
	Fields   []string  // attribute names, in file order
	Features []Feature // in file order, each with a geometry
	// Unplaced are the records without a geometry (a null geometry, a
	// placemark without one, a shapefile's null shape): kept for their
	// attributes, not drawn.
	Unplaced []Feature
	// Encoding names how the file's text was decoded when it was not
	// UTF-8 ("GBK"), and why ("GBK (.cpg)"); empty for UTF-8.
	Encoding string
	// Report counts and names what was left out, and warns.
	Report Report

	// Placed says the coordinates are lon/lat (the reader placed them).
	Placed bool
}

// Feature is one feature of a layer.
type Feature struct {
	Geometry orb.Geometry // nil for an attribute-only record (Layer.Unplaced)
	// Props are the attributes of a feature made in memory (the plan's,
	// for the writers). A layer read from a file keeps its attributes in
	// columns instead (a map per feature took 300 bytes and more): read
	// them with Attr and Attrs, which serve both.
	Props map[string]any

	tab *Table // the layer's attribute columns, when read from a file
	row int32  // this feature's row in tab
	Src Source // where in the file it is, for reports
}

// Attr is the feature's attribute key (nil when it has none).
func (f Feature) Attr(key string) any {
	if f.tab != nil {
		return f.tab.get(int(f.row), key)
	}
	return f.Props[key]
}

// Attrs are the feature's attributes as a map (made afresh for a feature
// read from a file: for showing, not for every frame).
func (f Feature) Attrs() map[string]any {
	if f.tab != nil {
		return f.tab.row(int(f.row))
	}
	if f.Props == nil {
		return map[string]any{}
	}
	return f.Props
}

// Source is where in its file a feature was read, a Place in 8 bytes: a
// feature carries one for every report.
type Source struct {
	kind PlaceKind
	n    int32
}

// At is the Source of a feature read at p.
func At(p Place) Source { return Source{p.Kind, int32(p.N)} }

// Place is the place the Source names.
func (s Source) Place() Place { return Place{Kind: s.kind, N: int(s.n), Byte: -1} }

// Bound returns the lon/lat bound of all the layer's features (zero for
// a layer without features).
func (l *Layer) Bound() orb.Bound {
	var b orb.Bound
	for i, f := range l.Features {
		if f.Geometry == nil {
			continue
		}
		if i == 0 {
			b = f.Geometry.Bound()
		} else {
			b = b.Union(f.Geometry.Bound())
		}
	}
	return b
}

// GeometryTypes says which kinds of geometry the layer holds.
func (l *Layer) GeometryTypes() (points, lines, areas bool) {
	for _, f := range l.Features {
		switch f.Geometry.(type) {
		case orb.Point, orb.MultiPoint:
			points = true
		case orb.LineString, orb.MultiLineString:
			lines = true
		case orb.Polygon, orb.MultiPolygon, orb.Ring:
			areas = true
		}
	}
	return points, lines, areas
}

// Vertices counts the layer's points.
func (l *Layer) Vertices() int {
	n := 0
	for _, f := range l.Features {
		n += CountPoints(f.Geometry)
	}
	return n
}

func CountPoints(g orb.Geometry) int {
	switch g := g.(type) {
	case nil:
		return 0
	case orb.Point:
		return 1
	case orb.MultiPoint:
		return len(g)
	case orb.LineString:
		return len(g)
	case orb.Ring:
		return len(g)
	case orb.MultiLineString:
		n := 0
		for _, l := range g {
			n += len(l)
		}
		return n
	case orb.Polygon:
		n := 0
		for _, r := range g {
			n += len(r)
		}
		return n
	case orb.MultiPolygon:
		n := 0
		for _, p := range g {
			n += CountPoints(p)
		}
		return n
	case orb.Collection:
		n := 0
		for _, c := range g {
			n += CountPoints(c)
		}
		return n
	}
	return 0
}

// Options control reading.
type Options struct {
	// Context cancels a long read.
	Context context.Context
	// Progress, when set, is called now and then with bytes (or features) done and the total.
	Progress func(done, total int64)
	// GCJ02 converts coordinates from GCJ-02 (AMap, Tencent) to WGS84.
	GCJ02 bool
	// MaxBytes refuses larger files (0: 1 GiB).
	MaxBytes int64
	// Helmert, when set, moves files on Xi'an 1980 or Beijing 1954 to
	// WGS 84 with the planner's own seven parameters (without it they are
	// read unshifted, with a warning).
	Helmert *crs.Helmert
	// EPSG is the coordinate system of a file that names none (a DXF
	// drawing); 0 guesses it from the numbers (GuessEPSG).
	EPSG int
	// Near is a lon/lat the data is expected near (the plan's centre): it
	// chooses the zone of Gauss–Krüger eastings written without one.
	Near orb.Point
	// Local keeps a drawing's own coordinates (a city's local grid, 城市独立
	// 坐标系): nothing is placed; the layer's CRS is "local". The app then
	// places it by control points.
	Local bool

	// WorkerFault, for tests only, is called by the feature decoder's
	// workers before each feature, to prove that a fault there becomes a
	// report and not a crash.
	WorkerFault func(i int)
}

func (o Options) Ctx() context.Context {
	if o.Context == nil {
		return context.Background()
	}
	return o.Context
}

func (o Options) Limit() int64 {
	if o.MaxBytes <= 0 {
		return 1 << 30
	}
	return o.MaxBytes
}

// Transform applies fn to every point of g (in place) and returns it.
func Transform(g orb.Geometry, fn func(orb.Point) orb.Point) orb.Geometry {
	switch g := g.(type) {
	case orb.Point:
		return fn(g)
	case orb.MultiPoint:
		for i := range g {
			g[i] = fn(g[i])
		}
	case orb.LineString:
		for i := range g {
			g[i] = fn(g[i])
		}
	case orb.Ring:
		for i := range g {
			g[i] = fn(g[i])
		}
	case orb.MultiLineString:
		for _, l := range g {
			Transform(l, fn)
		}
	case orb.Polygon:
		for _, r := range g {
			Transform(r, fn)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			Transform(p, fn)
		}
	case orb.Collection:
		for i := range g {
			g[i] = Transform(g[i], fn)
		}
	}
	return g
}

// CheckLonLat rejects coordinates that are not lon/lat after conversion:
// usually a projected file without (or with a wrong) .prj.
func CheckLonLat(g orb.Geometry) error {
	b := g.Bound()
	if b.Min[0] < -180 || b.Max[0] > 180 || b.Min[1] < -90 || b.Max[1] > 90 {
		return NewFault(ProblemNotLonLat, "", fmt.Sprintf("%v–%v", b.Min, b.Max))
	}
	return nil
}
