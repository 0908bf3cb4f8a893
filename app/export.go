package app

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/geo/proj"
	"github.com/planatlas/planatlas/geo/render"
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
	Format    string // png, svg, pdf
	W, H      int
	DPI       float64
	WholeCity bool // false: the current view (same centre, scale adapted to the page)
	Title     string
	Frame     render.Frame
	Path      string
}

// ExportScene builds the scene an export request draws: the map as shown
// (layers, language, selection), at the requested size.
func (at *Atlas) ExportScene(r ExportRequest) *render.Scene {
	cur := at.Map.View()
	s := at.scene(cur)
	s.Hover = ""
	s.Frame, s.Title = r.Frame, r.Title
	if at.themeV == "dark" && r.Format != "png" {
		s.Theme = render.ThemePrint
	}
	if r.WholeCity || cur.Width <= 0 {
		s.View = render.FitView(render.CityBound(at.Plan), r.W, r.H, r.DPI, r.Frame)
	} else {
		// Keep the area on screen: fit its bound into the page.
		s.View = render.FitView(cur.Bound(), r.W, r.H, r.DPI, render.Frame{})
		_ = proj.View{}
	}
	return s
}

// Export writes the request's file; errors say why, and an older file at
// the path is kept.
func (at *Atlas) Export(r ExportRequest) error {
	return render.WriteFile(at.ExportScene(r), r.Format, r.Path)
}

// ShowExport opens the export dialog.
func (at *Atlas) ShowExport() {
	l := at.Lang()
	names := make([]string, len(ExportPresets))
	for i, p := range ExportPresets {
		names[i] = p.NameZh
		if l == "en" {
			names[i] = p.NameEn
		}
	}
	format := widget.NewRadioGroup([]string{"PNG", "SVG", "PDF"}, nil)
	format.Horizontal = true
	format.SetSelected(strings.ToUpper(at.App.Preferences().StringWithFallback("export.format", "PNG")))
	preset := widget.NewSelect(names, nil)
	preset.SetSelectedIndex(at.App.Preferences().IntWithFallback("export.preset", 0))
	cw, ch := widget.NewEntry(), widget.NewEntry()
	cw.SetText("2400")
	ch.SetText("1600")
	area := widget.NewRadioGroup([]string{tr(l, "home"), map[string]string{"zh": "当前视图", "en": "Current view"}[l]}, nil)
	area.SetSelected(area.Options[0])
	title := widget.NewEntry()
	t, _ := at.scene(at.Map.View()).MapTitle()
	title.SetText(t)
	chk := func(s string) *widget.Check { c := widget.NewCheck(s, nil); c.SetChecked(true); return c }
	ct, cl, cs, cn, ca := chk(tr(l, "title")), chk(tr(l, "legend")), chk(tr(l, "scale")), chk(map[string]string{"zh": "指北针", "en": "North arrow"}[l]), chk(map[string]string{"zh": "数据来源", "en": "Attribution"}[l])
	form := container.NewVBox(format, preset, container.NewGridWithColumns(2, cw, ch), area, title,
		container.NewGridWithColumns(3, ct, cl, cs, cn, ca))
	d := dialog.NewCustomConfirm(tr(l, "export"), tr(l, "export"), "✕", form, func(ok bool) {
		if !ok {
			return
		}
		p := ExportPresets[preset.SelectedIndex()]
		w, h, dpi := p.Size()
		if p.NameEn == "Custom" {
			w, _ = strconv.Atoi(cw.Text)
			h, _ = strconv.Atoi(ch.Text)
		}
		req := ExportRequest{Format: strings.ToLower(format.Selected), W: w, H: h, DPI: dpi, WholeCity: area.Selected == area.Options[0],
			Title: title.Text, Frame: render.Frame{Title: ct.Checked, Legend: cl.Checked, ScaleBar: cs.Checked, North: cn.Checked, Attribution: ca.Checked}}
		if req.W < 200 || req.H < 150 || req.W > 20000 || req.H > 20000 {
			dialog.ShowError(fmt.Errorf(tr(l, "exportFailed"), fmt.Sprintf("%d×%d", req.W, req.H)), at.Win)
			return
		}
		at.App.Preferences().SetString("export.format", req.Format)
		at.App.Preferences().SetInt("export.preset", preset.SelectedIndex())
		at.saveDialog(req)
	}, at.Win)
	d.Resize(fyne.NewSize(520, 420))
	d.Show()
}

func (at *Atlas) saveDialog(req ExportRequest) {
	l := at.Lang()
	fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close() // the file is written atomically by the renderer, not through this handle
		req.Path = path
		at.App.Preferences().SetString("export.dir", filepath.Dir(path))
		if err := at.Export(req); err != nil {
			dialog.ShowError(fmt.Errorf(tr(l, "exportFailed"), err), at.Win)
			return
		}
		dialog.ShowInformation(tr(l, "export"), fmt.Sprintf(tr(l, "exportDone"), path), at.Win)
	}, at.Win)
	fd.SetFileName("巴中规划图." + req.Format)
	if dir := at.App.Preferences().String("export.dir"); dir != "" {
		if u, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			fd.SetLocation(u)
		}
	}
	fd.Show()
}
