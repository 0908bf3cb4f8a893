// Package cli is Plan Atlas's command line: the sub-commands that run the
// same geo/ code as the app, with no window.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb/geojson"

	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/planatlas/planatlas/geo/formats/gpkg"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/geo/render"
)

// ExitUsage is the exit code for a bad argument or an unwritable path.
const ExitUsage = 2

// Commands lists the sub-commands and what they do.
var Commands = []struct{ Name, Help string }{
	{"clauses", "print the plan's text as JSON: title, preamble, parts and clauses (--plan FILE)"},
	{"features", "every feature of the plan as GeoJSON (default), KML or GeoPackage (-o FILE, --format, --layers)"},
	{"export", "draw the map to a PNG, SVG or PDF file (export -h for the options)"},
	{"info", "read files as the app's Open layer does and report what they hold (info -h)"},
	{"progress", "the implementation table: each project's clause, verb, stage then and now, date and source (CSV, or -o FILE.xlsx)"},
	{"plan", "plan packages: plan build DIR -o FILE.gpkg, plan check FILE, plan export [--plan FILE] -o OUT.gpkg"},
}

// IsCommand reports whether name is a sub-command.
func IsCommand(name string) bool {
	for _, c := range Commands {
		if c.Name == name {
			return true
		}
	}
	return name == "help" || name == "-h" || name == "--help"
}

// Run runs the sub-command args[0] with the rest of args and returns the
// process exit code: 0 on success, 1 when the plan cannot be loaded, 2 for a
// bad argument or an unwritable output.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || !IsCommand(args[0]) {
		usage(stderr)
		return ExitUsage
	}
	switch args[0] {
	case "clauses":
		return runClauses(args[1:], stdout, stderr)
	case "features":
		return runFeatures(args[1:], stdout, stderr)
	case "export":
		return runExport(args[1:], stdout, stderr)
	case "info":
		return runInfo(args[1:], stdout, stderr)
	case "progress":
		return runProgress(args[1:], stdout, stderr)
	case "plan":
		return runPlan(args[1:], stdout, stderr)
	}
	usage(stdout)
	return 0
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: planatlas [command] [flags]")
	fmt.Fprintln(w, "with no command, opens the app. Commands:")
	for _, c := range Commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.Name, c.Help)
	}
}

// DocumentJSON is the JSON shape of the `clauses` command.
type DocumentJSON struct {
	Layout   string       `json:"layout"`
	Title    string       `json:"title"`
	Adoption string       `json:"adoption"`
	Source   string       `json:"source"`
	Preamble string       `json:"preamble"`
	Parts    []PartJSON   `json:"parts"`
	Clauses  []ClauseJSON `json:"clauses"`
}

// PartJSON is one part in DocumentJSON.
type PartJSON struct {
	Num      string   `json:"num"`
	Label    string   `json:"label"`
	Title    string   `json:"title"`
	Intro    string   `json:"intro"`
	Sections []string `json:"sections,omitempty"`
}

// ClauseJSON is one clause in DocumentJSON.
type ClauseJSON struct {
	Num     string `json:"num"`
	Label   string `json:"label"`
	Part    string `json:"part"`
	Section string `json:"section,omitempty"`
	Title   string `json:"title"`
	Text    string `json:"text"`
}

// DocumentToJSON converts a document to the `clauses` JSON shape.
func DocumentToJSON(d *plan.Document) DocumentJSON {
	out := DocumentJSON{Layout: d.Layout, Title: d.Title, Adoption: d.Adoption, Source: d.SourceLine, Preamble: d.Preamble,
		Parts: []PartJSON{}, Clauses: []ClauseJSON{}}
	for _, p := range d.Parts {
		out.Parts = append(out.Parts, PartJSON{p.Num, p.Label, p.Title, p.Intro, p.Sections})
	}
	for _, c := range d.Clauses {
		out.Clauses = append(out.Clauses, ClauseJSON{c.Num, c.Label, c.Part, c.Section, c.Title, c.Text})
	}
	return out
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses args, printing a one-line error on failure, or the
// command's flags on -h (done, with exit code 0).
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (done bool, code int) {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(fs, stdout)
		return true, 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "planatlas: %s: %v\n", fs.Name(), err)
		return true, ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "planatlas: %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return true, ExitUsage
	}
	return false, 0
}

// printUsage writes a command's flags.
func printUsage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprintf(w, "usage: planatlas %s [flags]\n\nflags:\n", fs.Name())
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
}

func runClauses(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("clauses", stderr)
	out := fs.String("o", "", "write to `FILE` (atomically) instead of standard output")
	planFile := fs.String("plan", "", "the plan package `FILE` (default: the built-in plan)")
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	p, code := loadPlan(*planFile, stderr)
	if p == nil {
		return code
	}
	return writeJSON(*out, DocumentToJSON(p.Doc), stdout, stderr)
}

