package annot_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/planatlas/planatlas/geo/annot"
)

// GDAL (ogrinfo, Debian's gdal-bin; CI installs it) reads the annotations'
// GeoJSON with the geometry each kind should have.
func TestAnnotationsOpenInOGR(t *testing.T) {
	ogrinfo, err := exec.LookPath("ogrinfo")
	if err != nil {
		t.Skip("ogrinfo not installed (apt-get install gdal-bin)")
	}
	path := filepath.Join(t.TempDir(), "批注.geojson")
	b, _ := json.Marshal(annot.GeoJSON(sample()))
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(ogrinfo, "-ro", "-al", "-geom=SUMMARY", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo: %v\n%s", err, out)
	}
	got := regexp.MustCompile(`(?m)^\s+(LINESTRING|POLYGON|POINT)\b`).FindAllStringSubmatch(string(out), -1)
	want := []string{"LINESTRING", "LINESTRING", "LINESTRING", "LINESTRING", "POLYGON", "POLYGON", "POINT", "POINT"}
	if len(got) != len(want) {
		t.Fatalf("ogrinfo read %d geometries, want %d:\n%s", len(got), len(want), out)
	}
	for i, g := range got {
		if g[1] != want[i] {
			t.Errorf("feature %d (%s): ogrinfo reads %s, want %s", i, sample()[i].Kind, g[1], want[i])
		}
	}
	for _, field := range []string{"kind (String)", "colour (String)", "width_mm (Real)", "text (String)"} {
		if !regexp.MustCompile(regexp.QuoteMeta(field)).Match(out) {
			t.Errorf("ogrinfo lists no field %s", field)
		}
	}
}
