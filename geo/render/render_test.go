package render_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"flag"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/geo/proj"
	"github.com/planatlas/planatlas/geo/render"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata/")

var loaded *plan.Plan

func thePlan(t testing.TB) *plan.Plan {
	t.Helper()
	if loaded == nil {
		p, err := planpkg.BuiltIn()
		if err != nil {
			t.Fatal(err)
		}
		loaded = p
	}
	return loaded
}

func cityView(t testing.TB, w, h int, dpi float64) proj.View {
	p := thePlan(t)
	out, _ := p.Feature(p.Info.Outline)
	return proj.Fit(out.Geometry.Bound(), w, h, dpi, float64(w)/30)
}

// theCache is the tests' render cache, shared like the plan: each test
// would otherwise prepare the plan again.
func theCache() *render.Cache {
	cacheOnce.Do(func() { testCache = render.NewCache(0) })
	return testCache
}

var (
	cacheOnce sync.Once
	testCache *render.Cache
)

func scene(t testing.TB, v proj.View) *render.Scene {
	return &render.Scene{Plan: thePlan(t), View: v, Lang: "zh", Theme: render.ThemeLight, Frame: render.FullFrame, Cache: theCache()}
}

// golden compares img with testdata/name.png, allowing a few pixels of
// anti-aliasing noise; -update rewrites it.
func golden(t *testing.T, name string, img *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", name+".png")
	if *update {
		os.MkdirAll("testdata", 0o755)
		var b bytes.Buffer
		png.Encode(&b, img)
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test ./geo/render -update and look at the image)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("size %v, golden %v", img.Bounds(), want.Bounds())
	}
	diff := 0
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			r1, g1, b1, _ := img.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			if absDiff(r1, r2) > 0x1800 || absDiff(g1, g2) > 0x1800 || absDiff(b1, b2) > 0x1800 {
				diff++
			}
		}
	}
	if limit := img.Bounds().Dx() * img.Bounds().Dy() / 1000; diff > limit {
		out := filepath.Join(os.TempDir(), name+".got.png")
		var b bytes.Buffer
		png.Encode(&b, img)
		os.WriteFile(out, b.Bytes(), 0o644)
		t.Errorf("%d pixels differ from %s (limit %d); got %s", diff, path, limit, out)
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func render1(t testing.TB, s *render.Scene) (*image.RGBA, *render.Result) {
	t.Helper()
	img, res, err := render.Image(s)
	if err != nil {
		t.Fatal(err)
	}
	return img, res
}

func TestGoldenWholeCity(t *testing.T) {
	img, _ := render1(t, scene(t, cityView(t, 800, 560, 96)))
	golden(t, "city-light-zh", img)
}

func TestGoldenCorridorZoom(t *testing.T) {
	// The southern corridors between Bazhong and Nanchong/Dazhou, in English.
	b := orb.Bound{Min: orb.Point{105.9, 30.7}, Max: orb.Point{107.6, 31.95}}
	s := scene(t, proj.Fit(b, 800, 560, 96, 20))
	s.Lang = "en"
	s.Layers = map[plan.GroupID]bool{"base": true, "corridor": true, "network": true}
	img, _ := render1(t, s)
	golden(t, "corridors-light-en", img)
}

func TestGoldenPrint(t *testing.T) {
	s := scene(t, cityView(t, 800, 560, 96))
	s.Theme = render.ThemePrint
	img, _ := render1(t, s)
	golden(t, "city-print-zh", img)
}

func near(c color.RGBA, want color.NRGBA, tol int) bool {
	d := func(a, b uint8) int {
		if a > b {
			return int(a - b)
		}
		return int(b - a)
	}
	return d(c.R, want.R) <= tol && d(c.G, want.G) <= tol && d(c.B, want.B) <= tol
}

// A county's interior has its role colour.
func TestCountyInteriorHasRoleColour(t *testing.T) {
	s := scene(t, cityView(t, 1200, 800, 96))
	s.Layers = map[plan.GroupID]bool{"base": true, "county": true}
	s.Frame = render.Frame{}
	img, _ := render1(t, s)
	pal := render.ThemeLight.Palette()
	tr := s.View.Transform()
	// Most sample points inside each division have its role colour (the
	// rest fall on rivers, borders and labels).
	for _, id := range []string{"nanjiang_county", "tongjiang_county", "bazhou_district", "enyang_district", "pingchang_county"} {
		f, _ := thePlan(t).Feature(id)
		mp := f.Geometry.(orb.MultiPolygon)
		b := mp.Bound()
		in, hit := 0, 0
		for i := 0; i < 30; i++ {
			for j := 0; j < 30; j++ {
				q := orb.Point{b.Min[0] + (b.Max[0]-b.Min[0])*(float64(i)+0.5)/30, b.Min[1] + (b.Max[1]-b.Min[1])*(float64(j)+0.5)/30}
				if !planar.MultiPolygonContains(mp, q) {
					continue
				}
				in++
				px := tr.Pixel(q)
				if near(img.RGBAAt(int(px[0]), int(px[1])), pal.Roles[thePlan(t).RoleIndex(id)], 4) {
					hit++
				}
			}
		}
		if in == 0 || float64(hit) < 0.8*float64(in) {
			t.Errorf("%s: %d of %d interior samples have the role colour %v", id, hit, in, pal.Roles[thePlan(t).RoleIndex(id)])
		}
	}
}

func TestLayerToggleChangesPixels(t *testing.T) {
	s := scene(t, cityView(t, 600, 400, 96))
	all, _ := render1(t, s)
	s.Layers = map[plan.GroupID]bool{"base": true, "county": true, "region": true, "network": true, "logistics": true, "industry": true, "ecology": true, "culture": true}
	noCorr, res := render1(t, s)
	if bytes.Equal(all.Pix, noCorr.Pix) {
		t.Error("hiding the corridors did not change the image")
	}
	for _, id := range res.Visible {
		if id == "bawan_expressway" {
			t.Error("a hidden corridor is still drawn")
		}
	}
}

func TestLegendAndFrame(t *testing.T) {
	s := scene(t, cityView(t, 1200, 800, 96))
	img, _ := render1(t, s)
	// The legend panel (bottom right) holds dark text pixels.
	dark := 0
	for y := 560; y < 790; y++ {
		for x := 1000; x < 1190; x++ {
			if c := img.RGBAAt(x, y); c.R < 80 && c.G < 80 && c.B < 80 {
				dark++
			}
		}
	}
	if dark < 200 {
		t.Errorf("legend area has %d dark pixels; it looks empty", dark)
	}
	// Switching the frame off removes it.
	s.Frame = render.Frame{}
	bare, _ := render1(t, s)
	if bytes.Equal(img.Pix, bare.Pix) {
		t.Error("frame elements draw nothing")
	}
}

func TestLabelsDoNotOverlap(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		s := scene(t, cityView(t, 1920, 1080, 96))
		s.Lang = lang
		_, res := render1(t, s)
		if len(res.Labels) < 30 {
			t.Errorf("%s: only %d labels placed", lang, len(res.Labels))
		}
		type box struct {
			id string
			b  [4]float64
		}
		var boxes []box
		for id, b := range res.Labels {
			boxes = append(boxes, box{id, b})
			if b[0] < 0 || b[1] < 0 || b[2] > 1920 || b[3] > 1080 {
				t.Errorf("%s: label %s at %v leaves the map", lang, id, b)
			}
		}
		for i := range boxes {
			for j := i + 1; j < len(boxes); j++ {
				a, b := boxes[i].b, boxes[j].b
				if a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3] {
					t.Errorf("%s: labels %s and %s overlap", lang, boxes[i].id, boxes[j].id)
				}
			}
		}
		for _, must := range []string{"nanjiang_county", "tongjiang_county", "bazhou_district", "enyang_district", "pingchang_county", "bazhong_city", "enyang_airport"} {
			if _, ok := res.Labels[must]; !ok {
				t.Errorf("%s: no label for %s", lang, must)
			}
		}
	}
}

