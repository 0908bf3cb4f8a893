// Package measure measures lines and areas drawn on the map on the WGS 84
// ellipsoid (CGCS2000 differs from it by far less than a millimetre in
// China): geodesic lengths in metres, geodesic polygon areas in square
// metres, and their display in the units Chinese planners use (m, km, m²,
// 公顷, 亩, km²).
//
// The geodesic follows Karney, "Algorithms for geodesics" (J. Geodesy 87,
// 2013): the problem is solved on the auxiliary sphere, and the integrals
// for distance, longitude and area are evaluated by Gauss–Legendre
// quadrature rather than Karney's truncated series, which gives the same
// values to well under a micrometre on Earth. No maintained Go
// implementation of Karney's algorithms is served by the module proxy this
// project builds with (see README), so this one is tested against PROJ's
// `geod`, which implements them.
package measure

import "math"

// Ellipsoid is a reference ellipsoid.
type Ellipsoid struct {
	A    float64 // semi-major axis, metres
	InvF float64 // inverse flattening
}

// WGS84 is the ellipsoid of GPS and of the plan's coordinates.
var WGS84 = Ellipsoid{A: 6378137, InvF: 298.257223563}

// derived holds the constants of an ellipsoid the solver uses.
type derived struct {
	a, b, f, e2, ep2, c2 float64
}

func (el Ellipsoid) derived() derived {
	f := 1 / el.InvF
	e2 := f * (2 - f)
	d := derived{a: el.A, b: el.A * (1 - f), f: f, e2: e2, ep2: e2 / (1 - e2)}
	e := math.Sqrt(e2)
	// c² is the authalic radius squared: the ellipsoid's area is 4πc².
	d.c2 = d.a*d.a/2 + d.b*d.b/2*math.Atanh(e)/e
	return d
}

// SurfaceArea is the area of the whole ellipsoid, in square metres.
func (el Ellipsoid) SurfaceArea() float64 { return 4 * math.Pi * el.derived().c2 }
