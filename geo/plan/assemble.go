package plan

import (
	"errors"
	"slices"
)

// Assemble makes a plan of a document's text, what it says of itself, its
// kinds, its layers and its scenes, as a plan package holds them. What
// cannot be used is left out and reported, never fatal: a feature whose
// geometry, kind, id or layer is wrong is dropped, a quote not found
// verbatim in its section is dropped (the feature kept), a scene that
// names what is not there is dropped. It fails only when the text cannot
// be parsed or no layer is left.
func Assemble(text string, info Info, kinds []KindDef, layers []*Layer, scenes []Scene) (*Plan, []error, error) {
	doc, err := Parse(text)
	if err != nil {
		return nil, nil, err
	}
	if len(layers) == 0 {
		return nil, nil, errors.New("no layer groups")
	}
	info.Groups, info.Kinds = nil, nil
	p := &Plan{Doc: doc, Info: info, Kinds: kinds, Layers: layers}
	p.index()
	var problems []error
	if err := Validate(p); err != nil {
		drop, badQuote := map[*Feature]bool{}, map[*Feature]bool{}
		byLayerID := map[string]*Feature{}
		for _, l := range p.Layers {
			for i, f := range l.Features {
				byLayerID[l.Info.File+"\x00"+f.ID] = f
				if f.ID == "" {
					drop[l.Features[i]] = true
				}
			}
		}
		for _, e := range unjoin(err) {
			problems = append(problems, e)
			var fe *FieldError
			if !errors.As(e, &fe) {
				continue
			}
			f := byLayerID[fe.File+"\x00"+fe.Feature]
			if f == nil {
				continue
			}
			switch fe.Field {
			case "quote":
				badQuote[f] = true
			case "clauses", "scope", "stage", "precision", "name_en", "events":
				// Kept: the feature still draws; the report says what is wrong.
			default:
				drop[f] = true
			}
		}
		for _, l := range p.Layers {
			l.Features = slices.DeleteFunc(l.Features, func(f *Feature) bool { return drop[f] })
			for _, f := range l.Features {
				if badQuote[f] {
					f.Quotes = slices.DeleteFunc(f.Quotes, func(q Quote) bool {
						return !slices.Contains(f.Clauses, q.Ref) || !p.Doc.Contains(q.Ref, q.Text)
					})
				}
			}
		}
		p.index()
	}
	for _, s := range scenes {
		if err := p.checkScene(s); err != nil {
			problems = append(problems, err)
			continue
		}
		p.Scenes = append(p.Scenes, s)
	}
	return p, problems, nil
}

// unjoin lists the errors an errors.Join made.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
