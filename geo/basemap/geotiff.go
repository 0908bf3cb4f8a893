package basemap

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"image/jpeg"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/image/tiff/lzw"
)

// This is a lazy GeoTIFF reader: it reads the directory (IFDs, GeoKeys)
// on open and the tiles or strips a view needs when it is drawn, from
// the full-resolution image or its overviews. golang.org/x/image/tiff
// decodes a whole image at once and drops the GeoTIFF tags, and no
// pure-Go GeoTIFF reader is served by the module proxy here; cgo/GDAL
// is not an option for the one-file Windows and macOS builds.

// TIFF tags used.
const (
	tagNewSubfileType  = 254
	tagWidth           = 256
	tagHeight          = 257
	tagBitsPerSample   = 258
	tagCompression     = 259
	tagPhotometric     = 262
	tagStripOffsets    = 273
	tagSamplesPerPixel = 277
	tagRowsPerStrip    = 278
	tagStripByteCounts = 279
	tagPlanarConfig    = 284
	tagPredictor       = 317
	tagColorMap        = 320
	tagTileWidth       = 322
	tagTileLength      = 323
	tagTileOffsets     = 324
	tagTileByteCounts  = 325
	tagExtraSamples    = 338
	tagSampleFormat    = 339
	tagJPEGTables      = 347
	tagModelPixelScale = 33550
	tagModelTiepoint   = 33922
	tagModelTransform  = 34264
	tagGeoKeyDirectory = 34735
	tagGeoDoubleParams = 34736
	tagGDALNoData      = 42113
)

// tiffFile is an open TIFF: its directories and the file they index.
type tiffFile struct {
	f    *os.File
	bo   binary.ByteOrder
	big  bool
	ifds []*ifd
	size int64
}

// ifd is one image of the file (the full image or an overview).
type ifd struct {
	tags map[uint16][]uint64 // numeric values
	dbl  map[uint16][]float64
	str  map[uint16]string
	raw  map[uint16][]byte

	w, h, spp, bits, comp, pred, format, photo, planar int
	tw, th                                             int // block size (a strip is w × rows)
	offsets, counts                                    []uint64
	tiled                                              bool
	colormap                                           []uint64
}

func (d *ifd) first(tag uint16, def int) int {
	if v := d.tags[tag]; len(v) > 0 {
		return int(v[0])
	}
	return def
}

// openTIFF reads a TIFF's header and every directory.
func openTIFF(path string) (*tiffFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	t := &tiffFile{f: f, size: st.Size()}
	if err := t.readHeader(); err != nil {
		f.Close()
		return nil, named(filepath.Base(path), err)
	}
	return t, nil
}

func (t *tiffFile) readHeader() error {
	var h [16]byte
	if _, err := t.f.ReadAt(h[:8], 0); err != nil {
		return said(ProblemNotBasemap, "not a TIFF file (too short)", "不是 TIFF 文件（太短）")
	}
	switch string(h[:2]) {
	case "II":
		t.bo = binary.LittleEndian
	case "MM":
		t.bo = binary.BigEndian
	default:
		return said(ProblemNotBasemap, "not a TIFF file", "不是 TIFF 文件")
	}
	var next uint64
	switch t.bo.Uint16(h[2:]) {
	case 42:
		next = uint64(t.bo.Uint32(h[4:]))
	case 43:
		t.big = true
		if _, err := t.f.ReadAt(h[:16], 0); err != nil {
			return err
		}
		next = t.bo.Uint64(h[8:])
	default:
		return said(ProblemNotBasemap, "not a TIFF file (bad version)", "不是 TIFF 文件（版本号不对）")
	}
	seen := map[uint64]bool{}
	for next != 0 && len(t.ifds) < 64 {
		if seen[next] || int64(next) >= t.size {
			return said(ProblemDamaged, "a directory of the TIFF points outside the file or back to itself", "TIFF 的目录指向文件之外或指回自身")
		}
		seen[next] = true
		d, n, err := t.readIFD(next)
		if err != nil {
			return err
		}
		t.ifds = append(t.ifds, d)
		next = n
	}
	if len(t.ifds) == 0 {
		return said(ProblemDamaged, "the TIFF holds no image", "TIFF 中没有图像")
	}
	return nil
}

