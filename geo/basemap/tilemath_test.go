package basemap_test

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/proj"
)

func TestZoomFor(t *testing.T) {
	for _, tc := range []struct {
		name     string
		v        proj.View
		min, max int
		want     int
	}{
		// At the equator zoom z has 156543.03/2^z m per 256-pixel tile pixel; at 96 dpi 1:N is N·0.0254/96 m per pixel.
		{"equator 1:591658711 (zoom 0's own scale)", proj.View{Center: orb.Point{0, 0}, Scale: 591657527.59, Width: 256, Height: 256, DPI: 96}, 0, 20, 0},
		{"equator a little finer than zoom 10", proj.View{Center: orb.Point{0, 0}, Scale: 577790.55 * 0.99, Width: 256, Height: 256, DPI: 96}, 0, 20, 11},
		{"equator exactly zoom 10", proj.View{Center: orb.Point{0, 0}, Scale: 577790.5546, Width: 256, Height: 256, DPI: 96}, 0, 20, 10},
		{"A3 at 300 dpi asks for deeper tiles than the screen", proj.View{Center: orb.Point{106.75, 31.86}, Scale: 250000, Width: 4960, Height: 3508, DPI: 300}, 0, 20, 13},
		{"the screen, same scale", proj.View{Center: orb.Point{106.75, 31.86}, Scale: 250000, Width: 1920, Height: 1080, DPI: 96}, 0, 20, 11},
		{"clamped to the package's deepest", proj.View{Center: orb.Point{106.75, 31.86}, Scale: 1000, Width: 800, Height: 600, DPI: 96}, 5, 14, 14},
		{"clamped to the package's shallowest", proj.View{Center: orb.Point{106.75, 31.86}, Scale: 5e7, Width: 800, Height: 600, DPI: 96}, 5, 14, 5},
	} {
		if got := basemap.ZoomFor(tc.v, 256, tc.min, tc.max); got != tc.want {
			t.Errorf("%s: zoom %d, want %d", tc.name, got, tc.want)
		}
	}
}
