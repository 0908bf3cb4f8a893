package dxf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/planatlas/planatlas/geo/crs"
	"github.com/planatlas/planatlas/geo/layer"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// A DXF drawing (AutoCAD's exchange format, ASCII or binary, R12 to
// current) is read as GDAL's DXF driver reads it: every entity of the
// drawing's model space one feature, a block inserted (INSERT, DIMENSION)
// one feature of its entities' shapes placed by the insertion, nested to
// dxfMaxDepth, its text features of their own; curves
// (arcs, bulges, circles, ellipses, splines) as lines of short chords;
// hatches and solids as areas (holes kept); text as a labelled point with
// its formatting stripped. Each feature has the entity's layer, type,
// handle, text and colour (#rrggbb: its own, its layer's, or its block's).
// Entities that are not drawn are counted and named in the report.
//
// A drawing names no coordinate system: Options.EPSG chooses one, else it
// is guessed from the numbers (GuessEPSG) and the guess is said.

// dxfMaxDepth is how deep blocks may be nested in one another.
const dxfMaxDepth = 8

// dxfMaxFeatures bounds what exploding blocks may make (a block inserted
// in a block inserted in …, each a thousand times): entities visited,
// shapes gathered, features made.
const dxfMaxFeatures = 5_000_000

// chord is the angle (radians) of one segment of a drawn arc.
const chord = math.Pi / 36

// dxfGroup is one group of the file: its code, its value as written and
// its line (for reports).
type dxfGroup struct {
	code int
	val  string
	line int
}

// dxfEntity is an entity's groups, its type first.
type dxfEntity struct {
	typ    string
	groups []dxfGroup
	line   int
	verts  []dxfEntity // a POLYLINE's VERTEX entities, an INSERT's ATTRIBs
}

func (e *dxfEntity) str(code int) string {
	for _, g := range e.groups {
		if g.code == code {
			return g.val
		}
	}
	return ""
}

func (e *dxfEntity) num(code int, def float64) float64 {
	for _, g := range e.groups {
		if g.code == code {
			if v, err := strconv.ParseFloat(strings.TrimSpace(g.val), 64); err == nil {
				return v
			}
		}
	}
	return def
}

func (e *dxfEntity) integer(code int, def int) int {
	return int(e.num(code, float64(def)))
}

// pt is the point of codes (x, x+10) (10/20, 11/21 …).
func (e *dxfEntity) pt(x int) orb.Point {
	return orb.Point{e.num(x, 0), e.num(x+10, 0)}
}

// dxfBlock is a block definition: its base point and entities.
type dxfBlock struct {
	base     orb.Point
	entities []dxfEntity
}

// dxfDoc is a parsed drawing.
type dxfDoc struct {
	layerColour map[string]string
	blocks      map[string]*dxfBlock
	utf8        bool   // R2007 and later: text is UTF-8
	codepage    string // $DWGCODEPAGE: ANSI_936 (GBK), ANSI_1252…; text before R2007 is in it
	dimStyles   map[string]dimStyle
}

// dimStyle is what a dimension style says about drawing a dimension
// without its block: decimals, arrow size and the extension lines'
// overshoot and offset, scaled by DIMSCALE.
type dimStyle struct {
	decimals                     int
	arrow, extend, offset, scale float64
}

// defaultDimStyle is AutoCAD's (and GDAL's) when a drawing gives none.
var defaultDimStyle = dimStyle{decimals: 4, arrow: 0.18, extend: 0.18, offset: 0.0625, scale: 1}

// decoder is the text encoding of a drawing's code page (Windows-1252,
// AutoCAD's and GDAL's default, when none is named).
func (doc *dxfDoc) decoder() *encoding.Decoder {
	switch strings.ToUpper(doc.codepage) {
	case "ANSI_936", "GB2312", "GBK":
		return simplifiedchinese.GBK.NewDecoder()
	case "ANSI_950", "BIG5":
		return traditionalchinese.Big5.NewDecoder()
	case "ANSI_932":
		return japanese.ShiftJIS.NewDecoder()
	case "ANSI_949":
		return korean.EUCKR.NewDecoder()
	case "ANSI_1250":
		return charmap.Windows1250.NewDecoder()
	case "ANSI_1251":
		return charmap.Windows1251.NewDecoder()
	case "ANSI_1253":
		return charmap.Windows1253.NewDecoder()
	case "ANSI_1254":
		return charmap.Windows1254.NewDecoder()
	case "ANSI_1255":
		return charmap.Windows1255.NewDecoder()
	case "ANSI_1256":
		return charmap.Windows1256.NewDecoder()
	case "ANSI_1257":
		return charmap.Windows1257.NewDecoder()
	case "ANSI_1258":
		return charmap.Windows1258.NewDecoder()
	case "ANSI_874":
		return charmap.Windows874.NewDecoder()
	}
	return charmap.Windows1252.NewDecoder()
}

// Parse reads an ASCII DXF drawing; see the comment above.
func Parse(b []byte, opt layer.Options) (*layer.Layer, error) {
	l := &layer.Layer{Format: "dxf"}
	x := &dxfExploder{l: l, opt: opt, notDrawn: map[string]int{}}
	// The entities are drawn as they are read (the layers and blocks come
	// before them in the file): the groups are never all held at once.
	sc := &dxfScanner{b: b}
	if bytes.HasPrefix(b, []byte(binarySentinel)) {
		sc.b = b[len(binarySentinel):]
		sc.binary = true
		// R12 writes one byte per group code (255 then two for larger
		// ones), R13 and later two: the first group is 0, SECTION.
		sc.wide = len(sc.b) > 2 && sc.b[0] == 0 && sc.b[1] == 0
	}
	doc, err := dxfParse(sc, func(e dxfEntity) error {
		x.entity(e, identity, "", 0, nil)
		if len(x.l.Features)%4096 == 0 {
			return opt.Ctx().Err()
		}
		return nil
	}, func(d *dxfDoc) { x.doc = d })
	if err != nil {
		return nil, err
	}
	if doc.gbk() {
		l.Encoding = "GBK ($DWGCODEPAGE)"
	}
	if x.paperSpace > 0 {
		l.Report.Warn(&layer.Fault{Problem: layer.ProblemPaperSpace, N: int64(x.paperSpace)})
	}
	if len(x.notDrawn) > 0 {
		var names []string
		n := 0
		for k, c := range x.notDrawn {
			names = append(names, fmt.Sprintf("%s ×%d", k, c))
			n += c
		}
		sort.Strings(names)
		l.Report.Warn(&layer.Fault{Problem: layer.ProblemEntitiesNotDrawn, Subject: strings.Join(names, ", "), N: int64(n)})
	}
	if x.truncated {
		l.Report.Warn(&layer.Fault{Problem: layer.ProblemTooDeep, Subject: "DXF"})
	}
	l.Fields = []string{"Layer", "Entity", "Handle", "Text", "Color"}
	if opt.Local {
		l.CRS = LocalCRS
		return l, nil
	}
	// Where the drawing lies: the planner's choice, or a guess from its numbers.
	var b0 orb.Bound
	for i, f := range l.Features {
		if i == 0 {
			b0 = f.Geometry.Bound()
		} else {
			b0 = b0.Union(f.Geometry.Bound())
		}
	}
	sys, guessed, err := dxfCRS(b0, opt)
	if err != nil {
		return nil, layer.NewReadError(layer.Place{}, layer.AsFault(err, layer.ProblemUnsupportedCRS), nil)
	}
	l.CRS = sys.Name
	if guessed {
		l.Report.Warn(&layer.Fault{Problem: layer.ProblemCRSGuessed, Subject: sys.Name, Detail: layer.RangeText(b0)})
	}
	l.ToLonLat(0, sys, opt)
	return l, nil
}

