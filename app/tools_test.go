package app

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/planatlas/planatlas/geo/annot"
	"github.com/planatlas/planatlas/geo/measure"
)

// posOf is the Fyne position of a lon/lat on the map.
func posOf(at *Atlas, ll orb.Point) fyne.Position {
	p := at.Map.View().Pixel(ll)
	s := at.Map.pixScale
	return fyne.NewPos(float32(p[0])/s, float32(p[1])/s)
}

// Measuring through the map's own clicks: the status bar says the length
// and, from three points, the area; a right-click ends it and the result
// stays as a layer that is not remembered as a file.
func TestMeasureTool(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Map.ZoomTo([2]float64{106.75, 31.86}, 50000)
	settle(t, at)
	at.Measure.StartMeasure()
	if at.Map.Tool == nil || !strings.Contains(at.Status.Tool.Text, "单击地图添加点") {
		t.Fatalf("measuring did not start: %q", at.Status.Tool.Text)
	}
	corners := []orb.Point{{106.74, 31.85}, {106.76, 31.85}, {106.76, 31.87}}
	var tapped []orb.Point
	for _, c := range corners {
		pos := posOf(at, c)
		test.TapAt(at.Map, pos)
		x, y := at.Map.toPixels(pos)
		tapped = append(tapped, at.Map.View().LonLat(x, y))
	}
	if !at.Status.Keep.Visible() {
		t.Error("保留为批注 is not offered while measuring")
	}
	m := at.Map.Tool.(*Measurer)
	length, area := m.Result()
	if want := measure.Length(orb.LineString(tapped)); math.Abs(length-want) > 1e-6 {
		t.Errorf("length %.3f m, want %.3f m", length, want)
	}
	if want := measure.Area(orb.Polygon{append(orb.Ring{}, append(tapped, tapped[0])...)}); math.Abs(area-want) > 1e-3 {
		t.Errorf("area %.1f m², want %.1f m²", area, want)
	}
	// About 1.9 km east and 2.2 km north: a triangle of some 210 公顷.
	if length < 3500 || length > 4500 || area < 1.5e6 || area > 2.6e6 {
		t.Errorf("length %.0f m, area %.0f m²", length, area)
	}
	text := at.Status.Tool.Text
	if !strings.Contains(text, "长度：") || !strings.Contains(text, "面积：") || !strings.Contains(text, "公顷") || !strings.Contains(text, "亩") {
		t.Errorf("status: %q", text)
	}
	test.TapSecondaryAt(at.Map, posOf(at, corners[0]))
	if at.Map.Tool != nil {
		t.Error("a right-click did not end measuring")
	}
	if at.Win.Canvas().Overlays().Top() != nil {
		t.Error("the right-click that ended measuring also opened the context menu")
	}
	var sketch []string
	for _, o := range at.State.Overlays() {
		if strings.HasPrefix(o.ID, sketchPrefix+"measure") {
			sketch = append(sketch, o.Name)
			if o.Color != toolColour || o.LineWidth < 1 {
				t.Errorf("the measured line is drawn %v, %.1f mm wide: not bold in the tools' colour", o.Color, o.LineWidth)
			}
		}
	}
	if len(sketch) != 1 || sketch[0] != "测量结果" {
		t.Errorf("measurement layers %v, want one", sketch)
	}
	at.Overlays.save()
	if saved := string(at.Work.file.Raw(workOverlays)); strings.Contains(saved, sketchPrefix) {
		t.Errorf("the measurement was remembered as a file: %s", saved)
	}
	// The measurement can be kept as annotations: its closed line and its
	// result as text.
	if !at.Status.Keep.Visible() {
		t.Fatal("no offer to keep the measurement")
	}
	test.Tap(at.Status.Keep)
	as := at.State.Annotations()
	if len(as) != 2 || as[0].Kind != annot.Pen || len(as[0].Points) != 4 || as[0].Points[3] != as[0].Points[0] ||
		as[1].Kind != annot.Text || !strings.Contains(as[1].Text, "公顷") || !strings.Contains(as[1].Text, "km") {
		t.Errorf("kept as %+v", as)
	}
	for _, o := range at.State.Overlays() {
		if strings.HasPrefix(o.ID, sketchPrefix+"measure") {
			t.Error("the measurement layer stayed after keeping it as annotations")
		}
	}
	if at.Status.Keep.Visible() {
		t.Error("the offer to keep stayed")
	}
	// A click now selects again.
	test.TapAt(at.Map, posOf(at, corners[1]))
	if at.Map.Tool != nil {
		t.Error("a click after measuring started a tool")
	}
}

// Esc ends measuring too.
func TestMeasureEndsOnEscape(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Measure.StartMeasure()
	at.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if at.Map.Tool != nil {
		t.Error("Esc did not end measuring")
	}
}

