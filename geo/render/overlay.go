package render

import (
	"fmt"
	"image/color"
	"math"
	"sync"

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
func OverlayFeatureID(o *Overlay, i int) string { return fmt.Sprintf("overlay:%s#%d", o.ID, i) }

// preparedOverlay is an overlay projected once, with a spatial index of its
// features for culling.
type preparedOverlay struct {
	all     []*prepared
	index   *quadtree.Quadtree
	maxHalf float64 // largest half-extent of a feature (Mercator m), to pad queries
}

type overlayKey struct {
	layer *formats.Layer
	label string
	color color.NRGBA
	id    string
}

var overlayCache sync.Map // overlayKey → *preparedOverlay

// indexed is a quadtree entry: a feature by the centre of its bound.
type indexed struct {
	p  orb.Point
	pr *prepared
}

func (i indexed) Point() orb.Point { return i.p }

func prepareOverlay(o *Overlay) *preparedOverlay {
	key := overlayKey{o.Layer, o.LabelField, o.Color, o.ID}
	if v, ok := overlayCache.Load(key); ok {
		return v.(*preparedOverlay)
	}
	po := &preparedOverlay{}
	world := orb.Bound{Min: orb.Point{-2.1e7, -2.1e7}, Max: orb.Point{2.1e7, 2.1e7}}
	po.index = quadtree.New(world)
	for i, f := range o.Layer.Features {
		name := ""
		if o.LabelField != "" {
			if v, ok := f.Props[o.LabelField]; ok && v != nil {
				name = fmt.Sprint(v)
			}
		}
		pf := &plan.Feature{ID: OverlayFeatureID(o, i), NameZh: name, NameEn: name, Layer: "overlay", Kind: "overlay",
			Props: map[string]any{"overlay_color": o.Color}, Geometry: f.Geometry}
		g := project.Geometry(orb.Clone(f.Geometry), project.WGS84.ToMercator)
		pr := &prepared{f: pf, merc: g, bound: g.Bound(), simplified: map[int]orb.Geometry{}}
		pr.label = pr.bound.Center()
		if p, ok := g.(orb.Point); ok {
			pr.label = p
		}
		po.all = append(po.all, pr)
		po.maxHalf = math.Max(po.maxHalf, math.Max(pr.bound.Max[0]-pr.bound.Min[0], pr.bound.Max[1]-pr.bound.Min[1])/2)
		po.index.Add(indexed{pr.bound.Center(), pr})
	}
	v, _ := overlayCache.LoadOrStore(key, po)
	return v.(*preparedOverlay)
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
	found := po.index.InBound(nil, b.Pad(po.maxHalf))
	keep := map[*prepared]bool{}
	for _, p := range found {
		if pr := p.(indexed).pr; pr.bound.Intersects(b) {
			keep[pr] = true
		}
	}
	var out []*prepared
	for _, pr := range po.all {
		if keep[pr] {
			out = append(out, pr)
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
