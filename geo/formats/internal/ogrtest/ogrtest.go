// Package ogrtest holds what the readers' tests share: counting the
// features GDAL's ogrinfo lists in a file, the reference every reader is
// compared with, and reading a test file whole.
package ogrtest

import (
	"os"
	"os/exec"
	"regexp"
	"testing"
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
