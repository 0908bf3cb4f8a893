package render

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	mathbits "math/bits"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"

	"github.com/planatlas/planatlas/geo/guard"
	"github.com/planatlas/planatlas/geo/layer"
)

// Overlay is a layer the user opened from a file, drawn above the plan in
// its own colour, labelled by one of its attributes. A scene holds
// overlays as values: the style is the scene's own copy, and the layer's
// features are shared and never written once read.
type Overlay struct {
	ID         string // stable id (the file path)
	Name       string // shown in the legend
	Layer      *layer.Layer
	Color      color.NRGBA
	LabelField string // attribute whose value labels features; "" for none
	Visible    bool
	// LineWidth is the width of its lines and outlines, mm; zero is the
	// usual thin line (0.4 mm). The app's own tools draw bolder.
	LineWidth float64
	// OwnColours draws each feature in the colour its "Color" attribute
	// gives (#rrggbb: a CAD drawing's layer and entity colours), Color
	// where it has none.
	OwnColours bool
}

// colourOf is the colour feature i of o is drawn in: its own (OwnColours)
// or the overlay's. A drawing's black (AutoCAD's colour 7, white on its
// dark screen) is drawn white on a dark map.
func (o *Overlay) colourOf(i int, dark bool) color.NRGBA {
	if !o.OwnColours || i < 0 || i >= len(o.Layer.Features) {
		return o.Color
	}
	s, _ := o.Layer.Features[i].Attr("Color").(string)
	if len(s) != 7 || s[0] != '#' {
		return o.Color
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return o.Color
	}
	c := color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xFF}
	if dark && v == 0 {
		c = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	}
	return c
}

// featureIndex is the index in its layer of an overlay's prepared feature.
func featureIndex(pr *prepared) int {
	_, i, ok := ParseOverlayFeatureID(pr.id)
	if !ok {
		return -1
	}
	return i
}

// OverlayPalette gives distinct, projector-safe colours to overlays in turn.
var OverlayPalette = []color.NRGBA{
	{0xE6, 0x19, 0x4B, 0xFF}, {0x3C, 0xB4, 0x4B, 0xFF}, {0x43, 0x63, 0xD8, 0xFF}, {0xF5, 0x82, 0x31, 0xFF},
	{0x91, 0x1E, 0xB4, 0xFF}, {0x00, 0x80, 0x80, 0xFF}, {0x9A, 0x63, 0x24, 0xFF}, {0x80, 0x00, 0x00, 0xFF},
}

// OverlayFeatureID names feature i of the overlay with the given id, for
// hit-testing and selection.
func OverlayFeatureID(overlayID string, i int) string {
	return "overlay:" + overlayID + "#" + strconv.Itoa(i)
}

// ParseOverlayFeatureID splits an id made by OverlayFeatureID into the
// overlay's id and the feature's index.
func ParseOverlayFeatureID(id string) (overlayID string, i int, ok bool) {
	rest, ok := strings.CutPrefix(id, "overlay:")
	if !ok {
		return "", 0, false
	}
	k := strings.LastIndexByte(rest, '#')
	if k < 0 {
		return "", 0, false
	}
	i, err := strconv.Atoi(rest[k+1:])
	if err != nil || i < 0 {
		return "", 0, false
	}
	return rest[:k], i, true
}

// overlayIndex returns the feature index of id if it names a feature of
// the overlay with the given id.
func overlayIndex(overlayID, id string) (int, bool) {
	rest, ok := strings.CutPrefix(id, "overlay:"+overlayID+"#")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(rest)
	return i, err == nil && i >= 0
}

func isOverlayID(id string) bool { return strings.HasPrefix(id, "overlay:") }

// overlayGeom is an overlay's geometry made ready once per file: projected
// to Web Mercator, every line and area ranked for simplification, and a
// spatial index of the features for culling. It knows nothing of colour or
// labels, so changing those costs no new preparation.
type overlayGeom struct {
	layer  *layer.Layer // the layer it was made from
	merc   []orb.Geometry
	bounds []orb.Bound
	ranks  []*ranked                 // nil for a layer of points
	index  atomic.Pointer[gridIndex] // nil until built, in the background
	// points holds the layer's single points (Mercator) from north to
	// south, built in the background too: dots are counted from it in
	// order, row by row, instead of jumping about the image.
	points     atomic.Pointer[[]orb.Point]
	maxHalf    float64   // largest half-extent of a feature (Mercator m), to pad queries
	onlyPoints bool      // every feature a single point
	areas      []int     // the features that are polygons, by index
	lines      []int     // the features that are lines, by index
	bound      orb.Bound // of all the features
}

