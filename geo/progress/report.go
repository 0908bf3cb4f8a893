package progress

import (
	"fmt"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/render"
)

// Report lays out the progress report as of date: a title page with the
// counts and a map of the whole city with each feature in its stage then,
// and a section per part of the decision — its clauses, a map of the
// features they name, and the table of their progress with sources.
func Report(p *plan.Plan, date, lang string) render.Report {
	en := lang == "en"
	pick := func(zh, e string) string {
		if en {
			return e
		}
		return zh
	}
	rows := Table(p, date)
	byStage := map[plan.Stage]int{}
	reached := 0
	for _, r := range rows {
		byStage[r.Now]++
		if r.Reached != "" {
			reached++
		}
	}
	var counts [][2]string
	for _, s := range plan.Stages {
		if n := byStage[s]; n > 0 {
			counts = append(counts, [2]string{s.Name(lang), fmt.Sprint(n)})
		}
	}
	events := 0
	for _, f := range p.Features() {
		events += len(f.EventsSince())
	}
	frame := render.Frame{Legend: true, ScaleBar: true, North: true, Attribution: true}
	scene := func(layers map[plan.GroupID]bool, sel []string, b orb.Bound) *render.Scene {
		s := &render.Scene{Plan: p, Layers: layers, Lang: lang, Theme: render.ThemePrint, Frame: frame, AsOf: date}
		if len(sel) > 0 {
			s.Selected = map[string]bool{}
			for _, id := range sel {
				s.Selected[id] = true
			}
		}
		s.View = render.FitView(b, 1600, 900, 96, frame)
		return s
	}
	rep := render.Report{
		Title:    p.Info.ProgressHeading(lang) + pick("报告", " report"),
		Subtitle: fmt.Sprintf(pick("截至 %s · 原文通过于 %s", "As of %s · adopted on %s"), date, plan.FormatDate(p.Info.Adopted, lang)),
		Summary: []string{
			fmt.Sprintf(pick("原文要求的项目 %d 项，截至该日的阶段如下表。", "%d projects the text asks for; their stages by then:"), len(rows)),
			fmt.Sprintf(pick("自原文通过以来有出处的进展事件 %d 个，涉及 %d 项；其余 %d 项未找到公开信息。", "%d sourced events since adoption concern %d projects; no public information was found for the other %d."), events, reached, len(rows)-reached),
			pick("每项进展均注明来源（发布者、日期、链接）与可靠性（官方、新闻媒体、二手资料）；地图中的线路在建成前为虚线，水库在蓄水前为空心。",
				"Each step gives its source (publisher, date, link) and reliability (official, news, secondary); on the maps a line is dashed until it opens and a reservoir hollow until it is impounded."),
		},
		Counts: counts,
		Cover:  scene(nil, nil, render.CityBound(p)),
		Footer: pick("规划图册 · 实施进展报告 · 截至 ", "Plan Atlas · progress report · as of ") + date,
	}
	head := Header(lang)
	for _, part := range p.Doc.Parts {
		sec := render.ReportSection{Title: part.Heading, Widths: []float64{38, 14, 24, 18.5, 17, 68.5},
			Head:  []string{head[0], head[2], head[3], head[5], head[6], head[7] + pick("与来源", " and source")},
			Empty: pick("本部分没有在地图上的具体项目。", "This part names no project on the map.")}
		if en {
			sec.Title = p.Doc.PartName(&part, lang) + " " + part.Title
		}
		refs := map[string]bool{"P" + part.Num: true}
		for _, c := range part.Clauses {
			refs[c] = true
			if cl, ok := p.Doc.Clause(c); ok {
				sec.Lines = append(sec.Lines, cl.Label+" "+cl.Title)
			}
		}
		layers := map[plan.GroupID]bool{plan.GroupBase: true}
		if rg := p.RoleGroup(); rg != "" {
			layers[rg] = true
		}
		var sel []string
		b := render.CityBound(p)
		for _, f := range p.Features() {
			for _, c := range f.Clauses {
				if refs[c] && f.Layer != plan.GroupBase {
					layers[f.Layer] = true
					sel = append(sel, f.ID)
					if f.Scope != "" && f.Scope == p.Info.Scope {
						b = b.Union(f.Geometry.Bound())
					}
					break
				}
			}
		}
		sec.Map = scene(layers, sel, b)
		noted := map[plan.Citation]int{} // a source cited twice has one note
		for _, r := range rows {
			if r.Part != part.Num {
				continue
			}
			cells := r.Cells(lang)
			what := cells[7]
			if r.Source.Publisher != "" {
				// In the table the source is its publisher and date with a
				// note number; the note under the table cites it whole.
				c := r.Source
				c.Title, c.Link = "", ""
				n, ok := noted[r.Source]
				if !ok {
					n = len(sec.Notes) + 1
					noted[r.Source] = n
					sec.Notes = append(sec.Notes, fmt.Sprintf("[%d] %s", n, r.Source.String()))
				}
				what += pick("（", " (") + c.String() + fmt.Sprintf(" [%d]", n) + pick("；", "; ") + cells[9] + pick("）", ")")
			}
			sec.Rows = append(sec.Rows, []string{cells[0], cells[2], cells[3], cells[5], cells[6], what})
		}
		rep.Sections = append(rep.Sections, sec)
	}
	return rep
}
