package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/geo/plan"
)

// The timeline: on, it draws the map as of the month shown; the month's
// events are listed; next/previous step between months with events; off,
// the map is the plan as adopted again. The detail panel lists a feature's
// dated steps and its stage on the date.
func TestTimeline(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	tl := at.Layers.Timeline
	if at.State.AsOf() != "" || tl.On.Checked {
		t.Fatal("the timeline is on at start")
	}
	if n := len(tl.months); tl.months[0] != "2020-07" || tl.months[n-1] != time.Now().Format("2006-01") {
		t.Errorf("months %s … %s", tl.months[0], tl.months[n-1])
	}
	tl.On.SetChecked(true)
	tl.setMonth("2024-05")
	tl.step(1)
	if got := at.State.AsOf(); got != "2024-06" {
		t.Fatalf("next event from 2024-05: %q", got)
	}
	if !strings.Contains(tl.Events.Text, "巴南高铁开通运营") {
		t.Errorf("events of 2024-06: %q", tl.Events.Text)
	}
	sc := at.State.Scene(at.Map.View(), nil)
	banan, _ := at.Plan.Feature("banan_hsr_section")
	if sc.AsOf != "2024-06" || sc.StageOf(banan) != plan.StageExisting {
		t.Errorf("scene as of %q draws 巴南高铁 %s", sc.AsOf, sc.StageOf(banan))
	}
	tl.step(-1)
	if got := at.State.AsOf(); got >= "2024-06" {
		t.Errorf("previous event: %q", got)
	}
	at.Select("banan_hsr_section")
	text := strings.Join(textsIn(at.Detail.Object()), "")
	for _, want := range []string{"进展记录", "2024-06-27", "巴南高铁开通运营", "新华社", "的阶段"} {
		if !strings.Contains(text, want) {
			t.Errorf("detail panel lacks %q", want)
		}
	}
	tl.On.SetChecked(false)
	if at.State.AsOf() != "" {
		t.Error("turning the timeline off leaves a date")
	}
}

// Play walks the months to today and stops there.
func TestTimelinePlays(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	tl := at.Layers.Timeline
	tl.setMonth(tl.months[len(tl.months)-3])
	tl.On.SetChecked(true)
	tl.toggle()
	settle(t, at)
	if tl.stop != nil {
		t.Error("still playing after the last month")
	}
	if got := at.State.AsOf(); got != tl.months[len(tl.months)-1] {
		t.Errorf("played to %q, want the last month", got)
	}
}

