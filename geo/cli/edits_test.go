package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
)

// A plan the planner corrected (the cemetery moved to 王坪 on local
// knowledge) says who moved it, when and why in every export of its
// features: GeoJSON, KML and GeoPackage (read back by GDAL).
func TestEditsInFeatureExports(t *testing.T) {
	p, err := planpkg.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	f, _ := p.Feature("redarmy_martyrs_cemetery")
	if err := p.Apply(plan.Edit{Feature: f.ID, Field: plan.FieldGeometry, Old: plan.GeometryText(f.Geometry), New: plan.GeometryText(orb.Point{107.2553, 32.1952}),
		Who: "张三", When: "2026-12-04T10:30:00+08:00", Why: "陵园在王坪", Source: plan.EditSource{Kind: plan.SourceLocal}}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pkg := filepath.Join(dir, "edited.gpkg")
	if err := planpkg.Write(pkg, p); err != nil {
		t.Fatal(err)
	}
	const note = "位置：本地核实，张三，2026-12-04（陵园在王坪）"
	for _, format := range []string{"geojson", "kml", "gpkg"} {
		out := filepath.Join(dir, "features."+format)
		if code, _, errs := run("features", "--plan", pkg, "--format", format, "-o", out); code != 0 {
			t.Fatalf("%s: %s", format, errs)
		}
		b, _ := os.ReadFile(out)
		text := string(b)
		if format == "gpkg" {
			if _, err := exec.LookPath("ogrinfo"); err != nil {
				continue
			}
			o, err := exec.Command("ogrinfo", "-ro", "-al", "-q", "-where", "id = 'redarmy_martyrs_cemetery'", out).CombinedOutput()
			if err != nil {
				t.Fatalf("ogrinfo: %v %s", err, o)
			}
			text = string(o)
		}
		if !strings.Contains(text, note) {
			t.Errorf("%s does not say %q", format, note)
		}
	}
	// The built-in plan is untouched.
	b, _ := planpkg.BuiltIn()
	if g, _ := b.Feature(f.ID); g.Geometry == (orb.Point{107.2553, 32.1952}) || len(b.Edits) != 0 {
		t.Error("the built-in plan changed")
	}
}
