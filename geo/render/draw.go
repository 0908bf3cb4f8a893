package render

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"runtime"
	"sort"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/tdewolff/canvas"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/guard"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/proj"
)

func init() {
	// Skip tdewolff/canvas's stroke clean-up (≈85 % of its stroking time);
	// map strokes are opaque or drawn once, so overlaps do not show.
	canvas.FastStroke = true
}

// frameState is what one draw computed: visible features (for the legend
// and hit-testing) and placed labels.
type frameState struct {
	visible []*prepared          // the plan's features in view, in draw order
	points  map[string]orb.Point // pixel position of each drawn point symbol
	fanned  bool                 // stand-ins were fanned out on a dashed ring (the legend explains it)
	// overlayVisible holds each overlay's features in view (by the index of
	// the overlay in the scene), but for the points of dense overlays,
	// which are in dots instead.
	overlayVisible [][]*prepared
	dots           []overlayDots
	labels         []placed
	symbols        []rect // boxes of the point symbols, which labels avoid
	legend         rect   // the legend's box, when one is drawn
	// asOf holds, for a scene drawn as of a date, the features whose stage
	// then differs from the plan's: copies with that stage.
	asOf map[*plan.Feature]*plan.Feature
	// What the base maps drew and the error of one that failed.
	bmMu    sync.Mutex
	bmStats basemap.Stats
	bmErr   error
}

// addBasemap adds what a base-map pass drew: the passes under and over
// the plan are composed by the replay's workers, possibly at once.
func (st *frameState) addBasemap(s basemap.Stats, err error) {
	st.bmMu.Lock()
	defer st.bmMu.Unlock()
	st.bmStats.Add(s)
	if st.bmErr == nil {
		st.bmErr = err
	}
}

// feat is the feature as this frame draws it: at its stage on the scene's
// date, if it has one.
func (st *frameState) feat(pr *prepared) *plan.Feature {
	if f, ok := st.asOf[pr.f]; ok {
		return f
	}
	return pr.f
}

// drawScene renders the scene on p: the map, then labels and frame.
func drawScene(s *Scene, p *painter) (*frameState, error) {
	st, err := drawMap(s, p)
	if err != nil {
		return nil, err
	}
	if err := s.cancelled(); err != nil {
		return nil, err
	}
	if rec, ok := p.r.(*recorder); ok {
		rec.ahead()
	}
	drawOverlay(s, p, st)
	return st, s.cancelled()
}

// mapDraw is one draw of the map: the scene, the painter, and what the
// passes share.
type mapDraw struct {
	// under is where the base maps under the plan cover the view, once the
	// replay's preparation has composed them (raster only; nil before, or
	// with none).
	under **coverage
	// In SVG and PDF the base maps under the plan are one image, laid down
	// after the areas over them are filled into a copy of it as on screen
	// (translucent over a base map, full colour beyond its edge); nil
	// without base maps or in the raster.
	vecBase  *image.RGBA
	vecCover *coverage

	s   *Scene
	p   *painter
	pp  *preparedPlan
	st  *frameState
	pal Palette
	tr  proj.Transform
	res float64   // Mercator metres per pixel
	vb  orb.Bound // the view, Mercator
	pad float64   // how far beyond the view paths are kept, Mercator metres
}

// path returns a feature's path in world pixels for this draw.
func (d *mapDraw) path(pr *prepared) *canvas.Path { return pr.worldPath(d.res, d.vb, d.pad) }

// mapPasses draw the map, bottom to top.
var mapPasses = []struct {
	name string
	draw func(d *mapDraw)
}{
	{"base maps", (*mapDraw).basemaps},
	{"area fills", (*mapDraw).fills},
	{"administrative outlines", (*mapDraw).outlines},
	{"ecological corridor and rivers", (*mapDraw).water},
	{"plan area outlines", (*mapDraw).areaOutlines},
	{"selection and hover under lines and areas", (*mapDraw).highlights},
	{"plan lines", (*mapDraw).lines},
	{"overlays", (*mapDraw).overlays},
	{"base maps laid over the plan", (*mapDraw).basemapsOver},
	{"point places", (*mapDraw).placePoints},
	{"dense overlay dots", (*mapDraw).dots},
	{"point symbols", (*mapDraw).symbols},
}

