package app

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A CAD drawing in CGCS2000 Gauss–Krüger metres without the zone number
// (what a planning bureau's DXF usually is) opens over the plan where it
// belongs: the plan's own area chooses the zone, and the guess is said.
func TestDXFOpensOverThePlan(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Skip("ogr2ogr not installed")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "in.geojson")
	os.WriteFile(src, []byte(`{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[106.70,31.84],[106.80,31.88]]}},
{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[106.75,31.86]}}]}`), 0o644)
	dxf := filepath.Join(dir, "控规.dxf")
	if out, err := exec.Command("ogr2ogr", "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4545", "-f", "DXF", dxf, src).CombinedOutput(); err != nil {
		t.Fatalf("ogr2ogr: %v %s", err, out)
	}
	at := newTestAtlas(t, test.NewTempApp(t))
	var got OpenOverlay
	var openErr error
	at.Overlays.Open(dxf, ReadChoice{}, func(o OpenOverlay, err error) { got, openErr = o, err })
	settle(t, at)
	if openErr != nil || got.Layer == nil {
		t.Fatalf("open: %v", openErr)
	}
	b := got.Layer.Bound()
	if b.Min[0] < 106.69 || b.Max[0] > 106.81 || b.Min[1] < 31.83 || b.Max[1] > 31.89 {
		t.Errorf("the drawing lies at %v; it was drawn at Bazhong", b)
	}
	// A drawing's texts (its annotations) label it.
	if got.LabelField != "Text" {
		t.Errorf("a drawing labelled by %q, not by its texts", got.LabelField)
	}
	var words []string
	for _, w := range got.Layer.Report.Warnings {
		words = append(words, w.Words("zh"))
	}
	if !strings.Contains(strings.Join(words, " "), "EPSG:4545") {
		t.Errorf("the guessed coordinate system is not said: %q", words)
	}
	// The planner is asked to confirm the guess, named as she knows it.
	top := at.Win.Canvas().Overlays().Top()
	if s := strings.Join(textsIn(top), " "); !strings.Contains(s, "中央经线 108°E") || !strings.Contains(s, "控规.dxf") {
		t.Fatalf("no question about the guess: %q", s)
	}
	tapped := false
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == "正确" {
			test.Tap(b)
			tapped = true
		}
	}
	if !tapped {
		t.Fatal("no 正确 button")
	}
	settle(t, at)
	if got := at.App.Preferences().Int(crsPrefKey(dxf)); got != 4545 {
		t.Errorf("the confirmed system is not kept for the file: %d", got)
	}
	// Read in another zone (as choosing another would), it lies 3° west.
	at.Overlays.Close(dxf)
	at.Overlays.Open(dxf, ReadChoice{EPSG: 4544}, func(o OpenOverlay, err error) { got, openErr = o, err })
	settle(t, at)
	if openErr != nil || got.Layer == nil {
		t.Fatalf("reopen: %v", openErr)
	}
	if b := got.Layer.Bound(); b.Min[0] > 104 || b.Min[0] < 103 {
		t.Errorf("read in the zone of 105°E it lies at %v; want about 3° west", b)
	}
	if top := at.Win.Canvas().Overlays().Top(); top != nil && strings.Contains(strings.Join(textsIn(top), " "), "判断为") {
		t.Error("a chosen system is asked about again")
	}
}

