package app

import (
	"bytes"
	"context"
	"database/sql"

	"image"
	"image/color"
	"image/png"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/proj"
	"github.com/planatlas/planatlas/geo/render"
)

const basemapData = "../geo/basemap/testdata/"

// openBasemap opens a base map file as the app does and waits for it.
func openBasemap(t *testing.T, at *Atlas, path string, epsg int) error {
	t.Helper()
	var got error
	called := false
	at.Basemaps.OpenFile(path, epsg, nil, func(err error) { got, called = err, true })
	settle(t, at)
	if !called {
		t.Fatalf("%s: the open never finished", path)
	}
	return got
}

// pixelAt is the map frame's colour at a lon/lat.
func pixelAt(at *Atlas, ll orb.Point) color.RGBA {
	f := at.Map.Frame()
	s, _ := at.Map.Result()
	p := s.View.Pixel(ll)
	return f.RGBAAt(int(p[0]), int(p[1]))
}

func TestBasemapFileUnderThePlan(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	a := test.NewTempApp(t)
	at := newTestAtlas(t, a)
	at.Map.SetView(proj.View{Center: orb.Point{106.75, 31.85}, Scale: 400000, DPI: 96})
	paint(at)
	light := orb.Point{106.5 + 12.5*0.0025, 32.0 - 12.5*0.002} // the test picture's blue-200 square
	dark := orb.Point{106.5 + 37.5*0.0025, 32.0 - 12.5*0.002}  // and a blue-60 one
	before := pixelAt(at, light)
	if err := openBasemap(t, at, basemapData+"rgb-deflate-tiled.tif", 0); err != nil {
		t.Fatal(err)
	}
	paint(at)
	bms := at.State.Basemaps()
	if len(bms) != 1 || !bms[0].Visible || bms[0].Opacity != 1 {
		t.Fatalf("base maps %+v", bms)
	}
	l, d := pixelAt(at, light), pixelAt(at, dark)
	if int(l.B)-int(d.B) < 40 || l == before {
		t.Errorf("map over the checkerboard: %v and %v (before %v): the base map does not show", l, d, before)
	}
	// Its row in the layer panel, with the opacity slider.
	var check *widget.Check
	var slider *widget.Slider
	for _, o := range test.LaidOutObjects(at.Layers.Object()) {
		switch w := o.(type) {
		case *widget.Check:
			if w.Text == "rgb-deflate-tiled.tif" {
				check = w
			}
		case *widget.Slider:
			slider = w
		}
	}
	if check == nil || slider == nil {
		t.Fatal("no layer-panel row with an opacity slider for the base map")
	}
	slider.SetValue(0.3)
	paint(at)
	if b := at.State.Basemaps()[0]; b.Opacity < 0.29 || b.Opacity > 0.31 {
		t.Errorf("opacity %v after the slider moved to 0.3", b.Opacity)
	}
	l2, d2 := pixelAt(at, light), pixelAt(at, dark)
	if !(int(l2.B)-int(d2.B) < int(l.B)-int(d.B)) {
		t.Errorf("faded: %v and %v; opaque %v and %v", l2, d2, l, d)
	}
	test.Tap(check)
	paint(at)
	if pixelAt(at, light) != before || at.State.Basemaps()[0].Visible {
		t.Error("a hidden base map still draws")
	}
	test.Tap(check)
	// Laid over the plan by its check, and back.
	for _, o := range test.LaidOutObjects(at.Layers.Object()) {
		if c, ok := o.(*widget.Check); ok && c.Text == "置于规划之上" {
			test.Tap(c)
		}
	}
	if !at.State.Basemaps()[0].Over {
		t.Error("the over-the-plan check did not lay the base map over the plan")
	}
	at.State.SetBasemapOver(at.State.Basemaps()[0].ID, false)
	if err := at.State.Check(); err != nil {
		t.Error(err)
	}
	// An export draws it too, and credits it.
	path := filepath.Join(t.TempDir(), "map.svg")
	if _, err := at.Exporter.Export(context.Background(), ExportRequest{Area: "view", Format: "svg", W: 800, H: 600, DPI: 96, Path: path, Frame: render.FullFrame}); err != nil {
		t.Fatal(err)
	}
	svg, _ := os.ReadFile(path)
	if !bytes.Contains(svg, []byte("<image")) || !bytes.Contains(svg, []byte("rgb-deflate-tiled.tif")) {
		t.Error("the exported SVG lacks the base map or its credit")
	}
	// Remembered between runs, in their order: a new atlas on the same
	// preferences opens them again (a larger file under a small one, which
	// would otherwise open first).
	if err := openBasemap(t, at, basemapData+"dem-int16-gk.tif", 0); err != nil {
		t.Fatal(err)
	}
	at.State.MoveBasemap(at.State.Basemaps()[1].ID, -1) // the DEM to the bottom
	at2 := newTestAtlas(t, a)
	settle(t, at2)
	if got := at2.State.Basemaps(); len(got) != 2 || got[0].Spec != basemapData+"dem-int16-gk.tif" || got[1].Spec != basemapData+"rgb-deflate-tiled.tif" ||
		got[1].Opacity < 0.29 || got[1].Opacity > 0.31 {
		t.Errorf("after a restart: %+v", got)
	}
	at.Basemaps.Close(at.State.Basemaps()[0].ID)
	// Closing removes it.
	at.Basemaps.Close(bms[0].ID)
	paint(at)
	if len(at.State.Basemaps()) != 0 || pixelAt(at, light) != before {
		t.Error("a closed base map is still drawn")
	}
}

