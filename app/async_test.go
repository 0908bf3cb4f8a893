package app

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/planatlas/planatlas/geo/render"
)

// step runs what background work has posted so far, without waiting for
// the rest: the next change lands while renders are still running.
func step(at *Atlas) {
	v, _ := testQueues.Load(at)
	v.(*uiQueue).run()
}

// Overlays are toggled and relabelled while the map renders in the
// background; every render draws a snapshot, and the frame in the end is
// the state's. Run with -race, this is where the layer panel and the
// renderer used to share an overlay.
func TestOverlayChangesDuringRenders(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	o, err := open(t, at, testdata+"shp/areas.shp")
	if err != nil {
		t.Fatal(err)
	}
	fields := append([]string{""}, o.Layer.Fields...)
	for i := 0; i < 120; i++ {
		at.State.SetOverlayVisible(o.ID, i%3 != 0)
		at.State.SetOverlayLabel(o.ID, fields[i%len(fields)])
		at.State.SetOverlayColor(o.ID, render.OverlayPalette[i%len(render.OverlayPalette)])
		if i%10 == 0 {
			at.Win.Canvas().Capture() // the raster asks for a frame now and then
		}
		step(at)
	}
	at.State.SetOverlayVisible(o.ID, true)
	at.State.SetOverlayLabel(o.ID, "MC")
	paint(at)
	s, res := at.Map.Result()
	if len(s.Overlays) != 1 || !s.Overlays[0].Visible || s.Overlays[0].LabelField != "MC" {
		t.Fatalf("the last frame drew %+v, not the state", s.Overlays)
	}
	drawn := false
	for _, id := range res.Visible {
		drawn = drawn || id == render.OverlayFeatureID(o.ID, 0)
	}
	if !drawn {
		t.Error("the last frame does not draw the overlay")
	}
	if err := at.State.Check(); err != nil {
		t.Error(err)
	}
}

// An export draws the snapshot taken when the planner pressed Export:
// changing the selection, the layers and the language while it runs does
// not reach the file.
func TestSelectionChangesDuringExport(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	dir := t.TempDir()
	at.State.Select("bawan_expressway")
	req := ExportRequest{Format: "png", W: 900, H: 600, DPI: 96, Area: "city", Highlight: true,
		Frame: render.FullFrame, Path: filepath.Join(dir, "pressed.png")}
	// What the file must hold: the same export made with nothing changing.
	want := req
	want.Path = filepath.Join(dir, "still.png")
	if _, err := at.Exporter.Export(t.Context(), want); err != nil {
		t.Fatal(err)
	}
	var files []string
	var exportErr error
	at.Exporter.RunExport(req, func(f []string, err error) { files, exportErr = f, err })
	ids := []string{"enyang_airport", "guangwushan_scenic_area", "", "hanbanan_hsr"}
	for i := 0; at.jobs.Load() > 0 && i < 100000; i++ {
		at.Select(ids[i%len(ids)])
		at.State.SetLayer("ecology", i%2 == 0)
		at.State.SetLang([]string{"zh", "en"}[i%2])
		step(at)
	}
	settle(t, at)
	if exportErr != nil || len(files) != 1 {
		t.Fatalf("export: %v %v", files, exportErr)
	}
	a, b := decodePNG(t, files[0]), decodePNG(t, want.Path)
	if a.Bounds() != b.Bounds() || string(a.Pix) != string(b.Pix) {
		t.Error("the export drew changes made after Export was pressed")
	}
	// Without Highlight, the selection stays out of the file.
	req.Highlight, req.Path = false, filepath.Join(dir, "plain.png")
	if _, err := at.Exporter.Export(t.Context(), req); err != nil {
		t.Fatal(err)
	}
	if c := decodePNG(t, req.Path); string(c.Pix) == string(b.Pix) {
		t.Error("an export without highlight drew the selection")
	}
}

func decodePNG(t *testing.T, path string) *image.RGBA {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	rgba := image.NewRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			rgba.Set(x, y, img.At(x, y))
		}
	}
	return rgba
}

// Scenes are stepped through while the animation between them runs: each
// step cancels the running animation, and the map ends on the last scene
// asked for, with its layers.
func TestScenesAdvanceDuringAnimation(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	press(at, fyne.KeyF5)
	pr := at.Presentation.active
	n := len(at.Plan.Scenes)
	for i := 0; i < 3*n; i++ {
		key := fyne.KeyRight
		if i%4 == 3 {
			key = fyne.KeyLeft
		}
		press(at, key)
		at.Win.Canvas().Capture()
		step(at)
	}
	settle(t, at)
	s := pr.Scene()
	if on, idx := at.State.Presenting(); !on || idx != pr.Index {
		t.Errorf("state presents %v scene %d, presenter at %d", on, idx, pr.Index)
	}
	if b := at.Map.View().Bound(); !b.Contains(s.Bound().Center()) {
		t.Errorf("scene %s: the animation ended at %v, not on the scene", s.ID, b)
	}
	for _, g := range s.Layers {
		if !at.State.LayerVisible(g) {
			t.Errorf("scene %s: layer %s is off", s.ID, g)
		}
	}
	press(at, fyne.KeyEscape)
	settle(t, at)
	if at.Presentation.Presenting() {
		t.Error("Esc did not leave")
	}
	if err := at.State.Check(); err != nil {
		t.Error(err)
	}
}
