package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/planatlas/planatlas/geo/basemap"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/render"
	"github.com/planatlas/planatlas/geo/web"
)

// ExportPreset is a page size for export.
type ExportPreset struct {
	NameZh, NameEn string
	Paper          string // "a4", "a3" or "" for pixels
	Landscape      bool
	W, H           int
	DPI            float64
}

// ExportPresets are the sizes the export dialog offers.
var ExportPresets = []ExportPreset{
	{"幻灯片 16:9 1920×1080", "Slide 16:9 1920×1080", "", false, 1920, 1080, 96},
	{"幻灯片 16:9 3840×2160", "Slide 16:9 3840×2160", "", false, 3840, 2160, 192},
	{"A4 横向 150dpi", "A4 landscape 150 dpi", "a4", true, 0, 0, 150},
	{"A4 横向 300dpi", "A4 landscape 300 dpi", "a4", true, 0, 0, 300},
	{"A4 纵向 150dpi", "A4 portrait 150 dpi", "a4", false, 0, 0, 150},
	{"A4 纵向 300dpi", "A4 portrait 300 dpi", "a4", false, 0, 0, 300},
	{"A3 横向 150dpi", "A3 landscape 150 dpi", "a3", true, 0, 0, 150},
	{"A3 横向 300dpi", "A3 landscape 300 dpi", "a3", true, 0, 0, 300},
	{"A3 纵向 150dpi", "A3 portrait 150 dpi", "a3", false, 0, 0, 150},
	{"A3 纵向 300dpi", "A3 portrait 300 dpi", "a3", false, 0, 0, 300},
	{"自定义", "Custom", "", false, 0, 0, 96},
}

// Size returns the preset's pixel size and DPI.
func (p ExportPreset) Size() (w, h int, dpi float64) {
	if p.Paper != "" {
		w, h, _ = render.PaperPixels(p.Paper, p.Landscape, p.DPI)
		return w, h, p.DPI
	}
	return p.W, p.H, p.DPI
}

// ExportRequest is what the export dialog asks for.
type ExportRequest struct {
	Format string // png, svg, pdf, or html: the atlas as one web page
	W, H   int
	DPI    float64
	// Area: "city" (whole city), "view" (the current view), a scene id, or
	// "deck" (every scene: one PDF, or numbered PNG/SVG files).
	Area  string
	Title string
	Frame render.Frame
	Path  string
	// Highlight draws the map's selection in the export; off, an export
	// shows the plan as it is, whatever the planner clicked last.
	Highlight bool
	// Scale, when above 0, draws the city or view area at 1:Scale, centred
	// on it, instead of fitting the area to the page.
	Scale float64
	// NoAnnotations leaves the planner's annotations out (the dialog's
	// 批注 switch); otherwise they are drawn when they are on.
	NoAnnotations bool
}

// ExportScales are the fixed scales the export dialog offers besides
// fitting the area (0) and a scale the planner types.
var ExportScales = []float64{250_000, 500_000, 1_000_000}

// ExportScenes builds the scenes an export request draws: snapshots of
// the state (layers, stages, language, overlays; the selection only when
// asked for) for the city and view areas, the plan's scenes otherwise.
// They are built on the UI goroutine and then drawn anywhere; they carry
// Exporter draws maps and data to files: the export dialog, background
// exports, and the plan data as GeoJSON, KML or GeoPackage.
type Exporter struct {
	at *Atlas
	// LastError is the last export failure shown to the user; LastWarning
	// what the last export that finished left out (base-map tiles that
	// could not be read, left blank).
	LastError   error
	LastWarning string

	pageNote string // what the last web page left out (a base map with the planner's key)
}

