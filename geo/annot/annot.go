// Package annot holds a planner's annotations (批注) on the map: pen and
// highlighter strokes, arrows, lines, rectangles, ellipses, text and pins,
// each in geographic coordinates so that it stays in place as the map
// pans and zooms, with undo and redo, and GeoJSON in and out so that a
// colleague can open them in QGIS.
package annot

import (
	"fmt"
	"image/color"

	"github.com/paulmach/orb"
)

// Kind is what an annotation is.
type Kind string

// The kinds.
const (
	Pen         Kind = "pen"         // a freehand stroke
	Highlighter Kind = "highlighter" // a wide, translucent freehand stroke
	Arrow       Kind = "arrow"       // a line with a head at its end
	Line        Kind = "line"        // a straight line
	Rect        Kind = "rect"        // a rectangle between two corners
	Ellipse     Kind = "ellipse"     // the ellipse inside that rectangle
	Text        Kind = "text"        // words at a point
	Pin         Kind = "pin"         // a marker at a point, with optional words
)

// Kinds lists every kind, in toolbar order.
var Kinds = []Kind{Pen, Highlighter, Arrow, Line, Rect, Ellipse, Text, Pin}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, q := range Kinds {
		if k == q {
			return true
		}
	}
	return false
}

// Points reports how many points the kind is drawn from: 1 (a point), 2
// (two corners or ends) or 0 (any number, a stroke).
func (k Kind) Points() int {
	switch k {
	case Text, Pin:
		return 1
	case Arrow, Line, Rect, Ellipse:
		return 2
	}
	return 0
}

// Colours are the strong colours annotations come in: they read on the
// map's light and dark themes and on a projector.
var Colours = []color.NRGBA{
	{0xE0, 0x1B, 0x24, 0xFF}, // red
	{0x1C, 0x64, 0xE0, 0xFF}, // blue
	{0x1E, 0x9E, 0x3A, 0xFF}, // green
	{0xF0, 0x8C, 0x00, 0xFF}, // orange
	{0x20, 0x20, 0x20, 0xFF}, // black
}

// Widths are the stroke widths in millimetres on the map (thin, medium,
// thick); a highlighter draws four times as wide.
var Widths = []float64{0.5, 1, 2}

// Annotation is one mark on the map.
type Annotation struct {
	ID     string      // unique within its set
	Kind   Kind        //
	Colour color.NRGBA //
	Width  float64     // stroke width, mm
	Points []orb.Point // lon/lat: a stroke's points, a shape's two corners or ends, or one point
	Text   string      // for Text and Pin
}

// Bound is the annotation's lon/lat bound.
func (a Annotation) Bound() orb.Bound { return orb.MultiPoint(a.Points).Bound() }

// Valid reports why an annotation cannot be drawn, or nil.
func (a Annotation) Valid() error {
	if !a.Kind.Valid() {
		return fmt.Errorf("unknown kind %q", a.Kind)
	}
	n := a.Kind.Points()
	switch {
	case n > 0 && len(a.Points) != n:
		return fmt.Errorf("%s needs %d points, has %d", a.Kind, n, len(a.Points))
	case n == 0 && len(a.Points) < 2:
		return fmt.Errorf("%s needs at least 2 points, has %d", a.Kind, len(a.Points))
	case a.Kind == Text && a.Text == "":
		return fmt.Errorf("text without words")
	}
	for _, p := range a.Points {
		if p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
			return fmt.Errorf("point %v outside lon/lat", p)
		}
	}
	return nil
}

// Moved returns a copy of a moved by (dlon, dlat) degrees.
func (a Annotation) Moved(dlon, dlat float64) Annotation {
	b := a
	b.Points = make([]orb.Point, len(a.Points))
	for i, p := range a.Points {
		b.Points[i] = orb.Point{p[0] + dlon, p[1] + dlat}
	}
	return b
}