// drawMap draws the features (fills, lines, symbols) pass by pass, and
// works out what is visible and where point symbols go.
func drawMap(s *Scene, p *painter) (*frameState, error) {
	if s.Plan == nil {
		return nil, fmt.Errorf("render: scene has no plan")
	}
	if s.View.Width <= 0 || s.View.Height <= 0 || s.View.DPI <= 0 || s.View.Scale <= 0 {
		return nil, fmt.Errorf("render: bad view %dx%d at %v dpi, scale %v", s.View.Width, s.View.Height, s.View.DPI, s.View.Scale)
	}
	// The font is parsed (once per cache, ~5 ms) beside the map's shapes,
	// not in the way of the first label.
	guard.Go(func() { s.Cache.family() }, nil) // a fault here meets the first label, which reports it
	d := &mapDraw{s: s, p: p, pp: s.Cache.prepared(s.Plan), pal: s.Theme.Palette(), tr: s.View.Transform(),
		res: s.View.MetresPerPixel() / math.Cos(s.View.Center[1]*math.Pi/180), vb: s.View.MercatorBound(),
		st: &frameState{points: map[string]orb.Point{}}}
	W, H := float64(s.View.Width), float64(s.View.Height)
	d.pad = math.Max(W, H) * d.res
	cull := d.vb.Pad(d.res * 40)
	for _, pr := range d.pp.all {
		if s.FeatureVisible(pr.f) && s.shownAtScale(pr.f) && pr.bound.Intersects(cull) {
			d.st.visible = append(d.st.visible, pr)
			if s.AsOf != "" && pr.f.Layer != plan.GroupBase {
				if stage := pr.f.StageAt(s.AsOf); stage != pr.f.Stage {
					if d.st.asOf == nil {
						d.st.asOf = map[*plan.Feature]*plan.Feature{}
					}
					c := *pr.f
					c.Stage = stage
					d.st.asOf[pr.f] = &c
				}
			}
		}
	}
	d.makePaths()
	collectOverlays(s, d.st, cull)
	// Background (the raster painter has already cleared its image).
	if !p.raster {
		p.fill(canvas.Rectangle(W, H), d.pal.Background)
	}
	// Feature paths are in world pixels; the painter offsets them to the view.
	o := d.tr.Mercator(orb.Point{0, 0})
	p.ox, p.oy = -o[0], -o[1]
	for _, pass := range mapPasses {
		pass.draw(d)
		if err := s.cancelled(); err != nil {
			return nil, err
		}
	}
	return d.st, nil
}

// makePaths makes the paths of the features in view on all cores: after
// a zoom, or in a new cache, each is simplified, clipped and converted,
// which the passes would otherwise do one by one.
func (d *mapDraw) makePaths() {
	var todo []*prepared
	for _, pr := range d.st.visible {
		if _, pt := pr.merc.(orb.Point); !pt {
			todo = append(todo, pr)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), 4)
	if workers < 2 || len(todo) < 16 {
		return
	}
	onCores(len(todo), workers, func(k int) { d.path(todo[k]) })
}

func isArea(pr *prepared) bool {
	switch pr.merc.(type) {
	case orb.Polygon, orb.MultiPolygon:
		return true
	}
	return false
}

func isLine(pr *prepared) bool {
	switch pr.merc.(type) {
	case orb.LineString, orb.MultiLineString:
		return true
	}
	return false
}

// fills fills areas: base land, county roles, then translucent regions.
func (d *mapDraw) fills() {
	overBasemap := d.s.HasBasemap() // once a frame, not once an area
	// In SVG and PDF, the fills over the base maps are recorded and
	// replayed into the base maps' image, as the raster fills them.
	var vec *recorder
	if d.vecBase != nil {
		W, H := d.vecBase.Rect.Dx(), d.vecBase.Rect.Dy()
		vec = &recorder{w: float64(W) * d.p.mmpp, h: float64(H) * d.p.mmpp}
	}
	order := []func(*prepared) bool{
		func(pr *prepared) bool { return pr.f.Layer == plan.GroupBase },
		func(pr *prepared) bool { return pr.f.Class == plan.ClassRole && d.s.rolesShown() },
		func(pr *prepared) bool { return pr.f.Layer != plan.GroupBase && pr.f.Class != plan.ClassRole },
	}
	for _, sel := range order {
		for _, pr := range d.st.visible {
			if pr.f.Class == plan.ClassCityOutline && d.s.rolesShown() {
				continue // the county roles tile it exactly
			}
			if isArea(pr) && sel(pr) {
				fill, _ := areaStyle(d.s.Plan, pr.f, d.pal)
				if overBasemap {
					clear := basemapFill(fill, pr.f.Class == plan.ClassRole)
					if rec, ok := d.p.r.(*recorder); ok && d.p.raster && d.under != nil && fill.A > 0 {
						// Translucent over the base maps, but where none
						// lies (beyond a scan's edge, tiles not yet come)
						// the area keeps its full colour.
						under := d.under
						rec.coverFill(d.path(pr), paint(fill).Color, paint(clear).Color, d.p.worldMatrix(), func() *coverage { return *under })
						continue
					}
					if vec != nil && fill.A > 0 {
						cover := d.vecCover
						vec.coverFill(d.path(pr), paint(fill).Color, paint(clear).Color, d.p.worldMatrix(), func() *coverage { return cover })
						continue
					}
					if d.p.raster || d.vecBase != nil {
						fill = clear
					} // else the base maps drew nothing (they failed): full colour
				}
				d.p.fillMap(d.path(pr), fill)
			}
		}
	}
	if vec != nil {
		vec.replay(d.vecBase, d.s.View.DPI, runtime.GOMAXPROCS(0), d.s.cancelled)
		d.p.r.RenderImage(d.vecBase, canvas.Identity.Scale(d.p.mmpp, d.p.mmpp))
		d.vecBase, d.vecCover = nil, nil
	}
}

