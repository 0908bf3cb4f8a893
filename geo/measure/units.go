package measure

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The area units of Chinese planning.
const (
	SquareMetresPerHectare = 10000.0
	SquareMetresPerMu      = 10000.0 / 15 // 1 亩 = 1/15 公顷
	SquareMetresPerKm2     = 1e6
)

// FormatLength writes a length in metres as planners read it: metres below
// a kilometre, kilometres above ("850 m", "12.4 km", "289 km").
func FormatLength(m float64) string {
	switch {
	case m < 1000:
		return group(m, 0) + " m"
	case m < 100000:
		return group(m/1000, 2) + " km"
	default:
		return group(m/1000, 1) + " km"
	}
}

// FormatArea writes an area in square metres in the units Chinese planners
// use: square metres for small areas, else 公顷 with 亩 beside it, and km²
// first for areas of a square kilometre or more. lang "en" writes ha and mu.
func FormatArea(m2 float64, lang string) string {
	ha, mu := "公顷", "亩"
	open, sep, end := "（", "，", "）"
	if lang == "en" {
		ha, mu = "ha", "mu"
		open, sep, end = " (", ", ", ")"
	}
	h := m2 / SquareMetresPerHectare
	m := m2 / SquareMetresPerMu
	switch {
	case m2 < 10000:
		return group(m2, 0) + " m²" + open + group(m, 2) + " " + mu + end
	case m2 < SquareMetresPerKm2:
		return group(h, 2) + " " + ha + open + group(m, 0) + " " + mu + end
	default:
		return group(m2/SquareMetresPerKm2, 2) + " km²" + open + group(h, 0) + " " + ha + sep + group(m, 0) + " " + mu + end
	}
}

// group formats x with the given decimals and thousands separators.
func group(x float64, decimals int) string {
	s := strconv.FormatFloat(math.Abs(x), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	if x < 0 {
		return "-" + b.String()
	}
	return b.String()
}

// String formats a geodesic for a log or a test.
func (g Geodesic) String() string {
	return fmt.Sprintf("%s, azimuth %.4f° → %.4f°", FormatLength(g.Distance), g.Azi1, g.Azi2)
}
