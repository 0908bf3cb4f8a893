package planpkg

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/paulmach/orb/geojson"

	"github.com/planatlas/planatlas/geo/plan"
)

// The files of a plan folder that Build reads.
const (
	FolderInfo     = "plan.json"    // at least title_zh and adopted
	FolderDocument = "document.txt" // the text, UTF-8
)

// folderInfo is plan.json of a plan folder: the short keys a planner
// writes by hand (title_zh, adopted…) or the package's own (title: {zh, en}).
type folderInfo struct {
	plan.Info
	TitleZh    string       `json:"title_zh"`
	TitleEn    string       `json:"title_en"`
	SubtitleZh string       `json:"subtitle_zh"`
	SubtitleEn string       `json:"subtitle_en"`
	IssuerZh   string       `json:"issuer_zh"`
	IssuerEn   string       `json:"issuer_en"`
	Scenes     []plan.Scene `json:"scenes"`
}

// Build makes a plan from a folder a planner prepared (see
// docs/plan-package.md, "A plan folder"): plan.json, document.txt and one
// GeoJSON file per layer group. What is missing gets a default: a group
// per file named after it, a kind per kind named, drawn by its geometry;
// an id per feature; a feature with no quote quotes the sentences of its
// sections that name it. problems lists what is wrong and was left out.
func Build(dir fs.FS) (p *plan.Plan, problems []error, err error) {
	b, err := fs.ReadFile(dir, FolderInfo)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", FolderInfo, err)
	}
	var fi folderInfo
	if err := json.Unmarshal(b, &fi); err != nil {
		return nil, nil, fmt.Errorf("%s: not valid JSON: %w", FolderInfo, err)
	}
	info := fi.Info
	set := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	set(&info.Title.Zh, fi.TitleZh)
	set(&info.Title.En, fi.TitleEn)
	set(&info.Subtitle.Zh, fi.SubtitleZh)
	set(&info.Subtitle.En, fi.SubtitleEn)
	set(&info.Issuer.Zh, fi.IssuerZh)
	set(&info.Issuer.En, fi.IssuerEn)
	if err := info.Check(); err != nil {
		return nil, nil, err
	}
	// The text: document.txt, or the same as a Word document or a web page.
	docName := FolderDocument
	raw, err := fs.ReadFile(dir, docName)
	for _, name := range DocumentFiles[1:] {
		if !errors.Is(err, fs.ErrNotExist) {
			break
		}
		docName = name
		raw, err = fs.ReadFile(dir, docName)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", FolderDocument, err)
	}
	if len(raw) > MaxText && docName == FolderDocument {
		return nil, nil, fmt.Errorf("%s: %d MB is more than a plan's text (%d MB)", docName, len(raw)>>20, MaxText>>20)
	}
	text, err := ReadDocument(docName, raw)
	if err != nil {
		return nil, nil, err
	}
	doc, err := plan.Parse(text)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", docName, err)
	}
	if info.Subtitle.Zh == "" {
		info.Subtitle.Zh = "据《" + info.Title.Zh + "》(" + plan.FormatDate(info.Adopted, "zh") + ")"
	}
	if info.Subtitle.En == "" && info.Title.En != "" {
		info.Subtitle.En = "After " + info.Title.En + " (" + plan.FormatDate(info.Adopted, "en") + ")"
	}
	groups := info.Groups
	kinds := info.Kinds
	files, _ := fs.Glob(dir, "*.geojson")
	slices.Sort(files)
	if len(groups) == 0 {
		for _, f := range files {
			id := strings.TrimSuffix(f, path.Ext(f))
			groups = append(groups, plan.LayerInfo{ID: plan.GroupID(id), NameZh: id, File: f})
		}
	}
	var layers []*plan.Layer
	seenID := map[string]bool{}
	for gi, g := range groups {
		if g.File == "" {
			g.File = string(g.ID) + ".geojson"
		}
		if g.NameZh == "" {
			g.NameZh = string(g.ID)
		}
		l := &plan.Layer{Info: g}
		b, err := fs.ReadFile(dir, g.File)
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: %v", g.File, err))
			layers = append(layers, l)
			continue
		}
		fc, err := geojson.UnmarshalFeatureCollection(b)
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: not valid GeoJSON: %v", g.File, err))
			layers = append(layers, l)
			continue
		}
		for i, gf := range fc.Features {
			f, err := folderFeature(doc, g, gi, i, gf, seenID)
			if err != nil {
				problems = append(problems, err)
				continue
			}
			if !slices.ContainsFunc(kinds, func(k plan.KindDef) bool { return k.ID == f.Kind }) {
				kinds = append(kinds, plan.KindDef{ID: f.Kind, Name: plan.Text{Zh: string(f.Kind)}, LegendOrder: 100 + len(kinds)})
			}
			l.Features = append(l.Features, f)
		}
		layers = append(layers, l)
	}
	if info.ID == "" {
		info.ID = "plan-" + strings.ReplaceAll(info.Adopted, "-", "")
	}
	p, more, err := plan.Assemble(doc.Text, info, kinds, layers, fi.Scenes)
	if err != nil {
		return nil, nil, err
	}
	return p, append(problems, more...), nil
}

func utf8Valid(b []byte) bool { return strings.ToValidUTF8(string(b), "\uFFFD") == string(b) }

