package web

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/project"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/render"
)

// page is everything the page's script reads: the plan's words in both
// languages, its features with their geometry (lon/lat) and quotes, the
// text's blocks, the scenes, and how the renderer draws each feature.
type page struct {
	Lang        string         `json:"lang"`
	Theme       render.Theme   `json:"theme"`
	Title       plan.Text      `json:"title"`
	Subtitle    plan.Text      `json:"subtitle"`
	Cite        plan.Text      `json:"cite"`
	Adopted     string         `json:"adopted"`
	Attribution []plan.Text    `json:"attribution"`
	Home        [4]float64     `json:"home"` // minlon, minlat, maxlon, maxlat
	AsOf        string         `json:"asOf,omitempty"`
	Groups      []group        `json:"groups"`
	Stages      []stage        `json:"stages"`
	Features    []feature      `json:"features"`
	Blocks      []block        `json:"blocks"`
	Scenes      []scene        `json:"scenes"`
	Map         *render.WebMap `json:"map"` // styles, palette; labels and legend in Lang
	Labels      labels         `json:"labels"`
	Legend      legends        `json:"legend"`
	Fan         [2]float64     `json:"fan"` // stand-ins' ring: least radius, spacing per symbol (CSS px)
	Basemap     *Basemap       `json:"basemap,omitempty"`
}

type labels struct {
	Zh []render.WebFeature `json:"zh"`
	En []render.WebFeature `json:"en"`
}

type legends struct {
	Zh []render.WebLegendRow `json:"zh"`
	En []render.WebLegendRow `json:"en"`
}

type group struct {
	ID      plan.GroupID `json:"id"`
	Name    plan.Text    `json:"name"`
	Visible bool         `json:"visible"`
	Roles   bool         `json:"roles,omitempty"` // the group of the plan's county roles
	Base    bool         `json:"base,omitempty"`
}

type stage struct {
	ID   plan.Stage `json:"id"`
	Name plan.Text  `json:"name"`
}

type feature struct {
	ID        string          `json:"id"`
	Group     plan.GroupID    `json:"g"`
	Name      plan.Text       `json:"n"`
	Kind      plan.Text       `json:"k"`
	Stage     plan.Stage      `json:"s,omitempty"`
	Verb      string          `json:"verb,omitempty"`
	Precision plan.Precision  `json:"p,omitempty"`
	Role      string          `json:"role,omitempty"`
	Pinyin    []string        `json:"py,omitempty"`
	Quotes    []plan.Quote    `json:"q,omitempty"`
	Refs      []string        `json:"refs,omitempty"` // every block that names it, quoted or not
	Since     plan.Text       `json:"since,omitempty"`
	SinceSrc  []string        `json:"sinceSrc,omitempty"`
	Rel       string          `json:"rel,omitempty"`
	NoInfoBy  string          `json:"noInfoBy,omitempty"`
	Events    []event         `json:"ev,omitempty"`
	Source    []string        `json:"src,omitempty"`
	Project   bool            `json:"project,omitempty"` // a project of the plan (not a place it names): progress is told
	Style     int             `json:"st"`
	AltStyle  *int            `json:"alt,omitempty"` // a county role's style when the roles are hidden
	Geometry  json.RawMessage `json:"geom"`
}

type event struct {
	Date  string     `json:"date"`
	Desc  plan.Text  `json:"desc"`
	Stage plan.Stage `json:"stage"`
	Cite  string     `json:"cite"`
	Rel   string     `json:"rel,omitempty"`
}

// block is a piece of the text in reading order: its title, preamble, a
// part's heading and intro, a section's heading, a clause or article.
type block struct {
	Ref   string    `json:"ref,omitempty"` // what features cite it by ("" for a section heading)
	Kind  string    `json:"kind"`          // title, preamble, part, section, clause
	Label string    `json:"label,omitempty"`
	Head  plan.Text `json:"head,omitempty"` // how the feature panel names it
	Text  string    `json:"text"`
}

type scene struct {
	Name      plan.Text      `json:"name"`
	Caption   plan.Text      `json:"caption"`
	Layers    []plan.GroupID `json:"layers"`
	Highlight []string       `json:"highlight"`
	BBox      [4]float64     `json:"bbox"`
	Stage     plan.Stage     `json:"stage,omitempty"`
	AsOf      string         `json:"asOf,omitempty"`
}

