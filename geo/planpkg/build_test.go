package planpkg_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planatlas/planatlas/geo/planpkg"
)

// copySample copies the sample folder and applies edit to one of its files.
func copySample(t *testing.T, file string, edit func(string) string) string {
	t.Helper()
	dir := t.TempDir()
	entries, _ := os.ReadDir(sample)
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(sample, e.Name()))
		if e.Name() == file {
			b = []byte(edit(string(b)))
		}
		os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
	}
	return dir
}

// A planner's folder with mistakes: what is wrong is named, the rest built;
// a folder that cannot make a plan says why.
func TestBuildFolderProblems(t *testing.T) {
	tests := []struct {
		name, file string
		edit       func(string) string
		fatal      string // the error, when no plan can be built
		problem    string // a problem reported, the plan built
		features   int
	}{
		{"as given", "", nil, "", "", 13},
		{"no adoption date", "plan.json", func(s string) string {
			return strings.Replace(s, `"adopted": "2023-03-15"`, `"adopted": "March 2023"`, 1)
		}, "YYYY-MM-DD", "", 0},
		{"plan.json not JSON", "plan.json", func(s string) string { return s[:40] }, "not valid JSON", "", 0},
		{"text not UTF-8", "document.txt", func(s string) string { return s + "\xff\xfe" }, "UTF-8", "", 0},
		{"text with no articles", "document.txt", func(s string) string { return strings.ReplaceAll(s, "条", "项") }, "no articles", "", 0},
		{"a quote not in its article", "urban.geojson", func(s string) string {
			return strings.Replace(s, `"kind": "区域副中心"`, `"kind": "区域副中心", "quote": "这一句不在原文中。"`, 1)
		}, "", "not found verbatim", 12},
		{"an article that is not there", "transport.geojson", func(s string) string { return strings.Replace(s, `"第六条"`, `"第六十条"`, 1) }, "", `no section "第六十条"`, 12},
		{"an article written in figures", "transport.geojson", func(s string) string { return strings.Replace(s, `"第六条"`, `"第6条"`, 1) }, "", "", 13},
		{"no name", "urban.geojson", func(s string) string { return strings.Replace(s, `"name_zh": "苍溪县城"`, `"name_zh": ""`, 1) }, "", "name_zh: missing", 12},
		{"a file that is not GeoJSON", "transport.geojson", func(string) string { return "<kml/>" }, "", "not valid GeoJSON", 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := sample
			if tt.edit != nil {
				dir = copySample(t, tt.file, tt.edit)
			}
			p, problems, err := planpkg.BuildDir(dir)
			if tt.fatal != "" {
				if err == nil || !strings.Contains(err.Error(), tt.fatal) {
					t.Fatalf("err = %v, want %q", err, tt.fatal)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			all := errors.Join(problems...)
			if (tt.problem == "") != (all == nil) || (all != nil && !strings.Contains(all.Error(), tt.problem)) {
				t.Errorf("problems %v, want %q", all, tt.problem)
			}
			if n := len(p.Features()); n != tt.features {
				t.Errorf("%d features, want %d", n, tt.features)
			}
		})
	}
}
