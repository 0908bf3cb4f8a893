package basemap

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/planatlas/planatlas/geo/guard"
)

// ovrTile is the side of an overview's tiles, as gdaladdo writes them.
const ovrTile = 256

// MaxOverviewPixels is the largest image BuildOverviews reads through
// (4 billion pixels, 63,000²): beyond it the pass would take longer than
// a planner waits, and the decimated preview stands in.
const MaxOverviewPixels = 4_000_000_000

// NeedsOverviews reports whether drawing the whole image reads it
// decimated: a GeoTIFF larger than a screen with no overview small enough
// to draw it whole from. BuildOverviews makes it fast.
func (r *Raster) NeedsOverviews() bool {
	if _, ok := r.g.(*tiffGrid); !ok {
		return false
	}
	lv := r.g.levels()
	last := lv[len(lv)-1]
	return last.w*last.h > maxWindow/16 && lv[0].w*lv[0].h <= MaxOverviewPixels
}

// OverviewPath is where the overviews of the GeoTIFF at path are kept:
// beside it as GDAL keeps them (path + ".ovr") when that folder can be
// written, else in dir (the app's cache), named by the file's path, size
// and time.
func OverviewPath(path, dir string) string {
	beside := path + ".ovr"
	if f, err := os.CreateTemp(filepath.Dir(path), ".planatlas-probe-*"); err == nil {
		f.Close()
		os.Remove(f.Name())
		return beside
	}
	if dir == "" {
		return beside
	}
	return CachedOverviewPath(path, dir)
}

// CachedOverviewPath is where the overviews of the file at path are kept
// in the cache folder dir.
func CachedOverviewPath(path, dir string) string {
	return filepath.Join(dir, cachedOverviewName(path))
}

// cachedOverviewName names a file's overviews in a cache folder: by its
// absolute path, size and modification time, so a changed file is not
// drawn from the old one's overviews.
func cachedOverviewName(path string) string {
	abs, _ := filepath.Abs(path)
	h := fnv.New64a()
	h.Write([]byte(abs))
	if st, err := os.Stat(path); err == nil {
		h.Write([]byte(strconv.FormatInt(st.Size(), 10) + "/" + strconv.FormatInt(st.ModTime().UnixNano(), 10)))
	}
	return fmt.Sprintf("%016x.ovr", h.Sum64())
}

// BuildOverviews writes the overviews of the GeoTIFF at path into dest
// (see OverviewPath): a TIFF of reduced-resolution images at factors 2,
// 4, 8 … down to a few hundred pixels, tiled and Deflate-compressed,
// sampled by nearest neighbour — what `gdaladdo -r nearest -ro` writes,
// so GDAL and QGIS use it too. It reads the image once, block row by
// block row, holding a strip of each level (memory of tens of MB at any
// size); progress(done, total) follows the block rows. ctx cancels it,
// leaving no file. The file is written whole or not at all.
func BuildOverviews(ctx context.Context, path, dest string, progress func(done, total int)) (err error) {
	// It reads a file from anywhere: a fault in it is this build's
	// failure (the command line runs it on its own goroutine), never a crash.
	defer guard.Recover(&err)
	t, err := openTIFF(path)
	if err != nil {
		return err
	}
	defer t.f.Close()
	main := t.ifds[0]
	if err := main.check(); err != nil {
		return err
	}
	if main.w*main.h > MaxOverviewPixels {
		name := filepath.Base(path)
		return &Error{Problem: ProblemTooLarge,
			Detail: fmt.Sprintf("%s has %d × %d pixels, too many to build overviews here: use gdaladdo", name, main.w, main.h),
			Zh:     fmt.Sprintf("%s 有 %d × %d 像素，太大，无法在此建立金字塔：请用 gdaladdo", name, main.w, main.h)}
	}
	var levels []*ovrLevel
	for f := 2; max(main.w, main.h)/f >= 128 || len(levels) == 0; f *= 2 {
		levels = append(levels, newOvrLevel(main, f))
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), ".planatlas-ovr-*")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := &ovrWriter{f: bufio.NewWriterSize(tmp, 1<<20), bo: t.bo, at: 8}
	w.header()
	bpp := main.bytesPerPixel()
	across, down := main.blocksAcross(), (main.h+main.th-1)/main.th
	for by := 0; by < down; by++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		y0, y1 := by*main.th, min((by+1)*main.th, main.h)
		for bx := 0; bx < across; bx++ {
			b, err := t.block(main, by*across+bx)
			if err != nil {
				return err
			}
			x0, x1 := bx*main.tw, min((bx+1)*main.tw, main.w)
			for _, l := range levels {
				l.take(b, main.tw, bpp, x0, x1, y0, y1)
			}
		}
		for _, l := range levels {
			if err := l.flush(w, y1, by == down-1); err != nil {
				return err
			}
		}
		if progress != nil {
			progress(by+1, down)
		}
	}
	if err := w.directories(levels, main); err != nil {
		return err
	}
	if err := w.f.Flush(); err != nil {
		return err
	}
	// The directories' places, now known, into the header and the chain.
	for _, link := range append([][2]uint64{{4, w.firstIFD}}, w.links...) {
		var b [4]byte
		t.bo.PutUint32(b[:], uint32(link[1]))
		if _, err := tmp.WriteAt(b[:], int64(link[0])); err != nil {
			return err
		}
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), dest); err != nil {
		return err
	}
	ok = true
	return nil
}

