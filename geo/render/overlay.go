package render

import (
	"fmt"
	"image/color"
	"math"
	mathbits "math/bits"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
	"github.com/paulmach/orb/quadtree"

	"github.com/planatlas/planatlas/geo/formats"
	"github.com/planatlas/planatlas/geo/plan"
)

// Overlay is a layer the user opened from a file, drawn above the plan in
// its own colour, labelled by one of its attributes.
type Overlay struct {
	ID         string // stable id (the file path)
	Name       string // shown in the legend
	Layer      *formats.Layer
	Color      color.NRGBA
	LabelField string // attribute whose value labels features; "" for none
	Visible    bool
}

// OverlayPalette gives distinct, projector-safe colours to overlays in turn.
var OverlayPalette = []color.NRGBA{
	{0xE6, 0x19, 0x4B, 0xFF}, {0x3C, 0xB4, 0x4B, 0xFF}, {0x43, 0x63, 0xD8, 0xFF}, {0xF5, 0x82, 0x31, 0xFF},
	{0x91, 0x1E, 0xB4, 0xFF}, {0x00, 0x80, 0x80, 0xFF}, {0x9A, 0x63, 0x24, 0xFF}, {0x80, 0x00, 0x00, 0xFF},
}

// OverlayFeatureID names feature i of an overlay for hit-testing and selection.
func OverlayFeatureID(o *Overlay, i int) string { return "overlay:" + o.ID + "#" + strconv.Itoa(i) }

func isOverlayID(id string) bool { return strings.HasPrefix(id, "overlay:") }

// overlayGeom is an overlay's geometry made ready once per file: projected
// to Web Mercator, every line and area ranked for simplification, and a
// spatial index of the features for culling. It knows nothing of colour or
// labels, so changing those costs no new preparation.
type overlayGeom struct {
	merc    []orb.Geometry
	bounds  []orb.Bound
	ranks   []*ranked
	index   atomic.Pointer[quadtree.Quadtree] // nil until built, in the background
	maxHalf float64                           // largest half-extent of a feature (Mercator m), to pad queries
	bound   orb.Bound                         // of all the features
}

// preparedOverlay is an overlay ready to draw: its geometry with the
// features wrapped in its colour and label.
type preparedOverlay struct {
	geom *overlayGeom
	all  []*prepared
	key  overlayKey
}

type overlayKey struct {
	layer *formats.Layer
	label string
	color color.NRGBA
}

var (
	overlayGeoms sync.Map // *formats.Layer → *overlayGeom
	overlayCache sync.Map // overlay id → *preparedOverlay
)

// indexed is a quadtree entry: a feature by the centre of its bound.
type indexed struct {
	p orb.Point
	i int // the feature's place in the file
}

func (i indexed) Point() orb.Point { return i.p }

// PrepareOverlay projects, ranks and indexes a layer's geometry for
// drawing, so that the first frame that shows it is fast. Safe to call from
// any goroutine (the app calls it where it read the file); drawing calls it
// too, and then it returns at once.
func PrepareOverlay(l *formats.Layer) {
	if l != nil {
		overlayGeomOf(l)
	}
}

// ReleaseOverlay forgets what was prepared for an overlay, when it is
// closed. Drawing it again prepares it again.
func ReleaseOverlay(o *Overlay) {
	if o == nil {
		return
	}
	overlayCache.Delete(o.ID)
	if o.Layer != nil {
		overlayGeoms.Delete(o.Layer)
	}
}

