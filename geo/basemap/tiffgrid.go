package basemap

import (
	"image"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/planatlas/planatlas/geo/crs"
)

// tiffGrid reads a GeoTIFF's image and overviews block by block.
type tiffGrid struct {
	t      *tiffFile
	ovr    *tiffFile // external overviews (.ovr), or nil
	lv     []gridLevel
	imgs   []*ifd
	files  []*tiffFile // the file each level is in
	nodata float64
	cache  *blockCache
}

// OpenGeoTIFF opens a GeoTIFF: RGB(A), grey or paletted imagery, or a
// single-band elevation model (16-bit or floating point), in WGS 84,
// CGCS2000, Web Mercator or a Gauss–Krüger/UTM zone. epsg, when not 0,
// overrides the file's own system (for a file that names none).
func OpenGeoTIFF(path string, epsg int) (*Raster, error) {
	return openGeoTIFF(path, epsg, "")
}

// openGeoTIFF is OpenGeoTIFF that also looks for overviews built into
// ovrDir (see OverviewPath).
func openGeoTIFF(path string, epsg int, ovrDir string) (*Raster, error) {
	t, err := openTIFF(path)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*Raster, error) {
		t.f.Close()
		return nil, named(filepath.Base(path), err)
	}
	main := t.ifds[0]
	if err := main.check(); err != nil {
		return fail(err)
	}
	g := &tiffGrid{t: t, nodata: main.noData(), cache: &blockCache{max: 128 << 20, m: map[[2]int][]byte{}}}
	g.imgs, g.files = append(g.imgs, main), append(g.files, t)
	for _, d := range t.ifds[1:] {
		// Overviews: reduced-resolution images of the same bands.
		if d.first(tagNewSubfileType, 0)&1 == 1 && d.spp == main.spp && d.bits == main.bits && d.check() == nil && d.w < main.w {
			g.imgs, g.files = append(g.imgs, d), append(g.files, t)
		}
	}
	// External overviews (gdaladdo -ro, or BuildOverviews): a TIFF of
	// reduced images beside the file, or in the app's cache.
	for _, op := range []string{path + ".ovr", filepath.Join(ovrDir, cachedOverviewName(path))} {
		if ovrDir == "" && op != path+".ovr" {
			continue
		}
		o, err := openTIFF(op)
		if err != nil {
			continue
		}
		for _, d := range o.ifds {
			if o.bo == t.bo && d.spp == main.spp && d.bits == main.bits && d.check() == nil && d.w < main.w {
				g.imgs, g.files = append(g.imgs, d), append(g.files, o)
			}
		}
		if len(g.files) > 0 && g.files[len(g.files)-1] == o {
			g.ovr = o
			break
		}
		o.f.Close()
	}
	order := make([]int, len(g.imgs)-1)
	for i := range order {
		order[i] = i + 1
	}
	sort.SliceStable(order, func(i, j int) bool { return g.imgs[order[i]].w > g.imgs[order[j]].w })
	imgs, files := []*ifd{main}, []*tiffFile{t}
	for _, k := range order {
		imgs, files = append(imgs, g.imgs[k]), append(files, g.files[k])
	}
	g.imgs, g.files = imgs, files
	for _, d := range g.imgs {
		g.lv = append(g.lv, gridLevel{w: d.w, h: d.h, factor: float64(main.w) / float64(d.w)})
	}
	gt, err := geoTransform(main)
	keys := main.geoKeys()
	if err != nil {
		// A plain TIFF placed by a world file (.tfw) and a .prj beside it.
		wf, werr := findWorldFile(path)
		if werr != nil {
			return fail(err)
		}
		gt = wf.geoTransform()
		if epsg == 0 {
			prj, perr := os.ReadFile(strings.TrimSuffix(path, filepath.Ext(path)) + ".prj")
			if perr != nil {
				return fail(said(ProblemNeedsCRS, "the TIFF's world file has no .prj beside it: choose its coordinate system", "TIFF 的坐标文件旁没有 .prj：请选择坐标系"))
			}
			sys, cerr := crs.FromWKT(string(prj))
			if cerr != nil {
				return fail(cerr)
			}
			return finishTIFF(g, main, gt, sys, path, fail)
		}
		keys = map[int]float64{}
	}
	code := int(keys[3072])
	if code == 0 {
		code = int(keys[2048])
	}
	if epsg != 0 {
		code = epsg
	}
	if code == 0 || code == 32767 {
		return fail(said(ProblemNeedsCRS, "the file does not name its coordinate system by an EPSG code: choose one", "文件没有用 EPSG 代码注明坐标系：请选择一个"))
	}
	sys, err := crs.FromEPSG(code)
	if err != nil {
		return fail(said(ProblemUnsupported, "coordinate system EPSG:%d is not supported", "不支持坐标系 EPSG:%d", code))
	}
	if keys[1025] == 2 { // PixelIsPoint: the tie point is a pixel's centre
		gt[0] -= (gt[1] + gt[2]) / 2
		gt[3] -= (gt[4] + gt[5]) / 2
	}
	return finishTIFF(g, main, gt, sys, path, fail)
}

