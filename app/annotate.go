package app

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/annot"
	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/planatlas/planatlas/geo/render"
)

// Dragger is a MapTool that draws while the pointer is held down; the map
// does not pan then.
type Dragger interface {
	Drag(ll [2]float64)
	DragEnd()
}

// toolSelect is the annotator's pick-and-move mode.
const toolSelect annot.Kind = "select"

// annotTools are the annotator's tools, in bar order.
var annotTools = append([]annot.Kind{toolSelect}, annot.Kinds...)

// Annotator draws annotations on the map: strokes and shapes by dragging,
// text and pins by clicking; in select mode a click picks an annotation
// and a drag moves it. Each finished mark is one undo step.
type Annotator struct {
	at     *Atlas
	Kind   annot.Kind
	Colour int // index of annot.Colours
	Width  int // index of annot.Widths

	preview *annot.Annotation // the mark being drawn or moved
	moving  bool
	last    [2]float64
}

// AnnotateTool is the annotation tool (批注): its bar above the map, the
// Annotator drawing while it is on, and the import and export of marks.
type AnnotateTool struct {
	at     *Atlas
	active *Annotator      // drawing annotations, or nil
	bar    *fyne.Container // the annotation tools above the map, shown while drawing
	kind   *widget.Select  // the bar's tool choice
}

// StartAnnotate shows the annotation bar and starts drawing with the pen.
func (ax *AnnotateTool) StartAnnotate() {
	at := ax.at
	if a, ok := at.Map.Tool.(*Annotator); ok {
		a.setKind(annot.Pen)
		return
	}
	if at.Map.Tool != nil {
		at.Map.Tool.End()
	}
	a := &Annotator{at: at, Kind: annot.Pen, Width: 1}
	at.Annotate.active = a
	at.Map.Tool = a
	at.Annotate.showAnnotBar(a)
	at.Status.Say(tr(at.Lang(), "annotHint"))
}

func (a *Annotator) setKind(k annot.Kind) {
	a.Kind = k
	if a.at.Annotate.kind != nil && a.at.Annotate.kind.SelectedIndex() != indexOf(annotTools, k) {
		a.at.Annotate.kind.SetSelectedIndex(indexOf(annotTools, k))
	}
}

func indexOf[T comparable](xs []T, x T) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func (a *Annotator) base() annot.Annotation {
	return annot.Annotation{Kind: a.Kind, Colour: annot.Colours[a.Colour], Width: annot.Widths[a.Width]}
}

// hit returns the annotation under a lon/lat, "" for none.
func (a *Annotator) hit(ll [2]float64) string {
	v := a.at.Map.View()
	p := v.Pixel(orb.Point(ll))
	s := &render.Scene{View: v, Annotations: a.at.State.Annotations()}
	return render.HitAnnotation(s, p[0], p[1], 6/float64(a.at.Map.pixScale))
}

// Tap places text or a pin, or picks an annotation in select mode.
func (a *Annotator) Tap(ll [2]float64) {
	st := a.at.State
	switch a.Kind {
	case toolSelect:
		st.SelectAnnotation(a.hit(ll))
	case annot.Text, annot.Pin:
		l := a.at.Lang()
		m := a.base()
		m.Points = []orb.Point{orb.Point(ll)}
		title := tr(l, "annotTextTitle")
		if a.Kind == annot.Pin {
			title = tr(l, "annotPinTitle")
		}
		a.askWords(title, "", func(words string) {
			m.Text = words
			if _, err := st.AddAnnotation(m); err == nil {
				a.at.Status.Say(tr(l, "annotAdded"))
			}
		})
	}
}

// askWords asks for a text's or a pin's words in a small form (Enter
// confirms) and hands them to then when confirmed.
func (a *Annotator) askWords(title, words string, then func(string)) {
	l := a.at.Lang()
	entry := widget.NewEntry()
	entry.SetText(words)
	d := dialog.NewForm(title, tr(l, "ok"), tr(l, "cancel"), []*widget.FormItem{widget.NewFormItem(tr(l, "annotWords"), entry)},
		func(ok bool) {
			// The keyboard goes back to the map (Ctrl+Z undoes the
			// annotation, not the closed box's typing).
			a.at.Win.Canvas().Unfocus()
			if ok {
				then(entry.Text)
			}
		}, a.at.Win)
	entry.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(420, 160))
	d.Show()
	a.at.Win.Canvas().Focus(entry)
}

// DoubleTap is a tap (drawing never zooms), except in select mode on text
// or a pin, whose words it opens for editing.
func (a *Annotator) DoubleTap(ll [2]float64) {
	if a.Kind == toolSelect {
		if m, ok := a.at.State.Annotation(a.hit(ll)); ok && (m.Kind == annot.Text || m.Kind == annot.Pin) {
			a.editWords(m)
			return
		}
	}
	a.Tap(ll)
}

