package filegdb

import (
	"archive/zip"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	pathpkg "path"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/paulmach/orb"
	"github.com/planatlas/planatlas/geo/crs"
	"github.com/planatlas/planatlas/geo/layer"
)

// An Esri File Geodatabase is a folder (name.gdb) of tables: aXXXXXXXX.gdbtable
// holds a table's field descriptions and rows, aXXXXXXXX.gdbtablx where
// each row begins; table 1 is the catalog that names the others. It is
// read as GDAL's OpenFileGDB driver reads it (the format's public
// description is GDAL's). Every feature class opens into one layer, each
// feature with a "layer" attribute naming its class; points, lines and
// areas with their Z and M left aside, attributes of every type (text
// decoded, dates as dates), field aliases as the attributes' names where
// a class has them, the coordinate system from its WKT. Tables without
// geometry are named as attribute tables.

// gdbMaxRows bounds the rows read from one table, whatever its index says.
const gdbMaxRows = 20_000_000

// Read reads the .gdb folder at dir.
func Read(dir string, opt layer.Options) (*layer.Layer, error) {
	return readGDB(os.DirFS(dir), opt)
}

// ReadZip reads a zipped .gdb folder (name.gdb.zip, as a
// geodatabase is sent by mail): the folder holding the catalog, wherever
// it lies in the archive. Each table is unpacked into memory within
// opt's size limit (a zip that claims or unpacks to more is refused).
func ReadZip(path string, opt layer.Options) (*layer.Layer, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemCannotUnpack, filepath.Base(path), layer.Reason(err)), err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.UncompressedSize64 > uint64(opt.Limit()) {
			return nil, layer.NewReadError(layer.Place{}, &layer.Fault{Problem: layer.ProblemUnpackTooLarge, Subject: f.Name, N: opt.Limit() >> 20}, nil)
		}
	}
	for _, f := range z.File {
		if pathpkg.Base(f.Name) == "a00000001.gdbtable" {
			sub, err := fs.Sub(z, pathpkg.Dir(f.Name))
			if err != nil {
				return nil, err
			}
			return readGDB(limitedFS{sub, opt.Limit()}, opt)
		}
	}
	return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemNotFormat, "File Geodatabase", "no .gdb folder in the archive"), nil)
}

// limitedFS reads files of fsys up to max bytes each, whatever they claim.
type limitedFS struct {
	fs.FS
	max int64
}

func (l limitedFS) ReadFile(name string) ([]byte, error) {
	f, err := l.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, l.max+1))
	if int64(len(b)) > l.max {
		return nil, &layer.Fault{Problem: layer.ProblemUnpackTooLarge, Subject: name, N: l.max >> 20}
	}
	return b, err
}

// readGDB reads a geodatabase's feature classes from its folder fsys.
func readGDB(fsys fs.FS, opt layer.Options) (*layer.Layer, error) {
	cat, err := readGDBTable(fsys, "a00000001.gdbtable", opt)
	if err != nil {
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemNotFormat, "File Geodatabase", "no catalog (a00000001.gdbtable)"), err)
	}
	type class struct {
		name string
		id   int
	}
	var classes []class
	for _, r := range cat.all() {
		name, _ := r.vals["Name"].(string)
		if name == "" || strings.HasPrefix(name, "GDB_") {
			continue
		}
		classes = append(classes, class{name, r.oid})
	}
	doms := gdbDomains(fsys, cat, opt)
	l := &layer.Layer{Format: "gdb"}
	tab := &layer.Table{}
	var attrOnly, rasters []string
	var crsNames []string
	attrRows := 0
	for _, c := range classes {
		if err := opt.Ctx().Err(); err != nil {
			return nil, err
		}
		t, err := readGDBTable(fsys, fmt.Sprintf("a%08x.gdbtable", c.id), opt)
		if err != nil {
			l.Report.Warn(&layer.Fault{Problem: layer.ProblemTableSkipped, Subject: c.name, Detail: layer.Reason(err)})
			continue
		}
		if t.geomField < 0 {
			attrOnly = append(attrOnly, c.name)
			attrRows += len(t.offs)
			continue
		}
		if t.raster {
			rasters = append(rasters, c.name)
		}
		sys := crs.CRS{Name: "EPSG:4326"}
		if t.wkt != "" && !strings.HasPrefix(t.wkt, "{") {
			if sys, err = crs.FromWKT(t.wkt); err != nil {
				l.Report.Warn(&layer.Fault{Problem: layer.ProblemTableSkipped, Subject: c.name, Detail: err.Error(), N: int64(len(t.offs))})
				continue
			}
		}
		if !slices.Contains(crsNames, sys.Name) {
			crsNames = append(crsNames, sys.Name)
		}
		start := len(l.Features)
		err = t.each(opt, func(r gdbRow) {
			props := r.vals // made for this row: renamed and completed in place
			for k, v := range props {
				// A coded value is shown as what its domain calls it.
				if dom := doms.fields[c.name][k]; dom != nil {
					if name, ok := dom[fmt.Sprint(v)]; ok {
						props[k] = name
					}
				}
				if title := t.titleOf(k); title != k {
					props[title] = props[k]
					delete(props, k)
				}
			}
			props["layer"] = c.name
			// Into the layer's columns at once: a million rows are not
			// held as a million maps.
			f := tab.Feature(r.geom, props, layer.FeaturePlace(r.oid))
			switch {
			case r.fault != nil:
				l.Report.Skip(layer.FeaturePlace(r.oid), r.fault)
			case f.Geometry == nil:
				l.Unplaced = append(l.Unplaced, f)
			default:
				l.Features = append(l.Features, f)
			}
		})
		if err != nil {
			if layer.IsCancel(err) {
				return nil, err
			}
			// A class damaged part way: the rows read are kept, said so.
			l.Report.Warn(&layer.Fault{Problem: layer.ProblemDamaged, Subject: c.name, Detail: err.Error()})
		}
		l.ToLonLat(start, sys, opt)
		l.Placed = false
	}
	tab.Trim()
	l.Placed = true
	l.CRS = strings.Join(crsNames, ", ")
	if len(rasters) > 0 {
		l.Report.Warn(&layer.Fault{Problem: layer.ProblemRasterFootprints, Subject: strings.Join(rasters, ", ")})
	}
	if len(attrOnly) > 0 {
		l.Report.Warn(&layer.Fault{Problem: layer.ProblemAttributeTables, Subject: strings.Join(attrOnly, ", "), N: int64(attrRows)})
	}
	return l, nil
}

