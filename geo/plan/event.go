package plan

import (
	"sort"
	"strconv"
	"strings"
)

// Event is one dated step in a feature's progress since (or before) the
// decision: the stage it reached, what happened, and its source.
type Event struct {
	Date        string      `json:"date"`  // YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source
	Stage       Stage       `json:"stage"` // the stage reached
	DescZh      string      `json:"desc_zh"`
	DescEn      string      `json:"desc_en"`
	Source      string      `json:"source"` // a citation "publisher|title|date|link"
	Reliability Reliability `json:"reliability"`
}

// Desc is what happened, in lang.
func (e Event) Desc(lang string) string {
	if lang == "en" && e.DescEn != "" {
		return e.DescEn
	}
	return e.DescZh
}

// Citation is the event's source as a planner cites it.
func (e Event) Citation() Citation {
	if cs := ParseCitations(e.Source); len(cs) > 0 {
		return cs[0]
	}
	return Citation{}
}

// LastDay is the last day a date of year, month or day precision covers
// ("2024" → "2024-12-31", "2024-02" → "2024-02-29"): an event known only
// to its year has surely happened by then, not before.
func LastDay(date string) string {
	switch len(date) {
	case 4:
		return date + "-12-31"
	case 7:
		y, m := date[:4], date[5:7]
		days := map[string]string{"01": "31", "02": "28", "03": "31", "04": "30", "05": "31", "06": "30",
			"07": "31", "08": "31", "09": "30", "10": "31", "11": "30", "12": "31"}[m]
		if m == "02" && leap(y) {
			days = "29"
		}
		return date + "-" + days
	}
	return date
}

func leap(y string) bool {
	n := 0
	for _, c := range y {
		n = n*10 + int(c-'0')
	}
	return n%4 == 0 && (n%100 != 0 || n%400 == 0)
}

// Rank orders stages by how far a project has come: study lowest,
// existing highest.
func (s Stage) Rank() int {
	switch s {
	case StageExisting:
		return 5
	case StageUnderConstruction:
		return 4
	case StagePromoted:
		return 3
	case StagePlanned:
		return 2
	case StageSeekingInclusion:
		return 1
	}
	return 0
}

// StageAt is the feature's stage on a day (YYYY-MM-DD; a shorter date
// means its last day): the plan's stage as of adoption, moved on by every
// event after adoption that had surely happened by then.
func (f *Feature) StageAt(date string) Stage {
	day := LastDay(date)
	st := f.Stage
	for _, e := range f.Events {
		if LastDay(e.Date) > f.adopted && LastDay(e.Date) <= day {
			st = e.Stage
		}
	}
	return st
}

// EventsSince returns the events after adoption, oldest first.
func (f *Feature) EventsSince() []Event {
	var out []Event
	for _, e := range f.Events {
		if LastDay(e.Date) > f.adopted {
			out = append(out, e)
		}
	}
	return out
}

// DateLess orders dates of any precision by the day each surely covers,
// then by the text (a month before a day in it).
func DateLess(a, b string) bool {
	if la, lb := LastDay(a), LastDay(b); la != lb {
		return la < lb
	}
	return strings.Compare(a, b) < 0
}

// AsOf returns a copy of the plan whose features stand at their stage on
// date (StageAt), each with "stage_at_adoption" and "as_of" properties;
// the document, scenes and geometry are shared.
func (p *Plan) AsOf(date string) *Plan {
	c := &Plan{Doc: p.Doc, Scenes: p.Scenes, Info: p.Info, Kinds: p.Kinds}
	for _, l := range p.Layers {
		nl := &Layer{Info: l.Info}
		for _, f := range l.Features {
			g := *f
			g.Props = map[string]any{}
			for k, v := range f.Props {
				g.Props[k] = v
			}
			if f.Layer != GroupBase {
				g.Stage = f.StageAt(date)
				g.Props["stage_at_adoption"] = string(f.Stage)
				g.Props["as_of"] = date
			}
			nl.Features = append(nl.Features, &g)
		}
		c.Layers = append(c.Layers, nl)
	}
	c.index()
	return c
}

// ProgressScenes are the milestones since adoption as presentation scenes,
// oldest first: each shows its feature highlighted on the map as of the
// event's date, named by the date and what happened, captioned by the
// clauses that asked for it.
func (p *Plan) ProgressScenes() []Scene {
	type milestone struct {
		f *Feature
		e Event
	}
	var ms []milestone
	for _, f := range p.Features() {
		for _, e := range f.EventsSince() {
			ms = append(ms, milestone{f, e})
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return DateLess(ms[i].e.Date, ms[j].e.Date) })
	var out []Scene
	for i, m := range ms {
		b := m.f.Geometry.Bound().Pad(0.12)
		layers := []GroupID{GroupBase}
		if rg := p.RoleGroup(); rg != "" {
			layers = append(layers, rg)
		}
		if m.f.Layer != GroupBase && m.f.Layer != p.RoleGroup() {
			layers = append(layers, m.f.Layer)
		}
		out = append(out, Scene{ID: "progress-" + strconv.Itoa(i+1),
			NameZh: m.e.Date + " " + m.f.NameZh + "：" + m.e.DescZh, NameEn: m.e.Date + " " + m.f.Name("en") + ": " + m.e.DescEn,
			Clauses: m.f.Clauses, Layers: layers, Highlight: []string{m.f.ID}, AsOf: m.e.Date,
			BBox: [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}, Note: m.e.Source})
	}
	return out
}
