package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/geo/basemap"
)

// basemapRows builds the layer panel's base-map section: under the plan's
// layers as the base maps lie under the plan; the top row is drawn on top.
func (lp *LayerPanel) basemapRows() []fyne.CanvasObject {
	at := lp.at
	st := at.State
	l := at.Lang()
	add := widget.NewButtonWithIcon(tr(l, "addBasemap"), theme.ContentAddIcon(), at.Basemaps.ShowAdd)
	rows := []fyne.CanvasObject{widget.NewSeparator(),
		widget.NewLabelWithStyle(tr(l, "basemaps"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	bms := st.Basemaps()
	for i := len(bms) - 1; i >= 0; i-- {
		b := bms[i]
		id := b.ID
		info := b.Source.Info()
		name := info.Name
		if b.Online {
			name += " · " + tr(l, "online")
		}
		check := widget.NewCheck(name, func(on bool) { st.SetBasemapVisible(id, on) })
		check.Checked = b.Visible
		op := widget.NewSlider(0.05, 1)
		op.Step = 0.05
		op.Value = b.Opacity
		op.OnChanged = func(v float64) { st.SetBasemapOpacity(id, v) }
		grey := widget.NewCheck(tr(l, "basemapGrey"), func(on bool) { st.SetBasemapGrey(id, on) })
		grey.Checked = b.Grey
		over := widget.NewCheck(tr(l, "basemapOver"), func(on bool) { st.SetBasemapOver(id, on) })
		over.Checked = b.Over
		look := []fyne.CanvasObject{grey}
		if info.Elevation {
			tint := widget.NewCheck(tr(l, "reliefTint"), func(on bool) { st.SetBasemapTint(id, on) })
			tint.Checked = b.Tint
			look = append(look, tint)
		}
		up := at.Dialogs.newTipButton(tr(l, "moveUp"), theme.MoveUpIcon(), func() { st.MoveBasemap(id, 1) })
		down := at.Dialogs.newTipButton(tr(l, "moveDown"), theme.MoveDownIcon(), func() { st.MoveBasemap(id, -1) })
		rm := at.Dialogs.newTipButton(tr(l, "closeLayer"), theme.DeleteIcon(), func() { at.Basemaps.Close(id) })
		tools := []fyne.CanvasObject{up, down, rm}
		if !info.Bound.IsZero() {
			zoom := at.Dialogs.newTipButton(tr(l, "zoomToLayer"), theme.ZoomFitIcon(), func() { at.FrameBound(info.Bound) })
			tools = append([]fyne.CanvasObject{zoom}, tools...)
		}
		if r, ok := b.Source.(*basemap.Raster); ok && r.NeedsOverviews() {
			// A big image without overviews (opened before, or the offer
			// declined): build them from its row.
			pyr := at.Dialogs.newTipButton(tr(l, "ovrTitle"), theme.ViewFullScreenIcon(), func() { at.Basemaps.offerOverviews(b) })
			tools = append(tools, pyr)
		}
		if b.Online && saveAllowed(b.Spec) {
			save := at.Dialogs.newTipButton(tr(l, "saveOffline"), theme.DownloadIcon(), func() { at.Basemaps.ShowSaveOffline(id) })
			tools = append(tools, save)
		}
		rows = append(rows, check,
			container.NewBorder(nil, nil, widget.NewLabel(tr(l, "opacity")), nil, op),
			container.NewHBox(look...), over, container.NewHBox(tools...))
	}
	if lp.basemapNote != "" {
		note := widget.NewLabel(lp.basemapNote)
		note.Wrapping = fyne.TextWrapWord
		note.Importance = widget.WarningImportance
		rows = append(rows, note)
	}
	return append(rows, add)
}

// basemapIDs is what the base-map rows were built for: rebuilt when
// base maps come, go or move, not while an opacity slider is dragged.
func basemapIDs(s *State) string {
	var ids []string
	for _, b := range s.Basemaps() {
		ids = append(ids, b.ID)
	}
	return strings.Join(ids, "\n")
}

// showBasemapStats says, quietly, that tiles are missing offline.
func (lp *LayerPanel) showBasemapStats(st basemap.Stats) {
	note := ""
	if st.Missing > 0 {
		note = fmt.Sprintf(tr(lp.at.Lang(), "tilesMissing"), st.Missing)
	}
	if note != lp.basemapNote {
		lp.basemapNote = note
		lp.Refresh()
	}
}

// ShowAdd offers the ways to add a base map.
func (bm *BasemapManager) ShowAdd() {
	at := bm.at
	l := at.Lang()
	var d dialog.Dialog
	choice := func(key string, f func()) fyne.CanvasObject {
		return widget.NewButton(tr(l, key), func() { d.Hide(); f() })
	}
	note := widget.NewLabel(tr(l, "basemapAddNote"))
	note.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustom(tr(l, "basemaps"), tr(l, "cancel"), container.NewVBox(note,
		choice("basemapFile", bm.ShowOpenFile), choice("basemapOnline", bm.ShowOnline), choice("georefScan", at.Basemaps.ShowGeoreference)), at.Win)
	d.Resize(fyne.NewSize(460, 300))
	d.Show()
}

// basemapExts are the files a base map opens from.
var basemapExts = []string{".mbtiles", ".gpkg", ".tif", ".tiff", ".jpg", ".jpeg", ".png"}

// ShowOpenFile asks for a base map file and opens it; a file that names
// no coordinate system asks for one.
func (bm *BasemapManager) ShowOpenFile() {
	bm.at.Dialogs.pickOpen(basemapExts, func(path string) { bm.openAsking(path, 0) })
}

func (bm *BasemapManager) openAsking(path string, epsg int) {
	at := bm.at
	var src basemap.Source
	var err error
	lang := at.Lang() // read here: the state belongs to the UI goroutine
	at.background(func() {
		src, err = basemap.Open(path, basemap.OpenOptions{EPSG: epsg, Lang: lang, OverviewDir: overviewDir()})
		if src != nil {
			src.Close() // only a check; OpenFile opens it for good
		}
	}, func() {
		var be *basemap.Error
		if errors.As(err, &be) && be.Problem == basemap.ProblemNeedsCRS && epsg == 0 {
			bm.askCRS(func(code int) { bm.openAsking(path, code) })
			return
		}
		if err != nil {
			bm.fail(err)
			return
		}
		bm.OpenFile(path, epsg, nil, nil)
	})
}

// crsChoices are the coordinate systems offered for a file that names
// none: those of Chinese planning offices and of web maps.
var crsChoices = []struct {
	code   int
	zh, en string
}{
	{4490, "CGCS2000 经纬度", "CGCS2000 lon/lat"},
	{4326, "WGS 84 经纬度", "WGS 84 lon/lat"},
	{3857, "Web 墨卡托（网络地图）", "Web Mercator (web maps)"},
	{4544, "CGCS2000 3度带 中央经线 105°E（不带带号）", "CGCS2000 3° zone, CM 105°E (no zone prefix)"},
	{4545, "CGCS2000 3度带 中央经线 108°E（不带带号）", "CGCS2000 3° zone, CM 108°E (no zone prefix)"},
	{4523, "CGCS2000 3度带 35 带（带带号）", "CGCS2000 3° zone 35 (with prefix)"},
	{4524, "CGCS2000 3度带 36 带（带带号）", "CGCS2000 3° zone 36 (with prefix)"},
	{4502, "CGCS2000 6度带 中央经线 105°E（不带带号）", "CGCS2000 6° zone, CM 105°E (no prefix)"},
	{4489, "CGCS2000 6度带 18 带（带带号）", "CGCS2000 6° zone 18 (with prefix)"},
}

// askCRS asks which coordinate system a file is in.
func (bm *BasemapManager) askCRS(then func(code int)) {
	at := bm.at
	l := at.Lang()
	var names []string
	for _, c := range crsChoices {
		n := c.zh
		if l == "en" {
			n = c.en
		}
		names = append(names, fmt.Sprintf("%s（EPSG:%d）", n, c.code))
	}
	sel := widget.NewSelect(names, nil)
	sel.SetSelectedIndex(0)
	other := widget.NewEntry()
	other.SetPlaceHolder(tr(l, "epsgOther"))
	msg := widget.NewLabel(tr(l, "crsAsk"))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(tr(l, "crsTitle"), tr(l, "ok"), tr(l, "cancel"), container.NewVBox(msg, sel, other), func(ok bool) {
		if !ok {
			return
		}
		code := crsChoices[max(0, sel.SelectedIndex())].code
		if s := strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(other.Text)), "EPSG:"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				at.Dialogs.showError(tr(l, "epsgBad"))
				return
			}
			code = n
		}
		then(code)
	}, at.Win)
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
}

