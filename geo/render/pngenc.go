package render

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"image"
	"image/color"
	"io"
	"runtime"
	"sync"
)

// encodePNG writes img as an 8-bit PNG (RGB when it is opaque, else RGBA,
// as image/png does) on all cores: the rows are cut into bands, each band
// filtered (the filter chosen per row as image/png chooses it) and
// deflated by its own goroutine, and the bands' streams joined into one
// zlib stream (each band ends on a byte boundary with a sync flush; the
// Adler-32 checksums are combined). A band starts without the previous
// band's history, which costs well under 1 % in size. image/png encodes on
// one core: an A3 page at 300 dpi (17 M pixels) took most of its export.
func encodePNG(w io.Writer, img *image.RGBA, level int) error {
	W, H := img.Rect.Dx(), img.Rect.Dy()
	opaque := img.Opaque()
	bpp := 4
	colourType := byte(6)
	if opaque {
		bpp, colourType = 3, 2
	}
	workers := runtime.GOMAXPROCS(0)
	bandRows := max(16, (H+workers*4-1)/(workers*4))
	nBands := (H + bandRows - 1) / bandRows
	type band struct {
		comp  bytes.Buffer
		adler uint32
		n     int
		err   error
	}
	bands := make([]band, nBands)
	var wg sync.WaitGroup
	next := make(chan int, nBands)
	for i := range nBands {
		next <- i
	}
	close(next)
	for range min(workers, nBands) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rowLen := 1 + W*bpp
			prev, cur := make([]byte, rowLen), make([]byte, rowLen)
			cands := make([][]byte, 5)
			for i := range cands {
				cands[i] = make([]byte, rowLen)
			}
			for bi := range next {
				b := &bands[bi]
				zw, err := flate.NewWriter(&b.comp, level)
				if err != nil {
					b.err = err
					continue
				}
				y0, y1 := bi*bandRows, min(H, (bi+1)*bandRows)
				a := adler32.New()
				// The row above the band's first, for the filters.
				clear(prev)
				if y0 > 0 {
					pixelRow(prev[1:], img, y0-1, opaque)
				}
				for y := y0; y < y1; y++ {
					pixelRow(cur[1:], img, y, opaque)
					row := filterRow(cands, cur, prev, bpp)
					a.Write(row)
					zw.Write(row)
					b.n += len(row)
					prev, cur = cur, prev
				}
				if bi == nBands-1 {
					b.err = zw.Close()
				} else {
					b.err = zw.Flush()
				}
				b.adler = a.Sum32()
			}
		}()
	}
	wg.Wait()
	sum := uint32(1)
	for i := range bands {
		if bands[i].err != nil {
			return bands[i].err
		}
		sum = adler32Combine(sum, bands[i].adler, bands[i].n)
	}
	// Signature, header, the zlib stream in one IDAT per band, end.
	if _, err := w.Write([]byte("\x89PNG\r\n\x1a\n")); err != nil {
		return err
	}
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(W))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(H))
	ihdr[8], ihdr[9] = 8, colourType
	if err := pngChunk(w, "IHDR", ihdr[:]); err != nil {
		return err
	}
	if err := pngChunk(w, "IDAT", []byte{0x78, 0x01}); err != nil { // zlib header: deflate, 32 KB window
		return err
	}
	for i := range bands {
		if err := pngChunk(w, "IDAT", bands[i].comp.Bytes()); err != nil {
			return err
		}
	}
	var tail [4]byte
	binary.BigEndian.PutUint32(tail[:], sum)
	if err := pngChunk(w, "IDAT", tail[:]); err != nil {
		return err
	}
	return pngChunk(w, "IEND", nil)
}

