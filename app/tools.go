package app

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/planatlas/planatlas/geo/annot"
	"github.com/planatlas/planatlas/geo/coord"
	"github.com/planatlas/planatlas/geo/layer"
	"github.com/planatlas/planatlas/geo/measure"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/render"
)

// MapTool receives the map's clicks while it is active: a left click adds
// (Tap), a double click adds and finishes (DoubleTap), a right click or
// Esc finishes (End).
type MapTool interface {
	Tap(ll [2]float64)
	DoubleTap(ll [2]float64)
	End()
}

// Sketch overlays (a measurement, a located point) are made by the app,
// not read from a file: their ids start with sketchPrefix, and they are
// not remembered between runs.
const sketchPrefix = "planatlas:"

// coordForms are the coordinate forms of the status bar, in menu order.
var coordForms = []struct {
	key string
	o   coord.Options
}{
	{"cf_dd", coord.Options{Form: coord.Degrees}},
	{"cf_dms", coord.Options{Form: coord.DMS}},
	{"cf_gk3p", coord.Options{Form: coord.GK3, Prefix: true}},
	{"cf_gk3", coord.Options{Form: coord.GK3}},
	{"cf_gk6p", coord.Options{Form: coord.GK6, Prefix: true}},
	{"cf_gk6", coord.Options{Form: coord.GK6}},
}

// Locator is the coordinate tool: the form coordinates are written and
// read in (with a fixed Gauss–Krüger zone), and 定位, which reads a typed
// coordinate, marks it and frames it.
type Locator struct{ at *Atlas }

// coordForm returns the planner's chosen coordinate form (an index of
// coordForms), remembered in the preferences.
func (lx *Locator) coordForm() int {
	at := lx.at
	i := at.App.Preferences().IntWithFallback("coord.form", 0)
	if i < 0 || i >= len(coordForms) {
		return 0
	}
	return i
}

// setCoordForm chooses the coordinate form.
func (lx *Locator) setCoordForm(i int) {
	at := lx.at
	if i >= 0 && i < len(coordForms) {
		at.App.Preferences().SetInt("coord.form", i)
	}
}

// zoneChoices are the zones a planner can fix for grid coordinates of form
// (0: the zone each point lies in): those over the plan's area and one
// beyond it on each side.
func zoneChoices(p *plan.Plan, form coord.Form) []int {
	if form != coord.GK3 && form != coord.GK6 {
		return nil
	}
	b := p.Bound()
	zone := func(lon float64) int {
		if form == coord.GK6 {
			return int(math.Floor(lon/6)) + 1
		}
		return int(math.Floor(lon/3 + 0.5))
	}
	lo, hi := zone(b.Min[0]), zone(b.Max[0])
	out := []int{0}
	for z := lo - 1; z <= hi+1; z++ {
		out = append(out, z)
	}
	return out
}

// fixedZone is the zone the planner fixed for the chosen grid form, 0 for none.
func (lx *Locator) fixedZone() int {
	at := lx.at
	o := coordForms[at.Locator.coordForm()].o
	z := at.App.Preferences().IntWithFallback(fmt.Sprintf("coord.zone.%d", o.Form), 0)
	for _, c := range zoneChoices(at.Plan, o.Form) {
		if c == z {
			return z
		}
	}
	return 0
}

// coordOptions are the chosen form's options, with the fixed zone.
func (lx *Locator) coordOptions() coord.Options {
	at := lx.at
	o := coordForms[at.Locator.coordForm()].o
	o.Zone = at.Locator.fixedZone()
	return o
}

// formatCoord writes ll in the chosen form; in degrees it writes
// "latitude, longitude", which map sites and the go-to box take back.
func (lx *Locator) formatCoord(ll [2]float64) string {
	at := lx.at
	o := at.Locator.coordOptions()
	if o.Form == coord.Degrees {
		return formatLonLat(ll)
	}
	return coord.Format(orb.Point(ll), o, at.Lang())
}

// zoneReading is where an easting without its zone number lands if read
// in one zone.
type zoneReading struct {
	Zone int
	At   orb.Point
}