// pageData gathers the page's data from the plan and the renderer.
func pageData(o Options) (*page, error) {
	p := o.Plan
	drawn := p
	if o.AsOf != "" {
		drawn = p.AsOf(o.AsOf) // stages on the timeline's date
	}
	theme := o.Theme
	if theme != render.ThemeDark {
		theme = render.ThemeLight
	}
	lang := "zh"
	if o.Lang == "en" {
		lang = "en"
	}
	title := p.Info.Title
	if o.Title != "" {
		title = plan.Text{Zh: o.Title, En: o.Title}
	}
	d := &page{Fan: [2]float64{render.FanMin, render.FanStep}, Basemap: o.Basemap, Lang: lang, Theme: theme, Title: title, Subtitle: p.Info.Subtitle, Cite: p.Info.Cite, Adopted: p.Info.Adopted,
		Attribution: p.Info.Attribution, AsOf: o.AsOf}
	b := p.Bound()
	d.Home = [4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]}
	for _, g := range p.Groups() {
		d.Groups = append(d.Groups, group{ID: g.ID, Name: plan.Text{Zh: g.Name("zh"), En: g.Name("en")},
			Visible: o.Layers == nil || o.Layers[g.ID], Roles: g.ID == p.RoleGroup() && g.ID != "", Base: g.ID == plan.GroupBase})
	}
	for _, s := range plan.Stages {
		d.Stages = append(d.Stages, stage{ID: s, Name: plan.Text{Zh: s.Name("zh"), En: s.Name("en")}})
	}

	// The renderer's styles, labels and legend: every group shown, in each
	// language; the roles' look when their group is hidden, apart.
	view := func(lang string, layers map[plan.GroupID]bool) *render.Scene {
		return &render.Scene{Plan: drawn, Lang: lang, Theme: theme, Layers: layers, Frame: render.FullFrame}
	}
	zh, err := render.Web(view("zh", nil))
	if err != nil {
		return nil, err
	}
	en, err := render.Web(view("en", nil))
	if err != nil {
		return nil, err
	}
	d.Map, d.Labels.Zh, d.Labels.En = zh, zh.Features, en.Features
	d.Legend.Zh, d.Legend.En = zh.Legend, en.Legend
	style := map[string]int{}
	for _, wf := range zh.Features {
		style[wf.ID] = wf.Style
	}
	alt := map[string]int{}
	if rg := p.RoleGroup(); rg != "" {
		layers := map[plan.GroupID]bool{}
		for _, g := range p.Groups() {
			layers[g.ID] = g.ID != rg
		}
		off, err := render.Web(view("zh", layers))
		if err != nil {
			return nil, err
		}
		offEn, err := render.Web(view("en", layers))
		if err != nil {
			return nil, err
		}
		roleLabels := map[string][2]render.WebFeature{}
		for i, wf := range off.Features {
			if f, ok := p.Feature(wf.ID); ok && f.Class == plan.ClassRole {
				alt[wf.ID] = mergeStyle(zh, off, wf.Style)
				roleLabels[wf.ID] = [2]render.WebFeature{wf, offEn.Features[i]}
			}
		}
		// The roles' labels when hidden go beside their labels when shown.
		for i := range d.Labels.Zh {
			if rl, ok := roleLabels[d.Labels.Zh[i].ID]; ok {
				d.Labels.Zh = append(d.Labels.Zh, altLabel(rl[0]))
				d.Labels.En = append(d.Labels.En, altLabel(rl[1]))
			}
		}
	}
	d.Map.Features, d.Map.Legend = nil, nil // they are in Labels and Legend, by language

	doc := p.Doc
	for _, f := range drawn.Features() {
		st, ok := style[f.ID]
		if !ok {
			continue // the renderer drew it in no view
		}
		pf := feature{ID: f.ID, Group: f.Layer, Name: plan.Text{Zh: f.NameZh, En: f.NameEn},
			Kind: plan.Text{Zh: f.KindName("zh"), En: f.KindName("en")}, Stage: f.Stage, Verb: f.StageVerb, Precision: f.Precision,
			Role: f.Role, Quotes: f.Quotes, Refs: f.Clauses, Style: st,
			Project: f.Layer != plan.GroupBase && f.Class != plan.ClassRole && f.Class != plan.ClassCity}
		if a, ok := alt[f.ID]; ok {
			pf.AltStyle = &a
		}
		pf.Pinyin = append(stringList(f.Props["name_pinyin"]), stringList(f.Props["name_initials"])...)
		if f.StatusSince != "" {
			pf.Since = plan.Text{Zh: f.StatusSinceZh, En: f.StatusSince}
			if pf.Since.Zh == "" {
				if es := f.EventsSince(); len(es) > 0 {
					last := es[len(es)-1]
					pf.Since.Zh = plan.FormatDate(last.Date, "zh") + " " + last.Desc("zh") + "（" + last.Stage.Name("zh") + "）"
				}
			}
			for _, c := range plan.ParseCitations(f.StatusSrc) {
				pf.SinceSrc = append(pf.SinceSrc, c.String())
			}
			pf.Rel = string(f.StatusRel)
		} else if f.StatusDate != "" {
			pf.NoInfoBy = f.StatusDate
		}
		for _, e := range f.EventsSince() {
			pf.Events = append(pf.Events, event{Date: e.Date, Desc: plan.Text{Zh: e.Desc("zh"), En: e.Desc("en")}, Stage: e.Stage,
				Cite: e.Citation().String(), Rel: string(e.Reliability)})
		}
		for _, c := range plan.ParseCitations(f.Source) {
			pf.Source = append(pf.Source, c.String())
		}
		g, err := geometryJSON(f.Geometry)
		if err != nil {
			continue
		}
		pf.Geometry = g
		d.Features = append(d.Features, pf)
	}
	if doc != nil {
		d.Blocks = blocks(doc)
	}
	scenes := o.Scenes
	if scenes == nil {
		scenes = p.Scenes
	}
	for _, s := range scenes {
		sc := scene{Name: plan.Text{Zh: s.Name("zh"), En: s.Name("en")}, Layers: s.Layers, Highlight: s.Highlight, BBox: s.BBox,
			Stage: s.Stage, AsOf: s.AsOf}
		if doc != nil {
			sc.Caption = plan.Text{Zh: s.CaptionIn(doc, "zh"), En: s.CaptionIn(doc, "en")}
		}
		if sc.BBox == ([4]float64{}) {
			sc.BBox = d.Home
		}
		d.Scenes = append(d.Scenes, sc)
	}
	return d, nil
}

