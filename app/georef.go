package app

import (
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // scans
	_ "image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"

	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/coord"
	"github.com/planatlas/planatlas/geo/layer"
)

// Georeferencer places a scanned plan map on the map: the planner clicks a
// point on the image, then its place on the map (or types its
// coordinates); from three points an affine fit (from six, optionally a
// second-order one) shows each point's residual and the RMS in metres.
// Saving writes a world file and .prj beside the image, which then lies
// under the plan as a base map.
type Georeferencer struct {
	at    *Atlas
	Win   fyne.Window
	Path  string
	img   image.Image
	view  *georefImage
	Order int

	// Points are the control points; a point without its place yet has
	// Placed false.
	Points []georefPoint
	// Fit is the current fit, nil until there are enough points.
	Fit *basemap.Georeference

	awaitMap   int // the point whose place the next map click sets, -1 for none
	awaitImage int // the point whose pixel the next image click moves, -1: a click adds one
	// onSave, when set, is what Save does instead of writing a world file
	// (a drawing placed by its points).
	onSave func(g *Georeferencer)
	list   *fyne.Container
	rms    *widget.Label
	hint   *widget.Label
}

type georefPoint struct {
	Pixel  [2]float64
	LonLat orb.Point
	Placed bool
}

// ShowGeoreference asks for a scanned map (JPG, PNG) and opens the
// georeferencing window for it.
func (bx *BasemapManager) ShowGeoreference() {
	at := bx.at
	at.Dialogs.pickOpen([]string{".jpg", ".jpeg", ".png"}, func(path string) {
		if _, err := at.Basemaps.OpenGeoreferencer(path); err != nil {
			at.Dialogs.showError(err.Error())
		}
	})
}

// OpenGeoreferencer opens the georeferencing window for the image at path.
func (bx *BasemapManager) OpenGeoreferencer(path string) (*Georeferencer, error) {
	at := bx.at
	l := at.Lang()
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	img, _, err := image.Decode(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: %s", filepath.Base(path), tr(l, "notAnImage"))
	}
	var saved []basemap.ControlPoint
	if pts, err := basemap.ReadPoints(path + ".points"); err == nil {
		saved = pts
	}
	return bx.georeferencer(path, img, saved, nil), nil
}

// georeferencer opens the georeferencing window for img (of path), with
// control points given (pixels and places), saved by onSave (nil: a world
// file beside the image).
func (bx *BasemapManager) georeferencer(path string, img image.Image, saved []basemap.ControlPoint, onSave func(*Georeferencer)) *Georeferencer {
	at := bx.at
	l := at.Lang()
	g := &Georeferencer{at: at, Path: path, img: img, Order: 1, awaitMap: -1, awaitImage: -1, onSave: onSave}
	g.Win = at.App.NewWindow(tr(l, "georefScan") + " · " + filepath.Base(path))
	g.view = newGeorefImage(img, g.imageTapped)
	g.list = container.NewVBox()
	g.rms = widget.NewLabel("")
	g.rms.Wrapping = fyne.TextWrapWord
	g.hint = widget.NewLabel(tr(l, "georefHint"))
	g.hint.Wrapping = fyne.TextWrapWord
	order := widget.NewSelect([]string{tr(l, "georefAffine"), tr(l, "georefSecond")}, nil)
	order.SetSelectedIndex(0)
	order.OnChanged = func(string) {
		g.Order = order.SelectedIndex() + 1
		g.refit()
	}
	fit := widget.NewButton(tr(l, "georefFit"), g.view.Fit)
	save := widget.NewButton(tr(l, "georefSave"), g.save)
	save.Importance = widget.HighImportance
	side := container.NewBorder(container.NewVBox(g.hint, container.NewGridWithColumns(2, order, fit), g.rms), save, nil, nil, container.NewVScroll(g.list))
	split := container.NewHSplit(g.view, side)
	split.Offset = 0.62
	g.Win.SetContent(split)
	g.Win.Resize(fyne.NewSize(1100, 720))
	g.Win.SetOnClosed(func() {
		if at.Map.Tool == MapTool(g) {
			at.Map.Tool = nil
			at.Status.Say("")
		}
		at.Overlays.setSketch("georef", "", nil)
	})
	// Points saved with an earlier georeference of this image (or by
	// QGIS, in lon/lat) are taken up again.
	if len(saved) > 0 {
		for _, p := range saved {
			g.Points = append(g.Points, georefPoint{Pixel: p.Pixel, LonLat: p.LonLat, Placed: true})
		}
		g.refit()
	} else {
		g.refresh()
	}
	g.Win.Show()
	return g
}