func runFeatures(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("features", stderr)
	out := fs.String("o", "", "write to `FILE` (atomically) instead of standard output")
	format := fs.String("format", "", "geojson, kml or gpkg (default: from the file name, else geojson)")
	layerList := fs.String("layers", "", "comma-separated layer groups (default: all)")
	lang := fs.String("lang", "zh", "names in KML: zh or en")
	asOf := fs.String("as-of", "", "each feature's stage as reached by `DATE` (YYYY, YYYY-MM or YYYY-MM-DD): stage, with stage_at_adoption and as_of")
	planFile := fs.String("plan", "", "the plan package `FILE` (default: the built-in plan)")
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	f := strings.ToLower(*format)
	if f == "" {
		switch strings.ToLower(filepath.Ext(*out)) {
		case ".kml":
			f = "kml"
		case ".gpkg":
			f = "gpkg"
		default:
			f = "geojson"
		}
	}
	if f != "geojson" && f != "kml" && f != "gpkg" {
		fmt.Fprintf(stderr, "planatlas: features: unknown format %q (geojson, kml or gpkg)\n", f)
		return ExitUsage
	}
	if f == "gpkg" && *out == "" {
		fmt.Fprintln(stderr, "planatlas: features: a GeoPackage needs -o FILE")
		return ExitUsage
	}
	if *asOf != "" && !validDate(*asOf) {
		fmt.Fprintf(stderr, "planatlas: features: --as-of %q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)\n", *asOf)
		return ExitUsage
	}
	p, code := loadPlan(*planFile, stderr)
	if p == nil {
		return code
	}
	var layers map[plan.GroupID]bool
	if *layerList != "" {
		var bad string
		if layers, bad = groupSet(p, *layerList); bad != "" {
			fmt.Fprintf(stderr, "planatlas: features: unknown layer %q (layers: %s)\n", bad, groupIDs(p))
			return ExitUsage
		}
	}
	if *asOf != "" {
		p = p.AsOf(*asOf)
	}
	colour := func(k plan.Kind) color.NRGBA { return render.KindColour(render.ThemeLight, p, k) }
	switch f {
	case "kml":
		return emit(*out, func(w io.Writer) error { return planpkg.WritePlanKML(w, p, layers, *lang, colour) }, stdout, stderr)
	case "gpkg":
		if err := gpkg.Write(*out, "plan", planpkg.PlanFeatures(p, layers, colour)); err != nil {
			fmt.Fprintln(stderr, "planatlas:", writeFailed(err))
			return ExitUsage
		}
		return 0
	}
	if layers == nil {
		return writeJSON(*out, p.FeatureCollection(), stdout, stderr)
	}
	fc := geojson.NewFeatureCollection()
	for _, ft := range p.Features() {
		if layers[ft.Layer] {
			fc.Append(ft.GeoJSON())
		}
	}
	return writeJSON(*out, fc, stdout, stderr)
}

// writeJSON writes v as indented JSON to path (atomically) or to stdout.
func writeJSON(path string, v any, stdout, stderr io.Writer) int {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		fmt.Fprintln(stderr, "planatlas:", err)
		return 1
	}
	b = append(b, '\n')
	if path == "" {
		stdout.Write(b)
		return 0
	}
	if err := atomicfile.WriteFile(path, b); err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = fmt.Errorf("%s: %w", path, pe.Err)
		}
		fmt.Fprintln(stderr, "planatlas:", writeFailed(err))
		return ExitUsage
	}
	return 0
}

// emit writes with write to standard output, or atomically to the file
// out, and returns the exit code: 1 when writing to standard output
// failed, ExitUsage when the file could not be written.
func emit(out string, write func(io.Writer) error, stdout, stderr io.Writer) int {
	if out == "" {
		if err := write(stdout); err != nil {
			fmt.Fprintln(stderr, "planatlas:", err)
			return 1
		}
		return 0
	}
	if err := atomicfile.Write(out, write); err != nil {
		fmt.Fprintln(stderr, "planatlas:", writeFailed(err))
		return ExitUsage
	}
	return 0
}

// loadPlan opens the plan package file, or the built-in plan when file is
// "". On failure it prints why and returns a nil plan and the exit code:
// 1 when the built-in plan does not load, ExitUsage for a file that is no
// usable plan package. Problems in a package that still opens are
// printed as warnings.
func loadPlan(file string, stderr io.Writer) (*plan.Plan, int) {
	if file == "" {
		p, err := planpkg.BuiltIn()
		if err != nil {
			fmt.Fprintln(stderr, "planatlas: the built-in plan does not load:", oneLine(err))
			return nil, 1
		}
		return p, 0
	}
	p, problems, err := planpkg.Open(file)
	if err != nil {
		fmt.Fprintf(stderr, "planatlas: --plan %s: %s\n", file, oneLine(err))
		return nil, ExitUsage
	}
	for _, e := range problems {
		fmt.Fprintf(stderr, "planatlas: warning: %s: %s\n", filepath.Base(file), oneLine(e))
	}
	return p, 0
}