// LocalCRS names the coordinates of a drawing read with Options.Local.
const LocalCRS = "local"

// dxfCRS is the coordinate system to read a drawing in: opt.EPSG, or the
// one its numbers suggest (guessed true).
func dxfCRS(b orb.Bound, opt layer.Options) (crs.CRS, bool, error) {
	if opt.EPSG != 0 {
		c, err := crs.FromEPSG(opt.EPSG)
		return c, false, err
	}
	code := crs.Guess(b, opt.Near)
	if code == 0 {
		return crs.CRS{Name: "EPSG:4326"}, false, nil // placed as lon/lat; what is not is reported
	}
	c, err := crs.FromEPSG(code)
	return c, true, err
}

// dxfScanner reads the file's groups one at a time: a code line, then a
// value line. A file cut off or damaged part way ends where it breaks.
type dxfScanner struct {
	b      []byte
	line   int // the line, or in a binary file the group
	peeked *dxfGroup
	bad    bool // a group code was not a number
	binary bool // a binary DXF: codes and typed values
	wide   bool // two-byte group codes (R13 and later)
}

// binarySentinel begins a binary DXF.
const binarySentinel = "AutoCAD Binary DXF\r\n\x1a\x00"

// nextBinary reads a binary group: its code, then a value whose type the
// code says (text ends with a zero byte; numbers are little-endian), the
// value written out as the ASCII form would have it.
func (sc *dxfScanner) nextBinary() (dxfGroup, bool) {
	b := sc.b
	take := func(n int) ([]byte, bool) {
		if len(b) < n {
			return nil, false
		}
		v := b[:n]
		b = b[n:]
		return v, true
	}
	var code int
	if sc.wide {
		c, ok := take(2)
		if !ok {
			return dxfGroup{}, false
		}
		code = int(int16(binary.LittleEndian.Uint16(c)))
	} else {
		c, ok := take(1)
		if !ok {
			return dxfGroup{}, false
		}
		code = int(c[0])
		if code == 255 {
			w, ok := take(2)
			if !ok {
				return dxfGroup{}, false
			}
			code = int(binary.LittleEndian.Uint16(w))
		}
	}
	var val string
	ok := true
	num := func(n int, f func([]byte) string) {
		var v []byte
		if v, ok = take(n); ok {
			val = f(v)
		}
	}
	i16 := func(v []byte) string { return strconv.Itoa(int(int16(binary.LittleEndian.Uint16(v)))) }
	i32 := func(v []byte) string { return strconv.Itoa(int(int32(binary.LittleEndian.Uint32(v)))) }
	f64 := func(v []byte) string {
		return strconv.FormatFloat(math.Float64frombits(binary.LittleEndian.Uint64(v)), 'g', -1, 64)
	}
	switch {
	case code >= 10 && code <= 59, code >= 110 && code <= 149, code >= 210 && code <= 239,
		code >= 460 && code <= 469, code >= 1010 && code <= 1059:
		num(8, f64)
	case code >= 60 && code <= 79, code >= 170 && code <= 179, code >= 270 && code <= 289,
		code >= 370 && code <= 389, code >= 400 && code <= 409, code >= 1060 && code <= 1070:
		num(2, i16)
	case code >= 90 && code <= 99, code >= 420 && code <= 429, code >= 440 && code <= 459, code == 1071:
		num(4, i32)
	case code >= 160 && code <= 169:
		num(8, func(v []byte) string { return strconv.FormatInt(int64(binary.LittleEndian.Uint64(v)), 10) })
	case code >= 290 && code <= 299:
		num(1, func(v []byte) string { return strconv.Itoa(int(v[0])) })
	case code >= 310 && code <= 319, code == 1004:
		var n []byte
		if n, ok = take(1); ok {
			_, ok = take(int(n[0])) // binary data: not drawn
		}
	default:
		i := bytes.IndexByte(b, 0)
		if i < 0 {
			return dxfGroup{}, false
		}
		val, b = string(b[:i]), b[i+1:]
	}
	if !ok || code < 0 {
		sc.b = nil
		return dxfGroup{}, false
	}
	sc.b = b
	sc.line++
	return dxfGroup{code: code, val: val, line: sc.line}, true
}

func (sc *dxfScanner) lineText() (string, bool) {
	if len(sc.b) == 0 {
		return "", false
	}
	i := bytes.IndexByte(sc.b, '\n')
	var s []byte
	if i < 0 {
		s, sc.b = sc.b, nil
	} else {
		s, sc.b = sc.b[:i], sc.b[i+1:]
	}
	sc.line++
	return string(bytes.TrimRight(s, "\r")), true
}

// next returns the next group; false at the end.
func (sc *dxfScanner) next() (dxfGroup, bool) {
	if sc.peeked != nil {
		g := *sc.peeked
		sc.peeked = nil
		return g, true
	}
	if sc.binary {
		return sc.nextBinary()
	}
	c, ok := sc.lineText()
	if !ok {
		return dxfGroup{}, false
	}
	v, ok := sc.lineText()
	code, err := strconv.Atoi(strings.TrimSpace(c))
	if err != nil || !ok {
		sc.bad, sc.b = err != nil, nil
		return dxfGroup{}, false
	}
	return dxfGroup{code: code, val: v, line: sc.line - 1}, true
}

// peek returns the next group without taking it.
func (sc *dxfScanner) peek() (dxfGroup, bool) {
	if sc.peeked == nil {
		g, ok := sc.next()
		if !ok {
			return g, false
		}
		sc.peeked = &g
	}
	return *sc.peeked, true
}

