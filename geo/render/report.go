package render

import (
	"fmt"
	"image"
	"image/color"
	"io"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/pdf"
)

// Report is a printed report: a title page with a map, then a section per
// part, each with its lines of text, a map and a table. WriteReportPDF
// lays it out on A4 pages with the bundled font embedded.
type Report struct {
	Title    string
	Subtitle string
	Summary  []string // lines under the title
	// Counts is a small table under the summary (the projects by stage):
	// rows of a label and a number.
	Counts   [][2]string
	Cover    *Scene // the title page's map; drawn as an image
	Sections []ReportSection
	Footer   string // on every page, with the page number
}

// ReportSection is one part of a report.
type ReportSection struct {
	Title  string
	Lines  []string // under the title (a part's clauses)
	Map    *Scene   // drawn as an image
	Head   []string // the table's column heads
	Rows   [][]string
	Widths []float64 // column widths, mm (sum within the text width)
	Empty  string    // said instead of an empty table
	Notes  []string  // under the table: the sources in full, numbered as the table cites them
}

// Page geometry, millimetres.
const (
	pageW, pageH = 210.0, 297.0
	margin       = 15.0
	textW        = pageW - 2*margin
)

// reportDPI is the resolution of a report's maps.
const reportDPI = 200

// reportMap draws s as an image w×h mm at reportDPI, showing the area of
// s's view.
func reportMap(s *Scene, wmm, hmm float64) (*image.RGBA, error) {
	c := *s
	w, h := int(wmm/25.4*reportDPI), int(hmm/25.4*reportDPI)
	c.View = FitView(s.View.Bound(), w, h, reportDPI, c.Frame)
	img, _, err := Image(&c)
	return img, err
}

