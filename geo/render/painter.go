package render

import (
	"fmt"
	"github.com/tdewolff/canvas/text"
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"github.com/tdewolff/canvas"

	"github.com/planatlas/planatlas/geo/plan"
)

// painter draws in pixel coordinates (x right, y down, origin top-left) on
// a tdewolff/canvas renderer that works in millimetres with y up. Sizes of
// strokes and text are given in millimetres of the output, so a map keeps
// its look at any DPI.
type painter struct {
	cache  *Cache
	plan   *plan.Plan // the plan drawn (its central city has its own symbol)
	r      canvas.Renderer
	mmpp   float64     // millimetres per pixel
	hmm    float64     // output height in millimetres
	vector bool        // SVG/PDF: draw text as text (selectable, searchable)
	raster bool        // drawing to pixels: strokes are cached as outlines
	img    *image.RGBA // raster target: text is composited from cached masks
	ox, oy float64     // world-pixel position of the view's top-left corner

	// pdfAlpha works around tdewolff/canvas's PDF writer, which keeps one
	// opacity for fills and strokes and skips setting a paint equal to the
	// last one: after a translucent paint, the next opaque stroke of a
	// colour used before would inherit the translucency.
	pdfAlpha bool
}

// render passes a path to the renderer (and, for PDF, resets the paint
// state after translucent paint; see pdfAlpha).
func (p *painter) render(path *canvas.Path, st canvas.Style, m canvas.Matrix) {
	p.r.RenderPath(path, st, m)
	if p.pdfAlpha && ((st.HasFill() && st.Fill.Color.A < 255) || (st.HasStroke() && st.Stroke.Color.A < 255)) {
		reset := canvas.DefaultStyle
		reset.Fill = canvas.Paint{Color: color.RGBA{1, 2, 3, 255}}
		reset.Stroke = canvas.Paint{Color: color.RGBA{3, 2, 1, 255}}
		reset.StrokeWidth = 0.001
		dot := &canvas.Path{}
		dot.MoveTo(-10, -10)
		dot.LineTo(-10.001, -10)
		dot.LineTo(-10, -10.001)
		dot.Close()
		p.r.RenderPath(dot, reset, canvas.Identity)
	}
}

// worldMatrix maps world pixels (feature paths) into the renderer's space.
func (p *painter) worldMatrix() canvas.Matrix {
	return p.matrix().Translate(-p.ox, -p.oy)
}

// fillMap fills a feature path given in world pixels.
func (p *painter) fillMap(path *canvas.Path, c color.NRGBA) { p.fillWith(path, c, p.worldMatrix()) }

// strokeMap strokes a feature path given in world pixels. The raster
// painter strokes once per zoom and reuses the outline (see drawCache);
// vector painters keep real strokes and dashes.
func (p *painter) strokeMap(pr *prepared, path *canvas.Path, s stroke) {
	if path.Empty() || s.color.A == 0 || s.width <= 0 {
		return
	}
	st := p.strokeStyle(s)
	if !p.raster {
		p.render(path, st, p.worldMatrix())
		return
	}
	key := fmt.Sprint(s.width, s.dashes, s.round, p.mmpp)
	outline := func() *canvas.Path {
		return pr.stroked(path, key, func() *canvas.Path {
			var dashes []float64
			if len(st.Dashes) > 0 {
				_, dashes = canvas.ScaleDash(st.StrokeWidth, 0, st.Dashes)
			}
			if q, ok := outlineStroke(path, st.StrokeWidth, dashes, st.StrokeJoiner, s.round); ok {
				return q
			}
			q := path
			if len(dashes) > 0 {
				q = q.Dash(0, dashes...)
			}
			return q.Stroke(st.StrokeWidth, st.StrokeCapper, st.StrokeJoiner, 0.05)
		})
	}
	fs := canvas.DefaultStyle
	fs.Fill = st.Stroke
	if rec, ok := p.r.(*recorder); ok && !p.pdfAlpha {
		if q, ok := pr.cachedStroke(path, key); ok {
			p.render(q, fs, p.worldMatrix())
			return
		}
		rec.lazy(outline, fs, p.worldMatrix()) // made with the frame's others, in parallel
		return
	}
	p.render(outline(), fs, p.worldMatrix())
}

// px converts millimetres of the output to pixels.
func (p *painter) px(mm float64) float64 { return mm / p.mmpp }

func paint(c color.NRGBA) canvas.Paint {
	r, g, b, a := c.RGBA()
	return canvas.Paint{Color: color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}}
}

// matrix maps pixel space into the renderer's millimetre space.
func (p *painter) matrix() canvas.Matrix {
	return canvas.Identity.Translate(0, p.hmm).Scale(p.mmpp, -p.mmpp)
}

