package app

import (
	"fmt"
	"image"
	"image/draw"
	"math"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/proj"
	"github.com/planatlas/planatlas/geo/render"
)

// MapView shows the plan map drawn by geo/render. Drag pans, the wheel
// zooms about the cursor, double-click zooms in, hover names a feature and
// click selects it. Frames are rendered off the UI goroutine; while a new
// one is being drawn, the last one is shown shifted by the pan so far.
type MapView struct {
	widget.BaseWidget

	// Scene returns the scene to draw for a view (layers, language,
	// selection… come from the app). Set before the view is shown.
	Scene func(v proj.View) *render.Scene
	// OnHover is called with the id under the pointer ("" for none) and its lon/lat.
	OnHover func(id string, lonlat [2]float64)
	// OnTap is called with the id tapped ("" for empty map).
	OnTap func(id string)
	// OnSecondaryTap is called on a right-click (two-finger click on
	// macOS) with the id under the pointer, its lon/lat and the position.
	OnSecondaryTap func(id string, lonlat [2]float64, pos fyne.Position)
	// Tool, when set, takes the map's clicks instead of selection and the
	// context menu (measuring, drawing); set and read on the UI goroutine.
	Tool MapTool
	// OnViewChanged is called after a pan or zoom.
	OnViewChanged func(v proj.View)
	// OnRendered is called on the UI goroutine with what each frame drew.
	OnRendered func(*render.Result)
	// OnFirstFrame is called once, after the first frame is drawn.
	OnFirstFrame func()
	// BeforeFirstRender, when set, is waited for (off the UI goroutine)
	// before the first frame is rendered: the app warms caches meanwhile.
	BeforeFirstRender func()
	// Do runs a function on the UI goroutine (fyne.Do; tests queue it).
	Do func(func())

	raster *canvas.Raster
	cache  *render.Cache // what renders prepare, kept for the next frame

	mu       sync.Mutex
	view     proj.View      // the view being shown (centre and scale; size follows the widget)
	frame    *image.RGBA    // last rendered frame
	frameV   proj.View      // the view it was rendered for
	frameS   *render.Scene  // and its scene
	result   *render.Result // what it placed where
	shown    *image.RGBA    // composite shown now (frame shifted by the pan since)
	busy     bool           // a render is running
	dirty    bool           // the scene changed since the last render started
	exact    bool           // the next render draws the base maps exactly (the map is at rest)
	resting  int            // exact redraws waiting for the map to rest
	first    bool
	sized    bool    // the raster has asked for a size: renders may start
	pixScale float32 // device pixels per Fyne unit
}

// NewMapView returns a map view starting at view v (its size is replaced
// by the widget's), drawing with cache c: the view owns it, and what is
// released from it (a closed overlay) the view's owner says.
func NewMapView(v proj.View, c *render.Cache) *MapView {
	if c == nil {
		c = render.NewCache(0)
	}
	m := &MapView{view: v, pixScale: 1, cache: c, Do: fyne.Do}
	m.raster = canvas.NewRaster(m.draw)
	m.ExtendBaseWidget(m)
	return m
}

// CreateRenderer implements fyne.Widget.
func (m *MapView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(m.raster)
}

// Cache returns the render cache the view draws with.
func (m *MapView) Cache() *render.Cache { return m.cache }

// View returns the current view (centre, scale, pixel size).
func (m *MapView) View() proj.View {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.view
}

// Extent returns the view's pixel size and DPI, with a typical window's
// values before the widget has been laid out.
func (m *MapView) Extent() (w, h int, dpi float64) {
	v := m.View()
	w, h, dpi = v.Width, v.Height, v.DPI
	if w <= 0 || h <= 0 {
		w, h = 1000, 700
	}
	if dpi <= 0 {
		dpi = 96
	}
	return w, h, dpi
}

// SetView moves the map to v (its centre and scale) and redraws.
func (m *MapView) SetView(v proj.View) {
	m.mu.Lock()
	v.Width, v.Height, v.DPI = m.view.Width, m.view.Height, m.view.DPI
	m.view = v
	m.mu.Unlock()
	m.changed()
}

