package filegdb_test

import (
	"archive/zip"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/planatlas/planatlas/geo/formats"
	"github.com/planatlas/planatlas/geo/formats/internal/ogrtest"
	"github.com/planatlas/planatlas/geo/layer"
)

// makeGDB writes a File Geodatabase with GDAL: points with text (Chinese),
// integers, reals and dates, some null, one without geometry; lines, one
// of two parts; an area with a hole in CGCS2000 Gauss–Krüger (EPSG:4545);
// and 3,000 points, so that rows span several blocks of the index. One
// point is then deleted.
func makeGDB(t testing.TB) (gdb string, sources map[string]string) {
	t.Helper()
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Skip("ogr2ogr not installed")
	}
	dir := t.TempDir()
	gdb = filepath.Join(dir, "规划.gdb")
	sources = map[string]string{
		"points": `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"巴中","n":7,"v":1.5,"d":"2020-07-29"},"geometry":{"type":"Point","coordinates":[106.75,31.86]}},
{"type":"Feature","properties":{"name":"恩阳","n":-3,"v":null,"d":null},"geometry":{"type":"Point","coordinates":[106.63,31.79]}},
{"type":"Feature","properties":{"name":"删除","n":99,"v":0,"d":null},"geometry":{"type":"Point","coordinates":[106.7,31.8]}},
{"type":"Feature","properties":{"name":null,"n":null,"v":2.25,"d":"2021-01-02"},"geometry":null}]}`,
		"lines": `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"kind":"road"},"geometry":{"type":"LineString","coordinates":[[106.5,31.7],[106.9,32.0],[107.0,31.8]]}},
{"type":"Feature","properties":{"kind":"two"},"geometry":{"type":"MultiLineString","coordinates":[[[106.4,31.6],[106.45,31.65]],[[106.5,31.6],[106.55,31.62],[106.6,31.61]]]}}]}`,
		"areas": `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"kind":"area"},"geometry":{"type":"Polygon","coordinates":[[[106.6,31.7],[106.8,31.7],[106.8,31.9],[106.6,31.9],[106.6,31.7]],[[106.65,31.75],[106.7,31.75],[106.7,31.8],[106.65,31.75]]]}}]}`,
	}
	var many strings.Builder
	many.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := 0; i < 3000; i++ {
		if i > 0 {
			many.WriteString(",")
		}
		fmt.Fprintf(&many, `{"type":"Feature","properties":{"i":%d},"geometry":{"type":"Point","coordinates":[%.6f,%.6f]}}`, i, 106+float64(i%100)*0.01, 31.5+float64(i/100)*0.01)
	}
	many.WriteString("]}")
	sources["many"] = many.String()
	for i, name := range []string{"points", "lines", "areas", "many"} {
		src := filepath.Join(dir, name+".geojson")
		os.WriteFile(src, []byte(sources[name]), 0o644)
		args := []string{"-f", "OpenFileGDB", gdb, src, "-nln", name}
		if i > 0 {
			args = append(args, "-update")
		}
		switch name {
		case "lines":
			args = append(args, "-nlt", "MULTILINESTRING")
		case "areas":
			args = append(args, "-t_srs", "EPSG:4545")
		}
		if out, err := exec.Command("ogr2ogr", args...).CombinedOutput(); err != nil {
			t.Fatalf("ogr2ogr %s: %v %s", name, err, out)
		}
	}
	// Deleted as a delete leaves it: its place in the index zeroed (the
	// first class GDAL creates is table 9; its third row is 删除).
	x := filepath.Join(gdb, "a00000009.gdbtablx")
	b := ogrtest.MustRead(t, x)
	size := int(b[12])
	for k := 0; k < size; k++ {
		b[16+2*size+k] = 0
	}
	os.WriteFile(x, b, 0o644)
	return gdb, sources
}

