package render

import (
	"image/color"
)

// Theme is a colour scheme: light for the screen, dark for dim rooms,
// print for paper (white ground, CMYK-safe colours, no translucency tricks
// that printers band).
type Theme string

// The themes.
const (
	ThemeLight Theme = "light"
	ThemeDark  Theme = "dark"
	ThemePrint Theme = "print"
)

// Themes lists every theme.
var Themes = []Theme{ThemeLight, ThemeDark, ThemePrint}

// Palette holds a theme's colours.
type Palette struct {
	Background, Land, Province, ProvinceLine, Neighbour, NeighbourLine, CountyLine color.NRGBA
	Home, HomeLine, Water, Text, TextMuted, Halo, Panel, PanelLine                 color.NRGBA
	Region, RegionLine, Rail, RailInner, HSR, Intercity, Expressway, ExpressInner  color.NRGBA
	Road, Airport, Logistics, Industry, Energy, Mineral, Product, Reservoir, Eco   color.NRGBA
	Scenic, Heritage, Route, City, CityFill, Highlight, Hover                      color.NRGBA
	// Roles are the fills of the plan's county roles, in the order the
	// plan lists them (the plan's first role gets the first colour).
	Roles []color.NRGBA
}

func rgb(hex uint32) color.NRGBA {
	return color.NRGBA{uint8(hex >> 16), uint8(hex >> 8), uint8(hex), 255}
}

func alpha(c color.NRGBA, a uint8) color.NRGBA { c.A = a; return c }

// Palette returns the colours of theme t (light for an unknown theme).
func (t Theme) Palette() Palette {
	p := Palette{
		Background: rgb(0xEFEBE2), Land: rgb(0xF3F0E8), Province: rgb(0xEFEBE2), ProvinceLine: rgb(0x8C857A),
		Neighbour: rgb(0xECE8DE), NeighbourLine: rgb(0xA39C90), CountyLine: rgb(0xC4BDB0),
		Home: rgb(0xFFFCF2), HomeLine: rgb(0x5A3E2B), Water: rgb(0x2B7BBF),
		Text: rgb(0x1E1E1E), TextMuted: rgb(0x6B655C), Halo: rgb(0xFFFFFF), Panel: alpha(rgb(0xFFFFFF), 235), PanelLine: rgb(0x8C857A),
		Region: alpha(rgb(0x7B5EA7), 30), RegionLine: rgb(0x7B5EA7),
		Rail: rgb(0x222222), RailInner: rgb(0xFFFFFF), HSR: rgb(0x222222), Intercity: rgb(0x35589A),
		Expressway: rgb(0xB23A26), ExpressInner: rgb(0xFFE2B8), Road: rgb(0xE07B00),
		Airport: rgb(0x1F5FA8), Logistics: rgb(0x007C89), Industry: rgb(0x7D4A6E), Energy: rgb(0xC27C0E), Mineral: rgb(0x4F5B66),
		Product: rgb(0x6A8E23), Reservoir: rgb(0x1C6FB5), Eco: rgb(0x2E9E4F),
		Scenic: rgb(0x1E7A3C), Heritage: rgb(0xD7191C), Route: rgb(0xC2185B), City: rgb(0x1E1E1E), CityFill: rgb(0xFFFFFF),
		Highlight: rgb(0xFFC400), Hover: alpha(rgb(0x00A0E0), 200),
		Roles: []color.NRGBA{rgb(0xB5D99C), rgb(0xF2B8A0), rgb(0xF6D08B), rgb(0xA9C8EA), rgb(0xD6C4E6)},
	}
	switch t {
	case ThemeDark:
		p.Background, p.Land, p.Province, p.ProvinceLine = rgb(0x222932), rgb(0x1D232B), rgb(0x222932), rgb(0x7D8794)
		p.Neighbour, p.NeighbourLine, p.CountyLine = rgb(0x242B34), rgb(0x6C7683), rgb(0x48515D)
		p.Home, p.HomeLine, p.Water = rgb(0x2A313A), rgb(0xF2D2A9), rgb(0x5AA9E6)
		p.Text, p.TextMuted, p.Halo = rgb(0xF2F2F2), rgb(0xAEB6C0), rgb(0x11161C)
		p.Panel, p.PanelLine = alpha(rgb(0x161B22), 235), rgb(0x6C7683)
		p.Region, p.RegionLine = alpha(rgb(0xB79CE0), 40), rgb(0xB79CE0)
		p.Rail, p.RailInner, p.HSR, p.Intercity = rgb(0xE8E8E8), rgb(0x1D232B), rgb(0xF5F5F5), rgb(0x8FB3F0)
		p.Expressway, p.ExpressInner, p.Road = rgb(0xFF7A5C), rgb(0x3A2A20), rgb(0xFFAA33)
		p.Airport, p.Logistics, p.Industry, p.Energy, p.Mineral = rgb(0x6FB0FF), rgb(0x35C2CF), rgb(0xD68FC2), rgb(0xF2B441), rgb(0xA9B6C2)
		p.Product, p.Reservoir, p.Eco, p.Scenic, p.Heritage, p.Route = rgb(0xA6D854), rgb(0x5AA9E6), rgb(0x4CC97A), rgb(0x5EDB8A), rgb(0xFF4D4F), rgb(0xFF6FA8)
		p.City, p.CityFill = rgb(0xF2F2F2), rgb(0x1D232B)
		p.Roles = []color.NRGBA{rgb(0x35573A), rgb(0x6B3A2E), rgb(0x6E5A2A), rgb(0x2D4B6B), rgb(0x4D3F63)}
	case ThemePrint:
		p.Background, p.Land, p.Province, p.Neighbour = rgb(0xF7F5F0), rgb(0xFFFFFF), rgb(0xF7F5F0), rgb(0xF2EFE8)
		p.Panel = rgb(0xFFFFFF)
		p.Region = alpha(rgb(0x7B5EA7), 22)
		// CMYK-safe, lighter for print.
		p.Roles = []color.NRGBA{rgb(0xC9E3B5), rgb(0xF6CDBB), rgb(0xF9DFAA), rgb(0xC2D8F0), rgb(0xE2D6EE)}
	}
	return p
}

// role returns the fill of the plan's role number i (from 0), the colours
// repeating past the palette's.
func (p Palette) role(i int) color.NRGBA {
	if i < 0 {
		i = 0
	}
	return p.Roles[i%len(p.Roles)]
}
