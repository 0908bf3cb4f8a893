package progress

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/planatlas/planatlas/geo/plan"
)

// Header is the table's column heads in lang.
func Header(lang string) []string {
	if lang == "en" {
		return []string{"Feature", "Part", "Clause", "The text asks", "Stage in the text", "Stage now", "Reached", "What happened", "Source", "Reliability"}
	}
	return []string{"要素", "部分", "条文", "原文要求", "原文中的阶段", "目前阶段", "达到日期", "进展", "来源", "可靠性"}
}

var reliabilityNames = map[plan.Reliability][2]string{
	plan.ReliabilityOfficial: {"官方", "official"}, plan.ReliabilityNews: {"新闻媒体", "news"}, plan.ReliabilitySecondary: {"二手资料", "secondary"},
}

// Cells writes a row's cells in lang, as in Header.
func (r Row) Cells(lang string) []string {
	part, clause := r.PartZh, r.ClauseLabel
	if lang == "en" {
		part = r.PartEn
	}
	what := r.What
	if lang == "en" {
		what = r.WhatEn
	}
	if what == "" {
		what = map[bool]string{false: "未找到公开信息", true: "no public information found"}[lang == "en"]
	}
	rel := ""
	if n, ok := reliabilityNames[r.Reliability]; ok {
		rel = n[0]
		if lang == "en" {
			rel = n[1]
		}
	}
	return []string{r.Name(lang), part, clause + " " + strings.Join(r.Clauses[1:], " "), r.Verb, r.Adopted.Name(lang), r.Now.Name(lang),
		r.Reached, what, r.Source.String(), rel}
}

// WriteCSV writes the table as CSV (UTF-8 with a byte-order mark, which
// Excel needs to read Chinese).
func WriteCSV(w io.Writer, rows []Row, lang string) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(Header(lang))
	for _, r := range rows {
		cw.Write(trimmed(r.Cells(lang)))
	}
	cw.Flush()
	return cw.Error()
}

func trimmed(cells []string) []string {
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
	}
	return cells
}

// WriteXLSX writes the table as an Excel workbook: one sheet, the heads
// bold and frozen, columns sized to their text, sources as links.
func WriteXLSX(w io.Writer, rows []Row, lang, title string) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "进展"
	if lang == "en" {
		sheet = "Progress"
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#E8E8E8"}}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	f.SetCellValue(sheet, "A1", title)
	head := Header(lang)
	for i, h := range head {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		f.SetCellValue(sheet, cell, h)
		f.SetCellStyle(sheet, cell, cell, bold)
	}
	for j, r := range rows {
		for i, c := range trimmed(r.Cells(lang)) {
			cell, _ := excelize.CoordinatesToCellName(i+1, j+3)
			f.SetCellValue(sheet, cell, c)
			if i == 8 && r.Source.Link != "" {
				f.SetCellHyperLink(sheet, cell, r.Source.Link, "External")
			}
		}
	}
	widths := []float64{28, 10, 14, 16, 14, 12, 12, 36, 48, 10}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(sheet, col, col, wd)
	}
	last, _ := excelize.CoordinatesToCellName(len(head), len(rows)+2)
	f.SetCellStyle(sheet, "A3", last, wrap)
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, Split: false, XSplit: 1, YSplit: 2, TopLeftCell: "B3", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if err := f.AutoFilter(sheet, "A2:"+last, nil); err != nil {
		return err
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	return nil
}