// no cache, so an export prepares what it draws in its own.
func (ex *Exporter) ExportScenes(r ExportRequest) ([]*render.Scene, error) {
	at := ex.at
	th := render.ThemeLight
	if r.Format != "png" {
		th = render.ThemePrint
	}
	lang := at.Lang()
	switch r.Area {
	case "city", "view", "":
		cur := at.Map.View()
		s := at.State.Scene(cur, nil)
		s.Hover, s.AnnotationSelected = "", "" // the picked mark is boxed on screen only
		if r.NoAnnotations {
			s.Annotations = nil
		}
		s.BasemapNoWait = false // an export waits for its base map's tiles
		if !r.Highlight {
			s.Selected = nil
		}
		s.Frame, s.Title, s.Theme = r.Frame, r.Title, th
		s.TextSize = 1
		b := render.CityBound(at.Plan)
		if r.Area == "view" && cur.Width > 0 {
			b = cur.Bound()
		}
		s.View = render.FitView(b, r.W, r.H, r.DPI, r.Frame)
		if r.Scale > 0 {
			s.View.Center, s.View.Scale = b.Center(), r.Scale
		}
		return []*render.Scene{s}, nil
	case "deck":
		var out []*render.Scene
		for _, ps := range at.State.Scenes() {
			out = append(out, at.Exporter.withAnnotations(render.PlanScene(at.Plan, ps, r.W, r.H, r.DPI, lang, th, r.Frame), r))
		}
		return out, nil
	}
	for _, ps := range at.State.Scenes() {
		if ps.ID == r.Area {
			s := at.Exporter.withAnnotations(render.PlanScene(at.Plan, ps, r.W, r.H, r.DPI, lang, th, r.Frame), r)
			if r.Title != "" {
				s.Title = r.Title
			}
			return []*render.Scene{s}, nil
		}
	}
	return nil, fmt.Errorf("unknown area %q", r.Area)
}

// Export writes the request's file(s) and returns them. ctx cancels it; a
// failure leaves no partial file and keeps an older one. It runs on the
// UI goroutine; RunExport draws in the background.
func (ex *Exporter) Export(ctx context.Context, r ExportRequest) ([]string, error) {
	at := ex.at
	scenes, err := at.Exporter.exportScenes(ctx, r)
	if err != nil {
		return nil, err
	}
	return render.WriteScenes(scenes, r.Format, r.Path)
}

// exportScenes checks the request and takes its snapshots.
func (ex *Exporter) exportScenes(ctx context.Context, r ExportRequest) ([]*render.Scene, error) {
	at := ex.at
	if r.W < 200 || r.H < 150 || r.W > 20000 || r.H > 20000 {
		return nil, fmt.Errorf("%d×%d", r.W, r.H)
	}
	if r.Scale < 0 || r.Scale > 0 && (r.Scale < 1000 || r.Scale > 50_000_000) {
		return nil, fmt.Errorf("1:%.0f", r.Scale)
	}
	if err := atomicfile.CheckWritable(r.Path); err != nil {
		return nil, err // said before anything is drawn
	}
	scenes, err := at.Exporter.ExportScenes(r)
	if err != nil {
		return nil, err
	}
	for _, s := range scenes {
		s.Context = ctx
	}
	return scenes, nil
}

// RunExport takes the export's snapshots now, draws and writes them in the
// background; an export that takes over half a second shows progress
// with a cancel button. done (may be nil) gets the outcome, on the UI
// goroutine, after the user has been told.
func (ex *Exporter) RunExport(r ExportRequest, done func([]string, error)) {
	at := ex.at
	at.Exporter.runExport(r, true, done)
}