// editWords asks for new words for a text or a pin (one undo step).
func (a *Annotator) editWords(m annot.Annotation) {
	a.askWords(tr(a.at.Lang(), "annotEditTitle"), m.Text, func(words string) {
		m.Text = words
		a.at.State.ReplaceAnnotation(m) // empty text: refused, the old words stay
	})
}

// Drag draws a stroke or a shape, or moves the picked annotation.
func (a *Annotator) Drag(ll [2]float64) {
	st := a.at.State
	switch {
	case a.Kind == toolSelect:
		if a.preview == nil {
			id := a.hit(ll)
			if id == "" {
				id = st.SelectedAnnotation()
			}
			m, ok := st.Annotation(id)
			if !ok {
				return
			}
			st.SelectAnnotation(id)
			a.preview, a.moving, a.last = &m, true, ll
			return
		}
		m := a.preview.Moved(ll[0]-a.last[0], ll[1]-a.last[1])
		a.preview, a.last = &m, ll
	case a.Kind == annot.Text || a.Kind == annot.Pin:
		return
	case a.preview == nil:
		m := a.base()
		m.ID = "drawing"
		m.Points = []orb.Point{orb.Point(ll), orb.Point(ll)}
		a.preview = &m
	case a.Kind.Points() == 2:
		a.preview.Points[1] = orb.Point(ll)
	default:
		a.preview.Points = append(a.preview.Points, orb.Point(ll))
	}
	st.SetAnnotationPreview(a.preview)
}

// DragEnd finishes the stroke, shape or move as one undo step.
func (a *Annotator) DragEnd() {
	st := a.at.State
	p := a.preview
	a.preview = nil
	st.SetAnnotationPreview(nil)
	if p == nil {
		return
	}
	if a.moving {
		a.moving = false
		st.ReplaceAnnotation(*p)
		return
	}
	p.ID = ""
	if p.Kind == annot.Pen || p.Kind == annot.Highlighter {
		p.Points = thin(a.at, p.Points)
	}
	st.AddAnnotation(*p) // too short to draw: refused, nothing changes
}

// thin drops stroke points closer than a pixel to the last kept one.
func thin(at *Atlas, pts []orb.Point) []orb.Point {
	v := at.Map.View()
	out := []orb.Point{pts[0]}
	last := v.Pixel(pts[0])
	for _, q := range pts[1:] {
		p := v.Pixel(q)
		if (p[0]-last[0])*(p[0]-last[0])+(p[1]-last[1])*(p[1]-last[1]) >= 1 {
			out, last = append(out, q), p
		}
	}
	if len(out) == 1 && len(pts) > 1 {
		out = append(out, pts[len(pts)-1])
	}
	return out
}

// End stops annotating: the bar goes, the marks stay.
func (a *Annotator) End() {
	at := a.at
	if at.Map.Tool == MapTool(a) {
		at.Map.Tool = nil
	}
	at.State.SetAnnotationPreview(nil)
	at.State.SelectAnnotation("")
	at.Annotate.active = nil
	at.Annotate.showAnnotBar(nil)
	at.Status.Say("")
}

// showAnnotBar shows the annotation bar above the map for a (nil hides it).
func (ax *AnnotateTool) showAnnotBar(a *Annotator) {
	at := ax.at
	if at.Annotate.bar == nil {
		return
	}
	at.Annotate.bar.Objects = nil
	if a == nil {
		at.Annotate.bar.Hide()
		at.Annotate.bar.Refresh()
		return
	}
	l := at.Lang()
	var names []string
	for _, k := range annotTools {
		names = append(names, tr(l, "tool_"+string(k)))
	}
	kind := widget.NewSelect(names, nil)
	kind.SetSelectedIndex(indexOf(annotTools, a.Kind))
	kind.OnChanged = func(string) {
		if i := kind.SelectedIndex(); i >= 0 {
			a.Kind = annotTools[i]
			if a.Kind != toolSelect {
				at.State.SelectAnnotation("")
			}
		}
	}
	at.Annotate.kind = kind
	var colours []fyne.CanvasObject
	for i, c := range annot.Colours {
		i := i
		sw := canvas.NewRectangle(c)
		sw.SetMinSize(fyne.NewSize(18, 18))
		sw.CornerRadius = 9
		b := widget.NewButton("", func() { a.Colour = i })
		colours = append(colours, container.NewStack(b, container.NewCenter(sw)))
	}
	widths := widget.NewSelect([]string{tr(l, "thin"), tr(l, "medium"), tr(l, "thick")}, func(string) {})
	widths.SetSelectedIndex(a.Width)
	widths.OnChanged = func(string) { a.Width = widths.SelectedIndex() }
	undo := widget.NewButton(tr(l, "undo"), func() { at.State.UndoAnnotation() })
	redo := widget.NewButton(tr(l, "redo"), func() { at.State.RedoAnnotation() })
	del := widget.NewButton(tr(l, "annotDelete"), func() { at.State.RemoveAnnotation(at.State.SelectedAnnotation()) })
	done := widget.NewButton(tr(l, "annotDone"), a.End)
	done.Importance = widget.HighImportance
	row := container.NewHBox(widget.NewLabel(tr(l, "annotations")), kind)
	row.Objects = append(row.Objects, colours...)
	row.Objects = append(row.Objects, widths, undo, redo, del, done)
	at.Annotate.bar.Objects = []fyne.CanvasObject{container.NewHScroll(row)}
	at.Annotate.bar.Show()
	at.Annotate.bar.Refresh()
}

