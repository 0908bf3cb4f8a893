package shp

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/planatlas/planatlas/geo/crs"
	"github.com/planatlas/planatlas/geo/layer"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Read reads a shapefile: geometry from the .shp, attributes from
// the .dbf, coordinates converted as the .prj says (lon/lat when there is
// none). Text is decoded once for the whole file: as the .cpg says, else
// as the .dbf's language byte says, else as UTF-8 when all of it is valid
// UTF-8 and as GBK (common for Chinese data) when not. Deleted records are
// skipped; null shapes and points without numbers are kept attribute-only;
// a bad record is left out and reported, and the rest open.
func Read(path string, opt layer.Options) (*layer.Layer, error) {
	stem := strings.TrimSuffix(path, filepath.Ext(path))
	sibling := func(ext string) string {
		for _, e := range []string{ext, strings.ToUpper(ext)} {
			if _, err := os.Stat(stem + e); err == nil {
				return stem + e
			}
		}
		return ""
	}
	shp, err := layer.ReadFile(path, opt)
	if err != nil {
		if layer.IsCancel(err) {
			return nil, err
		}
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemCannotRead, "", layer.Reason(err)), err)
	}
	dbfPath := sibling(".dbf")
	if dbfPath == "" {
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemMissingFile, filepath.Base(stem)+".dbf", ""), nil)
	}
	dbf, err := layer.ReadFile(dbfPath, layer.Options{Context: opt.Context})
	if layer.IsCancel(err) {
		return nil, err
	}
	if err != nil {
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemCannotRead, filepath.Base(dbfPath), layer.Reason(err)), err)
	}
	cpg := ""
	if p := sibling(".cpg"); p != "" {
		b, _ := os.ReadFile(p)
		cpg = strings.TrimPrefix(string(b), "\uFEFF")
	}
	sys := crs.CRS{Name: "EPSG:4326 (no .prj)"}
	if p := sibling(".prj"); p != "" {
		b, _ := os.ReadFile(p)
		if sys, err = crs.FromWKT(string(b)); err != nil {
			re := layer.NewReadError(layer.Place{}, layer.AsFault(err, layer.ProblemUnsupportedCRS), err)
			re.In = filepath.Base(p)
			return nil, re
		}
	}
	recs, tail, err := parseSHP(shp, opt)
	if err != nil {
		return nil, err
	}
	t, err := parseDBF(dbf, cpg, opt)
	if err != nil {
		if re, ok := err.(*layer.ReadError); ok {
			re.File = filepath.Base(dbfPath)
		}
		return nil, err
	}
	l := &layer.Layer{Format: "shp", CRS: sys.Name, Fields: t.names, Encoding: t.encoding}
	if tail != nil {
		// The records after a broken one cannot be found: count them by the .dbf.
		l.Report.Skip(tail.Place, &tail.Fault)
		l.Report.Skipped += max(0, len(t.rows)-len(recs)-1)
	}
	if len(t.rows) != len(recs) && tail == nil {
		l.Report.Warn(&layer.Fault{Problem: layer.ProblemCountMismatch, N: int64(len(recs)), M: int64(len(t.rows))})
	}
	for i, r := range recs {
		props := map[string]any{}
		if i < len(t.rows) {
			if t.deleted[i] {
				continue
			}
			props = t.rows[i]
		}
		f := layer.Feature{Geometry: r.g, Props: props, Src: layer.At(r.place)}
		switch {
		case r.fault != nil:
			l.Report.Skip(r.place, r.fault)
		case r.g == nil || !layer.FiniteBound(r.g.Bound()):
			f.Geometry = nil
			l.Unplaced = append(l.Unplaced, f)
		default:
			l.Features = append(l.Features, f)
		}
	}
	l.ToLonLat(0, sys, opt)
	return l, nil
}

