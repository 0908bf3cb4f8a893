package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/annot"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/geo/render"
)

// secondPlanPackage builds the test sample of another city (chapter
// layout, its own kinds, groups, scenes and an event) as a package.
func secondPlanPackage(t testing.TB) string {
	t.Helper()
	p, problems, err := planpkg.BuildDir("../geo/planpkg/testdata/guangyuan")
	if err != nil || len(problems) > 0 {
		t.Fatalf("building the sample: %v %v", err, problems)
	}
	path := filepath.Join(t.TempDir(), "guangyuan.gpkg")
	if err := planpkg.Write(path, p); err != nil {
		t.Fatal(err)
	}
	return path
}

// switchTo opens the package at path in at's window and returns the
// Atlas that took its place, settled.
func switchTo(t *testing.T, at *Atlas, open func()) *Atlas {
	t.Helper()
	var next *Atlas
	at.Plans.OnSwitched = func(n *Atlas) {
		next = n
		v, _ := testQueues.Load(at)
		testQueues.Store(n, v)
		t.Cleanup(func() { testQueues.Delete(n) })
	}
	open()
	settle(t, at)
	if next == nil {
		t.Fatal("the plan did not open")
	}
	next.Win.Resize(fyne.NewSize(1400, 900))
	paint(next)
	return next
}

// builtInWords are words of the built-in plan that must not appear while
// another plan is open.
var builtInWords = []string{"巴中", "Bazhong", "渠江", "2020年7月", "2020-07", "成渝", "July 2020"}

func saysNoBuiltInWord(t *testing.T, what string, texts []string) {
	t.Helper()
	for _, s := range texts {
		for _, w := range builtInWords {
			if strings.Contains(s, w) {
				t.Errorf("%s says %q (%q), a word of the built-in plan", what, w, s)
			}
		}
	}
}

// Another plan opened in the app: the window, panels, legend, search,
// detail, timeline, progress table, presentation and exports speak of it
// and say nothing of the built-in plan.
func TestSecondPlanInTheApp(t *testing.T) {
	pkg := secondPlanPackage(t)
	a := test.NewTempApp(t)
	at := newTestAtlas(t, a)
	gy := switchTo(t, at, func() { at.Plans.Open(pkg) })

	if !strings.HasPrefix(gy.Win.Title(), "广元规划要点（测试样例）") {
		t.Errorf("window title %q", gy.Win.Title())
	}
	var groups []string
	for _, g := range gy.Plan.Groups() {
		groups = append(groups, gy.Layers.Checks[g.ID].Text)
	}
	if strings.Join(groups, "|") != "底图 (8)|生态空间 (1)|城镇空间 (3)|交通 (1)" {
		t.Errorf("layer panel: %v", groups)
	}
	saysNoBuiltInWord(t, "the window", textsIn(gy.Win.Content()))

	// The map's legend: the plan's own kinds, drawn as the export draws it.
	svgPath := filepath.Join(t.TempDir(), "m.svg")
	files, err := gy.Exporter.Export(context.Background(), ExportRequest{Format: "svg", W: 1200, H: 900, DPI: 96, Area: "city", Frame: render.FullFrame, Path: svgPath})
	if err != nil || len(files) != 1 {
		t.Fatalf("export: %v", err)
	}
	svg, _ := os.ReadFile(svgPath)
	for _, w := range []string{"广元市国土空间规划实施要点", "生态保护红线(示意范围)", "城镇开发边界(示意范围)", "区域副中心", "广元市界"} {
		if !strings.Contains(string(svg), w) {
			t.Errorf("the exported map does not say %q", w)
		}
	}
	saysNoBuiltInWord(t, "the exported map", []string{string(svg)})

	// Search finds its places; the detail panel quotes its article.
	gy.Search.update("苍溪")
	hits := gy.Search.Hits()
	if len(hits) == 0 || hits[0].FeatureID != "cangxi_seat" {
		t.Fatalf("search 苍溪: %+v", hits)
	}
	gy.Search.Choose(hits[0])
	settle(t, gy)
	if gy.Detail.Current == nil || gy.Detail.Current.ID != "cangxi_seat" {
		t.Fatal("the detail panel does not show 苍溪县城")
	}
	detail := strings.Join(textsIn(gy.Detail.Object()), "\n")
	for _, rt := range gy.Detail.Quotes {
		detail += "\n" + richText(rt)
	}
	for _, w := range []string{"区域副中心", "推动苍溪县城、旺苍县城建设区域副中心", "第五条", "2023年后进展"} {
		if !strings.Contains(detail, w) {
			t.Errorf("the detail panel does not say %q:\n%s", w, detail)
		}
	}
	saysNoBuiltInWord(t, "the detail panel", []string{detail})

	// The text, the timeline and the progress table.
	reader := strings.Join(textsIn(gy.Reader.Object()), "\n")
	gy.ShowInReader("第三条")
	settle(t, gy)
	saysNoBuiltInWord(t, "the reader", []string{reader})
	if gy.Layers.Timeline.months[0] != "2023-03" {
		t.Errorf("the timeline starts in %s, want the plan's adoption 2023-03", gy.Layers.Timeline.months[0])
	}
	if got := gy.Layers.Timeline.Date.Text; !strings.Contains(got, "2023年3月") {
		t.Errorf("timeline says %q", got)
	}
	gy.Progress.Refresh()
	if len(gy.Progress.Rows) != 3 {
		t.Errorf("%d rows in the progress table, want 3", len(gy.Progress.Rows))
	}
	csv := filepath.Join(t.TempDir(), "p.xlsx")
	if err := gy.Progress.Export(csv); err != nil {
		t.Fatal(err)
	}

	// Presenting: its scenes, its captions.
	gy.Presentation.Present()
	settle(t, gy)
	if gy.Presentation.active == nil {
		t.Fatal("presentation did not start")
	}
	saysNoBuiltInWord(t, "the presentation", textsIn(gy.Win.Content()))
	if cap := gy.Presentation.active.Caption.Text; cap != "城镇格局" {
		t.Errorf("first scene %q", cap)
	}
	gy.Presentation.active.Leave()
	settle(t, gy)
}

