package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/seeds"
)

// The committed plan package is exactly what the generator makes of the
// committed layers, plan.json, scenes.json and text: byte for byte, as
// writing a package is deterministic.
func TestCommittedPackageIsFresh(t *testing.T) {
	p, err := plan.LoadFS(os.DirFS("../../plan"), seeds.BuiltIn)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "plan.gpkg")
	if err := planpkg.Write(out, p); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	want, err := os.ReadFile("../../plan/plan.gpkg")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("assets/plan/plan.gpkg is stale (%d bytes, fresh %d): run `go generate ./assets/...` and commit it", len(want), len(got))
	}
}