// Parse reads the shapes of a .shp file (nil for null shapes). Errors
// name the record and byte offset.
func Parse(b []byte, opt layer.Options) ([]orb.Geometry, error) {
	recs, tail, err := parseSHP(b, opt)
	if err != nil {
		return nil, err
	}
	if tail != nil {
		return nil, tail
	}
	out := make([]orb.Geometry, len(recs))
	for i, r := range recs {
		if r.fault != nil {
			return nil, layer.NewReadError(r.place, r.fault, nil)
		}
		out[i] = r.g
	}
	return out, nil
}

// shpRecord is one record of a .shp: its shape, or why it could not be read.
type shpRecord struct {
	g     orb.Geometry
	fault *layer.Fault
	place layer.Place
}

// parseSHP reads every record of a .shp. A record whose shape is bad
// carries its fault; a record header that is cut off or runs past the end
// ends the reading, as tail.
func parseSHP(b []byte, opt layer.Options) (recs []shpRecord, tail *layer.ReadError, err error) {
	if len(b) < 100 {
		return nil, nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemShortHeader, "shp", ""), nil)
	}
	if binary.BigEndian.Uint32(b[0:4]) != 9994 {
		return nil, nil, layer.NewReadError(layer.BytePlace(0), layer.NewFault(layer.ProblemNotFormat, "Shapefile", ""), nil)
	}
	off := 100
	for rec := 1; off < len(b); rec++ {
		if rec%4096 == 0 {
			if err := opt.Ctx().Err(); err != nil {
				return nil, nil, err
			}
			if opt.Progress != nil {
				opt.Progress(int64(off), int64(len(b)))
			}
		}
		where := layer.RecordBytePlace(rec, int64(off))
		if off+8 > len(b) {
			return recs, layer.NewReadError(where, layer.NewFault(layer.ProblemTruncatedRecord, "", ""), nil), nil
		}
		n := int(binary.BigEndian.Uint32(b[off+4:off+8])) * 2
		start, end := off+8, off+8+n
		if n < 4 || end > len(b) || end < start {
			return recs, layer.NewReadError(where, &layer.Fault{Problem: layer.ProblemRecordPastEnd, N: int64(n)}, nil), nil
		}
		g, err := parseShape(b[start:end])
		r := shpRecord{g: g, place: layer.RecordPlace(rec)}
		if err != nil {
			r.g, r.fault = nil, layer.AsFault(err, layer.ProblemBadGeometry)
		}
		recs = append(recs, r)
		off = end
	}
	return recs, nil, nil
}

func parseShape(c []byte) (orb.Geometry, error) {
	le := binary.LittleEndian
	typ := le.Uint32(c[0:4])
	f64 := func(i int) float64 { return math.Float64frombits(le.Uint64(c[i : i+8])) }
	switch typ {
	case 0:
		return nil, nil
	case 1, 11, 21: // Point, PointZ, PointM
		if len(c) < 20 {
			return nil, fmt.Errorf("point shorter than 20 bytes")
		}
		return orb.Point{f64(4), f64(12)}, nil
	case 8, 18, 28: // MultiPoint
		if len(c) < 40 {
			return nil, fmt.Errorf("multipoint header truncated")
		}
		np := int(le.Uint32(c[36:40]))
		if np < 0 || np > (len(c)-40)/16 {
			return nil, fmt.Errorf("multipoint claims %d points", np)
		}
		mp := make(orb.MultiPoint, np)
		for i := range mp {
			mp[i] = orb.Point{f64(40 + 16*i), f64(48 + 16*i)}
		}
		return mp, nil
	case 3, 13, 23, 5, 15, 25: // PolyLine, Polygon (+Z, M)
		if len(c) < 44 {
			return nil, fmt.Errorf("shape header truncated")
		}
		nParts, nPts := int(int32(le.Uint32(c[36:40]))), int(int32(le.Uint32(c[40:44])))
		if nParts <= 0 || nPts <= 0 || nParts > nPts || 44+4*nParts+16*nPts > len(c) {
			return nil, fmt.Errorf("shape claims %d parts and %d points in %d bytes", nParts, nPts, len(c))
		}
		ptsOff := 44 + 4*nParts
		var parts [][]orb.Point
		for p := 0; p < nParts; p++ {
			s := int(int32(le.Uint32(c[44+4*p:])))
			e := nPts
			if p+1 < nParts {
				e = int(int32(le.Uint32(c[44+4*(p+1):])))
			}
			if s < 0 || e > nPts || s > e {
				return nil, fmt.Errorf("part %d spans points %d–%d of %d", p, s, e, nPts)
			}
			pts := make([]orb.Point, e-s)
			for i := range pts {
				pts[i] = orb.Point{f64(ptsOff + 16*(s+i)), f64(ptsOff + 16*(s+i) + 8)}
			}
			parts = append(parts, pts)
		}
		if typ == 3 || typ == 13 || typ == 23 {
			var ml orb.MultiLineString
			for _, p := range parts {
				if len(p) >= 2 {
					ml = append(ml, orb.LineString(p))
				}
			}
			if len(ml) == 1 {
				return ml[0], nil
			}
			if len(ml) == 0 {
				return nil, fmt.Errorf("polyline without a part of two points")
			}
			return ml, nil
		}
		return Polygons(parts)
	}
	return nil, &layer.Fault{Problem: layer.ProblemUnsupportedShape, N: int64(typ)}
}