// A geodatabase of several feature classes opens as a layer for each,
// named by its class; they come back at the next start, each as it was.
func TestGeodatabaseClassesAreLayers(t *testing.T) {
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Skip("ogr2ogr not installed")
	}
	dir := t.TempDir()
	gdb := filepath.Join(dir, "三区三线.gdb")
	for i, c := range []struct{ name, json string }{
		{"城镇开发边界", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"mc":"城区"},"geometry":{"type":"Polygon","coordinates":[[[106.7,31.8],[106.8,31.8],[106.8,31.9],[106.7,31.8]]]}}]}`},
		{"生态保护红线", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"mc":"米仓山"},"geometry":{"type":"Polygon","coordinates":[[[106.6,32.3],[106.9,32.3],[106.9,32.4],[106.6,32.3]]]}}]}`},
		{"永久基本农田", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"mc":"坝区"},"geometry":{"type":"Polygon","coordinates":[[[106.5,31.6],[106.6,31.6],[106.6,31.7],[106.5,31.6]]]}}]}`},
	} {
		src := filepath.Join(dir, fmt.Sprintf("%d.geojson", i))
		os.WriteFile(src, []byte(c.json), 0o644)
		args := []string{"-f", "OpenFileGDB", gdb, src, "-nln", c.name}
		if i > 0 {
			args = append(args, "-update")
		}
		if out, err := exec.Command("ogr2ogr", args...).CombinedOutput(); err != nil {
			t.Fatalf("ogr2ogr: %v %s", err, out)
		}
	}
	a := test.NewTempApp(t)
	at := newTestAtlas(t, a)
	var openErr error
	at.Overlays.Open(gdb, ReadChoice{}, func(_ OpenOverlay, err error) { openErr = err })
	settle(t, at)
	if openErr != nil {
		t.Fatal(openErr)
	}
	names := func(at *Atlas) []string {
		var out []string
		for _, o := range at.State.Overlays() {
			out = append(out, o.Name)
		}
		return out
	}
	want := "三区三线.gdb · 城镇开发边界,三区三线.gdb · 生态保护红线,三区三线.gdb · 永久基本农田"
	if got := strings.Join(names(at), ","); got != want {
		t.Fatalf("layers %q; want %q", got, want)
	}
	for _, o := range at.State.Overlays() {
		if len(o.Layer.Features) != 1 {
			t.Errorf("%s: %d features", o.Name, len(o.Layer.Features))
		}
	}
	// Opening it again adds nothing; one class hidden is remembered.
	at.Overlays.Open(gdb, ReadChoice{}, nil)
	settle(t, at)
	if n := len(at.State.Overlays()); n != 3 {
		t.Errorf("%d layers after opening it again", n)
	}
	at.State.SetOverlayVisible(at.State.Overlays()[1].ID, false)
	settle(t, at)
	next := newTestAtlas(t, a)
	settle(t, next)
	if got := strings.Join(names(next), ","); got != want {
		t.Fatalf("at the next start: %q", got)
	}
	if next.State.Overlays()[1].Visible || !next.State.Overlays()[0].Visible {
		t.Error("the hidden class did not stay hidden")
	}
}

// A drawing whose numbers fit no system Plan Atlas can guess (a local
// grid) asks which system it is in, and opens in the one chosen.
func TestDXFAsksForItsCoordinateSystem(t *testing.T) {
	path := filepath.Join(t.TempDir(), "local.dxf")
	os.WriteFile(path, []byte("0\nSECTION\n2\nENTITIES\n0\nPOINT\n8\n0\n10\n11883000\n20\n3743000\n0\nPOINT\n8\n0\n10\n11884000\n20\n3744000\n0\nENDSEC\n0\nEOF\n"), 0o644)
	at := newTestAtlas(t, test.NewTempApp(t))
	var got OpenOverlay
	at.Overlays.Open(path, ReadChoice{}, func(o OpenOverlay, err error) { got = o })
	settle(t, at)
	top := at.Win.Canvas().Overlays().Top()
	if s := strings.Join(textsIn(top), " "); !strings.Contains(s, "没有注明坐标系") || !strings.Contains(s, tr("zh", "drawingByPoints")) {
		t.Fatalf("not asked for the coordinate system or control points: %q", s)
	}
	// Its system, then (the other way is by control points).
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == tr("zh", "crsChange") {
			test.Tap(b)
		}
	}
	top = at.Win.Canvas().Overlays().Top()
	for _, o := range test.LaidOutObjects(top) {
		if e, ok := o.(*widget.Entry); ok {
			e.SetText("3857") // Web Mercator metres
		}
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == "确定" {
			test.Tap(b)
		}
	}
	settle(t, at)
	if got.Layer == nil || len(got.Layer.Features) != 2 {
		t.Fatalf("after choosing: %+v", got)
	}
	if b := got.Layer.Bound(); b.Min[0] < 106.7 || b.Max[0] > 106.8 {
		t.Errorf("placed at %v", b)
	}
	if at.App.Preferences().Int(crsPrefKey(path)) != 3857 {
		t.Error("the choice is not kept for the file")
	}
}