// preparedOverlay is an overlay ready to draw: its geometry, and its
// features wrapped in its colour and label as they are needed.
type preparedOverlay struct {
	geom  *overlayGeom
	key   overlayKey
	id    string
	slots []atomic.Pointer[prepared] // the wrapped features, each made when first needed (see feature)
}

type overlayKey struct {
	layer *layer.Layer
	label string
	color color.NRGBA
}

// PrepareOverlay projects, ranks and indexes layer l's geometry for
// drawing as the overlay with the given id, so that the first frame that
// shows it is fast. Safe to call from any goroutine (the app calls it where
// it read the file); drawing calls it too, and then it returns at once.
func (c *Cache) PrepareOverlay(id string, l *layer.Layer) {
	c.reopen(id)
	if l != nil {
		c.overlayGeom(id, l)
	}
}

// overlayGeom returns the prepared geometry of layer l, shown as overlay
// id, making it when the cache does not hold it for that very layer (a
// file read again is prepared again).
func (c *Cache) overlayGeom(id string, l *layer.Layer) *overlayGeom {
	if v, ok := c.get(overlayGeomKey{id}); ok && v.(*overlayGeom).layer == l {
		return v.(*overlayGeom)
	}
	n := len(l.Features)
	og := &overlayGeom{layer: l, merc: make([]orb.Geometry, n), bounds: make([]orb.Bound, n)}
	for _, f := range l.Features {
		switch f.Geometry.(type) {
		case orb.Point, orb.MultiPoint:
		default:
			og.ranks = make([]*ranked, n) // only lines and areas are ranked
		}
		if og.ranks != nil {
			break
		}
	}
	// Project and rank on all cores.
	workers := runtime.GOMAXPROCS(0)
	sizes := make([]int64, workers)
	var g guard.Group // a fault on a planner's feature is raised below, for the render's entry to report
	for w := 0; w < workers; w++ {
		g.Go(func() {
			for i := w; i < n; i += workers {
				var g orb.Geometry
				if p, ok := l.Features[i].Geometry.(orb.Point); ok {
					g = project.WGS84.ToMercator(p)
				} else {
					g = project.Geometry(orb.Clone(l.Features[i].Geometry), project.WGS84.ToMercator)
				}
				og.merc[i], og.bounds[i] = g, g.Bound()
				gb := geomBytes(g)
				switch g.(type) {
				case orb.Point, orb.MultiPoint:
				default:
					og.ranks[i] = newRanked(g)
					gb += gb / 2 // a rank for every vertex
				}
				// The projected copy, its bound, its rank, its place in the
				// index and in the north-to-south point list.
				sizes[w] += gb + 32 + 8 + 64 + 16
			}
		})
	}
	g.Raise()
	og.onlyPoints = true
	for i, b := range og.bounds {
		switch og.merc[i].(type) {
		case orb.Point:
		case orb.Polygon, orb.MultiPolygon:
			og.areas, og.onlyPoints = append(og.areas, i), false
		case orb.LineString, orb.MultiLineString:
			og.lines, og.onlyPoints = append(og.lines, i), false
		default:
			og.onlyPoints = false
		}
		if i == 0 {
			og.bound = b
		}
		og.bound = og.bound.Union(b)
		og.maxHalf = math.Max(og.maxHalf, math.Max(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1])/2)
	}
	size := int64(0)
	for _, s := range sizes {
		size += s
	}
	c.replace(overlayGeomKey{id}, og, size, id)
	// The index takes a while for a million features; until it is there,
	// culling scans the bounds (a few milliseconds).
	guard.Go(og.buildIndex, nil) // culling scans the bounds if it never comes
	return og
}

// rankOf returns feature i's ranking for simplification (nil for points).
func (og *overlayGeom) rankOf(i int) *ranked {
	if og.ranks == nil {
		return nil
	}
	return og.ranks[i]
}

// buildIndex builds the grid index and the north-to-south point list.
func (og *overlayGeom) buildIndex() {
	og.index.Store(newGridIndex(len(og.bounds), func(i int) orb.Point { return og.bounds[i].Center() }))
	var pts []orb.Point
	for _, g := range og.merc {
		if p, ok := g.(orb.Point); ok {
			pts = append(pts, p)
		}
	}
	slices.SortFunc(pts, func(a, b orb.Point) int { return cmp.Compare(b[1], a[1]) })
	og.points.Store(&pts)
}