// dxfParse reads the drawing's header, layers and blocks into a dxfDoc
// (handed to ready as soon as the entities begin) and each entity of the
// ENTITIES section to draw, as it is read.
func dxfParse(sc *dxfScanner, draw func(dxfEntity) error, ready func(*dxfDoc)) (*dxfDoc, error) {
	doc := &dxfDoc{layerColour: map[string]string{}, blocks: map[string]*dxfBlock{}, dimStyles: map[string]dimStyle{}}
	sawSection := false
	is0 := func(g dxfGroup, name string) bool { return g.code == 0 && strings.TrimSpace(g.val) == name }
	// entities reads entities until a 0-group named one of ends (left
	// unread), calling each with an entity (a POLYLINE with its vertices).
	entities := func(each func(dxfEntity) error, ends ...string) error {
		var pending *dxfEntity
		flush := func() error {
			if pending == nil {
				return nil
			}
			e := *pending
			pending = nil
			return each(e)
		}
		for {
			g, ok := sc.peek()
			if !ok {
				return flush()
			}
			if g.code != 0 {
				sc.next()
				continue
			}
			name := strings.TrimSpace(g.val)
			for _, e := range ends {
				if name == e {
					return flush()
				}
			}
			sc.next()
			e := dxfEntity{typ: name, line: g.line}
			for {
				g, ok := sc.peek()
				if !ok || g.code == 0 {
					break
				}
				sc.next()
				e.groups = append(e.groups, g)
			}
			switch {
			case name == "VERTEX" && pending != nil && pending.typ == "POLYLINE":
				pending.verts = append(pending.verts, e)
				continue
			case name == "ATTRIB" && pending != nil && pending.typ == "INSERT":
				pending.verts = append(pending.verts, e) // drawn with each copy of the insert
				continue
			case name == "SEQEND":
				if err := flush(); err != nil {
					return err
				}
				continue
			}
			if err := flush(); err != nil {
				return err
			}
			pending = &e
		}
	}
	started := false
	for {
		g, ok := sc.next()
		if !ok {
			break
		}
		var h dxfGroup
		switch {
		case is0(g, "SECTION"):
			if h, ok = sc.next(); !ok {
				break
			}
		case g.code == 2 && sectionName(g.val):
			// A section named without its "0 SECTION" (some writers drop
			// it after an ENDSEC): read as GDAL reads it.
			h = g
		default:
			continue
		}
		if !ok {
			break
		}
		sawSection = true
		switch strings.TrimSpace(h.val) {
		case "HEADER":
			for {
				g, ok := sc.next()
				if !ok || is0(g, "ENDSEC") {
					break
				}
				if g.code != 9 {
					continue
				}
				v, ok := sc.peek()
				if !ok {
					break
				}
				val := strings.TrimSpace(v.val)
				switch strings.TrimSpace(g.val) {
				case "$ACADVER":
					if len(val) == 6 && val >= "AC1021" {
						doc.utf8 = true
					}
				case "$DWGCODEPAGE":
					doc.codepage = val
				}
			}
		case "TABLES":
			entities(func(e dxfEntity) error {
				switch e.typ {
				case "LAYER":
					doc.layerColour[doc.text(e.str(2))] = aciColour(e.integer(62, 7), e.str(420))
				case "DIMSTYLE":
					st := defaultDimStyle
					st.decimals = min(max(e.integer(271, st.decimals), 0), 8)
					st.arrow, st.extend, st.offset = e.num(41, st.arrow), e.num(44, st.extend), e.num(42, st.offset)
					if sc := e.num(40, 1); sc > 0 {
						st.scale = sc
					}
					doc.dimStyles[strings.ToUpper(doc.text(e.str(2)))] = st
				}
				return nil
			}, "ENDSEC")
		case "BLOCKS":
			for {
				g, ok := sc.next()
				if !ok || is0(g, "ENDSEC") {
					break
				}
				if !is0(g, "BLOCK") {
					continue
				}
				head := dxfEntity{typ: "BLOCK"}
				for {
					g, ok := sc.peek()
					if !ok || g.code == 0 {
						break
					}
					sc.next()
					head.groups = append(head.groups, g)
				}
				blk := &dxfBlock{base: head.pt(10)}
				entities(func(e dxfEntity) error { blk.entities = append(blk.entities, e); return nil }, "ENDBLK", "ENDSEC")
				doc.blocks[doc.text(head.str(2))] = blk
				if g, ok := sc.peek(); ok && is0(g, "ENDBLK") {
					sc.next()
				}
			}
		case "ENTITIES":
			if !started {
				started = true
				ready(doc)
			}
			if err := entities(draw, "ENDSEC"); err != nil {
				return nil, err
			}
		}
	}
	if !sawSection {
		if sc.bad && sc.line <= 2 {
			return nil, layer.NewReadError(layer.LinePlace(1), layer.NewFault(layer.ProblemNotFormat, "DXF", "a group code is not a number"), nil)
		}
		return nil, layer.NewReadError(layer.Place{}, layer.NewFault(layer.ProblemNotFormat, "DXF", "no SECTION"), nil)
	}
	if !started {
		ready(doc)
	}
	return doc, nil
}

// gbk says whether the drawing's text is in GBK (ANSI_936).
func (doc *dxfDoc) gbk() bool {
	return !doc.utf8 && strings.EqualFold(doc.codepage, "ANSI_936")
}

// sectionName says whether v names a section of a drawing.
func sectionName(v string) bool {
	switch strings.TrimSpace(v) {
	case "HEADER", "CLASSES", "TABLES", "BLOCKS", "ENTITIES", "OBJECTS", "THUMBNAILIMAGE", "ACDSDATA":
		return true
	}
	return false
}

// text decodes a string as the drawing writes it: GBK for ANSI_936 before
// R2007, UTF-8 after; \U+XXXX escapes and %% codes undone.
func (doc *dxfDoc) text(s string) string {
	if !doc.utf8 && !utf8.ValidString(s) {
		if d, err := doc.decoder().String(s); err == nil {
			s = d
		}
	}
	if strings.Contains(s, `\U+`) || strings.Contains(s, `\u+`) {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			if i+7 <= len(s) && (s[i:i+3] == `\U+` || s[i:i+3] == `\u+`) {
				if r, err := strconv.ParseUint(s[i+3:i+7], 16, 32); err == nil {
					b.WriteRune(rune(r))
					i += 6
					continue
				}
			}
			b.WriteByte(s[i])
		}
		s = b.String()
	}
	if strings.Contains(s, "%%") {
		s = strings.NewReplacer("%%c", "Ø", "%%C", "Ø", "%%d", "°", "%%D", "°", "%%p", "±", "%%P", "±",
			"%%u", "", "%%U", "", "%%o", "", "%%O", "", "%%%", "%").Replace(s)
	}
	return s
}

// ocsToWorld maps an entity's own coordinate system (its extrusion
// direction, codes 210/220/230, and elevation) to the drawing's, seen from
// above, by AutoCAD's arbitrary axis algorithm: a polyline drawn on a
// tilted plane, or an arc mirrored (extrusion pointing down).
func ocsToWorld(e dxfEntity) affine {
	n := [3]float64{e.num(210, 0), e.num(220, 0), e.num(230, 1)}
	l := math.Sqrt(n[0]*n[0] + n[1]*n[1] + n[2]*n[2])
	if l == 0 || math.IsNaN(l) || math.IsInf(l, 0) || (n[0] == 0 && n[1] == 0 && n[2] > 0) {
		return identity
	}
	n = [3]float64{n[0] / l, n[1] / l, n[2] / l}
	cross := func(a, b [3]float64) [3]float64 {
		return [3]float64{a[1]*b[2] - a[2]*b[1], a[2]*b[0] - a[0]*b[2], a[0]*b[1] - a[1]*b[0]}
	}
	unit := func(a [3]float64) [3]float64 {
		m := math.Sqrt(a[0]*a[0] + a[1]*a[1] + a[2]*a[2])
		return [3]float64{a[0] / m, a[1] / m, a[2] / m}
	}
	var ax [3]float64
	if math.Abs(n[0]) < 1.0/64 && math.Abs(n[1]) < 1.0/64 {
		ax = unit(cross([3]float64{0, 1, 0}, n))
	} else {
		ax = unit(cross([3]float64{0, 0, 1}, n))
	}
	ay := unit(cross(n, ax))
	z := e.num(38, e.num(30, 0)) // the entity's elevation along its extrusion
	return affine{ax[0], ay[0], z * n[0], ax[1], ay[1], z * n[1]}
}

