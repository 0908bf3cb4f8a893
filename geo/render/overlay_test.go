package render_test

import (
	"bytes"
	"fmt"
	"image"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/formats"
	"github.com/planatlas/planatlas/geo/layer"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/proj"
	"github.com/planatlas/planatlas/geo/render"
)

func TestOverlayDrawnAndHit(t *testing.T) {
	l, err := formats.Open("../formats/testdata/shp/areas.shp", layer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := render.Overlay{ID: "areas", Name: "测试片区", Layer: l, Color: render.OverlayPalette[2], LabelField: "MC", Visible: true}
	s := scene(t, cityView(t, 1200, 800, 96))
	s.Layers = map[plan.GroupID]bool{"base": true, "county": true}
	s.Overlays = []render.Overlay{o}
	img, res := render1(t, s)
	// Inside the polygon (not in its hole): tinted towards the overlay colour.
	p := s.View.Pixel(orb.Point{106.64, 31.74})
	c := img.RGBAAt(int(p[0]), int(p[1]))
	if !(c.B > c.R && c.B > c.G) {
		t.Errorf("overlay interior pixel %v is not tinted blue", c)
	}
	id := render.HitTest(s, res, p[0], p[1], 3)
	if id != render.OverlayFeatureID(o.ID, 0) {
		t.Errorf("hit %q, want the overlay feature", id)
	}
	if _, ok := res.Labels[render.OverlayFeatureID(o.ID, 0)]; !ok {
		t.Error("the overlay feature has no label from its MC field")
	}
	// Hidden overlays are not drawn. The scene holds its own copy of the
	// overlay's style: changing the overlay the scene was made from does
	// not change the scene.
	o.Visible = false
	if !s.Overlays[0].Visible {
		t.Fatal("the scene shares the overlay's style instead of copying it")
	}
	s.Overlays = []render.Overlay{o}
	img2, _ := render1(t, s)
	if img2.RGBAAt(int(p[0]), int(p[1])) == c {
		t.Error("hiding the overlay did not change the map")
	}
}

// writeCollection writes a GeoJSON FeatureCollection of n features, each
// written by feature from a seeded random source, to a temporary file.
func writeCollection(b testing.TB, name string, seed int64, n int, feature func(sb *strings.Builder, r *rand.Rand, i int)) string {
	path := filepath.Join(b.TempDir(), name)
	r := rand.New(rand.NewSource(seed))
	var sb strings.Builder
	sb.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		feature(&sb, r, i)
	}
	sb.WriteString("]}")
	os.WriteFile(path, []byte(sb.String()), 0o644)
	return path
}

// bigOverlay writes a GeoJSON of n lines of m vertices wandering over Bazhong.
func bigOverlay(b testing.TB, n, m int) string {
	return writeCollection(b, "big.geojson", 1, n, func(sb *strings.Builder, r *rand.Rand, i int) {
		x, y := 106.4+1.3*r.Float64(), 31.3+1.4*r.Float64()
		fmt.Fprintf(sb, `{"type":"Feature","properties":{"n":%d},"geometry":{"type":"LineString","coordinates":[`, i)
		for j := 0; j < m; j++ {
			if j > 0 {
				sb.WriteByte(',')
			}
			a := r.Float64() * 2 * math.Pi
			x, y = x+0.0004*math.Cos(a), y+0.0004*math.Sin(a)
			fmt.Fprintf(sb, "[%.6f,%.6f]", x, y)
		}
		sb.WriteString("]}}")
	})
}

// bigPoints writes a GeoJSON of n named points (a survey) scattered over Bazhong.
func bigPoints(b testing.TB, n int) string {
	return writeCollection(b, "points.geojson", 2, n, func(sb *strings.Builder, r *rand.Rand, i int) {
		fmt.Fprintf(sb, `{"type":"Feature","properties":{"name":"P%d"},"geometry":{"type":"Point","coordinates":[%.6f,%.6f]}}`,
			i, 106.4+1.3*r.Float64(), 31.3+1.4*r.Float64())
	})
}

// Loading an overlay of a million vertices (1,000 lines of 1,000, or a
// million labelled points): read, parse, project, rank, index, first frame.
func BenchmarkOverlayLoad1M(b *testing.B) {
	p := thePlan(b)
	for _, tc := range []struct {
		name, path, label string
	}{
		{"lines", bigOverlay(b, 1000, 1000), ""},
		{"points", bigPoints(b, 1000000), "name"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				l, err := formats.Open(tc.path, layer.Options{})
				if err != nil {
					b.Fatal(err)
				}
				s := scene(b, cityView(b, 1920, 1080, 96))
				s.Plan = p
				o := render.Overlay{ID: "big", Name: "big", Layer: l, Color: render.OverlayPalette[0], LabelField: tc.label, Visible: true}
				s.Overlays = []render.Overlay{o}
				render.Image(s) // the first frame projects, ranks and indexes
				s.Cache.Release(o.ID)
			}
		})
	}
}

