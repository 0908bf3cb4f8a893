package render

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/tdewolff/canvas"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/proj"
)

// frameLayout is where the map furniture goes, in pixels.
type frameLayout struct {
	title, north, scale, legend, attribution rect
	has                                      Frame
	legendItems                              []legendItem
	legendCols                               int
	legendK                                  float64 // legend text and swatch scale
	legendColW, rowH                         float64
	attrLines                                []string
	margin, pad                              float64
}

func (fl *frameLayout) boxes() []rect {
	var out []rect
	if fl.has.Title {
		out = append(out, fl.title)
	}
	if fl.has.North {
		out = append(out, fl.north)
	}
	if fl.has.ScaleBar {
		out = append(out, fl.scale)
	}
	if fl.has.Legend && len(fl.legendItems) > 0 {
		out = append(out, fl.legend)
	}
	if fl.has.Attribution {
		out = append(out, fl.attribution)
	}
	return out
}

// legendItem is one legend row: a swatch drawn by draw in a box, and text.
type legendItem struct {
	text    string
	heading bool
	draw    func(p *painter, r rect, pal Palette)
}

const (
	titleSize  = 15.0
	subSize    = 7.5
	legendSize = 7.5
	headSize   = 8.5
	attrSize   = 5.5
)

func layoutFrame(s *Scene, p *painter, st *frameState, pal Palette) *frameLayout {
	k := s.textSize()
	W, H := float64(s.View.Width), float64(s.View.Height)
	fl := &frameLayout{has: s.Frame, margin: p.px(4), pad: p.px(2.2)}
	m, pad := fl.margin, fl.pad
	if s.Frame.Title {
		t, sub := s.MapTitle()
		tw, th := p.measure(titleSize*k, t)
		sw, sh := p.measure(subSize*k, sub)
		fl.title = rect{m, m, m + math.Max(tw, sw) + 2*pad, m + th + sh + 2*pad + p.px(1)}
	}
	if s.Frame.North {
		w, h := p.px(9), p.px(15)
		fl.north = rect{W - m - w, m, W - m, m + h}
	}
	bottom := H - m
	if s.Frame.Attribution {
		fl.attrLines = attributionLines(s)
	}
	fl.has.Attribution = len(fl.attrLines) > 0 // nothing to credit: no empty box
	if fl.has.Attribution {
		var w, h float64
		for _, l := range fl.attrLines {
			lw, lh := p.measure(attrSize*k, l)
			w = math.Max(w, lw)
			h += lh
		}
		fl.attribution = rect{m, bottom - h - p.px(2), m + w + p.px(2), bottom}
		bottom = fl.attribution.y0 - p.px(1.5)
	}
	if s.Frame.ScaleBar {
		_, th := p.measure(7*k, "0")
		w, h := p.px(40*math.Max(1, k)), p.px(4)+2*th+p.px(1.5)
		fl.scale = rect{m, bottom - h, m + w, bottom}
	}
	if s.Frame.Legend {
		top := m
		if s.Frame.North {
			top = fl.north.y1 + p.px(2)
		}
		all := legendItems(s, st)
		// Fit the legend: at most 40 % of the width; try smaller type, then
		// leave out the base-map rows. It is never cut off.
		for _, try := range []struct {
			scale    float64
			dropBase bool
		}{{1, false}, {0.85, false}, {0.85, true}, {0.72, true}, {0.6, true}} {
			items := all
			if s.Frame.CompactLegend {
				try.dropBase = true
				try.scale *= math.Min(1, 1.4/k)
			}
			if try.dropBase {
				items = withoutSection(all, lname(s, "h_base", s.lang()))
			}
			fl.layoutLegend(p, items, k*try.scale, top, W, H)
			lw, lh := fl.legend.x1-fl.legend.x0, fl.legend.y1-fl.legend.y0
			if lw <= 0.4*W && fl.legend.y0 >= top && (s.Frame.LegendShare <= 0 || lw*lh <= s.Frame.LegendShare*W*H) {
				break
			}
		}
		fl.placeLegend(s, p, W, H)
	}
	return fl
}

