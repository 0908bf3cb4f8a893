package render

import (
	"fmt"
	"io"

	"github.com/tdewolff/canvas/renderers/pdf"

	"github.com/planatlas/planatlas/geo/plan"
)

// PlanScene builds the render scene of a presentation scene: its layers,
// highlighted features and area, titled with the scene's name and captioned
// with its clauses and their lead titles.
func PlanScene(p *plan.Plan, ps plan.Scene, w, h int, dpi float64, lang string, th Theme, f Frame) *Scene {
	layers := map[string]bool{}
	for _, l := range ps.Layers {
		layers[l] = true
	}
	sel := map[string]bool{}
	for _, id := range ps.Highlight {
		sel[id] = true
	}
	return &Scene{Plan: p, Layers: layers, Selected: sel, Lang: lang, Theme: th, Frame: f,
		Title: ps.Name(lang), Subtitle: ps.Caption(p.Doc),
		View: FitView(ps.Bound(), w, h, dpi, f)}
}

// PDFDeck writes the scenes as one PDF, a page each (a meeting handout).
func PDFDeck(scenes []*Scene, w io.Writer) error {
	if len(scenes) == 0 {
		return fmt.Errorf("render: no scenes")
	}
	var r *pdf.PDF
	for i, s := range scenes {
		mmpp := s.View.MMPerPixel()
		wmm, hmm := float64(s.View.Width)*mmpp, float64(s.View.Height)*mmpp
		if i == 0 {
			r = pdf.New(w, wmm, hmm, nil)
			r.SetInfo("规划图册 Plan Atlas", "", "", "", "Plan Atlas")
		} else {
			r.NewPage(wmm, hmm)
		}
		p := newPainter(s, r, true)
		p.pdfAlpha = true
		if _, err := drawScene(s, p); err != nil {
			return fmt.Errorf("page %d: %w", i+1, err)
		}
	}
	return r.Close()
}
