package plan_test

import (
	"testing"

	"github.com/planatlas/planatlas/geo/plan"
)

func TestLastDay(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024", "2024-12-31"}, {"2024-02", "2024-02-29"}, {"2023-02", "2023-02-28"}, {"1900-02", "1900-02-28"},
		{"2000-02", "2000-02-29"}, {"2021-11", "2021-11-30"}, {"2024-06-27", "2024-06-27"},
	}
	for _, tt := range tests {
		if got := plan.LastDay(tt.in); got != tt.want {
			t.Errorf("LastDay(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// A day comes before the month it is in (the month is surely over later).
	if !plan.DateLess("2024-06-27", "2024-06") || plan.DateLess("2024-06", "2024-06-27") || plan.DateLess("2024", "2024") {
		t.Error("DateLess is not a strict order by the days dates surely cover")
	}
}

// 巴南高铁 opened on 2024-06-27: under construction the day before,
// existing the day after; a year-only event counts from the year's end.
func TestStageAt(t *testing.T) {
	p := load(t)
	feat := func(id string) *plan.Feature {
		f, ok := p.Feature(id)
		if !ok {
			t.Fatalf("no %s", id)
		}
		return f
	}
	banan, bawan, qyk := feat("banan_hsr_section"), feat("bawan_expressway"), feat("qingyukou_reservoir")
	tests := []struct {
		f    *plan.Feature
		date string
		want plan.Stage
	}{
		{banan, "2020-07-29", plan.StageUnderConstruction},
		{banan, "2024-06-26", plan.StageUnderConstruction},
		{banan, "2024-06-27", plan.StageExisting},
		{banan, "2024-06-28", plan.StageExisting},
		{banan, "2024-06", plan.StageExisting}, // a month means its last day
		{bawan, "2020-12-31", plan.StageUnderConstruction},
		{bawan, "2021-01-01", plan.StageExisting},
		{qyk, "2021-11-08", plan.StageStudy},
		{qyk, "2022-01-01", plan.StagePromoted},
	}
	for _, tt := range tests {
		if got := tt.f.StageAt(tt.date); got != tt.want {
			t.Errorf("%s at %s: %s, want %s", tt.f.ID, tt.date, got, tt.want)
		}
	}
}

// Every event is dated, staged, described in both languages and cited
// with a publisher and a link; the count of features with events and with
// none found is logged for the note.
func TestEventsCited(t *testing.T) {
	p := load(t)
	with, none, events := 0, 0, 0
	for _, f := range p.Features() {
		if f.Layer == plan.GroupBase || f.Class == plan.ClassRole || f.Class == plan.ClassCity || f.Layer == "region" {
			continue
		}
		if len(f.Events) == 0 {
			none++
			continue
		}
		with++
		for i, e := range f.Events {
			events++
			c := e.Citation()
			if c.Publisher == "" || c.Link == "" || e.Reliability == "" || e.DescZh == "" || e.DescEn == "" || !e.Stage.Valid() {
				t.Errorf("%s event %d: %+v", f.ID, i, e)
			}
			if i > 0 && plan.DateLess(e.Date, f.Events[i-1].Date) {
				t.Errorf("%s: events out of order at %s", f.ID, e.Date)
			}
		}
	}
	t.Logf("%d events on %d features; %d features with no public information found", events, with, none)
	if with < 20 {
		t.Errorf("only %d features have events", with)
	}
}

// The milestones are every event since adoption, in date order, each on
// its day and highlighting its feature.
func TestProgressScenes(t *testing.T) {
	p := load(t)
	ms := p.ProgressScenes()
	n := 0
	for _, f := range p.Features() {
		n += len(f.EventsSince())
	}
	if len(ms) != n {
		t.Fatalf("%d milestones, %d events since adoption", len(ms), n)
	}
	for i, s := range ms {
		if s.AsOf == "" || len(s.Highlight) != 1 || !(s.BBox[0] < s.BBox[2]) {
			t.Errorf("milestone %d: %+v", i, s)
		}
		if i > 0 && plan.DateLess(s.AsOf, ms[i-1].AsOf) {
			t.Errorf("milestone %d (%s) before %s", i, s.AsOf, ms[i-1].AsOf)
		}
	}
}
