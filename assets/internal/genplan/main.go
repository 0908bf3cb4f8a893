// Command genplan regenerates the plan's layer files (assets/plan/*.geojson)
// from the gazetteer and base geodata under assets/source. Run it through
// `go generate ./assets/...`.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/planatlas/planatlas/geo/formats"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/assets/internal/genplan/sources"
	"github.com/planatlas/planatlas/seeds"
)

func main() {
	src := flag.String("source", "source", "folder with gazetteer.csv and geo/")
	out := flag.String("out", "plan", "folder to write the layer files to")
	flag.Parse()
	doc, err := plan.Parse(seeds.BazhongDecision)
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
		if err := formats.WriteFileAtomic(filepath.Join(*out, g.File), files[g.File]); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "genplan:", err)
	os.Exit(1)
}
