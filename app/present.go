package app

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/project"

	"github.com/planatlas/planatlas/geo/annot"
	"github.com/planatlas/planatlas/geo/plan"
	"github.com/planatlas/planatlas/geo/proj"
)

// Presenter runs presentation mode: the map full screen, no panels, larger
// type, a caption band with the scene's clauses, a progress mark, and the
// keys a presentation clicker sends.
type Presenter struct {
	at       *Atlas
	Index    int
	Caption  *canvas.Text
	Caption2 *canvas.Text // a long caption's second line; empty otherwise
	Clauses  *canvas.Text
	Mark     *canvas.Text
	Black    *canvas.Rectangle
	Quote    *fyne.Container // the large quote overlay after a click on a feature
	quote    *widget.RichText
	closer   *tapCatcher     // over the map while a quote shows
	quotes   *fyne.Container // lays the quote out for its text
	band     *fyne.Container // the caption band, laid out again when its texts change
	screen   *fyne.Container // the map above the band

	saved struct {
		visible  map[plan.GroupID]bool
		stage    plan.Stage
		asOf     string
		selected []string
		view     proj.View
		textSize float64
		annots   map[string]bool // the annotations before: the rest are marks made while presenting
	}
	stopAnim context.CancelFunc // ends the running animation
}

// Presentation starts and ends full-screen presentation; active is the
// presenter while it lasts.
type Presentation struct {
	at     *Atlas
	active *Presenter
}

// Presenting reports whether presentation mode is on.
func (px *Presentation) Presenting() bool { on, _ := px.at.State.Presenting(); return on }

// PresentProgress presents the milestones since the decision, one scene
// each: the feature on the map as of its date, what happened, its source
// and the clause that asked for it.
func (px *Presentation) PresentProgress() {
	at := px.at
	if at.Presentation.active != nil {
		at.Presentation.active.Leave()
	}
	ms := at.Plan.ProgressScenes()
	if len(ms) == 0 {
		return
	}
	at.State.SetDeck(ms)
	at.Presentation.Present()
}

