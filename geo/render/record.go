package render

import (
	"image"
	"image/color"
	"sync/atomic"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/rasterizer"

	"github.com/planatlas/planatlas/geo/guard"
)

// recorder is a canvas.Renderer that keeps the paths drawn on it, to be
// replayed on several rasterizers at once (one per horizontal band of the
// image, each on its own core).
type recorder struct {
	noClip bool    // replay fills whole in every band (tests compare)
	w, h   float64 // mm
	calls  []recordedPath
	begun  *aheadWork // outlines begun while the frame's labels are recorded
}

// aheadWork is the lazy outlines of the map, begun on one core while the
// labels and frame are still being recorded (see ahead).
type aheadWork struct {
	idx  []int // their calls
	fns  []func() *canvas.Path
	out  []*canvas.Path
	next atomic.Int64 // the next to make, shared with resolve's workers
	g    guard.Group
}

// run makes outlines until none are left.
func (a *aheadWork) run() {
	for k := int(a.next.Add(1)) - 1; k < len(a.fns); k = int(a.next.Add(1)) - 1 {
		a.out[k] = a.fns[k]()
	}
}

// ahead begins making the lazy outlines recorded so far on another core,
// while the caller records the rest of the frame (labels, frame), which
// uses one: a cold frame's recording used to leave the second core idle
// and then wait for its outlines. resolve takes them up.
func (r *recorder) ahead() {
	a := &aheadWork{}
	for i, c := range r.calls {
		if c.lazy != nil {
			a.idx = append(a.idx, i)
			a.fns = append(a.fns, c.lazy)
		}
	}
	if len(a.idx) == 0 {
		return
	}
	a.out = make([]*canvas.Path, len(a.idx))
	a.g.Go(a.run)
	r.begun = a
}

type recordedPath struct {
	path  *canvas.Path
	style canvas.Style
	m     canvas.Matrix
	op    func(band *image.RGBA, y0 int) // drawn directly instead of path, when set
	lazy  func() *canvas.Path            // makes path before the replay, when set
	prep  func()                         // makes what op needs before the replay, when set

	mask   func() *coverage // for a cover fill: where the base maps lie (view-sized)
	clear  color.RGBA       // and its colour where they do
	bounds canvas.Rect      // the path's bound through m, set by resolve
}

// lazy records a path that is costly to make (a stroke outline after a
// zoom): all of a frame's are made at once, on all cores, before replay.
func (r *recorder) lazy(make func() *canvas.Path, style canvas.Style, m canvas.Matrix) {
	r.calls = append(r.calls, recordedPath{lazy: make, style: style, m: m})
}

// resolve makes the lazily recorded paths and the bound of every path
// (which each band checks), on all cores.
func (r *recorder) resolve(workers int) {
	if a := r.begun; a != nil {
		onCores(workers, workers, func(int) { a.run() }) // beside the goroutine that began them
		a.g.Raise()
		for k, i := range a.idx {
			r.calls[i].path, r.calls[i].lazy = a.out[k], nil
		}
		r.begun = nil
	}
	var todo []int
	for i, c := range r.calls {
		if c.lazy != nil || c.prep != nil || c.path != nil {
			todo = append(todo, i)
		}
	}
	onCores(len(todo), workers, func(k int) {
		c := &r.calls[todo[k]]
		if c.prep != nil {
			c.prep()
			c.prep = nil
			return
		}
		if c.lazy != nil {
			c.path, c.lazy = c.lazy(), nil
		}
		c.bounds = c.path.FastBounds().Transform(c.m)
	})
}

// direct records drawing done straight into the image (hairlines, text
// masks): op gets the band (a sub-image, absolute bounds) and its first row.
func (r *recorder) direct(op func(band *image.RGBA, y0 int)) {
	r.calls = append(r.calls, recordedPath{op: op})
}

// directLazy records drawing done straight into the image whose inputs
// are costly to make (a label's mask): prep makes them, on all cores with
// the frame's other lazy work, before op is replayed.
func (r *recorder) directLazy(prep func(), op func(band *image.RGBA, y0 int)) {
	r.calls = append(r.calls, recordedPath{op: op, prep: prep})
}

// coverFill records path filled in colour c where no base map lies and in
// the translucent clear where one does, blended pixel by pixel by the
// base maps' coverage (made before the replay).
func (r *recorder) coverFill(path *canvas.Path, c, clear color.RGBA, m canvas.Matrix, cover func() *coverage) {
	st := canvas.DefaultStyle
	st.Fill = canvas.Paint{Color: c}
	r.calls = append(r.calls, recordedPath{path: path, style: st, m: m, mask: cover, clear: clear})
}

