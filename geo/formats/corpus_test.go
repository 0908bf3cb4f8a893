package formats_test

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/formats"
	"github.com/planatlas/planatlas/geo/formats/internal/ogrtest"
	"github.com/planatlas/planatlas/geo/layer"
)

// The corpus: files other tools wrote (testdata/corpus/gdal, made by
// make.sh with GDAL's ogr2ogr) and files shaped like what planners are
// handed (testdata/corpus). Each case says what Plan Atlas must make of
// it: features drawn, records kept without geometry, features left out and
// named, and a word the report or the refusal must hold in each language.
// ogr is what GDAL's ogrinfo counts (-1: GDAL cannot read the file); every
// record it counts is either drawn, kept or reported (for GPX, whose
// reports count points, the features alone).
var corpus = []struct {
	file                        string
	features, unplaced, skipped int
	ogr                         int
	zh, en                      string // in Report.Message, or in the refusal
	check                       func(t *testing.T, l *layer.Layer)
}{
	{file: "gdal/gbk-nocpg.shp", features: 2, ogr: 2, check: func(t *testing.T, l *layer.Layer) {
		// GBK without .cpg or language byte: decided once, so 住宅 is not "סլ".
		if l.Features[0].Attrs()["用途"] != "住宅" || l.Features[1].Attrs()["用途"] != "医院" || l.Encoding != "GBK" {
			t.Errorf("text %v %v, encoding %q", l.Features[0].Attrs(), l.Features[1].Attrs(), l.Encoding)
		}
	}},
	{file: "gdal/utm48n.shp", features: 2, ogr: 2, check: func(t *testing.T, l *layer.Layer) {
		nearT(t, l.Features[0].Geometry, orb.Point{106.7470, 31.8670}, 0.01)
	}},
	{file: "gdal/xian80.shp", features: 1, ogr: 1, zh: "未做基准转换", en: "without a datum shift", check: func(t *testing.T, l *layer.Layer) {
		pg := l.Features[0].Geometry.(orb.Polygon)
		nearT(t, pg[0][0], orb.Point{106.6, 31.7}, 0.01)
		if len(pg) != 2 {
			t.Errorf("%d rings, want the hole too", len(pg))
		}
	}},
	{file: "gdal/gdal.kml", features: 4, ogr: 4},
	{file: "gdal/libkml.kml", features: 4, ogr: 4},
	{file: "gdal/gbk.kml", features: 2, ogr: -1, check: func(t *testing.T, l *layer.Layer) {
		if l.Features[0].Attrs()["name"] != "巴中站" || l.Features[0].Attrs()["folder"] != "交通" {
			t.Errorf("GBK KML: %v", l.Features[0].Attrs())
		}
	}},
	{file: "gdal/points.gpx", features: 2, ogr: 2},
	{file: "gdal/gk4545.geojson", features: 4, ogr: 4, check: func(t *testing.T, l *layer.Layer) {
		nearT(t, l.Features[0].Geometry, orb.Point{106.7470, 31.8670}, 0.01)
	}},
	{file: "gdal/seq.geojsons", features: 4, ogr: 4},
	// A download cut off in the third feature keeps the two before it
	// (GDAL refuses the file).
	{file: "cut-after-two.geojson", features: 2, ogr: -1, zh: "已保留中断前的 2 个完整要素", en: "the 2 whole features before the cut are kept"},
	// GeometryCollections with null members (GDAL's test suite has such a
	// file): orb/geojson dereferences the nulls, which crashed the process
	// from a decoder worker; now nulls are left out, a collection of
	// nothing is an attribute-only record, a bad member reports its feature.
	{file: "gc-nulls.geojson", features: 1, unplaced: 1, ogr: 2, zh: "1 条记录没有几何图形", en: "1 record has no geometry"},
	{file: "gc-nullring.geojson", features: 1, skipped: 1, ogr: 2, zh: "第 1 个要素：几何图形有误", en: "feature 1: the geometry is malformed"},
	{file: "gc-mixed.geojson", features: 2, unplaced: 1, skipped: 1, ogr: 4, zh: "第 3 个要素：几何图形有误", check: func(t *testing.T, l *layer.Layer) {
		c, ok := l.Features[0].Geometry.(orb.Collection)
		if !ok || len(c) != 3 {
			t.Fatalf("collection read as %#v, want its point, nested line and multipolygon", l.Features[0].Geometry)
		}
		if _, ok := c[1].(orb.Collection); !ok {
			t.Errorf("nested collection read as %T", c[1])
		}
		if mp, ok := c[2].(orb.MultiPolygon); !ok || len(mp) != 1 || len(mp[0][0]) != 4 {
			t.Errorf("multipolygon member read as %#v", c[2])
		}
	}},
	{file: "gdal/mixed.gpkg", features: 4, skipped: 4, ogr: 8, zh: "表 mercator（4 个要素）未打开：坐标系不受支持", en: "tables notes hold attributes only"},
	{file: "gdal/raster.gpkg", ogr: 0, zh: "栅格 GeoPackage", en: "raster GeoPackage"},
	{file: "gxtrack.kml", features: 2, ogr: 2, check: func(t *testing.T, l *layer.Layer) {
		if ls, ok := l.Features[0].Geometry.(orb.LineString); !ok || len(ls) != 3 {
			t.Errorf("gx:Track: %#v", l.Features[0].Geometry)
		}
		if ml, ok := l.Features[1].Geometry.(orb.MultiLineString); !ok || len(ml) != 2 {
			t.Errorf("gx:MultiTrack: %#v", l.Features[1].Geometry)
		}
	}},
	{file: "multi.kml", features: 4, unplaced: 1, skipped: 1, ogr: 6, zh: "第 23 行：坐标“106.75;31.86”不是有效的数值", en: "1 record has no geometry", check: func(t *testing.T, l *layer.Layer) {
		want := []struct {
			geom   string
			n      int
			folder string
		}{{"MultiPolygon", 2, "规划片区"}, {"MultiLineString", 2, "规划片区 / 道路"}, {"MultiPoint", 3, ""}, {"MultiPoint", 2, ""}}
		for i, w := range want {
			f := l.Features[i]
			n := 0
			switch g := f.Geometry.(type) {
			case orb.MultiPolygon:
				n = len(g)
			case orb.MultiLineString:
				n = len(g)
			case orb.MultiPoint:
				n = len(g)
			}
			if f.Geometry.GeoJSONType() != w.geom || n != w.n || (f.Attrs()["folder"] != nil && f.Attrs()["folder"] != w.folder) || (w.folder != "" && f.Attrs()["folder"] != w.folder) {
				t.Errorf("feature %d: %s of %d in %v, want %s of %d in %q", i+1, f.Geometry.GeoJSONType(), n, f.Attrs()["folder"], w.geom, w.n, w.folder)
			}
		}
		if u := l.Unplaced[0].Attrs(); u["负责人"] != "规划科" || u["name"] != "只有说明" {
			t.Errorf("placemark without geometry: %v", u)
		}
	}},
	{file: "nullgeom.geojson", features: 2, unplaced: 2, skipped: 1, ogr: 5, zh: "第 4 个要素：几何图形有误", en: "feature 4: the geometry is malformed", check: func(t *testing.T, l *layer.Layer) {
		nearT(t, l.Features[0].Geometry, orb.Point{106.7470, 31.8670}, 1)
	}},
	{file: "wrongzone.geojson", ogr: 2, zh: "文件中的横坐标没有带号", en: "the file's eastings have none"},
	{file: "arcgis.json", features: 2, unplaced: 1, ogr: 3, check: func(t *testing.T, l *layer.Layer) {
		pg, ok := l.Features[0].Geometry.(orb.Polygon)
		if !ok || len(pg) != 2 || pg[0].Orientation() != orb.CCW {
			t.Errorf("Esri rings: %#v", l.Features[0].Geometry)
		}
		if l.Format != "esrijson" || l.Features[1].Attrs()["MC"] != "小片区" {
			t.Errorf("%s %v", l.Format, l.Features[1].Attrs())
		}
	}},
	{file: "badpoints.gpx", features: 2, skipped: 2, ogr: 2, zh: "第 4 行：<wpt> 缺少有效的经纬度", en: "<trkpt> without a valid lat/lon"},
}

