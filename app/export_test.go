package app

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	at.RunExport(req, func(fs []string, e error) { files, err = fs, e })
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
	at.RunExport(f.Request(), func(_ []string, e error) { err = e })
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
	at.RunExport(f.Request(), func(_ []string, e error) { err = e })
	settle(t, at)
	if err == nil || at.LastExportError == nil {
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
		at.RunExport(f.Request(), func(_ []string, e error) { err = e })
		settle(t, at)
		if b, _ := os.ReadFile(old); err == nil || string(b) != "older" {
			t.Errorf("err %v, old file %q", err, b)
		}
	}
}
