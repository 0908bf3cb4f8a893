package app

import (
	"fmt"
	"image/color"
	"maps"
	"slices"

	"github.com/paulmach/orb"
	"github.com/planatlas/planatlas/geo/annot"
	"github.com/planatlas/planatlas/geo/layer"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/proj"
	"github.com/planatlas/planatlas/geo/render"
)

// Change says which parts of the state a change touched; subscribers are
// told the union of what changed.
type Change uint32

// The parts of the state.
const (
	ChangeLang        Change = 1 << iota // interface and label language
	ChangeTheme                          // light or dark
	ChangeLegend                         // the legend on the map, on or off
	ChangeLayers                         // which layer groups are visible
	ChangeStages                         // the stage filter
	ChangeSelection                      // the selected features
	ChangeHover                          // the feature under the pointer
	ChangeOverlays                       // overlays opened, closed, moved or restyled
	ChangeView                           // the map's centre or scale
	ChangePresent                        // presentation entered, left or moved to another scene
	ChangeTextSize                       // the label size factor
	ChangeAnnotations                    // annotations drawn, moved, deleted, selected, shown or hidden
	ChangeScenes                         // the planner's own scenes added, edited, moved or deleted
	ChangeAsOf                           // the date the map shows the plan's progress on
	ChangeBasemaps                       // base maps added, removed, moved, restyled, or new tiles arrived
	ChangePlan                           // the plan's features edited (a new plan value; see SetPlan)

	// ChangeScene is every change that alters what the map draws.
	ChangeScene = ChangeLang | ChangeTheme | ChangeLegend | ChangeLayers | ChangeStages | ChangeSelection |
		ChangeHover | ChangeOverlays | ChangePresent | ChangeTextSize | ChangeAnnotations | ChangeAsOf | ChangeBasemaps | ChangePlan
)

// OpenOverlay is one overlay the planner has open: how it is drawn, and
// how its file was read.
type OpenOverlay struct {
	render.Overlay
	Read ReadChoice
}

// State is the app's state as a model: language, theme, legend, visible
// layer groups, stage filter, selection, hover, open overlays and their
// styles, the map's view, the label size and presentation. One State
// owns it; every change goes through its methods, which tell the
// subscribers what changed. Panels, map, presenter and preferences
// subscribe; none reaches into another.
//
// A State belongs to the UI goroutine: it is read and changed there only.
// What a background render or export needs it gets as a snapshot (Scene),
// made of values.
type State struct {
	plan     *plan.Plan
	lang     string
	theme    string
	legend   bool
	visible  map[plan.GroupID]bool
	stage    plan.Stage // "" for every stage
	selected map[string]bool
	hover    string
	overlays []OpenOverlay
	view     proj.View
	textSize float64
	present  bool
	scene    int  // the presentation scene shown
	sceneKey bool // a compact legend on the presentation's map

	annots   annot.Set         // the planner's annotations (批注)
	annotsOn bool              // drawn on the map and in exports
	annotSel string            // the selected annotation, "" for none
	annotPre *annot.Annotation // a mark being drawn or moved, drawn over the rest

	own []plan.Scene // the planner's own scenes, after the built-in ones

	asOf string // the date the map shows progress on; "" for the plan as adopted

	deck []plan.Scene // the scenes a presentation steps through when not the plan's (progress)

	basemaps []OpenBasemap // raster layers under the plan, bottom first

	subs    map[int]func(Change)
	nextSub int
	batch   int    // depth of Update calls
	pending Change // changes made inside Update, told when it ends
}

// NewState returns the state for plan p: Chinese, light, legend on,
// every layer group visible, nothing selected.
func NewState(p *plan.Plan) *State {
	s := &State{plan: p, lang: "zh", theme: "light", legend: true, visible: map[plan.GroupID]bool{}, annotsOn: true,
		selected: map[string]bool{}, textSize: 1, subs: map[int]func(Change){}}
	for _, g := range s.plan.Groups() {
		s.visible[g.ID] = !g.Hidden
	}
	return s
}

// Plan returns the plan the state is about.
func (s *State) Plan() *plan.Plan { return s.plan }

