//go:build cgo

package app

import (
	"fmt"
	"os"

	fyneapp "fyne.io/fyne/v2/app"

	"github.com/planatlas/planatlas/geo/plan"
)

// Run opens the app with the built-in plan and returns when the window closes.
func Run() int {
	p, err := plan.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, "planatlas: 内置规划数据无法加载 (the built-in plan does not load):", err)
		return 1
	}
	a := fyneapp.NewWithID(AppID)
	w := NewWindow(a, p)
	w.ShowAndRun()
	return 0
}
