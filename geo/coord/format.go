package coord

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Format writes p in o's form; lang ("zh" or "en") names the zone.
func Format(p orb.Point, o Options, lang string) string {
	switch o.Form {
	case DMS:
		return dms(p[1], "N", "S") + " " + dms(p[0], "E", "W")
	case GK3, GK6:
		e, n, zone := Grid(p, o)
		width := 3
		if o.Form == GK6 {
			width = 6
		}
		if lang == "en" {
			return fmt.Sprintf("X %.2f  Y %.2f  (CGCS2000 %d° zone %d)", n, e, width, zone)
		}
		return fmt.Sprintf("X %.2f  Y %.2f（CGCS2000 %d°带 第%d带）", n, e, width, zone)
	default:
		return deg(p[1], "N", "S") + " " + deg(p[0], "E", "W")
	}
}

func hemi(v float64, pos, neg string) string {
	if v < 0 {
		return neg
	}
	return pos
}

func deg(v float64, pos, neg string) string {
	return fmt.Sprintf("%.6f°%s", math.Abs(v), hemi(v, pos, neg))
}

// dms writes |v| as degrees, minutes and seconds to a hundredth of a
// second (0.3 m), carrying 60″ up so that 59.999″ never prints as 60.00″.
func dms(v float64, pos, neg string) string {
	hs := math.Round(math.Abs(v) * 360000) // hundredths of a second
	d := math.Floor(hs / 360000)
	hs -= d * 360000
	m := math.Floor(hs / 6000)
	s := (hs - m*6000) / 100
	return fmt.Sprintf("%.0f°%02.0f′%05.2f″%s", d, m, s, hemi(v, pos, neg))
}
