package plan

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// The fields an Edit may change.
const (
	FieldGeometry  = "geometry"  // Old and New are GeoJSON geometries
	FieldNameZh    = "name_zh"   //
	FieldNameEn    = "name_en"   //
	FieldKind      = "kind"      //
	FieldStage     = "stage"     //
	FieldPrecision = "precision" //
	FieldQuoteAdd  = "quote+"    // New is a Quote as JSON: a section linked by its words
	FieldQuoteDrop = "quote-"    // Old is the Quote unlinked
	FieldNew       = "new"       // a feature added: New is it as a GeoJSON feature
	FieldDelete    = "delete"    // a feature removed: Old is it as a GeoJSON feature
)

// The kinds of source an edit may give.
const (
	SourceCitation = "citation" // a publication: publisher, title, date, link
	SourceLocal    = "local"    // 实地核实: the planner's local knowledge or a site visit
	SourceLayer    = "layer"    // 从图层复制: copied from an opened layer
)

// EditSource is where what an edit says comes from.
type EditSource struct {
	Kind     string   `json:"kind"`              // SourceCitation, SourceLocal or SourceLayer
	Citation Citation `json:"citation,omitzero"` // for SourceCitation
	Layer    string   `json:"layer,omitempty"`   // for SourceLayer: the layer's name (its file)
}

// Edit is one correction of a plan's feature, with who made it, when, why
// and on what source: a planner's fix is data with a source like any other.
type Edit struct {
	Feature string     `json:"feature"`
	Field   string     `json:"field"`
	Old     string     `json:"old"`
	New     string     `json:"new"`
	Who     string     `json:"who"`
	When    string     `json:"when"` // RFC 3339, local time with its offset
	Why     string     `json:"why"`
	Source  EditSource `json:"source"`
}

// Errors an edit is refused with.
var (
	ErrNoFeature = errors.New("plan: no such feature")
	ErrNoWho     = errors.New("plan: an edit needs the editor's name")
	ErrNoSource  = errors.New("plan: an edit needs a source")
)

// Check says what is missing from e before it is applied: who, a source
// that says something, a known field.
func (e Edit) Check() error {
	if strings.TrimSpace(e.Who) == "" {
		return ErrNoWho
	}
	switch e.Source.Kind {
	case SourceLocal:
	case SourceCitation:
		if e.Source.Citation.Publisher == "" && e.Source.Citation.Title == "" && e.Source.Citation.Link == "" {
			return fmt.Errorf("%w: a citation needs a publisher, a title or a link", ErrNoSource)
		}
	case SourceLayer:
		if strings.TrimSpace(e.Source.Layer) == "" {
			return fmt.Errorf("%w: name the layer it was copied from", ErrNoSource)
		}
	default:
		return ErrNoSource
	}
	switch e.Field {
	case FieldGeometry, FieldNameZh, FieldNameEn, FieldKind, FieldStage, FieldPrecision, FieldQuoteAdd, FieldQuoteDrop, FieldNew, FieldDelete:
		return nil
	}
	return fmt.Errorf("plan: an edit of an unknown field %q", e.Field)
}

// SourceText is the edit's source as a planner reads it, in lang:
// "本地核实" / "local knowledge", "从图层复制：道路.shp", or the citation.
func (e Edit) SourceText(lang string) string {
	switch e.Source.Kind {
	case SourceLocal:
		if lang == "en" {
			return "local knowledge"
		}
		return "本地核实"
	case SourceLayer:
		if lang == "en" {
			return "copied from the layer " + e.Source.Layer
		}
		return "从图层复制：" + e.Source.Layer
	}
	return e.Source.Citation.String()
}

// Day is the day of the edit (YYYY-MM-DD).
func (e Edit) Day() string {
	if t, err := time.Parse(time.RFC3339, e.When); err == nil {
		return t.Format("2006-01-02")
	}
	if len(e.When) >= 10 {
		return e.When[:10]
	}
	return e.When
}

// PositionSource is how a position an edit gives is cited in a feature's
// source: a citation as it is; the planner's knowledge and a layer as a
// citation of the planner, dated.
func (e Edit) PositionSource() Citation {
	switch e.Source.Kind {
	case SourceLocal:
		return Citation{Publisher: e.Who, Title: "实地核实 local knowledge", Date: e.Day()}
	case SourceLayer:
		return Citation{Publisher: e.Who, Title: "从图层复制 copied from " + e.Source.Layer, Date: e.Day()}
	}
	return e.Source.Citation
}

