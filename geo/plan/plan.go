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
	// Kinds are the sorts of feature the plan maps, with their names and styles.
	Kinds []KindDef

	// Edits are the planner's corrections made in the app, oldest first:
	// who, when, why and on what source (see Edit).
	Edits []Edit

	byID      map[string]*Feature
	roles     map[string]int // role features by their place among the roles
	roleGroup GroupID
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

// index links each feature to its kind's definition and the plan's
// adoption date, and indexes features by id and roles by their order.
func (p *Plan) index() {
	p.byID, p.roles, p.roleGroup = map[string]*Feature{}, map[string]int{}, ""
	for _, f := range p.Features() {
		if def, ok := p.Kind(f.Kind); ok {
			f.Def, f.Class = def, def.Class
		} else {
			f.Def, f.Class = nil, ""
		}
		f.adopted = p.Info.Adopted
		if p.Doc != nil {
			// References as the text writes them ("第3条", "(十一)") are
			// kept as the document numbers them ("第三条", "十一").
			for i, c := range f.Clauses {
				f.Clauses[i] = p.Doc.Canonical(c)
			}
			for i, q := range f.Quotes {
				f.Quotes[i].Ref = p.Doc.Canonical(q.Ref)
			}
		}
		for _, role := range []string{"role_short", "role_short_en", "river_level", "sub_centre"} {
			if name := p.Info.Prop(role); name != role {
				if v, ok := f.Props[name]; ok {
					f.Props[role] = v
				}
			}
		}
		if _, dup := p.byID[f.ID]; !dup {
			p.byID[f.ID] = f
		}
		if _, dup := p.roles[f.ID]; f.Class == ClassRole && !dup {
			p.roles[f.ID] = len(p.roles)
			if p.roleGroup == "" {
				p.roleGroup = f.Layer
			}
		}
	}
}