// Present enters presentation mode at the first scene (F5 or the toolbar).
func (px *Presentation) Present() {
	at := px.at
	if at.Presentation.active != nil {
		at.Presentation.active.Leave()
		return
	}
	if len(at.State.PresentScenes()) == 0 {
		return
	}
	// The keys are the presentation's (a search box kept them before).
	at.Win.Canvas().Unfocus()
	// Open dialogs and menus would stand in front of the room: close them.
	for _, o := range at.Win.Canvas().Overlays().List() {
		at.Win.Canvas().Overlays().Remove(o)
	}
	if at.Map.Tool != nil {
		at.Map.Tool.End() // a tool of the desk (measuring, the annotation bar) ends; P takes the pen again
	}
	at.saveSplits() // leaving rebuilds the layout where it was
	pr := &Presenter{at: at}
	pr.saved.visible, pr.saved.selected, pr.saved.stage = at.State.VisibleLayers(), at.State.Selected(), at.State.Stage()
	pr.saved.asOf = at.State.AsOf()
	pr.saved.view, pr.saved.textSize = at.Map.View(), at.State.TextSize()
	pr.saved.annots = map[string]bool{}
	for _, a := range at.State.Annotations() {
		pr.saved.annots[a.ID] = true
	}
	at.Presentation.active = pr
	// Type for a room: at 1080 lines a 48-pixel title, 32-pixel clause
	// lines and quotes, 20-pixel map labels, growing with the screen.
	k := roomScale(at.Win.Canvas().Size().Height)
	at.State.SetTextSize(2 * k)
	at.theme.scale = float32(1.8 * k)
	at.App.Settings().SetTheme(at.theme)

	band := canvas.NewRectangle(color.NRGBA{0x10, 0x16, 0x20, 0xE6})
	pr.Caption = canvas.NewText("", color.White)
	pr.Caption.TextSize = float32(48 * k)
	pr.Caption.TextStyle.Bold = true
	pr.Caption2 = canvas.NewText("", color.White)
	pr.Caption2.TextStyle.Bold = true
	pr.Caption2.Hide()
	pr.Clauses = canvas.NewText("", color.NRGBA{0xE8, 0xE8, 0xE8, 0xFF})
	pr.Clauses.TextSize = float32(32 * k)
	pr.Mark = canvas.NewText("", color.NRGBA{0xC8, 0xC8, 0xC8, 0xFF})
	pr.Mark.TextSize = float32(28 * k)
	text := container.NewVBox(pr.Caption, pr.Caption2, pr.Clauses)
	bandBox := container.NewStack(band, container.NewPadded(container.NewBorder(nil, nil, nil, container.NewCenter(pr.Mark), text)))
	pr.band = bandBox
	pr.Black = canvas.NewRectangle(color.Black)
	pr.Black.Hide()
	pr.quote = widget.NewRichText()
	pr.quote.Wrapping = fyne.TextWrapWord
	qbg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	qbg.CornerRadius = 16
	qbg.StrokeColor, qbg.StrokeWidth = theme.Color(theme.ColorNameForeground), 1
	pr.Quote = container.NewStack(qbg, container.New(layout.NewCustomPaddedLayout(24, 24, 32, 32), pr.quote))
	// While a quote shows, a click anywhere (or Esc) closes it and does
	// not reach the map.
	pr.closer = newTapCatcher(func() { pr.hideQuote() })
	quoteLayer := container.New(quoteLayout{}, pr.Quote)
	pr.quotes = quoteLayer
	pr.hideQuote()
	// The band sits below the map, not over it: the scale bar stays visible.
	pr.screen = container.NewBorder(nil, bandBox, nil, nil, at.Map)
	content := container.NewStack(pr.screen, pr.closer, quoteLayer, pr.Black)
	at.Win.SetContent(content)
	at.Win.SetMainMenu(nil) // nothing but the map before the room
	at.Win.SetPadded(false)
	at.Win.SetFullScreen(true)
	at.Win.Canvas().SetOnTypedKey(pr.key)
	at.Map.OnTap = pr.tap
	pr.Go(0)
}

// Scene returns the scene being shown.
func (pr *Presenter) Scene() plan.Scene { return pr.at.State.PresentScenes()[pr.Index] }