// SetPlan replaces the plan with an edited copy of it (the same groups and
// text): renders from now on draw p, those under way finish with the old
// value. A selected feature that p no longer has is let go.
func (s *State) SetPlan(p *plan.Plan) {
	s.plan = p
	for id := range s.selected {
		if _, ok := p.Feature(id); !ok {
			delete(s.selected, id)
		}
	}
	s.notify(ChangePlan | ChangeSelection | ChangeScenes)
}

// Subscribe calls fn after every change with what changed, and returns a
// function that ends the subscription.
func (s *State) Subscribe(fn func(Change)) (cancel func()) {
	id := s.nextSub
	s.nextSub++
	s.subs[id] = fn
	return func() { delete(s.subs, id) }
}

// Update runs fn and tells the subscribers once, after it, of everything
// it changed.
func (s *State) Update(fn func()) {
	s.batch++
	defer func() {
		s.batch--
		if s.batch == 0 && s.pending != 0 {
			c := s.pending
			s.pending = 0
			s.notify(c)
		}
	}()
	fn()
}

func (s *State) notify(c Change) {
	if c == 0 {
		return
	}
	if s.batch > 0 {
		s.pending |= c
		return
	}
	for _, k := range slices.Sorted(maps.Keys(s.subs)) { // in the order they subscribed
		if fn, ok := s.subs[k]; ok {
			fn(c)
		}
	}
}

// Lang is the interface and label language, "zh" or "en".
func (s *State) Lang() string { return s.lang }

// SetLang sets the language ("en", or Chinese for anything else).
func (s *State) SetLang(l string) {
	if l != "en" {
		l = "zh"
	}
	if l != s.lang {
		s.lang = l
		s.notify(ChangeLang)
	}
}

// Theme is "light" or "dark".
func (s *State) Theme() string { return s.theme }

// SetTheme sets the theme ("dark", or light for anything else).
func (s *State) SetTheme(t string) {
	if t != "dark" {
		t = "light"
	}
	if t != s.theme {
		s.theme = t
		s.notify(ChangeTheme)
	}
}

// Legend reports whether the map shows its legend.
func (s *State) Legend() bool { return s.legend }

// SetLegend shows or hides the map's legend.
func (s *State) SetLegend(on bool) {
	if on != s.legend {
		s.legend = on
		s.notify(ChangeLegend)
	}
}

// LayerVisible reports whether layer group id is shown.
func (s *State) LayerVisible(id plan.GroupID) bool { return s.visible[id] }

// VisibleLayers returns a copy of the visible layer groups.
func (s *State) VisibleLayers() map[plan.GroupID]bool { return maps.Clone(s.visible) }

// SetLayer shows or hides one layer group; unknown groups are ignored.
func (s *State) SetLayer(id plan.GroupID, on bool) {
	if !s.isGroup(id) || s.visible[id] == on {
		return
	}
	s.visible[id] = on
	s.notify(ChangeLayers)
}

// SetLayers shows exactly the groups in on.
func (s *State) SetLayers(on map[plan.GroupID]bool) {
	next := map[plan.GroupID]bool{}
	for _, g := range s.plan.Groups() {
		next[g.ID] = on[g.ID]
	}
	if !maps.Equal(next, s.visible) {
		s.visible = next
		s.notify(ChangeLayers)
	}
}

func (s *State) isGroup(id plan.GroupID) bool {
	for _, g := range s.plan.Groups() {
		if g.ID == id {
			return true
		}
	}
	return false
}

// Stage is the stage filter: "" shows every stage.
func (s *State) Stage() plan.Stage { return s.stage }

// SetStage shows only plan features at stage st ("" for all; an unknown
// stage counts as all).
func (s *State) SetStage(st plan.Stage) {
	if !st.Valid() {
		st = ""
	}
	if st != s.stage {
		s.stage = st
		s.notify(ChangeStages)
	}
}

// Selected returns the selected ids, sorted.
func (s *State) Selected() []string { return slices.Sorted(maps.Keys(s.selected)) }

// IsSelected reports whether id is selected.
func (s *State) IsSelected(id string) bool { return s.selected[id] }