// ShowOnline lets the planner turn an online base map on, saying plainly
// that the app will then go online.
func (bm *BasemapManager) ShowOnline() {
	at := bm.at
	l := at.Lang()
	provs := basemap.Providers()
	var names []string
	for _, p := range provs {
		if l == "en" {
			names = append(names, p.NameEn)
		} else {
			names = append(names, p.Name)
		}
	}
	names = append(names, tr(l, "customTiles"))
	key := widget.NewPasswordEntry()
	key.SetPlaceHolder(tr(l, "tiandituKey"))
	key.SetText(at.Work.shared.String(keyPref))
	addr := widget.NewEntry()
	addr.SetPlaceHolder(tr(l, "customTilesHint"))
	terms := widget.NewLabel("")
	terms.Wrapping = fyne.TextWrapWord
	sel := widget.NewSelect(names, nil)
	sel.OnChanged = func(string) {
		i := sel.SelectedIndex()
		key.Hide()
		addr.Hide()
		terms.SetText("")
		if i >= 0 && i < len(provs) {
			if provs[i].NeedsKey {
				key.Show()
			}
			terms.SetText(provs[i].TermsZh + " · " + provs[i].TermsURL)
			if l == "en" {
				terms.SetText(provs[i].TermsURL)
			}
		} else {
			addr.Show()
		}
	}
	sel.SetSelectedIndex(0)
	warn := widget.NewLabel(tr(l, "onlineWarning"))
	warn.Wrapping = fyne.TextWrapWord
	warn.Importance = widget.WarningImportance
	offset := widget.NewLabel(basemap.OffsetProviders(l))
	offset.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(tr(l, "onlineTitle"), tr(l, "goOnline"), tr(l, "cancel"),
		container.NewVBox(warn, sel, key, addr, terms, offset), func(ok bool) {
			if !ok {
				return
			}
			i := sel.SelectedIndex()
			spec := strings.TrimSpace(addr.Text)
			if i >= 0 && i < len(provs) {
				spec = provs[i].ID
				if provs[i].NeedsKey {
					at.Work.saveShared(keyPref, strings.TrimSpace(key.Text))
				}
			}
			bm.AddOnline(spec, nil)
		}, at.Win)
	d.Resize(fyne.NewSize(560, 440))
	d.Show()
}