// GeometryText writes g as a GeoJSON geometry, for an edit's Old or New.
func GeometryText(g orb.Geometry) string {
	if g == nil {
		return ""
	}
	b, err := json.Marshal(geojson.NewGeometry(g))
	if err != nil {
		return ""
	}
	return string(b)
}

// ParseGeometryText reads GeometryText's form.
func ParseGeometryText(s string) (orb.Geometry, error) {
	g, err := geojson.UnmarshalGeometry([]byte(s))
	if err != nil {
		return nil, err
	}
	return g.Geometry(), nil
}

// Apply makes edit e on the plan: it changes the feature's field to New.
// A new position takes the precision its source supports (one source:
// sourced) and its source as the feature's position source. The edit is
// appended to the plan's Edits. A field it cannot set leaves the plan as
// it was.
func (p *Plan) Apply(e Edit) error {
	if err := e.Check(); err != nil {
		return err
	}
	if err := p.set(e, e.New, true); err != nil {
		return err
	}
	p.Edits = append(p.Edits, e)
	return nil
}

// Revert undoes the plan's last edit (the app's Undo): its field goes back
// to Old and the edit leaves Edits. It returns the edit undone.
func (p *Plan) Revert() (Edit, error) {
	if len(p.Edits) == 0 {
		return Edit{}, errors.New("plan: nothing to undo")
	}
	e := p.Edits[len(p.Edits)-1]
	if err := p.set(e, e.Old, false); err != nil {
		return Edit{}, err
	}
	p.Edits = p.Edits[:len(p.Edits)-1]
	return e, nil
}

// set writes v into e's field; forward says whether it is the edit or its
// undoing (a position's source follows the edit, or goes back).
func (p *Plan) set(e Edit, v string, forward bool) error {
	if e.Field == FieldNew || e.Field == FieldDelete {
		return p.addOrDrop(e, v, forward)
	}
	f, ok := p.byID[e.Feature]
	if !ok {
		return fmt.Errorf("%w: %s", ErrNoFeature, e.Feature)
	}
	switch e.Field {
	case FieldGeometry:
		g, err := ParseGeometryText(v)
		if err != nil {
			return fmt.Errorf("plan: the edit's geometry: %w", err)
		}
		f.Geometry = g
		f.Anchor, f.LabelAt = orb.Point{}, orb.Point{}
		if f.Props == nil {
			f.Props = map[string]any{}
		}
		if forward {
			f.Props["position_before"] = map[string]any{"precision": string(f.Precision), "source": f.Source}
			f.Precision = PrecisionSourced
			f.Source = citationText(e.PositionSource())
		} else if before, ok := f.Props["position_before"].(map[string]any); ok {
			f.Precision, _ = asPrecision(before["precision"])
			f.Source, _ = before["source"].(string)
			delete(f.Props, "position_before")
		}
	case FieldNameZh:
		if strings.TrimSpace(v) == "" {
			return errors.New("plan: a feature needs a Chinese name")
		}
		f.NameZh = v
	case FieldNameEn:
		f.NameEn = v
	case FieldKind:
		if _, ok := p.Kind(Kind(v)); !ok {
			return fmt.Errorf("plan: no kind %q in the plan", v)
		}
		f.Kind = Kind(v)
	case FieldStage:
		if !Stage(v).Valid() {
			return fmt.Errorf("plan: no stage %q", v)
		}
		f.Stage = Stage(v)
	case FieldPrecision:
		if !Precision(v).Valid() {
			return fmt.Errorf("plan: no precision %q", v)
		}
		f.Precision = Precision(v)
	case FieldQuoteAdd, FieldQuoteDrop:
		raw := e.New
		if e.Field == FieldQuoteDrop {
			raw = e.Old
		}
		var q Quote
		if err := json.Unmarshal([]byte(raw), &q); err != nil {
			return fmt.Errorf("plan: the edit's quote: %w", err)
		}
		add := (e.Field == FieldQuoteAdd) == forward
		if add {
			if err := p.checkQuote(q); err != nil {
				return err
			}
			f.Quotes = append(f.Quotes, q)
			if !f.Cites(q.Ref) {
				f.Clauses = append(f.Clauses, q.Ref)
			}
		} else {
			f.Quotes = dropQuote(f.Quotes, q)
			still := false
			for _, o := range f.Quotes {
				still = still || o.Ref == q.Ref
			}
			if !still {
				f.Clauses = dropString(f.Clauses, q.Ref)
			}
		}
	}
	p.index()
	return nil
}

