package render

import (
	"image/color"
	"strings"

	"github.com/planatlas/planatlas/geo/plan"
)

// stageDash is the dash pattern (mm) of a line at a stage: existing solid,
// under construction long dashes, promoted or planned dashes, sought or
// studied short dashes — the planning-map habit of drawing what is not yet
// built as broken lines.
func stageDash(s plan.Stage) []float64 {
	switch s {
	case plan.StageExisting:
		return nil
	case plan.StageUnderConstruction:
		return []float64{6, 1.6}
	case plan.StagePromoted, plan.StagePlanned:
		return []float64{3.2, 1.6}
	default:
		return []float64{1.4, 1.4}
	}
}

// stageGroup folds the stages into the four line styles the legend explains.
func stageGroup(s plan.Stage) int {
	switch s {
	case plan.StageExisting:
		return 0
	case plan.StageUnderConstruction:
		return 1
	case plan.StagePromoted, plan.StagePlanned:
		return 2
	}
	return 3
}

var stageGroupNames = [4][2]string{
	{"现状", "existing"},
	{"在建", "under construction"},
	{"推动建设·规划", "promoted or planned"},
	{"争取纳入·研究论证", "sought or under study"},
}

// lineStyle returns the strokes of a line feature, bottom first.
func lineStyle(f *plan.Feature, pal Palette) []stroke {
	dash := stageDash(f.Stage)
	switch f.Kind {
	case "hsr":
		return []stroke{{color: pal.HSR, width: 1.5, dashes: dash}, {color: pal.RailInner, width: 0.6, dashes: []float64{2.2, 2.2}}}
	case "rail":
		return []stroke{{color: pal.Rail, width: 1.1, dashes: dash}, {color: pal.RailInner, width: 0.45, dashes: []float64{2.2, 2.2}}}
	case "intercity":
		return []stroke{{color: pal.Intercity, width: 1.2, dashes: dash}, {color: pal.RailInner, width: 0.45, dashes: []float64{2.2, 2.2}}}
	case "expressway":
		return []stroke{{color: pal.Expressway, width: 1.5, dashes: dash}, {color: pal.ExpressInner, width: 0.55}}
	case "road":
		return []stroke{{color: pal.Road, width: 0.9, dashes: dash, round: dash == nil}}
	case "route":
		return []stroke{{color: pal.Route, width: 0.8, dashes: []float64{0.01, 1.3}, round: true}}
	case "heritage":
		return []stroke{{color: pal.Heritage, width: 0.7, dashes: []float64{2.4, 1, 0.4, 1}}}
	case "corridor":
		return []stroke{{color: alpha(pal.Eco, 90), width: 4.5, round: true}}
	case "overlay":
		return []stroke{{color: overlayColor(f), width: 0.4}}
	case "river":
		w := 0.45
		switch level(f) {
		case 1:
			w = 1.0
		case 2:
			w = 0.8
		case 3:
			w = 0.55
		}
		return []stroke{{color: pal.Water, width: w}}
	}
	return []stroke{{color: pal.RegionLine, width: 0.6, dashes: dash}}
}

func level(f *plan.Feature) int {
	if v, ok := f.Props["river_level"].(float64); ok {
		return int(v)
	}
	return 4
}

// areaStyle returns the fill and outline of an area feature.
func areaStyle(f *plan.Feature, pal Palette) (fill color.NRGBA, line stroke) {
	switch f.Kind {
	case "province":
		// No fill: the background is the provinces' land colour.
		return color.NRGBA{}, stroke{color: pal.ProvinceLine, width: 0.55, dashes: []float64{4, 1, 1, 1}}
	case "prefecture":
		return color.NRGBA{}, stroke{color: pal.NeighbourLine, width: 0.4} // the province's fill shows through
	case "county":
		return color.NRGBA{}, stroke{color: pal.CountyLine, width: 0.22}
	case "city_outline":
		return pal.Bazhong, stroke{color: pal.BazhongLine, width: 1.0}
	case "role":
		return pal.Roles[f.ID], stroke{color: pal.BazhongLine, width: 0.35, dashes: []float64{2, 0.8}}
	case "overlay":
		c := overlayColor(f)
		return alpha(c, 50), stroke{color: c, width: 0.4}
	case "geopark", "scenic":
		return alpha(pal.Scenic, 45), stroke{color: pal.Scenic, width: 0.5, dashes: []float64{1.6, 0.8}}
	}
	return color.NRGBA{}, stroke{color: pal.RegionLine, width: 0.5, dashes: []float64{2.2, 1.2}}
}

// regionBand is the translucent band drawn along a region's outline: it
// marks the area without washing over everything inside it (and costs a
// fraction of a full translucent fill).
func regionBand(pal Palette) stroke {
	return stroke{color: alpha(pal.RegionLine, 40), width: 3.2, round: true}
}

// labelText returns the label of a feature: its name without the
// parenthesised gloss (汉巴南高铁(汉中—巴中—南充铁路) → 汉巴南高铁).
func labelText(f *plan.Feature, lang string) string {
	s := f.Name(lang)
	for _, sep := range []string{"(", "（", " ("} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return strings.TrimSpace(s)
}
