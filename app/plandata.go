package app

import (
	"fmt"
	"image/color"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/planatlas/planatlas/geo/formats/geojson"
	"github.com/planatlas/planatlas/geo/formats/gpkg"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/geo/render"
)

// ShowExportData writes the plan's data (all or visible layers) as GeoJSON,
// KML or GeoPackage into the export folder.
func (ex *Exporter) ShowExportData() {
	at := ex.at
	l := at.Lang()
	format := widget.NewRadioGroup([]string{"GeoJSON", "KML", "GeoPackage"}, nil)
	format.Horizontal = true
	format.SetSelected("GeoJSON")
	which := widget.NewRadioGroup([]string{tr(l, "allLayers"), tr(l, "visibleLayers")}, nil)
	which.SetSelected(which.Options[0])
	f := NewExportForm(at)
	f.Name.SetText(exportName(at.Plan, l) + map[string]string{"zh": "要素", "en": "-features"}[l])
	folder := widget.NewLabel(f.Folder)
	d := dialog.NewCustomConfirm(tr(l, "exportData"), tr(l, "export"), tr(l, "cancel"),
		container.NewVBox(format, which, container.NewBorder(nil, nil, widget.NewLabel(tr(l, "folder")), nil, folder),
			container.NewBorder(nil, nil, widget.NewLabel(tr(l, "fileName")), nil, f.Name)), func(ok bool) {
			if !ok {
				return
			}
			ext := map[string]string{"GeoJSON": ".geojson", "KML": ".kml", "GeoPackage": ".gpkg"}[format.Selected]
			path := f.Folder + "/" + strings.TrimSuffix(strings.TrimSpace(f.Name.Text), ext) + ext
			var layers map[plan.GroupID]bool
			if which.Selected != which.Options[0] {
				layers = at.State.VisibleLayers()
			}
			if _, err := at.Exporter.ExportData(path, layers, l); err != nil {
				at.Dialogs.showError(fmt.Sprintf(tr(l, "exportFailed"), exportReason(l, err)))
				return
			}
			at.Dialogs.showMessage(tr(l, "exportData"), fmt.Sprintf(tr(l, "exportDone"), path))
		}, at.Win)
	d.Resize(fyne.NewSize(520, 300))
	d.Show()
}

// ExportData writes the plan's features in layers (all when nil) to path
// by its extension (.geojson, .kml, .gpkg), atomically.
func (ex *Exporter) ExportData(path string, layers map[plan.GroupID]bool, lang string) (int, error) {
	at := ex.at
	colour := func(k plan.Kind) color.NRGBA { return render.KindColour(render.ThemeLight, at.Plan, k) }
	fs := planpkg.PlanFeatures(at.Plan, layers, colour)
	switch {
	case strings.HasSuffix(path, ".kml"):
		return len(fs), atomicfile.Write(path, func(w io.Writer) error { return planpkg.WritePlanKML(w, at.Plan, layers, lang, colour) })
	case strings.HasSuffix(path, ".gpkg"):
		return len(fs), gpkg.Write(path, "plan", fs)
	}
	return len(fs), atomicfile.Write(path, func(w io.Writer) error { return geojson.Write(w, fs) })
}
