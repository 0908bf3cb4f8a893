package measure

import (
	"math"

	"github.com/paulmach/orb"
)

// Area returns the area of a polygon whose edges are geodesics on WGS 84,
// in square metres: the outer ring's less its holes'. Rings may run either
// way round; a polygon must not contain a pole.
func Area(p orb.Polygon) float64 { return WGS84.Area(p) }

// Area returns the geodesic area of p on el (see the package function).
func (el Ellipsoid) Area(p orb.Polygon) float64 {
	if len(p) == 0 {
		return 0
	}
	a := el.RingArea(p[0])
	for _, h := range p[1:] {
		a -= el.RingArea(h)
	}
	return math.Max(a, 0)
}

// RingArea returns the area a closed ring of lon/lat points encloses (the
// ring is closed implicitly when its last point is not its first).
//
// Each geodesic edge is integrated in Lambert's cylindrical equal-area
// projection of the ellipsoid (x = aλ, y = a·q(φ)/2), where area is
// preserved, as ∮ y dx along the geodesic itself: the edge is followed on
// the auxiliary sphere and the integral taken by Gauss–Legendre quadrature,
// so no edge is approximated by a straight line.
func (el Ellipsoid) RingArea(r orb.Ring) float64 {
	n := len(r)
	if n > 1 && r[0] == r[n-1] {
		n--
	}
	if n < 3 {
		return 0
	}
	d := el.derived()
	var sum float64
	for i := 0; i < n; i++ {
		sum += d.edgeIntegral(r[i], r[(i+1)%n])
	}
	return math.Abs(sum)
}

// authalicY is y = a·q(φ)/2 of the cylindrical equal-area projection.
func (d derived) authalicY(sinPhi float64) float64 {
	e := math.Sqrt(d.e2)
	q := (1 - d.e2) * (sinPhi/(1-d.e2*sinPhi*sinPhi) + math.Atanh(e*sinPhi)/e)
	return d.a * q / 2
}

// edgeIntegral returns ∫ y dx along the geodesic from p1 to p2.
func (d derived) edgeIntegral(p1, p2 orb.Point) float64 {
	lat1, lat2 := clampLat(p1[1]), clampLat(p2[1])
	if math.Abs(lat1) == 90 && lat1 == lat2 {
		// Two points at the same pole: in the projection, the pole is a
		// line, and the ring runs along it.
		return d.authalicY(math.Copysign(1, lat1)) * d.a * normDeg(p2[0]-p1[0]) * rad
	}
	// One solve gives the start azimuth and σ12 (the same in every mirror
	// image of the problem).
	g, sig12 := d.inverse(p1, p2)
	if g.Distance == 0 {
		return 0
	}
	sbet1, cbet1 := d.reduced(lat1 * rad)
	salp1, calp1 := math.Sincos(g.Azi1 * rad)
	salp0 := salp1 * cbet1
	calp0 := math.Hypot(calp1, salp1*sbet1)
	sig1 := math.Atan2(sbet1, calp1*cbet1)
	k2 := d.ep2 * calp0 * calp0
	return integrate(func(sig float64) float64 {
		ssig, csig := math.Sincos(sig)
		sbet := calp0 * ssig
		cbet := math.Sqrt(math.Max(0, 1-sbet*sbet))
		sphi := sbet / math.Hypot(sbet, (1-d.f)*cbet)
		domg := salp0 / (csig*csig + salp0*salp0*ssig*ssig)
		dlam := domg - d.f*salp0*(2-d.f)/(1+(1-d.f)*math.Sqrt(1+k2*ssig*ssig))
		return d.authalicY(sphi) * d.a * dlam
	}, sig1, sig1+sig12)
}

// Length returns the geodesic length of a line on WGS 84, in metres.
func Length(ls orb.LineString) float64 { return WGS84.Length(ls) }

// Length returns the geodesic length of ls on el, in metres.
func (el Ellipsoid) Length(ls orb.LineString) float64 {
	var s float64
	for i := 1; i < len(ls); i++ {
		s += el.Inverse(ls[i-1], ls[i]).Distance
	}
	return s
}
