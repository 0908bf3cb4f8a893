package basemap

import (
	"context"
	"errors"
	"image"
	"math"
	"runtime"
	"sync"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/crs"
	"github.com/planatlas/planatlas/geo/guard"
	"github.com/planatlas/planatlas/geo/proj"
)

// grid is a georeferenced raster's pixels at levels of detail: level 0 is
// the full image, each next level (an overview) coarser by its factor.
type grid interface {
	levels() []gridLevel
	// rgba returns the pixels of r (within level li) as colour.
	rgba(li int, r image.Rectangle) (*image.RGBA, error)
	// values returns the first band of r as numbers, NaN where nodata.
	values(li int, r image.Rectangle) ([]float32, error)
	close() error
}

// maxWindow is the most pixels of one level a draw reads whole; a larger
// window is read decimated.
const maxWindow = 64 << 20

// decimator is a grid that can read every s-th pixel of a window without
// holding the window (a GeoTIFF, block by block); preview reports that
// only some blocks were read.
type decimator interface {
	rgbaEvery(li int, r image.Rectangle, s int) (img *image.RGBA, preview bool, err error)
	valuesEvery(li int, r image.Rectangle, s int) (vals []float32, w, h int, preview bool, err error)
}

// gridLevel is one level's size and how many full-resolution pixels one
// of its pixels spans.
type gridLevel struct {
	w, h   int
	factor float64
}

// Raster is a georeferenced image (a GeoTIFF or an image with a world
// file) drawn by resampling to the view: imagery as it is, an elevation
// model as relief.
type Raster struct {
	info Info
	g    grid
	gt   [6]float64 // full-resolution pixel corner (col, row) → CRS x, y (GDAL's order)
	inv  [6]float64
	sys  crs.CRS
	// tint colours relief by height (hypsometric tint) under the shading (SetTint).
	tint bool

	mu   sync.Mutex
	life closer
}

// newRaster georeferences g by gt in crs.
func newRaster(g grid, gt [6]float64, sys crs.CRS, info Info) (*Raster, error) {
	det := gt[1]*gt[5] - gt[2]*gt[4]
	if det == 0 || math.IsNaN(det) || math.IsInf(det, 0) {
		return nil, &Error{Problem: ProblemDamaged,
			Detail: info.Name + "'s world file or georeference gives its pixels no size, so it places the image nowhere",
			Zh:     info.Name + " 的坐标文件（或地理配准）给出的像素大小为零或不是数，无法放到地图上"}
	}
	inv := [6]float64{}
	// col = inv0 + inv1*x + inv2*y ; row = inv3 + inv4*x + inv5*y
	inv[1], inv[2] = gt[5]/det, -gt[2]/det
	inv[4], inv[5] = -gt[4]/det, gt[1]/det
	inv[0] = -(inv[1]*gt[0] + inv[2]*gt[3])
	inv[3] = -(inv[4]*gt[0] + inv[5]*gt[3])
	r := &Raster{info: info, g: g, gt: gt, inv: inv, sys: sys}
	r.life.release = g.close
	l := g.levels()[0]
	var b orb.Bound
	for i, c := range [][2]float64{{0, 0}, {float64(l.w), 0}, {0, float64(l.h)}, {float64(l.w), float64(l.h)}, {float64(l.w) / 2, 0}, {float64(l.w) / 2, float64(l.h)}, {0, float64(l.h) / 2}, {float64(l.w), float64(l.h) / 2}} {
		p := r.lonLat(c[0], c[1])
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.Abs(p[0]) > 540 || math.Abs(p[1]) > 90 {
			return nil, &Error{Problem: ProblemOther,
				Detail: info.Name + " would lie outside the Earth in its coordinate system: check its world file and coordinate system",
				Zh:     info.Name + " 按其坐标系会落在地球之外：请检查坐标文件和坐标系"}
		}
		if i == 0 {
			b = orb.Bound{Min: p, Max: p}
		} else {
			b = b.Extend(p)
		}
	}
	r.info.Bound = b
	return r, nil
}

// lonLat maps a full-resolution pixel position to lon/lat.
func (r *Raster) lonLat(col, row float64) orb.Point {
	p := orb.Point{r.gt[0] + col*r.gt[1] + row*r.gt[2], r.gt[3] + col*r.gt[4] + row*r.gt[5]}
	if r.sys.ToLonLat != nil {
		p = r.sys.ToLonLat(p)
	}
	return p
}

// pixel maps lon/lat to a full-resolution pixel position.
func (r *Raster) pixel(p orb.Point) (float64, float64) {
	if r.sys.FromLonLat != nil {
		p = r.sys.FromLonLat(p)
	}
	return r.inv[0] + r.inv[1]*p[0] + r.inv[2]*p[1], r.inv[3] + r.inv[4]*p[0] + r.inv[5]*p[1]
}

// Info describes the raster.
func (r *Raster) Info() Info { return r.info }

// SetTint turns the hypsometric tint of an elevation model on or off.
func (r *Raster) SetTint(on bool) {
	r.mu.Lock()
	r.tint = on
	r.mu.Unlock()
}

