package filegdb_test

import (
	"path/filepath"
	"testing"

	"github.com/planatlas/planatlas/geo/formats"
	"github.com/planatlas/planatlas/geo/formats/internal/ogrtest"
	"github.com/planatlas/planatlas/geo/layer"
)

// GDAL's own geodatabase test files (testdata/gdal, see its README), as
// they come by mail (.gdb.zip), open with every record GDAL lists: drawn,
// kept without geometry, or — tables of attributes only — named with
// their rows. Want is what ogrinfo of GDAL 3.6 lists, or what GDAL's own
// tests expect where 3.6 cannot yet read the file; with gdal-bin
// installed, the first kind is checked against ogrinfo too.
func TestGDALTestFiles(t *testing.T) {
	ogrtest.Check(t, filepath.Join("testdata", "gdal"), layer.Options{}, []ogrtest.Case{
		{File: "sparse.gdb.zip", Want: 12, By36: true, Reason: "a row index with a bitmap of the blocks present"},
		{File: "filegdb_polygonzm_m_not_closing_with_curves.gdb.zip", Want: 6, By36: true, Reason: "a layer with heights and measures: their ranges in the field description"},
		{File: "testopenfilegdb.gdb.zip", Want: 476, By36: true, Reason: "every geometry type, curves, tables"},
		{File: "test3005.gdb.zip", Want: 1, By36: true},
		{File: "multilinestringzm_with_dummy_m_array.gdb.zip", Want: 1, By36: true},
		{File: "empty_polygon.gdb.zip", Want: 1, By36: true, Reason: "an empty polygon: refused, the record named"},
		{File: "test_utf16.gdb.zip", Want: 1, By36: true, Reason: "a table of attributes only: refused, its row named"},
		{File: "ESSENCE_NAIPF_ORI_PROV_sub93.gdb.zip", Want: 5, By36: true, Reason: "a table of attributes only"},
		{File: "arcgis_pro_32_types.gdb.zip", Want: 6, By36: false, Reason: "ArcGIS Pro 3.2's date, time and offset fields; its table of 64-bit object ids is named, not read"},
	})

	// The newer field types read as GDAL's tests expect them.
	l, err := formats.Open(filepath.Join("testdata", "gdal", "arcgis_pro_32_types.gdb.zip"), layer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := l.Features[0].Attrs()
	for k, want := range map[string]any{"date_only": "2023-11-29", "time_only": "13:14:15", "timestamp_offset": "2023-11-29T13:14:15-05:00", "date": "2023-11-29T13:14:15"} {
		if f[k] != want {
			t.Errorf("%s = %v, want %v", k, f[k], want)
		}
	}
}