// The progress presentation steps through the milestones: each shows the
// map on its day, says what happened, its source and the clause that asked
// for it; leaving brings back the planner's date and the usual scenes.
func TestProgressPresentation(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Presentation.PresentProgress()
	settle(t, at)
	pr := at.Presentation.active
	if pr == nil {
		t.Fatal("no presentation")
	}
	ms := at.Plan.ProgressScenes()
	if n := len(at.State.PresentScenes()); n != len(ms) || n < 15 {
		t.Fatalf("%d milestones presented, plan has %d", n, len(ms))
	}
	idx := -1
	for i, s := range ms {
		if strings.Contains(s.NameZh, "巴南高铁开通运营") && strings.HasPrefix(s.NameZh, "2024-06-27") {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatal("no milestone for the opening of 巴南高铁")
	}
	pr.Go(idx)
	settle(t, at)
	banan, _ := at.Plan.Feature("banan_hsr_section")
	if at.State.AsOf() != "2024-06-27" || at.State.Scene(at.Map.View(), nil).StageOf(banan) != plan.StageExisting {
		t.Errorf("milestone shows the map as of %q", at.State.AsOf())
	}
	if !strings.Contains(pr.Caption.Text, "巴南高铁开通运营") || !strings.Contains(pr.Clauses.Text, "(十一)") || !strings.Contains(pr.Clauses.Text, "新华社") {
		t.Errorf("caption %q / %q", pr.Caption.Text, pr.Clauses.Text)
	}
	// The long caption fits the screen beside the counter, which shows.
	w := at.Win.Canvas().Size().Width
	for _, tx := range []*canvas.Text{pr.Caption, pr.Clauses} {
		if got := fyne.MeasureText(tx.Text, tx.TextSize, tx.TextStyle).Width; got > w-pr.Mark.Size().Width {
			t.Errorf("%q is %.0f wide on a %.0f screen", tx.Text, got, w)
		}
	}
	if pr.Mark.Size().Width < fyne.MeasureText(pr.Mark.Text, pr.Mark.TextSize, pr.Mark.TextStyle).Width {
		t.Errorf("the counter %q has %.0f px", pr.Mark.Text, pr.Mark.Size().Width)
	}
	// In English the milestone takes two lines, and the band grows to hold
	// them and the clause line.
	at.State.SetLang("en")
	pr.Go(idx)
	settle(t, at)
	paint(at)
	if !pr.Caption2.Visible() || pr.Caption2.Text == "" {
		t.Errorf("English caption %q on one line", pr.Caption.Text)
	}
	pos := at.App.Driver().AbsolutePositionForObject(pr.Clauses)
	if bottom := pos.Y + pr.Clauses.Size().Height; bottom > at.Win.Canvas().Size().Height+1 {
		t.Errorf("the clause line ends at %.0f, below the %.0f px screen", bottom, at.Win.Canvas().Size().Height)
	}
	at.State.SetLang("zh")
	if !at.State.IsSelected("banan_hsr_section") {
		t.Error("the milestone's feature is not highlighted")
	}
	pr.Leave()
	if at.State.AsOf() != "" || len(at.State.PresentScenes()) != len(at.State.Scenes()) {
		t.Errorf("after leaving: as of %q, %d scenes", at.State.AsOf(), len(at.State.PresentScenes()))
	}
}

// The implementation table: a row per project at the timeline's date,
// filters, sorting by a column, a row selects its feature, and the rows
// shown export as CSV and as a workbook.
func TestProgressTable(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	pt := at.Progress
	all := len(pt.Rows)
	if all < 40 {
		t.Fatalf("%d rows", all)
	}
	at.Layers.Timeline.On.SetChecked(true)
	at.Layers.Timeline.setMonth("2024-06")
	var banan *progressRowView
	for i, r := range pt.Rows {
		if r.ID == "banan_hsr_section" {
			banan = &progressRowView{i, r.Now, r.Reached}
		}
	}
	if banan == nil || banan.now != plan.StageExisting || banan.reached != "2024-06-27" {
		t.Errorf("巴南高铁 as of 2024-06: %+v", banan)
	}
	pt.Stage.SetSelectedIndex(1) // existing
	for _, r := range pt.Rows {
		if r.Now != plan.StageExisting {
			t.Errorf("filtered to existing, %s is %s", r.ID, r.Now)
		}
	}
	pt.Stage.SetSelectedIndex(0)
	// By the date reached, earliest first and then latest first; rows
	// with no date come last either way (they sorted first, and the
	// planner saw a page of blanks).
	for _, desc := range []bool{false, true} {
		pt.SortBy(4)
		blank := false
		for i, r := range pt.Rows {
			switch {
			case r.Reached == "":
				blank = true
			case blank:
				t.Fatalf("descending %v: a dated row %d after a blank one", desc, i)
			case i > 0 && !desc && pt.Rows[i-1].Reached > r.Reached, i > 0 && desc && pt.Rows[i-1].Reached < r.Reached:
				t.Fatalf("descending %v: not sorted by date at row %d", desc, i)
			}
		}
		if !blank || pt.Rows[0].Reached == "" {
			t.Fatalf("descending %v: the rows without a date are not last", desc)
		}
	}
	pt.Table.OnSelected(widget.TableCellID{Row: 0, Col: 0})
	if !at.State.IsSelected(pt.Rows[0].ID) {
		t.Error("a row does not select its feature")
	}
	dir := t.TempDir()
	for _, name := range []string{"进展.csv", "进展.xlsx"} {
		if err := pt.Export(filepath.Join(dir, name)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "进展.csv"))
	if n := strings.Count(string(b), "\n"); n != len(pt.Rows)+1 {
		t.Errorf("CSV has %d lines for %d rows", n, len(pt.Rows))
	}
}

type progressRowView struct {
	i       int
	now     plan.Stage
	reached string
}

// The progress report is written in the background from the File menu's
// entry; the status bar says where.
func TestProgressReportFromApp(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	path := filepath.Join(t.TempDir(), "report.pdf")
	var got error = errNotCalled
	at.Progress.ExportProgressReport(path, func(err error) { got = err })
	settle(t, at)
	if got != nil {
		t.Fatalf("report: %v", got)
	}
	b, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(b), "%PDF") || !strings.Contains(at.Status.Tool.Text, "report.pdf") {
		t.Errorf("no report written (%d bytes), status %q", len(b), at.Status.Tool.Text)
	}
}