// outlines strokes the administrative outlines, finest first, the plan's
// own city on top; each kind as one merged path.
func (d *mapDraw) outlines() {
	for _, kind := range []plan.Class{plan.ClassCounty, plan.ClassPrefecture, plan.ClassProvince, plan.ClassRole, plan.ClassCityOutline} {
		var members []*canvas.Path
		var ln stroke
		for _, pr := range d.st.visible {
			if pr.f.Class == kind && isArea(pr) {
				_, ln = areaStyle(d.s.Plan, pr.f, d.pal)
				members = append(members, d.path(pr))
			}
		}
		if rec, ok := d.p.r.(*recorder); ok && kind == plan.ClassCounty && d.p.px(ln.width) <= 1 && len(ln.dashes) == 0 {
			// Hairlines: drawn straight into the image (see hairlines).
			for _, pr := range d.st.visible {
				if pr.f.Class == kind && isArea(pr) {
					rec.direct(newHairlines(pr.at(d.res), d.tr, ln.color, d.p.px(ln.width)).draw)
				}
			}
			continue
		}
		if len(members) > 0 {
			g, path := d.pp.merged(string(kind), members)
			d.p.strokeMap(g, path, ln)
		}
	}
}

// water strokes the ecological corridor under the water, then rivers.
func (d *mapDraw) water() {
	for _, kind := range []plan.Class{plan.ClassCorridor, plan.ClassRiver} {
		for _, pr := range d.st.visible {
			if pr.f.Class == kind && isLine(pr) {
				for _, sk := range lineStyle(d.st.feat(pr), d.pal) {
					d.p.strokeMap(pr, d.path(pr), sk)
				}
			}
		}
	}
}

// areaOutlines strokes the outlines of the plan's areas (regions with a
// translucent band, the geopark, scenic areas).
func (d *mapDraw) areaOutlines() {
	for _, pr := range d.st.visible {
		if isArea(pr) && pr.f.Class == plan.ClassRegion {
			d.p.strokeMap(pr, d.path(pr), regionBand(d.pal))
		}
	}
	for _, pr := range d.st.visible {
		if isArea(pr) && pr.f.Layer != plan.GroupBase && pr.f.Class != plan.ClassRole {
			_, ln := areaStyle(d.s.Plan, pr.f, d.pal)
			d.p.strokeMap(pr, d.path(pr), ln)
		}
	}
}

// highlights draws the selection and hover under lines and areas.
func (d *mapDraw) highlights() {
	s, pal := d.s, d.pal
	for _, pr := range d.st.visible {
		sel, hov := s.Selected[pr.f.ID], s.Hover == pr.f.ID
		if !(sel || hov) || (!isLine(pr) && !isArea(pr)) || pr.f.Class == plan.ClassCityOutline {
			continue
		}
		w := 1.2
		if isLine(pr) {
			for _, sk := range lineStyle(d.st.feat(pr), pal) {
				w = math.Max(w, sk.width)
			}
			w += 2.2
		}
		c := pal.Highlight
		if !sel {
			c = pal.Hover
		}
		if isArea(pr) {
			d.p.strokeMap(pr, d.path(pr), stroke{color: c, width: w + 0.8, round: true})
		} else {
			d.p.strokeMap(pr, d.path(pr), stroke{color: alpha(c, 210), width: w, round: true})
		}
	}
}

