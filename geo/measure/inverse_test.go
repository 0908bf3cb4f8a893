package measure_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/measure"
)

// Reference values from PROJ 9.1's geod, which implements Karney's
// algorithms (Debian proj-bin):
//
//	echo "lat1 lon1 lat2 lon2" | geod +ellps=WGS84 -I -f "%.12f" -F "%.6f"
//
// geod prints the azimuth at the start, the back azimuth at the end (the
// forward azimuth there + 180°) and the distance to the micrometre.
func TestInverseAgainstGeod(t *testing.T) {
	tests := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		azi1, back2, dist      float64
	}{
		{"1 km north in Bazhong", 31.86, 106.75, 31.869, 106.75, 0, -180, 997.959969},
		{"100 km north", 31.86, 106.75, 32.76, 106.75, 0, -180, 99803.032933},
		{"Enyang airport to Bazhong", 31.738, 106.645, 31.8557, 106.772, 42.628440649003, -137.304641843882, 17747.576593},
		{"Bazhong to Chengdu", 31.867, 106.75, 30.66, 104.06333, -116.907456322270, 61.697964758669, 288748.075841},
		{"Bazhong to Chongqing", 31.867, 106.75, 29.55833, 106.56667, -176.027919030284, 3.878429165834, 256551.374836},
		{"Bazhong to Xi'an", 31.867, 106.75, 34.26111, 108.94222, 37.040154612595, -141.763457229602, 335256.187528},
		{"New York to Singapore", 40.6, -73.8, 1.4, 104, 3.261288894670, -2.479891234428, 15347674.108220},
		{"across the equator, nearly antipodal", 0, 0, 0.5, 179.5, 25.671872868292, -25.672914530058, 19936288.578965},
		{"southern to northern hemisphere", -30, 0, 29.9, 179.8, 161.890524736327, -161.909262754261, 19989832.827610},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := measure.WGS84.Inverse(orb.Point{tt.lon1, tt.lat1}, orb.Point{tt.lon2, tt.lat2})
			if d := math.Abs(g.Distance - tt.dist); d > 1e-3 {
				t.Errorf("distance %.6f m, geod %.6f m (%.3g m apart)", g.Distance, tt.dist, d)
			}
			if d := angleDiff(g.Azi1, tt.azi1); d > 1e-8 {
				t.Errorf("azimuth %.12f°, geod %.12f°", g.Azi1, tt.azi1)
			}
			if d := angleDiff(g.Azi2, tt.back2+180); d > 1e-8 {
				t.Errorf("end azimuth %.12f°, geod %.12f°", g.Azi2, tt.back2+180)
			}
			// The way back is as long, with the azimuths reversed.
			r := measure.WGS84.Inverse(orb.Point{tt.lon2, tt.lat2}, orb.Point{tt.lon1, tt.lat1})
			if math.Abs(r.Distance-g.Distance) > 1e-6 || angleDiff(r.Azi1, g.Azi2+180) > 1e-8 {
				t.Errorf("reversed: %+v, forward %+v", r, g)
			}
		})
	}
}

func TestInverseSpecialCases(t *testing.T) {
	if g := measure.WGS84.Inverse(orb.Point{106.75, 31.86}, orb.Point{106.75, 31.86}); g.Distance != 0 {
		t.Errorf("same point: %+v", g)
	}
	// A quarter of the equator is a quarter of its circumference.
	g := measure.WGS84.Inverse(orb.Point{0, 0}, orb.Point{90, 0})
	if want := 6378137 * math.Pi / 2; math.Abs(g.Distance-want) > 1e-6 || g.Azi1 != 90 {
		t.Errorf("equator: %+v, want %.6f m due east", g, want)
	}
	// Pole to equator along a meridian: the WGS 84 quarter meridian.
	g = measure.WGS84.Inverse(orb.Point{0, 0}, orb.Point{0, 90})
	if want := 10001965.729; math.Abs(g.Distance-want) > 1e-3 {
		t.Errorf("quarter meridian %.6f m, want %.3f m", g.Distance, want)
	}
}

func angleDiff(a, b float64) float64 {
	d := math.Mod(math.Abs(a-b), 360)
	return math.Min(d, 360-d)
}
