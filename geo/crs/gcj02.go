package crs

import (
	"math"

	"github.com/paulmach/orb"
)

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