// lines strokes the plan's lines in layer order (routes and roads under
// corridors).
func (d *mapDraw) lines() {
	for _, pr := range d.st.visible {
		if isLine(pr) && pr.f.Layer != plan.GroupBase && pr.f.Class != plan.ClassCorridor {
			for _, sk := range lineStyle(d.st.feat(pr), d.pal) {
				d.p.strokeMap(pr, d.path(pr), sk)
			}
		}
	}
}

// overlays draws the planner's own layers. On screen their thin lines are
// hairlines drawn straight into the image from the simplified geometry of
// the features in view (a million-vertex file costs milliseconds a frame);
// fills, thicker lines and SVG/PDF go through one merged path per overlay.
func (d *mapDraw) overlays() {
	s, p := d.s, d.p
	rec, recording := p.r.(*recorder)
	for k, o := range s.Overlays {
		if !o.Visible || o.Layer == nil {
			continue
		}
		po := s.Cache.preparedOverlay(o)
		if len(po.slots) == 0 {
			continue
		}
		// Features are drawn in groups of one colour: the overlay's, or
		// each feature's own (a CAD drawing's).
		dark := s.Theme == ThemeDark
		type group struct {
			areas, lines []*canvas.Path
			hair         []orb.Geometry
		}
		groups := map[color.NRGBA]*group{}
		at := func(c color.NRGBA) *group {
			g := groups[c]
			if g == nil {
				g = &group{}
				groups[c] = g
			}
			return g
		}
		lineSk0 := overlayLine(o.Color)
		if o.LineWidth > 0 {
			lineSk0.width = o.LineWidth
		}
		_, outline0 := overlayArea(o.Color)
		if o.LineWidth > 0 {
			outline0.width = o.LineWidth
		}
		hair := recording && p.px(lineSk0.width) <= 1.6 && p.px(outline0.width) <= 1.6
		for _, i := range po.geom.areas {
			g := at(o.colourOf(i, dark))
			g.areas = append(g.areas, d.path(po.feature(i)))
		}
		if hair {
			for _, pr := range d.st.overlayVisible[k] {
				if isLine(pr) || isArea(pr) {
					g := at(o.colourOf(featureIndex(pr), dark))
					g.hair = append(g.hair, pr.at(d.res))
				}
			}
		} else {
			for _, i := range po.geom.lines {
				g := at(o.colourOf(i, dark))
				g.lines = append(g.lines, d.path(po.feature(i)))
			}
		}
		colours := make([]color.NRGBA, 0, len(groups))
		for c := range groups {
			colours = append(colours, c)
		}
		sort.Slice(colours, func(a, b int) bool {
			ca, cb := colours[a], colours[b]
			return uint32(ca.R)<<16|uint32(ca.G)<<8|uint32(ca.B) < uint32(cb.R)<<16|uint32(cb.G)<<8|uint32(cb.B)
		})
		for _, c := range colours {
			g := groups[c]
			fill, outline := overlayArea(c)
			lineSk := overlayLine(c)
			if o.LineWidth > 0 {
				lineSk.width, outline.width = o.LineWidth, o.LineWidth
			}
			key := o.ID
			if c != o.Color {
				key += fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
			}
			if len(g.areas) > 0 {
				mg, path := d.pp.merged("ov-area:"+key, g.areas)
				p.fillMap(path, fill)
				if !hair {
					p.strokeMap(mg, path, outline)
				}
			}
			if len(g.lines) > 0 {
				mg, path := d.pp.merged("ov-line:"+key, g.lines)
				p.strokeMap(mg, path, lineSk)
			}
			if len(g.hair) > 0 {
				rec.direct(newHairlines(orb.Collection(g.hair), d.tr, lineSk.color, 1).draw)
			}
		}
	}
}

