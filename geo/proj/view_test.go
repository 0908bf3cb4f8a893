package proj_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/planatlas/planatlas/geo/proj"
)

var bazhong = orb.Point{106.75, 31.867}

func TestScaleIsTrueAtCentre(t *testing.T) {
	v := proj.View{Center: bazhong, Scale: 500000, Width: 1000, Height: 800, DPI: 96}
	// 1 px at 96 dpi is 0.264583 mm; at 1:500,000 that is 132.29 m on the ground.
	if got := v.MetresPerPixel(); math.Abs(got-132.2917) > 0.01 {
		t.Errorf("MetresPerPixel = %v", got)
	}
	// Measure 100 px east and north of the centre on the ground (haversine).
	tr := v.Transform()
	c := tr.LonLat(500, 400)
	for _, d := range []orb.Point{{600, 400}, {500, 300}} {
		m := geo.DistanceHaversine(c, tr.LonLat(d[0], d[1]))
		if math.Abs(m-13229)/13229 > 0.002 {
			t.Errorf("100 px to %v covers %.0f m, want 13229 ±0.2%%", d, m)
		}
	}
}

func TestPixelRoundTrip(t *testing.T) {
	tests := []proj.View{
		{Center: bazhong, Scale: 500000, Width: 1920, Height: 1080, DPI: 96},
		{Center: orb.Point{106, 30}, Scale: 3e6, Width: 4961, Height: 3508, DPI: 300},
	}
	for _, v := range tests {
		tr := v.Transform()
		if p := tr.Pixel(v.Center); math.Abs(p[0]-float64(v.Width)/2) > 1e-6 || math.Abs(p[1]-float64(v.Height)/2) > 1e-6 {
			t.Errorf("centre maps to %v", p)
		}
		for _, q := range []orb.Point{{105.5, 31}, {107.7, 32.7}} {
			p := tr.Pixel(q)
			back := tr.LonLat(p[0], p[1])
			if math.Abs(back[0]-q[0]) > 1e-9 || math.Abs(back[1]-q[1]) > 1e-9 {
				t.Errorf("%v → %v → %v", q, p, back)
			}
		}
		// North is up and east is right.
		if n, e := tr.Pixel(orb.Point{v.Center[0], v.Center[1] + 0.1}), tr.Pixel(orb.Point{v.Center[0] + 0.1, v.Center[1]}); n[1] >= float64(v.Height)/2 || e[0] <= float64(v.Width)/2 {
			t.Errorf("north at %v, east at %v", n, e)
		}
	}
}

func TestZoomAtKeepsPointUnderCursor(t *testing.T) {
	v := proj.View{Center: bazhong, Scale: 800000, Width: 1200, Height: 800, DPI: 96}
	under := v.LonLat(300, 200)
	z := v.ZoomAt(2, 300, 200)
	// The Mercator resolution halves; the true scale follows the new centre's latitude.
	merc := func(v proj.View) float64 { return v.Scale / math.Cos(v.Center[1]*math.Pi/180) }
	if r := merc(z) / merc(v); math.Abs(r-0.5) > 1e-9 {
		t.Errorf("resolution ratio %v, want 0.5", r)
	}
	if p := z.Pixel(under); math.Abs(p[0]-300) > 0.5 || math.Abs(p[1]-200) > 0.5 {
		t.Errorf("point under the cursor moved to %v", p)
	}
	p := v.Pan(100, -50).Pixel(v.Center)
	if math.Abs(p[0]-700) > 1e-6 || math.Abs(p[1]-350) > 1e-6 {
		t.Errorf("after panning by (100,-50) the old centre is at %v, want (700,350)", p)
	}
}

func TestFit(t *testing.T) {
	b := orb.Bound{Min: orb.Point{106.358, 31.248}, Max: orb.Point{107.759, 32.736}}
	v := proj.Fit(b, 1920, 1080, 96, 40)
	tr := v.Transform()
	for _, c := range []orb.Point{b.Min, b.Max} {
		p := tr.Pixel(c)
		if p[0] < 39.9 || p[0] > 1880.1 || p[1] < 39.9 || p[1] > 1040.1 {
			t.Errorf("corner %v at %v, outside the margins", c, p)
		}
	}
	lo, hi := tr.Pixel(b.Min), tr.Pixel(b.Max)
	if math.Abs(lo[1]-1040) > 1 && math.Abs(hi[1]-40) > 1 && math.Abs(lo[0]-40) > 1 {
		t.Errorf("bound does not touch a margin: %v %v", lo, hi)
	}
}

func TestNiceLength(t *testing.T) {
	tests := map[float64]float64{1: 1, 7: 5, 19999: 10000, 20000: 20000, 48000: 20000, 51000: 50000, 0.3: 0.2}
	for in, want := range tests {
		if got := proj.NiceLength(in); math.Abs(got-want) > 1e-9 {
			t.Errorf("NiceLength(%v) = %v, want %v", in, got, want)
		}
	}
}

func ExampleView_MetresPerPixel() {
	v := proj.View{Center: orb.Point{106.75, 31.867}, Scale: 250000, Width: 800, Height: 600, DPI: 300}
	fmt.Printf("%.2f m\n", v.MetresPerPixel())
	// Output: 21.17 m
}

func TestToMercatorInvertsMercator(t *testing.T) {
	v := proj.View{Center: orb.Point{106.75, 31.86}, Scale: 500_000, Width: 1200, Height: 800, DPI: 96}
	tr := v.Transform()
	for _, m := range []orb.Point{{1.188e7, 3.74e6}, {1.2e7, 3.8e6}} {
		px := tr.Mercator(m)
		if back := tr.ToMercator(px[0], px[1]); math.Abs(back[0]-m[0]) > 1e-6 || math.Abs(back[1]-m[1]) > 1e-6 {
			t.Errorf("%v → %v → %v", m, px, back)
		}
	}
}
