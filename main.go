// Command planatlas is Plan Atlas (规划图册): with no arguments it opens the
// desktop app, with a plan package's path it opens the app with that plan;
// with a sub-command (clauses, features, plan…) it runs the same geo/ code
// on the command line with no window.
package main

import (
	_ "embed"
	"os"

	_ "github.com/planatlas/planatlas/app/clocale" // first: before Fyne reads the locale
	"github.com/planatlas/planatlas/geo/cli"
)

func main() {
	switch {
	case len(os.Args) == 2 && !cli.IsCommand(os.Args[1]) && isFile(os.Args[1]):
		// planatlas FILE.gpkg (or a package dropped on the program's icon):
		// the app, with that plan.
		os.Exit(runApp(fyneAppToml, os.Args[1]))
	case len(os.Args) > 1:
		os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(runApp(fyneAppToml, ""))
}

// isFile reports whether path names an existing file.
func isFile(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}

// fyneAppToml is the app's metadata (id, name, version): one source for
// the packaged app and the running one.
//
//go:embed FyneApp.toml
var fyneAppToml []byte
