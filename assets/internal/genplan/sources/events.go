package sources

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/planatlas/planatlas/geo/plan"
)

// EventsFile is the dated progress of the plan's features, beside the
// gazetteer: one row per event (id, date, stage, desc_zh, desc_en,
// citation, reliability), a CSV a colleague can edit.
const EventsFile = "events.csv"

var eventColumns = []string{"id", "date", "stage", "desc_zh", "desc_en", "citation", "reliability"}

// ReadEvents reads the events file, keyed by feature id, each feature's
// events in file order.
func ReadEvents(r io.Reader) (map[string][]plan.Event, error) {
	cr := csv.NewReader(r)
	col, err := readHeader(cr, EventsFile, eventColumns)
	if err != nil {
		return nil, err
	}
	out := map[string][]plan.Event{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EventsFile, err)
		}
		get := func(c string) string { return strings.TrimSpace(rec[col[c]]) }
		e := plan.Event{Date: get("date"), Stage: plan.Stage(get("stage")), DescZh: get("desc_zh"), DescEn: get("desc_en"),
			Source: get("citation"), Reliability: plan.Reliability(get("reliability"))}
		if err := checkEvent(e); err != nil {
			return nil, fmt.Errorf("%s line %d (%s): %w", EventsFile, line, get("id"), err)
		}
		out[get("id")] = append(out[get("id")], e)
	}
}

// checkEvent checks one event on its own: a date of year, month or day
// precision, a known stage, words in both languages, a citation with a
// publisher and a link, a reliability.
func checkEvent(e plan.Event) error {
	switch {
	case !dateForm.MatchString(e.Date):
		return fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", e.Date)
	case !e.Stage.Valid() || e.Stage == "":
		return fmt.Errorf("unknown stage %q", e.Stage)
	case e.DescZh == "" || e.DescEn == "":
		return fmt.Errorf("an event needs desc_zh and desc_en")
	case e.Reliability == "" || !e.Reliability.Valid():
		return fmt.Errorf("reliability %q is not official, news or secondary", e.Reliability)
	}
	c := e.Citation()
	if c.Publisher == "" || !strings.HasPrefix(c.Link, "http") {
		return fmt.Errorf("citation %q needs a publisher and a link", e.Source)
	}
	if c.Date != "" && !dateForm.MatchString(c.Date) {
		return fmt.Errorf("citation date %q is not YYYY, YYYY-MM or YYYY-MM-DD", c.Date)
	}
	return nil
}

// attachEvents gives each feature its events after checking them as a
// sequence: in date order, and after adoption never going back from the
// stage the plan gives it (a project does not un-open).
func attachEvents(events map[string][]plan.Event, byID map[string]*plan.Feature) error {
	for id, es := range events {
		f, ok := byID[id]
		if !ok {
			return fmt.Errorf("%s: no feature %q in the gazetteer", EventsFile, id)
		}
		st := f.Stage
		for i, e := range es {
			if i > 0 && plan.DateLess(e.Date, es[i-1].Date) {
				return fmt.Errorf("%s (%s): %s comes after %s: events go in date order", EventsFile, id, e.Date, es[i-1].Date)
			}
			if plan.LastDay(e.Date) > Adopted {
				if e.Stage.Rank() < st.Rank() {
					return fmt.Errorf("%s (%s): on %s the stage goes back from %s to %s", EventsFile, id, e.Date, st, e.Stage)
				}
				st = e.Stage
			}
		}
		f.Events = es
	}
	return nil
}