func TestCorpus(t *testing.T) {
	for _, c := range corpus {
		t.Run(c.file, func(t *testing.T) {
			path := filepath.Join("testdata", "corpus", c.file)
			l, err := formats.Open(path, layer.Options{})
			if c.features == 0 {
				re, ok := err.(*layer.ReadError)
				if !ok {
					t.Fatalf("opened %v, want a refusal", err)
				}
				if zh, en := re.Message("zh"), re.Message("en"); !strings.Contains(zh, c.zh) || !strings.Contains(en, c.en) {
					t.Errorf("refusal:\n%s\n%s\nwant %q / %q", zh, en, c.zh, c.en)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Features) != c.features || len(l.Unplaced) != c.unplaced || l.Report.Skipped != c.skipped {
				t.Errorf("%d features, %d unplaced, %d skipped; want %d, %d, %d\n%s",
					len(l.Features), len(l.Unplaced), l.Report.Skipped, c.features, c.unplaced, c.skipped, l.Report.Message("en", len(l.Features), len(l.Unplaced)))
			}
			zh, en := l.Report.Message("zh", len(l.Features), len(l.Unplaced)), l.Report.Message("en", len(l.Features), len(l.Unplaced))
			if !strings.Contains(zh, c.zh) || !strings.Contains(en, c.en) {
				t.Errorf("report:\n%s\n%s\nwant %q / %q", zh, en, c.zh, c.en)
			}
			if (c.skipped > 0 || c.unplaced > 0) && (zh == "" || en == "") {
				t.Error("something was left out and the report is silent")
			}
			if c.check != nil {
				c.check(t, l)
			}
		})
	}
}

// GDAL's ogrinfo counts the same records in every file of the corpus that
// it reads (run when gdal-bin is installed, as it is in CI).
func TestCorpusCountsAgreeWithOGR(t *testing.T) {
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		t.Skip("ogrinfo (gdal-bin) not installed")
	}
	for _, c := range corpus {
		if c.ogr < 0 {
			continue
		}
		got := ogrtest.Count(t, filepath.Join("testdata", "corpus", c.file))
		if got != c.ogr {
			t.Errorf("%s: ogrinfo counts %d, the corpus says %d", c.file, got, c.ogr)
		}
		accounted := c.features + c.unplaced + c.skipped
		if strings.HasSuffix(c.file, ".gpx") {
			accounted = c.features
		}
		if c.features > 0 && accounted != got {
			t.Errorf("%s: Plan Atlas accounts for %d records, ogrinfo counts %d", c.file, accounted, got)
		}
	}
}

