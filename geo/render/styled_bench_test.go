package render_test

import (
	"image"
	"testing"

	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/geo/render"
)

// A 1080p frame at a new scale of the built-in plan with a package style
// over every kind (a colour, a width): what a package's own styles cost
// against the class styles alone (BenchmarkNewScaleFrame/1080p).
func BenchmarkNewScaleFrameStyledKinds(b *testing.B) {
	p, err := planpkg.BuiltIn()
	if err != nil {
		b.Fatal(err)
	}
	for i := range p.Kinds {
		p.Kinds[i].Style.Colour = "#2255aa"
		p.Kinds[i].Style.Width = 0.8
	}
	s := &render.Scene{Plan: p, View: cityView(b, 1920, 1080, 96), Lang: "zh", Theme: render.ThemeLight, Frame: render.FullFrame, Cache: render.NewCache(0)}
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	render.Raster(s, img)
	v := s.View
	for i := 0; b.Loop(); i++ {
		f := 1.35
		if i%10 >= 5 {
			f = 1 / 1.35
		}
		v = v.ZoomAt(f, 1920*0.47, 1080*0.52)
		s.View = v
		if _, err := render.Raster(s, img); err != nil {
			b.Fatal(err)
		}
	}
}
