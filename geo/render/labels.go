package render

import (
	"image/color"
	"sort"
)

// rect is an axis-aligned box in pixels.
type rect struct{ x0, y0, x1, y1 float64 }

func (a rect) overlaps(b rect) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

func (a rect) inside(b rect) bool {
	return a.x0 >= b.x0 && a.y0 >= b.y0 && a.x1 <= b.x1 && a.y1 <= b.y1
}

func (a rect) grow(d float64) rect { return rect{a.x0 - d, a.y0 - d, a.x1 + d, a.y1 + d} }

// collider keeps the boxes already taken on the map.
type collider struct {
	taken []rect
	area  rect // labels must stay inside
}

func (c *collider) free(r rect) bool {
	if !r.inside(c.area) {
		return false
	}
	for _, t := range c.taken {
		if r.overlaps(t) {
			return false
		}
	}
	return true
}

func (c *collider) take(r rect) { c.taken = append(c.taken, r) }

// label is a candidate label: lines of text stacked, tried at several
// positions around an anchor, placed in priority order (lower first).
type label struct {
	id       string
	lines    []labelLine
	priority float64
	x, y     float64 // anchor, pixels
	gap      float64 // distance from the anchor (symbol radius), pixels
	centred  bool    // try the anchor itself first (areas, lines)
	color    color.NRGBA
	// within, when set, says whether a pixel lies in the labelled area:
	// the spiral's candidates away from the anchor must keep their
	// centre there.
	within func(x, y float64) bool
}

type labelLine struct {
	text string
	size float64 // points
}

// placed is a label that found room.
type placed struct {
	label
	x, y float64 // top-left corner
	w, h float64
}

// mustName is the priority under which a point's label is also tried
// further from its symbol: cities and airports.
const mustName = 2.3

// placeLabels places labels greedily by priority: each takes the first
// candidate position that is inside the map and overlaps nothing already
// taken (other labels, symbols, frame elements); the rest are dropped.
func placeLabels(p *painter, c *collider, labels []label) []placed {
	sort.SliceStable(labels, func(i, j int) bool { return labels[i].priority < labels[j].priority })
	var out []placed
	pad := p.px(0.4)
	for _, l := range labels {
		if pl, ok := placeLabel(p, c, l, pad); ok {
			out = append(out, pl)
		} else if len(l.lines) > 1 && l.centred {
			// An area too crowded for its name and role keeps its name.
			l.lines = l.lines[:1]
			if pl, ok := placeLabel(p, c, l, pad); ok {
				out = append(out, pl)
			}
		}
	}
	return out
}

// placeLabel tries l's candidate positions in turn and takes the first
// free one.
func placeLabel(p *painter, c *collider, l label, pad float64) (placed, bool) {
	var w, h float64
	for _, ln := range l.lines {
		lw, lh := p.measure(ln.size, ln.text)
		if lw > w {
			w = lw
		}
		h += lh
	}
	g := l.gap + p.px(0.8)
	type pos struct{ x, y float64 }
	var cands []pos
	if l.centred {
		// Areas: the anchor, then a spiral of nearby places inside the area.
		cands = append(cands, pos{l.x - w/2, l.y - h/2})
		step := p.px(2.5)
		for ring := 1; ring <= 7; ring++ {
			for _, d := range [][2]float64{{0, -1}, {0, 1}, {-1, 0}, {1, 0}, {-1, -1}, {1, -1}, {-1, 1}, {1, 1}} {
				cands = append(cands, pos{l.x - w/2 + d[0]*step*float64(ring)*2, l.y - h/2 + d[1]*step*float64(ring)})
			}
		}
	}
	cands = append(cands,
		pos{l.x + g, l.y - h/2},           // right
		pos{l.x - g - w, l.y - h/2},       // left
		pos{l.x - w/2, l.y - g - h},       // above
		pos{l.x - w/2, l.y + g},           // below
		pos{l.x + g*0.7, l.y - g*0.7 - h}, // above right
		pos{l.x + g*0.7, l.y + g*0.7},     // below right
		pos{l.x - g*0.7 - w, l.y - g*0.7 - h},
		pos{l.x - g*0.7 - w, l.y + g*0.7},
	)
	if l.priority < mustName && !l.centred {
		// The plan's centre city, the cities and the airports must be
		// named: when the sites fanned out round them fill the near
		// ring, try one further out.
		f := 2.2
		cands = append(cands, pos{l.x + g*f, l.y - h/2}, pos{l.x - g*f - w, l.y - h/2},
			pos{l.x - w/2, l.y - g*f - h}, pos{l.x - w/2, l.y + g*f})
	}
	for i, cd := range cands {
		if i > 0 && l.centred && l.within != nil && !l.within(cd.x+w/2, cd.y+h/2) {
			continue
		}
		r := rect{cd.x, cd.y, cd.x + w, cd.y + h}
		if c.free(r.grow(pad)) {
			c.take(r.grow(pad))
			return placed{label: l, x: cd.x, y: cd.y, w: w, h: h}, true
		}
	}
	return placed{}, false
}

// drawLabels draws placed labels with a halo, each line centred in the box.
func (p *painter) drawLabels(ls []placed, pal Palette) {
	halo := 0.7
	for _, l := range ls {
		y := l.y
		for _, ln := range l.lines {
			w, h := p.measure(ln.size, ln.text)
			p.text(l.x+(l.w-w)/2, y, ln.size, ln.text, l.color, pal.Halo, halo)
			y += h
		}
	}
}
