package render

import (
	"image"
	"image/color"
	"math"
	"slices"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/rasterizer"
	"github.com/tdewolff/font"
)

// Labels are rasterised glyph by glyph: each glyph of a size, pixel size
// and quarter-pixel phase is scanned once and kept in the Cache, and a
// label's mask is its glyphs' masks laid along the shaped advances. A
// cold frame of ~200 Chinese labels shares a few hundred glyphs, so it
// scans a third of what whole-label outlines took; the halo is the glyph
// mask dilated by a disc (the same shape as stroking the outlines with
// round joins, without building the offset paths).

// glyphPhases is the number of horizontal sub-pixel positions a glyph is
// rasterised at.
const glyphPhases = 4

type glyphKey struct {
	id            uint16
	size, mmpp    float64
	phase, phaseY int
}

// glyphMask is one glyph's coverage and where its top-left pixel lies from
// the pen position (pixels, y down).
type glyphMask struct {
	a      *image.Alpha
	x0, y0 int
}

// glyph returns the mask of glyph id of face at phase quarter-pixels
// right of a pixel's edge and phaseY quarter-pixels below it.
func (p *painter) glyph(face *canvas.FontFace, id uint16, size float64, phase, phaseY int) *glyphMask {
	k := glyphKey{id, size, p.mmpp, phase, phaseY}
	if v, ok := p.cache.get(k); ok {
		return v.(*glyphMask)
	}
	path := p.glyphPath(face, id, size)
	gm := &glyphMask{a: image.NewAlpha(image.Rect(0, 0, 0, 0))}
	if !path.Empty() {
		b := path.Bounds()
		dx, dy := float64(phase)/glyphPhases, float64(phaseY)/glyphPhases
		x0 := int(math.Floor(b.X0/p.mmpp+dx)) - 1
		x1 := int(math.Ceil(b.X1/p.mmpp+dx)) + 1
		y0 := int(math.Floor(-b.Y1/p.mmpp+dy)) - 1
		y1 := int(math.Ceil(-b.Y0/p.mmpp+dy)) + 1
		img := image.NewRGBA(image.Rect(0, 0, x1-x0, y1-y0))
		hmm := float64(y1-y0) * p.mmpp
		m := canvas.Identity.Translate((dx-float64(x0))*p.mmpp, hmm+(float64(y0)-dy)*p.mmpp)
		if !newBandFiller(img, 25.4/p.mmpp).fill(path, color.RGBA{255, 255, 255, 255}, m) {
			ras := rasterizer.FromImage(img, canvas.DPMM(1/p.mmpp), canvas.LinearColorSpace{})
			style := canvas.DefaultStyle
			style.Fill = canvas.Paint{Color: color.RGBA{255, 255, 255, 255}}
			ras.RenderPath(path, style, m)
		}
		gm.a = image.NewAlpha(img.Bounds())
		for i := range gm.a.Pix {
			gm.a.Pix[i] = img.Pix[i*4+3]
		}
		gm.x0, gm.y0 = x0, y0
	}
	return p.cache.add(k, gm, int64(len(gm.a.Pix))+96, nil).(*glyphMask)
}

type glyphPathKey struct {
	id   uint16
	size float64
}

// glyphPath returns glyph id's outline at size (millimetres, y up), read
// from the font once and shared by the glyph's sub-pixel phases.
func (p *painter) glyphPath(face *canvas.FontFace, id uint16, size float64) *canvas.Path {
	k := glyphPathKey{id, size}
	if v, ok := p.cache.get(k); ok {
		return v.(*canvas.Path)
	}
	path := &canvas.Path{}
	face.Font.GlyphPath(path, id, face.PPEM(canvas.DefaultResolution), 0, 0, face.MmPerEm, font.NoHinting)
	return p.cache.add(k, path, int64(len(path.Data()))*8+64, nil).(*canvas.Path)
}

