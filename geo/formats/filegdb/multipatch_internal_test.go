package filegdb

import (
	"testing"

	"github.com/paulmach/orb"
)

// A multipatch is drawn as what is seen of it from above: its roof and
// floor as areas, its walls left out — or, when walls are all it has, as
// the lines they stand on. The blobs are laid out as Esri writes them and
// GDAL's OpenFileGDB reads them: the point count, a value read past, the
// part count, the bounding box, all but the last part's size, each part's
// kind, then the points as differences on the table's grid.
func TestMultipatchSeenFromAbove(t *testing.T) {
	tab := &gdbTable{xyScale: 1}
	blob := func(typ uint64, kinds []uint64, parts ...[]orb.Point) []byte {
		var b []byte
		uv := func(v uint64) {
			for v >= 0x80 {
				b = append(b, byte(v)|0x80)
				v >>= 7
			}
			b = append(b, byte(v))
		}
		sv := func(v int64) {
			neg := v < 0
			if neg {
				v = -v
			}
			first := byte(v & 0x3f)
			if neg {
				first |= 0x40
			}
			v >>= 6
			if v > 0 {
				first |= 0x80
			}
			b = append(b, first)
			for v > 0 {
				c := byte(v & 0x7f)
				v >>= 7
				if v > 0 {
					c |= 0x80
				}
				b = append(b, c)
			}
		}
		n := 0
		for _, p := range parts {
			n += len(p)
		}
		uv(typ)
		uv(uint64(n))
		uv(0)
		uv(uint64(len(parts)))
		for k := 0; k < 4; k++ {
			uv(0)
		}
		for _, p := range parts[:len(parts)-1] {
			uv(uint64(len(p)))
		}
		for _, k := range kinds {
			uv(k)
		}
		var x, y int64
		for _, p := range parts {
			for _, q := range p {
				sv(int64(q[0]) - x)
				sv(int64(q[1]) - y)
				x, y = int64(q[0]), int64(q[1])
			}
		}
		return b
	}
	// A box 10 × 20: a floor (outer ring), a roof as a triangle strip, and
	// a wall standing on the floor's south edge (a strip seen edge on).
	floor := []orb.Point{{0, 0}, {10, 0}, {10, 20}, {0, 20}, {0, 0}}
	roof := []orb.Point{{0, 0}, {10, 0}, {0, 20}, {10, 20}}
	wall := []orb.Point{{0, 0}, {0, 0}, {10, 0}, {10, 0}}
	for _, c := range []struct {
		name   string
		blob   []byte
		areas  int
		lines  int
		noGeom bool
	}{
		{"floor, roof and wall", blob(54, []uint64{2, 0, 0}, floor, roof, wall), 3, 0, false},
		{"triangles (kind 6), with flags above the kind", blob(32, []uint64{6 | 0x10}, []orb.Point{{0, 0}, {10, 0}, {0, 20}, {10, 0}, {10, 20}, {0, 20}}), 2, 0, false},
		{"a fan", blob(31, []uint64{1}, []orb.Point{{5, 5}, {0, 0}, {10, 0}, {10, 10}}), 2, 0, false},
		{"walls only", blob(54, []uint64{0, 0}, wall, []orb.Point{{10, 0}, {10, 0}, {10, 20}, {10, 20}}), 0, 4, false},
		{"an outer ring with a hole", blob(54, []uint64{2, 3}, floor, []orb.Point{{2, 2}, {2, 4}, {4, 4}, {4, 2}, {2, 2}}), 1, 0, false},
		{"two points", blob(54, []uint64{4}, []orb.Point{{3, 3}, {3, 3}}), 0, 0, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			g, f := tab.geometry(c.blob)
			if f != nil {
				t.Fatalf("fault: %v", f)
			}
			if c.noGeom {
				if g != nil {
					t.Fatalf("got %v, want no geometry", g)
				}
				return
			}
			areas, lines := 0, 0
			switch g := g.(type) {
			case orb.Polygon:
				areas = 1
				if c.name == "an outer ring with a hole" && len(g) != 2 {
					t.Errorf("rings %d, want the hole kept", len(g))
				}
			case orb.MultiPolygon:
				areas = len(g)
			case orb.MultiLineString:
				lines = len(g)
			default:
				t.Fatalf("got %T", g)
			}
			if areas != c.areas || lines != c.lines {
				t.Errorf("areas %d lines %d, want %d and %d", areas, lines, c.areas, c.lines)
			}
		})
	}
	// Cut off in its points: a fault, never a panic.
	b := blob(54, []uint64{2}, floor)
	if _, f := tab.geometry(b[:len(b)-3]); f == nil {
		t.Error("a cut-off multipatch read without a fault")
	}
}