// Select makes ids the selection (none clears it). Ids that name no plan
// feature and no feature of an open overlay are left out.
func (s *State) Select(ids ...string) {
	next := map[string]bool{}
	for _, id := range ids {
		if s.Exists(id) {
			next[id] = true
		}
	}
	if !maps.Equal(next, s.selected) {
		s.selected = next
		s.notify(ChangeSelection)
	}
}

// Exists reports whether id names a plan feature or a feature of an open overlay.
func (s *State) Exists(id string) bool {
	if _, ok := s.plan.Feature(id); ok {
		return true
	}
	_, _, ok := s.OverlayFeature(id)
	return ok
}

// Hover is the id of the feature under the pointer ("" for none).
func (s *State) Hover() string { return s.hover }

// SetHover sets the feature under the pointer; an id that names nothing is "".
func (s *State) SetHover(id string) {
	if id != "" && !s.Exists(id) {
		id = ""
	}
	if id != s.hover {
		s.hover = id
		s.notify(ChangeHover)
	}
}

// Overlays returns the open overlays, bottom to top (a copy).
func (s *State) Overlays() []OpenOverlay { return slices.Clone(s.overlays) }

// Overlay returns the open overlay with the given id.
func (s *State) Overlay(id string) (OpenOverlay, bool) {
	i := s.overlayIndex(id)
	if i < 0 {
		return OpenOverlay{}, false
	}
	return s.overlays[i], true
}

func (s *State) overlayIndex(id string) int {
	return slices.IndexFunc(s.overlays, func(o OpenOverlay) bool { return o.ID == id })
}

// OverlayFeature returns the overlay and the index of the feature that an
// overlay feature id names, if that overlay is open.
func (s *State) OverlayFeature(id string) (OpenOverlay, int, bool) {
	oid, i, ok := render.ParseOverlayFeatureID(id)
	if !ok {
		return OpenOverlay{}, 0, false
	}
	o, ok := s.Overlay(oid)
	if !ok || i >= len(o.Layer.Features) {
		return OpenOverlay{}, 0, false
	}
	return o, i, true
}

// AddOverlay opens layer l as overlay id (its path) on top of the others,
// in the next palette colour and labelled by a name-like field. An id
// already open is left as it is. It returns the overlay as added.
func (s *State) AddOverlay(id string, l *layer.Layer, read ReadChoice) OpenOverlay {
	if i := s.overlayIndex(id); i >= 0 {
		return s.overlays[i]
	}
	o := OpenOverlay{Overlay: render.Overlay{ID: id, Name: l.Name, Layer: l, Visible: true,
		Color: render.OverlayPalette[len(s.overlays)%len(render.OverlayPalette)], LabelField: guessLabel(l),
		OwnColours: l.Format == "dxf"}, Read: read} // a CAD drawing in its own colours
	s.overlays = append(s.overlays, o)
	s.notify(ChangeOverlays)
	return o
}

// RemoveOverlay closes overlay id, and drops its features from the
// selection and hover.
func (s *State) RemoveOverlay(id string) {
	i := s.overlayIndex(id)
	if i < 0 {
		return
	}
	s.Update(func() {
		s.overlays = slices.Delete(s.overlays, i, i+1)
		s.notify(ChangeOverlays)
		s.Select(s.Selected()...) // keeps only what still exists
		s.SetHover(s.hover)
	})
}

// MoveOverlay moves overlay id up (+1, drawn later) or down (−1).
func (s *State) MoveOverlay(id string, d int) {
	i := s.overlayIndex(id)
	j := i + d
	if i < 0 || j < 0 || j >= len(s.overlays) {
		return
	}
	s.overlays[i], s.overlays[j] = s.overlays[j], s.overlays[i]
	s.notify(ChangeOverlays)
}

// SetOverlayVisible shows or hides overlay id.
func (s *State) SetOverlayVisible(id string, on bool) {
	s.restyle(id, func(o *OpenOverlay) { o.Visible = on })
}

// SetOverlayLabel labels overlay id's features by field ("" for none;
// a field the layer does not have counts as none).
func (s *State) SetOverlayLabel(id, field string) {
	s.restyle(id, func(o *OpenOverlay) {
		if !slices.Contains(o.Layer.Fields, field) {
			field = ""
		}
		o.LabelField = field
	})
}

