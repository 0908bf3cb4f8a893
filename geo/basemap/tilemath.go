package basemap

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"

	"github.com/planatlas/planatlas/geo/proj"
)

// earthHalf is half the Web Mercator world's width, in metres.
const earthHalf = 20037508.342789244

// TileKey addresses a tile in the XYZ scheme (y grows southward).
type TileKey struct{ Z, X, Y int }

// tileBound is a tile's Web Mercator box.
func tileBound(k TileKey) orb.Bound {
	// Each edge from its own index, so neighbours share their edges exactly.
	size := 2 * earthHalf / float64(int(1)<<k.Z)
	x0, x1 := -earthHalf+float64(k.X)*size, -earthHalf+float64(k.X+1)*size
	y0, y1 := earthHalf-float64(k.Y+1)*size, earthHalf-float64(k.Y)*size
	return orb.Bound{Min: orb.Point{x0, y0}, Max: orb.Point{x1, y1}}
}

// ZoomFor is the tile zoom whose pixels are no coarser than the view's:
// a tile pixel covers at most one view pixel (an A3 300 dpi export asks
// for deeper tiles than the screen). It is clamped to [min, max].
func ZoomFor(v proj.View, tileSize, min, max int) int {
	res := v.MetresPerPixel() / math.Cos(v.Center[1]*math.Pi/180)              // Mercator metres per view pixel
	z := int(math.Ceil(math.Log2(2*earthHalf/(float64(tileSize)*res)) - 1e-3)) // within 0.07 %: that zoom
	if z < min {
		z = min
	}
	if z > max {
		z = max
	}
	return z
}

// tilesFor lists the tiles at zoom z that cover the view's Mercator box,
// within the lon/lat bound b (zero: the world).
func tilesFor(v proj.View, z int, b orb.Bound) []TileKey {
	vb := v.MercatorBound()
	if !b.IsZero() {
		mb := orb.Bound{Min: project.WGS84.ToMercator(b.Min), Max: project.WGS84.ToMercator(b.Max)}
		if !vb.Intersects(mb) {
			return nil
		}
		vb = orb.Bound{Min: orb.Point{max(vb.Min[0], mb.Min[0]), max(vb.Min[1], mb.Min[1])},
			Max: orb.Point{min(vb.Max[0], mb.Max[0]), min(vb.Max[1], mb.Max[1])}}
	}
	n := 1 << z
	size := 2 * earthHalf / float64(n)
	clamp := func(i int) int { return max(0, min(n-1, i)) }
	x0 := clamp(int(math.Floor((vb.Min[0] + earthHalf) / size)))
	x1 := clamp(int(math.Floor((vb.Max[0] + earthHalf) / size)))
	y0 := clamp(int(math.Floor((earthHalf - vb.Max[1]) / size)))
	y1 := clamp(int(math.Floor((earthHalf - vb.Min[1]) / size)))
	var out []TileKey
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			out = append(out, TileKey{z, x, y})
		}
	}
	return out
}

// TilesIn lists the tiles of zoom levels zmin..zmax that cover the lon/lat
// box b, for saving an area for offline use; it stops at limit tiles and
// reports whether it did.
func TilesIn(b orb.Bound, zmin, zmax, limit int) (keys []TileKey, truncated bool) {
	mb := orb.Bound{Min: project.WGS84.ToMercator(b.Min), Max: project.WGS84.ToMercator(b.Max)}
	for z := zmin; z <= zmax; z++ {
		n := 1 << z
		size := 2 * earthHalf / float64(n)
		clamp := func(i int) int { return max(0, min(n-1, i)) }
		x0 := clamp(int(math.Floor((mb.Min[0] + earthHalf) / size)))
		x1 := clamp(int(math.Floor((mb.Max[0] + earthHalf) / size)))
		y0 := clamp(int(math.Floor((earthHalf - mb.Max[1]) / size)))
		y1 := clamp(int(math.Floor((earthHalf - mb.Min[1]) / size)))
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				if len(keys) >= limit {
					return keys, true
				}
				keys = append(keys, TileKey{z, x, y})
			}
		}
	}
	return keys, false
}
