//go:build !cgo

package main

import (
	"fmt"
	"os"
)

// runApp explains that this build has no window: it was built without cgo,
// which the OpenGL driver needs. The sub-commands still work.
func runApp([]byte, string) int {
	fmt.Fprintln(os.Stderr, "planatlas: this build has no graphical interface (built without cgo); try `planatlas help`")
	return 1
}
