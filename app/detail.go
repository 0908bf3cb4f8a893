package app

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/paulmach/orb"

	"github.com/planatlas/planatlas/geo/plan"
)

// DetailPanel shows the selected feature: names, kind, stage with the
// text's own verb, precision, what happened since adoption, and each clause that
// names it with the quoted sentence highlighted; related features as links.
type DetailPanel struct {
	at      *Atlas
	box     *fyne.Container
	scroll  *container.Scroll
	Current *plan.Feature
	// Quotes are the clause paragraphs shown, one per cited block.
	Quotes []*widget.RichText
	shown  string // the id shown ("" for none)
}

// changed follows the state's selection: one feature is shown, anything
// else gives the hint. An overlay restyled (its label) shows again.
func (d *DetailPanel) changed(c Change) {
	if c&(ChangeSelection|ChangeOverlays|ChangeAsOf|ChangePlan) == 0 {
		return
	}
	ids := d.at.State.Selected()
	id := ""
	if len(ids) == 1 {
		id = ids[0]
	}
	if o, i, ok := d.at.State.OverlayFeature(id); ok {
		d.shown = id
		d.showOverlayFeature(o, i)
		return
	}
	if id == d.shown && c&(ChangeSelection|ChangeAsOf|ChangePlan) == 0 {
		return
	}
	d.shown = id
	if len(ids) > 1 {
		d.showMany(ids)
		return
	}
	f, _ := d.at.Plan.Feature(id)
	d.Show(f)
}

