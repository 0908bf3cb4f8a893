package render

import (
	"math"
	"slices"

	"github.com/tdewolff/canvas"
)

// outlineStroke returns the outline of a polyline path (MoveTo, LineTo and
// Close only) stroked width wide, dashed by dashes (lengths in the path's
// units; none for solid), with round or butt caps and round, miter or bevel
// joins, to be filled with the non-zero rule: one contour per line (its
// left side forward, the right side back, with the caps), two per ring. ok
// is false when the path holds curves (the caller strokes those with
// tdewolff/canvas).
//
// tdewolff/canvas builds a stroke as two offset curves with its own
// self-intersection handling, which is general (curves) but allocates per
// vertex: on a 1080p frame at a new scale it cost ~40 % of the frame. A
// map's lines are polylines, and the rasterizer fills with the non-zero
// rule, so a contour may overlap itself: at a bend its outer side takes
// the join, and its inner side the point where the two offset lines cross
// (or, when that is off a short segment, the vertex itself), which fills
// the union of the segments and joins. Only where a line's pieces overlap
// at an inner corner can an anti-aliased edge pixel come out a little
// darker.
func outlineStroke(path *canvas.Path, width float64, dashes []float64, join canvas.Joiner, round bool) (*canvas.Path, bool) {
	d := path.Data()
	for i := 0; i < len(d); {
		switch d[i] {
		case canvas.MoveToCmd, canvas.LineToCmd, canvas.CloseCmd:
			i += 4
		default:
			return nil, false
		}
	}
	o := outliner{h: width / 2, round: round}
	switch join.(type) {
	case canvas.RoundJoiner:
		o.join = joinRound
	case canvas.MiterJoiner:
		o.join = joinMiter
	default:
		o.join = joinBevel
	}
	// Arcs are flattened so the chord is within 0.05 of the circle (the
	// tolerance the canvas stroker was given).
	const tol = 0.05
	o.step = math.Pi / 2
	if o.h > tol {
		o.step = min(2*math.Acos(1-tol/o.h), math.Pi/2)
	}
	o.d = make([]float64, 0, len(d)*6)
	if len(dashes) > 0 {
		o.dashes = dashPattern(dashes)
	}
	var pts []vec
	closed := false
	flush := func() {
		if len(pts) > 0 {
			if o.dashes != nil {
				o.dash(pts, closed)
			} else {
				o.line(pts, closed)
			}
		}
		pts, closed = pts[:0], false
	}
	for i := 0; i < len(d); i += 4 {
		p := vec{d[i+1], d[i+2]}
		switch d[i] {
		case canvas.MoveToCmd:
			flush()
			pts = append(pts, p)
		case canvas.LineToCmd:
			if len(pts) == 0 || pts[len(pts)-1] != p {
				pts = append(pts, p)
			}
		case canvas.CloseCmd:
			if len(pts) > 0 && pts[len(pts)-1] != p {
				pts = append(pts, p)
			}
			if len(pts) > 1 && pts[len(pts)-1] == pts[0] {
				pts = pts[:len(pts)-1]
			}
			closed = true
			flush()
		}
	}
	flush()
	return canvas.NewPathFromData(o.d), true
}

// dashPattern returns dashes with an even count (an odd list repeats, as
// in SVG), or nil when it draws nothing sensible (no positive length).
func dashPattern(dashes []float64) []float64 {
	total := 0.0
	for _, v := range dashes {
		if v < 0 {
			return nil
		}
		total += v
	}
	if total <= 0 {
		return nil
	}
	if len(dashes)%2 == 1 {
		return append(append([]float64{}, dashes...), dashes...)
	}
	return dashes
}

type vec struct{ x, y float64 }

func (a vec) add(b vec) vec             { return vec{a.x + b.x, a.y + b.y} }
func (a vec) sub(b vec) vec             { return vec{a.x - b.x, a.y - b.y} }
func (a vec) mul(k float64) vec         { return vec{a.x * k, a.y * k} }
func (a vec) dot(b vec) float64         { return a.x*b.x + a.y*b.y }
func (a vec) cross(b vec) float64       { return a.x*b.y - a.y*b.x }
func (a vec) lerp(b vec, t float64) vec { return vec{a.x + (b.x-a.x)*t, a.y + (b.y-a.y)*t} }

// unit returns a's direction and length (zero for a zero vector).
func (a vec) unit() (vec, float64) {
	l := math.Hypot(a.x, a.y)
	if l == 0 {
		return vec{}, 0
	}
	return vec{a.x / l, a.y / l}, l
}