// ShowSaveOffline downloads the view's tiles of an online base map for
// chosen zoom levels, with progress and cancel.
func (bm *BasemapManager) ShowSaveOffline(id string) {
	at := bm.at
	l := at.Lang()
	b, ok := at.State.Basemap(id)
	if !ok {
		return
	}
	v := at.Map.View()
	z := basemap.ZoomFor(v, 256, 1, 18)
	var levels []string
	for i := 1; i <= 18; i++ {
		levels = append(levels, strconv.Itoa(i))
	}
	from, to := widget.NewSelect(levels, nil), widget.NewSelect(levels, nil)
	count := widget.NewLabel("")
	update := func(string) {
		a, c := from.SelectedIndex()+1, to.SelectedIndex()+1
		if a > c {
			count.SetText(tr(l, "saveZoomOrder"))
			return
		}
		keys, trunc := basemap.TilesIn(v.Bound(), a, c, maxSaveTiles+1)
		if trunc {
			count.SetText(fmt.Sprintf(tr(l, "saveTooMany"), maxSaveTiles))
		} else {
			count.SetText(fmt.Sprintf(tr(l, "saveCount"), len(keys)))
		}
	}
	from.OnChanged, to.OnChanged = update, update
	from.SetSelectedIndex(max(0, z-3))
	to.SetSelectedIndex(min(17, z+1))
	note := widget.NewLabel(tr(l, "saveNote"))
	note.Wrapping = fyne.TextWrapWord
	form := container.NewVBox(note, container.NewGridWithColumns(4, widget.NewLabel(tr(l, "zoomFrom")), from, widget.NewLabel(tr(l, "zoomTo")), to), count)
	d := dialog.NewCustomConfirm(tr(l, "saveOffline")+" · "+b.Source.Info().Name, tr(l, "saveStart"), tr(l, "cancel"), form, func(ok bool) {
		if !ok {
			return
		}
		a, c := from.SelectedIndex()+1, to.SelectedIndex()+1
		b, ok := at.State.Basemap(id)
		if !ok {
			return
		}
		ctx, step, end := at.Dialogs.progressBar(tr(l, "saveOffline"), tr(l, "saving"))
		var saved, missing int
		var err error
		area := at.Map.View().Bound()
		at.background(func() {
			saved, missing, err = saveArea(ctx, b, area, l, a, c, step)
		}, func() {
			end()
			switch {
			case errors.Is(err, context.Canceled):
			case err != nil:
				at.Dialogs.showError(basemap.Message(err, l))
			default:
				at.Dialogs.showMessage(tr(l, "saveOffline"), fmt.Sprintf(tr(l, "saveDone"), saved, missing))
			}
		})
	}, at.Win)
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
}