// gdbDomainSet is a geodatabase's coded-value domains as they apply:
// class → field → code (as text) → description.
type gdbDomainSet struct {
	fields map[string]map[string]map[string]string
}

// gdbItem is what Plan Atlas reads of a GDB_Items definition: a coded
// value domain's values, or a class's fields and their domains.
type gdbItem struct {
	XMLName    xml.Name
	DomainName string `xml:"DomainName"`
	Coded      []struct {
		Name string `xml:"Name"`
		Code string `xml:"Code"`
	} `xml:"CodedValues>CodedValue"`
	Name   string `xml:"Name"`
	Fields []struct {
		Name   string `xml:"Name"`
		Domain string `xml:"DomainName"`
	} `xml:"GPFieldInfoExs>GPFieldInfoEx"`
}

// gdbDomains reads the coded-value domains of the geodatabase (from its
// GDB_Items table) and which fields of which classes use them; an
// unreadable or missing table means none.
func gdbDomains(fsys fs.FS, cat *gdbTable, opt layer.Options) gdbDomainSet {
	set := gdbDomainSet{fields: map[string]map[string]map[string]string{}}
	id := 0
	for _, r := range cat.all() {
		if r.vals["Name"] == "GDB_Items" {
			id = r.oid
		}
	}
	if id == 0 {
		return set
	}
	t, err := readGDBTable(fsys, fmt.Sprintf("a%08x.gdbtable", id), opt)
	if err != nil {
		return set
	}
	domains := map[string]map[string]string{}
	var classes []gdbItem
	for _, r := range t.all() {
		def, _ := r.vals["Definition"].(string)
		if def == "" {
			continue
		}
		var it gdbItem
		if xml.Unmarshal([]byte(def), &it) != nil {
			continue
		}
		switch it.XMLName.Local {
		case "GPCodedValueDomain2":
			m := map[string]string{}
			for _, c := range it.Coded {
				m[strings.TrimSpace(c.Code)] = c.Name
			}
			domains[it.DomainName] = m
		case "DEFeatureClassInfo", "DETableInfo":
			classes = append(classes, it)
		}
	}
	for _, c := range classes {
		for _, f := range c.Fields {
			if d := domains[f.Domain]; d != nil {
				if set.fields[c.Name] == nil {
					set.fields[c.Name] = map[string]map[string]string{}
				}
				set.fields[c.Name][f.Name] = d
			}
		}
	}
	return set
}

// gdbField is one field of a table.
type gdbField struct {
	name, alias string
	typ         byte
	nullable    bool
	raster      byte // a raster field's kind: 0 external, 1 managed, 2 inline
}

// gdbRow is one row: its object id, values by field name, geometry.
type gdbRow struct {
	oid   int
	vals  map[string]any
	geom  orb.Geometry
	fault *layer.Fault
}

// gdbTable is a table read whole.
type gdbTable struct {
	fields    []gdbField
	geomField int // index in fields, -1 for none
	wkt       string
	xOrigin   float64
	yOrigin   float64
	xyScale   float64
	data      []byte   // the .gdbtable
	offs      [][2]int // each row's object id and where it begins
	nullable  int      // fields that may be null (a bit each in a row)
	raster    bool     // a raster dataset's table: rows are its footprints
}