// folderFeature reads one feature of a plan folder's GeoJSON file.
func folderFeature(doc *plan.Document, g plan.LayerInfo, gi, i int, gf *geojson.Feature, seen map[string]bool) (*plan.Feature, error) {
	p := gf.Properties
	str := func(k string) string { s, _ := p[k].(string); return strings.TrimSpace(s) }
	id := str("id")
	if id == "" {
		id = fmt.Sprintf("%s-%d", g.ID, i+1)
	}
	fail := func(field, format string, a ...any) error {
		return &plan.FieldError{File: g.File, Feature: id, Field: field, Msg: fmt.Sprintf(format, a...)}
	}
	if seen[id] {
		return nil, fail("id", "duplicate")
	}
	seen[id] = true
	if gf.Geometry == nil {
		return nil, fail("geometry", "missing")
	}
	name := str("name_zh")
	if name == "" {
		return nil, fail("name_zh", "missing")
	}
	kind := str("kind")
	if kind == "" {
		return nil, fail("kind", "missing")
	}
	var refs []string
	switch c := p["clauses"].(type) {
	case []any:
		for _, v := range c {
			if s, ok := v.(string); ok && strings.TrimSpace(s) != "" {
				refs = append(refs, strings.TrimSpace(s))
			}
		}
	case string:
		refs = strings.FieldsFunc(c, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ' ' })
	}
	f := &plan.Feature{ID: id, NameZh: name, NameEn: str("name_en"), Layer: g.ID, Kind: plan.Kind(kind), Geometry: gf.Geometry,
		Source: str("source"), Precision: plan.Precision(str("precision")), Scope: str("scope"), Props: map[string]any{}}
	if f.Precision == "" {
		f.Precision = plan.PrecisionApproximate
	}
	for _, r := range refs {
		if _, ok := doc.Clause(r); !ok {
			if _, ok := doc.Blocks(r); !ok {
				if p, ok := doc.Part(r); ok {
					r = "P" + p.Num
				} else {
					return nil, &plan.FieldError{File: g.File, Feature: id, Field: "clauses", Msg: fmt.Sprintf("no section %q in the text", r)}
				}
			}
		}
		f.Clauses = append(f.Clauses, doc.Canonical(r))
	}
	switch st := str("stage"); {
	case st == "":
		f.Stage = plan.StageExisting
	case plan.Stage(st).Valid():
		f.Stage = plan.Stage(st)
	default:
		s, ok := plan.StageOf(st)
		if !ok {
			return nil, &plan.FieldError{File: g.File, Feature: id, Field: "stage", Msg: fmt.Sprintf("%q is neither a stage nor a verb the stages know", st)}
		}
		f.Stage, f.StageVerb = s, st
	}
	if q := str("quote"); q != "" {
		ref := ""
		for _, r := range f.Clauses {
			if doc.Contains(r, q) {
				ref = r
				break
			}
		}
		if ref == "" {
			return nil, &plan.FieldError{File: g.File, Feature: id, Field: "quote", Msg: fmt.Sprintf("not found verbatim in %v: %q", refs, q)}
		}
		f.Quotes = []plan.Quote{{Ref: ref, Text: q}}
	} else {
		for _, r := range f.Clauses {
			for _, s := range quoteSentences(doc, r, name) {
				f.Quotes = append(f.Quotes, plan.Quote{Ref: r, Text: s})
			}
		}
		if len(f.Quotes) == 0 && len(f.Clauses) > 0 {
			return nil, &plan.FieldError{File: g.File, Feature: id, Field: "quote", Msg: fmt.Sprintf("no sentence of %v names %q: give a quote", refs, name)}
		}
	}
	for k, v := range p {
		switch k {
		case "id", "name_zh", "name_en", "kind", "clauses", "quote", "stage", "precision", "source", "scope", "layer":
		default:
			f.Props[k] = v
		}
	}
	if es, ok := p["events"]; ok {
		b, _ := json.Marshal(es)
		if err := json.Unmarshal(b, &f.Events); err != nil {
			return nil, &plan.FieldError{File: g.File, Feature: id, Field: "events", Msg: "should be a list of {date, stage, desc_zh, source}"}
		}
		delete(f.Props, "events")
	}
	return f, nil
}

// quoteSentences are the sentences of the block ref names that name name
// (or its name before a parenthesised gloss).
func quoteSentences(doc *plan.Document, ref, name string) []string {
	blocks, ok := doc.Blocks(ref)
	if !ok {
		return nil
	}
	names := []string{name}
	for _, sep := range []string{"(", "（"} {
		if i := strings.Index(name, sep); i > 0 {
			names = append(names, strings.TrimSpace(name[:i]))
		}
	}
	var out []string
	for _, b := range blocks {
		for _, s := range plan.Sentences(b) {
			for _, n := range names {
				if strings.Contains(s, n) {
					out = append(out, strings.TrimSpace(s))
					break
				}
			}
		}
	}
	return out
}

// BuildDir is Build on a folder of the file system.
func BuildDir(dir string) (*plan.Plan, []error, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, nil, err
	}
	if !st.IsDir() {
		return nil, nil, errors.New(dir + " is not a folder")
	}
	return Build(os.DirFS(dir))
}
