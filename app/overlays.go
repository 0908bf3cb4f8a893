package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image/color"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/geo/formats"
	"github.com/planatlas/planatlas/geo/render"
)

// savedOverlay is how an overlay is remembered between runs: by path.
type savedOverlay struct {
	Path    string `json:"path"`
	Color   int    `json:"color"`
	Label   string `json:"label"`
	Visible bool   `json:"visible"`
	GCJ02   bool   `json:"gcj02"`
}

// Overlays returns the open overlays, bottom to top.
func (at *Atlas) Overlays() []*render.Overlay { return at.overlays }

// OpenOverlay reads a file as an overlay in the background; a read over
// half a second shows progress with a cancel button. Errors say what is
// wrong and where; nothing else changes. done (may be nil) gets the outcome.
func (at *Atlas) OpenOverlay(path string, gcj02 bool, done func(*render.Overlay, error)) {
	l := at.Lang()
	for _, o := range at.overlays {
		if o.ID == path {
			if done != nil {
				done(o, nil)
			}
			return
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	finish := func(layer *formats.Layer, err error, prog dialog.Dialog) {
		cancel()
		if prog != nil {
			prog.Hide()
		}
		if err != nil {
			if !errors.Is(err, context.Canceled) {
				at.LastOpenError = err
				at.LastOpenMessage = fmt.Sprintf(tr(l, "openFailed"), openReason(l, err))
				at.showError(at.LastOpenMessage)
			}
			if done != nil {
				done(nil, err)
			}
			return
		}
		o := &render.Overlay{ID: path, Name: layer.Name, Layer: layer, Visible: true,
			Color: render.OverlayPalette[len(at.overlays)%len(render.OverlayPalette)], LabelField: guessLabel(layer)}
		at.overlays = append(at.overlays, o)
		at.overlayGCJ[o.ID] = gcj02
		at.saveOverlays()
		at.Layers.Refresh()
		at.Map.Redraw()
		if done != nil {
			done(o, nil)
		}
	}
	// What the progress dialog says: megabytes read, then parsing.
	status := widget.NewLabel("")
	var lastShown time.Time
	progress := func(done, total int64) {
		if now := time.Now(); now.Sub(lastShown) > 100*time.Millisecond || done == total {
			lastShown = now
			msg := fmt.Sprintf(tr(l, "openRead"), done>>20, total>>20)
			if done >= total {
				msg = tr(l, "openParse")
			}
			fyne.Do(func() { status.SetText(msg) })
		}
	}
	read := func() (*formats.Layer, error) {
		opt := formats.Options{Context: ctx, GCJ02: gcj02}
		if !at.Map.Synchronous {
			opt.Progress = progress
		}
		l, err := formats.Open(path, opt)
		if err == nil {
			render.PrepareOverlay(l) // project and index here, not in the first frame
		}
		return l, err
	}
	if at.Map.Synchronous {
		layer, err := read()
		finish(layer, err, nil)
		return
	}
	type result struct {
		layer *formats.Layer
		err   error
	}
	ch := make(chan result, 1)
	go func() {
		layer, err := read()
		ch <- result{layer, err}
	}()
	go func() {
		select {
		case r := <-ch:
			fyne.Do(func() { finish(r.layer, r.err, nil) })
			return
		case <-time.After(500 * time.Millisecond):
		}
		var prog dialog.Dialog
		fyne.Do(func() {
			prog = dialog.NewCustom(tr(l, "openLayer"), tr(l, "cancel"),
				container.NewVBox(widget.NewLabel(path), widget.NewProgressBarInfinite(), status), at.Win)
			prog.SetOnClosed(cancel)
			prog.Show()
		})
		r := <-ch
		fyne.Do(func() { finish(r.layer, r.err, prog) })
	}()
}

// openReason says why a file could not be opened, in the planner's
// language: what is wrong and where (file, feature, record, line or byte).
func openReason(l string, err error) string {
	var re *formats.ReadError
	if errors.As(err, &re) {
		return re.Message(l)
	}
	return err.Error()
}

// guessLabel picks a name-like attribute to label an overlay's features.
func guessLabel(l *formats.Layer) string {
	for _, want := range []string{"name", "NAME", "Name", "名称", "MC", "mc", "title", "NAME_ZH", "name_zh"} {
		for _, f := range l.Fields {
			if f == want {
				return f
			}
		}
	}
	return ""
}

// RemoveOverlay closes an overlay.
func (at *Atlas) RemoveOverlay(o *render.Overlay) {
	for i, x := range at.overlays {
		if x == o {
			at.overlays = append(at.overlays[:i], at.overlays[i+1:]...)
			render.ReleaseOverlay(o)
			break
		}
	}
	at.saveOverlays()
	at.Layers.Refresh()
	at.Map.Redraw()
}

// MoveOverlay moves an overlay up (+1, drawn later) or down (−1).
func (at *Atlas) MoveOverlay(o *render.Overlay, d int) {
	for i, x := range at.overlays {
		if x == o {
			j := i + d
			if j < 0 || j >= len(at.overlays) {
				return
			}
			at.overlays[i], at.overlays[j] = at.overlays[j], at.overlays[i]
			break
		}
	}
	at.saveOverlays()
	at.Layers.Refresh()
	at.Map.Redraw()
}

func (at *Atlas) saveOverlays() {
	var saved []savedOverlay
	for _, o := range at.overlays {
		ci := 0
		for i, c := range render.OverlayPalette {
			if c == o.Color {
				ci = i
			}
		}
		saved = append(saved, savedOverlay{Path: o.ID, Color: ci, Label: o.LabelField, Visible: o.Visible, GCJ02: at.overlayGCJ[o.ID]})
	}
	b, _ := json.Marshal(saved)
	at.App.Preferences().SetString("overlays", string(b))
}

// restoreOverlays reopens the overlays of the last run; a file that has
// gone is reported once and dropped.
func (at *Atlas) restoreOverlays() {
	var saved []savedOverlay
	if err := json.Unmarshal([]byte(at.App.Preferences().String("overlays")), &saved); err != nil {
		return
	}
	for _, s := range saved {
		s := s
		at.OpenOverlay(s.Path, s.GCJ02, func(o *render.Overlay, err error) {
			if err != nil || o == nil {
				return
			}
			o.Color = render.OverlayPalette[s.Color%len(render.OverlayPalette)]
			o.LabelField, o.Visible = s.Label, s.Visible
			at.saveOverlays()
			at.Layers.Refresh()
			at.Map.Redraw()
		})
	}
}

// ShowOpenOverlay asks for a file and opens it as an overlay.
func (at *Atlas) ShowOpenOverlay() {
	l := at.Lang()
	gcj := widget.NewCheck(tr(l, "gcj02"), nil)
	note := widget.NewLabel(tr(l, "gcj02Note"))
	note.Wrapping = fyne.TextWrapWord
	fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		at.App.Preferences().SetString("open.dir", dirOf(path))
		at.OpenOverlay(path, gcj.Checked, nil)
	}, at.Win)
	fd.SetFilter(storage.NewExtensionFileFilter(formats.Extensions))
	if dir := at.App.Preferences().String("open.dir"); dir != "" {
		if u, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			fd.SetLocation(u)
		}
	}
	// GCJ-02 is chosen first, in a small dialog, then the file.
	d := dialog.NewCustomConfirm(tr(l, "openLayer"), tr(l, "chooseFile"), tr(l, "cancel"), container.NewVBox(gcj, note), func(ok bool) {
		if ok {
			fd.Show()
		}
	}, at.Win)
	d.Resize(fyne.NewSize(480, 220))
	d.Show()
}

