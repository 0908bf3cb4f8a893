package sources

import (
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// local is an equirectangular frame in kilometres around a reference
// latitude, accurate enough for drawing schematic shapes a few hundred
// kilometres across.
type local struct{ lat0, kx, ky float64 }

func newLocal(pts []orb.Point) local {
	var s float64
	for _, p := range pts {
		s += p[1]
	}
	lat0 := s / float64(len(pts))
	return local{lat0, 111.32 * math.Cos(lat0*math.Pi/180), 110.57}
}

func (l local) to(p orb.Point) orb.Point   { return orb.Point{p[0] * l.kx, p[1] * l.ky} }
func (l local) from(p orb.Point) orb.Point { return orb.Point{p[0] / l.kx, p[1] / l.ky} }

// round keeps 5 decimals (about 1 m): schematic geometry claims no more.
func round(p orb.Point) orb.Point {
	return orb.Point{math.Round(p[0]*1e5) / 1e5, math.Round(p[1]*1e5) / 1e5}
}

// SchematicLine draws a smooth curve through the waypoints, in order: a
// centripetal Catmull–Rom spline, which passes through every waypoint and
// neither loops nor overshoots between close ones. steps is the number of
// segments between two waypoints. Two waypoints give a straight line.
func SchematicLine(pts []orb.Point, steps int) orb.LineString {
	if len(pts) < 2 {
		return nil
	}
	l := newLocal(pts)
	q := make([]orb.Point, 0, len(pts)+2)
	for _, p := range pts {
		q = append(q, l.to(p))
	}
	// Phantom end points continue the first and last segments.
	first := orb.Point{2*q[0][0] - q[1][0], 2*q[0][1] - q[1][1]}
	n := len(q)
	last := orb.Point{2*q[n-1][0] - q[n-2][0], 2*q[n-1][1] - q[n-2][1]}
	q = append([]orb.Point{first}, append(q, last)...)
	out := orb.LineString{round(pts[0])}
	for i := 1; i+2 < len(q); i++ {
		for s := 1; s <= steps; s++ {
			if s == steps {
				out = append(out, round(pts[i]))
				continue
			}
			out = append(out, round(l.from(catmullRom(q[i-1], q[i], q[i+1], q[i+2], float64(s)/float64(steps)))))
		}
	}
	return out
}

// catmullRom evaluates the centripetal (α = 0.5) Catmull–Rom segment between
// p1 and p2 at t ∈ [0, 1] (Barry–Goldman pyramid).
func catmullRom(p0, p1, p2, p3 orb.Point, t float64) orb.Point {
	knot := func(ti float64, a, b orb.Point) float64 {
		d := math.Hypot(b[0]-a[0], b[1]-a[1])
		return ti + math.Max(math.Sqrt(d), 1e-9)
	}
	t0 := 0.0
	t1 := knot(t0, p0, p1)
	t2 := knot(t1, p1, p2)
	t3 := knot(t2, p2, p3)
	u := t1 + (t2-t1)*t
	lerp := func(a, b orb.Point, ta, tb float64) orb.Point {
		w := (u - ta) / (tb - ta)
		return orb.Point{a[0]*(1-w) + b[0]*w, a[1]*(1-w) + b[1]*w}
	}
	a1, a2, a3 := lerp(p0, p1, t0, t1), lerp(p1, p2, t1, t2), lerp(p2, p3, t2, t3)
	b1, b2 := lerp(a1, a2, t0, t2), lerp(a2, a3, t1, t3)
	return lerp(b1, b2, t1, t2)
}

// RoundedHull draws a schematic area around member places: the convex hull
// of discs of radius km around each, as one counter-clockwise ring.
func RoundedHull(pts []orb.Point, km float64) orb.Polygon {
	l := newLocal(pts)
	var cloud []orb.Point
	const n = 48
	for _, p := range pts {
		c := l.to(p)
		for i := 0; i < n; i++ {
			a := 2 * math.Pi * float64(i) / n
			cloud = append(cloud, orb.Point{c[0] + km*math.Cos(a), c[1] + km*math.Sin(a)})
		}
	}
	hull := convexHull(cloud)
	ring := make(orb.Ring, 0, len(hull)+1)
	for _, p := range hull {
		ring = append(ring, round(l.from(p)))
	}
	ring = append(ring, ring[0])
	return orb.Polygon{ring}
}

// convexHull returns the hull of pts counter-clockwise (Andrew's monotone chain).
func convexHull(pts []orb.Point) []orb.Point {
	p := append([]orb.Point(nil), pts...)
	sort.Slice(p, func(i, j int) bool {
		if p[i][0] != p[j][0] {
			return p[i][0] < p[j][0]
		}
		return p[i][1] < p[j][1]
	})
	cross := func(o, a, b orb.Point) float64 {
		return (a[0]-o[0])*(b[1]-o[1]) - (a[1]-o[1])*(b[0]-o[0])
	}
	var h []orb.Point
	for _, q := range p {
		for len(h) >= 2 && cross(h[len(h)-2], h[len(h)-1], q) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, q)
	}
	lower := len(h) + 1
	for i := len(p) - 2; i >= 0; i-- {
		q := p[i]
		for len(h) >= lower && cross(h[len(h)-2], h[len(h)-1], q) <= 0 {
			h = h[:len(h)-1]
		}
		h = append(h, q)
	}
	return h[:len(h)-1]
}