// stroke describes how a line is drawn; widths and dashes in millimetres.
type stroke struct {
	color  color.NRGBA
	width  float64
	dashes []float64
	round  bool
}

// fill fills a path given in view pixels.
func (p *painter) fill(path *canvas.Path, c color.NRGBA) { p.fillWith(path, c, p.matrix()) }

// fillWith fills a path (even–odd) through matrix m.
func (p *painter) fillWith(path *canvas.Path, c color.NRGBA, m canvas.Matrix) {
	if path.Empty() || c.A == 0 {
		return
	}
	st := canvas.DefaultStyle
	st.Fill = paint(c)
	st.FillRule = canvas.EvenOdd
	p.render(path, st, m)
}

func (p *painter) stroke(path *canvas.Path, s stroke) {
	if path.Empty() || s.color.A == 0 || s.width <= 0 {
		return
	}
	p.render(path, p.strokeStyle(s), p.matrix())
}

// strokeStyle converts a stroke in millimetres to a canvas style in pixels.
func (p *painter) strokeStyle(s stroke) canvas.Style {
	st := canvas.DefaultStyle
	st.Fill = canvas.Paint{}
	st.Stroke = paint(s.color)
	st.StrokeWidth = s.width / p.mmpp // in path units (pixels) before the matrix scales them
	// Round joins cost arcs at every vertex (a third of a new scale's
	// frame went into them); a map's lines bend gently between vertices,
	// so a miter (bevelled past 4× the width) draws the same: 88–291 of
	// 2 M pixels differ by over 5 % on the whole-city and zoomed maps.
	st.StrokeJoiner = canvas.BevelJoin
	if s.width >= 1.2 {
		st.StrokeJoiner = canvas.MiterJoin
	}
	if s.round {
		st.StrokeCapper = canvas.RoundCap
	} else {
		st.StrokeCapper = canvas.ButtCap
	}
	if len(s.dashes) > 0 {
		// tdewolff/canvas scales dashes by the stroke width.
		d := make([]float64, len(s.dashes))
		for i, v := range s.dashes {
			d[i] = v / s.width
		}
		st.Dashes = d
	}
	return st
}

// fonts is the bundled font family, parsed once per cache.
type fonts struct {
	once   sync.Once
	family *canvas.FontFamily
	err    error
}

// family returns the bundled font family, parsing it the first time.
func (c *Cache) family() (*canvas.FontFamily, error) {
	c.font.once.Do(func() {
		c.font.family = canvas.NewFontFamily("WenQuanYi Micro Hei")
		c.font.err = c.font.family.LoadFont(fontData(), 0, canvas.FontRegular)
	})
	return c.font.family, c.font.err
}

// Label strings are shaped to glyph outlines once per face and text, and
// rasterised once per text, size, halo and pixel size: the cache keeps
// both, so a redraw does not convert or scan glyphs again.
type textKey struct {
	size float64
	s    string
}

type shapedText struct {
	width, ascent float64 // mm
	descent       float64 // mm
	glyphs        []text.Glyph

	size    float64
	s       string
	once    sync.Once
	outline *canvas.Path // outline in mm, baseline at y=0, y up: made when a vector output asks
}

// path is the text's outline, made the first time it is asked for: raster
// output draws glyph masks (glyphs.go) and needs only the metrics.
func (st *shapedText) path(c *Cache) *canvas.Path {
	st.once.Do(func() {
		st.outline = &canvas.Path{}
		fam, err := c.family()
		if err != nil {
			return
		}
		face := fam.Face(st.size, color.Black, canvas.FontRegular, canvas.FontNormal)
		if p, _, err := face.ToPath(st.s); err == nil {
			st.outline = p
		}
	})
	return st.outline
}

func (c *Cache) shape(size float64, s string) *shapedText {
	k := textKey{size, s}
	if v, ok := c.get(k); ok {
		return v.(*shapedText)
	}
	fam, err := c.family()
	if err != nil {
		return &shapedText{outline: &canvas.Path{}, size: size, s: s}
	}
	face := fam.Face(size, color.Black, canvas.FontRegular, canvas.FontNormal)
	m := face.Metrics()
	glyphs := face.Glyphs(s)
	adv := int32(0)
	for _, g := range glyphs {
		adv += g.XAdvance
	}
	st := &shapedText{width: face.MmPerEm * float64(adv), ascent: m.Ascent, descent: m.Descent, glyphs: glyphs, size: size, s: s}
	// The outline, when made, is about 40 bytes a point; a CJK glyph has ~40.
	return c.add(k, st, int64(len(s))*600+96, nil).(*shapedText)
}

