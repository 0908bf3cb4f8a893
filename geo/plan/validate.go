package plan

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// ChinaBound is the bounding box of China's territory, used to catch features
// placed far off (swapped lon/lat, a typo in a degree).
var ChinaBound = orb.Bound{Min: orb.Point{73.4, 18.1}, Max: orb.Point{135.1, 53.6}}

// Validate checks a loaded plan against its document: ids unique and
// present, groups and kinds known, stages and precisions from their enums,
// every clause ref existing, every quote found verbatim in one of the cited
// blocks, geometry valid, features the text places in the plan's area
// inside its outline (points) or the outline's bound (lines and areas),
// the rest inside China. All problems are returned, joined.
func Validate(p *Plan) error {
	var errs []error
	add := func(file string, f *Feature, field, format string, a ...any) {
		errs = append(errs, &FieldError{File: file, Feature: f.ID, Field: field, Msg: fmt.Sprintf(format, a...)})
	}
	var outline orb.MultiPolygon
	if f, ok := p.byID[p.Info.Outline]; ok {
		switch g := f.Geometry.(type) {
		case orb.MultiPolygon:
			outline = g
		case orb.Polygon:
			outline = orb.MultiPolygon{g}
		}
	}
	if outline == nil && p.Info.Outline != "" {
		errs = append(errs, fmt.Errorf("%s: outline %q is no MultiPolygon feature (the plan's area) to check positions against", InfoFile, p.Info.Outline))
	}
	if f, ok := p.byID[p.Info.Centre]; p.Info.Centre != "" && (!ok || f.Geometry.GeoJSONType() != "Point") {
		errs = append(errs, fmt.Errorf("%s: centre %q is no point feature", InfoFile, p.Info.Centre))
	}
	seenKind := map[Kind]bool{}
	for _, k := range p.Kinds {
		switch {
		case k.ID == "":
			errs = append(errs, fmt.Errorf("%s: a kind has no id", InfoFile))
		case seenKind[k.ID]:
			errs = append(errs, fmt.Errorf("%s: kind %q defined twice", InfoFile, k.ID))
		case !k.Class.Valid():
			errs = append(errs, fmt.Errorf("%s: kind %q: unknown class %q", InfoFile, k.ID, k.Class))
		}
		seenKind[k.ID] = true
	}
	seen := map[string]string{}
	for _, l := range p.Layers {
		file := l.Info.File
		for i, f := range l.Features {
			if f.ID == "" {
				errs = append(errs, &FieldError{File: file, Feature: fmt.Sprintf("#%d", i), Field: "id", Msg: "empty"})
				continue
			}
			if other, dup := seen[f.ID]; dup {
				add(file, f, "id", "duplicate (also in %s)", other)
			}
			seen[f.ID] = file
			if f.NameZh == "" {
				add(file, f, "name_zh", "empty")
			}
			if f.Layer != l.Info.ID {
				add(file, f, "layer", "is %q but the feature is in the %q file", f.Layer, l.Info.ID)
			}
			if def, ok := p.Kind(f.Kind); !ok {
				add(file, f, "kind", "unknown kind %q (the plan defines no such kind)", f.Kind)
			} else if len(def.Groups) > 0 && !slices.Contains(def.Groups, f.Layer) {
				add(file, f, "kind", "kind %q does not belong in layer %q", f.Kind, f.Layer)
			}
			if !f.Stage.Valid() {
				add(file, f, "stage", "unknown stage %q", f.Stage)
			} else if f.StageVerb != "" {
				if s, ok := StageOf(f.StageVerb); ok && s != f.Stage {
					add(file, f, "stage", "is %q but the verb %q means %q", f.Stage, f.StageVerb, s)
				}
			}
			if !f.Precision.Valid() {
				add(file, f, "precision", "unknown precision %q", f.Precision)
			}
			if f.Scope != "" && f.Scope != "region" && f.Scope != p.Info.Scope {
				add(file, f, "scope", "should be %q (in the plan's area), \"region\" or empty, is %q", p.Info.Scope, f.Scope)
			}
			if f.Layer != GroupBase && len(f.Clauses) == 0 {
				add(file, f, "clauses", "empty: every plan feature cites the text")
			}
			for _, c := range f.Clauses {
				if _, ok := p.Doc.Blocks(c); !ok {
					add(file, f, "clauses", "no clause or block %q in the decision", c)
				}
			}
			if f.Layer != GroupBase && len(f.Quotes) == 0 {
				add(file, f, "quote", "empty: every plan feature quotes the text")
			}
			for _, q := range f.Quotes {
				if !slices.Contains(f.Clauses, q.Ref) {
					add(file, f, "quote", "quotes %q, which is not among its clauses %v", q.Ref, f.Clauses)
				} else if !p.Doc.Contains(q.Ref, q.Text) {
					add(file, f, "quote", "not found verbatim in %s: %q", q.Ref, clip(q.Text, 24))
				}
			}
			for _, e := range f.Events {
				switch {
				case !eventDate(e.Date):
					add(file, f, "events", "an event has no date (YYYY, YYYY-MM or YYYY-MM-DD): %q", clip(e.Desc("zh"), 20))
				case strings.TrimSpace(e.Source) == "":
					add(file, f, "events", "the event of %s has no source", e.Date)
				}
			}
			if err := checkGeometry(f.Geometry); err != nil {
				add(file, f, "geometry", "%v", err)
				continue
			}
			if outline != nil && f.Scope != "" && f.Scope == p.Info.Scope {
				if err := insideOutline(f.Geometry, outline); err != nil {
					add(file, f, "geometry", "%v", err)
				}
			} else if b := f.Geometry.Bound(); f.Scope == "region" && !(ChinaBound.Contains(b.Min) && ChinaBound.Contains(b.Max)) {
				add(file, f, "geometry", "outside China (bound %v–%v)", b.Min, b.Max)
			}
		}
	}
	return errors.Join(errs...)
}

