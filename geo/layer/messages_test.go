package layer

import (
	"strings"
	"testing"
	"unicode"
)

// Every problem has words in both languages, the Chinese in Chinese, and
// neither shows a Go type or a format verb left unfilled.
func TestEveryProblemIsWorded(t *testing.T) {
	for p := ProblemOther; p < problemEnd; p++ {
		f := &Fault{Problem: p, Subject: "甲.prj", N: 3, M: 4, Detail: "细节"}
		en, zh := f.Words("en"), f.Words("zh")
		if en == "" || zh == "" {
			t.Errorf("problem %d: en %q zh %q", p, en, zh)
			continue
		}
		han := false
		for _, r := range zh {
			han = han || unicode.Is(unicode.Han, r)
		}
		if !han {
			t.Errorf("problem %d: %q is not in Chinese", p, zh)
		}
		for _, bad := range []string{"%!", "<nil>", "*formats.", "strconv."} {
			if strings.Contains(en, bad) || strings.Contains(zh, bad) {
				t.Errorf("problem %d: %q / %q shows %q", p, en, zh, bad)
			}
		}
	}
}

func TestPlaceWords(t *testing.T) {
	tests := []struct {
		place  Place
		en, zh string
	}{
		{Place{}, "", ""},
		{FeaturePlace(12), "feature 12", "第 12 个要素"},
		{RecordPlace(3), "record 3", "第 3 条记录"},
		{RecordBytePlace(3, 1034), "record 3 (byte 1034)", "第 3 条记录（第 1034 字节）"},
		{BytePlace(0), "byte 0", "第 0 字节"},
		{LinePlace(7), "line 7", "第 7 行"},
		{RowPlace(5), "row 5", "第 5 行数据"},
	}
	for _, tc := range tests {
		if en, zh := tc.place.Words("en"), tc.place.Words("zh"); en != tc.en || zh != tc.zh {
			t.Errorf("%+v: %q / %q, want %q / %q", tc.place, en, zh, tc.en, tc.zh)
		}
	}
}

// A reader error is made of facts: the same facts say themselves in each
// language, with the file, the companion file, the table and the place.
func TestReadErrorMessage(t *testing.T) {
	e := &ReadError{File: "roads.gpkg", Table: "道路", Place: RowPlace(9), Fault: Fault{Problem: ProblemBadGeometry, Detail: "ring not closed"}}
	if got := e.Message("zh"); got != "roads.gpkg：表 道路：第 9 行数据：几何图形有误" {
		t.Errorf("zh: %q", got)
	}
	if got := e.Error(); got != "roads.gpkg: table 道路: row 9: the geometry is malformed" {
		t.Errorf("en: %q", got)
	}
	// The library's words stay behind the "details" disclosure.
	if got := e.Details(); got != "ring not closed" {
		t.Errorf("details: %q", got)
	}
	e = &ReadError{File: "utm.shp", In: "utm.prj", Fault: *NewFault(ProblemUnsupportedCRS, "WGS_1984_UTM_Zone_48N", "tm")}
	if got := e.Message("zh"); !strings.HasPrefix(got, "utm.shp：utm.prj：不支持的坐标系“WGS_1984_UTM_Zone_48N”") {
		t.Errorf("zh: %q", got)
	}
}

// A file that is not what its name says is told in Chinese whole: the
// readers' reasons are translated, not quoted in English.
func TestNotFormatReasonsInChinese(t *testing.T) {
	for _, c := range []struct{ format, why string }{
		{"DXF", "a group code is not a number"},
		{"DXF", "no SECTION"},
		{"File Geodatabase", "no .gdb folder in the archive"},
		{"File Geodatabase", "no catalog (a00000001.gdbtable)"},
		{"File Geodatabase", "not a .gdbtable"},
		{"File Geodatabase", "table version 6"},
	} {
		zh := NewFault(ProblemNotFormat, c.format, c.why).Words("zh")
		rest := strings.NewReplacer(c.format, "", "a00000001.gdbtable", "", ".gdbtable", "", ".gdb", "", "SECTION", "", "ArcGIS Pro", "").Replace(zh)
		for _, r := range rest {
			if r < unicode.MaxASCII && unicode.IsLetter(r) {
				t.Errorf("%s: %q leaves English words", c.why, zh)
				break
			}
		}
	}
}
