package render

import (
	"image"
	"image/color"
	"math"
	"sort"
	"sync"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/proj"
)

// dotAlpha is the opacity of one dot (of 255): where a survey's points
// crowd, their dots add up towards the full colour, and where they are
// sparse the map shows through, so the density reads. However many crowd
// on a pixel, dotMaxAlpha keeps the plan faintly visible beneath.
const (
	dotAlpha    = 150
	dotMaxAlpha = 200
)

// dotDensity draws many translucent square dots of one colour at once.
// Blending one colour n times at opacity a leaves 1−(1−a)ⁿ of it whatever
// the order, so counting the dots over each pixel gives the image that
// plotting them one by one would, in time set by the image's size rather
// than by the number of points (a million points cost a few milliseconds).
// The dots are either added one by one (add) and counted over the whole
// image, or given as a north-to-south point list (fromSorted), which each
// band of the image counts for its own rows, on its own core.
type dotDensity struct {
	w, h   int
	r      int      // dots are 2r+1 pixels square
	counts []uint16 // dot centres per pixel, when added one by one
	spans  []span   // per row, the columns with dot centres
	c      color.NRGBA
	alpha  [256]uint32 // opacity (of 255) of n overlapping dots

	sorted     []orb.Point // Mercator, north to south
	tr         proj.Transform
	xmin, xmax float64    // Mercator x of the points to draw
	scratch    *sync.Pool // per-band count buffers (*[]uint16), from the cache
}

func newDotDensity(w, h, r int, c color.NRGBA) *dotDensity {
	return newDotDensityCapped(w, h, r, c, dotMaxAlpha)
}

// newDotDensityCapped is newDotDensity with the opacity of crowded pixels
// capped at maxAlpha (of 255).
func newDotDensityCapped(w, h, r int, c color.NRGBA, maxAlpha uint32) *dotDensity {
	d := &dotDensity{w: w, h: h, r: r, c: c}
	for n := range d.alpha {
		d.alpha[n] = min(maxAlpha, uint32(math.Round(255*(1-math.Pow(1-dotAlpha/255.0, float64(n))))))
	}
	return d
}

// fromSorted makes the dots those of pts (Mercator, north to south) with
// x in [xmin, xmax], placed by tr.
// Band buffers come from scratch (a fresh one each band when nil).
func (d *dotDensity) fromSorted(pts []orb.Point, tr proj.Transform, xmin, xmax float64, scratch *sync.Pool) {
	d.sorted, d.tr, d.xmin, d.xmax, d.scratch = pts, tr, xmin, xmax, scratch
	if d.scratch == nil {
		d.scratch = &sync.Pool{}
	}
}

// add puts a dot centred on pixel p (view pixels).
func (d *dotDensity) add(p [2]float64) {
	if d.counts == nil {
		d.counts, d.spans = make([]uint16, d.w*d.h), emptySpans(d.h)
	}
	countDot(d.counts, d.spans, d.w, 0, d.h, p)
}

// span is a run of columns, lo to hi; empty when lo > hi.
type span struct{ lo, hi int32 }

var emptySpan = span{math.MaxInt32, -1}

func emptySpans(n int) []span {
	s := make([]span, n)
	for i := range s {
		s[i] = emptySpan
	}
	return s
}

// countDot counts a dot centred on pixel p in counts, which hold rows top
// to top+len(spans) of an image w wide and h high.
func countDot(counts []uint16, spans []span, w, top, h int, p [2]float64) {
	x, y := int(p[0]), int(p[1])
	if p[0] < 0 || p[1] < 0 || x >= w || y >= h || y < top || y >= top+len(spans) {
		return
	}
	if i := (y-top)*w + x; counts[i] < math.MaxUint16 {
		counts[i]++
	}
	sp := &spans[y-top]
	sp.lo, sp.hi = min(sp.lo, int32(x)), max(sp.hi, int32(x))
}

