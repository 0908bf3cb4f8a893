package cli_test

import (
	"strings"
	"testing"
)

// info reads files as the app does: what each holds and its report on
// standard output; a refused file on standard error with exit code 1,
// the others still read.
func TestInfo(t *testing.T) {
	const corpus = "../formats/testdata/corpus/"
	code, out, errs := run("info", corpus+"multi.kml", corpus+"wrongzone.geojson", corpus+"gdal/gbk-nocpg.shp")
	if code != 1 {
		t.Errorf("exit %d, want 1 for the refused file", code)
	}
	for _, want := range []string{"要素 4（点 2、线 1、面 1、其他 0）· 无几何记录 1 · 跳过 1", "第 23 行：坐标“106.75;31.86”不是有效的数值", "文字编码 GBK"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "wrongzone.geojson：第 1 个要素：坐标 x 381425.29, y 3527789.23 超出坐标系 EPSG:4524 的范围") {
		t.Errorf("stderr %q", errs)
	}
	code, out, _ = run("info", "--lang", "en", corpus+"gdal/xian80.shp")
	if code != 0 || !strings.Contains(out, "read without a datum shift") || !strings.Contains(out, "areas 1") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	if code, _, errs := run("info"); code != 2 || !strings.Contains(errs, "name a file") {
		t.Errorf("no file: exit %d, %q", code, errs)
	}
	if code, out, _ := run("info", "-h"); code != 0 || !strings.Contains(out, "usage: planatlas info") {
		t.Errorf("-h: exit %d, %q", code, out)
	}
}
