package render

import (
	"math"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/project"
	"github.com/paulmach/orb/simplify"
	"github.com/tdewolff/canvas"

	"github.com/planatlas/planatlas/geo/plan"
)

// prepared is a feature ready to draw: projected to Web Mercator once, with
// simplified copies per zoom level and a label point. It is a plan
// feature (f) or a feature of an overlay (name; f nil).
type prepared struct {
	id    string        // the feature's id: the plan's, or OverlayFeatureID
	f     *plan.Feature // the plan feature; nil for an overlay's
	name  string        // an overlay feature's label ("" for none)
	merc  orb.Geometry
	bound orb.Bound // Mercator
	label orb.Point // Mercator; pole of inaccessibility for polygons

	mu         sync.Mutex
	simplified map[int]orb.Geometry
	draw       drawCache      // paths at the last resolution drawn
	members    []*canvas.Path // for a merged group: the member paths it was built from
	rank       *ranked        // for large overlays: every level of detail from one ranking
}

// drawCache keeps a feature's path in world pixels (Mercator metres ÷
// resolution, y down) and its stroked outlines, so that panning, hovering,
// selecting and toggling layers at one zoom reuse them; a zoom rebuilds them.
type drawCache struct {
	res     float64
	clip    orb.Bound // Mercator bound the path was clipped to
	path    *canvas.Path
	strokes map[string]*canvas.Path
}

// worldPath returns the feature's path in world pixels at resolution res,
// clipped to a bound that holds view (Mercator), from the cache when it fits.
func (pr *prepared) worldPath(res float64, view orb.Bound, pad float64) *canvas.Path {
	pr.mu.Lock()
	c := pr.draw
	pr.mu.Unlock()
	if c.path != nil && c.res == res && c.clip.Contains(view.Min) && c.clip.Contains(view.Max) {
		return c.path
	}
	g := pr.at(res)
	clipB := view.Pad(pad)
	if !clipB.Contains(pr.bound.Min) || !clipB.Contains(pr.bound.Max) {
		g = clip.Geometry(clipB, orb.Clone(g))
	}
	path := &canvas.Path{}
	if g != nil {
		path = pathOf(g, worldTransform{res})
	}
	pr.mu.Lock()
	pr.draw = drawCache{res: res, clip: clipB, path: path, strokes: map[string]*canvas.Path{}}
	pr.mu.Unlock()
	return path
}

// cachedStroke returns the outline of path stored under key, if it is.
func (pr *prepared) cachedStroke(path *canvas.Path, key string) (*canvas.Path, bool) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.draw.path != path {
		return nil, false
	}
	q, ok := pr.draw.strokes[key]
	return q, ok
}

// stroked returns the outline of path stroked with s (widths already in
// pixels), cached with the path.
func (pr *prepared) stroked(path *canvas.Path, key string, make func() *canvas.Path) *canvas.Path {
	pr.mu.Lock()
	if pr.draw.path == path {
		if q, ok := pr.draw.strokes[key]; ok {
			pr.mu.Unlock()
			return q
		}
	}
	pr.mu.Unlock()
	q := make()
	pr.mu.Lock()
	if pr.draw.path == path {
		pr.draw.strokes[key] = q
	}
	pr.mu.Unlock()
	return q
}

// worldTransform maps Mercator metres to world pixels at a resolution.
type worldTransform struct{ res float64 }

func (w worldTransform) Mercator(m orb.Point) orb.Point {
	return orb.Point{m[0] / w.res, -m[1] / w.res}
}

// mercToPixel is what pathOf needs of a transform.
type mercToPixel interface{ Mercator(orb.Point) orb.Point }

// preparedPlan holds the prepared features of one plan, in draw order.
type preparedPlan struct {
	all  []*prepared
	byID map[string]*prepared

	mu     sync.Mutex
	groups map[string]*prepared // merged paths of same-styled features (admin outlines)
}

// merged returns one path holding the world paths of members, cached under
// name while the members' paths stay the same. Stroking one merged path is
// much cheaper than stroking each member: the rasterizer scans once.
func (pp *preparedPlan) merged(name string, members []*canvas.Path) (*prepared, *canvas.Path) {
	pp.mu.Lock()
	defer pp.mu.Unlock()
	if pp.groups == nil {
		pp.groups = map[string]*prepared{}
	}
	g, ok := pp.groups[name]
	if ok && len(g.members) == len(members) {
		same := true
		for i := range members {
			if g.members[i] != members[i] {
				same = false
				break
			}
		}
		if same {
			return g, g.draw.path
		}
	}
	n := 0
	for _, m := range members {
		n += len(m.Data())
	}
	path := canvas.NewPathFromData(make([]float64, 0, n)) // one allocation, not a doubling series
	for _, m := range members {
		path = path.Append(m)
	}
	g = &prepared{members: members, draw: drawCache{path: path, strokes: map[string]*canvas.Path{}}}
	pp.groups[name] = g
	return g, path
}

