package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/crs"
	"github.com/planatlas/planatlas/geo/formats"
	"github.com/planatlas/planatlas/geo/layer"
	"github.com/planatlas/planatlas/geo/render"
)

// OverlayManager opens the planner's own files as overlays (in the
// background, with progress and cancel), closes them (releasing what the
// map prepared for them), and remembers them between runs. What is open,
// and how it is drawn, is in the State.
type OverlayManager struct {
	at *Atlas

	// LastError is the last failure to open a file shown to the user, and
	// LastMessage the words the user was shown.
	LastError   error
	LastMessage string

	sketchSeq int // numbers the app's own overlays (measurement, located point)

	drawingGeoref *Georeferencer // the last drawing opened for placing by control points
}

func newOverlayManager(at *Atlas) *OverlayManager {
	om := &OverlayManager{at: at}
	at.State.Subscribe(func(c Change) {
		if c&ChangeOverlays != 0 {
			om.save()
		}
	})
	return om
}

// savedOverlay is how an overlay is remembered between runs: by path,
// with how it was read.
type savedOverlay struct {
	Path    string       `json:"path"`
	Color   int          `json:"color"`
	Label   string       `json:"label"`
	Visible bool         `json:"visible"`
	GCJ02   bool         `json:"gcj02"`
	Helmert *crs.Helmert `json:"helmert,omitempty"`
	EPSG    int          `json:"epsg,omitempty"`
}

// ReadChoice is how the planner asked for a file to be read: its
// coordinates as GCJ-02 (AMap, Tencent), and seven parameters from a local
// datum (Xi'an 1980, Beijing 1954) to WGS 84.
type ReadChoice struct {
	GCJ02   bool
	Helmert *crs.Helmert
	// EPSG is the coordinate system chosen for a file that names none (a
	// CAD drawing); 0 lets the reader guess from its numbers.
	EPSG int
}

// bigLayer is the feature count past which a read returns its garbage to
// the system at once.
const bigLayer = 100000

// classSep joins a geodatabase's path and a class's name in the id of
// the class's overlay.
const classSep = "#"

// layerPart is one overlay a file opens as: the file itself, or one class
// of a geodatabase (id path#class).
type layerPart struct {
	id    string
	layer *layer.Layer
}

// fileOf is the file an overlay's id reads from, and the class it shows
// ("" for the whole file).
func fileOf(id string) (path, class string) {
	if i := strings.LastIndex(id, classSep); i > 0 {
		if ext := strings.ToLower(filepath.Ext(id[:i])); ext == ".gdb" || ext == ".zip" || ext == ".gdbtable" || filepath.Base(id[:i]) == "gdb" {
			return id[:i], id[i+1:]
		}
	}
	return id, ""
}

// read reads and prepares a file for drawing: off the UI goroutine. A
// geodatabase of several feature classes opens as a layer for each.
func (om *OverlayManager) read(ctx context.Context, path string, read ReadChoice, progress func(done, total int64)) ([]layerPart, error) {
	// A drawing in Gauss–Krüger metres without its zone number lies in
	// the zone of the plan's own area (a plan is never changed once open).
	near := om.at.Plan.Bound().Center()
	l, err := formats.Open(path, layer.Options{Context: ctx, GCJ02: read.GCJ02, Helmert: read.Helmert, Progress: progress, Near: near, EPSG: read.EPSG})
	if err != nil {
		return nil, err
	}
	parts := []layerPart{{path, l}}
	if l.Format == "gdb" {
		if classes, layers := l.SplitBy("layer"); len(layers) > 1 {
			parts = parts[:0]
			for i, c := range classes {
				parts = append(parts, layerPart{path + classSep + c, layers[i]})
			}
		}
	}
	for _, p := range parts {
		om.at.Map.Cache().PrepareOverlay(p.id, p.layer) // project and index here, not in the first frame
	}
	if len(l.Features) >= bigLayer {
		// Reading a large file makes much garbage (the text, a map per
		// record on the way to columns): hand it back to the system
		// now rather than keep it resident.
		debug.FreeOSMemory()
	}
	return parts, nil
}

