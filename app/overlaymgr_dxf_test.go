package app

import (
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
