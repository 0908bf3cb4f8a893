package kml

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"

	"github.com/planatlas/planatlas/geo/layer"
)

// A KMZ's document may unpack to kmzMaxRatio times the archive's size, and
// to kmzMinLimit bytes whatever its size.
const (
	kmzMaxRatio = 200
	kmzMinLimit = 64 << 20
)

// ParseKMZ reads the main KML document of a KMZ (zipped KML).
func ParseKMZ(b []byte) (*layer.Layer, error) {
	return DecodeKMZ(bytes.NewReader(b), int64(len(b)), layer.Options{})
}

// DecodeKMZ reads the main KML document (doc.kml, else the first .kml) of
// a KMZ of size bytes, streaming it out of the archive.
func DecodeKMZ(r io.ReaderAt, size int64, opt layer.Options) (*layer.Layer, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemNotFormat, "KMZ", err.Error()), err)
	}
	var doc *zip.File
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, "doc.kml") {
			doc = f
			break
		}
		if doc == nil && strings.HasSuffix(strings.ToLower(f.Name), ".kml") {
			doc = f
		}
	}
	if doc == nil {
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemNoDocument, "", ""), nil)
	}
	// KML packs 10–30 times; past kmzMaxRatio (or 1 GB) it is a broken or
	// hostile archive, refused before it fills the memory.
	limit := min(max(kmzMinLimit, kmzMaxRatio*size), 1<<30)
	tooBig := layer.NewReadError(layer.Place{}, &layer.Fault{Problem: layer.ProblemUnpackTooLarge, Subject: doc.Name, N: limit >> 20}, nil)
	if doc.UncompressedSize64 > uint64(limit) {
		return nil, tooBig
	}
	rc, err := doc.Open()
	if err != nil {
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemCannotUnpack, doc.Name, err.Error()), err)
	}
	defer rc.Close()
	lr := &limitedReader{r: rc, n: limit}
	l, err := Decode(lr, int64(doc.UncompressedSize64), opt)
	if lr.over {
		return nil, tooBig
	}
	if err != nil {
		if lr.err != nil && lr.err != io.EOF {
			return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemCannotUnpack, doc.Name, lr.err.Error()), lr.err)
		}
		return nil, err
	}
	l.Format = "kmz"
	return l, nil
}

// limitedReader reads at most n bytes, noting when there were more, and
// keeps the underlying reader's error (a bad checksum) for the message.
type limitedReader struct {
	r    io.Reader
	n    int64
	over bool
	err  error
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		var one [1]byte
		if n, _ := l.r.Read(one[:]); n > 0 {
			l.over = true
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	if err != nil {
		l.err = err
	}
	return n, err
}
