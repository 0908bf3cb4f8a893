package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
)

// runPlan runs `planatlas plan build|check|export`.
func runPlan(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stdout, "usage:\n  planatlas plan build DIR -o FILE.gpkg   build a plan package from a folder (plan.json, document.txt, *.geojson)\n"+
			"  planatlas plan check FILE             report what is wrong in a plan package (exit 1 on errors)\n"+
			"  planatlas plan export [--plan FILE] -o OUT.gpkg   write the plan (the built-in one by default) as a package")
		if len(args) == 0 {
			return ExitUsage
		}
		return 0
	}
	switch args[0] {
	case "build":
		return runPlanBuild(args[1:], stdout, stderr)
	case "check":
		return runPlanCheck(args[1:], stdout, stderr)
	case "export":
		return runPlanExport(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "planatlas: plan: unknown command %q (build, check or export)\n", args[0])
	return ExitUsage
}

// splitArgs takes the positional arguments out of args, so that flags may
// come before or after them (plan build DIR -o FILE).
func splitArgs(args []string, valued map[string]bool) (flags, pos []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return flags, append(pos, args[i+1:]...)
		case strings.HasPrefix(a, "-"):
			flags = append(flags, a)
			if valued[strings.TrimLeft(a, "-")] && !strings.Contains(a, "=") && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		default:
			pos = append(pos, a)
		}
	}
	return flags, pos
}

func runPlanBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("plan build", stderr)
	out := fs.String("o", "", "the plan package `FILE` to write (.gpkg)")
	flags, pos := splitArgs(args, map[string]bool{"o": true})
	if done, code := parseFlags(fs, flags, stdout, stderr); done {
		return code
	}
	if len(pos) != 1 || *out == "" {
		fmt.Fprintln(stderr, "planatlas: plan build: usage: planatlas plan build DIR -o FILE.gpkg")
		return ExitUsage
	}
	p, problems, err := planpkg.BuildDir(pos[0])
	if err != nil {
		fmt.Fprintf(stderr, "planatlas: plan build: %s: %v\n", pos[0], err)
		return 1
	}
	for _, e := range problems {
		fmt.Fprintln(stderr, "planatlas: plan build:", e)
	}
	if err := planpkg.Write(*out, p); err != nil {
		fmt.Fprintln(stderr, "planatlas: plan build:", writeFailed(err))
		return ExitUsage
	}
	fmt.Fprintf(stdout, "%s: %s (%s), %d sections, %d features in %d groups, %d kinds, %d scenes\n", *out, p.Info.Title.Zh, p.Info.Adopted,
		len(p.Doc.Clauses), len(p.Features()), len(p.Layers), len(p.Kinds), len(p.Scenes))
	if len(problems) > 0 {
		fmt.Fprintf(stderr, "planatlas: plan build: %d problems: what they name was left out (plan check lists them)\n", len(problems))
		return 1
	}
	return 0
}

func runPlanCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("plan check", stderr)
	flags, pos := splitArgs(args, nil)
	if done, code := parseFlags(fs, flags, stdout, stderr); done {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "planatlas: plan check: usage: planatlas plan check FILE")
		return ExitUsage
	}
	var p *plan.Plan
	var problems []error
	var err error
	if st, serr := os.Stat(pos[0]); serr == nil && st.IsDir() {
		p, problems, err = planpkg.BuildDir(pos[0])
	} else {
		p, problems, err = planpkg.Open(pos[0])
	}
	if err != nil {
		fmt.Fprintf(stderr, "planatlas: plan check: %s: %s\n", pos[0], planpkg.Message(err, "en"))
		return 1
	}
	for _, e := range problems {
		fmt.Fprintln(stdout, e)
	}
	fmt.Fprintf(stdout, "%s: %s (%s, %s layout): %d sections, %d features, %d quotes, %d events, %d scenes; %d problems\n", pos[0], p.Info.Title.Zh,
		p.Info.Adopted, p.Doc.Layout, len(p.Doc.Clauses), len(p.Features()), countQuotes(p), countEvents(p), len(p.Scenes), len(problems))
	if len(problems) > 0 {
		return 1
	}
	return 0
}

func countQuotes(p *plan.Plan) (n int) {
	for _, f := range p.Features() {
		n += len(f.Quotes)
	}
	return n
}

func countEvents(p *plan.Plan) (n int) {
	for _, f := range p.Features() {
		n += len(f.Events)
	}
	return n
}

func runPlanExport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("plan export", stderr)
	out := fs.String("o", "", "the plan package `FILE` to write (.gpkg)")
	planFile := fs.String("plan", "", "the plan package `FILE` to read (default: the built-in plan)")
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if *out == "" {
		fmt.Fprintln(stderr, "planatlas: plan export: -o FILE.gpkg is required")
		return ExitUsage
	}
	p, code := loadPlan(*planFile, stderr)
	if p == nil {
		return code
	}
	if err := planpkg.Write(*out, p); err != nil {
		fmt.Fprintln(stderr, "planatlas: plan export:", writeFailed(err))
		return ExitUsage
	}
	fmt.Fprintf(stdout, "%s: %s, %d features\n", *out, p.Info.Short("zh"), len(p.Features()))
	return 0
}