// eventDate reports whether s is a date of year, month or day precision.
func eventDate(s string) bool {
	switch len(s) {
	case 4:
		return ValidDate(s + "-01-01")
	case 7:
		return ValidDate(s + "-01")
	}
	return ValidDate(s)
}

// insideOutline: points inside the outline, other geometries inside its bound.
func insideOutline(g orb.Geometry, outline orb.MultiPolygon) error {
	if pt, ok := g.(orb.Point); ok {
		if !planar.MultiPolygonContains(outline, pt) {
			return fmt.Errorf("point %v is outside the plan's outline though the text places it there", pt)
		}
		return nil
	}
	b, ob := g.Bound(), outline.Bound()
	if !ob.Contains(b.Min) || !ob.Contains(b.Max) {
		return fmt.Errorf("extends outside the bound of the plan's outline (%v–%v) though the text places it there", b.Min, b.Max)
	}
	return nil
}

// checkGeometry checks coordinates are finite lon/lat, lines have two or more
// points, and polygon rings are closed with a non-zero area.
func checkGeometry(g orb.Geometry) error {
	if g == nil {
		return errors.New("missing")
	}
	pt := func(p orb.Point) error {
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
			return fmt.Errorf("coordinate %v is not a number", p)
		}
		if p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
			return fmt.Errorf("coordinate %v is not lon/lat in degrees", p)
		}
		return nil
	}
	line := func(ls orb.LineString) error {
		if len(ls) < 2 {
			return fmt.Errorf("line with %d point(s)", len(ls))
		}
		for _, p := range ls {
			if err := pt(p); err != nil {
				return err
			}
		}
		return nil
	}
	poly := func(pg orb.Polygon) error {
		if len(pg) == 0 {
			return errors.New("polygon without rings")
		}
		for _, r := range pg {
			if len(r) < 4 {
				return fmt.Errorf("ring with %d points (needs 4 or more)", len(r))
			}
			if !r.Closed() {
				return errors.New("ring not closed")
			}
			for _, p := range r {
				if err := pt(p); err != nil {
					return err
				}
			}
			if planar.Area(r) == 0 {
				return errors.New("ring with zero area")
			}
		}
		return nil
	}
	switch g := g.(type) {
	case orb.Point:
		return pt(g)
	case orb.MultiPoint:
		for _, p := range g {
			if err := pt(p); err != nil {
				return err
			}
		}
		if len(g) == 0 {
			return errors.New("empty multipoint")
		}
	case orb.LineString:
		return line(g)
	case orb.MultiLineString:
		if len(g) == 0 {
			return errors.New("empty multilinestring")
		}
		for _, ls := range g {
			if err := line(ls); err != nil {
				return err
			}
		}
	case orb.Polygon:
		return poly(g)
	case orb.MultiPolygon:
		if len(g) == 0 {
			return errors.New("empty multipolygon")
		}
		for _, pg := range g {
			if err := poly(pg); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("unsupported geometry type %s", g.GeoJSONType())
	}
	return nil
}
