package crs

import (
	"math"

	"github.com/paulmach/orb"
)

// Conic holds the parameters of a conic projection on an ellipsoid:
// Lambert conformal (Lambert true) or Albers equal-area (Lambert false),
// with one standard parallel (Lat2 = Lat1; for Lambert the scale K0 at it)
// or two. Snyder, Map Projections — A Working Manual (USGS Professional
// Paper 1395, 1987), §15 and §14.
type Conic struct {
	Lambert               bool
	A, InvF               float64 // semi-major axis (m), inverse flattening
	Lat1, Lat2            float64 // standard parallels, degrees
	Lat0, Lon0            float64 // origin, degrees
	K0                    float64 // Lambert with one parallel: scale there (0 means 1)
	FalseEast, FalseNorth float64 // metres
}

// conicConsts holds what every point of one projection shares.
type conicConsts struct {
	e, n, c, rho0, lon0 float64 // c: Lambert's aF (k0 in it), Albers' C
	lambert             bool
	a, fe, fn           float64
}

func (p Conic) consts() conicConsts {
	const d = math.Pi / 180
	f := 1 / p.InvF
	e := math.Sqrt(f * (2 - f))
	k := conicConsts{e: e, lon0: p.Lon0 * d, lambert: p.Lambert, a: p.A, fe: p.FalseEast, fn: p.FalseNorth}
	f1, f2, f0 := p.Lat1*d, p.Lat2*d, p.Lat0*d
	m := func(phi float64) float64 { s := math.Sin(phi); return math.Cos(phi) / math.Sqrt(1-e*e*s*s) }
	if p.Lambert {
		t := func(phi float64) float64 { return lambertT(phi, e) }
		if math.Abs(f1-f2) < 1e-12 {
			k.n = math.Sin(f1)
		} else {
			k.n = (math.Log(m(f1)) - math.Log(m(f2))) / (math.Log(t(f1)) - math.Log(t(f2)))
		}
		k0 := p.K0
		if k0 == 0 {
			k0 = 1
		}
		k.c = p.A * k0 * m(f1) / (k.n * math.Pow(t(f1), k.n))
		k.rho0 = k.c * math.Pow(t(f0), k.n)
		return k
	}
	q := func(phi float64) float64 { return albersQ(phi, e) }
	if math.Abs(f1-f2) < 1e-12 {
		k.n = math.Sin(f1)
	} else {
		k.n = (m(f1)*m(f1) - m(f2)*m(f2)) / (q(f2) - q(f1))
	}
	k.c = m(f1)*m(f1) + k.n*q(f1)
	k.rho0 = p.A * math.Sqrt(k.c-k.n*q(f0)) / k.n
	return k
}

func lambertT(phi, e float64) float64 {
	s := math.Sin(phi)
	return math.Tan(math.Pi/4-phi/2) / math.Pow((1-e*s)/(1+e*s), e/2)
}

func albersQ(phi, e float64) float64 {
	s := math.Sin(phi)
	return (1 - e*e) * (s/(1-e*e*s*s) - 1/(2*e)*math.Log((1-e*s)/(1+e*s)))
}

// Forward projects lon/lat (degrees) to easting and northing (metres).
func (p Conic) Forward(ll orb.Point) orb.Point { return p.consts().forward(ll) }

// Inverse turns easting and northing (metres) back into lon/lat.
func (p Conic) Inverse(xy orb.Point) orb.Point { return p.consts().inverse(xy) }

func (k conicConsts) forward(ll orb.Point) orb.Point {
	const d = math.Pi / 180
	phi := ll[1] * d
	var rho float64
	if k.lambert {
		rho = k.c * math.Pow(lambertT(phi, k.e), k.n)
	} else {
		rho = k.a * math.Sqrt(math.Max(0, k.c-k.n*albersQ(phi, k.e))) / k.n
	}
	theta := k.n * (ll[0]*d - k.lon0)
	return orb.Point{rho*math.Sin(theta) + k.fe, k.rho0 - rho*math.Cos(theta) + k.fn}
}

func (k conicConsts) inverse(xy orb.Point) orb.Point {
	const d = math.Pi / 180
	x, y := xy[0]-k.fe, k.rho0-(xy[1]-k.fn)
	sign := 1.0
	if k.n < 0 {
		sign = -1
	}
	rho := sign * math.Hypot(x, y)
	theta := math.Atan2(sign*x, sign*y)
	lon := (theta/k.n + k.lon0) / d
	e := k.e
	var phi float64
	if k.lambert {
		t := math.Pow(rho/k.c, 1/k.n)
		phi = math.Pi/2 - 2*math.Atan(t)
		for i := 0; i < 15; i++ {
			s := e * math.Sin(phi)
			next := math.Pi/2 - 2*math.Atan(t*math.Pow((1-s)/(1+s), e/2))
			if math.Abs(next-phi) < 1e-12 {
				phi = next
				break
			}
			phi = next
		}
		return orb.Point{lon, phi / d}
	}
	q := (k.c - rho*rho*k.n*k.n/(k.a*k.a)) / k.n
	phi = math.Asin(math.Max(-1, math.Min(1, q/2)))
	for i := 0; i < 15; i++ {
		s := math.Sin(phi)
		c := math.Cos(phi)
		if math.Abs(c) < 1e-12 {
			break
		}
		es := e * s
		dphi := (1 - es*es) * (1 - es*es) / (2 * c) * (q/(1-e*e) - s/(1-es*es) + 1/(2*e)*math.Log((1-es)/(1+es)))
		phi += dphi
		if math.Abs(dphi) < 1e-12 {
			break
		}
	}
	return orb.Point{lon, phi / d}
}

// conicCRS is the CRS of a conic projection on a datum, its numbers in
// units of unit metres. Its domain is the part of the Earth a planner's
// map of a country could lie in: within 60° of longitude of the central
// meridian and off the pole opposite the cone.
func conicCRS(name string, p Conic, e ellipsoid, unit float64) CRS {
	k := p.consts()
	fwd, inv := k.forward, k.inverse
	c := CRS{Name: name,
		ToLonLat: func(xy orb.Point) orb.Point { return inv(orb.Point{xy[0] * unit, xy[1] * unit}) },
		FromLonLat: func(ll orb.Point) orb.Point {
			xy := fwd(ll)
			return orb.Point{xy[0] / unit, xy[1] / unit}
		},
		Domain: func(b orb.Bound) bool {
			for _, xy := range []orb.Point{b.Min, b.Max, {b.Min[0], b.Max[1]}, {b.Max[0], b.Min[1]}} {
				ll := inv(orb.Point{xy[0] * unit, xy[1] * unit})
				if !finite(ll[0]) || !finite(ll[1]) || math.Abs(ll[0]-k.lon0*180/math.Pi) > 60 || math.Abs(ll[1]) > 89 {
					return false
				}
			}
			return true
		}}
	return c.onDatum(e)
}
