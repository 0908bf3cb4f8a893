package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/geo/render"
)

const testdata = "../geo/formats/testdata/"

func TestOpenOverlayShowsAndSelects(t *testing.T) {
	a := test.NewTempApp(t)
	at := newTestAtlas(t, a)
	before := frameBytes(at)
	var got *render.Overlay
	at.OpenOverlay(testdata+"shp/areas.shp", false, func(o *render.Overlay, err error) {
		if err != nil {
			t.Fatal(err)
		}
		got = o
	})
	if got == nil || len(at.Overlays()) != 1 || got.LabelField != "MC" {
		t.Fatalf("overlay %+v", got)
	}
	paint(at)
	if bytes.Equal(before, frameBytes(at)) {
		t.Error("the overlay did not change the map")
	}
	// Its row is in the layer panel.
	found := false
	for _, o := range test.LaidOutObjects(at.Layers.Object()) {
		if ch, ok := o.(*widget.Check); ok && strings.HasPrefix(ch.Text, "areas.shp (1)") {
			found = true
		}
	}
	if !found {
		t.Error("no layer-panel row for the overlay")
	}
	// Selecting one of its features shows its attributes.
	at.Select(render.OverlayFeatureID(got, 0))
	text := ""
	for _, o := range at.Detail.box.Objects {
		if rt, ok := o.(*widget.RichText); ok {
			text += richText(rt) + "\n"
		}
	}
	if !strings.Contains(text, "巴州区测试片区") || !strings.Contains(text, "123.45") {
		t.Errorf("detail panel shows %q", text)
	}
	// Reorder, hide and remove.
	at.OpenOverlay(testdata+"good.gpx", false, nil)
	if len(at.Overlays()) != 2 || at.Overlays()[1].Name != "good.gpx" {
		t.Fatalf("overlays %v", at.Overlays())
	}
	at.MoveOverlay(at.Overlays()[1], -1)
	if at.Overlays()[0].Name != "good.gpx" {
		t.Error("reorder did not move the GPX down")
	}
	at.RemoveOverlay(got)
	if len(at.Overlays()) != 1 {
		t.Error("remove did not remove")
	}
}

func TestBadOverlayKeepsAppRunning(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.OpenOverlay(testdata+"good.geojson", false, nil)
	// The planner is told in Chinese what is wrong and where.
	for _, tc := range []struct{ bad, zh string }{
		{"bad/truncated.geojson", "无法打开图层：truncated.geojson：第 168 字节：文件不完整"},
		{"bad/nodbf.shp", "无法打开图层：nodbf.shp：缺少 nodbf.dbf"},
		{"bad/utm.shp", "无法打开图层：utm.shp：utm.prj：不支持的坐标系“WGS_1984_UTM_Zone_48N”"},
		{"bad/notsqlite.gpkg", "无法打开图层：notsqlite.gpkg：第 0 字节：不是 GeoPackage 文件"},
		{"nothing-here.kml", "无法打开图层：nothing-here.kml：无法打开：文件不存在"},
	} {
		var gotErr error
		at.OpenOverlay(testdata+tc.bad, false, func(_ *render.Overlay, err error) { gotErr = err })
		if gotErr == nil || at.LastOpenError == nil || !strings.Contains(at.LastOpenError.Error(), filepath.Base(tc.bad)) {
			t.Errorf("%s: err %v", tc.bad, gotErr)
		}
		if !strings.HasPrefix(at.LastOpenMessage, tc.zh) {
			t.Errorf("%s: the planner read %q, want %q…", tc.bad, at.LastOpenMessage, tc.zh)
		}
	}
	// The dialog is in Chinese throughout: title, message and button.
	shown := strings.Join(textsIn(at.Win.Canvas().Overlays().Top()), "") // wrapped lines joined
	for _, want := range []string{"出错了", "无法打开图层：nothing-here.kml：无法打开：文件不存在", "确定"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the error dialog shows %q, without %q", shown, want)
		}
	}
	if len(at.Overlays()) != 1 {
		t.Errorf("%d overlays after failed opens, want the 1 good one", len(at.Overlays()))
	}
	at.Map.Zoom(2)
	paint(at)
	if at.Map.Frame() == nil {
		t.Error("the map stopped drawing")
	}
}

func TestOverlaysRememberedByPath(t *testing.T) {
	a := test.NewTempApp(t)
	at := newTestAtlas(t, a)
	at.OpenOverlay(testdata+"good.kml", false, nil)
	at.Overlays()[0].LabelField = "description"
	at.Overlays()[0].Visible = false
	at.saveOverlays()
	at.Win.Close()
	again := newTestAtlas(t, a)
	if len(again.Overlays()) != 1 {
		t.Fatalf("%d overlays after restart", len(again.Overlays()))
	}
	o := again.Overlays()[0]
	if o.ID != testdata+"good.kml" || o.LabelField != "description" || o.Visible {
		t.Errorf("restored %+v", o)
	}
}

func TestExportPlanData(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	dir := t.TempDir()
	for _, name := range []string{"all.geojson", "all.kml", "all.gpkg"} {
		n, err := at.ExportData(filepath.Join(dir, name), nil, "zh")
		if err != nil || n < 140 {
			t.Errorf("%s: %d features, %v", name, n, err)
		}
	}
	n, _ := at.ExportData(filepath.Join(dir, "visible.geojson"), map[string]bool{"network": true}, "zh")
	if n != 4 {
		t.Errorf("visible export wrote %d features, want 4", n)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "all.kml"))
	if !bytes.Contains(b, []byte("加快巴万、苍巴、镇广高速公路建设")) {
		t.Error("KML lacks the clause quote")
	}
}