// each calls fn with every row, read as it comes (a million rows are
// not held at once); it stops when opt's context is done.
//
// Rows lie one after another in the file, so together they hold no more
// bytes than it does: a row index that points rows into one another (a
// damaged or hostile one, where a 20 KB table could make gigabytes of
// values) is stopped there, the rows before it kept.
func (t *gdbTable) each(opt layer.Options, fn func(gdbRow)) error {
	held := 0
	for i, o := range t.offs {
		if i%4096 == 0 {
			if err := opt.Ctx().Err(); err != nil {
				return err
			}
		}
		if o[1] >= 0 && o[1]+4 <= len(t.data) {
			held += 4 + int(binary.LittleEndian.Uint32(t.data[o[1]:]))
			if held > len(t.data) {
				return layer.NewFault(layer.ProblemDamaged, "", "row index: rows overlap")
			}
		}
		fn(t.row(t.data, o[1], o[0], t.nullable))
	}
	return nil
}

// all returns every row (for the small system tables).
func (t *gdbTable) all() []gdbRow {
	var rows []gdbRow
	t.each(layer.Options{}, func(r gdbRow) { rows = append(rows, r) })
	return rows
}

// titleOf is field k's name as a planner should see it: its alias when it
// has one.
func (t *gdbTable) titleOf(k string) string {
	for _, f := range t.fields {
		if f.name == k && f.alias != "" {
			return f.alias
		}
	}
	return k
}

// gdbReader reads little-endian values from a byte slice, noting when it
// runs past the end instead of failing at every step.
type gdbReader struct {
	b   []byte
	off int
	bad bool
}

// take reads the next n bytes.
//
// Past the end it marks the reader bad and gives zeros — at most 64 KB of
// them (a row's null flags), never what a damaged length asks for: those
// callers read past a string or a blob and stop at r.bad.
func (r *gdbReader) take(n int) []byte {
	if n < 0 || r.off+n > len(r.b) || r.bad {
		r.bad = true
		return make([]byte, min(max(n, 0), 1<<16))
	}
	v := r.b[r.off : r.off+n]
	r.off += n
	return v
}
func (r *gdbReader) u8() byte     { return r.take(1)[0] }
func (r *gdbReader) u16() uint16  { return binary.LittleEndian.Uint16(r.take(2)) }
func (r *gdbReader) u32() uint32  { return binary.LittleEndian.Uint32(r.take(4)) }
func (r *gdbReader) u64() uint64  { return binary.LittleEndian.Uint64(r.take(8)) }
func (r *gdbReader) f64() float64 { return math.Float64frombits(r.u64()) }
func (r *gdbReader) utf16(chars int) string {
	b := r.take(chars * 2)
	if r.bad || len(b) < chars*2 {
		return ""
	}
	u := make([]uint16, chars)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}

// varuint reads a 7-bit-group unsigned integer.
func (r *gdbReader) varuint() uint64 {
	var v uint64
	for shift := uint(0); shift < 64; shift += 7 {
		c := r.u8()
		v |= uint64(c&0x7F) << shift
		if c&0x80 == 0 || r.bad {
			return v
		}
	}
	r.bad = true
	return v
}

// varint reads a signed one: the first byte's 0x40 is its sign.
func (r *gdbReader) varint() int64 {
	c := r.u8()
	neg := c&0x40 != 0
	v := uint64(c & 0x3F)
	for shift := uint(6); c&0x80 != 0 && shift < 64 && !r.bad; shift += 7 {
		c = r.u8()
		v |= uint64(c&0x7F) << shift
	}
	if neg {
		return -int64(v)
	}
	return int64(v)
}