// parseCoord reads what the planner typed or pasted. An easting without
// its zone number (in the chosen zoning: 3° unless 6° is chosen) is read
// in the zone the planner fixed, or in the one zone the plan's area lies
// in; where the area crosses two zones it is not guessed: choices lists
// where it would land in each, for the planner to pick.
func (lx *Locator) parseCoord(s string) (p orb.Point, choices []zoneReading, err error) {
	at := lx.at
	o := coordForms[at.Locator.coordForm()].o
	if o.Form != coord.GK6 {
		o.Form = coord.GK3
	}
	if z := at.Locator.fixedZone(); z != 0 && coordForms[at.Locator.coordForm()].o.Form == o.Form {
		o.Zone = z
		p, err = coord.Parse(s, o)
		return p, nil, err
	}
	o.Zone = 0
	p, err = coord.Parse(s, o)
	if !errors.Is(err, coord.ErrNeedZone) {
		return p, nil, err // degrees, or grid with its zone number
	}
	b := render.CityBound(at.Plan)
	for z := coord.Zone(o.Form, b.Min[0]); z <= coord.Zone(o.Form, b.Max[0]); z++ {
		o.Zone = z
		if q, err := coord.Parse(s, o); err == nil {
			choices = append(choices, zoneReading{z, q})
		}
	}
	switch len(choices) {
	case 0:
		return orb.Point{}, nil, err
	case 1:
		return choices[0].At, nil, nil
	}
	return orb.Point{}, choices, nil
}

// coordError says in the planner's language why a coordinate was not read.
func coordError(l, input string, err error) string {
	switch {
	case errors.Is(err, coord.ErrOutOfRange):
		return fmt.Sprintf(tr(l, "coordOutOfRange"), input)
	case errors.Is(err, coord.ErrBadZone):
		return fmt.Sprintf(tr(l, "coordBadZone"), input)
	case errors.Is(err, coord.ErrNeedZone):
		return fmt.Sprintf(tr(l, "coordNeedZone"), input)
	}
	return fmt.Sprintf(tr(l, "coordUnrecognised"), input)
}

// ShowGoTo asks for a coordinate, then marks the place and frames it;
// Enter goes there.
func (lx *Locator) ShowGoTo() {
	at := lx.at
	l := at.Lang()
	entry := widget.NewEntry()
	entry.SetPlaceHolder("31.86, 106.75")
	hint := widget.NewLabel(tr(l, "goToHint"))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	d := dialog.NewForm(tr(l, "goTo"), tr(l, "goToOK"), tr(l, "cancel"),
		[]*widget.FormItem{widget.NewFormItem(tr(l, "goToPrompt"), entry), widget.NewFormItem("", hint)},
		func(ok bool) {
			if ok {
				at.Locator.GoTo(entry.Text)
			}
		}, at.Win)
	entry.OnSubmitted = func(string) { d.Submit() }
	d.Resize(fyne.NewSize(560, 220))
	d.Show()
	at.Win.Canvas().Focus(entry)
}

// GoTo reads a coordinate, puts a marked point there (a layer "located
// point" the planner can hide or close) and frames it at 1:25,000. It
// reports a coordinate it cannot read and returns false.
func (lx *Locator) GoTo(text string) bool {
	at := lx.at
	l := at.Lang()
	p, choices, err := at.Locator.parseCoord(strings.TrimSpace(text))
	if err != nil {
		at.Dialogs.showError(coordError(l, text, err))
		return false
	}
	if len(choices) > 0 {
		at.Locator.askZone(text, choices)
		return false
	}
	at.Locator.goToPoint(p)
	return true
}

