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

// ContextMenu is the map's right-click menu and what its items do: copy
// coordinates, names and quotes, zoom, say what is here.
type ContextMenu struct{ at *Atlas }

// copyText puts s on the clipboard and says so in the status bar.
func (cx *ContextMenu) copyText(s string) {
	at := cx.at
	at.App.Clipboard().SetContent(s)
	at.Status.SayHover(tr(at.Lang(), "copied"))
}

// contextMenu is the right-click menu on the map: for a feature, copy its
// name or quote, zoom to it, show its clause; everywhere, copy the
// coordinates, zoom in here, and say what is here.
func (cx *ContextMenu) contextMenu(id string, ll [2]float64, pos fyne.Position) {
	at := cx.at
	widget.ShowPopUpMenuAtPosition(at.Context.contextMenuFor(id, ll), at.Win.Canvas(), pos)
}

// contextMenuFor builds the right-click menu for feature id ("" for none)
// at ll.
func (cx *ContextMenu) contextMenuFor(id string, ll [2]float64) *fyne.Menu {
	at := cx.at
	l := at.Lang()
	var items []*fyne.MenuItem
	if id != "" {
		name := at.State.NameOf(id)
		items = append(items,
			fyne.NewMenuItem(tr(l, "copyName")+colon(tr(l, "copyName"))+name, func() { at.Context.copyText(name) }),
			fyne.NewMenuItem(tr(l, "zoomToFeature"), func() { at.Select(id); at.Frame([]string{id}) }))
		if f, ok := at.Plan.Feature(id); ok && len(f.Quotes) > 0 {
			q := f.Quotes[0]
			items = append(items,
				fyne.NewMenuItem(tr(l, "copyQuote"), func() { at.Context.copyText(Citation(at.Plan, l, q)) }),
				fyne.NewMenuItem(tr(l, "showClause")+" "+refLabel(at.Plan.Doc, q.Ref), func() { at.Select(id); at.ShowInReader(q.Ref) }))
		}
		items = append(items, fyne.NewMenuItemSeparator())
	}
	items = append(items,
		fyne.NewMenuItem(tr(l, "copyCoords")+colon(tr(l, "copyCoords"))+at.Locator.formatCoord(ll), func() { at.Context.copyText(at.Locator.formatCoord(ll)) }),
		fyne.NewMenuItem(tr(l, "zoomHere"), func() { at.Map.ZoomTo(ll, math.Max(20_000, at.Map.View().Scale/2)) }),
		fyne.NewMenuItem(tr(l, "whatIsHere"), func() { at.Context.whatIsHere(id, ll) }))
	return fyne.NewMenu("", items...)
}

// whatIsHere names what lies at a point: the feature there, and the
// county-level division it is in.
func (cx *ContextMenu) whatIsHere(id string, ll [2]float64) {
	at := cx.at
	l := at.Lang()
	var parts []string
	if id != "" {
		parts = append(parts, at.State.NameOf(id))
	}
	if d := at.Context.divisionAt(ll); d != "" {
		parts = append(parts, d)
	}
	parts = append(parts, at.Locator.formatCoord(ll))
	at.Dialogs.showMessage(tr(l, "whatIsHere"), strings.Join(parts, "\n"))
}

// divisionAt names the county or county-level division containing ll.
func (cx *ContextMenu) divisionAt(ll [2]float64) string {
	at := cx.at
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