// preparedOverlay returns overlay o ready to draw: its geometry, and its
// features wrapped in its colour and label. A new colour or label field
// wraps them again over the same geometry.
func (c *Cache) preparedOverlay(o Overlay) *preparedOverlay {
	key := overlayKey{o.Layer, o.LabelField, o.Color}
	if v, ok := c.get(overlayKeyID{o.ID}); ok && v.(*preparedOverlay).key == key {
		return v.(*preparedOverlay)
	}
	po := &preparedOverlay{geom: c.overlayGeom(o.ID, o.Layer), key: key, id: o.ID,
		slots: make([]atomic.Pointer[prepared], len(o.Layer.Features))}
	// The slots; each wrapped feature (≈ 400 bytes) is made only when drawn
	// as more than a dot, and is not counted.
	c.replace(overlayKeyID{o.ID}, po, int64(len(po.slots))*8+256, o.ID)
	return po
}

// feature returns feature i wrapped for drawing, made the first time it
// is needed: a survey of a million points drawn as dots needs none.
func (po *preparedOverlay) feature(i int) *prepared {
	if pr := po.slots[i].Load(); pr != nil {
		return pr
	}
	f := po.key.layer.Features[i]
	name := ""
	if po.key.label != "" {
		switch v := f.Attr(po.key.label).(type) {
		case nil:
		case string:
			name = v
		default:
			name = fmt.Sprint(v)
		}
		// A label is one line: a drawing's text of several lines (MTEXT's
		// paragraphs) is read on one, its breaks as spaces.
		if strings.ContainsAny(name, "\n\r\t") {
			name = strings.Join(strings.Fields(name), " ")
		}
	}
	og := po.geom
	pr := &prepared{id: OverlayFeatureID(po.id, i), name: name,
		merc: og.merc[i], bound: og.bounds[i], rank: og.rankOf(i), label: og.bounds[i].Center()}
	if p, ok := pr.merc.(orb.Point); ok {
		pr.label = p
	}
	if po.slots[i].CompareAndSwap(nil, pr) {
		return pr
	}
	return po.slots[i].Load()
}

func area(b orb.Bound) float64 { return (b.Max[0] - b.Min[0]) * (b.Max[1] - b.Min[1]) }

// overlap is the area of the intersection of a and b.
func overlap(a, b orb.Bound) float64 {
	w := math.Min(a.Max[0], b.Max[0]) - math.Max(a.Min[0], b.Min[0])
	h := math.Min(a.Max[1], b.Max[1]) - math.Max(a.Min[1], b.Min[1])
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// isPoint reports whether feature i is a single point.
func (po *preparedOverlay) isPoint(i int) bool {
	_, ok := po.geom.merc[i].(orb.Point)
	return ok
}

// visibleIn returns the indices of the features whose bound meets b
// (Mercator), in file order.
func (po *preparedOverlay) visibleIn(b orb.Bound) []int {
	var out []int
	po.eachVisible(b, func(i int) bool { out = append(out, i); return true })
	return out
}

// eachVisible calls fn with the index of each feature whose bound meets b
// (Mercator), in file order, without collecting them: a survey in view can
// be a million points. It stops when fn returns false.
func (po *preparedOverlay) eachVisible(b orb.Bound, fn func(i int) bool) {
	og := po.geom
	index := og.index.Load()
	if len(og.bounds) < 64 || index == nil || overlap(b, og.bound) > area(og.bound)/16 {
		// Few features, the index not built yet, or a view over much of the
		// layer: scanning the bounds (a nanosecond or two each) beats
		// walking the tree to collect most of them.
		for i, fb := range og.bounds {
			if fb.Min[0] <= b.Max[0] && fb.Max[0] >= b.Min[0] && fb.Min[1] <= b.Max[1] && fb.Max[1] >= b.Min[1] && !fn(i) {
				return
			}
		}
		return
	}
	// A bitset in file order, not a map: a survey can hold a million points.
	keep := make([]uint64, (len(og.bounds)+63)/64)
	index.each(b.Pad(og.maxHalf), func(i int) {
		if og.bounds[i].Intersects(b) {
			keep[i/64] |= 1 << (i % 64)
		}
	})
	for w, bits := range keep {
		for ; bits != 0; bits &= bits - 1 {
			if !fn(w*64 + mathbits.TrailingZeros64(bits)) {
				return
			}
		}
	}
}
