package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/annot"
)

// button finds the button labelled text in o.
func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, c := range test.LaidOutObjects(o) {
		if b, ok := c.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q in %s", text, strings.Join(textsIn(o), "|"))
	return nil
}

// entryWithText finds the entry holding text in o.
func entryWithText(o fyne.CanvasObject, text string) *widget.Entry {
	for _, c := range test.LaidOutObjects(o) {
		if e, ok := c.(*widget.Entry); ok && e.Text == text {
			return e
		}
	}
	return nil
}

// The export dialog stays open on a mistake and says it in itself; a good
// export closes it, remembers the name, and offers to open the folder.
func TestExportDialogKeepsOpenAndRemembers(t *testing.T) {
	a := test.NewTempApp(t)
	dir := t.TempDir()
	a.Preferences().SetString("export.dir", dir)
	at := newTestAtlas(t, a)
	at.Exporter.ShowExport()
	dlg := at.Win.Canvas().Overlays().Top()
	name := entryWithText(dlg, "巴中规划图")
	if name == nil {
		t.Fatal("no file name entry with the default name")
	}
	name.SetText("a/b?")
	test.Tap(button(t, dlg, "导出"))
	settle(t, at)
	if top := at.Win.Canvas().Overlays().Top(); top != dlg {
		t.Fatal("the export dialog closed on a bad name")
	}
	if got := labelTexts(dlg); !strings.Contains(got, "导出失败") {
		t.Fatalf("the dialog does not say what is wrong: %q", got)
	}
	name.SetText("会议用图")
	test.Tap(button(t, dlg, "导出"))
	settle(t, at)
	if _, err := os.Stat(filepath.Join(dir, "会议用图.png")); err != nil {
		// The format may be remembered as another; any file of the name will do.
		m, _ := filepath.Glob(filepath.Join(dir, "会议用图.*"))
		if len(m) == 0 {
			t.Fatalf("nothing written: %v", err)
		}
	}
	done := at.Win.Canvas().Overlays().Top()
	if done == dlg || done == nil {
		t.Fatal("no message after the export")
	}
	button(t, done, "打开所在文件夹")
	at.Win.Canvas().Overlays().Remove(done)
	at.Exporter.ShowExport()
	if entryWithText(at.Win.Canvas().Overlays().Top(), "会议用图") == nil {
		t.Error("the dialog did not remember the last file name")
	}
}

// Marks drawn while presenting are the presentation's: off the map when it
// ends (and never saved), kept as annotations only when the planner says so;
// an export leaves annotations out when its switch is off.
func TestPresentationMarksAreOffered(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.State.AddAnnotation(annot.Annotation{Kind: annot.Text, Colour: annot.Colours[0], Width: 1, Points: []orb.Point{{106.75, 31.86}}, Text: "会场"})
	at.Presentation.Present()
	settle(t, at)
	at.State.AddAnnotation(annot.Annotation{Kind: annot.Pen, Colour: annot.Colours[0], Width: 1, Points: []orb.Point{{106.7, 31.8}, {106.8, 31.9}}})
	if strings.Count(string(at.Work.file.Raw(workAnnotations)), `"Feature"`) != 1 {
		t.Error("a mark made while presenting was saved as an annotation")
	}
	at.Presentation.Present() // leave
	settle(t, at)
	if n := len(at.State.Annotations()); n != 1 {
		t.Fatalf("%d annotations after presenting, want the one from before", n)
	}
	offer := at.Win.Canvas().Overlays().Top()
	if offer == nil || !strings.Contains(labelTexts(offer), "1 处标记") {
		t.Fatal("the marks were not offered")
	}
	test.Tap(button(t, offer, "保留为批注"))
	settle(t, at)
	if n := len(at.State.Annotations()); n != 2 {
		t.Fatalf("%d annotations after keeping the mark, want 2", n)
	}
	if strings.Count(string(at.Work.file.Raw(workAnnotations)), `"Feature"`) != 2 {
		t.Error("the kept mark was not saved")
	}
	req := ExportRequest{Format: "png", W: 800, H: 600, DPI: 96, Area: "city", Path: filepath.Join(t.TempDir(), "x.png")}
	for _, area := range []string{"city", at.State.Scenes()[0].ID} {
		req.Area = area
		req.NoAnnotations = false
		on, _ := at.Exporter.ExportScenes(req)
		req.NoAnnotations = true
		off, _ := at.Exporter.ExportScenes(req)
		if len(on[0].Annotations) != 2 || len(off[0].Annotations) != 0 {
			t.Errorf("%s: %d annotations exported with the switch on, %d with it off", area, len(on[0].Annotations), len(off[0].Annotations))
		}
	}
}