// readGDBTable reads a table's fields and rows.
func readGDBTable(fsys fs.FS, name string, opt layer.Options) (*gdbTable, error) {
	if err := opt.Ctx().Err(); err != nil {
		return nil, err
	}
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > opt.Limit() {
		return nil, &layer.Fault{Problem: layer.ProblemTooLarge, N: int64(len(b)) >> 20, M: opt.Limit() >> 20}
	}
	x, err := fs.ReadFile(fsys, strings.TrimSuffix(name, ".gdbtable")+".gdbtablx")
	if err != nil {
		return nil, err
	}
	r := &gdbReader{b: b}
	if r.u32() != 3 {
		return nil, layer.NewFault(layer.ProblemNotFormat, "File Geodatabase", "not a .gdbtable")
	}
	r.off = 32
	descAt := int(r.u64())
	if descAt <= 0 || descAt >= len(b) {
		return nil, layer.NewFault(layer.ProblemDamaged, "", "field descriptions outside the file")
	}
	r.off = descAt + 4
	if v := r.u32(); v != 3 && v != 4 {
		// Version 6: ArcGIS Pro 3.2's tables with 64-bit object ids.
		return nil, layer.NewFault(layer.ProblemNotFormat, "File Geodatabase", fmt.Sprintf("table version %d", v))
	}
	// The layer's geometry type and flags: heights and measures, whose
	// ranges follow the extent in the geometry field's description.
	geomFlags := r.u32()
	layerZ, layerM := geomFlags&(1<<31) != 0, geomFlags&(1<<30) != 0
	n := int(r.u16())
	t := &gdbTable{geomField: -1, data: b}
	nullable := 0
	for i := 0; i < n && !r.bad; i++ {
		f := gdbField{name: r.utf16(int(r.u8()))}
		if al := int(r.u8()); al > 0 {
			f.alias = r.utf16(al)
		}
		f.typ = r.u8()
		switch f.typ {
		case 4: // string
			r.take(4) // its width
			flag := r.u8()
			f.nullable = flag&1 != 0
			r.take(int(r.varuint())) // default value
		case 6: // object id
			r.take(2)
		case 7: // geometry
			r.u8()
			flag := r.u8()
			f.nullable = flag&1 != 0
			t.wkt = r.utf16(int(r.u16()) / 2)
			magic := r.u8()
			t.xOrigin, t.yOrigin, t.xyScale = r.f64(), r.f64(), r.f64()
			hasM, hasZ := magic&2 != 0, magic&4 != 0
			if hasM {
				r.take(16)
			}
			if hasZ {
				r.take(16)
			}
			r.take(8) // xy tolerance
			if hasM {
				r.take(8)
			}
			if hasZ {
				r.take(8)
			}
			r.take(32) // extent
			if layerZ {
				r.take(16) // its height range
			}
			if layerM {
				r.take(16) // its measure range
			}
			// Then the spatial index's grid sizes (one to three), after a
			// byte read past.
			r.u8()
			if g := int(r.u32()); g >= 1 && g <= 3 {
				r.take(8 * g)
			} else {
				return nil, layer.NewFault(layer.ProblemDamaged, "", "spatial index description")
			}
			t.geomField = i
		case 8: // binary
			r.u8()
			f.nullable = r.u8()&1 != 0
		case 9: // raster: its description read past, its values too
			r.u8()
			f.nullable = r.u8()&1 != 0
			r.utf16(int(r.u8())) // the raster column's name
			r.utf16(int(r.u16()) / 2)
			if flags := r.u8(); flags > 0 {
				extra := 0
				if flags&2 != 0 {
					extra += 3
				}
				if flags&4 != 0 {
					extra += 3
				}
				r.take(8 * (4 + extra))
			}
			f.raster = r.u8()
			t.raster = true
		case 10, 11, 12: // GUID, global id, XML
			r.u8()
			f.nullable = r.u8()&1 != 0
		default: // numbers and dates
			r.u8()
			f.nullable = r.u8()&1 != 0
			r.take(int(r.u8())) // default value
		}
		if f.nullable {
			nullable++
		}
		t.fields = append(t.fields, f)
	}
	if r.bad {
		return nil, layer.NewFault(layer.ProblemDamaged, "", "field descriptions cut off")
	}
	t.nullable = nullable
	// The rows, where the index says they are.
	xr := &gdbReader{b: x}
	xr.take(4)
	blocks := int(xr.u32())
	rows := int(xr.u32())
	size := int(xr.u32())
	if xr.bad || size < 4 || size > 6 || rows < 0 || rows > gdbMaxRows || blocks < 0 || blocks > gdbMaxRows/1024+1 {
		return nil, layer.NewFault(layer.ProblemDamaged, "", "row index")
	}
	// Blocks of 1024 rows may be left out of the index (a bitmap after
	// it says which are there): a trailer of the bitmap's length in
	// 32-bit words (0: no bitmap, every block present), its length in
	// bits (blocks), the blocks present again and a word read past.
	present := make([]int, 0, rows/1024+1) // the index block of each block of rows, or -1
	xr.off = 16 + blocks*1024*size
	words := int(xr.u32())
	bits := int(xr.u32())
	again := int(xr.u32())
	xr.u32()
	switch {
	case xr.bad || words == 0:
		for k := 0; k*1024 < rows; k++ {
			present = append(present, k)
		}
	case bits < 0 || bits > gdbMaxRows/1024+1 || rows > bits*1024 || again != blocks || xr.off+(bits+7)/8 > len(x):
		return nil, layer.NewFault(layer.ProblemDamaged, "", "row index bitmap")
	default:
		bitmap := xr.take((bits + 7) / 8)
		k := 0
		for j := 0; j < bits; j++ {
			if bitmap[j/8]&(1<<(j%8)) != 0 {
				present = append(present, k)
				k++
			} else {
				present = append(present, -1)
			}
		}
		if k != blocks {
			return nil, layer.NewFault(layer.ProblemDamaged, "", "row index bitmap")
		}
	}
	for i := 0; i < rows; i++ {
		if i%4096 == 0 {
			if err := opt.Ctx().Err(); err != nil {
				return nil, err
			}
		}
		bi := i / 1024
		if bi >= len(present) || present[bi] < 0 {
			continue
		}
		xr.off = 16 + (present[bi]*1024+i%1024)*size
		ob := xr.take(size)
		var off uint64
		for j := size - 1; j >= 0; j-- {
			off = off<<8 | uint64(ob[j])
		}
		if xr.bad {
			break
		}
		if off == 0 {
			continue // deleted
		}
		t.offs = append(t.offs, [2]int{i + 1, int(off)})
	}
	return t, nil
}

