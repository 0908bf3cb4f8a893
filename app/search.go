package app

import (
	"image/color"
	"sort"
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
	Entry   *searchEntry
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
	sb := &SearchBox{at: at, list: container.NewVBox()}
	sb.Entry = newSearchEntry(sb.Close, at.typedKey)
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

// stringList reads a list of strings from a feature property (JSON arrays load
// as []any).
func stringList(v any) []string {
	var out []string
	switch v := v.(type) {
	case []string:
		return v
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// words splits an English name into lower-case words, leaving out a
// parenthesised gloss ("Capital International Airport (PEK/ZBAA)" →
// capital, international, airport).
func words(s string) []string {
	if i := strings.IndexAny(s, "(（"); i > 0 {
		s = s[:i]
	}
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			found = found || h == w
		}
		if !found {
			return false
		}
	}
	return true
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
		score int // 0 exact, 1 prefix, 2 inside a name; +3 for the base map
		extra int // words of the name the query does not hold: fewer is closer
	}
	qWords := words(query)
	var hits []scored
	for _, f := range p.Features() {
		if f.Layer == plan.GroupBase && f.Class != plan.ClassRiver && f.Class != plan.ClassPrefecture {
			continue
		}
		zh, en := normalize(f.NameZh), normalize(f.NameEn)
		// The name, its English, and its pinyin readings and initials
		// (made when the data was generated): "tam" and "tiananmen"
		// find 天安门.
		names := append([]string{zh, en}, stringList(f.Props["name_pinyin"])...)
		names = append(names, stringList(f.Props["name_initials"])...)
		score := -1
		for _, n := range names {
			switch {
			case n == "":
			case n == q:
				score = 0
			case strings.HasPrefix(n, q) && (score < 0 || score > 1):
				score = 1
			case strings.Contains(n, q) && score < 0:
				score = 2
			}
		}
		extra := 0
		if nw := words(f.NameEn); score != 0 && len(qWords) > 1 && containsAll(nw, qWords) {
			// Every word of an English query is a word of the name: as
			// close as a prefix, closer the fewer other words it has.
			score, extra = 1, len(nw)-len(qWords)
		} else if score > 0 {
			extra = len(zh) + len(en)
		}
		if score >= 0 {
			if f.Layer == plan.GroupBase {
				score += 3
			}
			hits = append(hits, scored{SearchHit{FeatureID: f.ID, Label: f.NameZh + "  " + f.NameEn}, score, extra})
		}
	}
	// Best first; equals in plan order.
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].score != hits[j].score {
			return hits[i].score < hits[j].score
		}
		return hits[i].extra < hits[j].extra
	})
	var out []SearchHit
	for _, h := range hits {
		if len(out) < max {
			out = append(out, h.h)
		}
	}
	for _, c := range p.Doc.Clauses {
		if len(out) >= max {
			break
		}
		if strings.Contains(c.Text, strings.TrimSpace(query)) {
			out = append(out, SearchHit{Clause: c.Num, Label: labelSpaced(c.Label) + c.Title})
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

// Close hides the results (Esc in the search box, a click on the map).
func (sb *SearchBox) Close() { sb.Results.Hide() }

// searchEntry is the search box's entry. A text box must not swallow the
// app's keys: Esc closes the results and gives the keyboard back to the
// map, and the function keys (F5: present) reach the app as they do from
// anywhere; the keys that edit text stay with the box.
type searchEntry struct {
	widget.Entry
	onEscape func()
	global   func(*fyne.KeyEvent) // the app's own keys
}

func newSearchEntry(onEscape func(), global func(*fyne.KeyEvent)) *searchEntry {
	e := &searchEntry{onEscape: onEscape, global: global}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey implements fyne.Focusable: Esc closes the results and leaves
// the box, function keys go to the app, other keys edit.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	switch {
	case k.Name == fyne.KeyEscape:
		e.onEscape()
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			c.Unfocus()
		}
		return
	case isFunctionKey(k.Name) && e.global != nil:
		e.global(k)
		return
	}
	e.Entry.TypedKey(k)
}

// isFunctionKey says whether k is one of F1–F12, which no text box types.
func isFunctionKey(k fyne.KeyName) bool {
	switch k {
	case fyne.KeyF1, fyne.KeyF2, fyne.KeyF3, fyne.KeyF4, fyne.KeyF5, fyne.KeyF6,
		fyne.KeyF7, fyne.KeyF8, fyne.KeyF9, fyne.KeyF10, fyne.KeyF11, fyne.KeyF12:
		return true
	}
	return false
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
