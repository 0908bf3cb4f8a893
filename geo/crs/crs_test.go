package crs_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/planatlas/planatlas/geo/crs"
)

// EPSG Guidance Note 7-2 worked example for transverse Mercator (OSGB 1936 /
// British National Grid): 50°30'N, 0°30'E → E 577274.99, N 69740.50.
func TestTransverseMercatorEPSGExample(t *testing.T) {
	tm := crs.TransverseMercator{A: 6377563.396, InvF: 299.3249646, Lat0: 49, Lon0: -2, K0: 0.9996012717,
		FalseEast: 400000, FalseNorth: -100000}
	got := tm.Forward(orb.Point{0.5, 50.5})
	if math.Abs(got[0]-577274.99) > 0.01 || math.Abs(got[1]-69740.50) > 0.01 {
		t.Errorf("forward = %.3f, %.3f; want 577274.99, 69740.50", got[0], got[1])
	}
	back := tm.Inverse(orb.Point{577274.99, 69740.50})
	if d := geo.Distance(back, orb.Point{0.5, 50.5}); d > 0.05 {
		t.Errorf("inverse is %.3f m off", d)
	}
}

// CGCS2000 Gauss–Krüger zones, as the EPSG registry defines them, round trip
// to a millimetre across Sichuan; the zone is read from the EPSG code.
func TestGaussKrugerZones(t *testing.T) {
	tests := []struct {
		epsg     int
		lon0, fe float64
		point    orb.Point
	}{
		{4545, 108, 500000, orb.Point{106.75, 31.867}},        // 3° CM 108E: 巴中
		{4523, 105, 35500000, orb.Point{104.06333, 30.66}},    // 3° zone 35: 成都
		{4496, 105, 18500000, orb.Point{106.56667, 29.55833}}, // 6° zone 18: 重庆
		{4508, 111, 500000, orb.Point{108.94222, 34.26111}},   // 6° CM 111E: 西安
	}
	for _, tt := range tests {
		tm, ok := crs.GaussKruger(tt.epsg)
		if !ok || tm.Lon0 != tt.lon0 || tm.FalseEast != tt.fe || tm.K0 != 1 {
			t.Errorf("EPSG:%d = %+v", tt.epsg, tm)
			continue
		}
		xy := tm.Forward(tt.point)
		c, err := crs.FromEPSG(tt.epsg)
		if err != nil {
			t.Fatal(err)
		}
		back := c.ToLonLat(xy)
		if d := geo.Distance(back, tt.point); d > 0.001 {
			t.Errorf("EPSG:%d: round trip %.4f m off", tt.epsg, d)
		}
	}
	// On the central meridian at the equator: easting is the false easting.
	tm, _ := crs.GaussKruger(4523)
	if p := tm.Forward(orb.Point{105, 0}); math.Abs(p[0]-35500000) > 1e-6 || math.Abs(p[1]) > 1e-6 {
		t.Errorf("origin maps to %v", p)
	}
	// The meridian quadrant of GRS80 (the CGCS2000 ellipsoid), as Moritz's
	// "Geodetic Reference System 1980" publishes it: Q = 10,001,965.7293 m.
	// On the central meridian a Gauss–Krüger northing is the meridian arc.
	for _, code := range []int{4545, 4523, 4496} {
		tm, _ := crs.GaussKruger(code)
		if p := tm.Forward(orb.Point{tm.Lon0, 90}); math.Abs(p[1]-10001965.7293) > 1 || math.Abs(p[0]-tm.FalseEast) > 1e-6 {
			t.Errorf("EPSG:%d: the pole on the central meridian maps to %.4f, %.4f", code, p[0], p[1])
		}
	}
	// One degree of latitude at 30.5°N: 111132.954 − 559.822·cos 2φ + 1.175·cos 4φ = 110,860.9 m.
	a, b := tm.Forward(orb.Point{105, 30}), tm.Forward(orb.Point{105, 31})
	if d := b[1] - a[1]; math.Abs(d-110860.9) > 1 {
		t.Errorf("30°–31° on the meridian: %.1f m", d)
	}
}

