package app

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/proj"
	"github.com/planatlas/planatlas/geo/render"
)

// Version is the app's version, shown in the About box.
const Version = "0.1.0"

// Atlas is the app's state and wiring: the plan, what is shown, what is
// selected, and the panels that show it. Every change goes through its
// methods, which update the map and panels and remember settings.
type Atlas struct {
	App    fyne.App
	Win    fyne.Window
	Plan   *plan.Plan
	Map    *MapView
	Layers *LayerPanel
	Detail *DetailPanel
	Reader *Reader
	Search *SearchBox
	Status *StatusBar

	lang     string
	themeV   string // "light" or "dark"
	visible  map[string]bool
	stages   map[plan.Stage]bool // nil: all
	selected map[string]bool
	legend   bool
	theme    *atlasTheme

	tabs      *container.AppTabs
	presenter *Presenter

	// LastExportError is the last export failure shown to the user.
	LastExportError error
	// LastOpenError is the last failure to open an overlay shown to the
	// user, and LastOpenMessage the words the user was shown.
	LastOpenError   error
	LastOpenMessage string

	overlays   []*render.Overlay
	overlayGCJ map[string]bool
	textSize   float64 // label size factor on the map
	toolbar    *fyne.Container
	body       fyne.CanvasObject
}

// NewAtlas builds the app for plan p in app a, restoring saved settings.
func NewAtlas(a fyne.App, p *plan.Plan) *Atlas {
	at := &Atlas{App: a, Plan: p, selected: map[string]bool{}, theme: newTheme(), overlayGCJ: map[string]bool{}}
	at.loadPrefs()
	a.Settings().SetTheme(at.theme)
	at.theme.variant = at.themeV
	at.Win = a.NewWindow(at.title())

	at.Map = NewMapView(at.savedView())
	at.Map.Scene = at.scene
	at.Map.OnTap = at.Select
	at.Map.OnHover = func(id string, ll [2]float64) { at.Status.SetHover(at.nameOf(id), ll) }
	at.Map.OnViewChanged = func(v proj.View) {
		at.Status.SetScale(v.Scale)
		at.saveView(v)
	}

	at.makePanels()
	at.Win.Canvas().SetOnTypedKey(at.typedKey)
	at.Win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		for _, u := range uris {
			at.OpenOverlay(u.Path(), false, nil)
		}
	})
	at.restoreOverlays()
	w, h := a.Preferences().FloatWithFallback("win.w", 1400), a.Preferences().FloatWithFallback("win.h", 860)
	at.Win.Resize(fyne.NewSize(float32(w), float32(h)))
	at.Win.SetOnClosed(func() {
		s := at.Win.Canvas().Size()
		a.Preferences().SetFloat("win.w", float64(s.Width))
		a.Preferences().SetFloat("win.h", float64(s.Height))
	})
	return at
}

func (at *Atlas) title() string { return tr(at.lang, "app") + " · " + tr("en", "app") }

// Lang is the interface and label language ("zh" or "en").
func (at *Atlas) Lang() string { return at.lang }

// build lays out the window: toolbar, layers | map | detail/reader, status bar.
func (at *Atlas) build() {
	l := at.lang
	home := widget.NewButtonWithIcon("", theme.HomeIcon(), at.Home)
	zin := widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { at.Map.Zoom(2) })
	zout := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { at.Map.Zoom(0.5) })
	legend := widget.NewCheck(tr(l, "legend"), func(on bool) {
		at.legend = on
		at.App.Preferences().SetBool("legend", on)
		at.Map.Redraw()
	})
	legend.SetChecked(at.legend)
	export := widget.NewButtonWithIcon(tr(l, "export"), theme.DocumentSaveIcon(), at.ShowExport)
	present := widget.NewButtonWithIcon(tr(l, "present"), theme.ViewFullScreenIcon(), at.Present)
	about := widget.NewButtonWithIcon("", theme.InfoIcon(), at.ShowAbout)
	open := widget.NewButtonWithIcon(tr(l, "openLayer"), theme.FolderOpenIcon(), at.ShowOpenOverlay)
	data := widget.NewButtonWithIcon(tr(l, "exportData"), theme.DownloadIcon(), at.ShowExportData)
	themeSel := widget.NewSelect([]string{tr(l, "light"), tr(l, "dark")}, nil)
	if at.themeV == "dark" {
		themeSel.SetSelectedIndex(1)
	} else {
		themeSel.SetSelectedIndex(0)
	}
	themeSel.OnChanged = func(string) {
		v := "light"
		if themeSel.SelectedIndex() == 1 {
			v = "dark"
		}
		at.SetTheme(v)
	}
	at.toolbar = container.NewBorder(nil, nil, container.NewHBox(home, zin, zout, legend), container.NewHBox(themeSel, open, data, export, present, about), at.Search.Entry)

	at.tabs = container.NewAppTabs(
		container.NewTabItem(tr(l, "detail"), at.Detail.Object()),
		container.NewTabItem(tr(l, "reader"), at.Reader.Object()),
	)
	at.tabs.OnSelected = func(t *container.TabItem) {
		if t == at.tabs.Items[1] {
			at.Reader.Shown()
		}
	}
	right := at.tabs
	centre := container.NewStack(at.Map, at.Search.Results)
	split := container.NewHSplit(at.Layers.Object(), container.NewHSplit(centre, right))
	split.Offset = 0.17
	split.Trailing.(*container.Split).Offset = 0.72
	at.body = split
	at.Win.SetContent(container.NewBorder(at.toolbar, at.Status.Object(), nil, nil, split))
}