// noShape is the shape of an entity that has nothing to draw.
var noShape = orb.Collection{}

// affine maps a block's points into the drawing: x' = a·x + b·y + c,
// y' = d·x + e·y + f.
type affine [6]float64

var identity = affine{1, 0, 0, 0, 1, 0}

func (m affine) apply(p orb.Point) orb.Point {
	return orb.Point{m[0]*p[0] + m[1]*p[1] + m[2], m[3]*p[0] + m[4]*p[1] + m[5]}
}

// then is m applied after n.
func (m affine) then(n affine) affine {
	return affine{
		m[0]*n[0] + m[1]*n[3], m[0]*n[1] + m[1]*n[4], m[0]*n[2] + m[1]*n[5] + m[2],
		m[3]*n[0] + m[4]*n[3], m[3]*n[1] + m[4]*n[4], m[3]*n[2] + m[4]*n[5] + m[5],
	}
}

// dxfExploder turns entities into features.
type dxfExploder struct {
	doc        *dxfDoc
	l          *layer.Layer
	opt        layer.Options
	notDrawn   map[string]int
	truncated  bool
	visits     int  // entities visited, inserted blocks' included
	inBlock    bool // the entity being read is a block's
	splitting  bool // a dimension's block is being drawn entity by entity
	paperSpace int  // entities of paper space, not drawn
}

// entity adds the features of e, placed by m; byBlock is the colour of
// the insert e belongs to (for colour 0, BYBLOCK). Inside a block (into
// not nil) its shapes are gathered into the insert's feature instead, as
// GDAL merges a block's geometries; its text stays a feature of its own.
func (x *dxfExploder) entity(e dxfEntity, m affine, byBlock string, depth int, into *[]orb.Geometry) {
	if e.integer(67, 0) == 1 {
		// Paper space (a layout's frame, title block, viewports), in the
		// sheet's millimetres, not on the ground: counted and said.
		if depth == 0 && e.typ != "VIEWPORT" { // a viewport is a window, not a drawing
			x.paperSpace++
		}
		return
	}
	// Blocks inserting blocks a thousand times each could ask for more
	// shapes than any drawing holds: what passes the bound is left out.
	x.visits++
	if x.visits > dxfMaxFeatures || (into != nil && len(*into) >= dxfMaxFeatures) || len(x.l.Features) >= dxfMaxFeatures {
		x.truncated = true
		return
	}
	ocs := ocsToWorld(e)
	layerName := x.doc.text(e.str(8))
	colour := aciColour(e.integer(62, 256), e.str(420))
	switch colour {
	case "bylayer":
		colour = x.doc.layerColour[layerName]
	case "byblock":
		colour = byBlock
	}
	feature := func(g orb.Geometry, text string) {
		props := map[string]any{"Layer": layerName, "Entity": e.typ}
		if h := e.str(5); h != "" {
			props["Handle"] = h
		}
		if text != "" {
			props["Text"] = text
		}
		if colour != "" {
			props["Color"] = colour
		}
		x.l.Features = append(x.l.Features, layer.Feature{Geometry: g, Props: props, Src: layer.At(layer.LinePlace(e.line))})
	}
	switch e.typ {
	case "INSERT", "DIMENSION":
		if depth >= dxfMaxDepth {
			x.truncated = true
			return
		}
		blk := x.doc.blocks[x.doc.text(e.str(2))]
		if blk == nil {
			switch {
			case e.typ == "DIMENSION":
				x.dimension(e, m, feature, into)
			default:
				x.notDrawn["INSERT (missing block)"]++
			}
			return
		}
		ins := e.pt(10)
		sx, sy := e.num(41, 1), e.num(42, 1)
		if e.typ == "DIMENSION" {
			ins, sx, sy = orb.Point{}, 1, 1 // a dimension's block is drawn in place
		}
		rot := e.num(50, 0) * math.Pi / 180
		c, s := math.Cos(rot), math.Sin(rot)
		// A MINSERT repeats the block in columns and rows, spaced along
		// the insert's rotated axes. (A DIMENSION's 70 and 71 are its
		// type and text attachment, not a grid: it is drawn once.)
		cols, rows := 1, 1
		if e.typ == "INSERT" {
			cols, rows = max(1, e.integer(70, 1)), max(1, e.integer(71, 1))
		}
		if cols*rows > 10_000 {
			cols, rows = 1, 1
		}
		dc, dr := e.num(44, 0), e.num(45, 0)
		// As GDAL reads a drawing: each copy of an inserted block is one
		// feature of its shapes (its texts features of their own), and its
		// attributes are drawn with each copy; a dimension's block is
		// drawn entity by entity (its lines, arrowheads, text and points).
		split := into == nil && (e.typ == "DIMENSION" || x.splitting)
		for r := 0; r < rows; r++ {
			for k := 0; k < cols; k++ {
				ox, oy := float64(k)*dc, float64(r)*dr
				off := orb.Point{c*ox - s*oy, s*ox + c*oy}
				place := affine{c * sx, -s * sy, ins[0] + off[0], s * sx, c * sy, ins[1] + off[1]}.
					then(affine{1, 0, -blk.base[0], 0, 1, -blk.base[1]})
				p := m.then(ocs).then(place)
				var shapes []orb.Geometry
				gather := into
				switch {
				case split:
					gather = nil
				case gather == nil:
					gather = &shapes
				}
				was := x.splitting
				x.splitting = split
				for _, be := range blk.entities {
					x.entity(be, p, colour, depth+1, gather)
				}
				x.splitting = was
				if into == nil && len(shapes) > 0 {
					feature(orb.Collection(shapes), "")
				}
				for _, at := range e.verts {
					x.entity(at, m.then(affine{1, 0, off[0], 0, 1, off[1]}), colour, depth, into)
				}
			}
		}
		return
	}
	switch e.typ {
	case "MULTILEADER", "MLEADER":
		x.mleader(e, m.then(ocs), feature, into)
		return
	case "LEADER":
		// The leader line, then its arrowhead (a feature of its own, as
		// GDAL gives it) when the leader has one; the dimension style's
		// arrow size.
		g, _ := x.geometry(e)
		if ls, ok := g.(orb.LineString); ok && len(ls) >= 2 {
			place := m.then(ocs).apply
			x.emit(layer.Transform(ls, place), feature, into)
			if e.integer(71, 1) != 0 {
				size := defaultDimStyle.arrow
				if st, ok := x.doc.dimStyles[strings.ToUpper(x.doc.text(e.str(3)))]; ok {
					size = st.arrow * st.scale
				}
				if h := arrowhead(ls[0], ls[1], size); h != nil {
					x.emit(layer.Transform(h, place), feature, into)
				}
			}
			return
		}
	}
	x.inBlock = depth > 0
	g, text := x.geometry(e)
	if g == nil {
		return
	}
	if c, ok := g.(orb.Collection); ok && len(c) == 0 {
		// An entity with nothing to draw (a polyline without vertices):
		// kept for its attributes, as GDAL keeps it with an empty shape.
		if into == nil {
			feature(nil, text)
			f := x.l.Features[len(x.l.Features)-1]
			x.l.Features = x.l.Features[:len(x.l.Features)-1]
			x.l.Unplaced = append(x.l.Unplaced, f)
		}
		return
	}
	g = layer.Transform(g, m.then(ocs).apply)
	if into != nil && text == "" {
		*into = append(*into, g)
		return
	}
	feature(g, text)
}

