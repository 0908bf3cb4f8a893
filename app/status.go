package app

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/coord"
)

// StatusBar shows the feature under the pointer, its lon/lat, the scale
// and the language switch.
type StatusBar struct {
	at    *Atlas
	Hover *widget.Label
	Tool  *widget.Label  // what the active tool says (a measurement, a located point)
	Keep  *widget.Button // keeps the last measurement as annotations
	Form  *widget.Select // the coordinate form of Pos
	Zone  *widget.Select // the zone fixed for grid forms (自动: the point's own)
	Pos   *widget.Label
	Scale *widget.Label
	Lang  *widget.RadioGroup
	obj   fyne.CanvasObject
}

// NewStatusBar builds the status bar.
func NewStatusBar(at *Atlas) *StatusBar {
	sb := &StatusBar{at: at, Hover: widget.NewLabel(""), Tool: widget.NewLabel(""), Pos: widget.NewLabel(""), Scale: widget.NewLabel("")}
	var names []string
	for _, f := range coordForms {
		names = append(names, tr(at.Lang(), f.key))
	}
	sb.Form = widget.NewSelect(names, nil)
	sb.Form.SetSelectedIndex(at.Locator.coordForm())
	sb.Zone = widget.NewSelect(nil, nil)
	sb.Form.OnChanged = func(string) {
		at.Locator.setCoordForm(sb.Form.SelectedIndex())
		sb.showZones()
	}
	sb.showZones()
	sb.Keep = widget.NewButton(tr(at.Lang(), "keepMeasure"), func() {
		if at.Measure.last != nil {
			at.Measure.last.KeepAsAnnotation()
		}
	})
	sb.Keep.Importance = widget.LowImportance
	sb.Keep.Hide()
	sb.Lang = widget.NewRadioGroup([]string{"中文", "English"}, func(s string) {
		if s == "English" {
			at.State.SetLang("en")
		} else if s == "中文" {
			at.State.SetLang("zh")
		}
	})
	sb.Lang.Horizontal = true
	if at.Lang() == "en" {
		sb.Lang.Selected = "English"
	} else {
		sb.Lang.Selected = "中文"
	}
	// The controls on the right keep their places as the texts change: the
	// pointer's coordinates and the scale have slots as wide as their
	// widest text, the zone choice keeps its slot when hidden.
	slot := func(o fyne.CanvasObject, widest string) fyne.CanvasObject {
		w := fyne.MeasureText(widest, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
		return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
	}
	zoneSlot := container.NewGridWrap(sb.Zone.MinSize().Max(fyne.NewSize(fyne.MeasureText("自动（所在带）", theme.TextSize(), fyne.TextStyle{}).Width+40, 0)), sb.Zone)
	sb.Pos.Alignment, sb.Scale.Alignment = fyne.TextAlignTrailing, fyne.TextAlignTrailing
	sb.obj = container.NewBorder(nil, nil, nil, container.NewHBox(sb.Form, zoneSlot,
		slot(sb.Pos, "X 3527009.68  Y 36381700.26（CGCS2000 3°带 第36带）"), slot(sb.Scale, tr(at.Lang(), "scale")+" 1:12,300,000"), sb.Lang),
		// The names and a tool's words take what room is left, cut short
		// with an ellipsis: the controls on the right never move.
		container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(240, sb.Hover.MinSize().Height), sb.Hover), sb.Keep, sb.Tool))
	sb.Hover.Truncation, sb.Tool.Truncation = fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis
	sb.SetScale(at.Map.View().Scale)
	return sb
}

// Object is the bar's canvas object.
func (sb *StatusBar) Object() fyne.CanvasObject { return sb.obj }

// changed follows the state: the scale of every new view, the name of
// the feature under the pointer.
func (sb *StatusBar) changed(c Change) {
	if c&ChangeView != 0 {
		sb.SetScale(sb.at.State.View().Scale)
	}
	if c&ChangeHover != 0 {
		sb.Hover.SetText(sb.at.State.NameOf(sb.at.State.Hover()))
	}
}

// SetPointer shows the pointer's lon/lat (zero: the pointer left the map).
func (sb *StatusBar) SetPointer(ll [2]float64) {
	if ll == [2]float64{} {
		sb.Pos.SetText("")
		return
	}
	o := sb.at.Locator.coordOptions()
	if o.Form == coord.Degrees {
		sb.Pos.SetText(fmt.Sprintf("%.5f°E %.5f°N", ll[0], ll[1]))
		return
	}
	sb.Pos.SetText(coord.Format(orb.Point(ll), o, sb.at.Lang()))
}

// SetScale shows the map scale as 1:N, N rounded to three figures.
func (sb *StatusBar) SetScale(n float64) {
	if n <= 0 {
		return
	}
	mag := math.Pow(10, math.Floor(math.Log10(n))-2)
	sb.Scale.SetText(fmt.Sprintf("%s 1:%s", tr(sb.at.Lang(), "scale"), thousands(math.Round(n/mag)*mag)))
}

func thousands(v float64) string {
	s := fmt.Sprintf("%.0f", v)
	out := ""
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out += ","
		}
		out += string(c)
	}
	return out
}

// showZones offers the zones of the chosen grid form (hidden for degrees).
func (sb *StatusBar) showZones() {
	at := sb.at
	o := coordForms[at.Locator.coordForm()].o
	zones := zoneChoices(at.Plan, o.Form)
	if len(zones) == 0 {
		sb.Zone.Hide()
		return
	}
	l := at.Lang()
	var names []string
	for _, z := range zones {
		if z == 0 {
			names = append(names, tr(l, "zoneAuto"))
		} else {
			names = append(names, fmt.Sprintf(tr(l, "zoneN"), z, coord.CentralMeridian(o.Form, z)))
		}
	}
	sb.Zone.OnChanged = nil
	sb.Zone.Options = names
	sb.Zone.SetSelectedIndex(indexOf(zones, at.Locator.fixedZone()))
	sb.Zone.OnChanged = func(string) {
		if i := sb.Zone.SelectedIndex(); i >= 0 {
			at.App.Preferences().SetInt(fmt.Sprintf("coord.zone.%d", o.Form), zones[i])
		}
	}
	sb.Zone.Show()
}

// Say shows a tool's message (a hint, what was saved or exported) in the
// status bar; "" clears it.
func (sb *StatusBar) Say(msg string) { sb.Tool.SetText(msg) }

// SayHover shows a short message where the hovered feature is named
// (until the pointer names another).
func (sb *StatusBar) SayHover(msg string) { sb.Hover.SetText(msg) }

// OfferKeep shows or hides the button that keeps the last measurement as
// annotations.
func (sb *StatusBar) OfferKeep(on bool) {
	if on {
		sb.Keep.Show()
	} else {
		sb.Keep.Hide()
	}
}
