package plan

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/paulmach/orb/geojson"
)

// LoadFS parses the document text and loads one GeoJSON file per layer group
// (plan.json lists them) from fsys, then validates the result. Errors name the file,
// feature and field at fault; all problems found are reported together.
func LoadFS(fsys fs.FS, text string) (*Plan, error) {
	doc, err := Parse(text)
	if err != nil {
		return nil, fmt.Errorf("document text: %w", err)
	}
	p := &Plan{Doc: doc}
	b, err := fs.ReadFile(fsys, InfoFile)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", InfoFile, err)
	}
	if p.Info, err = ParseInfo(b); err != nil {
		return nil, err
	}
	groups := p.Info.Groups
	p.Kinds, p.Info.Groups, p.Info.Kinds = p.Info.Kinds, nil, nil
	if len(groups) == 0 {
		return nil, fmt.Errorf("%s: no layer groups", InfoFile)
	}
	var errs []error
	for _, info := range groups {
		l, err := readLayer(fsys, info)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		p.Layers = append(p.Layers, l)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	p.index()
	if err := Validate(p); err != nil {
		return nil, err
	}
	b, err = fs.ReadFile(fsys, ScenesFile)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ScenesFile, err)
	}
	if p.Scenes, err = ParseScenes(b, p); err != nil {
		return nil, err
	}
	return p, nil
}

func readLayer(fsys fs.FS, info LayerInfo) (*Layer, error) {
	b, err := fs.ReadFile(fsys, info.File)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", info.File, err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return nil, fmt.Errorf("%s: not valid GeoJSON: %w", info.File, err)
	}
	l := &Layer{Info: info}
	var errs []error
	for i, g := range fc.Features {
		f, err := FeatureFromGeoJSON(info.File, i, g)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		l.Features = append(l.Features, f)
	}
	return l, errors.Join(errs...)
}

// FeatureCollection returns every feature of the plan as one GeoJSON
// FeatureCollection, in draw order; a feature the planner edited says so
// in "edits" (EditNotes, in Chinese).
func (p *Plan) FeatureCollection() *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	for _, f := range p.Features() {
		g := f.GeoJSON()
		if notes := p.EditNotes(f.ID, "zh"); len(notes) > 0 {
			g.Properties["edits"] = notes
		}
		fc.Append(g)
	}
	return fc
}
