// Package web writes a plan's atlas as one web page: the map with the
// renderer's colours, symbols and legend, every feature's quotes, the
// whole text and the scenes, in a single HTML file that opens offline in
// any current browser, on a phone too. The map is drawn in the browser by
// OpenLayers (vendored in ol/, see ol/VERSION); nothing leaves the file.
package web

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/planatlas/planatlas/geo/guard"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/render"
)

// Options say what the page shows.
type Options struct {
	Plan   *plan.Plan
	Lang   string                // the language it opens in: "zh" or "en" (both are in the page)
	Theme  render.Theme          // light or dark (print draws as light)
	Layers map[plan.GroupID]bool // groups shown when it opens; nil: all
	Scenes []plan.Scene          // the slideshow; nil: the plan's scenes
	AsOf   string                // the timeline's date, if one was set: stages then
	Title  string                // the title; "" the plan's
	// Basemap is an online base map under the plan, only by the planner's
	// choice (see BasemapFor); nil: the page asks nothing of any server.
	Basemap *Basemap
}

var (
	//go:embed page.html
	pageHTML string
	//go:embed page.css
	pageCSS string
	//go:embed page.js
	pageJS string
	//go:embed ol/ol.js
	olJS string
	//go:embed ol/ol.css
	olCSS string
	//go:embed ol/LICENSE.md
	olLicence string
)

// olVersion is the vendored OpenLayers (ol/VERSION says where it came from).
const olVersion = "10.11.0"

// Write writes the page to w.
func Write(w io.Writer, o Options) (err error) {
	defer guard.Recover(&err)
	if o.Plan == nil {
		return fmt.Errorf("web: no plan")
	}
	d, err := pageData(o)
	if err != nil {
		return err
	}
	data, err := json.Marshal(d)
	if err != nil {
		return err
	}
	t, err := template.New("page").Parse(pageHTML)
	if err != nil {
		return err
	}
	lang := "zh"
	if o.Lang == "en" {
		lang = "en"
	}
	var b bytes.Buffer
	imgSrc := "data: blob:"
	if o.Basemap != nil {
		imgSrc += " " + strings.Join(o.Basemap.origins(), " ")
	}
	err = t.Execute(&b, map[string]any{
		"ImgSrc": imgSrc,
		"Lang":   lang,
		"Title":  d.Title.In(lang),
		"Theme":  string(d.Theme),
		"Bg":     d.Map.Palette.Background,
		// Scripts and styles go in as written: they are ours, not the
		// plan's; the plan's data is JSON in a script element whose
		// closing tag cannot occur in it (json.Marshal escapes <, >, &).
		"OLCSS":   template.CSS(olCSS),
		"PageCSS": template.CSS(pageCSS),
		"OLJS":    template.JS("/*! OpenLayers " + olVersion + "\n" + olLicence + "*/\n" + stripSourceMap(olJS)),
		"PageJS":  template.JS(pageJS),
		"Data":    template.JS(data),
	})
	if err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}

// stripSourceMap drops the bundle's pointer to a source map, a file the
// page does not carry (a browser's tools would ask for it).
func stripSourceMap(js string) string {
	if i := strings.LastIndex(js, "//# sourceMappingURL="); i >= 0 {
		return js[:i]
	}
	return js
}
