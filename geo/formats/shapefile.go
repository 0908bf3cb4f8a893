package formats

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
	"golang.org/x/text/encoding/simplifiedchinese"
)

// ReadShapefile reads a shapefile: geometry from the .shp, attributes from
// the .dbf (text decoded as the .cpg says, else as UTF-8 when it is valid
// and as GBK otherwise — common for Chinese data), coordinates converted as
// the .prj says (lon/lat when there is none).
func ReadShapefile(path string, opt Options) (*Layer, error) {
	stem := strings.TrimSuffix(path, filepath.Ext(path))
	sibling := func(ext string) string {
		for _, e := range []string{ext, strings.ToUpper(ext)} {
			if _, err := os.Stat(stem + e); err == nil {
				return stem + e
			}
		}
		return ""
	}
	shp, err := os.ReadFile(path)
	if err != nil {
		return nil, readErr(Place{}, fault(ProblemCannotRead, "", reasonOf(err)), err)
	}
	dbfPath := sibling(".dbf")
	if dbfPath == "" {
		return nil, readErr(Place{}, fault(ProblemMissingFile, filepath.Base(stem)+".dbf", ""), nil)
	}
	dbf, err := os.ReadFile(dbfPath)
	if err != nil {
		return nil, readErr(Place{}, fault(ProblemCannotRead, filepath.Base(dbfPath), reasonOf(err)), err)
	}
	cpg := ""
	if p := sibling(".cpg"); p != "" {
		b, _ := os.ReadFile(p)
		cpg = string(b)
	}
	crs := CRS{Name: "EPSG:4326 (no .prj)"}
	if p := sibling(".prj"); p != "" {
		b, _ := os.ReadFile(p)
		if crs, err = CRSFromWKT(string(b)); err != nil {
			re := readErr(Place{}, asFault(err, ProblemUnsupportedCRS), err)
			re.In = filepath.Base(p)
			return nil, re
		}
	}
	geoms, err := ParseSHP(shp, opt)
	if err != nil {
		return nil, err
	}
	fields, rows, err := ParseDBF(dbf, cpg)
	if err != nil {
		if re, ok := err.(*ReadError); ok {
			re.File = filepath.Base(dbfPath)
		}
		return nil, err
	}
	if len(rows) != len(geoms) {
		return nil, readErr(Place{}, &Fault{Problem: ProblemCountMismatch, N: int64(len(geoms)), M: int64(len(rows))}, nil)
	}
	l := &Layer{Format: "shp", CRS: crs.Name, Fields: fields}
	for i, g := range geoms {
		if g == nil {
			continue // null shape
		}
		if crs.ToLonLat != nil {
			g = transform(g, crs.ToLonLat)
		}
		l.Features = append(l.Features, Feature{Geometry: g, Props: rows[i]})
	}
	return l, nil
}

// ParseSHP reads the shapes of a .shp file (nil for null shapes). Errors
// name the record and byte offset.
func ParseSHP(b []byte, opt Options) ([]orb.Geometry, error) {
	if len(b) < 100 {
		return nil, readErr(Place{}, fault(ProblemShortHeader, "shp", ""), nil)
	}
	if binary.BigEndian.Uint32(b[0:4]) != 9994 {
		return nil, readErr(atByte(0), fault(ProblemNotFormat, "Shapefile", ""), nil)
	}
	var out []orb.Geometry
	off := 100
	for rec := 1; off < len(b); rec++ {
		if rec%4096 == 0 {
			if err := opt.ctx().Err(); err != nil {
				return nil, err
			}
			if opt.Progress != nil {
				opt.Progress(int64(off), int64(len(b)))
			}
		}
		where := atRecordByte(rec, int64(off))
		if off+8 > len(b) {
			return nil, readErr(where, fault(ProblemTruncatedRecord, "", ""), nil)
		}
		n := int(binary.BigEndian.Uint32(b[off+4:off+8])) * 2
		start, end := off+8, off+8+n
		if n < 4 || end > len(b) || end < start {
			return nil, readErr(where, &Fault{Problem: ProblemRecordPastEnd, N: int64(n)}, nil)
		}
		g, err := parseShape(b[start:end])
		if err != nil {
			return nil, readErr(where, asFault(err, ProblemBadGeometry), nil)
		}
		out = append(out, g)
		off = end
	}
	return out, nil
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
		return shpPolygons(parts)
	}
	return nil, fmt.Errorf("unsupported shape type %d", typ)
}

