// Command planatlas is Plan Atlas (规划图册): with no arguments it opens the
// desktop app; with a sub-command (clauses, features…) it runs the same geo/
// code on the command line with no window.
package main

import (
	_ "embed"
	"os"

	_ "github.com/planatlas/planatlas/app/clocale" // first: before Fyne reads the locale
	"github.com/planatlas/planatlas/geo/cli"
)

func main() {
	if len(os.Args) > 1 {
		os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(runApp(fyneAppToml))
}

// fyneAppToml is the app's metadata (id, name, version): one source for
// the packaged app and the running one.
//
//go:embed FyneApp.toml
var fyneAppToml []byte
