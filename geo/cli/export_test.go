package cli_test

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/annot"
	"github.com/planatlas/planatlas/geo/cli"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
)

func TestExportFormats(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args  []string
		file  string
		magic string
	}{
		{[]string{"--size", "640x400"}, "map.png", "\x89PNG"},
		{[]string{"--size", "640x400", "--lang", "en", "--theme", "dark"}, "map.svg", "<svg"},
		{[]string{"--paper", "a4", "--dpi", "72", "--layers", "base,county"}, "map.pdf", "%PDF-"},
		{[]string{"--size", "640x400", "--format", "png", "--center", "106.75,31.87", "--scale", "250000"}, "map.image", "\x89PNG"},
		{[]string{"--size", "640x400", "--bbox", "106.5,31.6,107.0,32.0", "--no-legend", "--no-title"}, "bbox.png", "\x89PNG"},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.file)
		code, out, errs := run(append([]string{"export", "-o", path}, tt.args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tt.args, code, errs)
		}
		b, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(b, []byte(tt.magic)) {
			t.Errorf("%v: %s does not start with %q (%v)", tt.args, tt.file, tt.magic, err)
		}
		if !strings.Contains(out, tt.file) {
			t.Errorf("%v: stdout %q", tt.args, out)
		}
	}
	// The PNG has the requested size.
	f, _ := os.Open(filepath.Join(dir, "map.png"))
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width != 640 || cfg.Height != 400 {
		t.Errorf("map.png is %dx%d (%v), want 640x400", cfg.Width, cfg.Height, err)
	}
	// A4 at 72 dpi, portrait: 595 x 842 points.
	b, _ := os.ReadFile(filepath.Join(dir, "map.pdf"))
	if !bytes.Contains(b, []byte("/MediaBox[0 0 595 842]")) {
		t.Errorf("map.pdf media box is not A4 portrait")
	}
}

func TestExportBadArguments(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "map.png")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"export"}, "-o FILE is required"},
		{[]string{"export", "-o", filepath.Join(dir, "map.gif")}, "unknown format"},
		{[]string{"export", "-o", out, "--layers", "base,roads"}, "unknown layer \"roads\""},
		{[]string{"export", "-o", out, "--size", "big"}, "bad --size"},
		{[]string{"export", "-o", out, "--paper", "a0"}, "unknown paper"},
		{[]string{"export", "-o", out, "--lang", "fr"}, "unknown language"},
		{[]string{"export", "-o", out, "--theme", "neon"}, "unknown theme"},
		{[]string{"export", "-o", out, "--bbox", "107,32,106,31"}, "bad --bbox"},
		{[]string{"export", "-o", out, "--center", "106.7,31.8"}, "go together"},
		{[]string{"export", "-o", out, "--dpi", "5000"}, "out of range"},
		{[]string{"export", "-o", out, "--bogus"}, "flag provided but not defined"},
		{[]string{"export", "-o", filepath.Join(dir, "missing", "map.png")}, "cannot write"},
	}
	for _, tt := range tests {
		code, _, errs := run(tt.args...)
		if code != cli.ExitUsage || !strings.Contains(errs, tt.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and one line with %q", tt.args[1:], code, errs, tt.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed exports left %d files", len(entries))
	}
}

func TestExportKeepsOldFileOnFailure(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "map.png")
	os.WriteFile(old, []byte("old map"), 0o644)
	// An impossible size fails before anything is written.
	if code, _, _ := run("export", "-o", old, "--size", "100x100"); code != cli.ExitUsage {
		t.Errorf("exit %d, want 2", code)
	}
	if b, _ := os.ReadFile(old); string(b) != "old map" {
		t.Errorf("old file is now %.20q", b)
	}
}

func TestExportScenes(t *testing.T) {
	dir := t.TempDir()
	deck := filepath.Join(dir, "deck.pdf")
	code, out, errs := run("export", "--all-scenes", "-o", deck, "--paper", "a4", "--landscape", "--dpi", "60")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, _ := os.ReadFile(deck)
	if !strings.Contains(out, "deck.pdf") {
		t.Errorf("stdout %q", out)
	}
	if n := pdfPages(b); n != 8 {
		t.Errorf("deck.pdf has %d pages, want 8", n)
	}
	// Numbered PNGs.
	code, out, errs = run("export", "--all-scenes", "-o", filepath.Join(dir, "deck.png"), "--size", "480x320")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for i := 1; i <= 8; i++ {
		name := filepath.Join(dir, "deck-0"+string(rune('0'+i))+".png")
		if _, err := os.Stat(name); err != nil {
			t.Errorf("missing %s", name)
		}
	}
	// One scene by Chinese name or id.
	for _, name := range []string{"对外通道", "corridors"} {
		if code, _, errs := run("export", "--scene", name, "-o", filepath.Join(dir, "one.svg"), "--size", "640x400"); code != 0 {
			t.Errorf("--scene %s: exit %d %s", name, code, errs)
		}
	}
	svg, _ := os.ReadFile(filepath.Join(dir, "one.svg"))
	if !strings.Contains(string(svg), "拓展外向战略性大通道") {
		t.Error("the scene's caption is not in the SVG")
	}
	if code, _, errs := run("export", "--scene", "nowhere", "-o", filepath.Join(dir, "x.png")); code != cli.ExitUsage || !strings.Contains(errs, "unknown scene") {
		t.Errorf("unknown scene: exit %d %q", code, errs)
	}
}

// pdfPages counts the page objects of a PDF.
func pdfPages(b []byte) int {
	n := 0
	for _, m := range regexpPage.FindAll(b, -1) {
		_ = m
		n++
	}
	return n
}

var regexpPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// A planner's own scenes (the file the app exports) join --all-scenes and
// --scene; annotations (the app's GeoJSON) are drawn on the map.
func TestExportOwnScenesAndAnnotations(t *testing.T) {
	dir := t.TempDir()
	p, err := planpkg.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	own := []plan.Scene{{NameZh: "东站片区", NameEn: "East station", Layers: []plan.GroupID{"base", "corridor"},
		BBox: [4]float64{106.7, 31.8, 106.9, 31.9}, Note: "汇报用", Own: true}}
	b, _ := plan.MarshalOwnScenes(own)
	scenes := filepath.Join(dir, "mine.json")
	os.WriteFile(scenes, b, 0o644)
	deck := filepath.Join(dir, "deck.pdf")
	if code, _, errs := run("export", "--all-scenes", "--scenes", scenes, "-o", deck, "--paper", "a4", "--landscape", "--dpi", "60"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	pdf, _ := os.ReadFile(deck)
	if n := pdfPages(pdf); n != len(p.Scenes)+1 {
		t.Errorf("deck.pdf has %d pages, want %d", n, len(p.Scenes)+1)
	}
	if code, _, errs := run("export", "--scenes", scenes, "--scene", "东站片区", "-o", filepath.Join(dir, "one.png"), "--size", "480x320"); code != 0 {
		t.Errorf("--scene of one's own: exit %d %s", code, errs)
	}
	if code, _, errs := run("export", "--scenes", filepath.Join(dir, "none.json"), "--all-scenes", "-o", deck); code != cli.ExitUsage || !strings.Contains(errs, "--scenes") {
		t.Errorf("missing scenes file: exit %d %q", code, errs)
	}
	marks := annot.GeoJSON([]annot.Annotation{{Kind: annot.Line, Colour: annot.Colours[0], Width: 3, Points: []orb.Point{{106.3, 31.5}, {107.3, 32.3}}}})
	mb, _ := json.Marshal(marks)
	af := filepath.Join(dir, "marks.geojson")
	os.WriteFile(af, mb, 0o644)
	plain, marked := filepath.Join(dir, "plain.png"), filepath.Join(dir, "marked.png")
	run("export", "-o", plain, "--size", "480x320")
	if code, _, errs := run("export", "--annotations", af, "-o", marked, "--size", "480x320"); code != 0 {
		t.Fatalf("--annotations: exit %d %s", code, errs)
	}
	a, _ := os.ReadFile(plain)
	c, _ := os.ReadFile(marked)
	if bytes.Equal(a, c) {
		t.Error("the annotations did not change the map")
	}
}

// --as-of draws and lists the plan as it stood on a date.
func TestAsOf(t *testing.T) {
	dir := t.TempDir()
	stageOf := func(date string) string {
		t.Helper()
		code, out, errs := run("features", "--as-of", date, "--layers", "corridor")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var fc struct {
			Features []struct {
				Properties map[string]any `json:"properties"`
			} `json:"features"`
		}
		if err := json.Unmarshal([]byte(out), &fc); err != nil {
			t.Fatal(err)
		}
		for _, f := range fc.Features {
			if f.Properties["id"] == "banan_hsr_section" {
				if f.Properties["as_of"] != date || f.Properties["stage_at_adoption"] != "under_construction" {
					t.Errorf("as of %s: %v", date, f.Properties)
				}
				return f.Properties["stage"].(string)
			}
		}
		t.Fatal("no banan_hsr_section")
		return ""
	}
	if a, b := stageOf("2024-06-26"), stageOf("2024-06-28"); a != "under_construction" || b != "existing" {
		t.Errorf("巴南高铁: %s the day before opening, %s the day after", a, b)
	}
	before, after := filepath.Join(dir, "before.png"), filepath.Join(dir, "after.png")
	for date, path := range map[string]string{"2024-06-26": before, "2024-06-28": after} {
		if code, _, errs := run("export", "--as-of", date, "--layers", "corridor", "-o", path, "--size", "640x400"); code != 0 {
			t.Fatalf("export --as-of %s: exit %d %s", date, code, errs)
		}
	}
	a, _ := os.ReadFile(before)
	b, _ := os.ReadFile(after)
	if bytes.Equal(a, b) {
		t.Error("the map does not change across the opening date")
	}
	for _, bad := range []string{"2024-13", "yesterday", "24-06-27"} {
		if code, _, errs := run("export", "--as-of", bad, "-o", filepath.Join(dir, "x.png")); code != cli.ExitUsage || !strings.Contains(errs, "--as-of") {
			t.Errorf("--as-of %s: exit %d %q", bad, code, errs)
		}
		if code, _, _ := run("features", "--as-of", bad); code != cli.ExitUsage {
			t.Errorf("features --as-of %s: exit %d", bad, code)
		}
	}
}

// The implementation table on the command line: CSV, or a workbook.
func TestProgressCommand(t *testing.T) {
	code, out, errs := run("progress", "--as-of", "2024-06-28")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "\ufeff要素,") || !strings.Contains(out, "2024-06-27") {
		t.Errorf("CSV starts %.60q", out)
	}
	path := filepath.Join(t.TempDir(), "进展.xlsx")
	if code, out, errs := run("progress", "--lang", "en", "-o", path); code != 0 || !strings.Contains(out, "projects as of") {
		t.Fatalf("xlsx: exit %d %s %s", code, out, errs)
	}
	b, _ := os.ReadFile(path)
	if !bytes.HasPrefix(b, []byte("PK")) {
		t.Error("the workbook is not a zip")
	}
	if code, _, _ := run("progress", "--as-of", "June"); code != cli.ExitUsage {
		t.Errorf("bad date: exit %d", code)
	}
}