// A File Geodatabase written by GDAL opens with every feature class, the
// features and attributes GDAL reads from it, at the same places; a file
// inside the folder opens the folder.
func TestFileGDBWrittenByGDAL(t *testing.T) {
	gdb, _ := makeGDB(t)
	l, err := formats.Open(gdb, layer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := ogrtest.Count(t, gdb); len(l.Features)+len(l.Unplaced) != n {
		t.Errorf("%d features and %d without geometry; ogrinfo lists %d", len(l.Features), len(l.Unplaced), n)
	}
	// Against GDAL's own reading, class by class.
	for _, class := range []string{"points", "lines", "areas", "many"} {
		ref := filepath.Join(t.TempDir(), class+".geojson")
		if out, err := exec.Command("ogr2ogr", "-f", "GeoJSON", "-t_srs", "EPSG:4326", ref, gdb, class).CombinedOutput(); err != nil {
			t.Fatalf("ogr2ogr: %v %s", err, out)
		}
		var fc geojson.FeatureCollection
		if err := json.Unmarshal(ogrtest.MustRead(t, ref), &fc); err != nil {
			t.Fatal(err)
		}
		var ours []layer.Feature
		for _, f := range append(append([]layer.Feature{}, l.Features...), l.Unplaced...) {
			if f.Attr("layer") == class {
				ours = append(ours, f)
			}
		}
		if len(ours) != len(fc.Features) {
			t.Errorf("%s: %d features; GDAL reads %d", class, len(ours), len(fc.Features))
			continue
		}
		for _, want := range fc.Features {
			// Match by GDAL's attributes.
			var got *layer.Feature
			for i := range ours {
				same := true
				for k, v := range want.Properties {
					if !sameValue(ours[i].Attr(k), v) {
						same = false
					}
				}
				if same {
					got = &ours[i]
					break
				}
			}
			if got == nil {
				t.Errorf("%s: no feature has GDAL's attributes %v", class, want.Properties)
				continue
			}
			if want.Geometry == nil || got.Geometry == nil {
				if (want.Geometry == nil) != (got.Geometry == nil) {
					t.Errorf("%s %v: geometry %v; GDAL %v", class, want.Properties, got.Geometry, want.Geometry)
				}
				continue
			}
			wb, gb := want.Geometry.Bound(), got.Geometry.Bound()
			for _, d := range []float64{wb.Min[0] - gb.Min[0], wb.Min[1] - gb.Min[1], wb.Max[0] - gb.Max[0], wb.Max[1] - gb.Max[1]} {
				if math.Abs(d) > 1e-7 {
					t.Errorf("%s %v: spans %v; GDAL %v", class, want.Properties, gb, wb)
					break
				}
			}
			if p, ok := got.Geometry.(orb.Polygon); class == "areas" && (!ok || len(p) != 2) {
				t.Errorf("the area is %T with %d rings; want its hole", got.Geometry, len(p))
			}
		}
	}
	// The deleted point is gone; a Chinese name and a date read as written.
	for _, f := range l.Features {
		if f.Attr("name") == "删除" {
			t.Error("a deleted row was read")
		}
		if f.Attr("name") == "巴中" && (f.Attr("d") != "2020-07-29" || f.Attr("n") != int64(7)) {
			t.Errorf("巴中: d %v, n %v", f.Attr("d"), f.Attr("n"))
		}
	}
	// A file inside the folder opens the folder.
	if l2, err := formats.Open(filepath.Join(gdb, "gdb"), layer.Options{}); err != nil || len(l2.Features) != len(l.Features) {
		t.Errorf("opening the folder's gdb file: %v", err)
	}
}

func numEq(a, b any) bool {
	fa, ok1 := toF(a)
	fb, ok2 := toF(b)
	return ok1 && ok2 && math.Abs(fa-fb) < 1e-9
}

func toF(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case int64:
		return float64(v), true
	case int:
		return float64(v), true
	}
	return 0, false
}

// sameValue compares our attribute with GDAL's GeoJSON value: numbers by
// value, dates by day ("2020/07/29 00:00:00" or "2020-07-29T00:00:00").
func sameValue(a, v any) bool {
	if a == nil || v == nil {
		return a == nil && v == nil
	}
	if numEq(a, v) {
		return true
	}
	as, vs := fmt.Sprint(a), strings.ReplaceAll(fmt.Sprint(v), "/", "-")
	return as == vs || strings.HasPrefix(vs, as+"T") || strings.HasPrefix(vs, as+" ")
}

