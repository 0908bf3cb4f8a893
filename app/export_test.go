package app

import (
	"context"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/planatlas/planatlas/geo/atomicfile"
	"github.com/planatlas/planatlas/geo/render"

	"fyne.io/fyne/v2/test"
)

func TestExportDialogWritesPNGOfChosenSize(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	f := NewExportForm(at)
	f.Format.SetSelected("PNG")
	f.Preset.SetSelectedIndex(len(ExportPresets) - 1) // custom
	f.CustomW.SetText("900")
	f.CustomH.SetText("600")
	f.Area.SetSelectedIndex(3) // the second scene (县域功能)
	f.Folder = t.TempDir()
	f.Name.SetText("roles")
	req := f.Request()
	if req.Path != filepath.Join(f.Folder, "roles.png") || req.Area != "county-roles" {
		t.Fatalf("request %+v", req)
	}
	var files []string
	var err error
	at.Exporter.RunExport(req, func(fs []string, e error) { files, err = fs, e })
	settle(t, at)
	if err != nil || len(files) != 1 {
		t.Fatalf("export: %v %v", files, err)
	}
	fh, _ := os.Open(req.Path)
	defer fh.Close()
	cfg, err := png.DecodeConfig(fh)
	if err != nil || cfg.Width != 900 || cfg.Height != 600 {
		t.Errorf("PNG is %dx%d (%v), want 900x600", cfg.Width, cfg.Height, err)
	}
}

func TestExportDeckFromDialog(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	f := NewExportForm(at)
	f.Format.SetSelected("PDF")
	f.Preset.SetSelectedIndex(2) // A4 landscape 150 dpi
	f.Area.SetSelectedIndex(len(f.areas) - 1)
	f.Folder = t.TempDir()
	f.Name.SetText("handout")
	var err error
	at.Exporter.RunExport(f.Request(), func(_ []string, e error) { err = e })
	settle(t, at)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(f.Folder, "handout.pdf"))
	if n := strings.Count(string(b), "/Type /Page\n") + strings.Count(string(b), "/Type/Page\n"); n == 0 && len(b) < 10000 {
		t.Errorf("handout.pdf looks empty (%d bytes)", len(b))
	}
}

func TestFailingExportLeavesNoFileAndSaysWhy(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	f := NewExportForm(at)
	f.Folder = filepath.Join(t.TempDir(), "no", "such", "folder")
	f.Name.SetText("map")
	var err error
	at.Exporter.RunExport(f.Request(), func(_ []string, e error) { err = e })
	settle(t, at)
	if err == nil || at.Exporter.LastError == nil {
		t.Fatal("exporting into a missing folder did not fail")
	}
	if _, statErr := os.Stat(f.Folder); !os.IsNotExist(statErr) {
		t.Error("the export created the folder or a file")
	}
	if msg := exportReason("zh", err); !strings.Contains(msg, "文件夹不存在") {
		t.Errorf("message %q does not say why in Chinese", msg)
	}
	// The app is still usable: the map still draws.
	at.Map.Zoom(2)
	paint(at)
	if at.Map.Frame() == nil {
		t.Error("the map stopped drawing")
	}
	// Into a read-only folder an older file survives (skipped as root, which may write anywhere).
	if os.Geteuid() != 0 {
		dir := t.TempDir()
		old := filepath.Join(dir, "map.png")
		os.WriteFile(old, []byte("older"), 0o644)
		os.Chmod(dir, 0o555)
		defer os.Chmod(dir, 0o755)
		f.Folder = dir
		at.Exporter.RunExport(f.Request(), func(_ []string, e error) { err = e })
		settle(t, at)
		if b, _ := os.ReadFile(old); err == nil || string(b) != "older" {
			t.Errorf("err %v, old file %q", err, b)
		}
	}
}

