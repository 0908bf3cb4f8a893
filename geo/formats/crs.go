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
	// FromLonLat is ToLonLat's inverse (lon/lat to the file's numbers, on
	// the same datum), for drawing rasters in the system; nil: lon/lat.
	FromLonLat func(orb.Point) orb.Point
	// Domain says whether a feature's bound, in the file's own numbers,
	// lies where the system can convert it (nil: anywhere): a
	// Gauss–Krüger easting without, or with the wrong, zone number fails.
	Domain func(orb.Bound) bool
	// Warning is for the planner about every feature (a datum not shifted).
	Warning *Fault

	tm    *TransverseMercator // for hints about zone numbers
	datum ellipsoid
}

// The hints a coordinates-outside-the-system message gives (Fault.N).
const (
	hintNone       = iota
	hintNoZone     // the system wants the zone number in the easting; the file has none
	hintZone       // the file's eastings carry a zone number; the system has none
	hintOtherZone  // the file's eastings carry another zone number
	hintNotProject // the numbers are lon/lat, not metres
)

// hint says why raw coordinates fall outside the system, when it can.
func (c CRS) hint(raw orb.Bound) int64 {
	if c.tm == nil {
		return hintNone
	}
	x := raw.Min[0]
	switch {
	case math.Abs(x) <= 180 && math.Abs(raw.Min[1]) <= 90 && math.Abs(raw.Max[0]) <= 180:
		return hintNotProject
	case c.tm.FalseEast >= 1e6 && x < 1e6:
		return hintNoZone
	case c.tm.FalseEast < 1e6 && x >= 1e7:
		return hintZone
	case c.tm.FalseEast >= 1e6 && x >= 1e7:
		return hintOtherZone
	}
	return hintNone
}

// ellipsoid is a datum's ellipsoid and name.
type ellipsoid struct {
	a, invF float64
	name    string // the datum, as a planner knows it
	shifted bool   // true for datums tens of metres off WGS 84
}

// The datums of China's maps and of GPS.
var (
	cgcs2000Datum  = ellipsoid{6378137, 298.257222101, "CGCS2000", false}
	wgs84Datum     = ellipsoid{6378137, 298.257223563, "WGS 84", false}
	xian1980Datum  = ellipsoid{6378140, 298.257, "Xian 1980", true}
	beijing1954Dtm = ellipsoid{6378245, 298.3, "Beijing 1954", true}
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
	c := CRS{Name: name, ToLonLat: t.Inverse, FromLonLat: t.Forward, tm: &t, Domain: func(b orb.Bound) bool {
		return math.Abs(b.Min[0]-t.FalseEast) <= 900000 && math.Abs(b.Max[0]-t.FalseEast) <= 900000 &&
			b.Min[1]-t.FalseNorth >= -10002000 && b.Max[1]-t.FalseNorth <= 10002000
	}}
	return c.onDatum(e)
}

// onDatum notes a datum that differs from WGS 84 by tens of metres: read
// without a shift unless the planner gives seven parameters.
func (c CRS) onDatum(e ellipsoid) CRS {
	c.datum = e
	if e.shifted {
		c.Warning = &Fault{Problem: ProblemNoDatumShift, Subject: c.Name, Detail: e.name}
	}
	return c
}

// withHelmert converts from the CRS's datum to WGS 84 with seven
// parameters, when the planner gave them and the datum needs them.
func (c CRS) withHelmert(h *Helmert) CRS {
	if h == nil || !c.datum.shifted {
		return c
	}
	proj, e := c.ToLonLat, c.datum
	c.ToLonLat = func(p orb.Point) orb.Point {
		if proj != nil {
			p = proj(p)
		}
		return h.Apply(p, e.a, e.invF)
	}
	c.Warning = &Fault{Problem: ProblemHelmertApplied, Subject: c.Name, Detail: e.name}
	return c
}

// mercatorDomain is the square Web Mercator covers.
func mercatorDomain(b orb.Bound) bool {
	const m = 20037508.342789244 * 1.0001
	return b.Min[0] >= -m && b.Max[0] <= m && b.Min[1] >= -m*1.5 && b.Max[1] <= m*1.5
}

