// Package render draws a plan map — features, labels, legend, scale bar,
// north arrow, title and attribution — from one scene description to a
// raster (the screen, PNG) or to vectors (SVG, PDF), with the same shapes,
// colours and label placement in each. It knows nothing of any GUI.
package render

import (
	"context"
	"github.com/planatlas/planatlas/geo/annot"
	"sync"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/proj"
)

// Frame says which map furniture to draw.
type Frame struct {
	Title, Legend, ScaleBar, North, Attribution bool
	// CompactLegend draws the legend without the base map's rows and with
	// its type no larger than 1.4× (a presentation's labels are larger).
	CompactLegend bool
	// LegendCorner fixes the legend's corner (LegendBottomRight…); zero
	// places it where it covers least of the plan's city, which on a
	// screen made it jump sides while zooming.
	LegendCorner Corner
	// LegendShare, above zero, is the most of the map's area the legend
	// may cover: it is set smaller (and without the base map's rows)
	// until it fits, so it shrinks with a small window.
	LegendShare float64
}

// Corner is a corner of the map.
type Corner int

// The corners the legend may be fixed to.
const (
	LegendAuto Corner = iota
	LegendBottomRight
	LegendTopRight
	LegendBottomLeft
	LegendTopLeft
)

// FullFrame draws every element.
var FullFrame = Frame{Title: true, Legend: true, ScaleBar: true, North: true, Attribution: true}

// Scene is everything that decides what a map looks like.
type Scene struct {
	Plan     *plan.Plan
	View     proj.View
	Layers   map[plan.GroupID]bool // visible layer groups; nil shows all
	Stages   map[plan.Stage]bool   // stages shown in the plan layers; nil shows all
	Selected map[string]bool       // ids drawn highlighted
	Hover    string                // id drawn with a hover outline
	Lang     string                // "zh" or "en"
	Theme    Theme
	Frame    Frame
	Title    string    // title block text; "" uses the plan's map title
	Subtitle string    // second line; "" uses a default
	TextSize float64   // label size factor (1 normally; larger in presentation mode)
	Overlays []Overlay // the user's own layers, drawn above the plan in order

	// AsOf, when set (YYYY, YYYY-MM or YYYY-MM-DD), draws each plan feature
	// in the stage it had reached by then (its events), and the legend says
	// so; empty draws the plan's stages as of adoption.
	AsOf string

	// Annotations are the planner's marks (批注), drawn over the map and
	// its labels; AnnotationSelected names one drawn boxed.
	Annotations        []annot.Annotation
	AnnotationSelected string

	// Basemaps are raster layers under the plan, bottom first (imagery,
	// relief, tile packages, scanned maps); the plan's area fills turn
	// translucent over them. BasemapNoWait (the screen) draws what the
	// sources hold and lets online tiles arrive later; exports wait.
	Basemaps      []Basemap
	BasemapNoWait bool
	// BasemapExact draws a screen frame's base maps from their sources
	// even when a level drawn before could stand for them (see fromLevel):
	// the frame drawn once the map is at rest.
	BasemapExact bool
	// Tally, when set, adds up what the base maps drew in every draw of
	// the scene (an export's pages): tiles that could not be read are left
	// blank and counted there for the planner to be told.
	Tally *Tally

	// Cache holds what drawing prepares (projected geometry, shaped and
	// rasterised labels) for the scene's owner to reuse in later draws; a
	// nil Cache draws with a fresh one that is dropped afterwards.
	Cache *Cache

	// Context, when set, cancels a long draw or export: the draw stops and
	// returns its error, and a file being written is not left behind.
	Context context.Context
}

// withCache returns s, or a shallow copy of it with a fresh cache when it
// has none: a scene is a snapshot and is never written.
func (s *Scene) withCache() *Scene {
	if s.Cache != nil {
		return s
	}
	c := *s
	c.Cache = NewCache(0)
	return &c
}

// cancelled returns the scene context's error, if it is done.
func (s *Scene) cancelled() error {
	if s.Context == nil {
		return nil
	}
	return s.Context.Err()
}

// LayerVisible reports whether layer group id is shown.
func (s *Scene) LayerVisible(id plan.GroupID) bool {
	if s.Layers == nil {
		return true
	}
	return s.Layers[id]
}

// FeatureVisible reports whether f is drawn: its group is visible and, for
// plan features, its stage passes the filter. The county-level divisions
// stay on the base map when their roles are hidden: boundaries and names,
// without the roles' colours.
func (s *Scene) FeatureVisible(f *plan.Feature) bool {
	if f.Class == plan.ClassRole && !s.LayerVisible(f.Layer) {
		return s.LayerVisible(plan.GroupBase)
	}
	if !s.LayerVisible(f.Layer) {
		return false
	}
	if s.Stages != nil && f.Layer != plan.GroupBase && (s.Plan == nil || f.Layer != s.Plan.RoleGroup()) && f.Class != plan.ClassCity && f.Class != plan.ClassRegion {
		return s.Stages[s.StageOf(f)]
	}
	return true
}

// rolesShown reports whether the county roles are drawn as roles (their
// colours and role lines), not only as the base map's divisions.
// shownAtScale says whether f's kind is drawn at the scene's scale: a
// kind with a MaxScale only on maps of that scale or larger.
func (s *Scene) shownAtScale(f *plan.Feature) bool {
	return f.Def == nil || f.Def.Style.MaxScale <= 0 || s.View.Scale <= 0 || s.View.Scale <= f.Def.Style.MaxScale*1.0001
}

func (s *Scene) rolesShown() bool {
	return s.Plan != nil && s.Plan.RoleGroup() != "" && s.LayerVisible(s.Plan.RoleGroup())
}

func (s *Scene) lang() string {
	if s.Lang == "en" {
		return "en"
	}
	return "zh"
}

func (s *Scene) textSize() float64 {
	if s.TextSize <= 0 {
		return 1
	}
	return s.TextSize
}

// MapTitle returns the title block's text for the scene's language: the
// scene's own, or the plan's.
func (s *Scene) MapTitle() (title, subtitle string) {
	title, subtitle = s.Title, s.Subtitle
	if title == "" {
		title = s.Plan.Info.Title.In(s.lang())
	}
	if subtitle == "" {
		subtitle = s.Plan.Info.Subtitle.In(s.lang())
	}
	return title, subtitle
}

// StageOf is the stage the scene draws f in: on its date, or the plan's.
func (s *Scene) StageOf(f *plan.Feature) plan.Stage {
	if s.AsOf != "" {
		return f.StageAt(s.AsOf)
	}
	return f.Stage
}

// Tally adds up base-map counts across draws, from any goroutine.
type Tally struct {
	mu sync.Mutex
	st basemap.Stats
}

func (t *Tally) add(s basemap.Stats) {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.st.Add(s)
	t.mu.Unlock()
}

// Stats returns the counts so far.
func (t *Tally) Stats() basemap.Stats {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.st
}
