package app

import (
	"image/color"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/layer"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/proj"
	"github.com/planatlas/planatlas/geo/render"
)

func stateForTest(t *testing.T) *State {
	t.Helper()
	return NewState(loadTestPlan())
}

func smallLayer() *layer.Layer {
	return &layer.Layer{Name: "t.geojson", Fields: []string{"name", "kind"}, Features: []layer.Feature{
		{Geometry: orb.Point{106.75, 31.86}, Props: map[string]any{"name": "甲", "kind": "a"}},
		{Geometry: orb.Point{106.80, 31.90}, Props: map[string]any{"name": "乙", "kind": "b"}},
	}}
}

// Each change tells the subscribers what it touched, once; a change that
// changes nothing tells nobody.
func TestStateTellsWhatChanged(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *State)
		want   Change
	}{
		{"language", func(s *State) { s.SetLang("en") }, ChangeLang},
		{"same language", func(s *State) { s.SetLang("zh") }, 0},
		{"unknown language is Chinese", func(s *State) { s.SetLang("fr") }, 0},
		{"theme", func(s *State) { s.SetTheme("dark") }, ChangeTheme},
		{"legend", func(s *State) { s.SetLegend(false) }, ChangeLegend},
		{"layer", func(s *State) { s.SetLayer("corridor", false) }, ChangeLayers},
		{"unknown layer", func(s *State) { s.SetLayer("roads", false) }, 0},
		{"stage", func(s *State) { s.SetStage(plan.StageExisting) }, ChangeStages},
		{"unknown stage", func(s *State) { s.SetStage("finished") }, 0},
		{"select", func(s *State) { s.Select("enyang_airport") }, ChangeSelection},
		{"select nothing that exists", func(s *State) { s.Select("no_such_feature") }, 0},
		{"hover", func(s *State) { s.SetHover("enyang_airport") }, ChangeHover},
		{"hover nothing that exists", func(s *State) { s.SetHover("no_such_feature") }, 0},
		{"view", func(s *State) { s.SetView(proj.View{Scale: 1e6}) }, ChangeView},
		{"text size", func(s *State) { s.SetTextSize(1.6) }, ChangeTextSize},
		{"present", func(s *State) { s.SetPresenting(true, 2) }, ChangePresent},
		{"present a scene out of range", func(s *State) { s.SetPresenting(true, 99) }, 0},
		{"overlay", func(s *State) { s.AddOverlay("/t.geojson", smallLayer(), ReadChoice{}) }, ChangeOverlays},
		{"batched", func(s *State) {
			s.Update(func() { s.SetLang("en"); s.SetTheme("dark"); s.Select("enyang_airport") })
		}, ChangeLang | ChangeTheme | ChangeSelection},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := stateForTest(t)
			var got []Change
			s.Subscribe(func(c Change) { got = append(got, c) })
			tc.change(s)
			switch {
			case tc.want == 0 && len(got) > 0:
				t.Errorf("told %v, want nothing", got)
			case tc.want != 0 && (len(got) != 1 || got[0] != tc.want):
				t.Errorf("told %v, want one %v", got, tc.want)
			}
			if err := s.Check(); err != nil {
				t.Error(err)
			}
		})
	}
}

// Overlays: added once per path, restyled through the state, and closing
// one drops its features from the selection and hover.
func TestStateOverlays(t *testing.T) {
	s := stateForTest(t)
	o := s.AddOverlay("/t.geojson", smallLayer(), ReadChoice{GCJ02: true})
	if again := s.AddOverlay("/t.geojson", smallLayer(), ReadChoice{}); again.Layer != o.Layer || len(s.Overlays()) != 1 {
		t.Fatal("the same path was opened twice")
	}
	if o.LabelField != "name" || !o.Visible || !o.Read.GCJ02 || o.Color != render.OverlayPalette[0] {
		t.Errorf("added %+v", o)
	}
	s.SetOverlayLabel(o.ID, "no such field")
	if got, _ := s.Overlay(o.ID); got.LabelField != "" {
		t.Errorf("labelled by a field it lacks: %q", got.LabelField)
	}
	s.SetOverlayColor(o.ID, color.NRGBA{1, 2, 3, 255})
	s.SetOverlayVisible(o.ID, false)
	if got, _ := s.Overlay(o.ID); got.Visible || got.Color != (color.NRGBA{1, 2, 3, 255}) {
		t.Errorf("restyled %+v", got)
	}
	// The copies handed out do not write through.
	ovs := s.Overlays()
	ovs[0].Visible = true
	if got, _ := s.Overlay(o.ID); got.Visible {
		t.Error("a copy of the overlays wrote into the state")
	}
	// A snapshot keeps its values when the state goes on changing.
	snap := s.Scene(proj.View{}, nil)
	s.SetOverlayVisible(o.ID, true)
	s.SetLayer("corridor", false)
	if snap.Overlays[0].Visible || !snap.Layers["corridor"] {
		t.Error("the snapshot changed with the state")
	}
	fid := render.OverlayFeatureID(o.ID, 1)
	s.Select(fid, "enyang_airport")
	s.SetHover(fid)
	if len(s.Selected()) != 2 || s.Hover() != fid {
		t.Fatalf("selected %v, hover %q", s.Selected(), s.Hover())
	}
	s.RemoveOverlay(o.ID)
	if sel := s.Selected(); len(sel) != 1 || sel[0] != "enyang_airport" || s.Hover() != "" {
		t.Errorf("after closing: selected %v, hover %q", sel, s.Hover())
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
	// An id past the layer's features names nothing.
	s.AddOverlay("/t.geojson", smallLayer(), ReadChoice{})
	if s.Exists(render.OverlayFeatureID("/t.geojson", 2)) || !s.Exists(render.OverlayFeatureID("/t.geojson", 1)) {
		t.Error("overlay feature ids are not checked against the layer")
	}
}

// Subscribers are told in the order they subscribed; one that cancels
// is told no more.
func TestStateSubscriptions(t *testing.T) {
	s := stateForTest(t)
	var order []int
	s.Subscribe(func(Change) { order = append(order, 1) })
	cancel := s.Subscribe(func(Change) { order = append(order, 2) })
	s.Subscribe(func(Change) { order = append(order, 3) })
	s.SetLegend(false)
	cancel()
	s.SetLegend(true)
	if got := order; len(got) != 5 || got[0] != 1 || got[1] != 2 || got[2] != 3 || got[3] != 1 || got[4] != 3 {
		t.Errorf("told in order %v, want [1 2 3 1 3]", got)
	}
}

// In presentation the pointer resting on the map highlights nothing: the
// room sees the scene's own highlights only.
func TestPresentingDrawsNoHover(t *testing.T) {
	s := stateForTest(t)
	s.SetHover("enyang_airport")
	if s.Scene(proj.View{}, nil).Hover != "enyang_airport" {
		t.Fatal("the hovered feature is not drawn on the working map")
	}
	s.SetPresenting(true, 0)
	if h := s.Scene(proj.View{}, nil).Hover; h != "" {
		t.Errorf("presentation draws hover %q", h)
	}
}