// placeLegend moves the legend to the corner where it covers least of the
// plan's own city (bottom right when they tie): clear of the title, the
// north arrow, the scale bar and the attribution.
func (fl *frameLayout) placeLegend(s *Scene, p *painter, W, H float64) {
	lg := fl.legend
	w, h := lg.x1-lg.x0, lg.y1-lg.y0
	if w <= 0 || h <= 0 {
		return
	}
	m, gap := fl.margin, p.px(2)
	top, bottom := m, H-m
	if fl.has.North {
		top = fl.north.y1 + gap
	}
	topLeft := m
	if fl.has.Title {
		topLeft = fl.title.y1 + gap
	}
	bottomLeft := bottom
	switch {
	case fl.has.ScaleBar:
		bottomLeft = fl.scale.y0 - gap
	case fl.has.Attribution:
		bottomLeft = fl.attribution.y0 - gap
	}
	// Each corner and the band it must stay in, top to bottom.
	candidates := []struct {
		r        rect
		min, max float64
	}{
		{rect{W - m - w, bottom - h, W - m, bottom}, top, bottom},         // bottom right
		{rect{W - m - w, top, W - m, top + h}, top, bottom},               // top right
		{rect{m, bottomLeft - h, m + w, bottomLeft}, topLeft, bottomLeft}, // bottom left
		{rect{m, topLeft, m + w, topLeft + h}, topLeft, bottomLeft},       // top left
	}
	if c := s.Frame.LegendCorner; c > LegendAuto && int(c) <= len(candidates) {
		if r := candidates[c-1]; r.r.y0 >= r.min-0.5 && r.r.y1 <= r.max+0.5 {
			fl.legend = r.r
			return
		}
	}
	outline := cityOutline(s)
	best, bestCover := lg, math.Inf(1)
	for _, c := range candidates {
		if c.r.y0 < c.min-0.5 || c.r.y1 > c.max+0.5 {
			continue // too tall for that corner
		}
		if cover := covered(s, outline, c.r); cover < bestCover-1e-9 {
			best, bestCover = c.r, cover
		}
	}
	fl.legend = best
}

// cityOutline is the plan's city outline in Mercator (nil without one).
func cityOutline(s *Scene) orb.MultiPolygon {
	f, ok := s.Plan.Feature(s.Plan.Info.Outline)
	if !ok {
		return nil
	}
	// Simplified to a few pixels: a coverage sample needs no more, and this
	// runs every frame.
	res := s.View.MetresPerPixel() / math.Cos(s.View.Center[1]*math.Pi/180)
	pr := s.Cache.prepared(s.Plan).byID[f.ID]
	switch g := pr.at(4 * res).(type) {
	case orb.MultiPolygon:
		return g
	case orb.Polygon:
		return orb.MultiPolygon{g}
	}
	return nil
}

// covered is the share of box r (pixels) that lies over the outline,
// sampled on an 8 × 8 grid (samples outside the outline's bound cost a
// comparison; the rest a point-in-polygon test).
func covered(s *Scene, outline orb.MultiPolygon, r rect) float64 {
	if outline == nil {
		return 0
	}
	tr := s.View.Transform()
	b := outline.Bound()
	in := 0
	const n = 8
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			x := r.x0 + (r.x1-r.x0)*(float64(i)+0.5)/n
			y := r.y0 + (r.y1-r.y0)*(float64(j)+0.5)/n
			if m := tr.ToMercator(x, y); b.Contains(m) && planar.MultiPolygonContains(outline, m) {
				in++
			}
		}
	}
	return float64(in) / (n * n)
}