// typeSize is the byte size of a TIFF field type.
func typeSize(typ uint16) int {
	switch typ {
	case 1, 2, 6, 7:
		return 1
	case 3, 8:
		return 2
	case 4, 9, 11, 13:
		return 4
	case 5, 10, 12, 16, 17, 18:
		return 8
	}
	return 0
}

func (t *tiffFile) readIFD(off uint64) (*ifd, uint64, error) {
	d := &ifd{tags: map[uint16][]uint64{}, dbl: map[uint16][]float64{}, str: map[uint16]string{}, raw: map[uint16][]byte{}}
	cntSize, entSize, offSize := 2, 12, 4
	if t.big {
		cntSize, entSize, offSize = 8, 20, 8
	}
	buf := make([]byte, cntSize)
	if _, err := t.f.ReadAt(buf, int64(off)); err != nil {
		return nil, 0, said(ProblemDamaged, "a directory of the TIFF is damaged", "TIFF 的目录已损坏")
	}
	var n uint64
	if t.big {
		n = t.bo.Uint64(buf)
	} else {
		n = uint64(t.bo.Uint16(buf))
	}
	if n > 4096 {
		return nil, 0, said(ProblemDamaged, "a directory of the TIFF is damaged (too many entries)", "TIFF 的目录已损坏（条目过多）")
	}
	ents := make([]byte, int(n)*entSize+offSize)
	if _, err := t.f.ReadAt(ents, int64(off)+int64(cntSize)); err != nil {
		return nil, 0, said(ProblemDamaged, "a directory of the TIFF is damaged", "TIFF 的目录已损坏")
	}
	for i := 0; i < int(n); i++ {
		e := ents[i*entSize:]
		tag, typ := t.bo.Uint16(e), t.bo.Uint16(e[2:])
		var count uint64
		var val []byte
		if t.big {
			count, val = t.bo.Uint64(e[4:]), e[12:20]
		} else {
			count, val = uint64(t.bo.Uint32(e[4:])), e[8:12]
		}
		sz := typeSize(typ)
		if sz == 0 || count > 1<<28 {
			continue
		}
		total := uint64(sz) * count
		data := val[:min(int(total), len(val))]
		if total > uint64(len(val)) {
			var p uint64
			if t.big {
				p = t.bo.Uint64(val)
			} else {
				p = uint64(t.bo.Uint32(val))
			}
			if p+total > uint64(t.size) {
				return nil, 0, said(ProblemDamaged, "tag %d of the TIFF points outside the file", "TIFF 的标签 %d 指向文件之外", tag)
			}
			data = make([]byte, total)
			if _, err := t.f.ReadAt(data, int64(p)); err != nil {
				return nil, 0, err
			}
		}
		switch typ {
		case 2:
			d.str[tag] = strings.TrimRight(string(data), "\x00")
		case 1, 7, 6:
			d.raw[tag] = data
			for _, b := range data {
				d.tags[tag] = append(d.tags[tag], uint64(b))
			}
		case 3, 8:
			for j := 0; j+2 <= len(data); j += 2 {
				d.tags[tag] = append(d.tags[tag], uint64(t.bo.Uint16(data[j:])))
			}
		case 4, 9, 13:
			for j := 0; j+4 <= len(data); j += 4 {
				d.tags[tag] = append(d.tags[tag], uint64(t.bo.Uint32(data[j:])))
			}
		case 16, 17, 18:
			for j := 0; j+8 <= len(data); j += 8 {
				d.tags[tag] = append(d.tags[tag], t.bo.Uint64(data[j:]))
			}
		case 12:
			for j := 0; j+8 <= len(data); j += 8 {
				d.dbl[tag] = append(d.dbl[tag], math.Float64frombits(t.bo.Uint64(data[j:])))
			}
		case 11:
			for j := 0; j+4 <= len(data); j += 4 {
				d.dbl[tag] = append(d.dbl[tag], float64(math.Float32frombits(t.bo.Uint32(data[j:]))))
			}
		case 5:
			for j := 0; j+8 <= len(data); j += 8 {
				num, den := t.bo.Uint32(data[j:]), t.bo.Uint32(data[j+4:])
				if den != 0 {
					d.dbl[tag] = append(d.dbl[tag], float64(num)/float64(den))
				}
			}
		}
	}
	var next uint64
	if t.big {
		next = t.bo.Uint64(ents[int(n)*entSize:])
	} else {
		next = uint64(t.bo.Uint32(ents[int(n)*entSize:]))
	}
	d.w, d.h = d.first(tagWidth, 0), d.first(tagHeight, 0)
	d.spp, d.bits = d.first(tagSamplesPerPixel, 1), d.first(tagBitsPerSample, 1)
	d.comp, d.pred = d.first(tagCompression, 1), d.first(tagPredictor, 1)
	d.format, d.photo = d.first(tagSampleFormat, 1), d.first(tagPhotometric, 1)
	d.planar = d.first(tagPlanarConfig, 1)
	d.colormap = d.tags[tagColorMap]
	if d.tags[tagTileWidth] != nil {
		d.tiled = true
		d.tw, d.th = d.first(tagTileWidth, 0), d.first(tagTileLength, 0)
		d.offsets, d.counts = d.tags[tagTileOffsets], d.tags[tagTileByteCounts]
	} else {
		d.tw, d.th = d.w, d.first(tagRowsPerStrip, d.h)
		if d.th <= 0 || d.th > d.h {
			d.th = d.h
		}
		d.offsets, d.counts = d.tags[tagStripOffsets], d.tags[tagStripByteCounts]
	}
	if d.w <= 0 || d.h <= 0 || d.tw <= 0 || d.th <= 0 {
		return nil, 0, said(ProblemDamaged, "an image in the TIFF has no size", "TIFF 中的图像没有尺寸")
	}
	d.splitStrips()
	return d, next, nil
}

