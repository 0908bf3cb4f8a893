package plan_test

import (
	"strings"
	"testing"

	"github.com/planatlas/planatlas/geo/plan"
)

// A planner's scenes go to a file and come back as they were; what the
// plan cannot show is refused or dropped, and ids never clash with the
// built-in scenes.
func TestOwnScenesFile(t *testing.T) {
	p := load(t)
	own := []plan.Scene{
		{ID: "own-1", NameZh: "东站片区", NameEn: "East station", Layers: []plan.GroupID{"base", "corridor"},
			Highlight: []string{"banan_hsr_section"}, BBox: [4]float64{106.7, 31.8, 106.9, 31.9}, Note: "汇报用", Stage: plan.StageUnderConstruction, Own: true},
		{ID: "own-2", NameZh: "水库", NameEn: "Reservoirs", Clauses: []string{"十八"}, Layers: []plan.GroupID{"ecology"},
			BBox: [4]float64{106.3, 31.3, 107.5, 32.6}, Own: true},
	}
	b, err := plan.MarshalOwnScenes(own)
	if err != nil {
		t.Fatal(err)
	}
	back, dropped, err := p.ParseOwnScenes(b)
	if err != nil || dropped != 0 || len(back) != 2 {
		t.Fatalf("read %d scenes, dropped %d, err %v", len(back), dropped, err)
	}
	for i := range own {
		a, b := own[i], back[i]
		if a.ID != b.ID || a.NameZh != b.NameZh || a.Note != b.Note || a.Stage != b.Stage || a.BBox != b.BBox ||
			strings.Join(a.Highlight, ",") != strings.Join(b.Highlight, ",") || !b.Own {
			t.Errorf("%d: %+v came back as %+v", i, a, b)
		}
	}
	if got := back[0].CaptionIn(p.Doc, "zh"); got != "汇报用" {
		t.Errorf("an own scene without clauses is captioned %q, want its note", got)
	}
	tests := []struct {
		name, file, err string
		dropped         int
	}{
		{"not JSON", `nope`, "not a scenes file", 0},
		{"another kind", `{"kind":"other","scenes":[]}`, "not a scenes file", 0},
		{"no name", `{"kind":"planatlas-scenes","scenes":[{"layers":["base"],"bbox":[106,31,107,32]}]}`, "no name", 0},
		{"unknown layer", `{"kind":"planatlas-scenes","scenes":[{"name_zh":"甲","layers":["roads"],"bbox":[106,31,107,32]}]}`, "unknown layer", 0},
		{"unknown clause", `{"kind":"planatlas-scenes","scenes":[{"name_zh":"甲","clauses":["九十九"],"bbox":[106,31,107,32]}]}`, "no clause", 0},
		{"outside China", `{"kind":"planatlas-scenes","scenes":[{"name_zh":"甲","bbox":[2,48,3,49]}]}`, "inside China", 0},
		{"a feature the plan lacks", `{"kind":"planatlas-scenes","scenes":[{"name_zh":"甲","highlight":["nowhere","city_chengdu"],"bbox":[106,31,107,32]}]}`, "", 1},
		{"an id a built-in scene uses", `{"kind":"planatlas-scenes","scenes":[{"id":"regional","name_en":"Mine","bbox":[106,31,107,32]}]}`, "", 0},
	}
	for _, tt := range tests {
		ss, dropped, err := p.ParseOwnScenes([]byte(tt.file))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || dropped != tt.dropped || len(ss) != 1 {
			t.Errorf("%s: %d scenes, dropped %d, err %v", tt.name, len(ss), dropped, err)
			continue
		}
		for _, b := range p.Scenes {
			if ss[0].ID == b.ID {
				t.Errorf("%s: id %q clashes with a built-in scene", tt.name, ss[0].ID)
			}
		}
		if ss[0].NameZh == "" || ss[0].NameEn == "" {
			t.Errorf("%s: names %q %q", tt.name, ss[0].NameZh, ss[0].NameEn)
		}
	}
	if all := p.AllScenes(back); len(all) != len(p.Scenes)+2 || all[len(all)-1].ID != back[1].ID {
		t.Errorf("AllScenes: %d", len(all))
	}
}
