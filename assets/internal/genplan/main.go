// Command genplan regenerates the built-in plan: its layer files
// (assets/plan/*.geojson) from the gazetteer and base geodata under
// assets/source, then the plan package assets/plan/plan.gpkg from those
// layers, plan.json, scenes.json and the decision's text under seeds/.
// Run it through `go generate ./assets/...`.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/planatlas/planatlas/assets/internal/genplan/sources"
	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/seeds"
)

func main() {
	src := flag.String("source", "source", "folder with gazetteer.csv and geo/")
	out := flag.String("out", "plan", "folder to write the layer files and the package to")
	flag.Parse()
	doc, err := plan.Parse(seeds.BuiltIn)
	if err != nil {
		fail(err)
	}
	b, err := os.ReadFile(filepath.Join(*out, plan.InfoFile))
	if err != nil {
		fail(err)
	}
	info, err := plan.ParseInfo(b)
	if err != nil {
		fail(err)
	}
	files, err := sources.Build(os.DirFS(*src), doc, info.Groups)
	if err != nil {
		fail(err)
	}
	for _, g := range info.Groups {
		if err := atomicfile.WriteFile(filepath.Join(*out, g.File), files[g.File]); err != nil {
			fail(err)
		}
	}
	p, err := plan.LoadFS(os.DirFS(*out), seeds.BuiltIn)
	if err != nil {
		fail(err)
	}
	if err := planpkg.Write(filepath.Join(*out, "plan.gpkg"), p); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "genplan:", err)
	os.Exit(1)
}