func TestSelectionIsHighlighted(t *testing.T) {
	s := scene(t, cityView(t, 1600, 1000, 96))
	s.Frame = render.Frame{}
	plain, res := render1(t, s)
	pt := res.Points["guangwushan_scenic_area"]
	s.Selected = map[string]bool{"guangwushan_scenic_area": true}
	sel, _ := render1(t, s)
	hl := render.ThemeLight.Palette().Highlight
	found := false
	for dy := -12; dy <= 12 && !found; dy++ {
		for dx := -12; dx <= 12; dx++ {
			c := sel.RGBAAt(int(pt[0])+dx, int(pt[1])+dy)
			if near(c, hl, 40) {
				found = true
				break
			}
		}
	}
	if !found || bytes.Equal(plain.Pix, sel.Pix) {
		t.Error("the selected scenic area is not highlighted")
	}
}

func TestSVGHasChineseText(t *testing.T) {
	var b bytes.Buffer
	if err := render.SVG(scene(t, cityView(t, 1200, 800, 96)), &b); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(b.Bytes(), new(struct{})); err != nil {
		t.Fatalf("SVG is not XML: %v", err)
	}
	dec := xml.NewDecoder(bytes.NewReader(b.Bytes()))
	var texts []string
	inText := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			inText = inText || tk.Name.Local == "text"
		case xml.EndElement:
			if tk.Name.Local == "text" {
				inText = false
			}
		case xml.CharData:
			if inText {
				texts = append(texts, string(tk))
			}
		}
	}
	all := strings.Join(texts, "|")
	for _, want := range []string{"南江县", "通江县", "巴中市", "图例", "光雾山旅游景区"} {
		if !strings.Contains(all, want) {
			t.Errorf("SVG text lacks %q", want)
		}
	}
	if !strings.Contains(b.String(), "@font-face") {
		t.Error("SVG does not embed its font")
	}
}

