package planpkg

import (
	"encoding/json"
	"fmt"
	"image/color"
	"io"
	"strings"

	"github.com/twpayne/go-geom/encoding/kml"
	gokml "github.com/twpayne/go-kml/v3"

	"github.com/planatlas/planatlas/geo/layer"
	"github.com/planatlas/planatlas/geo/plan"
)

// KindColour gives the colour that stands for a kind of feature: the
// renderer's (render.KindColour), so that exported data looks like the map.
type KindColour func(plan.Kind) color.NRGBA

// PlanFeatures returns the plan's features in the given layer groups (all
// when layers is nil) as format-neutral features with the plan's
// properties and, when colour is not nil, a "colour" property (#RRGGBB)
// that a GIS can style the features by.
func PlanFeatures(p *plan.Plan, layers map[plan.GroupID]bool, colour KindColour) []layer.Feature {
	var out []layer.Feature
	for _, f := range p.Features() {
		if layers != nil && !layers[f.Layer] {
			continue
		}
		g := f.GeoJSON()
		props := map[string]any{}
		for k, v := range g.Properties {
			props[k] = v
		}
		// Sources as a planner cites them, not in the layers' storage form.
		if f.Source != "" {
			props["source"] = CitationText(f.Source)
		}
		if f.StatusSrc != "" {
			props["status_source"] = CitationText(f.StatusSrc)
		}
		if f.Check != "" {
			props["check_source"] = CitationText(f.Check)
		}
		if colour != nil {
			c := colour(f.Kind)
			props["colour"] = fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B)
		}
		if notes := p.EditNotes(f.ID, "zh"); len(notes) > 0 {
			props["edits"] = strings.Join(notes, "；") // who moved it, when, why, on what
		}
		out = append(out, layer.Feature{Geometry: f.Geometry, Props: props})
	}
	return out
}

// CitationText formats citations stored as "publisher|title|date|link"
// (joined by " ; ") the way a planner cites them, joined by "；".
func CitationText(s string) string {
	var out []string
	for _, c := range plan.ParseCitations(s) {
		out = append(out, c.String())
	}
	return strings.Join(out, "；")
}

// WritePlanKML writes the plan's features (in layers; all when nil) as KML
// for Google Earth: a folder per layer group, a style per kind, and each
// feature's clause quotes in its description. Each kind's style is in
// the colour the map gives it.
func WritePlanKML(w io.Writer, p *plan.Plan, layers map[plan.GroupID]bool, lang string, colour KindColour) error {
	var styles []gokml.Element
	for _, k := range p.Kinds {
		kind := k.ID
		c := colour(kind)
		fill := c
		fill.A = 0x55
		styles = append(styles, gokml.SharedStyle("k-"+string(kind),
			gokml.IconStyle(gokml.Color(c), gokml.Scale(0.9)),
			gokml.LineStyle(gokml.Color(c), gokml.Width(3)),
			gokml.PolyStyle(gokml.Color(fill)),
		))
	}
	sortElements(styles)
	doc := []gokml.Element{gokml.Name(p.Doc.Title)}
	doc = append(doc, styles...)
	for _, l := range p.Layers {
		if layers != nil && !layers[l.Info.ID] {
			continue
		}
		folder := []gokml.Element{gokml.Name(l.Info.Name(lang))}
		for _, f := range l.Features {
			t, err := layer.ToGeom(f.Geometry)
			if err != nil {
				return fmt.Errorf("%s: %v", f.ID, err)
			}
			ge, err := kml.Encode(t)
			if err != nil {
				return fmt.Errorf("%s: %v", f.ID, err)
			}
			var desc strings.Builder
			fmt.Fprintf(&desc, "%s\n%s · %s · %s\n", f.NameEn, f.Kind, f.Stage.Name(lang), f.Precision)
			if f.StageVerb != "" {
				fmt.Fprintf(&desc, "原文用语：%s\n", f.StageVerb)
			}
			for _, q := range f.Quotes {
				fmt.Fprintf(&desc, "\n(%s) %s", q.Ref, q.Text)
			}
			if f.StatusSince != "" {
				since := f.StatusSince
				if f.StatusSinceZh != "" {
					since = f.StatusSinceZh
				}
				fmt.Fprintf(&desc, "\n\n%s年后：%s", year(p.Info.Adopted), since)
				if f.StatusRel != "" {
					fmt.Fprintf(&desc, "（%s）", f.StatusRel)
				}
				for _, c := range plan.ParseCitations(f.StatusSrc) {
					fmt.Fprintf(&desc, "\n来源：%s", c)
				}
			} else if f.StatusDate != "" && f.Layer != plan.GroupBase {
				fmt.Fprintf(&desc, "\n\n%s年后：截至%s未找到公开信息", year(p.Info.Adopted), f.StatusDate)
			}
			if f.Source != "" {
				fmt.Fprintf(&desc, "\n\n位置来源：%s", CitationText(f.Source))
			}
			if f.Check != "" {
				fmt.Fprintf(&desc, "\n复核来源：%s（相距%.1f公里）", CitationText(f.Check), f.CheckKm)
			}
			for _, n := range p.EditNotes(f.ID, lang) {
				fmt.Fprintf(&desc, "\n修改 edited — %s", n)
			}
			clauses, _ := json.Marshal(f.Clauses)
			folder = append(folder, gokml.Placemark(
				gokml.Name(f.Name(lang)),
				gokml.Description(desc.String()),
				gokml.StyleURL("#k-"+string(f.Kind)),
				gokml.ExtendedData(
					gokml.Data("id", gokml.Value(f.ID)),
					gokml.Data("name_zh", gokml.Value(f.NameZh)),
					gokml.Data("name_en", gokml.Value(f.NameEn)),
					gokml.Data("layer", gokml.Value(string(f.Layer))),
					gokml.Data("kind", gokml.Value(string(f.Kind))),
					gokml.Data("stage", gokml.Value(string(f.Stage))),
					gokml.Data("precision", gokml.Value(string(f.Precision))),
					gokml.Data("clauses", gokml.Value(string(clauses))),
					gokml.Data("source", gokml.Value(CitationText(f.Source))),
					gokml.Data("check_source", gokml.Value(CitationText(f.Check))),
					gokml.Data("status_since", gokml.Value(f.StatusSince)),
					gokml.Data("status_date", gokml.Value(f.StatusDate)),
					gokml.Data("status_reliability", gokml.Value(string(f.StatusRel))),
					gokml.Data("status_source", gokml.Value(CitationText(f.StatusSrc))),
				),
				ge,
			))
		}
		doc = append(doc, gokml.Folder(folder...))
	}
	return gokml.KML(gokml.Document(doc...)).WriteIndent(w, "", " ")
}

func sortElements(es []gokml.Element) {
	// Styles come from a map: order them by id for a stable file.
	type keyed struct {
		k string
		e gokml.Element
	}
	ks := make([]keyed, len(es))
	for i, e := range es {
		ks[i] = keyed{fmt.Sprintf("%v", e.(*gokml.StyleElement).ID), e}
	}
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j].k < ks[j-1].k; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
	for i := range ks {
		es[i] = ks[i].e
	}
}

// year is the year of a date written YYYY-MM-DD.
func year(date string) string {
	if len(date) >= 4 {
		return date[:4]
	}
	return date
}
