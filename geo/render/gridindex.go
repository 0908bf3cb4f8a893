package render

import (
	"math"

	"github.com/paulmach/orb"
)

// gridIndex finds an overlay's features by the centres of their bounds: a
// uniform grid over the layer, each cell's feature indices stored
// together, in file order (a counting sort). It replaced an orb quadtree,
// which boxed every entry and allocated a node per point: ~86 MB for a
// million points, where this takes 4 bytes a feature and 4 a cell.
type gridIndex struct {
	b      orb.Bound // the grid's extent: the bound of the centres
	nx, ny int
	cw, ch float64 // cell width and height (Mercator m)
	start  []int32 // cell c holds items[start[c]:start[c+1]]
	items  []int32 // feature indices, cell by cell
}

// newGridIndex indexes n features by centre(i), about 8 to a cell.
func newGridIndex(n int, centre func(i int) orb.Point) *gridIndex {
	g := &gridIndex{b: orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}}
	for i := 0; i < n; i++ {
		g.b = g.b.Extend(centre(i))
	}
	if n == 0 {
		g.b = orb.Bound{}
	}
	cells := max(n/8, 1)
	w, h := math.Max(g.b.Max[0]-g.b.Min[0], 1), math.Max(g.b.Max[1]-g.b.Min[1], 1)
	g.nx = min(max(int(math.Sqrt(float64(cells)*w/h)), 1), cells)
	g.ny = max(cells/g.nx, 1)
	g.cw, g.ch = w/float64(g.nx), h/float64(g.ny)
	g.start = make([]int32, g.nx*g.ny+1)
	cell := make([]int32, n)
	for i := 0; i < n; i++ {
		c := g.cell(centre(i))
		cell[i] = int32(c)
		g.start[c+1]++
	}
	for c := 1; c < len(g.start); c++ {
		g.start[c] += g.start[c-1]
	}
	g.items = make([]int32, n)
	next := append([]int32(nil), g.start[:len(g.start)-1]...)
	for i := 0; i < n; i++ {
		c := cell[i]
		g.items[next[c]] = int32(i)
		next[c]++
	}
	return g
}

// cell returns the cell holding p (clamped to the grid).
func (g *gridIndex) cell(p orb.Point) int {
	x := min(max(int((p[0]-g.b.Min[0])/g.cw), 0), g.nx-1)
	y := min(max(int((p[1]-g.b.Min[1])/g.ch), 0), g.ny-1)
	return y*g.nx + x
}

// each calls fn with every feature whose centre may lie in q: those of
// the cells q meets.
func (g *gridIndex) each(q orb.Bound, fn func(i int)) {
	if len(g.items) == 0 || q.Max[0] < g.b.Min[0] || q.Min[0] > g.b.Max[0] || q.Max[1] < g.b.Min[1] || q.Min[1] > g.b.Max[1] {
		return
	}
	c0, c1 := g.cell(q.Min), g.cell(q.Max)
	x0, y0, x1, y1 := c0%g.nx, c0/g.nx, c1%g.nx, c1/g.nx
	for y := y0; y <= y1; y++ {
		for _, i := range g.items[g.start[y*g.nx+x0]:g.start[y*g.nx+x1+1]] {
			fn(int(i))
		}
	}
}

// bytes is the index's size.
func (g *gridIndex) bytes() int64 { return int64(len(g.start)+len(g.items)) * 4 }
