package app

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/planatlas/planatlas/geo/crs"
	"github.com/planatlas/planatlas/geo/formats"
	"github.com/planatlas/planatlas/geo/layer"
)

// A drawing in a local city grid (its numbers a few kilometres, no
// system): the planner is offered control points; four points clicked on
// its picture and on the map place every vertex where it belongs (the
// grid here is CGCS2000 3° CM 105° shifted by a known offset); the points
// are kept, and the drawing opens in place again from them.
func TestDrawingPlacedByControlPoints(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	gk, err := crs.FromEPSG(4544)
	if err != nil {
		t.Fatal(err)
	}
	const x0, y0 = 570000.0, 3520000.0
	truth := func(p orb.Point) orb.Point { return gk.ToLonLat(orb.Point{p[0] + x0, p[1] + y0}) }
	var b strings.Builder
	b.WriteString("  0\nSECTION\n  2\nENTITIES\n")
	lines := [][2]orb.Point{{{1000, 2000}, {9000, 2000}}, {{9000, 2000}, {9000, 8000}}, {{9000, 8000}, {1000, 8000}}, {{1000, 8000}, {1000, 2000}}, {{1000, 2000}, {9000, 8000}}}
	for _, l := range lines {
		fmt.Fprintf(&b, "  0\nLINE\n  8\n道路\n 10\n%g\n 20\n%g\n 30\n0\n 11\n%g\n 21\n%g\n 31\n0\n", l[0][0], l[0][1], l[1][0], l[1][1])
	}
	b.WriteString("  0\nENDSEC\n  0\nEOF\n")
	path := filepath.Join(t.TempDir(), "控规.dxf")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	at.Overlays.Open(path, ReadChoice{}, nil)
	settle(t, at)
	if _, ok := at.State.Overlay(path); ok {
		t.Fatal("a drawing in a local grid was placed without asking")
	}
	at.Overlays.GeoreferenceDrawing(path)
	settle(t, at)
	g := at.Overlays.drawingGeoref
	if g == nil {
		t.Fatalf("no georeferencer for the drawing: %s %v", at.Overlays.LastMessage, at.Overlays.LastError)
	}
	// Four corners: clicked on the picture, then their places on the map.
	pic, _ := pictureOf(mustLocal(t, path))
	for _, c := range []orb.Point{{1000, 2000}, {9000, 2000}, {9000, 8000}, {1000, 8000}} {
		g.imageTapped(pic.pixel(c))
		g.Tap([2]float64(truth(c)))
	}
	if g.Fit == nil || g.Fit.RMS > 0.5 {
		t.Fatalf("fit %+v", g.Fit)
	}
	g.save()
	settle(t, at)
	check := func(when string) {
		t.Helper()
		o, ok := at.State.Overlay(path)
		if !ok || len(o.Layer.Features) != len(lines) {
			t.Fatalf("%s: the drawing is not open in place", when)
		}
		worst := 0.0
		for i, f := range o.Layer.Features {
			ls := f.Geometry.(orb.LineString)
			for j, p := range ls {
				worst = math.Max(worst, geo.Distance(p, truth(lines[i][j])))
			}
		}
		if worst > 1 {
			t.Errorf("%s: a vertex lies %.2f m from where it belongs", when, worst)
		}
	}
	check("placed")
	if _, err := os.Stat(drawingPoints(path)); err != nil {
		t.Errorf("the points were not kept: %v", err)
	}
	at.Overlays.Close(path)
	at.Overlays.Open(path, ReadChoice{}, nil)
	settle(t, at)
	check("opened again")
}

func mustLocal(t *testing.T, path string) *layer.Layer {
	l, err := formats.Open(path, layer.Options{Local: true})
	if err != nil {
		t.Fatal(err)
	}
	return l
}