// draw blends the dots into dst, whose row 0 is view row y0.
func (d *dotDensity) draw(dst *image.RGBA, y0 int) {
	rows := dst.Bounds().Dy()
	if d.sorted == nil {
		if d.counts != nil {
			d.blend(dst, y0, d.counts, d.spans, 0)
		}
		return
	}
	// This band's rows, with r more above and below for the dots that
	// reach into it.
	top, n := y0-d.r, rows+2*d.r
	buf, _ := d.scratch.Get().(*[]uint16)
	if buf == nil || cap(*buf) < n*d.w {
		b := make([]uint16, n*d.w)
		buf = &b
	}
	counts := (*buf)[:n*d.w]
	clear(counts)
	spans := emptySpans(n)
	pts := d.sorted
	first := sort.Search(len(pts), func(i int) bool { return d.tr.Mercator(pts[i])[1] >= float64(top) })
	for _, p := range pts[first:] {
		q := d.tr.Mercator(p)
		if q[1] >= float64(top+n) {
			break
		}
		if p[0] >= d.xmin && p[0] <= d.xmax {
			countDot(counts, spans, d.w, top, d.h, q)
		}
	}
	d.blend(dst, y0, counts, spans, top)
	d.scratch.Put(buf)
}

// blend blends into dst (whose row 0 is view row y0) the dots counted in
// counts, which hold view rows top to top+len(spans).
func (d *dotDensity) blend(dst *image.RGBA, y0 int, counts []uint16, spans []span, top int) {
	w, r := d.w, d.r
	rows := dst.Bounds().Dy()
	// cols[x] sums the counts of column x over the rows within r of the
	// current one; a running sum across it gives each pixel's dots. Only
	// the columns between the window's first and last dot are visited.
	cols := make([]uint32, w)
	spanOf := func(y int) span {
		if y -= top; y < 0 || y >= len(spans) {
			return emptySpan
		}
		return spans[y]
	}
	addRow := func(y int, sign int) {
		sp := spanOf(y)
		if sp.lo > sp.hi {
			return
		}
		row := counts[(y-top)*w : (y-top+1)*w]
		for x := sp.lo; x <= sp.hi; x++ {
			if n := row[x]; n != 0 {
				cols[x] = uint32(int(cols[x]) + sign*int(n))
			}
		}
	}
	for y := y0 - r; y < y0+r; y++ {
		addRow(y, 1)
	}
	for k := 0; k < rows; k++ {
		y := y0 + k
		addRow(y+r, 1)
		win := emptySpan
		for yy := y - r; yy <= y+r; yy++ {
			if sp := spanOf(yy); sp.lo <= sp.hi {
				win.lo, win.hi = min(win.lo, sp.lo), max(win.hi, sp.hi)
			}
		}
		if win.lo > win.hi {
			addRow(y-r, -1)
			continue
		}
		xs, xe := max(0, int(win.lo)-r), min(w-1, int(win.hi)+r)
		var run uint32
		for x := max(0, xs-r); x < min(w, xs+r); x++ {
			run += cols[x]
		}
		pix := dst.Pix[k*dst.Stride:]
		for x := xs; x <= xe; x++ {
			if x+r < w {
				run += cols[x+r]
			}
			if x-r-1 >= 0 {
				run -= cols[x-r-1]
			}
			if run == 0 {
				continue
			}
			a := d.alpha[min(run, 255)]
			q := pix[x*4 : x*4+4 : x*4+4]
			q[0] = uint8((uint32(q[0])*(255-a) + uint32(d.c.R)*a) / 255)
			q[1] = uint8((uint32(q[1])*(255-a) + uint32(d.c.G)*a) / 255)
			q[2] = uint8((uint32(q[2])*(255-a) + uint32(d.c.B)*a) / 255)
			q[3] = uint8((uint32(q[3])*(255-a) + 255*a) / 255)
		}
		addRow(y-r, -1)
	}
}
