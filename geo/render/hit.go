package render

import (
	"image/color"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/project"

	"github.com/planatlas/planatlas/geo/plan"
)

// hitReach is the farthest (mm on the map) from the pointer that a feature
// can be hit: the largest symbol's radius or half the widest line.
const hitReach = 6.0

// HitTest returns the id of the feature drawn at pixel (x, y), or "" when
// there is none: point symbols first (within tol pixels of the symbol),
// then lines (within tol of the line), then areas (the smallest containing
// one), plan features before the base map. res is the Result of drawing s.
func HitTest(s *Scene, res *Result, x, y, tol float64) string {
	if s.Plan == nil || res == nil {
		return ""
	}
	s = s.withCache()
	pp := s.Cache.prepared(s.Plan)
	tr := s.View.Transform()
	mmpp := s.View.MMPerPixel()
	// The candidates: the plan's features drawn, and the overlay features
	// near the pointer, found in each overlay's index (an overlay can hold
	// a million vertices, and this runs on every mouse move).
	visible := map[string]bool{}
	for _, id := range res.Visible {
		if !isOverlayID(id) {
			visible[id] = true
		}
	}
	var all []*prepared
	for _, pr := range pp.all {
		if visible[pr.id] {
			all = append(all, pr)
		}
	}
	if len(s.Overlays) > 0 {
		r := hitReach/mmpp + tol
		a := project.WGS84.ToMercator(tr.LonLat(x-r, y-r))
		b := project.WGS84.ToMercator(tr.LonLat(x+r, y+r))
		near := orb.Bound{Min: a, Max: a}.Extend(b)
		for _, o := range s.Overlays {
			if o.Visible && o.Layer != nil {
				po := s.Cache.preparedOverlay(o)
				for _, i := range po.visibleIn(near) {
					all = append(all, po.feature(i))
				}
			}
		}
	}
	// isBase: a base-map feature, hit after the plan's and the overlays'.
	isBase := func(pr *prepared) bool { return pr.f != nil && pr.f.Layer == plan.GroupBase }
	best, bestD := "", math.Inf(1)
	for _, pr := range all {
		pt, ok := res.Points[pr.id]
		radius := overlayRadius
		if pr.f != nil {
			radius = symbolRadius(s.Plan, pr.f)
		} else if g, isPt := pr.merc.(orb.Point); !ok && isPt {
			q := tr.Mercator(g) // drawn as a dot, so not in res.Points
			pt, ok = [2]float64{q[0], q[1]}, true
		}
		if !ok {
			continue
		}
		r := radius/mmpp + tol
		if d := math.Hypot(pt[0]-x, pt[1]-y); d <= r && d < bestD {
			best, bestD = pr.id, d
		}
	}
	if best != "" {
		return best
	}
	q := orb.Point{x, y}
	lineHit := func(base bool) string {
		best, bestD := "", math.Inf(1)
		for _, pr := range all {
			if isBase(pr) != base {
				continue
			}
			var lines []orb.LineString
			switch g := pr.merc.(type) {
			case orb.LineString:
				lines = []orb.LineString{g}
			case orb.MultiLineString:
				lines = g
			default:
				continue
			}
			w := overlayLine(color.NRGBA{}).width
			if pr.f != nil {
				for _, sk := range lineStyle(pr.f, s.Theme.Palette()) {
					w = math.Max(w, sk.width)
				}
			}
			limit := w/mmpp/2 + tol
			for _, ls := range lines {
				for i := 1; i < len(ls); i++ {
					a, b := tr.Mercator(ls[i-1]), tr.Mercator(ls[i])
					if d := planar.DistanceFromSegment(a, b, q); d <= limit && d < bestD {
						best, bestD = pr.id, d
					}
				}
			}
		}
		return best
	}
	if id := lineHit(false); id != "" {
		return id
	}
	m := project.WGS84.ToMercator(tr.LonLat(x, y))
	areaHit := func(base bool) string {
		best, bestA := "", math.Inf(1)
		for _, pr := range all {
			if isBase(pr) != base || !pr.bound.Contains(m) {
				continue
			}
			var mp orb.MultiPolygon
			switch g := pr.merc.(type) {
			case orb.Polygon:
				mp = orb.MultiPolygon{g}
			case orb.MultiPolygon:
				mp = g
			default:
				continue
			}
			if planar.MultiPolygonContains(mp, m) {
				if a := planar.Area(mp); a < bestA {
					best, bestA = pr.id, a
				}
			}
		}
		return best
	}
	if id := areaHit(false); id != "" {
		return id
	}
	if id := lineHit(true); id != "" {
		return id
	}
	return areaHit(true)
}

// FeaturesBound returns the lon/lat bound of the features with the given ids.
func FeaturesBound(s *Scene, ids []string) (orb.Bound, bool) {
	var b orb.Bound
	ok := false
	for _, id := range ids {
		f, found := s.Plan.Feature(id)
		if !found {
			continue
		}
		fb := f.Geometry.Bound()
		if !ok {
			b, ok = fb, true
		} else {
			b = b.Union(fb)
		}
	}
	return b, ok
}