// glyphText lays a shaped label's glyphs into a mask w×h with the pen
// starting at (left, baseline) pixels. It shapes nothing (the shaper is not
// safe to share), so masks can be made on all cores.
func (p *painter) glyphText(st *shapedText, w, h int, left, baseline float64) *image.Alpha {
	out := image.NewAlpha(image.Rect(0, 0, w, h))
	fam, err := p.cache.family()
	if err != nil {
		return out
	}
	size := st.size
	face := fam.Face(size, color.Black, canvas.FontRegular, canvas.FontNormal)
	f := face.MmPerEm
	var x, y int32
	for _, g := range st.glyphs {
		ix, phase := split(left + f*float64(x+g.XOffset)/p.mmpp)
		iy, phaseY := split(baseline - f*float64(y+g.YOffset)/p.mmpp)
		over(out, p.glyph(face, g.ID, size, phase, phaseY), ix, iy)
		x += g.XAdvance
		y += g.YAdvance
	}
	return out
}

// split parts a pixel position into a whole pixel and quarter-pixels.
func split(v float64) (int, int) {
	i := int(math.Floor(v))
	q := int(math.Round((v - float64(i)) * glyphPhases))
	if q == glyphPhases {
		i, q = i+1, 0
	}
	return i, q
}

// over composites a glyph's coverage onto dst with its pen at (px, py).
func over(dst *image.Alpha, gm *glyphMask, px, py int) {
	sb := gm.a.Bounds()
	ox, oy := px+gm.x0, py+gm.y0
	for sy := 0; sy < sb.Dy(); sy++ {
		dy := oy + sy
		if dy < 0 || dy >= dst.Rect.Dy() {
			continue
		}
		srow := gm.a.Pix[sy*gm.a.Stride : sy*gm.a.Stride+sb.Dx()]
		drow := dst.Pix[dy*dst.Stride : dy*dst.Stride+dst.Rect.Dx()]
		for sx, a := range srow {
			dx := ox + sx
			if a == 0 || dx < 0 || dx >= len(drow) {
				continue
			}
			d := uint32(drow[dx])
			drow[dx] = uint8(uint32(a) + d*(255-uint32(a))/255)
		}
	}
}

// dilate grows a mask by a disc of radius r pixels, anti-aliased. A pixel
// of coverage a is taken to reach a−½ pixel past its centre (a thin stroke
// half covering a pixel still gets a full halo), so a pixel at distance d
// from it gets r + a − d of the halo, clamped to [0, 1]; each pixel takes
// the most any neighbour gives it.
func dilate(src *image.Alpha, r float64) *image.Alpha {
	out := image.NewAlpha(src.Rect)
	if r <= 0 {
		copy(out.Pix, src.Pix)
		return out
	}
	// Each inked pixel spreads to its neighbours (most of a label's mask
	// is empty): a tap at distance d adds (r − d)·255 to the pixel's a.
	// Taps go nearest first, so a faint pixel stops at the first that
	// gives nothing; away from the mask's edges they need no bounds checks.
	type tap struct{ dx, dy, off, add int }
	var taps []tap
	n := int(math.Ceil(r + 1))
	for dy := -n; dy <= n; dy++ {
		for dx := -n; dx <= n; dx++ {
			if d := math.Hypot(float64(dx), float64(dy)); d < r+1 {
				taps = append(taps, tap{dx, dy, dy*out.Stride + dx, int(math.Round((r - d) * 255))})
			}
		}
	}
	slices.SortStableFunc(taps, func(p, q tap) int { return q.add - p.add })
	W, H := src.Rect.Dx(), src.Rect.Dy()
	for y := 0; y < H; y++ {
		inY := y >= n && y < H-n
		for x := 0; x < W; x++ {
			a := int(src.Pix[y*src.Stride+x])
			if a == 0 {
				continue
			}
			at := y*out.Stride + x
			if inY && x >= n && x < W-n {
				for _, t := range taps {
					v := a + t.add
					if v <= 0 {
						break
					}
					v = min(v, 255)
					if i := at + t.off; uint8(v) > out.Pix[i] {
						out.Pix[i] = uint8(v)
					}
				}
				continue
			}
			for _, t := range taps {
				v := a + t.add
				if v <= 0 {
					break
				}
				tx, ty := x+t.dx, y+t.dy
				if tx < 0 || ty < 0 || tx >= W || ty >= H {
					continue
				}
				v = min(v, 255)
				if i := at + t.off; uint8(v) > out.Pix[i] {
					out.Pix[i] = uint8(v)
				}
			}
		}
	}
	return out
}
