package app

import (
	"cmp"
	"encoding/json"
	"strings"

	"fyne.io/fyne/v2"
	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/annot"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/proj"
	"github.com/planatlas/planatlas/geo/render"
)

// What the app remembers between runs: language, theme, legend, layers,
// stage filter, view and annotations (here), overlays (the overlay manager), window
// size and export choices (where they are made).

// planKeys names the preferences that belong to one plan: its layers,
// stage filter, view and export names. The built-in plan's are the bare
// names (as before plans could be opened); another plan's carry its id.
type planKeys string

// keysFor is the key prefix for a plan opened from path ("" for the
// built-in plan).
func keysFor(p *plan.Plan, path string) planKeys {
	if path == "" {
		return ""
	}
	return planKeys("plan." + planID(p, path) + ".")
}

// of is the preference key name for the plan.
func (k planKeys) of(name string) string { return string(k) + name }

// loadPrefs sets s from the remembered settings and the planner's work.
func loadPrefs(p fyne.Preferences, k planKeys, w *workFile, s *State) {
	s.SetLang(p.StringWithFallback("lang", "zh"))
	s.SetTheme(p.StringWithFallback("theme", "light"))
	s.SetLegend(p.BoolWithFallback("legend", true))
	if saved := p.StringWithFallback(k.of("layers"), ""); saved != "" {
		on := map[plan.GroupID]bool{}
		for _, id := range strings.Split(saved, ",") {
			on[plan.GroupID(id)] = true
		}
		s.SetLayers(on)
	}
	s.SetStage(plan.Stage(p.StringWithFallback(k.of("stage"), "")))
	if saved := w.Raw(workAnnotations); saved != nil {
		if as, _, err := annot.FromGeoJSON(saved); err == nil {
			s.LoadAnnotations(as)
		}
	}
	on := true
	w.Get(workAnnotationsOn, &on)
	s.SetAnnotationsVisible(on)
	if saved := w.Raw(workOwnScenes); saved != nil {
		if own, _, err := s.Plan().ParseOwnScenes(saved); err == nil {
			s.SetOwnScenes(own)
		}
	}
}

// savePrefs remembers what change c touched: the planner's work in the
// work file (saved before it returns), settings in the preferences.
// Presentation changes layers and view for its scenes: those are not
// remembered while it lasts. It returns why the work could not be saved.
func savePrefs(p fyne.Preferences, k planKeys, w *workFile, s *State, c Change) error {
	var werr error
	if c&ChangeScenes != 0 {
		if b, err := plan.MarshalOwnScenes(s.OwnScenes()); err == nil {
			werr = cmp.Or(werr, w.SetRaw(workOwnScenes, b))
		}
	}
	if on, _ := s.Presenting(); c&ChangeAnnotations != 0 && !on {
		// Saved as they are drawn: a planner's marks survive a crash.
		// Marks made while presenting are the presentation's, saved only
		// if kept when it ends.
		if b, err := json.Marshal(annot.GeoJSON(s.Annotations())); err == nil {
			werr = cmp.Or(werr, w.SetRaw(workAnnotations, b))
		}
		werr = cmp.Or(werr, w.Set(workAnnotationsOn, s.AnnotationsVisible()))
	}
	if c&ChangeLang != 0 {
		p.SetString("lang", s.Lang())
	}
	if c&ChangeTheme != 0 {
		p.SetString("theme", s.Theme())
	}
	if c&ChangeLegend != 0 {
		p.SetBool("legend", s.Legend())
	}
	if on, _ := s.Presenting(); on {
		return werr
	}
	if c&(ChangeLayers|ChangePresent) != 0 {
		var on []string
		for _, g := range s.plan.Groups() {
			if s.LayerVisible(g.ID) {
				on = append(on, string(g.ID))
			}
		}
		if len(on) == 0 {
			on = []string{"none"}
		}
		p.SetString(k.of("layers"), strings.Join(on, ","))
	}
	if c&ChangeStages != 0 {
		p.SetString(k.of("stage"), string(s.Stage()))
	}
	if c&(ChangeView|ChangePresent) != 0 && s.View().Scale > 0 {
		v := s.View()
		p.SetFloat(k.of("view.lon"), v.Center[0])
		p.SetFloat(k.of("view.lat"), v.Center[1])
		p.SetFloat(k.of("view.scale"), v.Scale)
	}
	return werr
}

// savedView returns the remembered view, or the whole city.
func savedView(p fyne.Preferences, k planKeys, pl *plan.Plan) proj.View {
	b := render.CityBound(pl)
	c := b.Center()
	lon := p.FloatWithFallback(k.of("view.lon"), c[0])
	lat := p.FloatWithFallback(k.of("view.lat"), c[1])
	scale := p.FloatWithFallback(k.of("view.scale"), 0)
	if scale <= 0 {
		return proj.Fit(b, 1000, 700, 96, 60)
	}
	return proj.View{Center: orb.Point{lon, lat}, Scale: scale, Width: 1000, Height: 700, DPI: 96}
}