// Go shows scene i: its layers and highlighted features, its caption, and
// moves the map there smoothly.
func (pr *Presenter) Go(i int) {
	n := len(pr.at.State.PresentScenes())
	if i < 0 || i >= n {
		return
	}
	pr.Index = i
	s := pr.Scene()
	at := pr.at
	l := at.Lang()
	at.State.Update(func() {
		on := map[plan.GroupID]bool{}
		for _, id := range s.Layers {
			on[id] = true
		}
		at.State.SetLayers(on)
		at.State.SetStage(s.Stage) // an own scene may show one stage
		if s.AsOf != "" {
			at.State.SetAsOf(s.AsOf) // a milestone shows the plan on its day
		} else {
			at.State.SetAsOf(pr.saved.asOf)
		}
		at.State.Select(s.Highlight...)
		at.State.SetPresenting(true, i)
	})
	pr.Caption.Text = s.Name(l)
	pr.Clauses.Text = s.CaptionIn(at.Plan.Doc, l)
	if cs := plan.ParseCitations(s.Note); s.AsOf != "" && len(cs) > 0 && len(s.Clauses) > 0 {
		// A milestone says where it is from: publisher and date in front
		// of the room (the link is in the feature's detail panel).
		c := cs[0]
		c.Link = ""
		pr.Clauses.Text += "　" + tr(l, "source") + colon(tr(l, "source")) + c.String()
	}
	pr.Mark.Text = fmt.Sprintf("%d / %d", i+1, n)
	// One line each, in the band beside the counter: a long milestone
	// (a date, a project's long name and what happened to it)
	// is set smaller rather than cut off at the screen's edge.
	k := roomScale(at.Win.Canvas().Size().Height)
	room := at.Win.Canvas().Size().Width - fyne.MeasureText(pr.Mark.Text, pr.Mark.TextSize, pr.Mark.TextStyle).Width - 6*theme.Padding()
	pr.Caption.Text, pr.Caption2.Text = s.Name(l), ""
	if !fits(pr.Caption.Text, float32(48*k*0.75), pr.Caption.TextStyle, room) {
		// Too long for one line even a quarter smaller: break it after
		// the colon that ends the place ("…(巴南高铁)：巴南高铁开通运营").
		for _, sep := range []string{"：", ": "} {
			if i := strings.LastIndex(pr.Caption.Text, sep); i > 0 {
				pr.Caption.Text, pr.Caption2.Text = pr.Caption.Text[:i+len(sep)], pr.Caption.Text[i+len(sep):]
				break
			}
		}
	}
	fitLine(pr.Caption, float32(48*k), room)
	if pr.Caption2.Text != "" {
		fitLine(pr.Caption2, pr.Caption.TextSize, room)
		pr.Caption2.Show()
	} else {
		pr.Caption2.Hide()
	}
	fitLine(pr.Clauses, float32(32*k), room)
	pr.Caption.Refresh()
	pr.Caption2.Refresh()
	pr.Clauses.Refresh()
	pr.Mark.Refresh()
	// Texts of a new size need the band laid out again (the counter's room
	// was sized for the text it had: nothing, before the first scene), and
	// the screen too when the band grows or shrinks by a caption line.
	pr.band.Refresh()
	pr.screen.Refresh()
	pr.hideQuote()
	v := at.Map.View()
	w, h, dpi := at.Map.Extent()
	px := dpi / 96
	target := proj.FitPadded(s.Bound(), w, h, dpi, 30*px, 30*px, 30*px, 60*px)
	pr.animate(v, target)
}

// animate moves the view from a to b in 400 ms, easing in and out: centre
// linear in Mercator, scale geometric, so the zoom feels even. A ticker
// goroutine computes the views; each is set on the UI goroutine. A new
// animation, or leaving, cancels the running one.
func (pr *Presenter) animate(a, b proj.View) {
	if pr.stopAnim != nil {
		pr.stopAnim()
	}
	m := pr.at.Map
	if a.Width <= 0 {
		m.SetView(b)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr.stopAnim = cancel
	ma, mb := project.WGS84.ToMercator(a.Center), project.WGS84.ToMercator(b.Center)
	const dur = 400 * time.Millisecond
	start := time.Now()
	pr.at.jobs.Add(1)
	go func() {
		defer pr.at.jobs.Add(-1)
		tick := time.NewTicker(time.Second / 60)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			t := float64(time.Since(start)) / float64(dur)
			done := t >= 1
			if done {
				t = 1
			}
			e := t * t * (3 - 2*t)
			c := project.Mercator.ToWGS84(orb.Point{ma[0] + (mb[0]-ma[0])*e, ma[1] + (mb[1]-ma[1])*e})
			// Interpolate the Mercator resolution geometrically.
			ra := a.Scale / math.Cos(a.Center[1]*math.Pi/180)
			rb := b.Scale / math.Cos(b.Center[1]*math.Pi/180)
			r := math.Exp(math.Log(ra) + (math.Log(rb)-math.Log(ra))*e)
			v := proj.View{Center: c, Scale: r * math.Cos(c[1]*math.Pi/180)}
			pr.at.do(func() {
				if ctx.Err() == nil {
					m.SetView(v)
				}
			})
			if done {
				return
			}
		}
	}()
}

// Next and Prev step through the scenes.
func (pr *Presenter) Next() { pr.Go(pr.Index + 1) }

// Prev goes to the previous scene.
func (pr *Presenter) Prev() { pr.Go(pr.Index - 1) }