// finishTIFF makes the raster of an opened TIFF.
func finishTIFF(g *tiffGrid, main *ifd, gt [6]float64, sys crs.CRS, path string, fail func(error) (*Raster, error)) (*Raster, error) {
	elev := main.spp == 1 && main.photo != 3 && (main.format == 3 || main.bits >= 16 || main.format == 2)
	info := Info{Name: filepath.Base(path), Elevation: elev}
	info.CRS = sys
	r, err := newRaster(g, gt, sys, info)
	if err != nil {
		return fail(err)
	}
	return r, nil
}

// geoTransform reads the pixel-to-CRS affine from the model transform or
// from a tie point and pixel scale.
func geoTransform(d *ifd) ([6]float64, error) {
	if m := d.dbl[tagModelTransform]; len(m) >= 16 {
		return [6]float64{m[3], m[0], m[1], m[7], m[4], m[5]}, nil
	}
	tp, sc := d.dbl[tagModelTiepoint], d.dbl[tagModelPixelScale]
	if len(tp) >= 6 && len(sc) >= 2 && sc[0] != 0 && sc[1] != 0 {
		return [6]float64{tp[3] - tp[0]*sc[0], sc[0], 0, tp[4] + tp[1]*sc[1], 0, -sc[1]}, nil
	}
	return [6]float64{}, said(ProblemNoGeoref, "the TIFF has no georeference (no GeoTIFF tie point or transform): add a world file (.tfw)", "TIFF 没有地理配准信息（没有 GeoTIFF 控制点或变换）：请添加坐标文件（.tfw）")
}

func (g *tiffGrid) levels() []gridLevel { return g.lv }
func (g *tiffGrid) close() error {
	if g.ovr != nil {
		g.ovr.f.Close()
	}
	return g.t.f.Close()
}

// eachBlock calls f for every block of level li that r touches, with its
// decoded bytes (from the cache, or read and kept) and the part of r it
// holds.
func (g *tiffGrid) eachBlock(li int, r image.Rectangle, f func(b []byte, bx, by int, br image.Rectangle)) error {
	d := g.imgs[li]
	across := d.blocksAcross()
	for by := r.Min.Y / d.th; by <= (r.Max.Y-1)/d.th; by++ {
		for bx := r.Min.X / d.tw; bx <= (r.Max.X-1)/d.tw; bx++ {
			b, err := g.block(li, by*across+bx)
			if err != nil {
				return err
			}
			f(b, bx, by, image.Rect(bx*d.tw, by*d.th, (bx+1)*d.tw, (by+1)*d.th).Intersect(r))
		}
	}
	return nil
}

// block returns block idx of level li decoded, from the cache or read
// and kept.
func (g *tiffGrid) block(li, idx int) ([]byte, error) {
	if b, ok := g.cache.get([2]int{li, idx}); ok {
		return b, nil
	}
	b, err := g.files[li].block(g.imgs[li], idx)
	if err != nil {
		return nil, err
	}
	g.cache.put([2]int{li, idx}, b)
	return b, nil
}

// maxDrawBytes bounds the decoded bytes of the blocks one decimated read
// reads: beyond it, only blocks on a stride are read.
const maxDrawBytes = 512 << 20

// maxDrawBlocks bounds the blocks one decimated read reads, however small.
const maxDrawBlocks = 16384

