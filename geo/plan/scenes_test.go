package plan_test

import (
	"strings"
	"testing"

	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/planpkg"
	"github.com/planatlas/planatlas/seeds"
)

func TestScenesLoad(t *testing.T) {
	p := load(t)
	want := []string{"区域定位", "县域功能", "对外通道", "交通网络", "物流枢纽", "产业", "生态廊道", "文化旅游"}
	if len(p.Scenes) != len(want) {
		t.Fatalf("%d scenes, want %d", len(p.Scenes), len(want))
	}
	for i, s := range p.Scenes {
		if s.NameZh != want[i] {
			t.Errorf("scene %d is %s, want %s", i, s.NameZh, want[i])
		}
	}
	s, ok := p.SceneByName("对外通道")
	if !ok || s.Caption(p.Doc) != "(十一) 拓展外向战略性大通道" {
		t.Errorf("对外通道 caption %q", s.Caption(p.Doc))
	}
	eco, _ := p.SceneByName("ecology")
	if got := eco.Caption(p.Doc); got != "(十七) 加强环境共治  (十八) 推动生态共建  (十九) 推进绿色发展" {
		t.Errorf("ecology caption %q", got)
	}
}

func TestScenesValidation(t *testing.T) {
	tests := []struct{ name, old, new, want string }{
		{"unknown clause", `"clauses": ["十一"]`, `"clauses": ["三十二"]`, `scene corridors: clauses: no clause "三十二"`},
		{"unknown layer", `"layers": ["base", "region", "corridor"]`, `"layers": ["base", "roads"]`, `scene corridors: layers: unknown layer "roads"`},
		{"unknown feature", `"hanbanan_hsr", "bawan`, `"no_such_line", "bawan`, `scene corridors: highlight: no feature "no_such_line"`},
		{"bad bbox", `[103.9, 29.4, 109.0, 33.4]`, `[109.0, 29.4, 103.9, 33.4]`, `scene corridors: bbox`},
		{"duplicate id", `"id": "network"`, `"id": "corridors"`, `scene corridors: id: duplicate`},
		{"broken JSON", `"scenes": [`, `"scenes": `, `scenes.json: not valid JSON`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := planFS(t)
			s := string(m[plan.ScenesFile].Data)
			if !strings.Contains(s, tt.old) {
				t.Fatalf("fixture lacks %q", tt.old)
			}
			m[plan.ScenesFile].Data = []byte(strings.Replace(s, tt.old, tt.new, 1))
			_, err := plan.LoadFS(m, seeds.BuiltIn)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// In English a scene's clauses are numbered in figures before their
// Chinese lead titles; in Chinese they read as the decision prints them.
func TestSceneCaptionInEachLanguage(t *testing.T) {
	p, err := planpkg.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	s := plan.Scene{Clauses: []string{"十", "十一"}}
	if got := s.CaptionIn(p.Doc, "en"); !strings.HasPrefix(got, "Clause 10 (十)") || !strings.Contains(got, "Clause 11 (十一)") {
		t.Errorf("en: %q", got)
	}
	if got := s.CaptionIn(p.Doc, "zh"); !strings.HasPrefix(got, "(十)") || got != s.Caption(p.Doc) {
		t.Errorf("zh: %q", got)
	}
}

// Each feature a scene highlights is cited by one of the scene's clauses:
// what the room sees lit is what the scene's text asks for.
func TestSceneHighlightsAreCited(t *testing.T) {
	p, err := planpkg.BuiltIn()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range p.Scenes {
		for _, id := range s.Highlight {
			f, ok := p.Feature(id)
			if !ok {
				t.Errorf("%s: no feature %s", s.ID, id)
				continue
			}
			cited := false
			for _, c := range s.Clauses {
				cited = cited || f.Cites(c)
			}
			if !cited {
				t.Errorf("%s highlights %s (%s), which none of its clauses %v cites (it is in %v)", s.ID, id, f.NameZh, s.Clauses, f.Clauses)
			}
		}
	}
}
