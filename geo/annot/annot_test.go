package annot_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/annot"
)

func sample() []annot.Annotation {
	red, blue := annot.Colours[0], annot.Colours[1]
	return []annot.Annotation{
		{Kind: annot.Pen, Colour: red, Width: 1, Points: []orb.Point{{106.70, 31.80}, {106.72, 31.81}, {106.75, 31.80}}},
		{Kind: annot.Highlighter, Colour: blue, Width: 2, Points: []orb.Point{{106.6, 31.7}, {106.9, 31.9}}},
		{Kind: annot.Arrow, Colour: red, Width: 1, Points: []orb.Point{{106.65, 31.74}, {106.77, 31.86}}},
		{Kind: annot.Line, Colour: blue, Width: 0.5, Points: []orb.Point{{106.8, 31.8}, {107.0, 31.9}}},
		{Kind: annot.Rect, Colour: red, Width: 1, Points: []orb.Point{{106.7, 31.9}, {106.8, 31.8}}},
		{Kind: annot.Ellipse, Colour: blue, Width: 1, Points: []orb.Point{{107.0, 32.0}, {107.2, 31.9}}},
		{Kind: annot.Text, Colour: red, Width: 1, Points: []orb.Point{{106.75, 31.86}}, Text: "新站前广场"},
		{Kind: annot.Pin, Colour: blue, Width: 1, Points: []orb.Point{{106.645, 31.738}}, Text: "机场"},
	}
}