// maxBlockBytes is the most one block may hold decoded: a tile or strip
// that says more is refused rather than allocated.
const maxBlockBytes = 64 << 20

// splitStrips reads uncompressed strips larger than a block may be (a
// scanner's whole image as one strip) as strips of fewer rows, which lie
// at known places in the file: a view then reads only the rows it needs.
func (d *ifd) splitStrips() {
	row := d.w * max(1, d.bytesPerPixel())
	if d.tiled || d.comp != 1 || d.th*row <= maxBlockBytes || len(d.offsets) == 0 {
		return
	}
	rows := max(1, (16<<20)/row)
	for d.th%rows != 0 { // sub-strips within each strip
		rows--
	}
	strips := (d.h + d.th - 1) / d.th
	if len(d.offsets) < strips {
		return // check() says the file is damaged
	}
	var offs, counts []uint64
	for y := 0; y < d.h; y += rows {
		s := y / d.th
		offs = append(offs, d.offsets[s]+uint64((y-s*d.th)*row))
		counts = append(counts, uint64(min(rows, d.h-y)*row))
	}
	d.offsets, d.counts, d.th = offs, counts, rows
}

// blocksAcross is how many tiles (or 1 strip) span a row.
func (d *ifd) blocksAcross() int { return (d.w + d.tw - 1) / d.tw }

// bytesPerPixel of the stored samples (chunky).
func (d *ifd) bytesPerPixel() int { return d.spp * d.bits / 8 }

// check says whether the reader can decode the image.
func (d *ifd) check() error {
	switch d.comp {
	case 1, 5, 8, 32946, 7:
	default:
		return said(ProblemUnsupported, "TIFF compression %d is not supported (none, LZW, Deflate and JPEG are)", "不支持 TIFF 压缩方式 %d（支持无压缩、LZW、Deflate 和 JPEG）", d.comp)
	}
	if d.planar != 1 && d.spp > 1 {
		return said(ProblemUnsupported, "a TIFF with separate colour planes is not supported", "不支持分色平面存储的 TIFF")
	}
	if d.bits != 8 && d.bits != 16 && d.bits != 32 && d.bits != 64 {
		return said(ProblemUnsupported, "a TIFF with %d bits per sample is not supported", "不支持每样本 %d 位的 TIFF", d.bits)
	}
	n := ((d.h + d.th - 1) / d.th) * d.blocksAcross()
	if len(d.offsets) < n || len(d.counts) < n {
		return said(ProblemDamaged, "the TIFF has fewer blocks than its image needs", "TIFF 的数据块少于图像所需")
	}
	if d.tiled && (d.tw%16 != 0 || d.th%16 != 0) {
		// The TIFF standard's rule; tiles of a pixel or two would make a
		// view read millions of them.
		return said(ProblemDamaged, "the TIFF's tiles are %d × %d pixels; tiles are multiples of 16", "TIFF 的分块为 %d × %d 像素，而分块须为 16 的倍数", d.tw, d.th)
	}
	if d.tw*d.th*d.bytesPerPixel() > maxBlockBytes {
		return said(ProblemUnsupported, "a block of this TIFF holds %d × %d pixels (%d MB), more than %d MB: rewrite it tiled (gdal_translate -co TILED=YES)",
			"该 TIFF 的一个数据块有 %d × %d 像素（%d MB），超过 %d MB：请重存为分块 TIFF（gdal_translate -co TILED=YES）",
			d.tw, d.th, d.tw*d.th*d.bytesPerPixel()>>20, maxBlockBytes>>20)
	}
	return nil
}

