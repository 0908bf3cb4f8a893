package basemap

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"image"
	"image/draw"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/planatlas/planatlas/geo/crs"
)

// WorldFile is the six numbers of an ESRI world file (.jgw, .pgw, .tfw,
// .wld): x = A·col + B·row + C and y = D·col + E·row + F, with (C, F) the
// centre of the top-left pixel.
type WorldFile struct{ A, D, B, E, C, F float64 }

// ReadWorldFile reads a world file.
func ReadWorldFile(path string) (WorldFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return WorldFile{}, err
	}
	defer f.Close()
	var v []float64
	sc := bufio.NewScanner(f)
	for sc.Scan() && len(v) < 6 {
		s := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if s == "" {
			continue
		}
		x, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
		if err != nil {
			return WorldFile{}, said(ProblemDamaged, "%s: line %q is not a number", "%s：%q 不是数字", filepath.Base(path), s)
		}
		v = append(v, x)
	}
	if len(v) < 6 {
		return WorldFile{}, said(ProblemDamaged, "%s: a world file has six numbers, this has %d", "%s：坐标文件应有六个数，这里有 %d 个", filepath.Base(path), len(v))
	}
	w := WorldFile{v[0], v[1], v[2], v[3], v[4], v[5]}
	if w.A*w.E-w.B*w.D == 0 {
		return WorldFile{}, said(ProblemDamaged, "%s: the pixel size is zero", "%s：像素大小为零", filepath.Base(path))
	}
	return w, nil
}

// Write writes the world file (to a temporary file renamed into place).
func (w WorldFile) Write(path string) error {
	s := fmt.Sprintf("%.10f\n%.10f\n%.10f\n%.10f\n%.6f\n%.6f\n", w.A, w.D, w.B, w.E, w.C, w.F)
	return atomicfile.Write(path, func(out io.Writer) error { _, err := out.Write([]byte(s)); return err })
}

// geoTransform is the world file as GDAL's corner-based transform.
func (w WorldFile) geoTransform() [6]float64 {
	return [6]float64{w.C - w.A/2 - w.B/2, w.A, w.B, w.F - w.D/2 - w.E/2, w.D, w.E}
}

// WorldFileFor returns the world file's path for an image: .jgw for .jpg,
// .pgw for .png, .tfw for .tif (the first letter of the extension, its
// last, then w), or .wld.
func WorldFileFor(image string) []string {
	ext := filepath.Ext(image)
	base := strings.TrimSuffix(image, ext)
	e := strings.TrimPrefix(ext, ".")
	var out []string
	if len(e) >= 2 {
		short := strings.ToLower(e[:1] + e[len(e)-1:] + "w")
		out = append(out, base+"."+short, base+"."+strings.ToUpper(short), base+"."+strings.ToLower(e)+"w")
	}
	return append(out, base+".wld", image+".aux.wld")
}

// findWorldFile reads the world file beside an image.
func findWorldFile(path string) (WorldFile, error) {
	for _, p := range WorldFileFor(path) {
		if _, err := os.Stat(p); err == nil {
			return ReadWorldFile(p)
		}
	}
	return WorldFile{}, said(ProblemNoGeoref, "%s has no world file (.jgw/.pgw/.tfw/.wld) or GDAL .aux.xml beside it: georeference it first", "%s 旁没有坐标文件（.jgw/.pgw/.tfw/.wld）或 GDAL .aux.xml：请先配准", filepath.Base(path))
}

// imageGrid is a decoded image with a pyramid of halved copies.
type imageGrid struct {
	lv   []gridLevel
	imgs []*image.RGBA
}

// MaxImagePixels is the most pixels a JPEG or PNG base map may declare:
// such an image is decoded whole (4 bytes a pixel, and its decoder's own
// copy), so this keeps one under a gigabyte; a GeoTIFF is read by blocks
// and has no such limit.
const MaxImagePixels = 100_000_000

