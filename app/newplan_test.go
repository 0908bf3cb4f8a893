package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
)

// As a new user would: a plan made from a Word document of its text (the
// structure read, the date given, the area chosen by name), ten features
// linked by selecting their words and drawing them, two scenes, saved,
// reopened, presented and exported — and the package holds it all.
func TestMakeAPlanFromADocument(t *testing.T) {
	a := test.NewTempApp(t)
	at := newTestAtlas(t, a)
	w := at.Plans.NewPlanWizard()
	if err := w.Open("../geo/planpkg/testdata/documents/guangyuan.docx"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(w.structure.Text, "第七条") || !strings.Contains(w.structure.Text, "第一节") {
		t.Errorf("structure shown:\n%s", w.structure.Text)
	}
	if w.title.Text != "广元市国土空间规划实施要点（测试样例）" {
		t.Errorf("title %q", w.title.Text)
	}
	if _, err := w.Build(); err == nil {
		t.Error("a plan with no date or area was built")
	}
	w.adopted.SetText("2023-03-15")
	w.area.SetText("广元")
	if w.chosen == nil || w.chosen.Name != "广元市" {
		t.Fatalf("area %+v, options %v", w.chosen, w.results.Options)
	}
	path := filepath.Join(t.TempDir(), "广元.gpkg")
	gy := switchTo(t, at, func() {
		if err := w.Save(path); err != nil {
			t.Fatal(err)
		}
	})
	if !gy.Editor.On || gy.PlanPath != path {
		t.Fatalf("the new plan opened at %q, edit mode %v", gy.PlanPath, gy.Editor.On)
	}
	// Ten features from the text: each named by words of an article.
	centre := w.chosen.Label
	doc := gy.Plan.Doc
	for i := 0; i < 10; i++ {
		c := doc.Clauses[i%len(doc.Clauses)]
		gy.Editor.ShowNewFromText()
		ff := gy.Editor.fresh
		ff.section.SetSelectedIndex(i % len(doc.Clauses))
		runes := []rune(c.Text)
		from := (i / len(doc.Clauses)) * 3
		words := string(runes[from : from+6])
		ff.name.SetText(words)
		shape := i % 3 // point, line, area
		ff.shape.SetSelected(ff.shape.Options[shape])
		test.Tap(ff.draw)
		if !ff.problem.Hidden {
			t.Fatalf("feature %d: %s", i, ff.problem.Text)
		}
		p := orb.Point{centre[0] + float64(i)*0.02, centre[1]}
		pts := []orb.Point{p, {p[0] + 0.05, p[1] + 0.03}, {p[0], p[1] + 0.06}}
		for k := 0; k <= shape; k++ {
			gy.Map.Tool.Tap([2]float64(pts[k]))
		}
		if shape > 0 {
			gy.Map.Tool.End()
		}
		answer(t, gy, "王五", "", 0)
		settle(t, gy)
	}
	var made []*plan.Feature
	for _, f := range gy.Plan.Features() {
		if f.Layer != plan.GroupBase {
			made = append(made, f)
		}
	}
	if len(made) != 10 {
		t.Fatalf("%d features made, want 10", len(made))
	}
	// Two scenes of the view, with a feature selected in the first.
	gy.Select(made[0].ID)
	gy.OwnScenes.SaveScene("城镇格局", "")
	gy.Select("")
	gy.OwnScenes.SaveScene("全域", "")
	settle(t, gy)
	if n := len(gy.Plan.Scenes); n != 2 {
		t.Fatalf("%d scenes in the plan", n)
	}

	// Saved: the package opens anywhere with all of it.
	p, problems, err := planpkg.Open(path)
	if err != nil || len(problems) > 0 {
		t.Fatalf("reopened: %v %v", err, problems)
	}
	n := 0
	for _, f := range p.Features() {
		if f.Layer == plan.GroupBase {
			continue
		}
		n++
		if len(f.Quotes) != 1 || !utf8.ValidString(f.Quotes[0].Text) || !strings.Contains(mustClause(t, p, f.Quotes[0].Ref), f.Quotes[0].Text) {
			t.Errorf("%s: quotes %v", f.ID, f.Quotes)
		}
		if f.Precision != plan.PrecisionSourced || !strings.Contains(f.Source, "王五") {
			t.Errorf("%s: %s, %q", f.ID, f.Precision, f.Source)
		}
	}
	if n != 10 || len(p.Scenes) != 2 || p.Scenes[0].NameZh != "城镇格局" || len(p.Scenes[0].Clauses) == 0 {
		t.Errorf("%d features, scenes %+v", n, p.Scenes)
	}
	// Present it and export it.
	gy.Presentation.Present()
	settle(t, gy)
	if gy.Presentation.active == nil {
		t.Error("the new plan does not present")
	}
	gy.Presentation.Present()
	f := NewExportForm(gy)
	f.Format.SetSelected("PNG")
	f.Area.SetSelectedIndex(len(f.areas) - 1) // every scene
	f.Folder = t.TempDir()
	f.Name.SetText("handout")
	var files []string
	gy.Exporter.RunExport(f.Request(), func(fs []string, e error) { files, err = fs, e })
	settle(t, gy)
	if err != nil || len(files) != 2 {
		t.Fatalf("export %v %v", files, err)
	}
	for _, file := range files {
		if st, err := os.Stat(file); err != nil || st.Size() < 10000 {
			t.Errorf("%s: %v", file, err)
		}
	}
}

func mustClause(t *testing.T, p *plan.Plan, ref string) string {
	c, ok := p.Doc.Clause(ref)
	if !ok {
		t.Fatalf("no clause %s", ref)
	}
	return c.Text
}
