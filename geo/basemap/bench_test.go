package basemap_test

import (
	"context"
	"image"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/proj"
)

// Drawing a base map alone into a 1080p view, tiles or image already in
// memory, at a new scale each time (what a zoom costs on top of the plan).
func BenchmarkDraw1080p(b *testing.B) {
	for _, file := range []string{"rgb.mbtiles", "rgb-deflate-tiled.tif", "dem-int16-gk.tif"} {
		b.Run(file, func(b *testing.B) {
			src, err := basemap.Open("testdata/"+file, basemap.OpenOptions{})
			if err != nil {
				b.Fatal(err)
			}
			defer src.Close()
			c := src.Info().Bound.Center()
			v := proj.View{Center: orb.Point(c), Scale: 30000, Width: 1920, Height: 1080, DPI: 96}
			img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
			src.Draw(context.Background(), v, img, true)
			i := 0
			for b.Loop() {
				i++
				w := v
				w.Scale *= 1 + 0.01*float64(i%20)
				clear(img.Pix)
				if _, err := src.Draw(context.Background(), w, img, true); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
