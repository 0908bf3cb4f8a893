package render

import (
	"image"
	"image/color"
	"math"
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
type dotDensity struct {
	w, h   int
	r      int      // dots are 2r+1 pixels square
	counts []uint16 // dot centres per pixel
	rowAny []bool   // rows with any dot centre
	c      color.NRGBA
	alpha  [256]uint32 // opacity (of 255) of n overlapping dots
}

func newDotDensity(w, h, r int, c color.NRGBA) *dotDensity {
	return newDotDensityCapped(w, h, r, c, dotMaxAlpha)
}

// newDotDensityCapped is newDotDensity with the opacity of crowded pixels
// capped at maxAlpha (of 255).
func newDotDensityCapped(w, h, r int, c color.NRGBA, maxAlpha uint32) *dotDensity {
	d := &dotDensity{w: w, h: h, r: r, counts: make([]uint16, w*h), rowAny: make([]bool, h), c: c}
	for n := range d.alpha {
		d.alpha[n] = min(maxAlpha, uint32(math.Round(255*(1-math.Pow(1-dotAlpha/255.0, float64(n))))))
	}
	return d
}

// add puts a dot centred on pixel p (view pixels).
func (d *dotDensity) add(p [2]float64) {
	x, y := int(p[0]), int(p[1])
	if p[0] < 0 || p[1] < 0 || x >= d.w || y >= d.h {
		return
	}
	if i := y*d.w + x; d.counts[i] < math.MaxUint16 {
		d.counts[i]++
	}
	d.rowAny[y] = true
}

// draw blends the dots into dst, whose row 0 is view row y0.
func (d *dotDensity) draw(dst *image.RGBA, y0 int) {
	w, r := d.w, d.r
	rows := dst.Bounds().Dy()
	// cols[x] sums the counts of column x over the rows within r of the
	// current one; a running sum across it gives each pixel's dots.
	cols := make([]uint32, w)
	active := 0 // rows with dots in the window
	addRow := func(y int, sign int) {
		if y < 0 || y >= d.h || !d.rowAny[y] {
			return
		}
		active += sign
		row := d.counts[y*w : (y+1)*w]
		for x, n := range row {
			if n != 0 {
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
		if active == 0 {
			addRow(y-r, -1)
			continue
		}
		var run uint32
		for x := 0; x < r && x < w; x++ {
			run += cols[x]
		}
		pix := dst.Pix[k*dst.Stride:]
		for x := 0; x < w; x++ {
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
