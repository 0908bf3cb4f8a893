package coord

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"golang.org/x/text/width"
)

// Parse reads a position written in any of the forms, as planners paste
// them: "31.86, 106.75" (latitude first, as map sites copy it), "106.75
// 31.86", "31.86°N 106.75°E", "北纬31°51′36″ 东经106°45′", "X=3527009.68
// Y=36381700.26", or an easting and a northing in either order. An easting
// with its zone number in front says its zone; one without uses o.Zone in
// o.Form's zoning.
func Parse(s string, o Options) (orb.Point, error) {
	s = normalise(s)
	if p, ok, err := parseGrid(s, o); ok {
		return p, err
	}
	return parseDegrees(s)
}

var hemiWords = strings.NewReplacer("北纬", " N ", "南纬", " S ", "东经", " E ", "西经", " W ",
	"北緯", " N ", "南緯", " S ", "東經", " E ", "西經", " W ", "，", ",", "；", ";", "：", ":")

// normalise folds full-width characters and Chinese hemisphere words.
func normalise(s string) string {
	return strings.TrimSpace(hemiWords.Replace(width.Narrow.String(s)))
}

var (
	number  = regexp.MustCompile(`-?\d+(?:\.\d+)?`)
	labelXY = regexp.MustCompile(`(?i)\b([XY])\s*[=:]?\s*(-?\d+(?:\.\d+)?)`)
)

// parseGrid reads grid coordinates: ok is false when s is not in metres.
func parseGrid(s string, o Options) (orb.Point, bool, error) {
	var e, n float64
	if m := labelXY.FindAllStringSubmatch(s, -1); len(m) == 2 && !strings.EqualFold(m[0][1], m[1][1]) {
		for _, g := range m {
			v, _ := strconv.ParseFloat(g[2], 64)
			if strings.EqualFold(g[1], "X") {
				n = v
			} else {
				e = v
			}
		}
	} else {
		nums := number.FindAllString(s, -1)
		if len(nums) != 2 {
			return orb.Point{}, false, nil
		}
		a, _ := strconv.ParseFloat(nums[0], 64)
		b, _ := strconv.ParseFloat(nums[1], 64)
		if math.Abs(a) < 1e5 || math.Abs(b) < 1e5 {
			return orb.Point{}, false, nil // degrees
		}
		// Northings over China have seven digits; an easting has six, or
		// eight with its zone number.
		isNorthing := func(v float64) bool { return v >= 1e6 && v < 1e7 }
		switch {
		case isNorthing(a) && !isNorthing(b):
			n, e = a, b
		case isNorthing(b) && !isNorthing(a):
			n, e = b, a
		default:
			return orb.Point{}, true, ErrUnrecognised
		}
	}
	form, zone := o.Form, o.Zone
	prefix := e >= 1e7
	if prefix {
		zone = int(e / 1e6)
		switch {
		case zone >= 25 && zone <= 45:
			form = GK3
		case zone >= 13 && zone <= 23:
			form = GK6
		default:
			return orb.Point{}, true, ErrBadZone
		}
	} else if zone == 0 || (form != GK3 && form != GK6) {
		return orb.Point{}, true, ErrNeedZone
	}
	p := projection(form, zone, prefix).Inverse(orb.Point{e, n})
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.Abs(p[1]) > 90 {
		return orb.Point{}, true, ErrOutOfRange
	}
	return p, true, nil
}

// dmsPart is degrees, minutes and seconds, the last two optional.
const dmsPart = `(-?\d+(?:\.\d+)?)\s*(?:°|度|d\b)?\s*(?:(\d+(?:\.\d+)?)\s*(?:′|'|分|m\b))?\s*(?:(\d+(?:\.\d+)?)\s*(?:″|"|''|秒|s\b))?`

// A coordinate with its hemisphere letter in front ("N31.86"), or after
// it or none ("31.86N", "31.86"): a text uses one style throughout.
var (
	anglePrefix = regexp.MustCompile(`(?i)([NSEW])\s*` + dmsPart + `()`)
	angleSuffix = regexp.MustCompile(`(?i)()` + dmsPart + `\s*([NSEW])?`)
)

func parseDegrees(s string) (orb.Point, error) {
	angle := angleSuffix
	if len(s) > 0 && strings.ContainsRune("NSEWnsew", rune(s[0])) {
		angle = anglePrefix
	}
	m := angle.FindAllStringSubmatch(s, -1)
	if len(m) != 2 {
		return orb.Point{}, ErrUnrecognised
	}
	var vals [2]float64
	var hemis [2]string
	for i, g := range m {
		d, _ := strconv.ParseFloat(g[2], 64)
		mins, _ := strconv.ParseFloat(g[3], 64)
		secs, _ := strconv.ParseFloat(g[4], 64)
		if mins >= 60 || secs >= 60 {
			return orb.Point{}, ErrUnrecognised
		}
		v := math.Abs(d) + mins/60 + secs/3600
		if d < 0 || strings.HasPrefix(g[2], "-") {
			v = -v
		}
		h := strings.ToUpper(g[1] + g[5])
		if len(h) > 1 {
			return orb.Point{}, ErrUnrecognised
		}
		if h == "S" || h == "W" {
			v = -math.Abs(v)
		}
		vals[i], hemis[i] = v, h
	}
	isLat := func(h string) bool { return h == "N" || h == "S" }
	isLon := func(h string) bool { return h == "E" || h == "W" }
	var lat, lon float64
	switch {
	case isLat(hemis[0]) || isLon(hemis[1]):
		lat, lon = vals[0], vals[1]
	case isLon(hemis[0]) || isLat(hemis[1]):
		lon, lat = vals[0], vals[1]
	case math.Abs(vals[0]) > 90 && math.Abs(vals[1]) <= 90:
		lon, lat = vals[0], vals[1]
	default:
		lat, lon = vals[0], vals[1] // "31.86, 106.75": latitude first
	}
	if math.Abs(lat) > 90 || math.Abs(lon) > 180 {
		return orb.Point{}, ErrOutOfRange
	}
	return orb.Point{lon, lat}, nil
}