// checkQuote says whether q is verbatim in its section.
func (p *Plan) checkQuote(q Quote) error {
	if p.Doc == nil {
		return errors.New("plan: no text to quote")
	}
	ref := p.Doc.Canonical(q.Ref)
	text := ""
	switch {
	case ref == RefTitle:
		text = p.Doc.Title
	case ref == RefPreamble:
		text = p.Doc.Preamble
	default:
		if c, ok := p.Doc.Clause(ref); ok {
			text = c.Text
		} else if pt, ok := p.Doc.Part(strings.TrimPrefix(ref, "P")); ok {
			text = pt.Heading + "\n" + pt.Intro
		}
	}
	if strings.TrimSpace(q.Text) == "" || !strings.Contains(text, q.Text) {
		return fmt.Errorf("plan: %q is not in section %s word for word", q.Text, q.Ref)
	}
	return nil
}

// addOrDrop adds a feature (FieldNew forward, FieldDelete back) or removes it.
func (p *Plan) addOrDrop(e Edit, v string, forward bool) error {
	add := (e.Field == FieldNew) == forward
	if !add {
		for _, l := range p.Layers {
			for i, f := range l.Features {
				if f.ID == e.Feature {
					l.Features = append(l.Features[:i:i], l.Features[i+1:]...)
					p.index()
					return nil
				}
			}
		}
		return fmt.Errorf("%w: %s", ErrNoFeature, e.Feature)
	}
	raw := e.New
	if e.Field == FieldDelete {
		raw = e.Old
	}
	gf, err := geojson.UnmarshalFeature([]byte(raw))
	if err != nil {
		return fmt.Errorf("plan: the edit's feature: %w", err)
	}
	f, err := featureFromGeoJSON(gf)
	if err != nil {
		return err
	}
	if _, dup := p.byID[f.ID]; dup {
		return fmt.Errorf("plan: a feature %s is already there", f.ID)
	}
	l, ok := p.Layer(f.Layer)
	if !ok {
		return fmt.Errorf("plan: no layer group %q", f.Layer)
	}
	l.Features = append(l.Features, f)
	p.index()
	return nil
}

// FeatureText writes f as a GeoJSON feature with its fields, for an edit
// that adds or removes it.
func FeatureText(f *Feature) string {
	gf := geojson.NewFeature(f.Geometry)
	gf.Properties = geojson.Properties{"id": f.ID, "name_zh": f.NameZh, "name_en": f.NameEn, "layer": string(f.Layer),
		"kind": string(f.Kind), "stage": string(f.Stage), "stage_verb": f.StageVerb, "precision": string(f.Precision),
		"source": f.Source, "scope": f.Scope, "clauses": f.Clauses, "quotes": f.Quotes}
	b, _ := json.Marshal(gf)
	return string(b)
}

func featureFromGeoJSON(gf *geojson.Feature) (*Feature, error) {
	str := func(k string) string { s, _ := gf.Properties[k].(string); return s }
	f := &Feature{ID: str("id"), NameZh: str("name_zh"), NameEn: str("name_en"), Layer: GroupID(str("layer")), Kind: Kind(str("kind")),
		Stage: Stage(str("stage")), StageVerb: str("stage_verb"), Precision: Precision(str("precision")), Source: str("source"),
		Scope: str("scope"), Geometry: gf.Geometry, Props: map[string]any{}}
	if f.ID == "" || f.NameZh == "" || f.Geometry == nil {
		return nil, errors.New("plan: a feature needs an id, a Chinese name and a geometry")
	}
	if b, err := json.Marshal(gf.Properties["clauses"]); err == nil {
		json.Unmarshal(b, &f.Clauses)
	}
	if b, err := json.Marshal(gf.Properties["quotes"]); err == nil {
		json.Unmarshal(b, &f.Quotes)
	}
	return f, nil
}

