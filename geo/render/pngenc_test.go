package render

import (
	"bytes"
	"compress/flate"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"math/rand"
	"testing"

	"github.com/planatlas/planatlas/geo/planpkg"
)

// The parallel encoder's files decode, with image/png, to the very pixels
// encoded: opaque (as RGB) and translucent (as RGBA), sizes that do and do
// not fill the bands.
func TestEncodePNGRoundTrip(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for _, tc := range []struct {
		w, h   int
		opaque bool
	}{{1, 1, true}, {37, 5, false}, {640, 480, true}, {301, 257, false}, {1000, 33, true}} {
		img := image.NewRGBA(image.Rect(0, 0, tc.w, tc.h))
		for y := 0; y < tc.h; y++ {
			for x := 0; x < tc.w; x++ {
				c := color.RGBA{uint8(x), uint8(y * 3), uint8(r.Intn(4) * 60), 255}
				if !tc.opaque && (x+y)%7 == 0 {
					c = color.RGBA{c.R / 2, c.G / 2, c.B / 2, 128}
				}
				img.SetRGBA(x, y, c)
			}
		}
		var b bytes.Buffer
		if err := encodePNG(&b, img, flate.BestSpeed); err != nil {
			t.Fatal(err)
		}
		colourType := b.Bytes()[25]
		got, err := png.Decode(&b)
		if err != nil {
			t.Fatalf("%dx%d: %v", tc.w, tc.h, err)
		}
		for y := 0; y < tc.h; y++ {
			for x := 0; x < tc.w; x++ {
				if g, w := color.NRGBAModel.Convert(got.At(x, y)), color.NRGBAModel.Convert(img.RGBAAt(x, y)); g != w {
					t.Fatalf("%dx%d at (%d, %d): %v, want %v", tc.w, tc.h, x, y, g, w)
				}
			}
		}
		if want := map[bool]byte{true: 2, false: 6}[tc.opaque]; colourType != want {
			t.Errorf("%dx%d: colour type %d, want %d", tc.w, tc.h, colourType, want)
		}
	}
}

func TestAdler32Combine(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	data := make([]byte, 200000)
	r.Read(data)
	for _, cut := range []int{0, 1, 65521, 100000, 199999, 200000} {
		a, b := data[:cut], data[cut:]
		if got, want := adler32Combine(adler32.Checksum(a), adler32.Checksum(b), len(b)), adler32.Checksum(data); got != want {
			t.Errorf("cut %d: %08x, want %08x", cut, got, want)
		}
	}
}

// Encoding an A3 page at 300 dpi (4961 × 3508) drawn from the plan: this
// encoder against image/png at the same level, with the file size.
func BenchmarkEncodePNGA3(b *testing.B) {
	img := a3Image(b)
	for _, tc := range []struct {
		name string
		enc  func(*bytes.Buffer) error
	}{
		{"parallel", func(w *bytes.Buffer) error { return encodePNG(w, img, flate.BestSpeed) }},
		{"image-png", func(w *bytes.Buffer) error {
			return (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(w, img)
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var w bytes.Buffer
			for b.Loop() {
				w.Reset()
				if err := tc.enc(&w); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(w.Len())/(1<<20), "MB")
		})
	}
}

// a3Image draws the whole city on an A3 page at 300 dpi.
func a3Image(b *testing.B) *image.RGBA {
	p, err := planpkg.BuiltIn()
	if err != nil {
		b.Fatal(err)
	}
	s := &Scene{Plan: p, Lang: "zh", Theme: ThemeLight, Frame: FullFrame, Cache: NewCache(0),
		View: FitView(CityBound(p), 4961, 3508, 300, FullFrame)}
	img, _, err := Image(s)
	if err != nil {
		b.Fatal(err)
	}
	return img
}