// placePoints works out where point symbols go. Places known exactly (a
// cited position) are drawn where they are; where two such symbols would
// overlap, the lesser (see pointRank) moves just clear of the others and a
// leader line joins it to its place, so no symbol hides another. Sites
// known only by their county seat (stand-ins, which the feature panel calls
// 位置示意) are fanned out around the seat on a thin dashed ring. The
// planner's own points are drawn where they are.
func (d *mapDraw) placePoints() {
	st, p, pal := d.st, d.p, d.pal
	type anchor struct {
		pr *prepared
		at orb.Point
	}
	var anchors []anchor
	groups := map[[2]int][]*prepared{}
	var order [][2]int
	for _, pr := range st.visible {
		m, ok := pr.merc.(orb.Point)
		if !ok {
			continue
		}
		px := d.tr.Mercator(m)
		if anchoredPoint(pr.f) {
			anchors = append(anchors, anchor{pr, px})
			continue
		}
		k := [2]int{int(math.Round(px[0])), int(math.Round(px[1]))}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], pr)
	}
	sort.SliceStable(anchors, func(i, j int) bool { return pointRank(anchors[i].pr.f) < pointRank(anchors[j].pr.f) })
	var placed []disc
	gap := p.px(0.3)
	for _, a := range anchors {
		r := p.px(symbolRadius(d.s.Plan, a.pr.f))
		pos := a.at
		if overlapsAny(pos, r+gap, placed) {
			pos = clearSpot(a.at, r+gap, placed)
			// The leader: from a dot on the true place to the symbol's edge.
			dx, dy := pos[0]-a.at[0], pos[1]-a.at[1]
			l := math.Hypot(dx, dy)
			leader := &canvas.Path{}
			leader.MoveTo(a.at[0], a.at[1])
			leader.LineTo(pos[0]-dx/l*r, pos[1]-dy/l*r)
			p.stroke(leader, stroke{color: pal.Text, width: 0.3})
			p.fill(circle(p.px(0.45), a.at[0], a.at[1]), pal.Text)
		}
		st.points[a.pr.id] = pos
		placed = append(placed, disc{pos, r})
	}
	for _, k := range order {
		ring := groups[k]
		cx, cy := float64(k[0]), float64(k[1])
		r := p.px(symbolRadius(d.s.Plan, ring[0].f))
		if len(ring) == 1 && !overlapsAny(orb.Point{cx, cy}, r+gap, placed) {
			st.points[ring[0].id] = orb.Point{cx, cy}
			placed = append(placed, disc{orb.Point{cx, cy}, r})
			continue
		}
		step := p.px(4.4)
		rad := math.Max(p.px(4.2), step*float64(len(ring))/(2*math.Pi))
		p.stroke(circle(rad, cx, cy), stroke{color: pal.TextMuted, width: 0.25, dashes: []float64{0.8, 0.8}})
		st.fanned = true
		for i, pr := range ring {
			a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(len(ring))
			pos := orb.Point{cx + rad*math.Cos(a), cy + rad*math.Sin(a)}
			r := p.px(symbolRadius(d.s.Plan, pr.f))
			if overlapsAny(pos, r+gap, placed) {
				// A neighbouring seat's ring or an exact place is there:
				// the stand-in goes just clear of it.
				pos = clearSpot(pos, r+gap, placed)
			}
			st.points[pr.id] = pos
			placed = append(placed, disc{pos, r})
		}
	}
	for _, vis := range st.overlayVisible {
		for _, pr := range vis {
			if pt, ok := pr.merc.(orb.Point); ok {
				st.points[pr.id] = d.tr.Mercator(pt)
			}
		}
	}
}

// anchoredPoint says whether a plan point is drawn at its own position:
// cities and regions, and places whose position a source gives. The rest
// stand in at a county seat and may be fanned out.
func anchoredPoint(f *plan.Feature) bool {
	switch {
	case f.Class == plan.ClassCity || f.Class == plan.ClassRegion:
		return true
	case f.Precision == plan.PrecisionExact || f.Precision == plan.PrecisionSourced:
		return true
	}
	return false
}

// pointRank orders anchored points for a place on the map: a lower rank
// keeps its position when symbols would overlap. Cities, then airports,
// then places the plan's clauses are about, the best known first.
func pointRank(f *plan.Feature) int {
	r := 4
	switch {
	case f.Class == plan.ClassCity || f.Class == plan.ClassRegion:
		return 0
	case f.Class == plan.ClassAirport:
		r = 1
	case f.Precision == plan.PrecisionExact:
		r = 2
	}
	if len(f.Clauses) == 0 {
		r += 4
	}
	return r
}

// disc is a placed symbol: its centre and radius, pixels.
type disc struct {
	c orb.Point
	r float64
}

func overlapsAny(c orb.Point, r float64, placed []disc) bool {
	for _, q := range placed {
		if math.Hypot(c[0]-q.c[0], c[1]-q.c[1]) < r+q.r {
			return true
		}
	}
	return false
}

