package assets_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/tdewolff/font"

	"github.com/planatlas/planatlas/assets"
	"github.com/planatlas/planatlas/seeds"
)

// The bundled font has a glyph for every character of the decision and the
// plan layers, so no label or quote shows as a box.
func TestFontCoversPlanText(t *testing.T) {
	sfnt, err := font.ParseSFNT(assets.FontRegular, 0)
	if err != nil {
		t.Fatal(err)
	}
	// The whole face is 3.8 MB; a font twice that would be the collection
	// or its hinting bitmaps shipped by mistake.
	if len(assets.FontRegular) > 6<<20 {
		t.Errorf("font is %d bytes, want under 6 MiB", len(assets.FontRegular))
	}
	texts := []string{seeds.BuiltIn, "规划图册 图例 比例尺 示意 现状 在建 规划"}
	planDir := os.DirFS("plan")
	fs.WalkDir(planDir, ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(path, ".gpkg") {
			b, _ := fs.ReadFile(planDir, path)
			texts = append(texts, string(b))
		}
		return nil
	})
	missing := map[rune]bool{}
	for _, s := range texts {
		for _, r := range s {
			if r >= 0x0370 && sfnt.GlyphIndex(r) == 0 {
				missing[r] = true
			}
		}
	}
	if len(missing) > 0 {
		var b strings.Builder
		for r := range missing {
			b.WriteRune(r)
		}
		t.Errorf("no glyph for %q: run `go generate ./assets/...`", b.String())
	}
}

// The font names its family: tdewolff/canvas numbers a nameless font from
// an unsynchronised package counter, a data race when two renders with
// their own caches load it at once, and a PDF would embed it as "f0".
func TestFontIsNamed(t *testing.T) {
	sfnt, err := font.ParseFont(assets.FontRegular, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []font.NameID{1, 4, 6} {
		if rs := sfnt.Name.Get(id); len(rs) == 0 || !strings.Contains(rs[0].String(), "WenQuanYi") {
			t.Errorf("name %d: %v", id, rs)
		}
	}
}

func TestLicencesShip(t *testing.T) {
	for _, a := range append(assets.Attributions, assets.PlaceAttribution, assets.FontAttribution) {
		if a.Zh == "" || a.En == "" {
			t.Errorf("attribution %+v lacks a line", a)
		}
		if a.File == "" {
			continue
		}
		b, err := fs.ReadFile(assets.Licenses, a.File)
		if err != nil || len(b) < 1000 {
			t.Errorf("licence %s: %d bytes, %v", a.File, len(b), err)
		}
	}
}