// dimension draws a DIMENSION whose block is missing (a drawing written
// without them; AutoCAD writes them) as GDAL's fallback draws it: the
// dimension line between its two arrows, the extension lines from the
// measured points, a filled arrowhead at each end, and its text — or the
// length measured — at its text point, each a feature of its own. Sizes
// are its dimension style's (AutoCAD's defaults when it has none: arrows
// 0.18, extension 0.18 past the line and 0.0625 off the point, four
// decimals).
func (x *dxfExploder) dimension(e dxfEntity, m affine, feature func(orb.Geometry, string), into *[]orb.Geometry) {
	st, ok := x.doc.dimStyles[strings.ToUpper(x.doc.text(e.str(3)))]
	if !ok {
		if st, ok = x.doc.dimStyles["STANDARD"]; !ok {
			st = defaultDimStyle
		}
	}
	arrow, extend, offset := st.arrow*st.scale, st.extend*st.scale, st.offset*st.scale
	a1, at, t2, t1 := e.pt(10), e.pt(11), e.pt(13), e.pt(14)
	v := orb.Point{a1[0] - t1[0], a1[1] - t1[1]}
	if l := math.Hypot(v[0], v[1]); l > 0 {
		v = orb.Point{v[0] / l, v[1] / l}
	}
	// The second arrow: where the line from the second point along the
	// extension direction meets the dimension line through the first.
	d := (a1[0]-t2[0])*v[0] + (a1[1]-t2[1])*v[1]
	a2 := orb.Point{t2[0] + v[0]*d, t2[1] + v[1]*d}
	along := func(p orb.Point, k float64) orb.Point { return orb.Point{p[0] + v[0]*k, p[1] + v[1]*k} }
	lines := orb.MultiLineString{{a1, a2}}
	for _, ext := range [][2]orb.Point{{along(t1, offset), along(a1, extend)}, {along(t2, offset), along(a2, extend)}} {
		if ext[0] != ext[1] {
			lines = append(lines, orb.LineString{ext[0], ext[1]})
		}
	}
	place := m.then(ocsToWorld(e)).apply
	for _, g := range []orb.Geometry{lines, arrowhead(a1, a2, arrow), arrowhead(a2, a1, arrow)} {
		if g != nil {
			x.emit(layer.Transform(g, place), feature, into)
		}
	}
	text := e.str(1)
	if text == " " {
		return // a space: no text, as AutoCAD reads it
	}
	if text == "" {
		text = "<>"
	}
	length := strconv.FormatFloat(math.Hypot(a2[0]-a1[0], a2[1]-a1[1]), 'f', st.decimals, 64)
	text = stripMText(x.doc.text(strings.Replace(text, "<>", length, 1)))
	feature(layer.Transform(at, place), text)
}

// emit adds g as a feature of its own, or to the shapes of the insert
// being gathered.
func (x *dxfExploder) emit(g orb.Geometry, feature func(orb.Geometry, string), into *[]orb.Geometry) {
	if into != nil {
		*into = append(*into, g)
		return
	}
	feature(g, "")
}

// arrowhead is a closed, filled arrowhead of length size with its tip at
// tip, pointing away from from: a third of its length wide, as AutoCAD's
// default and GDAL draw it. Nil when the two points coincide.
func arrowhead(tip, from orb.Point, size float64) orb.Geometry {
	dx, dy := from[0]-tip[0], from[1]-tip[1]
	l := math.Hypot(dx, dy)
	if l == 0 || size <= 0 || !layer.Finite(l) {
		return nil
	}
	dx, dy = dx/l, dy/l
	base := orb.Point{tip[0] + dx*size, tip[1] + dy*size}
	w := size / 6
	left, right := orb.Point{base[0] - dy*w, base[1] + dx*w}, orb.Point{base[0] + dy*w, base[1] - dx*w}
	return orb.Polygon{{left, tip, right, left}}
}

// mleader draws a MULTILEADER as GDAL reads it: its leader lines (each
// from its arrow through its vertices to the landing point, then the
// dogleg) as one feature, an arrowhead at the start of each line, and its
// text at the text's place. Block contents are counted as not drawn.
func (x *dxfExploder) mleader(e dxfEntity, m affine, feature func(orb.Geometry, string), into *[]orb.Geometry) {
	type leader struct {
		last, dogDir       orb.Point
		dogLen             float64
		hasLast, hasDogleg bool
		lines              []orb.LineString
	}
	var (
		leaders        []*leader
		cur            *leader
		line           orb.LineString
		inLine, inCtx  bool
		text           string
		hasText        bool
		textAt         orb.Point
		arrowSize      = -1.0
		ctxArrow       = 4.0
		lineType       = 1
		doglegOn       = true
		block, pending bool
	)
	num := func(g dxfGroup) float64 { v, _ := strconv.ParseFloat(strings.TrimSpace(g.val), 64); return v }
	for _, g := range e.groups {
		val := strings.TrimSpace(g.val)
		switch {
		case g.code == 300 && val == "CONTEXT_DATA{":
			inCtx = true
			continue
		case g.code == 301:
			inCtx = false
			continue
		case g.code == 302 && val == "LEADER{":
			cur = &leader{}
			leaders = append(leaders, cur)
			continue
		case g.code == 303:
			cur = nil
			continue
		case g.code == 304 && val == "LEADER_LINE{":
			inLine, line = true, nil
			continue
		case g.code == 305:
			if cur != nil && len(line) > 0 {
				cur.lines = append(cur.lines, line)
			}
			inLine = false
			continue
		}
		switch {
		case inLine:
			switch g.code {
			case 10:
				line = append(line, orb.Point{num(g), 0})
			case 20:
				if len(line) > 0 {
					line[len(line)-1][1] = num(g)
				}
			}
		case cur != nil:
			switch g.code {
			case 10:
				cur.last[0] = num(g)
			case 20:
				cur.last[1] = num(g)
			case 11:
				cur.dogDir[0] = num(g)
			case 21:
				cur.dogDir[1] = num(g)
			case 40:
				cur.dogLen = num(g)
			case 290:
				cur.hasLast = val != "0"
			case 291:
				cur.hasDogleg = val != "0"
			}
		case inCtx:
			switch g.code {
			case 140:
				ctxArrow = num(g)
			case 290:
				hasText = val != "0"
			case 304:
				text = g.val
				pending = true
			case 3:
				if pending {
					text += g.val // the text's continuation, as MTEXT's 3
				}
			case 12:
				textAt[0] = num(g)
			case 22:
				textAt[1] = num(g)
			case 341:
				block = true // block content: its block record
			}
		default:
			switch g.code {
			case 170:
				lineType = int(num(g))
			case 291:
				doglegOn = val != "0"
			case 42:
				arrowSize = num(g)
			}
		}
	}
	if arrowSize < 0 {
		arrowSize = ctxArrow
	}
	var lines orb.MultiLineString
	var heads []orb.Geometry
	for _, ld := range leaders {
		for _, ln := range ld.lines {
			pts := append(orb.LineString(nil), ln...)
			if ld.hasLast || len(pts) == 0 {
				pts = append(pts, ld.last)
			}
			if len(pts) >= 2 {
				if lineType != 0 {
					lines = append(lines, pts)
				}
				if h := arrowhead(pts[0], pts[1], arrowSize); h != nil {
					heads = append(heads, h)
				}
			}
		}
		if doglegOn && ld.hasDogleg && ld.dogLen != 0 && lineType != 0 {
			end := orb.Point{ld.last[0] + ld.dogDir[0]*ld.dogLen, ld.last[1] + ld.dogDir[1]*ld.dogLen}
			if end != ld.last {
				lines = append(lines, orb.LineString{ld.last, end})
			}
		}
	}
	if len(lines) > 0 {
		x.emit(layer.Transform(lines, m.apply), feature, into)
	} else if into == nil {
		// A leader with nothing to draw: kept for its attributes.
		feature(nil, "")
		f := x.l.Features[len(x.l.Features)-1]
		x.l.Features = x.l.Features[:len(x.l.Features)-1]
		x.l.Unplaced = append(x.l.Unplaced, f)
	}
	for _, h := range heads {
		x.emit(layer.Transform(h, m.apply), feature, into)
	}
	if hasText && strings.TrimSpace(text) != "" {
		feature(layer.Transform(textAt, m.apply), stripMText(x.doc.text(text)))
	}
	if block {
		x.notDrawn["MULTILEADER (block content)"]++
	}
}

