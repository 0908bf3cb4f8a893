package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"strings"

	"github.com/planatlas/planatlas/geo/plan"
)

// Reader shows the whole decision by part and clause. Each clause has a
// button that selects and frames the features citing it.
type Reader struct {
	at     *Atlas
	scroll *container.Scroll
	box    *fyne.Container
	// Buttons maps a clause numeral (and "P"+part) to its show-on-map button.
	Buttons map[string]*widget.Button
	blocks  map[string]fyne.CanvasObject
	pending string
}

// Shown is called when the reader's tab is selected: it builds the text
// and scrolls to the block last asked for.
func (r *Reader) Shown() {
	r.Ensure()
	if r.pending != "" {
		ref := r.pending
		r.pending = ""
		r.scroll.Refresh()
		r.ScrollTo(ref)
	}
}

// NewReader makes the reader; its text is laid out on first use (laying
// out 31 wrapped paragraphs costs about a second, which start-up should not pay).
func NewReader(at *Atlas) *Reader {
	r := &Reader{at: at, Buttons: map[string]*widget.Button{}, blocks: map[string]fyne.CanvasObject{}}
	r.box = container.NewVBox()
	r.scroll = container.NewVScroll(r.box)
	return r
}

// Ensure builds the reader's content if it is not built yet.
func (r *Reader) Ensure() {
	if len(r.blocks) > 0 {
		return
	}
	at := r.at
	l := at.Lang()
	doc := at.Plan.Doc
	items := []fyne.CanvasObject{
		widget.NewRichText(&widget.TextSegment{Text: doc.Title, Style: widget.RichTextStyleHeading}),
		wrapped(&widget.TextSegment{Text: doc.Adoption, Style: mutedStyle}),
		wrapped(&widget.TextSegment{Text: doc.Preamble, Style: plainStyle}),
	}
	items[0].(*widget.RichText).Wrapping = fyne.TextWrapWord
	r.blocks[plan.RefTitle], r.blocks[plan.RefPreamble] = items[0], items[2]
	for _, p := range doc.Parts {
		head := widget.NewRichText(&widget.TextSegment{Text: p.Heading, Style: widget.RichTextStyleSubHeading})
		head.Wrapping = fyne.TextWrapWord
		items = append(items, widget.NewSeparator(), head)
		if p.Intro != "" { // a chapter often has none: no empty paragraph under its heading
			items = append(items, wrapped(&widget.TextSegment{Text: p.Intro, Style: plainStyle}))
		}
		r.blocks["P"+p.Num] = head
		section := ""
		for _, num := range p.Clauses {
			c, _ := doc.Clause(num)
			if c.Section != section && c.Section != "" {
				// A chapter's sections (第一节…) head their articles.
				sh := widget.NewRichText(&widget.TextSegment{Text: c.Section, Style: widget.RichTextStyleStrong})
				sh.Wrapping = fyne.TextWrapWord
				items = append(items, sh)
			}
			section = c.Section
			n := len(at.Plan.Citing(num))
			var btn *widget.Button
			if n > 0 {
				num := num
				btn = widget.NewButton(tr(l, "showOnMap")+" ("+itoa(n)+")", func() { at.ShowClause(num) })
				r.Buttons[num] = btn
			}
			text := wrapped(&widget.TextSegment{Text: labelSpaced(c.Label), Style: quoteStyle}, &widget.TextSegment{Text: c.Text, Style: plainStyle})
			var block fyne.CanvasObject = text
			if btn != nil {
				block = container.NewVBox(text, container.NewHBox(btn))
			}
			r.blocks[num] = block
			items = append(items, block)
		}
	}
	r.box.Objects = items
	r.box.Refresh()
}

func itoa(n int) string {
	s := ""
	for {
		s = string(rune('0'+n%10)) + s
		n /= 10
		if n == 0 {
			return s
		}
	}
}

// changed follows the state: a single selected plan feature scrolls the
// text to the first block that names it.
func (r *Reader) changed(c Change) {
	if c&ChangeSelection == 0 {
		return
	}
	if ids := r.at.State.Selected(); len(ids) == 1 {
		if f, ok := r.at.Plan.Feature(ids[0]); ok && len(f.Quotes) > 0 {
			r.ScrollTo(f.Quotes[0].Ref)
		}
	}
}

// Object is the reader's canvas object.
func (r *Reader) Object() fyne.CanvasObject { return r.scroll }

// ScrollTo scrolls the reader to a block (clause numeral, "P"+part, "title", "preamble").
func (r *Reader) ScrollTo(ref string) {
	if len(r.blocks) == 0 {
		r.pending = ref // scrolled to when the reader is first shown
		return
	}
	o, ok := r.blocks[ref]
	if !ok {
		return
	}
	r.scroll.Offset = fyne.NewPos(0, o.Position().Y)
	r.scroll.Refresh()
}

// Offset is the reader's scroll position (for tests).
func (r *Reader) Offset() float32 { return r.scroll.Offset.Y }

// labelSpaced is a clause's label as it leads its text: "(十一)" runs on,
// as the decision prints it; "第三条" or "2.1" is followed by a space.
func labelSpaced(label string) string {
	if strings.HasSuffix(label, ")") || strings.HasSuffix(label, "）") {
		return label
	}
	return label + " "
}