// row reads the row at off.
func (t *gdbTable) row(b []byte, off, oid, nullable int) gdbRow {
	row := gdbRow{oid: oid, vals: map[string]any{}}
	r := &gdbReader{b: b, off: off}
	n := int(r.u32())
	if r.bad || n < 0 || off+4+n > len(b) {
		row.fault = layer.NewFault(layer.ProblemDamaged, "", "the row lies outside the file")
		return row
	}
	r.b = b[:off+4+n]
	flags := r.take((nullable + 7) / 8)
	k := 0
	for i, f := range t.fields {
		if f.typ == 6 {
			continue // the object id is the row's place
		}
		if f.nullable {
			null := flags[k/8]&(1<<(k%8)) != 0
			k++
			if null {
				continue
			}
		}
		var v any
		switch f.typ {
		case 0:
			v = int64(int16(r.u16()))
		case 1:
			v = int64(int32(r.u32()))
		case 2:
			v = float64(math.Float32frombits(r.u32()))
		case 3:
			v = r.f64()
		case 4, 12:
			v = string(r.take(int(r.varuint())))
		case 5, 14: // a date and time; a date (ArcGIS Pro 3.2)
			if d, ok := gdbDays(r.f64()); ok {
				if f.typ == 14 || d.Hour() == 0 && d.Minute() == 0 && d.Second() == 0 {
					v = d.Format("2006-01-02")
				} else {
					v = d.Format("2006-01-02T15:04:05")
				}
			}
		case 13: // a 64-bit integer (ArcGIS Pro 3.2)
			v = int64(r.u64())
		case 15: // a time of day, as a fraction of it (ArcGIS Pro 3.2)
			if day := r.f64(); !math.IsNaN(day) && day >= 0 && day <= 1 {
				v = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(day * 86400 * float64(time.Second)).Round(time.Second)).Format("15:04:05")
			}
		case 16: // a date and time with its offset from UTC in minutes (ArcGIS Pro 3.2)
			days, off := r.f64(), int(int16(r.u16()))
			if d, ok := gdbDays(days); ok && off > -24*60 && off < 24*60 {
				v = time.Date(d.Year(), d.Month(), d.Day(), d.Hour(), d.Minute(), d.Second(), 0, time.FixedZone("", off*60)).Format(time.RFC3339)
			}
		case 7:
			blob := r.take(int(r.varuint()))
			g, err := t.geometry(blob)
			if err != nil {
				row.fault = err
			}
			row.geom = g
			continue
		case 8:
			r.take(int(r.varuint())) // binary: not shown
			continue
		case 9: // a raster: not read (its footprint is the row's shape)
			if f.raster == 1 {
				r.take(4)
			} else {
				r.take(int(r.varuint()))
			}
			continue
		case 10, 11:
			g := r.take(16)
			v = fmt.Sprintf("{%08X-%04X-%04X-%X-%X}", binary.LittleEndian.Uint32(g), binary.LittleEndian.Uint16(g[4:]), binary.LittleEndian.Uint16(g[6:]), g[8:10], g[10:])
		}
		if r.bad {
			row.fault = layer.NewFault(layer.ProblemDamaged, "", "the row is cut off")
			return row
		}
		if v != nil {
			row.vals[t.fields[i].name] = v
		}
	}
	return row
}

// gdbDays is a geodatabase's date: days since 30 December 1899.
func gdbDays(days float64) (time.Time, bool) {
	if math.IsNaN(days) || math.Abs(days) >= 1e7 {
		return time.Time{}, false
	}
	return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).Add(time.Duration(days * 86400 * float64(time.Second)).Round(time.Millisecond)), true
}

