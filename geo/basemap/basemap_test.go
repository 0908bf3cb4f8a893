package basemap_test

import (
	"context"
	"errors"
	"image"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/proj"
)

// The test files (testdata/make.sh, written by GDAL) hold a synthetic
// picture: red rises west to east, green north to south, and blue is a
// 25-pixel checkerboard of 60 and 200, over lon 106.5–107.0, lat 32.0–31.7.
const (
	rampW, rampH                   = 200, 150
	west, north, east, south       = 106.5, 32.0, 107.0, 31.7
	checkerDark, checkerLight byte = 60, 200
)

// rampAt is the picture's colour at pixel (x, y).
func rampAt(x, y int) (r, g, b byte) {
	b = checkerLight
	if ((x/25)+(y/25))%2 == 1 {
		b = checkerDark
	}
	return byte(x * 255 / (rampW - 1)), byte(y * 255 / (rampH - 1)), b
}

// pixelCentre is the lon/lat of the centre of picture pixel (x, y).
func pixelCentre(x, y int) orb.Point {
	return orb.Point{west + (float64(x)+0.5)*(east-west)/rampW, north - (float64(y)+0.5)*(north-south)/rampH}
}

func draw(t testing.TB, src basemap.Source, v proj.View) *image.RGBA {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	if _, err := src.Draw(context.Background(), v, img, true); err != nil {
		t.Fatal(err)
	}
	return img
}

func at(img *image.RGBA, p orb.Point, v proj.View) (r, g, b, a byte) {
	q := v.Pixel(p)
	o := img.PixOffset(int(q[0]), int(q[1]))
	return img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3]
}

