package planpkg_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/planatlas/planatlas/geo/planpkg"
)

// The second plan built from its text as a Word document (written by
// pandoc) and as a GBK web page with a navigation bar and a script has the
// same parts and articles, word for word, as built from document.txt, and
// every feature's quote is found.
func TestBuildFromDocxAndHTML(t *testing.T) {
	src := "testdata/guangyuan"
	want, problems, err := planpkg.BuildDir(src)
	if err != nil || len(problems) > 0 {
		t.Fatalf("from the .txt: %v %v", err, problems)
	}
	for _, doc := range []string{"guangyuan.docx", "guangyuan.html"} {
		t.Run(doc, func(t *testing.T) {
			dir := t.TempDir()
			entries, _ := os.ReadDir(src)
			for _, e := range entries {
				if e.Name() == "document.txt" {
					continue
				}
				b, _ := os.ReadFile(filepath.Join(src, e.Name()))
				os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644)
			}
			b, err := os.ReadFile(filepath.Join("testdata/documents", doc))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, "document"+filepath.Ext(doc)), b, 0o644)
			got, problems, err := planpkg.BuildDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				t.Error(p)
			}
			if got.Doc.Layout != want.Doc.Layout || len(got.Doc.Parts) != len(want.Doc.Parts) || len(got.Doc.Clauses) != len(want.Doc.Clauses) {
				t.Fatalf("%s layout, %d parts, %d articles; want %s, %d, %d", got.Doc.Layout, len(got.Doc.Parts), len(got.Doc.Clauses),
					want.Doc.Layout, len(want.Doc.Parts), len(want.Doc.Clauses))
			}
			for i, c := range want.Doc.Clauses {
				g := got.Doc.Clauses[i]
				if g.Num != c.Num || g.Label != c.Label || g.Title != c.Title || g.Text != c.Text || g.Section != c.Section {
					t.Errorf("article %s:\n got %q\nwant %q", c.Num, g.Text, c.Text)
				}
			}
			for i, p := range want.Doc.Parts {
				g := got.Doc.Parts[i]
				if g.Num != p.Num || g.Title != p.Title || !reflect.DeepEqual(g.Clauses, p.Clauses) {
					t.Errorf("part %s: %+v, want %+v", p.Num, g, p)
				}
			}
			if len(got.Features()) != len(want.Features()) {
				t.Errorf("%d features, want %d", len(got.Features()), len(want.Features()))
			}
			for _, f := range want.Features() {
				g, ok := got.Feature(f.ID)
				if !ok || len(g.Quotes) != len(f.Quotes) {
					t.Errorf("%s: quotes %v, want %v", f.ID, g, f.Quotes)
				}
			}
		})
	}
}

// Documents that are not what they say are refused with the reason.
func TestReadDocumentRefuses(t *testing.T) {
	for _, tt := range []struct {
		name string
		b    []byte
		want string
	}{
		{"x.docx", []byte("not a zip"), "not a Word document"},
		{"x.txt", []byte{0xff, 0xfe, 0x00, 0x41}, "not UTF-8"},
	} {
		_, err := planpkg.ReadDocument(tt.name, tt.b)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}
