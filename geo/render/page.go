package render

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/proj"
)

// Paper sizes in millimetres (portrait).
var Papers = map[string][2]float64{
	"a4": {210, 297},
	"a3": {297, 420},
}

// PaperPixels returns the pixel size of a paper at dpi.
func PaperPixels(paper string, landscape bool, dpi float64) (w, h int, err error) {
	mm, ok := Papers[strings.ToLower(paper)]
	if !ok {
		return 0, 0, fmt.Errorf("unknown paper %q (a4 or a3)", paper)
	}
	if landscape {
		mm[0], mm[1] = mm[1], mm[0]
	}
	return int(mm[0]/25.4*dpi + 0.5), int(mm[1]/25.4*dpi + 0.5), nil
}

// CityBound is the lon/lat bound of the plan's area: its outline's, its
// stated bounds, or its features' (plan.Plan.Bound).
func CityBound(p *plan.Plan) orb.Bound { return p.Bound() }

// FitView returns a view of w×h pixels at dpi showing b whole, leaving room
// for the frame elements: the title at the top, the legend on the right,
// the scale bar and attribution at the bottom.
func FitView(b orb.Bound, w, h int, dpi float64, f Frame) proj.View {
	px := func(mm float64) float64 { return mm / 25.4 * dpi }
	left, top, right, bottom := px(8), px(8), px(8), px(8)
	if f.Title {
		top = px(26)
	}
	if f.Legend {
		right = px(80)
	}
	if f.ScaleBar || f.Attribution {
		bottom = px(20)
	}
	if right > 0.35*float64(w) {
		right = 0.35 * float64(w)
	}
	if top+bottom > 0.4*float64(h) {
		top, bottom = 0.2*float64(h), 0.2*float64(h)
	}
	return proj.FitPadded(b, w, h, dpi, left, top, right, bottom)
}
