package render_test

import (
	"bytes"
	"image"
	"image/color"
	"testing"

	"github.com/paulmach/orb"
	"github.com/tdewolff/font"

	"github.com/planatlas/planatlas/assets"
	"github.com/planatlas/planatlas/geo/annot"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/render"
)

// The shipped face has a glyph for every CJK ideograph of GBK, the Latin,
// Greek and Cyrillic a planner's layers may hold, and CJK punctuation.
func TestFontCoversGBKAndAlphabets(t *testing.T) {
	f, err := font.ParseSFNT(assets.FontRegular, 0)
	if err != nil {
		t.Fatal(err)
	}
	ranges := []struct {
		name   string
		lo, hi rune
	}{
		{"CJK Unified Ideographs of GBK", 0x4E00, 0x9FA5},
		{"ASCII", 0x20, 0x7E},
		{"Latin-1", 0xA1, 0xFF},
		{"Greek", 0x391, 0x3A9},
		{"Greek small", 0x3B1, 0x3C9},
		{"Cyrillic", 0x410, 0x44F},
		{"CJK punctuation", 0x3001, 0x3003},
		{"CJK brackets", 0x3008, 0x3011},
		{"full-width forms", 0xFF01, 0xFF5E},
	}
	for _, r := range ranges {
		var missing []rune
		for c := r.lo; c <= r.hi; c++ {
			if c == 0x3A2 { // no capital final sigma exists
				continue
			}
			if f.GlyphIndex(c) == 0 {
				missing = append(missing, c)
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s: %d characters without a glyph, first %q", r.name, len(missing), missing[0])
		}
	}
}

// rareNames are characters of Sichuan place names and others outside GB2312
// level 1 that vanished from exports with the subset font; 䶮 (CJK
// Extension A) is in no shipped face and must show as a box.
const rareNames = "犍筠珙邛崃郫濛岚邡旌岷鬱龘麤䶮"

// inkOf renders a single-character text annotation on an empty map and
// counts the pixels around it that differ from the map's background (the
// glyph and its halo; a dropped glyph leaves none).
func inkOf(t *testing.T, s string) (int, *image.RGBA) {
	t.Helper()
	sc := scene(t, cityView(t, 400, 300, 96))
	sc.Layers = map[plan.GroupID]bool{}
	sc.Frame = render.Frame{}
	ll := sc.View.LonLat(200, 150)
	sc.Annotations = []annot.Annotation{{ID: "t", Kind: annot.Text, Colour: annot.Colours[0], Width: 2, Points: []orb.Point{ll}, Text: s}}
	img, _ := render1(t, sc)
	bg := img.RGBAAt(0, 0)
	n := 0
	for y := 100; y < 200; y++ {
		for x := 140; x < 260; x++ {
			if c := img.RGBAAt(x, y); !near(c, color.NRGBA(bg), 30) {
				n++
			}
		}
	}
	return n, img
}

// Every rare character draws ink in an export, each its own glyph; the one
// no face has draws the font's box, not nothing.
func TestRareCharactersDraw(t *testing.T) {
	var box []byte
	_, boxImg := inkOf(t, "䶮")
	box = boxImg.Pix
	for _, r := range rareNames {
		n, img := inkOf(t, string(r))
		if n < 20 {
			t.Errorf("%c: %d pixels of ink: dropped", r, n)
		}
		if r != '䶮' && bytes.Equal(img.Pix, box) {
			t.Errorf("%c is drawn as the missing-glyph box", r)
		}
	}
}