// showMany lists several selected features (a clause's, say), each a link
// that selects and frames it.
func (d *DetailPanel) showMany(ids []string) {
	l := d.at.Lang()
	d.Current, d.Quotes = nil, nil
	d.box.RemoveAll()
	d.box.Add(widget.NewLabelWithStyle(fmt.Sprintf(tr(l, "selectedN"), len(ids)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, id := range ids {
		id := id
		name := d.at.State.NameOf(id)
		if f, ok := d.at.Plan.Feature(id); ok {
			name += " · " + f.KindName(l)
		}
		link := widget.NewHyperlink(name, nil)
		link.Wrapping = fyne.TextWrapWord
		link.OnTapped = func() { d.at.Select(id); d.at.Frame([]string{id}) }
		d.box.Add(link)
	}
	d.box.Refresh()
	d.scroll.ScrollToTop()
}

// NewDetailPanel builds an empty panel.
func NewDetailPanel(at *Atlas) *DetailPanel {
	d := &DetailPanel{at: at, box: container.NewVBox()}
	// Everything in the panel wraps, so it never asks for more width than
	// the planner gave it: selecting a feature does not move the map's edge.
	d.scroll = container.NewVScroll(d.box)
	d.Show(nil)
	return d
}

// Object is the panel's canvas object.
func (d *DetailPanel) Object() fyne.CanvasObject { return d.scroll }

var (
	quoteStyle = widget.RichTextStyle{ColorName: theme.ColorNamePrimary, Inline: true, TextStyle: fyne.TextStyle{Bold: true}}
	plainStyle = widget.RichTextStyle{ColorName: theme.ColorNameForeground, Inline: true}
	mutedStyle = widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, Inline: true}
)

// Highlight splits text into segments, the quotes in quoteStyle.
func Highlight(text string, quotes []string) []widget.RichTextSegment {
	type span struct{ a, b int }
	var spans []span
	for _, q := range quotes {
		if q == "" {
			continue
		}
		for from := 0; ; {
			i := strings.Index(text[from:], q)
			if i < 0 {
				break
			}
			spans = append(spans, span{from + i, from + i + len(q)})
			from += i + len(q)
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].a < spans[j].a })
	var segs []widget.RichTextSegment
	pos := 0
	for _, s := range spans {
		if s.a < pos {
			continue
		}
		if s.a > pos {
			segs = append(segs, &widget.TextSegment{Text: text[pos:s.a], Style: plainStyle})
		}
		segs = append(segs, &widget.TextSegment{Text: text[s.a:s.b], Style: quoteStyle})
		pos = s.b
	}
	if pos < len(text) {
		segs = append(segs, &widget.TextSegment{Text: text[pos:], Style: plainStyle})
	}
	return segs
}

// citeText is a citation as the panel shows it: with a space after the
// title, so the panel's word wrap breaks before the date or the link rather
// than inside the date ("2021-01-" and "02" on two lines).
func citeText(c plan.Citation) string {
	s := c.String()
	head := c.Publisher + "《" + c.Title + "》"
	if c.Title != "" && len(s) > len(head) && strings.HasPrefix(s, head) {
		s = head + " " + s[len(head):]
	}
	return s
}

func wrapped(segs ...widget.RichTextSegment) *widget.RichText {
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

func line(label, value string) *widget.RichText {
	return wrapped(&widget.TextSegment{Text: label + colon(label), Style: mutedStyle}, &widget.TextSegment{Text: value, Style: plainStyle})
}

// colon is the colon after a label: full-width after Chinese.
func colon(label string) string {
	for _, r := range label {
		if unicode.Is(unicode.Han, r) {
			return "："
		}
	}
	return ": "
}

// dateIn writes a status date ("2026", "2026-11", "2026-11-05") the way
// lang writes dates: 2026年11月 in Chinese, as given in English.
func dateIn(lang, d string) string {
	if lang == "en" {
		return d
	}
	parts := strings.Split(d, "-")
	out := parts[0] + "年"
	if len(parts) > 1 {
		out += strings.TrimPrefix(parts[1], "0") + "月"
	}
	if len(parts) > 2 {
		out += strings.TrimPrefix(parts[2], "0") + "日"
	}
	return out
}

// bracket puts s in the language's parentheses.
func bracket(lang, s string) string {
	if lang == "en" {
		return " (" + s + ")"
	}
	return "（" + s + "）"
}

// Show fills the panel with f (nil shows a hint).
func (d *DetailPanel) Show(f *plan.Feature) {
	l := d.at.Lang()
	d.Current, d.Quotes = f, nil
	d.box.RemoveAll()
	if f == nil {
		hint := widget.NewLabel(tr(l, "noSelection"))
		hint.Wrapping = fyne.TextWrapWord
		d.box.Add(hint)
		d.box.Refresh()
		return
	}
	// The name in the interface's language first, the other under it.
	name, other := f.NameZh, f.NameEn
	if l == "en" && f.NameEn != "" {
		name, other = f.NameEn, f.NameZh
	}
	title := widget.NewRichText(&widget.TextSegment{Text: name, Style: widget.RichTextStyleHeading})
	title.Wrapping = fyne.TextWrapWord
	d.box.Add(title)
	if other != "" {
		d.box.Add(wrapped(&widget.TextSegment{Text: other, Style: mutedStyle}))
	}
	if d.at.Editor != nil && d.at.Editor.On {
		d.box.Add(d.editButtons(f))
	}
	d.box.Add(line(tr(l, "kind"), f.KindName(l)))
	stage := f.Stage.Name(l)
	if f.StageVerb != "" {
		if l == "en" {
			stage += " (" + tr(l, "verb") + ": " + f.StageVerb + ")"
		} else {
			stage += "（" + tr(l, "verb") + "：" + f.StageVerb + "）"
		}
	}
	d.box.Add(line(tr(l, "stage"), stage))
	d.box.Add(line(tr(l, "precision"), precisionName(l, f.Precision)))
	// What the planner changed, on what source, by whom, when and why,
	// under what it changed.
	for _, n := range d.at.Plan.EditNotes(f.ID, l) {
		d.box.Add(wrapped(&widget.TextSegment{Text: n, Style: plainStyle}))
	}
	if f.Role != "" {
		d.box.Add(line(tr(l, "role"), f.Role))
	}
	if sc, _ := f.Props["sub_centre"].(bool); sc {
		d.box.Add(line(tr(l, "role"), tr(l, "sub_centre")))
	}
	// What happened since adoption: the app's own words when the data found
	// nothing, and data in English labelled as such in the Chinese interface.
	if since := f.StatusSince; since == "" {
		// Places the text names (cities, counties) are not projects: no progress line.
		if f.Layer != plan.GroupBase && f.Class != plan.ClassRole && f.Class != plan.ClassCity {
			none := tr(l, "noInfo")
			if f.StatusDate != "" {
				none = fmt.Sprintf(tr(l, "noInfoBy"), dateIn(l, f.StatusDate))
			}
			d.box.Add(line(fmt.Sprintf(tr(l, "since"), adoptedYear(d.at.Plan)), none))
		}
	} else {
		// The gazetteer's summary is in English; the Chinese interface says
		// its Chinese version where written (so both languages say the same),
		// else the latest dated step in Chinese.
		if l == "zh" && f.StatusSinceZh != "" {
			since = f.StatusSinceZh
		} else if es := f.EventsSince(); l == "zh" && len(es) > 0 {
			last := es[len(es)-1]
			since = dateIn(l, last.Date) + " " + last.Desc(l) + bracket(l, last.Stage.Name(l))
		}
		d.box.Add(line(fmt.Sprintf(tr(l, "since"), adoptedYear(d.at.Plan)), inLang(l, since)))
		if cites := plan.ParseCitations(f.StatusSrc); len(cites) > 0 {
			head := tr(l, "source")
			if f.StatusRel != "" {
				head += bracket(l, tr(l, "rel_"+string(f.StatusRel)))
			}
			for _, c := range cites {
				d.box.Add(wrapped(&widget.TextSegment{Text: head + colon(head) + citeText(c), Style: mutedStyle}))
				head = tr(l, "source")
			}
		}
	}
	if asOf := d.at.State.AsOf(); asOf != "" && f.Layer != plan.GroupBase && f.Class != plan.ClassRole && f.Class != plan.ClassCity {
		d.box.Add(line(fmt.Sprintf(tr(l, "stageAsOf"), asOf), f.StageAt(asOf).Name(l)))
	}
	// The dated steps since the decision, each with its source.
	if es := f.EventsSince(); len(es) > 0 {
		d.box.Add(widget.NewLabelWithStyle(tr(l, "progress"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, e := range es {
			d.box.Add(wrapped(&widget.TextSegment{Text: e.Date + "  " + e.Desc(l) + bracket(l, e.Stage.Name(l)), Style: widget.RichTextStyleInline}))
			src := tr(l, "source") + bracket(l, tr(l, "rel_"+string(e.Reliability)))
			d.box.Add(wrapped(&widget.TextSegment{Text: src + colon(src) + citeText(e.Citation()), Style: mutedStyle}))
		}
	}
	if len(f.Clauses) > 0 {
		d.box.Add(widget.NewSeparator())
		d.box.Add(widget.NewLabelWithStyle(tr(l, "clauses"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	doc := d.at.Plan.Doc
	for _, ref := range f.Clauses {
		var quotes []string
		for _, q := range f.Quotes {
			if q.Ref == ref {
				quotes = append(quotes, q.Text)
			}
		}
		if len(quotes) == 0 {
			continue // cited (e.g. in a long list) but not quoted: listed below
		}
		head, body := blockText(doc, ref, l)
		ref := ref
		link := widget.NewHyperlink(head, nil)
		link.Wrapping = fyne.TextWrapWord
		link.OnTapped = func() { d.at.ShowInReader(ref) }
		rt := wrapped(Highlight(body, quotes)...)
		d.Quotes = append(d.Quotes, rt)
		d.box.Add(link)
		d.box.Add(rt)
		var cite []string
		for _, q := range f.Quotes {
			if q.Ref == ref {
				cite = append(cite, Citation(d.at.Plan, l, q))
			}
		}
		copyBtn := widget.NewButtonWithIcon(tr(l, "copyQuote"), theme.ContentCopyIcon(), func() { d.at.Context.copyText(strings.Join(cite, "\n")) })
		copyBtn.Importance = widget.LowImportance
		d.box.Add(container.NewHBox(copyBtn))
	}
	var unquoted []string
	for _, ref := range f.Clauses {
		found := false
		for _, q := range f.Quotes {
			found = found || q.Ref == ref
		}
		if !found {
			unquoted = append(unquoted, refLabel(doc, ref))
		}
	}
	if len(unquoted) > 0 {
		d.box.Add(wrapped(&widget.TextSegment{Text: "+ " + strings.Join(unquoted, " "), Style: mutedStyle}))
	}
	if cs := plan.ParseCitations(f.Source); len(cs) > 0 {
		d.box.Add(widget.NewSeparator())
		var parts []string
		for _, c := range cs {
			parts = append(parts, citeText(c))
		}
		d.box.Add(wrapped(&widget.TextSegment{Text: tr(l, "placeSource") + colon(tr(l, "placeSource")) + strings.Join(parts, "；"), Style: mutedStyle}))
	}
	if f.Check != "" {
		c := plan.ParseCitations(f.Check)
		text := f.Check
		if len(c) == 1 {
			text = citeText(c[0])
		}
		text += fmt.Sprintf(tr(l, "checkKm"), f.CheckKm)
		d.box.Add(wrapped(&widget.TextSegment{Text: tr(l, "checkSource") + colon(tr(l, "checkSource")) + text, Style: mutedStyle}))
	}
	// Related features: cited by the same clauses.
	seen := map[string]bool{f.ID: true}
	var rel []fyne.CanvasObject
	for _, ref := range f.Clauses {
		if !strings.HasPrefix(ref, "P") && ref != plan.RefTitle && ref != plan.RefPreamble {
			for _, o := range d.at.Plan.Citing(ref) {
				if seen[o.ID] || len(rel) >= 16 {
					continue
				}
				seen[o.ID] = true
				o := o
				link := widget.NewHyperlink(o.Name(l)+" · "+o.KindName(l), nil)
				link.Wrapping = fyne.TextWrapWord
				link.OnTapped = func() { d.at.Select(o.ID); d.at.Frame([]string{o.ID}) }
				rel = append(rel, link)
			}
		}
	}
	if len(rel) > 0 {
		d.box.Add(widget.NewSeparator())
		d.box.Add(widget.NewLabelWithStyle(tr(l, "related"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		d.box.Add(container.NewVBox(rel...)) // one a line, wrapped, never clipped
	}
	d.box.Refresh()
	d.scroll.ScrollToTop()
}

// editButtons are the edit mode's actions on feature f: place it again,
// change its fields, link it to words of the text.
func (d *DetailPanel) editButtons(f *plan.Feature) fyne.CanvasObject {
	l := d.at.Lang()
	ed := d.at.Editor
	id := f.ID
	place := tr(l, "redrawFeature")
	buttons := []fyne.CanvasObject{}
	if _, ok := f.Geometry.(orb.Point); ok {
		place = tr(l, "moveFeature")
	} else {
		buttons = append(buttons, widget.NewButton(tr(l, "editVertices"), func() { ed.StartVertices(id) }))
	}
	return container.NewGridWithColumns(2, append(buttons,
		widget.NewButton(place, func() { ed.StartReshape(id) }),
		widget.NewButton(tr(l, "editFields"), func() { ed.ShowFields(id) }),
		widget.NewButton(tr(l, "linkText"), func() { ed.ShowLinkText(id) }),
		widget.NewButton(tr(l, "deleteFeature"), func() { ed.ShowDelete(id) }))...)
}

// refLabel writes a block ref as the text prints it: (十一), 第六部分, 标题, 序言.
func refLabel(doc *plan.Document, ref string) string {
	switch {
	case ref == plan.RefTitle:
		return "标题"
	case ref == plan.RefPreamble:
		return "序言"
	case strings.HasPrefix(ref, "P"):
		if p, ok := doc.Part(ref[1:]); ok {
			return doc.PartName(p, "zh")
		}
	}
	if c, ok := doc.Clause(ref); ok {
		return c.Label
	}
	return ref
}

// blockText returns a heading and the verbatim text of a cited block.
func blockText(doc *plan.Document, ref, lang string) (head, body string) {
	switch {
	case ref == plan.RefTitle:
		return "标题", doc.Title
	case ref == plan.RefPreamble:
		return "序言", doc.Preamble
	case strings.HasPrefix(ref, "P"):
		p, _ := doc.Part(ref[1:])
		return p.Heading, p.Heading + "\n" + p.Intro
	}
	c, ok := doc.Clause(ref)
	if !ok {
		return ref, ""
	}
	p, _ := doc.Part(c.Part)
	if p == nil {
		return fmt.Sprintf("%s %s", c.Label, c.Title), c.Text
	}
	return fmt.Sprintf("%s %s · %s %s", c.Label, c.Title, doc.PartName(p, lang), p.Title), c.Text
}

// richText returns the plain text of a rich text widget.
func richText(rt *widget.RichText) string {
	var b strings.Builder
	for _, s := range rt.Segments {
		if ts, ok := s.(*widget.TextSegment); ok {
			b.WriteString(ts.Text)
		}
	}
	return b.String()
}

// inLang returns data text for the interface in lang: text with no Chinese
// in the Chinese interface is labelled as English, not passed off as ours.
func inLang(lang, s string) string {
	if lang != "zh" {
		return s
	}
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return s
		}
	}
	return s + "（英文资料）"
}

// adoptedYear is the year plan p was adopted.
func adoptedYear(p *plan.Plan) string {
	if len(p.Info.Adopted) >= 4 {
		return p.Info.Adopted[:4]
	}
	return p.Info.Adopted
}
