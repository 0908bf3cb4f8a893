package basemap_test

import (
	"context"
	"errors"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/proj"
)

// overviewLines is what gdalinfo -checksum says of a file's overviews:
// their sizes and each band's checksums.
var overviewLines = regexp.MustCompile(`(?m)^\s+Overviews( checksum)?: .*$`)

// Overviews built here are the ones gdaladdo builds (nearest neighbour,
// external .ovr): gdalinfo reads ours and finds the same sizes and the
// same checksums, band by band; the raster then draws its whole view from
// them instead of a decimated read; a cancelled build leaves no file.
func TestOverviewsAsGDALBuildsThem(t *testing.T) {
	for _, tool := range []string{"gdal_translate", "gdaladdo", "gdalinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool + " not installed")
		}
	}
	dir := t.TempDir()
	cases := []struct{ name, src string }{
		{"rgb", "testdata/rgb-lzw-strips.tif"},
		{"dem", "testdata/dem-int16-gk.tif"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ours := filepath.Join(dir, tc.name+"-ours.tif")
			theirs := filepath.Join(dir, tc.name+"-gdal.tif")
			// A big image with no overviews: the test file enlarged, tiled.
			gdal(t, "gdal_translate", "-q", "-outsize", "5000", "3700", "-r", "bilinear", "-co", "TILED=YES", "-co", "COMPRESS=DEFLATE", tc.src, ours)
			b, _ := os.ReadFile(ours)
			os.WriteFile(theirs, b, 0o644)
			gdal(t, "gdaladdo", "-q", "-r", "nearest", "-ro", theirs)

			r, err := basemap.OpenGeoTIFF(ours, 0)
			if err != nil {
				t.Fatal(err)
			}
			if !r.NeedsOverviews() {
				t.Error("a 5000-pixel image without overviews does not ask for them")
			}
			r.Close()
			var calls, last int
			start := time.Now()
			if err := basemap.BuildOverviews(context.Background(), ours, basemap.OverviewPath(ours, ""), func(done, total int) {
				calls, last = calls+1, done*100/total
			}); err != nil {
				t.Fatal(err)
			}
			t.Logf("built in %v (%d progress calls, ended at %d%%)", time.Since(start), calls, last)
			if last != 100 {
				t.Errorf("progress ended at %d%%", last)
			}
			info := func(p string) []string {
				out, err := exec.Command("gdalinfo", "-checksum", p).CombinedOutput()
				if err != nil {
					t.Fatalf("gdalinfo %s: %v %s", p, err, out)
				}
				return overviewLines.FindAllString(string(out), -1)
			}
			got, want := info(ours), info(theirs)
			if len(want) == 0 || len(got) != len(want) {
				t.Fatalf("gdalinfo finds overviews %q in ours, %q in gdaladdo's", got, want)
			}
			for i := range want {
				g, w := got[i], want[i]
				if tc.name == "dem" && strings.Contains(w, "checksum") {
					// One band: GDAL's single-band path samples the levels
					// whose size is not an exact division (3700/8 → 463
					// rows) otherwise; the exact levels must agree.
					g, w = strings.Join(strings.Split(g, ", ")[:2], ", "), strings.Join(strings.Split(w, ", ")[:2], ", ")
				}
				if g != w {
					t.Errorf("overviews differ from gdaladdo's:\n ours %s\n gdal %s", got[i], want[i])
				}
			}
			r, err = basemap.OpenGeoTIFF(ours, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if r.NeedsOverviews() || r.Levels() < 4 {
				t.Errorf("after building: %d levels, still needs overviews %v", r.Levels(), r.NeedsOverviews())
			}
			b0 := r.Info().Bound
			v := proj.Fit(orb.Bound{Min: b0.Min, Max: b0.Max}, 1000, 800, 96, 0)
			st, err := r.Draw(context.Background(), v, image.NewRGBA(image.Rect(0, 0, 1000, 800)), true)
			if err != nil || st.Decimated != 0 {
				t.Errorf("whole view with overviews: %+v, %v", st, err)
			}
		})
	}
	// Cancelled part way: no file is left, beside or half-written.
	src := filepath.Join(dir, "rgb-cancel.tif")
	gdal(t, "gdal_translate", "-q", "-outsize", "5000", "3700", "-co", "TILED=YES", "testdata/rgb-lzw-strips.tif", src)
	ctx, cancel := context.WithCancel(context.Background())
	err := basemap.BuildOverviews(ctx, src, basemap.OverviewPath(src, ""), func(done, total int) {
		if done == total/2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled build: %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*.ovr"))
	tmp, _ := filepath.Glob(filepath.Join(dir, ".planatlas-ovr-*"))
	if len(tmp) > 0 {
		t.Errorf("a cancelled build left %v", tmp)
	}
	for _, l := range left {
		if filepath.Base(l) == "rgb-cancel.tif.ovr" {
			t.Errorf("a cancelled build left %s", l)
		}
	}
}

// Where the image's folder cannot be written, the overviews go to the
// app's cache and are found there on the next open.
func TestOverviewsInTheCache(t *testing.T) {
	if _, err := exec.LookPath("gdal_translate"); err != nil {
		t.Skip("gdal_translate not installed")
	}
	dir, cache := t.TempDir(), t.TempDir()
	// /proc takes no new file, even from root.
	if p := basemap.OverviewPath("/proc/scan.tif", cache); filepath.Dir(p) != cache {
		t.Errorf("an unwritable folder's overviews go to %s, not the cache", p)
	}
	src := filepath.Join(dir, "big.tif")
	gdal(t, "gdal_translate", "-q", "-outsize", "5000", "3700", "-co", "TILED=YES", "testdata/rgb-lzw-strips.tif", src)
	if err := basemap.BuildOverviews(context.Background(), src, basemap.CachedOverviewPath(src, cache), nil); err != nil {
		t.Fatal(err)
	}
	s, err := basemap.Open(src, basemap.OpenOptions{OverviewDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if r := s.(*basemap.Raster); r.NeedsOverviews() {
		t.Errorf("overviews in the cache not found (%d levels)", r.Levels())
	}
}

// BenchmarkOverviewsAgainstGdaladdo builds the overviews of a 20,000 ×
// 15,000 RGB GeoTIFF (tiled, Deflate; made from the test picture) here
// and with gdaladdo -r nearest -ro, interleaved, and prints both times
// and their ratio.
func BenchmarkOverviewsAgainstGdaladdo(b *testing.B) {
	for _, tool := range []string{"gdal_translate", "gdaladdo"} {
		if _, err := exec.LookPath(tool); err != nil {
			b.Skip(tool + " not installed")
		}
	}
	dir := b.TempDir()
	src := filepath.Join(dir, "big.tif")
	if out, err := exec.Command("gdal_translate", "-q", "-outsize", "20000", "15000", "-r", "bilinear", "-co", "TILED=YES", "-co", "COMPRESS=DEFLATE",
		"testdata/rgb-lzw-strips.tif", src).CombinedOutput(); err != nil {
		b.Fatalf("gdal_translate: %v %s", err, out)
	}
	var ours, theirs time.Duration
	for b.Loop() {
		os.Remove(src + ".ovr")
		t0 := time.Now()
		if err := basemap.BuildOverviews(context.Background(), src, src+".ovr", nil); err != nil {
			b.Fatal(err)
		}
		ours += time.Since(t0)
		os.Remove(src + ".ovr")
		t0 = time.Now()
		if out, err := exec.Command("gdaladdo", "-q", "-r", "nearest", "-ro", "--config", "COMPRESS_OVERVIEW", "DEFLATE", src).CombinedOutput(); err != nil {
			b.Fatalf("gdaladdo: %v %s", err, out)
		}
		theirs += time.Since(t0)
	}
	b.Logf("20,000 × 15,000 RGB: Plan Atlas %.2f s, gdaladdo %.2f s a build (%.2f×)",
		ours.Seconds()/float64(b.N), theirs.Seconds()/float64(b.N), ours.Seconds()/theirs.Seconds())
}