// runExport is RunExport; with tell false the outcome is left to done
// (the export dialog shows an error in itself and stays open).
func (ex *Exporter) runExport(r ExportRequest, tell bool, done func([]string, error)) {
	at := ex.at
	l := at.Lang()
	ctx, cancel := context.WithCancel(context.Background())
	// While it waits for a tile server, the progress says how far it is.
	tiles := widget.NewLabel("")
	ctx = basemap.WithProgress(ctx, func(n, total int) {
		at.do(func() { tiles.SetText(fmt.Sprintf(tr(l, "tilesProgress"), n, total)) })
	})
	endProgress := func() {}
	finish := func(files []string, err error) {
		endProgress()
		cancel()
		switch {
		case errors.Is(err, context.Canceled):
		case err != nil:
			at.Exporter.LastError = err
			if tell {
				at.Dialogs.showError(fmt.Sprintf(tr(l, "exportFailed"), exportReason(l, err)))
			}
		case tell:
			msg := fmt.Sprintf(tr(l, "exportDone"), strings.Join(files, "\n"))
			if ex.LastWarning != "" {
				msg += "\n" + ex.LastWarning
			}
			at.Dialogs.showMessage(tr(l, "export"), msg)
		}
		if done != nil {
			done(files, err)
		}
	}
	if r.Format == "html" {
		if err := atomicfile.CheckWritable(r.Path); err != nil {
			finish(nil, err)
			return
		}
		opts := ex.pageOptions(r)
		endProgress = at.Dialogs.progressAfter(tr(l, "export"), cancel, widget.NewLabel(filepath.Base(r.Path)))
		var err error
		at.background(func() {
			err = atomicfile.Write(r.Path, func(w io.Writer) error { return web.Write(ctxWriter{ctx, w}, opts) })
		}, func() {
			ex.LastWarning = ex.pageNote
			if err != nil {
				finish(nil, err)
				return
			}
			finish([]string{r.Path}, nil)
		})
		return
	}
	scenes, err := at.Exporter.exportScenes(ctx, r)
	if err != nil {
		finish(nil, err)
		return
	}
	endProgress = at.Dialogs.progressAfter(tr(l, "export"), cancel, widget.NewLabel(filepath.Base(r.Path)), tiles)
	// The base maps in the snapshot stay open until the last page is
	// drawn, even if the planner removes one meanwhile.
	var releases []func()
	for _, s := range scenes {
		for _, b := range s.Basemaps {
			releases = append(releases, basemap.Hold(b.Source))
		}
	}
	var files []string
	tally := &render.Tally{}
	for _, s := range scenes {
		s.Tally = tally
	}
	at.background(func() {
		defer func() {
			for _, r := range releases {
				r()
			}
		}()
		files, err = render.WriteScenes(scenes, r.Format, r.Path)
	}, func() {
		ex.LastWarning = basemap.BadTiles(tally.Stats(), l) // the drawing is over: read on the UI goroutine
		finish(files, err)
	})
}

// pageOptions is what an exported web page shows, snapshot on the UI
// goroutine: the open plan with the map's layers, language, theme and
// timeline date, and every scene (the plan's and the planner's own). A
// title typed in the dialog heads it in both languages; the one it offers
// leaves the plan's own titles.
func (ex *Exporter) pageOptions(r ExportRequest) web.Options {
	at := ex.at
	th := render.ThemeLight
	if at.State.Theme() == "dark" {
		th = render.ThemeDark
	}
	title := r.Title
	if def, _ := at.State.Scene(at.Map.View(), nil).MapTitle(); title == def {
		title = ""
	}
	o := web.Options{Plan: at.Plan, Lang: at.Lang(), Theme: th, Layers: at.State.VisibleLayers(), Scenes: at.State.Scenes(),
		AsOf: at.State.AsOf(), Title: title}
	// An online base map shown on the map goes under the page's map too
	// (the page then says it reads tiles from that site); one whose
	// address holds the planner's key (天地图) stays out, and is said.
	ex.pageNote = ""
	bms := at.State.Basemaps()
	for i := len(bms) - 1; i >= 0; i-- {
		b := bms[i]
		if !b.Visible || !b.Online {
			continue
		}
		bm, err := web.BasemapFor(b.Spec)
		if err == nil {
			o.Basemap = bm
			break
		}
		if errors.Is(err, web.ErrBasemapKey) {
			ex.pageNote = tr(at.Lang(), "pageNoKeyBasemap")
		}
	}
	return o
}

// ctxWriter stops a write once its context is done (the export's Cancel).
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(b []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(b)
}

// exportReason says in the planner's language why a file could not be written.
func exportReason(l string, err error) string {
	var we *atomicfile.WriteError
	var be *basemap.Error
	switch {
	case errors.As(err, &we):
		return we.Message(l)
	case errors.As(err, &be) || errors.Is(err, basemap.ErrOffline):
		if l == "en" {
			return "the base map: " + basemap.Message(err, l)
		}
		return "底图：" + basemap.Message(err, l)
	}
	return err.Error()
}

// ExportForm is the export dialog's form.
type ExportForm struct {
	at                                    *Atlas
	Format                                *widget.RadioGroup
	Preset                                *widget.Select
	CustomW, CustomH                      *widget.Entry // pixels: the preset's, editable for Custom
	Area                                  *widget.Select
	ScaleChoice                           *widget.Select // fit the area, a fixed 1:N, or one typed
	CustomScale                           *widget.Entry  // N of 1:N, for a scale typed
	Highlight                             *widget.Check  // draw the selection (off by default)
	Title                                 *widget.Entry
	ShowTitle, Legend, Scale, North, Attr *widget.Check
	Annot                                 *widget.Check // the planner's annotations: on when there are some to show
	Name                                  *widget.Entry // file name
	Folder                                string        // folder to write into
	areas                                 []string      // area ids by option index
}