// WriteReportPDF writes the report as an A4 PDF.
func WriteReportPDF(w io.Writer, rep Report) error {
	cache := NewCache(0)
	fam, err := cache.family()
	if err != nil {
		return err
	}
	ink := color.RGBA{0x20, 0x20, 0x20, 0xFF}
	muted := color.RGBA{0x60, 0x60, 0x60, 0xFF}
	face := func(pt float64, c color.RGBA) *canvas.FontFace {
		return fam.Face(pt, c, canvas.FontRegular, canvas.FontNormal)
	}
	r := pdf.New(w, pageW, pageH, nil)
	r.SetInfo(rep.Title, rep.Subtitle, "", "", "规划图册 Plan Atlas")
	page := 0
	var cv *canvas.Canvas
	var ctx *canvas.Context
	y := 0.0 // distance from the top of the text area, mm
	newPage := func() {
		if cv != nil {
			cv.RenderTo(r)
			r.NewPage(pageW, pageH)
		}
		page++
		cv = canvas.New(pageW, pageH)
		ctx = canvas.NewContext(cv)
		y = 0
		if rep.Footer != "" {
			ft := canvas.NewTextBox(face(7, muted), fmt.Sprintf("%s · %d", rep.Footer, page), textW, 0, canvas.Right, canvas.Top, nil)
			ctx.DrawText(margin, margin-2, ft)
		}
	}
	// text puts a wrapped paragraph at the cursor and moves it down.
	text := func(s string, f *canvas.FontFace, width, x, gap float64) {
		t := canvas.NewTextBox(f, s, width, 0, canvas.Left, canvas.Top, nil)
		ctx.DrawText(margin+x, pageH-margin-y, t)
		y += t.Bounds().H() + gap
	}
	drawMap := func(s *Scene, h float64) error {
		img, err := reportMap(s, textW, h)
		if err != nil {
			return err
		}
		ctx.DrawImage(margin, pageH-margin-y-h, img, canvas.DPI(reportDPI))
		ctx.SetFillColor(canvas.Transparent)
		ctx.SetStrokeColor(muted)
		ctx.SetStrokeWidth(0.2)
		ctx.DrawPath(margin, pageH-margin-y-h, canvas.Rectangle(textW, h))
		y += h + 4
		return nil
	}
	newPage()
	text(rep.Title, face(17, ink), textW, 0, 3)
	text(rep.Subtitle, face(10, muted), textW, 0, 4)
	for _, l := range rep.Summary {
		text(l, face(9, ink), textW, 0, 1.2)
	}
	if len(rep.Counts) > 0 {
		y += 1.5
		for i, c := range rep.Counts {
			top := pageH - margin - y
			if i%2 == 0 {
				ctx.SetFillColor(color.RGBA{0xF2, 0xF2, 0xF2, 0xFF})
				ctx.SetStrokeColor(canvas.Transparent)
				ctx.DrawPath(margin, top-5, canvas.Rectangle(70, 5))
			}
			ctx.DrawText(margin+1, top-0.9, canvas.NewTextBox(face(8.5, ink), c[0], 50, 0, canvas.Left, canvas.Top, nil))
			ctx.DrawText(margin+51, top-0.9, canvas.NewTextBox(face(8.5, ink), c[1], 18, 0, canvas.Right, canvas.Top, nil))
			y += 5
		}
	}
	y += 3
	if rep.Cover != nil {
		if err := drawMap(rep.Cover, 150); err != nil {
			return err
		}
	}
	for i, sec := range rep.Sections {
		// A part with nothing on the map is a few lines: it follows the
		// one before on its page when there is room (three nearly empty
		// pages were a page each, with a map of nothing).
		if i == 0 || len(sec.Rows) > 0 || y > pageH-2*margin-60 {
			newPage()
		} else {
			y += 6
		}
		text(sec.Title, face(14, ink), textW, 0, 2.5)
		for _, l := range sec.Lines {
			text(l, face(8, muted), textW, 0, 0.8)
		}
		y += 2
		if sec.Map != nil && len(sec.Rows) > 0 {
			if err := drawMap(sec.Map, 95); err != nil {
				return err
			}
		}
		if len(sec.Rows) == 0 {
			if sec.Empty != "" {
				text(sec.Empty, face(8, muted), textW, 0, 1)
			}
			continue
		}
		var row func(cells []string, f *canvas.FontFace, shade bool)
		head := func() { row(sec.Head, face(7, ink), true) }
		row = func(cells []string, f *canvas.FontFace, shade bool) {
			var boxes []*canvas.Text
			h := 0.0
			for i, c := range cells {
				t := canvas.NewTextBox(f, c, sec.Widths[i]-1.5, 0, canvas.Left, canvas.Top, nil)
				boxes = append(boxes, t)
				if b := t.Bounds().H(); b > h {
					h = b
				}
			}
			h += 1.6
			if y+h > pageH-2*margin-4 {
				newPage()
				if !shade {
					head() // a table that goes on has its heads again
				}
			}
			top := pageH - margin - y
			if shade {
				ctx.SetFillColor(color.RGBA{0xEC, 0xEC, 0xEC, 0xFF})
				ctx.SetStrokeColor(canvas.Transparent)
				ctx.DrawPath(margin, top-h, canvas.Rectangle(textW, h))
			}
			x := margin
			for i, t := range boxes {
				ctx.DrawText(x+0.75, top-0.8, t)
				x += sec.Widths[i]
			}
			ctx.SetFillColor(canvas.Transparent)
			ctx.SetStrokeColor(color.RGBA{0xC8, 0xC8, 0xC8, 0xFF})
			ctx.SetStrokeWidth(0.15)
			ctx.MoveTo(margin, top-h)
			ctx.LineTo(margin+textW, top-h)
			ctx.Stroke()
			y += h
		}
		head()
		for _, cells := range sec.Rows {
			row(cells, face(6.5, ink), false)
		}
		y += 2
		for _, n := range sec.Notes {
			t := canvas.NewTextBox(face(6, muted), n, textW, 0, canvas.Left, canvas.Top, nil)
			if y+t.Bounds().H() > pageH-2*margin-4 {
				newPage()
			}
			ctx.DrawText(margin, pageH-margin-y, t)
			y += t.Bounds().H() + 0.6
		}
	}
	cv.RenderTo(r)
	return r.Close()
}
