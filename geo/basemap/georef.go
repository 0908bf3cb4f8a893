package basemap

import (
	"errors"
	"fmt"
	"html"
	"image"
	"image/draw"
	_ "image/jpeg" // scans are often JPEG
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/planatlas/planatlas/geo/crs"
)

// ControlPoint pairs a point on an image (pixels: x right, y down, from
// the top-left corner of the top-left pixel) with its place on the map.
type ControlPoint struct {
	Pixel  [2]float64
	LonLat orb.Point
}

// Georeference is a fitted placement of an image: from its pixels to the
// metres of a CGCS2000 Gauss–Krüger 3° zone (chosen by the points'
// longitude, so residuals are true ground metres and the result opens in
// QGIS and ArcGIS), affine (order 1) or second-order polynomial.
type Georeference struct {
	Order     int       // 1: affine (3+ points); 2: second order (6+ points)
	EPSG      int       // the zone: CGCS2000 3-degree Gauss-Kruger CM, 4534–4554
	Residuals []float64 // each point's distance from where the fit puts it, metres
	RMS       float64   // root mean square of the residuals, metres

	sys    crs.CRS
	fx, fy []float64 // pixel → x, y coefficients
	ix, iy []float64 // x, y → pixel (for warping a second-order fit)
	cm     float64
}

// MinPoints is the number of control points an order needs.
func MinPoints(order int) int {
	if order == 2 {
		return 6
	}
	return 3
}

// terms are the polynomial's terms at (u, v).
func terms(order int, u, v float64) []float64 {
	if order == 2 {
		return []float64{1, u, v, u * u, u * v, v * v}
	}
	return []float64{1, u, v}
}

// Fit fits a georeference of the given order to the control points.
func Fit(pts []ControlPoint, order int) (*Georeference, error) {
	if order != 1 && order != 2 {
		return nil, fmt.Errorf("order %d: 1 (affine) or 2", order)
	}
	if len(pts) < MinPoints(order) {
		return nil, fmt.Errorf("%d control points; order %d needs %d", len(pts), order, MinPoints(order))
	}
	var lon float64
	for _, p := range pts {
		lon += p.LonLat[0]
	}
	lon /= float64(len(pts))
	cm := math.Round(lon/3) * 3
	cm = math.Min(135, math.Max(75, cm))
	epsg := 4534 + int((cm-75)/3)
	sys, err := crs.FromEPSG(epsg)
	if err != nil {
		return nil, err
	}
	g := &Georeference{Order: order, EPSG: epsg, sys: sys, cm: cm}
	px := make([][]float64, len(pts))
	xs, ys := make([]float64, len(pts)), make([]float64, len(pts))
	us, vs := make([]float64, len(pts)), make([]float64, len(pts))
	for i, p := range pts {
		w := sys.FromLonLat(p.LonLat)
		xs[i], ys[i] = w[0], w[1]
		us[i], vs[i] = p.Pixel[0], p.Pixel[1]
		px[i] = terms(order, us[i], vs[i])
	}
	if g.fx, err = leastSquares(px, xs); err != nil {
		return nil, err
	}
	if g.fy, err = leastSquares(px, ys); err != nil {
		return nil, err
	}
	// The inverse, fitted the same way, in metres relative to the points'
	// centre (well conditioned).
	wx := make([][]float64, len(pts))
	for i := range pts {
		wx[i] = terms(order, (xs[i]-g.fx[0])/1000, (ys[i]-g.fy[0])/1000)
	}
	g.ix, _ = leastSquares(wx, us)
	g.iy, _ = leastSquares(wx, vs)
	var ss float64
	for i := range pts {
		x, y := g.apply(us[i], vs[i])
		r := math.Hypot(x-xs[i], y-ys[i])
		g.Residuals = append(g.Residuals, r)
		ss += r * r
	}
	g.RMS = math.Sqrt(ss / float64(len(pts)))
	return g, nil
}

// apply maps a pixel position to zone metres.
func (g *Georeference) apply(u, v float64) (x, y float64) {
	t := terms(g.Order, u, v)
	for k := range t {
		x += g.fx[k] * t[k]
		y += g.fy[k] * t[k]
	}
	return x, y
}

// LonLat maps a pixel position of the image to lon/lat.
func (g *Georeference) LonLat(u, v float64) orb.Point {
	x, y := g.apply(u, v)
	return g.sys.ToLonLat(orb.Point{x, y})
}

// Pixel maps lon/lat to the image's pixels (through the fitted inverse).
func (g *Georeference) Pixel(p orb.Point) (u, v float64) {
	w := g.sys.FromLonLat(p)
	t := terms(g.Order, (w[0]-g.fx[0])/1000, (w[1]-g.fy[0])/1000)
	for k := range t {
		u += g.ix[k] * t[k]
		v += g.iy[k] * t[k]
	}
	return u, v
}

// WorldFile is the affine fit as a world file (order 1 only).
func (g *Georeference) WorldFile() (WorldFile, error) {
	if g.Order != 1 {
		return WorldFile{}, errors.New("a second-order fit has no world file: save a warped copy")
	}
	a, b, c := g.fx[1], g.fx[2], g.fx[0]
	d, e, f := g.fy[1], g.fy[2], g.fy[0]
	// The world file names the centre of the top-left pixel.
	return WorldFile{A: a, B: b, C: c + a/2 + b/2, D: d, E: e, F: f + d/2 + e/2}, nil
}

// PRJ is the zone's WKT, for the .prj beside the image. Its axes are
// easting first, the order of the world file's x and y and of every GIS
// (EPSG lists these zones northing first: a WKT that says so, read with
// GDAL's data-axis mapping 1,2, put a scan of 106.7°E 31.8°N at 134°E 3°N).
func (g *Georeference) PRJ() string {
	return fmt.Sprintf(`PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM %gE",GEOGCS["China Geodetic Coordinate System 2000",`+
		`DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],`+
		`PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],`+
		`PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",%g],`+
		`PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],`+
		`UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","%d"]]`, g.cm, g.cm, g.EPSG)
}