func nearT(t *testing.T, g orb.Geometry, want orb.Point, metres float64) {
	t.Helper()
	var p orb.Point
	switch g := g.(type) {
	case orb.Point:
		p = g
	case orb.LineString:
		p = g[0]
	case orb.Polygon:
		p = g[0][0]
	default:
		t.Fatalf("%T", g)
	}
	if !near(p, want, metres) {
		t.Errorf("%v, want %v within %g m", p, want, metres)
	}
}

// A shapefile's odd records: a deleted record is skipped (as GDAL does), a
// null shape and a point without numbers are kept attribute-only, a
// MultiPatch is left out and named, and the rest open.
func TestShapefileOddRecords(t *testing.T) {
	dir := t.TempDir()
	nan := math.NaN()
	recs := [][]byte{
		shpPoint(106.75, 31.867), shpPoint(106.8, 31.9), {0, 0, 0, 0}, shpPoint(nan, nan),
		{31, 0, 0, 0, 1, 2, 3, 4}, shpPoint(106.7, 31.8),
	}
	names := []string{"巴中", "已删除", "空图形", "无坐标", "多面体", "恩阳"}
	writeShapefile(t, filepath.Join(dir, "odd"), recs, names, map[int]bool{1: true})
	os.WriteFile(filepath.Join(dir, "odd.cpg"), []byte("UTF-8"), 0o644)
	l, err := formats.Open(filepath.Join(dir, "odd.shp"), layer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Features) != 2 || len(l.Unplaced) != 2 || l.Report.Skipped != 1 {
		t.Fatalf("%d features, %d unplaced, %d skipped", len(l.Features), len(l.Unplaced), l.Report.Skipped)
	}
	if l.Features[1].Attrs()["NAME"] != "恩阳" || l.Unplaced[0].Attrs()["NAME"] != "空图形" || l.Unplaced[1].Attrs()["NAME"] != "无坐标" {
		t.Errorf("%v %v", l.Features, l.Unplaced)
	}
	if zh := l.Report.Message("zh", 2, 2); !strings.Contains(zh, "第 5 条记录：规划图册不读取 31 类图形（MultiPatch）") {
		t.Errorf("report %q", zh)
	}
	if _, err := exec.LookPath("ogrinfo"); err == nil {
		if n := ogrtest.Count(t, filepath.Join(dir, "odd.shp")); n != 5 {
			t.Errorf("ogrinfo counts %d records, Plan Atlas accounts for 5", n)
		}
	}
}