// geometry is e's shape in its own coordinates, and its text for text.
func (x *dxfExploder) geometry(e dxfEntity) (orb.Geometry, string) {
	switch e.typ {
	case "POINT":
		return e.pt(10), ""
	case "LINE":
		return orb.LineString{e.pt(10), e.pt(11)}, ""
	case "LWPOLYLINE":
		var pts []orb.Point
		var bulges []float64
		for _, g := range e.groups {
			switch g.code {
			case 10:
				v, _ := strconv.ParseFloat(strings.TrimSpace(g.val), 64)
				pts = append(pts, orb.Point{v, 0})
				bulges = append(bulges, 0)
			case 20:
				if len(pts) > 0 {
					pts[len(pts)-1][1], _ = strconv.ParseFloat(strings.TrimSpace(g.val), 64)
				}
			case 42:
				if len(bulges) > 0 {
					bulges[len(bulges)-1], _ = strconv.ParseFloat(strings.TrimSpace(g.val), 64)
				}
			}
		}
		return x.polyline(e, pts, bulges, e.integer(70, 0)&1 == 1)
	case "POLYLINE":
		flags := e.integer(70, 0)
		if flags&64 != 0 {
			return x.polyface(e), ""
		}
		if flags&16 != 0 {
			x.notDrawn["POLYLINE (mesh)"]++
			return nil, ""
		}
		var pts []orb.Point
		var bulges []float64
		for _, v := range e.verts {
			pts = append(pts, v.pt(10))
			bulges = append(bulges, v.num(42, 0))
		}
		return x.polyline(e, pts, bulges, flags&1 == 1)
	case "CIRCLE":
		return arc(e.pt(10), e.num(40, 0), 0, 2*math.Pi), ""
	case "LEADER":
		var pts orb.LineString
		for _, g := range e.groups {
			v, _ := strconv.ParseFloat(strings.TrimSpace(g.val), 64)
			switch g.code {
			case 10:
				pts = append(pts, orb.Point{v, 0})
			case 20:
				if len(pts) > 0 {
					pts[len(pts)-1][1] = v
				}
			}
		}
		if len(pts) < 2 {
			return noShape, ""
		}
		return pts, ""
	case "ARC":
		a0, a1 := e.num(50, 0)*math.Pi/180, e.num(51, 0)*math.Pi/180
		a1 = angleAfter(a0, a1)
		return arc(e.pt(10), e.num(40, 0), a0, a1), ""
	case "ELLIPSE":
		return ellipse(e.pt(10), e.pt(11), e.num(40, 1), e.num(41, 0), e.num(42, 2*math.Pi)), ""
	case "SPLINE", "HELIX": // a helix is drawn by the spline it carries, as GDAL draws it
		return x.spline(e), ""
	case "TEXT", "MTEXT", "ATTRIB", "ATTDEF":
		var s string
		if e.typ == "MTEXT" {
			for _, g := range e.groups {
				if g.code == 3 {
					s += x.doc.text(g.val)
				}
			}
			s = stripMText(s + x.doc.text(e.str(1)))
		} else {
			s = x.doc.text(e.str(1))
			if e.typ == "ATTDEF" && x.inBlock {
				return nil, "" // a block's template, not drawn (its ATTRIB is)
			}
		}
		return e.pt(10), s // placed by its insertion point, as GDAL places it
	case "MLINE":
		return x.mline(e), ""
	case "SOLID", "TRACE", "3DFACE":
		p := []orb.Point{e.pt(10), e.pt(11), e.pt(13), e.pt(12)} // a SOLID's third and fourth corners are crossed
		if e.typ == "3DFACE" {
			p = []orb.Point{e.pt(10), e.pt(11), e.pt(12), e.pt(13)}
		}
		ring := orb.Ring{p[0], p[1], p[2]}
		if p[3] != p[2] {
			ring = append(ring, p[3])
		}
		return orb.Polygon{append(ring, p[0])}, ""
	case "HATCH":
		return x.hatch(e), ""
	}
	x.notDrawn[e.typ]++
	return nil, ""
}

