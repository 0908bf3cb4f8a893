package plan

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// ownScenesKind marks a file of a planner's own scenes.
const ownScenesKind = "planatlas-scenes"

// MarshalOwnScenes writes a planner's scenes as a file a colleague can
// import (JSON: {"kind": "planatlas-scenes", "version": 1, "scenes": […]}).
func MarshalOwnScenes(ss []Scene) ([]byte, error) {
	if ss == nil {
		ss = []Scene{}
	}
	return json.MarshalIndent(struct {
		Kind    string  `json:"kind"`
		Version int     `json:"version"`
		Scenes  []Scene `json:"scenes"`
	}{ownScenesKind, 1, ss}, "", " ")
}

// ParseOwnScenes reads a file of a planner's scenes and checks each against
// the plan: a name, known layers, clauses in the decision, highlighted
// features that exist (others are dropped, and counted), a box inside
// China. Every scene comes back marked
// Own, with an id not used by the built-in scenes.
func (p *Plan) ParseOwnScenes(b []byte) (scenes []Scene, dropped int, err error) {
	var f struct {
		Kind   string  `json:"kind"`
		Scenes []Scene `json:"scenes"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, 0, fmt.Errorf("not a scenes file: %w", err)
	}
	if f.Kind != ownScenesKind {
		return nil, 0, fmt.Errorf("not a scenes file (kind %q)", f.Kind)
	}
	for i, s := range f.Scenes {
		name := s.NameZh
		if name == "" {
			name = "#" + strconv.Itoa(i+1)
		}
		if err := p.checkOwnScene(&s, &dropped); err != nil {
			return nil, 0, fmt.Errorf("scene %s: %w", name, err)
		}
		scenes = append(scenes, s)
	}
	return p.UniqueOwnIDs(scenes), dropped, nil
}

// checkOwnScene checks s, dropping highlighted features the plan lacks.
func (p *Plan) checkOwnScene(s *Scene, dropped *int) error {
	s.Own = true
	s.NameZh, s.NameEn = strings.TrimSpace(s.NameZh), strings.TrimSpace(s.NameEn)
	if s.NameZh == "" && s.NameEn == "" {
		return fmt.Errorf("no name")
	}
	if s.NameZh == "" {
		s.NameZh = s.NameEn
	}
	if s.NameEn == "" {
		s.NameEn = s.NameZh
	}
	for _, c := range s.Clauses {
		if _, ok := p.Doc.Clause(c); !ok {
			return fmt.Errorf("no clause %q in the decision", c)
		}
	}
	for _, l := range s.Layers {
		if _, ok := p.Group(l); !ok {
			return fmt.Errorf("unknown layer %q", l)
		}
	}
	if s.Stage != "" && !s.Stage.Valid() {
		return fmt.Errorf("unknown stage %q", s.Stage)
	}
	var keep []string
	for _, id := range s.Highlight {
		if _, ok := p.Feature(id); ok {
			keep = append(keep, id)
		} else {
			*dropped++
		}
	}
	s.Highlight = keep
	b := s.BBox
	if !(b[0] < b[2] && b[1] < b[3]) || !ChinaBound.Contains(orb.Point{b[0], b[1]}) || !ChinaBound.Contains(orb.Point{b[2], b[3]}) {
		return fmt.Errorf("area %v is not minlon,minlat,maxlon,maxlat inside China", b)
	}
	return nil
}

// UniqueOwnIDs gives each own scene an id ("own-1", "own-2"…) that no
// built-in scene and no earlier own scene uses.
func (p *Plan) UniqueOwnIDs(own []Scene) []Scene {
	used := map[string]bool{}
	for _, s := range p.Scenes {
		used[s.ID] = true
	}
	n := 0
	for i := range own {
		if own[i].ID == "" || used[own[i].ID] || !strings.HasPrefix(own[i].ID, "own-") {
			for {
				n++
				id := "own-" + strconv.Itoa(n)
				if !used[id] {
					own[i].ID = id
					break
				}
			}
		}
		used[own[i].ID] = true
	}
	return own
}

// AllScenes is the built-in scenes followed by a planner's own.
func (p *Plan) AllScenes(own []Scene) []Scene {
	return append(append([]Scene(nil), p.Scenes...), own...)
}