// SetOverlayColor draws overlay id in c.
func (s *State) SetOverlayColor(id string, c color.NRGBA) {
	s.restyle(id, func(o *OpenOverlay) { o.Color = c })
}

func (s *State) restyle(id string, fn func(o *OpenOverlay)) {
	i := s.overlayIndex(id)
	if i < 0 {
		return
	}
	before := s.overlays[i]
	fn(&s.overlays[i])
	if s.overlays[i] != before {
		s.notify(ChangeOverlays)
	}
}

// View is the map's view (centre, scale and, once laid out, pixel size).
func (s *State) View() proj.View { return s.view }

// SetView records the map's view.
func (s *State) SetView(v proj.View) {
	if v != s.view {
		s.view = v
		s.notify(ChangeView)
	}
}

// TextSize is the label size factor (1 normally, larger when presenting).
func (s *State) TextSize() float64 { return s.textSize }

// SetTextSize sets the label size factor (at least 0.5).
func (s *State) SetTextSize(f float64) {
	f = max(f, 0.5)
	if f != s.textSize {
		s.textSize = f
		s.notify(ChangeTextSize)
	}
}

// Presenting reports whether presentation mode is on, and the scene shown.
func (s *State) Presenting() (on bool, scene int) { return s.present, s.scene }

// SetPresenting enters presentation at scene i, moves to it, or (on
// false) leaves presentation. A scene out of range is not entered.
func (s *State) SetPresenting(on bool, i int) {
	if on && (i < 0 || i >= len(s.PresentScenes())) {
		return
	}
	if !on {
		i = 0
	}
	if on != s.present || i != s.scene {
		s.present, s.scene = on, i
		s.notify(ChangePresent)
	}
}

// SceneLegend reports whether presentation scenes show a compact legend.
func (s *State) SceneLegend() bool { return s.sceneKey }

// SetSceneLegend shows or hides the compact legend on presentation scenes.
func (s *State) SetSceneLegend(on bool) {
	if on != s.sceneKey {
		s.sceneKey = on
		s.notify(ChangePresent)
	}
}

// Scene is the snapshot a render of view v draws: values copied from the
// state (an overlay's style is copied; its features are shared, read
// only), drawn with the given cache. A background render or an export can
// use it while the state goes on changing.
func (s *State) Scene(v proj.View, c *render.Cache) *render.Scene {
	th := render.ThemeLight
	if s.theme == "dark" {
		th = render.ThemeDark
	}
	// On screen the legend stays in its corner (it jumped sides while
	// zooming) and takes at most a quarter of the map, set smaller in a
	// small window; the toolbar's 图例 folds it away.
	frame := render.Frame{Legend: s.legend, ScaleBar: true, North: true, Attribution: true,
		LegendCorner: render.LegendBottomRight, LegendShare: 0.25}
	hover := s.hover
	if s.present {
		// The caption band says the rest; a compact legend at the planner's choice.
		frame = render.Frame{ScaleBar: true, North: true, Legend: s.sceneKey, CompactLegend: true}
		hover = "" // a pointer resting on the map marks nothing in front of a room
	}
	var stages map[plan.Stage]bool
	if s.stage != "" {
		stages = map[plan.Stage]bool{s.stage: true}
	}
	ovs := make([]render.Overlay, len(s.overlays))
	for i, o := range s.overlays {
		ovs[i] = o.Overlay
	}
	sc := &render.Scene{Plan: s.plan, View: v, Layers: maps.Clone(s.visible), Stages: stages,
		Selected: maps.Clone(s.selected), Hover: hover, Lang: s.lang, Theme: th, TextSize: s.textSize,
		Frame: frame, Overlays: ovs, Cache: c}
	sc.AsOf = s.asOf
	sc.Basemaps, sc.BasemapNoWait = s.sceneBasemaps(), true // the screen does not wait for the network
	if s.annotsOn || s.annotPre != nil {
		if s.annotsOn {
			sc.Annotations, sc.AnnotationSelected = s.annots.Items(), s.annotSel
		}
		if p := s.annotPre; p != nil {
			// A moved mark is drawn where it is going, not twice.
			if i := slices.IndexFunc(sc.Annotations, func(a annot.Annotation) bool { return a.ID == p.ID }); i >= 0 {
				sc.Annotations[i] = *p
			} else {
				sc.Annotations = append(sc.Annotations, *p)
			}
		}
	}
	return sc
}

