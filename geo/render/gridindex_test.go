package render

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// The grid index returns every feature whose centre lies in a query, for
// spread, clustered, single and empty layers.
func TestGridIndexFindsEveryCentre(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	spread := func(n int) []orb.Point {
		ps := make([]orb.Point, n)
		for i := range ps {
			ps[i] = orb.Point{1.18e7 + rng.Float64()*2e5, 3.7e6 + rng.Float64()*1.5e5}
		}
		return ps
	}
	clustered := func(n int) []orb.Point {
		ps := make([]orb.Point, n)
		for i := range ps {
			c := float64(i % 3)
			ps[i] = orb.Point{1.18e7 + c*1e5 + rng.NormFloat64()*300, 3.7e6 + c*5e4 + rng.NormFloat64()*300}
		}
		return ps
	}
	tests := []struct {
		name string
		pts  []orb.Point
	}{
		{"spread", spread(20000)},
		{"clustered", clustered(20000)},
		{"one", []orb.Point{{1.2e7, 3.7e6}}},
		{"none", nil},
		{"a line of points", func() []orb.Point {
			ps := make([]orb.Point, 500)
			for i := range ps {
				ps[i] = orb.Point{1.18e7 + float64(i)*10, 3.7e6}
			}
			return ps
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGridIndex(len(tt.pts), func(i int) orb.Point { return tt.pts[i] })
			for k := 0; k < 200; k++ {
				x, y := 1.179e7+rng.Float64()*2.2e5, 3.69e6+rng.Float64()*1.7e5
				q := orb.Bound{Min: orb.Point{x, y}, Max: orb.Point{x + rng.Float64()*4e4, y + rng.Float64()*4e4}}
				if k == 0 {
					q = orb.Bound{Min: orb.Point{-2e7, -2e7}, Max: orb.Point{2e7, 2e7}}
				}
				got := map[int]bool{}
				g.each(q, func(i int) { got[i] = true })
				for i, p := range tt.pts {
					if q.Contains(p) && !got[i] {
						t.Fatalf("query %v: feature %d at %v not found", q, i, p)
					}
				}
			}
			if len(tt.pts) > 0 && g.bytes() > int64(len(tt.pts))*5+64 {
				t.Errorf("index of %d features takes %d bytes", len(tt.pts), g.bytes())
			}
		})
	}
}
