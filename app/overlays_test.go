package app

import (
	"bytes"
	"fyne.io/fyne/v2/theme"
	"github.com/paulmach/orb"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/render"
)

const testdata = "../geo/formats/testdata/"

// open opens a file as an overlay, as the app does, in the background,
// and waits for the outcome.
func open(t *testing.T, at *Atlas, path string) (OpenOverlay, error) {
	t.Helper()
	var got OpenOverlay
	var gotErr error
	called := false
	at.Overlays.Open(path, ReadChoice{}, func(o OpenOverlay, err error) { got, gotErr, called = o, err, true })
	settle(t, at)
	if !called {
		t.Fatalf("%s: the open never finished", path)
	}
	return got, gotErr
}

func TestOpenOverlayShowsAndSelects(t *testing.T) {
	a := test.NewTempApp(t)
	at := newTestAtlas(t, a)
	before := frameBytes(at)
	got, err := open(t, at, testdata+"shp/areas.shp")
	if err != nil {
		t.Fatal(err)
	}
	if len(at.State.Overlays()) != 1 || got.LabelField != "MC" {
		t.Fatalf("overlay %+v", got)
	}
	paint(at)
	if bytes.Equal(before, frameBytes(at)) {
		t.Error("the overlay did not change the map")
	}
	// Its row is in the layer panel.
	found := false
	for _, o := range test.LaidOutObjects(at.Layers.Object()) {
		if lb, ok := o.(*widget.Label); ok && strings.HasPrefix(lb.Text, "areas.shp (1)") {
			found = true
		}
	}
	if !found {
		t.Error("no layer-panel row for the overlay")
	}
	// Selecting one of its features shows its attributes.
	at.Select(render.OverlayFeatureID(got.ID, 0))
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
	open(t, at, testdata+"good.gpx")
	ovs := at.State.Overlays()
	if len(ovs) != 2 || ovs[1].Name != "good.gpx" {
		t.Fatalf("overlays %v", ovs)
	}
	at.State.MoveOverlay(ovs[1].ID, -1)
	if at.State.Overlays()[0].Name != "good.gpx" {
		t.Error("reorder did not move the GPX down")
	}
	at.Overlays.Close(got.ID)
	if len(at.State.Overlays()) != 1 {
		t.Error("remove did not remove")
	}
	if len(at.State.Selected()) != 0 {
		t.Errorf("closing the overlay left its feature selected: %v", at.State.Selected())
	}
	if err := at.State.Check(); err != nil {
		t.Error(err)
	}
}

func TestBadOverlayKeepsAppRunning(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	open(t, at, testdata+"good.geojson")
	// The planner is told in Chinese what is wrong and where.
	for _, tc := range []struct{ bad, zh string }{
		{"bad/truncated.geojson", "无法打开图层：truncated.geojson：第 168 字节：文件不完整"},
		{"bad/nodbf.shp", "无法打开图层：nodbf.shp：缺少 nodbf.dbf"},
		{"bad/lambert.shp", "无法打开图层：lambert.shp：lambert.prj：不支持的坐标系“Asia_Lambert_Conformal_Conic”"},
		{"corpus/wrongzone.geojson", "无法打开图层：wrongzone.geojson：第 1 个要素：坐标 x 381425.29, y 3527789.23 超出坐标系 EPSG:4524 的范围"},
		{"bad/notsqlite.gpkg", "无法打开图层：notsqlite.gpkg：第 0 字节：不是 GeoPackage 文件"},
		{"nothing-here.kml", "无法打开图层：nothing-here.kml：无法打开：文件不存在"},
	} {
		_, gotErr := open(t, at, testdata+tc.bad)
		om := at.Overlays
		if gotErr == nil || om.LastError == nil || !strings.Contains(om.LastError.Error(), filepath.Base(tc.bad)) {
			t.Errorf("%s: err %v", tc.bad, gotErr)
		}
		if !strings.HasPrefix(om.LastMessage, tc.zh) {
			t.Errorf("%s: the planner read %q, want %q…", tc.bad, om.LastMessage, tc.zh)
		}
	}
	// The dialog is in Chinese throughout: title, message and button.
	shown := strings.Join(textsIn(at.Win.Canvas().Overlays().Top()), "") // wrapped lines joined
	for _, want := range []string{"出错了", "无法打开图层：nothing-here.kml：无法打开：文件不存在", "确定"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the error dialog shows %q, without %q", shown, want)
		}
	}
	if len(at.State.Overlays()) != 1 {
		t.Errorf("%d overlays after failed opens, want the 1 good one", len(at.State.Overlays()))
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
	open(t, at, testdata+"good.kml")
	open(t, at, testdata+"good.gpx")
	id := testdata + "good.kml"
	at.State.SetOverlayLabel(id, "description")
	at.State.SetOverlayVisible(id, false)
	at.Win.Close()
	again := newTestAtlas(t, a)
	settle(t, again)
	ovs := again.State.Overlays()
	if len(ovs) != 2 {
		t.Fatalf("%d overlays after restart", len(ovs))
	}
	o := ovs[0]
	if o.ID != id || o.LabelField != "description" || o.Visible || ovs[1].ID != testdata+"good.gpx" {
		t.Errorf("restored %+v, then %s", o, ovs[1].ID)
	}
}