// ToggleBlack blacks the screen out (B), or brings it back.
// The black covers the whole window at once (the window has no padding
// while presenting, so no frame of the theme's colour stays around it).
func (pr *Presenter) ToggleBlack() {
	if pr.Black.Visible() {
		pr.Black.Hide()
	} else {
		pr.Black.Show()
	}
	pr.Black.Refresh()
	pr.at.Win.Content().Refresh()
}

func (pr *Presenter) key(e *fyne.KeyEvent) {
	at := pr.at
	if at.Map.Tool != nil && e.Name == fyne.KeyEscape {
		at.Map.Tool.End() // Esc ends drawing first; again leaves
		return
	}
	switch e.Name {
	case fyne.KeyP:
		// The pen, without leaving the presentation; the clicker's keys
		// go on working while it is on.
		if at.Annotate.active != nil {
			at.Annotate.active.End()
		} else {
			at.Annotate.StartAnnotate()
		}
		return
	case fyne.KeyDelete, fyne.KeyBackspace:
		at.Annotate.annotKey(e)
		return
	case fyne.KeyRight, fyne.KeyPageDown, fyne.KeySpace, fyne.KeyDown:
		pr.Next()
	case fyne.KeyLeft, fyne.KeyPageUp, fyne.KeyUp:
		pr.Prev()
	case fyne.KeyB, fyne.KeyPeriod:
		pr.ToggleBlack()
	case fyne.KeyL:
		pr.at.State.SetSceneLegend(!pr.at.State.SceneLegend())
	case fyne.KeyEscape, fyne.KeyF5:
		if pr.Quote.Visible() && e.Name == fyne.KeyEscape {
			pr.hideQuote()
			return
		}
		pr.Leave()
	case fyne.KeyHome:
		pr.Go(0)
	case fyne.KeyEnd:
		pr.Go(len(pr.at.State.PresentScenes()) - 1)
	case fyne.KeyPlus, fyne.KeyEqual:
		pr.at.Map.Zoom(2)
	case fyne.KeyMinus:
		pr.at.Map.Zoom(0.5)
	default:
		if len(e.Name) == 1 && e.Name[0] >= '1' && e.Name[0] <= '9' {
			pr.Go(int(e.Name[0] - '1'))
		}
	}
}

// tap shows the clicked feature's quote in a large overlay.
func (pr *Presenter) tap(id string) {
	f, ok := pr.at.Plan.Feature(id)
	if !ok || len(f.Quotes) == 0 {
		pr.hideQuote()
		return
	}
	big := widget.RichTextStyle{ColorName: theme.ColorNameForeground, SizeName: theme.SizeNameSubHeadingText}
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: f.Name(pr.at.Lang()), Style: widget.RichTextStyleHeading}}
	for _, q := range f.Quotes {
		if len(segs) > 4 {
			break
		}
		segs = append(segs, &widget.TextSegment{Text: refLabel(pr.at.Plan.Doc, q.Ref) + " " + q.Text, Style: big})
	}
	pr.quote.Segments = segs
	pr.quote.Wrapping = fyne.TextWrapWord
	if pr.at.Lang() == "zh" {
		pr.quote.Wrapping = fyne.TextWrapBreak // Chinese breaks between any characters, not at spaces
	}
	pr.quote.Refresh()
	pr.Quote.Show()
	pr.closer.Show()
	pr.quotes.Refresh() // sized for this text
}

// hideQuote closes the quote; the map takes clicks again.
func (pr *Presenter) hideQuote() {
	pr.Quote.Hide()
	pr.closer.Hide()
}

// roomScale is how much presentation type grows with the screen: 1 at
// 1080 lines (Fyne units), never below.
func roomScale(height float32) float64 { return max(1, float64(height)/1080) }

// quoteLayout puts the quote in the middle of the screen, 70 % of its
// width and as tall as the text needs (at most 80 % of the height).
type quoteLayout struct{}

