package app

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/render"
)

// A monkey uses the app: 10,000 seeded random events — taps, drags, wheel
// turns and pointer moves at random pixels of the window (on the map,
// panels, buttons and any dialog they open), keys, layer and stage
// toggles, search typing, language and theme switches, overlays opened
// and closed, exports to a temporary folder — with the background renders,
// reads and exports running between them. After every event the state's
// invariants must hold; run under -race, no two goroutines may touch the
// same memory unguarded. A failure names the seed and the event.
func TestMonkey(t *testing.T) {
	events := 10000
	switch {
	case testing.Short():
		events = 1000
	case raceOn:
		// Under the race detector (≈ 10 min for 10,000 here, more on a
		// busy machine) half the walk still crosses every kind of event
		// hundreds of times with the background work running.
		events = 5000
	}
	if n, err := strconv.Atoi(os.Getenv("MONKEY_EVENTS")); err == nil {
		events = n
	}
	seed := int64(20260729)
	rnd := rand.New(rand.NewSource(seed))
	a := test.NewTempApp(t)
	dir := t.TempDir()
	a.Preferences().SetString("export.dir", dir)                      // dialogs write here, not in the home folder
	a.Preferences().SetString("open.dir", testdata[:len(testdata)-1]) // and open files from here
	at := newTestAtlas(t, a)
	size := at.Win.Canvas().Size()
	pos := func() fyne.Position {
		return fyne.NewPos(rnd.Float32()*size.Width, rnd.Float32()*size.Height)
	}
	basemapFiles := []string{"rgb-deflate-tiled.tif", "dem-int16-gk.tif", "rgb.mbtiles", "scan.png", "truncated.tif"}
	files := []string{"shp/areas.shp", "good.gpx", "good.kml", "good.geojson", "bad/truncated.geojson", "nothing-here.kml"}
	keys := []fyne.KeyName{fyne.KeyF5, fyne.KeyEscape, fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown,
		fyne.KeyB, fyne.KeyPeriod, fyne.Key1, fyne.Key3, fyne.Key9, fyne.KeyPlus, fyne.KeyMinus, fyne.KeyHome,
		fyne.KeyPageDown, fyne.KeyPageUp, fyne.KeySpace, fyne.KeyEnd}
	queries := []string{"光雾", "g", "ba", "恩阳", "gws", "Enyang airport", "天府", "", "巴中东站", "zz"}
	counts := map[string]int{}
	spent := map[string]time.Duration{}
	start := time.Now()
	for i := 0; i < events; i++ {
		var what string
		t0 := time.Now()
		switch r := rnd.Intn(1000); {
		case r < 290:
			what = "tap"
			test.TapCanvas(at.Win.Canvas(), pos())
		case r < 370:
			what = "drag"
			test.Drag(at.Win.Canvas(), pos(), rnd.Float32()*200-100, rnd.Float32()*200-100)
		case r < 450:
			what = "wheel"
			test.Scroll(at.Win.Canvas(), pos(), 0, float32(rnd.Intn(21)-10))
		case r < 530:
			what = "move"
			test.MoveMouse(at.Win.Canvas(), pos())
		case r < 690:
			what = "key"
			k := keys[1+rnd.Intn(len(keys)-1)]
			if rnd.Intn(30) == 0 {
				k = keys[0] // F5 restyles the whole window: a few dozen times is plenty
			}
			at.Win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k})
		case r < 750:
			what = "layer"
			groups := at.Plan.Groups()
			g := groups[rnd.Intn(len(groups))].ID
			if c, ok := at.Layers.Checks[g]; ok {
				test.Tap(c)
			}
		case r < 780:
			what = "stage"
			at.Layers.Stage.SetSelectedIndex(rnd.Intn(len(plan.Stages) + 1))
		case r < 840:
			what = "search"
			e := at.Search.Entry
			e.SetText("")
			test.Type(e, queries[rnd.Intn(len(queries))])
			if rnd.Intn(3) == 0 && e.OnSubmitted != nil {
				e.OnSubmitted(e.Text)
			}
		case r < 850:
			what = "language"
			at.Status.Lang.SetSelected([]string{"中文", "English"}[rnd.Intn(2)])
		case r < 855:
			what = "theme"
			at.State.SetTheme([]string{"light", "dark"}[rnd.Intn(2)])
		case r < 895:
			what = "open"
			at.Overlays.Open(testdata+files[rnd.Intn(len(files))], ReadChoice{}, nil)
		case r < 910:
			// Base maps come, go and are restyled while the map renders.
			what = "base map"
			bms := at.State.Basemaps()
			switch k := rnd.Intn(4); {
			case k == 0 || len(bms) == 0:
				at.Basemaps.OpenFile(basemapData+basemapFiles[rnd.Intn(len(basemapFiles))], 0, nil, nil)
			case k == 1:
				at.Basemaps.Close(bms[rnd.Intn(len(bms))].ID)
			default:
				b := bms[rnd.Intn(len(bms))]
				at.State.SetBasemapOpacity(b.ID, rnd.Float64())
				at.State.SetBasemapGrey(b.ID, rnd.Intn(2) == 0)
				at.State.SetBasemapTint(b.ID, rnd.Intn(2) == 0)
				at.State.SetBasemapVisible(b.ID, rnd.Intn(4) != 0)
				at.State.MoveBasemap(b.ID, rnd.Intn(3)-1)
			}
		case r < 940:
			what = "close"
			if ovs := at.State.Overlays(); len(ovs) > 0 {
				at.Overlays.Close(ovs[rnd.Intn(len(ovs))].ID)
			}
		case r < 965:
			what = "overlay style"
			if ovs := at.State.Overlays(); len(ovs) > 0 {
				o := ovs[rnd.Intn(len(ovs))]
				at.State.SetOverlayVisible(o.ID, rnd.Intn(2) == 0)
				fields := append([]string{""}, o.Layer.Fields...)
				at.State.SetOverlayLabel(o.ID, fields[rnd.Intn(len(fields))])
			}
		case r < 968:
			what = "export"
			format := []string{"png", "svg", "pdf"}[rnd.Intn(3)]
			at.Exporter.RunExport(ExportRequest{Format: format, W: 400, H: 300, DPI: 96, Area: []string{"city", "view", "deck"}[rnd.Intn(3)],
				Frame: render.FullFrame, Highlight: rnd.Intn(2) == 0, Path: filepath.Join(dir, fmt.Sprintf("m%d.%s", i, format))}, nil)
		case r < 971:
			what = "capture"
			at.Win.Canvas().Capture() // the window asks for a frame
		case r < 980:
			what = "settle"
			settle(t, at)
		case r < 995:
			// A planner closes the dialog on top (an error, a finished
			// export, the export form) as its button would.
			what = "dismiss"
			if top := at.Win.Canvas().Overlays().Top(); top != nil {
				at.Win.Canvas().Overlays().Remove(top)
			}
		default:
			what = "double tap"
			test.DoubleTap(at.Map)
		}
		counts[what]++
		step(at)
		// A file chooser opened by a button is drawn, then closed: taps
		// inside it would wander the machine's own disks (/proc, a module
		// cache of thousands of folders), which is Fyne's dialog, not the
		// app, and made a run's length depend on the machine.
		for n := len(at.Dialogs.files); n > 0; n = len(at.Dialogs.files) {
			at.Dialogs.files[n-1].Hide()
			counts["file chooser closed"]++
			if len(at.Dialogs.files) == n {
				t.Fatalf("seed %d, event %d (%s): a file chooser does not close", seed, i, what)
			}
		}
		spent[what] += time.Since(t0)
		if err := monkeyInvariants(at); err != nil {
			t.Fatalf("seed %d, event %d (%s): %v", seed, i, what, err)
		}
	}
	settle(t, at)
	if err := monkeyInvariants(at); err != nil {
		t.Fatalf("seed %d, after the events: %v", seed, err)
	}
	var kinds []string
	for k, n := range counts {
		kinds = append(kinds, fmt.Sprintf("%s %d (%.1f s)", k, n, spent[k].Seconds()))
	}
	sort.Strings(kinds)
	t.Logf("%d events in %.1f s: %s", events, time.Since(start).Seconds(), strings.Join(kinds, ", "))
}