// visit calls f for one pixel of every s × s cell of r in level li (the
// cell's centre), with the cell's place (ox, oy) in the output, the
// pixel's block bytes and its sample index: a decimated read, whose
// memory is the output's. It reads every block those pixels lie in, but
// at most maxDrawBytes of them: when more would be needed (a whole
// 200,000-pixel image without overviews) only blocks on a stride are
// read, and a cell whose block was skipped takes the same pixel of the
// nearest block read — a coarse preview rather than no map. It reports
// whether blocks were skipped.
func (g *tiffGrid) visit(li int, r image.Rectangle, s int, f func(ox, oy int, b []byte, i int)) (preview bool, err error) {
	d := g.imgs[li]
	xs := make([]int, (r.Dx()+s-1)/s)
	ys := make([]int, (r.Dy()+s-1)/s)
	for i := range xs {
		xs[i] = min(r.Min.X+i*s+s/2, r.Max.X-1)
	}
	for i := range ys {
		ys[i] = min(r.Min.Y+i*s+s/2, r.Max.Y-1)
	}
	if len(xs) == 0 || len(ys) == 0 {
		return false, nil
	}
	across, down := d.blocksAcross(), (d.h+d.th-1)/d.th
	nbx := xs[len(xs)-1]/d.tw - xs[0]/d.tw + 1
	nby := ys[len(ys)-1]/d.th - ys[0]/d.th + 1
	budget := min(maxDrawBlocks, max(16, maxDrawBytes/max(1, d.tw*d.th*d.bytesPerPixel())))
	sb := 1
	for ((nbx+sb-1)/sb)*((nby+sb-1)/sb) > budget {
		sb++
	}
	// The block each cell's pixel is taken from: its own, or with a
	// stride the one read for its group (on a grid fixed to the image,
	// so that the next draw finds the same blocks in the cache).
	rep := func(b, n int) int { return min(b/sb*sb+sb/2, n-1) }
	colsOf, rowsOf := map[int][]int{}, map[int][]int{}
	var bxs, bys []int
	for ox, x := range xs {
		bx := rep(x/d.tw, across)
		if colsOf[bx] == nil {
			bxs = append(bxs, bx)
		}
		colsOf[bx] = append(colsOf[bx], ox)
	}
	for oy, y := range ys {
		by := rep(y/d.th, down)
		if rowsOf[by] == nil {
			bys = append(bys, by)
		}
		rowsOf[by] = append(rowsOf[by], oy)
	}
	for _, by := range bys {
		for _, bx := range bxs {
			b, err := g.block(li, by*across+bx)
			if err != nil {
				return sb > 1, err
			}
			// Within the block's real pixels (a last block is padded).
			wmax, hmax := d.w-1-bx*d.tw, d.h-1-by*d.th
			for _, oy := range rowsOf[by] {
				yy := min(ys[oy]%d.th, hmax)
				for _, ox := range colsOf[bx] {
					xx := min(xs[ox]%d.tw, wmax)
					f(ox, oy, b, (yy*d.tw+xx)*d.spp)
				}
			}
		}
	}
	return sb > 1, nil
}

// each calls f for every pixel of r in level li with the pixel's block
// bytes and sample index.
func (g *tiffGrid) each(li int, r image.Rectangle, f func(x, y int, b []byte, i int)) error {
	d := g.imgs[li]
	return g.eachBlock(li, r, func(b []byte, bx, by int, br image.Rectangle) {
		for y := br.Min.Y; y < br.Max.Y; y++ {
			for x := br.Min.X; x < br.Max.X; x++ {
				f(x, y, b, ((y-by*d.th)*d.tw+(x-bx*d.tw))*d.spp)
			}
		}
	})
}

func (g *tiffGrid) rgba(li int, r image.Rectangle) (*image.RGBA, error) {
	d := g.imgs[li]
	if d.bits == 8 && d.photo == 2 && (d.spp == 3 || d.spp == 4) && d.format != 2 {
		return g.rgb8(li, r)
	}
	out := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	pixel := g.pixelRGBA(d)
	err := g.each(li, r, func(x, y int, b []byte, i int) {
		o := (y-r.Min.Y)*out.Stride + (x-r.Min.X)*4
		pixel(b, i, out.Pix[o:o+4:o+4])
	})
	return out, err
}

// rgbaEvery is rgba of every s-th pixel of r (a decimated read, see visit).
func (g *tiffGrid) rgbaEvery(li int, r image.Rectangle, s int) (*image.RGBA, bool, error) {
	out := image.NewRGBA(image.Rect(0, 0, (r.Dx()+s-1)/s, (r.Dy()+s-1)/s))
	pixel := g.pixelRGBA(g.imgs[li])
	preview, err := g.visit(li, r, s, func(ox, oy int, b []byte, i int) {
		o := oy*out.Stride + ox*4
		pixel(b, i, out.Pix[o:o+4:o+4])
	})
	return out, preview, err
}

// valuesEvery is values of every s-th pixel of r (a decimated read).
func (g *tiffGrid) valuesEvery(li int, r image.Rectangle, s int) ([]float32, int, int, bool, error) {
	d := g.imgs[li]
	w, h := (r.Dx()+s-1)/s, (r.Dy()+s-1)/s
	out := make([]float32, w*h)
	bo := g.t.bo
	preview, err := g.visit(li, r, s, func(ox, oy int, b []byte, i int) {
		out[oy*w+ox] = g.height(d.sample(b, i, bo))
	})
	return out, w, h, preview, err
}

