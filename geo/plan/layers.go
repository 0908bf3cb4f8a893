package plan

// GroupID names a layer group: what a feature belongs to, what the layer
// panel switches, what a scene shows.
type GroupID string

// GroupBase is the id reserved for a plan's base map: boundaries, rivers,
// the plan's own outline. Its features need cite no text, the renderer
// draws it beneath everything, and it is shown whatever a stage filter says.
const GroupBase GroupID = "base"

// LayerInfo describes a layer group: its id, names and the clauses it maps.
// A plan lists its groups in draw order, bottom to top.
type LayerInfo struct {
	ID      GroupID  `json:"id"`                // stable id used on the command line and in preferences
	NameZh  string   `json:"name_zh"`           // Chinese name
	NameEn  string   `json:"name_en"`           // English name
	File    string   `json:"file,omitempty"`    // GeoJSON file of a plan folder, or table of a package
	Clauses []string `json:"clauses,omitempty"` // the clauses the group maps
	// Hidden groups start switched off.
	Hidden bool `json:"hidden,omitempty"`
	// LabelPriority, when above 0, places the labels of the group's
	// features before others' (lower first; places the text is about are
	// 3, sites it does not cite 3.4, airports 2.2).
	LabelPriority float64 `json:"label_priority,omitempty"`
	// Swatch is the kind whose colour stands for the group in the layer
	// panel; the kind of most of its features when empty.
	Swatch Kind `json:"swatch,omitempty"`
}

// Name returns the group's name in lang ("zh" or "en"), falling back to Chinese.
func (l LayerInfo) Name(lang string) string {
	if lang == "en" && l.NameEn != "" {
		return l.NameEn
	}
	return l.NameZh
}

// Groups returns the plan's layer groups in draw order.
func (p *Plan) Groups() []LayerInfo {
	out := make([]LayerInfo, len(p.Layers))
	for i, l := range p.Layers {
		out[i] = l.Info
	}
	return out
}

// Group returns the plan's layer group with the given id.
func (p *Plan) Group(id GroupID) (LayerInfo, bool) {
	for _, l := range p.Layers {
		if l.Info.ID == id {
			return l.Info, true
		}
	}
	return LayerInfo{}, false
}

// RoleGroup is the group that holds the plan's division roles (features of
// class ClassRole), "" when it has none: with it switched off, the base map
// shows the divisions as boundaries.
func (p *Plan) RoleGroup() GroupID { return p.roleGroup }

// LabelPriority is the label priority of group id (0: none of its own).
func (p *Plan) LabelPriority(id GroupID) float64 {
	for _, l := range p.Layers {
		if l.Info.ID == id {
			return l.Info.LabelPriority
		}
	}
	return 0
}

// SwatchKind is the kind whose colour stands for group id: its Swatch, or
// the kind of most of its features.
func (p *Plan) SwatchKind(id GroupID) Kind {
	l, ok := p.Layer(id)
	if !ok {
		return ""
	}
	if l.Info.Swatch != "" {
		return l.Info.Swatch
	}
	n := map[Kind]int{}
	var best Kind
	for _, f := range l.Features {
		n[f.Kind]++
		if n[f.Kind] > n[best] {
			best = f.Kind
		}
	}
	return best
}
