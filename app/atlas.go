package app

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/guard"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/geo/proj"
	"github.com/planatlas/planatlas/geo/render"
)

// Atlas wires the app together: the state model, the map view, the
// panels, the presenter, the overlay manager and the preferences. It holds
// no state of its own beyond the widgets: what is shown and selected is in
// State, and the widgets follow it by subscription.
type Atlas struct {
	App   fyne.App
	Win   fyne.Window
	Plan  *plan.Plan
	Meta  Metadata
	State *State
	// PlanPath is the package the plan was opened from, "" for the
	// built-in plan; keys names the preferences that are the plan's own.
	PlanPath string
	keys     planKeys
	Plans    *Plans
	// workRoot is the folder the work of every plan is kept under.
	workRoot string
	// closing is set when the window closes for another plan's: its
	// settings are not saved over the new window's.
	closing bool

	Map      *MapView
	Layers   *LayerPanel
	Detail   *DetailPanel
	Reader   *Reader
	Search   *SearchBox
	Status   *StatusBar
	Progress *ProgressTable
	Overlays *OverlayManager
	Basemaps *BasemapManager
	Locator  *Locator
	Measure  *MeasureTool
	Annotate *AnnotateTool
	Editor   *Editor
	// The app's other tools and services, each with its own state.
	OwnScenes    *SceneManager
	Exporter     *Exporter
	Context      *ContextMenu
	Presentation *Presentation
	Work         *Work
	Menu         *Menus
	Dialogs      *Dialogs

	theme   *atlasTheme
	tabs    *container.AppTabs
	toolbar *fyne.Container
	body    fyne.CanvasObject
	// narrowRight is the right panel's edge the planner had before the
	// progress table widened it (0 while the table is not shown).
	narrowRight float64
	panelSubs   []func() // the panels' subscriptions, ended when they are rebuilt
	panelLang   string   // the language the panels were built in

	legendCheck *widget.Check  // the toolbar's legend switch
	themeSelect *widget.Select // the toolbar's theme choice

	// do runs a function on the UI goroutine: fyne.Do, or in tests a
	// queue that the test drains.
	do func(func())
	// jobs counts background work (reads, exports) not yet finished.
	jobs atomic.Int64
}

// NewAtlas builds the app for plan p in app a, restoring saved settings,
// with a map view that keeps its own render cache.
func NewAtlas(a fyne.App, p *plan.Plan) *Atlas {
	return newAtlas(a, p, "", render.NewCache(0), fyne.Do, workDir(a))
}

// workDir is where the app keeps the planner's work: its storage folder.
func workDir(a fyne.App) string { return a.Storage().RootURI().Path() }