// CRSFromEPSG returns the conversion for an EPSG code: WGS 84 and CGCS2000
// lon/lat pass through; Web Mercator (3857 and its aliases) is
// unprojected; CGCS2000 (4491–4554), Xi'an 1980 (2327–2390) and Beijing
// 1954 (2401–2442, 21413–21463) Gauss–Krüger zones and WGS 84 UTM zones
// (32601–32660, 32701–32760) are inverted; Xi'an 1980 and Beijing 1954
// (and their lon/lat, 4610 and 4214) carry a warning that no datum shift
// was applied. Any other code is an error naming it.
func CRSFromEPSG(code int) (CRS, error) {
	name := fmt.Sprintf("EPSG:%d", code)
	switch code {
	case 4326, 4490, 4979, 4258, 0:
		return CRS{Name: name}, nil
	case 4610:
		return CRS{Name: name}.onDatum(xian1980Datum), nil
	case 4214:
		return CRS{Name: name}.onDatum(beijing1954Dtm), nil
	case 3857, 900913, 3785, 102100, 102113:
		return CRS{Name: name, ToLonLat: project.Mercator.ToWGS84, FromLonLat: project.WGS84.ToMercator, Domain: mercatorDomain}, nil
	}
	if tm, ok := gaussKrugerOn(cgcs2000Datum, code, 4491, 4502, 4513, 4534); ok {
		return tmCRS(name, tm, cgcs2000Datum), nil
	}
	if tm, ok := gaussKrugerOn(xian1980Datum, code, 2327, 2338, 2349, 2370); ok {
		return tmCRS(name, tm, xian1980Datum), nil
	}
	if tm, ok := gaussKrugerOn(beijing1954Dtm, code, 21413, 21453, 2401, 2422); ok {
		return tmCRS(name, tm, beijing1954Dtm), nil
	}
	switch {
	case code >= 32601 && code <= 32660:
		return tmCRS(name, UTM(code-32600, true), wgs84Datum), nil
	case code >= 32701 && code <= 32760:
		return tmCRS(name, UTM(code-32700, false), wgs84Datum), nil
	}
	return CRS{}, fault(ProblemUnsupportedCRS, name, "epsg")
}

var (
	wktAuthority = regexp.MustCompile(`AUTHORITY\["EPSG",\s*"?(\d+)"?\]\]\s*$`)
	wktID        = regexp.MustCompile(`ID\["EPSG",\s*(\d+)\]\]\s*$`)
	wktParam     = regexp.MustCompile(`PARAMETER\["([A-Za-z0-9_ ]+)",\s*([-0-9.eE+]+)`)
	wktUnit      = regexp.MustCompile(`(?i)\b(LENGTHUNIT|UNIT)\["([^"]*)",\s*([0-9.eE+]+)`)
	wktName      = regexp.MustCompile(`^\s*(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS)\["([^"]*)"`)
	wktSpheroid  = regexp.MustCompile(`(?:SPHEROID|ELLIPSOID)\["[^"]*",\s*([0-9.eE+]+),\s*([0-9.eE+]+)`)
	wktUTM       = regexp.MustCompile(`(?i)UTM[_ ]?zone[_ ]?(\d{1,2})\s*([NS])`)
)

// wktNames picks the names of a WKT's systems, datum and ellipsoid, so
// that words are looked for in names and not in numbers (a false northing
// of 200000 is not CGCS2000).
var wktNames = regexp.MustCompile(`(?i)(?:PROJCS|PROJCRS|GEOGCS|GEOGCRS|BASEGEOGCRS|GEODCRS|BASEGEODCRS|DATUM|SPHEROID|ELLIPSOID)\["([^"]*)"`)

// wktDatum says which datum a WKT is on, by its words and its ellipsoid.
func wktDatum(wkt string) (ellipsoid, bool) {
	upper := strings.ToUpper(wkt)
	var names []string
	for _, m := range wktNames.FindAllStringSubmatch(upper, -1) {
		names = append(names, m[1])
	}
	if len(names) > 0 {
		return wktDatumOf(strings.Join(names, " | "), wkt)
	}
	return wktDatumOf(upper, wkt)
}

