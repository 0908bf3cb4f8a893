package formats_test

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"
	"github.com/paulmach/orb/planar"

	"github.com/planatlas/planatlas/geo/formats"
	"github.com/planatlas/planatlas/geo/formats/geojson"
	"github.com/planatlas/planatlas/geo/formats/gpkg"
	"github.com/planatlas/planatlas/geo/formats/kml"
	"github.com/planatlas/planatlas/geo/layer"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
)

func seed(f *testing.F, names ...string) {
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func open(t *testing.T, name string, opt layer.Options) *layer.Layer {
	t.Helper()
	l, err := formats.Open(filepath.Join("testdata", name), opt)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return l
}

func near(a, b orb.Point, metres float64) bool { return geo.Distance(a, b) <= metres }

func TestReadGoodFiles(t *testing.T) {
	tests := []struct {
		file     string
		n        int
		first    orb.Point // first feature's first point
		name     string    // a property value of the first feature
		nameProp string
	}{
		{"good.geojson", 2, orb.Point{106.75, 31.867}, "巴中市", "name"},
		{"good.kml", 3, orb.Point{106.79656, 32.69072}, "光雾山", "name"},
		{"good.kmz", 3, orb.Point{106.79656, 32.69072}, "光雾山", "name"},
		{"good.gpx", 3, orb.Point{106.75, 31.867}, "巴中", "name"},
		{"shp/sites.shp", 3, orb.Point{106.75, 31.867}, "巴中市", "NAME"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			l := open(t, tt.file, layer.Options{})
			if len(l.Features) != tt.n {
				t.Fatalf("%d features, want %d", len(l.Features), tt.n)
			}
			f := l.Features[0]
			var p orb.Point
			switch g := f.Geometry.(type) {
			case orb.Point:
				p = g
			default:
				t.Fatalf("first feature is %T", g)
			}
			if !near(p, tt.first, 0.01) {
				t.Errorf("first point %v, want %v", p, tt.first)
			}
			if f.Attrs()[tt.nameProp] != tt.name {
				t.Errorf("%s = %v, want %q", tt.nameProp, f.Attrs()[tt.nameProp], tt.name)
			}
		})
	}
	kml := open(t, "good.kml", layer.Options{})
	if kml.Features[0].Attrs()["grade"] != "AAAAA" {
		t.Errorf("KML extended data: %v", kml.Features[0].Attrs())
	}
	if pg, ok := kml.Features[2].Geometry.(orb.Polygon); !ok || len(pg[0]) != 5 {
		t.Errorf("KML polygon: %v", kml.Features[2].Geometry)
	}
	gpx := open(t, "good.gpx", layer.Options{})
	if gpx.Features[1].Attrs()["kind"] != "track" || gpx.Features[2].Attrs()["kind"] != "route" {
		t.Errorf("GPX kinds: %v %v", gpx.Features[1].Attrs(), gpx.Features[2].Attrs())
	}
}

// A Gauss–Krüger shapefile with a hole and GBK text (no .cpg; the header's
// language driver says 936) reads back in lon/lat with its Chinese names.
func TestReadProjectedGBKShapefile(t *testing.T) {
	l := open(t, "shp/areas.shp", layer.Options{})
	if len(l.Features) != 1 || !strings.Contains(l.CRS, "CGCS2000_3_Degree_GK_CM_108E") {
		t.Fatalf("%d features, CRS %q", len(l.Features), l.CRS)
	}
	f := l.Features[0]
	if f.Attrs()["MC"] != "巴州区测试片区" || f.Attrs()["AREA_KM2"] != 123.45 {
		t.Errorf("attributes %v", f.Attrs())
	}
	pg, ok := f.Geometry.(orb.Polygon)
	if !ok || len(pg) != 2 {
		t.Fatalf("geometry %T with %d rings, want a polygon with a hole", f.Geometry, len(pg))
	}
	// Corners come back within a metre of the lon/lat they were projected from.
	for _, c := range []orb.Point{{106.6, 31.7}, {106.9, 32.0}} {
		found := false
		for _, q := range pg[0] {
			found = found || near(q, c, 1)
		}
		if !found {
			t.Errorf("corner %v not within 1 m", c)
		}
	}
	if pg[0].Orientation() != orb.CCW || pg[1].Orientation() != orb.CW {
		t.Error("rings not oriented as RFC 7946 wants (outer CCW, hole CW)")
	}
	if planar.PolygonContains(pg, orb.Point{106.75, 31.85}) || !planar.PolygonContains(pg, orb.Point{106.65, 31.75}) {
		t.Error("the hole is not a hole")
	}
}

