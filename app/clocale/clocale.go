// Package clocale keeps Fyne from complaining about a C locale.
//
// Fyne reads the user's language when its lang package is initialised,
// before main runs, and logs "Error parsing user locale C" when the locale
// is C.UTF-8 or POSIX.UTF-8 (the default of Debian and Ubuntu servers,
// containers and CI), on every command-line run too. Go initialises
// packages in import-path order among those whose imports are ready
// (Go 1.21 and later); this package imports only os, so it runs before
// Fyne's lang (which waits for log, fmt and more) and sets LANGUAGE, which
// only message catalogues read, to English for such a locale. Planners'
// desktops (Windows, macOS, a Linux desktop) are never in a C locale, and
// the app's own language is its preference, not the locale.
package clocale

import "os"

func init() {
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(env)
		if v == "" {
			continue
		}
		if (len(v) > 2 && v[:2] == "C.") || (len(v) > 6 && v[:6] == "POSIX.") {
			if os.Getenv("LANGUAGE") == "" {
				os.Setenv("LANGUAGE", "en")
			}
		}
		return
	}
}
