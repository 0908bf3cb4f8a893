package plan

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/paulmach/orb"
)

// ScenesFile is the file under the plan folder that lists the presentation scenes.
const ScenesFile = "scenes.json"

// Scene is one view of the plan for a meeting: a theme of the decision with
// its clauses, the layers to show, the features to highlight and the area.
type Scene struct {
	ID        string     `json:"id"`
	NameZh    string     `json:"name_zh"`
	NameEn    string     `json:"name_en"`
	Clauses   []string   `json:"clauses"`
	Layers    []GroupID  `json:"layers"`
	Highlight []string   `json:"highlight"`
	BBox      [4]float64 `json:"bbox"` // minlon, minlat, maxlon, maxlat

	// A planner's own scene (Own) may have no clauses; its note is its
	// caption, and it may filter the plan's layers by a stage.
	Note  string `json:"note,omitempty"`
	Stage Stage  `json:"stage,omitempty"`
	Own   bool   `json:"own,omitempty"`
	// AsOf shows the plan's progress on a date (a progress scene).
	AsOf string `json:"as_of,omitempty"`
}

// Name returns the scene's name in lang.
func (s Scene) Name(lang string) string {
	if lang == "en" && s.NameEn != "" {
		return s.NameEn
	}
	return s.NameZh
}

// Bound returns the scene's area as a lon/lat bound.
func (s Scene) Bound() orb.Bound {
	return orb.Bound{Min: orb.Point{s.BBox[0], s.BBox[1]}, Max: orb.Point{s.BBox[2], s.BBox[3]}}
}

// Caption returns the scene's clauses with their lead titles, verbatim from
// the document: "(十一) 拓展外向战略性大通道".
func (s Scene) Caption(d *Document) string { return s.CaptionIn(d, "zh") }

// CaptionIn is the caption for an interface in lang: in English each
// clause is numbered in figures before its lead title, which the text has
// only in Chinese (Clause 10 (十) 优化市域发展空间布局; Article 4 第四条 …).
func (s Scene) CaptionIn(d *Document, lang string) string {
	if len(s.Clauses) == 0 {
		return s.Note
	}
	var parts []string
	for _, num := range s.Clauses {
		c, ok := d.Clause(num)
		if !ok {
			continue
		}
		parts = append(parts, d.ClauseName(c, lang)+" "+c.Title)
	}
	return strings.Join(parts, "  ")
}

// ParseScenes reads and checks a scenes file against the plan: ids unique
// and present, names present, clauses in the document, layers known,
// highlighted features in the plan, a sensible box. Errors name the scene
// and field.
func ParseScenes(b []byte, p *Plan) ([]Scene, error) {
	var f struct {
		Scenes []Scene `json:"scenes"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: not valid JSON: %w", ScenesFile, err)
	}
	if len(f.Scenes) == 0 {
		return nil, fmt.Errorf("%s: no scenes", ScenesFile)
	}
	seen := map[string]bool{}
	for i, s := range f.Scenes {
		if s.ID == "" {
			s.ID = fmt.Sprintf("#%d", i)
		}
		if seen[s.ID] {
			return nil, fmt.Errorf("%s: scene %s: id: duplicate", ScenesFile, s.ID)
		}
		seen[s.ID] = true
		if err := p.checkScene(s); err != nil {
			return nil, err
		}
	}
	return f.Scenes, nil
}

// SceneByName returns the scene whose id, Chinese or English name is name.
func (p *Plan) SceneByName(name string) (Scene, bool) {
	for _, s := range p.Scenes {
		if s.ID == name || s.NameZh == name || strings.EqualFold(s.NameEn, name) {
			return s, true
		}
	}
	return Scene{}, false
}

// checkScene checks a scene against the plan: an id and a name, clauses
// in the document, layers known, highlighted features in the plan, a
// sensible box.
func (p *Plan) checkScene(s Scene) error {
	fail := func(field, format string, a ...any) error {
		return fmt.Errorf("%s: scene %s: %s: %s", ScenesFile, s.ID, field, fmt.Sprintf(format, a...))
	}
	if s.ID == "" {
		return fail("id", "empty")
	}
	if s.NameZh == "" {
		return fail("name", "name_zh is required")
	}
	if len(s.Clauses) == 0 {
		return fail("clauses", "empty")
	}
	for _, c := range s.Clauses {
		if _, ok := p.Doc.Clause(c); !ok {
			return fail("clauses", "no clause %q in the text", c)
		}
	}
	if len(s.Layers) == 0 {
		return fail("layers", "empty")
	}
	for _, l := range s.Layers {
		if _, ok := p.Group(l); !ok {
			return fail("layers", "unknown layer %q", l)
		}
	}
	for _, id := range s.Highlight {
		if _, ok := p.Feature(id); !ok {
			return fail("highlight", "no feature %q", id)
		}
	}
	b := s.BBox
	if !(b[0] < b[2] && b[1] < b[3]) || !ChinaBound.Contains(orb.Point{b[0], b[1]}) || !ChinaBound.Contains(orb.Point{b[2], b[3]}) {
		return fail("bbox", "%v is not minlon,minlat,maxlon,maxlat inside China", b)
	}
	return nil
}
