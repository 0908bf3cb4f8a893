package render

import (
	"math"
	"math/rand"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"
)

func randomWalk(r *rand.Rand, n int, step float64) orb.LineString {
	ls := make(orb.LineString, n)
	x, y := 1e6*r.Float64(), 1e6*r.Float64()
	for i := range ls {
		a := r.Float64() * 2 * math.Pi
		x, y = x+step*math.Cos(a), y+step*math.Sin(a)
		ls[i] = orb.Point{x, y}
	}
	return ls
}

func closed(ls orb.LineString) orb.Ring {
	return orb.Ring(append(ls, ls[0]))
}

// The ranking gives, at every tolerance, exactly the vertices orb's
// Douglas–Peucker keeps.
func TestRankedMatchesDouglasPeucker(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	geoms := []struct {
		name string
		g    orb.Geometry
	}{
		{"point", orb.Point{1, 2}},
		{"two-point line", orb.LineString{{0, 0}, {10, 10}}},
		{"straight line", orb.LineString{{0, 0}, {1, 0}, {2, 0}, {3, 0}}},
		{"random walk", randomWalk(r, 2000, 40)},
		{"multiline", orb.MultiLineString{randomWalk(r, 300, 10), randomWalk(r, 3, 500), randomWalk(r, 1000, 1)}},
		{"polygon with hole", orb.Polygon{closed(randomWalk(r, 500, 30)), closed(randomWalk(r, 50, 3))}},
		{"multipolygon", orb.MultiPolygon{{closed(randomWalk(r, 400, 100))}, {closed(randomWalk(r, 8, 2))}}},
		{"collection", orb.Collection{randomWalk(r, 200, 20), orb.Point{5, 5}, orb.Polygon{closed(randomWalk(r, 60, 9))}}},
	}
	for _, tc := range geoms {
		rk := newRanked(tc.g)
		for _, tol := range []float64{0.1, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, 1024, 1 << 16} {
			got := rk.at(tol)
			var want orb.Geometry
			if tol < rankFloor {
				want = tc.g
			} else {
				want = simplify.DouglasPeucker(tol).Simplify(orb.Clone(tc.g))
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s at %v: ranked gives %d vertices, Douglas–Peucker %d", tc.name, tol, count(got), count(want))
			}
		}
	}
}

func count(g orb.Geometry) int {
	n := 0
	eachPart(g, func(ls []orb.Point) { n += len(ls) })
	return n
}

// Ranking a million vertices happens once, when an overlay is loaded.
func BenchmarkRank1M(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	lines := make([]orb.LineString, 1000)
	for i := range lines {
		lines[i] = randomWalk(r, 1000, 40)
	}
	for b.Loop() {
		for _, ls := range lines {
			newRanked(ls)
		}
	}
}

// A new level of detail for a million ranked vertices.
func BenchmarkRankedLevel1M(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	rks := make([]*ranked, 1000)
	for i := range rks {
		rks[i] = newRanked(randomWalk(r, 1000, 40))
	}
	for b.Loop() {
		for _, rk := range rks {
			rk.at(64)
		}
	}
}
