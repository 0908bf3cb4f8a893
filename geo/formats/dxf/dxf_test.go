package dxf_test

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/planatlas/planatlas/geo/crs"
	"github.com/planatlas/planatlas/geo/formats"
	"github.com/planatlas/planatlas/geo/formats/dxf"
	"github.com/planatlas/planatlas/geo/formats/internal/ogrtest"
	"github.com/planatlas/planatlas/geo/layer"
)

// dxfSample is geometry GDAL writes to DXF: a point, a line and an area
// with a hole, in lon/lat around Bazhong.
const dxfSample = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[106.75,31.86]}},
{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[106.5,31.7],[106.9,32.0],[107.0,31.8]]}},
{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[106.6,31.7],[106.8,31.7],[106.8,31.9],[106.6,31.9],[106.6,31.7]],[[106.65,31.75],[106.7,31.75],[106.7,31.8],[106.65,31.75]]]}},
{"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[[106.4,31.6],[106.45,31.65]],[[106.5,31.6],[106.55,31.62]]]}}
]}`

// A DXF written by GDAL (ogr2ogr -f DXF) opens with what GDAL itself
// reads back from it: the same features, the same coordinates. In
// Gauss–Krüger metres with the zone number the coordinate system is
// guessed and said; without it, the plan's centre chooses the zone.
func TestDXFWrittenByGDAL(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Skip("ogr2ogr not installed")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "in.geojson")
	os.WriteFile(src, []byte(dxfSample), 0o644)
	for _, tc := range []struct {
		name, srs string
		near      orb.Point
		guess     string
	}{
		{"lonlat", "", orb.Point{}, ""},
		{"gk-zone", "EPSG:4524", orb.Point{}, "EPSG:4524"},                // CGCS2000 3° zone 36, with the zone number
		{"gk-nozone", "EPSG:4545", orb.Point{106.75, 31.86}, "EPSG:4545"}, // CM 108°E, no zone number
	} {
		t.Run(tc.name, func(t *testing.T) {
			dxf := filepath.Join(dir, tc.name+".dxf")
			args := []string{"-f", "DXF", dxf, src}
			if tc.srs != "" {
				args = append([]string{"-s_srs", "EPSG:4326", "-t_srs", tc.srs}, args...)
			}
			if out, err := exec.Command("ogr2ogr", args...).CombinedOutput(); err != nil {
				t.Fatalf("ogr2ogr: %v %s", err, out)
			}
			l, err := formats.Open(dxf, layer.Options{Near: tc.near})
			if err != nil {
				t.Fatal(err)
			}
			if n := ogrtest.Count(t, dxf); len(l.Features) != n {
				t.Errorf("%d features; ogrinfo lists %d", len(l.Features), n)
			}
			if tc.guess != "" && !strings.Contains(l.CRS, tc.guess) {
				t.Errorf("read as %q; want %s", l.CRS, tc.guess)
			}
			if tc.guess != "" && !strings.Contains(warnings(l), "判断为 "+tc.guess) {
				t.Errorf("the guess is not said: %q", warnings(l))
			}
			// Against the original lon/lat: GDAL's DXF of a projected
			// copy comes back to where it was.
			var want geojson.FeatureCollection
			json.Unmarshal([]byte(dxfSample), &want)
			var pts, wpts []orb.Point
			for _, f := range l.Features {
				pts = append(pts, firstPoint(f.Geometry))
			}
			for _, f := range want.Features {
				wpts = append(wpts, firstPoint(f.Geometry))
			}
			for _, w := range wpts {
				found := false
				for _, p := range pts {
					if math.Abs(p[0]-w[0]) < 1e-6 && math.Abs(p[1]-w[1]) < 1e-6 {
						found = true
					}
				}
				if !found {
					t.Errorf("no feature starts at %v (read %v)", w, pts)
				}
			}
			for _, f := range l.Features {
				if p, ok := f.Geometry.(orb.Polygon); ok && len(p) != 2 {
					t.Errorf("the area has %d rings; want its hole kept", len(p))
				}
			}
		})
	}
}

func firstPoint(g orb.Geometry) orb.Point {
	switch g := g.(type) {
	case orb.Point:
		return g
	case orb.LineString:
		return g[0]
	case orb.MultiLineString:
		return g[0][0]
	case orb.Polygon:
		return g[0][0]
	}
	return orb.Point{}
}

// handDXF is a drawing with what GDAL does not write: a nested block
// inserted rotated and scaled, a polyline with a bulge, GBK text under
// $DWGCODEPAGE ANSI_936, formatted MTEXT, a hatch with a hole made of
// edges, a spline, an ellipse, a layer colour, a viewport (not drawn).
func handDXF() []byte {
	gbk := func(s string) string { b, _ := simplifiedchinese.GBK.NewEncoder().String(s); return b }
	lines := []string{
		"0", "SECTION", "2", "HEADER", "9", "$ACADVER", "1", "AC1015", "9", "$DWGCODEPAGE", "3", "ANSI_936", "0", "ENDSEC",
		"0", "SECTION", "2", "TABLES", "0", "TABLE", "2", "LAYER",
		"0", "LAYER", "2", gbk("道路"), "70", "0", "62", "1", "6", "CONTINUOUS",
		"0", "ENDTAB", "0", "ENDSEC",
		"0", "SECTION", "2", "BLOCKS",
		"0", "BLOCK", "8", "0", "2", "TREE", "70", "0", "10", "0", "20", "0",
		"0", "CIRCLE", "8", "0", "10", "0", "20", "0", "40", "1",
		"0", "LINE", "8", "0", "10", "0", "20", "0", "11", "1", "21", "0",
		"0", "ENDBLK",
		"0", "BLOCK", "8", "0", "2", "ROW", "70", "0", "10", "0", "20", "0",
		"0", "INSERT", "8", "0", "2", "TREE", "10", "0", "20", "0",
		"0", "INSERT", "8", "0", "2", "TREE", "10", "5", "20", "0",
		"0", "ENDBLK",
		"0", "ENDSEC",
		"0", "SECTION", "2", "ENTITIES",
		"0", "INSERT", "5", "A1", "8", "0", "2", "ROW", "10", "100", "20", "50", "41", "2", "42", "2", "50", "90",
		"0", "LWPOLYLINE", "5", "A2", "8", gbk("道路"), "90", "2", "70", "0", "10", "0", "20", "0", "42", "1", "10", "10", "20", "0",
		"0", "TEXT", "5", "A3", "8", "0", "10", "20", "20", "30", "40", "2.5", "1", gbk("巴中"),
		"0", "MTEXT", "5", "A4", "8", "0", "10", "30", "20", "30", "1", `{\fSimSun|b0|i0;` + gbk("规划") + `\P` + gbk("范围") + `}`,
		"0", "HATCH", "5", "A5", "8", "0", "10", "0", "20", "0", "2", "SOLID", "70", "1", "71", "0", "91", "2",
		"92", "1", "93", "4",
		"72", "1", "10", "0", "20", "0", "11", "40", "21", "0",
		"72", "1", "10", "40", "20", "0", "11", "40", "21", "40",
		"72", "1", "10", "40", "20", "40", "11", "0", "21", "40",
		"72", "1", "10", "0", "20", "40", "11", "0", "21", "0",
		"97", "0",
		"92", "1", "93", "1",
		"72", "2", "10", "20", "20", "20", "40", "5", "50", "0", "51", "360", "73", "1",
		"97", "0",
		"75", "1", "76", "1", "98", "0",
		"0", "SPLINE", "5", "A6", "8", "0", "70", "8", "71", "3", "72", "8", "73", "4",
		"40", "0", "40", "0", "40", "0", "40", "0", "40", "1", "40", "1", "40", "1", "40", "1",
		"10", "0", "20", "60", "10", "10", "20", "70", "10", "20", "20", "50", "10", "30", "20", "60",
		"0", "ELLIPSE", "5", "A7", "8", "0", "10", "60", "20", "60", "11", "10", "21", "0", "40", "0.5", "41", "0", "42", "6.283185307179586",
		"0", "VIEWPORT", "5", "A8", "8", "0", "10", "0", "20", "0",
		"0", "ENDSEC", "0", "EOF",
	}
	return []byte(strings.Join(lines, "\r\n") + "\r\n")
}

// A hand-made drawing opens with what GDAL counts (blocks exploded), its
// blocks placed by their inserts, bulges as arcs, GBK text decoded, MTEXT
// stripped, a hatch's hole kept, colours from the layer, and what is not
// drawn named.
func TestDXFHandMade(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hand.dxf")
	os.WriteFile(path, handDXF(), 0o644)
	l, err := formats.Open(path, layer.Options{EPSG: 4326})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("ogrinfo"); err == nil {
		if n := ogrtest.Count(t, path); len(l.Features) != n {
			t.Errorf("%d features; ogrinfo lists %d", len(l.Features), n)
		}
	}
	by := map[string]layer.Feature{}
	for _, f := range l.Features {
		by[f.Attr("Handle").(string)] = f
	}
	// ROW inserted at (100, 50), turned 90°, scale 2, is one feature of
	// its blocks' shapes (as GDAL merges them): its second TREE (at x 5
	// in the block) lands at (100, 60), its circle's radius 2.
	ins, ok := by["A1"].Geometry.(orb.Collection)
	if !ok || len(ins) != 4 {
		t.Fatalf("the insert is %T of %d shapes; want the 4 of its nested blocks", by["A1"].Geometry, len(ins))
	}
	var circles int
	for _, g := range ins {
		ls := g.(orb.LineString)
		if len(ls) < 10 {
			continue // a block's line
		}
		circles++
		b := ls.Bound()
		c := b.Center()
		if math.Abs(b.Max[0]-b.Min[0]-4) > 1e-6 || !(math.Abs(c[0]-100) < 1e-6 && (math.Abs(c[1]-50) < 1e-6 || math.Abs(c[1]-60) < 1e-6)) {
			t.Errorf("an inserted circle spans %v", b)
		}
	}
	if circles != 2 {
		t.Errorf("%d circles from the blocks; want 2", circles)
	}
	// A bulge of 1 is a half circle of radius 5 below the chord (0,0)–(10,0).
	pl := by["A2"].Geometry.(orb.LineString)
	for _, p := range pl {
		if r := math.Hypot(p[0]-5, p[1]); math.Abs(r-5) > 1e-6 {
			t.Fatalf("a bulge point %v lies %.3f from the centre; want 5", p, r)
		}
	}
	if pl.Bound().Min[1] > -4.99 {
		t.Errorf("the bulge runs above the chord: %v", pl.Bound())
	}
	if got := by["A2"].Attr("Color"); got != "#ff0000" || by["A2"].Attr("Layer") != "道路" {
		t.Errorf("layer %v, colour %v; want 道路 in the layer's red", by["A2"].Attr("Layer"), got)
	}
	if got := by["A3"].Attr("Text"); got != "巴中" {
		t.Errorf("GBK text reads %q", got)
	}
	if got := by["A4"].Attr("Text"); got != "规划\n范围" {
		t.Errorf("MTEXT reads %q", got)
	}
	if p, ok := by["A5"].Geometry.(orb.Polygon); !ok || len(p) != 2 {
		t.Errorf("the hatch is %v; want an area with its hole", by["A5"].Geometry)
	}
	if s, ok := by["A6"].Geometry.(orb.LineString); !ok || len(s) < 8 || s[0] != (orb.Point{0, 60}) || s[len(s)-1] != (orb.Point{30, 60}) {
		t.Errorf("the spline is %v", by["A6"].Geometry)
	}
	if e, ok := by["A7"].Geometry.(orb.LineString); !ok || math.Abs(e.Bound().Max[0]-e.Bound().Min[0]-20) > 1e-6 || math.Abs(e.Bound().Max[1]-e.Bound().Min[1]-10) > 1e-3 {
		t.Errorf("the ellipse spans %v", by["A7"].Geometry.Bound())
	}
	if lines := warnings(l); !strings.Contains(lines, "VIEWPORT ×1") {
		t.Errorf("the viewport is not named as not drawn: %q", lines)
	}
}

// GuessEPSG reads numbers as a Chinese drawing writes them.
func TestGuessEPSG(t *testing.T) {
	bazhong := orb.Point{106.75, 31.86}
	for _, tc := range []struct {
		b    orb.Bound
		near orb.Point
		want int
	}{
		{orb.Bound{Min: orb.Point{106, 31}, Max: orb.Point{107, 32}}, orb.Point{}, 0},
		{orb.Bound{Min: orb.Point{36512345, 3512345}, Max: orb.Point{36523456, 3523456}}, orb.Point{}, 4524},
		{orb.Bound{Min: orb.Point{18512345, 3512345}, Max: orb.Point{18523456, 3523456}}, orb.Point{}, 4496},
		{orb.Bound{Min: orb.Point{512345, 3512345}, Max: orb.Point{523456, 3523456}}, bazhong, 4545},
		{orb.Bound{Min: orb.Point{512345, 3512345}, Max: orb.Point{523456, 3523456}}, orb.Point{}, 0},
		{orb.Bound{Min: orb.Point{36999000, 3512345}, Max: orb.Point{37000100, 3523456}}, orb.Point{}, 0}, // two zones
		{orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{200, 100}}, orb.Point{}, 0},
	} {
		if got := crs.Guess(tc.b, tc.near); got != tc.want {
			t.Errorf("GuessEPSG(%v, %v) = %d; want %d", tc.b, tc.near, got, tc.want)
		}
	}
}

// warnings are a layer's report warnings in Chinese.
func warnings(l *layer.Layer) string {
	var out []string
	for _, w := range l.Report.Warnings {
		out = append(out, w.Words("zh"))
	}
	return strings.Join(out, "；")
}

// A block that inserts itself, 100 × 100 times at each of its levels,
// opens within the bound, said to be cut short, without hanging.
func TestDXFBlockBomb(t *testing.T) {
	bomb := "0\nSECTION\n2\nBLOCKS\n0\nBLOCK\n2\nB\n10\n0\n20\n0\n0\nLINE\n10\n0\n20\n0\n11\n1\n21\n1\n" +
		"0\nINSERT\n2\nB\n10\n0\n20\n0\n70\n100\n71\n100\n44\n1\n45\n1\n0\nENDBLK\n0\nENDSEC\n" +
		"0\nSECTION\n2\nENTITIES\n0\nINSERT\n5\nAA\n2\nB\n10\n0\n20\n0\n0\nENDSEC\n0\nEOF\n"
	done := make(chan struct{})
	var l *layer.Layer
	var err error
	go func() {
		defer close(done)
		l, err = dxf.Parse([]byte(bomb), layer.Options{EPSG: 4326})
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("a self-inserting block hangs the reader")
	}
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(warnings(l), "图块嵌套过深") {
		t.Errorf("the cut is not said: %q", warnings(l))
	}
}

// Polylines on tilted planes (an extrusion direction and an elevation,
// as surveyors' drawings have them) land where GDAL puts them.
func TestDXFTiltedPlanesAsGDAL(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Skip("ogr2ogr not installed")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "ocs.dxf")
	os.WriteFile(path, []byte(strings.Join([]string{
		"0", "SECTION", "2", "ENTITIES",
		"0", "LWPOLYLINE", "5", "B1", "8", "0", "90", "3", "70", "0", "38", "-67545.88205211474",
		"10", "2592057.934181943", "20", "1891720.736743474", "10", "2591291.243373795", "20", "1891003.402139545",
		"10", "2589738.857988769", "20", "1892830.923909455",
		"210", "0.0245753983625527", "220", "-0.0262800377778069", "230", "0.9993524950735446",
		"0", "ARC", "5", "B2", "8", "0", "10", "5", "20", "5", "30", "0", "40", "2", "50", "0", "51", "90", "210", "0", "220", "0", "230", "-1",
		"0", "ENDSEC", "0", "EOF", ""}, "\n")), 0o644)
	l, err := dxf.Parse(ogrtest.MustRead(t, path), layer.Options{EPSG: 3857})
	if err != nil {
		t.Fatal(err)
	}
	ref := filepath.Join(dir, "ref.geojson")
	if out, err := exec.Command("ogr2ogr", "-f", "GeoJSON", "-s_srs", "EPSG:3857", "-t_srs", "EPSG:4326", ref, path).CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v %s", err, out)
	}
	var fc geojson.FeatureCollection
	b, _ := os.ReadFile(ref)
	if err := json.Unmarshal(b, &fc); err != nil || len(fc.Features) != 2 {
		t.Fatalf("GDAL's reading: %v, %d features", err, len(fc.Features))
	}
	// The same extent (an arc may run either way round).
	for i, f := range fc.Features {
		want, got := f.Geometry.Bound(), l.Features[i].Geometry.Bound()
		for k, v := range []float64{got.Min[0] - want.Min[0], got.Min[1] - want.Min[1], got.Max[0] - want.Max[0], got.Max[1] - want.Max[1]} {
			if math.Abs(v) > 1e-7 {
				t.Errorf("feature %d spans %v; GDAL puts it at %v (%d)", i, got, want, k)
				break
			}
		}
	}
}

// binaryDXF writes an ASCII drawing as binary DXF (GDAL does not write
// binary): group codes in one byte (R12) or two (R2000), values typed by
// their code as AutoCAD writes them.
func binaryDXF(t testing.TB, ascii []byte, wide bool) []byte {
	t.Helper()
	lines := strings.Split(strings.ReplaceAll(string(ascii), "\r\n", "\n"), "\n")
	out := []byte("AutoCAD Binary DXF\r\n\x1a\x00")
	le := func(n int, v uint64) {
		for i := 0; i < n; i++ {
			out = append(out, byte(v>>(8*i)))
		}
	}
	for i := 0; i+1 < len(lines); i += 2 {
		code, err := strconv.Atoi(strings.TrimSpace(lines[i]))
		if err != nil {
			t.Fatalf("line %d: %q", i, lines[i])
		}
		switch {
		case wide:
			le(2, uint64(code))
		case code < 255:
			out = append(out, byte(code))
		default:
			out = append(out, 255)
			le(2, uint64(code))
		}
		v := strings.TrimSpace(lines[i+1])
		switch {
		case code >= 10 && code <= 59, code >= 110 && code <= 149, code >= 210 && code <= 239:
			f, _ := strconv.ParseFloat(v, 64)
			le(8, math.Float64bits(f))
		case code >= 60 && code <= 79, code >= 170 && code <= 179, code >= 270 && code <= 289:
			n, _ := strconv.Atoi(v)
			le(2, uint64(uint16(int16(n))))
		case code >= 90 && code <= 99:
			n, _ := strconv.Atoi(v)
			le(4, uint64(uint32(int32(n))))
		default:
			out = append(append(out, lines[i+1]...), 0)
		}
	}
	return out
}

// A binary DXF (R12 and R2000 layouts) opens as its ASCII form does.
func TestDXFBinary(t *testing.T) {
	want, err := dxf.Parse(handDXF(), layer.Options{EPSG: 4326})
	if err != nil {
		t.Fatal(err)
	}
	for _, wide := range []bool{false, true} {
		got, err := dxf.Parse(binaryDXF(t, handDXF(), wide), layer.Options{EPSG: 4326})
		if err != nil {
			t.Fatalf("wide %v: %v", wide, err)
		}
		if len(got.Features) != len(want.Features) {
			t.Fatalf("wide %v: %d features; the ASCII form has %d", wide, len(got.Features), len(want.Features))
		}
		for i := range want.Features {
			if g, w := got.Features[i].Geometry.Bound(), want.Features[i].Geometry.Bound(); g != w {
				t.Errorf("wide %v, feature %d: %v; ASCII %v", wide, i, g, w)
			}
			if g, w := got.Features[i].Attr("Text"), want.Features[i].Attr("Text"); g != w {
				t.Errorf("wide %v, feature %d: text %v; ASCII %v", wide, i, g, w)
			}
		}
	}
}

// More entities GDAL reads, each compared with its reading: a polyface
// mesh (two triangles), a leader, a MINSERT grid, text with an alignment
// point, a closed polyline with bulges.
func TestDXFEntitiesAsGDAL(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Skip("ogr2ogr not installed")
	}
	cases := map[string][]string{
		"polyface": {"0", "POLYLINE", "8", "0", "66", "1", "70", "64", "71", "4", "72", "2",
			"0", "VERTEX", "8", "0", "10", "0", "20", "0", "30", "0", "70", "192",
			"0", "VERTEX", "8", "0", "10", "10", "20", "0", "30", "0", "70", "192",
			"0", "VERTEX", "8", "0", "10", "10", "20", "10", "30", "0", "70", "192",
			"0", "VERTEX", "8", "0", "10", "0", "20", "10", "30", "0", "70", "192",
			"0", "VERTEX", "8", "0", "10", "0", "20", "0", "30", "0", "70", "128", "71", "1", "72", "2", "73", "3",
			"0", "VERTEX", "8", "0", "10", "0", "20", "0", "30", "0", "70", "128", "71", "1", "72", "3", "73", "-4",
			"0", "SEQEND", "8", "0"},
		"leader": {"0", "LEADER", "8", "0", "71", "0", "76", "3", "10", "0", "20", "0", "10", "5", "20", "5", "10", "12", "20", "5"},
		"bulged-closed": {"0", "LWPOLYLINE", "8", "0", "90", "3", "70", "1", "10", "0", "20", "0", "42", "0.5",
			"10", "10", "20", "0", "10", "10", "20", "10", "42", "-0.3"},
		"aligned-text": {"0", "TEXT", "8", "0", "10", "1", "20", "1", "11", "6", "21", "3", "40", "1", "1", "ABC", "72", "1"},
	}
	for name, ents := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, name+".dxf")
			body := append(append([]string{"0", "SECTION", "2", "ENTITIES"}, ents...), "0", "ENDSEC", "0", "EOF", "")
			os.WriteFile(path, []byte(strings.Join(body, "\n")), 0o644)
			l, err := dxf.Parse(ogrtest.MustRead(t, path), layer.Options{EPSG: 3857})
			if err != nil {
				t.Fatal(err)
			}
			ref := filepath.Join(dir, "ref.geojson")
			args := []string{"-f", "GeoJSON", "-s_srs", "EPSG:3857", "-t_srs", "EPSG:4326", ref, path}
			if name == "polyface" {
				args = append(args, "-nlt", "MULTIPOLYGON") // GDAL reads a surface GeoJSON cannot hold
			}
			if out, err := exec.Command("ogr2ogr", args...).CombinedOutput(); err != nil {
				t.Fatalf("ogr2ogr: %v %s", err, out)
			}
			var fc struct {
				Features []struct {
					Geometry json.RawMessage `json:"geometry"`
				} `json:"features"`
			}
			json.Unmarshal(ogrtest.MustRead(t, ref), &fc)
			if len(fc.Features) != len(l.Features) {
				t.Fatalf("%d features; GDAL reads %d", len(l.Features), len(fc.Features))
			}
			for i, f := range fc.Features {
				g, err := geojson.UnmarshalGeometry(f.Geometry)
				if err != nil {
					t.Logf("GDAL's geometry %s: %v (compared by count only)", f.Geometry, err)
					continue
				}
				want, got := g.Geometry().Bound(), l.Features[i].Geometry.Bound()
				if want.Min[0] > want.Max[0] {
					// GDAL 3.6 reads a leader without its dimension's
					// codes as an empty line; Plan Atlas draws its points.
					t.Logf("GDAL's feature %d is empty; ours spans %v", i, got)
					continue
				}
				for _, v := range []float64{got.Min[0] - want.Min[0], got.Min[1] - want.Min[1], got.Max[0] - want.Max[0], got.Max[1] - want.Max[1]} {
					if math.Abs(v) > 1e-7 {
						t.Errorf("feature %d spans %v; GDAL %v", i, got, want)
						break
					}
				}
			}
		})
	}
}

// The plan's own layers, written by GDAL as DXF in CGCS2000 3° Gauss–
// Krüger without the zone number (as a bureau's CAD staff would hand
// them over), open with every entity GDAL reads accounted for: drawn,
// kept without geometry, or left out and reported.
func TestDXFPlanLayersAsGDAL(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Skip("ogr2ogr not installed")
	}
	srcs, _ := filepath.Glob("../../../assets/plan/*.geojson")
	if len(srcs) == 0 {
		t.Fatal("no plan layers")
	}
	for _, src := range srcs {
		dxf := filepath.Join(t.TempDir(), strings.TrimSuffix(filepath.Base(src), ".geojson")+".dxf")
		if out, err := exec.Command("ogr2ogr", "-f", "DXF", "-t_srs", "EPSG:4545", dxf, src).CombinedOutput(); err != nil {
			t.Fatalf("ogr2ogr: %v %s", err, out)
		}
		l, err := formats.Open(dxf, layer.Options{Near: orb.Point{106.75, 31.86}})
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(dxf), err)
			continue
		}
		got, want := len(l.Features)+len(l.Unplaced)+l.Report.Skipped, ogrtest.Count(t, dxf)
		if got != want {
			t.Errorf("%s: %d drawn, %d without geometry, %d left out; ogrinfo lists %d", filepath.Base(dxf), len(l.Features), len(l.Unplaced), l.Report.Skipped, want)
		}
		if !strings.Contains(l.CRS, "4545") {
			t.Errorf("%s: read as %s", filepath.Base(dxf), l.CRS)
		}
	}
}
