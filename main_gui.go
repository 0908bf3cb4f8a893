//go:build cgo

package main

import "github.com/planatlas/planatlas/app"

// runApp opens the desktop app (needs cgo for the OpenGL driver), with
// the plan package planFile when given.
func runApp(fyneAppToml []byte, planFile string) int { return app.Run(fyneAppToml, planFile) }