// Every bad file gives an error that says what and where, never a panic.
func TestBadFiles(t *testing.T) {
	tests := []struct{ file, want, wantZh string }{
		{"bad/truncated.geojson", "truncated: the file ends", "文件不完整：在 JSON 中途结束"},
		{"bad/malformed.geojson", "byte ", "字节：JSON 格式错误"},
		{"bad/unknowncrs.geojson", "unsupported coordinate system EPSG:3395", "不支持的坐标系 EPSG:3395"},
		{"bad/notgeojson.json", "not GeoJSON", "不是 GeoJSON 文件"},
		{"bad/truncated.kml", "truncated: the XML ends", "文件不完整：XML"},
		{"bad/notzip.kmz", "not a KMZ", "不是 KMZ"},
		{"bad/wrong-extension.gpx", "not GPX", "不是 GPX 文件"},
		{"bad/nodbf.shp", "nodbf.dbf is missing", "缺少 nodbf.dbf"},
		{"bad/noprj.shp", "not longitude/latitude", "不是经纬度"},
		{"bad/lambert.shp", "unsupported coordinate system \"Asia_Lambert_Conformal_Conic\"", "不支持的坐标系“Asia_Lambert_Conformal_Conic”"},
		{"bad/truncated.shp", "record 1 (byte 100)", "第 1 条记录（第 100 字节）"},
		{"bad/notsqlite.gpkg", "not a GeoPackage", "不是 GeoPackage 文件"},
		{"bad/does-not-exist.geojson", "no such file", "无法打开：文件不存在"},
		{"good.geojson.txt", "unknown file type", "无法识别的文件类型"},
	}
	os.WriteFile(filepath.Join("testdata", "good.geojson.txt"), []byte("x"), 0o644)
	defer os.Remove(filepath.Join("testdata", "good.geojson.txt"))
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := formats.Open(filepath.Join("testdata", tt.file), layer.Options{})
			var re *layer.ReadError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want a ReadError", err)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), filepath.Base(tt.file)) {
				t.Errorf("err = %q\nwant it to start with the file name and contain %q", err, tt.want)
			}
			// The planner reads it in Chinese.
			if zh := re.Message("zh"); !strings.Contains(zh, tt.wantZh) || !strings.HasPrefix(zh, filepath.Base(tt.file)+"：") {
				t.Errorf("in Chinese: %q\nwant it to start with the file name and contain %q", zh, tt.wantZh)
			}
			if re.Message("en") != err.Error() {
				t.Errorf("in English: %q, want %q", re.Message("en"), err)
			}
		})
	}
}

func TestOpenTooLargeAndCancelled(t *testing.T) {
	_, err := formats.Open("testdata/good.kml", layer.Options{MaxBytes: 100})
	if err == nil || !strings.Contains(err.Error(), "not opened") {
		t.Errorf("size limit: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := formats.Open("testdata/good.kml", layer.Options{Context: ctx}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled read: %v", err)
	}
}

func TestGCJ02Option(t *testing.T) {
	raw := open(t, "good.geojson", layer.Options{})
	conv := open(t, "good.geojson", layer.Options{GCJ02: true})
	a, b := raw.Features[0].Geometry.(orb.Point), conv.Features[0].Geometry.(orb.Point)
	if d := geo.Distance(a, b); d < 100 || d > 900 {
		t.Errorf("GCJ-02 conversion moved the point %.0f m", d)
	}
}