// NewExportForm builds the form with the last choices.
func NewExportForm(at *Atlas) *ExportForm {
	l := at.Lang()
	p := at.App.Preferences()
	f := &ExportForm{at: at}
	f.Format = widget.NewRadioGroup([]string{"PNG", "SVG", "PDF", "HTML"}, nil)
	f.Format.Horizontal = true
	names := make([]string, len(ExportPresets))
	for i, pr := range ExportPresets {
		names[i] = pr.NameZh
		if l == "en" {
			names[i] = pr.NameEn
		}
	}
	f.CustomW, f.CustomH = widget.NewEntry(), widget.NewEntry()
	f.CustomW.SetText("2400")
	f.CustomH.SetText("1600")
	f.Preset = widget.NewSelect(names, func(string) { f.presetChanged() })
	f.Preset.SetSelectedIndex(min(max(p.IntWithFallback("export.preset", 0), 0), len(ExportPresets)-1))
	scales := []string{tr(l, "fitArea")}
	for _, n := range ExportScales {
		scales = append(scales, "1:"+thousands(n))
	}
	scales = append(scales, tr(l, "customScale"))
	f.CustomScale = widget.NewEntry()
	f.CustomScale.SetText("300000")
	f.CustomScale.Disable()
	f.ScaleChoice = widget.NewSelect(scales, func(string) {
		if f.ScaleChoice.SelectedIndex() == len(ExportScales)+1 {
			f.CustomScale.Enable()
		} else {
			f.CustomScale.Disable()
		}
	})
	f.ScaleChoice.SetSelectedIndex(0)
	f.Highlight = widget.NewCheck(tr(l, "highlightSelection"), nil)
	opts := []string{tr(l, "home"), tr(l, "currentView")}
	f.areas = []string{"city", "view"}
	for _, s := range at.State.Scenes() {
		opts = append(opts, tr(l, "scene")+colon(tr(l, "scene"))+s.Name(l))
		f.areas = append(f.areas, s.ID)
	}
	opts = append(opts, tr(l, "deck"))
	f.areas = append(f.areas, "deck")
	f.Area = widget.NewSelect(opts, nil)
	f.Area.SetSelectedIndex(0)
	f.Title = widget.NewEntry()
	t, _ := at.State.Scene(at.Map.View(), nil).MapTitle()
	f.Title.SetText(t)
	chk := func(s string) *widget.Check { c := widget.NewCheck(s, nil); c.SetChecked(true); return c }
	f.ShowTitle, f.Legend, f.Scale, f.North, f.Attr = chk(tr(l, "title")), chk(tr(l, "legend")), chk(tr(l, "scale")), chk(tr(l, "north")), chk(tr(l, "attribution"))
	f.Annot = widget.NewCheck(tr(l, "annotations"), nil)
	f.Annot.SetChecked(at.State.AnnotationsVisible() && len(at.State.Annotations()) > 0)
	f.Name = widget.NewEntry()
	f.Name.SetText(p.StringWithFallback(at.keys.of("export.name."+l), exportName(at.Plan, l)))
	home, _ := os.UserHomeDir()
	f.Folder = p.StringWithFallback("export.dir", home)
	f.Format.OnChanged = func(string) { f.formatChanged() }
	f.Format.SetSelected(strings.ToUpper(p.StringWithFallback("export.format", "png")))
	return f
}

// formatChanged leaves the choices a web page does not take (it has every
// scene, pans and zooms itself, and draws its own furniture) greyed out.
func (f *ExportForm) formatChanged() {
	page := f.Format.Selected == "HTML"
	for _, w := range []fyne.Disableable{f.Preset, f.Area, f.ScaleChoice, f.Highlight, f.ShowTitle, f.Legend, f.Scale, f.North, f.Attr, f.Annot} {
		if page {
			w.Disable()
		} else {
			w.Enable()
		}
	}
	if page {
		f.CustomW.Disable()
		f.CustomH.Disable()
		f.CustomScale.Disable()
	} else {
		f.presetChanged()
		if f.ScaleChoice.SelectedIndex() == len(ExportScales)+1 {
			f.CustomScale.Enable()
		}
	}
}