// Go to a coordinate in any form: the map centres on it within a metre
// and marks it; what cannot be read is said, not guessed.
func TestGoTo(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	want := orb.Point{106.75, 31.86}
	for _, in := range []string{"31.86, 106.75", "北纬31°51′36″ 东经106°45′", "X=3527009.68 Y=36381700.26"} {
		if !at.Locator.GoTo(in) {
			t.Fatalf("GoTo(%q) failed", in)
		}
		if d := geo.Distance(at.Map.View().Center, want); d > 1 {
			t.Errorf("GoTo(%q): centred %.2f m away", in, d)
		}
	}
	n := 0
	for _, o := range at.State.Overlays() {
		if strings.HasPrefix(o.ID, sketchPrefix+"goto") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d located points, want the last one only", n)
	}
	// An easting without its zone number is not guessed where the plan's
	// area crosses two zones (Bazhong: 35 and 36): the planner is asked,
	// and shown where it lands in each (a zone-35 reading of a zone-36
	// easting is 285 km away); her choice goes there.
	at.Locator.setCoordForm(3) // CGCS2000 3°, no zone number
	at.Map.ZoomTo([2]float64{107.2, 31.9}, 200000)
	before := at.Map.View().Center
	if at.Locator.GoTo("3527009.68, 381700.26") || at.Map.View().Center != before {
		t.Fatal("an easting without its zone number was read without asking")
	}
	ask := at.Win.Canvas().Overlays().Top()
	var zone36 *widget.Button
	for _, o := range test.LaidOutObjects(ask) {
		if b, ok := o.(*widget.Button); ok {
			switch {
			case strings.HasPrefix(b.Text, "36 带") && strings.Contains(b.Text, "在规划范围内"):
				zone36 = b
			case strings.HasPrefix(b.Text, "35 带") && !strings.Contains(b.Text, "在规划范围外"):
				t.Errorf("zone 35's reading is said to be inside: %q", b.Text)
			}
		}
	}
	if zone36 == nil {
		t.Fatalf("no choice of zone 36 inside the plan's area: %v", textsIn(ask))
	}
	test.Tap(zone36)
	if d := geo.Distance(at.Map.View().Center, want); d > 1 {
		t.Errorf("the chosen zone: centred %.2f m away", d)
	}
	if at.Locator.GoTo("巴中") {
		t.Error("GoTo read a name as a coordinate")
	}
	top := at.Win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(strings.Join(textsIn(top), ""), "无法识别坐标") {
		t.Errorf("no message for an unreadable coordinate: %v", textsIn(top))
	}
}

// The status bar writes the pointer in the chosen form, and the context
// menu copies it so.
func TestCoordinateForms(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	ll := [2]float64{106.75, 31.86}
	at.Status.Form.SetSelectedIndex(2) // 3° with zone number
	at.Status.SetPointer(ll)
	if got := at.Status.Pos.Text; got != "X 3527009.68  Y 36381700.26（CGCS2000 3°带 第36带）" {
		t.Errorf("pointer %q", got)
	}
	if at.App.Preferences().Int("coord.form") != 2 {
		t.Error("the form is not remembered")
	}
	var copied bool
	for _, it := range at.Context.contextMenuFor("", ll).Items {
		if strings.HasPrefix(it.Label, "复制坐标") {
			it.Action()
			copied = true
		}
	}
	if !copied || at.App.Clipboard().Content() != "X 3527009.68  Y 36381700.26（CGCS2000 3°带 第36带）" {
		t.Errorf("copied %q", at.App.Clipboard().Content())
	}
	// A fixed zone: the 3° zone of 105°E, though the point lies in 108°E's.
	if !at.Status.Zone.Visible() {
		t.Fatal("no zone choice for a grid form")
	}
	at.Status.Zone.SetSelectedIndex(2) // 自动, 34, 35…
	at.Status.SetPointer(ll)
	if got := at.Status.Pos.Text; got != "X 3527663.82  Y 35665625.26（CGCS2000 3°带 第35带）" {
		t.Errorf("pointer in a fixed zone %q", got)
	}
	at.Status.Form.SetSelectedIndex(3) // no zone number: read in the fixed zone
	at.App.Preferences().SetInt("coord.zone.2", 35)
	if !at.Locator.GoTo("3527663.82, 665625.26") || geo.Distance(at.Map.View().Center, orb.Point(ll)) > 1 {
		t.Errorf("unprefixed easting in the fixed zone: centred at %v", at.Map.View().Center)
	}
	at.Status.Form.SetSelectedIndex(1)
	if at.Status.Zone.Visible() {
		t.Error("a zone choice for degrees-minutes-seconds")
	}
	at.Status.SetPointer(ll)
	if got := at.Status.Pos.Text; got != "31°51′36.00″N 106°45′00.00″E" {
		t.Errorf("pointer in DMS %q", got)
	}
}
