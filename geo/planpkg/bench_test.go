package planpkg_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/seeds"
)

// Opening the built-in plan from its embedded package, as the app and the
// command line do at start.
func BenchmarkBuiltIn(b *testing.B) {
	for b.Loop() {
		if _, err := planpkg.BuiltIn(); err != nil {
			b.Fatal(err)
		}
	}
}

// The same plan from its folder of GeoJSON layers (how it loaded before
// it was a package), for comparison.
func BenchmarkLoadFolder(b *testing.B) {
	fsys := os.DirFS("../../assets/plan")
	for b.Loop() {
		if _, err := plan.LoadFS(fsys, seeds.BuiltIn); err != nil {
			b.Fatal(err)
		}
	}
}

// Writing the built-in plan as a package (plan export).
func BenchmarkWrite(b *testing.B) {
	p, err := planpkg.BuiltIn()
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "p.gpkg")
	for b.Loop() {
		if err := planpkg.Write(out, p); err != nil {
			b.Fatal(err)
		}
	}
}

// Building the sample from its folder (plan build).
func BenchmarkBuildFolder(b *testing.B) {
	for b.Loop() {
		if _, _, err := planpkg.BuildDir(sample); err != nil {
			b.Fatal(err)
		}
	}
}