// session is a planner exploring the map: frames of panning, and every
// tenth frame a wheel zoom to a new scale (1.25×), in five steps to about
// 3× and back out, over and over. zoomEvery 1 zooms every frame instead.
func session(s *render.Scene, b *testing.B, zoomEvery int) {
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	if _, err := render.Raster(s, img); err != nil {
		b.Fatal(err)
	}
	v := s.View
	i, zooms := 0, 0
	for b.Loop() {
		i++
		if i%zoomEvery == 0 {
			f := 1.25
			if zooms%10 >= 5 {
				f = 1 / 1.25
			}
			zooms++
			v = v.ZoomAt(f, 900+float64(zooms%3)*40, 500)
		} else {
			d := float64(i%40) - 20
			v = v.Pan(d*0.7, d*0.4)
		}
		s.View = v
		if _, err := render.Raster(s, img); err != nil {
			b.Fatal(err)
		}
	}
}

// Panning and zooming at 1920×1080: the plan alone, with an overlay of a
// million vertices as 1,000 lines of 1,000, and with a million labelled
// points, all over the whole city.
func BenchmarkOverlayFrame1M(b *testing.B) {
	l, err := formats.Open(bigOverlay(b, 1000, 1000), layer.Options{})
	if err != nil {
		b.Fatal(err)
	}
	pts, err := formats.Open(bigPoints(b, 1000000), layer.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		overlay   *layer.Layer
		label     string
		zoomEvery int
	}{
		{"plan/pan-zoom", nil, "", 10},
		{"lines/pan-zoom", l, "", 10},
		{"points/pan-zoom", pts, "name", 10},
		{"plan/zoom-every-frame", nil, "", 1},
		{"lines/zoom-every-frame", l, "", 1},
		{"points/zoom-every-frame", pts, "name", 1},
	} {
		b.Run(tc.name, func(b *testing.B) {
			s := scene(b, cityView(b, 1920, 1080, 96))
			if tc.overlay != nil {
				s.Overlays = []render.Overlay{{ID: tc.name, Name: "big", Layer: tc.overlay, Color: render.OverlayPalette[0], LabelField: tc.label, Visible: true}}
			}
			session(s, b, tc.zoomEvery)
		})
	}
}

// Hovering over a million-vertex overlay: a hit test on every mouse move.
func BenchmarkOverlayHitTest1M(b *testing.B) {
	l, err := formats.Open(bigOverlay(b, 1000, 1000), layer.Options{})
	if err != nil {
		b.Fatal(err)
	}
	s := scene(b, cityView(b, 1920, 1080, 96))
	o := render.Overlay{ID: "big", Name: "big", Layer: l, Color: render.OverlayPalette[0], Visible: true}
	s.Overlays = []render.Overlay{o}
	_, res := render1(b, s)
	hits, i := 0, 0
	for b.Loop() {
		i++
		if render.HitTest(s, res, float64(300+i*37%1300), float64(200+i*53%700), 3) != "" {
			hits++
		}
	}
	if hits == 0 {
		b.Error("no hover found a feature")
	}
}

