package basemap_test

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/crs"
)

// scanPoint is where pixel (u, v) of testdata/scan.png lies, from the
// world file GDAL wrote for it (Web Mercator).
func scanPoint(t *testing.T, u, v float64) orb.Point {
	wf, err := basemap.ReadWorldFile("testdata/scan.wld")
	if err != nil {
		t.Fatal(err)
	}
	x := wf.A*(u-0.5) + wf.B*(v-0.5) + wf.C
	y := wf.D*(u-0.5) + wf.E*(v-0.5) + wf.F
	return project.Mercator.ToWGS84(orb.Point{x, y})
}

func TestGeoreferenceAScan(t *testing.T) {
	for _, tc := range []struct {
		name  string
		order int
		px    [][2]float64
	}{
		{"affine, 4 points", 1, [][2]float64{{10, 10}, {190, 15}, {20, 130}, {180, 135}}},
		{"second order, 7 points", 2, [][2]float64{{10, 10}, {190, 15}, {20, 130}, {180, 135}, {100, 70}, {60, 40}, {150, 100}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var pts []basemap.ControlPoint
			for _, p := range tc.px {
				pts = append(pts, basemap.ControlPoint{Pixel: p, LonLat: scanPoint(t, p[0], p[1])})
			}
			g, err := basemap.Fit(pts, tc.order)
			if err != nil {
				t.Fatal(err)
			}
			// A Web Mercator image is close to affine in a Gauss–Krüger zone over 50 km:
			// the residuals stay well under a pixel (272 m).
			if g.RMS > 30 || len(g.Residuals) != len(pts) {
				t.Errorf("RMS %.1f m, residuals %v", g.RMS, g.Residuals)
			}
			if g.EPSG != 4545 {
				t.Errorf("zone EPSG:%d; lon 106.75 is in the zone of 108°E, EPSG:4545", g.EPSG)
			}
			back := g.LonLat(100, 70)
			want := scanPoint(t, 100, 70)
			if d := math.Hypot((back[0]-want[0])*94000, (back[1]-want[1])*111000); d > 50 {
				t.Errorf("pixel (100, 70) placed %.0f m from where the world file puts it", d)
			}
			dir := t.TempDir()
			img := filepath.Join(dir, "scan.png")
			b, _ := os.ReadFile("testdata/scan.png")
			os.WriteFile(img, b, 0o644)
			saved, err := g.Save(img)
			if err != nil {
				t.Fatal(err)
			}
			src, err := basemap.Open(saved, basemap.OpenOptions{})
			if err != nil {
				t.Fatalf("the saved georeference does not open again: %v", err)
			}
			defer src.Close()
			v := view4x()
			checkRamp(t, tc.name, draw(t, src, v), v, 30)
			// GDAL, the reference reader, reads the same placement from the files.
			if _, err := exec.LookPath("gdalinfo"); err != nil {
				return
			}
			out, err := exec.Command("gdalinfo", saved).CombinedOutput()
			if err != nil {
				t.Fatalf("gdalinfo: %v %s", err, out)
			}
			if !regexp.MustCompile(`ID\["EPSG",4545\]|AUTHORITY\["EPSG","4545"\]`).Match(out) {
				t.Errorf("gdalinfo does not see EPSG:4545:\n%s", out)
			}
			m := regexp.MustCompile(`Center\s+\(\s*([0-9.]+),\s*([0-9.]+)\)`).FindSubmatch(out)
			if m == nil {
				t.Fatalf("no centre in gdalinfo's output:\n%s", out)
			}
			cx, _ := strconv.ParseFloat(string(m[1]), 64)
			cy, _ := strconv.ParseFloat(string(m[2]), 64)
			// The image's centre, as GDAL reads the files, against the fit's.
			r := src.(*basemap.Raster)
			w, h := r.Size()
			zone, _ := crs.FromEPSG(4545)
			gd := zone.ToLonLat(orb.Point{cx, cy})
			ours := g.LonLat(float64(w)/2, float64(h)/2)
			if d := math.Hypot((gd[0]-ours[0])*94600, (gd[1]-ours[1])*111000); tc.order == 1 && d > 1 {
				t.Errorf("GDAL puts the centre %.2f m from where the fit does", d)
			}
			// And GDAL's own longitude and latitude of it: with the axes
			// declared northing first and mapped "1,2", GDAL put a
			// Bazhong scan at 134°E 3°N.
			ll := regexp.MustCompile(`Center\s+\([^)]*\)\s+\(\s*(\d+)d\s*(\d+)'\s*([0-9.]+)"E,\s*(\d+)d\s*(\d+)'\s*([0-9.]+)"N\)`).FindSubmatch(out)
			if ll == nil {
				t.Fatalf("no lon/lat of the centre in gdalinfo's output:\n%s", out)
			}
			dms := func(d, m, s []byte) float64 {
				a, _ := strconv.ParseFloat(string(d), 64)
				b, _ := strconv.ParseFloat(string(m), 64)
				c, _ := strconv.ParseFloat(string(s), 64)
				return a + b/60 + c/3600
			}
			glon, glat := dms(ll[1], ll[2], ll[3]), dms(ll[4], ll[5], ll[6])
			if d := math.Hypot((glon-gd[0])*94600, (glat-gd[1])*111000); d > 5 {
				t.Errorf("GDAL's lon/lat of the centre, %.5f %.5f, is %.0f m from its zone coordinates' %.5f %.5f", glon, glat, d, gd[0], gd[1])
			}
			// gdalwarp to lon/lat lands the scan where it belongs.
			if _, err := exec.LookPath("gdalwarp"); err == nil {
				warped := filepath.Join(dir, "warped.tif")
				if out, err := exec.Command("gdalwarp", "-q", "-t_srs", "EPSG:4326", saved, warped).CombinedOutput(); err != nil {
					t.Fatalf("gdalwarp: %v %s", err, out)
				}
				wout, _ := exec.Command("gdalinfo", warped).CombinedOutput()
				wc := regexp.MustCompile(`Center\s+\(\s*([0-9.]+),\s*([0-9.]+)\)`).FindSubmatch(wout)
				if wc == nil {
					t.Fatalf("no centre of the warped image:\n%s", wout)
				}
				wx, _ := strconv.ParseFloat(string(wc[1]), 64)
				wy, _ := strconv.ParseFloat(string(wc[2]), 64)
				if math.Abs(wx-gd[0]) > 0.01 || math.Abs(wy-gd[1]) > 0.01 {
					t.Errorf("gdalwarp put the scan's centre at %.4f %.4f, want near %.4f %.4f", wx, wy, gd[0], gd[1])
				}
			}
		})
	}
}

