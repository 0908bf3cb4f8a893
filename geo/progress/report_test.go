package progress_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/planatlas/planatlas/geo/progress"
	"github.com/planatlas/planatlas/geo/render"
)

// The report: a title page, then a section per part of the decision whose
// table holds exactly the projects of that part; the PDF has a page per
// part plus the title page, embeds its font, and (read back by poppler's
// pdftotext where installed) says what the tables hold.
func TestReport(t *testing.T) {
	p := load(t)
	rep := progress.Report(p, "2026-11", "zh")
	if len(rep.Sections) != len(p.Doc.Parts) {
		t.Fatalf("%d sections for %d parts", len(rep.Sections), len(p.Doc.Parts))
	}
	rows := progress.Table(p, "2026-11")
	n := 0
	for i, sec := range rep.Sections {
		want := 0
		for _, r := range rows {
			if r.Part == p.Doc.Parts[i].Num {
				want++
			}
		}
		if len(sec.Rows) != want {
			t.Errorf("part %s: %d rows, want %d", p.Doc.Parts[i].Num, len(sec.Rows), want)
		}
		n += len(sec.Rows)
		if sec.Map == nil || sec.Map.AsOf != "2026-11" {
			t.Errorf("part %s: no map as of the date", p.Doc.Parts[i].Num)
		}
	}
	if n != len(rows) {
		t.Errorf("the sections hold %d rows, the table %d", n, len(rows))
	}
	var b bytes.Buffer
	if err := render.WriteReportPDF(&b, rep); err != nil {
		t.Fatal(err)
	}
	pdf := b.Bytes()
	// A page for the title and each part with projects; the parts with
	// none follow on the page before (they were nearly empty pages).
	withRows := 0
	for _, sec := range rep.Sections {
		if len(sec.Rows) > 0 {
			withRows++
		}
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	if pages < withRows+1 || pages >= len(p.Doc.Parts)+1+2 {
		t.Errorf("%d pages for %d parts, %d of them with projects", pages, len(p.Doc.Parts), withRows)
	}
	if !bytes.Contains(pdf, []byte("/FontFile2")) {
		t.Error("the font is not embedded")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	os.WriteFile(path, pdf, 0o644)
	out, err := exec.Command(pdftotext, path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), "")
	for _, want := range []string{"实施进展报告", "巴万高速", "2021-01-01", "全线通车", "万源市人民政府", "2024-06-27", "未找到公开信息", "本部分没有在地图上的具体项目"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not say %q", want)
		}
	}
	// Every source is cited whole, link and all, in the notes under its table.
	for _, r := range rows {
		if r.Source.Link != "" && !strings.Contains(text, r.Source.Link) {
			t.Errorf("%s: the report does not give its source's link %s", r.ID, r.Source.Link)
		}
	}
}
