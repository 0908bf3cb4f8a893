package cli_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb/geojson"

	"github.com/planatlas/planatlas/geo/cli"
	"github.com/planatlas/planatlas/seeds"
)

func run(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = cli.Run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestClauses(t *testing.T) {
	code, out, errs := run("clauses")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var d cli.DocumentJSON
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Parts) != 10 || len(d.Clauses) != 31 {
		t.Fatalf("%d parts, %d clauses; want 10, 31", len(d.Parts), len(d.Clauses))
	}
	if d.Clauses[10].Num != "十一" || d.Clauses[10].Part != "四" || d.Clauses[10].Title != "拓展外向战略性大通道" {
		t.Errorf("clause 11 = %+v", d.Clauses[10])
	}
	if d.Parts[5].Num != "六" || d.Parts[5].Title != "联动建设渠江生态廊道" {
		t.Errorf("part 6 = %+v", d.Parts[5])
	}
	for _, c := range d.Clauses {
		if !strings.Contains(seeds.BuiltIn+"\n", "\n("+c.Num+")"+c.Text+"\n") {
			t.Errorf("clause %s text is not a verbatim paragraph of the seed", c.Num)
		}
	}
	for _, s := range []string{d.Title, d.Preamble, d.Adoption, d.Source} {
		if s == "" || !strings.Contains(seeds.BuiltIn, s) {
			t.Errorf("%q is not in the seed", s)
		}
	}
}

func TestFeatures(t *testing.T) {
	code, out, errs := run("features")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	fc, err := geojson.UnmarshalFeatureCollection([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]*geojson.Feature{}
	for _, f := range fc.Features {
		ids[f.Properties.MustString("id")] = f
		for _, k := range []string{"id", "name_zh", "name_en", "layer", "kind", "stage", "precision", "clauses", "quote", "status_since", "source"} {
			if _, ok := f.Properties[k]; !ok {
				t.Errorf("feature %v lacks %s", f.Properties["id"], k)
			}
		}
	}
	fh, err := os.Open("../../assets/source/gazetteer.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, _ := csv.NewReader(fh).ReadAll()
	for _, r := range recs[1:] {
		if _, ok := ids[r[0]]; !ok {
			t.Errorf("gazetteer id %s missing from features", r[0])
		}
	}
	if f := ids["enyang_airport"]; f == nil || f.Properties.MustString("stage_verb") == "" {
		t.Errorf("enyang_airport lacks its verb")
	}
	// A cross-checked point carries its second source and the distance;
	// a cited status its reliability and date.
	if f := ids["city_chengdu"]; f == nil || !strings.Contains(f.Properties.MustString("check_source"), "GeoNames") ||
		f.Properties.MustFloat64("check_km", -1) < 0 || f.Properties.MustFloat64("check_km", -1) > 2 {
		t.Errorf("city_chengdu: check_source %v, check_km %v", f.Properties["check_source"], f.Properties["check_km"])
	}
	if f := ids["banan_hsr_section"]; f == nil || f.Properties.MustString("status_reliability") != "news" ||
		f.Properties.MustString("status_date") != "2024-06-27" {
		t.Errorf("banan_hsr_section: reliability %v, date %v", f.Properties["status_reliability"], f.Properties["status_date"])
	}
}

func TestFeaturesToFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.geojson")
	if code, _, errs := run("features", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := geojson.UnmarshalFeatureCollection(b); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left %d files in the folder, want 1", len(entries))
	}
}

func TestUnwritableOutputKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	// A path inside a missing folder cannot be written.
	code, out, errs := run("features", "-o", filepath.Join(dir, "missing", "plan.geojson"))
	if code != cli.ExitUsage || out != "" || !strings.Contains(errs, "cannot write") || strings.Count(errs, "\n") != 1 {
		t.Errorf("exit %d, stderr %q; want exit 2 and a one-line error", code, errs)
	}
	// A read-only folder: the old file stays and no temporary file is left.
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o755)
	old := filepath.Join(ro, "plan.geojson")
	os.WriteFile(old, []byte("old"), 0o644)
	os.Chmod(ro, 0o555)
	defer os.Chmod(ro, 0o755)
	if os.Geteuid() == 0 {
		t.Log("running as root: permissions are not enforced, skipping the read-only folder case")
		return
	}
	if code, _, _ := run("features", "-o", old); code != cli.ExitUsage {
		t.Errorf("exit %d, want 2", code)
	}
	if b, _ := os.ReadFile(old); string(b) != "old" {
		t.Errorf("old file changed to %.20q", b)
	}
	if entries, _ := os.ReadDir(ro); len(entries) != 1 {
		t.Errorf("%d files in the folder, want 1", len(entries))
	}
}

func TestBadArguments(t *testing.T) {
	tests := [][]string{{"nonsense"}, {"features", "--bogus"}, {"clauses", "-o"}}
	for _, args := range tests {
		if code, _, errs := run(args...); code != cli.ExitUsage || errs == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, errs)
		}
	}
	if code, out, _ := run("help"); code != 0 || !strings.Contains(out, "features") {
		t.Errorf("help: exit %d, %q", code, out)
	}
}

func TestFeaturesFormats(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"plan.kml", "plan.gpkg", "roads.geojson"} {
		args := []string{"features", "-o", filepath.Join(dir, name)}
		if name == "roads.geojson" {
			args = append(args, "--layers", "network")
		}
		if code, _, errs := run(args...); code != 0 {
			t.Fatalf("%s: exit %d %s", name, code, errs)
		}
	}
	kml, _ := os.ReadFile(filepath.Join(dir, "plan.kml"))
	if !bytes.Contains(kml, []byte("<kml")) || !bytes.Contains(kml, []byte("巴万高速")) {
		t.Error("plan.kml lacks KML or the plan's names")
	}
	// Sources in the KML are citations (publisher, date, link), not the
	// gazetteer's storage form.
	for _, want := range []string{"复核来源：GeoNames《populated place", "来源：新华社 (szb.ycfbapp.com 转载)《巴南高铁开通运营》2024-06-28 https://szb.ycfbapp.com/"} {
		if !bytes.Contains(kml, []byte(want)) {
			t.Errorf("plan.kml lacks %q", want)
		}
	}
	if bytes.Contains(kml, []byte("||")) {
		t.Error("plan.kml has a citation in storage form (publisher||date|link)")
	}
	gpkg, _ := os.ReadFile(filepath.Join(dir, "plan.gpkg"))
	if !bytes.HasPrefix(gpkg, []byte("SQLite format 3\x00")) {
		t.Error("plan.gpkg is not SQLite")
	}
	roads, _ := geojson.UnmarshalFeatureCollection(mustRead(t, filepath.Join(dir, "roads.geojson")))
	if roads == nil || len(roads.Features) != 4 {
		t.Errorf("network layer export has %v features, want 4", roads)
	}
	if code, _, errs := run("features", "--format", "shp"); code != cli.ExitUsage || !strings.Contains(errs, "unknown format") {
		t.Errorf("unknown format: %d %q", code, errs)
	}
}

func mustRead(t *testing.T, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// -h prints each command's flags on standard output and exits 0.
func TestHelpFlag(t *testing.T) {
	for _, cmd := range []string{"export", "features", "clauses"} {
		var out, errs bytes.Buffer
		code := cli.Run([]string{cmd, "-h"}, &out, &errs)
		if code != 0 || !strings.Contains(out.String(), "usage: planatlas "+cmd) || !strings.Contains(out.String(), "-o FILE") || errs.Len() != 0 {
			t.Errorf("%s -h: exit %d, stdout %q, stderr %q", cmd, code, out.String(), errs.String())
		}
	}
}