// pixelRow copies row y of img into dst: without alpha when opaque, else
// with the colours un-premultiplied, as PNG stores them.
func pixelRow(dst []byte, img *image.RGBA, y int, opaque bool) {
	src := img.Pix[y*img.Stride : y*img.Stride+img.Rect.Dx()*4]
	if !opaque {
		copy(dst, src)
		for i := 0; i < len(dst); i += 4 {
			if a := dst[i+3]; a != 255 && a != 0 {
				c := color.NRGBAModel.Convert(color.RGBA{dst[i], dst[i+1], dst[i+2], a}).(color.NRGBA)
				dst[i], dst[i+1], dst[i+2] = c.R, c.G, c.B
			}
		}
		return
	}
	for i, j := 0, 0; i < len(src); i, j = i+4, j+3 {
		dst[j], dst[j+1], dst[j+2] = src[i], src[i+1], src[i+2]
	}
}

// filterRow filters cur (byte 0 for the filter type) against prev with the
// five PNG filters and returns the one whose bytes, as signed values, sum
// smallest in magnitude — image/png's choice.
func filterRow(cands [][]byte, cur, prev []byte, bpp int) []byte {
	cdat, pdat := cur[1:], prev[1:]
	n := len(cdat)
	abs8 := func(v byte) int {
		if v < 128 {
			return int(v)
		}
		return 256 - int(v)
	}
	sums := [5]int{}
	// None.
	c := cands[0][1:]
	copy(c, cdat)
	for _, v := range c {
		sums[0] += abs8(v)
	}
	// Sub.
	c = cands[1][1:]
	for i := 0; i < bpp && i < n; i++ {
		c[i] = cdat[i]
		sums[1] += abs8(c[i])
	}
	for i := bpp; i < n; i++ {
		c[i] = cdat[i] - cdat[i-bpp]
		sums[1] += abs8(c[i])
	}
	// Up.
	c = cands[2][1:]
	for i := range n {
		c[i] = cdat[i] - pdat[i]
		sums[2] += abs8(c[i])
	}
	// Average.
	c = cands[3][1:]
	for i := 0; i < bpp && i < n; i++ {
		c[i] = cdat[i] - pdat[i]/2
		sums[3] += abs8(c[i])
	}
	for i := bpp; i < n; i++ {
		c[i] = cdat[i] - byte((int(cdat[i-bpp])+int(pdat[i]))/2)
		sums[3] += abs8(c[i])
	}
	// Paeth.
	c = cands[4][1:]
	for i := 0; i < bpp && i < n; i++ {
		c[i] = cdat[i] - pdat[i]
		sums[4] += abs8(c[i])
	}
	for i := bpp; i < n; i++ {
		c[i] = cdat[i] - paeth(cdat[i-bpp], pdat[i], pdat[i-bpp])
		sums[4] += abs8(c[i])
	}
	best := 0
	for f := 1; f < 5; f++ {
		if sums[f] < sums[best] {
			best = f
		}
	}
	cands[best][0] = byte(best)
	return cands[best]
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// pngChunk writes one chunk: length, type, data, CRC.
func pngChunk(w io.Writer, typ string, data []byte) error {
	var head [8]byte
	binary.BigEndian.PutUint32(head[:4], uint32(len(data)))
	copy(head[4:], typ)
	crc := crc32.NewIEEE()
	crc.Write(head[4:])
	crc.Write(data)
	var tail [4]byte
	binary.BigEndian.PutUint32(tail[:], crc.Sum32())
	for _, b := range [][]byte{head[:], data, tail[:]} {
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// adler32Combine is the Adler-32 of two pieces of data joined, from the
// pieces' checksums and the second's length (zlib's adler32_combine).
func adler32Combine(a1, a2 uint32, len2 int) uint32 {
	const base = 65521
	rem := uint32(len2 % base)
	sum1 := a1 & 0xffff
	sum2 := uint32((uint64(rem) * uint64(sum1)) % base)
	sum1 += (a2 & 0xffff) + base - 1
	sum2 += (a1 >> 16) + (a2 >> 16) + base - rem
	if sum1 >= base {
		sum1 -= base
	}
	if sum1 >= base {
		sum1 -= base
	}
	if sum2 >= 2*base {
		sum2 -= 2 * base
	}
	if sum2 >= base {
		sum2 -= base
	}
	return sum1 | sum2<<16
}
