// Command genfont subsets WenQuanYi Micro Hei (Apache-2.0) to the characters
// Plan Atlas needs: ASCII and Latin-1, common punctuation and symbols, the
// 3,755 characters of GB2312 level 1, and every character used in the
// project's text files (the decision, the gazetteer, the plan layers and the
// interface strings). Run it through `go generate ./assets/...` with
// Debian's fonts-wqy-microhei installed.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/tdewolff/font"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/planatlas/planatlas/geo/formats"
)

func main() {
	in := flag.String("in", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "WenQuanYi Micro Hei collection")
	root := flag.String("root", "..", "project folder whose text files are scanned for characters")
	out := flag.String("out", "fonts/wqy-microhei-subset.ttf", "subset font to write")
	flag.Parse()
	b, err := os.ReadFile(*in)
	if err != nil {
		fail(fmt.Errorf("%w (install Debian's fonts-wqy-microhei)", err))
	}
	sfnt, err := font.ParseSFNT(b, 0) // 0: WenQuanYi Micro Hei (1 is the monospaced face)
	if err != nil {
		fail(err)
	}
	runes := map[rune]bool{}
	used := map[rune]bool{} // characters the project's texts use
	addRange := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			runes[r] = true
		}
	}
	addRange(0x20, 0x7E)     // ASCII
	addRange(0xA0, 0xFF)     // Latin-1
	addRange(0x0400, 0x045F) // Cyrillic (sources: Russian Wikipedia)
	addRange(0x2000, 0x200A) // spaces (em, en, thin…)
	addRange(0x2010, 0x2044) // dashes, quotes, bullets, ‰, ′ ″
	addRange(0x2190, 0x2199) // arrows
	addRange(0x2460, 0x2473) // ① … ⑳
	addRange(0x25A0, 0x25CF) // squares, triangles, circles
	addRange(0x2605, 0x2606) // ★ ☆
	addRange(0x3000, 0x303F) // CJK punctuation
	addRange(0xFF01, 0xFF5E) // full-width forms
	// GB2312 level 1: rows 16–55 (bytes 0xB0–0xD7, 0xA1–0xFE).
	dec := simplifiedchinese.GBK.NewDecoder()
	for hi := 0xB0; hi <= 0xD7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			s, err := dec.Bytes([]byte{byte(hi), byte(lo)})
			if err == nil {
				for _, r := range string(s) {
					if r != 0xFFFD {
						runes[r] = true
					}
				}
			}
		}
	}
	err = filepath.WalkDir(*root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		switch filepath.Ext(path) {
		case ".go", ".txt", ".csv", ".geojson", ".json", ".md", ".toml":
			text, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, r := range string(text) {
				if r >= 0x2E80 && r != 0xFFFD {
					runes[r], used[r] = true, true
				}
			}
		}
		return nil
	})
	if err != nil {
		fail(err)
	}
	list := make([]rune, 0, len(runes))
	for r := range runes {
		list = append(list, r)
	}
	sort.Slice(list, func(i, j int) bool { return list[i] < list[j] })
	glyphs := []uint16{0}
	seen := map[uint16]bool{0: true}
	var missing []string
	for _, r := range list {
		g := sfnt.GlyphIndex(r)
		if g == 0 {
			if used[r] {
				missing = append(missing, string(r))
			}
			continue
		}
		if !seen[g] {
			seen[g] = true
			glyphs = append(glyphs, g)
		}
	}
	sub, err := sfnt.Subset(glyphs, font.SubsetOptions{Tables: font.KeepMinTables})
	if err != nil {
		fail(err)
	}
	// The subset's name table comes out empty; a font without a family
	// name makes tdewolff/canvas number it from an unsynchronised package
	// counter (a data race when two renders load the font at once), and a
	// PDF would embed it as "f0". Name it.
	sub.Tables["name"] = nameTable([][3]any{
		{uint16(0x0409), uint16(1), "WenQuanYi Micro Hei"},
		{uint16(0x0409), uint16(2), "Regular"},
		{uint16(0x0409), uint16(4), "WenQuanYi Micro Hei"},
		{uint16(0x0409), uint16(6), "WenQuanYiMicroHei"},
		{uint16(0x0804), uint16(1), "文泉驿微米黑"},
		{uint16(0x0804), uint16(4), "文泉驿微米黑"},
	})
	if err := formats.WriteFileAtomic(*out, sub.Write()); err != nil {
		fail(err)
	}
	fmt.Printf("genfont: %d characters, %d glyphs → %s", len(list), len(glyphs), *out)
	if len(missing) > 0 {
		fmt.Printf(" (not in the font: %s)", strings.Join(missing, ""))
	}
	fmt.Println()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "genfont:", err)
	os.Exit(1)
}

// nameTable builds an OpenType name table (format 0) of Windows Unicode
// records {language, name id, text}, sorted as the format asks.
func nameTable(records [][3]any) []byte {
	sort.Slice(records, func(i, j int) bool {
		a, b := records[i], records[j]
		if a[0].(uint16) != b[0].(uint16) {
			return a[0].(uint16) < b[0].(uint16)
		}
		return a[1].(uint16) < b[1].(uint16)
	})
	var head, strs []byte
	u16 := func(b []byte, v uint16) []byte { return append(b, byte(v>>8), byte(v)) }
	head = u16(head, 0)
	head = u16(head, uint16(len(records)))
	head = u16(head, uint16(6+12*len(records)))
	for _, r := range records {
		var text []byte
		for _, c := range utf16.Encode([]rune(r[2].(string))) {
			text = u16(text, c)
		}
		head = u16(head, 3) // Windows
		head = u16(head, 1) // Unicode BMP
		head = u16(head, r[0].(uint16))
		head = u16(head, r[1].(uint16))
		head = u16(head, uint16(len(text)))
		head = u16(head, uint16(len(strs)))
		strs = append(strs, text...)
	}
	return append(head, strs...)
}