// imageTapped adds a control point at an image pixel (or moves one), then
// waits for its place on the map.
func (g *Georeferencer) imageTapped(px [2]float64) {
	if g.awaitImage >= 0 && g.awaitImage < len(g.Points) {
		g.Points[g.awaitImage].Pixel = px
		g.awaitImage = -1
		g.refit()
		return
	}
	g.Points = append(g.Points, georefPoint{Pixel: px})
	g.waitForMap(len(g.Points) - 1)
	g.refit()
}

// waitForMap makes the main map's next click set point i's place.
func (g *Georeferencer) waitForMap(i int) {
	at := g.at
	if at.Map.Tool != nil && at.Map.Tool != MapTool(g) {
		at.Map.Tool.End()
	}
	g.awaitMap = i
	at.Map.Tool = g
	msg := fmt.Sprintf(tr(at.Lang(), "georefClickMap"), i+1)
	at.Status.Say(msg)
	g.hint.SetText(msg)
}

// Tap sets the awaited point's place from a click on the main map.
func (g *Georeferencer) Tap(ll [2]float64) { g.Place(g.awaitMap, orb.Point(ll)) }

// DoubleTap is a tap.
func (g *Georeferencer) DoubleTap(ll [2]float64) { g.Tap(ll) }

// End stops waiting for the map.
func (g *Georeferencer) End() {
	if g.at.Map.Tool == MapTool(g) {
		g.at.Map.Tool = nil
	}
	g.awaitMap = -1
	g.at.Status.Say("")
}

// Place sets point i's place on the map.
func (g *Georeferencer) Place(i int, ll orb.Point) {
	if i < 0 || i >= len(g.Points) {
		return
	}
	g.Points[i].LonLat, g.Points[i].Placed = ll, true
	g.End()
	g.hint.SetText(tr(g.at.Lang(), "georefHint"))
	g.refit()
}

// Remove drops point i.
func (g *Georeferencer) Remove(i int) {
	if i < 0 || i >= len(g.Points) {
		return
	}
	g.Points = append(g.Points[:i], g.Points[i+1:]...)
	if g.awaitMap == i {
		g.End()
	}
	g.refit()
}

// refit fits the placed points and shows the residuals.
func (g *Georeferencer) refit() {
	var cps []basemap.ControlPoint
	for _, p := range g.Points {
		if p.Placed {
			cps = append(cps, basemap.ControlPoint{Pixel: p.Pixel, LonLat: p.LonLat})
		}
	}
	g.Fit = nil
	l := g.at.Lang()
	if len(cps) >= basemap.MinPoints(g.Order) {
		fit, err := basemap.Fit(cps, g.Order)
		if err != nil {
			g.rms.SetText(tr(l, "georefBadPoints"))
		} else {
			g.Fit = fit
			g.rms.SetText(fmt.Sprintf(tr(l, "georefRMS"), fit.RMS, fit.EPSG))
		}
	} else {
		g.rms.SetText(fmt.Sprintf(tr(l, "georefNeed"), basemap.MinPoints(g.Order), len(cps)))
	}
	g.refresh()
}