// presetChanged shows the preset's size in the width and height boxes,
// which only the custom preset lets the planner edit.
func (f *ExportForm) presetChanged() {
	i := f.Preset.SelectedIndex()
	if i < 0 {
		return
	}
	pr := ExportPresets[i]
	if pr.NameEn == "Custom" {
		f.CustomW.Enable()
		f.CustomH.Enable()
		return
	}
	w, h, _ := pr.Size()
	f.CustomW.SetText(strconv.Itoa(w))
	f.CustomH.SetText(strconv.Itoa(h))
	f.CustomW.Disable()
	f.CustomH.Disable()
}

// Object lays the form out, each box with its label.
func (f *ExportForm) Object() fyne.CanvasObject {
	l := f.at.Lang()
	labelled := func(key string, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewLabel(tr(l, key)), nil, o)
	}
	return container.NewVBox(f.Format,
		labelled("pageSize", f.Preset),
		container.NewGridWithColumns(2, labelled("widthPx", f.CustomW), labelled("heightPx", f.CustomH)),
		labelled("area", f.Area),
		container.NewGridWithColumns(2, labelled("mapScale", f.ScaleChoice), labelled("scaleN", f.CustomScale)),
		labelled("title", f.Title),
		container.NewGridWithColumns(3, f.ShowTitle, f.Legend, f.Scale, f.North, f.Attr, f.Highlight, f.Annot))
}

// Request returns what the form asks for.
func (f *ExportForm) Request() ExportRequest {
	pr := ExportPresets[f.Preset.SelectedIndex()]
	w, h, dpi := pr.Size()
	if pr.NameEn == "Custom" {
		w, _ = strconv.Atoi(strings.TrimSpace(f.CustomW.Text))
		h, _ = strconv.Atoi(strings.TrimSpace(f.CustomH.Text))
	}
	title := f.Title.Text
	area := f.areas[f.Area.SelectedIndex()]
	if area != "city" && area != "view" {
		title = "" // scenes carry their own titles
	}
	format := strings.ToLower(f.Format.Selected)
	name := strings.TrimSpace(f.Name.Text)
	if name == "" {
		name = "map"
	}
	if !strings.EqualFold(filepath.Ext(name), "."+format) {
		name += "." + format
	}
	scale := 0.0
	switch i := f.ScaleChoice.SelectedIndex(); {
	case i >= 1 && i <= len(ExportScales):
		scale = ExportScales[i-1]
	case i == len(ExportScales)+1:
		n, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(f.CustomScale.Text), ",", ""), 64)
		if err != nil || n <= 0 {
			n = -1 // refused by the export, which says so
		}
		scale = n
	}
	return ExportRequest{Format: format, W: w, H: h, DPI: dpi, Area: area, Title: title, Path: filepath.Join(f.Folder, name),
		Highlight: f.Highlight.Checked, Scale: scale, NoAnnotations: !f.Annot.Checked,
		Frame: render.Frame{Title: f.ShowTitle.Checked, Legend: f.Legend.Checked, ScaleBar: f.Scale.Checked, North: f.North.Checked, Attribution: f.Attr.Checked}}
}

// ShowExport opens the export dialog. The file goes into a folder chosen
// with a folder dialog (remembered) under the name typed in the form: a
// save dialog would truncate an existing file before the export is done.
func (ex *Exporter) ShowExport() { ex.showExport("") }

// ShowExportPage opens the export dialog set to write the atlas as one
// web page (File → 导出网页).
func (ex *Exporter) ShowExportPage() { ex.showExport("HTML") }