func TestBadBasemapFileToldInChinese(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	err := openBasemap(t, at, basemapData+"truncated.tif", 0)
	if err == nil || len(at.State.Basemaps()) != 0 {
		t.Fatalf("a damaged file opened: %v", err)
	}
	if msg := basemap.Message(at.Basemaps.LastError, "zh"); !strings.Contains(msg, "损坏") {
		t.Errorf("the planner was told %q", msg)
	}
	// A world-file image with no .prj asks for the coordinate system.
	dir := t.TempDir()
	b, _ := os.ReadFile(basemapData + "scan.png")
	w, _ := os.ReadFile(basemapData + "scan.wld")
	os.WriteFile(filepath.Join(dir, "scan.png"), b, 0o644)
	os.WriteFile(filepath.Join(dir, "scan.pgw"), w, 0o644)
	at.Basemaps.openAsking(filepath.Join(dir, "scan.png"), 0)
	settle(t, at)
	asked := false
	for _, s := range textsIn(at.Win.Canvas().Overlays().Top()) {
		asked = asked || strings.Contains(s, "选择坐标系")
	}
	if !asked {
		t.Error("no dialog asked for the coordinate system")
	}
	at.Basemaps.openAsking(filepath.Join(dir, "scan.png"), 3857) // the planner's answer
	settle(t, at)
	if len(at.State.Basemaps()) != 1 {
		t.Error("the image did not open with the chosen system")
	}
}

func TestOnlineBasemapDrawsAsTilesArrive(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		time.Sleep(5 * time.Millisecond)
		img := image.NewRGBA(image.Rect(0, 0, 256, 256))
		for i := 0; i < len(img.Pix); i += 4 {
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = 20, 20, 230, 255
		}
		var buf bytes.Buffer
		png.Encode(&buf, img)
		w.Header().Set("Content-Type", "image/png")
		w.Write(buf.Bytes())
	}))
	defer srv.Close()
	at := newTestAtlas(t, test.NewTempApp(t))
	if hits.Load() != 0 {
		t.Fatal("the app went online before an online base map was turned on")
	}
	var addErr error
	at.Basemaps.AddOnline(srv.URL+"/{z}/{x}/{y}.png", func(err error) { addErr = err })
	settle(t, at)
	if addErr != nil || len(at.State.Basemaps()) != 1 {
		t.Fatal(addErr)
	}
	// The first frame does not wait; tiles come in and the map is drawn again.
	deadline := time.Now().Add(30 * time.Second)
	for {
		paint(at)
		s, res := at.Map.Result()
		if res.Basemap.Pending == 0 && res.Basemap.Drawn > 0 && len(s.Basemaps) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the online tiles never drew: %+v after %d requests", res.Basemap, hits.Load())
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Somewhere outside Bazhong's county fills the tiles' blue shows.
	v := at.Map.View()
	far := v.LonLat(5, float64(v.Height)-5)
	if c := pixelAt(at, far); c.B < 150 {
		t.Errorf("the map's corner is %v; the tiles are blue", c)
	}
	// Saving the area for offline use fetches the tiles of the chosen levels.
	id := at.State.Basemaps()[0].ID
	z := basemap.ZoomFor(v, 256, 1, 18)
	saved, missing, err := at.Basemaps.SaveArea(context.Background(), id, z, z+1, nil)
	if err != nil || saved == 0 || missing != 0 {
		t.Errorf("saving the area: %d saved, %d missing, %v", saved, missing, err)
	}
	if used, _ := at.Basemaps.Cache().Bytes(); used == 0 {
		t.Error("nothing in the tile cache")
	}
	// The network goes: where nothing is cached the layer panel says so, quietly.
	srv.Close()
	at.Map.Pan(3000, 0)
	deadline = time.Now().Add(30 * time.Second)
	for !strings.Contains(strings.Join(textsIn(at.Layers.Object()), " "), "离线") {
		if time.Now().After(deadline) {
			_, res := at.Map.Result()
			t.Fatalf("no offline notice in the layer panel (%+v)", res.Basemap)
		}
		paint(at)
		time.Sleep(20 * time.Millisecond)
	}
	// OpenStreetMap's terms forbid it.
	if saveAllowed("osm") || !saveAllowed("tianditu-img") {
		t.Error("saving areas allowed where the terms say otherwise")
	}
}

