package cli_test

import (
	"bytes"
	"database/sql"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

func TestExportWithBasemap(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir) // tiles cached in the test's own folder
	t.Setenv("HOME", dir)
	decode := func(path string) image.Image {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	box := []string{"--size", "600x400", "--bbox", "106.5,31.7,107.0,32.0", "--no-legend", "--no-title"}
	plain := filepath.Join(dir, "plain.png")
	if code, _, errs := run(append([]string{"export", "-o", plain}, box...)...); code != 0 {
		t.Fatal(errs)
	}
	withTIF := filepath.Join(dir, "tif.png")
	if code, _, errs := run(append([]string{"export", "-o", withTIF, "--basemap", "../basemap/testdata/rgb-deflate-tiled.tif", "--basemap-opacity", "0.8"}, box...)...); code != 0 {
		t.Fatal(errs)
	}
	a, b := decode(plain), decode(withTIF)
	// The picture covers the box; the 600×400 view is larger than the box,
	// and beyond the picture the map is as without it. Sample inside it.
	diff := 0
	for y := 40; y < 250; y += 10 {
		for x := 120; x < 420; x += 10 {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if r1>>8 != r2>>8 || g1>>8 != g2>>8 || b1>>8 != b2>>8 {
				diff++
			}
		}
	}
	if diff < 380 { // labels, lines and symbols are drawn over it
		t.Errorf("only %d of 630 sampled pixels inside the picture changed with a base map", diff)
	}

	// A tile address: the script's choice to go online (here, loopback).
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		img := image.NewRGBA(image.Rect(0, 0, 256, 256))
		for i := range img.Pix {
			img.Pix[i] = 200
		}
		img.Set(0, 0, color.RGBA{255, 0, 0, 255})
		var buf bytes.Buffer
		png.Encode(&buf, img)
		w.Header().Set("Content-Type", "image/png")
		w.Write(buf.Bytes())
	}))
	defer srv.Close()
	online := filepath.Join(dir, "online.pdf")
	code, _, errs := run(append([]string{"export", "-o", online, "--basemap", srv.URL + "/{z}/{x}/{y}.png", "--basemap-grey"}, box...)...)
	if code != 0 || hits.Load() == 0 {
		t.Fatalf("exit %d after %d requests: %s", code, hits.Load(), errs)
	}
	if b, _ := os.ReadFile(online); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Error("no PDF written")
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--basemap", filepath.Join(dir, "missing.mbtiles")}, "missing.mbtiles"},
		{[]string{"--basemap", "../basemap/testdata/truncated.tif"}, "TIFF"},
		{[]string{"--basemap", "../basemap/testdata/rgb.mbtiles", "--basemap-opacity", "0"}, "opacity"},
		{[]string{"--basemap", "https://example.invalid/tiles.png?key=abcdefabcdefabcdef"}, "{z}"},
	} {
		code, _, errs := run(append([]string{"export", "-o", filepath.Join(dir, "x.png")}, tc.args...)...)
		if code == 0 || !strings.Contains(errs, tc.want) || strings.Contains(errs, "abcdefabcdefabcdef") {
			t.Errorf("%v: exit %d, %q; want a failure naming %q", tc.args, code, errs, tc.want)
		}
	}
}

// An MBTiles (written by GDAL) with some corrupt tiles exports a map, the
// bad tiles blank, with a warning that says how many in the planner's
// language; one with every tile corrupt fails, saying why.
func TestExportWithBadTiles(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../basemap/testdata/rgb.mbtiles")
	if err != nil {
		t.Fatal(err)
	}
	some, all := filepath.Join(dir, "some.mbtiles"), filepath.Join(dir, "all.mbtiles")
	os.WriteFile(some, src, 0o644)
	os.WriteFile(all, src, 0o644)
	for path, where := range map[string]string{some: "WHERE rowid % 2 = 0", all: ""} {
		db, err := sql.Open("sqlite", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		// A PNG signature and then nothing: "not enough pixel data".
		if _, err := db.Exec(`UPDATE tiles SET tile_data = x'89504e470d0a1a0a0000000d49484452' ` + where); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
	box := []string{"--size", "600x400", "--bbox", "106.5,31.7,107.0,32.0"}
	out := filepath.Join(dir, "map.png")
	code, stdout, errs := run(append([]string{"export", "-o", out, "--basemap", some}, box...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "张底图瓦片无法读取") || !strings.Contains(stdout, "map.png") {
		t.Errorf("stdout %q, stderr %q: want the map and a warning", stdout, errs)
	}
	code, _, errs = run(append([]string{"export", "-o", out, "--basemap", some, "--lang", "en"}, box...)...)
	if code != 0 || !strings.Contains(errs, "could not be read") {
		t.Errorf("English: exit %d, %q", code, errs)
	}
	code, _, errs = run(append([]string{"export", "-o", filepath.Join(dir, "none.png"), "--basemap", all}, box...)...)
	if code == 0 {
		t.Errorf("every tile corrupt: the export succeeded (%s)", errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "none.png")); err == nil {
		t.Error("a failed export left a file")
	}
}

// A big GeoTIFF without overviews has them built on the first export
// (GDAL's .ovr beside it), which says so; the next export uses them.
func TestExportBuildsOverviews(t *testing.T) {
	if _, err := exec.LookPath("gdal_translate"); err != nil {
		t.Skip("gdal_translate not installed")
	}
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir)
	big := filepath.Join(dir, "scan.tif")
	if out, err := exec.Command("gdal_translate", "-q", "-outsize", "6000", "4500", "-co", "TILED=YES", "-co", "COMPRESS=DEFLATE",
		"../basemap/testdata/rgb-lzw-strips.tif", big).CombinedOutput(); err != nil {
		t.Fatalf("gdal_translate: %v %s", err, out)
	}
	out := filepath.Join(dir, "map.png")
	code, _, errs := run("export", "-o", out, "--size", "800x600", "--basemap", big)
	if code != 0 || !strings.Contains(errs, "已为 scan.tif 建立金字塔") {
		t.Fatalf("first export: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(big + ".ovr"); err != nil {
		t.Fatalf("no overviews beside the file: %v", err)
	}
	code, _, errs = run("export", "-o", out, "--size", "800x600", "--basemap", big, "--lang", "en")
	if code != 0 || strings.Contains(errs, "overviews") {
		t.Errorf("second export: exit %d, %q; want the overviews used, not built again", code, errs)
	}
}