func overlayGeomOf(l *formats.Layer) *overlayGeom {
	if v, ok := overlayGeoms.Load(l); ok {
		return v.(*overlayGeom)
	}
	n := len(l.Features)
	og := &overlayGeom{merc: make([]orb.Geometry, n), bounds: make([]orb.Bound, n), ranks: make([]*ranked, n)}
	// Project and rank on all cores.
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				var g orb.Geometry
				if p, ok := l.Features[i].Geometry.(orb.Point); ok {
					g = project.WGS84.ToMercator(p)
				} else {
					g = project.Geometry(orb.Clone(l.Features[i].Geometry), project.WGS84.ToMercator)
				}
				og.merc[i], og.bounds[i] = g, g.Bound()
				switch g.(type) {
				case orb.Point, orb.MultiPoint:
				default:
					og.ranks[i] = newRanked(g)
				}
			}
		}()
	}
	wg.Wait()
	for i, b := range og.bounds {
		if i == 0 {
			og.bound = b
		}
		og.bound = og.bound.Union(b)
		og.maxHalf = math.Max(og.maxHalf, math.Max(b.Max[0]-b.Min[0], b.Max[1]-b.Min[1])/2)
	}
	v, loaded := overlayGeoms.LoadOrStore(l, og)
	if !loaded {
		// The index takes a while for a million features; until it is
		// there, culling scans the bounds (a few milliseconds).
		go func() {
			q := quadtree.New(orb.Bound{Min: orb.Point{-2.1e7, -2.1e7}, Max: orb.Point{2.1e7, 2.1e7}})
			for i, b := range og.bounds {
				q.Add(indexed{b.Center(), i})
			}
			og.index.Store(q)
		}()
	}
	return v.(*overlayGeom)
}

func prepareOverlay(o *Overlay) *preparedOverlay {
	key := overlayKey{o.Layer, o.LabelField, o.Color}
	if v, ok := overlayCache.Load(o.ID); ok {
		old := v.(*preparedOverlay)
		if old.key == key {
			return old
		}
		if old.key.layer != o.Layer {
			overlayGeoms.Delete(old.key.layer) // the file was read again
		}
	}
	og := overlayGeomOf(o.Layer)
	n := len(o.Layer.Features)
	po := &preparedOverlay{geom: og, key: key, all: make([]*prepared, n)}
	// In slabs, not a million small allocations; the features share one
	// (read-only) property map, which holds the colour.
	feats, prs := make([]plan.Feature, n), make([]prepared, n)
	props := map[string]any{"overlay_color": o.Color}
	for i, f := range o.Layer.Features {
		name := ""
		if o.LabelField != "" {
			switch v := f.Props[o.LabelField].(type) {
			case nil:
			case string:
				name = v
			default:
				name = fmt.Sprint(v)
			}
		}
		pf := &feats[i]
		*pf = plan.Feature{ID: OverlayFeatureID(o, i), NameZh: name, NameEn: name, Layer: "overlay", Kind: "overlay",
			Props: props, Geometry: f.Geometry}
		pr := &prs[i]
		pr.f, pr.merc, pr.bound, pr.rank = pf, og.merc[i], og.bounds[i], og.ranks[i]
		pr.label = pr.bound.Center()
		if p, ok := pr.merc.(orb.Point); ok {
			pr.label = p
		}
		po.all[i] = pr
	}
	overlayCache.Store(o.ID, po)
	return po
}

// visibleIn returns the overlay's features whose bound meets b (Mercator),
// in file order.
func (po *preparedOverlay) visibleIn(b orb.Bound) []*prepared {
	if len(po.all) < 64 {
		var out []*prepared
		for _, pr := range po.all {
			if pr.bound.Intersects(b) {
				out = append(out, pr)
			}
		}
		return out
	}
	if b.Contains(po.geom.bound.Min) && b.Contains(po.geom.bound.Max) {
		return po.all // all in view: no need to ask the index
	}
	index := po.geom.index.Load()
	if index == nil {
		var out []*prepared
		for i, fb := range po.geom.bounds {
			if fb.Intersects(b) {
				out = append(out, po.all[i])
			}
		}
		return out
	}
	found := index.InBound(nil, b.Pad(po.geom.maxHalf))
	// A bitset in file order, not a map: a survey can hold a million points.
	keep := make([]uint64, (len(po.all)+63)/64)
	n := 0
	for _, p := range found {
		if e := p.(indexed); po.geom.bounds[e.i].Intersects(b) {
			keep[e.i/64] |= 1 << (e.i % 64)
			n++
		}
	}
	out := make([]*prepared, 0, n)
	for w, bits := range keep {
		for ; bits != 0; bits &= bits - 1 {
			out = append(out, po.all[w*64+mathbits.TrailingZeros64(bits)])
		}
	}
	return out
}

func overlayColor(f *plan.Feature) color.NRGBA {
	if c, ok := f.Props["overlay_color"].(color.NRGBA); ok {
		return c
	}
	return color.NRGBA{0xE6, 0x19, 0x4B, 0xFF}
}
