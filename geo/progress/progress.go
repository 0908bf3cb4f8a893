// Package progress tabulates how far each project the decision asks for
// has come: one row per feature with a verb (建成, 推进, 争取, 规划…), its
// clause and part, the stage the decision gives it and the stage reached by
// a date, when it was reached and the source that says so. Planners paste
// the table into reports as CSV or as an Excel workbook.
package progress

import (
	"sort"

	"github.com/planatlas/planatlas/geo/plan"
)

// Row is one project of the decision and its progress.
type Row struct {
	ID, NameZh, NameEn string
	Layer              plan.GroupID
	Part               string // the part of the first clause that names it ("四")
	Clause             string // that clause ("十一")
	Clauses            []string
	// PartZh, PartEn and ClauseLabel are the part and clause as the text
	// names and numbers them ("第四部分", "Part 4", "(十一)"; "第二章",
	// "Chapter 2", "第三条").
	PartZh, PartEn, ClauseLabel string
	Verb                        string     // what the text asks, in its own words ("加快…建设")
	Adopted                     plan.Stage // the stage the decision gives it
	Now                         plan.Stage // the stage reached by the table's date
	Reached                     string     // when Now was reached (the event's date); "" when it is the decision's
	What                        string     // what happened then (Chinese), or "" for none
	WhatEn                      string
	Source                      plan.Citation // of the event; zero for none
	Reliability                 plan.Reliability
}

// Name is the row's name in lang.
func (r Row) Name(lang string) string {
	if lang == "en" && r.NameEn != "" {
		return r.NameEn
	}
	return r.NameZh
}

// Table returns a row for each feature the decision asks something of (one
// with a verb), as of date (YYYY, YYYY-MM or YYYY-MM-DD), in the order of
// the decision's clauses.
func Table(p *plan.Plan, date string) []Row {
	var rows []Row
	for _, f := range p.Features() {
		if f.StageVerb == "" || len(f.Clauses) == 0 || f.Layer == plan.GroupBase {
			continue
		}
		r := Row{ID: f.ID, NameZh: f.NameZh, NameEn: f.NameEn, Layer: f.Layer, Clauses: f.Clauses, Verb: f.StageVerb,
			Adopted: f.Stage, Now: f.StageAt(date)}
		for _, c := range f.Clauses {
			if cl, ok := p.Doc.Clause(c); ok {
				r.Clause, r.Part, r.ClauseLabel = c, cl.Part, cl.Label
				if pt, ok := p.Doc.Part(cl.Part); ok {
					r.PartZh, r.PartEn = p.Doc.PartName(pt, "zh"), p.Doc.PartName(pt, "en")
				}
				break
			}
		}
		day := plan.LastDay(date)
		for _, e := range f.EventsSince() {
			if plan.LastDay(e.Date) <= day {
				r.Reached, r.What, r.WhatEn, r.Source, r.Reliability = e.Date, e.DescZh, e.DescEn, e.Citation(), e.Reliability
			}
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool { return clauseIndex(p, rows[i].Clause) < clauseIndex(p, rows[j].Clause) })
	return rows
}

func clauseIndex(p *plan.Plan, num string) int {
	if c, ok := p.Doc.Clause(num); ok {
		return c.Index
	}
	return 1 << 20 // blocks that are not clauses (a part's title) last
}
