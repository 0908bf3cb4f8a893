package progress_test

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/geo/progress"
)

func load(t *testing.T) *plan.Plan {
	t.Helper()
	p, err := planpkg.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func find(t *testing.T, rows []progress.Row, id string) progress.Row {
	t.Helper()
	for _, r := range rows {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no row %s", id)
	return progress.Row{}
}

// One row per project the decision asks for, in clause order, with the
// stage reached by the table's date and the event that reached it.
func TestTable(t *testing.T) {
	p := load(t)
	now := progress.Table(p, "2026-11")
	if len(now) < 40 {
		t.Fatalf("%d rows", len(now))
	}
	for i := 1; i < len(now); i++ {
		a, _ := p.Doc.Clause(now[i-1].Clause)
		b, _ := p.Doc.Clause(now[i].Clause)
		if a != nil && b != nil && a.Index > b.Index {
			t.Errorf("row %d (%s) before %s: not in clause order", i, now[i-1].Clause, now[i].Clause)
		}
	}
	banan := find(t, now, "banan_hsr_section")
	if banan.Now != plan.StageExisting || banan.Reached != "2024-06-27" || banan.Source.Publisher == "" || banan.Clause != "十一" || banan.Part != "四" || banan.Verb != "加快建成" {
		t.Errorf("巴南高铁 now: %+v", banan)
	}
	before := find(t, progress.Table(p, "2024-06-26"), "banan_hsr_section")
	if before.Now != plan.StageUnderConstruction || before.Reached != "" {
		t.Errorf("巴南高铁 the day before opening: %+v", before)
	}
	none := find(t, now, "pingchang_ga_airport")
	if none.Reached != "" || !strings.Contains(strings.Join(none.Cells("zh"), "|"), "未找到公开信息") {
		t.Errorf("a project with no events: %v", none.Cells("zh"))
	}
}

// The CSV and the workbook hold the same table: heads, then a row each.
func TestWrite(t *testing.T) {
	p := load(t)
	rows := progress.Table(p, "2026-11")
	var c bytes.Buffer
	if err := progress.WriteCSV(&c, rows, "zh"); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(c.Bytes(), []byte("\ufeff")) {
		t.Error("the CSV has no byte-order mark for Excel")
	}
	recs, err := csv.NewReader(bytes.NewReader(c.Bytes()[3:])).ReadAll()
	if err != nil || len(recs) != len(rows)+1 || recs[0][0] != "要素" {
		t.Fatalf("CSV: %d records, %v", len(recs), err)
	}
	var x bytes.Buffer
	if err := progress.WriteXLSX(&x, rows, "en", "Bazhong decision: progress as of 2026-11"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.GetRows("Progress")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows)+2 || got[1][0] != "Feature" || got[0][0] != "Bazhong decision: progress as of 2026-11" {
		t.Fatalf("workbook: %d rows, first %v", len(got), got[:2])
	}
	for i, r := range rows {
		want := r.Cells("en")
		if got[i+2][0] != strings.TrimSpace(want[0]) || got[i+2][5] != want[5] {
			t.Errorf("workbook row %d: %v, want %v", i, got[i+2][:6], want[:6])
		}
	}
	if link, target, _ := f.GetCellHyperLink("Progress", "I"+strconv.Itoa(rowOf(rows, "banan_hsr_section")+3)); !link || !strings.HasPrefix(target, "http") {
		t.Errorf("the source cell is not a link: %v %q", link, target)
	}
}

func rowOf(rows []progress.Row, id string) int {
	for i, r := range rows {
		if r.ID == id {
			return i
		}
	}
	return -1
}
