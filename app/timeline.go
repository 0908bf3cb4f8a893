package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/planatlas/planatlas/geo/plan"
)

// Timeline shows the plan's progress on a date: a month slider from the
// decision's adoption to today, the month's events, steps to the previous
// and next event, and a play button that walks the months.
type Timeline struct {
	at     *Atlas
	On     *widget.Check
	Slider *widget.Slider
	Date   *widget.Label
	Events *widget.Label
	Play   *tipButton
	obj    fyne.CanvasObject

	months []string // the adoption's month … this month
	stop   context.CancelFunc
}

// monthsSince lists the months from that of adopted (YYYY-MM-DD) to now's.
func monthsSince(adopted string, now time.Time) []string {
	start, err := time.Parse("2006-01-02", adopted)
	if err != nil {
		start = now
	}
	var out []string
	for t := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC); !t.After(now); t = t.AddDate(0, 1, 0) {
		out = append(out, t.Format("2006-01"))
	}
	return out
}

// eventMonths are the months of plan p with events after adoption, in order.
func eventMonths(p *plan.Plan) []string {
	seen := map[string]bool{}
	for _, f := range p.Features() {
		for _, e := range f.EventsSince() {
			seen[plan.LastDay(e.Date)[:7]] = true
		}
	}
	var out []string
	for m := range seen {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// NewTimeline builds the timeline for the layer panel.
func NewTimeline(at *Atlas) *Timeline {
	l := at.Lang()
	tl := &Timeline{at: at, months: monthsSince(at.Plan.Info.Adopted, time.Now())}
	tl.Date, tl.Events = widget.NewLabel(""), widget.NewLabel("")
	tl.Events.Wrapping = fyne.TextWrapWord
	tl.Slider = widget.NewSlider(0, float64(len(tl.months)-1))
	tl.Slider.Step = 1
	tl.Slider.SetValue(float64(len(tl.months) - 1))
	tl.Slider.OnChanged = func(v float64) {
		if tl.On.Checked {
			at.State.SetAsOf(tl.months[int(v)])
		}
		tl.show()
	}
	tl.On = widget.NewCheck(tl.label(), func(on bool) {
		if on {
			at.State.SetAsOf(tl.months[int(tl.Slider.Value)])
		} else {
			tl.Stop()
			at.State.SetAsOf("")
		}
		tl.show()
	})
	prev := at.Dialogs.newTipButton(tr(l, "prevEvent"), theme.MediaSkipPreviousIcon(), func() { tl.step(-1) })
	next := at.Dialogs.newTipButton(tr(l, "nextEvent"), theme.MediaSkipNextIcon(), func() { tl.step(1) })
	tl.Play = at.Dialogs.newTipButton(tr(l, "playTimeline"), theme.MediaPlayIcon(), tl.toggle)
	tl.obj = container.NewVBox(widget.NewSeparator(),
		widget.NewLabelWithStyle(tr(l, "timeline"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		tl.On, tl.Slider, tl.Date, container.NewHBox(prev, tl.Play, next), tl.Events)
	// The panel is narrow: every line wraps rather than being cut off.
	tl.Date.Wrapping = fyne.TextWrapWord
	if d := at.State.AsOf(); d != "" {
		tl.On.SetChecked(true)
		tl.setMonth(d[:7])
	}
	tl.show()
	return tl
}

func (tl *Timeline) label() string {
	l := tl.at.Lang()
	n := 0
	for _, f := range tl.at.Plan.Features() {
		n += len(f.EventsSince())
	}
	if n == 1 {
		return fmt.Sprintf(tr(l, "timelineOn1"), n) // "1 event", not "1 events"
	}
	return fmt.Sprintf(tr(l, "timelineOn"), n)
}

// setMonth moves the slider to a month ("2024-06").
func (tl *Timeline) setMonth(m string) {
	for i, x := range tl.months {
		if x == m {
			tl.Slider.SetValue(float64(i))
			return
		}
	}
}

// step moves to the previous (−1) or next (+1) month with events.
func (tl *Timeline) step(d int) {
	cur := tl.months[int(tl.Slider.Value)]
	ms := eventMonths(tl.at.Plan)
	if d < 0 {
		for i := len(ms) - 1; i >= 0; i-- {
			if ms[i] < cur {
				tl.On.SetChecked(true)
				tl.setMonth(ms[i])
				return
			}
		}
		return
	}
	for _, m := range ms {
		if m > cur {
			tl.On.SetChecked(true)
			tl.setMonth(m)
			return
		}
	}
}

// show writes the date and the month's events.
func (tl *Timeline) show() {
	l := tl.at.Lang()
	m := tl.months[int(tl.Slider.Value)]
	if !tl.On.Checked {
		adopted := tl.at.Plan.Info.Adopted
		if len(adopted) >= 7 {
			adopted = adopted[:7]
		}
		tl.Date.SetText(fmt.Sprintf(tr(l, "asAdopted"), plan.FormatDate(adopted, l)))
		tl.Events.SetText("")
		return
	}
	tl.Date.SetText(fmt.Sprintf(tr(l, "asOfMonth"), m))
	var lines []string
	for _, f := range tl.at.Plan.Features() {
		for _, e := range f.EventsSince() {
			if plan.LastDay(e.Date)[:7] == m {
				lines = append(lines, e.Date+" "+f.Name(l)+colon("x")+e.Desc(l))
			}
		}
	}
	sort.Strings(lines)
	tl.Events.SetText(strings.Join(lines, "\n"))
}

// toggle plays the months from the one shown (from the start at the end),
// a month every 0.4 s, or stops.
func (tl *Timeline) toggle() {
	if tl.stop != nil {
		tl.Stop()
		return
	}
	at := tl.at
	tl.On.SetChecked(true)
	i := int(tl.Slider.Value)
	if i >= len(tl.months)-1 {
		i = 0
	}
	ctx, cancel := context.WithCancel(context.Background())
	tl.stop = cancel
	tl.Play.SetIcon(theme.MediaPauseIcon())
	at.jobs.Add(1)
	go func() {
		defer at.jobs.Add(-1)
		tick := time.NewTicker(400 * time.Millisecond)
		defer tick.Stop()
		for ; i < len(tl.months); i++ {
			i := i
			at.do(func() {
				if ctx.Err() == nil {
					tl.Slider.SetValue(float64(i))
				}
			})
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
		at.do(tl.Stop)
	}()
}

// Stop ends playing.
func (tl *Timeline) Stop() {
	if tl.stop != nil {
		tl.stop()
		tl.stop = nil
	}
	tl.Play.SetIcon(theme.MediaPlayIcon())
}

// Object is the timeline's canvas object.
func (tl *Timeline) Object() fyne.CanvasObject { return tl.obj }