// normal is the direction turned a quarter (−y, x).
func (a vec) normal() vec { return vec{-a.y, a.x} }

type joinKind uint8

const (
	joinBevel joinKind = iota
	joinMiter
	joinRound
)

// miterLimit is tdewolff/canvas's MiterJoin limit: past 4× the half width
// a miter becomes a bevel.
const miterLimit = 4.0

// outliner writes stroke pieces as canvas path data.
type outliner struct {
	d      []float64
	h      float64 // half the width
	round  bool    // round caps
	join   joinKind
	step   float64   // angle between arc vertices
	dashes []float64 // even count; nil for solid
	poly   []vec     // scratch polygon
	left   []vec     // scratch: one side of a line
	right  []vec     // scratch: the other side
	piece  []vec     // scratch dash piece
	first  []vec     // a closed ring's first dash, joined to its last
}

// contour writes pts as one closed subpath.
func (o *outliner) contour(pts []vec) {
	if len(pts) < 3 {
		return
	}
	o.d = append(o.d, canvas.MoveToCmd, pts[0].x, pts[0].y, canvas.MoveToCmd)
	for _, q := range pts[1:] {
		o.d = append(o.d, canvas.LineToCmd, q.x, q.y, canvas.LineToCmd)
	}
	o.d = append(o.d, canvas.CloseCmd, pts[0].x, pts[0].y, canvas.CloseCmd)
}

// arc appends to dst the points on the circle of radius h about c from
// direction from to direction to (unit vectors), turning the short way,
// ends excluded.
func (o *outliner) arc(dst []vec, c, from, to vec) []vec {
	ang := math.Atan2(from.cross(to), from.dot(to))
	n := int(math.Ceil(math.Abs(ang) / o.step))
	if n < 2 {
		return dst
	}
	s, k := math.Sincos(ang / float64(n))
	r := from
	for i := 1; i < n; i++ {
		r = vec{r.x*k - r.y*s, r.x*s + r.y*k}
		dst = append(dst, c.add(r.mul(o.h)))
	}
	return dst
}

// halfTurn appends the half circle about c from direction from, through
// direction mid, to −from, ends included.
func (o *outliner) halfTurn(dst []vec, c, from, mid vec) []vec {
	dst = append(dst, c.add(from.mul(o.h)))
	dst = o.arc(dst, c, from, mid)
	dst = append(dst, c.add(mid.mul(o.h)))
	dst = o.arc(dst, c, mid, from.mul(-1))
	return append(dst, c.sub(from.mul(o.h)))
}

// side appends to dst what one side of the stroke passes at vertex p,
// where a segment of direction u1 and length l1 meets one of direction u2
// and length l2; sgn picks the side (+1: the normal's, −1: the other).
// On the outer side of the bend that is the join; on the inner side, the
// point where the two offset lines cross when it lies on both segments,
// else the two offset ends through the vertex itself (which the non-zero
// rule fills the same).
func (o *outliner) side(dst []vec, p, u1, u2 vec, l1, l2, sgn float64) []vec {
	n1, n2 := u1.normal().mul(sgn), u2.normal().mul(sgn)
	z, c := u1.cross(u2)*sgn, u1.dot(u2)
	if math.Abs(z) < 1e-9 && c > 0 {
		return append(dst, p.add(n1.mul(o.h))) // straight on
	}
	a1, a2 := p.add(n1.mul(o.h)), p.add(n2.mul(o.h))
	if z > 0 || math.Abs(z) < 1e-9 {
		// Inner side (the line turns towards it), or doubling back (both
		// sides pass the vertex; the round join's half disc is its own piece).
		if z > 0 && c > -0.99 && o.h*z/(1+c) <= min(l1, l2)/2 {
			m := n1.add(n2)
			return append(dst, p.add(m.mul(o.h/(1+c))))
		}
		return append(dst, a1, p, a2)
	}
	dst = append(dst, a1)
	switch o.join {
	case joinRound:
		dst = o.arc(dst, p, n1, n2)
	case joinMiter:
		m := n1.add(n2)
		// Half the miter's length over h is 2/|n1+n2| = sqrt(2/(1+c)).
		if 2/(1+c) <= miterLimit*miterLimit {
			dst = append(dst, p.add(m.mul(o.h/(1+c))))
		}
	}
	return append(dst, a2)
}