// geometry decodes a shape: points, multipoints, lines and areas, their
// coordinates as integers on the table's grid, each after the first as a
// difference from the one before. Z and M are left aside; curves are
// drawn through their end points.
func (t *gdbTable) geometry(blob []byte) (orb.Geometry, *layer.Fault) {
	r := &gdbReader{b: blob}
	typ := r.varuint()
	base := typ & 0xFF
	if t.xyScale == 0 {
		return nil, layer.NewFault(layer.ProblemBadGeometry, "", "no coordinate grid")
	}
	xy := func(dx, dy int64) orb.Point {
		return orb.Point{float64(dx)/t.xyScale + t.xOrigin, float64(dy)/t.xyScale + t.yOrigin}
	}
	switch base {
	case 0:
		return nil, nil
	case 1, 9, 11, 21, 52:
		x, y := r.varuint(), r.varuint()
		if x == 0 && y == 0 {
			return nil, nil // an empty point
		}
		return xy(int64(x)-1, int64(y)-1), nil
	case 8, 18, 20, 28, 53:
		n := int(r.varuint())
		if n <= 0 || n > len(blob) {
			return nil, nil
		}
		for k := 0; k < 4; k++ {
			r.varuint() // the bounding box
		}
		mp := make(orb.MultiPoint, 0, n)
		var dx, dy int64
		for i := 0; i < n && !r.bad; i++ {
			dx += r.varint()
			dy += r.varint()
			mp = append(mp, xy(dx, dy))
		}
		return mp, nil
	case 3, 10, 13, 23, 50, 5, 15, 19, 25, 51:
		n := int(r.varuint())
		parts := int(r.varuint())
		if n <= 0 || parts <= 0 || n > len(blob) || parts > n {
			return nil, nil
		}
		curves := 0
		if typ&0x20000000 != 0 {
			curves = int(r.varuint())
		}
		for k := 0; k < 4; k++ {
			r.varuint()
		}
		sizes := make([]int, parts)
		left := n
		for p := 0; p < parts-1; p++ {
			sizes[p] = int(r.varuint())
			left -= sizes[p]
		}
		sizes[parts-1] = left
		var dx, dy int64
		var lines []orb.LineString
		for _, s := range sizes {
			if s < 0 || r.bad {
				return nil, layer.NewFault(layer.ProblemBadGeometry, "", "part sizes")
			}
			ls := make(orb.LineString, 0, s)
			for i := 0; i < s && !r.bad; i++ {
				dx += r.varint()
				dy += r.varint()
				ls = append(ls, xy(dx, dy))
			}
			lines = append(lines, ls)
		}
		if r.bad {
			return nil, layer.NewFault(layer.ProblemBadGeometry, "", "cut off")
		}
		if curves > 0 {
			// Heights and measures come first, then the curved segments.
			hasZ := base == 10 || base == 13 || base == 19 || base == 15 || (base >= 50 && typ&0x80000000 != 0)
			hasM := base == 13 || base == 23 || base == 15 || base == 25 || (base >= 50 && typ&0x40000000 != 0)
			if hasZ {
				for i := 0; i < n; i++ {
					r.varint()
				}
			}
			if hasM {
				if len(r.b) > r.off && r.b[r.off] == 0x42 {
					r.u8() // no measures
				} else {
					for i := 0; i < n; i++ {
						r.varint()
					}
				}
			}
			lines = gdbCurves(r, lines, curves)
			if r.bad {
				return nil, layer.NewFault(layer.ProblemBadGeometry, "", "curve descriptions cut off")
			}
		}
		if base == 3 || base == 10 || base == 13 || base == 23 || base == 50 {
			if len(lines) == 1 {
				return lines[0], nil
			}
			return orb.MultiLineString(lines), nil
		}
		return gdbRings(lines), nil
	case 31, 32, 54:
		return gdbMultipatch(r, len(blob), xy)
	}
	return nil, layer.NewFault(layer.ProblemBadGeometry, "", fmt.Sprintf("shape type %d", base))
}

