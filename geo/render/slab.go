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
			tmp = clipHalf(tmp[:0], poly, y0, true)
			poly = clipHalf(poly[:0], tmp, y1, false)
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

// clipHalf clips a closed polygon to y ≥ lim (above) or y ≤ lim, into dst.
func clipHalf(dst, poly []canvas.Point, lim float64, above bool) []canvas.Point {
	in := func(q canvas.Point) bool {
		if above {
			return q.Y >= lim
		}
		return q.Y <= lim
	}
	for i, cur := range poly {
		prev := poly[(i+len(poly)-1)%len(poly)]
		ci, pi := in(cur), in(prev)
		if ci != pi {
			t := (lim - prev.Y) / (cur.Y - prev.Y)
			dst = append(dst, canvas.Point{X: prev.X + t*(cur.X-prev.X), Y: lim})
		}
		if ci {
			dst = append(dst, cur)
		}
	}
	return dst
}