func loadPlan(t testing.TB) *plan.Plan {
	t.Helper()
	p, err := planpkg.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// plan → GeoJSON/KML/GeoPackage → read back: same features, geometry and properties.
func TestPlanRoundTrip(t *testing.T) {
	p := loadPlan(t)
	dir := t.TempDir()
	fs := planpkg.PlanFeatures(p, nil, testColour)
	// GeoJSON
	gj := filepath.Join(dir, "plan.geojson")
	var b bytes.Buffer
	if err := geojson.Write(&b, fs); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(gj, b.Bytes(), 0o644)
	// KML
	kmlPath := filepath.Join(dir, "plan.kml")
	b.Reset()
	if err := planpkg.WritePlanKML(&b, p, nil, "zh", testColour); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(kmlPath, b.Bytes(), 0o644)
	// GeoPackage
	pkg := filepath.Join(dir, "plan.gpkg")
	if err := gpkg.Write(pkg, "plan", fs); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{gj, kmlPath, pkg} {
		t.Run(filepath.Ext(path), func(t *testing.T) {
			l, err := formats.Open(path, layer.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Features) != len(fs) {
				t.Fatalf("%d features, want %d", len(l.Features), len(fs))
			}
			byID := map[string]layer.Feature{}
			for _, f := range l.Features {
				id, _ := f.Attrs()["id"].(string)
				byID[id] = f
			}
			for _, want := range fs {
				id := want.Attrs()["id"].(string)
				got, ok := byID[id]
				if !ok {
					t.Errorf("%s missing", id)
					continue
				}
				if got.Attrs()["name_zh"] != want.Attrs()["name_zh"] || got.Attrs()["kind"] != want.Attrs()["kind"] || got.Attrs()["stage"] != want.Attrs()["stage"] {
					t.Errorf("%s: properties %v", id, got.Attrs())
				}
				if !sameGeometry(got.Geometry, want.Geometry) {
					t.Errorf("%s: geometry differs (%s vs %s)", id, got.Geometry.GeoJSONType(), want.Geometry.GeoJSONType())
				}
			}
			// Every written format carries the sources as citations.
			src, _ := byID["bawan_expressway"].Attrs()["status_source"].(string)
			if !strings.Contains(src, "万源市人民政府《巴万高速1月1日通车试运行万源境内太平、长石、黄钟三个互通暂未开放》2021-01-02 http://www.wanyuan.gov.cn/") || strings.Contains(src, "|") {
				t.Errorf("bawan_expressway status_source %q", src)
			}
			if chk, _ := byID["city_chengdu"].Attrs()["check_source"].(string); !strings.HasPrefix(chk, "GeoNames《populated place") {
				t.Errorf("city_chengdu check_source %q", chk)
			}
			if filepath.Ext(path) == ".kml" {
				desc, _ := byID["bawan_expressway"].Attrs()["description"].(string)
				if !strings.Contains(desc, "加快巴万、苍巴、镇广高速公路建设") {
					t.Errorf("KML description lacks the quote: %q", desc)
				}
			}
		})
	}
}

func sameGeometry(a, b orb.Geometry) bool {
	if a.GeoJSONType() != b.GeoJSONType() {
		return false
	}
	ba, bb := a.Bound(), b.Bound()
	return near(ba.Min, bb.Min, 0.01) && near(ba.Max, bb.Max, 0.01)
}

// A KMZ whose document unpacks far past its size (a zip bomb, or a damaged
// archive) is refused with a message, not read into memory.
func TestKMZBombRefused(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("doc.kml")
	w.Write([]byte(`<kml><Document>`))
	w.Write(bytes.Repeat([]byte(" "), 65<<20))
	w.Write([]byte(`</Document></kml>`))
	zw.Close()
	_, err := kml.ParseKMZ(b.Bytes())
	var re *layer.ReadError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "unpacks to more than 64 MB") || !strings.Contains(re.Message("zh"), "解压后超过 64 MB") {
		t.Errorf("a %d KB archive unpacking to 65 MB: %v", b.Len()>>10, err)
	}
}