func TestValid(t *testing.T) {
	tests := []struct {
		name string
		a    annot.Annotation
		ok   bool
	}{
		{"pen", sample()[0], true},
		{"unknown kind", annot.Annotation{Kind: "cloud", Points: []orb.Point{{1, 1}, {2, 2}}}, false},
		{"line with three points", annot.Annotation{Kind: annot.Line, Points: []orb.Point{{1, 1}, {2, 2}, {3, 3}}}, false},
		{"stroke of one point", annot.Annotation{Kind: annot.Pen, Points: []orb.Point{{1, 1}}}, false},
		{"text without words", annot.Annotation{Kind: annot.Text, Points: []orb.Point{{1, 1}}}, false},
		{"pin without words", annot.Annotation{Kind: annot.Pin, Points: []orb.Point{{1, 1}}}, true},
		{"off the Earth", annot.Annotation{Kind: annot.Pin, Points: []orb.Point{{200, 1}}}, false},
	}
	for _, tt := range tests {
		if err := tt.a.Valid(); (err == nil) != tt.ok {
			t.Errorf("%s: Valid() = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}

func TestUndoRedo(t *testing.T) {
	var s annot.Set
	a, _ := s.Add(sample()[0])
	b, _ := s.Add(sample()[6])
	if s.Len() != 2 || a == b {
		t.Fatalf("%d annotations, ids %s %s", s.Len(), a, b)
	}
	moved, _ := s.Get(b)
	moved = moved.Moved(0.01, -0.02)
	if !s.Replace(moved) {
		t.Fatal("replace failed")
	}
	s.Remove(a)
	s.Clear()
	if s.Len() != 0 {
		t.Fatal("clear left annotations")
	}
	// Back through clear, remove, move, add.
	wantLens := []int{1, 2, 2, 1, 0}
	for i, want := range wantLens {
		if !s.Undo() {
			t.Fatalf("undo %d refused", i)
		}
		if s.Len() != want {
			t.Errorf("after undo %d: %d annotations, want %d", i+1, s.Len(), want)
		}
	}
	if s.Undo() {
		t.Error("undo past the start")
	}
	for s.Redo() {
	}
	if s.Len() != 0 || s.CanRedo() {
		t.Errorf("redo to the end: %d annotations", s.Len())
	}
	s.Undo()
	s.Undo() // before remove: the moved text and the pen
	got, ok := s.Get(b)
	if !ok || math.Abs(got.Points[0][0]-106.76) > 1e-12 || math.Abs(got.Points[0][1]-31.84) > 1e-12 {
		t.Errorf("the moved text is at %v", got.Points)
	}
	// A new change forgets what was undone.
	s.Add(sample()[7])
	if s.CanRedo() {
		t.Error("redo survives a new change")
	}
	if _, err := s.Add(annot.Annotation{Kind: annot.Text, Points: []orb.Point{{1, 1}}}); err == nil {
		t.Error("added text without words")
	}
}

// Written as GeoJSON and read back, every annotation is as it was; the
// file is plain GeoJSON with the shapes a GIS draws.
func TestGeoJSONRoundTrip(t *testing.T) {
	in := sample()
	var s annot.Set
	s.Load(in)
	b, err := json.Marshal(annot.GeoJSON(s.Items()))
	if err != nil {
		t.Fatal(err)
	}
	out, skipped, err := annot.FromGeoJSON(b)
	if err != nil || skipped != 0 || len(out) != len(in) {
		t.Fatalf("read %d, skipped %d, err %v", len(out), skipped, err)
	}
	for i := range in {
		a, b := in[i], out[i]
		if a.Kind != b.Kind || a.Colour != b.Colour || a.Width != b.Width || a.Text != b.Text || len(a.Points) != len(b.Points) {
			t.Errorf("%d: %+v read back as %+v", i, a, b)
			continue
		}
		for j := range a.Points {
			if a.Points[j] != b.Points[j] {
				t.Errorf("%d: point %d %v → %v", i, j, a.Points[j], b.Points[j])
			}
		}
	}
	fc := annot.GeoJSON(in)
	wantTypes := []string{"LineString", "LineString", "LineString", "LineString", "Polygon", "Polygon", "Point", "Point"}
	for i, f := range fc.Features {
		if f.Geometry.GeoJSONType() != wantTypes[i] {
			t.Errorf("%s as %s, want %s", in[i].Kind, f.Geometry.GeoJSONType(), wantTypes[i])
		}
	}
	// The ellipse touches its rectangle's sides.
	ring := fc.Features[5].Geometry.(orb.Polygon)[0]
	bd := ring.Bound()
	if math.Abs(bd.Min[0]-107.0) > 1e-9 || math.Abs(bd.Max[0]-107.2) > 1e-9 || math.Abs(bd.Max[1]-32.0) > 1e-3 || math.Abs(bd.Min[1]-31.9) > 1e-3 {
		t.Errorf("ellipse bound %v", bd)
	}
}

// A colleague's plain GeoJSON: points become pins named by their name,
// two-point lines lines, longer ones strokes, polygons outlines; what
// cannot be drawn is counted.
func TestFromPlainGeoJSON(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"会场"},"geometry":{"type":"Point","coordinates":[106.75,31.86]}},
 {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[106.7,31.8],[106.8,31.9]]}},
 {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[106.7,31.8],[106.8,31.9],[106.9,31.9]]}},
 {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[106.7,31.8],[106.8,31.8],[106.8,31.9],[106.7,31.8]]]}},
 {"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[106.7,31.8]]}},
 {"type":"Feature","properties":{},"geometry":{"type":"MultiPoint","coordinates":[[106.7,31.8]]}}]}`
	out, skipped, err := annot.FromGeoJSON([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	kinds := []annot.Kind{annot.Pin, annot.Line, annot.Pen, annot.Pen}
	if len(out) != len(kinds) || skipped != 2 {
		t.Fatalf("read %d (skipped %d): %+v", len(out), skipped, out)
	}
	for i, k := range kinds {
		if out[i].Kind != k {
			t.Errorf("%d: %s, want %s", i, out[i].Kind, k)
		}
	}
	if out[0].Text != "会场" {
		t.Errorf("pin named %q", out[0].Text)
	}
	if _, _, err := annot.FromGeoJSON([]byte("not json")); err == nil {
		t.Error("no error for a broken file")
	}
}

// A colleague's file with a GeometryCollection of nulls (which panics
// inside orb/geojson) costs only that feature.
func TestFromGeoJSONSurvivesNullCollections(t *testing.T) {
	b := []byte(`{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[null,null]}},
{"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[{"type":"Polygon","coordinates":[null]},null]}},
{"type":"Feature","properties":{"name":"巴中"},"geometry":{"type":"Point","coordinates":[106.75,31.86]}}]}`)
	as, skipped, err := annot.FromGeoJSON(b)
	if err != nil || len(as) != 1 || skipped != 2 || as[0].Text != "巴中" {
		t.Fatalf("FromGeoJSON: %d read, %d skipped, %v; want the pin and two skipped", len(as), skipped, err)
	}
}