// EditsOf lists the edits of feature id, oldest first.
func (p *Plan) EditsOf(id string) []Edit {
	var out []Edit
	for _, e := range p.Edits {
		if e.Feature == id {
			out = append(out, e)
		}
	}
	return out
}

// LastEdit is the latest edit of feature id's field, if any.
func (p *Plan) LastEdit(id, field string) (Edit, bool) {
	for i := len(p.Edits) - 1; i >= 0; i-- {
		if e := p.Edits[i]; e.Feature == id && e.Field == field {
			return e, true
		}
	}
	return Edit{}, false
}

func citationText(c Citation) string {
	return strings.Join([]string{c.Publisher, c.Title, c.Date, c.Link}, "|")
}

func asPrecision(v any) (Precision, bool) {
	s, _ := v.(string)
	return Precision(s), Precision(s).Valid()
}

func dropQuote(qs []Quote, q Quote) []Quote {
	out := qs[:0:0]
	dropped := false
	for _, o := range qs {
		if !dropped && o.Text == q.Text && (o.Ref == q.Ref || o.Ref == "") {
			dropped = true
			continue
		}
		out = append(out, o)
	}
	return out
}

func dropString(ss []string, s string) []string {
	out := ss[:0:0]
	for _, o := range ss {
		if o != s {
			out = append(out, o)
		}
	}
	return out
}

// fieldNames name the fields an edit changes, zh and en.
var fieldNames = map[string][2]string{
	FieldGeometry: {"位置", "Position"}, FieldNameZh: {"名称", "Name"}, FieldNameEn: {"英文名", "English name"},
	FieldKind: {"类型", "Kind"}, FieldStage: {"阶段", "Stage"}, FieldPrecision: {"位置精度", "Precision"},
	FieldQuoteAdd: {"关联条文", "Linked to the text"}, FieldQuoteDrop: {"取消关联条文", "Unlinked from the text"},
	FieldNew: {"新增", "Added"}, FieldDelete: {"删除", "Removed"},
}

// FieldName names an edit's field in lang.
func FieldName(field, lang string) string {
	n, ok := fieldNames[field]
	switch {
	case !ok:
		return field
	case lang == "en":
		return n[1]
	}
	return n[0]
}

// EditNotes says, a line for each field of feature id the planner changed
// (the latest edit of each, in the order first edited), on what source,
// by whom, when and why: "位置：本地核实，张三，2026-12-04（陵园在王坪）".
func (p *Plan) EditNotes(id, lang string) []string {
	var order []string
	last := map[string]Edit{}
	for _, e := range p.Edits {
		if e.Feature != id {
			continue
		}
		if _, seen := last[e.Field]; !seen {
			order = append(order, e.Field)
		}
		last[e.Field] = e
	}
	var out []string
	for _, field := range order {
		e := last[field]
		sep, colon, open, close := "，", "：", "（", "）"
		if lang == "en" {
			sep, colon, open, close = ", ", ": ", " (", ")"
		}
		s := FieldName(field, lang) + colon + strings.Join([]string{e.SourceText(lang), e.Who, e.Day()}, sep)
		if e.Why != "" {
			s += open + e.Why + close
		}
		out = append(out, s)
	}
	return out
}

// Clone returns a copy of the plan whose features, their lists and
// properties are its own: an edit applied to the copy leaves the original
// (which a background render may be drawing) as it was. The document,
// kinds, scenes and geometries are shared; an edit replaces a geometry,
// never changes one.
func (p *Plan) Clone() *Plan {
	c := &Plan{Doc: p.Doc, Scenes: p.Scenes, Info: p.Info, Kinds: p.Kinds, Edits: append([]Edit(nil), p.Edits...)}
	for _, l := range p.Layers {
		nl := &Layer{Info: l.Info, Features: make([]*Feature, len(l.Features))}
		for i, f := range l.Features {
			g := *f
			g.Props = make(map[string]any, len(f.Props))
			for k, v := range f.Props {
				g.Props[k] = v
			}
			g.Clauses = append([]string(nil), f.Clauses...)
			g.Quotes = append([]Quote(nil), f.Quotes...)
			g.Events = append([]Event(nil), f.Events...)
			nl.Features[i] = &g
		}
		c.Layers = append(c.Layers, nl)
	}
	c.index()
	return c
}
