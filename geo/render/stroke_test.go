package render

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/rasterizer"
)

// The polyline stroker draws what tdewolff/canvas's general stroker draws:
// each case is rasterised both ways and compared pixel by pixel.
func TestOutlineStrokeDrawsAsCanvas(t *testing.T) {
	poly := func(closed bool, xy ...float64) *canvas.Path {
		p := &canvas.Path{}
		p.MoveTo(xy[0], xy[1])
		for i := 2; i < len(xy); i += 2 {
			p.LineTo(xy[i], xy[i+1])
		}
		if closed {
			p.Close()
		}
		return p
	}
	arc := &canvas.Path{}
	for i := 0; i <= 60; i++ {
		a := float64(i) / 60 * 1.5 * math.Pi
		if i == 0 {
			arc.MoveTo(100+70*math.Cos(a), 100+70*math.Sin(a))
		} else {
			arc.LineTo(100+70*math.Cos(a), 100+70*math.Sin(a))
		}
	}
	// A wiggly line of steps shorter than its width (a border drawn small).
	rng := rand.New(rand.NewPCG(1, 2))
	walk := &canvas.Path{}
	x, y := 20.0, 100.0
	walk.MoveTo(x, y)
	for i := 0; i < 300; i++ {
		x += 0.55
		y += (rng.Float64() - 0.5) * 1.6
		walk.LineTo(x, y)
	}
	zigzag := poly(false, 20, 30, 60, 170, 80, 40, 95, 160, 150, 150, 170, 20, 120, 60)
	ring := poly(true, 30, 30, 170, 40, 150, 170, 60, 150, 100, 100)
	tests := []struct {
		name   string
		path   *canvas.Path
		width  float64
		dashes []float64
		join   canvas.Joiner
		round  bool
		darker float64 // share of inked pixels that may be darker by over 10 %
	}{
		{"zigzag bevel", zigzag, 3, nil, canvas.BevelJoin, false, 0},
		{"zigzag miter", zigzag, 5, nil, canvas.MiterJoin, false, 0},
		{"zigzag round", zigzag, 6, nil, canvas.RoundJoin, true, 0},
		{"arc of short segments", arc, 2.5, nil, canvas.BevelJoin, false, 0},
		{"arc wide translucent-style band", arc, 12, nil, canvas.MiterJoin, true, 0},
		// Steps under the width overlap at their anti-aliased edges, which the
		// rasteriser sums: some edge pixels are darker, none lighter.
		{"walk of steps under the width", walk, 4, nil, canvas.MiterJoin, false, 0.03},
		{"ring miter", ring, 4, nil, canvas.MiterJoin, false, 0},
		{"ring dashed", ring, 2, []float64{9, 4, 2, 4}, canvas.BevelJoin, false, 0},
		{"zigzag dashed", zigzag, 2.2, []float64{8, 4}, canvas.MiterJoin, false, 0},
		{"dots", arc, 3, []float64{0.04, 5}, canvas.BevelJoin, true, 0},
		{"doubling back", poly(false, 30, 100, 170, 100, 60, 100), 8, nil, canvas.RoundJoin, true, 0},
	}
	raster := func(p *canvas.Path) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, 200, 200))
		ras := rasterizer.FromImage(img, canvas.DPMM(1), canvas.LinearColorSpace{})
		st := canvas.DefaultStyle
		st.Fill = canvas.Paint{Color: canvas.Black}
		ras.RenderPath(p, st, canvas.Identity)
		ras.Close()
		return img
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := outlineStroke(tt.path, tt.width, tt.dashes, tt.join, tt.round)
			if !ok {
				t.Fatal("a polyline was refused")
			}
			q := tt.path
			if len(tt.dashes) > 0 {
				q = q.Dash(0, tt.dashes...)
			}
			capper := canvas.ButtCap
			if tt.round {
				capper = canvas.RoundCap
			}
			want := q.Stroke(tt.width, capper, tt.join, 0.05)
			a, b := raster(got), raster(want)
			var sumA, sumB, inked, off, less int
			for i := 3; i < len(a.Pix); i += 4 {
				sumA += int(a.Pix[i])
				sumB += int(b.Pix[i])
				if a.Pix[i] > 0 || b.Pix[i] > 0 {
					inked++
				}
				if d := int(a.Pix[i]) - int(b.Pix[i]); d > 26 || d < -26 {
					off++
					if d < 0 {
						less++
					}
				}
			}
			if inked == 0 {
				t.Fatal("nothing drawn")
			}
			ink := math.Abs(float64(sumA-sumB)) / float64(sumB)
			t.Logf("%d pixels inked, %d off by over 10 %% (%d lighter), ink %.2f %% apart", inked, off, less, 100*ink)
			if ink > 0.01 || off-less > max(inked/200, int(tt.darker*float64(inked))) || less > inked/200 {
				t.Errorf("%d of %d pixels off by over 10 %%; total ink %.2f %% apart", off, inked, 100*ink)
			}
		})
	}
	if _, ok := outlineStroke(arcPath(), 2, nil, canvas.BevelJoin, false); ok {
		t.Error("a path with an arc was taken as a polyline")
	}
}

func arcPath() *canvas.Path {
	p := &canvas.Path{}
	p.MoveTo(0, 0)
	p.ArcTo(10, 10, 0, false, true, 20, 0)
	return p
}

// Stroking the outlines of a 1080p frame's lines: the polyline stroker
// against tdewolff/canvas's.
func BenchmarkOutlineStroke(b *testing.B) {
	p := &canvas.Path{}
	rng := rand.New(rand.NewPCG(3, 4))
	x, y := 0.0, 500.0
	p.MoveTo(x, y)
	for i := 0; i < 20000; i++ {
		x += 0.5 + rng.Float64()*3
		y += (rng.Float64() - 0.5) * 6
		p.LineTo(math.Mod(x, 1920), y)
	}
	b.Run("polyline", func(b *testing.B) {
		for b.Loop() {
			outlineStroke(p, 2.5, []float64{8, 4}, canvas.MiterJoin, false)
		}
	})
	b.Run("canvas", func(b *testing.B) {
		for b.Loop() {
			p.Dash(0, 8, 4).Stroke(2.5, canvas.ButtCap, canvas.MiterJoin, 0.05)
		}
	})
}
