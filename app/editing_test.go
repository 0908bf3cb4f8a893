package app

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/layer"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
)

const cemetery = "redarmy_martyrs_cemetery"

// clicked is where the test's planner clicks to move the cemetery: a
// stand-in for a planner's local knowledge of 王坪. No source for 王坪's
// position was found, so no data of the plan says it; it is a click.
var clicked = orb.Point{107.2553, 32.1952}

// answer fills the source dialog as a planner does and presses OK.
func answer(t *testing.T, at *Atlas, who, why string, kind int) {
	t.Helper()
	f := at.Editor.ask
	if f == nil {
		t.Fatal("no source dialog")
	}
	f.who.SetText(who)
	f.why.SetText(why)
	if kind >= 0 { // -1: as the dialog offers it
		f.kind.SetSelected(f.kinds[kind])
	}
	test.Tap(f.ok)
}

// Move the cemetery to 王坪 in the edit mode: the panel says who, when and
// why; the plan is the planner's own copy, saved; the built-in plan is
// unchanged; undo and redo; the change list; and the next start opens the
// copy with the built-in plan's work.
func TestMoveAPlaceWithItsSource(t *testing.T) {
	a := test.NewTempApp(t)
	at := newTestAtlas(t, a)
	at.Editor.now = func() time.Time { return time.Date(2026, 12, 4, 10, 30, 0, 0, time.FixedZone("CST", 8*3600)) }
	before, _ := at.Plan.Feature(cemetery)
	oldPlace := before.Geometry
	at.Editor.SetMode(true)
	at.Select(cemetery)
	settle(t, at)
	if !strings.Contains(strings.Join(textsIn(at.Detail.Object()), " "), tr("zh", "moveFeature")) {
		t.Fatal("the feature panel offers no 移动位置 in the edit mode")
	}
	at.Editor.StartReshape(cemetery)
	at.Map.Tool.Tap([2]float64(clicked))
	// No vertex is near in the whole-city view: the click is the place.
	want := at.Editor.Snap(clicked, cemetery)
	answer(t, at, "", "陵园在王坪", 0)
	if at.Editor.ask.problem.Hidden {
		t.Error("an edit with no name was let through")
	}
	answer(t, at, "张三", "陵园在王坪", 0)
	settle(t, at)
	f, _ := at.Plan.Feature(cemetery)
	if f.Geometry != want || f.Precision != plan.PrecisionSourced {
		t.Fatalf("the cemetery is at %v (%s), want %v", f.Geometry, f.Precision, want)
	}
	note := "位置：本地核实，张三，2026-12-04（陵园在王坪）"
	if texts := strings.Join(textsIn(at.Detail.Object()), " "); !strings.Contains(texts, note) {
		t.Errorf("the panel does not say %q: %s", note, texts)
	}
	own := OwnCopyPath(at.workRoot, at.Plan)
	if at.PlanPath != own || a.Preferences().String(prefLastPlan) != own {
		t.Errorf("plan path %q, last plan %q, want the own copy %q", at.PlanPath, a.Preferences().String(prefLastPlan), own)
	}
	if at.Editor.Saves == 0 || at.Editor.LastError != nil {
		t.Fatalf("saves %d, error %v", at.Editor.Saves, at.Editor.LastError)
	}
	saved, problems, err := planpkg.Open(own)
	if err != nil || len(problems) > 0 {
		t.Fatalf("the own copy: %v %v", err, problems)
	}
	if g, _ := saved.Feature(cemetery); g.Geometry != want || len(saved.Edits) != 1 || saved.Edits[0].Who != "张三" {
		t.Errorf("saved: %v, %+v", g.Geometry, saved.Edits)
	}
	if b, _ := planpkg.BuiltIn(); true {
		if g, _ := b.Feature(cemetery); g.Geometry != oldPlace {
			t.Error("the built-in plan changed")
		}
	}
	if g, _ := loadTestPlan().Feature(cemetery); g.Geometry != oldPlace {
		t.Error("the plan the window opened with was changed in place (a render may be drawing it)")
	}

	// Undo, redo.
	at.Editor.Undo()
	settle(t, at)
	if g, _ := at.Plan.Feature(cemetery); g.Geometry != oldPlace || g.Precision != before.Precision {
		t.Errorf("undo left it at %v (%s)", g.Geometry, g.Precision)
	}
	at.Editor.Redo()
	settle(t, at)
	if g, _ := at.Plan.Feature(cemetery); g.Geometry != want {
		t.Errorf("redo left it at %v", g.Geometry)
	}

	// The change list.
	list := filepath.Join(t.TempDir(), "changes.csv")
	if err := at.Editor.ExportChanges(list); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(list)
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 2 || rows[1][0] != cemetery || rows[1][5] != "张三" || rows[1][7] != "陵园在王坪" {
		t.Errorf("change list %q (%v)", rows, err)
	}

	// The next start opens the copy, with the built-in plan's work.
	p2, _, err := planpkg.Open(own)
	if err != nil {
		t.Fatal(err)
	}
	at2 := newAtlas(a, p2, own, testCache(), at.do, at.workRoot)
	if at2.keys != at.keys || at2.Work.file.path != at.Work.file.path {
		t.Errorf("the own copy keeps its work apart: keys %q/%q, work %s/%s", at2.keys, at.keys, at2.Work.file.path, at.Work.file.path)
	}
	if g, _ := at2.Plan.Feature(cemetery); g.Geometry != want {
		t.Error("the move was not kept")
	}
}

