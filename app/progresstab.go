package app

import (
	"fmt"
	"image/color"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/planatlas/planatlas/geo/guard"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/progress"
	"github.com/planatlas/planatlas/geo/render"
)

// ProgressTable is the implementation table beside the decision text: one
// row per project the decision asks for, filtered by part, layer and stage
// now, sorted by a column (tap its head), a row selects its feature on the
// map; exported as CSV or an Excel workbook.
type ProgressTable struct {
	at    *Atlas
	Table *widget.Table
	Part  *widget.Select
	Layer *widget.Select
	Stage *widget.Select
	Count *widget.Label
	obj   fyne.CanvasObject

	Rows    []progress.Row // shown, filtered and sorted
	sortCol int            // an index of tableCols, -1 for none
	desc    bool

	shown  []int   // the columns that fit the panel, indexes of tableCols
	fitted float32 // the width they were fitted to
}

// date is the table's date: the timeline's, else today.
func (pt *ProgressTable) date() string {
	if d := pt.at.State.AsOf(); d != "" {
		return d
	}
	return time.Now().Format("2006-01-02")
}

// NewProgressTable builds the table.
func NewProgressTable(at *Atlas) *ProgressTable {
	l := at.Lang()
	pt := &ProgressTable{at: at, sortCol: -1, Count: widget.NewLabel("")}
	parts := []string{tr(l, "allParts")}
	for _, p := range at.Plan.Doc.Parts {
		parts = append(parts, fmt.Sprintf(tr(l, "part"), p.Num))
	}
	pt.Part = widget.NewSelect(parts, func(string) { pt.Refresh() })
	layers := []string{tr(l, "allLayers")}
	for _, g := range at.Plan.Groups() {
		layers = append(layers, g.Name(l))
	}
	pt.Layer = widget.NewSelect(layers, func(string) { pt.Refresh() })
	stages := []string{tr(l, "allStages")}
	for _, s := range plan.Stages {
		stages = append(stages, s.Name(l))
	}
	pt.Stage = widget.NewSelect(stages, func(string) { pt.Refresh() })
	pt.Part.SetSelectedIndex(0)
	pt.Layer.SetSelectedIndex(0)
	pt.Stage.SetSelectedIndex(0)
	head := progress.Header(l)
	for i := range tableCols {
		pt.shown = append(pt.shown, i)
	}
	// Rows are two lines tall and cells wrap, so names, stages and what
	// happened read as words rather than a few characters and an ellipsis.
	twoLines := widget.NewLabel("国\n国").MinSize().Height
	pt.Table = widget.NewTable(
		func() (int, int) { return len(pt.Rows), len(pt.shown) },
		func() fyne.CanvasObject {
			lb := widget.NewLabel("")
			lb.Wrapping = fyne.TextWrapWord
			lb.Truncation = fyne.TextTruncateEllipsis
			height := canvas.NewRectangle(color.Transparent)
			height.SetMinSize(fyne.NewSize(0, twoLines))
			return container.NewStack(height, lb)
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(pt.Rows) && id.Col < len(pt.shown) {
				lb := o.(*fyne.Container).Objects[1].(*widget.Label)
				lb.SetText(pt.Rows[id.Row].Cells(l)[tableCols[pt.shown[id.Col]].cell])
			}
		})
	pt.Table.ShowHeaderRow = true
	pt.Table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewButton("", nil)
	}
	pt.Table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 {
			b.SetText("")
			return
		}
		if id.Col >= len(pt.shown) {
			return
		}
		col := pt.shown[id.Col]
		text := head[tableCols[col].cell]
		if col == pt.sortCol {
			text += map[bool]string{false: " ▲", true: " ▼"}[pt.desc]
		}
		b.SetText(text)
		b.OnTapped = func() { pt.SortBy(col) }
	}
	pt.Table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(pt.Rows) {
			fid := pt.Rows[id.Row].ID
			at.State.Select(fid)
			at.Frame([]string{fid})
		}
	}
	csvBtn := widget.NewButton(tr(l, "exportCSV"), func() { pt.pickExport(".csv") })
	xlsBtn := widget.NewButton(tr(l, "exportXLSX"), func() { pt.pickExport(".xlsx") })
	filters := container.NewGridWithColumns(3, pt.Part, pt.Layer, pt.Stage)
	table := container.New(fitLayout{pt}, pt.Table)
	pt.obj = container.NewBorder(container.NewVBox(filters, container.NewBorder(nil, nil, nil, container.NewHBox(csvBtn, xlsBtn), pt.Count)), nil, nil, nil, table)
	pt.Refresh()
	return pt
}