func TestGeoreferenceAScanInTheApp(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	at := newTestAtlas(t, test.NewTempApp(t))
	dir := t.TempDir()
	b, _ := os.ReadFile(basemapData + "scan.png")
	img := filepath.Join(dir, "scan.png")
	os.WriteFile(img, b, 0o644)
	g, err := at.Basemaps.OpenGeoreferencer(img)
	if err != nil {
		t.Fatal(err)
	}
	// The scan zooms about the pointer: the pixel under it stays.
	g.Win.Canvas().Capture()
	c := fyne.NewPos(g.view.Size().Width/2, g.view.Size().Height/2)
	u0, v0 := g.view.toImage(c)
	k0 := g.view.k
	g.view.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: c}, Scrolled: fyne.Delta{DY: 60}})
	u1, v1 := g.view.toImage(c)
	if g.view.k < 3*k0 || math.Abs(u1-u0) > 0.01 || math.Abs(v1-v0) > 0.01 {
		t.Errorf("zoom %v→%v; pixel under the pointer %v,%v → %v,%v", k0, g.view.k, u0, v0, u1, v1)
	}
	g.view.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: 30, DY: -20}})
	if u2, _ := g.view.toImage(c); math.Abs((u1-u2)*float64(g.view.k)-30) > 0.01 {
		t.Errorf("a 30-unit drag moved the image %v units", (u1-u2)*float64(g.view.k))
	}
	g.view.Fit()
	wf, _ := basemap.ReadWorldFile(basemapData + "scan.wld")
	where := func(u, v float64) orb.Point {
		return project.Mercator.ToWGS84(orb.Point{wf.A*(u-0.5) + wf.C, wf.E*(v-0.5) + wf.F})
	}
	pts := [][2]float64{{10, 10}, {190, 15}, {20, 130}, {180, 135}}
	for i, p := range pts {
		g.imageTapped(p)
		if at.Map.Tool != MapTool(g) {
			t.Fatal("the map does not wait for the point's place")
		}
		if i == 3 {
			// Typed instead of clicked: the planner's coordinates.
			ll := where(p[0], p[1])
			g.Place(i, ll)
		} else {
			at.Map.Tool.Tap([2]float64(where(p[0], p[1])))
		}
	}
	if g.Fit == nil || g.Fit.RMS > 30 || len(g.Fit.Residuals) != 4 {
		t.Fatalf("fit %+v", g.Fit)
	}
	if !strings.Contains(g.rms.Text, "RMS") {
		t.Errorf("RMS label %q", g.rms.Text)
	}
	// A point dropped: three remain, still a fit.
	g.Remove(1)
	if g.Fit == nil || len(g.Points) != 3 {
		t.Error("dropping a point lost the fit")
	}
	g.save()
	settle(t, at)
	if _, err := os.Stat(filepath.Join(dir, "scan.pgw")); err != nil {
		t.Error("no world file saved beside the scan")
	}
	if bms := at.State.Basemaps(); len(bms) != 1 || bms[0].Opacity != 0.6 {
		t.Errorf("the georeferenced scan is not under the plan: %+v", bms)
	}
	g.Win.Close()
	// Opened again, the window takes up the saved control points.
	g2, err := at.Basemaps.OpenGeoreferencer(img)
	if err != nil {
		t.Fatal(err)
	}
	if len(g2.Points) != 3 || g2.Fit == nil || math.Abs(g2.Fit.RMS-g.Fit.RMS) > 1e-6 {
		t.Errorf("reopened with %d points, fit %+v", len(g2.Points), g2.Fit)
	}
	g2.Win.Close()

}

