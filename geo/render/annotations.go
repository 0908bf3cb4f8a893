package render

import (
	"image/color"
	"math"

	"github.com/paulmach/orb"
	"github.com/tdewolff/canvas"

	"github.com/planatlas/planatlas/geo/annot"
)

// drawAnnotations draws the planner's annotations over the map and its
// labels (under the frame), in view pixels; the selected one is boxed.
func drawAnnotations(s *Scene, p *painter, pal Palette) {
	if len(s.Annotations) == 0 {
		return
	}
	tr := s.View.Transform()
	px := func(ll orb.Point) orb.Point { return tr.Pixel(ll) }
	for _, a := range s.Annotations {
		if a.Valid() != nil {
			continue
		}
		drawAnnotation(s, p, pal, a, px)
		if a.ID != "" && a.ID == s.AnnotationSelected {
			b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
			for _, q := range a.Points {
				b = b.Extend(px(q))
			}
			pad := p.px(2 + a.Width)
			if a.Kind == annot.Text || a.Kind == annot.Pin {
				pad = p.px(6)
			}
			p.stroke(canvas.Rectangle(b.Max[0]-b.Min[0]+2*pad, b.Max[1]-b.Min[1]+2*pad).Translate(b.Min[0]-pad, b.Min[1]-pad),
				stroke{color: pal.Text, width: 0.3, dashes: []float64{1, 0.8}})
		}
	}
}

// annotationTextSize is the size of an annotation's words, points.
func annotationTextSize(s *Scene) float64 { return 11 * s.textSize() }

func drawAnnotation(s *Scene, p *painter, pal Palette, a annot.Annotation, px func(orb.Point) orb.Point) {
	polyline := func(pts []orb.Point) *canvas.Path {
		path := &canvas.Path{}
		for i, q := range pts {
			v := px(q)
			if i == 0 {
				path.MoveTo(v[0], v[1])
			} else {
				path.LineTo(v[0], v[1])
			}
		}
		return path
	}
	st := stroke{color: a.Colour, width: a.Width, round: true}
	switch a.Kind {
	case annot.Pen, annot.Line:
		p.stroke(polyline(a.Points), st)
	case annot.Highlighter:
		st.color.A, st.width = 0x70, a.Width*4
		p.stroke(polyline(a.Points), st)
	case annot.Arrow:
		from, to := px(a.Points[0]), px(a.Points[1])
		head := p.px(math.Max(3, 3.5*a.Width))
		dx, dy := to[0]-from[0], to[1]-from[1]
		n := math.Hypot(dx, dy)
		if n < 1e-9 {
			return
		}
		ux, uy := dx/n, dy/n
		// The shaft stops inside the head, which ends at the point.
		bx, by := to[0]-ux*head*0.8, to[1]-uy*head*0.8
		shaft := &canvas.Path{}
		shaft.MoveTo(from[0], from[1])
		shaft.LineTo(bx, by)
		p.stroke(shaft, st)
		h := &canvas.Path{}
		h.MoveTo(to[0], to[1])
		h.LineTo(to[0]-ux*head-uy*head*0.5, to[1]-uy*head+ux*head*0.5)
		h.LineTo(to[0]-ux*head+uy*head*0.5, to[1]-uy*head-ux*head*0.5)
		h.Close()
		p.fill(h, a.Colour)
	case annot.Rect:
		p.stroke(polyline(annot.RectRing(a.Points[0], a.Points[1])), st)
	case annot.Ellipse:
		p.stroke(polyline(annot.EllipseRing(a.Points[0], a.Points[1], 72)), st)
	case annot.Text:
		v := px(a.Points[0])
		size := annotationTextSize(s)
		w, h := p.measure(size, a.Text)
		p.text(v[0]-w/2, v[1]-h/2, size, a.Text, a.Colour, pal.Halo, 0.9)
	case annot.Pin:
		v := px(a.Points[0])
		r := p.px(1.8)
		stem := &canvas.Path{}
		stem.MoveTo(v[0], v[1])
		stem.LineTo(v[0], v[1]-2.2*r)
		p.stroke(stem, stroke{color: a.Colour, width: 0.6})
		head := canvas.Circle(r).Translate(v[0], v[1]-3*r)
		p.fill(head, a.Colour)
		p.stroke(head, stroke{color: color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}, width: 0.35})
		if a.Text != "" {
			size := annotationTextSize(s)
			_, h := p.measure(size, a.Text)
			p.text(v[0]+1.6*r, v[1]-3*r-h/2, size, a.Text, a.Colour, pal.Halo, 0.9)
		}
	}
}

// HitAnnotation returns the id of the topmost annotation within tol pixels
// of (x, y) in s's view, or "".
func HitAnnotation(s *Scene, x, y, tol float64) string {
	tr := s.View.Transform()
	q := orb.Point{x, y}
	for i := len(s.Annotations) - 1; i >= 0; i-- {
		a := s.Annotations[i]
		if a.Valid() != nil {
			continue
		}
		var pts []orb.Point
		switch a.Kind {
		case annot.Text, annot.Pin:
			v := tr.Pixel(a.Points[0])
			r := tol + 12
			if a.Kind == annot.Pin {
				v[1] -= 8
			}
			if math.Abs(x-v[0]) <= r+float64(len([]rune(a.Text)))*7 && math.Abs(y-v[1]) <= r {
				return a.ID
			}
			continue
		case annot.Rect:
			pts = annot.RectRing(a.Points[0], a.Points[1])
		case annot.Ellipse:
			pts = annot.EllipseRing(a.Points[0], a.Points[1], 72)
		default:
			pts = a.Points
		}
		w := tol + a.Width*2
		if a.Kind == annot.Highlighter {
			w = tol + a.Width*8
		}
		for j := 1; j < len(pts); j++ {
			if segDist(q, tr.Pixel(pts[j-1]), tr.Pixel(pts[j])) <= w {
				return a.ID
			}
		}
	}
	return ""
}

// segDist is the distance from q to the segment ab.
func segDist(q, a, b orb.Point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((q[0]-a[0])*dx+(q[1]-a[1])*dy)/l2))
	}
	return math.Hypot(q[0]-a[0]-t*dx, q[1]-a[1]-t*dy)
}
