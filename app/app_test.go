package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/geo/plan"
)

func TestWindowShowsPlanTitle(t *testing.T) {
	p, err := plan.Load()
	if err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w := NewWindow(a, p)
	defer w.Close()
	found := false
	for _, o := range test.LaidOutObjects(w.Content()) {
		if l, ok := o.(*widget.Label); ok && l.Text == p.Doc.Title {
			found = true
		}
	}
	if !found {
		t.Errorf("no label with the plan's title %q", p.Doc.Title)
	}
	if _, ok := a.Settings().Theme().(*atlasTheme); !ok {
		t.Error("the bundled-font theme is not set")
	}
}