// layoutLegend lays the items out in as many columns as the height
// between top and the bottom margin needs, scaled by k.
func (fl *frameLayout) layoutLegend(p *painter, items []legendItem, k, top, W, H float64) {
	fl.legendItems, fl.legendK = items, k
	if len(items) == 0 {
		return
	}
	m, pad := fl.margin, fl.pad
	_, lh := p.measure(legendSize*k, "图例")
	fl.rowH = lh + p.px(1.6*k)
	var tw float64
	for _, it := range items {
		size := legendSize
		if it.heading {
			size = headSize
		}
		w, _ := p.measure(size*k, it.text)
		if !it.heading {
			w += p.px(11 * k)
		}
		tw = math.Max(tw, w)
	}
	fl.legendColW = tw + p.px(3*k)
	avail := H - m - top - 2*pad - fl.rowH
	rows := int(math.Max(1, math.Floor(avail/fl.rowH)))
	fl.legendCols = (len(items) + rows - 1) / rows
	perCol := (len(items) + fl.legendCols - 1) / fl.legendCols
	w := float64(fl.legendCols)*fl.legendColW + 2*pad
	h := float64(perCol+1)*fl.rowH + 2*pad
	fl.legend = rect{W - m - w, H - m - h, W - m, H - m}
}

// withoutSection drops the heading named head and the rows under it.
func withoutSection(items []legendItem, head string) []legendItem {
	var out []legendItem
	skip := false
	for _, it := range items {
		if it.heading {
			skip = it.text == head
		}
		if !skip {
			out = append(out, it)
		}
	}
	return out
}

