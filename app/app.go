// Package app is Plan Atlas's desktop interface, built with Fyne. It holds
// no geometry or drawing code of its own: the map comes from geo/render and
// the plan from geo/plan.
package app

import (
	"fyne.io/fyne/v2"

	"github.com/planatlas/planatlas/geo/plan"
)

// AppID is the application id (reverse DNS), also used for preferences.
const AppID = "org.planatlas.planatlas"

// NewWindow builds Plan Atlas's main window in a, for the loaded plan p.
func NewWindow(a fyne.App, p *plan.Plan) fyne.Window {
	return NewAtlas(a, p).Win
}