// Check returns an error if the state breaks one of its invariants: a
// known language and theme; visibility known for exactly the plan's
// groups; a valid stage filter; the selection and hover naming features
// that exist; open overlays with distinct ids, a layer and, for a label,
// one of the layer's fields; base maps open once, with a source and an
// opacity in (0, 1]; a presentation scene in range.
func (s *State) Check() error {
	if s.lang != "zh" && s.lang != "en" {
		return fmt.Errorf("language %q", s.lang)
	}
	if s.theme != "light" && s.theme != "dark" {
		return fmt.Errorf("theme %q", s.theme)
	}
	if len(s.visible) != len(s.plan.Groups()) {
		return fmt.Errorf("visibility of %d groups, the plan has %d", len(s.visible), len(s.plan.Groups()))
	}
	for id := range s.visible {
		if !s.isGroup(id) {
			return fmt.Errorf("visibility of unknown group %q", id)
		}
	}
	if s.stage != "" && !s.stage.Valid() {
		return fmt.Errorf("stage filter %q", s.stage)
	}
	for id := range s.selected {
		if !s.Exists(id) {
			return fmt.Errorf("selected %q does not exist", id)
		}
	}
	if s.hover != "" && !s.Exists(s.hover) {
		return fmt.Errorf("hovered %q does not exist", s.hover)
	}
	seen := map[string]bool{}
	for _, o := range s.overlays {
		if seen[o.ID] || o.Layer == nil {
			return fmt.Errorf("overlay %q open twice or without a layer", o.ID)
		}
		seen[o.ID] = true
		if o.LabelField != "" && !slices.Contains(o.Layer.Fields, o.LabelField) {
			return fmt.Errorf("overlay %q labelled by %q, which it does not have", o.ID, o.LabelField)
		}
	}
	seenBM := map[string]bool{}
	for _, b := range s.basemaps {
		if seenBM[b.ID] || b.Source == nil || b.Opacity <= 0 || b.Opacity > 1 {
			return fmt.Errorf("base map %q open twice, without a source or at opacity %v", b.ID, b.Opacity)
		}
		seenBM[b.ID] = true
	}
	if n := len(s.PresentScenes()); s.present && (s.scene < 0 || s.scene >= n) {
		return fmt.Errorf("presenting scene %d of %d", s.scene, n)
	}
	if s.textSize < 0.5 {
		return fmt.Errorf("text size %v", s.textSize)
	}
	return nil
}

// Annotations returns the planner's annotations, oldest first (a copy).
func (s *State) Annotations() []annot.Annotation { return s.annots.Items() }

// Annotation returns the annotation with the given id.
func (s *State) Annotation(id string) (annot.Annotation, bool) { return s.annots.Get(id) }

// AnnotationsVisible reports whether annotations are drawn.
func (s *State) AnnotationsVisible() bool { return s.annotsOn }

// SetAnnotationsVisible shows or hides the annotations (and in exports).
func (s *State) SetAnnotationsVisible(on bool) {
	if s.annotsOn != on {
		s.annotsOn = on
		s.notify(ChangeAnnotations)
	}
}

// SelectedAnnotation is the selected annotation's id, "" for none.
func (s *State) SelectedAnnotation() string { return s.annotSel }

// SelectAnnotation selects an annotation ("" for none).
func (s *State) SelectAnnotation(id string) {
	if _, ok := s.annots.Get(id); !ok {
		id = ""
	}
	if s.annotSel != id {
		s.annotSel = id
		s.notify(ChangeAnnotations)
	}
}

// AddAnnotation adds an annotation, shows the annotations and returns its id.
func (s *State) AddAnnotation(a annot.Annotation) (string, error) {
	id, err := s.annots.Add(a)
	if err == nil {
		s.annotsOn = true
		s.notify(ChangeAnnotations)
	}
	return id, err
}

// ReplaceAnnotation puts a in place of the annotation with its id.
func (s *State) ReplaceAnnotation(a annot.Annotation) bool {
	ok := s.annots.Replace(a)
	if ok {
		s.notify(ChangeAnnotations)
	}
	return ok
}

