package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/geo/render"
)

// The plans a planner opened: the last one opens at the next start, the
// recent ones are offered in the File menu.
const (
	prefLastPlan    = "plans.last"   // path of the plan open at the end, "" for the built-in plan
	prefRecentPlans = "plans.recent" // JSON list of paths, most recent first
	maxRecentPlans  = 8
)

// Plans opens plan packages and switches the window to them. It owns the
// list of recent plans; what a planner made for each plan (scenes,
// annotations, layers, view, base maps) is kept per plan by the Atlas it
// opens (newAtlas: the plan's own work file and preference keys).
type Plans struct {
	at *Atlas
	// OnSwitched is called with the new Atlas after a switch (the app's
	// entry uses it to follow the window; tests to reach it).
	OnSwitched func(*Atlas)
	// LastMessage is the last refusal shown to the planner.
	LastMessage string

	builtIn *plan.Info // what the built-in plan says of itself, read once for the menu
}

// BuiltInName is the built-in plan's short title in lang, for the menu.
func (ps *Plans) BuiltInName(lang string) string {
	if ps.builtIn == nil {
		in, err := planpkg.BuiltInInfo()
		if err != nil {
			return ""
		}
		ps.builtIn = &in
	}
	return ps.builtIn.Short(lang)
}

func newPlans(at *Atlas) *Plans { return &Plans{at: at} }

// Recent returns the recent plans' paths, most recent first, leaving out
// files that are gone.
func (ps *Plans) Recent() []string {
	var list []string
	json.Unmarshal([]byte(ps.at.App.Preferences().String(prefRecentPlans)), &list)
	return slices.DeleteFunc(list, func(p string) bool { _, err := os.Stat(p); return err != nil })
}

// remember puts path first among the recent plans and as the last one.
func (ps *Plans) remember(path string) {
	p := ps.at.App.Preferences()
	p.SetString(prefLastPlan, path)
	if path == "" {
		return
	}
	list := slices.DeleteFunc(ps.Recent(), func(q string) bool { return q == path })
	list = append([]string{path}, list...)
	if len(list) > maxRecentPlans {
		list = list[:maxRecentPlans]
	}
	b, _ := json.Marshal(list)
	p.SetString(prefRecentPlans, string(b))
}

// ShowOpen asks for a plan package and opens it.
func (ps *Plans) ShowOpen() {
	at := ps.at
	fd := at.Dialogs.openInLastFolder([]string{".gpkg"}, ps.Open)
	fd.Resize(fyne.NewSize(900, 600))
	at.Dialogs.showFile(fd)
}

// Open reads the plan package at path in the background and switches the
// window to it. A GeoPackage that is no plan opens as a layer, as before;
// a damaged package opens with what can be used and says what was left
// out; one that cannot be used is refused with the reason.
func (ps *Plans) Open(path string) {
	at := ps.at
	var p *plan.Plan
	var problems []error
	var err error
	at.background(func() { p, problems, err = planpkg.Open(path) }, func() {
		switch {
		case errors.Is(err, planpkg.ErrNotPlan):
			at.Overlays.Open(path, ReadChoice{}, nil)
		case err != nil:
			ps.LastMessage = planpkg.Message(err, at.Lang())
			at.Dialogs.showError(ps.LastMessage)
		default:
			next := ps.Switch(p, path)
			if len(problems) > 0 {
				next.Plans.showPlanProblems(filepath.Base(path), problems)
			}
		}
	})
}

// OpenBuiltIn switches back to the built-in plan.
func (ps *Plans) OpenBuiltIn() {
	at := ps.at
	var p *plan.Plan
	var err error
	at.background(func() { p, err = planpkg.BuiltIn() }, func() {
		if err != nil {
			at.internalFault(err)
			return
		}
		ps.Switch(p, "")
	})
}

// Switch replaces the window with one showing plan p (opened from path,
// "" for the built-in plan): its own scenes, annotations, layers, view
// and base maps come back with it. The old window closes once the new one
// shows, so the app never has no window.
func (ps *Plans) Switch(p *plan.Plan, path string) *Atlas {
	old := ps.at
	old.saveSplits()
	ps.remember(path)
	next := newAtlas(old.App, p, path, render.NewCache(0), old.do, old.workRoot)
	next.Plans.OnSwitched = ps.OnSwitched
	s := old.Win.Canvas().Size()
	next.Win.Resize(s)
	next.Win.Show()
	old.closing = true
	old.Win.Close()
	if ps.OnSwitched != nil {
		ps.OnSwitched(next)
	}
	return next
}

// showPlanProblems says what could not be used in a plan that opened.
func (ps *Plans) showPlanProblems(name string, problems []error) {
	at := ps.at
	l := at.Lang()
	var b strings.Builder
	fmt.Fprintf(&b, tr(l, "planProblems"), name, len(problems))
	for i, e := range problems {
		if i == 8 {
			fmt.Fprintf(&b, "\n… %d", len(problems)-8)
			break
		}
		b.WriteString("\n· " + clipRunes(e.Error(), 120))
	}
	at.Dialogs.showError(b.String())
}

// clipRunes cuts s to n characters.
func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

var safeID = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// planID is the name under which what a planner made for plan p is kept:
// its id, or the name of its file.
func planID(p *plan.Plan, path string) string {
	if p.Info.ID != "" {
		return p.Info.ID
	}
	id := safeID.ReplaceAllString(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), "_")
	if id == "" {
		id = "plan"
	}
	return id
}