// makePanels creates the panels in the current language and lays them out.
func (at *Atlas) makePanels() {
	at.Layers = NewLayerPanel(at)
	at.Detail = NewDetailPanel(at)
	at.Reader = NewReader(at)
	at.Search = NewSearchBox(at)
	at.Status = NewStatusBar(at)
	at.build()
}

// Rebuild lays the window out again (after a language change).
func (at *Atlas) Rebuild() {
	at.Win.SetTitle(at.title())
	at.makePanels()
	at.showSelection()
	at.Status.SetScale(at.Map.View().Scale)
}

// scene is the render scene for view v: the map view's source of truth.
func (at *Atlas) scene(v proj.View) *render.Scene {
	th := render.ThemeLight
	if at.themeV == "dark" {
		th = render.ThemeDark
	}
	sel := map[string]bool{}
	for id := range at.selected {
		sel[id] = true
	}
	layers := map[string]bool{}
	for id, on := range at.visible {
		layers[id] = on
	}
	frame := render.Frame{Legend: at.legend, ScaleBar: true, North: true, Attribution: true}
	if at.presenter != nil {
		frame = render.Frame{ScaleBar: true, North: true} // the caption band says the rest
	}
	return &render.Scene{Plan: at.Plan, View: v, Layers: layers, Stages: at.stages, Selected: sel,
		Hover: at.Map.Hover(), Lang: at.lang, Theme: th, TextSize: at.textSize, Frame: frame,
		Overlays: append([]*render.Overlay(nil), at.overlays...)}
}

// SetLayer shows or hides a layer group.
func (at *Atlas) SetLayer(id string, on bool) {
	at.visible[id] = on
	at.savePrefs()
	at.Map.Redraw()
}

// LayerVisible reports whether a layer group is shown.
func (at *Atlas) LayerVisible(id string) bool { return at.visible[id] }

// SetStageFilter shows only plan features at stage s ("" for all).
func (at *Atlas) SetStageFilter(s plan.Stage) {
	if s == "" {
		at.stages = nil
	} else {
		at.stages = map[plan.Stage]bool{s: true}
	}
	at.savePrefs()
	at.Map.Redraw()
}

// SetLang switches interface and labels between Chinese and English.
func (at *Atlas) SetLang(l string) {
	if l != "en" {
		l = "zh"
	}
	if l == at.lang {
		return
	}
	at.lang = l
	at.savePrefs()
	at.Rebuild()
	at.Map.Redraw()
}

// SetTheme switches between the light and dark themes.
func (at *Atlas) SetTheme(v string) {
	if v != "dark" {
		v = "light"
	}
	at.themeV = v
	at.theme.variant = v
	at.App.Settings().SetTheme(at.theme)
	at.savePrefs()
	at.Map.Redraw()
}

// Select selects one feature ("" clears the selection), shows it in the
// detail panel and scrolls the reader to its sentence.
func (at *Atlas) Select(id string) {
	at.selected = map[string]bool{}
	if id != "" {
		at.selected[id] = true
	}
	at.showSelection()
	at.Map.Redraw()
	if id != "" && at.tabs != nil {
		at.tabs.SelectIndex(0)
	}
}

// SelectMany selects several features (those of a clause) and frames them.
func (at *Atlas) SelectMany(ids []string) {
	at.selected = map[string]bool{}
	for _, id := range ids {
		at.selected[id] = true
	}
	at.showSelection()
	at.Frame(ids)
}