func (quoteLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		w := size.Width * 0.7
		o.Resize(fyne.NewSize(w, size.Height))
		h := min(o.MinSize().Height, size.Height*0.8)
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos((size.Width-w)/2, (size.Height-h)/2))
	}
}

func (quoteLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 0) }

// tapCatcher is a transparent layer that takes any click.
type tapCatcher struct {
	widget.BaseWidget
	onTap func()
}

func newTapCatcher(onTap func()) *tapCatcher {
	t := &tapCatcher{onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

// Tapped implements fyne.Tappable.
func (t *tapCatcher) Tapped(*fyne.PointEvent) { t.onTap() }

// TappedSecondary implements fyne.SecondaryTappable.
func (t *tapCatcher) TappedSecondary(*fyne.PointEvent) { t.onTap() }

// CreateRenderer implements fyne.Widget.
func (t *tapCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// QuoteText returns the text of the quote overlay (for tests).
func (pr *Presenter) QuoteText() string { return richText(pr.quote) }

// Leave ends presentation mode and restores layers, selection and view.
func (pr *Presenter) Leave() {
	at := pr.at
	if pr.stopAnim != nil {
		pr.stopAnim()
	}
	at.Presentation.active = nil
	// Marks made with the pen while presenting are the presentation's:
	// taken off the map as it ends, and offered to keep as annotations.
	var marks []annot.Annotation
	for _, a := range at.State.Annotations() {
		if !pr.saved.annots[a.ID] {
			marks = append(marks, a)
		}
	}
	at.State.Update(func() {
		for _, m := range marks {
			at.State.RemoveAnnotation(m.ID)
		}
		at.State.SetLayers(pr.saved.visible)
		at.State.SetStage(pr.saved.stage)
		at.State.SetAsOf(pr.saved.asOf)
		at.State.SetDeck(nil)
		at.State.Select(pr.saved.selected...)
		at.State.SetTextSize(pr.saved.textSize)
		at.State.SetPresenting(false, 0)
	})
	at.theme.scale = 1
	at.App.Settings().SetTheme(at.theme)
	at.Win.SetFullScreen(false)
	at.Win.SetPadded(true)
	at.Win.Canvas().SetOnTypedKey(at.typedKey)
	at.Map.OnTap = at.mapTapped
	at.layout()
	at.Map.SetView(pr.saved.view)
	if len(marks) > 0 {
		at.Presentation.offerMarks(marks)
	}
}

// offerMarks asks whether the marks drawn while presenting are kept as
// annotations (saved, and in exports when asked for) or let go.
func (px *Presentation) offerMarks(marks []annot.Annotation) {
	at := px.at
	l := at.Lang()
	d := dialog.NewConfirm(tr(l, "marksTitle"), fmt.Sprintf(tr(l, "marksKeep"), len(marks)), func(keep bool) {
		if !keep {
			return
		}
		at.State.Update(func() {
			for _, m := range marks {
				at.State.AddAnnotation(m)
			}
		})
	}, at.Win)
	d.SetConfirmText(tr(l, "marksKeepButton"))
	d.SetDismissText(tr(l, "marksDrop"))
	d.Show()
}

// fits reports whether s set at size is at most width wide.
func fits(s string, size float32, style fyne.TextStyle, width float32) bool {
	return fyne.MeasureText(s, size, style).Width <= width
}

// fitLine sets t at size, or smaller (down to 60 %) so that it fits width;
// what still does not fit ends in an ellipsis.
func fitLine(t *canvas.Text, size, width float32) {
	t.TextSize = size
	fits := func() bool { return fits(t.Text, t.TextSize, t.TextStyle, width) }
	for !fits() && t.TextSize > size*0.6 {
		t.TextSize *= 0.95
	}
	if fits() || width <= 0 {
		return
	}
	r := []rune(t.Text)
	for len(r) > 1 && !fits() {
		r = r[:len(r)-1]
		t.Text = string(r) + "…"
	}
}
