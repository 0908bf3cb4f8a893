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

// loadPrefs sets s from the remembered settings and the planner's work.
func loadPrefs(p fyne.Preferences, w *workFile, s *State) {
	s.SetLang(p.StringWithFallback("lang", "zh"))
	s.SetTheme(p.StringWithFallback("theme", "light"))
	s.SetLegend(p.BoolWithFallback("legend", true))
	if saved := p.StringWithFallback("layers", ""); saved != "" {
		on := map[plan.GroupID]bool{}
		for _, id := range strings.Split(saved, ",") {
			on[plan.GroupID(id)] = true
		}
		s.SetLayers(on)
	}
	s.SetStage(plan.Stage(p.StringWithFallback("stage", "")))
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
func savePrefs(p fyne.Preferences, w *workFile, s *State, c Change) error {
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
		p.SetString("layers", strings.Join(on, ","))
	}
	if c&ChangeStages != 0 {
		p.SetString("stage", string(s.Stage()))
	}
	if c&(ChangeView|ChangePresent) != 0 && s.View().Scale > 0 {
		v := s.View()
		p.SetFloat("view.lon", v.Center[0])
		p.SetFloat("view.lat", v.Center[1])
		p.SetFloat("view.scale", v.Scale)
	}
	return werr
}

// savedView returns the remembered view, or the whole city.
func savedView(p fyne.Preferences, pl *plan.Plan) proj.View {
	b := render.CityBound(pl)
	c := b.Center()
	lon := p.FloatWithFallback("view.lon", c[0])
	lat := p.FloatWithFallback("view.lat", c[1])
	scale := p.FloatWithFallback("view.scale", 0)
	if scale <= 0 {
		return proj.Fit(b, 1000, 700, 96, 60)
	}
	return proj.View{Center: orb.Point{lon, lat}, Scale: scale, Width: 1000, Height: 700, DPI: 96}
}
