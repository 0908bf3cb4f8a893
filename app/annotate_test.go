package app

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/planatlas/planatlas/geo/annot"
)

// drag moves the pointer over the map through lon/lat points, pressed.
func drag(at *Atlas, pts ...orb.Point) {
	var last fyne.Position
	for i, p := range pts {
		pos := posOf(at, p)
		d := fyne.Delta{}
		if i > 0 {
			d = fyne.NewDelta(pos.X-last.X, pos.Y-last.Y)
		}
		at.Map.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos}, Dragged: d})
		last = pos
	}
	at.Map.DragEnd()
}

// Drawing with the annotation tools: an arrow and a pen stroke by
// dragging (the map does not pan), undo and redo, picking and moving one,
// and Delete.
func TestAnnotateDragUndoMove(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Map.ZoomTo([2]float64{106.75, 31.86}, 100000)
	settle(t, at)
	view := at.Map.View()
	at.Annotate.StartAnnotate()
	a := at.Annotate.active
	if a == nil || at.Map.Tool == nil || !at.Annotate.bar.Visible() {
		t.Fatal("annotating did not start")
	}
	a.setKind(annot.Arrow)
	from, to := orb.Point{106.70, 31.82}, orb.Point{106.80, 31.90}
	drag(at, from, orb.Point{106.75, 31.86}, to)
	if at.Map.View().Center != view.Center {
		t.Error("the map panned while drawing")
	}
	as := at.State.Annotations()
	if len(as) != 1 || as[0].Kind != annot.Arrow {
		t.Fatalf("annotations %+v", as)
	}
	if geo.Distance(as[0].Points[0], from) > 50 || geo.Distance(as[0].Points[1], to) > 50 {
		t.Errorf("arrow from %v to %v", as[0].Points[0], as[0].Points[1])
	}
	a.setKind(annot.Pen)
	a.Colour = 1
	drag(at, orb.Point{106.72, 31.80}, orb.Point{106.73, 31.81}, orb.Point{106.75, 31.80}, orb.Point{106.77, 31.82})
	as = at.State.Annotations()
	if len(as) != 2 || as[1].Kind != annot.Pen || len(as[1].Points) < 4 || as[1].Colour != annot.Colours[1] {
		t.Fatalf("pen stroke %+v", as)
	}
	at.State.UndoAnnotation()
	if n := len(at.State.Annotations()); n != 1 {
		t.Errorf("after undo %d annotations", n)
	}
	at.State.RedoAnnotation()
	if n := len(at.State.Annotations()); n != 2 {
		t.Errorf("after redo %d annotations", n)
	}
	// Pick the arrow and move it 0.02° east.
	a.setKind(toolSelect)
	mid := orb.Point{106.75, 31.86}
	test.TapAt(at.Map, posOf(at, mid))
	id := at.State.SelectedAnnotation()
	if id != as[0].ID {
		t.Fatalf("picked %q, want the arrow %q", id, as[0].ID)
	}
	drag(at, mid, orb.Point{106.76, 31.86}, orb.Point{106.77, 31.86})
	moved, _ := at.State.Annotation(id)
	if d := moved.Points[0][0] - as[0].Points[0][0]; math.Abs(d-0.02) > 0.002 {
		t.Errorf("moved by %.4f°, want 0.02°", d)
	}
	at.State.UndoAnnotation()
	back, _ := at.State.Annotation(id)
	if back.Points[0] != as[0].Points[0] {
		t.Error("undo did not put the arrow back")
	}
	at.State.SelectAnnotation(id)
	at.typedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if _, ok := at.State.Annotation(id); ok {
		t.Error("Delete kept the selected annotation")
	}
	at.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if at.Map.Tool != nil || at.Annotate.bar.Visible() {
		t.Error("Esc did not end annotating")
	}
}

// A pin takes its words from a small form; an empty text is not added.
func TestAnnotatePin(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Annotate.StartAnnotate()
	at.Annotate.active.setKind(annot.Pin)
	test.TapAt(at.Map, posOf(at, orb.Point{106.75, 31.86}))
	top := at.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no form for the pin's words")
	}
	entry, ok := formParts(top)
	if entry == nil || ok == nil {
		t.Fatalf("form without entry or OK: %v", textsIn(top))
	}
	test.Type(entry, "会场")
	test.Tap(ok)
	as := at.State.Annotations()
	if len(as) != 1 || as[0].Kind != annot.Pin || as[0].Text != "会场" {
		t.Errorf("annotations %+v", as)
	}
}

