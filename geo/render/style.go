package render

import (
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
		// Long dashes with gaps wide enough to tell from an existing line
		// at city scale (6/1.6 read as solid on the timeline's maps).
		return []float64{5, 2.6}
	case plan.StagePromoted, plan.StagePlanned:
		return []float64{2.6, 1.8}
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

func level(f *plan.Feature) int {
	if v, ok := f.Props["river_level"].(float64); ok {
		return int(v)
	}
	return 4
}

// regionBand is the translucent band drawn along a region's outline: it
// marks the area without washing over everything inside it (and costs a
// fraction of a full translucent fill).
func regionBand(pal Palette) stroke {
	return stroke{color: alpha(pal.RegionLine, 40), width: 3.2, round: true}
}

// labelText returns the label of a feature: its name without the
// parenthesised gloss (京沪高铁(北京—上海高速铁路) → 京沪高铁).
func labelText(f *plan.Feature, lang string) string {
	s := f.Name(lang)
	for _, sep := range []string{"(", "（", " ("} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return strings.TrimSpace(s)
}