func TestPDFEmbedsFontAndRenders(t *testing.T) {
	var b bytes.Buffer
	if err := render.PDF(scene(t, cityView(t, 1200, 800, 96)), &b); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "map.pdf")
	os.WriteFile(path, b.Bytes(), 0o644)
	if _, err := exec.LookPath("pdffonts"); err != nil {
		t.Skip("poppler-utils not installed")
	}
	out, err := exec.Command("pdffonts", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "WenQuanYi") || !strings.Contains(string(out), "yes") {
		t.Errorf("CJK font not embedded:\n%s", out)
	}
	if out, err := exec.Command("pdftoppm", "-r", "30", "-png", path, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	if len(pages) != 1 {
		t.Errorf("pdftoppm made %d pages", len(pages))
	}
}

func TestBadScene(t *testing.T) {
	if _, _, err := render.Image(&render.Scene{Plan: thePlan(t)}); err == nil {
		t.Error("a zero-size view rendered")
	}
	v := cityView(t, 100, 100, 96)
	v.Scale = 0
	if _, _, err := render.Image(&render.Scene{Plan: thePlan(t), View: v}); err == nil {
		t.Error("a zero scale rendered")
	}
}

func BenchmarkRaster1080p(b *testing.B) {
	s := scene(b, cityView(b, 1920, 1080, 96))
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	render.Raster(s, img) // warm the caches
	b.ResetTimer()
	for b.Loop() {
		if _, err := render.Raster(s, img); err != nil {
			b.Fatal(err)
		}
	}
}