// clearSpot is the nearest position to c, on rings of growing radius in
// twelve directions, where a symbol of radius r overlaps none placed.
func clearSpot(c orb.Point, r float64, placed []disc) orb.Point {
	for ring := 1; ring <= 12; ring++ {
		rad := r * (1 + float64(ring)*0.5)
		for i := 0; i < 12; i++ {
			a := -math.Pi/4 + 2*math.Pi*float64(i)/12 // north-east first: labels go east
			q := orb.Point{c[0] + rad*math.Cos(a), c[1] + rad*math.Sin(a)}
			if !overlapsAny(q, r, placed) {
				return q
			}
		}
	}
	return c
}

// dots plots a dense overlay's points (a survey's thousands of sites) as
// dots, straight into the image: one path each would take seconds on
// screen, and make an SVG or PDF of hundreds of megabytes, which get the
// dots as one embedded image at the export's resolution instead.
func (d *mapDraw) dots() {
	s, p, st, tr := d.s, d.p, d.st, d.tr
	if len(st.dots) == 0 {
		return
	}
	r := int(math.Max(1, math.Round(p.px(0.35))))
	rec, recording := p.r.(*recorder)
	var layer *image.RGBA
	if !recording {
		layer = image.NewRGBA(image.Rect(0, 0, s.View.Width, s.View.Height))
	}
	for _, dt := range st.dots {
		dd := newDotDensity(s.View.Width, s.View.Height, r, dt.color)
		if sorted := dt.po.geom.points.Load(); sorted != nil {
			// North to south: each band counts its own rows.
			dd.fromSorted(*sorted, tr, dt.cull.Min[0], dt.cull.Max[0], &s.Cache.scratch)
		} else {
			dt.po.eachVisible(dt.cull, func(i int) bool {
				if p, ok := dt.po.geom.merc[i].(orb.Point); ok {
					dd.add(tr.Mercator(p))
				}
				return true
			})
		}
		if recording {
			rec.direct(dd.draw)
		} else {
			dd.draw(layer, 0)
		}
	}
	if layer != nil {
		// Straight (not premultiplied) alpha, which PDF's soft masks and
		// SVG's PNGs both mean.
		straight := image.NewNRGBA(layer.Bounds())
		draw.Draw(straight, layer.Bounds(), layer, image.Point{}, draw.Src)
		p.r.RenderImage(straight, canvas.Identity.Scale(p.mmpp, p.mmpp))
	}
}

// symbols draws the point symbols where placePoints put them, the
// selected and hovered ones on a highlight, the plan's first and the
// overlays' above them.
func (d *mapDraw) symbols() {
	s, p, pal, st := d.s, d.p, d.pal, d.st
	var boxes []rect
	mark := func(pr *prepared, pt orb.Point, r float64) {
		if s.Selected[pr.id] || s.Hover == pr.id {
			c := pal.Highlight
			if !s.Selected[pr.id] {
				c = pal.Hover
			}
			p.fill(circle(r+p.px(1.6), pt[0], pt[1]), alpha(c, 220))
		}
		boxes = append(boxes, rect{pt[0] - r, pt[1] - r, pt[0] + r, pt[1] + r})
	}
	for _, pr := range st.visible {
		if pt, ok := st.points[pr.id]; ok {
			r := p.px(symbolRadius(s.Plan, pr.f))
			mark(pr, pt, r)
			p.drawSymbol(st.feat(pr), pt[0], pt[1], pal)
		}
	}
	for k, vis := range st.overlayVisible {
		for _, pr := range vis {
			if pt, ok := st.points[pr.id]; ok {
				mark(pr, pt, p.px(overlayRadius))
				p.drawOverlayPoint(s.Overlays[k].colourOf(featureIndex(pr), s.Theme == ThemeDark), pt[0], pt[1], pal)
			}
		}
	}
	st.symbols = boxes
}

// drawOverlay places and draws the labels and the frame (title, legend,
// scale bar, north arrow, attribution). The frame is laid out first, so
// labels keep clear of it.
func drawOverlay(s *Scene, p *painter, st *frameState) {
	pal := s.Theme.Palette()
	tr := s.View.Transform()
	vb := s.View.MercatorBound()
	W, H := float64(s.View.Width), float64(s.View.Height)
	symbols := st.symbols
	fl := layoutFrame(s, p, st, pal)
	if fl.has.Legend && len(fl.legendItems) > 0 {
		st.legend = fl.legend
	}
	col := &collider{area: rect{0, 0, W, H}}
	for _, r := range fl.boxes() {
		col.take(r)
	}
	for _, r := range symbols {
		col.take(r)
	}
	st.labels = placeLabels(p, col, collectLabels(s, p, st, tr, vb, pal))
	p.drawLabels(st.labels, pal)
	drawAnnotations(s, p, pal)
	fl.draw(s, p, pal)
}