// Generation changes when what Draw shows for a view changes (the tint).
func (r *Raster) Generation() uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.tint {
		return 1
	}
	return 0
}

// Size is the full-resolution image's size in pixels.
func (r *Raster) Size() (w, h int) { l := r.g.levels()[0]; return l.w, l.h }

// Levels is the number of levels of detail (the image and its overviews).
func (r *Raster) Levels() int { return len(r.g.levels()) }

func (r *Raster) hold() func() { return r.life.hold() }

// Close releases the file, at once or when the draws running end.
func (r *Raster) Close() error { return r.life.close() }

// gridStep is the spacing (view pixels) at which the exact mapping from
// view to image is computed; between nodes it is interpolated (the error
// is far below a pixel for maps of a city).
const gridStep = 16

// Draw resamples the raster into dst for view v.
func (r *Raster) Draw(ctx context.Context, v proj.View, dst *image.RGBA, wait bool) (st Stats, err error) {
	defer guard.Recover(&err) // a fault on a band's goroutine, raised by parallelRows
	defer func() {
		if e := (*Error)(nil); errors.As(err, &e) {
			err = named(r.info.Name, err) // "scan.tif：TIFF 的数据块位于文件之外"
		}
	}()
	if !r.info.Bound.Intersects(v.Bound()) || !r.life.enter() {
		return st, nil
	}
	defer r.life.leave()
	r.mu.Lock()
	tint := r.tint
	r.mu.Unlock()
	W, H := v.Width, v.Height
	tr := v.Transform()
	nx, ny := W/gridStep+2, H/gridStep+2
	cols := make([]float64, nx*ny)
	rows := make([]float64, nx*ny)
	for j := 0; j < ny; j++ {
		for i := 0; i < nx; i++ {
			c, rw := r.pixel(tr.LonLat(float64(i*gridStep), float64(j*gridStep)))
			cols[j*nx+i], rows[j*nx+i] = c, rw
		}
	}
	// How many image pixels one view pixel spans, at the view's centre.
	ci, cj := min(nx-2, W/2/gridStep), min(ny-2, H/2/gridStep)
	dc := math.Hypot(cols[cj*nx+ci+1]-cols[cj*nx+ci], rows[cj*nx+ci+1]-rows[cj*nx+ci]) / gridStep
	lv := r.g.levels()
	li := 0
	for k := range lv {
		if lv[k].factor <= dc*1.01 {
			li = k
		}
	}
	f := lv[li].factor
	minc, minr, maxc, maxr := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for k := range cols {
		minc, maxc = math.Min(minc, cols[k]/f), math.Max(maxc, cols[k]/f)
		minr, maxr = math.Min(minr, rows[k]/f), math.Max(maxr, rows[k]/f)
	}
	win := image.Rect(int(math.Floor(minc))-2, int(math.Floor(minr))-2, int(math.Ceil(maxc))+2, int(math.Ceil(maxr))+2).
		Intersect(image.Rect(0, 0, lv[li].w, lv[li].h))
	if win.Empty() {
		return st, nil
	}
	out := dst // transparent on entry: drawn straight into
	if win.Dx()*win.Dy() > maxWindow {
		// No level is coarse enough (a big image without overviews): a
		// decimated read, one pixel of every s × s, instead of refusing.
		dg, ok := r.g.(decimator)
		if !ok {
			return st, said(ProblemTooLarge, "the view needs %d × %d of the image's pixels", "该视图需要图像的 %d × %d 像素", win.Dx(), win.Dy())
		}
		step := max(1, int(dc/f))
		for (win.Dx()/step)*(win.Dy()/step) > maxWindow/4 {
			step++
		}
		m := &mapper{cols: cols, rows: rows, nx: nx, ny: ny, f: f * float64(step), ox: float64(win.Min.X) / float64(step), oy: float64(win.Min.Y) / float64(step)}
		var preview bool
		if r.info.Elevation {
			vals, w, h, pv, err := dg.valuesEvery(li, win, step)
			if err != nil {
				return st, err
			}
			if err := ctx.Err(); err != nil {
				return st, err
			}
			relief(out, v, vals, w, h, m, tint)
			preview = pv
		} else {
			src, pv, err := dg.rgbaEvery(li, win, step)
			if err != nil {
				return st, err
			}
			if err := ctx.Err(); err != nil {
				return st, err
			}
			resample(out, src, m, false)
			preview = pv
		}
		st.Drawn, st.Decimated, st.Preview = 1, 1, preview
		return st, nil
	}
	m := &mapper{cols: cols, rows: rows, nx: nx, ny: ny, f: f, ox: float64(win.Min.X), oy: float64(win.Min.Y)}
	if r.info.Elevation {
		vals, err := r.g.values(li, win)
		if err != nil {
			return st, err
		}
		if err := ctx.Err(); err != nil {
			return st, err
		}
		relief(out, v, vals, win.Dx(), win.Dy(), m, tint)
	} else {
		src, err := r.g.rgba(li, win)
		if err != nil {
			return st, err
		}
		if err := ctx.Err(); err != nil {
			return st, err
		}
		resample(out, src, m, dc/f < 1)
	}
	st.Drawn = 1
	return st, nil
}

