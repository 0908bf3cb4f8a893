package render

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/rasterizer"
)

// y down, in pixels: the matrix the tests draw through (canvas is y up).
func pixelMatrix(h float64) canvas.Matrix { return canvas.Identity.Translate(0, h).Scale(1, -1) }

// canvasFill is the reference: tdewolff/canvas's rasterizer.
func canvasFill(img *image.RGBA, p *canvas.Path, c color.RGBA) {
	ras := rasterizer.FromImage(img, canvas.DPMM(1), canvas.LinearColorSpace{})
	st := canvas.DefaultStyle
	st.Fill = canvas.Paint{Color: c}
	ras.RenderPath(p, st, pixelMatrix(float64(img.Bounds().Dy())))
}

func maxDiff(a, b *image.RGBA) (int, image.Point) {
	worst, at := 0, image.Point{}
	for i := range a.Pix {
		d := int(a.Pix[i]) - int(b.Pix[i])
		if d < 0 {
			d = -d
		}
		if d > worst {
			worst, at = d, image.Point{i % a.Stride / 4, i / a.Stride}
		}
	}
	return worst, at
}

// The band filler draws what the canvas rasterizer draws: opaque and
// translucent polygons, a glyph-like curved outline, and a mesh of many
// rings crossing each row (scanned in strips).
func TestFillDrawsAsCanvas(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	mesh := &canvas.Path{}
	for i := 0; i < 700; i++ {
		x, y := 5+rng.Float64()*580, 5+rng.Float64()*180
		mesh.MoveTo(x, y)
		mesh.LineTo(x+3+rng.Float64()*9, y+rng.Float64()*2)
		mesh.LineTo(x+rng.Float64()*4, y+2+rng.Float64()*6)
		mesh.Close()
	}
	star := &canvas.Path{}
	for i := 0; i < 11; i++ {
		r := 80.0
		if i%2 == 1 {
			r = 30
		}
		a := float64(i) / 10 * 2 * math.Pi
		if i == 0 {
			star.MoveTo(300+r*math.Cos(a), 100+r*math.Sin(a))
		} else {
			star.LineTo(300+r*math.Cos(a), 100+r*math.Sin(a))
		}
	}
	star.Close()
	curve := &canvas.Path{}
	curve.MoveTo(100, 30)
	curve.QuadTo(250, 10, 300, 120)
	curve.CubeTo(260, 190, 120, 180, 100, 30)
	curve.Close()
	tests := []struct {
		name  string
		path  *canvas.Path
		color color.RGBA
		limit int // levels: 0 pixel for pixel (lines, not cut in strips)
	}{
		{"star opaque", star, color.RGBA{200, 40, 20, 255}, 0},
		{"star translucent", star, color.RGBA{20, 60, 100, 128}, 0},
		// Both cut curves into lines within 0.1 px, each its own way: an
		// edge pixel's coverage may differ by that (26 levels).
		{"curves", curve, color.RGBA{0, 0, 0, 255}, 32},
		// Strips meet at whole pixels: the cut points' rounding only.
		{"mesh in strips", mesh, color.RGBA{90, 62, 43, 255}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := image.NewRGBA(image.Rect(0, 0, 600, 200))
			want := image.NewRGBA(got.Rect)
			for i := range got.Pix {
				got.Pix[i], want.Pix[i] = 240, 240
			}
			if !newBandFiller(got, 25.4).fill(tt.path, tt.color, pixelMatrix(200)) {
				t.Fatal("refused")
			}
			canvasFill(want, tt.path, tt.color)
			if d, at := maxDiff(got, want); d > tt.limit {
				t.Errorf("%d levels off at %v (limit %d)", d, at, tt.limit)
			}
		})
	}
}

// A contour wholly left of the image leaves its first column alone (scanx
// alone folds it into a cell that leaks there).
func TestFillLeftOfImageDrawsNothing(t *testing.T) {
	p := &canvas.Path{}
	p.MoveTo(-3.6, 83.7)
	p.LineTo(-0.5, 86.7)
	p.LineTo(-1.7, 83.0)
	p.Close()
	// And one that crosses the edge is drawn right of it.
	p.MoveTo(-20, 120)
	p.LineTo(10, 120)
	p.LineTo(10, 130)
	p.LineTo(-20, 130)
	p.Close()
	img := image.NewRGBA(image.Rect(0, 0, 20, 200))
	newBandFiller(img, 25.4).fill(p, color.RGBA{0, 0, 0, 255}, pixelMatrix(200))
	for y := 0; y < 200; y++ {
		a := img.Pix[y*img.Stride+3]
		inside := y >= 120 && y < 130
		if inside && a != 255 || !inside && a != 0 {
			t.Errorf("row %d, first column: alpha %d", y, a)
		}
	}
}

func BenchmarkFillMesh(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 8))
	mesh := &canvas.Path{}
	for i := 0; i < 6000; i++ {
		x, y := rng.Float64()*3800, rng.Float64()*530
		mesh.MoveTo(x, y)
		mesh.LineTo(x+6, y+1)
		mesh.LineTo(x+2, y+6)
		mesh.Close()
	}
	img := image.NewRGBA(image.Rect(0, 0, 3840, 540))
	b.Run("band filler", func(b *testing.B) {
		f := newBandFiller(img, 25.4)
		for b.Loop() {
			f.fill(mesh, color.RGBA{0, 0, 0, 255}, pixelMatrix(540))
		}
	})
	b.Run("canvas", func(b *testing.B) {
		for b.Loop() {
			canvasFill(img, mesh, color.RGBA{0, 0, 0, 255})
		}
	})
}
