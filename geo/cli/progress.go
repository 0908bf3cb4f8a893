package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/planatlas/planatlas/geo/progress"
)

// runProgress writes the implementation table: CSV to standard output or
// a .csv file, or an Excel workbook to a .xlsx file.
func runProgress(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("progress", stderr)
	out := fs.String("o", "", "write to `FILE` (.csv or .xlsx, atomically) instead of standard output (CSV)")
	asOf := fs.String("as-of", "", "the stages reached by `DATE` (YYYY, YYYY-MM or YYYY-MM-DD; default: today)")
	lang := fs.String("lang", "zh", "zh or en")
	planFile := fs.String("plan", "", "the plan package `FILE` (default: the built-in plan)")
	if done, code := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	date := *asOf
	if date == "" {
		date = time.Now().Format("2006-01-02")
	} else if !validDate(date) {
		fmt.Fprintf(stderr, "planatlas: progress: --as-of %q is not a date (YYYY, YYYY-MM or YYYY-MM-DD)\n", date)
		return ExitUsage
	}
	p, code := loadPlan(*planFile, stderr)
	if p == nil {
		return code
	}
	rows := progress.Table(p, date)
	title := fmt.Sprintf("%s（截至 %s）", p.Info.ProgressHeading("zh"), date)
	if *lang == "en" {
		title = fmt.Sprintf("%s as of %s", p.Info.ProgressHeading("en"), date)
	}
	write := func(w io.Writer) error { return progress.WriteCSV(w, rows, *lang) }
	if strings.EqualFold(filepath.Ext(*out), ".xlsx") {
		write = func(w io.Writer) error { return progress.WriteXLSX(w, rows, *lang, title) }
	}
	if code := emit(*out, write, stdout, stderr); code != 0 || *out == "" {
		return code
	}
	fmt.Fprintf(stdout, "%s: %d projects as of %s\n", *out, len(rows), date)
	return 0
}