// monkeyInvariants checks the state and that the widgets agree with it.
func monkeyInvariants(at *Atlas) error {
	if err := at.State.Check(); err != nil {
		return err
	}
	if on, _ := at.State.Presenting(); on != (at.Presentation.active != nil) {
		return fmt.Errorf("state presenting %v, presenter %v", on, at.Presentation.active != nil)
	}
	for id, c := range at.Layers.Checks {
		if c.Checked != at.State.LayerVisible(id) {
			return fmt.Errorf("layer %s: check %v, state %v", id, c.Checked, at.State.LayerVisible(id))
		}
	}
	if at.Presentation.active == nil && (at.Lang() == "en") != strings.HasPrefix(at.Layers.Checks["base"].Text, "Base") {
		return fmt.Errorf("language %s, layer panel says %q", at.Lang(), at.Layers.Checks["base"].Text)
	}
	if v := at.Map.View(); v.Scale < 20_000 || v.Scale > 40_000_000 {
		return fmt.Errorf("map scale 1:%.0f", v.Scale)
	}
	if n := len(at.State.Selected()); n == 1 && at.Presentation.active == nil {
		id := at.State.Selected()[0]
		if _, ok := at.Plan.Feature(id); ok && (at.Detail.Current == nil || at.Detail.Current.ID != id) {
			return fmt.Errorf("selected %s, the detail panel shows %v", id, at.Detail.Current)
		}
	}
	return nil
}
