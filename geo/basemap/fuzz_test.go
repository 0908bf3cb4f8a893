package basemap_test

import (
	"context"
	"image"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/proj"
)

// The fuzz targets take the path the app takes with a base map file or a
// tile: bytes written to a file and opened as the app opens it, then
// drawn for the whole image and for a view near its centre with the
// export's wait (the draws' goroutines included). Whatever the bytes:
// an error or a drawing, never a panic, a hang or an allocation the
// bytes do not hold.

// FuzzOpenBasemapFile: GeoTIFFs (and images placed by a world file).
func FuzzOpenBasemapFile(f *testing.F) {
	for _, name := range []string{"rgb-deflate-tiled.tif", "dem-int16-gk.tif", "truncated.tif", "rgb-jpeg-bigtiff.tif", "rgba-warped-gk.tif"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, false)
	}
	scan, _ := os.ReadFile("testdata/scan.png")
	f.Add(scan, true)
	f.Add(hugePNG(50_000, 50_000), true)
	wld, _ := os.ReadFile("testdata/scan.wld")
	prj, _ := os.ReadFile("testdata/scan.prj")
	f.Fuzz(func(t *testing.T, b []byte, png bool) {
		dir := t.TempDir()
		path := filepath.Join(dir, "f.tif")
		if png {
			path = filepath.Join(dir, "f.png")
			os.WriteFile(filepath.Join(dir, "f.wld"), wld, 0o644)
			os.WriteFile(filepath.Join(dir, "f.prj"), prj, 0o644)
		}
		os.WriteFile(path, b, 0o644)
		src, err := basemap.Open(path, basemap.OpenOptions{EPSG: 4326})
		if err != nil {
			if basemap.Message(err, "zh") == "" {
				t.Fatal("an error without words")
			}
			return
		}
		defer src.Close()
		drawWithin(t, src)
		if r, ok := src.(*basemap.Raster); ok {
			if w, h := r.Size(); w*h <= 4_000_000 {
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				basemap.BuildOverviews(ctx, path, path+".ovr", nil)
				cancel()
			}
		}
	})
}

// FuzzTile: a tile's bytes from a store (a server, a package), drawn as
// an export draws it.
func FuzzTile(f *testing.F) {
	f.Add(hugePNG(50_000, 50_000))
	f.Add(hugePNG(256, 256))
	f.Add([]byte("<html>bad key</html>"))
	f.Add([]byte{0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a})
	f.Fuzz(func(t *testing.T, b []byte) {
		tiles := basemap.NewTiles(byteStore(b), basemap.Info{Name: "fuzz"}, 256, 0, 18, 16<<20)
		defer tiles.Close()
		drawWithin(t, tiles)
	})
}

type byteStore []byte

func (s byteStore) Tile(context.Context, basemap.TileKey) ([]byte, error) { return s, nil }
func (byteStore) Close() error                                            { return nil }

// drawWithin draws src whole and near its centre, failing on a hang.
func drawWithin(t *testing.T, src basemap.Source) {
	b := src.Info().Bound
	views := []proj.View{view4x()}
	if !b.IsZero() && b.Max[0]-b.Min[0] < 360 && b.Max[1]-b.Min[1] < 180 {
		views = append(views, proj.Fit(b, 300, 200, 96, 0))
	}
	for _, v := range views {
		done := make(chan struct{})
		go func() {
			defer close(done)
			src.Draw(context.Background(), v, image.NewRGBA(image.Rect(0, 0, v.Width, v.Height)), true)
		}()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatal("a draw hangs")
		}
	}
}
