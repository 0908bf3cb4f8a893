package plan_test

import (
	"fmt"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
)

func TestLabelAnchor(t *testing.T) {
	square := orb.Polygon{{{106, 31}, {107, 31}, {107, 32}, {106, 32}, {106, 31}}}
	// An L: the label goes in the thick of it, not at its bound's centre
	// (which is outside).
	ell := orb.Polygon{{{106, 31}, {107, 31}, {107, 31.2}, {106.2, 31.2}, {106.2, 32}, {106, 32}, {106, 31}}}
	tests := []struct {
		name string
		g    orb.Geometry
		near orb.Point
		tol  float64 // degrees
	}{
		{"square", square, orb.Point{106.5, 31.5}, 0.05},
		{"L", ell, orb.Point{106.1, 31.1}, 0.1},
		{"largest part", orb.MultiPolygon{{{{100, 20}, {100.1, 20}, {100.1, 20.1}, {100, 20}}}, square}, orb.Point{106.5, 31.5}, 0.05},
		{"line", orb.LineString{{106, 31}, {107, 32}}, orb.Point{106.5, 31.5}, 1e-9},
	}
	for _, tt := range tests {
		got := plan.LabelAnchor(tt.g)
		if d := planar.Distance(got, tt.near); d > tt.tol {
			t.Errorf("%s: %v, want within %g° of %v", tt.name, got, tt.tol, tt.near)
		}
	}
	if !planar.PolygonContains(ell, plan.LabelAnchor(ell)) {
		t.Error("the L's label is outside it")
	}
}

// Every area of the plan without an anchor carries its label point from
// generation, inside its largest part.
func TestPlanLabelPointsInside(t *testing.T) {
	p, err := planpkg.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range p.Features() {
		if f.LabelAt == (orb.Point{}) {
			continue
		}
		n++
		if !f.Contains(f.LabelAt) {
			t.Errorf("%s: label point %v is outside", f.ID, f.LabelAt)
		}
		if got := plan.LabelAnchor(f.Geometry); got != f.LabelAt {
			t.Errorf("%s: generated %v, computed now %v (regenerate the layers)", f.ID, f.LabelAt, got)
		}
	}
	if n < 30 {
		t.Errorf("only %d areas carry a label point", n)
	}
}

func ExampleLabelAnchor() {
	square := orb.Polygon{{{106, 31}, {107, 31}, {107, 32}, {106, 32}, {106, 31}}}
	// The middle in Web Mercator, where the map draws it: a little north
	// of the middle latitude.
	fmt.Println(plan.LabelAnchor(square))
	// Output: [106.5 31.501337]
}
