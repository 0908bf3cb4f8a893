package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tipDelay is how long the pointer rests on an icon button before its tip shows.
const tipDelay = 600 * time.Millisecond

// tipButton is an icon button that says what it does: resting the pointer
// on it shows a tip below it, in the interface's language.
type tipButton struct {
	widget.Button
	Tip   string
	at    *Atlas
	popup *widget.PopUp
	timer *time.Timer
	gen   int // which hover the timer belongs to (UI goroutine only)
}

// newTipButton makes an icon button with a tip.
func (dx *Dialogs) newTipButton(tip string, icon fyne.Resource, tapped func()) *tipButton {
	at := dx.at
	b := &tipButton{Tip: tip, at: at}
	b.Icon, b.OnTapped = icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn implements desktop.Hoverable: the tip shows after tipDelay.
func (b *tipButton) MouseIn(e *desktop.MouseEvent) {
	b.Button.MouseIn(e)
	b.gen++
	gen := b.gen
	b.timer = time.AfterFunc(tipDelay, func() {
		b.at.do(func() {
			if gen == b.gen {
				b.ShowTip()
			}
		})
	})
}

// MouseOut implements desktop.Hoverable: the tip goes.
func (b *tipButton) MouseOut() {
	b.Button.MouseOut()
	b.gen++
	if b.timer != nil {
		b.timer.Stop()
	}
	b.HideTip()
}

// Tapped implements fyne.Tappable: the tip goes, the button acts.
func (b *tipButton) Tapped(e *fyne.PointEvent) {
	b.gen++
	b.HideTip()
	b.Button.Tapped(e)
}

// ShowTip shows the tip under the button.
func (b *tipButton) ShowTip() {
	c := fyne.CurrentApp().Driver().CanvasForObject(b)
	if c == nil || b.Tip == "" {
		return
	}
	b.HideTip()
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor, bg.StrokeWidth, bg.CornerRadius = theme.Color(theme.ColorNameShadow), 1, 4
	label := widget.NewLabel(b.Tip)
	b.popup = widget.NewPopUp(container.NewStack(bg, label), c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).Add(fyne.NewPos(0, b.Size().Height+2))
	if w := b.popup.MinSize().Width; pos.X+w > c.Size().Width {
		pos.X = c.Size().Width - w // keep it on the window
	}
	b.popup.ShowAtPosition(pos)
}

// HideTip hides the tip.
func (b *tipButton) HideTip() {
	if b.popup != nil {
		b.popup.Hide()
		b.popup = nil
	}
}
