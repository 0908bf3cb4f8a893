package render

import (
	"testing"

	"github.com/planatlas/planatlas/geo/proj"
)

// The scale bar's numbers never run together, in desk type or in the
// larger type of a presentation, at any scale.
func TestScaleTicksKeepApart(t *testing.T) {
	s := &Scene{View: proj.View{Width: 1920, Height: 1080, DPI: 96, Scale: 1}}
	p := newPainter(s, nil, false)
	p.cache = NewCache(0)
	for _, k := range []float64{1, 1.4, 1.8, 2.5} {
		for _, scale := range []float64{8_000, 95_000, 295_000, 724_000, 1_260_000, 3_000_000} {
			mpp := scale * p.mmpp / 1000
			length := proj.NiceLength(p.px(34*k) * mpp)
			w := length / mpp
			div, unit := 1000.0, "km"
			if length < 1000 {
				div, unit = 1, "m"
			}
			ticks := scaleTicks(p, 10, w, length, div, unit, 7*k)
			space, _ := p.measure(7*k, "0")
			for i := 1; i < len(ticks); i++ {
				if ticks[i-1].x+ticks[i-1].w+space > ticks[i].x+0.01 {
					t.Errorf("type ×%.1f at 1:%.0f: %q and %q run together", k, scale, ticks[i-1].t, ticks[i].t)
				}
			}
		}
	}
}