// Result returns what the last frame drew where.
func (m *MapView) Result() (*render.Scene, *render.Result) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.frameS, m.result
}

// Frame returns the last rendered frame (nil before the first).
func (m *MapView) Frame() *image.RGBA {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.frame
}

// Redraw renders the map again (after a layer toggle, selection, language…).
func (m *MapView) Redraw() {
	m.mu.Lock()
	m.dirty = true
	m.mu.Unlock()
	m.kick()
	m.raster.Refresh()
}

// draw is the raster's generator: it returns the last frame, shifted to the
// current view when a pan has happened since, and asks for a new render when
// size or view changed. It never renders on the UI goroutine.
// restDelay is how long the map stays at a view before its base maps are
// drawn exactly (after frames resampled from a level during a gesture).
const restDelay = 250 * time.Millisecond

// debugTiming prints render times (PLANATLAS_DEBUG=1).
var debugTiming = os.Getenv("PLANATLAS_DEBUG") != ""

func (m *MapView) draw(w, h int) image.Image {

	if w <= 0 || h <= 0 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	m.mu.Lock()
	if size := m.Size(); size.Width > 0 {
		// Device pixels per unit: 1, 1.25, 1.5, 2… (the raster's width is
		// rounded to whole pixels, so the ratio is rounded back).
		m.pixScale = float32(math.Round(float64(w)/float64(size.Width)*100) / 100)
	}
	m.sized = true
	resized := m.view.Width != w || m.view.Height != h
	if resized {
		m.view.Width, m.view.Height = w, h
		m.view.DPI = 96 * float64(m.pixScale)
		m.dirty = true
	}
	frame, fv, v := m.frame, m.frameV, m.view
	m.mu.Unlock()
	if resized && m.OnViewChanged != nil {
		m.OnViewChanged(v)
	}
	m.kick()
	if frame == nil {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.Draw(img, img.Bounds(), image.NewUniform(render.ThemeLight.Palette().Background), image.Point{}, draw.Src)
		return img
	}
	if fv == v {
		return frame
	}
	return m.composite(frame, fv, v)
}

// composite shows frame (drawn for view fv) at view v until v's own frame
// is ready: shifted after a pan, magnified or shrunk about the right point
// after a zoom (the frame drawn last, scaled, as web maps do during a
// gesture); as it is when the size changed.
func (m *MapView) composite(frame *image.RGBA, fv, v proj.View) image.Image {
	if fv.Width != v.Width || fv.Height != v.Height || fv.Scale <= 0 || v.Scale <= 0 {
		return frame
	}
	p := fv.Transform().Pixel(v.Center) // where v's centre lies in the frame
	m.mu.Lock()
	shown := m.shown
	if shown == nil || shown.Bounds() != frame.Bounds() {
		shown = image.NewRGBA(frame.Bounds())
		m.shown = shown
	}
	bg := render.ThemeLight.Palette().Background
	if m.frameS != nil {
		bg = m.frameS.Theme.Palette().Background // the uncovered strips match the frame's theme
	}
	m.mu.Unlock()
	if math.Abs(fv.Scale/v.Scale-1) > 1e-9 {
		ScaleFrame(shown, frame, fv.Scale/v.Scale, p[0], p[1], float64(v.Width)/2, float64(v.Height)/2, bg)
		return shown
	}
	dx := int(math.Round(float64(v.Width)/2 - p[0]))
	dy := int(math.Round(float64(v.Height)/2 - p[1]))
	ShiftFrame(shown, frame, dx, dy, bg)
	return shown
}

// ShiftFrame copies src into dst moved by (dx, dy) pixels, filling what is
// uncovered with bg: the cost of showing a pan before the new frame arrives.
func ShiftFrame(dst, src *image.RGBA, dx, dy int, bg interface{ RGBA() (r, g, b, a uint32) }) {
	b := src.Bounds()
	draw.Draw(dst, b, image.NewUniform(bg), image.Point{}, draw.Src)
	r := b.Add(image.Pt(dx, dy)).Intersect(b)
	if r.Empty() {
		return
	}
	draw.Draw(dst, r, src, r.Min.Sub(image.Pt(dx, dy)), draw.Src)
}

