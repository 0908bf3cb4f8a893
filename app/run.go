//go:build cgo

package app

import (
	"fmt"
	"os"
	"time"

	fyneapp "fyne.io/fyne/v2/app"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/render"
)

// started is when the process began, for the first-frame time.
var started = time.Now()

// Run opens the app with the built-in plan and returns when the window
// closes. PLANATLAS_LANG (zh, en) and PLANATLAS_THEME (light, dark)
// override the remembered settings, for screenshots and kiosks.
func Run() int {
	p, err := plan.Load()
	if err != nil {
		fmt.Fprintf(os.Stderr, "planatlas: "+tr("zh", "loadFailed")+" / "+tr("en", "loadFailed")+"\n", err, err)
		return 1
	}
	a := fyneapp.NewWithID(AppID)
	// Warm the renderer's caches while Fyne opens the window; the first
	// frame waits for it rather than doing the same work beside it.
	warm := make(chan struct{})
	go func() {
		render.Prewarm(p, a.Preferences().StringWithFallback("lang", "zh"), 96)
		close(warm)
	}()
	if l := os.Getenv("PLANATLAS_LANG"); l != "" {
		a.Preferences().SetString("lang", l)
	}
	if t := os.Getenv("PLANATLAS_THEME"); t != "" {
		a.Preferences().SetString("theme", t)
	}
	at := NewAtlas(a, p)
	at.Map.BeforeFirstRender = func() { <-warm }
	at.Map.OnFirstFrame = func() {
		fmt.Fprintf(os.Stderr, "planatlas: first map frame painted %.0f ms after start\n", float64(time.Since(started).Microseconds())/1000)
	}
	at.Win.ShowAndRun()
	return 0
}
