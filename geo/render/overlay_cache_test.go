package render

import (
	"image/color"
	"testing"

	"github.com/paulmach/orb"
	"github.com/planatlas/planatlas/geo/layer"
)

// A new colour or label field re-wraps the features but keeps the
// projected, ranked geometry; closing the overlay forgets both.
func TestOverlayPreparedOncePerFile(t *testing.T) {
	l := &layer.Layer{Name: "t", Features: []layer.Feature{
		{Geometry: orb.LineString{{106.7, 31.8}, {106.8, 31.85}, {106.9, 31.8}}, Props: map[string]any{"name": "甲"}},
		{Geometry: orb.Point{106.75, 31.9}, Props: map[string]any{"name": "乙"}},
	}}
	c := NewCache(0)
	o := Overlay{ID: "/data/t.geojson", Layer: l, Color: color.NRGBA{255, 0, 0, 255}, Visible: true}
	a := c.preparedOverlay(o)
	if a.feature(0).rank == nil || a.feature(1).rank != nil {
		t.Error("lines should be ranked, points not")
	}
	if c.preparedOverlay(o) != a {
		t.Error("the same overlay was prepared twice")
	}
	o.Color, o.LabelField = color.NRGBA{0, 0, 255, 255}, "name"
	b := c.preparedOverlay(o)
	if b == a || b.geom != a.geom {
		t.Error("a new colour should re-wrap the features over the same geometry")
	}
	if b.feature(1).name != "乙" || b.key.color != o.Color || b.feature(0).f != nil {
		t.Errorf("label %q, colour %v, plan feature %v", b.feature(1).name, b.key.color, b.feature(0).f)
	}
	// The file read again: new geometry under the same id.
	l2 := &layer.Layer{Name: "t", Features: l.Features[:1]}
	o.Layer = l2
	if d := c.preparedOverlay(o); d.geom == b.geom || len(d.slots) != 1 {
		t.Error("a layer read again should be prepared again")
	}
	c.Release(o.ID)
	if c.holds(o.ID) {
		t.Error("the overlay's geometry or features are still kept after it was closed")
	}
}

// The cache drops its least recently used entries past its bound, keeps
// what was used lately, and Release drops only the owner's entries.
func TestCacheBoundAndRelease(t *testing.T) {
	tests := []struct {
		name    string
		max     int64
		adds    []int64 // sizes, keys 0, 1, 2…
		touch   int     // key used again after the adds (-1 none)
		wantIn  []int
		wantOut []int
	}{
		{"under the bound keeps all", 100, []int64{10, 20, 30}, -1, []int{0, 1, 2}, nil},
		{"oldest dropped first", 50, []int64{20, 20, 20}, -1, []int{1, 2}, []int{0}},
		{"a recent use protects", 50, []int64{20, 20}, 0, []int{0, 2}, []int{1}},
		{"one entry over the bound stays alone", 10, []int64{5, 50}, -1, []int{1}, []int{0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := NewCache(tc.max)
			for i, sz := range tc.adds {
				c.add(i, i, sz, "owner")
			}
			if tc.touch >= 0 {
				c.get(tc.touch)
				c.add(len(tc.adds), len(tc.adds), 20, "owner")
			}
			for _, k := range tc.wantIn {
				if _, ok := c.get(k); !ok {
					t.Errorf("entry %d was dropped", k)
				}
			}
			for _, k := range tc.wantOut {
				if _, ok := c.get(k); ok {
					t.Errorf("entry %d was kept", k)
				}
			}
			if used, max := c.Bytes(); used > max && c.Len() > 1 {
				t.Errorf("%d bytes held over a bound of %d", used, max)
			}
		})
	}
	c := NewCache(0)
	c.add("a", 1, 10, "x")
	c.add("b", 2, 10, "y")
	c.add("c", 3, 10, nil)
	c.Release("x")
	c.Release(nil)
	if _, ok := c.get("a"); ok {
		t.Error("Release kept its owner's entry")
	}
	if c.Len() != 2 {
		t.Errorf("%d entries after releasing one of three", c.Len())
	}
	if used, _ := c.Bytes(); used != 20 {
		t.Errorf("%d bytes counted, want 20", used)
	}
}