var errNotCalled = os.ErrInvalid

// The progress table gets room: its tab widens the right panel, and the
// map has its width back after; the planner's own edge is what is kept.
func TestProgressTableWidensPanel(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	inner := at.body.(*container.Split).Trailing.(*container.Split)
	before := inner.Offset
	at.tabs.SelectIndex(2)
	if inner.Offset > progressTableEdge+1e-9 {
		t.Errorf("with the table shown the right panel's edge is at %.2f", inner.Offset)
	}
	at.saveSplits()
	if got := at.App.Preferences().Float("split.right"); got != before {
		t.Errorf("saved edge %.2f, the planner's was %.2f", got, before)
	}
	at.tabs.SelectIndex(0)
	if inner.Offset != before {
		t.Errorf("after the table the edge is at %.2f, was %.2f", inner.Offset, before)
	}
}

// The progress table fits its panel: on a 1400-px window it gives up the
// source and the text's verb (still in every export and the detail panel)
// rather than scroll sideways, never the project, its stage, date or what
// happened; on a 1920-px window every column shows. Rows are two lines.
func TestProgressTableFitsPanel(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	pt := at.Progress
	keep := map[int]bool{0: true, 5: true, 6: true, 7: true} // feature, stage now, reached, what happened
	for _, w := range []float32{1400, 1920} {
		at.Win.Resize(fyne.NewSize(w, 900))
		at.tabs.SelectIndex(2)
		paint(at)
		visible := pt.Table.Size().Width
		if pt.fitted != visible {
			t.Fatalf("%v px window: columns fitted to %.0f px, the table is %.0f", w, pt.fitted, visible)
		}
		cells := map[int]bool{}
		for _, c := range pt.shown {
			cells[tableCols[c].cell] = true
		}
		used := float32(0)
		_, widths := fitColumns(tableCols, pt.fitted-theme.ScrollBarSize(), theme.Padding())
		for _, x := range widths {
			used += x + theme.Padding()
		}
		if used > visible {
			t.Errorf("%v px window: the columns need %.0f px of the table's %.0f", w, used, visible)
		}
		for c := range keep {
			if !cells[c] {
				t.Errorf("%v px window: column %d given up (%v shown)", w, c, pt.shown)
			}
		}
		if w == 1920 && len(pt.shown) != len(tableCols) {
			t.Errorf("1920 px window: %d of %d columns", len(pt.shown), len(tableCols))
		}
		if w == 1400 && len(pt.shown) == len(tableCols) {
			t.Errorf("1400 px window: all %d columns squeezed in", len(tableCols))
		}
		at.tabs.SelectIndex(0)
	}
	// A row is two lines tall.
	cell := pt.Table.CreateCell()
	one := widget.NewLabel("国").MinSize().Height
	line := fyne.MeasureText("国", theme.TextSize(), fyne.TextStyle{}).Height
	if h := cell.MinSize().Height; h < one+line-1 {
		t.Errorf("a row is %.0f px, one line of label %.0f, a line of text %.0f", h, one, line)
	}
}
