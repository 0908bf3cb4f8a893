package basemap_test

import (
	"context"
	"image"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/proj"
)

// A 40,000 × 40,000 elevation model (3.2 GB as numbers; a few hundred KB
// compressed) made by GDAL: a view reads only the tiles it needs, and a
// view of the whole file with no overview is drawn from a decimated read,
// without reading it whole.
func TestHugeGeoTIFFReadLazily(t *testing.T) {
	if testing.Short() {
		t.Skip("makes a large file")
	}
	if _, err := exec.LookPath("gdal_create"); err != nil {
		t.Skip("gdal_create not installed")
	}
	path := filepath.Join(t.TempDir(), "big.tif")
	out, err := exec.Command("gdal_create", "-q", "-of", "GTiff", "-outsize", "40000", "40000", "-bands", "1", "-ot", "Int16",
		"-burn", "500", "-a_srs", "EPSG:4326", "-a_ullr", "100", "40", "110", "30",
		"-co", "TILED=YES", "-co", "COMPRESS=DEFLATE", "-co", "SPARSE_OK=FALSE", path).CombinedOutput()
	if err != nil {
		t.Skipf("gdal_create: %v %s", err, out)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	t0 := time.Now()
	r, err := basemap.OpenGeoTIFF(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	v := proj.View{Center: orb.Point{106.75, 31.85}, Scale: 50000, Width: 800, Height: 600, DPI: 96}
	img := image.NewRGBA(image.Rect(0, 0, 800, 600))
	if _, err := r.Draw(context.Background(), v, img, true); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	grown := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("opened and drew a view in %v; heap grew %.1f MB", time.Since(t0), float64(grown)/1e6)
	if grown > 200e6 {
		t.Errorf("the heap grew %.0f MB: the file was not read lazily", float64(grown)/1e6)
	}
	if img.Pix[3] != 255 {
		t.Error("the view was not drawn")
	}
	// The whole file with no overview: drawn from a decimated read (a
	// pixel of every few hundred, from blocks on a stride), its memory the
	// view's, not refused.
	whole := proj.Fit(orb.Bound{Min: orb.Point{100, 30}, Max: orb.Point{110, 40}}, 800, 600, 96, 0)
	wimg := image.NewRGBA(image.Rect(0, 0, 800, 600))
	runtime.GC()
	runtime.ReadMemStats(&before)
	t0 = time.Now()
	st, err := r.Draw(context.Background(), whole, wimg, true)
	runtime.ReadMemStats(&after)
	t.Logf("the whole file without overviews in %v (%+v); %.1f MB allocated", time.Since(t0), st, float64(after.TotalAlloc-before.TotalAlloc)/1e6)
	if err != nil || st.Decimated != 1 {
		t.Fatalf("the whole file without overviews: %+v, %v", st, err)
	}
	if a := wimg.Pix[(300*800+400)*4+3]; a != 255 {
		t.Errorf("the whole view's centre is not drawn (alpha %d)", a)
	}
}