// collectLabels builds the label candidates of the visible features: the
// plan's, then the overlays'.
func collectLabels(s *Scene, p *painter, st *frameState, tr proj.Transform, vb orb.Bound, pal Palette) []label {
	k := s.textSize()
	var out []label
	anchor := func(l label, pr *prepared, gap float64) (label, bool) {
		switch g := pr.merc.(type) {
		case orb.Point:
			pt, ok := st.points[pr.id]
			if !ok {
				return l, false
			}
			l.x, l.y, l.gap = pt[0], pt[1], gap
		case orb.LineString, orb.MultiLineString:
			q, ok := pointAlong(g, vb)
			if !ok {
				return l, false
			}
			px := tr.Mercator(q)
			l.x, l.y, l.gap = px[0], px[1], p.px(1.2)
		default:
			lp := pr.label
			if !vb.Contains(lp) {
				lp = clampInto(lp, vb)
			}
			px := tr.Mercator(lp)
			l.x, l.y = px[0], px[1]
			if area, ok := g.(orb.Polygon); ok {
				// A label moved off its centre stays in its own area.
				l.within = func(x, y float64) bool { return planar.PolygonContains(area, tr.ToMercator(x, y)) }
			} else if area, ok := g.(orb.MultiPolygon); ok {
				l.within = func(x, y float64) bool { return planar.MultiPolygonContains(area, tr.ToMercator(x, y)) }
			}
		}
		return l, true
	}
	for _, pr := range st.visible {
		l, gap, ok := planLabel(s, pr.f, p, pal)
		if !ok {
			continue
		}
		if l, ok := anchor(l, pr, gap); ok {
			out = append(out, l)
		}
	}
	// Overlay labels depend on scale, as in any GIS: with more than
	// maxOverlayLabels labelled features in view they are left out (a map
	// holds a few hundred labels, and shaping a survey's hundred thousand
	// names would take seconds); zooming in brings them. The user's own
	// labels give way to the plan's sites, not to the base map.
	nOverlay := 0
	for _, vis := range st.overlayVisible {
		for _, pr := range vis {
			if pr.name != "" {
				nOverlay++
			}
		}
	}
	if nOverlay > maxOverlayLabels {
		return out
	}
	for _, vis := range st.overlayVisible {
		for _, pr := range vis {
			if pr.name == "" {
				continue
			}
			l := label{id: pr.id, color: pal.Text, lines: []labelLine{{pr.name, 7.5 * k}}, priority: 3.8}
			if l, ok := anchor(l, pr, p.px(overlayRadius)); ok {
				out = append(out, l)
			}
		}
	}
	return out
}

// overlayDots are an overlay's points within cull, drawn as dots.
type overlayDots struct {
	po    *preparedOverlay
	color color.NRGBA
	cull  orb.Bound
}

// collectOverlays puts the overlays' features in cull in
// st.overlayVisible; past maxOverlaySymbols points in view, an overlay's
// points go to st.dots instead, unwrapped, but for those selected or
// hovered, which keep their symbol.
func collectOverlays(s *Scene, st *frameState, cull orb.Bound) {
	st.overlayVisible = make([][]*prepared, len(s.Overlays))
	for k, o := range s.Overlays {
		if !o.Visible || o.Layer == nil {
			continue
		}
		po := s.Cache.preparedOverlay(o)
		var vis []*prepared
		var pts []int // the points, while few
		nPts := 0
		po.eachVisible(cull, func(i int) bool {
			switch {
			case !po.isPoint(i):
				vis = append(vis, po.feature(i))
			case nPts < maxOverlaySymbols:
				pts = append(pts, i)
				nPts++
			default:
				nPts++
			}
			// A layer of points only is dense as soon as it has too many.
			return !po.geom.onlyPoints || nPts <= maxOverlaySymbols
		})
		dense := nPts > maxOverlaySymbols
		if !dense {
			for _, i := range pts {
				vis = append(vis, po.feature(i))
			}
		} else {
			st.dots = append(st.dots, overlayDots{po: po, color: o.Color, cull: cull})
			marked := []string{s.Hover}
			for id := range s.Selected {
				marked = append(marked, id)
			}
			for _, id := range marked {
				if i, ok := overlayIndex(o.ID, id); ok && i < len(po.slots) && po.isPoint(i) && po.geom.bounds[i].Intersects(cull) {
					vis = append(vis, po.feature(i))
				}
			}
		}
		st.overlayVisible[k] = vis
	}
}