// Annotations are saved as they are drawn and come back next time; they
// go to and come from GeoJSON; hidden, they leave the map and exports.
func TestAnnotationsSavedExportedHidden(t *testing.T) {
	a := test.NewTempApp(t)
	at := newTestAtlas(t, a)
	at.State.AddAnnotation(annot.Annotation{Kind: annot.Line, Colour: annot.Colours[0], Width: 1, Points: []orb.Point{{106.7, 31.8}, {106.8, 31.9}}})
	at.State.AddAnnotation(annot.Annotation{Kind: annot.Text, Colour: annot.Colours[4], Width: 1, Points: []orb.Point{{106.75, 31.86}}, Text: "新站"})
	if !strings.Contains(string(at.Work.file.Raw(workAnnotations)), "新站") {
		t.Error("the annotations are not saved")
	}
	if b, err := os.ReadFile(at.Work.file.path); err != nil || !strings.Contains(string(b), "新站") {
		t.Errorf("the work file does not hold the annotations: %v", err)
	}
	path := filepath.Join(t.TempDir(), "批注.geojson")
	if err := at.Annotate.ExportAnnotations(path); err != nil {
		t.Fatal(err)
	}
	at.Win.Close()
	again := newTestAtlas(t, a)
	if n := len(again.State.Annotations()); n != 2 {
		t.Fatalf("%d annotations after restart, want 2", n)
	}
	added, skipped, err := again.Annotate.ImportAnnotations(path)
	if err != nil || added != 2 || skipped != 0 || len(again.State.Annotations()) != 4 {
		t.Errorf("import: added %d, skipped %d, err %v, now %d", added, skipped, err, len(again.State.Annotations()))
	}
	sc := again.State.Scene(again.Map.View(), nil)
	if len(sc.Annotations) != 4 {
		t.Errorf("the map draws %d annotations", len(sc.Annotations))
	}
	again.State.SetAnnotationsVisible(false)
	if sc := again.State.Scene(again.Map.View(), nil); len(sc.Annotations) != 0 {
		t.Errorf("hidden annotations still drawn: %d", len(sc.Annotations))
	}
	if on := true; !again.Work.file.Get(workAnnotationsOn, &on) || on {
		t.Error("hiding is not remembered")
	}
}

// In a presentation P takes the pen and gives it back; Esc ends drawing
// before it ends the presentation.
func TestPresentationPen(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Presentation.Present()
	settle(t, at)
	pr := at.Presentation.active
	pr.key(&fyne.KeyEvent{Name: fyne.KeyP})
	if at.Annotate.active == nil || at.Map.Tool == nil {
		t.Fatal("P did not take the pen")
	}
	drag(at, orb.Point{106.7, 31.8}, orb.Point{106.75, 31.85}, orb.Point{106.8, 31.8})
	if n := len(at.State.Annotations()); n != 1 {
		t.Errorf("%d marks drawn in the presentation", n)
	}
	pr.key(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if at.Map.Tool != nil {
		t.Error("Esc did not end drawing")
	}
	if on, _ := at.State.Presenting(); !on {
		t.Error("the first Esc left the presentation")
	}
	pr.key(&fyne.KeyEvent{Name: fyne.KeyRight})
	pr.key(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if on, _ := at.State.Presenting(); on {
		t.Error("the second Esc did not leave the presentation")
	}
}

// In select mode a double-click on text opens its words for editing; the
// change is one undo step.
func TestAnnotateEditWords(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Map.ZoomTo([2]float64{106.75, 31.86}, 100000)
	settle(t, at)
	id, _ := at.State.AddAnnotation(annot.Annotation{Kind: annot.Text, Colour: annot.Colours[0], Width: 1, Points: []orb.Point{{106.75, 31.86}}, Text: "旧"})
	at.Annotate.StartAnnotate()
	at.Annotate.active.setKind(toolSelect)
	at.Map.DoubleTapped(&fyne.PointEvent{Position: posOf(at, orb.Point{106.75, 31.86})})
	top := at.Win.Canvas().Overlays().Top()
	entry, ok := formParts(top)
	if entry == nil || ok == nil || entry.Text != "旧" {
		t.Fatalf("no edit form with the words: %v", textsIn(top))
	}
	entry.SetText("新站前广场")
	test.Tap(ok)
	if a, _ := at.State.Annotation(id); a.Text != "新站前广场" {
		t.Errorf("words %q", a.Text)
	}
	at.State.UndoAnnotation()
	if a, _ := at.State.Annotation(id); a.Text != "旧" {
		t.Errorf("undo gave %q", a.Text)
	}
}

// formParts finds a small form's entry and its OK button.
func formParts(top fyne.CanvasObject) (entry *widget.Entry, ok *widget.Button) {
	for _, o := range test.LaidOutObjects(top) {
		switch w := o.(type) {
		case *widget.Entry:
			entry = w
		case *widget.Button:
			if w.Text == "确定" {
				ok = w
			}
		}
	}
	return entry, ok
}
