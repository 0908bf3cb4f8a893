package render

import (
	"image/color"
	"testing"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/formats"
)

// A new colour or label field re-wraps the features but keeps the
// projected, ranked geometry; closing the overlay forgets both.
func TestOverlayPreparedOncePerFile(t *testing.T) {
	l := &formats.Layer{Name: "t", Features: []formats.Feature{
		{Geometry: orb.LineString{{106.7, 31.8}, {106.8, 31.85}, {106.9, 31.8}}, Props: map[string]any{"name": "甲"}},
		{Geometry: orb.Point{106.75, 31.9}, Props: map[string]any{"name": "乙"}},
	}}
	o := &Overlay{ID: "/data/t.geojson", Layer: l, Color: color.NRGBA{255, 0, 0, 255}, Visible: true}
	a := prepareOverlay(o)
	if a.feature(0).rank == nil || a.feature(1).rank != nil {
		t.Error("lines should be ranked, points not")
	}
	if prepareOverlay(o) != a {
		t.Error("the same overlay was prepared twice")
	}
	o.Color, o.LabelField = color.NRGBA{0, 0, 255, 255}, "name"
	b := prepareOverlay(o)
	if b == a || b.geom != a.geom {
		t.Error("a new colour should re-wrap the features over the same geometry")
	}
	if b.feature(1).f.NameZh != "乙" || overlayColor(b.feature(0).f) != o.Color {
		t.Errorf("label %q, colour %v", b.feature(1).f.NameZh, overlayColor(b.feature(0).f))
	}
	ReleaseOverlay(o)
	if _, ok := overlayGeoms.Load(l); ok {
		t.Error("the geometry is still kept after the overlay was closed")
	}
	if _, ok := overlayCache.Load(o.ID); ok {
		t.Error("the wrapped features are still kept after the overlay was closed")
	}
}