// mline is a multiline: its vertices (11), each with a miter direction
// (13), and for each of its elements an offset along that miter (the
// first 41 of the element's parameters): a line per element.
func (x *dxfExploder) mline(e dxfEntity) orb.Geometry {
	elems := e.integer(73, 0)
	if elems <= 0 || elems > 64 {
		return noShape
	}
	lines := make(orb.MultiLineString, elems)
	var v, miter orb.Point
	elem, param := -1, 0
	for _, g := range e.groups {
		val, _ := strconv.ParseFloat(strings.TrimSpace(g.val), 64)
		switch g.code {
		case 11:
			v, elem = orb.Point{val, 0}, -1
		case 21:
			v[1] = val
		case 13:
			miter = orb.Point{val, 0}
		case 23:
			miter[1] = val
		case 74:
			elem++
			param = 0
		case 41:
			if elem >= 0 && elem < elems && param == 0 {
				lines[elem] = append(lines[elem], orb.Point{v[0] + miter[0]*val, v[1] + miter[1]*val})
			}
			param++
		}
	}
	if e.integer(71, 0)&2 != 0 { // closed
		for i, l := range lines {
			if len(l) > 1 {
				lines[i] = append(l, l[0])
			}
		}
	}
	var out orb.MultiLineString
	for _, l := range lines {
		if len(l) >= 2 {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return noShape
	}
	return out
}

// polyface is a polyface mesh (a POLYLINE of flag 64): its vertices, then
// faces naming three or four of them (negative for a hidden edge), each
// face an area, as GDAL reads it into a surface.
func (x *dxfExploder) polyface(e dxfEntity) orb.Geometry {
	var pts []orb.Point
	var faces orb.MultiPolygon
	for _, v := range e.verts {
		f := v.integer(70, 0)
		switch {
		case f&128 != 0 && f&64 != 0:
			pts = append(pts, v.pt(10))
		case f&128 != 0:
			var ring orb.Ring
			for _, c := range []int{71, 72, 73, 74} {
				k := v.integer(c, 0)
				if k < 0 {
					k = -k
				}
				if k >= 1 && k <= len(pts) {
					ring = append(ring, pts[k-1])
				}
			}
			if len(ring) >= 3 {
				faces = append(faces, orb.Polygon{append(ring, ring[0])})
			}
		}
	}
	if len(faces) == 0 {
		return noShape
	}
	return faces
}

// polyline is a polyline's shape: bulges drawn as arcs, closed when its
// flag says so (a line that comes back to its start, as GDAL reads it).
func (x *dxfExploder) polyline(e dxfEntity, pts []orb.Point, bulges []float64, closed bool) (orb.Geometry, string) {
	if len(pts) == 0 {
		return noShape, ""
	}
	if len(pts) == 1 {
		return pts[0], ""
	}
	var out orb.LineString
	n := len(pts)
	last := n - 1
	if closed {
		last = n
	}
	out = append(out, pts[0])
	for i := 0; i < last; i++ {
		a, b := pts[i], pts[(i+1)%n]
		out = append(out, bulgeArc(a, b, bulges[i])...)
	}
	return out, ""
}

// bulgeArc is the points after a up to b along a segment of bulge k (the
// tangent of a quarter of its angle; 0 is straight).
func bulgeArc(a, b orb.Point, k float64) []orb.Point {
	if k == 0 || math.IsNaN(k) || math.Abs(k) > 1e6 {
		return []orb.Point{b}
	}
	theta := 4 * math.Atan(k) // the arc's angle, counterclockwise when positive
	d := math.Hypot(b[0]-a[0], b[1]-a[1])
	if d == 0 {
		return []orb.Point{b}
	}
	// The centre lies off the chord's middle along its left normal, at a
	// signed distance that puts it left of a→b for a counterclockwise arc
	// under a half circle.
	h := d / 2 / math.Tan(theta/2)
	c := orb.Point{(a[0]+b[0])/2 - (b[1]-a[1])/d*h, (a[1]+b[1])/2 + (b[0]-a[0])/d*h}
	r := math.Hypot(a[0]-c[0], a[1]-c[1])
	a0 := math.Atan2(a[1]-c[1], a[0]-c[0])
	steps := max(2, int(math.Ceil(math.Abs(theta)/chord)))
	out := make([]orb.Point, 0, steps)
	for i := 1; i < steps; i++ {
		t := a0 + theta*float64(i)/float64(steps)
		out = append(out, orb.Point{c[0] + r*math.Cos(t), c[1] + r*math.Sin(t)})
	}
	return append(out, b)
}

// arc is a circle's arc from angle a0 to a1 (radians), as short chords.
func arc(c orb.Point, r, a0, a1 float64) orb.LineString {
	steps := max(2, min(10_000, int(math.Ceil((a1-a0)/chord))))
	out := make(orb.LineString, 0, steps+1)
	for i := 0; i <= steps; i++ {
		t := a0 + (a1-a0)*float64(i)/float64(steps)
		out = append(out, orb.Point{c[0] + r*math.Cos(t), c[1] + r*math.Sin(t)})
	}
	return out
}

// angleAfter is the end angle a1 turned by whole turns to lie after a0
// (a full turn when they are equal), as an arc from a0 to a1 runs
// counterclockwise. Angles that are not numbers, or too large for a turn
// to change them, give a0: nothing to draw, and no endless turning.
func angleAfter(a0, a1 float64) float64 {
	if !layer.Finite(a0) || !layer.Finite(a1) {
		return a0
	}
	if a1 > a0 {
		return a1
	}
	return a0 + 2*math.Pi - math.Mod(a0-a1, 2*math.Pi)
}

// ellipse is an ellipse (centre, major axis end relative to it, minor to
// major ratio) from parameter t0 to t1.
func ellipse(c, major orb.Point, ratio, t0, t1 float64) orb.LineString {
	t1 = angleAfter(t0, t1)
	a := math.Hypot(major[0], major[1])
	rot := math.Atan2(major[1], major[0])
	cr, sr := math.Cos(rot), math.Sin(rot)
	steps := max(2, min(10_000, int(math.Ceil((t1-t0)/chord))))
	out := make(orb.LineString, 0, steps+1)
	for i := 0; i <= steps; i++ {
		t := t0 + (t1-t0)*float64(i)/float64(steps)
		x, y := a*math.Cos(t), a*ratio*math.Sin(t)
		out = append(out, orb.Point{c[0] + x*cr - y*sr, c[1] + x*sr + y*cr})
	}
	return out
}

// spline draws a SPLINE: its B-spline evaluated from control points and
// knots (de Boor), or its fit points when it has no control points.
func (x *dxfExploder) spline(e dxfEntity) orb.Geometry {
	deg := e.integer(71, 3)
	var knots []float64
	var ctrl, fit []orb.Point
	for _, g := range e.groups {
		v, _ := strconv.ParseFloat(strings.TrimSpace(g.val), 64)
		switch g.code {
		case 40:
			knots = append(knots, v)
		case 10:
			ctrl = append(ctrl, orb.Point{v, 0})
		case 20:
			if len(ctrl) > 0 {
				ctrl[len(ctrl)-1][1] = v
			}
		case 11:
			fit = append(fit, orb.Point{v, 0})
		case 21:
			if len(fit) > 0 {
				fit[len(fit)-1][1] = v
			}
		}
	}
	n := len(ctrl)
	if n < 2 || deg < 1 || len(knots) != n+deg+1 {
		if len(fit) >= 2 {
			return orb.LineString(fit)
		}
		if n >= 2 {
			return orb.LineString(ctrl)
		}
		x.notDrawn["SPLINE (no points)"]++ // GDAL leaves it out too
		return nil
	}
	t0, t1 := knots[deg], knots[n]
	if !(t1 > t0) {
		return orb.LineString(ctrl)
	}
	steps := min(10_000, max(8, n*8))
	out := make(orb.LineString, 0, steps+1)
	d := make([]orb.Point, deg+1)
	for i := 0; i <= steps; i++ {
		t := t0 + (t1-t0)*float64(i)/float64(steps)
		k := deg
		for k < n-1 && t >= knots[k+1] {
			k++
		}
		for j := 0; j <= deg; j++ {
			d[j] = ctrl[j+k-deg]
		}
		for r := 1; r <= deg; r++ {
			for j := deg; j >= r; j-- {
				den := knots[j+1+k-r] - knots[j+k-deg]
				a := 0.0
				if den != 0 {
					a = (t - knots[j+k-deg]) / den
				}
				d[j] = orb.Point{(1-a)*d[j-1][0] + a*d[j][0], (1-a)*d[j-1][1] + a*d[j][1]}
			}
		}
		out = append(out, d[deg])
	}
	return out
}

// hatch is a HATCH's area: each boundary path a ring (polylines with
// their bulges; edges of lines, arcs, ellipses and splines), the outer
// ring first and the paths inside it as holes.
func (x *dxfExploder) hatch(e dxfEntity) orb.Geometry {
	gs := e.groups
	var rings []orb.Ring
	i := 0
	num := func(k int) float64 {
		v, _ := strconv.ParseFloat(strings.TrimSpace(gs[k].val), 64)
		return v
	}
	// Paths start at code 92 (their type flags), after the 91 count.
	for i < len(gs) && gs[i].code != 91 {
		i++
	}
	for i < len(gs) {
		if gs[i].code != 92 {
			i++
			continue
		}
		flags := int(num(i))
		i++
		var ring orb.Ring
		if flags&2 != 0 { // a polyline path
			var pts []orb.Point
			var bulges []float64
			for i < len(gs) && gs[i].code != 92 && gs[i].code != 97 {
				switch gs[i].code {
				case 10:
					pts, bulges = append(pts, orb.Point{num(i), 0}), append(bulges, 0)
				case 20:
					if len(pts) > 0 {
						pts[len(pts)-1][1] = num(i)
					}
				case 42:
					if len(bulges) > 0 {
						bulges[len(bulges)-1] = num(i)
					}
				}
				i++
			}
			if len(pts) >= 3 {
				ring = append(ring, pts[0])
				for k := range pts {
					ring = append(ring, bulgeArc(pts[k], pts[(k+1)%len(pts)], bulges[k])...)
				}
			}
		} else { // edges
			for i < len(gs) && gs[i].code != 92 && gs[i].code != 97 {
				if gs[i].code != 72 {
					i++
					continue
				}
				kind := int(num(i))
				i++
				edge := dxfEntity{}
				for i < len(gs) && gs[i].code != 72 && gs[i].code != 92 && gs[i].code != 97 {
					edge.groups = append(edge.groups, gs[i])
					i++
				}
				var seg orb.LineString
				switch kind {
				case 1:
					seg = orb.LineString{edge.pt(10), edge.pt(11)}
				case 2:
					a0, a1 := edge.num(50, 0)*math.Pi/180, edge.num(51, 360)*math.Pi/180
					cw := edge.integer(73, 1) == 0
					if cw { // its angles run the other way: drawn as the mirror, then reversed
						a0, a1 = -a1, -a0
					}
					a1 = angleAfter(a0, a1)
					seg = arc(edge.pt(10), edge.num(40, 0), a0, a1)
					if cw {
						for l, r := 0, len(seg)-1; l < r; l, r = l+1, r-1 {
							seg[l], seg[r] = seg[r], seg[l]
						}
					}
				case 3:
					seg = ellipse(edge.pt(10), edge.pt(11), edge.num(40, 1), edge.num(50, 0)*math.Pi/180, edge.num(51, 360)*math.Pi/180)
				case 4:
					sp := dxfEntity{groups: edge.groups}
					if ls, ok := x.spline(sp).(orb.LineString); ok {
						seg = ls
					}
				}
				ring = append(ring, seg...)
			}
		}
		for i < len(gs) && gs[i].code != 92 {
			if gs[i].code == 75 || gs[i].code == 98 {
				break // the paths are over (style, seeds)
			}
			i++
		}
		if len(ring) >= 3 {
			if ring[0] != ring[len(ring)-1] {
				ring = append(ring, ring[0])
			}
			rings = append(rings, ring)
		}
		if i < len(gs) && (gs[i].code == 75 || gs[i].code == 98) {
			break
		}
	}
	if len(rings) == 0 {
		return noShape
	}
	// The largest ring is the outside; the others are holes in it.
	sort.SliceStable(rings, func(a, b int) bool { return math.Abs(planar.Area(rings[a])) > math.Abs(planar.Area(rings[b])) })
	return orb.Polygon(rings)
}

// stripMText removes MTEXT's formatting codes: \P is a new line, \~ a
// space, {…} groups, \f…; fonts, \H…; heights, \S a^b; stacks as a/b.
func stripMText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{' || c == '}':
		case c == '\\' && i+1 < len(s):
			i++
			switch s[i] {
			case 'P', 'X':
				b.WriteByte('\n')
			case '~':
				b.WriteByte(' ')
			case '\\', '{', '}':
				b.WriteByte(s[i])
			case 'L', 'l', 'O', 'o', 'K', 'k':
			case 'S':
				j := strings.IndexByte(s[i:], ';')
				if j < 0 {
					j = len(s) - i
				}
				b.WriteString(strings.NewReplacer("^", "/", "#", "/").Replace(s[i+1 : i+j]))
				i += j
			default: // \f…; \H…; \W…; \Q…; \T…; \A…; \C…; \c…; \p…;
				if j := strings.IndexByte(s[i:], ';'); j >= 0 {
					i += j
				}
			}
		default:
			b.WriteByte(c)
		}
	}
	return strings.TrimSpace(b.String())
}