// newAtlas builds the app for plan p opened from path ("" for the
// built-in plan), drawing with cache c (which Run warms while the window
// opens), running UI work posted from other goroutines with do, and
// keeping the planner's work in folder dir: the built-in plan's in dir
// itself, another plan's in dir/plans/<its id>.
func newAtlas(a fyne.App, p *plan.Plan, path string, c *render.Cache, do func(func()), dir string) *Atlas {
	// The planner's own copy of the built-in plan is that plan, edited: its
	// work and settings are the built-in plan's.
	own := isOwnCopy(dir, path, p)
	keys := keysFor(p, path)
	if own {
		keys = keysFor(p, "")
	}
	at := &Atlas{App: a, Plan: p, PlanPath: path, keys: keys, Meta: appMetadata(a), State: NewState(p), theme: newTheme(), do: do, workRoot: dir}
	at.Plans = newPlans(at)
	at.Dialogs = &Dialogs{at: at}
	at.Work = &Work{at: at}
	at.Menu = &Menus{at: at}
	at.Context = &ContextMenu{at: at}
	at.Exporter = &Exporter{at: at}
	at.OwnScenes = &SceneManager{at: at}
	at.Presentation = &Presentation{at: at}
	if path != "" && !own {
		dir = filepath.Join(dir, "plans", planID(p, path))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fmt.Fprintf(os.Stderr, "planatlas: cannot make %s: %v\n", dir, err)
		}
	}
	at.Work.file, at.Work.load = openWorkFile(dir)
	at.Work.shared = at.Work.file
	if path != "" && !own {
		at.Work.shared, _ = openWorkFile(at.workRoot) // the built-in plan's: what is the planner's
	}
	if path == "" || own { // what older versions kept in the preferences was the built-in plan's
		if err := migrateWork(a.Preferences(), at.Work.file); err != nil {
			fmt.Fprintf(os.Stderr, "planatlas: the work kept in the preferences could not be moved to %s: %v\n", at.Work.file.path, err)
		}
	}
	loadPrefs(a.Preferences(), at.keys, at.Work.file, at.State)
	useFyneLanguage(at.State.Lang())
	at.theme.variant = at.State.Theme()
	a.Settings().SetTheme(at.theme)
	at.Win = a.NewWindow(at.title())

	at.Map = NewMapView(savedView(a.Preferences(), at.keys, p), c)
	at.Map.Do = do
	at.Map.Scene = func(v proj.View) *render.Scene { return at.State.Scene(v, at.Map.Cache()) }
	at.Map.OnTap = at.mapTapped
	at.Map.OnSecondaryTap = at.Context.contextMenu
	at.Map.OnRendered = func(res *render.Result) {
		if at.Layers != nil && len(at.State.Basemaps()) > 0 {
			at.Layers.showBasemapStats(res.Basemap)
		}
	}
	at.Map.OnHover = func(id string, ll [2]float64) {
		at.State.SetHover(id)
		at.Status.SetPointer(ll)
	}
	// The first run has no remembered view: the whole city, clear of the
	// legend, once the map knows its size.
	homeOnSize := a.Preferences().FloatWithFallback(at.keys.of("view.scale"), 0) <= 0
	at.Map.OnViewChanged = func(v proj.View) {
		if homeOnSize && v.Width > 0 && v.Height > 0 {
			homeOnSize = false
			at.Home()
			return
		}
		at.State.SetView(v)
	}
	at.State.SetView(at.Map.View())
	at.Locator = &Locator{at: at}
	at.Measure = &MeasureTool{at: at}
	at.Annotate = &AnnotateTool{at: at}
	at.Editor = &Editor{at: at}
	at.Overlays = newOverlayManager(at)
	at.Basemaps = newBasemapManager(at)

	at.State.Subscribe(at.changed)
	at.State.Subscribe(func(c Change) {
		if err := savePrefs(a.Preferences(), at.keys, at.Work.file, at.State, c); err != nil {
			at.Work.workSaveFailed(err)
		}
	})
	at.makePanels()
	at.Win.Canvas().SetOnTypedKey(at.typedKey)
	at.Win.SetOnDropped(at.dropped)
	at.Overlays.restore()
	at.Basemaps.restore()
	w, h := a.Preferences().FloatWithFallback("win.w", 1400), a.Preferences().FloatWithFallback("win.h", 860)
	at.Win.Resize(fyne.NewSize(float32(w), float32(h)))
	at.Win.SetOnClosed(func() {
		if at.closing {
			return // another plan's window took its place
		}
		s := at.Win.Canvas().Size()
		a.Preferences().SetFloat("win.w", float64(s.Width))
		a.Preferences().SetFloat("win.h", float64(s.Height))
		at.saveSplits()
	})
	return at
}

// dropped opens files dropped on the window: a plan package as the plan
// the window shows, imagery as a base map under the plan, anything else
// (a GeoPackage that is no plan too) as a layer.
func (at *Atlas) dropped(_ fyne.Position, uris []fyne.URI) {
	for _, u := range uris {
		switch strings.ToLower(filepath.Ext(u.Path())) {
		case ".gpkg":
			if planpkg.IsPlan(u.Path()) {
				at.Plans.Open(u.Path())
				return
			}
			at.Overlays.Open(u.Path(), ReadChoice{}, nil)
		case ".mbtiles", ".tif", ".tiff", ".jpg", ".jpeg", ".png":
			at.Basemaps.openAsking(u.Path(), 0)
		default:
			at.Overlays.Open(u.Path(), ReadChoice{}, nil)
		}
	}
}

// changed follows the state with the map, the theme and the layout.
// A control that changed the state (a layer's check, the theme or stage
// drop-down) gives the keyboard back to the map: presentation and map keys
// work whatever the planner touched last. Text boxes keep it.
func (at *Atlas) changed(c Change) {
	if f := at.Win.Canvas().Focused(); f != nil {
		if _, typing := f.(*searchEntry); !typing {
			at.Win.Canvas().Unfocus()
		}
	}
	if c&ChangeTheme != 0 {
		at.theme.variant = at.State.Theme()
		at.App.Settings().SetTheme(at.theme)
	}
	if c&ChangeLang != 0 {
		useFyneLanguage(at.State.Lang())
	}
	if c&ChangeLang != 0 && at.Presentation.active == nil {
		at.Rebuild()
	} else if c&(ChangeLegend|ChangeTheme) != 0 && at.Presentation.active == nil {
		at.showToolbarState()
	}
	if c&ChangeScene != 0 {
		at.Map.Redraw()
	}
}

