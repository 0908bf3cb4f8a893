package render_test

import (
	"bytes"
	"image/color"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/annot"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/render"
)

func annotated(t *testing.T) *render.Scene {
	s := scene(t, cityView(t, 1200, 800, 96))
	s.Layers = map[plan.GroupID]bool{"base": true}
	s.Frame = render.Frame{}
	s.Annotations = []annot.Annotation{
		{ID: "a1", Kind: annot.Arrow, Colour: annot.Colours[0], Width: 2, Points: []orb.Point{{106.3, 31.5}, {107.1, 32.2}}},
		{ID: "a2", Kind: annot.Highlighter, Colour: annot.Colours[1], Width: 2, Points: []orb.Point{{106.3, 32.3}, {107.3, 32.3}}},
		{ID: "a3", Kind: annot.Pin, Colour: annot.Colours[2], Width: 1, Points: []orb.Point{{107.0, 31.4}}, Text: "会场"},
		{ID: "a4", Kind: annot.Ellipse, Colour: annot.Colours[3], Width: 1, Points: []orb.Point{{106.5, 31.3}, {106.7, 31.1}}},
	}
	return s
}

// Annotations are drawn where they are, in their colours, over the map.
func TestAnnotationsDrawn(t *testing.T) {
	s := annotated(t)
	img, _ := render1(t, s)
	near := func(ll orb.Point, want color.NRGBA, name string, tol int) {
		t.Helper()
		p := s.View.Pixel(ll)
		best := 1 << 30
		for dy := -2; dy <= 2; dy++ {
			for dx := -2; dx <= 2; dx++ {
				c := img.RGBAAt(int(p[0])+dx, int(p[1])+dy)
				d := abs(int(c.R)-int(want.R)) + abs(int(c.G)-int(want.G)) + abs(int(c.B)-int(want.B))
				if d < best {
					best = d
				}
			}
		}
		if best > tol {
			t.Errorf("%s: no pixel near %v is %v (closest differs by %d)", name, ll, want, best)
		}
	}
	near(orb.Point{106.7, 31.85}, annot.Colours[0], "arrow shaft", 30)
	// The highlighter is translucent: blue-tinted, not opaque blue.
	p := s.View.Pixel(orb.Point{106.8, 32.3})
	c := img.RGBAAt(int(p[0]), int(p[1]))
	if !(c.B > c.R && c.B > c.G) || c == (color.RGBA{0x1C, 0x64, 0xE0, 0xFF}) {
		t.Errorf("highlighter pixel %v", c)
	}
	near(orb.Point{106.5, 31.2}, annot.Colours[3], "ellipse's west side", 60)
	// Selecting one boxes it; the pixels change near it.
	s2 := annotated(t)
	s2.AnnotationSelected = "a3"
	img2, _ := render1(t, s2)
	if bytes.Equal(img.Pix, img2.Pix) {
		t.Error("the selected annotation is not marked")
	}
}

func TestHitAnnotation(t *testing.T) {
	s := annotated(t)
	tests := []struct {
		ll   orb.Point
		want string
	}{
		{orb.Point{106.7, 31.85}, "a1"},
		{orb.Point{106.8, 32.3}, "a2"},
		{orb.Point{107.0, 31.41}, "a3"},
		{orb.Point{106.5, 31.2}, "a4"},
		{orb.Point{106.6, 31.2}, ""}, // inside the ellipse, away from its line
		{orb.Point{107.3, 31.7}, ""},
	}
	for _, tt := range tests {
		p := s.View.Pixel(tt.ll)
		if got := render.HitAnnotation(s, p[0], p[1], 4); got != tt.want {
			t.Errorf("hit at %v = %q, want %q", tt.ll, got, tt.want)
		}
	}
}

// In an SVG the annotations are vector strokes in their colours.
func TestAnnotationsInSVG(t *testing.T) {
	s := annotated(t)
	var b bytes.Buffer
	if err := render.SVG(s, &b); err != nil {
		t.Fatal(err)
	}
	svg := strings.ToLower(b.String())
	for _, want := range []string{"#e01b24", "#f08c00"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the SVG has no %s stroke", want)
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