func shpPoint(x, y float64) []byte {
	b := make([]byte, 20)
	binary.LittleEndian.PutUint32(b, 1)
	binary.LittleEndian.PutUint64(b[4:], math.Float64bits(x))
	binary.LittleEndian.PutUint64(b[12:], math.Float64bits(y))
	return b
}

// writeShapefile writes .shp, .shx and a .dbf with one text field NAME.
func writeShapefile(t *testing.T, stem string, recs [][]byte, names []string, deleted map[int]bool) {
	t.Helper()
	var shp, shx bytes.Buffer
	header := func(w *bytes.Buffer, length int) {
		h := make([]byte, 100)
		binary.BigEndian.PutUint32(h, 9994)
		binary.BigEndian.PutUint32(h[24:], uint32(length/2))
		binary.LittleEndian.PutUint32(h[28:], 1000)
		binary.LittleEndian.PutUint32(h[32:], 1)
		w.Write(h)
	}
	size := 100
	for _, r := range recs {
		size += 8 + len(r)
	}
	header(&shp, size)
	header(&shx, 100+8*len(recs))
	off := 100
	for i, r := range recs {
		var rh [8]byte
		binary.BigEndian.PutUint32(rh[:], uint32(i+1))
		binary.BigEndian.PutUint32(rh[4:], uint32(len(r)/2))
		shp.Write(rh[:])
		shp.Write(r)
		binary.BigEndian.PutUint32(rh[:], uint32(off/2))
		binary.BigEndian.PutUint32(rh[4:], uint32(len(r)/2))
		shx.Write(rh[:])
		off += 8 + len(r)
	}
	var dbf bytes.Buffer
	const width = 40
	h := make([]byte, 32)
	h[0] = 3
	binary.LittleEndian.PutUint32(h[4:], uint32(len(names)))
	binary.LittleEndian.PutUint16(h[8:], 32+32+1)
	binary.LittleEndian.PutUint16(h[10:], 1+width)
	dbf.Write(h)
	fd := make([]byte, 32)
	copy(fd, "NAME")
	fd[11] = 'C'
	fd[16] = width
	dbf.Write(fd)
	dbf.WriteByte(0x0D)
	for i, n := range names {
		flag := byte(' ')
		if deleted[i] {
			flag = '*'
		}
		dbf.WriteByte(flag)
		cell := make([]byte, width)
		for j := range cell {
			cell[j] = ' '
		}
		copy(cell, n)
		dbf.Write(cell)
	}
	dbf.WriteByte(0x1A)
	for ext, b := range map[string][]byte{".shp": shp.Bytes(), ".shx": shx.Bytes(), ".dbf": dbf.Bytes()} {
		if err := os.WriteFile(stem+ext, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Every file in testdata opens with features or is refused with a message;
// no message, refusal or report, carries Go's own words.
func TestEveryTestFileOpensOrSaysWhy(t *testing.T) {
	internals := regexp.MustCompile(`strconv\.|\bjson: |\bxml: |unexpected EOF|context (canceled|deadline)|%!|Decoder\.|\bnil\b|runtime error|invalid character`)
	n := 0
	filepath.WalkDir("testdata", func(path string, d os.DirEntry, err error) error {
		if d.IsDir() && d.Name() == "fuzz" {
			return filepath.SkipDir
		}
		ext := strings.ToLower(filepath.Ext(path))
		if d.IsDir() || !slices.Contains(formats.Extensions, ext) {
			return nil
		}
		n++
		l, err := formats.Open(path, layer.Options{})
		var msgs []string
		if err != nil {
			re, ok := err.(*layer.ReadError)
			if !ok {
				t.Errorf("%s: %T %v", path, err, err)
				return nil
			}
			msgs = []string{re.Message("zh"), re.Message("en")}
		} else {
			if len(l.Features) == 0 {
				t.Errorf("%s: opened with no features", path)
			}
			msgs = []string{l.Report.Message("zh", len(l.Features), len(l.Unplaced)), l.Report.Message("en", len(l.Features), len(l.Unplaced))}
		}
		for _, m := range msgs {
			m = strings.ReplaceAll(m, filepath.Base(path), "") // the file's own name may look like anything
			if internals.MatchString(m) {
				t.Errorf("%s: Go's words reach the planner: %q", path, m)
			}
		}
		return nil
	})
	if n < 30 {
		t.Errorf("only %d files read", n)
	}
}