// showToolbarState sets the toolbar's legend switch and theme choice and
// the menu's ticks from the state (a menu item or shortcut changed it).
func (at *Atlas) showToolbarState() {
	if at.legendCheck != nil && at.legendCheck.Checked != at.State.Legend() {
		at.legendCheck.Checked = at.State.Legend() // quietly: OnChanged would set the state again
		at.legendCheck.Refresh()
	}
	if at.themeSelect != nil {
		i := 0
		if at.State.Theme() == "dark" {
			i = 1
		}
		if at.themeSelect.SelectedIndex() != i {
			f := at.themeSelect.OnChanged
			at.themeSelect.OnChanged = nil
			at.themeSelect.SetSelectedIndex(i)
			at.themeSelect.OnChanged = f
		}
	}
	at.Win.SetMainMenu(at.Menu.mainMenu())
}

func (at *Atlas) title() string {
	return at.Plan.Info.Short(at.State.Lang()) + " — " + tr(at.State.Lang(), "app") + " · " + tr("en", "app")
}

// Lang is the interface and label language ("zh" or "en").
func (at *Atlas) Lang() string { return at.State.Lang() }

// build lays out the window: toolbar, layers | map | detail/reader, status bar.
func (at *Atlas) build() {
	l := at.Lang()
	st := at.State
	home := at.Dialogs.newTipButton(tr(l, "home"), theme.HomeIcon(), at.Home)
	zin := at.Dialogs.newTipButton(tr(l, "zoomIn"), theme.ZoomInIcon(), func() { at.Map.Zoom(2) })
	zout := at.Dialogs.newTipButton(tr(l, "zoomOut"), theme.ZoomOutIcon(), func() { at.Map.Zoom(0.5) })
	legend := widget.NewCheck(tr(l, "legend"), st.SetLegend)
	legend.SetChecked(st.Legend())
	at.legendCheck = legend
	export := widget.NewButtonWithIcon(tr(l, "export"), theme.DocumentSaveIcon(), at.Exporter.ShowExport)
	present := widget.NewButtonWithIcon(tr(l, "present"), theme.ViewFullScreenIcon(), at.Presentation.Present)
	about := at.Dialogs.newTipButton(tr(l, "about"), theme.InfoIcon(), at.Dialogs.ShowAbout)
	open := widget.NewButtonWithIcon(tr(l, "openLayer"), theme.FolderOpenIcon(), at.Overlays.ShowOpen)
	data := widget.NewButtonWithIcon(tr(l, "exportData"), theme.DownloadIcon(), at.Exporter.ShowExportData)
	themeSel := widget.NewSelect([]string{tr(l, "light"), tr(l, "dark")}, nil)
	if st.Theme() == "dark" {
		themeSel.SetSelectedIndex(1)
	} else {
		themeSel.SetSelectedIndex(0)
	}
	at.themeSelect = themeSel
	themeSel.OnChanged = func(string) {
		if themeSel.SelectedIndex() == 1 {
			st.SetTheme("dark")
		} else {
			st.SetTheme("light")
		}
	}
	measureBtn := widget.NewButton(tr(l, "measure"), at.Measure.StartMeasure)
	annotBtn := widget.NewButton(tr(l, "annotations"), at.Annotate.StartAnnotate)
	gotoBtn := widget.NewButton(tr(l, "goToShort"), at.Locator.ShowGoTo)
	at.toolbar = container.NewBorder(nil, nil, container.NewHBox(home, zin, zout, legend, measureBtn, annotBtn, gotoBtn), container.NewHBox(themeSel, open, data, export, present, about), at.Search.Entry)

	at.tabs = container.NewAppTabs(
		container.NewTabItem(tr(l, "detail"), at.Detail.Object()),
		container.NewTabItem(tr(l, "reader"), at.Reader.Object()),
		container.NewTabItem(tr(l, "progressTab"), at.Progress.Object()),
	)
	at.tabs.OnSelected = func(t *container.TabItem) {
		if t == at.tabs.Items[1] {
			at.Reader.Shown()
		}
		at.fitProgressTable(t == at.tabs.Items[2])
	}
	at.Annotate.bar = container.NewStack()
	at.Annotate.bar.Hide()
	centre := container.NewBorder(at.Annotate.bar, nil, nil, nil, container.NewStack(at.Map, at.Search.Results))
	// The working map names its plan: the short title heads the layer panel.
	planName := widget.NewLabelWithStyle(at.Plan.Info.Short(l), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	planName.Wrapping = fyne.TextWrapWord
	left := container.NewBorder(planName, nil, nil, nil, at.Layers.Object())
	split := container.NewHSplit(left, container.NewHSplit(centre, at.tabs))
	p := at.App.Preferences()
	split.Offset = p.FloatWithFallback("split.left", 0.17)
	split.Trailing.(*container.Split).Offset = p.FloatWithFallback("split.right", 0.72)
	at.body = split
	at.Win.SetContent(container.NewBorder(at.toolbar, at.Status.Object(), nil, nil, split))
	at.Win.SetMainMenu(at.Menu.mainMenu())
}

// saveSplits remembers where the planner dragged the panels' edges.
func (at *Atlas) saveSplits() {
	if split, ok := at.body.(*container.Split); ok && at.Presentation.active == nil {
		p := at.App.Preferences()
		p.SetFloat("split.left", split.Offset)
		right := split.Trailing.(*container.Split).Offset
		if at.narrowRight != 0 {
			right = at.narrowRight // not the progress table's width
		}
		p.SetFloat("split.right", right)
	}
}

// progressTableEdge is the right panel's edge while the progress table
// shows: its eight columns need about half the width beside the layers.
const progressTableEdge = 0.42

// fitProgressTable widens the right panel while the progress table is
// shown (names and stages were cut to a few characters in the narrow
// panel) and gives the map its width back after.
func (at *Atlas) fitProgressTable(shown bool) {
	split, ok := at.body.(*container.Split)
	if !ok {
		return
	}
	inner := split.Trailing.(*container.Split)
	switch {
	case shown && at.narrowRight == 0 && inner.Offset > progressTableEdge:
		at.narrowRight = inner.Offset
		inner.SetOffset(progressTableEdge)
	case !shown && at.narrowRight != 0:
		inner.SetOffset(at.narrowRight)
		at.narrowRight = 0
	}
}

// makePanels creates the panels in the current language and lays them
// out, ending the subscriptions of the panels they replace.
func (at *Atlas) makePanels() {
	if at.body != nil {
		at.saveSplits() // the new layout keeps the old one's edges
		at.narrowRight = 0
	}
	for _, cancel := range at.panelSubs {
		cancel()
	}
	at.panelSubs = nil
	at.panelLang = at.Lang()
	if at.Layers != nil && at.Layers.Timeline != nil {
		at.Layers.Timeline.Stop() // a playing timeline belongs to the panel being replaced
	}
	at.Layers = NewLayerPanel(at)
	at.Detail = NewDetailPanel(at)
	at.Reader = NewReader(at)
	at.Search = NewSearchBox(at)
	at.Status = NewStatusBar(at)
	at.Progress = NewProgressTable(at)
	at.panelSubs = append(at.panelSubs,
		at.State.Subscribe(at.Progress.changed),
		at.State.Subscribe(at.Layers.changed),
		at.State.Subscribe(at.Detail.changed),
		at.State.Subscribe(at.Reader.changed),
		at.State.Subscribe(at.Status.changed))
	at.build()
}

// layout lays the window out with the panels, building them anew if the
// language changed since they were built (while presenting, say).
func (at *Atlas) layout() {
	if at.panelLang != at.Lang() {
		at.Rebuild()
		return
	}
	at.build()
}

// Rebuild lays the window out again (after a language change).
func (at *Atlas) Rebuild() {
	at.Win.SetTitle(at.title())
	at.makePanels()
	at.Detail.changed(ChangeSelection)
}

// mapTapped selects what was tapped on the map and closes the search
// results, which cover the map.
func (at *Atlas) mapTapped(id string) {
	at.Win.Canvas().Unfocus() // keys go to the map
	at.Search.Close()
	at.Select(id)
}

// Select selects one feature ("" clears the selection) and shows its
// details.
func (at *Atlas) Select(id string) {
	if id == "" {
		at.State.Select()
	} else {
		at.State.Select(id)
	}
	if id != "" && at.tabs != nil {
		at.tabs.SelectIndex(0)
	}
}

// SelectMany selects several features (those of a clause) and frames them.
func (at *Atlas) SelectMany(ids []string) {
	at.State.Select(ids...)
	at.Frame(ids)
}

// ShowClause selects and frames every plan feature (but the base map's)
// that clause num cites.
func (at *Atlas) ShowClause(num string) {
	var ids []string
	for _, f := range at.Plan.Citing(num) {
		if f.Layer != plan.GroupBase {
			ids = append(ids, f.ID)
		}
	}
	at.SelectMany(ids)
}

// ShowInReader opens the decision text at a block (clause numeral, "P"+part…).
func (at *Atlas) ShowInReader(ref string) {
	at.Reader.ScrollTo(ref)
	at.tabs.SelectIndex(1)
	at.Reader.Shown()
}

// Frame moves the map to show the features whole.
func (at *Atlas) Frame(ids []string) {
	b, ok := render.FeaturesBound(at.State.Scene(at.Map.View(), at.Map.Cache()), ids)
	if !ok {
		return
	}
	at.FrameBound(b)
}

// FrameOverlay moves the map to show an open overlay whole.
func (at *Atlas) FrameOverlay(id string) {
	if o, ok := at.State.Overlay(id); ok && len(o.Layer.Features) > 0 {
		at.FrameBound(o.Layer.Bound())
	}
}

// FrameBound moves the map to show a lon/lat bound whole.
func (at *Atlas) FrameBound(b orb.Bound) {
	// Small or point-like: keep a readable scale.
	if b.Max[0]-b.Min[0] < 0.05 && b.Max[1]-b.Min[1] < 0.05 {
		b = b.Pad(0.12)
	}
	w, h, dpi := at.Map.Extent()
	// Clear of the legend and the map's furniture, like Home.
	nv := render.FitView(b, w, h, dpi, at.State.Scene(at.Map.View(), nil).Frame)
	if nv.Scale < 60_000 {
		nv.Scale = 60_000
	}
	at.Map.SetView(nv)
}

// Home shows the whole city, clear of the legend, scale bar and north
// arrow drawn on the map.
func (at *Atlas) Home() {
	w, h, dpi := at.Map.Extent()
	frame := at.State.Scene(at.Map.View(), nil).Frame
	at.Map.SetView(render.FitView(render.CityBound(at.Plan), w, h, dpi, frame))
}

func (at *Atlas) typedKey(e *fyne.KeyEvent) {
	if at.Map.toolKey(e) || at.Annotate.annotKey(e) {
		return
	}
	switch e.Name {
	case fyne.KeyPlus, fyne.KeyEqual:
		at.Map.Zoom(2)
	case fyne.KeyMinus:
		at.Map.Zoom(0.5)
	case fyne.KeyHome:
		at.Home()
	case fyne.KeyF5:
		at.Presentation.Present()
	case fyne.KeyLeft:
		at.Map.Pan(120, 0)
	case fyne.KeyRight:
		at.Map.Pan(-120, 0)
	case fyne.KeyUp:
		at.Map.Pan(0, 120)
	case fyne.KeyDown:
		at.Map.Pan(0, -120)
	}
}

// background runs work off the UI goroutine and then done on it; tests
// wait for the count of such work to reach zero. The work reads planners'
// files and servers' answers: a fault in it (or in done, which sees what
// it left) is told to the planner and written to the log, never raised.
func (at *Atlas) background(work func(), done func()) {
	at.jobs.Add(1)
	go func() {
		werr := guard.Run(work)
		at.do(func() {
			defer at.jobs.Add(-1)
			derr := guard.Run(done)
			if err := cmp.Or(werr, derr); err != nil {
				at.internalFault(err)
			}
		})
	}()
}

// internalFault tells the planner that an operation failed on a fault in
// Plan Atlas itself (the app goes on), and writes the stack to the log.
func (at *Atlas) internalFault(err error) {
	var pe *guard.PanicError
	if errors.As(err, &pe) {
		fmt.Fprintf(os.Stderr, "planatlas: %v\n%s\n", pe, pe.Stack)
	}
	at.Dialogs.showError(fmt.Sprintf(tr(at.Lang(), "internalFault"), err))
}
