package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/annot"
)

// The app's keys work whatever control was used last: F5 presents from the
// search box (and the digits then go to the presentation, not the box),
// Esc leaves the box, and Ctrl+Z undoes the box's typing while it has the
// keyboard and the annotations once it has not.
func TestKeysAfterATextBox(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	c := at.Win.Canvas()
	box := at.Search.Entry

	c.Focus(box)
	test.Type(box, "光雾山")
	box.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF5})
	settle(t, at)
	if on, _ := at.State.Presenting(); !on {
		t.Fatal("F5 from the search box did not present")
	}
	if c.Focused() != nil {
		t.Errorf("presenting left the keyboard with %T", c.Focused())
	}
	at.Presentation.Present() // leave
	settle(t, at)

	c.Focus(box)
	box.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Focused() != nil {
		t.Errorf("Esc left the keyboard with %T", c.Focused())
	}

	// Undo: the menu's item, as the window's shortcut runs it.
	var undo *fyne.MenuItem
	for _, m := range at.Menu.mainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == (&fyne.ShortcutUndo{}).ShortcutName() {
				undo = it
			}
		}
	}
	if undo == nil {
		t.Fatal("no menu item carries the undo shortcut")
	}
	at.State.AddAnnotation(annot.Annotation{Kind: annot.Text, Colour: annot.Colours[0], Width: 1, Points: []orb.Point{{106.75, 31.86}}, Text: "会场"})
	box.SetText("")
	c.Focus(box)
	test.Type(box, "巴中")
	undo.Action()
	if n := len(at.State.Annotations()); n != 1 {
		t.Errorf("Ctrl+Z in the search box undid an annotation (%d left)", n)
	}
	c.Unfocus()
	undo.Action()
	if n := len(at.State.Annotations()); n != 0 {
		t.Errorf("Ctrl+Z on the map left %d annotations", n)
	}
}