func TestExportPlanData(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	dir := t.TempDir()
	for _, name := range []string{"all.geojson", "all.kml", "all.gpkg"} {
		n, err := at.Exporter.ExportData(filepath.Join(dir, name), nil, "zh")
		if err != nil || n < 140 {
			t.Errorf("%s: %d features, %v", name, n, err)
		}
	}
	n, _ := at.Exporter.ExportData(filepath.Join(dir, "visible.geojson"), map[plan.GroupID]bool{"network": true}, "zh")
	if n != 4 {
		t.Errorf("visible export wrote %d features, want 4", n)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "all.kml"))
	if !bytes.Contains(b, []byte("加快巴万、苍巴、镇广高速公路建设")) {
		t.Error("KML lacks the clause quote")
	}
}

// A layer opened outside the view is framed; each overlay row has a
// zoom-to-layer button; a point feature's kind is named in Chinese.
func TestOpenedLayerIsFramed(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	for i := 0; i < 6; i++ {
		at.Map.Pan(3000, 0) // far west of the city
	}
	o, err := open(t, at, testdata+"shp/areas.shp")
	if err != nil {
		t.Fatal(err)
	}
	if !at.Map.View().Bound().Contains(o.Layer.Bound().Center()) {
		t.Errorf("the opened layer at %v is not in view %v", o.Layer.Bound(), at.Map.View().Bound())
	}
	at.Map.Pan(-5000, 0)
	zoomed := false
	for _, c := range test.LaidOutObjects(at.Layers.Object()) {
		if b, ok := c.(*tipButton); ok && b.Icon != nil && b.Icon.Name() == theme.ZoomFitIcon().Name() {
			test.Tap(b)
			zoomed = true
		}
	}
	if !zoomed || !at.Map.View().Bound().Contains(o.Layer.Bound().Center()) {
		t.Errorf("zoom to layer (button found %v) left the view at %v", zoomed, at.Map.View().Bound())
	}
	g, err := open(t, at, testdata+"good.gpx")
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range g.Layer.Features {
		if _, ok := f.Geometry.(orb.Point); ok {
			at.Select(render.OverlayFeatureID(g.ID, i))
			break
		}
	}
	if text := strings.Join(textsIn(at.Detail.Object()), ""); !strings.Contains(text, "类型：点") {
		t.Errorf("the detail panel says %q", text)
	}
}

// A file with bad features opens with the good ones; its layer row says
// what was left out, and the report button shows why in the detail panel,
// with the records kept without geometry.
func TestPartialReadNotice(t *testing.T) {
	a := test.NewTempApp(t)
	at := newTestAtlas(t, a)
	o, err := open(t, at, testdata+"corpus/multi.kml")
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Layer.Features) != 4 || len(o.Layer.Unplaced) != 1 || o.Layer.Report.Skipped != 1 {
		t.Fatalf("%d features, %d unplaced, %d skipped", len(o.Layer.Features), len(o.Layer.Unplaced), o.Layer.Report.Skipped)
	}
	var notice *widget.Label
	var report *tipButton
	for _, obj := range test.LaidOutObjects(at.Layers.Object()) {
		switch w := obj.(type) {
		case *widget.Label:
			if w.Text == "1 个要素未读入 · 1 条记录无几何" {
				notice = w
			}
		case *tipButton:
			if w.Text == "读取报告" {
				report = w
			}
		}
	}
	if notice == nil || report == nil {
		t.Fatal("the layer row does not say that the file was not read whole")
	}
	test.Tap(report)
	step(at)
	text := ""
	for _, obj := range test.LaidOutObjects(at.Detail.Object()) {
		switch w := obj.(type) {
		case *widget.Label:
			text += w.Text + "\n"
		case *widget.RichText:
			text += richText(w) + "\n"
		}
	}
	for _, want := range []string{"第 23 行：坐标“106.75;31.86”不是有效的数值", "无几何图形的记录", "只有说明", "规划科"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q:\n%s", want, text)
		}
	}
	// A file refused whole keeps the library's words behind "details".
	_, err = open(t, at, testdata+"corpus/wrongzone.geojson")
	if err == nil || !strings.Contains(at.Overlays.LastMessage, "文件中的横坐标没有带号") || strings.Contains(at.Overlays.LastMessage, "strconv") {
		t.Errorf("refusal: %v / %q", err, at.Overlays.LastMessage)
	}
}

// The seven-parameter form reads numbers, refuses words, and gives nothing
// when left empty; what was entered comes back the next time.
func TestHelmertForm(t *testing.T) {
	f := newHelmertForm("zh")
	if h, err := f.value(); h != nil || err != nil {
		t.Errorf("empty form: %v %v", h, err)
	}
	for i, v := range []string{"115.8", "-154.4", "-82.3", "0.2", "", "1.1", "2.5"} {
		f.entries[i].SetText(v)
	}
	h, err := f.value()
	if err != nil || h.DX != 115.8 || h.RY != 0 || h.S != 2.5 || h.CoordinateFrame {
		t.Fatalf("%+v %v", h, err)
	}
	g := newHelmertForm("zh")
	g.set(h)
	if again, _ := g.value(); *again != *h {
		t.Errorf("set then value: %+v, want %+v", again, h)
	}
	f.entries[4].SetText("三")
	if _, err := f.value(); err == nil || !strings.Contains(err.Error(), "七参数须为数字：“三”") {
		t.Errorf("a word: %v", err)
	}
}
