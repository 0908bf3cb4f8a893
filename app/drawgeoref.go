package app

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"
	"golang.org/x/image/vector"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/formats"
	"github.com/planatlas/planatlas/geo/layer"
)

// A drawing in a city's local grid (城市独立坐标系) names no system and its
// numbers fit none: the planner places it by control points, as a scan is
// placed — a click on the drawing, then on the map, three times or more —
// and the fit (affine, or second order from six points) moves every
// vertex. The points are kept beside the drawing (name.dxf.points, in the
// drawing's own coordinates), so it opens in place next time.

// drawingPoints is where a drawing's control points are kept.
func drawingPoints(path string) string { return path + ".points" }

// maxDrawingPixels is the longer side of the picture of a drawing the
// planner clicks control points on.
const maxDrawingPixels = 2400

// askPlaceDrawing offers, for a drawing whose numbers fit no coordinate
// system, to choose the system or to place it by control points.
func (om *OverlayManager) askPlaceDrawing(path string, read ReadChoice, done func(OpenOverlay, error)) {
	at := om.at
	l := at.Lang()
	msg := messageLabel(fmt.Sprintf(tr(l, "drawingUnplaced"), filepath.Base(path)))
	var d *dialog.CustomDialog
	choose := widget.NewButton(tr(l, "crsChange"), func() {
		d.Hide()
		at.Basemaps.askCRS(func(code int) {
			at.App.Preferences().SetInt(crsPrefKey(path), code)
			om.Open(path, ReadChoice{GCJ02: read.GCJ02, Helmert: read.Helmert, EPSG: code}, done)
		})
	})
	points := widget.NewButton(tr(l, "drawingByPoints"), func() {
		d.Hide()
		om.GeoreferenceDrawing(path)
	})
	points.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(tr(l, "crsTitle"), msg, at.Win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton(tr(l, "cancel"), func() { d.Hide() }), choose, points})
	d.Resize(fyne.NewSize(600, 0))
	d.Show()
}

// drawingPicture is a drawing drawn to an image, and how its coordinates
// map to the image's pixels.
type drawingPicture struct {
	img       *image.RGBA
	min       orb.Point // the drawing's lower left
	maxY, k   float64   // its top, and pixels per unit
	layerRead *layer.Layer
}

func (d *drawingPicture) pixel(p orb.Point) [2]float64 {
	return [2]float64{(p[0] - d.min[0]) * d.k, (d.maxY - p[1]) * d.k}
}

func (d *drawingPicture) local(px [2]float64) orb.Point {
	return orb.Point{px[0]/d.k + d.min[0], d.maxY - px[1]/d.k}
}

// pictureOf draws a drawing's lines and outlines, dark on white.
func pictureOf(l *layer.Layer) (*drawingPicture, error) {
	var b orb.Bound
	first := true
	for _, f := range l.Features {
		if f.Geometry == nil {
			continue
		}
		if first {
			b, first = f.Geometry.Bound(), false
		} else {
			b = b.Union(f.Geometry.Bound())
		}
	}
	w, h := b.Max[0]-b.Min[0], b.Max[1]-b.Min[1]
	if first || !(w > 0 || h > 0) || math.IsNaN(w) || math.IsInf(w, 0) || math.IsInf(h, 0) {
		return nil, fmt.Errorf("the drawing has nothing to place")
	}
	k := maxDrawingPixels / math.Max(w, h)
	W, H := int(math.Ceil(w*k))+1, int(math.Ceil(h*k))+1
	W, H = max(W, 16), max(H, 16)
	d := &drawingPicture{img: image.NewRGBA(image.Rect(0, 0, W, H)), min: b.Min, maxY: b.Max[1], k: k, layerRead: l}
	draw.Draw(d.img, d.img.Bounds(), image.White, image.Point{}, draw.Src)
	r := vector.NewRasterizer(W, H)
	segment := func(a, c orb.Point) {
		p, q := d.pixel(a), d.pixel(c)
		dx, dy := q[0]-p[0], q[1]-p[1]
		n := math.Hypot(dx, dy)
		if n == 0 {
			return
		}
		ox, oy := -dy/n*1.2, dx/n*1.2 // a line 2.4 px wide: still seen when the picture is shown smaller
		r.MoveTo(float32(p[0]+ox), float32(p[1]+oy))
		r.LineTo(float32(q[0]+ox), float32(q[1]+oy))
		r.LineTo(float32(q[0]-ox), float32(q[1]-oy))
		r.LineTo(float32(p[0]-ox), float32(p[1]-oy))
		r.ClosePath()
	}
	var walk func(g orb.Geometry)
	walk = func(g orb.Geometry) {
		switch g := g.(type) {
		case orb.Point:
			segment(g, orb.Point{g[0] + 2/k, g[1]})
		case orb.LineString:
			for i := 1; i < len(g); i++ {
				segment(g[i-1], g[i])
			}
		case orb.Ring:
			walk(orb.LineString(g))
		case orb.MultiLineString:
			for _, x := range g {
				walk(x)
			}
		case orb.Polygon:
			for _, x := range g {
				walk(orb.LineString(x))
			}
		case orb.MultiPolygon:
			for _, x := range g {
				walk(x)
			}
		case orb.MultiPoint:
			for _, x := range g {
				walk(x)
			}
		case orb.Collection:
			for _, x := range g {
				walk(x)
			}
		}
	}
	for _, f := range l.Features {
		walk(f.Geometry)
	}
	r.Draw(d.img, d.img.Bounds(), image.NewUniform(color.RGBA{30, 30, 30, 255}), image.Point{})
	return d, nil
}

