package crs

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
)

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

// FromWKT reads a .prj (ESRI or OGC WKT; a byte-order mark is
// skipped): an EPSG authority if it carries one; else a geographic system
// on a known datum passes through; a UTM zone by its name; a transverse
// Mercator (Gauss–Krüger) on a known datum is built from its parameters.
func FromWKT(wkt string) (CRS, error) {
	wkt = strings.TrimSpace(strings.TrimPrefix(wkt, "\uFEFF"))
	name := wkt
	if m := wktName.FindStringSubmatch(wkt); m != nil {
		name = m[1]
	}
	for _, re := range []*regexp.Regexp{wktAuthority, wktID} {
		if m := re.FindStringSubmatch(wkt); m != nil {
			code, _ := strconv.Atoi(m[1])
			c, err := FromEPSG(code)
			if err == nil {
				c.Name = name + " (EPSG:" + m[1] + ")"
				return c, nil
			}
			// A code not known here: the parameters may still say it.
		}
	}
	upper := strings.ToUpper(wkt)
	datum, known := wktDatum(wkt)
	if strings.HasPrefix(upper, "GEOGCS") || strings.HasPrefix(upper, "GEOGCRS") {
		if !known {
			return CRS{}, unsupported(name, "datum")
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
			return CRS{}, unsupported(name, "tm")
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
			return CRS{}, unsupported(name, "conic")
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
			return CRS{}, unsupported(name, "conic")
		}
		return conicCRS(name, p, datum, unit), nil
	}
	if strings.Contains(upper, "MERCATOR_AUXILIARY_SPHERE") || strings.Contains(upper, "PSEUDO-MERCATOR") || strings.Contains(upper, "PSEUDO_MERCATOR") {
		return CRS{Name: name, ToLonLat: project.Mercator.ToWGS84, FromLonLat: project.WGS84.ToMercator, Domain: mercatorDomain}, nil
	}
	return CRS{}, unsupported(name, "")
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
