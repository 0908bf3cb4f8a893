package plan

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/project"
	"github.com/paulmach/orb/simplify"
)

// LabelAnchor finds where an area's label sits best: a point well inside
// its largest part, far from its edges (the pole of inaccessibility, by a
// grid search refined twice, in Web Mercator on the outline simplified to
// about 300 m), in lon/lat rounded to 1e-6° (about 0.1 m). Points and
// lines get the centre of their bound. The plan's anchors are computed once,
// when its layers are generated (label_at), not in every process.
func LabelAnchor(g orb.Geometry) orb.Point {
	var mp orb.MultiPolygon
	switch g := g.(type) {
	case orb.Polygon:
		mp = orb.MultiPolygon{g}
	case orb.MultiPolygon:
		mp = g
	default:
		return g.Bound().Center()
	}
	merc := project.MultiPolygon(mp.Clone(), project.WGS84.ToMercator)
	merc = simplify.DouglasPeucker(300).MultiPolygon(merc)
	p := project.Mercator.ToWGS84(poleOfInaccessibility(merc))
	round := func(v float64) float64 { return math.Round(v*1e6) / 1e6 }
	return orb.Point{round(p[0]), round(p[1])}
}

// poleOfInaccessibility finds a point of the largest polygon far from its
// edges (planar coordinates).
func poleOfInaccessibility(mp orb.MultiPolygon) orb.Point {
	best, bestA := mp[0], 0.0
	for _, pg := range mp {
		if a := math.Abs(planar.Area(pg)); a > bestA {
			best, bestA = pg, a
		}
	}
	b := best.Bound()
	mid := b.Center()
	center, cd := mid, -1.0
	for round := 0; round < 3; round++ {
		const n = 16
		w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
		for i := 0; i <= n; i++ {
			for j := 0; j <= n; j++ {
				q := orb.Point{b.Min[0] + w*float64(i)/n, b.Min[1] + h*float64(j)/n}
				if !planar.PolygonContains(best, q) {
					continue
				}
				// Ties (a rectangle's middle line) go to the point nearest the middle.
				if d := distToRings(best, q); d > cd || (d == cd && planar.DistanceSquared(q, mid) < planar.DistanceSquared(center, mid)) {
					center, cd = q, d
				}
			}
		}
		b = orb.Bound{Min: orb.Point{center[0] - w/8, center[1] - h/8}, Max: orb.Point{center[0] + w/8, center[1] + h/8}}
	}
	return center
}

func distToRings(pg orb.Polygon, q orb.Point) float64 {
	d := math.Inf(1)
	for _, r := range pg {
		for i := 1; i < len(r); i++ {
			if s := planar.DistanceFromSegment(r[i-1], r[i], q); s < d {
				d = s
			}
		}
	}
	return d
}
