package render

import (
	"bufio"
	"compress/flate"
	"fmt"
	"image"
	"image/draw"
	"io"
	"runtime"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/pdf"
	"github.com/tdewolff/canvas/renderers/svg"

	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/guard"
)

// Result tells what a draw placed where, for hit-testing and tests.
type Result struct {
	// Points maps the id of each drawn point symbol to its pixel position
	// (symbols sharing a place are fanned out around it).
	Points map[string][2]float64
	// Labels maps the id of each placed label to its box (x0, y0, x1, y1) in pixels.
	Labels map[string][4]float64
	// Visible lists the ids of the features drawn, in draw order.
	Visible []string
	// Legend is the legend's box in pixels, zero when there is none.
	Legend [4]float64
	// Basemap tells what the base maps drew (tiles missing offline, on
	// their way); BasemapErr is a base map's failure, the rest drawn.
	Basemap    basemap.Stats
	BasemapErr error
}

func result(st *frameState, fl *frameLayout) *Result {
	r := &Result{Points: map[string][2]float64{}, Labels: map[string][4]float64{},
		Legend:  [4]float64{st.legend.x0, st.legend.y0, st.legend.x1, st.legend.y1},
		Basemap: st.bmStats, BasemapErr: st.bmErr}
	for id, p := range st.points {
		r.Points[id] = [2]float64{p[0], p[1]}
	}
	for _, l := range st.labels {
		r.Labels[l.id] = [4]float64{l.x, l.y, l.x + l.w, l.y + l.h}
	}
	for _, pr := range st.visible {
		r.Visible = append(r.Visible, pr.id)
	}
	for _, vis := range st.overlayVisible {
		for _, pr := range vis {
			r.Visible = append(r.Visible, pr.id)
		}
	}
	return r
}

// Raster draws the scene into dst, which must be View.Width × View.Height.
//
// A fault in the drawing (on any of its goroutines) is returned as a
// *guard.PanicError, never raised: a planner's odd file costs a frame or
// an export, not the app.
func Raster(s *Scene, dst *image.RGBA) (res *Result, err error) {
	defer guard.Recover(&err)
	s = s.withCache()
	if dst.Bounds().Dx() != s.View.Width || dst.Bounds().Dy() != s.View.Height {
		return nil, fmt.Errorf("render: image is %v, view is %dx%d", dst.Bounds().Size(), s.View.Width, s.View.Height)
	}
	pal := s.Theme.Palette()
	draw.Draw(dst, dst.Bounds(), image.NewUniform(pal.Background), image.Point{}, draw.Src)
	// The scene is recorded, then replayed in horizontal bands on all cores.
	mmpp := s.View.MMPerPixel()
	rec := &recorder{w: float64(s.View.Width) * mmpp, h: float64(s.View.Height) * mmpp}
	p := newPainter(s, rec, false)
	p.raster, p.img = true, dst
	st, err := drawScene(s, p)
	if err != nil {
		return nil, err
	}
	bands := runtime.GOMAXPROCS(0)
	if bands > 4 {
		bands = 4
	}
	if s.View.Width*s.View.Height < 300_000 {
		bands = 1
	}
	rec.replay(dst, s.View.DPI, bands, s.cancelled)
	if err := s.cancelled(); err != nil {
		return nil, err
	}
	if st.bmErr != nil && !s.BasemapNoWait {
		return nil, st.bmErr // an export does not leave its base map out quietly
	}
	s.Tally.add(st.bmStats)
	return result(st, nil), nil
}

// Image draws the scene into a new image of the view's size.
func Image(s *Scene) (*image.RGBA, *Result, error) {
	if s.View.Width <= 0 || s.View.Height <= 0 || s.View.Width*s.View.Height > 200e6 {
		return nil, nil, fmt.Errorf("render: image size %dx%d out of range", s.View.Width, s.View.Height)
	}
	img := image.NewRGBA(image.Rect(0, 0, s.View.Width, s.View.Height))
	r, err := Raster(s, img)
	return img, r, err
}

func newPainter(s *Scene, r canvas.Renderer, vector bool) *painter {
	mmpp := s.View.MMPerPixel()
	return &painter{cache: s.Cache, plan: s.Plan, r: r, mmpp: mmpp, hmm: float64(s.View.Height) * mmpp, vector: vector}
}

// PNG writes the scene as a PNG image.
func PNG(s *Scene, w io.Writer) (err error) {
	defer guard.Recover(&err)
	img, _, err := Image(s)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(ctxWriter{w, s}, 1<<20)
	if err := encodePNG(bw, img, flate.BestSpeed); err != nil {
		return err
	}
	return bw.Flush()
}

// ctxWriter fails once the scene's context is done, so encoding stops.
type ctxWriter struct {
	w io.Writer
	s *Scene
}

func (c ctxWriter) Write(b []byte) (int, error) {
	if err := c.s.cancelled(); err != nil {
		return 0, err
	}
	return c.w.Write(b)
}

// SVG writes the scene as SVG, with labels as text in the embedded
// (subset) Chinese font.
func SVG(s *Scene, w io.Writer) (err error) {
	defer guard.Recover(&err)
	s = s.withCache()
	mmpp := s.View.MMPerPixel()
	opts := svg.DefaultOptions
	opts.SubsetFonts = true
	r := svg.New(w, float64(s.View.Width)*mmpp, float64(s.View.Height)*mmpp, &opts)
	if st, err := drawScene(s, newPainter(s, r, true)); err != nil {
		return err
	} else if st.bmErr != nil {
		return st.bmErr
	} else {
		s.Tally.add(st.bmStats)
	}
	return r.Close()
}

// PDF writes the scene as a one-page PDF, with the Chinese font embedded
// (subset) and labels as text.
func PDF(s *Scene, w io.Writer) (err error) {
	defer guard.Recover(&err)
	s = s.withCache()
	mmpp := s.View.MMPerPixel()
	r := pdf.New(w, float64(s.View.Width)*mmpp, float64(s.View.Height)*mmpp, nil)
	p := newPainter(s, r, true)
	p.pdfAlpha = true
	if st, err := drawScene(s, p); err != nil {
		return err
	} else if st.bmErr != nil {
		return st.bmErr
	} else {
		s.Tally.add(st.bmStats)
	}
	return r.Close()
}

// WriteFile draws the scene to path as png, svg or pdf, atomically: the
// file appears whole or not at all, and an existing file is replaced only
// when the new one is complete.
func WriteFile(s *Scene, format, path string) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		switch format {
		case "svg":
			return SVG(s, w)
		case "pdf":
			return PDF(s, w)
		case "png":
			return PNG(s, w)
		}
		return fmt.Errorf("unknown format %q", format)
	})
}