// kick starts a background render when the scene is dirty and none is running.
func (m *MapView) kick() {
	m.mu.Lock()
	if m.busy || !m.dirty || m.Scene == nil || !m.sized {
		m.mu.Unlock()
		return
	}
	m.busy, m.dirty = true, false
	v := m.view
	exact := m.exact
	m.exact = false
	m.mu.Unlock()
	s := m.Scene(v) // a snapshot, made here on the UI goroutine
	s.BasemapExact = exact
	go m.renderOnce(s, v)
}

func (m *MapView) renderOnce(s *render.Scene, v proj.View) {
	m.mu.Lock()
	wait := m.BeforeFirstRender
	m.BeforeFirstRender = nil
	m.mu.Unlock()
	if wait != nil {
		wait()
	}
	t0 := time.Now()
	img, res, err := render.Image(s)
	if debugTiming {
		fmt.Fprintf(os.Stderr, "planatlas: rendered %dx%d in %d ms\n", v.Width, v.Height, time.Since(t0).Milliseconds())
	}
	m.mu.Lock()
	m.busy = false
	if err == nil {
		m.frame, m.frameV, m.frameS, m.result = img, v, s, res
	}
	first := !m.first && err == nil
	if first {
		m.first = true
	}
	again := m.dirty
	m.mu.Unlock()
	if err == nil && res.Basemap.Approx {
		// The base maps came from a level drawn at a nearby scale: once
		// the map has rested a moment at this view, draw them exactly.
		m.mu.Lock()
		m.resting++
		m.mu.Unlock()
		time.AfterFunc(restDelay, func() {
			m.mu.Lock()
			m.resting--
			rest := m.view == v && !m.dirty
			if rest {
				m.exact = true
				m.dirty = true // counted busy until the exact frame is drawn
			}
			m.mu.Unlock()
			if rest {
				m.Do(m.Redraw)
			}
		})
	}
	m.Do(func() {
		m.raster.Refresh()
		if err == nil && m.OnRendered != nil {
			m.OnRendered(res)
		}
		if first && m.OnFirstFrame != nil {
			m.OnFirstFrame()
		}
		if again {
			// The scene is a snapshot of the app's state, which only the
			// UI goroutine may read: the next render starts from there.
			m.kick()
		}
	})
}

// toPixels converts a Fyne position to device pixels of the raster.
func (m *MapView) toPixels(p fyne.Position) (float64, float64) {
	m.mu.Lock()
	s := m.pixScale
	m.mu.Unlock()
	return float64(p.X * s), float64(p.Y * s)
}

func (m *MapView) changed() {
	m.Redraw()
	if m.OnViewChanged != nil {
		m.OnViewChanged(m.View())
	}
}

// Pan moves the map by dx, dy device pixels.
func (m *MapView) Pan(dx, dy float64) {
	m.mu.Lock()
	m.view = m.view.Pan(dx, dy)
	m.mu.Unlock()
	m.changed()
}

// ZoomAt zooms by factor about device pixel (x, y).
func (m *MapView) ZoomAt(factor, x, y float64) {
	m.mu.Lock()
	nv := m.view.ZoomAt(factor, x, y)
	if nv.Scale >= 20_000 && nv.Scale <= 40_000_000 {
		m.view = nv
	}
	m.mu.Unlock()
	m.changed()
}

// Zoom zooms by factor about the centre.
func (m *MapView) Zoom(factor float64) {
	v := m.View()
	m.ZoomAt(factor, float64(v.Width)/2, float64(v.Height)/2)
}

// Dragged implements fyne.Draggable: the map follows the pointer.
func (m *MapView) Dragged(e *fyne.DragEvent) {
	if d, ok := m.Tool.(Dragger); ok {
		x, y := m.toPixels(e.Position)
		ll := m.View().LonLat(x, y)
		d.Drag([2]float64{ll[0], ll[1]})
		return
	}
	dx, dy := m.toPixels(fyne.NewPos(e.Dragged.DX, e.Dragged.DY))
	m.Pan(dx, dy)
}

