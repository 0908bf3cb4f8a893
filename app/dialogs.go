package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Dialogs worded wholly in the app's language: Fyne's own error, information
// and confirm dialogs take their title and buttons from the system locale,
// which on an English Windows would frame a Chinese message in English.

// showMessage shows msg under title with one button to close it.
func (at *Atlas) showMessage(title, msg string) {
	d := dialog.NewCustom(title, tr(at.Lang(), "ok"), messageLabel(msg), at.Win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// showError shows that something failed, and why.
func (at *Atlas) showError(msg string) { at.showMessage(tr(at.Lang(), "error"), msg) }

// confirm asks a yes/no question; yes is the button's word for going on.
func (at *Atlas) confirm(title, question, yes string, onYes func()) {
	d := dialog.NewCustomConfirm(title, yes, tr(at.Lang(), "cancel"), messageLabel(question), func(ok bool) {
		if ok {
			onYes()
		}
	}, at.Win)
	d.Resize(fyne.NewSize(560, 0)) // room for a long path on a few lines
	d.Show()
}

func messageLabel(msg string) *widget.Label {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	return l
}
