//go:build cgo

package app

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/planatlas/planatlas/geo/guard"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/geo/render"
)

// Run opens the app with the built-in plan and returns when the window
// closes. fyneAppToml is the project's FyneApp.toml: the app's id, name
// and version come from it. PLANATLAS_LANG (zh, en) and PLANATLAS_THEME
// (light, dark) override the remembered settings, for screenshots and kiosks.
func Run(fyneAppToml []byte) int {
	started := time.Now()
	if noDisplay(runtime.GOOS, os.Getenv) {
		fmt.Fprintln(os.Stderr, noDisplayMessage)
		return 1
	}
	render.LimitMemory()
	meta, err := ParseMetadata(fyneAppToml)
	if err != nil {
		fmt.Fprintln(os.Stderr, "planatlas:", err)
		return 1
	}
	p, err := planpkg.BuiltIn()
	if err != nil {
		fmt.Fprintf(os.Stderr, "planatlas: "+tr("zh", "loadFailed")+" / "+tr("en", "loadFailed")+"\n", err, err)
		return 1
	}
	fyneapp.SetMetadata(meta.AppMetadata())
	a := fyneapp.NewWithID(meta.ID)
	// Warm the map's render cache while Fyne opens the window; the first
	// frame waits for it rather than doing the same work beside it.
	cache := render.NewCache(0)
	warm := make(chan struct{})
	lang := a.Preferences().StringWithFallback("lang", "zh")
	go func() {
		defer close(warm) // the first frame never waits on a warm-up that failed
		if err := guard.Run(func() { cache.Prewarm(p, lang, 96) }); err != nil {
			fmt.Fprintln(os.Stderr, "planatlas: warming the render cache:", err)
		}
	}()
	if l := os.Getenv("PLANATLAS_LANG"); l != "" {
		a.Preferences().SetString("lang", l)
	}
	if t := os.Getenv("PLANATLAS_THEME"); t != "" {
		a.Preferences().SetString("theme", t)
	}
	at := newAtlas(a, p, cache, fyne.Do, workDir(a))
	at.Map.BeforeFirstRender = func() { <-warm }
	at.Map.OnFirstFrame = func() {
		fmt.Fprintf(os.Stderr, "planatlas: first map frame painted %.0f ms after start\n", float64(time.Since(started).Microseconds())/1000)
		// Starting (parsing the font, preparing and drawing the plan twice)
		// leaves garbage the collector frees but the process keeps: hand
		// it back once the window is up.
		go func() {
			time.Sleep(time.Second)
			debug.FreeOSMemory()
		}()
	}
	a.Lifecycle().SetOnStarted(at.tellWorkLoad)
	at.Win.ShowAndRun()
	return 0
}