// Fields and a link to the text, each with its source; a selection that
// is not the text word for word is refused.
func TestEditFieldsAndLinkText(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Editor.SetMode(true)
	at.Editor.ShowFields(cemetery)
	ff := at.Editor.fields
	ff.nameEn.SetText("Red Army Martyrs Cemetery, Wangping")
	stage := plan.StagePromoted
	if f, _ := at.Plan.Feature(cemetery); f.Stage == stage {
		stage = plan.StagePlanned
	}
	ff.stage.SetSelectedIndex(slices.Index(plan.Stages, stage))
	ff.ok()
	answer(t, at, "李四", "英文名按陵园官网", 0)
	settle(t, at)
	f, _ := at.Plan.Feature(cemetery)
	if f.NameEn != "Red Army Martyrs Cemetery, Wangping" || f.Stage != stage {
		t.Errorf("fields: %q %s", f.NameEn, f.Stage)
	}
	// Link: the whole of the first section it cites, selected.
	at.Editor.ShowLinkText(cemetery)
	lf := at.Editor.link
	lf.text.SetText(lf.text.Text + "（改动）") // a planner typing into the text
	lf.text.TypedShortcut(&fyne.ShortcutSelectAll{})
	test.Tap(lf.link)
	if lf.problem.Hidden {
		t.Error("words not in the text were linked")
	}
	lf.section.SetSelectedIndex(lf.section.SelectedIndex()) // the text again, as written
	sel := lf.section.SelectedIndex()
	lf.section.SetSelectedIndex((sel + 1) % len(lf.section.Options))
	lf.section.SetSelectedIndex(sel)
	lf.text.TypedShortcut(&fyne.ShortcutSelectAll{})
	words := lf.text.SelectedText()
	n := len(f.Quotes)
	test.Tap(lf.link)
	answer(t, at, "李四", "", 0)
	settle(t, at)
	f, _ = at.Plan.Feature(cemetery)
	if len(f.Quotes) != n+1 || f.Quotes[n].Text != words {
		t.Errorf("quotes %v, want one more: %q", f.Quotes, words)
	}
	if len(at.Plan.Edits) != 3 {
		t.Errorf("%d edits, want 3 (English name, stage, link)", len(at.Plan.Edits))
	}
}

// Snapping: a click near a vertex of a plan feature lands on it.
func TestEditSnapsToVertices(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	airport, _ := at.Plan.Feature("enyang_airport")
	pt := airport.Geometry.(orb.Point)
	v := at.Map.View()
	px := v.Pixel(pt)
	near := v.LonLat(px[0]+4, px[1]-3)
	if got := at.Editor.Snap(orb.Point{near[0], near[1]}, cemetery); got != pt {
		t.Errorf("4 px from the airport snapped to %v, want %v", got, pt)
	}
	far := v.LonLat(px[0]+40, px[1])
	if got := at.Editor.Snap(orb.Point{far[0], far[1]}, cemetery); got == pt {
		t.Error("40 px away snapped to the airport")
	}
}

