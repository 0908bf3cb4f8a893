//go:build cgo

package main

import "github.com/planatlas/planatlas/app"

// runApp opens the desktop app (needs cgo for the OpenGL driver).
func runApp(fyneAppToml []byte) int { return app.Run(fyneAppToml) }