// GeoreferenceDrawing opens the georeferencer on a drawing: its picture
// to click, the map to click, the fit shown as for a scan; saving places
// the drawing by the fit and keeps the points beside it.
func (om *OverlayManager) GeoreferenceDrawing(path string) {
	at := om.at
	var pic *drawingPicture
	var err error
	at.background(func() {
		var l *layer.Layer
		if l, err = formats.Open(path, layer.Options{Local: true, Context: context.Background()}); err == nil {
			pic, err = pictureOf(l)
		}
	}, func() {
		if err != nil {
			om.fail(at.Lang(), err)
			return
		}
		var saved []basemap.ControlPoint
		if pts, err := basemap.ReadPoints(drawingPoints(path)); err == nil {
			for _, p := range pts {
				saved = append(saved, basemap.ControlPoint{Pixel: pic.pixel(orb.Point(p.Pixel)), LonLat: p.LonLat})
			}
		}
		om.drawingGeoref = at.Basemaps.georeferencer(path, pic.img, saved, func(g *Georeferencer) { om.placeDrawing(g, pic) })
	})
}

// placeDrawing places the drawing by the georeferencer's points: a fit of
// its own coordinates to the map moves every vertex; the points go beside
// the drawing.
func (om *OverlayManager) placeDrawing(g *Georeferencer, pic *drawingPicture) {
	at := om.at
	var cps []basemap.ControlPoint
	for _, p := range g.Points {
		if p.Placed {
			loc := pic.local(p.Pixel)
			cps = append(cps, basemap.ControlPoint{Pixel: [2]float64(loc), LonLat: p.LonLat})
		}
	}
	l, fit, err := placeByPoints(pic.layerRead, cps, g.Order)
	if err != nil {
		at.Dialogs.showError(err.Error())
		return
	}
	if err := basemap.WritePoints(drawingPoints(g.Path), cps); err != nil {
		at.Dialogs.showError(fmt.Sprintf(tr(at.Lang(), "exportFailed"), exportReason(at.Lang(), err)))
	}
	om.Close(g.Path)
	at.State.AddOverlay(g.Path, l, ReadChoice{})
	at.Status.Say(fmt.Sprintf(tr(at.Lang(), "drawingPlaced"), filepath.Base(g.Path), len(cps), fit.RMS))
	g.Win.Close()
}

// placeByPoints fits control points of a drawing's own coordinates to
// the map and returns a copy of the layer moved by the fit.
func placeByPoints(src *layer.Layer, cps []basemap.ControlPoint, order int) (*layer.Layer, *basemap.Georeference, error) {
	fit, err := basemap.Fit(cps, order)
	if err != nil {
		return nil, nil, err
	}
	l := *src
	l.Features = make([]layer.Feature, len(src.Features))
	for i, f := range src.Features {
		f.Geometry = project.Geometry(orb.Clone(f.Geometry), func(p orb.Point) orb.Point { return fit.LonLat(p[0], p[1]) })
		l.Features[i] = f
	}
	l.CRS = fmt.Sprintf("控制点配准 control points: %d, RMS %.1f m", len(cps), fit.RMS)
	return &l, fit, nil
}

// openByPoints opens a drawing placed by the control points kept beside
// it; false when there are none (or they cannot be fitted).
func (om *OverlayManager) openByPoints(path string) bool {
	pts, err := basemap.ReadPoints(drawingPoints(path))
	if err != nil || len(pts) < basemap.MinPoints(1) {
		return false
	}
	if _, err := os.Stat(path); err != nil {
		return false
	}
	at := om.at
	var l *layer.Layer
	at.background(func() {
		var src *layer.Layer
		if src, err = formats.Open(path, layer.Options{Local: true}); err == nil {
			l, _, err = placeByPoints(src, pts, 1) // affine: what three points or more support

		}
	}, func() {
		if err != nil {
			om.fail(at.Lang(), err)
			return
		}
		at.State.AddOverlay(path, l, ReadChoice{})
	})
	return true
}