// mergeStyle returns the index in into.Styles of style i of from, added
// when into has no equal one.
func mergeStyle(into, from *render.WebMap, i int) int {
	if i < 0 {
		return i
	}
	want, _ := json.Marshal(from.Styles[i])
	for j, s := range into.Styles {
		if b, _ := json.Marshal(s); string(b) == string(want) {
			return j
		}
	}
	into.Styles = append(into.Styles, from.Styles[i])
	return len(into.Styles) - 1
}

// altLabel marks a role's label as the one shown while the roles are hidden.
func altLabel(wf render.WebFeature) render.WebFeature {
	wf.ID = "alt:" + wf.ID
	return wf
}

// blocks lists the text in reading order, each block with how the feature
// panel heads it in each language.
func blocks(doc *plan.Document) []block {
	var out []block
	if doc.Title != "" {
		out = append(out, block{Ref: plan.RefTitle, Kind: "title", Text: doc.Title, Head: plan.Text{Zh: "标题", En: "Title"}})
	}
	for _, l := range []string{doc.Adoption, doc.SourceLine} {
		if l != "" {
			out = append(out, block{Kind: "note", Text: l})
		}
	}
	if doc.Preamble != "" {
		out = append(out, block{Ref: plan.RefPreamble, Kind: "preamble", Text: doc.Preamble, Head: plan.Text{Zh: "序言", En: "Preamble"}})
	}
	doc.Walk(func(pt *plan.Part) {
		out = append(out, block{Ref: "P" + pt.Num, Kind: "part", Label: pt.Label, Text: pt.Heading,
			Head: plan.Text{Zh: pt.Heading, En: doc.PartName(pt, "en") + " " + pt.Title}})
		if pt.Intro != "" {
			out = append(out, block{Ref: "P" + pt.Num, Kind: "intro", Text: pt.Intro})
		}
	}, func(pt *plan.Part, section string, c *plan.Clause) {
		if section != "" {
			out = append(out, block{Kind: "section", Text: section})
		}
		head := func(lang string) string {
			return fmt.Sprintf("%s %s · %s %s", doc.ClauseName(c, lang), c.Title, doc.PartName(pt, lang), pt.Title)
		}
		out = append(out, block{Ref: c.Num, Kind: "clause", Label: c.Label, Text: c.Text, Head: plan.Text{Zh: head("zh"), En: head("en")}})
	})
	return out
}

// geometryJSON writes g as GeoJSON with coordinates to 1e-5° (about a
// metre): the page is smaller and the map the same.
func geometryJSON(g orb.Geometry) (json.RawMessage, error) {
	if g == nil {
		return nil, fmt.Errorf("no geometry")
	}
	return json.Marshal(geojson.NewGeometry(roundGeometry(g)))
}

// roundGeometry is a copy of g with its coordinates to 1e-5°.
func roundGeometry(g orb.Geometry) orb.Geometry {
	return project.Geometry(orb.Clone(g), func(p orb.Point) orb.Point {
		return orb.Point{math.Round(p[0]*1e5) / 1e5, math.Round(p[1]*1e5) / 1e5}
	})
}

func stringList(v any) []string {
	switch v := v.(type) {
	case []string:
		return v
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case string:
		if v != "" {
			return strings.Fields(v)
		}
	}
	return nil
}
