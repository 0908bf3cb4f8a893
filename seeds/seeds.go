// Package seeds embeds the text of the built-in plan, byte for byte as
// published (the README names the document and where it appeared). The
// built-in plan's generator reads it; the app reads the package made from
// it, never this text directly.
package seeds

import (
	"embed"
	"io/fs"
)

//go:embed *.txt
var files embed.FS

// BuiltIn is the built-in plan's text, verbatim: the one .txt file here.
var BuiltIn = theText()

func theText() string {
	names, err := fs.Glob(files, "*.txt")
	if err != nil || len(names) != 1 {
		panic("seeds: want exactly one text file")
	}
	b, err := files.ReadFile(names[0])
	if err != nil {
		panic(err)
	}
	return string(b)
}
