package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/planatlas/planatlas/geo/cli"
)

// secondPlan is a plan the app was not built with: another city, the
// chapter layout, its own kinds and groups, a scene and an event.
const secondPlan = "../planpkg/testdata/guangyuan"

// builtInWords are words of the built-in plan that must not appear in
// anything made from another plan.
var builtInWords = []string{"巴中", "Bazhong", "渠江", "2020-07-29", "2020年7月29日", "成渝"}

func noBuiltInWords(t *testing.T, what, s string) {
	t.Helper()
	for _, w := range builtInWords {
		if strings.Contains(s, w) {
			t.Errorf("%s says %q, a word of the built-in plan", what, w)
		}
	}
}

// A plan the team has never seen builds, passes its check, opens in GDAL
// with all its features, lists its chapters and articles, and draws as
// PNG and SVG with its own title and legend and no word of the built-in plan.
func TestSecondPlanEndToEnd(t *testing.T) {
	dir := t.TempDir()
	pkg := filepath.Join(dir, "guangyuan.gpkg")
	code, out, errs := run("plan", "build", secondPlan, "-o", pkg)
	if code != 0 {
		t.Fatalf("plan build: exit %d: %s %s", code, out, errs)
	}
	if !strings.Contains(out, "13 features in 4 groups") {
		t.Errorf("plan build said %q", out)
	}
	code, out, errs = run("plan", "check", pkg)
	if code != 0 || !strings.Contains(out, "0 problems") || !strings.Contains(out, "chapter layout") {
		t.Fatalf("plan check: exit %d: %s %s", code, out, errs)
	}
	noBuiltInWords(t, "plan check", out)

	// clauses --plan: chapters and articles, as written.
	code, out, errs = run("clauses", "--plan", pkg)
	if code != 0 {
		t.Fatalf("clauses: exit %d: %s", code, errs)
	}
	var d cli.DocumentJSON
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if d.Layout != "chapter" || len(d.Parts) != 4 || len(d.Clauses) != 7 {
		t.Fatalf("layout %q, %d chapters, %d articles; want chapter, 4, 7", d.Layout, len(d.Parts), len(d.Clauses))
	}
	if d.Parts[1].Label != "第二章" || d.Parts[1].Title != "国土空间格局" || len(d.Parts[1].Sections) != 2 {
		t.Errorf("chapter 2 = %+v", d.Parts[1])
	}
	c3 := d.Clauses[2]
	if c3.Num != "第三条" || c3.Section != "第一节　生态保护" || !strings.Contains(c3.Text, "（二）红线内其他区域") {
		t.Errorf("article 3 = %+v (its items belong to it)", c3)
	}
	text, _ := os.ReadFile(filepath.Join(secondPlan, "document.txt"))
	for _, c := range d.Clauses {
		if !strings.Contains(string(text), c.Text) {
			t.Errorf("%s is not verbatim in the text", c.Num)
		}
	}

	// Every quote verbatim in its article.
	code, out, _ = run("features", "--plan", pkg)
	if code != 0 {
		t.Fatal("features failed")
	}
	var fc struct {
		Features []struct {
			Properties struct {
				ID    string `json:"id"`
				Quote []struct{ Ref, Text string }
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &fc); err != nil {
		t.Fatal(err)
	}
	quotes := 0
	for _, f := range fc.Features {
		for _, q := range f.Properties.Quote {
			quotes++
			var art *cli.ClauseJSON
			for i := range d.Clauses {
				if d.Clauses[i].Num == q.Ref {
					art = &d.Clauses[i]
				}
			}
			if art == nil || !strings.Contains(art.Text, q.Text) {
				t.Errorf("%s: quote %q not verbatim in %s", f.Properties.ID, q.Text, q.Ref)
			}
		}
	}
	if len(fc.Features) != 13 || quotes != 5 {
		t.Errorf("%d features, %d quotes; want 13, 5", len(fc.Features), quotes)
	}

	// GDAL opens it, with every feature.
	if _, err := exec.LookPath("ogrinfo"); err == nil {
		b, err := exec.Command("ogrinfo", "-ro", "-so", "-al", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("ogrinfo: %v\n%s", err, b)
		}
		total := 0
		for _, m := range regexp.MustCompile(`Layer name: plan_\w+[\s\S]*?Feature Count: (\d+)`).FindAllStringSubmatch(string(b), -1) {
			n, _ := strconv.Atoi(m[1])
			total += n
		}
		if total != 13 {
			t.Errorf("ogrinfo counts %d features in the plan's layers, want 13\n%s", total, b)
		}
		if bytes.Contains(b, []byte("should be implemented")) {
			t.Errorf("GDAL warns about the package's tables:\n%s", b)
		}
	} else {
		t.Log("ogrinfo not installed: GDAL check skipped (CI installs gdal-bin)")
	}

	// Drawn: its own title and legend, no word of the built-in plan.
	for _, lang := range []string{"zh", "en"} {
		svg := filepath.Join(dir, "map-"+lang+".svg")
		if code, _, errs := run("export", "--plan", pkg, "--lang", lang, "-o", svg, "--size", "1200x900"); code != 0 {
			t.Fatalf("export svg: %s", errs)
		}
		b, _ := os.ReadFile(svg)
		s := string(b) // the renderer writes an SVG's words as text
		noBuiltInWords(t, "the "+lang+" SVG", s)
		want := map[string][]string{"zh": {"广元市国土空间规划实施要点", "生态保护红线", "城镇开发边界", "广元市界", "2023年3月15日"},
			"en": {"Guangyuan spatial plan", "ecological red line", "urban growth boundary", "Guangyuan boundary"}}[lang]
		for _, w := range want {
			if !strings.Contains(s, w) {
				t.Errorf("the %s SVG does not say %q", lang, w)
			}
		}
	}
	png := filepath.Join(dir, "map.png")
	if code, _, errs := run("export", "--plan", pkg, "-o", png, "--paper", "a4"); code != 0 {
		t.Fatalf("export png: %s", errs)
	}
	if b, _ := os.ReadFile(png); len(b) < 10000 {
		t.Errorf("PNG of %d bytes", len(b))
	}
	// Its scene, its progress table.
	if code, _, errs := run("export", "--plan", pkg, "--scene", "城镇格局", "-o", filepath.Join(dir, "scene.png")); code != 0 {
		t.Errorf("scene: %s", errs)
	}
	// Its progress report: a section per chapter.
	code, out, errs = run("export", "--plan", pkg, "--progress-report", "--as-of", "2025-01-01", "-o", filepath.Join(dir, "report.pdf"))
	if code != 0 || !strings.Contains(out, "4 parts") {
		t.Errorf("progress report: exit %d: %s %s", code, out, errs)
	}
	// The title page, then the chapters; those naming no project on the
	// map (第一章, 第四章) flow on after another's table.
	if b, _ := os.ReadFile(filepath.Join(dir, "report.pdf")); pdfPages(b) != 4 {
		t.Errorf("the report has %d pages, want 4", pdfPages(b))
	}
	code, out, errs = run("progress", "--plan", pkg, "--as-of", "2025-01-01")
	if code != 0 || !strings.Contains(out, "广元至苍溪快速通道") || !strings.Contains(out, "第六条") {
		t.Errorf("progress: exit %d: %s %s", code, out, errs)
	}
	noBuiltInWords(t, "the progress table", out)
}

// The built-in plan written with `plan export` and drawn from that file
// gives the same map as the built-in plan.
func TestExportedBuiltInDrawsTheSame(t *testing.T) {
	dir := t.TempDir()
	pkg := filepath.Join(dir, "builtin.gpkg")
	if code, _, errs := run("plan", "export", "-o", pkg); code != 0 {
		t.Fatal(errs)
	}
	if code, out, errs := run("plan", "check", pkg); code != 0 {
		t.Fatalf("plan check of the exported built-in plan: %s %s", out, errs)
	}
	a, b := filepath.Join(dir, "a.png"), filepath.Join(dir, "b.png")
	if code, _, errs := run("export", "-o", a, "--size", "1000x700"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := run("export", "--plan", pkg, "-o", b, "--size", "1000x700"); code != 0 {
		t.Fatal(errs)
	}
	ba, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if !bytes.Equal(ba, bb) {
		t.Errorf("the map drawn from the exported package differs from the built-in plan's (%d and %d bytes)", len(ba), len(bb))
	}
}

func TestPlanCommandErrors(t *testing.T) {
	dir := t.TempDir()
	notPlan := filepath.Join(dir, "x.gpkg")
	os.WriteFile(notPlan, []byte("not a database at all, just text"), 0o644)
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"plan"}, cli.ExitUsage, ""},
		{[]string{"plan", "frob"}, cli.ExitUsage, "unknown command"},
		{[]string{"plan", "build", secondPlan}, cli.ExitUsage, "usage"},
		{[]string{"plan", "build", filepath.Join(dir, "none"), "-o", filepath.Join(dir, "o.gpkg")}, 1, "none"},
		{[]string{"plan", "check", notPlan}, 1, "not a GeoPackage"},
		{[]string{"plan", "export"}, cli.ExitUsage, "-o FILE.gpkg"},
		{[]string{"export", "--plan", notPlan, "-o", filepath.Join(dir, "m.png")}, cli.ExitUsage, "not a GeoPackage"},
		{[]string{"clauses", "--plan", filepath.Join(dir, "missing.gpkg")}, cli.ExitUsage, "cannot read"},
	} {
		code, _, errs := run(tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.msg) {
			t.Errorf("%v: exit %d, %q; want %d and %q", tt.args, code, errs, tt.code, tt.msg)
		}
	}
}