func dirOf(path string) string {
	i := strings.LastIndexAny(path, `/\`)
	if i <= 0 {
		return path
	}
	return path[:i]
}

// overlayRows builds the layer panel's rows for the overlays.
func (at *Atlas) overlayRows() []fyne.CanvasObject {
	l := at.Lang()
	rows := []fyne.CanvasObject{widget.NewSeparator(), container.NewBorder(nil, nil,
		widget.NewLabelWithStyle(tr(l, "overlays"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil)}
	for i := len(at.overlays) - 1; i >= 0; i-- { // top of the list is drawn on top
		o := at.overlays[i]
		check := widget.NewCheck(fmt.Sprintf("%s (%d)", o.Name, len(o.Layer.Features)), func(on bool) {
			o.Visible = on
			at.saveOverlays()
			at.Map.Redraw()
		})
		check.Checked = o.Visible
		sw := canvas.NewRectangle(color.NRGBA(o.Color))
		sw.SetMinSize(fyne.NewSize(14, 14))
		sw.CornerRadius = 3
		fields := append([]string{tr(l, "noLabel")}, o.Layer.Fields...)
		label := widget.NewSelect(fields, func(s string) {
			if s == tr(l, "noLabel") {
				s = ""
			}
			if s != o.LabelField {
				o.LabelField = s
				at.saveOverlays()
				at.Map.Redraw()
			}
		})
		if o.LabelField == "" {
			label.SetSelectedIndex(0)
		} else {
			label.Selected = o.LabelField
		}
		up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { at.MoveOverlay(o, 1) })
		down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { at.MoveOverlay(o, -1) })
		rm := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { at.RemoveOverlay(o) })
		info := widget.NewLabel(fmt.Sprintf("%s · %s · %s%s", strings.ToUpper(o.Layer.Format), o.Layer.CRS,
			strconv.Itoa(o.Layer.Vertices()), tr(l, "vertices")))
		info.Wrapping = fyne.TextWrapWord
		info.TextStyle.Italic = true
		rows = append(rows, container.NewBorder(nil, nil, container.NewCenter(sw), nil, check),
			container.NewBorder(nil, nil, nil, container.NewHBox(up, down, rm), label), info)
	}
	return rows
}

// ShowOverlayFeature shows an overlay feature's attributes in the detail panel.
func (d *DetailPanel) ShowOverlayFeature(o *render.Overlay, i int) {
	l := d.at.Lang()
	d.Current, d.Quotes = nil, nil
	d.box.RemoveAll()
	f := o.Layer.Features[i]
	title := fmt.Sprintf("%s #%d", o.Name, i+1)
	if o.LabelField != "" && f.Props[o.LabelField] != nil {
		title = fmt.Sprint(f.Props[o.LabelField])
	}
	d.box.Add(widget.NewRichText(&widget.TextSegment{Text: title, Style: widget.RichTextStyleHeading}))
	d.box.Add(line(tr(l, "overlays"), o.Name+" ("+o.Layer.Format+", "+o.Layer.CRS+")"))
	d.box.Add(line(tr(l, "kind"), f.Geometry.GeoJSONType()))
	keys := make([]string, 0, len(f.Props))
	for k := range f.Props {
		keys = append(keys, k)
	}
	order := map[string]int{}
	for i, k := range o.Layer.Fields {
		order[k] = i
	}
	sort.SliceStable(keys, func(a, b int) bool { return order[keys[a]] < order[keys[b]] })
	for _, k := range keys {
		d.box.Add(line(k, fmt.Sprint(f.Props[k])))
	}
	d.box.Refresh()
	d.scroll.ScrollToTop()
}

// overlayOf finds the overlay and feature index of an overlay feature id.
func (at *Atlas) overlayOf(id string) (*render.Overlay, int, bool) {
	if !strings.HasPrefix(id, "overlay:") {
		return nil, 0, false
	}
	for _, o := range at.overlays {
		prefix := "overlay:" + o.ID + "#"
		if strings.HasPrefix(id, prefix) {
			i, err := strconv.Atoi(id[len(prefix):])
			if err == nil && i >= 0 && i < len(o.Layer.Features) {
				return o, i, true
			}
		}
	}
	return nil, 0, false
}

// ShowExportData writes the plan's data (all or visible layers) as GeoJSON,
// KML or GeoPackage into the export folder.
func (at *Atlas) ShowExportData() {
	l := at.Lang()
	format := widget.NewRadioGroup([]string{"GeoJSON", "KML", "GeoPackage"}, nil)
	format.Horizontal = true
	format.SetSelected("GeoJSON")
	which := widget.NewRadioGroup([]string{tr(l, "allLayers"), tr(l, "visibleLayers")}, nil)
	which.SetSelected(which.Options[0])
	f := NewExportForm(at)
	f.Name.SetText(map[string]string{"zh": "巴中规划要素", "en": "bazhong-plan-features"}[l])
	folder := widget.NewLabel(f.Folder)
	d := dialog.NewCustomConfirm(tr(l, "exportData"), tr(l, "export"), tr(l, "cancel"),
		container.NewVBox(format, which, container.NewBorder(nil, nil, widget.NewLabel(tr(l, "folder")), nil, folder),
			container.NewBorder(nil, nil, widget.NewLabel(tr(l, "fileName")), nil, f.Name)), func(ok bool) {
			if !ok {
				return
			}
			ext := map[string]string{"GeoJSON": ".geojson", "KML": ".kml", "GeoPackage": ".gpkg"}[format.Selected]
			path := f.Folder + "/" + strings.TrimSuffix(strings.TrimSpace(f.Name.Text), ext) + ext
			var layers map[string]bool
			if which.Selected != which.Options[0] {
				layers = copyBools(at.visible)
			}
			if _, err := at.ExportData(path, layers, l); err != nil {
				at.showError(fmt.Sprintf(tr(l, "exportFailed"), exportReason(l, err)))
				return
			}
			at.showMessage(tr(l, "exportData"), fmt.Sprintf(tr(l, "exportDone"), path))
		}, at.Win)
	d.Resize(fyne.NewSize(520, 300))
	d.Show()
}

// ExportData writes the plan's features in layers (all when nil) to path
// by its extension (.geojson, .kml, .gpkg), atomically.
func (at *Atlas) ExportData(path string, layers map[string]bool, lang string) (int, error) {
	fs := formats.PlanFeatures(at.Plan, layers)
	switch {
	case strings.HasSuffix(path, ".kml"):
		return len(fs), formats.WriteAtomic(path, func(w io.Writer) error { return formats.WritePlanKML(w, at.Plan, layers, lang) })
	case strings.HasSuffix(path, ".gpkg"):
		return len(fs), formats.WriteGeoPackage(path, "plan", fs)
	}
	return len(fs), formats.WriteAtomic(path, func(w io.Writer) error { return formats.WriteGeoJSON(w, fs) })
}
