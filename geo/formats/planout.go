package formats

import (
	"encoding/json"
	"fmt"
	"image/color"
	"io"
	"strings"

	"github.com/paulmach/orb/geojson"
	"github.com/twpayne/go-geom/encoding/kml"
	gokml "github.com/twpayne/go-kml/v3"

	"github.com/planatlas/planatlas/geo/plan"
)

// PlanFeatures returns the plan's features in the given layer groups (all
// when layers is nil) as format-neutral features with the plan's properties.
func PlanFeatures(p *plan.Plan, layers map[string]bool) []Feature {
	var out []Feature
	for _, f := range p.Features() {
		if layers != nil && !layers[f.Layer] {
			continue
		}
		g := f.GeoJSON()
		props := map[string]any{}
		for k, v := range g.Properties {
			props[k] = v
		}
		out = append(out, Feature{Geometry: f.Geometry, Props: props})
	}
	return out
}

// kmlStyles are the plan's KML styles by kind: colours as in the map.
var kmlStyles = map[string]color.NRGBA{
	"province": {0x8C, 0x85, 0x7A, 0xFF}, "prefecture": {0xA3, 0x9C, 0x90, 0xFF}, "county": {0xC4, 0xBD, 0xB0, 0xFF},
	"city_outline": {0x5A, 0x3E, 0x2B, 0xFF}, "river": {0x2B, 0x7B, 0xBF, 0xFF}, "city": {0x1E, 0x1E, 0x1E, 0xFF},
	"region": {0x7B, 0x5E, 0xA7, 0xFF}, "role": {0xF6, 0xD0, 0x8B, 0xFF}, "zone": {0x7B, 0x5E, 0xA7, 0xFF},
	"hsr": {0x22, 0x22, 0x22, 0xFF}, "rail": {0x22, 0x22, 0x22, 0xFF}, "intercity": {0x35, 0x58, 0x9A, 0xFF},
	"expressway": {0xB2, 0x3A, 0x26, 0xFF}, "road": {0xE0, 0x7B, 0x00, 0xFF}, "airport": {0x1F, 0x5F, 0xA8, 0xFF},
	"logistics": {0x00, 0x7C, 0x89, 0xFF}, "park": {0x7D, 0x4A, 0x6E, 0xFF}, "energy": {0xC2, 0x7C, 0x0E, 0xFF},
	"mineral": {0x4F, 0x5B, 0x66, 0xFF}, "product": {0x6A, 0x8E, 0x23, 0xFF}, "reservoir": {0x1C, 0x6F, 0xB5, 0xFF},
	"corridor": {0x2E, 0x9E, 0x4F, 0xFF}, "scenic": {0x1E, 0x7A, 0x3C, 0xFF}, "geopark": {0x1E, 0x7A, 0x3C, 0xFF},
	"heritage": {0xD7, 0x19, 0x1C, 0xFF}, "route": {0xC2, 0x18, 0x5B, 0xFF},
}

// WritePlanKML writes the plan's features (in layers; all when nil) as KML
// for Google Earth: a folder per layer group, a style per kind, and each
// feature's clause quotes in its description.
func WritePlanKML(w io.Writer, p *plan.Plan, layers map[string]bool, lang string) error {
	var styles []gokml.Element
	for kind, c := range kmlStyles {
		fill := c
		fill.A = 0x55
		styles = append(styles, gokml.SharedStyle("k-"+kind,
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
			t, err := toGeom(f.Geometry)
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
				fmt.Fprintf(&desc, "\n\n2020年后：%s", f.StatusSince)
			}
			clauses, _ := json.Marshal(f.Clauses)
			folder = append(folder, gokml.Placemark(
				gokml.Name(f.Name(lang)),
				gokml.Description(desc.String()),
				gokml.StyleURL("#k-"+f.Kind),
				gokml.ExtendedData(
					gokml.Data("id", gokml.Value(f.ID)),
					gokml.Data("name_zh", gokml.Value(f.NameZh)),
					gokml.Data("name_en", gokml.Value(f.NameEn)),
					gokml.Data("layer", gokml.Value(f.Layer)),
					gokml.Data("kind", gokml.Value(f.Kind)),
					gokml.Data("stage", gokml.Value(string(f.Stage))),
					gokml.Data("precision", gokml.Value(string(f.Precision))),
					gokml.Data("clauses", gokml.Value(string(clauses))),
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

// WriteGeoJSON writes features as a GeoJSON FeatureCollection.
func WriteGeoJSON(w io.Writer, fs []Feature) error {
	fc := geojson.NewFeatureCollection()
	for _, f := range fs {
		g := geojson.NewFeature(f.Geometry)
		for k, v := range f.Props {
			g.Properties[k] = v
		}
		fc.Append(g)
	}
	b, err := json.MarshalIndent(fc, "", " ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
