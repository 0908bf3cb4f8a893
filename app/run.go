//go:build cgo

package app

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/planatlas/planatlas/geo/guard"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/geo/render"
)

// Run opens the app and returns when its window closes: with the plan
// package planFile when given, else the plan open at the end of the last
// run, else the built-in plan. fyneAppToml is the project's FyneApp.toml:
// the app's id, name and version come from it. PLANATLAS_LANG (zh, en) and
// PLANATLAS_THEME (light, dark) override the remembered settings, for
// screenshots and kiosks.
func Run(fyneAppToml []byte, planFile string) int {
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
	fyneapp.SetMetadata(meta.AppMetadata())
	a := fyneapp.NewWithID(meta.ID)
	p, path, problems, openErr := startPlan(a.Preferences(), planFile)
	if p == nil {
		fmt.Fprintf(os.Stderr, "planatlas: "+tr("zh", "loadFailed")+" / "+tr("en", "loadFailed")+"\n", openErr, openErr)
		return 1
	}
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
	at := newAtlas(a, p, path, cache, fyne.Do, workDir(a))
	at.Plans.remember(path)
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
	a.Lifecycle().SetOnStarted(func() {
		at.Work.tellWorkLoad()
		switch {
		case openErr != nil:
			at.Dialogs.showError(planpkg.Message(openErr, at.Lang()))
		case len(problems) > 0:
			at.Plans.showPlanProblems(filepath.Base(path), problems)
		}
	})
	at.Win.ShowAndRun()
	return 0
}

// startPlan opens the plan the app starts with: planFile when given, else
// the one open at the end of the last run, else the built-in plan. When a
// package cannot be opened the built-in plan opens and openErr says why;
// problems are what an opened package could not use.
func startPlan(prefs fyne.Preferences, planFile string) (p *plan.Plan, path string, problems []error, openErr error) {
	path = planFile
	if path == "" {
		path = prefs.String(prefLastPlan)
		if _, err := os.Stat(path); path != "" && err != nil {
			path = "" // gone since: the built-in plan, quietly
		}
	}
	if path != "" {
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		var err error
		if p, problems, err = planpkg.Open(path); err == nil {
			return p, path, problems, nil
		}
		openErr = err
	}
	p, err := planpkg.BuiltIn()
	if err != nil {
		return nil, "", nil, err
	}
	return p, "", nil, openErr
}
