package app

import (
	"strings"

	"github.com/planatlas/planatlas/assets"
)

// aboutAttributions lists the data and font sources with their licences.
func aboutAttributions(lang string) []string {
	var out []string
	for _, a := range append(append([]assets.Attribution{}, assets.Attributions...), assets.PlaceAttribution, assets.FontAttribution) {
		s := a.Zh
		if lang == "en" {
			s = a.En
		}
		if a.File != "" && !strings.Contains(s, a.License) { // each licence named once
			s += " (" + a.License + ")"
		}
		out = append(out, s)
	}
	return append(out, "Plan Atlas: MIT")
}
