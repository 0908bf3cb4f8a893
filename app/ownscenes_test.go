package app

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/planatlas/planatlas/geo/plan"
)

// A scene of one's own: saved from the map, it survives a restart, is
// presented after the built-in ones with its layers, stage and note, goes
// into the handout deck, and round-trips through its file.
func TestOwnScenes(t *testing.T) {
	a := test.NewTempApp(t)
	at := newTestAtlas(t, a)
	at.Map.ZoomTo([2]float64{106.8, 31.85}, 100000)
	at.State.SetLayers(map[plan.GroupID]bool{"base": true, "corridor": true})
	at.State.SetStage(plan.StageUnderConstruction)
	at.Select("banan_hsr_section")
	saved := at.OwnScenes.SaveScene("东站片区", "汇报用")
	if !saved.Own || saved.ID == "" || saved.Stage != plan.StageUnderConstruction || len(saved.Highlight) != 1 || len(saved.Layers) != 2 {
		t.Fatalf("saved %+v", saved)
	}
	at.Win.Close()

	again := newTestAtlas(t, a)
	own := again.State.OwnScenes()
	if len(own) != 1 || own[0].NameZh != "东站片区" || own[0].Note != "汇报用" {
		t.Fatalf("after restart: %+v", own)
	}
	n := len(again.Plan.Scenes)
	again.Presentation.Present()
	settle(t, again)
	pr := again.Presentation.active
	pr.Go(n)
	settle(t, again)
	if s := pr.Scene(); s.ID != own[0].ID || pr.Clauses.Text != "汇报用" || again.State.Stage() != plan.StageUnderConstruction ||
		!again.State.LayerVisible("corridor") || again.State.LayerVisible("culture") {
		t.Errorf("presenting %+v: caption %q, stage %q", s, pr.Clauses.Text, again.State.Stage())
	}
	if pr.Mark.Text != "9 / 9" {
		t.Errorf("scene mark %q", pr.Mark.Text)
	}
	pr.Leave()
	if again.State.Stage() != "" && again.State.Stage() != plan.StageUnderConstruction {
		t.Errorf("stage after leaving: %q", again.State.Stage())
	}
	scenes, err := again.Exporter.ExportScenes(ExportRequest{Area: "deck", W: 480, H: 320, DPI: 96})
	if err != nil || len(scenes) != n+1 {
		t.Fatalf("deck of %d scenes (%v), want %d", len(scenes), err, n+1)
	}
	if one, err := again.Exporter.ExportScenes(ExportRequest{Area: own[0].ID, W: 480, H: 320, DPI: 96}); err != nil || len(one) != 1 || one[0].Title != "东站片区" {
		t.Errorf("exporting the own scene: %v %v", one, err)
	}
	path := filepath.Join(t.TempDir(), "mine.planatlas-scenes.json")
	if err := again.OwnScenes.ExportOwnScenes(path); err != nil {
		t.Fatal(err)
	}
	added, dropped, err := again.OwnScenes.ImportOwnScenes(path)
	if err != nil || added != 1 || dropped != 0 {
		t.Fatalf("import: %d, %d, %v", added, dropped, err)
	}
	own = again.State.OwnScenes()
	if len(own) != 2 || own[0].ID == own[1].ID || own[1].NameZh != "东站片区" || own[1].BBox != own[0].BBox {
		t.Errorf("after import: %+v", own)
	}
}