// shpPolygons groups rings: clockwise rings are outer rings (the shapefile
// rule), counter-clockwise ones holes of the outer ring that holds them.
func Polygons(parts [][]orb.Point) (orb.Geometry, error) {
	var polys orb.MultiPolygon
	var holes []orb.Ring
	for _, p := range parts {
		if len(p) < 4 {
			continue
		}
		r := orb.Ring(p)
		if !r.Closed() {
			r = append(r, r[0])
		}
		if r.Orientation() == orb.CW {
			// Store outer rings counter-clockwise (RFC 7946).
			rr := append(orb.Ring(nil), r...)
			rr.Reverse()
			polys = append(polys, orb.Polygon{rr})
		} else {
			holes = append(holes, r)
		}
	}
	for _, h := range holes {
		placed := false
		for i := range polys {
			if planar.RingContains(polys[i][0], h[0]) {
				hh := append(orb.Ring(nil), h...)
				hh.Reverse()
				polys[i] = append(polys[i], hh)
				placed = true
				break
			}
		}
		if !placed { // a lone counter-clockwise ring: treat it as an outer ring
			polys = append(polys, orb.Polygon{h})
		}
	}
	switch len(polys) {
	case 0:
		return nil, fmt.Errorf("polygon without a ring of four points")
	case 1:
		return polys[0], nil
	}
	return polys, nil
}

// ParseDBF reads a dBase table: field names and one map per record
// (deleted ones included). Text is decoded as cpg (the .cpg file's
// content) says, or as decided for the whole file.
func ParseDBF(b []byte, cpg string) ([]string, []map[string]any, error) {
	t, err := parseDBF(b, cpg, layer.Options{})
	if err != nil {
		return nil, nil, err
	}
	return t.names, t.rows, nil
}

// dbfTable is a .dbf read: field names, rows, which rows are deleted, and
// the text encoding used when not UTF-8.
type dbfTable struct {
	names    []string
	rows     []map[string]any
	deleted  []bool
	encoding string
}