// wktDatumOf says which datum the names say, else the ellipsoid's numbers.
func wktDatumOf(names, wkt string) (ellipsoid, bool) {
	switch {
	case strings.Contains(names, "XIAN") || strings.Contains(names, "XI'AN") || strings.Contains(names, "IAG_1975") || strings.Contains(names, "IAG 1975"):
		return xian1980Datum, true
	case strings.Contains(names, "BEIJING") || strings.Contains(names, "KRASOVSKY") || strings.Contains(names, "KRASSOVSKY") || strings.Contains(names, "KRASSOWSKY"):
		return beijing1954Dtm, true
	case strings.Contains(names, "2000") || strings.Contains(names, "CGCS") || strings.Contains(names, "GRS_1980") || strings.Contains(names, "GRS 1980") || strings.Contains(names, "GRS1980") || strings.Contains(names, "GRS80"):
		return cgcs2000Datum, true
	case strings.Contains(names, "WGS"):
		return wgs84Datum, true
	}
	if m := wktSpheroid.FindStringSubmatch(strings.ToUpper(wkt)); m != nil {
		a, _ := strconv.ParseFloat(m[1], 64)
		f, _ := strconv.ParseFloat(m[2], 64)
		for _, e := range []ellipsoid{cgcs2000Datum, wgs84Datum, xian1980Datum, beijing1954Dtm} {
			if math.Abs(a-e.a) < 0.5 && math.Abs(f-e.invF) < 1e-3 {
				return e, true
			}
		}
		// Another datum (NAD27 on Clarke 1866, Pulkovo…): its ellipsoid
		// as the file gives it, read without a shift and said so.
		if a > 6.3e6 && a < 6.4e6 && f > 250 && f < 350 {
			name := "?"
			if m := wktDatumName.FindStringSubmatch(wkt); m != nil {
				name = m[1]
			}
			return ellipsoid{a: a, invF: f, name: name, shifted: true}, true
		}
	}
	return ellipsoid{}, false
}

var wktDatumName = regexp.MustCompile(`(?i)DATUM\["([^"]*)"`)

// CRSFromWKT reads a .prj (ESRI or OGC WKT; a byte-order mark is
// skipped): an EPSG authority if it carries one; else a geographic system
// on a known datum passes through; a UTM zone by its name; a transverse
// Mercator (Gauss–Krüger) on a known datum is built from its parameters.
func CRSFromWKT(wkt string) (CRS, error) {
	wkt = strings.TrimSpace(strings.TrimPrefix(wkt, "\uFEFF"))
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
				if c.Warning != nil {
					c.Warning.Subject = c.Name
				}
				return c, nil
			}
			// A code not known here: the parameters may still say it.
		}
	}
	upper := strings.ToUpper(wkt)
	datum, known := wktDatum(wkt)
	if strings.HasPrefix(upper, "GEOGCS") || strings.HasPrefix(upper, "GEOGCRS") {
		if !known {
			return CRS{}, fault(ProblemUnsupportedCRS, name, "datum")
		}
		return CRS{Name: name}.onDatum(datum), nil
	}
	if m := wktUTM.FindStringSubmatch(name); m != nil && datum == wgs84Datum {
		zone, _ := strconv.Atoi(m[1])
		if zone >= 1 && zone <= 60 {
			return tmCRS(name, UTM(zone, strings.EqualFold(m[2], "N")), wgs84Datum), nil
		}
	}
	params := wktParams(wkt)
	unit := wktLinearUnit(wkt)
	if strings.Contains(upper, "TRANSVERSE_MERCATOR") || strings.Contains(upper, "GAUSS") || strings.Contains(upper, "TRANSVERSE MERCATOR") {
		if !known {
			return CRS{}, fault(ProblemUnsupportedCRS, name, "tm")
		}
		tm := TransverseMercator{A: datum.a, InvF: datum.invF, K0: 1,
			Lon0: params["lon0"], Lat0: params["lat0"],
			FalseEast: params["fe"] * unit, FalseNorth: params["fn"] * unit}
		if k, ok := params["k0"]; ok {
			tm.K0 = k
		}
		if unit == 1 {
			return tmCRS(name, tm, datum), nil
		}
		c := tmCRS(name, tm, datum)
		return c.inUnits(unit), nil
	}
	lambert := strings.Contains(upper, "LAMBERT_CONFORMAL_CONIC") || strings.Contains(upper, "LAMBERT CONIC CONFORMAL") || strings.Contains(upper, "LAMBERT CONFORMAL CONIC")
	if lambert || strings.Contains(upper, "ALBERS") {
		if !known {
			return CRS{}, fault(ProblemUnsupportedCRS, name, "conic")
		}
		p := Conic{Lambert: lambert, A: datum.a, InvF: datum.invF,
			Lat0: params["lat0"], Lon0: params["lon0"], K0: params["k0"],
			FalseEast: params["fe"] * unit, FalseNorth: params["fn"] * unit}
		lat1, one := params["lat1"]
		lat2, two := params["lat2"]
		switch {
		case one && two:
			p.Lat1, p.Lat2 = lat1, lat2
		case one:
			p.Lat1, p.Lat2 = lat1, lat1
		default: // one standard parallel: the origin's
			p.Lat1, p.Lat2 = p.Lat0, p.Lat0
		}
		if p.Lat1 == 0 && p.Lat2 == 0 {
			return CRS{}, fault(ProblemUnsupportedCRS, name, "conic")
		}
		return conicCRS(name, p, datum, unit), nil
	}
	if strings.Contains(upper, "MERCATOR_AUXILIARY_SPHERE") || strings.Contains(upper, "PSEUDO-MERCATOR") || strings.Contains(upper, "PSEUDO_MERCATOR") {
		return CRS{Name: name, ToLonLat: project.Mercator.ToWGS84, FromLonLat: project.WGS84.ToMercator, Domain: mercatorDomain}, nil
	}
	return CRS{}, fault(ProblemUnsupportedCRS, name, "")
}

