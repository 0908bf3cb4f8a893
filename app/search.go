package app

import (
	"image/color"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/geo/plan"
)

// SearchBox finds features by Chinese name, pinyin or English name, and
// clauses by their text, as the user types; choosing a result frames and
// selects it.
type SearchBox struct {
	at      *Atlas
	Entry   *widget.Entry
	Results *fyne.Container // overlay on the map, top left
	list    *fyne.Container
	hits    []SearchHit
}

// SearchHit is one search result: a feature or a clause.
type SearchHit struct {
	FeatureID string // set for a feature
	Clause    string // set for a clause
	Label     string
}

// NewSearchBox builds the entry and its result list.
func NewSearchBox(at *Atlas) *SearchBox {
	sb := &SearchBox{at: at, Entry: widget.NewEntry(), list: container.NewVBox()}
	sb.Entry.SetPlaceHolder(tr(at.Lang(), "search"))
	sb.Entry.OnChanged = sb.update
	sb.Entry.OnSubmitted = func(string) {
		if len(sb.hits) > 0 {
			sb.Choose(sb.hits[0])
		}
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = color.NRGBA{0, 0, 0, 60}
	bg.StrokeWidth = 1
	panel := container.NewStack(bg, container.NewPadded(sb.list))
	sb.Results = container.NewBorder(container.NewHBox(panel), nil, nil, nil)
	sb.Results.Hide()
	return sb
}

// normalize folds a string for matching: lower case, no spaces or
// punctuation, so "guangwushan" finds "Guangwushan scenic area".
func normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Find returns up to max hits for query: features whose Chinese or English
// name (pinyin) contains it, best first, then clauses whose text does.
func Find(p *plan.Plan, query string, max int) []SearchHit {
	q := normalize(query)
	if q == "" {
		return nil
	}
	type scored struct {
		h     SearchHit
		score int
	}
	var hits []scored
	for _, f := range p.Features() {
		if f.Layer == "base" && f.Kind != plan.KindRiver && f.Kind != plan.KindPrefecture {
			continue
		}
		zh, en := normalize(f.NameZh), normalize(f.NameEn)
		score := -1
		switch {
		case zh == q || en == q:
			score = 0
		case strings.HasPrefix(zh, q) || strings.HasPrefix(en, q):
			score = 1
		case strings.Contains(zh, q) || strings.Contains(en, q):
			score = 2
		}
		if score >= 0 {
			if f.Layer == "base" {
				score += 3
			}
			hits = append(hits, scored{SearchHit{FeatureID: f.ID, Label: f.NameZh + "  " + f.NameEn}, score})
		}
	}
	// Stable order: by score, then plan order.
	var out []SearchHit
	for s := 0; s <= 5; s++ {
		for _, h := range hits {
			if h.score == s && len(out) < max {
				out = append(out, h.h)
			}
		}
	}
	for _, c := range p.Doc.Clauses {
		if len(out) >= max {
			break
		}
		if strings.Contains(c.Text, strings.TrimSpace(query)) {
			out = append(out, SearchHit{Clause: c.Num, Label: c.Label + c.Title})
		}
	}
	return out
}

func (sb *SearchBox) update(text string) {
	sb.hits = Find(sb.at.Plan, text, 10)
	sb.list.RemoveAll()
	if strings.TrimSpace(text) == "" {
		sb.Results.Hide()
		return
	}
	if len(sb.hits) == 0 {
		sb.list.Add(widget.NewLabel(tr(sb.at.Lang(), "noResults")))
	}
	for _, h := range sb.hits {
		h := h
		label := h.Label
		if h.Clause != "" {
			label = tr(sb.at.Lang(), "clauseResult") + " " + label
		}
		b := widget.NewButton(label, func() { sb.Choose(h) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		sb.list.Add(b)
	}
	sb.Results.Show()
	sb.Results.Refresh()
}

// Hits returns the current results.
func (sb *SearchBox) Hits() []SearchHit { return sb.hits }

// Choose frames and selects a result, and closes the list.
func (sb *SearchBox) Choose(h SearchHit) {
	sb.Results.Hide()
	if h.FeatureID != "" {
		if f, ok := sb.at.Plan.Feature(h.FeatureID); ok {
			sb.at.State.SetLayer(f.Layer, true) // the layer panel follows
		}
		sb.at.Select(h.FeatureID)
		sb.at.Frame([]string{h.FeatureID})
		return
	}
	sb.at.ShowClause(h.Clause)
	sb.at.ShowInReader(h.Clause)
}
