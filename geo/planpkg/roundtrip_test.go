package planpkg_test

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
)

// The built-in plan written as a package and read back is the same plan:
// its text, what it says of itself, its kinds, groups, features (with
// their quotes and events) and scenes.
func TestRoundTrip(t *testing.T) {
	p, err := planpkg.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "plan.gpkg")
	if err := planpkg.Write(path, p); err != nil {
		t.Fatal(err)
	}
	q, problems, err := planpkg.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range problems {
		t.Error(e)
	}
	if q.Doc.Text != p.Doc.Text {
		t.Error("text differs")
	}
	p.Info.Format, q.Info.Format = "", ""
	if !reflect.DeepEqual(p.Info, q.Info) {
		t.Errorf("info differs:\n%+v\n%+v", p.Info, q.Info)
	}
	if !reflect.DeepEqual(p.Kinds, q.Kinds) {
		t.Errorf("kinds differ")
	}
	pg, qg := p.Groups(), q.Groups()
	for i := range pg {
		pg[i].File = ""
	}
	for i := range qg {
		qg[i].File = ""
	}
	if !reflect.DeepEqual(pg, qg) {
		t.Errorf("groups differ:\n%+v\n%+v", p.Groups(), q.Groups())
	}
	if !reflect.DeepEqual(p.Scenes, q.Scenes) {
		t.Errorf("scenes differ")
	}
	pf, qf := p.Features(), q.Features()
	if len(pf) != len(qf) {
		t.Fatalf("%d features, want %d", len(qf), len(pf))
	}
	for i := range pf {
		a, b := pf[i].GeoJSON(), qf[i].GeoJSON()
		ja, _ := a.MarshalJSON()
		jb, _ := b.MarshalJSON()
		if string(ja) != string(jb) {
			t.Errorf("feature %s differs:\n%s\n%s", pf[i].ID, ja, jb)
			break
		}
	}
}

// A package with the planner's edits is format 1.1 and keeps them: the
// moved position, its source, and who, when, why; one without is 1.0.
func TestEditsRoundTrip(t *testing.T) {
	p, err := planpkg.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := p.Feature("redarmy_martyrs_cemetery")
	e := plan.Edit{Feature: f.ID, Field: plan.FieldGeometry, Old: plan.GeometryText(f.Geometry), New: plan.GeometryText(orb.Point{107.2553, 32.1952}),
		Who: "张三", When: "2026-12-04T10:30:00+08:00", Why: "陵园在王坪", Source: plan.EditSource{Kind: plan.SourceLocal}}
	if err := p.Apply(e); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "edited.gpkg")
	if err := planpkg.Write(path, p); err != nil {
		t.Fatal(err)
	}
	q, problems, err := planpkg.Open(path)
	if err != nil || len(problems) > 0 {
		t.Fatalf("%v %v", err, problems)
	}
	if q.Info.Format != "1.1" || !reflect.DeepEqual(q.Edits, p.Edits) {
		t.Errorf("format %s, edits %+v", q.Info.Format, q.Edits)
	}
	g, _ := q.Feature(f.ID)
	if g.Geometry != (orb.Point{107.2553, 32.1952}) || g.Precision != plan.PrecisionSourced || g.Source != f.Source {
		t.Errorf("read back at %v, %s, %q", g.Geometry, g.Precision, g.Source)
	}
	b, _ := planpkg.BuiltIn()
	if b.Info.Format != "1.0" {
		t.Errorf("the built-in package is format %s", b.Info.Format)
	}
}