// The first frame of a process, against a repeat: each cold run draws with
// a new cache (the plan prepared, the font parsed, the labels shaped all
// over again), as a fresh app or command-line run does. Target: cold ≤ 2×
// warm.
func BenchmarkFrame1080p(b *testing.B) {
	p := thePlan(b)
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			s := scene(b, cityView(b, 1920, 1080, 96))
			s.Plan, s.Cache = p, render.NewCache(0)
			if _, err := render.Raster(s, img); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("warm", func(b *testing.B) {
		s := scene(b, cityView(b, 1920, 1080, 96))
		s.Plan, s.Cache = p, render.NewCache(0)
		render.Raster(s, img)
		for b.Loop() {
			if _, err := render.Raster(s, img); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// A frame at a new scale (every frame a wheel notch further, 1.35×, in and
// out): at 1920×1080 / 96 dpi and at 3840×2160 / 192 dpi (a Retina or
// HiDPI screen draws device pixels). Targets: 20 ms and 33 ms.
func BenchmarkNewScaleFrame(b *testing.B) {
	for _, tc := range []struct {
		name string
		w, h int
		dpi  float64
	}{{"1080p", 1920, 1080, 96}, {"4K", 3840, 2160, 192}} {
		b.Run(tc.name, func(b *testing.B) {
			s := scene(b, cityView(b, tc.w, tc.h, tc.dpi))
			img := image.NewRGBA(image.Rect(0, 0, tc.w, tc.h))
			render.Raster(s, img)
			v := s.View
			for i := 0; b.Loop(); i++ {
				f := 1.35
				if i%10 >= 5 {
					f = 1 / 1.35
				}
				v = v.ZoomAt(f, float64(tc.w)*0.47, float64(tc.h)*0.52)
				s.View = v
				if _, err := render.Raster(s, img); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func a3(b testing.TB) *render.Scene {
	return scene(b, cityView(b, 4961, 3508, 300))
}

func BenchmarkA3PNG(b *testing.B) {
	s := a3(b)
	for b.Loop() {
		var w bytes.Buffer
		if err := render.PNG(s, &w); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkA3SVG(b *testing.B) {
	s := a3(b)
	for b.Loop() {
		var w bytes.Buffer
		if err := render.SVG(s, &w); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkA3PDF(b *testing.B) {
	s := a3(b)
	for b.Loop() {
		var w bytes.Buffer
		if err := render.PDF(s, &w); err != nil {
			b.Fatal(err)
		}
	}
}

func TestHitTest(t *testing.T) {
	s := scene(t, cityView(t, 1600, 1000, 96))
	s.Frame = render.Frame{}
	_, res := render1(t, s)
	tr := s.View.Transform()
	// A point symbol where it was drawn.
	pt := res.Points["guangwushan_scenic_area"]
	if id := render.HitTest(s, res, pt[0]+2, pt[1]-1, 3); id != "guangwushan_scenic_area" {
		t.Errorf("at the 光雾山 symbol: hit %q", id)
	}
	// A corridor line between two of its waypoints (苍溪 → 巴州 expressway, far from symbols).
	f, _ := thePlan(t).Feature("cangba_expressway")
	ls := f.Geometry.(orb.LineString)
	mid := tr.Pixel(ls[len(ls)/3])
	if id := render.HitTest(s, res, mid[0]+1, mid[1], 3); id != "cangba_expressway" {
		t.Errorf("on the 苍巴 expressway: hit %q", id)
	}
	// Inside 通江县, away from lines and symbols: the county role.
	p := tr.Pixel(orb.Point{107.6, 32.25})
	if id := render.HitTest(s, res, p[0], p[1], 3); id != "tongjiang_county" {
		t.Errorf("inside 通江县: hit %q", id)
	}
	// Outside Bazhong: the base map (a neighbouring county or prefecture).
	p = tr.Pixel(orb.Point{106.3, 33.15})
	if id := render.HitTest(s, res, p[0], p[1], 3); !strings.HasPrefix(id, "cnty_") && !strings.HasPrefix(id, "pref_") && !strings.HasPrefix(id, "river_") {
		t.Errorf("in 汉中: hit %q", id)
	}
}

// A presentation animation frame: every frame has a new scale, so no
// stroke outline is reused.
func BenchmarkSceneAnimationFrame1080p(b *testing.B) {
	p := thePlan(b)
	ps, _ := p.SceneByName("corridors")
	s := render.PlanScene(p, ps, 1920, 1080, 96, "zh", render.ThemeLight, render.Frame{ScaleBar: true, North: true})
	s.TextSize = 1.6
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	base := s.View.Scale
	render.Raster(s, img)
	i := 0
	for b.Loop() {
		i++
		s.View.Scale = base * (1 + float64(i%50)*0.013)
		if _, err := render.Raster(s, img); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCancelledExportLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a3.png")
	os.WriteFile(path, []byte("older"), 0o644)
	s := a3(t)
	ctx, cancel := context.WithCancel(context.Background())
	s.Context = ctx
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	err := render.WriteFile(s, "png", path)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "older" {
		t.Error("the older file was replaced")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files left, want 1", len(entries))
	}
}

// With the county roles off, the base map keeps the divisions' boundaries
// and names, without the roles' colours or role lines.
func TestDivisionsStayOnBaseMap(t *testing.T) {
	s := scene(t, cityView(t, 1000, 700, 96))
	s.Layers = map[plan.GroupID]bool{"base": true}
	_, res := render1(t, s)
	for _, id := range []string{"bazhou_district", "tongjiang_county"} {
		if _, ok := res.Labels[id]; !ok {
			t.Errorf("%s is not named on the base map", id)
		}
	}
	drawn := map[string]bool{}
	for _, id := range res.Visible {
		drawn[id] = true
	}
	if !drawn["nanjiang_county"] || drawn["bazhong_edz"] {
		t.Errorf("divisions drawn %v, the development zone drawn %v", drawn["nanjiang_county"], drawn["bazhong_edz"])
	}
	s.Layers = map[plan.GroupID]bool{}
	if _, res := render1(t, s); len(res.Labels) != 0 {
		t.Errorf("with every group off, %d labels", len(res.Labels))
	}
}

// The legend keeps off the plan's city: at the whole-city view of a
// window, in both languages, it takes the corner that covers least of it.
func TestLegendKeepsOffTheCity(t *testing.T) {
	p := thePlan(t)
	out, _ := p.Feature(p.Info.Outline)
	mp := out.Geometry.(orb.MultiPolygon)
	for _, lang := range []string{"zh", "en"} {
		for _, size := range [][2]int{{900, 650}, {1300, 800}} {
			s := scene(t, render.FitView(render.CityBound(p), size[0], size[1], 96, render.FullFrame))
			s.Lang = lang
			_, res := render1(t, s)
			lg := res.Legend
			if lg[2] <= lg[0] {
				t.Fatalf("%s %v: no legend box", lang, size)
			}
			in, n := 0, 0
			for x := lg[0]; x < lg[2]; x += 6 {
				for y := lg[1]; y < lg[3]; y += 6 {
					n++
					if planar.MultiPolygonContains(mp, s.View.LonLat(x, y)) {
						in++
					}
				}
			}
			if share := float64(in) / float64(n); share > 0.02 {
				t.Errorf("%s %v: the legend %v covers %.0f %% of its box over the city", lang, size, lg, 100*share)
			}
		}
	}
}

// Renders with caches of their own (exports beside the screen) load the
// font at the same time; under -race this finds any unsynchronised state
// on that path, ours or the libraries'.
func TestRendersWithTheirOwnCaches(t *testing.T) {
	p := thePlan(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := &render.Scene{Plan: p, View: cityView(t, 320, 200, 96), Lang: "zh", Theme: render.ThemeLight, Frame: render.FullFrame, Cache: render.NewCache(0)}
			if _, _, err := render.Image(s); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// Point symbols never hide one another, and places known exactly are drawn
// where they are: only where two exact places would overlap does the
// lesser move, on a leader line; stand-ins at a county seat are fanned.
func TestPointSymbolsNeitherHideNorWander(t *testing.T) {
	p := thePlan(t)
	for _, size := range [][2]int{{1920, 1080}, {4961, 3508}} {
		s := scene(t, cityView(t, size[0], size[1], 96))
		_, res := render1(t, s)
		mmpp := s.View.MMPerPixel()
		type sym struct {
			id string
			at [2]float64
		}
		var syms []sym
		moved, exact := 0, 0
		for id, at := range res.Points {
			f, ok := p.Feature(id)
			if !ok {
				continue
			}
			syms = append(syms, sym{id, at})
			if f.Precision != plan.PrecisionExact && f.Precision != plan.PrecisionSourced {
				continue
			}
			exact++
			true_ := s.View.Pixel(f.Geometry.(orb.Point))
			if d := math.Hypot(at[0]-true_[0], at[1]-true_[1]); d > 0.5 {
				moved++
				if id == "enyang_airport" {
					t.Errorf("%v: the airport's symbol is %.1f px from its place", size, d)
				}
			}
		}
		if exact == 0 || moved*5 > exact {
			t.Errorf("%v: %d of %d exactly known points moved", size, moved, exact)
		}
		// 1.9 mm is the smallest symbol's radius: two never come closer
		// than their radii allow.
		minGap := 2 * 1.9 / mmpp * 0.95
		for i := range syms {
			for j := i + 1; j < len(syms); j++ {
				a, b := syms[i].at, syms[j].at
				if d := math.Hypot(a[0]-b[0], a[1]-b[1]); d < minGap {
					t.Errorf("%v: symbols of %s and %s are %.1f px apart (under %.1f): one hides the other", size, syms[i].id, syms[j].id, d, minGap)
				}
			}
		}
	}
}

// On screen the legend stays in its corner as the view moves, and in a
// small window it is set smaller to cover at most its share of the map.
func TestScreenLegendStaysAndShrinks(t *testing.T) {
	for _, size := range [][2]int{{1100, 760}, {800, 500}} {
		v := cityView(t, size[0], size[1], 96)
		for i, zoom := range []float64{1, 1.5, 2.5, 4} {
			s := scene(t, v.ZoomAt(zoom, float64(size[0])*0.3, float64(size[1])*0.6))
			s.Frame = render.Frame{Legend: true, ScaleBar: true, North: true, Attribution: true, LegendCorner: render.LegendBottomRight, LegendShare: 0.25}
			_, res := render1(t, s)
			lg := res.Legend
			W, H := float64(size[0]), float64(size[1])
			if lg[2] < W-40 || lg[3] < H-40 {
				t.Errorf("%v zoom %d: legend at %v, not in the bottom right corner", size, i, lg)
			}
			if share := (lg[2] - lg[0]) * (lg[3] - lg[1]) / (W * H); share > 0.25+1e-9 {
				t.Errorf("%v zoom %d: the legend covers %.0f %% of the map", size, i, share*100)
			}
		}
	}
}
