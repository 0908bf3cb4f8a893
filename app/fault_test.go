package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The GeoJSON that crashed the app (a GeometryCollection of nulls, read on
// a decoder worker) opens through the app's own background read, with the
// good feature drawn and the others accounted for.
func TestOpenCrashFilesInTheApp(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	for _, f := range []string{"corpus/gc-nulls.geojson", "corpus/gc-nullring.geojson"} {
		o, err := open(t, at, testdata+f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(o.Layer.Features) != 1 || len(o.Layer.Unplaced)+o.Layer.Report.Skipped != 1 {
			t.Errorf("%s: %d features, %d unplaced, %d skipped", f, len(o.Layer.Features), len(o.Layer.Unplaced), o.Layer.Report.Skipped)
		}
	}
	paint(at)
}

// A fault in background work (here a nil-map write, as a reader's bug on a
// planner's file would raise) is shown to the planner in her language and
// the app goes on: later work runs and the map still draws.
func TestBackgroundFaultIsShownNotRaised(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	ran := false
	at.background(func() {
		var m map[string]int
		m["x"]++
	}, func() { ran = true })
	settle(t, at)
	if !ran {
		t.Error("done was not called after the fault")
	}
	top := at.Win.Canvas().Overlays().Top()
	if got := strings.Join(textsIn(top), " ") + labelTexts(top); !strings.Contains(got, "规划图册内部出错") {
		t.Fatalf("no message of the fault shown: %q", got)
	}
	at.Win.Canvas().Overlays().Remove(top)
	next := false
	at.background(func() {}, func() { next = true })
	settle(t, at)
	if !next {
		t.Error("work after the fault did not run")
	}
	paint(at)
}

// labelTexts joins the texts of the labels in an object (a wrapped label
// draws its words in pieces).
func labelTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, c := range test.LaidOutObjects(o) {
		if l, ok := c.(*widget.Label); ok {
			b.WriteString(l.Text)
		}
	}
	return b.String()
}
