package render_test

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/proj"
	"github.com/planatlas/planatlas/geo/render"
)

// The base-map test picture (../basemap/testdata) covers lon 106.5–107.0,
// lat 31.7–32.0 with a 25-pixel checkerboard in blue: 200 and 60.
func testBasemap(t testing.TB) basemap.Source {
	t.Helper()
	r, err := basemap.OpenGeoTIFF("../basemap/testdata/rgb-deflate-tiled.tif", 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

var (
	lightSquare = orb.Point{106.5 + 12.5*0.0025, 32.0 - 12.5*0.002} // picture pixel (12, 12): blue 200
	darkSquare  = orb.Point{106.5 + 37.5*0.0025, 32.0 - 12.5*0.002} // picture pixel (37, 12): blue 60
)

func basemapScene(t testing.TB, w, h int, with bool) *render.Scene {
	v := proj.Fit(orb.Bound{Min: orb.Point{106.45, 31.65}, Max: orb.Point{107.05, 32.05}}, w, h, 96, 10)
	s := scene(t, v)
	s.Frame = render.Frame{Attribution: true}
	if with {
		s.Basemaps = []render.Basemap{{ID: "test", Source: testBasemap(t), Visible: true}}
	}
	return s
}

// beyondPicture are places in the view beyond the test picture's edge,
// on the plan's areas.
var beyondPicture = []orb.Point{{106.47, 31.85}, {106.8, 32.03}}

// sameColour compares two images' colours at place p of view v: each
// channel within tol levels.
func sameColour(a, b image.Image, v proj.View, p orb.Point, tol int) (ca, cb [3]int, ok bool) {
	q := v.Pixel(p)
	for i, img := range []image.Image{a, b} {
		r, g, bl, _ := img.At(int(q[0]), int(q[1])).RGBA()
		c := [3]int{int(r >> 8), int(g >> 8), int(bl >> 8)}
		if i == 0 {
			ca = c
		} else {
			cb = c
		}
	}
	for i := range ca {
		if abs(ca[i]-cb[i]) > tol {
			return ca, cb, false
		}
	}
	return ca, cb, true
}

func blueAt(img image.Image, v proj.View, p orb.Point) int {
	q := v.Pixel(p)
	_, _, b, _ := img.At(int(q[0]), int(q[1])).RGBA()
	return int(b >> 8)
}

func TestBasemapShowsUnderThePlan(t *testing.T) {
	without, _, err := render.Image(basemapScene(t, 900, 700, false))
	if err != nil {
		t.Fatal(err)
	}
	s := basemapScene(t, 900, 700, true)
	with, res, err := render.Image(s)
	if err != nil {
		t.Fatal(err)
	}
	if res.Basemap.Drawn == 0 || res.BasemapErr != nil {
		t.Errorf("base map stats %+v, error %v", res.Basemap, res.BasemapErr)
	}
	v := s.View
	l, d := blueAt(with, v, lightSquare), blueAt(with, v, darkSquare)
	l0, d0 := blueAt(without, v, lightSquare), blueAt(without, v, darkSquare)
	if l-d < 40 {
		t.Errorf("the checkerboard's squares drawn blue %d and %d under the plan: the base map does not show through the fills", l, d)
	}
	if abs(l0-d0) > 5 {
		t.Errorf("without a base map the two places differ (%d, %d): the test points are not on plain fill", l0, d0)
	}
	// Faded to a quarter: the squares still differ, but less.
	s.Basemaps[0].Opacity = 0.25
	faded, _, _ := render.Image(s)
	fl, fd := blueAt(faded, v, lightSquare), blueAt(faded, v, darkSquare)
	if !(fl-fd > 5 && fl-fd < (l-d)/2) {
		t.Errorf("faded to 0.25: squares %d and %d (opaque %d and %d)", fl, fd, l, d)
	}
	// Greyed: the light square's strong blue (15, 20, 200) no longer tints the fill.
	s.Basemaps[0].Opacity, s.Basemaps[0].Grey = 1, true
	grey, _, _ := render.Image(s)
	spread := func(img image.Image) int {
		q := v.Pixel(lightSquare)
		r, _, b, _ := img.At(int(q[0]), int(q[1])).RGBA()
		return int(b>>8) - int(r>>8)
	}
	if g, c, none := spread(grey), spread(with), spread(without); !(abs(g-none) < abs(c-none)/3) {
		t.Errorf("blue minus red over the light square: greyed %d, in colour %d, no base map %d", g, c, none)
	}
	s.Basemaps[0].Grey = false
	// Beyond the picture's edge (it ends at 107.0°E, 32.0°N) the plan's
	// areas keep their colour: a scan laid under part of the city does not
	// pale the rest.
	for _, p := range beyondPicture {
		if c1, c0, ok := sameColour(with, without, v, p, 2); !ok {
			t.Errorf("at %v, beyond the base map: %v with it, %v without", p, c1, c0)
		}
	}
	// A hidden base map draws nothing and keeps the fills opaque.
	s.Basemaps[0].Visible = false
	hidden, _, _ := render.Image(s)
	if blueAt(hidden, v, lightSquare) != l0 {
		t.Error("a hidden base map changed the map")
	}
}

func TestBasemapInSVGAndPDFWithItsCredit(t *testing.T) {
	s := basemapScene(t, 900, 700, true)
	var svg bytes.Buffer
	if err := render.SVG(s, &svg); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(svg.String(), "<image") {
		t.Error("the SVG has no embedded base map image")
	}
	if !strings.Contains(svg.String(), "rgb-deflate-tiled.tif") {
		t.Error("the SVG's attribution does not credit the base map")
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("poppler-utils not installed")
	}
	dir := t.TempDir()
	page := func(s *render.Scene, name string) image.Image {
		pdf := filepath.Join(dir, name+".pdf")
		if err := render.WriteFile(s, "pdf", pdf); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("pdftoppm", "-r", "72", "-png", "-singlefile", pdf, filepath.Join(dir, name)).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
		f, err := os.Open(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	img := page(s, "map")
	// 72 dpi of a 96 dpi page: three quarters of the view's pixels.
	v := s.View
	v.Width, v.Height, v.DPI = img.Bounds().Dx(), img.Bounds().Dy(), 72
	if l, d := blueAt(img, v, lightSquare), blueAt(img, v, darkSquare); l-d < 40 {
		t.Errorf("in the PDF the squares are blue %d and %d: the base map is not under the plan", l, d)
	}
	if out, err := exec.Command("pdftotext", filepath.Join(dir, "map.pdf"), "-").Output(); err == nil && !strings.Contains(string(out), "rgb-deflate-tiled.tif") {
		t.Error("the PDF's attribution does not credit the base map")
	}
	// Beyond the picture's edge the areas keep their full colour, as on
	// screen: the PDF there is the PDF without a base map.
	without := page(basemapScene(t, 900, 700, false), "without")
	for _, p := range beyondPicture {
		if c1, c0, ok := sameColour(img, without, v, p, 3); !ok {
			t.Errorf("PDF at %v, beyond the base map: %v with it, %v without", p, c1, c0)
		}
	}
}

// A 1080p frame with a decoded base map against one without: the same
// view again (what the screen redraws on hover and selection), and a new
// scale each frame. Target: ≤ 5 ms more than without, for the repeat.
func BenchmarkFrameWithBasemap1080p(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	for _, tc := range []struct {
		name     string
		with     bool
		newScale bool
		tiles    bool
		screen   bool // the screen's frame: base maps from the level while it serves
	}{{"without", false, false, false, false}, {"with", true, false, false, false}, {"without-new-scale", false, true, false, false},
		{"with-new-scale", true, true, false, false}, {"mbtiles-new-scale", true, true, true, false},
		{"with-new-scale-screen", true, true, false, true}, {"mbtiles-new-scale-screen", true, true, true, true}} {
		b.Run(tc.name, func(b *testing.B) {
			s := basemapScene(b, 1920, 1080, tc.with)
			s.BasemapNoWait = tc.screen
			if tc.tiles {
				src, err := basemap.Open("../basemap/testdata/rgb.mbtiles", basemap.OpenOptions{})
				if err != nil {
					b.Fatal(err)
				}
				defer src.Close()
				s.Basemaps[0].Source = src
			}
			s.Frame = render.FullFrame
			base := s.View
			render.Raster(s, img)
			i := 0
			for b.Loop() {
				if tc.newScale {
					i++
					f := 1.0 + 0.01*float64(i%20+1)
					s.View = base.ZoomAt(f, 960, 540)
				}
				if _, err := render.Raster(s, img); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// A base map laid over the plan covers its areas and lines (but not its
// symbols and labels), and the areas keep their own opaque colours.
func TestBasemapOverThePlan(t *testing.T) {
	s := basemapScene(t, 900, 700, true)
	s.Basemaps[0].Over = true
	over, res, err := render.Image(s)
	if err != nil || res.Basemap.Drawn == 0 {
		t.Fatal(err, res.Basemap)
	}
	v := s.View
	if l, d := blueAt(over, v, lightSquare), blueAt(over, v, darkSquare); abs(l-200) > 3 || abs(d-60) > 3 {
		t.Errorf("over the plan the squares are blue %d and %d; the picture's are 200 and 60", l, d)
	}
	// Half transparent: half the picture, half the plan's own opaque fill.
	s.Basemaps[0].Opacity = 0.5
	half, _, _ := render.Image(s)
	s.Basemaps[0].Visible = false
	plain, _, _ := render.Image(s)
	if got, want := blueAt(half, v, lightSquare), (200+blueAt(plain, v, lightSquare))/2; abs(got-want) > 4 {
		t.Errorf("at half opacity over the plan: blue %d, want about %d", got, want)
	}
}

// On screen a view at a nearby scale is resampled from the level drawn
// before (close to the exact drawing, and said to be approximate); at
// rest, beyond the level's range, or with a source changed, the base map
// is drawn exactly again.
func TestBasemapLevelStandsIn(t *testing.T) {
	s := basemapScene(t, 800, 600, true)
	s.BasemapNoWait = true
	s.Cache = render.NewCache(0)
	base := s.View
	if _, res, err := render.Image(s); err != nil || res.Basemap.Approx {
		t.Fatalf("first frame: %+v, %v", res.Basemap, err)
	}
	s.View = base.ZoomAt(1.3, 300, 200)
	near, res, err := render.Image(s)
	if err != nil || !res.Basemap.Approx {
		t.Fatalf("a nearby scale: %+v, %v; want it from the level", res.Basemap, err)
	}
	exact := *s
	exact.BasemapExact = true
	want, res2, _ := render.Image(&exact)
	if res2.Basemap.Approx {
		t.Error("an exact frame says it is approximate")
	}
	// Close to the exact drawing: the same colours, a little softer.
	var diff, n float64
	for i := 0; i < len(want.Pix); i += 4 {
		for c := 0; c < 3; c++ {
			d := float64(want.Pix[i+c]) - float64(near.Pix[i+c])
			diff += d * d
			n++
		}
	}
	if rms := math.Sqrt(diff / n); rms > 12 {
		t.Errorf("the frame from the level differs from the exact one by %.1f levels (rms)", rms)
	} else {
		t.Logf("from the level: %.1f levels (rms) from the exact frame", rms)
	}
	// Beyond the range: exact, and the new level.
	s.View = base.ZoomAt(2.5, 400, 300)
	if _, res, _ := render.Image(s); res.Basemap.Approx {
		t.Error("a view 2.5× nearer was drawn from the level")
	}
	// A source's look changed: exact.
	s.View = base.ZoomAt(2.3, 400, 300)
	s.Basemaps[0].Opacity = 0.5
	if _, res, _ := render.Image(s); res.Basemap.Approx {
		t.Error("a changed opacity was drawn from the old level")
	}
}