// What a planner made for a plan comes back with it, and stays out of
// the other plan: annotations and layers here.
func TestWorkIsKeptPerPlan(t *testing.T) {
	pkg := secondPlanPackage(t)
	a := test.NewTempApp(t)
	at := newTestAtlas(t, a)
	builtInAnnots := len(at.State.Annotations())
	at.Work.saveShared(keyPref, "a-key-of-the-planner")
	gy := switchTo(t, at, func() { at.Plans.Open(pkg) })
	if k := gy.Work.shared.String(keyPref); k != "a-key-of-the-planner" {
		t.Errorf("the planner's 天地图 key is not there with another plan: %q", k)
	}
	if _, err := gy.State.AddAnnotation(annot.Annotation{Kind: annot.Text, Colour: annot.Colours[0], Width: 1, Points: []orb.Point{{105.9, 32.3}}, Text: "新城"}); err != nil {
		t.Fatal(err)
	}
	gy.State.SetLayer("ecology", false)
	settle(t, gy)
	if a.Preferences().String(prefLastPlan) != pkg {
		t.Errorf("last plan %q, want %q", a.Preferences().String(prefLastPlan), pkg)
	}

	back := switchTo(t, gy, gy.Plans.OpenBuiltIn)
	if back.PlanPath != "" || len(back.State.Annotations()) != builtInAnnots {
		t.Errorf("the built-in plan has %d annotations, had %d", len(back.State.Annotations()), builtInAnnots)
	}
	if !back.State.LayerVisible("ecology") {
		t.Error("the other plan's layer choice leaked into the built-in plan")
	}
	if r := back.Plans.Recent(); len(r) != 1 || r[0] != pkg {
		t.Errorf("recent plans %v", r)
	}
	menu := back.Menu.mainMenu()
	found := false
	for _, it := range menu.Items[0].Items {
		if it.ChildMenu != nil {
			for _, c := range it.ChildMenu.Items {
				found = found || strings.HasPrefix(c.Label, "guangyuan.gpkg")
			}
		}
	}
	if !found {
		t.Error("the File menu does not offer the recent plan")
	}
	if it := menu.Items[0].Items[1].ChildMenu.Items[0]; it.Label != "内置规划："+back.Plan.Info.Short("zh") || !it.Checked {
		t.Errorf("the built-in plan's item: %q, ticked %v", it.Label, it.Checked)
	}

	// Dropped on the window, the package opens as the plan.
	again := switchTo(t, back, func() { back.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(pkg)}) })
	as := again.State.Annotations()
	if len(as) != 1 || as[0].Text != "新城" {
		t.Errorf("the plan's annotations did not come back: %+v", as)
	}
	if again.State.LayerVisible("ecology") {
		t.Error("the plan's layer choice did not come back")
	}
}

// A GeoPackage that is no plan opens as a layer; a damaged file says why
// in the planner's language and the window stays on its plan.
func TestOpenPlanRefusals(t *testing.T) {
	a := test.NewTempApp(t)
	at := newTestAtlas(t, a)
	at.Plans.OnSwitched = func(*Atlas) { t.Error("switched to a file that is no plan") }
	at.Plans.Open(testdata + "corpus/gdal/mixed.gpkg")
	settle(t, at)
	if n := len(at.State.Overlays()); n != 1 {
		t.Errorf("a GeoPackage of points: %d overlays, want it opened as a layer", n)
	}
	for _, tt := range []struct{ file, want string }{
		{testdata + "bad/notsqlite.gpkg", "不是 GeoPackage"},
		{filepath.Join(t.TempDir(), "missing.gpkg"), "找不到"},
	} {
		at.Plans.LastMessage = ""
		at.Plans.Open(tt.file)
		settle(t, at)
		if !strings.Contains(at.Plans.LastMessage, tt.want) {
			t.Errorf("%s: said %q, want %q", tt.file, at.Plans.LastMessage, tt.want)
		}
	}
}