// annotKey handles the annotation keys: Delete removes the picked one;
// Esc ends annotating (MapView.toolKey). It reports whether it used the key.
func (ax *AnnotateTool) annotKey(e *fyne.KeyEvent) bool {
	at := ax.at
	if id := at.State.SelectedAnnotation(); id != "" && (e.Name == fyne.KeyDelete || e.Name == fyne.KeyBackspace) {
		at.State.RemoveAnnotation(id)
		return true
	}
	return false
}

// ExportAnnotations writes the annotations as GeoJSON.
func (ax *AnnotateTool) ExportAnnotations(path string) error {
	at := ax.at
	b, err := json.MarshalIndent(annot.GeoJSON(at.State.Annotations()), "", " ")
	if err != nil {
		return err
	}
	return atomicfile.Write(path, func(w io.Writer) error { _, err := w.Write(b); return err })
}

// ImportAnnotations adds the annotations of a GeoJSON file to the planner's
// own and returns how many were added and how many could not be used.
func (ax *AnnotateTool) ImportAnnotations(path string) (added, skipped int, err error) {
	at := ax.at
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, err
	}
	as, skipped, err := annot.FromGeoJSON(b)
	if err != nil {
		return 0, 0, err
	}
	all := append(at.State.Annotations(), as...)
	for i := range as {
		all[len(all)-len(as)+i].ID = "" // fresh ids: a colleague's may clash
	}
	skipped += at.State.LoadAnnotations(all)
	return len(as), skipped, nil
}

// showAnnotExport and showAnnotImport pick a file for ExportAnnotations
// and ImportAnnotations and say how it went.
func (ax *AnnotateTool) showAnnotExport() {
	at := ax.at
	l := at.Lang()
	at.Dialogs.pickSave("批注.geojson", func(path string) {
		if err := at.Annotate.ExportAnnotations(path); err != nil {
			at.Dialogs.showError(fmt.Sprintf(tr(l, "exportFailed"), err))
			return
		}
		at.Status.Say(fmt.Sprintf(tr(l, "exportDone"), path))
	})
}

func (ax *AnnotateTool) showAnnotImport() {
	at := ax.at
	l := at.Lang()
	at.Dialogs.pickOpen([]string{".geojson", ".json"}, func(path string) {
		added, skipped, err := at.Annotate.ImportAnnotations(path)
		if err != nil {
			at.Dialogs.showError(fmt.Sprintf(tr(l, "annotImportFailed"), err))
			return
		}
		msg := fmt.Sprintf(tr(l, "annotImported"), added)
		if skipped > 0 {
			msg += fmt.Sprintf(tr(l, "annotSkipped"), skipped)
		}
		at.Status.Say(msg)
	})
}

// annotRows are the layer panel's rows for the annotations: shown or
// hidden, how many, import, export and clear all (asked first).
func (lp *LayerPanel) annotRows() []fyne.CanvasObject {
	at := lp.at
	st := at.State
	l := at.Lang()
	n := len(st.Annotations())
	check := widget.NewCheck(fmt.Sprintf("%s (%d)", tr(l, "annotations"), n), st.SetAnnotationsVisible)
	check.Checked = st.AnnotationsVisible()
	draw := widget.NewButton(tr(l, "annotDraw"), at.Annotate.StartAnnotate)
	imp := widget.NewButton(tr(l, "annotImport"), at.Annotate.showAnnotImport)
	exp := widget.NewButton(tr(l, "annotExport"), at.Annotate.showAnnotExport)
	clear := widget.NewButton(tr(l, "annotClear"), func() {
		dialog.ShowConfirm(tr(l, "annotClear"), fmt.Sprintf(tr(l, "annotClearAsk"), n), func(ok bool) {
			if ok {
				st.ClearAnnotations()
			}
		}, at.Win)
	})
	if n == 0 {
		exp.Disable()
		clear.Disable()
	}
	return []fyne.CanvasObject{widget.NewSeparator(), check, container.NewGridWithColumns(2, draw, imp, exp, clear)}
}