// block reads and decompresses block i, undoing the predictor; the result
// holds tw × th pixels (a last strip may be shorter: padded with zeros).
func (t *tiffFile) block(d *ifd, i int) ([]byte, error) {
	off, n := d.offsets[i], d.counts[i]
	if off+n > uint64(t.size) || n > 1<<30 {
		return nil, said(ProblemDamaged, "a block of the TIFF lies outside the file (cut short?)", "TIFF 的数据块位于文件之外（文件不完整？）")
	}
	want := d.tw * d.th * d.bytesPerPixel()
	if n == 0 {
		return make([]byte, want), nil // a sparse block: nodata
	}
	raw := make([]byte, n)
	if _, err := t.f.ReadAt(raw, int64(off)); err != nil {
		return nil, err
	}
	var out []byte
	switch d.comp {
	case 1:
		out = raw
	case 5:
		r := lzw.NewReader(bytes.NewReader(raw), lzw.MSB, 8)
		var err error
		out, err = io.ReadAll(io.LimitReader(r, int64(want)))
		r.Close()
		if err != nil && len(out) < want {
			return nil, said(ProblemDamaged, "an LZW block of the TIFF is damaged", "TIFF 的一个 LZW 数据块已损坏")
		}
	case 8, 32946:
		r, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, said(ProblemDamaged, "a Deflate block of the TIFF is damaged", "TIFF 的一个 Deflate 数据块已损坏")
		}
		out, err = io.ReadAll(io.LimitReader(r, int64(want)))
		if err != nil && len(out) < want {
			return nil, said(ProblemDamaged, "a Deflate block of the TIFF is damaged", "TIFF 的一个 Deflate 数据块已损坏")
		}
	case 7:
		return t.jpegBlock(d, raw, want)
	}
	if len(out) < want {
		out = append(out, make([]byte, want-len(out))...)
	}
	out = out[:want]
	if err := d.unpredict(out, t.bo); err != nil {
		return nil, err
	}
	return out, nil
}