// checkRamp compares the drawn colour at pixel centres away from the
// checkerboard's edges with the picture's own.
func checkRamp(t *testing.T, name string, img *image.RGBA, v proj.View, tol int) {
	t.Helper()
	worst := 0
	for _, xy := range [][2]int{{12, 12}, {37, 12}, {110, 62}, {112, 87}, {187, 137}, {62, 112}, {137, 37}, {162, 62}} {
		r, g, b, a := at(img, pixelCentre(xy[0], xy[1]), v)
		wr, wg, wb := rampAt(xy[0], xy[1])
		if a != 255 {
			t.Errorf("%s: pixel %v transparent (alpha %d)", name, xy, a)
			continue
		}
		for _, d := range []int{int(r) - int(wr), int(g) - int(wg), int(b) - int(wb)} {
			worst = max(worst, abs(d))
		}
		if abs(int(r)-int(wr)) > tol || abs(int(g)-int(wg)) > tol || abs(int(b)-int(wb)) > tol {
			t.Errorf("%s: pixel %v drawn %d,%d,%d; the file holds %d,%d,%d (tolerance %d)", name, xy, r, g, b, wr, wg, wb, tol)
		}
	}
	t.Logf("%s: largest difference from the file's pixels %d", name, worst)
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// view4x shows the picture's box at about four view pixels per picture pixel.
func view4x() proj.View {
	return proj.Fit(orb.Bound{Min: orb.Point{west, south}, Max: orb.Point{east, north}}, 840, 700, 96, 20)
}

func TestGeoTIFFVariantsDrawTheirPixels(t *testing.T) {
	for _, tc := range []struct {
		file   string
		levels int
		tol    int
	}{
		{"rgb-deflate-tiled.tif", 3, 3}, // tiled, Deflate, horizontal predictor, two overviews
		{"rgb-lzw-strips.tif", 1, 3},    // strips of 7 rows, LZW
		{"rgb-jpeg-bigtiff.tif", 1, 24}, // BigTIFF, JPEG with shared tables (lossy)
	} {
		t.Run(tc.file, func(t *testing.T) {
			r, err := basemap.OpenGeoTIFF(filepath.Join("testdata", tc.file), 0)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if w, h := r.Size(); w != rampW || h != rampH || r.Levels() != tc.levels {
				t.Errorf("size %dx%d with %d levels; want %dx%d with %d", w, h, r.Levels(), rampW, rampH, tc.levels)
			}
			b := r.Info().Bound
			if math.Abs(b.Min[0]-west) > 1e-9 || math.Abs(b.Max[1]-north) > 1e-9 || math.Abs(b.Max[0]-east) > 1e-9 || math.Abs(b.Min[1]-south) > 1e-9 {
				t.Errorf("bound %v; the file's corners are %v,%v – %v,%v", b, west, south, east, north)
			}
			v := view4x()
			checkRamp(t, tc.file, draw(t, r, v), v, tc.tol)
		})
	}
}

func TestGeoTIFFOverviewsWhenZoomedOut(t *testing.T) {
	r, err := basemap.OpenGeoTIFF("testdata/rgb-deflate-tiled.tif", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// A quarter of a picture pixel per view pixel: the 50×38 overview is read.
	v := proj.Fit(orb.Bound{Min: orb.Point{west, south}, Max: orb.Point{east, north}}, 60, 50, 96, 5)
	img := draw(t, r, v)
	_, _, _, a := at(img, pixelCentre(100, 75), v)
	rr, _, _, _ := at(img, pixelCentre(100, 75), v)
	if a != 255 || abs(int(rr)-128) > 12 {
		t.Errorf("centre drawn red %d alpha %d from the overview; want about 128, opaque", rr, a)
	}
}

func TestElevationDrawnAsRelief(t *testing.T) {
	for _, file := range []string{"dem-float32-gk.tif", "dem-int16-gk.tif"} {
		t.Run(file, func(t *testing.T) {
			r, err := basemap.OpenGeoTIFF(filepath.Join("testdata", file), 0)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if !r.Info().Elevation {
				t.Fatal("a one-band height model is not taken as elevation")
			}
			// gdalinfo (PROJ) puts the upper-left corner, EPSG:4545 (370000, 3530000),
			// at 106°37'33.60"E 31°53'8.47"N.
			ul := orb.Point{106 + 37/60.0 + 33.60/3600, 31 + 53/60.0 + 8.47/3600}
			b := r.Info().Bound
			// and the upper-right, (382000, 3530000), at 31°53'13.17"N: the top of the bound.
			if math.Abs(b.Min[0]-ul[0]) > 2e-5 || math.Abs(b.Max[1]-(31+53/60.0+13.17/3600)) > 2e-5 {
				t.Errorf("bound %v; gdalinfo's upper-left corner is %v", b, ul)
			}
			// The hill's centre, EPSG:4545 (376000, 3525000): gdalinfo 106°41'24.14"E 31°50'28.59"N.
			top := orb.Point{106 + 41/60.0 + 24.14/3600, 31 + 50/60.0 + 28.59/3600}
			v := proj.View{Center: top, Scale: 50000, Width: 600, Height: 600, DPI: 96}
			img := draw(t, r, v)
			px := v.Pixel(top)
			grey := func(dx, dy float64) (byte, byte) {
				o := img.PixOffset(int(px[0]+dx), int(px[1]+dy))
				return img.Pix[o], img.Pix[o+3]
			}
			flat, a := grey(0, 0)
			nw, _ := grey(-60, -60) // the slope facing the light
			se, _ := grey(60, 60)   // the slope facing away
			if a != 255 || abs(int(flat)-181) > 3 {
				t.Errorf("hilltop (flat) shaded %d alpha %d; gdaldem shades flat ground 181", flat, a)
			}
			if !(nw > flat+20 && se+20 < flat) {
				t.Errorf("slopes shaded NW %d, top %d, SE %d: the slope facing the north-west light must be the brightest", nw, flat, se)
			}
			// The file's nodata corner (10×10 cells at the upper left) stays transparent.
			corner := v.Pixel(orb.Point{ul[0] + 0.003, ul[1] - 0.003})
			if corner[0] >= 0 && corner[1] >= 0 && corner[0] < 600 && corner[1] < 600 {
				if a := img.Pix[img.PixOffset(int(corner[0]), int(corner[1]))+3]; a != 0 {
					t.Errorf("nodata drawn with alpha %d", a)
				}
			}
		})
	}
}

func TestHillshadeMatchesGdaldem(t *testing.T) {
	for _, tc := range []struct {
		name       string
		dzdx, dzdy float64
		want       float64
	}{
		{"flat", 0, 0, 1 + 254*math.Sin(math.Pi/4)},
		{"facing the north-west light at 45°", 1 / math.Sqrt2, 1 / math.Sqrt2, 255},
		{"facing away, steep", -10, -10, 1},
		{"facing west, 45°", 1, 0, 1 + 254*(0.5+0.5*math.Cos(math.Pi/4))},
	} {
		if got := basemap.Hillshade(tc.dzdx, tc.dzdy); math.Abs(got-tc.want) > 0.01 {
			t.Errorf("%s: Hillshade(%v, %v) = %v, want %v", tc.name, tc.dzdx, tc.dzdy, got, tc.want)
		}
	}
	if _, err := exec.LookPath("gdaldem"); err != nil {
		t.Skip("gdaldem not installed")
	}
	// gdaldem shades the test hill; Hillshade, fed the same 3×3 windows
	// (the hill's heights are known: 400 + 1000·exp(−r²/(2·25²)) on a 100 m grid),
	// must agree with it to a grey level.
	hs := filepath.Join(t.TempDir(), "hs.tif")
	if out, err := exec.Command("gdaldem", "hillshade", "-q", "testdata/dem-float32-gk.tif", hs).CombinedOutput(); err != nil {
		t.Fatalf("gdaldem: %v %s", err, out)
	}
	h := func(x, y int) float64 {
		r2 := (math.Pow(float64(x-60), 2) + math.Pow(float64(y-50), 2)) / (25 * 25)
		return math.Round((400+1000*math.Exp(-r2/2))*100) / 100
	}
	for _, xy := range [][2]int{{40, 30}, {80, 70}, {60, 30}, {30, 50}, {75, 45}, {60, 50}} {
		x, y := xy[0], xy[1]
		a, b, c := h(x-1, y-1), h(x, y-1), h(x+1, y-1)
		d, f := h(x-1, y), h(x+1, y)
		g, hh, i := h(x-1, y+1), h(x, y+1), h(x+1, y+1)
		got := basemap.Hillshade(((c+2*f+i)-(a+2*d+g))/800, ((g+2*hh+i)-(a+2*b+c))/800)
		out, err := exec.Command("gdallocationinfo", "-valonly", hs, strconv.Itoa(x), strconv.Itoa(y)).Output()
		if err != nil {
			t.Fatal(err)
		}
		want, _ := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
		if math.Abs(got-want) > 1 {
			t.Errorf("cell %v: Hillshade %.1f, gdaldem %v", xy, got, want)
		}
	}
}

func TestTilePackagesDrawTheirPixels(t *testing.T) {
	mb, err := basemap.Open("testdata/rgb.mbtiles", basemap.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer mb.Close()
	gp, err := basemap.Open("testdata/rgb.gpkg", basemap.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer gp.Close()
	img, err := basemap.Open("testdata/scan.png", basemap.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer img.Close()
	webp, err := basemap.Open("testdata/rgb-webp.mbtiles", basemap.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer webp.Close()
	aux, err := basemap.Open("testdata/scan-aux.png", basemap.OpenOptions{}) // placed by GDAL's .aux.xml alone
	if err != nil {
		t.Fatal(err)
	}
	defer aux.Close()
	v := view4x()
	// GDAL resampled the picture to Web Mercator tiles: colours move by a
	// few units near the pixels' edges.
	for _, s := range []basemap.Source{mb, gp, img, webp, aux} {
		checkRamp(t, s.Info().Name, draw(t, s, v), v, 14)
		b := s.Info().Bound
		if math.Abs(b.Min[0]-west) > 0.01 || math.Abs(b.Max[1]-north) > 0.01 {
			t.Errorf("%s: bound %v", s.Info().Name, b)
		}
	}
	tiles := mb.(*basemap.Tiles)
	if lo, hi := tiles.Zooms(); lo >= hi {
		t.Errorf("MBTiles zooms %d–%d: gdaladdo made lower levels", lo, hi)
	}
	// Outside the package: nothing drawn, nothing fails.
	far := proj.View{Center: orb.Point{116.4, 39.9}, Scale: 100000, Width: 300, Height: 200, DPI: 96}
	out := draw(t, mb, far)
	for i := 3; i < len(out.Pix); i += 4 {
		if out.Pix[i] != 0 {
			t.Fatal("a package drew outside its bounds")
		}
	}
}

func TestBadFilesSayWhatIsWrong(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good, _ := os.ReadFile("testdata/rgb-deflate-tiled.tif")
	for _, tc := range []struct {
		path, want, zh string
	}{
		{"testdata/truncated.tif", "TIFF", "损坏"},
		{write("empty.tif", nil), "not a TIFF", "不是可作底图的文件"},
		{write("text.tif", []byte("hello, this is not an image")), "not a TIFF", "不是可作底图的文件"},
		{write("plain.png", []byte("\x89PNG\r\n\x1a\n")), "world file", "请先配准"},
		{write("notiles.mbtiles", []byte("SQLite format 3\x00")), "MBTiles", "不是可作底图的文件"},
		{write("x.shp", []byte("x")), "not a base map file", "不是可作底图的文件"},
	} {
		_, err := basemap.Open(tc.path, basemap.OpenOptions{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v; want one saying %q", filepath.Base(tc.path), err, tc.want)
		}
		if msg := basemap.Message(err, "zh"); !strings.Contains(msg, tc.zh) {
			t.Errorf("%s: the planner is told %q; want it to say %q", filepath.Base(tc.path), msg, tc.zh)
		}
	}
	// Damaged copies of a good file: each opens with an error or draws; none panics or hangs.
	v := view4x()
	for i := 0; i < 300; i++ {
		b := append([]byte(nil), good...)
		for k := 0; k < 1+i%5; k++ {
			pos := (i*7919 + k*104729) % len(b)
			b[pos] ^= byte(0x5A + i)
		}
		if i%3 == 0 {
			b = b[:len(b)*(i%10+1)/11]
		}
		p := write("bad"+strconv.Itoa(i)+".tif", b)
		r, err := basemap.OpenGeoTIFF(p, 0)
		if err != nil {
			continue
		}
		img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
		r.Draw(context.Background(), v, img, true)
		r.Close()
	}
}

func TestCRSChosenForAFileThatNamesNone(t *testing.T) {
	dir := t.TempDir()
	b, _ := os.ReadFile("testdata/scan.png")
	w, _ := os.ReadFile("testdata/scan.wld")
	os.WriteFile(filepath.Join(dir, "scan.png"), b, 0o644)
	os.WriteFile(filepath.Join(dir, "scan.pgw"), w, 0o644)
	if _, err := basemap.Open(filepath.Join(dir, "scan.png"), basemap.OpenOptions{}); err == nil || !strings.Contains(err.Error(), "coordinate system") {
		t.Fatalf("no .prj: %v; want a request to choose the coordinate system", err)
	}
	s, err := basemap.Open(filepath.Join(dir, "scan.png"), basemap.OpenOptions{EPSG: 3857})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v := view4x()
	checkRamp(t, "scan.png + .pgw, EPSG:3857 chosen", draw(t, s, v), v, 14)
}

func TestConcurrentDrawsOfOneSource(t *testing.T) {
	srcs := map[string]string{"geotiff": "testdata/rgb-deflate-tiled.tif", "mbtiles": "testdata/rgb.mbtiles", "dem": "testdata/dem-int16-gk.tif"}
	for name, path := range srcs {
		s, err := basemap.Open(path, basemap.OpenOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		for i := 0; i < 6; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				v := view4x().ZoomAt(1+float64(i%3)*0.7, 400, 300)
				img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
				if _, err := s.Draw(context.Background(), v, img, true); err != nil {
					t.Errorf("%s: %v", name, err)
				}
			}(i)
		}
		wg.Wait()
		s.Close()
	}
}

func TestCancelledDrawStops(t *testing.T) {
	s, err := basemap.Open("testdata/rgb.mbtiles", basemap.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	v := view4x()
	img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	if _, err := s.Draw(ctx, v, img, true); !errors.Is(err, context.Canceled) {
		t.Errorf("draw with a cancelled context: %v", err)
	}
}

// TestAgainstGdallocationinfo reads the same pixels with GDAL, the
// reference reader, when it is installed (CI installs gdal-bin).
func TestAgainstGdallocationinfo(t *testing.T) {
	if _, err := exec.LookPath("gdallocationinfo"); err != nil {
		t.Skip("gdallocationinfo not installed")
	}
	r, err := basemap.OpenGeoTIFF("testdata/dem-float32-gk.tif", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, p := range []orb.Point{{106.69, 31.84}, {106.66, 31.82}, {106.72, 31.86}} {
		out, err := exec.Command("gdallocationinfo", "-valonly", "-wgs84", "testdata/dem-float32-gk.tif",
			strconv.FormatFloat(p[0], 'f', 6, 64), strconv.FormatFloat(p[1], 'f', 6, 64)).Output()
		if err != nil {
			t.Fatal(err)
		}
		want, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
		if err != nil {
			t.Fatalf("gdallocationinfo said %q", out)
		}
		got, ok := r.ValueAt(p)
		if !ok || math.Abs(got-want) > 1e-3 {
			t.Errorf("height at %v: %v (ok %v); GDAL reads %v", p, got, ok, want)
		}
	}
}

// An RGBA GeoTIFF in a Gauss–Krüger zone (gdalwarp -dstalpha): the
// picture where it has data, transparent in the corners it gained.
func TestGeoTIFFWithAlpha(t *testing.T) {
	r, err := basemap.OpenGeoTIFF("testdata/rgba-warped-gk.tif", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	v := view4x()
	img := draw(t, r, v)
	checkRamp(t, "rgba-warped-gk.tif", img, v, 14)
	b := r.Info().Bound
	// Just outside the picture's own box, inside the warped raster's.
	var clear, inside int
	for _, p := range []orb.Point{{west - 0.0005, b.Max[1] - 0.001}, {east + 0.0005, b.Min[1] + 0.001}} {
		if !b.Contains(p) {
			continue
		}
		inside++
		if _, _, _, a := at(img, p, v); a == 0 {
			clear++
		}
	}
	if inside == 0 || clear != inside {
		t.Errorf("%d of %d places outside the picture are transparent", clear, inside)
	}
}

// A source closed while renders still draw it (the planner removed it
// while the map or an export was drawing): the draws in flight finish,
// later ones draw nothing, and its files are released after the last.
func TestCloseWhileDrawing(t *testing.T) {
	for _, file := range []string{"scan.png", "rgb-deflate-tiled.tif", "rgb.mbtiles"} {
		s, err := basemap.Open("testdata/"+file, basemap.OpenOptions{EPSG: map[string]int{"scan.png": 0}[file]})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		started := make(chan struct{}, 8)
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				for k := 0; k < 20; k++ {
					v := view4x().ZoomAt(1+0.1*float64((i+k)%5), 400, 300)
					img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
					s.Draw(context.Background(), v, img, true)
					if k == 0 {
						started <- struct{}{}
					}
				}
			}(i)
		}
		<-started
		if err := s.Close(); err != nil {
			t.Errorf("%s: close: %v", file, err)
		}
		wg.Wait()
		v := view4x()
		img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
		if st, err := s.Draw(context.Background(), v, img, true); err != nil || st.Drawn != 0 {
			t.Errorf("%s: a draw after closing: %+v, %v", file, st, err)
		}
	}
}

// A source held by an export stays drawable after it is closed, until
// the export releases it.
func TestHeldSourceOutlivesClose(t *testing.T) {
	s, err := basemap.Open("testdata/rgb-deflate-tiled.tif", basemap.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	release := basemap.Hold(s)
	s.Close()
	v := view4x()
	checkRamp(t, "held after close", draw(t, s, v), v, 3)
	release()
	release() // twice is harmless
	img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	if st, _ := s.Draw(context.Background(), v, img, true); st.Drawn != 0 {
		t.Error("drawn after the hold was released")
	}
}
