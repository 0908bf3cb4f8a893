package plan

import (
	"encoding/json"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// FieldError says which file, feature and property of a plan is wrong.
type FieldError struct {
	File    string // e.g. "corridor.geojson"
	Feature string // feature id, or "#3" (index) when it has none
	Field   string // property name, or "geometry"
	Msg     string
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("%s: feature %s: %s: %s", e.File, e.Feature, e.Field, e.Msg)
}

// propsOrder is the order of the known properties; the rest follow sorted.
var requiredProps = []string{"id", "name_zh", "name_en", "layer", "kind", "stage", "precision", "scope", "clauses", "quote", "source"}

// GeoJSON returns the feature as a GeoJSON feature with the plan's properties.
func (f *Feature) GeoJSON() *geojson.Feature {
	g := geojson.NewFeature(f.Geometry)
	p := g.Properties
	for k, v := range f.Props {
		p[k] = v
	}
	p["id"] = f.ID
	p["name_zh"] = f.NameZh
	p["name_en"] = f.NameEn
	p["layer"] = string(f.Layer)
	p["kind"] = string(f.Kind)
	p["stage"] = string(f.Stage)
	p["stage_verb"] = f.StageVerb
	p["precision"] = string(f.Precision)
	p["scope"] = f.Scope
	clauses := f.Clauses
	if clauses == nil {
		clauses = []string{}
	}
	p["clauses"] = clauses
	quotes := f.Quotes
	if quotes == nil {
		quotes = []Quote{}
	}
	p["quote"] = quotes
	p["status_since"] = f.StatusSince
	if f.StatusSinceZh != "" {
		p["status_since_zh"] = f.StatusSinceZh
	}
	p["status_source"] = f.StatusSrc
	if f.StatusDate != "" {
		p["status_date"] = f.StatusDate
	}
	if f.StatusRel != "" {
		p["status_reliability"] = string(f.StatusRel)
	}
	if len(f.Events) > 0 {
		p["events"] = f.Events
	}
	if f.Check != "" {
		p["check_source"] = f.Check
		p["check_km"] = f.CheckKm
	}
	p["source"] = f.Source
	if f.Role != "" {
		p["role"] = f.Role
	}
	if len(f.Via) > 0 {
		p["via"] = f.Via
	}
	if f.Anchor != (orb.Point{}) {
		p["anchor"] = []float64{f.Anchor[0], f.Anchor[1]}
	}
	if f.LabelAt != (orb.Point{}) {
		p["label_at"] = []float64{f.LabelAt[0], f.LabelAt[1]}
	}
	return g
}

// FeatureFromGeoJSON reads a plan feature from GeoJSON; file and index are
// only used in error messages. It checks that required properties are
// present and well typed, not that they agree with the document (see Validate).
func FeatureFromGeoJSON(file string, index int, g *geojson.Feature) (*Feature, error) {
	id, _ := g.Properties["id"].(string)
	name := id
	if name == "" {
		name = fmt.Sprintf("#%d", index)
	}
	fail := func(field, format string, a ...any) error {
		return &FieldError{File: file, Feature: name, Field: field, Msg: fmt.Sprintf(format, a...)}
	}
	for _, k := range requiredProps {
		if _, ok := g.Properties[k]; !ok {
			return nil, fail(k, "missing")
		}
	}
	str := func(k string) (string, error) {
		v, ok := g.Properties[k]
		if !ok || v == nil {
			return "", nil
		}
		s, ok := v.(string)
		if !ok {
			return "", fail(k, "should be a string, is %T", v)
		}
		return s, nil
	}
	f := &Feature{Props: map[string]any{}}
	var err error
	fields := []struct {
		key string
		dst *string
	}{{"id", &f.ID}, {"name_zh", &f.NameZh}, {"name_en", &f.NameEn},
		{"stage_verb", &f.StageVerb}, {"scope", &f.Scope}, {"status_since", &f.StatusSince}, {"status_since_zh", &f.StatusSinceZh},
		{"status_source", &f.StatusSrc}, {"status_date", &f.StatusDate}, {"check_source", &f.Check},
		{"source", &f.Source}, {"role", &f.Role}}
	for _, fl := range fields {
		if *fl.dst, err = str(fl.key); err != nil {
			return nil, err
		}
	}
	var s string
	if s, err = str("layer"); err != nil {
		return nil, err
	}
	f.Layer = GroupID(s)
	if s, err = str("kind"); err != nil {
		return nil, err
	}
	f.Kind = Kind(s)
	if s, err = str("stage"); err != nil {
		return nil, err
	}
	f.Stage = Stage(s)
	if s, err = str("precision"); err != nil {
		return nil, err
	}
	f.Precision = Precision(s)
	if s, err = str("status_reliability"); err != nil {
		return nil, err
	}
	f.StatusRel = Reliability(s)
	if v, ok := g.Properties["check_km"]; ok {
		if f.CheckKm, ok = v.(float64); !ok {
			return nil, fail("check_km", "should be a number, is %T", v)
		}
	}
	if err := reJSON(g.Properties["clauses"], &f.Clauses); err != nil {
		return nil, fail("clauses", "should be a list of clause numbers: %v", err)
	}
	if err := reJSON(g.Properties["quote"], &f.Quotes); err != nil {
		return nil, fail("quote", "should be a list of {ref, text}: %v", err)
	}
	if v, ok := g.Properties["events"]; ok {
		if err := reJSON(v, &f.Events); err != nil {
			return nil, fail("events", "should be a list of {date, stage, desc_zh, desc_en, source, reliability}: %v", err)
		}
	}
	if v, ok := g.Properties["via"]; ok {
		if err := reJSON(v, &f.Via); err != nil {
			return nil, fail("via", "should be a list of names: %v", err)
		}
	}
	if v, ok := g.Properties["anchor"]; ok {
		var a []float64
		if err := reJSON(v, &a); err != nil || len(a) != 2 {
			return nil, fail("anchor", "should be [lon, lat]")
		}
		f.Anchor = orb.Point{a[0], a[1]}
	}
	if v, ok := g.Properties["label_at"]; ok {
		var a []float64
		if err := reJSON(v, &a); err != nil || len(a) != 2 {
			return nil, fail("label_at", "should be [lon, lat]")
		}
		f.LabelAt = orb.Point{a[0], a[1]}
	}
	known := map[string]bool{"stage_verb": true, "status_since": true, "status_since_zh": true, "status_source": true, "status_date": true,
		"status_reliability": true, "check_source": true, "events": true, "check_km": true, "role": true, "via": true, "anchor": true, "label_at": true}
	for _, k := range requiredProps {
		known[k] = true
	}
	for k, v := range g.Properties {
		if !known[k] {
			f.Props[k] = v
		}
	}
	if g.Geometry == nil {
		return nil, fail("geometry", "missing")
	}
	f.Geometry = g.Geometry
	return f, nil
}

// reJSON converts a decoded JSON value (maps, slices) into dst.
func reJSON(v any, dst any) error {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, dst)
}
