package render_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/proj"
	"github.com/planatlas/planatlas/geo/render"
)

// 巴南高铁 opened on 2024-06-27: drawn as of the day before it is dashed
// (under construction), as of the day after solid. Along the line, the
// solid stroke covers clearly more of the pixels than the dashed one.
func TestAsOfDashedToSolid(t *testing.T) {
	s := scene(t, cityView(t, 1200, 800, 96))
	f, ok := s.Plan.Feature("banan_hsr_section")
	if !ok {
		t.Fatal("no banan_hsr_section")
	}
	ls := f.Geometry.(orb.LineString)
	s.View = proj.Fit(ls.Bound(), 1200, 800, 96, 40)
	s.Layers = map[plan.GroupID]bool{"corridor": true}
	s.Frame = render.Frame{}
	coverage := func(asOf string) (int, *render.Result) {
		c := *s
		c.AsOf = asOf
		img, res := render1(t, &c)
		// Dark pixels in a band across the line: the black casing of a rail
		// line is broken by gaps while it is being built, whole once open.
		hits := 0
		for i := 1; i < len(ls); i++ {
			a, b := c.View.Pixel(ls[i-1]), c.View.Pixel(ls[i])
			dx, dy := b[0]-a[0], b[1]-a[1]
			n := math.Hypot(dx, dy)
			if n == 0 {
				continue
			}
			nx, ny := -dy/n, dx/n
			steps := int(n)
			for k := 0; k < steps; k++ {
				x := a[0] + dx*float64(k)/float64(steps)
				y := a[1] + dy*float64(k)/float64(steps)
				for o := -4.0; o <= 4; o++ {
					px := img.RGBAAt(int(x+nx*o+0.5), int(y+ny*o+0.5))
					if int(px.R)+int(px.G)+int(px.B) < 200 {
						hits++
					}
				}
			}
		}
		return hits, res
	}
	before, _ := coverage("2024-06-26")
	after, _ := coverage("2024-06-28")
	t.Logf("line pixels covered: %d as of 2024-06-26, %d as of 2024-06-28", before, after)
	if float64(after) < float64(before)*1.1 {
		t.Errorf("the line is not drawn solid after its opening: %d vs %d covered samples", after, before)
	}
	if f.StageAt("2024-06-26") != plan.StageUnderConstruction || f.StageAt("2024-06-28") != plan.StageExisting {
		t.Errorf("stages %s, %s", f.StageAt("2024-06-26"), f.StageAt("2024-06-28"))
	}
}

// Drawn as of a date, the legend says which date.
func TestAsOfLegend(t *testing.T) {
	s := scene(t, cityView(t, 1200, 800, 96))
	s.Frame = render.Frame{Legend: true}
	plain, _ := render1(t, s)
	s.AsOf = "2023-06"
	dated, _ := render1(t, s)
	if string(plain.Pix) == string(dated.Pix) {
		t.Error("the legend does not change with the date")
	}
}