// Curves written by GDAL into a geodatabase (a circular arc; a compound
// curve of a line and an arc) are drawn along their circles, as GDAL
// reads them, not cut straight across.
func TestFileGDBCurves(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Skip("ogr2ogr not installed")
	}
	dir := t.TempDir()
	csv := filepath.Join(dir, "curves.csv")
	os.WriteFile(csv, []byte("id,WKT\n"+
		"1,\"CIRCULARSTRING (106.5 31.7,106.6 31.8,106.7 31.7)\"\n"+
		"2,\"COMPOUNDCURVE ((106.5 31.6,106.6 31.6),CIRCULARSTRING (106.6 31.6,106.65 31.65,106.7 31.6))\"\n"), 0o644)
	gdb := filepath.Join(dir, "c.gdb")
	if out, err := exec.Command("ogr2ogr", "-f", "OpenFileGDB", gdb, csv, "-nln", "curves", "-a_srs", "EPSG:4326",
		"-oo", "GEOM_POSSIBLE_NAMES=WKT", "-nlt", "MULTICURVE").CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v %s", err, out)
	}
	l, err := formats.Open(gdb, layer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Features) != 2 {
		t.Fatalf("%d features", len(l.Features))
	}
	for _, f := range l.Features {
		var pts []orb.Point
		switch g := f.Geometry.(type) {
		case orb.LineString:
			pts = g
		case orb.MultiLineString:
			for _, ls := range g {
				pts = append(pts, ls...)
			}
		}
		centre, radius, from := orb.Point{106.6, 31.7}, 0.1, 0
		if fmt.Sprint(f.Attr("id")) == "2" {
			centre, radius, from = orb.Point{106.65, 31.6}, 0.05, 2 // after the straight part
		}
		if len(pts) < 10 {
			t.Fatalf("feature %v: %d points; the arc is cut straight", f.Attr("id"), len(pts))
		}
		for _, p := range pts[from:] {
			if d := math.Hypot(p[0]-centre[0], p[1]-centre[1]); math.Abs(d-radius) > 1e-7 || p[1] < centre[1]-1e-9 {
				t.Fatalf("feature %v: %v lies %.9f from the arc's centre (radius %g), or below it", f.Attr("id"), p, d, radius)
			}
		}
	}
}

