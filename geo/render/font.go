package render

import "github.com/planatlas/planatlas/assets"

// fontData is the bundled Chinese TrueType font; the app's theme uses the same file.
func fontData() []byte { return assets.FontRegular }