// shpPolygons groups rings: clockwise rings are outer rings (the shapefile
// rule), counter-clockwise ones holes of the outer ring that holds them.
func shpPolygons(parts [][]orb.Point) (orb.Geometry, error) {
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

// ParseDBF reads a dBase table: field names and one map per record. Text
// is decoded by cpg (the .cpg file's content) or guessed.
func ParseDBF(b []byte, cpg string) ([]string, []map[string]any, error) {
	if len(b) < 32 {
		return nil, nil, readErr(Place{}, fault(ProblemShortHeader, "dbf", ""), nil)
	}
	le := binary.LittleEndian
	nRec := int(le.Uint32(b[4:8]))
	hdrLen, recLen := int(le.Uint16(b[8:10])), int(le.Uint16(b[10:12]))
	if hdrLen < 33 || hdrLen > len(b) || recLen < 1 {
		return nil, nil, readErr(atByte(8), &Fault{Problem: ProblemBadHeader, N: int64(hdrLen), M: int64(recLen)}, nil)
	}
	decode := textDecoder(cpg, b[29])
	type field struct {
		name      string
		typ       byte
		off, size int
	}
	var fields []field
	off := 1 // deletion flag
	for p := 32; p+32 <= hdrLen && b[p] != 0x0D; p += 32 {
		name := string(bytes.TrimRight(b[p:p+11], "\x00 "))
		name = decode(name)
		size := int(b[p+16])
		fields = append(fields, field{name, b[p+11], off, size})
		off += size
	}
	if off > recLen {
		return nil, nil, readErr(Place{}, &Fault{Problem: ProblemFieldsTooWide, N: int64(off), M: int64(recLen)}, nil)
	}
	if hdrLen+nRec*recLen > len(b) || nRec < 0 {
		return nil, nil, readErr(Place{}, &Fault{Problem: ProblemTooFewRecords, N: int64(nRec), M: int64(recLen)}, nil)
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	rows := make([]map[string]any, 0, nRec)
	for r := 0; r < nRec; r++ {
		rec := b[hdrLen+r*recLen : hdrLen+(r+1)*recLen]
		row := map[string]any{}
		for _, f := range fields {
			raw := strings.TrimSpace(string(rec[f.off : f.off+f.size]))
			switch f.typ {
			case 'N', 'F', 'O':
				if raw == "" {
					row[f.name] = nil
				} else if v, err := strconv.ParseFloat(raw, 64); err == nil {
					row[f.name] = v
				} else {
					row[f.name] = raw
				}
			case 'L':
				row[f.name] = raw == "T" || raw == "t" || raw == "Y" || raw == "y"
			default:
				row[f.name] = decode(strings.TrimRight(string(rec[f.off:f.off+f.size]), " \x00"))
			}
		}
		rows = append(rows, row)
	}
	return names, rows, nil
}

// textDecoder picks the .dbf text encoding: the .cpg's, else the header's
// language driver byte (0x4D: GB2312/936), else UTF-8 when a string is
// valid UTF-8 and GBK when not.
func textDecoder(cpg string, ldid byte) func(string) string {
	gbk := func(s string) string {
		out, err := simplifiedchinese.GBK.NewDecoder().String(s)
		if err != nil {
			return s
		}
		return out
	}
	c := strings.ToUpper(strings.TrimSpace(cpg))
	switch {
	case strings.Contains(c, "UTF"):
		return func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	case c == "GBK" || c == "GB2312" || c == "936" || c == "CP936" || c == "GB18030" || c == "ANSI 936":
		return gbk
	case c == "" && ldid == 0x4D:
		return gbk
	}
	return func(s string) string {
		if utf8.ValidString(s) {
			return s
		}
		return gbk(s)
	}
}