// line writes the stroke of a polyline; a closed one joins its last point
// back to its first. It is one contour (two for a ring: its two sides).
func (o *outliner) line(pts []vec, closed bool) {
	// Drop repeated points (a dash may begin where a segment ends).
	n := 0
	for i, p := range pts {
		if i == 0 || p != pts[n-1] {
			pts[n] = p
			n++
		}
	}
	if closed && n > 1 && pts[n-1] == pts[0] {
		n--
	}
	pts = pts[:n]
	if n < 2 {
		if n == 1 && o.round && !closed {
			// A zero-length subpath with round caps draws a dot.
			o.left = o.halfTurn(o.left[:0], pts[0], vec{1, 0}, vec{0, 1})
			o.left = o.halfTurn(o.left[:len(o.left)-1], pts[0], vec{-1, 0}, vec{0, -1})
			o.contour(o.left[:len(o.left)-1])
		}
		return
	}
	segs := n - 1
	if closed {
		segs = n
	}
	seg := func(i int) (vec, float64) {
		return pts[(i+1)%n].sub(pts[i]).unit()
	}
	left, right := o.left[:0], o.right[:0]
	u0, l0 := seg(0)
	if !closed {
		left = append(left, pts[0].add(u0.normal().mul(o.h)))
		right = append(right, pts[0].sub(u0.normal().mul(o.h)))
	}
	u1, l1 := u0, l0
	for i := 1; i <= segs; i++ {
		if i == segs && !closed {
			break
		}
		u2, l2 := u0, l0
		if i < segs {
			u2, l2 = seg(i)
		}
		p := pts[i%n]
		left = o.side(left, p, u1, u2, l1, l2, 1)
		right = o.side(right, p, u1, u2, l1, l2, -1)
		if o.join == joinRound && math.Abs(u1.cross(u2)) < 1e-9 && u1.dot(u2) < 0 {
			o.poly = o.halfTurn(o.poly[:0], p, u1.normal(), u1)
			o.contour(o.poly) // the round end of a line that doubles back
		}
		u1, l1 = u2, l2
	}
	if closed {
		// Two rings: the left side forward, the right side backward.
		o.contour(left)
		slices.Reverse(right)
		o.contour(right)
		o.left, o.right = left, right
		return
	}
	last := pts[n-1]
	left = append(left, last.add(u1.normal().mul(o.h)))
	right = append(right, last.sub(u1.normal().mul(o.h)))
	if o.round {
		left = o.arc(left, last, u1.normal(), u1)
		left = append(left, last.add(u1.mul(o.h)))
		left = o.arc(left, last, u1, u1.normal().mul(-1))
	}
	slices.Reverse(right)
	left = append(left, right...)
	if o.round {
		left = o.arc(left, pts[0], u0.normal().mul(-1), u0.mul(-1))
		left = append(left, pts[0].sub(u0.mul(o.h)))
		left = o.arc(left, pts[0], u0.mul(-1), u0.normal())
	}
	o.contour(left)
	o.left, o.right = left, right
}

// dash writes the dashes of a polyline: the pattern starts afresh on each
// subpath; on a closed ring that ends in a dash, that dash runs on into
// the first one.
func (o *outliner) dash(pts []vec, closed bool) {
	n := len(pts)
	segs := n - 1
	if closed {
		segs = n
	}
	total := 0.0
	for i := 0; i < segs; i++ {
		total += math.Hypot(pts[(i+1)%n].x-pts[i].x, pts[(i+1)%n].y-pts[i].y)
	}
	if total <= o.dashes[0] {
		o.line(pts, closed) // the first dash covers it all
		return
	}
	k, left := 0, o.dashes[0] // pattern index (even: a dash) and what is left of it
	on := true
	keepFirst := closed // a ring's first dash waits to be joined to its last
	o.piece = append(o.piece[:0], pts[0])
	o.first = o.first[:0]
	for i := 0; i < segs; i++ {
		a, b := pts[i], pts[(i+1)%n]
		l := math.Hypot(b.x-a.x, b.y-a.y)
		at := 0.0
		for l-at > left {
			at += left
			q := a.lerp(b, at/l)
			if on {
				o.piece = append(o.piece, q)
				if keepFirst {
					o.first = append(o.first, o.piece...)
					keepFirst = false
				} else {
					o.line(o.piece, false)
				}
			}
			o.piece = append(o.piece[:0], q)
			on = !on
			k = (k + 1) % len(o.dashes)
			left = o.dashes[k]
		}
		left -= l - at
		if on {
			o.piece = append(o.piece, b)
		}
	}
	if on {
		if len(o.first) > 0 {
			// The last dash reaches the ring's start: it runs on into the first.
			o.piece = append(o.piece, o.first[1:]...)
			o.first = o.first[:0]
		}
		o.line(o.piece, false)
	}
	if len(o.first) > 0 {
		o.line(o.first, false)
	}
}