// mapper maps view pixels to image positions (in the level read, relative
// to the window read): exact at the grid's nodes, linear between them, so
// a row is walked by adding a step.
type mapper struct {
	cols, rows []float64
	nx, ny     int
	f, ox, oy  float64
}

// row calls fn for each view pixel x of row y with the image position of
// the pixel's centre.
func (m *mapper) row(y, W int, fn func(x int, c, r float64)) {
	m.spans(y, W, func(x0, x1 int, c, r, dc, dr float64) {
		for x := x0; x < x1; x++ {
			fn(x, c, r)
			c += dc
			r += dr
		}
	})
}

// spans calls fn for each grid cell's run of row y: pixels [x0, x1), the
// first one's image position and the step from one pixel to the next.
func (m *mapper) spans(y, W int, fn func(x0, x1 int, c, r, dc, dr float64)) {
	gy := (float64(y) + 0.5) / gridStep
	j := min(int(gy), m.ny-2)
	fy := gy - float64(j)
	for i := 0; i*gridStep < W; i++ {
		k := j*m.nx + i
		cl := m.cols[k] + (m.cols[k+m.nx]-m.cols[k])*fy
		cr := m.cols[k+1] + (m.cols[k+m.nx+1]-m.cols[k+1])*fy
		rl := m.rows[k] + (m.rows[k+m.nx]-m.rows[k])*fy
		rr := m.rows[k+1] + (m.rows[k+m.nx+1]-m.rows[k+1])*fy
		dc, dr := (cr-cl)/gridStep/m.f, (rr-rl)/gridStep/m.f
		fn(i*gridStep, min(W, (i+1)*gridStep), cl/m.f-m.ox+dc*0.5, rl/m.f-m.oy+dr*0.5, dc, dr)
	}
}

// parallelRows runs fn over rows [0, H) on every core.
func parallelRows(H int, fn func(y0, y1 int)) {
	n := min(runtime.GOMAXPROCS(0), 8, max(1, H/32))
	var g guard.Group
	for b := 0; b < n; b++ {
		y0, y1 := H*b/n, H*(b+1)/n
		g.Go(func() { fn(y0, y1) })
	}
	g.Raise() // for the drawing's entry to report
}

// resample fills out from src, each view pixel's centre mapped by m:
// bilinear when the image is magnified, nearest otherwise.
func resample(out, src *image.RGBA, m *mapper, bilinear bool) {
	W, H := out.Rect.Dx(), out.Rect.Dy()
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	fw, fh := float64(sw), float64(sh)
	parallelRows(H, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			row := out.Pix[y*out.Stride:]
			m.spans(y, W, func(x0, x1 int, c, r, dc, dr float64) {
				for x := x0; x < x1; x, c, r = x+1, c+dc, r+dr {
					if c < 0 || r < 0 || c >= fw || r >= fh {
						continue
					}
					o := x * 4
					if !bilinear {
						s := src.Pix[int(r)*src.Stride+int(c)*4:]
						row[o], row[o+1], row[o+2], row[o+3] = s[0], s[1], s[2], s[3]
						continue
					}
					fc, fr := c-0.5, r-0.5
					c0, r0 := int(fc), int(fr)
					if fc < 0 {
						c0 = -1
					}
					if fr < 0 {
						r0 = -1
					}
					tx, ty := uint32((fc-float64(c0))*256), uint32((fr-float64(r0))*256)
					c1, r1 := min(c0+1, sw-1), min(r0+1, sh-1)
					c0, r0 = max(c0, 0), max(r0, 0)
					p00 := src.Pix[r0*src.Stride+c0*4 : r0*src.Stride+c0*4+4]
					p01 := src.Pix[r0*src.Stride+c1*4 : r0*src.Stride+c1*4+4]
					p10 := src.Pix[r1*src.Stride+c0*4 : r1*src.Stride+c0*4+4]
					p11 := src.Pix[r1*src.Stride+c1*4 : r1*src.Stride+c1*4+4]
					d := row[o : o+4]
					for k := 0; k < 4; k++ {
						top := uint32(p00[k])*(256-tx) + uint32(p01[k])*tx
						bot := uint32(p10[k])*(256-tx) + uint32(p11[k])*tx
						d[k] = uint8((top*(256-ty) + bot*ty + 1<<15) >> 16)
					}
				}
			})
		}
	})
}

// ValueAt is the first band's value of the full-resolution pixel under a
// lon/lat point (a height, for an elevation model); false outside the
// image or on nodata.
func (r *Raster) ValueAt(p orb.Point) (float64, bool) {
	if !r.life.enter() {
		return 0, false
	}
	defer r.life.leave()
	c, rw := r.pixel(p)
	l := r.g.levels()[0]
	if c < 0 || rw < 0 || c >= float64(l.w) || rw >= float64(l.h) {
		return 0, false
	}
	px := image.Rect(int(c), int(rw), int(c)+1, int(rw)+1)
	v, err := r.g.values(0, px)
	if err != nil || len(v) == 0 || math.IsNaN(float64(v[0])) {
		return 0, false
	}
	return float64(v[0]), true
}
