package render

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// ranked is a geometry with every vertex ranked by Douglas–Peucker: a
// vertex's rank is the largest tolerance at which Douglas–Peucker would
// still keep it (its own split distance, capped by its ancestors'). One
// full run at load then gives the simplification at any tolerance as a
// linear filter, the same vertices orb's simplify.DouglasPeucker keeps, so
// zooming a million-vertex overlay to a new level costs milliseconds, not a
// new simplification.
type ranked struct {
	g     orb.Geometry
	ranks []float64 // squared rank of each vertex, parts in the order eachPart visits them
}

// rankFloor is the finest tolerance ranked (Mercator metres): vertices
// whose deviation is below it get rank 0 and a tolerance under it returns
// the geometry itself.
const rankFloor = 0.25

func newRanked(g orb.Geometry) *ranked {
	r := &ranked{g: g}
	n := 0
	eachPart(g, func(ls []orb.Point) { n += len(ls) })
	r.ranks = make([]float64, n)
	var stack []int
	off := 0
	eachPart(g, func(ls []orb.Point) {
		stack = rankLine(ls, r.ranks[off:off+len(ls)], stack[:0])
		off += len(ls)
	})
	return r
}

// rankLine ranks the vertices of one line (or ring) into w, squared, as
// orb's Douglas–Peucker compares them.
func rankLine(ls []orb.Point, w []float64, stack []int) []int {
	n := len(ls)
	if n == 0 {
		return stack
	}
	w[0], w[n-1] = math.Inf(1), math.Inf(1)
	if n <= 2 {
		return stack
	}
	floor2 := rankFloor * rankFloor
	stack = append(stack, 0, n-1)
	for len(stack) > 0 {
		start, end := stack[len(stack)-2], stack[len(stack)-1]
		stack = stack[:len(stack)-2]
		maxD, maxI := 0.0, 0
		for i := start + 1; i < end; i++ {
			if d := planar.DistanceFromSegmentSquared(ls[start], ls[end], ls[i]); d > maxD {
				maxD, maxI = d, i
			}
		}
		if maxD <= floor2 {
			continue
		}
		// The cap: a vertex is only kept when the split above it was.
		// The segment's newer end is the split that made it; the older end
		// ranks at least as high, so the smaller of the two is the cap.
		w[maxI] = min(maxD, w[start], w[end])
		stack = append(stack, start, maxI, maxI, end)
	}
	return stack
}

// at returns the geometry simplified with tolerance tol (Mercator metres),
// exactly as orb's simplify.DouglasPeucker(tol) would: holes and polygons
// left with two points or fewer are dropped, and an empty result is nil.
func (r *ranked) at(tol float64) orb.Geometry {
	if tol < rankFloor {
		return r.g
	}
	tol2 := tol * tol
	off := 0
	line := func(ls []orb.Point) []orb.Point {
		w := r.ranks[off : off+len(ls)]
		off += len(ls)
		k := 0
		for _, x := range w {
			if x > tol2 {
				k++
			}
		}
		out := make([]orb.Point, 0, k)
		for i, x := range w {
			if x > tol2 {
				out = append(out, ls[i])
			}
		}
		return out
	}
	poly := func(pg orb.Polygon) orb.Polygon {
		out := make(orb.Polygon, 0, len(pg))
		for i, rg := range pg {
			s := orb.Ring(line(rg))
			if i > 0 && len(s) <= 2 {
				continue
			}
			out = append(out, s)
		}
		return out
	}
	// As orb's simplify: an empty result is nil.
	var walk func(g orb.Geometry) orb.Geometry
	walk = func(g orb.Geometry) orb.Geometry {
		switch g := g.(type) {
		case orb.LineString:
			if out := line(g); len(out) > 0 {
				return orb.LineString(out)
			}
		case orb.MultiLineString:
			if out := mapParts(g, func(ls orb.LineString) (orb.LineString, bool) { return line(ls), true }); len(out) > 0 {
				return out
			}
		case orb.Ring:
			if out := line(g); len(out) > 0 {
				return orb.Ring(out)
			}
		case orb.Polygon:
			if out := poly(g); len(out) > 0 {
				return out
			}
		case orb.MultiPolygon:
			if out := mapParts(g, func(pg orb.Polygon) (orb.Polygon, bool) {
				s := poly(pg)
				return s, len(s) > 0 && len(s[0]) > 2
			}); len(out) > 0 {
				return out
			}
		case orb.Collection:
			if out := mapParts(g, func(c orb.Geometry) (orb.Geometry, bool) { return walk(c), true }); len(out) > 0 {
				return out
			}
		default:
			return g
		}
		return nil
	}
	return walk(r.g)
}

// mapParts maps the parts of a multi-geometry with f, keeping those it
// accepts.
func mapParts[S ~[]E, E any](in S, f func(E) (E, bool)) S {
	out := make(S, 0, len(in))
	for _, e := range in {
		if r, ok := f(e); ok {
			out = append(out, r)
		}
	}
	return out
}

// eachPart calls fn with every line and ring of g, in a fixed order.
func eachPart(g orb.Geometry, fn func([]orb.Point)) {
	switch g := g.(type) {
	case orb.LineString:
		fn(g)
	case orb.MultiLineString:
		for _, ls := range g {
			fn(ls)
		}
	case orb.Ring:
		fn(g)
	case orb.Polygon:
		for _, r := range g {
			fn(r)
		}
	case orb.MultiPolygon:
		for _, pg := range g {
			for _, r := range pg {
				fn(r)
			}
		}
	case orb.Collection:
		for _, c := range g {
			eachPart(c, fn)
		}
	}
}
