package app

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/planatlas/planatlas/geo/layer"
	"github.com/planatlas/planatlas/geo/plan"
)

// vertexTool edits the vertices of a line or an area in place: a click on
// a vertex picks it and the next click moves it there (snapped); a click
// on an edge with no vertex picked adds one; Delete removes the picked
// vertex; Enter, a double-click or a right-click ends, asking for the
// source; Esc leaves the feature as it was.
type vertexTool struct {
	ed    *Editor
	id    string
	parts [][]orb.Point // the paths edited: lines, or rings without their closing point
	rings bool          // the paths are rings (an area)
	shape orb.Geometry  // the geometry before
	pick  [2]int        // part and index of the picked vertex; -1 for none
	dirty bool
	done  bool
}

// StartVertices edits feature id's vertices (a line or an area).
func (ed *Editor) StartVertices(id string) bool {
	at := ed.at
	f, ok := at.Plan.Feature(id)
	if !ok {
		return false
	}
	vt := &vertexTool{ed: ed, id: id, shape: f.Geometry, pick: [2]int{-1, -1}}
	switch g := f.Geometry.(type) {
	case orb.LineString:
		vt.parts = [][]orb.Point{append([]orb.Point(nil), g...)}
	case orb.MultiLineString:
		for _, l := range g {
			vt.parts = append(vt.parts, append([]orb.Point(nil), l...))
		}
	case orb.Polygon:
		vt.rings = true
		for _, r := range g {
			vt.parts = append(vt.parts, append([]orb.Point(nil), r[:max(len(r)-1, 0)]...))
		}
	case orb.MultiPolygon:
		vt.rings = true
		for _, p := range g {
			for _, r := range p {
				vt.parts = append(vt.parts, append([]orb.Point(nil), r[:max(len(r)-1, 0)]...))
			}
		}
	default:
		return false
	}
	if at.Map.Tool != nil {
		at.Map.Tool.End()
	}
	at.Map.Tool = vt
	at.Status.Say(tr(at.Lang(), "verticesHint"))
	vt.show()
	return true
}

// Tap picks, moves or adds a vertex.
func (vt *vertexTool) Tap(ll [2]float64) {
	at := vt.ed.at
	v := at.Map.View()
	c := v.Pixel(orb.Point(ll))
	near := [2]int{-1, -1}
	best := float64(snapPixels)
	for i, part := range vt.parts {
		for j, p := range part {
			q := v.Pixel(p)
			if d := math.Hypot(q[0]-c[0], q[1]-c[1]); d <= best {
				near, best = [2]int{i, j}, d
			}
		}
	}
	switch {
	case vt.pick[0] >= 0 && near == vt.pick:
		vt.pick = [2]int{-1, -1} // picked again: let go
	case vt.pick[0] >= 0:
		vt.parts[vt.pick[0]][vt.pick[1]] = vt.ed.Snap(orb.Point(ll), vt.id)
		vt.pick, vt.dirty = [2]int{-1, -1}, true
	case near[0] >= 0:
		vt.pick = near
	default:
		// On an edge: a new vertex there.
		bi, bj, bd := -1, -1, float64(snapPixels)
		for i, part := range vt.parts {
			n := len(part)
			edges := n - 1
			if vt.rings {
				edges = n
			}
			for j := 0; j < edges; j++ {
				a, b := v.Pixel(part[j]), v.Pixel(part[(j+1)%n])
				if d := planar.DistanceFromSegment(a, b, c); d <= bd {
					bi, bj, bd = i, j, d
				}
			}
		}
		if bi >= 0 {
			p := vt.ed.Snap(orb.Point(ll), vt.id)
			part := vt.parts[bi]
			vt.parts[bi] = append(part[:bj+1], append([]orb.Point{p}, part[bj+1:]...)...)
			vt.dirty = true
		}
	}
	vt.show()
}

// DoubleTap ends.
func (vt *vertexTool) DoubleTap([2]float64) { vt.End() }

// DeleteSelected removes the picked vertex, keeping a line two vertices
// and a ring three.
func (vt *vertexTool) DeleteSelected() {
	if vt.pick[0] < 0 {
		return
	}
	part := vt.parts[vt.pick[0]]
	least := 2
	if vt.rings {
		least = 3
	}
	if len(part) > least {
		vt.parts[vt.pick[0]] = append(part[:vt.pick[1]:vt.pick[1]], part[vt.pick[1]+1:]...)
		vt.dirty = true
	}
	vt.pick = [2]int{-1, -1}
	vt.show()
}

// geometry is the edited shape, of the type it had.
func (vt *vertexTool) geometry() orb.Geometry {
	ring := func(p []orb.Point) orb.Ring { return append(append(orb.Ring{}, p...), p[0]) }
	switch g := vt.shape.(type) {
	case orb.LineString:
		return orb.LineString(vt.parts[0])
	case orb.MultiLineString:
		out := orb.MultiLineString{}
		for _, p := range vt.parts {
			out = append(out, orb.LineString(p))
		}
		return out
	case orb.Polygon:
		out := orb.Polygon{}
		for _, p := range vt.parts {
			out = append(out, ring(p))
		}
		return out
	case orb.MultiPolygon:
		out := orb.MultiPolygon{}
		k := 0
		for _, poly := range g {
			np := orb.Polygon{}
			for range poly {
				np = append(np, ring(vt.parts[k]))
				k++
			}
			out = append(out, np)
		}
		return out
	}
	return vt.shape
}

// Cancel leaves the feature as it was.
func (vt *vertexTool) Cancel() {
	at := vt.ed.at
	vt.done = true
	if at.Map.Tool == MapTool(vt) {
		at.Map.Tool = nil
	}
	at.Overlays.setSketch("vertices", "", nil)
	at.Status.Say("")
}

// End asks for the source of the change and makes it.
func (vt *vertexTool) End() {
	ed, at := vt.ed, vt.ed.at
	if vt.done {
		return
	}
	vt.Cancel()
	if !vt.dirty {
		return
	}
	f, ok := at.Plan.Feature(vt.id)
	if !ok {
		return
	}
	old, g := plan.GeometryText(vt.shape), vt.geometry()
	ed.askSource(fmt.Sprintf(tr(at.Lang(), "reshapeTitle"), f.Name(at.Lang())), func(who, why string, src plan.EditSource) {
		ed.Commit(plan.Edit{Feature: vt.id, Field: plan.FieldGeometry, Old: old, New: plan.GeometryText(g), Who: who, Why: why, Source: src})
	})
}

// show draws the shape being edited and its vertices, the picked one named.
func (vt *vertexTool) show() {
	at := vt.ed.at
	var fs []layer.Feature
	for i, part := range vt.parts {
		line := append(orb.LineString{}, part...)
		if vt.rings && len(part) > 0 {
			line = append(line, part[0])
		}
		fs = append(fs, layer.Feature{Geometry: line, Props: map[string]any{"名称": ""}})
		for j, p := range part {
			name := ""
			if vt.pick == [2]int{i, j} {
				name = tr(at.Lang(), "vertexPicked")
			}
			fs = append(fs, layer.Feature{Geometry: p, Props: map[string]any{"名称": name}})
		}
	}
	at.Overlays.setSketch("vertices", tr(at.Lang(), "reshapeName"), fs)
}
