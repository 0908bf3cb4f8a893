package render

import "github.com/tdewolff/canvas"

// clipSlab cuts a filled polygon path (moves, lines and closes only) to
// the horizontal slab y0 ≤ y ≤ y1 of its own coordinates, each subpath by
// Sutherland–Hodgman on the slab's two half-planes, which keeps winding
// numbers (and so either fill rule) inside it. The bands of a frame are
// rasterised on different cores; without this each band converted every
// path whole, and a county outline spanning the frame cost each band the
// full price. ok is false for a path with curves (left whole).
func clipSlab(p *canvas.Path, y0, y1 float64) (out *canvas.Path, ok bool) {
	d := p.Data()
	out = canvas.NewPathFromData(make([]float64, 0, len(d)/2))
	var poly, tmp []canvas.Point
	flush := func() {
		if len(poly) >= 3 {
			tmp = clipHalf(tmp[:0], poly, y0, true, false)
			poly = clipHalf(poly[:0], tmp, y1, false, false)
			if len(poly) >= 3 {
				out.MoveTo(poly[0].X, poly[0].Y)
				for _, q := range poly[1:] {
					out.LineTo(q.X, q.Y)
				}
				out.Close()
			}
		}
		poly = poly[:0]
	}
	for i := 0; i < len(d); {
		cmd := d[i]
		switch cmd {
		case canvas.MoveToCmd:
			flush()
			poly = append(poly, canvas.Point{X: d[i+1], Y: d[i+2]})
		case canvas.LineToCmd:
			poly = append(poly, canvas.Point{X: d[i+1], Y: d[i+2]})
		case canvas.CloseCmd:
			flush()
		default:
			return nil, false
		}
		i += 4
	}
	flush()
	return out, true
}

// clipHalf clips a closed polygon to y ≥ lim (above) or y ≤ lim — or,
// onX, to x ≥ lim or x ≤ lim — into dst.
func clipHalf(dst, poly []canvas.Point, lim float64, above, onX bool) []canvas.Point {
	at := func(q canvas.Point) float64 {
		if onX {
			return q.X
		}
		return q.Y
	}
	in := func(q canvas.Point) bool {
		if above {
			return at(q) >= lim
		}
		return at(q) <= lim
	}
	for i, cur := range poly {
		prev := poly[(i+len(poly)-1)%len(poly)]
		ci, pi := in(cur), in(prev)
		if ci != pi {
			t := (lim - at(prev)) / (at(cur) - at(prev))
			q := canvas.Point{X: prev.X + t*(cur.X-prev.X), Y: prev.Y + t*(cur.Y-prev.Y)}
			if onX {
				q.X = lim
			} else {
				q.Y = lim
			}
			dst = append(dst, q)
		}
		if ci {
			dst = append(dst, cur)
		}
	}
	return dst
}
