package formats_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/crs"
	"github.com/planatlas/planatlas/geo/formats"
)

// The fuzz targets feed readers arbitrary bytes: they must return an error
// or a layer, never panic or hang. Seeds are the good and bad files of
// testdata/.

func FuzzParseGeoJSON(f *testing.F) {
	seed(f, "good.geojson", "bad/truncated.geojson", "bad/malformed.geojson", "bad/nogeometry.geojson",
		"corpus/nullgeom.geojson", "corpus/wrongzone.geojson", "corpus/gdal/gk4545.geojson",
		"corpus/gc-nulls.geojson", "corpus/gc-nullring.geojson", "corpus/gc-mixed.geojson")
	f.Fuzz(func(t *testing.T, b []byte) { formats.ParseGeoJSON(b) })
}

// FuzzOpen takes the path the app and the command line take: bytes are
// written to a file with one of the extensions Open reads and opened, the
// GeoJSON decoder's workers and the streaming readers included. Whatever
// the bytes, Open returns a layer or an error worded in both languages.
func FuzzOpen(f *testing.F) {
	exts := []string{".geojson", ".json", ".geojsonl", ".kml", ".gpx", ".kmz", ".shp", ".gpkg"}
	for _, s := range []struct {
		ext  string
		file string
	}{
		{".geojson", "corpus/gc-nulls.geojson"}, {".geojson", "corpus/gc-nullring.geojson"}, {".geojson", "corpus/gc-mixed.geojson"},
		{".geojson", "good.geojson"}, {".geojson", "bad/truncated.geojson"}, {".geojsonl", "corpus/gdal/seq.geojsons"},
		{".json", "corpus/arcgis.json"}, {".kml", "good.kml"}, {".kml", "corpus/multi.kml"}, {".gpx", "good.gpx"},
		{".kmz", "good.kmz"}, {".shp", "shp/sites.shp"}, {".gpkg", "corpus/gdal/mixed.gpkg"},
	} {
		b, err := os.ReadFile(filepath.Join("testdata", s.file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(slices.Index(exts, s.ext)), b)
	}
	// Enough features for several decoder workers, one of them a
	// collection of nulls.
	var big bytes.Buffer
	big.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := 0; i < 2500; i++ {
		g := `{"type":"Point","coordinates":[106.7,31.8]}`
		if i == 2000 {
			g = `{"type":"GeometryCollection","geometries":[null,{"type":"Polygon","coordinates":[null]}]}`
		}
		fmt.Fprintf(&big, `%s{"type":"Feature","properties":{},"geometry":%s}`, map[bool]string{true: ",", false: ""}[i > 0], g)
	}
	big.WriteString(`]}`)
	f.Add(uint8(0), big.Bytes())
	f.Fuzz(func(t *testing.T, ext uint8, b []byte) {
		path := filepath.Join(t.TempDir(), "layer"+exts[int(ext)%len(exts)])
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := formats.Open(path, formats.Options{})
		switch {
		case err != nil && l != nil:
			t.Fatalf("Open gave a layer and an error: %v", err)
		case err == nil && l == nil:
			t.Fatal("Open gave neither a layer nor an error")
		case err != nil:
			var re *formats.ReadError
			if !errors.As(err, &re) || re.Message("zh") == "" || re.Message("en") == "" {
				t.Fatalf("Open: %v (%T), want a ReadError in both languages", err, err)
			}
		}
	})
}

// FuzzParseEsriJSON feeds ArcGIS REST answers (ParseGeoJSON tells them
// from GeoJSON by their members).
func FuzzParseEsriJSON(f *testing.F) {
	seed(f, "corpus/arcgis.json")
	f.Add([]byte(`{"geometryType":"esriGeometryPoint","spatialReference":{"wkid":102100},"features":[{"attributes":{"a":1},"geometry":{"x":1.1e7,"y":3.7e6}},{"geometry":{"points":[[1,2]]}},{"geometry":{"paths":[[[1,2],[3,4]]]}}]}`))
	f.Fuzz(func(t *testing.T, b []byte) { formats.ParseGeoJSON(b) })
}

// FuzzCRSFromWKT feeds .prj texts.
func FuzzCRSFromWKT(f *testing.F) {
	seed(f, "shp/areas.prj", "bad/utm.prj", "bad/lambert.prj", "corpus/gdal/xian80.prj", "corpus/gdal/utm48n.prj")
	f.Fuzz(func(t *testing.T, b []byte) {
		if c, err := crs.FromWKT(string(b)); err == nil && c.ToLonLat != nil {
			c.ToLonLat(orb.Point{500000, 3500000})
		}
	})
}

func FuzzParseKML(f *testing.F) {
	seed(f, "good.kml", "bad/truncated.kml", "bad/badcoords.kml", "corpus/multi.kml", "corpus/gxtrack.kml", "corpus/gdal/gbk.kml", "corpus/gdal/libkml.kml")
	f.Fuzz(func(t *testing.T, b []byte) { formats.ParseKML(b) })
}

// FuzzParseKMZ feeds the bytes both as an archive and as the document of
// a well-formed archive: random bytes rarely pass a zip's checksums, so the
// second path is what reaches the KML inside.
func FuzzParseKMZ(f *testing.F) {
	seed(f, "good.kmz", "good.kml", "bad/truncated.kml")
	f.Fuzz(func(t *testing.T, b []byte) {
		formats.ParseKMZ(b)
		var z bytes.Buffer
		zw := zip.NewWriter(&z)
		w, _ := zw.Create("doc.kml")
		w.Write(b)
		zw.Close()
		formats.ParseKMZ(z.Bytes())
	})
}

func FuzzParseGPX(f *testing.F) {
	seed(f, "good.gpx", "bad/badlatlon.gpx", "corpus/badpoints.gpx", "corpus/gdal/points.gpx")
	f.Fuzz(func(t *testing.T, b []byte) { formats.ParseGPX(b) })
}

func FuzzParseSHP(f *testing.F) {
	seed(f, "shp/sites.shp", "shp/areas.shp", "bad/truncated.shp", "corpus/gdal/xian80.shp", "corpus/gdal/utm48n.shp")
	f.Fuzz(func(t *testing.T, b []byte) { formats.ParseSHP(b, formats.Options{}) })
}

func FuzzParseDBF(f *testing.F) {
	seed(f, "shp/sites.dbf", "shp/areas.dbf", "corpus/gdal/gbk-nocpg.dbf")
	f.Fuzz(func(t *testing.T, b []byte) {
		formats.ParseDBF(b, "")
		formats.ParseDBF(b, "GBK")
	})
}

func FuzzParseGPKGGeometry(f *testing.F) {
	f.Add([]byte("GP\x00\x03\xe6\x10\x00\x00" + "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
		"\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) { formats.ParseGPKGGeometry(b) })
}

// FuzzParseDXF feeds the DXF reader: blocks nested and inserted, bulges,
// hatches, splines, text in GBK.
func FuzzParseDXF(f *testing.F) {
	f.Add(handDXF())
	f.Add(binaryDXF(f, handDXF(), false))
	f.Add(binaryDXF(f, handDXF(), true))
	f.Add([]byte("0\nSECTION\n2\nENTITIES\n0\nLINE\n8\n0\n10\n1\n20\n2\n11\n3\n21\n4\n0\nENDSEC\n0\nEOF\n"))
	f.Add([]byte("0\nSECTION\n2\nBLOCKS\n0\nBLOCK\n2\nA\n0\nINSERT\n2\nA\n0\nENDBLK\n0\nENDSEC\n2\nENTITIES\n0\nINSERT\n2\nA\n0\nENDSEC\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := formats.ParseDXF(b, formats.Options{EPSG: 4326})
		if err == nil && l == nil {
			t.Fatal("no layer and no error")
		}
	})
}

// FuzzFileGDB replaces a feature class of a GDAL-made File Geodatabase
// (its table and its row index) with the fuzzer's bytes and opens the
// folder as the app does.
func FuzzFileGDB(f *testing.F) {
	gdb, _ := makeGDB(f)
	table, _ := os.ReadFile(filepath.Join(gdb, "a00000009.gdbtable"))
	index, _ := os.ReadFile(filepath.Join(gdb, "a00000009.gdbtablx"))
	f.Add(table, index)
	f.Fuzz(func(t *testing.T, table, index []byte) {
		dir := filepath.Join(t.TempDir(), "f.gdb")
		os.MkdirAll(dir, 0o755)
		entries, _ := os.ReadDir(gdb)
		for _, e := range entries {
			b, _ := os.ReadFile(filepath.Join(gdb, e.Name()))
			os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
		}
		os.WriteFile(filepath.Join(dir, "a00000009.gdbtable"), table, 0o644)
		os.WriteFile(filepath.Join(dir, "a00000009.gdbtablx"), index, 0o644)
		formats.Open(dir, formats.Options{})
	})
}
