package dxf_test

import (
	"path/filepath"
	"testing"

	"github.com/planatlas/planatlas/geo/formats/internal/ogrtest"
	"github.com/planatlas/planatlas/geo/layer"
)

// GDAL's own DXF test files (testdata/gdal, see its README) open with the
// features GDAL reads: each entity, each copy of a MINSERT with its
// attributes, a dimension's block entity by entity (or, with no block,
// its lines, arrowheads and text), leaders with their arrowheads,
// multileaders, sections named without "0 SECTION"; paper space is left
// out and counted. Want is what ogrinfo of GDAL 3.6 lists, or — where
// 3.6 cannot yet read the file — what GDAL's own tests expect of it;
// with gdal-bin installed, the first kind is checked against ogrinfo too.
func TestGDALTestFiles(t *testing.T) {
	ogrtest.Check(t, filepath.Join("testdata", "gdal"), layer.Options{Local: true}, []ogrtest.Case{
		{File: "3d.dxf", Want: 2, By36: true},
		{File: "additional-entities.dxf", Want: 24, By36: true, Reason: "a MINSERT of 8 copies, each with its attribute; a helix"},
		{File: "assorted.dxf", Want: 22, By36: true, Reason: "three dimensions of four features each; a paper space line"},
		{File: "attrib-nested.dxf", Want: 1, By36: false, Reason: "GDAL 3.6 lists none; GDAL's test expects the nested block's attribute"},
		{File: "bin_dxf_r12.dxf", Want: 3, By36: false, Reason: "binary DXF: read by GDAL from 3.12"},
		{File: "bin_dxf_r2000.dxf", Want: 1, By36: false, Reason: "binary DXF: read by GDAL from 3.12"},
		{File: "byblock-bylayer.dxf", Want: 16, By36: true},
		{File: "dimension-entities-only.dxf", Want: 12, By36: true, Reason: "dimensions without their blocks"},
		{File: "dimension.dxf", Want: 28, By36: true, Reason: "dimensions drawn from their blocks"},
		{File: "hatch.dxf", Want: 3, By36: true},
		{File: "insert_only_col_count_zero.dxf", Want: 1, By36: false, Reason: "GDAL 3.6 lists none; GDAL's test expects one"},
		{File: "leader-mleader.dxf", Want: 41, By36: true, Reason: "leaders, arrowheads and multileaders"},
		{File: "ocs2wcs3.dxf", Want: 10, By36: true},
		{File: "spline_weight.dxf", Want: 3, By36: true},
		{File: "text-fancy.dxf", Want: 6, By36: true},
		{File: "text.dxf", Want: 1, By36: true, Reason: "ENTITIES named without 0 SECTION before it"},
		{File: "utf-8.dxf", Want: 1, By36: true},
	})

}
