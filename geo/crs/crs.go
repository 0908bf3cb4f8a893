// Package crs converts coordinates of the systems China's planning files
// come in — WGS 84 and CGCS2000 lon/lat, Gauss–Krüger zones on CGCS2000,
// Xi'an 1980 and Beijing 1954, UTM, Web Mercator, Lambert and Albers conic
// systems, GCJ-02 — to WGS 84 lon/lat, read from EPSG codes and WKT. It
// says facts (a system not known, a datum not shifted, why numbers fall
// outside a system); the app words them.
package crs

import (
	"fmt"
	"math"

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
	// Datum is the datum's name; Note says what was done about it (a
	// datum tens of metres off WGS 84 read without a shift, or shifted by
	// the planner's seven parameters), for the planner to be told.
	Datum string
	Note  Note

	tm    *TransverseMercator // for hints about zone numbers
	datum ellipsoid
}

// Note is what a reader should tell the planner about a system's datum.
type Note uint8

// The notes a system carries.
const (
	NoteNone    Note = iota
	NoteNoShift      // on a datum tens of metres off WGS 84, read without a shift
	NoteHelmert      // converted to WGS 84 by the seven parameters given
)

// Hint says why coordinates fall outside a system, when it can be told.
type Hint int64

// The hints Hint gives.
const (
	HintNone       Hint = iota
	HintNoZone          // the system wants the zone number in the easting; the file has none
	HintZone            // the file's eastings carry a zone number; the system has none
	HintOtherZone       // the file's eastings carry another zone number
	HintNotProject      // the numbers are lon/lat, not metres
)

// Hint says why raw coordinates fall outside the system, when it can.
func (c CRS) Hint(raw orb.Bound) Hint {
	if c.tm == nil {
		return HintNone
	}
	x := raw.Min[0]
	switch {
	case math.Abs(x) <= 180 && math.Abs(raw.Min[1]) <= 90 && math.Abs(raw.Max[0]) <= 180:
		return HintNotProject
	case c.tm.FalseEast >= 1e6 && x < 1e6:
		return HintNoZone
	case c.tm.FalseEast < 1e6 && x >= 1e7:
		return HintZone
	case c.tm.FalseEast >= 1e6 && x >= 1e7:
		return HintOtherZone
	}
	return HintNone
}

// UnsupportedError says a coordinate system cannot be converted here:
// Name as the file gives it; Kind what was missing ("epsg": a code not
// known, "datum", "tm", "conic": a datum not known for that projection, ""
// a projection not known).
type UnsupportedError struct {
	Name, Kind string
}

func (e *UnsupportedError) Error() string {
	return "unsupported coordinate system " + e.Name
}

func unsupported(name, kind string) error { return &UnsupportedError{Name: name, Kind: kind} }

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

// onDatum notes a datum that differs from WGS 84 by tens of metres: read
// without a shift unless the planner gives seven parameters.
func (c CRS) onDatum(e ellipsoid) CRS {
	c.datum = e
	c.Datum = e.name
	if e.shifted {
		c.Note = NoteNoShift
	}
	return c
}

// WithHelmert converts from the CRS's datum to WGS 84 with seven
// parameters, when the planner gave them and the datum needs them.
func (c CRS) WithHelmert(h *Helmert) CRS {
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
	c.Note = NoteHelmert
	return c
}

// mercatorDomain is the square Web Mercator covers.
func mercatorDomain(b orb.Bound) bool {
	const m = 20037508.342789244 * 1.0001
	return b.Min[0] >= -m && b.Max[0] <= m && b.Min[1] >= -m*1.5 && b.Max[1] <= m*1.5
}

// FromEPSG returns the conversion for an EPSG code: WGS 84 and CGCS2000
// lon/lat pass through; Web Mercator (3857 and its aliases) is
// unprojected; CGCS2000 (4491–4554), Xi'an 1980 (2327–2390) and Beijing
// 1954 (2401–2442, 21413–21463) Gauss–Krüger zones and WGS 84 UTM zones
// (32601–32660, 32701–32760) are inverted; Xi'an 1980 and Beijing 1954
// (and their lon/lat, 4610 and 4214) carry a warning that no datum shift
// was applied. Any other code is an error naming it.
func FromEPSG(code int) (CRS, error) {
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
	return CRS{}, unsupported(name, "epsg")
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