// refresh rebuilds the point list and the markers.
func (g *Georeferencer) refresh() {
	l := g.at.Lang()
	g.list.Objects = nil
	var marks []layer.Feature
	k := 0
	for i, p := range g.Points {
		i := i
		place := tr(l, "georefNoPlace")
		res := ""
		if p.Placed {
			place = coord.Format(p.LonLat, coord.Options{Form: coord.Degrees}, l)
			if g.Fit != nil && k < len(g.Fit.Residuals) {
				res = fmt.Sprintf(tr(l, "georefResidual"), g.Fit.Residuals[k])
			}
			k++
			marks = append(marks, layer.Feature{Geometry: p.LonLat, Props: map[string]any{"名称": strconv.Itoa(i + 1)}})
		}
		title := widget.NewLabelWithStyle(fmt.Sprintf("%d · (%.0f, %.0f) → %s %s", i+1, p.Pixel[0], p.Pixel[1], place, res), fyne.TextAlignLeading, fyne.TextStyle{})
		title.Wrapping = fyne.TextWrapWord
		typed := widget.NewEntry()
		typed.SetPlaceHolder(tr(l, "georefType"))
		typed.OnSubmitted = func(s string) {
			ll, err := coord.Parse(s, coord.Options{Form: coord.Degrees})
			if err != nil {
				dialog.ShowError(err, g.Win)
				return
			}
			g.Place(i, ll)
		}
		onMap := widget.NewButton(tr(l, "georefPickMap"), func() { g.waitForMap(i) })
		onImg := widget.NewButton(tr(l, "georefPickImage"), func() {
			g.awaitImage = i
			g.hint.SetText(fmt.Sprintf(tr(l, "georefClickImage"), i+1))
		})
		del := widget.NewButton(tr(l, "delete"), func() { g.Remove(i) })
		g.list.Add(container.NewVBox(title, typed, container.NewGridWithColumns(3, onMap, onImg, del), widget.NewSeparator()))
	}
	g.list.Refresh()
	g.view.setMarks(g.Points)
	g.at.Overlays.setSketch("georef", tr(l, "georefScan"), marks)
}

// save writes the georeference beside the image and lays it under the
// plan at 60 % opacity.
func (g *Georeferencer) save() {
	l := g.at.Lang()
	if g.Fit == nil {
		g.at.Dialogs.showError(g.rms.Text)
		return
	}
	if g.onSave != nil {
		g.onSave(g)
		return
	}
	fit, path := g.Fit, g.Path
	var cps []basemap.ControlPoint
	for _, p := range g.Points {
		if p.Placed {
			cps = append(cps, basemap.ControlPoint{Pixel: p.Pixel, LonLat: p.LonLat})
		}
	}
	var out string
	var err error
	// Writing (and, for a second-order fit, warping a large scan) is done
	// in the background; the control points go beside the image too.
	g.at.background(func() {
		if out, err = fit.Save(path); err == nil {
			err = basemap.WritePoints(path+".points", cps)
		}
	}, func() {
		if err != nil {
			dialog.ShowError(err, g.Win)
			return
		}
		g.at.Basemaps.OpenFile(out, 0, func(b *OpenBasemap) { b.Opacity = 0.6 }, func(err error) {
			if err == nil {
				g.at.Status.Say(fmt.Sprintf(tr(l, "georefSaved"), filepath.Base(out)))
			}
		})
	})
}

// georefImage shows the scan, zoomed with the wheel and moved by
// dragging (a scan's details are far smaller than the window), takes
// clicks as image pixels and marks the control points.
type georefImage struct {
	widget.BaseWidget
	img   image.Image
	ras   *canvas.Raster
	marks *fyne.Container
	tap   func(px [2]float64)
	pts   []georefPoint

	// k is widget units per image pixel, (ox, oy) where the image's
	// top-left corner is; zoomed is false until the planner zooms or
	// drags, and the image is fitted to the widget meanwhile.
	k, ox, oy float32
	zoomed    bool
}

func newGeorefImage(img image.Image, tap func([2]float64)) *georefImage {
	w := &georefImage{img: img, tap: tap, marks: container.NewWithoutLayout()}
	w.ras = canvas.NewRaster(w.paint)
	w.ExtendBaseWidget(w)
	return w
}

func (w *georefImage) CreateRenderer() fyne.WidgetRenderer {
	return &georefRenderer{w: w, objs: []fyne.CanvasObject{w.ras, w.marks}}
}

// fit places the whole image in the widget.
func (w *georefImage) fit() {
	s := w.Size()
	b := w.img.Bounds()
	iw, ih := float32(b.Dx()), float32(b.Dy())
	if iw == 0 || ih == 0 || s.Width <= 0 {
		return
	}
	w.k = min(s.Width/iw, s.Height/ih)
	w.ox, w.oy = (s.Width-iw*w.k)/2, (s.Height-ih*w.k)/2
}

// Fit shows the whole image again.
func (w *georefImage) Fit() {
	w.zoomed = false
	w.fit()
	w.Refresh()
}

