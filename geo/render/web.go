package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"regexp"

	"github.com/paulmach/orb"
	"github.com/tdewolff/canvas/renderers/svg"

	"github.com/planatlas/planatlas/geo/guard"
	"github.com/planatlas/planatlas/geo/plan"
)

// cssPx is CSS pixels per millimetre (96 per inch).
const cssPx = 96 / 25.4

// WebMap is what a map drawn outside this package — the one-page web
// atlas, in a browser — needs to look as this renderer draws the plan:
// each feature's fill, strokes, point symbol and label, in the passes this
// renderer draws them in, and the legend with its swatches. Sizes are CSS
// pixels (96 an inch), colours "#rrggbbaa".
type WebMap struct {
	Palette  WebPalette     `json:"palette"`
	Styles   []WebStyle     `json:"styles"`
	Features []WebFeature   `json:"features"`
	Legend   []WebLegendRow `json:"legend"`
}

// WebPalette holds the theme's colours the page itself uses.
type WebPalette struct {
	Background string `json:"background"`
	Text       string `json:"text"`
	TextMuted  string `json:"textMuted"`
	Halo       string `json:"halo"`
	Panel      string `json:"panel"`
	PanelLine  string `json:"panelLine"`
	Highlight  string `json:"highlight"`
	Hover      string `json:"hover"`
}

// WebStyle is one way a feature is drawn. Z values order the renderer's
// passes (fills under outlines under water under lines under symbols).
type WebStyle struct {
	Fill       string      `json:"fill,omitempty"`
	FillZ      int         `json:"fillZ,omitempty"`
	Strokes    []WebStroke `json:"strokes,omitempty"`
	StrokeZ    int         `json:"strokeZ,omitempty"`
	Symbol     string      `json:"symbol,omitempty"` // an SVG image of the point symbol, drawn by this renderer
	SymbolSize float64     `json:"symbolSize,omitempty"`
	MaxScale   float64     `json:"maxScale,omitempty"` // drawn only on maps of 1:MaxScale or larger
}

// WebStroke is one stroke of a line or an outline, bottom first.
type WebStroke struct {
	Colour string    `json:"c"`
	Width  float64   `json:"w"`
	Dash   []float64 `json:"d,omitempty"`
	Round  bool      `json:"r,omitempty"`
}

// WebFeature is one plan feature as the scene draws it.
type WebFeature struct {
	ID    string `json:"id"`
	Style int    `json:"style"` // index in WebMap.Styles; -1: not drawn
	// Label is its label's lines (text and size), nil when unlabelled;
	// Priority orders labels (lower first), Gap is a point label's
	// distance from the symbol's centre.
	Label    []WebLabelLine `json:"label,omitempty"`
	Priority float64        `json:"priority,omitempty"`
	Colour   string         `json:"colour,omitempty"`
	Centred  bool           `json:"centred,omitempty"`
	Gap      float64        `json:"gap,omitempty"`
	// StandIn marks a point that stands in at a county seat (no source
	// places it): where several share a seat the map fans them out on a
	// dashed ring of FanRadius per symbol (CSS pixels), as this renderer does.
	StandIn bool `json:"standIn,omitempty"`
}

// Fan spacing of stand-ins (see placePoints), CSS pixels: the ring's
// radius is the larger of FanMin and FanStep × n / 2π for n symbols.
const (
	FanMin  = 4.2 * cssPx
	FanStep = 4.4 * cssPx
)

// WebLabelLine is one line of a label.
type WebLabelLine struct {
	Text string  `json:"t"`
	Size float64 `json:"s"` // CSS pixels
}

// WebLegendRow is a row of the legend: a heading, or a swatch (SVG, drawn
// by this renderer) and its words.
type WebLegendRow struct {
	Text    string `json:"text"`
	Heading bool   `json:"heading,omitempty"`
	Swatch  string `json:"swatch,omitempty"`
}

// The renderer's passes, as z values for WebStyle.
const (
	zFillBase = iota
	zFillRole
	zFill
	zCounty
	zPrefecture
	zProvince
	zRoleLine
	zCityOutline
	zCorridor
	zRiver
	zRegionBand
	zAreaOutline
	zLine
	zSymbol
)