func (ex *Exporter) showExport(format string) {
	at := ex.at
	l := at.Lang()
	f := NewExportForm(at)
	if format != "" {
		f.Format.SetSelected(format)
	}
	folderBtn := widget.NewButton(f.Folder, nil)
	folderBtn.OnTapped = func() {
		fd := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				f.Folder = u.Path()
				folderBtn.SetText(f.Folder)
			}
		}, at.Win)
		if u, err := storage.ListerForURI(storage.NewFileURI(f.Folder)); err == nil {
			fd.SetLocation(u)
		}
		at.Dialogs.showFile(fd)
	}
	// The dialog stays open until the file is written: a mistake (a bad
	// name, a missing folder, a full disk) is said in it, in red, and the
	// planner corrects it there.
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	body := container.NewVBox(f.Object(), container.NewBorder(nil, nil, widget.NewLabel(tr(l, "folder")), nil, folderBtn),
		container.NewBorder(nil, nil, widget.NewLabel(tr(l, "fileName")), nil, f.Name), problem)
	var d *dialog.CustomDialog
	say := func(err error) {
		problem.SetText(fmt.Sprintf(tr(l, "exportFailed"), exportReason(l, err)))
		problem.Show()
	}
	var exportBtn *widget.Button
	exportBtn = widget.NewButtonWithIcon(tr(l, "export"), theme.DocumentSaveIcon(), func() {
		problem.Hide()
		if err := atomicfile.CheckFileName(f.Folder, strings.TrimSpace(f.Name.Text)); err != nil {
			say(err)
			return
		}
		req := f.Request()
		p := at.App.Preferences()
		p.SetString("export.format", req.Format)
		p.SetInt("export.preset", f.Preset.SelectedIndex())
		run := func() {
			exportBtn.Disable()
			at.Exporter.runExport(req, false, func(files []string, err error) {
				exportBtn.Enable()
				switch {
				case errors.Is(err, context.Canceled):
				case err != nil:
					say(err)
				default:
					// A folder or name that failed is not the next export's.
					p.SetString("export.dir", f.Folder)
					p.SetString(at.keys.of("export.name."+l), strings.TrimSpace(f.Name.Text))
					d.Hide()
					at.Exporter.showExported(files)
				}
			})
		}
		if _, err := os.Stat(req.Path); err == nil {
			at.Dialogs.confirm(tr(l, "export"), fmt.Sprintf(tr(l, "overwrite"), req.Path), tr(l, "replace"), run)
			return
		}
		run()
	})
	exportBtn.Importance = widget.HighImportance
	cancelBtn := widget.NewButton(tr(l, "cancel"), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(tr(l, "export"), body, at.Win)
	d.SetButtons([]fyne.CanvasObject{cancelBtn, exportBtn})
	d.Resize(fyne.NewSize(600, 500))
	d.Show()
}

// showExported says where the export went, with a button that opens its
// folder in the system's file manager.
func (ex *Exporter) showExported(files []string) {
	at := ex.at
	l := at.Lang()
	text := fmt.Sprintf(tr(l, "exportDone"), strings.Join(files, "\n"))
	if ex.LastWarning != "" {
		text += "\n" + ex.LastWarning // what was left out, said with what was made
	}
	msg := messageLabel(text)
	var d *dialog.CustomDialog
	open := widget.NewButtonWithIcon(tr(l, "openFolder"), theme.FolderOpenIcon(), func() {
		if len(files) > 0 {
			if u, err := url.Parse(storage.NewFileURI(filepath.Dir(files[0])).String()); err == nil {
				at.App.OpenURL(u)
			}
		}
		d.Hide()
	})
	ok := widget.NewButton(tr(l, "ok"), func() { d.Hide() })
	ok.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(tr(l, "export"), msg, at.Win)
	d.SetButtons([]fyne.CanvasObject{open, ok})
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// withAnnotations gives an exported plan scene what the map shows besides
// the plan: its base maps, the planner's annotations when they are on, and the timeline's
// date when one is set (as the city and view exports have them through
// State.Scene).
func (ex *Exporter) withAnnotations(s *render.Scene, r ExportRequest) *render.Scene {
	at := ex.at
	s.Basemaps = at.State.sceneBasemaps()
	if at.State.AnnotationsVisible() && !r.NoAnnotations {
		s.Annotations = at.State.Annotations()
	}
	if s.AsOf == "" {
		s.AsOf = at.State.AsOf()
	}
	return s
}

// exportName is the default file name of a map of plan p: the plan's own,
// else its short title.
func exportName(p *plan.Plan, lang string) string {
	if s := p.Info.ExportName.Or(lang); s != "" {
		return s
	}
	return p.Info.Short(lang)
}