// DragEnd implements fyne.Draggable: a drawing tool finishes its mark.
func (m *MapView) DragEnd() {
	if d, ok := m.Tool.(Dragger); ok {
		d.DragEnd()
	}
}

// A wheel notch reaches Fyne as a scroll of wheelNotch (on Windows and
// Linux; a trackpad sends small steps, macOS ten a line) and zooms by
// notchZoom: a clear step, as web maps take, smooth on a trackpad.
const (
	wheelNotch = 25
	notchZoom  = 1.35
)

// Scrolled implements fyne.Scrollable: wheel and trackpad zoom about the cursor.
func (m *MapView) Scrolled(e *fyne.ScrollEvent) {
	x, y := m.toPixels(e.Position)
	m.ZoomAt(math.Pow(notchZoom, float64(e.Scrolled.DY)/wheelNotch), x, y)
}

// DoubleTapped implements fyne.DoubleTappable: zoom in about the point.
func (m *MapView) DoubleTapped(e *fyne.PointEvent) {
	x, y := m.toPixels(e.Position)
	if m.Tool != nil {
		ll := m.View().LonLat(x, y)
		m.Tool.DoubleTap([2]float64{ll[0], ll[1]})
		return
	}
	m.ZoomAt(2, x, y)
}

// Tapped implements fyne.Tappable: select what is under the pointer.
func (m *MapView) Tapped(e *fyne.PointEvent) {
	if m.Tool != nil {
		x, y := m.toPixels(e.Position)
		ll := m.View().LonLat(x, y)
		m.Tool.Tap([2]float64{ll[0], ll[1]})
		return
	}
	if m.OnTap != nil {
		m.OnTap(m.HitAt(e.Position))
	}
}

// TappedSecondary implements fyne.SecondaryTappable: the context menu.
func (m *MapView) TappedSecondary(e *fyne.PointEvent) {
	if m.Tool != nil {
		m.Tool.End()
		return
	}
	if m.OnSecondaryTap == nil {
		return
	}
	x, y := m.toPixels(e.Position)
	ll := m.View().LonLat(x, y)
	m.OnSecondaryTap(m.HitAt(e.Position), [2]float64{ll[0], ll[1]}, e.AbsolutePosition)
}

// ZoomTo centres the map on lonlat at the given scale (1:N).
func (m *MapView) ZoomTo(lonlat [2]float64, scale float64) {
	v := m.View()
	v.Center, v.Scale = orb.Point{lonlat[0], lonlat[1]}, scale
	m.SetView(v)
}

// HitAt returns the id of the feature at a Fyne position in the view.
func (m *MapView) HitAt(p fyne.Position) string {
	x, y := m.toPixels(p)
	s, res := m.Result()
	if s == nil {
		return ""
	}
	// The last frame may be behind the view by a pan: hit-test in its pixels.
	v := m.View()
	if s.View.Center != v.Center && s.View.Scale == v.Scale {
		ll := v.LonLat(x, y)
		q := s.View.Pixel(ll)
		x, y = q[0], q[1]
	}
	return render.HitTest(s, res, x, y, 3*float64(m.pixScale))
}

// MouseIn implements desktop.Hoverable.
func (m *MapView) MouseIn(e *desktop.MouseEvent) { m.MouseMoved(e) }

// MouseMoved implements desktop.Hoverable: hover names and highlights,
// except while a tool draws (a highlight under the pen is a distraction).
func (m *MapView) MouseMoved(e *desktop.MouseEvent) {
	id := ""
	if m.Tool == nil {
		id = m.HitAt(e.Position)
	}
	x, y := m.toPixels(e.Position)
	ll := m.View().LonLat(x, y)
	if m.OnHover != nil {
		m.OnHover(id, [2]float64{ll[0], ll[1]})
	}
}

// MouseOut implements desktop.Hoverable.
func (m *MapView) MouseOut() {
	if m.OnHover != nil {
		m.OnHover("", [2]float64{})
	}
}

// Idle reports whether no render is running or waiting.
func (m *MapView) Idle() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return !m.busy && !m.dirty && m.resting == 0
}