// askZone asks which zone an easting without its zone number is in,
// showing where it lands in each (the plan's area crosses zones: read in
// the wrong one, a point lands hundreds of kilometres away).
func (lx *Locator) askZone(text string, choices []zoneReading) {
	at := lx.at
	l := at.Lang()
	form := coordForms[at.Locator.coordForm()].o.Form
	if form != coord.GK6 {
		form = coord.GK3
	}
	box := container.NewVBox(messageLabel(fmt.Sprintf(tr(l, "zoneWhich"), text)))
	var d dialog.Dialog
	for _, c := range choices {
		where := tr(l, "zoneOutside")
		if at.Locator.inPlanArea(c.At) {
			where = tr(l, "zoneInside")
		}
		label := fmt.Sprintf(tr(l, "zoneChoice"), c.Zone, coord.CentralMeridian(form, c.Zone), formatLonLat([2]float64{c.At[0], c.At[1]}), where)
		box.Add(widget.NewButton(label, func() {
			d.Hide()
			at.Locator.goToPoint(c.At)
		}))
	}
	d = dialog.NewCustom(tr(l, "goTo"), tr(l, "cancel"), box, at.Win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// goToPoint marks a place and frames it.
func (lx *Locator) goToPoint(p orb.Point) {
	at := lx.at
	l := at.Lang()
	label := at.Locator.formatCoord([2]float64{p[0], p[1]})
	at.Overlays.setSketch("goto", tr(l, "goToName"), []layer.Feature{{Geometry: p, Props: map[string]any{"名称": label}}})
	at.Map.ZoomTo([2]float64{p[0], p[1]}, 25000)
	at.Status.Say(tr(l, "goToName") + colon(tr(l, "goToName")) + label)
}

// inPlanArea says whether p lies within the plan's outline.
func (lx *Locator) inPlanArea(p orb.Point) bool {
	at := lx.at
	f, ok := at.Plan.Feature(at.Plan.Info.Outline)
	if !ok {
		return false
	}
	switch g := f.Geometry.(type) {
	case orb.Polygon:
		return len(g) > 0 && planar.PolygonContains(g, p)
	case orb.MultiPolygon:
		return planar.MultiPolygonContains(g, p)
	}
	return false
}

// toolColour is the colour of what the map tools draw (measured lines and
// areas, a located point): a magenta no layer or plan colour uses.
var toolColour = color.NRGBA{0xD0, 0x1C, 0x8B, 0xFF}

// setSketch shows features as the app's own overlay kind ("goto",
// "measure"), replacing what it showed before; none removes it.
func (ox *OverlayManager) setSketch(kind, name string, fs []layer.Feature) {
	at := ox.at
	for _, o := range at.State.Overlays() {
		if strings.HasPrefix(o.ID, sketchPrefix+kind+"#") {
			at.Overlays.Close(o.ID)
		}
	}
	if len(fs) == 0 {
		return
	}
	ox.sketchSeq++
	id := fmt.Sprintf("%s%s#%d", sketchPrefix, kind, ox.sketchSeq)
	at.State.AddOverlay(id, &layer.Layer{Name: name, Path: id, Format: tr(at.Lang(), "sketchFormat"), CRS: "WGS 84", Fields: []string{"名称"}, Features: fs}, ReadChoice{})
	at.State.SetOverlayLabel(id, "名称")
	// The tools' own marks are bold and in the tools' colour, not a thin
	// line in the next layer colour (a measured line was 1 px wide).
	at.State.restyle(id, func(o *OpenOverlay) { o.Color, o.LineWidth = toolColour, 1.1 })
}

// Measurer measures a line and, from three points, the area it closes:
// geodesic on WGS 84, shown as the planner draws.
type Measurer struct {
	at  *Atlas
	pts []orb.Point
}

// MeasureTool is the measuring tool (测量): it starts a Measurer on the
// map and keeps the last finished one, which the status bar offers to keep
// as annotations.
type MeasureTool struct {
	at   *Atlas
	last *Measurer // the finished measurement the status bar offers to keep
}

// StartMeasure starts measuring: clicks add points.
func (mx *MeasureTool) StartMeasure() {
	at := mx.at
	if at.Map.Tool != nil {
		at.Map.Tool.End()
	}
	at.Measure.last = nil
	at.Status.OfferKeep(false)
	at.Map.Tool = &Measurer{at: at}
	at.Overlays.setSketch("measure", "", nil)
	at.Status.Say(tr(at.Lang(), "measureHint"))
}

// Tap adds a point.
func (m *Measurer) Tap(ll [2]float64) {
	m.pts = append(m.pts, orb.Point(ll))
	m.show()
	if len(m.pts) >= 2 {
		// Keepable as soon as there is something to keep, not only
		// once measuring has ended.
		m.at.Measure.last = m
		m.at.Status.OfferKeep(true)
	}
}

// DoubleTap adds a point and finishes.
func (m *Measurer) DoubleTap(ll [2]float64) {
	m.Tap(ll)
	m.End()
}

// End finishes measuring; the result stays on the map as a layer.
func (m *Measurer) End() {
	if m.at.Map.Tool == MapTool(m) {
		m.at.Map.Tool = nil
	}
	if len(m.pts) < 2 {
		m.at.Overlays.setSketch("measure", "", nil)
		m.at.Status.Say("")
		return
	}
	m.at.Measure.last = m
	m.at.Status.OfferKeep(true)
}

// KeepAsAnnotation turns the measurement into annotations: its line (closed
// when it measured an area) and its result as text beside it. The
// measurement layer goes; the marks are saved and exported like any other.
func (m *Measurer) KeepAsAnnotation() {
	at := m.at
	l := at.Lang()
	if at.Map.Tool == MapTool(m) {
		at.Map.Tool = nil // keeping ends the measuring
	}
	pts := append([]orb.Point{}, m.pts...)
	kind := annot.Line
	if len(pts) > 2 {
		kind = annot.Pen
		pts = append(pts, pts[0])
	}
	colour := annot.Colours[0]
	at.State.Update(func() {
		at.State.AddAnnotation(annot.Annotation{Kind: kind, Colour: colour, Width: annot.Widths[1], Points: pts})
		text := strings.ReplaceAll(m.Text(l), tr(l, "length")+colon(tr(l, "length")), "")
		if len(m.pts) > 2 {
			length, area := m.Result()
			text = measure.FormatLength(length) + "  " + measure.FormatArea(area, l)
		}
		at.State.AddAnnotation(annot.Annotation{Kind: annot.Text, Colour: colour, Width: annot.Widths[1],
			Points: []orb.Point{m.pts[len(m.pts)-1]}, Text: text})
	})
	at.Overlays.setSketch("measure", "", nil)
	at.Measure.last = nil
	at.Status.OfferKeep(false)
	at.Status.Say(tr(l, "measureKept"))
}

// Result is what the measurement says: the length, and the area from
// three points on.
func (m *Measurer) Result() (length, area float64) {
	length = measure.Length(orb.LineString(m.pts))
	if len(m.pts) >= 3 {
		ring := append(orb.Ring{}, m.pts...)
		area = measure.Area(orb.Polygon{append(ring, m.pts[0])})
	}
	return length, area
}

// Text writes the result in lang.
func (m *Measurer) Text(lang string) string {
	length, area := m.Result()
	s := tr(lang, "length") + colon(tr(lang, "length")) + measure.FormatLength(length)
	if len(m.pts) >= 3 {
		s += "  " + tr(lang, "areaM") + colon(tr(lang, "areaM")) + measure.FormatArea(area, lang)
	}
	return s
}

func (m *Measurer) show() {
	l := m.at.Lang()
	length, area := m.Result()
	var fs []layer.Feature
	if len(m.pts) >= 3 {
		ring := append(orb.Ring{}, m.pts...)
		fs = append(fs, layer.Feature{Geometry: orb.Polygon{append(ring, m.pts[0])}, Props: map[string]any{"名称": measure.FormatArea(area, l)}})
	}
	if len(m.pts) >= 2 {
		fs = append(fs, layer.Feature{Geometry: append(orb.LineString{}, m.pts...), Props: map[string]any{"名称": measure.FormatLength(length)}})
	} else {
		fs = append(fs, layer.Feature{Geometry: m.pts[0], Props: map[string]any{"名称": ""}})
	}
	m.at.Overlays.setSketch("measure", tr(l, "measureName"), fs)
	m.at.Status.Say(m.Text(l))
}

// toolKey lets Esc finish the map's active tool (or cancel it, for a tool
// that can be cancelled) and Enter end it; it reports whether it did.
func (m *MapView) toolKey(e *fyne.KeyEvent) bool {
	switch {
	case m.Tool == nil:
		return false
	case e.Name == fyne.KeyEscape:
		if c, ok := m.Tool.(interface{ Cancel() }); ok {
			c.Cancel()
		} else {
			m.Tool.End()
		}
		return true
	case e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter:
		m.Tool.End()
		return true
	case e.Name == fyne.KeyDelete || e.Name == fyne.KeyBackspace:
		if d, ok := m.Tool.(interface{ DeleteSelected() }); ok {
			d.DeleteSelected()
			return true
		}
	}
	return false
}