// ovrLevel is one overview being built: a strip of ovrTile rows of its
// pixels, filled as the source's block rows pass, then cut into tiles.
type ovrLevel struct {
	f, w, h, bpp int
	srcW, srcH   int
	xs, ys       []int  // the image column and row of each level column and row
	rows         int    // rows the strip holds: a tile row and what one source block row adds
	strip        []byte // rows × w pixels
	row0         int    // the level row the strip starts at
	offsets      []uint64
	counts       []uint64
}

// newOvrLevel is the level of factor f, sampled as gdaladdo samples
// imagery: level pixel i takes the image's pixel ⌊0.5 + i·ratio⌋, ratio
// being the image's size over the level's.
func newOvrLevel(main *ifd, f int) *ovrLevel {
	l := &ovrLevel{f: f, w: (main.w + f - 1) / f, h: (main.h + f - 1) / f, bpp: main.bytesPerPixel(), srcW: main.w, srcH: main.h}
	l.rows = ovrTile + main.th/f + 2
	l.strip = make([]byte, l.rows*l.w*l.bpp)
	pick := func(n, src int) []int {
		at := make([]int, n)
		ratio := float64(src) / float64(n)
		for i := range at {
			at[i] = min(int(0.5+float64(i)*ratio), src-1)
		}
		return at
	}
	l.xs, l.ys = pick(l.w, main.w), pick(l.h, main.h)
	return l
}

// sx and sy are the image column and row level pixel (i, j) samples.
func (l *ovrLevel) sx(i int) int { return l.xs[i] }
func (l *ovrLevel) sy(j int) int { return l.ys[j] }

// take copies from a source block (columns [x0, x1), rows [y0, y1) of the
// image, tw pixels a row) the pixels of the strip it holds.
func (l *ovrLevel) take(b []byte, tw, bpp, x0, x1, y0, y1 int) {
	end := min(l.row0+l.rows, l.h)
	iLo := max(0, x0/l.f-1)
	for j := max(l.row0, y0/l.f-1); j < end; j++ {
		y := l.sy(j)
		if y >= y1 {
			break
		}
		if y < y0 {
			continue
		}
		for i := iLo; i < l.w; i++ {
			x := l.sx(i)
			if x >= x1 {
				break
			}
			if x < x0 {
				continue
			}
			src := ((y-y0)*tw + (x - x0)) * bpp
			dst := ((j-l.row0)*l.w + i) * bpp
			copy(l.strip[dst:dst+bpp], b[src:src+bpp])
		}
	}
}

// flush writes the strip's tiles once every row in it has been sampled
// (the source has been read to row done), and starts the next strip.
func (l *ovrLevel) flush(w *ovrWriter, done int, last bool) error {
	for l.row0 < l.h {
		end := min(l.row0+ovrTile, l.h) // rows of this strip
		if !last && l.sy(end-1) >= done {
			return nil
		}
		for tx := 0; tx*ovrTile < l.w; tx++ {
			tile := make([]byte, ovrTile*ovrTile*l.bpp)
			x0 := tx * ovrTile
			n := min(ovrTile, l.w-x0) * l.bpp
			for r := 0; r < end-l.row0; r++ {
				copy(tile[r*ovrTile*l.bpp:], l.strip[(r*l.w+x0)*l.bpp:][:n])
			}
			off, size, err := w.deflate(tile)
			if err != nil {
				return err
			}
			l.offsets, l.counts = append(l.offsets, off), append(l.counts, size)
		}
		// The rows sampled beyond this tile row move to the front.
		rest := copy(l.strip, l.strip[(end-l.row0)*l.w*l.bpp:])
		clear(l.strip[rest:])
		l.row0 = end
	}
	return nil
}

// ovrWriter writes a classic TIFF front to back, counting bytes.
type ovrWriter struct {
	f        *bufio.Writer
	bo       binary.ByteOrder
	at       uint64 // bytes written
	firstIFD uint64
	links    [][2]uint64 // (where a directory's "next" is, the next directory)
	z        bytes.Buffer
}

func (w *ovrWriter) header() {
	if w.bo == binary.BigEndian {
		w.f.WriteString("MM\x00\x2a")
	} else {
		w.f.WriteString("II\x2a\x00")
	}
	w.f.Write([]byte{0, 0, 0, 0}) // the first directory: set at the end
}

func (w *ovrWriter) write(b []byte) (uint64, error) {
	off := w.at
	if off+uint64(len(b)) >= 1<<32 {
		return 0, &Error{Problem: ProblemTooLarge, Detail: "the overviews would pass 4 GB", Zh: "金字塔文件将超过 4 GB"}
	}
	_, err := w.f.Write(b)
	w.at += uint64(len(b))
	return off, err
}