// Web describes how scene s draws every feature of its plan that its
// layers show (the view is not used: the page pans and zooms itself).
func Web(s *Scene) (wm *WebMap, err error) {
	defer guard.Recover(&err)
	if s.Plan == nil {
		return nil, fmt.Errorf("render: scene has no plan")
	}
	s = s.withCache()
	pal := s.Theme.Palette()
	wm = &WebMap{Palette: WebPalette{Background: hexColour(pal.Background), Text: hexColour(pal.Text), TextMuted: hexColour(pal.TextMuted),
		Halo: hexColour(pal.Halo), Panel: hexColour(pal.Panel), PanelLine: hexColour(pal.PanelLine), Highlight: hexColour(pal.Highlight), Hover: hexColour(pal.Hover)}}
	p := &painter{cache: s.Cache, plan: s.Plan, mmpp: 1 / cssPx, vector: true}
	seen := map[string]int{}
	st := &frameState{points: map[string]orb.Point{}}
	for _, f := range s.Plan.Features() {
		if !s.FeatureVisible(f) {
			continue
		}
		ws, drawn := webStyle(s, f, pal)
		wf := WebFeature{ID: f.ID, Style: -1}
		if _, ok := f.Geometry.(orb.Point); ok && !anchoredPoint(f) && f.Layer != plan.GroupBase {
			wf.StandIn = true
		}
		if drawn {
			key, _ := json.Marshal(ws)
			i, ok := seen[string(key)]
			if !ok {
				i = len(wm.Styles)
				seen[string(key)] = i
				wm.Styles = append(wm.Styles, ws)
			}
			wf.Style = i
		}
		if l, gap, ok := planLabel(s, f, p, pal); ok {
			for _, ln := range l.lines {
				wf.Label = append(wf.Label, WebLabelLine{Text: ln.text, Size: round2(ln.size * 96 / 72)})
			}
			wf.Priority, wf.Colour, wf.Centred, wf.Gap = l.priority, hexColour(l.color), l.centred, round2(gap)
		}
		wm.Features = append(wm.Features, wf)
		// The legend's rows come from what is shown, as on a map.
		pr := &prepared{f: f, id: f.ID}
		st.visible = append(st.visible, pr)
		if _, ok := f.Geometry.(orb.Point); ok {
			st.points[f.ID] = orb.Point{}
		}
	}
	for _, item := range legendItems(s, st) {
		row := WebLegendRow{Text: item.text, Heading: item.heading}
		if item.draw != nil {
			row.Swatch = swatchSVG(s, item.draw, pal)
		}
		wm.Legend = append(wm.Legend, row)
	}
	return wm, nil
}

// webStyle is how f is drawn: the passes of drawMap, in the order it draws
// them. false: the scene draws nothing of f (a line of the base group
// that is neither river nor corridor, the city outline under the roles).
func webStyle(s *Scene, f *plan.Feature, pal Palette) (WebStyle, bool) {
	var ws WebStyle
	if f.Def != nil {
		ws.MaxScale = f.Def.Style.MaxScale
	}
	switch f.Geometry.(type) {
	case orb.Point, orb.MultiPoint:
		ws.Symbol, ws.SymbolSize = symbolSVG(s, f, pal)
		return ws, true
	case orb.LineString, orb.MultiLineString:
		switch {
		case f.Class == plan.ClassCorridor:
			ws.StrokeZ = zCorridor
		case f.Class == plan.ClassRiver:
			ws.StrokeZ = zRiver
		case f.Layer != plan.GroupBase:
			ws.StrokeZ = zLine
		default:
			return ws, false
		}
		ws.Strokes = webStrokes(lineStyle(f, pal)...)
		return ws, true
	case orb.Polygon, orb.MultiPolygon, orb.Collection:
	default:
		return ws, false
	}
	if f.Class == plan.ClassCityOutline && s.rolesShown() {
		return ws, false // the county roles tile it exactly
	}
	fill, line := areaStyle(s.Plan, f, pal)
	switch {
	case f.Layer == plan.GroupBase:
		ws.FillZ = zFillBase
	case f.Class == plan.ClassRole && s.rolesShown():
		ws.FillZ = zFillRole
	default:
		ws.FillZ = zFill
	}
	if fill.A > 0 {
		ws.Fill = hexColour(fill)
	}
	switch f.Class {
	case plan.ClassCounty:
		ws.StrokeZ = zCounty
	case plan.ClassPrefecture:
		ws.StrokeZ = zPrefecture
	case plan.ClassProvince:
		ws.StrokeZ = zProvince
	case plan.ClassRole:
		ws.StrokeZ = zRoleLine
	case plan.ClassCityOutline:
		ws.StrokeZ = zCityOutline
	case plan.ClassRegion:
		ws.StrokeZ = zRegionBand
		ws.Strokes = webStrokes(regionBand(pal), line)
		return ws, true
	default:
		if f.Layer == plan.GroupBase {
			return ws, true // a base area of no outline class: filled only
		}
		ws.StrokeZ = zAreaOutline
	}
	ws.Strokes = webStrokes(line)
	return ws, true
}