// Open reads a file as an overlay in the background; a read over half a
// second shows progress with a cancel button. Errors say what is wrong
// and where; nothing else changes. done (may be nil) gets the outcome, on
// the UI goroutine.
func (om *OverlayManager) Open(path string, read ReadChoice, done func(OpenOverlay, error)) {
	at := om.at
	l := at.Lang()
	for _, o := range at.State.Overlays() {
		if f, _ := fileOf(o.ID); o.ID == path || f == path {
			if done != nil {
				done(o, nil)
			}
			return
		}
	}
	if read.EPSG == 0 {
		// A drawing's coordinate system, once the planner confirmed or
		// chose it, is remembered for that file.
		read.EPSG = at.App.Preferences().Int(crsPrefKey(path))
	}
	ctx, cancel := context.WithCancel(context.Background())
	// What the progress dialog says: megabytes read, then parsing.
	status := widget.NewLabel("")
	var lastShown atomic.Int64
	progress := func(n, total int64) {
		if now := time.Now().UnixNano(); now-lastShown.Load() > int64(100*time.Millisecond) || n == total {
			lastShown.Store(now)
			msg := fmt.Sprintf(tr(l, "openRead"), n>>20, total>>20)
			if n >= total {
				msg = tr(l, "openParse")
			}
			at.do(func() { status.SetText(msg) })
		}
	}
	// A read over half a second gets a progress dialog.
	endProgress := at.Dialogs.progressAfter(tr(l, "openLayer"), cancel, widget.NewLabel(path), status)
	var parts []layerPart
	var err error
	at.background(func() { parts, err = om.read(ctx, path, read, progress) }, func() {
		endProgress()
		cancel()
		var o OpenOverlay
		switch {
		case errors.Is(err, context.Canceled):
		case isRasterOnly(err):
			// Imagery, not features: offered as a base map instead.
			om.LastError = err
			at.Dialogs.confirm(tr(l, "openLayer"), openReason(l, err), tr(l, "openAsBasemap"), func() { at.Basemaps.openAsking(path, 0) })
		case err != nil && read.EPSG == 0 && drawingUnplaced(path, err):
			// A drawing whose numbers fit no coordinate system Plan Atlas
			// can guess: placed by the control points kept beside it, or
			// the planner says which system it is in or places it by points.
			om.LastError = err
			if !om.openByPoints(path) {
				om.askPlaceDrawing(path, read, done)
			}
			return
		case err != nil:
			om.fail(l, err)
		default:
			var b orb.Bound
			for i, p := range parts {
				added := at.State.AddOverlay(p.id, p.layer, read)
				if i == 0 {
					o, b = added, p.layer.Bound()
				} else {
					b = b.Union(p.layer.Bound())
				}
			}
			// A layer that lies outside the view is framed: the planner
			// sees at once what was opened.
			if !b.IsZero() && !b.Intersects(at.Map.View().Bound()) {
				at.FrameBound(b)
			}
			if code := guessedEPSG(parts[0].layer); code != 0 {
				om.confirmCRS(path, code)
			}
		}
		if done != nil {
			done(o, err)
		}
	})
}

// isRasterOnly says the file was a raster GeoPackage: a base map.
func isRasterOnly(err error) bool {
	var re *layer.ReadError
	return errors.As(err, &re) && re.Problem == layer.ProblemRasterOnly
}

// fail tells the planner why a file could not be opened, in their
// language; a library's own words wait behind a "details" disclosure.
func (om *OverlayManager) fail(l string, err error) {
	om.LastError = err
	om.LastMessage = fmt.Sprintf(tr(l, "openFailed"), openReason(l, err))
	var re *layer.ReadError
	if errors.As(err, &re) && re.Details() != "" {
		om.at.Dialogs.showErrorDetails(om.LastMessage, re.Details())
		return
	}
	om.at.Dialogs.showError(om.LastMessage)
}

// openReason says why a file could not be opened, in the planner's
// language: what is wrong and where (file, feature, record, line or byte).
func openReason(l string, err error) string {
	var re *layer.ReadError
	if errors.As(err, &re) {
		return re.Message(l)
	}
	return err.Error()
}

// guessLabel picks a name-like attribute to label an overlay's features
// (a drawing's: its texts, TEXT and MTEXT, which are its annotations).
func guessLabel(l *layer.Layer) string {
	for _, want := range []string{"name", "NAME", "Name", "名称", "MC", "mc", "title", "NAME_ZH", "name_zh", "Text"} {
		for _, f := range l.Fields {
			if f == want {
				return f
			}
		}
	}
	return ""
}

