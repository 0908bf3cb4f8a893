package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// A command-line run in the C.UTF-8 locale of servers and CI prints no
// Fyne locale error: app/clocale runs before Fyne reads the locale. The
// test runs this test binary again (its packages start as the program's
// do) in that locale.
func TestNoLocaleErrorInCLocale(t *testing.T) {
	if os.Getenv("PLANATLAS_LOCALE_CHILD") != "" {
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoLocaleErrorInCLocale$")
	cmd.Env = append(os.Environ(), "PLANATLAS_LOCALE_CHILD=1", "LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if strings.Contains(string(out), "Error parsing user locale") {
		t.Errorf("Fyne complained about the locale:\n%s", out)
	}
}
