package planpkg_test

import (
	"path/filepath"
	"reflect"
	"testing"

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