// OpenWorldImage opens a JPEG or PNG (a scanned plan map, an exported
// image) placed by its world file; the coordinate system comes from the
// .prj beside it, or epsg when it has none (0: none given, an error).
func OpenWorldImage(path string, epsg int) (*Raster, error) {
	aux := readAux(path)
	var gt [6]float64
	switch wf, werr := findWorldFile(path); {
	case werr == nil:
		gt = wf.geoTransform()
	case len(aux.GeoTransform) == 6:
		copy(gt[:], aux.GeoTransform)
	default:
		return nil, werr
	}
	var sys crs.CRS
	var err error
	prj := strings.TrimSuffix(path, filepath.Ext(path)) + ".prj"
	switch b, rerr := os.ReadFile(prj); {
	case epsg != 0:
		sys, err = crs.FromEPSG(epsg)
	case rerr == nil:
		sys, err = crs.FromWKT(string(b))
	case aux.SRS != "":
		sys, err = crs.FromWKT(aux.SRS)
	default:
		err = said(ProblemNeedsCRS, "%s has no .prj beside it: choose its coordinate system", "%s 旁没有 .prj：请选择坐标系", filepath.Base(path))
	}
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		f.Close()
		name := filepath.Base(path)
		return nil, &Error{Problem: ProblemNotBasemap,
			Detail: fmt.Sprintf("%s is not an image this reads (JPEG or PNG)", name),
			Zh:     fmt.Sprintf("%s 不是可读的图像（JPG 或 PNG）", name)}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > MaxImagePixels {
		f.Close()
		name := filepath.Base(path)
		return nil, &Error{Problem: ProblemTooLarge,
			Detail: fmt.Sprintf("%s declares %d × %d pixels; a JPEG or PNG base map may have %d million: save it as a tiled GeoTIFF (gdal_translate -co TILED=YES), which opens at any size",
				name, cfg.Width, cfg.Height, MaxImagePixels/1_000_000),
			Zh: fmt.Sprintf("%s 声明有 %d × %d 像素，JPG/PNG 底图最多 %d 万像素：请存为分块 GeoTIFF（gdal_translate -co TILED=YES），任何大小都能打开",
				name, cfg.Width, cfg.Height, MaxImagePixels/10_000)}
	}
	f.Seek(0, 0)
	img, _, err := image.Decode(f)
	f.Close()
	if err != nil {
		name := filepath.Base(path)
		return nil, &Error{Problem: ProblemDamaged,
			Detail: fmt.Sprintf("%s is cut short or damaged: its pixels cannot be read", name),
			Zh:     fmt.Sprintf("%s 不完整或已损坏，无法读出像素", name)}
	}
	rgba, ok := img.(*image.RGBA)
	if !ok || rgba.Rect.Min != (image.Point{}) {
		rgba = image.NewRGBA(image.Rect(0, 0, img.Bounds().Dx(), img.Bounds().Dy()))
		draw.Draw(rgba, rgba.Rect, img, img.Bounds().Min, draw.Src)
	}
	g := &imageGrid{}
	g.add(rgba, 1)
	for cur, k := rgba, 2.0; max(cur.Rect.Dx(), cur.Rect.Dy()) > 512; k *= 2 {
		cur = halve(cur)
		g.add(cur, float64(rgba.Rect.Dx())/float64(cur.Rect.Dx()))
	}
	info := Info{Name: filepath.Base(path)}
	info.CRS = sys
	return newRaster(g, gt, sys, info)
}

// pamDataset is what GDAL's .aux.xml beside an image can say of where it
// lies: its coordinate system (WKT) and its geotransform.
type pamDataset struct {
	SRS          string
	GeoTransform []float64
}

// readAux reads the .aux.xml that GDAL (and QGIS) write beside a JPEG or
// PNG; an absent or unreadable one says nothing.
func readAux(path string) pamDataset {
	var doc struct {
		SRS string `xml:"SRS"`
		GT  string `xml:"GeoTransform"`
	}
	var out pamDataset
	b, err := os.ReadFile(path + ".aux.xml")
	if err != nil || xml.Unmarshal(b, &doc) != nil {
		return out
	}
	out.SRS = strings.TrimSpace(doc.SRS)
	for _, f := range strings.FieldsFunc(doc.GT, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' }) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return pamDataset{SRS: out.SRS}
		}
		out.GeoTransform = append(out.GeoTransform, v)
	}
	return out
}

func (g *imageGrid) add(m *image.RGBA, factor float64) {
	g.imgs = append(g.imgs, m)
	g.lv = append(g.lv, gridLevel{w: m.Rect.Dx(), h: m.Rect.Dy(), factor: factor})
}

// halve averages 2×2 blocks.
func halve(m *image.RGBA) *image.RGBA {
	w, h := max(1, m.Rect.Dx()/2), max(1, m.Rect.Dy()/2)
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			o := y*out.Stride + x*4
			for k := 0; k < 4; k++ {
				s := 0
				for _, d := range [][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
					sx, sy := min(2*x+d[0], m.Rect.Dx()-1), min(2*y+d[1], m.Rect.Dy()-1)
					s += int(m.Pix[sy*m.Stride+sx*4+k])
				}
				out.Pix[o+k] = uint8((s + 2) / 4)
			}
		}
	}
	return out
}

func (g *imageGrid) levels() []gridLevel { return g.lv }
func (g *imageGrid) close() error        { g.imgs = nil; return nil }

func (g *imageGrid) rgba(li int, r image.Rectangle) (*image.RGBA, error) {
	m := g.imgs[li]
	out := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(out, out.Rect, m, r.Min, draw.Src)
	return out, nil
}

func (g *imageGrid) values(li int, r image.Rectangle) ([]float32, error) {
	m := g.imgs[li]
	out := make([]float32, r.Dx()*r.Dy())
	for y := 0; y < r.Dy(); y++ {
		for x := 0; x < r.Dx(); x++ {
			p := m.Pix[(r.Min.Y+y)*m.Stride+(r.Min.X+x)*4:]
			if p[3] == 0 {
				out[y*r.Dx()+x] = float32(math.NaN())
			} else {
				out[y*r.Dx()+x] = float32(p[0])
			}
		}
	}
	return out, nil
}