func TestCRSFromWKT(t *testing.T) {
	tests := []struct {
		name, wkt string
		ok        bool
		shifted   bool // another datum: read on its ellipsoid, unshifted, said so
	}{
		{"EPSG 4545 with authority", `PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 108E",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",108],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","4545"]]`, true, false},
		{"ESRI GK without authority", `PROJCS["CGCS2000_3_Degree_GK_CM_108E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",108.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`, true, false},
		{"WGS84", `GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`, true, false},
		{"Bessel", `PROJCS["Tokyo / Japan Plane Rectangular CS I",GEOGCS["Tokyo",DATUM["Tokyo",SPHEROID["Bessel 1841",6377397.155,299.1528128]]],PROJECTION["Transverse_Mercator"]]`, true, true},
		{"Lambert", `PROJCS["Asia_Lambert_Conformal_Conic",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]],PROJECTION["Lambert_Conformal_Conic"]]`, false, false},
	}
	want := orb.Point{106.75, 31.867}
	tm, _ := crs.GaussKruger(4545)
	xy := tm.Forward(want)
	for _, tt := range tests {
		c, err := crs.FromWKT(tt.wkt)
		if (err == nil) != tt.ok {
			t.Errorf("%s: err = %v", tt.name, err)
			continue
		}
		if err != nil {
			if !contains(err.Error(), "unsupported coordinate system") {
				t.Errorf("%s: message %q", tt.name, err)
			}
			continue
		}
		if (c.Note == crs.NoteNoShift) != tt.shifted {
			t.Errorf("%s: note %v", tt.name, c.Note)
		}
		if c.ToLonLat != nil && !tt.shifted {
			if d := geo.Distance(c.ToLonLat(xy), want); d > 0.01 {
				t.Errorf("%s: %.3f m off", tt.name, d)
			}
		}
	}
}

// The other systems planners' files come in: WGS 84 UTM, Xi'an 1980 and
// Beijing 1954 Gauss–Krüger (by EPSG code and by ESRI .prj), against PROJ
// ("echo 106.75 31.867 | proj +proj=… +ellps=…", PROJ 9.1 on Debian 12).
func TestOtherSystems(t *testing.T) {
	want := orb.Point{106.75, 31.867}
	tests := []struct {
		name  string
		epsg  int
		wkt   string
		xy    orb.Point // from PROJ
		datum bool      // warns that no datum shift was applied
	}{
		{"WGS 84 / UTM 48N", 32648, "", orb.Point{665546.4930, 3527028.8003}, false},
		{"UTM by ESRI name", 0, `PROJCS["WGS_1984_UTM_Zone_48N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]],PROJECTION["Transverse_Mercator"],PARAMETER["Central_Meridian",105.0],UNIT["Meter",1.0]]`, orb.Point{665546.4930, 3527028.8003}, false},
		{"Xian 1980 3° CM 108E", 2381, "", orb.Point{381709.1488, 3527787.5947}, true},
		{"Xian 1980 6° zone 18", 2332, "", orb.Point{18665612.8161, 3528441.8208}, true},
		{"Xian 1980 by ESRI .prj", 0, `PROJCS["Xian_1980_3_Degree_GK_CM_108E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["Central_Meridian",108.0],PARAMETER["Scale_Factor",1.0]]`, orb.Point{381709.1488, 3527787.5947}, true},
		{"Beijing 1954 3° CM 108E", 2433, "", orb.Point{381707.2173, 3527848.5967}, true},
		{"Beijing 1954 3° zone 36", 2412, "", orb.Point{36381707.2173, 3527848.5967}, true},
		{"Beijing 1954 6° CM 105E", 21458, "", orb.Point{665615.5202, 3528502.8335}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c crs.CRS
			var err error
			if tt.wkt != "" {
				c, err = crs.FromWKT("\uFEFF" + tt.wkt) // with a byte-order mark, as some tools write .prj files
			} else {
				c, err = crs.FromEPSG(tt.epsg)
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := geo.Distance(c.ToLonLat(tt.xy), want); d > 0.005 {
				t.Errorf("%.4f m from PROJ", d)
			}
			if (c.Note == crs.NoteNoShift) != tt.datum {
				t.Errorf("note %v, want one: %v", c.Note, tt.datum)
			}
			if c.Domain == nil || !c.Domain(orb.Bound{Min: tt.xy, Max: tt.xy}) {
				t.Error("its own coordinates are outside its domain")
			}
			// The same easting with the zone number dropped or added is caught.
			wrong := orb.Point{math.Mod(tt.xy[0], 1e6), tt.xy[1]}
			if wrong == tt.xy {
				wrong[0] += 35e6
			}
			if c.Domain(orb.Bound{Min: wrong, Max: wrong}) {
				t.Errorf("easting %v accepted", wrong[0])
			}
		})
	}
}

func TestGCJ02(t *testing.T) {
	// The offset near Bazhong is a few hundred metres; the inverse undoes the forward.
	p := orb.Point{106.75, 31.867}
	g := crs.WGS84ToGCJ02(p)
	if d := geo.Distance(p, g); d < 100 || d > 900 {
		t.Errorf("offset %.0f m", d)
	}
	if d := geo.Distance(crs.GCJ02ToWGS84(g), p); d > 0.05 {
		t.Errorf("inverse %.3f m off", d)
	}
}

func contains(s, sub string) bool {
	return len(s) >= len(sub) && (s == sub || len(sub) == 0 || index(s, sub) >= 0)
}

func index(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