// Close closes overlay id and releases what the map prepared for it.
func (om *OverlayManager) Close(id string) {
	om.at.State.RemoveOverlay(id)
	om.at.Map.Cache().Release(id)
}

func (om *OverlayManager) save() {
	var saved []savedOverlay
	for _, o := range om.at.State.Overlays() {
		if strings.HasPrefix(o.ID, sketchPrefix) {
			continue // made by the app, not a file to reopen
		}
		ci := 0
		for i, c := range render.OverlayPalette {
			if c == o.Color {
				ci = i
			}
		}
		saved = append(saved, savedOverlay{Path: o.ID, Color: ci, Label: o.LabelField, Visible: o.Visible, GCJ02: o.Read.GCJ02, Helmert: o.Read.Helmert, EPSG: o.Read.EPSG})
	}
	if err := om.at.Work.file.Set(workOverlays, saved); err != nil {
		om.at.Work.workSaveFailed(err)
	}
}

// restore reopens the overlays of the last run, in their order and
// styles, reading them one after another in the background; files that
// have gone are reported together, once, and dropped.
func (om *OverlayManager) restore() {
	at := om.at
	var saved []savedOverlay
	if !at.Work.file.Get(workOverlays, &saved) || len(saved) == 0 {
		return
	}
	type read struct {
		layer *layer.Layer
		err   error
	}
	results := make([]read, len(saved))
	at.background(func() {
		// A geodatabase's classes are saved one by one: the file is read
		// once for all of them.
		files := map[string][]layerPart{}
		for i, s := range saved {
			file, class := fileOf(s.Path)
			parts, ok := files[file]
			if !ok {
				var err error
				parts, err = om.read(context.Background(), file, ReadChoice{GCJ02: s.GCJ02, Helmert: s.Helmert, EPSG: s.EPSG}, nil)
				if err != nil {
					results[i].err = err
					continue
				}
				files[file] = parts
			}
			results[i].err = &layer.ReadError{File: filepath.Base(file), Fault: layer.Fault{Problem: layer.ProblemCannotReadTable, Subject: class}}
			for _, p := range parts {
				if p.id == s.Path || (class == "" && len(parts) == 1) {
					results[i] = read{layer: p.layer}
				}
			}
		}
	}, func() {
		var failed []string
		at.State.Update(func() {
			for i, s := range saved {
				if r := results[i]; r.err != nil {
					failed = append(failed, openReason(at.Lang(), r.err))
					continue
				}
				o := at.State.AddOverlay(s.Path, results[i].layer, ReadChoice{GCJ02: s.GCJ02, Helmert: s.Helmert, EPSG: s.EPSG})
				at.State.SetOverlayColor(o.ID, render.OverlayPalette[s.Color%len(render.OverlayPalette)])
				at.State.SetOverlayLabel(o.ID, s.Label)
				at.State.SetOverlayVisible(o.ID, s.Visible)
			}
		})
		if len(failed) > 0 {
			om.fail(at.Lang(), errors.New(strings.Join(failed, "\n")))
		}
	})
}

// ShowOpen asks how to read, then for a file, and opens it as an overlay.
func (om *OverlayManager) ShowOpen() {
	at := om.at
	l := at.Lang()
	gcj := widget.NewCheck(tr(l, "gcj02"), nil)
	note := widget.NewLabel(tr(l, "gcj02Note"))
	note.Wrapping = fyne.TextWrapWord
	helmert := newHelmertForm(l)
	var last crs.Helmert // the office's parameters, entered once
	if json.Unmarshal([]byte(at.App.Preferences().String("open.helmert")), &last) == nil {
		helmert.set(&last)
	}
	var choice ReadChoice
	fd := at.Dialogs.openInLastFolder(formats.Extensions, func(path string) { om.Open(path, choice, nil) })
	// How to read is chosen first, in a small dialog, then the file.
	more := widget.NewAccordion(widget.NewAccordionItem(tr(l, "helmertTitle"), helmert.box))
	d := dialog.NewCustomConfirm(tr(l, "openLayer"), tr(l, "chooseFile"), tr(l, "cancel"), container.NewVBox(gcj, note, more), func(ok bool) {
		if !ok {
			return
		}
		h, err := helmert.value()
		if err != nil {
			at.Dialogs.showError(err.Error())
			return
		}
		choice = ReadChoice{GCJ02: gcj.Checked, Helmert: h}
		if h != nil {
			b, _ := json.Marshal(h)
			at.App.Preferences().SetString("open.helmert", string(b))
		}
		at.Dialogs.showFile(fd)
	}, at.Win)
	d.Resize(fyne.NewSize(560, 260))
	d.Show()
}

