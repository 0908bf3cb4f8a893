package render

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"math/rand"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/layer"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/geo/proj"
)

// Counting dots gives the image that blending them one by one gives.
func TestDotDensityMatchesSequentialDots(t *testing.T) {
	const w, h, r = 64, 48, 1
	c := color.NRGBA{0x43, 0x63, 0xD8, 0xFF}
	rnd := rand.New(rand.NewSource(3))
	var pts [][2]float64
	for i := 0; i < 2000; i++ { // crowded in one corner, sparse elsewhere
		pts = append(pts, [2]float64{rnd.Float64() * 20, rnd.Float64() * 15}, [2]float64{rnd.Float64()*w*1.2 - 4, rnd.Float64()*h*1.2 - 4})
	}
	base := func() *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for i := range img.Pix {
			img.Pix[i] = []uint8{235, 230, 220, 255}[i%4]
		}
		return img
	}
	// One by one, in float, as a painter would.
	want := base()
	a := dotAlpha / 255.0
	fl := make([]float64, len(want.Pix))
	for i, v := range want.Pix {
		fl[i] = float64(v)
	}
	for _, p := range pts {
		cx, cy := int(p[0]), int(p[1])
		if p[0] < 0 || p[1] < 0 || cx >= w || cy >= h {
			continue
		}
		for y := max(cy-r, 0); y <= min(cy+r, h-1); y++ {
			for x := max(cx-r, 0); x <= min(cx+r, w-1); x++ {
				i := y*want.Stride + x*4
				for k, v := range []float64{float64(c.R), float64(c.G), float64(c.B), 255} {
					fl[i+k] = fl[i+k]*(1-a) + v*a
				}
			}
		}
	}
	// All at once, in two bands (uncapped, as blending one by one is).
	d := newDotDensityCapped(w, h, r, c, 255)
	for _, p := range pts {
		d.add(p)
	}
	got := base()
	d.draw(got.SubImage(image.Rect(0, 0, w, 20)).(*image.RGBA), 0)
	d.draw(got.SubImage(image.Rect(0, 20, w, h)).(*image.RGBA), 20)
	worst := 0.0
	for i, v := range got.Pix {
		worst = math.Max(worst, math.Abs(float64(v)-fl[i]))
	}
	if worst > 2 {
		t.Errorf("counted dots differ from blended ones by up to %.1f levels", worst)
	}
	// Capped, the crowded corner keeps some of the map beneath.
	capped := newDotDensity(w, h, r, c)
	for _, p := range pts {
		capped.add(p)
	}
	img := base()
	capped.draw(img, 0)
	if q := img.RGBAAt(10, 7); q.R < c.R+30 {
		t.Errorf("the crowded corner is %v: the map does not show through", q)
	}
}

// Dots counted from the north-to-south point list (once the background has
// built it) are the dots counted in file order.
func TestDotsFromSortedPoints(t *testing.T) {
	p, err := planpkg.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewSource(5))
	l := &layer.Layer{Name: "survey"}
	for i := 0; i < 5000; i++ {
		l.Features = append(l.Features, layer.Feature{Geometry: orb.Point{106.3 + 1.5*rnd.Float64(), 31.2 + 1.6*rnd.Float64()}, Props: map[string]any{}})
	}
	o := Overlay{ID: "sorted", Layer: l, Color: OverlayPalette[1], Visible: true}
	c := NewCache(0)
	og := c.overlayGeom(o.ID, l)
	for og.points.Load() == nil {
		time.Sleep(time.Millisecond)
	}
	out, _ := p.Feature(p.Info.Outline)
	s := &Scene{Plan: p, Lang: "zh", Theme: ThemeLight, Layers: map[plan.GroupID]bool{"base": true},
		View: proj.Fit(out.Geometry.Bound(), 900, 700, 96, 30), Overlays: []Overlay{o}, Cache: c}
	sorted, _, err := Image(s)
	if err != nil {
		t.Fatal(err)
	}
	og.points.Store(nil)
	fileOrder, _, _ := Image(s)
	if !bytes.Equal(sorted.Pix, fileOrder.Pix) {
		t.Error("dots from the sorted points differ from dots in file order")
	}
}