// gdbMultipatch reads a multipatch (a 3D model: a building's roof, walls
// and floor as triangle strips, fans, triangles and rings) as what a map
// shows of it from above: its faces as areas in x and y, walls (faces
// standing on edge, no area from above) left out — or, when it has
// nothing else, drawn as the lines they stand on. Heights are read past.
func gdbMultipatch(r *gdbReader, size int, xy func(dx, dy int64) orb.Point) (orb.Geometry, *layer.Fault) {
	n := int(r.varuint())
	if n == 0 {
		return nil, nil
	}
	r.varuint() // read past, as GDAL does
	parts := int(r.varuint())
	if n < 0 || parts <= 0 || n > size || parts > n {
		return nil, layer.NewFault(layer.ProblemBadGeometry, "", "multipatch sizes")
	}
	for k := 0; k < 4; k++ {
		r.varuint() // the bounding box
	}
	sizes := make([]int, parts)
	left := n
	for p := 0; p < parts-1; p++ {
		sizes[p] = int(r.varuint())
		left -= sizes[p]
		if sizes[p] < 0 || left < 0 {
			return nil, layer.NewFault(layer.ProblemBadGeometry, "", "multipatch part sizes")
		}
	}
	sizes[parts-1] = left
	kinds := make([]uint64, parts)
	for p := range kinds {
		kinds[p] = r.varuint() & 0xf
	}
	var dx, dy int64
	pts := make([]orb.Point, 0, n)
	for i := 0; i < n && !r.bad; i++ {
		dx += r.varint()
		dy += r.varint()
		pts = append(pts, xy(dx, dy))
	}
	if r.bad {
		return nil, layer.NewFault(layer.ProblemBadGeometry, "", "cut off")
	}
	var out orb.MultiPolygon
	var walls orb.MultiLineString
	face := func(ring orb.Ring) bool {
		if len(ring) < 3 {
			return false
		}
		if ring[0] != ring[len(ring)-1] {
			ring = append(ring, ring[0])
		}
		if !standsOnEdge(ring) {
			out = append(out, orb.Polygon{ring})
			return true
		}
		walls = append(walls, orb.LineString(ring))
		return false
	}
	at := 0
	current := -1 // the polygon an inner ring belongs to
	for p, s := range sizes {
		part := pts[at : at+s]
		at += s
		switch kinds[p] {
		case 0: // triangle strip
			for i := 2; i < len(part); i++ {
				face(orb.Ring{part[i-2], part[i-1], part[i]})
			}
			current = -1
		case 1: // triangle fan
			for i := 2; i < len(part); i++ {
				face(orb.Ring{part[0], part[i-1], part[i]})
			}
			current = -1
		case 6: // triangles
			for i := 2; i < len(part); i += 3 {
				face(orb.Ring{part[i-2], part[i-1], part[i]})
			}
			current = -1
		case 2, 4: // outer ring, first ring
			current = -1
			if face(append(orb.Ring(nil), part...)) {
				current = len(out) - 1
			}
		case 3, 5: // inner ring, ring
			ring := append(orb.Ring(nil), part...)
			if current >= 0 && len(ring) >= 3 && !standsOnEdge(ring) {
				if ring[0] != ring[len(ring)-1] {
					ring = append(ring, ring[0])
				}
				out[current] = append(out[current], ring)
			} else if face(ring) {
				current = len(out) - 1
			}
		}
	}
	switch len(out) {
	case 0:
		// Only walls (a model without roof or floor): seen from above
		// they are its outline.
		if len(walls) == 0 {
			return nil, nil
		}
		return walls, nil
	case 1:
		return out[0], nil
	}
	return out, nil
}

// standsOnEdge says whether a face has no area seen from above (a wall):
// under a millionth of the square of its longest side.
func standsOnEdge(r orb.Ring) bool {
	b := r.Bound()
	side := math.Max(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1])
	return side == 0 || math.Abs(ringArea(r)) < 1e-6*side*side
}

// gdbRings groups rings into polygons as Esri draws them: clockwise rings
// are outer, counterclockwise ones holes of the outer ring that holds them.
func gdbRings(lines []orb.LineString) orb.Geometry {
	var outers []orb.Polygon
	var holes []orb.Ring
	for _, l := range lines {
		ring := orb.Ring(l)
		if len(ring) < 4 {
			continue
		}
		if ringArea(ring) < 0 { // clockwise in y-up coordinates: outer
			outers = append(outers, orb.Polygon{ring})
		} else {
			holes = append(holes, ring)
		}
	}
	for _, h := range holes {
		placed := false
		for i := range outers {
			if ringContains(outers[i][0], h[0]) {
				outers[i] = append(outers[i], h)
				placed = true
				break
			}
		}
		if !placed {
			outers = append(outers, orb.Polygon{h})
		}
	}
	switch len(outers) {
	case 0:
		return nil // no ring of three points and more: nothing to draw
	case 1:
		return outers[0]
	}
	return orb.MultiPolygon(outers)
}

// ringArea is a ring's signed area (positive counterclockwise).
func ringArea(r orb.Ring) float64 {
	a := 0.0
	for i := 0; i+1 < len(r); i++ {
		a += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return a / 2
}

// ringContains says whether p lies inside r (even-odd rule).
func ringContains(r orb.Ring, p orb.Point) bool {
	in := false
	for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
		if (r[i][1] > p[1]) != (r[j][1] > p[1]) && p[0] < (r[j][0]-r[i][0])*(p[1]-r[i][1])/(r[j][1]-r[i][1])+r[i][0] {
			in = !in
		}
	}
	return in
}