// A raster GeoPackage opened as a layer is offered as a base map.
func TestRasterGeoPackageOfferedAsBasemap(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	if _, err := open(t, at, basemapData+"rgb.gpkg"); err == nil {
		t.Fatal("a raster GeoPackage opened as a layer")
	}
	var yes *widget.Button
	for _, o := range test.LaidOutObjects(at.Win.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "作为底图打开" {
			yes = b
		}
	}
	if yes == nil {
		t.Fatal("no offer to open it as a base map")
	}
	test.Tap(yes)
	settle(t, at)
	if bms := at.State.Basemaps(); len(bms) != 1 || !strings.HasSuffix(bms[0].Spec, "rgb.gpkg") {
		t.Errorf("base maps %+v", bms)
	}
}

// An export keeps drawing the base maps of its snapshot even when the
// planner removes one while it runs.
func TestExportKeepsItsBasemapWhenRemoved(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	if err := openBasemap(t, at, basemapData+"rgb-deflate-tiled.tif", 0); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "map.png")
	r := ExportRequest{Area: "city", Format: "png", W: 1600, H: 1200, DPI: 96, Path: path, Frame: render.Frame{}}
	scenes, err := at.Exporter.ExportScenes(r)
	if err != nil {
		t.Fatal(err)
	}
	var exported error
	at.Exporter.RunExport(r, func(_ []string, err error) { exported = err })
	at.Basemaps.Close(at.State.Basemaps()[0].ID) // removed at once, while the export draws
	settle(t, at)
	if exported != nil {
		t.Fatal(exported)
	}
	img := decodePNG(t, path)
	v := scenes[0].View
	blue := func(ll orb.Point) int {
		p := v.Pixel(ll)
		return int(img.RGBAAt(int(p[0]), int(p[1])).B)
	}
	light := orb.Point{106.5 + 12.5*0.0025, 32.0 - 12.5*0.002}
	dark := orb.Point{106.5 + 37.5*0.0025, 32.0 - 12.5*0.002}
	if blue(light)-blue(dark) < 40 {
		t.Errorf("the export lost its base map when it was removed: blue %d and %d", blue(light), blue(dark))
	}
}

