package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/planatlas/planatlas/assets"
)

// fontResource is the bundled Chinese font as a Fyne resource.
var fontResource = fyne.NewStaticResource("wqy-microhei.ttf", assets.FontRegular)

// atlasTheme is Fyne's default theme drawn with the bundled Chinese font, so
// the interface looks the same on every machine (no fallback to whatever
// fonts the system has), with a size factor for presentation mode.
type atlasTheme struct {
	scale   float32 // text and padding factor; 1 normally
	variant string  // "light" or "dark"; "" follows the system
}

func newTheme() *atlasTheme { return &atlasTheme{scale: 1} }

func (t *atlasTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.variant {
	case "dark":
		v = theme.VariantDark
	case "light":
		v = theme.VariantLight
	}
	return theme.DefaultTheme().Color(n, v)
}

func (t *atlasTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Monospace || s.Symbol {
		return theme.DefaultTheme().Font(s)
	}
	return fontResource
}

func (t *atlasTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *atlasTheme) Size(n fyne.ThemeSizeName) float32 {
	return theme.DefaultTheme().Size(n) * t.scale
}