// A feature made from words of the text can take its shape from an opened
// layer (the click picks the feature), a division's outline or a place
// found by name; each says where it came from; a removal is undone.
func TestNewFeatureFromLayerDivisionAndPlace(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Editor.SetMode(true)
	centre := at.Map.View().Center
	square := orb.Polygon{orb.Ring{{centre[0] - 0.05, centre[1] - 0.05}, {centre[0] + 0.05, centre[1] - 0.05},
		{centre[0] + 0.05, centre[1] + 0.05}, {centre[0] - 0.05, centre[1] + 0.05}, {centre[0] - 0.05, centre[1] - 0.05}}}
	at.State.AddOverlay("园区.geojson", &layer.Layer{Name: "园区.geojson", Path: "园区.geojson", Format: "geojson",
		Features: []layer.Feature{{Geometry: square, Props: map[string]any{}}}}, ReadChoice{})
	doc := at.Plan.Doc
	words := func(i int) string { return string([]rune(doc.Clauses[i].Text)[:5]) }
	make1 := func(i, shape int, find string) *plan.Feature {
		t.Helper()
		at.Editor.ShowNewFromText()
		ff := at.Editor.fresh
		ff.section.SetSelectedIndex(i)
		ff.name.SetText(words(i))
		ff.shape.SetSelected(ff.shape.Options[shape])
		if find != "" {
			ff.where.SetText(find)
		}
		test.Tap(ff.draw)
		if !ff.problem.Hidden {
			t.Fatalf("%s", ff.problem.Text)
		}
		if shape == 3 {
			at.Map.Tool.Tap([2]float64{centre[0] + 0.01, centre[1]})
		}
		answer(t, at, "赵六", "", -1)
		settle(t, at)
		id := at.Plan.Edits[len(at.Plan.Edits)-1].Feature
		f, ok := at.Plan.Feature(id)
		if !ok {
			t.Fatalf("no feature %s", id)
		}
		return f
	}
	if f := make1(0, 3, ""); !reflect.DeepEqual(f.Geometry, square) || !strings.Contains(f.Source, "园区.geojson") {
		t.Errorf("from the layer: %v, %q", f.Geometry, f.Source)
	}
	if f := make1(1, 4, "通江县"); f.Geometry.GeoJSONType() != "MultiPolygon" || !strings.Contains(f.Source, "通江县") {
		t.Errorf("a division: %s, %q", f.Geometry.GeoJSONType(), f.Source)
	}
	airport, _ := at.Plan.Feature("enyang_airport")
	if f := make1(2, 5, "恩阳机场"); f.Geometry != airport.LabelPoint() {
		t.Errorf("a place: %v, want the airport's %v", f.Geometry, airport.LabelPoint())
	}
	// Removed, and back.
	n := len(at.Plan.Features())
	f, _ := at.Plan.Feature("enyang_airport")
	if err := at.Editor.Commit(plan.Edit{Feature: f.ID, Field: plan.FieldDelete, Old: plan.FeatureText(f), Who: "赵六", Source: plan.EditSource{Kind: plan.SourceLocal}}); err != nil {
		t.Fatal(err)
	}
	if _, ok := at.Plan.Feature("enyang_airport"); ok || len(at.Plan.Features()) != n-1 {
		t.Error("not removed")
	}
	at.Editor.Undo()
	if _, ok := at.Plan.Feature("enyang_airport"); !ok {
		t.Error("undo did not bring it back")
	}
	settle(t, at)
}

// A line's vertices: one moved, one added on an edge and deleted again,
// then the source asked and the line saved with the moved vertex.
func TestEditVertices(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Editor.SetMode(true)
	const id = "banan_hsr_section"
	f, _ := at.Plan.Feature(id)
	line := f.Geometry.(orb.LineString)
	n := len(line)
	v := at.Map.View()
	v.Center, v.Scale = line[n/2], 100000
	at.Map.SetView(v)
	settle(t, at)
	if !at.Editor.StartVertices(id) {
		t.Fatal("no vertex editing for a line")
	}
	vt := at.Map.Tool.(*vertexTool)
	v = at.Map.View()
	px := v.Pixel(line[n/2])
	at.Map.Tool.Tap([2]float64(line[n/2]))
	if vt.pick != [2]int{0, n / 2} {
		t.Fatalf("picked %v, want vertex %d", vt.pick, n/2)
	}
	to := v.LonLat(px[0]+37, px[1]-23)
	want := at.Editor.Snap(orb.Point{to[0], to[1]}, id)
	at.Map.Tool.Tap([2]float64{to[0], to[1]})
	// An edge: the middle of the segment after the moved vertex.
	a, b := v.Pixel(line[n/2+1]), v.Pixel(line[n/2+2])
	mid := v.LonLat((a[0]+b[0])/2, (a[1]+b[1])/2)
	at.Map.Tool.Tap([2]float64{mid[0], mid[1]})
	if len(vt.parts[0]) != n+1 {
		t.Fatalf("%d vertices after a click on an edge, want %d", len(vt.parts[0]), n+1)
	}
	at.Map.Tool.Tap([2]float64(vt.parts[0][n/2+2]))
	vt.DeleteSelected()
	if len(vt.parts[0]) != n {
		t.Fatalf("%d vertices after deleting, want %d", len(vt.parts[0]), n)
	}
	at.Map.Tool.End()
	answer(t, at, "孙七", "按施工图", 0)
	settle(t, at)
	g, _ := at.Plan.Feature(id)
	got := g.Geometry.(orb.LineString)
	if len(got) != n || got[n/2] != want || got[0] != line[0] {
		t.Errorf("line of %d vertices, vertex %d at %v, want %v", len(got), n/2, got[n/2], want)
	}
}