// Every feature table of a GeoPackage is read; each feature says its table.
func TestGeoPackageAllTables(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plan.gpkg")
	sites := []layer.Feature{{Geometry: orb.Point{106.75, 31.867}, Props: map[string]any{"name": "巴中"}}}
	if err := gpkg.Write(path, "sites", sites); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE roads (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, 名称 TEXT)`,
		`INSERT INTO roads (geom, 名称) SELECT geom, '巴万高速' FROM sites`,
		`INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('roads', 'features', 'roads', 4326)`,
		`INSERT INTO gpkg_geometry_columns VALUES ('roads', 'geom', 'GEOMETRY', 4326, 0, 0)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	l, err := formats.Open(path, layer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Features) != 2 {
		t.Fatalf("%d features, want one from each table", len(l.Features))
	}
	if l.Features[0].Attrs()["layer"] != "roads" || l.Features[0].Attrs()["名称"] != "巴万高速" ||
		l.Features[1].Attrs()["layer"] != "sites" || l.Features[1].Attrs()["name"] != "巴中" {
		t.Errorf("features %v, %v", l.Features[0].Attrs(), l.Features[1].Attrs())
	}
	if !slices.Equal(l.Fields, []string{"layer", "名称", "name"}) {
		t.Errorf("fields %v", l.Fields)
	}
}

// A large collection is decoded in parts; null geometries are kept
// attribute-only, and the bad feature named is still the first one.
func TestGeoJSONFirstErrorInLargeCollection(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := 1; i <= 5000; i++ {
		if i > 1 {
			b.WriteByte(',')
		}
		geom := `{"type":"Point","coordinates":[106.7,31.8]}`
		switch i {
		case 3001, 4500:
			geom = `{"type":"Point","coordinates":[106.7]}`
		case 10, 20:
			geom = `null`
		}
		fmt.Fprintf(&b, `{"type":"Feature","properties":{"i":%d},"geometry":%s}`, i, geom)
	}
	b.WriteString(`]}`)
	l, err := geojson.Parse([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Features) != 4996 || len(l.Unplaced) != 2 || l.Report.Skipped != 2 || l.Report.First[0].Place.N != 3001 {
		t.Errorf("%d features, %d unplaced, %d skipped, first %v", len(l.Features), len(l.Unplaced), l.Report.Skipped, l.Report.First)
	}
	if l.Unplaced[1].Attrs()["i"] != 20.0 || l.Features[4995].Attrs()["i"] != 5000.0 {
		t.Errorf("order: %v %v", l.Unplaced[1].Attrs(), l.Features[4995].Attrs())
	}
}

// The files that once refused a whole file for one bad feature now open
// with the good ones, and say what they left out.
func TestPartialFiles(t *testing.T) {
	tests := []struct {
		file                        string
		features, unplaced, skipped int
		zh                          string
	}{
		{"bad/nogeometry.geojson", 1, 1, 0, "1 条记录没有几何图形，仅保留属性"},
		{"bad/badcoords.kml", 2, 0, 1, "第 3 行：坐标“106.79656;32.69072”不是有效的数值"},
		{"bad/badlatlon.gpx", 2, 0, 1, "第 1 行：<wpt> 缺少有效的经纬度"},
		{"bad/utm.shp", 1, 0, 0, ""},
	}
	for _, tt := range tests {
		l := open(t, tt.file, layer.Options{})
		if len(l.Features) != tt.features || len(l.Unplaced) != tt.unplaced || l.Report.Skipped != tt.skipped {
			t.Errorf("%s: %d features, %d unplaced, %d skipped", tt.file, len(l.Features), len(l.Unplaced), l.Report.Skipped)
		}
		if got := l.Report.Message("zh", len(l.Features), len(l.Unplaced)); !strings.Contains(got, tt.zh) {
			t.Errorf("%s: %q, want %q", tt.file, got, tt.zh)
		}
	}
}

// testColour stands in for the renderer's colours (formats cannot import it).
func testColour(k plan.Kind) color.NRGBA { return color.NRGBA{uint8(len(k)), 0x40, 0x80, 0xFF} }
