package plan

import (
	"encoding/json"
	"fmt"
)

// InfoFile is the file, beside the layers, that says what the map says of
// the plan.
const InfoFile = "plan.json"

// Text is a string in Chinese and English.
type Text struct {
	Zh string `json:"zh"`
	En string `json:"en"`
}

// In returns the text in lang ("en", or Chinese for anything else).
func (t Text) In(lang string) string {
	if lang == "en" {
		return t.En
	}
	return t.Zh
}

// Info is what a map of the plan says of it, from the plan's data: the
// renderer knows no plan of its own.
type Info struct {
	Title    Text `json:"title"`    // the map's title
	Subtitle Text `json:"subtitle"` // the line under it: the document and its date
	// ShortTitle names the plan where room is short (the window's title,
	// the head of the layer panel); the title when not given.
	ShortTitle Text `json:"short_title,omitempty"`
	// Outline is the id of the feature holding the city's outline: the
	// whole-city view, and where the plan's own sites must lie.
	Outline       string `json:"outline"`
	OutlineLegend Text   `json:"outline_legend"`
	// Centre is the id of the plan's central city, drawn with its own symbol.
	Centre       string `json:"centre"`
	CentreLegend Text   `json:"centre_legend"`
}

// Short returns the plan's short title in lang, or its title.
func (in Info) Short(lang string) string {
	if s := in.ShortTitle.In(lang); s != "" {
		return s
	}
	return in.Title.In(lang)
}

// ParseInfo reads plan.json.
func ParseInfo(b []byte) (Info, error) {
	var in Info
	if err := json.Unmarshal(b, &in); err != nil {
		return Info{}, fmt.Errorf("%s: not valid JSON: %w", InfoFile, err)
	}
	for _, f := range []struct {
		name string
		t    Text
	}{{"title", in.Title}, {"subtitle", in.Subtitle}, {"outline_legend", in.OutlineLegend}, {"centre_legend", in.CentreLegend}} {
		if f.t.Zh == "" || f.t.En == "" {
			return Info{}, fmt.Errorf("%s: %s needs both zh and en", InfoFile, f.name)
		}
	}
	if in.Outline == "" || in.Centre == "" {
		return Info{}, fmt.Errorf("%s: outline and centre name features", InfoFile)
	}
	return in, nil
}
