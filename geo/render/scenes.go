package render

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/tdewolff/canvas/renderers/pdf"

	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/planatlas/planatlas/geo/guard"
	"github.com/planatlas/planatlas/geo/plan"
)

// PlanScene builds the render scene of a presentation scene: its layers,
// highlighted features and area, titled with the scene's name and captioned
// with its clauses and their lead titles.
func PlanScene(p *plan.Plan, ps plan.Scene, w, h int, dpi float64, lang string, th Theme, f Frame) *Scene {
	layers := map[plan.GroupID]bool{}
	for _, l := range ps.Layers {
		layers[l] = true
	}
	sel := map[string]bool{}
	for _, id := range ps.Highlight {
		sel[id] = true
	}
	var stages map[plan.Stage]bool
	if ps.Stage != "" {
		stages = map[plan.Stage]bool{ps.Stage: true}
	}
	return &Scene{Plan: p, Layers: layers, Stages: stages, Selected: sel, Lang: lang, Theme: th, Frame: f, AsOf: ps.AsOf,
		Title: ps.Name(lang), Subtitle: ps.CaptionIn(p.Doc, lang),
		View: FitView(ps.Bound(), w, h, dpi, f)}
}

// PDFDeck writes the scenes as one PDF, a page each (a meeting handout).
func PDFDeck(scenes []*Scene, w io.Writer) (err error) {
	defer guard.Recover(&err)
	if len(scenes) == 0 {
		return fmt.Errorf("render: no scenes")
	}
	scenes = sharedCache(scenes)
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
		if st, err := drawScene(s, p); err != nil {
			return fmt.Errorf("page %d: %w", i+1, err)
		} else {
			s.Tally.add(st.bmStats)
		}
		if err := s.cancelled(); err != nil {
			return err
		}
	}
	return r.Close()
}

// WriteScenes writes one scene to path, or several: as pages of one PDF,
// or as numbered PNG/SVG files (deck.png → deck-01.png, deck-02.png…).
// It returns the files written; each is written atomically.
func WriteScenes(scenes []*Scene, format, path string) ([]string, error) {
	scenes = sharedCache(scenes)
	if len(scenes) == 1 {
		return []string{path}, WriteFile(scenes[0], format, path)
	}
	if format == "pdf" {
		return []string{path}, atomicfile.Write(path, func(w io.Writer) error { return PDFDeck(scenes, w) })
	}
	ext := filepath.Ext(path)
	stem := strings.TrimSuffix(path, ext)
	var files []string
	for i, s := range scenes {
		f := fmt.Sprintf("%s-%02d%s", stem, i+1, ext)
		if err := WriteFile(s, format, f); err != nil {
			return files, err
		}
		files = append(files, f)
	}
	return files, nil
}

// sharedCache returns the scenes, those without a cache copied to share
// one new cache: a deck of one plan prepares it once, not once a page.
func sharedCache(scenes []*Scene) []*Scene {
	var c *Cache
	out := make([]*Scene, len(scenes))
	for i, s := range scenes {
		out[i] = s
		if s.Cache == nil {
			if c == nil {
				c = NewCache(0)
			}
			cp := *s
			cp.Cache = c
			out[i] = &cp
		}
	}
	return out
}
