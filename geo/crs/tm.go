package crs

import (
	"math"

	"github.com/paulmach/orb"
)

// TransverseMercator holds the parameters of a transverse Mercator
// projection on an ellipsoid (Gauss–Krüger is the case k0 = 1).
type TransverseMercator struct {
	A, InvF               float64 // semi-major axis (m), inverse flattening
	Lat0, Lon0            float64 // origin, degrees
	K0                    float64 // scale at the central meridian
	FalseEast, FalseNorth float64 // metres
}

// CGCS2000 (and GRS80 to well under a millimetre here).
const (
	cgcsA    = 6378137.0
	cgcsInvF = 298.257222101 // GRS80's differs in the 12th digit
)

// tmSeries holds the Krüger series coefficients for one ellipsoid.
type tmSeries struct {
	n, e, bigA float64
	alpha      [7]float64
	beta       [7]float64
}

func (t TransverseMercator) series() tmSeries {
	f := 1 / t.InvF
	n := f / (2 - f)
	n2, n3, n4, n5, n6 := n*n, n*n*n, n*n*n*n, n*n*n*n*n, n*n*n*n*n*n
	s := tmSeries{n: n, e: math.Sqrt(f * (2 - f))}
	s.bigA = t.A / (1 + n) * (1 + n2/4 + n4/64 + n6/256)
	s.alpha = [7]float64{0,
		n/2 - 2*n2/3 + 5*n3/16 + 41*n4/180 - 127*n5/288 + 7891*n6/37800,
		13*n2/48 - 3*n3/5 + 557*n4/1440 + 281*n5/630 - 1983433*n6/1935360,
		61*n3/240 - 103*n4/140 + 15061*n5/26880 + 167603*n6/181440,
		49561*n4/161280 - 179*n5/168 + 6601661*n6/7257600,
		34729*n5/80640 - 3418889*n6/1995840,
		212378941 * n6 / 319334400,
	}
	s.beta = [7]float64{0,
		n/2 - 2*n2/3 + 37*n3/96 - n4/360 - 81*n5/512 + 96199*n6/604800,
		n2/48 + n3/15 - 437*n4/1440 + 46*n5/105 - 1118711*n6/3870720,
		17*n3/480 - 37*n4/840 - 209*n5/4480 + 5569*n6/90720,
		4397*n4/161280 - 11*n5/504 - 830251*n6/7257600,
		4583*n5/161280 - 108847*n6/3991680,
		20648693 * n6 / 638668800,
	}
	return s
}

// xieta returns the normalised (ξ, η) of a point (Krüger, forward).
func (s tmSeries) xieta(lat, dlon float64) (float64, float64) {
	sinLat := math.Sin(lat)
	t := math.Sinh(math.Atanh(sinLat) - s.e*math.Atanh(s.e*sinLat))
	xiP := math.Atan2(t, math.Cos(dlon))
	etaP := math.Atanh(math.Sin(dlon) / math.Sqrt(1+t*t))
	dxi, deta := s.sum(s.alpha, xiP, etaP)
	return xiP + dxi, etaP + deta
}

// sum is Σ c[j]·sin(2jξ)·cosh(2jη) and Σ c[j]·cos(2jξ)·sinh(2jη) for
// j = 1…6, the multiple angles by recurrence from the first: four
// transcendental calls where the terms one by one took twenty-four.
func (s tmSeries) sum(c [7]float64, xi, eta float64) (float64, float64) {
	s1, c1 := math.Sincos(2 * xi)
	e1 := math.Exp(2 * eta)
	sh1, ch1 := (e1-1/e1)/2, (e1+1/e1)/2
	sj, cj, shj, chj := s1, c1, sh1, ch1
	var a, b float64
	for j := 1; j <= 6; j++ {
		a += c[j] * sj * chj
		b += c[j] * cj * shj
		sj, cj = sj*c1+cj*s1, cj*c1-sj*s1
		shj, chj = shj*ch1+chj*sh1, chj*ch1+shj*sh1
	}
	return a, b
}

// tmPrepared is a transverse Mercator with what every point shares
// worked out once: the series and the origin's ξ.
type tmPrepared struct {
	t   TransverseMercator
	s   tmSeries
	xi0 float64
}

func (t TransverseMercator) prepare() tmPrepared {
	s := t.series()
	xi0, _ := s.xieta(t.Lat0*math.Pi/180, 0)
	return tmPrepared{t, s, xi0}
}

// Forward projects lon/lat (degrees) to easting, northing (metres).
func (t TransverseMercator) Forward(p orb.Point) orb.Point { return t.prepare().forward(p) }

// Inverse unprojects easting, northing (metres) to lon/lat (degrees).
func (t TransverseMercator) Inverse(p orb.Point) orb.Point { return t.prepare().inverse(p) }

