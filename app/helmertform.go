package app

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/planatlas/planatlas/geo/crs"
)

// helmertForm asks for the seven parameters (Bursa–Wolf) that move a file
// on Xi'an 1980 or Beijing 1954 to WGS 84: planning offices hold their own.
type helmertForm struct {
	lang    string
	entries [7]*widget.Entry // ΔX ΔY ΔZ (m), εX εY εZ (″), m (ppm)
	frame   *widget.Check
	box     fyne.CanvasObject
}

func newHelmertForm(lang string) *helmertForm {
	f := &helmertForm{lang: lang}
	keys := [7]string{"helmertDX", "helmertDY", "helmertDZ", "helmertRX", "helmertRY", "helmertRZ", "helmertS"}
	form := widget.NewForm()
	for i, k := range keys {
		f.entries[i] = widget.NewEntry()
		f.entries[i].SetPlaceHolder("0")
		form.Append(tr(lang, k), f.entries[i])
	}
	f.frame = widget.NewCheck(tr(lang, "helmertFrame"), nil)
	note := widget.NewLabel(tr(lang, "helmertNote"))
	note.Wrapping = fyne.TextWrapWord
	f.box = container.NewVBox(note, form, f.frame)
	return f
}

// value is the parameters entered: nil when every field is empty; an
// error, in the planner's language, when one is not a number.
func (f *helmertForm) value() (*crs.Helmert, error) {
	var v [7]float64
	any := false
	for i, e := range f.entries {
		t := strings.TrimSpace(e.Text)
		if t == "" {
			continue
		}
		x, err := strconv.ParseFloat(t, 64)
		if err != nil {
			return nil, errors.New(tr(f.lang, "helmertBad") + "“" + t + "”")
		}
		v[i], any = x, true
	}
	if !any {
		return nil, nil
	}
	return &crs.Helmert{DX: v[0], DY: v[1], DZ: v[2], RX: v[3], RY: v[4], RZ: v[5], S: v[6], CoordinateFrame: f.frame.Checked}, nil
}

// set fills the form with parameters entered before.
func (f *helmertForm) set(h *crs.Helmert) {
	for i, v := range [7]float64{h.DX, h.DY, h.DZ, h.RX, h.RY, h.RZ, h.S} {
		if v != 0 {
			f.entries[i].SetText(strconv.FormatFloat(v, 'f', -1, 64))
		}
	}
	f.frame.SetChecked(h.CoordinateFrame)
}
