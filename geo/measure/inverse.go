package measure

import (
	"math"

	"github.com/paulmach/orb"
)

// Geodesic is the shortest line between two points on an ellipsoid.
type Geodesic struct {
	Distance   float64 // metres
	Azi1, Azi2 float64 // azimuth at the start and at the end, degrees clockwise from north, in (-180, 180]
}

// Inverse solves the inverse geodesic problem between two lon/lat points
// (degrees): the distance and the azimuths of the shortest path. Points
// less than a nanometre apart give a zero distance and zero azimuths.
func (el Ellipsoid) Inverse(p1, p2 orb.Point) Geodesic {
	g, _ := el.derived().inverse(p1, p2)
	return g
}

// inverse solves the inverse problem and also returns the arc length on
// the auxiliary sphere, which the area integral follows.
func (d derived) inverse(p1, p2 orb.Point) (Geodesic, float64) {
	lat1, lat2 := clampLat(p1[1]), clampLat(p2[1])
	lon12 := normDeg(p2[0] - p1[0])
	// Canonical form (Karney 2013, §4): λ12 ≥ 0, |φ1| ≥ |φ2|, φ1 ≤ 0.
	lonFlip := lon12 < 0
	if lonFlip {
		lon12 = -lon12
	}
	swapped := math.Abs(lat1) < math.Abs(lat2)
	if swapped {
		lat1, lat2 = lat2, lat1
	}
	latFlip := lat1 > 0
	if latFlip {
		lat1, lat2 = -lat1, -lat2
	}
	s, a1, a2, sig12 := d.canonical(lat1*rad, lat2*rad, lon12*rad)
	if s == 0 {
		return Geodesic{}, 0
	}
	if latFlip {
		a1, a2 = math.Pi-a1, math.Pi-a2
	}
	if swapped {
		// Walking the other way also turns east into west: the swap
		// carries a mirror in the meridian with it.
		a1, a2 = a2+math.Pi, a1+math.Pi
		lonFlip = !lonFlip
	}
	if lonFlip {
		a1, a2 = -a1, -a2
	}
	return Geodesic{Distance: s, Azi1: normDeg(a1 / rad), Azi2: normDeg(a2 / rad)}, sig12
}

const rad = math.Pi / 180

// clampLat keeps a latitude within the poles.
func clampLat(lat float64) float64 { return math.Max(-90, math.Min(90, lat)) }

// normDeg brings an angle in degrees into (-180, 180].
func normDeg(x float64) float64 {
	x = math.Mod(x, 360)
	switch {
	case x <= -180:
		x += 360
	case x > 180:
		x -= 360
	}
	return x
}

// reduced returns sin and cos of the reduced latitude β of φ (radians).
func (d derived) reduced(phi float64) (float64, float64) {
	sb, cb := (1-d.f)*math.Sin(phi), math.Cos(phi)
	h := math.Hypot(sb, cb)
	return sb / h, cb / h
}

// path is a geodesic on the auxiliary sphere, by its start: the point's
// reduced latitude and the azimuth there.
type path struct {
	d            derived
	salp0, calp0 float64 // azimuth where the geodesic crosses the equator northwards
	sig1, sig2   float64 // arc lengths from that crossing to the ends, radians
	omg1, omg2   float64 // longitudes on the auxiliary sphere of the ends
	salp2, calp2 float64 // azimuth at the end
	k2           float64 // e'² cos²α0
	sbet1, cbet1 float64
	sbet2, cbet2 float64
	salp1, calp1 float64
}

// newPath follows the geodesic leaving β1 at azimuth α1 to where it first
// reaches β2 heading north (the canonical configuration guarantees it does).
func (d derived) newPath(sbet1, cbet1, sbet2, cbet2, alp1 float64) path {
	p := path{d: d, sbet1: sbet1, cbet1: cbet1, sbet2: sbet2, cbet2: cbet2}
	p.salp1, p.calp1 = math.Sin(alp1), math.Cos(alp1)
	p.salp0 = p.salp1 * cbet1
	p.calp0 = math.Hypot(p.calp1, p.salp1*sbet1)
	s1 := sbet1
	if s1 == 0 {
		s1 = math.Copysign(0, -1) // the start lies south of (or on) the equator
	}
	p.sig1 = math.Atan2(s1, p.calp1*cbet1)
	p.omg1 = math.Atan2(p.salp0*s1, p.calp1*cbet1)
	// cos α2 cos β2 ≥ 0: the end is reached heading north.
	c := p.calp1*cbet1*p.calp1*cbet1 + (cbet2-cbet1)*(cbet2+cbet1)
	cc := math.Sqrt(math.Max(0, c))
	p.sig2 = math.Atan2(sbet2, cc)
	p.omg2 = math.Atan2(p.salp0*sbet2, cc)
	p.salp2, p.calp2 = p.salp0, cc
	p.k2 = d.ep2 * p.calp0 * p.calp0
	return p
}

// lambda12 is the longitude the path covers on the ellipsoid (Karney eq. 8).
func (p path) lambda12() float64 {
	d, k2 := p.d, p.k2
	i3 := integrate(func(s float64) float64 {
		sn := math.Sin(s)
		return (2 - d.f) / (1 + (1-d.f)*math.Sqrt(1+k2*sn*sn))
	}, p.sig1, p.sig2)
	return p.omg2 - p.omg1 - d.f*p.salp0*i3
}

// distance is the path's length (Karney eq. 7).
func (p path) distance() float64 {
	k2 := p.k2
	return p.d.b * integrate(func(s float64) float64 {
		sn := math.Sin(s)
		return math.Sqrt(1 + k2*sn*sn)
	}, p.sig1, p.sig2)
}

// canonical solves the inverse problem for φ1 ≤ 0, |φ2| ≤ |φ1|,
// 0 ≤ λ12 ≤ π (radians), returning the distance, both azimuths and the arc
// length on the auxiliary sphere.
func (d derived) canonical(phi1, phi2, lam12 float64) (s, alp1, alp2, sig12 float64) {
	if phi1 == phi2 && lam12 == 0 {
		return 0, 0, 0, 0
	}
	// Along the equator, while that is the shortest way.
	if phi1 == 0 && phi2 == 0 && lam12 <= (1-d.f)*math.Pi {
		return d.a * lam12, math.Pi / 2, math.Pi / 2, lam12 / (1 - d.f)
	}
	sbet1, cbet1 := d.reduced(phi1)
	sbet2, cbet2 := d.reduced(phi2)
	// λ12 grows monotonically with α1 from 0 (due north) to π (due south,
	// over the pole): bisect for the azimuth that covers lam12.
	lo, hi := 0.0, math.Pi
	for i := 0; i < 70 && hi-lo > 1e-17; i++ {
		mid := (lo + hi) / 2
		if d.newPath(sbet1, cbet1, sbet2, cbet2, mid).lambda12() < lam12 {
			lo = mid
		} else {
			hi = mid
		}
	}
	alp1 = (lo + hi) / 2
	p := d.newPath(sbet1, cbet1, sbet2, cbet2, alp1)
	return p.distance(), alp1, math.Atan2(p.salp2, p.calp2), p.sig2 - p.sig1
}