// wktParams reads a WKT's projection parameters by what they mean, under
// ESRI's, OGC WKT1's and WKT2's names: lon0, lat0, lat1, lat2, k0, fe, fn
// (degrees, the scale, the system's own linear units).
func wktParams(wkt string) map[string]float64 {
	out := map[string]float64{}
	for _, m := range wktParam.FindAllStringSubmatch(wkt, -1) {
		v, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			continue
		}
		key := ""
		switch strings.ToLower(strings.ReplaceAll(m[1], " ", "_")) {
		case "central_meridian", "longitude_of_natural_origin", "longitude_of_origin", "longitude_of_false_origin", "longitude_of_center":
			key = "lon0"
		case "latitude_of_origin", "latitude_of_natural_origin", "latitude_of_false_origin", "latitude_of_center":
			key = "lat0"
		case "standard_parallel_1", "latitude_of_1st_standard_parallel":
			key = "lat1"
		case "standard_parallel_2", "latitude_of_2nd_standard_parallel":
			key = "lat2"
		case "scale_factor", "scale_factor_at_natural_origin":
			key = "k0"
		case "false_easting", "easting_at_false_origin":
			key = "fe"
		case "false_northing", "northing_at_false_origin":
			key = "fn"
		}
		if key != "" {
			out[key] = v
		}
	}
	return out
}

// wktLinearUnit is the metres in one of a projected system's units (a US
// survey foot: 0.3048006096): its last length unit, 1 when it names none.
func wktLinearUnit(wkt string) float64 {
	unit := 1.0
	for _, m := range wktUnit.FindAllStringSubmatch(wkt, -1) {
		v, err := strconv.ParseFloat(m[3], 64)
		name := strings.ToLower(m[2])
		if err != nil || v <= 0 || strings.Contains(name, "degree") || strings.Contains(name, "radian") || strings.Contains(name, "grad") {
			continue
		}
		if strings.EqualFold(m[1], "LENGTHUNIT") || v >= 0.01 {
			unit = v
		}
	}
	return unit
}

// inUnits makes a CRS in metres read numbers in units of unit metres.
func (c CRS) inUnits(unit float64) CRS {
	to, from, dom := c.ToLonLat, c.FromLonLat, c.Domain
	c.ToLonLat = func(p orb.Point) orb.Point { return to(orb.Point{p[0] * unit, p[1] * unit}) }
	c.FromLonLat = func(p orb.Point) orb.Point { q := from(p); return orb.Point{q[0] / unit, q[1] / unit} }
	if dom != nil {
		c.Domain = func(b orb.Bound) bool {
			return dom(orb.Bound{Min: orb.Point{b.Min[0] * unit, b.Min[1] * unit}, Max: orb.Point{b.Max[0] * unit, b.Max[1] * unit}})
		}
	}
	c.tm = nil // zone hints speak of metres
	return c
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