// jpegBlock decodes a JPEG-compressed block (with the file's shared
// tables, as GDAL writes it) to 8-bit RGB or grey samples.
func (t *tiffFile) jpegBlock(d *ifd, raw []byte, want int) ([]byte, error) {
	data := raw
	if tables := d.raw[tagJPEGTables]; len(tables) > 4 && len(raw) > 2 {
		// tables: SOI … EOI; block: SOI … EOI. Join them without the inner markers.
		data = append(append([]byte{}, tables[:len(tables)-2]...), raw[2:]...)
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err == nil && (cfg.Width > d.tw || cfg.Height > d.th) {
		return nil, said(ProblemDamaged, "a JPEG block of the TIFF declares %d × %d pixels in a block of %d × %d", "TIFF 的一个 JPEG 数据块声明 %d × %d 像素，而数据块只有 %d × %d", cfg.Width, cfg.Height, d.tw, d.th)
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, said(ProblemDamaged, "a JPEG block of the TIFF is damaged", "TIFF 的一个 JPEG 数据块已损坏")
	}
	out := make([]byte, want)
	bpp := d.bytesPerPixel()
	b := img.Bounds()
	for y := 0; y < d.th && y < b.Dy(); y++ {
		for x := 0; x < d.tw && x < b.Dx(); x++ {
			r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
			o := (y*d.tw + x) * bpp
			if bpp >= 3 {
				out[o], out[o+1], out[o+2] = byte(r>>8), byte(g>>8), byte(bl>>8)
			} else if bpp == 1 {
				out[o] = byte(r >> 8)
			}
		}
	}
	return out, nil
}

// unpredict undoes horizontal differencing (predictor 2) and the
// floating-point predictor (3) in place.
func (d *ifd) unpredict(b []byte, bo binary.ByteOrder) error {
	switch d.pred {
	case 1:
		return nil
	case 2:
		bps, spp := d.bits/8, d.spp
		row := d.tw * spp * bps
		for y := 0; y+row <= len(b); y += row {
			r := b[y : y+row]
			switch bps {
			case 1:
				for i := spp; i < len(r); i++ {
					r[i] += r[i-spp]
				}
			case 2:
				for i := spp * 2; i+2 <= len(r); i += 2 {
					bo.PutUint16(r[i:], bo.Uint16(r[i:])+bo.Uint16(r[i-spp*2:]))
				}
			case 4:
				for i := spp * 4; i+4 <= len(r); i += 4 {
					bo.PutUint32(r[i:], bo.Uint32(r[i:])+bo.Uint32(r[i-spp*4:]))
				}
			}
		}
		return nil
	case 3:
		bps, spp := d.bits/8, d.spp
		row := d.tw * spp * bps
		tmp := make([]byte, row)
		for y := 0; y+row <= len(b); y += row {
			r := b[y : y+row]
			for i := spp; i < len(r); i++ {
				r[i] += r[i-spp]
			}
			// Bytes were stored most significant first, plane by plane.
			copy(tmp, r)
			n := row / bps
			for i := 0; i < n; i++ {
				for k := 0; k < bps; k++ {
					src := tmp[k*n+i]
					if bo == binary.LittleEndian {
						r[i*bps+bps-1-k] = src
					} else {
						r[i*bps+k] = src
					}
				}
			}
		}
		return nil
	}
	return said(ProblemUnsupported, "TIFF predictor %d is not supported", "不支持 TIFF 预测器 %d", d.pred)
}

// sample reads sample s of pixel o (an index in samples) as float64.
func (d *ifd) sample(b []byte, i int, bo binary.ByteOrder) float64 {
	switch d.bits {
	case 8:
		if d.format == 2 {
			return float64(int8(b[i]))
		}
		return float64(b[i])
	case 16:
		v := bo.Uint16(b[i*2:])
		if d.format == 2 {
			return float64(int16(v))
		}
		return float64(v)
	case 32:
		v := bo.Uint32(b[i*4:])
		switch d.format {
		case 3:
			return float64(math.Float32frombits(v))
		case 2:
			return float64(int32(v))
		}
		return float64(v)
	case 64:
		v := bo.Uint64(b[i*8:])
		if d.format == 3 {
			return math.Float64frombits(v)
		}
		return float64(int64(v))
	}
	return 0
}

// geoKeys returns the GeoKey directory as key → value (short values and
// doubles by index).
func (d *ifd) geoKeys() map[int]float64 {
	dir := d.tags[tagGeoKeyDirectory]
	out := map[int]float64{}
	if len(dir) < 4 {
		return out
	}
	n := int(dir[3])
	for i := 0; i < n && 4+i*4+3 < len(dir); i++ {
		k, loc, cnt, val := int(dir[4+i*4]), dir[4+i*4+1], dir[4+i*4+2], dir[4+i*4+3]
		switch {
		case loc == 0:
			out[k] = float64(val)
		case loc == tagGeoDoubleParams && cnt >= 1 && int(val) < len(d.dbl[tagGeoDoubleParams]):
			out[k] = d.dbl[tagGeoDoubleParams][val]
		}
	}
	return out
}

// noData is GDAL's nodata value, NaN when the file has none.
func (d *ifd) noData() float64 {
	if s, ok := d.str[tagGDALNoData]; ok {
		if v, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			return v
		}
	}
	return math.NaN()
}

// blockCache keeps decoded blocks of one file within a bound.
type blockCache struct {
	mu   sync.Mutex
	max  int64
	used int64
	m    map[[2]int][]byte
	keys [][2]int
}

func (c *blockCache) get(k [2]int) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[k]
	return b, ok
}

func (c *blockCache) put(k [2]int, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[k]; ok {
		return
	}
	c.m[k] = b
	c.keys = append(c.keys, k)
	c.used += int64(len(b))
	for c.used > c.max && len(c.keys) > 1 {
		old := c.keys[0]
		c.keys = c.keys[1:]
		c.used -= int64(len(c.m[old]))
		delete(c.m, old)
	}
}