// A survey of thousands of points: drawn as dots, not labelled, still
// found under the pointer, and a selected one gets its symbol and ring.
func TestDenseOverlayPoints(t *testing.T) {
	l := &layer.Layer{Name: "survey"}
	for i := 0; i < 60; i++ {
		for j := 0; j < 50; j++ { // 3,000 points on a grid over the middle of the city
			p := orb.Point{106.5 + 0.01*float64(i), 31.6 + 0.01*float64(j)}
			l.Features = append(l.Features, layer.Feature{Geometry: p, Props: map[string]any{"name": fmt.Sprintf("点%d", i*50+j)}})
		}
	}
	o := render.Overlay{ID: "survey", Name: "survey", Layer: l, Color: render.OverlayPalette[2], LabelField: "name", Visible: true}
	s := scene(t, cityView(t, 1200, 800, 96))
	s.Layers = map[plan.GroupID]bool{"base": true}
	s.Overlays = []render.Overlay{o}
	img, res := render1(t, s)
	target := l.Features[30*50+25].Geometry.(orb.Point)
	px := s.View.Pixel(target)
	if c := img.RGBAAt(int(px[0]), int(px[1])); !(c.B > c.R+40 && c.B > c.G+40) {
		t.Errorf("the dot at %v is %v, not the overlay's blue", px, c)
	}
	for id := range res.Labels {
		if strings.HasPrefix(id, "overlay:") {
			t.Fatalf("a dense overlay got labels (%s)", id)
		}
	}
	id := render.OverlayFeatureID(o.ID, 30*50+25)
	if _, listed := res.Points[id]; listed {
		t.Error("a dot is listed among the point symbols")
	}
	if got := render.HitTest(s, res, px[0], px[1], 3); got != id {
		t.Errorf("hit %q at the dot, want %q", got, id)
	}
	// Selected, it is drawn as a symbol with the highlight ring.
	s.Selected = map[string]bool{id: true}
	img2, res2 := render1(t, s)
	if _, listed := res2.Points[id]; !listed {
		t.Error("the selected point is not drawn as a symbol")
	}
	changed := 0
	for y := int(px[1]) - 12; y <= int(px[1])+12; y++ {
		for x := int(px[0]) - 12; x <= int(px[0])+12; x++ {
			if img.RGBAAt(x, y) != img2.RGBAAt(x, y) {
				changed++
			}
		}
	}
	if changed < 50 {
		t.Errorf("selecting the point changed %d pixels around it", changed)
	}
	// SVG and PDF get the dots as one embedded image, not 3,000 paths.
	s.Selected = nil
	var svg, pdf bytes.Buffer
	if err := render.SVG(s, &svg); err != nil || render.PDF(s, &pdf) != nil {
		t.Fatal(err)
	}
	if n := strings.Count(svg.String(), "<image"); n != 1 || svg.Len() > 1<<20 {
		t.Errorf("SVG: %d images, %d KB", n, svg.Len()>>10)
	}
	if image := regexp.MustCompile(`/Subtype\s*/Image`); !image.Match(pdf.Bytes()) || pdf.Len() > 1<<20 {
		t.Errorf("PDF: %d KB, image embedded: %v", pdf.Len()>>10, image.Match(pdf.Bytes()))
	}
}

// bigPolygons writes a GeoJSON of n parcels of m vertices (a land-use
// survey): 221,000 parcels of 29 vertices make about 200 MB and 6.4 M
// vertices, the file a planner's GIS colleague hands over.
func bigPolygons(b testing.TB, n, m int) string {
	return writeCollection(b, "parcels.geojson", 3, n, func(sb *strings.Builder, r *rand.Rand, i int) {
		cx, cy := 106.4+1.3*r.Float64(), 31.3+1.4*r.Float64()
		fmt.Fprintf(sb, `{"type":"Feature","properties":{"DLBM":"0%d","DLMC":"地类%d","QSDWMC":"巴州区某某村民委员会","TBMJ":%.2f},"geometry":{"type":"Polygon","coordinates":[[`, i%9, i%9, r.Float64()*10000)
		first := ""
		for j := 0; j < m-1; j++ {
			a := 2 * math.Pi * float64(j) / float64(m-1)
			rr := 0.002 * (0.7 + 0.3*r.Float64())
			v := fmt.Sprintf("[%.7f,%.7f]", cx+rr*math.Cos(a), cy+rr*math.Sin(a))
			if j == 0 {
				first = v
			}
			sb.WriteString(v)
			sb.WriteByte(',')
		}
		sb.WriteString(first)
		sb.WriteString("]]}}")
	})
}

// Opening a 200 MB GeoJSON of 221,000 parcels (6.4 M vertices): read,
// project, index and the first frame, with the process's peak resident
// memory (VmHWM, reset before each run) as peak-RSS-MB, with the app's
// soft memory limit. Targets: ≤ 10 s, ≤ 1.5 GB.
func BenchmarkOverlayOpen200MB(b *testing.B) {
	path := bigPolygons(b, 221000, 29)
	st, _ := os.Stat(path)
	b.Logf("%s: %d MB", path, st.Size()>>20)
	p := thePlan(b)
	render.LimitMemory() // as the app does
	defer debug.SetMemoryLimit(math.MaxInt64)
	for b.Loop() {
		debug.FreeOSMemory() // what writing the test file took
		os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
		l, err := formats.Open(path, layer.Options{})
		if err != nil {
			b.Fatal(err)
		}
		s := scene(b, cityView(b, 1920, 1080, 96))
		s.Plan = p
		o := render.Overlay{ID: "parcels", Name: "parcels", Layer: l, Color: render.OverlayPalette[0], Visible: true}
		s.Overlays = []render.Overlay{o}
		render.Image(s)
		b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MB")
		s.Cache.Release(o.ID)
	}
}