// RemoveAnnotation deletes an annotation.
func (s *State) RemoveAnnotation(id string) {
	if s.annots.Remove(id) {
		if s.annotSel == id {
			s.annotSel = ""
		}
		s.notify(ChangeAnnotations)
	}
}

// ClearAnnotations deletes every annotation (undoable).
func (s *State) ClearAnnotations() {
	s.annots.Clear()
	s.annotSel = ""
	s.notify(ChangeAnnotations)
}

// LoadAnnotations replaces the annotations (saved or imported ones) and
// returns how many could not be used.
func (s *State) LoadAnnotations(as []annot.Annotation) int {
	n := s.annots.Load(as)
	s.annotSel = ""
	s.notify(ChangeAnnotations)
	return n
}

// UndoAnnotation and RedoAnnotation step through the annotations' history.
func (s *State) UndoAnnotation() bool { return s.stepAnnotations(s.annots.Undo) }

// RedoAnnotation goes forward again after UndoAnnotation.
func (s *State) RedoAnnotation() bool { return s.stepAnnotations(s.annots.Redo) }

func (s *State) stepAnnotations(step func() bool) bool {
	if !step() {
		return false
	}
	s.SelectAnnotation(s.annotSel) // drops a selection that is gone
	s.notify(ChangeAnnotations)
	return true
}

// SetAnnotationPreview shows a mark being drawn or moved (nil: none); it
// is not an annotation until it is added.
func (s *State) SetAnnotationPreview(a *annot.Annotation) {
	if a == nil && s.annotPre == nil {
		return
	}
	if a != nil {
		c := *a
		c.Points = slices.Clone(a.Points)
		a = &c
	}
	s.annotPre = a
	s.notify(ChangeAnnotations)
}

// Scenes are the built-in scenes followed by the planner's own.
func (s *State) Scenes() []plan.Scene { return s.plan.AllScenes(s.own) }

// OwnScenes are the planner's own scenes (a copy).
func (s *State) OwnScenes() []plan.Scene { return slices.Clone(s.own) }

// SetOwnScenes replaces the planner's own scenes (ids made unique).
func (s *State) SetOwnScenes(own []plan.Scene) {
	s.own = s.plan.UniqueOwnIDs(slices.Clone(own))
	s.notify(ChangeScenes)
}

// SceneFromView makes a scene of what the map shows now: its layers, stage
// filter, selection and area, named and noted by the planner.
func (s *State) SceneFromView(name, note string, b orb.Bound) plan.Scene {
	var layers []plan.GroupID
	for _, g := range s.plan.Groups() {
		if s.visible[g.ID] {
			layers = append(layers, g.ID)
		}
	}
	return plan.Scene{NameZh: name, NameEn: name, Note: note, Layers: layers, Stage: s.stage, Highlight: s.Selected(),
		BBox: [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}, Own: true}
}

// AsOf is the date the map shows the plan's progress on ("" for the plan
// as adopted).
func (s *State) AsOf() string { return s.asOf }

// SetAsOf shows each feature in the stage it had reached by date ("" for
// the stages of the decision itself).
func (s *State) SetAsOf(date string) {
	if s.asOf != date {
		s.asOf = date
		s.notify(ChangeAsOf)
	}
}

// PresentScenes are the scenes a presentation steps through: a deck set
// for it (the progress milestones), else the built-in and own scenes.
func (s *State) PresentScenes() []plan.Scene {
	if s.deck != nil {
		return s.deck
	}
	return s.Scenes()
}

// SetDeck sets the scenes the next presentation steps through (nil: the
// plan's and the planner's).
func (s *State) SetDeck(d []plan.Scene) { s.deck = d }

// NameOf names a feature (of the plan or an overlay) for the status bar.
func (s *State) NameOf(id string) string {
	if o, i, ok := s.OverlayFeature(id); ok {
		if v := o.Layer.Features[i].Attr(o.LabelField); o.LabelField != "" && v != nil {
			return fmt.Sprint(v) + " · " + o.Name
		}
		return fmt.Sprintf("%s #%d", o.Name, i+1)
	}
	if f, ok := s.plan.Feature(id); ok {
		return f.Name(s.Lang())
	}
	return ""
}
