package measure_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/crs"
	"github.com/planatlas/planatlas/geo/measure"
)

// The WGS 84 ellipsoid's area, 510,065,621.724 km² (Karney 2013, and
// GeographicLib's Geodesic::EllipsoidArea).
func TestSurfaceArea(t *testing.T) {
	if got, want := measure.WGS84.SurfaceArea(), 510065621724088.5; math.Abs(got-want) > 1e3 {
		t.Errorf("surface %.1f m², want %.1f m²", got, want)
	}
}

func TestArea(t *testing.T) {
	total := measure.WGS84.SurfaceArea()
	// A 1 km square centred in Bazhong, its corners laid out in a
	// transverse Mercator projection on the square's own meridian (scale
	// 1 there to a few parts in a billion).
	tm := crs.TransverseMercator{A: 6378137, InvF: 298.257223563, Lon0: 106.75, K0: 1, FalseEast: 500000}
	c := tm.Forward(orb.Point{106.75, 31.86})
	corner := func(dx, dy float64) orb.Point { return tm.Inverse(orb.Point{c[0] + dx, c[1] + dy}) }
	square := orb.Ring{corner(-500, -500), corner(500, -500), corner(500, 500), corner(-500, 500), corner(-500, -500)}
	reversed := orb.Ring{square[4], square[3], square[2], square[1], square[0]}
	hole := orb.Ring{corner(-100, -100), corner(100, -100), corner(100, 100), corner(-100, 100)}
	tests := []struct {
		name string
		p    orb.Polygon
		want float64
		tol  float64 // relative
	}{
		// Bounded by the equator and two meridians meeting at the pole:
		// an eighth of the ellipsoid, by symmetry.
		{"octant", orb.Polygon{{{0, 0}, {90, 0}, {90, 90}, {0, 90}, {0, 0}}}, total / 8, 1e-9},
		{"octant, the other way round", orb.Polygon{{{0, 0}, {0, 90}, {90, 90}, {90, 0}, {0, 0}}}, total / 8, 1e-9},
		{"southern octant", orb.Polygon{{{10, 0}, {10, -90}, {100, -90}, {100, 0}}}, total / 8, 1e-9},
		{"1 km square in Bazhong", orb.Polygon{square}, 1e6, 1e-6},
		{"the same, clockwise", orb.Polygon{reversed}, 1e6, 1e-6},
		{"with a 200 m hole", orb.Polygon{square, hole}, 1e6 - 4e4, 1e-6},
		{"too few points", orb.Polygon{{{106, 31}, {107, 31}}}, 0, 0},
		{"empty", orb.Polygon{}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := measure.Area(tt.p)
			if math.Abs(got-tt.want) > tt.tol*tt.want {
				t.Errorf("area %.6f m², want %.6f m² (%.2g relative)", got, tt.want, (got-tt.want)/tt.want)
			}
		})
	}
}

func TestLength(t *testing.T) {
	// Bazhong → Chengdu → Chongqing, each leg from geod (see inverse_test).
	ls := orb.LineString{{106.75, 31.867}, {104.06333, 30.66}}
	if got, want := measure.Length(ls), 288748.075841; math.Abs(got-want) > 1e-3 {
		t.Errorf("length %.6f m, want %.6f m", got, want)
	}
	if got := measure.Length(orb.LineString{{106.75, 31.86}}); got != 0 {
		t.Errorf("one point: %v", got)
	}
}
