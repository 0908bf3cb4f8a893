package crs_test

import (
	"fmt"
	"math"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/crs"
)

// Snyder's worked examples (Map Projections — A Working Manual, USGS
// Professional Paper 1395, pp. 295–297), Clarke 1866: Lambert conformal
// with parallels 33° and 45°, origin 23°N 96°W, at 35°N 75°W gives
// x = 1,894,410.9 m, y = 1,564,649.5 m; Albers with parallels 29.5° and
// 45.5°, same origin, gives x = 1,885,472.7 m, y = 1,535,925.0 m.
func TestConicSnyderExamples(t *testing.T) {
	for _, c := range []struct {
		name string
		p    crs.Conic
		x, y float64
	}{
		{"lambert", crs.Conic{Lambert: true, A: 6378206.4, InvF: 294.978698, Lat1: 33, Lat2: 45, Lat0: 23, Lon0: -96}, 1894410.9, 1564649.5},
		{"albers", crs.Conic{A: 6378206.4, InvF: 294.978698, Lat1: 29.5, Lat2: 45.5, Lat0: 23, Lon0: -96}, 1885472.7, 1535925.0},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := c.p.Forward(orb.Point{-75, 35})
			if math.Abs(got[0]-c.x) > 0.2 || math.Abs(got[1]-c.y) > 0.2 {
				t.Errorf("forward = %.1f, %.1f; want %.1f, %.1f", got[0], got[1], c.x, c.y)
			}
			back := c.p.Inverse(orb.Point{c.x, c.y})
			if math.Abs(back[0]+75) > 1e-5 || math.Abs(back[1]-35) > 1e-5 {
				t.Errorf("inverse = %.8f, %.8f; want -75, 35", back[0], back[1])
			}
		})
	}
}

// Conic and foot-based systems read from the WKT GDAL writes for them —
// OGC WKT1, ESRI's and WKT2 — place points where GDAL's gdaltransform
// does, to 1e-7° (about a centimetre), and back to a millimetre.
func TestConicCRSAsGDAL(t *testing.T) {
	if _, err := exec.LookPath("gdaltransform"); err != nil {
		t.Skip("gdaltransform (gdal-bin) not installed")
	}
	for _, c := range []struct {
		srs, geog string
		lonlat    []orb.Point
	}{
		// Texas South Central state plane in US feet (Lambert, two parallels).
		{"EPSG:2278", "EPSG:4269", []orb.Point{{-98.5, 29.4}, {-97.9, 29.6}, {-96, 30.5}}},
		// Asia North Albers, as ESRI ships it.
		{"ESRI:102025", "EPSG:4326", []orb.Point{{106.75, 31.87}, {87.6, 43.8}, {121.5, 31.2}}},
		// Asia Lambert conformal conic.
		{"ESRI:102012", "EPSG:4326", []orb.Point{{106.75, 31.87}, {116.4, 39.9}, {113.3, 23.1}}},
		// Lambert with one parallel on Krassovsky (Beijing 1954's ellipsoid).
		{"+proj=lcc +lat_1=30 +lat_0=30 +lon_0=105 +k_0=0.9996 +x_0=500000 +y_0=200000 +ellps=krass +units=m +no_defs", "+proj=longlat +ellps=krass +no_defs", []orb.Point{{106.75, 31.87}, {104, 29}}},
		// Albers on CGCS2000's ellipsoid, parallels 25° and 47°.
		{"+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs", "+proj=longlat +ellps=GRS80 +no_defs", []orb.Point{{106.75, 31.87}, {80, 45}, {125, 20}}},
		// NAD27 (Clarke 1866, a datum not known here by name) in US feet:
		// read on its own ellipsoid, without a shift, and said so.
		{"EPSG:32039", "EPSG:4267", []orb.Point{{-98.5, 29.4}, {-97.9, 29.6}}},
		// A transverse Mercator in US survey feet.
		{"+proj=tmerc +lat_0=0 +lon_0=-99 +k=0.9999 +x_0=500000 +y_0=0 +datum=NAD83 +units=us-ft +no_defs", "EPSG:4269", []orb.Point{{-98.5, 29.4}, {-99.2, 31}}},
	} {
		var in strings.Builder
		for _, p := range c.lonlat {
			fmt.Fprintf(&in, "%.10f %.10f\n", p[0], p[1])
		}
		xy := gdalTransform(t, c.geog, c.srs, in.String())
		for _, form := range []string{"wkt1", "wkt_esri", "wkt2"} {
			out, err := exec.Command("gdalsrsinfo", "-o", form, c.srs).Output()
			wkt := strings.TrimSpace(string(out))
			if err != nil || wkt == "" || strings.Contains(wkt, "ERROR") {
				continue // a form GDAL does not write for this system
			}
			sys, err := crs.FromWKT(wkt)
			if err != nil {
				t.Errorf("%s as %s: %v", c.srs, form, err)
				continue
			}
			if shifted := c.geog == "EPSG:4267" || strings.Contains(c.geog, "krass"); shifted != (sys.Note == crs.NoteNoShift) {
				t.Errorf("%s as %s: note %v", c.srs, form, sys.Note)
			}
			for i, p := range c.lonlat {
				got := sys.ToLonLat(xy[i])
				if math.Abs(got[0]-p[0]) > 1e-7 || math.Abs(got[1]-p[1]) > 1e-7 {
					t.Errorf("%s as %s: %.3f, %.3f → %.9f, %.9f; GDAL %.9f, %.9f", c.srs, form, xy[i][0], xy[i][1], got[0], got[1], p[0], p[1])
				}
				back := sys.FromLonLat(p)
				if math.Abs(back[0]-xy[i][0]) > 1e-3 || math.Abs(back[1]-xy[i][1]) > 1e-3 {
					t.Errorf("%s as %s: back %.4f, %.4f; GDAL %.4f, %.4f", c.srs, form, back[0], back[1], xy[i][0], xy[i][1])
				}
				if sys.Domain != nil && !sys.Domain(orb.Bound{Min: xy[i], Max: xy[i]}) {
					t.Errorf("%s as %s: %v said outside the system", c.srs, form, xy[i])
				}
			}
		}
	}
}

// gdalTransform runs gdaltransform from one system to another on lines of
// "x y" and returns the points it gives.
func gdalTransform(t *testing.T, from, to, in string) []orb.Point {
	t.Helper()
	cmd := exec.Command("gdaltransform", "-s_srs", from, "-t_srs", to, "-output_xy")
	cmd.Stdin = strings.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("gdaltransform %s → %s: %v", from, to, err)
	}
	var pts []orb.Point
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			t.Fatalf("gdaltransform said %q", line)
		}
		x, _ := strconv.ParseFloat(f[0], 64)
		y, _ := strconv.ParseFloat(f[1], 64)
		pts = append(pts, orb.Point{x, y})
	}
	return pts
}
