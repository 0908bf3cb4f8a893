package layer

import (
	"fmt"

	"github.com/paulmach/orb"
	geom "github.com/twpayne/go-geom"
)

// ToGeom converts an orb geometry to go-geom (XY), for go-geom's encoders.
func ToGeom(g orb.Geometry) (geom.T, error) {
	flat := func(pts []orb.Point) []float64 {
		out := make([]float64, 0, 2*len(pts))
		for _, p := range pts {
			out = append(out, p[0], p[1])
		}
		return out
	}
	switch g := g.(type) {
	case orb.Point:
		return geom.NewPointFlat(geom.XY, []float64{g[0], g[1]}), nil
	case orb.MultiPoint:
		return geom.NewMultiPointFlat(geom.XY, flat(g)), nil
	case orb.LineString:
		return geom.NewLineStringFlat(geom.XY, flat(g)), nil
	case orb.MultiLineString:
		var coords []float64
		var ends []int
		for _, ls := range g {
			coords = append(coords, flat(ls)...)
			ends = append(ends, len(coords))
		}
		return geom.NewMultiLineStringFlat(geom.XY, coords, ends), nil
	case orb.Ring:
		return ToGeom(orb.Polygon{g})
	case orb.Polygon:
		var coords []float64
		var ends []int
		for _, r := range g {
			coords = append(coords, flat(r)...)
			ends = append(ends, len(coords))
		}
		return geom.NewPolygonFlat(geom.XY, coords, ends), nil
	case orb.MultiPolygon:
		var coords []float64
		var endss [][]int
		for _, pg := range g {
			var ends []int
			for _, r := range pg {
				coords = append(coords, flat(r)...)
				ends = append(ends, len(coords))
			}
			endss = append(endss, ends)
		}
		return geom.NewMultiPolygonFlat(geom.XY, coords, endss), nil
	case orb.Collection:
		gc := geom.NewGeometryCollection()
		for _, c := range g {
			t, err := ToGeom(c)
			if err != nil {
				return nil, err
			}
			if err := gc.Push(t); err != nil {
				return nil, err
			}
		}
		return gc, nil
	}
	return nil, fmt.Errorf("unsupported geometry %T", g)
}

// FromGeom converts a go-geom geometry (any layout; Z and M dropped) to orb.
func FromGeom(t geom.T) (orb.Geometry, error) {
	pts := func(cs [][]float64) []orb.Point {
		out := make([]orb.Point, len(cs))
		for i, c := range cs {
			out[i] = orb.Point{c[0], c[1]}
		}
		return out
	}
	switch t := t.(type) {
	case *geom.Point:
		if t.Empty() {
			return nil, fmt.Errorf("empty point")
		}
		c := t.Coords()
		return orb.Point{c[0], c[1]}, nil
	case *geom.MultiPoint:
		var mp orb.MultiPoint
		for i := 0; i < t.NumPoints(); i++ {
			if p := t.Point(i); !p.Empty() {
				c := p.Coords()
				mp = append(mp, orb.Point{c[0], c[1]})
			}
		}
		return mp, nil
	case *geom.LineString:
		var cs [][]float64
		for _, c := range t.Coords() {
			cs = append(cs, c)
		}
		return orb.LineString(pts(cs)), nil
	case *geom.MultiLineString:
		var ml orb.MultiLineString
		for i := 0; i < t.NumLineStrings(); i++ {
			var cs [][]float64
			for _, c := range t.LineString(i).Coords() {
				cs = append(cs, c)
			}
			ml = append(ml, pts(cs))
		}
		return ml, nil
	case *geom.Polygon:
		var pg orb.Polygon
		for i := 0; i < t.NumLinearRings(); i++ {
			var cs [][]float64
			for _, c := range t.LinearRing(i).Coords() {
				cs = append(cs, c)
			}
			pg = append(pg, orb.Ring(pts(cs)))
		}
		return pg, nil
	case *geom.MultiPolygon:
		var mp orb.MultiPolygon
		for i := 0; i < t.NumPolygons(); i++ {
			g, err := FromGeom(t.Polygon(i))
			if err != nil {
				return nil, err
			}
			mp = append(mp, g.(orb.Polygon))
		}
		return mp, nil
	case *geom.GeometryCollection:
		var c orb.Collection
		for _, g := range t.Geoms() {
			o, err := FromGeom(g)
			if err != nil {
				return nil, err
			}
			c = append(c, o)
		}
		return c, nil
	}
	return nil, fmt.Errorf("unsupported geometry %T", t)
}
