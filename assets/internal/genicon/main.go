// Command genicon draws Plan Atlas's icon (assets/icon.png, 512×512): a
// folded plan sheet with a dashed corridor and a red pin on a teal tile —
// bold shapes that still read at 16 px. Run it through `go generate ./assets/...`.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"

	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/rasterizer"
)

func main() {
	out := flag.String("out", "icon.png", "file to write")
	size := flag.Int("size", 512, "pixels")
	flag.Parse()
	img := Draw(*size)
	err := atomicfile.Write(*out, func(w io.Writer) error { return png.Encode(w, img) })
	if err != nil {
		fmt.Fprintln(os.Stderr, "genicon:", err)
		os.Exit(1)
	}
}

func rgba(hex uint32) color.RGBA {
	return color.RGBA{uint8(hex >> 16), uint8(hex >> 8), uint8(hex), 255}
}

// Draw returns the icon at size×size pixels.
func Draw(size int) *image.RGBA {
	c := canvas.New(100, 100) // a 100×100 design grid, y up
	ctx := canvas.NewContext(c)
	// Tile.
	ctx.SetFillColor(rgba(0x0F5C6E))
	ctx.DrawPath(4, 4, canvas.RoundedRectangle(92, 92, 20))
	// Folded sheet: three panels in a zig-zag.
	sheet := func(x0, x1, yb0, yt0, yb1, yt1 float64, col color.RGBA) {
		p := &canvas.Path{}
		p.MoveTo(x0, yb0)
		p.LineTo(x1, yb1)
		p.LineTo(x1, yt1)
		p.LineTo(x0, yt0)
		p.Close()
		ctx.SetFillColor(col)
		ctx.DrawPath(0, 0, p)
	}
	sheet(16, 39, 20, 70, 16, 74, rgba(0xF6F2E6))
	sheet(39, 61, 16, 74, 20, 70, rgba(0xE4DCC8))
	sheet(61, 84, 20, 70, 16, 74, rgba(0xF6F2E6))
	// A county patch and the corridor across it.
	patch := &canvas.Path{}
	patch.MoveTo(22, 30)
	patch.LineTo(36, 26)
	patch.LineTo(44, 38)
	patch.LineTo(38, 52)
	patch.LineTo(24, 50)
	patch.Close()
	ctx.SetFillColor(rgba(0xB5D99C))
	ctx.DrawPath(0, 0, patch)
	route := &canvas.Path{}
	route.MoveTo(20, 60)
	route.CubeTo(36, 60, 40, 34, 58, 36)
	route.CubeTo(68, 37, 72, 30, 80, 26)
	ctx.SetFillColor(canvas.Transparent)
	ctx.SetStrokeColor(rgba(0xB23A26))
	ctx.SetStrokeWidth(6)
	ctx.SetStrokeCapper(canvas.RoundCap)
	ctx.SetDashes(0, 7, 5)
	ctx.DrawPath(0, 0, route)
	ctx.SetDashes(0)
	// Pin: a round head over a pointed tail, with a white halo.
	pin := func(grow float64, col color.RGBA) {
		ctx.SetStrokeColor(canvas.Transparent)
		ctx.SetFillColor(col)
		ctx.DrawPath(68, 62, canvas.Circle(13+grow))
		tail := &canvas.Path{}
		tail.MoveTo(56.5-grow, 56)
		tail.LineTo(79.5+grow, 56)
		tail.LineTo(68, 32-grow*1.6)
		tail.Close()
		ctx.DrawPath(0, 0, tail)
	}
	pin(3, rgba(0xFFFFFF))
	pin(0, rgba(0xD7191C))
	ctx.SetFillColor(rgba(0xFFFFFF))
	ctx.DrawPath(68, 62, canvas.Circle(5))
	return rasterizer.Draw(c, canvas.DPMM(float64(size)/100), canvas.DefaultColorSpace)
}
