package basemap_test

import (
	"context"
	"fmt"
	"image"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/proj"
)

// Open a GeoTIFF made by GDAL and draw it for a 1:100,000 view of its
// centre; the raster fills the view it covers.
func ExampleOpen() {
	src, err := basemap.Open("testdata/rgb-deflate-tiled.tif", basemap.OpenOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer src.Close()
	info := src.Info()
	fmt.Printf("%s: %.2f,%.2f – %.2f,%.2f, elevation %v\n", info.Name, info.Bound.Min[0], info.Bound.Min[1], info.Bound.Max[0], info.Bound.Max[1], info.Elevation)
	v := proj.View{Center: orb.Point{106.75, 31.85}, Scale: 100000, Width: 400, Height: 300, DPI: 96}
	img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	st, _ := src.Draw(context.Background(), v, img, true)
	fmt.Println("drawn:", st.Drawn, "corner opaque:", img.RGBAAt(0, 0).A == 255)
	// Output:
	// rgb-deflate-tiled.tif: 106.50,31.70 – 107.00,32.00, elevation false
	// drawn: 1 corner opaque: true
}