func webStrokes(sks ...stroke) []WebStroke {
	var out []WebStroke
	for _, sk := range sks {
		if sk.color.A == 0 || sk.width <= 0 {
			continue
		}
		ws := WebStroke{Colour: hexColour(sk.color), Width: round2(math.Max(sk.width*cssPx, 0.5)), Round: sk.round}
		for _, d := range sk.dashes {
			ws.Dash = append(ws.Dash, round2(math.Max(d*cssPx, 0.05)))
		}
		out = append(out, ws)
	}
	return out
}

// symbolSVG draws f's point symbol to an SVG image as this renderer draws
// it on the map; size is the image's side in CSS pixels.
func symbolSVG(s *Scene, f *plan.Feature, pal Palette) (string, float64) {
	r := symbolRadius(s.Plan, f)
	reach := 1.6 * r
	if styleOf(f).symbol == symRegion {
		reach = 2.4 * r
	}
	side := math.Ceil((2*reach + 1.2) * cssPx)
	return drawSVG(s, side, side, func(p *painter) { p.drawSymbol(f, side/2, side/2, pal) }), side
}

// swatchSVG draws a legend row's sample to an SVG image.
func swatchSVG(s *Scene, draw func(p *painter, r rect, pal Palette), pal Palette) string {
	w, h := 9*cssPx, 4.2*cssPx
	return drawSVG(s, math.Ceil(w+4), math.Ceil(h+4), func(p *painter) { draw(p, rect{2, 2, 2 + w, 2 + h}, pal) })
}

// drawSVG runs draw on a painter over a w × h CSS-pixel SVG and returns
// the SVG document, sized in pixels.
func drawSVG(s *Scene, w, h float64, draw func(p *painter)) string {
	var b bytes.Buffer
	mmpp := 1 / cssPx
	opts := svg.DefaultOptions
	opts.SubsetFonts = true // a legend sample's "示意" carries two glyphs, not the font
	r := svg.New(&b, w*mmpp, h*mmpp, &opts)
	p := &painter{cache: s.Cache, plan: s.Plan, r: r, mmpp: mmpp, hmm: h * mmpp, vector: true}
	draw(p)
	r.Close()
	// The writer sizes the image in millimetres; an image element in a
	// browser's canvas needs pixels.
	return svgSize.ReplaceAllString(b.String(), fmt.Sprintf(`width="%g" height="%g"`, w, h))
}

// svgSize is the size the SVG writer gives its image, in millimetres.
var svgSize = regexp.MustCompile(`width="[0-9.]+mm" height="[0-9.]+mm"`)

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// hexColour writes c as "#rrggbbaa" ("#rrggbb" when opaque).
func hexColour(c color.NRGBA) string {
	if c.A == 255 {
		return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)
	}
	return fmt.Sprintf("#%02x%02x%02x%02x", c.R, c.G, c.B, c.A)
}
