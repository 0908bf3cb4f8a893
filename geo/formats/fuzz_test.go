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
	"github.com/planatlas/planatlas/geo/formats/geojson"
	"github.com/planatlas/planatlas/geo/formats/gpkg"
	"github.com/planatlas/planatlas/geo/formats/gpx"
	"github.com/planatlas/planatlas/geo/formats/kml"
	"github.com/planatlas/planatlas/geo/formats/shp"
	"github.com/planatlas/planatlas/geo/layer"
)

// The fuzz targets feed readers arbitrary bytes: they must return an error
// or a layer, never panic or hang. Seeds are the good and bad files of
// testdata/.

func FuzzParseGeoJSON(f *testing.F) {
	seed(f, "good.geojson", "bad/truncated.geojson", "bad/malformed.geojson", "bad/nogeometry.geojson",
		"corpus/nullgeom.geojson", "corpus/wrongzone.geojson", "corpus/gdal/gk4545.geojson",
		"corpus/gc-nulls.geojson", "corpus/gc-nullring.geojson", "corpus/gc-mixed.geojson")
	f.Fuzz(func(t *testing.T, b []byte) { geojson.Parse(b) })
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
		l, err := formats.Open(path, layer.Options{})
		switch {
		case err != nil && l != nil:
			t.Fatalf("Open gave a layer and an error: %v", err)
		case err == nil && l == nil:
			t.Fatal("Open gave neither a layer nor an error")
		case err != nil:
			var re *layer.ReadError
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
	f.Fuzz(func(t *testing.T, b []byte) { geojson.Parse(b) })
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
	f.Fuzz(func(t *testing.T, b []byte) { kml.Parse(b) })
}

// FuzzParseKMZ feeds the bytes both as an archive and as the document of
// a well-formed archive: random bytes rarely pass a zip's checksums, so the
// second path is what reaches the KML inside.
func FuzzParseKMZ(f *testing.F) {
	seed(f, "good.kmz", "good.kml", "bad/truncated.kml")
	f.Fuzz(func(t *testing.T, b []byte) {
		kml.ParseKMZ(b)
		var z bytes.Buffer
		zw := zip.NewWriter(&z)
		w, _ := zw.Create("doc.kml")
		w.Write(b)
		zw.Close()
		kml.ParseKMZ(z.Bytes())
	})
}

func FuzzParseGPX(f *testing.F) {
	seed(f, "good.gpx", "bad/badlatlon.gpx", "corpus/badpoints.gpx", "corpus/gdal/points.gpx")
	f.Fuzz(func(t *testing.T, b []byte) { gpx.Parse(b) })
}

func FuzzParseSHP(f *testing.F) {
	seed(f, "shp/sites.shp", "shp/areas.shp", "bad/truncated.shp", "corpus/gdal/xian80.shp", "corpus/gdal/utm48n.shp")
	f.Fuzz(func(t *testing.T, b []byte) { shp.Parse(b, layer.Options{}) })
}

func FuzzParseDBF(f *testing.F) {
	seed(f, "shp/sites.dbf", "shp/areas.dbf", "corpus/gdal/gbk-nocpg.dbf")
	f.Fuzz(func(t *testing.T, b []byte) {
		shp.ParseDBF(b, "")
		shp.ParseDBF(b, "GBK")
	})
}

func FuzzParseGPKGGeometry(f *testing.F) {
	f.Add([]byte("GP\x00\x03\xe6\x10\x00\x00" + "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
		"\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) { gpkg.ParseGeometry(b) })
}
