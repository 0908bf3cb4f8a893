package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// File → 导出网页 writes the atlas as one web page in the background, with
// the map's language, theme, layers and every scene; the dialog greys out
// what a page does not take.
func TestExportWebPage(t *testing.T) {
	at := newTestAtlas(t, test.NewTempApp(t))
	at.State.SetTheme("dark")
	at.State.SetLang("en")
	at.State.SetLayer("industry", false)
	f := NewExportForm(at)
	f.Format.SetSelected("HTML")
	if !f.Preset.Disabled() || !f.Area.Disabled() || !f.CustomW.Disabled() {
		t.Error("the page size, area and width stay open for a web page")
	}
	f.Folder = t.TempDir()
	f.Name.SetText("atlas")
	req := f.Request()
	if req.Format != "html" || req.Path != filepath.Join(f.Folder, "atlas.html") {
		t.Fatalf("request %+v", req)
	}
	var files []string
	var err error
	at.Exporter.RunExport(req, func(fs []string, e error) { files, err = fs, e })
	settle(t, at)
	if err != nil || len(files) != 1 {
		t.Fatalf("export: %v %v", files, err)
	}
	b, err := os.ReadFile(req.Path)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	i := strings.Index(page, `id="plan-data">`)
	j := strings.Index(page[i:], "</script>")
	if i < 0 || j < 0 {
		t.Fatal("no plan data in the page")
	}
	var d struct {
		Lang   string `json:"lang"`
		Theme  string `json:"theme"`
		Groups []struct {
			ID      string `json:"id"`
			Visible bool   `json:"visible"`
		} `json:"groups"`
		Scenes []json.RawMessage `json:"scenes"`
		Title  struct{ Zh, En string }
	}
	if err := json.Unmarshal([]byte(page[i+len(`id="plan-data">`):i+j]), &d); err != nil {
		t.Fatal(err)
	}
	if d.Lang != "en" || d.Theme != "dark" {
		t.Errorf("page in %s/%s, want en/dark", d.Lang, d.Theme)
	}
	for _, g := range d.Groups {
		if (g.ID == "industry") == g.Visible {
			t.Errorf("group %s visible %v in the page", g.ID, g.Visible)
		}
	}
	if len(d.Scenes) != len(at.State.Scenes()) {
		t.Errorf("%d scenes in the page, %d in the app", len(d.Scenes), len(at.State.Scenes()))
	}
	if d.Title.Zh != at.Plan.Info.Title.Zh {
		t.Errorf("title %q: the dialog's offered title replaced the plan's", d.Title.Zh)
	}
	// Back to PNG: the choices come back.
	f.Format.SetSelected("PNG")
	if f.Preset.Disabled() || f.Area.Disabled() {
		t.Error("the page size and area stay greyed out for a PNG")
	}
}
