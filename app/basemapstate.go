package app

import (
	"slices"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/render"
)

// OpenBasemap is a base map the planner has open: how it is drawn, and
// where it came from (a file, or an online source they turned on).
type OpenBasemap struct {
	render.Basemap
	Spec   string // the file's path, a provider id, or a tile address
	EPSG   int    // the coordinate system chosen for a file that names none
	Tint   bool   // an elevation model coloured by height
	Online bool   // fetches over the network
}

// Basemaps returns the open base maps, bottom first.
func (s *State) Basemaps() []OpenBasemap { return slices.Clone(s.basemaps) }

// Basemap returns the base map with the given id.
func (s *State) Basemap(id string) (OpenBasemap, bool) {
	i := s.basemapIndex(id)
	if i < 0 {
		return OpenBasemap{}, false
	}
	return s.basemaps[i], true
}

func (s *State) basemapIndex(id string) int {
	return slices.IndexFunc(s.basemaps, func(b OpenBasemap) bool { return b.ID == id })
}

// AddBasemap puts b on top of the other base maps (still under the plan);
// one with the same id is replaced.
func (s *State) AddBasemap(b OpenBasemap) {
	if i := s.basemapIndex(b.ID); i >= 0 {
		s.basemaps = slices.Delete(s.basemaps, i, i+1)
	}
	if b.Opacity <= 0 || b.Opacity > 1 {
		b.Opacity = 1
	}
	s.basemaps = append(s.basemaps, b)
	s.notify(ChangeBasemaps)
}

// RemoveBasemap takes a base map away and returns it (its source is the
// caller's to close).
func (s *State) RemoveBasemap(id string) (OpenBasemap, bool) {
	i := s.basemapIndex(id)
	if i < 0 {
		return OpenBasemap{}, false
	}
	b := s.basemaps[i]
	s.basemaps = slices.Delete(s.basemaps, i, i+1)
	s.notify(ChangeBasemaps)
	return b, true
}

// MoveBasemap moves a base map d places up (toward the plan) or down.
func (s *State) MoveBasemap(id string, d int) {
	i := s.basemapIndex(id)
	j := i + d
	if i < 0 || j < 0 || j >= len(s.basemaps) {
		return
	}
	s.basemaps[i], s.basemaps[j] = s.basemaps[j], s.basemaps[i]
	s.notify(ChangeBasemaps)
}

// SetBasemapVisible shows or hides a base map.
func (s *State) SetBasemapVisible(id string, on bool) {
	s.restyleBasemap(id, func(b *OpenBasemap) { b.Visible = on })
}

// SetBasemapOpacity sets a base map's opacity (clamped to 0.05–1).
func (s *State) SetBasemapOpacity(id string, op float64) {
	op = min(1, max(0.05, op))
	s.restyleBasemap(id, func(b *OpenBasemap) { b.Opacity = op })
}

// SetBasemapGrey draws a base map in grey or in colour.
func (s *State) SetBasemapGrey(id string, on bool) {
	s.restyleBasemap(id, func(b *OpenBasemap) { b.Grey = on })
}

// SetBasemapOver lays a base map over the plan's areas and lines, or back
// under them.
func (s *State) SetBasemapOver(id string, on bool) {
	s.restyleBasemap(id, func(b *OpenBasemap) { b.Over = on })
}

// SetBasemapTint colours an elevation base map by height, or not.
func (s *State) SetBasemapTint(id string, on bool) {
	s.restyleBasemap(id, func(b *OpenBasemap) {
		b.Tint = on
		if r, ok := b.Source.(*basemap.Raster); ok {
			r.SetTint(on)
		}
	})
}

func (s *State) restyleBasemap(id string, fn func(b *OpenBasemap)) {
	i := s.basemapIndex(id)
	if i < 0 {
		return
	}
	fn(&s.basemaps[i])
	s.notify(ChangeBasemaps)
}

// BasemapTilesArrived tells the map that an online base map has new
// tiles to draw.
func (s *State) BasemapTilesArrived() { s.notify(ChangeBasemaps) }

// sceneBasemaps are the base maps a render draws, bottom first.
func (s *State) sceneBasemaps() []render.Basemap {
	var out []render.Basemap
	for _, b := range s.basemaps {
		if b.Visible && b.Source != nil {
			out = append(out, b.Basemap)
		}
	}
	return out
}