func parseDBF(b []byte, cpg string, opt layer.Options) (dbfTable, error) {
	ctx := opt.Ctx()
	var t dbfTable
	if len(b) < 32 {
		return t, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemShortHeader, "dbf", ""), nil)
	}
	le := binary.LittleEndian
	nRec := int(le.Uint32(b[4:8]))
	hdrLen, recLen := int(le.Uint16(b[8:10])), int(le.Uint16(b[10:12]))
	if hdrLen < 33 || hdrLen > len(b) || recLen < 1 {
		return t, layer.NewReadError(layer.BytePlace(8), &layer.Fault{Problem: layer.ProblemBadHeader, N: int64(hdrLen), M: int64(recLen)}, nil)
	}
	type field struct {
		name      []byte
		typ       byte
		off, size int
	}
	var fields []field
	off := 1 // deletion flag
	for p := 32; p+32 <= hdrLen && b[p] != 0x0D; p += 32 {
		size := int(b[p+16])
		fields = append(fields, field{bytes.TrimRight(b[p:p+11], "\x00 "), b[p+11], off, size})
		off += size
	}
	if off > recLen {
		return t, layer.NewReadError(layer.Place{}, &layer.Fault{Problem: layer.ProblemFieldsTooWide, N: int64(off), M: int64(recLen)}, nil)
	}
	if nRec < 0 || nRec > (len(b)-hdrLen)/recLen {
		// A record count the file cannot hold: read the whole records there are.
		if len(b)-hdrLen < recLen && nRec > 0 {
			return t, layer.NewReadError(layer.Place{}, &layer.Fault{Problem: layer.ProblemTooFewRecords, N: int64(nRec), M: int64(recLen)}, nil)
		}
		nRec = (len(b) - hdrLen) / recLen
	}
	// One decision for the whole file: every text byte is looked at.
	var texts [][]byte
	for _, f := range fields {
		texts = append(texts, f.name)
	}
	for r := 0; r < nRec; r++ {
		rec := b[hdrLen+r*recLen : hdrLen+(r+1)*recLen]
		for _, f := range fields {
			if f.typ == 'C' || f.typ == 'M' {
				texts = append(texts, rec[f.off:f.off+f.size])
			}
		}
	}
	decode, enc := textDecoder(cpg, b[29], texts)
	t.encoding = enc
	t.names = make([]string, len(fields))
	for i, f := range fields {
		t.names[i] = decode(f.name)
	}
	t.rows = make([]map[string]any, 0, nRec)
	t.deleted = make([]bool, 0, nRec)
	for r := 0; r < nRec; r++ {
		if r&4095 == 4095 {
			if err := ctx.Err(); err != nil {
				return t, err
			}
		}
		rec := b[hdrLen+r*recLen : hdrLen+(r+1)*recLen]
		row := make(map[string]any, len(fields))
		for i, f := range fields {
			name := t.names[i]
			cell := rec[f.off : f.off+f.size]
			raw := strings.TrimSpace(string(cell))
			switch f.typ {
			case 'N', 'F', 'O':
				if raw == "" || strings.Trim(raw, "*") == "" {
					row[name] = nil
				} else if v, err := strconv.ParseFloat(raw, 64); err == nil {
					row[name] = v
				} else {
					row[name] = raw
				}
			case 'L':
				switch raw {
				case "T", "t", "Y", "y":
					row[name] = true
				case "F", "f", "N", "n":
					row[name] = false
				default:
					row[name] = nil
				}
			default:
				row[name] = decode(bytes.TrimRight(cell, " \x00"))
			}
		}
		t.rows = append(t.rows, row)
		t.deleted = append(t.deleted, rec[0] == '*')
	}
	return t, nil
}

// textDecoder decides the .dbf text encoding once for the file: the
// .cpg's, else the header's language driver byte (0x4D, 0x7A: GBK/936),
// else UTF-8 when every text is valid UTF-8 and GBK when one is not. It
// says what it chose ("" for UTF-8).
func textDecoder(cpg string, ldid byte, texts [][]byte) (func([]byte) string, string) {
	gbk := func(s []byte) string {
		out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(s)
		if err != nil {
			return strings.ToValidUTF8(string(s), "\uFFFD")
		}
		return string(out)
	}
	utf := func(s []byte) string { return strings.ToValidUTF8(string(s), "\uFFFD") }
	c := strings.ToUpper(strings.TrimSpace(cpg))
	switch {
	case strings.Contains(c, "UTF"):
		return utf, ""
	case c == "GBK" || c == "GB2312" || c == "936" || c == "CP936" || c == "GB18030" || c == "ANSI 936" || c == "54936":
		return gbk, "GBK (.cpg)"
	case c == "" && (ldid == 0x4D || ldid == 0x7A):
		return gbk, "GBK (.dbf)"
	}
	for _, s := range texts {
		if !utf8.Valid(s) {
			return gbk, "GBK"
		}
	}
	return utf, ""
}