// prepared returns the plan's prepared features from the cache, making
// them the first time.
func (c *Cache) prepared(p *plan.Plan) *preparedPlan {
	if v, ok := c.get(planKey{p}); ok {
		return v.(*preparedPlan)
	}
	pp := &preparedPlan{byID: map[string]*prepared{}}
	size := int64(0)
	for _, f := range p.Features() {
		g := project.Geometry(orb.Clone(f.Geometry), project.WGS84.ToMercator)
		pr := &prepared{id: f.ID, f: f, merc: g, bound: g.Bound(), simplified: map[int]orb.Geometry{}}
		switch f.Geometry.(type) {
		case orb.Polygon, orb.MultiPolygon:
			switch {
			case f.Anchor != (orb.Point{}) && f.Class != plan.ClassRole:
				pr.label = project.WGS84.ToMercator(f.Anchor)
			case f.LabelAt != (orb.Point{}): // computed when the plan was generated
				pr.label = project.WGS84.ToMercator(f.LabelAt)
			default:
				pr.label = project.WGS84.ToMercator(plan.LabelAnchor(f.Geometry))
			}
		default:
			pr.label = project.WGS84.ToMercator(f.LabelPoint())
		}
		pp.all = append(pp.all, pr)
		pp.byID[f.ID] = pr
		// The projected copy, simplified levels and the paths drawn from them.
		size += 4*geomBytes(g) + 512
	}
	return c.add(planKey{p}, pp, size, p).(*preparedPlan)
}

// Prewarm prepares a plan's geometry, loads the font and shapes the labels
// of a whole-city map in lang at dpi, so that the first frame drawn after it
// is fast. The app calls it while its window opens.
func (c *Cache) Prewarm(p *plan.Plan, lang string, dpi float64) {
	c.reopen(p)
	c.prepared(p)
	s := &Scene{Plan: p, Lang: lang, Theme: ThemeLight, Frame: FullFrame, Cache: c,
		View: FitView(CityBound(p), 1000, 760, dpi, FullFrame)}
	Image(s)
}

// at returns the geometry simplified to under a pixel at resolution
// res (Mercator metres per pixel), cached per power-of-two level.
func (pr *prepared) at(res float64) orb.Geometry {
	if _, ok := pr.merc.(orb.Point); ok {
		return pr.merc
	}
	level := int(math.Floor(math.Log2(res)))
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if g, ok := pr.simplified[level]; ok {
		return g
	}
	if pr.simplified == nil {
		pr.simplified = map[int]orb.Geometry{}
	}
	var g orb.Geometry
	if pr.rank != nil {
		g = pr.rank.at(math.Ldexp(1, level))
	} else {
		g = simplify.DouglasPeucker(math.Ldexp(1, level)).Simplify(orb.Clone(pr.merc))
	}
	if g == nil || isDegenerate(g) {
		g = pr.merc
	}
	pr.simplified[level] = g
	return g
}

func isDegenerate(g orb.Geometry) bool {
	switch g := g.(type) {
	case orb.Polygon:
		return len(g) == 0 || len(g[0]) < 4
	case orb.MultiPolygon:
		return len(g) == 0
	case orb.LineString:
		return len(g) < 2
	case orb.MultiLineString:
		return len(g) == 0
	}
	return false
}

// pathOf converts a Mercator geometry to a canvas path in pixels.
func pathOf(g orb.Geometry, t mercToPixel) *canvas.Path {
	// Sized once: a move or line is 4 numbers, a close 4 more per ring.
	p := canvas.NewPathFromData(make([]float64, 0, 4*pathVertices(g)))
	line := func(ls []orb.Point, closed bool) {
		for i, q := range ls {
			px := t.Mercator(q)
			if i == 0 {
				p.MoveTo(px[0], px[1])
			} else {
				p.LineTo(px[0], px[1])
			}
		}
		if closed {
			p.Close()
		}
	}
	switch g := g.(type) {
	case orb.LineString:
		line(g, false)
	case orb.MultiLineString:
		for _, ls := range g {
			line(ls, false)
		}
	case orb.Ring:
		line(g, true)
	case orb.Polygon:
		for _, r := range g {
			line(r, true)
		}
	case orb.MultiPolygon:
		for _, pg := range g {
			for _, r := range pg {
				line(r, true)
			}
		}
	}
	return p
}

// pathVertices counts the vertices of g's lines and rings, plus one per
// ring for its close.
func pathVertices(g orb.Geometry) int {
	switch g := g.(type) {
	case orb.LineString:
		return len(g)
	case orb.MultiLineString:
		n := 0
		for _, ls := range g {
			n += len(ls)
		}
		return n
	case orb.Ring:
		return len(g) + 1
	case orb.Polygon:
		n := 0
		for _, r := range g {
			n += len(r) + 1
		}
		return n
	case orb.MultiPolygon:
		n := 0
		for _, pg := range g {
			n += pathVertices(pg)
		}
		return n
	}
	return 0
}