// A geodatabase sent as name.gdb.zip opens as its folder does; one whose
// table unpacks past the size limit is refused in words.
func TestFileGDBZipped(t *testing.T) {
	gdb, _ := makeGDB(t)
	want, err := formats.Open(gdb, layer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	zipped := filepath.Join(t.TempDir(), "规划.gdb.zip")
	f, _ := os.Create(zipped)
	zw := zip.NewWriter(f)
	entries, _ := os.ReadDir(gdb)
	for _, e := range entries {
		w, _ := zw.Create("规划.gdb/" + e.Name())
		w.Write(ogrtest.MustRead(t, filepath.Join(gdb, e.Name())))
	}
	zw.Close()
	f.Close()
	got, err := formats.Open(zipped, layer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Features) != len(want.Features) || len(got.Unplaced) != len(want.Unplaced) || got.Format != "gdb" {
		t.Errorf("zipped: %d features, %d without geometry (%s); the folder has %d, %d", len(got.Features), len(got.Unplaced), got.Format, len(want.Features), len(want.Unplaced))
	}
	// A table that unpacks past the limit (10 MB of zeros in 10 KB):
	// refused, saying so.
	bomb := filepath.Join(t.TempDir(), "bomb.gdb.zip")
	f, _ = os.Create(bomb)
	zw = zip.NewWriter(f)
	w, _ := zw.Create("bomb.gdb/a00000001.gdbtable")
	w.Write(make([]byte, 10<<20))
	zw.Close()
	f.Close()
	_, err = formats.Open(bomb, layer.Options{MaxBytes: 1 << 20})
	var re *layer.ReadError
	if !errors.As(err, &re) || re.Problem != layer.ProblemUnpackTooLarge {
		t.Errorf("a table past the limit: %v", err)
	}
}

// A coded-value domain (made in a GeoPackage, carried into a geodatabase
// by GDAL): its field's codes are shown as the domain's descriptions.
func TestFileGDBDomains(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Skip("ogr2ogr not installed")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "pts.geojson")
	os.WriteFile(src, []byte(`{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"巴中","n":7},"geometry":{"type":"Point","coordinates":[106.75,31.86]}},
{"type":"Feature","properties":{"name":"恩阳","n":-3},"geometry":{"type":"Point","coordinates":[106.63,31.79]}},
{"type":"Feature","properties":{"name":"未定","n":5},"geometry":{"type":"Point","coordinates":[106.7,31.8]}}]}`), 0o644)
	gpkg := filepath.Join(dir, "d.gpkg")
	if out, err := exec.Command("ogr2ogr", "-f", "GPKG", gpkg, src, "-nln", "points").CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v %s", err, out)
	}
	db, err := sql.Open("sqlite", "file:"+gpkg)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT, CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name))`,
		`CREATE TABLE gpkg_data_column_constraints (constraint_name TEXT NOT NULL, constraint_type TEXT NOT NULL, value TEXT, min NUMERIC, min_is_inclusive BOOLEAN, max NUMERIC, max_is_inclusive BOOLEAN, description TEXT, CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value))`,
		`INSERT INTO gpkg_data_column_constraints VALUES ('用地','enum','7',NULL,NULL,NULL,NULL,'城镇开发边界'),('用地','enum','-3',NULL,NULL,NULL,NULL,'生态保护红线')`,
		`INSERT INTO gpkg_data_columns (table_name,column_name,name,constraint_name) VALUES ('points','n','n','用地')`,
		`INSERT INTO gpkg_extensions VALUES ('gpkg_data_columns',NULL,'gpkg_schema','http://www.geopackage.org/spec/#extension_schema','read-write'),('gpkg_data_column_constraints',NULL,'gpkg_schema','http://www.geopackage.org/spec/#extension_schema','read-write')`,
		`INSERT INTO gpkg_contents (table_name,data_type,identifier) VALUES ('gpkg_data_columns','attributes','gpkg_data_columns'),('gpkg_data_column_constraints','attributes','gpkg_data_column_constraints')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	gdb := filepath.Join(dir, "dom.gdb")
	if out, err := exec.Command("ogr2ogr", "-f", "OpenFileGDB", gdb, gpkg, "points").CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v %s", err, out)
	}
	if out, _ := exec.Command("ogrinfo", "-so", gdb, "points").CombinedOutput(); !strings.Contains(string(out), "domain name=用地") {
		t.Skipf("this GDAL does not carry the domain: %s", out)
	}
	l, err := formats.Open(gdb, layer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"巴中": "城镇开发边界", "恩阳": "生态保护红线", "未定": int64(5)} // 5 is no code of the domain
	for _, f := range l.Features {
		name, _ := f.Attr("name").(string)
		if got := f.Attr("n"); got != want[name] {
			t.Errorf("%s: n is %v (%T); want %v", name, got, got, want[name])
		}
	}
}

// A geodatabase's classes split into a layer each, with their own
// features and records without geometry.
func TestSplitByClass(t *testing.T) {
	gdb, _ := makeGDB(t)
	l, err := formats.Open(gdb, layer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	classes, parts := l.SplitBy("layer")
	if strings.Join(classes, ",") != "points,lines,areas,many" || len(parts) != 4 {
		t.Fatalf("classes %v", classes)
	}
	n := 0
	for i, p := range parts {
		n += len(p.Features) + len(p.Unplaced)
		for _, f := range append(p.Features, p.Unplaced...) {
			if f.Attr("layer") != classes[i] {
				t.Errorf("%s holds a feature of %v", classes[i], f.Attr("layer"))
			}
		}
		if !strings.HasSuffix(p.Name, " · "+classes[i]) {
			t.Errorf("part named %q", p.Name)
		}
	}
	if n != len(l.Features)+len(l.Unplaced) || len(parts[0].Unplaced) != 1 {
		t.Errorf("the parts hold %d of %d", n, len(l.Features)+len(l.Unplaced))
	}
}
