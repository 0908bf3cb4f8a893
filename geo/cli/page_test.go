package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// export -o atlas.html writes the atlas as one web page, of the built-in
// plan or of a package (--plan), and says what a page does not take.
func TestExportWebPage(t *testing.T) {
	dir := t.TempDir()
	pkg := filepath.Join(dir, "gy.gpkg")
	if code, _, errs := run("plan", "build", "../planpkg/testdata/guangyuan", "-o", pkg); code != 0 {
		t.Fatalf("plan build: %s", errs)
	}
	tests := []struct {
		args []string
		want []string // in the page
		not  []string
	}{
		{[]string{"-o", filepath.Join(dir, "atlas.html")}, []string{`"lang":"zh"`, "巴中恩阳机场", "<title>"}, nil},
		{[]string{"-o", filepath.Join(dir, "atlas-en.htm"), "--lang", "en", "--theme", "dark", "--layers", "base,county"}, []string{`"lang":"en"`, `"theme":"dark"`}, nil},
		{[]string{"-o", filepath.Join(dir, "gy.html"), "--plan", pkg}, []string{"广元市国土空间规划实施要点"}, []string{"巴中"}},
	}
	for _, tt := range tests {
		code, out, errs := run(append([]string{"export"}, tt.args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tt.args, code, errs)
		}
		if !strings.Contains(out, "web page") {
			t.Errorf("%v said %q", tt.args, out)
		}
		b, err := os.ReadFile(tt.args[1])
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		if !strings.HasPrefix(page, "<!DOCTYPE html>") {
			t.Errorf("%s is not an HTML page", tt.args[1])
		}
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %q", tt.args[1], w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(page, w) {
				t.Errorf("%s says %q", tt.args[1], w)
			}
		}
		if len(b) > 5<<20 {
			t.Errorf("%s is %.1f MB", tt.args[1], float64(len(b))/(1<<20))
		}
	}
	// An online base map the planner names goes in, and the page says so
	// and lets its server through; a key or a file does not.
	osm := filepath.Join(dir, "osm.html")
	if code, _, errs := run("export", "-o", osm, "--basemap", "osm"); code != 0 {
		t.Fatalf("--basemap osm: %s", errs)
	}
	b, _ := os.ReadFile(osm)
	if !strings.Contains(string(b), "img-src data: blob: https://tile.openstreetmap.org;") || !strings.Contains(string(b), `"host":"tile.openstreetmap.org"`) {
		t.Error("the page with OSM does not let its server through or say it")
	}
	for _, bad := range [][]string{
		{"--basemap", "tianditu-vec"},
		{"--basemap", "https://example.org/{z}/{x}/{y}.png?tk=secret"},
		{"--basemap", "../../geo/basemap/testdata/world.png"},
		{"--scene", "corridors"},
	} {
		code, _, errs := run(append([]string{"export", "-o", filepath.Join(dir, "x.html")}, bad...)...)
		if code == 0 || !strings.Contains(errs, "page") {
			t.Errorf("%v: exit %d, %q", bad, code, errs)
		}
		if _, err := os.Stat(filepath.Join(dir, "x.html")); err == nil {
			t.Errorf("%v left a page", bad)
		}
	}
}
