// Package plan holds the model of a planning decision on a map: the document
// parsed into parts and clauses, and the layers of features that cite them.
package plan

// Plan is a decision and its map layers.
type Plan struct {
	// Doc is the parsed decision.
	Doc *Document
	// Layers are the layer groups in draw order (see Groups).
	Layers []*Layer
	// Scenes are the presentation scenes (from scenes.json).
	Scenes []Scene
	// Info is what the map says of the plan (from plan.json).
	Info Info

	byID  map[string]*Feature
	roles map[string]int // county-role features by their place among the roles
}

// RoleIndex returns the place (from 0) of role feature id among the plan's
// county roles, in the order the plan lists them; -1 for any other id.
func (p *Plan) RoleIndex(id string) int {
	if i, ok := p.roles[id]; ok {
		return i
	}
	return -1
}

// Layer is one layer group and its features.
type Layer struct {
	Info     LayerInfo
	Features []*Feature
}

// Feature returns the feature with the given id.
func (p *Plan) Feature(id string) (*Feature, bool) {
	f, ok := p.byID[id]
	return f, ok
}

// Layer returns the layer group with the given id.
func (p *Plan) Layer(id GroupID) (*Layer, bool) {
	for _, l := range p.Layers {
		if l.Info.ID == id {
			return l, true
		}
	}
	return nil, false
}

// Features returns every feature of every layer, in draw order.
func (p *Plan) Features() []*Feature {
	var out []*Feature
	for _, l := range p.Layers {
		out = append(out, l.Features...)
	}
	return out
}

// Citing returns the features that cite ref (a clause numeral such as "十一").
func (p *Plan) Citing(ref string) []*Feature {
	var out []*Feature
	for _, f := range p.Features() {
		if f.Cites(ref) {
			out = append(out, f)
		}
	}
	return out
}

func (p *Plan) index() {
	p.byID, p.roles = map[string]*Feature{}, map[string]int{}
	for _, f := range p.Features() {
		if _, dup := p.byID[f.ID]; !dup {
			p.byID[f.ID] = f
		}
		if _, dup := p.roles[f.ID]; f.Kind == KindRole && !dup {
			p.roles[f.ID] = len(p.roles)
		}
	}
}