func dirOf(path string) string {
	i := strings.LastIndexAny(path, `/\`)
	if i <= 0 {
		return path
	}
	return path[:i]
}

// crsPrefKey is where the coordinate system chosen for the file at path
// is kept.
func crsPrefKey(path string) string { return "open.crs:" + path }

// guessedEPSG is the coordinate system the reader guessed for a layer
// whose file names none (0 when it named one or none was guessed).
func guessedEPSG(l *layer.Layer) int {
	for _, w := range l.Report.Warnings {
		if w.Problem == layer.ProblemCRSGuessed {
			code, _ := strconv.Atoi(strings.TrimPrefix(w.Subject, "EPSG:"))
			return code
		}
	}
	return 0
}

// confirmCRS asks the planner to confirm the coordinate system guessed
// for a drawing (already drawn so), or to choose another: the drawing is
// then read again in it. Either way the choice is kept for the file.
func (om *OverlayManager) confirmCRS(path string, code int) {
	at := om.at
	l := at.Lang()
	keep := func(c int) { at.App.Preferences().SetInt(crsPrefKey(path), c) }
	msg := fmt.Sprintf(tr(l, "crsGuessed"), filepath.Base(path), crsName(l, code))
	d := dialog.NewCustomConfirm(tr(l, "crsTitle"), tr(l, "crsRight"), tr(l, "crsChange"), messageLabel(msg), func(right bool) {
		if right {
			keep(code)
			return
		}
		at.Basemaps.askCRS(func(c int) {
			keep(c)
			om.Close(path)
			om.Open(path, ReadChoice{EPSG: c}, nil)
		})
	}, at.Win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// crsName names a coordinate system as the choice list does, or by its
// EPSG code.
func crsName(l string, code int) string {
	for _, c := range crsChoices {
		if c.code == code {
			switch {
			case l == "en" && strings.HasSuffix(c.en, ")"):
				return fmt.Sprintf("%s, EPSG:%d)", strings.TrimSuffix(c.en, ")"), code)
			case l == "en":
				return fmt.Sprintf("%s (EPSG:%d)", c.en, code)
			case strings.HasSuffix(c.zh, "）"):
				return fmt.Sprintf("%s，EPSG:%d）", strings.TrimSuffix(c.zh, "）"), code)
			}
			return fmt.Sprintf("%s（EPSG:%d）", c.zh, code)
		}
	}
	switch {
	case code >= 4513 && code <= 4533 && l == "en":
		return fmt.Sprintf("CGCS2000 3° zone %d, with the zone number (EPSG:%d)", code-4488, code)
	case code >= 4513 && code <= 4533:
		return fmt.Sprintf("CGCS2000 3度带 %d 带（带带号，EPSG:%d）", code-4488, code)
	case code >= 4534 && code <= 4554 && l == "en":
		return fmt.Sprintf("CGCS2000 3° zone, CM %d°E, no zone number (EPSG:%d)", 75+(code-4534)*3, code)
	case code >= 4534 && code <= 4554:
		return fmt.Sprintf("CGCS2000 3度带 中央经线 %d°E（不带带号，EPSG:%d）", 75+(code-4534)*3, code)
	case code >= 4491 && code <= 4501 && l == "en":
		return fmt.Sprintf("CGCS2000 6° zone %d (EPSG:%d)", code-4478, code)
	case code >= 4491 && code <= 4501:
		return fmt.Sprintf("CGCS2000 6度带 %d 带（EPSG:%d）", code-4478, code)
	}
	return fmt.Sprintf("EPSG:%d", code)
}

// drawingUnplaced says a CAD drawing (which names no coordinate system)
// could not be placed from its numbers.
func drawingUnplaced(path string, err error) bool {
	var re *layer.ReadError
	return strings.EqualFold(filepath.Ext(path), ".dxf") && errors.As(err, &re) &&
		(re.Problem == layer.ProblemNotLonLat || re.Problem == layer.ProblemOutsideCRS)
}
