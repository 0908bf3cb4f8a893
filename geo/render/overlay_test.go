package render_test

import (
	"fmt"
	"image"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/formats"
	"github.com/planatlas/planatlas/geo/render"
)

func TestOverlayDrawnAndHit(t *testing.T) {
	l, err := formats.Open("../formats/testdata/shp/areas.shp", formats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := &render.Overlay{ID: "areas", Name: "测试片区", Layer: l, Color: render.OverlayPalette[2], LabelField: "MC", Visible: true}
	s := scene(t, cityView(t, 1200, 800, 96))
	s.Layers = map[string]bool{"base": true, "county": true}
	s.Overlays = []*render.Overlay{o}
	img, res := render1(t, s)
	// Inside the polygon (not in its hole): tinted towards the overlay colour.
	p := s.View.Pixel(orb.Point{106.64, 31.74})
	c := img.RGBAAt(int(p[0]), int(p[1]))
	if !(c.B > c.R && c.B > c.G) {
		t.Errorf("overlay interior pixel %v is not tinted blue", c)
	}
	id := render.HitTest(s, res, p[0], p[1], 3)
	if id != render.OverlayFeatureID(o, 0) {
		t.Errorf("hit %q, want the overlay feature", id)
	}
	if _, ok := res.Labels[render.OverlayFeatureID(o, 0)]; !ok {
		t.Error("the overlay feature has no label from its MC field")
	}
	// Hidden overlays are not drawn.
	o.Visible = false
	img2, _ := render1(t, s)
	if img2.RGBAAt(int(p[0]), int(p[1])) == c {
		t.Error("hiding the overlay did not change the map")
	}
}

// bigOverlay writes a GeoJSON of n lines of m vertices wandering over Bazhong.
func bigOverlay(b testing.TB, n, m int) string {
	path := filepath.Join(b.TempDir(), "big.geojson")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	r := rand.New(rand.NewSource(1))
	var sb strings.Builder
	sb.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		x, y := 106.4+1.3*r.Float64(), 31.3+1.4*r.Float64()
		fmt.Fprintf(&sb, `{"type":"Feature","properties":{"n":%d},"geometry":{"type":"LineString","coordinates":[`, i)
		for j := 0; j < m; j++ {
			if j > 0 {
				sb.WriteByte(',')
			}
			a := r.Float64() * 2 * math.Pi
			x, y = x+0.0004*math.Cos(a), y+0.0004*math.Sin(a)
			fmt.Fprintf(&sb, "[%.6f,%.6f]", x, y)
		}
		sb.WriteString("]}}")
	}
	sb.WriteString("]}")
	os.WriteFile(path, []byte(sb.String()), 0o644)
	return path
}

// Loading an overlay of a million vertices: read, parse, project, index.
func BenchmarkOverlayLoad1M(b *testing.B) {
	path := bigOverlay(b, 1000, 1000)
	p := thePlan(b)
	for b.Loop() {
		l, err := formats.Open(path, formats.Options{})
		if err != nil {
			b.Fatal(err)
		}
		s := scene(b, cityView(b, 1920, 1080, 96))
		s.Plan = p
		s.Overlays = []*render.Overlay{{ID: "big", Name: "big", Layer: l, Color: render.OverlayPalette[0], Visible: true}}
		render.Image(s) // the first frame projects, indexes and simplifies
	}
}

// Panning and zooming with a million-vertex overlay: each frame a new view.
func BenchmarkOverlayFrame1M(b *testing.B) {
	l, err := formats.Open(bigOverlay(b, 1000, 1000), formats.Options{})
	if err != nil {
		b.Fatal(err)
	}
	s := scene(b, cityView(b, 1920, 1080, 96))
	s.Overlays = []*render.Overlay{{ID: "big", Name: "big", Layer: l, Color: render.OverlayPalette[0], Visible: true}}
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	render.Raster(s, img)
	v0 := s.View
	i := 0
	for b.Loop() {
		i++
		v := v0.Pan(float64(i%20)*9, float64(i%7)*5)
		if i%10 == 0 {
			v = v.ZoomAt(1.5, 900, 500)
		}
		s.View = v
		if _, err := render.Raster(s, img); err != nil {
			b.Fatal(err)
		}
	}
}
