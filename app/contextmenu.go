package app

import (
	"fmt"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/plan"
)

// Citation writes a quote of plan p as a planner pastes it into a
// report: the words, then the document and the section that say them.
func Citation(p *plan.Plan, lang string, q plan.Quote) string {
	if lang == "en" {
		return "“" + q.Text + "” — " + p.Info.Citation("en") + ", " + refLabel(p.Doc, q.Ref)
	}
	return "“" + q.Text + "”——" + p.Info.Citation("zh") + refLabel(p.Doc, q.Ref)
}

// formatLonLat writes a point for the clipboard: latitude, longitude in
// decimal degrees, as map sites take them.
func formatLonLat(ll [2]float64) string { return fmt.Sprintf("%.6f, %.6f", ll[1], ll[0]) }

// copyText puts s on the clipboard and says so in the status bar.
func (at *Atlas) copyText(s string) {
	at.App.Clipboard().SetContent(s)
	at.Status.Hover.SetText(tr(at.Lang(), "copied"))
}

// contextMenu is the right-click menu on the map: for a feature, copy its
// name or quote, zoom to it, show its clause; everywhere, copy the
// coordinates, zoom in here, and say what is here.
func (at *Atlas) contextMenu(id string, ll [2]float64, pos fyne.Position) {
	widget.ShowPopUpMenuAtPosition(at.contextMenuFor(id, ll), at.Win.Canvas(), pos)
}

// contextMenuFor builds the right-click menu for feature id ("" for none)
// at ll.
func (at *Atlas) contextMenuFor(id string, ll [2]float64) *fyne.Menu {
	l := at.Lang()
	var items []*fyne.MenuItem
	if id != "" {
		name := at.nameOf(id)
		items = append(items,
			fyne.NewMenuItem(tr(l, "copyName")+colon(tr(l, "copyName"))+name, func() { at.copyText(name) }),
			fyne.NewMenuItem(tr(l, "zoomToFeature"), func() { at.Select(id); at.Frame([]string{id}) }))
		if f, ok := at.Plan.Feature(id); ok && len(f.Quotes) > 0 {
			q := f.Quotes[0]
			items = append(items,
				fyne.NewMenuItem(tr(l, "copyQuote"), func() { at.copyText(Citation(at.Plan, l, q)) }),
				fyne.NewMenuItem(tr(l, "showClause")+" "+refLabel(at.Plan.Doc, q.Ref), func() { at.Select(id); at.ShowInReader(q.Ref) }))
		}
		items = append(items, fyne.NewMenuItemSeparator())
	}
	items = append(items,
		fyne.NewMenuItem(tr(l, "copyCoords")+colon(tr(l, "copyCoords"))+at.formatCoord(ll), func() { at.copyText(at.formatCoord(ll)) }),
		fyne.NewMenuItem(tr(l, "zoomHere"), func() { at.Map.ZoomTo(ll, math.Max(20_000, at.Map.View().Scale/2)) }),
		fyne.NewMenuItem(tr(l, "whatIsHere"), func() { at.whatIsHere(id, ll) }))
	return fyne.NewMenu("", items...)
}

// whatIsHere names what lies at a point: the feature there, and the
// county-level division it is in.
func (at *Atlas) whatIsHere(id string, ll [2]float64) {
	l := at.Lang()
	var parts []string
	if id != "" {
		parts = append(parts, at.nameOf(id))
	}
	if d := at.divisionAt(ll); d != "" {
		parts = append(parts, d)
	}
	parts = append(parts, at.formatCoord(ll))
	at.showMessage(tr(l, "whatIsHere"), strings.Join(parts, "\n"))
}

// divisionAt names the county or county-level division containing ll.
func (at *Atlas) divisionAt(ll [2]float64) string {
	for _, f := range at.Plan.Features() {
		if f.Class != plan.ClassRole && f.Class != plan.ClassCounty {
			continue
		}
		if f.Contains(orb.Point{ll[0], ll[1]}) {
			return f.Name(at.Lang())
		}
	}
	return ""
}