// A million labelled points kept open, as the app keeps them: the
// process's resident memory once the overlay is read, prepared and drawn
// twice and reading's garbage is handed back (the app does so a second
// after a layer opens), as RSS-MB, what the overlay adds to the process
// as overlay-RSS-MB, and the live heap as heap-MB. Target: ≤ 250 MB
// resident.
func BenchmarkOverlayMemory1M(b *testing.B) {
	path := bigPoints(b, 1000000)
	p := thePlan(b)
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	render.Raster(scene(b, cityView(b, 1920, 1080, 96)), img)
	debug.FreeOSMemory()
	base := procStatus("VmRSS:") // the plan, drawn, without the overlay
	for b.Loop() {
		debug.FreeOSMemory()
		l, err := formats.Open(path, layer.Options{})
		if err != nil {
			b.Fatal(err)
		}
		s := scene(b, cityView(b, 1920, 1080, 96))
		s.Plan = p
		o := render.Overlay{ID: "survey", Name: "survey", Layer: l, Color: render.OverlayPalette[0], LabelField: "name", Visible: true}
		s.Cache.PrepareOverlay(o.ID, l) // as the app does when a layer opens
		s.Overlays = []render.Overlay{o}
		render.Raster(s, img)
		render.Raster(s, img)
		debug.FreeOSMemory()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		rss := procStatus("VmRSS:")
		b.ReportMetric(float64(rss)/(1<<20), "RSS-MB")
		b.ReportMetric(float64(rss-base)/(1<<20), "overlay-RSS-MB")
		b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
		s.Cache.Release(o.ID)
	}
}

// peakRSS is the process's peak resident memory in bytes (Linux; 0 elsewhere).
func peakRSS() int64 { return procStatus("VmHWM:") }

// procStatus reads a memory line of /proc/self/status in bytes (Linux; 0
// elsewhere).
func procStatus(key string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, key) {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(line, key)), "%d", &kb)
			return kb << 10
		}
	}
	return 0
}

// A drawing's features carry their own colours (a DXF's layer and entity
// colours): with OwnColours each line is drawn in its own; without, in
// the overlay's.
func TestOverlayOwnColours(t *testing.T) {
	l := &layer.Layer{Name: "cad", Features: []layer.Feature{
		{Geometry: orb.LineString{{106.6, 31.80}, {106.9, 31.80}}, Props: map[string]any{"Color": "#ff0000"}},
		{Geometry: orb.LineString{{106.6, 31.90}, {106.9, 31.90}}, Props: map[string]any{"Color": "#0000ff"}},
	}}
	v := proj.Fit(orb.Bound{Min: orb.Point{106.55, 31.75}, Max: orb.Point{106.95, 31.95}}, 400, 200, 96, 0)
	for k, own := range []bool{true, false, true} {
		width := 1.5
		if k == 2 {
			width = 0 // the thin line of the screen, drawn as hairlines
		}
		s := scene(t, v)
		s.Layers = map[plan.GroupID]bool{}
		s.Frame = render.Frame{}
		s.Overlays = []render.Overlay{{ID: "cad", Name: "cad", Layer: l, Color: render.OverlayPalette[1], Visible: true, LineWidth: width, OwnColours: own}}
		img, _, err := render.Image(s)
		if err != nil {
			t.Fatal(err)
		}
		at := func(lat float64) (r, g, b uint32) {
			p := v.Pixel(orb.Point{106.75, lat})
			r, g, b, _ = img.At(int(p[0]), int(p[1])).RGBA()
			return r >> 8, g >> 8, b >> 8
		}
		r1, g1, b1 := at(31.80)
		r2, g2, b2 := at(31.90)
		if own && !(r1 > 150 && g1 < 100 && b1 < 100 && b2 > 150 && r2 < 100 && g2 < 100) {
			t.Errorf("own colours: the lines are (%d,%d,%d) and (%d,%d,%d); want red and blue", r1, g1, b1, r2, g2, b2)
		}
		if !own && (r1 != r2 || g1 != g2 || b1 != b2) {
			t.Errorf("the overlay's colour: the lines are (%d,%d,%d) and (%d,%d,%d); want the same", r1, g1, b1, r2, g2, b2)
		}
	}
}
