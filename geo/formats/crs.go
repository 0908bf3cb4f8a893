package formats

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
)

// CRS converts a file's coordinates to WGS84 lon/lat.
type CRS struct {
	Name     string                    // as the file names it, e.g. "EPSG:4545" or the .prj's name
	ToLonLat func(orb.Point) orb.Point // nil: already lon/lat
}

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
	cgcsInvF = 298.257222101
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

// xi returns the normalised (ξ, η) of a point (Krüger, forward).
func (s tmSeries) xieta(lat, dlon float64) (float64, float64) {
	sinPhi := math.Sin(lat)
	t := math.Sinh(math.Atanh(sinPhi) - s.e*math.Atanh(s.e*sinPhi))
	xiP := math.Atan2(t, math.Cos(dlon))
	etaP := math.Atanh(math.Sin(dlon) / math.Sqrt(1+t*t))
	xi, eta := xiP, etaP
	for j := 1; j <= 6; j++ {
		xi += s.alpha[j] * math.Sin(2*float64(j)*xiP) * math.Cosh(2*float64(j)*etaP)
		eta += s.alpha[j] * math.Cos(2*float64(j)*xiP) * math.Sinh(2*float64(j)*etaP)
	}
	return xi, eta
}

// Forward projects lon/lat (degrees) to easting, northing (metres).
func (t TransverseMercator) Forward(p orb.Point) orb.Point {
	s := t.series()
	rad := math.Pi / 180
	xi, eta := s.xieta(p[1]*rad, (p[0]-t.Lon0)*rad)
	xi0, _ := s.xieta(t.Lat0*rad, 0)
	return orb.Point{t.FalseEast + t.K0*s.bigA*eta, t.FalseNorth + t.K0*s.bigA*(xi-xi0)}
}

// Inverse unprojects easting, northing (metres) to lon/lat (degrees).
func (t TransverseMercator) Inverse(p orb.Point) orb.Point {
	s := t.series()
	rad := math.Pi / 180
	xi0, _ := s.xieta(t.Lat0*rad, 0)
	xi := (p[1]-t.FalseNorth)/(t.K0*s.bigA) + xi0
	eta := (p[0] - t.FalseEast) / (t.K0 * s.bigA)
	xiP, etaP := xi, eta
	for j := 1; j <= 6; j++ {
		xiP -= s.beta[j] * math.Sin(2*float64(j)*xi) * math.Cosh(2*float64(j)*eta)
		etaP -= s.beta[j] * math.Cos(2*float64(j)*xi) * math.Sinh(2*float64(j)*eta)
	}
	tauP := math.Sin(xiP) / math.Sqrt(math.Sinh(etaP)*math.Sinh(etaP)+math.Cos(xiP)*math.Cos(xiP))
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
	lon := math.Atan2(math.Sinh(etaP), math.Cos(xiP))
	return orb.Point{t.Lon0 + lon/rad, lat / rad}
}

// GaussKruger returns the CGCS2000 Gauss–Krüger projection of an EPSG code
// in 4491–4554 (6° and 3° zones, with or without the zone number in the
// false easting), and false for any other code.
func GaussKruger(epsg int) (TransverseMercator, bool) {
	tm := TransverseMercator{A: cgcsA, InvF: cgcsInvF, K0: 1, FalseEast: 500000}
	switch {
	case epsg >= 4491 && epsg <= 4501: // 6° zones 13–23, zone in easting
		zone := epsg - 4491 + 13
		tm.Lon0, tm.FalseEast = float64(6*zone-3), float64(zone)*1e6+500000
	case epsg >= 4502 && epsg <= 4512: // 6° CM 75E–135E
		tm.Lon0 = float64(75 + 6*(epsg-4502))
	case epsg >= 4513 && epsg <= 4533: // 3° zones 25–45, zone in easting
		zone := epsg - 4513 + 25
		tm.Lon0, tm.FalseEast = float64(3*zone), float64(zone)*1e6+500000
	case epsg >= 4534 && epsg <= 4554: // 3° CM 75E–135E
		tm.Lon0 = float64(75 + 3*(epsg-4534))
	default:
		return tm, false
	}
	return tm, true
}

// CRSFromEPSG returns the conversion for an EPSG code: 4326 and 4490 pass
// through, 3857 is unprojected, 4491–4554 are CGCS2000 Gauss–Krüger; any
// other code is an error naming it.
func CRSFromEPSG(code int) (CRS, error) {
	name := fmt.Sprintf("EPSG:%d", code)
	switch code {
	case 4326, 4490, 4979, 4258, 0:
		return CRS{Name: name}, nil
	case 3857, 900913, 3785:
		return CRS{Name: name, ToLonLat: func(p orb.Point) orb.Point { return project.Mercator.ToWGS84(p) }}, nil
	}
	if tm, ok := GaussKruger(code); ok {
		return CRS{Name: name, ToLonLat: tm.Inverse}, nil
	}
	return CRS{}, fault(ProblemUnsupportedCRS, name, "epsg")
}

var (
	wktAuthority = regexp.MustCompile(`AUTHORITY\["EPSG",\s*"?(\d+)"?\]\]\s*$`)
	wktID        = regexp.MustCompile(`ID\["EPSG",\s*(\d+)\]\]\s*$`)
	wktParam     = regexp.MustCompile(`PARAMETER\["([A-Za-z_ ]+)",\s*([-0-9.eE+]+)`)
	wktName      = regexp.MustCompile(`^\s*(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS)\["([^"]*)"`)
)

