// Package ogrtest holds what the readers' tests share: counting the
// features GDAL's ogrinfo lists in a file, the reference every reader is
// compared with, and reading a test file whole.
package ogrtest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/planatlas/planatlas/geo/formats"
	"github.com/planatlas/planatlas/geo/layer"
)

var ogrFeature = regexp.MustCompile(`(?m)^OGRFeature\((.*)\):\d+$`)

// Count counts the features ogrinfo lists, one by one, over the file's
// layers (a GPX's route_points and track_points repeat its routes and
// tracks, and its notes are left out; a GeoPackage's attribute tables have
// no geometry).
func Count(t testing.TB, path string) int {
	t.Helper()
	out, _ := exec.Command("ogrinfo", "-ro", "-al", "-q", path).CombinedOutput()
	n := 0
	for _, m := range ogrFeature.FindAllStringSubmatch(string(out), -1) {
		if m[1] == "route_points" || m[1] == "track_points" || m[1] == "notes" {
			continue
		}
		n++
	}
	return n
}

// Have skips the test when ogrinfo (gdal-bin) is not installed.
func Have(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		t.Skip("ogrinfo (gdal-bin) not installed")
	}
}

// MustRead reads a file whole or fails the test.
func MustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Accounted is how many of a file's records Plan Atlas accounts for, to
// set beside ogrinfo's count: drawn, kept without geometry, left out and
// reported (by count: features skipped, rows of tables of attributes or
// of a table left out, entities of a drawing's paper space), or — for a
// file refused — the records the refusal names.
func Accounted(l *layer.Layer, err error) int {
	if err != nil {
		var re *layer.ReadError
		if !errors.As(err, &re) {
			return 0
		}
		switch re.Problem {
		case layer.ProblemOnlyUnplaced, layer.ProblemAttributeTables:
			return int(re.N)
		}
		return re.Skipped
	}
	n := len(l.Features) + len(l.Unplaced) + l.Report.Skipped
	for _, w := range l.Report.Warnings {
		switch w.Problem {
		case layer.ProblemAttributeTables, layer.ProblemTableSkipped, layer.ProblemPaperSpace:
			n += int(w.N)
		}
	}
	return n
}

// Case is a test file and the records it should account for: what GDAL
// 3.6's ogrinfo lists (By36), or what GDAL's own tests expect where 3.6
// cannot yet read it.
type Case struct {
	File   string
	Want   int
	By36   bool
	Reason string
}

// Check opens each case's file in dir as the app does and compares what
// Plan Atlas accounts for with the case, and — where ogrinfo is installed
// and the case is GDAL 3.6's — with ogrinfo's count of the same file.
func Check(t *testing.T, dir string, opt layer.Options, cases []Case) {
	t.Helper()
	_, lookErr := exec.LookPath("ogrinfo")
	for _, c := range cases {
		t.Run(c.File, func(t *testing.T) {
			path := filepath.Join(dir, c.File)
			l, err := formats.Open(path, opt)
			if got := Accounted(l, err); got != c.Want {
				t.Errorf("accounts for %d records, want %d (%s; err %v)", got, c.Want, c.Reason, err)
			}
			if lookErr != nil || !c.By36 {
				return
			}
			ogrPath := path
			if strings.HasSuffix(path, ".zip") {
				ogrPath = "/vsizip/" + path
			}
			if n := Count(t, ogrPath); n != c.Want {
				t.Errorf("ogrinfo lists %d, the case says %d", n, c.Want)
			}
		})
	}
}