// attributionLines credits the map data, then each base map drawn.
func attributionLines(s *Scene) []string {
	lang := s.lang()
	var out []string
	if s.Plan != nil {
		for _, a := range s.Plan.Info.Attribution {
			out = append(out, a.Or(lang))
		}
	}
	seen := map[string]bool{}
	for _, b := range s.visibleBasemaps() {
		info := b.Source.Info()
		a := info.Attribution
		if a == "" && info.Name != "" {
			// A planner's own file: named, as the source of what is drawn.
			a = "底图：" + info.Name
			if lang == "en" {
				a = "Base map: " + info.Name
			}
		}
		if a != "" && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

func (fl *frameLayout) draw(s *Scene, p *painter, pal Palette) {
	k := s.textSize()
	panel := func(r rect) {
		box := canvas.RoundedRectangle(r.x1-r.x0, r.y1-r.y0, p.px(1)).Translate(r.x0, r.y0)
		p.fill(box, pal.Panel)
		p.stroke(box, stroke{color: pal.PanelLine, width: 0.25})
	}
	if fl.has.Title {
		panel(fl.title)
		t, sub := s.MapTitle()
		_, th := p.measure(titleSize*k, t)
		p.text(fl.title.x0+fl.pad, fl.title.y0+fl.pad, titleSize*k, t, pal.Text, color.NRGBA{}, 0)
		p.text(fl.title.x0+fl.pad, fl.title.y0+fl.pad+th+p.px(1), subSize*k, sub, pal.TextMuted, color.NRGBA{}, 0)
	}
	if fl.has.North {
		r := fl.north
		cx := (r.x0 + r.x1) / 2
		n := "N"
		if s.lang() == "zh" {
			n = "北"
		}
		nw, nh := p.measure(8*k, n)
		p.text(cx-nw/2, r.y0, 8*k, n, pal.Text, pal.Halo, 0.6)
		top, bot, half := r.y0+nh+p.px(0.8), r.y1, (r.x1-r.x0)/2*0.8
		left := &canvas.Path{}
		left.MoveTo(cx, top)
		left.LineTo(cx-half, bot)
		left.LineTo(cx, bot-(bot-top)*0.3)
		left.Close()
		right := &canvas.Path{}
		right.MoveTo(cx, top)
		right.LineTo(cx+half, bot)
		right.LineTo(cx, bot-(bot-top)*0.3)
		right.Close()
		p.fill(left, pal.Text)
		p.fill(right, pal.Halo)
		p.stroke(right, stroke{color: pal.Text, width: 0.3})
	}
	// The scale bar and the attribution sit on a light backing, so map
	// lines under them do not cross their figures and words.
	backing := func(r rect) {
		g := p.px(1)
		box := canvas.RoundedRectangle(r.x1-r.x0+2*g, r.y1-r.y0+2*g, g).Translate(r.x0-g, r.y0-g)
		p.fill(box, pal.Panel)
	}
	if fl.has.ScaleBar {
		backing(fl.scale)
		fl.drawScaleBar(s, p, pal)
	}
	if fl.has.Attribution {
		backing(fl.attribution)
	}
	if fl.has.Legend && len(fl.legendItems) > 0 {
		panel(fl.legend)
		x0, y0 := fl.legend.x0+fl.pad, fl.legend.y0+fl.pad
		title := "图例"
		if s.lang() == "en" {
			title = "Legend"
		}
		lk := fl.legendK
		p.text(x0, y0, headSize*lk, title, pal.Text, color.NRGBA{}, 0)
		perCol := (len(fl.legendItems) + fl.legendCols - 1) / fl.legendCols
		for i, it := range fl.legendItems {
			col, row := i/perCol, i%perCol
			x := x0 + float64(col)*fl.legendColW
			y := y0 + float64(row+1)*fl.rowH
			if it.heading {
				p.text(x, y+p.px(0.6*lk), headSize*0.9*lk, it.text, pal.TextMuted, color.NRGBA{}, 0)
				continue
			}
			sw := rect{x, y + p.px(0.5*lk), x + p.px(9*lk), y + fl.rowH - p.px(1.1*lk)}
			it.draw(p, sw, pal)
			p.text(x+p.px(11*lk), y+p.px(0.5*lk), legendSize*lk, it.text, pal.Text, color.NRGBA{}, 0)
		}
	}
	if fl.has.Attribution {
		y := fl.attribution.y0 + p.px(1)
		for _, l := range fl.attrLines {
			_, h := p.measure(attrSize*k, l)
			p.text(fl.attribution.x0+p.px(1), y, attrSize*k, l, pal.TextMuted, pal.Halo, 0.5)
			y += h
		}
	}
}

// drawScaleBar draws a bar of a round length, true at the map's centre
// latitude, with the scale as 1:N.
func (fl *frameLayout) drawScaleBar(s *Scene, p *painter, pal Palette) {
	k := s.textSize()
	r := fl.scale
	mpp := s.View.MetresPerPixel()
	// The bar grows with the type (presentation type is larger), so its
	// numbers keep apart.
	length := proj.NiceLength(p.px(34*math.Max(1, k)) * mpp)
	w := length / mpp
	_, th := p.measure(7*k, "0")
	y := r.y0 + th + p.px(0.8)
	bh := p.px(1.6)
	half := &canvas.Path{}
	half.MoveTo(r.x0, y)
	half.LineTo(r.x0+w/2, y)
	half.LineTo(r.x0+w/2, y+bh)
	half.LineTo(r.x0, y+bh)
	half.Close()
	box := canvas.Rectangle(w, bh).Translate(r.x0, y)
	p.fill(box, pal.Halo)
	p.fill(half, pal.Text)
	p.stroke(box, stroke{color: pal.Text, width: 0.3})
	unit, div := "km", 1000.0
	if length < 1000 {
		unit, div = "m", 1
	}
	for _, tk := range scaleTicks(p, r.x0, w, length, div, unit, 7*k) {
		p.text(tk.x, r.y0, 7*k, tk.t, pal.Text, pal.Halo, 0.5)
	}
	p.text(r.x0, y+bh+p.px(0.8), 7*k, "1:"+groupThousands(s.View.Scale), pal.Text, pal.Halo, 0.5)
}

// scaleTick is a number over the scale bar: its text, left edge and width.
type scaleTick struct {
	t    string
	x, w float64
}

// scaleTicks places the bar's numbers (0, half, whole with the unit) over
// a bar from x0, w pixels long, in type of size pt: the middle one only
// where it keeps a space clear of both ends ("0 2550 km" ran together in
// presentation type).
func scaleTicks(p *painter, x0, w, length, div float64, unit string, size float64) []scaleTick {
	var ticks []scaleTick
	for i, f := range []float64{0, 0.5, 1} {
		t := trimFloat(length * f / div)
		if i == 2 {
			t += " " + unit
		}
		tw, _ := p.measure(size, t)
		x := x0 + w*f - tw/2
		if i == 0 {
			x = x0
		}
		ticks = append(ticks, scaleTick{t, x, tw})
	}
	space, _ := p.measure(size, "0")
	if ticks[0].x+ticks[0].w+space > ticks[1].x || ticks[1].x+ticks[1].w+space > ticks[2].x {
		ticks = []scaleTick{ticks[0], ticks[2]}
	}
	return ticks
}

func trimFloat(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	return strings.TrimSuffix(s, ".0")
}

// groupThousands writes a scale denominator rounded to 3 significant
// figures with thousands separators: 512345 → "512,000".
func groupThousands(v float64) string {
	if v >= 1000 {
		mag := math.Pow(10, math.Floor(math.Log10(v))-2)
		v = math.Round(v/mag) * mag
	}
	s := fmt.Sprintf("%.0f", v)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// legendNames are the legend's own rows and headings: zh, en. Kinds'
// rows come from the plan's kinds, the plan's outline and centre from its Info.
var legendNames = map[string][2]string{
	"seat":   {"位置示意(县城或大致位置)", "indicative place (county seat or approximate)"},
	"hollow": {"空心:规划·推动建设", "hollow: planned or promoted"},
	"asOf":   {"进展截至", "As of"}, "h_stage": {"线路阶段", "Line stage"}, "h_roles": {"功能定位", "Roles"}, "h_sym": {"要素", "Features"},
	"h_base": {"底图", "Base map"}, "h_overlay": {"叠加图层", "Overlays"}, "schematic": {"线路走向均为示意", "all alignments schematic"},
}

// lname returns the legend text of one of the legend's own keys in lang.
func lname(s *Scene, key, lang string) string {
	if n, ok := legendNames[key]; ok {
		if lang == "en" {
			return n[1]
		}
		return n[0]
	}
	return key
}

// geomClass is "point", "line" or "area": which legend row a feature needs.
func geomClass(g orb.Geometry) string {
	switch g.(type) {
	case orb.Point, orb.MultiPoint:
		return "point"
	case orb.LineString, orb.MultiLineString, orb.Ring:
		return "line"
	}
	return "area"
}

// boundaryClasses are the base map's lines, in the legend's order.
var boundaryClasses = []plan.Class{plan.ClassCityOutline, plan.ClassProvince, plan.ClassPrefecture, plan.ClassCounty}

// legendItems lists what the visible map shows: only kinds present among
// the visible features get a row, lines first, then points, then areas,
// each in the order the plan gives its kinds.
func legendItems(s *Scene, st *frameState) []legendItem {
	lang := s.lang()
	type row struct {
		kind plan.Kind
		geom string
	}
	present := map[row]bool{}
	boundaries := map[plan.Class]*plan.Feature{}
	centre := false
	stages := map[int]bool{}
	var roles []*plan.Feature
	var hollowF *plan.Feature // the first hollow symbol shown: the legend's sample
	for _, pr := range st.visible {
		f := st.feat(pr)
		switch {
		case f.Class == plan.ClassCity && f.ID == s.Plan.Info.Centre:
			centre = true
		case f.Class == plan.ClassRole && !s.rolesShown():
			boundaries[plan.ClassCounty] = &plan.Feature{Class: plan.ClassCounty} // a division on the base map
		case f.Class == plan.ClassRole:
			roles = append(roles, f)
			continue
		case slices.Contains(boundaryClasses, f.Class):
			if boundaries[f.Class] == nil || f.Def != nil {
				boundaries[f.Class] = f
			}
		default:
			present[row{f.Kind, geomClass(f.Geometry)}] = true
		}
		if styleOf(f).staged {
			stages[stageGroup(f.Stage)] = true
		}
		if _, isPoint := st.points[f.ID]; isPoint && f.Class != plan.ClassRegion && f.Class != plan.ClassCity {
			if hollow(f) && hollowF == nil {
				hollowF = f
			}
		}
	}
	var items []legendItem
	if s.AsOf != "" {
		// A map of the plan on a date says which.
		items = append(items, legendItem{text: lname(s, "asOf", lang) + " " + s.AsOf, heading: true})
	}
	head := func(text string) { items = append(items, legendItem{text: text, heading: true}) }
	if len(roles) > 0 {
		text := lname(s, "h_roles", lang)
		if roles[0].Def != nil {
			text = roles[0].Def.LegendText(lang)
		}
		head(text)
		for _, f := range roles {
			role, _ := f.Props["role_short"].(string)
			if lang == "en" {
				role, _ = f.Props["role_short_en"].(string)
			}
			text := labelText(f, lang)
			if role != "" {
				text += " · " + role
			}
			items = append(items, legendItem{text: text, draw: func(p *painter, r rect, pal Palette) {
				box := canvas.Rectangle(r.x1-r.x0, r.y1-r.y0).Translate(r.x0, r.y0)
				fill, _ := areaStyle(s.Plan, f, pal)
				p.fill(box, fill)
				p.stroke(box, stroke{color: pal.HomeLine, width: 0.25})
			}})
		}
	}
	kinds := make([]*plan.KindDef, 0, len(s.Plan.Kinds))
	for i := range s.Plan.Kinds {
		kinds = append(kinds, &s.Plan.Kinds[i])
	}
	sort.SliceStable(kinds, func(i, j int) bool { return kinds[i].LegendOrder < kinds[j].LegendOrder })
	var sym []legendItem
	seen := map[string]bool{}
	add := func(text string, draw func(p *painter, r rect, pal Palette)) {
		if seen[text] {
			return // two kinds under one row (a scenic area and a geopark)
		}
		seen[text] = true
		sym = append(sym, legendItem{text: text, draw: draw})
	}
	for _, geom := range []string{"line", "point", "area"} {
		if geom == "point" && centre {
			f := &plan.Feature{Class: plan.ClassCity, ID: s.Plan.Info.Centre, Stage: plan.StageExisting}
			if def := s.Plan.KindOf(plan.ClassCity); def != nil {
				f.Def, f.Kind = def, def.ID
			}
			text := s.Plan.Info.CentreLegend.Or(lang)
			if text == "" {
				text = labelText(&plan.Feature{NameZh: s.Plan.Info.Centre}, lang)
			}
			add(text, func(p *painter, r rect, pal Palette) { p.drawSymbol(f, (r.x0+r.x1)/2, (r.y0+r.y1)/2, pal) })
		}
		for _, def := range kinds {
			if !present[row{def.ID, geom}] {
				continue
			}
			f := &plan.Feature{Kind: def.ID, Class: def.Class, Def: def, Stage: plan.StageExisting, Props: map[string]any{"river_level": 3.0}}
			text := def.LegendFor(geom, lang)
			switch {
			case geom == "line":
				add(text, func(p *painter, r rect, pal Palette) {
					y := (r.y0 + r.y1) / 2
					ln := &canvas.Path{}
					ln.MoveTo(r.x0, y)
					ln.LineTo(r.x1, y)
					for _, sk := range lineStyle(f, pal) {
						p.stroke(ln, sk)
					}
				})
			case geom == "point":
				add(text, func(p *painter, r rect, pal Palette) { p.drawSymbol(f, (r.x0+r.x1)/2, (r.y0+r.y1)/2, pal) })
			default:
				add(text, func(p *painter, r rect, pal Palette) {
					box := canvas.RoundedRectangle(r.x1-r.x0, r.y1-r.y0, p.px(1)).Translate(r.x0, r.y0)
					fill, ln := areaStyle(s.Plan, f, pal)
					p.fill(box, fill)
					p.stroke(box, ln)
				})
			}
		}
	}
	if hollowF != nil {
		sample := &plan.Feature{Kind: hollowF.Kind, Class: hollowF.Class, Def: hollowF.Def, Stage: plan.StagePlanned}
		sym = append(sym, legendItem{text: lname(s, "hollow", lang), draw: func(p *painter, r rect, pal Palette) {
			p.drawSymbol(sample, (r.x0+r.x1)/2, (r.y0+r.y1)/2, pal)
		}})
	}
	if st.fanned {
		sym = append(sym, legendItem{text: lname(s, "seat", lang), draw: func(p *painter, r rect, pal Palette) {
			p.stroke(circle((r.y1-r.y0)/2, (r.x0+r.x1)/2, (r.y0+r.y1)/2), stroke{color: pal.TextMuted, width: 0.25, dashes: []float64{0.8, 0.8}})
		}})
	}
	if len(sym) > 0 {
		head(lname(s, "h_sym", lang))
		items = append(items, sym...)
	}
	if len(stages) > 0 {
		head(lname(s, "h_stage", lang))
		for g := 0; g < 4; g++ {
			if !stages[g] {
				continue
			}
			stage := []plan.Stage{plan.StageExisting, plan.StageUnderConstruction, plan.StagePlanned, plan.StageStudy}[g]
			name := stageGroupNames[g][0]
			if lang == "en" {
				name = stageGroupNames[g][1]
			}
			items = append(items, legendItem{text: name, draw: func(p *painter, r rect, pal Palette) {
				y := (r.y0 + r.y1) / 2
				ln := &canvas.Path{}
				ln.MoveTo(r.x0, y)
				ln.LineTo(r.x1, y)
				p.stroke(ln, stroke{color: pal.Text, width: 0.8, dashes: stageDash(stage)})
			}})
		}
		items = append(items, legendItem{text: lname(s, "schematic", lang), draw: func(p *painter, r rect, pal Palette) {
			mark := "示意"
			if lang == "en" {
				mark = "~"
			}
			tw, _ := p.measure(6.5, mark)
			p.text((r.x0+r.x1)/2-tw/2, r.y0, 6.5, mark, pal.TextMuted, color.NRGBA{}, 0)
		}})
	}
	var ov []legendItem
	for _, o := range s.Overlays {
		if !o.Visible || o.Layer == nil {
			continue
		}
		c := o.Color
		g := s.Cache.preparedOverlay(o).geom
		ov = append(ov, legendItem{text: o.Name, draw: func(p *painter, r rect, pal Palette) {
			switch {
			case g.onlyPoints: // a layer of points: its dot
				p.drawOverlayPoint(c, (r.x0+r.x1)/2, (r.y0+r.y1)/2, pal)
			case len(g.areas) == 0 && len(g.lines) > 0: // of lines: a line
				y := (r.y0 + r.y1) / 2
				ln := &canvas.Path{}
				ln.MoveTo(r.x0, y)
				ln.LineTo(r.x1, y)
				p.stroke(ln, stroke{color: c, width: 0.6})
			default:
				box := canvas.RoundedRectangle(r.x1-r.x0, r.y1-r.y0, p.px(0.8)).Translate(r.x0, r.y0)
				p.fill(box, alpha(c, 70))
				p.stroke(box, stroke{color: c, width: 0.45})
			}
		}})
	}
	if len(ov) > 0 {
		head(lname(s, "h_overlay", lang))
		items = append(items, ov...)
	}
	var base []legendItem
	for _, class := range boundaryClasses {
		f := boundaries[class]
		if f == nil {
			continue
		}
		text := ""
		switch {
		case class == plan.ClassCityOutline && s.Plan.Info.OutlineLegend.Or(lang) != "":
			text = s.Plan.Info.OutlineLegend.Or(lang)
		case f.Def != nil:
			text = f.Def.LegendText(lang)
		default:
			if def := s.Plan.KindOf(class); def != nil {
				text = def.LegendText(lang)
			}
		}
		if text == "" {
			continue
		}
		base = append(base, legendItem{text: text, draw: func(p *painter, r rect, pal Palette) {
			y := (r.y0 + r.y1) / 2
			ln := &canvas.Path{}
			ln.MoveTo(r.x0, y)
			ln.LineTo(r.x1, y)
			_, st := areaStyle(s.Plan, f, pal)
			p.stroke(ln, st)
		}})
	}
	if len(base) > 0 {
		head(lname(s, "h_base", lang))
		items = append(items, base...)
	}
	return items
}