// Past maxOverlayLabels labelled overlay features in view their labels are
// left out; past maxOverlaySymbols overlay points in view they are drawn as
// dots.
const (
	maxOverlayLabels  = 1500
	maxOverlaySymbols = 2000
)

// pointAlong returns a point at about mid-length of the part of a line
// inside b.
func pointAlong(g orb.Geometry, b orb.Bound) (orb.Point, bool) {
	var pts []orb.Point
	add := func(ls orb.LineString) {
		for _, q := range ls {
			if b.Contains(q) {
				pts = append(pts, q)
			}
		}
	}
	switch g := g.(type) {
	case orb.LineString:
		add(g)
	case orb.MultiLineString:
		best := 0
		for _, ls := range g {
			if len(ls) > best {
				best = len(ls)
			}
		}
		for _, ls := range g {
			if len(ls) == best {
				add(ls)
			}
		}
	}
	if len(pts) == 0 {
		return orb.Point{}, false
	}
	return pts[len(pts)/2], true
}

func clampInto(q orb.Point, b orb.Bound) orb.Point {
	return orb.Point{math.Min(math.Max(q[0], b.Min[0]), b.Max[0]), math.Min(math.Max(q[1], b.Min[1]), b.Max[1])}
}

// planLabel is how plan feature f is labelled in scene s: its lines of
// text, sizes, priority and colour, and its distance from a point's
// centre (pixels); false when f is not labelled.
func planLabel(s *Scene, f *plan.Feature, p *painter, pal Palette) (l label, gap float64, ok bool) {
	lang, k := s.lang(), s.textSize()
	name := labelText(f, lang)
	if name == "" {
		return label{}, 0, false
	}
	l = label{id: f.ID, color: pal.Text}
	if f.Def != nil && f.Def.Label == "never" {
		return label{}, 0, false
	}
	switch {
	case f.Class == plan.ClassCityOutline || f.Class == plan.ClassCounty:
		if f.Def == nil || f.Def.Label != "always" {
			return label{}, 0, false
		}
		l.lines, l.priority, l.centred, l.color = []labelLine{{name, 8 * k}}, 4, true, pal.TextMuted
	case f.Class == plan.ClassRole:
		l.lines = []labelLine{{name, 11 * k}}
		role, _ := f.Props["role_short"].(string)
		if lang == "en" {
			role, _ = f.Props["role_short_en"].(string)
		}
		if role != "" && s.rolesShown() {
			l.lines = append(l.lines, labelLine{role, 7 * k})
		}
		l.priority, l.centred = 0, true
		if !s.rolesShown() { // a division of the base map: named as the neighbours are
			l.lines, l.priority, l.color = []labelLine{{name, 9.5 * k}}, 4, pal.TextMuted
		}
	case f.Class == plan.ClassProvince:
		l.lines, l.priority, l.centred, l.color = []labelLine{{name, 10 * k}}, 6, true, pal.TextMuted
	case f.Class == plan.ClassPrefecture:
		l.lines, l.priority, l.centred, l.color = []labelLine{{name, 9 * k}}, 5, true, pal.TextMuted
	case f.Class == plan.ClassRiver:
		if f.NameEn == "unnamed river" {
			return label{}, 0, false
		}
		l.lines, l.priority, l.centred, l.color = []labelLine{{name, 7 * k}}, 4.5, true, pal.Water
	case f.Class == plan.ClassCity:
		size, pri := 8.5*k, 1.5
		if f.ID == s.Plan.Info.Centre {
			size, pri = 10*k, 0.5
		}
		l.lines, l.priority = []labelLine{{name, size}}, pri
	case f.Class == plan.ClassRegion:
		l.lines, l.priority, l.color = []labelLine{{name, 8 * k}}, 2, pal.RegionLine
		if _, isPoint := f.Geometry.(orb.Point); !isPoint {
			l.centred = true
		}
	default:
		// Airports before the corridors, the places the plan's clauses
		// are about before the rest.
		l.lines, l.priority = []labelLine{{name, 7.5 * k}}, 3
		switch {
		case f.Class == plan.ClassAirport:
			l.priority = 2.2
		case s.Plan != nil && s.Plan.LabelPriority(f.Layer) > 0:
			l.priority = s.Plan.LabelPriority(f.Layer)
		case len(f.Clauses) == 0:
			l.priority = 3.4
		}
	}
	gap = p.px(symbolRadius(s.Plan, f))
	if styleOf(f).symbol == symRegion {
		gap *= 2.4
	}
	return l, gap, true
}