// paint draws the visible part of the image at the raster's device pixels.
func (w *georefImage) paint(pw, ph int) image.Image {
	dst := image.NewRGBA(image.Rect(0, 0, pw, ph))
	s := w.Size()
	if s.Width <= 0 || w.k <= 0 {
		return dst
	}
	d := float64(pw) / float64(s.Width) // device pixels per unit
	k := float64(w.k) * d
	m := f64.Aff3{k, 0, float64(w.ox) * d, 0, k, float64(w.oy) * d}
	var interp xdraw.Transformer = xdraw.NearestNeighbor
	if k < 1 {
		interp = xdraw.ApproxBiLinear // shrunk: smooth, not aliased
	}
	interp.Transform(dst, m, w.img, w.img.Bounds(), xdraw.Src, nil)
	return dst
}

// toImage turns a widget position into an image pixel position.
func (w *georefImage) toImage(p fyne.Position) (float64, float64) {
	return float64((p.X - w.ox) / w.k), float64((p.Y - w.oy) / w.k)
}

// Tapped turns a click into an image pixel.
func (w *georefImage) Tapped(e *fyne.PointEvent) {
	if w.k <= 0 {
		return
	}
	x, y := w.toImage(e.Position)
	b := w.img.Bounds()
	if x < 0 || y < 0 || x > float64(b.Dx()) || y > float64(b.Dy()) {
		return
	}
	w.tap([2]float64{x, y})
}

// Scrolled zooms about the pointer, up to 16 screen pixels per image pixel.
func (w *georefImage) Scrolled(e *fyne.ScrollEvent) {
	f := float32(math.Pow(1.25, float64(e.Scrolled.DY)/10))
	if e.Scrolled.DY == 0 {
		return
	}
	nk := min(max(w.k*f, 1e-3), 16)
	f = nk / w.k
	w.ox = e.Position.X - (e.Position.X-w.ox)*f
	w.oy = e.Position.Y - (e.Position.Y-w.oy)*f
	w.k, w.zoomed = nk, true
	w.Refresh()
}

// Dragged moves the image.
func (w *georefImage) Dragged(e *fyne.DragEvent) {
	w.ox += e.Dragged.DX
	w.oy += e.Dragged.DY
	w.zoomed = true
	w.Refresh()
}

// DragEnd ends a move.
func (w *georefImage) DragEnd() {}

func (w *georefImage) setMarks(pts []georefPoint) {
	w.pts = append([]georefPoint(nil), pts...)
	w.layoutMarks()
}

func (w *georefImage) layoutMarks() {
	w.marks.Objects = nil
	for i, p := range w.pts {
		c := canvas.NewCircle(color.NRGBA{0xFF, 0xFF, 0xFF, 0xB0}) // a pale disc: the mark shows on any colour
		c.StrokeColor = markRed
		c.StrokeWidth = 2
		c.Resize(fyne.NewSize(14, 14))
		x, y := w.ox+float32(p.Pixel[0])*w.k, w.oy+float32(p.Pixel[1])*w.k
		c.Move(fyne.NewPos(x-7, y-7))
		t := canvas.NewText(strconv.Itoa(i+1), markRed)
		t.TextStyle.Bold = true
		t.Move(fyne.NewPos(x+8, y-18))
		w.marks.Objects = append(w.marks.Objects, c, t)
	}
	w.marks.Refresh()
}

type georefRenderer struct {
	w    *georefImage
	objs []fyne.CanvasObject
}

func (r *georefRenderer) Layout(s fyne.Size) {
	if !r.w.zoomed {
		r.w.fit()
	}
	r.w.ras.Resize(s)
	r.w.marks.Resize(s)
	r.w.layoutMarks()
}
func (r *georefRenderer) MinSize() fyne.Size { return fyne.NewSize(320, 240) }
func (r *georefRenderer) Refresh() {
	r.w.ras.Refresh()
	r.w.layoutMarks()
}
func (r *georefRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *georefRenderer) Destroy()                     {}

// markRed is the control points' colour on the scan: it stands out on
// paper maps' pastel colours.
var markRed = color.NRGBA{0xE0, 0x10, 0x30, 0xFF}
