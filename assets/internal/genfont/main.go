// Command genfont extracts WenQuanYi Micro Hei (Apache-2.0), face 0 of
// Debian's fonts-wqy-microhei collection, as one TrueType face with every
// glyph it has: all of GBK's ideographs (U+4E00–U+9FA5) and its
// compatibility ideographs, Latin, Greek, Cyrillic, CJK punctuation and
// full-width forms, so that any planner's place names draw. Fyne 2.7 cannot
// load a collection, hence the extraction. It checks that every character
// used in the project's text files is in the face, and names the face
// (the extracted name table comes out empty). Run it through `go generate
// ./assets/...` with fonts-wqy-microhei installed.
package main

import (
	"encoding/binary"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf16"

	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/tdewolff/font"
)

func main() {
	in := flag.String("in", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "WenQuanYi Micro Hei collection")
	root := flag.String("root", "..", "project folder whose text files are checked for characters")
	out := flag.String("out", "fonts/wqy-microhei.ttf", "TrueType face to write")
	flag.Parse()
	b, err := os.ReadFile(*in)
	if err != nil {
		fail(fmt.Errorf("%w (install Debian's fonts-wqy-microhei)", err))
	}
	sfnt, err := font.ParseSFNT(b, 0) // 0: WenQuanYi Micro Hei (1 is the monospaced face)
	if err != nil {
		fail(err)
	}
	// Every character the project's texts use must be in the face.
	missing := map[rune]bool{}
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
				if r >= 0x2E80 && r != 0xFFFD && r < 0xE000 && sfnt.GlyphIndex(r) == 0 {
					missing[r] = true
				}
			}
		}
		return nil
	})
	if err != nil {
		fail(err)
	}
	// The face is written whole, table by table (tdewolff/font's Subset
	// empties .notdef, the box a character no face has must show as).
	// Left out: the vertical metrics (labels are set horizontally),
	// FontForge's timestamp, and the 49,531 glyph names of post (format 3:
	// none; 530 KB).
	face := sfnt
	for _, tag := range []string{"vhea", "vmtx", "FFTM"} {
		delete(face.Tables, tag)
	}
	if post := face.Tables["post"]; len(post) >= 32 {
		p3 := append([]byte{0, 3, 0, 0}, post[4:32]...)
		face.Tables["post"] = p3
	}
	// A font without a family name makes tdewolff/canvas number it from an
	// unsynchronised package counter (a data race when two renders load
	// the font at once), and a PDF would embed it as "f0". Name it.
	face.Tables["name"] = nameTable([][3]any{
		{uint16(0x0409), uint16(1), "WenQuanYi Micro Hei"},
		{uint16(0x0409), uint16(2), "Regular"},
		{uint16(0x0409), uint16(4), "WenQuanYi Micro Hei"},
		{uint16(0x0409), uint16(6), "WenQuanYiMicroHei"},
		{uint16(0x0804), uint16(1), "文泉驿微米黑"},
		{uint16(0x0804), uint16(4), "文泉驿微米黑"},
	})
	if err := atomicfile.WriteFile(*out, reproducible(face.Write())); err != nil {
		fail(err)
	}
	fmt.Printf("genfont: %d glyphs → %s", face.NumGlyphs(), *out)
	if len(missing) > 0 {
		var m []string
		for r := range missing {
			m = append(m, string(r))
		}
		sort.Strings(m)
		fmt.Printf(" (used in the project's texts but not in the font, drawn as a box: %s)", strings.Join(m, ""))
	}
	fmt.Println()
}

// reproducible sets the head table's modified date, which tdewolff/font
// writes as now, to the face's creation date, and computes the checksums
// again, so that generating twice gives the same file.
func reproducible(b []byte) []byte {
	n := int(binary.BigEndian.Uint16(b[4:]))
	for i := 0; i < n; i++ {
		rec := b[12+16*i:]
		if string(rec[:4]) != "head" {
			continue
		}
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		head := b[off : off+length]
		copy(head[28:36], head[20:28])                 // modified = created
		binary.BigEndian.PutUint32(head[8:], 0)        // checkSumAdjustment, while summing
		binary.BigEndian.PutUint32(rec[4:], sum(head)) // the table's checksum
		binary.BigEndian.PutUint32(head[8:], 0xB1B0AFBA-sum(b))
	}
	return b
}

// sum is the OpenType checksum: the big-endian uint32s of b, padded with
// zeros, added.
func sum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
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
