package crs

import (
	"math"

	"github.com/paulmach/orb"
)

// Guess says which coordinate system numbers without one are in, as a
// Chinese drawing writes them: lon/lat (4326, 0 when that is all they
// can be), a CGCS2000 Gauss–Krüger easting with its zone number (3° zones
// 25–45: EPSG:4513–4533; 6° zones 13–23: 4491–4501), or without it — the
// 3° zone whose central meridian is nearest near (the plan's centre),
// EPSG:4534–4554. 0 when nothing fits.
func Guess(b orb.Bound, near orb.Point) int {
	x0, x1, y0, y1 := b.Min[0], b.Max[0], b.Min[1], b.Max[1]
	switch {
	case x0 >= -180 && x1 <= 180 && y0 >= -90 && y1 <= 90:
		return 0
	case y0 < 0 || y1 > 1e7:
		return 0
	case x0 >= 1e7 && int(x0/1e6) == int(x1/1e6):
		switch z := int(x0 / 1e6); {
		case z >= 25 && z <= 45:
			return 4488 + z
		case z >= 13 && z <= 23:
			return 4478 + z
		}
	case x0 >= -1e6 && x1 <= 2e6 && y0 >= 1e6 && y1 <= 6.5e6:
		// Eastings around the false 500 km (a plan's area reaches a few
		// degrees past its zone), northings of China.
		if near == (orb.Point{}) {
			return 0
		}
		cm := int(math.Round(near[0]/3)) * 3
		if cm >= 75 && cm <= 135 {
			return 4534 + (cm-75)/3
		}
	}
	return 0
}