// gdbCurves reads the curved segments that follow a shape's points — each
// the segment from point k (counted over all parts) to the next: a
// circular arc (by an interior point, or a centre and its direction), a
// cubic Bézier (two control points), or an elliptic arc (drawn straight)
// — and puts the points of each curve, as short chords, into its part.
func gdbCurves(r *gdbReader, lines []orb.LineString, n int) []orb.LineString {
	type curve struct{ pts []orb.Point }
	at := map[int][]orb.Point{}
	total := 0
	for _, l := range lines {
		total += len(l)
	}
	pointAt := func(k int) (orb.Point, bool) {
		for _, l := range lines {
			if k < len(l) {
				return l[k], true
			}
			k -= len(l)
		}
		return orb.Point{}, false
	}
	for c := 0; c < n && !r.bad; c++ {
		k := int(r.varuint())
		kind := r.varuint()
		a, ok1 := pointAt(k)
		b, ok2 := pointAt(k + 1)
		switch kind {
		case 1: // circular arc
			v1, v2 := r.f64(), r.f64()
			bits := r.u32()
			if !ok1 || !ok2 || bits&(0x1|0x20|0x40) != 0 {
				continue // empty, a line or a point: straight
			}
			var mid orb.Point
			if bits&0x80 != 0 {
				mid = orb.Point{v1, v2} // a point on the arc
			} else {
				// The centre, and whether the arc turns counterclockwise
				// and is the minor one: its middle point from those.
				c := orb.Point{v1, v2}
				rad := math.Hypot(a[0]-c[0], a[1]-c[1])
				t0, t1 := math.Atan2(a[1]-c[1], a[0]-c[0]), math.Atan2(b[1]-c[1], b[0]-c[0])
				ccw := bits&0x8 != 0
				sweep := t1 - t0
				if ccw {
					for sweep <= 0 {
						sweep += 2 * math.Pi
					}
				} else {
					for sweep >= 0 {
						sweep -= 2 * math.Pi
					}
				}
				tm := t0 + sweep/2
				mid = orb.Point{c[0] + rad*math.Cos(tm), c[1] + rad*math.Sin(tm)}
			}
			if pts := arcThrough(a, mid, b); pts != nil {
				at[k] = pts
			}
		case 4: // cubic Bézier
			c1 := orb.Point{r.f64(), r.f64()}
			c2 := orb.Point{r.f64(), r.f64()}
			if ok1 && ok2 {
				var pts []orb.Point
				for i := 1; i < 24; i++ {
					t := float64(i) / 24
					u := 1 - t
					pts = append(pts, orb.Point{
						u*u*u*a[0] + 3*u*u*t*c1[0] + 3*u*t*t*c2[0] + t*t*t*b[0],
						u*u*u*a[1] + 3*u*u*t*c1[1] + 3*u*t*t*c2[1] + t*t*t*b[1]})
				}
				at[k] = pts
			}
		case 5: // elliptic arc: drawn straight
			r.take(5 * 8)
			r.u32()
		default:
			r.bad = true
		}
	}
	if len(at) == 0 {
		return lines
	}
	out := make([]orb.LineString, len(lines))
	k := 0
	for p, l := range lines {
		var nl orb.LineString
		for i, pt := range l {
			nl = append(nl, pt)
			if i+1 < len(l) {
				nl = append(nl, at[k]...)
			}
			k++
		}
		out[p] = nl
	}
	return out
}

// arcThrough is the points strictly between a and b on the circle through
// a, m and b, as short chords (nil when the three lie on a line).
func arcThrough(a, m, b orb.Point) []orb.Point {
	d := 2 * (a[0]*(m[1]-b[1]) + m[0]*(b[1]-a[1]) + b[0]*(a[1]-m[1]))
	if d == 0 || math.IsNaN(d) {
		return nil
	}
	sq := func(p orb.Point) float64 { return p[0]*p[0] + p[1]*p[1] }
	cx := (sq(a)*(m[1]-b[1]) + sq(m)*(b[1]-a[1]) + sq(b)*(a[1]-m[1])) / d
	cy := (sq(a)*(b[0]-m[0]) + sq(m)*(a[0]-b[0]) + sq(b)*(m[0]-a[0])) / d
	rad := math.Hypot(a[0]-cx, a[1]-cy)
	t0 := math.Atan2(a[1]-cy, a[0]-cx)
	tm := math.Atan2(m[1]-cy, m[0]-cx)
	t1 := math.Atan2(b[1]-cy, b[0]-cx)
	norm := func(t float64) float64 {
		for t < 0 {
			t += 2 * math.Pi
		}
		for t >= 2*math.Pi {
			t -= 2 * math.Pi
		}
		return t
	}
	// Counterclockwise from a, is m met before b? Else the arc runs clockwise.
	sweep := norm(t1 - t0)
	if norm(tm-t0) > sweep {
		sweep -= 2 * math.Pi
	}
	steps := max(2, min(720, int(math.Ceil(math.Abs(sweep)/chord))))
	pts := make([]orb.Point, 0, steps-1)
	for i := 1; i < steps; i++ {
		t := t0 + sweep*float64(i)/float64(steps)
		pts = append(pts, orb.Point{cx + rad*math.Cos(t), cy + rad*math.Sin(t)})
	}
	return pts
}

// chord is the angle (radians) of one segment of a drawn curve.
const chord = math.Pi / 36
