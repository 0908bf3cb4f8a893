package app

import (
	"fmt"
	"image/color"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"
)

// overlayRows builds the layer panel's rows for the open overlays, top of
// the list drawn on top. Every control changes the State; the map follows.
func (lp *LayerPanel) overlayRows() []fyne.CanvasObject {
	at := lp.at
	st := at.State
	l := at.Lang()
	ovs := st.Overlays()
	if len(ovs) == 0 {
		return nil
	}
	rows := []fyne.CanvasObject{widget.NewSeparator(), container.NewBorder(nil, nil,
		widget.NewLabelWithStyle(tr(l, "overlays"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil)}
	for i := len(ovs) - 1; i >= 0; i-- {
		o := ovs[i]
		id := o.ID
		// The name wraps under its own width: a long file name must not
		// widen the panel (which narrowed the map, and Home zoomed out
		// with every layer opened).
		check := widget.NewCheck("", func(on bool) { st.SetOverlayVisible(id, on) })
		check.Checked = o.Visible
		name := widget.NewLabel(fmt.Sprintf("%s (%d)", o.Name, len(o.Layer.Features)))
		name.Wrapping = fyne.TextWrapBreak
		sw := canvas.NewRectangle(color.NRGBA(o.Color))
		sw.SetMinSize(fyne.NewSize(14, 14))
		sw.CornerRadius = 3
		fields := append([]string{tr(l, "noLabel")}, o.Layer.Fields...)
		label := widget.NewSelect(fields, nil)
		if o.LabelField == "" {
			label.SetSelectedIndex(0)
		} else {
			label.Selected = o.LabelField
		}
		label.OnChanged = func(s string) {
			if label.SelectedIndex() == 0 {
				s = ""
			}
			st.SetOverlayLabel(id, s)
		}
		up := at.Dialogs.newTipButton(tr(l, "moveUp"), theme.MoveUpIcon(), func() { st.MoveOverlay(id, 1) })
		down := at.Dialogs.newTipButton(tr(l, "moveDown"), theme.MoveDownIcon(), func() { st.MoveOverlay(id, -1) })
		rm := at.Dialogs.newTipButton(tr(l, "closeLayer"), theme.DeleteIcon(), func() { at.Overlays.Close(id) })
		zoom := at.Dialogs.newTipButton(tr(l, "zoomToLayer"), theme.ZoomFitIcon(), func() { at.FrameOverlay(id) })
		info := widget.NewLabel(fmt.Sprintf("%s · %s · %s%s", strings.ToUpper(o.Layer.Format), o.Layer.CRS,
			strconv.Itoa(o.Layer.Vertices()), tr(l, "vertices")))
		info.Wrapping = fyne.TextWrapWord
		info.TextStyle.Italic = true
		// Each control on a row of its own width: the panel is narrow, and
		// nothing in it may be cut off.
		rows = append(rows, container.NewBorder(nil, nil, container.NewHBox(container.NewCenter(sw), check), nil, name),
			label, container.NewHBox(zoom, up, down, rm), info)
		if notice := lp.readNotice(o); notice != nil {
			rows = append(rows, notice)
		}
	}
	return rows
}

// readNotice is the row that tells the planner a file was not read whole
// (features left out, records without geometry, a datum not shifted), with
// a button that shows the read report in the detail panel; nil when the
// file was read whole.
func (lp *LayerPanel) readNotice(o OpenOverlay) fyne.CanvasObject {
	at, l := lp.at, lp.at.Lang()
	r := o.Layer.Report
	var parts []string
	count := func(key string, n int) string {
		if n == 1 {
			key += "One"
		}
		return fmt.Sprintf(tr(l, key), n)
	}
	if r.Skipped > 0 {
		parts = append(parts, count("readSkipped", r.Skipped))
	}
	if n := len(o.Layer.Unplaced); n > 0 {
		parts = append(parts, count("readUnplaced", n))
	}
	if len(r.Warnings) > 0 {
		parts = append(parts, tr(l, "readWarning"))
	}
	if len(parts) == 0 {
		return nil
	}
	text := widget.NewLabel(strings.Join(parts, " · "))
	text.Wrapping = fyne.TextWrapWord
	text.Importance = widget.WarningImportance
	report := at.Dialogs.newTipButton(tr(l, "readReportTip"), theme.WarningIcon(), func() { at.Detail.showOverlayReport(o) })
	report.SetText(tr(l, "readReport"))
	return container.NewVBox(text, container.NewHBox(report))
}

// maxUnplacedShown bounds the records without geometry the report lists.
const maxUnplacedShown = 200

// showOverlayReport shows in the detail panel what reading an overlay's
// file left out and why, its warnings, and the records kept without
// geometry with their attributes.
func (d *DetailPanel) showOverlayReport(o OpenOverlay) {
	at, l := d.at, d.at.Lang()
	d.Current, d.Quotes = nil, nil
	d.shown = "report:" + o.ID
	d.box.RemoveAll()
	d.box.Add(widget.NewRichText(&widget.TextSegment{Text: o.Name + " · " + tr(l, "readReport"), Style: widget.RichTextStyleHeading}))
	d.box.Add(line(tr(l, "overlays"), o.Name+" ("+strings.ToUpper(o.Layer.Format)+", "+o.Layer.CRS+")"))
	if o.Layer.Encoding != "" {
		d.box.Add(line(tr(l, "encoding"), o.Layer.Encoding))
	}
	msg := widget.NewLabel(o.Layer.Report.Message(l, len(o.Layer.Features), len(o.Layer.Unplaced)))
	msg.Wrapping = fyne.TextWrapWord
	d.box.Add(msg)
	if n := len(o.Layer.Unplaced); n > 0 {
		d.box.Add(widget.NewLabelWithStyle(tr(l, "unplacedRecords"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for i, f := range o.Layer.Unplaced[:min(n, maxUnplacedShown)] {
			attrs := f.Attrs()
			title := fmt.Sprintf("#%d", i+1)
			if o.LabelField != "" && attrs[o.LabelField] != nil {
				title += " " + fmt.Sprint(attrs[o.LabelField])
			}
			d.box.Add(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
			for _, k := range sortedKeys(attrs, o.Layer.Fields) {
				d.box.Add(line(k, fmt.Sprint(attrs[k])))
			}
		}
		if n > maxUnplacedShown {
			d.box.Add(widget.NewLabel(fmt.Sprintf(tr(l, "moreRecords"), n-maxUnplacedShown)))
		}
	}
	d.box.Refresh()
	d.scroll.ScrollToTop()
	at.tabs.SelectIndex(0)
}

// sortedKeys orders a record's attribute names as the layer's fields are.
func sortedKeys(props map[string]any, fields []string) []string {
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	order := map[string]int{}
	for i, k := range fields {
		order[k] = i
	}
	sort.SliceStable(keys, func(a, b int) bool {
		if order[keys[a]] != order[keys[b]] {
			return order[keys[a]] < order[keys[b]]
		}
		return keys[a] < keys[b]
	})
	return keys
}

// showOverlayFeature shows an overlay feature's attributes.
func (d *DetailPanel) showOverlayFeature(o OpenOverlay, i int) {
	l := d.at.Lang()
	d.Current, d.Quotes = nil, nil
	d.box.RemoveAll()
	f := o.Layer.Features[i]
	attrs := f.Attrs()
	title := fmt.Sprintf("%s #%d", o.Name, i+1)
	if o.LabelField != "" && attrs[o.LabelField] != nil {
		title = fmt.Sprint(attrs[o.LabelField])
	}
	d.box.Add(widget.NewRichText(&widget.TextSegment{Text: title, Style: widget.RichTextStyleHeading}))
	d.box.Add(line(tr(l, "overlays"), o.Name+" ("+o.Layer.Format+", "+o.Layer.CRS+")"))
	d.box.Add(line(tr(l, "kind"), geometryName(l, f.Geometry)))
	for _, k := range sortedKeys(attrs, o.Layer.Fields) {
		d.box.Add(line(k, fmt.Sprint(attrs[k])))
	}
	d.box.Refresh()
	d.scroll.ScrollToTop()
}

// geometryName names a geometry's type in the planner's language.
func geometryName(l string, g orb.Geometry) string {
	key := "geomOther"
	switch g.(type) {
	case orb.Point:
		key = "geomPoint"
	case orb.MultiPoint:
		key = "geomPoints"
	case orb.LineString, orb.MultiLineString:
		key = "geomLine"
	case orb.Polygon, orb.MultiPolygon, orb.Ring:
		key = "geomArea"
	}
	return tr(l, key)
}
