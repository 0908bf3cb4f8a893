package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/render"
)

// LayerPanel lists the layer groups with a swatch, a check box and the
// number of features, and a filter by stage.
type LayerPanel struct {
	at     *Atlas
	Checks map[plan.GroupID]*widget.Check
	Stage  *widget.Select
	// Timeline shows the plan's progress on a date.
	Timeline *Timeline
	obj      fyne.CanvasObject
	box      *fyne.Container
	fixed    []fyne.CanvasObject // the plan's groups and the stage filter

	annotCount  int    // annotations the rows were built for
	basemapSig  string // the base maps the rows were built for (basemapIDs)
	basemapNote string // tiles missing offline, said under the base maps
}

// groupSwatch is the colour that stands for a group in the panel: that of
// the kind the plan names for it (or of most of its features) on the map.
func groupSwatch(p *plan.Plan, id plan.GroupID) color.Color {
	return render.KindColour(render.ThemeLight, p, p.SwatchKind(id))
}

// NewLayerPanel builds the panel for the atlas's plan.
func NewLayerPanel(at *Atlas) *LayerPanel {
	lp := &LayerPanel{at: at, Checks: map[plan.GroupID]*widget.Check{}}
	l := at.Lang()
	rows := []fyne.CanvasObject{widget.NewLabelWithStyle(tr(l, "layers"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	for _, g := range at.Plan.Groups() {
		n := 0
		if layer, ok := at.Plan.Layer(g.ID); ok {
			n = len(layer.Features)
		}
		check := widget.NewCheck(fmt.Sprintf("%s (%d)", g.Name(l), n), func(on bool) { at.State.SetLayer(g.ID, on) })
		check.Checked = at.State.LayerVisible(g.ID)
		lp.Checks[g.ID] = check
		sw := canvas.NewRectangle(groupSwatch(at.Plan, g.ID))
		sw.SetMinSize(fyne.NewSize(14, 14))
		sw.CornerRadius = 3
		rows = append(rows, container.NewBorder(nil, nil, container.NewCenter(sw), nil, check))
	}
	options := []string{tr(l, "allStages")}
	for _, s := range plan.Stages {
		options = append(options, s.Name(l))
	}
	lp.Stage = widget.NewSelect(options, nil)
	lp.showStage()
	lp.Stage.OnChanged = func(string) {
		i := lp.Stage.SelectedIndex()
		if i <= 0 {
			at.State.SetStage("")
		} else {
			at.State.SetStage(plan.Stages[i-1])
		}
	}
	rows = append(rows, widget.NewSeparator(), widget.NewLabelWithStyle(tr(l, "stages"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), lp.Stage)
	lp.Timeline = NewTimeline(at)
	rows = append(rows, lp.Timeline.Object())
	lp.fixed = rows
	lp.box = container.NewVBox()
	lp.obj = container.NewVScroll(lp.box)
	lp.Refresh()
	return lp
}

// showStage sets the stage filter's choice from the state.
func (lp *LayerPanel) showStage() {
	i := 0
	for k, s := range plan.Stages {
		if lp.at.State.Stage() == s {
			i = k + 1
		}
	}
	if lp.Stage.SelectedIndex() != i {
		f := lp.Stage.OnChanged
		lp.Stage.OnChanged = nil // showing the state is not a change of it
		lp.Stage.SetSelectedIndex(i)
		lp.Stage.OnChanged = f
	}
}

// changed follows the state: the groups' checks, the stage filter, and
// the overlay rows.
func (lp *LayerPanel) changed(c Change) {
	if c&(ChangeLayers|ChangePresent) != 0 {
		for id, ch := range lp.Checks {
			if on := lp.at.State.LayerVisible(id); ch.Checked != on {
				ch.Checked = on // set quietly: OnChanged would change the state back
				ch.Refresh()
			}
		}
	}
	if c&ChangeStages != 0 {
		lp.showStage()
	}
	if c&ChangeOverlays != 0 || (c&ChangeAnnotations != 0 && lp.annotCount != len(lp.at.State.Annotations())) ||
		(c&ChangeBasemaps != 0 && lp.basemapSig != basemapIDs(lp.at.State)) {
		lp.Refresh()
	}
}

// Refresh rebuilds the overlay rows (after opening, removing or reordering).
func (lp *LayerPanel) Refresh() {
	lp.annotCount = len(lp.at.State.Annotations())
	lp.basemapSig = basemapIDs(lp.at.State)
	rows := append(append(append([]fyne.CanvasObject(nil), lp.fixed...), lp.annotRows()...), lp.overlayRows()...)
	rows = append(rows, lp.basemapRows()...)
	lp.box.Objects = rows
	lp.box.Refresh()
}

// Object is the panel's canvas object.
func (lp *LayerPanel) Object() fyne.CanvasObject { return lp.obj }