// A town GeoNames has in the region is found by name while linking.
func TestFindTowns(t *testing.T) {
	hits := findTowns("下两", 5)
	if len(hits) == 0 || hits[0].geom != (orb.Point{106.77151, 32.07673}) || !strings.Contains(hits[0].source, "GeoNames") {
		t.Errorf("%+v", hits)
	}
}

// Edits made faster than the package is written: saves run one at a time
// in the background, the latest plan last, and the package on disk ends
// with every edit (run under -race in CI: the renders and the saves read
// plan values the edits never change).
func TestRapidEditsSaveTheLast(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Editor.SetMode(true)
	f, _ := at.Plan.Feature(cemetery)
	for i := 0; i < 20; i++ {
		p := orb.Point{107.25 + float64(i)*0.001, 32.19}
		old, _ := at.Plan.Feature(cemetery)
		if err := at.Editor.Commit(plan.Edit{Feature: f.ID, Field: plan.FieldGeometry, Old: plan.GeometryText(old.Geometry), New: plan.GeometryText(p),
			Who: "测试", Source: plan.EditSource{Kind: plan.SourceLocal}}); err != nil {
			t.Fatal(err)
		}
		at.Map.Redraw() // a render of each value while the saves run
	}
	settle(t, at)
	if at.Editor.Saving() || at.Editor.LastError != nil {
		t.Fatalf("saving %v, error %v", at.Editor.Saving(), at.Editor.LastError)
	}
	if at.Editor.Saves < 1 || at.Editor.Saves > 20 {
		t.Errorf("%d saves for 20 edits", at.Editor.Saves)
	}
	p, _, err := planpkg.Open(at.PlanPath)
	if err != nil || len(p.Edits) != 20 {
		t.Fatalf("the package holds %d edits (%v)", len(p.Edits), err)
	}
	if g, _ := p.Feature(cemetery); g.Geometry != (orb.Point{107.25 + 19*0.001, 32.19}) {
		t.Errorf("saved at %v", g.Geometry)
	}
}

// A feature of a kind of its own: named and coloured in the dialog, added
// to the plan with the feature, kept in the package with its style.
func TestNewFeatureOfANewKind(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Editor.SetMode(true)
	at.Editor.ShowNewFromText()
	ff := at.Editor.fresh
	ff.section.SetSelectedIndex(0)
	ff.name.SetText(string([]rune(at.Plan.Doc.Clauses[0].Text)[:4]))
	ff.kind.SetSelected(ff.kind.Options[len(ff.kind.Options)-1]) // 新建类型…
	ff.kindName.SetText("生态保护红线")
	ff.colour.SetSelectedIndex(2) // green
	ff.shape.SetSelected(ff.shape.Options[2])
	test.Tap(ff.draw)
	if !ff.problem.Hidden {
		t.Fatal(ff.problem.Text)
	}
	c := at.Map.View().Center
	for _, p := range []orb.Point{c, {c[0] + 0.1, c[1]}, {c[0], c[1] + 0.1}} {
		at.Map.Tool.Tap([2]float64(p))
	}
	at.Map.Tool.End()
	answer(t, at, "周八", "", 0)
	settle(t, at)
	id := at.Plan.Edits[len(at.Plan.Edits)-1].Feature
	f, _ := at.Plan.Feature(id)
	if f.Def == nil || f.Def.Name.Zh != "生态保护红线" || f.Def.Style.Colour != "#2e9e4f" {
		t.Fatalf("the feature's kind: %+v", f.Def)
	}
	p, _, err := planpkg.Open(at.PlanPath)
	if err != nil {
		t.Fatal(err)
	}
	if k, ok := p.Kind(f.Kind); !ok || k.Name.Zh != "生态保护红线" || k.Style.Fill != "#2e9e4f40" {
		t.Errorf("the package's kind: %+v", k)
	}
}