// measure returns a text's width and height (ascent + descent) in pixels.
func (p *painter) measure(size float64, s string) (w, h float64) {
	st := p.cache.shape(size, s)
	return p.px(st.width), p.px(st.ascent + st.descent)
}

// text draws s with its top-left corner at (x, y) pixels, size in points,
// with a halo of halo mm around the glyphs (0 for none).
func (p *painter) text(x, y float64, size float64, s string, c, haloColor color.NRGBA, halo float64) {
	if s == "" {
		return
	}
	if p.img != nil {
		p.rasterText(x, y, size, s, c, haloColor, halo)
		return
	}
	st := p.cache.shape(size, s)
	// Baseline position in mm (y up).
	bx := x * p.mmpp
	by := p.hmm - y*p.mmpp - st.ascent
	m := canvas.Identity.Translate(bx, by)
	if halo > 0 && haloColor.A > 0 {
		hs := canvas.DefaultStyle
		hs.Fill = paint(haloColor)
		hs.Stroke = paint(haloColor)
		hs.StrokeWidth = halo
		hs.StrokeJoiner = canvas.RoundJoin
		p.render(st.path(p.cache), hs, m)
	}
	if p.vector {
		fam, err := p.cache.family()
		if err == nil {
			face := fam.Face(size, color.RGBA(paint(c).Color), canvas.FontRegular, canvas.FontNormal)
			p.r.RenderText(canvas.NewTextLine(face, s, canvas.Left), m)
			return
		}
	}
	fs := canvas.DefaultStyle
	fs.Fill = paint(c)
	p.render(st.path(p.cache), fs, m)
}

// textMask is a label rasterised once: the glyphs' and the halo's coverage.
type textMask struct {
	glyphs, halo *image.Alpha
	dx, dy       int // offset of the masks' origin from the text's top-left corner, pixels
}

// bytes estimates the heap a mask takes.
func (m *textMask) bytes() int64 {
	n := int64(len(m.glyphs.Pix)) + 128
	if m.halo != nil {
		n += int64(len(m.halo.Pix))
	}
	return n
}

type maskKey struct {
	size, halo, mmpp float64
	s                string
}

// rasterText composites a label from masks cached per text, size, halo and
// pixel size: glyph outlines are converted and scanned once, not every frame.
func (p *painter) rasterText(x, y, size float64, s string, c, haloColor color.NRGBA, halo float64) {
	if haloColor.A == 0 {
		halo = 0
	}
	k := maskKey{size, halo, p.mmpp, s}
	var m *textMask
	if v, ok := p.cache.get(k); ok {
		m = v.(*textMask)
	}
	op := func(dst *image.RGBA, _ int) {
		ox, oy := int(math.Round(x))+m.dx, int(math.Round(y))+m.dy
		if m.halo != nil {
			r := m.halo.Bounds().Add(image.Pt(ox, oy))
			draw.DrawMask(dst, r, image.NewUniform(haloColor), image.Point{}, m.halo, image.Point{}, draw.Over)
		}
		r := m.glyphs.Bounds().Add(image.Pt(ox, oy))
		draw.DrawMask(dst, r, image.NewUniform(c), image.Point{}, m.glyphs, image.Point{}, draw.Over)
	}
	build := func() {
		st := p.cache.shape(size, s) // shaped here, in order: the shaper is not shared across goroutines
		prep := func() {
			m = p.makeMask(st, halo)
			p.cache.add(k, m, m.bytes(), nil)
		}
		if rec, ok := p.r.(*recorder); ok {
			rec.directLazy(prep, op) // made with the frame's other lazy work, on all cores
			return
		}
		prep()
		op(p.img, 0)
	}
	if m == nil {
		build()
		return
	}
	if rec, ok := p.r.(*recorder); ok {
		rec.direct(op) // in order with the shapes around it, replayed per band
		return
	}
	op(p.img, 0)
}

// makeMask rasterises a shaped label and its halo (halo mm, 0 for none).
func (p *painter) makeMask(st *shapedText, halo float64) *textMask {
	margin := int(math.Ceil(p.px(halo))) + 2
	w := int(math.Ceil(p.px(st.width))) + 2*margin
	h := int(math.Ceil(p.px(st.ascent+st.descent))) + 2*margin
	tm := &textMask{glyphs: p.glyphText(st, w, h, float64(margin), float64(margin)+p.px(st.ascent)), dx: -margin, dy: -margin}
	if halo > 0 {
		// As far as the stroke of width halo that the vector outputs draw
		// reaches: half of it past the outline (+0.1 px matches the
		// rasterised stroke best, within 5 % of its coverage).
		tm.halo = dilate(tm.glyphs, p.px(halo)/2+0.1)
	}
	return tm
}
