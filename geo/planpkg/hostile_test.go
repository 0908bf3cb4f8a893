package planpkg_test

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/planatlas/planatlas/geo/planpkg"
)

const sample = "testdata/guangyuan"

// samplePackage writes the test sample as a package and returns its path.
func samplePackage(t testing.TB) string {
	t.Helper()
	p, problems, err := planpkg.BuildDir(sample)
	if err != nil || len(problems) > 0 {
		t.Fatalf("%v %v", err, problems)
	}
	path := filepath.Join(t.TempDir(), "sample.gpkg")
	if err := planpkg.Write(path, p); err != nil {
		t.Fatal(err)
	}
	return path
}

// edit changes a copy of the package with SQL.
func edit(t *testing.T, path string, stmts ...string) string {
	t.Helper()
	b, _ := os.ReadFile(path)
	out := filepath.Join(t.TempDir(), "edited.gpkg")
	os.WriteFile(out, b, 0o644)
	db, err := sql.Open("sqlite", "file:"+out)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return out
}

// Damaged and hostile packages open with what can be used and a report,
// or are refused with a message in the planner's language: never a crash,
// never memory by what a header claims.
func TestHostilePackages(t *testing.T) {
	good := samplePackage(t)
	tests := []struct {
		name     string
		stmts    []string
		refused  string // a word of the Chinese message when refused
		features int    // features kept when opened
		problem  string // a word of a problem reported
	}{
		{"intact", nil, "", 13, ""},
		{"no document table", []string{`DROP TABLE planatlas_document`}, "不是规划包", 0, ""},
		{"no text", []string{`DELETE FROM planatlas_document WHERE key = 'text'`}, "没有原文", 0, ""},
		{"newer format", []string{`UPDATE planatlas_document SET value = '"2.0"' WHERE key = 'format'`}, "请更新", 0, ""},
		{"newer minor format", []string{`UPDATE planatlas_document SET value = '"1.7"' WHERE key = 'format'`}, "", 13, ""},
		{"huge text", []string{`UPDATE planatlas_document SET value = '"' || hex(zeroblob(5000000)) || '"' WHERE key = 'text'`}, "过大", 0, ""},
		{"title of the wrong type", []string{`UPDATE planatlas_document SET value = '42' WHERE key = 'title'`}, "没有标题", 0, ""},
		{"subtitle of the wrong type", []string{`UPDATE planatlas_document SET value = '[1,2]' WHERE key = 'subtitle'`}, "", 13, "subtitle"},
		{"quote not in the text", []string{`UPDATE planatlas_links SET quote = '这句话不在原文里。' WHERE feature_id = 'cangxi_seat'`}, "", 13, "not found verbatim"},
		{"reference to no section", []string{`UPDATE plan_urban SET clauses = '["第九十九条"]' WHERE id = 'wangcang_seat'`}, "", 13, "第九十九条"},
		{"broken geometry", []string{`UPDATE plan_urban SET geom = x'4750000108000000ffff' WHERE id = 'cangxi_seat'`}, "", 12, "cangxi_seat"},
		{"NaN coordinate", []string{`UPDATE plan_urban SET geom = x'47500001e61000000101000000000000000000f87f0000000000004040' WHERE id = 'cangxi_seat'`}, "", 12, "cangxi_seat"},
		{"unknown kind", []string{`UPDATE plan_urban SET kind = '飞碟' WHERE id = 'cangxi_seat'`}, "", 12, "飞碟"},
		{"event without a source", []string{`UPDATE planatlas_events SET source = ''`}, "", 13, "no source"},
		{"event without a date", []string{`UPDATE planatlas_events SET date = 'soon'`}, "", 13, "no date"},
		{"feature table missing", []string{`DROP TABLE plan_transport`}, "", 12, "plan_transport"},
		{"columns of the wrong type", []string{`UPDATE plan_urban SET name_zh = x'00ff00', clauses = 7, properties = '[]' WHERE id = 'cangxi_seat'`}, "", 13, "properties"},
		{"scene naming nothing", []string{`UPDATE planatlas_scenes SET scene = '{"id":"x","name_zh":"x","clauses":["第九十条"],"layers":["base"],"bbox":[105,31,106,32]}' WHERE ord = 1`}, "", 13, "第九十条"},
		{"kinds table missing", []string{`DROP TABLE planatlas_kinds`}, "损坏", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := good
			if tt.stmts != nil {
				path = edit(t, good, tt.stmts...)
			}
			p, problems, err := planpkg.Open(path)
			if tt.refused != "" {
				if err == nil {
					t.Fatal("opened")
				}
				if msg := planpkg.Message(err, "zh"); !strings.Contains(msg, tt.refused) {
					t.Errorf("said %q, want %q", msg, tt.refused)
				}
				if msg := planpkg.Message(err, "en"); msg == planpkg.Message(err, "zh") {
					t.Errorf("no English message: %q", msg)
				}
				return
			}
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if n := len(p.Features()); n != tt.features {
				t.Errorf("%d features kept, want %d", n, tt.features)
			}
			all := errors.Join(problems...)
			if tt.problem == "" && all != nil {
				t.Errorf("problems: %v", all)
			}
			if tt.problem != "" && (all == nil || !strings.Contains(all.Error(), tt.problem)) {
				t.Errorf("problems %v, want one naming %q", all, tt.problem)
			}
			for _, f := range p.Features() {
				for _, q := range f.Quotes {
					if !p.Doc.Contains(q.Ref, q.Text) {
						t.Errorf("%s keeps a quote not in %s", f.ID, q.Ref)
					}
				}
			}
		})
	}
}

// Files that are not packages at all.
func TestNotPackages(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		return p
	}
	good := samplePackage(t)
	whole, _ := os.ReadFile(good)
	for _, tt := range []struct {
		name, path, want string
	}{
		{"text", write("a.gpkg", []byte("hello")), "不是 GeoPackage"},
		{"empty", write("b.gpkg", nil), "不是 GeoPackage"},
		{"cut in half", write("c.gpkg", whole[:len(whole)/2]), ""},
		{"header only", write("d.gpkg", whole[:100]), ""},
		{"folder", dir, "文件夹"},
		{"missing", filepath.Join(dir, "none.gpkg"), "找不到"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, _, err := planpkg.Open(tt.path)
			if err == nil {
				if p == nil {
					t.Fatal("no plan and no error")
				}
				return // a cut file may still hold a readable plan: then it opens
			}
			if msg := planpkg.Message(err, "zh"); tt.want != "" && !strings.Contains(msg, tt.want) {
				t.Errorf("said %q, want %q", msg, tt.want)
			}
		})
	}
}

// A text over the limit (9 MB of 。) is refused, having cost memory in
// proportion to the file, not more.
func TestLargeTextBounded(t *testing.T) {
	good := samplePackage(t)
	big := edit(t, good, `UPDATE planatlas_document SET value = json_quote(json_extract(value, '$') || replace(hex(zeroblob(3000000)), '00', '。')) WHERE key = 'text'`)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, _, err := planpkg.Open(big)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(planpkg.Message(err, "zh"), "过大") {
		t.Errorf("a 9 MB text: %v", err)
	}
	if grew := int64(after.TotalAlloc - before.TotalAlloc); grew > 1<<30 {
		t.Errorf("opening a 9 MB text allocated %d MB", grew>>20)
	}
}
