package render

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/paulmach/orb"
	"github.com/tdewolff/canvas"

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
	visible []*prepared
	points  map[string]orb.Point // pixel position of each drawn point symbol
	// overlayVisible holds each overlay's features in view (by the index of
	// the overlay in the scene), but for the points of dense overlays,
	// which are in dots instead.
	overlayVisible [][]*prepared
	dots           []overlayDots
	labels         []placed
	symbols        []rect // boxes of the point symbols, which labels avoid
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
	drawOverlay(s, p, st)
	return st, s.cancelled()
}

// drawMap draws the features (fills, lines, symbols) and works out what is
// visible and where point symbols go.
func drawMap(s *Scene, p *painter) (*frameState, error) {
	if s.Plan == nil {
		return nil, fmt.Errorf("render: scene has no plan")
	}
	if s.View.Width <= 0 || s.View.Height <= 0 || s.View.DPI <= 0 || s.View.Scale <= 0 {
		return nil, fmt.Errorf("render: bad view %dx%d at %v dpi, scale %v", s.View.Width, s.View.Height, s.View.DPI, s.View.Scale)
	}
	pal := s.Theme.Palette()
	pp := s.Cache.prepared(s.Plan)
	tr := s.View.Transform()
	res := s.View.MetresPerPixel() / math.Cos(s.View.Center[1]*math.Pi/180)
	vb := s.View.MercatorBound()
	cull := vb.Pad(res * 40)
	st := &frameState{points: map[string]orb.Point{}}
	for _, pr := range pp.all {
		if s.FeatureVisible(pr.f) && pr.bound.Intersects(cull) {
			st.visible = append(st.visible, pr)
		}
	}
	collectOverlays(s, st, cull)
	W, H := float64(s.View.Width), float64(s.View.Height)

	// Background (the raster painter has already cleared its image).
	if !p.raster {
		p.fill(canvas.Rectangle(W, H), pal.Background)
	}

	isArea := func(pr *prepared) bool {
		switch pr.merc.(type) {
		case orb.Polygon, orb.MultiPolygon:
			return true
		}
		return false
	}
	isLine := func(pr *prepared) bool {
		switch pr.merc.(type) {
		case orb.LineString, orb.MultiLineString:
			return true
		}
		return false
	}
	// Feature paths are in world pixels; the painter offsets them to the view.
	p.ox, p.oy = tr.Mercator(orb.Point{0, 0})[0]*-1, tr.Mercator(orb.Point{0, 0})[1]*-1
	pad := math.Max(W, H) * res
	pathFor := func(pr *prepared) *canvas.Path { return pr.worldPath(res, vb, pad) }
	// 1. Area fills: base land, county roles, then translucent regions.
	fillOrder := []func(*prepared) bool{
		func(pr *prepared) bool { return pr.f.Layer == "base" },
		func(pr *prepared) bool { return pr.f.Kind == "role" },
		func(pr *prepared) bool { return pr.f.Layer != "base" && pr.f.Kind != "role" && pr.f.Kind != "overlay" },
	}
	for _, sel := range fillOrder {
		for _, pr := range st.visible {
			if pr.f.Kind == "city_outline" && s.LayerVisible("county") {
				continue // the five divisions tile it exactly
			}
			if isArea(pr) && sel(pr) {
				fill, _ := areaStyle(pr.f, pal)
				p.fillMap(pathFor(pr), fill)
			}
		}
	}
	// 2. Administrative outlines, finest first, Bazhong's on top.
	for _, kind := range []string{"county", "prefecture", "province", "role", "city_outline"} {
		var members []*canvas.Path
		var ln stroke
		for _, pr := range st.visible {
			if pr.f.Kind == kind && isArea(pr) {
				_, ln = areaStyle(pr.f, pal)
				members = append(members, pathFor(pr))
			}
		}
		if rec, ok := p.r.(*recorder); ok && kind == "county" && p.px(ln.width) <= 1 && len(ln.dashes) == 0 {
			// Hairlines: drawn straight into the image (see hairlines).
			for _, pr := range st.visible {
				if pr.f.Kind == kind && isArea(pr) {
					rec.direct(newHairlines(pr.at(res), tr, ln.color, p.px(ln.width)).draw)
				}
			}
			continue
		}
		if len(members) > 0 {
			g, path := pp.merged(kind, members)
			p.strokeMap(g, path, ln)
		}
	}
	// 3. Ecology corridor under the water, then rivers.
	for _, kind := range []string{"corridor", "river"} {
		for _, pr := range st.visible {
			if pr.f.Kind == kind && isLine(pr) {
				for _, sk := range lineStyle(pr.f, pal) {
					p.strokeMap(pr, pathFor(pr), sk)
				}
			}
		}
	}
	// 4. Outlines of plan areas (regions, geopark).
	for _, pr := range st.visible {
		if isArea(pr) && pr.f.Kind == "region" {
			p.strokeMap(pr, pathFor(pr), regionBand(pal))
		}
	}
	for _, pr := range st.visible {
		if isArea(pr) && pr.f.Layer != "base" && pr.f.Kind != "role" && pr.f.Kind != "overlay" {
			_, ln := areaStyle(pr.f, pal)
			p.strokeMap(pr, pathFor(pr), ln)
		}
	}
	// 5. Highlights under selected and hovered lines and areas.
	for _, pr := range st.visible {
		sel, hov := s.Selected[pr.f.ID], s.Hover == pr.f.ID
		if !(sel || hov) || (!isLine(pr) && !isArea(pr)) || pr.f.Kind == "city_outline" {
			continue
		}
		w := 1.2
		if isLine(pr) {
			for _, sk := range lineStyle(pr.f, pal) {
				w = math.Max(w, sk.width)
			}
			w += 2.2
		}
		c := pal.Highlight
		if !sel {
			c = pal.Hover
		}
		if isArea(pr) {
			p.strokeMap(pr, pathFor(pr), stroke{color: c, width: w + 0.8, round: true})
		} else {
			p.strokeMap(pr, pathFor(pr), stroke{color: alpha(c, 210), width: w, round: true})
		}
	}
	// 6. Plan lines, in layer order; routes and roads under corridors.
	for _, pr := range st.visible {
		if isLine(pr) && pr.f.Layer != "base" && pr.f.Kind != "corridor" && pr.f.Kind != "overlay" {
			for _, sk := range lineStyle(pr.f, pal) {
				p.strokeMap(pr, pathFor(pr), sk)
			}
		}
	}
	// 6b. Overlays. On screen their thin lines are hairlines drawn straight
	// into the image from the simplified geometry of the features in view
	// (a million-vertex file costs milliseconds a frame); fills, thicker
	// lines and SVG/PDF go through one merged path per overlay.
	rec6, recording6 := p.r.(*recorder)
	for k, o := range s.Overlays {
		if !o.Visible || o.Layer == nil {
			continue
		}
		po := s.Cache.preparedOverlay(o)
		if len(po.slots) == 0 {
			continue
		}
		sample := po.feature(0).f
		fill, outline := areaStyle(sample, pal)
		lineSk := lineStyle(sample, pal)[0]
		hair := recording6 && p.px(lineSk.width) <= 1.6 && p.px(outline.width) <= 1.6
		var areas, lines []*canvas.Path
		var hairGeoms []orb.Geometry
		for _, i := range po.geom.areas {
			areas = append(areas, pathFor(po.feature(i)))
		}
		if !hair {
			for _, i := range po.geom.lines {
				lines = append(lines, pathFor(po.feature(i)))
			}
		}
		if hair {
			for _, pr := range st.overlayVisible[k] {
				if isLine(pr) || isArea(pr) {
					hairGeoms = append(hairGeoms, pr.at(res))
				}
			}
		}
		if len(areas) > 0 {
			g, path := pp.merged("ov-area:"+o.ID, areas)
			p.fillMap(path, fill)
			if !hair {
				p.strokeMap(g, path, outline)
			}
		}
		if len(lines) > 0 {
			g, path := pp.merged("ov-line:"+o.ID, lines)
			p.strokeMap(g, path, lineSk)
		}
		if len(hairGeoms) > 0 {
			h := newHairlines(orb.Collection(hairGeoms), tr, lineSk.color, 1)
			rec6.direct(h.draw)
		}
	}
	// 7. Point symbols. Points that share a place (sites known only by
	// their county seat) are fanned out around it, so none hides another;
	// a thin ring marks the shared place.
	groups := map[[2]int][]*prepared{}
	var order [][2]int
	var ovPts []*prepared // the user's points: drawn where they are, never fanned out
	for _, pr := range st.visible {
		if _, ok := pr.merc.(orb.Point); !ok || pr.f.Layer == "base" {
			continue
		}
		if pr.f.Kind == "overlay" {
			ovPts = append(ovPts, pr)
			continue
		}
		px := tr.Mercator(pr.merc.(orb.Point))
		k := [2]int{int(math.Round(px[0])), int(math.Round(px[1]))}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], pr)
	}
	var symbols []rect
	for _, k := range order {
		g := groups[k]
		cx, cy := float64(k[0]), float64(k[1])
		// The city itself stays at the centre; the rest go round it.
		var centre *prepared
		var ring []*prepared
		for _, pr := range g {
			if (pr.f.Kind == "city" || pr.f.Kind == "region") && centre == nil {
				centre = pr
			} else {
				ring = append(ring, pr)
			}
		}
		if centre != nil {
			st.points[centre.f.ID] = orb.Point{cx, cy}
		}
		if len(ring) == 1 && centre == nil {
			st.points[ring[0].f.ID] = orb.Point{cx, cy}
		} else if len(ring) > 0 {
			step := p.px(4.4)
			rad := math.Max(p.px(4.2), step*float64(len(ring))/(2*math.Pi))
			p.stroke(circle(rad, cx, cy), stroke{color: pal.TextMuted, width: 0.25, dashes: []float64{0.8, 0.8}})
			for i, pr := range ring {
				a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(len(ring))
				st.points[pr.f.ID] = orb.Point{cx + rad*math.Cos(a), cy + rad*math.Sin(a)}
			}
		}
	}
	for _, pr := range ovPts {
		st.points[pr.f.ID] = tr.Mercator(pr.merc.(orb.Point))
	}
	// A dense overlay's points (a survey's thousands of sites) are plotted
	// as dots, straight into the image: one path each would take seconds
	// on screen, and make an SVG or PDF of hundreds of megabytes, which get
	// the dots as one embedded image at the export's resolution instead.
	if len(st.dots) > 0 {
		r := int(math.Max(1, math.Round(p.px(0.35))))
		rec, recording := p.r.(*recorder)
		var layer *image.RGBA
		if !recording {
			layer = image.NewRGBA(image.Rect(0, 0, s.View.Width, s.View.Height))
		}
		for _, d := range st.dots {
			dd := newDotDensity(s.View.Width, s.View.Height, r, d.color)
			if sorted := d.po.geom.points.Load(); sorted != nil {
				// North to south: each band counts its own rows.
				dd.fromSorted(*sorted, tr, d.cull.Min[0], d.cull.Max[0], &s.Cache.scratch)
			} else {
				d.po.eachVisible(d.cull, func(i int) bool {
					if p, ok := d.po.geom.merc[i].(orb.Point); ok {
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
	for _, pr := range st.visible {
		pt, ok := st.points[pr.f.ID]
		if !ok {
			continue
		}
		r := p.px(symbolRadius(pr.f))
		if s.Selected[pr.f.ID] || s.Hover == pr.f.ID {
			c := pal.Highlight
			if !s.Selected[pr.f.ID] {
				c = pal.Hover
			}
			p.fill(circle(r+p.px(1.6), pt[0], pt[1]), alpha(c, 220))
		}
		p.drawSymbol(pr.f, pt[0], pt[1], pal)
		symbols = append(symbols, rect{pt[0] - r, pt[1] - r, pt[0] + r, pt[1] + r})
	}
	st.symbols = symbols
	return st, nil
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
	col := &collider{area: rect{0, 0, W, H}}
	for _, r := range fl.boxes() {
		col.take(r)
	}
	for _, r := range symbols {
		col.take(r)
	}
	st.labels = placeLabels(p, col, collectLabels(s, p, st, tr, vb, pal))
	p.drawLabels(st.labels, pal)
	fl.draw(s, p, pal)
}

// collectLabels builds the label candidates of the visible features.
func collectLabels(s *Scene, p *painter, st *frameState, tr proj.Transform, vb orb.Bound, pal Palette) []label {
	lang := s.lang()
	k := s.textSize()
	var out []label
	// Overlay labels depend on scale, as in any GIS: with more than
	// maxOverlayLabels labelled features in view they are left out (a map
	// holds a few hundred labels, and shaping a survey's hundred thousand
	// names would take seconds); zooming in brings them.
	nOverlay := 0
	for _, pr := range st.visible {
		if pr.f.Kind == "overlay" && pr.f.NameZh != "" {
			nOverlay++
		}
	}
	overlayLabels := nOverlay <= maxOverlayLabels
	for _, pr := range st.visible {
		f := pr.f
		if f.Kind == "overlay" && !overlayLabels {
			continue
		}
		name := labelText(f, lang)
		if name == "" {
			continue
		}
		l := label{id: f.ID, color: pal.Text}
		switch {
		case f.Kind == "city_outline" || f.Kind == "county":
			continue
		case f.Kind == "role":
			l.lines = []labelLine{{name, 11 * k}}
			role, _ := f.Props["role_short"].(string)
			if lang == "en" {
				role, _ = f.Props["role_short_en"].(string)
			}
			if role != "" {
				l.lines = append(l.lines, labelLine{role, 7 * k})
			}
			l.priority, l.centred = 0, true
		case f.Kind == "province":
			l.lines, l.priority, l.centred, l.color = []labelLine{{name, 10 * k}}, 6, true, pal.TextMuted
		case f.Kind == "prefecture":
			l.lines, l.priority, l.centred, l.color = []labelLine{{name, 9 * k}}, 5, true, pal.TextMuted
		case f.Kind == "river":
			if f.NameEn == "unnamed river" {
				continue
			}
			l.lines, l.priority, l.centred, l.color = []labelLine{{name, 7 * k}}, 4.5, true, pal.Water
		case f.Kind == "city":
			size, pri := 8.5*k, 1.5
			if f.ID == "bazhong_city" {
				size, pri = 10*k, 0.5
			}
			l.lines, l.priority = []labelLine{{name, size}}, pri
		case f.Kind == "region":
			l.lines, l.priority, l.color = []labelLine{{name, 8 * k}}, 2, pal.RegionLine
			if _, isPoint := pr.merc.(orb.Point); !isPoint {
				l.centred = true
			}
		case f.Kind == "overlay":
			// The user's own labels give way to the plan's sites, not to the base map.
			l.lines, l.priority = []labelLine{{name, 7.5 * k}}, 3.8
		default:
			l.lines, l.priority = []labelLine{{name, 7.5 * k}}, 3
			if f.Layer == "corridor" {
				l.priority = 2.5
			}
		}
		// Anchor.
		switch g := pr.merc.(type) {
		case orb.Point:
			pt, ok := st.points[f.ID]
			if !ok {
				continue
			}
			l.x, l.y = pt[0], pt[1]
			l.gap = p.px(symbolRadius(f))
			if f.Kind == "region" || f.Kind == "zone" {
				l.gap = p.px(symbolRadius(f) * 2.4)
			}
		case orb.LineString, orb.MultiLineString:
			q, ok := pointAlong(g, vb)
			if !ok {
				continue
			}
			px := tr.Mercator(q)
			l.x, l.y = px[0], px[1]
			l.gap = p.px(1.2)
		default:
			lp := pr.label
			if !vb.Contains(lp) {
				lp = clampInto(lp, vb)
			}
			px := tr.Mercator(lp)
			l.x, l.y = px[0], px[1]
		}
		out = append(out, l)
	}
	return out
}

// overlayDots are an overlay's points within cull, drawn as dots.
type overlayDots struct {
	po    *preparedOverlay
	color color.NRGBA
	cull  orb.Bound
}

// collectOverlays adds the overlays' features in cull to st.visible (and
// st.overlayVisible); past maxOverlaySymbols points in view, an overlay's
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
		st.visible = append(st.visible, vis...)
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