// Selected returns the selected ids, sorted.
func (at *Atlas) Selected() []string {
	var ids []string
	for id := range at.selected {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func (at *Atlas) showSelection() {
	ids := at.Selected()
	if len(ids) == 1 {
		if o, i, ok := at.overlayOf(ids[0]); ok {
			at.Detail.ShowOverlayFeature(o, i)
			return
		}
		if f, ok := at.Plan.Feature(ids[0]); ok {
			at.Detail.Show(f)
			if len(f.Quotes) > 0 {
				at.Reader.ScrollTo(f.Quotes[0].Ref)
			}
			return
		}
	}
	at.Detail.Show(nil)
}

// Frame moves the map to show the features whole.
func (at *Atlas) Frame(ids []string) {
	s := at.scene(at.Map.View())
	b, ok := render.FeaturesBound(s, ids)
	if !ok {
		at.Map.Redraw()
		return
	}
	// Small or point-like: keep a readable scale.
	if b.Max[0]-b.Min[0] < 0.05 && b.Max[1]-b.Min[1] < 0.05 {
		b = b.Pad(0.12)
	}
	w, h, dpi := at.Map.Extent()
	nv := proj.Fit(b, w, h, dpi, float64(w)/10)
	if nv.Scale < 60_000 {
		nv.Scale = 60_000
	}
	at.Map.SetView(nv)
	at.saveView(at.Map.View())
}

// Home shows the whole city.
func (at *Atlas) Home() {
	w, h, dpi := at.Map.Extent()
	at.Map.SetView(proj.Fit(render.CityBound(at.Plan), w, h, dpi, float64(w)/14))
	at.saveView(at.Map.View())
	at.Status.SetScale(at.Map.View().Scale)
}

func (at *Atlas) typedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyPlus, fyne.KeyEqual:
		at.Map.Zoom(2)
	case fyne.KeyMinus:
		at.Map.Zoom(0.5)
	case fyne.KeyHome:
		at.Home()
	case fyne.KeyF5:
		at.Present()
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

func (at *Atlas) nameOf(id string) string {
	if o, i, ok := at.overlayOf(id); ok {
		if v := o.Layer.Features[i].Props[o.LabelField]; o.LabelField != "" && v != nil {
			return fmt.Sprint(v) + " · " + o.Name
		}
		return fmt.Sprintf("%s #%d", o.Name, i+1)
	}
	if f, ok := at.Plan.Feature(id); ok {
		return f.Name(at.lang)
	}
	return ""
}

// ShowAbout shows version, data sources and licences.
func (at *Atlas) ShowAbout() {
	var b strings.Builder
	fmt.Fprintf(&b, tr(at.lang, "aboutText"), Version)
	b.WriteString("\n")
	for _, a := range aboutAttributions(at.lang) {
		b.WriteString("• " + a + "\n")
	}
	l := widget.NewLabel(b.String())
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(tr(at.lang, "about"), "OK", container.NewVScroll(l), at.Win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
}

// savedView returns the remembered view, or the whole city.
func (at *Atlas) savedView() proj.View {
	p := at.App.Preferences()
	b := render.CityBound(at.Plan)
	c := b.Center()
	lon := p.FloatWithFallback("view.lon", c[0])
	lat := p.FloatWithFallback("view.lat", c[1])
	scale := p.FloatWithFallback("view.scale", 0)
	if scale <= 0 {
		v := proj.Fit(b, 1000, 700, 96, 60)
		return v
	}
	return proj.View{Center: orb.Point{lon, lat}, Scale: scale, Width: 1000, Height: 700, DPI: 96}
}

func (at *Atlas) saveView(v proj.View) {
	p := at.App.Preferences()
	p.SetFloat("view.lon", v.Center[0])
	p.SetFloat("view.lat", v.Center[1])
	p.SetFloat("view.scale", v.Scale)
}

func (at *Atlas) loadPrefs() {
	p := at.App.Preferences()
	at.lang = p.StringWithFallback("lang", "zh")
	at.themeV = p.StringWithFallback("theme", "light")
	at.legend = p.BoolWithFallback("legend", true)
	at.visible = map[string]bool{}
	saved := p.StringWithFallback("layers", "")
	for _, g := range plan.Groups {
		at.visible[g.ID] = saved == "" || strings.Contains(","+saved+",", ","+g.ID+",")
	}
	if s := plan.Stage(p.StringWithFallback("stage", "")); s.Valid() {
		at.stages = map[plan.Stage]bool{s: true}
	}
}

func (at *Atlas) savePrefs() {
	p := at.App.Preferences()
	p.SetString("lang", at.lang)
	p.SetString("theme", at.themeV)
	var on []string
	for _, g := range plan.Groups {
		if at.visible[g.ID] {
			on = append(on, g.ID)
		}
	}
	if len(on) == 0 {
		on = []string{"none"}
	}
	p.SetString("layers", strings.Join(on, ","))
	stage := ""
	for s := range at.stages {
		stage = string(s)
	}
	p.SetString("stage", stage)
}
