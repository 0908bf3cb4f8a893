package app

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Home frames the plan, whatever layers are opened: its scale does not
// change as layers are added.
func TestHomeFramesThePlanNotTheLayers(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Home()
	paint(at)
	want := at.Map.View().Scale
	for _, f := range []string{"shp/areas.shp", "good.geojson", "good.kml", "good.gpx"} {
		if _, err := open(t, at, testdata+f); err != nil {
			t.Fatal(err)
		}
		paint(at)
		at.Home()
		paint(at)
		if got := at.Map.View().Scale; math.Abs(got/want-1) > 0.01 {
			t.Errorf("after opening %s Home shows 1:%.0f, was 1:%.0f", f, got, want)
		}
	}
}

// A layer with a long file name wraps its name in the layer panel instead
// of widening it: the map keeps its width, and Home its scale.
func TestLongLayerNameKeepsTheMapsWidth(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Home()
	paint(at)
	w0, scale0, min0 := at.Map.Size().Width, at.Map.View().Scale, at.Layers.Object().MinSize().Width
	dir := t.TempDir()
	long := "巴中市国土空间总体规划（2021—2035年）中心城区用地布局规划图_第三次征求意见稿"
	for _, ext := range []string{".shp", ".shx", ".dbf", ".prj"} {
		b, err := os.ReadFile(testdata + "shp/areas" + ext)
		if err != nil {
			continue
		}
		os.WriteFile(filepath.Join(dir, long+ext), b, 0o644)
	}
	if _, err := open(t, at, filepath.Join(dir, long+".shp")); err != nil {
		t.Fatal(err)
	}
	paint(at)
	at.Home()
	paint(at)
	if m := at.Layers.Object().MinSize().Width; m > min0+20 {
		t.Errorf("the layer panel needs %.0f px, was %.0f: the name widens it", m, min0)
	}
	if w := at.Map.Size().Width; math.Abs(float64(w-w0)) > 1 {
		t.Errorf("the map went from %.0f to %.0f px wide", w0, w)
	}
	if s := at.Map.View().Scale; math.Abs(s/scale0-1) > 0.01 {
		t.Errorf("Home went from 1:%.0f to 1:%.0f", scale0, s)
	}
}

// The status bar's controls keep their places as its texts change: the
// language switch and the coordinate form do not move with the pointer's
// coordinates, the scale, or the zone choice showing.
func TestStatusBarDoesNotReflow(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	sb := at.Status
	where := func() (fyne.Position, fyne.Position) {
		paint(at)
		d := fyne.CurrentApp().Driver()
		return d.AbsolutePositionForObject(sb.Lang), d.AbsolutePositionForObject(sb.Form)
	}
	lang0, form0 := where()
	for i, step := range []func(){
		func() { sb.SetPointer([2]float64{106.75, 31.86}) },
		func() { sb.Form.SetSelectedIndex(2); sb.SetPointer([2]float64{106.7512345, 31.8612345}) },
		func() { sb.SetScale(12_345_678) },
		func() { sb.Form.SetSelectedIndex(0); sb.SetScale(8_000) },
	} {
		step()
		lang, form := where()
		if lang != lang0 || form != form0 {
			t.Errorf("step %d: the language switch moved %v → %v, the form %v → %v", i, lang0, lang, form0, form)
		}
	}
	if w := sb.Lang.MinSize().Width; sb.Lang.Size().Width < w {
		t.Errorf("the language switch is cut: %.0f of %.0f px", sb.Lang.Size().Width, w)
	}
}
