package layer_test

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/crs"
	"github.com/planatlas/planatlas/geo/layer"
)

// Placing keeps what can be drawn and sets aside what cannot: a shape
// with no points (a polygon none of whose rings had three points, an
// empty collection) is kept for its attributes, never handed to the
// renderer, whose projection of an empty shape is no shape at all.
func TestToLonLatSetsEmptyShapesAside(t *testing.T) {
	for _, c := range []struct {
		name  string
		g     orb.Geometry
		drawn bool
	}{
		{"a point", orb.Point{106.75, 31.87}, true},
		{"a polygon", orb.Polygon{{{106, 31}, {107, 31}, {107, 32}, {106, 31}}}, true},
		{"a nil multipolygon", orb.MultiPolygon(nil), false},
		{"an empty multipolygon", orb.MultiPolygon{}, false},
		{"a polygon of empty rings", orb.Polygon{{}, {}}, false},
		{"an empty line", orb.LineString{}, false},
		{"an empty collection", orb.Collection{}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := &layer.Layer{Features: []layer.Feature{{Geometry: c.g, Props: map[string]any{"name": c.name}}}}
			l.ToLonLat(0, crs.CRS{Name: "EPSG:4326"}, layer.Options{})
			if drawn := len(l.Features) == 1; drawn != c.drawn {
				t.Fatalf("drawn %v, want %v", drawn, c.drawn)
			}
			if !c.drawn {
				if len(l.Unplaced) != 1 || l.Unplaced[0].Geometry != nil || l.Unplaced[0].Attr("name") != c.name {
					t.Errorf("not kept for its attributes: %+v", l.Unplaced)
				}
			}
		})
	}
}
