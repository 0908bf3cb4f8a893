package crs

import (
	"math"

	"github.com/paulmach/orb"
)

// Helmert is a seven-parameter (Bursa–Wolf) transformation from a local
// datum (Xi'an 1980, Beijing 1954) to WGS 84/CGCS2000: planning offices
// hold parameters fitted to their own control points, which place their
// files within a metre where no shift leaves them tens of metres off.
type Helmert struct {
	DX, DY, DZ float64 // translation, metres
	RX, RY, RZ float64 // rotation, arc-seconds
	S          float64 // scale, parts per million
	// CoordinateFrame says the rotations follow the coordinate-frame
	// convention (EPSG method 9607, ISO 19111) rather than the position
	// vector one (EPSG 9606, Bursa–Wolf as most Chinese software gives it):
	// the same parameters with the rotations' signs reversed.
	CoordinateFrame bool
}

// Apply moves a lon/lat point (degrees, on the ellipsoid a, 1/invF, at
// zero height) to WGS 84 lon/lat.
func (h Helmert) Apply(p orb.Point, a, invF float64) orb.Point {
	x, y, z := toECEF(p, a, invF)
	X, Y, Z := h.ecef(x, y, z)
	return fromECEF(X, Y, Z, wgs84Datum.a, wgs84Datum.invF)
}

// ecef applies the transformation to Earth-centred coordinates (metres).
func (h Helmert) ecef(x, y, z float64) (X, Y, Z float64) {
	const sec = math.Pi / 648000
	rx, ry, rz := h.RX*sec, h.RY*sec, h.RZ*sec
	if h.CoordinateFrame {
		rx, ry, rz = -rx, -ry, -rz
	}
	s := 1 + h.S*1e-6
	return h.DX + s*(x-rz*y+ry*z), h.DY + s*(rz*x+y-rx*z), h.DZ + s*(-ry*x+rx*y+z)
}

// toECEF gives the Earth-centred Cartesian coordinates of a lon/lat point
// at zero height.
func toECEF(p orb.Point, a, invF float64) (x, y, z float64) {
	f := 1 / invF
	e2 := f * (2 - f)
	lon, lat := p[0]*math.Pi/180, p[1]*math.Pi/180
	sl := math.Sin(lat)
	n := a / math.Sqrt(1-e2*sl*sl)
	return n * math.Cos(lat) * math.Cos(lon), n * math.Cos(lat) * math.Sin(lon), n * (1 - e2) * sl
}

// fromECEF gives the lon/lat of Earth-centred coordinates (Bowring's
// iteration; the height is dropped).
func fromECEF(x, y, z, a, invF float64) orb.Point {
	f := 1 / invF
	e2 := f * (2 - f)
	lon := math.Atan2(y, x)
	r := math.Hypot(x, y)
	lat := math.Atan2(z, r*(1-e2))
	for i := 0; i < 10; i++ {
		sl := math.Sin(lat)
		n := a / math.Sqrt(1-e2*sl*sl)
		next := math.Atan2(z+e2*n*sl, r)
		if math.Abs(next-lat) < 1e-14 {
			lat = next
			break
		}
		lat = next
	}
	return orb.Point{lon * 180 / math.Pi, lat * 180 / math.Pi}
}