func TestGeoreferenceNeedsSpreadPoints(t *testing.T) {
	line := []basemap.ControlPoint{
		{Pixel: [2]float64{0, 0}, LonLat: orb.Point{106.5, 31.8}},
		{Pixel: [2]float64{10, 10}, LonLat: orb.Point{106.6, 31.7}},
		{Pixel: [2]float64{20, 20}, LonLat: orb.Point{106.7, 31.6}},
	}
	if _, err := basemap.Fit(line, 1); err == nil {
		t.Error("three points in a line were fitted")
	}
	if _, err := basemap.Fit(line[:2], 1); err == nil {
		t.Error("two points were fitted")
	}
	if _, err := basemap.Fit(append(line, line...), 2); err == nil {
		t.Error("a second-order fit of repeated points was accepted")
	}
}

func TestControlPointsRoundTrip(t *testing.T) {
	pts := []basemap.ControlPoint{
		{Pixel: [2]float64{10.5, 20.25}, LonLat: orb.Point{106.523456789, 31.987654321}},
		{Pixel: [2]float64{190, 15}, LonLat: orb.Point{106.96, 31.97}},
	}
	path := filepath.Join(t.TempDir(), "scan.png.points")
	if err := basemap.WritePoints(path, pts); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !regexp.MustCompile(`(?m)^mapX,mapY,sourceX,sourceY,enable,dX,dY,residual$`).Match(b) || !regexp.MustCompile(`(?m)^106\.523456789,31\.987654321,10\.5000,-20\.2500,1`).Match(b) {
		t.Errorf("not QGIS's .points layout:\n%s", b)
	}
	got, err := basemap.ReadPoints(path)
	if err != nil || len(got) != 2 || got[0] != pts[0] || got[1] != pts[1] {
		t.Errorf("read back %+v, %v", got, err)
	}
	bad := filepath.Join(t.TempDir(), "bad.points")
	os.WriteFile(bad, []byte("mapX,mapY,sourceX,sourceY\n376000,3525000,1,-1\n"), 0o644)
	if _, err := basemap.ReadPoints(bad); err == nil {
		t.Error("projected map coordinates were read as lon/lat")
	}
}