// Refresh rebuilds the rows for the date and the filters.
func (pt *ProgressTable) Refresh() {
	if pt.Table == nil {
		return
	}
	l := pt.at.Lang()
	var rows []progress.Row
	for _, r := range progress.Table(pt.at.Plan, pt.date()) {
		if i := pt.Part.SelectedIndex(); i > 0 && r.Part != pt.at.Plan.Doc.Parts[i-1].Num {
			continue
		}
		if i := pt.Layer.SelectedIndex(); i > 0 && r.Layer != pt.at.Plan.Groups()[i-1].ID {
			continue
		}
		if i := pt.Stage.SelectedIndex(); i > 0 && r.Now != plan.Stages[i-1] {
			continue
		}
		rows = append(rows, r)
	}
	if pt.sortCol >= 0 {
		c := tableCols[pt.sortCol].cell
		sort.SliceStable(rows, func(i, j int) bool {
			a, b := rows[i].Cells(l)[c], rows[j].Cells(l)[c]
			if (a == "") != (b == "") {
				return b == "" // blanks (no date, no source) last, either way
			}
			if pt.desc {
				return a > b
			}
			return a < b
		})
	}
	pt.Rows = rows
	pt.Count.SetText(fmt.Sprintf(tr(l, "projectsAsOf"), len(rows), pt.date()))
	pt.Table.Refresh()
}

// fit shows the columns that fit width and shares it among them.
func (pt *ProgressTable) fit(width float32) {
	if width <= 0 || width == pt.fitted {
		return
	}
	pt.fitted = width
	sep := theme.Padding() // the table's divider
	// The vertical scroll bar lies over the last column: leave it room.
	shown, widths := fitColumns(tableCols, width-theme.ScrollBarSize(), sep)
	same := len(shown) == len(pt.shown)
	for i := 0; same && i < len(shown); i++ {
		same = shown[i] == pt.shown[i]
	}
	pt.shown = shown
	for i, w := range widths {
		pt.Table.SetColumnWidth(i, w)
	}
	if !same {
		pt.Table.Refresh()
	}
}

// fitLayout lays the progress table out at its container's size, fitting
// its columns to the width first.
type fitLayout struct{ pt *ProgressTable }

func (l fitLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.pt.fit(size.Width)
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l fitLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return l.pt.Table.MinSize()
}

// SortBy sorts by column col (an index of tableCols); again, the other way.
func (pt *ProgressTable) SortBy(col int) {
	if pt.sortCol == col {
		pt.desc = !pt.desc
	} else {
		pt.sortCol, pt.desc = col, false
	}
	pt.Refresh()
}

// Export writes the rows shown as CSV or, for a .xlsx path, a workbook.
func (pt *ProgressTable) Export(path string) error {
	l := pt.at.Lang()
	title := fmt.Sprintf(tr(l, "progressTitle"), pt.at.Plan.Info.ProgressHeading(l), pt.date())
	return atomicfile.Write(path, func(w io.Writer) error {
		if strings.EqualFold(filepath.Ext(path), ".xlsx") {
			return progress.WriteXLSX(w, pt.Rows, l, title)
		}
		return progress.WriteCSV(w, pt.Rows, l)
	})
}

func (pt *ProgressTable) pickExport(e string) {
	l := pt.at.Lang()
	pt.at.Dialogs.pickSave(tr(l, "progressFile")+e, func(path string) {
		if err := pt.Export(path); err != nil {
			pt.at.Dialogs.showError(fmt.Sprintf(tr(l, "exportFailed"), err))
			return
		}
		pt.at.Status.Say(fmt.Sprintf(tr(l, "exportDone"), path))
	})
}

// changed follows the timeline's date and the language.
func (pt *ProgressTable) changed(c Change) {
	if c&ChangeAsOf != 0 {
		pt.Refresh()
	}
}

// Object is the table's canvas object.
func (pt *ProgressTable) Object() fyne.CanvasObject { return pt.obj }

// ExportProgressReport writes the progress report (PDF) as of the
// timeline's date (today when it is off) in the background, and says in
// the status bar when it is done or why it failed. done, when not nil, is
// called on the UI goroutine with the error.
func (px *ProgressTable) ExportProgressReport(path string, done func(error)) {
	at := px.at
	l := at.Lang()
	date := at.Progress.date()
	at.jobs.Add(1)
	go func() {
		defer at.jobs.Add(-1)
		var err error
		if perr := guard.Run(func() {
			rep := progress.Report(at.Plan, date, l)
			err = atomicfile.Write(path, func(w io.Writer) error { return render.WriteReportPDF(w, rep) })
		}); perr != nil {
			err = perr
		}
		at.do(func() {
			if err != nil {
				at.Dialogs.showError(fmt.Sprintf(tr(l, "exportFailed"), err))
			} else {
				at.Status.Say(fmt.Sprintf(tr(l, "exportDone"), path))
			}
			if done != nil {
				done(err)
			}
		})
	}()
}

// showProgressReport asks where to write the progress report.
func (px *ProgressTable) showProgressReport() {
	at := px.at
	at.Dialogs.pickSave(tr(at.Lang(), "progressReportFile"), func(path string) { at.Progress.ExportProgressReport(path, nil) })
}
