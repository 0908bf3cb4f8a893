package annot

import (
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/planatlas/planatlas/geo/guard"
)

// GeoJSON writes the annotations as a FeatureCollection a GIS can open:
// strokes, arrows and lines as LineStrings, rectangles and ellipses as
// Polygons (the ellipse as 72 points), text and pins as Points, each with
// its kind, colour (#RRGGBB), width in mm and words, and the corners of a
// shape so that reading the file back restores it exactly.
func GeoJSON(as []Annotation) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	for _, a := range as {
		var g orb.Geometry
		switch a.Kind {
		case Text, Pin:
			g = a.Points[0]
		case Rect:
			g = orb.Polygon{RectRing(a.Points[0], a.Points[1])}
		case Ellipse:
			g = orb.Polygon{EllipseRing(a.Points[0], a.Points[1], 72)}
		default:
			g = orb.LineString(a.Points)
		}
		f := geojson.NewFeature(g)
		f.Properties["planatlas"] = "annotation"
		f.Properties["kind"] = string(a.Kind)
		f.Properties["colour"] = hexColour(a.Colour)
		f.Properties["width_mm"] = a.Width
		if a.Text != "" {
			f.Properties["text"] = a.Text
		}
		if a.Kind == Rect || a.Kind == Ellipse {
			f.Properties["corners"] = [][]float64{{a.Points[0][0], a.Points[0][1]}, {a.Points[1][0], a.Points[1][1]}}
		}
		fc.Append(f)
	}
	return fc
}

// RectRing is the lon/lat rectangle with corners a and c, closed.
func RectRing(a, c orb.Point) orb.Ring {
	return orb.Ring{a, {c[0], a[1]}, c, {a[0], c[1]}, a}
}

// EllipseRing is the ellipse inscribed in the rectangle with corners a
// and c as it looks on a Web Mercator map, as n points, closed.
func EllipseRing(a, c orb.Point, n int) orb.Ring {
	cx, rx := (a[0]+c[0])/2, math.Abs(c[0]-a[0])/2
	ya, yc := mercY(a[1]), mercY(c[1])
	cy, ry := (ya+yc)/2, math.Abs(yc-ya)/2
	r := make(orb.Ring, 0, n+1)
	for i := 0; i < n; i++ {
		t := 2 * math.Pi * float64(i) / float64(n)
		r = append(r, orb.Point{cx + rx*math.Cos(t), latOfMercY(cy + ry*math.Sin(t))})
	}
	return append(r, r[0])
}

func mercY(lat float64) float64 { return math.Log(math.Tan(math.Pi/4 + lat*math.Pi/360)) }

func latOfMercY(y float64) float64 { return (2*math.Atan(math.Exp(y)) - math.Pi/2) * 180 / math.Pi }

func hexColour(c color.NRGBA) string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

func parseColour(s string) (color.NRGBA, bool) {
	var r, g, b uint8
	if _, err := fmt.Sscanf(strings.TrimSpace(s), "#%02x%02x%02x", &r, &g, &b); err != nil {
		return color.NRGBA{}, false
	}
	return color.NRGBA{r, g, b, 0xFF}, true
}

// FromGeoJSON reads annotations from GeoJSON: the app's own files exactly,
// and a colleague's plain features as the nearest kind (a point as a pin
// named by its "text" or "name", a line as a line or a stroke, a polygon's
// outline as a stroke). It returns what it read and how many features it
// could not use.
func FromGeoJSON(b []byte) ([]Annotation, int, error) {
	// Features are decoded one by one: orb/geojson panics on some bad
	// geometries (a GeometryCollection with null members), and one bad
	// feature must cost only itself.
	var fc struct {
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		return nil, 0, fmt.Errorf("annotations: %w", err)
	}
	var out []Annotation
	skipped := 0
	for _, raw := range fc.Features {
		var a Annotation
		ok := false
		if guard.Run(func() {
			f, err := geojson.UnmarshalFeature(raw)
			if err == nil && f.Geometry != nil {
				a, ok = fromFeature(f)
			}
		}) != nil || !ok || a.Valid() != nil {
			skipped++
			continue
		}
		out = append(out, a)
	}
	return out, skipped, nil
}

func fromFeature(f *geojson.Feature) (Annotation, bool) {
	p := f.Properties
	a := Annotation{Kind: Kind(p.MustString("kind", "")), Colour: Colours[0], Width: Widths[1], Text: p.MustString("text", "")}
	if c, ok := parseColour(p.MustString("colour", "")); ok {
		a.Colour = c
	}
	if w := p.MustFloat64("width_mm", 0); w > 0 && w <= 20 {
		a.Width = w
	}
	if a.Text == "" {
		a.Text = p.MustString("name", "")
	}
	if corners, ok := p["corners"]; ok && (a.Kind == Rect || a.Kind == Ellipse) {
		var cs [][]float64
		if b, err := json.Marshal(corners); err == nil && json.Unmarshal(b, &cs) == nil && len(cs) == 2 && len(cs[0]) == 2 && len(cs[1]) == 2 {
			a.Points = []orb.Point{{cs[0][0], cs[0][1]}, {cs[1][0], cs[1][1]}}
			return a, true
		}
	}
	switch g := f.Geometry.(type) {
	case orb.Point:
		if a.Kind != Text {
			a.Kind = Pin
		}
		a.Points = []orb.Point{g}
	case orb.LineString:
		if !a.Kind.Valid() || a.Kind.Points() == 1 || a.Kind == Rect || a.Kind == Ellipse {
			a.Kind = Pen
			if len(g) == 2 {
				a.Kind = Line
			}
		}
		if a.Kind.Points() == 2 && len(g) != 2 {
			a.Kind = Pen
		}
		a.Points = []orb.Point(g)
	case orb.Polygon:
		if len(g) == 0 {
			return a, false
		}
		if a.Kind == Rect || a.Kind == Ellipse {
			b := g.Bound()
			a.Points = []orb.Point{{b.Min[0], b.Max[1]}, {b.Max[0], b.Min[1]}}
			return a, true
		}
		a.Kind, a.Points = Pen, []orb.Point(g[0])
	default:
		return a, false
	}
	return a, true
}