func (r *recorder) Size() (float64, float64) { return r.w, r.h }

func (r *recorder) RenderPath(path *canvas.Path, style canvas.Style, m canvas.Matrix) {
	r.calls = append(r.calls, recordedPath{path: path, style: style, m: m})
}

// RenderText is not recorded: map text is drawn after the replay.
func (r *recorder) RenderText(text *canvas.Text, m canvas.Matrix) {}

func (r *recorder) RenderImage(img image.Image, m canvas.Matrix) {}

// replay draws the recorded paths on dst in bands horizontal bands, in parallel.
func (r *recorder) replay(dst *image.RGBA, dpi float64, bands int, cancelled func() error) {
	r.resolve(bands)
	H := dst.Bounds().Dy()
	mmpp := 25.4 / dpi
	var g guard.Group
	for b := 0; b < bands; b++ {
		y0, y1 := H*b/bands, H*(b+1)/bands
		if y1 <= y0 {
			continue
		}
		g.Go(func() {
			sub := dst.SubImage(image.Rect(0, y0, dst.Bounds().Dx(), y1)).(*image.RGBA)
			var ras *rasterizer.Rasterizer // for strokes, patterns and curves; made when first needed
			fast := newBandFiller(sub, dpi)
			// The recorded matrices put y=0 at the image's bottom; shift to the band's.
			shift := canvas.Identity.Translate(0, -float64(H-y1)*mmpp)
			bh := float64(y1-y0) * mmpp
			for i, c := range r.calls {
				if i%16 == 0 && cancelled() != nil {
					return
				}
				if c.op != nil {
					c.op(sub, y0)
					continue
				}
				// Skip paths that cannot touch the band.
				bb := c.bounds
				by0, by1 := float64(H-y1)*mmpp, float64(H-y1)*mmpp+bh
				if bb.Y1 < by0-1 || bb.Y0 > by1+1 {
					continue
				}
				path := c.path
				// A fill that reaches past the band is cut to it (a few
				// pixels beyond: the rasteriser then meets the cut outside
				// the band, as it meets any path that leaves it) in its
				// own coordinates, which the matrix only scales and moves.
				const pad = 8 // pixels
				if !r.noClip && bands > 1 && !c.style.HasStroke() && c.m[0][1] == 0 && c.m[1][0] == 0 && c.m[1][1] != 0 &&
					(bb.Y0 < by0-pad*mmpp || bb.Y1 > by1+pad*mmpp) {
					py0, py1 := (by0-pad*mmpp-c.m[1][2])/c.m[1][1], (by1+pad*mmpp-c.m[1][2])/c.m[1][1]
					if py0 > py1 {
						py0, py1 = py1, py0
					}
					if q, ok := clipSlab(path, py0, py1); ok {
						path = q
					}
				}
				if c.mask != nil {
					// Where the base maps cover every row and column the
					// path spans, a plain translucent fill; else blended by
					// their coverage pixel by pixel.
					mk := c.mask()
					px0, px1 := int(bb.X0/mmpp)-1, int(bb.X1/mmpp)+1
					py0, py1 := H-int(bb.Y1/mmpp)-1, H-int(bb.Y0/mmpp)+1
					if mk == nil { // no base map drawn after all (it failed)
						fast.fill(path, c.style.Fill.Color, shift.Mul(c.m))
						continue
					}
					if !mk.uncovered(px0, max(py0, y0), px1, min(py1, y1-1)) {
						fast.fill(path, c.clear, shift.Mul(c.m))
						continue
					}
					fast.sp.mask, fast.sp.maskY, fast.sp.clear = mk, y0, c.clear
					fast.fill(path, c.style.Fill.Color, shift.Mul(c.m))
					fast.sp.mask = nil
					continue
				}
				if plainFill(c.style) && fast.fill(path, c.style.Fill.Color, shift.Mul(c.m)) {
					continue
				}
				if ras == nil {
					ras = rasterizer.FromImage(sub, canvas.DPI(dpi), canvas.LinearColorSpace{})
				}
				ras.RenderPath(path, c.style, shift.Mul(c.m))
			}
			if ras != nil {
				ras.Close()
			}
		})
	}
	g.Raise()
}
