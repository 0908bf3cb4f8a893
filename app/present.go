package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// Present shows the map alone, full screen; Esc leaves.
func (at *Atlas) Present() {
	if at.Win.FullScreen() {
		at.leavePresent()
		return
	}
	at.Win.SetContent(container.NewStack(at.Map))
	at.Win.SetFullScreen(true)
	at.Win.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape || e.Name == fyne.KeyF5 {
			at.leavePresent()
			return
		}
		at.typedKey(e)
	})
	at.Map.Redraw()
}

func (at *Atlas) leavePresent() {
	at.Win.SetFullScreen(false)
	at.Win.Canvas().SetOnTypedKey(at.typedKey)
	at.build()
	at.Map.Redraw()
}
