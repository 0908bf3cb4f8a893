// Package coord writes and reads the coordinates planners exchange: decimal
// degrees, degrees-minutes-seconds, and CGCS2000 Gauss–Krüger grid
// coordinates in 3° or 6° zones, with or without the zone number in front
// of the easting (Chinese survey practice: X is the northing, Y the
// easting). Positions are lon/lat on WGS 84, which CGCS2000 matches to
// well under a decimetre.
package coord

import (
	"errors"
	"math"

	"github.com/paulmach/orb"
	"github.com/planatlas/planatlas/geo/crs"
)

// Form is a way of writing a position.
type Form int

// The forms.
const (
	Degrees Form = iota // 31.860000°N 106.750000°E
	DMS                 // 31°51′36.00″N 106°45′00.00″E
	GK3                 // CGCS2000 Gauss–Krüger, 3° zones
	GK6                 // CGCS2000 Gauss–Krüger, 6° zones
)

// Forms lists every form, in menu order.
var Forms = []Form{Degrees, DMS, GK3, GK6}

// Options says how to write grid coordinates and how to read them.
type Options struct {
	Form Form
	// Prefix writes the zone number in front of the easting (36 381 700.26
	// rather than 381 700.26).
	Prefix bool
	// Zone fixes the zone (its number: 35 for the 3° zone of 105°E, 18 for
	// the 6° zone of 105°E); 0 uses the zone each point lies in. Reading an
	// easting without a zone number needs it.
	Zone int
}

// Errors of Parse.
var (
	ErrUnrecognised = errors.New("coord: not a coordinate")
	ErrOutOfRange   = errors.New("coord: outside the Earth's latitudes or longitudes")
	ErrNeedZone     = errors.New("coord: an easting without a zone number needs a zone")
	ErrBadZone      = errors.New("coord: not a CGCS2000 zone over China")
)

// Zone returns the zone of a longitude in the form's zoning (3° or 6°).
func Zone(form Form, lon float64) int {
	if form == GK6 {
		return int(math.Floor(lon/6)) + 1
	}
	return int(math.Round(lon / 3))
}

// CentralMeridian returns the central meridian of a zone, degrees.
func CentralMeridian(form Form, zone int) float64 {
	if form == GK6 {
		return float64(6*zone - 3)
	}
	return float64(3 * zone)
}

// projection returns the CGCS2000 transverse Mercator of a zone.
func projection(form Form, zone int, prefix bool) crs.TransverseMercator {
	tm := crs.TransverseMercator{A: 6378137, InvF: 298.257222101, K0: 1, FalseEast: 500000, Lon0: CentralMeridian(form, zone)}
	if prefix {
		tm.FalseEast += float64(zone) * 1e6
	}
	return tm
}

// Grid returns a point's Gauss–Krüger easting and northing and its zone.
func Grid(p orb.Point, o Options) (easting, northing float64, zone int) {
	zone = o.Zone
	if zone == 0 {
		zone = Zone(o.Form, p[0])
	}
	en := projection(o.Form, zone, o.Prefix).Forward(p)
	return en[0], en[1], zone
}