// aciColour is an AutoCAD colour as #rrggbb: a true colour (420) when
// given, else the ACI index's (1–255; the standard's first nine exactly,
// 10–249 by their hue, value and saturation steps, 250–255 greys);
// "bylayer" for 256, "byblock" for 0.
func aciColour(aci int, trueColour string) string {
	if v, err := strconv.Atoi(strings.TrimSpace(trueColour)); err == nil && v >= 0 {
		return fmt.Sprintf("#%06x", v&0xFFFFFF)
	}
	if aci < 0 {
		aci = -aci // a layer turned off keeps its colour
	}
	switch {
	case aci == 0:
		return "byblock"
	case aci >= 256:
		return "bylayer"
	case aci <= 9:
		return [...]string{"", "#ff0000", "#ffff00", "#00ff00", "#00ffff", "#0000ff", "#ff00ff", "#000000", "#808080", "#c0c0c0"}[aci]
	case aci >= 250:
		g := []int{51, 91, 132, 173, 214, 255}[aci-250]
		return fmt.Sprintf("#%02x%02x%02x", g, g, g)
	}
	// 10–249: 24 hues of 15°, each in five values, full and half saturation.
	h := float64((aci/10)-1) * 15
	row := aci % 10
	v := []float64{1, 1, 0.8, 0.8, 0.6, 0.6, 0.5, 0.5, 0.3, 0.3}[row]
	s := 1.0
	if row%2 == 1 {
		s = 0.5
	}
	r, g, bl := hsv(h, s, v)
	return fmt.Sprintf("#%02x%02x%02x", r, g, bl)
}

func hsv(h, s, v float64) (int, int, int) {
	c := v * s
	x := c * (1 - math.Abs(math.Mod(h/60, 2)-1))
	m := v - c
	var r, g, b float64
	switch {
	case h < 60:
		r, g = c, x
	case h < 120:
		r, g = x, c
	case h < 180:
		g, b = c, x
	case h < 240:
		g, b = x, c
	case h < 300:
		r, b = x, c
	default:
		r, b = c, x
	}
	return int((r + m) * 255), int((g + m) * 255), int((b + m) * 255)
}