// CRSFromWKT reads a .prj (ESRI or OGC WKT): an EPSG authority if it
// carries one; else a geographic system passes through, and a transverse
// Mercator on the CGCS2000/GRS80 ellipsoid is built from its parameters.
func CRSFromWKT(wkt string) (CRS, error) {
	wkt = strings.TrimSpace(wkt)
	name := wkt
	if m := wktName.FindStringSubmatch(wkt); m != nil {
		name = m[1]
	}
	for _, re := range []*regexp.Regexp{wktAuthority, wktID} {
		if m := re.FindStringSubmatch(wkt); m != nil {
			code, _ := strconv.Atoi(m[1])
			c, err := CRSFromEPSG(code)
			if err == nil {
				c.Name = name + " (EPSG:" + m[1] + ")"
			}
			return c, err
		}
	}
	upper := strings.ToUpper(wkt)
	if strings.HasPrefix(upper, "GEOGCS") || strings.HasPrefix(upper, "GEOGCRS") {
		if strings.Contains(upper, "WGS") || strings.Contains(upper, "2000") || strings.Contains(upper, "CGCS") || strings.Contains(upper, "GRS") {
			return CRS{Name: name}, nil
		}
		return CRS{}, fault(ProblemUnsupportedCRS, name, "datum")
	}
	if strings.Contains(upper, "TRANSVERSE_MERCATOR") || strings.Contains(upper, "GAUSS") {
		if !(strings.Contains(upper, "2000") || strings.Contains(upper, "GRS_1980") || strings.Contains(upper, "GRS80")) {
			return CRS{}, fault(ProblemUnsupportedCRS, name, "tm")
		}
		tm := TransverseMercator{A: cgcsA, InvF: cgcsInvF, K0: 1}
		for _, m := range wktParam.FindAllStringSubmatch(wkt, -1) {
			v, _ := strconv.ParseFloat(m[2], 64)
			switch strings.ToLower(strings.ReplaceAll(m[1], " ", "_")) {
			case "central_meridian", "longitude_of_natural_origin":
				tm.Lon0 = v
			case "latitude_of_origin", "latitude_of_natural_origin":
				tm.Lat0 = v
			case "scale_factor", "scale_factor_at_natural_origin":
				tm.K0 = v
			case "false_easting":
				tm.FalseEast = v
			case "false_northing":
				tm.FalseNorth = v
			}
		}
		return CRS{Name: name, ToLonLat: tm.Inverse}, nil
	}
	if strings.Contains(upper, "MERCATOR_AUXILIARY_SPHERE") || strings.Contains(upper, "PSEUDO-MERCATOR") || strings.Contains(upper, "PSEUDO_MERCATOR") {
		return CRS{Name: name, ToLonLat: func(p orb.Point) orb.Point { return project.Mercator.ToWGS84(p) }}, nil
	}
	return CRS{}, fault(ProblemUnsupportedCRS, name, "")
}

// GCJ02ToWGS84 removes the GCJ-02 offset (the "Mars coordinates" of AMap
// and Tencent maps, a few hundred metres) with the published forward
// formula, inverted by iteration to about a centimetre.
func GCJ02ToWGS84(p orb.Point) orb.Point {
	w := p
	for i := 0; i < 10; i++ {
		g := WGS84ToGCJ02(w)
		dx, dy := g[0]-p[0], g[1]-p[1]
		w = orb.Point{w[0] - dx, w[1] - dy}
		if math.Abs(dx) < 1e-9 && math.Abs(dy) < 1e-9 {
			break
		}
	}
	return w
}

// WGS84ToGCJ02 adds the published GCJ-02 forward offset (Krasovsky ellipsoid).
func WGS84ToGCJ02(p orb.Point) orb.Point {
	const a, ee = 6378245.0, 0.00669342162296594323
	lon, lat := p[0], p[1]
	x, y := lon-105, lat-35
	dLat := -100 + 2*x + 3*y + 0.2*y*y + 0.1*x*y + 0.2*math.Sqrt(math.Abs(x))
	dLat += (20*math.Sin(6*x*math.Pi) + 20*math.Sin(2*x*math.Pi)) * 2 / 3
	dLat += (20*math.Sin(y*math.Pi) + 40*math.Sin(y/3*math.Pi)) * 2 / 3
	dLat += (160*math.Sin(y/12*math.Pi) + 320*math.Sin(y*math.Pi/30)) * 2 / 3
	dLon := 300 + x + 2*y + 0.1*x*x + 0.1*x*y + 0.1*math.Sqrt(math.Abs(x))
	dLon += (20*math.Sin(6*x*math.Pi) + 20*math.Sin(2*x*math.Pi)) * 2 / 3
	dLon += (20*math.Sin(x*math.Pi) + 40*math.Sin(x/3*math.Pi)) * 2 / 3
	dLon += (150*math.Sin(x/12*math.Pi) + 300*math.Sin(x/30*math.Pi)) * 2 / 3
	radLat := lat / 180 * math.Pi
	magic := math.Sin(radLat)
	magic = 1 - ee*magic*magic
	sq := math.Sqrt(magic)
	dLat = dLat * 180 / ((a * (1 - ee)) / (magic * sq) * math.Pi)
	dLon = dLon * 180 / (a / sq * math.Cos(radLat) * math.Pi)
	return orb.Point{lon + dLon, lat + dLat}
}