// Save writes the georeference beside the image so that it opens again
// (here and in QGIS): an affine fit as a world file (.pgw/.jgw/.tfw) and
// a .prj; a second-order fit as a warped copy (name_georef.png) with its
// own world file and .prj. It returns the image to open.
func (g *Georeference) Save(imagePath string) (string, error) {
	base := strings.TrimSuffix(imagePath, filepath.Ext(imagePath))
	if g.Order == 1 {
		wf, _ := g.WorldFile()
		if err := wf.Write(WorldFileFor(imagePath)[0]); err != nil {
			return "", err
		}
		return imagePath, g.writeCRS(imagePath)
	}
	f, err := os.Open(imagePath)
	if err != nil {
		return "", err
	}
	img, _, err := image.Decode(f)
	f.Close()
	if err != nil {
		return "", err
	}
	out, wf := g.Warp(img)
	warped := base + "_georef.png"
	if err := atomicfile.Write(warped, func(w io.Writer) error { return png.Encode(w, out) }); err != nil {
		return "", err
	}
	if err := wf.Write(strings.TrimSuffix(warped, ".png") + ".pgw"); err != nil {
		return "", err
	}
	return warped, g.writeCRS(warped)
}

// writeCRS writes the zone beside an image twice: as a .prj (ArcGIS, and
// Plan Atlas) and in GDAL's .aux.xml (which QGIS and GDAL read for a
// JPEG or PNG).
func (g *Georeference) writeCRS(imagePath string) error {
	put := func(path, s string) error {
		return atomicfile.Write(path, func(w io.Writer) error { _, err := io.WriteString(w, s); return err })
	}
	if err := put(strings.TrimSuffix(imagePath, filepath.Ext(imagePath))+".prj", g.PRJ()); err != nil {
		return err
	}
	aux := "<PAMDataset>\n  <SRS dataAxisToSRSAxisMapping=\"1,2\">" + html.EscapeString(g.PRJ()) + "</SRS>\n</PAMDataset>\n"
	return put(imagePath+".aux.xml", aux)
}

// Warp resamples the image onto a north-up grid of the zone (nearest
// pixel), for a second-order fit: the new image and its world file.
func (g *Georeference) Warp(img image.Image) (*image.RGBA, WorldFile) {
	b := img.Bounds()
	W, H := float64(b.Dx()), float64(b.Dy())
	minx, miny, maxx, maxy := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := 0; i <= 16; i++ {
		for _, uv := range [][2]float64{{W * float64(i) / 16, 0}, {W * float64(i) / 16, H}, {0, H * float64(i) / 16}, {W, H * float64(i) / 16}} {
			x, y := g.apply(uv[0], uv[1])
			minx, maxx = math.Min(minx, x), math.Max(maxx, x)
			miny, maxy = math.Min(miny, y), math.Max(maxy, y)
		}
	}
	x0, y0 := g.apply(0, 0)
	x1, y1 := g.apply(1, 1)
	res := math.Max(math.Hypot(x1-x0, y1-y0)/math.Sqrt2, 1e-6) // metres per source pixel
	ow, oh := int(math.Ceil((maxx-minx)/res)), int(math.Ceil((maxy-miny)/res))
	if ow*oh > 100e6 { // keep the copy to 100 Mpx
		k := math.Sqrt(float64(ow*oh) / 100e6)
		res *= k
		ow, oh = int(math.Ceil((maxx-minx)/res)), int(math.Ceil((maxy-miny)/res))
	}
	src := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(src, src.Rect, img, b.Min, draw.Src)
	out := image.NewRGBA(image.Rect(0, 0, ow, oh))
	for j := 0; j < oh; j++ {
		for i := 0; i < ow; i++ {
			x, y := minx+(float64(i)+0.5)*res, maxy-(float64(j)+0.5)*res
			t := terms(g.Order, (x-g.fx[0])/1000, (y-g.fy[0])/1000)
			var u, v float64
			for k := range t {
				u += g.ix[k] * t[k]
				v += g.iy[k] * t[k]
			}
			if u < 0 || v < 0 || u >= W || v >= H {
				continue
			}
			copy(out.Pix[j*out.Stride+i*4:j*out.Stride+i*4+4], src.Pix[int(v)*src.Stride+int(u)*4:])
		}
	}
	return out, WorldFile{A: res, E: -res, C: minx + res/2, F: maxy - res/2}
}

// leastSquares solves A·x ≈ b by the normal equations with partial
// pivoting (a handful of unknowns).
func leastSquares(A [][]float64, b []float64) ([]float64, error) {
	n := len(A[0])
	M := make([][]float64, n)
	for i := range M {
		M[i] = make([]float64, n+1)
	}
	for r := range A {
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				M[i][j] += A[r][i] * A[r][j]
			}
			M[i][n] += A[r][i] * b[r]
		}
	}
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(M[r][c]) > math.Abs(M[p][c]) {
				p = r
			}
		}
		if math.Abs(M[p][c]) < 1e-12*math.Max(1, math.Abs(M[0][0])) {
			return nil, errors.New("the control points are in a line or repeated: spread them over the image")
		}
		M[c], M[p] = M[p], M[c]
		for r := 0; r < n; r++ {
			if r != c {
				f := M[r][c] / M[c][c]
				for k := c; k <= n; k++ {
					M[r][k] -= f * M[c][k]
				}
			}
		}
	}
	x := make([]float64, n)
	for i := range x {
		x[i] = M[i][n] / M[i][i]
	}
	return x, nil
}