// deflate writes one tile compressed, returning its place and length.
func (w *ovrWriter) deflate(tile []byte) (uint64, uint64, error) {
	w.z.Reset()
	zw, _ := zlib.NewWriterLevel(&w.z, zlib.DefaultCompression)
	zw.Write(tile)
	zw.Close()
	if w.at%2 == 1 { // words start on even bytes
		w.write([]byte{0})
	}
	off, err := w.write(w.z.Bytes())
	return off, uint64(w.z.Len()), err
}

// directories writes one image directory per level, chained in order of
// size, each describing a reduced-resolution image of main's bands.
func (w *ovrWriter) directories(levels []*ovrLevel, main *ifd) error {
	type entry struct {
		tag, typ uint16
		vals     []uint64 // SHORT or LONG values
		raw      []byte   // ASCII or other bytes, as they are
	}
	photo := main.photo
	if main.comp == 7 && main.spp >= 3 {
		photo = 2 // JPEG blocks are decoded to RGB
	}
	perSample := func(v int) []uint64 {
		s := make([]uint64, main.spp)
		for i := range s {
			s[i] = uint64(v)
		}
		return s
	}
	var prevNext uint64 // where the previous directory's "next" is
	for _, l := range levels {
		es := []entry{
			{tag: tagNewSubfileType, typ: 4, vals: []uint64{1}},
			{tag: tagWidth, typ: 4, vals: []uint64{uint64(l.w)}},
			{tag: tagHeight, typ: 4, vals: []uint64{uint64(l.h)}},
			{tag: tagBitsPerSample, typ: 3, vals: perSample(main.bits)},
			{tag: tagCompression, typ: 3, vals: []uint64{8}},
			{tag: tagPhotometric, typ: 3, vals: []uint64{uint64(photo)}},
			{tag: tagSamplesPerPixel, typ: 3, vals: []uint64{uint64(main.spp)}},
			{tag: tagPlanarConfig, typ: 3, vals: []uint64{1}},
			{tag: tagTileWidth, typ: 3, vals: []uint64{ovrTile}},
			{tag: tagTileLength, typ: 3, vals: []uint64{ovrTile}},
			{tag: tagTileOffsets, typ: 4, vals: l.offsets},
			{tag: tagTileByteCounts, typ: 4, vals: l.counts},
			{tag: tagSampleFormat, typ: 3, vals: perSample(main.format)},
		}
		if cm := main.tags[tagColorMap]; photo == 3 && len(cm) > 0 {
			es = append(es, entry{tag: tagColorMap, typ: 3, vals: cm})
		}
		if ex := main.tags[tagExtraSamples]; len(ex) > 0 {
			es = append(es, entry{tag: tagExtraSamples, typ: 3, vals: ex})
		}
		if nd, ok := main.str[tagGDALNoData]; ok {
			es = append(es, entry{tag: tagGDALNoData, typ: 2, raw: append([]byte(nd), 0)})
		}
		sort.Slice(es, func(i, j int) bool { return es[i].tag < es[j].tag })
		// Values that do not fit in an entry go first, then the directory.
		bytesOf := func(e entry) []byte {
			if e.raw != nil {
				return e.raw
			}
			size := map[uint16]int{3: 2, 4: 4}[e.typ]
			b := make([]byte, len(e.vals)*size)
			for i, v := range e.vals {
				if size == 2 {
					w.bo.PutUint16(b[i*2:], uint16(v))
				} else {
					w.bo.PutUint32(b[i*4:], uint32(v))
				}
			}
			return b
		}
		place := make([]uint64, len(es))
		for i, e := range es {
			if b := bytesOf(e); len(b) > 4 {
				if w.at%2 == 1 {
					w.write([]byte{0})
				}
				off, err := w.write(b)
				if err != nil {
					return err
				}
				place[i] = off
			}
		}
		if w.at%2 == 1 {
			w.write([]byte{0})
		}
		dir := make([]byte, 2+12*len(es)+4)
		w.bo.PutUint16(dir, uint16(len(es)))
		for i, e := range es {
			p := dir[2+12*i:]
			w.bo.PutUint16(p, e.tag)
			w.bo.PutUint16(p[2:], e.typ)
			b := bytesOf(e)
			n := len(b)
			if e.raw == nil {
				n = len(e.vals)
			}
			w.bo.PutUint32(p[4:], uint32(n))
			if len(b) > 4 {
				w.bo.PutUint32(p[8:], uint32(place[i]))
			} else {
				copy(p[8:12], b)
			}
		}
		off, err := w.write(dir)
		if err != nil {
			return err
		}
		if prevNext == 0 {
			w.firstIFD = off
		} else {
			w.links = append(w.links, [2]uint64{prevNext, off})
		}
		prevNext = off + uint64(2+12*len(es))
	}
	return nil
}