// An export over a base map with some corrupt tiles finishes with the map
// and tells the planner how many tiles were left blank.
func TestExportTellsBadTiles(t *testing.T) {
	src, err := os.ReadFile(basemapData + "rgb.mbtiles")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "some-bad.mbtiles")
	os.WriteFile(path, src, 0o644)
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE tiles SET tile_data = x'89504e470d0a1a0a' WHERE rowid % 2 = 0`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	at := newTestAtlas(t, test.NewTempApp(t))
	if err := openBasemap(t, at, path, 0); err != nil {
		t.Fatal(err)
	}
	at.FrameBound(orb.Bound{Min: orb.Point{106.5, 31.7}, Max: orb.Point{107.0, 32.0}})
	settle(t, at)
	out := filepath.Join(t.TempDir(), "m.png")
	var files []string
	var exportErr error
	at.Exporter.RunExport(ExportRequest{Format: "png", W: 800, H: 600, DPI: 96, Area: "view", Frame: render.FullFrame, Path: out},
		func(f []string, err error) { files, exportErr = f, err })
	settle(t, at)
	if exportErr != nil || len(files) != 1 {
		t.Fatalf("export: %v", exportErr)
	}
	if w := at.Exporter.LastWarning; !strings.Contains(w, "张底图瓦片无法读取") {
		t.Errorf("the planner is told %q", w)
	}
}

// A big GeoTIFF opened without overviews: the planner is offered to build
// them; building runs in the background with a progress bar, and the base
// map comes back with them, drawn as it was (its opacity kept).
func TestBigImageOffersOverviews(t *testing.T) {
	if _, err := exec.LookPath("gdal_translate"); err != nil {
		t.Skip("gdal_translate not installed")
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	big := filepath.Join(t.TempDir(), "scan.tif")
	if out, err := exec.Command("gdal_translate", "-q", "-outsize", "6000", "4500", "-co", "TILED=YES",
		basemapData+"rgb-lzw-strips.tif", big).CombinedOutput(); err != nil {
		t.Fatalf("gdal_translate: %v %s", err, out)
	}
	at := newTestAtlas(t, test.NewTempApp(t))
	if err := openBasemap(t, at, big, 0); err != nil {
		t.Fatal(err)
	}
	if s := strings.Join(textsIn(at.Win.Canvas().Overlays().Top()), " "); !strings.Contains(s, "没有金字塔") || !strings.Contains(s, big+".ovr") {
		t.Fatalf("no offer to build overviews: %q", s)
	}
	at.Win.Canvas().Overlays().Remove(at.Win.Canvas().Overlays().Top())
	// Declined for now: the base map's row still offers it.
	paint(at)
	if !hasTip(at.Layers.Object(), "建立金字塔") {
		t.Error("the base map's row offers no way to build its overviews")
	}
	bms := at.State.Basemaps()
	id := bms[0].ID
	at.State.SetBasemapOpacity(id, 0.6)
	called := false
	var got error
	at.Basemaps.BuildOverviews(id, basemap.OverviewPath(big, ""), func(err error) { got, called = err, true })
	settle(t, at)
	if !called || got != nil {
		t.Fatalf("build: called %v, %v", called, got)
	}
	b, ok := at.State.Basemap(id)
	if !ok {
		t.Fatal("the base map is gone")
	}
	r := b.Source.(*basemap.Raster)
	if r.NeedsOverviews() || b.Opacity != 0.6 {
		t.Errorf("after building: %d levels, needs overviews %v, opacity %v", r.Levels(), r.NeedsOverviews(), b.Opacity)
	}
	if top := at.Win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a dialog is left: %q", textsIn(top))
	}
}

// Zooming over a base map draws frames from its level (approximate, cheap)
// and, once the map rests, one frame with the base map drawn exactly.
func TestBasemapExactOnceAtRest(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Map.SetView(proj.View{Center: orb.Point{106.75, 31.85}, Scale: 400000, DPI: 96})
	paint(at)
	if err := openBasemap(t, at, basemapData+"rgb-deflate-tiled.tif", 0); err != nil {
		t.Fatal(err)
	}
	paint(at)
	// Each zoom's first frame is noted as it is drawn.
	var approx, frames int
	own := at.Map.OnRendered
	at.Map.OnRendered = func(res *render.Result) {
		own(res)
		frames++
		if res.Basemap.Approx {
			approx++
		}
	}
	for i := 0; i < 3; i++ {
		at.Map.Zoom(1.1)
		settle(t, at)
	}
	settle(t, at)
	_, res := at.Map.Result()
	if res == nil || res.Basemap.Approx || res.Basemap.Drawn == 0 {
		t.Fatalf("at rest: %+v; want the base map drawn exactly", res)
	}
	t.Logf("%d of %d frames came from the level", approx, frames)
	if approx == 0 {
		t.Error("no zoom frame came from the level")
	}
}

// An export over a slow tile server shows how many tiles have come in its
// progress dialog, and finishes with the map.
func TestExportShowsTileProgress(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(250 * time.Millisecond)
		img := image.NewRGBA(image.Rect(0, 0, 256, 256))
		for i := range img.Pix {
			img.Pix[i] = 200
		}
		w.Header().Set("Content-Type", "image/png")
		png.Encode(w, img)
	}))
	defer srv.Close()
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Basemaps.AddOnline(srv.URL+"/{z}/{x}/{y}.png", nil)
	settle(t, at)
	out := filepath.Join(t.TempDir(), "m.png")
	var done bool
	var exportErr error
	at.Exporter.RunExport(ExportRequest{Format: "png", W: 600, H: 450, DPI: 96, Area: "city", Frame: render.FullFrame, Path: out},
		func(_ []string, err error) { done, exportErr = true, err })
	v, _ := testQueues.Load(at)
	q := v.(*uiQueue)
	seen := ""
	for deadline := time.Now().Add(60 * time.Second); !done && time.Now().Before(deadline); {
		q.run()
		if s := strings.Join(textsIn(at.Win.Canvas().Overlays().Top()), " "); strings.Contains(s, "底图瓦片") {
			seen = s
		}
		time.Sleep(10 * time.Millisecond)
	}
	settle(t, at)
	if !done || exportErr != nil {
		t.Fatalf("export: done %v, %v", done, exportErr)
	}
	if seen == "" {
		t.Error("the progress dialog never said how many tiles had come")
	}
	t.Logf("progress said: %s", seen)
}

// hasTip reports whether o holds a button whose tip is tip.
func hasTip(o fyne.CanvasObject, tip string) bool {
	for _, c := range test.LaidOutObjects(o) {
		if b, ok := c.(*tipButton); ok && b.Tip == tip {
			return true
		}
	}
	return false
}