// height is a sample as a height: NaN for nodata, or no height on Earth.
func (g *tiffGrid) height(v float64) float32 {
	if (!math.IsNaN(g.nodata) && v == g.nodata) || v < -12000 || v > 9000 || math.IsNaN(v) {
		return float32(math.NaN())
	}
	return float32(v)
}

// pixelRGBA returns the function that writes the pixel at sample index i
// of a block of d into p, premultiplied (left transparent for nodata).
func (g *tiffGrid) pixelRGBA(d *ifd) func(b []byte, i int, p []uint8) {
	bo := g.t.bo
	shift := 0.0 // scale samples to 8 bits
	switch d.bits {
	case 16:
		shift = 1.0 / 257
	}
	to8 := func(v float64) uint8 {
		if shift != 0 {
			v *= shift
		}
		return clamp8(v)
	}
	alpha := d.spp == 4 || d.spp == 2
	return func(b []byte, i int, p []uint8) {
		switch {
		case d.photo == 3 && len(d.colormap) >= 3<<d.bits:
			n := 1 << d.bits
			k := int(d.sample(b, i, bo))
			if !math.IsNaN(g.nodata) && float64(k) == g.nodata {
				return
			}
			p[0], p[1], p[2], p[3] = uint8(d.colormap[k]>>8), uint8(d.colormap[n+k]>>8), uint8(d.colormap[2*n+k]>>8), 255
		case d.spp >= 3:
			rr, gg, bb := d.sample(b, i, bo), d.sample(b, i+1, bo), d.sample(b, i+2, bo)
			if !math.IsNaN(g.nodata) && rr == g.nodata && gg == g.nodata && bb == g.nodata {
				return
			}
			a := uint8(255)
			if alpha {
				a = to8(d.sample(b, i+3, bo))
			}
			// premultiply
			p[0] = uint8(uint32(to8(rr)) * uint32(a) / 255)
			p[1] = uint8(uint32(to8(gg)) * uint32(a) / 255)
			p[2] = uint8(uint32(to8(bb)) * uint32(a) / 255)
			p[3] = a
		default:
			v := d.sample(b, i, bo)
			if !math.IsNaN(g.nodata) && v == g.nodata {
				return
			}
			c := to8(v)
			if d.photo == 0 {
				c = 255 - c
			}
			a := uint8(255)
			if alpha {
				a = to8(d.sample(b, i+1, bo))
			}
			c = uint8(uint32(c) * uint32(a) / 255)
			p[0], p[1], p[2], p[3] = c, c, c, a
		}
	}
}

// rgb8 is rgba's fast path for 8-bit RGB(A) imagery, the common case:
// rows copied block by block, without a call per pixel.
func (g *tiffGrid) rgb8(li int, r image.Rectangle) (*image.RGBA, error) {
	d := g.imgs[li]
	out := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	nd := -1
	if !math.IsNaN(g.nodata) && g.nodata >= 0 && g.nodata <= 255 && g.nodata == math.Trunc(g.nodata) {
		nd = int(g.nodata)
	}
	spp := d.spp
	err := g.eachBlock(li, r, func(b []byte, bx, by int, br image.Rectangle) {
		for y := br.Min.Y; y < br.Max.Y; y++ {
			src := b[((y-by*d.th)*d.tw+(br.Min.X-bx*d.tw))*spp:]
			dst := out.Pix[(y-r.Min.Y)*out.Stride+(br.Min.X-r.Min.X)*4:]
			for x, i, o := 0, 0, 0; x < br.Dx(); x, i, o = x+1, i+spp, o+4 {
				cr, cg, cb := src[i], src[i+1], src[i+2]
				a := uint8(255)
				if spp == 4 {
					a = src[i+3]
				}
				if nd >= 0 && int(cr) == nd && int(cg) == nd && int(cb) == nd {
					continue
				}
				if a != 255 {
					cr, cg, cb = uint8(uint32(cr)*uint32(a)/255), uint8(uint32(cg)*uint32(a)/255), uint8(uint32(cb)*uint32(a)/255)
				}
				dst[o], dst[o+1], dst[o+2], dst[o+3] = cr, cg, cb, a
			}
		}
	})
	return out, err
}

func (g *tiffGrid) values(li int, r image.Rectangle) ([]float32, error) {
	d := g.imgs[li]
	out := make([]float32, r.Dx()*r.Dy())
	bo := g.t.bo
	err := g.each(li, r, func(x, y int, b []byte, i int) {
		out[(y-r.Min.Y)*r.Dx()+(x-r.Min.X)] = g.height(d.sample(b, i, bo))
	})
	return out, err
}