// The size boxes show the preset's size and are labelled; a fixed scale
// draws the area at that scale; the selection stays out unless asked for.
func TestExportFormScaleSizeAndHighlight(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.Select("enyang_airport")
	f := NewExportForm(at)
	f.Preset.SetSelectedIndex(7) // A3 landscape 300 dpi
	if f.CustomW.Text != "4961" || f.CustomH.Text != "3508" || !f.CustomW.Disabled() {
		t.Errorf("A3 300 dpi shows %s × %s (editable %v)", f.CustomW.Text, f.CustomH.Text, !f.CustomW.Disabled())
	}
	f.Preset.SetSelectedIndex(len(ExportPresets) - 1)
	if f.CustomW.Disabled() {
		t.Error("the custom size cannot be typed")
	}
	for _, want := range []string{"宽（像素）", "高（像素）", "比例尺"} {
		if !strings.Contains(strings.Join(textsIn(f.Object()), " "), want) {
			t.Errorf("the form has no label %q", want)
		}
	}
	f.CustomW.SetText("800")
	f.CustomH.SetText("600")
	f.ScaleChoice.SetSelectedIndex(2) // 1:500,000
	f.Folder = t.TempDir()
	req := f.Request()
	if req.Scale != 500_000 || req.Highlight {
		t.Fatalf("request %+v", req)
	}
	scenes, err := at.Exporter.ExportScenes(req)
	if err != nil {
		t.Fatal(err)
	}
	if s := scenes[0]; s.View.Scale != 500_000 || len(s.Selected) != 0 {
		t.Errorf("exported at 1:%.0f with selection %v", s.View.Scale, s.Selected)
	}
	f.ScaleChoice.SetSelectedIndex(len(ExportScales) + 1)
	f.CustomScale.SetText("1,250,000")
	f.Highlight.SetChecked(true)
	req = f.Request()
	if scenes, _ := at.Exporter.ExportScenes(req); req.Scale != 1_250_000 || scenes[0].View.Scale != 1_250_000 || !scenes[0].Selected["enyang_airport"] {
		t.Errorf("custom scale and highlight: %+v", req)
	}
}

// An export that cannot be written says why in the planner's language,
// before anything is drawn: a name with a slash, a folder that is not
// there, a place that takes no files.
func TestExportSaysWhyItCannotWrite(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	dir := t.TempDir()
	tests := []struct{ path, zh string }{
		{filepath.Join(dir, "a:b.png"), "文件名“a:b.png”含有文件名中不能使用的字符"},
		{filepath.Join(dir, "no", "map.png"), "文件夹不存在"},
		{"/proc/map.png", "该位置不能保存文件"},
	}
	if err := atomicfile.CheckFileName(dir, "规划/草图"); err == nil || !strings.Contains(exportReason("zh", err), "文件名“规划/草图”含有") {
		t.Errorf("a name with a slash: %v", err)
	}
	for _, tc := range tests {
		var err error
		at.Exporter.RunExport(ExportRequest{Format: "png", W: 400, H: 300, DPI: 96, Area: "city", Path: tc.path}, func(_ []string, e error) { err = e })
		settle(t, at)
		if err == nil || !strings.Contains(exportReason("zh", err), tc.zh) {
			t.Errorf("%s: %v, want %q", tc.path, exportReason("zh", err), tc.zh)
		}
	}
}

// An export over half a second shows progress with a cancel button; the
// progress goes when the export ends, and cancelling leaves no file.
func TestExportProgressAndCancel(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	dir := t.TempDir()
	req := ExportRequest{Format: "png", W: 4961, H: 3508, DPI: 300, Area: "city", Frame: render.FullFrame, Path: filepath.Join(dir, "a3.png")}
	var err error
	finished := false
	at.Exporter.RunExport(req, func(_ []string, e error) { err, finished = e, true })
	deadline := time.Now().Add(60 * time.Second)
	var shown fyne.CanvasObject
	for !finished && shown == nil && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		step(at)
		if top := at.Win.Canvas().Overlays().Top(); top != nil && strings.Contains(strings.Join(textsIn(top), ""), "取消") {
			shown = top
		}
	}
	if finished {
		t.Skip("the export ended before half a second: nothing to see on this machine")
	}
	if shown == nil {
		t.Fatal("no progress dialog while the export ran")
	}
	// Cancel, as the planner's button does.
	for _, o := range test.LaidOutObjects(shown) {
		if b, ok := o.(*widget.Button); ok && b.Text == "取消" {
			test.Tap(b)
		}
	}
	settle(t, at)
	if err == nil {
		// The export's last band was written between the dialog showing
		// and the tap: a race with the machine's speed, not a fault.
		t.Skip("the export ended before the cancel reached it")
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled export: %v", err)
	}
	if _, statErr := os.Stat(req.Path); !os.IsNotExist(statErr) {
		t.Error("a cancelled export left a file")
	}
	if top := at.Win.Canvas().Overlays().Top(); top != nil && strings.Contains(strings.Join(textsIn(top), ""), "取消") {
		t.Error("the progress dialog stays after the export ended")
	}
}