func (q tmPrepared) forward(p orb.Point) orb.Point {
	t, s := q.t, q.s
	rad := math.Pi / 180
	xi, eta := s.xieta(p[1]*rad, (p[0]-t.Lon0)*rad)
	return orb.Point{t.FalseEast + t.K0*s.bigA*eta, t.FalseNorth + t.K0*s.bigA*(xi-q.xi0)}
}

func (q tmPrepared) inverse(p orb.Point) orb.Point {
	t, s := q.t, q.s
	rad := math.Pi / 180
	xi := (p[1]-t.FalseNorth)/(t.K0*s.bigA) + q.xi0
	eta := (p[0] - t.FalseEast) / (t.K0 * s.bigA)
	dxi, deta := s.sum(s.beta, xi, eta)
	xiP, etaP := xi-dxi, eta-deta
	sinXi, cosXi := math.Sincos(xiP)
	sinhEta := math.Sinh(etaP)
	tauP := sinXi / math.Sqrt(sinhEta*sinhEta+cosXi*cosXi)
	// Conformal → geodetic latitude: Newton on τ (Karney 2011).
	e2 := s.e * s.e
	tau := tauP
	for i := 0; i < 6; i++ {
		sigma := math.Sinh(s.e * math.Atanh(s.e*tau/math.Sqrt(1+tau*tau)))
		tp := tau*math.Sqrt(1+sigma*sigma) - sigma*math.Sqrt(1+tau*tau)
		d := (tauP - tp) / math.Sqrt(1+tp*tp) * (1 + (1-e2)*tau*tau) / ((1 - e2) * math.Sqrt(1+tau*tau))
		tau += d
		if math.Abs(d) < 1e-14 {
			break
		}
	}
	lat := math.Atan(tau)
	lon := math.Atan2(sinhEta, cosXi)
	return orb.Point{t.Lon0 + lon/rad, lat / rad}
}

// GaussKruger returns the CGCS2000 Gauss–Krüger projection of an EPSG code
// in 4491–4554 (6° and 3° zones, with or without the zone number in the
// false easting), and false for any other code.
func GaussKruger(epsg int) (TransverseMercator, bool) {
	return gaussKrugerOn(cgcs2000Datum, epsg, 4491, 4502, 4513, 4534)
}

// gaussKrugerOn reads a code of a datum's four Gauss–Krüger series: 6°
// zones 13–23 with the zone number (from six), 6° by central meridian
// 75°E–135°E (from sixCM), 3° zones 25–45 with the zone number (from
// three), 3° by central meridian 75°E–135°E (from threeCM).
func gaussKrugerOn(e ellipsoid, code, six, sixCM, three, threeCM int) (TransverseMercator, bool) {
	tm := TransverseMercator{A: e.a, InvF: e.invF, K0: 1, FalseEast: 500000}
	switch {
	case code >= six && code <= six+10:
		zone := code - six + 13
		tm.Lon0, tm.FalseEast = float64(6*zone-3), float64(zone)*1e6+500000
	case code >= sixCM && code <= sixCM+10:
		tm.Lon0 = float64(75 + 6*(code-sixCM))
	case code >= three && code <= three+20:
		zone := code - three + 25
		tm.Lon0, tm.FalseEast = float64(3*zone), float64(zone)*1e6+500000
	case code >= threeCM && code <= threeCM+20:
		tm.Lon0 = float64(75 + 3*(code-threeCM))
	default:
		return tm, false
	}
	return tm, true
}

// UTM returns the WGS 84 UTM projection of a zone (1–60), north or south.
func UTM(zone int, north bool) TransverseMercator {
	tm := TransverseMercator{A: wgs84Datum.a, InvF: wgs84Datum.invF, K0: 0.9996, FalseEast: 500000, Lon0: float64(6*zone - 183)}
	if !north {
		tm.FalseNorth = 10000000
	}
	return tm
}

// tmCRS is the CRS of a transverse Mercator projection on a datum: its
// domain is a zone's width either side of the central meridian, in the
// file's own metres, so a missing or wrong zone number is caught.
func tmCRS(name string, tm TransverseMercator, e ellipsoid) CRS {
	t := tm
	q := tm.prepare()
	c := CRS{Name: name, ToLonLat: q.inverse, FromLonLat: q.forward, tm: &t, Domain: func(b orb.Bound) bool {
		return math.Abs(b.Min[0]-t.FalseEast) <= 900000 && math.Abs(b.Max[0]-t.FalseEast) <= 900000 &&
			b.Min[1]-t.FalseNorth >= -10002000 && b.Max[1]-t.FalseNorth <= 10002000
	}}
	return c.onDatum(e)
}
