package render

import (
	"image"
	"image/draw"
	"reflect"
	"testing"

	"github.com/tdewolff/canvas"

	"github.com/planatlas/planatlas/geo/planpkg"
)

func TestClipSlab(t *testing.T) {
	square := &canvas.Path{}
	square.MoveTo(0, -10)
	square.LineTo(10, -10)
	square.LineTo(10, 10)
	square.LineTo(0, 10)
	square.Close()
	two := &canvas.Path{} // a closed triangle, then an open one
	two.MoveTo(0, 0)
	two.LineTo(4, 0)
	two.LineTo(4, 4)
	two.Close()
	two.MoveTo(0, 6)
	two.LineTo(4, 6)
	two.LineTo(4, 9)
	curve := &canvas.Path{}
	curve.MoveTo(0, 0)
	curve.QuadTo(5, 5, 10, 0)
	tests := []struct {
		name   string
		p      *canvas.Path
		y0, y1 float64
		want   []canvas.Point // vertices of the subpaths, in order
		ok     bool
	}{
		{"square", square, 0, 5, []canvas.Point{{X: 0, Y: 5}, {X: 0, Y: 0}, {X: 10, Y: 0}, {X: 10, Y: 5}}, true},
		{"two subpaths", two, 1, 8, []canvas.Point{{X: 1, Y: 1}, {X: 4, Y: 1}, {X: 4, Y: 4}, {X: 8.0 / 3, Y: 8}, {X: 0, Y: 6}, {X: 4, Y: 6}, {X: 4, Y: 8}}, true},
		{"curve left whole", curve, 0, 1, nil, false},
	}
	for _, tt := range tests {
		q, ok := clipSlab(tt.p, tt.y0, tt.y1)
		if ok != tt.ok {
			t.Errorf("%s: ok %v", tt.name, ok)
			continue
		}
		if !ok {
			continue
		}
		var got []canvas.Point
		d := q.Data()
		for i := 0; i < len(d); i += 4 {
			if d[i] != canvas.CloseCmd {
				got = append(got, canvas.Point{X: d[i+1], Y: d[i+2]})
			}
		}
		if len(got) != len(tt.want) || !reflect.DeepEqual(round(got), round(tt.want)) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// A frame drawn in four bands with the fills cut to each band is the
// frame drawn with them whole, to within rounding.
func TestBandsCutFillsAsWhole(t *testing.T) {
	p, err := planpkg.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	s := &Scene{Plan: p, Lang: "zh", Theme: ThemeLight, Frame: FullFrame, Cache: NewCache(0),
		View: FitView(CityBound(p), 1920, 1080, 96, FullFrame)}
	draw4 := func(noClip bool) *image.RGBA {
		dst := image.NewRGBA(image.Rect(0, 0, s.View.Width, s.View.Height))
		draw.Draw(dst, dst.Bounds(), image.NewUniform(s.Theme.Palette().Background), image.Point{}, draw.Src)
		mmpp := s.View.MMPerPixel()
		rec := &recorder{w: float64(s.View.Width) * mmpp, h: float64(s.View.Height) * mmpp, noClip: noClip}
		pt := newPainter(s, rec, false)
		pt.raster, pt.img = true, dst
		if _, err := drawScene(s, pt); err != nil {
			t.Fatal(err)
		}
		rec.replay(dst, s.View.DPI, 4, s.cancelled)
		return dst
	}
	cut, whole := draw4(false), draw4(true)
	// Within rounding: a stroke is filled as overlapping pieces whose
	// coverage is summed in 12 bits and clamped, and a piece cut to a band
	// may be filled by the strip filler where the whole one is not, so a
	// few anti-aliased edge pixels move by a few levels (measured on the
	// city at 1080p: 8.29 M channel values equal, 3301 off by 1, 398 by 2,
	// 92 by 3, 9 by 4, 3 by 5). A piece lost or drawn twice moves
	// thousands of pixels by tens of levels.
	far := 0
	for i := range cut.Pix {
		d := int(cut.Pix[i]) - int(whole.Pix[i])
		if d > 8 || d < -8 {
			t.Fatalf("pixel (%d, %d): %d levels off", i%cut.Stride/4, i/cut.Stride, d)
		}
		if d > 2 || d < -2 {
			far++
		}
	}
	if far > len(cut.Pix)/10000 {
		t.Errorf("%d channel values more than 2 levels off (of %d)", far, len(cut.Pix))
	}
}

func round(ps []canvas.Point) []canvas.Point {
	out := make([]canvas.Point, len(ps))
	for i, p := range ps {
		out[i] = canvas.Point{X: float64(int64(p.X*1e9+0.5)) / 1e9, Y: float64(int64(p.Y*1e9+0.5)) / 1e9}
	}
	return out
}
